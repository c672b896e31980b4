"""Small browser helpers for touch screens and narrow windows, installed once per page load from app.py, and
bringing what a tap asked for into view. They are our own constant code (nothing a user types goes into them)."""
import json
from pathlib import Path

import streamlit as st

from core.text.i18n import DEFAULT_LANG
from ui.lang import current_lang, tr

_scroller = st.components.v2.component("cp_scroll_into_view", js=(
    Path(__file__).parent / "components" / "scroll_into_view.js").read_text(encoding="utf-8"))

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


# Korean pages. 1. Korean breaks between words (at spaces), never inside one ("판/단할까요"); a token longer
# than the line may still break anywhere, so nothing overflows a phone. 2. Streamlit writes some words of
# its widgets in English whatever the page's language, with no parameter to change them: they are hidden
# and our catalogue's words shown instead (CSS ``content``, from our own constants, never user text).
# Each rule names the element by its data-testid or the attribute Streamlit 1.67 gives it.
_LOCAL_STYLE = """<style>
/* Streamlit sets word-break: break-word on its text (titles, Markdown, labels): keep-all must win there */
body, body * { word-break: keep-all !important; }
body { overflow-wrap: break-word; }
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] { display: none; }
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] span[data-has-shortcut]::after {
  content: %(upload)s; font-size: 0.875rem; }
/* the size and types line repeats the uploader's label, which says them in the page's language */
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
/* Where Streamlit's text sits in an element of its own style, that text is made 0 px and ours shown before
   it at Streamlit's size (0.875rem, measured): the dragged file's overlay, the multiselect's bulk actions,
   a select box's empty list ("No results", or a multiselect's "You can only select up to 4 options"). */
[data-testid="stFileUploaderDropzone"] > div > span:only-child,
[role="option"][data-key^="__select_"] [data-item-hl],
[role="listbox"][data-empty="true"] > [role="option"] > span { font-size: 0; }
[data-testid="stFileUploaderDropzone"] > div > span:only-child::before { content: %(drop)s; font-size: 0.875rem; }
[role="option"][data-key="__select_all__"] [data-item-hl]::before { content: %(select_all)s; font-size: 0.875rem; }
[role="option"][data-key="__select_matches__"] [data-item-hl]::before { content: %(select_matches)s; font-size: 0.875rem; }
[role="listbox"][data-empty="true"] > [role="option"] > span::before { content: %(none_left)s; font-size: 0.875rem; }
/* "Press Enter to apply" under a text or number box being edited (a counter may follow it) */
[data-testid="InputInstructions"] > span:first-child { display: none; }
[data-testid="InputInstructions"]::before { content: %(enter)s; }
</style>"""
_WIDGET_WORDS = ("upload", "drop", "select_all", "select_matches", "none_left", "enter")
# A table's or chart's toolbar (shown on hover) names its buttons in a tooltip, in English: the button's
# aria-label says which, and while it is hovered or focused the one tooltip shown is its.
_TOOLBAR_TIPS = {"Show/hide columns": "columns", "Download as CSV": "csv", "Search": "search",
                 "Fullscreen": "fullscreen", "Close fullscreen": "close_fullscreen"}
_TOOLBAR_ACTIVE = '[data-testid="stElementToolbar"] button%s:is(:hover, :focus-visible)'
_TIP_TEXT = '[data-testid="stTooltipContent"] p'


def _css_string(text: str) -> str:
    """``text`` as a CSS string (JSON's quoted string, UTF-8 kept, is CSS string syntax too)."""
    return json.dumps(text, ensure_ascii=False)


def local_style() -> str:
    """The style sheet of a page in a language other than English (see ``_LOCAL_STYLE``), its words from
    the catalogue."""
    words = {w: _css_string(tr(f"common.widget.{w}")) for w in _WIDGET_WORDS}
    tips = [f"body:has({_TOOLBAR_ACTIVE % ''}) {_TIP_TEXT} {{ font-size: 0; }}"] + [
        f"body:has({_TOOLBAR_ACTIVE % f'[aria-label={_css_string(label)}]'}) {_TIP_TEXT}::before "
        f"{{ content: {_css_string(tr('common.widget.tip.' + key))}; font-size: 0.875rem; }}"
        for label, key in _TOOLBAR_TIPS.items()]
    return _LOCAL_STYLE.replace("</style>", "\n".join(tips) + "\n</style>") % words


def browser_helpers() -> None:
    """Install the fold arrow for touch screens, the folding sidebar below 1024 px and tap-to-select on
    charts, and on a Korean page its line breaking and widget words (once per page load; call on every
    run, from app.py: a page switched to English drops the Korean style)."""
    st.html(_STYLE)
    if current_lang() != DEFAULT_LANG:
        st.html(local_style())
    with st.sidebar:
        st.html(_SCRIPT, unsafe_allow_javascript=True)


def bring_into_view(key: str, selector: str, nonce: int, *, whole: bool = False) -> None:
    """Scroll the element matching ``selector`` into view once per new ``nonce`` (a count the page raises when the
    user asks for what it shows; 0 scrolls nothing) if its top is off screen or low on it; with ``whole`` also if
    its bottom is below the screen (see ui/components/scroll_into_view.js). ``key`` names this helper's element."""
    _scroller(key=key, data={"selector": selector, "nonce": nonce, "whole": whole}, height=0)
