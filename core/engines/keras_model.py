"""The Keras engine: the textbook's Sequential network behind the same estimator interface as the NumPy
``MultiClassNetwork``. The only module that imports TensorFlow/Keras, and only inside functions: the
import costs seconds, so :func:`preload_tensorflow` can start it in the background.
"""
from __future__ import annotations

import functools
import gc
import logging
import math
import os
import shutil
import sys
import tempfile
import threading

import numpy as np

from core.engines.network import HISTORY_KEYS, TrainingDiverged

OPTIMIZERS = ("sgd", "momentum", "adam")
# Keras's own defaults ('sgd' in the textbook is SGD(learning_rate=0.01)).
DEFAULT_LEARNING_RATE = {"sgd": 0.01, "momentum": 0.01, "adam": 0.001}
MOMENTUM = 0.9
# Validation and prediction run in big batches: same numbers, far fewer steps than the training batch.
EVAL_BATCH = 1024
# Training steps Keras runs per call into TensorFlow (steps_per_execution): Python dispatches once per
# group instead of once per batch (measured on 12,000 images at batch 32: 0.25 s an epoch instead of 0.49).
# A group holds at most EXECUTION_ROWS images, so Stop still acts within a few tens of milliseconds.
MAX_STEPS_PER_EXECUTION = 32
EXECUTION_ROWS = 4096

logger = logging.getLogger(__name__)
_import_lock = threading.Lock()
_preload: threading.Thread | None = None
# Held from seeding TensorFlow until Keras has traced its shuffling pipeline, so that jobs starting
# at the same moment cannot swap each other's global seed.
_seeding = threading.Lock()


def _import_keras():
    """Import Keras (and with it TensorFlow) and return the keras module. The environment set first
    silences TensorFlow's start-up lines (the oneDNN notice, CPU-feature INFO) but keeps its warnings."""
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "1")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    first = "keras" not in sys.modules
    import keras
    if first:
        # TensorFlow brings some 300,000 Python objects that live as long as the process. Freezing them
        # takes them out of the garbage collector's full passes, which otherwise cost ~0.2 s each — on a
        # shared server, at every page rerun that triggers one.
        gc.freeze()
    return keras


def _preload_quietly() -> None:
    try:
        _import_keras()
    except Exception:  # the caller that needs Keras gets the error itself
        logger.exception("background import of TensorFlow failed")


def preload_tensorflow() -> threading.Thread:
    """Start importing TensorFlow in a daemon thread (once per process) and return that thread."""
    global _preload
    with _import_lock:
        if _preload is None:
            _preload = threading.Thread(target=_preload_quietly, name="tensorflow-import", daemon=True)
            _preload.start()
        return _preload


def tensorflow_ready() -> bool:
    """Whether TensorFlow is imported already (so a Keras job starts without the import delay)."""
    with _import_lock:
        busy = _preload is not None and _preload.is_alive()
    return not busy and "keras" in sys.modules


def keras_module():
    """The keras module, waiting for a background import if one is under way."""
    with _import_lock:
        pending = _preload
    if pending is not None:
        pending.join()
    return _import_keras()


def device_name() -> str:
    """The device Keras trains on: TensorFlow places the model on the first GPU it sees, else the CPU."""
    keras_module()
    import tensorflow as tf
    gpus = tf.config.list_physical_devices("GPU")
    if not gpus:
        return "CPU"
    details = tf.config.experimental.get_device_details(gpus[0])
    return f"GPU ({details.get('device_name', gpus[0].name)})"


def _optimizer(keras, name: str, learning_rate: float | None):
    if name not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {OPTIMIZERS}")
    lr = DEFAULT_LEARNING_RATE[name] if learning_rate is None else float(learning_rate)
    if name == "sgd":
        return keras.optimizers.SGD(learning_rate=lr)
    if name == "momentum":
        return keras.optimizers.SGD(learning_rate=lr, momentum=MOMENTUM)
    return keras.optimizers.Adam(learning_rate=lr)


