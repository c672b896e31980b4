"""The trainer page's settings panel: presets and one widget per TrainConfig field, kept in the URL.

The URL names the preset and only the fields that differ from it (``?preset=custom&lr=0.3``), so a
teacher's link opens the same settings. Number boxes carry no min/max of their own: Streamlit's
browser-side range message is English and it silently keeps the old value; the page checks the range
itself, says why next to the field in the page's language, and blocks Start.
"""
from __future__ import annotations

import math

import streamlit as st

from core.runs.config import FULL, PRESETS, SETTINGS, SUBSETS, TrainConfig
from core.text.i18n import t
from ui.lang import current_lang, tr
from ui.state import named_select, number_parser, reject, seeded_from_url, write_url

FIELDS = [name for name in SETTINGS if name != "subset"]  # one widget each; the subset's follows the data set
BASE = "textbook"  # the custom settings are written as differences from this preset
_K = "tr_"  # session_state prefix of the settings widgets
WIDTH = 190  # px: every field keeps a readable width and the row wraps on a narrow screen
WIDE = 250  # px: a select box, whose longest choice ("정규분포 N(0, 1) (교재)") must show whole
AUTOSTART = f"{_K}autostart"  # set by another page: start the settings shown as soon as the trainer runs
_OPEN = f"{_K}settings_open"  # the settings expander's state: open or folded, as the user last left it
_FOLD = f"{_K}fold"  # a Start asks to fold the settings when they are next drawn


def _apply_preset() -> None:
    name = st.session_state[f"{_K}preset"]
    if name in PRESETS:
        cfg = PRESETS[name]
        for f in FIELDS:
            st.session_state[_K + f] = getattr(cfg, f)
        st.session_state[f"{_K}subset"] = FULL[cfg.dataset]


def _to_custom() -> None:
    st.session_state[f"{_K}preset"] = "custom"  # a knob moved away from the preset


def _parser(field: str):
    """A link's text -> the field's value, refused (ValueError) unless the table accepts it: the same check
    as the field's box and ``TrainConfig.validate``."""
    s = SETTINGS[field]
    to_value = str if s.choices is not None else number_parser(-math.inf, math.inf, integer=s.integer)

    def parse(text: str):
        value = to_value(text)
        if not s.accepts(value):
            raise ValueError(f"{text!r} is not a {field}")
        return value
    return parse


def _seed_from_url() -> None:
    """First visit of this session: the preset the URL names, then the fields it changes."""
    ss, url = st.session_state, st.query_params
    preset = url.get("preset", BASE)
    if preset not in [*PRESETS, "custom"]:
        reject("preset")
        preset = BASE
    ss[f"{_K}preset"] = BASE if preset == "custom" else preset
    _apply_preset()
    ss[f"{_K}preset"] = preset
    for field, s in SETTINGS.items():
        if s.url in url:
            try:
                ss[_K + field] = _parser(field)(url[s.url])
            except (ValueError, TypeError, OverflowError):
                reject(s.url)


def _seed_defaults() -> None:
    seeded_from_url([f"{_K}preset"])  # forgotten, the settings are read from the address again
    if f"{_K}preset" not in st.session_state:
        _seed_from_url()
    options = SUBSETS[st.session_state[f"{_K}dataset"]]
    if st.session_state.get(f"{_K}subset") not in options:  # after a data-set switch, or a bad URL value
        st.session_state[f"{_K}subset"] = options[-1]


def publish_settings() -> None:
    """Write the preset and the fields that differ from it to the URL (and drop the rest)."""
    ss = st.session_state
    preset = ss[f"{_K}preset"]
    base = PRESETS.get(preset, PRESETS[BASE])
    values = {f: ss[_K + f] for f in FIELDS} | {"subset": ss[f"{_K}subset"]}
    defaults = {f: getattr(base, f) for f in FIELDS} | {"subset": FULL[values["dataset"]]}
    changed = {SETTINGS[f].url: v if v != defaults[f] else None for f, v in values.items()}
    write_url({"preset": preset} | changed)


def _select(box, field: str) -> None:
    s, lang = SETTINGS[field], current_lang()  # bound in the run: a select box may format outside it (AppTest)
    named_select(box, tr(s.label), s.choices, _K + field, on_change=_to_custom,
                 format_func=lambda v: t(f"trainer.{field}.{v}", lang), width=WIDE)


