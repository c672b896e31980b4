"""Check the trainer page's questions against NumPy's median, scikit-learn's log loss, ln 10, the textbook's
parameter count and Keras's own ``count_params``."""
import dataclasses
import json
import math

import numpy as np
import pytest
from sklearn.metrics import log_loss

from core.data.datasets import DEBIAN_DIR
from core.questions import trainer as q
from core.questions.bank import BANK, for_page
from core.questions.base import NoTruth, is_right
from core.runs.config import PRESETS, TrainConfig
from core.runs.store import RunStore
from core.text import i18n
from tests.conftest import need

FAST = PRESETS["fast"]  # 8 epochs


def _ctx(config: TrainConfig) -> dict:
    """A context as the page would store it (through JSON)."""
    return json.loads(json.dumps(q.context(config)))


def _log_loss(net, x, y) -> float:
    """scikit-learn's log loss of the network's probabilities (made float64 rows that sum to 1, as it asks)."""
    p = net.predict_proba(x).astype(np.float64)
    return log_loss(y, p / p.sum(axis=1, keepdims=True), labels=range(10))


def _run(config: TrainConfig, val_accuracy) -> q.ClassRun:
    return q.ClassRun(config, {"loss": [1.0] * len(val_accuracy), "val_accuracy": list(val_accuracy)})


def test_val_accuracy_is_the_median_of_the_class_runs_with_these_settings():
    """Check that the truth is NumPy's median of the matching runs' validation accuracy at epoch N (in %):
    runs with another seed or more epochs count, runs with another learning rate or short of epoch N do not."""
    rng = np.random.default_rng(7)
    matching = [_run(dataclasses.replace(FAST, seed=s, epochs=e), rng.uniform(0.6, 0.9, e))
                for s, e in ((1, 8), (2, 8), (3, 12), (4, 20))]
    others = [_run(dataclasses.replace(FAST, learning_rate=0.1), [0.1] * 8), _run(FAST, [0.99] * 5),
              _run(dataclasses.replace(FAST, dataset="digits", subset=None), [0.99] * 8)]
    question = BANK["trainer.val"]
    truth = question.truth(_ctx(FAST), matching + others)
    expected = 100 * np.median([r.history["val_accuracy"][7] for r in matching])
    assert truth.value == pytest.approx(expected, abs=1e-9) and truth.why["runs"] == 4
    assert is_right(question, truth, expected + 2) and not is_right(question, truth, expected + 2.01)


def test_val_accuracy_counts_a_whole_training_set_as_its_size():
    """Check that a run with subset None (the whole set) answers a context that names the whole set's size."""
    whole = dataclasses.replace(FAST, subset=None)
    ctx = _ctx(dataclasses.replace(FAST, subset=48000))
    assert BANK["trainer.val"].truth(ctx, [_run(whole, [0.5] * 8)]).value == pytest.approx(50.0)
    assert not q.same_settings(dataclasses.replace(FAST, subset=2000), ctx)


def test_val_accuracy_before_any_run_says_what_to_do_in_both_languages():
    """Check that with no run at epoch N the truth is refused with a message naming the epoch in each language."""
    with pytest.raises(NoTruth) as refused:
        BANK["trainer.val"].truth(_ctx(FAST), [_run(FAST, [0.8] * 7)])
    assert "epoch 8" in refused.value.text("en") and "8 에포크" in refused.value.text("ko")


def test_val_accuracy_from_the_run_store(tmp_path):
    """Check that the class's runs read from a real run store (records plus their stored histories) give the
    median NumPy computes from the saved rows, and that a run of other settings is not read."""
    store = RunStore(tmp_path)
    try:
        saved = []
        curves = [(dataclasses.replace(FAST, seed=1), [0.70 + 0.01 * e for e in range(8)]),
                  (dataclasses.replace(FAST, seed=2), [0.72 + 0.01 * e for e in range(8)]),
                  (dataclasses.replace(FAST, seed=3), [0.75 + 0.01 * e for e in range(9)]),
                  (dataclasses.replace(FAST, units=10), [0.99] * 8)]
        for number, (config, curve) in enumerate(curves, start=1):
            run_id = store.create_run(f"ws{number}", 1, config, f"student {number}")
            for epoch, acc in enumerate(curve):
                store.save_epoch(run_id, epoch, {"loss": 1.0, "accuracy": acc, "val_loss": 1.0, "val_accuracy": acc,
                                                 "seconds": 0.1})
            saved.append(curve)
        read = []
        runs = q.class_runs(_ctx(FAST), store.runs(), lambda run_id: read.append(run_id) or store.history(run_id))
        assert len(runs) == len(read) == 3
        truth = BANK["trainer.val"].truth(_ctx(FAST), runs)
        assert truth.value == pytest.approx(100 * np.median([c[7] for c in saved[:3]]), abs=1e-9)
    finally:
        store.close()


