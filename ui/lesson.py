"""The lesson in a tab: the teacher's tab leads (publishes its page and settings), the students' tabs
follow, pause and the teacher's counts (see core.runs.lesson).

Every tab runs :func:`lesson_bar`, a small fragment at the top of the page that reads the lesson's row once
a second; it reruns the page only to apply a new view (``st.switch_page`` with the view as the address, the
page's own state forgotten first, so the page reads it through the same parsers as a link). The teacher's
tab publishes after each of its runs (:func:`publish_view`). Only a tab whose browser typed the teacher
key may lead; nothing in an address or the lesson's row makes a tab a teacher.
"""
from __future__ import annotations

import secrets
import time

import streamlit as st

from core.runs.lesson import Lessons, LessonState, clean_view
from ui.identity import browser_workspace
from ui.lang import tr
from ui.nav import HOME, PAGES, page_by_url
from ui.state import current_page, forget_view, page_view
from ui.training import run_service
from ui.workspace import is_teacher

POLL_S = 1.0     # how often a tab looks at the lesson (a change reaches it within this, plus its rerun)
BEAT_S = 5.0     # how often a tab says it is there (the teacher's counts, the teacher's presence)
OWN = ("lang", "present")  # a student's own choices in the address, which following leaves alone
_TAB = "ls_tab"          # this tab's random name in the lesson's counts
_FOLLOW = "ls_follow"    # the student's "Follow the teacher" toggle
_LESSON = "ls_lesson"    # the lesson this tab last saw (a new one: follow again)
_APPLIED = "ls_applied"  # the view this tab last applied (page, view)
_NAMES = "ls_names"      # the naming this tab last drew with
_BEAT = "ls_beat"        # when this tab last said it is there
_LEAD = "ls_lead"        # the teacher's "Lead the class" toggle
_LED = "ls_led"          # the lesson this tab leads
_PUBLISHED = "ls_pub"    # the view this tab last published
_NOTE = "ls_note"        # a message for the teacher's panel
_PAGES = {spec.url for spec in (HOME, *PAGES)}
_STYLE = """<style>
.st-key-cp-paused { position: fixed; inset: 0; z-index: 1000100; background: rgba(255, 255, 255, 0.97);
  display: flex; flex-direction: column; align-items: center; justify-content: center; text-align: center;
  padding: 2rem; }
.st-key-cp-paused h1 { font-size: clamp(2rem, 6vw, 4.5rem); }
</style>"""


@st.cache_resource(show_spinner=False)
def lessons() -> Lessons:
    """The lesson of this server's run store (shared by every tab, and through the file by every process)."""
    return Lessons(run_service().store)


class _Presence:
    """A tab's part in a lesson; Streamlit releases it when the tab's connection goes."""

    def __init__(self, tab: str, lesson: str, leader: str | None):
        self.tab, self.lesson, self.leader = tab, lesson, leader

    def release(self) -> None:
        if self.leader is None:
            lessons().tab_gone(self.tab)
        else:  # the teacher closed the tab: students are told at once, not after the heartbeat runs out
            lessons().teacher_here(self.lesson, self.leader, here=False)


@st.cache_resource(scope="session", on_release=lambda p: p.release(), show_spinner=False)
def _presence(tab: str, lesson: str, leader: str | None) -> _Presence:
    return _Presence(tab, lesson, leader)


def _tab() -> str:
    return st.session_state.setdefault(_TAB, secrets.token_urlsafe(8))


def _leading(state: LessonState | None) -> bool:
    """Whether this tab leads ``state`` (its browser still the teacher's)."""
    return (state is not None and st.session_state.get(_LED) == state.id and state.leader == browser_workspace()
            and is_teacher())


def _due() -> bool:
    """Whether this tab should say again that it is there (and note that it did)."""
    now = time.monotonic()
    if now - st.session_state.get(_BEAT, -BEAT_S) < BEAT_S:
        return False
    st.session_state[_BEAT] = now
    return True


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


def _toggle_pause(state: LessonState) -> None:
    lessons().pause(state.id, state.leader, not state.paused)


def _toggle_names(state: LessonState) -> None:
    lessons().show_names(state.id, state.leader, st.session_state["ls_names_box"])


