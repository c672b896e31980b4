"""The runs of a class, in one place: the trainer, predictions and board pages reach runs through here.

A :class:`RunService` joins the run store, the process-wide registry of each browser's run list, the
per-student start limit and the data loader. It takes plain values (a workspace id, a tab's session id, a
TrainConfig, a nickname) and never Streamlit state, so every rule about runs can be read and tested here:
who may start a run and when, how a run is recorded epoch by epoch, how a tab finds its browser's runs after
a reload or a restart, and whose stored run a page may open. A setting's way from the trainer page to the
stored epoch: ``TrainConfig`` (core.runs.config) → :meth:`RunService.start` → ``TrainJob`` (core.runs.training)
trains the engine and reports each epoch, Keras-style, to :meth:`RunRecorder.on_epoch_end` → the store.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from core.classroom.limits import StartLimit
from core.data.datasets import Dataset
from core.runs.config import TrainConfig
from core.runs.run import Run
from core.runs.run_list import RunList, RunStillActive
from core.runs.store import ACTIVE_STATES, RunRecord, RunStore, anonymous_name, clean_nickname
from core.runs.stored_job import StoredJob
from core.runs.training import VAL_PRED_KEY, TrainJob
from core.runs.workspaces import Workspaces
from core.text.i18n import Message

MAX_RUN_ID = 40  # longer than any id the store makes: an address's ?run= past it is not looked up

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

    def on_epoch_end(self, epoch: int, logs: dict) -> None:
        """Commit the epoch that just ended, 0-based ``epoch`` and its row ``logs`` as the job reports them
        (with its validation labels under ``VAL_PRED_KEY`` when recorded), in the job's worker thread."""
        if self.run_id is None:
            return
        self.store.save_epoch(self.run_id, epoch + 1, logs, logs.get(VAL_PRED_KEY))

    def watch(self, job: Run) -> threading.Thread:
        """Save the job's end from a small thread that waits for it (whichever way it ends)."""
        thread = threading.Thread(target=self._save_end, args=(job,), name="run-recorder", daemon=True)
        thread.start()
        return thread

    def _save_end(self, job: Run) -> None:
        job.join()
        if self.run_id is None:
            return
        try:
            file = job.weights_file() if job.epochs_done and job.val_proba is not None else None
        except Exception:  # noqa: BLE001  (a model that cannot be saved still keeps its curves)
            logger.exception("run %s: its weights could not be saved; its curves and predictions are kept",
                             self.run_id)
            file = None
        weights, name = file or (None, None)
        self.store.end_run(self.run_id, str(job.state), job.reason, val_proba=job.val_proba,
                           test_proba=job.test_proba, weights=weights, weights_name=name)