GLOROT = [TrainConfig(dataset="digits", init="glorot", units=u, activation=a) for u, a in
          ((0, "sigmoid"), (16, "tanh"), (100, "relu"), (100, "tanh"))]


@pytest.mark.parametrize("config", GLOROT, ids=lambda c: f"{c.units}-{c.activation}")
def test_start_loss_of_a_glorot_network_is_ln_10(config):
    """Check that these Glorot-uniform networks, whose starting outputs are small, cost ln 10 within the
    question's tolerance before training, and that the truth is scikit-learn's log loss of its probabilities."""
    ctx = _ctx(config)
    question = BANK["trainer.loss0"]
    truth = question.truth(ctx)
    assert is_right(question, truth, math.log(10))
    net, x, y = q.untrained(ctx)
    assert len(y) == 288  # the digits' whole validation set (fewer than the 1,000 asked for)
    assert truth.value == pytest.approx(_log_loss(net, x, y), rel=1e-5)


def test_start_loss_of_the_textbook_network_is_far_above_ln_10():
    """Check that the textbook's N(0, 1) starting weights cost far more than ln 10 (their outputs are large),
    on the real Fashion-MNIST's 1,000 validation images, with scikit-learn's log loss."""
    need(DEBIAN_DIR.is_dir(), "the Debian package dataset-fashion-mnist is not installed")
    ctx = _ctx(PRESETS["textbook"])
    question = BANK["trainer.loss0"]
    truth = question.truth(ctx)
    net, x, y = q.untrained(ctx)
    assert len(y) == 1000
    assert truth.value == pytest.approx(_log_loss(net, x, y), rel=1e-5)
    assert not is_right(question, truth, math.log(10)) and truth.value > 2 * math.log(10)


@pytest.mark.parametrize("dataset,units,inputs", [("digits", 0, 64), ("digits", 100, 64), ("fashion_mnist", 100, 784),
                                                  ("fashion_mnist", 0, 784)])
def test_parameters_follow_the_textbook_count(dataset, units, inputs):
    """Check the parameter count against the textbook's d·h + h + h·c + c (d·c + c with no hidden layer)."""
    if dataset == "fashion_mnist":
        need(DEBIAN_DIR.is_dir(), "the Debian package dataset-fashion-mnist is not installed")
    expected = inputs * units + units + units * 10 + 10 if units else inputs * 10 + 10
    question = BANK["trainer.params"]
    truth = question.truth(_ctx(TrainConfig(dataset=dataset, units=units)))
    assert truth.value == expected and is_right(question, truth, expected)
    assert not is_right(question, truth, expected + 1)
    assert truth.why["total"] == f"{expected:,}"


def test_keras_network_parameters_and_start_loss_match_keras():
    """Check a Keras run's parameter count against Keras's own count_params() of the same model, and its
    starting loss (Keras's Glorot-uniform weights) against ln 10 within the tolerance."""
    keras = pytest.importorskip("keras")
    config = TrainConfig.textbook("keras", dataset="digits", units=32)
    ctx = _ctx(config)
    reference = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(32, activation="sigmoid"),
                                  keras.layers.Dense(10, activation="softmax")]).count_params()
    assert BANK["trainer.params"].truth(ctx).value == reference
    assert is_right(BANK["trainer.loss0"], BANK["trainer.loss0"].truth(ctx), math.log(10))


def test_questions_offered_and_written_in_both_languages():
    """Check that the trainer offers its three questions, and that every text has both languages."""
    ctx = _ctx(TrainConfig(dataset="digits"))
    assert [x.id for x in for_page("trainer", ctx)] == ["trainer.val", "trainer.loss0", "trainer.params"]
    i18n.MISSING.clear()
    runs = [_run(dataclasses.replace(TrainConfig(dataset="digits"), epochs=40), [0.9] * 40)]
    for question in q.QUESTIONS:
        truth = question.truth(ctx, runs)
        for lang in i18n.LANGUAGES:
            question.text(ctx, lang), question.why(truth, lang)
    assert not i18n.MISSING
