"""Check the loss viewer's numbers against Keras's own losses, and our Glorot initialiser against Keras's (the
only test module besides the Keras engine's that imports Keras).

Keras clips probabilities to [ε, 1 − ε] with ε = keras.config.epsilon() = 1e-7 and keeps float64
inputs in float64, so our functions are called with eps set to that same ε on the same raw
probabilities, 0 and 1 included. Keras is imported inside a fixture: TensorFlow takes seconds to load
and no other test module should pay for it.
"""
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from core.pages import loss_lab as lab
from core.maths.activations import softmax
from core.maths.initializers import glorot_limit
from core.maths.losses import bce_terms, cce_terms, logistic_loss_logit

TOL = 1e-6
probs = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0, 1))


@pytest.fixture(scope="module")
def keras():
    """Keras 3, imported lazily (skipped where TensorFlow is not installed)."""
    return pytest.importorskip("keras")


def test_keras_epsilon_is_the_pages_reference(keras):
    """Check that the page's Keras row uses Keras's actual ε, and the cost it prints for a certain mistake."""
    assert keras.config.epsilon() == lab.KERAS_EPS
    cost = float(keras.losses.binary_crossentropy(np.array([[1.0]]), np.array([[0.0]]))[0])
    refs = lab.reference_columns()
    assert dict(zip(refs["who"], refs["cost"]))["keras"] == f"{cost:.4f}"


@given(arrays(np.float64, 16, elements=probs), arrays(np.int64, 16, elements=st.integers(0, 1)))
@settings(max_examples=40)
def test_binary_matches_keras_binary_crossentropy(keras, p, y):
    """Check bce_terms and the binary tab's point against keras.losses.binary_crossentropy, 0 and 1 included."""
    eps = keras.config.epsilon()
    expected = np.asarray(keras.losses.binary_crossentropy(y[:, None].astype(np.float64), p[:, None]))
    np.testing.assert_allclose(bce_terms(y, p, eps), expected, atol=TOL, rtol=0)
    got = [lab.binary_point(int(yi), float(pi), eps)["loss"] for yi, pi in zip(y, p)]
    np.testing.assert_allclose(got, expected, atol=TOL, rtol=0)


@given(arrays(np.float64, (6, 5), elements=st.floats(-20, 20)), st.integers(0, 2**32 - 1))
@settings(max_examples=40)
def test_multiclass_matches_keras_categorical_crossentropy(keras, z, seed):
    """Check cce_terms / multiclass_breakdown against keras.losses.categorical_crossentropy.

    Rows are softmax outputs plus one-hot rows (exact 0s and a 1), as the multiclass tab makes them.
    """
    eps = keras.config.epsilon()
    a = np.vstack([softmax(z, axis=1), np.eye(5)[[0, 3]]])
    y = np.random.default_rng(seed).integers(0, 5, len(a))
    expected = np.asarray(keras.losses.categorical_crossentropy(np.eye(5)[y], a))
    np.testing.assert_allclose(cce_terms(np.eye(5)[y], a, eps).sum(axis=1), expected, atol=TOL, rtol=0)
    got = [lab.multiclass_breakdown(row, int(yi), eps)["loss"] for yi, row in zip(y, a)]
    np.testing.assert_allclose(got, expected, atol=TOL, rtol=0)


@given(arrays(np.float64, 16, elements=st.floats(-1e3, 1e3)), arrays(np.int64, 16, elements=st.integers(0, 1)))
@settings(max_examples=40)
def test_logit_form_matches_keras_from_logits(keras, z, y):
    """Check the z-view's log(1 + e^∓z) against Keras's binary_crossentropy(from_logits=True), |z| ≤ 1000."""
    expected = np.asarray(keras.losses.binary_crossentropy(y[:, None].astype(np.float64), z[:, None],
                                                           from_logits=True))
    np.testing.assert_allclose(logistic_loss_logit(y, z), expected, atol=TOL, rtol=1e-12)


@given(probs, st.integers(0, 1))
@settings(max_examples=40)
def test_two_class_identity_matches_both_keras_losses(keras, a, y):
    """Check the C = 2 panel: Keras's binary loss of a and its categorical loss of (1 − a, a) give our numbers."""
    eps = keras.config.epsilon()
    check = lab.two_class_check(y, a, eps)
    binary = float(keras.losses.binary_crossentropy(np.array([[float(y)]]), np.array([[a]]))[0])
    categorical = float(keras.losses.categorical_crossentropy(np.eye(2)[[y]], np.array([[1 - a, a]]))[0])
    assert check["logistic"] == pytest.approx(binary, abs=TOL)
    assert check["categorical"] == pytest.approx(categorical, abs=TOL)
    assert math.isfinite(check["logistic"])


@pytest.mark.parametrize("shape", [(784, 100), (100, 10), (2, 3)])
def test_glorot_limit_is_keras_glorot_uniform_range(keras, shape):
    """Check that Keras's GlorotUniform draws fill ±glorot_limit: none outside, the extremes near both ends."""
    limit = glorot_limit(*shape)
    w = np.concatenate([np.asarray(keras.initializers.GlorotUniform(seed=s)(shape), np.float64).ravel()
                        for s in range(max(1, 2_000 // (shape[0] * shape[1])))])
    assert np.abs(w).max() <= limit * (1 + 1e-7)  # Keras draws float32
    assert w.max() > 0.99 * limit and w.min() < -0.99 * limit
