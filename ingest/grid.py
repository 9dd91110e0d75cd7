"""Where a page image's tables are: ruling lines, the cells they enclose, rows of cells.

For an OCR'd page (see ``ingest.ocr``) this stands in for what pdfplumber's
``find_tables`` gives on a text page. The page is straightened first (``skew_angle``);
ruling lines are pulled out of its ink with long thin morphological openings (a
character's strokes are shorter than the kernels); a table is a connected set of lines an
inch wide or more; its cells are the regions the lines enclose, so a merged cell (a group
label spanning rows, a header spanning columns) is one region, as in the print. A page
whose table has no ruling lines is read by the text boxes' geometry instead
(``column_rows``). Everything here is pure: arrays in, pixel boxes out,
``(x0, top, x1, bottom)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

Box = tuple[int, int, int, int]

INK_LEVEL = 160          # grey below this is a rule's ink (0 black … 255 white); a light cell shading is not
RULE_CONTRAST = 30       # grey levels darker than the 25 px neighbourhood's mean: a rule's (faint) ink
TEXT_LEVEL = 200         # grey below this is text: the thin strokes of a small, scanned digit are light
MIN_CELL = 10            # px: smaller enclosed regions are gaps between double lines, not cells
ROW_TOLERANCE = 6        # px: cells whose tops differ by less start the same row
COLUMN_GAP = 1.5         # line heights between a lone number and its label, at least, in a table row
WORD_GAP = 1.0           # line heights of blank inside a detected box that part two columns' text


def binarise(gray: np.ndarray, level: int = INK_LEVEL) -> np.ndarray:
    """Ink mask (255 where ink) of a grey page image."""
    return np.where(gray < level, 255, 0).astype(np.uint8)


def rule_ink(gray: np.ndarray) -> np.ndarray:
    """Ink mask for finding rules: pixels clearly darker than their surroundings. A thin
    rule that a scan (or a slight turn) has left grey and broken still counts, a light cell
    shading does not (its inside is as light as its surroundings)."""
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, RULE_CONTRAST)
    return cv2.bitwise_or(ink, binarise(gray))


def skew_angle(ink: np.ndarray, limit: float = 3.0, step: float = 0.1) -> float:
    """The rotation (degrees, counter-clockwise, for ``rotate``) that straightens a scanned
    page: the one at which the rows of ink are sharpest (the row sums change most from one
    pixel row to the next), searched within ``limit``."""
    small = cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    if not small.any():
        return 0.0
    h, w = small.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        turned = cv2.warpAffine(small, cv2.getRotationMatrix2D(centre, angle, 1.0), (w, h))
        rows = turned.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(np.arange(-limit, limit + 1e-9, 0.5), key=sharpness)
    fine = np.arange(coarse - 0.5, coarse + 0.5 + 1e-9, step)
    return round(float(max(fine, key=sharpness)), 2)


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """The page turned by ``angle`` degrees about its centre, the corners filled white."""
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def ruling_lines(ink: np.ndarray, dpi: int) -> np.ndarray:
    """Mask of the horizontal and vertical ruling lines, slightly thickened so that lines
    meeting at a corner (or stopping a pixel short of it) join."""
    # A horizontal run of 29 pt is longer than any stroke of a 22 pt heading character; a
    # vertical run of 14 pt longer than a body digit's stem. Cell borders are longer.
    horizontal = max(20, round(dpi * 29 / 72))
    vertical = max(10, round(dpi * 14 / 72))
    # Closing by 3 px first mends a rule broken by scanning noise, not text (its characters
    # stand further apart).
    h = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 1)))
    v = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3)))
    h = cv2.morphologyEx(h, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (horizontal, 1)))
    v = cv2.morphologyEx(v, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vertical)))
    h = cv2.dilate(h, cv2.getStructuringElement(cv2.MORPH_RECT, (7, 3)))
    v = cv2.dilate(v, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 7)))
    return cv2.bitwise_or(h, v)


def find_tables(lines: np.ndarray, dpi: int) -> tuple[list[Box], np.ndarray]:
    """Boxes of the ruled tables (connected groups of lines at least an inch wide and a
    quarter inch high), and the line mask keeping only those: the strokes of a large bold
    heading, which the openings also keep, belong to no table and are not rules."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    out = []
    keep = np.zeros(n, dtype=bool)
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w >= dpi and h >= dpi / 4:
            out.append((int(x), int(y), int(x + w), int(y + h)))
            keep[i] = True
    return sorted(out, key=lambda b: (b[1], b[0])), np.where(keep[labels], 255, 0).astype(np.uint8)


