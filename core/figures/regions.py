"""The decision-regions plane: class regions shaded by confidence, boundaries, points, click targets."""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from core.figures.style import PALETTE, figure, layout

AMBIGUOUS = "#BBBBBB"  # one-vs-rest cells that no class, or several, claim
TARGETS = 1            # index of the click/hover target trace (the figure's second)


def _blend(colour: str, amount: float) -> str:
    """``colour`` mixed with white: amount 0 is white, 1 the colour itself."""
    rgb = [int(colour[k:k + 2], 16) for k in (1, 3, 5)]
    return "rgb({},{},{})".format(*(round(255 - amount * (255 - c)) for c in rgb))


def region_colorscale(n_classes: int, *, ambiguous: bool = False) -> list[list]:
    """A colour scale over 0 … bands where band k (class k, then the ambiguous band) runs from pale to
    strong: z = k + confidence·0.999 picks class k's colour at that confidence."""
    bands = n_classes + int(ambiguous)
    colours = [PALETTE[k] for k in range(n_classes)] + ([AMBIGUOUS] if ambiguous else [])
    scale = []
    for k, colour in enumerate(colours):
        scale += [[k / bands, _blend(colour, 0.12)], [(k + 0.999) / bands, _blend(colour, 0.6)]]
    scale[-1][0] = 1.0
    return scale


def region_values(classes: np.ndarray, confidence: np.ndarray, n_classes: int,
                  ambiguous: np.ndarray | None = None) -> np.ndarray:
    """The heatmap's z: class + shade, the shade rising from 0 at equal shares (max p = 1/C) to ~1 at p = 1;
    cells flagged ``ambiguous`` go to the grey band C."""
    shade = np.clip((confidence - 1 / n_classes) / (1 - 1 / n_classes), 0.0, 1.0) * 0.999
    z = classes + shade
    if ambiguous is not None:
        z = np.where(ambiguous, n_classes + 0.5, z)
    return z.astype(np.float32)


