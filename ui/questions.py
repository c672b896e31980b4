"""Predict, then reveal: the teacher asks the class a question of the page's bank, every following screen
answers it, the reveal shows the truth and the class's answers; a student alone checks a prediction.

Who may do what (held again in core.runs.asks): only the leading teacher asks, reveals and closes; a
student's browser sends one answer per question, changeable until the reveal; before it the teacher sees
only how many answered, and nobody sees anyone's answers; after it every screen shows the answers as
bars, with no names. Answers are numbers or choices: nothing typed is shown to anyone but its sender.

The box sits at the top of every page (:func:`question_slot`, before the page runs); the page names its
questions' settings with :func:`question_box` once it read them (the teacher's "Ask the class" and a
student's "Predict first" pick from the questions that fit them).
"""
from __future__ import annotations

import json
from typing import Any

import streamlit as st

from core.questions.bank import BANK, for_page
from core.questions.base import AnswerError, NoTruth, Question, check, format_number, shown
from core.questions.trainer import class_runs
from core.questions.results import (over_time, readable, record_table, result, spread, truth_of,
                                    truth_record)
from core.figures.answers import over_time_figure, spread_figure
from core.runs.asks import Ask, Asks
from core.runs.lesson import LessonState
from ui.charts import CHART_CONFIG, plot
from ui.identity import browser_workspace
from ui.lang import current_lang, tr
from ui.lesson import checked_view, lesson_role, show_view
from ui.state import current_page, page_view
from ui.training import run_service

COUNT_S = 1.0             # how often the teacher's count of answers redraws
_SLOT = "_qs_slot"        # this run: where the page's question picker goes
_MODE = "_qs_mode"        # this run: "lead" or "alone" when the page may offer its questions
_SELF = "qs_self"         # a student's checked prediction: page, question, context, answer, truth
_GOTO = "qs_goto"         # a view to show next run (page, address): the answer's settings after a reveal
_NOTE = "qs_note"         # a message for this tab's question box: (key, params, kind)
_SEEN = "qs_seen"         # the lesson question this tab's answer controls were last drawn for
_POPOVER = "qs_pop"       # the page's "Ask the class" / "Predict first" popover (open or not)
_ANSWER = {"number": "qa_num", "choice": "qa_pick"}  # the lesson's answer controls
_SELF_ANSWER = {"number": "qs_num", "choice": "qs_pick"}


def asks() -> Asks:
    """The questions and answers of this server's run store."""
    return Asks(run_service().store)


def _note(key: str, kind: str = "error", **params) -> None:
    st.session_state[_NOTE] = (key, params, kind)


def _show_note(box) -> None:
    if (note := st.session_state.pop(_NOTE, None)) is not None:
        key, params, kind = note
        getattr(box, kind)(tr(key, **params), icon=":material/info:" if kind == "info" else ":material/error:")


def _truth(q: Question, ctx: dict):
    """The truth of ``q`` at ``ctx`` (a trainer question reads the class board's runs), or None with this
    tab's note saying what the class should do first."""
    runs = []
    if q.needs_runs:
        service = run_service()
        runs = class_runs(ctx, service.board(teacher=False), service.history)
    try:
        return q.truth(ctx, runs)
    except NoTruth as exc:
        _note(exc.message.key, kind="warning", **exc.message.params)
        return None


# --- answering -----------------------------------------------------------------------------------
def _answer_control(q: Question, ctx: dict, keys: dict[str, str]) -> None:
    """The answer control of ``q``: a number box (blank at first) or one button per choice."""
    if q.kind == "choice":
        options = q.choices(ctx, current_lang())
        st.radio(tr("q.your_answer"), list(options), index=None, format_func=options.get, key=keys["choice"])
    else:
        st.number_input(tr("q.your_answer"), value=None, step=10.0 ** -q.digits, format=f"%.{q.digits}f",
                        placeholder=tr("q.number_placeholder"), key=keys["number"])


