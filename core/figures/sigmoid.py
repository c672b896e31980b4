"""Figures of the sigmoid-shape explorer: the curve σ(Wx + b) with its landmarks, the loss contour over
(W, b) with a gradient-descent path, and the loss per epoch. Texts arrive translated in ``labels``."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.maths import logistic
from core.figures.style import NEGATIVE, NEUTRAL, PALETTE, POSITIVE, figure, layout

CURRENT = PALETTE[0]
MARK = PALETTE[3]
PATH = PALETTE[1]  # orange: visible on Viridis' dark and light ends and in the legend
# The slides' matplotlib styles: 'r' dashed, 'g' solid, 'b' dashed.
SLIDE_STYLES = (("red", "dash"), ("green", "solid"), ("blue", "dash"))


def sigmoid_figure(w: float, b: float, *, x_range: tuple[float, float], labels: dict[str, str],
                   pins=(), family=(), points: dict | None = None, note: str | None = None,
                   height: int = 440) -> go.Figure:
    """σ(Wx + b) over ``x_range`` with the 0.5 threshold, the midpoint −b/W and the tangent there.

    ``pins`` are (W, b) pairs drawn as faint ghosts; ``family`` (W, b) pairs drawn in the slides'
    styles; ``points`` is ``{"x", "y"}`` (inputs and 0/1 labels), drawn as class-coloured dots joined
    to their predicted probability on the curve. ``labels`` keys: x, y, current, threshold, midpoint
    and outside_left/outside_right (templates with ``{m}``), flat (``{v}``: the W = 0 note), tangent,
    pins, class0, class1, predicted.
    """
    lo, hi = x_range
    xs = np.linspace(lo, hi, 401)
    traces, shapes, notes = [], [_line(lo, 0.5, hi, 0.5, NEUTRAL, "dash")], [
        dict(x=lo, y=0.5, xanchor="left", yanchor="bottom", text=labels["threshold"], showarrow=False,
             font=dict(color=NEUTRAL))]
    for i, (pw, pb) in enumerate(pins):
        traces.append(_scatter(xs, logistic.curve(pw, pb, xs), "lines", labels["pins"], opacity=0.6,
                               line=dict(color=NEUTRAL, width=2, dash="dot"), legendgroup="pins",
                               showlegend=i == 0, hovertemplate=f"W = {pw:.3g}, b = {pb:.3g}<br>"
                               "x = %{x:.2f}, σ = %{y:.3f}<extra></extra>"))
    if len(family) and lo <= 0 <= hi:
        shapes.append(_line(0, 0, 0, 1, NEUTRAL, "dot"))
    for (fw, fb), (colour, dash) in zip(family, SLIDE_STYLES):
        name = f"σ({fw:g}x)" if fb == 0 else f"σ(x + {fb:g})" if fw == 1 else f"σ({fw:g}x + {fb:g})"
        traces.append(_scatter(xs, logistic.curve(fw, fb, xs), "lines", name,
                               line=dict(color=colour, dash=dash, width=2)))
    traces.append(_scatter(xs, logistic.curve(w, b, xs), "lines", labels["current"],
                           line=dict(color=CURRENT, width=4),
                           hovertemplate="x = %{x:.2f}<br>σ(Wx + b) = %{y:.3f}<extra></extra>"))
    tangent, m = logistic.tangent_segment(w, b), logistic.midpoint(w, b)
    if tangent is not None:
        traces.append(_scatter(*tangent, "lines", labels["tangent"], hoverinfo="skip",
                               line=dict(color=MARK, width=2, dash="dashdot")))
    if m is not None and lo <= m <= hi:
        shapes.append(_line(m, 0, m, 1, MARK, "dot"))
        traces.append(_scatter([m], [0.5], "markers", "", showlegend=False,
                               marker=dict(color=MARK, size=11, symbol="diamond"),
                               hovertemplate="x = −b/W = %{x:.3f}<extra></extra>"))
        # The label goes towards the wider half of the chart, above or below the threshold where the curve
        # leaves that side empty (a rising curve: below right, above left), in two short lines near the
        # point so that it fits a phone's chart.
        right = m < (lo + hi) / 2
        below = right == (w > 0)
        notes.append(dict(x=m, y=0.5, ax=30 if right else -30, ay=45 if below else -45,
                          text=labels["midpoint"].format(m=m), showarrow=True, arrowcolor=MARK, arrowhead=0,
                          font=dict(color=MARK), xanchor="left" if right else "right",
                          align="left" if right else "right", bgcolor="rgba(255,255,255,0.85)"))
    elif m is None:
        level = float(logistic.curve(w, b, 0.0))
        # In the half of the chart away from the flat line and the threshold.
        notes.append(dict(x=(lo + hi) / 2, y=0.25 if level >= 0.5 else 0.75, showarrow=False,
                          text=labels["flat"].format(v=level), font=dict(color=MARK),
                          bgcolor="rgba(255,255,255,0.85)"))
    else:
        left = m < lo
        notes.append(dict(x=lo if left else hi, y=0.5, yshift=-14, xanchor="left" if left else "right",
                          text=labels["outside_left" if left else "outside_right"].format(m=m),
                          showarrow=False, font=dict(color=MARK), bgcolor="rgba(255,255,255,0.85)"))
    if points is not None:
        traces += _point_traces(points["x"], points["y"], logistic.curve(w, b, points["x"]), labels)
    if note:
        notes.append(dict(x=0.01, y=0.98, xref="paper", yref="paper", text=note, showarrow=False,
                          xanchor="left", yanchor="top", font=dict(size=16, color=MARK),
                          bgcolor="rgba(255,255,255,0.85)"))
    # One constructor call with plain dicts: adding traces one by one costs more than the maths here,
    # and the fit's replay builds this figure about twenty times in two seconds. The legend is the common
    # one, above the chart in rows: beside it, it took half a phone's width and lay over the curve.
    return figure(traces, layout(
        height=height, uirevision="sigmoid", shapes=shapes, annotations=notes,
        xaxis=dict(title=dict(text=labels["x"]), range=[lo, hi]),
        yaxis=dict(title=dict(text=labels["y"]), range=[-0.05, 1.05])))


def _scatter(x, y, mode: str, name: str, **kw) -> dict:
    return dict(type="scatter", x=x, y=y, mode=mode, name=name, **kw)


def _line(x0, y0, x1, y1, colour: str, dash: str) -> dict:
    return dict(type="line", x0=x0, y0=y0, x1=x1, y1=y1, line=dict(color=colour, dash=dash, width=1))


def _point_traces(x, y, p, labels: dict[str, str]) -> list[dict]:
    x, y, p = (np.asarray(v, dtype=float) for v in (x, y, p))
    # One broken line (NaN separates segments) from each label to its prediction: the loss's "gap".
    gx = np.column_stack([x, x, np.full_like(x, np.nan)]).ravel()
    gy = np.column_stack([y, p, np.full_like(x, np.nan)]).ravel()
    traces = [_scatter(gx, gy, "lines", "", line=dict(color=NEUTRAL, width=1, dash="dot"),
                       showlegend=False, hoverinfo="skip")]
    for cls, colour in ((0, NEGATIVE), (1, POSITIVE)):
        sel = y == cls
        traces.append(_scatter(x[sel], y[sel], "markers", labels[f"class{cls}"],
                               marker=dict(color=colour, size=12, line=dict(color="white", width=1)),
                               hovertemplate="x = %{x}<br>y = " + str(cls) + "<extra></extra>"))
    traces.append(_scatter(x, p, "markers", labels["predicted"],
                           marker=dict(color="white", size=10, line=dict(color=CURRENT, width=2)),
                           hovertemplate="x = %{x}<br>σ(Wx + b) = %{y:.3f}<extra></extra>"))
    return traces


def loss_contour_figure(x, y, *, current: tuple[float, float], labels: dict[str, str], path=None,
                        upto: int | None = None, n: int = 61, height: int = 420) -> go.Figure:
    """Contours of the mean loss on (x, y) over (W, b) on a log colour scale, with the current point
    and a gradient-descent ``path`` ((k, 2) array of (W, b)) drawn up to row ``upto`` (all by default;
    the window always holds the whole path, so an animation does not zoom).

    ``labels`` keys: w, b, loss, current, path, start, end.
    """
    pts = np.vstack([[current], np.empty((0, 2)) if path is None else np.asarray(path, dtype=float)])
    (w_lo, w_hi), (b_lo, b_hi) = logistic.contour_window(x, pts)
    w_values, b_values = np.linspace(w_lo, w_hi, n), np.linspace(b_lo, b_hi, n)
    loss = logistic.loss_grid(x, y, w_values, b_values)
    ticks = np.array([0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100])
    traces = [dict(
        type="contour", x=w_values, y=b_values, z=np.log10(np.maximum(loss, 1e-12)), colorscale="Viridis",
        contours=dict(coloring="heatmap", showlines=True), line=dict(width=0.5, color="white"),
        colorbar=dict(title=dict(text=labels["loss"]), tickvals=np.log10(ticks),
                      ticktext=[f"{t:g}" for t in ticks]),
        customdata=loss, hovertemplate="W = %{x:.3f}<br>b = %{y:.3f}<br>"
                                       + labels["loss"] + " = %{customdata:.4f}<extra></extra>")]
    traces.append(_scatter([current[0]], [current[1]], "markers", labels["current"],
                           marker=dict(color=MARK, size=12, symbol="x", line=dict(color="white", width=1))))
    if path is not None and len(path):  # drawn over the current point, which it ends on after a fit
        path = np.asarray(path, dtype=float)[: None if upto is None else upto + 1]
        ring = dict(color="black", width=1)
        traces += [
            _scatter(path[:, 0], path[:, 1], "lines", labels["path"], line=dict(color=PATH, width=3),
                     hoverinfo="skip"),
            _scatter(path[:1, 0], path[:1, 1], "markers", labels["start"],
                     marker=dict(color="white", size=10, line=ring)),
            _scatter(path[-1:, 0], path[-1:, 1], "markers", labels["end"],
                     marker=dict(color="white", size=14, symbol="star", line=ring))]
    return figure(traces, layout(
        height=height, uirevision="contour", showlegend=True,
        xaxis=dict(title=dict(text=labels["w"]), range=[w_lo, w_hi]),
        yaxis=dict(title=dict(text=labels["b"]), range=[b_lo, b_hi])))


def loss_history_figure(losses, *, labels: dict[str, str], epochs: int | None = None,
                        height: int = 420) -> go.Figure:
    """Mean loss per epoch on a log axis; ``epochs`` fixes the x range (so an animation does not zoom).

    ``labels`` keys: epoch, loss.
    """
    losses = np.asarray(losses, dtype=float)
    return figure(
        [_scatter(np.arange(1, losses.size + 1), losses, "lines", labels["loss"],
                  line=dict(color=CURRENT, width=3), hovertemplate="%{x}: %{y:.4f}<extra></extra>")],
        layout(height=height, uirevision="history",
               xaxis=dict(title=dict(text=labels["epoch"]), range=[0, epochs or max(losses.size, 1)]),
               yaxis=dict(title=dict(text=labels["loss"]), type="log", tickformat="~g")))
