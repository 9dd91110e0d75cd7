"""Tables whose cells are printed run together (web-page text: ``713000074``).

Labels are found in printed order; the digits between two labels are one row's
cells without separators (spaces, where present, are real boundaries). Every way to
cut the digits into the row's cells is enumerated, and the arithmetic rules pick the
cuts that fit: R2 within a request row, R1 and R3 across the request table, R4 within
each review row. A cell that several surviving cuts read differently is stored as
``ambiguous`` with its candidates — never a silent guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from assistant.domain.records import STATUS_AMBIGUOUS, STATUS_OK
from assistant.domain.rules import REQUEST_COLUMN_IDS, request_rows, result_rows
from assistant.domain.template import OTHER_SUBROWS, V2021, rows_for, unit_of
from assistant.domain.template import Row as TemplateRow
from assistant.domain.values import parse_value
from ingest.document import Field
from ingest.labels import aliases
from ingest.tables import ExtractedCell

_GAP = r"[\s\u3000，,、。.．（）()“”\"：:；;]*"
_VALUE_RUN = re.compile(r"[\d\s\u00a0+\-－.增减]*\d(?:\s*(?:亿元|万元|亿|万|元))?")
_TRAILING_ENUM = re.compile(r"(?:(?<![.．])\d\s*[.．、]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)\s*$")
MAX_SPLITS = 200_000


@dataclass(frozen=True)
class Part:
    text: str
    start: int
    end: int


def _label_pattern(alias: str) -> re.Pattern:
    return re.compile(_GAP.join(re.escape(ch) for ch in alias))


def find_labels(text: str, start: int, end: int, sequence: list[TemplateRow]
                ) -> list[tuple[TemplateRow, int, int]]:
    """(template row, label start, label end) for each row found in order."""
    found = []
    pos = start
    for row in sequence:
        best = None
        for alias in sorted(aliases(row), key=len, reverse=True):
            m = _label_pattern(alias).search(text, pos, end)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), m.end())
        if best is None:
            best = _misprinted(text, pos, end, row)
        if best:
            found.append((row, best[0], best[1]))
            pos = best[1]
    return found


def _misprinted(text: str, start: int, end: int, row: TemplateRow) -> tuple[int, int] | None:
    """A label printed with a typo (其他法律行政止公开): its first characters, running on
    to where the row's digits begin."""
    alias = max(aliases(row), key=len)
    if len(alias) < 6:
        return None
    m = _label_pattern(alias[:5]).search(text, start, end)
    if not m:
        return None
    digit = re.search(r"\d", text[m.end():m.start() + len(alias) + 6])
    if not digit:
        return None
    label_end = m.end() + digit.start()
    # The digit may be the next row's enumerator only if nothing precedes it; keep the label.
    return m.start(), label_end


def value_run(text: str, start: int, end: int) -> tuple[str, int]:
    """The printed digits right after a label (up to the next label), and their offset."""
    region = text[start:end]
    stripped = region.lstrip("\u3000）)”\"’：:，,、 \t\n")
    start += len(region) - len(stripped)
    region = _TRAILING_ENUM.sub("", stripped)
    m = _VALUE_RUN.match(region)
    if not m:
        return "", start
    run = m.group(0)
    # "…00021782.其他…": a digit right before "." and a label is the next row's enumerator.
    if re.match(r"\s*[.．、]\s*[^\d\s]", region[m.end():]) and not re.search(r"[.．]\d*$", run):
        run = run[:-1]
    lead = len(run) - len(run.lstrip())
    return run.strip(), start + lead


def _valid_part(text: str, cell_id: str) -> bool:
    money = unit_of(cell_id) == "万元"
    signed = cell_id.endswith(".change")
    t = text
    if signed and t[:1] in "+-－增减":
        t = t[1:]
    if money:
        t = re.sub(r"(亿元|万元|亿|万|元)$", "", t)
    elif not t.isdigit():
        return False
    if not re.fullmatch(r"\d+(\.\d+)?", t):
        return False
    whole = t.split(".")[0]
    return whole == "0" or not whole.startswith("0")


