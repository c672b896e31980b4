"""Tests of core.pages.loss_lab (the loss viewer's numbers) against scikit-learn, hand values and finite differences.

scikit-learn's ``log_loss`` clips y_proba to [ε, 1 − ε] with ε the dtype's machine epsilon
(2.22e-16 for float64) and does not renormalise rows. Two honest comparisons follow from that:
  * with our eps set to that same ε, sklearn gets the *raw* probabilities, 0 and 1 included, and both
    sides clip identically;
  * with the page's eps (1e-10 by default, the textbook's), sklearn gets the probabilities *already
    clipped* to [eps, 1 − eps], so its own clip (at 2.22e-16) leaves them alone. This works for every
    eps ≥ 2.22e-16; the page's smallest setting, 1e-16, lies below sklearn's floor and is checked by hand.
"""
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import log_loss
from sklearn.metrics import mean_squared_error as sk_mse  # an independent reference

from core.pages import loss_lab as lab
from core.maths.activations import sigmoid, softmax
from core.maths.losses import (bce_terms, binary_cross_entropy, categorical_cross_entropy, cce_terms,
                               logistic_loss_logit, sigmoid_bce_grad, sigmoid_mse_grad)
from core.data.toy import TOY

SK_EPS = float(np.finfo(np.float64).eps)
TOL = 1e-6  # the bar; the agreement is in fact ~1e-15
H = 1e-6
# Probabilities that include exact 0 and 1 as often as interior values.
probs = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0, 1))


def sk_binary(y, p) -> list[float]:
    """sklearn's log loss of each sample on its own (labels fixed so a single-class y works)."""
    return [log_loss([yi], y_proba=[pi], labels=[0, 1]) for yi, pi in zip(y, p)]


def prob_rows(draw_weights: np.ndarray, zero_mask: np.ndarray) -> np.ndarray:
    """Probability rows with some entries exactly 0 (at least one entry kept per row)."""
    w = np.where(zero_mask, 0.0, draw_weights)
    w[np.arange(len(w)), np.argmax(draw_weights, axis=1)] = np.max(draw_weights, axis=1) + 1e-3
    return w / w.sum(axis=1, keepdims=True)


@given(arrays(np.float64, 12, elements=probs), arrays(np.int64, 12, elements=st.integers(0, 1)))
@settings(max_examples=60)
def test_binary_loss_matches_sklearn_with_the_same_eps(p, y):
    """Check bce_terms and binary_cross_entropy against log_loss on raw p (0 and 1 included), eps = ε_float64."""
    np.testing.assert_allclose(bce_terms(y, p, SK_EPS), sk_binary(y, p), atol=TOL, rtol=0)
    assert binary_cross_entropy(y, p, SK_EPS) == pytest.approx(log_loss(y, y_proba=p, labels=[0, 1]), abs=TOL)


@given(arrays(np.float64, 12, elements=probs), arrays(np.int64, 12, elements=st.integers(0, 1)),
       st.sampled_from([SK_EPS, 1e-10, 1e-7, 1e-3]))
@settings(max_examples=60)
def test_binary_point_matches_sklearn_on_clipped_input(p, y, eps):
    """Check the binary tab's loss (binary_point) against log_loss fed the probability clipped at the page's eps."""
    for yi, pi in zip(y, p):
        clipped = float(np.clip(pi, eps, 1 - eps))
        assert lab.binary_point(int(yi), float(pi), eps)["loss"] == pytest.approx(
            log_loss([yi], y_proba=[clipped], labels=[0, 1]), abs=TOL)


def test_binary_point_below_sklearns_floor():
    """Check eps = 1e-16, below sklearn's clip: a certain mistake costs −log(1e-16) = 36.84 (sklearn: 36.04)."""
    assert lab.binary_point(1, 0.0, 1e-16)["loss"] == pytest.approx(16 * math.log(10), abs=TOL)
    assert lab.binary_point(0, 1.0, 1e-16)["loss"] == pytest.approx(36.7368, abs=1e-4)  # 1 − 1e-16 rounds


