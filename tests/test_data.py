"""Tests for core.data.datasets: the IDX reader, the Fashion-MNIST search/cache/split, digits, one_hot."""
from __future__ import annotations

import gzip

import numpy as np
import pytest

from core.data import datasets as data
from core.data.datasets import (DEBIAN_DIR, Dataset, DatasetError, load_digits, load_fashion_mnist,
                       one_hot, read_idx)
from tests.conftest import idx_bytes, need as _need, write_fashion


REAL_DOWNLOAD = data._keras_download


@pytest.fixture(autouse=True)
def offline(monkeypatch, tmp_path):
    """No test downloads anything, or reads the user's cache or Keras folder."""
    def no_download():
        raise AssertionError("a test tried to download Fashion-MNIST")
    monkeypatch.setattr(data, "_keras_download", no_download)
    monkeypatch.setenv("PLAYGROUND_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras-home"))
    monkeypatch.delenv("FASHION_MNIST_DIR", raising=False)
    monkeypatch.delenv("FASHION_MNIST_OFFLINE", raising=False)


# ------------------------------------------------------------------------------------------ read_idx

@pytest.mark.parametrize("gz", [False, True])
def test_read_idx_reads_hand_written_files(tmp_path, gz):
    """Check that raw and gzipped IDX files of several types come back with their shape and values."""
    cases = [(np.arange(24, dtype=np.uint8).reshape(2, 3, 4), 0x08),
             (np.array([-3, 7, 1000, -70000], dtype=np.int32), 0x0C),
             (np.array([[1.5, -2.25]], dtype=np.float64), 0x0E)]
    for i, (arr, code) in enumerate(cases):
        blob = idx_bytes(arr, code)
        path = tmp_path / f"f{i}"
        path.write_bytes(gzip.compress(blob) if gz else blob)
        got = read_idx(path)
        assert got.shape == arr.shape and got.dtype == arr.dtype and got.dtype.isnative
        np.testing.assert_array_equal(got, arr)
        assert not got.flags.writeable


def test_read_idx_knows_the_header_bytes(tmp_path):
    """Check the byte layout against a header written out by hand: 0x00000801, count 3, labels 9 0 0."""
    path = tmp_path / "labels"
    path.write_bytes(bytes.fromhex("00000801 00000003 090000"))
    np.testing.assert_array_equal(read_idx(path), [9, 0, 0])


