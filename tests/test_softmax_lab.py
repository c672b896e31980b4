"""Tests of core.pages.softmax_lab against hand values, the textbook, finite differences and core.maths.losses."""
import math
from decimal import Decimal, getcontext

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra.numpy import arrays

from core.pages import softmax_lab as lab
from core.maths.losses import categorical_cross_entropy

logit_vectors = arrays(np.float64, st.integers(2, 10),
                       elements=st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False))
temperatures = st.floats(lab.T_MIN, lab.T_MAX)


def test_presets_reproduce_the_textbook():
    """Check the book presets: logits as printed (2 decimals) and softmax 0.59/0.26/0.15, 0.74/0.18/0.08."""
    np.testing.assert_array_equal(lab.PRESETS["book1"], [2.20, 1.39, 0.85])
    np.testing.assert_array_equal(lab.PRESETS["book2"], [0.00, -1.39, -2.20])
    assert np.round(lab.explore(lab.PRESETS["book1"]).probs, 2).tolist() == [0.59, 0.26, 0.15]
    assert np.round(lab.explore(lab.PRESETS["book2"]).probs, 2).tolist() == [0.74, 0.18, 0.08]


def test_binary_preset_is_the_sigmoid_of_the_logit_difference():
    """Check that with C = 2, p₁ = σ(z₁ − z₂) — here σ(1.39 − 0) ≈ 0.80 — also with a temperature."""
    ex = lab.explore(lab.PRESETS["binary"])
    assert lab.PRESETS["binary"].tolist() == [1.39, 0.0]
    assert ex.probs[0] == pytest.approx(1 / (1 + math.exp(-1.39)), abs=1e-12)
    assert ex.binary_sigmoid == pytest.approx(ex.probs[0], abs=1e-12)
    hot = lab.explore([3.0, -1.0], temperature=0.5)
    assert hot.binary_sigmoid == pytest.approx(1 / (1 + math.exp(-8.0)), abs=1e-12)
    assert hot.probs[0] == pytest.approx(hot.binary_sigmoid, abs=1e-12)


def test_huge_preset_equals_small_logits():
    """Check that (1000, 999, 998) gives the probabilities of (2, 1, 0), computed by hand."""
    e = np.exp([2.0, 1.0, 0.0])
    np.testing.assert_allclose(lab.explore(lab.PRESETS["huge"]).probs, e / e.sum(), atol=1e-15)


@pytest.mark.parametrize("x, text", [
    (0.0, "1.000"), (2.2, "9.025"), (0.85, "2.340"), (-2.2, "0.1108"),
    (1000.0, "1.970e+434"), (-1000.0, "5.076e-435"), (20000.0, "7.756e+8685"),
    (math.log(1e5), "1.000e+5"), (math.log(9.99996e6), "1.000e+7"),
])
def test_exp_text_matches_exact_values(x, text):
    """Check e^x as text against hand values and Decimal arithmetic, including far beyond float range."""
    assert lab.exp_text(x) == text


@given(st.floats(-1e4, 1e4))
def test_exp_text_agrees_with_decimal(x):
    """Check the mantissa and exponent of exp_text against 40-digit Decimal exponentials."""
    getcontext().prec = 40
    exact = Decimal(x).exp()
    mantissa, _, exponent = f"{exact:.3e}".partition("e")
    text = lab.exp_text(x)
    if "e" in text:
        m, _, k = text.partition("e")
        # the last digit may differ by one: x·log10(e) carries float rounding of about 1e-12 relative
        assert int(k) == int(exponent) and abs(float(m) - float(mantissa)) <= 1.5e-3
    else:
        assert float(text) == pytest.approx(float(exact), rel=1e-3)


def test_table_rows_for_the_textbook_example():
    """Check the table of the first book example: e^z by hand, Σ e^z = 15.38, and the Σ row of p is 1."""
    table = lab.softmax_table([2.2, 1.39, 0.85], 1.0, ["a", "b", "c"])
    assert table["label"] == ["a", "b", "c", "Σ"]
    assert table["exp"] == ["9.025", "4.015", "2.340", "15.38"]
    np.testing.assert_allclose(table["exp_shifted"][:3], np.exp([0.0, 1.39 - 2.2, 0.85 - 2.2]))
    assert table["p"][3] == pytest.approx(1.0) and table["z"][3] is None
    assert np.round(table["p"][:3], 2).tolist() == [0.59, 0.26, 0.15]


@given(logit_vectors, temperatures)
def test_table_is_finite_and_consistent(z, temperature):
    """Check that every table number is finite, p = e^(u−m)/Σ, and no cell says inf or nan."""
    table = lab.softmax_table(z, temperature, [str(i) for i in range(len(z))])
    shifted, p = np.array(table["exp_shifted"]), np.array(table["p"])
    assert np.all(np.isfinite(shifted)) and np.all(np.isfinite(p))
    np.testing.assert_allclose(p[:-1], shifted[:-1] / shifted[-1], rtol=1e-12)
    assert max(shifted[:-1]) == 1.0 and p[-1] == pytest.approx(1.0)
    assert not any(bad in cell for cell in table["exp"] for bad in ("inf", "nan"))


def test_cross_entropy_matches_core_losses():
    """Check −ln p_true against core.maths.losses.categorical_cross_entropy for moderate logits."""
    z = np.array([0.5, -1.2, 2.0, 0.1])
    for y in range(4):
        ref = categorical_cross_entropy(np.eye(4)[y], lab.explore(z).probs)
        assert lab.cross_entropy(z, y) == pytest.approx(ref, rel=1e-12)


