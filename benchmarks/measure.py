"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from collections.abc import Callable


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock milliseconds of ``repeat`` calls."""
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def summary(ms: list[float]) -> dict:
    return {"n": len(ms), "median_ms": round(statistics.median(ms), 2),
            "p95_ms": round(percentile(ms, 95), 2), "max_ms": round(max(ms), 2)}


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def emit(name: str, **figures) -> None:
    print(json.dumps({"benchmark": name, **figures}, ensure_ascii=False), flush=True)
    sys.stdout.flush()
