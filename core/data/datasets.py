"""Data sets for the trainer: Fashion-MNIST (the textbook's) and scikit-learn's bundled 8×8 digits.

Both come as a frozen :class:`Dataset` of read-only arrays — pixels scaled to [0, 1] as float32 and
flattened, integer labels — split into training, validation and test sets.

Fashion-MNIST is looked up in order in ``$FASHION_MNIST_DIR``, ``~/.keras/datasets/fashion-mnist``
(``$KERAS_HOME`` is honoured like Keras does), ``/usr/share/datasets/fashion-mnist`` (Debian package
``dataset-fashion-mnist``; ``$FASHION_MNIST_SYSTEM_DIR`` stands in for it, e.g. in tests), and only
when none of them holds the four files is Keras's downloader run, in a child process so that
TensorFlow never loads into this one. The split is the textbook's: a stratified
80/20 split of the 60,000 training images with ``random_state=42`` (48,000 / 12,000), plus the 10,000 test
images. The parsed split is cached as ``.npy`` files (see :func:`default_cache_dir`), so later starts skip
the gzip and the split.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.text.i18n import FASHION_CLASSES, Message, MessageError
from core.maths.losses import one_hot  # noqa: F401  (the targets the engines train on, for callers of the loaders)

log = logging.getLogger(__name__)

DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")
FILES = {  # role -> IDX file name without the .gz suffix (the names Keras and Debian use)
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}
SPLITS = ("train", "val", "test")
VAL_FRACTION = 0.2   # the textbook's test_size=0.2 of the 60,000 training images
CACHE_VERSION = 1    # bump when the cached layout or the preprocessing changes
DOWNLOAD_TIMEOUT_S = 600

# IDX type byte -> element dtype; multi-byte types are big-endian.
_IDX_DTYPES = {0x08: np.dtype("u1"), 0x09: np.dtype("i1"), 0x0B: np.dtype(">i2"),
               0x0C: np.dtype(">i4"), 0x0D: np.dtype(">f4"), 0x0E: np.dtype(">f8")}



class DatasetError(MessageError):
    """A data set is missing or damaged; the message (key ``data.*``) names the file or folders and how
    to fix it (see :class:`~core.text.i18n.MessageError`)."""


@dataclass(frozen=True, eq=False)
class Dataset:
    """A classification data set split three ways; every array is read-only.

    ``x_*`` are float32 (n, n_features) in [0, 1]; ``y_*`` are int64 labels 0 … n_classes − 1.
    ``source`` says where the images came from (a folder, or ``scikit-learn``).
    """
    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    image_shape: tuple[int, int]
    class_names: dict[str, list[str]]
    source: str = ""

    @property
    def n_features(self) -> int:
        """Number of inputs per example (pixels)."""
        return int(self.x_train.shape[1])

    @property
    def n_classes(self) -> int:
        """Number of classes."""
        return len(self.class_names["en"])


# ---------------------------------------------------------------------------------------------- IDX

def read_idx(path) -> np.ndarray:
    """Read an IDX file (raw or gzip-compressed) into a read-only array in native byte order.

    The header is checked strictly: magic number (two zero bytes, a known type code, a non-zero number
    of dimensions), then the data must be exactly as long as the dimensions say. Any problem raises
    :class:`DatasetError` naming the file and what is wrong.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DatasetError("data.unreadable", path=path, error=exc.strerror or exc) from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise DatasetError("data.gzip", path=path, error=exc) from None
    if len(raw) < 4:
        raise DatasetError("data.too_short", path=path, size=len(raw))
    zero1, zero2, type_code, ndim = raw[:4]
    if zero1 or zero2 or type_code not in _IDX_DTYPES or ndim == 0:
        raise DatasetError("data.magic", path=path, magic=raw[:4].hex().upper())
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise DatasetError("data.header_cut", path=path, ndim=ndim, size=len(raw))
    dims = struct.unpack(f">{ndim}I", raw[4:header])
    dtype = _IDX_DTYPES[type_code]
    expected = int(np.prod(dims, dtype=np.int64)) * dtype.itemsize
    found = len(raw) - header
    shape = "×".join(map(str, dims))
    if found < expected:
        raise DatasetError("data.truncated", path=path, shape=shape, expected=expected, found=found)
    if found > expected:
        raise DatasetError("data.extra", path=path, extra=found - expected, shape=shape)
    arr = np.frombuffer(raw, dtype, offset=header).reshape(dims)
    if not dtype.isnative:
        arr = arr.astype(dtype.newbyteorder("="))
    arr.flags.writeable = False
    return arr


