"""Figures of training runs: loss and accuracy per epoch, several runs overlaid."""
from __future__ import annotations

from typing import Mapping, Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.figures.style import PALETTE, base_layout


def history_figure(runs: Sequence[tuple[str, Mapping[str, Sequence[float]]]], *, titles: Mapping[str, str],
                   total_epochs: int | None = None) -> go.Figure:
    """Loss (left) and accuracy (right) per epoch for each ``(label, history)`` run.

    Training curves are solid, validation dashed, one colour per run. ``titles`` maps the keys
    ``loss, accuracy, epoch, train, val`` to translated text. ``total_epochs`` fixes the x range so the
    axes do not jump while a run grows. ``uirevision`` keeps the user's zoom across redraws.
    """
    fig = make_subplots(rows=1, cols=2, subplot_titles=(titles["loss"], titles["accuracy"]),
                        horizontal_spacing=0.08)
    for i, (label, hist) in enumerate(runs):
        colour = PALETTE[i % len(PALETTE)]
        for col, metric in ((1, "loss"), (2, "accuracy")):
            for key, dash, part in ((metric, "solid", "train"), (f"val_{metric}", "dash", "val")):
                values = list(hist.get(key, []))
                if not values:
                    continue
                fig.add_trace(go.Scatter(
                    x=list(range(1, len(values) + 1)), y=values, mode="lines+markers",
                    name=f"{label} · {titles[part]}", legendgroup=label,
                    line=dict(color=colour, dash=dash), marker=dict(size=5),
                    showlegend=col == 1, meta=key,
                ), row=1, col=col)
    if total_epochs:
        fig.update_xaxes(range=[0.5, total_epochs + 0.5])
    fig.update_xaxes(title_text=titles["epoch"], rangemode="tozero")
    fig.update_yaxes(range=[0, 1], row=1, col=2)
    base_layout(fig, height=440, uirevision="history")
    # Below the axes: above them the legend would collide with the subplot titles.
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.18, x=0), margin=dict(b=10, t=40))
    return fig
