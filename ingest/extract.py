"""Document -> report, cells, findings and chunks (pure: no stores touched)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from assistant.domain import rules
from assistant.domain.narrative import NEW_REQUEST_READINGS, Figure, by_cell, figures
from assistant.domain.records import (
    STATUS_AMBIGUOUS,
    STATUS_BLANK,
    STATUS_INFERRED,
    Cell,
    Chunk,
    Finding,
    Report,
    content_id,
    format_number,
)
from assistant.domain.template import ALL_ROWS, OTHER_SUBROWS, TABLE_TITLES, row_of, split_cell_id, unit_of
from ingest.document import Document, ReportParseError, Row
from ingest.glued import extract_glued
from ingest.layout import LAYOUTS
from ingest.metadata import Metadata, read_metadata
from ingest.sections import TABLE_SECTIONS, Section, body_start, chunk_spans, find_sections
from ingest.tables import ExtractedCell, confirm_readings, extract_rows, infer_missing


@dataclass
class Extraction:
    """Everything read from one file, ready for the stores."""

    report: Report
    cells: list[Cell]
    findings: list[Finding]
    chunks: list[Chunk]
    layout: str


def _score(cells: dict[str, ExtractedCell], version: str) -> tuple[int, int]:
    """How well a layout reading fits: cells read, minus rule failures."""
    read = sum(1 for c in cells.values() if c.status != STATUS_AMBIGUOUS)
    misfit_rows = {cid.rsplit(".", 1)[0] for cid, c in cells.items() if c.rule == "L1"}
    failures = len(rules.check("", cells, version)) + len(misfit_rows)
    return read - 3 * failures, -failures


def read_cells(doc: Document, meta: Metadata, sections: list[Section],
               stated: dict[str, set[float]]) -> tuple[dict[str, ExtractedCell], str]:
    """The best reading of the tables among the layouts that could apply."""
    version = meta.template
    if doc.format == "pdf":
        return extract_rows(doc.rows, version), "pdf-table"
    table_secs = [s for s in sections if s.id in TABLE_SECTIONS]
    start = table_secs[0].start if table_secs else 0
    end = table_secs[-1].end if table_secs else len(doc.text)
    layouts = ["tab"] if doc.structured_tables else list(LAYOUTS)
    options: list[tuple[dict[str, ExtractedCell], str]] = []
    for name in layouts:
        rows: list[Row] = LAYOUTS[name](doc.text, start, end)
        options.append((extract_rows(rows, version), name))
    if not doc.structured_tables:
        options.append((extract_glued(doc.text, start, end, version, stated), "glued"))
    return max(options, key=lambda o: _score(o[0], version))


# Shown for a report whose issuer was not found; stored with the file's hash so that two
# such reports of one year are not taken for copies of one report (nor compared across years).
UNKNOWN_ISSUER = "发布机关未识别"


def unknown_issuer(sha256: str) -> str:
    return f"{UNKNOWN_ISSUER}（{sha256[:8]}）"


def is_unknown_issuer(issuer: str) -> bool:
    return issuer.startswith(UNKNOWN_ISSUER)


def extract(doc: Document, sha256: str, issuer: str | None = None, year: int | None = None) -> Extraction:
    """Read a loaded document into records; raises ReportParseError if it is no annual report.

    ``issuer`` and ``year``, when given (``nianbao ingest --issuer --year``), replace what
    the text says. A report whose issuer is not found is still read, under a placeholder
    name and with an M1 finding; the file name is never used as the issuer.
    """
    meta = read_metadata(doc, issuer, year)
    start = body_start(doc.text)
    sections = find_sections(doc.text, start)
    headings = [s for s in sections if s.id != "preamble"]
    if "公开" not in doc.text or len(headings) < 2:
        raise ReportParseError(doc.path, "not a 政府信息公开工作年度报告 (no report title/year or "
                                         "fewer than two of the six standard section headings)")
    if not meta.year:
        raise ReportParseError(doc.path, "no report year found in the title or text; "
                                         "give it with `nianbao ingest --year YYYY FILE`")
    narrative_spans = [(s.start, s.end) for s in sections if s.id not in TABLE_SECTIONS]
    found = figures(doc.text, narrative_spans)
    stated = {cid: {f.value for f in fs} for cid, fs in by_cell(found).items()}
    as_read, layout = read_cells(doc, meta, sections, stated)
    extracted = infer_missing(confirm_readings(as_read, meta.template), meta.template)
    path = Path(doc.path)
    shown_issuer = meta.issuer or unknown_issuer(sha256)
    report = Report(
        id=content_id(sha256, meta.issuer, meta.year),
        issuer=shown_issuer,
        year=meta.year,
        template=meta.template,
        source_path=str(path.resolve()),
        source_file=path.name,
        sha256=sha256,
        format=doc.format,
        pages=doc.pages,
        title=meta.title,
        published=meta.published,
    )
    cells = [to_cell(report.id, c, doc) for c in extracted.values()]
    by_id = {c.cell_id: c for c in cells}
    findings = (metadata_findings(report.id, meta) + no_table_findings(report.id, doc, sections, cells)
                + rules.check(report.id, by_id, meta.template) + ocr_findings(report.id, as_read, by_id, meta.template)
                + narrative_findings(report.id, found, by_id)
                + layout_findings(report.id, cells) + missing_rows(report.id, by_id, meta.template))
    chunks = passage_chunks(report, doc, sections) + row_chunks(report, cells)
    return Extraction(report, cells, findings, chunks, layout)


def ocr_findings(report_id: str, as_read: dict[str, ExtractedCell], cells: dict[str, Cell],
                 version: str) -> list[Finding]:
    """R1–R4 broken by numbers as OCR read them: their cells are now ambiguous (so the
    check of the stored cells skips them), but the broken rule is still reported."""
    flagged = {cid for cid, c in cells.items()
               if c.status == STATUS_AMBIGUOUS and cid in as_read and as_read[cid].status != STATUS_AMBIGUOUS}
    if not flagged:
        return []
    return [f for f in rules.check(report_id, as_read, version) if flagged & set(f.cells)]


def metadata_findings(report_id: str, meta: Metadata) -> list[Finding]:
    """M1: no issuer found in the title, the lines under it, the signature block or the page header."""
    if meta.issuer:
        return []
    return [Finding(report_id, "M1", (), 0, 0,
                    f"M1: {UNKNOWN_ISSUER}：标题、标题下一行、落款和网页来源中都没有找到发布机关名称"
                    "（文件名不作发布机关）；可用 nianbao ingest --issuer 名称 --year 年份 文件 补上")]


def no_table_reason(doc: Document, sections: list[Section]) -> str:
    """Why no number of the three tables was read, in the user's words."""
    table_secs = [s.id for s in sections if s.id in TABLE_SECTIONS]
    if doc.tables_seen == 0:
        if doc.format == "pdf":
            return ("PDF中没有找到带框线的表格（表格可能是图片、扫描件或无框线排版；"
                    "有文字层的页不做OCR）")
        return f"文件（{doc.format}）中没有表格"
    if doc.tables_seen > 0:
        where = f"PDF中有{doc.tables_seen}个带框线的表格" if doc.format == "pdf" else f"文件中有{doc.tables_seen}个表格"
        hint = "（三张表可能是图片或无框线排版；有文字层的页不做OCR）" if doc.format == "pdf" else ""
        return (f"{where}，但没有一行的栏目名称对得上"
                f"“主动公开”“收到和处理申请”“行政复议、行政诉讼”三张标准表{hint}")
    if not table_secs:
        return "正文中没有找到第二、三、四部分（三张表格）的标题"
    return "第二至四部分中没有可读的表格行（栏目名称后跟数字）"


