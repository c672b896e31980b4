"""This tab's workspace (kept in ``?ws=``) and its runs; the sidebar's nickname and teacher key.

A reload or reconnect of a tab comes back with the same ``?ws=`` and reclaims its runs (a job still
training included, within the grace period). A link whose workspace is held by another tab that is
still connected — a teacher sharing a page — gets a fresh workspace instead.
"""
from __future__ import annotations

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.runs import RunList, RunStillActive
from core.store import anonymous_name, clean_nickname, new_workspace_id, valid_workspace_id
from core.stored_job import RunRecorder
from core.teacher import TeacherGate
from core.training import TrainConfig, TrainJob
from ui.lang import current_lang, tr
from ui.training import run_store, workspaces

_WS = "ws_id"             # session_state: this tab's workspace id
_WS_NOTICE = "ws_notice"  # why the link's workspace was not taken (shown once)
_NICK = "ws_nick"         # the accepted nickname
_NICK_BOX = "ws_nick_box"
_NICK_ERR = "ws_nick_err"
_TEACHER = "ws_teacher"   # True once the right key was typed in this tab
_KEY_BOX = "ws_key_box"
_KEY_MSG = "ws_key_msg"


def _session_id() -> str:
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "bare"


def _connected(session_id: str) -> bool:
    return Runtime.exists() and Runtime.instance().is_active_session(session_id)


class _Hold:
    """A session's hold on its workspace; Streamlit releases it when the tab's connection goes."""

    def __init__(self, ws: str, session: str):
        self.ws, self.session = ws, session

    def release(self) -> None:
        workspaces().release(self.ws, self.session)


# on_release runs on the server loop when the tab disconnects: it only starts the grace timer.
@st.cache_resource(scope="session", on_release=lambda hold: hold.release(), show_spinner=False)
def _hold(ws: str, session: str) -> _Hold:
    return _Hold(ws, session)


def _from_url(session: str) -> str:
    raw, store, reg = st.query_params.get("ws"), run_store(), workspaces()
    notice = None
    if raw is not None:
        if not valid_workspace_id(raw):
            notice = "store.ws.bad"
        elif not (reg.known(raw) or store.has_workspace(raw)):
            notice = "store.ws.unknown"
        elif reg.claim(raw, session, _connected):
            return raw
        else:
            notice = "store.ws.taken"
    ws = new_workspace_id()
    store.add_workspace(ws)
    reg.claim(ws, session, _connected)
    if notice:
        st.session_state[_WS_NOTICE] = notice
    return ws


def current_workspace() -> str:
    """This tab's workspace id (claimed from the URL on the tab's first run), kept in ``?ws=``."""
    session = _session_id()
    ws = st.session_state.get(_WS)
    if ws is None or not workspaces().claim(ws, session, _connected):
        ws = st.session_state[_WS] = _from_url(session)
        st.session_state.pop(_NICK, None)
    _hold(ws, session)
    if st.query_params.get("ws") != ws:
        st.query_params["ws"] = ws
    return ws


def session_runs() -> RunList:
    """This tab's runs: its workspace's, kept through reloads (and, from the store, restarts)."""
    return workspaces().runs(current_workspace())


def nickname() -> str:
    """The name this tab's runs carry on the class board."""
    if _NICK not in st.session_state:
        ws = current_workspace()
        st.session_state[_NICK] = run_store().nickname(ws) or anonymous_name(ws)
    return st.session_state[_NICK]


def start_run(runs: RunList, config: TrainConfig, data) -> None:
    """Start training ``config`` as this tab's newest run, saved to the run store epoch by epoch."""
    recorder = RunRecorder(run_store())
    job = TrainJob(config, data, on_epoch_end=recorder.on_epoch_end)
    try:
        run = runs.add(job)
    except RunStillActive:  # a double click: the button's disabled state came from the previous rerun
        return
    recorder.begin(current_workspace(), run.number, config, nickname())
    job.start()
    recorder.watch(job)


@st.cache_resource(show_spinner=False)
def teacher_gate() -> TeacherGate:
    """The server's teacher key check (``$PLAYGROUND_TEACHER_KEY``), shared by every tab."""
    return TeacherGate()


def is_teacher() -> bool:
    """Whether the teacher key was typed in this tab."""
    return bool(st.session_state.get(_TEACHER)) and teacher_gate().enabled


def _rename() -> None:
    name, why = clean_nickname(st.session_state.get(_NICK_BOX, ""))
    if name is None:
        st.session_state[_NICK_ERR] = why
        st.session_state[_NICK_BOX] = nickname()
        return
    st.session_state.pop(_NICK_ERR, None)
    st.session_state[_NICK] = st.session_state[_NICK_BOX] = name
    run_store().set_nickname(current_workspace(), name)


def _try_key() -> None:
    ok, wait = teacher_gate().check(st.session_state.get(_KEY_BOX, ""))
    st.session_state[_KEY_BOX] = ""
    st.session_state[_TEACHER] = ok
    st.session_state[_KEY_MSG] = ("store.teacher.ok", {}) if ok else \
        ("store.teacher.slow", {"s": max(1, round(wait))}) if wait else ("store.teacher.wrong", {})


def workspace_sidebar() -> None:
    """The sidebar's nickname box and (when the server has a key) the teacher key box."""
    with st.sidebar:
        st.session_state.setdefault(_NICK_BOX, nickname())
        st.text_input(tr("store.nick"), key=_NICK_BOX, on_change=_rename, help=tr("store.nick.help"),
                      icon=":material/badge:")
        why = st.session_state.get(_NICK_ERR)
        if why is not None:
            st.error(why.text(current_lang()), icon=":material/block:")
        if not teacher_gate().enabled:
            return
        with st.expander(tr("board.teacher.title"), icon=":material/school:"):
            msg = st.session_state.pop(_KEY_MSG, None)
            if msg is not None:
                (st.success if msg[0] == "store.teacher.ok" else st.warning)(tr(msg[0], **msg[1]))
            if not is_teacher():
                st.text_input(tr("store.teacher.key"), type="password", key=_KEY_BOX, on_change=_try_key,
                              help=tr("store.teacher.help"))


def workspace_notice() -> None:
    """Say once why this tab did not get the workspace of its link."""
    key = st.session_state.pop(_WS_NOTICE, None)
    if key:
        st.warning(tr(key), icon=":material/link_off:")


def store_notice() -> None:
    """The one message that runs are not being saved, and why (nothing while the store works)."""
    problem = run_store().problem
    if problem is not None:
        st.warning(problem.text(current_lang()), icon=":material/cloud_off:")
