"""The class's lesson: the view the teacher leads (a page and its settings, the run the predictions page
shows included), pause, whether a classmate's run shown carries its nickname, and the tabs taking part:
one row in the run store, so every server process on the data folder shares one lesson.

Who may do what: only the browser that started the lesson (its *leader*, a teacher's workspace, checked
by the page before anything here is called) changes it; every tab reads it. A view is a page's validated
settings as its address would carry them (names and short texts, never markup): :func:`clean_view`
refuses anything else before it is stored, and a follower still reads each value through the page's own
parsers, as from an address.

Following is cheap: each tab polls :meth:`Lessons.current` (one row) and applies the view only when the
version moved. A lesson ends when its teacher ends it, or after ``END_AFTER_S`` with no teacher.
"""
from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from typing import Callable

from core.runs.store import RunStore

TEACHER_AWAY_S = 75.0   # no heartbeat for this long (a hidden tab's timers run once a minute): the teacher left
END_AFTER_S = 3600.0    # an hour with no teacher ends the lesson
TAB_GONE_S = 75.0       # a tab not heard from for this long is no longer counted
MAX_PARAMS = 80         # a view's settings (the loss viewer has the most: about 40)
_NAME_RE = re.compile(r"[a-z][a-z0-9_]{0,23}")
_VALUE_RE = re.compile(r"[\w.,:+-]{0,120}", re.ASCII)  # numbers, codes, dot-separated lists, run ids


def clean_view(page: str, params: dict[str, str], pages: set[str]) -> tuple[str, dict[str, str]] | None:
    """``(page, params)`` when ``page`` is one of ``pages`` and every parameter is a plain name with a
    short plain value (as our pages write them); None otherwise (nothing of it is stored)."""
    if page not in pages or len(params) > MAX_PARAMS:
        return None
    if not all(isinstance(k, str) and isinstance(v, str) and _NAME_RE.fullmatch(k) and _VALUE_RE.fullmatch(v)
               for k, v in params.items()):
        return None
    return page, dict(sorted(params.items()))


@dataclass(frozen=True)
class LessonState:
    """One moment of the lesson, as a following tab reads it."""
    id: str
    leader: str           # the workspace of the teacher's browser
    version: int          # moves with every change of view, pause or naming
    page: str             # the page's URL path ("" for home)
    view: dict[str, str]  # its settings, as its address carries them
    paused: bool
    names: bool           # whether a classmate's run the teacher shows is named by its nickname
    teacher_seen: float
    teacher_gone: bool

    def teacher_away(self, now: float | None = None) -> bool:
        """Whether the teacher closed the tab or has not been heard from for a while."""
        return self.teacher_gone or (time.time() if now is None else now) - self.teacher_seen > TEACHER_AWAY_S


@dataclass(frozen=True)
class Counts:
    """The students' tabs in the lesson: connected, of which following and left."""
    following: int
    left: int

    @property
    def connected(self) -> int:
        return self.following + self.left


_COLUMNS = "id, leader, version, page, view, paused, names, teacher_seen, teacher_gone"


class Lessons:
    """The lesson of one run store (one class per data folder)."""

    def __init__(self, store: RunStore, *, clock: Callable[[], float] = time.time):
        self.store, self._clock = store, clock

    def current(self) -> LessonState | None:
        """The lesson on now, or None (none started, ended, or an hour without its teacher)."""
        row = self.store.read(lambda c: c.execute(f"SELECT {_COLUMNS} FROM lesson WHERE slot = 1").fetchone())
        if row is None or self._clock() - row[7] > END_AFTER_S:
            return None
        try:
            view = json.loads(row[4])
        except ValueError:
            return None
        return LessonState(row[0], row[1], row[2], row[3], view, bool(row[5]), bool(row[6]), row[7], bool(row[8]))

    def start(self, leader: str, page: str, view: dict[str, str]) -> str:
        """Start a lesson led by ``leader`` at this view (ending any other); returns its id ("" on a store
        fault). Call with a view :func:`clean_view` accepted."""
        lesson, now = secrets.token_urlsafe(9), self._clock()

        def start(conn):
            conn.execute("DELETE FROM lesson_tabs")
            conn.execute("INSERT OR REPLACE INTO lesson (slot, id, leader, version, page, view, started, "
                         "teacher_seen) VALUES (1, ?, ?, 1, ?, ?, ?, ?)",
                         (lesson, leader, page, json.dumps(view), now, now))
            return lesson
        return self.store.write(start, "")

    def _change(self, lesson: str, leader: str, sql: str, args: tuple) -> bool:
        """Apply ``SET sql`` to the lesson (and move its version) if it is still ``lesson`` led by ``leader``."""
        return bool(self.store.write(lambda c: c.execute(
            f"UPDATE lesson SET {sql}, version = version + 1, teacher_seen = ?, teacher_gone = 0 "
            "WHERE slot = 1 AND id = ? AND leader = ?", (*args, self._clock(), lesson, leader)).rowcount, 0))

    def publish(self, lesson: str, leader: str, page: str, view: dict[str, str]) -> bool:
        """Make this the lesson's view (a version only when it changed); False when the lesson is over or
        another's. Call with a view :func:`clean_view` accepted."""
        return self._change(lesson, leader, "page = ?, view = ?", (page, json.dumps(view)))

    def pause(self, lesson: str, leader: str, paused: bool) -> bool:
        """Pause ("eyes on the teacher") or resume every following screen."""
        return self._change(lesson, leader, "paused = ?", (int(paused),))

    def show_names(self, lesson: str, leader: str, names: bool) -> bool:
        """Whether a classmate's run the teacher shows (the predictions page's ``run``) carries its nickname."""
        return self._change(lesson, leader, "names = ?", (int(names),))

    def end(self, lesson: str, leader: str) -> None:
        """End the lesson (every tab goes back to exploring on its own)."""
        self.store.write(lambda c: (c.execute("DELETE FROM lesson WHERE id = ? AND leader = ?", (lesson, leader)),
                                    c.execute("DELETE FROM lesson_tabs WHERE lesson = ?", (lesson,))))

    def teacher_here(self, lesson: str, leader: str, here: bool = True) -> None:
        """The teacher's heartbeat (``here``), or the teacher's tab closing (not ``here``)."""
        self.store.write(lambda c: c.execute(
            "UPDATE lesson SET teacher_seen = ?, teacher_gone = ? WHERE id = ? AND leader = ?",
            (self._clock(), int(not here), lesson, leader)))

    def tab_seen(self, lesson: str, tab: str, following: bool) -> None:
        """A student's tab is in the lesson (``following`` or not); :meth:`counts` counts it for a while."""
        self.store.write(lambda c: c.execute(
            "INSERT OR REPLACE INTO lesson_tabs VALUES (?, ?, ?, ?)", (tab, lesson, int(following), self._clock())))

    def tab_gone(self, tab: str) -> None:
        """A student's tab closed."""
        self.store.write(lambda c: c.execute("DELETE FROM lesson_tabs WHERE tab = ?", (tab,)))

    def counts(self, lesson: str) -> Counts:
        """How many students' tabs follow the lesson and how many left it, among those heard from lately."""
        since = self._clock() - TAB_GONE_S
        rows = self.store.read(lambda c: c.execute(
            "SELECT following, count(*) FROM lesson_tabs WHERE lesson = ? AND seen >= ? GROUP BY following",
            (lesson, since)).fetchall(), [])
        by = dict(rows)
        return Counts(following=by.get(1, 0), left=by.get(0, 0))