def _number(box, field: str, **kw) -> bool:
    """A number box for ``field``; returns whether the table accepts its value (else says why under it)."""
    s = SETTINGS[field]
    with box.container(width=WIDTH, gap=None):
        value = st.number_input(tr(s.label), key=_K + field, on_change=_to_custom, persist_state="session",
                                step=s.step, **kw)
        ok = s.accepts(value)
        if not ok:
            lo, hi = s.bounds()
            st.error(tr("trainer.range", lo=lo, hi=hi), icon=":material/error:")
    return ok


def on_a_phone() -> bool:
    """Whether this tab's browser says it is a phone: "Mobi" in its user agent, as every phone browser writes
    (Mozilla's own advice for telling a phone). A narrow laptop window is no phone; a tablet says no either."""
    return "Mobi" in st.context.headers.get("User-Agent", "")


def preset_picker() -> None:
    """Draw the preset picker (the settings first come from the URL, on this session's first visit)."""
    _seed_defaults()
    lang = current_lang()
    st.segmented_control(tr("trainer.preset"), [*PRESETS, "custom"], key=f"{_K}preset", required=True,
                         on_change=_apply_preset, persist_state="session",
                         format_func=lambda p: t(f"trainer.preset.{p}", lang))


def fold_settings() -> None:
    """Fold the settings when they are next drawn (after a Start: the live chart below them then shows whole)."""
    st.session_state[_FOLD] = True


def settings_panel(folded: bool) -> tuple[TrainConfig, bool]:
    """Draw the settings in an expander and return the TrainConfig and whether every field is in range. Call
    after :func:`preset_picker`.

    The expander starts ``folded`` on a visit of the page if asked, then stays as the user leaves it: a run that
    ends does not open it again (the chart that has just come into view would go down the screen), a Start folds
    it (:func:`fold_settings`), and a value out of range opens it (its message under the box must show).
    """
    ss = st.session_state
    in_range = all(SETTINGS[f].accepts(ss[_K + f]) for f in FIELDS)  # what the boxes hold now
    fold = ss.pop(_FOLD, False)
    if fold or _OPEN not in ss:
        ss[_OPEN] = not (fold or folded)
    if not in_range:
        ss[_OPEN] = True
    ok = True
    with st.expander(tr("trainer.settings"), key=_OPEN, on_change="rerun", icon=":material/tune:"):
        row = st.container(horizontal=True, vertical_alignment="top")
        _select(row, "dataset")
        subsets = SUBSETS[st.session_state[f"{_K}dataset"]]
        row.select_slider(tr(SETTINGS["subset"].label), subsets, key=f"{_K}subset",
                          help=tr("trainer.subset.help"), persist_state="session", format_func="{:,}".format,
                          width=WIDTH)
        _select(row, "engine")
        ok &= _number(row, "units", help=tr("trainer.units.help"))
        _select(row, "activation")
        _select(row, "init")
        _select(row, "optimizer")
        ok &= _number(row, "learning_rate", format="%.4g")
        ok &= _number(row, "batch_size", help=tr("trainer.batch_size.help"))
        ok &= _number(row, "epochs")
        ok &= _number(row, "l1", format="%.4g", help=tr("trainer.penalty.help"))
        ok &= _number(row, "l2", format="%.4g", help=tr("trainer.penalty.help"))
        ok &= _number(row, "seed")
    values = {f: st.session_state[_K + f] for f in FIELDS}
    subset = st.session_state[f"{_K}subset"]
    config = TrainConfig(**values, subset=None if subset == FULL[values["dataset"]] else subset,
                         record_val_predictions=True)
    return config, ok


def use_digits() -> None:
    """Switch the settings to the offline digits data set (button callback)."""
    st.session_state[f"{_K}dataset"] = "digits"
    st.session_state[f"{_K}subset"] = FULL["digits"]


def start_preset_on_trainer(name: str) -> None:
    """Set the trainer's settings to preset ``name`` and ask the trainer page to start it on its next run
    (for other pages' one-click "train" buttons; follow with ``st.switch_page`` to the trainer)."""
    st.session_state[f"{_K}preset"] = name
    _apply_preset()
    st.session_state[AUTOSTART] = True
