"""Loaders: a file on disk -> Document (text with page offsets, table rows).

Text, HTML, DOCX and Markdown become plain text in which every table row is one
tab-separated line, so one set of layout readers serves them all. PDF tables come from
pdfplumber's ruled cells with their page and box. Every loaded document then goes through
:func:`ingest.document.normalise` (one place), so a browser-printed PDF whose text layer
spells 一 as the Kangxi radical ⼀ reads like any other. Every failure is a
ReportParseError naming the file and the problem.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.document import Document, Field, ReportParseError, Row, normalise

if TYPE_CHECKING:
    from ingest.ocr import Engine as OcrEngine
    from ingest.ocr import OcrPage

log = logging.getLogger(__name__)
OcrProgress = Callable[["OcrPage"], None]

SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".txt": "txt",
            ".md": "md", ".markdown": "md"}
_META_LINE = re.compile(r"^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录)[:：]\s*(.*)$")


def detect_format(path: Path) -> str:
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise ReportParseError(str(path), f"unsupported file type {path.suffix or '(none)'}; "
                                          "expected .pdf, .docx, .html, .md or .txt")
    return fmt


def load(path: Path, progress: OcrProgress | None = None) -> Document:
    """Load any supported file; raises ReportParseError with the reason. ``progress`` gets
    each PDF page read by OCR as it is done (default: an INFO line on the ``ingest.ocr`` log)."""
    fmt = detect_format(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportParseError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    if not data:
        raise ReportParseError(str(path), "empty file (0 bytes)")
    if fmt == "pdf":
        return normalise(load_pdf(path, data, progress))
    loader = {"docx": load_docx, "html": load_html, "txt": load_text, "md": load_markdown}[fmt]
    return normalise(loader(path, data))


# ---------------------------------------------------------------- plain text

def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030/GBK; binary junk is refused."""
    if b"\x00" in data[:4096]:
        raise ReportParseError(str(path), "binary data, not a text file")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        from charset_normalizer import from_bytes
        best = from_bytes(data).best()
        if best is None:
            raise ReportParseError(str(path), "cannot detect the text encoding")
        text = str(best)
    controls = sum(1 for ch in text[:4000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 20:
        raise ReportParseError(str(path), "binary data, not a text file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_text(path: Path, data: bytes) -> Document:
    # Word-export artefacts such as "[bookmark: _GoBack]" are not report text.
    text = re.sub(r"\[bookmark: [^\]]*\]", "", decode_text(path, data))
    doc = Document(str(path), "txt", text)
    _read_meta_header(doc)
    return doc


def _read_meta_header(doc: Document) -> None:
    """Web-page exports start with '标题: …' lines and a '==== 正文 ====' rule."""
    for line in doc.text.split("\n", 12)[:12]:
        m = _META_LINE.match(line.strip())
        if m:
            doc.meta[m.group(1)] = m.group(2).strip()


# ---------------------------------------------------------------- HTML

_BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article",
           "tr", "table", "ul", "ol", "title"}


def load_html(path: Path, data: bytes) -> Document:
    from bs4 import BeautifulSoup

    text = decode_text(path, data)
    soup = BeautifulSoup(text, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    root = _content_root(soup)
    lines: list[str] = []
    _render(root, lines)
    body = "\n".join(line for line in (ln.strip(" ") for ln in lines) if line.strip())
    doc = Document(str(path), "html", body, structured_tables=True, tables_seen=len(root.find_all("table")))
    if title:
        doc.meta["标题"] = title.split("_")[0].strip()
    m = re.search(r"(?:时间|日期)[:：]\s*(\d{4}-\d{2}-\d{2})", soup.get_text(" "))
    if m:
        doc.meta["发布时间"] = m.group(1)
    m = re.search(r"来源[:：]\s*(\S+)", soup.get_text(" "))
    if m:
        doc.meta["发布机构"] = m.group(1)
    return doc


def _content_root(soup):
    """The smallest element holding the report (its sections and tables), not the page chrome."""
    best = soup.body or soup
    for el in soup.find_all(["div", "article", "section", "td"]):
        text = el.get_text("", strip=True)
        if "总体情况" in text and el.find("table") is not None and len(text) < len(best.get_text("", strip=True)):
            best = el
    return best


def _cell_text(cell) -> str:
    return re.sub(r"\s+", " ", cell.get_text(" ", strip=True)).strip()


def _render(el, lines: list[str]) -> None:
    """Append the element's text; each table row becomes one tab-joined line."""
    from bs4 import NavigableString, Tag

    for child in el.children:
        if isinstance(child, NavigableString):
            s = str(child).strip()
            if s:
                if not lines:
                    lines.append("")
                lines[-1] += s
        elif isinstance(child, Tag):
            if child.name == "table":
                for tr in child.find_all("tr"):
                    lines.append("\t".join(_cell_text(td) for td in tr.find_all(["td", "th"])))
                lines.append("")
            elif child.name in _BLOCKS:
                lines.append("")
                _render(child, lines)
                lines.append("")
            else:
                _render(child, lines)


# ---------------------------------------------------------------- Markdown

# What PDF converters (MinerU, docling, marker) write: '#' headings, GFM pipe tables (or,
# from MinerU, HTML <table> blocks), page footers such as "— 5 —" that land inside a table,
# image links and HTML comments standing for pictures or page breaks.
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_DELIMITER = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))")
_MD_HTML_TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)
_MD_BR = re.compile(r"<br\s*/?>", re.I)
_PAGE_FOOTER = re.compile(r"^\s*(?:[-—–－]+\s*\d+\s*[-—–－]+|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")