def splits(run: str, offset: int, cell_ids: list[str]) -> list[tuple[Part, ...]]:
    """Every cut of ``run`` into len(cell_ids) valid cells; spaces are forced cuts."""
    chunks = [(m.group(0), offset + m.start()) for m in re.finditer(r"\S+", run)]
    n = len(cell_ids)
    out: list[tuple[Part, ...]] = []

    def rec(ci: int, within: int, idx: int, acc: list[Part]) -> None:
        if len(out) >= MAX_SPLITS:
            return
        if ci == len(chunks):
            if idx == n:
                out.append(tuple(acc))
            return
        if idx == n:
            return
        chunk, base = chunks[ci]
        rest = chunk[within:]
        for cut in range(1, len(rest) + 1):
            piece = rest[:cut]
            if not _valid_part(piece, cell_ids[idx]):
                continue
            part = Part(piece, base + within, base + within + cut)
            if cut == len(rest):
                rec(ci + 1, 0, idx + 1, acc + [part])
            else:
                rec(ci, within + cut, idx + 1, acc + [part])

    if chunks:
        rec(0, 0, 0, [])
    return out


def _number(part: Part, cell_id: str) -> float:
    value = parse_value(part.text, money=unit_of(cell_id) == "万元").value
    assert value is not None, "a cut of a glued run is digits (_valid_part), never blank"
    return value


def _numbers(parts: tuple[Part, ...], cell_ids: list[str]) -> tuple[float, ...]:
    return tuple(_number(p, c) for p, c in zip(parts, cell_ids))


@dataclass
class GluedRow:
    """One printed row: its cell ids and the cuts that survive the rules so far."""

    cell_ids: list[str]
    options: list[tuple[Part, ...]]
    resolved_by: str = ""     # the rules that narrowed the cuts, named on the cells

    def narrow(self, keep: list[tuple[Part, ...]], rule: str) -> None:
        """Keep only ``keep`` (if any survive), noting the rule when it removed cuts."""
        if keep and len(keep) < len(self.options):
            self.options = keep
            self.resolved_by = "+".join(filter(None, [self.resolved_by, rule]))

    def values(self) -> list[tuple[float, ...]]:
        return [_numbers(o, self.cell_ids) for o in self.options]

    def settle(self, stated: dict[str, set[float]]) -> None:
        """R7: where the narrative states exactly one of a cell's candidates, keep it."""
        for i, cid in enumerate(self.cell_ids):
            values = self.values()
            hits = {v[i] for v in values} & stated.get(cid, set())
            if len(hits) == 1 and len({v[i] for v in values}) > 1:
                hit = hits.pop()
                self.narrow([o for o, v in zip(self.options, values) if v[i] == hit], "R7")


def _r2(values: tuple[float, ...]) -> bool:
    return abs(sum(values[:6]) - values[6]) < 1e-6


def _r4(values: tuple[float, ...]) -> bool:
    return all(abs(sum(values[i:i + 4]) - values[i + 4]) < 1e-6 for i in range(0, len(values), 5))


def _cells_from(row: GluedRow) -> dict[str, ExtractedCell]:
    """Cells of a row from its surviving cuts: agreed values ``ok``, others ``ambiguous``."""
    cells: dict[str, ExtractedCell] = {}
    if not row.options:
        return cells
    for i, cid in enumerate(row.cell_ids):
        readings = {(o[i].text, o[i].start, o[i].end) for o in row.options}
        values = sorted({v[i] for v in row.values()})
        if len(values) == 1:
            text, s, e = sorted(readings)[0]
            parsed = parse_value(text, money=unit_of(cid) == "万元")
            cells[cid] = ExtractedCell(cid, parsed.value, text, STATUS_OK, Field(text, s, e),
                                       (), row.resolved_by)
        else:
            first = row.options[0]
            span = Field("".join(p.text for p in first), first[0].start, first[-1].end)
            cells[cid] = ExtractedCell(cid, None, span.text, STATUS_AMBIGUOUS, span,
                                       tuple(values), row.resolved_by)
    return cells


