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
import zlib
from typing import Any, Callable

import streamlit as st

from ui.lang import tr

_BAD = "_url_rejected"  # session_state: names of query parameters ignored this run
NUMBER_BOX = 120  # px: a linked number box shows "-1000.05" whole, with its +/- buttons
_NOTICE = "_url_notice"  # session_state: this run's placeholder at the top of the page, for that warning
_PAGE = "_url_page"      # session_state: the URL path of the page this run shows
# Per page (its URL path): the session keys it seeds from its address and the address names it writes,
# learnt as the page runs (the same in every session). A lesson's view is those names; a tab that follows
# forgets those keys, so the page reads the view through its own parsers, as from a link.
_SEEDED: dict[str, tuple[set[str], set[str]]] = {}
# Address names of the whole app, not of one page's view (each tab's own: its language, the presenter view).
APP_WIDE = {"lang", "present"}


def param(key: str) -> str:
    """The query-parameter name of session key ``key``: its name without the page prefix."""
    return key.rpartition(".")[2]


def set_page(url_path: str) -> None:
    """Record which page this run shows (app.py, before the page runs)."""
    st.session_state[_PAGE] = url_path


def current_page() -> str:
    """The URL path of the page this run shows ("" for home)."""
    return st.session_state.get(_PAGE, "")


def seeded_from_url(keys=(), names=()) -> None:
    """Note that this page seeds session ``keys`` from its address and writes the address ``names``
    (seed, publish and write_url note theirs; a page that reads its address its own way notes it here)."""
    page = st.session_state.get(_PAGE)
    if page is not None:
        known = _SEEDED.setdefault(page, (set(), set()))
        known[0].update(k for k in keys if param(k) not in APP_WIDE)
        known[1].update(n for n in names if n not in APP_WIDE)


def page_view(page: str) -> dict[str, str]:
    """The settings page ``page`` wrote to this tab's address (what a lesson publishes)."""
    names = _SEEDED.get(page, (set(), set()))[1]
    return {n: st.query_params[n] for n in sorted(names) if n in st.query_params}


def forget_view(page: str) -> None:
    """Forget this session's state of page ``page`` that its address seeds (its next run reads the address)."""
    for key in _SEEDED.get(page, (set(), set()))[0]:
        st.session_state.pop(key, None)


def reject(key: str) -> None:
    """Record that ``?<param(key)>=`` was ignored: the page's next :func:`publish` warns about it."""
    st.session_state.setdefault(_BAD, set()).add(param(key))


def write_url(values: dict[str, Any]) -> None:
    """Write ``{name: value}`` to the URL as :func:`publish` would; a value of None removes the name."""
    seeded_from_url(names=values)
    for name, value in values.items():
        if value is None:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != (text := _fmt(value)):
            st.query_params[name] = text


def seed(key: str, default: Any, parse: Callable[[str], Any]) -> Any:
    """Set ``st.session_state[key]`` from ``?<param(key)>=`` the first time this session sees ``key``.

    ``parse`` turns the URL text into a value or raises ValueError/TypeError. Returns the value.
    A value already in the session that ``parse`` would not accept (another page of the app may keep
    something else under the same short name) is replaced by ``default``.
    """
    seeded_from_url([key], [param(key)])
    if key in st.session_state and not _fits(st.session_state[key], parse):
        st.session_state[key] = default
    if key not in st.session_state:
        value, raw = default, st.query_params.get(param(key))
        if raw is not None:
            try:
                value = parse(raw)
            except (ValueError, TypeError, OverflowError):
                reject(key)
        st.session_state[key] = value
    return st.session_state[key]


def _fits(value: Any, parse: Callable[[str], Any]) -> bool:
    """Whether ``parse`` accepts ``value`` written as text (so it can stand for this key)."""
    try:
        parse(_fmt(value) if isinstance(value, (bool, list)) else str(value))
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


def list_parser(options: list[str]) -> Callable[[str], list[str]]:
    """A parse function for :func:`seed` accepting "a.b" (some of ``options``, dot-separated) or "none"."""
    def parse(text: str) -> list[str]:
        items = [] if text == "none" else text.split(".")
        if not all(i in options for i in items) or len(set(items)) != len(items):
            raise ValueError(text)
        return [o for o in options if o in items]
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
    if isinstance(value, list):
        return ".".join(map(str, value)) or "none"
    return str(value)


