"""Turning a run into files to download, and its first-layer weights into pictures."""
from __future__ import annotations

import io
import os
import tempfile

import numpy as np
import pandas as pd


def history_csv(history: dict[str, list[float]]) -> str:
    """The per-epoch history as CSV: an ``epoch`` column (from 1) and one column per non-empty key."""
    frame = pd.DataFrame({k: pd.Series(v, dtype=float) for k, v in history.items() if v})
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="epoch")
    return frame.to_csv(lineterminator="\n")


def _is_keras(model) -> bool:
    return hasattr(model, "model_")


def weights_name(model) -> str:
    """The file name a trained model's weights download under: ``model.keras`` or ``weights.npz``."""
    return "model.keras" if _is_keras(model) else "weights.npz"


def weights_bytes(model) -> bytes:
    """A trained model as a file: Keras's ``.keras`` archive, or an ``.npz`` of w1, b1, (w2, b2) for NumPy."""
    if _is_keras(model):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "model.keras")
            model.model_.save(path)
            with open(path, "rb") as f:
                return f.read()
    buf = io.BytesIO()
    arrays = {f"w{i + 1}": w for i, w in enumerate(model.coefs_)}
    arrays |= {f"b{i + 1}": b for i, b in enumerate(model.intercepts_)}
    np.savez(buf, **arrays)
    return buf.getvalue()


def first_layer_weights(model) -> np.ndarray:
    """The input layer's weight matrix (features × units, or × classes for softmax regression)."""
    if _is_keras(model):
        return np.asarray(model.model_.layers[0].get_weights()[0])
    return np.asarray(model.coefs_[0])
