"""Streamlit plumbing for training: the shared data cache and each session's list of runs."""
from __future__ import annotations

import streamlit as st

from core.data import Dataset, load_digits, load_fashion_mnist
from core.runs import RunList


@st.cache_resource(show_spinner=False, max_entries=6)
def dataset(name: str, subset: int | None) -> Dataset:
    """The data set, loaded once per process and shared read-only by every session.

    Raises core.data.DatasetError (not cached) when the files are missing or damaged.
    """
    if name == "digits":
        return load_digits(subset=subset)
    return load_fashion_mnist(subset=subset)


# on_release runs on the server loop: it only signals the threads (they end within one batch).
@st.cache_resource(scope="session", on_release=lambda runs: runs.stop_all(timeout=0), show_spinner=False)
def session_runs() -> RunList:
    """This browser tab's runs. Closing the tab releases it, which stops its training threads."""
    return RunList()
