"""The trainer page's live panel (a polling fragment) and its list of finished runs."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from core.runs.export import history_csv
from core.figures.evaluation import weights_figure
from core.figures.training import history_figure
from core.text.formats import ACCURACY_TABLE, accuracy_points, accuracy_text
from core.text.i18n import class_names
from core.runs.run_list import NumberedRun, RunList, settings_text
from core.runs.training import JobState
from ui.lang import current_lang, tr
from ui.charts import CHART_CONFIG, plot
from ui.state import named_select

POLL_S = 1.0  # how often the live chart looks for new epochs; each look is a rerun on the shared server


def chart_titles() -> dict[str, str]:
    """The training charts' translated titles."""
    return {k: tr(f"trainer.chart.{k}") for k in ("loss", "accuracy", "epoch", "train", "val")}


def _duration(seconds: float) -> str:
    """A rough, readable duration: "2 h 5 min", "3 min 20 s" or "45 s"."""
    s = math.ceil(seconds)
    if s >= 3600:
        return tr("trainer.time.hm", h=s // 3600, m=s % 3600 // 60)
    if s >= 60:
        return tr("trainer.time.ms", m=s // 60, s=s % 60)
    return tr("trainer.time.s", s=s)


def _status(run: NumberedRun) -> None:
    p = run.job.progress()
    line = tr("trainer.status", state=tr(f"train.state.{p.state}"), done=p.epochs_done, total=p.epochs_total)
    hist = run.job.history()
    if hist["seconds"]:
        line += " · " + tr("trainer.sec_per_epoch", sec=float(np.mean(hist["seconds"])))
    if p.eta_s is not None:
        line += " · " + tr("trainer.eta", eta=_duration(p.eta_s))
    if hist["val_accuracy"]:
        best = int(np.argmax(hist["val_accuracy"]))
        line += " · " + tr("trainer.best", acc=accuracy_text(hist["val_accuracy"][best]), epoch=best + 1)
    fraction = (p.epochs_done + p.batches_done / max(p.batches_total, 1)) / p.epochs_total
    st.progress(min(fraction, 1.0), text=f"{run.name(current_lang())} — {line}")
    if p.state == JobState.FAILED and run.job.reason is not None:
        st.error(run.job.reason.text(current_lang()), icon=":material/error:")


def live_panel(runs: RunList, compare: list[int]) -> None:
    """Status, progress and curves of the newest run (plus ``compare`` runs), redrawn while it trains."""
    run = runs.latest
    if run is None:
        st.info(tr("trainer.empty"), icon=":material/monitoring:")
        return
    training = not run.job.done

    @st.fragment(run_every=POLL_S if training else None)
    def panel() -> None:
        _status(run)
        shown = [r for r in runs if r.number in compare and r.number != run.number] + [run]
        fig = history_figure([(r.name(current_lang()), r.job.history()) for r in shown], titles=chart_titles(),
                             total_epochs=max(r.config.epochs for r in shown))
        plot(st, fig, key="live", config=CHART_CONFIG)
        if training and run.job.done:  # the run just ended: redraw the whole page (buttons, run list)
            st.rerun(scope="app")

    panel()


def runs_table(runs: RunList) -> None:
    """The session's runs as a table, an overlay picker (read by the live panel), and downloads."""
    st.subheader(tr("trainer.runs"))
    done = [r for r in runs if r.job.done]  # the running one is live above; a table row would go stale
    lang = current_lang()
    # What a student compares first comes first, the run's settings last: a phone scrolls the table sideways
    # inside itself, with the run's name pinned (its whole name used to fill a phone's width alone).
    rows = [{tr("trainer.table.run"): tr("train.run.short", n=r.number),
             tr("trainer.table.val_acc"): accuracy_points(max(r.job.history()["val_accuracy"], default=None)),
             tr("trainer.table.epochs"): r.job.epochs_done, tr("trainer.table.state"): tr(f"train.state.{r.job.state}"),
             tr("trainer.table.engine"): tr(f"train.run.engine.{r.config.engine}"),
             tr("trainer.table.settings"): settings_text(r.config, lang)} for r in done]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config={
            tr("trainer.table.run"): st.column_config.TextColumn(pinned=True),
            tr("trainer.table.val_acc"): st.column_config.NumberColumn(format=ACCURACY_TABLE)})
    done = [r for r in done if r.job.epochs_done]
    labels = {r.number: r.name(lang) for r in done}
    named_select(st, tr("trainer.compare"), list(labels), "tr_compare", format_func=labels.get, multi=True,
                 help=tr("trainer.compare.help"), placeholder=tr("trainer.compare.placeholder"))
    if done:
        pick = named_select(st, tr("trainer.download"), [r.number for r in done], "tr_download",
                            index=len(done) - 1, format_func=labels.get)
        chosen = runs.get(pick)
        c1, c2 = st.columns(2)
        c1.download_button(tr("trainer.download.csv"), history_csv(chosen.job.history()),
                           f"run{pick}-history.csv", "text/csv", icon=":material/download:")
        job = chosen.job
        name = job.weights_name
        if name is not None:
            # A callable: the file (a Keras save takes a while) is made only when clicked.
            c2.download_button(tr("trainer.download.weights"), lambda: job.weights_file()[0], f"run{pick}-{name}",
                               "application/octet-stream", icon=":material/download:")
        _weights(chosen)


def _weights(run: NumberedRun) -> None:
    if run.job.model is None:
        return
    ds = run.job.dataset
    w = run.job.model.coefs_[0][:, :20]
    softmax_regression = run.config.units == 0
    titles = (class_names(current_lang()) if ds.name == "fashion_mnist" else ds.class_names["en"]) \
        if softmax_regression else [tr("trainer.weights.unit_title", i=i + 1) for i in range(w.shape[1])]
    with st.expander(tr("trainer.weights.title")):
        what = tr("trainer.weights.class" if softmax_regression else "trainer.weights.unit")
        st.caption(tr("trainer.weights.caption", what=what, h=ds.image_shape[0], w=ds.image_shape[1]))
        plot(st, weights_figure(w, ds.image_shape, titles), key="weights", config=CHART_CONFIG)
