"""How fast is one training epoch of the textbook network, against the BLAS lower bound and the peers?

Run from the repository root:  .venv/bin/python bench/epoch_time.py  [--epochs 12] [--no-keras]

It prints, for the textbook configuration (784 → 100 sigmoid → 10 softmax, batch 256, float32, an epoch
over the 48,000 training images plus the validation pass over 12,000):

- the BLAS lower bound: every matrix product such an epoch needs (forward, backward, validation), each
  timed alone on preallocated arrays of exactly the shapes and layouts used, at the float32 GEMM rate
  measured now — the time an epoch would take if nothing but the matrix products cost anything;
- our epoch time (MultiClassNetwork, the fastest of several epochs) and its ratio to that bound;
- the peers, each the fastest of several epochs: the textbook's own code (float32 and float64),
  scikit-learn's MLPClassifier (partial_fit), Keras at batch 256 and 32;
- the data set's cold load (parse the gzip files, split, write the cache) and warm load (from the cache),
  and the peak memory of the process after our training runs.

Other processes share the cores, so every figure is the minimum over repetitions, and the bound is
measured before and after our epochs (the smaller counts). Timings are printed, never asserted.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._timing import best_of  # noqa: E402
from core.data.datasets import load_fashion_mnist, one_hot  # noqa: E402
from core.engines.network import EVAL_CHUNK, MultiClassNetwork  # noqa: E402
from core.runs.config import PRESETS  # noqa: E402
from core.runs.training import make_estimator  # noqa: E402

UNITS, BATCH, CLASSES = 100, 256, 10


# ------------------------------------------------------------------------------------- GEMM bound

def gemm_bound(x, x_val, repeat: int) -> tuple[float, float, list[tuple[str, int, float]]]:
    """Seconds and FLOPs of the matrix products of one epoch, each product timed alone.

    Returns (seconds, flops, rows) with one row (name, count per epoch, seconds per call) per shape.
    """
    rng = np.random.default_rng(0)
    f32 = np.float32
    d, n, n_val = x.shape[1], len(x), len(x_val)
    w1 = rng.normal(0, 1, (d, UNITS)).astype(f32)
    w2 = rng.normal(0, 1, (UNITS, CLASSES)).astype(f32)
    rows, seconds, flops = [], 0.0, 0.0
    sizes = {BATCH: n // BATCH}
    if n % BATCH:
        sizes[n % BATCH] = 1
    for m, count in sizes.items():
        xb = np.ascontiguousarray(x[:m])
        h = rng.random((m, UNITS), dtype=f32)
        z = rng.random((m, CLASSES), dtype=f32)
        eh, gw1, gw2 = np.empty_like(h), np.empty_like(w1), np.empty_like(w2)
        products = [  # (name, call, flops) in the order an epoch runs them
            (f"X·W1        {m}×{d}·{d}×{UNITS}", lambda: np.matmul(xb, w1, out=h), 2 * m * d * UNITS),
            (f"A1·W2       {m}×{UNITS}·{UNITS}×{CLASSES}", lambda: np.matmul(h, w2, out=z),
             2 * m * UNITS * CLASSES),
            (f"δ2·W2ᵀ      {m}×{CLASSES}·{CLASSES}×{UNITS}", lambda: np.matmul(z, w2.T, out=eh),
             2 * m * UNITS * CLASSES),
            (f"A1ᵀ·δ2      {UNITS}×{m}·{m}×{CLASSES}", lambda: np.matmul(h.T, z, out=gw2),
             2 * m * UNITS * CLASSES),
            (f"Xᵀ·δ1       {d}×{m}·{m}×{UNITS}", lambda: np.matmul(xb.T, eh, out=gw1), 2 * m * d * UNITS),
        ]
        for name, call, fl in products:
            per_call = best_of(call, repeat, number=max(1, min(count, 40)))
            rows.append((name, count, per_call))
            seconds += count * per_call
            flops += count * fl
    # Validation: the forward pass over x_val in the network's chunks, reading x_val itself.
    chunks = [x_val[start:start + EVAL_CHUNK] for start in range(0, n_val, EVAL_CHUNK)]
    hs = [np.empty((len(c), UNITS), f32) for c in chunks]
    zs = [np.empty((len(c), CLASSES), f32) for c in chunks]

    def first_layer():
        for c, h in zip(chunks, hs):
            np.matmul(c, w1, out=h)

    def second_layer():
        for h, z in zip(hs, zs):
            np.matmul(h, w2, out=z)
    for name, call, fl in [(f"val X·W1    {n_val}×{d}·{d}×{UNITS}", first_layer, 2 * n_val * d * UNITS),
                           (f"val A1·W2   {n_val}×{UNITS}·{UNITS}×{CLASSES}", second_layer,
                            2 * n_val * UNITS * CLASSES)]:
        per_call = best_of(call, repeat)
        rows.append((name, 1, per_call))
        seconds += per_call
        flops += fl
    return seconds, flops, rows


def peak_rate(repeat: int) -> float:
    """float32 GEMM rate of a large square product (2048³), in FLOP/s: the machine's best case."""
    a = np.random.default_rng(1).random((2048, 2048), dtype=np.float32)
    c = np.empty_like(a)
    return 2 * 2048 ** 3 / best_of(lambda: np.matmul(a, a, out=c), repeat)