def no_table_findings(report_id: str, doc: Document, sections: list[Section], cells: list[Cell]) -> list[Finding]:
    """L0: not one cell of the three tables was read; the finding says why."""
    if any(c.status != STATUS_INFERRED for c in cells):
        return []
    return [Finding(report_id, "L0", (), 0, 0, f"L0: 未读出表格：{no_table_reason(doc, sections)}")]


def to_cell(report_id: str, c: ExtractedCell, doc: Document) -> Cell:
    f = c.field
    page = None
    if f is not None:
        page = f.page if f.page is not None else (doc.page_at(f.start) if f.start >= 0 else None)
    return Cell(report_id, c.cell_id, c.value, unit_of(c.cell_id), c.raw, c.status, page,
                f.position() if f else "", c.candidates, c.rule)


def layout_findings(report_id: str, cells: list[Cell]) -> list[Finding]:
    """L1: a printed row with more or fewer numbers than the template's columns."""
    rows: dict[tuple[str, str], list[str]] = {}
    for c in cells:
        if c.rule == "L1":
            table, row_id, _ = split_cell_id(c.cell_id)
            rows.setdefault((table, row_id), []).append(c.cell_id)
    return [Finding(report_id, "L1", tuple(ids), 0, 0,
                    f"L1: “{row_of(ids[0]).label}”一行印出的数字个数与模板栏数（{len(ids)}）不符，数字可能错位")
            for ids in rows.values()]


