"""Turning plain text into table rows, for each layout seen in extracted report text.

Three delimited layouts (the glued web-page layout lives in ``glued.py``):

- ``tab``: one row per line, cells separated by tabs (seeds 000, 002, 004);
- ``cell_lines``: one cell per tab-indented line, rows separated by empty lines; a
  line without the leading tab continues the previous cell (seed 001);
- ``pipe``: a row starts at a line ``| label |``, each further ``value |`` line is a
  cell, lines of bare pipes are padding (seed 003).

Every builder is pure: text in, rows with character spans out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ingest.document import Field, Row

_PIPES_ONLY = re.compile(r"^\s*\|+\s*$")


def _lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
    """(offset, line) pairs of text[start:end], offsets absolute."""
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, text[pos:stop]
        pos = stop + 1


def tab_rows(text: str, start: int = 0, end: int | None = None) -> list[Row]:
    """One row per line; fields split on tabs."""
    rows = []
    for offset, line in _lines(text, start, end):
        if not line.strip():
            continue
        fields, pos = [], offset
        for part in line.split("\t"):
            fields.append(Field(part.strip(), pos, pos + len(part)))
            pos += len(part) + 1
        rows.append(Row(tuple(fields)))
    return rows


def cell_line_rows(text: str, start: int = 0, end: int | None = None) -> list[Row]:
    """One cell per tab-indented line; an empty line (or one of spaces, U+3000 too) ends the
    row — a lone tab is an empty cell."""
    rows: list[Row] = []
    cells: list[list] = []  # [text, start, end]

    def flush() -> None:
        if cells:
            rows.append(Row(tuple(Field(t.strip(), s, e) for t, s, e in cells)))
            cells.clear()

    for offset, line in _lines(text, start, end):
        if "\t" not in line and not line.strip():
            flush()
        elif line.startswith("\t") or not cells:
            body = line.lstrip("\t")
            cells.append([body, offset + len(line) - len(body), offset + len(line)])
        else:
            # Continuation of a cell wrapped onto the next line.
            cells[-1][0] += line
            cells[-1][2] = offset + len(line)
    flush()
    return rows


def pipe_rows(text: str, start: int = 0, end: int | None = None) -> list[Row]:
    """Pipe-delimited rows with one cell per line."""
    rows: list[Row] = []
    cells: list[Field] = []
    for offset, line in _lines(text, start, end):
        if _PIPES_ONLY.match(line) or not line.strip():
            continue
        stripped = line.strip()
        new_row = stripped.startswith("|")
        body = stripped.strip("|").strip()
        if not stripped.endswith("|") and not new_row:
            # A narrative line between tables: it ends any open row.
            if cells:
                rows.append(Row(tuple(cells)))
                cells = []
            continue
        if new_row and cells:
            rows.append(Row(tuple(cells)))
            cells = []
        s = offset + line.find(body) if body else offset
        cells.append(Field(body, s, s + len(body)))
    if cells:
        rows.append(Row(tuple(cells)))
    return rows


LAYOUTS: dict[str, Callable[[str, int, int | None], list[Row]]] = {
    "tab": tab_rows,
    "cell_lines": cell_line_rows,
    "pipe": pipe_rows,
}
