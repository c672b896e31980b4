"""Korean that reads right on a phone (issue 25): no Korean word broken across two lines, and no English in
the widgets of a Korean page (Streamlit's own words included: the uploader's, a select box's), at 390×844.

One server and one browser tab for the whole module (the session's fixtures, a module-scoped tab).
"""
import re

import pytest

from core.text.i18n import t
from tests.e2e.conftest import (SHOTS, SIDEBAR_RIGHT, assert_no_exception, main, open_app, screenshot, start_run,
                                wait_folded, wait_ready)

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("warm_server")]

PHONE = {"width": 390, "height": 844}

# Every whitespace-separated word with Hangul in a text node under the given roots whose characters do not
# all sit on one line (a DOM Range over the word: each of its line boxes gives a client rect). A word hidden
# from view (no rects) is skipped.
BROKEN_WORDS = r"""(selectors) => {
    const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;
    const broken = [];
    for (const root of document.querySelectorAll(selectors)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!HANGUL.test(node.data)) continue;
            for (const word of node.data.matchAll(/\S+/g)) {
                if (!HANGUL.test(word[0])) continue;
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
                if (rects.some(r => Math.abs(r.top - rects[0].top) > 2))
                    broken.push(`${word[0]}  (in "${node.data.trim().slice(0, 60)}")`);
            }
        }
    }
    return broken;
}"""

# The text a person sees in the elements the selectors name: each text node drawn (its element shown, its
# font larger than 0, not a 1-px "visually hidden" box) and each ::before / ::after with a string content.
SHOWN_TEXT = r"""(selectors) => {
    const drawn = el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
        && el.getBoundingClientRect().width > 1 && el.getBoundingClientRect().height > 1;
    const texts = [];
    for (const root of document.querySelectorAll(selectors)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            // an icon's ligature name ("upload", "grid_on") and a formula's letters are no words
            if (node.data.trim() && drawn(el) && parseFloat(getComputedStyle(el).fontSize) > 0
                && !el.closest('[translate="no"], .katex'))
                texts.push(node.data.trim());
        }
        for (const el of [root, ...root.querySelectorAll("*")]) {
            if (!drawn(el)) continue;
            for (const pseudo of ["::before", "::after"]) {
                const content = getComputedStyle(el, pseudo).content;
                if (content.startsWith('"')) texts.push(JSON.parse(content));
            }
        }
    }
    return texts;
}"""

# Streamlit's widgets and the lists they open (a select box's list lives outside the page's main block).
WIDGETS = ", ".join(f'[data-testid="{w}"]' for w in (
    "stWidgetLabel", "stButton", "stDownloadButton", "stPopover", "stPageLink", "stFileUploader", "stSelectbox",
    "stMultiSelect", "stNumberInput", "stTextInput", "stSlider", "stButtonGroup", "stCheckbox", "stRadio",
    "stExpander", "stTabs", "stMultiSelectDropdown", "stSelectboxVirtualDropdown", "InputInstructions",
    "stElementToolbar", "stTooltipContent"))

# Latin words a Korean page may show, and why: the language switch names both languages in their own
# words; the names of libraries, data sets and optimisers, which Korean texts write in Latin letters too;
# file formats and units; a function's name in a formula written as text (log); a key's name as printed
# on the keyboard.
ALLOWED = {
    "Language", "English",
    "NumPy", "Keras", "TensorFlow", "SGD", "Adam", "ReLU", "MNIST", "Fashion",
    "PNG", "JPEG", "WebP", "BMP", "GIF", "CSV", "MB",
    "log", "ln", "exp",
    "Enter",
}


@pytest.fixture(scope="module")
def phone(browser):
    """One tab of a phone's size (390×844, touch) for the whole module."""
    ctx = browser.new_context(viewport=PHONE, has_touch=True)
    yield ctx.new_page()
    ctx.close()


def open_sidebar(page) -> None:
    """Unfold the sidebar as a student would (a phone folds it on loading)."""
    wait_folded(page)
    page.locator("[data-testid='stExpandSidebarButton']").click()
    page.wait_for_function(f"({SIDEBAR_RIGHT})() >= 300", timeout=5_000)
    page.wait_for_timeout(500)  # the slide's end


