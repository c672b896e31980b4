"""Decision regions: softmax (or one-vs-rest sigmoids) carving a 2-D plane into C classes, trained live."""
import streamlit as st

from ui.lang import tr
from ui.latex import equations
from ui.presenter import explain
from views.parts.regions_controls import (URL_KEYS, click_control, data_controls, model_controls, preset_buttons,
                                 publish_state, read_settings, seed_all)
from views.parts.regions_live import clear_points, live_panel
from ui.state import reset
from ui.questions import question_box
from core.questions import regions as regions_q

st.title(tr("regions.title"))
explain(tr("regions.intro"))
seed_all()
preset_buttons()  # above the plane: on a phone a preset, Play and the plane follow each other

plane, controls = st.columns([3, 2], gap="medium")  # the plane first: on a phone it comes before the controls
with controls:
    with st.expander(tr("regions.data"), expanded=True, icon=":material/scatter_plot:"):
        data_controls()
    with st.expander(tr("regions.model"), expanded=True, icon=":material/hub:"):
        model_controls()
    st.button(tr("regions.reset_all"), key="rg_reset_all", icon=":material/restart_alt:", on_click=reset,
              args=(URL_KEYS,))
settings = read_settings()
question_box("regions", regions_q.context(settings, st.session_state.rpts, st.session_state.get("rg_probe")))

with plane:
    live_panel(settings)
    with st.container(horizontal=True, vertical_alignment="bottom"):
        click_control(settings.n_classes)
        n_added = len(st.session_state.rpts.split(";")) if st.session_state.rpts else 0
        st.button(tr("regions.clear", n=n_added), key="rg_clear", on_click=clear_points, disabled=not n_added)

with st.expander(tr("regions.lines.title"), icon=":material/timeline:"):
    equations(tr("regions.line.latex"))
    st.markdown(tr("regions.lines.body"))

publish_state()
