"""Loss viewer: logistic loss and cross-entropy, why not squared error, and the clipping ε."""
import streamlit as st

from core.pages import loss_lab as lab
from core.maths.activations import softmax
from core.figures import losses as figs
from core.text.strings import loss as loss_strings
from ui.lang import tr
from views.parts.loss_controls import (P, VECTOR_KEYS, class_setup, clipping_tables, code_choice, surface_panel,
                                      vector_inputs)
from ui.state import choice_parser, keep, linked_number, number_parser, param, publish, reset, seed
from ui.questions import question_box
from core.questions import loss as qloss
from ui.charts import CHART_CONFIG, plot
from ui.latex import equations
from ui.presenter import explain

TABS = ["bin", "multi", "mse", "clip"]
A_DEFAULT, A_LIMITS = 0.7, (0.0, 1.0)  # the binary tab's a, also read by the multiclass tab
Y_CODES = ["1", "0"]                   # a label y's choices, the first the default
# This page's session keys: "lv." + the short name its URL uses (the softmax explorer has its own z0, t).
KEYS = [P + k for k in ("a", "yb", "mi", "nc", "yc")] + VECTOR_KEYS + [P + k for k in ("ym", "zm", "w", "b", "sv",
                                                                                      "eps", "dt")]
FIG = {k.removeprefix("loss.fig."): tr(k) for k in loss_strings.EN if k.startswith("loss.fig.")}  # chart labels

st.title(tr("loss.title"))
explain(tr("loss.intro"))
eps = 10 ** seed(P + "eps", -10.0, number_parser(-16, -1))  # set in the clipping tab, used by every tab
# Only the open tab runs (a quarter of the work per slider move on a shared classroom server); the closed
# tabs' widgets are not drawn, so their values are kept by hand.
keep(KEYS)
names = [tr(f"loss.tab.{t}") for t in TABS]
st.session_state[P + "t__tab"] = names[TABS.index(seed(P + "t", "bin", choice_parser(TABS)))]
tab_bin, tab_multi, tab_mse, tab_clip = st.tabs(names, key=P + "t__tab", on_change=lambda: st.session_state.update(
    {P + "t": TABS[names.index(st.session_state[P + "t__tab"])]}))

with tab_bin:
    if tab_bin.open:
        equations(tr("loss.bin.latex"))
        left, right = st.columns([1, 2], vertical_alignment="bottom")
        with left:
            yb = int(code_choice(tr("loss.bin.y"), P + "yb", Y_CODES, Y_CODES[0], "loss.bin.y"))
        with right:
            a = linked_number(tr("loss.bin.a"), P + "a", default=A_DEFAULT, slider=A_LIMITS, limits=A_LIMITS,
                              step=0.01, fmt="%.3f")
        pt, curves = lab.binary_point(yb, a, eps), lab.binary_curves(eps)
        zs = lab.logit_grid(pt["z"])
        zc = lab.z_curves(yb, zs)
        left, right = st.columns(2)
        plot(left, figs.binary_a_figure(curves["a"], curves["y1"], curves["y0"], a0=pt["a_used"], y=yb,
                                        loss0=pt["loss"], labels=FIG), key="bin_a", config=CHART_CONFIG)
        plot(right, figs.binary_z_figure(zs, zc["ce"], zc["ce_grad"], y=yb, z0=pt["z"], loss0=pt["loss"],
                                         grad0=pt["grad"], labels=FIG), key="bin_z", config=CHART_CONFIG)
        for col, key in zip(st.columns(3), ("loss", "z", "grad")):
            col.metric(tr(f"loss.m.{key}"), f"{pt[key]:.4f}", border=True)
        st.markdown(tr("loss.bin.explain"))
        st.caption(tr("loss.bin.clip_note", eps=f"{eps:.0e}"))

with tab_multi:
    if tab_multi.open:
        equations(tr("loss.multi.latex"))
        mode, nc, yc = class_setup()
        left, right = st.columns([2, 3], gap="medium")
        with left:
            vec = vector_inputs(mode, nc)
            if mode == "p" and (note := lab.normalisation(vec)):
                st.caption(tr(f"loss.multi.{note}", total=f"{sum(vec):.2f}"))
        probs = softmax(vec) if mode == "z" else lab.probability_vector(vec)
        br = lab.multiclass_breakdown(probs, yc, eps)
        plot(right, figs.multiclass_figure(br["a"], br["term"], br["grad"], true_class=yc, labels=FIG),
             key="multi", config=CHART_CONFIG)
        st.latex(lab.ce_sum_latex(probs, yc, eps))
        st.markdown(tr("loss.multi.explain"))
        st.subheader(tr("loss.c2.title"))
        a = seed(P + "a", A_DEFAULT, number_parser(*A_LIMITS))  # the binary tab's a and y
        yb = int(seed(P + "yb", Y_CODES[0], choice_parser(Y_CODES)))
        st.markdown(tr("loss.c2.body", a=f"{a:.3f}", y=yb))
        check = lab.two_class_check(yb, a, eps)
        for col, key in zip(st.columns(2), ("logistic", "categorical")):
            col.metric(tr(f"loss.c2.{key}"), f"{check[key]:.6f}", border=True)

with tab_mse:
    if tab_mse.open:
        st.markdown(tr("loss.mse.explain"))
        left, right = st.columns([1, 2], vertical_alignment="bottom")
        with left:
            ym = int(code_choice(tr("loss.bin.y"), P + "ym", Y_CODES, Y_CODES[0], "loss.bin.y"))
        with right:
            zm = linked_number(tr("loss.mse.z"), P + "zm", default=-4.0, slider=(-10.0, 10.0), limits=(-50.0, 50.0),
                               step=0.1)
        zs = lab.logit_grid(zm, half_width=10)
        at_z = lab.z_curves(ym, zm)
        plot(st, figs.mse_vs_ce_figure(zs, lab.z_curves(ym, zs), y=ym, z0=zm, at0=at_z, labels=FIG), key="mse",
             config=CHART_CONFIG)
        c1, c2, c3 = st.columns(3)
        c1.metric(tr("loss.mse.ce_grad"), f"{at_z['ce_grad']:.4g}", border=True)
        c2.metric(tr("loss.mse.mse_grad"), f"{at_z['mse_grad']:.4g}", border=True)
        c3.metric(tr("loss.mse.ratio"), f"×{lab.push_ratio(zm):.4g}", border=True)
        surface_panel(FIG)

with tab_clip:
    if tab_clip.open:
        st.markdown(tr("loss.clip.explain"))
        linked_number(tr("loss.clip.eps"), P + "eps", default=-10.0, slider=(-16.0, -1.0), limits=(-16.0, -1.0),
                      step=1.0, fmt="%.0f")
        raw_col, clip_col = st.columns(2)
        raw_col.metric(tr("loss.clip.m_raw"), lab.format_loss(lab.binary_point(1, 0.0, 0.0)["loss"]), border=True)
        clip_col.metric(tr("loss.clip.m_clip"), lab.format_loss(lab.binary_point(1, 0.0, eps)["loss"]), border=True)
        cc = lab.clip_curves(eps)
        plot(st, figs.clipping_figure(cc["a"], cc["raw"], cc["clipped"], eps=eps, labels=FIG), key="clip",
             config=CHART_CONFIG)
        clipping_tables(eps)

st.button(tr("common.reset"), on_click=reset, args=(KEYS,), icon=":material/restart_alt:")
st.caption(tr("common.share_hint"))
question_box("loss", qloss.context({param(k): st.session_state[k] for k in [P + "t", *KEYS]
                                      if k in st.session_state}, eps=eps))
publish([P + "t", *KEYS])
