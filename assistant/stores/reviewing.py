"""Recording corrections and reviews against the library, and finding the ones that no
longer fit (orphans): the report or cell is gone, or a new reading already agrees."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.domain.corrections import (
    WITHDRAW,
    Correction,
    CorrectionError,
    Review,
    effective,
    effective_reviews,
    from_csv,
    new_correction,
    new_review,
    to_csv,
)
from assistant.domain.records import Finding, Report
from assistant.domain.template import cell_ids as template_cell_ids
from assistant.domain.template import cell_label


@dataclass(frozen=True)
class Standing:
    """A correction in force and whether it still attaches to a cell of a report."""

    correction: Correction
    report: Report | None
    orphaned: str = ""        # why it no longer applies, in words (empty: it applies)


class Reviewing:
    """Corrections and finding reviews of one library."""

    def __init__(self, library):
        self.library = library
        self.sql = library.sql

    def _report(self, issuer: str, year: int) -> Report:
        for r in self.library.primary_reports():
            if r.issuer == issuer and r.year == int(year):
                return r
        have = "、".join(sorted({f"{r.issuer} {r.year}年" for r in self.library.primary_reports()})) or "无"
        raise CorrectionError(f"没有{issuer} {year}年的年报（已收录：{have}）。")

    def resolve(self, name: str, year: int) -> Report:
        """A report by (part of) its issuer's name and year, as a user types it."""
        hits = [r for r in self.library.primary_reports() if r.year == int(year) and name in r.issuer]
        exact = [r for r in hits if r.issuer == name]
        if exact or len(hits) == 1:
            return (exact or hits)[0]
        if len(hits) > 1:
            raise CorrectionError(f"“{name}”可以指{'、'.join(r.issuer for r in hits)}，请写全称。")
        return self._report(name, year)

    def correct(self, report: Report, cell_id: str, value, kind: str, reason: str, author: str,
                before_commit=None) -> Correction:
        """Record a correction of one cell (refused in words when the cell does not exist)."""
        if cell_id not in template_cell_ids(report.template):
            raise CorrectionError(f"{report.label()}的{report.template}版模板没有单元格“{cell_id}”。")
        row = new_correction(report.issuer, report.year, cell_id, value, kind, reason, author)
        self.sql.add_corrections([row], before_commit=before_commit)
        return row

    def withdraw(self, report: Report, cell_id: str, reason: str, author: str) -> Correction:
        if (report.issuer, report.year, cell_id) not in self.in_force():
            raise CorrectionError(f"{report.label()}的“{cell_label(cell_id)}”没有生效中的更正。")
        row = new_correction(report.issuer, report.year, cell_id, None, "", reason, author, action=WITHDRAW)
        self.sql.add_corrections([row])
        return row

    def in_force(self) -> dict[tuple[str, int, str], Correction]:
        return effective(self.sql.corrections())

    def standing(self) -> list[Standing]:
        """Every correction in force, with the report it attaches to or why it does not."""
        reports = {(r.issuer, r.year): r for r in self.library.primary_reports()}
        out = []
        for c in self.in_force().values():
            report = reports.get((c.issuer, c.year))
            why = ""
            if report is None:
                why = "年报已不在库中"
            else:
                cell = {x.cell_id: x for x in self.sql.cells(report.id, [c.cell_id])}.get(c.cell_id)
                if cell is None:
                    why = "新读取的年报中没有这个单元格"
                elif c.kind == "misread" and cell.value == c.value:
                    why = f"新读取的数字已是 {cell.display_value()}，与更正值一致"
            out.append(Standing(c, report, why))
        return sorted(out, key=lambda s: (s.correction.issuer, s.correction.year, s.correction.cell_id))

    def review(self, report: Report, finding: Finding, state: str, reason: str, author: str) -> Review:
        row = new_review((report.issuer, report.year, finding.rule, tuple(finding.cells)), state, reason, author)
        self.sql.add_review(row)
        return row

    def reviews_in_force(self) -> dict[tuple, Review]:
        return effective_reviews(self.sql.reviews())

    def export_csv(self) -> str:
        return to_csv(self.sql.corrections())

    def import_csv(self, text: str, source: str = "CSV") -> int:
        """Add the rows of an exported file (rows already here are skipped); how many were new.
        Rows for a report not (yet) ingested are kept: they attach once it is."""
        return self.sql.add_corrections(from_csv(text, source))
