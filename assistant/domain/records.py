"""Typed records that carry provenance from the file to the answer.

Report -> Cell / Finding / Chunk -> Citation -> Answer. Ids are content hashes so that
re-ingesting an unchanged file produces the same ids.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

STATUS_OK = "ok"
STATUS_BLANK = "blank"
STATUS_INFERRED = "inferred"
STATUS_AMBIGUOUS = "ambiguous"
STATUSES = (STATUS_OK, STATUS_BLANK, STATUS_INFERRED, STATUS_AMBIGUOUS)


def content_id(*parts: object, length: int = 16) -> str:
    """A short stable hash of the parts (used for report, chunk and finding ids)."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


@dataclass(frozen=True)
class Report:
    """One ingested annual report (one source file)."""

    id: str
    issuer: str
    year: int
    template: str
    source_path: str          # absolute path as ingested
    source_file: str          # file name shown to users
    sha256: str
    format: str               # pdf | docx | html | txt
    pages: int
    title: str = ""
    published: str | None = None  # ISO date printed in the report, if any

    def label(self) -> str:
        """Short human label: issuer and year."""
        return f"{self.issuer} {self.year}年"


@dataclass(frozen=True)
class Cell:
    """One number of a standard table, under its canonical id."""

    report_id: str
    cell_id: str
    value: float | None
    unit: str
    raw: str
    status: str
    page: int | None = None
    # Where it was read: "chars 120-123" for text, "bbox x0,top,x1,bottom" for PDF cells.
    position: str = ""
    candidates: tuple[float, ...] = ()
    rule: str = ""            # for inferred cells, the rule that filled it; for ambiguous, the rules used

    def display_value(self) -> str:
        """The value as a user reads it (blank and ambiguous spelled out)."""
        if self.status == STATUS_BLANK or (self.value is None and self.status != STATUS_AMBIGUOUS):
            return "（空白）"
        if self.status == STATUS_AMBIGUOUS:
            return "／".join(format_number(c) for c in self.candidates) + "（无法确定）"
        return format_number(self.value)


@dataclass(frozen=True)
class Finding:
    """A broken arithmetic rule, naming the cells and both sides of the equation."""

    report_id: str
    rule: str
    cells: tuple[str, ...]
    lhs: float
    rhs: float
    detail: str
    other_report_id: str | None = None

    @property
    def id(self) -> str:
        return content_id(self.report_id, self.rule, self.cells, self.other_report_id)


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: section text or one table row rendered as a sentence."""

    id: str
    report_id: str
    section: str
    kind: str                 # "passage" | "table_row"
    text: str
    page: int | None
    start: int
    end: int
    cell_ids: tuple[str, ...] = ()
    ordinal: int = 0


@dataclass(frozen=True)
class Citation:
    """One source an answer relies on."""

    key: int
    report_id: str
    issuer: str
    year: int
    source_file: str
    page: int | None
    section: str
    text: str
    cell_id: str | None = None
    raw: str | None = None
    status: str | None = None
    chunk_id: str | None = None

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items()}


@dataclass(frozen=True)
class Answer:
    """What the assistant says, and where it came from."""

    question: str
    answer: str
    route: str
    value: float | None = None
    unit: str | None = None
    citations: tuple[Citation, ...] = ()
    formula: str | None = None
    refused: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)
    understood: str | None = None          # "理解为：…": what the answer took the question to mean
    choices: tuple[str, ...] = ()          # a clarifying question's readings, each a next turn
    interpretation: dict | None = None     # the Interpretation as JSON (for ask --json and the UI)

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "route": self.route,
            "value": self.value,
            "unit": self.unit,
            "formula": self.formula,
            "refused": self.refused,
            "notes": list(self.notes),
            "understood": self.understood,
            "choices": list(self.choices),
            "interpretation": self.interpretation,
            "citations": [c.to_json() for c in self.citations],
        }


def format_number(value: float | None) -> str:
    """1680.0 -> '1680', 2876.4869 -> '2876.4869', None -> ''."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")
