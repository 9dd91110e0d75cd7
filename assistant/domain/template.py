"""The standard report template as data: tables, rows, columns and canonical cell ids.

Everything here mirrors ../shared/docs/TEMPLATE.md. Two template versions exist
("2019" for report years 2019–2020, "2021" from 2021 on); both map onto one set of
canonical ids ``<table>.<row>.<column>``.
"""

from __future__ import annotations

from dataclasses import dataclass

V2019 = "2019"
V2021 = "2021"
VERSIONS = (V2019, V2021)

UNIT_COUNT = "件"
UNIT_MONEY = "万元"
UNIT_ITEMS = "项"
ITEM_COLUMNS = ("prev_items", "change")   # table 二 (2019): items (事项), not decisions


@dataclass(frozen=True)
class Column:
    """One column of a template table."""

    id: str
    label: str


@dataclass(frozen=True)
class Row:
    """One row of a template table, with the labels it is printed under."""

    table: str
    id: str
    label: str
    columns: tuple[Column, ...]
    versions: tuple[str, ...] = VERSIONS
    # Further spellings seen in real reports (normalised text, see labels.normalise).
    aliases: tuple[str, ...] = ()
    money_columns: tuple[str, ...] = ()

    def cell_id(self, column: str) -> str:
        return f"{self.table}.{self.id}.{column}"


def _cols(*pairs: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(i, label) for i, label in pairs)


ACTIVE_DOCS_2019 = _cols(("new_made", "本年新制作数量"), ("new_public", "本年新公开数量"),
                         ("total_public", "对外公开总数量"))
ACTIVE_DOCS_2021 = _cols(("issued", "本年制发件数"), ("repealed", "本年废止件数"),
                         ("in_force", "现行有效件数"))
ACTIVE_ITEMS_2019 = _cols(("prev_items", "上一年项目数量"), ("change", "本年增/减"),
                          ("decisions", "处理决定数量"))
ACTIVE_DECISIONS_2021 = _cols(("decisions", "本年处理决定数量"),)

ACTIVE_ROWS: tuple[Row, ...] = (
    Row("active", "rules", "规章", ACTIVE_DOCS_2019, (V2019,)),
    Row("active", "normative_docs", "规范性文件", ACTIVE_DOCS_2019, (V2019,)),
    Row("active", "licensing", "行政许可", ACTIVE_ITEMS_2019, (V2019,)),
    Row("active", "other_services", "其他对外管理服务事项", ACTIVE_ITEMS_2019, (V2019,)),
    Row("active", "penalty", "行政处罚", ACTIVE_ITEMS_2019, (V2019,)),
    Row("active", "coercion", "行政强制", ACTIVE_ITEMS_2019, (V2019,)),
    Row("active", "fees", "行政事业性收费", ACTIVE_ITEMS_2019[:2], (V2019,),
        aliases=("行政事业型收费",)),
    Row("active", "procurement", "政府集中采购",
        _cols(("items", "采购项目数量"), ("amount", "采购总金额")), (V2019,),
        money_columns=("amount",)),
    Row("active", "rules", "规章", ACTIVE_DOCS_2021, (V2021,)),
    Row("active", "normative_docs", "行政规范性文件", ACTIVE_DOCS_2021, (V2021,),
        aliases=("规范性文件",)),
    Row("active", "licensing", "行政许可", ACTIVE_DECISIONS_2021, (V2021,)),
    Row("active", "penalty", "行政处罚", ACTIVE_DECISIONS_2021, (V2021,)),
    Row("active", "coercion", "行政强制", ACTIVE_DECISIONS_2021, (V2021,)),
    Row("active", "fees", "行政事业性收费", _cols(("amount", "本年收费金额（单位：万元）"),), (V2021,),
        aliases=("行政事业型收费",), money_columns=("amount",)),
)

REQUEST_COLUMNS = _cols(
    ("natural_person", "自然人"), ("business", "商业企业"), ("research", "科研机构"),
    ("social_org", "社会公益组织"), ("legal_service", "法律服务机构"), ("other_org", "其他"),
    ("total", "总计"),
)
# The five columns under the merged header 法人或其他组织.
ORG_COLUMNS = ("business", "research", "social_org", "legal_service", "other_org")


