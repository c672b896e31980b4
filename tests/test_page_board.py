"""AppTest of the run store in the pages: a new tab of the same browser (a reload) finds the runs, an
address owns nothing, the class board lists and overlays them, nicknames are checked and shown as typed, hidden
runs, teacher key."""
import re
import time

import pytest
from streamlit.testing.v1 import AppTest

from core.text.i18n import t
from core.classroom.identity import workspace_of
from core.runs.store import RunStore
from tests.widgets import chart, component_data, named, open_page, open_trainer, status, table_text, wait_until

SECRET = "id_secret"  # ui.identity's session key for the browser's secret


def stored(ws: str) -> list:
    """The workspace's runs once the newest one's end (with its arrays) is saved."""
    for _ in range(100):
        runs = RunStore().runs(ws)
        if runs and runs[-1].has_arrays:
            return runs
        time.sleep(0.1)
    raise AssertionError("the run's end was not saved")


def trained_tab(app_path, lang="en"):
    """A tab that finished one quick digits run; returns it and its browser's secret."""
    at = open_trainer(app_path, lang, epochs=2, batch_size=32, learning_rate=0.5)
    at.button(key="tr_start").click().run()
    wait_until(at, lambda a: "Finished" in status(a) or "완료" in status(a))
    secret = at.session_state[SECRET]
    stored(workspace_of(secret))
    return at, secret


def reopen(app_path, secret, page="views/trainer.py", **params) -> AppTest:
    """A new tab of the browser with ``secret``: the server reads the secret from the browser's cookie on
    the tab's first run; AppTest cannot send cookies, so the session starts with what that read gives."""
    return open_page(app_path, page, session={SECRET: secret}, **params)


def test_a_new_tab_of_the_browser_gets_its_runs_and_predictions_back(app_path):
    """Check that a new tab of the same browser shows the run, its curves and its predictions, from the
    store (the confusion matrix equals the one the first tab showed), and that no address carries it."""
    at, secret = trained_tab(app_path)
    assert "ws" not in at.query_params
    at.switch_page("views/predictions.py").run()
    want = component_data(at, "cp_confusion")["text"]
    again = reopen(app_path, secret)
    assert "Finished" in status(again)
    again.switch_page("views/predictions.py").run()
    assert not again.exception and component_data(again, "cp_confusion")["text"] == want


def test_an_address_with_ws_owns_nothing(app_path):
    """Check that ``?ws=`` — the owner's workspace id itself, or anything else — gives another browser none
    of the owner's runs, no warning, and leaves the address without it (it used to hand over the workspace)."""
    _, secret = trained_tab(app_path)
    owner = workspace_of(secret)
    for ws in [owner, "A" * 22, "<script>alert(1)</script>", "x" * 5000]:
        stranger = AppTest.from_file(app_path, default_timeout=60)
        stranger.query_params["ws"] = ws
        stranger.run()
        stranger.switch_page("views/trainer.py").run()
        assert not stranger.exception and not stranger.warning
        assert "ws" not in stranger.query_params and not stranger.get("progress")  # "No run yet"
        assert workspace_of(stranger.session_state[SECRET]) != owner and len(RunStore().runs(owner)) == 1


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_board_lists_and_overlays_runs(app_path, lang):
    """Check that the board lists a finished run by its nickname and number with its best validation accuracy
    as a percentage with one decimal ("88.3%", in the table, the pickers and the legend alike), its settings
    in words of the page's language, and overlays its curves from the stored history."""
    _, secret = trained_tab(app_path)
    ws = workspace_of(secret)
    at = reopen(app_path, secret, "views/board.py", lang=lang)
    record = next(r for r in RunStore().runs(ws))
    best = max(RunStore().history(record.id)["val_accuracy"])
    runs, accuracy = (table_text(at, 0, t(f"board.col.{k}", lang)) for k in ("run", "best"))
    mine = t("board.mine", lang)
    (row,) = [k for k, text in enumerate(runs) if text.endswith(f" {mine}")]  # this browser trained one run
    # Its name: nickname (numbered when another browser of the store has the same one) and its run number.
    name = runs[row].removesuffix(f" {mine}")
    pattern = rf"{re.escape(record.nickname_in(lang))}( \(\d+\))? · {'Run' if lang == 'en' else '실행'} {record.number}"
    assert re.fullmatch(pattern, name), name
    shown = accuracy[row]
    assert re.fullmatch(r"\d{1,3}\.\d%", shown) and abs(float(shown[:-1]) - 100 * best) <= 0.05, shown
    settings = table_text(at, 0, t("board.col.settings", lang))[row]
    assert settings.startswith({"en": "100 hidden units · sigmoid · learning rate 0.5 · batch size 32 · Digits",
                                "ko": "은닉 유닛 100개 · 시그모이드 · 학습률 0.5 · 배치 크기 32 · 손글씨 숫자"}[lang])
    picker = named(at, "bd_pick")
    assert any(o.startswith(f"{name} · ") and o.endswith(f" · {shown}") for o in picker.options), picker.options
    picker.set_value([record.id]).run()
    assert at.query_params["pick"] == record.id
    spec = chart(at, "bd_chart")
    assert len(spec["data"]) == 4  # train/val loss and accuracy of one run
    assert spec["data"][0]["name"].startswith(f"{name} · ") and f" · {shown} · " in spec["data"][0]["name"]


