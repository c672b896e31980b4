"""Check the Keras engine against Keras itself and against the textbook's printed figures."""
import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from core.engines import keras_model
from core.data.datasets import DatasetError, load_digits, load_fashion_mnist, one_hot
from core.engines.keras_model import KerasNetwork, build_keras_model
from core.engines.network import TrainingDiverged

ROOT = Path(__file__).resolve().parents[1]
keras = keras_model.keras_module()


@pytest.fixture(scope="module")
def digits():
    """Digits with one-hot targets: (dataset, y_train_onehot, y_val_onehot)."""
    ds = load_digits()
    return ds, one_hot(ds.y_train, ds.n_classes), one_hot(ds.y_val, ds.n_classes)


def fit_digits(digits, epochs=3, **kwargs):
    ds, y, y_val = digits
    fit_args = {k: kwargs.pop(k) for k in ("on_epoch_end", "should_stop") if k in kwargs}
    net = KerasNetwork(**{"units": 32, "learning_rate": 0.5, **kwargs})
    return net.fit(ds.x_train, y, epochs=epochs, x_val=ds.x_val, y_val=y_val, **fit_args)


def test_textbook_model_layout():
    """Check the textbook's model: Dense(100, sigmoid) + Dense(10, softmax), 79,510 weights, SGD at 0.01."""
    model = build_keras_model(784, 10)
    hidden, output = model.layers
    assert (hidden.units, hidden.activation.__name__) == (100, "sigmoid")
    assert (output.units, output.activation.__name__) == (10, "softmax")
    assert model.count_params() == 784 * 100 + 100 + 100 * 10 + 10
    assert isinstance(model.optimizer, keras.optimizers.SGD)
    assert float(model.optimizer.learning_rate) == pytest.approx(0.01)
    assert float(model.optimizer.momentum) == 0.0
    assert model.loss == "categorical_crossentropy"


def test_zero_units_is_the_slides_softmax_regression():
    """Check that units=0 gives one Dense(10, softmax) with 7,850 parameters on 784 inputs (slides)."""
    model = build_keras_model(784, 10, units=0)
    assert len(model.layers) == 1 and model.layers[0].activation.__name__ == "softmax"
    assert model.count_params() == 7850


@pytest.mark.parametrize("name, cls, lr, momentum", [
    ("sgd", "SGD", 0.01, 0.0), ("momentum", "SGD", 0.01, 0.9), ("adam", "Adam", 0.001, None)])
def test_optimizers_and_their_default_rates(name, cls, lr, momentum):
    """Check each optimizer choice maps to the Keras class, Keras's default rate and momentum."""
    opt = build_keras_model(4, 3, units=5, optimizer=name).optimizer
    assert type(opt).__name__ == cls and float(opt.learning_rate) == pytest.approx(lr)
    if momentum is not None:
        assert float(opt.momentum) == pytest.approx(momentum)
    custom = build_keras_model(4, 3, units=5, optimizer=name, learning_rate=0.25).optimizer
    assert float(custom.learning_rate) == pytest.approx(0.25)


def test_unknown_optimizer_is_refused():
    """Check that an optimizer name outside sgd/momentum/adam raises a clear ValueError."""
    with pytest.raises(ValueError, match="rmsprop"):
        build_keras_model(4, 3, optimizer="rmsprop")


def test_penalties_add_l1_and_l2_of_the_weight_matrices():
    """Check that the model's penalty equals l1·Σ|W| + l2·ΣW² over both kernels (biases excluded)."""
    model = build_keras_model(6, 3, units=4, l1=0.01, l2=0.02)
    kernels = [layer.kernel.numpy() for layer in model.layers]
    expected = sum(0.01 * np.abs(w).sum() + 0.02 * (w ** 2).sum() for w in kernels)
    assert float(sum(model.losses)) == pytest.approx(expected, rel=1e-5)
    assert build_keras_model(6, 3, units=4).losses == []


