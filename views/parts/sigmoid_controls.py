"""Widgets and charts of the sigmoid-shape explorer that take more than one call, kept here so the page stays
short: the pinned curves, the readout beside the curve, the data table, the fit's controls and report, and the
three charts."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from core.figures.sigmoid import loss_contour_figure, loss_history_figure, sigmoid_figure
from core.maths import logistic as lg
from core.pages import sigmoid_lab as lab
from ui.charts import CHART_CONFIG, plot
from ui.lang import tr
from ui.state import bool_parser, choice_parser, number_parser, reject, seed, seeded_from_url

RATES = ["0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3"]
EPOCHS = ["10", "30", "100", "300", "1000", "3000"]


def labels(group: str, keys: str) -> dict[str, str]:
    """A figure's texts: {key: tr("sigmoid.<group>.<key>")} for the space-separated keys."""
    return {k: tr(f"sigmoid.{group}.{k}") for k in keys.split()}


def parse_pins(text: str) -> list[tuple[float, float]]:
    """Pinned curves from the URL: "W,b_W,b" (at most 8, each within the inputs' limits)."""
    pairs = [tuple(number_parser(*lim)(v) for lim, v in zip((lab.W_LIMITS, lab.B_LIMITS), item.split(",", 1)))
             for item in text.split("_")] if text else []
    if len(pairs) > lab.MAX_PINS or any(len(pr) != 2 for pr in pairs):
        raise ValueError(text)
    return pairs


def pins_from_url() -> list[tuple[float, float]]:
    """The pinned curves: ``?spins=`` seeds them on the session's first visit (see :func:`parse_pins`)."""
    seeded_from_url(["sg_pins"])  # the page writes ?spins= with write_url
    if "sg_pins" not in st.session_state:
        try:
            st.session_state.sg_pins = parse_pins(st.query_params.get("spins", ""))
        except (ValueError, TypeError, OverflowError):
            reject("spins")
            st.session_state.sg_pins = []
    return st.session_state.sg_pins


def pin() -> None:
    """Callback: keep the current (W, b) as a ghost curve."""
    st.session_state.sg_pins = lab.add_pin(st.session_state.get("sg_pins", []), st.session_state.sw,
                                           st.session_state.sb)


def data_changed() -> None:
    """Callback: a newly chosen data set starts at its own (W, b), so that its curve is not flat over it
    (W = 1, b = 0 puts exam scores 45…70 all at σ ≈ 1). A link's W and b are seeded before any change."""
    if (chosen := lab.DATA.get(st.session_state.sdata)) is not None:
        st.session_state.sw, st.session_state.sb = lg.start_params(chosen.x)


def readout(w: float, b: float) -> None:
    """The midpoint, slope and σ at 0 as metrics, and the sentence explaining this W's sign."""
    r = lab.readout(w, b)
    m = r["midpoint"]
    with st.container(horizontal=True):  # each metric as wide as its label: "midpoint x = −b/W" whole
        st.metric(tr("sigmoid.m.midpoint"), tr("sigmoid.m.undefined") if m is None else f"{m:.3f}",
                  width="content")
        st.metric(tr("sigmoid.m.slope"), f"{r['slope']:.3f}", width="content")
        st.metric(tr("sigmoid.m.at0"), f"{r['at0']:.3f}", width="content")
    st.markdown(tr(f"sigmoid.explain.{r['sign']}", w=w, m=m, s=r["slope"], v=r["at0"]))


def data_panel(w: float, b: float, data) -> None:
    """Each point's prediction and loss as a table, beside the mean loss, accuracy and separability."""
    left, mid = st.columns([3, 2], gap="large")
    left.dataframe(pd.DataFrame(lab.data_table(w, b, data)), hide_index=True, column_config={
        k: st.column_config.NumberColumn(tr(f"sigmoid.col.{k}"), format=f, help=h) for k, f, h in (
            ("x", "%.2f", None), ("y", "%d", None), ("p", "%.4f", None),
            ("loss", "%.4f", tr("sigmoid.col.loss_help")))})
    s = lab.data_summary(w, b, data)
    mid.metric(tr("sigmoid.mean_loss"), f"{s['mean_loss']:.4f}", help=tr("sigmoid.mean_loss_help"))
    mid.metric(tr("sigmoid.accuracy"), f"{s['accuracy']:.0%}")
    mid.caption(tr("sigmoid.separable" if s["separable"] else "sigmoid.overlapping"))


