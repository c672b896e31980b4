"""Compiled inner loops of :class:`core.engines.network.MultiClassNetwork` (Numba), one call per mini-batch.

Why compiled: an epoch of the textbook network is two large matrix products per batch plus a dozen small
element-wise steps. In NumPy each small step is a separate pass over memory and a separate Python call,
which together cost as much as half the matrix products. Here one compiled call does a whole batch:
gather its rows, the four products (through the BLAS that NumPy itself uses), the activation, softmax,
cross-entropy bookkeeping and every update, with the weight updates fused into the products
(W ← W − AᵀΔ as one GEMM with β = 1).

Exactness: the float32 exponential is a polynomial (Cephes' expf, ≤ 2 ulp, vectorised by LLVM), so
float32 results differ from NumPy's in the last bits; float64 uses the C library's exp and tanh. Pixel
data given as float32 multiples of 1/255 is read as bytes and converted back exactly (a quarter of the
memory traffic of gathering float rows).

Compiled on first use and cached on disk (``cache=True``), so later processes start in a fraction of a
second.
"""
from __future__ import annotations

import ctypes
import math

import numba
import numpy as np
from numba.extending import get_cython_function_address, overload

SIGMOID, RELU, TANH = 0, 1, 2
ACTIVATION_CODES = {"sigmoid": SIGMOID, "relu": RELU, "tanh": TANH}

_JIT = dict(nogil=True, cache=True, error_model="numpy")
# Reassociation and contraction let loops vectorise; NaN/inf stay honoured (a diverging run must show
# NaN), and reciprocal tricks stay off (x / 255 must be the correctly rounded quotient).
_FAST = dict(_JIT, fastmath={"nsz", "contract", "afn", "reassoc"})
_F32 = np.float32

# ------------------------------------------------------------------------------------------ BLAS

_P = ctypes.c_void_p


def _numpy_cblas():
    """(sgemm, dgemm) of the OpenBLAS inside NumPy's wheel (64-bit-integer CBLAS), or None."""
    from threadpoolctl import threadpool_info
    for info in threadpool_info():
        if info.get("internal_api") != "openblas" or "numpy" not in info.get("filepath", ""):
            continue
        try:
            dll = ctypes.CDLL(info["filepath"])
            funcs = []
            for name, real in (("scipy_cblas_sgemm64_", ctypes.c_float), ("scipy_cblas_dgemm64_", ctypes.c_double)):
                proto = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int64,
                                         ctypes.c_int64, ctypes.c_int64, real, _P, ctypes.c_int64, _P,
                                         ctypes.c_int64, real, _P, ctypes.c_int64)
                funcs.append(proto(ctypes.cast(getattr(dll, name), _P).value))
            return tuple(funcs)
        except (OSError, AttributeError):
            return None
    return None


def _scipy_blas():
    """(sgemm, dgemm) from SciPy's documented Cython BLAS (Fortran interface, all arguments by pointer)."""
    proto = ctypes.CFUNCTYPE(None, *[_P] * 13)
    return tuple(proto(get_cython_function_address("scipy.linalg.cython_blas", name)) for name in ("sgemm", "dgemm"))


def blas(prefer_numpy: bool = True):
    """The GEMM pair the kernels call: NumPy's own OpenBLAS when it can be found (one thread pool for
    the whole process, and measurably faster here than SciPy's copy), else SciPy's Cython BLAS."""
    found = _numpy_cblas() if prefer_numpy else None
    return found if found is not None else _scipy_blas()


def _gemm(f, ta, tb, alpha, a, b, beta, c):
    """C ← α·op(A)·op(B) + β·C for C-contiguous 2-D arrays (op = transpose when ta / tb)."""


@overload(_gemm, **_JIT)
def _gemm_impl(f, ta, tb, alpha, a, b, beta, c):
    if len(f.sig.args) == 14:  # row-major CBLAS
        def cblas(f, ta, tb, alpha, a, b, beta, c):
            m, n = c.shape
            k = a.shape[0] if ta else a.shape[1]
            f(101, 112 if ta else 111, 112 if tb else 111, m, n, k, alpha, a.ctypes, a.shape[1],
              b.ctypes, b.shape[1], beta, c.ctypes, c.shape[1])
        return cblas

    def fortran(f, ta, tb, alpha, a, b, beta, c):  # column-major: Cᵀ = op(B)ᵀ·op(A)ᵀ
        m, n = c.shape
        k = a.shape[0] if ta else a.shape[1]
        flags = np.empty(2, np.uint8)
        flags[0] = 84 if tb else 78   # 'T' / 'N'
        flags[1] = 84 if ta else 78
        dims = np.empty(6, np.int32)
        dims[0], dims[1], dims[2] = n, m, k
        dims[3], dims[4], dims[5] = b.shape[1], a.shape[1], c.shape[1]
        scal = np.empty(2, c.dtype)
        scal[0], scal[1] = alpha, beta
        f(flags[0:].ctypes, flags[1:].ctypes, dims[0:].ctypes, dims[1:].ctypes, dims[2:].ctypes,
          scal[0:].ctypes, b.ctypes, dims[3:].ctypes, a.ctypes, dims[4:].ctypes, scal[1:].ctypes,
          c.ctypes, dims[5:].ctypes)
    return fortran


