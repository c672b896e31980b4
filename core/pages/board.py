"""What the class board computes from the store's run records: their order, the table's columns, the names a
picker and a legend show, and which runs each picker offers. Plain records in, plain values out."""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Collection, Mapping, Sequence

from core.runs.run_list import settings_text
from core.runs.store import ACTIVE_STATES, RunRecord
from core.text.formats import accuracy_points, accuracy_text
from core.text.i18n import t

SORTS = ("best", "created", "seconds", "nickname")
MAX_OVERLAY = 4
# Best accuracy first, newest first, fastest first (a run without an epoch last), names A to Z.
_ORDER = {"best": lambda r: -(r.best_val_accuracy or 0.0), "created": lambda r: -r.created,
          "seconds": lambda r: r.seconds if r.epochs else float("inf"), "nickname": lambda r: r.nickname.lower()}


def sorted_runs(records: Sequence[RunRecord], sort: str) -> list[RunRecord]:
    """The records in the board's ``sort`` order (one of :data:`SORTS`); ties keep the store's order."""
    return sorted(records, key=_ORDER[sort])


def run_labels(records: Sequence[RunRecord], lang: str) -> dict[str, str]:
    """Each run's name on the board by id: its student's nickname and the number the student's own trainer
    gives it ("Bison 59 · Run 2"). Every student's first run is Run 1, so the nickname tells them apart; a
    nickname that several browsers use gets a number of its own ("Min (2)"), by who first trained, so
    that every name on the board is one run's."""
    owners: dict[str, list[str]] = {}  # nickname -> its workspaces, first run first
    for r in sorted(records, key=lambda r: r.created):
        if r.workspace not in (seen := owners.setdefault(r.nickname, [])):
            seen.append(r.workspace)

    def nick(r: RunRecord) -> str:  # a default name in the viewer's language
        same = owners[r.nickname]
        return r.nickname_in(lang) if len(same) == 1 else t("board.nick.nth", lang, nick=r.nickname_in(lang),
                                                              k=same.index(r.workspace) + 1)
    return {r.id: t("board.run", lang, nick=nick(r), n=r.number) for r in records}


def table_columns(records: Sequence[RunRecord], labels: Mapping[str, str], workspace: str, lang: str, *,
                  teacher: bool) -> dict[str, list]:
    """The board's table as columns keyed by their code (the label key is ``board.col.<code>``), one row per
    record in the given order, each run named by ``labels`` (:func:`run_labels`); the best accuracy in
    percentage points (see ``core.text.formats``); ``hidden`` only for the teacher. The caller's own runs
    are marked."""
    # What a class compares first comes first: on a phone the later columns scroll sideways.
    columns = {
        "run": [labels[r.id] + (" " + t("board.mine", lang) if r.workspace == workspace else "") for r in records],
        "best": [accuracy_points(r.best_val_accuracy) for r in records],
        "epochs": [f"{r.epochs}/{r.config.epochs}" for r in records],
        "seconds": [r.seconds for r in records],
        "state": [t(f"train.state.{r.state}", lang) for r in records],
        "engine": [t(f"train.run.engine.{r.config.engine}", lang) for r in records],
        "settings": [settings_text(r.config, lang) for r in records],
        "created": [dt.datetime.fromtimestamp(r.created) for r in records],
    }
    if teacher:
        columns["hidden"] = [r.hidden for r in records]
    return columns


def short_name(r: RunRecord, label: str, lang: str) -> str:
    """A run in a picker or a legend: its board name ``label``, engine and best validation accuracy (if it
    has one), on one line (a select box shows one; the run's whole settings were cut on a phone)."""
    parts = [label, t(f"train.run.engine.{r.config.engine}", lang)]
    if r.best_val_accuracy is not None:
        parts.append(accuracy_text(r.best_val_accuracy))
    return " · ".join(parts)


def legend_name(r: RunRecord, label: str, lang: str) -> str:
    """:func:`short_name` for the overlay chart's legend, the nickname in it escaped: Plotly reads tags in
    legend text (<a href>, <b>), and a name stored by any means must show as typed."""
    return short_name(r, html.escape(label, quote=False), lang)


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