def missing_rows(report_id: str, cells: dict[str, Cell], version: str) -> list[Finding]:
    """L2: rows of table 三 that were not read at all (their label was not recognised), so
    R1/R3 cannot vouch for the rows that were."""
    if not any(cid.startswith("requests.") for cid in cells):
        return []
    split = any(cid.startswith(f"requests.{r}.") for r in OTHER_SUBROWS for cid in cells)
    missing = [r for r in rules.request_rows(version, split) if f"requests.{r}.total" not in cells]
    if not missing:
        return []
    ids = tuple(f"requests.{r}.total" for r in missing)
    labels = "、".join(row_of(i).label for i in ids)
    return [Finding(report_id, "L2", ids, 0, 0, f"L2: 表三未读到这些行：{labels}；其余各行的数字无法用R1/R3核对")]


def narrative_findings(report_id: str, found: list[Figure], cells: dict[str, Cell]) -> list[Finding]:
    """R7: the narrative's count of new requests disagrees with table 三."""
    out: list[Finding] = []
    new = cells.get("requests.new.total")
    if new is None or new.status in (STATUS_AMBIGUOUS, STATUS_BLANK):
        return out
    # the count stated may be 新收, 新收 + 上年结转, or those handled (the audit reads them alike)
    accepted = {sum(cells[i].value or 0 for i in reading if i in cells) for reading in NEW_REQUEST_READINGS
                if reading[0] in cells and cells[reading[0]].value is not None}
    for f in found:
        # "区政府办代表区政府受理…" speaks for one office, not the whole report's scope.
        if "代表" in f.sentence:
            continue
        if f.cell_id == "requests.new.total" and f.value not in accepted:
            out.append(Finding(report_id, "R7", ("requests.new.total",), f.value, new.value or 0,
                               f"R7 不成立：正文称“{f.sentence[:60]}”（{format_number(f.value)}件），"
                               f"表三“本年新收·总计”为{format_number(new.value)}件（正文所述数字应与表格一致）"))
    return out


def passage_chunks(report: Report, doc: Document, sections: list[Section]) -> list[Chunk]:
    """Section text cut into overlapping passages; the table sections are left to row chunks."""
    chunks: list[Chunk] = []
    for sec in sections:
        if sec.id in TABLE_SECTIONS:
            continue
        for start, end in chunk_spans(doc.text, sec.start, sec.end):
            text = doc.text[start:end]
            chunks.append(Chunk(content_id(report.id, "p", start, end), report.id, sec.id, "passage",
                                text, doc.page_at(start), start, end, (), len(chunks)))
    return chunks


def row_sentence(report: Report, cells: list[Cell]) -> str:
    """One table row as a sentence: issuer, year, table, row label, columns and values."""
    first = cells[0]
    row = row_of(first.cell_id)
    table = TABLE_TITLES[row.table]
    labels = {c.id: c.label for r in ALL_ROWS if r.table == row.table and r.id == row.id
              for c in r.columns}
    parts = []
    for c in cells:
        col = split_cell_id(c.cell_id)[2]
        unit = "" if c.status in (STATUS_BLANK, STATUS_AMBIGUOUS) else c.unit
        parts.append(f"{labels.get(col, col)}{c.display_value()}{unit}")
    return f"{report.issuer}{report.year}年{table}：{row.label}——" + "，".join(parts) + "。"


def row_chunks(report: Report, cells: list[Cell]) -> list[Chunk]:
    """One chunk per printed table row, so passages about table content are retrievable."""
    groups: dict[tuple[str, str], list[Cell]] = {}
    for c in cells:
        table, row_id, _ = split_cell_id(c.cell_id)
        groups.setdefault((table, row_id), []).append(c)
    chunks: list[Chunk] = []
    for (table, row_id), group in groups.items():
        text = row_sentence(report, group)
        pages = [c.page for c in group if c.page]
        chunks.append(Chunk(content_id(report.id, "row", table, row_id), report.id, table,
                            "table_row", text, pages[0] if pages else None, -1, -1,
                            tuple(c.cell_id for c in group), len(chunks)))
    return chunks


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()

