"""The small one-feature data sets of the study-group slides (binary classification examples)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ToyData:
    """A one-feature binary data set: inputs ``x``, labels ``y`` (0/1), and i18n keys for its texts."""
    key: str
    x: np.ndarray
    y: np.ndarray
    x_label: str  # i18n key of the x-axis title


def _frozen(values, dtype) -> np.ndarray:
    arr = np.array(values, dtype=dtype)
    arr.flags.writeable = False
    return arr


# Keras logistic regression of the slides: 300 epochs of SGD ⇒ W ≈ 1.85, b ≈ −0.03.
TOY = ToyData("toy", _frozen([-2.0, -1.5, -1.0, 1.25, 1.62, 2.0], np.float64),
              _frozen([0, 0, 0, 1, 1, 1], np.int64), "toy.x_label")
# Pass/fail by exam score: 45, 50, 55 fail; 60, 65, 70 pass.
EXAM = ToyData("exam", _frozen([45.0, 50.0, 55.0, 60.0, 65.0, 70.0], np.float64),
               _frozen([0, 0, 0, 1, 1, 1], np.int64), "exam.x_label")
DATASETS = {d.key: d for d in (TOY, EXAM)}
# Not from the slides: the exam with two surprises (a 52 who passed, a 62 who failed). The classes
# overlap, so unlike TOY and EXAM the logistic loss has a true minimum that gradient descent can reach.
EXAM_MIXED = ToyData("exam_mixed", _frozen([45.0, 50.0, 52.0, 55.0, 60.0, 62.0, 65.0, 70.0], np.float64),
                     _frozen([0, 0, 1, 0, 1, 0, 1, 1], np.int64), "exam.x_label")
