"""Time from an uploaded picture to the softmax bars on "Try your own picture", on the server.

Per picture: the pipeline (decode, EXIF, crop, grey, negate, 28×28: ``core.pages.own_image.prepare``), the
prediction (softmax outputs and the logits for the explorer link), the nearest training images of the
predicted class, and the bar figure as ``st.plotly_chart`` serialises it (``to_dict``). The peer in the
same run is the prediction alone: what any page that classifies one image pays. Pictures: a 640×480
camera shot, a 12-megapixel phone JPEG (4000×3000) and a 12-megapixel PNG (noise-free, to fit the 5 MB; PNGs have no reduced-scale decoding).
Network: the fast preset trained on all 48,000 Fashion-MNIST images. Prints minima over repetitions
(other work shares the cores).

First, hostile pictures (issue 23): the largest and strangest files a student can upload, each prepared in
a fresh process that reports the time (minimum of up to 3) and how much the pipeline raised its peak
memory (VmHWM: Linux carries ru_maxrss over from the parent process; tracemalloc misses Pillow's C
buffers). Run: ``.venv/bin/python bench/own_image.py [--repeats R] [--hostile-only]``.
"""
from __future__ import annotations

import argparse
import io
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._timing import best_of  # noqa: E402
from core.pages import own_image as oi  # noqa: E402
from core.data.datasets import load_fashion_mnist, one_hot  # noqa: E402
from core.figures.evaluation import proba_bars  # noqa: E402
from core.text.i18n import class_names  # noqa: E402
from core.runs.config import PRESETS  # noqa: E402
from core.runs.training import make_estimator  # noqa: E402


