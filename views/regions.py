"""Decision regions: softmax (or one-vs-rest sigmoids) carving a 2-D plane into C classes, trained live."""
import numpy as np
import streamlit as st

from ui.lang import tr
from ui.latex import equations
from ui.presenter import explain
from views.parts.regions_controls import (URL_KEYS, click_control, data_controls, model_controls, preset_buttons,
                                 publish_state, read_settings, seed_all)
from views.parts.regions_live import clear_points, live_panel, pause, play, reset_weights, session, step
from ui.state import reset
from ui.questions import question_box
from core.questions import regions as regions_q

st.title(tr("regions.title"))
explain(tr("regions.intro"))
seed_all()

plane, controls = st.columns([3, 2], gap="medium")  # the plane first: on a phone it comes before the controls
with controls:
    preset_buttons()
    with st.expander(tr("regions.data"), expanded=True, icon=":material/scatter_plot:"):
        data_controls()
    with st.expander(tr("regions.model"), expanded=True, icon=":material/hub:"):
        model_controls()
    st.button(tr("regions.reset_all"), key="rg_reset_all", icon=":material/restart_alt:", on_click=reset,
              args=(URL_KEYS,))
settings = read_settings()
regions = session(settings)
question_box("regions", regions_q.context(settings, st.session_state.rpts, st.session_state.get("rg_probe")))

with plane:
    ss = st.session_state
    with st.container(horizontal=True, vertical_alignment="bottom"):
        if ss.get("rg_playing"):
            st.button(tr("regions.pause"), key="rg_pause", icon=":material/pause:", on_click=pause, type="primary")
        else:
            st.button(tr("regions.play"), key="rg_play", icon=":material/play_arrow:", on_click=play,
                      type="primary", disabled=bool(regions.diverged))
        st.button(tr("regions.step"), key="rg_step", icon=":material/skip_next:", on_click=step,
                  disabled=bool(regions.diverged))
        st.button(tr("regions.reset"), key="rg_reset", icon=":material/replay:", on_click=reset_weights)
    if regions.diverged:
        epoch, loss = regions.diverged
        st.error(tr("regions.diverged", epoch=epoch, loss=f"{loss:.2f}", guess=f"{np.log(settings.n_classes):.2f}"),
                 icon=":material/error:")
    elif regions.pop_restarted():
        st.info(tr("regions.restarted"), icon=":material/autorenew:")
    with st.container(horizontal=True, vertical_alignment="bottom"):
        click_control(settings.n_classes)
        n_added = len(ss.rpts.split(";")) if ss.rpts else 0
        st.button(tr("regions.clear", n=n_added), key="rg_clear", on_click=clear_points, disabled=not n_added)
    if (room := ss.pop("rg_cap", None)) is not None:
        st.warning(tr("regions.added_cap", n=room), icon=":material/block:")
    live_panel(settings)

with st.expander(tr("regions.lines.title"), icon=":material/timeline:"):
    equations(tr("regions.line.latex"))
    st.markdown(tr("regions.lines.body"))

publish_state()
