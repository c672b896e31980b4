"""The decision-regions page's controls: every setting a widget with its value in the URL (ui/state.py).

Short URL names: ``rkind`` data set, ``rc`` classes, ``rn`` points, ``rnoise``, ``rtest`` test share,
``rseed``, ``rmodel`` (softmax | ovr), ``runits``, ``ract``, ``rlr``, ``rbatch``, ``rl2``, ``rgrid``,
``rlines`` (hidden units' lines), ``rclick`` (what a click does), ``rpts`` (added points).
"""
from __future__ import annotations

import streamlit as st

from core.pages import regions as rg
from core.pages.regions_session import Settings
from core.engines.network import ACTIVATIONS
from ui.lang import tr
from ui.state import bool_parser, choice_parser, number_parser, publish, seed

RATES = ["0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10", "30", "100"]
BATCHES = ["1", "2", "4", "8", "16", "32", "64", "128", "256", "all"]
PENALTIES = ["0", "0.0001", "0.001", "0.01", "0.1"]
MODELS = ["softmax", "ovr"]
MAX_LINE_UNITS = 16  # more hidden units' lines than this are a tangle
CLICK_LOOK = "look"
DEFAULTS = dict(rkind="blobs", rc=3, rn=300, rnoise=0.3, rtest=0.2, rseed=0, rmodel="softmax", runits=0,
                ract="tanh", rlr="0.3", rbatch="32", rl2="0", rgrid=80, rlines=True, rclick="0", rpts="")
URL_KEYS = list(DEFAULTS)
PRESETS = {
    "lecture": dict(rkind="blobs", rc=4, rnoise=0.3, rmodel="softmax", runits=0, rlr="0.3", rbatch="32"),
    "hidden": dict(rkind="spiral", rc=3, rnoise=0.1, rn=400, rmodel="softmax", runits=16, ract="tanh",
                   rlr="0.3", rbatch="16"),
    "moons": dict(rkind="moons", rc=2, rnoise=0.3, rmodel="softmax", runits=8, ract="tanh", rlr="0.3",
                  rbatch="16"),
    "ovr": dict(rkind="blobs", rc=4, rnoise=0.3, rmodel="ovr", runits=0, rlr="0.3", rbatch="32"),
}


def _apply_preset(values: dict) -> None:
    st.session_state.update(values, rpts="")


def preset_buttons() -> None:
    """One button per preset (the lecture's straight lines, a spiral only a hidden layer can fit, …)."""
    st.markdown(f"**{tr('regions.presets')}**")
    with st.container(horizontal=True):
        for name, values in PRESETS.items():
            st.button(tr(f"regions.preset.{name}"), key=f"rg_preset_{name}", on_click=_apply_preset,
                      args=(values,), help=tr(f"regions.preset.{name}.help"))


def seed_all() -> None:
    """Seed every URL value once per session (call before drawing any control); bad ones fall back to
    the defaults with the bad-link warning."""
    seed("rkind", DEFAULTS["rkind"], choice_parser(list(rg.KINDS)))
    seed("rc", DEFAULTS["rc"], number_parser(2, rg.MAX_CLASSES, integer=True))
    seed("rn", DEFAULTS["rn"], number_parser(50, rg.MAX_POINTS, integer=True))
    seed("rnoise", DEFAULTS["rnoise"], number_parser(0.0, rg.NOISE_MAX))
    seed("rtest", DEFAULTS["rtest"], number_parser(0.0, 0.5))
    seed("rseed", DEFAULTS["rseed"], number_parser(0, 9999, integer=True))
    seed("rmodel", DEFAULTS["rmodel"], choice_parser(MODELS))
    seed("runits", DEFAULTS["runits"], number_parser(0, 32, integer=True))
    seed("ract", DEFAULTS["ract"], choice_parser(list(ACTIVATIONS)))
    seed("rlr", DEFAULTS["rlr"], choice_parser(RATES))
    seed("rbatch", DEFAULTS["rbatch"], choice_parser(BATCHES))
    seed("rl2", DEFAULTS["rl2"], choice_parser(PENALTIES))
    seed("rgrid", DEFAULTS["rgrid"], number_parser(rg.MIN_GRID, rg.MAX_GRID, integer=True))
    seed("rlines", DEFAULTS["rlines"], bool_parser)
    seed("rclick", DEFAULTS["rclick"], choice_parser([CLICK_LOOK, *map(str, range(rg.MAX_CLASSES))]))
    seed("rpts", DEFAULTS["rpts"], _points_text)


