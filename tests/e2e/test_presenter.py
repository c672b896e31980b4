"""Browser tests on a projector's screen: the presenter view (``?present=1``) at 1280×720 and 1920×1080 — the
sidebar folded, larger type and chart text, nothing wider than the screen, no chart text overlapping or cut — and,
presenter view or not, what moves in view at 1366×768 and 1280×720: the trainer's live chart after Start, the
sigmoid page's replay after Fit."""
import pytest

from core.text.i18n import t
from tests.e2e.conftest import (SIDEBAR_RIGHT, assert_no_exception, main, screenshot, train_to_the_end, wait_folded,
                                wait_ready)

pytestmark = pytest.mark.e2e

# The type Streamlit sizes everything in (the main area's computed font size) and the first drawn tick label's.
SIZES = """() => ({
    main: parseFloat(getComputedStyle(document.querySelector('[data-testid="stMain"]')).fontSize),
    tick: parseFloat(getComputedStyle(
        document.querySelector('[data-testid="stPlotlyChart"] .xtick text')).fontSize)})"""
# How much wider than the window the page, or its scrolling main area, is (0: nothing scrolls sideways).
SIDEWAYS = """() => { const m = document.querySelector('[data-testid="stMain"]');
    return Math.max(document.documentElement.scrollWidth - window.innerWidth, m.scrollWidth - m.clientWidth); }"""
# Every text a drawn chart shows (not a hover label): which lie partly outside their chart, and which pairs overlap.
CHART_TEXT = """() => {
    const problems = [];
    let seen = 0;
    for (const gd of document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')) {
        if (gd.offsetParent === null) continue;
        const chart = gd.querySelector('.main-svg').getBoundingClientRect();
        const boxes = [...gd.querySelectorAll('.main-svg text')]
            .filter(e => e.textContent.trim() && !e.closest('.hoverlayer')
                         && getComputedStyle(e).visibility !== 'hidden')
            .map(e => ({text: e.textContent, box: e.getBoundingClientRect()})).filter(b => b.box.width > 0);
        seen += boxes.length;
        for (const {text, box} of boxes)
            if (box.left < chart.left - 1 || box.right > chart.right + 1 || box.top < chart.top - 1
                || box.bottom > chart.bottom + 1) problems.push(`cut: ${text}`);
        boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
            const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
            const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
            if (x > 2 && y > 2) problems.push(`overlap: ${a.text} / ${b.text}`);
        }));
    }
    return {seen, problems};
}"""
# Whether every element matching the selector lies wholly inside the window (and at least one does).
IN_VIEW = """(selector) => { const els = [...document.querySelectorAll(selector)];
    return els.length > 0 && els.every(e => { const r = e.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }); }"""
LIVE_CHART = ".st-key-tr_live [data-testid='stPlotlyChart']"
FIT_CHARTS = ".st-key-sg_fit_view [data-testid='stPlotlyChart']"
PAGES = {"softmax": "softmax", "trainer": "trainer?preset=fast&data=digits"}


