"""Home: what the playground is, and a card linking each page."""
import streamlit as st

from ui.lang import tr
from ui.nav import PAGES

st.title(tr("app.title"))
st.markdown(tr("home.intro"))

cols = st.columns(2)
for i, spec in enumerate(PAGES):
    with cols[i % 2].container(border=True):
        st.page_link(spec.path, label=tr(spec.title), icon=spec.icon)
        st.caption(tr(spec.blurb))

st.subheader(tr("home.howto.title"))
st.markdown(tr("home.howto.body"))
