"""Browser test of the trainer and prediction pages: a live run, page switches, Stop, a clicked cell."""
import re
from urllib.parse import urlparse

import pytest

from core.text.i18n import class_names, t
from tests.e2e.conftest import assert_no_exception, open_app, screenshot, wait_ready

pytestmark = pytest.mark.e2e

POINTS = """() => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    if (!gd || !gd.data || !gd.data.length) return 0;
    const y = gd.data[0].y;  // undefined for a moment while Streamlit swaps the figure in
    if (!y) return 0;
    return y.bdata ? atob(y.bdata).length / ({f8: 8, f4: 4}[y.dtype] || 8) : y.length;
}"""

CELL_CENTRE = """([col, row]) => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
    const box = gd.getBoundingClientRect();
    return [box.x + xa._offset + xa.l2p(xa._categoriesMap[col]), box.y + ya._offset + ya.l2p(ya._categoriesMap[row])];
}"""


def main(page):
    return page.locator("[data-testid='stMainBlockContainer']")


def status_text(page) -> str:
    return main(page).locator("[data-testid='stProgress']").inner_text()


def set_number(page, label: str, value: int) -> None:
    box = main(page).get_by_label(label, exact=True)
    box.fill(str(value))
    box.press("Enter")
    wait_ready(page)


def nav(page, title: str) -> None:
    """Open the page ``title`` from the sidebar and wait until it has run. Right after the click the old
    page still says "notRunning" for 10–400 ms (measured), so waiting for that alone could return before
    the new page began (a fresh-clone run then counted the Korean predictions page's images on the trainer
    page): the address changes once the new page's run has started, so wait for it first."""
    link = page.locator("[data-testid='stSidebarNavLink']").filter(has_text=title)
    path = urlparse(link.get_attribute("href")).path
    link.click()
    page.wait_for_url(lambda url: urlparse(url).path == path)
    wait_ready(page)


def test_live_run_switch_pages_stop_then_study_mistakes(page, app_url):
    """Check the whole lesson flow: the curves grow while training, training survives a page switch,
    Stop ends it, and a clicked confusion-matrix cell opens its gallery."""
    open_app(page, f"{app_url}/trainer?lang=en")
    # Long enough to watch and to leave the page: 200 epochs of batch 64 on 48,000 images.
    set_number(page, "Batch size", 64)
    set_number(page, "Epochs", 200)
    main(page).get_by_role("button", name="Start").click()
    page.wait_for_function(f"({POINTS})() >= 1", timeout=300_000)
    first = page.evaluate(POINTS)
    page.wait_for_function(f"({POINTS})() > {first}", timeout=300_000)
    assert "Training" in status_text(page)
    screenshot(page, "trainer-running-en")

    nav(page, t("softmax.title", "en"))
    nav(page, t("nav.trainer", "en"))
    page.wait_for_function(f"({POINTS})() >= {first + 1}", timeout=300_000)
    assert "Training" in status_text(page)  # still running after the round trip

    main(page).get_by_role("button", name="Stop").click()
    wait_ready(page)
    page.wait_for_function("document.querySelector('[data-testid=stMainBlockContainer] "
                           "[data-testid=stProgress]').innerText.includes('Stopped')", timeout=10_000)
    kept = int(re.search(r"epoch (\d+)/", status_text(page)).group(1))
    assert kept >= 2 and page.evaluate(POINTS) == kept
    assert_no_exception(page)

    nav(page, t("nav.predictions", "en"))
    page.wait_for_selector("[data-testid='stPlotlyChart'] .js-plotly-plot .main-svg")
    names = class_names("en")
    x, y = page.evaluate(CELL_CENTRE, [names[6], names[0]])  # true T-shirt/top, predicted Shirt
    page.mouse.click(x, y)
    wait_ready(page)
    expected = t("pred.cell.title", "en", true=names[0], pred=names[6], n=0).split(":")[0]
    main(page).get_by_text(expected).wait_for(timeout=10_000)
    assert main(page).locator("[data-testid='stImage']").count() >= 1
    assert_no_exception(page)
    screenshot(page, "predictions-en")


def test_trainer_and_predictions_in_korean(page, app_url):
    """Check a short Korean run: translated status, chart, and the prediction page's gallery."""
    open_app(page, f"{app_url}/trainer?lang=ko")
    set_number(page, "에포크 수", 3)
    main(page).get_by_role("button", name="시작").click()
    page.wait_for_function("document.querySelector('[data-testid=stMainBlockContainer] "
                           "[data-testid=stProgress]')?.innerText.includes('완료')", timeout=300_000)
    wait_ready(page)
    assert page.evaluate(POINTS) == 3
    assert_no_exception(page)
    screenshot(page, "trainer-finished-ko")
    nav(page, t("nav.predictions", "ko"))
    assert main(page).locator("[data-testid='stImage']").count() >= 1
    assert_no_exception(page)
    screenshot(page, "predictions-ko")
