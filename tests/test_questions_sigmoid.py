"""Check the sigmoid explorer's questions against SciPy's logistic function (expit), its root finder and
finite differences."""
import pytest
from scipy.optimize import brentq
from scipy.special import expit

from core.questions import sigmoid as q
from core.questions.base import AnswerError, check, is_right
from core.questions.bank import BANK, for_page

CASES = [(1.0, 0.0), (1.85, -0.03), (0.15, -8.5), (-2.5, 1.2), (3.0, -4.75), (-0.05, 3.0), (42.0, -900.0)]


def _root(w, b):
    """Where SciPy's σ(Wx + b) crosses 0.5, found by bisection far around it."""
    m = -b / w
    span = 10 + abs(m)
    return brentq(lambda x: expit(w * x + b) - 0.5, m - span, m + span, xtol=1e-12)


@pytest.mark.parametrize("w,b", CASES)
def test_midpoint_is_where_scipys_sigmoid_is_half(w, b):
    """Check that "where is σ(Wx + b) = 0.5?" is where brentq finds expit(Wx + b) = 0.5, right within ±0.1."""
    question, ctx = BANK["sigmoid.midpoint"], q.context(w, b)
    truth = question.truth(ctx)
    assert truth.value == pytest.approx(_root(w, b), abs=1e-9)
    assert is_right(question, truth, truth.value - 0.1) and not is_right(question, truth, truth.value + 0.11)
    assert "±0.1" in question.text(ctx, "en") and "±0.1" in question.text(ctx, "ko")


def test_midpoint_and_slope_need_a_slope():
    """Check that with W = 0 (a flat curve) neither the midpoint nor the slope there is asked."""
    ctx = q.context(0.0, 1.0)
    assert {x.id for x in for_page("sigmoid", ctx)}.isdisjoint({"sigmoid.midpoint", "sigmoid.slope",
                                                                 "sigmoid.double"})


@pytest.mark.parametrize("w,b", [(1.0, 0.5), (-2.0, 1.2), (0.15, -8.5), (2.5, -4.0), (-0.4, -3.0)])
def test_doubling_w_halves_the_midpoint(w, b):
    """Check that doubling W is answered "moves towards x = 0" when SciPy's crossing halves, and that the
    reveal sets W doubled."""
    before, after = _root(w, b), _root(2 * w, b)
    assert after == pytest.approx(before / 2, abs=1e-9) and abs(after) < abs(before)
    truth = BANK["sigmoid.double"].truth(q.context(w, b))
    assert truth.value == "in" and float(truth.view["sw"]) == 2 * w


def test_doubling_w_with_no_bias_keeps_the_midpoint():
    """Check that with b = 0 doubling W leaves SciPy's crossing at 0 and the answer is "stays"."""
    assert _root(1.3, 0.0) == pytest.approx(0.0, abs=1e-12) == _root(2.6, 0.0)
    assert BANK["sigmoid.double"].truth(q.context(1.3, 0.0)).value == "same"


@pytest.mark.parametrize("w,fits", [(2.5, True), (-2.5, True), (2.55, False), (-3.0, False), (0.0, False)])
def test_doubling_w_is_asked_only_within_the_slider(w, fits):
    """Check that "double W" is offered only when 2W stays on the W slider (−5 … 5)."""
    assert BANK["sigmoid.double"].fits(q.context(w, 0.3)) is fits


@pytest.mark.parametrize("w,b", CASES)
def test_slope_at_the_midpoint_is_a_finite_difference(w, b):
    """Check that the slope at the midpoint is the central difference of expit(Wx + b) there (W/4), right
    within ±0.01, and that its Korean text says 기울기, not 그래디언트."""
    question, ctx = BANK["sigmoid.slope"], q.context(w, b)
    m, h = _root(w, b), 1e-6 / max(1.0, abs(w))
    slope = (expit(w * (m + h) + b) - expit(w * (m - h) + b)) / (2 * h)
    truth = question.truth(ctx)
    assert truth.value == pytest.approx(slope, rel=1e-6)
    assert is_right(question, truth, truth.value + 0.01) and not is_right(question, truth, truth.value + 0.011)
    assert "기울기" in question.text(ctx, "ko") and "그래디언트" not in question.text(ctx, "ko")


def test_slope_answers_are_checked():
    """Check that a slope no W the page accepts can give is refused with a message, and one it can give is taken."""
    with pytest.raises(AnswerError):
        check(BANK["sigmoid.slope"], q.context(1.0, 0.0), "30")
    assert check(BANK["sigmoid.slope"], q.context(1.0, 0.0), "0.25") == 0.25


@pytest.mark.parametrize("question", q.QUESTIONS, ids=lambda x: x.id)
def test_every_question_speaks_both_languages(question):
    """Check that each question, its choices and its explanation exist in English and Korean, all filled in."""
    ctx = q.context(1.5, -0.6)
    truth = question.truth(ctx)
    for lang in ("en", "ko"):
        texts = [question.text(ctx, lang), question.why(truth, lang), *question.choices(ctx, lang).values()]
        assert all("⟦" not in x and "{" not in x for x in texts), texts
    assert question.text(ctx, "en") != question.text(ctx, "ko")
