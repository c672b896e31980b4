"""Tests of the softmax explorer's Plotly figure builders (arrays in, figure out)."""
import numpy as np

from core.figures.softmax import gradient_figure, jacobian_figure, probability_figure
from core.figures.style import NEGATIVE, POSITIVE

LABELS = ["a", "b", "c"]
NAMES = {"softmax": "S", "sigmoid": "G", "hardmax": "H", "residual_up": "R<0", "residual_down": "R>0", "next": "N",
         "true": "T", "y_axis": "Y"}


def test_probability_figure_draws_only_the_requested_traces():
    """Check one softmax trace alone, and sigmoid and hardmax beside it when given, in that order."""
    p = [0.5, 0.3, 0.2]
    alone = probability_figure(LABELS, p, names=NAMES)
    assert [tr.name for tr in alone.data] == ["S"]
    np.testing.assert_array_equal(alone.data[0].y, p)
    both = probability_figure(LABELS, p, names=NAMES, sigmoids=[0.9, 0.8, 0.7], hard=[1, 0, 0])
    assert [tr.name for tr in both.data] == ["S", "G", "H"]
    assert both.layout.barmode == "group" and tuple(both.layout.yaxis.range) == (0, 1.12)


def test_gradient_figure_colours_by_direction_and_shades_the_true_class():
    """Check p − y is green where a step raises z (negative) and orange elsewhere, each colour its own
    legend entry (one colour per trace, so the swatch matches its bars) in one bar slot; the true
    column shaded."""
    fig = gradient_figure(LABELS, [0.2, 0.5, 0.3], [0.2, -0.5, 0.3], [0.15, 0.65, 0.2], true_class=1,
                          names=NAMES)
    assert [tr.name for tr in fig.data] == ["S", "R<0", "R>0", "N"]
    up, down = fig.data[1], fig.data[2]
    assert (up.marker.color, down.marker.color) == (POSITIVE, NEGATIVE)
    assert list(up.y) == [None, -0.5, None] and list(down.y) == [0.2, None, 0.3]
    assert up.offsetgroup == down.offsetgroup and up.showlegend is not False and down.showlegend is not False
    (shade,) = fig.layout.shapes
    assert (shade.x0, shade.x1) == (0.5, 1.5)
    assert fig.layout.annotations[0].text == "T"


def test_jacobian_figure_is_centred_on_zero():
    """Check the heatmap holds the matrix as given, with a colour range symmetric about 0."""
    jac = np.array([[0.25, -0.25], [-0.25, 0.25]])
    fig = jacobian_figure(["a", "b"], jac, title="J")
    np.testing.assert_array_equal(fig.data[0].z, jac)
    assert (fig.data[0].zmin, fig.data[0].zmax) == (-0.25, 0.25)
    assert fig.layout.title.text == "J"
