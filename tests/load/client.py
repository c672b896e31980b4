"""A headless Streamlit "browser tab": Streamlit's own websocket protocol, no Chromium.

The browser and the server talk protobuf over ``ws://HOST/_stcore/stream``: the tab sends a ``BackMsg``
(``rerun_script`` with the URL's query string, the page, and the state of every widget on screen) and
the server answers with ``ForwardMsg``s — ``new_session`` when a run starts, one ``delta`` per element,
``page_info_changed`` when the script writes ``st.query_params``, ``auto_rerun`` for fragments with
``run_every``, and ``script_finished`` when the run is over. :class:`Tab` keeps what a real tab keeps
(the widgets of the last run and their values, the query string, the fragment timers) and sends what a
real tab sends, so a few dozen of them load the server as a classroom would, at a fraction of the
memory of as many Chromium pages.
"""
from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from core.classroom.identity import BROWSER_COOKIE, new_browser_secret

_ID_PREFIX = "$$ID-"
_FINISHED = ForwardMsg.ScriptFinishedStatus
# The widget types a tab reports, and the WidgetState field each one's value goes in (as the frontend does).
_WIDGETS = {"slider", "number_input", "selectbox", "button_group", "checkbox", "multiselect", "radio",
            "text_input", "button", "download_button", "bidi_component"}
_TRIGGERS = {"button", "download_button"}  # clicked, not kept: their state is sent once
_FIRE_ONCE = ("trigger_value", "string_trigger_value", "json_trigger_value")  # sent with one run, then forgotten


def widget_key(widget_id: str) -> str | None:
    """The user key inside a Streamlit widget id (``$$ID-<hash>-<key>``), or None for unkeyed widgets."""
    if not widget_id.startswith(_ID_PREFIX):
        return None
    key = widget_id[len(_ID_PREFIX):].split("-", 1)[-1]
    return None if key == "None" else key


@dataclass
class Widget:
    """A widget the last run drew: its kind, its proto (label, options, range) and its id."""
    kind: str
    proto: object
    fragment: str = ""  # the fragment that drew it: a browser reruns only that fragment for its changes

    @property
    def id(self) -> str:
        return self.proto.id

    @property
    def key(self) -> str | None:
        return widget_key(self.proto.id)


@dataclass
class RunResult:
    """What one run sent back: how long it took, how it ended, its elements (kind, proto) in order."""
    seconds: float
    status: str
    elements: list[tuple[str, object]] = field(default_factory=list)


def _initial_state(w: Widget) -> WidgetState | None:
    """The value a freshly drawn widget reports, from its proto (as the frontend's widget manager)."""
    p, ws = w.proto, WidgetState(id=w.id)
    if w.kind == "slider":
        if p.options:  # select_slider: the options' labels
            labels = list(p.raw_value) if p.set_value and p.raw_value else \
                [p.options[int(i)] for i in (p.value if p.set_value else p.default)]
            ws.string_array_value.data[:] = labels
        else:
            ws.double_array_value.data[:] = list(p.value) if p.set_value else list(p.default)
    elif w.kind == "number_input":
        if p.set_value and p.HasField("value"):
            ws.double_value = p.value
        elif p.HasField("default"):
            ws.double_value = p.default
        else:
            return None
    elif w.kind in ("selectbox", "radio"):
        if p.set_value and p.HasField("raw_value"):
            ws.string_value = p.raw_value
        elif p.HasField("default") and p.default < len(p.options):
            ws.string_value = p.options[p.default]
        else:
            return None
    elif w.kind == "button_group":
        chosen = list(p.raw_values) if p.set_value else [p.options[i].content for i in p.default]
        ws.string_array_value.data[:] = chosen
    elif w.kind == "multiselect":
        ws.string_array_value.data[:] = list(p.raw_values) if p.set_value else [p.options[i] for i in p.default]
    elif w.kind == "checkbox":
        ws.bool_value = p.value if p.set_value else p.default
    elif w.kind == "text_input":
        ws.string_value = p.value if p.set_value else p.default
    elif w.kind == "popover":
        ws.bool_value = p.open
    else:
        return None
    return ws


