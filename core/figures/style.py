"""The playground's shared chart look, so every page's figures match.

Builders make each figure in one call, ``figure([dict(type=...), ...], layout(...))`` with plain dicts:
every ``update_layout``/``add_trace``/``add_shape`` runs Plotly's validation again (``add_vrect`` alone
costs about 20 ms), and a class of students shares one server that rebuilds 2–4 figures per slider move.
"""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Colour-blind-safe palette (Okabe–Ito), in a fixed order so class k has the same colour everywhere.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7",
           "#56B4E9", "#F0E442", "#000000", "#999999", "#882255"]
POSITIVE, NEGATIVE, NEUTRAL = "#009E73", "#D55E00", "#999999"

# plotly_white's look for the traces we draw, in ~1 KB instead of its ~7 KB: every figure carries its
# template, which to_dict copies and Streamlit sends to the browser on every rerun. (In the app, Streamlit's
# chart theme overrides fonts, backgrounds and grid colours; ticks, bar edges, colorbars and the rest come
# from here.)
_AXIS = dict(gridcolor="#EBF0F8", linecolor="#EBF0F8", zerolinecolor="#EBF0F8", zerolinewidth=2, ticks="",
             title=dict(standoff=15), automargin=True)
_COLORBAR = dict(colorbar=dict(outlinewidth=0, ticks=""))
pio.templates["playground"] = go.layout.Template(
    layout=dict(paper_bgcolor="white", plot_bgcolor="white", font=dict(color="#2a3f5f"), colorway=PALETTE,
                hovermode="closest", hoverlabel=dict(align="left"), title=dict(x=0.05), xaxis=_AXIS, yaxis=_AXIS,
                autotypenumbers="strict",  # class names "0", "1", … stay categories, not numbers
                coloraxis=_COLORBAR, annotationdefaults=dict(arrowcolor="#2a3f5f", arrowhead=0, arrowwidth=1)),
    data=dict(bar=[dict(marker=dict(line=dict(color="white", width=0.5)))], heatmap=[_COLORBAR],
              contour=[_COLORBAR]))
# plotly_white's 3-D axes, kept out of the template as one chart alone draws a 3-D scene. (No linecolor:
# set on the figure rather than in a template, it would switch the axis lines on.)
AXIS_3D = dict(backgroundcolor="white", showbackground=True, gridcolor="#DFE8F3", gridwidth=2,
               zerolinecolor="#EBF0F8", ticks="")


def figure(data: list[dict], fig_layout: dict) -> go.Figure:
    """``go.Figure(data=data, layout=fig_layout)``, validated once, in the playground template.

    The template comes as plotly's default, which a figure gets at creation unvalidated (given per figure it
    is validated: ~1.5 ms). Importing Streamlit's Plotly support makes its own template the default, so ours
    is put back when an import after this module's replaced it.
    """
    if pio.templates.default != "playground":
        pio.templates.default = "playground"
    return go.Figure(data=data, layout=fig_layout)


def layout(*, title: str | None = None, height: int = 380, uirevision: str | None = None,
           **overrides) -> dict:
    """The common layout as a dict for :func:`figure`: compact margins, legend on top.

    ``uirevision`` keeps the user's zoom and legend clicks across redraws of the same chart.
    ``overrides`` are further layout properties; a dict one (``margin=dict(t=85)``) is merged into the
    common one, as ``update_layout`` would.
    """
    common = dict(height=height, margin=dict(l=10, r=10, t=50 if title else 20, b=10),
                  legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0), font=dict(size=14))
    if title is not None:
        common["title"] = dict(text=title)
    if uirevision is not None:
        common["uirevision"] = uirevision
    for key, value in overrides.items():
        merge = isinstance(value, dict) and isinstance(common.get(key), dict)
        common[key] = {**common[key], **value} if merge else value
    return common


def subplot_domains(n: int, spacing: float) -> list[list[float]]:
    """``n`` equal [start, end] paper domains side by side with ``spacing`` between them, as
    ``make_subplots`` lays out a row (or, listed bottom to top, a column)."""
    width = (1 - spacing * (n - 1)) / n
    return [[k * (width + spacing), k * (width + spacing) + width] for k in range(n)]


def subplot_title(text: str, x: float, y: float = 1.0, **font) -> dict:
    """A subplot's title as ``make_subplots`` writes it: centred above the panel at paper (x, y)."""
    return dict(text=text, x=x, y=y, xref="paper", yref="paper", xanchor="center", yanchor="bottom",
                showarrow=False, font=font)
