"""The run store against a real SQLite file: round trips, migrations, recovery, eviction, faults,
concurrent writers and readers, and a writer killed with SIGKILL."""
from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from core.data import load_digits
from core.i18n import t
from core.store import (DB_NAME, INTERRUPTED, SCHEMA_VERSION, RunStore, anonymous_name, clean_nickname,
                        new_workspace_id)
from core.stored_job import RunRecorder, StoredJob
from core.training import TrainConfig, TrainJob

ROOT = Path(__file__).resolve().parents[1]
ROW = {"loss": 0.5, "accuracy": 0.8, "val_loss": 0.6, "val_accuracy": 0.75, "seconds": 0.1}


@pytest.fixture
def store(tmp_path):
    s = RunStore(tmp_path)
    assert s.ok, s.problem
    yield s
    s.close()


@pytest.fixture(scope="module")
def digits():
    return load_digits()


def quick(**changes) -> TrainConfig:
    return TrainConfig(**{**dict(dataset="digits", units=16, batch_size=64, epochs=3, learning_rate=0.5,
                                 record_val_predictions=True), **changes})


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_a_run_round_trips(store):
    """Check that config, epochs, labels, float16 probabilities and weights come back as written."""
    ws = new_workspace_id()
    cfg = quick(units=7, learning_rate=0.25, l2=1e-3, subset=500)
    run_id = store.create_run(ws, 3, cfg, "Ada")
    rng = np.random.default_rng(0)
    labels = [rng.integers(0, 10, 288) for _ in range(2)]
    for e in range(2):
        store.save_epoch(run_id, e + 1, {k: v + e for k, v in ROW.items()}, labels[e])
    proba = rng.dirichlet(np.ones(10), 288).astype(np.float32)
    store.end_run(run_id, "finished", val_proba=proba, test_proba=proba[:100], weights=b"\x00npz", weights_name="weights.npz")
    (rec,) = store.runs(ws)
    assert (rec.number, rec.nickname, rec.config, rec.state, rec.epochs) == (3, "Ada", cfg, "finished", 2)
    assert rec.best_val_accuracy == pytest.approx(1.75) and rec.seconds == pytest.approx(1.2)
    assert store.history(run_id) == {k: [v, v + 1] for k, v in ROW.items()}
    got = store.epoch_labels(run_id)
    assert [g.dtype for g in got] == [np.int8] * 2 and all(np.array_equal(g, w) for g, w in zip(got, labels))
    arrays = store.arrays(run_id)
    np.testing.assert_allclose(arrays.val_proba, proba, atol=5e-4)  # float16 keeps ~3 significant digits
    assert arrays.val_proba.dtype == np.float32 and arrays.test_proba.shape == (100, 10)
    assert (arrays.weights, arrays.weights_name) == (b"\x00npz", "weights.npz")
    with sqlite3.connect(store.path) as conn:
        blob = conn.execute("SELECT val_proba FROM arrays").fetchone()[0]
    assert np.load(io.BytesIO(blob)).dtype == np.float16
    assert conn.execute  # the file is a plain SQLite database any tool can read


def test_schema_version_and_wal(store, tmp_path):
    """Check that a new file is at the current schema version in WAL mode, and reopening keeps the runs."""
    store.create_run(new_workspace_id(), 1, quick(), "x")
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again = RunStore(tmp_path)
    assert again.ok and len(again.runs()) == 1


def test_epoch_rows_never_checkpoint_the_log(store):
    """Check that saving epochs leaves the database file alone (no checkpoint, with its fsync, in the
    training thread) and that ending the run copies them in: 400 epochs of 12,000 labels fill more
    log pages than SQLite's automatic checkpoint allows (1,000)."""
    run_id = store.create_run(new_workspace_id(), 1, quick(), "x")
    labels = np.zeros(12_000, dtype=np.int8)
    size_before = store.path.stat().st_size
    for e in range(400):
        store.save_epoch(run_id, e + 1, ROW, labels)
    assert store.path.stat().st_size - size_before < 1_000_000
    store.end_run(run_id, "finished")
    assert store.path.stat().st_size - size_before > 4_000_000
    assert len(store.history(run_id)["loss"]) == 400 and integrity(store.path) == "ok"


