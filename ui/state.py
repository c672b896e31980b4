"""Page state that lives in the URL, so a teacher can share a link that opens exactly one view.

Each value has one canonical entry in ``st.session_state`` (surviving page switches) and one query
parameter. A page keeps its state under its own prefix, ``"<page>.<name>"`` (``sm.z0`` is the softmax
explorer's, ``lv.z0`` the loss viewer's); the query parameter is the short name after the prefix (``?z0=``),
since a URL opens one page. On a session's first visit the URL seeds the value; a value that fails to parse or lies out
of range is ignored with a warning in the page's language (never rendered as HTML). After the widgets
ran, :func:`publish` writes the current values back to the address bar.
"""
from __future__ import annotations

import math
from typing import Any, Callable

import streamlit as st

from ui.lang import tr

_BAD = "_url_rejected"  # session_state: names of query parameters ignored this run
_NOTICE = "_url_notice"  # session_state: this run's placeholder at the top of the page, for that warning


def param(key: str) -> str:
    """The query-parameter name of session key ``key``: its name without the page prefix."""
    return key.rpartition(".")[2]


def _reject(key: str) -> None:
    st.session_state.setdefault(_BAD, set()).add(param(key))


def seed(key: str, default: Any, parse: Callable[[str], Any]) -> Any:
    """Set ``st.session_state[key]`` from ``?<param(key)>=`` the first time this session sees ``key``.

    ``parse`` turns the URL text into a value or raises ValueError/TypeError. Returns the value.
    A value already in the session that ``parse`` would not accept (another page of the app may keep
    something else under the same short name) is replaced by ``default``.
    """
    if key in st.session_state and not _fits(st.session_state[key], parse):
        st.session_state[key] = default
    if key not in st.session_state:
        value, raw = default, st.query_params.get(param(key))
        if raw is not None:
            try:
                value = parse(raw)
            except (ValueError, TypeError, OverflowError):
                _reject(key)
        st.session_state[key] = value
    return st.session_state[key]


def _fits(value: Any, parse: Callable[[str], Any]) -> bool:
    """Whether ``parse`` accepts ``value`` written as text (so it can stand for this key)."""
    try:
        parse(_fmt(value) if isinstance(value, bool) else str(value))
    except (ValueError, TypeError, OverflowError):
        return False
    return True


def number_parser(lo: float, hi: float, *, integer: bool = False) -> Callable[[str], float]:
    """A parse function for :func:`seed` accepting finite numbers in [lo, hi] (integers if asked)."""
    def parse(text: str) -> float:
        if len(text) > 40:
            raise ValueError("too long")
        x = float(text)
        if not math.isfinite(x) or not lo <= x <= hi or (integer and x != int(x)):
            raise ValueError(f"{text!r} out of range")
        return int(x) if integer else x
    return parse


def choice_parser(options: list[str]) -> Callable[[str], str]:
    """A parse function for :func:`seed` accepting one of ``options`` (language-independent codes)."""
    def parse(text: str) -> str:
        if text not in options:
            raise ValueError(text)
        return text
    return parse


def bool_parser(text: str) -> bool:
    """Parse "1"/"0" (and true/false) for :func:`seed`."""
    if text.lower() in ("1", "true"):
        return True
    if text.lower() in ("0", "false"):
        return False
    raise ValueError(text)


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def publish(keys: list[str]) -> None:
    """Write the current values of ``keys`` to the URL and show one warning for rejected URL values."""
    for key in keys:
        if key in st.session_state:
            text = _fmt(st.session_state[key])
            if st.query_params.get(param(key)) != text:
                st.query_params[param(key)] = text
    rejected = st.session_state.pop(_BAD, None)
    if rejected:  # at the top of the page when app.py reserved it: a student must see it without scrolling
        where = st.session_state.get(_NOTICE) or st
        where.warning(tr("common.bad_url", names=", ".join(sorted(rejected))), icon=":material/link_off:")


def reserve_notice() -> None:
    """Reserve the top of the page for the warning about bad link values (call before the page runs)."""
    st.session_state[_NOTICE] = st.empty()


def keep(keys: list[str]) -> None:
    """Keep ``keys`` through a run that does not draw their widgets (a closed lazy tab's).

    Streamlit forgets the state of a widget that a run leaves out; writing the value back as ordinary
    session state before any widget is drawn keeps it for when the widget returns.
    """
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def reset(keys: list[str]) -> None:
    """Forget ``keys`` (session and URL) so the next run starts from the defaults. Use as on_click."""
    for key in keys:
        for k in (key, f"{key}__s", f"{key}__n"):
            st.session_state.pop(k, None)
        if param(key) in st.query_params:
            del st.query_params[param(key)]


def linked_number(label: str, key: str, *, default: float, slider: tuple[float, float],
                  limits: tuple[float, float], step: float, fmt: str = "%.2f",
                  help: str | None = None) -> float:
    """A slider and a number input side by side that edit one value, kept in ``?<param(key)>=``.

    The slider covers the usual range ``slider``; the number input accepts the wider ``limits`` (for
    typing extreme values), and the slider then rests at its nearest end. Returns the value.
    """
    value = float(seed(key, default, number_parser(*limits)))
    s_key, n_key = f"{key}__s", f"{key}__n"
    st.session_state[s_key] = min(max(value, slider[0]), slider[1])
    st.session_state[n_key] = value

    def from_slider() -> None:
        st.session_state[key] = float(st.session_state[s_key])

    def from_number() -> None:
        st.session_state[key] = float(st.session_state[n_key])

    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.slider(label, min_value=float(slider[0]), max_value=float(slider[1]), step=float(step),
                format=fmt, key=s_key, on_change=from_slider, help=help)
    right.number_input(label, min_value=float(limits[0]), max_value=float(limits[1]), step=float(step),
                       format=fmt, key=n_key, on_change=from_number, label_visibility="collapsed")
    return float(st.session_state[key])
