"""Small grey images as PNG data URIs, for galleries and table cells."""
from __future__ import annotations

import base64
import io

import numpy as np
from PIL import Image


def to_uint8(img: np.ndarray) -> np.ndarray:
    """Pixels in [0, 1] as 8-bit grey levels (values outside are clipped)."""
    return (np.clip(np.asarray(img, dtype=np.float64), 0, 1) * 255 + 0.5).astype(np.uint8)


def png_data_uri(img: np.ndarray, scale: int = 3) -> str:
    """A ``data:image/png;base64,…`` URI of a 2-D image in [0, 1], enlarged ``scale`` times (crisp pixels)."""
    pixels = np.kron(to_uint8(img), np.ones((scale, scale), dtype=np.uint8))
    buf = io.BytesIO()
    Image.fromarray(pixels, mode="L").save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
