"""The run store: every training run of this server in one SQLite file, so reloads and restarts lose nothing.

Standard-library ``sqlite3`` in WAL mode (readers never wait for the writer), one connection per thread,
the schema versioned by ``PRAGMA user_version``. A run's epochs are committed one by one as they end, so
a run that dies keeps every finished epoch. Arrays are stored as ``.npy`` bytes (float16 probabilities,
int8 labels) and weights as the ``.npz`` / ``.keras`` file a download gives; images never: a run names
its data set and subset, and the shared data cache gives them back.

Several server processes may share one data folder (a school's processes behind one proxy): the schema is
migrated inside one ``BEGIN IMMEDIATE``, (workspace, run number) is unique, and a run in training carries a
*lease* its process renews every few seconds; a run whose lease ran out has no live writer and is marked
interrupted by whichever process notices, while it runs.

Faults never raise out of the store. A passing one (a lock held past the busy timeout, a moment of full
disk, a read-only or missing folder) keeps the run's writes in memory, in order, and a maintenance
thread retries them with backoff until the store works again; only a damaged file or a newer schema
switches saving off for good. ``problem`` says, for students, what is wrong (None while runs are being
saved); ``detail`` names the file and the error for the server log and the teacher.
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
import weakref
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from core.text.i18n import DEFAULT_LANG, LANGUAGES, Message, t
from core.classroom.limits import positive_int_env
from core.runs.config import TrainConfig
from core.runs.training import HISTORY_KEYS, SECONDS_KEY

logger = logging.getLogger(__name__)

APP_DIR = "classification-playground"
DB_NAME = "runs.sqlite3"
DEFAULT_MAX_RUNS = 500
DEFAULT_MAX_RUNS_PER_STUDENT = 50
ACTIVE_STATES = ("queued", "running")
INTERRUPTED = "interrupted"  # a run whose process died while it trained
LEASE_S = 15.0         # a run in training whose lease is older than this has no live writer
HEARTBEAT_S = 2.0      # how often a process renews its leases, retries held writes and checkpoints
BUSY_TIMEOUT_S = 5.0   # one write waits this long for another's lock before it is held for a retry
PENDING_MAX = 10_000   # writes held while the store is in trouble; beyond, new ones are dropped (and logged)
WAL_LIMIT = 4 * 2**20  # the write-ahead log is cut back to this many bytes after a checkpoint
CHECKPOINT_AT = 2**20  # and checkpointed by the maintenance thread once it is larger than this
NICKNAME_MAX = 30
# Letters (any script), digits, spaces and a little punctuation: nothing that is markup anywhere.
_NICK_RE = re.compile(r"[^\W_]|[ .'-]")
# Characters that draw nothing though Unicode calls them letters, symbols or marks: the Hangul fillers, the
# blank braille cell, the grapheme joiner and the variation selectors (a name of them looks empty, or the
# same as a classmate's). Format and control characters (zero-width, bidi) are refused by category.
_BLANK_RE = re.compile("[\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5\u180b-\u180f\ufe00-\ufe0f"
                       "\U000e0100-\U000e01ef]")
NICKNAME_MAX_MARKS = 3  # accents or vowel signs on one letter (Thai and Hindi need two); more is a scribble
# The animals of the default names, by their catalogue keys (store.animal.<name>); their order makes the names.
_ANIMALS = ("otter", "heron", "lynx", "panda", "koala", "gecko", "puffin", "bison", "ibex", "marten",
            "tapir", "quokka", "okapi", "walrus", "magpie", "badger")

def _leases_and_unique_numbers(conn: sqlite3.Connection) -> None:
    """Version 2: leases instead of process ids (a pid means nothing in another container), and one run
    per (workspace, number): a duplicate from two processes racing gets its workspace's next number."""
    for sql in ("ALTER TABLE runs ADD COLUMN lease REAL", "ALTER TABLE runs ADD COLUMN owner TEXT",
                "ALTER TABLE runs DROP COLUMN pid", "ALTER TABLE runs DROP COLUMN boot",
                "DROP INDEX runs_by_workspace"):
        conn.execute(sql)
    top: dict[str, int] = dict(conn.execute("SELECT workspace, max(number) FROM runs GROUP BY workspace"))
    seen: set[tuple[str, int]] = set()
    for rid, ws, number in conn.execute("SELECT id, workspace, number FROM runs ORDER BY created, id").fetchall():
        if (ws, number) in seen:
            top[ws] += 1
            conn.execute("UPDATE runs SET number = ? WHERE id = ?", (top[ws], rid))
            number = top[ws]
        seen.add((ws, number))
    conn.execute("CREATE UNIQUE INDEX runs_number ON runs (workspace, number)")


