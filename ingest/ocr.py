"""OCR for PDF pages without a text layer: the page text and its ruled tables' rows.

``load_pdf`` reads every page that has a text layer with pdfplumber, and hands the others
here: each is rendered at 150 dpi (pypdfium2), its ruling lines and cells found
(``ingest.grid``), its text lines detected and recognised by RapidOCR's PP-OCRv4 Chinese
models (shipped inside the ``rapidocr-onnxruntime`` wheel: nothing is downloaded). The
result has the shapes the text path gives: the page text in reading order (lines grouped
by vertical position, as pdfplumber's ``extract_text``), and one ``Row`` per printed table
row whose ``Field``s carry the page, the cell's box in PDF points and the reading's
confidence, so ``ingest.extract`` and the arithmetic rules apply unchanged and
``ingest.tables.confirm_readings`` can flag a doubtful number.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from ingest.document import Field, ReportParseError, Row

log = logging.getLogger(__name__)

DPI = 150
# What a user sees when a page needs OCR and the engine is not installed.
INSTALL_HINT = "无文字层（扫描件），需要安装 OCR：pip install 'nianbao[ocr]'"
SPECK_CONFIDENCE = 0.5      # page text leaves out a character or two read less sure than this (a speck)
CELL_INSET = 2              # px of a cell's edge left out: the fringe of an erased rule is no text
MARGIN = 2                  # px kept around a cell's ink: anti-aliased stroke ends are lighter than the ink level
MIN_GLYPH = 8               # px: ink at least this tall in a cell is a character, if unread an unreadable one
MIN_SKEW = 0.2              # degrees: a page turned by less is read as it is
PAD = 4                     # px of white around a crop: the recogniser reads an edge glyph badly without it


class Engine(Protocol):
    """A text detector and recogniser over grey page images (pixel boxes x0, top, x1, bottom)."""

    name: str

    def detect(self, gray: np.ndarray) -> list[tuple[int, int, int, int]]: ...

    def recognise(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]: ...


class RapidEngine:
    """RapidOCR (PP-OCRv4 det + rec, ONNX runtime on the CPU); no angle classifier —
    a page lying on its side is not expected from a scanner's text pages."""

    name = "rapidocr"

    def __init__(self) -> None:
        from rapidocr_onnxruntime import RapidOCR

        self._ocr = RapidOCR()
        self._alike: dict[int, list[int]] = {}

    def detect(self, gray: np.ndarray) -> list[tuple[int, int, int, int]]:
        import cv2

        # Detecting on the page shrunk to DETECT_SCALE finds the same lines at half the cost;
        # the boxes are only where to look (the crops are cut from the full page).
        small = cv2.resize(gray, None, fx=self.DETECT_SCALE, fy=self.DETECT_SCALE, interpolation=cv2.INTER_AREA)
        quads, _ = self._ocr.text_det(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR))
        if quads is None:
            return []
        h, w = gray.shape
        out = []
        for q in quads:
            xs, ys = q[:, 0] / self.DETECT_SCALE, q[:, 1] / self.DETECT_SCALE
            out.append((max(0, int(xs.min())), max(0, int(ys.min())), min(w, int(np.ceil(xs.max()))),
                        min(h, int(np.ceil(ys.max())))))
        return out

    def recognise(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        """Read each crop (grey) as one line. Batches of similar width; unlike RapidOCR's own
        batching, a batch of short crops (a cell's lone digit) is not padded out to 320 px —
        the same readings at half the cost on a table page."""
        import cv2

        rec = self._ocr.text_rec
        height = rec.rec_image_shape[1]
        order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1] / max(1, crops[i].shape[0]))
        out: list[tuple[str, float]] = [("", 0.0)] * len(crops)
        for start in range(0, len(order), self.BATCH):
            batch = order[start:start + self.BATCH]
            ratio = max([self.MIN_RATIO] + [crops[i].shape[1] / max(1, crops[i].shape[0]) for i in batch])
            width = int(np.ceil(height * ratio))
            images = np.zeros((len(batch), 3, height, width), dtype=np.float32)
            for j, i in enumerate(batch):
                h, w = crops[i].shape
                resized = cv2.resize(crops[i], (min(width, int(np.ceil(height * w / max(1, h)))), height))
                images[j, :, :, :resized.shape[1]] = resized.astype(np.float32) / 127.5 - 1.0
            for i, probs in zip(batch, rec.session(images)[0]):
                out[i] = self._decode(probs)
        return out

    def _decode(self, probs: np.ndarray) -> tuple[str, float]:
        """Greedy CTC decoding; the confidence is that of the least sure character (one
        doubtful digit makes the number doubtful). A character's confidence is the
        probability of what it means, not of its glyph: a "0" shares its mass with "O", "o"
        and "〇", which ``value_text`` reads as the same digit, so the look-alikes' add up."""
        chars = self._chars()
        best = probs.argmax(axis=1)
        text: list[str] = []
        sure: list[float] = []
        previous = 0
        for t, k in enumerate(best):
            if k != 0:
                p = float(probs[t, self._alike.get(int(k), [int(k)])].sum())
                if k != previous:
                    text.append(chars[k])
                    sure.append(p)
                else:
                    sure[-1] = max(sure[-1], p)
            previous = k
        return "".join(text), min(sure, default=0.0)

    def _chars(self) -> list[str]:
        if not self._alike:
            chars = self._ocr.text_rec.postprocess_op.character
            index = {ch: i for i, ch in enumerate(chars)}
            for group in LOOK_ALIKE:
                members = [index[ch] for ch in group if ch in index]
                for i in members:
                    self._alike[i] = members
        return self._ocr.text_rec.postprocess_op.character

    BATCH = 6
    MIN_RATIO = 2.0
    DETECT_SCALE = 0.75


