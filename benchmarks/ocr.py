"""OCR against the text layer on the same reports: `python -m benchmarks ocr`.

Each real PDF of the corpus is read twice: as published (pdfplumber's text layer) and as
a scan of itself (every page rendered at 150 dpi into an image-only PDF, so every page
goes through ingest.ocr). Printed per file and in total: seconds per page, cells per
second, the OCR / text-layer ratios, and the cells against the hand-checked truth in
tests/expected (right, flagged, silently wrong, missing), and how much of the text
layer's text the OCR text reproduces. Wall seconds depend on what else runs; CPU seconds
(this process and its children) less so. With Debian's tesseract installed (chi_sim), the
same pages are read with it in place of RapidOCR as well.
"""

from __future__ import annotations

import difflib
import json
import re
import resource
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from benchmarks.measure import emit
from ingest.document import Document
from ingest.extract import Extraction

STEMS = ("govnb__szfgs2024", "kiro__hzq2023_working", "kiro__hzq2024_working")
EXPECTED = Path(__file__).resolve().parents[1] / "tests" / "expected"


class TesseractEngine:
    """Debian's tesseract (chi_sim) behind the ingest.ocr.Engine protocol: its own line
    boxes for detection; every crop of a page read in one call, stacked into one image."""

    name = "tesseract"
    GAP = 24          # px of white between stacked crops

    def __init__(self, binary: str) -> None:
        self.binary = binary

    def _tsv(self, image: np.ndarray, psm: int) -> list[dict[str, str]]:
        import cv2

        with tempfile.TemporaryDirectory() as tmp:
            png = Path(tmp) / "page.png"
            cv2.imwrite(str(png), image)
            out = subprocess.run([self.binary, str(png), "-", "-l", "chi_sim", "--psm", str(psm), "tsv"],
                                 capture_output=True, text=True, check=True).stdout
        lines = out.splitlines()
        head = lines[0].split("\t")
        return [dict(zip(head, ln.split("\t"))) for ln in lines[1:] if ln.count("\t") >= len(head) - 1]

    def detect(self, gray: np.ndarray) -> list[tuple[int, int, int, int]]:
        boxes: dict[tuple[str, str, str], list[int]] = {}
        for w in self._tsv(gray, 3):
            if w["level"] == "5" and w["text"].strip():
                x, y, bw, bh = (int(w[k]) for k in ("left", "top", "width", "height"))
                key = (w["block_num"], w["par_num"], w["line_num"])
                b = boxes.setdefault(key, [x, y, x + bw, y + bh])
                b[:] = [min(b[0], x), min(b[1], y), max(b[2], x + bw), max(b[3], y + bh)]
        return [(b[0], b[1], b[2], b[3]) for b in boxes.values()]

    def recognise(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        if not crops:
            return []
        width = max(c.shape[1] for c in crops) + 2 * self.GAP
        spans, y = [], self.GAP
        for c in crops:
            spans.append((y, y + c.shape[0]))
            y += c.shape[0] + self.GAP
        sheet = np.full((y, width), 255, dtype=np.uint8)
        for c, (top, bottom) in zip(crops, spans):
            sheet[top:bottom, self.GAP:self.GAP + c.shape[1]] = c
        texts: list[list[tuple[int, str, float]]] = [[] for _ in crops]
        for w in self._tsv(sheet, 6):
            if w["level"] != "5" or not w["text"].strip():
                continue
            centre = int(w["top"]) + int(w["height"]) / 2
            for k, (top, bottom) in enumerate(spans):
                if top - self.GAP / 2 <= centre < bottom + self.GAP / 2:
                    texts[k].append((int(w["left"]), w["text"].strip(), float(w["conf"]) / 100))
                    break
        out = []
        for words in texts:
            words.sort()
            out.append(("".join(t for _, t, _ in words), min((c for _, _, c in words), default=0.0)))
        return out


def tesseract_engine() -> TesseractEngine | None:
    """Debian's tesseract with the chi_sim data, if installed."""
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    langs = subprocess.run([binary, "--list-langs"], capture_output=True, text=True).stdout.split()
    return TesseractEngine(binary) if "chi_sim" in langs else None


def _score(stem: str, cells) -> dict[str, int]:
    from evals.metrics.extraction import score_report

    truth = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))["cells"]
    s = score_report(stem, truth, cells)
    return {"right": s.counts["correct"], "flagged": s.flagged, "flagged_right": s.counts["flagged_correct"],
            "silently_wrong": s.silently_wrong, "missing": s.counts["missing"], "total": s.total}