def latin_words(texts: list[str]) -> set[str]:
    """The Latin words (two letters or more: a lone letter is a maths symbol, z or C) not in ALLOWED."""
    return {w for text in texts for w in re.findall(r"[A-Za-z]{2,}", text)} - ALLOWED


@pytest.mark.parametrize("path", ["", "own", "loss"])
def test_no_korean_word_is_broken_across_lines(phone, app_url, path):
    """Check that at 390 px no Korean word of the main block or the sidebar is split between two lines
    ("판/단할까요", "최/소화할까?", "내 사진으로 해 보/기"): Korean breaks at its spaces."""
    open_app(phone, f"{app_url}/{path}?lang=ko")
    assert_no_exception(phone)
    broken = phone.evaluate(BROKEN_WORDS, '[data-testid="stMain"]')
    open_sidebar(phone)
    broken += phone.evaluate(BROKEN_WORDS, '[data-testid="stSidebar"]')
    screenshot(phone, f"korean-words-{path or 'home'}-390")
    assert broken == []


def test_korean_pages_widgets_show_no_english(phone, app_url):
    """Check that the widgets of Korean pages, as drawn at 390 px, show no English: labels, buttons and
    placeholders, the uploader's button and lines, a select box's list and its empty list, a table toolbar's
    tip, the class board's multiselect with its bulk action (this browser trains two short runs for it),
    the "press Enter" line under a box being edited."""
    for _ in range(2):
        open_app(phone, f"{app_url}/trainer?lang=en")
        start_run(phone, epochs=1)
        main(phone).get_by_text(t("trainer.to_predictions", "en")).wait_for(timeout=60_000)
        wait_ready(phone)
    seen: dict[str, set[str]] = {}

    def look(where: str, when: str = "body", ours: str | None = None) -> None:
        """Note the English words shown once an element ``when`` names is drawn (read in the same moment:
        an open list may close again), and check that our word for Streamlit's (``ours``, a key of the
        catalogue) is shown in its place."""
        texts = phone.wait_for_function(
            f"([when, widgets]) => document.querySelector(when)?.checkVisibility({{checkOpacity: true, "
            f"checkVisibilityCSS: true}}) ? ({SHOWN_TEXT})(widgets) : null", arg=[when, WIDGETS]).json_value()
        seen[where] = latin_words(texts)
        assert ours is None or t(ours, "ko") in texts, (where, texts)

    for path in ("", "own", "loss", "softmax"):
        open_app(phone, f"{app_url}/{path}?lang=ko")
        wait_folded(phone)  # the sidebar slides away on loading: a tap meanwhile may land on it
        look(path or "home", ours="common.widget.upload" if path == "own" else None)
    box = main(phone).locator("[data-testid='stSelectbox'] input").first  # the softmax page's true class
    box.tap()  # a touch opens a phone's select box (a mouse click only focuses it there)
    look("softmax: the list open", "[data-testid='stSelectboxVirtualDropdown'] [role='option']")
    box.press("Escape")
    main(phone).locator("[data-testid='stDataFrame']").first.hover()  # its toolbar shows, and a button's tip
    phone.locator("[data-testid='stElementToolbar'] button[aria-label='Download as CSV']").first.hover()
    look("softmax: the table's toolbar", "[data-testid='stTooltipContent']", "common.widget.tip.csv")

    open_app(phone, f"{app_url}/board?lang=ko")
    wait_folded(phone)
    picker = main(phone).locator("[data-testid='stMultiSelect'] input").first
    picker.tap()
    look("board: the overlay picker open", "[role='option'][data-key='__select_all__']", "common.widget.select_all")
    phone.screenshot(path=str(SHOTS / "korean-board-picker-390.png"))  # as it is: a resize would close it
    picker.fill("zzz")
    look("board: nothing found", "[role='listbox'][data-empty='true']", "common.widget.none_left")
    picker.press("Escape")

    open_app(phone, f"{app_url}/own?lang=ko")
    open_sidebar(phone)
    name = phone.locator("[data-testid='stSidebar'] [data-testid='stTextInput'] input").first
    name.click()
    name.press("End")
    name.type("x")
    look("sidebar: the name being edited", "[data-testid='InputInstructions']", "common.widget.enter")
    name.press("Backspace")
    screenshot(phone, "korean-own-390")
    assert {where: words for where, words in seen.items() if words} == {}
