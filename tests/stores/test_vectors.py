"""assistant.stores.vectors: chunk vectors in an embedded Chroma directory under the data
dir; our vectors only (no embedding function runs, and the test network guard would stop
any download), cosine similarity best first, filtered to some reports."""

from __future__ import annotations

import numpy as np
import pytest
from chromadb.errors import InvalidArgumentError

from assistant.stores.vectors import COLLECTION, VectorStore

# Hand-made 4-d vectors: two 平潭 2023 chunks, two 洪泽区 2023 chunks.
IDS = ["pingtan-overview", "pingtan-review", "hongze-overview", "hongze-fees"]
VECTORS = np.array([[1.0, 0.0, 0.0, 0.0],
                    [0.0, 1.0, 0.0, 0.0],
                    [0.9, 0.1, 0.0, 0.0],
                    [0.0, 0.0, 1.0, 0.0]], dtype=np.float32)
META = [{"report_id": "pingtan-2023"}, {"report_id": "pingtan-2023"},
        {"report_id": "hongze-2023"}, {"report_id": "hongze-2023"}]


@pytest.fixture
def store(tmp_path) -> VectorStore:
    vs = VectorStore(tmp_path)
    vs.upsert(IDS, VECTORS, META)
    return vs


def test_new_store_is_an_empty_directory_collection(tmp_path):
    vs = VectorStore(tmp_path)
    assert (tmp_path / "chroma").is_dir()
    assert COLLECTION == "chunks"
    assert (vs.count(), vs.ids()) == (0, set())
    assert vs.query(np.array([1.0, 0.0, 0.0, 0.0]), 3) == []


def test_upserted_ids_are_counted_and_found(store):
    assert store.count() == 4
    assert store.ids() == set(IDS)
    assert store.existing(["pingtan-review", "not-there", "hongze-fees"]) == {"pingtan-review", "hongze-fees"}
    assert store.existing([]) == set()


def test_query_is_cosine_similarity_best_first(store):
    hits = store.query(np.array([1.0, 0.0, 0.0, 0.0]), 2)
    assert [c for c, _ in hits] == ["pingtan-overview", "hongze-overview"]
    scores = dict(hits)
    assert scores["pingtan-overview"] == pytest.approx(1.0, abs=1e-5)
    assert scores["hongze-overview"] == pytest.approx(0.9 / np.hypot(0.9, 0.1), abs=1e-5)
    everything = store.query(np.array([1.0, 0.0, 0.0, 0.0]), 4)
    assert [s for _, s in everything] == sorted((s for _, s in everything), reverse=True)
    assert {c for c, s in everything if s < 1e-5} == {"pingtan-review", "hongze-fees"}   # orthogonal: 0


def test_query_ignores_the_vector_length(store):
    """Cosine space: a scaled query finds the same chunks with the same scores."""
    one = store.query(np.array([0.2, 0.0, 1.0, 0.0]), 2)
    five = store.query(np.array([1.0, 0.0, 5.0, 0.0]), 2)
    assert [c for c, _ in one] == [c for c, _ in five] and one[0][0] == "hongze-fees"
    assert [s for _, s in one] == pytest.approx([s for _, s in five], abs=1e-5)


def test_query_within_reports(store):
    hits = store.query(np.array([1.0, 0.0, 0.0, 0.0]), 10, report_ids=["hongze-2023"])
    assert [c for c, _ in hits] == ["hongze-overview", "hongze-fees"]
    assert store.query(np.array([1.0, 0.0, 0.0, 0.0]), 10, report_ids=["no-such-report"]) == []


@pytest.mark.parametrize("k, report_ids", [
    pytest.param(0, None, id="k-zero"),
    pytest.param(-1, None, id="k-negative"),
    pytest.param(3, [], id="no-reports-allowed"),
])
def test_query_that_asks_for_nothing(store, k, report_ids):
    assert store.query(np.array([1.0, 0.0, 0.0, 0.0]), k, report_ids) == []


def test_k_larger_than_the_collection_returns_everything(store):
    assert {c for c, _ in store.query(np.array([0.0, 0.0, 0.0, 1.0]), 50)} == set(IDS)


def test_upsert_replaces_vector_and_metadata(store):
    store.upsert(["pingtan-review"], np.array([[0.0, 0.0, 0.0, 1.0]]), [{"report_id": "hongze-2023"}])
    assert store.count() == 4
    hits = store.query(np.array([0.0, 0.0, 0.0, 1.0]), 1, report_ids=["hongze-2023"])
    assert hits[0][0] == "pingtan-review" and hits[0][1] == pytest.approx(1.0, abs=1e-5)
    assert store.query(np.array([0.0, 1.0, 0.0, 0.0]), 5, report_ids=["pingtan-2023"]) == \
        [("pingtan-overview", pytest.approx(0.0, abs=1e-5))]


def test_delete_leaves_the_rest(store):
    store.delete(["pingtan-review", "not-there"])
    store.delete([])
    assert store.ids() == set(IDS) - {"pingtan-review"}


def test_vectors_returns_stored_rows_for_known_ids(store):
    """Rows come with their ids (in the store's order, not the request's); unknown ids are left out."""
    got_ids, matrix = store.vectors(["hongze-fees", "not-there", "pingtan-overview"])
    assert sorted(got_ids) == ["hongze-fees", "pingtan-overview"]
    assert matrix.dtype == np.float32 and matrix.shape == (2, 4)
    for cid, row in zip(got_ids, matrix):
        assert np.allclose(row, VECTORS[IDS.index(cid)])
    assert store.vectors(["not-there"])[0] == []


def test_vectors_of_no_ids_is_empty(store):
    got_ids, matrix = store.vectors([])
    assert got_ids == [] and len(matrix) == 0


def test_a_second_store_on_the_directory_sees_the_vectors(store, tmp_path):
    again = VectorStore(tmp_path)
    assert again.count() == 4
    assert again.query(np.array([0.0, 1.0, 0.0, 0.0]), 1)[0][0] == "pingtan-review"


def test_another_dimension_needs_a_reset(store):
    """Vectors of another embedder (another dimension) are refused until reset drops all."""
    with pytest.raises(InvalidArgumentError):
        store.upsert(["x"], np.array([[1.0, 2.0]]), [{"report_id": "r"}])
    store.reset()
    assert store.count() == 0
    store.upsert(["x"], np.array([[1.0, 2.0]]), [{"report_id": "r"}])
    assert store.query(np.array([2.0, 4.0]), 5) == [("x", pytest.approx(1.0, abs=1e-5))]


def test_many_vectors_go_in_batches(tmp_path):
    """5,003 random vectors: upsert, existing and delete in batches of 1,000, ids() pages of 5,000."""
    rng = np.random.default_rng(2023)
    n = 5003
    ids = [f"c{i:05d}" for i in range(n)]
    vectors = rng.normal(size=(n, 2)).astype(np.float32)
    vs = VectorStore(tmp_path)
    vs.upsert(ids, vectors, [{"report_id": f"r{i % 3}"} for i in range(n)])
    assert vs.count() == n
    assert vs.ids() == set(ids)
    assert vs.existing(ids[:2500] + ["not-there"]) == set(ids[:2500])
    vs.delete(ids[:2100])
    assert vs.count() == n - 2100
    hits = vs.query(vectors[4000], 3, report_ids=["r1"])   # 4000 % 3 == 1
    assert hits[0] == ("c04000", pytest.approx(1.0, abs=1e-5))
