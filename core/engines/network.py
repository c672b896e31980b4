"""The textbook's from-scratch multiclass network, an sklearn-style estimator (NumPy; inner loop compiled by Numba).

The maths is the textbook's (Do it! Deep Learning, ch. 7-1): ``units`` hidden neurons (sigmoid by
default) feeding a softmax output, cross-entropy loss on probabilities clipped to [1e-10, 1 − 1e-10],
L1/L2 penalties on the weights (not the biases), mini-batch gradient descent over a fresh random
permutation each epoch, with the gradients

    ∂L/∂W2 = A1ᵀ (A2 − Y) / m          ∂L/∂W1 = Xᵀ [(A2 − Y) W2ᵀ ⊙ σ'(Z1)] / m

plus ``(l1·sign(W) + l2·W) / m`` for the penalties. ``units=0`` is softmax regression (no hidden layer).

One deliberate fix: the textbook's ``b2_grad = np.sum(err) / m`` sums over classes as well as samples,
which is always ≈ 0 (each row of A2 − Y sums to 0), so its output biases never move. Here they get their
true gradient, ``Σ_samples (A2 − Y) / m``.

Where the time goes: an epoch is dominated by two matrix products per batch (X·W1 and Xᵀ·δ1). Everything
else runs in one compiled call per batch (:mod:`core.engines.kernels`): the batch's rows (sorted within the batch,
which reads memory faster and does not change the batch) are gathered into a preallocated buffer — from a
byte copy of the data when it is pixels ÷ 255 —, the activation, softmax and loss bookkeeping are single
passes, the learning rate and 1/m are folded into the output error once, and the weight updates are
fused into the matrix products. Loss and accuracy are collected per sample and reduced once per epoch.
"""
from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core.maths.activations import softmax
from core.maths.initializers import glorot_uniform
from core.maths.losses import bce_terms, one_hot

ACTIVATIONS = ("sigmoid", "relu", "tanh")
INITS = ("normal", "glorot")
DTYPES = ("float32", "float64")
HISTORY_KEYS = ("loss", "accuracy", "val_loss", "val_accuracy")  # Keras's names; both engines report them
CLIP = 1e-10          # the textbook clips probabilities to [1e-10, 1 − 1e-10] before the log
EVAL_CHUNK = 2048     # rows per forward pass when evaluating (keeps the hidden layer in cache)


class TrainingDiverged(RuntimeError):
    """The loss became NaN or infinite. ``history`` holds the epochs completed before; ``epoch`` is the
    0-based epoch that diverged. The network keeps the weights of the last good epoch."""

    def __init__(self, epoch: int, history: dict[str, list[float]]):
        super().__init__(f"Training diverged in epoch {epoch + 1}: the loss became NaN or infinite. "
                         "Try a smaller learning rate.")
        self.epoch = epoch
        self.history = history


