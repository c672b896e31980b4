"""Check that every figure stays small and cheap to send: our own small template, not plotly_white's ~7 KB,
and a spec that, without its data arrays, holds a few KB of layout (a class shares one server that
serialises 2–4 figures per slider move); and that the presenter view's larger chart text reaches every text."""
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.utils import PlotlyJSONEncoder

from core.maths import logistic as lg
from core.pages import loss_lab as lab
from core.figures import losses as lf
from core.figures.evaluation import proba_bars, scores_figure, weights_figure
from core.figures.sigmoid import loss_contour_figure, loss_history_figure, sigmoid_figure
from core.figures.softmax import gradient_figure, jacobian_figure, probability_figure
from core.figures.style import PALETTE, enlarge_text, layout
from core.figures.training import history_figure
from core.text.strings.loss import EN
from core.data.toy import EXAM, TOY

LOSS = {k.removeprefix("loss.fig."): v for k, v in EN.items() if k.startswith("loss.fig.")}
CURVE = {k: k for k in ("x", "y", "current", "threshold", "tangent", "pins", "class0", "class1", "predicted")}
CURVE |= {"midpoint": "{m}", "outside_left": "{m}", "outside_right": "{m}", "flat": "{v}"}
NAMES = {k: k for k in ("softmax", "sigmoid", "hardmax", "residual_up", "residual_down", "next", "true", "y_axis")}
TITLES = {"loss": "Loss", "accuracy": "Accuracy", "epoch": "Epoch", "train": "train", "val": "val"}
CLASSES = [f"class {k}" for k in range(10)]


def _surface(view: str):
    w, b = lab.surface_axes(n=21)
    return lf.surface_figure(w, b, lab.loss_surface(TOY.x, TOY.y, w, b, "ce"), point=(-3.0, 0.0, 4.7),
                             step=(1.5, 0.0), slides=(1.85, -0.03), view=view, title="t", labels=LOSS)


def _builders():
    """Every figure builder, called as its page calls it (the largest layouts: all options on)."""
    p, z = np.array([0.5, 0.3, 0.2]), lab.logit_grid(-4.0, half_width=10)
    curves, clip, br = lab.binary_curves(1e-10), lab.clip_curves(1e-7), lab.multiclass_breakdown(p, 1, 1e-10)
    path = lg.LogisticRegression1D(1.0, 40, w0=0.0, standardize=True).fit(EXAM.x, EXAM.y).path_
    hist = {"loss": [1.0, 0.5], "accuracy": [0.5, 0.7], "val_loss": [1.1, 0.6], "val_accuracy": [0.4, 0.6]}
    return {
        "probability": lambda: probability_figure(["a", "b", "c"], p, names=NAMES, sigmoids=p, hard=[1, 0, 0]),
        "gradient": lambda: gradient_figure(["a", "b", "c"], p, p - [0, 1, 0], p, true_class=1, names=NAMES),
        "jacobian": lambda: jacobian_figure(["a", "b", "c"], np.eye(3), title="J"),
        "binary_a": lambda: lf.binary_a_figure(curves["a"], curves["y1"], curves["y0"], a0=0.3, y=1, loss0=1.2,
                                               labels=LOSS),
        "binary_z": lambda: lf.binary_z_figure(z, z, z, y=1, z0=0.0, loss0=0.7, grad0=-0.5, labels=LOSS),
        "multiclass": lambda: lf.multiclass_figure(br["a"], br["term"], br["grad"], true_class=1, labels=LOSS),
        "mse_vs_ce": lambda: lf.mse_vs_ce_figure(z, lab.z_curves(1, z), y=1, z0=-4.0, at0=lab.z_curves(1, -4.0),
                                                 labels=LOSS),
        "surface_contour": lambda: _surface("contour"),
        "surface_3d": lambda: _surface("3d"),
        "clipping": lambda: lf.clipping_figure(clip["a"], clip["raw"], clip["clipped"], eps=1e-7, labels=LOSS),
        "sigmoid": lambda: sigmoid_figure(1.0, -60.0, x_range=lg.x_window(EXAM.x), labels=CURVE,
                                          pins=[(0.5, -30.0)] * 3, family=lg.SLIDE_FAMILIES["w"],
                                          points={"x": EXAM.x, "y": EXAM.y}, note="epoch 3"),
        "loss_contour": lambda: loss_contour_figure(EXAM.x, EXAM.y, current=(0.2, -5.0), path=path, n=21,
                                                    labels={k: k for k in ("w", "b", "loss", "current", "path",
                                                                           "start", "end")}),
        "loss_history": lambda: loss_history_figure([0.7, 0.5], epochs=40, labels={"epoch": "e", "loss": "l"}),
        "history": lambda: history_figure([("run 1", hist), ("run 2", hist)], titles=TITLES, total_epochs=5),
        "logit_bars": lambda: proba_bars(np.full(10, 0.1), CLASSES, true_class=2, logits=np.zeros(10), titles=("z", "p")),
        "scores": lambda: scores_figure(p, p, p, ["a", "b", "c"], ["P", "R", "F1"]),
        "proba_bars": lambda: proba_bars(np.full(10, 0.1), CLASSES, true_class=2),
        "weights": lambda: weights_figure(np.ones((12, 20)), (3, 4), [f"unit {k}" for k in range(20)]),
    }


def _without_arrays(trace: dict) -> dict:
    """A trace's spec with its data (lists, arrays, Plotly's base64 arrays) left out."""
    out = {}
    for key, value in trace.items():
        if isinstance(value, dict) and "bdata" not in value:
            out[key] = _without_arrays(value)
        elif not isinstance(value, (list, tuple, np.ndarray, dict)):
            out[key] = value
    return out


