"""AppTest of the sigmoid-shape explorer: curve and midpoint against core, URL state, pins, data, the fit."""
import json
import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from streamlit.testing.v1 import AppTest

from core.maths import logistic as lg
from core.pages import sigmoid_lab as lab
from core.text.i18n import t
from tests import widgets
from tests.widgets import linked, plotly_array as arr
from core.data.toy import DATASETS, EXAM, EXAM_MIXED, TOY

PAGE = "views/sigmoid_explorer.py"
SLIDES_P = [0.02349776, 0.05720928, 0.13271242, 0.90763205, 0.9511779, 0.9752164]


def open_page(app_path: str, lang: str = "en", **params: str) -> AppTest:
    return widgets.open_page(app_path, PAGE, lang, **params)


def chart(at: AppTest, i: int = 0) -> list[dict]:
    """The traces of the i-th chart (0: the sigmoid curve, 1: the loss contour, 2: the loss history)."""
    return json.loads(at.get("plotly_chart")[i].proto.spec)["data"]


def named(traces: list[dict], name: str) -> list[dict]:
    return [tr for tr in traces if tr.get("name") == name]


def set_wb(at: AppTest, w: float, b: float) -> AppTest:
    linked(at, "sw")[1].set_value(w).run()
    return linked(at, "sb")[1].set_value(b).run()


def metric(at: AppTest, label_key: str) -> str:
    return next(m.value for m in at.metric if m.label == t(label_key, "en"))


@pytest.mark.parametrize("w, b", [(1.0, 0.0), (2.5, -1.0), (-1.5, 0.5), (-0.3, -1.0), (0.0, 0.4), (0.0, 0.0),
                                  (40.0, 3.0)])
def test_curve_and_midpoint_match_core(app_path, w, b):
    """Check the drawn curve equals σ(Wx + b) from core (and the formula), and the midpoint −b/W, for
    positive, negative, zero and typed-in-only (40 > slider's 5) W."""
    at = set_wb(open_page(app_path), w, b)
    curve = named(chart(at), t("sigmoid.fig.current", "en"))[0]
    x, y = arr(curve["x"]), arr(curve["y"])
    np.testing.assert_allclose(y, lg.curve(w, b, x), rtol=1e-12)
    np.testing.assert_allclose(y, 1 / (1 + np.exp(-(w * x + b))), rtol=1e-9)
    diamonds = [tr for tr in chart(at) if tr.get("marker", {}).get("symbol") == "diamond"]
    if w == 0:
        assert diamonds == [] and metric(at, "sigmoid.m.midpoint") == t("sigmoid.m.undefined", "en")
        explanation = at.markdown[1].value
        assert "divide by zero" in explanation and f"{1 / (1 + np.exp(-b)):.3f}" in explanation
    else:
        assert arr(diamonds[0]["x"])[0] == pytest.approx(-b / w)
        assert float(metric(at, "sigmoid.m.midpoint")) == pytest.approx(-b / w, abs=5e-4)
    assert float(metric(at, "sigmoid.m.slope")) == pytest.approx(w / 4, abs=5e-4)
    assert linked(at, "sw")[0].value == min(max(w, -5.0), 5.0)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_url_seeds_the_page_and_publishes_it(app_path, lang):
    """Check that ?sw=&sb=&sdata=&sfam= open that view, and the address bar then holds every setting."""
    at = open_page(app_path, lang, sw="-2", sb="1.5", sdata="exam", sfam="b")
    assert at.title[0].value == t("sigmoid.title", lang)
    assert linked(at, "sw")[1].value == -2.0 and linked(at, "sb")[1].value == 1.5
    assert linked(at, "sb")[0].min == -200.0  # the exam's wide b range
    family = [tr["name"] for tr in chart(at) if tr.get("name", "").startswith("σ(x")]
    assert family == ["σ(x + 0.5)", "σ(x + 1)", "σ(x + 1.5)"]
    assert {k: at.query_params[k] for k in ("sw", "sb", "sdata", "sfam", "slr", "sep", "sstd")} == {
        "sw": "-2", "sb": "1.5", "sdata": "exam", "sfam": "b", "slr": "0.1", "sep": "300", "sstd": "1"}


def test_bad_url_values_fall_back_with_a_warning(app_path):
    """Check that junk in the link is ignored (defaults shown) with one warning naming the parameters."""
    at = open_page(app_path, sw="nan", sdata="<b>x</b>", slr="0.5")
    assert linked(at, "sw")[1].value == 1.0 and at.query_params["sdata"] == "toy"
    assert len(at.warning) == 1 and all(k in at.warning[0].value for k in ("sw", "sdata", "slr"))