def test_a_newer_schema_is_left_alone(tmp_path):
    """Check that a file from a newer app version is not touched and the store says so."""
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        conn.execute("PRAGMA user_version = 99")
    s = RunStore(tmp_path)
    assert s.problem.key == "store.problem.newer" and s.runs() == []
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 99


def test_eviction_keeps_running_runs(tmp_path):
    """Check that beyond max_runs the oldest ended runs go first and a running one is never evicted."""
    s = RunStore(tmp_path, max_runs_kept=3)
    ws = new_workspace_id()
    running = s.create_run(ws, 1, quick(), "a")
    s.save_epoch(running, 1, ROW)
    ended = []
    for n in range(2, 6):
        rid = s.create_run(ws, n, quick(), "a")
        ended.append(rid)
        s.end_run(rid, "finished")
    ids = [r.id for r in s.runs()]
    assert running in ids and len(ids) == 3
    assert ids[1:] == ended[-2:] or set(ids) == {running, *ended[-2:]}


def finished_run(store: RunStore, ws: str, number: int) -> str:
    """A run of ``ws`` with one epoch, ended as finished; returns its id."""
    rid = store.create_run(ws, number, quick(), "x")
    store.save_epoch(rid, 1, ROW)
    store.end_run(rid, "finished")
    return rid


def test_one_students_many_runs_never_evict_a_classmates(tmp_path):
    """Check that a student over the per-student cap loses their own oldest runs, never a classmate's: one
    tab pressing Start twenty times leaves a classmate's runs as they were (the old store evicted the
    server's oldest runs, the classmate's first)."""
    s = RunStore(tmp_path, max_runs_kept=500, max_runs_per_workspace=5)
    classmate, busy = new_workspace_id(), new_workspace_id()
    theirs = [finished_run(s, classmate, n) for n in range(1, 5)]
    mine = [finished_run(s, busy, n) for n in range(1, 21)]
    assert [r.id for r in s.runs(classmate)] == theirs
    assert [r.id for r in s.runs(busy)] == mine[-5:]


def test_the_server_cap_takes_from_the_largest_workspace_first(tmp_path):
    """Check the issue's reproduction: with PLAYGROUND_MAX_RUNS=10 reached by one student's ten runs, ten
    quick runs of another leave each of them five (the old store deleted all ten of the first)."""
    s = RunStore(tmp_path, max_runs_kept=10)
    first, second = new_workspace_id(), new_workspace_id()
    kept = [finished_run(s, first, n) for n in range(1, 11)]
    new = [finished_run(s, second, n) for n in range(1, 11)]
    assert [r.id for r in s.runs(first)] == kept[-5:]
    assert [r.id for r in s.runs(second)] == new[-5:]
    third = new_workspace_id()
    finished_run(s, third, 1)          # a newcomer's first run takes from the largest, not from itself
    assert len(s.runs(third)) == 1 and len(s.runs()) == 10


def test_a_run_stopped_before_its_first_epoch_is_not_kept(store):
    """Check that Start then Stop before an epoch leaves nothing in the store (and takes nobody's place),
    while a run stopped after an epoch, or failing before one, is kept."""
    ws = new_workspace_id()
    empty = store.create_run(ws, 1, quick(), "x")
    store.end_run(empty, "stopped")
    assert store.run(empty) is None and store.runs(ws) == []
    one = store.create_run(ws, 2, quick(), "x")
    store.save_epoch(one, 1, ROW)
    store.end_run(one, "stopped")
    failed = store.create_run(ws, 3, quick(), "x")
    store.end_run(failed, "failed")
    assert [r.id for r in store.runs(ws)] == [one, failed]


