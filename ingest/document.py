"""What a loader produces: the report's text with page offsets, and its table rows."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from assistant.domain.text import normalise_chars


class ReportParseError(Exception):
    """A file could not be read as an annual report; the message names the file and problem."""

    def __init__(self, path: str, problem: str, page: int | None = None):
        self.path = path
        self.problem = problem
        self.page = page
        where = f" (page {page})" if page else ""
        super().__init__(f"{path}{where}: {problem}")


@dataclass(frozen=True)
class Field:
    """One printed table cell (label or value) and where it was read."""

    text: str
    start: int = -1           # character span in Document.text, -1 if not located
    end: int = -1
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # PDF points: x0, top, x1, bottom
    # How sure OCR is of the text (0–1); None for text read from a text layer or a file.
    confidence: float | None = None

    def position(self) -> str:
        """Where it was read, as stored with the cell: "bbox x0,top,x1,bottom" (PDF points),
        with "; ocr 0.93" (the reading's confidence) for a cell read by OCR, or "chars a-b"."""
        if self.bbox:
            box = "bbox " + ",".join(f"{v:.1f}" for v in self.bbox)
            return box + (f"; ocr {self.confidence:.2f}" if self.confidence is not None else "")
        if self.start >= 0:
            return f"chars {self.start}-{self.end}"
        return ""


@dataclass(frozen=True)
class Row:
    """One printed table row: its fields in reading order.

    ``glued`` marks a row whose value fields are digits run together without separators
    (web-page texts); the extractor splits them using the arithmetic rules.
    """

    fields: tuple[Field, ...]
    page: int | None = None
    glued: bool = False


@dataclass
class Document:
    """A loaded file: full text, page boundaries, and candidate table rows."""

    path: str
    format: str
    text: str
    page_starts: list[int] = field(default_factory=lambda: [0])
    rows: list[Row] = field(default_factory=list)
    # Title/metadata lines some sources carry (web-page header: 标题, 发布时间, 发布机构).
    meta: dict[str, str] = field(default_factory=dict)
    # Set by loaders whose rows are split by their own markup (PDF/HTML/DOCX/Markdown tables).
    structured_tables: bool = False
    # The text as the file printed it, before normalise(); same length, so every offset
    # into ``text`` points at the same character here (citations quote either).
    raw_text: str = ""
    # Tables the file's own markup held (PDF ruled tables, HTML/DOCX/Markdown tables); -1 when
    # the format has no such markup (plain text). Used to say why no table was read.
    tables_seen: int = -1

    @property
    def pages(self) -> int:
        return len(self.page_starts)

    def page_at(self, offset: int) -> int:
        """1-based page number of a character offset."""
        page = 1
        for i, start in enumerate(self.page_starts):
            if offset >= start:
                page = i + 1
        return page


def _same_length(raw: str, where: str, path: str) -> str:
    clean = normalise_chars(raw)
    # Offsets found in the normalised text must point at the raw text: one char for one.
    assert len(clean) == len(raw), f"normalise_chars changed the length of {where} in {path}"
    return clean


def normalise(doc: Document) -> Document:
    """The document with every character in its ordinary form (Kangxi radicals, CJK radical
    supplement forms, full-width letters and digits, odd spaces, traditional characters),
    in its text, table fields and header metadata. The raw text is kept in ``raw_text``."""
    raw = doc.raw_text or doc.text
    doc.text = _same_length(raw, "the text", doc.path)
    doc.raw_text = raw
    doc.rows = [replace(row, fields=tuple(replace(f, text=_same_length(f.text, "a table field", doc.path))
                                           for f in row.fields))
                for row in doc.rows]
    doc.meta = {k: normalise_chars(v) for k, v in doc.meta.items()}
    return doc