class RunService:
    """One server process's runs. ``load_dataset(name, subset)`` gives a data set (the page's shared
    cache); ``grace_s`` is how long a browser's runs outlive its last tab (default ``$PLAYGROUND_GRACE_S``)."""

    def __init__(self, store: RunStore, load_dataset: Callable[[str, int | None], Dataset], *,
                 grace_s: float | None = None, start_limit: StartLimit | None = None):
        self.store = store
        self.load_dataset = load_dataset
        self.start_limit = StartLimit() if start_limit is None else start_limit
        self.workspaces = Workspaces(lambda ws: self.catch_up(RunList(), ws), grace_s=grace_s)

    # --- a browser's runs ---
    def hold(self, ws: str, session: str) -> None:
        """Tab ``session`` shows workspace ``ws``: its runs are kept while any such tab is open."""
        self.workspaces.hold(ws, session)

    def release(self, ws: str, session: str) -> None:
        """Tab ``session`` went away (or started afresh): the runs outlive the last tab by the grace period."""
        self.workspaces.release(ws, session)

    def runs(self, ws: str) -> RunList:
        """The workspace's run list, shared by its tabs, with any stored run it lacks put back."""
        return self.catch_up(self.workspaces.runs(ws), ws)

    def catch_up(self, runs: RunList, ws: str) -> RunList:
        """``runs`` with the workspace's stored runs it lacks: all of them when this process builds the list
        (after a restart), and later the ones another server process ended since (a proxy may send one
        browser's tabs to different processes). A run still training elsewhere joins once it has ended.
        One indexed query when nothing is new."""
        if self.store.next_number(ws) - 1 > runs.highest:
            for record in self.store.runs(ws)[-runs.keep:]:
                if record.number > runs.highest and record.state not in ACTIVE_STATES:
                    runs.restore(record.number, StoredJob(self.store, record, self.load_dataset))
        return runs

    def run_count(self, ws: str) -> int:
        """How many runs the workspace has: the store's count, or the list's while the store waits to save."""
        return max(self.store.run_count(ws), len(self.runs(ws)))

    def start(self, ws: str, config: TrainConfig, data: Dataset, nickname: str) -> Message | None:
        """Start training ``config`` on ``data`` as the workspace's newest run, saved to the store epoch by
        epoch under ``nickname``. Returns why it did not start: another run of the workspace is queued or
        training (another tab, a double click), or the student started too many runs this minute."""
        runs = self.runs(ws)
        if runs.active is not None:
            return Message("train.refused.active", {"n": runs.active.number})
        wait = self.start_limit.take(ws)
        if wait:
            return Message("train.refused.rate", {"n": self.start_limit.per_minute, "s": max(1, round(wait))})
        recorder = RunRecorder(self.store)
        job = TrainJob(config, data, on_epoch_end=recorder.on_epoch_end)
        try:
            run = runs.add(job, self.store.next_number(ws))
        except RunStillActive:  # a second click that raced past the check above
            return Message("train.refused.active", {"n": runs.active.number if runs.active else 0})
        recorder.begin(ws, run.number, config, nickname)
        job.start()
        recorder.watch(job)
        return None

    def stop(self, ws: str, timeout: float = 5.0) -> None:
        """Stop the workspace's run in training, if any, and wait up to ``timeout`` for it to end."""
        self.runs(ws).stop_active(timeout)

    # --- names ---
    def nickname(self, ws: str) -> str:
        """The name the workspace's runs carry on the class board (an animal until the student picks one)."""
        return self.store.nickname(ws) or anonymous_name(ws)

    def rename(self, ws: str, text: str) -> tuple[str | None, Message | None]:
        """Take ``text`` as the workspace's nickname: ``(name, None)`` when it is kept, else ``(None, why)``."""
        name, why = clean_nickname(text)
        if name is not None:
            self.store.set_nickname(ws, name)
        return name, why

    # --- stored runs that other pages open ---
    def run_id(self, ws: str, number: int) -> str | None:
        """The stored id of the workspace's run ``number`` (what a shareable address names)."""
        return next((r.id for r in self.store.runs(ws) if r.number == number), None)

    def shared_run(self, run_id: str | None, ws: str, teacher: bool) -> tuple[StoredJob | None, bool]:
        """The finished run of *another* workspace that an address names (``?run=`` from the class board),
        read only, and whether it was refused because the teacher hid it (only the teacher opens those).
        ``(None, False)`` for no such run, an unfinished one, or the browser's own."""
        record = self.store.run(run_id) if run_id and len(run_id) <= MAX_RUN_ID else None
        if record is None or not record.has_arrays or record.workspace == ws:
            return None, False
        if record.hidden and not teacher:
            return None, True
        return StoredJob(self.store, record, self.load_dataset), False

    def board(self, teacher: bool) -> list[RunRecord]:
        """Every stored run of the server; the runs the teacher hid only for the teacher."""
        return self.store.runs(include_hidden=teacher)

    def history(self, run_id: str) -> dict[str, list[float]]:
        """A stored run's per-epoch rows (anyone's: the board compares them)."""
        return self.store.history(run_id)

    # --- changes: a student's own runs; the teacher's for the class ---
    def delete(self, ws: str, run_id: str) -> bool:
        """Delete one of the workspace's own ended runs (from the store and its tabs' list); a classmate's
        run, or one still training, is refused (False)."""
        record = self.store.run(run_id)
        if record is None or not self.store.delete_run(run_id, ws):
            return False
        self.runs(ws).forget(record.number)
        return True

    def set_hidden(self, teacher: bool, hidden: list[str]) -> bool:
        """The teacher hides exactly ``hidden`` from the students' board (and shows every other run again);
        refused (False) for anyone else."""
        if not teacher:
            return False
        hide = set(hidden)
        self.store.hide_runs([r.id for r in self.store.runs() if r.id not in hide], hidden=False)
        self.store.hide_runs(hide)
        return True

    def clear(self, teacher: bool) -> int | None:
        """The teacher deletes every stored run of the class; returns how many (None: refused, not the
        teacher)."""
        return self.store.clear() if teacher else None