def publish(keys: list[str]) -> None:
    """Write the current values of ``keys`` to the URL and show one warning for rejected URL values."""
    seeded_from_url(keys, map(param, keys))
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
        st.session_state.pop(key, None)
        if param(key) in st.query_params:
            del st.query_params[param(key)]


def linked_number(label: str, key: str, *, default: float, slider: tuple[float, float],
                  limits: tuple[float, float], step: float, fmt: str = "%.2f",
                  help: str | None = None) -> float:
    """A slider and a number input side by side that edit one value, kept in ``?<param(key)>=``.

    The slider covers the usual range ``slider``; the number input accepts the wider ``limits`` (for
    typing extreme values), and the slider then rests at its nearest end. Returns the value.

    A widget on screen is never sent a new value: when the value changed elsewhere (the other widget, a preset,
    a step, a reset) the widget is drawn anew under the next key (``<key>__s<g>``, ``<key>__n<g>``). A
    browser that sent the next arrow-key press before such a push arrived would otherwise report the old
    value as a change of its own and pull the slider back (presses lost, the box stale); the old keys'
    late reports are ignored.
    """
    value = float(seed(key, default, number_parser(*limits)))
    gen = st.session_state.setdefault(f"{key}__g", {"s": 0, "n": 0})
    keys = {}
    for kind, shown in (("s", min(max(value, slider[0]), slider[1])), ("n", value)):
        w_key = f"{key}__{kind}{gen[kind]}"
        if w_key in st.session_state and st.session_state[w_key] != shown:
            gen[kind] += 1
            w_key = f"{key}__{kind}{gen[kind]}"
        if w_key not in st.session_state:
            st.session_state[w_key] = shown
        keys[kind] = w_key

    def changed(kind: str, w_key: str) -> None:
        if w_key == f"{key}__{kind}{st.session_state[f'{key}__g'][kind]}":  # not a late report of an old widget
            st.session_state[key] = float(st.session_state[w_key])

    # The box keeps a width that shows a number whole; the slider takes the rest (and the row wraps).
    row = st.container(horizontal=True, vertical_alignment="bottom", gap="small")
    row.slider(label, min_value=float(slider[0]), max_value=float(slider[1]), step=float(step),
                format=fmt, key=keys["s"], on_change=changed, args=("s", keys["s"]), help=help)
    row.number_input(label, min_value=float(limits[0]), max_value=float(limits[1]), step=float(step),
                     format=fmt, key=keys["n"], on_change=changed, args=("n", keys["n"]),
                     label_visibility="collapsed", width=NUMBER_BOX)
    if not slider[0] <= value <= slider[1]:  # the thumb pinned at an end would otherwise pass for the value
        st.caption(tr("common.beyond_slider", value=fmt % value, lo=fmt % slider[0], hi=fmt % slider[1]))
    return float(st.session_state[key])


def named_select(box, label: str, options: list, key: str, *, format_func: Callable[[Any], str] = str,
                 on_change: Callable[[], None] | None = None, multi: bool = False, **kwargs) -> Any:
    """A select box (a multiselect if ``multi``) whose shown names follow the language and the class names;
    its value in ``key``.

    Streamlit 1.67 identifies a keyed select box by its key alone, and the browser then keeps showing
    the old name of the chosen option ("class 1", "T-shirt/top") after the names change. The widget's
    own key carries a digest of the names, so new names draw a new box, seeded from ``key``. ``index``
    (``default`` for a multiselect) applies while ``key`` holds nothing valid.
    """
    options = list(options)
    names = "\x1f".join(map(str, map(format_func, options)))
    w_key = f"{key}__{zlib.crc32(names.encode()):08x}"
    index, default = kwargs.pop("index", 0), kwargs.pop("default", None)
    if multi:
        chosen = st.session_state.get(key)
        st.session_state[key] = [v for v in (default or [] if chosen is None else chosen) if v in options]
    elif st.session_state.get(key) not in options:
        st.session_state[key] = options[index] if options else None
    st.session_state[w_key] = st.session_state[key]

    def sync() -> None:
        st.session_state[key] = st.session_state[w_key]
        if on_change is not None:
            on_change()

    # Streamlit's own placeholder ("Choose options", "No options to select") is English on every page.
    kwargs.setdefault("placeholder", tr("common.choose_many" if multi else "common.choose"))
    widget = box.multiselect if multi else box.selectbox
    widget(label, options, format_func=format_func, key=w_key, on_change=sync, **kwargs)
    return st.session_state[key]
