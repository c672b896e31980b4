"""Check core.maths.logistic against hand values, finite differences, scikit-learn and Keras."""
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from core.maths import logistic as lg
from core.maths.losses import binary_cross_entropy
from core.data.toy import EXAM, EXAM_MIXED, TOY

# The slides' printout of the Keras run: get_weights() and predict() on the toy set.
SLIDES_W, SLIDES_B = 1.8498867, -0.02729927
SLIDES_P = [0.02349776, 0.05720928, 0.13271242, 0.90763205, 0.9511779, 0.9752164]
WB = [(1.0, 0.0), (2.0, -1.0), (0.5, 3.0), (-1.5, 0.7), (-0.2, -4.0), (0.0, 0.0), (0.0, -2.0), (37.0, 5.0)]
finite = st.floats(-1e4, 1e4, allow_nan=False)


def sklearn_fit(x, y) -> LogisticRegression:
    """scikit-learn's unregularised logistic regression (C = ∞), solved tightly."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # separable data: the optimum is at infinity
        return LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(np.reshape(x, (-1, 1)), y)


@pytest.mark.parametrize("w, b", WB)
def test_curve_is_the_logistic_function(w, b):
    """Check σ(Wx + b) against the textbook formula 1 / (1 + e^−(Wx+b))."""
    x = np.linspace(-3, 3, 13)
    np.testing.assert_allclose(lg.curve(w, b, x), 1 / (1 + np.exp(-(w * x + b))), rtol=1e-12)


@pytest.mark.parametrize("w, b", [wb for wb in WB if wb[0] != 0])
def test_midpoint_is_where_the_curve_crosses_one_half(w, b):
    """Check that σ(W·m + b) = 0.5 at m = midpoint(W, b) = −b/W, negative W included."""
    m = lg.midpoint(w, b)
    assert m == pytest.approx(-b / w) and lg.curve(w, b, m) == pytest.approx(0.5, abs=1e-12)


def test_midpoint_without_weight_and_without_negative_zero():
    """Check that W = 0 has no midpoint (no division by zero) and −0/W prints as 0, not −0."""
    assert lg.midpoint(0.0, 1.0) is None and lg.midpoint(0.0, 0.0) is None
    assert str(lg.midpoint(1.0, 0.0)) == "0.0" and str(lg.midpoint(-1.0, 0.0)) == "0.0"


@pytest.mark.parametrize("w, b", [wb for wb in WB if wb[0] != 0])
def test_tangent_has_the_slope_of_the_curve_at_the_midpoint(w, b):
    """Check the tangent's slope W/4 against a central finite difference and its ends at 0 and 1."""
    (x0, x1), (y0, y1) = lg.tangent_segment(w, b)
    m, h = lg.midpoint(w, b), 1e-6 / abs(w)
    slope_fd = (lg.curve(w, b, m + h) - lg.curve(w, b, m - h)) / (2 * h)
    assert (y1 - y0) / (x1 - x0) == pytest.approx(slope_fd, rel=1e-6) == pytest.approx(w / 4)
    assert sorted([y0, y1]) == pytest.approx([0.0, 1.0]) and (x0 + x1) / 2 == pytest.approx(m)
    assert lg.tangent_segment(0.0, b) is None


@pytest.mark.parametrize("w, b", WB[:-1])
def test_losses_match_core_losses_and_sklearn(w, b):
    """Check per-point and mean logistic loss against core.maths.losses and sklearn.metrics.log_loss (both clip
    probabilities, so W, b stay moderate here; the next test covers the extremes)."""
    p = lg.curve(w, b, TOY.x)
    per_point = [binary_cross_entropy([y], [q]) for y, q in zip(TOY.y, p)]
    np.testing.assert_allclose(lg.point_losses(w, b, TOY.x, TOY.y), per_point, rtol=1e-7)
    assert lg.mean_log_loss(w, b, TOY.x, TOY.y) == pytest.approx(log_loss(TOY.y, p, labels=[0, 1]), rel=1e-7)


def test_loss_is_exact_where_probabilities_round_to_0_or_1():
    """Check that a confident wrong answer costs |z| (log 0 would give inf) and a right one ~e^−|z|."""
    z = 7000.0  # W = 100 on an exam score of 70
    assert lg.point_losses(100.0, 0.0, [70.0], [0])[0] == pytest.approx(z)
    assert lg.point_losses(100.0, 0.0, [70.0], [1])[0] == 0.0
    assert lg.point_losses(1.0, -40.0, [0.0], [0])[0] == pytest.approx(np.exp(-40.0), rel=1e-12)