# --------------------------------------------------------------------------------- our network

def our_epochs(ds, epochs: int) -> list[float]:
    """Seconds per epoch (training + validation pass) of the textbook configuration."""
    seconds: list[float] = []
    net = MultiClassNetwork()  # its defaults are the textbook's
    net.fit(ds.x_train, one_hot(ds.y_train, CLASSES), epochs=epochs, x_val=ds.x_val,
            y_val=one_hot(ds.y_val, CLASSES), on_epoch_end=lambda e, logs: seconds.append(logs["seconds"]))
    return seconds


def fast_preset(ds) -> tuple[float, float, int]:
    """(training seconds, final validation accuracy, epochs) of PRESETS["fast"]."""
    cfg = PRESETS["fast"]
    seconds: list[float] = []
    net = make_estimator(cfg).fit(
        ds.x_train, one_hot(ds.y_train, CLASSES), epochs=cfg.epochs, x_val=ds.x_val,
        y_val=one_hot(ds.y_val, CLASSES), on_epoch_end=lambda e, logs: seconds.append(logs["seconds"]))
    return sum(seconds), net.history_["val_accuracy"][-1], cfg.epochs


# -------------------------------------------------------------------------------- the textbook

class TextbookNetwork:
    """The textbook's MultiClassNetwork (Do it! Deep Learning 7-1), as printed, with a dtype switch.

    Its own global seeding is replaced by a RandomState; everything else follows the book: full
    permutation of x per epoch, np.dot, clipped sigmoid/softmax, scalar b2 gradient, per-epoch loss.
    """

    def __init__(self, units=10, batch_size=32, learning_rate=0.1, l1=0, l2=0, dtype=np.float64):
        self.units, self.batch_size, self.lr, self.l1, self.l2 = units, batch_size, learning_rate, l1, l2
        self.dtype = dtype
        self.losses, self.val_losses = [], []
        self.rs = np.random.RandomState(42)

    def forpass(self, x):
        z1 = np.dot(x, self.w1) + self.b1
        self.a1 = self.sigmoid(z1)
        return np.dot(self.a1, self.w2) + self.b2

    def backprop(self, x, err):
        m = len(x)
        w2_grad = np.dot(self.a1.T, err) / m
        b2_grad = np.sum(err) / m
        err_to_hidden = np.dot(err, self.w2.T) * self.a1 * (1 - self.a1)
        w1_grad = np.dot(x.T, err_to_hidden) / m
        b1_grad = np.sum(err_to_hidden, axis=0) / m
        return w1_grad, b1_grad, w2_grad, b2_grad

    def sigmoid(self, z):
        z = np.clip(z, -100, None)
        return 1 / (1 + np.exp(-z))

    def softmax(self, z):
        z = np.clip(z, -100, None)
        exp_z = np.exp(z)
        return exp_z / np.sum(exp_z, axis=1).reshape(-1, 1)

    def init_weights(self, n_features, n_classes):
        self.w1 = self.rs.normal(0, 1, (n_features, self.units)).astype(self.dtype)
        self.b1 = np.zeros(self.units, dtype=self.dtype)
        self.w2 = self.rs.normal(0, 1, (self.units, n_classes)).astype(self.dtype)
        self.b2 = np.zeros(n_classes, dtype=self.dtype)

    def epoch(self, x, y, x_val, y_val):
        loss = 0
        for x_batch, y_batch in self.gen_batch(x, y):
            a = self.training(x_batch, y_batch)
            a = np.clip(a, 1e-10, 1 - 1e-10)
            loss += np.sum(-y_batch * np.log(a))
        self.losses.append((loss + self.reg_loss()) / len(x))
        self.update_val_loss(x_val, y_val)

    def gen_batch(self, x, y):
        length = len(x)
        bins = length // self.batch_size
        if length % self.batch_size:
            bins += 1
        indexes = self.rs.permutation(np.arange(len(x)))
        x = x[indexes]
        y = y[indexes]
        for i in range(bins):
            start = self.batch_size * i
            end = self.batch_size * (i + 1)
            yield x[start:end], y[start:end]

    def training(self, x, y):
        m = len(x)
        z = self.forpass(x)
        a = self.softmax(z)
        err = -(y - a)
        w1_grad, b1_grad, w2_grad, b2_grad = self.backprop(x, err)
        w1_grad += (self.l1 * np.sign(self.w1) + self.l2 * self.w1) / m
        w2_grad += (self.l1 * np.sign(self.w2) + self.l2 * self.w2) / m
        self.w1 -= self.lr * w1_grad
        self.b1 -= self.lr * b1_grad
        self.w2 -= self.lr * w2_grad
        self.b2 -= self.lr * b2_grad
        return a

    def reg_loss(self):
        return self.l1 * (np.sum(np.abs(self.w1)) + np.sum(np.abs(self.w2))) + \
            self.l2 / 2 * (np.sum(self.w1 ** 2) + np.sum(self.w2 ** 2))

    def update_val_loss(self, x_val, y_val):
        z = self.forpass(x_val)
        a = self.softmax(z)
        a = np.clip(a, 1e-10, 1 - 1e-10)
        val_loss = np.sum(-y_val * np.log(a))
        self.val_losses.append((val_loss + self.reg_loss()) / len(y_val))


