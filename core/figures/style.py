"""The playground's shared chart look, so every page's figures match."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# The white template as plotly's default: a figure then gets it at creation, unvalidated. Setting it per
# figure with update_layout(template=...) validates the whole template each time — about 20 ms of CPU
# per chart, most of an explorer rerun's cost when a class shares one server.
pio.templates.default = "plotly_white"

# Colour-blind-safe palette (Okabe–Ito), in a fixed order so class k has the same colour everywhere.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7",
           "#56B4E9", "#F0E442", "#000000", "#999999", "#882255"]
POSITIVE, NEGATIVE, NEUTRAL = "#009E73", "#D55E00", "#999999"


def base_layout(fig: go.Figure, *, title: str | None = None, height: int = 380,
                uirevision: str | None = None) -> go.Figure:
    """Apply the common layout: compact margins, legend on top, fixed uirevision (the white template is
    plotly's default once this module is imported).

    ``uirevision`` keeps the user's zoom and legend clicks across redraws of the same chart.
    """
    fig.update_layout(height=height, title=title,
                      margin=dict(l=10, r=10, t=50 if title else 20, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
                      uirevision=uirevision, font=dict(size=14))
    return fig
