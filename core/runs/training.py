"""Live training: one contract for the trainer page, whichever engine runs.

``TrainConfig`` says what to train; ``TrainJob`` trains it in a worker thread that never touches
Streamlit. Each finished epoch becomes a row of a thread-safe Keras-style history; ``stop()`` acts after
the current batch. A process-wide semaphore caps how many jobs train at once; the rest wait in
``queued``. A finished (or stopped) job keeps the model and its validation/test probabilities.
"""
from __future__ import annotations

import io
import logging
import math
import os
import sys
import threading
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Callable

import numpy as np
from threadpoolctl import threadpool_limits

from core.classroom.limits import positive_int_env
from core.data.datasets import Dataset, one_hot
from core.engines import keras_model
from core.engines.network import HISTORY_KEYS, MultiClassNetwork, TrainingDiverged
from core.runs.config import TrainConfig
from core.text.i18n import Message

SECONDS_KEY = "seconds"  # wall-clock seconds of each epoch, beside the Keras keys
_POLL_S = 0.05  # how often a queued job looks at its stop flag
# How much lower than the server's threads a training thread is scheduled (Linux nice steps, 0–19): a
# class's slider reruns must not wait behind the training that runs beside them on the same cores.
JOB_NICENESS = 19

logger = logging.getLogger(__name__)


def max_jobs() -> int:
    """How many jobs may train at once: ``$PLAYGROUND_MAX_JOBS`` if it is a positive integer, else the
    number of CPU cores."""
    return positive_int_env("PLAYGROUND_MAX_JOBS", os.cpu_count() or 1)


JOB_SLOTS = threading.BoundedSemaphore(max_jobs())


def make_estimator(config: TrainConfig):
    """An untrained estimator for ``config``: ``MultiClassNetwork`` (NumPy) or ``KerasNetwork``."""
    common = dict(units=config.units, activation=config.activation, batch_size=config.batch_size,
                  learning_rate=config.learning_rate, l1=config.l1, l2=config.l2, init=config.init,
                  seed=config.seed)
    if config.engine == "keras":
        return keras_model.KerasNetwork(optimizer=config.optimizer, **common)
    return MultiClassNetwork(**common)


_blas_lock = threading.Lock()
_training_now = 0  # jobs of this process inside _train


def _share_blas_threads(change: int) -> int:
    """Count a job in (+1) or out (−1) and give BLAS ``cores // jobs`` threads (at least one); return it.

    A job alone uses every core; jobs side by side (up to one per core) each get their share. More BLAS
    threads than cores oversubscribes them and spins, which made an epoch 3–10× slower on a busy 2-core
    machine (measured: batch 64 on 48,000 images, 9.1 s with 2 threads each vs 0.9 s with 1). The limit is
    process-wide (OpenBLAS has one pool), so it is set under a lock as jobs come and go.
    """
    global _training_now
    with _blas_lock:
        _training_now = max(0, _training_now + change)
        threads = max(1, (os.cpu_count() or 1) // max(1, _training_now))
        threadpool_limits(limits=threads, user_api="blas")
        return threads


def _lower_this_threads_priority() -> None:
    """Renice the calling thread by ``JOB_NICENESS``.

    Only on Linux, where a nice value belongs to a thread and ``setpriority`` takes a thread id; elsewhere
    the id names no process (macOS would take it for a process id), so the thread keeps its priority.
    """
    if not sys.platform.startswith("linux"):
        return
    tid = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + JOB_NICENESS))
    except OSError:
        pass


class JobState(StrEnum):
    """Where a job is; the values double as the i18n key suffix ``train.state.<value>``."""
    QUEUED = "queued"
    RUNNING = "running"
    STOPPED = "stopped"
    FINISHED = "finished"
    FAILED = "failed"


@dataclass(frozen=True)
class Progress:
    """A snapshot for the page's status line: where the job is and roughly how long it still needs."""
    state: JobState
    epochs_done: int
    epochs_total: int
    batches_done: int      # within the current epoch
    batches_total: int     # per epoch
    elapsed_s: float       # training time so far (0 while queued; frozen once the job ends)
    eta_s: float | None    # None until one epoch has been timed


