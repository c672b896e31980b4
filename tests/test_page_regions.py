"""AppTest of the decision-regions page: what the page sends the browser's plane (data, settings, weights), how
it continues from what the plane reports (Step, Pause, clicks, Reset, a diverged run, hostile reports), the URL,
hostile links, added points and the softmax link. The plane itself runs in Chromium (tests/e2e)."""
import copy

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.maths.losses import one_hot
from core.text.i18n import t
from tests import widgets
from views.parts.regions_controls import DEFAULTS

PAGE = "views/regions.py"
PLANE = "cp_regions"


def open_page(app_path: str, lang: str = "en", **params: str) -> AppTest:
    return widgets.open_page(app_path, PAGE, lang, **params)


def sent(at: AppTest) -> dict:
    """The data the page sent to the plane."""
    return widgets.component_data(at, PLANE)


def trained_report(at: AppTest, epochs: int = 1, **extra) -> dict:
    """A report as the browser sends it after ``epochs`` epochs from the weights the page sent (trained here
    by the Python engine on a copy of the session's model, from the sent data)."""
    data = sent(at)
    model = copy.deepcopy(at.session_state["rg_session"].model)
    x = np.array(data["train"]["x"] + data["added"]["x"]).reshape(-1, 2)
    y = one_hot(np.array(data["train"]["y"] + data["added"]["y"]), data["classes"])
    for _ in range(epochs):
        model.partial_fit(x, y)
    w, b = model.coefs_, model.intercepts_
    hidden = len(w) > 1
    weights = {"w1": w[0].ravel().tolist() if hidden else None, "b1": b[0].tolist() if hidden else None,
               "w2": w[-1].ravel().tolist(), "b2": b[-1].tolist()}
    curves = {"stride": 1, "epoch": list(range(1, epochs + 1)), "loss": model.history_["loss"],
              "accuracy": model.history_["accuracy"]}
    return {"token": data["token"], "epoch": data["epoch"] + epochs, "weights": weights, "curves": curves,
            "playing": False, "why": "step", "diverged": None, **extra}


def report(at: AppTest, value: dict) -> AppTest:
    widgets.component_event(at, PLANE, "report", value)
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_opens_with_the_data_and_starting_weights(app_path, lang):
    """Check the default page (3 blobs, no hidden layer) sends the plane its 80×80 grid, the training and test
    points (80 % / 20 % of 300, float32 values), starting weights of a 2×3 softmax layer at epoch 0 and its
    words in the page's language, with no warning."""
    at = open_page(app_path, lang)
    assert at.title[0].value == t("regions.title", lang)
    data = sent(at)
    assert data["grid"] == 80 and data["classes"] == 3 and data["epoch"] == 0 and data["spec"]["model"] == "softmax"
    assert (len(data["train"]["y"]), len(data["test"]["y"])) == (240, 60)
    x = np.array(data["train"]["x"])
    assert np.array_equal(x, x.astype(np.float32))
    assert data["weights"]["w1"] is None and len(data["weights"]["w2"]) == 6 and data["weights"]["b2"] == [0, 0, 0]
    assert data["text"]["play"] == t("regions.play", lang) and data["text"]["class"] == t("regions.fig.class", lang)
    assert not at.warning


def test_the_sent_points_are_the_sessions_data(app_path):
    """Check the points the plane trains on are exactly the session's training split (as in the train/test split
    scikit-learn makes), and the square holds every point."""
    at = open_page(app_path, rkind="spiral", rc="4", rn="400", rtest="0.3")
    data = sent(at)
    x_train, y_train, x_test, y_test = at.session_state["rg_session"].data
    assert np.array_equal(np.array(data["train"]["x"]).reshape(-1, 2), x_train)
    assert data["train"]["y"] == y_train.tolist() and data["test"]["y"] == y_test.tolist()
    lo, hi = data["lim"]
    assert lo < min(x_train.min(), x_test.min()) and max(x_train.max(), x_test.max()) < hi


def test_a_report_continues_the_model_from_the_browsers_weights(app_path):
    """Check a Step report (the epoch, weights and curves the browser computed) becomes the session's model:
    the weights it predicts with are the reported ones, the epoch and curves follow, and the page sends the same
    token (the browser keeps training) with the adopted weights."""
    at = open_page(app_path)
    token = sent(at)["token"]
    value = trained_report(at, 3)
    report(at, value)
    model = at.session_state["rg_session"].model
    assert model.n_epochs_ == 3 and model.history_["loss"] == value["curves"]["loss"]
    assert np.array_equal(model.w2_.ravel(), value["weights"]["w2"])
    data = sent(at)
    assert data["token"] == token and data["epoch"] == 3 and data["weights"] == value["weights"]
    assert data["curves"]["loss"] == value["curves"]["loss"]