def test_pins_are_kept_capped_and_cleared(app_path):
    """Check that each pin adds a ghost curve of its own W, b, at most 8 are kept, and Clear removes them."""
    at = open_page(app_path, sdata="none")
    pins_name = t("sigmoid.fig.pins", "en")
    for w in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5):
        set_wb(at, w, 0.0).button(key="sg_pin").click().run()
    pins = named(chart(at), pins_name)
    assert len(pins) == 8  # the first (W = 0.5) dropped out
    np.testing.assert_allclose(arr(pins[0]["y"]), lg.curve(1.0, 0.0, arr(pins[0]["x"])))
    at.button(key="sg_pin").click().run()  # the same W, b again: no duplicate
    assert len(named(chart(at), pins_name)) == 8
    at.button(key="sg_clear").click().run()
    assert named(chart(at), pins_name) == [] and at.button(key="sg_clear").disabled


def test_data_overlay_shows_probabilities_and_mean_loss(app_path):
    """Check the table's σ(Wx + b) and loss per point and the mean-loss metric against core and sklearn."""
    at = set_wb(open_page(app_path, sdata="toy"), 1.2, -0.3)
    table = at.dataframe[0].value
    np.testing.assert_allclose(table["p"], lg.curve(1.2, -0.3, TOY.x))
    np.testing.assert_allclose(table["loss"], lg.point_losses(1.2, -0.3, TOY.x, TOY.y))
    expected = log_loss(TOY.y, lg.curve(1.2, -0.3, TOY.x))
    assert float(metric(at, "sigmoid.mean_loss")) == pytest.approx(expected, abs=5e-5)
    predicted = named(chart(at), t("sigmoid.fig.predicted", "en"))[0]
    np.testing.assert_allclose(arr(predicted["y"]), lg.curve(1.2, -0.3, TOY.x))
    assert at.main.caption[-1].value == t("sigmoid.separable", "en")


def test_slides_replay_reproduces_the_slides(app_path):
    """Check that the replay button lands on W ≈ 1.85, b ≈ −0.03 and the slides' six predictions."""
    at = open_page(app_path, sdata="none")
    at.button(key="sg_slides").click().run()
    assert not at.exception
    assert linked(at, "sw")[1].value == pytest.approx(1.8498867, abs=1e-5)
    assert linked(at, "sb")[1].value == pytest.approx(-0.02729927, abs=1e-6)
    np.testing.assert_allclose(at.dataframe[0].value["p"], SLIDES_P, atol=1e-6)
    assert at.query_params["slr"] == "0.01" and at.query_params["sstd"] == "0"
    path = named(chart(at, 1), t("sigmoid.c.path", "en"))[0]
    assert len(arr(path["x"])) == 301 and arr(path["x"])[0] == pytest.approx(lg.SLIDES_FIT["w0"])
    assert len(arr(chart(at, 2)[0]["y"])) == 300


def test_fit_converges_to_sklearn_where_the_loss_has_a_minimum(app_path):
    """Check that Fit on the overlapping exam set ends within 1e-3 of scikit-learn's unregularised loss."""
    at = open_page(app_path, sdata="exam_mixed", sw="0", sb="0", slr="1", sep="3000", sstd="1")
    at.button(key="sg_fit_btn").click().run()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ref = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(EXAM_MIXED.x.reshape(-1, 1),
                                                                           EXAM_MIXED.y)
    best = log_loss(EXAM_MIXED.y, ref.predict_proba(EXAM_MIXED.x.reshape(-1, 1)))
    assert abs(float(metric(at, "sigmoid.mean_loss")) - best) < 1e-3
    assert linked(at, "sw")[1].value == pytest.approx(ref.coef_[0, 0], rel=1e-3)
    assert at.main.caption[-1].value == t("sigmoid.overlapping", "en")


def test_fit_on_exam_scores_puts_the_midpoint_between_55_and_60(app_path):
    """Check that a standardised fit on the exam data moves the midpoint into the 55…60 gap."""
    at = open_page(app_path, sdata="exam", sw="0", sb="0", slr="1", sep="300", sstd="1")
    at.button(key="sg_fit_btn").click().run()
    assert 55 < float(metric(at, "sigmoid.m.midpoint")) < 60
    assert any("W = **0.9275**" in m.value for m in at.markdown)


def test_overshooting_fit_is_clamped_to_the_inputs_with_a_warning(app_path):
    """Check that a fit ending beyond the inputs' limits sets them to the limit and says so."""
    at = open_page(app_path, sdata="exam", sw="100", sb="1000", slr="3", sep="10", sstd="1")
    at.button(key="sg_fit_btn").click().run()
    assert not at.exception and linked(at, "sw")[1].value == 100.0
    assert len(at.warning) == 1 and "101.5" in at.warning[0].value


