"""Tests of core.figures.losses: the figures carry the data they are given, and mark what the page says."""
import math

import numpy as np
import pytest

from core.pages import loss_lab as lab
from core.figures import losses as figs
from core.text.strings.loss import EN
from core.data.toy import TOY

LABELS = {k.removeprefix("loss.fig."): v for k, v in EN.items() if k.startswith("loss.fig.")}


def points(fig) -> list:
    """The traces that mark the chosen point."""
    return [tr for tr in fig.data if tr.name == LABELS["point"]]


@pytest.mark.parametrize("y", [0, 1])
def test_binary_a_figure_highlights_the_chosen_label(y):
    """Check that the chosen label's curve is the bold one and the ring sits at (a, loss)."""
    cur = lab.binary_curves(1e-10)
    fig = figs.binary_a_figure(cur["a"], cur["y1"], cur["y0"], a0=0.3, y=y, loss0=1.2, labels=LABELS)
    widths = {tr.name: tr.line.width for tr in fig.data if tr.mode != "markers+text"}
    assert widths[LABELS[f"y{y}"]] > widths[LABELS[f"y{1 - y}"]]
    np.testing.assert_array_equal(fig.data[0].y, cur["y1"])
    assert (points(fig)[0].x[0], points(fig)[0].y[0]) == (0.3, 1.2)


def test_binary_a_figure_axis_grows_for_a_huge_loss():
    """Check that a clipped certain mistake (loss 23) is still inside the y-axis range."""
    cur = lab.binary_curves(1e-10)
    fig = figs.binary_a_figure(cur["a"], cur["y1"], cur["y0"], a0=1e-10, y=1, loss0=23.03, labels=LABELS)
    assert fig.layout.yaxis.range[1] > 23.03


def test_mse_figure_shades_the_confidently_wrong_side():
    """Check that the shaded band lies at z < −3 for y = 1 and at z > 3 for y = 0, on both rows."""
    z = lab.logit_grid(0.0, half_width=10)
    for y, inside in ((1, -5.0), (0, 5.0)):
        fig = figs.mse_vs_ce_figure(z, lab.z_curves(y, z), y=y, z0=0.0, at0=lab.z_curves(y, 0.0), labels=LABELS)
        bands = [s for s in fig.layout.shapes if s.type == "rect"]
        assert len(bands) == 2 and all(min(s.x0, s.x1) <= inside <= max(s.x0, s.x1) for s in bands)
        assert len(points(fig)) == 4


def test_surface_contour_arrow_is_the_gradient_step():
    """Check that the contour's arrow starts at (W, b) and ends one step −∇L further."""
    w, b = lab.surface_axes(n=11)
    fig = figs.surface_figure(w, b, lab.loss_surface(TOY.x, TOY.y, w, b, "ce"), point=(-3.0, 0.0, 4.7),
                              step=(1.5, -0.01), slides=(1.85, -0.03), view="contour", title="t", labels=LABELS)
    arrow = fig.layout.annotations[-1]
    assert (arrow.ax, arrow.ay) == (-3.0, 0.0) and (arrow.x, arrow.y) == (-1.5, -0.01)
    assert fig.data[0].type == "contour" and fig.data[0].z.shape == (11, 11)


def test_surface_3d_view():
    """Check that the 3-D view draws a surface and rings the chosen point at its loss."""
    w, b = lab.surface_axes(n=11)
    fig = figs.surface_figure(w, b, lab.loss_surface(TOY.x, TOY.y, w, b, "mse"), point=(1.0, 2.0, 0.3),
                              step=(0, 0), slides=(1.85, -0.03), view="3d", title="t", labels=LABELS)
    assert [tr.type for tr in fig.data] == ["surface", "scatter3d"]
    assert (fig.data[1].x[0], fig.data[1].y[0], fig.data[1].z[0]) == (1.0, 2.0, 0.3)


def test_clipping_figure_marks_eps_on_the_log_axis():
    """Check the ε label sits at log10(ε): Plotly places annotations on a log axis by exponent."""
    cc = lab.clip_curves(1e-7)
    fig = figs.clipping_figure(cc["a"], cc["raw"], cc["clipped"], eps=1e-7, labels=LABELS)
    assert fig.layout.xaxis.type == "log"
    label = next(a for a in fig.layout.annotations if a.text.startswith("ε"))
    assert label.x == pytest.approx(-7) and fig.layout.shapes[0].x0 == pytest.approx(1e-7)
    assert math.isfinite(max(fig.data[0].y))


def test_multiclass_figure_colours_the_true_class():
    """Check three panels of bars, the true class in the 'positive' colour, others neutral."""
    br = lab.multiclass_breakdown(np.array([0.3, 0.2, 0.1, 0.4]), 2, 1e-10)
    fig = figs.multiclass_figure(br["a"], br["term"], br["grad"], true_class=2, labels=LABELS)
    assert len(fig.data) == 3
    colours = fig.data[1].marker.color
    assert colours[2] != colours[0] and len(set(colours[:2] + colours[3:])) == 1
    np.testing.assert_allclose(fig.data[1].y, [0, 0, -math.log(0.1), 0])