def test_nickname_markup_and_length_are_refused(app_path):
    """Check that a nickname with markup or 10,000 characters is refused with a message and changes nothing."""
    at = AppTest.from_file(app_path).run()
    ws = workspace_of(at.session_state[SECRET])
    before = at.text_input(key="ws_nick_box").value
    for bad in ["<img src=x onerror=alert(1)>", "y" * 10_000, "\u3164", "Kim\u200b"]:
        at.text_input(key="ws_nick_box").set_value(bad).run()
        assert not at.exception and at.text_input(key="ws_nick_box").value == before
        assert len(at.sidebar.error) == 1
        assert RunStore().nickname(ws) is None  # refused: nothing stored (a tab has no row until it saves)
    at.text_input(key="ws_nick_box").set_value("Min-jun").run()
    assert RunStore().nickname(ws) == "Min-jun" and len(at.sidebar.error) == 0


def test_anyones_finished_run_opens_read_only(app_path):
    """Check that ?run= (the board's link) opens another workspace's finished run in the prediction page,
    marked read only, and leaves that workspace's runs as they were."""
    _, secret = trained_tab(app_path)
    ws = workspace_of(secret)
    (record,) = RunStore().runs(ws)
    at = AppTest.from_file(app_path, default_timeout=60).run()  # another student's browser
    assert workspace_of(at.session_state[SECRET]) != ws
    at.query_params["run"] = record.id
    at.switch_page("views/predictions.py").run()
    assert not at.exception
    assert t("pred.readonly", "en", nick=record.nickname, number=record.number) in [c.value for c in at.caption]
    assert component_data(at, "cp_confusion")["text"]
    assert RunStore().runs(ws) == [record] and RunStore().runs(workspace_of(at.session_state[SECRET])) == []


def test_a_nickname_shows_as_typed_never_as_a_link(app_path):
    """Check that a nickname that Markdown would make a link (``www.example.com``) is escaped in the read-only
    caption, and that a stored name with tags (as an older or foreign row might hold) is escaped in the
    board's legend, which Plotly reads as HTML."""
    _, secret = trained_tab(app_path)
    ws = workspace_of(secret)
    (record,) = RunStore().runs(ws)
    RunStore().set_nickname(ws, "www.example.com")
    at = AppTest.from_file(app_path, default_timeout=60).run()  # another student's browser
    at.query_params["run"] = record.id
    at.switch_page("views/predictions.py").run()
    (caption,) = [c.value for c in at.caption if "read only" in c.value]
    assert "www." not in caption  # GFM would make it a link, escaped or not: an invisible joiner breaks it
    assert caption.replace("\u2060", "") == t("pred.readonly", "en", nick=r"www\.example\.com", number=1)
    RunStore().set_nickname(ws, '<a href="https://x.y">x</a>')
    at.switch_page("views/board.py").run()
    named(at, "bd_pick").set_value([record.id]).run()
    assert not at.exception
    assert chart(at, "bd_chart")["data"][0]["name"].startswith('&lt;a href="https://x.y"&gt;x&lt;/a&gt; · ')


