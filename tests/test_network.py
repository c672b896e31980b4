"""Tests for core.engines.network: backprop against finite differences and against a plain textbook loop,
reproducibility, stopping, divergence, and the textbook's figures on the real Fashion-MNIST."""
from __future__ import annotations

import io

import numpy as np
import pytest

from core.data.datasets import load_digits, one_hot
from core.engines.network import MultiClassNetwork, TrainingDiverged
from core.engines.one_vs_rest import OneVsRestSigmoid
from core.runs.config import PRESETS
from core.runs.training import make_estimator
from tests.conftest import debian_dataset

ACTS = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh, "relu": lambda z: np.maximum(z, 0)}
DERIVS = {"sigmoid": lambda a: a * (1 - a), "tanh": lambda a: 1 - a * a, "relu": lambda a: (a > 0) * 1.0}


def toy(n=7, d=5, k=3, seed=0):
    """Small random inputs with one-hot targets covering every class."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    y = one_hot(np.arange(n) % k, k, np.float64)
    return x, y


def reference_loss(params, x, y, activation, l1, l2):
    """The batch objective written out plainly: [Σ −log softmax_y + l1·Σ|W| + l2/2·ΣW²] / m."""
    w1, b1, w2, b2 = params
    h = ACTS[activation](x @ w1 + b1) if w1 is not None else x
    z = h @ w2 + b2
    log_p = z - z.max(axis=1, keepdims=True)
    log_p -= np.log(np.exp(log_p).sum(axis=1, keepdims=True))
    weights = [w for w in (w1, w2) if w is not None]
    reg = sum(l1 * np.abs(w).sum() + l2 / 2 * (w ** 2).sum() for w in weights)
    return (-(y * log_p).sum() + reg) / len(x)


def params_of(net):
    return [None if p is None else p.copy() for p in (net.w1_, net.b1_, net.w2_, net.b2_)]


@pytest.mark.parametrize("units, activation", [(0, "sigmoid"), (4, "sigmoid"), (4, "relu"), (4, "tanh")])
@pytest.mark.parametrize("l1, l2", [(0.0, 0.0), (0.03, 0.2)])
def test_training_step_follows_finite_difference_gradients(units, activation, l1, l2):
    """Check that one full-batch step with learning rate 1 moves every parameter by exactly minus the
    gradient of the batch objective, measured by central finite differences."""
    x, y = toy()
    net = MultiClassNetwork(units=units, activation=activation, batch_size=len(x), learning_rate=1.0,
                            l1=l1, l2=l2, dtype="float64", seed=3).fit(x, y, epochs=0)
    before = params_of(net)
    net.partial_fit(x, y)
    after = params_of(net)
    eps = 1e-6
    for i, (p0, p1) in enumerate(zip(before, after)):
        if p0 is None:
            assert p1 is None
            continue
        step = p0 - p1
        numeric = np.zeros_like(p0)
        for j in np.ndindex(p0.shape):
            plus = [q.copy() if q is not None else None for q in before]
            minus = [q.copy() if q is not None else None for q in before]
            plus[i][j] += eps
            minus[i][j] -= eps
            numeric[j] = (reference_loss(plus, x, y, activation, l1, l2)
                          - reference_loss(minus, x, y, activation, l1, l2)) / (2 * eps)
        np.testing.assert_allclose(step, numeric, rtol=1e-6, atol=1e-8)
        assert np.abs(step).max() > 1e-4  # every parameter group really moves


def reference_fit(x, y, *, units, activation, batch_size, lr, l1, l2, seed, epochs):
    """The textbook's training loop, written plainly (float64, true b2 gradient), drawing its random
    numbers in the network's order: initial weights, then one permutation per epoch."""
    rng = np.random.default_rng(seed)
    d, k = x.shape[1], y.shape[1]
    w1 = rng.normal(0, 1, (d, units)) if units else None
    b1 = np.zeros(units) if units else None
    w2 = rng.normal(0, 1, (units or d, k))
    b2 = np.zeros(k)
    for _ in range(epochs):
        order = rng.permutation(len(x))
        for start in range(0, len(x), batch_size):
            idx = order[start:start + batch_size]
            xb, yb, m = x[idx], y[idx], len(idx)
            a1 = ACTS[activation](xb @ w1 + b1) if units else xb
            z = a1 @ w2 + b2
            a = np.exp(z - z.max(axis=1, keepdims=True))
            a /= a.sum(axis=1, keepdims=True)
            err = -(yb - a)
            w2_grad = a1.T @ err / m + (l1 * np.sign(w2) + l2 * w2) / m
            b2_grad = err.sum(axis=0) / m
            if units:
                err_h = err @ w2.T * DERIVS[activation](a1)
                w1_grad = xb.T @ err_h / m + (l1 * np.sign(w1) + l2 * w1) / m
                w1 -= lr * w1_grad
                b1 -= lr * err_h.sum(axis=0) / m
            w2 -= lr * w2_grad
            b2 -= lr * b2_grad
    return w1, b1, w2, b2


