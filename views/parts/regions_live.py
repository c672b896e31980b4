"""The decision-regions page's model, data and live panel.

The model lives in session state (``rg_model``) and trains one epoch per frame inside
``@st.fragment(run_every=FRAME_S)`` while playing, so the page's other widgets are not rerun. It restarts
only when the data or the architecture change; learning rate, batch size and L2 apply to the running model.
A process-wide pacer lets at most FRAME_BUDGET playing frames start per second on the whole server:
one student gets every frame, a class pressing Play shares them, and the other students' reruns keep
their CPU (measured by the classroom load test).
"""
from __future__ import annotations

import threading
import time

import numpy as np
import streamlit as st

from core.pages import regions as rg
from core.figures.regions import TARGETS, plane_figure, region_values
from core.figures.training import history_figure
from core.engines.network import MultiClassNetwork, TrainingDiverged
from core.pages.softmax_lab import LOGIT_LIMIT
from ui.lang import tr
from views.parts.regions_controls import CLICK_LOOK, MAX_LINE_UNITS, Settings, read_settings

FRAME_S = 0.15        # a frame every 0.15 s at most: about 5–6 a second once drawing is counted
CURVES_S = 1.0        # the loss and accuracy curves follow once a second
TARGET_SIDE = 31      # click/hover targets per side (a click adds a point at the nearest one); each is an
                      # SVG node the browser restyles every frame, so not more
FRAME_BUDGET = 12.0   # playing frames per second for the whole server, shared by every student on Play
_FRAME_LOCK = threading.Lock()


class _Pacer:
    """Spaces the starts of playing frames process-wide, ``1 / per_second`` apart (a frame waits its turn)."""

    def __init__(self, per_second: float):
        self.gap, self.next, self.lock = 1.0 / per_second, 0.0, threading.Lock()

    def wait(self) -> None:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next)
            self.next = start + self.gap
        if start > now:
            time.sleep(start - now)


_PACER = _Pacer(FRAME_BUDGET)


def _onehot(y, c: int) -> np.ndarray:
    return np.eye(c, dtype=np.float32)[y]


def base_data(s: Settings) -> tuple[np.ndarray, ...]:
    """(x_train, y_train, x_test, y_test) of the settings' data set, made once per data change."""
    ss = st.session_state
    if ss.get("rg_data_key") != s.data_key:
        x, y = rg.make_dataset(s.kind, s.n_classes, s.n_points, s.noise, s.seed)
        ss.rg_data, ss.rg_data_key = rg.split(x, y, s.test_share, s.seed), s.data_key
    return ss.rg_data


def added_points(s: Settings) -> np.ndarray:
    """The clicked-in points of the current classes, (m, 3): x₁, x₂, class."""
    pts = rg.parse_points(st.session_state.get("rpts", ""))
    return pts[pts[:, 2] < s.n_classes]


def training_set(s: Settings) -> tuple[np.ndarray, np.ndarray]:
    x, y = base_data(s)[:2]
    pts = added_points(s)
    return (np.vstack([x, pts[:, :2].astype(np.float32)]),
            np.concatenate([y, pts[:, 2].astype(np.int64)]))


def _new_model(s: Settings):
    if s.model == "ovr":
        return rg.OneVsRestSigmoid(seed=s.seed)
    return MultiClassNetwork(units=s.units, activation=s.activation, init="glorot", seed=s.seed)


def sync_model(s: Settings):
    """The session's model for these settings: a fresh one when the data or architecture changed (noted
    for the page to say so), the running one otherwise, with this run's learning rate, batch and L2."""
    ss = st.session_state
    key = (s.data_key, s.arch_key)
    if ss.get("rg_model_key") != key:
        old = ss.get("rg_model")
        ss.rg_note = old is not None and _epochs(old) > 0
        ss.rg_model, ss.rg_model_key, ss.rg_diverged = _new_model(s), key, None
    model = ss.rg_model
    x, y = training_set(s)
    model.learning_rate, model.l2 = s.learning_rate, s.l2
    model.batch_size = len(x) if s.batch == "all" else int(s.batch)
    if not hasattr(model, "history_"):
        model.fit(x, _onehot(y, s.n_classes), epochs=0)  # the starting weights, drawn before any epoch
    return model


