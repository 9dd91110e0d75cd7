"""Pure HTML for the standard tables: one row with a cited cell, whole tables, findings.

Inputs are template rows (assistant.domain.template) and records (Cell, Finding); nothing here
reads a store. Every value shown goes through ``markup.text``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from assistant.domain.rules import finding_text
from assistant.domain.records import STATUS_AMBIGUOUS, STATUS_BLANK, STATUS_INFERRED, Cell, Finding
from assistant.domain.template import (ALL_ROWS, OTHER_SUBROWS, TABLE_TITLES, Row, cell_label, column_label, find_row,
                                       row_label, rows_for, split_cell_id)
from ui.markup import attr, badge, text

STATUS_LABELS = {"ok": "照录", STATUS_BLANK: "空白", STATUS_INFERRED: "推得", STATUS_AMBIGUOUS: "无法确定"}
def cell_td(cell: Cell | None, *, highlight: bool = False, flagged: bool = False) -> str:
    """One <td>: the value as a reader sees it, classed by status."""
    classes = ["nb-num"]
    title = ""
    if cell is None:
        return '<td class="nb-num nb-missing" title="未读到">—</td>'
    if cell.status != "ok":
        classes.append(f"nb-{cell.status}")
        title = STATUS_LABELS.get(cell.status, cell.status)
        if cell.rule:
            title += f"（{cell.rule}）"
    if flagged:
        classes.append("nb-flagged")
        title = (title + "；" if title else "") + "勾稽关系不成立"
    if highlight:
        classes.append("nb-hl")
    title_attr = f' title="{attr(title)}"' if title else ""
    return (f'<td class="{" ".join(classes)}" data-cell="{attr(cell.cell_id)}"{title_attr}>'
            f"{text(cell.display_value())}</td>")


def row_html(row: Row, cells: Mapping[str, Cell], highlight: str | None = None,
             flagged: Iterable[str] = ()) -> str:
    """One template row as a small table (header + values), the cell ``highlight`` marked."""
    flagged = set(flagged)
    head = "".join(f"<th>{text(column_label(row, c.id))}</th>" for c in row.columns)
    tds = "".join(cell_td(cells.get(row.cell_id(c.id)), highlight=row.cell_id(c.id) == highlight,
                          flagged=row.cell_id(c.id) in flagged) for c in row.columns)
    return (f'<div class="nb-rowwrap"><table class="nb-table nb-row"><thead><tr><th>项目</th>{head}</tr></thead>'
            f'<tbody><tr><th class="nb-rowlabel">{text(row_label(row))}</th>{tds}</tr></tbody></table></div>')


def printed_rows(template: str, table: str, cells: Mapping[str, Cell]) -> list[Row]:
    """Rows of a table as this report prints them (（六） as one row or three)."""
    rows = []
    for row in rows_for(template, table):
        is_other = row.id == "other" or row.id in OTHER_SUBROWS
        if is_other and not any(row.cell_id(c.id) in cells for c in row.columns):
            continue
        rows.append(row)
    return rows


def table_html(template: str, table: str, cells: Mapping[str, Cell], flagged: Iterable[str] = (),
               highlight: str | None = None) -> str:
    """A whole standard table of one report. Consecutive rows with the same columns form
    one block with its own header (table 二 of both templates mixes several shapes)."""
    flagged = set(flagged)
    blocks: list[tuple[Row, list[Row]]] = []
    for row in printed_rows(template, table, cells):
        if blocks and tuple(c.id for c in blocks[-1][0].columns) == tuple(c.id for c in row.columns):
            blocks[-1][1].append(row)
        else:
            blocks.append((row, [row]))
    parts = [f'<h4 class="nb-table-title">{text(TABLE_TITLES[table])}</h4>']
    for first, rows in blocks:
        head = "".join(f"<th>{text(column_label(first, c.id))}</th>" for c in first.columns)
        body = []
        for row in rows:
            tds = "".join(cell_td(cells.get(row.cell_id(c.id)), highlight=row.cell_id(c.id) == highlight,
                                  flagged=row.cell_id(c.id) in flagged) for c in row.columns)
            body.append(f'<tr><th class="nb-rowlabel">{text(row_label(row))}</th>{tds}</tr>')
        parts.append(f'<table class="nb-table nb-full"><thead><tr><th class="nb-rowlabel">项目</th>{head}</tr></thead>'
                     f'<tbody>{"".join(body)}</tbody></table>')
    return "".join(parts)


def _cell_line(cell: Cell | None) -> str:
    if cell is None:
        return "（无此格）"
    raw = f"，原文“{cell.raw}”" if cell.raw else ""
    page = f"，第{cell.page}页" if cell.page else ""
    return f"<b>{text(cell.display_value())}</b>{text(raw + page)}"


def finding_html(finding: Finding, cells: Mapping[str, Cell], other_label: str | None = None,
                 other_cells: Mapping[str, Cell] | None = None) -> str:
    """One broken rule: its text and a line per cell involved (label, value, raw, page).

    A cross-year finding (R5, R6) shows each cell in this report and in the other year's.
    """
    items = []
    for cid in finding.cells:
        line = _cell_line(cells.get(cid))
        if other_cells is not None:
            line = f"本年 {line}；{text(other_label or '上年')} {_cell_line(other_cells.get(cid))}"
        items.append(f'<li>{text(cell_label(cid))}：{line} <small class="nb-id">{text(cid)}</small></li>')
    against = f"（对比 {text(other_label)}）" if other_label else ""
    words = finding_text(finding, cells)
    return (f'<div class="nb-finding">{badge(finding.rule, "nb-rule")} {text(words)}{against}'
            f'<ul>{"".join(items)}</ul></div>')


def findings_html(findings: Iterable[Finding], cells: Mapping[str, Cell],
                  labels: Mapping[str, str] | None = None,
                  other_cells: Mapping[str, Mapping[str, Cell]] | None = None) -> str:
    """Every finding of a report, or a line saying the tables add up.

    ``labels`` and ``other_cells`` are keyed by report id, for cross-year findings.
    """
    findings = list(findings)
    if not findings:
        return '<p class="nb-ok">表格数字符合勾稽关系（R1–R7 均未发现问题）。</p>'
    labels = labels or {}
    other_cells = other_cells or {}
    return "".join(finding_html(f, cells, labels.get(f.other_report_id or ""),
                                other_cells.get(f.other_report_id or "") if f.other_report_id else None)
                   for f in findings)
