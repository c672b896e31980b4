"""Unit tests of core/pages/regions.py: data sets, the grid, straight boundaries, and the one-vs-rest model,
held against scikit-learn's logistic regressions and against the linear scores computed here; and of the
page's session (core/pages/regions_session.py), held against engines built and trained here."""
from dataclasses import replace

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from core.pages import regions as rg
from core.engines.network import MultiClassNetwork, TrainingDiverged
from core.engines.one_vs_rest import OneVsRestSigmoid
from core.pages.regions_session import RegionsSession, Settings


def onehot(y, c):
    return np.eye(c, dtype=np.float32)[y]


def softmax_net(x, y, c, *, units=0, epochs=100, lr=0.5, batch=32):
    net = MultiClassNetwork(units=units, activation="tanh", batch_size=batch, learning_rate=lr,
                            init="glorot", seed=0)
    for _ in range(epochs):
        net.partial_fit(x, onehot(y, c))
    return net


@pytest.mark.parametrize("kind", rg.KINDS)
def test_datasets_are_scaled_balanced_and_reproducible(kind):
    """Check every kind gives float32 points in [−1, 1] (touching the edge), every class about equally
    often, and the same points for the same seed."""
    for c in rg.class_choices(kind):
        x, y = rg.make_dataset(kind, c, 300, 0.3, 7)
        assert x.dtype == np.float32 and x.shape == (300, 2) and y.shape == (300,)
        assert np.abs(x).max() == pytest.approx(1.0)
        counts = np.bincount(y, minlength=c)
        assert len(counts) == c and counts.min() >= 300 // c - 30, counts
        x2, y2 = rg.make_dataset(kind, c, 300, 0.3, 7)
        assert np.array_equal(x, x2) and np.array_equal(y, y2)


@pytest.mark.parametrize("kind, c, n, noise", [("moons", 3, 100, 0.1), ("xor", 3, 100, 0.1),
                                               ("blobs", 7, 100, 0.1), ("blobs", 3, 5000, 0.1),
                                               ("blobs", 3, 5, 0.1), ("blobs", 3, 100, 2.0),
                                               ("nope", 2, 100, 0.1), ("blobs", 3, 100.5, 0.1)])
def test_datasets_reject_bad_settings(kind, c, n, noise):
    """Check impossible class counts, too many or too few points, and out-of-range noise are refused."""
    with pytest.raises(ValueError):
        rg.make_dataset(kind, c, n, noise, 0)


def test_split_is_stratified_and_keeps_training_points():
    """Check the held-out share is stratified, 0 % gives an empty test set, and more than 50 % is refused."""
    x, y = rg.make_dataset("blobs", 4, 400, 0.3, 0)
    x_tr, y_tr, x_te, y_te = rg.split(x, y, 0.25, 0)
    assert len(x_te) == 100 and len(x_tr) == 300
    assert np.array_equal(np.bincount(y_te), [25] * 4)
    assert len(rg.split(x, y, 0.0, 0)[2]) == 0
    with pytest.raises(ValueError):
        rg.split(x, y, 0.6, 0)


def test_linear_class_map_is_the_argmax_and_lines_are_where_it_changes():
    """Check that with units = 0 the grid's class map is argmax(x·W + b) computed from the weights, and
    that the drawn boundary pieces are exactly where the map changes: every change between neighbouring
    cells lies within one cell of a drawn line, and across each drawn point the two classes are i and j."""
    x, y = rg.make_dataset("blobs", 4, 400, 0.5, 3)
    net = softmax_net(x, y, 4, epochs=40)
    lim = rg.bounds(x)
    grid = rg.evaluate_grid(net.predict_proba, lim, 90)
    w, b = net.w2_.astype(np.float64), net.b2_.astype(np.float64)
    expected = (grid.points().astype(np.float64) @ w + b).argmax(axis=1).reshape(90, 90)
    assert np.mean(grid.classes == expected) > 0.999  # float32 ties on the lines themselves may differ
    assert len(np.unique(grid.classes)) == 4

    lines = rg.linear_boundaries(w, b, lim)
    drawn = np.vstack([ln.xy for ln in lines])
    drawn = drawn[~np.isnan(drawn).any(axis=1)]
    step = float(grid.axis[1] - grid.axis[0])
    g1, g2 = np.meshgrid(grid.axis, grid.axis)
    for axis in (0, 1):  # vertical and horizontal neighbours
        changed = np.diff(grid.classes, axis=axis) != 0
        mid1 = (g1[1:, :] + g1[:-1, :]) / 2 if axis == 0 else (g1[:, 1:] + g1[:, :-1]) / 2
        mid2 = (g2[1:, :] + g2[:-1, :]) / 2 if axis == 0 else (g2[:, 1:] + g2[:, :-1]) / 2
        where = np.column_stack([mid1[changed], mid2[changed]])
        gap = np.sqrt(((where[:, None, :] - drawn[None, :, :]) ** 2).sum(axis=2)).min(axis=1)
        assert gap.max() < 1.5 * step
    for ln in lines:
        pts = ln.xy[~np.isnan(ln.xy).any(axis=1)]
        nrm = ln.normal / np.linalg.norm(ln.normal)
        plus, minus = ((p @ w + b).argmax(axis=1) for p in (pts + 1e-3 * nrm, pts - 1e-3 * nrm))
        assert np.mean((plus == ln.i) & (minus == ln.j)) >= 0.95  # all but the ends at a triple point


