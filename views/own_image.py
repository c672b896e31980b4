"""Try your own picture: a photo, upload, drawing or test image through the pipeline, then a run's verdict."""
import streamlit as st

from core.data.datasets import DatasetError
from core.pages.own_image import TARGETS, OwnImageError
from ui.lang import current_lang, tr
from views.parts.own_image import (STATE_KEYS, neighbours, options, picture_input, pipeline_row, prepared_picture,
                          run_choices, seed_state, source_picker, verdict)
from ui.presenter import explain
from ui.state import named_select, publish
from ui.trainer_controls import start_preset_on_trainer
from ui.training import dataset

st.title(tr("own.title"))
explain(tr("own.intro"))
st.caption(":material/lock: " + tr("own.privacy"))
seed_state()

choices = run_choices()
labels = {c.key: c.label for c in choices}
if choices:
    key = named_select(st, tr("own.run"), list(labels), "own.run", format_func=labels.get,
                       help=tr("own.run.help"))
    choice = next(c for c in choices if c.key == key)
    data = choice.dataset
else:
    choice = None
    try:  # the test images to compare with, before any run exists
        data = dataset("fashion_mnist", None)
    except DatasetError as exc:
        st.error(exc.text(current_lang()), icon=":material/error:")
        data = None

source = source_picker()
left, right = st.columns([1, 1], gap="large")
with left:
    picture, true_class = picture_input(source, data)
with right:
    opts = options()
publish(STATE_KEYS)

name = data.name if data is not None else "fashion_mnist"
prepared = None
try:  # once per picture and options: a rerun reuses it
    prepared = prepared_picture(picture, name, opts)
except OwnImageError as exc:  # what is wrong with the picture and what to do, in the page's language
    st.error(exc.text(current_lang()), icon=":material/broken_image:")
if picture is None:
    st.info(tr("own.waiting"), icon=":material/photo_camera:")
elif prepared is not None:
    pipeline_row(prepared, TARGETS[name].side)

if choice is None:
    st.subheader(tr("own.result"))
    st.info(tr("own.no_run"), icon=":material/hourglass_empty:")
    with st.container(horizontal=True, vertical_alignment="center"):
        if st.button(tr("own.train_fast"), type="primary", icon=":material/bolt:", key="own.train_fast"):
            start_preset_on_trainer("fast")
            st.switch_page("views/trainer.py")
        st.page_link("views/trainer.py", label=tr("own.to_trainer"), icon=":material/model_training:")
elif prepared is not None:
    st.subheader(tr("own.result"))
    predicted = verdict(choice, prepared.x, true_class)
    neighbours(choice, prepared.x, predicted)
