"""Run store speed: an epoch's row, a finished run's arrays, and the reads a reloaded tab makes.

Targets (issue 15): an epoch row ≤ 5 ms, a finished run's arrays ≤ 100 ms. Printed beside a peer
measured in the same run: a bare sqlite3 insert + commit on the same file system (no store code), and
``np.save`` of the same arrays to a file. Run: .venv/bin/python bench/store_speed.py
"""
from __future__ import annotations

import io
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from core.runs.store import RunStore, new_workspace_id  # noqa: E402
from core.runs.stored_job import StoredJob  # noqa: E402
from core.runs.config import TrainConfig  # noqa: E402

ROW = {"loss": 0.5, "accuracy": 0.8, "val_loss": 0.6, "val_accuracy": 0.75, "seconds": 0.2}


def ms(times: list[float]) -> str:
    p95 = float(np.percentile(times, 95))
    return f"median {statistics.median(times) * 1e3:6.2f} ms, p95 {p95 * 1e3:6.2f} ms, max {max(times) * 1e3:6.2f} ms"


def main() -> None:
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, 12_000).astype(np.int8)           # Fashion-MNIST's validation set
    val = rng.dirichlet(np.ones(10), 12_000).astype(np.float32)
    test = rng.dirichlet(np.ones(10), 10_000).astype(np.float32)
    weights = io.BytesIO()
    np.savez(weights, w1=rng.random((784, 100), np.float32), b1=np.zeros(100, np.float32),
             w2=rng.random((100, 10), np.float32), b2=np.zeros(10, np.float32))
    with tempfile.TemporaryDirectory() as tmp:
        store = RunStore(tmp)
        ws = new_workspace_id()
        epoch_t, arrays_t, ids = [], [], []
        for n in range(20):
            rid = store.create_run(ws, n + 1, TrainConfig(), "bench")
            ids.append(rid)
            for e in range(40):
                t0 = time.perf_counter()
                store.save_epoch(rid, e + 1, ROW, labels)
                epoch_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            store.end_run(rid, "finished", val_proba=val, test_proba=test, weights=weights.getvalue(),
                          weights_name="weights.npz")
            arrays_t.append(time.perf_counter() - t0)
        # What a reloaded tab does: list its workspace, read six runs' histories and one run's arrays.
        reload_t = []
        for _ in range(20):
            t0 = time.perf_counter()
            jobs = [StoredJob(store, r, None) for r in store.runs(ws)[-6:]]
            _ = jobs[-1].val_proba, jobs[-1].val_pred_by_epoch
            reload_t.append(time.perf_counter() - t0)
        board_t = []
        for _ in range(20):
            t0 = time.perf_counter()
            store.runs()
            board_t.append(time.perf_counter() - t0)
        assert store.ok, store.problem

        # Peers: bare sqlite3 on the same file system, and np.save of the same arrays.
        conn = sqlite3.connect(Path(tmp) / "peer.sqlite3", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("CREATE TABLE t (a, b, c, d, e, f, g BLOB)")
        peer_row = []
        for _ in range(800):
            t0 = time.perf_counter()
            conn.execute("BEGIN")
            conn.execute("INSERT INTO t VALUES (1, .5, .8, .6, .75, .2, ?)", (labels.tobytes(),))
            conn.execute("COMMIT")
            peer_row.append(time.perf_counter() - t0)
        peer_save = []
        for _ in range(20):
            t0 = time.perf_counter()
            with open(Path(tmp) / "peer.npy", "wb") as f:
                np.save(f, val.astype(np.float16))
                np.save(f, test.astype(np.float16))
            peer_save.append(time.perf_counter() - t0)
        size = store.size_bytes() / 1e6

    print(f"epoch row (+12,000 int8 labels)   {ms(epoch_t)}   target ≤ 5 ms")
    print(f"  peer: bare sqlite3 insert+commit {ms(peer_row)}")
    print(f"finished run's arrays (f16 val+test, weights .npz)  {ms(arrays_t)}   target ≤ 100 ms")
    print(f"  peer: np.save of the same arrays {ms(peer_save)}")
    print(f"reloaded tab's reads (6 runs, arrays of 1)  {ms(reload_t)}")
    print(f"board listing of {len(ids)} runs × 40 epochs  {ms(board_t)}")
    print(f"store size: {size:.1f} MB for {len(ids)} Fashion-MNIST-sized runs")


if __name__ == "__main__":
    main()