@pytest.mark.parametrize("change", [
    dict(token=999), dict(epoch=10**6), dict(epoch=-1), dict(epoch="3"),
    dict(weights={"w1": None, "b1": None, "w2": [0.0] * 5, "b2": [0.0] * 3}),
    dict(weights={"w1": None, "b1": None, "w2": [float("nan")] * 6, "b2": [0.0] * 3}),
    dict(weights={"w1": [0.0] * 6, "b1": [0.0] * 3, "w2": [0.0] * 9, "b2": [0.0] * 3}),
    dict(curves={"stride": 1, "epoch": list(range(1, 5000)), "loss": [1.0] * 4999, "accuracy": [1.0] * 4999}),
    dict(curves={"stride": 1, "epoch": [1], "loss": [float("inf")], "accuracy": [1.0]}),
    dict(curves="<b>x</b>"), dict(click=["a", 0]), dict(click=[5.0, 0.0], add=1), dict(click=[0.1, 0.1], add=9),
])
def test_hostile_or_stale_reports_change_nothing(app_path, change):
    """Check a report for other weights (an old token), or one that does not fit the model (shapes, NaN, epochs
    past the cap, a curve of thousands of points, bad clicks), is refused or its bad part ignored: nothing
    raises, no bad value reaches the model, the link or the page."""
    at = open_page(app_path)
    before = sent(at)
    report(at, {**trained_report(at), **change})
    model = at.session_state["rg_session"].model
    assert np.isfinite(model.w2_).all() and model.n_epochs_ in (0, 1)
    assert at.query_params.get("rpts", "") == ""
    if model.n_epochs_ == 0:
        assert sent(at)["weights"] == before["weights"]


def test_settings_round_trip_through_the_url(app_path):
    """Check a link sets every control and what the plane is sent, and a changed control is written back to
    the URL."""
    at = open_page(app_path, rkind="spiral", rc="4", rn="400", rnoise="0.1", rtest="0.3", rmodel="softmax",
                   runits="6", ract="relu", rlr="1", rbatch="all", rl2="0.001", rgrid="50", rlines="1",
                   rclick="look")
    ss = at.session_state
    assert (ss["rkind"], ss["rc"], ss["rn"], ss["runits"], ss["ract"], ss["rbatch"], ss["rgrid"]) == \
        ("spiral", 4, 400, 6, "relu", "all", 50)
    assert not at.warning
    data = sent(at)
    assert data["spec"] == {"model": "softmax", "activation": "relu", "lr": 1.0, "l2": 0.001, "batch": 280,
                            "seed": 0}  # "all" of the 70 % training share
    assert data["grid"] == 50 and data["lines"] and data["click"] == "look" and len(data["weights"]["b1"]) == 6
    at.slider(key="runits").set_value(12).run()
    assert at.query_params["runits"] == "12"


@pytest.mark.parametrize("params", [
    dict(rn="99999"), dict(rgrid="1000"), dict(rgrid="1"), dict(rc="abc"), dict(rlr="1e9"),
    dict(rpts="<b>x</b>"), dict(rpts="5,5,0"), dict(rpts="0.1,0.2,9"), dict(rpts="nan,0,0"),
    dict(rclick="9"), dict(runits="-1"), dict(rtest="0.9"), dict(rkind="'; DROP"),
])
def test_hostile_links_fall_back_with_the_warning(app_path, params):
    """Check each hostile or out-of-range link value is ignored with the bad-link warning naming it,
    while the page still sends its plane the default."""
    at = open_page(app_path, **params)
    (key,) = params
    assert at.warning and key in at.warning[0].value
    assert at.session_state[key] == DEFAULTS[key]
    assert sent(at)["grid"] == (DEFAULTS["rgrid"] if key == "rgrid" else 80)


def test_caps_of_points_and_grid(app_path):
    """Check the largest link values (2,000 points, a 150×150 grid) are accepted and sent, with no room left
    for added points."""
    at = open_page(app_path, rn="2000", rgrid="150")
    assert not at.warning
    data = sent(at)
    assert data["grid"] == 150 and len(data["train"]["y"]) + len(data["test"]["y"]) == 2000
    assert data["room"] == 0


def test_classes_follow_the_data_set(app_path):
    """Check moons force C = 2 (and say so) and xor's 3 becomes its nearest choice."""
    at = open_page(app_path, rkind="moons", rc="5")
    assert at.session_state["rc"] == 2
    assert any(c.value == t("regions.classes_fixed", "en", kind="moons", c=2) for c in at.caption)
    at = open_page(app_path, rkind="xor", rc="3")
    assert at.session_state["rc"] in (2, 4)


