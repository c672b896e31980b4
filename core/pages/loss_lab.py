"""The numbers behind the loss viewer: losses as functions of z, loss surfaces, clipping cases.

Everything builds on :mod:`core.maths.activations` and :mod:`core.maths.losses` (the logistic loss in its logit
form, exact with no clipping, among them); what is new here is the squared error used for the "why not MSE"
comparison, the curves and surfaces the page draws, and small tables the page shows as they are.
"""
from __future__ import annotations

import math

import numpy as np

from core.maths.activations import _as_float, logit, sigmoid
from core.maths.losses import (bce_terms, binary_cross_entropy, categorical_cross_entropy, cce_terms,
                               logistic_loss_logit, one_hot, sigmoid_bce_grad, sigmoid_mse_grad)

# Clipping constants of the references the page compares with.
TEXTBOOK_EPS = 1e-10                       # Do it! Deep Learning's np.clip(a, 1e-10, 1 - 1e-10)
KERAS_EPS = 1e-7                           # keras.config.epsilon()
SKLEARN_EPS = float(np.finfo(np.float64).eps)  # log_loss clips at the dtype's machine epsilon
# The Keras logistic regression of the study-group slides on core.data.toy.TOY (300 epochs of SGD).
SLIDES_W, SLIDES_B = 1.85, -0.03
TRUE_COLOUR = "#009E73"  # core.figures.style.POSITIVE: the true class in formulas as in bars


def half_squared_error(y, a):
    """Per-sample ½(a − y)²: the squared error whose gradient through σ is ``sigmoid_mse_grad``."""
    return 0.5 * (_as_float(a) - _as_float(y)) ** 2


def z_curves(y, z) -> dict[str, np.ndarray]:
    """Loss and ∂loss/∂z of sigmoid + cross-entropy and sigmoid + ½ squared error over logits ``z``.

    The same quantities as ``core.maths.losses.sigmoid_bce_grad`` / ``sigmoid_mse_grad``, but 1 − σ(z) is
    taken as σ(−z) rather than formed by subtraction, so the tiny gradients of a saturated sigmoid
    keep their digits at large |z| instead of rounding to 0.
    """
    y = _as_float(y)
    a, a_rest = sigmoid(z), sigmoid(-_as_float(z))  # a_rest = 1 − a, without cancellation
    residual = (1 - y) * a - y * a_rest  # = a − y, exact for y ∈ {0, 1}
    return {"ce": logistic_loss_logit(y, z), "ce_grad": residual,
            "mse": 0.5 * residual ** 2, "mse_grad": residual * a * a_rest}


def binary_curves(eps: float, n: int = 501) -> dict[str, np.ndarray]:
    """Clipped losses −log a (label 1) and −log(1 − a) (label 0) over n values of a in [0, 1]."""
    a = np.linspace(0.0, 1.0, n)
    return {"a": a, "y1": bce_terms(1, a, eps), "y0": bce_terms(0, a, eps)}


def push_ratio(z: float) -> float:
    """|∂CE/∂z| / |∂MSE/∂z| at z: the factor a(1 − a) = σ(z)σ(−z) that squared error multiplies in.

    Written with σ(−z) rather than 1 − σ(z) so it stays finite (no 1/0) for |z| up to about 700.
    """
    return float(1.0 / (sigmoid(z) * sigmoid(-z)))


def binary_point(y: int, a: float, eps: float) -> dict[str, float]:
    """One prediction ``a`` for label ``y``: its clipped loss, the logit of the clipped a, and a − y."""
    a_used = float(np.clip(a, eps, 1 - eps))
    return {"loss": binary_cross_entropy([y], [a], eps), "a_used": a_used,
            "z": float(logit(a_used)), "grad": float(sigmoid_bce_grad(y, a_used))}


