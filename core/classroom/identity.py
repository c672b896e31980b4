"""Who a browser is: a random secret that the browser keeps (a cookie), and the workspace it names.

An address never carries identity: every tab of one browser sends the same secret and so finds the same
runs, while a copied link opened in another browser gets that browser's own. The workspace id is a hash
of the secret, so the id a run is filed under (and anything that might show it) never reveals the
secret that owns it.
"""
from __future__ import annotations

import base64
import hashlib
import re
import secrets

BROWSER_COOKIE = "cp_browser"  # the browser's secret
TEACHER_COOKIE = "cp_teacher"  # the teacher's proof, bound to that secret (see TeacherGate.token)
COOKIE_MAX_AGE_S = 400 * 24 * 3600  # the longest a browser keeps a cookie (Chrome caps it at 400 days)
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)


def new_browser_secret() -> str:
    """A fresh, unguessable browser secret (256 bits)."""
    return secrets.token_urlsafe(32)


def valid_browser_secret(text: object) -> bool:
    """Whether ``text`` has the shape of a browser secret (anything else in the cookie is ignored)."""
    return isinstance(text, str) and _SECRET_RE.fullmatch(text) is not None


def workspace_of(secret: str) -> str:
    """The workspace id (22 URL-safe characters) that the browser secret ``secret`` owns."""
    digest = hashlib.sha256(b"workspace:" + secret.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()[:22]
