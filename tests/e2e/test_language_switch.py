"""Browser test: switching to 한국어 on any page (ui.nav.PAGES) leaves no English in its widgets.

Labels, buttons, tabs, the values select boxes show and the options of segmented controls and pills
are read after the switch; a Latin word there must be a symbol or a proper name (NumPy, MNIST, ReLU …).
"""
import re

import pytest

from core.text.i18n import t
from ui.nav import HOME, PAGES
from tests.e2e.conftest import assert_no_exception, nav, open_app, train_to_the_end, wait_ready

pytestmark = pytest.mark.e2e

# Latin words a Korean page may show: names, symbols and units, not English sentences.
ALLOWED = {"numpy", "mnist", "sgd", "relu", "tanh", "adam", "glorot", "softmax", "sigmoid", "hardmax",
           "inf", "nan", "log", "exp", "float32", "float64", "csv", "keras", "max", "min", "xor",
           "png", "jpeg", "webp", "bmp", "gif",
           "upload"}  # Streamlit 1.67's file-uploader button: its text cannot be set from Python

WIDGET_TEXT = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const sel = ['[data-testid="stWidgetLabel"]', 'button', '[role=tab]', '[data-baseweb=select]',
                 '[data-testid="stMetricLabel"]'];
    const text = e => {  // without Material icon names ("restart_alt")
        const c = e.cloneNode(true);
        c.querySelectorAll('[data-testid="stIconMaterial"]').forEach(i => i.remove());
        return c.textContent.trim();
    };
    const boxes = Array.from(main.querySelectorAll('[role=combobox]')).flatMap(i => [i.value, i.placeholder]);
    return Array.from(main.querySelectorAll(sel.join(','))).map(text).concat(boxes).filter(Boolean);
}"""


# A tab's nickname on the class board ("Marten 48 · …") is a name a student may choose, not app text.
NICKNAME = re.compile(r"^[A-Z][a-z]+ \d+ · ")


def english_left(page) -> list[str]:
    """Widget texts that still hold an English word."""
    word = re.compile(r"[A-Za-z]{3,}")
    return [text for text in page.evaluate(WIDGET_TEXT)
            if any(w.lower() not in ALLOWED for w in word.findall(NICKNAME.sub("", text)))]


def switch_to_korean(page) -> None:
    page.locator("[data-testid='stSidebar']").get_by_text("한국어", exact=True).click()
    wait_ready(page)
    page.wait_for_timeout(500)


@pytest.mark.parametrize("spec", [HOME, *PAGES], ids=lambda s: s.url or "home")
def test_switching_to_korean_leaves_no_english_widget(page, app_url, spec):
    """Check that after the switch every label, button, tab, box value and option is Korean."""
    if spec.url in ("predictions", "own", "board"):  # pages whose select boxes name this tab's runs
        open_app(page, f"{app_url}/trainer?lang=en&data=digits&epochs=3")  # a short run to show there
        train_to_the_end(page, "en")
        nav(page, t(spec.title, "en"))  # the same session
    else:
        open_app(page, f"{app_url}/{spec.url}?lang=en")
    if spec.url == "softmax":  # the class names, not only the settings, must follow
        page.locator("[data-testid='stMain']").get_by_text(t("softmax.labels.fashion", "en"), exact=True).click()
        wait_ready(page)
        assert page.get_by_role("combobox", name=t("softmax.true_class", "en")).input_value() == "T-shirt/top"
    switch_to_korean(page)
    assert_no_exception(page)
    assert english_left(page) == []
    if spec.url == "softmax":
        assert page.get_by_role("combobox", name=t("softmax.true_class", "ko")).input_value() == "티셔츠/윗도리"
