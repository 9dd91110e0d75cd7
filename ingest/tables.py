"""From table rows to canonical cells: label matching, value columns, inference.

The rows may come from any loader (text layouts, PDF/HTML/DOCX tables). Rows are
matched to template rows in printed order; a row's values are the fields after its
last label field. A result row that was not printed at all is filled by R3 and marked
``inferred``; a number read by OCR that the rules cannot vouch for is marked
``ambiguous`` (``confirm_readings``); nothing is ever guessed silently.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.domain.records import STATUS_AMBIGUOUS, STATUS_BLANK, STATUS_INFERRED, STATUS_OK
from assistant.domain.rules import Equation, equations
from assistant.domain.template import OTHER_SUBROWS, UNIT_COUNT, rows_for, unit_of
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
        # A cell an OCR'd row lacks is a reading too: one OCR could not vouch for.
        ocr = any(f.confidence is not None for f in row.fields)
        pad = Field("", page=row.page, confidence=0.0) if ocr else None
        for column, value in zip(template_row.columns, values + [pad] * width):
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


# ---------------------------------------------------------------- OCR readings

SURE = 0.9      # an OCR reading at least this confident stands where no rule can check it
OCR_RULE = "OCR"   # the ``rule`` of a cell left ambiguous because its OCR reading is not vouched for


def _sum(cells: dict[str, ExtractedCell], ids: tuple[str, ...]) -> float:
    return sum(cells[c].value or 0.0 for c in ids)


def _forced(eq: Equation, cid: str, cells: dict[str, ExtractedCell]) -> float | None:
    """The value ``cid`` would need for the broken ``eq`` to hold, if it alone were misread;
    None when no count could be (negative)."""
    lhs, rhs = _sum(cells, eq.lhs), _sum(cells, eq.rhs)
    own = cells[cid].value or 0.0
    value = own - (lhs - rhs) if cid in eq.lhs else own + (lhs - rhs)
    return round(value, 6) + 0.0 if value >= 0 else None


def confirm_readings(cells: dict[str, ExtractedCell], version: str) -> dict[str, ExtractedCell]:
    """Mark ``ambiguous`` the numbers read by OCR (fields with a confidence) that the rules
    cannot vouch for:

    - every one whose misreading alone would explain a broken rule R1–R4 (its candidates:
      the reading and the value the rule asks for) — a blank included, since a faint
      number may have gone unseen;
    - every doubtful one (confidence below ``SURE``, a count with a fraction, a cell with
      ink but nothing read, a cell of a row printing more or fewer cells than the template
      has columns) that no holding rule with a non-zero term confirms.

    A broken rule's finding is still reported on the readings (``ocr_findings``). Cells
    from a text layer or a file (no confidence) are left as they are.
    """
    read = {cid: c for cid, c in cells.items()
            if c.field is not None and c.field.confidence is not None and c.status in (STATUS_OK, STATUS_BLANK)}
    if not read:
        return cells
    holds: set[str] = set()
    forced: dict[str, list[float]] = {}
    for eq in equations(version, other_split(cells)):
        if not all(cid in cells and cells[cid].status != STATUS_AMBIGUOUS for cid in eq.cells):
            continue
        if abs(_sum(cells, eq.lhs) - _sum(cells, eq.rhs)) < 1e-6:
            # 0 = 0 + 0 holds whatever went unseen: only a sum with something in it confirms.
            if any(cells[cid].value for cid in eq.cells):
                holds.update(eq.cells)
            continue
        for cid in eq.cells:
            value = _forced(eq, cid, cells) if cid in read else None
            if value is not None and not (value == 0 and cells[cid].status == STATUS_BLANK):
                forced.setdefault(cid, []).append(value)
    out = dict(cells)
    for cid, c in read.items():
        field = c.field
        assert field is not None and field.confidence is not None
        fraction = unit_of(cid) == UNIT_COUNT and c.value is not None and c.value != int(c.value)
        doubtful = field.confidence < SURE or fraction or c.rule == "L1"
        if cid in forced or (doubtful and cid not in holds):
            readings = [] if c.value is None else [c.value]
            candidates = tuple(dict.fromkeys(readings + forced.get(cid, [])))
            # An L1 cell keeps its rule, so that its row's finding is still reported.
            out[cid] = replace(c, value=None, status=STATUS_AMBIGUOUS, candidates=candidates, rule=c.rule or OCR_RULE)
    return out
