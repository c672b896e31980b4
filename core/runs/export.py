"""Turning a run's history into a file to download (its weights file is its engine's own ``save``)."""
from __future__ import annotations

import pandas as pd


def history_csv(history: dict[str, list[float]]) -> str:
    """The per-epoch history as CSV: an ``epoch`` column (from 1) and one column per non-empty key."""
    frame = pd.DataFrame({k: pd.Series(v, dtype=float) for k, v in history.items() if v})
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="epoch")
    return frame.to_csv(lineterminator="\n")
