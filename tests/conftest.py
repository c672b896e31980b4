"""Shared fixtures. The repository root is on sys.path (rootdir conftest), so `import core` works."""
from __future__ import annotations

import functools
import gzip
import io
import os
import shutil
import sqlite3
import struct
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import settings
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.data.datasets import DEBIAN_DIR, FILES, Dataset, load_fashion_mnist  # noqa: E402 (needs ROOT on sys.path)
from core.runs.store import RunStore  # noqa: E402

PICTURES = ROOT / "tests" / "fixtures" / "pictures"  # odd and damaged picture files, kept as they came

# The run store of every test (and of every server a test starts) lives in a throw-away folder, never in
# the user's own data folder.
_DATA_DIR = tempfile.mkdtemp(prefix="playground-test-data-")
os.environ["PLAYGROUND_DATA_DIR"] = _DATA_DIR


def pytest_unconfigure(config):
    shutil.rmtree(_DATA_DIR, ignore_errors=True)


# Deterministic property tests in CI; more examples locally are welcome via HYPOTHESIS_PROFILE.
settings.register_profile("ci", derandomize=True, deadline=None, max_examples=200)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def app_path() -> str:
    """Absolute path of app.py, for AppTest.from_file."""
    return str(ROOT / "app.py")


def encode(img: Image.Image, fmt: str = "PNG", **kw) -> bytes:
    """The bytes of ``img`` saved as ``fmt`` (with PIL's save options ``kw``), as an upload would carry them."""
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


def need(condition: bool, why: str) -> None:
    """Skip when a prerequisite (a system package, a browser) is missing — but in CI that is a failure, not a skip."""
    if not condition:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(why)


def idx_bytes(arr: np.ndarray, type_code: int = 0x08) -> bytes:
    """Hand-made IDX encoding: two zero bytes, type, ndim, big-endian uint32 dims, big-endian data."""
    big = arr.astype(arr.dtype.newbyteorder(">"))
    return bytes([0, 0, type_code, arr.ndim]) + struct.pack(f">{arr.ndim}I", *arr.shape) + big.tobytes()


def write_fashion(folder: Path, n_per_class: int = 6, n_test_per_class: int = 2, gz: bool = True,
                  seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Write four tiny Fashion-MNIST-shaped IDX files; return the training images and labels."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    sets = {}
    for part, per in (("train", n_per_class), ("test", n_test_per_class)):
        labels = rng.permutation(np.repeat(np.arange(10, dtype=np.uint8), per))
        images = rng.integers(0, 256, (len(labels), 28, 28), dtype=np.uint8)
        sets[part] = images, labels
    for role, stem in FILES.items():
        part, kind = role.split("_")
        arr = sets[part][0 if kind == "images" else 1]
        blob = idx_bytes(arr)
        if gz:
            (folder / f"{stem}.gz").write_bytes(gzip.compress(blob))
        else:
            (folder / stem).write_bytes(blob)
    return sets["train"]


@functools.lru_cache(maxsize=1)
def debian_dataset() -> Dataset:
    """The real Fashion-MNIST from the Debian package, parsed once per test session (no cache)."""
    need(DEBIAN_DIR.is_dir(), f"{DEBIAN_DIR} missing: apt-get install dataset-fashion-mnist")
    return load_fashion_mnist(dirs=[DEBIAN_DIR], allow_download=False, cache_dir=False)


@pytest.fixture
def debian_fashion() -> Dataset:
    """The real Fashion-MNIST from the Debian package (skipped without it, outside CI)."""
    return debian_dataset()


# One epoch's history row, as an engine reports it, for tests that store runs by hand.
ROW = {"loss": 0.5, "accuracy": 0.8, "val_loss": 0.6, "val_accuracy": 0.75, "seconds": 0.1}


def old_store_file(folder: Path, version: int, *sql: str) -> None:
    """Write a run store file at schema ``version`` (this app's first ``version`` migrations), then ``sql``:
    a file an older app left, for a migration test."""
    from core.runs.store import DB_NAME, MIGRATIONS
    with sqlite3.connect(folder / DB_NAME) as conn:
        for step in MIGRATIONS[:version]:
            step(conn) if callable(step) else conn.executescript(step)
        for statement in sql:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")


@pytest.fixture
def broken_store(tmp_path):
    """A run store over a damaged file (it switches itself off), closed after the test."""
    from core.runs.store import DB_NAME
    (tmp_path / DB_NAME).write_bytes(b"this is not a database" * 100)
    s = RunStore(tmp_path)
    yield s
    s.close()


@pytest.fixture
def store(tmp_path):
    """A run store in a fresh temporary folder (a real SQLite file), closed after the test."""
    s = RunStore(tmp_path)
    assert s.ok, s.problem
    yield s
    s.close()
