"""Figures of the loss viewer: arrays and translated labels in, ``go.Figure`` out.

``labels`` is a dict of already translated texts (the page builds it from ``loss.fig.*`` strings).
"""
from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.figures.style import NEGATIVE, NEUTRAL, PALETTE, POSITIVE, base_layout

CE_COLOUR, MSE_COLOUR = PALETTE[0], PALETTE[1]
POINT = dict(size=13, color="#000000", symbol="circle-open", line=dict(width=3))


def _point(x: float, y: float, name: str, text: str | None = None, where: str = "top right",
           **kw) -> go.Scatter:
    """A black ring marking the chosen point, with an optional value label beside it."""
    return go.Scatter(x=[x], y=[y], mode="markers+text" if text else "markers", name=name,
                      marker=POINT, text=[text] if text else None, textposition=where,
                      textfont=dict(size=14, color="#000000"),
                      showlegend=False, hovertemplate=f"{name}<br>%{{x:.4g}}, %{{y:.6g}}<extra></extra>",
                      **kw)


def _layout(fig: go.Figure, title: str, **kw) -> go.Figure:
    """The shared look, with room for a title above the legend (base_layout puts both at the top)."""
    base_layout(fig, title=title, **kw)
    fig.update_layout(title=dict(text=title, x=0.01, y=0.98, yanchor="top"), margin=dict(t=85))
    return fig


def binary_a_figure(a, loss_y1, loss_y0, *, a0: float, y: int, loss0: float,
                    labels: dict[str, str]) -> go.Figure:
    """−log a (y = 1) and −log(1 − a) (y = 0) over a, the chosen label's curve bold, its point ringed."""
    fig = go.Figure()
    for label, curve, colour in ((1, loss_y1, POSITIVE), (0, loss_y0, NEGATIVE)):
        chosen = label == y
        fig.add_scatter(x=a, y=curve, name=labels[f"y{label}"], line=dict(color=colour, width=4 if chosen else 2,
                        dash=None if chosen else "dot"), opacity=1 if chosen else 0.55)
    fig.add_trace(_point(a0, loss0, labels["point"], f"L = {loss0:.4f}"))
    _layout(fig, labels["t_a"], uirevision="bin_a")
    fig.update_xaxes(title=labels["a"], range=[0, 1])
    fig.update_yaxes(title=labels["loss"], range=[0, max(6.0, loss0 * 1.1 + 0.5)])
    return fig


def binary_z_figure(z, loss, grad, *, y: int, z0: float, loss0: float, grad0: float,
                    labels: dict[str, str]) -> go.Figure:
    """The logistic loss of label y over the logit z and its gradient a − y, both ringed at z0."""
    fig = go.Figure()
    fig.add_scatter(x=z, y=loss, name=labels[f"zloss{y}"], line=dict(color=CE_COLOUR, width=3))
    fig.add_scatter(x=z, y=grad, name=labels["zgrad"], line=dict(color=PALETTE[4], width=3, dash="dash"))
    fig.add_trace(_point(z0, loss0, labels["point"], f"L = {loss0:.4f}"))
    fig.add_trace(_point(z0, grad0, labels["point"], f"a − y = {grad0:.4f}", "bottom right"))
    fig.add_hline(y=0, line=dict(color=NEUTRAL, width=1))
    _layout(fig, labels["t_z"], uirevision="bin_z")
    fig.update_xaxes(title=labels["z"])
    fig.update_yaxes(title=labels["loss_grad"], range=[-1.2, max(6.0, loss0 * 1.1 + 0.5)])
    return fig


def multiclass_figure(a, terms, grad, *, true_class: int, labels: dict[str, str]) -> go.Figure:
    """Three bar panels per class: probability a_c, loss term −y_c log a_c, gradient a_c − y_c."""
    classes = [str(c) for c in range(len(a))]
    colours = [POSITIVE if c == true_class else NEUTRAL for c in range(len(a))]
    fig = make_subplots(rows=1, cols=3, subplot_titles=(labels["prob"], labels["term"], labels["cgrad"]),
                        horizontal_spacing=0.08)
    for col, values in enumerate((a, terms, grad), start=1):
        fig.add_bar(x=classes, y=values, marker_color=colours, showlegend=False, row=1, col=col,
                    text=[f"{v:.3f}" for v in values], textposition="outside", cliponaxis=False,
                    hovertemplate=labels["cls"] + " %{x}: %{y:.6g}<extra></extra>")
    base_layout(fig, height=380, uirevision="multi")
    # Keep bar labels legible with six classes instead of letting Plotly shrink them per bar.
    fig.update_layout(margin=dict(t=40), uniformtext=dict(minsize=11, mode="show"))
    fig.update_xaxes(title=labels["cls"], type="category")
    fig.update_yaxes(range=[0, 1.15], row=1, col=1)
    fig.update_yaxes(range=[0, max(1.0, float(np.max(terms))) * 1.2], row=1, col=2)
    fig.update_yaxes(range=[-1.25, 1.25], row=1, col=3)
    return fig