def _read(q: Question, ctx: dict, keys: dict[str, str]) -> float | str | None:
    """The answer in the control, checked; None (with this tab's note set) when it cannot be taken."""
    try:
        return check(q, ctx, st.session_state.get(keys[q.kind]))
    except AnswerError as exc:
        _note(exc.message.key, **exc.message.params)
        return None


def _send(ask_id: str) -> None:
    ask = asks().get(ask_id)
    q = BANK.get(ask.question) if ask is not None else None
    if q is None:
        return
    value = _read(q, ask.ctx, _ANSWER)
    if value is not None and not asks().answer(ask_id, browser_workspace(), str(value)):
        _note("q.error.closed")


def _result_lines(q: Question, ctx: dict, truth, mine: float | str | None) -> None:
    """The truth, the student's own answer against it, and how it comes about."""
    lang = current_lang()
    st.markdown(tr("q.truth", answer=shown(q, ctx, truth.value, lang)))
    if mine is not None:
        r = result(q, ctx, truth, mine, lang)
        if q.kind == "number":
            text = tr("q.mine.number.right" if r.right else "q.mine.number.wrong", answer=r.answer,
                      off=format_number(r.off, q.digits + 1), tol=format_number(q.tolerance, q.digits))
        else:
            text = tr("q.mine.choice.right" if r.right else "q.mine.choice.wrong", answer=r.answer)
        (st.success if r.right else st.warning)(text, icon=":material/check_circle:" if r.right else ":material/info:")
    st.markdown(q.why(truth, lang))
    if (fig := _answer_figure(q.id, json.dumps(ctx, sort_keys=True), lang)) is not None:
        plot(st, fig, key="qs_picture", config=CHART_CONFIG)


@st.cache_resource(max_entries=16, show_spinner=False)
def _answer_figure(qid: str, ctx: str, lang: str):
    """A question's picture of its answer at a context (one per server process, shared by every screen)."""
    return BANK[qid].picture(json.loads(ctx), lang)


def _spread(q: Question, ask: Ask, truth, values: list[str]) -> None:
    """The class's answers as bars (anonymous), the right ones green."""
    s = spread(q, ask.ctx, truth, values, current_lang())
    st.markdown(tr("q.class_answers", n=s.total))
    if s.total:
        truth_mark = None if s.centres is None else (float(truth.value), tr("q.truth.mark", answer=format_number(
            float(truth.value), q.digits)))
        plot(st, spread_figure(s.labels, s.counts, s.right, axis=tr("q.axis.students"), centres=s.centres,
                               width=s.width, truth=truth_mark), key=f"qs_spread_{ask.id}", config=CHART_CONFIG)


@st.fragment
def _student_card(state: LessonState, ask: Ask) -> None:
    """A following student's question: answer and send it (a fragment: sending reruns the card alone, not
    the page, so a class answering at once costs the server little); after the reveal, the truth and the
    class."""
    q = BANK.get(ask.question)
    if q is None:
        return
    if st.session_state.get(_SEEN) != ask.id:  # a new question: empty controls
        st.session_state[_SEEN] = ask.id
        for key in _ANSWER.values():
            st.session_state.pop(key, None)
    ws, lang = browser_workspace(), current_lang()
    mine = asks().mine(ask.id, ws)
    with st.container(border=True, key="cp-ask"):
        st.markdown(f"**{tr('q.from_teacher', n=ask.seq)}** {q.text(ask.ctx, lang)}")
        if ask.truth is None:
            with st.form("qa_form", border=False, enter_to_submit=True):
                _answer_control(q, ask.ctx, _ANSWER)
                st.form_submit_button(tr("q.send"), key="qa_send", type="primary", on_click=_send, args=(ask.id,),
                                      icon=":material/send:")
            _show_note(st)
            if mine is not None:
                st.info(tr("q.sent", answer=_shown(q, ask.ctx, mine)), icon=":material/schedule_send:")
            return
        truth = truth_of(ask.truth)
        values = asks().answers(ask.id)
        checked = readable(q, ask.ctx, [mine]) if mine is not None else []
        if not checked:
            st.info(tr("q.mine.none"), icon=":material/info:")
        _result_lines(q, ask.ctx, truth, checked[0] if checked else None)
        _spread(q, ask, truth, values)