def _epochs(model) -> int:
    return getattr(model, "n_epochs_", 0)


def train_epoch(s: Settings) -> None:
    """One epoch on the training points (with the added ones); divergence pauses and is remembered."""
    ss = st.session_state
    model = sync_model(s)
    x, y = training_set(s)
    x_test, y_test = base_data(s)[2:]
    val = dict(x_val=x_test, y_val=_onehot(y_test, s.n_classes)) if len(x_test) else {}
    try:
        with _FRAME_LOCK:
            model.partial_fit(x, _onehot(y, s.n_classes), **val)
    except TrainingDiverged as err:
        ss.rg_diverged, ss.rg_playing = (err.epoch + 1, float("nan")), False
        return
    loss = model.history_["loss"][-1]
    if rg.diverged(loss, s.n_classes):
        ss.rg_diverged, ss.rg_playing = (_epochs(model), loss), False


# ------------------------------------------------------------------------------------------- buttons

def play() -> None:
    st.session_state.rg_playing = True


def pause() -> None:
    st.session_state.rg_playing = False


def step() -> None:
    st.session_state.rg_playing = False
    train_epoch(read_settings())


def reset_weights() -> None:
    ss = st.session_state
    ss.rg_playing, ss.rg_diverged, ss.rg_note = False, None, False
    ss.pop("rg_model_key", None)


def clear_points() -> None:
    st.session_state.rpts = ""


# --------------------------------------------------------------------------------------------- panel

def live_panel(s: Settings) -> None:
    """Metrics, the plane and the curves. While playing, one fragment trains an epoch and redraws the plane
    every frame, and another redraws the curves once a second: redrawing a two-panel chart costs the
    browser as much as the plane, and the curves need not move 6 times a second."""
    playing = bool(st.session_state.get("rg_playing"))

    @st.fragment(run_every=FRAME_S if playing else None)
    def frame() -> None:
        if st.session_state.get("rg_playing"):
            _PACER.wait()
            train_epoch(s)
            if st.session_state.get("rg_diverged"):
                st.rerun(scope="app")  # stops the timer and shows the message beside the buttons
        draw(s)

    @st.fragment(run_every=CURVES_S if playing else None)
    def curves() -> None:
        _curves(st.session_state.rg_model)

    frame()
    curves()


def draw(s: Settings) -> None:
    """Everything the model shows this frame (also called once per full run)."""
    ss = st.session_state
    model = sync_model(s)
    x_tr, y_tr, x_te, y_te = base_data(s)
    pts = added_points(s)
    everything = np.vstack([x_tr, x_te, pts[:, :2]])
    lim = rg.bounds(everything)
    sets = [(x_tr, y_tr), (x_te, y_te), (pts[:, :2], pts[:, 2].astype(np.int64))]
    lines_up_to = MAX_LINE_UNITS if s.unit_lines else 0
    # While playing the plane has no hover/click targets (their trace stays, empty): restyling ~1,000 target
    # markers took about half of the browser's time per frame, and values that change 6 times a second
    # cannot be read by hovering anyway. Pause brings them back.
    playing = bool(ss.get("rg_playing"))
    with _FRAME_LOCK:
        v = rg.view(model, sets, lim, s.grid, target_side=0 if playing else TARGET_SIDE,
                    unit_lines_up_to=lines_up_to)
    ovr = s.model == "ovr"
    text = {k: tr(f"regions.fig.{k}") for k in ("x1", "x2", "class", "boundary", "wrong", "ambiguous")}
    text["units"] = tr("regions.fig.ovr_lines" if ovr else "regions.fig.units")
    groups = [dict(x=x, cls=y, ring=wrong, name=tr(f"regions.fig.{name}"), **extra)
              for (x, y), wrong, name, extra in zip(sets, v.wrong, ("train", "test", "added"),
                                                    ({}, dict(hollow=True), dict(symbol="diamond")))]
    g = v.grid
    fig = plane_figure(g.axis, region_values(g.classes, g.confidence, s.n_classes, v.ambiguous), s.n_classes,
                       points=groups, targets=v.targets, target_proba=v.target_proba, boundaries=v.boundaries,
                       unit_lines=v.lines, text=text, ambiguous=ovr, contour=g.classes if v.contour else None)
    event = st.plotly_chart(fig, key=f"rg_plane{ss.get('rg_chart', 0)}", on_select="rerun",
                            selection_mode="points", config={"displayModeBar": False})
    st.caption(tr("regions.hint_playing" if playing else "regions.hint"))
    _metrics(model, 0.0 if v.ambiguous is None else float(v.ambiguous.mean()))
    chosen = event.selection.points if event and event.selection else []
    if chosen and chosen[0].get("curve_number") == TARGETS and len(v.targets):
        _clicked(s, v.targets[int(chosen[0]["point_index"])], len(x_tr) + len(x_te) + len(pts))
    _probe(model, s)


