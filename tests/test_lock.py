"""requirements.lock pins every dependency within pyproject's ranges, and is what is installed."""

from __future__ import annotations

from importlib import metadata

from packaging.utils import canonicalize_name
from packaging.version import Version

from scripts.lock import LOCK, project_requirements


def _lock() -> dict[str, str]:
    out = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            out[canonicalize_name(name)] = version
    return out


def test_every_requirement_is_pinned_within_its_range():
    lock = _lock()
    for req in project_requirements():
        name = canonicalize_name(req.name)
        assert name in lock, f"{req.name} is in pyproject.toml but not in requirements.lock: run `make lock`"
        assert req.specifier.contains(Version(lock[name]), prereleases=True), (req, lock[name])


def test_the_lock_is_what_is_installed():
    for name, version in _lock().items():
        installed = metadata.version(name).split("+")[0]
        assert installed == version, f"{name} {installed} installed, {version} locked: run `make setup` or `make lock`"
