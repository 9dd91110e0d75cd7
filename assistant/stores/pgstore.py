"""The SQL store on a PostgreSQL server (DATABASE_URL=postgresql://…).

Same schema, statements and records as the SQLite store: only the connection,
transactions, placeholders and a few types differ.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence

from assistant.stores.store import SCHEMA, SQLStore, StoreError

PG_SCHEMA = SCHEMA.replace(" REAL", " DOUBLE PRECISION")
STATEMENT_TIMEOUT_MS = 5000
# Advisory lock (two-int form) every writer of the library holds: shared while it adds a
# report, exclusive while it reconciles the vector store with this one or rewrites the
# cross-year findings — so those never see another process's report half-written.
WRITERS_LOCK = (20261201, 1)


def _pg(sql: str) -> str:
    """Our statements use ? placeholders and never a literal ?; psycopg wants %s."""
    return sql.replace("%", "%%").replace("?", "%s")


class PGStore(SQLStore):
    def __init__(self, url: str):
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise StoreError("DATABASE_URL is set but psycopg is not installed "
                             "(pip install 'psycopg[binary]')") from exc
        self.url = url
        self.path = url
        self._local = threading.local()
        with self.transaction() as con:
            for statement in filter(str.strip, PG_SCHEMA.split(";")):
                con.execute(statement)

    def _con(self):
        con = getattr(self._local, "con", None)
        if con is None or con.closed:
            import psycopg
            from psycopg.rows import dict_row

            try:
                con = psycopg.connect(self.url, row_factory=dict_row, autocommit=True)
            except psycopg.OperationalError as exc:
                raise StoreError(f"cannot connect to PostgreSQL at {self.url}: {exc}") from exc
            con.execute(f"SET statement_timeout = {STATEMENT_TIMEOUT_MS}")
            self._local.con = con
        return con

    def transaction(self):
        con = self._con()
        return _PGTx(con)

    @contextlib.contextmanager
    def writing(self, exclusive: bool = False):
        """The writers' lock on this thread's connection (a process that dies lets go of it
        with its connection); waits as long as it takes, past the statement time limit."""
        con = self._con()
        kind = "" if exclusive else "_shared"
        con.execute("SET statement_timeout = 0")
        try:
            con.execute(f"SELECT pg_advisory_lock{kind}(%s, %s)", WRITERS_LOCK)
        finally:
            con.execute(f"SET statement_timeout = {STATEMENT_TIMEOUT_MS}")
        try:
            yield
        finally:
            if not con.closed:
                con.execute(f"SELECT pg_advisory_unlock{kind}(%s, %s)", WRITERS_LOCK)

    def execute(self, sql: str, params: Sequence = ()):
        import psycopg

        try:
            return self._con().execute(_pg(sql), tuple(params)).fetchall()
        except psycopg.errors.QueryCanceled as exc:
            raise StoreError(f"query took longer than {STATEMENT_TIMEOUT_MS / 1000:.0f}s") from exc

    def _run(self, con, sql: str, params: Sequence = (), fetch: bool = True):
        cur = con.execute(_pg(sql), tuple(params))
        return cur.fetchall() if fetch else None

    def _many(self, con, sql: str, rows: list[tuple]) -> None:
        if rows:
            with con.cursor() as cur:
                cur.executemany(_pg(sql), rows)

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None


class _PGTx:
    """BEGIN … COMMIT/ROLLBACK on an autocommit connection, yielding the connection."""

    def __init__(self, con):
        self.con = con
        self._tx = None

    def __enter__(self):
        self._tx = self.con.transaction()
        self._tx.__enter__()
        return self.con

    def __exit__(self, exc_type, exc, tb):
        return self._tx.__exit__(exc_type, exc, tb)
