"""Sigmoid-shape explorer: how W and b shape σ(Wx + b), with a gradient-descent fit replayed live."""
import time

import streamlit as st

from core.maths import logistic as lg
from core.pages import sigmoid_lab as lab
from ui.browser import bring_into_view
from ui.lang import tr
from ui.presenter import explain
from ui.state import choice_parser, linked_number, publish, reset, seed, write_url
from ui.questions import question_box
from core.questions import sigmoid as qsig
from views.parts import sigmoid_controls as parts

URL_KEYS = ["sw", "sb", "sdata", "sfam", "slr", "sep", "sstd"]
FRAMES, REPLAY_S = 12, 2.0  # the fit's replay: about 12 frames in about 2 s
FITS = "sg_fits"  # fits in this session: each brings the fit's row, report and charts into view once


def fit(slides: bool = False) -> None:
    """Callback: run the fit and keep it (a callback, so the inputs take the fitted W, b before they are drawn)."""
    ss, sl = st.session_state, lg.SLIDES_FIT
    if slides:
        ss.update(sdata="toy", slr=f"{sl['learning_rate']:g}", sep=str(sl["epochs"]),
                  sstd=sl["standardize"], sw=sl["w0"], sb=sl["b0"])
    result = lab.fit_curve(ss.sdata, float(ss.slr), int(ss.sep), w0=ss.sw, b0=ss.sb, standardize=ss.sstd)
    # The inputs accept their limits only: a fit ending beyond them sets them to the limit (the report says so).
    ss.sw, ss.sb = result.inputs
    ss.sg_fit, ss.sg_animate = result, True
    ss[FITS] = ss.get(FITS, 0) + 1


st.title(tr("sigmoid.title"))
explain(tr("sigmoid.intro"))
top_left, top_right = st.columns(2, gap="large")
seed("sdata", "toy", choice_parser(["none", *lab.DATA]))
data = lab.DATA.get(top_left.segmented_control(tr("sigmoid.data"), ["none", *lab.DATA], key="sdata", required=True,
                                               format_func=lambda k: tr(f"sigmoid.data.{k}"),
                                               help=tr("sigmoid.data_help"), on_change=parts.data_changed))
x = None if data is None else data.x
seed("sfam", "none", choice_parser(["none", *lg.SLIDE_FAMILIES]))
fam = top_right.segmented_control(tr("sigmoid.family"), ["none", *lg.SLIDE_FAMILIES], key="sfam",
                                  required=True, format_func=lambda k: tr(f"sigmoid.family.{k}"),
                                  help=tr("sigmoid.family_help"))
right, ctrl = st.columns([2, 1], gap="large")  # the curve first: on a phone the sliders sit right under it
w_start, b_start = lg.start_params(x)
with ctrl:
    w = linked_number(tr("sigmoid.w"), "sw", default=w_start, slider=lab.W_SLIDER, limits=lab.W_LIMITS,
                      step=0.05, help=tr("sigmoid.w_help"))
    b_lo, b_hi, b_step = lg.b_slider_range(x)
    b = linked_number(tr("sigmoid.b"), "sb", default=b_start, slider=(b_lo, b_hi), limits=lab.B_LIMITS,
                      step=b_step, help=tr("sigmoid.b_help"))
    pins = parts.pins_from_url()
    with st.container(horizontal=True):
        st.button(tr("sigmoid.pin"), key="sg_pin", on_click=parts.pin, icon=":material/push_pin:",
                  help=tr("sigmoid.pin_help"))
        st.button(tr("sigmoid.clear_pins"), key="sg_clear", on_click=st.session_state.__setitem__,
                  args=("sg_pins", []), disabled=not pins)
        st.button(tr("common.reset"), key="sg_reset", on_click=reset, args=(URL_KEYS + ["sg_fit"],))
    parts.readout(w, b)
question_box("sigmoid", qsig.context(w, b))
with right:
    curve_slot = st.empty()

st.subheader(tr("sigmoid.data_head"))
if data is None:
    st.info(tr("sigmoid.no_data"))
else:
    parts.data_panel(w, b, data)

st.subheader(tr("sigmoid.fit_head"))
st.markdown(tr("sigmoid.fit_intro"))
with st.container(key="sg_fit_view"):  # what a Fit brings into view while its replay plays
    parts.fit_controls(fit, disabled=data is None)
    last = st.session_state.get("sg_fit")
    result = last if data is not None and last and last.data == data.key else None
    if data is None:
        st.info(tr("sigmoid.needs_data"))
    elif result:
        parts.fit_report(result)
    g1, g2 = st.columns([3, 2], gap="large")
slots = (curve_slot, g1.empty(), g2.empty())
parts.slides_box(fit)
bring_into_view("sg_scroll", ".st-key-sg_fit_view", st.session_state.get(FITS, 0), whole=True)
write_url({"spins": "_".join(f"{pw:g},{pb:g}" for pw, pb in st.session_state.get("sg_pins", [])) or None})
publish(URL_KEYS)
scene = dict(data=data, fit=result, pins=pins, family=lg.SLIDE_FAMILIES.get(fam, ()))

if st.session_state.pop("sg_animate", False) and result:
    start = time.monotonic()
    for i, e in enumerate(result.frames(FRAMES)):
        parts.draw(slots, *result.model.path_[e], epoch=e, **scene)
        time.sleep(max(0.0, start + (i + 1) * REPLAY_S / FRAMES - time.monotonic()))  # pace, never lag
parts.draw(slots, w, b, **scene)
