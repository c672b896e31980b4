"""A student's own picture turned into a data set's input, the way Fashion-MNIST's images were made.

Fashion-MNIST's paper (Xiao, Rasul & Vollgraf 2017, §2) made each 28×28 image from a product photo by
trimming the edges close to the corners' colour, resizing the longest side, sharpening, padding the short
side to a centred square, negating (a light object on black) and converting to 8-bit grey. :func:`prepare`
does the same with Pillow and returns every step as an image, so a page can show how a photo becomes the
network's input; the 8×8 digits data set (scikit-learn's, pixels 0–16 ÷ 16, ink high) gets the same
treatment at 8×8 without the sharpening, in 17 grey levels.

Decoding is bounded: at most :data:`MAX_BYTES` of file; a PNG, JPEG or GIF made of too many tiny blocks
is refused from a walk over its structure before Pillow parses it (:mod:`core.pages.picture_parts`); a
picture's pixel count and the memory decoding it takes are read from its header and checked against :data:`MAX_PIXELS` (and Pillow's own
decompression-bomb limit) and :data:`MAX_DECODE_MB` before any pixel is decoded; at most
:data:`DECODE_SLOTS` pictures decode at once on the whole server; the full-size pixels are shrunk to
about :data:`WORK_SIDE` before anything else touches them (JPEGs are even decoded at a reduced scale).
Whatever goes wrong inside Pillow becomes an :class:`OwnImageError`. Nothing is written anywhere: bytes
in, images and an array out.
"""
from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageChops, ImageEnhance, ImageFilter, ImageOps, UnidentifiedImageError
from sklearn.metrics.pairwise import euclidean_distances

from core.text.i18n import MessageError
from core.pages.picture_parts import too_many_parts

MAX_BYTES = 5 * 1024 * 1024   # the uploader's limit (.streamlit/config.toml's maxUploadSize)
MAX_PIXELS = 24_000_000       # 6000 × 4000: a phone photo; more is refused before decoding
MIN_SIDE = 8                  # smaller than the digits' 8×8 says nothing
WORK_SIDE = 1024              # longest side the later steps work at (and the page shows)
FORMATS = ("PNG", "JPEG", "WEBP", "BMP", "GIF")  # JPEG includes phones' multi-picture (MPO) files
UPLOAD_TYPES = ("png", "jpg", "jpeg", "webp", "bmp", "gif")
KINDS = "PNG, JPEG, WebP, BMP, GIF"  # the same, as people name them
MAX_DECODE_MB = 160           # memory one picture may take to decode (see decode_mb): the page's budget is 200
DECODE_SLOTS = 2              # pictures decoding at once on the whole server
BUSY_WAIT = 3.0               # seconds a picture waits for a free slot before the student is told to retry
STRIP_ROWS = 64               # rows of the shrunk picture made from one strip of the full-size one
BACKGROUND_TOLERANCE = 0.10   # a pixel this far (fraction of full scale) from the border's colour is object
STEPS = ("original", "cropped", "grayscale", "inverted", "resized", "sharpened", "padded")

DECODING = threading.BoundedSemaphore(DECODE_SLOTS)  # module-level: one set of slots for every session


@dataclass(frozen=True)
class Target:
    """What one data set's images look like: ``side`` × ``side`` pixels in ``levels`` + 1 grey levels."""
    side: int
    levels: int
    sharpen: bool


TARGETS = {"fashion_mnist": Target(28, 255, True), "digits": Target(8, 16, False)}


class OwnImageError(MessageError):
    """The bytes are no usable picture; ``message`` (key ``own.error.*``) says why and what to do (see
    :class:`~core.text.i18n.MessageError`)."""


@dataclass(frozen=True)
class Options:
    """What a student can change: ``invert`` (None = decide from the border), ``margin`` (fraction of
    the object's longest side kept around it when cropping) and ``contrast`` (1 = as is)."""
    invert: bool | None = None
    margin: float = 0.0
    contrast: float = 1.0


