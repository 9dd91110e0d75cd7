"""The metric lexicon (assistant/qa/data/lexicon.json): how people name cells, as data."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from assistant.domain.template import ORG_COLUMNS, rows_for

LEXICON_PATH = Path(__file__).parent / "data" / "lexicon.json"


@dataclass(frozen=True)
class Metric:
    """A named quantity: one template row, or several summed (group totals)."""

    id: str
    table: str
    rows: tuple[str, ...]
    label: str
    patterns: tuple[str, ...]
    priority: int = 1         # 0: a catch-all wording that yields to specific metrics


@dataclass(frozen=True)
class Ratio:
    id: str
    label: str
    patterns: tuple[str, ...]
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    formula: str


@dataclass(frozen=True)
class Match:
    """A metric found in a question, with the span that named it."""

    metric: Metric
    start: int
    end: int


_PLAIN = re.compile(r"[\u4e00-\u9fff]{4,}")


@dataclass(frozen=True)
class Lexicon:
    metrics: tuple[Metric, ...]
    columns: dict
    defaults: dict
    ratios: tuple[Ratio, ...]
    # its literal wordings of four or more characters by their first and by their last two
    # characters: the words a homophone slip is checked against (built once, with the lexicon)
    words_by_prefix: dict = field(init=False, repr=False, compare=False)
    words_by_suffix: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        found = {p for m in self.metrics for p in m.patterns if _PLAIN.fullmatch(p)}
        found |= {p for table in self.columns.values() for phrases in table.values() for p in phrases
                  if _PLAIN.fullmatch(p)}
        by_prefix: dict[str, list[str]] = {}
        by_suffix: dict[str, list[str]] = {}
        for word in sorted(found):
            by_prefix.setdefault(word[:2], []).append(word)
            by_suffix.setdefault(word[-2:], []).append(word)
        object.__setattr__(self, "words_by_prefix", by_prefix)
        object.__setattr__(self, "words_by_suffix", by_suffix)

    def metric(self, metric_id: str) -> Metric:
        """The metric of this id ("requests.new"); KeyError for an id the lexicon has not."""
        found = next((m for m in self.metrics if m.id == metric_id), None)
        if found is None:
            raise KeyError(metric_id)
        return found

    def find_metrics(self, question: str) -> list[Match]:
        """Metrics named in the question, most specific first, without overlapping spans."""
        hits = []
        for m in self.metrics:
            for p in m.patterns:
                for found in re.finditer(p, question):
                    hits.append(Match(m, found.start(), found.end()))
        hits.sort(key=lambda h: (-h.metric.priority, -(h.end - h.start), len(h.metric.rows), h.start))
        chosen: list[Match] = []
        claimed: list[tuple[int, int]] = []
        for h in hits:
            if any(h.start < e and s < h.end for s, e in claimed):
                continue
            claimed.append((h.start, h.end))
            if any(c.metric.id == h.metric.id for c in chosen):
                continue   # said again ("复议后起诉（复议后起诉）"): its words are its own, not a shorter row's
            chosen.append(h)
        return chosen

    def find_columns(self, question: str, table: str, exclude: Sequence[tuple[int, int]] = (),
                     allowed: set[str] | None = None) -> list[str]:
        """Column ids named in the question for a table, in the order they appear.

        ``_orgs`` (法人或其他组织) stands for the five organisation columns together.
        Spans already taken by the metric's own wording are ignored.
        """
        found = []
        for col, phrases in self.columns.get(table, {}).items():
            if allowed is not None and col not in allowed:
                continue   # only the row's own columns compete for a phrase
            for p in phrases:
                for m in re.finditer(re.escape(p), question):
                    if any(m.start() < e and s < m.end() for s, e in exclude):
                        continue
                    found.append((m.start(), -(m.end() - m.start()), col))
        # the longest phrase wins where two overlap ("各类法人和其他组织" is _orgs, not 其他组织)
        found.sort(key=lambda f: (f[1], f[0]))
        kept: list[tuple[int, int, str]] = []
        for start, neg_len, col in found:
            end = start - neg_len
            if not any(start < e and s < end for s, e, _ in kept):
                kept.append((start, end, col))
        out: list[str] = []
        for _, _, col in sorted(kept):
            if col not in out:
                out.append(col)
        return out

    def mend_homophones(self, question: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """'予以工开' → '予以公开': a window of the question one character away from one of the
        lexicon's literal wordings of four or more characters, the two characters read alike (an
        input-method slip). Returns the mended question (same length) and the (typed, meant)
        pairs; a question with every wording spelt right comes back unchanged."""
        from assistant.qa.issuers import sounds_alike

        by_prefix, by_suffix = self.words_by_prefix, self.words_by_suffix
        # one slip leaves a word's first two characters or its last two as typed
        candidates = {(start, word) for start in range(len(question)) for word in by_prefix.get(question[start:start + 2], ())}
        candidates |= {(end - len(word), word) for end in range(2, len(question) + 1)
                       for word in by_suffix.get(question[end - 2:end], ()) if end >= len(word)}
        mended, slips = list(question), []
        taken: list[tuple[int, int]] = []
        for start, word in sorted(candidates, key=lambda c: (-len(c[1]), c[0], c[1])):
            n = len(word)
            window = question[start:start + n]
            diff = [i for i, (a, b) in enumerate(zip(window, word)) if a != b]
            if len(window) != n or len(diff) != 1 or any(start < e and s < start + n for s, e in taken):
                continue
            typed, meant = window[diff[0]], word[diff[0]]
            if "\u4e00" <= typed <= "\u9fff" and sounds_alike(typed, meant):
                mended[start + diff[0]] = meant
                taken.append((start, start + n))
                slips.append((window, word))
        return "".join(mended), tuple(slips)

    def default_column(self, metric: Metric, version: str) -> str | None:
        if metric.table == "requests" or metric.table == "review":
            return "total"
        return self.defaults.get(metric.id, {}).get(version)

    def find_ratio(self, question: str) -> Ratio | None:
        for r in self.ratios:
            if any(re.search(p, question) for p in r.patterns):
                return r
        return None


def expand_column(column: str) -> tuple[str, ...]:
    """'_orgs' is the five organisation columns; any other id is itself."""
    return ORG_COLUMNS if column == "_orgs" else (column,)


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    metrics = tuple(Metric(m["id"], m["table"], tuple(m["rows"]), m["label"], tuple(m["patterns"]),
                           m.get("priority", 1)) for m in data["metrics"])
    ratios = tuple(Ratio(r["id"], r["label"], tuple(r["patterns"]), tuple(r["numerator"]),
                         tuple(r["denominator"]), r["formula"]) for r in data["ratios"])
    return Lexicon(metrics, data["columns"], data["default_columns"], ratios)


def columns_of(metric: Metric, version: str) -> tuple[str, ...]:
    """The column ids the metric's rows have in a template version."""
    for row in rows_for(version, metric.table):
        if row.id == metric.rows[0]:
            return tuple(c.id for c in row.columns)
    return ()