@pytest.mark.parametrize("units, activation, batch_size", [(0, "sigmoid", 32), (16, "sigmoid", 50),
                                                           (16, "relu", 64), (8, "tanh", 1000)])
def test_matches_the_plain_textbook_loop(units, activation, batch_size):
    """Check that three epochs on digits give the same weights as the plain textbook loop (float64),
    including the shorter last batch and both penalties."""
    ds = load_digits(subset=300)
    y = one_hot(ds.y_train, 10, np.float64)
    kw = dict(units=units, activation=activation, batch_size=batch_size, l1=1e-3, l2=1e-2, seed=5)
    net = MultiClassNetwork(learning_rate=0.2, dtype="float64", **kw).fit(ds.x_train, y, epochs=3)
    ref = reference_fit(ds.x_train.astype(np.float64), y, lr=0.2, epochs=3, **kw)
    for got, want in zip(params_of(net), ref):
        if want is None:
            assert got is None
        else:
            np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-10)


def test_epoch_loss_and_accuracy_follow_the_textbook_definitions():
    """Check, for one full-batch epoch, loss = (Σ cross-entropy before the step + penalty after it) / n
    and accuracy before the step; and the validation figures with the final weights."""
    x, y = toy(n=40, d=6, k=4, seed=1)
    xv, yv = toy(n=25, d=6, k=4, seed=2)
    net = MultiClassNetwork(units=5, batch_size=100, l1=0.01, l2=0.1, dtype="float64").fit(x, y, epochs=0)
    before = params_of(net)
    net.partial_fit(x, y, x_val=xv, y_val=yv)
    after = params_of(net)
    reg_after = sum(0.01 * np.abs(w).sum() + 0.1 / 2 * (w ** 2).sum() for w in (after[0], after[2]))
    ce_before = reference_loss(before, x, y, "sigmoid", 0, 0) * len(x)
    assert net.history_["loss"] == [pytest.approx((ce_before + reg_after) / len(x), rel=1e-12)]
    z = ACTS["sigmoid"](x @ before[0] + before[1]) @ before[2] + before[3]
    assert net.history_["accuracy"] == [np.mean(z.argmax(1) == y.argmax(1))]
    ce_val = reference_loss(after, xv, yv, "sigmoid", 0, 0) * len(xv)
    assert net.history_["val_loss"] == [pytest.approx((ce_val + reg_after) / len(xv), rel=1e-12)]
    assert net.history_["val_accuracy"] == [net.score(xv, yv)]


