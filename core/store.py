"""The run store: every training run of this server in one SQLite file, so reloads and restarts lose nothing.

Standard-library ``sqlite3`` in WAL mode (readers never wait for the writer), one connection per thread,
the schema versioned by ``PRAGMA user_version``. A run's epochs are committed one by one as they end, so
a run that dies keeps every finished epoch. Arrays are stored as ``.npy`` bytes (float16 probabilities,
int8 labels) and weights as the ``.npz`` / ``.keras`` file a download gives; images never: a run names
its data set and subset, and the shared data cache gives them back.

When the file cannot be used (damaged, unreadable, read-only or full folder) the store switches itself
off and keeps one :class:`~core.i18n.Message` saying why in ``problem``; every call then does nothing
and reads come back empty, so training goes on in memory. No method raises on a store fault.
"""
from __future__ import annotations

import dataclasses
import io
import json
import logging
import os
import re
import secrets
import sqlite3
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from core.i18n import Message
from core.limits import positive_int_env
from core.training import HISTORY_KEYS, SECONDS_KEY, TrainConfig

logger = logging.getLogger(__name__)

APP_DIR = "classification-playground"
DB_NAME = "runs.sqlite3"
DEFAULT_MAX_RUNS = 500
DEFAULT_MAX_RUNS_PER_STUDENT = 50
ACTIVE_STATES = ("queued", "running")
INTERRUPTED = "interrupted"  # a run whose process died while it trained
NICKNAME_MAX = 30
# Letters (any script), digits, spaces and a little punctuation: nothing that is markup anywhere.
_NICK_RE = re.compile(r"[^\W_]|[ .'-]")
# Characters that draw nothing though Unicode calls them letters, symbols or marks: the Hangul fillers, the
# blank braille cell, the grapheme joiner and the variation selectors (a name of them looks empty, or the
# same as a classmate's). Format and control characters (zero-width, bidi) are refused by category.
_BLANK_RE = re.compile("[\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5\u180b-\u180f\ufe00-\ufe0f"
                       "\U000e0100-\U000e01ef]")
NICKNAME_MAX_MARKS = 3  # accents or vowel signs on one letter (Thai and Hindi need two); more is a scribble
_ANIMALS = ("Otter", "Heron", "Lynx", "Panda", "Koala", "Gecko", "Puffin", "Bison", "Ibex", "Marten",
            "Tapir", "Quokka", "Okapi", "Walrus", "Magpie", "Badger")

