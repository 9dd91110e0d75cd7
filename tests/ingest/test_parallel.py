from assistant.settings import Settings
from assistant.stores.library import Library
from ingest.parallel import ingest_parallel


def test_two_workers_give_the_same_stores_as_one(corpus, corpus_library, tmp_path):
    library = Library(Settings(data_dir=tmp_path / "data", embedder="hash"))
    seen = []
    results = ingest_parallel(library, [corpus], 2, seen.append)
    assert len(seen) == len(results) == 15 and {r.status for r in results} == {"added"}
    assert library.sql.counts() == corpus_library.sql.counts()
    assert library.sql.chunk_ids() == corpus_library.sql.chunk_ids() == library.vectors.ids()
    def cells(lib):
        return sorted((c.report_id, c.cell_id, c.value, c.status) for c in lib.sql.cells())
    assert cells(library) == cells(corpus_library)
    again = ingest_parallel(library, [corpus], 2)
    assert {r.status for r in again} == {"unchanged"}
