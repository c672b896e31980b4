"""Who this browser is: its secret (read from its cookie on a tab's first run, or made anew) and whether
its teacher typed the key. A small component of ours writes the cookies a tab changed, so every later
tab, reload, bookmark or typed address of this browser is the same student; an address never is.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from core.classroom.identity import (BROWSER_COOKIE, COOKIE_MAX_AGE_S, TEACHER_COOKIE, new_browser_secret,
                           valid_browser_secret, workspace_of)
from ui.lang import tr

_SECRET = "id_secret"    # session_state: this browser's secret
_TEACHER = "id_teacher"  # session_state: True while this browser is the teacher's
_cookie_keeper = st.components.v2.component(
    "cp_cookies", js=(Path(__file__).parent / "components" / "cookies.js").read_text(encoding="utf-8"))


def _cookies() -> dict:
    """The cookies the browser sent when this tab connected (none in a test without a browser)."""
    return dict(st.context.cookies)


def browser_secret() -> str:
    """This browser's secret: from its cookie on the tab's first run, else a new one (a new student)."""
    if _SECRET not in st.session_state:
        sent = _cookies().get(BROWSER_COOKIE)
        st.session_state[_SECRET] = sent if valid_browser_secret(sent) else new_browser_secret()
    return st.session_state[_SECRET]


def browser_workspace() -> str:
    """The workspace id this browser owns."""
    return workspace_of(browser_secret())


def teacher_unlocked(gate) -> bool:
    """Whether this browser's teacher typed the key (in this tab, or in any tab before: the cookie)."""
    if _TEACHER not in st.session_state:
        st.session_state[_TEACHER] = gate.token_ok(browser_secret(), _cookies().get(TEACHER_COOKIE))
    return bool(st.session_state[_TEACHER]) and gate.enabled


def set_teacher(unlocked: bool) -> None:
    """Unlock (after the right key) or lock the teacher's tools for this browser."""
    st.session_state[_TEACHER] = unlocked


def start_afresh() -> None:
    """Make this browser a new student (a shared computer): a new secret, the teacher locked."""
    st.session_state[_SECRET] = new_browser_secret()
    st.session_state[_TEACHER] = False


def keep_identity(gate, notice) -> None:
    """Write what this tab changed of the browser's cookies: a new secret (a new student, or "start
    afresh"), the teacher's proof once unlocked here, its removal once locked here. Call on every run.

    A tab never writes back what it was sent, so an older tab of the same browser cannot undo what a
    newer one changed (a fresh start, an unlock). A browser that refuses the cookie is told what that costs,
    in ``notice`` (a placeholder beside the identity)."""
    secret, sent = browser_secret(), _cookies()
    cookies, clear = {}, []
    if sent.get(BROWSER_COOKIE) != secret:
        cookies[BROWSER_COOKIE] = secret
    if teacher_unlocked(gate):
        if sent.get(TEACHER_COOKIE) != (token := gate.token(secret)):
            cookies[TEACHER_COOKIE] = token
    elif TEACHER_COOKIE in sent:
        clear.append(TEACHER_COOKIE)
    if cookies or clear:
        with st.sidebar:
            data = {"set": cookies, "clear": clear, "max_age": COOKIE_MAX_AGE_S}
            kept = _cookie_keeper(key="cp_cookies", data=data, height=0, default={"refused": False},
                                  on_refused_change=lambda: None)
            if kept.refused:
                notice.warning(tr("store.no_cookies"), icon=":material/cookie:")
