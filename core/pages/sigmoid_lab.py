"""What the sigmoid-shape explorer computes: its data sets, the numbers beside the curve and under the data, the
pinned curves, and the gradient-descent fit it replays. Plain values in, plain values out."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from core.data.toy import DATASETS, EXAM_MIXED, ToyData
from core.maths import logistic as lg

DATA: dict[str, ToyData] = {**DATASETS, EXAM_MIXED.key: EXAM_MIXED}
W_LIMITS, B_LIMITS = (-100.0, 100.0), (-1000.0, 1000.0)  # what the W and b inputs accept
W_SLIDER = (-5.0, 5.0)  # the W slider's range (the slides' curves); the number box beside it takes W_LIMITS
MAX_PINS = 8


def readout(w: float, b: float) -> dict[str, float | str | None]:
    """The numbers beside the curve: midpoint −b/W (None when W = 0), slope W/4 there, σ(b) at x = 0, and the
    sign of W ("pos", "neg" or "zero"), which picks the explanation."""
    return {"midpoint": lg.midpoint(w, b), "slope": w / 4, "at0": float(lg.curve(w, b, 0.0)),
            "sign": "zero" if w == 0 else "pos" if w > 0 else "neg"}


def data_table(w: float, b: float, data: ToyData) -> dict[str, np.ndarray]:
    """Each point's x, label y, prediction p = σ(Wx + b) and logistic loss, as table columns."""
    return {"x": data.x, "y": data.y, "p": lg.curve(w, b, data.x), "loss": lg.point_losses(w, b, data.x, data.y)}


def data_summary(w: float, b: float, data: ToyData) -> dict[str, float | bool]:
    """The mean logistic loss and accuracy of σ(Wx + b) on the data, and whether its classes are separable."""
    return {"mean_loss": float(lg.mean_log_loss(w, b, data.x, data.y)), "accuracy": lg.accuracy(w, b, data.x, data.y),
            "separable": lg.is_separable(data.x, data.y)}


def add_pin(pins: Sequence[tuple[float, float]], w: float, b: float) -> list[tuple[float, float]]:
    """The pinned curves with (W, b) added: no duplicates, the newest :data:`MAX_PINS`."""
    pins = list(pins)
    return pins if (w, b) in pins else (pins + [(w, b)])[-MAX_PINS:]


@dataclass(frozen=True)
class SigmoidFit:
    """A finished gradient-descent fit on one of :data:`DATA` (by key): ``model`` holds the path and the loss
    per epoch that the page replays."""
    data: str
    model: lg.LogisticRegression1D

    @property
    def clipped(self) -> bool:
        """Whether the fit ended beyond what the inputs accept (an overshooting descent can)."""
        w, b = self.model.coef_, self.model.intercept_
        return not (W_LIMITS[0] <= w <= W_LIMITS[1] and B_LIMITS[0] <= b <= B_LIMITS[1])

    @property
    def inputs(self) -> tuple[float, float]:
        """The fitted (W, b) brought within the inputs' limits, for the inputs to take."""
        return (min(max(self.model.coef_, W_LIMITS[0]), W_LIMITS[1]),
                min(max(self.model.intercept_, B_LIMITS[0]), B_LIMITS[1]))

    def summary(self) -> dict[str, float]:
        """Start (w0, b0) and end (w, b) of the descent, the loss before the first step (l0) and at the end (l1)."""
        (w0, b0), w, b, data = self.model.path_[0], self.model.coef_, self.model.intercept_, DATA[self.data]
        return {"w0": float(w0), "b0": float(b0), "w": w, "b": b, "l0": self.model.history_["loss"][0],
                "l1": float(lg.mean_log_loss(w, b, data.x, data.y))}

    def frames(self, n: int) -> list[int]:
        """About ``n`` epochs spread over the descent, first and last included: the replay's frames."""
        return lg.frame_epochs(self.model.epochs, n)


def fit_curve(data: str, learning_rate: float, epochs: int, *, w0: float, b0: float,
              standardize: bool) -> SigmoidFit:
    """Fit σ(Wx + b) to the data set ``data`` by ``epochs`` full-batch gradient-descent steps from (w0, b0)
    (:class:`core.maths.logistic.LogisticRegression1D`)."""
    points = DATA[data]
    model = lg.LogisticRegression1D(learning_rate, epochs, w0=w0, b0=b0, standardize=standardize)
    return SigmoidFit(data, model.fit(points.x, points.y))
