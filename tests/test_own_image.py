"""Check the own-picture pipeline: each step's shape and range, the round trip of real Fashion-MNIST
images through a black-on-white "photo", and every bad input a class will bring."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFile

from core.pages import own_image as oi
from core.data.datasets import DEBIAN_DIR, load_digits, load_fashion_mnist, one_hot
from core.pages.picture_parts import too_many_parts
from tests.conftest import PICTURES as FIXTURES, encode

ROOT = Path(__file__).resolve().parents[1]
HAVE_REAL = (DEBIAN_DIR / "t10k-images-idx3-ubyte.gz").exists()
need_real = pytest.mark.skipif(not HAVE_REAL and not os.environ.get("CI"),
                               reason="the real Fashion-MNIST (Debian package dataset-fashion-mnist)")


def sneaker_photo(w=400, h=300, bg=(235, 235, 230), fg=(40, 40, 60)) -> Image.Image:
    """A dark shape on a light background, off-centre, wider than tall."""
    a = np.full((h, w, 3), bg, np.uint8)
    a[h // 3: 2 * h // 3, w // 5: 4 * w // 5] = fg
    a[h // 4: h // 3, w // 5: w // 2] = fg
    return Image.fromarray(a)


# A process's peak memory in MB, for code run in a fresh one. VmHWM, not ru_maxrss: Linux carries
# ru_maxrss over from the parent through fork and exec, so behind a large pytest process a child's peak
# stays flat until it outgrows its parent's; and neither tracemalloc sees Pillow's C buffers.
PEAK = """
def peak():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) // 1024
"""


@pytest.fixture(scope="module")
def fashion():
    return load_fashion_mnist(dirs=[DEBIAN_DIR], cache_dir=False, allow_download=False)


# ------------------------------------------------------------------------------------------ the steps

@pytest.mark.parametrize("dataset, side", [("fashion_mnist", 28), ("digits", 8)])
def test_every_step_has_its_shape_and_range(dataset, side):
    """Check each step: RGB up to the crop, then 8-bit grey; the crop holds the object; the last step is
    side × side; x is float32 side² in [0, 1] with a black border (background) and a bright object."""
    p = oi.prepare(encode(sneaker_photo()), dataset)
    expected = [s for s in oi.STEPS if s != "sharpened" or dataset == "fashion_mnist"]
    assert list(p.steps) == expected
    assert p.steps["original"].size == (400, 300) and p.steps["original"].mode == "RGB"
    crop = p.steps["cropped"]
    assert crop.mode == "RGB" and crop.size == (240, 125)  # the shape's own box: 80…320 × 75…200
    for name in expected[2:]:
        assert p.steps[name].mode == "L"
    assert max(p.steps["resized"].size) == side
    assert p.steps["padded"].size == (side, side)
    assert p.x.dtype == np.float32 and p.x.shape == (side * side,)
    assert 0 <= p.x.min() and p.x.max() <= 1
    img = p.x.reshape(side, side)
    assert img[0].max() == 0 and img[-1].max() == 0      # padded rows: black
    assert img[side // 2].max() > 0.95                  # the object: white after negation and stretch
    assert p.inverted and p.light_background


def test_digits_come_in_sixteenths_like_load_digits():
    """Check that 8×8 pixels take the 17 values 0, 1/16, … 1 that scikit-learn's digits ÷ 16 take."""
    x = oi.prepare(encode(sneaker_photo()), "digits").x
    ref = np.unique(load_digits().x_train)
    assert set(np.unique(x)) <= set(ref) and len(ref) == 17


def test_dark_background_is_not_inverted_and_options_change_it():
    """Check that a light object on a dark background is kept as it is, and that invert, margin and
    contrast do what they say."""
    photo = encode(sneaker_photo(bg=(10, 10, 10), fg=(220, 220, 220)))
    auto = oi.prepare(photo)
    assert not auto.inverted and not auto.light_background and auto.x.reshape(28, 28)[14].max() > 0.95
    forced = oi.prepare(photo, options=oi.Options(invert=True))
    assert forced.inverted and forced.x.reshape(28, 28)[14, 14] == 0  # the object is now the dark part
    wide = oi.prepare(photo, options=oi.Options(margin=0.25))
    assert wide.steps["cropped"].size == (240 + 2 * 60, 125 + 2 * 60)
    flat = oi.prepare(photo, options=oi.Options(contrast=0.0))
    assert np.ptp(np.asarray(flat.steps["inverted"])) <= 1  # contrast 0: one grey level


