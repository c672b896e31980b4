"""Sigmoid-shape explorer: how W and b shape σ(Wx + b), with a gradient-descent fit replayed live."""
import time

import pandas as pd
import streamlit as st

from core.maths import logistic as lg
from core.figures.sigmoid import loss_contour_figure, loss_history_figure, sigmoid_figure
from core.data.toy import DATASETS, EXAM_MIXED
from ui.lang import tr
from ui.state import (bool_parser, choice_parser, linked_number, number_parser, publish, reject, reset, seed,
                      write_url)
from ui.charts import CHART_CONFIG

DATA = {**DATASETS, EXAM_MIXED.key: EXAM_MIXED}
RATES = ["0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3"]
EPOCHS = ["10", "30", "100", "300", "1000", "3000"]
LIMITS = {"sw": (-100.0, 100.0), "sb": (-1000.0, 1000.0)}
URL_KEYS = ["sw", "sb", "sdata", "sfam", "slr", "sep", "sstd"]
FRAMES, REPLAY_S = 12, 2.0  # the fit's replay: about 12 frames in about 2 s


def labels(group: str, keys: str) -> dict[str, str]:
    """A figure's texts: {key: tr("sigmoid.<group>.<key>")} for the space-separated keys."""
    return {k: tr(f"sigmoid.{group}.{k}") for k in keys.split()}


def parse_pins(text: str) -> list[tuple[float, float]]:
    """Pinned curves from the URL: "W,b_W,b" (at most 8, each within the inputs' limits)."""
    pairs = [tuple(number_parser(*LIMITS[k])(v) for k, v in zip(("sw", "sb"), item.split(",", 1)))
             for item in text.split("_")] if text else []
    if len(pairs) > 8 or any(len(pr) != 2 for pr in pairs):
        raise ValueError(text)
    return pairs


def pin() -> None:
    """Keep the current (W, b) as a ghost curve: no duplicates, the newest 8."""
    pins = st.session_state.setdefault("sg_pins", [])
    if (current := (st.session_state.sw, st.session_state.sb)) not in pins:
        pins[:] = (pins + [current])[-8:]


def fit(slides: bool = False) -> None:
    """Run the fit (a callback, so the sliders can take the fitted W, b before they are drawn)."""
    ss, sl = st.session_state, lg.SLIDES_FIT
    if slides:
        ss.update(sdata="toy", slr=f"{sl['learning_rate']:g}", sep=str(sl["epochs"]),
                  sstd=sl["standardize"], sw=sl["w0"], sb=sl["b0"])
    data = DATA[ss.sdata]
    model = lg.LogisticRegression1D(float(ss.slr), int(ss.sep), w0=ss.sw, b0=ss.sb,
                                    standardize=ss.sstd).fit(data.x, data.y)
    # The inputs accept LIMITS only; an overshooting descent can end beyond them (the text says so).
    fitted = (model.coef_, model.intercept_)
    ss.sw, ss.sb = (min(max(v, lo), hi) for v, (lo, hi) in zip(fitted, LIMITS.values()))
    ss.sg_fit, ss.sg_animate = {"data": data.key, "model": model}, True


def data_changed() -> None:
    """Callback: a newly chosen data set starts at its own (W, b), so that its curve is not flat over it
    (W = 1, b = 0 puts exam scores 45…70 all at σ ≈ 1). A link's W and b are seeded before any change."""
    if (chosen := DATA.get(st.session_state.sdata)) is not None:
        st.session_state.sw, st.session_state.sb = lg.start_params(chosen.x)


def pins_from_url() -> list[tuple[float, float]]:
    """The pinned curves: ``?spins=`` seeds them on the session's first visit (see :func:`parse_pins`)."""
    if "sg_pins" not in st.session_state:
        try:
            st.session_state.sg_pins = parse_pins(st.query_params.get("spins", ""))
        except (ValueError, TypeError, OverflowError):
            reject("spins")
            st.session_state.sg_pins = []
    return st.session_state.sg_pins


