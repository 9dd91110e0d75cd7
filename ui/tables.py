"""Pure HTML for the standard tables: one row with a cited cell, whole tables, findings.

Inputs are template rows (assistant.domain.template) and records (Cell, Finding); nothing here
reads a store. Every value shown goes through ``markup.text``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from assistant.domain.corrections import STATUS_CORRECTED
from assistant.domain.records import STATUS_AMBIGUOUS, STATUS_BLANK, STATUS_INFERRED, Cell, Finding, format_number
from assistant.domain.rules import finding_text
from assistant.domain.template import (
    OTHER_SUBROWS,
    TABLE_TITLES,
    Row,
    cell_label,
    column_label,
    row_label,
    rows_for,
)
from ui.markup import attr, badge, text

STATUS_LABELS = {"ok": "照录", STATUS_BLANK: "空白", STATUS_INFERRED: "推得", STATUS_AMBIGUOUS: "无法确定",
                 STATUS_CORRECTED: "已更正"}
SHOWN_CANDIDATES = 2      # readings of an ambiguous cell shown in a table before "更多"
TOTAL_COLUMN = "total"    # the 总计 column a cited cell's row keeps in view


def candidates_html(cell: Cell, shown: int = SHOWN_CANDIDATES) -> str:
    """An ambiguous cell's readings: the first ``shown`` in view, the rest behind "更多".

    A misread cell can have twenty readings; all of them in a table cell push the table
    off the screen. <details> needs no script and keeps every reading one click away.
    """
    readings = [format_number(c) for c in cell.candidates]
    if len(readings) <= shown + 1:
        return text(cell.display_value())
    head, rest = "／".join(readings[:shown]), "／".join(readings[shown:])
    return (f'<details class="nb-cands"><summary>{text(head)}<span class="nb-more">更多（另 {len(rest.split("／"))} 种）'
            f'</span></summary><span class="nb-cands-rest">／{text(rest)}</span></details>（无法确定）')


def corrected_html(cell: Cell) -> str:
    """A corrected cell: the printed text struck through, then the corrected figure."""
    printed = cell.raw.strip() or "（空白）"
    return (f'<s class="nb-printed" title="原文">{text(printed)}</s><span class="nb-arrow">→</span>'
            f'<b class="nb-fixed">{text(format_number(cell.value))}</b>')


def value_html(cell: Cell, shown: int = SHOWN_CANDIDATES) -> str:
    """The value as a reader sees it; an ambiguous cell's long list of readings folded;
    a corrected cell's printed and corrected figures side by side."""
    if cell.status == STATUS_CORRECTED:
        return corrected_html(cell)
    if cell.status == STATUS_AMBIGUOUS:
        return candidates_html(cell, shown)
    return text(cell.display_value())


def cell_td(cell: Cell | None, *, highlight: bool = False, flagged: bool = False, extra: bool = False) -> str:
    """One <td>: the value as a reader sees it, classed by status.

    ``extra`` marks a column a source card keeps behind its "其余列" toggle.
    """
    classes = ["nb-num"] + (["nb-col-extra"] if extra else [])
    title = ""
    if cell is None:
        return f'<td class="{" ".join(classes)} nb-missing" title="未读到">—</td>'
    if cell.status == STATUS_CORRECTED:
        classes.append(f"nb-{cell.status}")
        title = cell.rule            # "更正：已更正为 11（原文有误：理由，谁，哪天）"
    elif cell.status != "ok":
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
            f"{value_html(cell)}</td>")


def kept_columns(row: Row, highlight: str | None) -> set[str]:
    """Columns of ``row`` a source card shows at once: the cited one and the row's 总计.

    A row of three columns or fewer is shown whole.
    """
    ids = [c.id for c in row.columns]
    if len(ids) <= 3 or highlight is None or highlight not in {row.cell_id(i) for i in ids}:
        return set(ids)
    return {i for i in ids if row.cell_id(i) == highlight or i == TOTAL_COLUMN}


def row_html(row: Row, cells: Mapping[str, Cell], highlight: str | None = None,
             flagged: Iterable[str] = ()) -> str:
    """One template row as a small table (header + values), the cell ``highlight`` marked.

    Only the row label, the cited cell and the row's 总计 are in view; the other columns
    (and the cells of a broken rule among them) are behind a toggle button.
    """
    flagged = set(flagged)
    kept = kept_columns(row, highlight)
    extra = [c for c in row.columns if c.id not in kept]
    head = "".join(f'<th{"" if c.id in kept else " class=nb-col-extra"}>{text(column_label(row, c.id))}</th>'
                   for c in row.columns)
    tds = "".join(cell_td(cells.get(row.cell_id(c.id)), highlight=row.cell_id(c.id) == highlight,
                          flagged=row.cell_id(c.id) in flagged, extra=c.id not in kept) for c in row.columns)
    toggle = ""
    if extra:
        toggle = (f'<button type="button" class="nb-cols-toggle" data-more="显示其余 {len(extra)} 列" '
                  f'data-less="只看引用的格">显示其余 {len(extra)} 列</button>')
    return (f'<div class="nb-rowwrap"><table class="nb-table nb-row"><thead><tr><th>项目</th>{head}</tr></thead>'
            f'<tbody><tr><th class="nb-rowlabel">{text(row_label(row))}</th>{tds}</tr></tbody></table>'
            f'{toggle}</div>')


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
                 other_cells: Mapping[str, Cell] | None = None, extra: str = "") -> str:
    """One broken rule: its text and a line per cell involved (label, value, raw, page).

    A cross-year finding (R5, R6) shows each cell in this report and in the other year's.
    ``extra`` (HTML built by the caller: a review's state, its buttons) follows the text.
    """
    items = []
    for cid in finding.cells:
        line = _cell_line(cells.get(cid))
        if other_cells is not None:
            line = f"本年 {line}；{text(other_label or '上年')} {_cell_line(other_cells.get(cid))}"
        items.append(f'<li>{text(cell_label(cid))}：{line} <small class="nb-id">{text(cid)}</small></li>')
    against = f"（对比 {text(other_label)}）" if other_label else ""
    words = finding_text(finding, cells)
    return (f'<div class="nb-finding" data-finding="{attr(finding.id)}">{badge(finding.rule, "nb-rule")} '
            f'{text(words)}{against}{extra}<ul>{"".join(items)}</ul></div>')


def findings_html(findings: Iterable[Finding], cells: Mapping[str, Cell],
                  labels: Mapping[str, str] | None = None,
                  other_cells: Mapping[str, Mapping[str, Cell]] | None = None,
                  extras: Mapping[str, str] | None = None) -> str:
    """Every finding of a report, or a line saying the tables add up.

    ``labels`` and ``other_cells`` are keyed by report id, for cross-year findings;
    ``extras`` by finding id (see ``finding_html``).
    """
    findings = list(findings)
    if not findings:
        return '<p class="nb-ok">表格数字符合勾稽关系（R1–R7 均未发现问题）。</p>'
    labels = labels or {}
    other_cells = other_cells or {}
    extras = extras or {}
    return "".join(finding_html(f, cells, labels.get(f.other_report_id or ""),
                                other_cells.get(f.other_report_id or "") if f.other_report_id else None,
                                extras.get(f.id, ""))
                   for f in findings)
