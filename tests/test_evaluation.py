"""Tests of core.maths.evaluation against scikit-learn and hand-made cases."""
import numpy as np
import pytest
from sklearn.metrics import classification_report, confusion_matrix

from core.maths.activations import softmax
from core.maths.evaluation import browse, cell_members, class_report, confusion


@pytest.fixture
def preds():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, 200)
    logits = rng.normal(size=(200, 4)) + 2.0 * np.eye(4)[y]
    return y, softmax(logits, axis=1)


def test_confusion_matches_sklearn_and_sums_to_count(preds):
    """Check the confusion matrix equals sklearn's and its entries sum to the evaluated count."""
    y, p = preds
    cm = confusion(y, p.argmax(1), 4)
    np.testing.assert_array_equal(cm, confusion_matrix(y, p.argmax(1)))
    assert cm.sum() == len(y)
    np.testing.assert_allclose(confusion(y, p.argmax(1), 4, normalize=True).sum(1), 1.0)


def test_normalized_confusion_keeps_empty_class_at_zero():
    """Check that a class with no images gives a zero row, not NaN."""
    cm = confusion([0, 0, 1], [0, 1, 1], 3, normalize=True)
    np.testing.assert_array_equal(cm[2], [0, 0, 0])
    assert np.isfinite(cm).all()


def test_class_report_matches_sklearn(preds):
    """Check precision/recall/F1/support against sklearn's classification_report."""
    y, p = preds
    rep = class_report(y, p.argmax(1), 4)
    ref = classification_report(y, p.argmax(1), output_dict=True)
    for c in range(4):
        assert rep.precision[c] == pytest.approx(ref[str(c)]["precision"])
        assert rep.recall[c] == pytest.approx(ref[str(c)]["recall"])
        assert rep.f1[c] == pytest.approx(ref[str(c)]["f1-score"])
        assert rep.support[c] == ref[str(c)]["support"]
    assert rep.accuracy == pytest.approx(ref["accuracy"])
    assert rep.macro[2] == pytest.approx(ref["macro avg"]["f1-score"])


def test_cell_members_are_that_cell_most_confident_first(preds):
    """Check that a cell's gallery holds exactly its images, sorted by the predicted probability."""
    y, p = preds
    idx = cell_members(y, p, 1, 2)
    assert len(idx) == confusion(y, p.argmax(1), 4)[1, 2]
    assert np.all(y[idx] == 1) and np.all(p[idx].argmax(1) == 2)
    assert np.all(np.diff(p[idx, 2]) <= 0)


def test_browse_views(preds):
    """Check each browser view's membership and order on the same predictions."""
    y, p = preds
    pred, top = p.argmax(1), p.max(1)
    all_ = browse(y, p, 0, "all")
    assert set(all_) == set(np.flatnonzero(y == 0)) and np.all(np.diff(p[all_, 0]) <= 0)
    wrong = browse(y, p, 0, "confident_mistakes")
    assert set(wrong) == set(np.flatnonzero((y == 0) & (pred != 0))) and np.all(np.diff(top[wrong]) <= 0)
    assert set(browse(y, p, 0, "misclassified")) == set(wrong)
    unsure = browse(y, p, 0, "unsure_correct")
    assert np.all(pred[unsure] == 0) and np.all(np.diff(top[unsure]) >= 0)
    with pytest.raises(ValueError):
        browse(y, p, 0, "nope")
