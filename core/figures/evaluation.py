"""Figures of a finished run: confusion matrix, per-class scores, images and learned weights."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from core.maths.evaluation import row_fractions
from core.figures.style import PALETTE, figure, layout, subplot_domains, subplot_title


def confusion_cells(counts: np.ndarray, *, normalized: bool) -> dict[str, list[list[str]]]:
    """The cells of a confusion matrix of ``counts`` as a table draws them: ``text`` (the counts, or each row's
    fractions if ``normalized``), ``background`` and ``color`` (the text's colour), each a list of rows
    (rows = true class, columns = predicted).

    The diagonal (right answers) is blue by the row's fraction correct, from a clearly coloured light blue
    at 0 to the darkest at 1: a weak class (Shirt, 808 of 1,200) reads lighter than the others but never as
    empty. The errors are orange on a scale of their own, 0 (white: nothing there) to the largest error, so
    the teachable 100s show beside a diagonal of 1,000s. The text is white or dark, whichever contrasts more.
    """
    fractions = row_fractions(counts)
    shown = fractions if normalized else np.asarray(counts, dtype=float)
    n = len(shown)
    diagonal = np.eye(n, dtype=bool)
    off = shown[~diagonal]
    top = float(off.max()) if off.size and off.max() > 0 else 1.0
    level = np.where(diagonal, _DIAGONAL_FLOOR + (1 - _DIAGONAL_FLOOR) * fractions, shown / top)
    background, color = [], []
    for i in range(n):
        row = [sample_colorscale("Blues" if i == j else "Oranges", [float(np.clip(level[i, j], 0, 1))])[0]
               for j in range(n)]
        background.append([_hex(c) for c in row])
        color.append([_legible(c) for c in row])
    text = [[f"{v:.2f}" if normalized else f"{int(v)}" for v in r] for r in shown]
    return {"text": text, "background": background, "color": color}


_DIAGONAL_FLOOR = 0.3  # Blues at 0.3 is a light but clear blue: a diagonal cell never looks empty


def _rgb(colour: str) -> tuple[int, int, int]:
    r, g, b = (int(float(v)) for v in colour[colour.index("(") + 1:-1].split(","))
    return r, g, b


def _hex(colour: str) -> str:
    return "#{:02x}{:02x}{:02x}".format(*_rgb(colour))


_DARK = "#1f2a3c"


def _legible(background: str) -> str:
    """White or dark text, whichever contrasts more with ``background`` (WCAG 2 contrast ratio)."""
    lum, dark = _luminance(background), _luminance("rgb(31, 42, 60)")
    return "#ffffff" if 1.05 / (lum + 0.05) >= (lum + 0.05) / (dark + 0.05) else _DARK


def _luminance(colour: str) -> float:
    """Relative luminance (WCAG 2) of an ``rgb(r, g, b)`` colour, 0 black to 1 white."""
    c = np.array(_rgb(colour)) / 255
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(lin @ [0.2126, 0.7152, 0.0722])


def scores_figure(precision, recall, f1, class_names: Sequence[str], names: Sequence[str]) -> go.Figure:
    """Grouped bars of per-class precision, recall and F1 (``names`` are their translated labels)."""
    bars = [dict(type="bar", name=name, x=list(class_names), y=list(values), marker=dict(color=PALETTE[k]))
            for k, (name, values) in enumerate(zip(names, (precision, recall, f1)))]
    return figure(bars, layout(height=340, yaxis=dict(range=[0, 1])))


def proba_bars(p: np.ndarray, class_names: Sequence[str], *, true_class: int | None,
               logits: np.ndarray | None = None, titles: tuple[str, str] = ("", "")) -> go.Figure:
    """Horizontal softmax bars of one image, the true class in green and a wrong top class in red; with
    ``logits``, the logits' bars beside them (``titles``: the logits' panel, the softmax panel), so the
    picture's scores and the probabilities softmax makes of them read side by side."""
    pred = int(np.argmax(p))
    colours = ["#009E73" if c == true_class else "#D55E00" if c == pred else "#999999"
               for c in range(len(p))]
    bars = dict(type="bar", x=list(p), y=list(class_names), orientation="h", marker=dict(color=colours),
                text=[f"{v:.2f}" for v in p], textposition="auto", textangle=0, hovertemplate="%{y}: %{x:.4f}<extra></extra>")
    if logits is None:
        return figure([bars], layout(height=300, xaxis=dict(range=[0, 1]), yaxis=dict(autorange="reversed")))
    left, right = subplot_domains(2, 0.06)
    z = dict(type="bar", x=list(map(float, logits)), y=list(class_names), orientation="h",
             marker=dict(color=colours), text=[f"{v:.1f}" for v in logits], textposition="inside", textangle=0,
             hovertemplate="%{y}: z = %{x:.3f}<extra></extra>")
    return figure([z, dict(bars, xaxis="x2", yaxis="y2")], layout(
        height=320, margin=dict(t=40), showlegend=False, uniformtext=dict(minsize=10, mode="hide"),
        annotations=[subplot_title(titles[0], sum(left) / 2), subplot_title(titles[1], sum(right) / 2)],
        xaxis=dict(domain=left, zeroline=True, zerolinecolor="#888888"),
        yaxis=dict(autorange="reversed"),
        xaxis2=dict(domain=right, range=[0, 1], anchor="y2"),
        yaxis2=dict(autorange="reversed", anchor="x2", matches="y", showticklabels=False)))


