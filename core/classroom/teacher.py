"""The teacher's key: compared in constant time, wrong tries slowed down per browser and across the server;
and the proof a browser keeps once its teacher typed the key."""
from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time
from collections import deque

MAX_WAIT_S = 30.0         # the longest a browser waits between tries
DECAY_S = 60.0            # each minute without a wrong try takes one off a browser's count
MAX_FAILS = 15            # so a browser that stops guessing is forgotten within 15 minutes
WRONG_PER_MINUTE = 20     # wrong tries a minute, all browsers together, before each costs the longest wait
MAX_BROWSERS = 10_000     # browsers remembered at once (a script making identities cannot grow memory)


class TeacherGate:
    """Checks a typed key against ``$PLAYGROUND_TEACHER_KEY`` (no variable: nobody gets in).

    Per browser: after its wrong keys, its next try is refused unread for 1, 2, 4 … (at most 30) seconds;
    the count drops by one for each minute without a wrong try, and a browser back at zero is forgotten.
    One browser's tries never delay another's, so a student guessing cannot lock the teacher out.

    Across the server: past ``WRONG_PER_MINUTE`` wrong tries in the last minute, every further wrong try
    puts its browser straight into the longest wait: a classroom of scripted browsers gets about two keys
    a minute each, not the ~6 of the doubling's first minute. The right key is never held back by that
    limit: a browser not in its own wait always has its try compared (a wrong try gets the same "no"
    either way, so the limit tells a guesser nothing about the key). What is left: each brand-new browser
    identity (a new session without the cookie) gets one try, as the teacher's own new browser must.
    """

    def __init__(self, key: str | None = None, *, clock=time.monotonic):
        self.key = os.environ.get("PLAYGROUND_TEACHER_KEY") if key is None else key
        self._clock = clock
        self._lock = threading.Lock()
        self._browsers: dict[str, tuple[int, float, float]] = {}  # who -> (wrong count, last, next try)
        self._recent = deque(maxlen=WRONG_PER_MINUTE)  # times of the server's latest wrong tries

    @property
    def enabled(self) -> bool:
        """Whether this server has a teacher key at all."""
        return bool(self.key)

    def check(self, attempt: str, who: str | tuple[str, ...]) -> tuple[bool, float]:
        """``(True, 0)`` for the right key; ``(False, wait_s)`` otherwise, ``wait_s`` > 0 when the try came
        too soon and was not looked at. ``who`` names where the try comes from: a browser id, or several
        (the browser and the tab, so a tab that starts afresh as a new browser keeps its wait)."""
        ids = (who,) if isinstance(who, str) else who
        with self._lock:
            now = self._clock()
            wait = max(self._browsers.get(i, (0, 0.0, 0.0))[2] - now for i in ids)
            if wait > 0:
                return False, wait
            if self.enabled and hmac.compare_digest(attempt.encode(), self.key.encode()):
                for i in ids:
                    self._browsers.pop(i, None)
                return True, 0.0
            busy = len(self._recent) == self._recent.maxlen and now - self._recent[0] < 60.0
            self._recent.append(now)
            for i in ids:
                self._record_wrong(i, now, busy)
            return False, 0.0

    def _record_wrong(self, who: str, now: float, busy: bool) -> None:
        fails, last, _ = self._browsers.pop(who, (0, now, now))
        fails = min(MAX_FAILS, max(0, fails - int((now - last) // DECAY_S)) + 1)
        wait = MAX_WAIT_S if busy else min(MAX_WAIT_S, 2.0 ** (fails - 1))
        self._browsers[who] = (fails, now, now + wait)  # re-inserted: the table stays in order of last try
        oldest = next(iter(self._browsers))
        fails, last, _ = self._browsers[oldest]
        if len(self._browsers) > MAX_BROWSERS or now - last >= fails * DECAY_S:  # full, or decayed to zero
            del self._browsers[oldest]

    def token(self, browser_secret: str) -> str:
        """The proof that the browser with ``browser_secret`` typed the key (kept in its cookie, so the
        teacher stays unlocked in every tab of that browser). Useless without that browser's own secret,
        and void once the server's key changes."""
        if not self.enabled:
            return ""
        return hmac.new(self.key.encode(), b"teacher:" + browser_secret.encode(), hashlib.sha256).hexdigest()

    def token_ok(self, browser_secret: str, token: object) -> bool:
        """Whether ``token`` is this browser's proof (always False on a server without a key)."""
        return self.enabled and isinstance(token, str) and hmac.compare_digest(token.encode(),
                                                                                self.token(browser_secret).encode())
