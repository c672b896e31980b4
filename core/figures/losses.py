"""Figures of the loss viewer: arrays and translated labels in, ``go.Figure`` out.

``labels`` is a dict of already translated texts (the page builds it from ``loss.fig.*`` strings).
"""
from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from core.figures.style import (AXIS_3D, NEGATIVE, NEUTRAL, PALETTE, POSITIVE, figure, layout,
                                subplot_domains, subplot_title)

CE_COLOUR, MSE_COLOUR = PALETTE[0], PALETTE[1]
POINT = dict(size=13, color="#000000", symbol="circle-open", line=dict(width=3))


def _point(x: float, y: float, name: str, text: str | None = None, where: str = "top right",
           **kw) -> dict:
    """A black ring marking the chosen point, with an optional value label beside it."""
    ring = dict(type="scatter", x=[x], y=[y], mode="markers+text" if text else "markers", name=name,
                marker=POINT, textposition=where, textfont=dict(size=14, color="#000000"), showlegend=False,
                hovertemplate=f"{name}<br>%{{x:.4g}}, %{{y:.6g}}<extra></extra>", **kw)
    if text:
        ring["text"] = [text]
    return ring


def _curve(x, y, name: str, **line) -> dict:
    return dict(type="scatter", x=x, y=y, name=name, line=line)


def _hline(y: float, yref: str = "y", xref: str = "x") -> dict:
    """A thin grey line across the whole width of a panel at height ``y``."""
    return dict(type="line", x0=0, x1=1, xref=f"{xref} domain", y0=y, y1=y, yref=yref,
                line=dict(color=NEUTRAL, width=1))


def _layout(title: str, **kw) -> dict:
    """The shared look, with room for a title above the legend (layout() puts both at the top)."""
    return layout(title=title, **kw) | dict(title=dict(text=title, x=0.01, y=0.98, yanchor="top"),
                                             margin=dict(l=10, r=10, t=85, b=10))


def binary_a_figure(a, loss_y1, loss_y0, *, a0: float, y: int, loss0: float,
                    labels: dict[str, str]) -> go.Figure:
    """−log a (y = 1) and −log(1 − a) (y = 0) over a, the chosen label's curve bold, its point ringed."""
    traces = []
    for label, curve, colour in ((1, loss_y1, POSITIVE), (0, loss_y0, NEGATIVE)):
        chosen = label == y
        traces.append(_curve(a, curve, labels[f"y{label}"], color=colour, width=4 if chosen else 2,
                             dash=None if chosen else "dot") | dict(opacity=1 if chosen else 0.55))
    traces.append(_point(a0, loss0, labels["point"], f"L = {loss0:.4f}"))
    return figure(traces, _layout(
        labels["t_a"], uirevision="bin_a", xaxis=dict(title=dict(text=labels["a"]), range=[0, 1]),
        yaxis=dict(title=dict(text=labels["loss"]), range=[0, max(6.0, loss0 * 1.1 + 0.5)])))


def binary_z_figure(z, loss, grad, *, y: int, z0: float, loss0: float, grad0: float,
                    labels: dict[str, str]) -> go.Figure:
    """The logistic loss of label y over the logit z and its gradient a − y, both ringed at z0."""
    traces = [_curve(z, loss, labels[f"zloss{y}"], color=CE_COLOUR, width=3),
              _curve(z, grad, labels["zgrad"], color=PALETTE[4], width=3, dash="dash"),
              _point(z0, loss0, labels["point"], f"L = {loss0:.4f}"),
              _point(z0, grad0, labels["point"], f"a − y = {grad0:.4f}", "bottom right")]
    return figure(traces, _layout(
        labels["t_z"], uirevision="bin_z", shapes=[_hline(0)], xaxis=dict(title=dict(text=labels["z"])),
        yaxis=dict(title=dict(text=labels["loss_grad"]), range=[-1.2, max(6.0, loss0 * 1.1 + 0.5)])))


