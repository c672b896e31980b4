"""Questions of the softmax explorer. Context (:func:`context`): the logits ``z`` of the classes shown,
the shift ``c`` added to each, the temperature ``t``, and how classes are named (``labels``)."""
from __future__ import annotations

import numpy as np

from core.pages import softmax_lab as lab
from core.questions.base import CHOICE, NUMBER, Context, Question, Truth, format_number
from core.text.i18n import t


def context(z, *, shift: float, temperature: float, labels: str) -> dict:
    """The softmax page's settings as a question reads them."""
    return {"z": [float(v) for v in z], "c": float(shift), "t": float(temperature), "labels": labels}


def _probs(ctx: Context, *, shift: float | None = None, temperature: float | None = None) -> np.ndarray:
    return lab.explore(ctx["z"], shift=ctx["c"] if shift is None else shift,
                       temperature=ctx["t"] if temperature is None else temperature).probs


def _names(ctx: Context, lang: str) -> list[str]:
    return lab.class_labels(len(ctx["z"]), ctx["labels"], lang)


class FirstProbability(Question):
    """What is p₁ at these logits and temperature?"""
    id, page, kind, tolerance, digits = "softmax.p1", "softmax", NUMBER, 0.02, 3

    covers = True

    def params(self, ctx, lang):
        return {"z": ", ".join(format_number(v + ctx["c"], 3) for v in ctx["z"]), "t": format_number(ctx["t"], 2)}

    def bounds(self, ctx):
        return (0.0, 1.0)

    def truth(self, ctx, runs=()):
        p = _probs(ctx)
        return Truth(float(p[0]), why={"p": format_number(float(p[0]), 3),
                                       "sum": format_number(float(p.sum()), 3)})


class AddOne(Question):
    """Add 1 to every logit: what happens to the probabilities? (They do not change.)"""
    id, page, kind = "softmax.shift", "softmax", CHOICE
    CODES = ("up", "down", "top", "same")

    def fits(self, ctx):
        return ctx["c"] + 1 <= lab.LOGIT_LIMIT

    def choices(self, ctx, lang):
        return {code: t(f"q.softmax.shift.{code}", lang) for code in self.CODES}

    def truth(self, ctx, runs=()):
        before, after = _probs(ctx), _probs(ctx, shift=ctx["c"] + 1)
        change = float(np.max(np.abs(after - before)))
        if change < 1e-9:
            code = "same"
        elif np.all(after >= before):
            code = "up"
        elif np.all(after <= before):
            code = "down"
        else:
            code = "top"
        return Truth(code, why={"change": f"{change:.1e}" if change else "0"}, view={"c": format_number(ctx["c"] + 1, 6)})


class Cold(Question):
    """Temperature → 0 (the slider's lowest): which output wins, and with what p?"""
    id, page, kind = "softmax.cold", "softmax", CHOICE

    def choices(self, ctx, lang):
        options = {str(i): t("q.softmax.cold.wins", lang, name=name) for i, name in enumerate(_names(ctx, lang))}
        return options | {"tie": t("q.softmax.cold.tie", lang)}

    def truth(self, ctx, runs=()):
        p = _probs(ctx, temperature=lab.T_MIN)
        logits = np.asarray(ctx["z"], dtype=np.float64)
        top = np.flatnonzero(logits == logits.max())
        code = str(int(top[0])) if len(top) == 1 else "tie"
        return Truth(code, why={"t": format_number(lab.T_MIN, 2), "p": format_number(float(p.max()), 4),
                                "name": lab.logit_name(int(top[0]), "p")},
                     view={"t": format_number(lab.T_MIN, 2)})


QUESTIONS = (FirstProbability(), AddOne(), Cold())