@dataclass(frozen=True)
class Prepared:
    """The result of :func:`prepare`.

    ``steps`` maps each name of :data:`STEPS` that ran to its image (RGB up to ``cropped``, then 8-bit
    grey); ``x`` is the network's input, float32 (side², ) in [0, 1] like :mod:`core.data.datasets`'s rows.
    ``inverted`` says whether the picture was negated, ``light_background`` what the border suggested,
    ``size`` the picture's own size, ``animated`` whether it has several frames (only the first is used) and
    ``notes`` the i18n keys of what a student should be told about it.
    """
    steps: dict[str, Image.Image]
    x: np.ndarray
    inverted: bool
    light_background: bool
    size: tuple[int, int]
    animated: bool = False
    notes: list[str] = field(default_factory=list)


def open_picture(data: bytes, *, wait: float = BUSY_WAIT) -> tuple[Image.Image, bool, tuple[int, int]]:
    """Decode ``data`` into an upright RGB picture of at most :data:`WORK_SIDE` pixels on its longest side
    (alpha laid on white), whether it has several frames, and its own size (upright).

    It holds one of the server's :data:`DECODE_SLOTS` meanwhile, waiting at most ``wait`` seconds for one.
    Raises :class:`OwnImageError` for anything that is not a readable picture of sensible size, whatever
    Pillow raises on the way (a damaged GIF frame or EXIF block raises IndexError, struct.error, TypeError…).
    """
    if not data:
        raise OwnImageError("own.error.empty")
    if len(data) > MAX_BYTES:
        raise OwnImageError("own.error.too_large", mb=len(data) / 2**20, max_mb=MAX_BYTES / 2**20)
    if too_many_parts(data):  # pure Python, at most a few milliseconds: no slot needed
        raise OwnImageError("own.error.too_many_parts")
    # The whole of Pillow's work holds a slot: a large picture costs memory, and decoding costs CPU.
    if not DECODING.acquire(timeout=wait):
        raise OwnImageError("own.error.busy")
    try:
        return _open(data)
    except OwnImageError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file can make Pillow raise almost anything
        error = _friendly(exc)
    finally:
        DECODING.release()
    raise error  # outside the except block: Pillow's traceback (and the full-size pixels) is not kept


