"""Check the predictions page's questions against scikit-learn's confusion_matrix, accuracy_score and
recall_score on labels drawn at random."""
import json

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, confusion_matrix, recall_score

from core.questions import predictions as q
from core.questions.base import is_right, shown
from core.questions.bank import BANK, for_page
from core.text.i18n import class_names

DIGITS = [str(d) for d in range(10)]


def _run(seed, n=2000, classes=10, right=0.8):
    """Labels and a run's probabilities: each image right with chance ``right``, else a random class."""
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, classes, n)
    wrong = rng.random(n) > right
    y_pred = np.where(wrong, rng.integers(0, classes, n), y_true)
    proba = rng.dirichlet(np.ones(classes), n) * 0.5
    proba[np.arange(n), y_pred] += 0.5  # the predicted class on top
    return y_true, y_pred, proba


def _ctx(y_true, proba, dataset="fashion_mnist", split="val", epochs=0):
    return q.context(y_true, proba, dataset=dataset, split=split, names=DIGITS, epochs=epochs)


@pytest.mark.parametrize("seed", range(6))
def test_most_confused_pair_is_sklearns(seed):
    """Check that "which two classes are confused most?" is the pair with the most mistakes both ways in
    scikit-learn's confusion matrix, that it is among the choices, and that the reveal picks its fuller cell."""
    y_true, y_pred, proba = _run(seed)
    cm = confusion_matrix(y_true, y_pred, labels=range(10))
    both = np.triu(cm + cm.T, 1)
    i, j = divmod(int(np.argmax(both)), 10)
    ctx = _ctx(y_true, proba, epochs=12)
    question = BANK["pred.pair"]
    if np.sort(both.ravel())[-1] == np.sort(both.ravel())[-2]:
        assert not question.fits(ctx)
        return
    truth = question.truth(ctx)
    assert truth.value == f"{i}-{j}" and truth.value in question.choices(ctx, "en")
    true, pred = (i, j) if cm[i, j] >= cm[j, i] else (j, i)
    assert truth.view == {"tab": "confusion", "true": str(true), "pred": str(pred), "page": "1", "split": "val",
                          "epoch": "12"}
    assert truth.why["n"] == cm[i, j] + cm[j, i]


def test_most_confused_pair_is_named_in_each_language():
    """Check that the pairs are named with Fashion-MNIST's names in the reader's language, and a digits run's
    with its own names, with at most five pairs offered."""
    y_true, _, proba = _run(1)
    ctx = _ctx(y_true, proba)
    labels_en, labels_ko = BANK["pred.pair"].choices(ctx, "en"), BANK["pred.pair"].choices(ctx, "ko")
    assert len(labels_en) == 5 and labels_en.keys() == labels_ko.keys()
    code = next(iter(labels_ko))
    a, b = map(int, code.split("-"))
    assert labels_ko[code] == f"{class_names('ko')[a]} ↔ {class_names('ko')[b]}"
    digits = _ctx(y_true, proba, dataset="digits")
    assert BANK["pred.pair"].choices(digits, "ko")[code] == f"{a} ↔ {b}"


@pytest.mark.parametrize("seed,right", [(0, 0.8), (3, 0.35), (4, 0.97)])
def test_accuracy_is_sklearns(seed, right):
    """Check that the accuracy question's answer is scikit-learn's accuracy_score in %, right within ±1 point."""
    y_true, y_pred, proba = _run(seed, right=right)
    question, ctx = BANK["pred.accuracy"], _ctx(y_true, proba, split="test")
    truth = question.truth(ctx)
    assert truth.value == pytest.approx(100 * accuracy_score(y_true, y_pred), abs=1e-9)
    assert is_right(question, truth, truth.value + 1) and not is_right(question, truth, truth.value - 1.01)
    assert truth.view == {"tab": "confusion", "split": "test"}


@pytest.mark.parametrize("seed", range(6))
def test_worst_class_has_sklearns_lowest_recall(seed):
    """Check that "which class does the network get wrong most often?" is the class of lowest recall_score,
    and that the reveal shows that class's mistakes."""
    y_true, y_pred, proba = _run(seed, n=1500)
    recall = recall_score(y_true, y_pred, labels=range(10), average=None)
    question, ctx = BANK["pred.worst"], _ctx(y_true, proba, dataset="digits")
    if np.sum(recall == recall.min()) > 1:
        assert not question.fits(ctx)
        return
    k = int(np.argmin(recall))
    truth = question.truth(ctx)
    assert truth.value == str(k) and shown(question, ctx, truth.value, "en") == DIGITS[k]
    assert truth.view == {"tab": "browse", "class": str(k), "view": "misclassified", "split": "val"}


def test_questions_wait_for_an_answer_to_exist():
    """Check that a perfect run (no mistakes: no pair, every recall 1) offers only the accuracy question, and
    that a context survives being stored as JSON."""
    y = np.repeat(np.arange(10), 5)
    proba = np.eye(10)[y]
    ctx = json.loads(json.dumps(_ctx(y, proba)))
    assert [x.id for x in for_page("predictions", ctx)] == ["pred.accuracy"]
    assert BANK["pred.accuracy"].truth(ctx).value == 100.0


@pytest.mark.parametrize("question", q.QUESTIONS, ids=lambda x: x.id)
def test_every_question_speaks_both_languages(question):
    """Check that each question, its choices and its explanation exist in English and Korean, all filled in."""
    y_true, _, proba = _run(0)
    ctx = _ctx(y_true, proba)
    truth = question.truth(ctx)
    for lang in ("en", "ko"):
        texts = [question.text(ctx, lang), question.why(truth, lang), *question.choices(ctx, lang).values()]
        assert all("⟦" not in x and "{" not in x for x in texts), texts
    assert question.text(ctx, "en") != question.text(ctx, "ko")