@dataclass(eq=False)  # the dataclass __init__ only stores the parameters, as scikit-learn asks
class MultiClassNetwork:
    """Softmax classifier with zero or one hidden layer, trained by mini-batch gradient descent.

    Parameters follow the textbook's ``MultiClassNetwork``: ``units`` hidden neurons (0 = softmax
    regression), hidden ``activation`` ("sigmoid", "relu", "tanh"), ``batch_size``, ``learning_rate``,
    ``l1``/``l2`` penalties, ``init`` ("normal" = N(0, 1) like the textbook, "glorot" = Glorot-uniform),
    ``dtype`` ("float32" or "float64") and ``seed`` for the initial weights and the batch order.

    Learned state: ``w1_``, ``b1_`` (hidden layer; None when units = 0), ``w2_``, ``b2_`` (output layer),
    ``history_`` (Keras keys ``loss``, ``accuracy`` and, with validation data, ``val_loss``,
    ``val_accuracy``), ``n_epochs_``, ``stopped_``, and with validation data ``val_pred_`` (the labels the
    last epoch predicted for it). :meth:`save` writes the weights as ``.npz`` (named ``weights_name``),
    :meth:`load` reads them back.

    ``output_activation`` is "softmax": the outputs are one distribution over the classes (they sum to 1);
    OneVsRestSigmoid answers "sigmoid".
    """

    output_activation = "softmax"
    weights_name = "weights.npz"  # the file name its saved weights go by

    units: int = 100
    activation: str = "sigmoid"
    batch_size: int = 256
    learning_rate: float = 0.1
    l1: float = 0.0
    l2: float = 0.0
    init: str = "normal"
    dtype: str = "float32"
    seed: int = 42

    # ------------------------------------------------------------------------------------ public

    def fit(self, x, y_onehot, *, epochs: int = 40, x_val=None, y_val=None,
            on_epoch_end: Callable[[int, dict], None] | None = None,
            should_stop: Callable[[], bool] | None = None) -> MultiClassNetwork:
        """Train from freshly initialised weights for ``epochs`` epochs; returns self.

        ``on_epoch_end(epoch, logs)`` is called after each epoch (0-based) with the Keras keys plus
        ``seconds``; ``should_stop()`` is checked after every batch, and when it answers True fit returns
        at once with the weights of the last finished epoch, without recording the unfinished one
        (``stopped_`` is then True).
        Raises :class:`TrainingDiverged` when the loss becomes NaN or infinite.
        """
        if not (isinstance(epochs, (int, np.integer)) and epochs >= 0):
            raise ValueError(f"epochs must be a non-negative integer, got {epochs!r}")
        y_onehot = np.asarray(y_onehot)
        x, labels = self._check_data(x, y_onehot, "x", "y_onehot")
        self._initialize(x.shape[1], y_onehot.shape[1])
        return self._train(x, labels, epochs, x_val, y_val, on_epoch_end, should_stop)

    def partial_fit(self, x, y_onehot, *, x_val=None, y_val=None,
                    on_epoch_end: Callable[[int, dict], None] | None = None,
                    should_stop: Callable[[], bool] | None = None) -> MultiClassNetwork:
        """Train one more epoch (initialising the weights on the first call); returns self.

        n calls after a fresh start give the same weights and history as ``fit(..., epochs=n)``.
        """
        y_onehot = np.asarray(y_onehot)
        x, labels = self._check_data(x, y_onehot, "x", "y_onehot")
        if not hasattr(self, "w2_"):
            self._initialize(x.shape[1], y_onehot.shape[1])
        elif x.shape[1] != self._n_features:
            raise ValueError(f"x has {x.shape[1]} features, the network was built for {self._n_features}")
        return self._train(x, labels, 1, x_val, y_val, on_epoch_end, should_stop)

    def predict_proba(self, x) -> np.ndarray:
        """Softmax probabilities, one row per example."""
        x = self._check_x(x)
        out = np.empty((len(x), self.w2_.shape[1]), dtype=self._dtype)
        for start, logits in self._logits_chunks(x):
            out[start:start + len(logits)] = softmax(logits, axis=1)
        return out

    def decision_function(self, x) -> np.ndarray:
        """The output layer's pre-softmax values z = A1·W2 + b2 (the logits), float32, shape (n, C)."""
        x = self._check_x(x)
        out = np.empty((len(x), self.w2_.shape[1]), dtype=np.float32)
        for start, logits in self._logits_chunks(x):
            out[start:start + len(logits)] = logits
        return out

    def predict(self, x) -> np.ndarray:
        """Predicted class index per example (the largest logit)."""
        x = self._check_x(x)
        out = np.empty(len(x), dtype=np.int64)
        for start, logits in self._logits_chunks(x):
            out[start:start + len(logits)] = logits.argmax(axis=1)
        return out

    def score(self, x, y) -> float:
        """Accuracy on ``x``; ``y`` may be integer labels or one-hot rows (as in the textbook)."""
        y = np.asarray(y)
        labels = y.argmax(axis=1) if y.ndim == 2 else y
        return float(np.mean(self.predict(x) == labels))

    @property
    def coefs_(self) -> list[np.ndarray]:
        """Weight matrices from input to output (scikit-learn's MLP naming)."""
        return [w for w in (self.w1_, self.w2_) if w is not None]

    @property
    def intercepts_(self) -> list[np.ndarray]:
        """Bias vectors from input to output."""
        return [b for b in (self.b1_, self.b2_) if b is not None]

    def assign(self, coefs, intercepts) -> MultiClassNetwork:
        """Take the weights ``coefs`` and ``intercepts`` (as :attr:`coefs_` and :attr:`intercepts_` list them, of
        the same shapes) as the network's own, in its dtype; returns self. Raises ValueError when they do not fit."""
        mine = self.coefs_ + self.intercepts_
        new = [np.asarray(a, self._dtype) for a in (*coefs, *intercepts)]
        if [a.shape for a in new] != [a.shape for a in mine]:
            raise ValueError(f"weights of shapes {[a.shape for a in new]} do not fit {[a.shape for a in mine]}")
        for p, value in zip(mine, new):
            p[...] = value
        return self

    def save(self, file) -> None:
        """Write the learned weights to ``file`` (a path or a binary file object) as ``.npz``: ``w1, b1``,
        ``w2, b2`` from input to output (softmax regression's one layer is ``w1, b1``)."""
        arrays = {f"w{i + 1}": w for i, w in enumerate(self.coefs_)}
        arrays |= {f"b{i + 1}": b for i, b in enumerate(self.intercepts_)}
        np.savez(file, **arrays)

    def load(self, file) -> MultiClassNetwork:
        """Take the weights of an ``.npz`` (a path or a binary file object) that :meth:`save` wrote; returns
        self, ready to predict. Two arrays are the output layer whatever their numbers (``w1, b1`` or
        ``w2, b2``); the file must fit ``units``."""
        with np.load(file, allow_pickle=False) as z:
            w = [z[f"{k}{i}"] for i in (1, 2) for k in ("w", "b") if f"{k}{i}" in z]
        if len(w) not in (2, 4) or (w[0].shape[1] if len(w) == 4 else 0) != self.units:
            raise ValueError(f"the file holds {len(w)} arrays, not the weights of a network with units={self.units}")
        self._dtype = np.dtype(self.dtype)
        w = [a.astype(self._dtype, copy=False) for a in w]
        if len(w) == 4:
            self.w1_, self.b1_, self.w2_, self.b2_ = w
        else:
            self.w1_ = self.b1_ = None
            self.w2_, self.b2_ = w
        self._n_features = w[0].shape[0]  # what fit would have set
        return self

    # ------------------------------------------------------------------------------ validation

    def _check_params(self) -> None:
        if not (isinstance(self.units, (int, np.integer)) and self.units >= 0):
            raise ValueError(f"units must be a non-negative integer, got {self.units!r}")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {self.activation!r}")
        if not (isinstance(self.batch_size, (int, np.integer)) and self.batch_size >= 1):
            raise ValueError(f"batch_size must be a positive integer, got {self.batch_size!r}")
        if not (np.isfinite(self.learning_rate) and self.learning_rate > 0):
            raise ValueError(f"learning_rate must be positive, got {self.learning_rate!r}")
        for name in ("l1", "l2"):
            value = getattr(self, name)
            if not (np.isfinite(value) and value >= 0):
                raise ValueError(f"{name} must be ≥ 0, got {value!r}")
        if self.init not in INITS:
            raise ValueError(f"init must be one of {INITS}, got {self.init!r}")
        if str(self.dtype) not in DTYPES:
            raise ValueError(f"dtype must be one of {DTYPES}, got {self.dtype!r}")

    def _check_x(self, x) -> np.ndarray:
        if not hasattr(self, "w2_"):
            raise RuntimeError("this network is not fitted yet: call fit first")
        x = np.asarray(x)
        if x.ndim != 2 or x.shape[1] != self._n_features:
            raise ValueError(f"x must have shape (n, {self._n_features}), got {x.shape}")
        return x

    def _check_data(self, x, y_onehot, x_name: str, y_name: str) -> tuple[np.ndarray, np.ndarray]:
        """x as a C-contiguous array of the network's dtype (no copy when it already is one) and the
        integer labels of the one-hot rows."""
        self._check_params()
        dtype = np.dtype(self.dtype)
        x = np.ascontiguousarray(x, dtype=dtype)
        y = np.asarray(y_onehot)
        if x.ndim != 2 or len(x) == 0:
            raise ValueError(f"{x_name} must be a non-empty 2-D array, got shape {x.shape}")
        if y.ndim != 2 or len(y) != len(x) or y.shape[1] < 2:
            raise ValueError(f"{y_name} must be one-hot rows of shape ({len(x)}, n_classes ≥ 2), "
                             f"got {y.shape}")
        labels = y.argmax(axis=1)
        if not (np.all(y.sum(axis=1) == 1) and np.all(y[np.arange(len(y)), labels] == 1)):
            raise ValueError(f"{y_name} must be one-hot (one 1 per row, zeros elsewhere)")
        if hasattr(self, "w2_") and y.shape[1] != self.w2_.shape[1]:
            raise ValueError(f"{y_name} has {y.shape[1]} classes, the network has {self.w2_.shape[1]}")
        return x, labels

    # --------------------------------------------------------------------------------- training

    def _initialize(self, n_features: int, n_classes: int) -> None:
        """Fresh weights and history; the generator from ``seed`` also drives the batch order."""
        self._dtype = np.dtype(self.dtype)
        self._n_features = n_features
        self.rng_ = np.random.default_rng(self.seed)
        shapes = [(n_features, self.units), (self.units, n_classes)] if self.units else \
                 [(n_features, n_classes)]
        weights = []
        for fan_in, fan_out in shapes:
            if self.init == "normal":  # the textbook's np.random.normal(0, 1, shape)
                w = self.rng_.normal(0.0, 1.0, (fan_in, fan_out))
            else:  # Glorot-uniform, Keras's default for Dense layers
                w = glorot_uniform(self.rng_, fan_in, fan_out)
            weights.append(w.astype(self._dtype))
        if self.units:
            self.w1_, self.w2_ = weights
            self.b1_ = np.zeros(self.units, dtype=self._dtype)
        else:
            self.w1_ = self.b1_ = None
            (self.w2_,) = weights
        self.b2_ = np.zeros(n_classes, dtype=self._dtype)
        self.history_: dict[str, list[float]] = {"loss": [], "accuracy": []}
        self.n_epochs_ = 0
        self.stopped_ = False

    def _train(self, x, labels, epochs, x_val, y_val, on_epoch_end, should_stop):
        val = None
        if x_val is not None or y_val is not None:
            if x_val is None or y_val is None:
                raise ValueError("pass both x_val and y_val, or neither")
            val = self._check_data(x_val, y_val, "x_val", "y_val")
            if val[0].shape[1] != x.shape[1]:
                raise ValueError(f"x_val has {val[0].shape[1]} features, x has {x.shape[1]}")
            for key in ("val_loss", "val_accuracy"):
                self.history_.setdefault(key, [])
        self.stopped_ = False
        work = _Workspace(self, x)
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):  # divergence is checked below
            for _ in range(epochs):
                epoch = self.n_epochs_
                started = time.perf_counter()
                saved = [p.copy() for p in self._params()]
                result = self._run_epoch(x, labels, work, should_stop)
                if result is None:  # stopped mid-epoch: back to the last finished epoch, as the history
                    self._restore(saved)
                    self.stopped_ = True
                    break
                logs = {"loss": result[0], "accuracy": result[1]}
                if val is not None:
                    logs["val_loss"], logs["val_accuracy"] = self._evaluate(*val)
                if not all(np.isfinite(v) for v in logs.values()):
                    self._restore(saved)
                    raise TrainingDiverged(epoch, {k: list(v) for k, v in self.history_.items()})
                for key, value in logs.items():
                    self.history_[key].append(value)
                self.n_epochs_ += 1
                if on_epoch_end is not None:
                    on_epoch_end(epoch, {**logs, "seconds": time.perf_counter() - started})
        return self

    def _restore(self, saved: list[np.ndarray]) -> None:
        for p, good in zip(self._params(), saved):
            p[...] = good

    def _params(self) -> list[np.ndarray]:
        return [p for p in (self.w1_, self.b1_, self.w2_, self.b2_) if p is not None]

    def _reg_loss(self) -> float:
        """The textbook's penalty l1·Σ|W| + l2/2·ΣW² over the weight matrices (biases are free)."""
        total = 0.0
        for w in self.coefs_:
            if self.l1:
                total += self.l1 * float(np.abs(w).sum(dtype=np.float64))
            if self.l2:
                total += self.l2 / 2 * float(np.square(w).sum(dtype=np.float64))
        return total

    def _run_epoch(self, x, labels, work, should_stop):
        """One pass over a fresh permutation of x; returns (loss, accuracy), or None when stopped."""
        kernels = _kernels()
        n = len(x)
        size = work.batch
        order = self.rng_.permutation(n)
        full = n - n % size
        order[:full].reshape(-1, size).sort(axis=1)  # a batch is a set: sorted rows gather faster
        order[full:].sort()
        batch_labels = labels[order]
        kind = kernels.ACTIVATION_CODES[self.activation]
        hidden = self.units > 0
        real = self._dtype.type
        w1, b1, w2, b2 = self.w1_, self.b1_, self.w2_, self.b2_
        if not hidden:  # the kernel's unused hidden-layer arguments
            w1, b1 = work.h, work.eh[0]
        gemms, train_batch, src = _blas(), kernels.train_batch, work.src
        p_true, pred = work.p_true, work.pred
        for start in range(0, n, size):
            stop = min(start + size, n)
            m = stop - start
            xb, h, z, eh = work.views(m)
            scale = self.learning_rate / m
            train_batch(gemms, src, order[start:stop], batch_labels[start:stop], kind, hidden, real(scale),
                        real(scale * self.l1), real(scale * self.l2), xb, h, z, eh, w1, b1, w2, b2,
                        pred[start:stop], p_true[start:stop])
            if should_stop is not None and should_stop():
                return None
        loss = _sum_neg_log(p_true) + self._reg_loss()
        accuracy = int(np.count_nonzero(pred == batch_labels)) / n
        return loss / n, accuracy

    def _logits_chunks(self, x):
        """Yield (start, logits) over row chunks of x; logits arrays are fresh and may be modified."""
        kernels = _kernels()
        kind = kernels.ACTIVATION_CODES[self.activation]
        rows = max(1, min(EVAL_CHUNK, len(x)))  # at least one row: with no hidden layer its first row is b1
        # One hidden-layer buffer for all chunks: a fresh 800 kB array each is page faults.
        hidden = np.empty((rows, max(self.units, 1)), self._dtype)
        w1, b1 = (self.w1_, self.b1_) if self.units else (hidden, hidden[0])
        for start in range(0, len(x), EVAL_CHUNK):
            xc = np.ascontiguousarray(x[start:start + EVAL_CHUNK], dtype=self._dtype)
            z = np.empty((len(xc), self.w2_.shape[1]), self._dtype)
            kernels.logits(_blas(), xc, kind, self.units > 0, w1, b1, self.w2_, self.b2_, hidden[:len(xc)], z)
            yield start, z

    def _evaluate(self, x, labels) -> tuple[float, float]:
        """Loss (with the penalty, as the textbook's update_val_loss) and accuracy on a labelled set; the
        predicted labels stay in ``val_pred_`` (a page can show them without a second forward pass)."""
        total, correct = 0.0, 0
        self.val_pred_ = np.empty(len(x), np.int64)
        for start, z in self._logits_chunks(x):
            lab = labels[start:start + len(z)]
            pred = self.val_pred_[start:start + len(z)]
            np.argmax(z, axis=1, out=pred)
            correct += int(np.count_nonzero(pred == lab))
            total += _sum_neg_log(softmax(z, axis=1)[np.arange(len(z)), lab])
        return (total + self._reg_loss()) / len(x), correct / len(x)