def test_initial_weights_depend_on_the_seed_only():
    """Check that the same seed builds the same weights and another seed different ones."""
    a, b, c = (build_keras_model(8, 3, units=5, seed=s) for s in (7, 7, 8))
    for wa, wb in zip(a.get_weights(), b.get_weights()):
        np.testing.assert_array_equal(wa, wb)
    assert not np.array_equal(a.get_weights()[0], c.get_weights()[0])


def test_streamed_rows_are_kerass_own_history(digits):
    """Check that on_epoch_end receives, epoch by epoch, exactly the rows of Keras's History."""
    rows = []
    net = fit_digits(digits, epochs=3, on_epoch_end=lambda e, logs: rows.append((e, logs)))
    keras_history = net.model_.history.history
    assert [e for e, _ in rows] == [0, 1, 2]
    for key in ("loss", "accuracy", "val_loss", "val_accuracy"):
        assert [logs[key] for _, logs in rows] == pytest.approx(keras_history[key], rel=1e-6)
        assert net.history_[key] == [logs[key] for _, logs in rows]
    assert (net.n_epochs_, net.stopped_) == (3, False)


def test_same_seed_same_history(digits):
    """Check that two fits with one seed agree (weights and shuffling seeded) and another seed differs."""
    a, b, c = fit_digits(digits, seed=3), fit_digits(digits, seed=3), fit_digits(digits, seed=4)
    assert a.history_ == b.history_
    assert a.history_["loss"] != c.history_["loss"]


def test_stop_breaks_off_within_the_batch_and_drops_the_partial_epoch(digits):
    """Check that a stop after batch 5 of epoch 2 ends fit there, keeps epoch 1 and drops the rest."""
    ds = digits[0]
    steps = int(np.ceil(len(ds.y_train) / 32))
    calls = []
    net = fit_digits(digits, epochs=4, should_stop=lambda: calls.append(1) or len(calls) == steps + 5)
    assert len(calls) == steps + 5  # no stop check after the stop (Keras ends its group in flight)
    assert (net.n_epochs_, net.stopped_) == (1, True)
    keras_history = net.model_.history.history
    assert len(keras_history["loss"]) == 2  # Keras itself reports the broken-off epoch …
    assert net.history_["loss"] == pytest.approx(keras_history["loss"][:1])  # … we do not


def test_predictions_agree_with_keras_predict(digits):
    """Check predict_proba against model.predict, and predict/score against its argmax."""
    ds = digits[0]
    net = fit_digits(digits, epochs=2)
    proba = net.predict_proba(ds.x_test)
    np.testing.assert_allclose(proba, net.model_.predict(ds.x_test, verbose=0), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-5)
    assert np.array_equal(net.predict(ds.x_test), proba.argmax(axis=1))
    expected = np.mean(proba.argmax(axis=1) == ds.y_test)
    assert net.score(ds.x_test, ds.y_test) == net.score(ds.x_test, one_hot(ds.y_test, 10)) == expected


@pytest.mark.parametrize("units", [0, 32])
def test_save_then_load_predicts_the_same(digits, units, tmp_path):
    """Check that a KerasNetwork loaded from what another saved (a file object, or a path) gives identical
    probabilities, and that coefs_/intercepts_ are the Dense layers' kernels and biases."""
    ds = digits[0]
    net = fit_digits(digits, epochs=1, units=units)
    buf = io.BytesIO()
    net.save(buf)
    net.save(tmp_path / net.weights_name)
    for file in (io.BytesIO(buf.getvalue()), tmp_path / net.weights_name):
        loaded = KerasNetwork(units=units).load(file)
        np.testing.assert_array_equal(loaded.predict_proba(ds.x_test), net.predict_proba(ds.x_test))
    dense = [layer for layer in net.model_.layers if isinstance(layer, keras.layers.Dense)]
    assert [w.shape for w in net.coefs_] == [tuple(layer.kernel.shape) for layer in dense]
    for got, layer in zip(net.coefs_ + net.intercepts_, dense + dense, strict=True):
        want = layer.kernel if got.ndim == 2 else layer.bias
        np.testing.assert_array_equal(got, np.asarray(want))


