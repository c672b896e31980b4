"""From the Start click to the first epoch on the chart, in a real browser (issue 8's ≤ 2 s target).

Serves the app, opens the trainer in headless Chromium with the textbook preset (NumPy engine, 48,000
Fashion-MNIST images, batch 256), lets the page load the data set (cached for every later session), then
clicks Start and times until the live chart shows its first point. Repeats a few runs and prints each
time, the median and the minimum. Usage: .venv/bin/python bench/first_epoch.py [repeats]
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, open_app, start_app, wait_ready  # noqa: E402
from tests.e2e.test_trainer import POINTS, main  # noqa: E402


def one_run(page) -> float:
    """Click Start, wait for the first drawn epoch, stop the run; return the seconds to the first point."""
    start = main(page).get_by_role("button", name="Start")
    start.wait_for()
    t0 = time.perf_counter()
    start.click()
    page.wait_for_function(f"({POINTS})() >= 1", timeout=120_000, polling=20)
    elapsed = time.perf_counter() - t0
    main(page).get_by_role("button", name="Stop").click()
    wait_ready(page)
    return elapsed


def main_bench(repeats: int = 3) -> None:
    (ROOT / "artifacts").mkdir(exist_ok=True)
    port = free_port()
    proc = start_app(port)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            t0 = time.perf_counter()
            open_app(page, f"http://127.0.0.1:{port}/trainer?lang=en")
            print(f"trainer page ready (data set loaded into the shared cache): {time.perf_counter() - t0:.2f} s")
            times = [one_run(page) for _ in range(repeats)]
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    print("Start click → first epoch drawn (NumPy, 48,000 images, batch 256):")
    for i, t in enumerate(times, 1):
        print(f"  run {i}: {t:.2f} s")
    print(f"  median {statistics.median(times):.2f} s, min {min(times):.2f} s  (target ≤ 2 s)")


if __name__ == "__main__":
    main_bench(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
