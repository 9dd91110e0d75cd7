"""The tables' arithmetic rules (勾稽关系, TEMPLATE.md R1–R7) as equations over cell ids.

The same equations check a report (findings), fill a cell that was not printed
(``inferred``) and split run-together digits (ingest.glued).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assistant.domain.records import STATUS_AMBIGUOUS, Finding, format_number
from assistant.domain.template import (
    ORG_COLUMNS,
    OTHER_SUBROWS,
    REQUEST_COLUMNS,
    RESULT_ROW_IDS,
    REVIEW_ROWS,
    V2019,
    cell_label,
)

REQUEST_COLUMN_IDS = tuple(c.id for c in REQUEST_COLUMNS)
REVIEW_PARTS = ("upheld", "corrected", "other", "pending")


@dataclass(frozen=True)
class Equation:
    """sum(lhs) == sum(rhs), under rule ``rule``."""

    rule: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]

    @property
    def cells(self) -> tuple[str, ...]:
        return self.lhs + self.rhs


def result_rows(version: str, other_split: bool) -> tuple[str, ...]:
    """Result row ids whose sum is （七）总计, for the shape of （六） printed."""
    rows = []
    for row_id in RESULT_ROW_IDS:
        if row_id == "other" and other_split:
            continue
        if row_id in OTHER_SUBROWS and (not other_split or version == V2019):
            continue
        rows.append(row_id)
    return tuple(rows)


def request_rows(version: str, other_split: bool) -> tuple[str, ...]:
    results = result_rows(version, other_split)
    return ("new", "carried_in") + results + ("result_total", "carried_out")


def equations(version: str, other_split: bool = False) -> list[Equation]:
    """All within-report equations R1–R4 for a template version and （六） shape."""
    eqs = []
    for col in REQUEST_COLUMN_IDS:
        eqs.append(Equation("R1", (f"requests.new.{col}", f"requests.carried_in.{col}"),
                            (f"requests.result_total.{col}", f"requests.carried_out.{col}")))
    for row_id in request_rows(version, other_split):
        eqs.append(Equation("R2", (f"requests.{row_id}.total",),
                            tuple(f"requests.{row_id}.{c}" for c in ("natural_person",) + ORG_COLUMNS)))
    results = result_rows(version, other_split)
    for col in REQUEST_COLUMN_IDS:
        eqs.append(Equation("R3", (f"requests.result_total.{col}",),
                            tuple(f"requests.{r}.{col}" for r in results)))
    for row in REVIEW_ROWS:
        eqs.append(Equation("R4", (f"review.{row.id}.total",),
                            tuple(f"review.{row.id}.{p}" for p in REVIEW_PARTS)))
    return eqs


def _side(cells: Mapping[str, object], ids: tuple[str, ...]) -> float | None:
    """Sum of a side; blank counts as 0; None if a cell is missing or ambiguous."""
    total = 0.0
    for cid in ids:
        cell = cells.get(cid)
        if cell is None or getattr(cell, "status", None) == STATUS_AMBIGUOUS:
            return None
        value = getattr(cell, "value", None)
        total += value or 0.0
    return total


def check(report_id: str, cells: Mapping[str, object], version: str) -> list[Finding]:
    """Findings for every R1–R4 equation that fails on the printed cells.

    ``cells`` maps cell ids to objects with ``value`` and ``status``.
    """
    other_split = any(cid.startswith(f"requests.{r}.") for r in OTHER_SUBROWS for cid in cells)
    findings = []
    for eq in equations(version, other_split):
        if not any(cid in cells for cid in eq.cells):
            continue
        lhs, rhs = _side(cells, eq.lhs), _side(cells, eq.rhs)
        if lhs is None or rhs is None or abs(lhs - rhs) < 1e-6:
            continue
        findings.append(Finding(report_id, eq.rule, eq.cells, lhs, rhs, describe(eq, cells)))
    return findings


# Each rule in one plain sentence (what should hold), for findings and audit answers.
RULE_WORDS = {"R1": "本年新收＋上年结转应等于办理结果总计＋结转下年度", "R2": "各类申请人之和应等于总计",
              "R3": "办理结果各项之和应等于（七）总计", "R4": "复议、诉讼各项结果之和应等于总计",
              "R5": "本年上年结转应等于上一年报告的结转下年度", "R6": "上年项目数量＋本年增/减应等于本年的上一年项目数量",
              "R7": "正文所述数字应与表格一致"}


def describe(eq: Equation, cells: Mapping[str, object]) -> str:
    """'R4 不成立：行政复议·总计 0 ≠ 行政复议·结果维持 10 + 行政复议·结果纠正 1 = 11（…）'.

    Cells by the table's own labels; with many terms only the non-zero ones are spelt out."""
    def side(ids: tuple[str, ...]) -> str:
        values = {cid: getattr(cells.get(cid), "value", None) for cid in ids}
        shown = [cid for cid in ids if values[cid]] or list(ids[:1])
        text = " + ".join(f"{cell_label(cid, with_table=False)} {format_number(values[cid]) or '空'}" for cid in shown)
        total = format_number(sum(v or 0 for v in values.values()))
        folded = "（其余为0或空）" if len(shown) < len(ids) else ""
        return f"{text}{folded}" if len(ids) == 1 else f"{text}{folded} = {total}"
    return f"{eq.rule} 不成立：{side(eq.lhs)} ≠ {side(eq.rhs)}（{RULE_WORDS[eq.rule]}）"


