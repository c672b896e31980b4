"""The trainer page's settings panel: presets and one widget per TrainConfig field, kept in the URL.

The URL names the preset and only the fields that differ from it (``?preset=custom&lr=0.3``), so a
teacher's link opens the same settings. Number boxes carry no min/max of their own: Streamlit's
browser-side range message is English and it silently keeps the old value; the page checks the range
itself, says why next to the field in the page's language, and blocks Start.
"""
from __future__ import annotations

import streamlit as st

from core.runs.training import ACTIVATIONS, DATASETS, ENGINES, INITS, OPTIMIZERS, PRESETS, TrainConfig
from ui.lang import tr
from ui.state import choice_parser, named_select, number_parser, reject, write_url

SUBSETS = {"fashion_mnist": [2000, 5000, 10000, 20000, 48000], "digits": [1149]}
FULL = {"fashion_mnist": 48000, "digits": 1149}
FIELDS = ("dataset", "engine", "units", "activation", "init", "optimizer", "learning_rate", "batch_size",
          "epochs", "l1", "l2", "seed")
CHOICES = {"dataset": DATASETS, "engine": ENGINES, "activation": ACTIVATIONS, "init": INITS,
           "optimizer": OPTIMIZERS}
# field -> (lowest, highest, integer?) of the number boxes
RANGES = {"units": (0, 1024, True), "learning_rate": (1e-5, 10.0, False), "batch_size": (1, 48000, True),
          "epochs": (1, 200, True), "l1": (0.0, 1.0, False), "l2": (0.0, 1.0, False),
          "seed": (0, 2**31 - 1, True)}
# field -> its short name in the URL
URL = {"dataset": "data", "engine": "engine", "units": "units", "activation": "act", "init": "init",
       "optimizer": "opt", "learning_rate": "lr", "batch_size": "batch", "epochs": "epochs", "l1": "l1",
       "l2": "l2", "seed": "seed", "subset": "subset"}
BASE = "textbook"  # the custom settings are written as differences from this preset
_K = "tr_"  # session_state prefix of the settings widgets
WIDTH = 190  # px: every field keeps a readable width and the row wraps on a narrow screen
WIDE = 250  # px: a select box, whose longest choice ("정규분포 N(0, 1) (교재)") must show whole
AUTOSTART = f"{_K}autostart"  # set by another page: start the settings shown as soon as the trainer runs


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
    if field in CHOICES:
        return choice_parser(list(CHOICES[field]))
    if field == "subset":
        return number_parser(1, max(FULL.values()), integer=True)
    lo, hi, integer = RANGES[field]
    return number_parser(lo, hi, integer=integer)


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
    for field, name in URL.items():
        if name in url:
            try:
                ss[_K + field] = _parser(field)(url[name])
            except (ValueError, TypeError, OverflowError):
                reject(name)


def _seed_defaults() -> None:
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
    write_url({"preset": preset} | {URL[f]: v if v != defaults[f] else None for f, v in values.items()})


def _select(box, field: str) -> None:
    named_select(box, tr(f"trainer.{field}"), CHOICES[field], _K + field, on_change=_to_custom,
                 format_func=lambda v: tr(f"trainer.{field}.{v}"), width=WIDE, placeholder=tr("common.choose"))


def _number(box, field: str, **kw) -> bool:
    """A number box for ``field``; returns whether its value is in range (else says why under it)."""
    lo, hi, integer = RANGES[field]
    with box.container(width=WIDTH, gap=None):
        value = st.number_input(tr(f"trainer.{field}"), key=_K + field, on_change=_to_custom,
                                persist_state="session", step=1 if integer else kw.pop("step", None), **kw)
        ok = value is not None and lo <= value <= hi and (not integer or value == int(value))
        if not ok:
            st.error(tr("trainer.range", lo=f"{lo:,}" if integer else f"{lo:g}",
                        hi=f"{hi:,}" if integer else f"{hi:g}"), icon=":material/error:")
    return ok


def settings_panel() -> tuple[TrainConfig, bool]:
    """Draw the preset picker and the settings; return the TrainConfig and whether every field is in range."""
    _seed_defaults()
    st.segmented_control(tr("trainer.preset"), [*PRESETS, "custom"], key=f"{_K}preset", required=True,
                         on_change=_apply_preset, persist_state="session",
                         format_func=lambda p: tr(f"trainer.preset.{p}"))
    ok = True
    with st.expander(tr("trainer.settings"), expanded=True):
        row = st.container(horizontal=True, vertical_alignment="top")
        _select(row, "dataset")
        row.select_slider(tr("trainer.subset"), SUBSETS[st.session_state[f"{_K}dataset"]], key=f"{_K}subset",
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
        ok &= _number(row, "l1", format="%.4g", step=1e-4, help=tr("trainer.penalty.help"))
        ok &= _number(row, "l2", format="%.4g", step=1e-4, help=tr("trainer.penalty.help"))
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
