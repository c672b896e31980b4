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

from core.data.datasets import load_digits
from core.text.i18n import t
from core.runs.store import (CHECKPOINT_AT, DB_NAME, INTERRUPTED, MIGRATIONS, SCHEMA_VERSION, WAL_LIMIT, RunStore,
                        anonymous_name, clean_nickname, new_workspace_id, shown_nickname)
from core.runs.run import Run
from core.runs.service import RunRecorder
from core.runs.stored_job import StoredJob
from core.runs.config import TrainConfig
from core.runs.training import TrainJob
from tests.conftest import ROW

ROOT = Path(__file__).resolve().parents[1]
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
    training thread) and that the store's upkeep copies them in: 400 epochs of 12,000 labels fill more
    log pages than SQLite's automatic checkpoint allows (1,000)."""
    run_id = store.create_run(new_workspace_id(), 1, quick(), "x")
    labels = np.zeros(12_000, dtype=np.int8)
    size_before = store.path.stat().st_size
    for e in range(400):
        store.save_epoch(run_id, e + 1, ROW, labels)
    store.end_run(run_id, "finished")
    assert store.path.stat().st_size - size_before < 1_000_000
    store.maintain()
    assert store.path.stat().st_size - size_before > 4_000_000
    assert len(store.history(run_id)["loss"]) == 400 and integrity(store.path) == "ok"


def test_the_log_stays_small_however_many_writes(tmp_path):
    """Check that 3,000 new workspaces (a write each, the way every new tab used to add one) leave a
    write-ahead log no bigger than WAL_LIMIT once the store's upkeep has run between them (the old store
    checkpointed only when a run ended, and never cut the log back: it grew past 26 MB)."""
    s = RunStore(tmp_path, heartbeat_s=3600)  # upkeep by hand, at the pace of its thread
    wal = Path(f"{s.path}-wal")
    for n in range(3000):
        s.set_nickname(new_workspace_id(), f"Student {n}")
        if n % 100 == 99:
            s.maintain()
    s.set_nickname(new_workspace_id(), "last")  # the first write after a checkpoint cuts the log back
    assert s.ok and wal.stat().st_size <= WAL_LIMIT + CHECKPOINT_AT
    assert len(s.runs()) == 0 and integrity(s.path) == "ok"


def test_a_new_tab_writes_nothing_until_it_saves(store):
    """Check that a workspace has no row before its first save (opening a tab costs the store nothing),
    gets one with its nickname when its first run is created, and a rename keeps it."""
    a, b = new_workspace_id(), new_workspace_id()
    assert store.nickname(a) is None and store.next_number(a) == 1
    store.create_run(a, 1, quick(), anonymous_name(a))
    assert store.nickname(a) == anonymous_name(a) and store.nickname(b) is None and store.next_number(a) == 2
    store.set_nickname(a, "Ada")
    assert store.nickname(a) == "Ada"


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


def test_a_default_name_reads_in_the_viewers_language():
    """Check that a workspace's default name is the same animal and number in either language (the English
    one as stored before names were translated: "abc" was "Otter 64"), that a default stored in either
    language shows in the viewer's, and that a chosen name, a default-looking one included, stays as typed."""
    assert (anonymous_name("abc"), anonymous_name("abc", "ko")) == ("Otter 64", "수달 64")
    assert (anonymous_name("AAAAAAAAAA"), anonymous_name("AAAAAAAAAA", "ko")) == ("Heron 94", "왜가리 94")
    for stored in ("Otter 64", "수달 64"):
        assert shown_nickname(stored, "abc", "ko") == "수달 64" and shown_nickname(stored, "abc", "en") == "Otter 64"
    for typed in ("Koala 12", "Heron 94", "민준", "Otter"):  # Heron 94 is another workspace's default
        assert shown_nickname(typed, "abc", "ko") == typed == shown_nickname(typed, "abc", "en")


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
    store.create_run(a, 1, quick(), anonymous_name(a))
    store.create_run(b, 1, quick(), "Bee")
    store.set_nickname(a, "Ada")
    assert {r.workspace: r.nickname for r in store.runs()} == {a: "Ada", b: "Bee"}


# --- faults -------------------------------------------------------------------------------------------

def test_a_damaged_file_turns_the_store_off(tmp_path):
    """Check that a file of garbage gives one 'damaged' message in both languages and no exception."""
    (tmp_path / DB_NAME).write_bytes(os.urandom(8192))
    s = RunStore(tmp_path)
    assert s.problem.key == "store.problem.damaged"
    for lang in ("en", "ko"):  # students are told what happened, not where the file is or the raw error
        assert str(tmp_path) not in s.problem.text(lang) and "⟦" not in s.problem.text(lang)
    assert str(tmp_path) in s.detail and "DatabaseError" in s.detail  # for the log and the teacher
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
        from core.runs.store import RunStore, new_workspace_id
        from core.runs.config import TrainConfig
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
    # A read-only folder may be made writable again: the run is held for a retry, not given up.
    assert got["rid"] and got["key"] in ("store.problem.readonly", "store.problem.unreadable")


