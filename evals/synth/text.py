"""The words of a synthetic report, and its plain-text layouts.

``plan`` lays a report out as blocks (title, paragraphs, section headings, tables);
the narrative states the report's own numbers in the sentence shapes real reports use
(本年度共收到政府信息公开申请N件). ``render_tab``, ``render_cell_lines`` and
``render_pipe`` print the blocks the way the seed texts do (TEMPLATE.md, corpus/README).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from assistant.domain.template import V2019
from evals.synth.data import SynthReport
from evals.synth.grid import TYPOS, Grid, LabelStyle, active_grid, flatten, request_grid, review_grid

HEADINGS = {
    "overview": "一、总体情况",
    "active": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "review": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}


@dataclass
class Block:
    kind: str                 # title | para | heading | table | signature
    text: str = ""
    grid: Grid = field(default_factory=list)


def _amount(report: SynthReport, cid: str) -> int:
    return int(report.values.get(cid) or 0)


def overview(rng: random.Random, report: SynthReport) -> list[str]:
    """Section 一: five short sub-sections, with the report's own figures."""
    y, me, x = report.year, report.short_name, report.extras
    new = _amount(report, "requests.new.total")
    carried = _amount(report, "requests.carried_in.total")
    lines = [rng.choice([
        f"{y}年，{me}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，"
        "紧紧围绕中心工作，扎实推进政府信息公开工作。",
        f"{y}年，{me}深入贯彻落实国家、省、市关于政务公开工作的决策部署，"
        "不断提升政府信息公开工作规范化、标准化水平。",
    ])]
    active = f"（一）主动公开。{y}年，{me}通过政府门户网站主动公开政府信息{x['published_items']}条。"
    if report.version != V2019 and rng.random() < 0.7:
        issued = _amount(report, "active.normative_docs.issued")
        in_force = _amount(report, "active.normative_docs.in_force")
        active += f"本年度制发规范性文件{issued}件，集中公开现行有效规范性文件{in_force}件。"
    lines.append(active)
    if new == 0:
        ask = f"（二）依申请公开。{y}年，{me}未收到政府信息公开申请。"
    else:
        ask = "（二）依申请公开。" + rng.choice([
            f"{y}年，{me}共收到政府信息公开申请{new}件",
            f"本年度新收政府信息公开申请{new}件",
            f"全年共接到政府信息公开申请{new}件",
        ])
        if carried:
            ask += f"，上年结转{carried}件"
        ask += "，均在法定期限内予以答复。"
    reviews = sum(_amount(report, f"review.review.{p}") for p in ("upheld", "corrected", "other", "pending"))
    if reviews and rng.random() < 0.5:
        ask += f"全年发生政府信息公开行政复议案件{reviews}件。"
    lines.append(ask)
    lines.append(f"（三）政府信息管理。严格落实信息发布审查制度，全年组织业务培训{x['trainings']}次，"
                 "确保公开信息准确规范。")
    lines.append(f"（四）政府信息公开平台建设。发挥政府网站第一平台作用，加强政务新媒体管理，"
                 f"现有政务新媒体{x['new_media']}个。")
    lines.append("（五）监督保障。将政务公开工作纳入绩效考核，定期开展检查通报，推动各项工作落实。")
    return lines


def problems(rng: random.Random, report: SynthReport) -> list[str]:
    issue = rng.choice(["政策解读形式较为单一", "部分栏目信息更新不够及时", "依申请公开答复规范性有待提高",
                        "重点领域信息公开深度不够"])
    fix = rng.choice(["丰富政策解读形式，提升解读质量", "加强栏目日常巡查，确保信息及时更新",
                      "加强业务培训，规范答复文书", "深化重点领域信息公开，提升公开实效"])
    return [f"{report.year}年，{report.short_name}政府信息公开工作取得了一定成效，但仍存在{issue}等问题。"
            f"下一步，将{fix}，不断提高政府信息公开工作水平。"]


def other_matters(rng: random.Random, report: SynthReport) -> list[str]:
    if report.version == V2019:
        return [rng.choice(["无。", "无其他需要报告的事项。"])]
    return [rng.choice([f"{report.year}年，无收取信息处理费情况。", "本年度未收取信息处理费。",
                        "全年收取政府信息公开信息处理费0元。", "无。"])]


def preamble(rng: random.Random, report: SynthReport) -> list[str]:
    if rng.random() < 0.3:
        return []
    doc = "国办公开办函〔2019〕60号" if report.version == V2019 else "国办公开办函〔2021〕30号"
    phone = f"0{rng.randint(310, 999)}-{rng.randint(1000000, 8999999)}"
    return [f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《关于印发〈中华人民共和国"
            f"政府信息公开工作年度报告格式〉的通知》（{doc}）要求编制。本报告所列数据的统计期限自"
            f"{report.year}年1月1日起至{report.year}年12月31日止。如对本报告有疑问，请与"
            f"{report.issuer}办公室联系（邮编：{rng.randint(100000, 899999)}，电话：{phone}）。"]


def title_lines(rng: random.Random, report: SynthReport) -> list[str]:
    suffix = rng.choice(["年政府信息公开工作年度报告", "年度政府信息公开工作年度报告", "年政府信息公开工作年报"])
    if rng.random() < 0.5:
        return [f"{report.issuer}{report.year}{suffix}"]
    return [report.issuer, f"{report.year}{suffix}"]


def signature(rng: random.Random, report: SynthReport) -> list[str]:
    return [report.issuer, f"{report.year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"]


