"""Initial weights: Glorot-uniform, Keras's default for Dense layers, drawn from a generator the caller owns.

Glorot and Bengio (2010) pick the range ±√(6 / (fan_in + fan_out)) so that a layer's outputs and its
gradients keep about the same variance as its inputs; for one input and one output that is ±√3.
"""
from __future__ import annotations

import math

import numpy as np


def glorot_limit(fan_in: int, fan_out: int) -> float:
    """The bound √(6 / (fan_in + fan_out)) of Glorot-uniform weights (Keras's ``GlorotUniform``)."""
    return math.sqrt(6.0 / (fan_in + fan_out))


def glorot_uniform(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    """A (fan_in, fan_out) weight matrix drawn uniformly from ±:func:`glorot_limit`, float64.

    One ``rng.uniform`` call, so the draws (and everything seeded after them) depend only on the
    generator's state and the shape.
    """
    limit = glorot_limit(fan_in, fan_out)
    return rng.uniform(-limit, limit, (fan_in, fan_out))