def _pick(gemms, x):
    """The GEMM of x's precision."""


@overload(_pick, **_JIT)
def _pick_impl(gemms, x):
    if x.dtype == numba.types.float32:
        return lambda gemms, x: gemms[0]
    return lambda gemms, x: gemms[1]

# ----------------------------------------------------------------------------------- element-wise


def _exp(v):
    """e^v."""


@overload(_exp, **_JIT)
def _exp_impl(v):
    if v != numba.types.float32:
        return lambda v: math.exp(v)

    def expf(v):  # Cephes expf: e^v = 2^n·e^r, |r| ≤ ln2/2, degree-6 polynomial for e^r
        v = _F32(-87.0) if v < _F32(-87.0) else v  # comparisons keep NaN as NaN
        v = _F32(88.0) if v > _F32(88.0) else v
        n = np.floor(v * _F32(1.44269504088896341) + _F32(0.5))
        r = v - n * _F32(0.693359375) + n * _F32(2.12194440e-4)
        p = _F32(1.9875691500e-4)
        p = p * r + _F32(1.3981999507e-3)
        p = p * r + _F32(8.3334519073e-3)
        p = p * r + _F32(4.1665795894e-2)
        p = p * r + _F32(1.6666665459e-1)
        p = p * r + _F32(5.0000001201e-1)
        p = p * r * r + r + _F32(1.0)
        return p * np.int32((np.int32(n) + np.int32(127)) << np.int32(23)).view(np.float32)
    return expf


def _tanh(v):
    """tanh v."""


@overload(_tanh, **_JIT)
def _tanh_impl(v):
    if v != numba.types.float32:
        return lambda v: math.tanh(v)

    def tanhf(v):  # 1 − 2/(e^{2v} + 1): vectorises; absolute error ~1e-7 like float32 itself
        return _F32(1.0) - _F32(2.0) / (_exp(_F32(2.0) * v) + _F32(1.0))
    return tanhf


@numba.njit(**_FAST)
def activate(h, b, kind):
    """h ← f(h + b) in place, row by row; f is the sigmoid, ReLU or tanh (``kind``)."""
    m, u = h.shape
    one = _F32(1.0)
    for i in range(m):
        row = h[i]
        if kind == SIGMOID:
            for j in range(u):
                row[j] = one / (one + _exp(-(row[j] + b[j])))
        elif kind == RELU:
            for j in range(u):
                v = row[j] + b[j]
                row[j] = v if v > 0 else v * 0  # v·0 keeps NaN visible
        else:
            for j in range(u):
                row[j] = _tanh(row[j] + b[j])


@numba.njit(**_FAST)
def _backprop_hidden(eh, a, kind, b):
    """eh ← eh ⊙ f'(·) expressed through the activations a; then b ← b − Σ_rows eh."""
    m, u = eh.shape
    grad = np.zeros(u, eh.dtype)
    for i in range(m):
        e, ai = eh[i], a[i]
        for j in range(u):
            if kind == SIGMOID:
                d = ai[j] * (_F32(1.0) - ai[j])
            elif kind == RELU:
                d = _F32(1.0) if ai[j] > 0 else _F32(0.0)
            else:
                d = _F32(1.0) - ai[j] * ai[j]
            v = e[j] * d
            e[j] = v
            grad[j] += v
    for j in range(u):
        b[j] -= grad[j]


