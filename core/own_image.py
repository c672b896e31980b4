"""A student's own picture turned into a data set's input, the way Fashion-MNIST's images were made.

Fashion-MNIST's paper (Xiao, Rasul & Vollgraf 2017, §2) made each 28×28 image from a product photo by
trimming the edges close to the corners' colour, resizing the longest side, sharpening, padding the short
side to a centred square, negating (a light object on black) and converting to 8-bit grey. :func:`prepare`
does the same with Pillow and returns every step as an image, so a page can show how a photo becomes the
network's input; the 8×8 digits data set (scikit-learn's, pixels 0–16 ÷ 16, ink high) gets the same
treatment at 8×8 without the sharpening, in 17 grey levels.

Decoding is bounded: at most :data:`MAX_BYTES` of file, and a picture's pixel count is read from its
header and checked against :data:`MAX_PIXELS` (and Pillow's own decompression-bomb limit) before any
pixel is decoded; JPEGs are decoded at a reduced scale when they are much larger than needed. Nothing is
written anywhere: bytes in, images and an array out.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageChops, ImageEnhance, ImageFilter, ImageOps, UnidentifiedImageError
from sklearn.metrics.pairwise import euclidean_distances

from core.i18n import Message

MAX_BYTES = 5 * 1024 * 1024   # the uploader's limit (.streamlit/config.toml's maxUploadSize)
MAX_PIXELS = 24_000_000       # 6000 × 4000: a phone photo; more is refused before decoding
MIN_SIDE = 8                  # smaller than the digits' 8×8 says nothing
WORK_SIDE = 1024              # longest side the later steps work at (and the page shows)
FORMATS = ("PNG", "JPEG", "WEBP", "BMP", "GIF")  # JPEG includes phones' multi-picture (MPO) files
UPLOAD_TYPES = ("png", "jpg", "jpeg", "webp", "bmp", "gif")
KINDS = "PNG, JPEG, WebP, BMP, GIF"  # the same, as people name them
BACKGROUND_TOLERANCE = 0.10   # a pixel this far (fraction of full scale) from the border's colour is object
STEPS = ("original", "cropped", "grayscale", "inverted", "resized", "sharpened", "padded")


@dataclass(frozen=True)
class Target:
    """What one data set's images look like: ``side`` × ``side`` pixels in ``levels`` + 1 grey levels."""
    side: int
    levels: int
    sharpen: bool


TARGETS = {"fashion_mnist": Target(28, 255, True), "digits": Target(8, 16, False)}


class OwnImageError(Exception):
    """The bytes are no usable picture; ``message`` (key ``own.error.*``) says why and what to do."""

    def __init__(self, key: str, **params):
        self.message = Message(key, params)
        super().__init__(str(self.message))

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return self.message.text(lang)


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
    grey); ``x`` is the network's input, float32 (side², ) in [0, 1] like :mod:`core.data`'s rows.
    ``inverted`` says whether the picture was negated, ``light_background`` what the border suggested,
    ``size`` the picture's own size, ``frames`` how many frames it has (only the first is used) and
    ``notes`` the i18n keys of what a student should be told about it.
    """
    steps: dict[str, Image.Image]
    x: np.ndarray
    inverted: bool
    light_background: bool
    size: tuple[int, int]
    frames: int = 1
    notes: list[str] = field(default_factory=list)


def open_picture(data: bytes) -> tuple[Image.Image, int, tuple[int, int]]:
    """Decode ``data`` into an upright RGB picture (alpha laid on white), its number of frames and its
    own size (upright; a large JPEG comes decoded at a fraction of it).

    Raises :class:`OwnImageError` for anything that is not a readable picture of sensible size.
    """
    if not data:
        raise OwnImageError("own.error.empty")
    if len(data) > MAX_BYTES:
        raise OwnImageError("own.error.too_large", mb=len(data) / 2**20, max_mb=MAX_BYTES / 2**20)
    try:
        img = Image.open(io.BytesIO(data), formats=FORMATS)  # reads the header only
    except Image.DecompressionBombError:
        raise OwnImageError("own.error.bomb", max_mp=MAX_PIXELS / 1e6) from None
    except UnidentifiedImageError:
        raise OwnImageError("own.error.not_image", kinds=KINDS) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise OwnImageError("own.error.damaged", error=_short(exc)) from None
    w, h = img.size
    if w * h > MAX_PIXELS:  # before a single pixel is decoded
        raise OwnImageError("own.error.too_many_pixels", w=w, h=h, mp=w * h / 1e6, max_mp=MAX_PIXELS / 1e6)
    if min(w, h) < MIN_SIDE:
        raise OwnImageError("own.error.too_small", w=w, h=h, min=MIN_SIDE)
    frames = int(getattr(img, "n_frames", 1))
    try:
        if img.format in ("JPEG", "MPO"):
            # Decode at 1/2, 1/4 or 1/8 scale while the longest side stays at least WORK_SIDE.
            img.draft("RGB", (-(-WORK_SIDE * w // max(w, h)), -(-WORK_SIDE * h // max(w, h))))
        img.load()
        img = ImageOps.exif_transpose(img)
        img = _to_rgb(img)
    except (OSError, SyntaxError, ValueError, EOFError, IndexError) as exc:
        raise OwnImageError("own.error.damaged", error=_short(exc)) from None
    turned = (img.width > img.height) != (w > h)  # EXIF turned it a quarter
    return img, frames, ((h, w) if turned else (w, h))


def _short(exc: Exception) -> str:
    return str(exc).strip()[:120] or type(exc).__name__


def _to_rgb(img: Image.Image) -> Image.Image:
    """Any Pillow mode as 8-bit RGB: 16/32-bit grey scaled down (not clipped), transparency on white."""
    if img.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        a = np.asarray(img, dtype=np.float64)
        top = 65535.0 if img.mode.startswith("I;16") or a.max() > 255 else 255.0
        img = Image.fromarray((np.clip(a / top, 0, 1) * 255 + 0.5).astype(np.uint8), mode="L")
    if img.mode == "P" and "transparency" in img.info or img.mode in ("LA", "PA", "La", "RGBa"):
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
    a centred black square. Raises :class:`OwnImageError` (with the reason) for a bad or blank picture.
    """
    target = TARGETS[dataset]
    picture, frames, size = open_picture(data)
    picture.thumbnail((WORK_SIDE, WORK_SIDE), Image.Resampling.LANCZOS)
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
    notes = ["own.note.frames"] if frames > 1 else []
    return Prepared(steps, x, invert, light, size, frames, notes)


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
