"""The corrections tests again, with the reports, cells and corrections on PostgreSQL."""

from __future__ import annotations

import uuid

import pytest

from assistant.settings import Settings
from assistant.stores.library import Library
from ingest.pipeline import ingest_paths
from tests import test_corrections as base
from tests.conftest import corpus_file
from tests.servers import Postgres, running

pytestmark = pytest.mark.slow   # servers, kills, a browser or thousands of reports: `-m 'not slow'` skips it


@pytest.fixture(scope="module")
def postgres():
    with running(Postgres) as (pg,):
        yield pg


@pytest.fixture(autouse=True)
def on_postgres(postgres, monkeypatch):
    """Every library the corrections tests build gets a fresh database on the server."""
    import psycopg

    def pg_library(tmp_path, name="data", files=(base.HONGZE_2023,)) -> Library:
        db = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(postgres.url, autocommit=True) as con:
            con.execute(f"CREATE DATABASE {db}")
        url = postgres.url.rsplit("/", 1)[0] + f"/{db}"
        library = Library(Settings(data_dir=tmp_path / name, embedder="hash", database_url=url))
        results = ingest_paths(library, [corpus_file(f) for f in files])
        assert all(r.status in ("added", "unchanged") for r in results)
        return library

    monkeypatch.setattr(base, "_library", pg_library)


for _name in dir(base):
    if _name.startswith("test_") and "command_line" not in _name:   # the CLI test builds its own SQLite dirs
        globals()[_name] = getattr(base, _name)


def test_the_store_is_postgresql(tmp_path):
    from assistant.stores.pgstore import PGStore

    library = base._library(tmp_path)
    base._correct(library)
    assert isinstance(library.sql, PGStore) and len(library.sql.corrections()) == 1
