"""Check the loss viewer's questions against scikit-learn's log_loss, SciPy's softmax and finite differences."""
import math

import numpy as np
import pytest
from scipy.special import expit, softmax
from sklearn.metrics import log_loss

from core.questions import loss as q
from core.questions.base import is_right
from core.questions.bank import BANK, for_page


def _ctx(tab, eps=1e-10, **values):
    """A context from the page's address names, as the page holds them (yb and mi as codes)."""
    return q.context({"t": tab, **values}, eps=eps)


@pytest.mark.parametrize("y,a", [("1", 0.1), ("1", 0.7), ("0", 0.7), ("0", 0.02), ("1", 0.999)])
def test_binary_loss_is_sklearns_log_loss(y, a):
    """Check that "what is the loss?" on the binary tab is scikit-learn's log_loss of that one prediction,
    right within ±0.05, and that the question says the true class's p."""
    question, ctx = BANK["loss.binary"], _ctx("bin", a=a, yb=y)
    truth = question.truth(ctx)
    assert truth.value == pytest.approx(log_loss([int(y)], [a], labels=[0, 1]), rel=1e-9)
    assert is_right(question, truth, truth.value + 0.05) and not is_right(question, truth, truth.value - 0.051)
    p = a if y == "1" else 1 - a
    assert f"p = {p:.3f}".rstrip("0").rstrip(".") in question.text(ctx, "en")
    assert truth.view == {"t": "bin"}


def test_binary_loss_of_p_one_tenth():
    """Check the issue's example: the true class gets p = 0.1, so the loss is ln 10 ≈ 2.303."""
    assert BANK["loss.binary"].truth(_ctx("bin", a=0.1, yb="1")).value == pytest.approx(math.log(10), rel=1e-12)


@pytest.mark.parametrize("eps", [1e-10, 1e-7, float(np.finfo(np.float64).eps)])
def test_binary_loss_at_a_certain_mistake_is_clipped(eps):
    """Check that a = 0 for y = 1 costs −ln ε at the page's ε, never infinity, and that at scikit-learn's own ε
    (float64's machine epsilon) it is log_loss's number."""
    value = BANK["loss.binary"].truth(_ctx("bin", eps=eps, a=0.0, yb="1")).value
    assert value == pytest.approx(-math.log(eps), rel=1e-12)
    if eps == np.finfo(np.float64).eps:
        assert value == pytest.approx(log_loss([1], [0.0], labels=[0, 1]), rel=1e-12)


def _fd(f, z, h=1e-5):
    return (f(z + h) - f(z - h)) / (2 * h)


@pytest.mark.parametrize("ym,zm", [("1", -4.0), ("0", 3.0), ("1", 0.0), ("1", 2.5), ("0", -9.0)])
def test_cross_entropy_gives_the_larger_gradient(ym, zm):
    """Check that "which loss gives the larger gradient?" picks the loss whose central difference in z is
    larger, with SciPy's sigmoid: cross-entropy −ln σ (or −ln(1 − σ)) against ½(σ − y)²."""
    y = int(ym)
    ce = abs(_fd(lambda z: -math.log(expit(z)) if y else -math.log(expit(-z)), zm))
    mse = abs(_fd(lambda z: 0.5 * (expit(z) - y) ** 2, zm))
    truth = BANK["loss.steeper"].truth(_ctx("mse", ym=ym, zm=zm))
    assert truth.value == ("ce" if ce > mse else "mse")
    assert float(truth.why["ratio"]) == pytest.approx(ce / mse, rel=1e-3)
    assert truth.view == {"t": "mse"}


@pytest.mark.parametrize("mode,vec,yc", [("p", [0.3, 0.2, 0.1, 0.4], 1), ("z", [-1.204, -1.609, -2.303, -0.916], 3),
                                         ("z", [2.0, -1.0, 0.5], 0), ("p", [1.0, 1.0, 2.0, 0.0, 0.5, 0.5], 2)])
def test_multiclass_loss_is_sklearns_log_loss(mode, vec, yc):
    """Check that the multiclass tab's loss is scikit-learn's log_loss of SciPy's softmax of the logits (or of
    the probabilities scaled to sum to 1, as the page does), right within ±0.05."""
    values = {"mi": mode, "nc": len(vec), "yc": yc, **{f"{mode}{c}": v for c, v in enumerate(vec)}}
    probs = softmax(vec) if mode == "z" else np.array(vec) / sum(vec)
    question, ctx = BANK["loss.multi"], _ctx("multi", **values)
    truth = question.truth(ctx)
    assert truth.value == pytest.approx(log_loss([yc], [probs], labels=list(range(len(vec)))), rel=1e-9)
    assert is_right(question, truth, truth.value - 0.05) and not is_right(question, truth, truth.value + 0.051)


def test_multiclass_loss_of_andrew_ngs_example():
    """Check Andrew Ng's example (0.3, 0.2, 0.1, 0.4) with class 2 true: −ln 0.2 ≈ 1.609."""
    ctx = _ctx("multi", mi="p", nc=4, yc=1, p0=0.3, p1=0.2, p2=0.1, p3=0.4)
    assert BANK["loss.multi"].truth(ctx).value == pytest.approx(1.6094, abs=5e-5)


@pytest.mark.parametrize("k", [1, 7, 10, 16])
def test_clipping_a_certain_mistake_costs_k_ln_10(k):
    """Check that at ε = 10⁻ᵏ a certain mistake costs k·ln 10 (23.03 at the textbook's ε = 1e-10)."""
    truth = BANK["loss.clip"].truth(_ctx("clip", eps=10.0 ** -k))
    assert truth.value == pytest.approx(k * math.log(10), rel=1e-9)
    assert k != 10 or truth.why["loss"] == "23.0259"


def test_each_question_fits_its_tab_only():
    """Check that each tab offers only its own question (the binary tab's a, y kept while another is open)."""
    values = dict(a=0.7, yb="1", ym="1", zm=-4.0, mi="z", nc=2, yc=1, z0=0.0, z1=1.0)
    offered = {tab: [x.id for x in for_page("loss", _ctx(tab, **values))] for tab in ("bin", "multi", "mse", "clip")}
    assert offered == {"bin": ["loss.binary"], "multi": ["loss.multi"], "mse": ["loss.steeper"], "clip": ["loss.clip"]}
    assert for_page("loss", _ctx("multi", mi="z", nc=3, yc=0, z0=1.0, z1=2.0)) == []  # a logit never seeded


@pytest.mark.parametrize("question", q.QUESTIONS, ids=lambda x: x.id)
def test_every_question_speaks_both_languages(question):
    """Check that each question, its choices and its explanation exist in English and Korean, all filled in."""
    tab = {"loss.binary": "bin", "loss.steeper": "mse", "loss.multi": "multi", "loss.clip": "clip"}[question.id]
    ctx = _ctx(tab, a=0.7, yb="0", ym="1", zm=-4.0, mi="z", nc=3, yc=2, z0=0.5, z1=-1.0, z2=2.0)
    truth = question.truth(ctx)
    for lang in ("en", "ko"):
        texts = [question.text(ctx, lang), question.why(truth, lang), *question.choices(ctx, lang).values()]
        assert all("⟦" not in x and "{" not in x for x in texts), texts
    assert question.text(ctx, "en") != question.text(ctx, "ko")