@pytest.mark.parametrize("blob, message", [
    (bytes.fromhex("00000803 00000002 0000001c 0000001c") + bytes(100), "truncated"),
    (bytes.fromhex("00000801 00000002 0102 03"), "unexpected bytes"),
    (bytes.fromhex("00000801 00000005 0102"), "truncated"),
    (bytes.fromhex("12345678") + bytes(8), "not an IDX file"),
    (bytes.fromhex("00000701 00000001 00"), "not an IDX file"),
    (bytes.fromhex("00000800"), "not an IDX file"),
    (bytes.fromhex("00000803 00000002"), "promises 3 dimensions"),
    (b"\x00\x00", "too short"),
])
def test_read_idx_rejects_damaged_files(tmp_path, blob, message):
    """Check that truncated data, wrong counts, wrong magic and short headers raise DatasetError
    naming the file and the problem."""
    path = tmp_path / "broken-idx1-ubyte"
    path.write_bytes(blob)
    with pytest.raises(DatasetError) as err:
        read_idx(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_read_idx_rejects_cut_gzip_and_missing_files(tmp_path):
    """Check that a cut-off gzip stream and a missing file give DatasetError naming the file."""
    path = tmp_path / "cut.gz"
    noise = np.random.default_rng(0).integers(0, 256, (50, 28, 28), dtype=np.uint8)
    path.write_bytes(gzip.compress(idx_bytes(noise))[:2000])
    with pytest.raises(DatasetError, match="gzip"):
        read_idx(path)
    with pytest.raises(DatasetError, match="cannot be read"):
        read_idx(tmp_path / "nope.gz")


# ---------------------------------------------------------------------------------- Fashion-MNIST

def test_loads_a_folder_with_the_textbook_preprocessing(tmp_path):
    """Check the split sizes, stratification, ÷255 float32 flattening, int64 labels and read-only
    arrays against the raw IDX contents."""
    images, labels = write_fashion(tmp_path / "fm", n_per_class=10)
    ds = load_fashion_mnist(dirs=[tmp_path / "fm"], allow_download=False)
    assert isinstance(ds, Dataset) and ds.name == "fashion_mnist" and ds.source == str(tmp_path / "fm")
    assert (len(ds.y_train), len(ds.y_val), len(ds.y_test)) == (80, 20, 20)
    assert np.bincount(ds.y_train).tolist() == [8] * 10 and np.bincount(ds.y_val).tolist() == [2] * 10
    assert ds.n_features == 784 and ds.n_classes == 10 and ds.image_shape == (28, 28)
    assert ds.class_names["ko"][9] == "앵클부츠" and ds.class_names["en"][0] == "T-shirt/top"
    for arr in (ds.x_train, ds.y_train, ds.x_val, ds.y_val, ds.x_test, ds.y_test):
        assert not arr.flags.writeable
    assert ds.x_train.dtype == np.float32 and ds.y_train.dtype == np.int64
    # Every training/validation row is one of the raw images divided by 255, with its own label.
    raw = {img.tobytes(): lab for img, lab in zip(images, labels)}
    for x, y in zip(np.concatenate([ds.x_train, ds.x_val]), np.concatenate([ds.y_train, ds.y_val])):
        img = np.rint(x * 255).astype(np.uint8)
        np.testing.assert_array_equal(x, img.astype(np.float32) / np.float32(255))
        assert raw[img.tobytes()] == y
    assert len({x.tobytes() for x in np.concatenate([ds.x_train, ds.x_val])}) == 100


def test_split_is_scikit_learns_stratified_split(tmp_path):
    """Check that train/val are exactly train_test_split(stratify=y, test_size=0.2, random_state=seed)."""
    from sklearn.model_selection import train_test_split
    images, labels = write_fashion(tmp_path / "fm", n_per_class=10)
    ds = load_fashion_mnist(dirs=[tmp_path / "fm"], seed=7, allow_download=False)
    x_tr, x_va, y_tr, y_va = train_test_split(images, labels, stratify=labels, test_size=0.2,
                                              random_state=7)
    np.testing.assert_array_equal(ds.y_train, y_tr)
    np.testing.assert_array_equal(ds.x_val, (x_va / 255).reshape(-1, 784).astype(np.float32))


def test_search_order_and_raw_files(tmp_path, monkeypatch):
    """Check that $FASHION_MNIST_DIR comes before the Keras folder, and that raw (not gzipped) files
    are accepted."""
    write_fashion(tmp_path / "env", gz=False, seed=1)
    write_fashion(tmp_path / "keras-home" / "datasets" / "fashion-mnist", seed=2)
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path / "env"))
    dirs = data.fashion_mnist_dirs()
    assert dirs == [tmp_path / "env", tmp_path / "keras-home" / "datasets" / "fashion-mnist", DEBIAN_DIR]
    assert load_fashion_mnist(allow_download=False).source == str(tmp_path / "env")
    monkeypatch.delenv("FASHION_MNIST_DIR")
    assert load_fashion_mnist(allow_download=False).source == str(dirs[1])


def test_all_sources_failing_gives_one_message(tmp_path):
    """Check that when every folder fails and downloading is off, one DatasetError lists each folder
    with its problem and says how to get the data."""
    empty = tmp_path / "empty"
    empty.mkdir()
    broken = tmp_path / "broken"
    write_fashion(broken)
    (broken / "t10k-labels-idx1-ubyte.gz").write_bytes(b"\x1f\x8b garbage")
    with pytest.raises(DatasetError) as err:
        load_fashion_mnist(dirs=[tmp_path / "absent", empty, broken], allow_download=False)
    msg = str(err.value)
    assert f"`{tmp_path / 'absent'}`: no such folder" in msg
    assert f"`{empty}`: missing train-images-idx3-ubyte.gz" in msg
    assert str(broken / "t10k-labels-idx1-ubyte.gz") in msg
    assert "Downloading was switched off" in msg and "apt-get install dataset-fashion-mnist" in msg
    assert "FASHION_MNIST_DIR" in msg and "Traceback" not in msg


def test_offline_environment_variable_blocks_download(tmp_path, monkeypatch):
    """Check that FASHION_MNIST_OFFLINE switches the downloader off when allow_download is not given."""
    monkeypatch.setenv("FASHION_MNIST_OFFLINE", "1")
    with pytest.raises(DatasetError, match="switched off"):
        load_fashion_mnist(dirs=[tmp_path])


