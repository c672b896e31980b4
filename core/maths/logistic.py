"""Logistic regression on one input: the curve σ(Wx + b), its midpoint and tangent, the logistic loss,
and a full-batch gradient-descent fit that records its path through (W, b).

The midpoint x = −b/W is where σ(Wx + b) = 0.5 (the decision threshold); the slope there is W/4,
because σ'(0) = σ(0)(1 − σ(0)) = 1/4. With W = 0 there is no midpoint: the curve is flat at σ(b).
"""
from __future__ import annotations

import math
from dataclasses import KW_ONLY, dataclass

import numpy as np

from core.maths.activations import sigmoid
from core.maths.initializers import glorot_uniform
from core.maths.losses import logistic_loss_logit, sigmoid_bce_grad

# The slides' two figures: σ(Wx) for W = 0.5, 1, 2 and σ(x + b) for b = 0.5, 1, 1.5, as (W, b) pairs.
SLIDE_FAMILIES: dict[str, tuple[tuple[float, float], ...]] = {
    "w": ((0.5, 0.0), (1.0, 0.0), (2.0, 0.0)),
    "b": ((1.0, 0.5), (1.0, 1.0), (1.0, 1.5)),
}
# The slides' Keras run: Dense(1, sigmoid), optimizer "sgd" (learning rate 0.01), 300 epochs, batch 32
# (so the 6 points are one full batch per epoch), bias initialised to 0. Its random initial weight is
# not printed; 1.53826 is the one start from which these settings end at the printed W = 1.8498867 —
# and they then also end at the printed b = −0.0272993 and predictions to 6 digits, which confirms it.
SLIDES_FIT = {"learning_rate": 0.01, "epochs": 300, "w0": 1.53826, "b0": 0.0, "standardize": False}


def _floats(v) -> np.ndarray:
    return np.asarray(v, dtype=np.float64)


def curve(w: float, b: float, x) -> np.ndarray:
    """σ(Wx + b) at each x: the predicted probability of class 1."""
    return sigmoid(w * _floats(x) + b)


def midpoint(w: float, b: float) -> float | None:
    """The x where σ(Wx + b) = 0.5, i.e. −b/W; None when W = 0 (flat curve, no crossing)."""
    return None if w == 0 else 0.0 - b / w  # 0.0 − … turns −0.0 into 0.0 for display


def tangent_segment(w: float, b: float) -> tuple[np.ndarray, np.ndarray] | None:
    """The tangent at the midpoint (slope W/4) from where it meets 0 to where it meets 1; None if W = 0.

    The tangent climbs 1 over a run of 4/|W|, so it spans x = m ± 2/|W| around the midpoint m.
    """
    m = midpoint(w, b)
    if m is None:
        return None
    xs = np.array([m - 2.0 / abs(w), m + 2.0 / abs(w)])
    return xs, 0.5 + (w / 4.0) * (xs - m)


def point_losses(w: float, b: float, x, y) -> np.ndarray:
    """Per-point logistic loss −[y log σ(z) + (1 − y) log(1 − σ(z))], z = Wx + b.

    Taken from z (:func:`core.maths.losses.logistic_loss_logit`), which is exact and finite for any
    finite z, where taking log σ(z) would underflow to log 0 once |z| passes ~37.
    """
    return logistic_loss_logit(_floats(y), w * _floats(x) + b)


def mean_log_loss(w, b, x, y) -> np.ndarray | float:
    """Mean logistic loss over the data, for one (W, b) or for broadcastable arrays of them."""
    w, b = np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64)
    out = np.mean(logistic_loss_logit(_floats(y), w[..., None] * _floats(x) + b[..., None]), axis=-1)
    return float(out) if out.ndim == 0 else out


def accuracy(w: float, b: float, x, y) -> float:
    """Share of points on the right side of the 0.5 threshold (Keras's binary_accuracy)."""
    return float(np.mean((w * _floats(x) + b > 0) == (_floats(y) == 1)))


def loss_grid(x, y, w_values, b_values) -> np.ndarray:
    """Mean loss on a grid: entry [i, j] is the loss at W = w_values[j], b = b_values[i]."""
    return mean_log_loss(_floats(w_values)[None, :], _floats(b_values)[:, None], x, y)


def is_separable(x, y) -> bool:
    """True when one threshold on x splits the classes perfectly: then the loss has no minimum."""
    x, y = _floats(x), np.asarray(y)
    lo, hi = x[y == 0], x[y == 1]
    return bool(lo.size and hi.size and (lo.max() < hi.min() or hi.max() < lo.min()))


def x_window(x=None) -> tuple[float, float]:
    """The x range to plot: −5…5 as in the slides, or the data's span with room around it."""
    if x is None:
        return -5.0, 5.0
    x = _floats(x)
    centre, half = (x.min() + x.max()) / 2, max(5.0, 0.9 * float(np.ptp(x)))
    return float(centre - half), float(centre + half)


def b_slider_range(x=None) -> tuple[float, float, float]:
    """(low, high, step) for the b slider: −5…5 near the origin; for data far from 0 (exam scores)
    wide enough that b = −W·x can put the midpoint anywhere in view for 0 ≤ W ≤ 2.5."""
    lo, hi = x_window(x)
    if max(abs(lo), abs(hi)) <= 10:
        return -5.0, 5.0, 0.05
    return (10.0 * math.floor(min(-1.0, -0.25 * hi)), 10.0 * math.ceil(max(1.0, -0.25 * lo)), 0.5)