def _shown(q: Question, ctx: dict, value: str) -> str:
    """A stored answer as the page shows it ("?" for one the bank no longer takes)."""
    checked = readable(q, ctx, [value])
    return shown(q, ctx, checked[0], current_lang()) if checked else "?"


# --- the teacher ---------------------------------------------------------------------------------
def _leading() -> LessonState | None:
    state, role = lesson_role()
    return state if role == "lead" else None


def _ask(page: str, qid: str, ctx: dict[str, Any]) -> None:
    state = _leading()
    view = checked_view(page)
    if state is None or view is None or qid not in BANK:
        return
    if asks().ask(state.id, state.leader, qid, page, view[1], ctx):
        st.session_state[_POPOVER] = False
    else:
        _note("lesson.store_off")


def _reveal(ask_id: str) -> None:
    state, ask = _leading(), asks().get(ask_id)
    q = BANK.get(ask.question) if ask is not None else None
    if state is None or q is None or (truth := _truth(q, ask.ctx)) is None:
        return
    if asks().reveal(state.id, state.leader, ask.id, truth_record(truth)):
        st.session_state[_GOTO] = (ask.page, ask.view | truth.view)  # the settings that show it


def _close() -> None:
    if (state := _leading()) is not None:
        asks().close(state.id, state.leader)


@st.fragment(run_every=COUNT_S)
def _count(ask_id: str) -> None:
    """How many have answered (not what): redrawn every COUNT_S while the question is open."""
    st.markdown(tr("q.count", n=asks().count(ask_id)))


def _teacher_card(state: LessonState, ask: Ask) -> None:
    """The question on every screen now: the count, then Reveal; after it the truth and the class's answers."""
    q = BANK.get(ask.question)
    if q is None:
        return
    with st.container(border=True, key="cp-ask"):
        st.markdown(f"**{tr('q.asked', n=ask.seq)}** {q.text(ask.ctx, current_lang())}")
        if ask.truth is None:
            _count(ask.id)
            _show_note(st)
            with st.container(horizontal=True):
                st.button(tr("q.reveal"), key="qs_reveal", type="primary", on_click=_reveal, args=(ask.id,),
                          icon=":material/visibility:")
                st.button(tr("q.withdraw"), key="qs_withdraw", on_click=_close, icon=":material/close:")
            return
        truth = truth_of(ask.truth)
        _result_lines(q, ask.ctx, truth, None)
        _spread(q, ask, truth, asks().answers(ask.id))
        st.button(tr("q.close"), key="qs_close", on_click=_close, icon=":material/done:")
        class_record(state)


def class_record(state: LessonState) -> None:
    """The teacher's record of the lesson's questions: the share right over time and the CSV download."""
    record = asks().record(state.id, state.leader)
    if not record:
        return
    lang = current_lang()
    with st.expander(tr("q.record"), icon=":material/insights:"):
        numbers, shares, counts = over_time(record)
        if numbers:
            plot(st, over_time_figure(numbers, shares, counts, x_title=tr("q.record.x"), y_title=tr("q.record.y"),
                                      hover=tr("q.record.hover")), key="qs_over_time", config=CHART_CONFIG)
        names = st.toggle(tr("q.csv.names"), key="qs_csv_names", help=tr("q.csv.names.help"))
        st.download_button(tr("q.csv"), record_table(record, lang, nicknames=names).to_csv(index=False),
                           file_name="class-answers.csv", mime="text/csv", key="qs_csv", icon=":material/download:",
                           on_click="ignore")


