"""Streamlit plumbing for training: the shared data cache and the server's one RunService."""
from __future__ import annotations

import streamlit as st

from core.data.datasets import Dataset, load_digits, load_fashion_mnist
from core.runs.service import RunService
from core.runs.store import RunStore


@st.cache_resource(show_spinner=False, max_entries=6)
def dataset(name: str, subset: int | None) -> Dataset:
    """The data set, loaded once per process and shared read-only by every session.

    Raises core.data.datasets.DatasetError (not cached) when the files are missing or damaged.
    """
    if name == "digits":
        return load_digits(subset=subset)
    return load_fashion_mnist(subset=subset)


@st.cache_resource(show_spinner=False)
def run_service() -> RunService:
    """The server's runs: its run store (``$PLAYGROUND_DATA_DIR``, opened once, which also marks the runs a
    previous process left training as interrupted), each browser's run list and the start limit."""
    return RunService(RunStore(), dataset)
