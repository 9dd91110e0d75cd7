"""Many `nianbao ingest` processes share the work through the job queue on PostgreSQL.

Three real CLI processes, each with a data dir of its own (as on three machines), against
one PostgreSQL and one Chroma server on loopback, over overlapping folders of synthetic
reports; one is SIGKILLed while it works on a report. Every report is then present once,
its cells are those of a single-process ingest, the vector store holds exactly the chunks,
and `ingest --status` tells the story per worker.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.servers import ChromaServer, Postgres, running

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"a": 16, "b": 16, "c": 16}


@pytest.fixture(scope="module")
def servers():
    with running(Postgres, ChromaServer) as (pg, chroma):
        yield pg, chroma


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    from evals.synth.generate import generate

    root = tmp_path_factory.mktemp("queue-reports")
    kinds = (("txt", "tab"), ("html", "html-table"), ("txt", "pipe"), ("docx", "docx-table"))
    for i, (name, n) in enumerate(FOLDERS.items()):
        generate(300 + i, n, root / name, kinds=kinds)
    return root


def _env(pg, chroma, data: Path) -> dict[str, str]:
    return dict(os.environ, DATABASE_URL=pg.url, CHROMA_URL=chroma.url, NIANBAO_EMBEDDER="hash",
                NIANBAO_DATA_DIR=str(data), PYTHONPATH=str(ROOT), ANONYMIZED_TELEMETRY="False")


def _ingest(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "ingest", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _rows(url: str, sql: str, params: tuple = ()) -> list[dict]:
    import psycopg
    from psycopg.rows import dict_row

    with psycopg.connect(url, row_factory=dict_row, autocommit=True) as con:
        return con.execute(sql, params).fetchall()


def _cells_by_content(sql_store) -> dict[str, list[tuple]]:
    out = {}
    for r in sql_store.reports():
        out[r.sha256] = sorted((c.cell_id, c.value, c.status, c.raw) for c in sql_store.cells(r.id))
    return out


def test_three_workers_one_killed_every_report_once(servers, reports, tmp_path):
    from assistant.settings import Settings
    from assistant.stores.library import Library
    from ingest.pipeline import ingest_paths

    pg, chroma = servers
    a, b, c = (str(reports / name) for name in FOLDERS)
    # The victim (all three folders) starts first; the other two once it is at work, so the
    # three overlap whatever the machine's load.
    victim = _ingest(_env(pg, chroma, tmp_path / "w3"), str(reports))
    name = f"{os.uname().nodename}:{victim.pid}"

    def jobs_of(worker: str | None = None) -> list[dict]:
        try:
            return _rows(pg.url, "SELECT id, state, worker FROM ingest_jobs" + (" WHERE worker = %s" if worker else ""),
                         (worker,) if worker else ())
        except Exception:      # the table is made by the first worker to connect
            return []

    deadline = time.time() + 240
    while time.time() < deadline and victim.poll() is None and not jobs_of(name):
        time.sleep(0.02)
    procs = [_ingest(_env(pg, chroma, tmp_path / "w1"), a, b), _ingest(_env(pg, chroma, tmp_path / "w2"), b, c),
             victim]
    # Kill it while it holds a job, once another worker has finished one.
    killed_on = None
    while time.time() < deadline and victim.poll() is None:
        rows = jobs_of()
        running = [r["id"] for r in rows if r["state"] == "running" and r["worker"] == name]
        if running and any(r["state"] == "done" and r["worker"] != name for r in rows):
            victim.send_signal(signal.SIGKILL)
            killed_on = running[0]
            break
        time.sleep(0.01)
    assert killed_on is not None, "the third worker never held a job while the others worked"
    victim.wait(30)
    outputs = [p.communicate(timeout=300) for p in procs[:2]]
    for p, (_out, err) in zip(procs[:2], outputs):
        assert p.returncode == 0, err[-2000:]
    # Each survivor reports every file it was given, in Chinese, whoever did it.
    for (out, _err), given in zip(outputs, (FOLDERS["a"] + FOLDERS["b"], FOLDERS["b"] + FOLDERS["c"])):
        assert out.count("新增：") + out.count("已更新：") + out.count("未变：") >= given, out

    total = sum(FOLDERS.values())
    jobs = _rows(pg.url, "SELECT id, state, attempts, worker FROM ingest_jobs ORDER BY id")
    assert len(jobs) == total and {j["state"] for j in jobs} == {"done"}
    taken_over = next(j for j in jobs if j["id"] == killed_on)
    # the victim's job was finished by someone else after it died (or by itself just before)
    assert taken_over["worker"] != name or taken_over["attempts"] == 1

    server = Library(Settings(data_dir=tmp_path / "check", embedder="hash", database_url=pg.url,
                              chroma_url=chroma.url))
    stored = server.sql.reports()
    assert len(stored) == total and len({r.source_path for r in stored}) == total
    # no orphan vectors, none missing
    assert server.vectors.ids() == server.sql.chunk_ids()

    single = Library(Settings(data_dir=tmp_path / "single", embedder="hash"))
    assert all(r.status == "added" for r in ingest_paths(single, [reports]))
    assert _cells_by_content(server.sql) == _cells_by_content(single.sql)
    assert sum(len(v) for v in _cells_by_content(server.sql).values()) > 100 * total

    status = subprocess.run([sys.executable, str(ROOT / "cli.py"), "ingest", "--status"],
                            env=_env(pg, chroma, tmp_path / "w1"), capture_output=True, text=True, timeout=60)
    assert status.returncode == 0, status.stderr
    assert f"作业共 {total} 个：排队 0，处理中 0，完成 {total}，失败 0（完成 100%）" in status.stdout
    assert f"{name}：完成" in status.stdout and "已断开" in status.stdout
    server.sql.close()


def test_a_dead_workers_job_is_taken_again(servers):
    """Deterministically: a worker that holds a job and dies leaves it to the next claim."""
    from ingest.queue import JobQueue

    pg, _chroma = servers
    url = pg.url
    setup = JobQueue(url, name="setup")
    setup.con.execute("DELETE FROM ingest_jobs")
    setup.enqueue([("/nowhere/one.txt", "sha-one")])
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from ingest.queue import JobQueue; q = JobQueue(sys.argv[1], name='holder'); "
         "job = q.claim(); print(job.id, flush=True); time.sleep(600)", url],
        env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.PIPE, text=True)
    job_id = int(holder.stdout.readline())
    assert setup.claim() is None            # held by a live worker: nobody else takes it
    holder.send_signal(signal.SIGKILL)
    holder.wait(30)
    for _ in range(100):                    # the server notices the closed connection at once
        job = setup.claim()
        if job is not None:
            break
        time.sleep(0.05)
    assert job is not None and job.id == job_id and job.attempts == 2
    setup.con.execute("DELETE FROM ingest_jobs")
    setup.close()
