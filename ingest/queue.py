"""Ingest shared by many processes, on any machines, through a job table on PostgreSQL.

With ``DATABASE_URL`` and ``CHROMA_URL`` set, every ``nianbao ingest`` puts its files in
``ingest_jobs`` (one row per path and content) and then takes jobs — its own or anyone's —
until none is left, the same way ``FOR UPDATE SKIP LOCKED`` queues do:

- a job is taken in a short transaction that skips rows another process is taking, and is
  then held by a session advisory lock on the worker's own connection while it is read,
  embedded and written; a worker that dies (SIGKILL, lost machine) loses its connection
  and with it the lock, so the job, still marked ``running``, is taken again by the next
  free worker — after ``MAX_ATTEMPTS`` such deaths it is marked failed instead;
- each report is written by ``Library.add`` (one transaction, keyed by path and content),
  so a job done twice leaves one report; the library's writers' lock keeps the start and
  end reconciling of vectors from mistaking a report being written for orphans;
- a process waits until its own files are done (by anyone) before it reports them and
  exits, so its exit status speaks for the files it was given.

The files must be readable at the same path by every worker (a shared folder).
``nianbao ingest --status`` prints the table's totals and one line per worker.
"""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.stores.library import Library
from ingest.extract import file_sha256
from ingest.pipeline import FileResult, expand, ingest_file

JOBS_SCHEMA = """
CREATE TABLE IF NOT EXISTS ingest_jobs (
    id BIGSERIAL PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    worker TEXT,
    enqueued_at DOUBLE PRECISION NOT NULL,
    started_at DOUBLE PRECISION,
    finished_at DOUBLE PRECISION,
    result TEXT,
    UNIQUE (path, sha256)
);
CREATE INDEX IF NOT EXISTS ingest_jobs_state ON ingest_jobs(state, id)
"""
JOB_LOCK = 20261202           # advisory lock class of a job being worked on: (JOB_LOCK, job id)
MAX_ATTEMPTS = 3               # workers that may die on one job before it is marked failed
STATES = ("queued", "running", "done", "failed")
STATE_WORDS = {"queued": "排队", "running": "处理中", "done": "完成", "failed": "失败"}


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class Job:
    id: int
    path: str
    sha256: str
    attempts: int


def _result_json(result: FileResult) -> str:
    return json.dumps({"status": result.status, "message": result.message, "report_id": result.report_id,
                       "issuer": result.issuer, "year": result.year, "cells": result.cells,
                       "findings": list(result.findings), "chunks": result.chunks,
                       "finding_count": result.finding_count}, ensure_ascii=False)


def _result_of(path: str, raw: str | None) -> FileResult:
    data = json.loads(raw) if raw else {"status": "failed", "message": "no result recorded"}
    data["findings"] = tuple(data.get("findings", ()))
    return FileResult(path, **data)


