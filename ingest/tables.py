"""From table rows to canonical cells: label matching, value columns, inference.

The rows may come from any loader (text layouts, PDF/HTML/DOCX tables). Rows are
matched to template rows in printed order; a row's values are the fields after its
last label field. A result row that was not printed at all is filled by R3 and marked
``inferred``; nothing is ever guessed silently.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.domain.records import STATUS_AMBIGUOUS, STATUS_BLANK, STATUS_INFERRED, STATUS_OK
from assistant.domain.rules import equations
from assistant.domain.template import OTHER_SUBROWS, rows_for, unit_of
from assistant.domain.template import Row as TemplateRow
from assistant.domain.values import is_number_text, is_value_text, parse_value
from ingest.document import Field, Row
from ingest.labels import score_row

MATCH_THRESHOLD = 0.6
LOOKAHEAD = 12        # template rows a printed row may skip forward
REVIEW_CELLS = 15


@dataclass(frozen=True)
class ExtractedCell:
    """A cell as read, before it is tied to a stored report."""

    cell_id: str
    value: float | None
    raw: str
    status: str
    field: Field | None = None
    candidates: tuple[float, ...] = ()
    rule: str = ""


def make_cell(cell_id: str, field: Field | None) -> ExtractedCell:
    """Parse a printed field into a cell (blank when the field is empty or absent)."""
    text = field.text if field else ""
    parsed = parse_value(text, money=unit_of(cell_id) == "万元")
    status = STATUS_BLANK if parsed.value is None else STATUS_OK
    return ExtractedCell(cell_id, parsed.value, parsed.raw, status, field)


def _values_for(fields: list[Field], expected: int) -> list[Field]:
    """The value fields of a row: trailing blanks dropped, layout padding trimmed."""
    values = list(fields)
    while values and not values[-1].text.strip():
        values.pop()
    while len(values) > expected and not values[0].text.strip():
        values.pop(0)
    return values[:expected]


def _split_fields(row: Row) -> tuple[list[str], list[Field]]:
    """(label texts, fields after the last label)."""
    last_label = -1
    for i, f in enumerate(row.fields):
        if not is_value_text(f.text):
            last_label = i
    labels = [f.text for f in row.fields[:last_label + 1] if not is_value_text(f.text)]
    return labels, list(row.fields[last_label + 1:])


def _best_row(labels: list[str], sequence: list[TemplateRow], pointer: int) -> int | None:
    """The template row a printed row's labels name. The last label field is the row's
    own label (group headings such as “(六) 其他处理” come before it), so it is tried
    first; the other fields only help when it names nothing."""
    for fields in (labels[-1:], labels):
        best, best_key = None, None
        for idx in range(pointer, min(len(sequence), pointer + LOOKAHEAD)):
            score, length = score_row(fields, sequence[idx])
            if score < MATCH_THRESHOLD:
                continue
            key = (round(score, 3), length, -idx)
            if best_key is None or key > best_key:
                best, best_key = idx, key
        if best is not None:
            return best
    return None


def extract_rows(rows: list[Row], version: str) -> dict[str, ExtractedCell]:
    """Cells of tables 二, 三 and 四 read from delimited rows (not glued ones)."""
    sequence = list(rows_for(version, "active")) + list(rows_for(version, "requests"))
    cells: dict[str, ExtractedCell] = {}
    pointer = 0
    seen_requests = False
    review_done = False
    for row in rows:
        labels, tail = _split_fields(row)
        numbers = [f for f in tail if is_number_text(f.text)]
        if not labels:
            if seen_requests and not review_done and len(numbers) >= 10:
                values = list(tail)
                while values and not values[-1].text.strip():
                    values.pop()
                values = values[-REVIEW_CELLS:]
                values = [Field("")] * (REVIEW_CELLS - len(values)) + values
                for i, f in enumerate(values):
                    review_row = ("review", "litigation_direct", "litigation_after_review")[i // 5]
                    col = ("upheld", "corrected", "other", "pending", "total")[i % 5]
                    cid = f"review.{review_row}.{col}"
                    cells[cid] = make_cell(cid, f)
                review_done = True
            continue
        if not numbers:
            continue
        idx = _best_row(labels, sequence, pointer)
        if idx is None:
            continue
        template_row = sequence[idx]
        pointer = idx + 1
        if template_row.table == "requests":
            seen_requests = True
        width = len(template_row.columns)
        values = _values_for(tail, width)
        # A row printing more or fewer cells than the template has columns is flagged (L1):
        # the cells may have shifted, so none of them is taken at face value silently.
        printed = [f for f in tail if f.text.strip()]
        misfit = len(values) < width or len(printed) > width
        for column, value in zip(template_row.columns, values + [None] * width):
            cid = template_row.cell_id(column.id)
            cell = make_cell(cid, value)
            cells[cid] = replace(cell, rule="L1") if misfit else cell
    return _flag_stray_blanks(cells)


def _flag_stray_blanks(cells: dict[str, ExtractedCell]) -> dict[str, ExtractedCell]:
    """In a request table printed without blanks, a row with one is suspect (L1): a
    number may have been lost and the rest shifted into its place."""
    rows: dict[str, list[ExtractedCell]] = {}
    for cid, c in cells.items():
        if cid.startswith("requests."):
            rows.setdefault(cid.rsplit(".", 1)[0], []).append(c)
    with_blanks = [r for r, cs in rows.items() if any(c.status == STATUS_BLANK for c in cs)]
    if not rows or len(with_blanks) > max(1, len(rows) // 10):
        return cells
    out = dict(cells)
    for r in with_blanks:
        for c in rows[r]:
            out[c.cell_id] = replace(c, rule="L1")
    return out


def other_split(cells: dict[str, ExtractedCell]) -> bool:
    """True if （六） was printed as the three 2021 sub-rows."""
    return any(cid.startswith(f"requests.{r}.") for r in OTHER_SUBROWS for cid in cells)


def infer_missing(cells: dict[str, ExtractedCell], version: str) -> dict[str, ExtractedCell]:
    """Fill cells of unprinted rows that R1–R3 force, marked ``inferred`` with the rule.

    Only an equation with exactly one unknown cell is used, repeatedly, so every
    inferred value is forced by printed ones.
    """
    if not any(cid.startswith("requests.") for cid in cells):
        return cells
    out = dict(cells)
    split = other_split(out)
    eqs = [e for e in equations(version, split) if e.rule in ("R1", "R2", "R3")]
    changed = True
    while changed:
        changed = False
        for eq in eqs:
            missing = [cid for cid in eq.cells if cid not in out]
            if len(missing) != 1:
                continue
            known = [out[cid] for cid in eq.cells if cid in out]
            if any(c.status == STATUS_AMBIGUOUS for c in known):
                continue
            target = missing[0]
            value: float | None = None
            if any(c.value is not None for c in known):
                lhs = sum(out[c].value or 0.0 for c in eq.lhs if c in out)
                rhs = sum(out[c].value or 0.0 for c in eq.rhs if c in out)
                value = (rhs - lhs if target in eq.lhs else lhs - rhs) + 0.0
                if value < 0:
                    continue
            # With every other cell printed blank, the missing one is blank too.
            out[target] = ExtractedCell(target, value, "", STATUS_INFERRED, None, (), eq.rule)
            changed = True
    return out
