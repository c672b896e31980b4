"""The own-picture page's parts: where the picture comes from, the pipeline row, and what a run says.

Pictures live in this session's memory only: never written, logged or put in a cache shared between
sessions (st.cache_data). Streamlit keeps an upload or a camera shot until the widget is cleared or the tab
closes; :func:`prepared_picture` keeps the one picture's prepared steps beside it (and drops them with it),
so a rerun does not decode it again.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import numpy as np
import streamlit as st
from PIL import Image, ImageOps

from core.pages import own_image as oi
from core.data.datasets import Dataset
from core.figures.evaluation import proba_bars
from core.text.i18n import class_names
from ui.charts import plot
from ui.lang import current_lang, tr
from ui.prediction_views import softmax_link
from ui.state import choice_parser, number_parser, seed
from ui.workspace import session_runs

SOURCES = ("upload", "camera", "draw", "test")
INVERT = ("auto", "yes", "no")
STATE_KEYS = ["own.src", "own.inv", "own.margin", "own.contrast", "own.test"]
SHOWN = 112      # px: each pipeline image's width on the page
NEIGHBOURS = 5
CANVAS = 280     # px: the drawing canvas's side (fits a phone's width)
TILE_PAD = 6                       # px of white around each tile's image
TILE_EDGE = (150, 158, 170)        # its outline: grey, neither a picture's black nor its white
PREPARED = "own.prepared"          # session key: (picture's hash, data set, options) and what prepare gave


@dataclass(frozen=True)
class RunChoice:
    """A trained network to ask: this tab's finished runs now, the workspace's stored runs later."""
    key: str
    label: str
    model: object
    dataset: Dataset


def run_choices() -> list[RunChoice]:
    """Finished runs of this tab's workspace (stored ones too) that kept a usable model, newest first;
    a stored Keras run has none until its file is loaded with TensorFlow, so it is left out."""
    done = [r for r in session_runs() if r.job.done and r.job.model is not None and r.job.val_proba is not None]
    return [RunChoice(f"s{r.number}", r.name(current_lang()), r.job.model, r.job.dataset) for r in reversed(done)]


def names_of(ds: Dataset) -> list[str]:
    """The data set's class names in the page's language."""
    return class_names(current_lang()) if ds.name == "fashion_mnist" else ds.class_names["en"]


def seed_state() -> None:
    """Seed the page's settings from the URL (see ui/state.py)."""
    seed("own.src", "upload", choice_parser(list(SOURCES)))
    seed("own.inv", "auto", choice_parser(list(INVERT)))
    seed("own.margin", 0.0, number_parser(0.0, 0.5))
    seed("own.contrast", 1.0, number_parser(0.2, 3.0))
    seed("own.test", 0, number_parser(0, 10**6, integer=True))


def _next_test_image(n: int) -> None:
    """Button callback: the next test image, drawn from a generator seeded by the current one (so a
    shared link and its "another" button lead to the same images)."""
    st.session_state["own.test"] = int(np.random.default_rng(st.session_state["own.test"]).integers(n))


def source_picker() -> str:
    """Where the picture comes from (drawn full width: four choices do not fit half a tablet's width)."""
    return st.segmented_control(tr("own.source"), SOURCES, key="own.src", required=True,
                                format_func=lambda s: tr(f"own.source.{s}"), persist_state="session")


