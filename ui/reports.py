"""The reports tab: every ingested report, and one report's three tables and findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from assistant.domain.corrections import Correction, Review, apply, finding_key
from assistant.domain.records import Cell, Finding, Report
from assistant.domain.template import TABLE_TITLES, cell_label
from assistant.stores.library import Library
from ui.markup import attr, badge, text
from ui.tables import findings_html, table_html

REPORT_COLUMNS = ["发布机关", "年度", "模板", "格式", "页数", "勾稽问题", "文件", "说明"]


def report_label(report: Report) -> str:
    return f"{report.issuer} {report.year}年 · {report.source_file}"


def report_rows(library: Library) -> list[list]:
    """One row per ingested report (primary first, then its other files)."""
    rows = []
    for primary, alternates in sorted(library.report_groups().items(),
                                      key=lambda kv: (kv[0].issuer, kv[0].year)):
        for r in [primary] + alternates:
            role = "" if r is primary else f"同一年报的另一文件（以 {primary.source_file} 为准）"
            rows.append([r.issuer, r.year, f"{r.template}版", r.format.upper(), r.pages,
                         len(library.sql.findings(r.id)), r.source_file, role])
    return rows


def report_choices(library: Library) -> list[tuple[str, str]]:
    """(label, report id) for the report picker, in the table's order."""
    out = []
    for primary, alternates in sorted(library.report_groups().items(),
                                      key=lambda kv: (kv[0].issuer, kv[0].year)):
        out += [(report_label(r), r.id) for r in [primary] + alternates]
    return out


def corrections_html(used: Sequence[tuple[Cell, Correction]]) -> str:
    """The corrections in force on a report: printed and corrected, who, when, why; each with
    a button that opens the cell's form (where it can be changed or withdrawn)."""
    if not used:
        return ""
    items = []
    for original, c in sorted(used, key=lambda pair: pair[1].cell_id):
        items.append(f'<li>{text(cell_label(c.cell_id))}：{text(c.words(original))} '
                     f'<button type="button" class="nb-act nb-fix-open" data-cell="{attr(c.cell_id)}">修改或撤回</button>'
                     f'</li>')
    return (f'<h4 class="nb-table-title">人工更正：{len(used)} 处（表中显示为 原文→更正值）</h4>'
            f'<ul class="nb-corrections">{"".join(items)}</ul>')


def review_extra(finding: Finding, review: Review | None, corrected: Sequence[str] = ()) -> str:
    """Beside a finding: its review state, the buttons that review it, and its cells corrected since."""
    if review is None:
        state = badge("未审核", "nb-review-none")
    else:
        state = badge(review.words(), f"nb-review-{review.state}")
    buttons = "".join(f'<button type="button" class="nb-act nb-review-btn" data-finding="{attr(finding.id)}" '
                      f'data-state="{s}">{label}</button>' for s, label in (("confirmed", "确认"), ("dismissed", "驳回")))
    note = ""
    if corrected:
        note = (f'<div class="nb-review-note">其中已人工更正：{text("、".join(cell_label(c) for c in corrected))}'
                f"（此项按原文检查；问答中的勾稽检查按更正后的数字核对）</div>")
    return f'<div class="nb-review">审核：{state} {buttons}</div>{note}'


def report_detail_html(report: Report, cells: Mapping[str, Cell], findings: Sequence[Finding],
                       labels: Mapping[str, str] | None = None,
                       other_cells: Mapping[str, Mapping[str, Cell]] | None = None,
                       in_force: Mapping[tuple[str, int, str], Correction] | None = None,
                       reviews: Mapping[tuple, Review] | None = None) -> str:
    """A report's header, its three tables (cells in broken rules outlined, corrected cells
    showing both figures), the corrections in force, and the findings with their reviews.

    Every cell with a value and every finding carries a ``data-`` attribute the page's
    script turns into a click on the edit form (ui.editing).
    """
    flagged = {cid for f in findings if not f.other_report_id for cid in f.cells}
    shown, used = apply(cells, report.issuer, report.year, in_force or {})
    reviews = reviews or {}
    meta = [f"{report.template}版模板", f"{report.format.upper()}", f"{report.pages}页"]
    if report.published:
        meta.append(f"发布于 {report.published}")
    parts = [f'<div class="nb-report" data-report="{attr(report.id)}"><h3>{text(report.issuer)} {report.year}年</h3>',
             f'<div class="nb-meta">{text(" · ".join(meta))} · <span class="nb-file">'
             f'{text(report.source_file)}</span></div>']
    if report.title:
        parts.append(f'<div class="nb-title">{text(report.title)}</div>')
    legend = " ".join([badge("推得", "nb-status-inferred"), badge("无法确定", "nb-status-ambiguous"),
                       badge("空白", "nb-status-blank"), badge("勾稽关系不成立", "nb-status-flagged"),
                       badge("已更正", "nb-status-corrected")])
    parts.append(f'<div class="nb-legend">图例：{legend}　点击表中的数字可以更正它。</div>')
    for table in TABLE_TITLES:
        parts.append(table_html(report.template, table, shown, flagged))
    parts.append(corrections_html(used))
    corrected = {c.cell_id for _, c in used}
    extras = {f.id: review_extra(f, reviews.get(finding_key(report.issuer, report.year, f)),
                                 [cid for cid in f.cells if cid in corrected])
              for f in findings}
    parts.append(f'<h4 class="nb-table-title">勾稽关系检查（R1–R7）：{len(findings)} 处不成立</h4>')
    # findings show the figures as printed: that is what the rules were checked against
    parts.append(findings_html(findings, cells, labels, other_cells, extras))
    parts.append("</div>")
    return "".join(parts)


def report_html(library: Library, report_id: str | None) -> str:
    """The detail of one report (or a hint when none is picked)."""
    report = library.sql.report(report_id) if report_id else None
    if report is None:
        return '<div class="nb-empty">选择一份年报查看它的三张表和勾稽检查结果。</div>'
    cells = {c.cell_id: c for c in library.sql.cells(report.id)}
    findings = library.sql.findings(report.id)
    labels, others = {}, {}
    for f in findings:
        if f.other_report_id and f.other_report_id not in labels:
            other = library.sql.report(f.other_report_id)
            if other is not None:
                labels[other.id] = other.label()
                others[other.id] = {c.cell_id: c for c in library.sql.cells(other.id)}
    reviewing = library.reviewing
    return report_detail_html(report, cells, findings, labels, others, reviewing.in_force(),
                              reviewing.reviews_in_force())
