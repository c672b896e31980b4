"""What a training run is: ``TrainConfig`` and its one table of fields, ``SETTINGS``.

Each setting is written once here: its choices or its range, its short name in a link, its label key and
the ``train.problem.*`` key that refuses it. The trainer page draws and checks its widgets from the table,
the link state parses with it, and :meth:`TrainConfig.validate` checks a run against it, so the three
cannot disagree. The ranges are what the page has always let students type. The defaults are the
dataclass's own (the textbook's NumPy run, which is also ``MultiClassNetwork()``'s); ``PRESETS`` are the
page's one-click set-ups.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.data.datasets import Dataset
from core.engines import keras_model, network
from core.text.i18n import Message


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides a training run. The defaults are the textbook's NumPy set-up
    (``MultiClassNetwork(units=100, batch_size=256)``, learning rate 0.1, 40 epochs);
    :meth:`textbook` gives each engine's. ``subset`` (training samples) is for the data loader;
    ``record_val_predictions`` keeps every epoch's validation labels for the prediction page."""
    engine: str = "numpy"
    dataset: str = "fashion_mnist"
    subset: int | None = None
    units: int = 100
    activation: str = "sigmoid"
    init: str = "normal"
    optimizer: str = "sgd"
    learning_rate: float = 0.1
    batch_size: int = 256
    l1: float = 0.0
    l2: float = 0.0
    epochs: int = 40
    seed: int = 42
    record_val_predictions: bool = False

    @classmethod
    def textbook(cls, engine: str = "numpy", **changes) -> TrainConfig:
        """The textbook's set-up for ``engine``: NumPy as the defaults; Keras ``optimizer='sgd'`` (learning
        rate 0.01) with Keras's batch size 32. ``changes`` override single fields."""
        base = dict(engine=engine)
        if engine == "keras":
            base.update(learning_rate=keras_model.DEFAULT_LEARNING_RATE["sgd"], batch_size=32, init="glorot")
        return cls(**{**base, **changes})

    def validate(self, dataset: Dataset | None = None) -> list[Message]:
        """Human-readable problems with this configuration (empty when it can run): one check per field of
        ``SETTINGS`` (``subset`` may also be None, the whole training set), then the checks between fields;
        with ``dataset`` also those that need the data (its name, the batch size against the training set)."""
        out = []
        for s in SETTINGS.values():
            value = getattr(self, s.name)
            if not (s.accepts(value) or s.name == "subset" and value is None):
                out.append(s.problem_with(value))
        # The NumPy network learns with plain SGD only (an unknown optimizer is refused above already).
        known = SETTINGS["optimizer"].accepts(self.optimizer)
        if self.engine == "numpy" and known and self.optimizer != "sgd":
            out.append(Message("train.problem.optimizer_numpy", {"optimizer": self.optimizer}))
        if dataset is not None:
            if dataset.name != self.dataset:
                out.append(Message("train.problem.dataset_mismatch",
                                   {"expected": self.dataset, "got": dataset.name}))
            n_train = len(dataset.y_train)
            if _is_int(self.batch_size) and self.batch_size > n_train:
                out.append(Message("train.problem.batch_too_big",
                                   {"batch_size": self.batch_size, "n_train": n_train}))
        return out


@dataclass(frozen=True)
class Setting:
    """One field of ``TrainConfig`` as the page, a link and the validation see it.

    A choice field has ``choices`` (language-neutral codes; the page's order); a number field has the range
    ``low``–``high`` (both allowed), whole numbers only if ``integer``, and the ``step`` of its number box.
    ``url`` is its short name in a link; ``problem`` the ``train.problem.<problem>`` key that refuses it.
    """
    name: str
    url: str
    problem: str
    choices: tuple[str, ...] | None = None
    low: float | None = None
    high: float | None = None
    integer: bool = False
    step: float = 1

    @property
    def label(self) -> str:
        """The i18n key of its label."""
        return f"trainer.{self.name}"

    def accepts(self, value) -> bool:
        """Whether ``value`` is one of the choices, or a number of the right kind inside the range."""
        if self.choices is not None:
            return value in self.choices
        return (_is_int(value) if self.integer else _is_number(value)) and self.low <= value <= self.high

    def bounds(self) -> tuple[str, str]:
        """The range's ends as the page writes them: "48,000" for whole numbers, "1e-05" otherwise."""
        form = "{:,}" if self.integer else "{:g}"
        return form.format(self.low), form.format(self.high)

    def problem_with(self, value) -> Message:
        """Why ``value`` is refused: the value for a choice field, the range for a number field."""
        if self.choices is not None:
            return Message(f"train.problem.{self.problem}", {"value": value})
        lo, hi = self.bounds()
        return Message(f"train.problem.{self.problem}", {"lo": lo, "hi": hi})


# The training images a run may keep, per data set: the last is the whole training set.
SUBSETS = {"fashion_mnist": (2000, 5000, 10000, 20000, 48000), "digits": (1149,)}
FULL = {name: sizes[-1] for name, sizes in SUBSETS.items()}


def _choice(name: str, url: str, choices) -> Setting:
    return Setting(name, url, name, choices=tuple(choices))


def _number(name: str, url: str, low, high, *, integer: bool = False, step: float = 1,
            problem: str | None = None) -> Setting:
    return Setting(name, url, problem or name, low=low, high=high, integer=integer, step=step)


# The one table of settings, in the order a link writes them. Links in the wild use these URL names.
SETTINGS: dict[str, Setting] = {s.name: s for s in (
    _choice("dataset", "data", SUBSETS),  # the data sets whose sizes SUBSETS lists
    _choice("engine", "engine", ("numpy", "keras")),
    _number("units", "units", 0, 1024, integer=True),
    _choice("activation", "act", ("sigmoid", "tanh", "relu")),
    _choice("init", "init", network.INITS),
    _choice("optimizer", "opt", keras_model.OPTIMIZERS),
    _number("learning_rate", "lr", 1e-5, 10.0, step=0.01),
    _number("batch_size", "batch", 1, max(FULL.values()), integer=True),
    _number("epochs", "epochs", 1, 200, integer=True),
    _number("l1", "l1", 0.0, 1.0, step=1e-4, problem="penalty"),
    _number("l2", "l2", 0.0, 1.0, step=1e-4, problem="penalty"),
    _number("seed", "seed", 0, 2**31 - 1, integer=True),
    _number("subset", "subset", 1, max(FULL.values()), integer=True),
)}

# The trainer page's one-click set-ups, by language-neutral name (the first is the page's starting point).
PRESETS: dict[str, TrainConfig] = {
    # MultiClassNetwork(units=100, batch_size=256), 40 epochs ⇒ validation accuracy 0.815.
    "textbook": TrainConfig.textbook("numpy"),
    "textbook_keras": TrainConfig.textbook("keras"),
    # The study-group slides: Dense(10, softmax) on 784 inputs, Keras SGD, batch 2048, 100 epochs.
    "softmax_slides": TrainConfig.textbook("keras", units=0, batch_size=2048, epochs=100),
    # ReLU, Glorot initialisation, batch 32: 0.884 validation accuracy after 8 epochs (a few seconds on the
    # 2-core development machine, see bench/), where Keras's textbook model reaches 0.862 after 40 epochs.
    "fast": TrainConfig(activation="relu", init="glorot", learning_rate=0.05, batch_size=32, epochs=8),
}


def _is_int(v) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, bool)


def _is_number(v) -> bool:
    real = isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
    return real and math.isfinite(v)