st.title(tr("sigmoid.title"))
st.markdown(tr("sigmoid.intro"))
top_left, top_right = st.columns(2, gap="large")
seed("sdata", "toy", choice_parser(["none", *DATA]))
data = DATA.get(top_left.segmented_control(tr("sigmoid.data"), ["none", *DATA], key="sdata", required=True,
                                           format_func=lambda k: tr(f"sigmoid.data.{k}"),
                                           help=tr("sigmoid.data_help"), on_change=data_changed))
x = None if data is None else data.x
seed("sfam", "none", choice_parser(["none", *lg.SLIDE_FAMILIES]))
fam = top_right.segmented_control(tr("sigmoid.family"), ["none", *lg.SLIDE_FAMILIES], key="sfam",
                                  required=True, format_func=lambda k: tr(f"sigmoid.family.{k}"),
                                  help=tr("sigmoid.family_help"))
right, ctrl = st.columns([2, 1], gap="large")  # the curve first: on a phone the sliders sit right under it
w_start, b_start = lg.start_params(x)
with ctrl:
    w = linked_number(tr("sigmoid.w"), "sw", default=w_start, slider=(-5.0, 5.0), limits=LIMITS["sw"],
                      step=0.05, help=tr("sigmoid.w_help"))
    b_lo, b_hi, b_step = lg.b_slider_range(x)
    b = linked_number(tr("sigmoid.b"), "sb", default=b_start, slider=(b_lo, b_hi), limits=LIMITS["sb"],
                      step=b_step, help=tr("sigmoid.b_help"))
    pins = pins_from_url()
    with st.container(horizontal=True):
        st.button(tr("sigmoid.pin"), key="sg_pin", on_click=pin, icon=":material/push_pin:",
                  help=tr("sigmoid.pin_help"))
        st.button(tr("sigmoid.clear_pins"), key="sg_clear", on_click=st.session_state.__setitem__,
                  args=("sg_pins", []), disabled=not pins)
        st.button(tr("common.reset"), key="sg_reset", on_click=reset, args=(URL_KEYS + ["sg_fit"],))
    m, at0 = lg.midpoint(w, b), float(lg.curve(w, b, 0.0))
    sign = "zero" if w == 0 else "pos" if w > 0 else "neg"
    with st.container(horizontal=True):  # each metric as wide as its label: "midpoint x = −b/W" whole
        st.metric(tr("sigmoid.m.midpoint"), tr("sigmoid.m.undefined") if m is None else f"{m:.3f}",
                  width="content")
        st.metric(tr("sigmoid.m.slope"), f"{w / 4:.3f}", width="content")
        st.metric(tr("sigmoid.m.at0"), f"{at0:.3f}", width="content")
    st.markdown(tr(f"sigmoid.explain.{sign}", w=w, m=m, s=w / 4, v=at0))
with right:
    curve_slot = st.empty()

st.subheader(tr("sigmoid.data_head"))
if data is None:
    st.info(tr("sigmoid.no_data"))
else:
    left, mid = st.columns([3, 2], gap="large")
    table = pd.DataFrame({"x": data.x, "y": data.y, "p": lg.curve(w, b, data.x),
                          "loss": lg.point_losses(w, b, data.x, data.y)})
    left.dataframe(table, hide_index=True, column_config={
        k: st.column_config.NumberColumn(tr(f"sigmoid.col.{k}"), format=f, help=h) for k, f, h in (
            ("x", "%.2f", None), ("y", "%d", None), ("p", "%.4f", None),
            ("loss", "%.4f", tr("sigmoid.col.loss_help")))})
    mid.metric(tr("sigmoid.mean_loss"), f"{lg.mean_log_loss(w, b, data.x, data.y):.4f}",
               help=tr("sigmoid.mean_loss_help"))
    mid.metric(tr("sigmoid.accuracy"), f"{lg.accuracy(w, b, data.x, data.y):.0%}")
    mid.caption(tr("sigmoid.separable" if lg.is_separable(data.x, data.y) else "sigmoid.overlapping"))

