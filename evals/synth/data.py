"""The numbers of a synthetic annual report: issuer, year, template, every cell as printed.

Pure: a ``random.Random`` in, a ``SynthReport`` out. Values obey R1–R4 (TEMPLATE.md)
unless an error is injected on purpose, which is then recorded for the truth file.
Printed text and the true value are made together (``增2`` -> 2, ``1.951 亿`` -> 19510 万元),
so the truth never depends on the extractor's own value parser.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.domain.rules import REVIEW_PARTS, request_rows, result_rows
from assistant.domain.template import ORG_COLUMNS, REVIEW_ROWS, V2019, V2021, cell_ids, rows_for, version_for_year

# (city prefix, counties/districts, towns of the first county)
PLACES = (
    ("淮安市", ("洪泽区", "淮阴区", "涟水县", "盱眙县"), ("岔河镇", "老子山镇")),
    ("遂宁市", ("安居区", "船山区", "射洪市", "蓬溪县"), ("白马镇", "三家镇")),
    ("临汾市", ("大宁县", "吉县", "隰县", "乡宁县"), ("昕水镇", "曲峨镇")),
    ("宁波市", ("宁海县", "象山县", "奉化区", "北仑区"), ("力洋镇", "长街镇")),
    ("运城市", ("芮城县", "永济市", "临猗县", "夏县"), ("风陵渡镇", "陌南镇")),
    ("固原市", ("彭阳县", "西吉县", "隆德县", "泾源县"), ("白阳镇", "王洼镇")),
    ("赣州市", ("章贡区", "南康区", "瑞金市", "于都县"), ("贡江镇", "罗坳镇")),
    ("绵阳市", ("涪城区", "游仙区", "江油市", "三台县"), ("青义镇", "小枧镇")),
)
DEPARTMENTS = ("教育局", "民政局", "财政局", "自然资源局", "生态环境局", "交通运输局", "卫生健康委员会",
               "市场监督管理局", "机关事务服务中心", "住房和城乡建设局", "人力资源和社会保障局")

# How often each result row receives requests (relative weights).
RESULT_WEIGHTS = {
    "granted": 35, "partial": 8, "withheld.state_secret": 1, "withheld.law_prohibited": 1,
    "withheld.security_stability": 1, "withheld.third_party": 2, "withheld.internal_affairs": 3,
    "withheld.process_info": 3, "withheld.enforcement_file": 2, "withheld.query_matter": 2,
    "unavailable.not_held": 25, "unavailable.needs_creation": 4, "unavailable.unclear": 3,
    "not_processed.petition": 3, "not_processed.duplicate": 3, "not_processed.publication": 1,
    "not_processed.excessive": 1, "not_processed.confirmation": 1, "other": 4,
    "other.no_correction": 3, "other.no_fee": 1, "other.other": 3,
}
# (probability that the column has any requests, share of the report's volume)
COLUMN_ACTIVITY = {"natural_person": (1.0, 1.0), "business": (0.55, 0.25), "research": (0.08, 0.03),
                   "social_org": (0.08, 0.03), "legal_service": (0.15, 0.05), "other_org": (0.15, 0.06)}


@dataclass
class SynthReport:
    """One synthetic report: who, when, which template, and every cell as printed."""

    issuer: str
    short_name: str          # how the narrative speaks of itself (本县, 洪泽区, 我局)
    year: int
    version: str
    other_split: bool
    values: dict[str, float | None]      # cell id -> true value (None = printed blank)
    printed: dict[str, str]              # cell id -> printed text ("" = blank)
    blank_style: bool = False
    injected: dict | None = None
    omitted: tuple[str, ...] = ()        # result rows left out of the print (R3 infers them)
    extras: dict[str, int] = field(default_factory=dict)   # narrative-only figures

    def cell_ids(self) -> list[str]:
        return cell_ids(self.version, other_split=self.other_split)

    def truth_cells(self) -> dict[str, float | None]:
        return {cid: self.values[cid] for cid in self.cell_ids()}


def make_issuer(rng: random.Random) -> tuple[str, str]:
    """(full issuer name, the short name its narrative uses)."""
    city, counties, towns = rng.choice(PLACES)
    county = rng.choice(counties)
    kind = rng.choices(["county", "district", "town", "city", "department"], [4, 3, 2, 1, 3])[0]
    if kind == "county":
        return f"{county}人民政府", county
    if kind == "district":
        return f"{city}{county}人民政府", county
    if kind == "town":
        return f"{counties[0]}{rng.choice(towns)}人民政府", rng.choice(towns)
    if kind == "city":
        return f"{city}人民政府", city
    dept = rng.choice(DEPARTMENTS)
    short = "我局" if dept.endswith("局") else "我委" if dept.endswith("委员会") else "我中心"
    return f"{county}{dept}", short


def _split_count(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` cut into ``parts`` non-negative integers."""
    if parts == 1:
        return [total]
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0] + cuts, cuts + [total])]


