"""Decision regions in the browser: frames a second in each playing tab, and the server's CPU meanwhile.

    .venv/bin/python bench/regions_browser.py                  # 1 tab, then 5 tabs, in one headless Chromium
    .venv/bin/python bench/regions_browser.py --tabs 1 5 10
    .venv/bin/python bench/regions_browser.py --ws-players 30  # 30 load-client players instead of Chromium

Browser mode: one `streamlit run app.py` and one headless Chromium (Debian's, under Playwright); for each
count N, N tabs at 1366×768 open the decision-regions page on the spiral preset with 16 tanh units
(tests/load/classroom.py REGIONS_QUERY) and press Play. Each tab is the page of a browser context of its
own, a window each as on five students' screens: pages of one context are tabs of one window, and headless
Chromium gives full animation frames to the front one only (measured, 6 Dec 2026: 54 a second in the front
tab, 2–4 in the four others, all of them "visible", so the plane's hidden-tab pause does not apply). After
--warm seconds, the plane's ``data-epoch`` (one epoch and one redraw per animation frame) is read in every
tab at the start and end of a --window-second window: printed are the frames a second per tab (min,
median, each), the server process's CPU over the same window as % of one core (from /proc/<pid>/stat;
the plane's reports every 10 s fall in it), and Chromium's (all its processes) with its CPU time per
frame, which tells what the two cores could give when no one else uses them.

--ws-players N: N players of the classroom load test (tests/load/classroom.py ``regions_player``, Streamlit's
own protocol, no browser) arrive within --arrive seconds and press Play; once all play, the server's CPU
is measured over --window seconds (default 60 in this mode); then they pause. Printed: that CPU and the
reports' round trips. Targets (issue 28): ≥ 50 frames a second in one tab, ≥ 20 in each of five with the
server ≤ 5 % of one core; ≤ 10 % of one core with 30 players.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, open_app  # noqa: E402
from tests.load.classroom import (REGIONS_QUERY, REGIONS_URL, plays_line, regions_player, serve,  # noqa: E402
                                  server_tracebacks)
from tests.load.lesson import cpu_seconds  # noqa: E402

WIDTH, HEIGHT = 1366, 768
# The plane's epoch and the tab's clock, read together (Playwright's CSS selectors pierce the shadow root).
READ = "el => [Number(el.dataset.epoch), performance.now()]"


def load() -> str:
    """The machine's load averages (1, 5, 15 min): the cores are shared, and figures depend on them."""
    return "load average " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


def _text(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:  # the process has exited since it was listed
        return ""


def chromium_pids() -> list[int]:
    """The Chromium processes under this one (the browser, its renderers, GPU and utility processes)."""
    found, todo = [], [os.getpid()]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            for child in map(int, _text(task / "children").split()):
                todo.append(child)
                if "chromium" in _text(Path(f"/proc/{child}/cmdline")):
                    found.append(child)
    return found


def chromium_cpu(pids: list[int]) -> float:
    """CPU seconds used so far by those of ``pids`` still running."""
    total = 0.0
    for pid in pids:
        try:
            total += cpu_seconds(pid)
        except OSError:  # a helper process that has exited since
            continue
    return total


def browser_run(base: str, pid: int, browser, tabs: int, warm_s: float, window_s: float) -> str:
    """Open ``tabs`` playing tabs, measure, close them; return the figures as a line."""
    contexts = [browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}) for _ in range(tabs)]
    pages, errors = [], []
    try:
        for ctx in contexts:
            page = ctx.new_page()
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            open_app(page, f"{base}/{REGIONS_URL}?lang=en&{REGIONS_QUERY}")
            page.locator("div.rg").wait_for()
            page.locator(".rg-primary").click()
            pages.append(page)
        time.sleep(warm_s)
        planes = [page.locator("div.rg") for page in pages]
        browser_pids = chromium_pids()
        cpu0, browser0, t0 = cpu_seconds(pid), chromium_cpu(browser_pids), time.monotonic()
        start = [plane.evaluate(READ) for plane in planes]
        time.sleep(window_s)
        end = [plane.evaluate(READ) for plane in planes]
        seconds = time.monotonic() - t0
        cpu, browser_cpu = (cpu_seconds(pid) - cpu0) / seconds, chromium_cpu(browser_pids) - browser0
        fps = [(e1 - e0) / ((ms1 - ms0) / 1000) for (e0, ms0), (e1, ms1) in zip(start, end)]
        frames = sum(e1 - e0 for (e0, _), (e1, _) in zip(start, end))
        raised = sum(page.locator("[data-testid='stException']").count() for page in pages)
    finally:
        for ctx in contexts:
            ctx.close()
    each = " ".join(f"{f:.1f}" for f in fps)
    line = (f"  {tabs} tab{'s' if tabs > 1 else ''}: frames a second per tab min {min(fps):.1f}, median "
            f"{statistics.median(fps):.1f} (each: {each}); server CPU {cpu * 100:.1f} % of one core "
            f"over {window_s:g} s; Chromium {browser_cpu / seconds * 100:.0f} % of one core, "
            f"{browser_cpu / max(frames, 1) * 1000:.1f} ms of CPU a frame ({load()})")
    return line + (f"; {raised} exceptions on pages, page errors: {errors}" if raised or errors else "")