# Each entry brings the schema from version i to i + 1; a new version appends, never edits.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE workspaces (
        id TEXT PRIMARY KEY,
        nickname TEXT NOT NULL,
        created REAL NOT NULL
    );
    CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        workspace TEXT NOT NULL,
        number INTEGER NOT NULL,
        nickname TEXT NOT NULL,
        created REAL NOT NULL,
        ended REAL,
        config TEXT NOT NULL,
        state TEXT NOT NULL,
        reason TEXT,
        hidden INTEGER NOT NULL DEFAULT 0,
        pid INTEGER,
        boot TEXT
    );
    CREATE INDEX runs_by_workspace ON runs (workspace, number);
    CREATE TABLE epochs (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        epoch INTEGER NOT NULL,
        loss REAL, accuracy REAL, val_loss REAL, val_accuracy REAL, seconds REAL,
        PRIMARY KEY (run_id, epoch)
    ) WITHOUT ROWID;
    CREATE TABLE epoch_preds (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        epoch INTEGER NOT NULL,
        labels BLOB NOT NULL,
        PRIMARY KEY (run_id, epoch)
    );
    CREATE TABLE arrays (
        run_id TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
        val_proba BLOB, test_proba BLOB, weights BLOB, weights_name TEXT
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def default_data_dir() -> Path:
    """``$PLAYGROUND_DATA_DIR``, else the user's data folder: ``$XDG_DATA_HOME`` or ``~/.local/share``
    on Linux, ``~/Library/Application Support`` on macOS, ``%LOCALAPPDATA%`` on Windows."""
    env = os.environ.get("PLAYGROUND_DATA_DIR")
    if env:
        return Path(env).expanduser()
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR


def max_runs() -> int:
    """``$PLAYGROUND_MAX_RUNS`` (runs the server keeps) if it is a positive integer, else 500."""
    return positive_int_env("PLAYGROUND_MAX_RUNS", DEFAULT_MAX_RUNS)


def max_runs_per_student() -> int:
    """``$PLAYGROUND_MAX_RUNS_PER_STUDENT`` (runs one workspace keeps) if it is a positive integer, else 50."""
    return positive_int_env("PLAYGROUND_MAX_RUNS_PER_STUDENT", DEFAULT_MAX_RUNS_PER_STUDENT)


def new_workspace_id() -> str:
    """A random workspace id (a browser's comes from its secret: ``core.identity.workspace_of``)."""
    return secrets.token_urlsafe(16)


def anonymous_name(workspace: str) -> str:
    """The default nickname of a workspace: an animal and a number, the same for the same workspace."""
    n = int.from_bytes(workspace.encode()[:8].ljust(8, b"\0"), "big")
    return f"{_ANIMALS[n % len(_ANIMALS)]} {n // len(_ANIMALS) % 90 + 10}"


def clean_nickname(text: str) -> tuple[str | None, Message | None]:
    """``(nickname, None)`` for an acceptable name (NFC-normalised, spaces trimmed and collapsed), else
    ``(None, why)``: longer than ``NICKNAME_MAX`` characters; with a character that shows nothing (a filler,
    a format or control character, an accent on nothing); with characters other than letters, digits,
    spaces, ``. ' -`` and a few accents on a letter (so no markup can ever reach a page); or without a
    letter or digit."""
    name = " ".join(unicodedata.normalize("NFC", str(text)).split())
    if len(name) > NICKNAME_MAX:
        return None, Message("store.nick.long", {"max": NICKNAME_MAX})
    marks = 0  # combining marks in a row since the last letter or digit
    for i, ch in enumerate(name):
        kind = unicodedata.category(ch)[0]
        on_letter = i > 0 and (marks or name[i - 1].isalnum())
        if kind == "C" or _BLANK_RE.match(ch) or kind == "M" and not on_letter:
            return None, Message("store.nick.invisible")
        marks = marks + 1 if kind == "M" else 0
        if marks > NICKNAME_MAX_MARKS or not marks and not _NICK_RE.fullmatch(ch):
            return None, Message("store.nick.chars")
    if not any(ch.isalnum() for ch in name):
        return None, Message("store.nick.empty")
    return name, None


def npy_bytes(array: np.ndarray) -> bytes:
    """``array`` as the bytes of a ``.npy`` file (no pickles)."""
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(array), allow_pickle=False)
    return buf.getvalue()


def from_npy(data: bytes | None) -> np.ndarray | None:
    """The array in ``.npy`` bytes (None for None)."""
    return None if data is None else np.load(io.BytesIO(data), allow_pickle=False)


@dataclass(frozen=True)
class RunRecord:
    """One stored run's summary: what the board lists and a reloaded tab rebuilds its run list from."""
    id: str
    workspace: str
    number: int
    nickname: str
    created: float
    ended: float | None
    config: TrainConfig
    state: str
    reason: Message | None
    hidden: bool
    epochs: int
    best_val_accuracy: float | None
    seconds: float
    has_arrays: bool


@dataclass(frozen=True)
class RunArrays:
    """A finished run's outputs: final validation/test probabilities (float32 again) and its weights file."""
    val_proba: np.ndarray | None
    test_proba: np.ndarray | None
    weights: bytes | None
    weights_name: str | None


def _config_json(config: TrainConfig) -> str:
    return json.dumps(dataclasses.asdict(config), sort_keys=True)


def _config_from_json(text: str) -> TrainConfig:
    known = {f.name for f in dataclasses.fields(TrainConfig)}
    return TrainConfig(**{k: v for k, v in json.loads(text).items() if k in known})


