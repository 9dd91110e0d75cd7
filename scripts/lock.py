"""Write requirements.lock: every distribution the project needs — its dependencies and the
extras `make` installs — pinned to the version installed in this virtualenv, i.e. the set
the suite last passed on. `make` installs from the lock, then the project without
dependencies, so a fresh clone gets the same versions.

    .venv/bin/python scripts/lock.py            # after changing pyproject.toml's dependencies

Why not pip-compile (pip-tools): it resolves afresh from the index, where torch is the
CUDA build with its nvidia-* wheels (gigabytes); the project installs torch's CPU build
from this machine's disk first, and the lock must record what was actually tested.
"""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
EXTRAS = ("test", "ocr")          # what `make setup` installs besides the dependencies
LOCK = ROOT / "requirements.lock"


def project_requirements(extras=EXTRAS) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    out = [Requirement(r) for r in project["dependencies"]]
    for extra in extras:
        out += [Requirement(r) for r in project["optional-dependencies"].get(extra, [])]
    return out


def _applies(req: Requirement, extras: set[str]) -> bool:
    if req.marker is None:
        return True
    env = default_environment()
    return any(req.marker.evaluate({**env, "extra": e}) for e in (extras or {""}))


def closure(requirements: list[Requirement]) -> dict[str, str]:
    """name → installed version, for the requirements and everything they pull in."""
    pinned: dict[str, str] = {}
    todo = [(r, set()) for r in requirements]
    seen: set[tuple[str, frozenset[str]]] = set()
    while todo:
        req, parent_extras = todo.pop()
        if not _applies(req, parent_extras):
            continue
        name = canonicalize_name(req.name)
        key = (name, frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            sys.exit(f"{req.name} is required but not installed here: run `make setup` first")
        pinned[name] = dist.version
        for raw in dist.requires or ():
            todo.append((Requirement(raw), set(req.extras)))
    return pinned


def lock_lines(pinned: dict[str, str]) -> list[str]:
    # torch's local label (+cpu) is left off: `==2.13.0` accepts the CPU build the Makefile
    # installed first, and pip keeps it.
    return [f"{name}=={version.split('+')[0]}" for name, version in sorted(pinned.items())
            if name != "nianbao"]


def main() -> None:
    lines = lock_lines(closure(project_requirements()))
    LOCK.write_text("# Written by scripts/lock.py from the virtualenv the suite passed in; do not edit.\n"
                    + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {LOCK.name}: {len(lines)} distributions")


if __name__ == "__main__":
    main()
