"""Process-wide settings that keep one server quick for a class (applied once, from app.py)."""
from __future__ import annotations

import functools
import gc
import sys

from streamlit.runtime.scriptrunner import script_runner

# Allocations between young-generation collections (Python's default is 700): a class's reruns and the
# training threads beside them allocate quickly, and each collection stalls every session.
GC_THRESHOLD = (50_000, 20, 20)


def _clean_problem_modules() -> None:
    """Streamlit's after-run clean-up without ``keras.backend.clear_session()``.

    Streamlit resets Keras after every script run, for apps that build models in the script. Ours are
    built and trained in worker threads, and the reset costs a full garbage collection per rerun (with 30
    students: seven a second, 10–200 ms each, every session stalled) and clears TensorFlow's kernel cache
    under a running job. Matplotlib is still closed, as Streamlit does (the app does not use it).
    """
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@functools.cache
def tune_once() -> None:
    """Freeze what is alive when the first page runs (modules and registries, never garbage) so the
    collector stops re-walking it, collect young objects less often, and skip Streamlit's Keras reset."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    script_runner._clean_problem_modules = _clean_problem_modules
