"""Browser tests of the softmax explorer: keyboard-driven sliders redraw the chart, in both languages."""
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest

from core.pages import softmax_lab as lab
from core.text.i18n import class_names, t
from tests.e2e.conftest import (assert_no_exception, charts, free_port, open_app, screenshot, start_app, stop_app,
                                wait_ready)

pytestmark = pytest.mark.e2e


def read_bars(page) -> dict:
    """x labels and heights of the softmax bars of the first chart, once Plotly has drawn it."""
    page.wait_for_selector("[data-testid='stPlotlyChart'] .js-plotly-plot .main-svg")
    bars = charts(page)[0][0]
    return {"x": bars["x"], "y": np.array(bars["y"], dtype=float)}


def url_logits(page, n: int) -> list[float]:
    """The logits the address bar holds right now."""
    query = parse_qs(urlparse(page.url).query)
    return [float(query[f"z{i}"][0]) for i in range(n)]


def logit_slider(page, i: int):
    """The slider handle of logit i (its label starts with z₁, z₂, …)."""
    box = page.locator("[data-testid='stSlider']").filter(has_text=lab.logit_name(i)).first
    return box.get_by_role("slider")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_keyboard_slider_updates_the_chart(page, app_url, lang):
    """Check that arrow keys on z₁ move it, the bars become the core softmax of the new logits, no error."""
    open_app(page, f"{app_url}/softmax?lang={lang}")
    assert page.locator("h1").first.inner_text().strip() == t("softmax.title", lang)
    before = read_bars(page)
    np.testing.assert_allclose(before["y"], lab.explore(lab.DEFAULT_LOGITS[:3]).probs, rtol=1e-9)
    screenshot(page, f"softmax-{lang}")

    for _ in range(5):  # one key at a time: each press reruns the script
        logit_slider(page, 0).press("ArrowRight")
        wait_ready(page)
    page.wait_for_url("**z0=2.7**")
    z = url_logits(page, 3)
    assert z[0] == pytest.approx(2.7)
    after = read_bars(page)
    np.testing.assert_allclose(after["y"], lab.explore(z).probs, rtol=1e-9)
    assert after["y"][0] > before["y"][0]
    assert_no_exception(page)
    assert page.console_errors == []


def test_rapid_arrow_presses_land_where_the_presses_say(page, app_url):
    """Check that five quick ArrowRight presses (a held key) move z₁ by five steps: slider, box and URL agree,
    no press lost to a run that pulls the thumb back."""
    open_app(page, f"{app_url}/softmax?lang=en")
    slider = logit_slider(page, 0)
    slider.focus()
    for _ in range(5):
        slider.press("ArrowRight")  # no wait: each press lands while the previous press's run is going
    page.wait_for_url("**z0=2.7**", timeout=10_000)
    page.wait_for_timeout(1500)  # a late run would pull the values back here
    wait_ready(page)
    assert url_logits(page, 3)[0] == pytest.approx(2.7)
    assert float(slider.input_value()) == pytest.approx(2.7)
    box = page.locator("[data-testid='stMain'] input[type=number]").first
    assert float(box.input_value()) == pytest.approx(2.7)


def test_trainer_link_and_huge_logits_in_korean(page, app_url):
    """Check a 10-class Fashion-MNIST link with huge logits at T_MIN: Korean names, finite bars, no error."""
    z = [1000, -1000, 999, 0, 5, -5, 1000, 2, 3, -1000]
    query = "&".join(f"z{i}={v}" for i, v in enumerate(z))
    open_app(page, f"{app_url}/softmax?lang=ko&n=10&labels=fashion&y=6&t={lab.T_MIN}&{query}")
    bars = read_bars(page)
    assert bars["x"] == class_names("ko")
    np.testing.assert_allclose(bars["y"], lab.explore(z, temperature=lab.T_MIN).probs, atol=1e-12)
    page.get_by_text(t("softmax.jacobian.title", "ko")).click()
    wait_ready(page)
    assert_no_exception(page)
    assert page.console_errors == []
    screenshot(page, "softmax-fashion-ko")


def test_direct_link_opens_without_page_not_found_dialog(page):
    """Check that the first visitor of a fresh server, arriving by a shared link, sees no error dialog."""
    proc = start_app(port := free_port())
    try:
        open_app(page, f"http://127.0.0.1:{port}/softmax?lang=en&z0=1")
        page.wait_for_timeout(2000)  # the dialog, when it comes, may follow the first paint
        assert page.get_by_text("Page not found").count() == 0
        # The router ran (not a bare page script): its language switch is in the sidebar.
        assert page.locator("[data-testid='stSidebar']").get_by_role("radio", name="한국어").count() == 1
    finally:
        stop_app(proc)
