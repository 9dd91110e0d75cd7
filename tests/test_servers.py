"""The same answering tests on PostgreSQL + a Chroma server (DATABASE_URL / CHROMA_URL)."""

from __future__ import annotations

import pytest

from tests.servers import ChromaServer, Postgres, running

pytestmark = pytest.mark.slow   # servers, kills, a browser or thousands of reports: `-m 'not slow'` skips it


@pytest.fixture(scope="module")
def server_library(corpus, tmp_path_factory):
    from assistant.settings import Settings
    from assistant.stores.library import Library
    from ingest.pipeline import ingest_paths

    with running(Postgres, ChromaServer) as (pg, chroma):
        settings = Settings(data_dir=tmp_path_factory.mktemp("server-data"), embedder="hash",
                            database_url=pg.url, chroma_url=chroma.url)
        library = Library(settings)
        results = ingest_paths(library, [corpus])
        assert [r.line() for r in results if r.status == "failed"] == []
        yield library
        library.sql.close()


@pytest.fixture(scope="module")
def server_assistant(server_library):
    from assistant.qa.answering import Assistant

    return Assistant(server_library)


def test_stores_are_the_servers(server_library):
    from assistant.stores.pgstore import PGStore

    assert isinstance(server_library.sql, PGStore)
    assert server_library.sql.counts() == {"reports": 15, "cells": 2960, "findings": 4, "chunks": 668}
    assert server_library.vectors.ids() == server_library.sql.chunk_ids()
    assert not (server_library.settings.data_dir / "chroma").exists()


def test_reingest_is_a_no_op_on_the_servers(corpus, server_library):
    from ingest.pipeline import ingest_paths

    assert {r.status for r in ingest_paths(server_library, [corpus])} == {"unchanged"}


def test_money_keeps_its_precision(server_library):
    [report] = [r for r in server_library.sql.reports() if r.source_file.startswith("003_")]
    cells = {c.cell_id: c.value for c in server_library.sql.cells(report.id)}
    assert cells["active.procurement.amount"] == 2876.4869


# The answering tests of tests/test_answering.py, run against the server-backed library.
from tests import test_answering as _answering  # noqa: E402

for _name in dir(_answering):
    if _name.startswith("test_") and "langchain" not in _name:
        _test = getattr(_answering, _name)
        globals()[_name] = _test


@pytest.fixture()
def assistant(server_assistant):
    return server_assistant


@pytest.fixture()
def corpus_library(server_library):
    return server_library


def test_corrections_move_from_sqlite_to_postgresql(server_library, server_assistant, tmp_path):
    """A correction made on a laptop (SQLite), exported as CSV and imported on the server."""
    from assistant.qa.answering import Assistant
    from tests.test_corrections import QUESTION, _correct, _library

    laptop = _library(tmp_path)
    _correct(laptop)
    rv = server_library.reviewing
    assert rv.import_csv(laptop.reviewing.export_csv()) == 1
    try:
        here, there = Assistant(laptop).conversation().ask(QUESTION), server_assistant.conversation().ask(QUESTION)
        assert here.value == there.value == 11
        assert [c.text for c in here.citations] == [c.text for c in there.citations]
    finally:   # the server library is shared by the module's other tests
        rv.withdraw(rv.resolve("洪泽区", 2023), "review.review.total", "测试结束", "测试")
    assert server_assistant.conversation().ask(QUESTION).value == 0
