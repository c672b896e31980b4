"""The teacher's key: compared in constant time, with wrong tries slowed down for everyone; and the proof
a browser keeps once its teacher typed the key."""
from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time

MAX_WAIT_S = 30.0


class TeacherGate:
    """Checks a typed key against ``$PLAYGROUND_TEACHER_KEY`` (no variable: nobody gets in).

    After each wrong key the next try is refused for 1, 2, 4 … (at most 30) seconds, counted across all
    tabs, so guessing from many tabs is as slow as from one. The answer never says what was wrong.
    """

    def __init__(self, key: str | None = None, *, clock=time.monotonic):
        self.key = os.environ.get("PLAYGROUND_TEACHER_KEY") if key is None else key
        self._clock = clock
        self._lock = threading.Lock()
        self._fails = 0
        self._next_try = 0.0

    @property
    def enabled(self) -> bool:
        """Whether this server has a teacher key at all."""
        return bool(self.key)

    def check(self, attempt: str) -> tuple[bool, float]:
        """``(True, 0)`` for the right key; ``(False, wait_s)`` otherwise, ``wait_s`` > 0 when the try came
        too soon and was not looked at."""
        with self._lock:
            now = self._clock()
            if now < self._next_try:
                return False, self._next_try - now
            if self.enabled and hmac.compare_digest(attempt.encode(), self.key.encode()):
                self._fails = 0
                return True, 0.0
            self._fails += 1
            self._next_try = now + min(MAX_WAIT_S, 2.0 ** (self._fails - 1))
            return False, 0.0

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