def test_a_students_wrong_keys_do_not_lock_the_teacher_out(app_path, monkeypatch):
    """Check that while a student's browser is kept waiting for its wrong keys, the teacher's browser gets in
    with the right key at once (one wait for the whole server used to keep the teacher out), and that the
    student's tab still waits after starting afresh as a new browser."""
    from ui.workspace import teacher_gate
    monkeypatch.setenv("PLAYGROUND_TEACHER_KEY", "s3cret")
    teacher_gate.clear()
    monkeypatch.setattr(teacher_gate(), "_clock", lambda: 0.0)  # time stands still: every wait lasts
    try:
        student, teacher = AppTest.from_file(app_path).run(), AppTest.from_file(app_path).run()
        for guess in ("guess", "s3cre", "secret"):
            student.sidebar.text_input(key="ws_key_box").set_value(guess).run()
        assert [w.value for w in student.sidebar.warning] == [t("store.teacher.slow", "en", s=1)]
        teacher.sidebar.text_input(key="ws_key_box").set_value("s3cret").run()
        assert [s.value for s in teacher.sidebar.success] == [t("store.teacher.ok", "en")]
        assert teacher.sidebar.button(key="ws_lock")
        student.button(key="ws_afresh_go").click().run()  # a new browser id: the tab still waits
        student.sidebar.text_input(key="ws_key_box").set_value("s3cret").run()
        assert [w.value for w in student.sidebar.warning] == [t("store.teacher.slow", "en", s=1)]
    finally:
        monkeypatch.undo()
        teacher_gate.clear()


def test_a_hidden_run_opens_only_for_the_teacher(app_path, monkeypatch):
    """Check that once the teacher hid a run, its ``?run=`` link shows a student that it is hidden and none
    of its predictions (it used to open for everyone), while the teacher still opens it and the owner still
    has it as their own."""
    from ui.workspace import teacher_gate
    _, secret = trained_tab(app_path)
    (record,) = RunStore().runs(workspace_of(secret))
    RunStore().hide_runs([record.id])
    monkeypatch.setenv("PLAYGROUND_TEACHER_KEY", "s3cret")
    teacher_gate.clear()
    try:
        for who in ("student", "teacher", "owner"):
            at = AppTest.from_file(app_path, default_timeout=60)
            if who == "owner":
                at.session_state[SECRET] = secret
            at.query_params["run"] = record.id
            at.run()
            if who == "teacher":
                at.sidebar.text_input(key="ws_key_box").set_value("s3cret").run()
            at.switch_page("views/predictions.py").run()
            assert not at.exception
            hidden_note = t("pred.hidden", "en") in [i.value for i in at.info]
            if who == "student":
                assert hidden_note and not at.get("plotly_chart")
            else:
                assert not hidden_note and component_data(at, "cp_confusion")["text"], who
    finally:
        monkeypatch.undo()
        teacher_gate.clear()


def test_a_damaged_store_still_trains_with_one_message(app_path, tmp_path, monkeypatch):
    """Check that with a damaged database the trainer still trains a run to the end and says once, in the
    page's language, that runs are not being saved and why; only the teacher sees the file and the error."""
    from ui.training import run_service
    from ui.workspace import teacher_gate
    (tmp_path / "runs.sqlite3").write_bytes(b"this is not a database" * 400)
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    run_service.clear()
    try:
        at = open_trainer(app_path, epochs=2, batch_size=32, learning_rate=0.5)
        at.button(key="tr_start").click().run()
        wait_until(at, lambda a: "Finished" in status(a))
        problem = [w.value for w in at.warning if "not being saved" in w.value]
        assert len(problem) == 1 and "damaged" in problem[0] and "teacher" in problem[0]
        assert str(tmp_path) not in problem[0] and not at.code  # a student is never shown the server's paths
        monkeypatch.setenv("PLAYGROUND_TEACHER_KEY", "s3cret")
        teacher_gate.clear()
        at.run()  # the key box appears once the server has a key
        at.sidebar.text_input(key="ws_key_box").set_value("s3cret").run()
        assert t("store.fix.damaged", "en") in [c.value for c in at.caption]
        assert any(str(tmp_path) in c.value and "DatabaseError" in c.value for c in at.code)
        assert not at.exception
    finally:
        monkeypatch.undo()
        run_service.clear()
        teacher_gate.clear()


def test_opening_pages_writes_nothing_to_the_store(app_path):
    """Check that a new browser opening the trainer and the board leaves no trace in the store (every new
    tab used to add a workspace row that was never pruned: 3,000 tabs, a 26 MB log); its first run adds it."""
    at = AppTest.from_file(app_path, default_timeout=60).run()
    at.switch_page("views/trainer.py").run()
    at.switch_page("views/board.py").run()
    assert not at.exception
    ws = workspace_of(at.session_state[SECRET])
    assert RunStore().nickname(ws) is None and RunStore().run_count(ws) == 0


