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

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _need(condition: bool, why: str) -> None:
    """Skip when a browser-test prerequisite is missing — but in CI that is a failure, not a skip."""
    if not condition:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(why)


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


def start_app(port: int, env: dict | None = None) -> subprocess.Popen:
    """Start `streamlit run app.py` headless on 127.0.0.1:port and wait until it is healthy."""
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
           "--server.address", "127.0.0.1", "--server.port", str(port)]
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
    _need(Path(CHROMIUM).exists(), f"{CHROMIUM} not found: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


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


def screenshot(page, name: str) -> Path:
    """Save a screenshot of the whole page under artifacts/screenshots/ and return its path.

    Streamlit scrolls inside its own container, so the viewport grows to the content's height first.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
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


