"""The decision-regions page's live panel: its session in session state, the buttons, the plane and curves.

The page's :class:`core.pages.regions_session.RegionsSession` (data, model, training) lives in session
state (``rg_session``) and trains one epoch per frame inside ``@st.fragment(run_every=FRAME_S)`` while
playing, so the page's other widgets are not rerun; the session paces playing frames server-wide.
"""
from __future__ import annotations

import streamlit as st

from core.figures.regions import TARGETS, plane_figure, region_values
from core.figures.training import history_figure
from core.pages import regions as rg
from core.pages.regions_session import RegionsSession, Settings
from core.text.formats import accuracy_text
from ui.charts import plot
from ui.lang import tr
from views.parts.regions_controls import CLICK_LOOK, MAX_LINE_UNITS, read_settings

FRAME_S = 0.15        # a frame every 0.15 s at most: about 5–6 a second once drawing is counted
CURVES_S = 1.0        # the loss and accuracy curves follow once a second
TARGET_SIDE = 31      # click/hover targets per side (a click adds a point at the nearest one); each is an
                      # SVG node the browser restyles every frame, so not more


def session(s: Settings) -> RegionsSession:
    """This browser session's regions session, synced with the settings and the link's added points."""
    ss = st.session_state
    if "rg_session" in ss:
        return ss.rg_session.sync(s, ss.get("rpts", ""))
    ss.rg_session = RegionsSession(s, ss.get("rpts", ""))
    return ss.rg_session


# ------------------------------------------------------------------------------------------- buttons

def play() -> None:
    st.session_state.rg_playing = True


def pause() -> None:
    st.session_state.rg_playing = False


def step() -> None:
    st.session_state.rg_playing = False
    session(read_settings()).train_epoch()


def reset_weights() -> None:
    st.session_state.rg_playing = False
    st.session_state.rg_session.reset()


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
        rs = session(s)
        if st.session_state.get("rg_playing") and not rs.train_epoch(paced=True):
            st.session_state.rg_playing = False
            st.rerun(scope="app")  # stops the timer and shows the message beside the buttons
        draw(rs, s)

    @st.fragment(run_every=CURVES_S if playing else None)
    def curves() -> None:
        _curves(st.session_state.rg_session.history)

    frame()
    curves()


def draw(rs: RegionsSession, s: Settings) -> None:
    """Everything the model shows this frame (also called once per full run)."""
    ss = st.session_state
    # While playing the plane has no hover/click targets (their trace stays, empty): restyling ~1,000 target
    # markers took about half of the browser's time per frame, and values that change 6 times a second
    # cannot be read by hovering anyway. Pause brings them back.
    playing = bool(ss.get("rg_playing"))
    v = rs.view(target_side=0 if playing else TARGET_SIDE, unit_lines_up_to=MAX_LINE_UNITS if s.unit_lines else 0)
    ovr = s.model == "ovr"
    text = {k: tr(f"regions.fig.{k}") for k in ("x1", "x2", "class", "boundary", "wrong", "ambiguous")}
    text["units"] = tr("regions.fig.ovr_lines" if ovr else "regions.fig.units")
    groups = rg.point_groups(rs.point_sets(), v.wrong, {k: tr(f"regions.fig.{k}") for k in ("train", "test", "added")})
    g = v.grid
    fig = plane_figure(g.axis, region_values(g.classes, g.confidence, s.n_classes, v.ambiguous), s.n_classes,
                       points=groups, targets=v.targets, target_proba=v.target_proba, boundaries=v.boundaries,
                       unit_lines=v.lines, text=text, ambiguous=ovr, contour=g.classes if v.contour else None)
    event = plot(st, fig, key=f"rg_plane{ss.get('rg_chart', 0)}", on_select="rerun", grow=True,
                 selection_mode="points", config={"displayModeBar": False})
    st.caption(tr("regions.hint_playing" if playing else "regions.hint"))
    _metrics(rs, 0.0 if v.ambiguous is None else float(v.ambiguous.mean()))
    chosen = event.selection.points if event and event.selection else []
    if chosen and chosen[0].get("curve_number") == TARGETS and len(v.targets):
        _clicked(rs, s, v.targets[int(chosen[0]["point_index"])])
    _probe(rs, s)


def _metrics(rs: RegionsSession, ambiguous: float) -> None:
    last = {k: v[-1] for k, v in rs.history.items() if v}
    none = tr("regions.m.none")
    with st.container(horizontal=True, gap="medium"):  # as wide as each label needs, wrapping on a phone
        st.metric(tr("regions.epoch"), rs.epochs, width="content")
        st.metric(tr("regions.m.loss"), f"{last['loss']:.3f}" if "loss" in last else none, width="content")
        st.metric(tr("regions.m.acc"), accuracy_text(last["accuracy"]) if "accuracy" in last else none,
                  width="content")
        st.metric(tr("regions.m.test_acc"), accuracy_text(last["val_accuracy"]) if "val_accuracy" in last else none,
                  width="content")
        st.metric(tr("regions.m.ambiguous"), f"{ambiguous:.1%}", help=tr("regions.m.ambiguous_help"),
                  width="content")


def _clicked(rs: RegionsSession, s: Settings, where) -> None:
    """A click on target ``where``: remember it for the probe; add a point unless the mode is 'look'."""
    ss = st.session_state
    ss.rg_probe = (float(where[0]), float(where[1]))
    if s.click != CLICK_LOOK:
        if rs.add_point(ss.rg_probe, int(s.click)):
            ss.rpts = rs.points_text()
        else:
            ss.rg_cap = rs.room()  # the page says how many may be added
    ss.rg_chart = ss.get("rg_chart", 0) + 1  # a new chart: the selection is used once
    st.rerun(scope="app")


def _probe(rs: RegionsSession, s: Settings) -> None:
    """The clicked location's C outputs, and a link that opens them in the softmax explorer."""
    where = st.session_state.get("rg_probe")
    if where is None:
        return
    # The model's real pre-activation outputs go to the softmax explorer (for one-vs-rest the sigmoids' z,
    # as in the textbook's example of sigmoid outputs turned into softmax inputs).
    p, z = rs.probe(where)
    probs = " · ".join(f"p{k} = {v:.3f}" for k, v in enumerate(p, start=1))  # classes count from 1, as on the softmax page
    st.markdown(tr("regions.probe", x1=where[0], x2=where[1], probs=probs))
    params = {"n": str(s.n_classes), "y": str(int(p.argmax())), **{f"z{i}": f"{v:.3f}" for i, v in enumerate(z)}}
    st.page_link("views/softmax_explorer.py", label=tr("regions.open_softmax"), icon=":material/bar_chart:",
                 query_params=params)


def _curves(history: dict[str, list[float]]) -> None:
    st.markdown(f"**{tr('regions.curves')}**")
    if not history["loss"]:
        st.caption(tr("regions.curves.empty"))
        return
    titles = {k: tr(f"regions.curve.{k}") for k in ("loss", "accuracy", "epoch", "train", "val")}
    plot(st, history_figure([(tr("regions.curve.label"), history)], titles=titles),
         key="rg_curves", config={"displayModeBar": False})
