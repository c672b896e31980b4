"""Decision regions on 2-D data: the data sets, the grid a model is evaluated on, and the straight lines.

With no hidden layer, softmax regression scores class i by the linear function zᵢ = wᵢ·x + bᵢ, so the
boundary between classes i and j is the straight line (wᵢ − wⱼ)·x + (bᵢ − bⱼ) = 0, drawn only where i and
j are the two top classes (Andrew Ng's lecture picture). A hidden layer bends the boundaries; each hidden
unit then has its own line w·x + b = 0 where its pre-activation changes sign. The one-vs-rest sigmoids
(:mod:`core.engines.one_vs_rest`) each have their own p = 0.5 line, and leave ambiguous the points that
no class or several classes claim.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

import numpy as np
from sklearn.datasets import make_blobs, make_circles, make_moons
from sklearn.model_selection import train_test_split

KINDS = ("blobs", "moons", "circles", "xor", "spiral")
CLASS_CHOICES = {"blobs": (2, 3, 4, 5, 6), "moons": (2,), "circles": (2,), "xor": (2, 4),
                 "spiral": (2, 3, 4, 5, 6)}
MAX_CLASSES = 6
MAX_POINTS = 2000       # data plus added points: a frame must stay quick on a shared classroom server
MIN_POINTS = 20
MAX_GRID = 150
MIN_GRID = 20
MAX_ADDED = 200         # points a student may click in
LIMIT = 1.5             # |coordinate| of an added point; the data themselves lie in about [−1, 1]
NOISE_MAX = 1.0


def class_choices(kind: str) -> tuple[int, ...]:
    """The numbers of classes data set ``kind`` can have."""
    if kind not in CLASS_CHOICES:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    return CLASS_CHOICES[kind]


def make_dataset(kind: str, n_classes: int, n_points: int, noise: float, seed: int
                 ) -> tuple[np.ndarray, np.ndarray]:
    """``n_points`` 2-D points (float32, scaled into [−1, 1]) and their integer classes 0 … C − 1.

    ``noise`` in [0, 1] is how much the classes blur into each other: the blobs' spread, the moons' and
    circles' jitter (scikit-learn's ``noise``), the xor and spiral points' scatter.
    """
    if n_classes not in class_choices(kind):
        raise ValueError(f"{kind} takes {class_choices(kind)} classes, got {n_classes!r}")
    if not (isinstance(n_points, (int, np.integer)) and MIN_POINTS <= n_points <= MAX_POINTS):
        raise ValueError(f"n_points must be an integer in [{MIN_POINTS}, {MAX_POINTS}], got {n_points!r}")
    if not 0 <= noise <= NOISE_MAX:
        raise ValueError(f"noise must be in [0, {NOISE_MAX}], got {noise!r}")
    rng = np.random.default_rng(seed)
    state = int(rng.integers(2**31))
    if kind == "blobs":  # centres evenly on a circle, so every class touches the others' regions
        angles = 2 * np.pi * np.arange(n_classes) / n_classes + np.pi / 2
        centres = np.column_stack([np.cos(angles), np.sin(angles)])
        x, y = make_blobs(n_points, centers=centres, cluster_std=0.12 + 0.5 * noise, random_state=state)
    elif kind == "moons":
        x, y = make_moons(n_points, noise=0.3 * noise, random_state=state)
    elif kind == "circles":
        x, y = make_circles(n_points, noise=0.2 * noise, factor=0.5, random_state=state)
    elif kind == "xor":
        x = rng.uniform(-1, 1, (n_points, 2))
        x += 0.05 * np.sign(x)  # a gap along the axes, as TensorFlow Playground's xor has
        right, up = x[:, 0] > 0, x[:, 1] > 0
        y = (right == up).astype(np.int64) if n_classes == 2 else right * 2 + (right != up)
        x += rng.normal(0, 0.15 * noise, x.shape)
    else:  # spiral: C arms of about 315° each, turned 360°/C apart
        y = np.arange(n_points) % n_classes
        t = rng.uniform(0.05, 1.0, n_points)
        theta = 2 * np.pi * y / n_classes + 5.5 * t + rng.normal(0, 0.05 + 0.3 * noise, n_points)
        x = np.column_stack([t * np.cos(theta), t * np.sin(theta)])
    x = x - (x.max(axis=0) + x.min(axis=0)) / 2
    x = x / np.abs(x).max()
    return x.astype(np.float32), np.asarray(y, dtype=np.int64)


def split(x, y, test_share: float, seed: int):
    """(x_train, y_train, x_test, y_test): a stratified held-out share (0 ≤ test_share ≤ 0.5).

    Raises ValueError when the share would leave a class without a training point."""
    if not 0 <= test_share <= 0.5:
        raise ValueError(f"test_share must be in [0, 0.5], got {test_share!r}")
    x, y = np.asarray(x, np.float32), np.asarray(y, np.int64)
    n_test = int(round(test_share * len(x)))
    if n_test == 0:
        return x, y, x[:0], y[:0]
    counts = np.bincount(y)
    stratify = y if counts[counts > 0].min() >= 2 else None
    return tuple(np.asarray(a) for a in _reorder(train_test_split(x, y, test_size=n_test, random_state=seed,
                                                                  stratify=stratify)))


def _reorder(parts):
    x_train, x_test, y_train, y_test = parts
    return x_train, y_train, x_test, y_test


def bounds(x, margin: float = 0.15) -> tuple[float, float]:
    """The square (lo, hi) the plane shows: [−1, 1] around the data with a margin, grown to hold every point."""
    far = max(1.0, float(np.abs(x).max())) if len(x) else 1.0
    return -far - margin, far + margin


@dataclass(frozen=True)
class Grid:
    """A model evaluated on an R×R grid: ``axis`` (R values, shared by x₁ and x₂), ``proba`` (R, R, C)
    with row i at x₂ = axis[i] and column j at x₁ = axis[j], ``classes`` (argmax) and ``confidence`` (max p)."""
    axis: np.ndarray
    proba: np.ndarray
    classes: np.ndarray
    confidence: np.ndarray

    def points(self) -> np.ndarray:
        """The (R·R, 2) grid locations in the row order of ``proba``."""
        return grid_points(self.axis)


def grid_points(axis: np.ndarray) -> np.ndarray:
    """Every (x₁, x₂) of the grid over ``axis`` × ``axis``, x₁ varying fastest."""
    g1, g2 = np.meshgrid(axis, axis)
    return np.column_stack([g1.ravel(), g2.ravel()]).astype(np.float32)


def evaluate_grid(predict_proba: Callable[[np.ndarray], np.ndarray], lim: tuple[float, float],
                  resolution: int) -> Grid:
    """Evaluate a fitted model's ``predict_proba`` on a ``resolution``² grid over the square ``lim``."""
    if not (isinstance(resolution, (int, np.integer)) and 2 <= resolution <= MAX_GRID):
        raise ValueError(f"resolution must be an integer in [2, {MAX_GRID}], got {resolution!r}")
    axis = np.linspace(lim[0], lim[1], resolution, dtype=np.float32)
    p = np.asarray(predict_proba(grid_points(axis))).reshape(resolution, resolution, -1)
    return Grid(axis, p, p.argmax(axis=2), p.max(axis=2))