def table_cells(lines: np.ndarray, table: Box) -> list[Box]:
    """The regions the ruling lines enclose inside a table box. The box's own outline is
    drawn first, so a table cut by the page break (no bottom or top rule) still closes."""
    x0, y0, x1, y1 = table
    sub = lines[y0:y1, x0:x1].copy()
    cv2.rectangle(sub, (0, 0), (sub.shape[1] - 1, sub.shape[0] - 1), 255, 3)
    free = (sub == 0).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(free, connectivity=4)
    cells = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w >= MIN_CELL and h >= MIN_CELL:
            cells.append((int(x0 + x), int(y0 + y), int(x0 + x + w), int(y0 + y + h)))
    return cells


def grid_rows(cells: Sequence[Box]) -> list[list[Box]]:
    """Cells grouped into printed rows, as pdfplumber does: a row is the cells whose top
    edge lies on one rule, left to right; a merged cell belongs to the row where it starts."""
    rows: list[list[Box]] = []
    for cell in sorted(cells, key=lambda c: (c[1], c[0])):
        if rows and abs(cell[1] - rows[-1][0][1]) < ROW_TOLERANCE:
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return [sorted(r, key=lambda c: c[0]) for r in rows]


def ink_box(ink: np.ndarray, box: Box, inset: int = 2) -> Box | None:
    """The bounding box of the ink inside ``box`` (ruling lines already removed), or None
    when the region is empty. Specks of one or two pixels are not ink."""
    x0, y0, x1, y1 = box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset
    if x1 <= x0 or y1 <= y0:
        return None
    sub = ink[y0:y1, x0:x1]
    if int(np.count_nonzero(sub)) < 6:
        return None
    n, _, stats, _ = cv2.connectedComponentsWithStats(sub, connectivity=8)
    keep = [stats[i] for i in range(1, n) if stats[i][4] >= 3]
    if not keep:
        return None
    left = min(int(s[0]) for s in keep)
    top = min(int(s[1]) for s in keep)
    right = max(int(s[0] + s[2]) for s in keep)
    bottom = max(int(s[1] + s[3]) for s in keep)
    return (x0 + left, y0 + top, x0 + right, y0 + bottom)


def split_at_gaps(ink: np.ndarray, box: Box) -> list[Box]:
    """A detected text box cut where its ink has a blank wider than ``WORD_GAP`` line
    heights: two numbers of a borderless table, side by side, come as one box."""
    x0, y0, x1, y1 = box
    columns = np.count_nonzero(ink[y0:y1, x0:x1], axis=0) > 0
    gap = max(2, int(WORD_GAP * (y1 - y0)))
    parts, start, blank = [], None, 0
    for x, inked in enumerate(columns):
        if inked:
            if start is None:
                start = x
            blank = 0
            end = x + 1
        elif start is not None:
            blank += 1
            if blank >= gap:
                parts.append((x0 + start, y0, x0 + end, y1))
                start = None
    if start is not None:
        parts.append((x0 + start, y0, x0 + end, y1))
    return parts if len(parts) > 1 else [box]


def dots(ink: np.ndarray, box: Box) -> int:
    """Specks on the baseline inside a number's box: its decimal points and thousands
    separators (a blob under a fifth of the median glyph's area, in the bottom third).
    A reading with fewer of them than the ink has has lost one (96171.6 read as 961716)."""
    x0, y0, x1, y1 = box
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink[y0:y1, x0:x1], connectivity=8)
    if n <= 2:
        return 0
    areas = [int(stats[i][4]) for i in range(1, n)]
    glyph = float(np.median([a for a in areas if a >= 3] or [1]))
    top = min(int(stats[i][1]) for i in range(1, n))
    bottom = max(int(stats[i][1] + stats[i][3]) for i in range(1, n))
    return sum(1 for i in range(1, n)
               if 3 <= stats[i][4] < glyph / 5 and stats[i][1] >= bottom - (bottom - top) / 3)


