"""The playground's shared chart look, so every page's figures match.

Builders make each figure in one call, ``figure([dict(type=...), ...], layout(...))`` with plain dicts:
every ``update_layout``/``add_trace``/``add_shape`` runs Plotly's validation again (``add_vrect`` alone
costs about 20 ms), and a class of students shares one server that rebuilds 2–4 figures per slider move.
"""
from __future__ import annotations

import re

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


# Text sizes where a figure names none, as Chromium shows it in the app: Streamlit's chart theme writes tick
# labels, colour bars and legends at 12 px and a chart's title at 16 px, Plotly a hover label at 13 px; every other
# text follows layout.font (14 px from :func:`layout`).
THEME_TEXT = {"tick": 12, "legend": 12, "title": 16, "hover": 13, "body": 14}
_AXIS = re.compile(r"[xyz]axis\d*")
_TRACE_FONTS = ("textfont", "insidetextfont", "outsidetextfont")
_SCALED = {"heatmap", "contour", "surface"}  # traces that draw a colour bar unless told not to


def enlarge_text(spec: dict, factor: float) -> dict:
    """A figure's dict (``fig.to_dict()``) with all its text ``factor`` times as large — tick labels, axis and
    chart titles, legends, annotations, colour bars, text on traces, hover labels — and its margins, fixed legend
    entry widths and a legend's distance below the axes as much larger, so what sits in them still fits and clear of
    the rest. The data arrays are ``spec``'s, shared."""
    lay = spec.get("layout", {})
    body = _size(lay.get("font"), THEME_TEXT["body"])
    out = dict(lay, font=_font(lay.get("font"), body, factor))
    for name, value in lay.items():
        if _AXIS.fullmatch(name):
            out[name] = _axis(value, body, factor)
        elif name.startswith("scene"):  # a 3-D scene's own x, y and z axes
            out[name] = {k: _axis(v, body, factor) if _AXIS.fullmatch(k) else v for k, v in value.items()}
        elif name.startswith("coloraxis"):
            out[name] = _with_colorbar(value, body, factor)
    if "title" in lay:
        out["title"] = dict(lay["title"], font=_font(lay["title"].get("font"), THEME_TEXT["title"], factor))
    legend = dict(lay.get("legend", {}), font=_font(lay.get("legend", {}).get("font"), THEME_TEXT["legend"], factor))
    if "entrywidth" in legend and legend.get("entrywidthmode", "pixels") == "pixels":
        legend["entrywidth"] = legend["entrywidth"] * factor
    if legend.get("y", 1) < 0:  # a legend below the axes keeps clear of their larger tick labels and title
        legend["y"] = legend["y"] * factor
    out["legend"] = legend
    out["annotations"] = [dict(a, font=_font(a.get("font"), body, factor)) for a in lay.get("annotations", [])]
    out["hoverlabel"] = dict(lay.get("hoverlabel", {}),
                             font=_font(lay.get("hoverlabel", {}).get("font"), THEME_TEXT["hover"], factor))
    if "minsize" in lay.get("uniformtext", {}):
        out["uniformtext"] = dict(lay["uniformtext"], minsize=lay["uniformtext"]["minsize"] * factor)
    if "margin" in lay:
        out["margin"] = {k: v * factor if k in "lrtb" or k == "pad" else v for k, v in lay["margin"].items()}
    data = []
    for trace in spec.get("data", []):
        trace = _with_colorbar(trace, body, factor)
        data.append(dict(trace, **{k: dict(trace[k], size=trace[k]["size"] * factor) for k in _TRACE_FONTS
                                   if isinstance(trace.get(k), dict) and "size" in trace[k]}))
    return dict(spec, layout=out, data=data)


def _size(font: dict | None, default: float) -> float:
    return (font or {}).get("size") or default


def _font(font: dict | None, default: float, factor: float) -> dict:
    """``font`` (or a new one) at ``factor`` times its size, or ``default``'s when it names none."""
    return dict(font or {}, size=round(_size(font, default) * factor, 1))


def _titled(part: dict, body: float, factor: float) -> dict:
    """``part`` with its title's text, if it has a title, scaled."""
    if not isinstance(part.get("title"), dict):
        return part
    return dict(part, title=dict(part["title"], font=_font(part["title"].get("font"), body, factor)))


def _axis(axis: dict, body: float, factor: float) -> dict:
    return _titled(dict(axis, tickfont=_font(axis.get("tickfont"), THEME_TEXT["tick"], factor)), body, factor)


def _with_colorbar(part: dict, body: float, factor: float) -> dict:
    """A trace or colour axis whose colour bar, if it has one, has scaled text."""
    if "colorbar" not in part and part.get("type") not in _SCALED:
        return part
    return dict(part, colorbar=_axis(part.get("colorbar", {}), body, factor))
