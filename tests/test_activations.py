"""Tests of core.maths.activations against closed forms, finite differences and the textbook's numbers."""
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, strategies as st
from hypothesis.extra.numpy import arrays

from core.maths.activations import hardmax, logit, sigmoid, softmax, softmax_jacobian

logit_vectors = arrays(np.float64, st.integers(2, 10),
                       elements=st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False))


@given(logit_vectors)
def test_softmax_sums_to_one_and_is_finite(z):
    """Check that softmax is a probability vector for any logits with |z| ≤ 1e4."""
    p = softmax(z)
    assert np.all(np.isfinite(p)) and np.all(p >= 0)
    assert p.sum() == pytest.approx(1.0, abs=1e-12)


@given(logit_vectors, st.floats(-1e3, 1e3))
def test_softmax_is_shift_invariant(z, c):
    """Check that adding the same constant to every logit leaves softmax unchanged."""
    np.testing.assert_allclose(softmax(z + c), softmax(z), atol=1e-9)


@given(arrays(np.float64, st.integers(2, 8), elements=st.floats(-50, 50), unique=True))
def test_low_temperature_approaches_hardmax(z):
    """Check that softmax(z / T) tends to hardmax(z) as T → 0 (distinct logits)."""
    gap = np.min(np.diff(np.sort(z)))
    assume(gap > 1e-6)
    temperature = gap / 60  # every runner-up sits ≥ 60 temperature units below the max
    np.testing.assert_allclose(softmax(z, temperature=temperature), hardmax(z), atol=1e-20 + 1e-12 * len(z))


@given(st.floats(-700, 700), st.floats(-700, 700))
def test_two_class_softmax_is_sigmoid_of_difference(z1, z2):
    """Check the C = 2 identity: softmax([z1, z2])[0] = σ(z1 − z2)."""
    assert softmax(np.array([z1, z2]))[0] == pytest.approx(sigmoid(z1 - z2), rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_extreme_inputs_are_finite_and_silent(dtype):
    """Check that |z| up to 1e4 gives finite results and no floating-point warning in both dtypes."""
    z = np.array([-1e4, -1000.0, -50.0, 0.0, 50.0, 1000.0, 1e4], dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", divide="raise", invalid="raise"):  # underflow to 0 is exact enough
            s, p = sigmoid(z), softmax(z)
    assert s.dtype == dtype and p.dtype == dtype
    assert np.all(np.isfinite(s)) and np.all(np.isfinite(p))
    assert s[0] == 0.0 and s[-1] == 1.0 and s[3] == 0.5
    assert p[-1] == pytest.approx(1.0)


def test_sigmoid_matches_closed_form_and_logit_inverts_it():
    """Check σ against 1/(1+e^-z) where that is safe, and logit(σ(z)) = z."""
    z = np.linspace(-20, 20, 81)  # beyond ±20, 1 − σ(z) keeps too few digits to invert
    np.testing.assert_allclose(sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-14)
    np.testing.assert_allclose(logit(sigmoid(z)), z, atol=1e-6)
    assert logit(0.0) == -np.inf and logit(1.0) == np.inf


def test_textbook_worked_examples():
    """Check the textbook's figures: sigmoid outputs → logits → softmax (Do it! ch. 7-1).

    The book rounds the logits to 2 decimals before the softmax; with exact logits the second row's
    first entry would be 0.7347 and round to 0.73, not the printed 0.74.
    """
    z = np.round(logit(np.array([[0.9, 0.8, 0.7], [0.5, 0.2, 0.1]])), 2)
    np.testing.assert_array_equal(z, [[2.20, 1.39, 0.85], [0.0, -1.39, -2.20]])
    np.testing.assert_array_equal(np.round(softmax(z, axis=1), 2), [[0.59, 0.26, 0.15], [0.74, 0.18, 0.08]])


def test_hardmax_marks_first_maximum():
    """Check hardmax is one-hot at the argmax, first index on ties, row-wise."""
    np.testing.assert_array_equal(hardmax([[1, 3, 3], [5, 0, 1]]), [[0, 1, 0], [1, 0, 0]])


def test_temperature_must_be_positive():
    """Check that a non-positive temperature is refused with a clear message."""
    with pytest.raises(ValueError, match="temperature"):
        softmax([1.0, 2.0], temperature=0)


@given(arrays(np.float64, st.integers(2, 6), elements=st.floats(-5, 5)))
def test_softmax_jacobian_matches_finite_differences(z):
    """Check diag(a) − a aᵀ against central differences of softmax."""
    h = 1e-6
    numeric = np.empty((len(z), len(z)))
    for j in range(len(z)):
        dz = np.zeros_like(z)
        dz[j] = h
        numeric[:, j] = (softmax(z + dz) - softmax(z - dz)) / (2 * h)
    np.testing.assert_allclose(softmax_jacobian(softmax(z)), numeric, atol=1e-8)
