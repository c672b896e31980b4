"""AppTest checks of the softmax explorer page: charts follow the core maths, presets, URL state."""
import math
import warnings

import numpy as np
import pytest
from scipy.special import softmax as scipy_softmax
from streamlit.testing.v1 import AppTest

from core.pages import softmax_lab as lab
from core.text.i18n import class_names, t
from tests import widgets
from tests.widgets import linked, named, plotly_array as values

PAGE = "views/softmax_explorer.py"


def open_page(app_path: str, lang: str = "en", **params: str) -> AppTest:
    """Run the app with ``lang`` and ``params`` in the URL and switch to the softmax page."""
    return widgets.open_page(app_path, PAGE, lang, **params)


def reference(z, temperature: float = 1.0) -> np.ndarray:
    """SciPy's softmax of z / T: an independent reference for what the page draws."""
    return scipy_softmax(np.asarray(z, dtype=float) / temperature)


def chart(at: AppTest, key: str) -> list[dict]:
    """The traces of the Plotly chart drawn with ``key``."""
    return widgets.chart(at, key)["data"]


def bars(at: AppTest) -> np.ndarray:
    """Heights of the softmax bars of the probability chart."""
    return values(chart(at, "probs")[0]["y"])


def table_p(at: AppTest) -> list[float]:
    """Column p of the table, rounded to 2 decimals, without the Σ row."""
    return np.round(at.dataframe[0].value["p"].to_numpy()[:-1], 2).tolist()


def test_default_chart_shows_core_softmax(app_path):
    """Check the first view: the book's first example, bars equal to core softmax, sigmoid beside it."""
    at = open_page(app_path)
    np.testing.assert_allclose(bars(at), reference(lab.DEFAULT_LOGITS[:3]), rtol=1e-12)
    sig = chart(at, "probs")[1]
    np.testing.assert_allclose(values(sig["y"]), [0.9, 0.8, 0.7], atol=2e-3)
    assert not at.warning


def test_moving_a_logit_slider_changes_the_bars(app_path):
    """Check that dragging z₁ to 4.0 redraws the bars at softmax(4.0, 1.39, 0.85)."""
    at = open_page(app_path)
    linked(at, "sm.z0")[0].set_value(4.0).run()
    expected = reference([4.0, 1.39, 0.85])
    np.testing.assert_allclose(bars(at), expected, rtol=1e-12)
    assert linked(at, "sm.z0")[1].value == 4.0 and at.query_params["z0"] == "4"
    assert bars(at)[0] == pytest.approx(math.exp(4) / (math.exp(4) + math.exp(1.39) + math.exp(0.85)))


@pytest.mark.parametrize("preset, printed", [("book1", [0.59, 0.26, 0.15]), ("book2", [0.74, 0.18, 0.08])])
def test_presets_reproduce_the_textbook_numbers(app_path, preset, printed):
    """Check that each book preset shows the printed probabilities in the chart and the table."""
    at = open_page(app_path, n="5", t="2", c="3")
    at.button(key=f"preset_{preset}").click().run()
    assert np.round(bars(at), 2).tolist() == printed and table_p(at) == printed
    assert at.slider(key="sm.n").value == 3 and at.slider(key="sm.t").value == 1.0


def test_binary_preset_shows_the_sigmoid_identity(app_path):
    """Check that the C = 2 preset draws two bars and states p₁ = σ(z₁ − z₂)."""
    at = open_page(app_path)
    at.button(key="preset_binary").click().run()
    p1 = 1 / (1 + math.exp(-1.39))
    assert bars(at)[0] == pytest.approx(p1)
    assert any(f"{p1:.4f}" in box.value and "σ((z₁ − z₂)/T)" in box.value for box in at.info)


def marked(at: AppTest) -> list[str]:
    """The worked-example buttons drawn as the active one (primary)."""
    return [name for name in lab.PRESETS if at.button(key=f"preset_{name}").proto.type == "primary"]


