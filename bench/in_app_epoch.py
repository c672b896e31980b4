"""Is an epoch inside the app as fast as the benchmark's? The fast preset on Fashion-MNIST, three ways.

Run from the repository root:  .venv/bin/python bench/in_app_epoch.py  [--epochs 4]

- bench: ``MultiClassNetwork.fit`` called directly in the main thread (what bench/epoch_time.py times);
- in-app alone: one ``TrainJob`` as the trainer page starts it (worker thread, job slots, reniced, per-epoch
  validation labels recorded), the only job in the process;
- in-app, 2 jobs: two such jobs started together (per job).

Each figure is the fastest epoch (other processes share the cores); the ratio to the bench is printed
beside it, measured in the same run. Timings are printed, never asserted.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.runs import training  # noqa: E402
from core.data.datasets import load_fashion_mnist, one_hot  # noqa: E402
from core.runs.config import PRESETS  # noqa: E402
from core.runs.training import TrainJob, make_estimator  # noqa: E402


def bench_epoch(config, ds) -> float:
    """Fastest epoch of a plain fit in this thread."""
    seconds = []
    make_estimator(config).fit(ds.x_train, one_hot(ds.y_train, 10), epochs=config.epochs, x_val=ds.x_val,
                               y_val=one_hot(ds.y_val, 10),
                               on_epoch_end=lambda e, logs: seconds.append(logs["seconds"]))
    return min(seconds)


def job_epochs(config, ds, n_jobs: int) -> list[float]:
    """Fastest epoch of each of ``n_jobs`` jobs started together, as the app runs them."""
    jobs = [TrainJob(dataclasses.replace(config, seed=config.seed + i), ds) for i in range(n_jobs)]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()
        assert job.state == training.JobState.FINISHED, job.reason
    return [min(job.history()[training.SECONDS_KEY]) for job in jobs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=4)
    args = parser.parse_args()
    ds = load_fashion_mnist()
    config = dataclasses.replace(PRESETS["fast"], epochs=args.epochs, record_val_predictions=True)
    print(f"fast preset ({config.units} {config.activation} units, batch {config.batch_size}), "
          f"{len(ds.y_train):,} training images, {os.cpu_count()} cores, {training.max_jobs()} job slots")
    bench_epoch(dataclasses.replace(config, epochs=1), ds)  # compile / warm caches
    ref = bench_epoch(config, ds)
    alone = job_epochs(config, ds, 1)[0]
    two = job_epochs(config, ds, 2)
    ref_after = bench_epoch(config, ds)
    ref = min(ref, ref_after)
    print(f"  bench (plain fit, main thread)  {ref:.3f} s/epoch")
    print(f"  in-app, alone                   {alone:.3f} s/epoch   ×{alone / ref:.2f} of the bench")
    print(f"  in-app, 2 jobs at once          {max(two):.3f} s/epoch per job (slower one)   "
          f"×{max(two) / ref:.2f} of the bench")


if __name__ == "__main__":
    main()