def ambiguous_share(proba) -> float:
    """Share of rows where not exactly one class has p > 0.5 (no class, or several, claim the point)."""
    claims = (np.asarray(proba) > 0.5).sum(axis=-1)
    return float(np.mean(claims != 1))


def clip_line(a, c: float, lim: tuple[float, float]) -> np.ndarray | None:
    """The two ends of the line a·x + c = 0 inside the square lim × lim, or None if it misses the square."""
    a1, a2 = float(a[0]), float(a[1])
    lo, hi = lim
    ends = []
    if abs(a2) > 1e-12:  # crossings of the left and right edges
        ends += [(x1, -(a1 * x1 + c) / a2) for x1 in (lo, hi)]
    if abs(a1) > 1e-12:  # crossings of the bottom and top edges
        ends += [(-(a2 * x2 + c) / a1, x2) for x2 in (lo, hi)]
    inside = sorted({(round(p, 9), round(q, 9)) for p, q in ends
                     if lo - 1e-9 <= p <= hi + 1e-9 and lo - 1e-9 <= q <= hi + 1e-9})
    if len(inside) < 2:
        return None
    return np.array([inside[0], inside[-1]], dtype=np.float64)


@dataclass(frozen=True)
class Boundary:
    """The part of the line (wᵢ − wⱼ)·x + (bᵢ − bⱼ) = 0 where classes i and j are the top two: ``xy`` is
    an (m, 2) polyline with NaN rows between its pieces; ``normal`` and ``offset`` are the line's a and c."""
    i: int
    j: int
    normal: np.ndarray
    offset: float
    xy: np.ndarray