def test_two_tabs_of_one_browser_share_one_run_at_a_time(app_path):
    """Check that a second tab of the browser is refused with the reason when it starts while the first
    trains (its Start was drawn before), then shows that run live with Start off, and can stop it."""
    from ui.training import run_service
    first = open_trainer(app_path, epochs=200, batch_size=1)
    second = reopen(app_path, first.session_state[SECRET])
    named(second, "tr_dataset").set_value("digits").run()
    first.button(key="tr_start").click().run()
    second.button(key="tr_start").click().run()  # its Start was on when the page was drawn
    assert t("train.refused.active", "en", n=1) in [w.value for w in second.warning]
    wait_until(second, lambda a: "Training" in status(a) and "Run 1" in status(a))
    assert second.button(key="tr_start").disabled
    job = run_service().runs(workspace_of(first.session_state[SECRET])).active.job
    wait_until(second, lambda a: job.epochs_done >= 1)  # so the stopped run has an epoch to keep
    second.button(key="tr_stop").click().run()
    wait_until(first, lambda a: "Stopped" in status(a))
    assert len([r for r in RunStore().runs(workspace_of(first.session_state[SECRET]))]) == 1


def test_starts_a_minute_are_limited_per_student(app_path, monkeypatch):
    """Check that a student past ``PLAYGROUND_STARTS_PER_MINUTE`` gets a message saying when the next
    start is allowed, and no run, while a classmate still starts."""
    from ui.training import run_service
    monkeypatch.setenv("PLAYGROUND_STARTS_PER_MINUTE", "1")
    run_service.clear()
    try:
        at = open_trainer(app_path, epochs=1, batch_size=64)
        at.button(key="tr_start").click().run()
        wait_until(at, lambda a: "Finished" in status(a))
        at.button(key="tr_start").click().run()
        (warning,) = [w.value for w in at.warning]
        assert warning.startswith(t("train.refused.rate", "en", n=1, s=0).split("0 s")[0])
        assert "Run 1" in status(at) and len(RunStore().runs(workspace_of(at.session_state[SECRET]))) == 1
        classmate = open_trainer(app_path, epochs=1, batch_size=64)
        classmate.button(key="tr_start").click().run()
        assert not classmate.warning
        wait_until(classmate, lambda a: "Finished" in status(a))
    finally:
        monkeypatch.undo()
        run_service.clear()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_hiding_and_clearing_say_what_they_did(app_path, tmp_path, monkeypatch, lang):
    """Check that the teacher's Apply says, in the page's language, how many runs are now hidden and how to
    show them again (and, with none chosen, that none is hidden), matching what a student's board then lists;
    and that deleting every ended run says how many went, also once the board is left empty."""
    from ui.training import run_service
    from ui.workspace import teacher_gate
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))  # a store of this test's two runs only
    monkeypatch.setenv("PLAYGROUND_TEACHER_KEY", "s3cret")
    run_service.clear()
    teacher_gate.clear()
    try:
        _, secret = trained_tab(app_path)
        _, other = trained_tab(app_path)
        ids = [r.id for ws in (secret, other) for r in RunStore().runs(workspace_of(ws))]
        at = open_page(app_path, "views/board.py", lang)
        at.sidebar.text_input(key="ws_key_box").set_value("s3cret").run()
        named(at, "bd_hidden").set_value(ids).run()
        at.button(key="bd_hide_go").click().run()
        assert [s.value for s in at.success] == [t("board.teacher.hidden", lang, n=2)]
        assert {r.id for r in RunStore().runs() if r.hidden} == set(ids)
        student = open_page(app_path, "views/board.py", lang)
        assert t("board.empty", lang) in [i.value for i in student.info]  # both hidden from the class
        at.run()
        assert not at.success  # said once
        named(at, "bd_hidden").set_value([]).run()
        at.button(key="bd_hide_go").click().run()
        assert [s.value for s in at.success] == [t("board.teacher.hidden.none", lang)]
        assert not any(r.hidden for r in RunStore().runs())
        at.checkbox(key="bd_clear_sure").check().run()
        at.button(key="bd_clear_go").click().run()
        assert [s.value for s in at.success] == [t("board.teacher.cleared", lang, n=2)]
        assert RunStore().runs() == [] and t("board.empty", lang) in [i.value for i in at.info]
        assert not at.exception
    finally:
        monkeypatch.undo()
        run_service.clear()
        teacher_gate.clear()
