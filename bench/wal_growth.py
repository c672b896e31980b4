"""The run store's write-ahead log after many tab openings: every new browser opening the app, 30 at a time,
against one real server, then one student training a short run.

Issue 23's figure: 3,000 tab openings left a 26 MB ``-wal`` (every new tab inserted a workspace row, and
only a run's end checkpointed). Printed: the ``-wal`` and database sizes after the openings and after the
run, with the openings' time. Run: .venv/bin/python bench/wal_growth.py [tabs]
"""
from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.conftest import free_port, start_app, stop_app  # noqa: E402
from tests.load.client import Tab  # noqa: E402

AT_ONCE = 30  # a class


def sizes(folder: str) -> str:
    def mb(suffix: str) -> float:
        path = Path(folder) / f"runs.sqlite3{suffix}"
        return path.stat().st_size / 2**20 if path.exists() else 0.0
    return f"runs.sqlite3 {mb(''):6.2f} MB, -wal {mb('-wal'):6.2f} MB"


async def open_tabs(url: str, n: int) -> int:
    """Open ``n`` tabs of new browsers on the home page, ``AT_ONCE`` at a time; returns the exceptions seen."""
    exceptions = 0
    for start in range(0, n, AT_ONCE):
        tabs = [Tab(url, "", "lang=en", poll_fragments=False) for _ in range(min(AT_ONCE, n - start))]
        await asyncio.gather(*(t.open() for t in tabs))
        exceptions += sum(len(t.exceptions) for t in tabs)
        await asyncio.gather(*(t.close() for t in tabs))
    return exceptions


async def train_once(url: str) -> None:
    tab = Tab(url, "trainer", "lang=en&preset=custom&data=digits&epochs=3", poll_fragments=False)
    await tab.open()
    await tab.click("tr_start")
    await asyncio.sleep(8)  # three digits epochs and the run's end, with room to spare
    await tab.close()


def main() -> None:
    tabs = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        proc = start_app(port, {"PLAYGROUND_DATA_DIR": tmp, "PLAYGROUND_GRACE_S": "1"})
        url = f"http://127.0.0.1:{port}"
        try:
            t0 = time.perf_counter()
            exceptions = asyncio.run(open_tabs(url, tabs))
            took = time.perf_counter() - t0
            time.sleep(3)  # one upkeep round of the store
            print(f"{tabs} tab openings in {took:.0f} s ({exceptions} exceptions): {sizes(tmp)}")
            asyncio.run(train_once(url))
            time.sleep(3)
            print(f"then one run trained and ended:          {sizes(tmp)}")
        finally:
            stop_app(proc)
    print(f"(this code: {os.path.basename(str(Path(__file__).resolve().parents[1]))})")


if __name__ == "__main__":
    main()
