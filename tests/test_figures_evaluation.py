"""Check the training/evaluation figure builders put the given numbers where they belong."""
import numpy as np

from plotly.colors import sample_colorscale

from core.figures.evaluation import confusion_cells, proba_bars, weights_figure
from core.figures.training import history_figure

TITLES = {"loss": "Loss", "accuracy": "Accuracy", "epoch": "Epoch", "train": "train", "val": "val"}


def test_history_figure_has_one_point_per_epoch_per_curve():
    """Check four traces (train/val × loss/accuracy) per run, each with one point per epoch."""
    h = {"loss": [1.0, 0.5, 0.3], "accuracy": [0.5, 0.7, 0.8], "val_loss": [1.1, 0.6, 0.4],
         "val_accuracy": [0.4, 0.6, 0.75]}
    fig = history_figure([("a", h), ("b", {k: v[:2] for k, v in h.items()})], titles=TITLES, total_epochs=5)
    assert len(fig.data) == 8
    assert [len(t.y) for t in fig.data] == [3, 3, 3, 3, 2, 2, 2, 2]
    assert list(fig.data[1].y) == h["val_loss"] and fig.data[1].meta == "val_loss"
    assert fig.layout.uirevision == "history" and tuple(fig.layout.xaxis.range) == (0.5, 5.5)


def _contrast(fg: str, bg: str) -> float:
    """WCAG 2's contrast ratio of two #rrggbb colours (written out here from the standard)."""
    def lum(colour):
        c = np.array([int(colour[k:k + 2], 16) for k in (1, 3, 5)]) / 255
        c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# A Fashion-MNIST validation matrix's rows for T-shirt, Trouser and Shirt (Shirt: 808 of 1,200 right).
FASHION = np.array([[1037, 0, 100], [4, 1164, 5], [164, 2, 808]])


def test_confusion_cells_show_the_counts_readably():
    """Check each cell shows its count, and its text keeps WCAG's 4.5:1 contrast on its background."""
    cells = confusion_cells(FASHION, normalized=False)
    assert cells["text"] == [[str(v) for v in row] for row in FASHION]
    for text_row, bg_row in zip(cells["color"], cells["background"]):
        assert all(_contrast(fg, bg) >= 4.5 for fg, bg in zip(text_row, bg_row))
    fractions = confusion_cells(FASHION, normalized=True)
    assert fractions["text"][2] == ["0.17", "0.00", "0.83"]


def test_a_weak_diagonal_does_not_look_empty():
    """Check the weakest right-answer cell (Shirt's 808) is a clear blue, far from the white of an empty cell,
    and the errors get their own orange scale from white at 0 to the darkest at the largest error."""
    bg = confusion_cells(FASHION, normalized=False)["background"]
    white = "#ffffff"
    assert _contrast(bg[2][2], white) > 3  # on a projector as much as a phone
    assert bg[0][1] == _hex(sample_colorscale("Oranges", [0.0])[0])
    assert bg[2][0] == _hex(sample_colorscale("Oranges", [1.0])[0])
    assert len({bg[i][i] for i in range(3)} | {bg[i][j] for i in range(3) for j in range(3) if i != j}) == 9


def _hex(rgb: str) -> str:
    return "#" + "".join(f"{int(v):02x}" for v in rgb[4:-1].split(","))


def test_proba_bars_colour_true_and_wrong_prediction():
    """Check the true class is green and a wrong argmax red."""
    fig = proba_bars(np.array([0.1, 0.7, 0.2]), ["a", "b", "c"], true_class=2)
    assert list(fig.data[0].marker.color) == ["#999999", "#D55E00", "#009E73"]
    both = proba_bars(np.array([0.1, 0.7, 0.2]), ["a", "b", "c"], true_class=2, logits=np.array([-1.0, 0.9, 0.0]),
                      titles=("z", "p"))
    assert list(both.data[0].x) == [-1.0, 0.9, 0.0] and list(both.data[1].x) == [0.1, 0.7, 0.2]
    assert [a.text for a in both.layout.annotations] == ["z", "p"] and both.data[1].yaxis == "y2"


def test_weights_figure_one_panel_per_unit():
    """Check one image panel per weight column, reshaped to the image, with the given titles."""
    w = np.arange(2 * 3 * 4, dtype=float).reshape(6, 4) - 10
    fig = weights_figure(w, (2, 3), ["u0", "u1", "u2", "u3"], columns=2)
    assert len(fig.data) == 4
    assert sorted(a.text for a in fig.layout.annotations) == ["u0", "u1", "u2", "u3"]
    np.testing.assert_array_equal(np.asarray(fig.data[0].z), w[:, 0].reshape(2, 3))


def test_accuracy_axis_is_not_fixed_to_0_1():
    """Check that the accuracy panel lets Plotly fit its range to the curve (0.79 → 0.885 is visible)."""
    from core.figures.training import history_figure
    h = {"loss": [0.6, 0.4], "val_loss": [0.6, 0.45], "accuracy": [0.79, 0.885], "val_accuracy": [0.78, 0.87]}
    fig = history_figure([("run", h)], titles={k: k for k in ("loss", "accuracy", "epoch", "train", "val")})
    assert fig.layout.yaxis2.range is None
