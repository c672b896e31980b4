"""Evaluation of a finished run: confusion matrices, per-class scores, and which images to show.

Inputs are plain arrays — true labels and predicted probabilities — so both engines and every epoch
snapshot are evaluated the same way. Counting is scikit-learn's; the page only draws the results.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.metrics import confusion_matrix as _sk_confusion
from sklearn.metrics import precision_recall_fscore_support

VIEWS = ("all", "misclassified", "confident_mistakes", "unsure_correct")


def confusion(y_true, y_pred, n_classes: int, *, normalize: bool = False) -> np.ndarray:
    """Confusion matrix C[i, j] = number of class-i images predicted as j (rows sum to 1 if normalized).

    A class with no images keeps a row of zeros when normalized, rather than NaN.
    """
    cm = _sk_confusion(y_true, y_pred, labels=np.arange(n_classes))
    return row_fractions(cm) if normalize else cm


def row_fractions(cm) -> np.ndarray:
    """Each row of confusion matrix ``cm`` as fractions of its total (rows sum to 1); a class with no images
    keeps a row of zeros rather than NaN."""
    cm = np.asarray(cm, dtype=float)
    totals = cm.sum(axis=1, keepdims=True)
    return np.divide(cm, totals, out=np.zeros(cm.shape), where=totals > 0)


@dataclass(frozen=True)
class ClassReport:
    """Per-class precision, recall, F1 and support, plus overall accuracy and macro averages."""
    precision: np.ndarray
    recall: np.ndarray
    f1: np.ndarray
    support: np.ndarray
    accuracy: float

    @property
    def macro(self) -> tuple[float, float, float]:
        """Unweighted means of precision, recall and F1 over the classes."""
        return float(self.precision.mean()), float(self.recall.mean()), float(self.f1.mean())


def class_report(y_true, y_pred, n_classes: int) -> ClassReport:
    """Per-class scores as in scikit-learn's classification_report (0 where undefined, no warning)."""
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=np.arange(n_classes),
                                                 zero_division=0)
    return ClassReport(p, r, f, s, float(np.mean(np.asarray(y_true) == np.asarray(y_pred))))


def cell_members(y_true, proba, true_class: int, pred_class: int) -> np.ndarray:
    """Indices of images of ``true_class`` predicted as ``pred_class``, most confident first."""
    y_true, proba = np.asarray(y_true), np.asarray(proba)
    pred = proba.argmax(axis=1)
    idx = np.flatnonzero((y_true == true_class) & (pred == pred_class))
    return idx[np.argsort(-proba[idx, pred_class], kind="stable")]


def browse(y_true, proba, cls: int, view: str) -> np.ndarray:
    """Indices of class ``cls``'s images for one view of the prediction browser.

    - ``all``: every image of the class, most confidently recognised first (p of its own class);
    - ``misclassified``: those predicted as another class, the ones closest to correct first;
    - ``confident_mistakes``: the same mistakes, the most confident wrong answers first;
    - ``unsure_correct``: correct predictions, the least confident first.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, got {view!r}")
    y_true, proba = np.asarray(y_true), np.asarray(proba)
    pred, top = proba.argmax(axis=1), proba.max(axis=1)
    mine = y_true == cls
    if view == "all":
        idx = np.flatnonzero(mine)
        key = -proba[idx, cls]
    elif view == "misclassified":
        idx = np.flatnonzero(mine & (pred != cls))
        key = -proba[idx, cls]
    elif view == "confident_mistakes":
        idx = np.flatnonzero(mine & (pred != cls))
        key = -top[idx]
    else:
        idx = np.flatnonzero(mine & (pred == cls))
        key = top[idx]
    return idx[np.argsort(key, kind="stable")]
