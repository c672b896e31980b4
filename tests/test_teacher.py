"""The teacher key's gate: wrong tries slowed per browser, with decay, and across the server, without ever
holding back the right key."""
import pytest

import core.classroom.teacher
from core.classroom.teacher import DECAY_S, MAX_WAIT_S, WRONG_PER_MINUTE, TeacherGate


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def waits(gate, clock, who, n) -> list[float]:
    """The waits after each of ``n`` wrong tries by ``who``, each made as soon as it is allowed."""
    out = []
    for _ in range(n):
        assert gate.check("wrong", who) == (False, 0.0)
        out.append(gate.check("wrong", who)[1])  # too soon: not even looked at
        clock.now += out[-1]
    return out


def test_teacher_gate_slows_wrong_keys():
    """Check that wrong keys are answered alike and each one delays the browser's next try, the right key
    opens, and with no key configured nothing opens."""
    clock = Clock()
    gate = TeacherGate("s3cret", clock=clock)
    assert gate.check("s3cre", "b") == (False, 0.0)
    assert gate.check("s3cret", "b")[0] is False and gate.check("s3cret", "b")[1] > 0
    clock.now += 1.0
    assert gate.check("x", "b") == (False, 0.0)
    clock.now += 1.0
    assert gate.check("s3cret", "b")[1] == pytest.approx(1.0)  # the second wrong try doubled the wait
    clock.now += 1.0
    assert gate.check("s3cret", "b") == (True, 0.0)
    assert TeacherGate("").check("", "b") == (False, 0.0) and not TeacherGate("").enabled


def test_a_student_guessing_does_not_lock_the_teacher_out():
    """Check the issue's finding: with a student scripting 60 wrong tries (one every half second), the
    teacher's browser gets in with the right key every time it tries (the old server-wide backoff let
    it in 0 of 60 times)."""
    clock = Clock()
    gate = TeacherGate("s3cret", clock=clock)
    admitted = 0
    for _ in range(60):
        gate.check("guess", "student")
        admitted += gate.check("s3cret", "teacher")[0]
        clock.now += 0.5
    assert admitted == 60
    assert gate.check("s3cret", "student")[1] > 0  # the student is still in its own wait


def test_a_browsers_wait_doubles_up_to_the_longest():
    """Check that one browser's waits double after each wrong try, up to 30 s, and stay there."""
    clock = Clock()
    assert waits(TeacherGate("s3cret", clock=clock), clock, "b", 8) == [1, 2, 4, 8, 16, 30, 30, 30]


def test_a_browsers_count_decays_when_it_stops_guessing():
    """Check that each quiet minute takes one off a browser's count, and a long quiet forgets it."""
    clock = Clock()
    gate = TeacherGate("s3cret", clock=clock)
    waits(gate, clock, "b", 6)                    # count 6: the next wait would be 30 s
    clock.now += 3 * DECAY_S                      # three quiet minutes: count 3
    assert waits(gate, clock, "b", 1) == [8]      # count 4
    clock.now += 15 * DECAY_S
    assert waits(gate, clock, "b", 1) == [1]      # forgotten: a first wrong try again


def test_many_browsers_together_are_slowed_but_the_right_key_is_not():
    """Check that past the server's limit of wrong tries a minute every further wrong try, from any new
    browser, costs the longest wait at once, while a browser with the right key still gets in, and a
    browser in its own wait is refused without its key being looked at."""
    clock = Clock()
    gate = TeacherGate("s3cret", clock=clock)
    def one_wrong_try(who) -> float:
        clock.now += 0.5
        assert gate.check("guess", who) == (False, 0.0)
        return gate.check("guess", who)[1]
    assert [one_wrong_try(f"cookie{i}") for i in range(WRONG_PER_MINUTE)] == [1.0] * WRONG_PER_MINUTE
    assert [one_wrong_try(f"more{i}") for i in range(5)] == [MAX_WAIT_S] * 5
    assert gate.check("s3cret", "teacher") == (True, 0.0)
    assert gate.check("s3cret", "more4")[0] is False    # its own wait: the right key is not even compared
    clock.now += 60
    assert one_wrong_try("later") == 1.0                # a quiet minute later the limit is lifted


def test_starting_afresh_keeps_the_tabs_wait():
    """Check that a try named by a browser and a tab waits for either: a tab that became a new browser
    ("start afresh") is still slowed by its wrong tries."""
    clock = Clock()
    gate = TeacherGate("s3cret", clock=clock)
    assert gate.check("guess", ("old-browser", "tab")) == (False, 0.0)
    assert gate.check("s3cret", ("new-browser", "tab"))[1] > 0
    assert gate.check("s3cret", ("new-browser", "other-tab")) == (True, 0.0)


def test_the_table_of_browsers_stays_bounded(monkeypatch):
    """Check that a script making ever new identities cannot grow the gate's memory past its bound."""
    monkeypatch.setattr(core.classroom.teacher, "MAX_BROWSERS", 100)
    clock = Clock()
    gate = TeacherGate("s3cret", clock=clock)
    for i in range(1000):
        gate.check("guess", f"identity{i}")
        clock.now += 0.01
    assert len(gate._browsers) == 100