class Tab:
    """One browser tab on one page of a running app.

    ``await tab.open()`` connects and runs the page once; ``await tab.rerun(change)`` sends a widget
    change (a :class:`WidgetState`) with the other widgets' values and waits for the run to finish;
    ``tab.widgets`` are the widgets now on screen by key; ``tab.exceptions`` collects every
    ``st.exception`` element the server ever sent. Fragment timers (``run_every``) are honoured while
    ``poll_fragments`` is true, as a browser does.
    """

    def __init__(self, base_url: str, page: str, query: str = "", *, poll_fragments: bool = True,
                 secret: str | None = None):
        self.base_url, self.page, self.query = base_url.rstrip("/"), page, query
        self.secret = secret or new_browser_secret()  # the browser's cookie: a reload sends the same
        self.poll_fragments = poll_fragments
        self.widgets: dict[str, Widget] = {}          # by key (or id when unkeyed)
        self.elements: list[tuple[str, object]] = []  # of the current or last run
        self.exceptions: list[str] = []
        self.errors: list[str] = []                   # client-side failures (protocol surprises)
        self.runs = 0
        self._states: dict[str, WidgetState] = {}     # by widget id: what the tab would send
        self._page_hash = ""
        self.pages: dict[str, str] = {}               # url path -> page script hash (from navigation)
        self._ws = None
        self._reader: asyncio.Task | None = None
        self._timers: dict[str, asyncio.Task] = {}    # fragment id -> periodic rerun task
        self._finished: asyncio.Queue[tuple[float, str]] = asyncio.Queue()
        self._running_widgets: dict[str, Widget] = {}
        self._tree: dict[tuple[int, ...], tuple[str, object]] = {}  # delta path -> element
        self._fragment_run = False
        self._lock = asyncio.Lock()                   # one request in flight, like a browser
        self.closed = False

    # --- connection ---
    async def open(self) -> RunResult:
        """Connect (as a same-origin browser would) and run the page once."""
        ws_url = self.base_url.replace("http", "ws", 1) + "/_stcore/stream"
        self._ws = await connect(ws_url, subprotocols=["streamlit"], origin=self.base_url,
                                 additional_headers={"Cookie": f"{BROWSER_COOKIE}={self.secret}"},
                                 max_size=None, open_timeout=30)
        self._reader = asyncio.create_task(self._read())
        return await self.rerun()

    async def close(self) -> None:
        """Close the tab: stop its timers and the websocket (the server sees the tab go away)."""
        self.closed = True
        for task in self._timers.values():
            task.cancel()
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)

    # --- requests ---
    async def rerun(self, *changes: WidgetState, fragment_id: str = "", timeout: float = 120,
                    auto: bool | None = None) -> RunResult:
        """Send a rerun request carrying ``changes`` and wait until that run has finished (of fragment
        ``fragment_id`` alone if given: a timer's tick unless ``auto`` is False, a widget in it changed)."""
        async with self._lock:
            msg = BackMsg()
            cs = msg.rerun_script
            cs.query_string = self.query
            cs.page_name = self.page if not self._page_hash else ""
            cs.page_script_hash = self._page_hash
            cs.fragment_id = fragment_id
            cs.is_auto_rerun = bool(fragment_id) if auto is None else auto
            states = {**self._states, **{c.id: c for c in changes}}
            cs.widget_states.widgets.extend(states.values())
            for c in changes:  # the values of kept widgets stay as sent; triggers fire once
                if c.WhichOneof("value") not in _FIRE_ONCE:
                    self._states[c.id] = c
            while not self._finished.empty():  # runs the server started on its own are over
                self._finished.get_nowait()
            t0 = time.perf_counter()
            await self._ws.send(msg.SerializeToString())
            while True:
                t_end, status = await asyncio.wait_for(self._finished.get(), timeout)
                if t_end >= t0 and status != "rerun":
                    return RunResult(t_end - t0, status, list(self.elements))

    async def goto(self, page: str, query: str = "") -> RunResult:
        """Follow a link to another page of the app (same session), as the sidebar navigation does."""
        self.page, self.query = page, query
        self._page_hash = self.pages.get(page, "")
        return await self.rerun()

    async def click(self, key: str) -> RunResult:
        """Click the button with this key."""
        return await self.rerun(WidgetState(id=self.widgets[key].id, trigger_value=True))

    async def set_number(self, key: str, value: float) -> RunResult:
        """Type ``value`` into the number input with this key."""
        return await self.rerun(WidgetState(id=self.widgets[key].id, double_value=value))

    async def set_slider(self, key: str, value: float) -> RunResult:
        """Move the slider with this key to ``value``."""
        return await self.rerun(WidgetState(id=self.widgets[key].id, double_array_value={"data": [value]}))

    async def choose(self, key: str, option_label: str) -> RunResult:
        """Pick an option (by its label on screen) in a selectbox, a select_slider or a button group."""
        w = self.widgets[key]
        ws = WidgetState(id=w.id)
        if w.kind in ("button_group", "slider"):
            ws.string_array_value.data[:] = [option_label]
        else:
            ws.string_value = option_label
        return await self.rerun(ws)

    def component_data(self, key: str):
        """The data the custom component (``st.components.v2``) with this key was last drawn with."""
        return json.loads(self.widgets[key].proto.json)

    async def component_event(self, key: str, event: str, value) -> RunResult:
        """Send the custom component's trigger ``event`` with ``value`` as its browser does: one entry of the
        component's trigger list, rerunning only the fragment the component was drawn in (the whole page when
        it is in none)."""
        w = self.widgets[key]
        ws = WidgetState(id=f"$$STREAMLIT_INTERNAL_KEY_{w.id}__events",
                         json_trigger_value=json.dumps([{"event": event, "value": value}]))
        return await self.rerun(ws, fragment_id=w.fragment, auto=False)

    def texts(self, kind: str) -> list[str]:
        """Text of the elements of ``kind`` (``progress``, ``alert``, ``markdown`` …) of the last run."""
        out = []
        for k, p in self.elements:
            if k == kind:
                out.append(getattr(p, "text", None) or getattr(p, "body", ""))
        return out

    # --- the reader ---
    async def _read(self) -> None:
        try:
            async for raw in self._ws:
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                self._handle(msg)
        except ConnectionClosed:
            pass
        except Exception as exc:  # noqa: BLE001 — a protocol surprise must reach the test, not vanish
            self.errors.append(f"{type(exc).__name__}: {exc}")
            raise
        finally:
            for task in self._timers.values():
                task.cancel()

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self._page_hash = msg.new_session.page_script_hash or self._page_hash
            self._fragment_run = bool(msg.metadata.run.fragment_ids)
            if not self._fragment_run:  # a full run redraws the page and forgets the fragment timers
                self._tree, self._running_widgets = {}, {}
                self._reset_timers()
        elif kind == "navigation":
            self._page_hash = msg.navigation.page_script_hash or self._page_hash
            self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "add_block":
            block = msg.delta.add_block
            if block.WhichOneof("type") == "popover" and block.popover.id:  # a popover that reports open/closed
                self._running_widgets[widget_key(block.popover.id) or block.popover.id] = Widget("popover",
                                                                                                   block.popover)
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            el = msg.delta.new_element
            el_kind = el.WhichOneof("type")
            proto = getattr(el, el_kind)
            self._tree[tuple(msg.metadata.delta_path)] = (el_kind, proto)
            if el_kind == "exception":
                self.exceptions.append(f"{proto.type}: {proto.message}")
            elif el_kind in _WIDGETS and proto.id:
                self._running_widgets[widget_key(proto.id) or proto.id] = Widget(el_kind, proto, msg.delta.fragment_id)
        elif kind == "auto_rerun" and self.poll_fragments:
            self._start_timer(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for fid in msg.stop_auto_rerun.fragment_ids:
                task = self._timers.pop(fid, None)
                if task is not None:
                    task.cancel()
        elif kind == "script_finished":
            status = msg.script_finished
            if status == _FINISHED.FINISHED_EARLY_FOR_RERUN:
                self._finished.put_nowait((time.perf_counter(), "rerun"))
                return
            self.runs += 1
            self.elements = [self._tree[k] for k in sorted(self._tree)]
            self._settle_widgets(self._fragment_run)
            self._finished.put_nowait((time.perf_counter(), "fragment" if self._fragment_run else "ok"))

    def _settle_widgets(self, fragment: bool) -> None:
        """After a run: the widgets on screen are those it drew (a fragment run only adds/refreshes)."""
        drawn = self._running_widgets
        if fragment:
            self.widgets.update(drawn)
        else:
            self.widgets = dict(drawn)
        ids = {w.id for w in self.widgets.values()}
        self._states = {i: s for i, s in self._states.items() if i in ids}
        for w in drawn.values():
            if w.kind in _TRIGGERS:
                continue
            fresh = w.proto.set_value if hasattr(w.proto, "set_value") else False
            if fresh or w.id not in self._states:
                state = _initial_state(w)
                if state is not None:
                    self._states[w.id] = state

    # --- fragment timers (st.fragment(run_every=...)) ---
    def _reset_timers(self) -> None:
        for task in self._timers.values():
            task.cancel()
        self._timers = {}

    def _start_timer(self, fragment_id: str, interval: float) -> None:
        old = self._timers.pop(fragment_id, None)
        if old is not None:
            old.cancel()
        self._timers[fragment_id] = asyncio.create_task(self._tick(fragment_id, interval))

    async def _tick(self, fragment_id: str, interval: float) -> None:
        while not self.closed:
            await asyncio.sleep(interval)
            if self._lock.locked():  # a run is in flight: the browser skips this tick
                continue
            try:
                await self.rerun(fragment_id=fragment_id)
            except (asyncio.TimeoutError, Exception):  # noqa: BLE001 — a dead tab stops ticking
                return