def test_exif_orientation_is_respected():
    """Check that a picture whose EXIF says "rotate 90°" is turned upright before anything else."""
    img = sneaker_photo(400, 300)
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; show rotated 90° clockwise
    p = oi.prepare(encode(img, "JPEG", exif=exif.tobytes(), quality=95))
    assert p.steps["original"].size == (300, 400) and p.size == (300, 400)
    assert p.steps["cropped"].size[1] > p.steps["cropped"].size[0]  # the wide shape now stands tall


def test_nearest_finds_the_closest_images_of_the_class():
    """Check the nearest-neighbour lookup against a brute-force NumPy distance."""
    rng = np.random.default_rng(0)
    xs, ys = rng.random((300, 64), dtype=np.float32), rng.integers(0, 3, 300)
    q = rng.random(64, dtype=np.float32)
    got = oi.nearest(q, xs, ys, 2, k=4)
    members = np.flatnonzero(ys == 2)
    brute = members[np.argsort(((xs[members] - q) ** 2).sum(1))[:4]]
    assert got.tolist() == brute.tolist()
    assert oi.nearest(q, xs, ys, 7).size == 0


# ------------------------------------------------------------------------------------- the round trip

@need_real
def test_test_images_come_back_through_a_photo(fashion):
    """Check that 200 Fashion-MNIST test images, each upscaled ×10 into a black-on-white photo with a
    white border, come back close to the original (the pipeline undoes what the data set's makers did)."""
    x = fashion.x_test[:200]
    out = np.stack([oi.prepare(oi.as_photo(v.reshape(28, 28), border=40)).x for v in x])
    mad = np.abs(out - x).mean(axis=1)
    corr = np.array([np.corrcoef(a, b)[0, 1] for a, b in zip(out, x)])
    assert np.median(mad) < 0.04 and np.percentile(mad, 90) < 0.08
    assert np.median(corr) > 0.98 and np.percentile(corr, 10) > 0.9


@need_real
@pytest.mark.slow
def test_fast_preset_classifies_round_trips_as_the_originals(fashion):
    """Check that the fast preset's network (trained on all 48,000 images) gives ≥ 90 % of 200 round
    trips the class it gives the original image."""
    from core.runs.config import PRESETS
    from core.runs.training import make_estimator

    cfg = PRESETS["fast"]
    net = make_estimator(cfg).fit(fashion.x_train, one_hot(fashion.y_train, 10), epochs=cfg.epochs)
    x = fashion.x_test[:200]
    out = np.stack([oi.prepare(oi.as_photo(v.reshape(28, 28), border=40)).x for v in x])
    assert np.mean(net.predict(out) == net.predict(x)) >= 0.9


# -------------------------------------------------------------------------------------- bad pictures

def error_of(data: bytes, **kw) -> oi.OwnImageError:
    with pytest.raises(oi.OwnImageError) as info:
        oi.prepare(data, **kw)
    for lang in ("en", "ko"):  # a message in both languages, every placeholder filled
        text = info.value.text(lang)
        assert "⟦" not in text and "{" not in text and len(text) > 20
    return info.value


def bomb_png(w=20_000, h=20_000) -> bytes:
    """A 1-bit PNG of w × h white pixels: a few kilobytes that would decode to 400 megapixels."""
    return encode(Image.new("1", (w, h), 1), optimize=True)


def test_not_an_image():
    """Check that text named like a picture says it is no picture and lists the formats."""
    err = error_of(b"hello, this is a text file\n" * 20)
    assert err.message.key == "own.error.not_image" and "PNG" in err.text("en") and "PNG" in err.text("ko")


