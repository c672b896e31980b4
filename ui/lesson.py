"""The lesson in a tab: the teacher's tab leads (publishes its page and settings), the students' tabs
follow; pause, and the teacher's counts (see core.runs.lesson).

Nothing polls per tab. One watch thread per server process reads the lesson's row four times a second and
reruns the tabs a change concerns (as Streamlit's own run-on-save reruns a tab); in that run,
:func:`lesson_bar` applies the new view (``st.switch_page`` with the view as the address, the page's own
state forgotten first, so the page reads it through the same parsers as a link), covers the page while
the class is paused, or says the teacher left. The teacher's tab publishes after each of its runs
(:func:`publish_view`). Only a tab whose browser typed the teacher key may lead; nothing in an address or
the lesson's row makes a tab a teacher.
"""
from __future__ import annotations

import threading
from typing import Iterable

import streamlit as st
from streamlit.runtime import Runtime

from core.runs.lesson import LessonState, Lessons, LessonWatch, clean_view
from ui.identity import browser_workspace
from ui.join_box import join_button
from ui.lang import tr
from ui.nav import HOME, PAGES, page_by_url
from ui.state import APP_WIDE, current_page, forget_view, page_view
from ui.training import run_service
from ui.workspace import is_teacher, session_id

COUNTS_S = 2.0           # how often the teacher's counts redraw
_FOLLOW = "ls_follow"    # whether this tab follows (its switch's widget has a key of its own: a run that
_FOLLOW_BOX = "ls_follow_box"  # switches page before drawing the switch must not lose the choice)
_LESSON = "ls_lesson"    # the lesson this tab last saw (a new one: follow again)
_APPLIED = "ls_applied"  # the view this tab last applied (page, view)
_LEAD = "ls_lead"        # the teacher's "Lead the class" toggle
_LED = "ls_led"          # the lesson this tab leads
_PUBLISHED = "ls_pub"    # the view this tab last published
_NOTE = "ls_note"        # a message for the teacher's panel
_PAGES = {spec.url for spec in (HOME, *PAGES)}
_STYLE = """<style>
.st-key-cp-paused { position: fixed; inset: 0; z-index: 1000100; background: #fff;
  display: flex; flex-direction: column; align-items: center; justify-content: center; text-align: center;
  padding: 2rem; }
.st-key-cp-paused h1 { font-size: clamp(2rem, 6vw, 4.5rem); }
</style>"""


def lessons() -> Lessons:
    """The lesson of this server's run store (shared by every tab, and through the file by every process)."""
    return Lessons(run_service().store)


def _wake(tabs: Iterable[str]) -> None:
    """Rerun these sessions as Streamlit's run-on-save does (with the address and page each last ran with),
    on the server's event loop. Streamlit 1.67 has no public call for it: the session manager's and the
    session's own methods are used (pinned in requirements.txt; tests/e2e/test_lesson.py holds it)."""
    if not Runtime.exists():
        return
    manager = Runtime.instance()._session_mgr
    for tab in tabs:
        info = manager.get_active_session_info(tab)
        if info is not None:
            session = info.session
            session._call_soon_on_event_loop(lambda s=session: s.request_rerun(s._client_state))


@st.cache_resource(show_spinner=False)
def watch() -> LessonWatch:
    """This server process's lesson watch, with its thread (one per process, for every tab)."""
    w = LessonWatch(lessons(), _wake)
    threading.Thread(target=w.run, args=(threading.Event(),), name="lesson-watch", daemon=True).start()
    return w


class _Presence:
    """A tab in the lesson's watch; Streamlit releases it when the tab's connection goes."""

    def __init__(self, tab: str):
        self.tab = tab

    def release(self) -> None:
        watch().leave(self.tab)


@st.cache_resource(scope="session", on_release=lambda p: p.release(), show_spinner=False)
def _presence(tab: str) -> _Presence:
    return _Presence(tab)


def _leading(state: LessonState | None) -> bool:
    """Whether this tab leads ``state`` (its browser still the teacher's)."""
    return (state is not None and st.session_state.get(_LED) == state.id and state.leader == browser_workspace()
            and is_teacher())


# --- the teacher -----------------------------------------------------------------------------------
def _toggle_lead() -> None:
    ws, page = browser_workspace(), current_page()
    if st.session_state[_LEAD]:
        lesson = lessons().start(ws, page, {}) if is_teacher() else ""
        if lesson:
            st.session_state[_LED] = lesson
            st.session_state.pop(_PUBLISHED, None)  # this run's end publishes the view
        else:
            st.session_state[_LEAD] = False
            st.session_state[_NOTE] = "lesson.store_off"
    elif (lesson := st.session_state.pop(_LED, None)) is not None:
        lessons().end(lesson, ws)


def _toggle_pause() -> None:
    state = lessons().current()
    if _leading(state):
        lessons().pause(state.id, state.leader, not state.paused)


def _toggle_names() -> None:
    state = lessons().current()
    if _leading(state):
        lessons().show_names(state.id, state.leader, st.session_state["ls_names_box"])