def available() -> bool:
    """True if the OCR engine (rapidocr-onnxruntime and OpenCV) is installed."""
    return all(importlib.util.find_spec(m) is not None for m in ("rapidocr_onnxruntime", "cv2"))


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """The engine, built on first use (loading the models takes ~0.5 s) and kept."""
    return RapidEngine()


@dataclass(frozen=True)
class Piece:
    """One recognised text line: its pixel box, text, confidence and the table cell it is in."""

    box: tuple[int, int, int, int]
    text: str
    confidence: float
    cell: int = -1          # index into the page's cells, -1 outside every table


@dataclass(frozen=True)
class OcrPage:
    """What OCR read on one page."""

    number: int
    text: str                # lines top to bottom, boxes on a line left to right
    rows: tuple[Row, ...]
    tables: int              # ruled tables found (0 also when the rows come from box geometry)
    seconds: float
    pieces: int              # text lines recognised

    def progress_line(self, path: str, total: int) -> str:
        return (f"{path}: OCR 第{self.number}页（共{total}页）{self.seconds:.1f}s，"
                f"{self.pieces}行文字，{sum(len(r.fields) for r in self.rows)}个表格格")


Progress = Callable[[OcrPage], None]


# ---------------------------------------------------------------- numbers as printed

_CONFUSABLE = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "〇": "0", "○": "0", "l": "1", "I": "1",
                             "|": "1", "i": "1", "!": "1", "丨": "1", "S": "5", "s": "5", "B": "8", "Z": "2",
                             "z": "2", "g": "9", "q": "9"})
_SEPARATORS = str.maketrans({"，": ",", "。": ".", "．": ".", "·": "."})
# At a number's edges: specks read as punctuation, and a rule's fringe read as a bar or bracket.
_LEAD_JUNK = ".,'`‘’\"_~:;*|丨!()（）[]"
_TRAIL_JUNK = _LEAD_JUNK + "+-"
# Glyphs read as one digit (see value_text); the recogniser's confidence is summed over them.
LOOK_ALIKE = ("0OoDQ〇○", "1lI|i!丨", "5Ss", "8B", "2Zz", "9gq")
_NUMBERISH = re.compile(r"[\dOoDQlIiSsBZz.,，。．·\s]*\d[\dOoDQlIiSsBZz.,，。．·\s]*")
DOUBT = 0.5       # at most the confidence of a reading that had to be repaired (a speck stripped, a comma for a point…)


