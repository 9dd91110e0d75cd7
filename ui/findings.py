"""The 问题清单 view: every finding across the library, filterable by issuer, year and rule.

Each finding keeps its sentence in words (``rules.finding_text``, checked against the cells
as printed), the cells it names by their labels with value, raw text, file and page (and the
other year's report for R5/R6), any correction in force on those cells, and its review state.
``finding_entries`` reads the library; the HTML is a pure function of the entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from assistant.domain.corrections import Correction, Review, finding_key
from assistant.domain.records import Cell, Finding, Report
from assistant.domain.rules import RULE_WORDS, finding_text
from assistant.domain.template import cell_label
from assistant.stores.library import Library
from ui.markup import attr, badge, text

NO_REVIEW = "未审核"


@dataclass(frozen=True)
class FindingCell:
    """One cell a finding names, in one report (this year's, or the other year's of R5/R6)."""

    cell_id: str
    label: str
    value: float | None
    shown: str                # the value as a reader sees it (blank and ambiguous spelled out)
    raw: str
    status: str
    page: int | None
    source_file: str
    report: str               # "淮安市洪泽区人民政府 2023年"
    correction: str = ""      # "原文 0，已更正为 11（原文有误：…，张三，2026-12-01）" when one is in force


@dataclass(frozen=True)
class FindingEntry:
    """One broken rule of one report, with everything the list and its exports show."""

    finding_id: str
    report_id: str
    issuer: str
    year: int
    rule: str
    rule_words: str           # what should hold (RULE_WORDS)
    words: str                # the finding in words
    source_file: str
    other: str                # the other year's report of R5/R6, else ""
    cells: tuple[FindingCell, ...]
    review: str               # "未审核" or the review in words (state, reason, who, when)
    review_state: str         # "" | confirmed | dismissed


def finding_cell(report: Report, cell_id: str, cells: Mapping[str, Cell],
                 in_force: Mapping[tuple[str, int, str], Correction]) -> FindingCell:
    """A finding's cell in ``report`` (a missing cell is said, not dropped)."""
    cell = cells.get(cell_id)
    c = in_force.get((report.issuer, report.year, cell_id))
    if cell is None:
        return FindingCell(cell_id, cell_label(cell_id), None, "（无此格）", "", "missing", None,
                           report.source_file, report.label())
    return FindingCell(cell_id, cell_label(cell_id), cell.value, cell.display_value(), cell.raw, cell.status,
                       cell.page, report.source_file, report.label(), c.words(cell) if c is not None else "")


def entry(report: Report, finding: Finding, cells: Mapping[str, Cell],
          in_force: Mapping[tuple[str, int, str], Correction], reviews: Mapping[tuple, Review],
          other: Report | None = None, other_cells: Mapping[str, Cell] | None = None) -> FindingEntry:
    """One finding as the list shows it. A cross-year finding (R5, R6) lists each cell in this
    report and in the other year's."""
    listed = [finding_cell(report, cid, cells, in_force) for cid in finding.cells]
    if other is not None:
        listed = [x for cid, here in zip(finding.cells, listed)
                  for x in (here, finding_cell(other, cid, other_cells or {}, in_force))]
    review = reviews.get(finding_key(report.issuer, report.year, finding))
    return FindingEntry(finding.id, report.id, report.issuer, report.year, finding.rule,
                        RULE_WORDS.get(finding.rule, ""), finding_text(finding, cells), report.source_file,
                        other.label() if other is not None else "", tuple(listed),
                        review.words() if review is not None else NO_REVIEW, review.state if review else "")


def finding_entries(library: Library, issuers: Iterable[str] | None = None, years: Iterable[int | str] | None = None,
                    rules: Iterable[str] | None = None) -> list[FindingEntry]:
    """Every finding of the primary reports of the chosen issuers, years and rules (all if empty)."""
    issuers, years, rules = set(issuers or []), {int(y) for y in (years or [])}, set(rules or [])
    in_force, reviews = library.reviewing.in_force(), library.reviewing.reviews_in_force()
    cells_of: dict[str, dict[str, Cell]] = {}

    def cells(report_id: str) -> dict[str, Cell]:
        if report_id not in cells_of:
            cells_of[report_id] = {c.cell_id: c for c in library.sql.cells(report_id)}
        return cells_of[report_id]

    out = []
    for report in sorted(library.primary_reports(), key=lambda r: (r.issuer, r.year)):
        if (issuers and report.issuer not in issuers) or (years and report.year not in years):
            continue
        for f in library.sql.findings(report.id):
            if rules and f.rule not in rules:
                continue
            other = library.sql.report(f.other_report_id) if f.other_report_id else None
            out.append(entry(report, f, cells(report.id), in_force, reviews, other,
                             cells(other.id) if other is not None else None))
    return out


def rule_choices(library: Library) -> list[tuple[str, str]]:
    """(label, rule) for the rule filter: R1–R7, then any other rule found (L0, M1…)."""
    found = {f.rule for r in library.primary_reports() for f in library.sql.findings(r.id)}
    rules = list(RULE_WORDS) + sorted(found - set(RULE_WORDS))
    return [(f"{r}　{RULE_WORDS[r]}" if r in RULE_WORDS else r, r) for r in rules]


def _cell_html(c: FindingCell, cross_year: bool) -> str:
    where = f"{text(c.report)}：" if cross_year else ""
    raw = f"，原文“{text(c.raw)}”" if c.raw else ""
    page = f"，第{c.page}页" if c.page else ""
    fixed = f'<div class="nb-finding-fix">人工更正：{text(c.correction)}</div>' if c.correction else ""
    return (f'<li>{where}{text(c.label)}：<b>{text(c.shown)}</b>{raw}{page}，<span class="nb-file">{text(c.source_file)}'
            f'</span> <small class="nb-id">{text(c.cell_id)}</small>{fixed}</li>')


def entry_html(e: FindingEntry) -> str:
    """One finding in the list: report, rule, sentence, review state and its cells."""
    state = badge(e.review, f"nb-review-{e.review_state or 'none'}")
    against = f"（对比 {text(e.other)}）" if e.other else ""
    return (f'<div class="nb-finding nb-finding-row" data-finding="{attr(e.finding_id)}" data-rule="{attr(e.rule)}">'
            f'<div class="nb-finding-head"><b>{text(e.issuer)} {e.year}年</b> · <span class="nb-file">'
            f'{text(e.source_file)}</span></div>{badge(e.rule, "nb-rule")} {text(e.words)}{against}'
            f'<div class="nb-review">审核：{state}</div>'
            f'<ul>{"".join(_cell_html(c, bool(e.other)) for c in e.cells)}</ul></div>')


def findings_view_html(entries: Sequence[FindingEntry]) -> str:
    """The whole list with a count by rule, or a line saying nothing matched."""
    if not entries:
        return '<div class="nb-empty">没有符合条件的勾稽问题。</div>'
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.rule] = counts.get(e.rule, 0) + 1
    by_rule = "，".join(f"{rule} {n} 处" for rule, n in sorted(counts.items()))
    reports = len({e.report_id for e in entries})
    reviewed = sum(1 for e in entries if e.review_state)
    head = (f'<div class="nb-findings-head">共 {len(entries)} 处勾稽关系不成立，涉及 {reports} 份年报（{by_rule}）；'
            f"已审核 {reviewed} 处。在“年报”页可以确认或驳回。</div>")
    return f'<div class="nb-findings-list">{head}{"".join(entry_html(e) for e in entries)}</div>'