def plan(rng: random.Random, report: SynthReport, style: LabelStyle | None = None) -> list[Block]:
    """The report as blocks in printed order."""
    style = style or LabelStyle.pick(rng)
    blocks = [Block("title", line) for line in title_lines(rng, report)]
    blocks += [Block("para", p) for p in preamble(rng, report)]
    blocks.append(Block("heading", HEADINGS["overview"]))
    blocks += [Block("para", p) for p in overview(rng, report)]
    for table, grid in (("active", active_grid(report, style)), ("requests", request_grid(report, style)),
                        ("review", review_grid(report))):
        blocks.append(Block("heading", HEADINGS[table]))
        blocks.append(Block("table", table, grid))
    blocks.append(Block("heading", HEADINGS["problems"]))
    blocks += [Block("para", p) for p in problems(rng, report)]
    blocks.append(Block("heading", HEADINGS["other_matters"]))
    blocks += [Block("para", p) for p in other_matters(rng, report)]
    blocks += [Block("signature", line) for line in signature(rng, report)]
    return blocks


_VALUE = re.compile(r"[\d.+\-增减亿万元 ]*")


def _is_label(text: str) -> bool:
    return bool(text) and not _VALUE.fullmatch(text)


def _stray_spaces(rng: random.Random, cells: list[str]) -> list[str]:
    """Word-export artefacts of seed 002: 结 果 维 持, 其他对外管理服务事 项, 四、<tab>结转…"""
    out = []
    for text in cells:
        if not _is_label(text):
            out.append(text)
        elif len(text) <= 4 and rng.random() < 0.3:
            out.append(" ".join(text))
        elif len(text) >= 6 and rng.random() < 0.15:
            cut = rng.randint(2, len(text) - 1)
            out.append(text[:cut] + " " + text[cut:])
        elif re.match(r"[一二四]、", text) and rng.random() < 0.3:
            out.extend([text[:2], text[2:]])
        else:
            out.append(text)
    return out


def _split_label(rng: random.Random, cells: list[str]) -> tuple[list[str], str]:
    """A numbered item label cut by a line break: the row keeps its head, the rest of the
    label follows on a line of its own (seed 002: 5. 属于三类 … 内部事务信息)."""
    labels = [i for i, t in enumerate(cells) if _is_label(t)]
    if not labels:
        return cells, ""
    i = labels[-1]
    text = cells[i]
    if not re.match(r"\d\.", text) or len(text) < 9 or any(t in text for t in TYPOS.values()):
        # A misprinted label cut short is too little to name its row: the extractor then
        # skips the row and R3 infers it (0 where the print had blanks).
        return cells, ""
    cut = rng.randint(-(-len(text) * 6 // 10), len(text) - 2)
    return cells[:i] + [text[:cut]] + cells[i + 1:], text[cut:]


def render_tab(rng: random.Random, blocks: list[Block]) -> str:
    """Tab-separated table rows (seeds 000/002): spans padded or not, blank lines between
    paragraphs, and in some reports the artefacts of a Word export (split labels)."""
    pad = rng.random() < 0.5
    gap = rng.random() < 0.5
    artefacts = rng.random() < 0.35
    lines: list[str] = []
    for b in blocks:
        if b.kind != "table":
            lines.append(b.text)
            if gap:
                lines.append("")
            continue
        for cells in flatten(b.grid, pad_rows=pad, pad_cols=pad):
            rest = ""
            if artefacts:
                cells = _stray_spaces(rng, cells)
                if b.text == "requests" and rng.random() < 0.12:
                    cells, rest = _split_label(rng, cells)
            lines.append("\t".join(cells) + ("\t" if pad and rng.random() < 0.1 else ""))
            if rest:
                lines.extend(["", "\t" + rest + "\t" * rng.randint(1, 7)])
        if gap:
            lines.append("")
    return "\n".join(lines) + "\n"


def _wrap(text: str, rng: random.Random) -> str:
    """A long header cell wrapped onto a continuation line (no leading tab), as Word exports do."""
    if 6 <= len(text) <= 12 and rng.random() < 0.4:
        cut = len(text) // 2
        return text[:cut] + "\n" + text[cut:]
    return text


def render_cell_lines(rng: random.Random, blocks: list[Block]) -> str:
    """One cell per tab-indented line, rows separated by an empty line (seed 001, which
    also pads some numbers with no-break spaces: ``0\xa0``, ``\xa00``)."""
    nbsp = rng.random() < 0.4
    lines: list[str] = []
    for b in blocks:
        if b.kind != "table":
            lines.append(b.text)
            continue
        lines.append("")
        for r, cells in enumerate(flatten(b.grid, pad_rows=True, pad_cols=False)):
            header = r < (4 if b.text == "review" else 3) and b.text != "active"
            for text in cells:
                if nbsp and text and not _is_label(text) and rng.random() < 0.5:
                    text = rng.choice(["\xa0" + text, text + "\xa0"])
                lines.append("\t" + (_wrap(text, rng) if header and text else text))
            lines.append("")
        lines.append("")
    return "\n".join(lines) + "\n"


def render_pipe(rng: random.Random, blocks: list[Block]) -> str:
    """Pipe-delimited rows, one cell per line, bare-pipe padding lines (seed 003)."""
    lines: list[str] = []
    for b in blocks:
        if b.kind != "table":
            lines.append(b.text)
            continue
        for cells in flatten(b.grid, pad_rows=False, pad_cols=False):
            cells = [c for c in cells if c]
            if not cells:
                continue
            lines.append(f"| {cells[0]} |")
            lines.extend(f"{c} |" for c in cells[1:])
            if rng.random() < 0.6:
                lines.append("|" * rng.randint(1, 8))
    return "\n".join(lines) + "\n"