class JobQueue:
    """The job table, through one connection of this worker's own (which holds its job locks)."""

    def __init__(self, url: str, name: str | None = None):
        import psycopg
        from psycopg.rows import dict_row

        self.name = name or worker_name()
        # application_name lets --status tell which workers are connected right now.
        self.con = psycopg.connect(url, row_factory=dict_row, autocommit=True,
                                   application_name=f"nianbao-ingest {self.name}"[:63])
        with self.con.transaction():
            # one process creates the table at a time (CREATE … IF NOT EXISTS races otherwise)
            self.con.execute("SELECT pg_advisory_xact_lock(%s, 0)", (JOB_LOCK,))
            for statement in filter(str.strip, JOBS_SCHEMA.split(";")):
                self.con.execute(statement)

    def close(self) -> None:
        self.con.close()

    # ---------------------------------------------------------------- jobs

    def enqueue(self, files: Iterable[tuple[str, str]]) -> dict[str, int]:
        """Queue (path, sha256) pairs; a pair already queued or running is left alone, one
        done or failed earlier is queued again (asked for again, e.g. after a fix). Returns
        path → job id."""
        ids: dict[str, int] = {}
        now = time.time()
        with self.con.transaction():
            for path, sha in files:
                row = self.con.execute(
                    "INSERT INTO ingest_jobs(path, sha256, enqueued_at) VALUES (%s, %s, %s) "
                    "ON CONFLICT (path, sha256) DO UPDATE SET state = 'queued', attempts = 0, worker = NULL, "
                    "enqueued_at = EXCLUDED.enqueued_at, result = NULL "
                    "WHERE ingest_jobs.state IN ('done', 'failed') RETURNING id", (path, sha, now)).fetchone()
                if row is None:   # queued or running already: someone will do it
                    row = self.con.execute("SELECT id FROM ingest_jobs WHERE path = %s AND sha256 = %s",
                                           (path, sha)).fetchone()
                assert row is not None, "the pair was inserted or found in this transaction"
                ids[path] = row["id"]
        return ids

    def claim(self) -> Job | None:
        """The oldest job nobody holds: queued, or running for a worker that has died."""
        while True:
            with self.con.transaction():
                rows = self.con.execute(
                    "SELECT id, path, sha256, attempts, state FROM ingest_jobs WHERE state IN ('queued', 'running') "
                    "ORDER BY state = 'running', id LIMIT 16 FOR UPDATE SKIP LOCKED").fetchall()
                if not rows:
                    return None
                for row in rows:
                    held = self.con.execute("SELECT pg_try_advisory_lock(%s, %s) AS ok",
                                            (JOB_LOCK, row["id"])).fetchone()
                    if not (held and held["ok"]):
                        continue          # its worker is alive and on it
                    if row["state"] == "running" and row["attempts"] >= MAX_ATTEMPTS:
                        self._end(row["id"], FileResult(row["path"], "failed", f"处理该文件的进程中断了{row['attempts']}次，已放弃"))
                        continue
                    self.con.execute("UPDATE ingest_jobs SET state = 'running', attempts = attempts + 1, worker = %s, "
                                     "started_at = %s WHERE id = %s", (self.name, time.time(), row["id"]))
                    return Job(row["id"], row["path"], row["sha256"], row["attempts"] + 1)
            # every candidate was held by a live worker or given up: none free right now
            return None

    def finish(self, job: Job, result: FileResult) -> None:
        self._end(job.id, result)

    def _end(self, job_id: int, result: FileResult) -> None:
        state = "failed" if result.status == "failed" else "done"
        self.con.execute("UPDATE ingest_jobs SET state = %s, finished_at = %s, result = %s WHERE id = %s",
                         (state, time.time(), _result_json(result), job_id))
        self.con.execute("SELECT pg_advisory_unlock(%s, %s)", (JOB_LOCK, job_id))

    def results(self, ids: Iterable[int]) -> dict[int, tuple[str, str | None, FileResult | None]]:
        """job id → (state, worker, result once ended)."""
        rows = self.con.execute("SELECT id, path, state, worker, result FROM ingest_jobs WHERE id = ANY(%s)",
                                (list(ids),)).fetchall()
        return {r["id"]: (r["state"], r["worker"],
                          _result_of(r["path"], r["result"]) if r["state"] in ("done", "failed") else None)
                for r in rows}

    # ---------------------------------------------------------------- status

    def status(self) -> dict:
        """Totals by state and, per worker, jobs done/failed, what it is on, and whether it is connected."""
        totals = {s: 0 for s in STATES}
        for r in self.con.execute("SELECT state, count(*) AS n FROM ingest_jobs GROUP BY state").fetchall():
            totals[r["state"]] = r["n"]
        live = {r["application_name"].split(" ", 1)[1] for r in self.con.execute(
            "SELECT application_name FROM pg_stat_activity WHERE application_name LIKE 'nianbao-ingest %'").fetchall()}
        workers = []
        for r in self.con.execute(
                "SELECT worker, sum(CASE WHEN state = 'done' THEN 1 ELSE 0 END) AS done, "
                "sum(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed, "
                "max(finished_at) AS last, min(started_at) AS first, "
                "max(CASE WHEN state = 'running' THEN path END) AS current "
                "FROM ingest_jobs WHERE worker IS NOT NULL GROUP BY worker ORDER BY worker").fetchall():
            workers.append({"worker": r["worker"], "done": int(r["done"]), "failed": int(r["failed"]),
                            "current": r["current"] if r["worker"] in live else None,
                            "connected": r["worker"] in live, "first": r["first"], "last": r["last"]})
        return {"totals": totals, "workers": workers}


def status_lines(status: dict) -> list[str]:
    """``nianbao ingest --status`` in Chinese: the totals, then one line per worker."""
    t = status["totals"]
    total = sum(t.values())
    lines = [f"作业共 {total} 个：" + "，".join(f"{STATE_WORDS[s]} {t[s]}" for s in STATES)
             + (f"（完成 {100 * (t['done'] + t['failed']) / total:.0f}%）" if total else "")]
    for w in status["workers"]:
        rate = ""
        if w["first"] and w["last"] and w["last"] > w["first"]:
            rate = f"，{(w['done'] + w['failed']) / (w['last'] - w['first']) * 60:.1f} 个/分钟"
        where = f"，正在处理 {w['current']}" if w["current"] else ("" if w["connected"] else "，已断开")
        lines.append(f"  {w['worker']}：完成 {w['done']}，失败 {w['failed']}{rate}{where}")
    return lines


