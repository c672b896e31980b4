"""AppTest checks of a lesson in one server process: on every page a following student's tab ends with the
teacher's settings (read through the page's own address parsers), whatever the student had before, in the
student's own language; only an unlocked teacher leads; a student who leaves keeps their view."""
import pytest
from streamlit.testing.v1 import AppTest

from core.classroom.identity import workspace_of
from core.runs.store import RunStore
from core.text.i18n import t
from tests.test_page_board import trained_tab
from tests.widgets import component_data
from ui.lesson import lessons
from ui.workspace import teacher_gate

KEY = "s3cret"
# Per page: the teacher's link and a student's own, different settings before the teacher moves on.
VIEWS = {
    "views/softmax_explorer.py": ({"n": "4", "z0": "1.5", "z1": "-1", "z3": "2", "t": "2", "labels": "fashion"},
                                  {"n": "3", "z0": "-3", "t": "0.5"}),
    "views/sigmoid_explorer.py": ({"sw": "2.5", "sb": "-1", "spins": "1,0_2,1", "sep": "100"}, {"sw": "-1"}),
    "views/loss_viewer.py": ({"a": "0.3", "yb": "0", "eps": "-5"}, {"a": "0.9"}),
    "views/regions.py": ({"rkind": "moons", "runits": "8", "rlr": "0.1", "rseed": "3"},
                         {"rkind": "blobs", "runits": "4", "rn": "200"}),
    "views/trainer.py": ({"preset": "fast", "lr": "0.3"}, {"preset": "textbook", "lr": "0.05"}),
    "views/own_image.py": ({"src": "test", "test": "7", "contrast": "1.5"}, {"src": "upload"}),
}


@pytest.fixture
def teacher_key(monkeypatch):
    """A server with a teacher key; no lesson is left behind for the other tests of this process."""
    monkeypatch.setenv("PLAYGROUND_TEACHER_KEY", KEY)
    teacher_gate.clear()
    yield
    state = lessons().current()
    if state is not None:
        lessons().end(state.id, state.leader)
    monkeypatch.undo()
    teacher_gate.clear()


def tab(app_path, lang: str = "en", **params) -> AppTest:
    at = AppTest.from_file(app_path, default_timeout=60)
    at.query_params.update({"lang": lang, **params})
    return at.run()


def leading_teacher(app_path) -> AppTest:
    teacher = tab(app_path)
    teacher.sidebar.text_input(key="ws_key_box").set_value(KEY).run()
    teacher.sidebar.toggle(key="ls_lead").set_value(True).run()
    assert not teacher.exception, teacher.exception
    return teacher


def logit_box(at, i: int):
    """The softmax page's number box of logit i (its key carries a generation number)."""
    return next(w for w in at.number_input if w.key.startswith(f"sm.z{i}__n"))


def settings(at, names) -> dict:
    return {n: at.query_params.get(n) for n in names}


@pytest.mark.parametrize("page", list(VIEWS))
def test_a_following_student_gets_the_teachers_settings(app_path, teacher_key, page):
    """Check that a student's tab on the page with settings of its own, after the teacher opens the same
    page with other settings, shows exactly the teacher's settings (the address the page itself writes),
    keeps its own language, and shows no exception; and that a student's move is undone by the teacher's
    next change only."""
    teacher_link, own = VIEWS[page]
    student = tab(app_path, "ko", **own)
    student.switch_page(page).run()
    teacher = leading_teacher(app_path)
    teacher.query_params.update(teacher_link)
    teacher.switch_page(page).run()
    assert not teacher.exception, teacher.exception
    view = lessons().current().view
    assert {k: v for k, v in teacher_link.items() if k != "preset"} == \
        {k: view.get(k) for k in teacher_link if k != "preset"}, "the teacher's link was not a valid view"
    student.run()  # the watch would rerun it; AppTest runs it by hand
    assert not student.exception, student.exception
    assert settings(student, view) == view
    assert student.query_params["lang"] == "ko"


