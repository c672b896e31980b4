"""The runs of one browser session: a short list of training jobs to watch, compare and export."""
from __future__ import annotations

import threading
from dataclasses import dataclass

from core.text.i18n import t
from core.runs.config import TrainConfig
from core.runs.run import Run
from core.runs.training import TrainJob


@dataclass(frozen=True)
class NumberedRun:
    """One training run (live or stored) with a number for people to refer to (“run 3”)."""
    number: int
    config: TrainConfig
    job: Run

    def name(self, lang: str) -> str:
        """A name that reads as words in ``lang``: number, engine, hidden units (or none), learning rate."""
        return run_name(self.number, self.config, lang)


def run_name(number: int, config: TrainConfig, lang: str) -> str:
    """Run ``number``'s name in words ("Run 3 · NumPy · 100 hidden units · learning rate 0.1")."""
    c = config
    return t("train.run.name", lang, n=number, engine=t(f"train.run.engine.{c.engine}", lang),
             units=_units_text(c, lang), lr=f"{c.learning_rate:g}")


def _units_text(c: TrainConfig, lang: str) -> str:
    return t("train.run.units", lang, n=c.units) if c.units else t("train.run.no_hidden", lang)


def settings_text(config: TrainConfig, lang: str) -> str:
    """A run's key settings in words of ``lang``, short enough for a table cell, with the trainer's own names
    for the activation and the data set ("100 hidden units · ReLU · learning rate 0.05 · batch size 32 ·
    Fashion-MNIST (28×28)"); no activation without a hidden layer, where there is none to apply."""
    c = config
    data = t(f"trainer.dataset.{c.dataset}", lang)
    parts = [_units_text(c, lang), *([t(f"trainer.activation.{c.activation}", lang)] if c.units else []),
             t("train.run.lr", lang, lr=f"{c.learning_rate:g}"), t("train.run.batch", lang, n=c.batch_size),
             t("train.run.subset", lang, data=data, n=c.subset) if c.subset else data]
    return " · ".join(parts)


class RunStillActive(RuntimeError):
    """A tab's run is still queued or training: it trains one at a time."""


class RunList:
    """At most ``keep`` runs, newest last; starting one more forgets the oldest finished run. At most one
    run is active (queued or training) at a time: :meth:`add` refuses a second."""

    def __init__(self, keep: int = 6):
        self.keep = keep
        self._runs: list[NumberedRun] = []
        self._count = 0
        self._lock = threading.Lock()

    def add(self, job: TrainJob, number: int = 0) -> NumberedRun:
        """Register ``job`` (not yet started) as the newest run, numbered after every earlier one (and at
        least ``number``: the run store's next, which another server process may have moved on); raises
        :class:`RunStillActive` while another run is active (checked under the lock, so a double click
        cannot start two)."""
        with self._lock:
            if any(not r.job.done for r in self._runs):
                raise RunStillActive("this tab already has a run that is queued or training")
            self._count = max(self._count + 1, number)
            run = NumberedRun(self._count, job.config, job)
            self._runs.append(run)
            while len(self._runs) > self.keep:
                oldest_done = next((r for r in self._runs if r.job.done), None)
                if oldest_done is None:
                    break
                self._runs.remove(oldest_done)
            return run

    def restore(self, number: int, job: Run) -> NumberedRun:
        """Put back a run kept elsewhere (the run store) under its own number; newer numbers follow it."""
        with self._lock:
            run = NumberedRun(number, job.config, job)
            self._runs.append(run)
            self._runs.sort(key=lambda r: r.number)
            self._count = max(self._count, number)
            return run

    @property
    def highest(self) -> int:
        """The highest run number given or restored so far (0 for none)."""
        with self._lock:
            return self._count

    def forget(self, number: int) -> None:
        """Drop the run with this number (deleted from the store); a run still training is kept."""
        with self._lock:
            self._runs = [r for r in self._runs if r.number != number or not r.job.done]

    def __iter__(self):
        with self._lock:
            return iter(list(self._runs))

    def __len__(self) -> int:
        with self._lock:
            return len(self._runs)

    def get(self, number: int) -> NumberedRun | None:
        """The run with this number, if it is still kept."""
        return next((r for r in self if r.number == number), None)

    @property
    def latest(self) -> NumberedRun | None:
        """The newest run, or None."""
        runs = list(self)
        return runs[-1] if runs else None

    @property
    def active(self) -> NumberedRun | None:
        """The run still queued or training, if any (a session trains one at a time)."""
        return next((r for r in self if not r.job.done), None)

    def stop_active(self, timeout: float = 5.0) -> NumberedRun | None:
        """Stop the active run, if any, and wait (up to ``timeout``) for it to end; return it. The run is
        read once: it may end at any moment, even as it is being stopped."""
        run = self.active
        if run is not None:
            run.job.stop()
            run.job.join(timeout)
        return run

    def stop_all(self, timeout: float = 5.0) -> None:
        """Stop every job and wait (up to ``timeout`` each) for its thread to end — used when a tab closes."""
        runs = list(self)
        for r in runs:
            r.job.stop()
        for r in runs:
            r.job.join(timeout)
