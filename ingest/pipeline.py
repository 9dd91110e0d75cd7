"""Ingest files and folders into the library, one report at a time.

Each file is read, extracted and stored on its own; a failure is reported in one line
naming the file and the problem, and the other files still ingest.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.stores.library import Library
from ingest.document import ReportParseError
from ingest.extract import extract, file_sha256
from ingest.loaders import SUFFIXES, load

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileResult:
    path: str
    status: str               # added | replaced | unchanged | failed
    message: str = ""
    report_id: str | None = None
    issuer: str = ""
    year: int = 0

    def line(self) -> str:
        if self.status == "failed":
            return f"{self.path}: failed: {self.message}"
        what = f"{self.issuer} {self.year}年" if self.issuer else ""
        extra = f" ({self.message})" if self.message else ""
        return f"{self.path}: ok: {self.status} {what}{extra}".rstrip()


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files to ingest: given files as they are, folders searched for supported types."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        else:
            out.append(p)
    return out


class FileTimeout(BaseException):
    """Raised by the alarm; a BaseException so parsers' own ``except Exception`` let it pass."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Abort the block after ``seconds`` (main thread only; elsewhere no limit applies)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise FileTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def ingest_file(library: Library, path: Path) -> FileResult:
    """Read one file into the library; never raises for a bad file."""
    settings = library.settings
    shown = str(path)
    try:
        if not path.exists():
            return FileResult(shown, "failed", "no such file")
        size = path.stat().st_size
        if size > settings.max_file_mb * 1024 * 1024:
            return FileResult(shown, "failed", f"file is {size / 1048576:.0f} MB, over the "
                                               f"{settings.max_file_mb} MB limit")
        sha = file_sha256(path)
        resolved = str(path.resolve())
        if library.is_current(resolved, sha):
            old = library.sql.report_by_path(resolved)
            return FileResult(shown, "unchanged", "", old.id, old.issuer, old.year)
        with time_limit(settings.file_timeout):
            doc = load(path)
            ex = extract(doc, sha)
        status = library.add(ex.report, ex.cells, ex.findings, ex.chunks)
        note = f"{len(ex.cells)} cells, {len(ex.findings)} findings, {len(ex.chunks)} chunks"
        return FileResult(shown, status, note, ex.report.id, ex.report.issuer, ex.report.year)
    except ReportParseError as exc:
        return FileResult(shown, "failed", exc.problem + (f" (page {exc.page})" if exc.page else ""))
    except FileTimeout:
        return FileResult(shown, "failed", f"took longer than {settings.file_timeout:.0f}s to parse; skipped")
    except MemoryError:
        return FileResult(shown, "failed", "ran out of memory while parsing; skipped")
    except Exception as exc:  # keep going: one file must not stop the batch
        log.exception("unexpected error ingesting %s", path)
        return FileResult(shown, "failed", f"internal error: {exc.__class__.__name__}: {exc}")


def ingest_paths(library: Library, paths: Iterable[str | Path],
                 progress: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Ingest every file; cross-year findings are refreshed once at the end."""
    library.reconcile()
    results = []
    for path in expand(paths):
        result = ingest_file(library, path)
        results.append(result)
        if progress:
            progress(result)
    if any(r.status in ("added", "replaced") for r in results):
        library.update_cross_year()
        library.refresh_lexical()   # so the first question after an ingest does not wait for it
    return results