def teacher_panel() -> None:
    """The teacher's lesson tools (call inside the sidebar's teacher box): lead, pause, naming."""
    state = lessons().current()
    leading = _leading(state)
    if not leading and st.session_state.pop(_LED, None) is not None:  # ended elsewhere, or another teacher leads
        st.session_state[_NOTE] = "lesson.taken" if state is not None else "lesson.ended"
    st.session_state[_LEAD] = leading
    st.toggle(tr("lesson.lead"), key=_LEAD, on_change=_toggle_lead, help=tr("lesson.lead.help"))
    if (note := st.session_state.pop(_NOTE, None)) is not None:
        st.info(tr(note), icon=":material/info:")
    if leading:
        st.button(tr("lesson.resume" if state.paused else "lesson.pause"), key="ls_pause", width="stretch",
                  on_click=_toggle_pause, args=(state,), type="primary" if state.paused else "secondary",
                  icon=":material/play_arrow:" if state.paused else ":material/pause:")
        st.session_state["ls_names_box"] = state.names
        st.toggle(tr("lesson.names"), key="ls_names_box", on_change=_toggle_names, args=(state,),
                  help=tr("lesson.names.help"))
    st.page_link("views/board.py", label=tr("lesson.board_tools"), icon=":material/leaderboard:")


def publish_view(page: str) -> None:
    """Publish this page and its settings as the lesson's view, when this tab leads and they changed.
    Call after the page ran (its address then holds its validated settings)."""
    if _LED not in st.session_state:
        return
    view = clean_view(page, page_view(page), _PAGES)
    if view is None or view == st.session_state.get(_PUBLISHED):
        return
    if lessons().publish(st.session_state[_LED], browser_workspace(), *view):
        st.session_state[_PUBLISHED] = view
    else:  # the lesson ended elsewhere: the panel says so on the next run
        st.session_state.pop(_LED, None)


# --- every tab -------------------------------------------------------------------------------------
def _refollow() -> None:
    if st.session_state[_FOLLOW]:
        st.session_state.pop(_APPLIED, None)  # coming back jumps to the lesson's view


def follow_toggle() -> None:
    """The student's "Follow the teacher" switch (call inside the sidebar), while a lesson is on."""
    state = lessons().current()
    if state is None or _leading(state):
        return
    st.toggle(tr("lesson.follow"), key=_FOLLOW, on_change=_refollow, help=tr("lesson.follow.help"))


def _apply(state: LessonState) -> None:
    """Show the lesson's view: its page, with its settings as the address (read as a link is)."""
    st.session_state[_APPLIED] = (state.page, state.view)
    spec = page_by_url(state.page)
    if spec is None:
        return
    forget_view(state.page)
    own = {k: st.query_params[k] for k in OWN if k in st.query_params}
    st.switch_page(spec.path, query_params=state.view | own)


@st.fragment(run_every=POLL_S)
def lesson_bar() -> None:
    """The lesson's line at the top of every page: applies the teacher's view to a following tab, covers
    it while the class is paused, says when the teacher left; the teacher's tab shows its counts."""
    state = lessons().current()
    if state is None:
        if st.session_state.pop(_LESSON, None) is not None:  # the lesson ended: the sidebar drops its switch
            st.rerun(scope="app")
        return
    if _leading(state):
        _presence(_tab(), state.id, state.leader)
        if _due():
            lessons().teacher_here(state.id, state.leader)
        counts = lessons().counts(state.id)
        st.caption(tr("lesson.counts.paused" if state.paused else "lesson.counts", following=counts.following,
                      left=counts.left, connected=counts.connected))
        return
    if st.session_state.get(_LESSON) != state.id:  # a new lesson: every tab follows it, and shows the switch
        st.session_state[_LESSON] = state.id
        st.session_state[_FOLLOW] = True
        st.session_state.pop(_APPLIED, None)
        st.session_state.pop(_BEAT, None)
        st.rerun(scope="app")
    following = st.session_state.get(_FOLLOW, True)
    _presence(_tab(), state.id, None)
    if _due():
        lessons().tab_seen(state.id, _tab(), following)
    if state.teacher_away():
        st.info(tr("lesson.teacher_left"), icon=":material/person_off:")
        return
    if not following:
        return
    if st.session_state.get(_APPLIED) != (state.page, state.view):
        _apply(state)
    if st.session_state.get(_NAMES, state.names) != state.names:
        st.session_state[_NAMES] = state.names
        st.rerun(scope="app")
    if state.paused:
        st.html(_STYLE)
        with st.container(key="cp-paused"):
            st.title(tr("lesson.paused"))
            st.markdown(tr("lesson.paused.body"))


def lesson_names() -> bool:
    """Whether a classmate's run the teacher shows this tab may carry its nickname."""
    state = lessons().current()
    st.session_state[_NAMES] = names = state is not None and state.names
    return names


def lesson_shows(run_id: str | None) -> bool:
    """Whether ``run_id`` is the run the lesson's view shows (the teacher's choice on the predictions page)."""
    state = lessons().current()
    return state is not None and run_id is not None and state.view.get("run") == run_id
