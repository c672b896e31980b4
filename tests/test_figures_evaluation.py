"""Check the training/evaluation figure builders put the given numbers where they belong."""
import numpy as np

from core.figures.evaluation import confusion_figure, proba_bars, weights_figure
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


def test_confusion_figure_cells_and_click_targets():
    """Check the heatmap holds the matrix and click target k sits on cell (k // n, k % n)."""
    cm = np.array([[5, 1], [2, 7]])
    fig = confusion_figure(cm, ["A", "B"], normalized=False, axis_titles=("true", "pred"))
    both = np.where(np.isnan(np.asarray(fig.data[0].z, dtype=float)), np.asarray(fig.data[2].z, dtype=float),
                    np.asarray(fig.data[0].z, dtype=float))
    np.testing.assert_array_equal(both, cm)
    for k, (x, y, text) in enumerate(zip(fig.data[1].x, fig.data[1].y, fig.data[1].text)):
        true, pred = divmod(k, 2)
        assert (y, x) == ("AB"[true], "AB"[pred]) and text == str(cm[true, pred])


def test_proba_bars_colour_true_and_wrong_prediction():
    """Check the true class is green and a wrong argmax red."""
    fig = proba_bars(np.array([0.1, 0.7, 0.2]), ["a", "b", "c"], true_class=2)
    assert list(fig.data[0].marker.color) == ["#999999", "#D55E00", "#009E73"]


def test_weights_figure_one_panel_per_unit():
    """Check one image panel per weight column, reshaped to the image, with the given titles."""
    w = np.arange(2 * 3 * 4, dtype=float).reshape(6, 4) - 10
    fig = weights_figure(w, (2, 3), ["u0", "u1", "u2", "u3"], columns=2)
    assert len(fig.data) == 4
    assert sorted(a.text for a in fig.layout.annotations) == ["u0", "u1", "u2", "u3"]
    np.testing.assert_array_equal(np.asarray(fig.data[0].z), w[:, 0].reshape(2, 3))


def test_confusion_errors_have_their_own_colour_scale():
    """Check that the off-diagonal cells are coloured apart, on a scale topped by the largest error (145),
    so the teachable errors are not near-white beside a diagonal of 900s."""
    cm = np.array([[900, 145, 3], [130, 880, 117], [0, 2, 950]])
    fig = confusion_figure(cm, ["a", "b", "c"], normalized=False, axis_titles=("true", "pred"))
    diag, errors = np.asarray(fig.data[0].z, dtype=float), np.asarray(fig.data[2].z, dtype=float)
    assert np.isnan(diag[~np.eye(3, dtype=bool)]).all() and np.isnan(np.diag(errors)).all()
    assert fig.data[2].zmin == 0 and fig.data[2].zmax == 145 and fig.data[2].colorscale != fig.data[0].colorscale


def test_accuracy_axis_is_not_fixed_to_0_1():
    """Check that the accuracy panel lets Plotly fit its range to the curve (0.79 → 0.885 is visible)."""
    from core.figures.training import history_figure
    h = {"loss": [0.6, 0.4], "val_loss": [0.6, 0.45], "accuracy": [0.79, 0.885], "val_accuracy": [0.78, 0.87]}
    fig = history_figure([("run", h)], titles={k: k for k in ("loss", "accuracy", "epoch", "train", "val")})
    assert fig.layout.yaxis2.range is None