def test_predictions_match_a_plain_forward_pass():
    """Check predict_proba against softmax(σ(xW1 + b1)W2 + b2), predict against its argmax, and score
    with labels and with one-hot rows."""
    ds = load_digits(subset=200)
    net = MultiClassNetwork(units=12, batch_size=32, learning_rate=0.3).fit(
        ds.x_train, one_hot(ds.y_train, 10), epochs=2)
    x = ds.x_val.astype(np.float64)
    z = ACTS["sigmoid"](x @ net.w1_ + net.b1_) @ net.w2_ + net.b2_
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    np.testing.assert_allclose(net.predict_proba(ds.x_val), p, rtol=1e-4, atol=1e-6)
    np.testing.assert_array_equal(net.predict(ds.x_val), z.argmax(1))
    acc = np.mean(z.argmax(1) == ds.y_val)
    assert net.score(ds.x_val, ds.y_val) == net.score(ds.x_val, one_hot(ds.y_val, 10)) == acc
    assert net.predict_proba(ds.x_val).dtype == np.float32


@pytest.mark.parametrize("units", [0, 12])
def test_no_rows_give_no_predictions(units):
    """Check that an empty batch (the regions plane asks for no hover targets while playing) gives empty
    (0, C) probabilities and no labels, with or without a hidden layer."""
    ds = load_digits(subset=100)
    net = MultiClassNetwork(units=units, batch_size=32).fit(ds.x_train, one_hot(ds.y_train, 10), epochs=1)
    empty = ds.x_val[:0]
    assert net.predict_proba(empty).shape == (0, 10) and net.predict(empty).shape == (0,)


@pytest.mark.parametrize("units", [0, 12])
def test_decision_function_is_the_plain_pre_softmax_output(units):
    """Check decision_function against σ(xW1 + b1)W2 + b2 written out in float64 (x W2 + b2 without a
    hidden layer): float32, shape (n, C), and its softmax is predict_proba."""
    ds = load_digits(subset=200)
    net = MultiClassNetwork(units=units, batch_size=32, learning_rate=0.3).fit(
        ds.x_train, one_hot(ds.y_train, 10), epochs=2)
    x = ds.x_val.astype(np.float64)
    h = ACTS["sigmoid"](x @ net.w1_ + net.b1_) if units else x
    z = net.decision_function(ds.x_val)
    assert z.dtype == np.float32 and z.shape == (len(x), 10)
    np.testing.assert_allclose(z, h @ net.w2_ + net.b2_, rtol=1e-4, atol=1e-4)
    p = np.exp(z - z.max(1, keepdims=True))
    np.testing.assert_allclose(p / p.sum(1, keepdims=True), net.predict_proba(ds.x_val), rtol=1e-4, atol=1e-6)


def test_extreme_weights_predict_without_warnings():
    """Check that saturated sigmoids (|z| ≫ 88, where exp overflows) give exact 0/1 activations and
    finite probabilities without a numpy warning (warnings are errors in this suite)."""
    x, y = toy(n=4, d=3, k=2)
    net = MultiClassNetwork(units=2).fit(x, y, epochs=0)
    net.w1_[...] = [[1e4, -1e4]] * 3
    p = net.predict_proba(x)
    assert np.isfinite(p).all() and np.allclose(p.sum(axis=1), 1)
    assert net.predict(x).shape == (4,)


def test_same_seed_same_history_other_seed_other_history():
    """Check that two fits with one seed agree bit for bit, a different seed differs, and n partial_fit
    calls equal fit(epochs=n)."""
    ds = load_digits(subset=400)
    y, yv = one_hot(ds.y_train, 10), one_hot(ds.y_val, 10)

    def run(seed):
        return MultiClassNetwork(units=20, batch_size=16, seed=seed).fit(
            ds.x_train, y, epochs=3, x_val=ds.x_val, y_val=yv)
    a, b, c = run(1), run(1), run(2)
    assert a.history_ == b.history_ and set(a.history_) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    np.testing.assert_array_equal(a.w1_, b.w1_)
    assert a.history_["loss"] != c.history_["loss"]
    d = MultiClassNetwork(units=20, batch_size=16, seed=1)
    for _ in range(3):
        d.partial_fit(ds.x_train, y, x_val=ds.x_val, y_val=yv)
    assert d.history_ == a.history_ and d.n_epochs_ == 3
    np.testing.assert_array_equal(d.w2_, a.w2_)