def _volume(rng: random.Random) -> int:
    scale = rng.choices(["none", "small", "medium", "large"], [1, 4, 4, 2])[0]
    return {"none": 0, "small": rng.randint(1, 12), "medium": rng.randint(13, 240),
            "large": rng.randint(241, 3200)}[scale]


def request_values(rng: random.Random, version: str, other_split: bool) -> dict[str, int]:
    """Table 三 satisfying R1, R2 and R3."""
    results = result_rows(version, other_split)
    volume = _volume(rng)
    out: dict[str, int] = {}
    for col, (p_active, share) in COLUMN_ACTIVITY.items():
        n = 0
        if volume and rng.random() < p_active:
            n = max(1, round(volume * share * rng.uniform(0.3, 1.7)))
        active = [r for r in results if rng.random() < 0.5] or [results[0]]
        weights = [RESULT_WEIGHTS[r] * rng.uniform(0.2, 1.8) for r in active]
        counts = dict.fromkeys(results, 0)
        for r in rng.choices(active, weights, k=min(n, 60)):
            counts[r] += 1
        if n > 60:   # large volumes: scale the sample up, remainder to the largest row
            scaled = {r: c * n // 60 for r, c in counts.items()}
            scaled[max(scaled, key=lambda r: scaled[r])] += n - sum(scaled.values())
            counts = scaled
        carried_out = rng.choice([0, 0, 0, rng.randint(0, max(1, n // 8))]) if n else 0
        carried_in = rng.choice([0, 0, rng.randint(0, carried_out + n // 6)]) if n else 0
        carried_in = min(carried_in, n + carried_out)
        for r in results:
            out[f"requests.{r}.{col}"] = counts[r]
        out[f"requests.result_total.{col}"] = n
        out[f"requests.carried_out.{col}"] = carried_out
        out[f"requests.carried_in.{col}"] = carried_in
        out[f"requests.new.{col}"] = n + carried_out - carried_in
    for row in request_rows(version, other_split):
        out[f"requests.{row}.total"] = sum(out[f"requests.{row}.{c}"] for c in COLUMN_ACTIVITY)
    return out


def review_values(rng: random.Random) -> dict[str, int]:
    """Table 四 satisfying R4."""
    out = {}
    busy = rng.random() < 0.5
    for row in REVIEW_ROWS:
        parts = [rng.choice([0, 0, 0, rng.randint(0, 4), rng.randint(0, 25)]) if busy else 0
                 for _ in REVIEW_PARTS]
        for part, v in zip(REVIEW_PARTS, parts):
            out[f"review.{row.id}.{part}"] = v
        out[f"review.{row.id}.total"] = sum(parts)
    return out


def _plain(number: Decimal) -> str:
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def money(rng: random.Random, allow_yuan: bool, glued: bool) -> tuple[str, float]:
    """A printed amount and its value in 万元."""
    if rng.random() < 0.15:
        return "0", 0.0
    form = rng.choices(["plain", "wan", "yi", "yuan"], [4, 3, 2, 2 if allow_yuan else 0])[0]
    space = "" if glued else rng.choice(["", " "])
    if form == "yi":
        yi = Decimal(rng.randint(1000, 99999)) / 1000
        return f"{_plain(yi)}{space}亿", float(yi * 10000)
    if form == "yuan":
        yuan = Decimal(rng.randint(100000, 999999999)) / 100
        return f"{yuan:.2f}元", round(float(yuan / 10000), 6)
    wan = Decimal(rng.randint(1, 9999999)) / Decimal(10) ** rng.choice([0, 1, 2, 4])
    text = _plain(wan)
    return (f"{text}{space}万元" if form == "wan" else text), float(wan)


def signed(rng: random.Random, change: int) -> str:
    if change == 0:
        return "0"
    if change > 0:
        return rng.choice([f"增{change}", f"+{change}", f"{change}"])
    return rng.choice([f"减{-change}", f"-{-change}"])


def active_values(rng: random.Random, version: str, glued: bool) -> tuple[dict, dict]:
    """Table 二: (values, printed)."""
    values: dict[str, float] = {}
    printed: dict[str, str] = {}

    def put(cid: str, value: float, text: str | None = None) -> None:
        values[cid] = value
        printed[cid] = str(int(value)) if text is None else text

    small = lambda hi: rng.choice([0, 0, rng.randint(0, hi)])  # noqa: E731 - local shorthand
    if version == V2019:
        for row, hi in (("rules", 3), ("normative_docs", 40)):
            made = small(hi)
            put(f"active.{row}.new_made", made)
            put(f"active.{row}.new_public", made if rng.random() < 0.8 else small(hi))
            put(f"active.{row}.total_public", made + small(hi * 20))
        for row, hi in (("licensing", 2000), ("other_services", 1500), ("penalty", 5000),
                        ("coercion", 300), ("fees", 60)):
            prev = small(hi)
            change = rng.randint(-min(prev, 60), 60) if rng.random() < 0.6 else 0
            put(f"active.{row}.prev_items", prev)
            put(f"active.{row}.change", change, signed(rng, change))
            if row != "fees":
                put(f"active.{row}.decisions", small(hi * 8))
        put("active.procurement.items", small(600))
        text, value = money(rng, allow_yuan=True, glued=glued)
        put("active.procurement.amount", value, text)
    else:
        for row, hi in (("rules", 3), ("normative_docs", 90)):
            put(f"active.{row}.issued", small(hi))
            put(f"active.{row}.repealed", small(hi // 2))
            put(f"active.{row}.in_force", small(hi * 9))
        for row, hi in (("licensing", 30000), ("penalty", 6000), ("coercion", 400)):
            put(f"active.{row}.decisions", small(hi))
        text, value = money(rng, allow_yuan=False, glued=glued)
        put("active.fees.amount", value, text)
    return values, printed


def inject_error(rng: random.Random, report: SynthReport) -> None:
    """Break one R4 or R3 total by k, keeping every other rule true; record it."""
    k = rng.randint(1, 9)
    if rng.random() < 0.5:
        row = rng.choice(REVIEW_ROWS).id
        cid = f"review.{row}.total"
        value = report.values[cid] or 0
        value = value + k if value < k or rng.random() < 0.5 else value - k
        _set(report, cid, value)
        report.injected = {"rule": "R4", "cells": [cid], "off_by": k}
        return
    # R3: result_total of one column (and of 总计) off by k; 新收 moves with it so that
    # R1 and R2 still hold and only R3 fails.
    col = rng.choice(("natural_person",) + ORG_COLUMNS)
    for row in ("result_total", "new"):
        for c in (col, "total"):
            cid = f"requests.{row}.{c}"
            _set(report, cid, (report.values[cid] or 0) + k)
    report.injected = {"rule": "R3", "off_by": k,
                       "cells": [f"requests.result_total.{col}", "requests.result_total.total"]}


def _set(report: SynthReport, cid: str, value: float) -> None:
    report.values[cid] = value
    report.printed[cid] = str(int(value))


def blank_out(rng: random.Random, report: SynthReport) -> None:
    """Print zeros as blanks the way real Word tables do (seed 004), where the reading stays
    determined: request org columns (natural person and 总计 always printed), 本年增/减
    of three-column rows, and an all-zero 行政复议 group."""
    rows_with_blanks = {cid.rsplit(".", 1)[0] for cid in report.values
                        if cid.startswith("requests.") and cid.rsplit(".", 1)[1] in ORG_COLUMNS
                        and report.values[cid] == 0}
    if len(rows_with_blanks) < 3:
        return
    report.blank_style = True
    for cid, value in report.values.items():
        col = cid.rsplit(".", 1)[1]
        if value == 0 and ((cid.startswith("requests.") and col in ORG_COLUMNS)
                           or (cid.startswith("active.") and col == "change"
                               and not cid.startswith("active.fees."))):
            report.values[cid] = None
            report.printed[cid] = ""
    first = [f"review.review.{p}" for p in REVIEW_PARTS + ("total",)]
    if all(report.values[c] == 0 for c in first) and rng.random() < 0.6:
        for c in first:
            report.values[c] = None
            report.printed[c] = ""


def make_report(rng: random.Random, *, glued: bool = False, blanks: bool = False,
                omit: bool = False, error_rate: float = 0.1) -> SynthReport:
    """A random report; ``glued`` keeps printed money without spaces, ``blanks`` may print
    zeros as blanks, ``omit`` may leave one result row unprinted, ``error_rate`` is the
    chance of one injected R3/R4 error."""
    year = rng.choice([2019, 2020, 2020, 2021, 2022, 2023, 2024])
    version = version_for_year(year)
    other_split = version == V2021 and rng.random() < 0.6
    issuer, short = make_issuer(rng)
    values, printed = active_values(rng, version, glued)
    counts = {**request_values(rng, version, other_split), **review_values(rng)}
    for cid, v in counts.items():
        values[cid] = float(v)
        printed[cid] = str(v)
    report = SynthReport(issuer, short, year, version, other_split, values, printed)
    assert set(report.values) == set(report.cell_ids()), "generator and template disagree"
    if rng.random() < error_rate:
        inject_error(rng, report)
    if blanks and rng.random() < 0.4:
        blank_out(rng, report)
    if omit and not report.injected and not report.blank_style and rng.random() < 0.08:
        # Seed 004 leaves a result row out; R3 then fills it (status inferred).
        report.omitted = (rng.choice(result_rows(version, other_split)[1:]),)
    report.extras = {"published_items": rng.randint(80, 20000), "new_media": rng.randint(1, 60),
                     "trainings": rng.randint(1, 12)}
    return report


def template_rows(report: SynthReport, table: str):
    """Template rows printed for this report's table, in order, (六) in its printed shape."""
    rows = []
    for row in rows_for(report.version, table):
        if row.id == "other" and report.version == V2021 and report.other_split:
            continue
        if row.id.startswith("other.") and not report.other_split:
            continue
        rows.append(row)
    return rows