def test_empty_file():
    """Check that zero bytes say the file is empty."""
    assert error_of(b"").message.key == "own.error.empty"


def test_truncated_jpeg():
    """Check that a JPEG cut in half says it is damaged, not a traceback."""
    data = encode(sneaker_photo(), "JPEG", quality=90)
    assert error_of(data[: len(data) // 2]).message.key == "own.error.damaged"


def test_one_pixel_image():
    """Check that a 1×1 picture says it is too small and how big it must be."""
    err = error_of(encode(Image.new("RGB", (1, 1), "red")))
    assert err.message.key == "own.error.too_small" and "1 × 1" in err.text("en")


def test_decompression_bomb_is_refused_before_decoding():
    """Check that a 20,000 × 20,000 PNG is refused from its header alone, with Pillow's own limit lowered
    nowhere, and that refusing it allocates next to nothing."""
    data = bomb_png()
    assert len(data) < oi.MAX_BYTES
    err = error_of(data)
    assert err.message.key in ("own.error.too_many_pixels", "own.error.bomb")
    assert "20000" in err.text("en") or err.message.key == "own.error.bomb"


def test_bomb_keeps_memory_bounded(tmp_path):
    """Check in a fresh process that refusing a bomb costs next to no memory, and that preparing a
    24-megapixel JPEG (the largest accepted) stays far below its 72 MB of decoded RGB pixels (measured:
    18 MB), as JPEGs
    are decoded at a reduced scale."""
    (tmp_path / "bomb.png").write_bytes(bomb_png())
    photo = Image.effect_noise((6000, 4000), 10).convert("RGB")  # grey noise with a dark object
    photo.paste((20, 20, 30), (2000, 1000, 4000, 3500))
    big = encode(photo, "JPEG", quality=60)
    assert len(big) < oi.MAX_BYTES
    (tmp_path / "big.jpg").write_bytes(big)
    code = f"""
        from pathlib import Path
        from core.pages import own_image as oi
        data = [Path({str(tmp_path)!r}, n).read_bytes() for n in ("bomb.png", "big.jpg")]
        start = peak()
        try:
            oi.prepare(data[0])
        except oi.OwnImageError as exc:
            print(exc.message.key)
        after_bomb = peak()
        print(oi.prepare(data[1]).size)
        print(after_bomb - start, peak() - after_bomb, flush=True)
    """
    out = subprocess.run([sys.executable, "-c", PEAK + textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    key, size, growth = out.stdout.strip().splitlines()
    assert key == "own.error.bomb" and size == "(6000, 4000)"
    bomb_mb, jpeg_mb = map(int, growth.split())
    assert bomb_mb < 10, f"refusing the bomb grew the peak memory by {bomb_mb} MB"
    assert jpeg_mb < 30, f"the 24-megapixel JPEG grew the peak memory by {jpeg_mb} MB"


def test_too_many_bytes():
    """Check that more than 5 MB is refused before Pillow sees it."""
    assert error_of(b"\x89PNG" + bytes(oi.MAX_BYTES)).message.key == "own.error.too_large"


def test_animated_gif_uses_the_first_frame():
    """Check that an animated GIF gives its first frame (a dark square, not the second's bright one)
    and says that only the first frame was used."""
    first = sneaker_photo()
    second = Image.new("RGB", first.size, (20, 20, 20))
    data = encode(first, "GIF", save_all=True, append_images=[second], duration=100, loop=0)
    p = oi.prepare(data)
    assert p.animated and "own.note.frames" in p.notes
    ref = oi.prepare(encode(first))
    assert np.abs(p.x - ref.x).mean() < 0.05


def test_cmyk_jpeg():
    """Check that a CMYK JPEG (print workflows save them) gives the same input as its RGB twin."""
    rgb = sneaker_photo()
    p = oi.prepare(encode(rgb.convert("CMYK"), "JPEG", quality=95))
    ref = oi.prepare(encode(rgb, "JPEG", quality=95))
    assert np.abs(p.x - ref.x).mean() < 0.03


def test_sixteen_bit_grey_png_is_scaled_not_clipped():
    """Check that a 16-bit grey PNG (mid-grey background 40000/65535, dark shape) is scaled down to 8 bits
    rather than clipped to white, and so gives the 8-bit twin's input."""
    grey8 = np.asarray(sneaker_photo().convert("L"))
    grey16 = (grey8.astype(np.uint16) * 257)
    img16 = Image.fromarray(grey16)  # mode I;16
    p = oi.prepare(encode(img16))
    assert np.asarray(p.steps["original"]).mean() < 250  # not blown out to white
    ref = oi.prepare(encode(Image.fromarray(grey8)))
    assert np.abs(p.x - ref.x).max() <= 1 / 255 + 1e-6


def test_transparency_lies_on_white():
    """Check that a transparent background counts as white: a dark shape on transparent pixels is
    inverted into a light shape on black, like the same shape on white."""
    shape = sneaker_photo(bg=(0, 0, 0), fg=(40, 40, 60))
    alpha = Image.fromarray(np.where(np.asarray(shape).sum(2) > 0, 255, 0).astype(np.uint8))
    rgba = shape.convert("RGBA")
    rgba.putalpha(alpha)
    p = oi.prepare(encode(rgba))
    ref = oi.prepare(encode(sneaker_photo(bg=(255, 255, 255), fg=(40, 40, 60))))
    assert p.inverted and np.abs(p.x - ref.x).max() < 0.02


def test_blank_picture_and_empty_drawing():
    """Check that a picture of one colour (an empty drawing, a lens cap) says there is nothing to see."""
    assert error_of(encode(Image.new("RGB", (300, 300), "white"))).message.key == "own.error.blank"
    assert error_of(encode(Image.new("RGBA", (300, 300), (0, 0, 0, 0)))).message.key == "own.error.blank"


def test_heic_is_named():
    """Check that an iPhone HEIC picture (which Pillow cannot read) gets the not-a-supported-picture
    message with the formats to save it as."""
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(100)
    assert error_of(heic).message.key == "own.error.not_image"


# ------------------------------------------------------------------------------- hostile pictures

def extra_memory(tmp_path: Path, data: bytes) -> tuple[str, int]:
    """What ``prepare`` gives for ``data`` (its size, or the refusal's key) and how many MB it raised the
    peak memory of a fresh process by (see PEAK)."""
    path = tmp_path / "picture"
    path.write_bytes(data)
    code = f"""
        from pathlib import Path
        from core.pages import own_image as oi
        data = Path({str(path)!r}).read_bytes()
        start = peak()
        try:
            print(oi.prepare(data).size)
        except oi.OwnImageError as exc:
            print(exc.message.key)
        print(peak() - start, flush=True)
    """
    out = subprocess.run([sys.executable, "-c", PEAK + textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    result, mb = out.stdout.strip().splitlines()
    return result, int(mb)


def flat_picture(mode: str, w: int = 6000, h: int = 4000) -> Image.Image:
    """A mostly flat ``mode`` picture (a few kilobytes as PNG or WebP) with a dark object in the middle."""
    if mode == "I;16":
        a = np.full((h, w), 50_000, np.uint16)
        a[h // 4: 3 * h // 4, w // 3: 2 * w // 3] = 3_000
        return Image.fromarray(a)
    a = np.zeros((h, w, len(mode)), np.uint8)  # RGBA: transparent; RGB: black…
    a[...] = 230 if mode == "RGB" else 0
    a[h // 4: 3 * h // 4, w // 3: 2 * w // 3] = (30, 30, 40, 255)[:len(mode)]
    return Image.fromarray(a, mode)


def comment_flood(jpeg: bytes) -> bytes:
    """``jpeg`` behind as many empty comment segments as fit in the 5 MB: Pillow keeps each one."""
    return jpeg[:2] + b"\xff\xfe\x00\x02" * ((oi.MAX_BYTES - len(jpeg)) // 4) + jpeg[2:]


LARGEST = {  # the largest pictures of each kind: what they cost before, and what they must give
    "16-bit grey PNG": (lambda: encode(flat_picture("I;16")), "(6000, 4000)"),  # 596 MB before
    "RGBA PNG": (lambda: encode(flat_picture("RGBA")), "(6000, 4000)"),  # 367 MB
    "RGB WebP": (lambda: encode(flat_picture("RGB"), "WEBP", quality=50), "own.error.too_much_memory"),  # 374 MB
    "progressive JPEG behind a million comments": (  # 230 MB: the segments, then every coefficient
        lambda: comment_flood(encode(flat_picture("RGB"), "JPEG", progressive=True, subsampling=0)),
        "own.error.too_many_parts"),  # own.error.too_much_memory before the walk over its parts
}


@pytest.mark.parametrize("name", list(LARGEST))
def test_large_pictures_take_at_most_200_mb(tmp_path, name):
    """Check in a fresh process that each of the largest pictures a student can upload (24 megapixels,
    5 MB) raises the peak memory by at most 200 MB: a 16-bit PNG and an RGBA PNG are prepared (they took
    596 and 367 MB when converted and laid on white at full size); a WebP, which libwebp and Pillow hold
    four times over, is refused from its header, and a progressive JPEG behind a million comments from
    the walk over its parts."""
    make, expected = LARGEST[name]
    result, mb = extra_memory(tmp_path, make())
    assert result == expected
    assert mb <= 200, f"the {name} grew the peak memory by {mb} MB"


def test_too_much_memory_says_how_big_and_what_to_do():
    """Check that a picture refused for the memory its decoding takes says its size, the memory and the
    limit, in both languages, before decoding it."""
    err = error_of(encode(flat_picture("RGB"), "WEBP", quality=50))
    assert err.message.key == "own.error.too_much_memory" and err.message.params["mb"] > oi.MAX_DECODE_MB
    for lang in ("en", "ko"):
        assert "6000 × 4000" in err.text(lang) and "JPEG" in err.text(lang)


def test_at_most_two_pictures_decode_at_once(monkeypatch):
    """Check that four pictures prepared at the same moment (four students) decode two at a time, and
    that all four are prepared."""
    running, peak, lock = [0], [0], threading.Lock()
    load = ImageFile.ImageFile.load

    def slow_load(self):
        if not self.tile:  # already decoded: Pillow calls load() again before each operation
            return load(self)
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.3)
        try:
            return load(self)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(ImageFile.ImageFile, "load", slow_load)
    data = encode(sneaker_photo())
    with ThreadPoolExecutor(4) as pool:
        prepared = list(pool.map(lambda _: oi.prepare(data), range(4)))
    assert peak[0] == oi.DECODE_SLOTS == 2
    assert all(isinstance(p, oi.Prepared) for p in prepared)


def test_a_picture_waits_a_bounded_time_then_hears_the_server_is_busy():
    """Check that while both slots are taken a picture waits ``wait`` seconds and then gets the busy
    message in both languages, and that one waiting while a slot comes free is prepared."""
    data = encode(sneaker_photo())
    for _ in range(oi.DECODE_SLOTS):
        oi.DECODING.acquire()
    try:
        start = time.perf_counter()
        with pytest.raises(oi.OwnImageError) as info:
            oi.open_picture(data, wait=0.2)
        waited = time.perf_counter() - start
        threading.Timer(0.3, oi.DECODING.release).start()
        picture, _, _ = oi.open_picture(data, wait=5)
    finally:
        for _ in range(oi.DECODE_SLOTS - 1):
            oi.DECODING.release()
    assert info.value.message.key == "own.error.busy" and 0.2 <= waited < 5  # waited, and gave up
    assert "busy" in info.value.text("en") and "바쁩니다" in info.value.text("ko")
    assert picture.size == (400, 300)


# ------------------------------------------------------------------------ pictures of a million parts

def tiny(fmt: str, **kw) -> bytes:
    """A 64×64 picture (a dark square on light grey) as ``fmt``: a few hundred bytes."""
    img = Image.new("L", (64, 64), 230)
    img.paste(20, (16, 16, 48, 48))
    return encode(img, fmt, **kw)


def flooded(data: bytes, at: bytes, filler: bytes, head: bytes = b"", tail: bytes = b"", back: int = 0) -> bytes:
    """``data`` with ``head``, ``filler`` repeated up to 5 MB and ``tail`` put ``back`` bytes before the first
    ``at``."""
    i = data.index(at) - back
    n = (oi.MAX_BYTES - len(data) - len(head) - len(tail)) // len(filler)
    return data[:i] + head + filler * n + tail + data[i:]


def frame_tail(gif: bytes) -> bytes:
    """``gif``'s first frame followed by one-byte sub-blocks its decoder never reads (they come after the
    end code), then a second one-pixel frame: Pillow skips them one Python call each to learn whether the
    GIF is animated."""
    at = gif.index(b",") + 11  # the descriptor (no local colour table) and the LZW code size
    while gif[at]:
        at += 1 + gif[at]
    frame = bytes.fromhex("2c 0000 0000 0100 0100 00 02 02 4c01 00")
    return gif[:at] + b"\x01x" * ((oi.MAX_BYTES - len(gif) - len(frame)) // 2) + b"\x00" + frame + b";"


def extra_scans(jpeg: bytes, n: int) -> bytes:
    """A progressive ``jpeg`` with its last scan repeated ``n`` times."""
    end = jpeg.rindex(b"\xff\xd9")
    return jpeg[:end] + jpeg[jpeg.rindex(b"\xff\xda"):end] * n + jpeg[end:]


EMPTY_CHUNK = b"\x00\x00\x00\x00abCd" + zlib.crc32(b"abCd").to_bytes(4, "big")
FLOODS = {  # 5 MB each; what they cost before the walk (bench/own_image.py, Pillow 13)
    "PNG of 436,000 empty chunks": lambda: flooded(tiny("PNG"), b"IDAT", EMPTY_CHUNK, back=4),  # 1.2 s
    "JPEG of 1.3 million comments": lambda: flooded(tiny("JPEG"), b"\xff\xdb", b"\xff\xfe\x00\x02"),  # 1.4 s
    "progressive JPEG behind 1.3 million comments": lambda: flooded(
        tiny("JPEG", progressive=True), b"\xff\xdb", b"\xff\xfe\x00\x02"),  # 2.3 s at 24 megapixels
    "JPEG of 5 million fill bytes": lambda: flooded(tiny("JPEG"), b"\xff\xdb", b"\xff"),  # 3.7 s
    "progressive JPEG of 100 extra scans": lambda: extra_scans(tiny("JPEG", progressive=True), 100),  # 1.9 s at 24 MP
    "GIF behind a million comments": lambda: flooded(tiny("GIF"), b",", b"\x21\xfe\x01x\x00"),  # +201 MB at 24 MP
    "GIF behind one comment of 2.6 million sub-blocks": lambda: flooded(
        tiny("GIF"), b",", b"\x01x", head=b"\x21\xfe", tail=b"\x00"),  # 1.0 s
    "GIF behind 5 million stray bytes": lambda: flooded(tiny("GIF"), b",", b"\x00"),  # 0.6 s
    "GIF whose first frame trails 2.6 million sub-blocks": lambda: frame_tail(tiny("GIF")),  # 1.0 s
}


@pytest.mark.parametrize("name", list(FLOODS))
def test_a_picture_of_a_million_parts_is_refused_quickly(name):
    """Check that each file cut into millions of tiny blocks (chunks, comments, fill bytes, sub-blocks,
    stray bytes, scans), which Pillow would read one Python call at a time, is refused with the
    too-many-parts message in both languages before Pillow parses it (bench/own_image.py times it)."""
    data = FLOODS[name]()
    assert len(data) <= oi.MAX_BYTES and too_many_parts(data)
    err = error_of(data)
    assert err.message.key == "own.error.too_many_parts"
    assert "PNG" in err.text("en") and "PNG" in err.text("ko")


def camera_jpeg() -> bytes:
    """A phone-like 4000×3000 JPEG: noisy, EXIF with a thumbnail-sized maker note, a 100 KB ICC profile
    (in two APP2 segments), restart markers every row of blocks."""
    photo = Image.effect_noise((4000, 3000), 30).convert("RGB")
    photo.paste((20, 20, 30), (1000, 800, 3000, 2500))
    exif = Image.Exif()
    exif[0x0112] = 1
    exif[0x010F] = "Camera"
    exif.get_ifd(0x8769)[0x927C] = bytes(30_000)  # MakerNote
    return encode(photo, "JPEG", quality=85, exif=exif.tobytes(), icc_profile=bytes(100_000),
                  restart_marker_rows=1)


def test_real_pictures_pass_the_walk_quickly():
    """Check that every kind of real picture (the fuzzer's originals, the fixtures, a camera-like JPEG of
    several MB with restart markers, a 24-megapixel progressive JPEG) passes the walk over its parts, and
    that the camera-like JPEG is prepared."""
    pictures = dict(fuzz_originals())
    pictures["camera"] = camera = camera_jpeg()
    pictures["progressive 24 MP"] = encode(flat_picture("RGB"), "JPEG", progressive=True, subsampling=0)
    assert 1_000_000 < len(camera) <= oi.MAX_BYTES
    assert [name for name, data in pictures.items() if too_many_parts(data)] == []
    assert oi.prepare(camera).size == (4000, 3000)


def test_the_walk_ends_on_any_bytes():
    """Check that the walk over any prefix or mangled version of real pictures answers without raising,
    and ends: cut-off lengths, zero lengths and lengths pointing past the end."""
    rng = np.random.default_rng(0)
    for data in fuzz_originals().values():
        for cut in range(1, len(data), 7):
            too_many_parts(data[:cut])
        for _ in range(200):
            b = bytearray(data)
            for i in rng.integers(3, len(b), 4):
                b[i] = POKES[rng.integers(len(POKES))]
            too_many_parts(bytes(b))


# ------------------------------------------------------------------------------------ the fuzzer

FUZZ_SEED = int(os.environ.get("FUZZ_SEED", "1"))
FUZZ_SECONDS = 6.0
POKES = (0x00, 0x01, 0x7F, 0x80, 0xFF)  # values that break length and count fields


def small_photo() -> Image.Image:
    a = np.asarray(sneaker_photo(48, 36)).copy()
    a[::5, ::3, 0] = 200  # some texture, so the encoders' every branch has work
    return Image.fromarray(a)


def exif_block() -> bytes:
    """An EXIF block like a phone's: orientation, camera, resolution, date and a GPS position."""
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Camera"
    exif[0x011A] = 72.0
    exif[0x0128] = 2
    exif.get_ifd(0x8769)[0x9003] = "2024:01:01 00:00:00"
    exif.get_ifd(0x8825)[2] = (37.0, 33.0, 12.5)
    return exif.tobytes()


def fuzz_originals() -> dict[str, bytes]:
    """Small valid pictures of every accepted format, in the variants Pillow reads differently."""
    p = small_photo()
    rgba = p.convert("RGBA")
    rgba.putalpha(Image.fromarray((np.arange(48)[None, :].repeat(36, 0) * 5).astype(np.uint8)))
    pal = p.convert("P", palette=Image.Palette.ADAPTIVE, colors=8)
    dark = Image.new("RGB", p.size, (20, 20, 20))
    ex = exif_block()
    return {
        "png": encode(p), "png-rgba": encode(rgba), "png-p": encode(pal, transparency=0),
        "png-16": encode(Image.fromarray(np.asarray(p.convert("L")).astype(np.uint16) * 257)),
        "png-exif": encode(p, exif=ex), "apng": encode(p, save_all=True, append_images=[dark]),
        "jpeg-exif": encode(p, "JPEG", exif=ex), "jpeg-prog": encode(p, "JPEG", progressive=True),
        "jpeg-cmyk": encode(p.convert("CMYK"), "JPEG"),
        "mpo": encode(p, "MPO", save_all=True, append_images=[dark]),
        "webp-exif": encode(p, "WEBP", exif=ex), "webp-rgba": encode(rgba, "WEBP", lossless=True),
        "webp-anim": encode(p, "WEBP", save_all=True, append_images=[dark]),
        "gif": encode(pal, "GIF", transparency=0),
        "gif-anim": encode(p, "GIF", save_all=True, append_images=[dark]),
        "bmp": encode(p, "BMP"), "bmp-1": encode(p.convert("1"), "BMP"), "bmp-p": encode(pal, "BMP"),
    }


def mutate(data: bytes, rng: np.random.Generator) -> tuple[str, bytes]:
    """``data`` with bits flipped, cut short, random bytes inserted, a slice repeated or fields poked."""
    b = bytearray(data)
    kind = ("flip", "truncate", "insert", "splice", "poke")[rng.integers(5)]
    if kind == "flip":
        for i in rng.integers(0, len(b), rng.integers(1, 9)):
            b[i] ^= 1 << int(rng.integers(8))
    elif kind == "truncate":
        del b[rng.integers(1, len(b)):]
    elif kind == "insert":
        at = rng.integers(len(b))
        b[at:at] = rng.bytes(int(rng.integers(1, 200)))
    elif kind == "splice":
        start, stop = sorted(rng.integers(0, len(b), 2))
        at = rng.integers(len(b))
        b[at:at] = b[start:stop]
    else:
        for i in rng.integers(0, len(b), rng.integers(1, 5)):
            b[i] = POKES[rng.integers(len(POKES))]
    return kind, bytes(b)


def fuzz_case(originals: dict[str, bytes], seed: int, i: int) -> tuple[str, bytes]:
    """Case ``i`` of ``seed``: a mutated original, or (one in four for PNG/JPEG/WebP) a valid picture
    carrying a mutated EXIF block. The same file for the same seed and i, every time."""
    rng = np.random.default_rng([seed, i])
    names = sorted(originals)
    name = names[rng.integers(len(names))]
    fmt = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}.get(name.split("-")[0])
    if fmt and rng.random() < 0.25:
        kind, exif = mutate(exif_block(), rng)
        return f"{name} with its EXIF block: {kind}", encode(small_photo(), fmt, exif=exif)
    kind, data = mutate(originals[name], rng)
    return f"{name}: {kind}", data


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow warns about each corrupt EXIF block it reads
def test_fuzzed_pictures_give_a_prepared_picture_or_the_message(tmp_path):
    """Check for about six seconds of mutated PNG, JPEG, WebP, GIF and BMP files that prepare returns a
    Prepared or raises OwnImageError, never anything else. Reproducible: case i of a seed is the same file
    every time; FUZZ_SEED=n tries other cases. (The files in tests/fixtures/pictures came from here.)"""
    originals = fuzz_originals()
    start, i = time.perf_counter(), 0
    while time.perf_counter() - start < FUZZ_SECONDS:
        label, data = fuzz_case(originals, FUZZ_SEED, i)
        try:
            assert isinstance(oi.prepare(data), oi.Prepared)
        except oi.OwnImageError:
            pass
        except Exception as exc:  # noqa: BLE001 - what the fuzzer is for
            kept = tmp_path / f"case-{i}"
            kept.write_bytes(data)
            pytest.fail(f"FUZZ_SEED={FUZZ_SEED} case {i} ({label}) escaped as {type(exc).__name__}: {exc} "
                        f"(the file: {kept})")
        i += 1
    print(f"{i} fuzzed pictures (FUZZ_SEED={FUZZ_SEED})")


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir() if p.suffix != ".md"))
def test_pictures_that_once_escaped_give_the_friendly_message(name):
    """Check that each picture that once escaped as a bare Pillow error (tests/fixtures/pictures/README.md
    says what each is) says it is damaged, in both languages."""
    assert error_of((FIXTURES / name).read_bytes()).message.key == "own.error.damaged"
