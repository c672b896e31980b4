"""Figures of training runs: loss and accuracy per epoch, several runs overlaid."""
from __future__ import annotations

from typing import Mapping, Sequence

import plotly.graph_objects as go

from core.figures.style import PALETTE, figure, layout, subplot_domains, subplot_title
from core.text.formats import ACCURACY_D3, ACCURACY_TICKS


def history_figure(runs: Sequence[tuple[str, Mapping[str, Sequence[float]]]], *, titles: Mapping[str, str],
                   total_epochs: int | None = None) -> go.Figure:
    """Loss (left) and accuracy (right) per epoch for each ``(label, history)`` run.

    Training curves are solid, validation dashed, one colour per run. ``titles`` maps the keys
    ``loss, accuracy, epoch, train, val`` to translated text. ``total_epochs`` fixes the x range so the
    axes do not jump while a run grows. ``uirevision`` keeps the user's zoom across redraws.
    """
    traces = []
    for i, (label, hist) in enumerate(runs):
        colour = PALETTE[i % len(PALETTE)]
        for axis, metric in (("", "loss"), ("2", "accuracy")):
            for key, dash, part in ((metric, "solid", "train"), (f"val_{metric}", "dash", "val")):
                values = list(hist.get(key, []))
                if not values:
                    continue
                traces.append(dict(
                    type="scatter", x=list(range(1, len(values) + 1)), y=values, mode="lines+markers",
                    name=f"{label} · {titles[part]}", legendgroup=label,
                    line=dict(color=colour, dash=dash), marker=dict(size=5),
                    showlegend=axis == "", meta=key, xaxis=f"x{axis}", yaxis=f"y{axis}",
                    # The trace's name shows beside the box; an accuracy reads as everywhere else ("88.3%").
                    hovertemplate=f"{titles['epoch']} %{{x}}: %{{y:{ACCURACY_D3 if axis else '.4f'}}}"))
    left, right = subplot_domains(2, 0.08)
    epochs = dict(title=dict(text=titles["epoch"]), rangemode="tozero")
    if total_epochs:
        epochs["range"] = [0.5, total_epochs + 0.5]
    return figure(traces, layout(
        height=440, uirevision="history",
        annotations=[subplot_title(titles["loss"], sum(left) / 2, size=16),
                     subplot_title(titles["accuracy"], sum(right) / 2, size=16)],
        xaxis=dict(anchor="y", domain=left, **epochs), yaxis=dict(anchor="x", domain=[0.0, 1.0]),
        xaxis2=dict(anchor="y2", domain=right, **epochs),
        # Accuracy on its own range, not 0–1: 0.79 → 0.885 must not look flat on a projector.
        yaxis2=dict(anchor="x2", domain=[0.0, 1.0], tickformat=ACCURACY_TICKS),
        # Below the axes: above them the legend would collide with the subplot titles.
        legend=dict(orientation="h", yanchor="top", y=-0.18, x=0), margin=dict(b=10, t=40)))