@given(arrays(np.float64, (8, 5), elements=st.floats(0.01, 1)), arrays(np.bool_, (8, 5)),
       st.integers(0, 2**32 - 1))
@settings(max_examples=60)
def test_multiclass_matches_sklearn_with_exact_zeros(weights, zero_mask, seed):
    """Check cce_terms / multiclass_breakdown against log_loss on rows holding exact 0s (and one-hot rows)."""
    a = prob_rows(weights, zero_mask)
    a[0] = np.eye(5)[2]  # a certain answer: exact 1 and four exact 0s
    y = np.random.default_rng(seed).integers(0, 5, len(a))
    y[0] = 2 if seed % 2 else 0  # certain and right, or certain and wrong
    expected = [log_loss([yi], y_proba=[row], labels=range(5)) for yi, row in zip(y, a)]
    np.testing.assert_allclose(cce_terms(np.eye(5)[y], a, SK_EPS).sum(axis=1), expected, atol=TOL, rtol=0)
    got = [lab.multiclass_breakdown(row, int(yi), SK_EPS)["loss"] for yi, row in zip(y, a)]
    np.testing.assert_allclose(got, expected, atol=TOL, rtol=0)
    assert categorical_cross_entropy(np.eye(5)[y], a, SK_EPS) == pytest.approx(
        log_loss(y, y_proba=a, labels=range(5)), abs=TOL)


@given(arrays(np.float64, 6, elements=st.floats(-30, 30)), st.integers(0, 5), st.sampled_from([1e-10, 1e-7]))
def test_multiclass_breakdown_of_softmax_matches_sklearn(z, true_class, eps):
    """Check the multiclass tab on logits: softmax probabilities, clipped at eps, against log_loss."""
    a = softmax(z)
    br = lab.multiclass_breakdown(a, true_class, eps)
    clipped = np.clip(a, eps, 1 - eps)  # sklearn then sees rows that sum to 1 within its tolerance
    assert br["loss"] == pytest.approx(-math.log(clipped[true_class]), abs=TOL)
    if abs(clipped.sum() - 1) < 1e-8:
        assert br["loss"] == pytest.approx(log_loss([true_class], y_proba=[clipped], labels=range(6)), abs=TOL)


def test_only_the_true_class_term_survives():
    """Check Andrew Ng's example: terms (0, −log 0.2, 0, 0), loss −log 0.2, gradient a − y summing to 0."""
    br = lab.multiclass_breakdown(np.array([0.3, 0.2, 0.1, 0.4]), 1, 1e-10)
    np.testing.assert_allclose(br["term"], [0, -math.log(0.2), 0, 0])
    assert br["loss"] == pytest.approx(1.6094379, abs=1e-7)
    np.testing.assert_allclose(br["grad"], [0.3, -0.8, 0.1, 0.4])
    assert br["grad"].sum() == pytest.approx(0, abs=1e-15)
    latex = lab.ce_sum_latex(br["a"], 1, 1e-10)
    assert "\\textcolor{#009E73}{1\\cdot\\log 0.200}" in latex and latex.endswith("-\\log 0.2 = 1.6094 \\end{aligned}")
    assert "-\\log 1.0\\times10^{-10} = 23.0259" in lab.ce_sum_latex(np.eye(3)[0], 1, 1e-10)


@given(probs, st.integers(0, 1), st.sampled_from([SK_EPS, 1e-10, 1e-7, 1e-2]))
def test_two_classes_cross_entropy_is_logistic_loss(a, y, eps):
    """Check the C = 2 identity the page shows: same number both ways, and equal to sklearn's binary log_loss.

    The two agree to ~1e-7, not to the last bit, when a is clipped at the top: 1 − eps is rounded in
    float64 before the logistic form takes log(1 − a), while the categorical form clips 1 − a itself.
    """
    check = lab.two_class_check(y, a, eps)
    assert check["categorical"] == pytest.approx(check["logistic"], abs=TOL)
    clipped = float(np.clip(a, eps, 1 - eps))
    assert check["logistic"] == pytest.approx(log_loss([y], y_proba=[clipped], labels=[0, 1]), abs=TOL)


