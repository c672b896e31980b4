"""Browser harness: the real app under `streamlit run`, driven by Playwright in Debian's Chromium.

Screenshots go to artifacts/screenshots/ (git-ignored) so a person can open and look at them.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from core.text.i18n import t
from tests.conftest import need

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Poll Streamlit's health endpoint until it answers ok (or the server dies)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} not healthy after {timeout}s")


def start_app(port: int, env: dict | None = None, address: str = "127.0.0.1") -> subprocess.Popen:
    """Start `streamlit run app.py` headless on address:port (this machine only unless told, e.g. 0.0.0.0 for
    the classroom network) and wait until it is healthy."""
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
           "--server.address", address, "--server.port", str(port)]
    (ROOT / "artifacts").mkdir(exist_ok=True)
    log = open(ROOT / "artifacts" / f"streamlit-{port}.log", "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, **(env or {})})
    wait_healthy(f"http://127.0.0.1:{port}", proc)
    return proc


def stop_app(proc: subprocess.Popen, timeout: float = 10) -> None:
    """Stop a server started by start_app: terminate, and kill it if it lingers."""
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def app_url():
    """Base URL of one app server shared by the browser tests of this run."""
    port = free_port()
    proc = start_app(port)
    yield f"http://127.0.0.1:{port}"
    stop_app(proc)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium under Playwright, headless."""
    need(Path(CHROMIUM).exists(), f"{CHROMIUM} not found: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def warm_server(browser, app_url):
    """Open the shared server's home page once, in a tab of its own, before a module's deep links.

    The very first session of a fresh server that arrives on a deep link (/loss) may meet Streamlit's
    "Page not found" dialog (which makes the page inert), because st.navigation has not registered the
    pages yet (streamlit/streamlit#9624); that is the router's concern, not the page's, and the test
    order must not decide a page's tests. Use it with ``pytest.mark.usefixtures("warm_server")``.
    """
    ctx = browser.new_context()
    open_app(ctx.new_page(), app_url)
    ctx.close()


def new_context(browser, width=1280):
    """A fresh browser context (another browser: its own cookies) of this width and 900 px high."""
    return browser.new_context(viewport={"width": width, "height": 900})


@pytest.fixture
def page(browser):
    """A fresh browser context and tab (1280×900) per test; console errors are collected."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.console_errors = []
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))
    yield pg
    ctx.close()


def wait_ready(page, timeout: float = 30_000) -> None:
    """Wait until the app is connected and its script has finished running."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_timeout(300)  # let the last delta paint


def open_app(page, url: str) -> None:
    """Navigate to url and wait until the app is ready."""
    page.goto(url)
    wait_ready(page)


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a screenshot of the whole page (or, with ``full_page=False``, of the window as it is: what a
    projector shows) under artifacts/screenshots/ and return its path.

    Streamlit scrolls inside its own container, so the viewport grows to the content's height first.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    if not full_page:
        page.screenshot(path=str(path))
        return path
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight ?? 0")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    wait_ready(page)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def assert_no_exception(page) -> None:
    """Check that the page shows no Streamlit exception box."""
    assert page.locator("[data-testid='stException']").count() == 0


def main(page):
    """The page's main block: not the sidebar, nor the header (which has a "Stop" of its own)."""
    return page.locator("[data-testid='stMainBlockContainer']")


def click(page, key: str, timeout: float | None = None) -> None:
    """Click the button with this Streamlit key (its container carries the class st-key-<key>); with a
    timeout (ms), wait that long at most for the run the click starts to finish."""
    page.locator(f".st-key-{key}").get_by_role("button").click()
    if timeout is not None:
        wait_ready(page, timeout=timeout)


def unlock(page, key: str, lang: str = "en") -> None:
    """Type the teacher key ``key`` into the sidebar's teacher box and wait for the rerun."""
    side = page.locator("[data-testid='stSidebar']")
    side.get_by_text(t("board.teacher.title", lang), exact=True).click()
    box = side.get_by_role("textbox", name=t("store.teacher.key", lang))
    box.fill(key)
    box.press("Enter")
    wait_ready(page)


def train_to_the_end(page, lang: str) -> None:
    """Click Start on the trainer page and wait (a minute at most) until the run offers the predictions page."""
    main(page).locator("button").filter(has_text=t("trainer.start", lang)).click()
    page.locator("[data-testid='stMain']").get_by_text(t("trainer.to_predictions", lang)).wait_for(timeout=60_000)


def nav(page, title: str) -> None:
    """Open the page ``title`` from the sidebar and wait until it has run. Right after the click the old
    page still says "notRunning" for 10–400 ms (measured), so waiting for that alone could return before
    the new page began (a fresh-clone run then counted the Korean predictions page's images on the trainer
    page): the address changes once the new page's run has started, so wait for it first."""
    link = page.locator("[data-testid='stSidebarNavLink']").filter(has_text=title)
    path = urlparse(link.get_attribute("href")).path
    link.click()
    page.wait_for_url(lambda url: urlparse(url).path == path)
    wait_ready(page)


def set_number(page, label: str, value: int) -> None:
    """Type ``value`` into the main block's number box labelled ``label`` and wait for the rerun."""
    box = main(page).get_by_label(label, exact=True)
    box.fill(str(value))
    box.press("Enter")
    wait_ready(page)


def status_text(page) -> str:
    """The text of the trainer's status line (its progress bar)."""
    return main(page).locator("[data-testid='stProgress']").inner_text()


def wait_status(page, text: str, timeout=120_000) -> None:
    """Wait until the trainer's status line holds ``text``."""
    page.wait_for_function("(t) => document.querySelector('[data-testid=stMainBlockContainer] "
                           "[data-testid=stProgress]')?.innerText.includes(t)", arg=text, timeout=timeout)


def pick_digits(page) -> None:
    """Choose the offline digits in the trainer's data-set box."""
    main(page).locator("[data-testid='stSelectbox']").filter(has_text=t("trainer.dataset", "en")).click()
    page.get_by_role("option", name=t("trainer.dataset.digits", "en")).click()
    wait_ready(page)


def start_run(page, epochs: int, batch_size: int | None = None, digits: bool = True) -> None:
    """On the trainer page, start a run of ``epochs`` (on the digits, or on the Fashion-MNIST the trainer
    loads anyway), in batches of ``batch_size`` when given."""
    if digits:
        pick_digits(page)
    set_number(page, t("trainer.epochs", "en"), epochs)
    if batch_size:
        set_number(page, t("trainer.batch_size", "en"), batch_size)
    main(page).get_by_role("button", name="Start").click()


def cookie(context, name: str) -> str | None:
    """The value of the context's cookie ``name`` (None when it has none)."""
    return next((c["value"] for c in context.cookies() if c["name"] == name), None)


def wait_cookie(context, name: str, changed_from: str | None, timeout_s: float = 10) -> str | None:
    """Wait until the page's own script has written (or removed) cookie ``name``, as a person's next tab
    would find it; returns its value."""
    deadline = time.monotonic() + timeout_s
    while cookie(context, name) == changed_from and time.monotonic() < deadline:
        time.sleep(0.1)
    assert cookie(context, name) != changed_from, f"{name} was not written"
    return cookie(context, name)


SIDEBAR_RIGHT = "() => document.querySelector('[data-testid=\"stSidebar\"]').getBoundingClientRect().right"


def wait_folded(page) -> None:
    """Wait until the sidebar has folded away and finished sliding."""
    page.wait_for_function(f"({SIDEBAR_RIGHT})() <= 0", timeout=5_000)
    page.wait_for_timeout(500)  # the slide's end


# The one reader of Plotly charts in the browser (JavaScript, so that page.wait_for_function can poll it):
# the traces of every chart on the page in page order, or with ``drawnOnly`` of those drawn on screen (not
# one in a hidden tab). A trace is {name, type, meta, visible, symbol, x, y}, its arrays decoded (Plotly 7
# ships them as base64 {dtype, bdata}); a chart that holds no data (for a moment while Streamlit swaps a
# figure in) is null. Polled as ``f"() => ({CHARTS})()[0]?.length === 16"``.
CHARTS = """(drawnOnly = false) => {
    const TYPED = {f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array, i2: Int16Array,
                   u2: Uint16Array, i1: Int8Array, u1: Uint8Array, u1c: Uint8ClampedArray};
    const array = a => a == null ? null : !a.bdata ? Array.from(a)
        : Array.from(new TYPED[a.dtype](Uint8Array.from(atob(a.bdata), c => c.charCodeAt(0)).buffer));
    return [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
        .filter(gd => !drawnOnly || gd.offsetParent !== null)
        .map(gd => !gd.data || !gd.data.length ? null : gd.data.map(d => ({
            name: d.name ?? null, type: d.type ?? null, meta: d.meta ?? null, visible: d.visible ?? null,
            symbol: d.marker?.symbol ?? null, x: array(d.x), y: array(d.y)})));
}"""


def charts(page, drawn_only: bool = False) -> list[list[dict] | None]:
    """The traces of the page's Plotly charts, read once (see CHARTS)."""
    return page.evaluate(CHARTS, drawn_only)


# Points on the first curve of the page's first chart (0 while it holds none).
POINTS = f"() => (({CHARTS})()[0]?.[0]?.y ?? []).length"