def picture_input(source: str, test_set: Dataset | None) -> tuple[bytes | None, int | None]:
    """The input of ``source``; returns the picture's bytes (or None) and, for a test image, its true
    class."""
    if source == "camera":  # drawn only when asked for: it asks the browser for the camera at once
        shot = st.camera_input(tr("own.camera"), key="own.camera")
        return (shot.getvalue() if shot else None), None
    if source == "upload":
        file = st.file_uploader(tr("own.upload"), type=list(oi.UPLOAD_TYPES), key="own.upload",
                                max_upload_size=oi.MAX_BYTES // 2**20)
        return (file.getvalue() if file else None), None
    if source == "draw":
        return drawing(), None
    if test_set is None:
        return None, None
    n = len(test_set.y_test)
    index = st.session_state["own.test"] % n
    st.button(tr("own.test.another"), on_click=_next_test_image, args=(n,), icon=":material/casino:",
              key="own.another")
    label = int(test_set.y_test[index])
    st.caption(tr("own.test.caption", index=index, name=names_of(test_set)[label]))
    return oi.as_photo(test_set.x_test[index].reshape(test_set.image_shape), border=40), label


def drawing() -> bytes | None:
    """A canvas to draw on with the mouse or a finger (the streamlit-drawable-canvas component, loaded
    only here: it registers its assets with the running server); returns the drawing as PNG bytes, or
    None before the first stroke."""
    from streamlit_drawable_canvas import st_canvas

    result = st_canvas(stroke_width=16, stroke_color="#000000", background_color="#ffffff", height=CANVAS,
                       width=CANVAS, drawing_mode="freedraw", return_image_data=True, key="own.canvas")
    st.caption(tr("own.draw.hint"))  # below: the canvas's toolbar floats over what stands above it
    if result.image_data is None:
        return None
    buf = io.BytesIO()
    Image.fromarray(np.asarray(result.image_data, dtype=np.uint8), "RGBA").save(buf, format="PNG")
    return buf.getvalue()


def prepared_picture(picture: bytes | None, dataset: str, opts: oi.Options) -> oi.Prepared | None:
    """:func:`core.pages.own_image.prepare` of ``picture`` for ``dataset`` and ``opts``, once per session for
    each picture and options: a rerun with the same ones reuses the result, or raises the same refusal
    again (as a fresh :class:`~core.pages.own_image.OwnImageError`: a stored one would keep its tracebacks).
    Only the latest picture is kept, and none without a picture (None is returned then). "The server is
    busy" is not kept: trying again is the cure."""
    if picture is None:
        st.session_state.pop(PREPARED, None)
        return None
    key = (hashlib.blake2b(picture, digest_size=16).digest(), dataset, opts)
    kept = st.session_state.get(PREPARED)
    if kept is None or kept[0] != key:
        try:
            result = oi.prepare(picture, dataset, opts)
        except oi.OwnImageError as exc:
            if exc.message.key == "own.error.busy":
                raise
            result = exc.message
        kept = st.session_state[PREPARED] = (key, result)
    if isinstance(kept[1], oi.Prepared):
        return kept[1]
    raise oi.OwnImageError(kept[1].key, **kept[1].params)


def options() -> oi.Options:
    """The invert / margin / contrast controls, in a collapsed expander."""
    with st.expander(tr("own.options")):
        c1, c2, c3 = st.columns(3)
        inv = c1.segmented_control(tr("own.invert"), INVERT, key="own.inv", required=True,
                                   format_func=lambda v: tr(f"own.invert.{v}"), help=tr("own.invert.help"),
                                   persist_state="session")
        margin = c2.slider(tr("own.margin"), 0.0, 0.5, step=0.05, key="own.margin", format="%.2f",
                           help=tr("own.margin.help"), persist_state="session")
        contrast = c3.slider(tr("own.contrast"), 0.2, 3.0, step=0.1, key="own.contrast", format="%.1f",
                             help=tr("own.contrast.help"), persist_state="session")
    return oi.Options(invert=None if inv == "auto" else inv == "yes", margin=margin, contrast=contrast)


def _shown(img: Image.Image) -> Image.Image:
    """A square white tile for the row: the image fitted inside (large pictures shrunk, tiny ones enlarged
    with crisp pixels) and outlined in grey, so a white or black step still shows its edges, the tiles
    stand apart and the captions line up."""
    inner = SHOWN - 2 * TILE_PAD
    crisp = max(img.size) < inner
    fitted = ImageOps.contain(img.convert("RGB"), (inner, inner),
                              Image.Resampling.NEAREST if crisp else Image.Resampling.LANCZOS)
    framed = ImageOps.expand(fitted, border=2, fill=TILE_EDGE)
    tile = Image.new("RGB", (SHOWN, SHOWN), "white")
    tile.paste(framed, ((SHOWN - framed.width) // 2, (SHOWN - framed.height) // 2))
    return tile


def pipeline_row(prepared: oi.Prepared, side: int) -> None:
    """The steps as a row of small images, and what the automatic choices decided."""
    st.subheader(tr("own.pipeline"))
    names = list(prepared.steps)
    st.image([_shown(prepared.steps[k]) for k in names], width=SHOWN,
             caption=[tr(f"own.step.{k}", side=side) for k in names])
    w, h = prepared.size
    line = tr("own.size", w=w, h=h) + " " + tr(
        "own.invert.detected", kind=tr("own.invert.light" if prepared.light_background else "own.invert.dark"),
        done=tr("own.invert.done_yes" if prepared.inverted else "own.invert.done_no"))
    st.caption(line)
    for note in prepared.notes:
        st.info(tr(note), icon=":material/animation:")


def verdict(choice: RunChoice, x: np.ndarray, true_class: int | None) -> int:
    """Top 3, softmax bars for every class and the link to the softmax explorer; returns the class."""
    names = names_of(choice.dataset)
    p = np.asarray(choice.model.predict_proba(x[None])[0], dtype=np.float64)
    left, right = st.columns([1, 2])
    with left:
        st.markdown("**" + tr("own.top3") + "**")
        top = np.argsort(-p, kind="stable")[:3]
        rows = [tr("own.top.row", rank=i + 1, name=names[c], p=p[c]) for i, c in enumerate(top)]
        st.markdown("  \n".join(rows))
    plot(right, proba_bars(p, names, true_class=true_class), key="own.bars")
    z = choice.model.decision_function(x[None])[0]  # the real pre-softmax outputs
    softmax_link(z, true_class, choice.dataset.name, tr("own.open_softmax"))
    return int(top[0])


def neighbours(choice: RunChoice, x: np.ndarray, cls: int) -> None:
    """The training images of class ``cls`` nearest to ``x`` by pixel distance."""
    ds = choice.dataset
    idx = oi.nearest(x, ds.x_train, ds.y_train, cls, k=NEIGHBOURS)
    st.subheader(tr("own.nearest"))
    st.caption(tr("own.nearest.caption", k=len(idx), name=names_of(ds)[cls]))
    d = np.linalg.norm(ds.x_train[idx] - x, axis=1)
    tiles = [Image.fromarray((ds.x_train[i].reshape(ds.image_shape) * 255 + 0.5).astype(np.uint8), "L")
             for i in idx]
    st.image([_shown(t) for t in tiles], width=SHOWN,
             caption=[tr("own.nearest.item", d=v) for v in d])
