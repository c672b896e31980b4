"""Unit tests of the lesson in the run store: who may change it, what a view may hold, the counts, the
teacher's presence and the hour's end, and two stores (two server processes) on one folder."""
import sqlite3

import pytest

from core.runs.lesson import END_AFTER_S, TAB_GONE_S, TEACHER_AWAY_S, Lessons, clean_view
from core.runs.store import DB_NAME, MIGRATIONS, SCHEMA_VERSION, RunStore

PAGES = {"", "softmax", "trainer"}


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def lessons(store, clock):
    return Lessons(store, clock=clock)


def test_a_lesson_round_trips_and_moves_its_version(lessons):
    """Check that a started lesson reads back, and that each change (view, pause, naming) moves its
    version once and reads back as written."""
    assert lessons.current() is None
    lesson = lessons.start("teacher-ws", "", {})
    state = lessons.current()
    assert (state.id, state.leader, state.page, state.view, state.paused, state.names) == \
        (lesson, "teacher-ws", "", {}, False, False)
    assert lessons.publish(lesson, "teacher-ws", "softmax", {"z0": "1.5", "n": "3"})
    assert lessons.pause(lesson, "teacher-ws", True)
    assert lessons.show_names(lesson, "teacher-ws", True)
    after = lessons.current()
    assert (after.page, after.view, after.paused, after.names) == ("softmax", {"z0": "1.5", "n": "3"}, True, True)
    assert after.version == state.version + 3


def test_only_the_leader_changes_the_lesson(lessons):
    """Check that another browser (a student who knows the lesson's id) can neither publish, pause, name,
    beat for the teacher nor end it; and that a new lesson makes the old one's leader a stranger."""
    lesson = lessons.start("teacher-ws", "softmax", {"z0": "1"})
    before = lessons.current()
    assert not lessons.publish(lesson, "student-ws", "trainer", {})
    assert not lessons.pause(lesson, "student-ws", True)
    assert not lessons.show_names(lesson, "student-ws", True)
    lessons.end(lesson, "student-ws")
    assert lessons.current() == before
    newer = lessons.start("second-teacher", "", {})
    assert not lessons.publish(lesson, "teacher-ws", "trainer", {})
    assert lessons.current().id == newer and lessons.current().leader == "second-teacher"
    lessons.end(newer, "second-teacher")
    assert lessons.current() is None


@pytest.mark.parametrize("page, params", [
    ("softmax", {"z0": "<script>alert(1)</script>"}),
    ("softmax", {"z0": "1 onmouseover=x"}),
    ("softmax", {"<b>": "1"}),
    ("softmax", {"Z0": "1"}),
    ("softmax", {"z0": "x" * 121}),
    ("softmax", {f"p{i}": "1" for i in range(81)}),
    ("javascript:alert(1)", {}),
    ("elsewhere", {}),
    ("softmax", {"z0": 1.5}),
])
def test_a_view_is_plain_names_and_short_plain_values(page, params):
    """Check that markup, odd names, long values, too many settings and unknown pages are refused whole."""
    assert clean_view(page, params, PAGES) is None


def test_a_pages_own_values_pass():
    """Check that what our pages write to their addresses passes unchanged (sorted by name)."""
    params = {"z1": "-0.5", "n": "3", "layers": "relu.tanh", "run": "Ab-3_x9", "lr": "1e-05", "pins": "0.1,2"}
    assert clean_view("softmax", params, PAGES) == ("softmax", dict(sorted(params.items())))


def test_counts_follow_the_tabs_and_forget_quiet_ones(lessons, clock):
    """Check that the teacher's counts follow each tab's last word, and drop a tab gone quiet or closed."""
    lesson = lessons.start("t", "", {})
    for tab, following in (("a", True), ("b", True), ("c", False)):
        lessons.tab_seen(lesson, tab, following)
    counts = lessons.counts(lesson)
    assert (counts.following, counts.left, counts.connected) == (2, 1, 3)
    lessons.tab_seen(lesson, "a", False)
    lessons.tab_gone("b")
    assert (lessons.counts(lesson).following, lessons.counts(lesson).left) == (0, 2)
    clock.now += TAB_GONE_S / 2
    lessons.tab_seen(lesson, "c", True)
    clock.now += TAB_GONE_S / 2 + 1
    assert (lessons.counts(lesson).following, lessons.counts(lesson).left) == (1, 0)


def test_the_teacher_leaves_and_the_lesson_waits_an_hour(lessons, clock):
    """Check that a closed teacher tab shows as away at once and a silent one after TEACHER_AWAY_S, that
    the teacher's heartbeat brings the lesson back, and that an hour without the teacher ends it."""
    lesson = lessons.start("t", "", {})
    assert not lessons.current().teacher_away(clock.now)
    lessons.teacher_here(lesson, "t", here=False)
    assert lessons.current().teacher_away(clock.now)
    lessons.teacher_here(lesson, "t")
    assert not lessons.current().teacher_away(clock.now)
    clock.now += TEACHER_AWAY_S + 1
    assert lessons.current().teacher_away(clock.now)
    clock.now += END_AFTER_S - TEACHER_AWAY_S - 2
    assert lessons.current() is not None
    clock.now += 2
    assert lessons.current() is None


def test_two_processes_on_one_folder_share_one_lesson(tmp_path, clock):
    """Check that two stores on one data folder (two server processes) see one lesson: what one's teacher
    publishes, the other's students read, and their tabs add up in one count."""
    a, b = RunStore(tmp_path), RunStore(tmp_path)
    try:
        here, there = Lessons(a, clock=clock), Lessons(b, clock=clock)
        lesson = here.start("t", "", {})
        here.publish(lesson, "t", "softmax", {"z0": "2"})
        assert (there.current().page, there.current().view) == ("softmax", {"z0": "2"})
        here.tab_seen(lesson, "a", True)
        there.tab_seen(lesson, "b", False)
        assert here.counts(lesson).connected == there.counts(lesson).connected == 2
    finally:
        a.close()
        b.close()


def test_a_version_2_file_gains_the_lesson(tmp_path):
    """Check that a file from before lessons migrates: its runs stay and a lesson can start."""
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        conn.executescript(MIGRATIONS[0])
        MIGRATIONS[1](conn)
        conn.execute("INSERT INTO runs (id, workspace, number, nickname, created, config, state) VALUES "
                     "('r', 'w', 1, 'x', 1.0, '{}', 'finished')")
        conn.execute("PRAGMA user_version = 2")
    store = RunStore(tmp_path)
    try:
        assert store.ok and [r.id for r in store.runs()] == ["r"]
        assert Lessons(store).start("t", "", {})
        with sqlite3.connect(store.path) as conn:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    finally:
        store.close()


def test_a_broken_store_has_no_lesson(tmp_path):
    """Check that a damaged file gives no lesson and refuses to start one, without raising."""
    (tmp_path / DB_NAME).write_bytes(b"this is not a database" * 100)
    store = RunStore(tmp_path)
    try:
        lessons = Lessons(store)
        assert lessons.start("t", "", {}) == "" and lessons.current() is None
        assert lessons.counts("x").connected == 0
    finally:
        store.close()
