"""Browser tests of the decision-regions page, whose plane trains and draws in the browser: Play, Pause, Step
and a reload keep one trajectory and the server's probe reads the same probabilities as the plane's hover; a
click adds a point while playing; the keyboard and a hidden tab; no blank frame, rings only after training,
classes in order, the text alternative; screenshots while playing at three widths in both languages, with
Play, the plane and the score in one screen."""
import io
import re

import numpy as np
import pytest
from PIL import Image

from core.text.i18n import t
from tests.e2e.conftest import assert_no_exception, open_app, screenshot, wait_ready

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("warm_server")]

SPIRAL = "rkind=spiral&rc=3&rnoise=0.1&rn=400&runits=16&ract=tanh&rlr=0.3&rbatch=16"  # the "hidden" preset
ROOT = ".rg"  # the component's root, in its shadow root (Playwright's CSS selectors pierce it)
# The root element from page JavaScript (document.querySelector does not enter shadow roots).
FIND = ("() => { for (const h of document.querySelectorAll('.st-key-rg_live *')) "
        "{ const r = h.shadowRoot && h.shadowRoot.querySelector('.rg'); if (r) return r; } return null; }")


def epoch(page) -> int:
    return int(page.locator(ROOT).get_attribute("data-epoch"))


def wait_epoch(page, at_least: int, timeout: float = 30_000) -> int:
    """Wait until the plane has reached ``at_least`` epochs; returns the epoch then."""
    return page.wait_for_function(f"() => {{ const r = ({FIND})(); const e = r && Number(r.dataset.epoch); "
                                  f"return e >= {at_least} ? e : null; }}", timeout=timeout).json_value()


def open_plane(page, url: str) -> None:
    open_app(page, url)
    page.locator(ROOT).wait_for()
    bring_up(page)


def bring_up(page) -> None:
    """Scroll the plane's bar to just below Streamlit's header, as a student does to watch."""
    page.locator(".st-key-rg_live").evaluate("e => { e.style.scrollMarginTop = '64px'; e.scrollIntoView({block: 'start'}); }")
    page.wait_for_timeout(200)


def play_button(page):
    return page.locator(f"{ROOT} .rg-primary")


def spot(page, u: float, v: float) -> tuple[int, int]:
    """The window's pixel at the plot's point (u, v) (shares of its width and height from the top left), whole
    pixels: Chromium gives a pointer move fractional coordinates and a click whole ones."""
    box = page.locator(f"{ROOT} .rg-plane").bounding_box()
    return round(box["x"] + 46 + u * (box["width"] - 54)), round(box["y"] + 8 + v * (box["height"] - 46))


def hover_text(page, u: float, v: float) -> str:
    """The tooltip at the plot's point (u, v)."""
    page.mouse.move(*spot(page, u, v))
    tip = page.locator(f"{ROOT} .rg-tip")
    tip.wait_for(state="visible")
    return tip.inner_text()


def plane_pixels(page) -> np.ndarray:
    """The plane canvas as an RGB array (a screenshot of it)."""
    return np.asarray(Image.open(io.BytesIO(page.locator(f"{ROOT} .rg-plane").screenshot())).convert("RGB"))


