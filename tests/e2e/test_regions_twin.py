"""Browser test of the decision-regions network's JavaScript twin (ui/components/regions_net.js) against the
Python engines it copies: from the same initial weights, data and batch order, 100 epochs in Chromium give the
weights and the history of MultiClassNetwork (float64) and OneVsRestSigmoid to 1e-9, and its probabilities on
the plane's grid equal predict_proba's. No app server: a blank page loads the script as it is."""
from __future__ import annotations

import copy
import functools

import numpy as np
import pytest

from core.engines.network import MultiClassNetwork
from core.engines.one_vs_rest import OneVsRestSigmoid
from core.maths.losses import one_hot
from core.pages import regions as rg
from tests.e2e.conftest import ROOT

pytestmark = pytest.mark.e2e

NET_JS = (ROOT / "ui" / "components" / "regions_net.js").read_text(encoding="utf-8")
EPOCHS = 100
SEED = 5
RTOL = 1e-9
GRID = 40  # the hover check's grid side

# The page's kinds of network: no hidden layer, the "hidden" preset, L2 with one full batch, single-example
# steps, and the "ovr" preset's one-vs-rest sigmoids (a larger step, and L2, so both terms of its update move).
CASES = {
    "softmax-0": dict(model="softmax", kind="spiral", classes=3, units=0, activation="tanh", batch=32, lr=0.3,
                      l2=0.0),
    "softmax-16-tanh": dict(model="softmax", kind="spiral", classes=3, units=16, activation="tanh", batch=16,
                            lr=0.3, l2=0.0),
    "softmax-8-relu-l2-all": dict(model="softmax", kind="spiral", classes=3, units=8, activation="relu",
                                  batch="all", lr=1.0, l2=0.01),
    "softmax-4-sigmoid-batch1": dict(model="softmax", kind="spiral", classes=3, units=4, activation="sigmoid",
                                     batch=1, lr=0.3, l2=0.0),
    "ovr-blobs": dict(model="ovr", kind="blobs", classes=4, units=0, activation="tanh", batch=32, lr=1.0,
                      l2=0.001),
}

# Every epoch in the browser, then the validation numbers, as partial_fit reports them.
TRAIN = """({spec, x, y, xv, yv, orders}) => {
    const net = netCreate(spec);
    const X = Float64Array.from(x), Y = Int32Array.from(y), XV = Float64Array.from(xv), YV = Int32Array.from(yv);
    const history = {loss: [], accuracy: [], val_loss: [], val_accuracy: []};
    for (const order of orders) {
        const fit = netEpoch(net, X, Y, Y.length, order);
        const val = netEvaluate(net, XV, YV, YV.length);
        history.loss.push(fit.loss);
        history.accuracy.push(fit.accuracy);
        history.val_loss.push(val.loss);
        history.val_accuracy.push(val.accuracy);
    }
    return {weights: netWeights(net), history};
}"""

PREDICT = """({spec, points}) => {
    const net = netCreate(spec);
    const n = points.length / 2;
    return Array.from(netPredict(net, Float64Array.from(points), n, new Float64Array(n * net.classes)));
}"""


@functools.cache
def data(kind: str, classes: int) -> tuple[np.ndarray, ...]:
    """The page's data set and split (400 points, a fifth held out), float64 as both twins train on it."""
    x, y = rg.make_dataset(kind, classes, 400, 0.1, SEED)
    x_train, y_train, x_test, y_test = rg.split(x, y, 0.2, SEED)
    return x_train.astype(np.float64), y_train, x_test.astype(np.float64), y_test


def engine(case: dict, n: int) -> MultiClassNetwork | OneVsRestSigmoid:
    """The Python engine of a case, as the page builds it (batch "all" is the whole training set)."""
    batch = n if case["batch"] == "all" else case["batch"]
    if case["model"] == "ovr":
        return OneVsRestSigmoid(batch_size=batch, learning_rate=case["lr"], l2=case["l2"], seed=SEED)
    return MultiClassNetwork(units=case["units"], activation=case["activation"], init="glorot", dtype="float64",
                             seed=SEED, batch_size=batch, learning_rate=case["lr"], l2=case["l2"])


def weights(net) -> dict[str, np.ndarray | None]:
    """The engine's weights under the twin's names (one-vs-rest's single layer is the output layer)."""
    if isinstance(net, OneVsRestSigmoid):
        return {"w1": None, "b1": None, "w2": net.w_.copy(), "b2": net.b_.copy()}
    return {k: None if v is None else v.copy() for k, v in
            {"w1": net.w1_, "b1": net.b1_, "w2": net.w2_, "b2": net.b2_}.items()}