def test_callbacks_and_stop_after_k_batches():
    """Check that on_epoch_end gets 0-based epochs with Keras keys, and that should_stop answering True
    after the 25th batch (10 per epoch) ends fit at once with the two finished epochs recorded."""
    x, y = toy(n=100, d=6, k=4)
    logs_seen, polls = [], []

    def should_stop():
        polls.append(1)
        return len(polls) >= 25

    net = MultiClassNetwork(units=3, batch_size=10).fit(
        x, y, epochs=50, x_val=x[:20], y_val=y[:20],
        on_epoch_end=lambda e, logs: logs_seen.append((e, logs)), should_stop=should_stop)
    assert len(polls) == 25 and net.stopped_ and net.n_epochs_ == 2
    assert [e for e, _ in logs_seen] == [0, 1]
    assert set(logs_seen[0][1]) == {"loss", "accuracy", "val_loss", "val_accuracy", "seconds"}
    assert all(len(v) == 2 for v in net.history_.values())
    assert all(type(v) is float for _, logs in logs_seen for v in logs.values())
    net.partial_fit(x, y)  # training can go on after a stop
    assert not net.stopped_ and net.n_epochs_ == 3


def test_divergence_raises_and_keeps_the_good_epochs():
    """Check that a NaN loss raises TrainingDiverged carrying the finished epochs, and that the network
    keeps the weights of its last good epoch."""
    x, y = toy(n=60, d=6, k=4)
    net = MultiClassNetwork(units=8, batch_size=10, activation="relu", dtype="float64").fit(x, y, epochs=1)
    good, history = params_of(net), {k: list(v) for k, v in net.history_.items()}
    net.learning_rate = 1e300
    with pytest.raises(TrainingDiverged) as err:
        net.partial_fit(x, y)
    assert err.value.epoch == 1 and err.value.history == history and "learning rate" in str(err.value)
    assert net.history_ == history and net.n_epochs_ == 1
    for p, q in zip(params_of(net), good):
        np.testing.assert_array_equal(p, q)
    with pytest.raises(TrainingDiverged) as err:
        MultiClassNetwork(units=8, batch_size=10, learning_rate=1e38).fit(x, y, epochs=3)
    assert err.value.epoch == 0 and err.value.history["loss"] == []


@pytest.mark.parametrize("units", [0, 6])
def test_glorot_weights_are_the_seeds_uniform_numbers(units):
    """Check Glorot-uniform weights bit for bit against −l + 2l·u, u the seed's uniform numbers in [0, 1), drawn
    layer by layer from one generator with l = √(6 / (fan_in + fan_out)): seeded runs keep their numbers."""
    x, y = toy(d=4, k=3)
    net = MultiClassNetwork(units=units, init="glorot", dtype="float64", seed=11).fit(x, y, epochs=0)
    rng = np.random.default_rng(11)
    fans = [(4, units), (units, 3)] if units else [(4, 3)]
    limits = [np.sqrt(6 / (i + o)) for i, o in fans]
    expected = [-lim + 2 * lim * rng.random(fan) for lim, fan in zip(limits, fans)]
    for w, ref in zip(net.coefs_, expected):
        np.testing.assert_array_equal(w, ref)


