"""Widgets of the loss viewer that take more than one call (the class vector, the loss surfaces, the clipping
tables), kept here so the page stays short."""
from __future__ import annotations

import streamlit as st

from core.data.toy import TOY
from core.figures import losses as figs
from core.pages import loss_lab as lab
from core.pages.softmax_lab import logit_name
from core.text.i18n import t
from ui.charts import CHART_CONFIG, plot
from ui.lang import current_lang, tr
from ui.state import choice_parser, linked_number, number_parser, param, seed, write_url

# Logits whose softmax is Andrew Ng's example (0.3, 0.2, 0.1, 0.4): z = ln a, to three decimals.
Z_START = (-1.204, -1.609, -2.303, -0.916, 0.0, 0.0)
P_START = (0.3, 0.2, 0.1, 0.4, 0.0, 0.0)
MAX_CLASSES = 6
P = "lv."  # the loss viewer's session-state prefix (see ui/state.py)
VECTOR_KEYS = [f"{P}{mode}{c}" for mode in "zp" for c in range(MAX_CLASSES)]


def code_choice(label: str, key: str, options: list[str], default: str, prefix: str) -> str:
    """A segmented control over language-independent codes (shown as ``tr(prefix + code)``), kept under the
    session key ``key`` and in the URL by its short name."""
    seed(key, default, choice_parser(options))
    lang = current_lang()  # bound now: format_func may be called outside the script run (AppTest does)
    return st.segmented_control(label, options, format_func=lambda o: t(prefix + o, lang), key=key,
                                required=True, on_change=write_url_now, args=(key,))


def write_url_now(key: str) -> None:
    """Callback: put ``key``'s new value in the URL before the (slow, 3-D) redraw, not after it."""
    write_url({param(key): st.session_state[key]})


def class_setup() -> tuple[str, int, int]:
    """One row of controls: input mode ("z" logits or "p" probabilities), C, and the true class."""
    mode_col, nc_col, true_col = st.columns([3, 2, 3], vertical_alignment="bottom")
    with mode_col:
        mode = code_choice(tr("loss.multi.mode"), P + "mi", ["z", "p"], "z", "loss.multi.mode_")
    seed(P + "nc", 4, number_parser(2, MAX_CLASSES, integer=True))
    nc = nc_col.slider(tr("loss.multi.nc"), 2, MAX_CLASSES, key=P + "nc")
    # The true class must exist: shrinking C moves it to the last class.
    st.session_state[P + "yc"] = min(seed(P + "yc", 1, number_parser(0, MAX_CLASSES - 1, integer=True)), nc - 1)
    # Classes are counted from one, as on the softmax page and under the sum from c = 1; the URL keeps 0-based.
    yc = true_col.segmented_control(tr("loss.multi.true"), list(range(nc)), key=P + "yc", required=True,
                                    format_func=lambda c: str(c + 1))
    return mode, nc, yc


def vector_inputs(mode: str, nc: int) -> list[float]:
    """One slider + number per class: logits in [−10, 10] (typed up to ±1e4) or probabilities in [0, 1]."""
    if mode == "z":
        spec = dict(slider=(-10.0, 10.0), limits=(-1e4, 1e4), step=0.01, fmt="%.3f")
    else:
        spec = dict(slider=(0.0, 1.0), limits=(0.0, 1.0), step=0.01, fmt="%.2f")
    start = Z_START if mode == "z" else P_START
    symbol = "z" if mode == "z" else "a"
    return [linked_number(tr(f"loss.multi.{mode}", c=logit_name(c, symbol)), f"{P}{mode}{c}", default=start[c],
                          **spec)
            for c in range(nc)]


def surface_panel(labels: dict[str, str]) -> None:
    """The "why not squared error" surfaces: W, b and the view, then the two losses' surfaces over (W, b) on the
    toy data, each with the point's loss and gradient norm (``labels``: the charts' texts)."""
    st.subheader(tr("loss.surf.title"))
    st.markdown(tr("loss.surf.body"))
    c1, c2, c3 = st.columns([5, 5, 3], vertical_alignment="bottom")
    with c1:
        w = linked_number(tr("loss.surf.w"), P + "w", default=-3.0, slider=(-5.0, 5.0), limits=(-5.0, 5.0), step=0.05)
    with c2:
        b = linked_number(tr("loss.surf.b"), P + "b", default=0.0, slider=(-5.0, 5.0), limits=(-5.0, 5.0), step=0.05)
    with c3:
        view = code_choice(tr("loss.surf.view"), P + "sv", ["contour", "3d"], "contour", "loss.surf.view_")
    w_ax, b_ax = lab.surface_axes()
    at_wb = lab.surface_point(TOY.x, TOY.y, w, b)
    for col, kind in zip(st.columns(2), ("ce", "mse")):
        plot(col, figs.surface_figure(
            w_ax, b_ax, lab.loss_surface(TOY.x, TOY.y, w_ax, b_ax, kind), point=(w, b, at_wb[kind]["loss"]),
            step=(-at_wb[kind]["dw"], -at_wb[kind]["db"]), slides=(lab.SLIDES_W, lab.SLIDES_B), view=view,
            title=tr(f"loss.surf.{kind}"), labels=labels), key=f"surf_{kind}", config=CHART_CONFIG)
        m1, m2 = col.columns(2)
        m1.metric(tr("loss.surf.m_loss"), f"{at_wb[kind]['loss']:.4f}", border=True)
        m2.metric(tr("loss.surf.m_norm"), f"{at_wb[kind]['norm']:.4f}", border=True)


def clipping_tables(eps: float) -> None:
    """The clipping tab's tables: the four certain predictions at ``eps`` in the chosen float type, and what a
    certain mistake costs under each reference's ε."""
    st.subheader(tr("loss.clip.cases"))
    dtype = code_choice(tr("loss.clip.dtype"), P + "dt", ["float64", "float32"], "float64", "loss.clip.dt_")
    st.table({tr(f"loss.clip.col_{k}"): v for k, v in lab.clipping_columns(eps, dtype).items()}, hide_index=True)
    st.caption(tr("loss.clip.float32"))
    st.subheader(tr("loss.clip.refs"))
    refs = lab.reference_columns()
    refs["who"] = [tr(f"loss.clip.ref_{code}") for code in refs["who"]]
    st.table({tr(f"loss.clip.col_{k}"): v for k, v in refs.items()}, hide_index=True)
