"""Browser tests of the run store: a reload keeps finished and training runs, a restart keeps finished
runs, a shared link gets its own workspace; the class board with four students' runs overlaid."""
import re

import pytest

from core.data import load_digits
from core.i18n import t
from core.store import RunStore, new_workspace_id
from core.stored_job import RunRecorder
from core.training import TrainConfig, TrainJob
from tests.e2e.conftest import (assert_no_exception, free_port, open_app, screenshot, start_app, stop_app,
                                wait_ready)
from tests.e2e.test_trainer import POINTS, main, nav, set_number, status_text

pytestmark = pytest.mark.e2e


@pytest.fixture
def server(tmp_path):
    """An app server of its own, on its own data folder, that the test may restart."""
    port = free_port()
    env = {"PLAYGROUND_DATA_DIR": str(tmp_path), "PLAYGROUND_GRACE_S": "60"}
    box = {"proc": start_app(port, env)}

    def restart():
        stop_app(box["proc"])
        box["proc"] = start_app(port, env)

    yield f"http://127.0.0.1:{port}", restart
    stop_app(box["proc"])


def pick_digits(page) -> None:
    main(page).locator("[data-testid='stSelectbox']").filter(has_text=t("trainer.dataset", "en")).click()
    page.get_by_role("option", name=t("trainer.dataset.digits", "en")).click()
    wait_ready(page)


def wait_status(page, text: str, timeout=120_000) -> None:
    page.wait_for_function("(t) => document.querySelector('[data-testid=stMainBlockContainer] "
                           "[data-testid=stProgress]')?.innerText.includes(t)", arg=text, timeout=timeout)


def ws_of(url: str) -> str:
    return re.search(r"[?&]ws=([A-Za-z0-9_-]+)", url).group(1)


def test_reload_restart_and_shared_link(page, browser, server):
    """Check must-show 1: finish a run, reload: the run and its predictions are there; a shared link opened
    while the owner's tab is open gets a fresh workspace; a long run survives a reload and its live chart
    goes on; after a server restart the finished runs are back."""
    url, restart = server
    open_app(page, f"{url}/trainer?lang=en")
    pick_digits(page)
    set_number(page, t("trainer.epochs", "en"), 3)
    main(page).get_by_role("button", name="Start").click()
    wait_status(page, "Finished")
    ws = ws_of(page.url)

    page.reload()
    wait_ready(page)
    assert ws_of(page.url) == ws
    wait_status(page, "Finished", 20_000)
    assert "Run 1 ·" in status_text(page)
    nav(page, t("nav.predictions", "en"))
    page.wait_for_selector("[data-testid='stPlotlyChart'] .js-plotly-plot .main-svg", timeout=20_000)
    assert_no_exception(page)
    screenshot(page, "store-predictions-after-reload")

    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    open_app(other, page.url)  # the owner's tab is still connected
    assert ws_of(other.url) != ws
    main(other).get_by_text(t("store.ws.taken", "en")[:40]).wait_for(timeout=10_000)
    other.context.close()

    nav(page, t("nav.trainer", "en"))
    # Long enough to reload while it trains on any machine: the digits train an epoch of batch 64 in
    # milliseconds, one-image batches in tens of them.
    set_number(page, t("trainer.epochs", "en"), 200)
    set_number(page, t("trainer.batch_size", "en"), 1)
    main(page).get_by_role("button", name="Start").click()
    page.wait_for_function(f"({POINTS})() >= 2", timeout=120_000)
    before = page.evaluate(POINTS)
    page.reload()
    wait_ready(page)
    wait_status(page, "Training", 20_000)
    page.wait_for_function(f"({POINTS})() > {before + 1}", timeout=60_000)  # live chart goes on
    assert ws_of(page.url) == ws
    screenshot(page, "store-training-after-reload")
    main(page).get_by_role("button", name="Stop").click()
    wait_status(page, "Stopped", 20_000)

    restart()
    open_app(page, f"{url}/trainer?lang=en&ws={ws}")
    assert ws_of(page.url) == ws
    wait_status(page, "Stopped", 20_000)  # the newest run, back from the store
    table = main(page).locator("[data-testid='stDataFrame']").first
    table.wait_for(timeout=10_000)
    assert_no_exception(page)
    screenshot(page, "store-after-restart")


STUDENTS = [("Min-jun", dict(units=32, learning_rate=0.5)), ("Seo-yeon", dict(units=8, learning_rate=0.1)),
            ("Ji-ho", dict(units=64, activation="relu", learning_rate=0.1)), ("하은", dict(units=0, learning_rate=0.5))]


@pytest.fixture
def classroom(tmp_path):
    """Four students' real (small) runs in a store, and a server on it."""
    store, ds, ids = RunStore(tmp_path), load_digits(), []
    for n, (name, changes) in enumerate(STUDENTS):
        ws = new_workspace_id()
        store.set_nickname(ws, name)
        rec = RunRecorder(store)
        job = TrainJob(TrainConfig(dataset="digits", batch_size=32, epochs=12 + 4 * n, record_val_predictions=True,
                                   **changes), ds, on_epoch_end=rec.on_epoch_end)
        rec.begin(ws, 1, job.config, name)
        job.start()
        rec.watch(job).join(120)
        ids.append(rec.run_id)
    port = free_port()
    proc = start_app(port, {"PLAYGROUND_DATA_DIR": str(tmp_path)})
    yield f"http://127.0.0.1:{port}", ids
    stop_app(proc)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_board_with_four_runs_overlaid(page, classroom, lang):
    """Check that the board lists the four students and overlays their curves (16 traces), at three widths."""
    url, ids = classroom
    for width in (1366, 820, 390):
        page.set_viewport_size({"width": width, "height": 900})
        open_app(page, f"{url}/board?lang={lang}&pick={','.join(ids)}")
        page.wait_for_selector("[data-testid='stPlotlyChart'] .js-plotly-plot .main-svg", timeout=20_000)
        traces = page.evaluate("document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot').data.length")
        assert traces == 16
        body = main(page).inner_text()
        assert all(name in body for name, _ in STUDENTS) or width == 390
        assert_no_exception(page)
        screenshot(page, f"board-{lang}-{width}")
