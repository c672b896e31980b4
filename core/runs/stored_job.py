"""A training job and the run store, joined: a recorder that saves a live job as it trains, and a
read-only stand-in for a job that ended before this tab (or this server process) began."""
from __future__ import annotations

import io
import logging
import threading

import numpy as np

from core.runs.export import weights_bytes, weights_name
from core.runs.store import RunRecord, RunStore
from core.runs.config import TrainConfig
from core.runs.training import JobState, Progress, TrainJob, make_estimator

logger = logging.getLogger(__name__)


class RunRecorder:
    """Saves one job into the store: each epoch's row as it ends (``on_epoch_end``, passed to the
    TrainJob as its observer) and, once the job ends, its state, probabilities and weights."""

    def __init__(self, store: RunStore):
        self.store = store
        self.run_id: str | None = None

    def begin(self, workspace: str, number: int, config: TrainConfig, nickname: str) -> str | None:
        """Record the run (before its job starts); returns its id, None when the store is off."""
        self.run_id = self.store.create_run(workspace, number, config, nickname)
        return self.run_id

    def on_epoch_end(self, job: TrainJob) -> None:
        """Commit the epoch that just ended (called in the job's worker thread)."""
        if self.run_id is None:
            return
        hist = job.history()
        n = len(hist["loss"])
        labels = job.val_pred_by_epoch[n - 1] if len(job.val_pred_by_epoch) >= n else None
        self.store.save_epoch(self.run_id, n, {k: v[-1] for k, v in hist.items()}, labels)

    def watch(self, job: TrainJob) -> threading.Thread:
        """Save the job's end from a small thread that waits for it (whichever way it ends)."""
        thread = threading.Thread(target=self._save_end, args=(job,), name="run-recorder", daemon=True)
        thread.start()
        return thread

    def _save_end(self, job: TrainJob) -> None:
        job.join()
        if self.run_id is None:
            return
        model = job.model if job.epochs_done and job.val_proba is not None else None
        try:
            weights = weights_bytes(model) if model is not None else None
        except Exception:  # noqa: BLE001  (a model that cannot be saved still keeps its curves)
            logger.exception("run %s: its weights could not be saved; its curves and predictions are kept",
                             self.run_id)
            weights = None
        self.store.end_run(self.run_id, str(job.state), job.reason, val_proba=job.val_proba,
                           test_proba=job.test_proba, weights=weights,
                           weights_name=weights_name(model) if weights else None)


class StoredJob:
    """A run read back from the store, with the reading side of :class:`TrainJob` (``history()``,
    ``progress()``, ``val_proba``…): the trainer and prediction pages show it like a job that ended.
    Arrays load on first use; ``dataset`` comes from ``load_dataset(name, subset)`` (the shared cache)."""

    done = True

    def __init__(self, store: RunStore, record: RunRecord, load_dataset):
        self.store, self.record, self.config = store, record, record.config
        self._load_dataset = load_dataset
        self._history = store.history(record.id)
        self._arrays = self._labels = self._model = None

    @property
    def run_id(self) -> str:
        return self.record.id

    @property
    def state(self) -> str:
        return JobState(self.record.state) if self.record.state in tuple(JobState) else self.record.state

    @property
    def reason(self):
        return self.record.reason

    @property
    def epochs_done(self) -> int:
        return len(self._history["loss"])

    def history(self) -> dict[str, list[float]]:
        return {k: list(v) for k, v in self._history.items()}

    def progress(self) -> Progress:
        return Progress(self.state, self.epochs_done, self.config.epochs, 0, 1,
                        float(sum(self._history["seconds"])), None)

    def stop(self) -> None:
        """Nothing to stop."""

    def join(self, timeout: float | None = None) -> bool:
        return True

    def _load_arrays(self):
        if self._arrays is None:
            self._arrays = self.store.arrays(self.record.id) or False
        return self._arrays

    @property
    def val_proba(self) -> np.ndarray | None:
        return self._load_arrays().val_proba if self.record.has_arrays and self._load_arrays() else None

    @property
    def test_proba(self) -> np.ndarray | None:
        return self._load_arrays().test_proba if self.record.has_arrays and self._load_arrays() else None

    @property
    def val_pred_by_epoch(self) -> list[np.ndarray]:
        if self._labels is None:
            self._labels = self.store.epoch_labels(self.record.id)
        return self._labels

    @property
    def dataset(self):
        return self._load_dataset(self.config.dataset, self.config.subset)

    def weights_file(self) -> tuple[bytes, str] | None:
        """The stored weights file and its name (``weights.npz`` / ``model.keras``), if any."""
        a = self._load_arrays()
        return (a.weights, a.weights_name) if a and a.weights else None

    @property
    def model(self):
        """The NumPy network rebuilt from its stored ``.npz`` (None for Keras runs, whose ``.keras`` file
        would need TensorFlow loaded: :meth:`weights_file` offers it as it is)."""
        file = self.weights_file()
        if self._model is None and file is not None and file[1] == "weights.npz" and self.config.engine == "numpy":
            with np.load(io.BytesIO(file[0]), allow_pickle=False) as z:
                w = [z[f"{k}{i}"] for i in (1, 2) for k in ("w", "b") if f"{k}{i}" in z]
            net = make_estimator(self.config)
            if len(w) == 4:
                net.w1_, net.b1_, net.w2_, net.b2_ = w
            else:  # softmax regression: its one layer is the output layer
                net.w1_ = net.b1_ = None
                net.w2_, net.b2_ = w
            net._n_features, net._dtype = w[0].shape[0], np.dtype(net.dtype)  # what fit would have set
            self._model = net
        return self._model
