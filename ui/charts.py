"""How every chart of the app is shown in the browser."""
from __future__ import annotations

import plotly.graph_objects as go

from core.figures.style import enlarge_text
from ui.presenter import presenting

# Plotly's toolbar covers legends and titles on a phone and a projector; Streamlit's own element toolbar
# (full screen) stays. Scroll zoom stays off so a page scrolls past a chart on a touch screen.
CHART_CONFIG = {"displayModeBar": False, "scrollZoom": False}
PRESENTER_TEXT = 1.35  # chart text in presenter view: 12 px ticks become 16 px, read from the back of a room


def plot(box, fig: go.Figure, **kwargs):
    """Draw ``fig`` in ``box`` (``st``, a column, a placeholder) with ``st.plotly_chart``'s ``kwargs``; in
    presenter view with its text larger. Returns what ``plotly_chart`` returns (a selection, if asked)."""
    if presenting():
        fig = go.Figure(enlarge_text(fig.to_dict(), PRESENTER_TEXT))  # a Figure again: Streamlit refuses a dict whose data is empty (a run before its first epoch)
    return box.plotly_chart(fig, **kwargs)
