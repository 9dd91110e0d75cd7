"""The compare tab: one metric (a canonical cell or a derived ratio) across issuers and years.

The numbers come from the cells exactly as the chat's numeric answers read them; a ratio
uses the formula of the lexicon (assistant/qa/data/lexicon.json), e.g. 公开率 =
(予以公开+部分公开)/办理结果总计. Only primary reports count, so a report ingested in two
formats is one row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.domain.corrections import Correction, Review, apply, finding_key
from assistant.domain.records import STATUS_AMBIGUOUS, Cell, Finding, Report, format_number
from assistant.domain.rules import finding_text
from assistant.domain.template import VERSIONS, cell_ids, cell_label, unit_of
from assistant.qa.lexicon import Ratio, load_lexicon
from assistant.stores.library import Library

RATIO_PREFIX = "ratio:"
COLUMNS = ["发布机关", "年度", "数值", "单位", "原文", "状态", "页码", "说明", "文件"]
# the table under the chart adds what the CSV leaves out: broken rules and corrections
TABLE_COLUMNS = COLUMNS + ["勾稽检查与人工更正"]
STATUS_WORDS = {"ok": "照录", "blank": "空白", "inferred": "推得", "ambiguous": "无法确定", "corrected": "已更正"}


@dataclass(frozen=True)
class Point:
    """One report's value of the metric, with what it was read from."""

    issuer: str
    year: int
    value: float | None
    unit: str
    raw: str
    status: str
    page: str
    note: str
    source_file: str
    # the cells the value was read or computed from, as shown (a correction in force applied)
    cells: tuple[Cell, ...] = ()
    # "表四·行政复议·总计：原文 0，已更正为 11（…，谁，哪天）" for each correction used
    corrections: tuple[str, ...] = ()
    # the report's broken rules in words (with their review state); those on the cells used first
    findings: tuple[str, ...] = ()
    # how many of ``findings`` name a cell used for this value
    involved: int = 0

    def row(self) -> list:
        shown = None if self.value is None else round(self.value, 4)
        return [self.issuer, self.year, shown, self.unit, self.raw, self.status, self.page, self.note,
                self.source_file]

    def table_row(self) -> list:
        """``row()`` and the flag: what the table under the chart shows."""
        return self.row() + ["；".join(filter(None, [self.flag(), *self.corrections]))]

    @property
    def ambiguous(self) -> tuple[str, ...]:
        """Ids of the cells used whose printed text could not be settled."""
        return tuple(c.cell_id for c in self.cells if c.status == STATUS_AMBIGUOUS)

    def flag(self) -> str:
        """Why the chart marks this value (empty when it does not): a broken rule in the
        report, or an ambiguous cell among those used."""
        parts = []
        if self.ambiguous:
            parts.append("原文无法确定：" + "、".join(cell_label(c) for c in self.ambiguous))
        if self.findings:
            rules = "、".join(dict.fromkeys(f.split(" ", 1)[0] for f in self.findings))
            where = f"，其中 {self.involved} 处涉及本指标所用的格" if self.involved else "（不涉及本指标所用的格）"
            parts.append(f"该年报勾稽关系不成立 {len(self.findings)} 处（{rules}）{where}")
        return "；".join(parts)


def short_issuer(issuer: str) -> str:
    """'大宁县人民政府' -> '大宁县' (chart labels)."""
    for suffix in ("人民政府", "政府"):
        if issuer.endswith(suffix) and len(issuer) > len(suffix):
            return issuer[: -len(suffix)]
    return issuer


def ratios() -> tuple[Ratio, ...]:
    return load_lexicon().ratios


def metric_choices() -> list[tuple[str, str]]:
    """(label, value) for the metric picker: the ratios, then every canonical cell."""
    out = [(f"比率·{r.label}（{r.formula}）", RATIO_PREFIX + r.id) for r in ratios()]
    seen = set()
    for version in VERSIONS:
        for cid in cell_ids(version, other_split=False) + cell_ids(version, other_split=True):
            if cid not in seen:
                seen.add(cid)
                out.append((f"{cell_label(cid)}（{cid}）", cid))
    return out


def metric_label(metric: str) -> str:
    return next((label for label, value in metric_choices() if value == metric), metric)


def _sum(cells: dict[str, Cell], ids: Sequence[str]) -> tuple[float | None, str]:
    """Sum of the cells (blank counts 0); None and the reason when one is missing or ambiguous."""
    total = 0.0
    for cid in ids:
        cell = cells.get(cid)
        if cell is None:
            return None, f"缺少 {cid}"
        if cell.status == STATUS_AMBIGUOUS:
            return None, f"{cid} 原文无法确定"
        total += cell.value or 0.0
    return total, ""


def metric_formula(metric: str) -> str:
    """How the metric is read: a ratio's formula, or the one cell it is."""
    ratio = next((r for r in ratios() if RATIO_PREFIX + r.id == metric), None)
    if ratio is not None:
        return (f"{ratio.label} = {ratio.formula} × 100%；分子 {' + '.join(map(cell_label, ratio.numerator))}，"
                f"分母 {' + '.join(map(cell_label, ratio.denominator))}")
    return f"取自年报表格“{cell_label(metric)}”（{metric}）"


