"""One animation frame of the decision-regions page on the server, and its parts (median over frames).

A frame while playing: the page's own RegionsSession trains one epoch (1,000 points, batch 32, 8 tanh hidden
units), evaluates the 100×100 grid and the points (a playing frame has no click/hover targets),
build the plane figure, and serialise it as st.plotly_chart does (``plotly.io.to_json``). Target: median
≤ 30 ms. Printed beside it, measured in the same run: scikit-learn's MLPClassifier (8 units, batch 32)
doing the same epoch with ``partial_fit``, and the paused plane's figure with its 31×31 targets.
Run: ``.venv/bin/python bench/regions_frame.py [--frames N]``.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

import plotly.io as pio

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.figures.regions import plane_figure, region_values  # noqa: E402
from core.pages.regions_session import RegionsSession, Settings  # noqa: E402

TEXT = {k: k for k in ("x1", "x2", "class", "boundary", "wrong", "units", "ambiguous")}
TARGET_SIDE = 31  # as views/parts/regions_live.py, when paused


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=60)
    frames = ap.parse_args().frames
    session = RegionsSession(Settings(kind="spiral", n_classes=3, n_points=1000, noise=0.2, test_share=0.0, seed=0,
                                      model="softmax", units=8, activation="tanh", learning_rate=0.3, batch="32",
                                      l2=0.0, grid=100, unit_lines=True, click="look"))
    session.train_epoch()  # compile / warm up
    x, y = session.data[:2]
    parts: dict[str, list[float]] = {k: [] for k in ("epoch", "evaluate", "figure", "serialise", "frame")}
    for _ in range(frames):
        t0 = time.perf_counter()
        session.train_epoch()
        t1 = time.perf_counter()
        v = session.view(target_side=0, unit_lines_up_to=8)
        t2 = time.perf_counter()
        fig = plane_figure(v.grid.axis, region_values(v.grid.classes, v.grid.confidence, 3), 3,
                           points=[dict(x=x, cls=y, ring=v.wrong[0], name="train")], targets=v.targets,
                           target_proba=v.target_proba, boundaries=v.boundaries, unit_lines=v.lines, text=TEXT,
                           contour=v.grid.classes)
        t3 = time.perf_counter()
        spec = pio.to_json(fig, validate=False)
        t4 = time.perf_counter()
        for key, seconds in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0)):
            parts[key].append(seconds * 1000)

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    mlp = MLPClassifier(hidden_layer_sizes=(8,), activation="tanh", solver="sgd", batch_size=32,
                        learning_rate_init=0.3, momentum=0.0, random_state=0)
    mlp.partial_fit(x, y, classes=[0, 1, 2])
    peer = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for _ in range(frames):
            t0 = time.perf_counter()
            mlp.partial_fit(x, y)
            peer.append((time.perf_counter() - t0) * 1000)
    paused = []
    for _ in range(frames):
        t0 = time.perf_counter()
        v = session.view(target_side=TARGET_SIDE, unit_lines_up_to=8)
        fig = plane_figure(v.grid.axis, region_values(v.grid.classes, v.grid.confidence, 3), 3,
                           points=[dict(x=x, cls=y, ring=v.wrong[0], name="train")], targets=v.targets,
                           target_proba=v.target_proba, boundaries=None, unit_lines=v.lines, text=TEXT,
                           contour=v.grid.classes)
        pio.to_json(fig, validate=False)
        paused.append((time.perf_counter() - t0) * 1000)

    med = {k: statistics.median(v) for k, v in parts.items()}
    print(f"Decision-regions playing frame, median of {frames} (1,000 points, batch 32, 8 hidden units, "
          f"100x100 grid, no targets):")
    print(f"  frame          {med['frame']:6.1f} ms   (target <= 30 ms; p90 "
          f"{statistics.quantiles(parts['frame'], n=10)[-1]:.1f} ms)")
    for key in ("epoch", "evaluate", "figure", "serialise"):
        print(f"    {key:<12} {med[key]:6.1f} ms")
    print(f"  spec size      {len(spec) / 1024:6.0f} kB sent per frame")
    print(f"  peer: scikit-learn MLPClassifier partial_fit, same epoch  {statistics.median(peer):6.1f} ms")
    print(f"  paused redraw: grid + {TARGET_SIDE}x{TARGET_SIDE} targets + figure + serialise  "
          f"{statistics.median(paused):6.1f} ms")


if __name__ == "__main__":
    main()
