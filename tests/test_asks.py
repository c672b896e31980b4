"""Unit tests of the questions put to the class in the run store: who may ask, answer, reveal and read;
one answer per browser, changeable until the reveal; nothing readable before it; two server processes."""
import pytest

from core.runs.asks import Asks
from core.runs.lesson import Lessons
from core.runs.store import SCHEMA_VERSION, RunStore
from tests.conftest import old_store_file

CTX = {"z": [0.0, -1.39, -2.2], "c": 0.0, "t": 1.0, "labels": "index"}


@pytest.fixture
def lesson(store):
    return Lessons(store).start("teacher", "softmax", {"n": "3"})


@pytest.fixture
def asks(store):
    return Asks(store)


def test_a_question_goes_round(store, lesson, asks):
    """Check that an asked question is the lesson's now and moves its version, that answers are counted
    but unreadable until the reveal, that the reveal moves the version again and opens the answers
    (values only), and that closing takes it off every screen."""
    before = Lessons(store).current().version
    ask = asks.ask(lesson, "teacher", "softmax.p1", "softmax", {"n": "3"}, CTX)
    state = Lessons(store).current()
    assert state.ask == ask and state.version == before + 1
    got = asks.get(ask)
    assert (got.question, got.page, got.view, got.ctx, got.seq, got.is_revealed) == \
        ("softmax.p1", "softmax", {"n": "3"}, CTX, 1, False)
    for ws, value in (("s1", "0.5"), ("s2", "0.7"), ("s3", "0.74")):
        assert asks.answer(ask, ws, value)
    assert asks.count(ask) == 3 and asks.answers(ask) == [] and asks.mine(ask, "s2") == "0.7"
    assert asks.reveal(lesson, "teacher", ask, {"value": 0.735})
    assert Lessons(store).current().version == before + 2
    assert sorted(asks.answers(ask)) == ["0.5", "0.7", "0.74"] and asks.get(ask).truth == {"value": 0.735}
    assert asks.close(lesson, "teacher") and Lessons(store).current().ask is None


def test_one_answer_per_browser_until_the_reveal(lesson, asks):
    """Check that a browser's second answer replaces its first, and that after the reveal no answer is
    taken or changed."""
    ask = asks.ask(lesson, "teacher", "softmax.p1", "softmax", {}, CTX)
    assert asks.answer(ask, "s1", "0.1") and asks.answer(ask, "s1", "0.2")
    assert asks.count(ask) == 1 and asks.mine(ask, "s1") == "0.2"
    asks.reveal(lesson, "teacher", ask, {"value": 0.735})
    assert not asks.answer(ask, "s1", "0.735") and not asks.answer(ask, "s2", "0.735")
    assert asks.answers(ask) == ["0.2"]
    assert not asks.reveal(lesson, "teacher", ask, {"value": 0.0}), "a second reveal changed the truth"


def test_only_the_leader_asks_reveals_and_reads_the_record(store, lesson, asks):
    """Check that a student's browser can neither ask, reveal, close nor read the record, that the teacher
    cannot answer their own question, and that a question no longer on cannot be answered."""
    assert asks.ask(lesson, "student", "softmax.p1", "softmax", {}, CTX) == ""
    ask = asks.ask(lesson, "teacher", "softmax.p1", "softmax", {}, CTX)
    assert not asks.answer(ask, "teacher", "0.7")
    assert asks.answer(ask, "s1", "0.7")
    assert not asks.reveal(lesson, "student", ask, {"value": 0.1}) and asks.answers(ask) == []
    assert not asks.close(lesson, "student") and Lessons(store).current().ask == ask
    assert asks.record(lesson, "student") == []
    [(got, answers)] = asks.record(lesson, "teacher")
    assert got.id == ask and [(a.workspace, a.value) for a in answers] == [("s1", "0.7")]
    second = asks.ask(lesson, "teacher", "softmax.shift", "softmax", {}, CTX)
    assert not asks.answer(ask, "s2", "0.7"), "an answer reached a question no longer asked"
    assert asks.get(second).seq == 2


def test_a_new_lesson_forgets_the_last_ones_questions(store, lesson, asks):
    """Check that the teacher's record outlives the lesson's end, and goes when a new lesson starts."""
    ask = asks.ask(lesson, "teacher", "softmax.p1", "softmax", {}, CTX)
    asks.answer(ask, "s1", "0.7")
    Lessons(store).end(lesson, "teacher")
    assert len(asks.record(lesson, "teacher")) == 1
    Lessons(store).start("teacher", "", {})
    assert asks.record(lesson, "teacher") == [] and asks.get(ask) is None


def test_two_processes_share_the_answers(tmp_path):
    """Check that answers sent through two stores on one folder (two server processes) are one count."""
    a, b = RunStore(tmp_path), RunStore(tmp_path)
    try:
        lesson = Lessons(a).start("teacher", "softmax", {})
        ask = Asks(a).ask(lesson, "teacher", "softmax.p1", "softmax", {}, CTX)
        assert Asks(b).answer(ask, "s1", "0.5") and Asks(a).answer(ask, "s2", "0.6")
        assert Asks(a).count(ask) == Asks(b).count(ask) == 2
    finally:
        a.close()
        b.close()


def test_a_version_3_file_gains_the_questions(tmp_path):
    """Check that a file with lessons but no questions migrates with its lesson and can ask."""
    old_store_file(tmp_path, 3, "INSERT INTO lesson (slot, id, leader, version, page, view, started, teacher_seen) "
                                "VALUES (1, 'L', 'teacher', 1, '', '{}', 9e9, 9e9)")
    store = RunStore(tmp_path)
    try:
        assert store.ok and SCHEMA_VERSION == 4
        state = Lessons(store, clock=lambda: 9e9).current()
        assert state.id == "L" and state.ask is None
        assert Asks(store).ask("L", "teacher", "softmax.p1", "softmax", {}, CTX)
    finally:
        store.close()


def test_a_broken_store_asks_nothing(broken_store):
    """Check that a damaged file asks, counts and reads nothing, without raising."""
    asks = Asks(broken_store)
    assert asks.ask("L", "t", "softmax.p1", "softmax", {}, CTX) == ""
    assert asks.get("x") is None and asks.count("x") == 0 and asks.answers("x") == []
    assert not asks.answer("x", "s", "1") and asks.record("L", "t") == []
