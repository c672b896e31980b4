"""Check RunList: numbering, eviction of finished runs, one active run per tab, stop_all, thread safety."""
import threading

import pytest

from core.data.datasets import load_digits
from core.runs.run_list import RunList, RunStillActive
from core.runs.config import TrainConfig
from core.runs.training import JobState, TrainJob

WAIT = 60  # seconds a test waits for a job before calling it stuck (never a speed claim)


@pytest.fixture(scope="module")
def digits():
    return load_digits()


def job(ds, **changes) -> TrainJob:
    """An unstarted quick digits job with its own slot (so tests never queue behind each other)."""
    cfg = TrainConfig(**{**dict(dataset="digits", units=8, batch_size=64, epochs=1, learning_rate=0.5),
                         **changes})
    return TrainJob(cfg, ds, slots=threading.BoundedSemaphore(1))


def ended(ds, **changes) -> TrainJob:
    """A job that has ended (stopped before it started: no training needed)."""
    j = job(ds, **changes)
    j.stop()
    return j


def test_numbers_count_up_and_eviction_forgets_the_oldest_finished_run(digits):
    """Check that runs are numbered 1, 2, … and that beyond ``keep`` the oldest finished run goes."""
    runs = RunList(keep=3)
    added = [runs.add(ended(digits)) for _ in range(5)]
    assert [r.number for r in added] == [1, 2, 3, 4, 5]
    assert [r.number for r in runs] == [3, 4, 5] and len(runs) == 3
    assert runs.get(2) is None and runs.get(4) is added[3] and runs.latest is added[4]


def test_an_active_run_is_never_evicted(digits):
    """Check that the active run stays even when it is the oldest and the list is full."""
    runs = RunList(keep=2)
    first = runs.add(ended(digits))
    active = runs.add(job(digits))
    runs_before = list(runs)
    assert runs.active is active and runs_before == [first, active]
    active.job.stop()
    third = runs.add(ended(digits))
    assert list(runs) == [active, third]  # the oldest finished one (#1) went


def test_add_refuses_a_second_active_job(digits):
    """Check that a tab cannot hold two active jobs: the second add raises and registers nothing."""
    runs = RunList()
    first = runs.add(job(digits))
    with pytest.raises(RunStillActive):
        runs.add(job(digits))
    assert list(runs) == [first] and runs.active is first
    first.job.stop()
    assert runs.active is None
    assert runs.add(job(digits)).number == 2


def test_two_threads_adding_at_once_register_one_active_job(digits):
    """Check that of many threads adding an active job at the same moment (a double click) one wins."""
    runs = RunList()
    jobs = [job(digits) for _ in range(8)]
    barrier = threading.Barrier(len(jobs))
    won = []

    def add(j):
        barrier.wait(WAIT)
        try:
            won.append(runs.add(j))
        except RunStillActive:
            pass

    threads = [threading.Thread(target=add, args=(j,)) for j in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT)
    assert len(won) == 1 and list(runs) == won


def test_stop_active_survives_a_job_that_ends_when_stopped(digits):
    """Check that stopping a job which ends at once (a queued job does) raises nothing and ends it —
    the page's Stop once read ``runs.active`` three times and failed when the job ended in between."""
    runs = RunList()
    run = runs.add(job(digits))  # registered, never started: stop() ends it immediately
    assert runs.stop_active(timeout=WAIT) is run
    assert run.job.done and run.job.state == JobState.STOPPED and runs.active is None
    assert runs.stop_active(timeout=WAIT) is None  # nothing active: nothing to do


def test_stop_active_ends_a_running_job(digits):
    """Check that stop_active stops a training job and waits for it."""
    runs = RunList()
    run = runs.add(job(digits, epochs=200, batch_size=1))
    run.job.start()
    assert runs.stop_active(timeout=WAIT) is run
    assert run.job.done and run.job.state == JobState.STOPPED


def test_stop_all_stops_every_job_and_waits(digits):
    """Check that stop_all (a tab closing) ends a running job and leaves finished ones as they were."""
    runs = RunList()
    finished = runs.add(ended(digits))
    running = runs.add(job(digits, epochs=200, batch_size=1))
    running.job.start()
    runs.stop_all(timeout=WAIT)
    assert running.job.done and running.job.state == JobState.STOPPED
    assert finished.job.state == JobState.STOPPED and runs.active is None


def test_len_and_iteration_are_safe_while_other_threads_add(digits):
    """Check that ``len`` and iteration, read while other threads add and evict, always see a
    consistent list (never more than ``keep`` runs, numbers increasing)."""
    runs = RunList(keep=4)
    pool = [ended(digits) for _ in range(50)]
    seen, stop = [], threading.Event()

    def read():
        while not stop.is_set():
            seen.append(len(runs))
            numbers = [r.number for r in runs]
            assert numbers == sorted(numbers) and len(numbers) <= 4

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=lambda js: [runs.add(j) for j in js], args=(pool[i::5],))
               for i in range(5)]
    for t in writers:
        t.start()
    for t in writers:
        t.join(WAIT)
    stop.set()
    reader.join(WAIT)
    assert len(runs) == 4 and max(seen) <= 4
    assert [r.number for r in runs] == [47, 48, 49, 50]
