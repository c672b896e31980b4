"""AppTest smoke tests of the router and home page in both languages."""
import pytest
from streamlit.testing.v1 import AppTest

from core.text.i18n import t
from ui.nav import PAGES


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_home_renders_in_each_language(app_path, lang):
    """Check that ?lang= picks the language and the home page shows its title and how-to."""
    at = AppTest.from_file(app_path, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert at.title[0].value == t("app.title", lang)
    assert at.subheader[0].value == t("home.howto.title", lang)


def test_unknown_language_falls_back_to_english(app_path):
    """Check that a hostile ?lang= value is ignored, not rendered or crashed on."""
    at = AppTest.from_file(app_path)
    at.query_params["lang"] = "<script>alert(1)</script>"
    at.run()
    assert not at.exception and at.title[0].value == t("app.title", "en")


def test_language_switch_changes_the_page(app_path):
    """Check that clicking 한국어 in the sidebar redraws the page in Korean."""
    at = AppTest.from_file(app_path).run()
    at.button_group(key="lang").set_value("ko").run()
    assert at.title[0].value == t("app.title", "ko")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_home_links_every_registered_page(app_path, lang):
    """Check that the home page links each registered page once, under its translated title."""
    at = AppTest.from_file(app_path)
    at.query_params["lang"] = lang
    at.run()
    assert [link.value for link in at.main.page_link] == [t(p.title, lang) for p in PAGES]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_korean_line_breaking_is_installed_on_korean_pages_only(app_path, lang):
    """Check that a Korean page gets the style that keeps Korean words whole and says Streamlit's own widget
    words in Korean (our catalogue's, as CSS strings), and that an English page is left as it was."""
    at = AppTest.from_file(app_path, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    styles = " ".join(el.proto.body for el in at.get("html"))
    assert ("word-break: keep-all" in styles) == (lang == "ko")
    assert (f'content: "{t("common.widget.select_all", "ko")}"' in styles) == (lang == "ko")
