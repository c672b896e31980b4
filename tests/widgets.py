"""AppTest helpers for the app's own widget patterns."""
import base64

import numpy as np
from streamlit.testing.v1 import AppTest


def open_page(app_path: str, page: str, lang: str = "en", **params: str) -> AppTest:
    """Run the app with ``lang`` and ``params`` in the URL, switch to ``page`` and check it raised nothing."""
    at = AppTest.from_file(app_path, default_timeout=60)
    at.query_params.update({"lang": lang, **params})
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def plotly_array(value) -> np.ndarray:
    """A Plotly JSON array, decoding Plotly 7's base64 {"dtype", "bdata"} form (its shape may be a list
    or the text "r, c")."""
    if isinstance(value, dict) and "bdata" in value:
        out = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        return out.reshape([int(v) for v in str(shape).strip("[]").split(",")]) if shape else out
    return np.asarray(value, dtype=float)


def named(at, key: str):
    """The select box (or multiselect) of ui.state.named_select whose value lives in ``key`` (its widget key
    has a suffix)."""
    return next(s for s in [*at.selectbox, *at.multiselect] if s.key.startswith(f"{key}__"))


def linked(at, key: str):
    """The (slider, number input) of ui.state.linked_number whose value lives in ``key`` (their widget keys
    carry a generation: ``<key>__s<g>``, ``<key>__n<g>``)."""
    def one(widgets, kind):
        return next(w for w in widgets if w.key.startswith(f"{key}__{kind}") and w.key[len(key) + 3:].isdigit())
    return one(at.slider, "s"), one(at.number_input, "n")
