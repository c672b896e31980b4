"""Losses and their gradients with respect to the pre-activation z.

Probabilities are clipped to [eps, 1 − eps] before the log, as the textbook does, so a confident wrong
answer costs −log(eps) (≈ 23.03 for eps = 1e-10) instead of infinity. Losses are means over samples.
"""
from __future__ import annotations

import numpy as np

from core.activations import _as_float


def _clip(a, eps: float) -> np.ndarray:
    if not 0 <= eps < 0.5:
        raise ValueError(f"eps must be in [0, 0.5), got {eps!r}")
    a = _as_float(a)
    return np.clip(a, eps, 1 - eps)


def binary_cross_entropy(y, a, eps: float = 1e-10) -> float:
    """Mean logistic loss −[y log a + (1 − y) log(1 − a)] over all entries."""
    y = _as_float(y)
    a = _clip(a, eps)
    with np.errstate(divide="ignore"):  # eps = 0 is allowed: the loss is then honestly infinite
        return float(np.mean(-(y * np.log(a) + (1 - y) * np.log(1 - a))))


def categorical_cross_entropy(y_onehot, a, eps: float = 1e-10) -> float:
    """Mean over samples of −Σ_c y_c log a_c; rows of ``a`` are probability vectors."""
    y = np.atleast_2d(_as_float(y_onehot))
    a = np.atleast_2d(_clip(a, eps))
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(y != 0, -y * np.log(a), 0.0)  # 0·log 0 counts as 0
    return float(np.mean(np.sum(terms, axis=-1)))


def mean_squared_error(y, a) -> float:
    """Mean of (y − a)² over all entries."""
    return float(np.mean((_as_float(y) - _as_float(a)) ** 2))


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
