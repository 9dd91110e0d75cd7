"""The SQL store: reports, cells, findings and chunk metadata (SQLite file by default).

SQL is only ever built from fixed text plus parameters; every statement runs through
``SQLStore.execute``. The store is the source of truth: the vector store and the BM25
index are reconciled against it.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from assistant.domain.records import Cell, Chunk, Finding, Report
from assistant.stores.corrections import SCHEMA as CORRECTIONS_SCHEMA
from assistant.stores.corrections import CorrectionRows

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY, issuer TEXT NOT NULL, year INTEGER NOT NULL, template TEXT NOT NULL,
    source_path TEXT NOT NULL UNIQUE, source_file TEXT NOT NULL, sha256 TEXT NOT NULL,
    format TEXT NOT NULL, pages INTEGER NOT NULL, title TEXT, published TEXT,
    ingested_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS cells (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE, cell_id TEXT NOT NULL,
    value REAL, unit TEXT NOT NULL, raw TEXT NOT NULL, status TEXT NOT NULL, page INTEGER,
    position TEXT, candidates TEXT, rule TEXT, ordinal INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (report_id, cell_id));
CREATE INDEX IF NOT EXISTS cells_by_id ON cells(cell_id);
CREATE TABLE IF NOT EXISTS findings (
    id TEXT PRIMARY KEY, report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    rule TEXT NOT NULL, cells TEXT NOT NULL, lhs REAL, rhs REAL, detail TEXT NOT NULL,
    other_report_id TEXT);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    section TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, page INTEGER,
    start INTEGER, "end" INTEGER, cell_ids TEXT, ordinal INTEGER);
CREATE INDEX IF NOT EXISTS chunks_by_report ON chunks(report_id);
""" + CORRECTIONS_SCHEMA

QUERY_TIMEOUT = 5.0  # seconds any single statement may run


class StoreError(Exception):
    """A store-level problem the user should see (with what to do)."""