def teacher_panel() -> None:
    """The teacher's tools (call inside the sidebar's teacher box): lead, pause, naming, the join code, and
    the way to the board's hide and clear."""
    state = lessons().current()
    leading = _leading(state)
    if not leading and st.session_state.pop(_LED, None) is not None:  # ended elsewhere, or another teacher leads
        st.session_state[_NOTE] = "lesson.taken" if state is not None else "lesson.ended"
    st.session_state[_LEAD] = leading
    st.toggle(tr("lesson.lead"), key=_LEAD, on_change=_toggle_lead, help=tr("lesson.lead.help"))
    if (note := st.session_state.pop(_NOTE, None)) is not None:
        st.info(tr(note), icon=":material/info:")
    if leading:
        _counts(state)
        st.button(tr("lesson.resume" if state.paused else "lesson.pause"), key="ls_pause", width="stretch",
                  on_click=_toggle_pause, type="primary" if state.paused else "secondary",
                  icon=":material/play_arrow:" if state.paused else ":material/pause:")
        st.session_state["ls_names_box"] = state.names
        st.toggle(tr("lesson.names"), key="ls_names_box", on_change=_toggle_names,
                  help=tr("lesson.names.help"))
    join_button()
    st.page_link("views/board.py", label=tr("lesson.board_tools"), icon=":material/leaderboard:")


def checked_view(page: str) -> tuple[str, dict[str, str]] | None:
    """This tab's view of ``page`` (its page and address values) as a lesson may store it, or None."""
    return clean_view(page, page_view(page), _PAGES)


def publish_view(page: str) -> None:
    """Publish this page and its settings as the lesson's view, when this tab leads and they changed.
    Call after the page ran (its address then holds its validated settings)."""
    if _LED not in st.session_state or not is_teacher():  # locked since: the tab leads no more
        return
    view = checked_view(page)
    if view is None or view == st.session_state.get(_PUBLISHED):
        return
    if lessons().publish(st.session_state[_LED], browser_workspace(), *view):
        st.session_state[_PUBLISHED] = view
    else:  # the lesson ended elsewhere: the panel says so on the next run
        st.session_state.pop(_LED, None)


# --- every tab -------------------------------------------------------------------------------------
def _refollow() -> None:
    st.session_state[_FOLLOW] = st.session_state[_FOLLOW_BOX]
    if st.session_state[_FOLLOW]:
        st.session_state.pop(_APPLIED, None)  # coming back jumps to the lesson's view


def _current() -> LessonState | None:
    """The lesson now; a tab that sees a new one follows it (and jumps to its view)."""
    state = lessons().current()
    if state is not None and st.session_state.get(_LESSON) != state.id:
        st.session_state[_LESSON] = state.id
        st.session_state[_FOLLOW] = True
        st.session_state.pop(_APPLIED, None)
    return state


def follow_toggle() -> None:
    """The student's "Follow the teacher" switch (call inside the sidebar), while a lesson is on."""
    state = _current()
    if state is None or _leading(state):
        return
    st.session_state[_FOLLOW_BOX] = st.session_state.get(_FOLLOW, True)
    st.toggle(tr("lesson.follow"), key=_FOLLOW_BOX, on_change=_refollow, help=tr("lesson.follow.help"))


def show_view(page: str, view: dict[str, str]) -> None:
    """Show ``page`` with ``view`` as its address (read as a link is: the page's own state forgotten first).
    On the page this tab already shows, this run goes on with the new address (one run, not two)."""
    spec = page_by_url(page)
    if spec is None:
        return
    forget_view(page)
    params = view | {k: st.query_params[k] for k in APP_WIDE if k in st.query_params}  # the tab's own
    if page == current_page():
        st.query_params.from_dict(params)
    else:
        st.switch_page(spec.path, query_params=params)


def _apply(state: LessonState) -> None:
    """Show the lesson's view."""
    st.session_state[_APPLIED] = (state.page, state.view)
    show_view(state.page, state.view)


@st.fragment(run_every=COUNTS_S)
def _counts(state: LessonState) -> None:
    """How many students follow, left, are connected: redrawn every COUNTS_S (the teacher's tab only)."""
    counts = lessons().counts(state.id)
    paused = (lessons().current() or state).paused
    st.markdown(tr("lesson.counts.paused" if paused else "lesson.counts", following=counts.following,
                   left=counts.left, connected=counts.connected))


def lesson_bar() -> None:
    """The lesson at the top of every page (call before the page runs): a following tab shows the
    teacher's view, says that it follows, is covered while the class is paused, is told when the teacher
    left. (The leading tab's counts are among the teacher's tools.)"""
    state = _current()
    _presence(session_id())
    if state is None:
        watch().join(session_id(), following=False)
        return
    if _leading(state):  # the teacher's counts are in the teacher's tools
        watch().join(session_id(), following=False, leads=(state.id, state.leader))
        return
    following = st.session_state.get(_FOLLOW, True)
    watch().join(session_id(), following=following)
    if state.teacher_away():
        st.info(tr("lesson.teacher_left"), icon=":material/person_off:")
        return
    # cp-lesson: this line stays in presenter view, which hides the other captions (ui/presenter.py)
    st.container(key="cp-lesson").caption(tr("lesson.following" if following else "lesson.left"))
    if not following:
        return
    if st.session_state.get(_APPLIED) != (state.page, state.view):
        _apply(state)
    if state.paused:
        st.html(_STYLE)
        with st.container(key="cp-paused"):
            st.title(tr("lesson.paused"))
            st.markdown(tr("lesson.paused.body"))


def lesson_role() -> tuple[LessonState | None, str]:
    """The lesson now and this tab's part in it: "lead" (the teacher's leading tab), "follow" (a student's
    tab following a teacher who is here), or "alone" (no lesson, left it, or the teacher is away)."""
    state = lessons().current()
    if _leading(state):
        return state, "lead"
    if state is not None and st.session_state.get(_FOLLOW, True) and not state.teacher_away():
        return state, "follow"
    return state, "alone"


def shown_unnamed(run_id: str | None) -> bool:
    """Whether ``run_id`` is the run the lesson's view shows (the teacher's choice on the predictions page)
    and the teacher keeps its owner's nickname from the class."""
    state = lessons().current()
    return state is not None and run_id is not None and state.view.get("run") == run_id and not state.names