def multiclass_figure(a, terms, grad, *, true_class: int, labels: dict[str, str]) -> go.Figure:
    """Three bar panels per class: probability a_c, loss term −y_c log a_c, gradient a_c − y_c."""
    classes = [str(c + 1) for c in range(len(a))]  # counted from one, like the sum over c = 1 … C
    colours = [POSITIVE if c == true_class else NEUTRAL for c in range(len(a))]
    domains = subplot_domains(3, 0.08)
    ranges = ([0, 1.15], [0, max(1.0, float(np.max(terms))) * 1.2], [-1.25, 1.25])
    bars, axes = [], {}
    for k, values in enumerate((a, terms, grad)):
        n = "" if k == 0 else str(k + 1)
        bars.append(dict(type="bar", x=classes, y=values, marker=dict(color=colours), showlegend=False,
                         text=[f"{v:.3f}" for v in values], textposition="outside", cliponaxis=False,
                         hovertemplate=labels["cls"] + " %{x}: %{y:.6g}<extra></extra>",
                         xaxis=f"x{n}", yaxis=f"y{n}"))
        axes[f"xaxis{n}"] = dict(anchor=f"y{n}", domain=domains[k], title=dict(text=labels["cls"]),
                                 type="category")
        axes[f"yaxis{n}"] = dict(anchor=f"x{n}", domain=[0.0, 1.0], range=ranges[k])
    titles = [subplot_title(labels[key], sum(d) / 2, size=16)
              for key, d in zip(("prob", "term", "cgrad"), domains)]
    return figure(bars, layout(
        height=380, uirevision="multi", annotations=titles, margin=dict(t=40),
        # Keep bar labels legible with six classes instead of letting Plotly shrink them per bar.
        uniformtext=dict(minsize=11, mode="show"), **axes))


def mse_vs_ce_figure(z, curves: dict, *, y: int, z0: float, at0: dict, labels: dict[str, str]) -> go.Figure:
    """Loss (top) and ∂loss/∂z (bottom) of sigmoid + cross-entropy and sigmoid + squared error.

    ``curves`` and ``at0`` hold "ce", "ce_grad", "mse", "mse_grad" over ``z`` and at ``z0``. The
    region where the sigmoid is confidently wrong (|z| > 3 on the wrong side) is shaded.
    """
    traces = []
    for axes, suffix in ((dict(xaxis="x", yaxis="y"), ""), (dict(xaxis="x2", yaxis="y2"), "_grad")):
        for kind, colour in (("ce", CE_COLOUR), ("mse", MSE_COLOUR)):
            traces.append(_curve(z, curves[kind + suffix], labels[kind + suffix], color=colour, width=3,
                                 dash="dash" if suffix else None) | axes)
            traces.append(_point(z0, float(at0[kind + suffix]), labels["point"], **axes))
    x0, x1 = (float(np.min(z)), -3.0) if y == 1 else (3.0, float(np.max(z)))
    bands = [dict(type="rect", x0=x0, x1=x1, xref=xref, y0=0, y1=1, yref=f"{yref} domain", fillcolor=NEGATIVE,
                  opacity=0.08, line=dict(width=0)) for xref, yref in (("x", "y"), ("x2", "y2"))]
    note = dict(x=(x0 + x1) / 2, y=1, xref="x", yref="y domain", yanchor="top", showarrow=False,
                text=labels["wrong"], font=dict(color=NEGATIVE))
    bottom, top = subplot_domains(2, 0.06)
    return figure(traces, layout(
        height=560, uirevision="mse", shapes=[*bands, _hline(0, "y2", "x2")], annotations=[note],
        # The top panel shares the bottom one's z axis (and hides its tick labels), as make_subplots does.
        xaxis=dict(anchor="y", domain=[0.0, 1.0], matches="x2", showticklabels=False),
        yaxis=dict(anchor="x", domain=top, title=dict(text=labels["loss"])),
        xaxis2=dict(anchor="y2", domain=[0.0, 1.0], title=dict(text=labels["z"])),
        yaxis2=dict(anchor="x2", domain=bottom, title=dict(text=labels["grad"]), range=[-1.1, 1.1])))


