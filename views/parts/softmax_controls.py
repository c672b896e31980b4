"""The softmax explorer's controls, kept here so the page itself stays a short read → compute → render.

Every control's value lives in ``st.session_state`` under ``sm.<query-parameter name>`` (see ui/state.py):
``n`` classes, ``labels`` (index | fashion), ``z0``…``z9`` logits, ``t`` temperature, ``c`` shift,
``y`` true class (0-based), ``lr`` learning rate.
"""
from __future__ import annotations

import streamlit as st

from core.pages import softmax_lab as lab
from ui.lang import tr
from ui.state import choice_parser, linked_number, named_select, number_parser, param, publish, seed

P = "sm."  # this page's session-state prefix
LOGIT_KEYS = [f"{P}z{i}" for i in range(lab.MAX_CLASSES)]
SCALAR_KEYS = [P + k for k in ("n", "labels", "t", "c", "y", "lr")]
STATE_KEYS = SCALAR_KEYS + LOGIT_KEYS
_LIMITS = (-lab.LOGIT_LIMIT, lab.LOGIT_LIMIT)


def _set_logits(logits, extra: dict | None = None) -> None:
    """Callback: replace the first len(logits) logits (and any ``extra`` values, by short name) before the
    next run."""
    for key, value in zip(LOGIT_KEYS, logits):
        st.session_state[key] = float(value)
    st.session_state.update({P + k: v for k, v in (extra or {}).items()})


def preset_buttons(active: str | None) -> None:
    """One button per textbook preset, the ``active`` one marked; a preset sets C, the logits, c = 0 and
    T = 1."""
    st.markdown(f"**{tr('softmax.presets')}**")
    with st.container(horizontal=True):
        for name, logits in lab.PRESETS.items():
            st.button(tr(f"softmax.preset.{name}"), key=f"preset_{name}", on_click=_set_logits,
                      args=(logits, dict(n=len(logits), c=0.0, t=1.0)),
                      type="primary" if name == active else "secondary")
    st.caption(tr("softmax.preset.note"))


def class_controls() -> tuple[int, str]:
    """The number of classes and how they are named; returns (n, label mode)."""
    seed(P + "n", lab.DEFAULT_CLASSES, number_parser(lab.MIN_CLASSES, lab.MAX_CLASSES, integer=True))
    seed(P + "labels", "index", choice_parser(list(lab.LABEL_MODES)))
    n = st.slider(tr("softmax.classes"), lab.MIN_CLASSES, lab.MAX_CLASSES, key=P + "n")
    mode = st.segmented_control(tr("softmax.labels"), lab.LABEL_MODES, key=P + "labels", required=True,
                                   format_func=lambda m: tr(f"softmax.labels.{m}"))
    return n, mode


def logit_inputs(names: list[str], mode: str) -> list[float]:
    """A linked slider + number box per logit; returns the logits of the ``len(names)`` classes."""
    st.markdown(f"**{tr('softmax.logits')}**")
    return [linked_number(lab.logit_name(i) + (f" · {name}" if mode == "fashion" else ""), key,
                          default=float(lab.DEFAULT_LOGITS[i]), slider=(-10.0, 10.0), limits=_LIMITS,
                          step=0.1, fmt="%g", help=tr("softmax.logit_help"))
            for i, (key, name) in enumerate(zip(LOGIT_KEYS, names))]


def temperature_and_shift() -> tuple[float, float]:
    """The temperature slider and the 'add c to every logit' control; returns (T, c)."""
    seed(P + "t", 1.0, number_parser(lab.T_MIN, lab.T_MAX))
    t = st.slider(tr("softmax.temperature"), lab.T_MIN, lab.T_MAX, step=0.05, format="%.2f", key=P + "t",
                  help=tr("softmax.temperature_help"))
    c = linked_number(tr("softmax.shift"), P + "c", default=0.0, slider=(-10.0, 10.0), limits=_LIMITS,
                      step=0.5, fmt="%g", help=tr("softmax.shift_help"))
    return t, c


def loss_controls(names: list[str]) -> tuple[int, float]:
    """The true class (a URL value beyond C is rejected) and the learning rate; returns (y, lr)."""
    seed(P + "y", 0, number_parser(0, len(names) - 1, integer=True))
    if st.session_state[P + "y"] >= len(names):  # C was lowered below the chosen class
        st.session_state[P + "y"] = 0
    y = named_select(st, tr("softmax.true_class"), range(len(names)), P + "y", format_func=names.__getitem__)
    seed(P + "lr", 1.0, number_parser(0.1, 5.0))
    lr = st.slider(tr("softmax.lr"), 0.1, 5.0, step=0.1, format="%.1f", key=P + "lr")
    return y, lr


def step_button(logits: list[float], grad, lr: float) -> None:
    """A button that moves the logits one gradient step, z ← z − η·∂L/∂z."""
    st.button(tr("softmax.step"), key="step", icon=":material/south_east:", help=tr("softmax.step_help"),
              on_click=_set_logits, args=(lab.gradient_step(logits, grad, lr),))


def publish_state(n: int) -> None:
    """Write this view to the URL: the scalars and the logits of the n classes shown, no stale ones."""
    for key in LOGIT_KEYS[n:]:
        if param(key) in st.query_params:
            del st.query_params[param(key)]
    publish(SCALAR_KEYS + LOGIT_KEYS[:n])
