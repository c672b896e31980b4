"""AppTest of the run store in the pages: a second tab of the same workspace (a reload) finds the runs,
the class board lists and overlays them, nicknames and workspace links are checked, teacher key."""
import time

import pytest
from streamlit.testing.v1 import AppTest

from core.i18n import t
from core.store import RunStore
from core.teacher import TeacherGate
from tests.test_page_trainer import chart, open_trainer, status, wait_until
from tests.widgets import named


def stored(ws: str) -> list:
    """The workspace's runs once the newest one's end (with its arrays) is saved."""
    for _ in range(100):
        runs = RunStore().runs(ws)
        if runs and runs[-1].has_arrays:
            return runs
        time.sleep(0.1)
    raise AssertionError("the run's end was not saved")


def trained_tab(app_path, lang="en"):
    """A tab that finished one quick digits run; returns it and its workspace id."""
    at = open_trainer(app_path, lang, epochs=2, batch_size=32, learning_rate=0.5)
    at.button(key="tr_start").click().run()
    wait_until(at, lambda a: "Finished" in status(a) or "완료" in status(a))
    ws = at.query_params["ws"]
    stored(ws)
    return at, ws


def reopen(app_path, ws, page="views/trainer.py", **params) -> AppTest:
    """A new session opening the app with ``?ws=`` — what a reload of the tab is to the server."""
    at = AppTest.from_file(app_path, default_timeout=60)
    at.query_params["ws"] = ws
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_a_reloaded_tab_gets_its_runs_and_predictions_back(app_path):
    """Check that a new session with the same ?ws= shows the run, its curves and its predictions, from
    the store (the confusion matrix equals the one the first tab showed)."""
    at, ws = trained_tab(app_path)
    at.switch_page("views/predictions.py").run()
    want = chart(at, "confusion")["data"][0]["z"]
    again = reopen(app_path, ws)
    assert "Finished" in status(again) and again.query_params["ws"] == ws
    again.switch_page("views/predictions.py").run()
    assert not again.exception and chart(again, "confusion")["data"][0]["z"] == want
    stranger = AppTest.from_file(app_path)
    stranger.query_params["ws"] = "A" * 22  # well formed, but no such workspace
    stranger.run()
    assert stranger.query_params["ws"] != "A" * 22
    assert [w.value for w in stranger.warning] == [t("store.ws.unknown", "en")]


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", "../../etc", "x" * 5000])
def test_hostile_workspace_links_get_a_fresh_workspace(app_path, bad):
    """Check that a malformed ?ws= is refused with a message and a new workspace."""
    at = AppTest.from_file(app_path)
    at.query_params["ws"] = bad
    at.run()
    assert not at.exception and at.query_params["ws"] != bad and len(at.query_params["ws"]) == 22
    assert [w.value for w in at.warning] == [t("store.ws.bad", "en")]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_board_lists_and_overlays_runs(app_path, lang):
    """Check that the board lists a finished run with its best validation accuracy and overlays its curves
    from the stored history."""
    _, ws = trained_tab(app_path)
    at = reopen(app_path, ws, "views/board.py", lang=lang)
    record = next(r for r in RunStore().runs(ws))
    df = at.dataframe[0].value
    row = df[df[t("board.col.nickname", lang)].str.endswith(t("board.mine", lang))].iloc[-1]
    assert row[t("board.col.best", lang)] == pytest.approx(max(RunStore().history(record.id)["val_accuracy"]))
    named(at, "bd_pick").set_value([record.id]).run()
    assert at.query_params["pick"] == record.id
    spec = chart(at, "bd_chart")
    assert len(spec["data"]) == 4  # train/val loss and accuracy of one run


def test_nickname_markup_and_length_are_refused(app_path):
    """Check that a nickname with markup or 10,000 characters is refused with a message and changes nothing."""
    at = AppTest.from_file(app_path).run()
    ws = at.query_params["ws"]
    before = at.text_input(key="ws_nick_box").value
    for bad in ["<img src=x onerror=alert(1)>", "y" * 10_000]:
        at.text_input(key="ws_nick_box").set_value(bad).run()
        assert not at.exception and at.text_input(key="ws_nick_box").value == before
        assert len(at.sidebar.error) == 1
        assert RunStore().nickname(ws) == before
    at.text_input(key="ws_nick_box").set_value("Min-jun").run()
    assert RunStore().nickname(ws) == "Min-jun" and len(at.sidebar.error) == 0


def test_teacher_gate_slows_wrong_keys():
    """Check that wrong keys are answered alike and each one delays the next try, the right key opens,
    and with no key configured nothing opens."""
    now = [0.0]
    gate = TeacherGate("s3cret", clock=lambda: now[0])
    assert gate.check("s3cre") == (False, 0.0)
    assert gate.check("s3cret")[0] is False and gate.check("s3cret")[1] > 0  # too soon: not even looked at
    now[0] += 1.0
    assert gate.check("x") == (False, 0.0)
    now[0] += 1.0
    assert gate.check("s3cret")[1] == pytest.approx(1.0)  # the second wrong try doubled the wait
    now[0] += 1.0
    assert gate.check("s3cret") == (True, 0.0)
    assert TeacherGate("").check("") == (False, 0.0) and not TeacherGate("").enabled


def test_anyones_finished_run_opens_read_only(app_path):
    """Check that ?run= (the board's link) opens another workspace's finished run in the prediction page,
    marked read only, and leaves that workspace's runs as they were."""
    _, ws = trained_tab(app_path)
    (record,) = RunStore().runs(ws)
    at = AppTest.from_file(app_path, default_timeout=60).run()  # another student's fresh tab
    assert at.query_params["ws"] != ws
    at.query_params["run"] = record.id
    at.switch_page("views/predictions.py").run()
    assert not at.exception
    assert t("pred.readonly", "en", nick=record.nickname, number=record.number) in [c.value for c in at.caption]
    assert chart(at, "confusion")["data"]
    assert RunStore().runs(ws) == [record] and RunStore().runs(at.query_params["ws"]) == []


def test_a_damaged_store_still_trains_with_one_message(app_path, tmp_path, monkeypatch):
    """Check that with a damaged database the trainer still trains a run to the end and says once, in the
    page's language, that runs are not being saved and why."""
    from ui.training import run_store, workspaces
    (tmp_path / "runs.sqlite3").write_bytes(b"this is not a database" * 400)
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    run_store.clear()
    workspaces.clear()
    try:
        at = open_trainer(app_path, epochs=2, batch_size=32, learning_rate=0.5)
        at.button(key="tr_start").click().run()
        wait_until(at, lambda a: "Finished" in status(a))
        problem = [w.value for w in at.warning if "not being saved" in w.value]
        assert len(problem) == 1 and "damaged" in problem[0] and str(tmp_path) in problem[0]
        assert not at.exception
    finally:
        monkeypatch.undo()
        run_store.clear()
        workspaces.clear()
