"""The sigmoid page's loss-history axis as Chromium draws it: Plotly's own tick labels, read from the SVG.

No app server: the figure builder's output goes straight to the plotly.js bundled with the plotly package,
which is the library the page ships, so the labels are the ones a student reads.
"""
import json
from pathlib import Path

import numpy as np
import plotly
import pytest

from core.figures.sigmoid import loss_history_figure

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def tick_labels(page, fig) -> list[str]:
    """The y-axis tick labels plotly.js draws for ``fig``."""
    page.set_content("<div id='g' style='width:600px;height:420px'></div>")
    page.add_script_tag(path=str(PLOTLY_JS))
    spec = json.loads(fig.to_json())
    page.evaluate("f => Plotly.newPlot('g', f.data, f.layout)", spec)
    return page.eval_on_selector_all("#g .yaxislayer-above .ytick text", "els => els.map(e => e.textContent)")


@pytest.mark.parametrize("losses", [np.linspace(104.0, 100.5, 300),   # a saturated fit that barely moves
                                    np.linspace(26.5, 16.6, 300),     # the exam data from W = 1, b = 0
                                    np.geomspace(0.7, 0.002, 300)],   # a fit that converges: decades
                         ids=["near-100", "within-a-decade", "decades"])
def test_loss_history_ticks_are_distinct_and_true(page, losses):
    """Check that every tick label is different from the others and reads as a number inside the plotted
    losses' span (2 significant digits showed 101, 102, 103 and 104 all as "1e+2")."""
    labels = tick_labels(page, loss_history_figure(losses, epochs=300, labels={"epoch": "E", "loss": "L"}))
    values = [float(s.replace("\u2212", "-")) for s in labels]
    assert len(labels) >= 2 and len(set(labels)) == len(labels), labels
    assert all(losses.min() / 2 <= v <= losses.max() * 2 for v in values), labels  # autorange pads a little
