"""Real servers for tests, started on loopback by the test set-up and stopped after."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


class Unavailable(Exception):
    """The server cannot be had here; the message says why (tests skip with it)."""


@contextlib.contextmanager
def running(*kinds: type):
    """Start each server kind (Postgres, ChromaServer) in turn and stop them all after; a
    test that needs one that cannot be had here is skipped, with the reason."""
    import pytest

    with contextlib.ExitStack() as stack:
        started = []
        for kind in kinds:
            try:
                started.append(stack.enter_context(kind()))
            except Unavailable as exc:
                pytest.skip(f"{kind.__name__} unavailable: {exc}")
        yield started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise Unavailable(f"server on 127.0.0.1:{port} did not start within {seconds:.0f}s")


class Postgres:
    """A throw-away PostgreSQL cluster (Debian's postgresql) on 127.0.0.1."""

    def __enter__(self) -> "Postgres":
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not bins:
            raise Unavailable("PostgreSQL is not installed (make test installs Debian's postgresql)")
        self.bin = Path(bins[-1])
        self.dir = Path(tempfile.mkdtemp(prefix="nianbao-pg-"))
        self.port = free_port()
        self.user = None
        if os.geteuid() == 0:  # postgres refuses to run as root
            try:
                self.user = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise Unavailable("running as root and there is no 'postgres' user") from exc
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)
        self._run("initdb", "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-w", "-o",
                  f"-h 127.0.0.1 -p {self.port} -k {self.dir}", "start")
        _wait(self.port)
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        return self

    def _run(self, tool: str, *args: str) -> None:
        cmd = [str(self.bin / tool), *args]
        if self.user is not None:
            cmd = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{a}'" for a in cmd)]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise Unavailable(f"{tool} failed: {done.stderr.strip()[-300:]}")

    def __exit__(self, *exc) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


class ChromaServer:
    """`chroma run` from the chromadb package, on 127.0.0.1."""

    def __enter__(self) -> "ChromaServer":
        exe = Path(sys.executable).with_name("chroma")
        if not exe.exists():
            raise Unavailable("the chroma command (chromadb package) is not installed")
        self.dir = Path(tempfile.mkdtemp(prefix="nianbao-chroma-"))
        self.port = free_port()
        env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
        self.proc = subprocess.Popen([str(exe), "run", "--path", str(self.dir), "--host", "127.0.0.1",
                                      "--port", str(self.port)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, env=env)
        _wait(self.port, 60)
        self.url = f"http://127.0.0.1:{self.port}"
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)
