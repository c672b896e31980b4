"""Check TrainConfig and TrainJob: one contract for both engines, live stop, queueing, failures."""
import dataclasses
import math
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, log_loss

from core.runs import training
from core.data.datasets import load_digits, one_hot
from core.engines.network import MultiClassNetwork
from core.runs.config import PRESETS, SETTINGS, TrainConfig
from core.runs.training import JOB_NICENESS, JobState, TrainJob

ENGINES = ["numpy", "keras"]
WAIT = 60  # seconds a test waits for a job before calling it stuck (never a speed claim)


@pytest.fixture(scope="module")
def digits():
    """scikit-learn's digits: small enough to train both engines in seconds."""
    return load_digits()


def config(engine, **changes):
    """A quick digits configuration for ``engine`` (batch 32, 3 epochs)."""
    base = dict(dataset="digits", units=32, batch_size=32, epochs=3,
                learning_rate=0.5 if engine == "numpy" else 0.1)
    return TrainConfig.textbook(engine, **{**base, **changes})


def run(cfg, ds, **kwargs):
    """Train ``cfg`` to the end in a job with its own two slots; return the job."""
    job = TrainJob(cfg, ds, slots=kwargs.pop("slots", threading.BoundedSemaphore(2)), **kwargs).start()
    assert job.join(WAIT), "job did not end"
    return job


def rows(job):
    """The job's history without the timing column (which differs between runs)."""
    return {k: v for k, v in job.history().items() if k != training.SECONDS_KEY}


def assert_same_rows(got, want, rel=1e-6):
    """Check two histories have the same keys and, per key, the same values up to ``rel``."""
    assert list(got) == list(want)
    for key in want:
        assert got[key] == pytest.approx(want[key], rel=rel), key


class Gate:
    """An on_batch hook that parks the worker at (epoch, batch) until the test opens the gate."""

    def __init__(self, epoch, batch):
        self.at, self.reached, self.go, self.seen = (epoch, batch), threading.Event(), threading.Event(), []

    def __call__(self, epoch, batch):
        self.seen.append((epoch, batch))
        if (epoch, batch) == self.at:
            self.reached.set()
            assert self.go.wait(WAIT)


# --- TrainConfig ---

def test_textbook_presets():
    """Check the textbook set-ups: NumPy units 100, batch 256, lr 0.1, 40 epochs; Keras sgd 0.01, batch 32."""
    numpy_cfg, keras_cfg = TrainConfig.textbook("numpy"), TrainConfig.textbook("keras")
    assert (numpy_cfg.units, numpy_cfg.batch_size, numpy_cfg.learning_rate) == (100, 256, 0.1)
    assert numpy_cfg.epochs == 40
    assert (keras_cfg.optimizer, keras_cfg.learning_rate, keras_cfg.batch_size) == ("sgd", 0.01, 32)
    assert TrainConfig.textbook("keras", epochs=5).epochs == 5
    assert numpy_cfg.validate() == [] and keras_cfg.validate() == []


@pytest.mark.parametrize("changes, key", [
    (dict(engine="torch"), "engine"),
    (dict(dataset="cifar"), "dataset"),
    (dict(activation="gelu"), "activation"),
    (dict(optimizer="rmsprop"), "optimizer"),
    (dict(optimizer="adam"), "optimizer_numpy"),
    (dict(init="zeros"), "init"),
    (dict(units=-1), "units"),
    (dict(units=1025), "units"),
    (dict(learning_rate=0.0), "learning_rate"),
    (dict(learning_rate=float("nan")), "learning_rate"),
    (dict(l2=-0.1), "penalty"),
    (dict(batch_size=0), "batch_size"),
    (dict(batch_size=2.5), "batch_size"),
    (dict(epochs=0), "epochs"),
    (dict(subset=0), "subset"),
    (dict(seed=-3), "seed"),
])
def test_each_invalid_setting_is_explained(changes, key):
    """Check that each invalid setting yields exactly its problem, with text in both languages."""
    problems = TrainConfig(**changes).validate()
    assert [p.key for p in problems] == [f"train.problem.{key}"]
    for lang in ("en", "ko"):
        assert not problems[0].text(lang).startswith("⟦")


