"""Time from an uploaded picture to the softmax bars on "Try your own picture", on the server.

Per picture: the pipeline (decode, EXIF, crop, grey, negate, 28×28: ``core.own_image.prepare``), the
prediction (softmax outputs and the logits for the explorer link), the nearest training images of the
predicted class, and the bar figure as ``st.plotly_chart`` serialises it (``to_dict``). The peer in the
same run is the prediction alone: what any page that classifies one image pays. Pictures: a 640×480
camera shot, a 12-megapixel phone JPEG (4000×3000) and a 12-megapixel PNG (noise-free, to fit the 5 MB; PNGs have no reduced-scale decoding).
Network: the fast preset trained on all 48,000 Fashion-MNIST images. Prints minima over repetitions
(other work shares the cores). Run: ``.venv/bin/python bench/own_image.py [--repeats R]``.
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core import own_image as oi  # noqa: E402
from core.data import load_fashion_mnist, one_hot  # noqa: E402
from core.figures.evaluation import proba_bars  # noqa: E402
from core.i18n import class_names  # noqa: E402
from core.training import PRESETS, make_estimator  # noqa: E402


def best(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def photo(w: int, h: int, fmt: str, rng: np.random.Generator, noise: float = 6.0) -> bytes:
    """A light background (noisy, shaded left to right) with a dark garment-like shape, as ``fmt``."""
    shade = np.linspace(-12, 12, w)[None, :, None]
    a = np.clip(rng.normal(228, noise, (h, w, 3)) + shade, 0, 255).astype(np.uint8)
    a[h // 4: 7 * h // 8, 2 * w // 5: 3 * w // 5] = (40, 50, 80)
    a[h // 4: h // 2, w // 4: 3 * w // 4] = (40, 50, 80)
    buf = io.BytesIO()
    Image.fromarray(a).save(buf, format=fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    repeats = parser.parse_args().repeats
    ds = load_fashion_mnist()
    cfg = PRESETS["fast"]
    net = make_estimator(cfg).fit(ds.x_train, one_hot(ds.y_train, ds.n_classes), epochs=cfg.epochs)
    names = class_names("en")
    rng = np.random.default_rng(0)
    pictures = {"camera 640×480 JPEG": photo(640, 480, "JPEG", rng),
                "phone 4000×3000 JPEG": photo(4000, 3000, "JPEG", rng),
                "phone 4000×3000 PNG": photo(4000, 3000, "PNG", rng, noise=0)}  # < 5 MB only without noise
    x0 = oi.prepare(pictures["camera 640×480 JPEG"]).x

    def predict(x):
        p = net.predict_proba(x[None])[0]
        return p, net.decision_function(x[None])[0]

    peer = best(lambda: predict(x0), repeats * 10)
    print(f"peer, the prediction alone (softmax + logits of one image): {peer * 1e3:6.2f} ms")
    for name, data in pictures.items():
        prepared = oi.prepare(data)
        p, _ = predict(prepared.x)
        cls = int(np.argmax(p))
        parts = {
            "pipeline": lambda: oi.prepare(data),
            "prediction": lambda: predict(prepared.x),
            "nearest": lambda: oi.nearest(prepared.x, ds.x_train, ds.y_train, cls),
            "bars figure": lambda: proba_bars(p, names, true_class=None).to_dict(),
        }
        times = {k: best(fn, repeats) for k, fn in parts.items()}
        detail = ", ".join(f"{k} {v * 1e3:.2f}" for k, v in times.items())
        print(f"{name} ({len(data) / 2**20:.1f} MB): upload to bars {sum(times.values()) * 1e3:6.1f} ms "
              f"({detail} ms)")


if __name__ == "__main__":
    main()