@given(finite, finite, finite)
def test_curve_and_loss_stay_finite(w, b, x):
    """Check that curve and loss are finite, in range and warning-free for extreme W, b and x."""
    p, loss = lg.curve(w, b, x), lg.point_losses(w, b, [x], [1])[0]
    assert 0.0 <= p <= 1.0 and np.isfinite(loss) and loss >= 0


def test_loss_grid_orientation_and_broadcasting():
    """Check that loss_grid[i, j] is the loss at (w_values[j], b_values[i])."""
    ws, bs = np.array([-1.0, 0.5, 2.0]), np.array([-3.0, 0.0])
    grid = lg.loss_grid(EXAM_MIXED.x, EXAM_MIXED.y, ws, bs)
    assert grid.shape == (2, 3)
    for i, b in enumerate(bs):
        for j, w in enumerate(ws):
            assert grid[i, j] == pytest.approx(lg.mean_log_loss(w, b, EXAM_MIXED.x, EXAM_MIXED.y))


def test_accuracy_uses_the_half_threshold():
    """Check accuracy by hand: W = 1, b = 0 on the toy set gets all six right; W = −1 gets none."""
    assert lg.accuracy(1.0, 0.0, TOY.x, TOY.y) == 1.0 and lg.accuracy(-1.0, 0.0, TOY.x, TOY.y) == 0.0
    assert lg.accuracy(1.0, -1.5, TOY.x, TOY.y) == pytest.approx(5 / 6)  # 1.25 now falls below 0.5


def test_one_step_follows_the_finite_difference_gradient():
    """Check one epoch of the fit against W − lr·∂L/∂W, b − lr·∂L/∂b by central differences."""
    w0, b0, lr, h = 0.3, -0.2, 0.5, 1e-6
    L = lambda w, b: lg.mean_log_loss(w, b, TOY.x, TOY.y)  # noqa: E731
    gw, gb = (L(w0 + h, b0) - L(w0 - h, b0)) / (2 * h), (L(w0, b0 + h) - L(w0, b0 - h)) / (2 * h)
    model = lg.LogisticRegression1D(lr, 1, w0=w0, b0=b0).fit(TOY.x, TOY.y)
    assert model.coef_ == pytest.approx(w0 - lr * gw, abs=1e-8)
    assert model.intercept_ == pytest.approx(b0 - lr * gb, abs=1e-8)


def test_standardised_step_is_a_step_on_the_rescaled_input():
    """Check one standardised epoch by hand: the step is taken on u = (x − mean)/std, then mapped back."""
    x, y, lr = EXAM.x, EXAM.y, 0.5
    mean, std = x.mean(), x.std()
    u = (x - mean) / std
    w_u, b_u = 0.02 * std, -1.0 + 0.02 * mean  # W = 0.02, b = −1 in u's coordinates
    a = 1 / (1 + np.exp(-(w_u * u + b_u)))
    w_u, b_u = w_u - lr * np.mean((a - y) * u), b_u - lr * np.mean(a - y)
    model = lg.LogisticRegression1D(lr, 1, w0=0.02, b0=-1.0, standardize=True).fit(x, y)
    np.testing.assert_allclose(model.path_, [[0.02, -1.0], [w_u / std, b_u - w_u * mean / std]], rtol=1e-12)


def test_fit_records_path_and_keras_style_history():
    """Check fit returns self, path_ runs from the start to (coef_, intercept_), history_ per epoch."""
    model = lg.LogisticRegression1D(0.1, 25, w0=-1.0, b0=0.5)
    assert model.fit(TOY.x, TOY.y) is model
    assert model.path_.shape == (26, 2) and tuple(model.path_[0]) == (-1.0, 0.5)
    assert tuple(model.path_[-1]) == (model.coef_, model.intercept_)
    assert set(model.history_) == {"loss", "accuracy"} and len(model.history_["loss"]) == 25
    for k in (0, 7, 24):  # Keras logs an epoch's loss from its forward pass, before the update
        assert model.history_["loss"][k] == pytest.approx(lg.mean_log_loss(*model.path_[k], TOY.x, TOY.y))
        assert model.history_["accuracy"][k] == lg.accuracy(*model.path_[k], TOY.x, TOY.y)
    np.testing.assert_allclose(model.predict_proba(TOY.x).sum(axis=1), 1.0)
    np.testing.assert_array_equal(model.predict(TOY.x), model.predict_proba(TOY.x).argmax(axis=1))


