"""The prediction page's three views: the confusion matrix beside the chosen cell's images, the per-class
browser, the scores; and one image up close beside its logits and softmax bars.

A tap goes cell → image → softmax: the matrix and the gallery are our own components (ui/components/), so a
cell and an image are buttons that work alike with a mouse, a finger and a keyboard, and what a tap asks for
is brought into view on a phone (on a wide screen the images sit beside the matrix)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from core.data.datasets import Dataset
from core.figures.evaluation import confusion_cells, proba_bars, scores_figure
from core.maths.evaluation import VIEWS, browse, cell_members, class_report, confusion
from core.maths.images import png_data_uri, to_uint8
from core.text.formats import accuracy_text
from ui.browser import bring_into_view
from ui.charts import CHART_CONFIG, plot
from ui.lang import tr
from ui.prediction_views import softmax_link
from ui.state import bool_parser, choice_parser, named_select, number_parser, seed

GALLERY = 24  # images shown at once: enough to see a pattern, few enough to scroll past on a phone
TABLE = 60
KEYS = ["pr.epoch", "pr.norm", "pr.true", "pr.pred", "pr.page", "pr.class", "pr.view"]  # all in the URL
WIDGET_KEYS = ["pr.epoch", "pr.norm", "pr.page"]  # those that are a widget's key: a closed tab would drop them
IMAGE = "pr.img"  # the image shown up close (an index into the split), in the URL while there is one
_FOCUS = "pr_focus"  # session_state: how often a tap asked for the gallery / the close-up to come into view
_ASSETS = Path(__file__).resolve().parents[2] / "ui" / "components"


def _component(name: str):
    return st.components.v2.component(f"cp_{name}", js=(_ASSETS / f"{name}.js").read_text(encoding="utf-8"),
                                      css=(_ASSETS / f"{name}.css").read_text(encoding="utf-8"))


_matrix, _gallery = _component("confusion"), _component("gallery")

LogitsOf = Callable[[np.ndarray], np.ndarray] | None  # the model's decision_function, when there is a model


def _ask_focus(target: str) -> None:
    """Ask the next run to bring ``target`` (gallery or detail) into view."""
    counts = st.session_state.setdefault(_FOCUS, {})
    counts[target] = counts.get(target, 0) + 1


def _bring_into_view(target: str, key: str) -> None:
    bring_into_view(f"pr_scroll_{target}", f".st-key-{key}", st.session_state.get(_FOCUS, {}).get(target, 0))


def _seed_image(n: int) -> None:
    seed(IMAGE, None, number_parser(0, n - 1, integer=True))


def _cell_tapped() -> None:
    """The matrix's callback: the tapped cell becomes the chosen one, the browser follows it (the true
    class; its mistakes unless the cell is a right answer), and its images come into view."""
    try:  # what the browser sent: two class numbers (out-of-range ones the next run's seed refuses)
        t, p = (int(v) for v in st.session_state["pr_cm"]["cell"])
    except (TypeError, ValueError):
        return
    st.session_state.update({"pr.true": t, "pr.pred": p, "pr.page": 1, "pr.class": t,
                             "pr.view": "all" if t == p else "misclassified"})
    _ask_focus("gallery")


def _image_tapped() -> None:
    try:
        st.session_state[IMAGE] = int(st.session_state["pr_gallery_pick"]["pick"])
    except (TypeError, ValueError):
        return
    _ask_focus("detail")


def confusion_view(y, proba, names: list[str], preds_by_epoch: list[np.ndarray] | None, ds: Dataset,
                   x: np.ndarray, logits_of: LogitsOf) -> None:
    """Confusion matrix (optionally as it was after an earlier epoch) with the chosen cell marked, its images
    beside it (below on a phone), and a tapped image up close."""
    pred = proba.argmax(axis=1)
    scrubs = bool(preds_by_epoch) and len(preds_by_epoch) > 1  # a slider needs two epochs to move between
    scrub, norm = st.columns([3, 2], vertical_alignment="bottom") if scrubs else (None, st)
    if scrubs:
        last = len(preds_by_epoch)
        seed("pr.epoch", last, number_parser(1, last, integer=True))
        epoch = scrub.slider(tr("pred.epoch"), 1, last, key="pr.epoch", help=tr("pred.epoch.help"))
        pred = preds_by_epoch[epoch - 1].astype(np.int64)
    seed("pr.norm", False, bool_parser)
    normalized = norm.toggle(tr("pred.normalize"), key="pr.norm")
    n = len(names)
    st.caption(tr("pred.summary", n=len(y), acc=accuracy_text(float(np.mean(pred == y)))) + " · " + tr("pred.cell.hint"))
    counts = confusion(y, pred, n)
    # The page opens on the largest error (the most teachable cell), unless the link names a cell.
    errors = np.where(np.eye(n, dtype=bool), -1, counts)
    worst = divmod(int(np.argmax(errors)), n)
    t, p = (seed(key, default, number_parser(0, n - 1, integer=True))
            for key, default in zip(("pr.true", "pr.pred"), worst))
    cells = confusion_cells(counts, normalized=normalized)
    hover = [[tr("pred.cell.hover", true=names[i], pred=names[j], n=cells["text"][i][j]) for j in range(n)]
             for i in range(n)]
    matrix, side = st.columns([0.74, 0.26], gap="small")
    with matrix:
        _matrix(key="pr_cm", data={**cells, "labels": list(names), "hover": hover, "selected": [t, p],
                                   "titles": [tr("pred.axis.true"), tr("pred.axis.pred")]},
                on_cell_change=_cell_tapped)
    members = cell_members(y, _onehot_like(pred, proba), t, p)
    _seed_image(len(y))
    with side.container(key="pr_gallery"):
        _cell_gallery(members, names, t, p, proba, ds, x)
    _bring_into_view("gallery", "pr_gallery")
    if st.session_state.get(IMAGE) in set(members.tolist()):
        image_detail(int(st.session_state[IMAGE]), y, proba, names, ds, x, logits_of)


def _cell_gallery(members: np.ndarray, names: list[str], t: int, p: int, proba, ds: Dataset, x) -> None:
    st.markdown("**" + tr("pred.cell.title", true=names[t], pred=names[p], n=len(members)) + "**")
    if not len(members):
        st.info(tr("pred.cell.empty"))
        return
    # The images right under the title, so a wide screen shows them beside the matrix; the pager below them.
    pages = -(-len(members) // GALLERY)
    page = seed("pr.page", 1, number_parser(1, 10**6, integer=True))
    if page > pages:  # another cell, or a link's page beyond this one's
        page = st.session_state["pr.page"] = 1
    shown = members[(page - 1) * GALLERY:page * GALLERY]
    items = [{"index": int(i), "src": png_data_uri(x[i].reshape(ds.image_shape), scale=3),
              "caption": tr("pred.caption", p=float(proba[i, p])),
              "alt": tr("pred.alt", i=int(i), true=names[t], pred=names[p])} for i in shown]
    _gallery(key="pr_gallery_pick", data={"items": items, "selected": st.session_state.get(IMAGE)},
             on_pick_change=_image_tapped)
    count = tr("pred.shown", first=(page - 1) * GALLERY + 1, last=(page - 1) * GALLERY + len(shown),
               n=len(members)) if pages > 1 else tr("pred.shown_all", n=len(members))
    st.caption(count + " " + tr("pred.tap"))
    if pages > 1:
        st.select_slider(tr("pred.page"), list(range(1, pages + 1)), key="pr.page")


def image_detail(i: int, y, proba, names: list[str], ds: Dataset, x: np.ndarray, logits_of: LogitsOf) -> None:
    """Image ``i`` beside its logits and softmax bars (softmax only without a model: a stored Keras run), with
    a link that opens those logits in the softmax explorer; brought into view after a tap."""
    with st.container(key="pr_detail", border=True):
        st.markdown("**" + tr("pred.detail.title", i=i, true=names[int(y[i])],
                              pred=names[int(proba[i].argmax())]) + "**")
        left, right = st.columns([1, 3], vertical_alignment="center")
        left.image(np.kron(to_uint8(x[i].reshape(ds.image_shape)), np.ones((6, 6), np.uint8)), width=168)
        z = None if logits_of is None else logits_of(x[i:i + 1])[0]
        plot(right, proba_bars(proba[i], names, true_class=int(y[i]), logits=z,
                               titles=(tr("pred.detail.logits"), tr("pred.detail.softmax"))),
             key=f"pr_bars_{i}", config=CHART_CONFIG)
        if z is not None:
            softmax_link(z, int(y[i]), ds.name, tr("pred.open_softmax"))
    _bring_into_view("detail", "pr_detail")


def _onehot_like(pred: np.ndarray, proba: np.ndarray) -> np.ndarray:
    """Probabilities whose argmax is ``pred`` (an earlier epoch's labels), keeping the final scores' order."""
    if np.array_equal(pred, proba.argmax(axis=1)):
        return proba
    out = proba.copy()
    out[np.arange(len(pred)), pred] += 2.0  # lifts the epoch's choice above every other class
    return out


def _row_tapped(shown: np.ndarray) -> None:
    rows = st.session_state["pr_table"].selection.rows
    if rows:
        st.session_state[IMAGE] = int(shown[rows[0]])
        _ask_focus("detail")


def browse_view(y, proba, names: list[str], ds: Dataset, x: np.ndarray, logits_of: LogitsOf) -> None:
    """Pick a class and a view (a tapped cell picks both); a table of images with their softmax outputs; a
    tapped row's image up close."""
    c1, c2 = st.columns(2)
    seed("pr.class", 0, number_parser(0, len(names) - 1, integer=True))
    seed("pr.view", VIEWS[0], choice_parser(list(VIEWS)))
    cls = named_select(c1, tr("pred.class"), range(len(names)), "pr.class", format_func=names.__getitem__)
    view = named_select(c2, tr("pred.view"), VIEWS, "pr.view", format_func=lambda v: tr(f"pred.view.{v}"))
    idx = browse(y, proba, cls, view)
    _seed_image(len(y))
    if not len(idx):
        st.info(tr("pred.browse.empty"))
        return
    shown = idx[:TABLE]
    st.caption(tr("pred.browse.count", n=len(idx), shown=len(shown)) + " " + tr("pred.tap_row"))
    table = pd.DataFrame({
        tr("pred.col.index"): shown,
        tr("pred.col.image"): [png_data_uri(x[i].reshape(ds.image_shape), scale=2) for i in shown],
        tr("pred.col.true"): [names[y[i]] for i in shown],
        tr("pred.col.pred"): [names[proba[i].argmax()] for i in shown],
        tr("pred.col.confidence"): proba[shown].max(axis=1),
        tr("pred.col.proba"): [list(map(float, proba[i])) for i in shown],
    })
    st.dataframe(table, hide_index=True, width="stretch", row_height=64, key="pr_table", on_select=lambda: _row_tapped(shown),
                 selection_mode="single-row", column_config={
        tr("pred.col.image"): st.column_config.ImageColumn(width="small"),
        tr("pred.col.confidence"): st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="%.2f"),
        tr("pred.col.proba"): st.column_config.BarChartColumn(y_min=0.0, y_max=1.0),
    })
    if st.session_state.get(IMAGE) in set(idx.tolist()):
        image_detail(int(st.session_state[IMAGE]), y, proba, names, ds, x, logits_of)


def scores_view(y, proba, names: list[str]) -> None:
    """Per-class precision, recall and F1 as a table and grouped bars."""
    rep = class_report(y, proba.argmax(axis=1), len(names))
    cols = [tr(f"pred.scores.{k}") for k in ("precision", "recall", "f1")]
    plot(st, scores_figure(rep.precision, rep.recall, rep.f1, names, cols), key="pr_scores", config=CHART_CONFIG)
    st.dataframe(pd.DataFrame({tr("pred.class"): names, cols[0]: rep.precision, cols[1]: rep.recall,
                               cols[2]: rep.f1, tr("pred.scores.support"): rep.support}),
                 hide_index=True, width="stretch")
    p, r, f = rep.macro
    st.caption(tr("pred.scores.macro", p=p, r=r, f=f))