def test_play_pause_step_reload_and_the_servers_probe(page, app_url):
    """Check Play trains in the browser (printing the frames per second), Pause holds the epoch, Step adds
    exactly one, a reload resumes from the reported weights, and the probe the server computes after a click
    shows the same C probabilities as the plane's own hover at that spot."""
    page.set_viewport_size({"width": 1366, "height": 768})
    open_plane(page, f"{app_url}/regions?lang=en&{SPIRAL}&rclick=look")
    assert epoch(page) == 0
    play_button(page).click()
    start = wait_epoch(page, 30)
    began = page.evaluate("performance.now()")
    end = wait_epoch(page, start + 150)
    seconds = (page.evaluate("performance.now()") - began) / 1000
    print(f"\n[en] decision regions, Play in the browser: {(end - start) / seconds:.1f} epochs+frames per second "
          "(spiral, 16 tanh units, 1366 px)")
    play_button(page).click()  # Pause: reported to the server
    wait_ready(page)
    held = epoch(page)
    page.wait_for_timeout(1000)
    assert epoch(page) == held and play_button(page).inner_text() == t("regions.play", "en")
    page.locator(f"{ROOT} .rg-btn", has_text=t("regions.step", "en")).click()
    wait_ready(page)
    assert epoch(page) == held + 1
    page.reload()
    wait_ready(page)
    page.locator(ROOT).wait_for()
    wait_epoch(page, held + 1)
    wait_ready(page)
    assert epoch(page) == held + 1  # resumed, not restarted
    bring_up(page)
    tip = hover_text(page, 0.3, 0.6)
    shown = re.findall(r": (\d\.\d{3})", tip)
    assert len(shown) == 3
    page.mouse.click(*spot(page, 0.3, 0.6))
    probe = page.get_by_text(re.compile(r"^At x₁ = ")).first
    probe.wait_for()
    wait_ready(page)
    # The server's model (adopted from the browser) at the clicked spot; the hover read the same spot, rounded
    # to the same 3 decimals the click's coordinates are stored with.
    assert re.findall(r"p\d = (\d\.\d{3})", probe.inner_text()) == shown
    assert page.get_by_text(t("regions.open_softmax", "en")).count() == 1
    assert_no_exception(page)
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["ko"])
def test_a_click_adds_a_point_while_playing(page, app_url, lang):
    """Check a click on the playing plane adds a point of the chosen class: in the link, on Clear, in the legend,
    while training goes on."""
    page.set_viewport_size({"width": 1366, "height": 900})
    open_plane(page, f"{app_url}/regions?lang={lang}&rkind=blobs&rc=3&rclick=1")
    play_button(page).click()
    wait_epoch(page, 20)
    box = page.locator(f"{ROOT} .rg-plane").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.4)
    page.wait_for_function("() => location.search.includes('rpts=')", timeout=30_000)
    wait_ready(page)
    assert re.search(r"rpts=[-0-9.]+(%2C|,)[-0-9.]+(%2C|,)1", page.url)
    label = t("regions.clear", lang, n=1)
    assert page.locator(".st-key-rg_clear").get_by_role("button").inner_text().strip() == label
    assert page.locator(f"{ROOT} .rg-legend").get_by_text(t("regions.fig.added", lang)).count() == 1
    now = epoch(page)
    wait_epoch(page, now + 20)  # still playing
    assert play_button(page).inner_text() == t("regions.pause", lang)
    assert page.console_errors == []


def test_keyboard_and_a_hidden_tab(page, app_url):
    """Check Space plays and pauses the focused plane and the right arrow steps one epoch; a hidden tab pauses
    Play and coming back resumes it."""
    open_plane(page, f"{app_url}/regions?lang=en&rkind=moons&runits=8")
    page.locator(ROOT).focus()
    page.keyboard.press("Space")
    wait_epoch(page, 10)
    page.keyboard.press("Space")
    wait_ready(page)
    held = epoch(page)
    page.keyboard.press("ArrowRight")
    wait_ready(page)
    assert epoch(page) == held + 1
    page.keyboard.press("Space")
    wait_epoch(page, held + 10)
    page.evaluate("Object.defineProperty(document, 'hidden', {value: true, configurable: true});"
                  "document.dispatchEvent(new Event('visibilitychange'))")
    wait_ready(page)
    hidden_at = epoch(page)
    page.wait_for_timeout(1000)
    assert epoch(page) == hidden_at
    page.evaluate("Object.defineProperty(document, 'hidden', {value: false, configurable: true});"
                  "document.dispatchEvent(new Event('visibilitychange'))")
    wait_epoch(page, hidden_at + 10)


def test_no_blank_frame_rings_after_training_classes_in_order_and_words(page, app_url):
    """Check no screenshot taken during Play shows a blank plane, no point wears the red ring before training and
    some do after it (softmax regression cannot fit the spiral), the legend lists the classes in order, and the
    text alternative says the epoch, the class areas and the accuracy."""
    open_plane(page, f"{app_url}/regions?lang=en&rkind=spiral&rc=3&runits=0")
    red = lambda px: int(np.sum((px[..., 0] > 180) & (px[..., 1] < 40) & (px[..., 2] < 40)))  # noqa: E731
    assert red(plane_pixels(page)) == 0
    names = page.locator(f"{ROOT} .rg-legend .rg-item").all_inner_texts()
    assert names[:3] == [f"{t('regions.fig.class', 'en')} {k}" for k in (1, 2, 3)]
    play_button(page).click()
    wait_epoch(page, 5)
    white = []
    for _ in range(30):
        px = plane_pixels(page)
        white.append(float(np.mean(px.min(axis=2) > 250)))
    assert max(white) < 0.5, white  # the regions cover the plot: a blank frame would be nearly all white
    assert red(plane_pixels(page)) > 0
    alt = page.locator(f"{ROOT} .rg-alt")
    page.wait_for_function(f"() => ({FIND})().querySelector('.rg-alt').textContent.includes('Training accuracy')")
    assert re.match(r"Epoch \d+\. Share of the plane per class: class 1 \d+\.\d%, class 2 \d+\.\d%, class 3 "
                    r"\d+\.\d%\. Training accuracy \d+\.\d%", alt.inner_text())
    assert page.locator(f"{ROOT} .rg-plane").get_attribute("aria-label").startswith("Epoch ")