def _reason_json(reason: Message | None) -> str | None:
    if reason is None:
        return None
    return json.dumps({"key": reason.key, "params": {k: str(v) for k, v in reason.params.items()}})


def _reason_from_json(text: str | None) -> Message | None:
    if not text:
        return None
    d = json.loads(text)
    return Message(d["key"], d.get("params", {}))


_BOOT = secrets.token_hex(8)  # this process, told apart from an earlier one that had the same pid


def _writer_alive(pid: int | None, boot: str | None) -> bool:
    """Whether the process that wrote a run may still be training it."""
    if not pid:
        return False
    if pid == os.getpid():
        return boot == _BOOT
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but not ours to signal
        return True
    return True


def _problem(exc: BaseException, path: Path) -> Message:
    """What went wrong with the store file, as a message for the page (key ``store.problem.<kind>``)."""
    text = str(exc).lower()
    if isinstance(exc, sqlite3.DatabaseError) and ("not a database" in text or "malformed" in text
                                                    or "corrupt" in text):
        kind = "damaged"
    elif "full" in text or getattr(exc, "errno", None) in (28, 27) or "disk i/o" in text:  # ENOSPC, EFBIG
        kind = "full"
    elif "readonly" in text or "read-only" in text or isinstance(exc, PermissionError) \
            or getattr(exc, "errno", None) in (13, 30, 1):  # EACCES, EROFS, EPERM
        kind = "readonly"
    elif "newer" in text:
        kind = "newer"
    else:
        kind = "unreadable"
    return Message(f"store.problem.{kind}", {"path": str(path), "error": f"{type(exc).__name__}: {exc}"})


