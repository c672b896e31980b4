"""One training run as the pages read it, whether it trains in this process or was read back from the store.

``TrainJob`` (live) and ``StoredJob`` (ended before this tab or this server process began) both implement
:class:`Run`; a reader takes a ``Run`` and never asks which one it holds.
"""
from __future__ import annotations

from typing import Protocol

import numpy as np

from core.data.datasets import Dataset
from core.runs.config import TrainConfig
from core.runs.training import JobState, Progress
from core.text.i18n import Message


class Run(Protocol):
    """The reading side of a training run (and the two calls that end it, which do nothing once it has ended)."""

    @property
    def config(self) -> TrainConfig:
        """What was trained: engine, data set, settings."""

    @property
    def dataset(self) -> Dataset:
        """The data set it trained on (a stored run loads it on first use; it may raise ``DatasetError``)."""

    @property
    def state(self) -> JobState | str:
        """Where it is: queued, running, stopped, finished or failed."""

    @property
    def reason(self) -> Message | None:
        """Why it failed (None unless it did)."""

    @property
    def done(self) -> bool:
        """Whether it has ended; its probabilities and model are final from then on."""

    @property
    def epochs_done(self) -> int:
        """How many epochs finished (the rows of :meth:`history`)."""

    def history(self) -> dict[str, list[float]]:
        """A copy of the per-epoch rows, Keras style: ``loss, accuracy, val_loss, val_accuracy`` and ``seconds``."""

    def progress(self) -> Progress:
        """A snapshot for a status line: state, epochs and batches done, time so far and to go."""

    @property
    def val_proba(self) -> np.ndarray | None:
        """Softmax probabilities on the validation set once it ended (None when no epoch finished or it
        diverged)."""

    @property
    def test_proba(self) -> np.ndarray | None:
        """Softmax probabilities on the test set, published together with ``val_proba``."""

    @property
    def val_pred_by_epoch(self) -> list[np.ndarray]:
        """The validation labels each epoch predicted (empty unless ``config.record_val_predictions``)."""

    @property
    def model(self):
        """The trained engine (``MultiClassNetwork`` or ``KerasNetwork``) to predict with, or None (not
        trained yet, or a stored Keras run: loading it would load TensorFlow; :meth:`weights_file` has it)."""

    @property
    def weights_name(self) -> str | None:
        """The name its weights file goes by (``weights.npz`` or ``model.keras``), None when it has none."""

    def weights_file(self) -> tuple[bytes, str] | None:
        """Its weights as a file and that file's name, None when it has none; a live run writes the file
        now (a Keras save takes a moment), a stored one gives back the file it kept."""

    def stop(self) -> None:
        """Ask it to stop after the current batch."""

    def join(self, timeout: float | None = None) -> bool:
        """Wait until it has ended (up to ``timeout`` seconds); return whether it has."""