# What the trainer page has always let students type: (lowest, highest) of each number field.
PAGE_LIMITS = {"units": (0, 1024), "learning_rate": (1e-5, 10.0), "batch_size": (1, 48000), "epochs": (1, 200),
               "l1": (0.0, 1.0), "l2": (0.0, 1.0), "seed": (0, 2**31 - 1), "subset": (1, 48000)}


def test_the_table_holds_the_pages_limits_and_the_links_names():
    """Check that the table of settings has every TrainConfig field but the recording flag, the ranges the
    page always allowed, and the URL names that links in the wild use."""
    fields = {f.name for f in dataclasses.fields(TrainConfig)} - {"record_val_predictions"}
    assert set(SETTINGS) == fields
    assert {n: (s.low, s.high) for n, s in SETTINGS.items() if s.choices is None} == PAGE_LIMITS
    assert {n: s.url for n, s in SETTINGS.items()} == {
        "dataset": "data", "engine": "engine", "units": "units", "activation": "act", "init": "init",
        "optimizer": "opt", "learning_rate": "lr", "batch_size": "batch", "epochs": "epochs", "l1": "l1",
        "l2": "l2", "seed": "seed", "subset": "subset"}


def just_outside(setting):
    """The nearest values below and above the setting's range (±1 for whole numbers, the next float else)."""
    if setting.integer:
        return setting.low - 1, setting.high + 1
    return float(np.nextafter(setting.low, -np.inf)), float(np.nextafter(setting.high, np.inf))


@pytest.mark.parametrize("name", PAGE_LIMITS)
def test_validate_refuses_each_number_just_outside_its_range(name):
    """Check that a number field at either end of its range passes, and just beyond either end yields
    exactly its own problem, which names the range in both languages."""
    setting, problem = SETTINGS[name], "penalty" if name in ("l1", "l2") else name
    lo, hi = PAGE_LIMITS[name]
    for value in (lo, hi):
        assert TrainConfig(**{name: value}).validate() == [], value
    for value in just_outside(setting):
        problems = TrainConfig(**{name: value}).validate()
        assert [p.key for p in problems] == [f"train.problem.{problem}"], value
        shown = f"{hi:,}" if setting.integer else f"{hi:g}"
        assert all(shown in problems[0].text(lang) for lang in ("en", "ko")), problems[0].text("en")


def test_the_textbook_preset_is_the_engines_own_default():
    """Check that the textbook preset builds the network MultiClassNetwork() is by default, and each preset
    is a valid configuration."""
    assert vars(training.make_estimator(PRESETS["textbook"])) == vars(MultiClassNetwork())
    assert TrainConfig() == PRESETS["textbook"]
    assert all(cfg.validate() == [] for cfg in PRESETS.values())


def test_keras_allows_what_numpy_refuses():
    """Check that optimizers other than SGD are fine on Keras, and 0 units on both engines."""
    assert TrainConfig.textbook("keras", optimizer="adam", units=0).validate() == []
    assert TrainConfig(units=0).validate() == []


def test_checks_that_need_the_data(digits):
    """Check the batch size against the training set and the data set name against the config."""
    n = len(digits.y_train)
    problems = TrainConfig(dataset="digits", batch_size=n + 1).validate(digits)
    assert [p.key for p in problems] == ["train.problem.batch_too_big"]
    assert f"({n} samples)" in str(problems[0])
    assert TrainConfig(dataset="digits", batch_size=n).validate(digits) == []
    assert [p.key for p in TrainConfig(dataset="fashion_mnist").validate(digits)] == [
        "train.problem.dataset_mismatch"]


def test_job_refuses_an_invalid_config(digits):
    """Check that TrainJob raises ValueError with the readable problem instead of starting."""
    with pytest.raises(ValueError, match="larger than the training set"):
        TrainJob(TrainConfig(dataset="digits", batch_size=10**6), digits)


