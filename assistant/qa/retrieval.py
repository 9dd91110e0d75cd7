"""Hybrid passage retrieval: BM25 over jieba tokens + dense vectors, fused by weighted RRF.

Also exposed as a LangChain ``BaseRetriever`` whose Documents carry citation fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

import numpy as np

from assistant.domain.records import Chunk
from assistant.stores.library import SECTION_TITLES, Library

MODES = ("hybrid", "dense", "bm25")
EXACT_LIMIT = 5000   # within this many chunks, dense scores are computed exactly, not by ANN


def fuse(rankings: Sequence[tuple[float, list[str]]], rrf_k: int) -> list[tuple[str, float]]:
    """Weighted reciprocal-rank fusion of several rankings of ids."""
    scores: dict[str, float] = {}
    for weight, ids in rankings:
        for rank, cid in enumerate(ids):
            scores[cid] = scores.get(cid, 0.0) + weight / (rrf_k + rank + 1)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def allowed_chunks(library: Library, report_ids: Sequence[str] | None,
                   kinds: Sequence[str] | None = None) -> AbstractSet[str] | None:
    """The chunk ids a question may draw on: those of some reports (read by the report
    index, a few at a time) and of some kinds; None for every chunk."""
    if report_ids is None:
        return None if kinds is None else library.chunk_ids_of_kinds(kinds)
    out: set[str] = set()
    ids = list(dict.fromkeys(report_ids))
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        rows = library.sql.execute(
            f"SELECT id, kind FROM chunks WHERE report_id IN ({','.join('?' * len(part))})", part)
        out.update(r["id"] for r in rows if kinds is None or r["kind"] in kinds)
    return out


def retrieve(library: Library, question: str, k: int = 5, report_ids: Sequence[str] | None = None,
             mode: str | None = None, kinds: Sequence[str] | None = None) -> list[tuple[Chunk, float]]:
    """Best chunks for a question, optionally within some reports and of some kinds."""
    settings = library.settings.retrieval
    mode = mode or settings.mode
    if mode not in MODES:
        raise ValueError(f"retrieval mode must be one of {MODES}, not {mode!r}")
    allowed = allowed_chunks(library, report_ids, kinds)
    n = max(settings.candidates, k)
    rankings: list[tuple[float, list[str]]] = []
    if mode in ("hybrid", "bm25"):
        hits = library.lexical().search(question, n, allowed)
        rankings.append((settings.bm25_weight if mode == "hybrid" else 1.0, [h[0] for h in hits]))
    if mode in ("hybrid", "dense"):
        library.check_embedder()
        vector = library.embedder.query(question)
        if allowed is not None and len(allowed) <= EXACT_LIMIT:
            # A question about a few reports: score their chunks exactly (no ANN filter cost).
            ids, matrix = library.vectors.vectors(sorted(allowed))
            dense = [ids[i] for i in np.argsort(-(matrix @ vector))[:n]] if ids else []
        else:
            dense = [h[0] for h in library.vectors.query(vector, n * 2 if kinds else n, None)
                     if allowed is None or h[0] in allowed][:n]
        rankings.append((settings.dense_weight if mode == "hybrid" else 1.0, dense))
    fused = fuse(rankings, settings.rrf_k)[:k]
    chunks = {c.id: c for c in library.sql.chunks([cid for cid, _ in fused])}
    return [(chunks[cid], score) for cid, score in fused if cid in chunks]


def as_langchain_retriever(library: Library, k: int = 5, report_ids: Sequence[str] | None = None,
                           mode: str | None = None):
    """A LangChain BaseRetriever over the library; Documents carry citation metadata."""
    from langchain_core.callbacks import CallbackManagerForRetrieverRun
    from langchain_core.documents import Document
    from langchain_core.retrievers import BaseRetriever

    class NianbaoRetriever(BaseRetriever):
        """Hybrid retriever over ingested 政府信息公开年报 passages."""

        top_k: int = k
        scope: list[str] | None = list(report_ids) if report_ids is not None else None
        retrieval_mode: str | None = mode

        def _get_relevant_documents(self, query: str, *,
                                    run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
            reports = {r.id: r for r in library.sql.reports()}
            docs = []
            for chunk, score in retrieve(library, query, self.top_k, self.scope, self.retrieval_mode):
                r = reports[chunk.report_id]
                docs.append(Document(page_content=chunk.text, metadata={
                    "chunk_id": chunk.id, "report_id": r.id, "issuer": r.issuer, "year": r.year,
                    "source_file": r.source_file, "page": chunk.page,
                    "section": SECTION_TITLES.get(chunk.section, chunk.section),
                    "kind": chunk.kind, "cell_ids": list(chunk.cell_ids), "score": score}))
            return docs

    return NianbaoRetriever()
