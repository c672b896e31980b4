"""The decision-regions page's session: its data, its model and the model's life-cycle, from plain values.

A :class:`RegionsSession` is built from the page's :class:`Settings` and the added points (their URL form,
:func:`core.pages.regions.format_points`). It owns the data set and its train/test split, the model, and
the training set (the training points plus the added ones). :meth:`RegionsSession.sync` takes each run's
settings: the model restarts only when the data or the architecture change; learning rate, batch size
and L2 apply to the running model.

The page trains in the browser (ui/components/regions_net.js, a float64 twin of the engines): the session
sends :meth:`RegionsSession.payload` (data, settings, weights) once per change and takes the browser's
epoch, weights and curves back with :meth:`RegionsSession.adopt`, so its own model — the probe, the
questions — continues from exactly those weights. :meth:`RegionsSession.train_epoch` trains one epoch
here (the questions' truths) and :meth:`RegionsSession.view` evaluates the model for a Plotly plane.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from core.engines.network import HISTORY_KEYS, MultiClassNetwork, TrainingDiverged
from core.engines.one_vs_rest import OneVsRestSigmoid
from core.maths.losses import one_hot
from core.pages import regions as rg
from core.pages.softmax_lab import LOGIT_LIMIT

EPOCH_CAP = 10_000    # Play stops by itself here (with a message): the regions have long settled
CURVE_POINTS = 400    # epochs the curves keep, thinned evenly (ui/components/regions.js keeps the same)


class BadReport(ValueError):
    """What the browser reported does not fit this session's model (a stale tab, or not our component)."""


@dataclass(frozen=True)
class Settings:
    """What the page's widgets hold this run."""
    kind: str
    n_classes: int
    n_points: int
    noise: float
    test_share: float
    seed: int
    model: str
    units: int
    activation: str
    learning_rate: float
    batch: str
    l2: float
    grid: int
    unit_lines: bool
    click: str

    @property
    def data_key(self) -> tuple:
        """The settings that make the data set: a change makes new data and a new model."""
        return self.kind, self.n_classes, self.n_points, self.noise, self.test_share, self.seed

    @property
    def arch_key(self) -> tuple:
        """The settings that make the model's architecture: a change makes a new model."""
        return (self.model, 0, "") if self.model == "ovr" else (self.model, self.units, self.activation)


def new_model(s: Settings) -> MultiClassNetwork | OneVsRestSigmoid:
    """A fresh, unfitted engine of the settings' architecture (its weights drawn from ``s.seed``)."""
    if s.model == "ovr":
        return OneVsRestSigmoid(seed=s.seed)
    # float64: the browser's twin computes in float64, and the session continues from its weights exactly
    return MultiClassNetwork(units=s.units, activation=s.activation, init="glorot", dtype="float64", seed=s.seed)


