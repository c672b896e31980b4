"""The page registry: the one list of pages the router registers and the home page links."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui.lang import tr


@dataclass(frozen=True)
class PageSpec:
    path: str      # file under pages/
    url: str       # stable URL path, independent of the (translated) title
    title: str     # i18n key of the navigation title
    blurb: str     # i18n key of the one-line description on the home page
    icon: str
    section: str   # i18n key of the navigation section


HOME = PageSpec("pages/home.py", "", "nav.home", "", ":material/home:", "nav.section.explore")
PAGES: list[PageSpec] = [
    PageSpec("pages/sigmoid_explorer.py", "sigmoid", "sigmoid.nav", "sigmoid.blurb", ":material/show_chart:",
             "nav.section.explore"),
]


def navigation() -> st.navigation:
    """Build the translated st.navigation over HOME and PAGES (call once per run, from app.py)."""
    sections: dict[str, list[st.Page]] = {}
    for spec in [HOME, *PAGES]:
        page = st.Page(spec.path, title=tr(spec.title), icon=spec.icon,
                       url_path=spec.url or None, default=spec is HOME)
        sections.setdefault(tr(spec.section), []).append(page)
    return st.navigation(sections)
