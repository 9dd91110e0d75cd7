"""Matching printed row labels to template rows, tolerant of typos and split labels."""

from __future__ import annotations

import re

from assistant.domain.template import Row

_ENUMERATORS = re.compile(
    r"[（(][一二三四五六七八九十\d]+[)）]|^[一二三四五六七八九十]+\s*[、.．]|\d+\s*[.．、]")
_DROP = re.compile(r"[\s\u00a0\u3000，,。.．、；;：:（）()“”\"'‘’《》〈〉<>/／\-—|｜·]+")


def normalise(text: str) -> str:
    """Label text without whitespace, punctuation and enumerators (（一）, 三、, 1.)."""
    t = re.sub(r"[\s\u00a0\u3000]+", "", text or "")
    t = _ENUMERATORS.sub("", t)
    return _DROP.sub("", t)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def similarity(label: str, alias: str) -> float:
    """Score in [0, 1] of a normalised printed label against a normalised alias."""
    if not label or not alias:
        return 0.0
    if label == alias:
        return 1.0
    score = 0.0
    if len(alias) >= 4 and alias in label:
        score = 0.9
    elif len(label) >= 3 and label in alias:
        # A label cut off by a line break ("属于三类" for 属于三类内部事务信息).
        score = 0.55 + 0.35 * len(label) / len(alias)
    a, b = _bigrams(label), _bigrams(alias)
    dice = 2 * len(a & b) / (len(a) + len(b))
    return max(score, dice)


def aliases(row: Row) -> tuple[str, ...]:
    return (normalise(row.label),) + tuple(normalise(a) for a in row.aliases)


def score_row(label_texts: list[str], row: Row) -> tuple[float, int]:
    """Best (score, alias length) of a printed row's label fields against a template row.

    Each label field is scored alone, and so are the joined last two and all fields,
    because labels are split across cells as often as group labels are glued on.
    """
    texts = [normalise(t) for t in label_texts if normalise(t)]
    if not texts:
        return 0.0, 0
    options = set(texts)
    options.add("".join(texts[-2:]))
    options.add("".join(texts))
    best = (0.0, 0)
    for alias in aliases(row):
        for option in options:
            best = max(best, (similarity(option, alias), len(alias)))
    return best
