"""Unit tests of the lesson in the run store: who may change it, what a view may hold, the counts, the
teacher's presence and the hour's end, and two stores (two server processes) on one folder."""
import sqlite3

import pytest

from core.runs.lesson import (BEAT_S, END_AFTER_S, PROCESS_GONE_S, TEACHER_AWAY_S, Lessons, LessonWatch,
                              clean_view)
from core.runs.store import SCHEMA_VERSION, RunStore
from tests.conftest import old_store_file

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


class Woken:
    """The wake callback of a watch: which tabs it reran, tick by tick."""

    def __init__(self):
        self.calls: list[set[str]] = []

    def __call__(self, tabs) -> None:
        self.calls.append(set(tabs))

    def last(self) -> set[str]:
        return self.calls.pop() if self.calls else set()


def test_the_watch_wakes_the_tabs_a_change_concerns(lessons, clock):
    """Check that one read of the row wakes: every tab when a lesson begins, ends, or its teacher leaves or
    returns; only the following tabs when the view or pause changes; never the leading tab; and no tab
    while nothing changed."""
    woken = Woken()
    watch = LessonWatch(lessons, woken, clock=clock)
    watch.join("a", following=True)
    watch.join("b", following=False)
    watch.tick()
    assert woken.last() == set()
    lesson = lessons.start("t", "", {})
    watch.join("teacher", following=False, leads=(lesson, "t"))
    watch.tick()
    assert woken.last() == {"a", "b"}
    watch.tick()
    assert woken.last() == set()
    lessons.publish(lesson, "t", "softmax", {"z0": "1"})
    watch.tick()
    assert woken.last() == {"a"}
    lessons.pause(lesson, "t", True)
    watch.tick()
    assert woken.last() == {"a"}
    watch.leave("teacher")  # the teacher's last tab here closed
    watch.tick()
    assert woken.last() == {"a", "b"} and lessons.current().teacher_away(clock.now)
    lessons.end(lesson, "t")
    watch.tick()
    assert woken.last() == {"a", "b"}


def test_counts_add_up_over_processes_and_forget_a_dead_one(lessons, clock):
    """Check that each process's watch reports its own students' tabs (not the teacher's), that the counts
    add them up, follow a tab that leaves, and drop a process that stopped reporting."""
    lesson = lessons.start("t", "", {})
    one, two = LessonWatch(lessons, Woken(), clock=clock), LessonWatch(lessons, Woken(), clock=clock)
    one.join("a", following=True)
    one.join("b", following=False)
    one.join("teacher", following=False, leads=(lesson, "t"))
    two.join("c", following=True)
    one.tick()
    two.tick()
    counts = lessons.counts(lesson)
    assert (counts.following, counts.left, counts.connected) == (2, 1, 3)
    one.join("a", following=False)  # a student leaves: reported on the next tick, not after BEAT_S
    one.tick()
    assert (lessons.counts(lesson).following, lessons.counts(lesson).left) == (1, 2)
    clock.now += PROCESS_GONE_S + 1
    one.tick()  # process two died: only one's count is fresh
    assert (lessons.counts(lesson).following, lessons.counts(lesson).left) == (0, 2)


def test_the_watch_keeps_the_teacher_present(lessons, clock):
    """Check that a process holding the teacher's leading tab renews the teacher's presence, so the lesson
    never reads as left while that tab is open, and does once it closes and no tab renews it."""
    lesson = lessons.start("t", "", {})
    watch = LessonWatch(lessons, Woken(), clock=clock)
    watch.join("teacher", following=False, leads=(lesson, "t"))
    for _ in range(10):
        clock.now += BEAT_S
        watch.tick()
        assert not lessons.current().teacher_away(clock.now)
    watch.leave("teacher")
    assert lessons.current().teacher_away(clock.now)


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
        here.report(lesson, "process-a", 1, 0)
        there.report(lesson, "process-b", 0, 1)
        assert here.counts(lesson).connected == there.counts(lesson).connected == 2
    finally:
        a.close()
        b.close()


def test_a_version_2_file_gains_the_lesson(tmp_path):
    """Check that a file from before lessons migrates: its runs stay and a lesson can start."""
    old_store_file(tmp_path, 2, "INSERT INTO runs (id, workspace, number, nickname, created, config, state) VALUES "
                                "('r', 'w', 1, 'x', 1.0, '{}', 'finished')")
    store = RunStore(tmp_path)
    try:
        assert store.ok and [r.id for r in store.runs()] == ["r"]
        assert Lessons(store).start("t", "", {})
        with sqlite3.connect(store.path) as conn:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    finally:
        store.close()


def test_a_broken_store_has_no_lesson(broken_store):
    """Check that a damaged file gives no lesson and refuses to start one, without raising."""
    lessons = Lessons(broken_store)
    assert lessons.start("t", "", {}) == "" and lessons.current() is None
    assert lessons.counts("x").connected == 0