# --- a student alone -----------------------------------------------------------------------------
def _self_check(page: str, qid: str, ctx: dict[str, Any]) -> None:
    q = BANK.get(qid)
    if q is None:
        return
    value = _read(q, ctx, _SELF_ANSWER)
    if value is None or (truth := _truth(q, ctx)) is None:
        return
    st.session_state[_SELF] = {"page": page, "q": qid, "ctx": ctx, "value": value, "truth": truth_record(truth)}
    st.session_state[_POPOVER] = False  # the answer shows at the top of the page
    if truth.view:
        st.session_state[_GOTO] = (page, page_view(page) | truth.view)


def _self_card() -> None:
    """A student's checked prediction on this page: the truth and how far off it was."""
    checked = st.session_state.get(_SELF)
    if checked is None or checked["page"] != current_page():
        st.session_state.pop(_SELF, None)
        return
    q = BANK[checked["q"]]
    with st.container(border=True, key="cp-self"):
        st.markdown(f"**{tr('q.self.title')}** {q.text(checked['ctx'], current_lang())}")
        _result_lines(q, checked["ctx"], truth_of(checked["truth"]), checked["value"])
        st.button(tr("q.self.done"), key="qs_self_done", on_click=st.session_state.pop, args=(_SELF, None))


# --- the page's part -----------------------------------------------------------------------------
def question_slot() -> None:
    """The question box at the top of the page (app.py, after the lesson bar, before the page runs): the
    lesson's question on a teacher's or following student's screen, a student's checked prediction, and
    the place where the page's :func:`question_box` offers its questions."""
    if (goto := st.session_state.pop(_GOTO, None)) is not None:
        show_view(*goto)
    state, role = lesson_role()
    box = st.container(key="cp-questions")
    ask = asks().get(state.ask) if state is not None and role != "alone" else None
    with box:
        if ask is not None:
            (_teacher_card if role == "lead" else _student_card)(state, ask)
        elif role == "alone":
            _self_card()
    st.session_state[_SLOT] = box
    st.session_state[_MODE] = None if ask is not None or role == "follow" else role
    if ask is not None and ask.truth is None and getattr(BANK.get(ask.question), "covers", False):
        st.caption(tr("q.covered"))
        st.stop()  # the page shows the answer: it comes back with the reveal


def question_box(page: str, ctx: dict[str, Any]) -> None:
    """Offer the page's questions at its settings ``ctx`` (a question module's ``context(...)``): "Ask the
    class" on the leading teacher's screen, "Predict first" on a student's screen off the lesson."""
    mode, box = st.session_state.get(_MODE), st.session_state.get(_SLOT)
    if mode is None or box is None:  # a question is on, or this tab follows: nothing to offer
        return
    questions = for_page(page, ctx)
    if not questions:
        return
    lang = current_lang()
    by_id = {q.id: q for q in questions}
    teacher = mode == "lead"
    pick_key = "qs_ask_pick" if teacher else "qs_self_pick"
    if st.session_state.get(pick_key) not in by_id:
        st.session_state[pick_key] = questions[0].id
    pop = box.popover(tr("q.ask.open" if teacher else "q.self.open"), icon=":material/quiz:", key=_POPOVER,
                      on_change="rerun")
    if not pop.open:  # its questions are built only while it is open
        return
    with pop:
        st.selectbox(tr("q.pick"), list(by_id), key=pick_key, format_func=lambda i: by_id[i].text(ctx, lang))
        q = by_id[st.session_state[pick_key]]
        if teacher:
            st.caption(tr("q.ask.help"))
            st.button(tr("q.ask"), key="qs_ask", type="primary", on_click=_ask, args=(page, q.id, ctx),
                      icon=":material/campaign:")
            if (state := _leading()) is not None:
                class_record(state)
        else:
            st.caption(tr("q.self.help"))
            with st.form("qs_self_form", border=False, enter_to_submit=True):
                _answer_control(q, ctx, _SELF_ANSWER)
                st.form_submit_button(tr("q.self.check"), key="qs_self_check", type="primary",
                                      on_click=_self_check, args=(page, q.id, ctx))
            _show_note(st)
