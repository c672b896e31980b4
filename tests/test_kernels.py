"""Tests for core.engines.kernels, the compiled inner loop of the NumPy network: its float32 maths against float64
NumPy references, the byte path against the float path bit for bit, and both BLAS bindings."""
from __future__ import annotations

import numpy as np
import pytest

from core.engines import kernels
from core.data.datasets import load_digits, one_hot
from core.engines.network import MultiClassNetwork

REFERENCE = {"sigmoid": lambda z: 0.5 + 0.5 * np.tanh(z / 2), "relu": lambda z: np.maximum(z, 0), "tanh": np.tanh}


@pytest.mark.parametrize("name", ["sigmoid", "relu", "tanh"])
def test_float32_activations_match_float64_numpy(name):
    """Check activate(h, b) = f(h + b) to float32 accuracy over ±30, exact saturation far out, and NaN
    passing through (a diverging run must stay visible)."""
    rng = np.random.default_rng(0)
    h = rng.uniform(-30, 30, (64, 37)).astype(np.float32)
    h[0, :4] = [-1e30, 1e30, np.nan, 0.0]
    b = rng.normal(size=37).astype(np.float32)
    b[:4] = 0
    want = REFERENCE[name](h.astype(np.float64) + b)
    got = h.copy()
    kernels.activate(got, b, kernels.ACTIVATION_CODES[name])
    assert got.dtype == np.float32
    assert np.isnan(got[0, 2])
    finite = ~np.isnan(want)
    np.testing.assert_allclose(got[finite], want[finite], rtol=2e-6, atol=2e-7)
    if name == "sigmoid":
        assert got[0, 0] == 0.0 or got[0, 0] < 1e-37
        assert got[0, 1] == 1.0


def batch_state(dtype, units, seed=0):
    rng = np.random.default_rng(seed)
    d, k = 13, 4
    params = [rng.normal(size=(d, max(units, 1))), rng.normal(size=max(units, 1)),
              rng.normal(size=(units or d, k)), rng.normal(size=k)]
    return [p.astype(dtype) for p in params]


def run_batch(gemms, src, rows, labels, dtype, units, kind, l1=0.0, l2=0.0):
    """One train_batch call on fresh parameters; returns the parameters after it and the records."""
    w1, b1, w2, b2 = batch_state(dtype, units)
    m, hdim = len(rows), max(units, 1)
    xb, h, eh = np.empty((m, src.shape[1]), dtype), np.empty((m, hdim), dtype), np.empty((m, hdim), dtype)
    z = np.empty((m, w2.shape[1]), dtype)
    pred, p_true = np.empty(m, np.intp), np.empty(m, dtype)
    scale = dtype(0.3 / m)
    kernels.train_batch(gemms, src, rows, labels, kind, units > 0, scale, dtype(scale * l1), dtype(scale * l2),
                        xb, h, z, eh, w1, b1, w2, b2, pred, p_true)
    return [w1, b1, w2, b2, pred, p_true]


def pixels(n=40, d=13, seed=1):
    """float32 pixels ÷ 255, as the data module stores Fashion-MNIST, and their bytes."""
    codes = np.random.default_rng(seed).integers(0, 256, (n, d), dtype=np.uint8)
    return np.divide(codes, np.float32(255), dtype=np.float32), codes


def test_byte_rows_train_exactly_like_float_rows():
    """Check that encode_bytes recovers the bytes of pixels ÷ 255 and that a batch gathered from them
    gives bit-identical weights, predictions and probabilities to one gathered from the floats."""
    x, codes = pixels()
    found = np.empty_like(codes)
    assert kernels.encode_bytes(x, found)
    np.testing.assert_array_equal(found, codes)
    rows, labels = np.array([1, 4, 5, 9, 20, 33]), np.array([0, 3, 2, 1, 1, 0])
    from_floats = run_batch(kernels.blas(), x, rows, labels, np.float32, 6, kernels.SIGMOID)
    from_bytes = run_batch(kernels.blas(), found, rows, labels, np.float32, 6, kernels.SIGMOID)
    for a, b in zip(from_floats, from_bytes):
        np.testing.assert_array_equal(a, b)


def test_encode_bytes_refuses_other_data():
    """Check that data that is not exactly byte / 255 (digits ÷ 16, a nudged pixel, values above 1)
    is kept as floats."""
    codes = np.empty((300, 64), np.uint8)
    assert not kernels.encode_bytes(load_digits(subset=300).x_train, codes)
    x, _ = pixels()
    codes = np.empty(x.shape, np.uint8)
    nudged = x.copy()
    nudged[3, 3] = np.nextafter(nudged[3, 3], np.float32(2))
    assert not kernels.encode_bytes(nudged, codes)
    assert not kernels.encode_bytes(x * 2, codes)


@pytest.mark.parametrize("units, kind", [(0, kernels.SIGMOID), (5, kernels.SIGMOID), (5, kernels.RELU),
                                         (5, kernels.TANH)])
def test_batch_step_matches_numpy(units, kind):
    """Check one float64 batch step (with both penalties) against the textbook's update in NumPy, and
    that SciPy's BLAS binding gives the same step as NumPy's."""
    x, _ = pixels()
    x = x.astype(np.float64)
    rows, labels = np.array([0, 2, 3, 7, 8, 11, 30]), np.array([0, 1, 2, 3, 3, 1, 0])
    l1, l2 = 0.01, 0.1
    got = run_batch(kernels.blas(), x, rows, labels, np.float64, units, kind, l1, l2)
    w1, b1, w2, b2 = batch_state(np.float64, units)
    xb, m, lr = x[rows], len(rows), 0.3
    act = REFERENCE[["sigmoid", "relu", "tanh"][kind]]
    a1 = act(xb @ w1 + b1) if units else xb
    z = a1 @ w2 + b2
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    err = p - one_hot(labels, 4, np.float64)
    want = [w1, b1, w2 - lr / m * (a1.T @ err + l1 * np.sign(w2) + l2 * w2), b2 - lr / m * err.sum(axis=0)]
    if units:
        deriv = {0: a1 * (1 - a1), 1: (a1 > 0) * 1.0, 2: 1 - a1 ** 2}[kind]
        err_h = err @ w2.T * deriv
        want[0] = w1 - lr / m * (xb.T @ err_h + l1 * np.sign(w1) + l2 * w1)
        want[1] = b1 - lr / m * err_h.sum(axis=0)
    for g, w in zip(got[:4] if units else got[2:4], want if units else want[2:]):
        np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-14)
    np.testing.assert_array_equal(got[4], z.argmax(axis=1))
    np.testing.assert_allclose(got[5], p[np.arange(m), labels], rtol=1e-12)
    fallback = run_batch(kernels.blas(prefer_numpy=False), x, rows, labels, np.float64, units, kind, l1, l2)
    for a, b in zip(got, fallback):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)


def test_float32_training_follows_float64():
    """Check that the float32 network (polynomial exp, float32 BLAS) trains to nearly the weights of the
    float64 one over three epochs on digits."""
    ds = load_digits(subset=300)
    y = one_hot(ds.y_train, 10)
    nets = [MultiClassNetwork(units=16, batch_size=32, learning_rate=0.2, dtype=dt, seed=4).fit(ds.x_train, y,
                                                                                              epochs=3)
            for dt in ("float32", "float64")]
    for a, b in zip(nets[0].coefs_ + nets[0].intercepts_, nets[1].coefs_ + nets[1].intercepts_):
        np.testing.assert_allclose(a, b, rtol=1e-3, atol=1e-3)
    np.testing.assert_allclose(nets[0].history_["loss"], nets[1].history_["loss"], rtol=1e-4)