def _friendly(exc: Exception) -> OwnImageError:
    """What Pillow's exception means for the student."""
    # The warning too: where warnings are errors (pytest here) Pillow raises it for 89-179 megapixels.
    if isinstance(exc, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
        return OwnImageError("own.error.bomb", max_mp=MAX_PIXELS / 1e6)
    if isinstance(exc, UnidentifiedImageError):
        return OwnImageError("own.error.not_image", kinds=KINDS)
    if isinstance(exc, MemoryError):  # every picture fits MAX_DECODE_MB: the server itself is short of memory
        return OwnImageError("own.error.busy")
    return OwnImageError("own.error.damaged", error=_short(exc))


def _open(data: bytes) -> tuple[Image.Image, bool, tuple[int, int]]:
    img = Image.open(io.BytesIO(data), formats=FORMATS)  # reads the header only
    w, h = img.size
    if w * h > MAX_PIXELS:  # before a single pixel is decoded
        raise OwnImageError("own.error.too_many_pixels", w=w, h=h, mp=w * h / 1e6, max_mp=MAX_PIXELS / 1e6)
    if min(w, h) < MIN_SIDE:
        raise OwnImageError("own.error.too_small", w=w, h=h, min=MIN_SIDE)
    # Not n_frames: counting a GIF's frames walks the whole file (350,000 one-pixel frames fit in 5 MB).
    animated = bool(getattr(img, "is_animated", False))
    if img.format in ("JPEG", "MPO"):
        # Decode at 1/2, 1/4 or 1/8 scale while the longest side stays at least WORK_SIDE.
        img.draft("RGB", (-(-WORK_SIDE * w // max(w, h)), -(-WORK_SIDE * h // max(w, h))))
    mb = decode_mb(img, (w, h))
    if mb > MAX_DECODE_MB:
        raise OwnImageError("own.error.too_much_memory", w=w, h=h, mb=mb, max_mb=MAX_DECODE_MB)
    img.load()
    img = _reduced(img, max(1, max(img.size) // WORK_SIDE))  # the full-size pixels are freed here
    img = _to_rgb(ImageOps.exif_transpose(img))
    img.thumbnail((WORK_SIDE, WORK_SIDE), Image.Resampling.LANCZOS)
    turned = (img.width > img.height) != (w > h)  # EXIF turned it a quarter
    return img, animated, ((h, w) if turned else (w, h))


def decode_mb(img: Image.Image, size: tuple[int, int]) -> float:
    """The memory (MB) decoding ``img`` takes, from its header alone: ``img`` is opened (a JPEG's draft
    scale set) and ``size`` is the picture's own size."""
    w, h = size
    if img.format == "WEBP":  # libwebp's two RGBA canvases, the frame's bytes and Pillow's image
        return 16 * w * h / 2**20
    per_pixel = 1 if img.mode in ("1", "L", "P") else 2 if img.mode.startswith("I;16") else 4  # Pillow's storage
    out = per_pixel * img.width * img.height
    if img.format in ("JPEG", "MPO"):
        # libjpeg keeps every coefficient (2 bytes) of a progressive or multi-scan JPEG at full size, whatever
        # the draft scale, and the header does not say which kind a file is: count them always.
        out += 2 * getattr(img, "layers", 3) * w * h
        # Pillow keeps every segment it read (about 100 bytes each beside the data) until the end: a file
        # of a million empty comments holds 93 MB before a pixel is decoded.
        out += sum(100 + len(segment) for _, segment in getattr(img, "applist", ()))
    return out / 2**20


def _reduced(img: Image.Image, factor: int) -> Image.Image:
    """``img`` shrunk ``factor`` times by averaging (:meth:`Image.Image.reduce`), strip by strip, each strip
    first put in a mode that can be averaged: the full-size picture is never converted or copied whole
    (``reduce`` itself copies an RGBA picture to premultiply it: 96 MB at 24 megapixels)."""
    out = None
    rows = factor * STRIP_ROWS
    for top in range(0, img.height, rows):
        strip = _averageable(img.crop((0, top, img.width, min(img.height, top + rows)))).reduce(factor)
        if out is None:
            out = Image.new(strip.mode, (-(-img.width // factor), -(-img.height // factor)))
        out.paste(strip, (0, top // factor))
    out.info = dict(img.info)  # the EXIF orientation
    return out


def _averageable(img: Image.Image) -> Image.Image:
    """Palette, 1-bit and 16-bit pictures in a mode whose pixels can be averaged; others as they are."""
    if img.mode == "P":
        return img.convert("RGBA" if "transparency" in img.info else "RGB")
    if img.mode == "1":
        return img.convert("L")
    if img.mode.startswith("I;16"):
        return img.convert("I")
    return img


def _short(exc: Exception) -> str:
    return str(exc).strip()[:120] or type(exc).__name__


def _to_rgb(img: Image.Image) -> Image.Image:
    """A reduced picture as 8-bit RGB: 16-bit grey (averaged as 32-bit "I") scaled down, not clipped, in
    integers; transparency laid on white."""
    if img.mode == "I":
        a = np.asarray(img)  # int32: 65535 × 255 fits
        img = Image.fromarray(((a * 255 + 32767) // 65535).astype(np.uint8), mode="L")
    if img.mode in ("LA", "PA"):
        img = img.convert("RGBA")
    if img.mode == "RGBA":
        white = Image.new("RGBA", img.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, img).convert("RGB")
    return img.convert("RGB")


def _border_colour(img: Image.Image) -> tuple[int, ...]:
    """The median colour of the picture's outermost pixels (the background, for a product photo)."""
    a = np.asarray(img)
    ring = np.concatenate([a[0], a[-1], a[:, 0], a[:, -1]])
    return tuple(int(v) for v in np.median(ring, axis=0))


def trim_box(img: Image.Image, margin: float = 0.0) -> tuple[int, int, int, int] | None:
    """The box around everything that differs from the border's colour, widened by ``margin`` × its
    longest side (clipped to the picture); None when the picture is one colour.

    A 3×3 median filter first, so a speck of noise or JPEG ringing does not widen the box.
    """
    bg = Image.new("RGB", img.size, _border_colour(img))
    diff = ImageChops.difference(img, bg).convert("L").filter(ImageFilter.MedianFilter(3))
    box = diff.point(lambda v: 255 if v > BACKGROUND_TOLERANCE * 255 else 0).getbbox()
    if box is None:
        return None
    left, top, right, bottom = box
    pad = round(max(0.0, margin) * max(right - left, bottom - top))
    return max(0, left - pad), max(0, top - pad), min(img.width, right + pad), min(img.height, bottom + pad)


def prepare(data: bytes, dataset: str = "fashion_mnist", options: Options = Options()) -> Prepared:
    """Turn the bytes of a picture into ``dataset``'s input, every step kept as an image.

    Steps (:data:`STEPS`): the upright picture (at most :data:`WORK_SIDE` pixels on its longest side) →
    cropped to the object (plus the margin) → grey → negated when the background is light (or as
    ``options.invert`` says) with its levels stretched to black … white and the contrast applied →
    longest side resized to the target's by area averaging → sharpened (Fashion-MNIST only) → padded to
    a centred black square. Raises :class:`OwnImageError` (with the reason) for a bad or blank picture, and
    nothing else whatever the bytes (tests/test_own_image.py fuzzes it).
    """
    target = TARGETS[dataset]
    picture, animated, size = open_picture(data)
    steps = {"original": picture}
    light = float(np.mean(_border_colour(picture))) > 127.5
    box = trim_box(picture, options.margin)
    if box is None:
        raise OwnImageError("own.error.blank")
    steps["cropped"] = cropped = picture.crop(box)
    steps["grayscale"] = grey = cropped.convert("L")
    invert = light if options.invert is None else bool(options.invert)
    inverted = ImageOps.autocontrast(ImageOps.invert(grey) if invert else grey)
    if options.contrast != 1.0:
        inverted = ImageEnhance.Contrast(inverted).enhance(max(0.0, float(options.contrast)))
    steps["inverted"] = inverted
    scale = target.side / max(inverted.size)
    small = (max(1, round(inverted.width * scale)), max(1, round(inverted.height * scale)))
    steps["resized"] = resized = inverted.resize(small, Image.Resampling.BOX)
    if target.sharpen:
        # The paper's Gaussian sharpening of radius 1, at 60 %: it restores the edges the area averaging
        # softens without ringing on pictures already sharp (a data set image's round trip: corr. 0.99).
        resized = resized.filter(ImageFilter.UnsharpMask(radius=1, percent=60, threshold=0))
        steps["sharpened"] = resized
    square = Image.new("L", (target.side, target.side), 0)
    # Centred, an odd spare pixel above and to the left: where Fashion-MNIST puts it (measured on its images).
    square.paste(resized, ((target.side - resized.width + 1) // 2, (target.side - resized.height + 1) // 2))
    steps["padded"] = square
    x = np.asarray(square, dtype=np.float32).reshape(-1) / np.float32(255)
    if target.levels != 255:  # the digits' 0–16 counts
        x = np.round(x * target.levels) / np.float32(target.levels)
    x = x.astype(np.float32)
    notes = ["own.note.frames"] if animated else []
    return Prepared(steps, x, invert, light, size, animated, notes)


def as_photo(image: np.ndarray, *, scale: int = 10, border: int = 0) -> bytes:
    """A data set image (2-D, [0, 1], light object on black) as a black-on-white PNG photo, ``scale``
    times larger with ``border`` white pixels around it: the reverse of :func:`prepare`, for tests and
    the page's "random test image"."""
    grey = (np.clip(np.asarray(image, dtype=np.float64), 0, 1) * 255 + 0.5).astype(np.uint8)
    big = np.kron(255 - grey, np.ones((scale, scale), dtype=np.uint8))
    if border:
        big = np.pad(big, border, constant_values=255)
    buf = io.BytesIO()
    Image.fromarray(big, mode="L").convert("RGB").save(buf, format="PNG")
    return buf.getvalue()


def nearest(x: np.ndarray, x_train: np.ndarray, y_train: np.ndarray, cls: int, k: int = 5) -> np.ndarray:
    """Indices into ``x_train`` of the ``k`` images of class ``cls`` closest to ``x`` by pixel (Euclidean)
    distance, closest first."""
    members = np.flatnonzero(np.asarray(y_train) == cls)
    if not len(members):
        return members
    d = euclidean_distances(np.asarray(x, np.float32).reshape(1, -1), x_train[members])[0]
    k = min(k, len(members))
    best = np.argpartition(d, k - 1)[:k]
    return members[best[np.argsort(d[best], kind="stable")]]