def test_the_active_worked_example_is_marked(app_path):
    """Check that the example whose values the sliders hold is marked, and none once a slider moved:
    the first view is the book's first example; a click marks another; z₁ moved marks none; the book's
    printed logits typed back (ln(0.9/0.1) ≈ 2.20, ln(0.8/0.2) ≈ 1.39, ln(0.7/0.3) ≈ 0.85) mark it again."""
    at = open_page(app_path)
    assert marked(at) == ["book1"]
    at.button(key="preset_book2").click().run()
    assert marked(at) == ["book2"]
    linked(at, "sm.z0")[0].set_value(0.5).run()
    assert marked(at) == []
    for i, z in enumerate([2.2, 1.39, 0.85]):
        linked(at, f"sm.z{i}")[1].set_value(z).run()
    assert marked(at) == ["book1"]
    at.slider(key="sm.t").set_value(2.0).run()
    assert marked(at) == []


def test_shared_url_restores_the_state(app_path):
    """Check that the query string one session writes opens the same view in a fresh session."""
    at = open_page(app_path, n="4", z0="-1.5", z1="3.25", z2="0", z3="7", t="0.5", y="2", c="1.5")
    linked(at, "sm.z1")[0].set_value(2.0).run()
    url = dict(at.query_params)
    assert url["z1"] == "2" and url["n"] == "4" and url["y"] == "2" and url["t"] == "0.5"

    fresh = open_page(app_path, **url)
    np.testing.assert_allclose(bars(fresh), reference([-1.5, 2.0, 0.0, 7.0], 0.5))
    assert fresh.slider(key="sm.n").value == 4 and named(fresh, "sm.y").value == 2
    assert linked(fresh, "sm.c")[1].value == 1.5 and fresh.slider(key="sm.t").value == 0.5
    np.testing.assert_allclose(fresh.dataframe[0].value["z"].to_numpy()[:-1], [0.0, 3.5, 1.5, 8.5])
    assert not fresh.warning


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_trainer_link_with_fashion_names(app_path, lang):
    """Check the prediction browser's link: 10 Fashion-MNIST bars, its logits, the true class chosen."""
    z = np.linspace(-3, 4, 10).round(3)
    at = open_page(app_path, lang=lang, n="10", labels="fashion", y="9",
                   **{f"z{i}": str(v) for i, v in enumerate(z)})
    assert chart(at, "probs")[0]["x"] == class_names(lang)
    np.testing.assert_allclose(bars(at), reference(z), rtol=1e-12)
    assert named(at, "sm.y").value == 9
    grad = chart(at, "grad")
    up, down = values(grad[1]["y"]), values(grad[2]["y"])  # p − y < 0 (green), p − y > 0 (orange)
    assert up[9] < 0 and np.isnan(up[:9]).all() and np.all(down[:9] > 0) and np.isnan(down[9])
    assert linked(at, "sm.z9")[0].label.endswith(class_names(lang)[9])


def assert_finite_and_quiet(at: AppTest) -> None:
    """Check the page ran without exception or warning box, with only finite numbers in chart and table."""
    assert not at.exception and not at.warning
    assert np.all(np.isfinite(bars(at)))
    table = at.dataframe[0].value
    assert np.all(np.isfinite(table["p"])) and np.all(np.isfinite(table["exp_shifted"]))
    assert not table["exp"].str.contains("inf|nan", case=False).any()
    assert all(math.isfinite(float(m.value)) for m in at.metric)


