"""Activation functions, written to stay finite for any finite input.

Every function accepts array-likes, keeps float32 inputs in float32 (other inputs become float64) and
never warns: large |z| is handled by shifting or by picking the stable branch, not by clipping results.
"""
from __future__ import annotations

import numpy as np


def _as_float(z) -> np.ndarray:
    """Return ``z`` as a float array, keeping float32/float64 and promoting everything else to float64."""
    z = np.asarray(z)
    if z.dtype in (np.float32, np.float64):
        return z
    return z.astype(np.float64)


def sigmoid(z):
    """Logistic function 1 / (1 + e^-z), computed without overflow for any finite z.

    For z >= 0 it uses 1 / (1 + e^-z); for z < 0 the equal form e^z / (1 + e^z), so the exponent is
    never positive.
    """
    z = _as_float(z)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    out = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return out.astype(z.dtype, copy=False) if out.ndim else z.dtype.type(out)


def logit(p):
    """Inverse of the sigmoid, z = ln(p / (1 - p)) = -ln(1/p - 1); ±inf at p = 1 and p = 0."""
    p = _as_float(p)
    with np.errstate(divide="ignore"):
        return np.log(p) - np.log1p(-p)


def softmax(z, axis: int = -1, temperature: float = 1.0):
    """Softmax of ``z / temperature`` along ``axis``; each slice sums to 1.

    The maximum is subtracted first (softmax is shift-invariant), so the largest exponent is e^0 = 1 and
    nothing overflows; the sum is at least 1, so nothing divides by zero.
    """
    if not temperature > 0:
        raise ValueError(f"temperature must be positive, got {temperature!r}")
    z = _as_float(z)
    scaled = z / z.dtype.type(temperature)
    shifted = scaled - np.max(scaled, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def hardmax(z, axis: int = -1):
    """One-hot vector of the largest entry along ``axis`` (the first one on ties), in z's float dtype."""
    z = _as_float(z)
    idx = np.argmax(z, axis=axis)
    out = np.zeros_like(z)
    np.put_along_axis(out, np.expand_dims(idx, axis), 1, axis=axis)
    return out


def softmax_jacobian(a):
    """Jacobian ∂a_i/∂z_j = a_i (δ_ij − a_j) = diag(a) − a aᵀ of softmax at one probability vector a."""
    a = _as_float(a)
    if a.ndim != 1:
        raise ValueError(f"softmax_jacobian takes one probability vector, got shape {a.shape}")
    return np.diag(a) - np.outer(a, a)