def _sum_neg_log(p: np.ndarray) -> float:
    """Σ −log(clip(p, 1e-10, 1 − 1e-10)) of the true classes' probabilities, in float64: the explorers'
    clipped cross-entropy (core.maths.losses, with y = 1)."""
    return float(bce_terms(1.0, np.asarray(p, np.float64), CLIP).sum())


def warm_up() -> None:
    """Compile the float32 training and prediction code (or load it from Numba's disk cache) on a tiny
    problem, so that the first real training run starts at once; the install scripts call this."""
    x = np.divide(np.arange(64, dtype=np.uint8).reshape(8, 8), np.float32(255), dtype=np.float32)
    y = one_hot(np.arange(8) % 2, 2)
    MultiClassNetwork(units=3, batch_size=4).fit(x, y, epochs=1, x_val=x, y_val=y).predict_proba(x)


@functools.cache
def _kernels():
    """core.engines.kernels, imported on first training (Numba takes a moment to load)."""
    from core.engines import kernels
    return kernels


@functools.cache
def _blas():
    """The GEMM functions the kernels call (found once per process)."""
    return _kernels().blas()


class _Workspace:
    """Every array one epoch needs, allocated once per fit: batch buffers (views of the first m rows
    serve the shorter last batch), per-example records of the epoch, and the rows to gather from —
    the training data as bytes when it is float32 pixels ÷ 255 (a quarter of the memory to read)."""

    def __init__(self, net: MultiClassNetwork, x: np.ndarray):
        dt = net._dtype
        n, d = x.shape
        self.batch = b = min(net.batch_size, n)
        k, hdim = net.w2_.shape[1], max(net.units, 1)
        self._full = (np.empty((b, d), dt), np.empty((b, hdim), dt), np.empty((b, k), dt),
                      np.empty((b, hdim), dt))
        self.h, self.eh = self._full[1], self._full[3]
        self.p_true = np.empty(n, dt)
        self.pred = np.empty(n, np.intp)
        self._views: dict[int, tuple] = {}
        self.src = x
        if dt == np.float32:
            codes = np.empty((n, d), np.uint8)
            if _kernels().encode_bytes(x, codes):
                self.src = codes

    def views(self, m: int) -> tuple:
        """Buffers (xb, h, z, eh) for a batch of m rows."""
        if m not in self._views:
            self._views[m] = tuple(a[:m] for a in self._full)
        return self._views[m]