def test_max_jobs_from_the_environment(monkeypatch):
    """Check PLAYGROUND_MAX_JOBS sets the limit and a bad value falls back to the number of cores."""
    monkeypatch.setenv("PLAYGROUND_MAX_JOBS", "3")
    assert training.max_jobs() == 3
    for bad in ("0", "many", ""):
        monkeypatch.setenv("PLAYGROUND_MAX_JOBS", bad)
        assert training.max_jobs() == (training.os.cpu_count() or 1)


# --- TrainJob ---

@pytest.mark.parametrize("engine", ENGINES)
def test_both_engines_stream_the_same_history(engine, digits):
    """Check the Keras keys plus seconds, one row per epoch: the rows a twin estimator gets when fitted
    directly (no job), the last validation row recomputed by scikit-learn from the final probabilities."""
    job = run(config(engine), digits)
    assert job.state == JobState.FINISHED and job.reason is None
    history = job.history()
    assert list(history) == ["loss", "accuracy", "val_loss", "val_accuracy", "seconds"]
    assert all(len(v) == 3 for v in history.values()) and job.epochs_done == 3
    twin = training.make_estimator(config(engine)).fit(
        digits.x_train, one_hot(digits.y_train, 10), epochs=3, x_val=digits.x_val, y_val=one_hot(digits.y_val, 10))
    assert twin is not job.model
    assert_same_rows(rows(job), twin.history_, rel=1e-5)
    assert history["val_accuracy"][-1] == pytest.approx(accuracy_score(digits.y_val, job.val_proba.argmax(1)))
    assert history["val_loss"][-1] == pytest.approx(log_loss(digits.y_val, job.val_proba, labels=range(10)),
                                                    rel=1e-4)
    assert all(s > 0 for s in history["seconds"])
    assert history["val_accuracy"][-1] > 0.5  # it learned something: chance is 0.1


@pytest.mark.parametrize("engine", ENGINES)
def test_finished_job_holds_model_and_predictions(engine, digits):
    """Check val/test probabilities (rows sum to 1) agree with the model, and the final progress."""
    job = run(config(engine), digits)
    assert job.val_proba.shape == (len(digits.y_val), 10) and job.test_proba.shape == (len(digits.y_test), 10)
    np.testing.assert_allclose(job.test_proba.sum(axis=1), 1.0, rtol=1e-5)
    test_accuracy = np.mean(job.test_proba.argmax(axis=1) == digits.y_test)
    assert test_accuracy == job.model.score(digits.x_test, digits.y_test)
    assert job.history()["val_accuracy"][-1] == pytest.approx(
        np.mean(job.val_proba.argmax(axis=1) == digits.y_val), abs=1e-6)
    p = job.progress()
    assert (p.state, p.epochs_done, p.epochs_total, p.eta_s) == (JobState.FINISHED, 3, 3, None)
    assert 0 < p.elapsed_s == job.progress().elapsed_s  # the clock stops with the job
    assert p.batches_total == math.ceil(len(digits.y_train) / 32)


@pytest.mark.parametrize("engine", ENGINES)
def test_per_epoch_validation_labels(engine, digits):
    """Check one small-int label array per epoch whose accuracy is that epoch's val_accuracy."""
    job = run(config(engine, record_val_predictions=True), digits)
    labels = job.val_pred_by_epoch
    assert len(labels) == 3 and all(a.dtype == np.int8 and a.shape == digits.y_val.shape for a in labels)
    for epoch, a in enumerate(labels):
        assert np.mean(a == digits.y_val) == pytest.approx(job.history()["val_accuracy"][epoch], abs=1e-6)
    assert np.array_equal(labels[-1], job.val_proba.argmax(axis=1))
    assert run(config(engine), digits).val_pred_by_epoch == []


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("record", [False, True])
def test_observer_gets_kerass_epoch_and_logs(engine, record, digits):
    """Check that the observer is called Keras's way, ``(epoch, logs)``: epochs 0, 1, 2 with the rows a twin
    estimator reports to its own ``on_epoch_end`` (plus the job's seconds), and with recorded predictions
    that epoch's labels under VAL_PRED_KEY."""
    seen = []
    job = run(config(engine, record_val_predictions=record), digits,
              on_epoch_end=lambda epoch, logs: seen.append((epoch, logs)))
    twin_rows = []
    training.make_estimator(config(engine)).fit(
        digits.x_train, one_hot(digits.y_train, 10), epochs=3, x_val=digits.x_val, y_val=one_hot(digits.y_val, 10),
        on_epoch_end=lambda epoch, logs: twin_rows.append(logs))
    assert [epoch for epoch, _ in seen] == [0, 1, 2]
    history = job.history()
    for (epoch, logs), twin in zip(seen, twin_rows, strict=True):
        assert set(logs) == set(history) | ({training.VAL_PRED_KEY} if record else set())
        for key in ("loss", "accuracy", "val_loss", "val_accuracy"):
            assert logs[key] == pytest.approx(twin[key], rel=1e-5), key
        assert logs[training.SECONDS_KEY] == history[training.SECONDS_KEY][epoch]
        if record:
            assert np.mean(logs[training.VAL_PRED_KEY] == digits.y_val) == pytest.approx(logs["val_accuracy"])


