"""Small browser helpers for touch screens and narrow windows. They are our own constant code (nothing a
user types goes into them), installed once per page load from app.py."""
import streamlit as st

# Streamlit shows the sidebar's fold arrow only while a mouse hovers over the sidebar: a touch screen
# never saw it. It shows wherever the device cannot hover.
_STYLE = """<style>
@media (max-width: 640px) {  /* a phone: display equations a little smaller, so more parts fit a line */
  [data-testid="stMain"] .katex-display { margin: 0.25em 0; }
  [data-testid="stMain"] .katex-display > .katex { font-size: 1.05em; }
}
@media (hover: none) {
  [data-testid="stSidebarCollapseButton"], [data-testid="stSidebarCollapseButton"] button { visibility: visible !important; }
}
</style>"""

# 1. Below 1024 px (a tablet, a phone) the sidebar folds on loading and after a page is chosen in it:
#    Streamlit keeps it open there, leaving a tablet 520 px and covering three quarters of a phone.
# 2. Plotly selects a clicked point from the hover it worked out at the last mouse move. A touch screen
#    has no mouse move before a tap, so a tap only showed a tooltip (and the next tap selected the point
#    before it). A mouse move at the touch point first makes a tap select what it touched.
_SCRIPT = """<script>
(() => {
  if (window.cpBrowserHelpers) return;
  window.cpBrowserHelpers = true;
  const narrow = window.matchMedia("(max-width: 1023px)");
  const fold = () => document.querySelector('[data-testid="stSidebarCollapseButton"] button')?.click();
  if (narrow.matches) fold();
  document.addEventListener("click", (e) => {
    if (narrow.matches && e.target instanceof Element && e.target.closest('[data-testid="stSidebarNavLink"]'))
      setTimeout(fold, 0);
  }, true);
  document.addEventListener("touchstart", (e) => {
    const drag = e.target instanceof Element && e.target.closest(".js-plotly-plot .nsewdrag");
    const touch = e.touches[0];
    if (!drag || !touch || e.touches.length > 1) return;
    drag.dispatchEvent(new MouseEvent("mousemove", {clientX: touch.clientX, clientY: touch.clientY, bubbles: true}));
  }, {capture: true, passive: true});
})();
</script>"""


def browser_helpers() -> None:
    """Install the fold arrow for touch screens, the folding sidebar below 1024 px and tap-to-select on
    charts (once per page load; call on every run, from app.py)."""
    st.html(_STYLE)
    with st.sidebar:
        st.html(_SCRIPT, unsafe_allow_javascript=True)
