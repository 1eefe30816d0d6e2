"""Timing shared by the benchmarks: the best of repeated batches of calls."""
from __future__ import annotations

import time


def best_time(fn, repeat, number):
    """The best per-call time (s) over `repeat` batches of `number` calls."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best
