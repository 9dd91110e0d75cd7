"""SIGKILL `nianbao ingest` at random moments: the stores stay consistent and recover."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from assistant.library import Library
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("NIANBAO_KILLS", "50"))


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
    rng = random.Random(20261123)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    killed = 0
    for run in range(KILLS):
        if run % 10 == 0:   # start over now and then, to kill early phases too (a fresh folder:
            data = tmp_path / f"data{run}"   # chromadb caches one client per path in a process)
        cmd = [sys.executable, "-m", "cli", "ingest", "--data-dir", str(data), "--embedder", "hash", str(corpus)]
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 7.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
        if (data / "nianbao.sqlite3").exists():
            _check(data)
    assert killed >= KILLS * 0.6
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _check(data)["reports"] == 15
