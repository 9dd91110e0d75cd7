"""Pure text -> HTML building for the UI: escaping, answers, highlighted passages.

Every string that comes from a report (answer sentences, passages, raw cell text, file
names) goes through ``text`` before it is put into HTML. Besides ``html.escape`` it turns
the characters Markdown and LaTeX react to into numeric entities, so that the chat
bubble (which runs a Markdown renderer) shows ``[link](http://x)`` or ``$x$`` as the
characters the report printed, never as a link or a formula.
"""

from __future__ import annotations

import html
import re

# Characters with a meaning in Markdown, KaTeX or GFM tables; "<>&\"'" are html.escape's.
_MARKDOWN_SPECIALS = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~$:"}
_MARKDOWN_TABLE = str.maketrans(_MARKDOWN_SPECIALS)

CITE_MARK = re.compile(r"\[(\d{1,3})\]")
_MARK_RUN = re.compile(r"(?:\[\d{1,3}\])+")
# A sentence ends at 。！？； or a line break (as assistant.qa.passages splits them).
_SENTENCE = re.compile(r"[^。！？；!?\n]+[。！？；!?]?\n?|\n")
_SPACES = re.compile(r"\s+")


def text(value: object) -> str:
    """Report text made inert for HTML and Markdown: shown exactly as printed."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True).translate(_MARKDOWN_TABLE)


def attr(value: object) -> str:
    """A value for an HTML attribute (quoted by the caller)."""
    return html.escape("" if value is None else str(value), quote=True)


def answer_html(answer_text: str, understood: str | None = None) -> str:
    """A chat bubble's body: escaped answer text, [n] markers as citation badges.

    The whole body sits on one line inside a <div>, so a Markdown renderer treats it as
    one HTML block and never parses what is inside.
    """
    parts = []
    last = 0
    for m in CITE_MARK.finditer(answer_text):
        parts.append(text(answer_text[last:m.start()]))
        parts.append(f'<sup class="nb-cite" title="来源 {m.group(1)}">[{m.group(1)}]</sup>')
        last = m.end()
    parts.append(text(answer_text[last:]))
    body = "".join(parts).replace("\r", "").replace("\n", "<br>")
    # What the question was taken to mean, above the answer, so a misreading shows at once.
    head = f'<div class="nb-understood">{text(understood)}</div>' if understood else ""
    return f'<div class="nb-answer">{head}{body}</div>'


def question_html(question: str) -> str:
    """A user's question in the chat, shown exactly as typed."""
    return f'<div class="nb-question">{text(question).replace(chr(10), "<br>")}</div>'


def claims_by_key(answer_text: str) -> dict[int, list[str]]:
    """For each citation key, the answer text it stands behind.

    The claim of a run of markers ("…61.90%[1][2][3]") is the text since the previous
    run or the line start, list bullets stripped; every marker of the run shares it.
    """
    out: dict[int, list[str]] = {}
    for line in answer_text.splitlines():
        start = 0
        for run in _MARK_RUN.finditer(line):
            claim = line[start:run.start()].strip().lstrip("·•-*").strip()
            start = run.end()
            if not claim:
                continue
            for key in CITE_MARK.findall(run.group(0)):
                out.setdefault(int(key), []).append(claim)
    return out


def sentences(passage: str) -> list[str]:
    """The passage cut into sentences; joined back they give the passage unchanged."""
    return [m.group(0) for m in _SENTENCE.finditer(passage)]


def _squash(s: str) -> str:
    return _SPACES.sub("", s).strip("。！？；!?，, ")


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def supports(sentence: str, claim: str, threshold: float = 0.6) -> bool:
    """Whether ``sentence`` says what ``claim`` says (verbatim, or mostly the same bigrams
    when an LLM rephrased it)."""
    a, b = _squash(sentence), _squash(claim)
    if len(a) < 2 or len(b) < 2:
        return False
    if a in b or b in a:
        return True
    sa, sb = _bigrams(a), _bigrams(b)
    return len(sa & sb) / min(len(sa), len(sb)) >= threshold


def passage_html(passage: str, claims: list[str]) -> str:
    """The passage escaped, with every sentence that supports one of ``claims`` in <mark>."""
    out = []
    for sentence in sentences(passage):
        shown = text(sentence).replace("\n", "<br>")
        if any(supports(sentence, c) for c in claims):
            out.append(f'<mark class="nb-support">{shown}</mark>')
        else:
            out.append(shown)
    return f'<div class="nb-passage">{"".join(out)}</div>'


def context_html(source: str, start: int, end: int, width: int = 90) -> str:
    """The source text around [start, end) with that span marked (for cells read from text)."""
    lo, hi = max(0, start - width), min(len(source), end + width)
    before, span, after = source[lo:start], source[start:end], source[end:hi]
    lead = "…" if lo > 0 else ""
    tail = "…" if hi < len(source) else ""
    body = (f"{lead}{text(before)}<mark class=\"nb-cell-mark\">{text(span)}</mark>"
            f"{text(after)}{tail}").replace("\n", "<br>")
    return f'<div class="nb-context">{body}</div>'


def badge(label: str, kind: str = "") -> str:
    """A small label (status of a cell, a rule id)."""
    return f'<span class="nb-badge {attr(kind)}">{text(label)}</span>'


_PIECE_END = re.compile(r"[。！？；!?]+(?:\[\d{1,3}\])*|\n")


def stream_pieces(answer_text: str, most: int = 12) -> list[str]:
    """Growing prefixes of an answer, one more sentence each (a sentence keeps the [n]
    markers right after it), at most ``most`` of them, the last the whole answer.

    An answer composed without an LLM exists whole at once; showing it sentence by
    sentence lets the first words (and the sources panel) appear before the rest.
    """
    ends: list[int] = []
    for m in _PIECE_END.finditer(answer_text):
        if answer_text[ends[-1] if ends else 0:m.end()].strip() and m.end() < len(answer_text.rstrip()):
            ends.append(m.end())
    if len(ends) > most - 1:   # keep the steps few: evenly spaced sentence ends
        step = len(ends) / (most - 1)
        ends = [ends[int(i * step)] for i in range(most - 1)]
    return [answer_text[:e] for e in ends] + [answer_text]
