"""Browser tests of every page (ui.nav.PAGES) on a phone, a tablet and a projector, in both languages.

No label, button, metric or box shows cut text; the chart a slider moves is in view with it; a trainer
value out of range blocks Start with the reason in the page's language.
"""
import pytest

from core.i18n import t
from ui.nav import HOME, PAGES
from tests.e2e.conftest import assert_no_exception, open_app, screenshot, wait_ready

pytestmark = pytest.mark.e2e

SCREENS = {390: (390, 844), 820: (820, 1180), 1366: (1366, 900)}

# Text that is cut shows an ellipsis: its box is narrower than its content.
CUT = """() => {
    const sel = ['[data-testid="stWidgetLabel"] p', '[data-testid="stMetricLabel"] p',
                 '[data-testid="stMetricValue"] div', '[data-testid="stMain"] button p',
                 '[data-testid="stMain"] input:not([type=range]):not([type=checkbox])', '[data-baseweb="select"] [value]',
                 '[data-baseweb="select"] div[title]'];
    const out = [];
    for (const el of document.querySelectorAll(sel.join(','))) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || el.closest('[data-testid="stSidebar"]')) continue;
        const text = el.value ?? el.innerText;
        if (el.scrollWidth > el.clientWidth + 1 || (el.tagName === 'INPUT' && r.width < 56))
            out.push(`${text} (${Math.round(r.width)} px)`);
    }
    return out;
}"""


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
        open_app(screen, f"{app_url}/{spec.url}?lang={lang}")
        screen.wait_for_timeout(500)
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
