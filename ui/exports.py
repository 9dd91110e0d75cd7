"""Downloadable files built from records: a comparison and the findings list as Excel
(.xlsx, openpyxl) and Word (.docx, python-docx), a conversation with its sources as Word.

Every builder is a pure function from records to bytes; ``write_export`` is the one place
a file is written, under ``<data dir>/exports/`` (never into the checkout). Corrections in
force appear wherever they apply: the printed and the corrected figure, who, when and why.
"""

from __future__ import annotations

import io
import os
import re
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import overload

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from assistant.domain.corrections import Correction
from assistant.domain.records import Answer, Cell, Citation, content_id, format_number
from assistant.domain.template import cell_label
from ui.compare import STATUS_WORDS, Point
from ui.findings import FindingEntry

XLSX = "xlsx"
DOCX = "docx"
# characters XML 1.0 (and so both file formats) cannot hold; a report's text may carry them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

COMPARE_HEADER = ["发布机关", "年度", "数值", "单位", "原文", "状态", "说明", "勾稽检查", "人工更正", "文件", "页码"]
CELLS_HEADER = ["发布机关", "年度", "单元格", "单元格编号", "数值", "原文", "状态", "文件", "页码", "人工更正"]
FINDINGS_HEADER = ["发布机关", "年度", "规则", "问题", "审核", "文件", "对比年报"]
FINDING_CELLS_HEADER = ["发布机关", "年度", "规则", "所在年报", "单元格", "单元格编号", "数值", "原文", "状态",
                        "文件", "页码", "人工更正"]


@overload
def clean(value: str) -> str: ...
@overload
def clean(value: object) -> object: ...
def clean(value: object) -> object:
    """Text without the control characters XML refuses; numbers and None as they are."""
    return _CONTROL.sub("", value) if isinstance(value, str) else value


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, status)


# ------------------------------------------------------------------ rows (shared by both formats)


def compare_rows(points: Sequence[Point]) -> list[list]:
    """One row per report: the value (a number, None when it cannot be computed) and its story."""
    return [[p.issuer, p.year, None if p.value is None else round(p.value, 6), p.unit, p.raw, p.status, p.note,
             "\n".join(p.findings) or "R1–R7 均成立", "\n".join(p.corrections), p.source_file, p.page]
            for p in points]


def compare_cell_rows(points: Sequence[Point]) -> list[list]:
    """One row per cell used: the figure used (the corrected one where a correction is in
    force), its printed text, status, file and page."""
    rows = []
    for p in points:
        fixes = {line.split("：", 1)[0]: line.split("：", 1)[1] for line in p.corrections}
        for c in p.cells:
            rows.append([p.issuer, p.year, cell_label(c.cell_id), c.cell_id, cell_value(c), c.raw,
                         status_words(c.status), p.source_file, c.page, fixes.get(cell_label(c.cell_id), "")])
    return rows


def cell_value(cell: Cell) -> float | str | None:
    """A cell's figure for a spreadsheet: the number, or the readings of an ambiguous cell."""
    if cell.status == "ambiguous":
        return cell.display_value()
    return cell.value


def finding_rows(entries: Sequence[FindingEntry]) -> list[list]:
    return [[e.issuer, e.year, e.rule, e.words, e.review, e.source_file, e.other] for e in entries]


def finding_cell_rows(entries: Sequence[FindingEntry]) -> list[list]:
    return [[e.issuer, e.year, e.rule, c.report, c.label, c.cell_id, c.value if c.status != "ambiguous" else c.shown,
             c.raw, status_words(c.status), c.source_file, c.page, c.correction]
            for e in entries for c in e.cells]


# ------------------------------------------------------------------ Excel


def _sheet(wb: Workbook, title: str, header: Sequence[str], rows: Sequence[Sequence], first: bool = False,
           lead: Sequence[Sequence] = ()):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    for line in lead:
        ws.append([clean(v) for v in line])
    if lead:
        ws.append([])
    ws.append(list(header))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([clean(v) for v in row])
        for cell in ws[ws.max_row]:
            # a report's text is data: "=…" must never become a formula
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column in ws.columns:
        width = max((len(str(c.value)) for c in column if c.value is not None and c.row > len(lead)), default=6)
        ws.column_dimensions[column[0].column_letter].width = min(max(width * 1.6, 8), 70)
    header_row = len(lead) + (2 if lead else 1)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    return ws


