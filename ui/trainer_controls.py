"""The trainer page's settings panel: presets and one widget per TrainConfig field."""
from __future__ import annotations

import streamlit as st

from core.training import ACTIVATIONS, DATASETS, ENGINES, INITS, OPTIMIZERS, PRESETS, TrainConfig
from ui.lang import tr

SUBSETS = {"fashion_mnist": [2000, 5000, 10000, 20000, 48000], "digits": [1149]}
FULL = {"fashion_mnist": 48000, "digits": 1149}
FIELDS = ("dataset", "engine", "units", "activation", "init", "optimizer", "learning_rate", "batch_size",
          "epochs", "l1", "l2", "seed")
_K = "tr_"  # session_state prefix of the settings widgets
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


def _seed_defaults() -> None:
    if f"{_K}preset" not in st.session_state:
        st.session_state[f"{_K}preset"] = "textbook"
        _apply_preset()
    options = SUBSETS[st.session_state[f"{_K}dataset"]]
    if st.session_state.get(f"{_K}subset") not in options:  # after a data-set switch
        st.session_state[f"{_K}subset"] = options[-1]


def _select(col, field: str, options) -> None:
    col.selectbox(tr(f"trainer.{field}"), options, key=_K + field, on_change=_to_custom,
                  persist_state="session", format_func=lambda v: tr(f"trainer.{field}.{v}"))


def settings_panel() -> TrainConfig:
    """Draw the preset picker and the settings; return the TrainConfig they describe."""
    _seed_defaults()
    st.segmented_control(tr("trainer.preset"), [*PRESETS, "custom"], key=f"{_K}preset", required=True,
                         on_change=_apply_preset, persist_state="session",
                         format_func=lambda p: tr(f"trainer.preset.{p}"))
    with st.expander(tr("trainer.settings"), expanded=True):
        c1, c2, c3, c4 = st.columns(4)
        _select(c1, "dataset", DATASETS)
        c1.select_slider(tr("trainer.subset"), SUBSETS[st.session_state[f"{_K}dataset"]], key=f"{_K}subset",
                         help=tr("trainer.subset.help"), persist_state="session", format_func="{:,}".format)
        c1.number_input(tr("trainer.seed"), 0, 2**31 - 1, key=f"{_K}seed", on_change=_to_custom,
                        persist_state="session")
        _select(c2, "engine", ENGINES)
        c2.number_input(tr("trainer.units"), 0, 1024, key=f"{_K}units", help=tr("trainer.units.help"),
                        on_change=_to_custom, persist_state="session")
        c2.selectbox(tr("trainer.activation"), ACTIVATIONS, key=f"{_K}activation", on_change=_to_custom, persist_state="session")
        _select(c3, "init", INITS)
        _select(c3, "optimizer", OPTIMIZERS)
        c3.number_input(tr("trainer.learning_rate"), 1e-5, 10.0, key=f"{_K}learning_rate", format="%.4g",
                        on_change=_to_custom, persist_state="session")
        c4.number_input(tr("trainer.batch_size"), 1, 48000, key=f"{_K}batch_size",
                        help=tr("trainer.batch_size.help"), on_change=_to_custom, persist_state="session")
        c4.number_input(tr("trainer.epochs"), 1, 200, key=f"{_K}epochs", on_change=_to_custom, persist_state="session")
        l1, l2 = c4.columns(2)
        l1.number_input(tr("trainer.l1"), 0.0, 1.0, key=f"{_K}l1", format="%.4g", step=1e-4,
                        help=tr("trainer.penalty.help"), on_change=_to_custom, persist_state="session")
        l2.number_input(tr("trainer.l2"), 0.0, 1.0, key=f"{_K}l2", format="%.4g", step=1e-4,
                        help=tr("trainer.penalty.help"), on_change=_to_custom, persist_state="session")
    values = {f: st.session_state[_K + f] for f in FIELDS}
    subset = st.session_state[f"{_K}subset"]
    config = TrainConfig(**values, subset=None if subset == FULL[values["dataset"]] else subset,
                         record_val_predictions=True)
    return config


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