def logit_grid(z_point: float, half_width: float = 8.0, n: int = 401) -> np.ndarray:
    """Evenly spaced logits covering [−half_width, half_width] and ``z_point`` with a margin of 1."""
    return np.linspace(min(-half_width, z_point - 1), max(half_width, z_point + 1), n)


def two_class_check(y: int, a: float, eps: float) -> dict[str, float]:
    """The C = 2 identity: logistic loss of a versus categorical cross-entropy of (1 − a, a).

    With z = logit a, softmax([0, z]) = (1 − a, a), so the two numbers must agree.
    """
    return {"logistic": binary_cross_entropy([y], [a], eps),
            "categorical": categorical_cross_entropy(one_hot([y], 2), [[1 - a, a]], eps)}


def probability_vector(weights) -> np.ndarray:
    """Non-negative weights scaled to sum to 1; all-zero weights give the uniform vector."""
    w = np.clip(_as_float(weights), 0, None)
    total = w.sum()
    return w / total if total > 0 else np.full(w.shape, 1 / w.size)


def normalisation(weights, tol: float = 1e-9) -> str | None:
    """What :func:`probability_vector` does to ``weights``: "zero" (uniform used), "scaled", or None."""
    total = float(np.sum(np.clip(_as_float(weights), 0, None)))
    if total == 0:
        return "zero"
    return "scaled" if abs(total - 1) > tol else None


def multiclass_breakdown(a, true_class: int, eps: float) -> dict[str, np.ndarray | float]:
    """Each class's a_c, y_c, term −y_c log a_c and gradient a_c − y_c, and the loss (their sum)."""
    a = _as_float(a)
    y = one_hot([true_class], a.size, np.float64)[0]
    terms = cce_terms(y, a, eps)[0]
    return {"a": a, "y": y, "term": terms, "grad": a - y, "loss": categorical_cross_entropy(y, a, eps)}


def ce_sum_latex(a, true_class: int, eps: float, per_line: int = 3) -> str:
    """LaTeX of L = −Σ y_c log a_c written out for this vector, ending at the one surviving term.

    The true class's term is coloured like its bars; ``per_line`` terms go on each line.
    """
    a_true = min(max(float(a[true_class]), eps), 1 - eps)  # the value the loss takes the log of
    loss = multiclass_breakdown(a, true_class, eps)["loss"]
    terms = [f"{int(c == true_class)}\\cdot\\log {_num(p)}" for c, p in enumerate(a)]
    terms[true_class] = f"\\textcolor{{{TRUE_COLOUR}}}{{{terms[true_class]}}}"
    lines = [" + ".join(terms[i:i + per_line]) for i in range(0, len(terms), per_line)]
    body = " \\\\ &\\qquad + ".join(lines)
    return (f"\\begin{{aligned}} L &= -\\big({body}\\big) \\\\ "
            f"&= -\\log {_num(a_true, exact=True)} = {loss:.4f} \\end{{aligned}}")


def _num(p: float, exact: bool = False) -> str:
    """A probability for LaTeX: three decimals (five significant digits if ``exact``), or ×10^k when tiny."""
    if p != 0 and p < 1e-3:
        return f"{p:.1e}".replace("e", "\\times10^{") + "}"
    return f"{p:.5g}" if exact else f"{p:.3f}"


def surface_axes(lim: float = 5.0, n: int = 101) -> tuple[np.ndarray, np.ndarray]:
    """The (W, b) grid of the loss-surface charts: n values each in [−lim, lim]."""
    axis = np.linspace(-lim, lim, n)
    return axis, axis.copy()


def loss_surface(x, y, w, b, kind: str) -> np.ndarray:
    """Mean loss over the data (x, y) of a = σ(W x + b) for every W in ``w`` and b in ``b``.

    Returns shape (len(b), len(w)) — rows follow b, as a contour plot expects. ``kind`` is "ce"
    (logistic loss, exact logit form) or "mse" (mean ½(a − y)²).
    """
    z = np.multiply.outer(np.asarray(w), _as_float(x))[None, :, :] + np.asarray(b)[:, None, None]
    if kind == "ce":
        return logistic_loss_logit(y, z).mean(axis=-1)
    if kind == "mse":
        return half_squared_error(y, sigmoid(z)).mean(axis=-1)
    raise ValueError(f"kind must be 'ce' or 'mse', got {kind!r}")


