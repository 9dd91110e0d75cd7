"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import json
import resource
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


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


def _sig(x: float) -> float:
    """Three significant figures (a 5 µs SQL read and a 200 ms answer both stay readable)."""
    return float(f"{x:.3g}")


def summary(ms: list[float]) -> dict:
    return {"n": len(ms), "median_ms": _sig(statistics.median(ms)),
            "p95_ms": _sig(percentile(ms, 95)), "max_ms": _sig(max(ms))}


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def emit(name: str, **figures) -> None:
    print(json.dumps({"benchmark": name, **figures}, ensure_ascii=False), flush=True)
    sys.stdout.flush()


def ratio(a: float, b: float) -> float:
    return float(f"{a / b:.3g}") if b else float("nan")


def paired(answer: Callable[[str], object], floor: Callable[[T], object],
           cases: Sequence[tuple[str, T]], repeat: int) -> tuple[list[float], list[float]]:
    """Milliseconds of ``answer(question)`` and of its floor ``floor(arg)``, timed alternately
    (so load from other processes on a shared machine falls on both alike)."""
    answers: list[float] = []
    floors: list[float] = []
    for question, arg in cases:
        for _ in range(repeat):
            answers += timed(partial(answer, question), 1)
            floors += timed(partial(floor, arg), 1)
    return answers, floors


def beside(name: str, ms: list[float], floor: str, floor_ms: list[float], short: str | None = None) -> dict:
    """A latency next to its floor measured in the same run, and their ratio (p95 and median):
    ``{name}_p95_ms, {floor}_p95_ms, {name}_over_{short}`` (p95), ``{name}_median_over_{short}``."""
    a, b = summary(ms), summary(floor_ms)
    short = short or floor
    return {f"{name}_median_ms": a["median_ms"], f"{name}_p95_ms": a["p95_ms"],
            f"{floor}_median_ms": b["median_ms"], f"{floor}_p95_ms": b["p95_ms"],
            f"{name}_over_{short}": ratio(percentile(ms, 95), percentile(floor_ms, 95)),
            f"{name}_median_over_{short}": ratio(statistics.median(ms), statistics.median(floor_ms)),
            f"{name}_n": a["n"]}


class RawCellRead:
    """The floor of a numeric answer: a bare sqlite3 SELECT of one cell's value, on a
    connection of its own (no store, no records)."""

    SQL = "SELECT value FROM cells WHERE report_id = ? AND cell_id = ?"

    def __init__(self, sqlite_path: Path):
        self.con = sqlite3.connect(sqlite_path)

    def cells(self, report_id: str, n: int) -> list[tuple[str, str]]:
        """``n`` (report id, cell id) pairs spread over the report's tables."""
        ids = [r[0] for r in self.con.execute("SELECT cell_id FROM cells WHERE report_id = ? ORDER BY ordinal",
                                              (report_id,))]
        return [(report_id, c) for c in ids[::max(1, len(ids) // n)][:n]]

    def __call__(self, key: tuple[str, str]) -> list:
        return self.con.execute(self.SQL, key).fetchall()

    def close(self) -> None:
        self.con.close()
