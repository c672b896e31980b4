"""Tests of core.maths.initializers: Glorot's bound by hand and the draws against the generator's own numbers.

Keras's GlorotUniform range is checked in tests/test_losses_keras.py (the module that pays for importing Keras).
"""
import math

import numpy as np
import pytest

from core.maths.initializers import glorot_limit, glorot_uniform


@pytest.mark.parametrize("fan_in, fan_out, limit", [
    (1, 1, math.sqrt(3)), (784, 100, math.sqrt(6 / 884)), (2, 3, math.sqrt(1.2)), (100, 10, math.sqrt(6 / 110)),
])
def test_glorot_limit_is_sqrt_6_over_the_fans(fan_in, fan_out, limit):
    """Check √(6 / (fan_in + fan_out)) by hand: √3 for the sigmoid explorer's single weight."""
    assert glorot_limit(fan_in, fan_out) == pytest.approx(limit, rel=1e-15)


@pytest.mark.parametrize("fan_in, fan_out", [(1, 1), (4, 7), (784, 100)])
def test_glorot_uniform_is_one_uniform_draw_scaled_to_the_limit(fan_in, fan_out):
    """Check the weights bit for bit against −l + 2l·u with u the generator's own uniform numbers in [0, 1),
    and that the generator has moved on by exactly those numbers (what is drawn after stays the same)."""
    mine, ref = np.random.default_rng(5), np.random.default_rng(5)
    w = glorot_uniform(mine, fan_in, fan_out)
    limit = math.sqrt(6 / (fan_in + fan_out))
    np.testing.assert_array_equal(w, -limit + 2 * limit * ref.random((fan_in, fan_out)))
    assert w.shape == (fan_in, fan_out) and w.dtype == np.float64 and np.abs(w).max() <= limit
    assert mine.random() == ref.random()
