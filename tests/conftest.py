"""Shared fixtures. The repository root is on sys.path (rootdir conftest), so `import core` works."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

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