def test_binary_point_hand_values():
    """Check a = 0.7: loss −log 0.7 (y = 1) or −log 0.3 (y = 0), z = ln(0.7/0.3), gradient a − y."""
    one, zero = lab.binary_point(1, 0.7, 1e-10), lab.binary_point(0, 0.7, 1e-10)
    assert one["loss"] == pytest.approx(0.35667494) and zero["loss"] == pytest.approx(1.2039728)
    assert one["z"] == pytest.approx(0.84729786) and one["grad"] == pytest.approx(-0.3)
    assert zero["grad"] == pytest.approx(0.7)
    certain = lab.binary_point(1, 0.0, 1e-10)
    assert certain["loss"] == pytest.approx(23.02585093) and certain["a_used"] == 1e-10


@given(arrays(np.float64, 10, elements=st.floats(-15, 15)), arrays(np.int64, 10, elements=st.integers(0, 1)))
@settings(max_examples=60)
def test_logit_form_equals_loss_of_sigmoid(z, y):
    """Check log(1 + e^∓z) against −[y log σ(z) + (1 − y) log(1 − σ(z))] and sklearn, no clipping needed.

    The references form 1 − σ(z) first, which loses digits to cancellation as |z| grows (4e-6 at
    |z| = 25), hence |z| ≤ 15 here; beyond that the hand values of the next test take over.
    """
    expected = bce_terms(y, sigmoid(z), eps=0)
    np.testing.assert_allclose(logistic_loss_logit(y, z), expected, rtol=0, atol=TOL)
    np.testing.assert_allclose(logistic_loss_logit(y, z), sk_binary(y, sigmoid(z)), atol=TOL, rtol=0)


def test_logit_form_for_huge_logits():
    """Check the logit form where σ(z) rounds to 0 or 1: the loss stays exact, never ∞ or NaN."""
    z = np.array([-1e4, -1000.0, 40.0, 1000.0, 1e4])
    np.testing.assert_allclose(logistic_loss_logit(1, z), [1e4, 1000.0, math.exp(-40), 0.0, 0.0], rtol=1e-12)
    np.testing.assert_allclose(logistic_loss_logit(0, z), [0.0, 0.0, 40.0, 1000.0, 1e4], rtol=1e-12)


