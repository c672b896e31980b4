"""Figures of the softmax explorer: probabilities beside sigmoid/hardmax, the gradient, the Jacobian."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.figures.style import NEGATIVE, NEUTRAL, PALETTE, POSITIVE, figure, layout

SOFTMAX, SIGMOID = PALETTE[0], PALETTE[1]
TRUE_SHADE = "rgba(0, 158, 115, 0.12)"  # POSITIVE, faint


def _bar(labels: list[str], values, name: str, colour, hover: str, *, line: dict | None = None, **kw) -> dict:
    """One bar trace as a plain dict; ``hover`` is the value's format in the hover label."""
    marker = dict(color=colour) if line is None else dict(color=colour, line=line)
    return dict(type="bar", x=labels, y=np.asarray(values), name=name, marker=marker,
                hovertemplate="%{x}: %{y:" + hover + "}<extra></extra>", **kw)


def probability_figure(labels: list[str], probs, *, names: dict[str, str], sigmoids=None,
                       hard=None) -> go.Figure:
    """Softmax probabilities as bars, optionally beside each unit's sigmoid and the hardmax.

    ``names`` holds the translated texts: ``softmax``, ``sigmoid``, ``hardmax``, ``y_axis``.
    """
    bars = [_bar(labels, probs, names["softmax"], SOFTMAX, ".4f", texttemplate="%{y:.2f}",
                 textposition="outside", cliponaxis=False)]
    if sigmoids is not None:
        bars.append(_bar(labels, sigmoids, names["sigmoid"], SIGMOID, ".4f"))
    if hard is not None:
        bars.append(_bar(labels, hard, names["hardmax"], NEUTRAL, ".0f"))
    return figure(bars, layout(
        height=400, uirevision="softmax-probs", barmode="group", showlegend=True, bargap=0.25,
        yaxis=dict(range=[0, 1.12], title=dict(text=names["y_axis"]), dtick=0.2), xaxis=dict(type="category")))


def gradient_figure(labels: list[str], probs, residual, probs_next, *, true_class: int,
                    names: dict[str, str]) -> go.Figure:
    """p now, p − y (∝ the gradient ∂L/∂z; green where a step raises z, orange where it lowers it),
    and p after one gradient step. All three lie in [−1, 1], so one axis serves them.

    ``names``: ``softmax``, ``residual_up``, ``residual_down`` (the legend of the green and the orange
    p − y bars), ``next``, ``true``, ``y_axis``.
    """
    residual = np.asarray(residual, dtype=float)
    # p − y as two traces in one bar slot (offsetgroup), so the legend names both colours.
    signs = [(names["residual_up"], POSITIVE, residual < 0), (names["residual_down"], NEGATIVE, residual >= 0)]
    bars = [_bar(labels, probs, names["softmax"], SOFTMAX, ".4f")] + [
        _bar(labels, [v if m else None for v, m in zip(residual.tolist(), mask)], name, colour, "+.4f",
             texttemplate="%{y:+.2f}", textposition="outside", cliponaxis=False, offsetgroup="residual")
        for name, colour, mask in signs] + [
        _bar(labels, probs_next, names["next"], "rgba(0,0,0,0)", ".4f", line=dict(color=SOFTMAX, width=2))]
    # The true class's column shaded (categories sit at 0, 1, … on the x axis), its name in the corner.
    shade = dict(type="rect", x0=true_class - 0.5, x1=true_class + 0.5, xref="x", y0=0, y1=1, yref="y domain",
                 fillcolor=TRUE_SHADE, line=dict(width=0), layer="below")
    note = dict(text=names["true"], x=true_class - 0.5, xref="x", xanchor="left", y=1, yref="y domain",
                yanchor="top", showarrow=False)
    return figure(bars, layout(
        height=400, uirevision="softmax-grad", barmode="group", bargap=0.2, shapes=[shade], annotations=[note],
        yaxis=dict(range=[-1.2, 1.2], dtick=0.5, title=dict(text=names["y_axis"]), zeroline=True,
                   zerolinecolor="#444"),
        xaxis=dict(type="category")))


def jacobian_figure(labels: list[str], jacobian, *, title: str) -> go.Figure:
    """Heatmap of the softmax Jacobian ∂p_i/∂u_j, red-blue around zero, values written in the cells."""
    jac = np.asarray(jacobian)
    lim = max(float(np.max(np.abs(jac))), 1e-12)
    heat = dict(type="heatmap", z=jac, x=labels, y=labels, zmin=-lim, zmax=lim, colorscale="RdBu",
                reversescale=True, texttemplate="%{z:.2f}",
                hovertemplate="∂p(%{y}) / ∂u(%{x}) = %{z:.4f}<extra></extra>")
    return figure([heat], layout(
        title=title, height=140 + 36 * len(labels), uirevision="softmax-jac",
        yaxis=dict(autorange="reversed", type="category"), xaxis=dict(type="category", side="bottom")))