def test_initialisation_and_dtypes():
    """Check N(0, 1) and Glorot-uniform initial weights, zero biases, and that float32 follows float64."""
    x, y = toy(n=50, d=784, k=10)
    normal = MultiClassNetwork(units=100).fit(x, y, epochs=0)
    assert normal.w1_.dtype == np.float32 and abs(normal.w1_.std() - 1) < 0.02
    assert abs(normal.w1_.mean()) < 0.02 and not normal.b1_.any() and not normal.b2_.any()
    glorot = MultiClassNetwork(units=100, init="glorot").fit(x, y, epochs=0)
    limit = np.sqrt(6 / (784 + 100))
    assert glorot.w1_.max() <= limit and glorot.w1_.min() >= -limit and glorot.w1_.max() > 0.95 * limit
    ds = load_digits(subset=300)
    kw = dict(units=10, batch_size=20, learning_rate=0.2, seed=4)
    f32 = MultiClassNetwork(**kw).fit(ds.x_train, one_hot(ds.y_train, 10), epochs=2)
    f64 = MultiClassNetwork(dtype="float64", **kw).fit(ds.x_train, one_hot(ds.y_train, 10), epochs=2)
    assert f64.w1_.dtype == np.float64
    np.testing.assert_allclose(f32.w1_, f64.w1_, atol=1e-4)
    np.testing.assert_allclose(f32.history_["loss"], f64.history_["loss"], rtol=1e-5)


@pytest.mark.parametrize("params, message", [
    (dict(units=-1), "units"), (dict(activation="softplus"), "activation"), (dict(batch_size=0), "batch"),
    (dict(learning_rate=0), "learning_rate"), (dict(l2=-1), "l2"), (dict(init="zeros"), "init"),
    (dict(dtype="float16"), "dtype")])
def test_bad_parameters_are_refused(params, message):
    """Check that invalid settings raise ValueError naming the parameter when fit starts."""
    x, y = toy()
    with pytest.raises(ValueError, match=message):
        MultiClassNetwork(**params).fit(x, y, epochs=1)


def test_bad_data_is_refused():
    """Check errors for non-one-hot targets, mismatched lengths, half the validation pair, and use
    before fit."""
    x, y = toy()
    net = MultiClassNetwork(units=3)
    with pytest.raises(ValueError, match="one-hot"):
        net.fit(x, y * 2, epochs=1)
    with pytest.raises(ValueError, match="one-hot rows"):
        net.fit(x, y[:3], epochs=1)
    with pytest.raises(ValueError, match="both"):
        net.fit(x, y, epochs=1, x_val=x)
    with pytest.raises(RuntimeError, match="not fitted"):
        MultiClassNetwork().predict(x)


# ---------------------------------------------------------------------------------- save and load

@pytest.mark.parametrize("units", [0, 4])
def test_save_then_load_predicts_the_same(units, tmp_path):
    """Check that a network loaded from what another saved (a file object, or a path) gives identical
    probabilities and weights."""
    x, y = toy(n=12, d=5, k=3)
    net = MultiClassNetwork(units=units, activation="tanh", batch_size=4, learning_rate=0.3, seed=2).fit(
        x, y, epochs=3)
    buf = io.BytesIO()
    net.save(buf)
    net.save(tmp_path / net.weights_name)
    for file in (io.BytesIO(buf.getvalue()), tmp_path / net.weights_name):
        loaded = MultiClassNetwork(units=units, activation="tanh").load(file)
        np.testing.assert_array_equal(loaded.predict_proba(x), net.predict_proba(x))
        assert all(np.array_equal(a, b) for a, b in zip(loaded.coefs_ + loaded.intercepts_,
                                                         net.coefs_ + net.intercepts_, strict=True))


