"""A correction killed mid-write: the store stays whole and holds whole rows only."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.qa.answering import Assistant
from assistant.settings import Settings
from assistant.stores.library import Library
from ingest.pipeline import ingest_paths
from tests.conftest import corpus_file

pytestmark = pytest.mark.slow   # servers, kills, a browser or thousands of reports: `-m 'not slow'` skips it

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("NIANBAO_CORRECTION_KILLS", "12"))


def test_corrections_killed_at_random_moments_leave_whole_rows(tmp_path):
    data = tmp_path / "data"
    library = Library(Settings(data_dir=data, embedder="hash"))
    ingest_paths(library, [corpus_file("real/kiro__hzq2023_working.pdf")])
    env = {**os.environ, "NIANBAO_DATA_DIR": str(data), "NIANBAO_EMBEDDER": "hash", "PYTHONPATH": str(ROOT)}
    rng = random.Random(7)
    finished, started = [], 0
    for i in range(KILLS):
        value = 100 + i
        proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "correct", "洪泽区", "2023",
                                 "review.review.total", "--value", str(value), "--kind", "source_error",
                                 "--reason", f"第{i}次", "--author", "测试"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started += 1
        time.sleep(rng.uniform(0.0, 2.5))   # a start-up takes ~1.5 s here: kills land before, during, after
        proc.kill()
        if proc.wait() == 0:
            finished.append(value)
    con = sqlite3.connect(data / "nianbao.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = con.execute("SELECT value, reason, author, created FROM corrections ORDER BY created").fetchall()
    con.close()
    assert all(v is not None and r and a == "测试" and c for v, r, a, c in rows)   # no half-written row
    assert set(finished) <= {v for v, *_ in rows} and len(rows) <= started
    answer = Assistant(Library(Settings(data_dir=data, embedder="hash"))).conversation().ask(
        "洪泽区2023年行政复议总计多少件？")
    assert answer.value == (rows[-1][0] if rows else 0)
    print(f"{started} correction processes, {len(finished)} finished before the kill, {len(rows)} rows stored")
