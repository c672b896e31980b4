"""Browser tests of the sigmoid-shape explorer: pins, data overlays and the fit, in both languages."""
import pytest

from core.text.i18n import t
from tests.e2e.conftest import CHARTS, assert_no_exception, charts, click, open_app, screenshot, wait_ready

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("warm_server")]

REPLAY = 90_000  # ms a button's run may take: a fit replays its path for a few seconds


def full_screenshot(page, name: str) -> None:
    """Screenshot the whole page: Streamlit scrolls inside its own container, so grow the window."""
    page.set_viewport_size({"width": 1280, "height": 2700})
    page.wait_for_timeout(800)  # let the charts re-lay out
    screenshot(page, name)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_pins_and_data_overlay(page, app_url, lang):
    """Check that pinning two curves and moving W shows ghosts, the slides' W family and the toy data."""
    open_app(page, f"{app_url}/sigmoid?lang={lang}&sdata=toy&sfam=w&sw=0.5&sb=1")
    click(page, "sg_pin", REPLAY)
    number = page.locator("[data-testid='stNumberInput'] input").first  # W's box
    number.fill("2")
    number.press("Enter")
    wait_ready(page)
    page.wait_for_url("**sw=2&**")
    slider = page.locator("[data-testid='stSlider']").nth(1).get_by_role("slider")  # b's slider
    slider.focus()
    slider.press("ArrowLeft")  # one step of 0.05: b 1 → 0.95
    wait_ready(page)
    page.wait_for_url("**sb=0.95**")
    click(page, "sg_pin", REPLAY)
    names = [d["name"] for d in charts(page)[0]]  # the sigmoid curve's chart
    assert names.count(t("sigmoid.fig.pins", lang)) == 2
    assert {"σ(0.5x)", "σ(1x)", "σ(2x)", t("sigmoid.fig.class0", lang)} <= set(names)
    assert_no_exception(page)
    assert page.console_errors == []
    full_screenshot(page, f"sigmoid-pins-{lang}")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_fit_on_exam_data(page, app_url, lang):
    """Check that Fit on the exam data animates to a midpoint between 55 and 60 and draws the path."""
    open_app(page, f"{app_url}/sigmoid?lang={lang}&sdata=exam&sw=0&sb=0&slr=1&sep=300&sstd=1")
    click(page, "sg_fit_btn", REPLAY)
    page.wait_for_url("**sw=0.9**", timeout=120_000)  # the fitted W ≈ 0.93 reaches the URL (slow on a busy machine)
    path_drawn = f"() => ({CHARTS})()[1]?.some(d => d.name === {t('sigmoid.c.path', lang)!r})"
    page.wait_for_function(path_drawn, timeout=60_000)  # the URL can update before the chart redraws
    midpoint = next(d for d in charts(page)[0] if d["symbol"] == "diamond")["x"][0]
    assert 55 < midpoint < 60
    assert_no_exception(page)
    full_screenshot(page, f"sigmoid-fit-exam-{lang}")


def test_slides_replay_and_zero_weight(page, app_url):
    """Check that the slides' replay lands on W ≈ 1.85, and that W = 0 explains the missing midpoint."""
    open_app(page, f"{app_url}/sigmoid?lang=en")
    click(page, "sg_slides", REPLAY)
    page.wait_for_url("**sw=1.8498**")
    full_screenshot(page, "sigmoid-slides-replay-en")
    open_app(page, f"{app_url}/sigmoid?lang=en&sw=0&sb=0.4")
    assert page.get_by_text("−b/W would divide by zero").count() == 1
    assert_no_exception(page)
    full_screenshot(page, "sigmoid-zero-weight-en")
