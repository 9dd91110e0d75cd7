"""SIGKILL `nianbao ingest` at random moments: the stores stay consistent and recover."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.settings import Settings
from assistant.stores.library import Library

pytestmark = pytest.mark.slow   # servers, kills, a browser or thousands of reports: `-m 'not slow'` skips it

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("NIANBAO_KILLS", "30"))
STREAMS = max(1, min(2, os.cpu_count() or 1))   # kill streams side by side
CHECKING = threading.Lock()


def _check(data: Path) -> dict:
    """What a reader sees after a kill, once the library is opened and reconciled."""
    con = sqlite3.connect(data / "nianbao.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    library = Library(Settings(data_dir=data, embedder="hash"))
    library.reconcile()
    sql_ids = library.sql.chunk_ids()
    assert library.vectors.ids() == sql_ids
    lexical = library.lexical()
    assert set(lexical._ids) == sql_ids
    for report in library.sql.reports():       # no report is half-present
        cells = library.sql.cells(report.id)
        chunks = library.sql.chunks(report_id=report.id)
        assert len(cells) >= 186 and len(chunks) >= 30, report.source_file
    counts = library.sql.counts()
    library.sql.close()
    return counts


def test_random_kills_never_leave_a_half_report(corpus, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))

    def command(data: Path) -> list[str]:
        return [sys.executable, "-m", "cli", "ingest", "--data-dir", str(data), "--embedder", "hash", str(corpus)]

    # How long one whole ingest takes here, so that kills land all over it.
    started = time.monotonic()
    subprocess.run(command(tmp_path / "timing"), cwd=ROOT, env=env, capture_output=True, timeout=600)
    whole = time.monotonic() - started

    def stream(n: int) -> tuple[int, int, Path]:
        """One sequence of ingests killed at random moments, in folders of its own; an ingest
        is one process on one core, so the streams run side by side, one a core."""
        rng = random.Random(20261123 + n)
        killed = runs = 0
        wanted = KILLS // STREAMS + (n < KILLS % STREAMS)
        data = tmp_path / f"s{n}-data0"
        while killed < wanted and runs < wanted * 2:
            if runs % 8 == 0:   # start over now and then, to kill early phases too (a fresh folder:
                data = tmp_path / f"s{n}-data{runs}"   # chromadb caches one client per path in a process)
            runs += 1
            proc = subprocess.Popen(command(data), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.05, 0.6) * whole)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait()
            if (data / "nianbao.sqlite3").exists():
                with CHECKING:   # one reader at a time: the check opens a whole library
                    _check(data)
        done = subprocess.run(command(data), cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
        return killed, runs, data

    with ThreadPoolExecutor(STREAMS) as pool:
        results = list(pool.map(stream, range(STREAMS)))
    killed, runs = sum(r[0] for r in results), sum(r[1] for r in results)
    print(f"{killed} kills survived in {runs} runs, {STREAMS} side by side (one whole ingest: {whole:.1f}s)")
    assert killed >= KILLS
    for _, _, data in results:   # each stream's last folder, ingested to the end after its kills
        assert _check(data)["reports"] == 15