def _solve_requests(rows: dict[str, GluedRow], version: str, other_split: bool) -> None:
    """Keep only the cuts of each request row that take part in a joint R1+R3 solution."""
    results = [r for r in result_rows(version, other_split) if r in rows]
    outer = [r for r in ("new", "carried_in", "result_total", "carried_out") if r in rows]
    if len(outer) < 4:
        return
    width = len(REQUEST_COLUMN_IDS)

    def add(a: tuple, b: tuple) -> tuple:
        return tuple(x + y for x, y in zip(a, b))

    zero = (0.0,) * width
    # Forward/backward reachable partial sums of the result rows (R3 as a subset-sum).
    forward = [{zero}]
    for r in results:
        forward.append({add(s, v) for s in forward[-1] for v in set(rows[r].values())})
    backward = [{zero}]
    for r in reversed(results):
        backward.append({add(s, v) for s in backward[-1] for v in set(rows[r].values())})
    backward.reverse()

    keep: dict[str, set[tuple]] = {r: set() for r in list(rows)}
    for new, cin, tot, cout in product(*(set(rows[r].values()) for r in outer)):
        if add(new, cin) != add(tot, cout) or tot not in forward[-1]:
            continue
        for r in ("new", "carried_in", "result_total", "carried_out"):
            keep[r].add({"new": new, "carried_in": cin, "result_total": tot, "carried_out": cout}[r])
        for k, r in enumerate(results):
            for v in set(rows[r].values()):
                if any(add(add(s, v), b) == tot for s in forward[k] for b in backward[k + 1]):
                    keep[r].add(v)
    # An empty keep (the printed table breaks R1/R3 itself) leaves R2's cuts standing.
    for r, row in rows.items():
        row.narrow([o for o, v in zip(row.options, row.values()) if v in keep.get(r, ())], "R1+R3")


def extract_glued(text: str, start: int, end: int, version: str,
                  stated: dict[str, set[float]] | None = None) -> dict[str, ExtractedCell]:
    """Cells of tables 二, 三 and 四 from run-together text between ``start`` and ``end``.

    ``stated`` holds figures the narrative gives for cells (R7), used only to settle
    cells the arithmetic leaves ambiguous.
    """
    stated = stated or {}
    cells: dict[str, ExtractedCell] = {}
    sequence = list(rows_for(version, "active")) + list(rows_for(version, "requests"))
    if not _prints_other_subrows(text, start, end):
        # （六） printed as one row: otherwise the sub-row label 其他 matches far off
        # (四's header 其他结果) and the rows after it are lost.
        sequence = [r for r in sequence if r.id not in OTHER_SUBROWS]
    labels = find_labels(text, start, end, sequence)
    review_at = _review_data_start(text, labels, end)
    bounds = [s for _, s, _ in labels[1:]] + [review_at]
    request_glued: dict[str, GluedRow] = {}
    for (row, _s, label_end), next_start in zip(labels, bounds):
        run, offset = value_run(text, label_end, next_start)
        if not run:
            continue  # a group heading such as （六）其他处理 before its sub-rows
        ids = [row.cell_id(c.id) for c in row.columns]
        options = splits(run, offset, ids)
        glued = GluedRow(ids, options)
        if row.table == "requests":
            glued.narrow([o for o, v in zip(options, glued.values()) if _r2(v)], "R2")
            request_glued[row.id] = glued
        else:
            glued.settle(stated)
            cells.update(_cells_from(glued))
    if request_glued:
        split = any(r.startswith("other.") for r in request_glued)
        ordered = {r: request_glued[r] for r in request_rows(version, split) if r in request_glued}
        _solve_requests(ordered, version, split)
        for glued in ordered.values():
            glued.settle(stated)
            cells.update(_cells_from(glued))
    cells.update(_review(text, review_at, end))
    return cells


def _prints_other_subrows(text: str, start: int, end: int) -> bool:
    """True if the 2021 sub-rows of （六） are printed (their long labels are present)."""
    subrows = [r for r in rows_for(V2021, "requests") if r.id in OTHER_SUBROWS[:2]]
    return any(_label_pattern(a).search(text, start, end) for r in subrows for a in aliases(r))


def _review_data_start(text: str, labels: list, end: int) -> int:
    """Offset of 四's heading (the end of the request table's region)."""
    after = labels[-1][2] if labels else 0
    m = re.search(r"四\s*[、.．][^。\d]{0,20}?行政法?复议", text[after:end])
    return after + m.start() if m else end


def _review(text: str, start: int, end: int) -> dict[str, ExtractedCell]:
    """The 15 review cells: the digit run after the last header word before 五."""
    m5 = re.search(r"五\s*[、.．]", text[start:end])
    stop = start + m5.start() if m5 else end
    header_end = start
    for m in re.finditer(r"总\s*计|审\s*结", text[start:stop]):
        header_end = start + m.end()
    run, offset = value_run(text, header_end, stop)
    if not run:
        return {}
    ids = [f"review.{r}.{c}" for r in ("review", "litigation_direct", "litigation_after_review")
           for c in ("upheld", "corrected", "other", "pending", "total")]
    options = splits(run, offset, ids)
    glued = GluedRow(ids, options)
    glued.narrow([o for o, v in zip(options, glued.values()) if _r4(v)], "R4")
    return _cells_from(glued)