def test_one_vs_rest_shows_its_ambiguous_area(page, app_url):
    """Check one-vs-rest on 4 blobs trains in the browser and its score shows a grey ambiguous area above 0 %."""
    open_plane(page, f"{app_url}/regions?lang=en&rkind=blobs&rc=4&rmodel=ovr&rlr=1")
    play_button(page).click()
    wait_epoch(page, 30)
    score = page.locator(f"{ROOT} .rg-score").inner_text()
    share = re.search(rf"{t('regions.m.ambiguous', 'en')}\s+(\d+\.\d)%", score)
    assert share and float(share.group(1)) > 0, score


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("width, height", [(1366, 768), (820, 1180), (390, 844)])
def test_screenshots_while_playing(browser, app_url, lang, width, height):
    """Save the spiral learned by 16 tanh units, with their lines, while playing (look at them:
    artifacts/screenshots/); check Play, the plane and the score are in one screen, and the hint says tap on
    a touch screen and hover elsewhere."""
    touch = width < 1000
    ctx = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=width < 500)
    page = ctx.new_page()
    open_plane(page, f"{app_url}/regions?lang={lang}&{SPIRAL}")
    play_button(page).click()
    wait_epoch(page, 300, timeout=60_000)
    bring_up(page)
    for part in (".rg-primary", ".rg-score", ".rg-plane"):
        box = page.locator(f"{ROOT} {part}").bounding_box()
        assert box["y"] >= 60 and box["y"] + box["height"] <= height, (part, box)  # below the header
    hint = page.locator(f"{ROOT} .rg-hint").first.inner_text()
    assert hint == t("regions.hint_touch" if touch else "regions.hint_mouse", lang)
    assert_no_exception(page)
    screenshot(page, f"regions-playing-{lang}-{width}", full_page=False)
    page.locator(f"{ROOT} .rg-curves").evaluate("e => e.scrollIntoView({block: 'end'})")
    screenshot(page, f"regions-playing-curves-{lang}-{width}", full_page=False)
    ctx.close()


def test_play_stops_at_the_cap_with_a_message(page, app_url):
    """Check Play stops by itself at 10,000 epochs with the message, Play and Step then disabled: a tab whose last
    report (kept for a reload) was at epoch 9,990 resumes there and plays the last ten. Reset starts again at
    epoch 0, also after a reload."""
    open_plane(page, f"{app_url}/regions?lang=en&rkind=moons&runits=4")
    page.locator(f"{ROOT} .rg-btn", has_text=t("regions.step", "en")).click()
    wait_ready(page)
    page.evaluate("() => { const s = JSON.parse(sessionStorage.getItem('cp-regions')); s.epoch = 9990; "
                  "sessionStorage.setItem('cp-regions', JSON.stringify(s)); }")
    page.reload()
    wait_ready(page)
    wait_epoch(page, 9990)
    wait_ready(page)
    bring_up(page)
    play_button(page).click()
    wait_epoch(page, 10_000)
    wait_ready(page)
    page.wait_for_timeout(500)
    assert epoch(page) == 10_000
    assert page.locator(f"{ROOT} .rg-note").inner_text() == t("regions.capped", "en", n="10,000")
    assert play_button(page).is_disabled()
    page.locator(f"{ROOT} .rg-btn", has_text=t("regions.reset", "en")).click()
    wait_ready(page)
    page.wait_for_function(f"() => ({FIND})().dataset.epoch === '0'")
    page.reload()
    wait_ready(page)
    page.locator(ROOT).wait_for()
    page.wait_for_timeout(1000)
    assert epoch(page) == 0 and not play_button(page).is_disabled()
    assert page.console_errors == []