def metric_cells(metric: str) -> tuple[str, ...]:
    """The canonical cells a metric is read from."""
    ratio = next((r for r in ratios() if RATIO_PREFIX + r.id == metric), None)
    return tuple(dict.fromkeys(ratio.numerator + ratio.denominator)) if ratio is not None else (metric,)


def finding_words(report: Report, finding: Finding, cells: Mapping[str, Cell],
                  reviews: Mapping[tuple, Review]) -> str:
    """A finding in words (checked against the printed cells) and its review state."""
    review = reviews.get(finding_key(report.issuer, report.year, finding))
    return f"{finding_text(finding, cells)}（审核：{review.words() if review else '未审核'}）"


def point(report: Report, cells: dict[str, Cell], metric: str, findings: Sequence[Finding] = (),
          in_force: Mapping[tuple[str, int, str], Correction] | None = None,
          reviews: Mapping[tuple, Review] | None = None) -> Point | None:
    """The metric in one report; None when the report's template has no such cell.

    ``cells`` are as read; a correction in force on one of them is used (and said), and the
    report's ``findings`` ride along in words for the chart's flags and the exports.
    """
    base = _point(report, apply(cells, report.issuer, report.year, in_force or {})[0], metric)
    if base is None:
        return None
    used_ids = [cid for cid in metric_cells(metric) if cid in cells]
    shown, used = apply({cid: cells[cid] for cid in used_ids}, report.issuer, report.year, in_force or {})
    words = tuple(f"{cell_label(c.cell_id)}：{c.words(original)}" for original, c in used)
    touching = [f for f in findings if set(f.cells) & set(used_ids)]
    ordered = touching + [f for f in findings if f not in touching]
    return replace(base, cells=tuple(shown[cid] for cid in used_ids), corrections=words,
                   findings=tuple(finding_words(report, f, cells, reviews or {}) for f in ordered),
                   involved=len(touching))


def _point(report: Report, cells: dict[str, Cell], metric: str) -> Point | None:
    if metric.startswith(RATIO_PREFIX):
        ratio = next((r for r in ratios() if RATIO_PREFIX + r.id == metric), None)
        if ratio is None:
            return None
        num, why_num = _sum(cells, ratio.numerator)
        den, why_den = _sum(cells, ratio.denominator)
        pages = sorted({c.page for cid in ratio.numerator + ratio.denominator
                        if (c := cells.get(cid)) is not None and c.page})
        raw = f"{format_number(num) if num is not None else '?'} / {format_number(den) if den is not None else '?'}"
        value, note = None, why_num or why_den
        if num is not None and den:
            value = num / den * 100
        elif den == 0:
            note = "分母为0"
        return Point(report.issuer, report.year, value, "%", raw, "计算" if value is not None else "无法计算",
                     ",".join(map(str, pages)), note or ratio.formula, report.source_file)
    cell = cells.get(metric)
    if cell is None:
        return None
    status = STATUS_WORDS.get(cell.status, cell.status)
    note = cell.rule if cell.status in ("inferred", "corrected") else ""
    if cell.status == STATUS_AMBIGUOUS:
        note = "可能为 " + cell.display_value()
    value = None if cell.status == STATUS_AMBIGUOUS else (cell.value or 0.0)
    return Point(report.issuer, report.year, value, cell.unit or unit_of(metric), cell.raw, status,
                 str(cell.page or ""), note, report.source_file)


def points(library: Library, metric: str, issuers: Iterable[str] | None = None,
           years: Iterable[int | str] | None = None) -> list[Point]:
    """The metric for every primary report of the chosen issuers and years (all if empty)."""
    issuers = set(issuers or [])
    years = {int(y) for y in (years or [])}
    in_force, reviews = library.reviewing.in_force(), library.reviewing.reviews_in_force()
    out = []
    for report in sorted(library.primary_reports(), key=lambda r: (r.issuer, r.year)):
        if (issuers and report.issuer not in issuers) or (years and report.year not in years):
            continue
        cells = {c.cell_id: c for c in library.sql.cells(report.id)}
        p = point(report, cells, metric, library.sql.findings(report.id), in_force, reviews)
        if p is not None:
            out.append(p)
    return out


def to_csv(rows: Sequence[Point], metric: str) -> str:
    """The table behind the chart as CSV (UTF-8 with BOM added by the caller for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["指标", *COLUMNS])
    label = metric_label(metric)
    for p in rows:
        values = p.row()
        values[2] = format_number(p.value)
        writer.writerow([csv_safe(v) for v in [label, *values]])
    return out.getvalue()


def csv_safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading '.

    Numbers, including negative ones like a printed "-453", are left as they are.
    """
    if not isinstance(value, str) or not value or value[0] not in "=+-@\t\r":
        return value
    try:
        float(value)
        return value
    except ValueError:
        return "'" + value