# Each entry brings the schema from version i to i + 1 (SQL statements, or a function of the connection
# for what SQL alone cannot say); a new version appends, never edits.
MIGRATIONS: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
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
    _leases_and_unique_numbers,
    # Version 3: the class's lesson (one row: the teacher's view, read by every following tab) and the
    # tabs of each server process taking part in it (the teacher's counts). See core/runs/lesson.py.
    """
    CREATE TABLE lesson (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        id TEXT NOT NULL,
        leader TEXT NOT NULL,
        version INTEGER NOT NULL,
        page TEXT NOT NULL,
        view TEXT NOT NULL,
        paused INTEGER NOT NULL DEFAULT 0,
        names INTEGER NOT NULL DEFAULT 0,
        started REAL NOT NULL,
        teacher_seen REAL NOT NULL,
        teacher_gone INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE lesson_procs (
        process TEXT PRIMARY KEY,
        lesson TEXT NOT NULL,
        following INTEGER NOT NULL,
        left_ INTEGER NOT NULL,
        seen REAL NOT NULL
    ) WITHOUT ROWID;
    """,
    # Version 4: questions the teacher asks the class (the lesson's current one in lesson.ask) and each
    # student browser's one answer to each. See core/runs/asks.py.
    """
    ALTER TABLE lesson ADD COLUMN ask TEXT;
    CREATE TABLE asks (
        id TEXT PRIMARY KEY,
        lesson TEXT NOT NULL,
        leader TEXT NOT NULL,
        seq INTEGER NOT NULL,
        question TEXT NOT NULL,
        page TEXT NOT NULL,
        view TEXT NOT NULL,
        ctx TEXT NOT NULL,
        asked REAL NOT NULL,
        revealed REAL,
        truth TEXT
    );
    CREATE INDEX asks_by_lesson ON asks (lesson, seq);
    CREATE TABLE answers (
        ask TEXT NOT NULL,
        workspace TEXT NOT NULL,
        value TEXT NOT NULL,
        sent REAL NOT NULL,
        PRIMARY KEY (ask, workspace)
    ) WITHOUT ROWID;
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
    """A random workspace id (a browser's comes from its secret: ``core.classroom.identity.workspace_of``)."""
    return secrets.token_urlsafe(16)


def anonymous_name(workspace: str, lang: str = DEFAULT_LANG) -> str:
    """The default nickname of a workspace: an animal and a number, the same for the same workspace, the
    animal named in ``lang`` (the English name is the one stored)."""
    n = int.from_bytes(workspace.encode()[:8].ljust(8, b"\0"), "big")
    return f"{t('store.animal.' + _ANIMALS[n % len(_ANIMALS)], lang)} {n // len(_ANIMALS) % 90 + 10}"


def shown_nickname(nickname: str, workspace: str, lang: str) -> str:
    """``nickname`` of ``workspace`` as a reader of ``lang`` sees it: the workspace's default name (stored
    in any language) in ``lang``; a name the student chose, as typed."""
    if any(nickname == anonymous_name(workspace, other) for other in LANGUAGES):
        return anonymous_name(workspace, lang)
    return nickname


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

    def nickname_in(self, lang: str) -> str:
        """The run's nickname as a reader of ``lang`` sees it (:func:`shown_nickname`)."""
        return shown_nickname(self.nickname, self.workspace, lang)


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


def _record(r: tuple) -> RunRecord:
    """A row of ``RunStore._SUMMARY`` as a record."""
    return RunRecord(id=r[0], workspace=r[1], number=r[2], nickname=r[3], created=r[4], ended=r[5],
                     config=_config_from_json(r[6]), state=r[7], reason=_reason_from_json(r[8]),
                     hidden=bool(r[9]), epochs=r[10], best_val_accuracy=r[11], seconds=r[12],
                     has_arrays=bool(r[13]))


def _decoded(run_id: str, what: str, decode: Callable[[], object], default=None):
    """``decode()``, or ``default`` (with a log line) when a stored value is damaged: a run with a bad
    setting or array is left out or shown without it, never an error on a student's page."""
    try:
        return decode()
    except (ValueError, TypeError, KeyError, OSError, EOFError) as exc:  # json, np.load, TrainConfig(**)
        logger.warning("run store: run %s has a damaged %s (%s: %s)", run_id, what, type(exc).__name__, exc)
        return default


class _NewerSchema(sqlite3.DatabaseError):
    """The file was written by a newer version of this app."""


_FOR_GOOD = ("damaged", "newer")  # the faults that switch saving off until someone fixes the file


def _kind(exc: BaseException) -> str:
    """What went wrong with the store file: ``damaged``, ``newer``, ``busy``, ``full``, ``readonly``,
    ``refused`` (a write the data would break, e.g. a run evicted meanwhile) or ``unreadable``."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    errno = getattr(exc, "errno", None)
    if isinstance(exc, _NewerSchema):
        return "newer"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "not a database" in text or "malformed" in text:
        return "damaged"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return "busy"
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR")) or "full" in text or "disk i/o" in text \
            or errno in (28, 27):  # ENOSPC, EFBIG
        return "full"
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text \
            or isinstance(exc, PermissionError) or errno in (13, 30, 1):  # EACCES, EROFS, EPERM
        return "readonly"
    if isinstance(exc, sqlite3.IntegrityError):
        return "refused"
    return "unreadable"


def _statements(script: str) -> list[str]:
    """The statements of a migration script (split here: ``executescript`` would commit the transaction)."""
    return [part.strip() for part in script.split(";") if part.strip()]


def _maintenance(ref: weakref.ref, stopped: threading.Event, every: float) -> None:
    """The maintenance thread: :meth:`RunStore.maintain` every ``every`` seconds, sooner (0.1 s, doubling)
    while writes are held; it ends with its store."""
    tries = 0
    while not stopped.wait(every if tries == 0 else min(every, 0.1 * 2 ** (tries - 1))):
        store = ref()
        if store is None:
            return
        try:
            store.maintain()
        except Exception:  # noqa: BLE001  (upkeep must go on; the store's own faults never raise)
            logger.exception("run store upkeep failed")
        tries = 0 if store.ok or store._broken else tries + 1
        del store


class RunStore:
    """All stored runs of this server, in ``<data_dir>/runs.sqlite3``. Thread-safe; never raises on a
    store fault (see the module docstring). ``problem`` is None while runs are being saved.

    A maintenance thread (one per store, gone with it) renews the leases of the runs this store is
    writing, marks runs whose lease ran out as interrupted, retries held writes and checkpoints the
    log, every ``heartbeat_s`` seconds; :meth:`maintain` does the same at once."""

    def __init__(self, data_dir: str | Path | None = None, *, max_runs_kept: int | None = None,
                 max_runs_per_workspace: int | None = None, busy_timeout_s: float = BUSY_TIMEOUT_S,
                 lease_s: float = LEASE_S, heartbeat_s: float = HEARTBEAT_S):
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.path = self.data_dir / DB_NAME
        self.max_runs = max_runs_kept or max_runs()
        self.max_runs_per_workspace = max_runs_per_workspace or max_runs_per_student()
        self.problem: Message | None = None
        self.detail: str | None = None
        self.lease_s, self.heartbeat_s = lease_s, heartbeat_s
        self._busy_timeout_s = busy_timeout_s
        self._local = threading.local()
        self._lock = threading.Lock()    # guards the fields below
        self._opened = self._broken = False
        self._pending: deque[Callable[[sqlite3.Connection], object]] = deque()
        self._live: set[str] = set()     # runs this store is writing: their leases are renewed
        self._owner = secrets.token_hex(8)
        self._stopped = threading.Event()
        if self._open():
            self._sweep(time.time())  # what a process that died left training
        threading.Thread(target=_maintenance, args=(weakref.ref(self), self._stopped, heartbeat_s),
                         name="run-store", daemon=True).start()

    # --- plumbing ---
    @property
    def ok(self) -> bool:
        """Whether runs are being saved (nothing held for a retry, nothing broken)."""
        return self.problem is None

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=self._busy_timeout_s, isolation_level=None,
                                   check_same_thread=True)
            # NORMAL in WAL mode: a commit survives the process being killed (not a power cut), and
            # each commit costs no fsync — an epoch row stays well under a millisecond.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            # No automatic checkpoint: it would land (with its fsync, 20–40 ms) on whichever commit fills
            # the log — often a training thread's epoch row. The maintenance thread checkpoints instead,
            # and the log is cut back to WAL_LIMIT after each (it never shrinks by itself).
            conn.execute("PRAGMA wal_autocheckpoint=0")
            conn.execute(f"PRAGMA journal_size_limit={WAL_LIMIT}")
            self._local.conn = conn
        return conn

    def _open(self) -> bool:
        """Create the folder and bring the file to this schema (again after a passing fault); True once open."""
        if self._opened:
            return True
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self._wal()
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            self._trouble(exc)
            return False
        self._opened = True
        return True

    def _wal(self) -> None:
        """Switch the file to WAL (kept in the file). Two processes opening a new file at once race for
        it, and the loser's pragma fails at once, without the busy handler: retry it with backoff."""
        conn, wait, deadline = self._conn(), 0.01, time.monotonic() + self._busy_timeout_s
        while True:
            try:
                if conn.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() == "wal":
                    return
            except sqlite3.OperationalError as exc:
                if _kind(exc) != "busy" or time.monotonic() > deadline:
                    raise
            if time.monotonic() > deadline:
                raise sqlite3.OperationalError("database is locked (could not switch to WAL)")
            time.sleep(wait)
            wait = min(wait * 2, 0.5)

    def _migrate(self) -> None:
        """Read the version and migrate in one write transaction, so a second process waits for the
        first and then finds nothing to do."""
        def migrate(conn):
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise _NewerSchema(f"schema version {version} is newer than this app's {SCHEMA_VERSION}")
            for step in MIGRATIONS[version:]:
                if callable(step):
                    step(conn)
                else:
                    for sql in _statements(step):
                        conn.execute(sql)
            if version != SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("SELECT count(*) FROM runs").fetchone()  # a damaged file shows here, not mid-lesson
        self._transaction(migrate)

    def _transaction(self, fn: Callable[[sqlite3.Connection], object]):
        """Run ``fn`` in one write transaction, taken at once (so two writers queue instead of deadlocking)."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            out = fn(conn)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return out

    def _trouble(self, exc: BaseException) -> None:
        """Note a fault: for good when the file is damaged or newer, else until the held writes go through."""
        kind = _kind(exc)
        with self._lock:
            if self._broken:
                return
            self._broken = kind in _FOR_GOOD
            first = self.problem is None or self._broken
            self.problem = Message(f"store.problem.{kind}")
            self.detail = f"{self.path}: {type(exc).__name__}: {exc}"
        if first:  # once per episode: a full disk does not fill the log as well
            logger.warning("run store %s: %s", "off" if self._broken else "in trouble, retrying", self.detail)

    def _write(self, fn: Callable[[sqlite3.Connection], object], default=None, *, hold: bool = False):
        """Run ``fn`` in a write transaction and return what it returns, or ``default`` on a fault.
        ``hold``: a write that records a run is kept for a retry after a passing fault, and while older
        ones wait it waits behind them (so a run's rows land in order)."""
        with self._lock:
            if self._broken:
                return default
            if self._pending:  # older writes wait: this one goes behind them (checked and held at once)
                if hold:
                    self._hold(fn)
                return default
        if self._open():
            try:
                return self._transaction(fn)
            except (sqlite3.Error, OSError) as exc:
                if _kind(exc) == "refused":
                    logger.warning("run store refused a write: %s", exc)
                    return default
                self._trouble(exc)
        if hold:
            with self._lock:
                self._hold(fn)
        return default

    def _hold(self, fn) -> None:
        """Keep a write for :meth:`_flush` (called with ``_lock`` held)."""
        if len(self._pending) >= PENDING_MAX:
            logger.error("run store: %d writes already held, one more dropped", PENDING_MAX)
            return
        self._pending.append(fn)

    def _flush(self) -> bool:
        """Write the held writes in order, as far as the store lets; True when none is left (and the
        problem, unless the file is broken, is over)."""
        if self._broken or not self._open():
            return False
        while True:
            with self._lock:
                if not self._pending:
                    if not self._broken and self.problem is not None:
                        logger.warning("run store saving again: %s", self.path)
                        self.problem = self.detail = None
                    return True
                fn = self._pending[0]
            try:
                self._transaction(fn)
            except (sqlite3.Error, OSError) as exc:
                if _kind(exc) != "refused":
                    self._trouble(exc)
                    return False
                logger.warning("run store dropped a held write it refused: %s", exc)
            with self._lock:
                self._pending.popleft()

    def _read(self, fn: Callable[[sqlite3.Connection], object], default=None):
        """``fn(connection)``, or ``default`` when the store cannot be read (a damaged file switches it off)."""
        if self._broken or not self._open():
            return default
        try:
            return fn(self._conn())
        except (sqlite3.Error, OSError) as exc:
            if _kind(exc) in _FOR_GOOD:
                self._trouble(exc)
            else:
                logger.warning("run store read failed: %s", exc)
            return default

    def read(self, fn: Callable[[sqlite3.Connection], object], default=None):
        """``fn(connection)`` for the store's companion tables (the lesson), or ``default`` on a fault."""
        return self._read(fn, default)

    def write(self, fn: Callable[[sqlite3.Connection], object], default=None):
        """``fn(connection)`` in one write transaction for the companion tables, or ``default`` on a fault
        (not held for a retry: a lesson's next change or heartbeat says it again)."""
        return self._write(fn, default)

    def maintain(self) -> None:
        """One round of upkeep: retry held writes; renew the leases of this store's runs in training and
        mark runs nobody renews as interrupted; checkpoint the log when it has grown."""
        if not self._flush():
            return
        now = time.time()
        with self._lock:
            live = list(self._live)
        if live:
            self._write(lambda c: c.executemany("UPDATE runs SET lease = ? WHERE id = ? AND owner = ?",
                                                [(now + self.lease_s, rid, self._owner) for rid in live]))
        self._sweep(now)
        if os.path.exists(f"{self.path}-wal") and os.path.getsize(f"{self.path}-wal") > CHECKPOINT_AT:
            self._read(lambda c: c.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone())

    def _sweep(self, now: float) -> None:
        """Mark runs in training whose lease ran out (their process died) as interrupted; they keep their
        epochs. Looked for first, so an idle server takes no write lock."""
        expired = "state IN (?, ?) AND coalesce(lease, 0) < ?"
        if self._read(lambda c: c.execute(f"SELECT EXISTS (SELECT 1 FROM runs WHERE {expired})",
                                          (*ACTIVE_STATES, now)).fetchone()[0]):
            self._write(lambda c: c.execute(f"UPDATE runs SET state = '{INTERRUPTED}', ended = ? WHERE {expired}",
                                            (now, *ACTIVE_STATES, now)))

    def close(self) -> None:
        """Stop the maintenance thread and close this thread's connection (others close with their thread)."""
        self._stopped.set()
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # --- workspaces ---
    def nickname(self, workspace: str) -> str | None:
        """The workspace's nickname, or None when it is not stored (it is once it saves something)."""
        row = self._read(lambda c: c.execute("SELECT nickname FROM workspaces WHERE id = ?",
                                             (workspace,)).fetchone())
        return row[0] if row else None

    def set_nickname(self, workspace: str, nickname: str) -> None:
        """Rename ``workspace`` and every run in it (call with a name :func:`clean_nickname` accepted)."""
        def rename(conn):
            conn.execute("INSERT INTO workspaces VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET nickname = "
                         "excluded.nickname", (workspace, nickname, time.time()))
            conn.execute("UPDATE runs SET nickname = ? WHERE workspace = ?", (nickname, workspace))
        self._write(rename, hold=True)

    _NEXT_NUMBER = "SELECT coalesce(max(number), 0) + 1 FROM runs WHERE workspace = ?"

    def next_number(self, workspace: str) -> int:
        """The number the workspace's next run gets (1 + its highest stored one)."""
        return self._read(lambda c: c.execute(self._NEXT_NUMBER, (workspace,)).fetchone()[0], 1)

    # --- writing a run ---
    def create_run(self, workspace: str, number: int, config: TrainConfig, nickname: str) -> str | None:
        """Record a new (queued) run of this process, with its workspace's row the first time; returns
        its id (a write held for a retry included), or None when saving is off for good. A number another
        process took meanwhile is replaced by the next free one. Makes room as :meth:`_evict` says."""
        run_id = secrets.token_urlsafe(9)

        def create(conn):
            conn.execute("INSERT OR IGNORE INTO workspaces VALUES (?, ?, ?)", (workspace, nickname, time.time()))
            free = conn.execute(self._NEXT_NUMBER, (workspace,)).fetchone()[0]
            taken = conn.execute("SELECT 1 FROM runs WHERE workspace = ? AND number = ?",
                                 (workspace, number)).fetchone()
            conn.execute("INSERT INTO runs (id, workspace, number, nickname, created, config, state, lease, owner) "
                         "VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)",
                         (run_id, workspace, free if taken else number, nickname, time.time(), _config_json(config),
                          time.time() + self.lease_s, self._owner))
            self._evict(conn, workspace)
        with self._lock:
            self._live.add(run_id)
        self._write(create, hold=True)
        return None if self._broken else run_id

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

    def save_epoch(self, run_id: str, epoch: int, row: dict[str, float], labels: np.ndarray | None = None) -> None:
        """Commit one finished epoch (1-based ``epoch``; ``row`` has the Keras keys and ``seconds``), with
        that epoch's validation labels for the scrubber (stored as int8). Renews the run's lease, and
        takes back a run another process marked interrupted while this one could not renew it."""
        values = (run_id, epoch, *(float(row[k]) for k in (*HISTORY_KEYS, SECONDS_KEY)))
        blob = None if labels is None else npy_bytes(labels.astype(np.int8))

        def save(conn):
            conn.execute("INSERT OR REPLACE INTO epochs VALUES (?, ?, ?, ?, ?, ?, ?)", values)
            if blob is not None:
                conn.execute("INSERT OR REPLACE INTO epoch_preds VALUES (?, ?, ?)", (run_id, epoch, blob))
            conn.execute(f"UPDATE runs SET state = 'running', ended = NULL, lease = ? WHERE id = ? AND owner = ? "
                         f"AND state IN ('queued', '{INTERRUPTED}')", (time.time() + self.lease_s, run_id, self._owner))
        self._write(save, hold=True)

    def end_run(self, run_id: str, state: str, reason: Message | None = None, *,
                val_proba: np.ndarray | None = None, test_proba: np.ndarray | None = None,
                weights: bytes | None = None, weights_name: str | None = None) -> None:
        """Record how a run ended, then (in a second transaction, so a failure there never leaves the run
        "running") its final probabilities (stored as float16) and weights file. A run stopped before
        its first epoch is not kept: it has nothing to show (and a student pressing Start and Stop in
        turn fills nobody's list)."""
        with self._lock:
            self._live.discard(run_id)
        reason_json, ended = _reason_json(reason), time.time()

        def end(conn):
            if state == "stopped" and conn.execute("SELECT NOT EXISTS (SELECT 1 FROM epochs WHERE run_id = ?)",
                                                   (run_id,)).fetchone()[0]:
                conn.execute("DELETE FROM runs WHERE id = ?", (run_id,))
                return
            conn.execute("UPDATE runs SET state = ?, reason = ?, ended = ?, lease = NULL WHERE id = ?",
                         (state, reason_json, ended, run_id))
        self._write(end, hold=True)
        if all(a is None for a in (val_proba, test_proba, weights)):
            return
        blobs = (run_id, *(None if p is None else npy_bytes(p.astype(np.float16)) for p in (val_proba, test_proba)),
                 weights, weights_name)
        # Only for a run still there (not deleted as empty, nor evicted meanwhile).
        self._write(lambda c: c.execute("INSERT OR REPLACE INTO arrays SELECT ?, ?, ?, ?, ? WHERE EXISTS "
                                        "(SELECT 1 FROM runs WHERE id = ?)", (*blobs, run_id)), hold=True)

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
        return [record for r in rows if (record := _decoded(r[0], "summary", lambda: _record(r))) is not None]

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
        return _decoded(run_id, "history", lambda: {k: [float(r[i]) for r in rows] for i, k in enumerate(keys)},
                        {k: [] for k in keys})

    def epoch_labels(self, run_id: str) -> list[np.ndarray]:
        """The validation labels after each epoch (for the prediction page's scrubber)."""
        rows = self._read(lambda c: c.execute("SELECT labels FROM epoch_preds WHERE run_id = ? ORDER BY epoch",
                                              (run_id,)).fetchall(), [])
        return _decoded(run_id, "labels", lambda: [from_npy(r[0]) for r in rows], [])

    def arrays(self, run_id: str) -> RunArrays | None:
        """The run's final probabilities (float32) and weights, or None when it has none."""
        row = self._read(lambda c: c.execute("SELECT val_proba, test_proba, weights, weights_name FROM arrays "
                                             "WHERE run_id = ?", (run_id,)).fetchone())
        if row is None:
            return None
        return _decoded(run_id, "arrays", lambda: RunArrays(
            *(None if b is None else from_npy(b).astype(np.float32) for b in row[:2]), row[2], row[3]))

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
