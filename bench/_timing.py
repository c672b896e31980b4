"""Timing shared by the benchmarks (a helper module, not a benchmark: nothing to run here)."""
from __future__ import annotations

import time


def best_of(fn, repeat: int, number: int = 1) -> float:
    """Fastest time of ``repeat`` runs of ``number`` calls to fn, per call, in seconds.

    The minimum, not the mean: other work shares the cores, and it only ever adds time.
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best