def build_keras_model(n_features: int, n_classes: int, *, units: int = 100, activation: str = "sigmoid",
                      optimizer: str = "sgd", learning_rate: float | None = None, l1: float = 0.0,
                      l2: float = 0.0, init: str = "glorot", seed: int = 42, steps_per_execution: int = 1):
    """Compile the textbook's ``Sequential([Input, Dense(units, activation), Dense(n_classes, softmax)])``
    with categorical cross-entropy and accuracy; ``units=0`` gives softmax regression ``Dense(n_classes,
    softmax)``. ``optimizer`` is sgd / momentum (0.9) / adam, ``learning_rate=None`` its Keras default;
    ``l1``/``l2`` add Keras's penalties ``l1·Σ|w| + l2·Σw²`` on the weight matrices. ``init`` is Keras's
    ``"glorot"`` (uniform) or the textbook's ``"normal"`` N(0, 1). The initial weights depend on ``seed``
    alone. ``steps_per_execution`` is Keras's (training batches per call into TensorFlow).
    """
    keras = keras_module()
    layers = keras.layers
    reg = keras.regularizers.L1L2(l1=l1, l2=l2) if (l1 or l2) else None
    if init not in ("glorot", "normal"):
        raise ValueError(f"init must be 'glorot' or 'normal', got {init!r}")

    def initializer(layer_seed: int):
        if init == "normal":
            return keras.initializers.RandomNormal(mean=0.0, stddev=1.0, seed=layer_seed)
        return keras.initializers.GlorotUniform(seed=layer_seed)

    stack = [keras.Input(shape=(n_features,))]
    if units:
        stack.append(layers.Dense(units, activation=activation, kernel_regularizer=reg, name="hidden",
                                  kernel_initializer=initializer(seed)))
    stack.append(layers.Dense(n_classes, activation="softmax", kernel_regularizer=reg, name="output",
                              kernel_initializer=initializer(seed + 1)))
    model = keras.Sequential(stack, name="softmax_regression" if not units else "two_layer_network")
    model.compile(optimizer=_optimizer(keras, optimizer, learning_rate),
                  loss="categorical_crossentropy", metrics=["accuracy"], steps_per_execution=steps_per_execution)
    return model


@functools.cache
def _adapter_class():
    """The Keras callback class (defined on first use, since Keras is imported lazily)."""
    keras = keras_module()

    class EpochAdapter(keras.callbacks.Callback):
        """Turns Keras's callbacks into ours: ``on_epoch_end(epoch, logs)`` for each whole, finite epoch;
        ``should_stop()`` once per batch like the NumPy network (sets ``model.stop_training``, which Keras
        checks after each group of ``steps_per_execution`` steps, so the stop acts after the group in flight). Keras still validates and reports an epoch it broke off;
        that report is dropped here. ``rollback`` holds the weights of the last whole, finite epoch (the
        initial ones before the first) while the model's current weights are not those; None when they
        are."""

        def __init__(self, on_epoch_end, should_stop, on_train_begin):
            super().__init__()
            self._report, self._should_stop, self._begin = on_epoch_end, should_stop, on_train_begin
            self.history = {k: [] for k in HISTORY_KEYS}
            self.stopped = False
            self.diverged_epoch = None
            self.rollback = None
            self._batches = 0

        def on_train_begin(self, logs=None):
            self._begin()

        def on_epoch_begin(self, epoch, logs=None):
            self._batches = 0
            self.rollback = self.model.get_weights()

        def on_train_batch_end(self, batch, logs=None):
            # With steps_per_execution Keras calls this once per group, ``batch`` being its last step:
            # ask once per batch of the group (the caller counts batches), up to the first "stop".
            last = min(batch, self.params["steps"] - 1)  # the final group may be short
            while self._batches <= last:
                self._batches += 1
                if self._should_stop is not None and self._should_stop():
                    self.stopped = self.model.stop_training = True
                    return

        def on_epoch_end(self, epoch, logs=None):
            if self._batches < self.params["steps"]:  # broken off by a stop: not a whole epoch
                return
            row = {k: float(logs[k]) for k in HISTORY_KEYS if k in logs}
            if not all(math.isfinite(v) for v in row.values()):
                self.diverged_epoch = epoch
                self.model.stop_training = True
                return
            self.rollback = None
            for k, v in row.items():
                self.history[k].append(v)
            if self._report is not None:
                self._report(epoch, dict(row))

    return EpochAdapter


