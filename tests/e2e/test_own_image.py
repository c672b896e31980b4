"""Browser test of "Try your own picture": one-click training, a generated photo through the real
uploader, the pipeline, the bars and the link into the softmax explorer, in both languages; every bad
picture through the same uploader; a drawing on the canvas; screenshots at three widths in both languages."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest
from PIL import Image

from core.pages import own_image as oi
from core.text.i18n import class_names, t
from tests.conftest import encode
from tests.e2e.conftest import (CHARTS, CHROMIUM, CHROMIUM_ARGS, assert_no_exception, main, nav, open_app,
                                screenshot, wait_ready, wait_status)

pytestmark = pytest.mark.e2e

# The probabilities on the page's first chart (its bars), or null while it holds none.
BARS = f"() => ({CHARTS})()[0]?.[0]?.x ?? null"


def shirt_photo() -> Image.Image:
    """A dark shape on a light, slightly noisy background, as a phone would take it."""
    rng = np.random.default_rng(1)
    a = np.clip(rng.normal(232, 4, (480, 640, 3)), 0, 255).astype(np.uint8)
    a[120:400, 220:420] = (50, 60, 90)
    a[120:220, 140:500] = (50, 60, 90)
    return Image.fromarray(a)


def faults() -> dict[str, tuple[bytes, str | None]]:
    """Bad pictures by file name: their bytes and the message key they give (None: a sensible result)."""
    jpeg = encode(shirt_photo(), "JPEG", quality=90)
    rgba = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    rgba.paste((30, 30, 30, 255), (50, 40, 150, 170))
    gif_first = shirt_photo()
    return {
        "notes.png": (b"This is a text file, renamed.\n" * 10, "own.error.not_image"),
        "cut.jpg": (jpeg[: len(jpeg) // 2], "own.error.damaged"),
        "dot.png": (encode(Image.new("RGB", (1, 1), "red")), "own.error.too_small"),
        "bomb.png": (encode(Image.new("1", (20_000, 20_000), 1), optimize=True), "own.error.bomb"),
        "blank.png": (encode(Image.new("RGB", (300, 300), "white")), "own.error.blank"),
        "anim.gif": (encode(gif_first, "GIF", save_all=True, append_images=[Image.new("RGB", (640, 480))],
                            duration=100, loop=0), None),
        "cmyk.jpg": (encode(shirt_photo().convert("CMYK"), "JPEG"), None),
        "deep.png": (encode(Image.fromarray(np.asarray(shirt_photo().convert("L")).astype(np.uint16) * 257)),
                     None),
        "clear.png": (encode(rgba), None),
    }


def upload(page, path) -> None:
    """Send a file through the real uploader and wait for the rerun it causes to finish."""
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    page.locator("[data-testid='stFileChipName']", has_text=path.name).wait_for()
    page.wait_for_function("!document.querySelector('[data-testid=stFileChipIconSpinner]')")
    page.wait_for_timeout(300)  # the rerun the upload triggers may start a moment later
    wait_ready(page)


def switch_language(page, label: str) -> None:
    page.locator("[data-testid='stSidebar']").get_by_role("radio", name=label).click()
    wait_ready(page)


def test_own_picture_end_to_end(page, app_url, tmp_path):
    """Check the lesson: no run → one click trains the fast preset on the trainer page; back on the page
    a generated photo goes through the real uploader and shows the seven steps, ten softmax bars that sum
    to 1 and a link opening the image's logits in the softmax explorer; the same in Korean; every bad
    picture gives its message (or a result) without a traceback, in both languages."""
    open_app(page, f"{app_url}/own?lang=en")
    main(page).get_by_text(t("own.no_run", "en")[:40]).wait_for()
    main(page).get_by_role("button", name=t("own.train_fast", "en")).click()
    page.wait_for_url("**/trainer?*")
    wait_ready(page)
    wait_status(page, "Finished", 180_000)
    nav(page, t("own.nav", "en"))

    photo = tmp_path / "shirt.jpg"
    photo.write_bytes(encode(shirt_photo(), "JPEG", quality=92))
    upload(page, photo)
    pipeline = main(page).locator("[data-testid='stImage']").first
    for step in ("original", "cropped", "grayscale", "inverted", "resized", "sharpened"):
        assert main(page).get_by_text(t(f"own.step.{step}", "en"), exact=True).count() == 1
    assert main(page).get_by_text("28×28 input", exact=True).count() == 1
    assert pipeline.is_visible()
    page.wait_for_function(f"({BARS})() !== null")
    bars = page.evaluate(BARS)
    assert len(bars) == 10 and abs(sum(bars) - 1) < 1e-3
    link = main(page).get_by_role("link", name=t("own.open_softmax", "en"))
    query = parse_qs(urlparse(link.get_attribute("href")).query)
    z = np.array([float(query[f"z{i}"][0]) for i in range(10)])
    p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    assert np.abs(p - np.array(bars)).max() < 2e-3  # the link's logits are this picture's softmax inputs
    assert query["labels"] == ["fashion"] and query["n"] == ["10"]
    top = class_names("en")[int(np.argmax(bars))]
    assert main(page).get_by_text(t("own.nearest.caption", "en", k=5, name=top)).count() == 1
    assert_no_exception(page)
    for width in (1366, 820, 390):
        page.set_viewport_size({"width": width, "height": 900})
        wait_ready(page)
        screenshot(page, f"own-{width}-en")

    page.set_viewport_size({"width": 1366, "height": 900})
    switch_language(page, "한국어")
    assert main(page).get_by_role("heading", name=t("own.title", "ko")).count() >= 1
    assert main(page).get_by_role("link", name=t("own.open_softmax", "ko")).count() == 1
    assert main(page).get_by_text(t("own.step.cropped", "ko"), exact=True).count() == 1
    run_box = main(page).get_by_role("combobox", name=t("own.run", "ko")).input_value()
    assert "hidden units" not in run_box and "NumPy" in run_box, run_box  # the run's name follows the language
    for width in (1366, 820, 390):
        page.set_viewport_size({"width": width, "height": 900})
        wait_ready(page)
        screenshot(page, f"own-{width}-ko")
    main(page).get_by_text(t("own.options", "ko")).click()  # the options, open, on a phone
    wait_ready(page)
    screenshot(page, "own-390-ko-options")
    main(page).get_by_text(t("own.options", "ko")).click()
    page.set_viewport_size({"width": 1366, "height": 900})

    for lang, label in (("ko", None), ("en", "English")):
        if label:
            switch_language(page, label)
        for name, (data, key) in faults().items():
            path = tmp_path / name
            path.write_bytes(data)
            upload(page, path)
            assert_no_exception(page)
            alerts = main(page).locator("[data-testid='stAlertContentError']")
            if key is None:
                assert alerts.count() == 0, f"{name}: {alerts.all_inner_texts()}"
                page.wait_for_function(f"({BARS})() !== null")
            else:
                expected = t(key, lang, kinds=oi.KINDS, error="", w=1, h=1, min=oi.MIN_SIDE,
                             max_mp=oi.MAX_PIXELS / 1e6).split("(")[0][:25]
                assert alerts.count() == 1 and expected in alerts.inner_text(), (name, alerts.all_inner_texts())
        if lang == "ko":
            screenshot(page, "own-fault-ko")

    # The drawing canvas: untouched it waits, a filled T-shirt shape is classified, cleared it is blank.
    main(page).get_by_role("radio", name=t("own.source.draw", "en")).click()
    wait_ready(page)
    main(page).get_by_text(t("own.waiting", "en")).wait_for()
    box = main(page).locator("canvas").last.bounding_box()
    for y in range(50, 250, 10):
        left, right = (30, 250) if y < 110 else (85, 195)
        page.mouse.move(box["x"] + left, box["y"] + y)
        page.mouse.down()
        page.mouse.move(box["x"] + right, box["y"] + y, steps=8)
        page.mouse.up()
    page.wait_for_timeout(500)
    wait_ready(page)
    main(page).get_by_text("28×28 input", exact=True).wait_for()
    page.wait_for_function(f"({BARS})() !== null")
    assert main(page).locator("[data-testid='stAlertContentError']").count() == 0
    screenshot(page, "own-draw-en")
    page.get_by_role("button", name="Reset canvas & history").click()
    page.wait_for_timeout(500)
    wait_ready(page)
    blank = t("own.error.blank", "en")[:30]
    page.wait_for_function("(document.querySelector('[data-testid=stAlertContentError]')?.innerText ?? '')"
                           f".includes({blank!r})")
    main(page).get_by_role("radio", name=t("own.source.upload", "en")).click()
    wait_ready(page)
    upload(page, photo)

    link.click()  # the link from the last good picture's verdict opens the explorer
    page.wait_for_url("**/softmax?*")
    wait_ready(page)
    assert_no_exception(page)


def test_camera_photo_goes_through_the_pipeline(browser, app_url):
    """Check the camera input with Chromium's fake camera (a moving test pattern): a shot taken on the page
    goes through the pipeline, in Korean, with no error and no traceback."""
    camera = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + [
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"])
    try:
        ctx = camera.new_context(viewport={"width": 1366, "height": 900}, permissions=["camera"])
        page = ctx.new_page()
        open_app(page, f"{app_url}/own?lang=ko&src=camera")
        # A shot taken before the fake camera streams is lost: wait for a frame first (slow on a busy machine).
        page.wait_for_function("(document.querySelector('[data-testid=stMainBlockContainer] video')"
                               "?.readyState ?? 0) >= 2", timeout=30_000)
        main(page).get_by_role("button", name="Take Photo").click()  # Streamlit's own label
        main(page).get_by_text("28×28 입력", exact=True).wait_for(timeout=30_000)
        wait_ready(page)
        assert main(page).locator("[data-testid='stAlertContentError']").count() == 0
        assert main(page).get_by_text(t("own.step.sharpened", "ko"), exact=True).count() == 1
        assert_no_exception(page)
        screenshot(page, "own-camera-ko")
    finally:
        camera.close()
