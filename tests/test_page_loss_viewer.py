"""AppTest of the loss viewer: every control, the numbers on screen against scikit-learn, URL state."""
import math

import numpy as np
import pytest
from sklearn.metrics import log_loss
from streamlit.testing.v1 import AppTest

from core.text.i18n import t
from tests import widgets
from tests.widgets import chart, linked, plotly_array as arr

PAGE = "views/loss_viewer.py"
CHARTS = {"bin": ["bin_a", "bin_z"], "multi": ["multi"], "mse": ["mse", "surf_ce", "surf_mse"], "clip": ["clip"]}


def open_page(app_path, lang: str = "en", **params) -> AppTest:
    """Run the app with ``lang`` and ``params`` in the URL and switch to the loss viewer (``t=`` picks the
    open tab; only the open tab's content runs)."""
    return widgets.open_page(app_path, PAGE, lang, **params)


def chart_keys(at: AppTest) -> list[str]:
    """The keys of the charts on the page, in order."""
    return [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")]


def open_tab(at: AppTest, code: str) -> AppTest:
    """Open another tab, as a click on it does (the tab's on_change stores its code under ``t``)."""
    at.session_state["lv.t"] = code
    return at.run()


def ringed_points(fig: dict, lang: str = "en") -> list[tuple[float, float]]:
    """(x, y) of the traces that mark the chosen point."""
    name = t("loss.fig.point", lang)
    return [(float(arr(tr["x"])[0]), float(arr(tr["y"])[0])) for tr in fig["data"] if tr.get("name") == name]


def metrics(at: AppTest) -> dict[str, str]:
    """Metric label → shown value (labels are unique except the surface pairs, which keep the last)."""
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_renders_every_tab_in_each_language(app_path, lang):
    """Check the title, the four tab labels and each tab's charts, in both languages, without exception —
    and that only the open tab's charts are built."""
    at = open_page(app_path, lang=lang)
    assert not at.exception
    assert at.title[0].value == t("loss.title", lang)
    assert [tab.label for tab in at.tabs] == [t(f"loss.tab.{c}", lang) for c in CHARTS]
    assert metrics(at)[t("loss.m.loss", lang)] == f"{-math.log(0.7):.4f}"
    for code, keys in CHARTS.items():
        open_tab(at, code)
        assert not at.exception, code
        assert chart_keys(at) == keys
        assert at.query_params["t"] == code


def test_closed_tabs_keep_their_values(app_path):
    """Check that values set in one tab survive a visit to the other tabs, whose runs do not draw them."""
    at = open_page(app_path)
    at.button_group(key="lv.yb").set_value("0").run()
    linked(at, "lv.a")[1].set_value(0.2).run()
    open_tab(at, "multi")
    at.slider(key="lv.nc").set_value(6).run()
    at.button_group(key="lv.yc").set_value(5).run()
    open_tab(at, "clip")
    at.button_group(key="lv.dt").set_value("float32").run()
    open_tab(at, "mse")
    open_tab(at, "bin")
    assert at.button_group(key="lv.yb").value == "0" and linked(at, "lv.a")[1].value == 0.2
    open_tab(at, "multi")
    assert at.slider(key="lv.nc").value == 6 and at.button_group(key="lv.yc").value == 5
    open_tab(at, "clip")
    assert at.button_group(key="lv.dt").value == "float32"


@pytest.mark.parametrize("a", [0.0, 1.0, 0.37])
@pytest.mark.parametrize("y", ["0", "1"])
def test_binary_numbers_match_sklearn(app_path, a, y):
    """Check the ringed point and the metric against sklearn's log_loss of a clipped at the page's ε.

    The page clips at ε = 1e-10 (textbook); sklearn's own clip (2.2e-16) then leaves the clipped value
    alone, so both compute the same loss — also for a of exactly 0 and 1.
    """
    at = open_page(app_path)
    at.button_group(key="lv.yb").set_value(y).run()
    linked(at, "lv.a")[1].set_value(a).run()
    assert not at.exception
    expected = log_loss([int(y)], y_proba=[min(max(a, 1e-10), 1 - 1e-10)], labels=[0, 1])
    (x0, loss0), = ringed_points(chart(at, "bin_a"))
    assert loss0 == pytest.approx(expected, abs=1e-6)
    assert x0 == pytest.approx(min(max(a, 1e-10), 1 - 1e-10), abs=1e-12)
    assert metrics(at)[t("loss.m.loss", "en")] == f"{expected:.4f}"
    z_loss = ringed_points(chart(at, "bin_z"))[0][1]
    assert z_loss == pytest.approx(expected, abs=1e-6)  # the z-view's log(1 + e^∓z) at z = logit a


def test_two_class_panel_shows_the_same_number(app_path):
    """Check that the C = 2 panel's two metrics are equal, and equal to sklearn, for the binary tab's a."""
    at = open_page(app_path)
    linked(at, "lv.a")[1].set_value(0.2).run()
    at.button_group(key="lv.yb").set_value("0").run()
    shown = metrics(open_tab(at, "multi"))
    logistic = shown[t("loss.c2.logistic", "en")]
    assert logistic == shown[t("loss.c2.categorical", "en")] == f"{log_loss([0], y_proba=[0.2], labels=[0, 1]):.6f}"


def test_multiclass_only_true_class_survives(app_path):
    """Check Andrew Ng's start: bars a ≈ (0.3, 0.2, 0.1, 0.4), terms zero except −log 0.2, gradient a − y."""
    at = open_page(app_path, t="multi")
    a, terms, grad = (arr(tr["y"]) for tr in chart(at, "multi")["data"])
    np.testing.assert_allclose(a, [0.3, 0.2, 0.1, 0.4], atol=1e-4)
    assert terms[1] == pytest.approx(log_loss([1], y_proba=[a], labels=range(4)), abs=1e-6)
    np.testing.assert_array_equal(np.delete(terms, 1), 0)
    np.testing.assert_allclose(grad, a - np.eye(4)[1], atol=1e-12)
    assert any(f"-\\log {a[1]:.5g} = {terms[1]:.4f}" in el.value for el in at.latex)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_multiclass_counts_classes_from_one(app_path, lang):
    """Check that the multiclass tab counts like its sum from c = 1 and the softmax page: boxes z₁ … z₄
    and a₁ … a₃, true-class choices and bar categories 1 … C, the start's true class (URL yc=1) as class 2."""
    at = open_page(app_path, t="multi", lang=lang)
    assert [s.label for s in at.slider if s.key.startswith("lv.z")] == [
        t("loss.multi.z", lang, c=f"z{s}") for s in "₁₂₃₄"]
    assert at.button_group(key="lv.yc").options == ["1", "2", "3", "4"]
    assert at.button_group(key="lv.yc").value == 1  # 0-based in the URL and session, shown as "2"
    for panel in chart(at, "multi")["data"]:
        assert list(panel["x"]) == ["1", "2", "3", "4"]
    assert "true class 2" in t("loss.multi.explain", "en") and "정답 클래스 2" in t("loss.multi.explain", "ko")
    at.button_group(key="lv.mi").set_value("p").run()
    assert [s.label for s in at.slider if s.key.startswith("lv.p")] == [
        t("loss.multi.p", lang, c=f"a{s}") for s in "₁₂₃₄"]


def test_multiclass_probability_mode_with_exact_zero(app_path):
    """Check probabilities typed as (1, 0, 0) with true class 1: the loss is −log ε, matching sklearn."""
    at = open_page(app_path, t="multi", mi="p", nc="3", yc="1")
    for c, v in enumerate([1.0, 0.0, 0.0]):
        linked(at, f"lv.p{c}")[1].set_value(v).run()
    assert not at.exception
    _, terms, _ = (arr(tr["y"]) for tr in chart(at, "multi")["data"])
    clipped = np.clip([1.0, 0.0, 0.0], 1e-10, 1 - 1e-10)
    assert terms[1] == pytest.approx(log_loss([1], y_proba=[clipped / clipped.sum()], labels=range(3)), abs=1e-6)


def test_every_control_runs_without_exception(app_path):
    """Check that each widget of each tab accepts a new value, the page reruns cleanly, and the URL follows."""
    at = open_page(app_path)
    steps = [
        "bin",
        (lambda: at.button_group(key="lv.yb"), "0", "yb", "0"),
        (lambda: linked(at, "lv.a")[0], 0.25, "a", "0.25"),
        (lambda: linked(at, "lv.a")[1], 0.0, "a", "0"),
        "multi",
        (lambda: at.slider(key="lv.nc"), 6, "nc", "6"),
        (lambda: at.button_group(key="lv.yc"), 5, "yc", "5"),
        (lambda: at.slider(key="lv.nc"), 2, "nc", "2"),  # the true class follows C down
        (lambda: linked(at, "lv.z0")[0], 3.0, "z0", "3"),
        (lambda: linked(at, "lv.z1")[1], -1000.0, "z1", "-1000"),
        (lambda: at.button_group(key="lv.mi"), "p", "mi", "p"),
        (lambda: linked(at, "lv.p0")[0], 0.5, "p0", "0.5"),
        (lambda: linked(at, "lv.p1")[1], 0.0, "p1", "0"),
        "mse",
        (lambda: at.button_group(key="lv.ym"), "0", "ym", "0"),
        (lambda: linked(at, "lv.zm")[0], 7.5, "zm", "7.5"),
        (lambda: linked(at, "lv.zm")[1], 50.0, "zm", "50"),
        (lambda: linked(at, "lv.w")[0], 1.85, "w", "1.85"),
        (lambda: linked(at, "lv.b")[1], -0.05, "b", "-0.05"),
        (lambda: at.button_group(key="lv.sv"), "3d", "sv", "3d"),
        "clip",
        (lambda: linked(at, "lv.eps")[0], -16.0, "eps", "-16"),
        (lambda: linked(at, "lv.eps")[1], -1.0, "eps", "-1"),
        (lambda: at.button_group(key="lv.dt"), "float32", "dt", "float32"),
    ]
    for step in steps:
        if isinstance(step, str):
            open_tab(at, step)
            continue
        widget, value, param, shown = step
        widget().set_value(value).run()
        assert not at.exception, (param, at.exception)
        assert at.query_params[param] == shown, param
    assert open_tab(at, "multi").button_group(key="lv.yc").value == 1
    assert open_tab(at, "mse") and chart(at, "surf_ce")["data"][0]["type"] == "surface"


def test_p_mode_all_zero_falls_back_to_uniform(app_path):
    """Check that all-zero probabilities show the fallback note and a uniform bar chart."""
    at = open_page(app_path, t="multi", mi="p", nc="2", p0="0", p1="0")
    assert not at.exception
    a = arr(chart(at, "multi")["data"][0]["y"])
    np.testing.assert_allclose(a, [0.5, 0.5])
    assert any(c.value == t("loss.multi.zero", "en") for c in at.caption)


def test_float32_shows_the_lost_upper_clip(app_path):
    """Check the clipping table: float32 with ε = 1e-10 leaves a certain 1 for a true 0 at ∞."""
    at = open_page(app_path, t="clip", dt="float32")
    table = at.table[0].value
    col_clip = t("loss.clip.col_clip", "en")
    assert list(table[col_clip]) == ["0.0000", "0.0000", "23.0259", "∞"]
    linked(at, "lv.eps")[1].set_value(-7.0).run()
    assert "∞" not in list(at.table[0].value[col_clip])


def test_mse_tab_shows_the_vanishing_gradient(app_path):
    """Check at z = −6 (y = 1): cross-entropy gradient ≈ −1, squared error's ≈ −0.0025, ratio 1/σ′(z)."""
    at = open_page(app_path, t="mse", zm="-6")
    shown = metrics(at)
    a = 1 / (1 + math.exp(6))
    assert shown[t("loss.mse.ce_grad", "en")] == f"{a - 1:.4g}"
    assert shown[t("loss.mse.mse_grad", "en")] == f"{(a - 1) * a * (1 - a):.4g}"
    assert shown[t("loss.mse.ratio", "en")] == f"×{1 / (a * (1 - a)):.4g}"


def test_url_seeds_the_view_and_rejects_bad_values(app_path):
    """Check that a shared link restores tab and values, and bad values fall back with one warning (shown
    with the tab that uses them)."""
    at = open_page(app_path, lang="ko", t="clip", a="0.25", yb="0", nc="3", yc="2", eps="-7", w="abc", sv="x")
    assert not at.exception and not at.warning
    assert at.session_state["lv.t__tab"] == t("loss.tab.clip", "ko") and linked(at, "lv.eps")[1].value == -7
    open_tab(at, "bin")
    assert linked(at, "lv.a")[1].value == 0.25 and at.button_group(key="lv.yb").value == "0"
    assert open_tab(at, "multi").button_group(key="lv.yc").value == 2
    open_tab(at, "mse")
    assert linked(at, "lv.w")[1].value == -3.0 and at.button_group(key="lv.sv").value == "contour"
    assert len(at.warning) == 1 and "sv" in at.warning[0].value and "w" in at.warning[0].value


def test_language_switch_keeps_tab_and_values(app_path):
    """Check that switching to Korean keeps the open tab (?t=) and every value, with translated labels."""
    at = open_page(app_path, t="mse", zm="-6.5")
    at.button_group(key="lang").set_value("ko").run()
    assert not at.exception
    assert at.session_state["lv.t__tab"] == t("loss.tab.mse", "ko") and at.query_params["t"] == "mse"
    assert linked(at, "lv.zm")[1].value == -6.5
    assert linked(at, "lv.zm")[0].label == t("loss.mse.z", "ko")


def test_reset_restores_defaults(app_path):
    """Check that the reset button brings every control back to its start value."""
    at = open_page(app_path, a="0.1", eps="-3", nc="5", zm="2")
    next(b for b in at.button if b.label == t("common.reset", "en")).click().run()
    assert linked(at, "lv.a")[1].value == 0.7
    assert linked(open_tab(at, "clip"), "lv.eps")[1].value == -10
    assert open_tab(at, "multi").slider(key="lv.nc").value == 4
    assert linked(open_tab(at, "mse"), "lv.zm")[1].value == -4
    assert at.query_params["a"] == "0.7" and at.query_params["eps"] == "-10"
