"""Shared fixtures: the real corpus in ../shared, a library ingested from it, no network."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EXPECTED = Path(__file__).parent / "expected"


def corpus_file(relative: str) -> Path:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"../shared/corpus/{relative} is not beside the checkout")
    return path


def expected(stem: str) -> dict:
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def no_network(monkeypatch, request):
    """Block sockets to anything but loopback (tests must never reach a hub)."""
    if request.node.get_closest_marker("network"):
        return
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1")
                                          or self.family == socket.AF_UNIX):
            raise OSError(f"network access blocked in tests: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not beside the checkout")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_library(corpus, tmp_path_factory):
    """A library with the whole corpus ingested (hash embedder: fast and deterministic)."""
    from assistant.settings import Settings
    from assistant.stores.library import Library
    from ingest.pipeline import ingest_paths

    settings = Settings(data_dir=tmp_path_factory.mktemp("corpus-data"), embedder="hash")
    library = Library(settings)
    results = ingest_paths(library, [corpus])
    assert [r.line() for r in results if r.status == "failed"] == []
    return library


@pytest.fixture(scope="session")
def assistant(corpus_library):
    from assistant.qa.answering import Assistant

    return Assistant(corpus_library)