def plane_figure(axis: np.ndarray, z: np.ndarray, n_classes: int, *, points: Sequence[dict],
                 targets: np.ndarray, target_proba: np.ndarray, boundaries: np.ndarray | None,
                 unit_lines: np.ndarray | None, text: Mapping[str, str], ambiguous: bool = False,
                 contour: np.ndarray | None = None, height: int = 520) -> go.Figure:
    """The plane over ``axis`` × ``axis``.

    ``z`` comes from :func:`region_values`. ``points`` are point groups, dicts with ``x`` (m, 2), ``cls``
    (m,), ``name``, ``hollow`` (test points) and ``ring`` (misclassified, drawn as a ring around them).
    ``targets`` (k, 2) carry the hover text (the C probabilities ``target_proba``, (k, C)) and the clicks:
    trace :data:`TARGETS`, point i is ``targets[i]``. ``boundaries`` and ``unit_lines`` are polylines with
    NaN breaks; ``contour`` (a class map on the grid) instead draws the boundaries where the map changes,
    for bent boundaries that have no formula. ``text`` holds the translated ``x1``, ``x2``, ``class``, ``boundary``, ``units``, ``wrong`` and
    ``ambiguous``.
    """
    bands = n_classes + int(ambiguous)
    heat = dict(type="heatmap", x=axis, y=axis, z=z, zmin=0, zmax=bands, showscale=False, hoverinfo="skip",
                colorscale=region_colorscale(n_classes, ambiguous=ambiguous), zsmooth=False)
    # Classes are named from 1, as the softmax explorer names z₁, z₂, … (the data and the URL count from 0).
    rows = "<br>".join(f"{text['class']} {k + 1}: %{{customdata[{k}]:.3f}}" for k in range(n_classes))
    hover = dict(type="scatter", x=targets[:, 0], y=targets[:, 1], mode="markers", customdata=target_proba,
                 hovertemplate=f"({text['x1']} %{{x:.2f}}, {text['x2']} %{{y:.2f}})<br>{rows}<extra></extra>",
                 # Transparent squares that touch (no gaps to click into): hover and clicks find them all the same.
                 marker=dict(size=20, symbol="square", color="rgba(0,0,0,0)", line=dict(width=0)), showlegend=False)
    traces = [heat, hover]
    if unit_lines is not None and len(unit_lines):
        traces.append(dict(type="scatter", x=unit_lines[:, 0], y=unit_lines[:, 1], mode="lines",
                           name=text["units"], hoverinfo="skip", line=dict(color="#555", width=1.5, dash="dot")))
    if contour is not None:
        traces.append(dict(type="contour", x=axis, y=axis, z=contour, showscale=False, hoverinfo="skip",
                           contours=dict(coloring="none", start=0.5, end=n_classes - 1.5, size=1),
                           line=dict(color="#222", width=2.5), name=text["boundary"], showlegend=True))
    if boundaries is not None and len(boundaries):
        traces.append(dict(type="scatter", x=boundaries[:, 0], y=boundaries[:, 1], mode="lines",
                           name=text["boundary"], hoverinfo="skip", line=dict(color="#222", width=2.5)))
    keep = dict(selected=dict(marker=dict(opacity=1)), unselected=dict(marker=dict(opacity=1)))
    legend = []  # grey stand-ins: the real traces colour each point by its class
    for group in points:
        xy, cls = np.asarray(group["x"]), np.asarray(group["cls"])
        if not len(xy):
            continue
        symbol = group.get("symbol", "circle")
        size = 8 if symbol == "circle" else 11
        if group.get("hollow"):
            sample = dict(size=8, color="#666", symbol="circle-open", line=dict(width=2))
        else:
            sample = dict(size=size, color="#666", symbol=symbol)
        # One trace per class with one colour: the browser styles uniform points much faster than
        # points with a colour each, and a frame redraws every point.
        for k in np.unique(cls):
            mine = cls == k
            marker = (dict(size=8, symbol="circle-open", color=PALETTE[int(k)], line=dict(width=2))
                      if group.get("hollow") else
                      dict(size=size, color=PALETTE[int(k)], line=dict(color="white", width=1), symbol=symbol))
            traces.append(dict(type="scatter", x=xy[mine, 0], y=xy[mine, 1], mode="markers", showlegend=False,
                               hoverinfo="skip", marker=marker, **keep))
        legend.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=group["name"], marker=sample))
        ring = np.asarray(group.get("ring", np.zeros(len(xy), bool)))
        if ring.any():
            traces.append(dict(type="scatter", x=xy[ring, 0], y=xy[ring, 1], mode="markers", showlegend=False,
                               hoverinfo="skip", **keep,
                               marker=dict(size=14, symbol="circle-open", color="#C00", line=dict(width=1.5))))
            if not any(t.get("name") == text["wrong"] for t in legend):
                legend.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=text["wrong"],
                                   marker=dict(size=14, symbol="circle-open", color="#C00", line=dict(width=1.5))))
    if ambiguous:
        legend.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=text["ambiguous"],
                           marker=dict(size=11, color=AMBIGUOUS, symbol="square")))
    traces += legend
    traces += [dict(type="scatter", x=[None], y=[None], mode="markers", name=f"{text['class']} {k + 1}",
                    marker=dict(size=11, color=PALETTE[k], symbol="square")) for k in range(n_classes)]
    lim = [float(axis[0]), float(axis[-1])]
    return figure(traces, layout(
        height=height, uirevision="plane", margin=dict(l=60, r=10, t=10, b=60),
        xaxis=dict(range=lim, title=dict(text=text["x1"]), constrain="domain", showgrid=False, zeroline=False,
                   automargin=False),
        yaxis=dict(range=lim, title=dict(text=text["x2"]), scaleanchor="x", constrain="domain", showgrid=False,
                   zeroline=False, automargin=False),
        legend=dict(orientation="h", yanchor="top", y=-0.16, x=0, entrywidth=170, font=dict(size=12)),
        dragmode=False))