def mse_vs_ce_figure(z, curves: dict, *, y: int, z0: float, at0: dict, labels: dict[str, str]) -> go.Figure:
    """Loss (top) and ∂loss/∂z (bottom) of sigmoid + cross-entropy and sigmoid + squared error.

    ``curves`` and ``at0`` hold "ce", "ce_grad", "mse", "mse_grad" over ``z`` and at ``z0``. The
    region where the sigmoid is confidently wrong (|z| > 3 on the wrong side) is shaded.
    """
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.06)
    for row, suffix in ((1, ""), (2, "_grad")):
        for kind, colour in (("ce", CE_COLOUR), ("mse", MSE_COLOUR)):
            fig.add_scatter(x=z, y=curves[kind + suffix], name=labels[kind + suffix], row=row, col=1,
                            line=dict(color=colour, width=3, dash="dash" if suffix else None))
            fig.add_trace(_point(z0, float(at0[kind + suffix]), labels["point"]), row=row, col=1)
    x0, x1 = (float(np.min(z)), -3.0) if y == 1 else (3.0, float(np.max(z)))
    fig.add_vrect(x0=x0, x1=x1, fillcolor=NEGATIVE, opacity=0.08, line_width=0, row="all", col=1)
    fig.add_annotation(x=(x0 + x1) / 2, y=1, xref="x", yref="y domain", yanchor="top", showarrow=False,
                       text=labels["wrong"], font=dict(color=NEGATIVE))
    fig.add_hline(y=0, line=dict(color=NEUTRAL, width=1), row=2, col=1)
    base_layout(fig, height=560, uirevision="mse")
    fig.update_xaxes(title=labels["z"], row=2, col=1)
    fig.update_yaxes(title=labels["loss"], row=1, col=1)
    fig.update_yaxes(title=labels["grad"], range=[-1.1, 1.1], row=2, col=1)
    return fig


def surface_figure(w, b, loss, *, point: tuple[float, float, float], step: tuple[float, float],
                   slides: tuple[float, float], view: str, title: str, labels: dict[str, str]) -> go.Figure:
    """Mean loss over the (W, b) grid as a contour map (with the gradient step) or a 3-D surface.

    ``loss`` has shape (len(b), len(w)); ``point`` is the chosen (W, b) and its loss, ``step`` one
    gradient-descent step from it (−learning rate × gradient), ``slides`` the Keras fit of the slides.
    """
    fig = go.Figure()
    if view == "3d":
        fig.add_surface(x=w, y=b, z=loss, colorscale="Viridis", showscale=False, opacity=0.95,
                        hovertemplate="W %{x:.2f}, b %{y:.2f}<br>L %{z:.4f}<extra></extra>")
        fig.add_scatter3d(x=[point[0]], y=[point[1]], z=[point[2]], mode="markers", name=labels["point"],
                          marker=dict(size=6, color="#FFFFFF", line=dict(color="#000000", width=3)),
                          showlegend=False)
        _layout(fig, title, height=460, uirevision=f"surf3d_{title}")
        fig.update_layout(scene=dict(xaxis_title=labels["w"], yaxis_title=labels["b"], zaxis_title=labels["loss"]),
                          margin=dict(l=10, r=10, b=0, t=40))
        return fig
    fig.add_contour(x=w, y=b, z=loss, colorscale="Viridis", ncontours=24, showscale=True,
                    colorbar=dict(title=dict(text=labels["loss"], side="right"), thickness=12),
                    hovertemplate="W %{x:.2f}, b %{y:.2f}<br>L %{z:.4f}<extra></extra>")
    fig.add_scatter(x=[slides[0]], y=[slides[1]], mode="markers", name=labels["slides"],
                    marker=dict(symbol="star", size=15, color="#FFFFFF", line=dict(color="#000000", width=1.5)))
    fig.add_scatter(x=[point[0]], y=[point[1]], mode="markers", name=labels["point"], showlegend=False,
                    hovertemplate=f"W %{{x:.2f}}, b %{{y:.2f}}<br>L {point[2]:.4f}<extra></extra>",
                    marker=dict(size=12, color="#FFFFFF", line=dict(color="#000000", width=2)))
    fig.add_annotation(x=point[0] + step[0], y=point[1] + step[1], ax=point[0], ay=point[1],
                       xref="x", yref="y", axref="x", ayref="y", showarrow=True, arrowhead=3,
                       arrowwidth=2.5, arrowcolor="#FFFFFF", text="")
    _layout(fig, title, height=430, uirevision=f"surf_{title}")
    fig.update_xaxes(title=labels["w"], range=[float(w[0]), float(w[-1])])
    fig.update_yaxes(title=labels["b"], range=[float(b[0]), float(b[-1])])
    return fig


def clipping_figure(a, raw, clipped, *, eps: float, labels: dict[str, str]) -> go.Figure:
    """−log a with and without clipping on a log-scaled a axis; below ε the clipped loss is flat."""
    fig = go.Figure()
    fig.add_scatter(x=a, y=raw, name=labels["raw"], line=dict(color=NEGATIVE, width=3, dash="dot"))
    fig.add_scatter(x=a, y=clipped, name=labels["clipped"], line=dict(color=CE_COLOUR, width=3))
    fig.add_vline(x=eps, line=dict(color=NEUTRAL, dash="dash"))
    # On a log axis, annotation x is given as log10 of the value.
    fig.add_annotation(x=math.log10(eps), y=1, yref="y domain", text=f"ε = {eps:.0e}", showarrow=False,
                       xanchor="left", xshift=4, yanchor="top")
    fig.add_annotation(x=math.log10(float(a[0])), y=float(raw[0]), text=labels["to_inf"], showarrow=False,
                       xanchor="left", yanchor="bottom", font=dict(color=NEGATIVE))
    _layout(fig, labels["t_clip"], uirevision="clip")
    fig.update_xaxes(title=labels["a_log"], type="log", exponentformat="power")
    fig.update_yaxes(title=labels["loss"], rangemode="tozero")
    return fig