# -------------------------------------------------------------------------------------- public API

def default_cache_dir() -> Path:
    """Where parsed data sets are cached: ``$PLAYGROUND_CACHE_DIR``, else ``$XDG_CACHE_HOME`` or
    ``~/.cache``, under ``classification-playground``."""
    if os.environ.get("PLAYGROUND_CACHE_DIR"):
        return Path(os.environ["PLAYGROUND_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "classification-playground"


def fashion_mnist_dirs() -> list[Path]:
    """The folders searched for the four Fashion-MNIST files, in order."""
    dirs = [Path(os.environ["FASHION_MNIST_DIR"])] if os.environ.get("FASHION_MNIST_DIR") else []
    dirs.append(_keras_dir())
    dirs.append(Path(os.environ.get("FASHION_MNIST_SYSTEM_DIR") or DEBIAN_DIR))
    return dirs


def load_fashion_mnist(*, subset: int | None = None, seed: int = 42, cache_dir=None,
                       dirs: Sequence | None = None, allow_download: bool | None = None) -> Dataset:
    """Load Fashion-MNIST with the textbook's split (48,000 train / 12,000 validation / 10,000 test).

    ``seed`` is the split's ``random_state`` (42 in the textbook) and also picks the ``subset``.
    ``subset`` keeps that many training images, stratified, and shrinks validation and test in the same
    proportion (validation = subset / 4, test = subset × 10,000 / 48,000), for fast classroom runs.
    ``dirs`` replaces the folder search list (:func:`fashion_mnist_dirs`). ``allow_download`` (default:
    yes unless ``$FASHION_MNIST_OFFLINE`` is set) lets Keras download the files when no folder has them.
    ``cache_dir`` (default :func:`default_cache_dir`; ``False`` disables caching) keeps the parsed split.

    Raises :class:`DatasetError` with one message listing what was tried and how to get the data.
    """
    dirs = [Path(d) for d in (fashion_mnist_dirs() if dirs is None else dirs)]
    if allow_download is None:
        allow_download = not os.environ.get("FASHION_MNIST_OFFLINE")
    problems: list[Message] = []
    for folder in dirs:
        try:
            data = _load_fashion_dir(folder, seed, cache_dir)
        except DatasetError as exc:
            problems.append(exc.message)
            continue
        for problem in problems:  # a damaged copy earlier in the search is worth knowing about
            if problem.key != "data.no_folder":
                log.warning("Fashion-MNIST: skipped %s", problem)
        return _subset(data, subset, seed)
    if allow_download:
        try:
            _keras_download()
            data = _load_fashion_dir(_keras_dir(), seed, cache_dir)
        except DatasetError as exc:
            problems.append(exc.message)
        else:
            return _subset(data, subset, seed)
    else:
        problems.append(Message("data.download_off"))
    files = ", ".join(f"`{name}.gz`" for name in FILES.values())
    raise DatasetError("data.not_loaded", problems=problems, files=files)


def load_digits(*, subset: int | None = None, seed: int = 42) -> Dataset:
    """scikit-learn's bundled 8×8 handwritten digits (1,797 images; works offline).

    Split stratified with ``seed``: 20 % test, then 80/20 training/validation of the rest
    (1,149 / 288 / 360). Pixels 0–16 are divided by 16. ``subset`` works as in :func:`load_fashion_mnist`.
    """
    from sklearn.datasets import load_digits as sk_digits
    from sklearn.model_selection import train_test_split

    bunch = sk_digits()
    x = (bunch.data / 16.0).astype(np.float32)
    y = bunch.target.astype(np.int64)
    rest, test = train_test_split(np.arange(len(y)), test_size=0.2, stratify=y, random_state=seed)
    train, val = train_test_split(rest, test_size=VAL_FRACTION, stratify=y[rest], random_state=seed)
    names = [str(d) for d in range(10)]
    data = _make_dataset("digits", {s: (x[i], y[i]) for s, i in zip(SPLITS, (train, val, test))},
                         (8, 8), {"en": names, "ko": list(names)}, "scikit-learn")
    return _subset(data, subset, seed)


# ---------------------------------------------------------------------------------------- internals

def _keras_dir() -> Path:
    home = os.environ.get("KERAS_HOME") or Path.home() / ".keras"
    return Path(home) / "datasets" / "fashion-mnist"


def _find_files(folder: Path) -> dict[str, Path]:
    """The four IDX files in ``folder`` (``.gz`` preferred, raw accepted), or DatasetError."""
    if not folder.is_dir():
        raise DatasetError("data.no_folder", path=folder)
    found, missing = {}, []
    for role, stem in FILES.items():
        for name in (f"{stem}.gz", stem):
            if (folder / name).is_file():
                found[role] = folder / name
                break
        else:
            missing.append(f"{stem}.gz")
    if missing:
        raise DatasetError("data.missing", path=folder, files=", ".join(missing))
    return found


def _read_pair(images_path: Path, labels_path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Read and cross-check one images/labels pair of Fashion-MNIST IDX files."""
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.dtype != np.uint8 or images.ndim != 3 or images.shape[1:] != (28, 28):
        raise DatasetError("data.not_images", path=images_path, dtype=images.dtype, shape=images.shape)
    if labels.dtype != np.uint8 or labels.ndim != 1:
        raise DatasetError("data.not_labels", path=labels_path, dtype=labels.dtype, shape=labels.shape)
    if len(images) != len(labels):
        raise DatasetError("data.count_mismatch", images=images_path, n_images=len(images),
                           labels=labels_path, n_labels=len(labels))
    if labels.size and labels.max() > 9:
        raise DatasetError("data.bad_label", path=labels_path, label=int(labels.max()))
    return images, labels


def _load_fashion_dir(folder: Path, seed: int, cache_dir) -> Dataset:
    """Fashion-MNIST from one folder: from the cache when it matches the files, else parsed and cached."""
    files = _find_files(folder)
    key = _cache_key(files, seed)
    cache = None if cache_dir is False else Path(cache_dir or default_cache_dir()) / f"fashion_mnist-{key}"
    if cache is not None and cache.is_dir():
        try:
            return _read_cache(cache, folder)
        except Exception as exc:  # any damage to the cache: drop it and parse the source again
            log.warning("ignoring damaged cache %s (%s); rebuilding it", cache, exc)
            shutil.rmtree(cache, ignore_errors=True)
    x_all, y_all = _read_pair(files["train_images"], files["train_labels"])
    x_test, y_test = _read_pair(files["test_images"], files["test_labels"])
    counts = np.bincount(y_all, minlength=10)
    if counts.min() < 2:
        raise DatasetError("data.too_few", path=files["train_labels"], counts=counts.tolist())
    from sklearn.model_selection import train_test_split  # the textbook's split, index for index

    train, val = train_test_split(np.arange(len(y_all)), test_size=VAL_FRACTION, stratify=y_all,
                                  random_state=seed)
    parts = {"train": (x_all[train], y_all[train]), "val": (x_all[val], y_all[val]),
             "test": (x_test, y_test)}
    arrays = {s: (_scale(x), y.astype(np.int64)) for s, (x, y) in parts.items()}
    data = _make_dataset("fashion_mnist", arrays, (28, 28), FASHION_CLASSES, str(folder))
    if cache is not None:
        _write_cache(cache, data)
    return data


def _scale(images: np.ndarray) -> np.ndarray:
    """uint8 images (n, h, w) -> float32 (n, h·w) in [0, 1], the textbook's ÷ 255 and reshape."""
    out = np.empty((len(images), images[0].size if len(images) else 784), dtype=np.float32)
    np.divide(images.reshape(len(images), -1), np.float32(255), out=out)
    return out


def _make_dataset(name, arrays, image_shape, class_names, source) -> Dataset:
    fields = {}
    for split, (x, y) in arrays.items():
        x = np.ascontiguousarray(x, dtype=np.float32)
        y = np.ascontiguousarray(y, dtype=np.int64)
        x.flags.writeable = y.flags.writeable = False
        fields[f"x_{split}"], fields[f"y_{split}"] = x, y
    names = {lang: list(v) for lang, v in class_names.items()}
    return Dataset(name=name, image_shape=image_shape, class_names=names, source=source, **fields)


def stratified_indices(y: np.ndarray, size: int, seed: int) -> np.ndarray:
    """Sorted indices of a class-stratified random sample of ``size`` labels from ``y`` (scikit-learn's
    stratified split, seeded). Fewer than one image per class left out keeps all of them: a stratified
    split needs every class on both sides."""
    from sklearn.model_selection import train_test_split

    if len(y) - size < len(np.unique(y)):
        return np.arange(len(y))
    keep, _ = train_test_split(np.arange(len(y)), train_size=size, stratify=y, random_state=seed)
    return np.sort(keep)


def _subset(data: Dataset, subset: int | None, seed: int) -> Dataset:
    """Keep ``subset`` training images (stratified) and shrink validation and test in proportion."""
    if subset is None:
        return data
    subset = int(subset)
    if subset < data.n_classes:
        raise ValueError(f"subset must be at least the number of classes ({data.n_classes}), got {subset}")
    n_train = len(data.y_train)
    if subset >= n_train:
        return data
    arrays = {}
    for split in SPLITS:
        x, y = getattr(data, f"x_{split}"), getattr(data, f"y_{split}")
        size = max(data.n_classes, min(len(y), round(subset * len(y) / n_train)))
        idx = stratified_indices(y, size, seed)
        arrays[split] = (x[idx], y[idx])
    return _make_dataset(data.name, arrays, data.image_shape, data.class_names, data.source)


# -------------------------------------------------------------------------------------------- cache

def _cache_key(files: dict[str, Path], seed: int) -> str:
    """A digest of what the cached split depends on: the source files' identity and the seed."""
    stats = {role: [str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns] for role, p in files.items()}
    blob = json.dumps({"version": CACHE_VERSION, "seed": int(seed), "files": stats}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _read_cache(cache: Path, source: Path) -> Dataset:
    """Load a cached split, checking every array's dtype, shape and label range."""
    arrays = {}
    for split in SPLITS:
        x = np.load(cache / f"x_{split}.npy", allow_pickle=False)
        y = np.load(cache / f"y_{split}.npy", allow_pickle=False)
        if x.dtype != np.float32 or x.ndim != 2 or x.shape[1] != 784 or y.shape != (len(x),) \
                or y.dtype != np.int64 or (y.size and (y.min() < 0 or y.max() > 9)):
            raise ValueError(f"unexpected {split} arrays {x.dtype}{x.shape} / {y.dtype}{y.shape}")
        arrays[split] = (x, y)
    return _make_dataset("fashion_mnist", arrays, (28, 28), FASHION_CLASSES, str(source))


def _write_cache(cache: Path, data: Dataset) -> None:
    """Write the split next to ``cache`` and rename it into place (readers never see half a cache);
    older caches of the same data set are removed. Failure to write only costs speed next time."""
    tmp = None
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cache.parent))
        for split in SPLITS:
            np.save(tmp / f"x_{split}.npy", getattr(data, f"x_{split}"))
            np.save(tmp / f"y_{split}.npy", getattr(data, f"y_{split}"))
        tmp.rename(cache)  # fails when another process got there first: theirs is as good
    except OSError as exc:
        if not cache.is_dir():
            log.warning("could not cache Fashion-MNIST in %s (%s)", cache.parent, exc)
    finally:
        if tmp is not None and tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    for old in cache.parent.glob("fashion_mnist-*"):
        if old != cache:
            shutil.rmtree(old, ignore_errors=True)


# ----------------------------------------------------------------------------------------- download

def _keras_download() -> None:
    """Run ``keras.datasets.fashion_mnist.load_data()`` in a child process (it downloads the four files
    into the Keras folder); TensorFlow never loads into this process."""
    code = "from keras.datasets import fashion_mnist; fashion_mnist.load_data()"
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             timeout=DOWNLOAD_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DatasetError("data.download_timeout", error=exc) from None
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["no message"])[-1]
        raise DatasetError("data.download_failed", error=last)
