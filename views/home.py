"""Home: what the playground is, and a card linking each page."""
import streamlit as st

from ui.lang import tr
from ui.nav import PAGES
from ui.presenter import explain

st.title(tr("app.title"))
explain(tr("home.intro"))

for row in range(0, len(PAGES), 2):  # one row of two cards at a time keeps the reading order
    for col, spec in zip(st.columns(2), PAGES[row:row + 2]):
        with col.container(border=True):
            st.page_link(spec.path, label=tr(spec.title), icon=spec.icon)
            st.caption(tr(spec.blurb))

st.subheader(tr("home.howto.title"))
st.markdown(tr("home.howto.body"))