def cross_entropy(proba, labels):
    """Mean −log p(true class), computed here from the probabilities (an independent check of val_loss)."""
    return float(-np.mean(np.log(np.clip(proba[np.arange(len(labels)), labels], 1e-7, 1.0))))


@pytest.mark.parametrize("engine", ENGINES)
def test_stop_in_epoch_two_keeps_epoch_one_as_trained(engine, digits):
    """Check that stop() during epoch 2 ends the job after that batch, keeping epoch 1's history and
    epoch 1's weights: the probabilities the predictions page shows give the chart's last val_accuracy
    and val_loss, not those of half an epoch more."""
    reference = run(config(engine), digits)
    gate = Gate(epoch=1, batch=3)
    job = TrainJob(config(engine), digits, slots=threading.BoundedSemaphore(2), on_batch=gate).start()
    assert gate.reached.wait(WAIT)
    assert job.state == JobState.RUNNING
    job.stop()
    gate.go.set()
    assert job.join(WAIT)
    assert job.state == JobState.STOPPED and job.reason is None
    assert gate.seen[-1] == (1, 3)  # no batch ran after the stop
    got, want = rows(job), rows(reference)
    assert_same_rows(got, {k: v[:1] for k, v in want.items()})
    assert job.val_proba is not None and job.model.stopped_
    history = job.history()
    assert np.mean(job.val_proba.argmax(axis=1) == digits.y_val) == pytest.approx(history["val_accuracy"][-1])
    assert cross_entropy(job.val_proba, digits.y_val) == pytest.approx(history["val_loss"][-1], rel=1e-4)


def test_probabilities_appear_only_with_the_end(digits):
    """Check that while the job computes its final probabilities, neither is published and the job is not
    done: a page that sees ``val_proba`` can rely on ``test_proba`` too."""
    entered, release = threading.Event(), threading.Event()

    class SlowTestSet:
        """The test images; reading them (for the final test probabilities) parks the worker."""
        def __array__(self, dtype=None, copy=None):
            entered.set()
            assert release.wait(WAIT)
            return np.asarray(digits.x_test, dtype=dtype)

    slow = dataclasses.replace(digits, x_test=SlowTestSet())
    job = TrainJob(config("numpy", epochs=1), slow, slots=threading.BoundedSemaphore(1)).start()
    assert entered.wait(WAIT)
    assert not job.done and job.val_proba is None and job.test_proba is None
    release.set()
    assert job.join(WAIT) and job.state == JobState.FINISHED
    assert job.val_proba is not None and job.test_proba is not None


@pytest.mark.parametrize("helper", ["_share_blas_threads", "_lower_this_threads_priority"])
def test_a_failing_thread_setup_still_ends_the_job(helper, digits, monkeypatch):
    """Check that when a thread set-up helper raises, the job ends as failed with the error (so the tab's
    Start comes back) and its slot is free again."""
    def broken(*args):
        raise OSError("no such thread")

    monkeypatch.setattr(training, helper, broken)
    slots = threading.BoundedSemaphore(1)
    job = TrainJob(config("numpy"), digits, slots=slots).start()
    assert job.join(WAIT), "the job never ended"
    assert job.state == JobState.FAILED and "OSError: no such thread" in str(job.reason)
    assert slots.acquire(timeout=WAIT)


