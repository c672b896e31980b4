"""Two real `streamlit run` processes on one data folder, the way a school runs several behind one proxy:
runs trained on both, one browser moving between them, and a restart of each while the other trains.
(Cookies belong to the host, not the port, so one browser context is one student on either process, as
behind a proxy.)"""
import time

import pytest

from core.classroom.identity import BROWSER_COOKIE, workspace_of
from core.text.i18n import t
from core.runs.store import INTERRUPTED, RunStore
from tests.e2e.conftest import (POINTS, assert_no_exception, cookie, free_port, main, nav, new_context, open_app,
                                start_app, start_run, stop_app, wait_cookie, wait_ready, wait_status)

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_servers(tmp_path):
    """Two app servers started at once on the same data folder; ``restart(i)`` restarts server i."""
    env = {"PLAYGROUND_DATA_DIR": str(tmp_path), "PLAYGROUND_GRACE_S": "2"}
    ports = [free_port(), free_port()]
    procs = [start_app(port, env) for port in ports]

    def restart(i: int) -> None:
        stop_app(procs[i])
        procs[i] = start_app(ports[i], env)

    yield [f"http://127.0.0.1:{p}" for p in ports], restart, tmp_path
    for proc in procs:
        stop_app(proc)


def train(page, url: str, epochs: int = 3, **options) -> None:
    """Start a run at ``url`` (see start_run for the options)."""
    open_app(page, f"{url}/trainer?lang=en")
    start_run(page, epochs, **options)


def test_two_servers_on_one_folder(browser, two_servers):
    """Check that two processes opened together both save (no 'not being saved' box); one student's runs
    on either process are one numbered list (1, 2 — never two run 1s); a restart of one process while the
    other trains leaves that run training (it used to be marked interrupted by the newcomer's pid check),
    and after a restart of each every run is on both processes' boards as it ended."""
    (a, b), restart, folder = two_servers
    ana, ben = new_context(browser).new_page(), new_context(browser).new_page()
    open_app(ana, f"{a}/trainer?lang=en")  # both processes open the new folder's store at about once
    open_app(ben, f"{b}/trainer?lang=en")
    ws_ana = workspace_of(wait_cookie(ana.context, BROWSER_COOKIE, None))
    wait_cookie(ben.context, BROWSER_COOKIE, None)
    other = ana.context.new_page()  # Ana's second tab, which the proxy sent to the other process
    open_app(other, f"{b}/trainer?lang=en")

    train(ana, a)
    train(ben, b)
    wait_status(ana, "Finished")
    wait_status(ben, "Finished")

    # Her tab on the other process, open since before run 1: her next run there is run 2, not a second run 1.
    # Fashion-MNIST in batches of 8: about a minute and a half, long enough to restart a process meanwhile.
    train(other, b, epochs=200, batch_size=8, digits=False)
    wait_status(other, "Run 2 ·", 30_000)
    other.wait_for_function(f"({POINTS})() >= 2", timeout=120_000)  # two epochs drawn: it trains
    restart(0)  # process A restarts while B trains Ana's run 2
    time.sleep(3)
    store = RunStore(folder)
    assert {r.number: r.state for r in store.runs(ws_ana)} == {1: "finished", 2: "running"}
    main(other).get_by_role("button", name="Stop").click()
    wait_status(other, "Stopped", 30_000)

    restart(1)
    for page, url in ((ana, a), (ben, b)):
        open_app(page, f"{url}/board?lang=en")
        main(page).locator("[data-testid='stDataFrame']").first.wait_for(timeout=20_000)
        assert page.get_by_text("not being saved").count() == 0 and page.get_by_text("Saving is waiting").count() == 0
        assert_no_exception(page)
    records = RunStore(folder).runs()
    assert sorted((r.workspace == ws_ana, r.number, r.state) for r in records) == [
        (False, 1, "finished"), (True, 1, "finished"), (True, 2, "stopped")]
    assert INTERRUPTED not in {r.state for r in records} and cookie(ana.context, BROWSER_COOKIE)
    nav(ana, t("nav.trainer", "en"))
    wait_ready(ana)
    wait_status(ana, "Stopped", 20_000)  # Ana's newest run, from the store, on the restarted process
