"""Softmax explorer: drag logits, see probabilities, sigmoid and hardmax, temperature, loss and gradient."""
import pandas as pd
import streamlit as st

from core.pages import softmax_lab as lab
from core.questions import softmax as questions
from core.figures.softmax import gradient_figure, jacobian_figure, probability_figure
from ui.lang import current_lang, tr
from views.parts.softmax_controls import (P, STATE_KEYS, class_controls, logit_inputs, loss_controls, preset_buttons,
                                 publish_state, step_button, temperature_and_shift)
from ui.state import list_parser, reset, seed, write_url
from ui.charts import CHART_CONFIG, plot
from ui.latex import equations
from ui.presenter import explain
from ui.questions import question_box

SHOW = ["sigmoid", "hardmax"]

st.title(tr("softmax.title"))
explain(tr("softmax.intro"))
presets_box = st.container()  # drawn once the controls are read: the active example is marked

# The chart first: on a phone the columns stack and the logit sliders then sit right under the bars.
chart, controls = st.columns([3, 2], gap="large")
table_box = st.container()
st.subheader(tr("softmax.loss.title"))
equations(tr("softmax.loss.latex"))
loss_right, loss_left = st.columns([2, 1], gap="large")

with controls:
    logits_box = st.container()  # above the class controls, nearest the chart
    n, mode = class_controls()
    names = lab.class_labels(n, mode, current_lang())
    with logits_box:
        z = logit_inputs(names, mode)
    t, c = temperature_and_shift()
    st.button(tr("common.reset"), key="reset", icon=":material/restart_alt:", on_click=reset,
              args=(STATE_KEYS,))
with presets_box:
    preset_buttons(lab.active_preset(z, shift=c, temperature=t))
with loss_left:
    y, lr = loss_controls(names)

ex = lab.explore(z, shift=c, temperature=t, true_class=y, lr=lr)
question_box("softmax", questions.context(z, shift=c, temperature=t, labels=mode))

with chart:
    seed(P + "show", ["sigmoid"], list_parser(SHOW))
    show = st.pills(tr("softmax.show"), SHOW, selection_mode="multi", format_func=lambda k: tr(f"softmax.show.{k}"),
                    key=P + "show")
    fig = probability_figure(
        names, ex.probs, sigmoids=ex.sigmoids if "sigmoid" in show else None,
        hard=ex.hard if "hardmax" in show else None,
        names={k: tr(f"softmax.trace.{k}") for k in ("softmax", "sigmoid", "hardmax")}
        | {"y_axis": tr("softmax.axis.prob")})
    plot(st, fig, key="probs", config=CHART_CONFIG)
    st.caption(tr("softmax.sum.softmax", p=f"{ex.prob_sum:.4f}"))
    if "sigmoid" in show:
        st.caption(tr("softmax.sum.sigmoid", s=f"{ex.sigmoid_sum:.4f}"))
    if c != 0:
        st.info(tr("softmax.shift.caption", c=f"{c:g}", change=f"{ex.shift_change:.1e}"),
                icon=":material/drag_handle:")
    if n == 2:
        st.info(tr("softmax.binary", p=f"{ex.probs[0]:.4f}", s=f"{ex.binary_sigmoid:.4f}"),
                icon=":material/compare_arrows:")

with table_box:
    st.subheader(tr("softmax.table.title"))
    equations(tr("softmax.formula.latex"))
    head = {col: tr(f"softmax.col.{col}") for col in ("label", "z", "u", "exp", "exp_shifted", "p")}
    if c:  # the table holds z + c: its headers say so
        head |= {"z": tr("softmax.col.z_c"), "u": tr("softmax.col.u_c")}
    num = {"z": "%.2f", "u": "%.2f", "exp_shifted": "%.4g", "p": "%.4f"}
    st.dataframe(pd.DataFrame(lab.softmax_table(ex.logits, t, names)), hide_index=True, height="content",
                 placeholder="", key="table",
                 column_config={col: st.column_config.NumberColumn(h, format=num[col]) if col in num else h
                                for col, h in head.items()})
    with st.expander(tr("softmax.safe.title"), icon=":material/warning:"):
        st.markdown(tr("softmax.safe.body"))

with loss_left:
    st.metric(tr("softmax.loss.metric"), f"{ex.loss:.4f}")
    st.metric(tr("softmax.loss.next"), f"{ex.loss_next:.4f}", delta=f"{ex.loss_change:+.4f}",
              delta_color="inverse")
    step_button(z, ex.grad, lr)
with loss_right:
    plot(st, gradient_figure(
        names, ex.probs, ex.residual, ex.probs_next, true_class=y,
        names={"softmax": tr("softmax.trace.softmax"), "residual_up": tr("softmax.trace.residual_up"),
               "residual_down": tr("softmax.trace.residual_down"),
               "next": tr("softmax.trace.next"), "true": tr("softmax.true"),
               "y_axis": tr("softmax.axis.grad")}), key="grad", config=CHART_CONFIG)
    st.caption(tr("softmax.loss.caption"))

with st.expander(tr("softmax.jacobian.title"), icon=":material/grid_on:"):
    equations(tr("softmax.jacobian.latex"))
    plot(st, jacobian_figure(names, ex.jacobian, title=tr("softmax.jacobian.figure")), key="jac", config=CHART_CONFIG)
    st.caption(tr("softmax.jacobian.caption"))

publish_state(n)
write_url({"show": ".".join(show) or "none"})