def textbook_epoch(ds, dtype, repeat: int) -> float:
    x, xv = ds.x_train.astype(dtype), ds.x_val.astype(dtype)
    y, yv = one_hot(ds.y_train, CLASSES, dtype), one_hot(ds.y_val, CLASSES, dtype)
    net = TextbookNetwork(units=UNITS, batch_size=BATCH, dtype=dtype)
    net.init_weights(x.shape[1], CLASSES)
    with np.errstate(over="ignore"):
        return best_of(lambda: net.epoch(x, y, xv, yv), repeat)


# ------------------------------------------------------------------------------------------ peers

def sklearn_epoch(ds, repeat: int) -> tuple[float, float]:
    """(partial_fit seconds, validation predict seconds) of MLPClassifier with the textbook's settings."""
    import warnings

    from sklearn.neural_network import MLPClassifier
    mlp = MLPClassifier(hidden_layer_sizes=(UNITS,), activation="logistic", solver="sgd",
                        learning_rate_init=0.1, batch_size=BATCH, momentum=0.0, alpha=0.0,
                        random_state=42)
    classes = np.arange(CLASSES)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = best_of(lambda: mlp.partial_fit(ds.x_train, ds.y_train, classes=classes), repeat)
    val = best_of(lambda: mlp.predict_proba(ds.x_val), repeat)
    return fit, val


KERAS_CODE = r"""
import os, sys, time, json
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
sys.path.insert(0, {root!r})
from core.data.datasets import load_fashion_mnist, one_hot
import keras
ds = load_fashion_mnist(cache_dir={cache!r}, allow_download=False)
y, yv = one_hot(ds.y_train, 10), one_hot(ds.y_val, 10)
out = {{}}
for batch, epochs in {plan!r}:
    keras.utils.set_random_seed(42)
    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(100, activation="sigmoid"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="sgd", loss="categorical_crossentropy", metrics=["accuracy"])
    times = []
    class Timer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None): self.t = time.perf_counter()
        def on_epoch_end(self, epoch, logs=None): times.append(time.perf_counter() - self.t)
    model.fit(ds.x_train, y, batch_size=batch, epochs=epochs, validation_data=(ds.x_val, yv),
              verbose=0, callbacks=[Timer()])
    out[batch] = min(times[1:]) if len(times) > 1 else times[0]
print(json.dumps(out))
"""


def keras_epochs(cache: str, plan) -> dict[int, float]:
    """Fastest epoch (first one, which traces the graph, left out) of the textbook's Keras model, in a
    child process so TensorFlow's threads and memory stay out of this one."""
    import json
    code = KERAS_CODE.format(root=str(ROOT), cache=cache, plan=plan)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=1800)
    if out.returncode:
        raise RuntimeError(out.stderr.strip().splitlines()[-1])
    return {int(k): v for k, v in json.loads(out.stdout.strip().splitlines()[-1]).items()}


# ------------------------------------------------------------------------------------ data loads

LOAD_CODE = r"""
import sys, time
sys.path.insert(0, {root!r})
from core.data.datasets import load_fashion_mnist
t = time.perf_counter()
load_fashion_mnist(cache_dir={cache!r}, allow_download=False)
print(time.perf_counter() - t)
"""


