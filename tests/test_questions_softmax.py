"""Check the softmax explorer's questions against SciPy's softmax and the textbook's numbers."""
import numpy as np
import pytest
from scipy.special import softmax as scipy_softmax

from core.questions import softmax as q
from core.questions.base import is_right
from core.questions.bank import BANK

BOOK1 = [2.2, 1.39, 0.85]  # the textbook's z for sigmoid outputs 0.9, 0.8, 0.7 (Do it! ch. 7-1)


def _ctx(z, c=0.0, t=1.0):
    return q.context(z, shift=c, temperature=t, labels="index")


@pytest.mark.parametrize("z,c,t", [(BOOK1, 0.0, 1.0), ([1000.0, 999.0, 998.0], 0.0, 1.0), ([0.5, -2, 3, 0], 2.5, 0.3),
                                   ([4.0, 4.0], -1.0, 5.0)])
def test_p1_is_scipys_softmax(z, c, t):
    """Check that "what is p₁?" is SciPy's softmax of (z + c) / T, first entry, and its tolerance is 0.02."""
    truth = BANK["softmax.p1"].truth(_ctx(z, c, t))
    assert truth.value == pytest.approx(scipy_softmax((np.array(z) + c) / t)[0], abs=1e-12)
    assert is_right(BANK["softmax.p1"], truth, truth.value + 0.02)
    assert not is_right(BANK["softmax.p1"], truth, truth.value + 0.021)


def test_p1_of_the_textbook_example():
    """Check p₁ of the book's first example against the book's printed softmax (0.59, 0.26, 0.15)."""
    assert BANK["softmax.p1"].truth(_ctx(BOOK1)).value == pytest.approx(0.59, abs=0.005)


@pytest.mark.parametrize("z,c,t", [(BOOK1, 0.0, 1.0), ([3.0, -7.5, 0.2, 9.9], -4.0, 0.05), ([1e4, -1e4], 0.0, 1.0)])
def test_adding_one_changes_nothing(z, c, t):
    """Check that adding 1 to every logit is answered "nothing changes", as SciPy computes both, and the reveal
    sets the shift one higher."""
    before, after = scipy_softmax((np.array(z) + c) / t), scipy_softmax((np.array(z) + c + 1) / t)
    assert np.max(np.abs(after - before)) < 1e-12
    truth = BANK["softmax.shift"].truth(_ctx(z, c, t))
    assert truth.value == "same" and float(truth.view["c"]) == c + 1


@pytest.mark.parametrize("z,winner", [(BOOK1, "0"), ([0.1, 0.3, -2.0], "1"), ([1.0, 5.0, 5.0], "tie")])
def test_cold_softmax_is_hardmax(z, winner):
    """Check that at the lowest temperature the winner is the largest logit, with SciPy's p at T = 0.05, and
    that ties are answered as shared."""
    truth = BANK["softmax.cold"].truth(_ctx(z))
    assert truth.value == winner and truth.view == {"t": "0.05"}
    assert float(truth.why["p"]) == pytest.approx(scipy_softmax(np.array(z) / 0.05).max(), abs=5e-5)
    assert truth.value in BANK["softmax.cold"].choices(_ctx(z), "ko")