def test_the_softmax_page_follows_change_by_change(app_path, teacher_key):
    """Check that each of the teacher's changes reaches the student (who follows by default), that a
    student who leaves keeps their view through the teacher's next change, and that coming back jumps to
    the teacher's current view."""
    page = "views/softmax_explorer.py"
    student = tab(app_path)
    teacher = leading_teacher(app_path)
    teacher.switch_page(page).run()
    student.run()
    assert student.toggle(key="ls_follow_box").value is True
    for z0 in ("1.5", "-2"):
        logit_box(teacher, 0).set_value(float(z0)).run()
        student.run()
        assert student.query_params["z0"] == z0 == teacher.query_params["z0"]
    student.toggle(key="ls_follow_box").set_value(False).run()
    logit_box(teacher, 0).set_value(3.0).run()
    student.run()
    assert student.query_params["z0"] == "-2"
    student.toggle(key="ls_follow_box").set_value(True).run()
    assert student.query_params["z0"] == "3"


def test_only_an_unlocked_teacher_leads(app_path, teacher_key):
    """Check that a tab without the key has no "Lead the class" switch and cannot start a lesson by
    setting the switch's state, and that locking the teacher tools stops publishing."""
    student = tab(app_path)
    assert not [w for w in student.sidebar.toggle if w.key == "ls_lead"]
    student.session_state["ls_lead"] = True
    student.switch_page("views/softmax_explorer.py").run()
    assert lessons().current() is None
    teacher = leading_teacher(app_path)
    assert lessons().current() is not None
    teacher.sidebar.button(key="ws_lock").click().run()
    teacher.switch_page("views/sigmoid_explorer.py").run()
    assert lessons().current().page == ""


def test_pause_covers_a_following_tab_and_the_teacher_left_notice(app_path, teacher_key):
    """Check that pause shows "Eyes on the teacher" on a following tab (not on one that left) and resume
    takes it away; and that a lesson whose teacher closed the tab tells the class and leaves them free."""
    student, leaver = tab(app_path, "ko"), tab(app_path)
    teacher = leading_teacher(app_path)
    leaver.run()
    leaver.toggle(key="ls_follow_box").set_value(False).run()
    teacher.sidebar.button(key="ls_pause").click().run()
    student.run()
    leaver.run()
    assert t("lesson.paused", "ko") in [h.value for h in student.title]
    assert t("lesson.paused", "en") not in [h.value for h in leaver.title]
    teacher.sidebar.button(key="ls_pause").click().run()
    student.run()
    assert t("lesson.paused", "ko") not in [h.value for h in student.title]
    state = lessons().current()
    lessons().teacher_here(state.id, state.leader, here=False)
    student.run()
    assert t("lesson.teacher_left", "ko") in [i.value for i in student.info]


def test_the_run_the_teacher_shows_is_anonymous_unless_named(app_path, teacher_key):
    """Check that a run the teacher opens on the predictions page (a student's, as from the board) opens
    read-only on a following student's screen with neither its owner's nickname nor anything of the
    follower's own, until the teacher turns on "Show nicknames with runs"."""
    _, secret = trained_tab(app_path)
    (record,) = RunStore().runs(workspace_of(secret))
    follower = tab(app_path)
    teacher = leading_teacher(app_path)
    teacher.query_params["run"] = record.id
    teacher.switch_page("views/predictions.py").run()
    assert lessons().current().view.get("run") == record.id
    follower.run()
    assert not follower.exception, follower.exception
    shown = [c.value for c in follower.caption]
    assert t("lesson.shown", "en", number=record.number) in shown
    assert not any(record.nickname in text for text in shown + [s.value for s in follower.selectbox])
    assert component_data(follower, "cp_confusion")["text"] == component_data(teacher, "cp_confusion")["text"]
    teacher.sidebar.toggle(key="ls_names_box").set_value(True).run()
    follower.run()
    assert any(record.nickname in c.value for c in follower.caption)
