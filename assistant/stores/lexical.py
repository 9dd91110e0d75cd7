"""BM25 over jieba tokens (bm25s), a derived index rebuilt from the SQL store when stale."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path

import numpy as np

_STOP = set("的 了 和 与 及 或 在 是 为 对 等 中 年 有 个 这 那 吗 呢 啊 多少 什么 哪些 哪个 是否 请问 情况 如何 怎么 怎样".split())
_KEEP = re.compile(r"[\u4e00-\u9fff]|[A-Za-z]+|\d+")
_JIEBA_LOCK = threading.Lock()
_jieba = None


def tokenize(text: str) -> list[str]:
    """jieba search-mode tokens, single CJK characters too, stop words and punctuation dropped."""
    global _jieba
    with _JIEBA_LOCK:
        if _jieba is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            _jieba = jieba
    tokens = []
    for tok in _jieba.cut_for_search(text):
        tok = tok.strip()
        if tok and tok not in _STOP and _KEEP.search(tok):
            tokens.append(tok)
    return tokens


class LexicalIndex:
    """A BM25 index over chunk texts, persisted under ``<data_dir>/bm25``."""

    def __init__(self, data_dir: Path):
        self.dir = Path(data_dir) / "bm25"
        self._model = None
        self._ids: list[str] = []
        self._generation = -1
        self._pos: dict[str, int] = {}
        self._sorted = False      # every posting list in ascending document order (bm25s builds them so)
        # The positions of the last large frozen set of allowed ids (every passage, say: the
        # library hands out the same frozenset until the store changes), with the id map they index.
        self._memo: tuple[dict[str, int], frozenset[str], np.ndarray] | None = None
        self._lock = threading.Lock()

    @property
    def generation(self) -> int:
        return self._generation

    def build(self, ids: Sequence[str], texts: Sequence[str], generation: int) -> None:
        import bm25s

        corpus = [tokenize(t) or ["_"] for t in texts]
        model = bm25s.BM25(k1=1.2, b=0.75)
        if corpus:
            model.index(corpus, show_progress=False)
        with self._lock:
            self._model, self._ids, self._generation = (model if corpus else None), list(ids), generation
            self._pos = {cid: i for i, cid in enumerate(self._ids)}
            self._sorted = postings_sorted(model) if corpus else False
            self._memo = None
        self._save()

    def _save(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.dir / "index.tmp"
        if self._model is not None:
            self._model.save(str(tmp))
        else:
            tmp.mkdir(exist_ok=True)
        (tmp / "nianbao.json").write_text(json.dumps({"ids": self._ids, "generation": self._generation}))
        final = self.dir / "index"
        if final.exists():
            import shutil
            shutil.rmtree(final)
        tmp.rename(final)

    def load(self) -> bool:
        """Load the saved index; False if there is none."""
        import bm25s

        final = self.dir / "index"
        meta = final / "nianbao.json"
        if not meta.exists():
            return False
        info = json.loads(meta.read_text())
        model = bm25s.BM25.load(str(final)) if info["ids"] else None
        with self._lock:
            self._model, self._ids, self._generation = model, info["ids"], info["generation"]
            self._pos = {cid: i for i, cid in enumerate(self._ids)}
            self._sorted = postings_sorted(model) if model is not None else False
            self._memo = None
        return True

    def search(self, query: str, k: int, allowed: AbstractSet[str] | None = None) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) best first; ``allowed`` restricts to some chunk ids.

        A question about a few reports scores only their chunks: each query token's posting
        list is searched for those documents instead of summing it over the whole corpus.
        The scores are bm25s's own, added in the same order, so the ranking is the same."""
        with self._lock:
            model, ids, pos, postings_in_order = self._model, self._ids, self._pos, self._sorted
        tokens = tokenize(query)
        if model is None or not tokens:
            return []
        if allowed is None:
            candidates = np.arange(len(ids))
            sub = np.asarray(model.get_scores(tokens))
        else:
            candidates = self._positions(allowed, pos)
            if not len(candidates):
                return []
            if postings_in_order and len(candidates) * SUBSET_SHARE < len(ids):
                sub = scores_at(model, tokens, candidates)
            else:
                sub = np.asarray(model.get_scores(tokens))[candidates]
        top = min(k, len(sub))
        best = np.argpartition(-sub, top - 1)[:top]
        best = best[np.argsort(-sub[best], kind="stable")]
        return [(ids[candidates[i]], float(sub[i])) for i in best if sub[i] > 0]

    def _positions(self, allowed: AbstractSet[str], pos: dict[str, int]) -> np.ndarray:
        """Index positions of the allowed ids, ascending; a large frozen set is looked up once."""
        memo = self._memo
        if memo is not None and memo[0] is pos and memo[1] is allowed:
            return memo[2]
        positions = np.fromiter(sorted(pos[c] for c in allowed if c in pos), dtype=np.int64)
        if isinstance(allowed, frozenset) and len(allowed) > MEMO_MIN:
            self._memo = (pos, allowed, positions)
        return positions


# Below 1/SUBSET_SHARE of the corpus, scoring the candidates one by one beats summing every posting.
SUBSET_SHARE = 16
MEMO_MIN = 1000   # allowed sets smaller than this (a few reports' chunks) are cheaper to look up each time


def scores_at(model, tokens: list[str], docs: np.ndarray) -> np.ndarray:
    """bm25s's scores of ``tokens`` for the documents ``docs`` (ascending positions) only.

    Same arithmetic as ``BM25.get_scores`` (each token's precomputed score added, token by
    token, in the index's dtype), but each posting list is binary-searched for ``docs``
    rather than walked in full: O(tokens × docs × log postings) instead of O(postings)."""
    scores = model.scores
    data, indices, indptr = scores["data"], scores["indices"], scores["indptr"]
    token_ids = np.asarray(model.get_tokens_ids(tokens), dtype=np.int64)
    out = np.zeros(len(docs), dtype=np.dtype(model.dtype))
    for t in token_ids:
        lo, hi = int(indptr[t]), int(indptr[t + 1])
        if lo == hi:
            continue
        column = indices[lo:hi]
        at = np.minimum(np.searchsorted(column, docs), hi - lo - 1)
        hit = column[at] == docs
        out[hit] += data[lo + at[hit]]
    if model.nonoccurrence_array is not None and len(token_ids):
        out += model.nonoccurrence_array[token_ids].sum()
    return out


def postings_sorted(model, block: int = 1 << 22) -> bool:
    """True if every posting list of the index holds its documents in ascending order
    (what ``scores_at`` binary-searches); checked in blocks to keep memory flat."""
    indices, indptr = model.scores["indices"], model.scores["indptr"]
    starts = np.asarray(indptr[1:-1])
    for lo in range(1, len(indices), block):
        hi = min(lo + block, len(indices))
        drops = np.flatnonzero(indices[lo:hi] <= indices[lo - 1:hi - 1]) + lo
        if len(drops) and not np.isin(drops, starts).all():
            return False
    return True
