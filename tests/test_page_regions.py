"""AppTest of the decision-regions page: the plane against the model's own linear scores, Step and the
curves, the URL, hostile links, divergence, one-vs-rest ambiguity, added points and the softmax link."""
import json
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.text.i18n import t
from tests import widgets
from tests.widgets import plotly_array as arr
from views.parts.regions_controls import DEFAULTS

PAGE = "views/regions.py"


def open_page(app_path: str, lang: str = "en", **params: str) -> AppTest:
    return widgets.open_page(app_path, PAGE, lang, **params)


def plane(at: AppTest) -> list[dict]:
    return json.loads(at.get("plotly_chart")[0].proto.spec)["data"]


def metric(at: AppTest, key: str) -> str:
    return next(m.value for m in at.metric if m.label == t(key, "en"))


def step(at: AppTest, times: int = 1) -> AppTest:
    for _ in range(times):
        at.button(key="rg_step").click().run()
        assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_opens_with_regions_lines_and_points(app_path, lang):
    """Check the default page (3 blobs, no hidden layer) draws an 80×80 region map, the straight
    boundaries, the training and test points, and no warning, in both languages."""
    at = open_page(app_path, lang)
    assert at.title[0].value == t("regions.title", lang)
    traces = plane(at)
    heat = traces[0]
    assert heat["type"] == "heatmap" and arr(heat["z"]).reshape(80, 80).shape == (80, 80)
    names = [tr.get("name") for tr in traces]
    assert t("regions.fig.boundary", lang) in names and t("regions.fig.train", lang) in names
    assert not at.warning and at.metric[0].value == "0"


def test_the_map_is_the_argmax_of_the_models_linear_scores(app_path):
    """Check that, with units = 0, the drawn class map is argmax(x·W + b) of the session's model weights
    computed here on the heatmap's own axis, and that the boundary trace runs where the map changes."""
    at = step(open_page(app_path, rkind="blobs", rc="4", rgrid="60"), 3)
    model = at.session_state["rg_session"].model
    heat = plane(at)[0]
    axis = arr(heat["x"])
    classes = np.floor(arr(heat["z"]).reshape(60, 60)).astype(int)
    g1, g2 = np.meshgrid(axis, axis)
    scores = np.column_stack([g1.ravel(), g2.ravel()]) @ model.w2_.astype(np.float64) + model.b2_
    assert np.mean(classes.ravel() == scores.argmax(axis=1)) > 0.998
    line = next(tr for tr in plane(at) if tr.get("name") == t("regions.fig.boundary", "en"))
    xy = np.column_stack([arr(line["x"]), arr(line["y"])])
    xy = xy[~np.isnan(xy).any(axis=1)]
    z = xy @ model.w2_.astype(np.float64) + model.b2_
    top2 = np.sort(z, axis=1)[:, -2:]
    assert np.allclose(top2[:, 0], top2[:, 1], atol=1e-4)  # on a boundary the two best classes tie


def test_step_grows_the_curves_and_play_state_is_not_in_the_url(app_path):
    """Check each Step adds one epoch to the counter and one point to the loss curve."""
    at = step(open_page(app_path), 1)
    assert metric(at, "regions.epoch") == "1"
    step(at, 2)
    assert metric(at, "regions.epoch") == "3"
    curves = json.loads(at.get("plotly_chart")[1].proto.spec)["data"]
    loss = next(tr for tr in curves if tr.get("meta") == "loss")
    assert len(arr(loss["y"])) == 3
    assert at.session_state["rg_session"].model.history_["loss"] == list(arr(loss["y"]))
    # Accuracy reads as on every page: a percentage with one decimal, that of the last epoch.
    history = at.session_state["rg_session"].model.history_
    for key, name in (("regions.m.acc", "accuracy"), ("regions.m.test_acc", "val_accuracy")):
        shown = metric(at, key)
        assert re.fullmatch(r"\d{1,3}\.\d%", shown) and abs(float(shown[:-1]) - 100 * history[name][-1]) <= 0.05


def test_settings_round_trip_through_the_url(app_path):
    """Check a link sets every control, and a changed control is written back to the URL."""
    at = open_page(app_path, rkind="spiral", rc="4", rn="400", rnoise="0.1", rtest="0.3", rmodel="softmax",
                   runits="6", ract="relu", rlr="1", rbatch="all", rl2="0.001", rgrid="50", rlines="1",
                   rclick="look")
    ss = at.session_state
    assert (ss["rkind"], ss["rc"], ss["rn"], ss["runits"], ss["ract"], ss["rbatch"], ss["rgrid"]) == \
        ("spiral", 4, 400, 6, "relu", "all", 50)
    assert not at.warning
    assert t("regions.fig.units", "en") in [tr.get("name") for tr in plane(at)]  # 6 ≤ 8 units: lines drawn
    at.slider(key="runits").set_value(12).run()
    assert at.query_params["runits"] == "12"
    step(at)
    assert at.session_state["rg_session"].model.batch_size == 280  # "all" of the 70 % training share


