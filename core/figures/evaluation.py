"""Figures of a finished run: confusion matrix, per-class scores, images and learned weights."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from core.figures.style import PALETTE, figure, layout, subplot_domains, subplot_title


def confusion_figure(cm: np.ndarray, class_names: Sequence[str], *, normalized: bool,
                     axis_titles: tuple[str, str]) -> go.Figure:
    """Heatmap of a confusion matrix (rows = true, columns = predicted), cells labelled.

    An invisible marker sits on every cell so a click selects it (Streamlit's selection events come
    from point traces, not heatmaps): trace 1, point ``k`` is cell (true ``k // n``, predicted ``k % n``).
    It carries the hover label too (a trace with hover skipped would not be clickable). Trace 0 colours
    the diagonal (right answers), trace 2 the off-diagonal errors on their own scale.
    """
    n = len(class_names)
    text = np.vectorize(lambda v: f"{v:.2f}" if normalized else f"{int(v)}")(cm)
    ii, jj = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    diagonal = ii == jj
    cells = dict(type="heatmap", x=list(class_names), y=list(class_names), texttemplate="%{text}",
                 showscale=False, hoverinfo="skip", textfont=dict(size=15))
    # The errors get a colour scale of their own (trace 2, from 0 to the largest error): beside a dark
    # diagonal of 900s, the teachable 145s would otherwise be nearly white.
    heat = dict(cells, z=np.where(diagonal, cm, np.nan).tolist(), text=np.where(diagonal, text, "").tolist(),
                colorscale="Blues")
    off = cm[~diagonal]
    errors = dict(cells, z=np.where(diagonal, np.nan, cm).tolist(), text=np.where(diagonal, "", text).tolist(),
                  colorscale="Oranges", zmin=0, zmax=float(off.max()) if off.size and off.max() > 0 else 1)
    targets = dict(type="scatter", x=[class_names[j] for j in jj.ravel()], y=[class_names[i] for i in ii.ravel()],
                   mode="markers", text=text.ravel(), hovertemplate="%{y} → %{x}: %{text}<extra></extra>",
                   marker=dict(size=28, opacity=0.01, symbol="square"), showlegend=False)
    return figure([heat, targets, errors], layout(
        height=80 + 48 * n, uirevision="confusion",
        yaxis=dict(title=dict(text=axis_titles[0]), autorange="reversed"),
        xaxis=dict(title=dict(text=axis_titles[1]), tickangle=-35)))


def scores_figure(precision, recall, f1, class_names: Sequence[str], names: Sequence[str]) -> go.Figure:
    """Grouped bars of per-class precision, recall and F1 (``names`` are their translated labels)."""
    bars = [dict(type="bar", name=name, x=list(class_names), y=list(values), marker=dict(color=PALETTE[k]))
            for k, (name, values) in enumerate(zip(names, (precision, recall, f1)))]
    return figure(bars, layout(height=340, yaxis=dict(range=[0, 1])))


def proba_bars(p: np.ndarray, class_names: Sequence[str], *, true_class: int | None) -> go.Figure:
    """Horizontal softmax bars of one image, the true class in green and a wrong top class in red."""
    pred = int(np.argmax(p))
    colours = ["#009E73" if c == true_class else "#D55E00" if c == pred else "#999999"
               for c in range(len(p))]
    bars = dict(type="bar", x=list(p), y=list(class_names), orientation="h", marker=dict(color=colours),
                text=[f"{v:.2f}" for v in p], textposition="auto")
    return figure([bars], layout(height=300, xaxis=dict(range=[0, 1]), yaxis=dict(autorange="reversed")))


def weights_figure(w: np.ndarray, image_shape: tuple[int, int], titles: Sequence[str],
                   *, columns: int = 5) -> go.Figure:
    """Each column of the first-layer weight matrix ``w`` (features × units) drawn as an image.

    Red is a positive weight (this pixel votes for the class/unit), blue negative, centred on 0 with a
    symmetric range per figure so the colours compare across panels.
    """
    k = w.shape[1]
    imgs = w.T.reshape(k, *image_shape)
    lim = float(np.abs(imgs).max()) or 1.0
    rows = -(-k // columns)
    # The grid px.imshow(facet_col_wrap=columns) draws: axis 1 is the bottom-left panel, panel i (reading
    # order from the top left) sits on axis (rows − 1 − i // columns) · columns + i % columns + 1, every
    # axis follows axis 1's scale (square pixels, image rows downwards) and unused cells stay empty.
    xs, ys = subplot_domains(columns, 0.01), subplot_domains(rows, 0.06)
    axis = [(rows - 1 - i // columns) * columns + i % columns + 1 for i in range(k)]
    panels = [dict(type="heatmap", z=imgs[i], coloraxis="coloraxis", name=str(i), xaxis=f"x{axis[i]}",
                   yaxis=f"y{axis[i]}", hovertemplate="x: %{x}<br>y: %{y}<br>color: %{z}<extra></extra>")
              for i in range(k)]
    own = dict(scaleanchor="y", constrain="domain"), dict(autorange="reversed", constrain="domain")
    follow = dict(matches="x"), dict(matches="y")
    axes, notes = {}, []
    for a in range(1, rows * columns + 1):
        n, (row, col) = "" if a == 1 else str(a), divmod(a - 1, columns)
        x_scale, y_scale = own if a == 1 else follow
        axes[f"xaxis{n}"] = dict(anchor=f"y{n}", domain=xs[col], showticklabels=False, **x_scale)
        axes[f"yaxis{n}"] = dict(anchor=f"x{n}", domain=ys[row], showticklabels=False, **y_scale)
        if a in axis:
            notes.append(subplot_title(titles[axis.index(a)], sum(xs[col]) / 2, ys[row][1]))
    return figure(panels, layout(
        height=60 + 150 * rows, annotations=notes,
        coloraxis=dict(colorscale="RdBu_r", cmin=-lim, cmax=lim, autocolorscale=False), **axes))