class SQLStore(CorrectionRows):
    """SQLite-backed store; one connection per thread, WAL for concurrent readers."""

    def __init__(self, path: Path):
        self.path: Path | str = Path(path)   # PGStore keeps its URL here
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._con().executescript(SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Bring a data dir written by an older version up to the current schema."""
        columns = {r["name"] for r in self.execute("PRAGMA table_info(cells)")}
        if "ordinal" not in columns:
            with self.transaction() as con:
                con.execute("ALTER TABLE cells ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0")
                con.execute("UPDATE cells SET ordinal = rowid")

    # -------------------------------------------------------------- plumbing

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, timeout=30, isolation_level=None,
                                  check_same_thread=False)
            con.row_factory = sqlite3.Row
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA foreign_keys=ON")
            con.execute("PRAGMA synchronous=NORMAL")
            self._local.con = con
        return con

    def transaction(self):
        store = self

        class _Tx:
            def __enter__(self):
                self.con = store._con()
                self.con.execute("BEGIN IMMEDIATE")
                return self.con

            def __exit__(self, exc_type, exc, tb):
                if exc_type is None:
                    self.con.execute("COMMIT")
                else:
                    self.con.execute("ROLLBACK")
                return False

        return _Tx()

    def writing(self, exclusive: bool = False):
        """Held around a write that spans both stores (vectors, then this store). One SQLite
        file has one writer at a time already, so nothing more is needed here; PostgreSQL,
        shared by many ingest processes, overrides it with an advisory lock."""
        return contextlib.nullcontext()

    def execute(self, sql: str, params: Sequence = ()) -> list[sqlite3.Row]:
        """Run one parameterised statement with a time limit; return all rows."""
        con = self._con()
        deadline = time.monotonic() + QUERY_TIMEOUT
        con.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 10_000)
        try:
            return con.execute(sql, tuple(params)).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise StoreError(f"query took longer than {QUERY_TIMEOUT:.0f}s") from exc
            raise
        finally:
            con.set_progress_handler(None, 0)

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None

    # -------------------------------------------------------------- meta

    def get_meta(self, key: str) -> str | None:
        rows = self.execute("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    def set_meta(self, key: str, value: str, con=None) -> None:
        sql = ("INSERT INTO meta(key, value) VALUES (?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        if con is None:
            with self.transaction() as tx:
                self._run(tx, sql, (key, value), fetch=False)
        else:
            self._run(con, sql, (key, value), fetch=False)

    def generation(self) -> int:
        """Bumped on every change of chunks; derived indexes compare against it."""
        return int(self.get_meta("generation") or 0)

    def _generation(self, con) -> int:
        rows = self._run(con, "SELECT value FROM meta WHERE key = ?", ("generation",))
        return int(rows[0]["value"]) if rows else 0

    # -------------------------------------------------------------- writes

    def replace_report(self, report: Report, cells: Iterable[Cell], findings: Iterable[Finding],
                       chunks: Iterable[Chunk], before_commit=None) -> list[str]:
        """Atomically put a report in place of any earlier one from the same path.

        Returns the chunk ids of the replaced report. ``before_commit`` (tests only) runs
        inside the transaction, so a crash there must leave nothing behind.
        """
        with self.transaction() as con:
            old = self._run(con, "SELECT id FROM reports WHERE source_path = ? OR id = ?",
                            (report.source_path, report.id))
            old_chunks: list[str] = []
            for row in old:
                old_chunks += [r["id"] for r in self._run(
                    con, "SELECT id FROM chunks WHERE report_id = ?", (row["id"],))]
                self._run(con, "DELETE FROM reports WHERE id = ?", (row["id"],))
            self._run(con,
                "INSERT INTO reports(id, issuer, year, template, source_path, source_file, sha256,"
                " format, pages, title, published, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (report.id, report.issuer, report.year, report.template, report.source_path,
                 report.source_file, report.sha256, report.format, report.pages, report.title,
                 report.published, time.time()), fetch=False)
            self._many(con,
                "INSERT INTO cells(report_id, cell_id, value, unit, raw, status, page, position,"
                " candidates, rule, ordinal) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(c.report_id, c.cell_id, c.value, c.unit, c.raw, c.status, c.page, c.position,
                  json.dumps(list(c.candidates)), c.rule, i) for i, c in enumerate(cells)])
            self._insert_findings(con, findings)
            self._many(con,
                'INSERT INTO chunks(id, report_id, section, kind, text, page, start, "end",'
                " cell_ids, ordinal) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(c.id, c.report_id, c.section, c.kind, c.text, c.page, c.start, c.end,
                  json.dumps(list(c.cell_ids)), c.ordinal) for c in chunks])
            self.set_meta("generation", str(self._generation(con) + 1), con)
            if before_commit:
                before_commit()
        return old_chunks

    def replace_cross_year(self, findings: Iterable[Finding]) -> None:
        """Replace every cross-year (R5/R6) finding in one transaction."""
        with self.transaction() as con:
            self._run(con, "DELETE FROM findings WHERE other_report_id IS NOT NULL", fetch=False)
            self._insert_findings(con, findings)

    def _insert_findings(self, con, findings: Iterable[Finding]) -> None:
        self._many(con,
            "INSERT INTO findings(id, report_id, rule, cells, lhs, rhs, detail, other_report_id)"
            " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET detail = excluded.detail,"
            " lhs = excluded.lhs, rhs = excluded.rhs",
            [(f.id, f.report_id, f.rule, json.dumps(list(f.cells)), f.lhs, f.rhs, f.detail,
              f.other_report_id) for f in findings])

    # The two statements every write goes through; PGStore adapts them to psycopg.
    def _run(self, con, sql: str, params: Sequence = (), fetch: bool = True):
        cur = con.execute(sql, tuple(params))
        return cur.fetchall() if fetch else None

    def _many(self, con, sql: str, rows: list[tuple]) -> None:
        if rows:
            con.executemany(sql, rows)

    # -------------------------------------------------------------- reads

    def report_by_path(self, path: str) -> Report | None:
        rows = self.execute("SELECT * FROM reports WHERE source_path = ?", (path,))
        return _report(rows[0]) if rows else None

    def reports(self) -> list[Report]:
        return [_report(r) for r in self.execute(
            "SELECT * FROM reports ORDER BY issuer, year, source_file")]

    def report(self, report_id: str) -> Report | None:
        rows = self.execute("SELECT * FROM reports WHERE id = ?", (report_id,))
        return _report(rows[0]) if rows else None

    def cells(self, report_id: str | None = None, cell_ids: Sequence[str] = ()) -> list[Cell]:
        sql, params = "SELECT * FROM cells WHERE 1 = 1", []
        if report_id:
            sql += " AND report_id = ?"
            params.append(report_id)
        if cell_ids:
            sql += f" AND cell_id IN ({','.join('?' * len(cell_ids))})"
            params.extend(cell_ids)
        return [_cell(r) for r in self.execute(sql + " ORDER BY report_id, ordinal", params)]

    def findings_for(self, report_ids: Sequence[str]) -> dict[str, list[Finding]]:
        """Findings of many reports at once, by report id."""
        out: dict[str, list[Finding]] = {}
        ids = list(dict.fromkeys(report_ids))
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            for r in self.execute(f"SELECT * FROM findings WHERE report_id IN ({','.join('?' * len(part))})"
                                  " ORDER BY report_id, rule, id", part):
                f = _finding(r)
                out.setdefault(f.report_id, []).append(f)
        return out

    def cells_by_id(self, cell_ids: Sequence[str], report_ids: Sequence[str]) -> list[Cell]:
        """These cells in these reports, in few queries (aggregates read this way)."""
        out: list[Cell] = []
        ids = list(cell_ids)
        reports = list(report_ids)
        for i in range(0, len(ids), 200):
            part = ids[i:i + 200]
            for j in range(0, len(reports), 500):
                some = reports[j:j + 500]
                out += [_cell(r) for r in self.execute(
                    f"SELECT * FROM cells WHERE cell_id IN ({','.join('?' * len(part))})"
                    f" AND report_id IN ({','.join('?' * len(some))})", part + some)]
        return out

    def findings(self, report_id: str | None = None) -> list[Finding]:
        sql, params = "SELECT * FROM findings", []
        if report_id:
            sql += " WHERE report_id = ?"
            params.append(report_id)
        return [_finding(r) for r in self.execute(sql + " ORDER BY report_id, rule, id", params)]

    def chunks(self, ids: Sequence[str] | None = None, report_id: str | None = None) -> list[Chunk]:
        sql = "SELECT * FROM chunks WHERE 1 = 1"
        params: list[str] = []
        if ids is not None:
            if not ids:
                return []
            sql += f" AND id IN ({','.join('?' * len(ids))})"
            params.extend(ids)
        if report_id:
            sql += " AND report_id = ?"
            params.append(report_id)
        return [_chunk(r) for r in self.execute(sql + " ORDER BY report_id, ordinal", params)]

    def chunk_ids(self) -> set[str]:
        return {r["id"] for r in self.execute("SELECT id FROM chunks")}

    def counts(self) -> dict[str, int]:
        return {t: self.execute(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"]
                for t in ("reports", "cells", "findings", "chunks")}


def _report(r: sqlite3.Row) -> Report:
    return Report(r["id"], r["issuer"], r["year"], r["template"], r["source_path"], r["source_file"],
                  r["sha256"], r["format"], r["pages"], r["title"] or "", r["published"])


def _cell(r: sqlite3.Row) -> Cell:
    candidates = r["candidates"]
    return Cell(r["report_id"], r["cell_id"], r["value"], r["unit"], r["raw"], r["status"], r["page"],
                r["position"] or "", tuple(json.loads(candidates)) if candidates and candidates != "[]" else (),
                r["rule"] or "")


def _finding(r: sqlite3.Row) -> Finding:
    return Finding(r["report_id"], r["rule"], tuple(json.loads(r["cells"])), r["lhs"], r["rhs"],
                   r["detail"], r["other_report_id"])


def _chunk(r: sqlite3.Row) -> Chunk:
    return Chunk(r["id"], r["report_id"], r["section"], r["kind"], r["text"], r["page"], r["start"],
                 r["end"], tuple(json.loads(r["cell_ids"] or "[]")), r["ordinal"] or 0)
