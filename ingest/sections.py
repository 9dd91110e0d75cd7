"""Finding the six sections and cutting them into cited chunks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain.template import SECTIONS

# Headings in printed order; variants seen in real reports are allowed for.
_HEADINGS = {
    "overview": r"一\s*[、.．]\s*总\s*体\s*情\s*况",
    "active": r"二\s*[、.．]\s*主\s*动\s*公\s*开",
    "requests": r"三\s*[、.．]\s*收\s*到\s*和\s*处\s*理",
    # (the words before 行政复议 / 存在 may break over a line, as every heading may)
    "review": r"四\s*[、.．](?:[^。\n\d]|\n(?!\s*\n)){0,20}?行\s*政\s*法?\s*复\s*议",
    "problems": r"五\s*[、.．](?:[^。\n]|\n(?!\s*\n)){0,12}?存\s*在\s*的?\s*主\s*要\s*问\s*题",
    "other_matters": r"六\s*[、.．]\s*其\s*他\s*需\s*要\s*报\s*告",
}
SECTION_TITLES = dict(SECTIONS)
TABLE_SECTIONS = ("active", "requests", "review")
_SENTENCE_END = re.compile(r"[。！？；\n]")


@dataclass(frozen=True)
class Section:
    id: str
    start: int
    end: int


def find_sections(text: str, body_start: int = 0) -> list[Section]:
    """Sections in order (preamble first); a heading missing from the text is skipped."""
    found: list[tuple[str, int]] = []
    pos = body_start
    for sid, pattern in _HEADINGS.items():
        m = re.compile(pattern).search(text, pos)
        if m:
            found.append((sid, m.start()))
            pos = m.end()
    sections = []
    first = found[0][1] if found else len(text)
    if first > body_start:
        sections.append(Section("preamble", body_start, first))
    for (sid, start), nxt in zip(found, found[1:] + [("", len(text))]):
        sections.append(Section(sid, start, nxt[1]))
    return sections


def body_start(text: str) -> int:
    """Skip a web-page export's metadata header (up to the '==== 正文 ====' rule)."""
    marker = text.find("==== 正文")
    if marker < 0:
        return 0
    nl = text.find("\n", marker)
    return len(text) if nl < 0 else nl + 1


def chunk_spans(text: str, start: int, end: int, size: int = 300, overlap: int = 60
                ) -> list[tuple[int, int]]:
    """Spans of about ``size`` characters cut at sentence ends, overlapping by ``overlap``."""
    spans = []
    pos = start
    while pos < end:
        while pos < end and text[pos] in " \t\n\u3000":
            pos += 1
        if pos >= end:
            break
        limit = min(end, pos + size)
        cut = limit
        if limit < end:
            ends = [m.end() for m in _SENTENCE_END.finditer(text, pos + size // 2, limit)]
            if ends:
                cut = ends[-1]
        stop = cut
        while stop > pos and text[stop - 1] in " \t\n\u3000":
            stop -= 1
        if stop > pos:
            spans.append((pos, stop))
        if cut >= end:
            break
        nxt = max(cut - overlap, pos + 1)
        # Start the overlap at a sentence boundary when one is near.
        m = _SENTENCE_END.search(text, nxt, cut)
        pos = m.end() if m and m.end() < cut else nxt
    return spans
