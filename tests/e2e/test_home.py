"""Browser test of the home page in both languages."""
import pytest

from core.text.i18n import t
from tests.e2e.conftest import assert_no_exception, open_app, screenshot

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_home_page_in_chromium(page, app_url, lang):
    """Check that the home page renders its title in the chosen language, with no exception."""
    open_app(page, f"{app_url}/?lang={lang}")
    assert page.locator("h1").first.inner_text().strip() == t("app.title", lang)
    assert_no_exception(page)
    assert page.console_errors == []
    screenshot(page, f"home-{lang}")


def test_language_switch_updates_url(page, app_url):
    """Check that clicking 한국어 translates the page and writes ?lang=ko into the address bar."""
    open_app(page, app_url)
    page.get_by_role("radio", name="한국어").click()
    page.wait_for_url("**lang=ko**")
    page.wait_for_function("document.querySelector('h1').innerText.includes('분류 놀이터')")
