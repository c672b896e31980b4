"""Check the presenter view's switch and address: ``?present=1`` turns it on and stays in the address across page
switches, a bad value is ignored with the page's usual warning, and every page draws in it — its intro folded, its
charts' text larger."""
import json

import pytest

from core.text.i18n import CATALOGUE, t
from tests.widgets import chart, component_data, named, open_page
from ui.charts import PRESENTER_TEXT
from ui.nav import HOME, PAGES

PATHS = [p.path for p in (HOME, *PAGES)]


def test_present_1_round_trips_and_survives_a_page_switch(app_path):
    """Check that ?present=1 turns the sidebar's switch on and stays in the address, also after a sidebar link
    (which drops the old page's query string) opens another page, and that switching it off removes it."""
    at = open_page(app_path, "views/softmax_explorer.py", present="1")
    assert at.toggle(key="present").value is True and at.query_params["present"] == "1"
    at.query_params.clear()
    at.switch_page("views/sigmoid_explorer.py").run()
    assert at.toggle(key="present").value is True and at.query_params["present"] == "1"
    at.toggle(key="present").set_value(False).run()
    assert "present" not in at.query_params and not at.exception


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_bad_present_value_is_ignored_with_the_usual_warning(app_path, lang):
    """Check that ?present=7 leaves the presenter view off and the page names it in its one bad-link warning."""
    at = open_page(app_path, "views/softmax_explorer.py", lang, present="7")
    prefix = CATALOGUE[lang]["common.bad_url"].split("{names}")[0]
    warnings = [w.value for w in at.warning if w.value.startswith(prefix)]
    assert len(warnings) == 1 and "present" in warnings[0], [w.value for w in at.warning]
    assert at.toggle(key="present").value is False and "present" not in at.query_params


def _font_sizes(at) -> list[float]:
    """Each chart's layout font size, in page order."""
    return [json.loads(el.proto.spec)["layout"]["font"]["size"] for el in at.get("plotly_chart")]


@pytest.mark.parametrize("path", PATHS)
def test_every_page_draws_in_presenter_view(app_path, path):
    """Check that each page runs in presenter view, its intro folded into the "About this page" expander and its
    charts' text larger than without it."""
    plain = open_page(app_path, path)
    at = open_page(app_path, path, present="1")
    assert at.toggle(key="present").value is True
    about = [e for e in at.expander if e.label == t("common.presenter.about", "en")]
    assert len(about) == (path not in ("views/predictions.py", "views/board.py"))  # the pages with an intro
    sizes, plain_sizes = _font_sizes(at), _font_sizes(plain)
    assert len(sizes) == len(plain_sizes) and all(a > b for a, b in zip(sizes, plain_sizes)), (sizes, plain_sizes)


def test_the_trainer_starts_a_run_in_presenter_view(app_path):
    """Check that Start in presenter view draws the live chart of a run that has no epoch yet (a figure without
    data: Streamlit refuses it as a dict) with no exception."""
    at = open_page(app_path, "views/trainer.py", timeout=120, present="1")
    named(at, "tr_dataset").set_value("digits").run()
    at.number_input(key="tr_epochs").set_value(2).run()
    at.button(key="tr_start").click().run()
    assert not at.exception and len(at.get("plotly_chart")) == 1


def test_the_regions_plane_grows_with_its_text(app_path):
    """Check that the decision-regions plane, the page's centrepiece drawn in the browser, is told to draw its
    text (ticks, score, legend, curves) as much larger in presenter view as the charts' text."""
    plain, at = open_page(app_path, "views/regions.py"), open_page(app_path, "views/regions.py", present="1")
    assert component_data(plain, "cp_regions")["scale"] == 1
    assert component_data(at, "cp_regions")["scale"] == pytest.approx(PRESENTER_TEXT)
