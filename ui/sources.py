"""The sources panel: one card per citation of an answer.

A card names the issuer, year, section, page and file. A cited cell shows its table row
with the cell highlighted, the raw text read, any finding on it, and where it was read
(a PDF page crop with the cell boxed, or the source text around it). A cited passage
shows the passage with the sentences the answer relies on highlighted.

``*_card_html`` and ``panel_html`` are pure; ``SourcePanel`` gathers what they need.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from assistant.domain.corrections import STATUS_CORRECTED
from assistant.domain.corrections import apply as apply_corrections
from assistant.domain.records import STATUS_AMBIGUOUS, STATUS_BLANK, STATUS_INFERRED, Answer, Cell, Citation, Finding, Report
from assistant.domain.template import Row, cell_label, find_row
from assistant.stores.library import Library
from ui.markup import attr, badge, claims_by_key, context_html, passage_html, text
from ui.pages import SourceViews, ocr_confidence, parse_position
from ui.tables import STATUS_LABELS, candidates_html, finding_html, row_html

ROUTE_LABELS = {"cell": "表格数字", "aggregate": "表格汇总", "ratio": "比例计算", "comparison": "对比",
                "audit": "勾稽检查", "narrative": "正文段落", "refusal": "无法回答", "each": "表格数字",
                "available": "收录情况", "clarify": "需要确认"}   # every Route (tests/ui/test_sources.py)
PENDING_IMAGE = "pending"   # ``image_uri`` of a PDF cell whose page region is still being drawn
PENDING_MARK = 'class="nb-page nb-page-pending"'   # in a card whose picture is still to come


def card_head(c: Citation) -> str:
    """'[1] 大宁县人民政府 2020年 · 二、主动公开… · 第1页 · file.txt'."""
    page = f"第{c.page}页" if c.page else "页码未知"
    return (f'<div class="nb-card-head"><span class="nb-key">[{c.key}]</span> '
            f'<b>{text(c.issuer)} {c.year}年</b> · {text(c.section)} · {page} · '
            f'<span class="nb-file">{text(c.source_file)}</span></div>')


def cell_card_html(c: Citation, row: Row | None, cells: Mapping[str, Cell], findings: Sequence[Finding],
                   image_uri: str | None = None, context: str | None = None,
                   others: Mapping[str, tuple[str, Mapping[str, Cell]]] | None = None) -> str:
    """A cited cell: its row with the cell highlighted, raw text, findings, where it was read.

    ``others`` maps the other report of a cross-year finding to (label, its cells).
    """
    others = others or {}
    cell = cells.get(c.cell_id or "")
    parts = [f'<div class="nb-card nb-card-cell" id="nb-src-{c.key}">', card_head(c)]
    parts.append(f'<div class="nb-cellname">{text(cell_label(c.cell_id or ""))} '
                 f'<code>{text(c.cell_id)}</code></div>')
    flagged = {cid for f in findings for cid in f.cells}
    if row is not None:
        parts.append(row_html(row, cells, highlight=c.cell_id, flagged=flagged))
    status = (cell.status if cell else c.status) or "ok"
    raw = cell.raw if cell else (c.raw or "")
    line = f'原文：<span class="nb-raw">{text(raw) if raw else "（空白）"}</span> '
    line += badge(STATUS_LABELS.get(status, status), f"nb-status-{status}")
    if cell is not None and status == STATUS_INFERRED:
        line += f"　未印出，按 {text(cell.rule)} 由其他格推得"
    elif cell is not None and status == STATUS_AMBIGUOUS:
        line += f"　可能为 {candidates_html(cell, 3)}"
    elif status == STATUS_BLANK:
        line += "　表中此格为空"
    elif cell is not None and status == STATUS_CORRECTED:
        line += f"　{text(cell.rule)}"      # who, when and why: a person's words, shown as text
    confidence = ocr_confidence(cell.position if cell else "")
    if confidence is not None:
        line += f" {badge(f'OCR识别，置信度{confidence:.2f}', 'nb-ocr')}"
    parts.append(f'<div class="nb-rawline">{line}</div>')
    for f in findings:
        if c.cell_id in f.cells:
            label, other_cells = others.get(f.other_report_id or "", (None, None))
            parts.append(finding_html(f, cells, label, other_cells))
    if image_uri == PENDING_IMAGE:
        parts.append(f'<figure {PENDING_MARK}><div class="nb-page-wait">正在绘制第{c.page}页…</div>'
                     f"<figcaption>{text(c.source_file)} 第{c.page}页（局部，红框为此格）</figcaption></figure>")
    elif image_uri:
        parts.append(f'<figure class="nb-page"><img src="{attr(image_uri)}" alt="第{c.page}页" loading="lazy">'
                     f"<figcaption>{text(c.source_file)} 第{c.page}页（局部，红框为此格）</figcaption></figure>")
    elif context:
        parts.append(context)
    parts.append("</div>")
    return "".join(parts)


def passage_card_html(c: Citation, claims: Sequence[str]) -> str:
    """A cited passage with the supporting sentences highlighted."""
    return (f'<div class="nb-card nb-card-passage" id="nb-src-{c.key}">{card_head(c)}'
            f"{passage_html(c.text, list(claims))}</div>")


def summary_html(answer: Answer) -> str:
    """What kind of answer this is, its number and formula, and its notes."""
    route = ROUTE_LABELS.get(answer.route, answer.route)
    parts = [f'<div class="nb-summary">{badge(route, "nb-route")}']
    if answer.value is not None:
        value = f"{answer.value:g}" if isinstance(answer.value, float) else str(answer.value)
        parts.append(f' <span class="nb-value">{text(value)}{text(answer.unit or "")}</span>')
    parts.append(f" 共 {len(answer.citations)} 处来源" if answer.citations
                 else " 请从问题下方的选项中选一种理解" if answer.route == "clarify" and answer.choices else " 无来源")
    if answer.formula:
        parts.append(f'<div class="nb-formula">算式：{text(answer.formula)}</div>')
    for note in answer.notes:
        parts.append(f'<div class="nb-note">{text(note)}</div>')
    parts.append("</div>")
    return "".join(parts)


def panel_html(answer: Answer | None, cards: Sequence[str], final: bool = True) -> str:
    """The whole panel: summary, then the cards (or a hint before the first answer).

    ``final`` is False while page regions are still being drawn (``data-state`` says which,
    for the browser test and for scripts that wait on the panel).
    """
    if answer is None:
        return ('<div class="nb-sources nb-empty" data-state="final">提问后，这里逐条列出答案的来源：发布机关、年度、'
                "章节、页码，引用的原文段落或表格行（被引用的格高亮），PDF 则显示原页。"
                "点击答案中的 [n] 可跳到第 n 条来源。</div>")
    state = "final" if final else "partial"
    return f'<div class="nb-sources" data-state="{state}">{summary_html(answer)}{"".join(cards)}</div>'


class SourcePanel:
    """Builds the panel for an answer from the library (cells, findings, files).

    ``file_url`` turns a cached page-region PNG into a URL the browser fetches (lazily,
    as the card scrolls into view); without it the picture is embedded as a data: URI.
    """

    def __init__(self, library: Library, views: SourceViews, file_url: Callable[[Path], str] | None = None):
        self.library = library
        self.views = views
        self.file_url = file_url

    def _image(self, report: Report, cell: Cell, draw: bool) -> str | None:
        if not self.views.can_draw(report, cell):
            return None
        if self.file_url is None:
            return self.views.cell_image(report, cell) if draw else PENDING_IMAGE
        path = self.views.cell_image_file(report, cell, render=draw)
        if path is not None:
            return self.file_url(path)
        return None if draw else PENDING_IMAGE

    def render(self, answer: Answer | None, images: bool = True) -> str:
        """The panel for ``answer``. With ``images=False`` it is quick: page regions not
        drawn yet show a placeholder (the chat shows the cards at once, the pictures next)."""
        if answer is None:
            return panel_html(None, [])
        claims = claims_by_key(answer.answer)
        reports: dict[str, Report | None] = {}
        cells: dict[str, dict[str, Cell]] = {}
        findings: dict[str, list[Finding]] = {}
        cards = []
        in_force = self.library.reviewing.in_force() if any(c.cell_id for c in answer.citations) else {}
        for c in answer.citations:
            if c.cell_id is None:
                cards.append(passage_card_html(c, claims.get(c.key, [])))
                continue
            if c.report_id not in reports:
                reports[c.report_id] = self.library.sql.report(c.report_id)
                read = {x.cell_id: x for x in self.library.sql.cells(c.report_id)}
                report = reports[c.report_id]
                # a corrected cell shows both figures in its row, as in the 年报 tab
                cells[c.report_id] = (apply_corrections(read, report.issuer, report.year, in_force)[0]
                                      if report is not None else read)
                findings[c.report_id] = self.library.sql.findings(c.report_id)
            report = reports[c.report_id]
            report_cells = cells[c.report_id]
            cell = report_cells.get(c.cell_id)
            image = context = None
            if report is not None and cell is not None:
                if report.format == "pdf":
                    image = self._image(report, cell, images)
                else:
                    context = self._context(report, cell)
            row = find_row(c.cell_id, report.template if report else None)
            others = self._others([f for f in findings[c.report_id] if c.cell_id in f.cells])
            cards.append(cell_card_html(c, row, report_cells, findings[c.report_id], image, context, others))
        return panel_html(answer, cards, final=not any(PENDING_MARK in c for c in cards))

    def _others(self, findings: list[Finding]) -> dict[str, tuple[str, dict[str, Cell]]]:
        out = {}
        for f in findings:
            if f.other_report_id and f.other_report_id not in out:
                other = self.library.sql.report(f.other_report_id)
                if other is not None:
                    out[other.id] = (other.label(), {x.cell_id: x for x in self.library.sql.cells(other.id)})
        return out

    def _context(self, report: Report, cell: Cell) -> str | None:
        where = parse_position(cell.position)
        if where is None or where[0] != "chars":
            return None
        source = self.views.source_text(report)
        start, end = int(where[1][0]), int(where[1][1])
        if source is None or not 0 <= start <= end <= len(source):
            return None
        return context_html(source, start, end)