st.subheader(tr("sigmoid.fit_head"))
st.markdown(tr("sigmoid.fit_intro"))
seed("slr", "0.1", choice_parser(RATES))
seed("sep", "300", choice_parser(EPOCHS))
seed("sstd", True, bool_parser)
c1, c2, c3, c4 = st.columns([3, 3, 2, 2], vertical_alignment="bottom", gap="medium")
c1.select_slider(tr("sigmoid.lr"), RATES, key="slr")
c2.select_slider(tr("sigmoid.epochs"), EPOCHS, key="sep")
c3.checkbox(tr("sigmoid.std"), key="sstd", help=tr("sigmoid.std_help"))
c4.button(tr("sigmoid.fit"), key="sg_fit_btn", type="primary", on_click=fit, disabled=data is None,
          icon=":material/play_arrow:", width="stretch")
with st.container(border=True):
    st.markdown(tr("sigmoid.slides_note"))
    st.button(tr("sigmoid.slides_run"), key="sg_slides", on_click=fit, args=(True,), icon=":material/replay:")
last = st.session_state.get("sg_fit")
model = last["model"] if data is not None and last and last["data"] == data.key else None
if data is None:
    st.info(tr("sigmoid.needs_data"))
elif model:
    (w0, b0), w1, b1 = model.path_[0], model.coef_, model.intercept_
    st.markdown(tr("sigmoid.fit_done", lr=f"{model.learning_rate:g}", ep=model.epochs, w0=w0, b0=b0, w=w1,
                   b=b1, std=tr("sigmoid.fit_std") if model.standardize else "",
                   l0=model.history_["loss"][0], l1=lg.mean_log_loss(w1, b1, data.x, data.y)))
    if not all(lo <= v <= hi for v, (lo, hi) in zip((w1, b1), LIMITS.values())):
        st.warning(tr("sigmoid.fit_clipped", w=w1, b=b1))
g1, g2 = st.columns([3, 2], gap="large")
contour_slot, history_slot = g1.empty(), g2.empty()
write_url({"spins": "_".join(f"{pw:g},{pb:g}" for pw, pb in st.session_state.get("sg_pins", [])) or None})
publish(URL_KEYS)


def draw(w: float, b: float, epoch: int | None = None) -> None:
    """Draw the three charts for (w, b); ``epoch`` marks an animation frame (unkeyed, with a counter)."""
    def key(name: str) -> str | None:  # a fixed key may appear once per run: frames go without
        return None if epoch is not None else f"sg_{name}"

    note = None if epoch is None else tr("sigmoid.epoch_note", e=epoch, n=model.epochs)
    curve_slot.plotly_chart(sigmoid_figure(
        w, b, x_range=lg.x_window(x), pins=pins, family=lg.SLIDE_FAMILIES.get(fam, ()), note=note,
        points=None if data is None else {"x": data.x, "y": data.y},
        labels={**labels("fig", "y current threshold midpoint outside_left outside_right flat tangent "
                                "pins class0 class1 predicted"),
                "x": tr(data.x_label if data else "sigmoid.fig.x")},
    ), key=key("curve"), config=CHART_CONFIG)
    if data is not None:
        contour_slot.plotly_chart(loss_contour_figure(
            data.x, data.y, current=(w, b), path=model and model.path_, upto=epoch,
            labels=labels("c", "w b loss current path start end")), key=key("contour"), config=CHART_CONFIG)
    if model:
        history_slot.plotly_chart(loss_history_figure(model.history_["loss"][:epoch], epochs=model.epochs,
                                                      labels=labels("h", "epoch loss")), key=key("history"), config=CHART_CONFIG)
    elif data is not None:
        history_slot.info(tr("sigmoid.h.empty"))


if st.session_state.pop("sg_animate", False) and model:
    start = time.monotonic()
    for i, e in enumerate(lg.frame_epochs(model.epochs, FRAMES)):
        draw(*model.path_[e], epoch=e)
        time.sleep(max(0.0, start + (i + 1) * REPLAY_S / FRAMES - time.monotonic()))  # pace, never lag
draw(w, b)
