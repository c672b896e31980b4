"""Tests of core.maths.losses: hand values, scikit-learn's log_loss, and finite-difference gradients in z."""
import math

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import log_loss
from sklearn.metrics import mean_squared_error as sk_mse  # an independent reference

from core.maths.activations import sigmoid, softmax
from core.maths.losses import (binary_cross_entropy, categorical_cross_entropy, logistic_loss_logit, sigmoid_bce_grad,
                               sigmoid_mse_grad, softmax_ce_grad)

H = 1e-6


def numeric_grad(f, z):
    """Central-difference gradient of the scalar function f at z."""
    g = np.empty_like(z)
    for i in np.ndindex(z.shape):
        dz = np.zeros_like(z)
        dz[i] = H
        g[i] = (f(z + dz) - f(z - dz)) / (2 * H)
    return g


def test_hand_computed_values():
    """Check −log(0.7) and the textbook's 'only the true class counts'."""
    assert binary_cross_entropy([1], [0.7]) == pytest.approx(-np.log(0.7))
    assert binary_cross_entropy([0], [0.7]) == pytest.approx(-np.log(0.3))
    assert categorical_cross_entropy([[0, 1, 0]], [[0.59, 0.26, 0.15]]) == pytest.approx(-np.log(0.26))


def test_clipping_keeps_certain_mistakes_finite():
    """Check that a probability of exactly 0 for the true class costs −log(eps), not infinity."""
    assert binary_cross_entropy([1], [0.0]) == pytest.approx(-np.log(1e-10))
    assert categorical_cross_entropy([[1, 0]], [[0.0, 1.0]], eps=1e-7) == pytest.approx(-np.log(1e-7))
    with np.errstate(divide="ignore"):
        assert binary_cross_entropy([1], [0.0], eps=0) == np.inf


@given(arrays(np.float64, 20, elements=st.floats(0, 1)), st.integers(0, 2**32 - 1))
def test_binary_cross_entropy_matches_sklearn(p, seed):
    """Check BCE against sklearn's log_loss, 0 and 1 included, with the same clipping."""
    y = np.random.default_rng(seed).integers(0, 2, len(p))
    eps = 1e-10
    expected = log_loss(y, np.clip(p, eps, 1 - eps), labels=[0, 1])
    assert binary_cross_entropy(y, p, eps=eps) == pytest.approx(expected, rel=1e-9)


@given(arrays(np.float64, (6, 4), elements=st.floats(-8, 8)), st.integers(0, 2**32 - 1))
def test_categorical_cross_entropy_matches_sklearn(z, seed):
    """Check CE against sklearn's log_loss on softmax rows."""
    a = softmax(z, axis=1)
    y = np.random.default_rng(seed).integers(0, 4, 6)
    expected = log_loss(y, a, labels=range(4))
    assert categorical_cross_entropy(np.eye(4)[y], a) == pytest.approx(expected, rel=1e-7, abs=1e-9)


@given(arrays(np.float64, 5, elements=st.floats(-6, 6)), arrays(np.int64, 5, elements=st.integers(0, 1)))
def test_sigmoid_bce_gradient(z, y):
    """Check ∂BCE/∂z = a − y per sample (loss summed, so per-sample gradients are compared)."""
    f = lambda zz: binary_cross_entropy(y, sigmoid(zz), eps=0) * len(zz)
    np.testing.assert_allclose(sigmoid_bce_grad(y, sigmoid(z)), numeric_grad(f, z), atol=1e-6)


@given(arrays(np.float64, (3, 4), elements=st.floats(-6, 6)), st.integers(0, 2**32 - 1))
def test_softmax_ce_gradient(z, seed):
    """Check ∂CE/∂z = a − y (the textbook's −(y − a)) per sample."""
    y = np.eye(4)[np.random.default_rng(seed).integers(0, 4, 3)]
    f = lambda zz: categorical_cross_entropy(y, softmax(zz, axis=1), eps=0) * len(zz)
    np.testing.assert_allclose(softmax_ce_grad(y, softmax(z, axis=1)), numeric_grad(f, z), atol=1e-6)


@given(arrays(np.float64, 5, elements=st.floats(-6, 6)), arrays(np.int64, 5, elements=st.integers(0, 1)))
def test_sigmoid_mse_gradient(z, y):
    """Check ∂[½(a − y)²]/∂z = (a − y)·a·(1 − a) per sample."""
    f = lambda zz: 0.5 * sk_mse(y, sigmoid(zz)) * len(zz)
    np.testing.assert_allclose(sigmoid_mse_grad(y, sigmoid(z)), numeric_grad(f, z), atol=1e-7)


@given(arrays(np.float64, 12, elements=st.floats(-30, 30)), arrays(np.float64, 12, elements=st.floats(0, 1)))
def test_logistic_loss_logit_is_log_one_plus_exp_minus_yz(z, y):
    """Check the logit form against the naive log(1 + eᶻ) − y·z where that is safe (|z| ≤ 30), soft labels too.

    The naive form loses absolute digits only to rounding near 1 + e^−30 and 30·y, hence atol 1e-14.
    """
    np.testing.assert_allclose(logistic_loss_logit(y, z), np.log(1 + np.exp(z)) - y * z, rtol=1e-12, atol=1e-14)


def test_logistic_loss_logit_has_finite_exact_limits():
    """Check by hand where eᶻ overflows or σ(z) rounds to 0 or 1: log(1 + e⁻ᶻ) → e⁻ᶻ, log(1 + eᶻ) → z, never ∞."""
    big = np.finfo(np.float64).max
    z = np.array([-big, -1e4, -40.0, 40.0, 1e4, big])
    np.testing.assert_allclose(logistic_loss_logit(1, z), [big, 1e4, 40.0, math.exp(-40), 0.0, 0.0], rtol=1e-12)
    np.testing.assert_allclose(logistic_loss_logit(0, z), [0.0, 0.0, math.exp(-40), 40.0, 1e4, big], rtol=1e-12)
    np.testing.assert_allclose(logistic_loss_logit(0.25, [-1e4, 1e4]), [2500.0, 7500.0], rtol=1e-12)


@given(st.floats(-700, 700))
def test_logistic_loss_of_label_0_is_softplus(x):
    """Check log(1 + eˣ) (label 0): log(1 + eˣ) − log(1 + e⁻ˣ) = x everywhere, and log1p(eˣ) where that is safe."""
    assert logistic_loss_logit(0, x) - logistic_loss_logit(0, -x) == pytest.approx(x, abs=1e-12)
    if x < 30:
        assert logistic_loss_logit(0, x) == pytest.approx(math.log1p(math.exp(x)), rel=1e-12, abs=1e-300)


def test_mse_gradient_vanishes_on_confident_mistakes():
    """Check the 'why not MSE' point: at z = −10 with y = 1, MSE's gradient is ~0, CE's is ~−1."""
    a = sigmoid(-10.0)
    assert abs(sigmoid_mse_grad(1, a)) < 1e-4
    assert sigmoid_bce_grad(1, a) == pytest.approx(-1, abs=1e-4)
