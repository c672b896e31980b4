"""The session's language, chosen in the sidebar and kept in the URL (``?lang=ko``)."""
from __future__ import annotations

import re

import streamlit as st

from core.text.i18n import LANGUAGES, normalize_lang, t

_MARKDOWN_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark: Markdown may escape any


def language_switch() -> str:
    """Draw the sidebar language switch and keep ``?lang=`` in the URL in step with it.

    Managed by hand rather than with ``bind="query-params"``, which would put the displayed label
    (``한국어``) into the URL instead of the short code.
    """
    if "lang" not in st.session_state:  # first run of this session: the URL decides
        st.session_state.lang = normalize_lang(st.query_params.get("lang"))
    choice = st.sidebar.segmented_control(
        "Language · 언어", options=list(LANGUAGES), format_func=LANGUAGES.__getitem__,
        key="lang", required=True,
    )
    lang = normalize_lang(choice)
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    return lang


def current_lang() -> str:
    """The language of this session (English until the switch says otherwise)."""
    return normalize_lang(st.session_state.get("lang"))


def tr(key: str, **fmt: object) -> str:
    """Translate ``key`` into the session's language."""
    return t(key, current_lang(), **fmt)


def plain(text: str) -> str:
    """``text`` (a nickname, say) to be shown as it is where Streamlit reads Markdown (captions, messages,
    labels): ``*x*`` no emphasis, ``:red[x]`` no colour, ``$x$`` no formula, ``www.example.com`` no link."""
    # A backslash before each ASCII punctuation mark undoes Markdown's syntax; but GFM finds www., http://
    # and e-mail links in the text after escapes are read, so an invisible word joiner (U+2060) goes before
    # each . : @ as well: the text looks the same and is no longer an address.
    return _MARKDOWN_PUNCT.sub(lambda m: ("\u2060" if m[1] in ".:@" else "") + "\\" + m[1], text)