def test_a_full_disk_at_a_runs_end_loses_nothing_once_there_is_room(tmp_path):
    """Check the issue's reproduction: the disk fills (RLIMIT_FSIZE, the way a full disk fails a write) as
    one of two runs ends. Its end is committed before its arrays, so it is never left "running"; the
    arrays and the other run's end are held, and written once there is room again (the old store
    switched itself off and left both runs "running")."""
    import resource

    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write then fails with EFBIG instead of killing us

    got = _run_store_script(f"""
        import os, resource, sqlite3, time
        import numpy as np
        s = RunStore({str(tmp_path)!r}, heartbeat_s=0.1)
        ws = new_workspace_id()
        row = {ROW!r}
        first, second = (s.create_run(ws, n, TrainConfig(), "x") for n in (1, 2))
        for rid in (first, second):
            s.save_epoch(rid, 1, row)
        room = max(os.path.getsize(f"{{s.path}}{{x}}") for x in ("", "-wal")) + 40_000
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, resource.RLIM_INFINITY))  # 40 KB left
        s.end_run(first, "finished", val_proba=np.random.default_rng(0).random((12000, 10)))
        s.end_run(second, "stopped")
        def states():
            with sqlite3.connect(s.path) as c:
                return dict(c.execute("SELECT id, state FROM runs"))
        during = {{"problem": s.problem and s.problem.key, "states": states(), "arrays": s.arrays(first) is not None}}
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))  # room again
        deadline = time.monotonic() + 20
        while not s.ok and time.monotonic() < deadline:
            time.sleep(0.05)
        after = {{"problem": s.problem and s.problem.key, "states": states(), "arrays": s.arrays(first) is not None}}
        print(json.dumps({{"first": first, "second": second, "during": during, "after": after}}))
    """, tmp_path, preexec)
    first, second, during, after = got["first"], got["second"], got["during"], got["after"]
    assert during["problem"] == "store.problem.full" and not during["arrays"]
    assert during["states"][first] == "finished"          # its end went in before its arrays failed
    assert after == {"problem": None, "states": {first: "finished", second: "stopped"}, "arrays": True}
    assert integrity(tmp_path / DB_NAME) == "ok"