@pytest.mark.parametrize("params", [
    dict(rn="99999"), dict(rgrid="1000"), dict(rgrid="1"), dict(rc="abc"), dict(rlr="1e9"),
    dict(rpts="<b>x</b>"), dict(rpts="5,5,0"), dict(rpts="0.1,0.2,9"), dict(rpts="nan,0,0"),
    dict(rclick="9"), dict(runits="-1"), dict(rtest="0.9"), dict(rkind="'; DROP"),
])
def test_hostile_links_fall_back_with_the_warning(app_path, params):
    """Check each hostile or out-of-range link value is ignored with the bad-link warning naming it,
    while the page still draws its plane."""
    at = open_page(app_path, **params)
    (key,) = params
    assert at.warning and key in at.warning[0].value
    assert at.session_state[key] == DEFAULTS[key]
    assert plane(at)[0]["type"] == "heatmap"


def test_caps_of_points_and_grid(app_path):
    """Check the largest link values (2,000 points, a 150×150 grid) are accepted and drawn."""
    at = open_page(app_path, rn="2000", rgrid="150")
    assert not at.warning
    assert arr(plane(at)[0]["z"]).size == 150 * 150
    x_train, _, x_test, _ = at.session_state["rg_session"].data
    assert len(x_train) + len(x_test) == 2000


def test_classes_follow_the_data_set(app_path):
    """Check moons force C = 2 (and say so) and xor's 3 becomes its nearest choice."""
    at = open_page(app_path, rkind="moons", rc="5")
    assert at.session_state["rc"] == 2
    assert any(c.value == t("regions.classes_fixed", "en", kind="moons", c=2) for c in at.caption)
    at = open_page(app_path, rkind="xor", rc="3")
    assert at.session_state["rc"] in (2, 4)


def test_divergence_pauses_with_a_message_and_reset(app_path):
    """Check a far too large learning rate pauses training with the message, Play and Step disabled, and
    that Reset weights clears it; nothing raises and no number shown is NaN."""
    at = open_page(app_path, runits="16", ract="tanh", rlr="100", rbatch="1")
    step(at)
    assert at.error and at.error[0].value.startswith(t("regions.diverged", "en", epoch=1, loss="", guess="")[:20])
    assert at.button(key="rg_step").disabled and at.button(key="rg_play").disabled
    assert "nan" not in " ".join(m.value for m in at.metric).lower()
    at.button(key="rg_reset").click().run()
    assert not at.error and metric(at, "regions.epoch") == "0"
    assert not at.button(key="rg_step").disabled


def test_data_change_restarts_the_model_and_says_so(app_path):
    """Check that changing the noise restarts the model with a note, and a new learning rate does not."""
    at = step(open_page(app_path), 2)
    at.select_slider(key="rlr").set_value("0.1").run()
    assert metric(at, "regions.epoch") == "2" and not at.info
    at.slider(key="rnoise").set_value(0.5).run()
    assert metric(at, "regions.epoch") == "0"
    assert at.info[0].value == t("regions.restarted", "en")


def test_one_vs_rest_reports_an_ambiguous_area(app_path):
    """Check one-vs-rest on 4 blobs leaves a grey ambiguous band with a non-zero share, where softmax on
    the same data reports 0.0 %."""
    at = step(open_page(app_path, rkind="blobs", rc="4", rmodel="ovr", rlr="1"), 20)
    share = float(metric(at, "regions.m.ambiguous").rstrip("%"))
    z = arr(plane(at)[0]["z"])
    assert share > 0 and np.any(z >= 4)  # band C = 4 is the grey one
    assert share == pytest.approx(100 * np.mean(z >= 4), abs=0.1)
    soft = step(open_page(app_path, rkind="blobs", rc="4"), 20)
    assert metric(soft, "regions.m.ambiguous") == "0.0%"


def test_points_from_the_link_train_with_the_data(app_path):
    """Check added points in the link are drawn as their own trace, counted by Clear, trained on, and
    that Clear removes them."""
    at = open_page(app_path, rpts="0.5,0.5,1;-0.25,0.75,2")
    traces = plane(at)
    diamonds = [tr for tr in traces if tr.get("marker", {}).get("symbol") == "diamond" and tr["x"] != [None]]
    assert sum(len(arr(tr["x"])) for tr in diamonds) == 2  # one trace per class: classes 1 and 2
    assert at.button(key="rg_clear").label == t("regions.clear", "en", n=2)
    step(at)
    at.button(key="rg_clear").click().run()
    assert at.query_params.get("rpts", "") == ""
    assert at.session_state["rg_session"].model.n_epochs_ == 1  # clearing points is no data-set change


def test_probe_links_to_the_softmax_explorer(app_path):
    """Check a clicked location's outputs are listed and the link carries the model's real logits, which
    reproduce them under softmax."""
    at = step(open_page(app_path), 2)
    at.session_state["rg_probe"] = (0.3, -0.2)
    at.run()
    model = at.session_state["rg_session"].model
    p = model.predict_proba(np.array([[0.3, -0.2]], np.float32))[0]
    link = at.main.get("page_link")[0].proto
    assert link.label == t("regions.open_softmax", "en")
    q = dict(kv.split("=") for kv in link.query_string.split("&"))
    z = np.array([float(q[f"z{i}"]) for i in range(3)])
    assert np.allclose(np.exp(z) / np.exp(z).sum(), p, atol=2e-3)
    assert np.allclose(z, model.decision_function(np.array([[0.3, -0.2]], np.float32))[0], atol=1e-3)
    assert q["n"] == "3" and q["y"] == str(int(p.argmax()))