def _points_text(text: str) -> str:
    return rg.format_points(rg.parse_points(text))


def data_controls() -> None:
    """Data set, classes, points, noise, test share and seed."""
    ss = st.session_state
    st.segmented_control(tr("regions.kind"), list(rg.KINDS), key="rkind", required=True,
                         format_func=lambda k: tr(f"regions.kind.{k}"))
    choices = rg.class_choices(ss.rkind)
    if ss.rc not in choices:  # e.g. 5 classes asked of moons, or 3 of xor: the nearest the data allow
        ss.rc = min(choices, key=lambda c: (abs(c - ss.rc), c))
    if len(choices) > 1:
        st.segmented_control(tr("regions.classes"), list(choices), key="rc", required=True,
                             help=tr("regions.classes_help"))
    else:
        st.caption(tr("regions.classes_fixed", kind=tr(f"regions.kind.{ss.rkind}"), c=choices[0]))
    st.slider(tr("regions.points"), 50, rg.MAX_POINTS, step=50, key="rn")
    st.slider(tr("regions.noise"), 0.0, rg.NOISE_MAX, step=0.05, key="rnoise", help=tr("regions.noise_help"))
    st.slider(tr("regions.test"), 0.0, 0.5, step=0.05, key="rtest", format="%.2f", help=tr("regions.test_help"))
    st.number_input(tr("regions.seed"), 0, 9999, step=1, key="rseed")


def model_controls() -> None:
    """Model kind, hidden layer, learning rate, batch size, L2, grid resolution and the unit lines."""
    ss = st.session_state
    st.segmented_control(tr("regions.model"), MODELS, key="rmodel", required=True,
                         format_func=lambda m: tr(f"regions.model.{m}"), help=tr("regions.model_help"))
    ovr = ss.rmodel == "ovr"
    st.slider(tr("regions.units"), 0, 32, key="runits", disabled=ovr, help=tr("regions.units_help"))
    if ovr:
        st.caption(tr("regions.units_ovr"))
    st.segmented_control(tr("regions.activation"), list(ACTIVATIONS), key="ract", required=True,
                         format_func=lambda a: tr(f"regions.activation.{a}"), disabled=ovr or ss.runits == 0)
    st.select_slider(tr("regions.lr"), RATES, key="rlr")
    st.select_slider(tr("regions.batch"), BATCHES, key="rbatch", help=tr("regions.batch_help"),
                     format_func=lambda b: tr("regions.batch.all") if b == "all" else b)
    st.select_slider(tr("regions.l2"), PENALTIES, key="rl2")
    st.slider(tr("regions.grid"), rg.MIN_GRID, rg.MAX_GRID, step=10, key="rgrid", help=tr("regions.grid_help"))
    st.toggle(tr("regions.unit_lines"), key="rlines", help=tr("regions.unit_lines_help"),
              disabled=ovr or not 1 <= ss.runits <= MAX_LINE_UNITS)


def click_control(n_classes: int) -> str:
    """What a click on the plane does: show its numbers, or add a point of the chosen class."""
    ss = st.session_state
    options = [*map(str, range(n_classes)), CLICK_LOOK]
    if ss.rclick not in options:  # C was lowered below the chosen class
        ss.rclick = "0"
    return st.pills(
        tr("regions.click"), options, key="rclick", required=True, help=tr("regions.click_help"), wrap=True,
        format_func=lambda o: tr("regions.click.look") if o == CLICK_LOOK else tr("regions.click.add", k=int(o) + 1))


def read_settings() -> Settings:
    """The settings the widgets (or the URL, before they are drawn) hold now."""
    ss = st.session_state
    return Settings(ss.rkind, int(ss.rc), int(ss.rn), float(ss.rnoise), float(ss.rtest), int(ss.rseed),
                    ss.rmodel, int(ss.runits), ss.ract, float(ss.rlr), ss.rbatch, float(ss.rl2), int(ss.rgrid),
                    bool(ss.rlines), ss.rclick)


def publish_state() -> None:
    """Write every setting to the address bar (and warn once about rejected link values)."""
    publish(URL_KEYS)
