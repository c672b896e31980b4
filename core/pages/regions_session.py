"""The decision-regions page's session: its data, its model and the model's life-cycle, from plain values.

A :class:`RegionsSession` is built from the page's :class:`Settings` and the added points (their URL form,
:func:`core.pages.regions.format_points`). It owns the data set and its train/test split, the model, and
the training set (the training points plus the added ones). :meth:`RegionsSession.sync` takes each run's
settings: the model restarts only when the data or the architecture change; learning rate, batch size
and L2 apply to the running model. :meth:`RegionsSession.train_epoch` trains one epoch (a diverging one
pauses and is remembered) and :meth:`RegionsSession.view` evaluates the model for the plane.

Shared by every session of the server process: one lock lets one epoch or one plane evaluation run at a
time, and a pacer lets at most FRAME_BUDGET playing frames start per second: one student gets every
frame, a class pressing Play shares them, and the other students' reruns keep their CPU (measured by the
classroom load test).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np

from core.engines.network import MultiClassNetwork, TrainingDiverged
from core.engines.one_vs_rest import OneVsRestSigmoid
from core.maths.losses import one_hot
from core.pages import regions as rg
from core.pages.softmax_lab import LOGIT_LIMIT

FRAME_BUDGET = 12.0   # playing frames per second for the whole server, shared by every student on Play
_FRAME_LOCK = threading.Lock()


class _Pacer:
    """Spaces the starts of playing frames process-wide, ``1 / per_second`` apart (a frame waits its turn)."""

    def __init__(self, per_second: float):
        self.gap, self.next, self.lock = 1.0 / per_second, 0.0, threading.Lock()

    def wait(self) -> None:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next)
            self.next = start + self.gap
        if start > now:
            time.sleep(start - now)


_PACER = _Pacer(FRAME_BUDGET)


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
    return MultiClassNetwork(units=s.units, activation=s.activation, init="glorot", seed=s.seed)


class RegionsSession:
    """One student's decision-regions page: data, added points, model, and whether training diverged.

    State: ``settings`` (the last synced), ``data`` (x_train, y_train, x_test, y_test), ``points`` (every
    added point, (m, 3): x₁, x₂, class, also those of classes the settings no longer have), ``model``,
    ``diverged`` ((epoch, loss) of the epoch that blew up, else None) and ``restarted`` (True when the last
    new model replaced one that had trained, for the page to say so once).
    """

    def __init__(self, settings: Settings, points: str = ""):
        self.settings: Settings | None = None
        self.data: tuple[np.ndarray, ...] = ()
        self.model: MultiClassNetwork | OneVsRestSigmoid | None = None
        self._model_key: tuple | None = None
        self.diverged: tuple[int, float] | None = None
        self.restarted = False
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

    def train_epoch(self, *, paced: bool = False) -> bool:
        """Train one epoch on the training set, validated on the test points; returns False when it diverged.

        A diverged epoch is remembered in ``diverged``: (its 1-based number, NaN) when the weights or the
        loss stopped being finite (the model keeps its last good weights), (epochs, loss) when the loss
        rose past :func:`core.pages.regions.diverged`'s bound. ``paced`` (a playing frame) first waits for
        the process-wide frame budget."""
        if paced:
            _PACER.wait()
        c = self.settings.n_classes
        x, y = self.training_set()
        x_test, y_test = self.data[2:]
        val = dict(x_val=x_test, y_val=one_hot(y_test, c)) if len(x_test) else {}
        try:
            with _FRAME_LOCK:
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
        lim = rg.bounds(np.vstack([self.data[0], self.data[2], self.added[:, :2]]))
        with _FRAME_LOCK:
            return rg.view(self.model, self.point_sets(), lim, self.settings.grid, target_side=target_side,
                           unit_lines_up_to=unit_lines_up_to)

    def probe(self, where) -> tuple[np.ndarray, np.ndarray]:
        """The model's C outputs at ``where`` (float64) and its pre-activation outputs there, clipped to the
        softmax explorer's range (for one-vs-rest the sigmoids' z)."""
        at = np.array([where], np.float32)
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
