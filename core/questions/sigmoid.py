"""Questions of the sigmoid explorer. Context (:func:`context`): the weight ``w`` and bias ``b`` of the curve
σ(Wx + b) the page shows. Each truth is the page's own readout (:func:`core.pages.sigmoid_lab.readout`)."""
from __future__ import annotations

from core.pages import sigmoid_lab as lab
from core.questions.base import CHOICE, NUMBER, Context, Question, Truth, format_number
from core.text.i18n import t


def context(w: float, b: float) -> dict:
    """The sigmoid page's settings as a question reads them: its W and b."""
    return {"w": float(w), "b": float(b)}


def _wb(ctx: Context) -> dict[str, str]:
    """W and b as the question's text shows them."""
    return {"w": format_number(ctx["w"], 3), "b": format_number(ctx["b"], 3)}


class Midpoint(Question):
    """Where is σ(Wx + b) = 0.5? (x = −b/W.)"""
    id, page, kind, tolerance, digits = "sigmoid.midpoint", "sigmoid", NUMBER, 0.1, 2
    covers = True

    def fits(self, ctx):
        return ctx["w"] != 0  # a flat curve never crosses 0.5 (or lies on it everywhere)

    def params(self, ctx, lang):
        return _wb(ctx)

    def truth(self, ctx, runs=()):
        m = lab.readout(ctx["w"], ctx["b"])["midpoint"]
        return Truth(m, why=_wb(ctx) | {"m": format_number(m, 3)})


class DoubleW(Question):
    """Double W (b kept): does the midpoint move? (It moves halfway towards x = 0, unless it sits at 0.)"""
    id, page, kind = "sigmoid.double", "sigmoid", CHOICE
    CODES = ("same", "in", "out", "flip")

    def fits(self, ctx):
        return ctx["w"] != 0 and lab.W_SLIDER[0] <= 2 * ctx["w"] <= lab.W_SLIDER[1]

    def params(self, ctx, lang):
        return _wb(ctx) | {"w2": format_number(2 * ctx["w"], 3)}

    def choices(self, ctx, lang):
        return {code: t(f"q.sigmoid.double.{code}", lang) for code in self.CODES}

    def truth(self, ctx, runs=()):
        before = lab.readout(ctx["w"], ctx["b"])["midpoint"]
        after = lab.readout(2 * ctx["w"], ctx["b"])["midpoint"]
        if after == before:
            code = "same"
        elif after * before < 0:
            code = "flip"
        else:
            code = "in" if abs(after) < abs(before) else "out"
        return Truth(code, why={"m0": format_number(before, 3), "m1": format_number(after, 3)},
                     view={"sw": format_number(2 * ctx["w"], 6)})


class Slope(Question):
    """What is the slope of the curve at its midpoint? (W/4.)"""
    id, page, kind, tolerance, digits = "sigmoid.slope", "sigmoid", NUMBER, 0.01, 3
    covers = True

    def fits(self, ctx):
        return ctx["w"] != 0  # no midpoint to take the slope at

    def params(self, ctx, lang):
        return _wb(ctx)

    def bounds(self, ctx):
        return (lab.W_LIMITS[0] / 4, lab.W_LIMITS[1] / 4)

    def truth(self, ctx, runs=()):
        s = lab.readout(ctx["w"], ctx["b"])["slope"]
        return Truth(s, why={"w": format_number(ctx["w"], 3), "s": format_number(s, 4)})


QUESTIONS = (Midpoint(), DoubleW(), Slope())
