"""Numeric answers: a Interpretation becomes cell lookups (parameterised SQL), never a model's guess.

Every number in an answer is a cell value or is computed from cited cells by a formula
that the answer shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.domain.corrections import STATUS_CORRECTED, Correction
from assistant.domain.corrections import apply as apply_corrections
from assistant.domain.narrative import Figure, figures
from assistant.domain.records import (
    STATUS_AMBIGUOUS,
    STATUS_BLANK,
    STATUS_INFERRED,
    Answer,
    Cell,
    Chunk,
    Citation,
    Report,
    format_number,
)
from assistant.domain.template import ALL_ROWS, ITEM_COLUMNS, OTHER_SUBROWS, TABLE_TITLES, cell_label, column_word, split_cell_id
from assistant.qa.interpretation import Interpretation, Operation
from assistant.qa.lexicon import Lexicon, Metric, columns_of, expand_column
from assistant.stores.library import Library

REFUSAL = "无法根据已收录的年报回答这个问题"


@dataclass
class Reading:
    """A metric read from one report: the cells used and their total."""

    report: Report
    cells: list[Cell]
    value: float | None
    blank: bool
    ambiguous: list[Cell]
    missing: list[str]
    corrections: list[tuple[Cell, Correction]] = field(default_factory=list)   # (as printed, correction)


class Refusal(Exception):
    """The reports do not hold what was asked; the message says why and what exists."""


def describe_metric(metric: Metric, columns: tuple[str, ...]) -> str:
    cols = [c for c in columns if c != "total"]
    if metric.table == "active" or not cols:
        suffix = "".join(column_word(metric.table, c) for c in cols) if metric.table != "active" else ""
    else:
        suffix = "（" + "、".join(column_word(metric.table, c) for c in cols) + "）"
    if metric.table == "active" and set(columns) == set(ITEM_COLUMNS):
        suffix = "本年项目数量（上一年项目数量+本年增/减）"   # a 2019 table 二 row's items this year
    elif metric.table == "active" and columns:
        suffix = column_word(metric.table, columns[0], metric.rows[0])
    return metric.label + suffix


class NumericAnswerer:
    def __init__(self, library: Library, lexicon: Lexicon):
        self.library = library
        self.lexicon = lexicon
        self._stated: dict[str, tuple[tuple[Chunk, Figure], ...]] = {}

    def stated_figures(self, report_id: str) -> tuple[tuple[Chunk, Figure], ...]:
        """Every figure the report's passages state (rule R7's and the quoted sentences'), each with
        its chunk; read once per report (its id is its content's: the same id, the same text)."""
        if report_id not in self._stated:
            self._stated[report_id] = tuple(
                (chunk, f) for chunk in self.library.sql.chunks(report_id=report_id) if chunk.kind == "passage"
                for f in figures(chunk.text, [(0, len(chunk.text))], audit=True))
        return self._stated[report_id]

    # ---------------------------------------------------------------- reports

    def reports_for(self, spec: Interpretation) -> list[Report]:
        """Primary reports matching the spec's issuers and years; Refusal if none."""
        primaries = self.library.primary_reports()
        if spec.unknown and not spec.issuers:
            raise Refusal(f"已收录的年报中没有“{'、'.join(spec.unknown)}”的报告。"
                          f"可查询：{self._available(primaries)}")
        chosen = [r for r in primaries
                  if (not spec.issuers or r.issuer in spec.issuers) and r.issuer not in spec.excluded
                  and (not spec.years or r.year in spec.years)]
        if not chosen:
            who = "、".join(spec.issuers) or "所问单位"
            when = "、".join(f"{y}年" for y in spec.years)
            have = sorted({f"{r.year}年" for r in primaries if r.issuer in spec.issuers})
            detail = f"已有该单位的：{'、'.join(have)}" if have else f"可查询：{self._available(primaries)}"
            raise Refusal(f"已收录的年报中没有{who}{when}的报告。{detail}")
        missing_years = [y for y in spec.years if spec.issuers and
                         not any(r.year == y for r in chosen)]
        if missing_years and len(spec.years) > 1:
            raise Refusal(f"已收录的年报中没有{'、'.join(spec.issuers)}{'、'.join(map(str, missing_years))}年的报告。")
        order = {name: i for i, name in enumerate(spec.issuers)}
        return sorted(chosen, key=lambda r: (order.get(r.issuer, 0), r.year))

    @staticmethod
    def _available(reports: list[Report]) -> str:
        by: dict[str, list[int]] = {}
        for r in reports:
            by.setdefault(r.issuer, []).append(r.year)
        return "；".join(f"{k}（{'、'.join(str(y) for y in sorted(v))}）" for k, v in sorted(by.items()))

    # ---------------------------------------------------------------- cells

    def cell_ids(self, report: Report, metric: Metric, columns: tuple[str, ...]) -> list[str]:
        """Canonical cells of a metric in a report's template; Refusal if the template lacks them."""
        rows = list(metric.rows)
        if metric.id == "requests.other":
            probe = f"requests.{OTHER_SUBROWS[0]}.total"
            if self.library.sql.cells(report.id, [probe]):
                rows = list(OTHER_SUBROWS)
        have = columns_of(Metric(metric.id, metric.table, (rows[0],), "", ()), report.template)
        if not have:
            raise Refusal(f"{report.template}版年报模板没有“{metric.label}”这一项"
                          f"（{report.issuer}{report.year}年报告用的是{report.template}版）。")
        named: list[str | None] = ([c for col in columns for c in expand_column(col)]
                                   or [self.lexicon.default_column(metric, report.template)])
        cols = [c for c in named if c]
        bad = [c for c in cols if c not in have]
        if bad or not cols:
            names = "、".join(column_word(metric.table, c, rows[0]) for c in bad) or "所问栏目"
            offered = "、".join(column_word(metric.table, c, rows[0]) for c in have)
            raise Refusal(f"{report.template}版年报模板中“{metric.label}”没有“{names}”这一栏"
                          f"（只有：{offered}）。")
        return [f"{metric.table}.{r}.{c}" for r in rows for c in cols]

    def read(self, report: Report, ids: list[str], printed: bool = False) -> Reading:
        """The cells (corrected where a correction is in force, unless ``printed``) and their sum."""
        in_force = {} if printed else self.library.reviewing.in_force()
        return self._reading(report, ids, {c.cell_id: c for c in self.library.sql.cells(report.id, ids)}, in_force)

    @staticmethod
    def _reading(report: Report, ids: list[str], cells: dict[str, Cell], in_force=None) -> Reading:
        cells, used_corrections = apply_corrections(cells, report.issuer, report.year, in_force or {})
        used = [cells[i] for i in ids if i in cells]
        missing = [i for i in ids if i not in cells]
        ambiguous = [c for c in used if c.status == STATUS_AMBIGUOUS]
        blank = bool(used) and all(c.value is None for c in used) and not ambiguous
        value = None if (ambiguous or missing or blank) else sum(c.value or 0.0 for c in used)
        mine = [(o, c) for o, c in used_corrections if o.cell_id in ids]
        return Reading(report, used, value, blank, ambiguous, missing, mine)

    def read_metric(self, report: Report, metric: Metric, columns: tuple[str, ...], printed: bool = False) -> Reading:
        return self.read(report, self.cell_ids(report, metric, columns), printed)

    def read_many(self, reports: list[Report], metric: Metric, columns: tuple[str, ...], printed: bool = False
                  ) -> tuple[list[Reading], list[str]]:
        """The metric in many reports with one query per cell set (aggregates over thousands).

        Returns the readings and, for reports whose template lacks the metric, why."""
        wanted: dict[str, list[str]] = {}
        skipped: list[str] = []
        for r in reports:
            try:
                wanted[r.id] = self.cell_ids(r, metric, columns)
            except Refusal as exc:
                skipped.append(f"{r.label()}：{exc}")
        every = sorted({cid for ids in wanted.values() for cid in ids})
        found: dict[str, dict[str, Cell]] = {}
        for c in (self.library.sql.cells_by_id(every, list(wanted)) if every else []):
            if c.report_id in wanted:
                found.setdefault(c.report_id, {})[c.cell_id] = c
        in_force = {} if printed else self.library.reviewing.in_force()
        readings = []
        for r in reports:
            if r.id in wanted:
                readings.append(self._reading(r, wanted[r.id], found.get(r.id, {}), in_force))
        return readings, skipped


class CitationBook:
    """Numbers the citations of one answer; each cell or chunk is cited once."""

    def __init__(self) -> None:
        self.items: list[Citation] = []
        self._keys: dict[tuple, int] = {}

    def cell(self, report: Report, cell: Cell) -> int:
        key = (report.id, cell.cell_id)
        if key not in self._keys:
            table, row_id, column = split_cell_id(cell.cell_id)
            row_label = next((r.label for r in ALL_ROWS if r.table == table and r.id == row_id), row_id)
            shown = cell.raw if cell.raw else cell.display_value()
            if cell.status == STATUS_CORRECTED:
                shown = f"原文“{cell.raw}”，已更正为 {cell.display_value()}"
            elif cell.status == STATUS_AMBIGUOUS:
                shown = f"原文“{cell.raw}”，可能为 {cell.display_value()}"
            elif cell.status == STATUS_BLANK:
                shown = "（空白）"
            elif cell.status == STATUS_INFERRED:
                shown = f"{cell.display_value()}（未印出，按{cell.rule}推得）"
            text = f"{TABLE_TITLES[table]}｜{row_label}｜{column_word(table, column, row_id)}：{shown}"
            self._keys[key] = len(self.items) + 1
            self.items.append(Citation(len(self.items) + 1, report.id, report.issuer, report.year,
                                       report.source_file, cell.page, TABLE_TITLES[table], text,
                                       cell.cell_id, cell.raw, cell.status))
        return self._keys[key]

    def correction(self, report: Report, original: Cell, correction: Correction) -> int:
        """A correction cited beside the cell it changes: who, when, why, and the printed value."""
        key = (report.id, "correction", correction.id)
        if key not in self._keys:
            table = split_cell_id(original.cell_id)[0]
            text = f"更正｜{cell_label(original.cell_id)}：{correction.words(original)}"
            self._keys[key] = len(self.items) + 1
            self.items.append(Citation(len(self.items) + 1, report.id, report.issuer, report.year,
                                       report.source_file, original.page, TABLE_TITLES[table], text,
                                       original.cell_id, original.raw, STATUS_CORRECTED))
        return self._keys[key]

    def chunk(self, report: Report, chunk, section_title: str) -> int:
        key = (report.id, chunk.id)
        if key not in self._keys:
            self._keys[key] = len(self.items) + 1
            self.items.append(Citation(len(self.items) + 1, report.id, report.issuer, report.year,
                                       report.source_file, chunk.page, section_title, chunk.text,
                                       None, None, None, chunk.id))
        return self._keys[key]


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "%":
        return f"{value:.2f}%"
    return f"{format_number(round(value, 4))}{unit}"


def refusal(question: str, reason: str, route: str = "refusal") -> Answer:
    return Answer(question, f"{REFUSAL}：{reason}", route, refused=True)


def describe_columns(spec) -> str:
    """The column part of the understanding line: '总计', '自然人', '总计 − 自然人'."""
    metric = spec.metric
    if metric is None or spec.ratio is not None:
        return ""
    cols = [c for c in spec.columns if c]
    if metric.table == "active":
        return "、".join(column_word("active", c, metric.rows[0]) for c in cols)
    words = "、".join(column_word(metric.table, c, metric.rows[0]) for c in cols) or "总计"
    if spec.minus_columns and not spec.minus and spec.operation == Operation.VALUE:
        return "总计 − " + "、".join(column_word(metric.table, c, metric.rows[0]) for c in spec.minus_columns)
    if spec.minus:
        words += " − " + "、".join(m.label for m in spec.minus)
    return words
