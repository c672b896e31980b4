"""This browser's workspace and its runs; the sidebar's identity (nickname, "start afresh") and teacher key.

The workspace belongs to the browser (ui.identity), never to an address: every tab of the browser finds
the same runs (a job still training included, within the grace period after the last tab closed), and a
link opened in another browser shows its own. An old link's ``?ws=`` is dropped unread.
"""
from __future__ import annotations

import secrets
from typing import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.classroom.teacher import TeacherGate
from core.data.datasets import Dataset
from core.runs.run_list import RunList
from core.runs.config import TrainConfig
from core.runs.store import shown_nickname
from core.text.i18n import Message
from ui.identity import browser_workspace, keep_identity, set_teacher, start_afresh, teacher_unlocked
from ui.lang import current_lang, tr
from ui.training import run_service

_NICK = "ws_nick"         # the accepted nickname
_NICK_BOX = "ws_nick_box"
_NICK_ERR = "ws_nick_err"
_KEY_BOX = "ws_key_box"
_KEY_MSG = "ws_key_msg"
_KEY_TAB = "ws_key_tab"   # this tab's own name at the teacher gate
_AFRESH = "ws_afresh"     # set by "Start afresh": say so once
_HELD = "ws_held"         # the workspace this tab recorded in the store


def session_id() -> str:
    """This tab's Streamlit session id ("bare" outside a server run)."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "bare"


class _Hold:
    """A session's hold on its workspace; Streamlit releases it when the tab's connection goes."""

    def __init__(self, ws: str, session: str):
        self.ws, self.session = ws, session

    def release(self) -> None:
        run_service().release(self.ws, self.session)


# on_release runs on the server loop when the tab disconnects: it only starts the grace timer.
@st.cache_resource(scope="session", on_release=lambda hold: hold.release(), show_spinner=False)
def _hold(ws: str, session: str) -> _Hold:
    return _Hold(ws, session)


def current_workspace() -> str:
    """This browser's workspace id, held by this tab (with the browser's other tabs) while it is open."""
    ws, session = browser_workspace(), session_id()
    if st.session_state.get(_HELD) != ws:  # the tab's first run, or a fresh start: held until it closes
        run_service().hold(ws, session)
        _hold(ws, session)
        st.session_state[_HELD] = ws
    if "ws" in st.query_params:  # an address from before runs followed the browser: it names nobody now
        del st.query_params["ws"]
    return ws


def session_runs() -> RunList:
    """This browser's runs, shared by its tabs and kept through reloads (and, from the store, restarts)."""
    return run_service().runs(current_workspace())


def nickname() -> str:
    """The name this browser's runs carry on the class board."""
    if _NICK not in st.session_state:
        st.session_state[_NICK] = run_service().nickname(current_workspace())
    return st.session_state[_NICK]


def start_run(config: TrainConfig, data: Dataset) -> Message | None:
    """Start training ``config`` as this browser's newest run (see RunService.start); returns why not."""
    return run_service().start(current_workspace(), config, data, nickname())


def stop_run() -> None:
    """Stop this browser's run in training, if any (from whichever of its tabs)."""
    run_service().stop(current_workspace())


@st.cache_resource(show_spinner=False)
def teacher_gate() -> TeacherGate:
    """The server's teacher key check (``$PLAYGROUND_TEACHER_KEY``), shared by every tab."""
    return TeacherGate()


def is_teacher() -> bool:
    """Whether this browser's teacher typed the key (here or in an earlier tab)."""
    return teacher_unlocked(teacher_gate())


def _rename() -> None:
    name, why = run_service().rename(current_workspace(), st.session_state.get(_NICK_BOX, ""))
    if name is None:
        st.session_state[_NICK_ERR] = why
        st.session_state[_NICK_BOX] = nickname()
        return
    st.session_state.pop(_NICK_ERR, None)
    st.session_state[_NICK] = st.session_state[_NICK_BOX] = name


