"""A lesson under load, standalone: a teacher leads a class of follower tabs; print the figures.

    .venv/bin/python bench/lesson_load.py                    # 30 followers on one server process
    .venv/bin/python bench/lesson_load.py --processes 2      # the followers spread over two processes, one folder
    .venv/bin/python bench/lesson_load.py --questions 5      # then 5 questions, every follower answering at once

Printed: the server's CPU with the followers' tabs open and no lesson, then following an idle lesson
(the cost of following: each tab reads the lesson's row once a second), and how long each of the
teacher's slider moves took to reach each follower's address (p50 / p95 / max); with --questions, how long
the class's answers sent at once took to be stored, and the reveal to reach each follower. See
tests/load/lesson.py.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.load.lesson import lesson_class, lesson_servers  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--followers", type=int, default=30)
    ap.add_argument("--processes", type=int, default=1, help="server processes on one data folder")
    ap.add_argument("--changes", type=int, default=15, help="slider moves of the teacher")
    ap.add_argument("--idle", type=float, default=20, help="seconds of each idle CPU measurement")
    ap.add_argument("--questions", type=int, default=0, help="questions asked after the moves")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder, lesson_servers(Path(folder), args.processes) as servers:
        report = asyncio.run(lesson_class(servers, followers=args.followers, changes=args.changes,
                                          idle_s=args.idle, questions=args.questions, data_dir=Path(folder)))
    print(report.format())


if __name__ == "__main__":
    main()
