"""What a question asks of the report's text: the measure a figure must carry (a count, money,
a contact line, bodies named), and the parts of a question that asks two things."""

from __future__ import annotations

from dataclasses import replace

from assistant.qa import wording as w
from assistant.qa.interpretation import Interpretation, Operation, Route
from assistant.qa.passages import content_tokens, section_hint


def asks_text(q: str, metric, ratio) -> bool:
    """Whether a question that names a table row still asks the text ("为什么", "正文里说",
    《…》, a count no table holds)."""
    return bool(((w.NARRATIVE_ASK.search(q) or w.WHICH_ONES.search(q)) and not w.NUMBER_ASK.search(q))
                or w.WHY.search(q)
                or (w.TEXT_SAYS.search(q) and not w.TABLE_SAYS.search(w.without_negated(q)))
                or (w.TITLED.search(q) and (ratio is not None or metric is None or metric.priority == 0))
                or (w.NON_TABLE_COUNT.search(q) and (metric is None or metric.priority == 0)))


def narrative_reading(spec: Interpretation, q: str, follow: bool, previous: Interpretation | None) -> Interpretation:
    """The narrative route: a follow-up keeps the last question's content, the measure asked,
    and each thing asked as its own part."""
    own = [t for t in content_tokens(q, list(spec.issuers)) if len(t) > 1]
    if follow and previous is not None and previous.route == Route.NARRATIVE and not own:
        # "洪泽区2024年呢？" after a question about 信息处理费: the same content, new who/when
        # ("那政策解读发了多少篇？" names its own: the issuer and year kept, not the last content)
        core = previous.question
        for word in previous.issuer_words + tuple(f"{y}年" for y in previous.years):
            core = core.replace(word, "")
        spec = replace(spec, question=f"{q}{core}", section=spec.section or previous.section,
                       issuers=spec.issuers or previous.issuers, years=spec.years or previous.years)
    spec = replace(measure_asked(spec), route=Route.NARRATIVE, operation=Operation.NARRATIVE)
    asks = [part.strip() for part in w.ASK_SPLIT.split(spec.question) if w.TEXT_ASK.search(part)][:MAX_ASKS]
    if len(asks) > 1:   # "关停了几个政务新媒体？又对多少项文件做了解读？": each looked up on its own
        spec = replace(spec, parts=tuple(measure_asked(replace(
            spec, question=a, unit_asked=None, noun_asked="", section=section_hint(a) or spec.section)) for a in asks))
    return spec


MAX_ASKS = 4   # a narrative question's parts looked up on their own (each is a retrieval)


def measure_asked(spec: Interpretation) -> Interpretation:
    """A narrative question's measure: a count ("几个政务新媒体" → 个, 政务新媒体), money
    ("投入了多少经费" → 元) or a quantity beside its noun ("访问量是多少"); none for the rest."""
    if w.CONTACT_ASK.search(spec.question):   # the report's contact line, in its preamble
        return replace(spec, unit_asked="联系", section="preamble")
    count = w.COUNT_ASK.search(spec.question)
    if count:
        # (“几个没什么用的政务新媒体”: a modifier after the measure is no noun)
        noun = count.group(2) if count.group(2)[:1] not in "的了呢吗啊是有在没不很较" else ""
        return replace(spec, unit_asked=count.group(1), noun_asked=noun)
    if w.MONEY_ASK.search(spec.question):   # only a sum of money answers it
        return replace(spec, unit_asked="元")
    if w.WHICH_BODIES.search(spec.question):   # only a passage naming them
        return replace(spec, unit_asked="部门")
    if quantity := w.QUANTITY_ASK.search(spec.question):   # a figure beside 访问
        return replace(spec, unit_asked="数", noun_asked=quantity.group(1))
    return spec
