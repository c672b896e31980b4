"""Everything the softmax explorer page computes: probabilities, the e^z table, loss, gradient step.

All values stay finite for any logits the page accepts (|z| ≤ LOGIT_LIMIT, temperature ≥ T_MIN):
exponentials are only ever taken of max-shifted, non-positive numbers, and e^z itself is shown through
its base-10 logarithm instead of being evaluated.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp

from core.maths.activations import hardmax, logit, sigmoid, softmax, softmax_jacobian
from core.text.i18n import class_names, t
from core.maths.losses import one_hot, softmax_ce_grad

MIN_CLASSES, MAX_CLASSES, DEFAULT_CLASSES = 2, 10, 3
LOGIT_LIMIT = 10_000.0          # what may be typed; the sliders cover ±10
T_MIN, T_MAX = 0.05, 5.0
LABEL_MODES = ("index", "fashion")

_LOG10_E = math.log10(math.e)
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def textbook_logits(sigmoid_outputs, decimals: int = 2) -> np.ndarray:
    """Logits z = −ln(1/ŷ − 1) of sigmoid outputs ŷ, rounded to ``decimals`` as the book prints them."""
    return np.round(logit(np.asarray(sigmoid_outputs, dtype=np.float64)), decimals)


# Presets: the textbook's two worked examples (Do it! ch. 7-1), a two-class case whose softmax equals
# a sigmoid, and logits so large that a naive e^z overflows (same probabilities as z = 2, 1, 0).
PRESETS: dict[str, np.ndarray] = {
    "book1": textbook_logits([0.9, 0.8, 0.7]),
    "book2": textbook_logits([0.5, 0.2, 0.1]),
    "binary": textbook_logits([0.8, 0.5]),
    "huge": np.array([1000.0, 999.0, 998.0]),
}
DEFAULT_LOGITS = np.concatenate([PRESETS["book1"], np.zeros(MAX_CLASSES - 3)])


def active_preset(logits, *, shift: float, temperature: float) -> str | None:
    """The worked example the controls hold: the preset whose logits (as many classes as it has) the
    sliders show, with the shift 0 and the temperature 1 that a preset sets; None once a value moved."""
    if shift != 0 or temperature != 1:
        return None
    return next((name for name, z in PRESETS.items()
                 if len(z) == len(logits) and np.allclose(logits, z, rtol=0, atol=1e-9)), None)


def logit_name(i: int, symbol: str = "z") -> str:
    """The symbol of logit (or probability) i, 0-based, as the textbook writes it, 1-based: z₁, z₂, …"""
    return symbol + str(i + 1).translate(_SUBSCRIPTS)


def class_labels(n: int, mode: str, lang: str) -> list[str]:
    """Names of the first ``n`` classes: "class 1, 2, …" or, in mode "fashion", Fashion-MNIST names."""
    if mode == "fashion":
        return class_names(lang)[:n]
    return [t("softmax.class_n", lang, i=i + 1) for i in range(n)]


def exp_text(x: float, digits: int = 4) -> str:
    """e^x as text without evaluating e^x: plain for moderate x, else mantissa·10^k from x·log₁₀e.

    e^1000 overflows a float64 (max ≈ 1.8e308) but its text "1.970e+434" is exact to the digits shown.
    """
    k10 = x * _LOG10_E
    if -4 <= k10 < 5:
        return f"{math.exp(x):#.{digits}g}"
    k = math.floor(k10)
    mantissa = 10 ** (k10 - k)
    if round(mantissa, digits - 1) >= 10:  # 9.9996 rounds up to the next power of ten
        mantissa, k = mantissa / 10, k + 1
    return f"{mantissa:.{digits - 1}f}e{k:+d}"


def cross_entropy(z, true_class: int, temperature: float = 1.0) -> float:
    """−ln p_true of p = softmax(z / T), as ln Σ e^{u_j} − u_true (u = z / T): exact, never ln 0.

    SciPy's ``logsumexp`` shifts by max u before exponentiating, so nothing overflows.
    """
    u = np.asarray(z, dtype=np.float64) / temperature
    return float(logsumexp(u)) - float(u[true_class])


def gradient_step(z, grad, lr: float) -> np.ndarray:
    """Logits after one gradient-descent step z − lr·grad, kept within ±LOGIT_LIMIT."""
    return np.clip(np.asarray(z, dtype=np.float64) - lr * np.asarray(grad), -LOGIT_LIMIT, LOGIT_LIMIT)


def softmax_table(z, temperature: float, labels: list[str]) -> dict[str, list]:
    """Columns of the page's table, one row per class plus a final Σ row.

    ``label``, ``z``, ``u`` = z/T, ``exp`` = e^u as text, ``exp_shifted`` = e^{u − max u}, ``p``.
    """
    z = np.asarray(z, dtype=np.float64)
    u = z / temperature
    shifted = np.exp(u - np.max(u))
    p = shifted / shifted.sum()
    return {
        "label": [*labels, "Σ"],
        "z": [*map(float, z), None],
        "u": [*map(float, u), None],
        "exp": [*map(exp_text, u), exp_text(float(logsumexp(u)))],
        "exp_shifted": [*map(float, shifted), float(shifted.sum())],
        "p": [*map(float, p), float(p.sum())],
    }


@dataclass(frozen=True)
class Exploration:
    """What the page shows for one setting of the controls (arrays have one entry per class)."""
    temperature: float
    logits: np.ndarray      # z + c, the logits every other field is computed from
    probs: np.ndarray       # softmax(logits / T)
    sigmoids: np.ndarray    # σ(logits), each unit on its own
    hard: np.ndarray        # hardmax(logits)
    shift_change: float     # max |softmax((z + c)/T) − softmax(z/T)|: zero up to rounding
    loss: float             # −ln p_true
    residual: np.ndarray    # p − y
    grad: np.ndarray        # ∂loss/∂z = (p − y) / T
    probs_next: np.ndarray  # softmax after one step z − lr·grad
    loss_next: float
    jacobian: np.ndarray    # ∂p_i/∂u_j = diag(p) − p pᵀ, u = z / T

    @property
    def prob_sum(self) -> float:
        """Σ p_i: 1 up to rounding."""
        return float(self.probs.sum())

    @property
    def sigmoid_sum(self) -> float:
        """Σ σ(z_i): anything in (0, C), since each sigmoid is on its own."""
        return float(self.sigmoids.sum())

    @property
    def loss_change(self) -> float:
        """How much one gradient step changes the loss (negative for a small enough step)."""
        return self.loss_next - self.loss

    @property
    def binary_sigmoid(self) -> float:
        """σ((z₁ − z₂)/T): with two classes it equals p₁ (softmax with C = 2 is logistic regression)."""
        return float(sigmoid((self.logits[0] - self.logits[1]) / self.temperature))


def explore(z, *, shift: float = 0.0, temperature: float = 1.0, true_class: int = 0,
            lr: float = 1.0) -> Exploration:
    """Compute everything the explorer shows for raw logits ``z`` with ``shift`` added to each."""
    z = np.asarray(z, dtype=np.float64)
    logits = z + shift
    probs = softmax(logits, temperature=temperature)
    residual = softmax_ce_grad(one_hot([true_class], len(z), np.float64)[0], probs)
    grad = residual / temperature  # chain rule through u = z / T
    after = logits - lr * grad
    return Exploration(
        temperature=temperature, logits=logits, probs=probs, sigmoids=sigmoid(logits),
        hard=hardmax(logits),
        shift_change=float(np.max(np.abs(probs - softmax(z, temperature=temperature)))),
        loss=cross_entropy(logits, true_class, temperature), residual=residual, grad=grad,
        probs_next=softmax(after, temperature=temperature),
        loss_next=cross_entropy(after, true_class, temperature),
        jacobian=softmax_jacobian(probs),
    )
