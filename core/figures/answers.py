"""The class's answers at the reveal: bars of how many gave each answer (the right ones green), and the
share right over the lesson's questions."""
from __future__ import annotations

from typing import Sequence

import plotly.graph_objects as go

from core.figures.style import NEUTRAL, POSITIVE, figure, layout


def spread_figure(labels: Sequence[str], counts: Sequence[int], right: Sequence[bool], *, axis: str,
                  horizontal: bool = False) -> go.Figure:
    """How many answered each way: one bar per choice or range of numbers, the right ones green (``axis``:
    the count axis's title). ``horizontal`` for choices, whose labels are sentences."""
    colours = [POSITIVE if r else NEUTRAL for r in right]
    bar = dict(type="bar", marker=dict(color=colours), text=[str(c) if c else "" for c in counts],
               textposition="auto", textangle=0, hoverinfo="skip")
    top = max([*counts, 1])
    if horizontal:
        return figure([dict(bar, x=list(counts), y=list(labels), orientation="h")], layout(
            height=70 + 44 * len(labels), yaxis=dict(autorange="reversed", automargin=True),
            xaxis=dict(title=dict(text=axis), range=[0, top * 1.15], dtick=max(1, top // 5))))
    return figure([dict(bar, x=list(labels), y=list(counts))], layout(
        height=300, xaxis=dict(type="category", tickangle=-30),
        yaxis=dict(title=dict(text=axis), range=[0, top * 1.15], dtick=max(1, top // 5))))


def over_time_figure(numbers: Sequence[int], shares: Sequence[float], counts: Sequence[int], *, x_title: str,
                     y_title: str, hover: str) -> go.Figure:
    """The share of the class right on each revealed question, in the order asked (``hover`` formats a
    bar's tip with ``{n}``, the number who answered)."""
    bar = dict(type="bar", x=[f"Q{n}" for n in numbers], y=[100 * s for s in shares],
               marker=dict(color=POSITIVE), text=[f"{100 * s:.0f}%" for s in shares], textposition="auto",
               customdata=list(counts), hovertemplate=hover.replace("{n}", "%{customdata}") + "<extra></extra>")
    return figure([bar], layout(height=260, xaxis=dict(title=dict(text=x_title), type="category"),
                                yaxis=dict(title=dict(text=y_title), range=[0, 105], ticksuffix="%")))