@pytest.mark.parametrize("units", [0, 32])
def test_decision_function_is_the_pre_softmax_output(digits, units):
    """Check decision_function against the model's weights applied in float64 NumPy (sigmoid hidden layer,
    then kernel and bias without the softmax): float32, shape (n, C), and its softmax is Keras's output."""
    ds = digits[0]
    net = fit_digits(digits, epochs=2, units=units)
    weights = [w.astype(np.float64) for w in net.model_.get_weights()]
    x = ds.x_test.astype(np.float64)
    if units:
        x = 1 / (1 + np.exp(-(x @ weights[0] + weights[1])))
    z = net.decision_function(ds.x_test)
    assert z.dtype == np.float32 and z.shape == (len(ds.x_test), 10)
    np.testing.assert_allclose(z, x @ weights[-2] + weights[-1], rtol=1e-4, atol=1e-4)
    p = np.exp(z - z.max(1, keepdims=True))
    np.testing.assert_allclose(p / p.sum(1, keepdims=True), net.model_.predict(ds.x_test, verbose=0),
                               rtol=1e-4, atol=1e-6)


def test_nan_weights_raise_training_diverged_with_earlier_epochs(digits):
    """Check that NaN weights after epoch 2 end fit with TrainingDiverged holding epochs 1–2 only."""
    holder = {}

    def poison(epoch, logs):
        if epoch == 1:
            for w in holder["net"].model_.weights:
                w.assign(np.full(w.shape, np.nan, np.float32))

    ds, y, y_val = digits
    net = holder["net"] = KerasNetwork(units=32, learning_rate=0.5)
    with pytest.raises(TrainingDiverged) as info:
        net.fit(ds.x_train, y, epochs=5, x_val=ds.x_val, y_val=y_val, on_epoch_end=poison)
    assert len(info.value.history["loss"]) == 2 and np.isfinite(info.value.history["loss"]).all()
    assert net.n_epochs_ == 2


def test_device_name_names_what_tensorflow_sees():
    """Check that device_name reports a GPU exactly when TensorFlow lists one, else the CPU."""
    import tensorflow as tf
    name = keras_model.device_name()
    assert name.startswith("GPU") == bool(tf.config.list_physical_devices("GPU"))
    assert name == "CPU" or name.startswith("GPU (")


def test_preload_imports_tensorflow_in_the_background_once():
    """Check, in a fresh interpreter, that importing the module loads no TF and preload loads it once."""
    code = textwrap.dedent("""
        import sys
        from core.engines import keras_model
        assert "tensorflow" not in sys.modules and not keras_model.tensorflow_ready()
        first = keras_model.preload_tensorflow()
        assert keras_model.preload_tensorflow() is first and first.daemon
        first.join()
        assert keras_model.tensorflow_ready() and "tensorflow" in sys.modules
        print("ok")
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr
    assert "oneDNN" not in out.stderr and "cpu_feature_guard" not in out.stderr  # start-up lines silenced


@pytest.fixture(scope="module")
def fashion():
    """The real Fashion-MNIST (textbook split); skipped when absent, except in CI where it must exist."""
    try:
        return load_fashion_mnist()
    except DatasetError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install dataset-fashion-mnist: {exc}")
        pytest.skip(f"real Fashion-MNIST not installed: {exc}")


@pytest.mark.slow
def test_textbook_keras_run_matches_the_textbook_log(fashion):
    """Check the textbook's Keras run (batch-32 SGD): val accuracy ≈ 0.72 after epoch 1 (book: 0.7212)
    and ≥ 0.80 after 5 epochs."""
    net = KerasNetwork()  # Dense(100, sigmoid) + Dense(10, softmax), 'sgd', batch 32
    net.fit(fashion.x_train, one_hot(fashion.y_train, 10), epochs=5,
            x_val=fashion.x_val, y_val=one_hot(fashion.y_val, 10))
    acc = net.history_["val_accuracy"]
    print("textbook Keras val_accuracy per epoch:", [round(a, 4) for a in acc])
    assert acc[0] == pytest.approx(0.7212, abs=0.025)
    assert acc[4] >= 0.80