def linear_boundaries(w, b, lim: tuple[float, float], samples: int = 400) -> list[Boundary]:
    """The decision boundaries of the linear scores z = x·w + b (w of shape (2, C)) inside the square.

    Each pair's line is sampled at ``samples`` points and kept where its two classes beat every other
    class, so only the pieces that really separate two regions are drawn.
    """
    w, b = np.asarray(w, np.float64), np.asarray(b, np.float64)
    out = []
    for i in range(w.shape[1]):
        for j in range(i + 1, w.shape[1]):
            normal, offset = w[:, i] - w[:, j], float(b[i] - b[j])
            ends = clip_line(normal, offset, lim)
            if ends is None:
                continue
            t = np.linspace(0, 1, samples)[:, None]
            xy = ends[0] + t * (ends[1] - ends[0])
            z = xy @ w + b
            top = np.maximum(z[:, i], z[:, j])
            others = np.delete(z, [i, j], axis=1)
            keep = top >= (others.max(axis=1) if others.size else -np.inf) - 1e-9
            if keep.any():
                out.append(Boundary(i, j, normal, offset, _pieces(xy, keep)))
    return out


def _pieces(xy: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """The rows of xy where keep is true, with a NaN row wherever a run of kept rows breaks off."""
    rows = []
    for k, (point, kept) in enumerate(zip(xy, keep)):
        if kept:
            rows.append(point)
        elif k and keep[k - 1]:
            rows.append((np.nan, np.nan))
    return np.array(rows)


def polylines(pieces) -> np.ndarray:
    """Join line pieces ((m, 2) arrays, None skipped) into one polyline with NaN rows between them."""
    parts = []
    for piece in pieces:
        if piece is not None and len(piece):
            parts += [np.asarray(piece, np.float64), np.full((1, 2), np.nan)]
    return np.vstack(parts) if parts else np.empty((0, 2))


def unit_lines(w1, b1, lim: tuple[float, float]) -> list[np.ndarray | None]:
    """Each hidden unit's line w·x + b = 0 (its pre-activation's sign change) clipped to the square."""
    w1, b1 = np.asarray(w1, np.float64), np.asarray(b1, np.float64)
    return [clip_line(w1[:, k], float(b1[k]), lim) for k in range(w1.shape[1])]


@dataclass(frozen=True)
class View:
    """What the plane shows of a model at one moment, as arrays for :func:`core.figures.regions.plane_figure`.

    ``grid``; ``targets`` (k, 2) click/hover locations and their outputs ``target_proba``; ``wrong``, one
    mask of misclassified points per point set; ``ambiguous`` (R, R) for one-vs-rest (else None);
    ``boundaries`` the straight boundaries as one polyline (units = 0), ``lines`` the hidden units' or the
    one-vs-rest sigmoids' own lines, ``contour`` True when bent boundaries must be traced from the map.
    """
    grid: Grid
    targets: np.ndarray
    target_proba: np.ndarray
    wrong: list[np.ndarray]
    ambiguous: np.ndarray | None
    boundaries: np.ndarray | None
    lines: np.ndarray | None
    contour: bool


def view(model, point_sets, lim: tuple[float, float], resolution: int, *, target_side: int,
         unit_lines_up_to: int = 8) -> View:
    """Evaluate a fitted MultiClassNetwork or OneVsRestSigmoid for the plane: the grid, ``target_side``²
    targets, which of each ``(x, y)`` in ``point_sets`` it gets wrong, and the lines to draw (each hidden
    unit's only when there are at most ``unit_lines_up_to`` units; 0 draws none).

    The engine's ``output_activation`` says which lines and map it has: "sigmoid" outputs each have their
    own p = 0.5 line and leave ambiguous points; "softmax" has straight boundaries, or bent ones traced from
    the map when ``coefs_`` holds a hidden layer."""
    grid = evaluate_grid(model.predict_proba, lim, resolution)
    targets = grid_points(np.linspace(lim[0], lim[1], target_side, dtype=np.float32))
    target_p = np.asarray(model.predict_proba(targets), np.float32)
    wrong = [model.predict(x) != y if len(x) else np.zeros(0, bool) for x, y in point_sets]
    separate = model.output_activation == "sigmoid"  # C sigmoids of their own, not one softmax
    w, b = model.coefs_[0], model.intercepts_[0]  # the first layer (the output layer when there is no hidden one)
    hidden = len(model.coefs_) > 1
    boundaries = lines = None
    if separate:  # each sigmoid's own p = 0.5 line
        lines = polylines(unit_lines(w, b, lim))
    elif not hidden:
        boundaries = polylines([line.xy for line in linear_boundaries(w, b, lim)])
    elif w.shape[1] <= unit_lines_up_to:
        lines = polylines(unit_lines(w, b, lim))
    ambiguous = (grid.proba > 0.5).sum(axis=2) != 1 if separate else None
    return View(grid, targets, target_p, wrong, ambiguous, boundaries, lines, contour=not separate and hidden)


def point_groups(point_sets, wrong, names: Mapping[str, str]) -> list[dict]:
    """The plane's point groups (:func:`core.figures.regions.plane_figure`'s ``points``): training points
    filled, test points hollow, added points diamonds, each with its misclassified ring; ``names`` holds the
    translated ``train``, ``test`` and ``added``."""
    return [dict(x=x, cls=y, ring=ring, name=names[key], **extra)
            for (x, y), ring, key, extra in zip(point_sets, wrong, ("train", "test", "added"),
                                                ({}, dict(hollow=True), dict(symbol="diamond")))]


def diverged(loss: float, n_classes: int) -> bool:
    """Whether a training loss means the descent blew up: not finite, or above 2·ln C + 2.

    Guessing p = 1/C for every point costs ln C; the network clips probabilities, so an overshooting
    descent shows as a loss stuck far above that (up to −ln 1e-10 ≈ 23) rather than as NaN. On this
    page's data, learning rates up to 1 stay below the bound and rates from 10 pass it within an epoch.
    """
    return not np.isfinite(loss) or loss > 2 * np.log(n_classes) + 2


def parse_points(text: str) -> np.ndarray:
    """Added points from their URL form ``"x1,x2,k;x1,x2,k;…"`` as an (m, 3) float array.

    Raises ValueError for anything else: more than :data:`MAX_ADDED` points, a coordinate beyond ±LIMIT
    (off the plane) or not finite, a class that is not an integer in 0 … MAX_CLASSES − 1."""
    if not text:
        return np.empty((0, 3))
    if len(text) > 24 * MAX_ADDED:
        raise ValueError("too long")
    rows = [part.split(",") for part in text.split(";")]
    if len(rows) > MAX_ADDED or any(len(r) != 3 for r in rows):
        raise ValueError("not x1,x2,class triples")
    pts = np.array([[float(v) for v in r] for r in rows])
    if not (np.isfinite(pts).all() and (np.abs(pts[:, :2]) <= LIMIT).all()):
        raise ValueError("a point lies off the plane")
    if not ((pts[:, 2] == np.round(pts[:, 2])) & (0 <= pts[:, 2]) & (pts[:, 2] < MAX_CLASSES)).all():
        raise ValueError("bad class")
    return pts


def format_points(pts) -> str:
    """The URL form of added points (see :func:`parse_points`), 3 decimals per coordinate."""
    return ";".join(f"{x1:.3f},{x2:.3f},{int(k)}" for x1, x2, k in np.asarray(pts).reshape(-1, 3))
