"""The prediction page's three views: confusion matrix (with gallery), per-class browser, scores."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from core.data.datasets import Dataset
from core.maths.evaluation import VIEWS, browse, cell_members, class_report, confusion
from core.figures.evaluation import confusion_figure, proba_bars, scores_figure
from core.maths.images import png_data_uri, to_uint8
from core.text.formats import accuracy_text
from ui.lang import tr
from ui.state import named_select, number_parser, seed
from ui.charts import CHART_CONFIG

GALLERY = 40  # images shown at once: enough to see a pattern, few enough to stay quick
TABLE = 60


def confusion_view(y, proba, names: list[str], preds_by_epoch: list[np.ndarray] | None, ds: Dataset,
                   x: np.ndarray) -> None:
    """Confusion matrix (optionally as it was after an earlier epoch); a clicked cell's images below."""
    pred = proba.argmax(axis=1)
    if preds_by_epoch and len(preds_by_epoch) > 1:  # a slider needs two epochs to move between
        epoch = st.slider(tr("pred.epoch"), 1, len(preds_by_epoch), len(preds_by_epoch), key="pr_epoch",
                          help=tr("pred.epoch.help"))
        pred = preds_by_epoch[epoch - 1].astype(np.int64)
    normalized = st.toggle(tr("pred.normalize"), key="pr_norm")
    n = len(names)
    accuracy = accuracy_text(float(np.mean(pred == y)))
    st.caption(tr("pred.summary", n=len(y), acc=accuracy) + " · " + tr("pred.cell.hint"))
    counts = confusion(y, pred, n, normalize=False)
    fig = confusion_figure(confusion(y, pred, n, normalize=True) if normalized else counts, names,
                           normalized=normalized, axis_titles=(tr("pred.axis.true"), tr("pred.axis.pred")))
    # The page opens on the largest error (the most teachable cell), unless the link names a cell.
    errors = np.where(np.eye(n, dtype=bool), -1, counts)
    worst = divmod(int(np.argmax(errors)), n)
    for key, default in zip(("pr.true", "pr.pred"), worst):
        seed(key, default, number_parser(0, n - 1, integer=True))
    event = st.plotly_chart(fig, key="pr_cm", on_select="rerun", selection_mode="points", config=CHART_CONFIG)
    points = event.selection.points if event and event.selection else []
    if points and points[0].get("curve_number") == 1:  # a click target; point k is cell (k // n, k % n)
        cell = divmod(int(points[0]["point_index"]), n)
        if cell != (st.session_state["pr.true"], st.session_state["pr.pred"]):
            st.session_state["pr.true"], st.session_state["pr.pred"] = cell
            st.session_state["pr.page"] = 1
    c1, c2 = st.columns(2)
    t = named_select(c1, tr("pred.cell.true"), range(n), "pr.true", format_func=names.__getitem__,
                     placeholder=tr("common.choose"))
    p = named_select(c2, tr("pred.cell.pred"), range(n), "pr.pred", format_func=names.__getitem__,
                     placeholder=tr("common.choose"))
    members = cell_members(y, _onehot_like(pred, proba), t, p)
    st.markdown("**" + tr("pred.cell.title", true=names[t], pred=names[p], n=len(members)) + "**")
    if not len(members):
        st.info(tr("pred.cell.empty"))
        return
    pages = -(-len(members) // GALLERY)
    page = seed("pr.page", 1, number_parser(1, 10**6, integer=True))
    if page > pages:  # another cell, or a link's page beyond this one's
        page = st.session_state["pr.page"] = 1
    if pages > 1:
        st.select_slider(tr("pred.page"), list(range(1, pages + 1)), key="pr.page")
        page = st.session_state["pr.page"]
    shown = members[(page - 1) * GALLERY:page * GALLERY]
    st.caption(tr("pred.shown", first=(page - 1) * GALLERY + 1, last=(page - 1) * GALLERY + len(shown),
                  n=len(members)))
    st.image([_big(x[i], ds) for i in shown], width=84,
             caption=[tr("pred.caption", pred=names[p], p=float(proba[i, p])) for i in shown])


def _onehot_like(pred: np.ndarray, proba: np.ndarray) -> np.ndarray:
    """Probabilities whose argmax is ``pred`` (an earlier epoch's labels), keeping the final scores' order."""
    if np.array_equal(pred, proba.argmax(axis=1)):
        return proba
    out = proba.copy()
    out[np.arange(len(pred)), pred] += 2.0  # lifts the epoch's choice above every other class
    return out


def _big(img: np.ndarray, ds: Dataset) -> np.ndarray:
    return np.kron(to_uint8(img.reshape(ds.image_shape)), np.ones((3, 3), np.uint8))


def browse_view(y, proba, names: list[str], ds: Dataset, x: np.ndarray,
                decision_function: Callable[[np.ndarray], np.ndarray] | None) -> None:
    """Pick a class and a view; a table of images with their softmax outputs; one image up close, with a
    link that opens its logits (``decision_function`` of the model: the real pre-softmax outputs, so the
    explorer's sigmoid bars mean what they say) in the softmax explorer (no link without a model: a stored
    Keras run)."""
    c1, c2 = st.columns(2)
    seed("pr.class", 0, number_parser(0, len(names) - 1, integer=True))
    cls = named_select(c1, tr("pred.class"), range(len(names)), "pr.class", format_func=names.__getitem__,
                       placeholder=tr("common.choose"))
    view = named_select(c2, tr("pred.view"), VIEWS, "pr_view", format_func=lambda v: tr(f"pred.view.{v}"),
                        placeholder=tr("common.choose"))
    idx = browse(y, proba, cls, view)
    if not len(idx):
        st.info(tr("pred.browse.empty"))
        return
    shown = idx[:TABLE]
    st.caption(tr("pred.browse.count", n=len(idx), shown=len(shown)))
    table = pd.DataFrame({
        tr("pred.col.index"): shown,
        tr("pred.col.image"): [png_data_uri(x[i].reshape(ds.image_shape), scale=2) for i in shown],
        tr("pred.col.true"): [names[y[i]] for i in shown],
        tr("pred.col.pred"): [names[proba[i].argmax()] for i in shown],
        tr("pred.col.confidence"): proba[shown].max(axis=1),
        tr("pred.col.proba"): [list(map(float, proba[i])) for i in shown],
    })
    st.dataframe(table, hide_index=True, width="stretch", row_height=64, column_config={
        tr("pred.col.image"): st.column_config.ImageColumn(width="small"),
        tr("pred.col.confidence"): st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="%.2f"),
        tr("pred.col.proba"): st.column_config.BarChartColumn(y_min=0.0, y_max=1.0),
    })
    pick = st.selectbox(tr("pred.inspect"), shown, key="pr_pick", placeholder=tr("common.choose"))
    left, right = st.columns([1, 2])
    left.image(_big(x[pick], ds), width=168)
    right.plotly_chart(proba_bars(proba[pick], names, true_class=int(y[pick])), key="pr_bars", config=CHART_CONFIG)
    if decision_function is None:
        return
    softmax_link(decision_function(x[pick:pick + 1])[0], int(y[pick]), ds.name, tr("pred.open_softmax"))


