"""The runs façade: who may start a run and when, what the store keeps of it, and whose run a page opens,
held against the run store's own records in a real SQLite file."""
from __future__ import annotations

import time

import pytest

from core.classroom.limits import StartLimit
from core.data.datasets import load_digits
from core.runs.service import RunService
from core.runs.store import RunStore
from core.runs.config import TrainConfig
from core.runs.training import JobState

DIGITS = load_digits()


def loader(name: str, subset: int | None):
    assert (name, subset) == ("digits", None)
    return DIGITS


@pytest.fixture
def service(tmp_path) -> RunService:
    svc = RunService(RunStore(tmp_path), loader, grace_s=60, start_limit=StartLimit(per_minute=100))
    yield svc
    for ws in ("ann", "bob"):
        svc.runs(ws).stop_all()
    svc.store.close()


def quick(**changes) -> TrainConfig:
    return TrainConfig(**{"dataset": "digits", "units": 8, "batch_size": 64, "epochs": 2,
                          "record_val_predictions": True, **changes})


def finish(service: RunService, ws: str, config: TrainConfig | None = None) -> None:
    assert service.start(ws, config or quick(), DIGITS, f"nick-{ws}") is None
    run = service.runs(ws).latest
    assert run.job.join(60)
    deadline = time.monotonic() + 30  # the recorder saves the end, then the arrays, from its own thread
    while not service.store.run(service.run_id(ws, run.number)).has_arrays:
        assert time.monotonic() < deadline, "the run's end was never stored"
        time.sleep(0.02)


def test_a_started_run_is_recorded_epoch_by_epoch_under_its_number_and_nickname(service):
    """Check that the stored run has the job's own history rows, state, probabilities and nickname."""
    finish(service, "ann")
    job = service.runs("ann").latest.job
    (record,) = service.store.runs("ann")
    assert (record.number, record.nickname, record.state) == (1, "nick-ann", JobState.FINISHED)
    assert service.store.history(record.id) == job.history()
    stored = service.store.arrays(record.id).val_proba  # kept as float16
    assert (stored == job.val_proba.astype("float16").astype("float32")).all()


def test_a_second_start_while_one_trains_is_refused_and_trains_nothing(service):
    """Check the one-run-at-a-time rule (another tab, a double click): the reason names the active run."""
    assert service.start("ann", quick(epochs=200, batch_size=1), DIGITS, "a") is None
    refused = service.start("ann", quick(), DIGITS, "a")
    assert refused.key == "train.refused.active" and refused.params == {"n": 1}
    assert len(service.store.runs("ann")) == 1
    assert service.start("bob", quick(), DIGITS, "b") is None  # a classmate is not held up
    service.stop("ann")
    assert service.runs("ann").latest.job.state == JobState.STOPPED


def test_starts_past_the_limit_are_refused_with_the_wait(tmp_path):
    """Check that the per-student limit refuses with the seconds to wait and starts no run."""
    svc = RunService(RunStore(tmp_path), loader, start_limit=StartLimit(per_minute=1))
    finish(svc, "ann")
    refused = svc.start("ann", quick(), DIGITS, "a")
    assert refused.key == "train.refused.rate" and refused.params["n"] == 1 and 1 <= refused.params["s"] <= 60
    assert len(svc.store.runs("ann")) == 1
    svc.store.close()


def test_another_process_finds_the_runs_in_the_store(service, tmp_path):
    """Check that a second service on the same folder (a restart, or a second server process) lists the
    browser's ended runs under their numbers, reads them back equal, and numbers the next one after them."""
    finish(service, "ann")
    finish(service, "ann")
    other = RunService(RunStore(tmp_path), loader)
    restored = list(other.runs("ann"))
    assert [r.number for r in restored] == [1, 2]
    assert restored[1].job.history() == service.runs("ann").latest.job.history()
    assert other.run_count("ann") == 2
    finish(other, "ann")
    assert [r.number for r in other.store.runs("ann")] == [1, 2, 3]
    assert [r.number for r in service.runs("ann")] == [1, 2, 3]  # the first process catches up
    other.store.close()


def test_a_shared_run_opens_only_for_others_and_a_hidden_one_only_for_the_teacher(service):
    """Check the board link rules: one's own run or an unknown id opens nothing here; a classmate's finished
    run opens read only; once the teacher hides it, students are told and only the teacher opens it."""
    finish(service, "ann")
    run_id = service.run_id("ann", 1)
    assert service.shared_run(run_id, "ann", teacher=False) == (None, False)
    assert service.shared_run("nope", "bob", teacher=False) == (None, False)
    assert service.shared_run("x" * 41, "bob", teacher=False) == (None, False)
    job, hidden = service.shared_run(run_id, "bob", teacher=False)
    assert not hidden and job.history() == service.runs("ann").latest.job.history()
    service.store.hide_runs([run_id])
    assert service.shared_run(run_id, "bob", teacher=False) == (None, True)
    assert service.shared_run(run_id, "bob", teacher=True)[0] is not None
    assert [r.id for r in service.board(teacher=False)] == []
    assert [r.id for r in service.board(teacher=True)] == [run_id]


def test_a_nickname_is_checked_before_it_is_kept(service):
    """Check that a refused name keeps the old one and says why; a good one is what the store keeps."""
    first = service.nickname("ann")
    name, why = service.rename("ann", "   ")
    assert name is None and why is not None and service.nickname("ann") == first
    assert service.rename("ann", "Mina") == ("Mina", None)
    assert service.store.nickname("ann") == "Mina"


def test_only_the_owner_deletes_a_run_and_only_the_teacher_hides_or_clears(service):
    """Check who may change what: a classmate's delete and a student's hide or clear change nothing; the
    owner's delete takes the run out of the store and out of the browser's list; the teacher's hide and
    clear act on the whole class."""
    finish(service, "ann")
    finish(service, "bob")
    ann, bob = service.run_id("ann", 1), service.run_id("bob", 1)
    assert not service.delete("bob", ann) and service.store.run(ann) is not None
    assert not service.set_hidden(False, [ann]) and service.clear(False) is None
    assert not any(r.hidden for r in service.store.runs())
    assert service.delete("ann", ann)
    assert service.store.run(ann) is None and list(service.runs("ann")) == []
    assert service.set_hidden(True, [bob]) and [r.hidden for r in service.store.runs()] == [True]
    assert service.set_hidden(True, []) and [r.hidden for r in service.store.runs()] == [False]
    assert service.clear(True) == 1 and service.store.runs() == []
