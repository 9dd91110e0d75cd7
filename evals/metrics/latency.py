"""Latency: median and 95th percentile of seconds per answered turn."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LatencySummary:
    """Seconds per turn: count, median, p95 (nearest rank) and worst."""

    n: int
    median: float | None
    p95: float | None
    max: float | None


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least q% of values at or below it."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100.0 * len(ordered)))
    return ordered[rank - 1]


def latency_summary(seconds: Sequence[float]) -> LatencySummary:
    """Median, p95 and max of the timings (all None when there are none)."""
    if not seconds:
        return LatencySummary(0, None, None, None)
    return LatencySummary(len(seconds), statistics.median(seconds), percentile(seconds, 95), max(seconds))
