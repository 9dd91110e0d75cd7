"""Rule R7: figures stated in the narrative that correspond to table cells.

Used twice: to settle a run-together cell that the arithmetic leaves ambiguous (only
when exactly one candidate equals a stated figure), and to flag a report whose
narrative contradicts its own table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_N = r"\s*(\d+)\s*"
LITIGATION_TOTAL = "review.litigation.total"   # not a cell: the two litigation rows' 总计 added
LITIGATION_ROWS = ("review.litigation_direct.total", "review.litigation_after_review.total")
_GAP = r"[^。；，,]{0,16}?"
# (cell id, pattern with one group for the number); all printed in real reports.
PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (cell, re.compile(p)) for cell, p in (
        # not "收到行政复议申请2件": a review application is table 四's, not a request
        ("requests.new.total", rf"(?:受理|收到|接到|新收)(?:(?!复议|诉讼)[^。；，,]){{0,16}}?申请(?:共)?{_N}(?:件|条|个)"),
        ("requests.new.total", rf"处理依申请公开{_N}件"),
        ("requests.carried_in.total", rf"上年(?:转结|结转){_N}(?:件|条)"),
        ("active.normative_docs.issued", rf"制发[^。；，,]{{0,8}}?规范性文件{_N}件"),
        ("active.normative_docs.in_force", rf"现行有效[^。；，,]{{0,8}}?规范性文件{_N}件"),
        ("active.normative_docs.repealed", rf"废止[^。；，,]{{0,8}}?规范性文件{_N}件"),
        ("review.review.total", rf"行政复议(?:案件|申请)?(?:共)?{_N}(?:件|起)"),
        # 行政诉讼 in the text is both kinds together: 未经复议直接起诉 + 复议后起诉.
        (LITIGATION_TOTAL, rf"行政诉讼(?:案件)?(?:共)?{_N}(?:件|起)"),
    ))


# Figures the R7 audit also reads (not used to settle a cell while reading a report): the results
# of table 三 as the text states them ("予以公开及部分公开42件…不予公开5件"), those answered and
# those carried either way ("答复3050件（含上年度结转申请34件，另有103件顺延到下年度）").
# A group's figure stands for its rows added up; the ids ending .total of a group are not cells.
_SUB = {group: tuple(f"requests.{r}.total" for r in rows) for group, rows in (
    ("withheld", ("withheld.state_secret", "withheld.law_prohibited", "withheld.security_stability",
                  "withheld.third_party", "withheld.internal_affairs", "withheld.process_info",
                  "withheld.enforcement_file", "withheld.query_matter")),
    ("unavailable", ("unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear")),
    ("not_processed", ("not_processed.petition", "not_processed.duplicate", "not_processed.publication",
                       "not_processed.excessive", "not_processed.confirmation")))}
GROUP_READINGS: dict[str, tuple[tuple[str, ...], ...]] = {
    "requests.disclosed.total": (("requests.granted.total", "requests.partial.total"),),
    **{f"requests.{g}.total": (ids,) for g, ids in _SUB.items()},
    # a 2019 report prints （六）其他处理 as one row, a 2021 one as three
    "requests.other.total": (("requests.other.total",), ("requests.other.no_correction.total",
                              "requests.other.no_fee.total", "requests.other.other.total")),
}
AUDIT_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (cell, re.compile(p)) for cell, p in (
        ("requests.disclosed.total", rf"予以公开(?:及|和|与|、)部分公开(?:的)?(?:申请)?(?:共)?{_N}件"),
        ("requests.granted.total", rf"(?<!不)予以公开(?!及|和|与|、)(?:的)?(?:申请)?(?:共)?{_N}件"),
        ("requests.partial.total", rf"(?<![及和与、])部分公开(?:的)?(?:申请)?(?:共)?{_N}件"),
        ("requests.withheld.total", rf"不予公开(?:的)?(?:申请)?(?:共)?{_N}件"),
        ("requests.unavailable.total", rf"无法提供(?:的)?(?:申请)?(?:共)?{_N}件"),
        ("requests.not_processed.total", rf"不予处理(?:的)?(?:申请)?(?:共)?{_N}件"),
        ("requests.other.total", rf"其他处理(?:的)?(?:申请)?(?:共)?{_N}件"),
        ("requests.result_total.total", rf"(?:答复|办结|办理完毕|处理完毕)(?:申请)?(?:共)?{_N}件"),
        ("requests.carried_in.total", rf"上一?年度(?:转结|结转)(?:的)?(?:申请)?(?:共)?{_N}(?:件|条)"),
        ("requests.carried_out.total", rf"{_N}件(?:申请)?(?:顺延|结转|转入|转)(?:到|至|入)?下一?年度?"),
    ))


# "行政复议 351件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件；":
# the results stated after a 复议 or 诉讼 count, in the same clause, are figures of that row too.
RESULT_PARTS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (column, re.compile(p + _N + "(?:件|起)")) for column, p in (
        ("upheld", r"(?:结果)?维持"), ("corrected", r"(?:结果)?纠正"), ("other", r"其他(?:结果)?"),
        ("pending", r"(?:尚未|未)审结")))
_ROW_WITH_PARTS = {"review.review.total": "review.review.", LITIGATION_TOTAL: "review.litigation."}


def parts_of(cell_id: str) -> tuple[str, ...]:
    """The table cells a stated figure stands for: 行政诉讼 in the text is both kinds together
    (未经复议直接起诉 + 复议后起诉), for its 总计 and for each result."""
    if cell_id.startswith("review.litigation."):
        column = cell_id.rsplit(".", 1)[1]
        return (f"review.litigation_direct.{column}", f"review.litigation_after_review.{column}")
    return GROUP_READINGS[cell_id][-1] if cell_id in GROUP_READINGS else (cell_id,)


# "全区收到政府信息公开申请75件" may count the requests carried in too, or those handled:
# the text agrees with the table when it states any of these sums.
NEW_REQUEST_READINGS = (("requests.new.total",), ("requests.new.total", "requests.carried_in.total"),
                        ("requests.result_total.total",))


def readings_of(cell_id: str) -> tuple[tuple[str, ...], ...]:
    """The cells a stated figure may stand for (each reading summed), the plainest first."""
    return NEW_REQUEST_READINGS if cell_id == "requests.new.total" else GROUP_READINGS.get(cell_id, (parts_of(cell_id),))


def stated_cells() -> set[str]:
    """Every cell id a figure can be stated for (LITIGATION_TOTAL's kind counts as one)."""
    return {cell for cell, _ in PATTERNS + AUDIT_PATTERNS} | {prefix + column for prefix in _ROW_WITH_PARTS.values()
                                                              for column, _ in RESULT_PARTS}


@dataclass(frozen=True)
class Figure:
    """A number the narrative states for a cell, and where."""

    cell_id: str
    value: float
    start: int
    end: int
    sentence: str


def figures(text: str, spans: list[tuple[int, int]], audit: bool = False) -> list[Figure]:
    """Figures stated within the given narrative spans (sections 一, 五, 六 and the preamble);
    ``audit``: those the R7 audit reads too."""
    found = []
    for start, end in spans:
        region = text[start:end]
        for cell_id, pattern in PATTERNS + (AUDIT_PATTERNS if audit else ()):
            for m in pattern.finditer(region):
                # The clause it stands in: up to the nearest 。 or ； either side.
                s = max(region.rfind(mark, 0, m.start()) for mark in "。；") + 1
                ends = [i for i in (region.find(mark, m.end()) for mark in "。；") if i >= 0]
                e = min(ends) if ends else -1
                sentence = region[s:(e + 1 if e >= 0 else len(region))].strip()
                found.append(Figure(cell_id, float(m.group(1)), start + m.start(1),
                                    start + m.end(1), sentence))
                if cell_id in _ROW_WITH_PARTS:
                    found += _results(region, start, m.end(), e if e >= 0 else len(region),
                                      _ROW_WITH_PARTS[cell_id], sentence)
    return found


def _results(region: str, offset: int, begin: int, end: int, prefix: str, sentence: str) -> list[Figure]:
    """The results stated after a count, up to the clause's end or the next 复议/诉讼 named."""
    other = re.search(r"行政复议|行政诉讼", region[begin:end])
    stop = begin + other.start() if other else end
    out = []
    for column, pattern in RESULT_PARTS:
        m = pattern.search(region, begin, stop)
        if m:
            out.append(Figure(prefix + column, float(m.group(1)), offset + m.start(1), offset + m.end(1), sentence))
    return out


def by_cell(found: list[Figure]) -> dict[str, list[Figure]]:
    out: dict[str, list[Figure]] = {}
    for f in found:
        out.setdefault(f.cell_id, []).append(f)
    return out
