"""Classroom load, standalone: start `streamlit run app.py`, send a class of students at it, print figures.

    .venv/bin/python bench/classroom_load.py                       # 30 students, 4 training, 10 playing, 2 slots
    .venv/bin/python bench/classroom_load.py --students 10 --think 2 4
    .venv/bin/python bench/classroom_load.py --followers 30   # and a lesson with 30 more tabs following

Each explorer student moves a random slider every few seconds (--think, uniform) and visits the three
explorer pages in turn; --players students press Play on the decision-regions page (spiral, 16 tanh units):
their browsers train, and each tab sends the plane's report every 10 s and on Pause at the end;
the trainers press Start together on a Fashion-MNIST subset (or the digits when the
data set is not installed). Printed: p50/p95 rerun latency of the explorer pages (overall and while
training), the players' reports (adopted, p50/p95 round trip), the server's peak RSS, the jobs, thread
counts, and any exception. The same scenario runs in tests/load/test_classroom.py, which asserts the
functional targets.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.load.classroom import classroom, fashion_mnist_installed, serve  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=30)
    ap.add_argument("--trainers", type=int, default=4)
    ap.add_argument("--players", type=int, default=10, help="students pressing Play on the decision-regions page")
    ap.add_argument("--followers", type=int, default=0, help="more tabs following a teacher's lesson on the "
                    "softmax page (the teacher moves a slider every 3-6 s)")
    ap.add_argument("--slots", type=int, default=2, help="PLAYGROUND_MAX_JOBS of the server")
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--subset", type=int, default=48000, help="Fashion-MNIST training images per run "
                    "(a choice of the trainer page: 2000, 5000, 10000, 20000 or 48000)")
    ap.add_argument("--digits", action="store_true", help="train on the offline digits instead")
    ap.add_argument("--think", type=float, nargs=2, default=(3.0, 8.0), metavar=("MIN", "MAX"),
                    help="seconds a student looks at the page between slider moves")
    ap.add_argument("--arrive", type=float, default=15, help="students arrive spread over this many seconds")
    ap.add_argument("--min-seconds", type=float, default=45)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if args.players + args.trainers > args.students:
        ap.error("--players plus --trainers must not exceed --students (they are among the students)")
    subset = None if args.digits or not fashion_mnist_installed() else args.subset
    with serve(args.slots) as (base, pid, log):
        report = asyncio.run(classroom(base, pid, students=args.students, trainers=args.trainers,
                                       slots=args.slots, epochs=args.epochs, subset=subset,
                                       think=tuple(args.think), arrive_s=args.arrive,
                                       min_seconds=args.min_seconds,
                                       seed=args.seed, log_path=log, players=args.players,
                                       followers=args.followers))
    print(report.format())


if __name__ == "__main__":
    main()