def _md_inline(text: str) -> str:
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_BR.sub(" ", text)
    text = _MD_EMPHASIS.sub("", text)
    return text.replace("\\|", "|").replace("\\*", "*").replace("\\_", "_").strip()


def _md_cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    parts = re.split(r"(?<!\\)\|", body)
    return [re.sub(r"\s+", " ", _md_inline(p)) for p in parts]


def _html_table_lines(block: str) -> list[str]:
    from bs4 import BeautifulSoup

    table = BeautifulSoup(block, "lxml").find("table")
    if table is None:
        return []
    return ["\t".join(_cell_text(td) for td in tr.find_all(["td", "th"])) for tr in table.find_all("tr")]


def markdown_text(source: str) -> tuple[str, int]:
    """Converter Markdown as plain text: headings without '#', every table row one
    tab-joined line (delimiter rows and page footers dropped, empty cells kept); and the
    number of tables seen."""
    tables = 0
    html_tables: list[list[str]] = []

    def stash(m: re.Match) -> str:
        html_tables.append(_html_table_lines(m.group(0)))
        return f"\n\x00table{len(html_tables) - 1}\x00\n"

    source = _MD_HTML_TABLE.sub(stash, _MD_COMMENT.sub("", source))
    lines = source.split("\n")
    out: list[str] = []
    in_table = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        m = re.fullmatch(r"\x00table(\d+)\x00", stripped)
        if m:
            out.extend(html_tables[int(m.group(1))] + [""])
            tables += 1
            in_table = False
            continue
        if _PAGE_FOOTER.match(_md_inline(stripped)):
            continue            # a page footer, often in the middle of a table: not report text
        if _MD_DELIMITER.match(stripped) and "-" in stripped and (in_table or "|" in stripped):
            continue
        nxt = next((ln for ln in lines[i + 1:i + 2]), "")
        starts_table = "|" in stripped and _MD_DELIMITER.match(nxt.strip() or "x") is not None
        if stripped.startswith("|") or starts_table or (in_table and "|" in stripped):
            if not in_table:
                tables += 1
                in_table = True
            cells = _md_cells(stripped)
            if sum(1 for c in cells if c) == 1 and _PAGE_FOOTER.match(next(c for c in cells if c)):
                continue        # a footer that the converter put in a row of its own
            out.append("\t".join(cells))
            continue
        if stripped:
            in_table = False
        heading = _MD_HEADING.match(line)
        text = heading.group(1) if heading else line
        text = re.sub(r"^\s*>\s?", "", text)
        out.append(_md_inline(text))
    return "\n".join(out), tables


def load_markdown(path: Path, data: bytes) -> Document:
    """A Markdown file as PDF converters write it (see markdown_text)."""
    text, tables = markdown_text(decode_text(path, data))
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    doc = Document(str(path), "md", text, structured_tables=True, tables_seen=tables)
    _read_meta_header(doc)
    return doc


# ---------------------------------------------------------------- DOCX

def load_docx(path: Path, data: bytes) -> Document:
    try:
        import docx
        from docx.document import Document as DocxDocument
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document: DocxDocument = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReportParseError(str(path), f"not a readable DOCX file ({exc.__class__.__name__})") from exc
    lines: list[str] = []
    tables = 0
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            tables += 1
            for row in Table(block, document).rows:
                seen, cells = set(), []
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue  # a merged cell repeats across the span
                    seen.add(id(cell._tc))
                    cells.append(re.sub(r"\s+", " ", cell.text).strip())
                lines.append("\t".join(cells))
            lines.append("")
    return Document(str(path), "docx", "\n".join(lines), structured_tables=True, tables_seen=tables)


# ---------------------------------------------------------------- PDF

# A page with fewer printed characters than this in its text layer (none, or only a page
# number stamped on a scan) is read by OCR.
MIN_TEXT_CHARS = 10


