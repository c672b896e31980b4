"""The decision-regions page's live plane: its session in session state, the browser component that trains and
draws, and what the page shows of the model (the probe and its softmax link).

The page's :class:`core.pages.regions_session.RegionsSession` (data, model) lives in session state
(``rg_session``). The plane is our component (ui/components/regions.js with the network twin
regions_net.js): it trains in the browser and redraws every frame, so nothing per frame reaches the server.
Its reports (Pause, Step, Reset, a click, every few seconds of Play) rerun only the plane's fragment, and the
session continues from the reported weights.
"""
from __future__ import annotations

import math
from pathlib import Path

import streamlit as st

from core.figures.regions import AMBIGUOUS
from core.figures.style import PALETTE
from core.pages import regions as rg
from core.pages.regions_session import BadReport, RegionsSession, Settings
from ui.charts import PRESENTER_TEXT
from ui.lang import tr
from ui.presenter import presenting
from views.parts.regions_controls import MAX_LINE_UNITS

REPORT_S = 10         # while playing, the browser reports its weights this often (a reload resumes from them)
_ASSETS = Path(__file__).resolve().parents[2] / "ui" / "components"
_plane = st.components.v2.component(
    "cp_regions", css=(_ASSETS / "regions.css").read_text(encoding="utf-8"),
    js="\n".join((_ASSETS / name).read_text(encoding="utf-8") for name in ("regions_net.js", "regions.js")))
_TEXT = {"play": "regions.play", "pause": "regions.pause", "step": "regions.step", "reset": "regions.reset",
         "epoch": "regions.epoch", "loss": "regions.m.loss", "acc": "regions.m.acc", "test_acc": "regions.m.test_acc",
         "ambiguous_area": "regions.m.ambiguous", "none": "regions.m.none", "hint_mouse": "regions.hint_mouse",
         "hint_touch": "regions.hint_touch", "keys": "regions.keys", "alt": "regions.alt", "alt_area": "regions.alt_area",
         "capped": "regions.capped", "x1": "regions.fig.x1", "x2": "regions.fig.x2", "class": "regions.fig.class",
         "boundary": "regions.fig.boundary", "units": "regions.fig.units", "ovr_lines": "regions.fig.ovr_lines",
         "train": "regions.fig.train", "test": "regions.fig.test", "added": "regions.fig.added",
         "wrong": "regions.fig.wrong", "ambiguous": "regions.fig.ambiguous", "curves_empty": "regions.curves.empty",
         "curve_loss": "regions.curve.loss", "curve_acc": "regions.curve.accuracy", "curve_key": "regions.curve.key",
         "curves": "regions.curves", "ambiguous_help": "regions.m.ambiguous_help"}


def session(s: Settings) -> RegionsSession:
    """This browser session's regions session, synced with the settings and the link's added points."""
    ss = st.session_state
    if "rg_session" in ss:
        return ss.rg_session.sync(s, ss.get("rpts", ""))
    ss.rg_session = RegionsSession(s, ss.get("rpts", ""))
    return ss.rg_session


def clear_points() -> None:
    st.session_state.rpts = ""


def _reported() -> None:
    """The plane's callback: continue from the browser's epoch and weights; a Reset starts a new model, a
    click shows that spot's numbers and may add a point (then the whole page reruns: the link and Clear change)."""
    ss = st.session_state
    report = ss["rg_live"]["report"]
    rs = ss.rg_session
    if isinstance(report, dict) and report.get("why") == "reset" and report.get("token") == rs.token:
        rs.reset()  # the next sync draws new weights (a new token)
        ss.pop("rg_probe", None)
        return
    try:
        rs.adopt(report)
    except BadReport:  # a report for weights this session has since replaced (or not our component's)
        return
    click = report.get("click")
    if not (isinstance(click, list) and len(click) == 2 and all(isinstance(v, (int, float)) for v in click)
            and all(math.isfinite(v) and abs(v) <= rg.LIMIT for v in click)):
        return
    ss.rg_probe = (float(click[0]), float(click[1]))
    k = report.get("add")
    if isinstance(k, int) and 0 <= k < rs.settings.n_classes:
        if rs.add_point(ss.rg_probe, k):
            ss.rpts = rs.points_text()
        else:
            ss.rg_cap = rs.room()
        ss.rg_whole = True


def live_panel(s: Settings) -> None:
    """The plane (a fragment: the browser's reports rerun only it) and, below it, the probed spot's numbers."""

    @st.fragment
    def plane() -> None:
        ss = st.session_state
        if ss.pop("rg_whole", False):
            st.rerun(scope="app")  # an added point: the link, the Clear button and the question box follow
        rs = session(s)
        notes = st.container()  # messages sit above the plane without moving it in the page's tree
        text = {k: tr(key) for k, key in _TEXT.items()}
        _plane(key="rg_live", on_report_change=_reported, data={
            **rs.payload(), "text": text, "palette": PALETTE, "ambiguous_colour": AMBIGUOUS, "click": s.click,
            "lines": s.unit_lines, "max_lines": MAX_LINE_UNITS, "report_s": REPORT_S,
            "scale": PRESENTER_TEXT if presenting() else 1})  # presenter view: text read from the back of a room
        with notes:
            if rs.diverged:
                epoch, loss = rs.diverged
                shown = "∞" if math.isnan(loss) else f"{loss:.2f}"
                st.error(tr("regions.diverged", epoch=epoch, loss=shown, guess=f"{math.log(s.n_classes):.2f}"),
                         icon=":material/error:")
            elif rs.pop_restarted():
                st.info(tr("regions.restarted"), icon=":material/autorenew:")
            if (room := ss.pop("rg_cap", None)) is not None:
                st.warning(tr("regions.added_cap", n=room), icon=":material/block:")
        _probe(rs, s)

    plane()


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