@given(arrays(np.float64, 20, elements=st.floats(-12, 12)), st.integers(0, 1))
def test_z_curves_agree_with_core_losses(z, y):
    """Check the z-curves against core.maths.losses' gradients where 1 − σ(z) is still accurate (|z| ≤ 12)."""
    curves, a = lab.z_curves(y, z), sigmoid(z)
    np.testing.assert_allclose(curves["ce_grad"], sigmoid_bce_grad(y, a), rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(curves["mse_grad"], sigmoid_mse_grad(y, a), rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(curves["mse"], lab.half_squared_error(y, a), rtol=1e-9, atol=1e-15)


def test_z_curves_keep_tiny_gradients():
    """Check saturated gradients by hand: at z = 40, y = 0 squared error's is ≈ e^−40, not a rounded 0."""
    far = lab.z_curves(0, 40.0)
    assert far["mse_grad"] == pytest.approx(math.exp(-40), rel=1e-12) and far["ce_grad"] == 1.0
    wrong = lab.z_curves(1, -40.0)
    assert wrong["mse_grad"] == pytest.approx(-math.exp(-40), rel=1e-12)
    assert wrong["ce_grad"] == pytest.approx(-1.0, abs=1e-15)
    right = lab.z_curves(1, 40.0)
    assert right["ce_grad"] == pytest.approx(-math.exp(-40), rel=1e-12)


@given(st.floats(-12, 12), st.integers(0, 1))
def test_z_curves_gradients_match_finite_differences(z, y):
    """Check ∂/∂z of both losses on the 'why not MSE' chart by central differences."""
    curves = lab.z_curves(y, z)
    num_ce = (logistic_loss_logit(y, z + H) - logistic_loss_logit(y, z - H)) / (2 * H)
    half_mse = lambda zz: 0.5 * sk_mse([y], [sigmoid(zz)])
    num_mse = (half_mse(z + H) - half_mse(z - H)) / (2 * H)
    assert curves["ce_grad"] == pytest.approx(num_ce, abs=1e-7)
    assert curves["mse_grad"] == pytest.approx(num_mse, abs=1e-7)
    assert curves["mse"] == pytest.approx(half_mse(z), abs=1e-15)


@given(st.floats(-30, 30))
def test_push_ratio_is_the_gradient_ratio(z):
    """Check push_ratio = |∂CE/∂z| / |∂MSE/∂z| = 1/σ′(z) ≥ 4, equal to 4 at z = 0."""
    for y in (0, 1):
        curves = lab.z_curves(y, z)
        assert lab.push_ratio(z) == pytest.approx(abs(curves["ce_grad"] / curves["mse_grad"]), rel=1e-12)
    assert lab.push_ratio(z) >= 4 - 1e-12


def test_push_ratio_finite_far_out():
    """Check that push_ratio stays finite where 1 − σ(z) would round to 0."""
    assert math.isfinite(lab.push_ratio(700.0)) and lab.push_ratio(0.0) == 4.0


def test_loss_surface_orientation_and_values():
    """Check surface[i, j] is the loss at (W = w[j], b = b[i]) against core.maths.losses directly."""
    w, b = np.array([-2.0, 0.5, 1.85]), np.array([-1.0, -0.03])
    ce = lab.loss_surface(TOY.x, TOY.y, w, b, "ce")
    mse = lab.loss_surface(TOY.x, TOY.y, w, b, "mse")
    assert ce.shape == mse.shape == (2, 3)
    for i, bi in enumerate(b):
        for j, wj in enumerate(w):
            a = sigmoid(wj * TOY.x + bi)
            assert ce[i, j] == pytest.approx(binary_cross_entropy(TOY.y, a, eps=0), rel=1e-12)
            assert mse[i, j] == pytest.approx(0.5 * sk_mse(TOY.y, a), rel=1e-12)
    with pytest.raises(ValueError, match="kind"):
        lab.loss_surface(TOY.x, TOY.y, w, b, "hinge")


def test_slides_fit_predictions():
    """Check the slides' Keras fit W = 1.85, b = −0.03 gives their printed predictions (0.02 … 0.98)."""
    a = sigmoid(lab.SLIDES_W * TOY.x + lab.SLIDES_B)
    np.testing.assert_allclose(a, [0.02, 0.06, 0.13, 0.91, 0.95, 0.98], atol=0.006)


@given(st.floats(-5, 5), st.floats(-5, 5), st.sampled_from(["ce", "mse"]))
@settings(max_examples=50)
def test_surface_gradient_matches_finite_differences(w, b, kind):
    """Check (∂L/∂W, ∂L/∂b) against central differences of loss_surface."""
    f = lambda ww, bb: float(lab.loss_surface(TOY.x, TOY.y, [ww], [bb], kind)[0, 0])
    dw, db = lab.surface_gradient(TOY.x, TOY.y, w, b, kind)
    assert dw == pytest.approx((f(w + H, b) - f(w - H, b)) / (2 * H), abs=1e-7)
    assert db == pytest.approx((f(w, b + H) - f(w, b - H)) / (2 * H), abs=1e-7)


def test_mse_plateau_where_every_point_is_confidently_wrong():
    """Check the surface story: at W = −5, b = 0 squared error barely moves while cross-entropy pushes hard."""
    at = lab.surface_point(TOY.x, TOY.y, -5.0, 0.0)
    assert at["mse"]["norm"] < 0.01 < 1 < at["ce"]["norm"]
    assert at["mse"]["loss"] == pytest.approx(0.5, abs=0.01)  # every point almost fully wrong


def test_clipping_cases_float64_and_float32():
    """Check certain predictions: ∞ unclipped, −log ε clipped; float32 loses the upper clip below ~3e-8."""
    rows64 = {(r["y"], r["a"]): r for r in lab.clipping_cases(1e-10)}
    assert rows64[(1, 0.0)]["raw"] == math.inf and rows64[(0, 1.0)]["raw"] == math.inf
    assert rows64[(1, 0.0)]["clipped"] == pytest.approx(-math.log(1e-10))
    assert rows64[(0, 1.0)]["clipped"] == pytest.approx(-math.log(1e-10), rel=1e-6)
    assert rows64[(1, 1.0)]["raw"] == 0.0 and rows64[(0, 0.0)]["raw"] == 0.0
    rows32 = {(r["y"], r["a"]): r for r in lab.clipping_cases(1e-10, "float32")}
    assert rows32[(0, 1.0)]["clipped"] == math.inf and np.float32(1) - np.float32(1e-10) == 1
    rows32 = {(r["y"], r["a"]): r for r in lab.clipping_cases(1e-7, "float32")}
    assert math.isfinite(rows32[(0, 1.0)]["clipped"])
    assert lab.clipping_columns(1e-10)["raw"] == ["0.0000", "0.0000", "∞", "∞"]


def test_clip_curves_floor_at_minus_log_eps():
    """Check the clipping chart: unclipped −log a keeps rising, clipped is flat at −log ε below ε."""
    cc = lab.clip_curves(1e-10)
    below = cc["a"] < 1e-10
    assert below.any() and np.allclose(cc["clipped"][below], -math.log(1e-10))
    np.testing.assert_allclose(cc["raw"], -np.log(cc["a"]), rtol=1e-12)


def test_reference_costs_match_sklearn():
    """Check the references table: sklearn's cost of a certain mistake is log_loss of it, −log ε_float64."""
    refs = lab.reference_columns()
    row = dict(zip(refs["who"], refs["cost"]))
    assert row["sklearn"] == f"{log_loss([1], y_proba=[0.0], labels=[0, 1]):.4f}" == "36.0437"
    assert row["textbook"] == "23.0259" and row["keras"] == "16.1181"


def test_probability_vector_and_normalisation():
    """Check that weights are scaled to sum 1, all-zero weights become uniform, and the note says which."""
    np.testing.assert_allclose(lab.probability_vector([0.3, 0.2, 0.1, 0.4]), [0.3, 0.2, 0.1, 0.4])
    np.testing.assert_allclose(lab.probability_vector([1, 1, 2]), [0.25, 0.25, 0.5])
    np.testing.assert_allclose(lab.probability_vector([0, 0]), [0.5, 0.5])
    assert [lab.normalisation(w) for w in ([0.3, 0.7], [1, 1], [0, 0])] == [None, "scaled", "zero"]


def test_logit_grid_covers_the_point():
    """Check that the z axis reaches far enough to show the ringed point."""
    assert lab.logit_grid(0.0)[[0, -1]].tolist() == [-8.0, 8.0]
    grid = lab.logit_grid(-23.0)
    assert grid[0] <= -24 and grid[-1] == 8.0


def test_format_loss():
    """Check ∞ for an infinite loss and no '−0' for a perfect answer."""
    assert lab.format_loss(math.inf) == "∞" and lab.format_loss(-0.0) == "0.0000"
    assert lab.format_loss(1.23456, 2) == "1.23"
