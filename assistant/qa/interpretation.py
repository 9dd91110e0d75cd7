"""What a question was taken to mean: the one contract between understanding and answering.

``routing.interpret`` builds an :class:`Interpretation` from the normalised question (and
the previous turn's, for follow-ups); the answerers read only this record, never the raw
question, and every numeric or audit answer shows it to the user as one Chinese line
(:func:`understood_line`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from assistant.domain.template import ALL_ROWS, TABLE_TITLES
from assistant.qa.lexicon import Metric, Ratio


class Route(StrEnum):
    """Which answerer takes the question."""

    CELL = "cell"
    AGGREGATE = "aggregate"
    COMPARISON = "comparison"
    RATIO = "ratio"
    AUDIT = "audit"
    NARRATIVE = "narrative"
    EACH = "each"                 # several values asked in one question, each answered
    REFUSAL = "refusal"
    AVAILABLE = "available"
    CLARIFY = "clarify"


class Operation(StrEnum):
    """What is done with the cells read."""

    VALUE = "value"
    SUM = "sum"
    AVG = "avg"
    MAX = "max"
    MIN = "min"
    RANK = "rank"
    LIST = "list"
    COUNT = "count"               # "有几份报告一件新申请都没收到": the reports meeting a condition
    DIFFERENCE = "difference"
    PERCENT_CHANGE = "percent_change"
    MULTIPLE = "multiple"
    SHARE = "share"
    AUDIT = "audit"
    NARRATIVE = "narrative"
    EACH = "each"                 # several values asked in one question, each answered
    PER_ITEM = "per_item"         # "平均每个采购项目多少万元": a row's amount over its count


class Refuse(StrEnum):
    """Why a question is refused before any report is read."""

    OUT_OF_SCOPE = "out_of_scope"
    PERSONAL = "personal"
    NO_BREAKDOWN = "no_breakdown"    # 男女、年龄…: the standard tables do not break requests down so
    NO_SUCH_CELL = "no_such_cell"    # "行政处罚的罚没金额": the row has no such column (money here)
    NO_TOPIC = "no_topic"            # "关于征地拆迁的申请有几件": the tables do not count requests by subject
    NO_CHANNEL = "no_channel"        # "通过邮寄和网上提交的申请各有多少件": … nor by how they were filed


@dataclass(frozen=True)
class Clarification:
    """A short question back, with the readings offered as choices (each a follow-up turn)."""

    question: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class Interpretation:
    """Everything answering needs to know about a question."""

    route: Route
    question: str                            # the normalised question (Chinese, digits, simplified)
    issuers: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    metric: Metric | None = None
    columns: tuple[str, ...] = ()
    aggregation: str | None = None           # sum | avg | max | min | list | rank (aggregate route)
    ratio: Ratio | None = None
    numerator: tuple[Metric, ...] = ()       # "A 和 B 占 C 的比例": A, B …
    also: tuple[Metric, ...] = ()            # further metrics the question names (audit scope, sums)
    share_of: Metric | None = None           # … over C
    share_also: tuple[Metric, ...] = ()      # … + D ("本年新收加上年结转的申请里，…的百分比")
    share_columns: tuple[str, ...] = ()      # the whole's own columns ("企业提交的申请中"); else its total
    unknown: tuple[str, ...] = ()            # places named that are not in the store
    inherited: tuple[str, ...] = field(default_factory=tuple)
    operation: Operation = Operation.VALUE
    raw: str = ""                            # the question as typed
    language: str = "zh"                     # "en" when asked in English (answered in English too)
    issuer_words: tuple[str, ...] = ()       # how the question named each issuer
    excluded: tuple[str, ...] = ()           # issuers left out ("不算大宁县的话")
    negated: tuple[str, ...] = ()            # phrases the question excludes ("不是上年结转的")
    tables: tuple[str, ...] = ()             # audit scope by table (表三 -> requests)
    rules: tuple[str, ...] = ()              # audit scope by rule (R5 continuity, R7 narrative)
    quoted: tuple[float, ...] = ()           # R7: the figures the question quotes ("正文说行政诉讼46件")
    section: str | None = None               # narrative: the section the question is about
    unit_asked: str | None = None            # "几个人", "多少天": the measure word a count must carry
    noun_asked: str = ""                     # … and what it counts (人, 编制, 政务新媒体)
    parts: tuple["Interpretation", ...] = () # narrative: each thing asked, looked up on its own
    direction: str | None = None             # "减少了多少" (down) / "增加了多少" (up): the change asked as a magnitude
    as_printed: bool = False                 # "原文印的是多少": the printed figure, corrections not applied
    refuse: Refuse | None = None
    clarification: Clarification | None = None
    suggestions: tuple[str, ...] = ()        # "did you mean": issuers close to a misspelt name
    minus: tuple[Metric, ...] = ()          # rows left out of their whole ("除了…以外")
    minus_columns: tuple[str, ...] = ()      # columns left out of the row's 总计 ("不算自然人": 总计 − 自然人)
    context_years: tuple[int, ...] = ()      # every year the conversation has named for this metric
    context_issuers: tuple[str, ...] = ()    # every issuer it has named
    context_metrics: tuple[Metric, ...] = () # every row it has asked, in order
    context_columns: tuple[tuple[str, ...], ...] = ()   # the columns each turn asked, in order
    rank_place: int = 0                      # "排第二的": 2; "倒数第二": -2 (rank route)
    condition: tuple[str, float] | None = None   # count: (">", 100) "超过100件", ("==", 0) "一件都没有"
    confidence: float = 1.0
    alternatives: tuple[str, ...] = ()       # runner-up readings, in words

    def to_json(self) -> dict:
        """The interpretation as ``ask --json`` shows it."""
        return {
            "route": str(self.route),
            "operation": str(self.operation),
            "question": self.question,
            "language": self.language,
            "issuers": list(self.issuers),
            "issuer_words": list(self.issuer_words),
            "excluded": list(self.excluded),
            "years": list(self.years),
            "metric": self.metric.id if self.metric else None,
            "also": [m.id for m in self.also],
            "quoted": list(self.quoted),
            "columns": list(self.columns),
            "ratio": self.ratio.id if self.ratio else None,
            "numerator": [m.id for m in self.numerator],
            "share_of": self.share_of.id if self.share_of else None,
            "share_also": [m.id for m in self.share_also],
            "share_columns": list(self.share_columns),
            "aggregation": self.aggregation,
            "rank_place": self.rank_place,
            "condition": list(self.condition) if self.condition else None,
            "negated": list(self.negated),
            "minus": [m.id for m in self.minus],
            "minus_columns": list(self.minus_columns),
            "tables": list(self.tables),
            "rules": list(self.rules),
            "section": self.section,
            "as_printed": self.as_printed,
            "direction": self.direction,
            "unit_asked": self.unit_asked,
            "inherited": list(self.inherited),
            "unknown": list(self.unknown),
            "suggestions": list(self.suggestions),
            "confidence": round(self.confidence, 3),
            "alternatives": list(self.alternatives),
            "clarify": ({"question": self.clarification.question, "choices": list(self.clarification.choices)}
                        if self.clarification else None),
        }


_OPERATION_WORDS = {
    Operation.SUM: "合计", Operation.AVG: "平均", Operation.MAX: "最多", Operation.MIN: "最少",
    Operation.RANK: "排名", Operation.LIST: "逐份列出", Operation.COUNT: "计份数", Operation.DIFFERENCE: "差值",
    Operation.PERCENT_CHANGE: "增减百分比", Operation.MULTIPLE: "倍数", Operation.SHARE: "占比",
    Operation.PER_ITEM: "平均每项",
    Operation.AUDIT: "勾稽关系检查", Operation.EACH: "分别列出",
}
CONDITION_WORDS = {">": "超过", ">=": "不少于", "<": "少于", "<=": "不超过"}
_TABLE_NO = {"active": "表二", "requests": "表三", "review": "表四"}


def row_label(table: str, row: str) -> str:
    """The printed label of a template row (the first version that has it)."""
    return next((r.label for r in ALL_ROWS if r.table == table and r.id == row), row)


def metric_words(metric: Metric) -> str:
    """'表三“（四）无法提供—本机关不掌握相关政府信息”' for a one-row metric, its label otherwise."""
    return f"{_TABLE_NO.get(metric.table, '')}“{metric.label}”"


def understood_line(interp: Interpretation, issuers: list[str], years: list[int],
                    column_words: str = "") -> str:
    """'理解为：淮安市洪泽区人民政府 · 2023年 · 表三“…” · 总计' — what the answer answers."""
    parts = ["、".join(issuers) or "全部单位", "、".join(f"{y}年" for y in years) or "全部年度"]
    if interp.route == Route.AUDIT:
        scope = [TABLE_TITLES[t] for t in interp.tables] or ([metric_words(interp.metric)] if interp.metric
                                                              and interp.metric.priority > 0 else [])
        parts.append("、".join(scope) or "全部表格")
        parts.append("、".join(interp.rules) + "检查" if interp.rules else "勾稽关系检查（R1–R7）")
    else:
        if interp.ratio is not None:
            parts.append(f"{interp.ratio.label}（{interp.ratio.formula}）")
        elif interp.numerator and interp.share_of is not None:
            parts.append("＋".join(metric_words(m) for m in interp.numerator) + " ÷ "
                         + "＋".join(metric_words(m) for m in (interp.share_of,) + interp.share_also))
        elif len(interp.numerator) > 1 and interp.operation == Operation.SHARE:   # over （七）总计
            parts.append("＋".join(metric_words(m) for m in interp.numerator) + " ÷ 表三“办理结果总计”"
                         if interp.numerator[0].table == "requests" else "＋".join(map(metric_words, interp.numerator)))
        elif interp.metric is not None:
            joiner = "、" if interp.operation == Operation.EACH else "＋"
            parts.append(joiner.join(metric_words(m) for m in (interp.metric,) + _summed(interp)))
        if column_words:
            parts.append(column_words)
        if interp.operation == Operation.COUNT and interp.condition:
            op, n = interp.condition
            parts.append(f"{CONDITION_WORDS.get(op, '为')}{n:g}的报告份数")
        elif interp.operation in _OPERATION_WORDS and interp.operation != Operation.VALUE:
            parts.append(_OPERATION_WORDS[interp.operation])
            if interp.operation == Operation.SHARE and interp.aggregation in ("max", "min") \
                    and (len(years) > 1 or len(issuers) > 1):
                parts.append("最高" if interp.aggregation == "max" else "最低")   # "哪家的公开率最高"
    if interp.negated:
        parts.append("不含" + "、".join(interp.negated))
    elif interp.excluded:
        parts.append("不含" + "、".join(interp.excluded))
    return "理解为：" + " · ".join(parts)


def _summed(interp: Interpretation) -> tuple[Metric, ...]:
    if interp.operation in (Operation.SUM, Operation.EACH) and interp.route == Route.CELL:
        return tuple(m for m in interp.also if interp.metric and m.table == interp.metric.table)
    return ()
