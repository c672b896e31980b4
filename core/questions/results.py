"""What the reveal shows: the class's answers as a spread (a histogram of numbers, bars of choices), a
student's own result, and the teacher's record (every question of the lesson with its answers, as a
table and a CSV)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from core.questions.bank import BANK
from core.questions.base import (CHOICE, AnswerError, Context, Question, Truth, check, format_number, is_right, off_by,
                                 shown)
from core.runs.asks import Answer, Ask
from core.runs.store import anonymous_name, shown_nickname

MAX_BINS = 24  # a histogram of numbers never has more bars than this, however spread the answers are


@dataclass(frozen=True)
class Spread:
    """The class's answers as bars: each bar's label, count, and whether its answers are right."""
    labels: list[str]
    counts: list[int]
    right: list[bool]
    centres: list[float] | None = None  # numbers: each bar's middle on the number line, and its width
    width: float | None = None

    @property
    def total(self) -> int:
        return sum(self.counts)


def truth_of(saved: dict) -> Truth:
    """A truth as :func:`truth_record` stored it."""
    return Truth(saved["value"], saved.get("why", {}), saved.get("view", {}))


def truth_record(truth: Truth) -> dict:
    """A truth as JSON values, for the run store."""
    return {"value": _plain(truth.value), "why": {k: _plain(v) for k, v in truth.why.items()}, "view": dict(truth.view)}


def _plain(v):
    """A JSON value of ``v``: numbers stay numbers (a text may format them), anything else becomes text."""
    if isinstance(v, np.generic):
        v = v.item()
    return v if isinstance(v, (bool, int, float, str)) else str(v)


def readable(q: Question, ctx: Context, values: Sequence[str]) -> list[float | str]:
    """The stored answers that still check (a value the bank no longer takes is left out)."""
    out = []
    for v in values:
        try:
            out.append(check(q, ctx, v))
        except AnswerError:
            continue
    return out


def spread(q: Question, ctx: Context, truth: Truth, values: Sequence[str], lang: str) -> Spread:
    """The class's ``values`` as bars: one per choice (in the question's order), or for numbers bins of
    twice the tolerance, the truth's bin spanning exactly the right answers (widened by whole multiples
    when the answers spread over more than ``MAX_BINS`` of them)."""
    answers = readable(q, ctx, values)
    if q.kind == CHOICE:
        options = q.choices(ctx, lang)
        return Spread(list(options.values()), [answers.count(code) for code in options],
                      [code == truth.value for code in options])
    centre = float(truth.value)
    width = 2 * q.tolerance if q.tolerance > 0 else 10.0 ** -q.digits
    # bin k covers centre + (k - ½)·width … centre + (k + ½)·width; bin 0 holds the right answers
    ks = [_bin(q, truth, float(a), width) for a in answers] or [0]
    lo, hi = min(min(ks), 0), max(max(ks), 0)
    step = max(1, math.ceil((hi - lo + 1) / MAX_BINS))
    groups = range(math.floor(lo / step), math.floor(hi / step) + 1)
    counts = [sum(math.floor(k / step) == g for k in ks) if answers else 0 for g in groups]
    edges = [(centre + (g * step - 0.5) * width, centre + (g * step + step - 0.5) * width) for g in groups]
    labels = [f"{format_number(a, q.digits + 1)} – {format_number(b, q.digits + 1)}" for a, b in edges]
    return Spread(labels, counts, [g == 0 for g in groups], [(a + b) / 2 for a, b in edges], step * width)


def _bin(q: Question, truth: Truth, value: float, width: float) -> int:
    """The bin of ``value``: 0 exactly when it is right (as :func:`is_right` decides, rounding included)."""
    if is_right(q, truth, value):
        return 0
    k = math.floor((value - float(truth.value)) / width + 0.5)
    return k or (1 if value > float(truth.value) else -1)


@dataclass(frozen=True)
class Result:
    """One student's answer against the truth: right or not, and how far off a number was."""
    answer: str
    right: bool
    off: float | None


def result(q: Question, ctx: Context, truth: Truth, value: float | str, lang: str) -> Result:
    """``value`` (checked) as the reveal tells its student."""
    return Result(shown(q, ctx, value, lang), is_right(q, truth, value), off_by(q, truth, value))


def record_table(record: Sequence[tuple[Ask, Sequence[Answer]]], lang: str, *, nicknames: bool) -> pd.DataFrame:
    """The teacher's record as one row per answer: question number and text, the answer, whether it is
    right (blank before the reveal), seconds from the question to the answer, and the student's nickname
    when ``nicknames``."""
    rows = []
    for ask, answers in record:
        q = BANK.get(ask.question)
        if q is None:
            continue
        truth = None if ask.truth is None else truth_of(ask.truth)
        for a in answers:
            try:
                value = check(q, ask.ctx, a.value)
            except AnswerError:
                continue
            row = {"question_no": ask.seq, "question": q.text(ask.ctx, lang), "answer": shown(q, ask.ctx, value, lang),
                   "correct": None if truth is None else is_right(q, truth, value),
                   "seconds_to_answer": round(a.sent - ask.asked, 1)}
            if nicknames:
                row["nickname"] = shown_nickname(a.nickname or anonymous_name(a.workspace, lang), a.workspace, lang)
            rows.append(row)
    columns = ["question_no", "question", "answer", "correct", "seconds_to_answer"] + (["nickname"] * nicknames)
    return pd.DataFrame(rows, columns=columns)


def over_time(record: Sequence[tuple[Ask, Sequence[Answer]]]) -> tuple[list[int], list[float], list[int]]:
    """The revealed questions' numbers, the share of the class right on each (0–1) and how many answered."""
    numbers, shares, counts = [], [], []
    for ask, answers in record:
        q = BANK.get(ask.question)
        if q is None or ask.truth is None:
            continue
        values = readable(q, ask.ctx, [a.value for a in answers])
        truth = truth_of(ask.truth)
        numbers.append(ask.seq)
        counts.append(len(values))
        shares.append(float(np.mean([is_right(q, truth, v) for v in values])) if values else 0.0)
    return numbers, shares, counts