def test_log_sum_exp_of_the_huge_preset_by_hand():
    """Check ln Σ e^{z_j} for z = (1000, 999, 998), whose e^z all overflow, through the loss of each class and
    the table's Σ row: ln Σ e^{z_j − z_c} written out with math.exp of small numbers."""
    z = lab.PRESETS["huge"]
    rest = math.log(1 + math.exp(-1) + math.exp(-2))  # ln Σ e^{z_j − 1000}
    assert [lab.cross_entropy(z, c) for c in range(3)] == pytest.approx([rest, 1 + rest, 2 + rest], rel=1e-15)
    assert lab.cross_entropy(z, 0, temperature=0.5) == pytest.approx(math.log(1 + math.exp(-2) + math.exp(-4)),
                                                                     rel=1e-15)
    table = lab.softmax_table(z, 1.0, ["a", "b", "c"])
    assert table["exp"][-1] == lab.exp_text(1000 + rest) == "2.961e+434"


def test_cross_entropy_stays_exact_for_huge_logits():
    """Check that a confident wrong answer costs its true loss (2000), not inf or a clipped 23."""
    assert lab.cross_entropy([1000.0, -1000.0], 1) == pytest.approx(2000.0)
    assert lab.cross_entropy([1000.0, -1000.0], 0) == pytest.approx(0.0, abs=1e-300)


@given(arrays(np.float64, st.integers(2, 6), elements=st.floats(-5, 5)), st.floats(0.3, 3),
       st.integers(0, 5))
def test_gradient_matches_finite_differences(z, temperature, y):
    """Check ∂(−ln p_y)/∂z = (p − y)/T against central differences of cross_entropy."""
    y = y % len(z)
    h = 1e-6
    numeric = [(lab.cross_entropy(z + h * e, y, temperature) - lab.cross_entropy(z - h * e, y, temperature))
               / (2 * h) for e in np.eye(len(z))]
    ex = lab.explore(z, temperature=temperature, true_class=y)
    np.testing.assert_allclose(ex.grad, numeric, atol=1e-6)
    np.testing.assert_allclose(ex.residual, ex.probs - np.eye(len(z))[y], atol=1e-15)


def test_residual_signs_follow_the_textbook():
    """Check p − y: negative only at the true class, and its entries sum to 0."""
    ex = lab.explore([2.2, 1.39, 0.85], true_class=1)
    assert (ex.residual < 0).tolist() == [False, True, False]
    assert ex.residual.sum() == pytest.approx(0.0, abs=1e-15)


@given(arrays(np.float64, st.integers(2, 8), elements=st.floats(-8, 8)), st.integers(0, 7))
def test_a_small_gradient_step_lowers_the_loss(z, y):
    """Check that one small step z − η·grad never raises the loss, and lowers it unless p_y ≈ 1."""
    y = y % len(z)
    ex = lab.explore(z, true_class=y, lr=0.1)
    assert ex.loss_next <= ex.loss + 1e-12
    if ex.loss > 1e-4:
        assert ex.loss_change < 0


def test_gradient_step_moves_against_the_gradient_and_stays_in_range():
    """Check z − η·g by hand, and that steps never leave the typed limits ±LOGIT_LIMIT."""
    np.testing.assert_allclose(lab.gradient_step([1.0, 2.0], [0.5, -0.5], 2.0), [0.0, 3.0])
    assert lab.gradient_step([9_999.0], [-20.0], 5.0).tolist() == [lab.LOGIT_LIMIT]


@given(logit_vectors, st.floats(-1e4, 1e4), temperatures)
def test_shift_leaves_probabilities_unchanged(z, c, temperature):
    """Check that adding c to every logit changes no probability (to rounding), and says so."""
    ex = lab.explore(z, shift=c, temperature=temperature)
    assert ex.shift_change < 1e-9
    np.testing.assert_allclose(ex.logits, z + c)


@given(logit_vectors, temperatures, st.integers(0, 9))
def test_everything_is_finite_for_extreme_logits(z, temperature, y):
    """Check that probabilities, loss, gradient, next step and Jacobian are finite for |z| ≤ 1e4."""
    ex = lab.explore(z, temperature=temperature, true_class=y % len(z), lr=5.0)
    for arr in (ex.probs, ex.sigmoids, ex.grad, ex.probs_next, ex.jacobian, [ex.loss, ex.loss_next]):
        assert np.all(np.isfinite(arr))


def test_plus_minus_1000_at_minimum_temperature():
    """Check the issue's case: logits ±1000 at T_MIN give finite probabilities, exact loss, no warning."""
    ex = lab.explore([1000.0, -1000.0, 1000.0], temperature=lab.T_MIN, true_class=1)
    np.testing.assert_array_equal(ex.probs, [0.5, 0.0, 0.5])
    assert ex.loss == pytest.approx(40_000 + math.log(2))
    np.testing.assert_array_equal(ex.hard, [1, 0, 0])


def test_class_labels_in_both_modes():
    """Check numbered names per language and the Fashion-MNIST names for mode 'fashion'."""
    assert lab.class_labels(3, "index", "en") == ["class 1", "class 2", "class 3"]
    assert lab.class_labels(2, "index", "ko") == ["클래스 1", "클래스 2"]
    assert lab.class_labels(10, "fashion", "en")[9] == "Ankle boot"
    assert lab.class_labels(10, "fashion", "ko")[7] == "스니커즈"
    assert [lab.logit_name(i) for i in (0, 9)] == ["z₁", "z₁₀"]


def test_default_logits_cover_every_class():
    """Check there is one default logit per possible class, starting with the first book example."""
    assert len(lab.DEFAULT_LOGITS) == lab.MAX_CLASSES
    assert lab.DEFAULT_LOGITS[:3].tolist() == [2.20, 1.39, 0.85]