def _cpu() -> float:
    """CPU seconds of this process and its finished children (tesseract runs as one)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _read(path: Path, engine=None) -> tuple[float, float, Document, Extraction]:
    """(wall seconds, CPU seconds, document, extraction) of one file: load (OCR where
    needed) and extract."""
    from ingest.document import normalise
    from ingest.extract import extract, file_sha256
    from ingest.loaders import load_pdf

    started, cpu = time.perf_counter(), _cpu()
    doc = normalise(load_pdf(path, path.read_bytes(), progress=lambda page: None, engine=engine))
    ex = extract(doc, file_sha256(path))
    return time.perf_counter() - started, _cpu() - cpu, doc, ex


def _same_text(a: str, b: str) -> float:
    """How much of the text layer's text (whitespace aside) the OCR text reproduces."""
    a, b = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)
    return round(difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(), 4)


def run(corpus: Path, repeat: int = 3) -> None:
    """Text layer and OCR (and tesseract, when installed) on the corpus PDFs, one run."""
    import logging

    from ingest.ocr import available, default_engine, image_only_pdf

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    if not available():
        emit("ocr", error="rapidocr-onnxruntime is not installed: pip install 'nianbao[ocr]'")
        return
    engines: list[tuple[str, object]] = [("rapidocr", default_engine())]
    tesseract = tesseract_engine()
    if tesseract is not None:
        engines.append(("tesseract", tesseract))
    totals: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for stem in STEMS:
            source = corpus / "real" / f"{stem}.pdf"
            if not source.exists():
                continue
            timings = [_read(source) for _ in range(repeat)]
            text_s, text_cpu = min(t[0] for t in timings), min(t[1] for t in timings)
            _, _, text_doc, text_ex = timings[-1]
            pages = text_doc.pages
            scan = image_only_pdf(source, Path(tmp) / f"{stem}.pdf")
            figures: dict[str, object] = {"pages": pages, "cells": len(text_ex.cells),
                                          "text_layer": {"s_per_page": round(text_s / pages, 3),
                                                         "cells_per_s": round(len(text_ex.cells) / text_s, 1)}}
            add(totals, "text_layer", text_s, text_cpu, pages, len(text_ex.cells), _score(stem, text_ex.cells))
            for name, engine in engines:
                seconds, cpu, doc, ex = _read(scan, engine if name != "rapidocr" else None)
                score = _score(stem, ex.cells)
                figures[name] = {"s_per_page": round(seconds / pages, 2), "cpu_s_per_page": round(cpu / pages, 2),
                                 "cells_per_s": round(len(ex.cells) / seconds, 1),
                                 "x_text_layer": round(seconds / text_s, 1),
                                 "text_match": _same_text(text_doc.text, doc.text), **score}
                add(totals, name, seconds, cpu, pages, len(ex.cells), score)
            emit("ocr", file=stem, **figures)
    summary = {name: {"s_per_page": round(t["seconds"] / t["pages"], 2), "cpu_s_per_page": round(t["cpu"] / t["pages"], 2),
                      "cells_per_s": round(t["cells"] / t["seconds"], 1),
                      "x_text_layer": round(t["seconds"] / totals["text_layer"]["seconds"], 1),
                      **{k: int(t[k]) for k in COUNTS}}
               for name, t in totals.items()}
    emit("ocr", file="all", pages=int(totals["text_layer"]["pages"]), **summary)


COUNTS = ("right", "flagged", "silently_wrong", "missing", "total")


def add(totals: dict[str, dict[str, float]], name: str, seconds: float, cpu: float, pages: int, cells: int,
        score: dict[str, int]) -> None:
    t = totals.setdefault(name, dict.fromkeys(("seconds", "cpu", "pages", "cells") + COUNTS, 0.0))
    t["seconds"] += seconds
    t["cpu"] += cpu
    t["pages"] += pages
    t["cells"] += cells
    for k in COUNTS:
        t[k] += score[k]


if __name__ == "__main__":
    from benchmarks.__main__ import DEFAULT_CORPUS

    run(DEFAULT_CORPUS)