def test_stop_before_start_and_start_once(digits):
    """Check that a job stopped before start() ends at once as stopped and cannot start afterwards."""
    job = TrainJob(config("numpy"), digits)
    job.stop()
    assert job.join(0) and job.state == JobState.STOPPED and job.epochs_done == 0
    with pytest.raises(RuntimeError):
        job.start()


@pytest.mark.parametrize("engines", [("numpy", "numpy"), ("keras", "keras"), ("numpy", "keras")])
def test_two_jobs_at_once_keep_their_own_histories(engines, digits):
    """Check that two overlapping jobs (different settings) each get the history they get alone."""
    configs = [config(engines[0], seed=1, units=16), config(engines[1], seed=2, units=24)]
    alone = [rows(run(c, digits)) for c in configs]
    both_running = threading.Barrier(2)

    def meet(epoch, batch):  # both workers must be inside training at the same time to pass here
        if (epoch, batch) == (0, 1):
            both_running.wait(WAIT)

    slots = threading.BoundedSemaphore(2)
    jobs = [TrainJob(c, digits, slots=slots, on_batch=meet).start() for c in configs]
    for job, expected in zip(jobs, alone):
        assert job.join(WAIT) and job.state == JobState.FINISHED
        assert_same_rows(rows(job), expected)
    assert alone[0]["loss"] != pytest.approx(alone[1]["loss"])


def test_limit_queues_the_third_job_until_a_slot_frees(digits):
    """Check that with two slots a third job waits in queued, can be stopped there, and runs later."""
    slots = threading.BoundedSemaphore(2)
    gates = [Gate(0, 1), Gate(0, 1)]
    busy = [TrainJob(config("numpy"), digits, slots=slots, on_batch=g).start() for g in gates]
    assert all(g.reached.wait(WAIT) for g in gates)
    third = TrainJob(config("numpy"), digits, slots=slots).start()
    fourth = TrainJob(config("numpy"), digits, slots=slots).start()
    assert not third.join(0.3) and third.state == JobState.QUEUED
    assert third.progress().elapsed_s == 0.0
    fourth.stop()
    assert fourth.join(WAIT) and fourth.state == JobState.STOPPED and fourth.epochs_done == 0
    gates[0].go.set()
    assert third.join(WAIT) and third.state == JobState.FINISHED and third.epochs_done == 3
    gates[1].go.set()
    assert all(job.join(WAIT) and job.state == JobState.FINISHED for job in busy)


def poison(model):
    """Turn every weight of either engine's model into NaN (a forced divergence)."""
    if hasattr(model, "model_"):  # KerasNetwork
        for w in model.model_.weights:
            w.assign(np.full(w.shape, np.nan, np.float32))
        return
    for value in vars(model).values():  # MultiClassNetwork: its learned arrays end in "_"
        if isinstance(value, np.ndarray) and value.dtype.kind == "f":
            value[...] = np.nan


@pytest.mark.parametrize("engine", ENGINES)
def test_forced_nan_fails_with_a_reason_and_keeps_the_history(engine, digits):
    """Check that NaN weights in epoch 2 fail the job, saying it diverged in epoch 2, keeping epoch 1."""
    holder = {}

    def hook(epoch, batch):
        if (epoch, batch) == (1, 1):
            poison(holder["job"].model)

    job = holder["job"] = TrainJob(config(engine), digits, slots=threading.BoundedSemaphore(1), on_batch=hook)
    assert job.start().join(WAIT)
    assert job.state == JobState.FAILED
    assert job.reason.key == "train.reason.diverged" and job.reason.params == {"epoch": 2}
    assert "diverged in epoch 2" in str(job.reason) and "2번째 에포크" in job.reason.text("ko")
    assert job.epochs_done == 1 and np.isfinite(job.history()["loss"]).all()
    assert job.val_proba is None
    # Both engines roll back to epoch 1's weights (the weights picture and the download hold no NaN).
    proba = job.model.predict_proba(digits.x_val)
    assert np.isfinite(proba).all()
    assert np.mean(proba.argmax(axis=1) == digits.y_val) == pytest.approx(job.history()["val_accuracy"][0])


