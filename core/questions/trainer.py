"""Questions of the trainer page. Context (:func:`context`): the run's settings, every field of the one table
:data:`core.runs.config.SETTINGS` (no images: the data set is named, and loaded at the reveal).

The untrained network is the one a run starts from: :func:`core.runs.training.make_estimator` of the settings,
initialised by the engine's own ``fit(..., epochs=0)``. The validation accuracy is read from the class's
stored runs (:class:`ClassRun`, built by :func:`class_runs` from the store's records).
"""
from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from core.data.datasets import Dataset, DatasetError, load_digits, load_fashion_mnist
from core.maths.losses import categorical_cross_entropy, one_hot
from core.questions.base import NUMBER, Context, NoTruth, Question, Truth, format_number
from core.runs.config import FULL, SETTINGS, TrainConfig
from core.runs.store import RunRecord
from core.runs.training import make_estimator

SAMPLE = 1000  # validation images the starting loss is measured on (drawn with the run's seed)
IGNORED = ("epochs", "seed", "subset")  # a run's curve up to epoch N does not depend on how many epochs it was
                                        # given; the seed only picks the start; the subset is compared as a size


def context(config: TrainConfig) -> dict:
    """The trainer page's settings as a question reads them: ``config`` (the page's ``TrainConfig``)."""
    return {name: getattr(config, name) for name in SETTINGS}


def config_of(ctx: Context) -> TrainConfig:
    """The :class:`TrainConfig` of a context."""
    return TrainConfig(**{name: ctx[name] for name in SETTINGS})


def same_settings(config: TrainConfig, ctx: Context) -> bool:
    """Whether a run of ``config`` trains as the context's settings do, its seed and length aside (its subset
    None is the whole training set)."""
    if any(getattr(config, name) != ctx[name] for name in SETTINGS if name not in IGNORED):
        return False
    return (config.subset or FULL[config.dataset]) == (ctx["subset"] or FULL[ctx["dataset"]])


@dataclass(frozen=True)
class ClassRun:
    """One stored run as :class:`ValAccuracy` reads it: its settings and its Keras-style history
    (``val_accuracy`` per epoch, as ``RunStore.history`` gives it)."""
    config: TrainConfig
    history: Mapping[str, Sequence[float]]


def class_runs(ctx: Context, records: Iterable[RunRecord],
               history: Callable[[str], Mapping[str, Sequence[float]]]) -> list[ClassRun]:
    """The class's runs that answer ``ctx``: of ``records`` (e.g. ``RunService.board(teacher=True)``) those with
    the same settings that reached the context's epoch, each with its history read by ``history(run_id)``
    (``RunService.history``); other runs' histories are not read."""
    n = ctx["epochs"]
    return [ClassRun(r.config, history(r.id)) for r in records if r.epochs >= n and same_settings(r.config, ctx)]


def dataset(name: str) -> Dataset:
    """The data set a run of ``name`` trains on, whole (as the trainer loads it, never downloaded here)."""
    try:
        return load_digits() if name == "digits" else load_fashion_mnist(allow_download=False)
    except DatasetError as exc:  # the page has the data when it shows the question; say what is missing if not
        raise NoTruth(exc.message.key, **exc.message.params) from None


def untrained(ctx: Context):
    """(network, x, y): the context's network as a run starts it, and the :data:`SAMPLE` validation images
    (chosen with the run's seed) with their labels."""
    data = dataset(ctx["dataset"])
    rng = np.random.default_rng(ctx["seed"])
    rows = np.sort(rng.choice(len(data.y_val), min(SAMPLE, len(data.y_val)), replace=False))
    x, y = data.x_val[rows], data.y_val[rows]
    return make_estimator(config_of(ctx)).fit(x, one_hot(y, data.n_classes), epochs=0), x, y


class ValAccuracy(Question):
    """Validation accuracy after N epochs with these settings? (The class's own runs reveal it.)"""
    id, page, kind, tolerance, digits, needs_runs = "trainer.val", "trainer", NUMBER, 2.0, 1, True

    def params(self, ctx, lang):
        return {"epochs": ctx["epochs"]}

    def bounds(self, ctx):
        return (0.0, 100.0)

    def truth(self, ctx, runs=()):
        n = ctx["epochs"]
        values = [100 * float(run.history["val_accuracy"][n - 1]) for run in runs
                  if same_settings(run.config, ctx) and len(run.history.get("val_accuracy", ())) >= n]
        if not values:
            raise NoTruth("q.trainer.val.none", epochs=n)
        median = statistics.median(values)
        return Truth(median, why={"median": format_number(median, 1), "runs": len(values), "epochs": n,
                                  "low": format_number(min(values), 1), "high": format_number(max(values), 1)})


class StartLoss(Question):
    """What is the loss before any training? (≈ ln 10 when the network starts near an even guess.)"""
    id, page, kind, tolerance, digits = "trainer.loss0", "trainer", NUMBER, 0.25, 2

    def params(self, ctx, lang):
        return {"n": SAMPLE}

    def bounds(self, ctx):
        return (0.0, 50.0)  # the clipped cross-entropy is at most −ln 1e-10 ≈ 23

    def truth(self, ctx, runs=()):
        net, x, y = untrained(ctx)
        c = net.coefs_[-1].shape[1]
        loss = categorical_cross_entropy(one_hot(y, c), net.predict_proba(x))
        return Truth(loss, why={"loss": format_number(loss, 2), "c": c, "even": format_number(float(np.log(c)), 3),
                                "n": len(y)})


class Weights(Question):
    """How many weights and biases (parameters) does this network have?"""
    id, page, kind, tolerance, digits = "trainer.params", "trainer", NUMBER, 0.0, 0

    def bounds(self, ctx):
        return (0.0, 1e8)

    def truth(self, ctx, runs=()):
        net = untrained(ctx)[0]
        layers = [(w.shape[0], w.shape[1]) for w in net.coefs_]
        total = sum(w.size for w in net.coefs_) + sum(b.size for b in net.intercepts_)
        formula = " + ".join(f"{d}·{k} + {k}" for d, k in layers)
        return Truth(float(total), why={"formula": formula, "total": f"{total:,}"})


QUESTIONS = (ValAccuracy(), StartLoss(), Weights())