def test_huge_typed_logits_at_minimum_temperature_stay_finite(app_path):
    """Check that typing ±1000 (then c = +1000) at the minimum temperature keeps everything finite."""
    at = open_page(app_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy overflow inside the script becomes an exception
        linked(at, "sm.z0")[1].set_value(1000.0).run()
        linked(at, "sm.z1")[1].set_value(-1000.0).run()
        at.slider(key="sm.t").set_value(lab.T_MIN).run()
        assert_finite_and_quiet(at)
        np.testing.assert_array_equal(bars(at), [1.0, 0.0, 0.0])
        assert linked(at, "sm.z0")[0].value == 10.0  # the slider rests at its end; the value stays 1000
        linked(at, "sm.c")[1].set_value(1000.0).run()
        assert_finite_and_quiet(at)
        assert at.dataframe[0].value["exp"][0] == "6.016e+17371"  # e^(2000 / 0.05), from its logarithm


def test_shift_keeps_the_bars_and_says_so(app_path):
    """Check that adding c = 5 leaves the bars unchanged and explains shift invariance."""
    at = open_page(app_path)
    before = bars(at)
    linked(at, "sm.c")[0].set_value(5.0).run()
    np.testing.assert_allclose(bars(at), before, atol=1e-15)
    assert len(at.info) == 1 and "c = 5" in at.info[0].value


def test_gradient_step_button_lowers_the_loss(app_path):
    """Check that 'Take this step' moves the logits by −η(p − y) and the loss falls to the preview."""
    at = open_page(app_path, y="2")
    z = np.asarray(lab.DEFAULT_LOGITS[:3], dtype=float)
    grad = reference(z) - np.eye(3)[2]  # ∂(−log p₂)/∂z = p − y, η = 1 (the default)
    at.button(key="step").click().run()
    np.testing.assert_allclose([linked(at, f"sm.z{i}")[1].value for i in range(3)], z - grad)
    loss, loss_next = -math.log(reference(z)[2]), -math.log(reference(z - grad)[2])
    assert loss_next < loss
    assert float(at.metric[0].value) == pytest.approx(loss_next, abs=1e-4)


def test_fewer_classes_drop_stale_logits_from_the_url(app_path):
    """Check that lowering C to 2 removes z2 from the URL and resets a true class that no longer exists."""
    at = open_page(app_path, y="2")
    at.slider(key="sm.n").set_value(2).run()
    assert "z2" not in at.query_params and named(at, "sm.y").value == 0
    assert len(bars(at)) == 2


def test_bad_url_values_are_ignored_with_a_warning(app_path):
    """Check that a true class beyond C, a NaN logit and a zero temperature fall back with one warning."""
    at = open_page(app_path, y="7", z0="nan", t="0")
    assert len(at.warning) == 1 and all(k in at.warning[0].value for k in ("y", "z0", "t"))
    np.testing.assert_allclose(bars(at), reference(lab.DEFAULT_LOGITS[:3]))


def test_reset_restores_the_defaults(app_path):
    """Check that Reset brings back C = 3, the default logits, T = 1 and the first class."""
    at = open_page(app_path, n="6", z0="9", t="3", y="4", c="2")
    at.button(key="reset").click().run()
    assert at.slider(key="sm.n").value == 3 and at.slider(key="sm.t").value == 1.0
    assert named(at, "sm.y").value == 0 and linked(at, "sm.c")[1].value == 0.0
    np.testing.assert_allclose(bars(at), reference(lab.DEFAULT_LOGITS[:3]))


def test_hardmax_toggle_and_jacobian(app_path):
    """Check the hardmax trace appears on request, and the Jacobian heatmap is diag(p) − p pᵀ."""
    at = open_page(app_path)
    at.button_group(key="sm.show").set_value(["hardmax"]).run()
    traces = chart(at, "probs")
    assert [tr["name"] for tr in traces] == [t("softmax.trace.softmax", "en"), t("softmax.trace.hardmax", "en")]
    np.testing.assert_array_equal(values(traces[1]["y"]), [1, 0, 0])
    heat = chart(at, "jac")[0]
    p = reference(lab.DEFAULT_LOGITS[:3])
    jac = np.array([values(row) for row in heat["z"]]) if isinstance(heat["z"], list) else values(heat["z"])
    np.testing.assert_allclose(jac.reshape(3, 3), np.diag(p) - np.outer(p, p), atol=1e-12)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_speaks_the_language(app_path, lang):
    """Check the title and the table header in the chosen language."""
    at = open_page(app_path, lang=lang)
    assert at.title[0].value == t("softmax.title", lang)
    assert t("softmax.table.title", lang) in [s.value for s in at.subheader]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_logit_beyond_the_slider_is_marked(app_path, lang):
    """Check that a box holding 1000 while its slider stops at 10 says so under the slider, in the page's
    language, and that the note goes once the value is back in the slider's range."""
    at = open_page(app_path, lang=lang, z0="1000")
    note = t("common.beyond_slider", lang, value="1000", lo="-10", hi="10")
    assert linked(at, "sm.z0")[0].value == 10.0
    assert [c.value for c in at.caption if c.value == note] == [note]
    linked(at, "sm.z0")[1].set_value(5.0).run()
    beyond = t("common.beyond_slider", lang, value="5", lo="-10", hi="10").split("5")[0]
    assert not [c.value for c in at.caption if c.value.startswith(beyond)]