def surface_figure(w, b, loss, *, point: tuple[float, float, float], step: tuple[float, float],
                   slides: tuple[float, float], view: str, title: str, labels: dict[str, str]) -> go.Figure:
    """Mean loss over the (W, b) grid as a contour map (with the gradient step) or a 3-D surface.

    ``loss`` has shape (len(b), len(w)); ``point`` is the chosen (W, b) and its loss, ``step`` one
    gradient-descent step from it (−learning rate × gradient), ``slides`` the Keras fit of the slides.
    """
    if view == "3d":
        return figure([
            dict(type="surface", x=w, y=b, z=loss, colorscale="Viridis", showscale=False, opacity=0.95,
                 hovertemplate="W %{x:.2f}, b %{y:.2f}<br>L %{z:.4f}<extra></extra>"),
            dict(type="scatter3d", x=[point[0]], y=[point[1]], z=[point[2]], mode="markers", name=labels["point"],
                 marker=dict(size=6, color="#FFFFFF", line=dict(color="#000000", width=3)), showlegend=False),
        ], _layout(title, height=460, uirevision=f"surf3d_{title}") | dict(
            scene={f"{axis}axis": dict(AXIS_3D, title=dict(text=labels[key]))
                   for axis, key in (("x", "w"), ("y", "b"), ("z", "loss"))},
            margin=dict(l=10, r=10, b=0, t=40)))
    traces = [
        dict(type="contour", x=w, y=b, z=loss, colorscale="Viridis", ncontours=24, showscale=True,
             colorbar=dict(title=dict(text=labels["loss"], side="right"), thickness=12),
             hovertemplate="W %{x:.2f}, b %{y:.2f}<br>L %{z:.4f}<extra></extra>"),
        dict(type="scatter", x=[slides[0]], y=[slides[1]], mode="markers", name=labels["slides"],
             marker=dict(symbol="star", size=15, color="#FFFFFF", line=dict(color="#000000", width=1.5))),
        dict(type="scatter", x=[point[0]], y=[point[1]], mode="markers", name=labels["point"], showlegend=False,
             hovertemplate=f"W %{{x:.2f}}, b %{{y:.2f}}<br>L {point[2]:.4f}<extra></extra>",
             marker=dict(size=12, color="#FFFFFF", line=dict(color="#000000", width=2)))]
    arrow = dict(x=point[0] + step[0], y=point[1] + step[1], ax=point[0], ay=point[1], xref="x", yref="y",
                 axref="x", ayref="y", showarrow=True, arrowhead=3, arrowwidth=2.5, arrowcolor="#FFFFFF", text="")
    return figure(traces, _layout(
        title, height=430, uirevision=f"surf_{title}", annotations=[arrow],
        xaxis=dict(title=dict(text=labels["w"]), range=[float(w[0]), float(w[-1])]),
        yaxis=dict(title=dict(text=labels["b"]), range=[float(b[0]), float(b[-1])])))


def clipping_figure(a, raw, clipped, *, eps: float, labels: dict[str, str]) -> go.Figure:
    """−log a with and without clipping on a log-scaled a axis; below ε the clipped loss is flat."""
    traces = [_curve(a, raw, labels["raw"], color=NEGATIVE, width=3, dash="dot"),
              _curve(a, clipped, labels["clipped"], color=CE_COLOUR, width=3)]
    eps_line = dict(type="line", x0=eps, x1=eps, xref="x", y0=0, y1=1, yref="y domain",
                    line=dict(color=NEUTRAL, dash="dash"))
    # On a log axis, annotation x is given as log10 of the value.
    notes = [dict(x=math.log10(eps), y=1, yref="y domain", text=f"ε = {eps:.0e}", showarrow=False,
                  xanchor="left", xshift=4, yanchor="top"),
             dict(x=math.log10(float(a[0])), y=float(raw[0]), text=labels["to_inf"], showarrow=False,
                  xanchor="left", yanchor="bottom", font=dict(color=NEGATIVE))]
    return figure(traces, _layout(
        labels["t_clip"], uirevision="clip", shapes=[eps_line], annotations=notes,
        xaxis=dict(title=dict(text=labels["a_log"]), type="log", exponentformat="power"),
        yaxis=dict(title=dict(text=labels["loss"]), rangemode="tozero")))
