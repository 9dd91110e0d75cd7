"""BM25 over jieba tokens (bm25s), a derived index rebuilt from the SQL store when stale."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
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
        return True

    def search(self, query: str, k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) best first; ``allowed`` restricts to some chunk ids."""
        with self._lock:
            model, ids, pos = self._model, self._ids, self._pos
        tokens = tokenize(query)
        if model is None or not tokens:
            return []
        scores = np.asarray(model.get_scores(tokens))
        if allowed is not None:
            # Score only the allowed chunks (a report's few dozen among hundreds of thousands).
            candidates = np.fromiter((pos[c] for c in allowed if c in pos), dtype=np.int64)
        else:
            candidates = np.arange(len(scores))
        if not len(candidates):
            return []
        sub = scores[candidates]
        top = min(k, len(sub))
        best = np.argpartition(-sub, top - 1)[:top]
        best = best[np.argsort(-sub[best])]
        return [(ids[candidates[i]], float(sub[i])) for i in best if sub[i] > 0]
