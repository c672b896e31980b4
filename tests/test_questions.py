"""Check the question bank as a whole: every question speaks both languages at its page's settings, bad
answers are refused with a message in the page's language, and the reveal's spread and the teacher's
record count the answers as NumPy and pandas do."""
import math

import numpy as np
import pandas as pd
import pytest

from core.pages.regions_session import Settings
from core.questions import loss, predictions, regions, sigmoid, softmax, trainer
from core.runs.config import TrainConfig
from core.questions.bank import BANK, for_page
from core.questions.base import CHOICE, AnswerError, Truth, check
from core.questions.results import over_time, record_table, spread
from core.runs.asks import Answer, Ask
from core.text.i18n import LANGUAGES, MISSING

# Contexts per page, as the pages build them (the loss viewer's questions each fit one of its tabs).
_RNG = np.random.default_rng(0)
_Y = _RNG.integers(0, 10, 500)
_PROBA = np.eye(10)[np.where(_RNG.random(500) < 0.8, _Y, (_Y + _RNG.integers(1, 3, 500)) % 10)]
CONTEXTS = {
    "softmax": [softmax.context([2.2, 1.39, 0.85], shift=0.0, temperature=1.0, labels="fashion")],
    "sigmoid": [sigmoid.context(1.5, -0.75)],
    "loss": [loss.context({"t": tab, "a": 0.1, "yb": 1, "ym": 1, "zm": -2.0, "mi": "z", "nc": 3, "yc": 1,
                           "z0": 2.0, "z1": 1.0, "z2": 0.1}, eps=1e-10) for tab in ("bin", "mse", "multi", "clip")],
    "predictions": [predictions.context(_Y, _PROBA, dataset="fashion_mnist", split="val", names=[], epochs=3)],
    "regions": [regions.context(Settings(kind="moons", n_classes=2, n_points=200, noise=0.2, test_share=0.2, seed=0,
                                         model="softmax", units=8, activation="tanh", learning_rate=0.3, batch="32",
                                         l2=0.0, grid=60, unit_lines=True, click="0"), "", (0.5, 0.25))],
    "trainer": [trainer.context(TrainConfig(dataset="digits", epochs=3))],
}
# The class's runs a trainer question reads at the reveal: two finished runs with the page's settings.
RUNS = {"trainer": [trainer.ClassRun(TrainConfig(dataset="digits", epochs=3), {"val_accuracy": [0.5, 0.8, v]})
                    for v in (0.9, 0.94)]}


def fitting(q):
    """The first context of the question's page that it fits."""
    return next(ctx for ctx in CONTEXTS[q.page] if q.fits(ctx))


def test_every_page_of_the_issue_has_three_questions():
    """Check that each page has at least three questions in the bank."""
    for page in CONTEXTS:
        assert len([q for q in BANK.values() if q.page == page]) >= 3, page


@pytest.mark.parametrize("qid", sorted(BANK))
def test_every_question_speaks_both_languages(qid):
    """Check that a question's text, choices and explanation exist in English and Korean, differ between
    them, and leave no placeholder unfilled."""
    q = BANK[qid]
    ctx = fitting(q)
    MISSING.clear()
    truth = q.truth(ctx, RUNS.get(q.page, ()))
    texts = {lang: [q.text(ctx, lang), q.why(truth, lang), *q.choices(ctx, lang).values()] for lang in LANGUAGES}
    assert not MISSING, MISSING
    assert texts["en"][0] != texts["ko"][0]
    for lang, parts in texts.items():
        assert all(p and "{" not in p and "⟦" not in p for p in parts), (lang, parts)
    if q.kind == CHOICE:
        assert len(q.choices(ctx, "en")) >= 2 and truth.value in q.choices(ctx, "en")
    else:
        lo, hi = q.bounds(ctx)
        assert lo <= truth.value <= hi and q.tolerance >= 0


@pytest.mark.parametrize("raw,key", [(None, "q.error.blank"), ("  ", "q.error.blank"), ("abc", "q.error.number"),
                                     (math.nan, "q.error.number"), ("inf", "q.error.number"), (-math.inf, "q.error.number"),
                                     (1.5, "q.error.range"), (-0.01, "q.error.range")])
def test_bad_numbers_are_refused_in_both_languages(raw, key):
    """Check that a blank, non-number, NaN, infinite or out-of-range answer to "what is p₁?" is refused
    with its own message, in English and Korean."""
    with pytest.raises(AnswerError) as err:
        check(BANK["softmax.p1"], CONTEXTS["softmax"][0], raw)
    assert err.value.message.key == key
    assert err.value.text("en") != err.value.text("ko") and "⟦" not in err.value.text("ko")
    assert check(BANK["softmax.p1"], CONTEXTS["softmax"][0], "0.25") == 0.25


def test_a_choice_must_be_one_of_the_choices():
    """Check that a choice answer is taken only as one of the question's own codes."""
    q, ctx = BANK["softmax.shift"], CONTEXTS["softmax"][0]
    assert check(q, ctx, "same") == "same"
    for raw in ("<b>same</b>", "0.5", 3, None):
        with pytest.raises(AnswerError):
            check(q, ctx, raw)


