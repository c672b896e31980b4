"""How soon a reloaded tab shows its stored runs: a real server on a store holding six finished runs of
one browser's workspace, Chromium (with that browser's cookie) reloading the trainer page.

Prints, per reload, the time until the app is ready (connected, script done) and until the run list is on
screen, beside the same page opened in a fresh workspace (nothing to load) in the same run. Target
(issue 15): the runs within 1 s of the page being ready. Run: .venv/bin/python bench/reload_time.py
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from playwright.sync_api import sync_playwright  # noqa: E402

from core.data.datasets import load_digits  # noqa: E402
from core.classroom.identity import BROWSER_COOKIE, new_browser_secret, workspace_of  # noqa: E402
from core.runs.store import RunStore  # noqa: E402
from core.runs.service import RunRecorder  # noqa: E402
from core.runs.config import TrainConfig  # noqa: E402
from core.runs.training import TrainJob  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, start_app, stop_app, wait_ready  # noqa: E402

READY = "[data-testid='stApp'][data-test-script-state='notRunning'][data-test-connection-state='CONNECTED']"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        secret = new_browser_secret()
        store, ds, ws = RunStore(tmp), load_digits(), workspace_of(secret)
        for n in range(6):
            rec = RunRecorder(store)
            job = TrainJob(TrainConfig(dataset="digits", epochs=20, batch_size=32, record_val_predictions=True),
                           ds, on_epoch_end=rec.on_epoch_end)
            rec.begin(ws, n + 1, job.config, "bench")
            job.start()
            rec.watch(job).join(60)
        port = free_port()
        proc = start_app(port, {"PLAYGROUND_DATA_DIR": tmp})
        url = f"http://127.0.0.1:{port}/trainer?lang=en"
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                owner = browser.new_context()
                owner.add_cookies([{"name": BROWSER_COOKIE, "value": secret, "url": f"http://127.0.0.1:{port}"}])
                page, stranger = owner.new_page(), browser.new_context().new_page()
                page.goto(url)
                wait_ready(page, 120_000)  # first visit: imports, data set load
                shown, ready, fresh = [], [], []
                for _ in range(8):
                    t0 = time.perf_counter()
                    page.reload()
                    page.wait_for_selector("[data-testid='stMainBlockContainer'] [data-testid='stDataFrame']")
                    shown.append(time.perf_counter() - t0)
                    page.wait_for_selector(READY)
                    ready.append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    stranger.goto(url)  # another browser: the same page with no runs to read back
                    stranger.wait_for_selector("[data-testid='stMainBlockContainer'] [data-testid='stAlert']")
                    stranger.wait_for_selector(READY)
                    fresh.append(time.perf_counter() - t0)
                browser.close()
        finally:
            stop_app(proc)
    med = statistics.median
    print(f"reload with 6 stored runs: run list on screen {med(shown):.2f} s (max {max(shown):.2f}), "
          f"page ready {med(ready):.2f} s (max {max(ready):.2f}) after the reload began")
    print(f"  peer: the same page in another browser (no runs) ready after {med(fresh):.2f} s (max {max(fresh):.2f})")
    print(f"  runs shown {med(ready) - med(shown):+.2f} s relative to page ready (target: within 1 s)")


if __name__ == "__main__":
    main()
