"""Questions put to the class in a lesson, and the students' answers (the run store's ``asks`` and
``answers`` tables; the lesson's row names the question on now).

Who may do what: only the lesson's leader (the teacher's browser, checked again here against the lesson's
row) asks, reveals and closes; any other browser in the class answers — one answer per browser per
question, changeable until the reveal and not after. Nobody reads the answers before the reveal:
:meth:`Asks.answers` gives nothing until then, and before it only the count is known. A question's
context (the page's settings when it was asked) is stored with it, so its truth is computed from exactly
what the class saw. The records of the last lesson stay (for the teacher's CSV) until a new one starts.
"""
from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from typing import Any, Callable

from core.runs.store import RunStore

_LEADS = "EXISTS (SELECT 1 FROM lesson WHERE slot = 1 AND id = ? AND leader = ?)"


@dataclass(frozen=True)
class Ask:
    """One question put to the class: which (``question``, a bank id), on which page and view, with the
    context its truth is computed from; ``truth`` (a JSON-able dict) once revealed."""
    id: str
    lesson: str
    seq: int                 # 1 for the lesson's first question, …
    question: str
    page: str
    view: dict[str, str]
    ctx: dict[str, Any]
    asked: float
    revealed: float | None
    truth: dict[str, Any] | None

    @property
    def is_revealed(self) -> bool:
        return self.revealed is not None


@dataclass(frozen=True)
class Answer:
    """A student's answer as the teacher's record holds it: the browser's workspace, its nickname there
    (empty when none was set), the value (a number's text or a choice's code) and when it was last sent."""
    workspace: str
    nickname: str
    value: str
    sent: float


_ASK_COLUMNS = "id, lesson, seq, question, page, view, ctx, asked, revealed, truth"


def _ask(row) -> Ask:
    return Ask(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), json.loads(row[6]), row[7], row[8],
               None if row[9] is None else json.loads(row[9]))


class Asks:
    """The questions and answers of one run store's lesson."""

    def __init__(self, store: RunStore, *, clock: Callable[[], float] = time.time):
        self.store, self._clock = store, clock

    def ask(self, lesson: str, leader: str, question: str, page: str, view: dict[str, str],
            ctx: dict[str, Any]) -> str:
        """Put ``question`` (asked on ``page`` at ``view``, its truth to come from ``ctx``) to the class as
        the lesson's question now; returns its id ("" when ``leader`` does not lead ``lesson``)."""
        ask, now = secrets.token_urlsafe(9), self._clock()

        def put(conn):
            if not conn.execute(f"SELECT {_LEADS}", (lesson, leader)).fetchone()[0]:
                return ""
            seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM asks WHERE lesson = ?", (lesson,)).fetchone()[0]
            conn.execute(f"INSERT INTO asks (leader, {_ASK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
                         (leader, ask, lesson, seq, question, page, json.dumps(view), json.dumps(ctx), now))
            conn.execute("UPDATE lesson SET ask = ?, version = version + 1, teacher_seen = ?, teacher_gone = 0 "
                         "WHERE slot = 1", (ask, now))
            return ask
        return self.store.write(put, "")

    def get(self, ask: str | None) -> Ask | None:
        """The question ``ask``, or None."""
        if not ask:
            return None
        row = self.store.read(lambda c: c.execute(f"SELECT {_ASK_COLUMNS} FROM asks WHERE id = ?", (ask,)).fetchone())
        return None if row is None else _ask(row)

    def answer(self, ask: str, workspace: str, value: str) -> bool:
        """Record (or change) browser ``workspace``'s answer to ``ask``: only while it is the lesson's
        question, before the reveal, and never for the teacher's own browser. False when refused."""
        now = self._clock()
        return bool(self.store.write(lambda c: c.execute(
            "INSERT INTO answers (ask, workspace, value, sent) SELECT ?, ?, ?, ? WHERE EXISTS ("
            " SELECT 1 FROM asks JOIN lesson ON lesson.slot = 1 AND lesson.id = asks.lesson AND lesson.ask = asks.id"
            " WHERE asks.id = ? AND asks.revealed IS NULL AND lesson.leader != ?) "
            "ON CONFLICT (ask, workspace) DO UPDATE SET value = excluded.value, sent = excluded.sent",
            (ask, workspace, value, now, ask, workspace)).rowcount, 0))

    def mine(self, ask: str, workspace: str) -> str | None:
        """Browser ``workspace``'s answer to ``ask`` (its own, to show back), or None."""
        row = self.store.read(lambda c: c.execute("SELECT value FROM answers WHERE ask = ? AND workspace = ?",
                                                  (ask, workspace)).fetchone())
        return None if row is None else row[0]

    def count(self, ask: str) -> int:
        """How many browsers have answered ``ask`` (what the teacher sees before the reveal)."""
        return self.store.read(lambda c: c.execute("SELECT count(*) FROM answers WHERE ask = ?",
                                                   (ask,)).fetchone()[0], 0)

    def reveal(self, lesson: str, leader: str, ask: str, truth: dict[str, Any]) -> bool:
        """Reveal ``ask`` with its ``truth``: answers close, and everyone may read them (anonymously)."""
        now = self._clock()

        def reveal(conn):
            done = conn.execute(f"UPDATE asks SET revealed = ?, truth = ? WHERE id = ? AND lesson = ? AND "
                                f"revealed IS NULL AND {_LEADS}",
                                (now, json.dumps(truth), ask, lesson, lesson, leader)).rowcount
            if done:
                conn.execute("UPDATE lesson SET version = version + 1, teacher_seen = ? WHERE slot = 1", (now,))
            return bool(done)
        return self.store.write(reveal, False)

    def close(self, lesson: str, leader: str) -> bool:
        """Take the question off every screen (it stays in the teacher's record)."""
        return bool(self.store.write(lambda c: c.execute(
            "UPDATE lesson SET ask = NULL, version = version + 1, teacher_seen = ? WHERE slot = 1 AND id = ? AND "
            "leader = ? AND ask IS NOT NULL", (self._clock(), lesson, leader)).rowcount, 0))

    def answers(self, ask: str) -> list[str]:
        """The class's answers to ``ask`` once it is revealed (values only: nobody is named); [] before."""
        rows = self.store.read(lambda c: c.execute(
            "SELECT value FROM answers JOIN asks ON asks.id = answers.ask WHERE ask = ? AND asks.revealed IS NOT NULL "
            "ORDER BY sent", (ask,)).fetchall(), [])
        return [r[0] for r in rows]

    def record(self, lesson: str, leader: str) -> list[tuple[Ask, list[Answer]]]:
        """Every question of ``lesson`` with its answers and the answering browsers' nicknames: the teacher's
        record (the CSV and the class's answers over time); nothing for anyone but the lesson's leader."""
        def read(conn):
            asks = [_ask(r) for r in conn.execute(f"SELECT {_ASK_COLUMNS} FROM asks WHERE lesson = ? AND leader = ? "
                                                  "ORDER BY seq", (lesson, leader))]
            rows = conn.execute("SELECT ask, workspace, coalesce(w.nickname, ''), value, sent FROM answers "
                                "LEFT JOIN workspaces w ON w.id = answers.workspace WHERE ask IN "
                                "(SELECT id FROM asks WHERE lesson = ? AND leader = ?) ORDER BY sent",
                                (lesson, leader)).fetchall()
            by_ask: dict[str, list[Answer]] = {a.id: [] for a in asks}
            for ask, *answer in rows:
                by_ask[ask].append(Answer(*answer))
            return [(a, by_ask[a.id]) for a in asks]
        return self.store.read(read, [])
