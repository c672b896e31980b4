"""The page registry: the one list of pages the router registers and the home page links."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui.lang import tr


@dataclass(frozen=True)
class PageSpec:
    path: str      # file under views/
    url: str       # stable URL path, independent of the (translated) title
    title: str     # i18n key of the navigation title
    blurb: str     # i18n key of the one-line description on the home page
    icon: str
    section: str   # i18n key of the navigation section


HOME = PageSpec("views/home.py", "", "nav.home", "", ":material/home:", "nav.section.explore")
PAGES: list[PageSpec] = [
    PageSpec("views/softmax_explorer.py", "softmax", "softmax.title", "softmax.blurb",
             ":material/bar_chart:", "nav.section.explore"),
    PageSpec("views/sigmoid_explorer.py", "sigmoid", "sigmoid.nav", "sigmoid.blurb", ":material/show_chart:",
             "nav.section.explore"),
    PageSpec("views/loss_viewer.py", "loss", "loss.nav.title", "loss.nav.blurb", ":material/functions:",
             "nav.section.explore"),
    PageSpec("views/regions.py", "regions", "regions.nav", "regions.blurb", ":material/texture:",
             "nav.section.explore"),
    PageSpec("views/trainer.py", "trainer", "nav.trainer", "trainer.blurb", ":material/model_training:",
             "nav.section.train"),
    PageSpec("views/predictions.py", "predictions", "nav.predictions", "pred.blurb", ":material/grid_view:",
             "nav.section.train"),
    PageSpec("views/board.py", "board", "nav.board", "board.blurb", ":material/leaderboard:", "nav.section.train"),
    PageSpec("views/own_image.py", "own", "own.nav", "own.blurb", ":material/photo_camera:",
             "nav.section.train"),
]


def page_by_url(url: str) -> PageSpec | None:
    """The page whose URL path is ``url`` ("" for home), or None."""
    return next((spec for spec in [HOME, *PAGES] if spec.url == url), None)


def navigation() -> st.navigation:
    """Build the translated st.navigation over HOME and PAGES (call once per run, from app.py)."""
    sections: dict[str, list[st.Page]] = {}
    for spec in [HOME, *PAGES]:
        page = st.Page(spec.path, title=tr(spec.title), icon=spec.icon,
                       url_path=spec.url or None, default=spec is HOME)
        sections.setdefault(tr(spec.section), []).append(page)
    return st.navigation(sections)
