"""Check that each page owns its state: visiting any page first leaves every other page on its own defaults."""
import itertools

import pytest
from streamlit.testing.v1 import AppTest

from ui.nav import HOME, PAGES

# Pages that draw only their open tab: the session key of the open tab and every tab's code, so that a visit
# shows (and seeds) every tab.
TABS = {"views/loss_viewer.py": ("lv.t", ["bin", "multi", "mse", "clip"])}
WIDGETS = ("slider", "number_input", "selectbox", "button_group", "checkbox", "toggle", "select_slider",
           "multiselect", "radio", "text_input")
PATHS = [p.path for p in (HOME, *PAGES)]


def visit(at: AppTest, path: str) -> dict:
    """Switch to ``path`` as a sidebar link does (the browser drops the old page's query string) and open
    each of its tabs; return what its widgets show, tab by tab."""
    at.query_params.clear()
    at.switch_page(path).run()
    assert not at.exception, path
    key, codes = TABS.get(path, (None, [None]))
    seen = {}
    for code in codes:
        if key is not None:
            at.session_state[key] = code
            at.run()
        seen[code] = {(kind, w.key): w.value for kind in WIDGETS for w in at.get(kind)
                      if w.key not in ("lang", "ws_nick_box")}  # the shell's, not the page's
    return seen


@pytest.fixture(scope="module")
def defaults(request) -> dict:
    """Each page's widgets as a fresh session first sees them."""
    app_path = str(request.config.rootpath / "app.py")
    return {path: visit(AppTest.from_file(app_path, default_timeout=60).run(), path) for path in PATHS}


@pytest.mark.parametrize("first, then", [pair for pair in itertools.permutations(PATHS, 2)
                                         if HOME.path not in pair])
def test_a_page_opens_on_its_own_defaults_after_any_other(app_path, defaults, first, then):
    """Check that after visiting ``first`` (every tab), ``then`` shows exactly its fresh-session defaults:
    no page reads another page's values (the softmax explorer's z0…, t are not the loss viewer's)."""
    at = AppTest.from_file(app_path, default_timeout=60).run()
    visit(at, first)
    assert visit(at, then) == defaults[then]