@pytest.fixture(scope="module")
def trained(browser, app_url):
    """A browser (context) with one finished run on the offline digits, so the trainer page shows its chart."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    page = ctx.new_page()
    page.goto(f"{app_url}/{PAGES['trainer']}&lang=en")
    wait_ready(page, 60_000)
    train_to_the_end(page, "en")
    page.close()
    yield ctx
    ctx.close()


def open_drawn(page, url: str) -> None:
    """Open ``url`` and wait until it has run and its first chart shows its tick labels."""
    page.goto(url)
    wait_ready(page, 60_000)
    page.locator("[data-testid='stPlotlyChart'] .xtick text").first.wait_for(timeout=30_000)


@pytest.mark.usefixtures("warm_server")
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("name", list(PAGES))
def test_presenter_view_on_a_projector(trained, app_url, name, width, height, lang):
    """Check that ``?present=1`` folds the sidebar, sets larger type in the main area and larger chart text than
    the page without it, keeps the page within the screen's width, and draws no chart text overlapping another or
    cut off; the page's intro is folded under "About this page"."""
    page = trained.new_page()
    page.set_viewport_size({"width": width, "height": height})
    sep = "&" if "?" in PAGES[name] else "?"
    open_drawn(page, f"{app_url}/{PAGES[name]}{sep}lang={lang}")
    plain = page.evaluate(SIZES)
    assert page.evaluate(SIDEBAR_RIGHT) > 0  # without it the sidebar shows on a wide screen

    open_drawn(page, f"{app_url}/{PAGES[name]}{sep}lang={lang}&present=1")
    wait_folded(page)
    shown = page.evaluate(SIZES)
    assert shown["main"] > plain["main"] and shown["tick"] > plain["tick"], (plain, shown)
    assert page.evaluate(SIDEWAYS) <= 0
    text = page.evaluate(CHART_TEXT)
    assert text["seen"] > 0 and not text["problems"], text["problems"]
    main(page).get_by_text(t("common.presenter.about", lang)).wait_for(timeout=5_000)
    assert t(f"{name}.intro", lang)[:20] not in main(page).inner_text()  # folded: not shown
    assert_no_exception(page)
    screenshot(page, f"presenter-{name}-{width}-{lang}")
    page.close()


@pytest.mark.usefixtures("warm_server")
@pytest.mark.parametrize("present", [False, True], ids=["plain", "presenter"])
@pytest.mark.parametrize("width, height", [(1366, 768), (1280, 720)])
def test_the_live_chart_comes_into_view_after_start(browser, app_url, width, height, present):
    """Check that after Start on the fast preset the live chart lies wholly inside the window while the run trains,
    and stays there when it ends (the settings fold and do not open again)."""
    ctx = browser.new_context(viewport={"width": width, "height": height})
    page = ctx.new_page()
    page.goto(f"{app_url}/trainer?preset=fast&lang=en" + ("&present=1" if present else ""))
    wait_ready(page, 60_000)
    assert not page.evaluate(IN_VIEW, LIVE_CHART)  # no run yet: no chart
    page.locator(".st-key-tr_start button").click()
    page.wait_for_function(IN_VIEW, arg=LIVE_CHART, timeout=60_000)
    page.locator("[data-testid='stMain']").get_by_text(t("trainer.to_predictions", "en")).wait_for(timeout=120_000)
    page.wait_for_function(IN_VIEW, arg=LIVE_CHART, timeout=10_000)
    assert_no_exception(page)
    screenshot(page, f"trainer-after-start-{width}" + ("-presenter" if present else ""))
    ctx.close()


@pytest.mark.usefixtures("warm_server")
@pytest.mark.parametrize("present", [False, True], ids=["plain", "presenter"])
@pytest.mark.parametrize("width, height", [(1366, 768), (1280, 720)])
def test_the_fit_replay_comes_into_view(browser, app_url, width, height, present):
    """Check that Fit, pressed where a student finds it below the data table, brings the replay's loss map and
    loss curve wholly into the window, and that they stay there once the replay ends."""
    ctx = browser.new_context(viewport={"width": width, "height": height})
    page = ctx.new_page()
    page.goto(f"{app_url}/sigmoid?lang=en" + ("&present=1" if present else ""))
    wait_ready(page, 60_000)
    fit = page.locator(".st-key-sg_fit_btn button")
    fit.scroll_into_view_if_needed()
    fit.click()
    page.wait_for_function(f"() => document.querySelectorAll(\"{FIT_CHARTS}\").length === 2 "
                           f"&& ({IN_VIEW})(\"{FIT_CHARTS}\")", timeout=30_000)
    wait_ready(page, 30_000)
    page.wait_for_function(IN_VIEW, arg=FIT_CHARTS, timeout=10_000)
    assert_no_exception(page)
    ctx.close()