def load_time(cache: str) -> float:
    out = subprocess.run([sys.executable, "-c", LOAD_CODE.format(root=str(ROOT), cache=cache)],
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


# -------------------------------------------------------------------------------------------- main

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=12, help="epochs of our network to time")
    parser.add_argument("--repeat", type=int, default=7, help="repetitions per GEMM timing")
    parser.add_argument("--peer-epochs", type=int, default=3, help="epochs per peer")
    parser.add_argument("--no-keras", action="store_true", help="skip Keras (slow to import)")
    parser.add_argument("--no-peers", action="store_true", help="only the bound and our network")
    args = parser.parse_args()

    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; "
          f"cores: {os.cpu_count()}; numpy {np.__version__}")
    cache = tempfile.mkdtemp(prefix="bench-cache-")
    try:
        run(args, cache)
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def in_app(ds, epochs: int = 3) -> None:
    """The textbook and fast presets as the trainer page runs them (TrainJob: worker thread, slots, nice,
    per-epoch validation labels), alone and two at once, beside the plain fit timed here and now."""
    from bench.in_app_epoch import bench_epoch, job_epochs
    print("in the app (fastest epoch; ×: to the plain fit measured just before):")
    for name in ("textbook", "fast"):
        cfg = dataclasses.replace(PRESETS[name], epochs=epochs, record_val_predictions=True)
        ref = bench_epoch(cfg, ds)
        alone = job_epochs(cfg, ds, 1)[0]
        two = max(job_epochs(cfg, ds, 2))
        print(f"  {name:9s} plain fit {ref:.3f} s · in-app alone {alone:.3f} s (×{alone / ref:.2f}) · "
              f"2 jobs at once {two:.3f} s per job (×{two / ref:.2f})")


def run(args, cache: str) -> None:
    cold = load_time(cache)
    warm = min(load_time(cache) for _ in range(3))
    ds = load_fashion_mnist(cache_dir=cache, allow_download=False)

    bound1, flops, rows = gemm_bound(ds.x_train, ds.x_val, args.repeat)
    ours = our_epochs(ds, args.epochs)
    bound2, _, rows2 = gemm_bound(ds.x_train, ds.x_val, args.repeat)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    bound = min(bound1, bound2)
    if bound2 < bound1:
        rows = rows2
    epoch = min(ours)

    print("\nmatrix products of one epoch (seconds per call, fastest of the repetitions):")
    for name, count, per_call in rows:
        print(f"  {name:38s} ×{count:<4d} {per_call * 1e6:9.1f} µs  → {count * per_call * 1e3:7.2f} ms")
    print(f"\nBLAS lower bound   {bound:.4f} s  ({flops / 1e9:.2f} GFLOP, 2 per multiply-add, at "
          f"{flops / bound / 1e9:.1f} GFLOP/s;"
          f" before/after our run: {bound1:.4f} / {bound2:.4f} s)")
    peak = peak_rate(3)
    print(f"                   (for scale: square 2048³ sgemm runs at {peak / 1e9:.1f} GFLOP/s; the same "
          f"FLOPs at that peak rate would take {flops / peak:.4f} s)")
    print(f"our epoch          {epoch:.4f} s  (fastest of {len(ours)}; all: "
          f"{', '.join(f'{s:.3f}' for s in ours)})")
    print(f"ratio to bound     {epoch / bound:.3f}  (target ≤ 1.25)")
    print(f"peak RSS           {rss_mb:.0f} MB (data set + our training, before any peer runs)")
    print(f"data set load      cold {cold:.3f} s (parse gzip + split + write cache), warm {warm:.3f} s "
          "(from the .npy cache)")
    fast_s, fast_acc, fast_epochs = fast_preset(ds)
    fast = PRESETS["fast"]
    print(f"fast preset        {fast.activation}, {fast.init}, lr {fast.learning_rate:g}, batch {fast.batch_size}: "
          f"{fast_epochs} epochs in {fast_s:.2f} s (validation passes included) ⇒ val accuracy {fast_acc:.4f} "
          "(target ≥ 0.88 in ≤ 10 s)")
    in_app(ds)

    if args.no_peers:
        return
    print("\npeers (one epoch over 48,000 images + validation pass unless noted; fastest of "
          f"{args.peer_epochs}):")
    t32 = textbook_epoch(ds, np.float32, args.peer_epochs)
    print(f"  textbook code, float32         {t32:.3f} s   ({t32 / epoch:.1f}× ours)")
    t64 = textbook_epoch(ds, np.float64, args.peer_epochs)
    print(f"  textbook code, float64         {t64:.3f} s   ({t64 / epoch:.1f}× ours)")
    fit, val = sklearn_epoch(ds, args.peer_epochs)
    print(f"  scikit-learn MLPClassifier     {fit:.3f} s partial_fit + {val:.3f} s validation predict "
          f"= {fit + val:.3f} s   ({(fit + val) / epoch:.1f}× ours)")
    if not args.no_keras:
        try:
            k = keras_epochs(cache, [(256, args.peer_epochs + 1), (32, args.peer_epochs + 1)])
        except Exception as exc:  # a missing or broken TensorFlow should not hide the other figures
            print(f"  Keras: not measured ({exc})")
        else:
            for batch, sec in k.items():
                print(f"  Keras, batch {batch:<4d}             {sec:.3f} s   ({sec / epoch:.1f}× ours)")
    print(f"\nload average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