@pytest.mark.parametrize("seed", [0, 1, 42])
def test_random_start_is_the_seeds_first_uniform_number_on_plus_minus_sqrt3(seed):
    """Check the random W₀ bit for bit: −√3 + 2√3·u with u the seed's first uniform number in [0, 1)."""
    model = lg.LogisticRegression1D(0.1, 1, seed=seed).fit(TOY.x, TOY.y)
    assert model.path_[0, 0] == -np.sqrt(3) + 2 * np.sqrt(3) * np.random.default_rng(seed).random()


def test_random_start_is_seeded_and_in_the_glorot_range():
    """Check that w0=None draws W from ±√3 with the seed: same seed same path, another seed differs."""
    fit = lambda seed: lg.LogisticRegression1D(0.1, 5, seed=seed).fit(TOY.x, TOY.y)  # noqa: E731
    a, b, c = fit(1), fit(1), fit(2)
    np.testing.assert_array_equal(a.path_, b.path_)
    assert a.path_[0, 0] != c.path_[0, 0] and abs(a.path_[0, 0]) <= np.sqrt(3) and a.path_[0, 1] == 0.0


@pytest.mark.parametrize("kwargs, x, y", [
    (dict(learning_rate=0.0), TOY.x, TOY.y), (dict(epochs=0), TOY.x, TOY.y), (dict(epochs=2.5), TOY.x, TOY.y),
    ({}, TOY.x, TOY.y * 2), ({}, TOY.x[:3], TOY.y), ({}, [], []),
])
def test_fit_rejects_bad_settings_and_data(kwargs, x, y):
    """Check that bad learning rates, epoch counts, labels and shapes raise ValueError."""
    with pytest.raises(ValueError):
        lg.LogisticRegression1D(**kwargs).fit(x, y)


def test_slides_settings_reproduce_the_slides_numbers():
    """Check that SLIDES_FIT (lr 0.01, 300 full-batch epochs, W₀ = 1.53826, b₀ = 0) ends at the slides'
    printed W, b and predictions — b and the predictions were not used to pick W₀."""
    model = lg.LogisticRegression1D(**lg.SLIDES_FIT).fit(TOY.x, TOY.y)
    assert model.coef_ == pytest.approx(SLIDES_W, abs=1e-5)
    assert model.intercept_ == pytest.approx(SLIDES_B, abs=1e-6)
    np.testing.assert_allclose(model.predict_proba(TOY.x)[:, 1], SLIDES_P, atol=1e-6)


def test_the_slides_start_is_the_only_one_in_the_glorot_range():
    """Check that with the slides' settings the end W grows with the start W₀ across ±√3 (so one W₀ hits
    1.85), and that W₀ = 0 ends near 1.18 as the page says."""
    starts = np.linspace(-np.sqrt(3), np.sqrt(3), 15)
    settings = {**lg.SLIDES_FIT, "w0": None}
    ends = [lg.LogisticRegression1D(**{**settings, "w0": w0}).fit(TOY.x, TOY.y).coef_ for w0 in starts]
    assert np.all(np.diff(ends) > 0) and ends[0] < SLIDES_W < ends[-1]
    zero = lg.LogisticRegression1D(**{**settings, "w0": 0.0}).fit(TOY.x, TOY.y)
    assert zero.coef_ == pytest.approx(1.18, abs=0.005)


def test_keras_with_the_slides_settings_agrees():
    """Check against Keras itself: Dense(1, sigmoid), 'sgd', binary_crossentropy, default batch size, kernel
    started at SLIDES_FIT's W₀ and bias at 0. Two fit() epochs match our two epochs step for step (one
    full batch each); train_on_batch then runs the other 298 (fit's per-epoch overhead is seconds)."""
    keras = pytest.importorskip("keras")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(
        1, activation="sigmoid", kernel_initializer=keras.initializers.Constant(lg.SLIDES_FIT["w0"]))])
    model.compile(optimizer="sgd", loss="binary_crossentropy")
    x = TOY.x.reshape(-1, 1).astype("float32")
    history = model.fit(x, TOY.y, epochs=2, verbose=0)
    ours = lg.LogisticRegression1D(**lg.SLIDES_FIT).fit(TOY.x, TOY.y)
    weights = np.concatenate([np.ravel(v) for v in model.get_weights()])
    np.testing.assert_allclose(weights, ours.path_[2], atol=1e-6)
    np.testing.assert_allclose(history.history["loss"], ours.history_["loss"][:2], atol=1e-6)
    for _ in range(lg.SLIDES_FIT["epochs"] - 2):
        model.train_on_batch(x, TOY.y)
    w, b = np.concatenate([np.ravel(v) for v in model.get_weights()])
    assert w == pytest.approx(ours.coef_, abs=1e-5) and b == pytest.approx(ours.intercept_, abs=1e-6)
    assert w == pytest.approx(SLIDES_W, abs=1e-5) and b == pytest.approx(SLIDES_B, abs=1e-6)


