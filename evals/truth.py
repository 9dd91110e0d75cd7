"""The hand-checked cells in tests/expected, and the library's extraction scored against them.

Each truth file names its source (``"source": "seeds/000_….txt"``) and holds ``cells``;
``pingtan_html_twins.json`` instead maps file names to cells. Reports are matched to
truth by source file name, so a twin is scored as its own file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from evals.metrics.extraction import ExtractionScore, Truth, combine, score_report

TRUTH_DIR = Path(__file__).resolve().parents[1] / "tests" / "expected"


def load_truth(folder: Path = TRUTH_DIR) -> dict[str, dict[str, Truth]]:
    """Source file name -> {cell id: truth} for every truth file in the folder."""
    out: dict[str, dict[str, Truth]] = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "cells" in data and "source" in data:
            out[Path(data["source"]).name] = data["cells"]
        else:  # a map of file name -> cells (the HTML twins)
            for name, cells in data.items():
                if isinstance(cells, dict):
                    out[name] = cells
    return out


def score_library(library, truth: Mapping[str, Mapping[str, Truth]]) -> tuple[list[ExtractionScore], ExtractionScore, list[str]]:
    """Per-report scores, the overall score, and truth files with no ingested report."""
    reports = {r.source_file: r for r in library.sql.reports()}
    scores = []
    absent = []
    for name, cells in truth.items():
        report = reports.get(name)
        if report is None:
            absent.append(name)
            continue
        scores.append(score_report(name, cells, library.sql.cells(report.id)))
    return scores, combine("overall", scores), absent
