"""Corrections and finding reviews in the SQL store: append-only rows, never tied to a file.

The tables have no foreign key to ``reports``: replacing a report (re-ingest, a new version)
leaves them untouched, and answers re-attach them by issuer, year and cell id.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from assistant.domain.corrections import Correction, Review

SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    id TEXT PRIMARY KEY, issuer TEXT NOT NULL, year INTEGER NOT NULL, cell_id TEXT NOT NULL,
    action TEXT NOT NULL, value REAL, kind TEXT NOT NULL, reason TEXT NOT NULL, author TEXT NOT NULL,
    created TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS corrections_by_report ON corrections(issuer, year);
CREATE TABLE IF NOT EXISTS finding_reviews (
    id TEXT PRIMARY KEY, issuer TEXT NOT NULL, year INTEGER NOT NULL, rule TEXT NOT NULL,
    cells TEXT NOT NULL, state TEXT NOT NULL, reason TEXT NOT NULL, author TEXT NOT NULL,
    created TEXT NOT NULL);
"""


class _Statements(Protocol):
    """What the mixin needs of the store it is mixed into (SQLStore, PGStore)."""

    def transaction(self) -> AbstractContextManager[Any]: ...

    def execute(self, sql: str, params: Sequence = ()) -> list[Any]: ...

    def _run(self, con: Any, sql: str, params: Sequence = (), fetch: bool = True) -> Any: ...

    def _many(self, con: Any, sql: str, rows: list[tuple]) -> None: ...


class CorrectionRows:
    """Mixed into the SQL stores (SQLite and PostgreSQL share the statements)."""

    def add_corrections(self: _Statements, rows: list[Correction], before_commit=None) -> int:
        """Append rows in one transaction (rows already present are skipped); how many were new.
        ``before_commit`` (tests only) runs inside the transaction."""
        with self.transaction() as con:
            before = self._run(con, "SELECT COUNT(*) AS n FROM corrections")[0]["n"]
            self._many(con,
                "INSERT INTO corrections(id, issuer, year, cell_id, action, value, kind, reason, author, created)"
                " VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
                [(c.id, c.issuer, c.year, c.cell_id, c.action, c.value, c.kind, c.reason, c.author, c.created)
                 for c in rows])
            if before_commit:
                before_commit()
            return self._run(con, "SELECT COUNT(*) AS n FROM corrections")[0]["n"] - before

    def corrections(self: _Statements, issuer: str | None = None, year: int | None = None) -> list[Correction]:
        sql = "SELECT * FROM corrections WHERE 1 = 1"
        params: list[str | int] = []
        if issuer is not None:
            sql += " AND issuer = ?"
            params.append(issuer)
        if year is not None:
            sql += " AND year = ?"
            params.append(year)
        return [Correction(r["id"], r["issuer"], r["year"], r["cell_id"], r["action"], r["value"], r["kind"],
                           r["reason"], r["author"], r["created"])
                for r in self.execute(sql + " ORDER BY created, id", params)]

    def add_review(self: _Statements, review: Review) -> None:
        with self.transaction() as con:
            self._run(con,
                "INSERT INTO finding_reviews(id, issuer, year, rule, cells, state, reason, author, created)"
                " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
                (review.id, review.issuer, review.year, review.rule, json.dumps(list(review.cells)), review.state,
                 review.reason, review.author, review.created), fetch=False)

    def reviews(self: _Statements) -> list[Review]:
        return [Review(r["id"], r["issuer"], r["year"], r["rule"], tuple(json.loads(r["cells"])), r["state"],
                       r["reason"], r["author"], r["created"])
                for r in self.execute("SELECT * FROM finding_reviews ORDER BY created, id")]
