"""Corrections and reviews: a person's word on a cell or a finding, kept beside the reading.

A correction never overwrites what was read: it is its own row (who, when, why), keyed by
issuer, year and canonical cell id — not by file — so it survives re-ingesting the file, a
new version of the same report and a move to another store. Rows are kept in order; the
last row for a cell decides (a ``withdraw`` row takes the correction back). Reviews of
findings work the same way, keyed by issuer, year, rule and the cells of the finding.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from assistant.domain.records import Cell, Finding, content_id, format_number
from assistant.domain.template import cell_label

KINDS = {"misread": "读错（原文并非如此）", "source_error": "原文有误（更正为正确数字）"}
STATES = {"confirmed": "已确认为报告本身的错误", "dismissed": "已驳回", "withdrawn": "已撤回"}
SET, WITHDRAW = "set", "withdraw"
STATUS_CORRECTED = "corrected"
CSV_COLUMNS = ("issuer", "year", "cell_id", "action", "value", "kind", "reason", "author", "created")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


class CorrectionError(ValueError):
    """A correction or review that cannot be recorded; the message says why, in Chinese."""


@dataclass(frozen=True)
class Correction:
    id: str
    issuer: str
    year: int
    cell_id: str
    action: str               # set | withdraw
    value: float | None
    kind: str                 # misread | source_error
    reason: str
    author: str
    created: str              # ISO time, UTC

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.issuer, self.year, self.cell_id)

    def words(self, original: Cell | None = None) -> str:
        """'原文 0，已更正为 11（原文有误：…，张三，2026-12-01）'."""
        printed = f"原文 {original.raw or original.display_value()}，" if original is not None else ""
        return (f"{printed}已更正为 {format_number(self.value)}（{KINDS.get(self.kind, self.kind)}："
                f"{self.reason}，{self.author}，{self.created[:10]}）")


@dataclass(frozen=True)
class Review:
    id: str
    issuer: str
    year: int
    rule: str
    cells: tuple[str, ...]
    state: str                # confirmed | dismissed | withdrawn
    reason: str
    author: str
    created: str

    @property
    def key(self) -> tuple[str, int, str, tuple[str, ...]]:
        return (self.issuer, self.year, self.rule, self.cells)

    def words(self) -> str:
        return f"{STATES.get(self.state, self.state)}（{self.reason}，{self.author}，{self.created[:10]}）"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def parse_value(text: str | float | int, cell_id: str) -> float:
    """The corrected figure as a number; a text that is no number is refused in words."""
    raw = str(text).strip().replace(",", "").replace("，", "")
    if not _NUMBER.match(raw):
        raise CorrectionError(f"“{text}”不是数字，无法作为“{cell_label(cell_id)}”的更正值。")
    return float(raw)


def new_correction(issuer: str, year: int, cell_id: str, value, kind: str, reason: str, author: str,
                   action: str = SET, created: str | None = None) -> Correction:
    """A validated correction row (the caller checks that the report and cell exist)."""
    if action not in (SET, WITHDRAW):
        raise CorrectionError(f"未知操作“{action}”（只能是 set 或 withdraw）。")
    if action == SET and kind not in KINDS:
        raise CorrectionError(f"未知更正类型“{kind}”（只能是 misread 或 source_error）。")
    if action == SET and not (reason or "").strip():
        raise CorrectionError("更正需要写明理由。")
    number = parse_value(value, cell_id) if action == SET else None
    kind = kind if action == SET else ""
    reason, author, created = (reason or "").strip(), (author or "").strip() or "匿名", created or now()
    # The id is the row's content: importing the same rows twice adds nothing.
    rid = content_id(issuer, int(year), cell_id, action, number, kind, reason, author, created, length=24)
    return Correction(rid, issuer, int(year), cell_id, action, number, kind, reason, author, created)


def new_review(finding_key: tuple[str, int, str, tuple[str, ...]], state: str, reason: str, author: str,
               created: str | None = None) -> Review:
    if state not in STATES:
        raise CorrectionError(f"未知审核结论“{state}”（只能是 confirmed、dismissed 或 withdrawn）。")
    if state == "dismissed" and not (reason or "").strip():
        raise CorrectionError("驳回一个问题需要写明理由。")
    issuer, year, rule, cells = finding_key
    reason, author, created = (reason or "").strip(), (author or "").strip() or "匿名", created or now()
    rid = content_id(issuer, int(year), rule, cells, state, reason, author, created, length=24)
    return Review(rid, issuer, int(year), rule, tuple(cells), state, reason, author, created)


def effective(rows: Iterable[Correction]) -> dict[tuple[str, int, str], Correction]:
    """The correction in force for each cell: the last row, unless it withdraws."""
    out: dict[tuple[str, int, str], Correction] = {}
    for c in sorted(rows, key=lambda c: (c.created, c.id)):
        if c.action == WITHDRAW:
            out.pop(c.key, None)
        else:
            out[c.key] = c
    return out


def effective_reviews(rows: Iterable[Review]) -> dict[tuple, Review]:
    out: dict[tuple, Review] = {}
    for r in sorted(rows, key=lambda r: (r.created, r.id)):
        if r.state == "withdrawn":
            out.pop(r.key, None)
        else:
            out[r.key] = r
    return out


def finding_key(issuer: str, year: int, finding: Finding) -> tuple[str, int, str, tuple[str, ...]]:
    return (issuer, year, finding.rule, tuple(finding.cells))


def corrected(cell: Cell, correction: Correction) -> Cell:
    """The cell as corrected: the new value, the printed text kept as raw."""
    return replace(cell, value=correction.value, status=STATUS_CORRECTED, candidates=(),
                   rule=f"更正：{correction.words()}")


def apply(cells: Mapping[str, Cell], issuer: str, year: int,
          in_force: Mapping[tuple[str, int, str], Correction]) -> tuple[dict[str, Cell], list[tuple[Cell, Correction]]]:
    """The cells with every correction in force applied, and (original, correction) pairs used."""
    out, used = dict(cells), []
    for cid, cell in cells.items():
        c = in_force.get((issuer, year, cid))
        if c is not None:
            out[cid] = corrected(cell, c)
            used.append((cell, c))
    return out, used


def to_csv(rows: Iterable[Correction]) -> str:
    """Every correction row (withdrawals included), for a team to share."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for c in sorted(rows, key=lambda c: (c.created, c.id)):
        writer.writerow([c.issuer, c.year, c.cell_id, c.action,
                         "" if c.value is None else format_number(c.value), c.kind, c.reason, c.author, c.created])
    return buf.getvalue()


def from_csv(text: str, source: str = "CSV") -> list[Correction]:
    """Correction rows from ``to_csv`` output; a bad row is refused naming its line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames is None or set(CSV_COLUMNS) - set(reader.fieldnames):
        raise CorrectionError(f"{source}：缺少列 {', '.join(sorted(set(CSV_COLUMNS) - set(reader.fieldnames or [])))}")
    out = []
    for line, row in enumerate(reader, start=2):
        try:
            out.append(new_correction(row["issuer"], int(row["year"]), row["cell_id"], row["value"], row["kind"],
                                      row["reason"], row["author"], row["action"], row["created"] or None))
        except (CorrectionError, ValueError) as exc:
            raise CorrectionError(f"{source} 第{line}行：{exc}") from None
    return out