def spec(case: dict, w: dict, n: int) -> dict:
    """netCreate's argument: the settings and the weights as row-major flat lists."""
    return {"model": case["model"], "activation": case["activation"], "lr": case["lr"], "l2": case["l2"],
            "batch": n if case["batch"] == "all" else case["batch"],
            **{k: None if v is None else v.ravel().tolist() for k, v in w.items()}}


@functools.cache
def python_run(name: str) -> dict:
    """The Python engine's 100 epochs: its initial weights, the batch orders it drew, its final weights and
    history, and its probabilities on the plane's 40×40 grid."""
    case = CASES[name]
    x, y, xv, yv = data(case["kind"], case["classes"])
    c = case["classes"]
    net = engine(case, len(x)).fit(x, one_hot(y, c), epochs=0)
    start = weights(net)
    rng = copy.deepcopy(net.rng_)  # each epoch draws one permutation of the training rows, nothing else
    orders = [rng.permutation(len(x)).tolist() for _ in range(EPOCHS)]
    for _ in range(EPOCHS):
        net.partial_fit(x, one_hot(y, c), x_val=xv, y_val=one_hot(yv, c))
    axis = np.linspace(*rg.bounds(x), GRID, dtype=np.float32)
    points = rg.grid_points(axis).astype(np.float64)
    return {"start": start, "orders": orders, "weights": weights(net), "history": net.history_,
            "points": points, "proba": net.predict_proba(points)}


def browser_run(page, name: str, orders: list[list[int]]) -> dict:
    """The twin's epochs in the browser from the Python run's initial weights, in the batch orders given."""
    case = CASES[name]
    x, y, xv, yv = data(case["kind"], case["classes"])
    py = python_run(name)
    return page.evaluate(TRAIN, {"spec": spec(case, py["start"], len(x)), "x": x.ravel().tolist(),
                                 "y": y.tolist(), "xv": xv.ravel().tolist(), "yv": yv.tolist(), "orders": orders})


def worst(js: dict, py: dict) -> float:
    """The largest difference over the weight arrays, relative to each array's largest weight."""
    return max(float(np.abs(np.asarray(js[k]) - v.ravel()).max() / np.abs(v).max())
               for k, v in py.items() if v is not None)


@pytest.fixture
def twin(page):
    """A blank tab with regions_net.js loaded, as the component's module loads it."""
    page.add_script_tag(content=NET_JS)
    return page


@pytest.mark.parametrize("name", CASES)
def test_weights_match_python(twin, name):
    """Check that 100 epochs in the browser from Python's initial weights, data and batch orders end at the
    Python engine's weights to 1e-9, with the same loss and accuracy per epoch on train and test."""
    py = python_run(name)
    js = browser_run(twin, name, py["orders"])
    for key, want in py["weights"].items():
        if want is None:
            assert js["weights"][key] is None, key
            continue
        got = np.asarray(js["weights"][key]).reshape(want.shape)
        np.testing.assert_allclose(got, want, rtol=RTOL, atol=RTOL * np.abs(want).max(), err_msg=key)
    for key in ("loss", "val_loss"):
        np.testing.assert_allclose(js["history"][key], py["history"][key], rtol=RTOL, err_msg=key)
    for key in ("accuracy", "val_accuracy"):
        assert js["history"][key] == py["history"][key], key
    losses = max(float(np.abs(np.divide(js["history"][k], py["history"][k]) - 1).max())
                 for k in ("loss", "val_loss"))
    print(f"\n{name}: weights {worst(js['weights'], py['weights']):.1e}, losses {losses:.1e}")


@pytest.mark.parametrize("name", CASES)
def test_grid_probabilities_match_python(twin, name):
    """Check that the twin's probabilities on a 40×40 grid over the plane, from the trained Python weights,
    equal the engine's predict_proba to 1e-12: the numbers the page's hover shows."""
    case, py = CASES[name], python_run(name)
    x = data(case["kind"], case["classes"])[0]
    got = twin.evaluate(PREDICT, {"spec": spec(case, py["weights"], len(x)),
                                  "points": py["points"].ravel().tolist()})
    got = np.asarray(got).reshape(py["proba"].shape)
    np.testing.assert_allclose(got, py["proba"], rtol=1e-12, atol=1e-12)
    print(f"\n{name}: grid {float(np.abs(got - py['proba']).max()):.1e}")


def test_another_batch_order_does_not_match(twin):
    """Check that the agreement is not trivial: the same permutations taken in another epoch order (each
    epoch a different batch order) end far from the Python engine's weights."""
    py = python_run("softmax-16-tanh")
    js = browser_run(twin, "softmax-16-tanh", py["orders"][1:] + py["orders"][:1])
    difference = worst(js["weights"], py["weights"])
    print(f"\nanother order: weights {difference:.1e}")
    assert difference > 1e-3
