"""Benchmarks: `python -m benchmarks [NAME ...]` prints figures as JSON lines (not part of make test)."""
