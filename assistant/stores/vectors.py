"""Chunk vectors in Chroma (embedded persistent directory, or a server via CHROMA_URL).

Vectors are always computed by our embedder and passed in: chromadb's own default
embedding function would try to download a model, which cannot work offline.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

COLLECTION = "chunks"


class VectorStore:
    def __init__(self, data_dir: Path, chroma_url: str | None = None):
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if chroma_url:
            u = urlparse(chroma_url)
            self._client = chromadb.HttpClient(host=u.hostname or "127.0.0.1", port=u.port or 8000,
                                               ssl=u.scheme == "https", settings=settings)
        else:
            path = Path(data_dir) / "chroma"
            path.mkdir(parents=True, exist_ok=True)
            self._client = chromadb.PersistentClient(path=str(path), settings=settings)
        self._col = self._open()

    def _open(self):
        return self._client.get_or_create_collection(
            COLLECTION, metadata={"hnsw:space": "cosine"}, embedding_function=None)

    def reset(self) -> None:
        """Drop every vector (the collection is recreated, so a new dimension fits)."""
        self._client.delete_collection(COLLECTION)
        self._col = self._open()

    def upsert(self, ids: Sequence[str], vectors: np.ndarray, metadatas: Sequence[dict]) -> None:
        for i in range(0, len(ids), 1000):
            self._col.upsert(ids=list(ids[i:i + 1000]), embeddings=vectors[i:i + 1000].tolist(),
                             metadatas=list(metadatas[i:i + 1000]))

    def delete(self, ids: Sequence[str]) -> None:
        ids = list(ids)
        for i in range(0, len(ids), 1000):
            self._col.delete(ids=ids[i:i + 1000])

    def ids(self) -> set[str]:
        out: set[str] = set()
        offset = 0
        while True:
            batch = self._col.get(include=[], limit=5000, offset=offset)["ids"]
            out.update(batch)
            if len(batch) < 5000:
                return out
            offset += len(batch)

    def existing(self, ids: Sequence[str]) -> set[str]:
        """Which of these ids already have a vector."""
        out: set[str] = set()
        ids = list(ids)
        for i in range(0, len(ids), 1000):
            out.update(self._col.get(ids=ids[i:i + 1000], include=[])["ids"])
        return out

    def vectors(self, ids: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """The stored vectors of these ids (for exact scoring within a few reports)."""
        if not ids:     # Chroma refuses an empty id list; none asked, none given (as existing/delete)
            return [], np.zeros((0, 0), dtype=np.float32)
        got = self._col.get(ids=list(ids), include=["embeddings"])
        return list(got["ids"]), np.asarray(got["embeddings"], dtype=np.float32)

    def count(self) -> int:
        return self._col.count()

    def query(self, vector: np.ndarray, k: int, report_ids: Sequence[str] | None = None
              ) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first, optionally within some reports."""
        if k <= 0 or (report_ids is not None and not report_ids):
            return []
        where = None
        if report_ids is not None:
            where = {"report_id": {"$in": list(report_ids)}}
        n = min(k, max(1, self._col.count()))
        res = self._col.query(query_embeddings=[vector.tolist()], n_results=n, where=where,
                              include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(res["ids"][0], res["distances"][0])]
