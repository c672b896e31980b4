"""Who a browser is: its secret, the workspace the secret owns, the teacher's proof, and the per-student
start limit."""
from __future__ import annotations

import re

from core.classroom.identity import new_browser_secret, valid_browser_secret, workspace_of
from core.classroom.limits import StartLimit, starts_per_minute
from core.classroom.teacher import TeacherGate


def test_browser_secrets_and_their_workspaces():
    """Check that secrets are unguessable and of one shape, and that each names its own workspace id, which
    does not reveal it (a hash, not a copy)."""
    a, b = new_browser_secret(), new_browser_secret()
    assert a != b and valid_browser_secret(a) and valid_browser_secret(b)
    assert workspace_of(a) == workspace_of(a) != workspace_of(b)
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", workspace_of(a)) and workspace_of(a) not in a
    for bad in [None, "", "x", a[:-1], a + "x", a[:-1] + "!", "<script>alert(1)</script>" + "a" * 18, 42]:
        assert not valid_browser_secret(bad)


def test_the_teachers_proof_belongs_to_one_browser_and_one_key():
    """Check that the proof a browser keeps opens the teacher tools for that browser only, and no longer
    once the server's key changed; a server without a key accepts nothing."""
    gate, mine, theirs = TeacherGate("s3cret"), new_browser_secret(), new_browser_secret()
    proof = gate.token(mine)
    assert gate.token_ok(mine, proof)
    assert not gate.token_ok(theirs, proof)                 # a proof copied to another browser
    assert not TeacherGate("other").token_ok(mine, proof)   # the key changed
    assert not TeacherGate("").token_ok(mine, TeacherGate("").token(mine))
    for bad in [None, "", "0" * 64, proof.upper(), proof[:-1], 7, "가" * 64]:
        assert not gate.token_ok(mine, bad)


def test_start_limit_counts_each_student_alone():
    """Check that a student gets ``per_minute`` starts in any 60 s, then waits the right time, and that one
    student's starts never use up another's."""
    now = [0.0]
    limit = StartLimit(3, clock=lambda: now[0])
    for t in (0.0, 20.0, 40.0):
        now[0] = t
        assert limit.take("a") == 0.0
    now[0] = 50.0
    assert limit.take("a") == 10.0 and limit.take("b") == 0.0   # a waits for the start at 0 to age out
    now[0] = 60.0
    assert limit.take("a") == 0.0                              # starts at 20, 40, 60 now
    now[0] = 61.0
    assert limit.take("a") == 19.0


def test_starts_per_minute_from_the_environment(monkeypatch):
    """Check that PLAYGROUND_STARTS_PER_MINUTE is read and a bad value falls back to 6."""
    monkeypatch.setenv("PLAYGROUND_STARTS_PER_MINUTE", "2")
    assert starts_per_minute() == 2 and StartLimit().per_minute == 2
    for bad in ("0", "-3", "many", ""):
        monkeypatch.setenv("PLAYGROUND_STARTS_PER_MINUTE", bad)
        assert starts_per_minute() == 6
