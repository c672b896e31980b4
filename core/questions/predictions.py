"""Questions of the predictions page, about the run it shows on one split. Context (:func:`context`): that
run's confusion matrix ``counts`` (rows: true class, columns: predicted), the data set's name (which names
the classes), the ``split``, and how many epoch snapshots the matrix's epoch slider has. Each truth is
counted by :mod:`core.maths.evaluation`, which the page draws its matrix and scores with."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from core.maths.evaluation import class_report, confusion
from core.questions.base import CHOICE, NUMBER, Context, Question, Truth
from core.text.formats import accuracy_text
from core.text.i18n import class_names, t

PAIRS = 5  # the most confused pairs offered as choices (in class order): all 45 of ten classes fill a phone


def context(y_true, proba, *, dataset: str, split: str, names: Sequence[str], epochs: int = 0) -> dict:
    """The predictions page's run as a question reads it: the confusion matrix of labels ``y_true`` and the
    classes ``proba`` (probabilities) picks, the data set's name (Fashion-MNIST's classes are named in each
    reader's language; other data sets keep ``names``), the split ("val" or "test") and the number of epoch
    snapshots (0 when the page has no epoch slider)."""
    proba = np.asarray(proba)
    ctx = {"counts": confusion(y_true, proba.argmax(axis=1), proba.shape[1]).tolist(), "dataset": dataset,
           "split": split, "epochs": int(epochs)}
    return ctx if dataset == "fashion_mnist" else ctx | {"names": [str(n) for n in names]}


def _names(ctx: Context, lang: str) -> list[str]:
    """The classes' names as the page shows them in ``lang``."""
    return class_names(lang) if ctx["dataset"] == "fashion_mnist" else list(ctx["names"])


def _labels(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """True and predicted labels with the context's confusion matrix, one pair per image (what the scores
    are computed from)."""
    counts = np.asarray(ctx["counts"], dtype=np.int64)
    n = len(counts)
    cells = counts.ravel()
    return np.repeat(np.arange(n).repeat(n), cells), np.repeat(np.tile(np.arange(n), n), cells)


def _report(ctx: Context):
    """The per-class scores of the page's scores tab, from the context's matrix."""
    return class_report(*_labels(ctx), len(ctx["counts"]))


def _shown(ctx: Context) -> dict[str, str]:
    """Address values that show this split's final matrix (the epoch slider at its last epoch)."""
    return {"split": ctx["split"]} | ({"epoch": str(ctx["epochs"])} if ctx["epochs"] > 1 else {})


def _pairs(ctx: Context) -> list[tuple[int, int, int]]:
    """Unordered class pairs (i < j) with their mistakes both ways, most confused first (ties in class order);
    pairs the run never mixed up are left out."""
    counts = np.asarray(ctx["counts"], dtype=np.int64)
    both = counts + counts.T
    n = len(counts)
    pairs = [(int(both[i, j]), i, j) for i in range(n) for j in range(i + 1, n) if both[i, j] > 0]
    return sorted(pairs, key=lambda c: (-c[0], c[1], c[2]))


class MostConfused(Question):
    """Which two classes are confused most (mistakes both ways)?"""
    id, page, kind = "pred.pair", "predictions", CHOICE
    covers = True

    def fits(self, ctx):
        pairs = _pairs(ctx)
        return len(pairs) >= 2 and pairs[0][0] > pairs[1][0]  # a choice to make, and one answer

    def params(self, ctx, lang):
        return {"split": t(f"pred.split.{ctx['split']}", lang)}

    def choices(self, ctx, lang):
        names = _names(ctx, lang)
        offered = sorted(_pairs(ctx)[:PAIRS], key=lambda c: (c[1], c[2]))
        return {f"{i}-{j}": t("q.pred.pair.choice", lang, a=names[i], b=names[j]) for _, i, j in offered}

    def truth(self, ctx, runs=()):
        n, i, j = _pairs(ctx)[0]
        counts = np.asarray(ctx["counts"])
        true, pred = (i, j) if counts[i, j] >= counts[j, i] else (j, i)  # the fuller cell of the two
        return Truth(f"{i}-{j}", why={"n": n, "ab": int(counts[i, j]), "ba": int(counts[j, i])},
                     view={"tab": "confusion", "true": str(true), "pred": str(pred), "page": "1"} | _shown(ctx))


class Accuracy(Question):
    """What is this run's accuracy on this split, in %?"""
    id, page, kind, tolerance, digits = "pred.accuracy", "predictions", NUMBER, 1.0, 1
    covers = True

    def fits(self, ctx):
        return int(np.sum(ctx["counts"])) > 0

    def params(self, ctx, lang):
        return {"split": t(f"pred.split.{ctx['split']}", lang)}

    def bounds(self, ctx):
        return (0.0, 100.0)

    def truth(self, ctx, runs=()):
        acc = _report(ctx).accuracy
        counts = np.asarray(ctx["counts"])
        return Truth(100 * acc, why={"right": int(np.trace(counts)), "n": int(counts.sum()), "acc": accuracy_text(acc)},
                     view={"tab": "confusion"} | _shown(ctx))


class WorstClass(Question):
    """Which class does the network get wrong most often (the lowest recall)?"""
    id, page, kind = "pred.worst", "predictions", CHOICE
    covers = True

    def fits(self, ctx):
        rep = _report(ctx)
        low = np.flatnonzero(rep.recall == rep.recall.min())
        return bool(np.all(rep.support > 0)) and len(low) == 1  # every class has images; one answer

    def params(self, ctx, lang):
        return {"split": t(f"pred.split.{ctx['split']}", lang)}

    def choices(self, ctx, lang):
        return {str(i): name for i, name in enumerate(_names(ctx, lang))}

    def truth(self, ctx, runs=()):
        rep = _report(ctx)
        k = int(np.argmin(rep.recall))
        return Truth(str(k), why={"recall": accuracy_text(float(rep.recall[k])),
                                  "right": int(np.asarray(ctx["counts"])[k, k]), "n": int(rep.support[k])},
                     view={"tab": "browse", "class": str(k), "view": "misclassified"} | _shown(ctx))


QUESTIONS = (MostConfused(), Accuracy(), WorstClass())
