"""Check the run exports: history CSV, weight files (NumPy and Keras), first-layer weights, images."""
import base64
import os
import tempfile
import csv
import io

import numpy as np
import pytest
from PIL import Image

from core.data.datasets import load_digits, one_hot
from core.runs.export import history_csv
from core.maths.images import png_data_uri, to_uint8
from core.engines.network import MultiClassNetwork


@pytest.fixture(scope="module")
def trained():
    ds = load_digits()
    return MultiClassNetwork(units=8, batch_size=64, learning_rate=0.5, seed=1).fit(
        ds.x_train, one_hot(ds.y_train, 10), epochs=2, x_val=ds.x_val, y_val=one_hot(ds.y_val, 10))


def test_history_csv_round_trips(trained):
    """Check the CSV has an epoch column from 1 and every history value, exactly."""
    rows = list(csv.DictReader(io.StringIO(history_csv(trained.history_))))
    assert [r["epoch"] for r in rows] == ["1", "2"]
    assert [float(r["val_accuracy"]) for r in rows] == trained.history_["val_accuracy"]


def test_numpy_weights_file_holds_every_matrix(trained):
    """Check the .npz holds w1, b1, w2, b2 equal to the network's learned arrays."""
    assert trained.weights_name == "weights.npz"
    buf = io.BytesIO()
    trained.save(buf)
    z = np.load(io.BytesIO(buf.getvalue()))
    np.testing.assert_array_equal(z["w1"], trained.w1_)
    np.testing.assert_array_equal(z["b2"], trained.b2_)
    np.testing.assert_array_equal(trained.coefs_[0], trained.w1_)


def test_keras_weights_file_loads_back():
    """Check the .keras archive loads in Keras and predicts what the trained model predicts."""
    from core.engines.keras_model import KerasNetwork, keras_module
    ds = load_digits(subset=200)
    model = KerasNetwork(units=0, batch_size=64, seed=3).fit(ds.x_train, one_hot(ds.y_train, 10), epochs=1)
    assert model.weights_name == "model.keras"
    keras = keras_module()

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "m.keras")
        with open(path, "wb") as f:
            model.save(f)
        loaded = keras.models.load_model(path)
    np.testing.assert_allclose(np.asarray(loaded(ds.x_val[:5])), model.predict_proba(ds.x_val[:5]), atol=1e-6)
    assert model.coefs_[0].shape == (64, 10)


def test_png_data_uri_decodes_to_the_scaled_image():
    """Check the data URI is a PNG of the image, each pixel a scale×scale block."""
    img = np.array([[0.0, 1.0], [0.5, 2.0]])
    uri = png_data_uri(img, scale=3)
    assert uri.startswith("data:image/png;base64,")
    pixels = np.asarray(Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))))
    assert pixels.shape == (6, 6)
    np.testing.assert_array_equal(pixels[::3, ::3], to_uint8(img))
    assert to_uint8(img).tolist() == [[0, 255], [128, 255]]
