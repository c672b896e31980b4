"""Presenter view: the page as a projector shows it to a class, switched in the sidebar and kept in the URL
(``?present=1``) — TensorFlow Playground's hide-controls link is the model.

While it is on: larger type (the whole page is measured in rem, so the root size scales it) and larger chart
text (:func:`ui.charts.plot`), each page's explanation folded under "About this page" and its small print
hidden, the sidebar folded, and the controls closer together.
"""
from __future__ import annotations

import streamlit as st

from ui.lang import tr
from ui.state import bool_parser, seed, write_url

KEY = "present"  # session_state and the URL: "1" while presenting

# Our own constant (no user text). Streamlit sizes its text, widgets and spacing in rem: 16 px becomes 18 px on a
# 1280-wide projector and 22 px on a 1920-wide one. The small print (captions: hints, notes, sums) is hidden,
# as its element's container, so no empty gap is left; the padding Streamlit keeps round the main block (6 rem
# above, 5 rem either side, 10 rem below) and between elements (1 rem) shrinks, and so does the page's title
# (2.75 rem), to leave the first screen to what the page shows.
_STYLE = """<style>
html { font-size: clamp(18px, 0.625vw + 10px, 22px); }
[data-testid="stMainBlockContainer"] { padding: 4rem 2rem 3rem; }
[data-testid="stMain"] h1 { font-size: 2.25rem; padding-top: 0.5rem; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.6rem; }
[data-testid="stMain"] [data-testid="stElementContainer"]:has([data-testid="stCaptionContainer"]):not(.st-key-cp-lesson *) {
  display: none; }
</style>"""


def presenter_switch() -> bool:
    """Draw the sidebar's "Presenter view" toggle, keep ``?present=1`` in the URL while it is on (across page
    switches, as the language is), and style this page for a projector; returns whether it is on.

    Call on every run, from app.py. A ``?present=`` other than 1/0 is ignored with the page's usual warning.
    Turning it on, or opening a link with it, folds the sidebar (its arrow brings it back).
    """
    seed(KEY, False, bool_parser)
    on = st.sidebar.toggle(tr("common.presenter"), key=KEY, help=tr("common.presenter.help"))
    write_url({KEY: True if on else None})
    if on:
        # Streamlit folds the sidebar when this setting changes (a link's first run, the toggle turned on) and
        # leaves it as the user put it on the runs after.
        st.set_page_config(initial_sidebar_state="collapsed")
        st.html(_STYLE)
    return on


def presenting() -> bool:
    """Whether this session shows the presenter view."""
    return bool(st.session_state.get(KEY, False))


def explain(text: str) -> None:
    """A page's explanation (its intro paragraph, Markdown of our own): shown, or in presenter view folded under
    "About this page"."""
    if presenting():
        with st.expander(tr("common.presenter.about"), icon=":material/info:"):
            st.markdown(text)
    else:
        st.markdown(text)
