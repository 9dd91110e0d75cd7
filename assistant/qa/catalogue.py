"""The catalogue of what can be asked: every template row by its printed labels (both
versions) and the lexicon's plain-word synonyms, scored against a question.

The lexicon's regular expressions name a metric when a wording is known; when none
matches, this scorer still finds a row the question spells differently ("复议被纠正的",
"依申请公开的办结量"). It scores by character bigrams — the share of an entry's bigrams the
question contains — so it needs no word segmentation and no training, and it reports the
runner-up so that two close readings become a question back instead of a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain.template import ALL_ROWS, row_label
from assistant.qa.lexicon import Lexicon, Metric

_PLAIN = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# Words every entry or question shares, which say nothing about the row.
_STOP = ("政府信息公开", "政府信息", "信息公开", "申请", "数量", "情况", "本年", "件数", "多少", "几件")
MIN_SCORE = 0.6      # share of an entry's bigrams the question must contain
MIN_MARGIN = 0.15    # below this lead over the runner-up, the two readings are asked back


@dataclass(frozen=True)
class Scored:
    metric: Metric
    score: float
    entry: str          # the label or synonym that scored


def _bigrams(text: str) -> set[str]:
    for word in _STOP:
        text = text.replace(word, " ")
    return {text[i:i + 2] for i in range(len(text) - 1) if " " not in text[i:i + 2]}


_CACHE: dict[int, tuple[tuple[Metric, str, frozenset[str]], ...]] = {}


def _entries(lexicon: Lexicon) -> tuple[tuple[Metric, str, frozenset[str]], ...]:
    if id(lexicon) in _CACHE:
        return _CACHE[id(lexicon)]
    out = []
    for metric in lexicon.metrics:
        if metric.priority == 0:
            continue   # catch-all wordings are never a reading of their own
        words = {metric.label.split("（")[0]}
        words |= {p for p in metric.patterns if _PLAIN.match(p)}
        if len(metric.rows) == 1:
            words |= {row_label(r).split("（")[0] for r in ALL_ROWS
                      if r.table == metric.table and r.id == metric.rows[0]}
        for word in words:
            grams = _bigrams(word)
            if len(grams) >= 2:
                out.append((metric, word, frozenset(grams)))
    _CACHE[id(lexicon)] = tuple(out)
    return _CACHE[id(lexicon)]


def score_metrics(question: str, lexicon: Lexicon) -> list[Scored]:
    """Every metric's best-scoring entry, best first."""
    have = _bigrams(question)
    best: dict[str, Scored] = {}
    for metric, word, grams in _entries(lexicon):
        score = len(grams & have) / len(grams)
        if score and (metric.id not in best or score > best[metric.id].score):
            best[metric.id] = Scored(metric, score, word)
    return sorted(best.values(), key=lambda s: (-s.score, len(s.metric.rows)))


def closest_metric(question: str, lexicon: Lexicon) -> tuple[Scored | None, Scored | None]:
    """(the reading, None) when one entry stands out; (best, runner-up) when two are close;
    (None, None) when nothing scores enough."""
    ranked = [s for s in score_metrics(question, lexicon) if s.score >= MIN_SCORE]
    if not ranked:
        return None, None
    if len(ranked) > 1 and ranked[0].score - ranked[1].score < MIN_MARGIN:
        a, b = set(ranked[0].metric.rows), set(ranked[1].metric.rows)
        if a <= b or b <= a:   # a group and its member ("不公开…第三方合法权益"): the member
            return min(ranked[:2], key=lambda s: len(s.metric.rows)), None
        return ranked[0], ranked[1]
    return ranked[0], None


MEMBER_SCORE = 0.25  # a row of the group named: fewer of its bigrams needed, the group being known


def member_named(question: str, group: Metric, lexicon: Lexicon) -> Scored | None:
    """The one row of ``group`` the question describes ("不予公开…属于可以通过查询渠道办理的
    事项" → 属于行政查询事项), scored among the group's own rows only; None when none stands out."""
    ranked = [s for s in score_metrics(question, lexicon)
              if len(s.metric.rows) == 1 and s.metric.table == group.table and s.metric.rows[0] in group.rows]
    if not ranked or ranked[0].score < MEMBER_SCORE:
        return None
    if len(_bigrams(ranked[0].entry) & _bigrams(question)) < 2:
        return None   # one shared pair ("信息" of 申请信息 and 过程性信息) describes no row
    if len(ranked) > 1 and ranked[0].score - ranked[1].score < MIN_MARGIN:
        return None
    return ranked[0]
