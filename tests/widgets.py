"""AppTest helpers for the app's own widget patterns."""
import base64
import json
import time

import numpy as np
from streamlit.testing.v1 import AppTest


def open_page(app_path: str, page: str, lang: str = "en", timeout: float = 60, session: dict | None = None,
              **params: str) -> AppTest:
    """Run the app with ``lang`` and ``params`` in the URL (and ``session`` in its session state, as a
    browser's cookie would put it there), switch to ``page`` and check it raised nothing; each later run
    may take ``timeout`` seconds."""
    at = AppTest.from_file(app_path, default_timeout=timeout)
    for key, value in (session or {}).items():
        at.session_state[key] = value
    at.query_params.update({"lang": lang, **params})
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def open_trainer(app_path: str, lang: str = "en", **settings) -> AppTest:
    """The trainer page on the offline digits with ``settings`` (tr_<name>: text for a select box, a number
    for a number box) set through its widgets, checked to show no exception and no error."""
    at = open_page(app_path, "views/trainer.py", lang, timeout=120)
    named(at, "tr_dataset").set_value("digits").run()
    for key, value in settings.items():
        widget = named(at, f"tr_{key}") if isinstance(value, str) else at.number_input(key=f"tr_{key}")
        widget.set_value(value).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at


def status(at) -> str:
    """The text of the trainer's status line (its progress bar)."""
    return at.get("progress")[0].proto.text


def wait_until(at, predicate, timeout=120) -> None:
    """Rerun the page (as the polling fragment would) until predicate(at) holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        at.run()
        if predicate(at):
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out; status: {status(at)}")


def chart(at, key: str) -> dict:
    """The Plotly spec (data, layout) of the one chart drawn with widget key ``key`` or, for a chart whose
    key changes, with ``layout.uirevision`` ``key``."""
    specs = [(el.proto.id, json.loads(el.proto.spec)) for el in at.get("plotly_chart")]
    found = [spec for id_, spec in specs if id_.endswith(f"-{key}") or spec.get("layout", {}).get("uirevision") == key]
    assert len(found) == 1, f"{len(found)} charts {key!r}"
    return found[0]


def component_data(at, name: str) -> dict:
    """The data Python sent to the one mounted ``st.components.v2`` component named ``name``."""
    found = [json.loads(el.proto.json) for el in at.get("bidi_component") if el.proto.component_name == name]
    assert len(found) == 1, f"{len(found)} components {name!r}"
    return found[0]


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


def table_text(at, k: int, column: str) -> list[str]:
    """The cells of column ``column`` of the page's ``k``-th table as the browser writes them: through the
    column's printf format when it has one (Streamlit's grid formats with sprintf-js, which reads ``%.1f%%``
    as Python's ``%`` does), else as text."""
    table = at.dataframe[k]
    fmt = json.loads(table.proto.columns).get(column, {}).get("type_config", {}).get("format")
    assert fmt is None or "%" in fmt, f"{column}: {fmt!r} is no printf format"
    return ["" if v is None or v != v else fmt % v if fmt else str(v) for v in table.value[column]]



def component_event(at: AppTest, name: str, event: str, value) -> AppTest:
    """Run the app as after the one mounted component named ``name`` sent trigger ``event`` with ``value``: the
    message a browser sends (the component's trigger list, widget ``$$STREAMLIT_INTERNAL_KEY_<id>__events``)."""
    from streamlit.proto.WidgetStates_pb2 import WidgetStates
    (element,) = [el for el in at.get("bidi_component") if el.proto.component_name == name]
    states = WidgetStates()
    states.CopyFrom(at._tree.get_widget_states())
    trigger = states.widgets.add()
    trigger.id = f"$$STREAMLIT_INTERNAL_KEY_{element.proto.id}__events"
    trigger.json_trigger_value = json.dumps([{"event": event, "value": value}])
    at._run(states)
    return at