def browser_mode(args) -> None:
    """Frames a second and server CPU for each count of tabs in ``args.tabs``."""
    from playwright.sync_api import sync_playwright
    with serve() as (base, pid, log), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print(f"Decision regions in headless Chromium ({WIDTH}×{HEIGHT}, spiral, 16 tanh units, one tab per "
              f"browser context; {args.warm:g} s of Play before measuring; {load()})")
        for n in args.tabs:
            print(browser_run(base, pid, browser, n, args.warm, args.window), flush=True)
        browser.close()
        print(f"  server log tracebacks: {server_tracebacks(log) or 'none'}")


async def players_run(base: str, pid: int, players: int, arrive_s: float,
                      window_s: float) -> tuple[float, list, list[str]]:
    """Send ``players`` regions players at the server; return its CPU share (of one core) while all play,
    their plays, and any exception or client error their tabs saw."""
    rng = random.Random(0)
    tabs, plays = [], []
    done = False
    tasks = [asyncio.create_task(regions_player(i, base, random.Random(rng.random()), lambda: done, tabs, plays,
                                                arrive_s=arrive_s)) for i in range(players)]
    while len(plays) < players and not any(t.done() for t in tasks):  # every tab has opened and pressed Play
        await asyncio.sleep(0.2)
    cpu0, t0 = cpu_seconds(pid), time.monotonic()
    await asyncio.sleep(window_s)
    cpu = (cpu_seconds(pid) - cpu0) / (time.monotonic() - t0)
    done = True
    await asyncio.gather(*tasks)
    errors = [e for tab in tabs for e in tab.exceptions + tab.errors]
    await asyncio.gather(*(tab.close() for tab in tabs))
    return cpu, plays, errors


def players_mode(args) -> None:
    """The server's CPU while ``args.ws_players`` load-client players play."""
    with serve() as (base, pid, log):
        cpu, plays, errors = asyncio.run(players_run(base, pid, args.ws_players, args.arrive, args.window))
        tracebacks = server_tracebacks(log)
    print(f"{args.ws_players} decision-regions players (load client, spiral, 16 tanh units): server CPU "
          f"{cpu * 100:.1f} % of one core over {args.window:g} s while all played ({load()})")
    print(plays_line(plays, args.ws_players))
    print(f"  exceptions on pages and client errors: {errors or 'none'}; server log tracebacks: {tracebacks or 'none'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tabs", type=int, nargs="+", default=[1, 5], help="numbers of tabs, measured in turn")
    ap.add_argument("--warm", type=float, default=3, help="seconds of Play before the window")
    ap.add_argument("--window", type=float, help="seconds measured (default 10; 60 with --ws-players)")
    ap.add_argument("--ws-players", type=int, default=0, help="load-client players instead of Chromium tabs")
    ap.add_argument("--arrive", type=float, default=10, help="with --ws-players: they arrive over this many seconds")
    args = ap.parse_args()
    if args.window is None:
        args.window = 60 if args.ws_players else 10
    if args.ws_players:
        players_mode(args)
    else:
        browser_mode(args)


if __name__ == "__main__":
    main()
