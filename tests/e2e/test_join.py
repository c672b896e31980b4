"""Browser test of the join box: the teacher opens it on a projector's screen and the class reads the address
Streamlit printed as "Network URL", in large type and as a QR code that decodes to it; a server on this machine
only says so and gives the classroom command instead."""
import io
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from core.classroom.join import CLASSROOM_COMMAND, qr_svg
from core.text.i18n import t
from tests.e2e.conftest import ROOT, free_port, open_app, screenshot, start_app, stop_app, unlock, wait_ready

pytestmark = pytest.mark.e2e

TEACHER_KEY = "chalk-and-talk"
PROJECTORS = [(1280, 720), (1920, 1080)]
DIALOG = "[data-testid='stDialog']"


@pytest.fixture(params=["0.0.0.0", "127.0.0.1"], ids=["network", "this-machine"])
def server(request, tmp_path):
    """A server of its own with a teacher key, on the classroom network (0.0.0.0) or this machine only (the
    address .streamlit/config.toml sets); yields its address for the browser and the log it prints."""
    port = free_port()
    proc = start_app(port, {"PLAYGROUND_TEACHER_KEY": TEACHER_KEY, "PLAYGROUND_DATA_DIR": str(tmp_path)},
                     address=request.param)
    yield request.param, f"http://127.0.0.1:{port}", ROOT / "artifacts" / f"streamlit-{port}.log"
    stop_app(proc)


def open_join_box(browser, url: str, size: tuple[int, int], lang: str):
    """A teacher's new browser at ``size``: unlocks the teacher tools in the sidebar and opens the join box."""
    page = browser.new_context(viewport={"width": size[0], "height": size[1]}).new_page()
    open_app(page, f"{url}/?lang={lang}")
    unlock(page, TEACHER_KEY, lang)
    page.locator("[data-testid='stSidebar']").get_by_role("button", name=t("join.button", lang)).click()
    page.locator(DIALOG).wait_for(timeout=10_000)
    wait_ready(page)
    return page


def in_view(page, locator) -> dict:
    """The element's box, checked to lie wholly inside the window."""
    box = locator.bounding_box()
    size = page.viewport_size
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= size["width"] and box["y"] + box["height"] <= size["height"], (box, size)
    return box


def network_url(log) -> str:
    """The "Network URL" Streamlit printed at start (the box must show this one)."""
    found = re.findall(r"Network URL:\s*(\S+)", log.read_text())
    assert len(found) == 1, log.read_text()
    return found[0]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_join_box_on_a_projector(browser, server, lang):
    """Check must-show 2's join box at 1280×720 and 1920×1080: on the classroom network it shows the address
    Streamlit printed as "Network URL" in large type beside a QR code at least 300 px wide, both wholly in
    view, and the code (as the browser drew it, read by zxing-cpp) decodes to exactly that address; on this
    machine only it says so, shows the classroom command and no code."""
    address, url, log = server
    for size in PROJECTORS:
        page = open_join_box(browser, url, size, lang)
        dialog = page.locator(DIALOG)
        assert dialog.get_by_text(t("join.title", lang)).count() == 1
        name = f"join-{'' if address == '0.0.0.0' else 'local-'}{size[0]}-{lang}"
        if address != "0.0.0.0":
            assert dialog.get_by_text(t("join.local", lang)).count() == 1
            assert dialog.locator("[data-testid='stCode']").inner_text().strip() == CLASSROOM_COMMAND
            assert dialog.locator("img").count() == 0
            screenshot(page, name, full_page=False)
            page.context.close()
            continue
        shown = dialog.locator(".st-key-cp_join_url")
        assert shown.inner_text().strip() == network_url(log)
        size_px = "e => parseFloat(getComputedStyle(e).fontSize)"
        how = dialog.get_by_text(t("join.how", lang))
        assert shown.locator("[data-testid='stText']").evaluate(size_px) >= 2.5 * how.evaluate(size_px)
        in_view(page, shown)
        qr = dialog.locator("[data-testid='stImage'] img")
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
        assert in_view(page, qr)["width"] >= 300
        assert how.count() == 1
        screenshot(page, name, full_page=False)
        zxingcpp = pytest.importorskip("zxingcpp")
        drawn = Image.open(io.BytesIO(qr.screenshot()))
        assert [code.text for code in zxingcpp.read_barcodes(drawn)] == [network_url(log)]
        page.context.close()


def rasterised(browser, svgs: list[str], px: int = 400) -> list[Image.Image]:
    """Each SVG as Chromium draws it in an <img> ``px`` pixels wide (as st.image shows it), in grey."""
    images = []
    page = browser.new_page(viewport={"width": px + 40, "height": px + 40})
    for svg in svgs:
        page.set_content("<body style='margin:0;background:#888'><img id=qr></body>")
        page.eval_on_selector("#qr", "(img, [svg, px]) => { img.width = px; "
                              "img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg); }", [svg, px])
        page.wait_for_function("() => document.querySelector('#qr').complete")
        images.append(Image.open(io.BytesIO(page.locator("#qr").screenshot())).convert("L"))
    page.close()
    return images


URLS = ["http://192.168.1.23:8501", "http://10.0.0.7:8080/class", "http://[fd00::7]:8501",
        "https://a-rather-long-teacher-laptop-name.school-network.example.org:8443/playground"]


def test_the_qr_code_reads_back_as_the_address(browser):
    """Check that each address's code, drawn by Chromium, decodes (zxing-cpp) to exactly that address, and
    keeps a white quiet zone of at least four modules around the dark ones."""
    zxingcpp = pytest.importorskip("zxingcpp")
    svgs = [qr_svg(url) for url in URLS]
    for url, svg, image in zip(URLS, svgs, rasterised(browser, svgs)):
        assert [c.text for c in zxingcpp.read_barcodes(image)] == [url]
        modules = float(ET.fromstring(svg).attrib["viewBox"].split()[2])  # the code's side and its border
        dark = np.argwhere(np.asarray(image) < 128)
        module_px = image.width / modules
        assert dark.min() >= 4 * module_px - 1 and dark.max() <= image.width - 4 * module_px, url