def _try_key() -> None:
    # Waits are this browser's, and this tab's so that "start afresh" (a new browser id) does not reset
    # them; a student guessing in another browser never delays the teacher.
    tab = st.session_state.setdefault(_KEY_TAB, secrets.token_urlsafe(8))
    ok, wait = teacher_gate().check(st.session_state.get(_KEY_BOX, ""), (browser_workspace(), tab))
    st.session_state[_KEY_BOX] = ""
    set_teacher(ok)
    st.session_state[_KEY_MSG] = ("store.teacher.ok", {}) if ok else \
        ("store.teacher.slow", {"s": max(1, round(wait))}) if wait else ("store.teacher.wrong", {})


def _lock() -> None:
    set_teacher(False)
    st.session_state[_KEY_MSG] = ("store.teacher.locked", {})


def _afresh() -> None:
    """A new student on this computer: let go of the old workspace (its runs stay on the class board)."""
    old = current_workspace()
    run_service().release(old, session_id())
    start_afresh()
    for key in (_NICK, _NICK_BOX, _NICK_ERR):
        st.session_state.pop(key, None)
    st.session_state[_AFRESH] = True


def workspace_sidebar(teacher_tools: Callable[[], None]) -> None:
    """The sidebar's identity: the name this browser's runs carry, how many it has, "start afresh" for a
    shared computer, and (when the server has a key) the teacher box: the key, or once it is typed
    ``teacher_tools()`` and the lock. Writes the browser's cookies."""
    with st.sidebar:
        # A default name shows in the page's language (also after a switch); a chosen one as typed.
        box = st.session_state[_NICK_BOX] if _NICK_BOX in st.session_state else nickname()
        st.session_state[_NICK_BOX] = shown_nickname(box, current_workspace(), current_lang())
        st.text_input(tr("store.nick"), key=_NICK_BOX, on_change=_rename, help=tr("store.nick.help"),
                      icon=":material/badge:")
        why = st.session_state.get(_NICK_ERR)
        if why is not None:
            st.error(why.text(current_lang()), icon=":material/block:")
        if st.session_state.pop(_AFRESH, False):
            st.success(tr("store.afresh.done"), icon=":material/restart_alt:")
        service = run_service()
        st.caption(tr("store.identity", n=service.run_count(current_workspace()),
                      max=service.store.max_runs_per_workspace))
        cookie_notice = st.empty()  # filled when the browser refuses the cookie that keeps its runs
        with st.popover(tr("store.afresh"), icon=":material/restart_alt:", width="stretch"):
            st.markdown(tr("store.afresh.body"))
            st.button(tr("store.afresh.go"), on_click=_afresh, key="ws_afresh_go", type="primary")
        if teacher_gate().enabled:
            with st.expander(tr("board.teacher.title"), icon=":material/school:", expanded=is_teacher()):
                msg = st.session_state.pop(_KEY_MSG, None)
                if msg is not None:
                    (st.success if msg[0] == "store.teacher.ok" else st.warning)(tr(msg[0], **msg[1]))
                if is_teacher():
                    teacher_tools()
                    st.button(tr("store.teacher.lock"), on_click=_lock, key="ws_lock", icon=":material/lock:")
                else:
                    st.text_input(tr("store.teacher.key"), type="password", key=_KEY_BOX, on_change=_try_key,
                                  help=tr("store.teacher.help"))
    keep_identity(teacher_gate(), cookie_notice)


def store_notice() -> None:
    """The one message that runs are not being saved, and why (nothing while the store works); the
    teacher also gets what to do and the file and error (students never see the server's paths)."""
    store = run_service().store
    problem, detail = store.problem, store.detail
    if problem is None:
        return
    st.warning(problem.text(current_lang()), icon=":material/cloud_off:")
    if detail and is_teacher():
        st.caption(tr("store.fix." + problem.key.rsplit(".", 1)[-1]))
        st.code(detail, language=None, wrap_lines=True)