def _xlsx(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def comparison_xlsx(points: Sequence[Point], label: str, formula: str) -> bytes:
    """The comparison: sheet 对比 (metric, formula, one row per report), sheet 所用单元格."""
    wb = Workbook()
    _sheet(wb, "对比", COMPARE_HEADER, compare_rows(points), first=True, lead=[["指标", label], ["公式", formula]])
    _sheet(wb, "所用单元格", CELLS_HEADER, compare_cell_rows(points))
    return _xlsx(wb)


def findings_xlsx(entries: Sequence[FindingEntry], filters: str = "") -> bytes:
    """The findings list: sheet 问题清单 (one row per finding), sheet 涉及单元格 (one row per cell)."""
    wb = Workbook()
    _sheet(wb, "问题清单", FINDINGS_HEADER, finding_rows(entries), first=True,
           lead=[["勾稽问题清单", f"共 {len(entries)} 处"], ["筛选", filters or "全部"]])
    _sheet(wb, "涉及单元格", FINDING_CELLS_HEADER, finding_cell_rows(entries))
    return _xlsx(wb)


# ------------------------------------------------------------------ Word


def _document(title: str) -> DocxDocument:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    # East Asian text needs its own font slot, or Word falls back to a font without CJK
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    doc.add_heading(clean(title), level=1)
    return doc


def _table(doc: DocxDocument, header: Sequence[str], rows: Sequence[Sequence]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, header):
        cell.text = name
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = clean(shown(value))


def shown(value: object) -> str:
    """A value as the Word tables print it: numbers without a trailing .0, None as empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def _docx(doc: DocxDocument) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def comparison_docx(points: Sequence[Point], label: str, formula: str) -> bytes:
    """The comparison as a Word document: metric, formula, the table, the cells used."""
    doc = _document(f"对比：{label}")
    doc.add_paragraph(clean(f"公式：{formula}"))
    doc.add_paragraph(f"共 {len(points)} 份年报。数值取自年报表格；有人工更正的格按更正后的数字计算，原文数字与更正同列。")
    _table(doc, COMPARE_HEADER, compare_rows(points))
    doc.add_heading("所用单元格", level=2)
    _table(doc, CELLS_HEADER, compare_cell_rows(points))
    return _docx(doc)


def findings_docx(entries: Sequence[FindingEntry], filters: str = "") -> bytes:
    """The findings list as a Word document: per finding its sentence, review and cells."""
    doc = _document("勾稽问题清单")
    doc.add_paragraph(clean(f"筛选：{filters or '全部'}；共 {len(entries)} 处。"))
    for e in entries:
        doc.add_heading(clean(f"{e.issuer} {e.year}年 · {e.rule}"), level=2)
        doc.add_paragraph(clean(e.words + (f"（对比 {e.other}）" if e.other else "")))
        doc.add_paragraph(clean(f"审核：{e.review}"))
        doc.add_paragraph(clean(f"文件：{e.source_file}"))
        _table(doc, FINDING_CELLS_HEADER[3:], [row[3:] for row in finding_cell_rows([e])])
    return _docx(doc)


def source_lines(c: Citation, cells: Mapping[str, Mapping[str, Cell]],
                 in_force: Mapping[tuple[str, int, str], Correction]) -> list[str]:
    """One cited source in words: where it is, then the cell (label, value, raw text, any
    correction in force) or the passage."""
    page = f"第{c.page}页" if c.page else "页码未知"
    lines = [f"[{c.key}] {c.issuer} {c.year}年 · {c.source_file} · {page} · {c.section}"]
    if c.cell_id is None:
        lines.append(f"原文段落：{c.text}")
        return lines
    cell = cells.get(c.report_id, {}).get(c.cell_id)
    value = cell.display_value() if cell is not None else ""
    raw = cell.raw if cell is not None else (c.raw or "")
    status = status_words((cell.status if cell is not None else c.status) or "ok")
    lines.append(f"单元格：{cell_label(c.cell_id)}（{c.cell_id}）= {value}；原文“{raw}”；{status}")
    fix = in_force.get((c.issuer, c.year, c.cell_id))
    if fix is not None:
        lines.append(f"人工更正：{fix.words(cell)}")
    return lines


def conversation_docx(turns: Sequence[Answer], cells: Mapping[str, Mapping[str, Cell]],
                      in_force: Mapping[tuple[str, int, str], Correction], when: str = "") -> bytes:
    """A conversation: each question, what it was taken to mean, the answer with its [n]
    markers, formula and notes, and every source. ``cells`` maps report id to its cells as read."""
    doc = _document("年报问答：对话记录")
    if when:
        doc.add_paragraph(f"导出时间：{when}")
    for i, a in enumerate(turns, start=1):
        doc.add_heading(clean(f"问题 {i}：{a.question}"), level=2)
        if a.understood:
            doc.add_paragraph(clean(a.understood))
        doc.add_paragraph(clean(f"回答：{a.answer}"))
        if a.formula:
            doc.add_paragraph(clean(f"算式：{a.formula}"))
        for note in a.notes:
            doc.add_paragraph(clean(f"说明：{note}"))
        if a.citations:
            doc.add_paragraph("来源：")
        for c in a.citations:
            lines = source_lines(c, cells, in_force)
            para = doc.add_paragraph(clean(lines[0]), style="List Bullet")
            for line in lines[1:]:
                para.add_run("\n" + clean(line))
    return _docx(doc)


# ------------------------------------------------------------------ the one write


def export_dir(data_dir: Path) -> Path:
    """Where exported files go: under the app's data dir."""
    return Path(data_dir) / "exports"


def write_export(data_dir: Path, stem: str, kind: str, data: bytes, key: str | None = None) -> Path:
    """Write ``data`` as ``<data dir>/exports/<stem>-<hash>.<kind>``, atomically (a download
    never sees half a file). ``key`` names what the file holds (the records it was built
    from): the same records give the same file, so reloading the page adds no files."""
    folder = export_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^\w\u4e00-\u9fff.-]+", "-", stem).strip("-") or "export"
    path = folder / f"{safe}-{content_id(kind, key if key is not None else data, length=12)}.{kind}"
    if key is not None and path.exists():
        return path
    partial = folder / f".{path.name}.{os.getpid()}.{threading.get_ident()}.part"
    partial.write_bytes(data)
    partial.replace(path)
    return path
