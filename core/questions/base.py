"""One question a page can put to the class ("what will happen?"), answered by core at the view's settings.

A question reads a *context*: the page's current settings as plain JSON values (numbers, strings, lists),
built by the page module's ``context(...)`` and stored with the question when the teacher asks it, so the
truth is computed later, at the reveal, from exactly the settings the class saw. A question never holds an
answer typed by hand: :meth:`Question.truth` calls the same core functions the page draws with.

Answers are numbers (right within the tolerance the question states) or one of a few choices (right when
equal). Nothing a student types is free text: :func:`check` turns what the answer control sent into a
number in the question's range or a known choice, or raises :class:`AnswerError` with a message in the
page's language.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from core.text.i18n import MessageError, t

NUMBER, CHOICE = "number", "choice"
Context = Mapping[str, Any]


class AnswerError(MessageError):
    """An answer that cannot be taken (blank, not a finite number, out of range, not one of the choices)."""


class NoTruth(MessageError):
    """The truth cannot be known yet (e.g. no run of the class has reached the epoch asked about): the
    message says what the class should do first."""


@dataclass(frozen=True)
class Truth:
    """The right answer to a question at one context.

    ``value`` is a number or a choice's code; ``why`` fills the question's ``q.<id>.why`` text (how the
    answer comes about, shown at the reveal); ``view`` holds the address values that make the page show
    the answer (the slider set), merged into the page's address at the reveal (empty: the page stays)."""
    value: float | str
    why: dict[str, Any] = field(default_factory=dict)
    view: dict[str, str] = field(default_factory=dict)


class Question:
    """A question of the bank. Subclasses set ``id`` (its strings are ``q.<id>`` for the question and
    ``q.<id>.why`` for the reveal's explanation), ``page`` (the URL path of the page it belongs to) and
    ``kind``, and implement :meth:`truth`; numbers set ``tolerance`` and :meth:`bounds`, choices
    :meth:`choices`. ``needs_runs``: the truth is read from the class's stored runs at the reveal.
    ``covers``: the page itself shows the answer (a metric, a bar's label), so while the class answers
    the page is held back and the question's text carries the settings it is about."""
    id: str = ""
    page: str = ""
    kind: str = NUMBER
    tolerance: float = 0.0   # a number within this of the truth is right (the question's text says so)
    digits: int = 2          # decimals a number is shown with
    needs_runs: bool = False
    covers: bool = False     # the page shows the answer: while the class answers, the page is not drawn

    def fits(self, ctx: Context) -> bool:
        """Whether the question makes sense at these settings (offered only then)."""
        return True

    def params(self, ctx: Context, lang: str) -> dict[str, Any]:
        """Values for the question's text placeholders."""
        return {}

    def text(self, ctx: Context, lang: str) -> str:
        """The question in ``lang`` (Markdown, our own text and numbers only)."""
        return t(f"q.{self.id}", lang, tol=format_number(self.tolerance, self.digits), **self.params(ctx, lang))

    def bounds(self, ctx: Context) -> tuple[float, float]:
        """The range a numeric answer may take."""
        return (-math.inf, math.inf)

    def choices(self, ctx: Context, lang: str) -> dict[str, str]:
        """A choice question's options: code → label in ``lang``, in the order shown."""
        return {}

    def truth(self, ctx: Context, runs: Sequence = ()) -> Truth:
        """The right answer at ``ctx`` (``runs``: the class's stored runs, for ``needs_runs`` questions);
        :class:`NoTruth` when it cannot be known yet."""
        raise NotImplementedError

    def picture(self, ctx: Context, lang: str):
        """A figure of the answer for the reveal (built from arrays, as every figure), or None when the
        page's own settings show it."""
        return None

    def why(self, truth: Truth, lang: str) -> str:
        """How the answer comes about, in ``lang``."""
        return t(f"q.{self.id}.why", lang, **truth.why)


def check(q: Question, ctx: Context, raw: object) -> float | str:
    """The answer ``raw`` (what the answer control sent) as a number in range or a known choice's code;
    :class:`AnswerError` when it is blank, not a finite number, out of range or not a choice."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise AnswerError("q.error.blank")
    if q.kind == CHOICE:
        if not isinstance(raw, str) or raw not in q.choices(ctx, "en"):
            raise AnswerError("q.error.choice")
        return raw
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise AnswerError("q.error.number") from None
    if not math.isfinite(value):
        raise AnswerError("q.error.number")
    lo, hi = q.bounds(ctx)
    if not lo <= value <= hi:
        raise AnswerError("q.error.range", lo=format_number(lo, q.digits), hi=format_number(hi, q.digits))
    return value


def is_right(q: Question, truth: Truth, value: float | str) -> bool:
    """Whether ``value`` (checked) answers the question: within the tolerance, or the same choice."""
    if q.kind == CHOICE:
        return value == truth.value
    return abs(float(value) - float(truth.value)) <= q.tolerance + 1e-12


def off_by(q: Question, truth: Truth, value: float | str) -> float | None:
    """How far a numeric answer is from the truth (None for choices)."""
    return None if q.kind == CHOICE else abs(float(value) - float(truth.value))


def format_number(x: float, digits: int) -> str:
    """A number as a question shows it: ``digits`` decimals, no trailing zeros, no "-0"."""
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{x:.0f}"
    return "0" if text in ("-0", "") else text


def shown(q: Question, ctx: Context, value: float | str, lang: str) -> str:
    """An answer (or truth) as the page shows it: a number with the question's decimals, or the choice's
    label."""
    if q.kind == CHOICE:
        return q.choices(ctx, lang).get(str(value), str(value))
    return format_number(float(value), q.digits)