class RunStore:
    """All stored runs of this server, in ``<data_dir>/runs.sqlite3``. Thread-safe; never raises on a
    store fault (see the module docstring). ``problem`` is None while runs are being saved."""

    def __init__(self, data_dir: str | Path | None = None, *, max_runs_kept: int | None = None,
                 max_runs_per_workspace: int | None = None, busy_timeout_s: float = 30.0):
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.path = self.data_dir / DB_NAME
        self.max_runs = max_runs_kept or max_runs()
        self.max_runs_per_workspace = max_runs_per_workspace or max_runs_per_student()
        self.problem: Message | None = None
        self._busy_timeout_s = busy_timeout_s
        self._local = threading.local()
        self._fail_lock = threading.Lock()
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self._migrate()
            self._recover()
        except (sqlite3.Error, OSError) as exc:
            self._fail(exc)

    # --- plumbing ---
    @property
    def ok(self) -> bool:
        """Whether runs are being saved."""
        return self.problem is None

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=self._busy_timeout_s, isolation_level=None,
                                   check_same_thread=True)
            conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode: a commit survives the process being killed (not a power cut), and
            # each commit costs no fsync — an epoch row stays well under a millisecond.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            # No automatic checkpoint: it would land (with its fsync, 20–40 ms) on whichever commit fills
            # the log — often a training thread's epoch row. end_run checkpoints, off the training thread.
            conn.execute("PRAGMA wal_autocheckpoint=0")
            self._local.conn = conn
        return conn

    def _fail(self, exc: BaseException) -> None:
        with self._fail_lock:
            if self.problem is None:
                logger.warning("run store off (%s): %s", self.path, exc)
                self.problem = _problem(exc, self.path)

    def _write(self, fn: Callable[[sqlite3.Connection], object], default=None):
        """Run ``fn`` in one write transaction (taken at once, so two writers queue instead of deadlocking)."""
        if not self.ok:
            return default
        try:
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                out = fn(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return out
        except (sqlite3.Error, OSError) as exc:
            self._fail(exc)
            return default

    def _read(self, fn: Callable[[sqlite3.Connection], object], default=None):
        if not self.ok:
            return default
        try:
            return fn(self._conn())
        except (sqlite3.Error, OSError) as exc:
            self._fail(exc)
            return default

    def _migrate(self) -> None:
        conn = self._conn()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"schema version {version} is newer than this app's {SCHEMA_VERSION}")
        for v in range(version, SCHEMA_VERSION):
            conn.executescript(f"BEGIN IMMEDIATE; {MIGRATIONS[v]}; PRAGMA user_version = {v + 1}; COMMIT;")
        conn.execute("SELECT count(*) FROM runs").fetchone()  # a damaged file shows here, not mid-lesson

    def _recover(self) -> None:
        """Mark runs that were training in a process that is gone as interrupted (they keep their epochs)."""
        def recover(conn):
            rows = conn.execute("SELECT id, pid, boot FROM runs WHERE state IN (?, ?)", ACTIVE_STATES).fetchall()
            dead = [(time.time(), rid) for rid, pid, boot in rows if not _writer_alive(pid, boot)]
            conn.executemany(f"UPDATE runs SET state = '{INTERRUPTED}', ended = ? WHERE id = ?", dead)
        self._write(recover)

    def close(self) -> None:
        """Close this thread's connection (others close when their thread ends)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # --- workspaces ---
    def has_workspace(self, workspace: str) -> bool:
        """Whether ``workspace`` exists in the store."""
        return bool(self._read(lambda c: c.execute("SELECT 1 FROM workspaces WHERE id = ?",
                                                   (workspace,)).fetchone(), None))

    def add_workspace(self, workspace: str, nickname: str | None = None) -> None:
        """Record ``workspace`` (with its anonymous name unless ``nickname``); nothing if it exists."""
        self._write(lambda c: c.execute("INSERT OR IGNORE INTO workspaces VALUES (?, ?, ?)",
                                        (workspace, nickname or anonymous_name(workspace), time.time())))

    def nickname(self, workspace: str) -> str | None:
        """The workspace's nickname, or None when it is not stored."""
        row = self._read(lambda c: c.execute("SELECT nickname FROM workspaces WHERE id = ?",
                                             (workspace,)).fetchone())
        return row[0] if row else None

    def set_nickname(self, workspace: str, nickname: str) -> None:
        """Rename ``workspace`` and every run in it (call with a name :func:`clean_nickname` accepted)."""
        def rename(conn):
            conn.execute("INSERT INTO workspaces VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET nickname = "
                         "excluded.nickname", (workspace, nickname, time.time()))
            conn.execute("UPDATE runs SET nickname = ? WHERE workspace = ?", (nickname, workspace))
        self._write(rename)

    # --- writing a run ---
    def create_run(self, workspace: str, number: int, config: TrainConfig, nickname: str) -> str | None:
        """Record a new (queued) run; returns its id, or None when the store is off. Makes room as
        :meth:`_evict` says."""
        run_id = secrets.token_urlsafe(9)

        def create(conn):
            conn.execute("INSERT INTO runs (id, workspace, number, nickname, created, config, state, pid, boot) "
                         "VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)", (run_id, workspace, number, nickname,
                                                                      time.time(), _config_json(config),
                                                                      os.getpid(), _BOOT))
            self._evict(conn, workspace)
            return run_id
        return self._write(create)

    def _evict(self, conn: sqlite3.Connection, workspace: str) -> None:
        """Keep at most ``max_runs_per_workspace`` runs of ``workspace`` (its own oldest ended runs go
        first, never a classmate's), then at most ``max_runs`` in all: each run over is the oldest ended
        run of the workspace with the most runs, so one busy student never empties another's list."""
        ended = f"state NOT IN ('{ACTIVE_STATES[0]}', '{ACTIVE_STATES[1]}')"
        own = conn.execute("SELECT count(*) FROM runs WHERE workspace = ?", (workspace,)).fetchone()[0]
        if own > self.max_runs_per_workspace:
            conn.execute(f"DELETE FROM runs WHERE id IN (SELECT id FROM runs WHERE workspace = ? AND {ended} "
                         "ORDER BY created LIMIT ?)", (workspace, own - self.max_runs_per_workspace))
        excess = conn.execute("SELECT count(*) FROM runs").fetchone()[0] - self.max_runs
        for _ in range(max(excess, 0)):
            row = conn.execute(f"SELECT workspace FROM runs GROUP BY workspace HAVING sum({ended}) > 0 "
                               "ORDER BY count(*) DESC, min(created) LIMIT 1").fetchone()
            if row is None:
                return
            conn.execute(f"DELETE FROM runs WHERE id = (SELECT id FROM runs WHERE workspace = ? AND {ended} "
                         "ORDER BY created LIMIT 1)", row)

    def set_state(self, run_id: str, state: str) -> None:
        """Record a state change of a run that goes on (queued → running)."""
        self._write(lambda c: c.execute("UPDATE runs SET state = ? WHERE id = ?", (state, run_id)))

    def save_epoch(self, run_id: str, epoch: int, row: dict[str, float], labels: np.ndarray | None = None) -> None:
        """Commit one finished epoch (1-based ``epoch``; ``row`` has the Keras keys and ``seconds``), with
        that epoch's validation labels for the scrubber (stored as int8)."""
        def save(conn):
            conn.execute("INSERT OR REPLACE INTO epochs VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (run_id, epoch, *(float(row[k]) for k in (*HISTORY_KEYS, SECONDS_KEY))))
            if labels is not None:
                conn.execute("INSERT OR REPLACE INTO epoch_preds VALUES (?, ?, ?)",
                             (run_id, epoch, npy_bytes(labels.astype(np.int8))))
            conn.execute("UPDATE runs SET state = 'running' WHERE id = ? AND state = 'queued'", (run_id,))
        self._write(save)

    def end_run(self, run_id: str, state: str, reason: Message | None = None, *,
                val_proba: np.ndarray | None = None, test_proba: np.ndarray | None = None,
                weights: bytes | None = None, weights_name: str | None = None) -> None:
        """Record how a run ended, with its final probabilities (stored as float16) and weights file. A run
        stopped before its first epoch is not kept: it has nothing to show (and a student pressing Start
        and Stop in turn fills nobody's list)."""
        def end(conn):
            if state == "stopped" and conn.execute("SELECT NOT EXISTS (SELECT 1 FROM epochs WHERE run_id = ?)",
                                                   (run_id,)).fetchone()[0]:
                conn.execute("DELETE FROM runs WHERE id = ?", (run_id,))
                return
            conn.execute("UPDATE runs SET state = ?, reason = ?, ended = ? WHERE id = ?",
                         (state, _reason_json(reason), time.time(), run_id))
            if any(a is not None for a in (val_proba, test_proba, weights)):
                conn.execute("INSERT OR REPLACE INTO arrays VALUES (?, ?, ?, ?, ?)", (
                    run_id, *(None if p is None else npy_bytes(p.astype(np.float16)) for p in (val_proba, test_proba)),
                    weights, weights_name))
        self._write(end)
        self._read(lambda c: c.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone())

    # --- reading ---
    _SUMMARY = ("SELECT r.id, r.workspace, r.number, r.nickname, r.created, r.ended, r.config, r.state, "
                "r.reason, r.hidden, (SELECT count(*) FROM epochs e WHERE e.run_id = r.id), "
                "(SELECT max(val_accuracy) FROM epochs e WHERE e.run_id = r.id), "
                "(SELECT coalesce(sum(seconds), 0) FROM epochs e WHERE e.run_id = r.id), "
                "EXISTS (SELECT 1 FROM arrays a WHERE a.run_id = r.id AND a.val_proba IS NOT NULL) "
                "FROM runs r")

    def runs(self, workspace: str | None = None, *, include_hidden: bool = True) -> list[RunRecord]:
        """Stored runs, oldest first: all of them, or one workspace's (hidden ones too unless told)."""
        where, args = [], []
        if workspace is not None:
            where.append("r.workspace = ?")
            args.append(workspace)
        if not include_hidden:
            where.append("r.hidden = 0")
        sql = self._SUMMARY + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY r.created"
        rows = self._read(lambda c: c.execute(sql, args).fetchall(), [])
        return [RunRecord(id=r[0], workspace=r[1], number=r[2], nickname=r[3], created=r[4], ended=r[5],
                          config=_config_from_json(r[6]), state=r[7], reason=_reason_from_json(r[8]),
                          hidden=bool(r[9]), epochs=r[10], best_val_accuracy=r[11], seconds=r[12],
                          has_arrays=bool(r[13])) for r in rows]

    def run_count(self, workspace: str) -> int:
        """How many runs ``workspace`` has stored."""
        return self._read(lambda c: c.execute("SELECT count(*) FROM runs WHERE workspace = ?",
                                              (workspace,)).fetchone()[0], 0)

    def run(self, run_id: str) -> RunRecord | None:
        """One run's summary, or None."""
        rows = self._read(lambda c: c.execute(self._SUMMARY + " WHERE r.id = ?", (run_id,)).fetchall(), [])
        if not rows:
            return None
        return next((r for r in self.runs(rows[0][1]) if r.id == run_id), None)

    def history(self, run_id: str) -> dict[str, list[float]]:
        """The run's per-epoch history (Keras keys plus ``seconds``), as far as it got."""
        keys = (*HISTORY_KEYS, SECONDS_KEY)
        rows = self._read(lambda c: c.execute(f"SELECT {', '.join(keys)} FROM epochs WHERE run_id = ? "
                                              "ORDER BY epoch", (run_id,)).fetchall(), [])
        return {k: [float(r[i]) for r in rows] for i, k in enumerate(keys)}

    def epoch_labels(self, run_id: str) -> list[np.ndarray]:
        """The validation labels after each epoch (for the prediction page's scrubber)."""
        rows = self._read(lambda c: c.execute("SELECT labels FROM epoch_preds WHERE run_id = ? ORDER BY epoch",
                                              (run_id,)).fetchall(), [])
        return [from_npy(r[0]) for r in rows]

    def arrays(self, run_id: str) -> RunArrays | None:
        """The run's final probabilities (float32) and weights, or None when it has none."""
        row = self._read(lambda c: c.execute("SELECT val_proba, test_proba, weights, weights_name FROM arrays "
                                             "WHERE run_id = ?", (run_id,)).fetchone())
        if row is None:
            return None
        val, test = (None if b is None else from_npy(b).astype(np.float32) for b in row[:2])
        return RunArrays(val, test, row[2], row[3])

    def size_bytes(self) -> int:
        """The store's size on disk (database plus its write-ahead log)."""
        total = 0
        for suffix in ("", "-wal", "-shm"):
            try:
                total += os.path.getsize(f"{self.path}{suffix}")
            except OSError:
                pass
        return total

    # --- removing ---
    def delete_run(self, run_id: str, workspace: str) -> bool:
        """Delete a run of ``workspace`` (a run of another workspace is left alone); True if one went."""
        return bool(self._write(lambda c: c.execute("DELETE FROM runs WHERE id = ? AND workspace = ? AND "
                                                    "state NOT IN (?, ?)", (run_id, workspace, *ACTIVE_STATES)
                                                    ).rowcount, 0))

    def hide_runs(self, run_ids: Iterable[str], hidden: bool = True) -> None:
        """Hide runs from the board (or show them again) — the teacher's tool."""
        ids = [(int(hidden), r) for r in run_ids]
        self._write(lambda c: c.executemany("UPDATE runs SET hidden = ? WHERE id = ?", ids))

    def clear(self) -> int:
        """Delete every ended run (the running ones go on); the teacher's tool. Returns how many went."""
        return self._write(lambda c: c.execute("DELETE FROM runs WHERE state NOT IN (?, ?)",
                                               ACTIVE_STATES).rowcount, 0)