@pytest.mark.parametrize("c", [3, 4, 5, 6])
def test_softmax_regression_agrees_with_scikit_learn(c):
    """Check that on overlapping blobs the trained units = 0 network decides like scikit-learn's
    multinomial LogisticRegression (almost unregularised) on at least 97 % of the points."""
    x, y = rg.make_dataset("blobs", c, 600, 0.8, c)
    net = softmax_net(x, y, c, epochs=100)
    sk = LogisticRegression(C=1e6, max_iter=5000).fit(x, y)
    assert net.score(x, y) < 0.95  # the blobs really overlap
    assert np.mean(net.predict(x) == sk.predict(x)) >= 0.97


@pytest.mark.parametrize("kind, c, linear_below", [("moons", 2, 0.9), ("spiral", 2, 0.75),
                                                   ("spiral", 3, 0.6)])
def test_a_hidden_layer_bends_the_boundary(kind, c, linear_below):
    """Check that 16 tanh hidden units fit moons and spirals to ≥ 0.97 training accuracy where softmax
    regression (units = 0) stays far below."""
    x, y = rg.make_dataset(kind, c, 400, 0.1, 0)
    assert softmax_net(x, y, c, units=16, epochs=300, lr=0.3, batch=16).score(x, y) >= 0.97
    assert softmax_net(x, y, c, units=0, epochs=300, lr=0.3, batch=16).score(x, y) < linear_below


def test_unit_lines_are_where_each_hidden_unit_changes_sign():
    """Check each hidden unit's clipped line has x·w + b = 0 at both ends, on the square's edge."""
    x, y = rg.make_dataset("moons", 2, 200, 0.1, 0)
    net = softmax_net(x, y, 2, units=6, epochs=5)
    lim = (-1.2, 1.2)
    for k, ends in enumerate(rg.unit_lines(net.w1_, net.b1_, lim)):
        if ends is None:
            continue
        assert ends @ net.w1_[:, k].astype(np.float64) + net.b1_[k] == pytest.approx([0, 0], abs=1e-5)
        assert all(np.isclose(np.abs(e), 1.2).any() for e in ends)


def test_clip_line_edges():
    """Check clip_line on a diagonal, an axis-parallel line, a line missing the square and a zero normal."""
    assert np.allclose(rg.clip_line([1, -1], 0.0, (-1, 1)), [[-1, -1], [1, 1]])
    assert np.allclose(rg.clip_line([1, 0], -0.5, (-1, 1)), [[0.5, -1], [0.5, 1]])
    assert rg.clip_line([1, 0], -5.0, (-1, 1)) is None
    assert rg.clip_line([0, 0], 1.0, (-1, 1)) is None


def test_grid_resolution_is_capped():
    """Check the grid refuses more than 150×150 cells."""
    with pytest.raises(ValueError):
        rg.evaluate_grid(lambda p: np.ones((len(p), 2)) / 2, (-1, 1), rg.MAX_GRID + 1)


@pytest.mark.parametrize("c", [3, 4, 6])
def test_one_vs_rest_leaves_ambiguous_regions(c):
    """Check the one-vs-rest sigmoids leave part of the plane claimed by no class or by several (softmax's
    argmax never does), and that each of its C classifiers decides like scikit-learn's binary logistic
    regression of that class against the rest."""
    x, y = rg.make_dataset("blobs", c, 600, 0.5, 1)
    ovr = OneVsRestSigmoid(batch_size=32, learning_rate=0.5)
    for _ in range(150):
        ovr.partial_fit(x, onehot(y, c))
    grid = rg.evaluate_grid(ovr.predict_proba, rg.bounds(x), 60)
    assert rg.ambiguous_share(grid.proba) > 0.01
    for k in range(c):
        sk = LogisticRegression(C=1e6, max_iter=5000).fit(x, y == k)
        assert np.mean((ovr.predict_proba(x)[:, k] > 0.5) == sk.predict(x)) >= 0.97
    assert len(ovr.history_["loss"]) == 150 and ovr.history_["loss"][-1] < ovr.history_["loss"][0]


