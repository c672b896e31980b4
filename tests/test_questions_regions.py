"""Check the decision-regions page's questions against scikit-learn's classifiers on the page's own data."""
import json

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier

from core.pages import regions as rg
from core.pages.regions_session import Settings
from core.questions import regions as q
from core.questions.bank import BANK, for_page
from core.questions.base import is_right
from core.text import i18n

PAGE = dict(kind="blobs", n_classes=3, n_points=300, noise=0.3, test_share=0.2, seed=0, model="softmax", units=0,
            activation="tanh", learning_rate=0.3, batch="32", l2=0.0, grid=80, unit_lines=True, click="0")


def _ctx(probe=None, points="", **changes):
    """A context as the page would store it (through JSON)."""
    return json.loads(json.dumps(q.context(Settings(**PAGE | changes), points, probe)))


def _train(ctx):
    """(x_train, y_train, x_test, y_test): the page's data and split at the context's settings."""
    x, y = rg.make_dataset(ctx["kind"], ctx["n_classes"], ctx["n_points"], ctx["noise"], ctx["seed"])
    return rg.split(x, y, ctx["test_share"], ctx["seed"])


def _clear_points(ctx, neighbours=25):
    """One location per class that the data decide: scikit-learn's k-NN is unanimous there, and it lies
    farthest from every point of another class."""
    x, y = _train(ctx)[:2]
    knn = KNeighborsClassifier(neighbours).fit(x, y)
    axis = np.linspace(-1, 1, 41)
    grid = np.array([(a, b) for a in axis for b in axis])
    p = knn.predict_proba(grid)
    out = []
    for k in range(ctx["n_classes"]):
        mine = grid[p[:, k] == 1.0]
        others = x[y != k]
        gap = np.min(np.linalg.norm(mine[:, None, :] - others[None, :, :], axis=2), axis=1)
        out.append((tuple(mine[gap.argmax()]), k))
    return out


@pytest.mark.parametrize("changes", [dict(noise=0.1), dict(kind="moons", n_classes=2, units=8),
                                     dict(kind="circles", n_classes=2, units=8, noise=0.2),
                                     dict(model="ovr", n_classes=4)])
def test_point_class_agrees_with_nearest_neighbours(changes):
    """Check that where scikit-learn's k-NN is unanimous the trained network gives the point the same class."""
    for where, k in _clear_points(_ctx(**changes)):
        ctx = _ctx(probe=where, **changes)
        assert BANK["regions.point"].truth(ctx).value == str(k), where


def test_point_without_a_probe_lies_between_the_first_two_classes():
    """Check that with nothing probed the point is halfway between classes 1 and 2's centres (NumPy means of
    the training points), written in the question, and that each class is a choice in both languages."""
    ctx = _ctx()
    x, y = _train(ctx)[:2]
    middle = (x[y == 0].mean(axis=0) + x[y == 1].mean(axis=0)) / 2
    assert q.point(ctx) == pytest.approx(tuple(middle), abs=0.005)
    question = BANK["regions.point"]
    assert f"x₁ = {q.point(ctx)[0]:g}" in question.text(ctx, "en")
    assert list(question.choices(ctx, "ko")) == ["0", "1", "2"]
    assert question.truth(ctx).value in question.choices(ctx, "en")


@pytest.mark.parametrize("changes,separable", [
    (dict(kind="moons", n_classes=2, units=8), False),
    (dict(kind="xor", n_classes=2, units=8), False),
    (dict(kind="circles", n_classes=2, units=8), False),
    (dict(kind="blobs", n_classes=2, noise=0.0), True),
    (dict(kind="blobs", n_classes=4, noise=0.0), True),
])
def test_no_hidden_layer_separates_as_logistic_regression_does(changes, separable):
    """Check that "will no hidden layer separate these data?" is answered as scikit-learn's nearly unpenalised
    logistic regression separates the same training points, and that the reveal sets 0 hidden units."""
    ctx = _ctx(**changes)
    x, y = _train(ctx)[:2]
    reference = LogisticRegression(C=1e6, max_iter=20_000).fit(x, y).score(x, y) == 1.0
    assert reference is separable
    truth = BANK["regions.linear"].truth(ctx)
    assert truth.value == ("yes" if separable else "no")
    assert truth.view == {"runits": "0"}


def test_wrong_test_points_of_a_linear_model_match_logistic_regression():
    """Check that softmax regression on the moons gets as many test points wrong as scikit-learn's logistic
    regression (the same model, fitted exactly), within the question's tolerance of 2."""
    ctx = _ctx(kind="moons", n_classes=2, units=0)
    x, y, x_test, y_test = _train(ctx)
    reference = int(np.sum(LogisticRegression(C=1e6, max_iter=20_000).fit(x, y).predict(x_test) != y_test))
    question = BANK["regions.test_wrong"]
    truth = question.truth(ctx)
    assert reference > 0 and is_right(question, truth, reference)
    assert question.bounds(ctx) == (0.0, float(len(y_test))) == (0.0, 60.0)


def test_wrong_test_points_of_clear_blobs_is_none_as_for_nearest_neighbours():
    """Check that on blobs far apart no test point is wrong, as none is for scikit-learn's k-NN."""
    ctx = _ctx(noise=0.0, units=4)
    x, y, x_test, y_test = _train(ctx)
    assert KNeighborsClassifier(5).fit(x, y).score(x_test, y_test) == 1.0
    assert BANK["regions.test_wrong"].truth(ctx).value == 0


def test_added_points_train_and_count():
    """Check that added points join the training set of the trained session, and that the epochs stated are
    300 for the page's defaults and 10 for its largest data set in batches of 1."""
    pts = rg.format_points([[0.0, 0.9, 0]] * 5)
    ctx = _ctx(points=pts, noise=0.0)
    rs = q.trained(ctx)
    assert len(rs.training_set()[1]) == 240 + 5
    assert q.epochs(ctx) == 300 and q.epochs(_ctx(n_points=2000, batch="1")) == 10


def test_questions_offered_and_written_in_both_languages():
    """Check that the page offers its three questions at the default settings, not the linear one for
    one-vs-rest nor the test question without test points, and that every text has both languages."""
    assert [x.id for x in for_page("regions", _ctx())] == ["regions.point", "regions.linear", "regions.test_wrong"]
    assert [x.id for x in for_page("regions", _ctx(model="ovr", test_share=0.0))] == ["regions.point"]
    i18n.MISSING.clear()
    ctx = _ctx()
    for question in q.QUESTIONS:
        truth = question.truth(ctx)
        for lang in i18n.LANGUAGES:
            question.text(ctx, lang), question.why(truth, lang), question.choices(ctx, lang)
    assert not i18n.MISSING
