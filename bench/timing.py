"""Timing shared by the benchmarks: the best of repeated batches of calls, one function at a
time or several side by side."""
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


def calls_to_fill(fn, seconds):
    """How many calls of fn take about `seconds` (after one warm-up call)."""
    fn()
    start, calls = time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        fn()
        calls += 1
    return max(1, calls)


def best_times_interleaved(fns, repeat, batch_seconds, settle=0.0):
    """The best per-call time (s) of each of `fns`, timing one batch of each (of about
    `batch_seconds`) in turn per round: on a machine whose speed drifts from second to second,
    every function sees the same drift, so their ratios hold where separate best-of runs
    would not. `settle` seconds of sleep before each batch let the previous library's worker
    threads, which spin for a while after their work (OpenBLAS's, OpenMP's), go idle instead
    of competing with the next."""
    numbers = [calls_to_fill(fn, batch_seconds / 10) * 10 for fn in fns]
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for k, (fn, number) in enumerate(zip(fns, numbers)):
            if settle:
                time.sleep(settle)
            start = time.perf_counter()
            for _ in range(number):
                fn()
            best[k] = min(best[k], (time.perf_counter() - start) / number)
    return best