def _size(value) -> int:
    """Length of the compact JSON Streamlit sends."""
    return len(json.dumps(value, cls=PlotlyJSONEncoder, separators=(",", ":")))


@pytest.mark.parametrize("name, build", _builders().items(), ids=lambda v: v if isinstance(v, str) else "")
def test_figure_spec_stays_small(name, build):
    """Check that a figure carries the playground template (~1 KB, where plotly_white's is ~7 KB) and,
    data arrays aside, at most 2.5 KB of JSON plus 0.5 KB per trace (its panel's axes and titles)."""
    spec = build().to_dict()
    assert spec["layout"]["template"] == pio.templates["playground"].to_plotly_json()
    assert _size(spec["layout"]["template"]) < 1500
    spec["data"] = [_without_arrays(trace) for trace in spec["data"]]
    assert _size(spec) < 2500 + 500 * len(spec["data"]), name


def test_template_keeps_the_white_look():
    """Check the template draws plotly_white's white background, light grid and thin white bar edges, with
    the playground's palette as the default trace colours."""
    template = pio.templates["playground"]
    assert template.layout.plot_bgcolor == "white" and template.layout.xaxis.gridcolor == "#EBF0F8"
    assert list(template.layout.colorway) == PALETTE
    assert template.data.bar[0].marker.line.color == "white"


def test_layout_merges_overrides_into_the_common_dicts():
    """Check that a dict override is merged into the common one (as update_layout does) and others replace."""
    out = layout(title="T", height=300, uirevision="u", margin=dict(t=85), barmode="group")
    assert out["margin"] == dict(l=10, r=10, t=85, b=10) and out["barmode"] == "group"
    assert out["title"] == dict(text="T") and out["uirevision"] == "u" and out["height"] == 300
    assert "title" not in layout() and "uirevision" not in layout()


def test_figures_take_our_template_after_another_became_the_default(monkeypatch):
    """Check that a figure built after something else set plotly's default template (importing Streamlit
    sets its own) still gets the playground template."""
    monkeypatch.setattr(pio.templates, "default", "plotly")
    fig = proba_bars(np.array([0.2, 0.8]), ["a", "b"], true_class=1)
    assert fig.layout.template.layout.colorway == tuple(PALETTE) and pio.templates.default == "playground"


def test_enlarge_text_scales_every_text_and_the_room_it_needs():
    """Check, on a figure written out by hand, that every text comes out ``factor`` times as large — its own size,
    or where it names none the size it is drawn at (Streamlit's 12 px ticks, colour bars and legends, a 16 px title,
    Plotly's 13 px hover label, the layout font for the rest) — and the margins, a fixed legend entry width and a
    legend's distance below the axes with it; nothing else changes, the input is left as it was and its data
    arrays are shared, not copied."""
    x = np.arange(3.0)
    spec = {"data": [{"type": "scatter", "x": x, "textfont": {"size": 10, "color": "red"}}, {"type": "heatmap"}],
            "layout": {"font": {"size": 14}, "height": 300, "xaxis": {"title": {"text": "x"}, "range": [0, 1]},
                       "yaxis2": {"tickfont": {"size": 10}}, "scene": {"zaxis": {}, "aspectmode": "cube"},
                       "coloraxis": {"colorbar": {"title": {"text": "c", "font": {"size": 20}}}},
                       "legend": {"y": -0.2, "entrywidth": 100}, "title": {"text": "T"},
                       "annotations": [{"text": "a", "font": {"size": 16}}, {"text": "b"}],
                       "margin": {"l": 10, "t": 40, "autoexpand": True}, "uniformtext": {"minsize": 10}}}
    before = json.dumps(spec, default=list)
    out = enlarge_text(spec, 1.5)
    lay = out["layout"]
    assert json.dumps(spec, default=list) == before and out["data"][0]["x"] is x
    assert lay["font"] == {"size": 21} and lay["height"] == 300 and lay["xaxis"]["range"] == [0, 1]
    assert lay["xaxis"]["tickfont"] == {"size": 18} and lay["xaxis"]["title"] == {"text": "x", "font": {"size": 21}}
    assert lay["yaxis2"]["tickfont"] == {"size": 15} and lay["scene"]["zaxis"]["tickfont"] == {"size": 18}
    assert lay["coloraxis"]["colorbar"]["tickfont"] == {"size": 18}
    assert lay["coloraxis"]["colorbar"]["title"]["font"] == {"size": 30}
    assert lay["legend"] == {"y": pytest.approx(-0.3), "entrywidth": 150, "font": {"size": 18}}
    assert lay["title"] == {"text": "T", "font": {"size": 24}} and lay["hoverlabel"] == {"font": {"size": 19.5}}
    assert [a["font"] for a in lay["annotations"]] == [{"size": 24}, {"size": 21}]
    assert lay["margin"] == {"l": 15, "t": 60, "autoexpand": True} and lay["uniformtext"] == {"minsize": 15}
    assert out["data"][0]["textfont"] == {"size": 15, "color": "red"}
    assert out["data"][1]["colorbar"] == {"tickfont": {"size": 18}}


@pytest.mark.parametrize("name, build", _builders().items(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_figure_enlarged_is_still_a_valid_figure(name, build):
    """Check that each page's figure with its text enlarged is one Plotly accepts (every property it sets exists
    where it sets it) and that its ticks are larger than Streamlit draws them."""
    fig = go.Figure(enlarge_text(build().to_dict(), 1.35))
    assert fig.layout.font.size > 14 and fig.layout.legend.font.size > 12, name