def _metrics(model, ambiguous: float) -> None:
    hist = model.history_
    last = {k: v[-1] for k, v in hist.items() if v}
    none = tr("regions.m.none")
    with st.container(horizontal=True, gap="medium"):  # as wide as each label needs, wrapping on a phone
        st.metric(tr("regions.epoch"), _epochs(model), width="content")
        st.metric(tr("regions.m.loss"), f"{last['loss']:.3f}" if "loss" in last else none, width="content")
        st.metric(tr("regions.m.acc"), f"{last['accuracy']:.3f}" if "accuracy" in last else none, width="content")
        st.metric(tr("regions.m.test_acc"), f"{last['val_accuracy']:.3f}" if "val_accuracy" in last else none,
                  width="content")
        st.metric(tr("regions.m.ambiguous"), f"{ambiguous:.1%}", help=tr("regions.m.ambiguous_help"),
                  width="content")


def _clicked(s: Settings, where: np.ndarray, n_points: int) -> None:
    """A click on target ``where``: remember it for the probe; add a point unless the mode is 'look'."""
    ss = st.session_state
    ss.rg_probe = (float(where[0]), float(where[1]))
    if s.click != CLICK_LOOK:
        pts = rg.parse_points(ss.get("rpts", ""))
        room = min(rg.MAX_ADDED, rg.MAX_POINTS - (n_points - len(pts)))
        if len(pts) < room:
            ss.rpts = rg.format_points(np.vstack([pts, [[*ss.rg_probe, int(s.click)]]]))
        else:
            ss.rg_cap = max(room, 0)  # the page says how many may be added
    ss.rg_chart = ss.get("rg_chart", 0) + 1  # a new chart: the selection is used once
    st.rerun(scope="app")


def _probe(model, s: Settings) -> None:
    """The clicked location's C outputs, and a link that opens them in the softmax explorer."""
    where = st.session_state.get("rg_probe")
    if where is None:
        return
    p = model.predict_proba(np.array([where], np.float32))[0].astype(np.float64)
    probs = " · ".join(f"p{k} = {v:.3f}" for k, v in enumerate(p, start=1))  # classes count from 1, as on the softmax page
    st.markdown(tr("regions.probe", x1=where[0], x2=where[1], probs=probs))
    # The model's real pre-activation outputs (for one-vs-rest the sigmoids' z, as in the textbook's example
    # of sigmoid outputs turned into softmax inputs).
    z = np.clip(model.decision_function(np.array([where], np.float32))[0], -LOGIT_LIMIT, LOGIT_LIMIT)
    params = {"n": str(s.n_classes), "y": str(int(np.argmax(p))), **{f"z{i}": f"{v:.3f}" for i, v in enumerate(z)}}
    st.page_link("views/softmax_explorer.py", label=tr("regions.open_softmax"), icon=":material/bar_chart:",
                 query_params=params)


def _curves(model) -> None:
    st.markdown(f"**{tr('regions.curves')}**")
    if not model.history_["loss"]:
        st.caption(tr("regions.curves.empty"))
        return
    titles = {k: tr(f"regions.curve.{k}") for k in ("loss", "accuracy", "epoch", "train", "val")}
    st.plotly_chart(history_figure([(tr("regions.curve.label"), model.history_)], titles=titles),
                    key="rg_curves", config={"displayModeBar": False})
