"""Classification Playground — the router: page config, sidebar language switch, navigation."""
import streamlit as st

from ui.browser import browser_helpers
from ui.lang import language_switch, tr
from ui.lesson import follow_toggle, lesson_bar, publish_view, teacher_panel
from ui.nav import navigation
from ui.presenter import presenter_switch
from ui.questions import question_slot
from ui.server_tuning import tune_once
from ui.state import reserve_notice, set_page
from ui.workspace import workspace_sidebar

tune_once()
st.set_page_config(page_title="Classification Playground", page_icon=":material/hub:", layout="wide")
language_switch()
presenter_switch()  # ?present=1: a projector's page
page = navigation()
set_page(page.url_path)
lesson_bar()  # first: a following tab that must show the teacher's view switches to it before anything else
with st.sidebar:
    follow_toggle()  # while a lesson is on, above the rest
workspace_sidebar(teacher_panel)  # whose runs these are (this browser's), start afresh, the teacher's tools
with st.sidebar:
    with st.expander(tr("app.about.title")):
        st.markdown(tr("app.about.body"))
browser_helpers()  # touch screens and narrow windows
reserve_notice()  # a bad-link warning from the page lands above its title
question_slot()  # the lesson's question, a checked prediction, and where the page offers its questions
page.run()
publish_view(page.url_path)  # the teacher's tab, leading: this page and its settings
