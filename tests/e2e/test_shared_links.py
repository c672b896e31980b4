"""Browser test: a link copied from a configured page opens the same view in a fresh browser (a student's).

Each page is configured through its widgets as a teacher would; the address bar is then opened in a new
context (no shared session) and what the page shows — every widget's value and every chart's traces —
must be the same. Pages without a recipe below (new pages) are still opened and compared as they start.
"""
import pytest

from core.text.i18n import t
from ui.nav import HOME, PAGES
from tests.e2e.conftest import assert_no_exception, charts, open_app, wait_ready

pytestmark = pytest.mark.e2e

# What the page's widgets show: their labels with their values, and the selected options.
VIEW = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const out = [];
    for (const el of main.querySelectorAll('input[type=range]'))  // Streamlit 1.67's sliders (React Aria)
        out.push(['slider', el.getAttribute('aria-label') ?? '', el.value]);
    for (const el of main.querySelectorAll('input[type=number], input[type=text]'))
        out.push(['input', el.getAttribute('aria-label') ?? '', el.value]);
    for (const el of main.querySelectorAll('[data-testid=stMultiSelect]'))
        out.push(['select', '', el.innerText]);
    for (const el of main.querySelectorAll('button[kind$="Active"], button[aria-checked=true], [role=tab][aria-selected=true]'))
        out.push(['chosen', '', el.innerText]);
    return out;
}"""


def view(page) -> list:
    """The page's widget values and chart traces, once its charts are drawn."""
    page.wait_for_timeout(600)
    wait_ready(page)
    traces = [[(d["type"], d["name"], d["visible"]) for d in chart or []] for chart in charts(page)]
    return page.evaluate(VIEW) + traces


def _press(page, label: str, key: str, times: int) -> None:
    slider = page.locator("[data-testid='stSlider']").filter(has_text=label).first.get_by_role("slider")
    slider.focus()
    for _ in range(times):
        slider.press(key)
    wait_ready(page)


def _click(page, text: str) -> None:
    page.locator("[data-testid='stMain']").get_by_text(text, exact=True).first.click()
    wait_ready(page)


def configure_softmax(page, lang):
    _click(page, t("softmax.show.hardmax", lang))
    _click(page, t("softmax.labels.fashion", lang))
    _press(page, "z₁", "ArrowRight", 3)


def configure_sigmoid(page, lang):
    _click(page, t("sigmoid.pin", lang))
    _press(page, t("sigmoid.w", lang), "ArrowRight", 4)
    _click(page, t("sigmoid.pin", lang))


def configure_loss(page, lang):
    _click(page, t("loss.tab.mse", lang))
    page.locator("[data-testid='stMain']").get_by_text(t("loss.surf.view_3d", lang), exact=True).first.click()
    page.wait_for_url("**sv=3d**", timeout=1000)  # at once, not after the 3-D redraw
    wait_ready(page)


def configure_trainer(page, lang):
    _click(page, t("trainer.preset.fast", lang))
    box = page.get_by_label(t("trainer.learning_rate", lang))
    box.fill("0.3")
    box.press("Enter")
    wait_ready(page)


RECIPES = {"softmax": configure_softmax, "sigmoid": configure_sigmoid, "loss": configure_loss,
           "trainer": configure_trainer}


@pytest.mark.parametrize("spec", [HOME, *PAGES], ids=lambda s: s.url or "home")
def test_a_shared_link_opens_the_same_view(browser, app_url, spec):
    """Check that the address bar of a configured page reproduces its view in a fresh context."""
    lang = "ko"
    teacher = browser.new_context(viewport={"width": 1366, "height": 900})
    student = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = teacher.new_page()
        open_app(page, f"{app_url}/{spec.url}?lang={lang}")
        before = view(page)
        if spec.url in RECIPES:
            RECIPES[spec.url](page, lang)
        shown = view(page)
        if spec.url in RECIPES:
            assert shown != before, "the recipe changed nothing"
        link = page.url
        other = student.new_page()
        open_app(other, link)
        assert_no_exception(other)
        assert view(other) == shown, link
    finally:
        teacher.close()
        student.close()
