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

from assistant.domain.records import Finding
from assistant.stores.library import Library
from ingest.document import ReportParseError
from ingest.extract import Extraction, extract, file_sha256
from ingest.loaders import SUFFIXES, load

log = logging.getLogger(__name__)

STATUS_WORDS = {"added": "新增", "replaced": "已更新", "unchanged": "未变"}
# Findings about the report as a whole are spelled out in the ingest line; the arithmetic
# ones are counted by rule (`nianbao check` shows them in full).
SPELLED_OUT = ("L0", "M1")


def finding_notes(findings: list[Finding]) -> tuple[str, ...]:
    """Short notes for an ingest line: L0/M1 in words, other rules counted (R4×2)."""
    notes: list[str] = []
    counts: dict[str, int] = {}
    for f in findings:
        if f.rule in SPELLED_OUT:
            notes.append(f.detail.split("；可用")[0])
        else:
            counts[f.rule] = counts.get(f.rule, 0) + 1
    notes += [f"{rule}×{n}" if n > 1 else rule for rule, n in sorted(counts.items())]
    return tuple(notes)


@dataclass(frozen=True)
class FileResult:
    path: str
    status: str               # added | replaced | unchanged | failed
    message: str = ""         # the problem, for a failed file
    report_id: str | None = None
    issuer: str = ""
    year: int = 0
    cells: int = 0            # table cells read (inferred ones included)
    findings: tuple[str, ...] = ()   # finding_notes() of the report's own findings
    chunks: int = 0
    finding_count: int = 0

    @classmethod
    def of(cls, path: str, status: str, ex: Extraction) -> "FileResult":
        return cls(path, status, "", ex.report.id, ex.report.issuer, ex.report.year, len(ex.cells),
                   finding_notes(ex.findings), len(ex.chunks), len(ex.findings))

    def line(self) -> str:
        """One line in Chinese: status, issuer, year, cells read and findings."""
        if self.status == "failed":
            return f"{self.path}: 失败：{self.message}"
        found = (f"发现{self.finding_count}项问题：" + "；".join(self.findings)) if self.findings else "未发现问题"
        return (f"{self.path}: {STATUS_WORDS.get(self.status, self.status)}：发布机关 {self.issuer}，"
                f"{self.year}年度，读出{self.cells}个表格数字，{found}")


# A folder's own notes are not reports: README.md beside the files, not a converter's output.
_FOLDER_NOTES = {"readme", "changelog", "license", "contributing", "sources", "index"}


def _in_folder(f: Path) -> bool:
    if not f.is_file() or f.suffix.lower() not in SUFFIXES:
        return False
    return not (f.suffix.lower() in (".md", ".markdown") and f.stem.lower() in _FOLDER_NOTES)


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files to ingest: given files as they are, folders searched for supported types
    (a folder's README.md and similar notes left out)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if _in_folder(f)))
        else:
            out.append(p)
    return out


class FileTimeout(BaseException):
    """Raised by the alarm; a BaseException so parsers' own ``except Exception`` let it pass."""


ALARM_REPEAT = 0.25


@contextlib.contextmanager
def time_limit(seconds: float):
    """Abort the block after ``seconds`` (main thread only; elsewhere no limit applies).

    The alarm repeats every ``ALARM_REPEAT`` seconds until the block ends: a signal handler
    that happens to run inside a finaliser (``__del__``, a weakref callback — frequent while
    pdfminer frees thousands of pages) has its exception swallowed by Python, and a one-shot
    alarm would then let the parse run on unbounded."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise FileTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, ALARM_REPEAT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def ingest_file(library: Library, path: Path, issuer: str | None = None, year: int | None = None) -> FileResult:
    """Read one file into the library; never raises for a bad file.

    ``issuer``/``year`` override what the text says (``nianbao ingest --issuer --year``);
    an unchanged file is read again when they differ from what is stored.
    """
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
            assert old is not None, "is_current found this path's report a moment ago"
            if (issuer or old.issuer) == old.issuer and (year or old.year) == old.year:
                own = [f for f in library.sql.findings(old.id) if not f.other_report_id]
                return FileResult(shown, "unchanged", "", old.id, old.issuer, old.year,
                                  len(library.sql.cells(old.id)), finding_notes(own), 0, len(own))
        with time_limit(settings.file_timeout):
            doc = load(path)
            ex = extract(doc, sha, issuer, year)
        status = library.add(ex.report, ex.cells, ex.findings, ex.chunks)
        return FileResult.of(shown, status, ex)
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
                 progress: Callable[[FileResult], None] | None = None,
                 issuer: str | None = None, year: int | None = None) -> list[FileResult]:
    """Ingest every file; cross-year findings are refreshed once at the end.
    ``issuer``/``year`` (meant for one file) override what the text says."""
    library.reconcile()
    results = []
    for path in expand(paths):
        result = ingest_file(library, path, issuer, year)
        results.append(result)
        if progress:
            progress(result)
    if any(r.status in ("added", "replaced") for r in results):
        library.update_cross_year()
        library.refresh_lexical()   # so the first question after an ingest does not wait for it
    return results
