"""Questions of the loss viewer. Context (:func:`context`): the open tab ``t``, the clipping ``eps``, and the
settings of the tab a question is about — the binary tab's label ``y`` and prediction ``a``, the squared-error
tab's label ``ym`` and logit ``zm``, the multiclass tab's input ``mode``, vector ``vec`` and true class ``yc``.
Each truth is what :mod:`core.pages.loss_lab` gives the page's metrics."""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from core.maths.activations import softmax
from core.pages import loss_lab as lab
from core.questions.base import CHOICE, NUMBER, Context, Question, Truth, format_number
from core.text.i18n import t

# Answers' range: above −ln 10⁻¹⁶ ≈ 36.8, the largest loss the page's smallest ε lets a prediction cost.
LOSS_RANGE = (0.0, 50.0)


def context(settings: Mapping[str, Any], *, eps: float) -> dict:
    """The loss page's settings as a question reads them. ``settings`` maps the page's address names to the
    values the page holds (``t``; ``a``, ``yb``; ``ym``, ``zm``; ``mi``, ``nc``, ``yc`` and ``z0``… or
    ``p0``…; a tab never opened may lack its names); ``eps`` is the clipping ε the page computes with."""
    s = settings
    ctx: dict[str, Any] = {"t": str(s["t"]), "eps": float(eps)}
    if "a" in s and "yb" in s:
        ctx |= {"y": int(s["yb"]), "a": float(s["a"])}
    if "ym" in s and "zm" in s:
        ctx |= {"ym": int(s["ym"]), "zm": float(s["zm"])}
    if {"mi", "nc", "yc"} <= s.keys():
        vec = [s.get(f"{s['mi']}{c}") for c in range(int(s["nc"]))]
        if None not in vec:
            ctx |= {"mode": str(s["mi"]), "vec": [float(v) for v in vec], "yc": int(s["yc"])}
    return ctx


def _eps(ctx: Context) -> str:
    """ε as the page writes it: "1e-10"."""
    return f"{ctx['eps']:.0e}"


class BinaryLoss(Question):
    """The binary tab's label and prediction: what is the loss? (−ln of the true class's clipped p.)"""
    id, page, kind, tolerance, digits = "loss.binary", "loss", NUMBER, 0.05, 3
    covers = True

    def fits(self, ctx):
        return ctx["t"] == "bin" and "a" in ctx

    def params(self, ctx, lang):
        p = ctx["a"] if ctx["y"] == 1 else 1 - ctx["a"]
        return {"y": ctx["y"], "a": format_number(ctx["a"], 3), "p": format_number(p, 3)}

    def bounds(self, ctx):
        return LOSS_RANGE

    def truth(self, ctx, runs=()):
        pt = lab.binary_point(ctx["y"], ctx["a"], ctx["eps"])
        p_used = pt["a_used"] if ctx["y"] == 1 else 1 - pt["a_used"]  # the true class's p, clipped to [ε, 1 − ε]
        return Truth(pt["loss"], why={"p": f"{p_used:.4g}", "loss": lab.format_loss(pt["loss"]), "eps": _eps(ctx)},
                     view={"t": "bin"})


class SteeperLoss(Question):
    """The squared-error tab's label and logit: which loss gives the larger gradient ∂L/∂z there?"""
    id, page, kind = "loss.steeper", "loss", CHOICE
    covers = True
    CODES = ("ce", "mse", "same")

    def fits(self, ctx):
        return ctx["t"] == "mse" and "zm" in ctx

    def params(self, ctx, lang):
        return {"y": ctx["ym"], "z": format_number(ctx["zm"], 2)}

    def choices(self, ctx, lang):
        return {code: t(f"q.loss.steeper.{code}", lang) for code in self.CODES}

    def truth(self, ctx, runs=()):
        at = lab.z_curves(ctx["ym"], ctx["zm"])
        ce, mse = abs(float(at["ce_grad"])), abs(float(at["mse_grad"]))
        code = "ce" if ce > mse else "mse" if mse > ce else "same"
        return Truth(code, why={"ce": f"{ce:.4g}", "mse": f"{mse:.4g}", "ratio": f"{lab.push_ratio(ctx['zm']):.4g}"},
                     view={"t": "mse"})


def _probs(ctx: Context) -> np.ndarray:
    """The multiclass tab's probabilities: softmax of the logits, or the typed ones scaled to sum to 1."""
    return softmax(ctx["vec"]) if ctx["mode"] == "z" else lab.probability_vector(ctx["vec"])


class MulticlassLoss(Question):
    """The multiclass tab's vector and true class: what is the cross-entropy loss?"""
    id, page, kind, tolerance, digits = "loss.multi", "loss", NUMBER, 0.05, 3

    def fits(self, ctx):
        return ctx["t"] == "multi" and "vec" in ctx

    covers = True

    def params(self, ctx, lang):
        return {"c": ctx["yc"] + 1,  # the page counts classes from 1
                "probs": ", ".join(f"{p:.3g}" for p in _probs(ctx))}

    def bounds(self, ctx):
        return LOSS_RANGE

    def truth(self, ctx, runs=()):
        probs = _probs(ctx)
        br = lab.multiclass_breakdown(probs, ctx["yc"], ctx["eps"])
        return Truth(br["loss"], why={"c": ctx["yc"] + 1, "p": f"{float(probs[ctx['yc']]):.4g}",
                                      "loss": lab.format_loss(br["loss"])},
                     view={"t": "multi"})


class CertainMistake(Question):
    """The clipping tab's ε: what does a certain mistake (y = 1, a = 0) cost? (−ln ε.)"""
    id, page, kind, tolerance, digits = "loss.clip", "loss", NUMBER, 0.05, 2
    covers = True

    def fits(self, ctx):
        return ctx["t"] == "clip"

    def params(self, ctx, lang):
        return {"eps": _eps(ctx)}

    def bounds(self, ctx):
        return LOSS_RANGE

    def truth(self, ctx, runs=()):
        loss = lab.binary_point(1, 0.0, ctx["eps"])["loss"]
        return Truth(loss, why={"eps": _eps(ctx), "loss": lab.format_loss(loss),
                                "k": format_number(-math.log10(ctx["eps"]), 2)}, view={"t": "clip"})


QUESTIONS = (BinaryLoss(), SteeperLoss(), MulticlassLoss(), CertainMistake())