VAL_PRED_KEY = "val_pred"  # in an observer's logs: the epoch's validation labels, when they are recorded


class TrainJob:
    """Trains ``config`` on ``dataset`` in a worker thread; a :class:`core.runs.run.Run`.

    States: queued (waiting for ``start()`` or a free slot) → running → stopped / finished / failed;
    ``reason`` says why a job failed. ``history()`` is a copy of the rows so far (Keras keys plus
    ``seconds``). When done: ``model`` (the estimator), ``val_proba`` and ``test_proba`` (None when no
    epoch finished or training diverged), and with ``record_val_predictions`` ``val_pred_by_epoch`` (one
    label array per epoch). ``on_batch(epoch, batches_done)`` runs in the worker after every batch;
    ``on_epoch_end(epoch, logs)`` (an observer, e.g. the run store; Keras's callback signature) in the
    worker after each epoch's row is published: ``epoch`` from 0, ``logs`` that row (Keras keys and
    ``seconds``) plus, with ``record_val_predictions``, the epoch's labels under ``VAL_PRED_KEY``.
    """

    def __init__(self, config: TrainConfig, dataset: Dataset, *, slots: threading.Semaphore | None = None,
                 on_batch: Callable[[int, int], None] | None = None,
                 on_epoch_end: Callable[[int, dict], None] | None = None):
        problems = config.validate(dataset)
        if problems:
            raise ValueError("; ".join(map(str, problems)))
        self.config, self.dataset = config, dataset
        self._slots = JOB_SLOTS if slots is None else slots
        self._on_batch = on_batch
        self._on_epoch_end = on_epoch_end
        self._lock = threading.Lock()
        self._stop, self._done = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None
        self._history: dict[str, list[float]] = {k: [] for k in (*HISTORY_KEYS, SECONDS_KEY)}
        self._batches = 0
        self._started_at: float | None = None
        self._epoch_started_at: float | None = None
        self._ended_at: float | None = None
        self.state, self.reason = JobState.QUEUED, None
        self.model = self.val_proba = self.test_proba = None
        self.val_pred_by_epoch: list[np.ndarray] = []
        self.batches_per_epoch = math.ceil(len(dataset.y_train) / config.batch_size)

    # --- control (any thread) ---
    def start(self) -> TrainJob:
        """Start the worker thread (once); the job trains as soon as it gets a slot."""
        with self._lock:
            if self._thread is not None or self._done.is_set():
                raise RuntimeError("a TrainJob starts once")
            self._thread = threading.Thread(target=self._run, name="train-job", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Ask the job to stop; it ends after the current batch (at once while queued)."""
        self._stop.set()
        with self._lock:
            if self._thread is None and not self._done.is_set():
                self._end(JobState.STOPPED)

    def join(self, timeout: float | None = None) -> bool:
        """Wait until the job has ended; return whether it has."""
        return self._done.wait(timeout)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    # --- reading (any thread) ---
    def history(self) -> dict[str, list[float]]:
        """A copy of the per-epoch rows so far."""
        with self._lock:
            return {k: list(v) for k, v in self._history.items()}

    @property
    def epochs_done(self) -> int:
        with self._lock:
            return len(self._history["loss"])

    @property
    def weights_name(self) -> str | None:
        """The name of the model's weights file (None before the model exists)."""
        model = self.model
        return None if model is None else model.weights_name

    def weights_file(self) -> tuple[bytes, str] | None:
        """The model's weights as a file, written now by the engine's ``save``, and its name (None before
        the model exists)."""
        model = self.model
        if model is None:
            return None
        buf = io.BytesIO()
        model.save(buf)
        return buf.getvalue(), model.weights_name

    def progress(self) -> Progress:
        """Where the job stands, with a rough time-to-go from the mean epoch time so far."""
        now = time.perf_counter()
        with self._lock:
            seconds = self._history[SECONDS_KEY]
            done = len(seconds)
            elapsed = 0.0 if self._started_at is None else (self._ended_at or now) - self._started_at
            eta = None
            if seconds and self.state == JobState.RUNNING:
                in_epoch = now - self._epoch_started_at
                eta = max(0.0, sum(seconds) / done * (self.config.epochs - done) - in_epoch)
            return Progress(self.state, done, self.config.epochs, self._batches, self.batches_per_epoch,
                            elapsed, eta)

    # --- the worker ---
    def _end(self, state: JobState, reason: Message | None = None) -> None:
        """Record the final state (caller holds the lock) and wake ``join``."""
        self.state, self.reason = state, reason
        self._ended_at = time.perf_counter()
        self._done.set()

    def _should_stop(self) -> bool:
        self._batches += 1
        if self._on_batch is not None:
            self._on_batch(len(self._history["loss"]), self._batches)
        return self._stop.is_set()

    def _epoch_end(self, epoch: int, logs: dict) -> None:
        labels = None
        if self.config.record_val_predictions:  # reuse the labels of the engine's own validation pass
            pred = self.model.val_pred_
            labels = (self.model.predict(self.dataset.x_val) if pred is None else pred).astype(
                _label_dtype(self.dataset.n_classes))
        now = time.perf_counter()
        row = {k: float(logs[k]) for k in HISTORY_KEYS} | {SECONDS_KEY: now - self._epoch_started_at}
        with self._lock:
            for k, v in row.items():
                self._history[k].append(v)
            self._epoch_started_at, self._batches = now, 0
            if labels is not None:
                self.val_pred_by_epoch.append(labels)
        if self._on_epoch_end is not None:
            self._on_epoch_end(epoch, row if labels is None else {**row, VAL_PRED_KEY: labels})

    def _wait_for_slot(self) -> bool:
        while not self._slots.acquire(timeout=_POLL_S):
            if self._stop.is_set():
                return False
        if self._stop.is_set():
            self._slots.release()
            return False
        return True

    def _run(self) -> None:
        """The worker: whatever happens, the job ends (a stuck "running" would disable Start forever)."""
        state, reason = JobState.FAILED, None
        try:
            if not self._wait_for_slot():
                state = JobState.STOPPED
                return
            try:
                _share_blas_threads(+1)
                state, reason = self._train()
            finally:
                self._slots.release()
                _share_blas_threads(-1)
        except Exception as exc:  # noqa: BLE001  (any failure must end the job visibly, not kill the thread)
            logger.exception("training job failed")
            reason = Message("train.reason.error", {"error": f"{type(exc).__name__}: {exc}"})
        finally:
            with self._lock:
                if not self._done.is_set():
                    self._end(state, reason)

    def _train(self) -> tuple[JobState, Message | None]:
        """Train and publish the probabilities; return the final state and reason (raises on errors)."""
        _lower_this_threads_priority()
        ds, n = self.dataset, self.dataset.n_classes
        with self._lock:
            self.state = JobState.RUNNING
            self._started_at = self._epoch_started_at = time.perf_counter()
        self.model = make_estimator(self.config)
        try:
            self.model.fit(ds.x_train, one_hot(ds.y_train, n), epochs=self.config.epochs, x_val=ds.x_val,
                           y_val=one_hot(ds.y_val, n), on_epoch_end=self._epoch_end,
                           should_stop=self._should_stop)
        except TrainingDiverged:
            return JobState.FAILED, Message("train.reason.diverged", {"epoch": self.epochs_done + 1})
        val_proba = test_proba = None
        if self.epochs_done:  # the model holds the last finished epoch's weights, as the chart shows
            val_proba, test_proba = self.model.predict_proba(ds.x_val), self.model.predict_proba(ds.x_test)
        # Published together with the end, so that a page never sees one without the other.
        with self._lock:
            self.val_proba, self.test_proba = val_proba, test_proba
            self._end(JobState.STOPPED if self.model.stopped_ else JobState.FINISHED)
        return self.state, None


def _label_dtype(n_classes: int):
    return np.int8 if n_classes <= 127 else np.int16
