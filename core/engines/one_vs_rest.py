"""One-vs-rest sigmoids: C independent logistic regressions on the same inputs, an sklearn-style estimator.

The one-vs-rest model (C independent logistic regressions, each with its own binary cross-entropy, as in
the study-group slides' "binary vs multinomial") uses the same sigmoid and gradient as the sigmoid
explorer; where no class or several classes pass 0.5 it leaves a point ambiguous, which softmax never does.
"""
from __future__ import annotations

import numpy as np

from core.maths.activations import sigmoid
from core.maths.initializers import glorot_uniform
from core.maths.losses import binary_cross_entropy, sigmoid_bce_grad
from core.engines.network import TrainingDiverged


class OneVsRestSigmoid:
    """C independent logistic regressions σ(x·wₖ + bₖ), one per class against the rest (scikit-learn style).

    Each is trained by mini-batch gradient descent on its own binary cross-entropy, with the gradient
    a − y of the sigmoid explorer (:func:`core.maths.losses.sigmoid_bce_grad`) and an L2 penalty l2/2·ΣW².
    The outputs need not sum to 1. Learned state: ``w_`` (2, C), ``b_`` (C,), ``history_`` (Keras keys
    ``loss`` = mean binary cross-entropy over classes and points, ``accuracy`` of the largest output, and
    ``val_loss``/``val_accuracy`` with validation data), ``n_epochs_``.

    ``output_activation`` is "sigmoid" (MultiClassNetwork answers "softmax"): each output is its own
    probability, so a point may be claimed (p > 0.5) by no class or by several.
    """

    output_activation = "sigmoid"

    def __init__(self, batch_size: int = 32, learning_rate: float = 0.1, l2: float = 0.0, seed: int = 42):
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.l2 = l2
        self.seed = seed

    def fit(self, x, y_onehot, *, epochs: int = 40, x_val=None, y_val=None) -> OneVsRestSigmoid:
        """Train from fresh weights for ``epochs`` epochs (0 only initialises them); returns self."""
        x, y = np.asarray(x, np.float64), np.asarray(y_onehot, np.float64)
        self.rng_ = np.random.default_rng(self.seed)
        self.w_ = glorot_uniform(self.rng_, x.shape[1], y.shape[1])
        self.b_ = np.zeros(y.shape[1])
        self.history_: dict[str, list[float]] = {"loss": [], "accuracy": []}
        self.n_epochs_ = 0
        for _ in range(epochs):
            self.partial_fit(x, y, x_val=x_val, y_val=y_val)
        return self

    def partial_fit(self, x, y_onehot, *, x_val=None, y_val=None) -> OneVsRestSigmoid:
        """Train one more epoch (initialising the weights, Glorot-uniform, on the first call); returns self.

        Raises :class:`core.engines.network.TrainingDiverged` (keeping the last good weights) when the weights or
        the loss stop being finite."""
        x, y = np.asarray(x, np.float64), np.asarray(y_onehot, np.float64)
        if not hasattr(self, "w_"):
            self.fit(x, y, epochs=0)
        saved = self.w_.copy(), self.b_.copy()
        order = self.rng_.permutation(len(x))
        with np.errstate(over="ignore", invalid="ignore"):
            for start in range(0, len(x), self.batch_size):
                rows = order[start:start + self.batch_size]
                g = sigmoid_bce_grad(y[rows], self.predict_proba(x[rows]))  # ∂L/∂z per point and class
                self.w_ -= self.learning_rate * (x[rows].T @ g + self.l2 * self.w_) / len(rows)
                self.b_ -= self.learning_rate * g.mean(axis=0)
            logs = self._evaluate(x, y)
            if x_val is not None and len(x_val):
                val = self._evaluate(np.asarray(x_val, np.float64), np.asarray(y_val, np.float64))
                logs |= {"val_loss": val["loss"], "val_accuracy": val["accuracy"]}
        if not (np.isfinite(self.w_).all() and np.isfinite(self.b_).all()
                and all(np.isfinite(v) for v in logs.values())):
            self.w_, self.b_ = saved
            raise TrainingDiverged(self.n_epochs_, {k: list(v) for k, v in self.history_.items()})
        for key, value in logs.items():
            self.history_.setdefault(key, []).append(value)
        self.n_epochs_ += 1
        return self

    def _evaluate(self, x, y) -> dict[str, float]:
        a = self.predict_proba(x)
        loss = binary_cross_entropy(y, a) + self.l2 / 2 * float(np.square(self.w_).sum()) / len(x)
        return {"loss": loss, "accuracy": float(np.mean(a.argmax(axis=1) == y.argmax(axis=1)))}

    def decision_function(self, x) -> np.ndarray:
        """The scores z = x·wₖ + bₖ before the sigmoids, shape (n, C) (MultiClassNetwork's name)."""
        return np.asarray(x, np.float64) @ self.w_ + self.b_

    def predict_proba(self, x) -> np.ndarray:
        """σ(x·wₖ + bₖ) for every class k: C separate probabilities per row (not normalised)."""
        return sigmoid(self.decision_function(x))

    def predict(self, x) -> np.ndarray:
        """The class with the largest output."""
        return self.decision_function(x).argmax(axis=1)

    def assign(self, coefs, intercepts) -> OneVsRestSigmoid:
        """Take the weights ``[w]`` and ``[b]`` (as :attr:`coefs_` and :attr:`intercepts_` list them, of the same
        shapes) as the model's own; returns self. Raises ValueError when they do not fit."""
        (w,), (b,) = coefs, intercepts
        w, b = np.array(w, np.float64), np.array(b, np.float64)
        if w.shape != self.w_.shape or b.shape != self.b_.shape:
            raise ValueError(f"weights of shapes {w.shape}, {b.shape} do not fit {self.w_.shape}, {self.b_.shape}")
        self.w_, self.b_ = w, b
        return self

    @property
    def coefs_(self) -> list[np.ndarray]:
        """The weight matrix as a one-element list (as MultiClassNetwork names its layers)."""
        return [self.w_]

    @property
    def intercepts_(self) -> list[np.ndarray]:
        """The bias vector as a one-element list."""
        return [self.b_]
