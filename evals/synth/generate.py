"""Synthetic annual reports with known answers, for round-trip tests of the extractor.

``generate(seed, n, out)`` writes ``n`` reports in every format and layout the corpus
has (PDF with ruled tables crossing a page, DOCX with merged cells, HTML with
rowspan/colspan, and TXT as tab, cell_lines, pipe and glued web text), each beside a
``<name>.truth.json`` holding what a perfect extractor returns:

    {"issuer", "year", "template", "format", "layout",
     "cells": {cell_id: value in 件 or 万元, or null for a printed blank},
     "injected_error": null or {"rule": "R3"|"R4", "cells": [...], "off_by": k}}

``layout`` is ``tab``, ``cell_lines``, ``pipe`` or ``glued`` for TXT, and ``html-table``,
``docx-table`` or ``pdf-table`` for the other formats. The same seed gives the same
reports. Numbers obey R1–R4 except in the ~10% of reports where one R3 or R4 total is
deliberately off by k (recorded in the truth).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from evals.synth.data import SynthReport, make_report
from evals.synth.text import plan, render_cell_lines, render_pipe, render_tab

# (format, layout) in the order reports cycle through them: every layout in each run of
# ten, PDFs (the slowest to read back) one in ten.
KINDS: tuple[tuple[str, str], ...] = (
    ("txt", "tab"), ("txt", "cell_lines"), ("txt", "pipe"), ("txt", "glued"), ("html", "html-table"),
    ("docx", "docx-table"), ("pdf", "pdf-table"), ("txt", "tab"), ("txt", "glued"), ("docx", "docx-table"),
)
TXT_LAYOUTS = {"tab": render_tab, "cell_lines": render_cell_lines, "pipe": render_pipe}
# Layouts whose printed blanks stay readable (pipe padding lines and glued text cannot show one).
BLANKS_ALLOWED = {"tab", "cell_lines", "html-table", "docx-table", "pdf-table"}


def render(rng: random.Random, report: SynthReport, fmt: str, layout: str) -> bytes:
    """The file's bytes for one report in one format and layout."""
    blocks = plan(rng, report)
    title = "".join(b.text for b in blocks if b.kind == "title")
    if fmt == "txt" and layout == "glued":
        from evals.synth.glued import render_glued

        return render_glued(rng, report, blocks, title).encode("utf-8")
    if fmt == "txt":
        return encode(rng, TXT_LAYOUTS[layout](rng, blocks))
    from evals.synth import render as synth_render

    if fmt == "html":
        return synth_render.render_html(rng, blocks, title, site=report.issuer + "门户网站")
    if fmt == "docx":
        return synth_render.render_docx(rng, blocks)
    if fmt == "pdf":
        return synth_render.render_pdf(rng, blocks)
    raise ValueError(f"unknown format {fmt!r}")


def encode(rng: random.Random, text: str) -> bytes:
    """Text files as offices save them: mostly UTF-8, some with a BOM, CRLF or in GB18030."""
    if rng.random() < 0.2:
        text = text.replace("\n", "\r\n")
    form = rng.choices(["utf-8", "utf-8-sig", "gb18030"], [6, 1, 2])[0]
    return text.encode(form)


def truth(report: SynthReport, fmt: str, layout: str) -> dict:
    """The truth record of one report (see the module docstring)."""
    cells = {cid: (None if v is None else int(v) if float(v).is_integer() else v)
             for cid, v in report.truth_cells().items()}
    return {"issuer": report.issuer, "year": report.year, "template": report.version, "format": fmt,
            "layout": layout, "cells": cells, "injected_error": report.injected}


def make_one(seed: int, index: int, fmt: str, layout: str, error_rate: float = 0.1
             ) -> tuple[bytes, dict]:
    """One report's file bytes and truth, determined by (seed, index, format, layout)."""
    rng = random.Random(f"nianbao-synth:{seed}:{index}")
    report = make_report(rng, glued=layout == "glued", blanks=layout in BLANKS_ALLOWED,
                         omit=layout != "glued", error_rate=error_rate)
    return render(rng, report, fmt, layout), truth(report, fmt, layout)


def generate(seed: int, n: int, out: Path, kinds: tuple[tuple[str, str], ...] = KINDS) -> list[Path]:
    """Write ``n`` reports and their truth files into ``out``; returns the report paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        fmt, layout = kinds[i % len(kinds)]
        data, record = make_one(seed, i, fmt, layout)
        name = f"synth-{seed}-{i:04d}-{layout}"
        path = out / f"{name}.{fmt}"
        path.write_bytes(data)
        (out / f"{name}.truth.json").write_text(json.dumps(record, ensure_ascii=False, indent=1),
                                                encoding="utf-8")
        paths.append(path)
    return paths


def truth_path(report_path: Path) -> Path:
    """The sidecar truth file of a generated report."""
    return report_path.with_name(report_path.name.rsplit(".", 1)[0] + ".truth.json")