def cross_year(this_id: str, this: Mapping[str, object], last_id: str,
               last: Mapping[str, object], this_version: str, last_version: str) -> list[Finding]:
    """R5 (carried_in = last year's carried_out) and R6 (2019 version item counts)."""
    findings = []
    pairs = [("R5", f"requests.carried_in.{c}", f"requests.carried_out.{c}")
             for c in REQUEST_COLUMN_IDS]
    for rule, here, there in pairs:
        a, b = this.get(here), last.get(there)
        if a is None or b is None:
            continue
        va, vb = _side(this, (here,)), _side(last, (there,))
        if va is None or vb is None or abs(va - vb) < 1e-6:
            continue
        findings.append(Finding(this_id, rule, (here, there), va, vb,
                                f"{rule} 不成立：本年“{cell_label(here, with_table=False)}” {format_number(va)} ≠ "
                                f"上年“{cell_label(there, with_table=False)}” {format_number(vb)}（{RULE_WORDS[rule]}）",
                                other_report_id=last_id))
    if this_version == V2019 and last_version == V2019:
        for row in ("licensing", "other_services", "penalty", "coercion", "fees"):
            prev, change = f"active.{row}.prev_items", f"active.{row}.change"
            lhs = _side(last, (prev, change))
            rhs = _side(this, (prev,))
            if lhs is None or rhs is None or prev not in this or abs(lhs - rhs) < 1e-6:
                continue
            findings.append(Finding(this_id, "R6", (prev, change), lhs, rhs,
                                    f"R6 不成立：上年“{cell_label(prev, with_table=False)}”＋“本年增/减” "
                                    f"{format_number(lhs)} ≠ 本年“{cell_label(prev, with_table=False)}” "
                                    f"{format_number(rhs)}（{RULE_WORDS['R6']}）",
                                    other_report_id=last_id))
    return findings



def finding_text(finding: Finding, cells: Mapping[str, object]) -> str:
    """A finding in words from the cells it names (the same sentence in `check`, the UI and
    answers, whatever wording the store holds); R5–R7 and L findings keep their detail."""
    split = {"R1": 2, "R2": 1, "R3": 1, "R4": 1}.get(finding.rule)
    if split is None or not all(c in cells for c in finding.cells):
        return finding.detail
    eq = Equation(finding.rule, tuple(finding.cells[:split]), tuple(finding.cells[split:]))
    return describe(eq, cells)
