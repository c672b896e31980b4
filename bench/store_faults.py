"""A run trained while another connection holds the run store's write lock far past the busy timeout.

Issue 23: one locked write switched saving off, and that run's later epochs and its end were lost. Here a
real digits run (RunRecorder on a TrainJob, as the trainer page does) trains 30 epochs while a second
connection holds ``BEGIN IMMEDIATE`` for 10 s; printed: epochs the job finished, epochs stored while the
lock was held, and epochs stored (and the run's state) once it let go, with how long saving took to catch
up. Run: .venv/bin/python bench/store_faults.py
"""
from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from core.data.datasets import load_digits  # noqa: E402
from core.runs.store import RunStore, new_workspace_id  # noqa: E402
from core.runs.service import RunRecorder  # noqa: E402
from core.runs.config import TrainConfig  # noqa: E402
from core.runs.training import TrainJob  # noqa: E402

HOLD_S = 10.0
EPOCHS = 30


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store, ws = RunStore(tmp), new_workspace_id()
        rec = RunRecorder(store)
        job = TrainJob(TrainConfig(dataset="digits", units=64, batch_size=8, epochs=EPOCHS, learning_rate=0.1,
                                   record_val_predictions=True), load_digits(), on_epoch_end=rec.on_epoch_end)
        rec.begin(ws, 1, job.config, "bench")
        blocker = sqlite3.connect(store.path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another process's long write
        t0 = time.perf_counter()
        job.start()
        ended = rec.watch(job)
        job.join()
        ended.join()
        trained = time.perf_counter() - t0
        during = store.runs(ws)[0].epochs if store.runs(ws) else 0
        problem = store.problem.key if store.problem else None
        time.sleep(max(0.0, HOLD_S - (time.perf_counter() - t0)))
        blocker.execute("COMMIT")
        released = time.perf_counter()
        while not store.ok and time.perf_counter() - released < 60:
            time.sleep(0.01)
        caught_up = time.perf_counter() - released
        (record,) = store.runs(ws)
        print(f"lock held {HOLD_S:.0f} s (busy timeout {store._busy_timeout_s:.0f} s); the job trained {job.epochs_done} "
              f"epochs in {trained:.1f} s")
        print(f"while held: {during} epochs stored, the page says {problem}")
        print(f"after: {record.epochs} of {job.epochs_done} epochs stored, state {record.state}, arrays "
              f"{'kept' if record.has_arrays else 'lost'}, {caught_up:.2f} s after the lock went")


if __name__ == "__main__":
    main()