def test_downloader_runs_only_when_nothing_local_exists(tmp_path, monkeypatch):
    """Check that Keras's downloader is not called when a folder has the data, and is called once
    (then its folder is read) when none has."""
    calls = []
    keras_dir = tmp_path / "keras-home" / "datasets" / "fashion-mnist"

    def fake_download():
        calls.append(1)
        write_fashion(keras_dir)
    monkeypatch.setattr(data, "_keras_download", fake_download)
    write_fashion(tmp_path / "local")
    load_fashion_mnist(dirs=[tmp_path / "local"])
    assert calls == []
    ds = load_fashion_mnist(dirs=[tmp_path / "nothing"])
    assert calls == [1] and ds.source == str(keras_dir)

    def failing_download():
        raise DatasetError("data.download_failed", error="no network")
    monkeypatch.setattr(data, "_keras_download", failing_download)
    with pytest.raises(DatasetError, match="no network"):
        load_fashion_mnist(dirs=[tmp_path / "nothing"], cache_dir=False)


def test_keras_download_failure_is_a_dataset_error(monkeypatch):
    """Check that a failing or hanging downloader child process becomes a DatasetError (never a
    traceback) carrying the child's last line."""
    import subprocess

    class Failed:
        returncode = 1
        stderr = "Traceback ...\nException: URL fetch failure: no route to host"

    monkeypatch.setattr(subprocess, "run", lambda *a, **k: Failed())
    with pytest.raises(DatasetError, match="failed \\(offline\\?\\): Exception: URL fetch failure"):
        REAL_DOWNLOAD()

    def hang(*a, **k):
        raise subprocess.TimeoutExpired("python", 600)
    monkeypatch.setattr(subprocess, "run", hang)
    with pytest.raises(DatasetError, match="did not finish"):
        REAL_DOWNLOAD()


def test_cache_is_used_and_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    """Check that a second load comes from the cache (the IDX files are not read again), and that a
    truncated cache file is ignored and rebuilt without an error."""
    write_fashion(tmp_path / "fm")
    first = load_fashion_mnist(dirs=[tmp_path / "fm"], allow_download=False)
    caches = list((tmp_path / "cache").glob("fashion_mnist-*"))
    assert len(caches) == 1

    def no_read(path):
        raise AssertionError(f"read {path} despite the cache")
    real_read = data.read_idx
    monkeypatch.setattr(data, "read_idx", no_read)
    again = load_fashion_mnist(dirs=[tmp_path / "fm"], allow_download=False)
    np.testing.assert_array_equal(first.x_train, again.x_train)
    assert not again.x_train.flags.writeable

    target = caches[0] / "x_train.npy"
    target.write_bytes(target.read_bytes()[:1000])
    monkeypatch.setattr(data, "read_idx", real_read)
    rebuilt = load_fashion_mnist(dirs=[tmp_path / "fm"], allow_download=False)
    np.testing.assert_array_equal(first.x_train, rebuilt.x_train)
    assert np.load(target).shape == first.x_train.shape


def test_cache_follows_the_files_and_can_be_switched_off(tmp_path):
    """Check that changed source files or another seed give a new cache entry, and cache_dir=False
    writes nothing."""
    write_fashion(tmp_path / "fm", seed=1)
    a = load_fashion_mnist(dirs=[tmp_path / "fm"], allow_download=False)
    write_fashion(tmp_path / "fm", seed=2, n_per_class=7)
    b = load_fashion_mnist(dirs=[tmp_path / "fm"], allow_download=False)
    assert len(a.y_train) != len(b.y_train)
    assert len(list((tmp_path / "cache").glob("fashion_mnist-*"))) == 1  # the stale one was removed
    load_fashion_mnist(dirs=[tmp_path / "fm"], allow_download=False, cache_dir=tmp_path / "c2", seed=3)
    assert len(list((tmp_path / "c2").glob("fashion_mnist-*"))) == 1
    before = sorted((tmp_path / "cache").iterdir())
    load_fashion_mnist(dirs=[tmp_path / "fm"], allow_download=False, cache_dir=False, seed=4)
    assert sorted((tmp_path / "cache").iterdir()) == before


def test_labels_and_images_must_agree(tmp_path):
    """Check that a label file with the wrong count is named in the error."""
    write_fashion(tmp_path / "fm")
    (tmp_path / "fm" / "train-labels-idx1-ubyte.gz").write_bytes(
        gzip.compress(idx_bytes(np.zeros(7, np.uint8))))
    with pytest.raises(DatasetError, match="holds 60 images but .* holds 7 labels"):
        load_fashion_mnist(dirs=[tmp_path / "fm"], allow_download=False, cache_dir=False)


# ------------------------------------------------------------------------------- subset and digits

