"""A second reading by the LLM: it proposes the Interpretation as JSON, the rules check it.

The model sees the catalogue (issuers, metric ids, column ids) and must answer with ids
from it; anything else — invalid JSON, unknown ids, extra text, an injected instruction —
is discarded and the rule-based reading stands alone. When both readings are valid and
differ, the assistant asks which one is meant. The model never supplies a number.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.domain.template import version_for_year
from assistant.qa.interpretation import Interpretation, Operation, Route
from assistant.qa.lexicon import Lexicon
from assistant.qa.llm import ChatModel, load_prompt
from assistant.qa.numeric import describe_metric

log = logging.getLogger(__name__)
NUMERIC_ROUTES = (Route.CELL, Route.AGGREGATE, Route.RATIO, Route.COMPARISON)
_JSON = re.compile(r"\{.*\}", re.S)


class ProposedReading(BaseModel):
    """The model's JSON, validated at the edge; ids are checked against the catalogue after."""

    model_config = ConfigDict(extra="forbid")

    issuers: list[str] = Field(default_factory=list, max_length=20)
    years: list[int] = Field(default_factory=list, max_length=20)
    metric: str | None = None
    columns: list[str] = Field(default_factory=list, max_length=10)
    operation: Operation = Operation.VALUE


@dataclass(frozen=True)
class Cross:
    """How the two readings compare: the model's (or None if unusable) and whether they agree."""

    proposal: ProposedReading | None
    agrees: bool
    why: str


def prompts(question: str, lexicon: Lexicon, issuers: list[str]) -> tuple[str, str]:
    metrics = "；".join(f"{m.id}={m.label}" for m in lexicon.metrics)
    columns = "；".join(sorted({c for table in lexicon.columns.values() for c in table if not c.startswith("_")}))
    user = load_prompt("interpret_user").format(issuers="；".join(issuers), metrics=metrics, columns=columns,
                                                question=question)
    return load_prompt("interpret_system"), user


def parse(text: str, lexicon: Lexicon, issuers: list[str]) -> ProposedReading | None:
    """The model's reply as a ProposedReading, or None if it is not valid JSON with catalogue ids."""
    found = _JSON.search(text or "")
    if not found:
        return None
    try:
        proposal = ProposedReading.model_validate(json.loads(found.group(0)))
    except (ValueError, ValidationError):
        return None
    known_metrics = {m.id for m in lexicon.metrics}
    known_columns = {c for table in lexicon.columns.values() for c in table}
    if (proposal.metric is not None and proposal.metric not in known_metrics) \
            or not set(proposal.issuers) <= set(issuers) or not set(proposal.columns) <= known_columns \
            or not all(1990 <= y <= 2100 for y in proposal.years):
        return None
    return proposal


def cross_check(llm: ChatModel, spec: Interpretation, lexicon: Lexicon, issuers: list[str]) -> Cross:
    """Ask the model for its reading of the (normalised) question and compare it with ``spec``."""
    system, user = prompts(spec.question, lexicon, issuers)
    try:
        proposal = parse(llm.complete(system, user), lexicon, issuers)
    except Exception as exc:   # the endpoint is optional: the rules' reading stands
        log.warning("LLM reading failed: %s", exc)
        return Cross(None, True, f"模型不可用（{exc.__class__.__name__}）")
    if proposal is None:
        return Cross(None, True, "模型的理解不是合法的 JSON 或用了目录以外的编号，已忽略")
    if proposal.metric is None and not proposal.issuers and not proposal.years:
        return Cross(proposal, True, "模型没有给出理解")   # an empty object abstains
    ours = spec.metric.id if spec.metric else None
    same_metric = proposal.metric == ours or (proposal.metric is None and spec.route == Route.NARRATIVE)
    same_who = not proposal.issuers or set(proposal.issuers) == set(spec.issuers)
    same_when = not proposal.years or set(proposal.years) == set(spec.years)
    agrees = same_metric and same_who and same_when
    return Cross(proposal, agrees, "两种理解一致" if agrees else "规则与模型的理解不同")


def disagreement(spec: Interpretation, cross: Cross, lexicon: Lexicon) -> Interpretation:
    """The clarifying question offering both readings, each as a full question to ask next."""
    from dataclasses import replace

    from assistant.qa.interpretation import Clarification

    proposal = cross.proposal
    assert proposal is not None, "cross_check agrees whenever the model gave no usable reading"
    metrics = {m.id: m for m in lexicon.metrics}

    def as_question(issuers, years, metric_id) -> str:
        who = "、".join(issuers)
        when = "、".join(f"{y}年" for y in years)
        metric = metrics.get(metric_id) if metric_id else None
        if metric is None:
            return f"{who}{when}的相关情况"
        # the cell's column spelt out (行政处罚处理决定数量), so the choice is never asked back again
        column = lexicon.default_column(metric, version_for_year(years[0])) if len(years) == 1 else None
        what = describe_metric(metric, (column,) if column and column != "total" else ())
        return f"{who}{when}{what}是多少？"

    ours = as_question(spec.issuers, spec.years, spec.metric.id if spec.metric else None)
    theirs = as_question(proposal.issuers or spec.issuers, proposal.years or spec.years, proposal.metric)
    if ours == theirs:
        return spec
    return replace(spec, route=Route.CLARIFY, confidence=min(spec.confidence, 0.5), alternatives=(ours, theirs),
                   clarification=Clarification("这个问题可以有两种理解，您问的是哪一个？", (ours, theirs)))