def test_delete_only_in_own_workspace_and_teacher_tools(store):
    """Check that a workspace deletes only its own ended runs; hide and clear leave running runs alone."""
    mine, theirs = new_workspace_id(), new_workspace_id()
    a = store.create_run(mine, 1, quick(), "me")
    b = store.create_run(theirs, 1, quick(), "them")
    c = store.create_run(theirs, 2, quick(), "them")
    for rid in (a, b):
        store.end_run(rid, "finished")
    assert not store.delete_run(b, mine) and store.run(b) is not None
    assert store.delete_run(a, mine) and store.run(a) is None
    store.hide_runs([b])
    assert [r.id for r in store.runs(include_hidden=False)] == [c]
    assert store.clear() == 1 and [r.id for r in store.runs()] == [c]  # c is still queued


def test_nicknames():
    """Check that markup, control characters and 10,000 characters are refused with a reason."""
    assert clean_nickname("  Kim   Min-jun ") == ("Kim Min-jun", None)
    assert clean_nickname("민준")[0] == "민준"
    for bad, key in [("<b>x</b>", "chars"), ("**bold**", "chars"), ("a\u0000b", "invisible"), ("[x](y)", "chars"),
                     ("x" * 10_000, "long"), ("   ", "empty")]:
        name, why = clean_nickname(bad)
        assert name is None and why.key == f"store.nick.{key}"
        assert "⟦" not in why.text("ko")
    ws = new_workspace_id()
    assert anonymous_name(ws) == anonymous_name(ws) and clean_nickname(anonymous_name(ws))[0]


def test_nicknames_are_normalised_and_never_invisible():
    """Check that a name is NFC-normalised (Korean typed as separate jamo becomes syllables), that fillers,
    zero-width, bidi and other invisible characters, and accents on nothing, are refused, that a name needs a
    letter or digit, and that ``www.example.com`` is accepted (it is shown as text, not made a link)."""
    decomposed = unicodedata.normalize("NFD", "김민지")
    assert len(decomposed) == 8 and clean_nickname(decomposed) == ("김민지", None)
    assert clean_nickname("José") == clean_nickname("Jose\u0301") == ("José", None)
    for good in ["www.example.com", "O'Brien", "नमस्ते", "น้ำ", "Kim 2"]:
        assert clean_nickname(good) == (good, None)
    for bad in ["\u3164", "Kim\u3164", "\u115f\u1160", "\uffa0", "Kim\u200bLee", "Kim\u200d", "\u202eKim",
                "Kim\u2060", "\u00adKim", "\u2800", "Kim\u180e", "Kim\ufe0f", "\u0301Kim", "Kim \u0301"]:
        name, why = clean_nickname(bad)
        assert name is None and why.key == "store.nick.invisible", repr(bad)
    for bad, key in [("...", "empty"), ("- '", "empty"), ("a\u0301\u0302\u0303\u0304\u0305", "chars"),
                     ("http://x.y", "chars"), ("*x*", "chars"), ("_x_", "chars")]:
        name, why = clean_nickname(bad)
        assert name is None and why.key == f"store.nick.{key}", repr(bad)


def test_nickname_is_stored_per_workspace(store):
    """Check that renaming a workspace renames its runs and no other workspace's."""
    a, b = new_workspace_id(), new_workspace_id()
    store.add_workspace(a)
    assert store.has_workspace(a) and not store.has_workspace(b) and store.nickname(a) == anonymous_name(a)
    store.create_run(a, 1, quick(), store.nickname(a))
    store.create_run(b, 1, quick(), "Bee")
    store.set_nickname(a, "Ada")
    assert {r.workspace: r.nickname for r in store.runs()} == {a: "Ada", b: "Bee"}


# --- faults -------------------------------------------------------------------------------------------

def test_a_damaged_file_turns_the_store_off(tmp_path):
    """Check that a file of garbage gives one 'damaged' message in both languages and no exception."""
    (tmp_path / DB_NAME).write_bytes(os.urandom(8192))
    s = RunStore(tmp_path)
    assert s.problem.key == "store.problem.damaged"
    assert str(tmp_path) in s.problem.text("ko") and "⟦" not in s.problem.text("ko")
    assert s.create_run(new_workspace_id(), 1, quick(), "x") is None
    s.save_epoch("nope", 1, ROW)
    assert s.runs() == [] and s.history("nope")["loss"] == [] and s.arrays("nope") is None


