"""Browser tests of every page (ui.nav.PAGES) on a phone, a tablet and a projector, in both languages.

No label, button, metric or box shows cut text; the chart a slider moves is in view with it; a tap
selects a confusion-matrix cell and adds a point to the regions plane; a trainer value out of range
blocks Start with the reason in the page's language.
"""

import pytest

from core.text.i18n import t
from ui.nav import HOME, PAGES
from tests.e2e.conftest import (SIDEBAR_RIGHT, assert_no_exception, open_app, screenshot,
                                train_to_the_end, wait_folded, wait_ready)

pytestmark = pytest.mark.e2e

SCREENS = {390: (390, 844), 820: (820, 1180), 1366: (1366, 900)}

# Text that is cut shows an ellipsis: its box is narrower than its content. Streamlit 1.67 clips a label,
# a metric or a button's text on the Markdown box around it (the text itself is an inline <p> of width 0
# there), so every box that clips with an ellipsis is checked, beside the inputs, select boxes, display
# equations and rows of choices.
CUT = """() => {
    const box = 'input:not([type=range]):not([type=checkbox]):not([type=file])';
    const sel = ['[data-testid="stMain"] *', '[data-baseweb="select"] [value]', '[data-baseweb="select"] div[title]'];
    const out = [];
    for (const el of document.querySelectorAll(sel.join(','))) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || el.closest('[data-testid="stSidebar"]')) continue;
        const input = el.matches(box), select = el.closest('[data-baseweb="select"]');
        if (!input && !select && (el.tagName === 'INPUT' || getComputedStyle(el).textOverflow !== 'ellipsis')) continue;
        const text = el.value ?? el.innerText;
        if (el.scrollWidth > el.clientWidth + 1 || (input && r.width < 56))
            out.push(`${text} (${Math.round(r.width)} px)`);
    }
    // A display equation or a row of choices wider than its box is cut off on the right.
    for (const el of document.querySelectorAll('[data-testid="stMain"] :is(.katex-display, [data-testid="stButtonGroup"])'))
        if (el.scrollWidth > el.clientWidth + 1)
            out.push(`${el.querySelector('annotation')?.textContent ?? el.innerText} (${el.clientWidth} px)`);
    return out;
}"""


def open_settled(page, url: str) -> None:
    """Open url and, below 1024 px, wait until the sidebar has folded away: while it slides, the page
    moves under the pointer and a click can land beside its button."""
    open_app(page, url)
    if page.viewport_size["width"] < 1024:
        wait_folded(page)


def cut_texts(page) -> list[str]:
    """Texts the page shows cut (with the width of their box)."""
    return page.evaluate(CUT)


@pytest.fixture
def screen(browser, request):
    """A fresh context of the given width; touch on phone and tablet."""
    width, height = SCREENS[request.param]
    ctx = browser.new_context(viewport={"width": width, "height": height}, has_touch=width < 1000)
    pg = ctx.new_page()
    yield pg
    ctx.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("screen", list(SCREENS), indirect=True)
def test_no_page_shows_cut_text(screen, app_url, lang):
    """Check that every page at this width shows its labels, buttons, boxes and metrics whole."""
    width = screen.viewport_size["width"]
    found = {}
    for spec in [HOME, *PAGES]:
        open_settled(screen, f"{app_url}/{spec.url}?lang={lang}")
        assert_no_exception(screen)
        if cut := cut_texts(screen):
            found[spec.url or "home"] = cut
        if screen.locator(".modebar-container .modebar").count():  # Plotly's toolbar over legends and titles
            found.setdefault(spec.url or "home", []).append("Plotly toolbar")
        screenshot(screen, f"classroom-{spec.url or 'home'}-{lang}-{width}")
    assert found == {}, found


def test_trainer_out_of_range_blocks_start_in_the_pages_language(page, app_url):
    """Check that a learning rate of 50 says why next to the field, in Korean, and keeps Start disabled."""
    open_app(page, f"{app_url}/trainer?lang=ko&data=digits")
    box = page.get_by_label(t("trainer.learning_rate", "ko"))
    box.fill("50")
    box.press("Enter")
    wait_ready(page)
    alert = page.locator("[data-testid='stAlert']").filter(has_text="범위를 벗어났습니다")
    assert alert.count() == 1 and "10" in alert.inner_text()
    field = box.bounding_box()
    note = alert.bounding_box()
    assert 0 <= note["y"] - (field["y"] + field["height"]) < 40 and abs(note["x"] - field["x"]) < 40  # under it
    start = page.locator("[data-testid='stMainBlockContainer'] button").filter(has_text=t("trainer.start", "ko"))
    assert start.is_disabled()
    screenshot(page, "classroom-trainer-range-ko")
    box.fill("0.3")
    box.press("Enter")
    wait_ready(page)
    assert not start.is_disabled() and alert.count() == 0