def surface_gradient(x, y, w: float, b: float, kind: str) -> tuple[float, float]:
    """(∂L/∂W, ∂L/∂b) of the mean loss at one point: the chain rule ∂z/∂W = x, ∂z/∂b = 1."""
    a = sigmoid(w * _as_float(x) + b)
    if kind == "ce":
        dz = sigmoid_bce_grad(y, a)
    elif kind == "mse":
        dz = sigmoid_mse_grad(y, a)
    else:
        raise ValueError(f"kind must be 'ce' or 'mse', got {kind!r}")
    return float(np.mean(dz * x)), float(np.mean(dz))


def surface_point(x, y, w: float, b: float) -> dict[str, dict[str, float]]:
    """Loss and gradient of both losses at one (W, b), keyed "ce" and "mse"."""
    out = {}
    for kind in ("ce", "mse"):
        dw, db = surface_gradient(x, y, w, b, kind)
        loss = float(loss_surface(x, y, [w], [b], kind)[0, 0])
        out[kind] = {"loss": loss, "dw": dw, "db": db, "norm": math.hypot(dw, db)}
    return out


def clip_curves(eps: float, n: int = 401) -> dict[str, np.ndarray]:
    """−log a for label 1, without clipping and clipped at ``eps``, over a from 10⁻²⁰ to 1 (log-spaced)."""
    a = np.logspace(min(-20.0, math.log10(eps) - 4), 0.0, n)
    return {"a": a, "raw": bce_terms(1, a, 0.0), "clipped": bce_terms(1, a, eps)}


# The four certain predictions: (label y, prediction a). Two are perfect, two are certain mistakes.
EDGE_CASES = ((1, 1.0), (0, 0.0), (1, 0.0), (0, 1.0))


def clipping_cases(eps: float, dtype: str = "float64") -> list[dict[str, float]]:
    """Loss of each certain prediction without clipping (eps = 0) and with ``eps``, in ``dtype``.

    In float32, 1 − eps rounds back to 1 when eps is below about 6e-8, so clipping no longer
    protects the upper end: a certain "1" for a true 0 costs log(0) again.
    """
    rows = []
    for y, a in EDGE_CASES:
        arr = np.array([a], dtype=dtype)
        rows.append({"y": y, "a": a, "raw": float(bce_terms([y], arr, 0.0)[0]),
                     "clipped": float(bce_terms([y], arr, eps)[0])})
    return rows


def clipping_columns(eps: float, dtype: str = "float64") -> dict[str, list]:
    """:func:`clipping_cases` as table columns "y", "a", "raw", "clip", losses formatted for display."""
    rows = clipping_cases(eps, dtype)
    return {"y": [r["y"] for r in rows], "a": [r["a"] for r in rows],
            "raw": [format_loss(r["raw"]) for r in rows], "clip": [format_loss(r["clipped"]) for r in rows]}


def reference_columns() -> dict[str, list]:
    """Each reference's eps and what a certain mistake costs there, −log eps, as table columns."""
    refs = (("textbook", TEXTBOOK_EPS), ("keras", KERAS_EPS), ("sklearn", SKLEARN_EPS))
    return {"who": [name for name, _ in refs], "eps": [f"{eps:.3g}" for _, eps in refs],
            "cost": [format_loss(-math.log(eps)) for _, eps in refs]}


def format_loss(value: float, digits: int = 4) -> str:
    """A loss for display: fixed decimals, "∞" for an infinite loss."""
    return "∞" if math.isinf(value) else f"{value + 0.0:.{digits}f}"  # + 0.0 turns −0 into 0