def test_gradient_descent_reaches_sklearn_where_a_minimum_exists():
    """Check that on overlapping data the fit's loss is within 1e-3 of scikit-learn's optimum (and W, b
    close), whether x is standardised or not (a small enough rate, more epochs)."""
    x, y = EXAM_MIXED.x, EXAM_MIXED.y
    ref = sklearn_fit(x, y)
    best = log_loss(y, ref.predict_proba(x.reshape(-1, 1)))
    ours = lg.LogisticRegression1D(1.0, 3000, w0=0.0, standardize=True).fit(x, y)
    assert abs(lg.mean_log_loss(ours.coef_, ours.intercept_, x, y) - best) < 1e-3
    assert ours.coef_ == pytest.approx(ref.coef_[0, 0], rel=1e-3)
    assert ours.intercept_ == pytest.approx(ref.intercept_[0], rel=1e-3)
    assert lg.midpoint(ours.coef_, ours.intercept_) == pytest.approx(57.35, abs=0.01)


@pytest.mark.parametrize("data", [TOY, EXAM], ids=["toy", "exam"])
def test_separable_data_has_no_minimum_so_the_gap_depends_on_the_settings(data):
    """Check the gap to scikit-learn on separable data is the settings': sklearn's loss heads to 0 with
    W huge, while ours falls every epoch with W growing, and more epochs or rate close the gap."""
    assert lg.is_separable(data.x, data.y) and not lg.is_separable(EXAM_MIXED.x, EXAM_MIXED.y)
    ref = sklearn_fit(data.x, data.y)
    assert log_loss(data.y, ref.predict_proba(data.x.reshape(-1, 1))) < 1e-3
    short = lg.LogisticRegression1D(0.1, 300, w0=0.0, standardize=True).fit(data.x, data.y)
    long = lg.LogisticRegression1D(1.0, 3000, w0=0.0, standardize=True).fit(data.x, data.y)
    assert np.all(np.diff(long.history_["loss"]) < 0) and np.all(np.diff(long.path_[:, 0]) > 0)
    assert short.history_["loss"][-1] > 0.04 and long.history_["loss"][-1] < 0.005
    assert abs(ref.coef_[0, 0]) > 3 * long.coef_


def test_exam_midpoint_lands_between_55_and_60_only_when_standardised():
    """Check the page's claim: standardised, rate 1 and 300 epochs put the exam midpoint in 55…60; raw
    scores with rate 0.001 (larger rates overshoot) leave it far off after 3000 epochs."""
    std = lg.LogisticRegression1D(1.0, 300, w0=0.0, standardize=True).fit(EXAM.x, EXAM.y)
    assert 55 < lg.midpoint(std.coef_, std.intercept_) < 60
    raw = lg.LogisticRegression1D(0.001, 3000, w0=0.0).fit(EXAM.x, EXAM.y)
    assert lg.midpoint(raw.coef_, raw.intercept_) < 40
    overshoot = lg.LogisticRegression1D(0.1, 300, w0=0.0).fit(EXAM.x, EXAM.y)
    assert overshoot.history_["loss"][-1] > overshoot.history_["loss"][0]


def test_windows_for_plots_and_sliders():
    """Check the x window (the slides' −5…5, the exam's 35…80), the b slider reach and the contour box."""
    assert lg.x_window() == (-5.0, 5.0) == lg.x_window(TOY.x)
    assert lg.x_window(EXAM.x) == (35.0, 80.0)
    assert lg.b_slider_range(TOY.x) == (-5.0, 5.0, 0.05)
    lo, hi, _ = lg.b_slider_range(EXAM.x)
    assert lo <= -2.5 * 70 and hi >= 0  # b = −W·x for W up to 2.5 anywhere on the data
    path = np.array([[0.0, 0.0], [9.0, -300.0]])
    (w_lo, w_hi), (b_lo, b_hi) = lg.contour_window(EXAM.x, path)
    assert w_lo < 0 < 9 < w_hi and b_lo < -300 < 0 < b_hi


def test_frame_epochs_cover_the_run_once_each():
    """Check that replay frames start at 0, end at the last epoch and never repeat."""
    assert lg.frame_epochs(300, 12) == [0, 25, 50, 75, 100, 125, 150, 175, 200, 225, 250, 275, 300]
    assert lg.frame_epochs(5, 12) == [0, 1, 2, 3, 4, 5]