def test_a_file_damaged_while_open_turns_the_store_off(tmp_path):
    """Check that a database overwritten under a running server degrades at the next write, not crashes."""
    s = RunStore(tmp_path)
    rid = s.create_run(new_workspace_id(), 1, quick(), "x")
    s.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{s.path}{suffix}").unlink(missing_ok=True)
    s.path.write_bytes(b"\x13" * 8192)
    s.save_epoch(rid, 1, ROW)
    assert s.problem is not None and s.problem.key in ("store.problem.damaged", "store.problem.unreadable")


def test_an_unreadable_path_turns_the_store_off(tmp_path):
    """Check that a data folder that is a file, or a database path that is a folder, is explained."""
    (tmp_path / "file").write_text("x")
    s = RunStore(tmp_path / "file" / "sub")
    assert s.problem is not None and s.problem.key in ("store.problem.readonly", "store.problem.unreadable")
    (tmp_path / "d" / DB_NAME).mkdir(parents=True)
    s = RunStore(tmp_path / "d")
    assert s.problem.key == "store.problem.unreadable"


def _run_store_script(code: str, tmp_path: Path, preexec=None) -> dict:
    script = textwrap.dedent(f"""
        import json, sys
        sys.path.insert(0, {str(ROOT)!r})
        from core.store import RunStore, new_workspace_id
        from core.training import TrainConfig
        {textwrap.indent(textwrap.dedent(code), ' ' * 8).strip()}
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                         preexec_fn=preexec, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_read_only_folder_turns_the_store_off(tmp_path):
    """Check that a folder the server may not write (as another user) gives the read-only message."""
    folder = tmp_path / "ro"
    folder.mkdir()
    RunStore(folder).create_run(new_workspace_id(), 1, quick(), "x")  # a store exists, then becomes read-only
    os.chmod(tmp_path, 0o755)
    os.chmod(folder, 0o555)
    os.chmod(folder / DB_NAME, 0o444)
    got = _run_store_script(f"""
        import os
        if os.geteuid() == 0:  # root writes anywhere: the server side runs as 'nobody' from here on
            os.setgid(65534)
            os.setuid(65534)
        s = RunStore({str(folder)!r})
        rid = s.create_run(new_workspace_id(), 1, TrainConfig(), "x")
        print(json.dumps({{"key": s.problem and s.problem.key, "rid": rid}}))
    """, tmp_path)
    assert got["rid"] is None and got["key"] in ("store.problem.readonly", "store.problem.unreadable")


def test_a_full_disk_turns_the_store_off(tmp_path):
    """Check that a write refused by the file system for size (RLIMIT_FSIZE, like a full disk) degrades."""
    import resource

    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write then fails with EFBIG instead of killing us
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

    got = _run_store_script(f"""
        import numpy as np
        s = RunStore({str(tmp_path)!r})
        ws, saved = new_workspace_id(), 0
        for n in range(50):
            rid = s.create_run(ws, n + 1, TrainConfig(), "x")
            s.end_run(rid, "finished", val_proba=np.random.default_rng(n).random((12000, 10)))
            if not s.ok:
                break
            saved += 1
        print(json.dumps({{"key": s.problem and s.problem.key, "saved": saved}}))
    """, tmp_path, preexec)
    assert got["key"] in ("store.problem.full", "store.problem.unreadable") and got["saved"] < 50


# --- concurrency and crashes --------------------------------------------------------------------------

def test_four_writers_and_26_readers(store):
    """Check that four runs writing epochs while 26 readers list the board lose nothing and never fail."""
    ws = new_workspace_id()
    ids = [store.create_run(ws, n, quick(epochs=60), "w") for n in range(4)]
    errors: list[BaseException] = []
    stop = threading.Event()
    labels = np.zeros(288, np.int8)

    def writer(rid):
        try:
            for e in range(60):
                store.save_epoch(rid, e + 1, ROW, labels)
            store.end_run(rid, "finished", val_proba=np.full((288, 10), 0.1))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    def reader():
        try:
            while not stop.is_set():
                for r in store.runs():
                    store.history(r.id)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    readers = [threading.Thread(target=reader) for _ in range(26)]
    writers = [threading.Thread(target=writer, args=(rid,)) for rid in ids]
    for th in readers + writers:
        th.start()
    for th in writers:
        th.join()
    stop.set()
    for th in readers:
        th.join()
    assert errors == [] and store.ok, (errors, store.problem)
    assert [r.epochs for r in store.runs()] == [60] * 4 and all(r.has_arrays for r in store.runs())
    assert integrity(store.path) == "ok"


def test_recorder_saves_a_real_job(store, digits):
    """Check that a TrainJob observed by the recorder is stored exactly as the job reports it, and
    reads back as a StoredJob the pages can show."""
    ws = new_workspace_id()
    rec = RunRecorder(store)
    job = TrainJob(quick(), digits, on_epoch_end=rec.on_epoch_end)
    rec.begin(ws, 1, job.config, "Ada")
    job.start()
    rec.watch(job).join(60)
    (record,) = store.runs(ws)
    assert record.state == "finished" and record.epochs == 3
    assert store.history(record.id) == job.history()
    stored = StoredJob(store, record, lambda name, subset: digits)
    np.testing.assert_allclose(stored.val_proba, job.val_proba, atol=1e-3)
    assert all(np.array_equal(a, b) for a, b in zip(stored.val_pred_by_epoch, job.val_pred_by_epoch))
    np.testing.assert_array_equal(stored.model.coefs_[0], job.model.coefs_[0])  # rebuilt from the .npz
    np.testing.assert_allclose(stored.model.decision_function(digits.x_val), job.model.decision_function(digits.x_val))
    assert stored.weights_file()[1] == "weights.npz" and stored.dataset is digits


def test_kill_9_keeps_every_finished_epoch(tmp_path):
    """Check that a server process training four runs, killed with SIGKILL, leaves every epoch it had
    finished in an intact database; the runs come back as interrupted."""
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from core.data import load_digits
        from core.store import RunStore, new_workspace_id
        from core.stored_job import RunRecorder
        from core.training import TrainConfig, TrainJob
        store, ds, ws = RunStore({str(tmp_path)!r}), load_digits(), new_workspace_id()
        def observer(rec):
            def on_epoch_end(job):
                rec.on_epoch_end(job)
                sys.stdout.write(f"EPOCH {{rec.run_id}} {{job.epochs_done}}\\n"); sys.stdout.flush()  # once committed
            return on_epoch_end
        for n in range(4):
            rec = RunRecorder(store)
            job = TrainJob(TrainConfig(dataset="digits", units=32, batch_size=16, epochs=1000,
                                       learning_rate=0.05, record_val_predictions=True), ds,
                           on_epoch_end=observer(rec))
            rec.begin(ws, n + 1, job.config, "k")
            job.start()
        import time; time.sleep(600)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PLAYGROUND_MAX_JOBS": "4"})
    committed: dict[str, int] = {}
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and (len(committed) < 4 or min(committed.values()) < 3):
            line = proc.stdout.readline()
            if not line:
                break
            if not line.startswith("EPOCH "):
                continue
            _, rid, epoch = line.split()
            committed[rid] = max(committed.get(rid, 0), int(epoch))
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert len(committed) == 4, committed
    assert integrity(tmp_path / DB_NAME) == "ok"
    s = RunStore(tmp_path)
    assert s.ok
    by_id = {r.id: r for r in s.runs()}
    for rid, epochs in committed.items():
        assert by_id[rid].state == INTERRUPTED
        assert by_id[rid].epochs >= epochs  # every epoch reported committed is there (maybe one more)
        hist = s.history(rid)
        assert len(hist["loss"]) == by_id[rid].epochs and all(np.isfinite(hist["val_accuracy"]))
        assert len(s.epoch_labels(rid)) == by_id[rid].epochs


def test_messages_exist_in_both_languages():
    """Check that every store problem reads in English and Korean with the path filled in."""
    for kind in ("damaged", "unreadable", "readonly", "full", "newer"):
        for lang in ("en", "ko"):
            text = t(f"store.problem.{kind}", lang, path="/x/runs.sqlite3", error="E")
            assert "/x/runs.sqlite3" in text and "⟦" not in text
