"""Rendering a run: the console table, the Markdown report and the results JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, is_dataclass
from pathlib import Path

from evals.metrics.extraction import ExtractionScore
from evals.summary import ConfigSummary


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def _num(x: float | None, digits: int = 3) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def summary_rows(summaries: Sequence[ConfigSummary]) -> list[tuple[str, list[str]]]:
    """(metric label, one cell per configuration) for every headline figure."""
    s0 = summaries[0]
    rows = [
        (f"overall: fully right (n={s0.cases})", [_pct(s.overall) for s in summaries]),
        ("wrong numbers (must be 0)", [str(s.wrong_numbers) for s in summaries]),
        ("asked back (clarifying question)", [str(s.asked_back) for s in summaries]),
        (f"clarify accuracy (n={s0.clarify_n})", [_pct(s.clarify_accuracy) for s in summaries]),
        (f"number EM (n={s0.number_n})", [_pct(s.number_em) for s in summaries]),
        (f"narrative fact coverage (n={s0.facts_n})", [_pct(s.fact_coverage) for s in summaries]),
        ("  all facts present", [_pct(s.facts_complete) for s in summaries]),
        ("citation precision", [_pct(s.citation_precision) for s in summaries]),
        ("citation recall", [_pct(s.citation_recall) for s in summaries]),
        ("  cells P / R", [f"{_pct(s.cell_precision)} / {_pct(s.cell_recall)}" for s in summaries]),
        ("  passages P / R", [f"{_pct(s.passage_precision)} / {_pct(s.passage_recall)}" for s in summaries]),
        (f"refusal accuracy (n={s0.cases})", [_pct(s.refusal_accuracy) for s in summaries]),
        ("  missed / false refusals", [f"{s.refusals_missed} / {s.false_refusals}" for s in summaries]),
        ("unsupported numbers (must be 0)", [f"{s.unsupported_numbers} in {s.unsupported_cases} cases"
                                             for s in summaries]),
        (f"retrieval recall@5 (n={s0.retrieval_n})", [_pct(s.recall_at_5) for s in summaries]),
        ("retrieval MRR@10", [_num(s.mrr) for s in summaries]),
        (f"audit accuracy (n={s0.audit_n})", [_pct(s.audit_accuracy) for s in summaries]),
        ("latency median / p95 (s)", [f"{_num(s.latency.median)} / {_num(s.latency.p95)}"
                                      for s in summaries]),
        ("errors", [str(s.errors) for s in summaries]),
    ]
    kinds = list(s0.fully_right)
    for kind in kinds:
        rows.append((f"fully right: {kind}", [f"{s.fully_right[kind][0]}/{s.fully_right[kind][1]}"
                                             for s in summaries]))
    return rows


def extraction_rows(per_report: Sequence[ExtractionScore], overall: ExtractionScore) -> list[list[str]]:
    """One row per report and one overall: file, cells, accuracy, silently wrong, flagged, missing."""
    rows = []
    for s in list(per_report) + [overall]:
        rows.append([s.name, str(s.total), _pct(s.accuracy), str(s.silently_wrong),
                     f"{s.counts.get('flagged_correct', 0)}/{s.flagged}", str(s.counts.get("missing", 0))])
    return rows


EXTRACTION_HEADER = ["report", "cells", "accuracy", "silently wrong", "flagged ok/all", "missing"]


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain aligned table (CJK characters counted double width)."""
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(_pad(c, w) for c, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table."""
    def row_line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    lines = [row_line(header), "|" + "---|" * len(header)] + [row_line(r) for r in rows]
    return "\n".join(lines)


def console_summary(summaries: Sequence[ConfigSummary], extraction: tuple | None) -> str:
    """What the runner prints: configurations side by side, then extraction per report."""
    out = [text_table(["metric"] + [s.name for s in summaries],
                      [[label, *cells] for label, cells in summary_rows(summaries)])]
    if extraction:
        per_report, overall = extraction
        out += ["", "extraction vs tests/expected", text_table(EXTRACTION_HEADER, extraction_rows(per_report, overall))]
    return "\n".join(out)


def _clip(text: str, n: int = 240) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n] + "…"


def markdown_report(run: Mapping, summaries: Sequence[ConfigSummary], cases: Mapping[str, Sequence[Mapping]],
                    extraction: tuple | None) -> str:
    """The Markdown report: run facts, summary, extraction, then every failing case per configuration."""
    lines = ["# nianbao eval", ""]
    lines += [f"- {k}: {v}" for k, v in run.items()]
    lines += ["", "## Summary", "",
              markdown_table(["metric"] + [s.name for s in summaries],
                             [[label, *cells] for label, cells in summary_rows(summaries)])]
    if extraction:
        per_report, overall = extraction
        lines += ["", "## Extraction vs tests/expected", "",
                  markdown_table(EXTRACTION_HEADER, extraction_rows(per_report, overall))]
        bad = [(s.name, f) for s in per_report for f in s.failures]
        if bad:
            lines += ["", "Cells not correct:", ""]
            lines += [f"- {name} `{f.cell_id}`: {f.outcome}, truth {f.truth}, got {f.got}" for name, f in bad]
    for s in summaries:
        failing = [c for c in cases[s.name] if c["failures"]]
        lines += ["", f"## Failures: {s.name} ({len(failing)} of {len(cases[s.name])} cases)", ""]
        for c in failing:
            answer = c.get("answer") or {}
            lines.append(f"- **{c['id']}** ({c['kind']}) {' → '.join(c['turns'])}")
            lines.append(f"  - answer: {_clip(answer.get('answer', ''))}")
            lines += [f"  - {reason}" for reason in c["failures"]]
    return "\n".join(lines) + "\n"


def _plain(obj):
    if is_dataclass(obj):
        return {k: _plain(v) for k, v in asdict(obj).items()}
    if isinstance(obj, Mapping):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


def write_results(folder: Path, run: Mapping, summaries: Sequence[ConfigSummary],
                  cases: Mapping[str, Sequence[Mapping]], extraction: tuple | None) -> tuple[Path, Path]:
    """Write results.json and report.md into the folder; returns both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    data = {"run": dict(run), "summary": {s.name: _plain(s) for s in summaries}, "cases": _plain(cases)}
    if extraction:
        per_report, overall = extraction
        data["extraction"] = {"overall": {**_plain(overall), "accuracy": overall.accuracy},
                              "reports": [{**_plain(s), "accuracy": s.accuracy} for s in per_report]}
    json_path = folder / "results.json"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    md_path = folder / "report.md"
    md_path.write_text(markdown_report(run, summaries, cases, extraction), encoding="utf-8")
    return json_path, md_path