def value_text(text: str, confidence: float) -> tuple[str, float]:
    """A cell's OCR text as the printed number, with the reading's confidence.

    Handles the usual misreadings of digits: a letter for a look-alike digit (O/0, l/1,
    S/5, B/8 — the recogniser's confidence already counts the look-alikes as one, see
    ``RapidEngine``), thousands separators (``1,234``), a comma or full stop for the
    decimal point of a 万元 amount, specks read as punctuation at either end, spaces inside
    the number. A text that needed a repair beyond look-alikes, spaces and thousands
    separators keeps at most ``DOUBT`` confidence, so only the rules can confirm it
    (ingest.tables.confirm_readings). Label text comes back unchanged.
    """
    t = re.sub(r"\s+", "", text)
    if not t or re.fullmatch(r"\d+(?:\.\d+)?", t):
        return t, confidence
    if re.fullmatch(r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?", t):
        return re.sub(r"[,，]", "", t), confidence
    if any(not (ch.isascii() or ch in "〇○丨，。．·（）") for ch in t):
        return text.strip(), confidence            # Chinese in it: a label, not a number
    stripped = t.lstrip(_LEAD_JUNK).rstrip(_TRAIL_JUNK)
    core = stripped or t
    repaired = stripped != t                       # a rule's fringe or a speck at an edge
    if not re.search(r"\d", core) and len(core) > 2:
        return text.strip(), confidence            # a word, not a digit misread
    alike = core.translate(_CONFUSABLE)
    number = alike.translate(_SEPARATORS)
    repaired = repaired or number != alike or (alike != core and not re.search(r"\d", core) and len(core) > 1)
    sure = min(confidence, DOUBT) if repaired else confidence
    if re.fullmatch(r"\d+(?:\.\d+)?", number):
        return number, sure
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", number):
        return number.replace(",", ""), sure
    if re.fullmatch(r"\d+,\d{1,2}", number):
        return number.replace(",", "."), min(confidence, DOUBT)
    return text.strip(), confidence


_CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]"
_HALF_WIDTH = {"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}


def chinese_punctuation(text: str) -> str:
    """Half-width punctuation the recogniser puts beside Chinese characters in its
    full-width form, as the text layer of these reports prints it: "（一）", "情形，不"."""
    return re.sub(rf"(?<={_CJK})[(),:;?!]|[(),:;?!](?={_CJK})", lambda m: _HALF_WIDTH[m.group(0)], text)


# ---------------------------------------------------------------- one page

def _crop(gray: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    x0, y0, x1, y1 = box
    crop = np.pad(gray[y0:y1, x0:x1], PAD, constant_values=255)
    # A column of upright characters (a group label printed vertically) is read turned on
    # its side, as PaddleOCR does with tall boxes.
    return np.ascontiguousarray(np.rot90(crop)) if (y1 - y0) >= 1.5 * (x1 - x0) and y1 - y0 > 40 else crop


def _shrink(box: tuple[int, int, int, int], by: int) -> tuple[int, int, int, int]:
    return (box[0] + by, box[1] + by, box[2] - by, box[3] - by)


def _grow(box: tuple[int, int, int, int], cell: tuple[int, int, int, int], by: int = MARGIN) -> tuple[int, int, int, int]:
    inner = _shrink(cell, CELL_INSET)
    return (max(inner[0], box[0] - by), max(inner[1], box[1] - by), min(inner[2], box[2] + by), min(inner[3], box[3] + by))


def _clip(box: tuple[int, int, int, int], to: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    x0, y0, x1, y1 = max(box[0], to[0]), max(box[1], to[1]), min(box[2], to[2]), min(box[3], to[3])
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def read_page(gray: np.ndarray, number: int, engine: Engine, dpi: int = DPI) -> OcrPage:
    """OCR one rendered page (grey, uint8): its text and its table rows."""
    from ingest import grid

    started = time.perf_counter()
    angle = grid.skew_angle(grid.binarise(gray))
    if abs(angle) >= MIN_SKEW:
        gray = grid.rotate(gray, angle)     # a scan a little askew: rules must run straight
    lines = grid.ruling_lines(grid.rule_ink(gray), dpi)
    tables, lines = grid.find_tables(lines, dpi)
    clean = gray.copy()
    clean[lines > 0] = 255               # the rules are not text: erased before reading
    ink = grid.binarise(clean, grid.TEXT_LEVEL)
    cells: list[tuple[int, int, int, int]] = []
    for table in tables:
        cells.extend(grid.table_cells(lines, table))
    # Text lines: the detector's boxes, cut at cell borders; then whatever ink in a cell the
    # detector missed (a lone "0" in a wide cell often goes unseen) as a box of its own.
    # Each box is the ink's extent plus a margin inside the cell: a digit's light strokes
    # must not be cut off (a 4 cropped to its stem reads as 1).
    boxes: list[tuple[tuple[int, int, int, int], int]] = []
    for box in engine.detect(clean):
        if not any(grid.inside(box, t) for t in tables):
            for part in grid.split_at_gaps(ink, box):
                inked = grid.ink_box(ink, part, inset=0)
                if inked is not None:
                    boxes.append((_grow(inked, (0, 0, gray.shape[1], gray.shape[0])), -1))
            continue
        for k, cell in enumerate(cells):
            clipped = _clip(box, _shrink(cell, CELL_INSET))
            found = grid.ink_box(ink, clipped, inset=0) if clipped is not None else None
            if found is not None:
                boxes.append((_grow(found, cell), k))
    covered = np.zeros_like(ink)
    for box, _ in boxes:
        covered[max(0, box[1] - 1):box[3] + 1, max(0, box[0] - 1):box[2] + 1] = 255
    rest = np.where(covered > 0, 0, ink).astype(np.uint8)
    for k, cell in enumerate(cells):
        found = grid.ink_box(rest, cell, inset=CELL_INSET)
        if found is not None:
            boxes.append((_grow(found, cell), k))
    read = engine.recognise([_crop(clean, b) for b, _ in boxes])
    # A number whose ink has more baseline specks than the reading has points and commas
    # has lost one (a decimal point, most dangerously): the reading is in doubt.
    read = [(text, min(conf, DOUBT) if k >= 0 and _NUMBERISH.fullmatch(text.strip())
             and grid.dots(ink, b) > sum(ch in ".,，。．·" for ch in text) else conf)
            for (b, k), (text, conf) in zip(boxes, read)]
    # A cell's ink the recogniser made nothing of (a faint or smudged number) is kept, as
    # a piece without text: that cell is unreadable, not blank.
    pieces = [Piece(b, chinese_punctuation(text.strip()), conf, k) for (b, k), (text, conf) in zip(boxes, read)
              if text.strip() or (k >= 0 and b[3] - b[1] >= MIN_GLYPH)]
    read_pieces = [p for p in pieces if p.text]
    outside = [p for p in read_pieces if p.cell < 0]
    unread = ink.copy()                  # ink that no box read text from
    for p in read_pieces:
        unread[max(0, p.box[1] - 1):p.box[3] + 1, max(0, p.box[0] - 1):p.box[2] + 1] = 0
    rows = _table_rows(pieces, cells, number, dpi) + _box_rows(outside, unread, clean, engine, number, dpi)
    rows.sort(key=lambda r: min(f.bbox[1] for f in r.fields if f.bbox))   # printed order, ruled or not
    text = page_lines([p for p in read_pieces if p.cell >= 0 or p.confidence >= SPECK_CONFIDENCE or len(p.text) > 2])
    return OcrPage(number, text, tuple(rows), len(tables), time.perf_counter() - started, len(pieces))


def page_lines(pieces: Sequence[Piece]) -> str:
    """The page text: pieces grouped into lines by vertical position, top to bottom,
    left to right, one space between the pieces of a line (as between table cells)."""
    from ingest.grid import text_lines

    boxes = [p.box for p in pieces]
    return "\n".join(" ".join(pieces[i].text for i in line.members) for line in text_lines(boxes))


def _cell_text(pieces: Sequence[Piece]) -> tuple[str, float]:
    """A cell's text (lines of a wrapped label joined without a break, as the text path
    does) and its confidence (that of its least sure line; an empty cell is sure, one with
    ink but no text read has none)."""
    from ingest.grid import text_lines

    if not pieces:
        return "", 1.0
    if not any(p.text for p in pieces):
        return "", 0.0
    pieces = [p for p in pieces if p.text]
    boxes = [p.box for p in pieces]
    text = "".join(pieces[i].text for line in text_lines(boxes) for i in line.members)
    return value_text(text, min(p.confidence for p in pieces))


def _table_rows(pieces: Sequence[Piece], cells: Sequence[tuple[int, int, int, int]], number: int,
                dpi: int) -> list[Row]:
    from ingest.grid import grid_rows

    by_cell: dict[int, list[Piece]] = {}
    for p in pieces:
        if p.cell >= 0:
            by_cell.setdefault(p.cell, []).append(p)
    index = {cell: k for k, cell in enumerate(cells)}
    scale = 72 / dpi
    rows = []
    for printed in grid_rows(cells):
        fields = []
        for cell in printed:
            text, confidence = _cell_text(by_cell.get(index[cell], []))
            x0, top, x1, bottom = (v * scale for v in cell)
            fields.append(Field(text, page=number, bbox=(x0, top, x1, bottom), confidence=round(confidence, 4)))
        rows.append(Row(tuple(fields), page=number))
    return rows


def _box_rows(pieces: Sequence[Piece], unread: np.ndarray, clean: np.ndarray, engine: Engine, number: int,
              dpi: int) -> list[Row]:
    """Rows of tables printed without ruling lines, from the text boxes' geometry: each
    column's text one field, its box the column's extent over the row (as a cell's). Ink
    in an empty slot that no box read (``unread``: the detector missed it, or its box read
    as nothing) is read again, cut to the slot."""
    from ingest.grid import column_rows, ink_box

    scale = 72 / dpi
    readings = [value_text(p.text, p.confidence) for p in pieces]
    is_value = [bool(re.fullmatch(r"[+\-]?\d+(?:\.\d+)?", t)) for t, _ in readings]
    tables = column_rows([p.box for p in pieces], is_value)
    slots: list[tuple[int, int, int, tuple[int, int, int, int]]] = []      # table, row, column, box
    for t, table in enumerate(tables):
        for r, (members, (top, bottom)) in enumerate(zip(table.rows, table.lines)):
            for c, ((x0, x1), held) in enumerate(zip(table.columns, members)):
                found = None if held else ink_box(unread, (x0, top, x1, bottom), inset=0)
                if found is not None:
                    slots.append((t, r, c, found))
    missed = {(t, r, c): Piece(box, text.strip(), conf)
              for (t, r, c, box), (text, conf) in zip(slots, engine.recognise([_crop(clean, s[3]) for s in slots]))}
    rows = []
    for t, table in enumerate(tables):
        for r, (members, (top, bottom)) in enumerate(zip(table.rows, table.lines)):
            fields = []
            for c, ((x0, x1), held) in enumerate(zip(table.columns, members)):
                here = [pieces[i] for i in held] or ([missed[t, r, c]] if (t, r, c) in missed else [])
                text, confidence = _cell_text(here)
                fields.append(Field(text, page=number, bbox=(x0 * scale, top * scale, x1 * scale, bottom * scale),
                                    confidence=round(confidence, 4)))
            rows.append(Row(tuple(fields), page=number))
    return rows


# ---------------------------------------------------------------- a file

def render(pdf, index: int, dpi: int = DPI) -> np.ndarray:
    """Page ``index`` (0-based) of an open pypdfium2 document as a grey uint8 image."""
    bitmap = pdf[index].render(scale=dpi / 72, grayscale=True)
    image = bitmap.to_numpy()
    return np.ascontiguousarray(image[:, :, 0] if image.ndim == 3 else image)


def ocr_pages(path: Path, numbers: Sequence[int], progress: Progress | None = None,
              engine: Engine | None = None, dpi: int = DPI) -> dict[int, OcrPage]:
    """OCR the given pages (1-based) of a PDF; raises ReportParseError when the engine is
    not installed. Each page done is passed to ``progress`` (default: an INFO log line)."""
    if engine is None:
        if not available():
            raise ReportParseError(str(path), INSTALL_HINT, numbers[0] if numbers else None)
        engine = default_engine()
    import pypdfium2 as pdfium

    done: dict[int, OcrPage] = {}
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in numbers:
            page = read_page(render(pdf, number - 1, dpi), number, engine, dpi)
            done[number] = page
            if progress is not None:
                progress(page)
            else:
                log.info("%s", page.progress_line(str(path), len(pdf)))
    finally:
        pdf.close()
    return done


def image_only_pdf(source: Path, target: Path, dpi: int = DPI) -> Path:
    """``source`` as a scanner would give it: every page an image at ``dpi`` (JPEG inside,
    as Pillow writes it), no text layer. For tests and benchmarks of the OCR path."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source))
    try:
        images = [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()
    images[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return target
