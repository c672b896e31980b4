"""Unit tests of core/pages/regions.py: data sets, the grid, straight boundaries, and the one-vs-rest model,
held against scikit-learn's logistic regressions and against the linear scores computed here."""
import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from core.pages import regions as rg
from core.engines.network import MultiClassNetwork, TrainingDiverged


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
    ovr = rg.OneVsRestSigmoid(batch_size=32, learning_rate=0.5)
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
    ovr = rg.OneVsRestSigmoid(learning_rate=1e306)
    with pytest.raises(TrainingDiverged):
        for _ in range(10):
            ovr.partial_fit(x * 1e3, onehot(y, 3))
    assert np.isfinite(ovr.w_).all()
