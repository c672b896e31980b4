"""The class's answers at the reveal: bars of how many gave each answer (the right ones green), and the
share right over the lesson's questions."""
from __future__ import annotations

from typing import Sequence

import plotly.graph_objects as go

from core.figures.style import NEUTRAL, POSITIVE, figure, layout


def spread_figure(labels: Sequence[str], counts: Sequence[int], right: Sequence[bool], *, axis: str,
                  centres: Sequence[float] | None = None, width: float | None = None,
                  truth: tuple[float, str] | None = None) -> go.Figure:
    """How many answered each way, the right ones green (``axis``: the count axis's title). Choices: one
    horizontal bar per choice, labelled by it. Numbers: bars of ``width`` at ``centres`` on a number line
    (``labels`` their ranges, on hover), with ``truth`` (value, its label) marked by a line."""
    colours = [POSITIVE if r else NEUTRAL for r in right]
    bar = dict(type="bar", marker=dict(color=colours), text=[str(c) if c else "" for c in counts],
               textposition="auto", textangle=0)
    top = max([*counts, 1])
    ticks = dict(range=[0, top * 1.15], dtick=max(1, top // 5), title=dict(text=axis))
    if centres is None:
        return figure([dict(bar, x=list(counts), y=list(labels), orientation="h", hoverinfo="skip")], layout(
            height=70 + 44 * len(labels), yaxis=dict(autorange="reversed", automargin=True), xaxis=ticks))
    lo, hi = min(centres) - width, max(centres) + width
    shapes, notes = [], []
    if truth is not None:
        lo, hi = min(lo, truth[0] - width), max(hi, truth[0] + width)
        shapes = [dict(type="line", x0=truth[0], x1=truth[0], y0=0, y1=1, yref="paper",
                       line=dict(color=POSITIVE, width=2, dash="dash"))]
        notes = [dict(x=truth[0], y=1, yref="paper", yanchor="bottom", text=truth[1], showarrow=False,
                      font=dict(color=POSITIVE))]
    return figure([dict(bar, x=list(centres), y=list(counts), width=width, customdata=list(labels),
                        hovertemplate="%{customdata}: %{y}<extra></extra>")], layout(
        height=280, margin=dict(t=40), shapes=shapes, annotations=notes, xaxis=dict(range=[lo, hi]), yaxis=ticks))


def over_time_figure(numbers: Sequence[int], shares: Sequence[float], counts: Sequence[int], *, x_title: str,
                     y_title: str, hover: str) -> go.Figure:
    """The share of the class right on each revealed question, in the order asked (``hover`` formats a
    bar's tip with ``{n}``, the number who answered)."""
    bar = dict(type="bar", x=[f"Q{n}" for n in numbers], y=[100 * s for s in shares],
               marker=dict(color=POSITIVE), text=[f"{100 * s:.0f}%" for s in shares], textposition="auto",
               customdata=list(counts), hovertemplate=hover.replace("{n}", "%{customdata}") + "<extra></extra>")
    return figure([bar], layout(height=260, xaxis=dict(title=dict(text=x_title), type="category"),
                                yaxis=dict(title=dict(text=y_title), range=[0, 105], ticksuffix="%")))
