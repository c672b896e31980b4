"""How every chart of the app is shown in the browser."""

# Plotly's toolbar covers legends and titles on a phone and a projector; Streamlit's own element toolbar
# (full screen) stays. Scroll zoom stays off so a page scrolls past a chart on a touch screen.
CHART_CONFIG = {"displayModeBar": False, "scrollZoom": False}
