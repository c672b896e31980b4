"""Browser test of the trainer and prediction pages: a live run, page switches, Stop, a clicked cell."""
import re

import pytest

from core.text.i18n import class_names, t
from tests.e2e.conftest import (POINTS, assert_no_exception, main, nav, open_app, screenshot,
                                set_number, status_text, wait_ready, wait_status)

pytestmark = pytest.mark.e2e


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
    wait_status(page, "Stopped", 10_000)
    kept = int(re.search(r"epoch (\d+)/", status_text(page)).group(1))
    assert kept >= 2 and page.evaluate(POINTS) == kept
    assert_no_exception(page)

    nav(page, t("nav.predictions", "en"))
    names = class_names("en")
    page.locator(".st-key-pr_cm button[data-cell='0,6']").click()  # true T-shirt/top, predicted Shirt
    wait_ready(page)
    expected = t("pred.cell.title", "en", true=names[0], pred=names[6], n=0).split(":")[0]
    main(page).get_by_text(expected).wait_for(timeout=10_000)
    page.locator(".st-key-pr_gallery_pick button").first.wait_for(timeout=10_000)  # the cell's images
    assert_no_exception(page)
    screenshot(page, "predictions-en")


def test_trainer_and_predictions_in_korean(page, app_url):
    """Check a short Korean run: translated status, chart, and the prediction page's gallery."""
    open_app(page, f"{app_url}/trainer?lang=ko")
    set_number(page, "에포크 수", 3)
    main(page).get_by_role("button", name="시작").click()
    wait_status(page, "완료", 300_000)
    wait_ready(page)
    # The status line can say "finished" a moment before the chart's last redraw lands (the run's end
    # reruns the page once more): the chart must come to all three epochs, and no more.
    page.wait_for_function(f"({POINTS})() >= 3", timeout=10_000)
    assert page.evaluate(POINTS) == 3
    assert_no_exception(page)
    screenshot(page, "trainer-finished-ko")
    nav(page, t("nav.predictions", "ko"))
    page.locator(".st-key-pr_gallery_pick button").first.wait_for(timeout=10_000)  # the cell's images
    assert_no_exception(page)
    screenshot(page, "predictions-ko")