def test_a_diverged_report_shows_the_message_and_reset_clears_it(app_path):
    """Check a report of a diverged run (the loss past 2·ln C + 2) keeps its history, shows the message with no
    NaN, and tells the plane to hold Play; a Reset report starts new weights (a new token, epoch 0)."""
    at = open_page(app_path, runits="16", ract="tanh", rlr="100", rbatch="1")
    value = trained_report(at, 2, why="diverged", diverged=[2, 27.6])
    report(at, value)
    assert at.error and at.error[0].value == t("regions.diverged", "en", epoch=2, loss="27.60", guess="1.10")
    assert sent(at)["diverged"] == [2, 27.6] and sent(at)["curves"]["loss"] == value["curves"]["loss"]
    # the weights stopped being finite in epoch 3: the browser kept epoch 2's
    report(at, {**value, "diverged": [3, None]})
    assert at.error[0].value == t("regions.diverged", "en", epoch=3, loss="∞", guess="1.10")
    token = sent(at)["token"]
    report(at, {**trained_report(at, 0), "why": "reset"})
    data = sent(at)
    assert not at.error and data["epoch"] == 0 and data["token"] == token + 1 and data["diverged"] is None


def test_data_change_restarts_the_model_and_says_so(app_path):
    """Check that changing the noise restarts the model with a note (new token), and a new learning rate does
    not (the same token: the browser keeps its weights and takes the new rate)."""
    at = open_page(app_path)
    report(at, trained_report(at, 2))
    token = sent(at)["token"]
    at.select_slider(key="rlr").set_value("0.1").run()
    data = sent(at)
    assert data["epoch"] == 2 and data["token"] == token and data["spec"]["lr"] == 0.1 and not at.info
    at.slider(key="rnoise").set_value(0.5).run()
    data = sent(at)
    assert data["epoch"] == 0 and data["token"] == token + 1
    assert at.info[0].value == t("regions.restarted", "en")


def test_points_from_the_link_train_with_the_data(app_path):
    """Check added points in the link are sent as the added group, counted by Clear, and that Clear removes
    them without restarting the model."""
    at = open_page(app_path, rpts="0.5,0.5,1;-0.25,0.75,2")
    assert sent(at)["added"] == {"x": [0.5, 0.5, -0.25, 0.75], "y": [1, 2]}
    assert at.button(key="rg_clear").label == t("regions.clear", "en", n=2)
    report(at, trained_report(at))
    at.button(key="rg_clear").click().run()
    assert at.query_params.get("rpts", "") == "" and sent(at)["added"] == {"x": [], "y": []}
    assert at.session_state["rg_session"].model.n_epochs_ == 1  # clearing points is no data-set change


def test_a_click_adds_a_point_to_the_link(app_path):
    """Check a click report with a class adds that point (to the link, the Clear count and the sent data) and
    shows that spot's numbers; with no room left it says so and adds nothing."""
    at = open_page(app_path)
    report(at, trained_report(at, why="click", click=[0.25, -0.5], add=1))
    assert at.query_params["rpts"] == "0.250,-0.500,1"
    assert at.button(key="rg_clear").label == t("regions.clear", "en", n=1)
    assert sent(at)["added"] == {"x": [0.25, -0.5], "y": [1]} and sent(at)["room"] == 199
    full = open_page(app_path, rn="2000")
    report(full, trained_report(full, why="click", click=[0.25, -0.5], add=1))
    assert full.warning[0].value == t("regions.added_cap", "en", n=0) and full.query_params.get("rpts", "") == ""


def test_probe_links_to_the_softmax_explorer(app_path):
    """Check a clicked location's outputs are listed and the link carries the reported model's logits (x·W + b
    computed here from the reported weights), which reproduce them under softmax."""
    at = open_page(app_path)
    value = trained_report(at, 2, why="click", click=[0.3, -0.2])
    report(at, value)
    z_true = np.array([0.3, -0.2]) @ np.reshape(value["weights"]["w2"], (2, 3)) + value["weights"]["b2"]
    p = np.exp(z_true) / np.exp(z_true).sum()
    link = at.main.get("page_link")[0].proto
    assert link.label == t("regions.open_softmax", "en")
    q = dict(kv.split("=") for kv in link.query_string.split("&"))
    z = np.array([float(q[f"z{i}"]) for i in range(3)])
    assert np.allclose(z, z_true, atol=5e-4)
    assert q["n"] == "3" and q["y"] == str(int(p.argmax()))
    assert any(f"p1 = {p[0]:.3f}" in m.value for m in at.markdown)