def test_one_vs_rest_diverges_cleanly():
    """Check a huge learning rate raises TrainingDiverged and keeps the last finite weights."""
    x, y = rg.make_dataset("blobs", 3, 200, 0.2, 0)
    ovr = OneVsRestSigmoid(learning_rate=1e306)
    with pytest.raises(TrainingDiverged):
        for _ in range(10):
            ovr.partial_fit(x * 1e3, onehot(y, 3))
    assert np.isfinite(ovr.w_).all()


# --------------------------------------------------------------------------------- view and session

def test_view_draws_the_lines_each_engine_has():
    """Check the plane's lines against the weights: one-vs-rest draws each sigmoid's own z = 0 line and marks
    ambiguous exactly the grid cells where not one class has p > 0.5; softmax regression draws its
    boundaries (no unit lines, no contour); a small hidden layer its units' lines and a contour; a large
    one no lines."""
    x, y = rg.make_dataset("blobs", 4, 400, 0.5, 2)
    lim = rg.bounds(x)
    ovr = OneVsRestSigmoid(learning_rate=0.5)
    for _ in range(30):
        ovr.partial_fit(x, onehot(y, 4))
    v = rg.view(ovr, [(x, y)], lim, 40, target_side=5)
    on_line = v.lines[~np.isnan(v.lines).any(axis=1)]
    assert len(on_line) and np.abs(on_line @ ovr.w_ + ovr.b_).min(axis=1).max() < 1e-6
    p = 1 / (1 + np.exp(-(v.grid.points().astype(np.float64) @ ovr.w_ + ovr.b_)))
    assert np.array_equal(v.ambiguous.ravel(), (p > 0.5).sum(axis=1) != 1)
    assert v.boundaries is None and not v.contour and v.ambiguous.any()

    linear = rg.view(softmax_net(x, y, 4, epochs=5), [(x, y)], lim, 40, target_side=5)
    assert linear.boundaries is not None and linear.lines is None and linear.ambiguous is None
    assert not linear.contour
    small = softmax_net(x, y, 4, units=4, epochs=5)
    v = rg.view(small, [(x, y)], lim, 40, target_side=5, unit_lines_up_to=8)
    on_line = v.lines[~np.isnan(v.lines).any(axis=1)]
    hidden_z = on_line @ small.w1_.astype(np.float64) + small.b1_
    assert len(on_line) and np.abs(hidden_z).min(axis=1).max() < 1e-5
    assert v.boundaries is None and v.contour and v.ambiguous is None
    big = rg.view(softmax_net(x, y, 4, units=12, epochs=1), [(x, y)], lim, 40, target_side=5, unit_lines_up_to=8)
    assert big.lines is None and big.boundaries is None and big.contour


SETTINGS = Settings(kind="blobs", n_classes=3, n_points=300, noise=0.4, test_share=0.2, seed=5, model="softmax",
                    units=4, activation="tanh", learning_rate=0.3, batch="16", l2=0.001, grid=40, unit_lines=True,
                    click="0")
POINTS = "0.5,0.5,1;-0.2,0.3,2;0.1,0.1,5"  # the last one's class is not among the 3: left out


@pytest.mark.parametrize("model, batch", [("softmax", "16"), ("ovr", "16"), ("softmax", "all")])
def test_session_epochs_are_the_engines_own(model, batch):
    """Check n epochs of a session equal n partial_fit calls on an engine built here with the same seed,
    settings and data (the training share plus the added points of the current classes, validated on the
    test share): the same weights and the same history."""
    s = replace(SETTINGS, model=model, batch=batch)
    session = RegionsSession(s, POINTS)
    for _ in range(4):
        assert session.train_epoch()
    x, y = rg.make_dataset("blobs", 3, 300, 0.4, 5)
    x_tr, y_tr, x_te, y_te = rg.split(x, y, 0.2, 5)
    x_tr = np.vstack([x_tr, np.float32([[0.5, 0.5], [-0.2, 0.3]])])
    y_tr = np.concatenate([y_tr, [1, 2]])
    size = len(x_tr) if batch == "all" else 16
    ref = (OneVsRestSigmoid(batch_size=size, learning_rate=0.3, l2=0.001, seed=5) if model == "ovr" else
           MultiClassNetwork(units=4, activation="tanh", batch_size=size, learning_rate=0.3, l2=0.001,
                             init="glorot", dtype="float64", seed=5))
    for _ in range(4):
        ref.partial_fit(x_tr, onehot(y_tr, 3), x_val=x_te, y_val=onehot(y_te, 3))
    for got, want in zip(session.model.coefs_ + session.model.intercepts_, ref.coefs_ + ref.intercepts_):
        assert np.array_equal(got, want)
    assert session.history == ref.history_ and session.epochs == 4 and len(session.history["val_loss"]) == 4


