"""What one frame of the sigmoid page's fit replay costs on the server, and what the fit itself costs.

A frame rebuilds three figures (curve with pins, family and data; loss contour with the path; loss history)
and serialises them as st.plotly_chart does (``to_dict``). The page paces 12 frames over 2 s, so a frame
that costs more than ~0.17 s stretches the replay. Prints minima over repetitions (other work shares the
cores). Run: ``.venv/bin/python bench/sigmoid_replay.py [--repeats R]``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._timing import best_of  # noqa: E402
from core.maths import logistic as lg  # noqa: E402
from core.figures.sigmoid import loss_contour_figure, loss_history_figure, sigmoid_figure  # noqa: E402
from core.data.toy import EXAM  # noqa: E402

CURVE = {k: k for k in ("x", "y", "current", "threshold", "tangent", "pins", "class0", "class1", "predicted")}
CURVE |= {"midpoint": "{m}", "outside_left": "{m}", "outside_right": "{m}", "flat": "{v}"}
CONTOUR = {k: k for k in ("w", "b", "loss", "current", "path", "start", "end")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    repeats = parser.parse_args().repeats
    model = lg.LogisticRegression1D(1.0, 3000, w0=0.0, standardize=True)
    fit_s = best_of(lambda: model.fit(EXAM.x, EXAM.y), max(1, repeats // 5))
    w, b = model.path_[1500]
    parts = {
        "curve": lambda: sigmoid_figure(w, b, x_range=lg.x_window(EXAM.x), labels=CURVE,
                                        pins=[(0.3, -17.0)] * 8, family=lg.SLIDE_FAMILIES["w"],
                                        points={"x": EXAM.x, "y": EXAM.y}, note="epoch").to_dict(),
        "contour": lambda: loss_contour_figure(EXAM.x, EXAM.y, current=(w, b), labels=CONTOUR,
                                               path=model.path_, upto=1500).to_dict(),
        "history": lambda: loss_history_figure(model.history_["loss"][:1500], epochs=3000,
                                               labels={"epoch": "e", "loss": "l"}).to_dict(),
    }
    times = {name: best_of(fn, repeats) for name, fn in parts.items()}
    print(f"fit, 3000 epochs on 6 points: {fit_s * 1e3:.0f} ms")
    for name, s in times.items():
        print(f"{name:>8} figure + to_dict: {s * 1e3:6.1f} ms")
    print(f"   frame total: {sum(times.values()) * 1e3:6.1f} ms  (pace: {2000 / 12:.0f} ms per frame)")


if __name__ == "__main__":
    main()