@numba.njit(**_FAST)
def _softmax_error(z, b, labels, scale, pred, p_true):
    """Per row: logits z + b → softmax p (shifted by the row maximum); records the argmax and p of the
    true class, then leaves scale·(p − onehot) in z and subtracts its column sums from b."""
    m, k = z.shape
    grad = np.zeros(k, z.dtype)
    for i in range(m):
        row = z[i]
        for c in range(k):
            row[c] += b[c]
        best, top = 0, row[0]
        for c in range(1, k):
            if row[c] > top:
                best, top = c, row[c]
        total = row[0] * 0
        for c in range(k):
            e = _exp(row[c] - top)
            row[c] = e
            total += e
        inv = _F32(1.0) / total
        lab = labels[i]
        pred[i] = best
        p_true[i] = row[lab] * inv
        for c in range(k):
            row[c] *= inv * scale
        row[lab] -= scale
        for c in range(k):
            grad[c] += row[c]
    for c in range(k):
        b[c] -= grad[c]


@numba.njit(**_FAST)
def _penalize(w, step_l1, step_l2):
    """The penalty part of a step, in place: W ← W − step·(l1·sign W + l2·W)."""
    flat = w.reshape(-1)
    keep = 1 - step_l2
    for i in range(flat.size):
        v = flat[i]
        flat[i] = v * keep - (step_l1 if v > 0 else (-step_l1 if v < 0 else 0.0))


def _pixel(v):
    """A stored input value as the network's float."""


@overload(_pixel, **_JIT)
def _pixel_impl(v):
    if v == numba.types.uint8:
        return lambda v: _F32(v) / _F32(255.0)  # correctly rounded: the float32 the data set holds
    return lambda v: v


@numba.njit(**_JIT)
def _gather(src, rows, out):
    """out[i] = src[rows[i]]; byte rows become the float32 value byte / 255 exactly."""
    d = src.shape[1]
    for i in range(rows.size):
        s, o = src[rows[i]], out[i]
        for j in range(d):
            o[j] = _pixel(s[j])


@numba.njit(**_JIT)
def encode_bytes(x, codes):
    """codes ← round(255·x) when every float32 in x is exactly byte / 255 (pixels ÷ 255); False otherwise."""
    n, d = x.shape
    for i in range(n):
        for j in range(d):
            v = x[i, j]
            c = np.rint(v * _F32(255.0))
            if not (c >= 0 and c <= 255) or _F32(c) / _F32(255.0) != v:
                return False
            codes[i, j] = np.uint8(c)
    return True


@numba.njit(**_JIT)
def train_batch(gemms, src, rows, labels, kind, hidden, scale, step_l1, step_l2,
                xb, h, z, eh, w1, b1, w2, b2, pred, p_true):
    """One mini-batch of gradient descent, in place on w1, b1, w2, b2 (w1/b1 unused when not hidden).

    ``scale`` = learning rate / batch size; ``step_l1``/``step_l2`` = scale·l1 / scale·l2. Writes each
    row's predicted class and probability of its true class to ``pred`` and ``p_true``.
    """
    gemm = _pick(gemms, xb)
    _gather(src, rows, xb)
    first = h if hidden else z
    _gemm(gemm, False, False, 1.0, xb, w1 if hidden else w2, 0.0, first)
    if hidden:
        activate(h, b1, kind)
        _gemm(gemm, False, False, 1.0, h, w2, 0.0, z)
    _softmax_error(z, b2, labels, scale, pred, p_true)   # z is now lr/m·(A2 − Y)
    if hidden:
        _gemm(gemm, False, True, 1.0, z, w2, 0.0, eh)   # with W2 before its update, as the textbook
        if step_l1 or step_l2:
            _penalize(w2, step_l1, step_l2)
        _gemm(gemm, True, False, -1.0, h, z, 1.0, w2)
        _backprop_hidden(eh, h, kind, b1)
        if step_l1 or step_l2:
            _penalize(w1, step_l1, step_l2)
        _gemm(gemm, True, False, -1.0, xb, eh, 1.0, w1)
    else:
        if step_l1 or step_l2:
            _penalize(w2, step_l1, step_l2)
        _gemm(gemm, True, False, -1.0, xb, z, 1.0, w2)


@numba.njit(**_JIT)
def logits(gemms, x, kind, hidden, w1, b1, w2, b2, h, z):
    """z ← the output logits of the rows x (h: hidden-layer scratch of len(x) rows)."""
    gemm = _pick(gemms, x)
    if hidden:
        _gemm(gemm, False, False, 1.0, x, w1, 0.0, h)
        activate(h, b1, kind)
        _gemm(gemm, False, False, 1.0, h, w2, 0.0, z)
    else:
        _gemm(gemm, False, False, 1.0, x, w2, 0.0, z)
    m, k = z.shape
    for i in range(m):
        for c in range(k):
            z[i, c] += b2[c]
