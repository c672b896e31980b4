"""Check the sigmoid-page figures: they draw what core.maths.logistic computes, with the labels they are given."""
import numpy as np
import pytest

from core.maths import logistic as lg
from core.figures.sigmoid import loss_contour_figure, loss_history_figure, sigmoid_figure
from core.data.toy import EXAM, TOY

CURVE_LABELS = {k: k.upper() for k in ("x", "y", "current", "threshold", "tangent", "pins", "class0",
                                       "class1", "predicted")}
CURVE_LABELS |= {"midpoint": "M={m:.2f}", "outside_left": "L={m:.1f}", "outside_right": "R={m:.1f}",
                 "flat": "F={v:.3f}"}
CONTOUR_LABELS = {k: k.upper() for k in ("w", "b", "loss", "current", "path", "start", "end")}


def trace(fig, name):
    return next(t for t in fig.data if t.name == name)


@pytest.mark.parametrize("w, b", [(1.0, 0.0), (-2.0, 1.0), (0.5, -1.5)])
def test_curve_figure_draws_curve_midpoint_and_tangent(w, b):
    """Check the drawn curve is σ(Wx + b), the diamond sits at (−b/W, 0.5) and the tangent has slope W/4."""
    fig = sigmoid_figure(w, b, x_range=(-5, 5), labels=CURVE_LABELS)
    cur = trace(fig, "CURRENT")
    np.testing.assert_allclose(cur.y, 1 / (1 + np.exp(-(w * np.asarray(cur.x) + b))), rtol=1e-12)
    assert cur.x[0] == -5 and cur.x[-1] == 5
    diamond = next(t for t in fig.data if t.marker.symbol == "diamond")
    assert diamond.x[0] == pytest.approx(-b / w) and diamond.y[0] == 0.5
    tangent = trace(fig, "TANGENT")
    assert (tangent.y[1] - tangent.y[0]) / (tangent.x[1] - tangent.x[0]) == pytest.approx(w / 4)
    assert any(a.text == f"M={0.0 - b / w:.2f}" for a in fig.layout.annotations)  # 0.0 − … : no "−0.00"
    assert {s.y0 for s in fig.layout.shapes if s.y0 == s.y1} == {0.5}  # the 0.5 threshold line


def test_curve_figure_with_zero_weight_has_no_midpoint():
    """Check that W = 0 draws a flat curve at σ(b) with a note, and no midpoint or tangent."""
    fig = sigmoid_figure(0.0, 0.4, x_range=(-5, 5), labels=CURVE_LABELS)
    assert np.allclose(trace(fig, "CURRENT").y, lg.curve(0.0, 0.4, 0.0))
    assert not any(t.name == "TANGENT" or t.marker.symbol == "diamond" for t in fig.data)
    assert [a.text for a in fig.layout.annotations if a.text.startswith("F=")] == ["F=0.599"]


def test_curve_figure_points_midpoints_off_the_chart():
    """Check that a midpoint outside the x range is named at the nearer edge instead of drawn."""
    right = sigmoid_figure(1.0, -20.0, x_range=(-5, 5), labels=CURVE_LABELS)
    left = sigmoid_figure(1.0, 0.0, x_range=(35, 80), labels=CURVE_LABELS)
    assert any(a.text == "R=20.0" and a.x == 5 for a in right.layout.annotations)
    assert any(a.text == "L=0.0" and a.x == 35 for a in left.layout.annotations)


def test_curve_figure_pins_family_and_data():
    """Check pins (one legend entry), the slides' family in red/green/blue, and the data with predictions."""
    fig = sigmoid_figure(1.0, 0.0, x_range=(-5, 5), labels=CURVE_LABELS, pins=[(0.5, 0.0), (3.0, 1.0)],
                         family=lg.SLIDE_FAMILIES["b"], points={"x": TOY.x, "y": TOY.y})
    pins = [t for t in fig.data if t.name == "PINS"]
    assert len(pins) == 2 and [t.showlegend for t in pins] == [True, False]
    np.testing.assert_allclose(pins[1].y, lg.curve(3.0, 1.0, pins[1].x))
    family = [(t.name, t.line.color, t.line.dash) for t in fig.data if t.name.startswith("σ(x")]
    assert family == [("σ(x + 0.5)", "red", "dash"), ("σ(x + 1)", "green", "solid"),
                      ("σ(x + 1.5)", "blue", "dash")]
    assert list(trace(fig, "CLASS1").x) == [1.25, 1.62, 2.0]
    np.testing.assert_allclose(trace(fig, "PREDICTED").y, lg.curve(1.0, 0.0, TOY.x))


def test_contour_figure_shows_the_loss_and_a_partial_path():
    """Check the contour's z is log10 of the loss grid, its window holds the path, and upto cuts the path."""
    model = lg.LogisticRegression1D(1.0, 40, w0=0.0, standardize=True).fit(EXAM.x, EXAM.y)
    fig = loss_contour_figure(EXAM.x, EXAM.y, current=(0.2, -5.0), labels=CONTOUR_LABELS,
                              path=model.path_, upto=10, n=21)
    contour = fig.data[0]
    grid = lg.loss_grid(EXAM.x, EXAM.y, contour.x, contour.y)
    np.testing.assert_allclose(contour.z, np.log10(grid))
    np.testing.assert_allclose(contour.customdata, grid)
    path = trace(fig, "PATH")
    assert len(path.x) == 11 and trace(fig, "END").x[0] == model.path_[10, 0]
    assert contour.x[0] < model.path_[:, 0].min() and contour.x[-1] > model.path_[:, 0].max()
    assert contour.y[0] < model.path_[:, 1].min() and contour.y[-1] > model.path_[:, 1].max()


def test_history_figure_counts_epochs_from_one():
    """Check the loss history is plotted against epochs 1…n on a log axis with a fixed x range."""
    fig = loss_history_figure([0.7, 0.5, 0.4], epochs=300, labels={"epoch": "E", "loss": "L"})
    assert list(fig.data[0].x) == [1, 2, 3] and fig.layout.yaxis.type == "log"
    assert list(fig.layout.xaxis.range) == [0, 300]
