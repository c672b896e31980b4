"""How the app writes an accuracy wherever it shows one: a percentage with one decimal, "88.3%", the same in
both languages (Korean writes % against the number too). Each place has its own formatter, so each gets the
spelling it reads; all of them turn 0.8834 into "88.3%". Like Plotly's d3-format and the table's printf, the
text here is the accuracy times 100 rounded to one decimal, so a value on a rounding edge reads the same."""
from __future__ import annotations

ACCURACY_D3 = ".1%"  # Plotly's (d3-format) for hover text
ACCURACY_TICKS = ".1~%"  # an axis: "88%", "88.5%" (no trailing ".0"; ticks 0.5 % apart stay distinct)
ACCURACY_TABLE = "%.1f%%"  # st.column_config's printf format, applied to :func:`accuracy_points`


def accuracy_points(value: float | None) -> float | None:
    """An accuracy (0–1) in percentage points, as a table column holds it for :data:`ACCURACY_TABLE`
    (a number, so the column still sorts by it); None stays None."""
    return None if value is None else value * 100


def accuracy_text(value: float) -> str:
    """An accuracy (0–1) as the app writes it: ``0.8834`` → ``"88.3%"``."""
    return ACCURACY_TABLE % accuracy_points(value)