class RegionsSession:
    """One student's decision-regions page: data, added points, model, and whether training diverged.

    State: ``settings`` (the last synced), ``data`` (x_train, y_train, x_test, y_test), ``points`` (every
    added point, (m, 3): x₁, x₂, class, also those of classes the settings no longer have), ``model``,
    ``diverged`` ((epoch, loss) of the epoch that blew up, else None), ``restarted`` (True when the last
    new model replaced one that had trained, for the page to say so once), ``token`` (counts the weights this
    session drew or was told to forget: the browser takes weights only with a new token) and ``curves`` (the
    loss and accuracy per kept epoch, ``epoch`` and the Keras keys, ``stride`` between kept epochs).
    """

    def __init__(self, settings: Settings, points: str = ""):
        self.settings: Settings | None = None
        self.data: tuple[np.ndarray, ...] = ()
        self.model: MultiClassNetwork | OneVsRestSigmoid | None = None
        self._model_key: tuple | None = None
        self.diverged: tuple[int, float] | None = None
        self.restarted = False
        self.token = 0
        self.curves: dict = {}
        self.sync(settings, points)

    def sync(self, settings: Settings, points: str = "") -> RegionsSession:
        """Take this run's settings and added points (URL form); returns self.

        New data when the data settings changed; a new model (starting weights drawn, no epoch yet) when
        the data or the architecture changed or after :meth:`reset`; the running model otherwise. Either
        way the model trains on with these settings' learning rate, batch size and L2."""
        if self.settings is None or self.settings.data_key != settings.data_key:
            x, y = rg.make_dataset(settings.kind, settings.n_classes, settings.n_points, settings.noise,
                                   settings.seed)
            self.data = rg.split(x, y, settings.test_share, settings.seed)
        self.settings, self.points = settings, rg.parse_points(points)
        x, y = self.training_set()
        if self._model_key != (settings.data_key, settings.arch_key):
            self.restarted = self.model is not None and self.model.n_epochs_ > 0
            self.model = new_model(settings).fit(x, one_hot(y, settings.n_classes), epochs=0)
            self._model_key, self.diverged = (settings.data_key, settings.arch_key), None
            self.token += 1
            self.curves = {"stride": 1, "epoch": [], "loss": [], "accuracy": []}
        self.model.learning_rate, self.model.l2 = settings.learning_rate, settings.l2
        self.model.batch_size = len(x) if settings.batch == "all" else int(settings.batch)
        return self

    def reset(self) -> None:
        """Forget the weights and the divergence: the next :meth:`sync` starts a new model."""
        self._model_key, self.diverged, self.restarted = None, None, False

    def pop_restarted(self) -> bool:
        """Whether a new model replaced a trained one since the last call (the page says so once)."""
        restarted, self.restarted = self.restarted, False
        return restarted

    @property
    def added(self) -> np.ndarray:
        """The added points of the current classes, (m, 3): x₁, x₂, class."""
        return self.points[self.points[:, 2] < self.settings.n_classes]

    def training_set(self) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) the model trains on: the training share of the data, then the added points."""
        x, y = self.data[:2]
        pts = self.added
        return (np.vstack([x, pts[:, :2].astype(np.float32)]),
                np.concatenate([y, pts[:, 2].astype(np.int64)]))

    def point_sets(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """The (x, y) the plane draws: training points, test points, added points."""
        x_tr, y_tr, x_te, y_te = self.data
        pts = self.added
        return [(x_tr, y_tr), (x_te, y_te), (pts[:, :2], pts[:, 2].astype(np.int64))]

    @property
    def epochs(self) -> int:
        """Epochs the model has trained."""
        return self.model.n_epochs_

    @property
    def history(self) -> dict[str, list[float]]:
        """The model's Keras-style history (``loss``, ``accuracy``, ``val_loss``, ``val_accuracy``)."""
        return self.model.history_

    def train_epoch(self) -> bool:
        """Train one epoch on the training set, validated on the test points; returns False when it diverged.

        A diverged epoch is remembered in ``diverged``: (its 1-based number, NaN) when the weights or the
        loss stopped being finite (the model keeps its last good weights), (epochs, loss) when the loss
        rose past :func:`core.pages.regions.diverged`'s bound."""
        c = self.settings.n_classes
        x, y = self.training_set()
        x_test, y_test = self.data[2:]
        val = dict(x_val=x_test, y_val=one_hot(y_test, c)) if len(x_test) else {}
        try:
            self.model.partial_fit(x, one_hot(y, c), **val)
        except TrainingDiverged as err:
            self.diverged = (err.epoch + 1, float("nan"))
            return False
        loss = self.history["loss"][-1]
        if rg.diverged(loss, c):
            self.diverged = (self.epochs, loss)
            return False
        return True

    def view(self, *, target_side: int, unit_lines_up_to: int) -> rg.View:
        """The plane of this moment (:func:`core.pages.regions.view`) over every point, at the settings' grid."""
        return rg.view(self.model, self.point_sets(), self.lim(), self.settings.grid, target_side=target_side,
                       unit_lines_up_to=unit_lines_up_to)

    def probe(self, where) -> tuple[np.ndarray, np.ndarray]:
        """The model's C outputs at ``where`` (float64) and its pre-activation outputs there, clipped to the
        softmax explorer's range (for one-vs-rest the sigmoids' z)."""
        at = np.array([where], np.float64)  # the model is float64, as the browser's twin
        p = self.model.predict_proba(at)[0].astype(np.float64)
        return p, np.clip(self.model.decision_function(at)[0], -LOGIT_LIMIT, LOGIT_LIMIT)

    def room(self) -> int:
        """How many added points the link may hold: at most MAX_ADDED, and the drawn points at most
        MAX_POINTS (added points of classes the settings no longer have do not count as drawn)."""
        drawn = len(self.data[0]) + len(self.data[2]) + len(self.added)
        return max(min(rg.MAX_ADDED, rg.MAX_POINTS - (drawn - len(self.points))), 0)

    def add_point(self, where, k: int) -> bool:
        """Add a point of class ``k`` at ``where`` when there is :meth:`room`; returns whether it did."""
        if len(self.points) >= self.room():
            return False
        self.points = np.vstack([self.points, [[*where, k]]])
        return True

    def points_text(self) -> str:
        """The added points in their URL form."""
        return rg.format_points(self.points)

    # ------------------------------------------------------------------------- the browser's twin

    def lim(self) -> tuple[float, float]:
        """The square the plane shows (every point in view)."""
        return rg.bounds(np.vstack([self.data[0], self.data[2], self.added[:, :2]]))

    def weights(self) -> dict[str, list | None]:
        """The model's weights as plain row-major lists: ``w1``, ``b1`` (None without a hidden layer), ``w2``,
        ``b2`` (the output layer; one-vs-rest's ``w_``, ``b_``)."""
        w, b = self.model.coefs_, self.model.intercepts_
        hidden = len(w) > 1
        return {"w1": w[0].ravel().tolist() if hidden else None, "b1": b[0].tolist() if hidden else None,
                "w2": w[-1].ravel().tolist(), "b2": b[-1].tolist()}

    def payload(self) -> dict:
        """What the browser needs to train and draw, as JSON values: the points (flat x₁, x₂ pairs and classes;
        coordinates as the float32 the session trains on), the settings, the weights and epoch with the
        ``token`` saying whether they are new, the curves, the square, the room for added points and, while
        nothing has trained here, whether the tab may resume from the weights it reported before a reload."""
        s = self.settings
        pts = self.added

        def group(x, y) -> dict:
            return {"x": np.asarray(x, np.float32).astype(np.float64).ravel().tolist(), "y": np.asarray(y).astype(int).tolist()}

        return {"token": self.token, "what": repr((s.data_key, s.arch_key)),
                "spec": {"model": s.model, "activation": s.activation, "lr": s.learning_rate, "l2": s.l2,
                         "batch": len(self.training_set()[1]) if s.batch == "all" else int(s.batch), "seed": s.seed},
                "weights": self.weights(), "epoch": self.epochs, "curves": self.curves, "classes": s.n_classes,
                "train": group(*self.data[:2]), "test": group(*self.data[2:]), "added": group(pts[:, :2], pts[:, 2]),
                "lim": list(self.lim()), "grid": s.grid, "room": self.room() - len(self.points),
                "limit": rg.LIMIT, "cap": EPOCH_CAP, "resume": self.epochs == 0 and not self.diverged,
                "diverged": list(self.diverged) if self.diverged else None}

    def adopt(self, report: Mapping) -> None:
        """Continue from what the browser reported: its ``epoch``, ``weights`` (as :meth:`weights` gives them),
        ``curves`` and ``diverged`` ([epoch, loss or None] or None). Raises :class:`BadReport`, changing
        nothing, when the report is not for this model's ``token`` or does not fit it (shapes, finite values,
        epochs within the cap, at most :data:`CURVE_POINTS` + 1 curve points)."""
        try:
            if report["token"] != self.token:
                raise BadReport("a report for other weights")
            epoch = report["epoch"]
            if not (isinstance(epoch, int) and 0 <= epoch <= EPOCH_CAP):
                raise BadReport("epoch")
            weights = {k: None if report["weights"][k] is None else np.asarray(report["weights"][k], np.float64)
                       for k in ("w1", "b1", "w2", "b2")}
            curves = _curves(report["curves"], epoch)
            diverged = report.get("diverged")
            if diverged is not None:
                diverged = (int(diverged[0]), math.nan if diverged[1] is None else float(diverged[1]))
        except (KeyError, TypeError, ValueError, IndexError) as err:
            raise BadReport(str(err)) from err
        if any(v is not None and not np.isfinite(v).all() for v in weights.values()):
            raise BadReport("weights not finite")
        m = self.model
        layers = ("1", "2") if weights["w1"] is not None else ("2",)
        if len(layers) != len(m.coefs_):
            raise BadReport("the layers do not fit the model")
        try:  # the browser's flat lists in the model's shapes
            m.assign([weights["w" + k].reshape(w.shape) for k, w in zip(layers, m.coefs_)],
                     [weights["b" + k] for k in layers])
        except ValueError as err:
            raise BadReport(str(err)) from err
        m.n_epochs_, self.curves, self.diverged = epoch, curves, diverged
        m.history_ = {k: list(curves[k]) for k in HISTORY_KEYS if k in curves}


def _curves(curves: Mapping, epoch: int) -> dict:
    """The reported curves checked: increasing epochs up to ``epoch``, finite numbers, one per kept epoch."""
    if not isinstance(curves, Mapping):
        raise ValueError("curves")
    stride = curves.get("stride", 1)
    kept = [int(e) for e in curves["epoch"]]
    if not (isinstance(stride, int) and 1 <= stride <= EPOCH_CAP and len(kept) <= CURVE_POINTS + 1
            and all(0 < a < b for a, b in zip(kept, kept[1:])) and (not kept or 0 < kept[0] and kept[-1] <= epoch)):
        raise ValueError("curves")
    out = {"stride": stride, "epoch": kept}
    for k in HISTORY_KEYS:
        if k in curves:
            values = [float(v) for v in curves[k]]
            if len(values) != len(kept) or not all(math.isfinite(v) for v in values):
                raise ValueError(k)
            out[k] = values
    return out