def test_a_lock_held_past_the_busy_timeout_loses_no_epoch(tmp_path):
    """Check that while another connection holds the write lock for longer than the busy timeout, a
    run's 20 epochs and its end are held and written in order once the lock goes (the old store
    switched saving off at the first locked write and dropped the rest)."""
    s = RunStore(tmp_path, busy_timeout_s=0.2, heartbeat_s=0.1)
    ws = new_workspace_id()
    rid = s.create_run(ws, 1, quick(epochs=20), "x")
    blocker = sqlite3.connect(s.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process's long write
    for e in range(20):
        s.save_epoch(rid, e + 1, {**ROW, "loss": 1.0 / (e + 1)}, np.full(288, e % 10, np.int8))
    s.end_run(rid, "finished", val_proba=np.full((288, 10), 0.1))
    assert s.problem.key == "store.problem.busy" and str(tmp_path) not in s.problem.text("en")
    assert s.runs(ws)[0].epochs == 0  # nothing got through the lock
    blocker.execute("COMMIT")
    deadline = time.monotonic() + 20
    while not s.ok and time.monotonic() < deadline:
        time.sleep(0.05)
    assert s.ok, s.problem
    (record,) = s.runs(ws)
    assert record.state == "finished" and record.epochs == 20 and record.has_arrays
    assert s.history(rid)["loss"] == [1.0 / (e + 1) for e in range(20)]
    assert [int(a[0]) for a in s.epoch_labels(rid)] == [e % 10 for e in range(20)]


def test_damaged_values_are_left_out_never_raised(store):
    """Check that a run whose settings JSON or array blobs were damaged in the file is left out of the
    lists and read as having no arrays, instead of raising out of the store (whose contract is never to)."""
    ws = new_workspace_id()
    good, bad = (finished_run(store, ws, n) for n in (1, 2))
    store.end_run(good, "finished", val_proba=np.full((5, 10), 0.1))
    store.end_run(bad, "finished", val_proba=np.full((5, 10), 0.1))
    with sqlite3.connect(store.path) as conn:
        conn.execute("UPDATE runs SET config = '{not json' WHERE id = ?", (bad,))
        conn.execute("UPDATE arrays SET val_proba = x'93554d50590100' WHERE run_id = ?", (bad,))
        conn.execute("UPDATE epoch_preds SET labels = x'00ff' WHERE run_id = ?", (bad,))
    assert [r.id for r in store.runs(ws)] == [good] and store.run(bad) is None
    assert store.arrays(bad) is None and store.epoch_labels(bad) == [] and store.arrays(good) is not None
    assert store.ok


# --- two processes on one folder ----------------------------------------------------------------------

def _at_once(folder: Path, start_at: float, tag: str) -> subprocess.Popen:
    """A process that opens the store in ``folder`` at ``start_at`` and creates a run of workspace "w"."""
    code = textwrap.dedent(f"""
        import json, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from core.runs.store import RunStore
        from core.runs.config import TrainConfig
        while time.time() < {start_at!r}:
            pass
        s = RunStore({str(folder)!r})
        rid = s.create_run("w", 1, TrainConfig(), {tag!r})
        print(json.dumps({{"ok": s.ok, "problem": s.problem and s.problem.key, "detail": s.detail, "rid": rid}}))
    """)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_open_a_new_folder_at_once(tmp_path):
    """Check that two server processes opening the same new folder at the same moment (eight times) both
    save, and their two first runs of one workspace get numbers 1 and 2 (the old store switched one of
    them off in 5 of 8 tries: the WAL pragma and the version read raced; and nothing kept numbers apart)."""
    start_at = time.time() + 4.0  # after every interpreter has started
    procs = {(n, tag): _at_once(tmp_path / str(n), start_at, tag) for n in range(8) for tag in "ab"}
    results = {k: json.loads(p.communicate(timeout=60)[0].strip().splitlines()[-1]) for k, p in procs.items()}
    assert all(r["ok"] for r in results.values()), [r for r in results.values() if not r["ok"]]
    for n in range(8):
        with sqlite3.connect(tmp_path / str(n) / DB_NAME) as conn:
            assert sorted(r[0] for r in conn.execute("SELECT number FROM runs")) == [1, 2]
            assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_old_file_with_duplicate_numbers_migrates(tmp_path):
    """Check that a version-1 file where two processes gave one workspace's runs the same number migrates:
    the later run gets the next free number, the unique key holds, and nothing else changes."""
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        conn.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
        for rid, number, created in (("a", 1, 1.0), ("b", 1, 2.0), ("c", 2, 3.0), ("d", 1, 4.0)):
            conn.execute("INSERT INTO runs (id, workspace, number, nickname, created, config, state) VALUES "
                         "(?, 'w', ?, 'x', ?, '{}', 'finished')", (rid, number, created))
    s = RunStore(tmp_path)
    assert s.ok, s.detail
    assert {r.id: r.number for r in s.runs()} == {"a": 1, "b": 3, "c": 2, "d": 4}
    with pytest.raises(sqlite3.IntegrityError), sqlite3.connect(s.path) as conn:
        conn.execute("UPDATE runs SET number = 1 WHERE id = 'c'")


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
    reads back as a StoredJob the pages can show; the job and the stored run both answer every member
    of the Run protocol."""
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
    assert stored.weights_name == job.weights_name == job.weights_file()[1]
    members = [m for m in vars(Run) if not m.startswith("_")]
    assert len(members) == 16 and [m for m in members if not (hasattr(job, m) and hasattr(stored, m))] == []


def test_a_weights_file_that_cannot_be_made_is_logged(store, digits, monkeypatch):
    """Check that when a run's weights file cannot be made, the run still ends with its curves and
    predictions, and the server log says which run lost its weights (it was swallowed without a word)."""
    import logging
    seen: list[logging.LogRecord] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = seen.append
    logging.getLogger("core.runs.service").addHandler(handler)

    def broken(model, file):
        raise OSError("no room for the weights")
    monkeypatch.setattr("core.engines.network.MultiClassNetwork.save", broken)
    try:
        rec = RunRecorder(store)
        job = TrainJob(quick(), digits, on_epoch_end=rec.on_epoch_end)
        rec.begin(new_workspace_id(), 1, job.config, "Ada")
        job.start()
        rec.watch(job).join(60)
    finally:
        logging.getLogger("core.runs.service").removeHandler(handler)
    record = store.run(rec.run_id)
    assert record.state == "finished" and record.has_arrays and store.arrays(rec.run_id).weights is None
    assert [r.getMessage() for r in seen if rec.run_id in r.getMessage() and r.exc_info]


def _training_process(folder: Path, runs: int, *, prefix: list[str] = ()) -> subprocess.Popen:
    """A server-like process training ``runs`` runs into the store in ``folder`` (lease 1 s), printing
    "EPOCH <run id> <epoch>" after each epoch is committed; it trains until killed."""
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from core.data.datasets import load_digits
        from core.runs.store import RunStore, new_workspace_id
        from core.runs.service import RunRecorder
        from core.runs.config import TrainConfig
        from core.runs.training import TrainJob
        store, ds, ws = RunStore({str(folder)!r}, lease_s=1.0, heartbeat_s=0.2), load_digits(), new_workspace_id()
        def observer(rec):
            def on_epoch_end(epoch, logs):
                rec.on_epoch_end(epoch, logs)
                sys.stdout.write(f"EPOCH {{rec.run_id}} {{epoch + 1}}\\n"); sys.stdout.flush()  # once committed
            return on_epoch_end
        for n in range({runs}):
            rec = RunRecorder(store)
            job = TrainJob(TrainConfig(dataset="digits", units=32, batch_size=1, epochs=200,
                                       learning_rate=0.05, record_val_predictions=True), ds,
                           on_epoch_end=observer(rec))
            rec.begin(ws, n + 1, job.config, "k")
            job.start()
        import time; time.sleep(600)
    """)
    return subprocess.Popen([*prefix, sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PLAYGROUND_MAX_JOBS": str(runs)})


def _epochs_committed(proc: subprocess.Popen, runs: int, at_least: int) -> dict[str, int]:
    """Read the process's EPOCH lines until each of its ``runs`` runs committed ``at_least`` epochs."""
    committed: dict[str, int] = {}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (len(committed) < runs or min(committed.values()) < at_least):
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith("EPOCH "):
            _, rid, epoch = line.split()
            committed[rid] = max(committed.get(rid, 0), int(epoch))
    return committed


def _wait_for(predicate, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.05)
    return predicate()


def test_kill_9_keeps_every_finished_epoch(tmp_path):
    """Check that a server process training four runs, killed with SIGKILL, leaves every epoch it had
    finished in an intact database, and that another process already running notices its runs' leases
    run out and marks them interrupted (the old store did that only when a process started)."""
    watcher = RunStore(tmp_path, heartbeat_s=0.1)  # the other server process, open all along
    proc = _training_process(tmp_path, 4)
    try:
        committed = _epochs_committed(proc, 4, 3)
        time.sleep(1.5)  # longer than the lease: it is renewed while the process lives
        assert {r.state for r in watcher.runs()} == {"running"}
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert len(committed) == 4, committed
    assert integrity(tmp_path / DB_NAME) == "ok"
    assert _wait_for(lambda: {r.state for r in watcher.runs()} == {INTERRUPTED}, 10)
    by_id = {r.id: r for r in watcher.runs()}
    for rid, epochs in committed.items():
        assert by_id[rid].epochs >= epochs  # every epoch reported committed is there (maybe one more)
        hist = watcher.history(rid)
        assert len(hist["loss"]) == by_id[rid].epochs and all(np.isfinite(hist["val_accuracy"]))
        assert len(watcher.epoch_labels(rid)) == by_id[rid].epochs


def test_another_containers_live_run_is_left_alone(tmp_path):
    """Check that a run training in a process this one cannot see (another container: its own process
    ids) stays "running" when this process starts, as long as its lease is renewed (the old store took
    its pid for dead and marked it interrupted)."""
    if subprocess.run(["unshare", "--pid", "--fork", "--mount-proc", "true"], capture_output=True).returncode:
        pytest.skip("no PID namespaces here (unshare needs root)")
    # Its process id in there is 4,000,000: no process of this container has it.
    proc = _training_process(tmp_path, 1, prefix=["unshare", "--pid", "--fork", "--mount-proc", "sh", "-c",
                                                  'echo 3999999 > /proc/sys/kernel/ns_last_pid; "$0" "$@"'])
    try:
        assert len(_epochs_committed(proc, 1, 2)) == 1
        here = RunStore(tmp_path, heartbeat_s=0.1)  # a server process starting in this container
        time.sleep(1.5)
        assert [r.state for r in here.runs()] == ["running"]
    finally:
        subprocess.run(["pkill", "-KILL", "-P", str(proc.pid)])
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert _wait_for(lambda: [r.state for r in here.runs()] == [INTERRUPTED], 10)


def test_messages_exist_in_both_languages():
    """Check that every kind of store fault has a message for students and a fix for the teacher, in
    English and Korean, and that the students' never names a file."""
    from core.runs.store import _kind
    kinds = {_kind(e) for e in (sqlite3.DatabaseError("file is not a database"), sqlite3.OperationalError(
        "database is locked"), OSError(28, "No space left"), PermissionError(13, "denied"),
        sqlite3.OperationalError("unable to open database file"))} | {"newer"}
    assert kinds == {"damaged", "busy", "full", "readonly", "unreadable", "newer"}
    for kind in kinds:
        for lang in ("en", "ko"):
            for key in (f"store.problem.{kind}", f"store.fix.{kind}"):
                text = t(key, lang)
                assert text and "⟦" not in text and "{" not in text and "/" not in text.split("PLAYGROUND")[0]
