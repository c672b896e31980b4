"""Questions of the decision-regions page. Context (:func:`context`): the settings that decide training (the
fields of :class:`core.pages.regions_session.Settings` in :data:`TRAINING`), the added points in their URL form
and the point the student probed last, if any.

Each truth trains a fresh :class:`~core.pages.regions_session.RegionsSession` of those settings, seeded as the
page seeds it, for :func:`epochs` epochs with the page's own :meth:`~RegionsSession.train_epoch`: the same data,
model and steps as pressing Step that many times, once per server process (:func:`answer`); :func:`picture`
draws that trained answer for the reveal, as the page draws its plane.
"""
from __future__ import annotations

import functools
import json
import math

import numpy as np
import plotly.graph_objects as go

from core.figures.regions import plane_figure, region_values
from core.pages import regions as rg
from core.pages.regions_session import RegionsSession, Settings
from core.questions.base import CHOICE, NUMBER, Context, Question, Truth, format_number
from core.text.formats import accuracy_text
from core.text.i18n import t

TRAINING = ("kind", "n_classes", "n_points", "noise", "test_share", "seed", "model", "units", "activation",
            "learning_rate", "batch", "l2")
MAX_EPOCHS = 300
STEP_BUDGET = 16_000  # mini-batch steps a truth may take: 300 epochs of the page's default data in batches of
                      # 32, 10 of its largest in batches of 1 — under 1 s on the 2-core classroom server even for
                      # one-vs-rest, whose steps are NumPy calls (the network's are compiled)


def context(settings: Settings, points: str = "", probe=None) -> dict:
    """The regions page's settings as a question reads them: ``settings`` (the page's ``read_settings()``),
    the added points' URL form (``rpts``) and the probed location ``(x₁, x₂)`` (``rg_probe``) or None."""
    ctx = {name: getattr(settings, name) for name in TRAINING} | {"points": points}
    if probe is not None:
        ctx["probe"] = [round(float(probe[0]), 3), round(float(probe[1]), 3)]
    return ctx


def settings_of(ctx: Context, **changes) -> Settings:
    """The page's :class:`Settings` of a context (``changes`` replace training fields; the plane's own settings
    take their least costly values: a session synced with the page's settings draws at the page's)."""
    values = {name: ctx[name] for name in TRAINING} | changes
    return Settings(**values, grid=rg.MIN_GRID, unit_lines=False, click="look")