def load_pdf(path: Path, data: bytes, progress: OcrProgress | None = None, engine: OcrEngine | None = None) -> Document:
    """A PDF's text and ruled-table rows; pages without a text layer go through OCR
    (ingest.ocr; ``engine`` another than the default, for measuring), each one done
    reported to ``progress`` (default: an INFO log line)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    if not data.startswith(b"%PDF"):
        raise ReportParseError(str(path), "not a PDF file (no %PDF header)")
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # pdfminer raises many types for broken files
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, PDFPasswordIncorrect) or isinstance(exc, PDFPasswordIncorrect):
            raise ReportParseError(str(path), "encrypted PDF (password required)") from exc
        raise ReportParseError(str(path), f"broken or truncated PDF ({inner.__class__.__name__})") from exc
    pages: dict[int, tuple[str, list[Row], int]] = {}
    scanned: list[int] = []
    try:
        with pdf:
            for number, page in enumerate(pdf.pages, start=1):
                try:
                    if sum(1 for ch in page.chars if ch["text"].strip()) < MIN_TEXT_CHARS:
                        scanned.append(number)
                        continue
                    pages[number] = (_page_text(page), *_page_rows(page, number))
                except Exception as exc:
                    raise ReportParseError(str(path), f"cannot read page ({exc.__class__.__name__})",
                                           number) from exc
            count = len(pdf.pages)
    except ReportParseError:
        raise
    except Exception as exc:
        raise ReportParseError(str(path), f"broken or truncated PDF ({exc.__class__.__name__})") from exc
    if scanned:
        pages.update(_ocr_pages(path, scanned, progress, engine, has_text=any(t.strip() for t, _, _ in pages.values())))
    texts, rows, page_starts, offset, tables = [], [], [], 0, 0
    for number in range(1, count + 1):
        page_text, page_rows, page_tables = pages.get(number, ("", [], 0))
        page_starts.append(offset)
        texts.append(page_text)
        offset += len(page_text) + 1
        rows.extend(page_rows)
        tables += page_tables
    text = "\n".join(texts)
    if not text.strip():
        raise ReportParseError(str(path), "无文字层（扫描件），OCR 也未识别出文字" if scanned
                               else "no text in the PDF")
    return Document(str(path), "pdf", text, page_starts or [0], rows, structured_tables=True,
                    tables_seen=tables)


def _ocr_pages(path: Path, numbers: list[int], progress: OcrProgress | None, engine: OcrEngine | None,
               has_text: bool) -> dict[int, tuple[str, list[Row], int]]:
    """The OCR reading of the pages without a text layer. Without the OCR engine, a file
    with no text at all is refused with the install hint; one with some text pages (a
    scanned seal page, say) is read without those pages, and the log says which."""
    from ingest import ocr

    if engine is None and not ocr.available():
        if not has_text:
            raise ReportParseError(str(path), ocr.INSTALL_HINT)
        log.warning("%s: 第%s页无文字层（扫描件），未安装 OCR，这些页未读：pip install 'nianbao[ocr]'",
                    path, "、".join(map(str, numbers)))
        return {}
    try:
        done = ocr.ocr_pages(path, numbers, progress, engine)
    except ReportParseError:
        raise
    except Exception as exc:  # a page image the renderer or the engine cannot take
        raise ReportParseError(str(path), f"OCR failed ({exc.__class__.__name__}: {exc})") from exc
    return {n: (join_lines(p.text), list(p.rows), p.tables) for n, p in done.items()}


_FOOTER = re.compile(r"^\s*[-—–－]\s*\d+\s*[-—–－]\s*$|^\s*第\s*\d+\s*页")
# What a browser prints around each page: "12/1/26, 8:24 PM <page title>" on top and
# "file:///…/report.html 1/9" (or the http address) at the bottom.
_PRINT_HEADER = re.compile(r"^\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[,，]?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?(?:\s|$)")
_PRINT_FOOTER = re.compile(r"^\s*(?:file|https?)://\S+\s+\d+\s*/\s*\d+\s*$")


def _is_page_furniture(line: str) -> bool:
    return bool(_FOOTER.match(line) or _PRINT_HEADER.match(line) or _PRINT_FOOTER.match(line))


def _page_text(page) -> str:
    """Page text with wrapped lines of a paragraph joined (CJK needs no space)."""
    return join_lines(page.extract_text() or "")


def join_lines(raw: str) -> str:
    """A page's lines without page furniture, the wrapped lines of a paragraph joined: a
    line nearly as long as the longest, not ending a sentence, continues on the next."""
    lines = [ln.rstrip() for ln in raw.split("\n") if not _is_page_furniture(ln)]
    if not lines:
        return ""
    width = max(len(ln) for ln in lines)
    out = [lines[0]]
    for prev, line in zip(lines, lines[1:]):
        full = len(prev) >= 0.85 * width and not re.search(r"[。！？；：]$", prev)
        has_cells = re.search(r"\d\s+\d", prev) or re.search(r"\d\s+\d", line)
        if full and not has_cells:
            out[-1] += line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def _page_rows(page, number: int) -> tuple[list[Row], int]:
    """Rows of every ruled table on the page, each cell with its box; and the table count."""
    rows = []
    tables = page.find_tables()
    for table in tables:
        for row in table.rows:
            fields = []
            for bbox in row.cells:
                if bbox is None:
                    continue
                text = page.crop(bbox).extract_text() or ""
                text = re.sub(r"\s*\n\s*", "", text).strip()
                x0, top, x1, bottom = bbox   # pdfplumber: every cell box is (x0, top, x1, bottom)
                fields.append(Field(text, page=number, bbox=(float(x0), float(top), float(x1), float(bottom))))
            if fields:
                rows.append(Row(tuple(fields), page=number))
    return rows, len(tables)
