"""Streamlit plumbing for training: the shared data cache, the run store, and each workspace's runs."""
from __future__ import annotations

import streamlit as st

from core.data.datasets import Dataset, load_digits, load_fashion_mnist
from core.runs.run_list import RunList
from core.runs.store import ACTIVE_STATES, RunStore
from core.runs.stored_job import StoredJob
from core.runs.workspaces import Workspaces


@st.cache_resource(show_spinner=False, max_entries=6)
def dataset(name: str, subset: int | None) -> Dataset:
    """The data set, loaded once per process and shared read-only by every session.

    Raises core.data.datasets.DatasetError (not cached) when the files are missing or damaged.
    """
    if name == "digits":
        return load_digits(subset=subset)
    return load_fashion_mnist(subset=subset)


@st.cache_resource(show_spinner=False)
def run_store() -> RunStore:
    """The server's run store (``$PLAYGROUND_DATA_DIR``); opened once, which also marks the runs a
    previous process left training as interrupted."""
    return RunStore()


def catch_up(runs: RunList, ws: str) -> RunList:
    """``runs`` with the workspace's stored runs it lacks: all of them when this process builds the list
    (after a restart), and later the ones another server process ended since (a proxy may send one
    browser's tabs to different processes). A run still training elsewhere joins once it has ended.
    One indexed query when nothing is new."""
    store = run_store()
    if store.next_number(ws) - 1 > runs.highest:
        for record in store.runs(ws)[-runs.keep:]:
            if record.number > runs.highest and record.state not in ACTIVE_STATES:
                runs.restore(record.number, StoredJob(store, record, dataset))
    return runs


@st.cache_resource(show_spinner=False)
def workspaces() -> Workspaces:
    """The process-wide registry of workspaces, their holders and their live runs."""
    return Workspaces(lambda ws: catch_up(RunList(), ws))