def test_without_data_there_is_nothing_to_fit(app_path):
    """Check that with no data set only the curve is drawn and Fit is disabled, with a hint."""
    at = open_page(app_path, sdata="none")
    assert len(at.get("plotly_chart")) == 1 and at.button(key="sg_fit_btn").disabled
    assert [i.value for i in at.info] == [t("sigmoid.no_data", "en"), t("sigmoid.needs_data", "en")]


def test_each_data_set_starts_with_its_midpoint_inside_the_data(app_path):
    """Check that choosing a data set moves W, b to a curve that rises across that data (midpoint inside
    it, probabilities below 0.2 and above 0.8, every point classified right) — not σ ≈ 1 over exam scores
    45…70 — and that a link naming only the data set opens at the same start; the toy set keeps (1, 0)."""
    at = open_page(app_path)
    for key in ("exam", "exam_mixed", "toy"):
        data = {**DATASETS, EXAM_MIXED.key: EXAM_MIXED}[key]
        at.button_group(key="sdata").set_value(key).run()
        w, b = linked(at, "sw")[1].value, linked(at, "sb")[1].value
        assert data.x.min() < -b / w < data.x.max(), key
        p = 1 / (1 + np.exp(-(w * data.x + b)))
        assert p.min() < 0.2 and p.max() > 0.8, key
        if key != "exam_mixed":
            assert float(metric(at, "sigmoid.accuracy").rstrip("%")) == 100, key
        assert (at.query_params["sw"], at.query_params["sb"]) == (f"{w:g}", f"{b:g}")
        from_link = open_page(app_path, sdata=key)
        assert (linked(from_link, "sw")[1].value, linked(from_link, "sb")[1].value) == (w, b), key
    assert (w, b) == (1.0, 0.0)


def test_fit_curve_is_logistic_regression_run_directly():
    """Check that the page's fit (core.pages.sigmoid_lab) is LogisticRegression1D run directly on the same data
    and settings — path, loss history, end — and that an end beyond the inputs' limits is flagged and brought
    to them, while one within them is kept as it is."""
    fit = lab.fit_curve("exam", 3.0, 10, w0=100.0, b0=1000.0, standardize=True)
    ref = lg.LogisticRegression1D(3.0, 10, w0=100.0, b0=1000.0, standardize=True).fit(EXAM.x, EXAM.y)
    np.testing.assert_array_equal(fit.model.path_, ref.path_)
    assert fit.model.history_ == ref.history_ and fit.data == "exam"
    assert ref.coef_ > 100 and fit.clipped
    assert fit.inputs == (100.0, min(max(ref.intercept_, -1000.0), 1000.0))
    toy = lab.fit_curve("toy", 1.0, 30, w0=0.0, b0=0.0, standardize=False)
    assert not toy.clipped and toy.inputs == (toy.model.coef_, toy.model.intercept_)


def test_fit_curve_reproduces_the_slides():
    """Check that the slides' settings land on the slides' printed W ≈ 1.85, b ≈ −0.03 and six predictions, and
    that the summary's losses are scikit-learn's at the start and the end."""
    sl = lg.SLIDES_FIT
    fit = lab.fit_curve("toy", sl["learning_rate"], sl["epochs"], w0=sl["w0"], b0=sl["b0"],
                        standardize=sl["standardize"])
    s = fit.summary()
    assert s["w"] == pytest.approx(1.8498867, abs=1e-5) and s["b"] == pytest.approx(-0.02729927, abs=1e-6)
    np.testing.assert_allclose(1 / (1 + np.exp(-(s["w"] * TOY.x + s["b"]))), SLIDES_P, atol=1e-6)
    assert (s["w0"], s["b0"]) == (sl["w0"], sl["b0"])
    assert s["l0"] == pytest.approx(log_loss(TOY.y, 1 / (1 + np.exp(-(sl["w0"] * TOY.x + sl["b0"])))))
    assert s["l1"] == pytest.approx(log_loss(TOY.y, SLIDES_P), abs=1e-6)
    frames = fit.frames(12)
    assert frames[0] == 0 and frames[-1] == 300 and len(frames) == 13 and frames == sorted(set(frames))


def test_pins_and_readout_follow_their_rules():
    """Check that a pin already there is not added twice, the newest eight are kept, and the readout's
    midpoint, slope and σ at 0 are −b/W, W/4 and 1/(1 + e^−b)."""
    pins = []
    for w in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5):
        pins = lab.add_pin(pins, w, 0.0)
    assert pins == [(w, 0.0) for w in (1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5)]
    assert lab.add_pin(pins, 4.5, 0.0) == pins
    r = lab.readout(2.0, -1.0)
    assert (r["midpoint"], r["slope"], r["sign"]) == (pytest.approx(0.5), 0.5, "pos")
    assert r["at0"] == pytest.approx(1 / (1 + np.exp(1.0)))
    assert lab.readout(0.0, 0.4)["midpoint"] is None and lab.readout(0.0, 0.4)["sign"] == "zero"
