"""Shared fixtures. The repository root is on sys.path (rootdir conftest), so `import core` works."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Deterministic property tests in CI; more examples locally are welcome via HYPOTHESIS_PROFILE.
settings.register_profile("ci", derandomize=True, deadline=None, max_examples=200)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def app_path() -> str:
    """Absolute path of app.py, for AppTest.from_file."""
    return str(ROOT / "app.py")