def test_subset_is_stratified_and_proportional(tmp_path):
    """Check that subset keeps that many training images with equal classes, and shrinks validation
    to a quarter and test in the 48,000 : 10,000 proportion."""
    write_fashion(tmp_path / "fm", n_per_class=50, n_test_per_class=20)
    full = load_fashion_mnist(dirs=[tmp_path / "fm"], allow_download=False)
    ds = load_fashion_mnist(dirs=[tmp_path / "fm"], allow_download=False, subset=200)
    assert (len(ds.y_train), len(ds.y_val), len(ds.y_test)) == (200, 50, round(200 * 200 / 400))
    assert np.bincount(ds.y_train).tolist() == [20] * 10
    assert np.bincount(ds.y_val).tolist() == [5] * 10
    rows = {r.tobytes() for r in full.x_train}
    assert all(r.tobytes() in rows for r in ds.x_train)
    assert not ds.x_train.flags.writeable
    again = load_fashion_mnist(dirs=[tmp_path / "fm"], allow_download=False, subset=200)
    np.testing.assert_array_equal(ds.x_train, again.x_train)
    assert load_fashion_mnist(dirs=[tmp_path / "fm"], allow_download=False, subset=10**6) is not None
    with pytest.raises(ValueError, match="at least the number of classes"):
        load_fashion_mnist(dirs=[tmp_path / "fm"], allow_download=False, subset=5)


def test_stratified_indices_share_out_the_rounding():
    """Check class shares on an unbalanced label set: 7 of (8, 4, 2) ⇒ (4, 2, 1), no repeats, sorted;
    nearly the whole set (fewer left out than classes) keeps every index."""
    y = np.array([0] * 8 + [1] * 4 + [2] * 2)
    idx = data.stratified_indices(y, 7, seed=0)
    assert len(set(idx.tolist())) == 7 and np.bincount(y[idx]).tolist() == [4, 2, 1]
    assert (np.diff(idx) > 0).all()
    assert data.stratified_indices(y, 12, seed=0).tolist() == list(range(14))


def test_load_digits_is_an_offline_dataset():
    """Check digits' split (1,149/288/360), 8×8 shape, [0, 1] float32 pixels, labels and read-only."""
    ds = load_digits()
    assert ds.name == "digits" and ds.image_shape == (8, 8) and ds.n_features == 64
    assert (len(ds.y_train), len(ds.y_val), len(ds.y_test)) == (1149, 288, 360)
    assert ds.x_train.dtype == np.float32 and 0 <= ds.x_train.min() and ds.x_train.max() == 1
    assert ds.class_names == {"en": [str(i) for i in range(10)], "ko": [str(i) for i in range(10)]}
    assert not ds.x_test.flags.writeable
    small = load_digits(subset=100)
    assert len(small.y_train) == 100 and np.bincount(small.y_train).min() >= 9


def test_one_hot_matches_identity_rows():
    """Check one_hot against rows of the identity matrix, and its errors."""
    y = np.array([0, 1, 3])
    np.testing.assert_array_equal(one_hot(y, 4), np.eye(4, dtype=np.float32)[y])
    assert one_hot(y, 4).dtype == np.float32 and one_hot(y, 4, np.float64).dtype == np.float64
    with pytest.raises(ValueError):
        one_hot([0, 4], 4)
    with pytest.raises(ValueError):
        one_hot([[0]], 4)


# ------------------------------------------------------------------------------ the real data set

def test_debian_files_hold_the_textbooks_numbers():
    """Check the raw Debian files: 60000×28×28 / 10000×28×28, 6,000 per class, first labels."""
    _need(DEBIAN_DIR.is_dir(), f"{DEBIAN_DIR} missing: apt-get install dataset-fashion-mnist")
    labels = read_idx(DEBIAN_DIR / "train-labels-idx1-ubyte.gz")
    assert labels[:10].tolist() == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5]
    assert np.bincount(labels).tolist() == [6000] * 10
    assert read_idx(DEBIAN_DIR / "train-images-idx3-ubyte.gz").shape == (60000, 28, 28)
    assert read_idx(DEBIAN_DIR / "t10k-images-idx3-ubyte.gz").shape == (10000, 28, 28)


def test_debian_dataset_has_the_textbooks_split(debian_fashion):
    """Check 48,000/12,000/10,000 rows of 784 float32 pixels in [0, 1], 4,800/1,200 per class, and the
    textbook's first training label after the split (6, a shirt)."""
    ds = debian_fashion
    assert ds.x_train.shape == (48000, 784) and ds.x_val.shape == (12000, 784)
    assert ds.x_test.shape == (10000, 784)
    assert np.bincount(ds.y_train).tolist() == [4800] * 10
    assert np.bincount(ds.y_val).tolist() == [1200] * 10
    assert ds.y_train[0] == 6 and ds.class_names["ko"][ds.y_train[0]] == "셔츠"
    assert ds.x_train.dtype == np.float32 and ds.x_train.min() == 0 and ds.x_train.max() == 1