def weights_figure(w: np.ndarray, image_shape: tuple[int, int], titles: Sequence[str],
                   *, columns: int = 5) -> go.Figure:
    """Each column of the first-layer weight matrix ``w`` (features × units) drawn as an image.

    Red is a positive weight (this pixel votes for the class/unit), blue negative, centred on 0 with a
    symmetric range per figure so the colours compare across panels.
    """
    k = w.shape[1]
    imgs = w.T.reshape(k, *image_shape)
    lim = float(np.abs(imgs).max()) or 1.0
    rows = -(-k // columns)
    # The grid px.imshow(facet_col_wrap=columns) draws: axis 1 is the bottom-left panel, panel i (reading
    # order from the top left) sits on axis (rows − 1 − i // columns) · columns + i % columns + 1, every
    # axis follows axis 1's scale (square pixels, image rows downwards) and unused cells stay empty.
    xs, ys = subplot_domains(columns, 0.01), subplot_domains(rows, 0.06)
    axis = [(rows - 1 - i // columns) * columns + i % columns + 1 for i in range(k)]
    panels = [dict(type="heatmap", z=imgs[i], coloraxis="coloraxis", name=str(i), xaxis=f"x{axis[i]}",
                   yaxis=f"y{axis[i]}", hovertemplate="x: %{x}<br>y: %{y}<br>color: %{z}<extra></extra>")
              for i in range(k)]
    own = dict(scaleanchor="y", constrain="domain"), dict(autorange="reversed", constrain="domain")
    follow = dict(matches="x"), dict(matches="y")
    axes, notes = {}, []
    for a in range(1, rows * columns + 1):
        n, (row, col) = "" if a == 1 else str(a), divmod(a - 1, columns)
        x_scale, y_scale = own if a == 1 else follow
        axes[f"xaxis{n}"] = dict(anchor=f"y{n}", domain=xs[col], showticklabels=False, **x_scale)
        axes[f"yaxis{n}"] = dict(anchor=f"x{n}", domain=ys[row], showticklabels=False, **y_scale)
        if a in axis:
            notes.append(subplot_title(titles[axis.index(a)], sum(xs[col]) / 2, ys[row][1]))
    return figure(panels, layout(
        height=60 + 150 * rows, annotations=notes,
        coloraxis=dict(colorscale="RdBu_r", cmin=-lim, cmax=lim, autocolorscale=False), **axes))