class KerasNetwork:
    """Keras twin of ``MultiClassNetwork``: same ``fit``/``predict_proba``/``predict``/``score`` and
    ``history_``/``stopped_``/``n_epochs_``; the compiled Keras model is ``model_``.

    ``l1``/``l2`` mean what they mean in the NumPy network (the textbook's): each batch of m examples
    adds ``(l1·sign(W) + l2·W) / m`` to the gradient. Keras's ``L1L2`` on the mean loss adds
    ``l1'·sign(W) + 2·l2'·W``, so the model gets ``l1' = l1/m`` and ``l2' = l2/(2m)``.
    :meth:`save` writes Keras's ``.keras`` file (named ``weights_name``), :meth:`load` reads it back."""

    weights_name = "model.keras"  # the file name its saved model goes by
    val_pred_ = None  # Keras keeps no labels of its validation pass (the NumPy network does): none to reuse

    def __init__(self, units=100, activation="sigmoid", optimizer="sgd", learning_rate=None, l1=0.0,
                 l2=0.0, batch_size=32, init="glorot", seed=42):
        self.units, self.activation, self.optimizer = units, activation, optimizer
        self.learning_rate, self.l1, self.l2, self.init = learning_rate, l1, l2, init
        self.batch_size, self.seed = batch_size, seed

    def fit(self, x, y_onehot, *, epochs=40, x_val=None, y_val=None, on_epoch_end=None, should_stop=None):
        """Train a fresh model for ``epochs`` (shuffled mini-batches, seeded); report each whole epoch to
        ``on_epoch_end(epoch, logs)``; check ``should_stop()`` after every batch and, when it fires, return
        without reporting the unfinished epoch, with the last finished epoch's weights. Raises
        ``TrainingDiverged`` when an epoch's loss or metrics are not finite (``history_`` then holds the
        epochs before, the model their weights — like the NumPy network)."""
        keras_module()
        import tensorflow as tf
        _seeding.acquire()
        release = _release_once(_seeding)
        adapter = _adapter_class()(on_epoch_end, should_stop, on_train_begin=release)
        self.history_, self.stopped_, self.n_epochs_ = adapter.history, False, 0
        try:
            tf.random.set_seed(self.seed)  # the shuffling order; the initial weights are seeded per layer
            self.model_ = self.build(np.shape(x)[1], np.shape(y_onehot)[1], batch=min(self.batch_size, len(x)))
            validation = None if x_val is None else (x_val, y_val)
            self.model_.fit(x, y_onehot, batch_size=self.batch_size, epochs=epochs, verbose=0,
                            validation_data=validation, callbacks=[adapter],
                            validation_batch_size=max(EVAL_BATCH, self.batch_size))
        finally:
            release()
        if adapter.rollback is not None:  # stopped mid-epoch or diverged: the last finished epoch's weights
            self.model_.set_weights(adapter.rollback)
        self.stopped_ = adapter.stopped
        self.n_epochs_ = len(self.history_["loss"])
        if adapter.diverged_epoch is not None:
            raise TrainingDiverged(epoch=adapter.diverged_epoch,
                                   history={k: list(v) for k, v in self.history_.items()})
        return self

    def build(self, n_features: int, n_classes: int, *, batch: int | None = None):
        """The compiled, untrained Keras model of these settings, its penalties scaled to the NumPy
        network's meaning for batches of ``batch`` examples (default ``batch_size``)."""
        m = self.batch_size if batch is None else batch
        return build_keras_model(n_features, n_classes, units=self.units, activation=self.activation,
                                 optimizer=self.optimizer, learning_rate=self.learning_rate,
                                 l1=self.l1 / m, l2=self.l2 / (2 * m), init=self.init, seed=self.seed,
                                 steps_per_execution=steps_per_execution(m))

    def predict_proba(self, x) -> np.ndarray:
        """Class probabilities (float32), one row per sample; calls the model directly, in chunks."""
        x = np.asarray(x, np.float32)
        parts = [np.asarray(self.model_(x[i:i + EVAL_BATCH], training=False))
                 for i in range(0, len(x), EVAL_BATCH)]
        return np.concatenate(parts) if parts else np.zeros((0, self.model_.output_shape[-1]), np.float32)

    def decision_function(self, x) -> np.ndarray:
        """The output layer's pre-softmax values (the logits), float32, shape (n, C): the model's own layers
        up to the output Dense, whose kernel and bias are applied without its softmax."""
        import keras
        x = np.asarray(x, np.float32)
        out = self.model_.get_layer("output")
        hidden = self.model_.get_layer("hidden") if self.units else None
        parts = []
        for i in range(0, len(x), EVAL_BATCH):
            a = x[i:i + EVAL_BATCH] if hidden is None else hidden(x[i:i + EVAL_BATCH], training=False)
            parts.append(np.asarray(keras.ops.matmul(a, out.kernel) + out.bias, np.float32))
        return np.concatenate(parts) if parts else np.zeros((0, self.model_.output_shape[-1]), np.float32)

    def predict(self, x) -> np.ndarray:
        """Most probable class per sample."""
        return np.argmax(self.predict_proba(x), axis=1)

    @property
    def coefs_(self) -> list[np.ndarray]:
        """Weight matrices from input to output, as ``MultiClassNetwork.coefs_``."""
        return [layer.get_weights()[0] for layer in self.model_.layers]

    @property
    def intercepts_(self) -> list[np.ndarray]:
        """Bias vectors from input to output."""
        return [layer.get_weights()[1] for layer in self.model_.layers]

    def save(self, file) -> None:
        """Write the trained model to ``file`` (a path or a binary file object) in Keras's own ``.keras``
        format (Keras writes only to a path that ends in ``.keras``, so it goes through a temporary one)."""
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, self.weights_name)
            self.model_.save(path)
            with open(path, "rb") as src:
                if isinstance(file, (str, os.PathLike)):
                    with open(file, "wb") as dst:
                        shutil.copyfileobj(src, dst)
                else:
                    shutil.copyfileobj(src, file)

    def load(self, file) -> KerasNetwork:
        """Take the model of a ``.keras`` file (a path or a binary file object) that :meth:`save` wrote;
        returns self, ready to predict."""
        keras = keras_module()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, self.weights_name)
            if isinstance(file, (str, os.PathLike)):
                shutil.copyfile(file, path)
            else:
                with open(path, "wb") as dst:
                    shutil.copyfileobj(file, dst)
            self.model_ = keras.models.load_model(path)
        return self

    def score(self, x, y) -> float:
        """Accuracy against integer labels (or one-hot rows)."""
        y = np.asarray(y)
        return float(np.mean(self.predict(x) == (y.argmax(axis=1) if y.ndim == 2 else y)))


def steps_per_execution(batch_size: int) -> int:
    """Training steps per call into TensorFlow for this batch size: up to MAX_STEPS_PER_EXECUTION, at most
    EXECUTION_ROWS images per group."""
    return max(1, min(MAX_STEPS_PER_EXECUTION, EXECUTION_ROWS // max(1, int(batch_size))))


def _release_once(lock: threading.Lock):
    """A function that releases ``lock`` the first time it is called and does nothing afterwards."""
    done = threading.Event()

    def release():
        if not done.is_set():
            done.set()
            lock.release()
    return release
