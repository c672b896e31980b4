"""What the class board computes from the store's run records: their order, the table's columns, the names a
picker and a legend show, and which runs each picker offers. Plain records in, plain values out."""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Collection, Sequence

from core.runs.config import TrainConfig
from core.runs.run_list import run_name
from core.runs.store import ACTIVE_STATES, RunRecord
from core.text.i18n import t

SORTS = ("best", "created", "seconds", "nickname")
MAX_OVERLAY = 4
# Best accuracy first, newest first, fastest first (a run without an epoch last), names A to Z.
_ORDER = {"best": lambda r: -(r.best_val_accuracy or 0.0), "created": lambda r: -r.created,
          "seconds": lambda r: r.seconds if r.epochs else float("inf"), "nickname": lambda r: r.nickname.lower()}


def sorted_runs(records: Sequence[RunRecord], sort: str) -> list[RunRecord]:
    """The records in the board's ``sort`` order (one of :data:`SORTS`); ties keep the store's order."""
    return sorted(records, key=_ORDER[sort])


def settings_text(c: TrainConfig) -> str:
    """A run's settings in one short line: units, activation, learning rate, batch, data set (and subset)."""
    return f"{c.units}u {c.activation} · lr {c.learning_rate:g} · batch {c.batch_size} · {c.dataset}" + \
        (f" {c.subset:,}" if c.subset else "")


def table_columns(records: Sequence[RunRecord], workspace: str, lang: str, *, teacher: bool) -> dict[str, list]:
    """The board's table as columns keyed by their code (the label key is ``board.col.<code>``), one row per
    record in the given order; ``hidden`` only for the teacher. The caller's own runs are marked."""
    # What a class compares first comes first: on a phone the later columns scroll sideways.
    columns = {
        "nickname": [r.nickname_in(lang) + (" " + t("board.mine", lang) if r.workspace == workspace else "") for r in records],
        "best": [r.best_val_accuracy for r in records],
        "epochs": [f"{r.epochs}/{r.config.epochs}" for r in records],
        "seconds": [r.seconds for r in records],
        "state": [t(f"train.state.{r.state}", lang) for r in records],
        "engine": [t(f"train.run.engine.{r.config.engine}", lang) for r in records],
        "settings": [settings_text(r.config) for r in records],
        "run": [f"#{r.number}" for r in records],
        "created": [dt.datetime.fromtimestamp(r.created) for r in records],
    }
    if teacher:
        columns["hidden"] = [r.hidden for r in records]
    return columns


def legend_name(r: RunRecord, lang: str) -> str:
    """A run's name in the overlay chart's legend, its nickname escaped: Plotly reads tags in legend text
    (<a href>, <b>), and a name stored by any means must show as typed."""
    return t("board.chart.legend", lang, nick=html.escape(r.nickname_in(lang), quote=False),
             label=run_name(r.number, r.config, lang))


def short_name(r: RunRecord, lang: str) -> str:
    """A run in a picker: the table's name, run number and engine (a select box shows one line; the whole
    name was cut on a phone)."""
    return t("board.pick", lang, nick=r.nickname_in(lang), n=r.number, engine=t(f"train.run.engine.{r.config.engine}", lang))


def plottable(records: Sequence[RunRecord]) -> list[str]:
    """Ids of the runs with at least one epoch: the ones whose curves the overlay can draw."""
    return [r.id for r in records if r.epochs]


def openable(records: Sequence[RunRecord]) -> list[str]:
    """Ids of the runs whose predictions were saved: the ones the prediction page can open."""
    return [r.id for r in records if r.has_arrays]


def deletable(records: Sequence[RunRecord], workspace: str) -> list[str]:
    """Ids of ``workspace``'s own runs that are neither queued nor training: the ones it may delete."""
    return [r.id for r in records if r.workspace == workspace and r.state not in ACTIVE_STATES]


def picks_from_url(text: str, known: Collection[str]) -> list[str]:
    """The overlay's runs from the URL's ``pick=id,id``: known ids only, at most :data:`MAX_OVERLAY`."""
    return [i for i in text.split(",") if i in known][:MAX_OVERLAY]
