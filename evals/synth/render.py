"""Synthetic reports as HTML, DOCX and PDF, tables drawn with their merged cells.

HTML uses rowspan/colspan like the twins' web pages; DOCX merges Word cells with
python-docx; PDF draws ruled tables with reportlab (CJK through the built-in CID font
STSong-Light, no font files) and makes table 三 taller than a page, so that it crosses
a page break with data rows on both sides, as in the real PDFs.
"""

from __future__ import annotations

import html
import io
import random

from evals.synth.grid import anchors, owners, width
from evals.synth.text import Block

CJK_FONT = "STSong-Light"


# ---------------------------------------------------------------- HTML

def render_html(rng: random.Random, blocks: list[Block], title: str, site: str) -> bytes:
    """A government web page: chrome around a content div holding the report."""
    esc = html.escape
    body: list[str] = []
    for b in blocks:
        if b.kind == "title":
            body.append(f'<p style="text-align:center"><strong>{esc(b.text)}</strong></p>')
        elif b.kind == "heading":
            body.append(f"<p><strong>{esc(b.text)}</strong></p>")
        elif b.kind == "table":
            rows: dict[int, list[str]] = {}
            for r, _c, cell in anchors(b.grid):
                attrs = "".join(f' {k}="{v}"' for k, v in (("colspan", cell.colspan), ("rowspan", cell.rowspan)) if v > 1)
                text = esc(cell.text) if cell.text or rng.random() < 0.5 else "&nbsp;"
                rows.setdefault(r, []).append(f'<td{attrs} valign="center"><p>{text}</p></td>')
            trs = "".join(f"<tr>{''.join(cells)}</tr>" for _r, cells in sorted(rows.items()))
            body.append(f'<table border="1" cellspacing="0" style="border-collapse:collapse"><tbody>{trs}</tbody></table>')
        else:
            align = ' style="text-align:right"' if b.kind == "signature" else ""
            body.append(f"<p{align}>{esc(b.text)}</p>")
    nav = "".join(f"<li><a href='#'>{x}</a></li>" for x in ("首页", "政务公开", "政务服务", "互动交流"))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}_{esc(site)}</title>'
            f'<style>td{{padding:0 4px}}</style></head><body><div class="header"><ul>{nav}</ul></div>'
            f'<div class="position">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>'
            f'<div class="article"><h1>{esc(title)}</h1><div class="info">来源：{esc(site)}</div>'
            f'<div class="content">{"".join(body)}</div></div>'
            f'<div class="footer">主办单位：{esc(site)}</div></body></html>').encode("utf-8")


# ---------------------------------------------------------------- DOCX

def render_docx(rng: random.Random, blocks: list[Block]) -> bytes:
    """A Word document: paragraphs, and tables whose spans are merged Word cells."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    for b in blocks:
        if b.kind == "table":
            _docx_table(document, b.grid)
        else:
            p = document.add_paragraph(b.text)
            if b.kind == "title":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif b.kind == "signature":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document, grid) -> None:
    """A Word table with merged cells written as Word does (gridSpan, vMerge restart/continue).

    Set on the XML directly: python-docx's ``Table.cell``/``merge`` re-read the whole
    grid on every call, far too slow for hundreds of reports.
    """
    from docx.table import _Cell

    ncols = width(grid)
    table = document.add_table(rows=len(grid), cols=ncols)
    table.style = "Table Grid"
    tcs = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    drop = []
    for r, c, cell in anchors(grid):
        _Cell(tcs[r][c], table).text = cell.text
        for rr in range(r, r + cell.rowspan):
            if cell.colspan > 1:
                tcs[rr][c].grid_span = cell.colspan
                drop.extend(tcs[rr][c + 1:c + cell.colspan])
            if cell.rowspan > 1:
                tcs[rr][c].vMerge = "restart" if rr == r else "continue"
    for tc in drop:
        tc.getparent().remove(tc)


# ---------------------------------------------------------------- PDF

def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def _column_widths(table_id: str, ncols: int, total: float) -> list[float]:
    if table_id == "requests":
        labels = [52.0, 70.0, 120.0]
        return labels + [(total - sum(labels)) / 7] * 7
    if table_id == "active":
        return [total * 0.34] + [total * 0.22] * 3
    return [total / ncols] * ncols


def _pdf_table_style(grid, ncols: int, padding: float) -> list[tuple]:
    """Lines drawn cell by cell: a row-spanning cell is drawn without the rules inside it
    (its text in its top row), so reportlab may break the table inside it, as Word does;
    column spans are real SPANs."""
    from reportlab.lib import colors

    owner = owners(grid)
    style: list[tuple] = [("FONT", (0, 0), (-1, -1), CJK_FONT, 8), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("TOPPADDING", (0, 0), (-1, -1), padding),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
                          ("BOX", (0, 0), (-1, -1), 0.6, colors.black)]
    for r in range(len(grid)):
        for c in range(ncols):
            o = owner[(r, c)]
            if r > 0 and o[0] == r:
                style.append(("LINEABOVE", (c, r), (c, r), 0.5, colors.black))
            if c > 0 and o[1] == c:
                style.append(("LINEBEFORE", (c, r), (c, r), 0.5, colors.black))
    for r, c, cell in anchors(grid):
        if cell.colspan > 1:
            for rr in range(r, r + cell.rowspan):
                style.append(("SPAN", (c, rr), (c + cell.colspan - 1, rr)))
    return style


def render_pdf(rng: random.Random, blocks: list[Block]) -> bytes:
    """An A4 PDF with ruled tables; table 三 is taller than a page, so it always runs over
    a page break, at a row that depends on how much text comes before it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import CondPageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    _register_font()
    body = ParagraphStyle("body", fontName=CJK_FONT, fontSize=11, leading=17, wordWrap="CJK",
                          firstLineIndent=22)
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=0, spaceBefore=6, spaceAfter=4)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=24, alignment=1, firstLineIndent=0)
    sign = ParagraphStyle("sign", parent=body, alignment=2, firstLineIndent=0)
    cell_style = ParagraphStyle("cell", fontName=CJK_FONT, fontSize=8, leading=10, wordWrap="CJK")
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=56, rightMargin=56, topMargin=60, bottomMargin=60,
                            title="report")
    flow: list = []
    for b in blocks:
        if b.kind == "table":
            ncols = width(b.grid)
            data = [[""] * ncols for _ in b.grid]
            for r, c, cell in anchors(b.grid):
                data[r][c] = Paragraph(html_escape(cell.text), cell_style) if not cell.value else cell.text
            padding = rng.uniform(8, 14) if b.text == "requests" else rng.uniform(3, 6)
            while True:
                table = Table(data, colWidths=_column_widths(b.text, ncols, doc.width))
                table.setStyle(TableStyle(_pdf_table_style(b.grid, ncols, padding)))
                if b.text != "requests" or table.wrap(doc.width, 1e6)[1] > doc.height + 60:
                    break
                padding += 1      # taller than a page, so it always crosses a page break
            if b.text == "requests":
                # Start a new page unless the header and a few rows fit, so that both
                # pages hold data rows (_rowHeights is set by the wrap above).
                flow.insert(len(flow) - 1, CondPageBreak(sum(table._rowHeights[:7]) + 30))
            flow.append(table)
        else:
            style = {"title": title, "heading": heading, "signature": sign}.get(b.kind, body)
            flow.append(Paragraph(html_escape(b.text), style))
    doc.build(flow)
    return out.getvalue()


def html_escape(text: str) -> str:
    return html.escape(text, quote=False)
