"""Losses and their gradients with respect to the pre-activation z.

Probabilities are clipped to [eps, 1 − eps] before the log, as the textbook does, so a confident wrong
answer costs −log(eps) (≈ 23.03 for eps = 1e-10) instead of infinity. Losses are means over samples.
The logistic loss can also be taken straight from the logit z (:func:`logistic_loss_logit`): no
probability is formed, so nothing needs clipping.
"""
from __future__ import annotations

import numpy as np

from core.maths.activations import _as_float


def one_hot(y, n_classes: int, dtype=np.float32) -> np.ndarray:
    """One-hot rows for integer labels ``y`` (like Keras's ``to_categorical``)."""
    y = np.asarray(y)
    if y.ndim != 1 or (y.size and not np.issubdtype(y.dtype, np.integer)):
        raise ValueError(f"one_hot takes a 1-D array of integer labels, got {y.dtype} {y.shape}")
    if y.size and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(f"labels must lie in 0…{n_classes - 1}, got {y.min()}…{y.max()}")
    out = np.zeros((y.size, n_classes), dtype=dtype)
    out[np.arange(y.size), y] = 1
    return out


def _clip(a, eps: float) -> np.ndarray:
    if not 0 <= eps < 0.5:
        raise ValueError(f"eps must be in [0, 0.5), got {eps!r}")
    a = _as_float(a)
    return np.clip(a, eps, 1 - eps)


def bce_terms(y, a, eps: float = 1e-10) -> np.ndarray:
    """Per-entry logistic loss −[y log a + (1 − y) log(1 − a)] on a clipped to [eps, 1 − eps].

    A product whose label factor is 0 counts as 0 (0·log 0 = 0), so only eps = 0 with a confidently
    wrong answer gives an infinite loss, never NaN.
    """
    y = _as_float(y)
    a = _clip(a, eps)
    with np.errstate(divide="ignore", invalid="ignore"):  # eps = 0 is allowed: log 0 is honestly −inf
        pos = np.where(y != 0, y * np.log(a), 0.0)
        neg = np.where(y != 1, (1 - y) * np.log1p(-a), 0.0)
    return 0.0 - (pos + neg)  # 0.0 − …: a perfect answer costs 0, not −0


def logistic_loss_logit(y, z) -> np.ndarray:
    """Per-entry logistic loss of a = σ(z) written in the logit z: log(1 + eᶻ) − y·z.

    For y = 1 this is −log σ(z) = log(1 + e⁻ᶻ); for y = 0 it is −log(1 − σ(z)) = log(1 + eᶻ).
    Evaluated as log(1 + e^−|z|) + (max(z, 0) − y·z) (the first term by ``np.logaddexp``), the same
    number: nothing overflows, and for a right answer the large terms cancel exactly before the small
    one is added, so the loss is exact and finite for any finite z (e⁻⁴⁰ at z = 40, y = 1, not 0).
    """
    y, z = _as_float(y), _as_float(z)
    return np.logaddexp(0.0, -np.abs(z)) + (np.maximum(z, 0.0) - y * z)


def binary_cross_entropy(y, a, eps: float = 1e-10) -> float:
    """Mean logistic loss −[y log a + (1 − y) log(1 − a)] over all entries (see :func:`bce_terms`)."""
    return float(np.mean(bce_terms(y, a, eps)))


def cce_terms(y_onehot, a, eps: float = 1e-10) -> np.ndarray:
    """The terms −y_c log a_c of categorical cross-entropy, one per class (0·log 0 counts as 0)."""
    y = np.atleast_2d(_as_float(y_onehot))
    a = np.atleast_2d(_clip(a, eps))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(y != 0, 0.0 - y * np.log(a), 0.0)


def categorical_cross_entropy(y_onehot, a, eps: float = 1e-10) -> float:
    """Mean over samples of −Σ_c y_c log a_c; rows of ``a`` are probability vectors."""
    return float(np.mean(np.sum(cce_terms(y_onehot, a, eps), axis=-1)))


def sigmoid_bce_grad(y, a):
    """∂BCE/∂z for a = σ(z), per sample: a − y (the σ' cancels against the log's 1/a)."""
    return _as_float(a) - _as_float(y)


def softmax_ce_grad(y_onehot, a):
    """∂CE/∂z for a = softmax(z), per sample: a − y, i.e. −(y − a) as in the textbook."""
    return _as_float(a) - _as_float(y_onehot)


def sigmoid_mse_grad(y, a):
    """∂[(a − y)²/2]/∂z for a = σ(z): (a − y)·a·(1 − a) — vanishes when a saturates at 0 or 1."""
    a = _as_float(a)
    return (a - _as_float(y)) * a * (1 - a)
