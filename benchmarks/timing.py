"""The one timing helper the benchmarks share: the median of repeated runs."""

from __future__ import annotations

import statistics
import time


def median_ms(fn, repeat: int = 5, *, warm: bool = False) -> float:
    """Median milliseconds of `repeat` calls (after one unmeasured call when `warm`)."""
    if warm:
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000
