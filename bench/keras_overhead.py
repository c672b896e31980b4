"""What the Keras engine's streaming and per-batch stop checks cost over a plain ``model.fit``.

Same data, model, seed and fit arguments on four paths, interleaved in rotating order so that they
share the machine's load: plain ``model.fit`` (a probe callback notes only epoch ends),
``KerasNetwork.fit`` with an ``on_epoch_end`` and a per-batch ``should_stop``, and a ``TrainJob`` (worker
thread, locked history), and KerasNetwork.fit with one step per execution (the engine before
``steps_per_execution``). Per path it prints the minimum steady epoch time (epochs 2.., over all
repetitions), the run's wall time per epoch and the process CPU time per epoch (both with build and
tracing), each with its ratio to plain. Minima, because other work shares the cores. Epoch times on a
shared machine wobble by more than the overhead, so it also times, in isolation, the one thing that
differs inside Keras's batch loop: the callback dispatch after each batch.
Run: ``.venv/bin/python bench/keras_overhead.py [--subset N] [--epochs E] [--repeats R]``.
"""
from __future__ import annotations

import argparse
import math
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.engines import keras_model  # noqa: E402
from core.data.datasets import DatasetError, load_digits, load_fashion_mnist, one_hot  # noqa: E402
from core.runs.config import TrainConfig  # noqa: E402
from core.runs.training import TrainJob  # noqa: E402


def load(subset: int):
    try:
        return load_fashion_mnist(subset=subset or None)
    except DatasetError as exc:
        print(f"Fashion-MNIST unavailable ({exc}); using digits instead")
        return load_digits()


def plain_fit(cfg: TrainConfig, ds) -> list[float]:
    """Plain Keras: build, then model.fit with the same arguments KerasNetwork passes."""
    keras = keras_model.keras_module()
    import tensorflow as tf

    ends: list[float] = []

    class EpochProbe(keras.callbacks.Callback):  # epoch hooks only: Keras keeps its async batch path
        def on_epoch_end(self, epoch, logs=None):
            ends.append(time.perf_counter())

    t0 = time.perf_counter()
    tf.random.set_seed(cfg.seed)
    model = keras_model.build_keras_model(ds.n_features, ds.n_classes, units=cfg.units,
                                          activation=cfg.activation, optimizer=cfg.optimizer,
                                          learning_rate=cfg.learning_rate, seed=cfg.seed)
    model.fit(ds.x_train, one_hot(ds.y_train, ds.n_classes), batch_size=cfg.batch_size, epochs=cfg.epochs,
              validation_data=(ds.x_val, one_hot(ds.y_val, ds.n_classes)), verbose=0,
              validation_batch_size=max(keras_model.EVAL_BATCH, cfg.batch_size), callbacks=[EpochProbe()])
    return [b - a for a, b in zip([t0, *ends], ends)]


def network_fit(cfg: TrainConfig, ds) -> list[float]:
    """Our estimator in this thread, with an epoch listener and a per-batch stop check."""
    stop = threading.Event()
    ends: list[float] = []
    t0 = time.perf_counter()
    net = keras_model.KerasNetwork(units=cfg.units, activation=cfg.activation, optimizer=cfg.optimizer,
                                   learning_rate=cfg.learning_rate, batch_size=cfg.batch_size, seed=cfg.seed)
    net.fit(ds.x_train, one_hot(ds.y_train, ds.n_classes), epochs=cfg.epochs, x_val=ds.x_val,
            y_val=one_hot(ds.y_val, ds.n_classes),
            on_epoch_end=lambda epoch, logs: ends.append(time.perf_counter()), should_stop=stop.is_set)
    return [b - a for a, b in zip([t0, *ends], ends)]


def network_fit_one_step(cfg: TrainConfig, ds) -> list[float]:
    """As network_fit, but one training step per call into TensorFlow (the engine before
    steps_per_execution): the gain is this path against KerasNetwork.fit."""
    saved, keras_model.MAX_STEPS_PER_EXECUTION = keras_model.MAX_STEPS_PER_EXECUTION, 1
    try:
        return network_fit(cfg, ds)
    finally:
        keras_model.MAX_STEPS_PER_EXECUTION = saved


def stop_latency(cfg: TrainConfig, ds, repeats: int = 3) -> float:
    """Longest time from TrainJob.stop() mid-epoch to the job's end (Keras finishes the group in flight
    and still validates the broken-off epoch)."""
    worst = 0.0
    for _ in range(repeats):
        job = TrainJob(cfg, ds, slots=threading.BoundedSemaphore(1)).start()
        while job.epochs_done < 1 or job.progress().batches_done < 10:
            time.sleep(0.005)
        t0 = time.perf_counter()
        job.stop()
        job.join()
        worst = max(worst, time.perf_counter() - t0)
    return worst