def _req(row_id: str, label: str, *aliases: str, versions: tuple[str, ...] = VERSIONS) -> Row:
    return Row("requests", row_id, label, REQUEST_COLUMNS, versions, aliases)


REQUEST_ROWS: tuple[Row, ...] = (
    _req("new", "本年新收政府信息公开申请数量"),
    _req("carried_in", "上年结转政府信息公开申请数量"),
    _req("granted", "予以公开"),
    _req("partial", "部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
    _req("withheld.state_secret", "属于国家秘密"),
    _req("withheld.law_prohibited", "其他法律行政法规禁止公开"),
    _req("withheld.security_stability", "危及“三安全一稳定”"),
    _req("withheld.third_party", "保护第三方合法权益"),
    _req("withheld.internal_affairs", "属于三类内部事务信息"),
    _req("withheld.process_info", "属于四类过程性信息"),
    _req("withheld.enforcement_file", "属于行政执法案卷"),
    _req("withheld.query_matter", "属于行政查询事项"),
    _req("unavailable.not_held", "本机关不掌握相关政府信息"),
    _req("unavailable.needs_creation", "没有现成信息需要另行制作"),
    _req("unavailable.unclear", "补正后申请内容仍不明确"),
    _req("not_processed.petition", "信访举报投诉类申请"),
    _req("not_processed.duplicate", "重复申请"),
    _req("not_processed.publication", "要求提供公开出版物"),
    _req("not_processed.excessive", "无正当理由大量反复申请"),
    _req("not_processed.confirmation", "要求行政机关确认或重新出具已获取信息"),
    _req("other", "其他处理"),
    _req("other.no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
         "申请人无正当理由逾期不补正", versions=(V2021,)),
    _req("other.no_fee", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
         "申请人逾期未按收费通知要求缴纳费用", versions=(V2021,)),
    _req("other.other", "其他", versions=(V2021,)),
    _req("result_total", "总计"),
    _req("carried_out", "结转下年度继续办理"),
)

# Table 三's four numbered parts: 一、本年新收 二、上年结转 三、本年度办理结果 (its 总计) 四、结转下年度继续办理
REQUEST_PARTS = ("new", "carried_in", "result_total", "carried_out")
RESULT_ROW_IDS = tuple(r.id for r in REQUEST_ROWS if r.id not in REQUEST_PARTS)
OTHER_SUBROWS = ("other.no_correction", "other.no_fee", "other.other")

REVIEW_COLUMNS = _cols(("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
                       ("pending", "尚未审结"), ("total", "总计"))
REVIEW_ROWS: tuple[Row, ...] = (
    Row("review", "review", "行政复议", REVIEW_COLUMNS),
    Row("review", "litigation_direct", "行政诉讼·未经复议直接起诉", REVIEW_COLUMNS),
    Row("review", "litigation_after_review", "行政诉讼·复议后起诉", REVIEW_COLUMNS),
)

ALL_ROWS = ACTIVE_ROWS + REQUEST_ROWS + REVIEW_ROWS

TABLE_TITLES = {
    "active": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "review": "四、政府信息公开行政复议、行政诉讼情况",
}

SECTIONS = (
    ("preamble", "前言"),
    ("overview", "一、总体情况"),
    ("active", "二、主动公开政府信息情况"),
    ("requests", "三、收到和处理政府信息公开申请情况"),
    ("review", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
)


def rows_for(version: str, table: str | None = None) -> tuple[Row, ...]:
    """Rows of one template version (optionally of one table), in printed order.

    The 2021 version's （六） may be printed as one row or as three sub-rows, so both
    ``other`` and ``other.*`` are listed for it; the extractor keeps what is printed.
    """
    return tuple(r for r in ALL_ROWS
                 if version in r.versions and (table is None or r.table == table))


def cell_ids(version: str, table: str | None = None, *, other_split: bool | None = None) -> list[str]:
    """Canonical cell ids of a version, in printed order.

    ``other_split`` picks the （六） shape for 2021 reports: True for the three sub-rows
    (the default for 2021), False for the single ``other`` row.
    """
    if other_split is None:
        other_split = version == V2021
    ids: list[str] = []
    for row in rows_for(version, table):
        if row.id == "other" and other_split:
            continue
        if row.id in OTHER_SUBROWS and not other_split:
            continue
        ids.extend(row.cell_id(c.id) for c in row.columns)
    return ids


def row_of(cell_id: str) -> Row:
    """The template row a canonical cell id belongs to (first version that has it)."""
    table, rest = cell_id.split(".", 1)
    row_id, _column = rest.rsplit(".", 1)
    for row in ALL_ROWS:
        if row.table == table and row.id == row_id:
            return row
    raise KeyError(cell_id)


def split_cell_id(cell_id: str) -> tuple[str, str, str]:
    """``requests.withheld.third_party.total`` -> (``requests``, ``withheld.third_party``, ``total``)."""
    table, rest = cell_id.split(".", 1)
    row_id, column = rest.rsplit(".", 1)
    return table, row_id, column


def unit_of(cell_id: str) -> str:
    """件 for counts, 万元 for money cells, 项 for table 二's items (上一年项目数量, 本年增/减)."""
    table, row_id, column = split_cell_id(cell_id)
    if table == "active" and column in ITEM_COLUMNS:
        return UNIT_ITEMS
    for row in ALL_ROWS:
        if row.table == table and row.id == row_id and column in row.money_columns:
            return UNIT_MONEY
    return UNIT_COUNT


def version_for_year(year: int) -> str:
    """The template version a report of ``year`` should use."""
    return V2019 if year <= 2020 else V2021


GROUP_LABELS = {"withheld": "不予公开", "unavailable": "无法提供", "not_processed": "不予处理",
                "other": "其他处理"}
TABLE_NUMBERS = {"active": "表二", "requests": "表三", "review": "表四"}


# Rows whose printed label says little on its own ("总计") or is long, in a sentence.
PLAIN_LABELS = {"new": "本年新收", "carried_in": "上年结转", "result_total": "办理结果总计",
                "carried_out": "结转下年度继续办理", "partial": "部分公开"}


def row_label(row: Row) -> str:
    """The row's printed label, with its group for the nested rows of table 三."""
    group = row.id.split(".", 1)[0] if "." in row.id else None
    if row.table == "requests" and group in GROUP_LABELS:
        return f"{GROUP_LABELS[group]}·{row.label}"
    if row.table == "requests" and row.id in PLAIN_LABELS:
        return PLAIN_LABELS[row.id]
    return row.label


def column_label(row: Row, column_id: str) -> str:
    label = next((c.label for c in row.columns if c.id == column_id), column_id)
    if column_id in row.money_columns and "万元" not in label:
        label += "（万元）"
    return label


def column_word(table: str, column: str, row_id: str | None = None) -> str:
    """A column's printed label where only its table (and maybe its row) is known — the row's
    own label when labels differ between rows; a user-facing line never shows an id, so last any
    table's word for it ("没有“总计”这一栏"). ``column_label`` is the label in one known row."""
    for exact, same_table in ((True, True), (False, True), (False, False)):
        for row in ALL_ROWS:
            if (row.table == table or not same_table) and (not exact or row_id is None or row.id == row_id):
                for c in row.columns:
                    if c.id == column:
                        return c.label
    return {"_orgs": "法人或其他组织"}.get(column, column)


def find_row(cell_id: str, template: str | None = None) -> Row | None:
    """The template row holding ``cell_id`` (as printed in ``template`` when given)."""
    try:
        table, row_id, column = split_cell_id(cell_id)
    except ValueError:
        return None
    matches = [r for r in ALL_ROWS if r.table == table and r.id == row_id and any(c.id == column for c in r.columns)]
    preferred = [r for r in matches if template in r.versions]
    found = preferred or matches
    return found[0] if found else None


def cell_label(cell_id: str, with_table: bool = True) -> str:
    """'表二·行政许可·处理决定数量' for a canonical id (the id itself if unknown); without the
    table number ('行政复议·结果维持') where the sentence already names the table."""
    row = find_row(cell_id)
    if row is None:
        return cell_id
    _, _, column = split_cell_id(cell_id)
    words = f"{row_label(row)}·{column_label(row, column)}"
    return f"{TABLE_NUMBERS.get(row.table, row.table)}·{words}" if with_table else words
