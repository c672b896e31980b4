"""Figures of the softmax explorer: probabilities beside sigmoid/hardmax, the gradient, the Jacobian."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.figures.style import NEGATIVE, NEUTRAL, PALETTE, POSITIVE, base_layout

SOFTMAX, SIGMOID = PALETTE[0], PALETTE[1]
TRUE_SHADE = "rgba(0, 158, 115, 0.12)"  # POSITIVE, faint


def _mark_true_class(fig: go.Figure, true_class: int, text: str) -> None:
    """Shade the true class's column (categories sit at 0, 1, … on the x axis)."""
    fig.add_vrect(x0=true_class - 0.5, x1=true_class + 0.5, fillcolor=TRUE_SHADE, line_width=0,
                  layer="below", annotation_text=text, annotation_position="top left")


def probability_figure(labels: list[str], probs, *, names: dict[str, str], sigmoids=None,
                       hard=None) -> go.Figure:
    """Softmax probabilities as bars, optionally beside each unit's sigmoid and the hardmax.

    ``names`` holds the translated texts: ``softmax``, ``sigmoid``, ``hardmax``, ``y_axis``.
    """
    fig = go.Figure(go.Bar(x=labels, y=np.asarray(probs), name=names["softmax"], marker_color=SOFTMAX,
                           texttemplate="%{y:.2f}", textposition="outside", cliponaxis=False,
                           hovertemplate="%{x}: %{y:.4f}<extra></extra>"))
    if sigmoids is not None:
        fig.add_bar(x=labels, y=np.asarray(sigmoids), name=names["sigmoid"], marker_color=SIGMOID,
                    hovertemplate="%{x}: %{y:.4f}<extra></extra>")
    if hard is not None:
        fig.add_bar(x=labels, y=np.asarray(hard), name=names["hardmax"], marker_color=NEUTRAL,
                    hovertemplate="%{x}: %{y:.0f}<extra></extra>")
    base_layout(fig, height=400, uirevision="softmax-probs")
    fig.update_layout(barmode="group", showlegend=True, bargap=0.25)
    fig.update_yaxes(range=[0, 1.12], title=names["y_axis"], dtick=0.2)
    fig.update_xaxes(type="category")
    return fig


def gradient_figure(labels: list[str], probs, residual, probs_next, *, true_class: int,
                    names: dict[str, str]) -> go.Figure:
    """p now, p − y (∝ the gradient ∂L/∂z; green where a step raises z, orange where it lowers it),
    and p after one gradient step. All three lie in [−1, 1], so one axis serves them.

    ``names``: ``softmax``, ``residual``, ``next``, ``true``, ``y_axis``.
    """
    residual = np.asarray(residual)
    fig = go.Figure(go.Bar(x=labels, y=np.asarray(probs), name=names["softmax"], marker_color=SOFTMAX,
                           hovertemplate="%{x}: %{y:.4f}<extra></extra>"))
    fig.add_bar(x=labels, y=residual, name=names["residual"],
                marker_color=np.where(residual < 0, POSITIVE, NEGATIVE).tolist(),
                texttemplate="%{y:+.2f}", textposition="outside", cliponaxis=False,
                hovertemplate="%{x}: %{y:+.4f}<extra></extra>")
    fig.add_bar(x=labels, y=np.asarray(probs_next), name=names["next"],
                marker=dict(color="rgba(0,0,0,0)", line=dict(color=SOFTMAX, width=2)),
                hovertemplate="%{x}: %{y:.4f}<extra></extra>")
    _mark_true_class(fig, true_class, names["true"])
    base_layout(fig, height=400, uirevision="softmax-grad")
    fig.update_layout(barmode="group", bargap=0.2)
    fig.update_yaxes(range=[-1.2, 1.2], dtick=0.5, title=names["y_axis"], zeroline=True, zerolinecolor="#444")
    fig.update_xaxes(type="category")
    return fig


def jacobian_figure(labels: list[str], jacobian, *, title: str) -> go.Figure:
    """Heatmap of the softmax Jacobian ∂p_i/∂u_j, red-blue around zero, values written in the cells."""
    jac = np.asarray(jacobian)
    lim = max(float(np.max(np.abs(jac))), 1e-12)
    fig = go.Figure(go.Heatmap(z=jac, x=labels, y=labels, zmin=-lim, zmax=lim, colorscale="RdBu",
                               reversescale=True, texttemplate="%{z:.2f}",
                               hovertemplate="∂p(%{y}) / ∂u(%{x}) = %{z:.4f}<extra></extra>"))
    base_layout(fig, title=title, height=140 + 36 * len(labels), uirevision="softmax-jac")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="bottom")
    return fig
