"""How every chart of the app is shown in the browser."""
import streamlit as st

# Plotly's toolbar covers legends and titles on a phone and a projector; Streamlit's own element toolbar
# (full screen) stays. Scroll zoom stays off so a page scrolls past a chart on a touch screen.
CHART_CONFIG = {"displayModeBar": False, "scrollZoom": False}

# Plotly selects a clicked point from the hover it worked out at the last mouse move. A touch screen has
# no mouse move before a tap, so a tap only showed a tooltip (and the next tap selected the point before
# it). A mouse move at the touch point first makes a tap select what it touched. Our own constant code.
_TAP_SELECTS = """<script>
(() => {
  if (window.cpTapSelects) return;
  window.cpTapSelects = true;
  document.addEventListener("touchstart", (e) => {
    const drag = e.target instanceof Element && e.target.closest(".js-plotly-plot .nsewdrag");
    const touch = e.touches[0];
    if (!drag || !touch || e.touches.length > 1) return;
    drag.dispatchEvent(new MouseEvent("mousemove", {clientX: touch.clientX, clientY: touch.clientY, bubbles: true}));
  }, {capture: true, passive: true});
})();
</script>"""


def taps_select_on_touch() -> None:
    """Make a tap on a chart's point select it on a touch screen, as a click does with a mouse (call once
    per run; the listener is installed once per browser tab)."""
    with st.sidebar:
        st.html(_TAP_SELECTS, unsafe_allow_javascript=True)
