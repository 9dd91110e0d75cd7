"""Parallel ingest: worker processes parse, extract and embed; this process writes.

One writer keeps every store consistent (SQLite allows one writer; the per-report
transaction stays the commit point), while the slow parts — PDF parsing and embedding —
run in ``workers`` processes.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from assistant.stores.library import Library, index_text
from ingest.pipeline import FileResult, expand, ingest_file

_WORKER: dict = {}


def _init(settings) -> None:
    _WORKER.update(settings=settings, file_timeout=settings.file_timeout)


def _prepare(path: str, sha: str):
    """In a worker: load, extract and embed one file (no store is touched)."""
    from assistant.stores.embeddings import get_embedder
    from ingest.document import ReportParseError
    from ingest.extract import extract
    from ingest.loaders import load
    from ingest.pipeline import FileTimeout, time_limit

    try:
        with time_limit(_WORKER["file_timeout"]):
            ex = extract(load(Path(path)), sha)
    except ReportParseError as exc:
        return path, None, None, exc.problem + (f" (page {exc.page})" if exc.page else "")
    except FileTimeout:
        return path, None, None, f"took longer than {_WORKER['file_timeout']:.0f}s to parse; skipped"
    except Exception as exc:  # reported per file; the batch goes on
        return path, None, None, f"internal error: {exc.__class__.__name__}: {exc}"
    settings = _WORKER["settings"]
    # the library's own embedder (a remote server too), its threads shared out among the workers
    embedder = get_embedder(settings.embedder_spec, settings.embed_threads, settings.embed)
    vectors = embedder.passages([index_text(c, ex.report) for c in ex.chunks])
    return path, ex, vectors, ""


def ingest_parallel(library: Library, paths, workers: int,
                    progress: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Ingest with ``workers`` processes; results in completion order."""
    from ingest.extract import file_sha256

    library.reconcile()
    library.check_embedder()
    results: list[FileResult] = []
    todo = []
    for path in expand(paths):
        if not path.exists() or path.stat().st_size > library.settings.max_file_mb * 1048576:
            results.append(ingest_file(library, path))   # the plain path reports these
            continue
        sha = file_sha256(path)
        if library.is_current(str(path.resolve()), sha):
            results.append(ingest_file(library, path))   # 'unchanged', cheaply
            continue
        todo.append((str(path), sha))
    for r in results:
        if progress:
            progress(r)
    # the embedder's threads (all cores while ingesting) shared out among the processes
    settings = library.settings.model_copy(update={"embed_threads": max(1, library.settings.embed_threads // workers)})
    # spawn, not fork: the parent may run server and store threads that fork would copy mid-lock.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_init,
                             initargs=(settings,)) as pool:
        futures = [pool.submit(_prepare, p, sha) for p, sha in todo]
        for future in as_completed(futures):
            path, ex, vectors, problem = future.result()
            if ex is None:
                result = FileResult(path, "failed", problem)
            else:
                status = library.add(ex.report, ex.cells, ex.findings, ex.chunks, vectors=vectors)
                result = FileResult.of(path, status, ex)
            results.append(result)
            if progress:
                progress(result)
    if any(r.status in ("added", "replaced") for r in results):
        library.update_cross_year()
        library.refresh_lexical()
    return results


def ingest_isolated(library: Library, path: Path) -> FileResult:
    """Ingest one file with its parsing in a separate process (for the app's upload, whose
    handler threads cannot use the alarm): a file that hangs even inside C code is stopped
    at the time limit and its process killed; the stores are only touched here."""
    from ingest.extract import file_sha256

    settings = library.settings
    if not path.exists() or path.stat().st_size > settings.max_file_mb * 1048576:
        return ingest_file(library, path)
    sha = file_sha256(path)
    if library.is_current(str(path.resolve()), sha):
        return ingest_file(library, path)
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_init,
                               initargs=(settings,))
    try:
        _path, ex, vectors, problem = pool.submit(_prepare, str(path), sha).result(
            timeout=settings.file_timeout + 60)
    except FutureTimeout:
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.kill()
        return FileResult(str(path), "failed", f"took longer than {settings.file_timeout:.0f}s to parse; skipped")
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    if ex is None:
        return FileResult(str(path), "failed", problem)
    status = library.add(ex.report, ex.cells, ex.findings, ex.chunks, vectors=vectors)
    return FileResult.of(str(path), status, ex)
