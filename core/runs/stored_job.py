"""A run read back from the run store: the read-only stand-in for a job that ended before this tab (or
this server process) began. (The write side, the recorder that saves a live job as it trains, is in
core.runs.service.)"""
from __future__ import annotations

import io

import numpy as np

from core.runs.store import RunRecord, RunStore
from core.runs.training import JobState, Progress, make_estimator


class StoredJob:
    """A run read back from the store, a :class:`core.runs.run.Run` like the live ``TrainJob``: the
    trainer and prediction pages show it like a job that ended.
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
    def weights_name(self) -> str | None:
        """The stored weights file's name, None when the run kept none."""
        file = self.weights_file()
        return None if file is None else file[1]

    @property
    def model(self):
        """The NumPy network loaded from its stored ``.npz`` by the engine's ``load`` (None for Keras runs,
        whose ``.keras`` file would need TensorFlow loaded: :meth:`weights_file` offers it as it is)."""
        file = self.weights_file()
        if self._model is None and file is not None and self.config.engine == "numpy":
            self._model = make_estimator(self.config).load(io.BytesIO(file[0]))
        return self._model
