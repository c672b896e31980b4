"""Browser tests of the decision-regions page: Play grows the loss curve (frames per second measured in
the browser), Pause holds it, a click on the plane adds a point; screenshots at three widths, both languages."""
import pytest

from core.text.i18n import t
from tests.e2e.conftest import CHARTS, assert_no_exception, click, open_app, screenshot, wait_ready

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("warm_server")]

PLOTS = "[data-testid='stPlotlyChart'] .js-plotly-plot"
# Epochs on the drawn loss curve: the longest trace named by meta "loss" on any chart.
LOSS_POINTS = (f"() => Math.max(0, ...({CHARTS})().map(c => "
               "((c || []).find(d => d.meta === 'loss')?.y ?? []).length))")
# Counts the plane's redraws: each frame replaces the heatmap trace object the browser holds.
COUNT_FRAMES = f"""(ms) => new Promise(done => {{
    let last = null, frames = 0;
    const start = performance.now();
    const tick = () => {{
        const p = document.querySelector("{PLOTS}");
        const z = p && p.data && p.data[0] && p.data[0].z;
        if (z && z !== last) {{ frames += last === null ? 0 : 1; last = z; }}
        if (performance.now() - start < ms) requestAnimationFrame(tick); else done(frames);
    }};
    tick();
}})"""


def loss_points(page) -> int:
    """Epochs on the drawn loss curve, read once a chart holds them (while Streamlit swaps a chart in, it
    holds no data for a moment, and a plain read then gives 0)."""
    return page.wait_for_function(f"() => ({LOSS_POINTS})() || null", timeout=30_000).json_value()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_play_pause_and_click_to_add(page, app_url, lang):
    """Check Play makes the loss curve grow (printing the frames drawn per second over 10 s), Pause holds
    it, and a click on the plane adds a point of the chosen class (drawn, and written to the URL)."""
    open_app(page, f"{app_url}/regions?lang={lang}&rkind=spiral&rc=3&runits=8&rbatch=32")  # 300 points, grid 80
    click(page, "rg_play")
    page.wait_for_function(f"() => ({LOSS_POINTS})() >= 3", timeout=60_000)
    before = loss_points(page)
    frames = page.evaluate(COUNT_FRAMES, 10_000)
    # The curves chart is redrawn once a second; read it when it is on screen with more epochs than before.
    after = page.wait_for_function(f"() => {{ const n = ({LOSS_POINTS})(); return n > {before} && n; }}",
                                   timeout=30_000).json_value()
    print(f"\n[{lang}] decision regions, Play: {frames / 10:.1f} plane frames drawn per second in Chromium "
          f"(loss curve {before} -> {after} epochs in 10 s)")
    assert after > before
    click(page, "rg_pause")
    wait_ready(page)
    held = loss_points(page)
    page.wait_for_timeout(2000)
    assert loss_points(page) == held
    assert page.locator(".st-key-rg_play").count() == 1  # the button reads Play again

    drag = page.locator(PLOTS).first.locator(".nsewdrag").first
    drag.scroll_into_view_if_needed()
    box = drag.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3)
    added = (f"() => (({CHARTS})()[0] || [])"  # points added on the plane: its diamonds
             ".filter(d => d.symbol === 'diamond' && d.x?.length && d.x[0] !== null)"
             ".reduce((n, d) => n + d.x.length, 0)")
    page.wait_for_function(f"() => ({added})() >= 1", timeout=30_000)
    wait_ready(page)
    assert page.evaluate(added) == 1
    assert "rpts=" in page.url and "rpts=&" not in page.url and not page.url.endswith("rpts=")
    label = t("regions.clear", lang, n=1)
    assert page.locator(".st-key-rg_clear").get_by_role("button").inner_text().strip() == label
    assert page.get_by_text(t("regions.open_softmax", lang)).count() == 1
    assert_no_exception(page)
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("width", [1366, 820, 390])
def test_screenshots(page, app_url, lang, width):
    """Save the page after a few epochs at three widths (look at them: artifacts/screenshots/)."""
    page.set_viewport_size({"width": width, "height": 900})
    open_app(page, f"{app_url}/regions?lang={lang}&rkind=blobs&rc=4&rpts=0.2,0.1,1")
    for _ in range(5):
        click(page, "rg_step")
        wait_ready(page)
    page.evaluate("window.scrollTo(0, 0)")
    assert_no_exception(page)
    screenshot(page, f"regions-{lang}-{width}")
    open_app(page, f"{app_url}/regions?lang={lang}&rmodel=ovr&rkind=blobs&rc=4&rlr=1")
    for _ in range(5):
        click(page, "rg_step")
        wait_ready(page)
    screenshot(page, f"regions-ovr-{lang}-{width}")