def test_session_keeps_the_model_for_training_settings_and_restarts_it_for_data_or_architecture():
    """Check learning rate, batch, L2, grid and added points keep the trained weights (the new values apply
    to the running model); new data or a new architecture start from a fresh engine's weights and say so
    once; one-vs-rest ignores the hidden layer's settings."""
    session = RegionsSession(SETTINGS)
    for _ in range(3):
        session.train_epoch()
    trained = [w.copy() for w in session.model.coefs_]
    session.sync(replace(SETTINGS, learning_rate=1.0, batch="all", l2=0.0, grid=60, click="look"), "0.1,0.1,0")
    assert session.epochs == 3 and all(np.array_equal(a, b) for a, b in zip(trained, session.model.coefs_))
    assert session.model.learning_rate == 1.0 and session.model.batch_size == 240 + 1 and session.model.l2 == 0
    assert not session.pop_restarted()

    data = session.data
    session.sync(replace(SETTINGS, noise=0.5))
    x, y = session.training_set()
    fresh = MultiClassNetwork(units=4, activation="tanh", init="glorot", dtype="float64", seed=5).fit(
        x, onehot(y, 3), epochs=0)
    assert session.epochs == 0 and session.data is not data
    assert all(np.array_equal(a, b) for a, b in zip(session.model.coefs_, fresh.coefs_))
    assert session.pop_restarted() and not session.pop_restarted()

    session.train_epoch()
    data = session.data
    session.sync(replace(SETTINGS, noise=0.5, units=6))
    assert session.epochs == 0 and session.model.units == 6 and session.data is data and session.pop_restarted()

    ovr = RegionsSession(replace(SETTINGS, model="ovr"))
    ovr.train_epoch()
    ovr.sync(replace(SETTINGS, model="ovr", units=9, activation="relu"))
    assert ovr.epochs == 1


@pytest.mark.parametrize("units, lr, batch, epoch, finite", [(4, 1e30, "32", 1, False), (16, 100.0, "1", 1, True)])
def test_session_divergence_is_remembered_until_reset(units, lr, batch, epoch, finite):
    """Check a diverging epoch returns False and is remembered with its number and loss (NaN when the
    weights stopped being finite, which then stay the starting ones; else a loss past 2·ln C + 2), and
    that reset starts a fresh model with nothing remembered."""
    s = replace(SETTINGS, units=units, learning_rate=lr, batch=batch)
    session = RegionsSession(s)
    start = [w.copy() for w in session.model.coefs_]
    assert not session.train_epoch()
    number, loss = session.diverged
    assert number == epoch and np.isfinite(loss) == finite
    if finite:
        assert loss > 2 * np.log(3) + 2 and session.history["loss"] == [loss]
    else:
        assert session.epochs == 0 and all(np.array_equal(a, b) for a, b in zip(start, session.model.coefs_))
    session.reset()
    session.sync(s)
    assert session.diverged is None and session.epochs == 0 and session.pop_restarted() == finite


def test_session_adds_points_up_to_the_caps():
    """Check added points stop at the drawn-points cap (data plus added ≤ 2,000) and at 200, and that the
    link form holds what was added."""
    session = RegionsSession(replace(SETTINGS, n_points=1990))
    assert session.room() == 10
    for k in range(10):
        assert session.add_point((0.01 * k, 0.5), k % 3)
    assert not session.add_point((0.3, 0.3), 0) and len(session.points) == 10
    assert np.allclose(rg.parse_points(session.points_text()), session.points)
    assert RegionsSession(replace(SETTINGS, n_points=2000)).room() == 0
    assert RegionsSession(replace(SETTINGS, n_points=300)).room() == rg.MAX_ADDED
