"""Browser tests of the loss viewer: every tab in both languages, a slider, and URL state."""
import pytest

from core.text.i18n import t
from tests.e2e.conftest import CHARTS, assert_no_exception, charts, open_app, screenshot, wait_ready

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("warm_server")]
TABS = ["bin", "multi", "mse", "clip"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_tab_renders_in_chromium(page, app_url, lang):
    """Check that each tab opens by click, draws its charts without errors, and writes ?t= to the URL."""
    page.set_viewport_size({"width": 1280, "height": 2900})  # the whole tab in one screenshot
    open_app(page, f"{app_url}/loss?lang={lang}")
    assert page.locator("h1").first.inner_text().strip() == t("loss.title", lang)
    for code in TABS:
        page.get_by_role("tab", name=t(f"loss.tab.{code}", lang)).click()
        wait_ready(page)
        page.wait_for_url(f"**t={code}**")
        assert page.locator("[data-testid='stPlotlyChart']:visible").count() >= 1
        assert_no_exception(page)
        screenshot(page, f"loss-{code}-{lang}")
    assert page.console_errors == []


def test_slider_moves_the_point_and_the_url(page, app_url):
    """Check that ArrowRight on the a slider moves a from 0.70 to 0.71: URL and ringed point follow."""
    open_app(page, f"{app_url}/loss?lang=en")
    slider = page.locator("[data-testid='stSlider']").first.get_by_role("slider")
    slider.focus()
    slider.press("ArrowRight")
    wait_ready(page)
    page.wait_for_url("**a=0.71**")
    point = [tr for tr in charts(page, drawn_only=True)[0] if tr["name"] == t("loss.fig.point", "en")][0]
    assert point["x"] == [pytest.approx(0.71)]
    assert_no_exception(page)


def test_shared_link_opens_the_same_view(page, app_url):
    """Check that a link with t=mse, zm and sv=3d opens that tab with those values."""
    page.set_viewport_size({"width": 1280, "height": 2200})
    open_app(page, f"{app_url}/loss?lang=ko&t=mse&zm=-6&sv=3d&w=-2&b=1")
    assert page.get_by_role("tab", selected=True).inner_text().strip() == t("loss.tab.mse", "ko")
    page.wait_for_function(f"() => ({CHARTS})(true).some(c => c?.[0].type === 'surface')")
    assert_no_exception(page)
    screenshot(page, "loss-mse-3d-ko")
    page.get_by_role("radio", name="English").click()
    wait_ready(page)
    page.wait_for_url("**lang=en**")
    assert page.get_by_role("tab", selected=True).inner_text().strip() == t("loss.tab.mse", "en")
    assert "t=mse" in page.url and "zm=-6" in page.url
