"""Limits a server admin sets in the environment, and the per-student one that keeps one student from
crowding out the class: runs started a minute."""
from __future__ import annotations

import os
import threading
import time
from collections import deque

DEFAULT_STARTS_PER_MINUTE = 6
WINDOW_S = 60.0


def positive_int_env(name: str, default: int) -> int:
    """``$<name>`` if it is a positive integer, else ``default`` (unset, empty, zero, negative or not a number)."""
    try:
        n = int(os.environ.get(name, ""))
    except ValueError:
        n = 0
    return n if n >= 1 else default


def starts_per_minute() -> int:
    """``$PLAYGROUND_STARTS_PER_MINUTE`` if it is a positive integer, else 6."""
    return positive_int_env("PLAYGROUND_STARTS_PER_MINUTE", DEFAULT_STARTS_PER_MINUTE)


class StartLimit:
    """At most ``per_minute`` starts for each student (a workspace) in any 60 seconds. Thread-safe."""

    def __init__(self, per_minute: int | None = None, *, clock=time.monotonic):
        self.per_minute = per_minute or starts_per_minute()
        self._clock = clock
        self._lock = threading.Lock()
        self._starts: dict[str, deque[float]] = {}

    def take(self, who: str) -> float:
        """Count one start for ``who`` and return 0 if it is allowed; otherwise count nothing and return
        the seconds until the next start is."""
        with self._lock:
            now = self._clock()
            starts = self._starts.setdefault(who, deque())
            while starts and starts[0] <= now - WINDOW_S:
                starts.popleft()
            if len(starts) >= self.per_minute:
                return starts[0] + WINDOW_S - now
            starts.append(now)
            return 0.0
