"""core.pages.board against a real run store in a throw-away folder: the board's orders, its table's rows, the
runs each picker offers, and the overlay's picks from a link."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from core.pages import board
from core.runs.config import TrainConfig
from core.runs.run_list import settings_text
from core.runs.store import RunStore, new_workspace_id
from core.text.i18n import t
from tests.conftest import ROW


def add_run(store: RunStore, nickname: str, accuracies=(), seconds=(), *, state="finished", arrays=False,
            workspace=None, **config) -> str:
    """A run of ``nickname``'s workspace with one epoch per accuracy (taking the given seconds), ended in
    ``state`` (left running when "running"), with saved predictions if ``arrays``."""
    ws = workspace or new_workspace_id()
    cfg = TrainConfig(**{**dict(dataset="digits", units=16, batch_size=64, epochs=3, learning_rate=0.5), **config})
    run_id = store.create_run(ws, store.next_number(ws), cfg, nickname)
    for e, (acc, sec) in enumerate(zip(accuracies, seconds, strict=True)):
        store.save_epoch(run_id, e + 1, {**ROW, "val_accuracy": acc, "seconds": sec})
    if state != "running":
        proba = np.full((4, 10), 0.1, np.float32) if arrays else None
        store.end_run(run_id, state, val_proba=proba)
    return run_id


@pytest.fixture
def runs(store):
    """Four runs, created in this order: Zed's (0.8 best, 0.7 s, with predictions), amy's (0.9, 0.5 s, still
    training), Bo's (failed before its first epoch) and Zed's second (0.6, 0.2 s, finished, no predictions)."""
    zed = new_workspace_id()
    ids = {"zed": add_run(store, "Zed", (0.8, 0.7), (0.3, 0.4), arrays=True, workspace=zed),
           "amy": add_run(store, "amy", (0.9,), (0.5,), state="running"),
           "bo": add_run(store, "Bo", state="failed"),
           "zed2": add_run(store, "Zed", (0.6,), (0.2,), workspace=zed, engine="keras", subset=1500)}
    records = store.runs()
    assert len({r.created for r in records}) == 4  # distinct times: the "created" order is defined
    return store, zed, ids, records


def names(order: list, ids: dict) -> list[str]:
    back = {v: k for k, v in ids.items()}
    return [back[r.id] for r in order]


def names_of(picked: list[str], ids: dict) -> set[str]:
    return {k for k, v in ids.items() if v in picked}


def test_each_sort_puts_the_runs_in_the_boards_order(runs):
    """Check the four orders: best accuracy first (no epoch counts as 0), newest first, fastest first with
    the run without an epoch last, and names A to Z whatever their case."""
    _, _, ids, records = runs
    assert names(board.sorted_runs(records, "best"), ids) == ["amy", "zed", "zed2", "bo"]
    assert names(board.sorted_runs(records, "created"), ids) == ["zed2", "bo", "amy", "zed"]
    assert names(board.sorted_runs(records, "seconds"), ids) == ["zed2", "amy", "zed", "bo"]
    assert names(board.sorted_runs(records, "nickname"), ids) == ["amy", "bo", "zed", "zed2"]  # ties: store order
    assert set(board.SORTS) == {"best", "created", "seconds", "nickname"}


# Each run's name on the board and its settings in words, written out by hand in both languages.
NAMES = {"en": ["Zed · Run 2", "Bo · Run 1", "amy · Run 1", "Zed · Run 1"],
         "ko": ["Zed · 실행 2", "Bo · 실행 1", "amy · 실행 1", "Zed · 실행 1"]}
SETTINGS = {"en": ["16 hidden units · sigmoid · learning rate 0.5 · batch size 64 · Digits (8×8, offline), "
                   "1,500 training images",
                   "16 hidden units · sigmoid · learning rate 0.5 · batch size 64 · Digits (8×8, offline)"],
            "ko": ["은닉 유닛 16개 · 시그모이드 · 학습률 0.5 · 배치 크기 64 · 손글씨 숫자 (8×8, 오프라인), "
                   "훈련 이미지 1,500장",
                   "은닉 유닛 16개 · 시그모이드 · 학습률 0.5 · 배치 크기 64 · 손글씨 숫자 (8×8, 오프라인)"]}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("teacher", [False, True])
def test_table_rows_show_each_run_as_stored(runs, lang, teacher):
    """Check the table's columns row by row against what the runs were created with: each run by its name
    (own runs marked), best accuracy in percentage points, epochs of planned epochs, seconds, state, engine,
    settings in words, time; the hidden column only for the teacher, and every column with a label in both
    languages."""
    _, zed, ids, records = runs
    order = board.sorted_runs(records, "created")
    cols = board.table_columns(order, board.run_labels(records, lang), zed, lang, teacher=teacher)
    mine = " " + t("board.mine", lang)
    assert cols["run"] == [NAMES[lang][0] + mine, *NAMES[lang][1:3], NAMES[lang][3] + mine]
    assert cols["best"][0] == pytest.approx(60) and cols["best"][1] is None
    assert cols["best"][2:] == pytest.approx([90, 80])
    assert cols["epochs"] == ["1/3", "0/3", "1/3", "2/3"]
    assert cols["seconds"] == pytest.approx([0.2, 0.0, 0.5, 0.7])
    assert cols["state"] == [t(f"train.state.{s}", lang) for s in ("finished", "failed", "running", "finished")]
    assert cols["engine"] == [t(f"train.run.engine.{e}", lang) for e in ("keras", "numpy", "numpy", "numpy")]
    assert cols["settings"][:2] == SETTINGS[lang]
    assert cols["created"] == [dt.datetime.fromtimestamp(r.created) for r in order]
    assert ("hidden" in cols) == teacher and all(len(v) == 4 for v in cols.values())
    assert all(t(f"board.col.{k}", lang) != f"board.col.{k}" for k in cols)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "100 hidden units · ReLU · learning rate 0.05 · batch size 32 · Fashion-MNIST (28×28)"),
    ("ko", "은닉 유닛 100개 · 렐루 (ReLU) · 학습률 0.05 · 배치 크기 32 · 패션 MNIST (28×28)"),
])
def test_key_settings_read_as_words_of_the_pages_language(lang, text):
    """Check the issue's run (``100u relu · lr 0.05 · batch 32 · fashion_mnist`` on the Korean page too) in
    words of each language, and that a run without a hidden layer names no activation."""
    config = TrainConfig(units=100, activation="relu", learning_rate=0.05, batch_size=32, dataset="fashion_mnist")
    assert settings_text(config, lang) == text
    linear = settings_text(TrainConfig(units=0, activation="relu", dataset="fashion_mnist"), lang)
    assert linear.startswith({"en": "no hidden layer · learning rate", "ko": "은닉층 없음 · 학습률"}[lang])
    assert "ReLU" not in linear


def test_every_run_on_the_board_has_a_name_of_its_own(store):
    """Check that 30 students' first runs get 30 different names, each with the student's nickname and the
    number their own trainer shows, and that two browsers with one nickname are told apart, the first to
    train first, in both languages."""
    for k in range(30):
        add_run(store, f"Student {k}", (0.5,), (0.1,))
    first, second = new_workspace_id(), new_workspace_id()
    for ws in (first, second, first):
        add_run(store, "Min", (0.5,), (0.1,), workspace=ws)
    records = store.runs()
    for lang, run in (("en", "Run"), ("ko", "실행")):
        labels = board.run_labels(records, lang)
        assert len(set(labels.values())) == len(records) == 33
        assert labels[records[0].id] == f"Student 0 · {run} 1"
        assert [labels[r.id] for r in records[30:]] == [f"Min (1) · {run} 1", f"Min (2) · {run} 1",
                                                        f"Min (1) · {run} 2"]


def test_pickers_offer_the_runs_they_can_use(runs):
    """Check that the overlay offers runs with an epoch, Open the runs with saved predictions, and Delete
    only the workspace's own runs that are not training."""
    store, zed, ids, records = runs
    assert names_of(board.plottable(records), ids) == {"zed", "amy", "zed2"}
    assert names_of(board.openable(records), ids) == {"zed"}
    assert names_of(board.deletable(records, zed), ids) == {"zed", "zed2"}
    amy_ws = store.run(ids["amy"]).workspace
    assert board.deletable(records, amy_ws) == []  # still training


