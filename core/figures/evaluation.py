"""Figures of a finished run: confusion matrix, per-class scores, images and learned weights."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.express as px
import plotly.graph_objects as go

from core.figures.style import PALETTE, base_layout


def confusion_figure(cm: np.ndarray, class_names: Sequence[str], *, normalized: bool,
                     axis_titles: tuple[str, str]) -> go.Figure:
    """Heatmap of a confusion matrix (rows = true, columns = predicted), cells labelled.

    An invisible marker sits on every cell so a click selects it (Streamlit's selection events come
    from point traces, not heatmaps): trace 1, point ``k`` is cell (true ``k // n``, predicted ``k % n``).
    It carries the hover label too (a trace with hover skipped would not be clickable).
    """
    n = len(class_names)
    text = np.vectorize(lambda v: f"{v:.2f}" if normalized else f"{int(v)}")(cm)
    fig = go.Figure(go.Heatmap(z=cm, x=list(class_names), y=list(class_names), text=text,
                               texttemplate="%{text}", colorscale="Blues", showscale=False,
                               hoverinfo="skip"))
    ii, jj = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    fig.add_trace(go.Scatter(x=[class_names[j] for j in jj.ravel()], y=[class_names[i] for i in ii.ravel()],
                             mode="markers",
                             text=text.ravel(), hovertemplate="%{y} → %{x}: %{text}<extra></extra>",
                             marker=dict(size=28, opacity=0.01, symbol="square"), showlegend=False))
    fig.update_yaxes(autorange="reversed", title_text=axis_titles[0])
    fig.update_xaxes(title_text=axis_titles[1], tickangle=-35)
    return base_layout(fig, height=80 + 48 * n, uirevision="confusion")


def scores_figure(precision, recall, f1, class_names: Sequence[str], names: Sequence[str]) -> go.Figure:
    """Grouped bars of per-class precision, recall and F1 (``names`` are their translated labels)."""
    fig = go.Figure([go.Bar(name=name, x=list(class_names), y=list(values), marker_color=PALETTE[k])
                     for k, (name, values) in enumerate(zip(names, (precision, recall, f1)))])
    fig.update_yaxes(range=[0, 1])
    return base_layout(fig, height=340)


def proba_bars(p: np.ndarray, class_names: Sequence[str], *, true_class: int | None) -> go.Figure:
    """Horizontal softmax bars of one image, the true class in green and a wrong top class in red."""
    pred = int(np.argmax(p))
    colours = ["#009E73" if c == true_class else "#D55E00" if c == pred else "#999999"
               for c in range(len(p))]
    fig = go.Figure(go.Bar(x=list(p), y=list(class_names), orientation="h", marker_color=colours,
                           text=[f"{v:.2f}" for v in p], textposition="auto"))
    fig.update_xaxes(range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, height=300)


def weights_figure(w: np.ndarray, image_shape: tuple[int, int], titles: Sequence[str],
                   *, columns: int = 5) -> go.Figure:
    """Each column of the first-layer weight matrix ``w`` (features × units) drawn as an image.

    Red is a positive weight (this pixel votes for the class/unit), blue negative, centred on 0 with a
    symmetric range per figure so the colours compare across panels.
    """
    k = w.shape[1]
    imgs = w.T.reshape(k, *image_shape)
    lim = float(np.abs(imgs).max()) or 1.0
    fig = px.imshow(imgs, facet_col=0, facet_col_wrap=columns, color_continuous_scale="RdBu_r",
                    zmin=-lim, zmax=lim, facet_col_spacing=0.01, facet_row_spacing=0.06)
    for ann in fig.layout.annotations:  # facet labels read "facet_col=3": replace with the titles
        ann.text = titles[int(ann.text.split("=")[1])]
    fig.update_xaxes(showticklabels=False)
    fig.update_yaxes(showticklabels=False)
    rows = -(-k // columns)
    return base_layout(fig, height=60 + 150 * rows)
