"""Trainer: pick settings, start a run, watch it learn live, compare and download runs."""
import streamlit as st

from core.engines import keras_model
from core.data.datasets import DatasetError
from ui.browser import bring_into_view
from ui.lang import current_lang, tr
from ui.state import publish
from ui.presenter import explain
from ui.trainer_controls import (AUTOSTART, fold_settings, on_a_phone, preset_picker, publish_settings, settings_panel,
                                 use_digits)
from ui.trainer_live import live_panel, runs_table
from ui.training import dataset
from ui.questions import question_box
from core.questions import trainer as trainer_q
from ui.workspace import session_runs, start_run, stop_run, store_notice

keras_model.preload_tensorflow()  # ≈ 3 s of import, done while the user reads the settings

st.title(tr("trainer.title"))
explain(tr("trainer.intro"))
store_notice()
# A phone's first screen holds the preset and Start, then the run's progress: the thirteen settings start folded
# on a phone and while a run trains (a laptop shows them otherwise, to change a knob between runs); Start folds them.
preset_picker()
controls = st.container()  # Start and Stop, drawn below once the settings are read
runs = session_runs()
autostart = st.session_state.pop(AUTOSTART, False)  # another page's one-click "train" button
config, in_range = settings_panel(folded=runs.active is not None or autostart or on_a_phone())
publish_settings()
publish([])  # the warning about ignored link values, if any
REFUSED = "tr_refused"  # why the last Start did not start (shown once)
STARTS = "tr_starts"  # Starts in this session: each brings the live chart into view once

try:
    with st.spinner(tr("trainer.loading")):
        data = dataset(config.dataset, config.subset)
except DatasetError as exc:  # one message in the page's language: what was tried, and how to fix it
    st.error(exc.text(current_lang()), icon=":material/error:")
    st.button(tr("trainer.use_digits"), on_click=use_digits, icon=":material/offline_bolt:")
    st.stop()

problems = config.validate(data) if in_range else []
if problems:  # beside Start, which they keep off
    controls.error(tr("trainer.cannot_start") + "\n\n" + "\n".join(f"- {p.text(current_lang())}" for p in problems),
                   icon=":material/tune:")
active = runs.active


def start() -> None:
    if problems or not in_range:  # a value typed out of range just before the click never trains
        return
    refused = start_run(config, data)
    if refused is not None:
        st.session_state[REFUSED] = refused
        return
    fold_settings()  # the chart below them comes into view whole, and stays when the run ends
    st.session_state[STARTS] = st.session_state.get(STARTS, 0) + 1


if autostart and not problems and in_range and active is None:
    start()
    active = runs.active

if in_range and not problems:  # an out-of-range setting builds no network to ask about
    question_box("trainer", trainer_q.context(config))
refused = st.session_state.pop(REFUSED, None)
if refused is not None:
    controls.warning(refused.text(current_lang()), icon=":material/hourglass_top:")
buttons = controls.container(horizontal=True)  # buttons as wide as their words: never "시.." on a tablet
buttons.button(tr("trainer.start"), type="primary", disabled=bool(problems) or not in_range or active is not None,
               on_click=start, icon=":material/play_arrow:", key="tr_start",
               help=tr("trainer.busy") if active is not None else None)
buttons.button(tr("trainer.stop"), disabled=active is None, on_click=stop_run, icon=":material/stop:", key="tr_stop")
if config.engine == "keras" and not keras_model.tensorflow_ready():
    controls.caption(tr("trainer.tf_loading"))

compare = st.session_state.get("tr_compare", [])
with st.container(key="tr_live"):
    live_panel(runs, compare)
bring_into_view("tr_scroll", ".st-key-tr_live", st.session_state.get(STARTS, 0), whole=True)
st.caption(tr("trainer.keeps_going"))
if len(runs):
    runs_table(runs)
    if any(r.job.done and r.job.val_proba is not None for r in runs):
        st.page_link("views/predictions.py", label=tr("trainer.to_predictions"), icon=":material/grid_view:")
