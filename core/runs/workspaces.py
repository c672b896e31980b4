"""Which browser tabs hold each workspace, and each workspace's runs while it is held.

A workspace belongs to a browser (see core.classroom.identity), and every open tab of that browser holds it: they
share one run list, so one training run at a time for them all. When the last tab goes away (reload,
lost Wi-Fi, closed), its runs — a training job included — are kept for a grace period; a tab of that
browser that comes back in time finds them and the live chart goes on. With no tab back in time the jobs
are stopped (and the run store saves them as stopped).
"""
from __future__ import annotations

import os
import threading
from typing import Callable

from core.runs.run_list import RunList

DEFAULT_GRACE_S = 60.0


def grace_seconds() -> float:
    """``$PLAYGROUND_GRACE_S`` if it is a number ≥ 0, else 60 s."""
    try:
        s = float(os.environ.get("PLAYGROUND_GRACE_S", ""))
    except ValueError:
        s = -1.0
    return s if s >= 0 else DEFAULT_GRACE_S


class Workspaces:
    """The process-wide registry. ``make_runs(ws)`` builds a workspace's run list when a tab first
    holds it (from the run store, after a restart)."""

    def __init__(self, make_runs: Callable[[str], RunList], *, grace_s: float | None = None):
        self._make_runs = make_runs
        self.grace_s = grace_seconds() if grace_s is None else grace_s
        self._lock = threading.Lock()
        self._holders: dict[str, set[str]] = {}
        self._runs: dict[str, RunList] = {}
        self._timers: dict[str, threading.Timer] = {}

    def hold(self, ws: str, session: str) -> None:
        """Let ``session`` (a tab) hold ``ws``; any number of one browser's tabs hold it side by side."""
        with self._lock:
            self._holders.setdefault(ws, set()).add(session)
            timer = self._timers.pop(ws, None)
        if timer is not None:
            timer.cancel()

    def holders(self, ws: str) -> frozenset[str]:
        """The sessions holding ``ws`` now (empty while none does)."""
        with self._lock:
            return frozenset(self._holders.get(ws, ()))

    def runs(self, ws: str) -> RunList:
        """The workspace's run list, built once and kept while a tab holds it or its grace lasts."""
        with self._lock:
            runs = self._runs.get(ws)
        if runs is None:
            built = self._make_runs(ws)
            with self._lock:
                runs = self._runs.setdefault(ws, built)
        return runs

    def release(self, ws: str, session: str) -> None:
        """``session``'s tab went away: once no tab holds the workspace, keep its runs for the grace
        period, then let go."""
        with self._lock:
            holders = self._holders.get(ws)
            if holders is None or session not in holders:
                return
            holders.discard(session)
            if holders:
                return
            timer = threading.Timer(self.grace_s, self._expire, args=(ws,))
            timer.daemon = True
            old = self._timers.pop(ws, None)
            self._timers[ws] = timer
        if old is not None:
            old.cancel()
        timer.start()

    def _expire(self, ws: str) -> None:
        with self._lock:
            if self._holders.get(ws) or ws not in self._holders:
                return
            self._timers.pop(ws, None)
            del self._holders[ws]
            runs = self._runs.pop(ws, None)
        if runs is not None:
            runs.stop_all(timeout=0)

    def live_jobs(self) -> int:
        """How many jobs of all workspaces are still queued or training."""
        with self._lock:
            lists = list(self._runs.values())
        return sum(1 for runs in lists for r in runs if not r.job.done)