def scene(w: int, h: int, rng: np.random.Generator, noise: float = 6.0) -> Image.Image:
    """A light background (noisy, shaded left to right) with a dark garment-like shape."""
    shade = np.linspace(-12, 12, w)[None, :, None]
    a = np.clip(rng.normal(228, noise, (h, w, 3)) + shade, 0, 255).astype(np.uint8)
    a[h // 4: 7 * h // 8, 2 * w // 5: 3 * w // 5] = (40, 50, 80)
    a[h // 4: h // 2, w // 4: 3 * w // 4] = (40, 50, 80)
    return Image.fromarray(a)


def photo(w: int, h: int, fmt: str, rng: np.random.Generator, noise: float = 6.0) -> bytes:
    """:func:`scene` as ``fmt``."""
    return encoded(scene(w, h, rng, noise), fmt, **({"quality": 90} if fmt == "JPEG" else {}))


MEASURE = """
import sys, time
from pathlib import Path
from core.pages import own_image as oi

def peak():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) / 1024
data, times = Path(sys.argv[1]).read_bytes(), []
start = peak()
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    try:
        result = "{} x {}".format(*oi.prepare(data).size)
    except oi.OwnImageError as exc:
        result = exc.message.key
    times.append(time.perf_counter() - t)
print(result, min(times), peak() - start)
"""


def encoded(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


def flat(mode: str, w: int = 6000, h: int = 4000) -> Image.Image:
    """A flat picture (a few kilobytes as PNG, GIF or WebP) with a dark object in the middle."""
    if mode in ("I;16", "P"):  # Pillow fills neither a 16-bit nor a palette picture with a colour
        a = np.full((h, w), 50_000, np.uint16)
        a[h // 4: 3 * h // 4, w // 3: 2 * w // 3] = 3_000
        return Image.fromarray(a) if mode == "I;16" else Image.fromarray((a // 257).astype(np.uint8)).quantize(4)
    img = Image.new(mode, (w, h), {"RGBA": (0, 0, 0, 0), "1": 1}.get(mode, 230))
    img.paste({"RGBA": (30, 30, 40, 255), "1": 0}.get(mode, 30), (w // 3, h // 4, 2 * w // 3, 3 * h // 4))
    return img


def hostile_pictures() -> dict[str, bytes]:
    """The largest pictures of each kind the limits let through (24 megapixels, 5 MB) and files made to
    cost time: frames, chunks or markers by the hundred thousand."""
    shot = scene(6000, 4000, np.random.default_rng(0), noise=0)  # shaded, so not flat; < 5 MB as PNG
    white = Image.new("RGB", (64, 64), "white")
    tiny_png, tiny_jpeg = encoded(white, "PNG"), encoded(white, "JPEG")
    empty_chunk = struct.pack(">I", 0) + b"abCd" + struct.pack(">I", zlib.crc32(b"abCd"))
    idat = tiny_png.index(b"IDAT") - 4
    gif = encoded(Image.new("P", (64, 64), 0), "GIF")
    big_gif = encoded(flat("L"), "GIF")
    first = big_gif.index(b",")  # the first image descriptor
    prog = encoded(flat("RGB"), "JPEG", progressive=True, subsampling=0)
    pixel_frame = bytes.fromhex("2c 0000 0000 0100 0100 00 02 02 4c01 00")
    return {
        "16-bit grey PNG 6000×4000": encoded(flat("I;16"), "PNG"),
        "RGBA PNG 6000×4000": encoded(flat("RGBA"), "PNG"),
        "RGB PNG 6000×4000": encoded(shot, "PNG"),
        "palette PNG 6000×4000": encoded(flat("P"), "PNG"),
        "1-bit BMP 6000×4000": encoded(flat("1"), "BMP"),
        "GIF 6000×4000": encoded(flat("L"), "GIF"),
        "progressive 4:4:4 JPEG 6000×4000": encoded(shot, "JPEG", progressive=True, subsampling=0),
        "progressive CMYK JPEG 6000×4000": encoded(flat("CMYK"), "JPEG", progressive=True),
        "WebP 6000×4000": encoded(flat("RGB"), "WEBP", quality=50),
        "WebP 3200×3000": encoded(flat("RGB", 3200, 3000), "WEBP", quality=50),
        "GIF of 350,000 one-pixel frames": gif[:-1] + pixel_frame * ((oi.MAX_BYTES - len(gif)) // 15) + b";",
        "PNG with 436,000 empty chunks": tiny_png[:idat] + empty_chunk * ((oi.MAX_BYTES - len(tiny_png)) // 12)
        + tiny_png[idat:],
        "JPEG with 1.3 million empty comments": tiny_jpeg[:2]
        + b"\xff\xfe\x00\x02" * ((oi.MAX_BYTES - len(tiny_jpeg)) // 4) + tiny_jpeg[2:],
        "progressive JPEG 6000×4000 behind 1.3 million comments": prog[:2]
        + b"\xff\xfe\x00\x02" * ((oi.MAX_BYTES - len(prog)) // 4) + prog[2:],
        "GIF 6000×4000 behind a million comments": big_gif[:first]
        + b"\x21\xfe\x01x\x00" * ((oi.MAX_BYTES - len(big_gif)) // 5) + big_gif[first:],
        "GIF behind one comment of 2.6 million one-byte sub-blocks": gif[:gif.index(b",")] + b"\x21\xfe"
        + b"\x01x" * ((oi.MAX_BYTES - len(gif)) // 2 - 2) + b"\x00" + gif[gif.index(b","):],
        "GIF behind 5 million stray bytes": gif[:gif.index(b",")] + bytes(oi.MAX_BYTES - len(gif))
        + gif[gif.index(b","):],
        "GIF whose first frame trails 2.6 million one-byte sub-blocks": gif_frame_tail(gif, pixel_frame),
        "JPEG with 5 million fill bytes": tiny_jpeg[:2] + b"\xff" * (oi.MAX_BYTES - len(tiny_jpeg)) + tiny_jpeg[2:],
        "progressive JPEG 6000×4000 with 100 extra scans": extra_scans(prog, 100),
        "1-bit PNG 20000×20000 (a bomb)": encoded(Image.new("1", (20_000, 20_000), 1), "PNG", optimize=True),
    }


def gif_frame_tail(gif: bytes, frame: bytes) -> bytes:
    """``gif``'s first frame followed by one-byte sub-blocks up to 5 MB (its decoder stops at the end code
    before them), then a second frame: Pillow skips them one by one to learn whether the GIF is animated."""
    at = gif.index(b",") + 11
    while gif[at]:
        at += 1 + gif[at]
    return gif[:at] + b"\x01x" * ((oi.MAX_BYTES - len(gif) - len(frame)) // 2) + b"\x00" + frame + b";"


def extra_scans(jpeg: bytes, n: int) -> bytes:
    """A progressive ``jpeg`` with its last scan repeated ``n`` times: libjpeg goes over every coefficient
    of the picture once per scan (17 ms a scan at 24 megapixels), however few bytes the scan has."""
    end = jpeg.rindex(b"\xff\xd9")
    return jpeg[:end] + jpeg[jpeg.rindex(b"\xff\xda"):end] * n + jpeg[end:]


def hostile(repeats: int) -> None:
    """Each hostile picture prepared in a fresh process: what it gave, its time and its extra memory."""
    print("hostile pictures, each in a fresh process (time: minimum; memory: rise of the peak):")
    worst = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in hostile_pictures().items():
            path = Path(tmp, "picture")
            path.write_bytes(data)
            out = subprocess.run([sys.executable, "-c", MEASURE, str(path), str(repeats)], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout.split()
            seconds, mb = float(out[-2]), float(out[-1])
            worst.append((mb, seconds, name))
            print(f"  {name} ({len(data) / 1024:,.0f} KB): {' '.join(out[:-2])}, {seconds:.2f} s, +{mb:.0f} MB")
    mb, seconds, name = max(worst)
    print(f"largest: {name}: +{mb:.0f} MB, {seconds:.2f} s; slowest: {max(worst, key=lambda w: w[1])[2]}: "
          f"{max(w[1] for w in worst):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--hostile-only", action="store_true", help="only the hostile pictures: no network")
    args = parser.parse_args()
    repeats = args.repeats
    hostile(min(repeats, 3))
    if args.hostile_only:
        return
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

    peer = best_of(lambda: predict(x0), repeats * 10)
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
        times = {k: best_of(fn, repeats) for k, fn in parts.items()}
        detail = ", ".join(f"{k} {v * 1e3:.2f}" for k, v in times.items())
        print(f"{name} ({len(data) / 2**20:.1f} MB): upload to bars {sum(times.values()) * 1e3:6.1f} ms "
              f"({detail} ms)")


if __name__ == "__main__":
    main()