def epochs(ctx: Context) -> int:
    """The epochs a truth trains (stated in the question's text): as many as :data:`STEP_BUDGET` mini-batches
    allow, at most 300 (and at least 7: the largest training set is 2,000 points plus 200 added)."""
    n_train = ctx["n_points"] - int(round(ctx["test_share"] * ctx["n_points"]))
    n_train += int(np.count_nonzero(rg.parse_points(ctx["points"])[:, 2] < ctx["n_classes"]))
    batches = 1 if ctx["batch"] == "all" else math.ceil(n_train / int(ctx["batch"]))
    return min(MAX_EPOCHS, STEP_BUDGET // batches)


def trained(ctx: Context, **changes) -> RegionsSession:
    """A fresh session of the context's settings (``changes`` replace some) trained for :func:`epochs` epochs,
    or until training diverged (the page pauses there too). Put in the page's session state it shows the answer:
    its next ``sync`` with the same settings keeps the trained model."""
    rs = RegionsSession(settings_of(ctx, **changes), ctx["points"])
    for _ in range(epochs(ctx)):
        if not rs.train_epoch():
            break
    return rs


@functools.lru_cache(maxsize=8)
def _trained_once(key: str, units: int | None) -> RegionsSession:
    ctx = json.loads(key)
    return trained(ctx) if units is None else trained(ctx, units=units)


def answer(ctx: Context, units: int | None = None) -> RegionsSession:
    """The trained session a truth and its picture read (``units`` replacing the page's), trained once per
    server process for the question's context: every screen of the class shows the same answer. Read only."""
    return _trained_once(json.dumps(ctx, sort_keys=True), units)


def picture(ctx: Context, lang: str, *, units: int | None = None, mark=None) -> go.Figure:
    """The trained answer as the page draws its plane: the regions, the boundaries, the points (wrong ones
    ringed) and, with ``mark``, the point asked about (a cross in the colour of its class)."""
    rs = answer(ctx, units)
    v = rs.view(target_side=0, unit_lines_up_to=0)
    n, ovr = ctx["n_classes"], ctx["model"] == "ovr"
    groups = rg.point_groups(rs.point_sets(), v.wrong, {k: t(f"regions.fig.{k}", lang) for k in ("train", "test", "added")})
    if mark is not None:
        k = int(rs.probe(mark)[0].argmax())
        groups.append(dict(x=np.array([mark], dtype=float), cls=np.array([k]), name=t("q.regions.point.mark", lang),
                           symbol="x"))
    text = {k: t(f"regions.fig.{k}", lang) for k in ("x1", "x2", "class", "boundary", "wrong", "ambiguous")}
    text["units"] = t("regions.fig.ovr_lines" if ovr else "regions.fig.units", lang)
    g = v.grid
    return plane_figure(g.axis, region_values(g.classes, g.confidence, n, v.ambiguous), n, points=groups,
                        targets=v.targets, target_proba=v.target_proba, boundaries=v.boundaries, unit_lines=None,
                        text=text, ambiguous=ovr, contour=g.classes if v.contour else None, height=420)


def point(ctx: Context) -> tuple[float, float]:
    """The point asked about: the probed one, else halfway between the centres of classes 1 and 2 of the
    training data (where they meet), to two decimals."""
    if "probe" in ctx:
        return float(ctx["probe"][0]), float(ctx["probe"][1])
    x, y = rg.make_dataset(ctx["kind"], ctx["n_classes"], ctx["n_points"], ctx["noise"], ctx["seed"])
    x, y = rg.split(x, y, ctx["test_share"], ctx["seed"])[:2]
    middle = (x[y == 0].mean(axis=0) + x[y == 1].mean(axis=0)) / 2
    return round(float(middle[0]), 2), round(float(middle[1]), 2)


def _kind(ctx: Context, lang: str) -> str:
    return t(f"regions.kind.{ctx['kind']}", lang)


class PointClass(Question):
    """After training, which class will this point get?"""
    id, page, kind = "regions.point", "regions", CHOICE

    def params(self, ctx, lang):
        x1, x2 = point(ctx)
        return {"x1": format_number(x1, 3), "x2": format_number(x2, 3), "epochs": epochs(ctx)}

    def choices(self, ctx, lang):
        return {str(k): t("q.regions.point.class", lang, k=k + 1) for k in range(ctx["n_classes"])}

    def picture(self, ctx, lang):
        return picture(ctx, lang, mark=point(ctx))

    def truth(self, ctx, runs=()):
        rs = answer(ctx)
        p, _ = rs.probe(point(ctx))
        k = int(p.argmax())
        return Truth(str(k), why={"k": k + 1, "p": format_number(float(p[k]), 3), "epochs": rs.epochs})


class Linear(Question):
    """Will a network with no hidden layer separate these data (every training point right)?"""
    id, page, kind = "regions.linear", "regions", CHOICE
    CODES = ("yes", "no")

    def fits(self, ctx):
        return ctx["model"] == "softmax"  # the hidden-units slider is off for one-vs-rest

    def params(self, ctx, lang):
        return {"kind": _kind(ctx, lang), "epochs": epochs(ctx)}

    def choices(self, ctx, lang):
        return {code: t(f"q.regions.linear.{code}", lang) for code in self.CODES}

    def picture(self, ctx, lang):
        return picture(ctx, lang, units=0)

    def truth(self, ctx, runs=()):
        rs = answer(ctx, units=0)
        x, y = rs.training_set()
        wrong = int(np.count_nonzero(rs.model.predict(x) != y))
        return Truth("no" if wrong else "yes", why={"wrong": wrong, "n": len(y), "epochs": rs.epochs},
                     view={"runits": "0"})


class WrongTestPoints(Question):
    """After training, how many of the test points will be wrong?"""
    id, page, kind, tolerance, digits = "regions.test_wrong", "regions", NUMBER, 2.0, 0

    @staticmethod
    def _n_test(ctx) -> int:
        return int(round(ctx["test_share"] * ctx["n_points"]))

    def fits(self, ctx):
        return self._n_test(ctx) > 0

    def params(self, ctx, lang):
        return {"n": self._n_test(ctx), "epochs": epochs(ctx)}

    def bounds(self, ctx):
        return (0.0, float(self._n_test(ctx)))

    def picture(self, ctx, lang):
        return picture(ctx, lang)

    def truth(self, ctx, runs=()):
        rs = answer(ctx)
        x_test, y_test = rs.data[2:]
        wrong = int(np.count_nonzero(rs.model.predict(x_test) != y_test))
        return Truth(float(wrong), why={"wrong": wrong, "n": len(y_test), "epochs": rs.epochs,
                                        "acc": accuracy_text(1 - wrong / len(y_test))})


QUESTIONS = (PointClass(), Linear(), WrongTestPoints())
