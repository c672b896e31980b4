"""The workspace registry: one connected tab per workspace, runs kept through a reload's grace period."""
from __future__ import annotations

import time

from core.data import load_digits
from core.runs import RunList
from core.training import JobState, TrainConfig, TrainJob
from core.workspaces import Workspaces, grace_seconds


def long_job(ds) -> TrainJob:
    """A job that trains for many seconds (one-image batches: 1,000 epochs of batch 16 can end in under one)."""
    return TrainJob(TrainConfig(dataset="digits", units=16, batch_size=1, epochs=1000), ds)


def test_a_connected_tab_keeps_its_workspace():
    """Check that a second session is refused while the holder is connected, and let in once it is not."""
    reg = Workspaces(lambda ws: RunList(), grace_s=60)
    connected = {"tab1"}
    assert reg.claim("w", "tab1", connected.__contains__)
    assert not reg.claim("w", "tab2", connected.__contains__)  # a shared link while tab1 is open
    assert reg.claim("w", "tab1", connected.__contains__)       # tab1's own reconnect
    connected.clear()                                            # tab1 reloads: its old session is gone
    assert reg.claim("w", "tab3", connected.__contains__) and reg.holder("w") == "tab3"


def test_a_reload_within_the_grace_period_finds_the_job_training():
    """Check that a released workspace keeps its training job and the same run list for the next tab."""
    reg = Workspaces(lambda ws: RunList(), grace_s=0.5)
    reg.claim("w", "tab1", lambda s: False)
    runs = reg.runs("w")
    job = long_job(load_digits())
    runs.add(job)
    job.start()
    reg.release("w", "tab1")
    time.sleep(0.2)
    assert reg.claim("w", "tab2", lambda s: False) and reg.runs("w") is runs
    time.sleep(0.6)  # past the grace period: reclaimed, so it must still train
    assert not job.done and reg.live_jobs() == 1
    job.stop()
    job.join(10)


def test_no_tab_back_in_time_stops_the_job():
    """Check that the job of a workspace nobody reclaims stops after the grace period and frees its slot."""
    reg = Workspaces(lambda ws: RunList(), grace_s=0.3)
    reg.claim("w", "tab1", lambda s: False)
    job = long_job(load_digits())
    reg.runs("w").add(job)
    job.start()
    reg.release("w", "tab1")
    assert job.join(10) and job.state == JobState.STOPPED
    assert reg.holder("w") is None and reg.live_jobs() == 0


def test_grace_from_the_environment(monkeypatch):
    """Check that PLAYGROUND_GRACE_S is read, and a bad value falls back to 60 s."""
    monkeypatch.setenv("PLAYGROUND_GRACE_S", "5")
    assert grace_seconds() == 5
    monkeypatch.setenv("PLAYGROUND_GRACE_S", "soon")
    assert grace_seconds() == 60