def start_params(x=None, w_step: float = 0.05) -> tuple[float, float]:
    """A data set's starting (W, b): the midpoint −b/W at the centre of x and a slope W = 4/span, so the
    curve climbs from about 0.12 to 0.88 across the data — (1, 0) for the slides' toy data and without
    data. W is rounded to ``w_step`` and b to its slider's step (see :func:`b_slider_range`)."""
    if x is None:
        return 1.0, 0.0
    x = _floats(x)
    w = round(max(1, round(4.0 / (float(np.ptp(x)) or 4.0) / w_step)) * w_step, 10)  # 10 digits: no 0.1500…02
    b_step = b_slider_range(x)[2]
    return float(w), round(round(-w * (x.min() + x.max()) / 2 / b_step) * b_step, 10) + 0.0  # + 0.0: no −0


def contour_window(x, points) -> tuple[tuple[float, float], tuple[float, float]]:
    """(W range, b range) for the loss contour: the box W' ∈ [−2, 6], b' ∈ [−4, 4] in standardised
    units, mapped to x's units, grown to hold ``points`` (an (n, 2) array of (W, b)) with a margin."""
    x = _floats(x)
    mean, scale = float(x.mean()), float(x.std()) or 1.0
    corners = np.array([[w, b] for w in (-2.0, 6.0) for b in (-4.0, 4.0)])
    box = np.column_stack([corners[:, 0] / scale, corners[:, 1] - corners[:, 0] * mean / scale])
    pts = np.vstack([box, np.asarray(points, dtype=np.float64).reshape(-1, 2)])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    pad = 0.08 * (hi - lo)
    return (float(lo[0] - pad[0]), float(hi[0] + pad[0])), (float(lo[1] - pad[1]), float(hi[1] + pad[1]))


@dataclass(eq=False)  # the dataclass __init__ only stores the parameters, as scikit-learn asks
class LogisticRegression1D:
    """σ(Wx + b) fitted by full-batch gradient descent on the mean logistic loss (scikit-learn style).

    One step per epoch, as Keras does when the batch holds every point. ``w0`` and ``b0`` are the
    starting point in x's units; ``w0=None`` draws W from Keras's Glorot-uniform range ±√3 with
    ``seed``. ``standardize=True`` runs the descent on (x − mean)/std — the same model in other
    coordinates, but one whose loss surface is round rather than a long thin valley, so one learning
    rate suits both directions — and reports W, b back in x's units.

    After ``fit``: ``coef_`` (W) and ``intercept_`` (b) as floats; ``path_``, an (epochs + 1, 2) array
    of (W, b) from the start to the end; ``history_``, Keras-style ``{"loss", "accuracy"}`` lists
    with one entry per epoch, measured before that epoch's update.
    """

    learning_rate: float = 0.01
    epochs: int = 300
    _: KW_ONLY
    w0: float | None = None
    b0: float = 0.0
    standardize: bool = False
    seed: int | None = None

    def fit(self, x, y) -> LogisticRegression1D:
        """Run ``epochs`` gradient-descent steps on (x, y) and record the path. Returns self."""
        x, y = _floats(x), _floats(y)
        if x.ndim != 1 or x.shape != y.shape or x.size == 0:
            raise ValueError(f"x and y must be 1-D of equal, non-zero length, got {x.shape}, {y.shape}")
        if not np.isin(y, (0.0, 1.0)).all():
            raise ValueError("y must hold 0/1 labels")
        if not self.learning_rate > 0 or int(self.epochs) != self.epochs or self.epochs < 1:
            raise ValueError("learning_rate must be positive and epochs a positive integer")
        mean, scale = (float(x.mean()), float(x.std()) or 1.0) if self.standardize else (0.0, 1.0)
        u = (x - mean) / scale  # the input the descent sees; W·x + b = W'·u + b'
        if self.w0 is None:
            w = float(glorot_uniform(np.random.default_rng(self.seed), 1, 1)[0, 0])  # ±√3: 1 in, 1 out
            b = float(self.b0)
        else:  # the same line in u's coordinates: W' = W·scale, b' = b + W·mean
            w, b = float(self.w0) * scale, float(self.b0) + float(self.w0) * mean
        path = np.empty((int(self.epochs) + 1, 2))
        losses, accs = [], []
        for epoch in range(int(self.epochs)):
            path[epoch] = w / scale, b - w * mean / scale
            z = w * u + b  # once per epoch for the loss and, inline (as in accuracy), the accuracy
            losses.append(float(np.mean(logistic_loss_logit(y, z))))
            accs.append(float(np.mean((z > 0) == (y == 1))))
            g = sigmoid_bce_grad(y, sigmoid(z))  # ∂loss/∂z per point: a − y
            w, b = w - self.learning_rate * float(g @ u) / u.size, b - self.learning_rate * float(g.mean())
        path[-1] = w / scale, b - w * mean / scale
        self.path_ = path
        self.coef_, self.intercept_ = float(path[-1, 0]), float(path[-1, 1])
        self.history_ = {"loss": losses, "accuracy": accs}
        return self

    def predict_proba(self, x) -> np.ndarray:
        """Probabilities of class 0 and class 1, shape (n, 2), as scikit-learn returns them."""
        p1 = curve(self.coef_, self.intercept_, x)
        return np.column_stack([1.0 - p1, p1])

    def predict(self, x) -> np.ndarray:
        """Class 1 where σ(Wx + b) > 0.5, else 0."""
        return (self.coef_ * _floats(x) + self.intercept_ > 0).astype(np.int64)


def frame_epochs(epochs: int, frames: int = 20) -> list[int]:
    """About ``frames`` epochs spread evenly over 0…epochs (both ends included, no repeats), to replay."""
    return sorted({round(i * epochs / frames) for i in range(frames + 1)})