@pytest.mark.parametrize("keys", [("w1", "b1", "w2", "b2"), ("w1", "b1"), ("w2", "b2")])
def test_an_npz_written_by_hand_loads(keys):
    """Check that an .npz of w1, b1, w2, b2 (two layers) or of one layer's two arrays (softmax regression,
    numbered 1 as saved, or 2 as the output layer) predicts the forward pass written out in NumPy."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(6, 4)).astype(np.float32)
    shapes = [(4, 3), (3,), (3, 2), (2,)] if len(keys) == 4 else [(4, 2), (2,)]
    arrays = [rng.normal(size=s).astype(np.float32) for s in shapes]
    buf = io.BytesIO()
    np.savez(buf, **dict(zip(keys, arrays)))
    buf.seek(0)
    net = MultiClassNetwork(units=3 if len(keys) == 4 else 0, activation="sigmoid").load(buf)
    h = ACTS["sigmoid"](x @ arrays[0] + arrays[1]) if len(keys) == 4 else x
    z = h @ arrays[-2] + arrays[-1]
    want = np.exp(z - z.max(axis=1, keepdims=True))
    np.testing.assert_allclose(net.predict_proba(x), want / want.sum(axis=1, keepdims=True), rtol=1e-5)


def test_a_file_for_other_units_is_refused():
    """Check that weights with a hidden layer of 3 do not load into a network of 4 units, or of none."""
    x, y = toy()
    buf = io.BytesIO()
    MultiClassNetwork(units=3).fit(x, y, epochs=1).save(buf)
    for units in (4, 0):
        buf.seek(0)
        with pytest.raises(ValueError, match="units"):
            MultiClassNetwork(units=units).load(buf)


# ---------------------------------------------------------------------- the textbook's real figures

@pytest.fixture
def fashion():
    return debian_dataset()


@pytest.mark.slow
def test_textbook_run_reproduces_0_815(fashion):
    """Check that MultiClassNetwork(units=100, batch_size=256), 40 epochs, reaches the textbook's
    validation accuracy 0.8151 within ±0.005."""
    net = MultiClassNetwork().fit(  # its defaults are the textbook's: units=100, batch_size=256
        fashion.x_train, one_hot(fashion.y_train, 10), epochs=40,
        x_val=fashion.x_val, y_val=one_hot(fashion.y_val, 10))
    assert net.history_["val_accuracy"][-1] == pytest.approx(0.815, abs=0.005)
    assert net.history_["val_loss"][-1] < net.history_["val_loss"][0]


@pytest.mark.slow
def test_fast_preset_beats_keras(fashion):
    """Check that the fast preset passes 0.88 validation accuracy (Keras's textbook model: 0.862)."""
    cfg = PRESETS["fast"]
    net = make_estimator(cfg).fit(
        fashion.x_train, one_hot(fashion.y_train, 10), epochs=cfg.epochs,
        x_val=fashion.x_val, y_val=one_hot(fashion.y_val, 10))
    assert net.history_["val_accuracy"][-1] >= 0.88


@pytest.mark.parametrize("units", [0, 5])
def test_assign_takes_another_networks_weights(units):
    """Check a network given another's weights with assign predicts exactly as that one does (float64), and
    weights of other shapes are refused with nothing changed."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2))
    y = one_hot(rng.integers(0, 3, 40), 3)
    trained = MultiClassNetwork(units=units, activation="tanh", dtype="float64", seed=1).fit(x, y, epochs=5)
    fresh = MultiClassNetwork(units=units, activation="tanh", dtype="float64", seed=2).fit(x, y, epochs=0)
    fresh.assign(trained.coefs_, trained.intercepts_)
    assert np.array_equal(fresh.predict_proba(x), trained.predict_proba(x))
    before = [w.copy() for w in fresh.coefs_]
    with pytest.raises(ValueError):
        fresh.assign([w.T for w in trained.coefs_], trained.intercepts_)
    assert all(np.array_equal(a, b) for a, b in zip(before, fresh.coefs_))


def test_one_vs_rest_assign_takes_weights():
    """Check OneVsRestSigmoid's assign: the given weights predict as σ(x·w + b) computed here, and a wrong shape
    is refused."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(30, 2))
    model = OneVsRestSigmoid(seed=0).fit(x, one_hot(rng.integers(0, 4, 30), 4), epochs=0)
    w, b = rng.normal(size=(2, 4)), rng.normal(size=4)
    model.assign([w], [b])
    assert np.allclose(model.predict_proba(x), 1 / (1 + np.exp(-(x @ w + b))), rtol=1e-12)
    with pytest.raises(ValueError):
        model.assign([w[:, :3]], [b[:3]])
