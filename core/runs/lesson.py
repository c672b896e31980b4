"""The class's lesson: the view the teacher leads (a page and its settings, the run the predictions page
shows included), pause, whether a classmate's run shown carries its nickname, and the tabs taking part:
one row in the run store, so every server process on the data folder shares one lesson.

Who may do what: only the browser that started the lesson (its *leader*, a teacher's workspace, checked
by the page before anything here is called) changes it; every tab reads it. A view is a page's validated
settings as its address would carry them (names and short texts, never markup): :func:`clean_view`
refuses anything else before it is stored, and a follower still reads each value through the page's own
parsers, as from an address.

Following costs a tab nothing while the lesson is still: one :class:`LessonWatch` per server process
reads the lesson's row a few times a second for all its tabs, and wakes (reruns) only the tabs that must
change when the row does. A lesson ends when its teacher ends it, or after ``END_AFTER_S`` with no teacher.
"""
from __future__ import annotations

import json
import logging
import re
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterable

from core.runs.store import RunStore

logger = logging.getLogger(__name__)

WATCH_S = 0.25          # how often each server process reads the lesson's row
BEAT_S = 3.0            # how often a process writes its counts (and its teacher's presence)
TEACHER_AWAY_S = 15.0   # no process has the teacher's tab for this long: the teacher left
END_AFTER_S = 3600.0    # an hour with no teacher ends the lesson
PROCESS_GONE_S = 10.0   # a process's counts not renewed for this long (it died) no longer count
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
    ask: str | None = None  # the question put to the class now (core/runs/asks.py), if any

    def teacher_away(self, now: float | None = None) -> bool:
        """Whether the teacher closed the tab (or its server process has not said it is open for a while)."""
        return self.teacher_gone or (time.time() if now is None else now) - self.teacher_seen > TEACHER_AWAY_S


@dataclass(frozen=True)
class Counts:
    """The students' tabs in the lesson: following and left (together, connected)."""
    following: int
    left: int

    @property
    def connected(self) -> int:
        return self.following + self.left


_COLUMNS = "id, leader, version, page, view, paused, names, teacher_seen, teacher_gone, ask"


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
        return LessonState(row[0], row[1], row[2], row[3], view, bool(row[5]), bool(row[6]), row[7], bool(row[8]), row[9])

    def start(self, leader: str, page: str, view: dict[str, str]) -> str:
        """Start a lesson led by ``leader`` at this view (ending any other); returns its id ("" on a store
        fault). Call with a view :func:`clean_view` accepted."""
        lesson, now = secrets.token_urlsafe(9), self._clock()

        def start(conn):
            conn.execute("DELETE FROM lesson_procs")
            conn.execute("DELETE FROM answers")  # the last lesson's questions go when a new lesson starts
            conn.execute("DELETE FROM asks")
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
        """Make this the lesson's view (each call moves the version and wakes the followers: call when the view
        changed); False when the lesson is over or another's. Call with a view :func:`clean_view` accepted."""
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
                                    c.execute("DELETE FROM lesson_procs WHERE lesson = ?", (lesson,))))

    def teacher_here(self, lesson: str, leader: str, here: bool = True) -> None:
        """The teacher's tab is open (``here``: a heartbeat), or the teacher's last tab closed."""
        self.store.write(lambda c: c.execute(
            "UPDATE lesson SET teacher_seen = ?, teacher_gone = ? WHERE id = ? AND leader = ?",
            (self._clock(), int(not here), lesson, leader)))

    def report(self, lesson: str, process: str, following: int, left: int) -> None:
        """A server process's count of its students' tabs in the lesson (following, left)."""
        self.store.write(lambda c: c.execute("INSERT OR REPLACE INTO lesson_procs VALUES (?, ?, ?, ?, ?)",
                                             (process, lesson, following, left, self._clock())))

    def counts(self, lesson: str) -> Counts:
        """How many students' tabs follow the lesson and how many left it, over every live server process."""
        row = self.store.read(lambda c: c.execute(
            "SELECT coalesce(sum(following), 0), coalesce(sum(left_), 0) FROM lesson_procs WHERE lesson = ? "
            "AND seen >= ?", (lesson, self._clock() - PROCESS_GONE_S)).fetchone(), (0, 0))
        return Counts(following=row[0], left=row[1])


@dataclass
class _Tab:
    following: bool
    leads: tuple[str, str] | None  # (lesson, leader) when this tab leads it


class LessonWatch:
    """The lesson as one server process's tabs see it. Tabs :meth:`join` on each run (saying whether they
    follow, or lead) and :meth:`leave` when they close; :meth:`tick` (a thread calls it every ``WATCH_S``)
    reads the lesson's row once for them all and calls ``wake(tab ids)`` for the tabs that must rerun: the
    following tabs when the view, pause or naming changed, every tab when a lesson began or ended or its
    teacher left or came back. Every ``BEAT_S`` it writes this process's counts, and keeps the lesson's
    teacher present while one of the teacher's leading tabs is open here."""

    def __init__(self, lessons: Lessons, wake: Callable[[Iterable[str]], None], *, clock=time.time):
        self.lessons, self._wake, self._clock = lessons, wake, clock
        self.process = secrets.token_hex(8)
        self._lock = threading.Lock()
        self._tabs: dict[str, _Tab] = {}
        self._seen: tuple | None = None     # (lesson, version, teacher away) at the last tick
        self._last_beat = float("-inf")
        self._reported: tuple | None = None

    def join(self, tab: str, *, following: bool, leads: tuple[str, str] | None = None) -> None:
        """Tab ``tab`` of this process is open: following the lesson or not, or leading ``leads``."""
        with self._lock:
            self._tabs[tab] = _Tab(following, leads)

    def leave(self, tab: str) -> None:
        """Tab ``tab`` closed. The last leading tab of the teacher here closing tells the class at once."""
        with self._lock:
            gone = self._tabs.pop(tab, None)
            still = gone is not None and gone.leads is not None and any(
                t.leads == gone.leads for t in self._tabs.values())
        if gone is not None and gone.leads is not None and not still:
            self.lessons.teacher_here(*gone.leads, here=False)

    def tick(self) -> None:
        """Read the lesson once; wake the tabs it changed for; write the counts when due."""
        state = self.lessons.current()
        now = self._clock()
        seen = None if state is None else (state.id, state.version, state.teacher_away(now))
        with self._lock:
            tabs = dict(self._tabs)
        if seen != self._seen:
            every = self._seen is None or seen is None or seen[0] != self._seen[0] or seen[2] != self._seen[2]
            self._seen = seen
            wake = [t for t, tab in tabs.items() if tab.leads is None and (every or tab.following)]
            if wake:
                self._wake(wake)
        if state is None:
            return
        students = [tab for tab in tabs.values() if tab.leads is None]
        counts = (state.id, sum(t.following for t in students), sum(not t.following for t in students))
        if now - self._last_beat >= BEAT_S or counts != self._reported:
            self._last_beat, self._reported = now, counts
            self.lessons.report(state.id, self.process, counts[1], counts[2])
            if any(t.leads == (state.id, state.leader) for t in tabs.values()):
                self.lessons.teacher_here(state.id, state.leader)

    def run(self, stopped: threading.Event, every: float = WATCH_S) -> None:
        """Tick every ``every`` seconds until ``stopped`` (the body of this process's watch thread)."""
        while not stopped.wait(every):
            try:
                self.tick()
            except Exception:  # noqa: BLE001 — a bad moment must not end following for the whole server
                logger.exception("lesson watch")