def inside(box: Box, outer: Box) -> bool:
    """True if the centre of ``box`` lies in ``outer``."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] <= cx < outer[2] and outer[1] <= cy < outer[3]


# ---------------------------------------------------------------- text lines

@dataclass(frozen=True)
class Line:
    """Text boxes on one printed line, left to right (indices into the caller's list)."""

    members: tuple[int, ...]
    top: int
    bottom: int


def text_lines(boxes: Sequence[Box]) -> list[Line]:
    """Boxes grouped into lines by vertical position: a box joins the line whose vertical
    extent it overlaps by more than half of the taller of the two (so a column of vertical
    text, spanning many rows, joins none of them); lines top to bottom."""
    order = sorted(range(len(boxes)), key=lambda i: ((boxes[i][1] + boxes[i][3]) / 2, boxes[i][0]))
    lines: list[list[int]] = []
    extents: list[list[int]] = []
    for i in order:
        x0, top, x1, bottom = boxes[i]
        height = max(1, bottom - top)
        for line, ext in zip(lines, extents):
            if min(bottom, ext[1]) - max(top, ext[0]) > 0.5 * max(height, ext[1] - ext[0]):
                line.append(i)
                ext[0], ext[1] = min(ext[0], top), max(ext[1], bottom)
                break
        else:
            lines.append([i])
            extents.append([top, bottom])
    out = [Line(tuple(sorted(members, key=lambda i: boxes[i][0])), ext[0], ext[1])
           for members, ext in zip(lines, extents)]
    return sorted(out, key=lambda ln: (ln.top + ln.bottom) / 2)


@dataclass(frozen=True)
class BoxTable:
    """A table read from text boxes alone: its column extents and, per printed row, the
    box indices in each column (a wrapped label's lines all in its row's label column)."""

    columns: tuple[tuple[int, int], ...]
    rows: tuple[tuple[tuple[int, ...], ...], ...]
    lines: tuple[tuple[int, int], ...]          # each row's vertical extent


def column_rows(boxes: Sequence[Box], is_value: Sequence[bool], min_rows: int = 1) -> list[BoxTable]:
    """Tables without ruling lines, from the text boxes' geometry.

    The numbers (``is_value``) make the rows: numbers side by side on one line are a
    printed row when there are two or more of them, or when one stands a column's gap to
    the right of its label (a sentence's "共21件" is never that far from its words). Rows
    close together make a table (of at least ``min_rows``); every other box between its
    first and last row (a label, the second line of a wrapped label, a group label
    beside several rows) joins the row nearest to it vertically. Columns are the clusters
    of the boxes' horizontal extents (boxes that overlap horizontally share a column).
    """
    values = [i for i in range(len(boxes)) if is_value[i]]
    words = [i for i in range(len(boxes)) if not is_value[i]]
    rows: list[tuple[int, ...]] = []
    for line in text_lines([boxes[i] for i in values]):
        members = tuple(values[k] for k in line.members)
        if len(members) >= 2 or _labelled(boxes[members[0]], [boxes[i] for i in words]):
            rows.append(members)
    runs: list[list[tuple[int, ...]]] = []
    for members in rows:
        if runs and _follows(boxes, runs[-1][-1], members):
            runs[-1].append(members)
        else:
            runs.append([members])
    return [_box_table(boxes, run, words) for run in runs if len(run) >= min_rows]


def _extent(boxes: Sequence[Box], members: Sequence[int]) -> tuple[int, int]:
    return min(boxes[i][1] for i in members), max(boxes[i][3] for i in members)


def _labelled(value: Box, words: Sequence[Box]) -> bool:
    """A lone number with a label on its line, a column's gap to its left."""
    height = max(1, value[3] - value[1])
    return any(min(value[3], w[3]) - max(value[1], w[1]) > 0.5 * height and value[0] - w[2] >= COLUMN_GAP * height
               for w in words)


def _follows(boxes: Sequence[Box], prev: Sequence[int], row: Sequence[int]) -> bool:
    """A table row follows the previous one closely (a heading row or two in between, no
    paragraph)."""
    top, bottom = _extent(boxes, prev)
    return _extent(boxes, row)[0] - bottom < 4 * max(1, bottom - top)


def _box_table(boxes: Sequence[Box], run: list[tuple[int, ...]], words: Sequence[int]) -> BoxTable:
    extents = [_extent(boxes, r) for r in run]
    height = max(1, min(b - t for t, b in extents))
    members = [list(r) for r in run]
    centres = [(t + b) / 2 for t, b in extents]
    for i in words:
        centre = (boxes[i][1] + boxes[i][3]) / 2
        if extents[0][0] - height / 2 <= centre <= extents[-1][1] + height / 2:
            members[min(range(len(run)), key=lambda k: abs(centres[k] - centre))].append(i)
    spans = sorted((boxes[i][0], boxes[i][2]) for m in members for i in m)
    columns: list[list[int]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    table_rows = []
    for m in members:
        slots: list[list[int]] = [[] for _ in columns]
        for i in sorted(m, key=lambda i: (boxes[i][1], boxes[i][0])):
            centre = (boxes[i][0] + boxes[i][2]) / 2
            slots[min(range(len(columns)), key=lambda c: _distance(centre, columns[c]))].append(i)
        table_rows.append(tuple(tuple(s) for s in slots))
    return BoxTable(tuple((c[0], c[1]) for c in columns), tuple(table_rows),
                    tuple(extents))


def _distance(x: float, span: list[int]) -> float:
    return 0.0 if span[0] <= x <= span[1] else min(abs(x - span[0]), abs(x - span[1]))