def fit_controls(on_fit, *, disabled: bool) -> None:
    """Learning rate, epochs, standardise and Fit (``on_fit()``) in one row."""
    seed("slr", "0.1", choice_parser(RATES))
    seed("sep", "300", choice_parser(EPOCHS))
    seed("sstd", True, bool_parser)
    c1, c2, c3, c4 = st.columns([3, 3, 2, 2], vertical_alignment="bottom", gap="medium")
    c1.select_slider(tr("sigmoid.lr"), RATES, key="slr")
    c2.select_slider(tr("sigmoid.epochs"), EPOCHS, key="sep")
    c3.checkbox(tr("sigmoid.std"), key="sstd", help=tr("sigmoid.std_help"))
    c4.button(tr("sigmoid.fit"), key="sg_fit_btn", type="primary", on_click=on_fit, disabled=disabled,
              icon=":material/play_arrow:", width="stretch")


def slides_box(on_fit) -> None:
    """Which settings give the slides' numbers, and a button that runs exactly those (``on_fit(True)``)."""
    with st.container(border=True):
        st.markdown(tr("sigmoid.slides_note"))
        st.button(tr("sigmoid.slides_run"), key="sg_slides", on_click=on_fit, args=(True,), icon=":material/replay:")


def fit_report(fit: lab.SigmoidFit) -> None:
    """What the fit did, in a sentence; a warning when it ended beyond the inputs' limits."""
    model, s = fit.model, fit.summary()
    st.markdown(tr("sigmoid.fit_done", lr=f"{model.learning_rate:g}", ep=model.epochs, w0=s["w0"], b0=s["b0"],
                   w=s["w"], b=s["b"], std=tr("sigmoid.fit_std") if model.standardize else "", l0=s["l0"],
                   l1=s["l1"]))
    if fit.clipped:
        st.warning(tr("sigmoid.fit_clipped", w=s["w"], b=s["b"]))


def draw(slots, w: float, b: float, *, data, fit: lab.SigmoidFit | None, pins, family,
         epoch: int | None = None) -> None:
    """Draw the curve, the loss contour and the loss history for (w, b) into ``slots`` (three st.empty);
    ``epoch`` marks a frame of the fit's replay (unkeyed, with a counter)."""
    def key(name: str) -> str | None:  # a fixed key may appear once per run: frames go without
        return None if epoch is not None else f"sg_{name}"

    curve_slot, contour_slot, history_slot = slots
    model = fit and fit.model
    note = None if epoch is None else tr("sigmoid.epoch_note", e=epoch, n=model.epochs)
    plot(curve_slot, sigmoid_figure(
        w, b, x_range=lg.x_window(None if data is None else data.x), pins=pins, family=family, note=note,
        points=None if data is None else {"x": data.x, "y": data.y},
        labels={**labels("fig", "y current threshold midpoint outside_left outside_right flat tangent "
                                "pins class0 class1 predicted"),
                "x": tr(data.x_label if data else "sigmoid.fig.x")},
    ), key=key("curve"), config=CHART_CONFIG)
    if data is not None:
        plot(contour_slot, loss_contour_figure(
            data.x, data.y, current=(w, b), path=model and model.path_, upto=epoch,
            labels=labels("c", "w b loss current path start end")), key=key("contour"), config=CHART_CONFIG)
    if model:
        plot(history_slot, loss_history_figure(model.history_["loss"][:epoch], epochs=model.epochs,
                                               labels=labels("h", "epoch loss")), key=key("history"),
             config=CHART_CONFIG)
    elif data is not None:
        history_slot.info(tr("sigmoid.h.empty"))