def test_picks_from_a_link_keep_known_runs_only(runs):
    """Check that ``?pick=`` keeps known ids in the link's order, drops unknown and empty ones, and at most
    four."""
    _, _, ids, _ = runs
    known = list(ids.values()) + ["e", "f"]
    assert board.picks_from_url("", known) == []
    assert board.picks_from_url(f"nope,{ids['bo']},,{ids['zed']}", known) == [ids["bo"], ids["zed"]]
    assert board.picks_from_url(",".join(reversed(known)), known) == list(reversed(known))[:4]


def test_names_show_nicknames_as_typed(store):
    """Check that the legend escapes a nickname's tags (Plotly reads them as HTML) while the picker, plain text,
    shows it unchanged, each with the run's number, engine and best accuracy as a percentage."""
    add_run(store, '<a href="https://x.y">x</a>', (0.5, 0.8834), (0.1, 0.1))
    (record,) = store.runs()
    label = board.run_labels([record], "en")[record.id]
    assert board.short_name(record, label, "en") == '<a href="https://x.y">x</a> · Run 1 · NumPy · 88.3%'
    assert board.legend_name(record, label, "en") == \
        '&lt;a href="https://x.y"&gt;x&lt;/a&gt; · Run 1 · NumPy · 88.3%'
    assert board.short_name(record, board.run_labels([record], "ko")[record.id], "ko") == \
        '<a href="https://x.y">x</a> · 실행 1 · NumPy · 88.3%'


@pytest.mark.parametrize("lang, default", [("en", "Otter 64"), ("ko", "수달 64")])
def test_a_default_name_shows_in_the_viewers_language(store, lang, default):
    """Check that a run under its workspace's default name ("abc": Otter 64, 수달 64 in Korean) shows it in
    the viewer's language in the table, the legend and the pickers, while a chosen name shows as typed."""
    add_run(store, "Otter 64", (0.5,), (0.1,), workspace="abc")
    add_run(store, "Koala 12", (0.5,), (0.1,))
    records = store.runs()
    labels = board.run_labels(records, lang)
    shown = [name.split(" · ")[0] for name in board.table_columns(records, labels, "x", lang, teacher=False)["run"]]
    assert shown == [default, "Koala 12"]
    assert [board.legend_name(r, labels[r.id], lang).split(" · ")[0] for r in records] == [default, "Koala 12"]
    assert [board.short_name(r, labels[r.id], lang).split(" · ")[0] for r in records] == [default, "Koala 12"]