@pytest.mark.parametrize("engine", ENGINES)
def test_an_exception_fails_with_its_text_and_frees_the_slot(engine, digits):
    """Check that an error in epoch 2 ends the job failed with the error text, keeping epoch 1, and that
    the slot (and Keras's seeding lock) are free for the next job."""
    def hook(epoch, batch):
        if (epoch, batch) == (1, 2):
            raise RuntimeError("disk on fire")

    slots = threading.BoundedSemaphore(1)
    job = run(config(engine), digits, slots=slots, on_batch=hook)
    assert job.state == JobState.FAILED and job.reason.key == "train.reason.error"
    assert "RuntimeError: disk on fire" in str(job.reason)
    assert job.epochs_done == 1
    assert run(config(engine), digits, slots=slots).state == JobState.FINISHED


def test_progress_while_running(digits):
    """Check the live snapshot: running, epoch and batch counts, a positive time-to-go after epoch 1."""
    gate = Gate(epoch=1, batch=4)
    job = TrainJob(config("numpy"), digits, slots=threading.BoundedSemaphore(1), on_batch=gate).start()
    assert gate.reached.wait(WAIT)
    p = job.progress()
    assert (p.state, p.epochs_done, p.batches_done, p.epochs_total) == (JobState.RUNNING, 1, 4, 3)
    assert p.eta_s is not None and p.eta_s >= 0 and p.elapsed_s > 0
    gate.go.set()
    assert job.join(WAIT)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice values are a Linux feature")
def test_training_thread_runs_at_lower_priority_than_the_server(digits):
    """Check that a running job's worker thread is reniced by JOB_NICENESS (capped at 19) while the
    calling thread keeps its priority, so slider reruns are scheduled ahead of training."""
    gate = Gate(epoch=0, batch=2)
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    job = TrainJob(config("numpy"), digits, slots=threading.BoundedSemaphore(1), on_batch=gate).start()
    assert gate.reached.wait(WAIT)
    worker = os.getpriority(os.PRIO_PROCESS, job._thread.native_id)
    assert worker == min(19, mine + JOB_NICENESS)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine
    gate.go.set()
    assert job.join(WAIT)


def test_importing_training_does_not_load_tensorflow():
    """Check, in a fresh interpreter, that the trainer's core module leaves TensorFlow unloaded."""
    code = "import sys, core.runs.training; print(sorted(m for m in ('tensorflow', 'keras') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stderr


def test_message_is_frozen_and_readable():
    """Check that a Message renders in both languages and cannot be changed."""
    msg = training.Message("train.problem.epochs", {"lo": 1, "hi": 7})
    assert str(msg) == "The number of epochs must be between 1 and 7." and "7" in msg.text("ko")
    with pytest.raises(dataclasses.FrozenInstanceError):
        msg.key = "x"


def blas_threads() -> int:
    """The thread count of the BLAS libraries NumPy loaded (threadpoolctl's reading)."""
    from threadpoolctl import threadpool_info
    return min(info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas")


def test_blas_threads_follow_the_number_of_jobs(digits):
    """Check that a job alone gets every core for BLAS and two jobs half each (at least one), and that a
    running job counts: while it trains, BLAS has the cores a lone job gets."""
    cores = os.cpu_count() or 1
    assert training._share_blas_threads(+1) == cores == blas_threads()
    assert training._share_blas_threads(+1) == max(1, cores // 2) == blas_threads()
    assert training._share_blas_threads(-1) == cores
    training._share_blas_threads(-1)
    gate = Gate(epoch=0, batch=1)
    job = TrainJob(config("numpy"), digits, slots=threading.BoundedSemaphore(1), on_batch=gate).start()
    assert gate.reached.wait(WAIT)
    assert training._training_now == 1 and blas_threads() == cores
    gate.go.set()
    assert job.join(WAIT) and training._training_now == 0