def job_fit(cfg: TrainConfig, ds) -> list[float]:
    """The whole TrainJob path: worker thread, slot, locked history (no per-epoch predictions)."""
    job = TrainJob(cfg, ds, slots=threading.BoundedSemaphore(1)).start()
    job.join()
    assert job.state == "finished", job.reason
    return job.history()["seconds"]


def dispatch_cost(with_adapter: bool, batches: int = 3000) -> float:
    """Seconds per batch that Keras's CallbackList spends on its after-batch hooks (plain: History only,
    dispatched asynchronously; ours: plus the adapter, which makes Keras dispatch synchronously)."""
    keras = keras_model.keras_module()
    import tensorflow as tf
    model = keras_model.build_keras_model(784, 10)
    logs = {"loss": tf.constant(0.5), "accuracy": tf.constant(0.7)}  # what a train step hands over
    stop = threading.Event()
    adapter = keras_model._adapter_class()(None, stop.is_set, on_train_begin=lambda: None)
    hooks = keras.callbacks.CallbackList([adapter] if with_adapter else [], add_history=True, model=model,
                                         verbose=0, epochs=1, steps=batches)
    hooks.on_train_begin()
    hooks.on_epoch_begin(0)
    t0 = time.perf_counter()
    for b in range(batches):
        hooks.on_train_batch_begin(b)
        hooks.on_train_batch_end(b, logs)
    hooks._flush_futures()  # the asynchronous work counts too
    cost = (time.perf_counter() - t0) / batches
    hooks.on_train_end()
    return cost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subset", type=int, default=12000, help="training samples (0 = all 48,000)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    ds = load(args.subset)
    cfg = TrainConfig.textbook("keras", dataset=ds.name, epochs=args.epochs)
    print(f"{ds.name}: {len(ds.y_train)} train / {len(ds.y_val)} val, units {cfg.units}, {cfg.optimizer} "
          f"lr {cfg.learning_rate}, batch {cfg.batch_size}, {cfg.epochs} epochs × {args.repeats} repeats, "
          f"device {keras_model.device_name()}")
    paths = {"plain model.fit": plain_fit, "KerasNetwork.fit": network_fit, "TrainJob": job_fit,
             "1 step/execution": network_fit_one_step}
    figures = {name: {"steady": [], "wall": [], "cpu": []} for name in paths}
    plain_fit(cfg, ds)  # warm-up: first-use costs (imports, kernels) belong to no path
    names = list(paths)
    for rep in range(args.repeats):
        for name in names[rep % len(names):] + names[:rep % len(names)]:  # rotate: no path always runs first
            fn = paths[name]
            wall0, cpu0 = time.perf_counter(), time.process_time()
            epochs = fn(cfg, ds)
            fig = figures[name]
            fig["wall"].append((time.perf_counter() - wall0) / len(epochs))
            fig["cpu"].append((time.process_time() - cpu0) / len(epochs))
            fig["steady"] += epochs[1:] or epochs
    columns = ("steady", "wall", "cpu")
    print(f"{'path':<18}" + "".join(f"{c + ' s/epoch':>16}{'ratio':>7}" for c in columns))
    base = {c: min(figures["plain model.fit"][c]) for c in columns}
    for name, fig in figures.items():
        print(f"{name:<18}" + "".join(f"{min(fig[c]):>16.3f}{min(fig[c]) / base[c]:>7.3f}" for c in columns))
    steady = {name: min(fig["steady"]) for name, fig in figures.items()}
    print(f"steps per execution at batch {cfg.batch_size}: {keras_model.steps_per_execution(cfg.batch_size)}; "
          f"gain over plain model.fit ×{steady['plain model.fit'] / steady['KerasNetwork.fit']:.2f}, over one "
          f"step per execution ×{steady['1 step/execution'] / steady['KerasNetwork.fit']:.2f} (steady epochs)")
    print(f"Stop → job ended: {1000 * stop_latency(cfg, ds):.0f} ms at most (mid-epoch, validation included)")
    plain_us, ours_us = (1e6 * min(dispatch_cost(w) for _ in range(5)) for w in (False, True))
    batch_us = 1e6 * base["steady"] / math.ceil(len(ds.y_train) / cfg.batch_size)
    print(f"after-batch callback dispatch: plain {plain_us:.1f} µs, ours {ours_us:.1f} µs per batch; "
          f"the difference is {100 * (ours_us - plain_us) / batch_us:+.2f} % of a plain batch "
          f"({batch_us:.0f} µs, validation included)")


if __name__ == "__main__":
    main()
