"""Where a cell was read, as a picture or as text: PDF page crops and source-text context.

Page crops are drawn with pdfplumber (``page.to_image`` + ``draw_rect``) and cached twice:
as PNG files under ``<data dir>/cache/pages`` (kept across restarts, named by the file's
content hash) and in memory. A source file that moved or changed since it was ingested
gives no picture rather than a wrong one.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import re
import threading
from collections import OrderedDict
from pathlib import Path

from assistant.domain.records import Cell, Report
from ingest.extract import file_sha256

log = logging.getLogger(__name__)

RESOLUTION = 110          # pixels per inch of the rendered crop
MARGIN = 90.0             # PDF points shown above and below the cell's box
STROKE = (220, 38, 38)    # red box around the cell
FILL = (250, 204, 21, 70)


def parse_position(position: str) -> tuple[str, tuple[float, ...]] | None:
    """'bbox 1,2,3,4' -> ('bbox', (1.0, 2.0, 3.0, 4.0)); 'chars 5-9' -> ('chars', (5.0, 9.0))."""
    kind, _, rest = (position or "").split(";")[0].partition(" ")
    try:
        if kind == "bbox":
            numbers = tuple(float(v) for v in rest.split(","))
            return (kind, numbers) if len(numbers) == 4 else None
        if kind == "chars":
            a, b = rest.split("-")
            return kind, (float(int(a)), float(int(b)))
    except ValueError:
        return None
    return None


def ocr_confidence(position: str) -> float | None:
    """The OCR confidence stored with a cell's position ('bbox …; ocr 0.93'), None if not OCR."""
    found = re.search(r";\s*ocr\s+([0-9.]+)", position or "")
    return float(found.group(1)) if found else None


class SourceViews:
    """Page crops and source text for the sources panel (one per app, thread-safe)."""

    def __init__(self, cache_dir: Path, memory_items: int = 64):
        self.cache_dir = cache_dir
        self._memory: OrderedDict[tuple, str | None] = OrderedDict()
        self._texts: OrderedDict[tuple, str | None] = OrderedDict()
        self._memory_items = memory_items
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ pdf

    def cell_image(self, report: Report, cell: Cell) -> str | None:
        """A data: URI of the page region around the cell with its box drawn, or None."""
        where = parse_position(cell.position)
        if report.format != "pdf" or not cell.page or where is None or where[0] != "bbox":
            return None
        key = (report.sha256, cell.page, where[1])
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]
        png = self._png(report, cell.page, where[1])
        uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii") if png else None
        with self._lock:
            self._memory[key] = uri
            while len(self._memory) > self._memory_items:
                self._memory.popitem(last=False)
        return uri

    @staticmethod
    def can_draw(report: Report, cell: Cell) -> bool:
        """Whether the cell has a place on a PDF page to draw (the file may still be gone)."""
        where = parse_position(cell.position)
        return report.format == "pdf" and bool(cell.page) and where is not None and where[0] == "bbox"

    def cell_image_file(self, report: Report, cell: Cell, *, render: bool = True) -> Path | None:
        """The cached PNG file of the page region around the cell (drawn first when
        ``render`` and not cached yet), or None. The app serves these files by URL so
        the browser loads each picture lazily instead of receiving them inside the HTML."""
        where = parse_position(cell.position)
        if report.format != "pdf" or not cell.page or where is None or where[0] != "bbox":
            return None
        cached = self._cache_file(report, cell.page, where[1])
        if cached.exists():
            return cached
        if not render:
            return None
        return cached if self._png(report, cell.page, where[1]) else None

    def _cache_file(self, report: Report, page_no: int, bbox: tuple[float, ...]) -> Path:
        name = hashlib.sha256(f"{report.sha256}|{page_no}|{bbox}|{RESOLUTION}".encode()).hexdigest()[:24]
        return self.cache_dir / f"{name}.png"

    def _png(self, report: Report, page_no: int, bbox: tuple[float, ...]) -> bytes | None:
        cached = self._cache_file(report, page_no, bbox)
        if cached.exists():
            return cached.read_bytes()
        path = Path(report.source_path)
        if not path.exists() or file_sha256(path) != report.sha256:
            return None
        try:
            png = render_crop(path, page_no, bbox)
        except Exception:  # a broken page must not break the answer
            log.exception("could not render page %s of %s", page_no, path)
            return None
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.stem}.{threading.get_ident()}.part")   # never serve a half-written file
        partial.write_bytes(png)
        partial.replace(cached)
        return png

    # ------------------------------------------------------------------ text

    def source_text(self, report: Report) -> str | None:
        """The loaded text of the report's file (what "chars s-e" positions count in)."""
        key = (report.source_path, report.sha256)
        with self._lock:
            if key in self._texts:
                return self._texts[key]
        text = None
        path = Path(report.source_path)
        if path.exists() and file_sha256(path) == report.sha256:
            try:
                from ingest.loaders import load

                text = load(path).text
            except Exception:
                log.exception("could not reload %s", path)
        with self._lock:
            self._texts[key] = text
            while len(self._texts) > 16:
                self._texts.popitem(last=False)
        return text


def render_crop(path: Path, page_no: int, bbox: tuple[float, ...], resolution: int = RESOLUTION) -> bytes:
    """PNG of page ``page_no`` (1-based) from MARGIN above to MARGIN below ``bbox``, box drawn."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[page_no - 1]
        x0, top, x1, bottom = bbox
        region = page.crop((0, max(0.0, top - MARGIN), page.width, min(float(page.height), bottom + MARGIN)))
        image = region.to_image(resolution=resolution)
        image.draw_rect((x0, top, x1, bottom), fill=FILL, stroke=STROKE, stroke_width=3)
        out = io.BytesIO()
        image.annotated.save(out, format="PNG", optimize=True)
        return out.getvalue()

