"""The workspace registry: every tab of a browser holds its workspace side by side; runs kept through the
grace period after the last tab went."""
from __future__ import annotations

import time

from core.data.datasets import load_digits
from core.runs.run_list import RunList
from core.runs.config import TrainConfig
from core.runs.training import JobState, TrainJob
from core.runs.workspaces import Workspaces, grace_seconds


def training_in(runs: RunList) -> TrainJob:
    """A job added to ``runs`` and started, that trains on the digits for many seconds (one-image batches
    through 256 units, for the 200 epochs the settings allow at most: 200 epochs of batch 16 can end in
    under one)."""
    job = TrainJob(TrainConfig(dataset="digits", units=256, batch_size=1, epochs=200), load_digits())
    runs.add(job)
    job.start()
    return job


def test_tabs_of_one_browser_hold_one_workspace_side_by_side():
    """Check that a second tab holds the workspace with the first and shares its run list (the old registry
    refused it while the first was connected), and the grace period starts only when the last tab goes."""
    reg = Workspaces(lambda ws: RunList(), grace_s=0.3)
    reg.hold("w", "tab1")
    reg.hold("w", "tab2")
    assert reg.holders("w") == {"tab1", "tab2"} and reg.runs("w") is reg.runs("w")
    runs = reg.runs("w")
    job = training_in(runs)
    reg.release("w", "tab1")
    time.sleep(0.6)  # past the grace period, but tab2 still holds it: nothing stops
    assert not job.done and reg.runs("w") is runs and reg.holders("w") == {"tab2"}
    reg.release("w", "tab2")
    assert job.join(10) and job.state == JobState.STOPPED and reg.holders("w") == frozenset()


def test_a_release_by_a_session_that_holds_nothing_changes_nothing():
    """Check that a stale release (a tab that started afresh lets go of its old workspace twice) leaves the
    other tabs' hold alone."""
    reg = Workspaces(lambda ws: RunList(), grace_s=0.1)
    reg.hold("w", "tab1")
    reg.release("w", "tab2")
    reg.release("v", "tab1")
    time.sleep(0.3)
    assert reg.holders("w") == {"tab1"}


def test_a_reload_within_the_grace_period_finds_the_job_training():
    """Check that a released workspace keeps its training job and the same run list for the next tab."""
    reg = Workspaces(lambda ws: RunList(), grace_s=0.5)
    reg.hold("w", "tab1")
    runs = reg.runs("w")
    job = training_in(runs)
    reg.release("w", "tab1")
    time.sleep(0.2)
    reg.hold("w", "tab2")
    assert reg.runs("w") is runs
    time.sleep(0.6)  # past the grace period: held again, so it must still train
    assert not job.done and reg.live_jobs() == 1
    job.stop()
    job.join(10)


def test_no_tab_back_in_time_stops_the_job():
    """Check that the job of a workspace nobody reclaims stops after the grace period and frees its slot."""
    reg = Workspaces(lambda ws: RunList(), grace_s=0.3)
    reg.hold("w", "tab1")
    job = training_in(reg.runs("w"))
    reg.release("w", "tab1")
    assert job.join(10) and job.state == JobState.STOPPED
    assert reg.holders("w") == frozenset() and reg.live_jobs() == 0


def test_grace_from_the_environment(monkeypatch):
    """Check that PLAYGROUND_GRACE_S is read, and a bad value falls back to 60 s."""
    monkeypatch.setenv("PLAYGROUND_GRACE_S", "5")
    assert grace_seconds() == 5
    monkeypatch.setenv("PLAYGROUND_GRACE_S", "soon")
    assert grace_seconds() == 60
