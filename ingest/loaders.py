"""Loaders: a file on disk -> Document (text with page offsets, table rows).

Text, HTML and DOCX become plain text in which every table row is one tab-separated
line, so one set of layout readers serves them all. PDF tables come from pdfplumber's
ruled cells with their page and box. Every failure is a ReportParseError naming the
file and the problem.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ingest.document import Document, Field, ReportParseError, Row

SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".txt": "txt"}
_META_LINE = re.compile(r"^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录)[:：]\s*(.*)$")


def detect_format(path: Path) -> str:
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise ReportParseError(str(path), f"unsupported file type {path.suffix or '(none)'}; "
                                          "expected .pdf, .docx, .html or .txt")
    return fmt


def load(path: Path) -> Document:
    """Load any supported file; raises ReportParseError with the reason."""
    fmt = detect_format(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportParseError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    if not data:
        raise ReportParseError(str(path), "empty file (0 bytes)")
    return {"pdf": load_pdf, "docx": load_docx, "html": load_html, "txt": load_text}[fmt](path, data)


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
    body = "\n".join(line for line in (l.strip(" ") for l in lines) if line.strip())
    doc = Document(str(path), "html", body, structured_tables=True)
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
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                seen, cells = set(), []
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue  # a merged cell repeats across the span
                    seen.add(id(cell._tc))
                    cells.append(re.sub(r"\s+", " ", cell.text).strip())
                lines.append("\t".join(cells))
            lines.append("")
    return Document(str(path), "docx", "\n".join(lines), structured_tables=True)


# ---------------------------------------------------------------- PDF

def load_pdf(path: Path, data: bytes) -> Document:
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
    texts, rows, page_starts, offset = [], [], [], 0
    try:
        with pdf:
            for number, page in enumerate(pdf.pages, start=1):
                try:
                    page_text = _page_text(page)
                    page_rows = _page_rows(page, number)
                except Exception as exc:
                    raise ReportParseError(str(path), f"cannot read page ({exc.__class__.__name__})",
                                           number) from exc
                page_starts.append(offset)
                texts.append(page_text)
                offset += len(page_text) + 1
                rows.extend(page_rows)
    except ReportParseError:
        raise
    except Exception as exc:
        raise ReportParseError(str(path), f"broken or truncated PDF ({exc.__class__.__name__})") from exc
    text = "\n".join(texts)
    if not text.strip():
        raise ReportParseError(str(path), "no text layer (scanned image PDF?); OCR is not supported")
    doc = Document(str(path), "pdf", text, page_starts or [0], rows, structured_tables=True)
    return doc


_FOOTER = re.compile(r"^\s*[-—–]\s*\d+\s*[-—–]\s*$|^\s*第\s*\d+\s*页")


def _page_text(page) -> str:
    """Page text with wrapped lines of a paragraph joined (CJK needs no space)."""
    raw = page.extract_text() or ""
    lines = [l.rstrip() for l in raw.split("\n") if not _FOOTER.match(l)]
    if not lines:
        return ""
    width = max(len(l) for l in lines)
    out = [lines[0]]
    for prev, line in zip(lines, lines[1:]):
        full = len(prev) >= 0.85 * width and not re.search(r"[。！？；：]$", prev)
        has_cells = re.search(r"\d\s+\d", prev) or re.search(r"\d\s+\d", line)
        if full and not has_cells:
            out[-1] += line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def _page_rows(page, number: int) -> list[Row]:
    """Rows of every ruled table on the page, each cell with its box."""
    rows = []
    for table in page.find_tables():
        for row in table.rows:
            fields = []
            for bbox in row.cells:
                if bbox is None:
                    continue
                text = page.crop(bbox).extract_text() or ""
                text = re.sub(r"\s*\n\s*", "", text).strip()
                fields.append(Field(text, page=number, bbox=tuple(float(v) for v in bbox)))
            if fields:
                rows.append(Row(tuple(fields), page=number))
    return rows