def test_the_pages_offer_only_their_own_questions():
    """Check that a page offers its questions and none of another page's."""
    for page, contexts in CONTEXTS.items():
        assert {q.page for ctx in contexts for q in for_page(page, ctx)} == {page}
    assert for_page("board", {}) == []


def test_the_spread_of_numbers_is_numpys_histogram():
    """Check that the class's numeric answers fall in bins of twice the tolerance as numpy.histogram counts
    them, the right answers exactly in the truth's bin, and that a wide spread keeps to 24 bars."""
    q, ctx = BANK["softmax.p1"], CONTEXTS["softmax"][0]
    truth = Truth(0.59)
    values = [0.5, 0.58, 0.6, 0.605, 0.62, 0.9, 0.05, 0.595]
    s = spread(q, ctx, truth, [str(v) for v in values], "en")
    edges = 0.59 + 0.04 * (np.arange(-14, 10) - 0.5)  # bins of 0.04 around 0.59, far enough both ways
    counts, _ = np.histogram(values, edges)
    nonzero = counts[np.argmax(counts > 0):len(counts) - np.argmax(counts[::-1] > 0)]
    assert s.counts == list(nonzero) and s.total == len(values)
    assert s.counts[s.right.index(True)] == sum(abs(v - 0.59) <= 0.02 for v in values) == 4
    edge = spread(q, ctx, truth, ["0.61", "0.57"], "en")  # ±0.02 exactly: right, as is_right says
    assert edge.counts == [2] and edge.right == [True]
    wide = spread(q, ctx, truth, ["0", "1", "0.59"], "en")
    assert len(wide.counts) <= 24 and wide.total == 3


def test_the_spread_of_choices_counts_each_choice():
    """Check that choice answers are counted per choice, in the question's order, the truth marked."""
    q, ctx = BANK["softmax.shift"], CONTEXTS["softmax"][0]
    s = spread(q, ctx, Truth("same"), ["same", "up", "same", "junk"], "ko")
    assert s.counts == [1, 0, 0, 2] and s.right == [False, False, False, True]
    assert s.labels == list(q.choices(ctx, "ko").values())


def _record():
    ctx = CONTEXTS["softmax"][0]
    ask1 = Ask("a1", "L", 1, "softmax.p1", "softmax", {}, ctx, 100.0, 130.0, {"value": 0.59})
    ask2 = Ask("a2", "L", 2, "softmax.shift", "softmax", {}, ctx, 200.0, None, None)
    return [(ask1, [Answer("w1", "Mina", "0.6", 112.5), Answer("w2", "", "0.3", 120.0)]),
            (ask2, [Answer("w1", "Mina", "same", 201.0)])]


def test_the_teachers_record_as_csv():
    """Check that the record's CSV reads back with pandas as one row per answer: question, answer, right
    (blank before the reveal), seconds to answer, and nicknames only when asked for."""
    table = record_table(_record(), "en", nicknames=False)
    back = pd.read_csv(pd.io.common.StringIO(table.to_csv(index=False)))
    assert list(back.columns) == ["question_no", "question", "answer", "correct", "seconds_to_answer"]
    assert back["answer"].tolist() == ["0.6", "0.3", "Nothing changes"]
    assert back["correct"].tolist()[:2] == [True, False] and pd.isna(back["correct"][2])
    assert back["seconds_to_answer"].tolist() == [12.5, 20.0, 1.0]
    named = record_table(_record(), "ko", nicknames=True)
    assert named["nickname"][0] == "Mina" and named["nickname"][1]  # an unnamed browser gets its default name
    assert named["answer"][2] == "변하지 않는다"


def test_over_time_counts_the_revealed_questions():
    """Check that the class's answers over time list only revealed questions, with the share right."""
    assert over_time(_record()) == ([1], [0.5], [2])


def test_the_regions_picture_shows_the_trained_answer():
    """Check that the reveal's picture of "which class will this point get?" marks the point asked about,
    and that the shaded region under it is the class the truth names."""
    q = BANK["regions.point"]
    ctx = CONTEXTS["regions"][0]
    fig = q.picture(ctx, "ko")
    assert any(tr.name == "질문한 점" for tr in fig.data)  # in the legend
    mark = [tr for tr in fig.data if tr.type == "scatter" and tr.marker.symbol == "x" and tr.x[0] is not None]
    assert [(list(tr.x), list(tr.y)) for tr in mark] == [([0.5], [0.25])]
    heat = next(tr for tr in fig.data if tr.type == "heatmap")
    axis, z = np.asarray(heat.x), np.asarray(heat.z)
    cell = z[np.abs(axis - 0.25).argmin(), np.abs(axis - 0.5).argmin()]  # z[row = x₂, column = x₁]
    assert str(int(cell)) == q.truth(ctx).value
    assert all(BANK[i].picture(fitting(BANK[i]), "en") is None for i in BANK if BANK[i].page != "regions")