# The first slider of the page and the first chart: where each is, as [top, height].
SLIDER_AND_CHART = """(chart) => {
    const main = document.querySelector('[data-testid="stMain"]');
    const first = sel => [...main.querySelectorAll(sel)].find(e => e.getBoundingClientRect().width > 0);
    const box = e => { const r = e.getBoundingClientRect(); return [r.top, r.height]; };
    return [box(first('[data-testid="stSlider"]')), box(first(chart))];
}"""
HEADER = 60  # Streamlit's header bar covers the top of the page


def assert_in_view_together(page, chart: str = "[data-testid='stPlotlyChart']") -> None:
    """Check that one scroll position shows the page's first slider whole and the nearer half of the chart
    it moves (beside it, or directly above or below): a Plotly chart, or the element ``chart`` selects."""
    page.wait_for_selector(f"[data-testid='stMain'] {chart}")
    (s_top, s_h), (c_top, c_h) = page.evaluate(SLIDER_AND_CHART, chart)
    top = min(s_top, c_top + c_h / 2)
    bottom = max(s_top + s_h, c_top + c_h / 2)
    assert bottom - top <= page.viewport_size["height"] - HEADER, (s_top, s_h, c_top, c_h)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("screen", [390, 820], indirect=True)
def test_the_chart_a_slider_moves_is_in_view_with_it(screen, app_url, lang):
    """Check, on a phone and a tablet, that the explorers' first slider and the chart it moves fit one screen."""
    for url in ("softmax", "sigmoid", "loss"):
        open_settled(screen, f"{app_url}/{url}?lang={lang}")
        assert_in_view_together(screen)


SELECTED = """([t, p]) => { const q = new URLSearchParams(location.search);
                            return q.get('true') === t && q.get('pred') === p; }"""


def tap_cell(page, true: int, pred: int) -> None:
    """Tap the confusion matrix's cell (true, pred) with a finger."""
    page.locator(f".st-key-pr_cm button[data-cell='{true},{pred}']").tap()
    wait_ready(page)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("screen", [390, 820], indirect=True)
def test_a_tap_selects_a_confusion_matrix_cell(screen, app_url, lang):
    """Check that tapping a cell on a touch screen opens that cell's images at once, and that the next tap
    opens the next cell (a Plotly matrix once selected the point hovered before the tap: nothing, then the
    last one)."""
    open_settled(screen, f"{app_url}/trainer?lang={lang}&data=digits&epochs=3")
    train_to_the_end(screen, lang)
    open_settled(screen, f"{app_url}/predictions?lang={lang}")  # the same browser: its runs
    assert_in_view_together(screen, ".st-key-pr_cm")  # the epoch slider right above the matrix it rewinds
    names = [str(k) for k in range(10)]  # the digits' classes
    for true, pred in ((5, 3), (2, 7)):
        tap_cell(screen, true, pred)
        screen.wait_for_function(SELECTED, arg=[str(true), str(pred)], timeout=10_000)
        title = t("pred.cell.title", lang, true=names[true], pred=names[pred], n=0).split(":")[0]
        assert screen.locator("[data-testid='stMain']").get_by_text(title).count() == 1
    assert_no_exception(screen)
    screenshot(screen, f"classroom-tap-cell-{lang}-{screen.viewport_size['width']}")


@pytest.mark.parametrize("screen", [390], indirect=True)
def test_a_tap_adds_a_point_on_the_regions_plane(screen, app_url):
    """Check that each tap on the plane adds its own point on a phone."""
    open_settled(screen, f"{app_url}/regions?lang=en")
    plane = screen.locator(".rg .rg-plane")
    plane.scroll_into_view_if_needed()
    box = plane.bounding_box()
    for n, (fx, fy) in enumerate(((0.3, 0.3), (0.7, 0.6)), start=1):
        screen.touchscreen.tap(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
        screen.wait_for_function(f"() => (new URLSearchParams(location.search).get('rpts') || '').split(';')"
                                 f".filter(Boolean).length === {n}", timeout=30_000)
        wait_ready(screen)
    assert_no_exception(screen)


@pytest.mark.parametrize("screen", list(SCREENS), indirect=True)
def test_the_sidebar_folds_below_1024_px(screen, app_url):
    """Check that on a phone and a tablet the sidebar starts folded, shows its fold arrow without a mouse
    over it, and folds again once a page is chosen in it; on a projector it stays open."""
    width = screen.viewport_size["width"]
    open_app(screen, f"{app_url}/softmax?lang=en")
    if width >= 1024:
        assert screen.evaluate(SIDEBAR_RIGHT) > 0
        return
    wait_folded(screen)
    screen.locator("[data-testid='stExpandSidebarButton']").tap()
    screen.wait_for_function(f"({SIDEBAR_RIGHT})() > 0")
    screen.mouse.move(width - 5, 800)  # nothing hovers over the sidebar
    arrow = screen.locator("[data-testid='stSidebarCollapseButton'] button")
    assert arrow.evaluate("e => getComputedStyle(e).visibility") == "visible"
    screen.locator("[data-testid='stSidebarNavLink']").filter(has_text=t("sigmoid.nav", "en")).tap()
    wait_ready(screen)
    screen.wait_for_function(f"({SIDEBAR_RIGHT})() <= 0", timeout=5_000)
    assert "/sigmoid" in screen.url
