"""Display equations that fit a phone."""
import streamlit as st

BREAK = r"\qquad"


def equations(body: str) -> None:
    r"""Show the LaTeX ``body`` on one line where it fits. KaTeX never wraps a display equation (a phone
    cut it off on the right), so each part between ``\qquad``s is its own equation in a row that wraps."""
    with st.container(horizontal=True, horizontal_alignment="center", vertical_alignment="center", gap="medium"):
        for part in body.split(BREAK):
            st.latex(part.strip(), width="content")