# -------------------------------------------------------------------- the worker

def work(library: Library, queue: JobQueue, progress: Callable[[FileResult], None] | None = None,
         stop: Callable[[], bool] = lambda: False) -> list[FileResult]:
    """Take and do jobs until none is free; returns what this worker did."""
    done: list[FileResult] = []
    while not stop():
        job = queue.claim()
        if job is None:
            break
        try:
            result = ingest_file(library, Path(job.path))
        except BaseException:
            # interrupted (Ctrl-C, time limit of the caller): leave the job to another worker
            queue.con.execute("SELECT pg_advisory_unlock(%s, %s)", (JOB_LOCK, job.id))
            raise
        queue.finish(job, result)
        done.append(result)
        if progress:
            progress(result)
    return done


def _print_line(result: FileResult) -> None:
    print(result.line(), flush=True)


def _helper(settings) -> None:
    """A worker process of ``--workers N``: works the queue until no job is free, printing a
    line per file it did."""
    library = Library(settings)
    queue = JobQueue(settings.database_url)
    try:
        work(library, queue, _print_line)
    finally:
        queue.close()


def _start_helpers(settings, n: int) -> list:
    import multiprocessing

    # spawn, not fork: the parent holds connections and threads that fork would copy mid-use
    context = multiprocessing.get_context("spawn")
    procs = [context.Process(target=_helper, args=(settings,), daemon=True) for _ in range(n)]
    for proc in procs:
        proc.start()
    return procs


def ingest_queued(library: Library, paths, progress: Callable[[FileResult], None] | None = None,
                  workers: int = 1, poll: float = 0.5) -> list[FileResult]:
    """Queue ``paths`` and work the queue until every one of them is done, by this process,
    its ``workers - 1`` helper processes or any other worker; returns one result per file
    given, in the order given."""
    assert library.settings.database_url, "the job queue lives on PostgreSQL (DATABASE_URL)"
    library.reconcile()
    queue = JobQueue(library.settings.database_url)
    helpers: list = []
    try:
        mine: dict[str, FileResult] = {}
        todo: list[tuple[str, str]] = []
        files = expand(paths)
        for path in files:
            # Missing, too big or unchanged files are answered here, without a job.
            if not path.exists() or path.stat().st_size > library.settings.max_file_mb * 1048576:
                mine[str(path)] = ingest_file(library, path)
                continue
            sha = file_sha256(path)
            if library.is_current(str(path.resolve()), sha):
                mine[str(path)] = ingest_file(library, path)
                continue
            todo.append((str(path.resolve()), sha))
        for r in mine.values():
            if progress:
                progress(r)
        ids = queue.enqueue(todo)
        shown = {str(p.resolve()): str(p) for p in files}
        if workers > 1 and todo:
            per = max(1, library.settings.embed_threads // workers)
            helpers = _start_helpers(library.settings.model_copy(update={"embed_threads": per}), workers - 1)
        ours = {queue.name} | {f"{socket.gethostname()}:{p.pid}" for p in helpers}
        did = work(library, queue, progress)
        # What others are still doing for us: wait, and take over any job whose worker died.
        pending = set(ids.values())
        while pending:
            states = queue.results(pending)
            pending = {i for i, (state, _w, _r) in states.items() if state in ("queued", "running")}
            if pending:
                did += work(library, queue, progress)
                time.sleep(poll)
        by_id = queue.results(ids.values())
        for job_path, job_id in ids.items():
            _state, worker, result = by_id[job_id]
            assert result is not None, "every job of ours has ended when the wait above is over"
            result = dataclasses.replace(result, path=shown.get(job_path, job_path))
            if worker not in ours and progress:
                progress(result)      # done by another worker: said here, as we were asked for it
            mine[result.path] = result
        for proc in helpers:
            proc.join()
        if ids:
            # After the last report of ours, whoever wrote it: a report written by a worker
            # that died before it could mark its job done is found 'unchanged' on retry.
            library.update_cross_year()
        library.reconcile()            # orphans of a worker that died mid-report
        library.refresh_lexical()
        return [mine.get(str(p), FileResult(str(p), "failed", "no result")) for p in files]
    finally:
        for proc in helpers:
            if proc.is_alive():
                proc.terminate()
        queue.close()