def softmax_link(z, true_class: int | None, dataset_name: str, label: str) -> None:
    """A link that opens logits ``z`` (one per class) in the softmax explorer, with the class names of
    Fashion-MNIST when the data set is that, and ``true_class`` as the explorer's true class."""
    params = {"n": str(len(z)), **{f"z{i}": f"{v:.3f}" for i, v in enumerate(z)}}
    if true_class is not None:
        params["y"] = str(true_class)
    if dataset_name == "fashion_mnist":
        params["labels"] = "fashion"
    st.page_link("views/softmax_explorer.py", label=label, icon=":material/bar_chart:", query_params=params)


def scores_view(y, proba, names: list[str]) -> None:
    """Per-class precision, recall and F1 as a table and grouped bars."""
    rep = class_report(y, proba.argmax(axis=1), len(names))
    cols = [tr(f"pred.scores.{k}") for k in ("precision", "recall", "f1")]
    st.plotly_chart(scores_figure(rep.precision, rep.recall, rep.f1, names, cols), key="pr_scores", config=CHART_CONFIG)
    st.dataframe(pd.DataFrame({tr("pred.class"): names, cols[0]: rep.precision, cols[1]: rep.recall,
                               cols[2]: rep.f1, tr("pred.scores.support"): rep.support}),
                 hide_index=True, width="stretch")
    p, r, f = rep.macro
    st.caption(tr("pred.scores.macro", p=p, r=r, f=f))
