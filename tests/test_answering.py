"""Questions users ask, answered from the ingested corpus with the right cells cited."""

from __future__ import annotations

import pytest


def ask(assistant, *turns):
    conv = assistant.conversation()
    answer = None
    for q in turns:
        answer = conv.ask(q)
    return answer


@pytest.mark.parametrize("question, value, unit, cell, issuer, year", [
    pytest.param("大宁县2020年行政许可处理决定数量是多少？", 1680, "件", "active.licensing.decisions",
                 "大宁县人民政府", 2020, id="daning-licensing"),
    pytest.param("安居区的申请里有多少因“本机关不掌握”而无法提供？", 6, "件",
                 "requests.unavailable.not_held.total", "遂宁市安居区人民政府", 2020, id="anju-not-held"),
    pytest.param("大宁县2020年政府集中采购总金额是多少？", 19510, "万元", "active.procurement.amount",
                 "大宁县人民政府", 2020, id="money-yi"),
    pytest.param("芮城县2020年行政处罚本年增减是多少？", -453, "项", "active.penalty.change",
                 "芮城县人民政府", 2020, id="signed-change"),
    pytest.param("淮安市2024年行政复议结果纠正多少件？", 64, "件", "review.review.corrected",
                 "淮安市人民政府", 2024, id="review"),
    pytest.param("平潭2022年自然人提出的新收申请有多少？", 71, "件", "requests.new.natural_person",
                 "平潭综合实验区", 2022, id="glued-split"),
    pytest.param("洪泽区2024年行政事业性收费金额是多少？", 7545, "万元", "active.fees.amount",
                 "淮安市洪泽区人民政府", 2024, id="fees-2021"),
])
def test_single_cell_answers(assistant, question, value, unit, cell, issuer, year):
    answer = ask(assistant, question)
    assert (answer.route, answer.value, answer.unit) == ("cell", value, unit)
    [citation] = [c for c in answer.citations if c.cell_id]   # (the text's sentence may be cited too)
    assert (citation.cell_id, citation.issuer, citation.year) == (cell, issuer, year)
    assert "[1]" in answer.answer and citation.page is not None


def test_pdf_citation_has_the_page(assistant):
    answer = ask(assistant, "淮安市2024年本年新收政府信息公开申请数量是多少？")
    assert answer.value == 3119
    assert (answer.citations[0].page, answer.citations[0].raw) == (4, "3119")


def test_group_total_shows_its_formula(assistant):
    answer = ask(assistant, "平潭2022年不予公开的有多少？")
    assert answer.value == 4
    # All eight withheld rows are cited; the ones that are not 0 are spelled out.
    assert [c.cell_id.split(".")[2] for c in answer.citations] == [
        "state_secret", "law_prohibited", "security_stability", "third_party",
        "internal_affairs", "process_info", "enforcement_file", "query_matter"]
    assert "合计4件（1[5] + 2[6] + 1[7]）" in answer.answer


def test_ranking_across_reports(assistant):
    answer = ask(assistant, "哪个单位收到的申请最多？")
    assert answer.route == "aggregate" and answer.value == 3119
    assert answer.answer.startswith("本年新收政府信息公开申请最多的是淮安市人民政府 2024年")


def test_comparison_across_years(assistant):
    answer = ask(assistant, "洪泽区2024年比2023年新收申请增加了多少？")
    assert (answer.route, answer.value) == ("comparison", 74)
    assert answer.formula.startswith("2024年 − 2023年 = 95 − 21 = 74；增幅 = 74 / 21 × 100% = 352.38%")


def test_ratio_shows_the_formula(assistant):
    answer = ask(assistant, "淮安市2024年的公开率是多少？")
    assert answer.route == "ratio" and answer.value == pytest.approx(59.541, abs=0.001)
    assert answer.formula.startswith("公开率 = (予以公开+部分公开)/办理结果总计 = 1816 / 3050")


def test_follow_up_inherits_the_metric(assistant):
    answer = ask(assistant, "大宁县2020年行政处罚处理决定数量是多少？", "那芮城县呢？")
    assert (answer.value, answer.citations[0].issuer) == (530, "芮城县人民政府")


def test_blank_cell_is_said_to_be_blank(assistant):
    answer = ask(assistant, "大宁县2020年行政复议·结果维持多少件？")
    assert answer.value is None and "空白" in answer.answer and "不等于0" in answer.answer
    assert answer.citations[0].status == "blank"


def test_ambiguous_cell_is_never_guessed(assistant):
    answer = ask(assistant, "平潭2021年行政规范性文件本年制发件数是多少？")
    assert answer.value is None and "无法唯一确定" in answer.answer
    assert answer.refused and answer.answer.startswith("无法根据已收录的年报回答这个问题")
    assert "6／69／693／6936" in answer.answer and answer.citations


def test_audit_points_at_the_cells(assistant):
    answer = ask(assistant, "洪泽区2023年报告的数字对得上吗？")
    assert answer.route == "audit"
    # In the table's own words, with both sides' numbers: 总计 0 against 10 + 1 = 11.
    assert "R4 不成立：行政复议·总计 0[" in answer.answer
    assert "行政复议·结果维持 10[" in answer.answer and "行政复议·结果纠正 1[" in answer.answer
    assert "右边 11" in answer.answer and "review.review.total" not in answer.answer
    assert {"review.review.total", "review.review.upheld", "review.review.corrected"} <= {
        c.cell_id for c in answer.citations}
    assert answer.understood.startswith("理解为：淮安市洪泽区人民政府 · 2023年")


def test_a_passing_audit_shows_its_equations(assistant):
    answer = ask(assistant, "淮安市2024年依申请公开那张表对得上吗？")
    assert answer.route == "audit" and "未发现问题" in answer.answer
    # R1 on the 总计 column with its numbers: 3119 + 34 = 3050 + 103.
    assert "本年新收·总计 3119[" in answer.answer and "结转下年度继续办理·总计 103[" in answer.answer
    assert "= 3153" in answer.answer


@pytest.mark.parametrize("question, reason", [
    pytest.param("北京市2020年行政处罚多少？", "没有“北京市”的报告", id="unknown-issuer"),
    pytest.param("芮城县2023年新收申请多少？", "已有该单位的：2020年", id="unknown-year"),
    pytest.param("大宁县2020年行政事业性收费金额是多少？", "2019版年报模板", id="not-in-template"),
    pytest.param("今天天气怎么样？", "不在政府信息公开工作年度报告的范围内", id="out-of-scope"),
    pytest.param("大宁县2020年的GDP是多少？", "没有找到与这个问题相关的内容", id="no-evidence"),
    pytest.param("安居区2020年那7件企业申请，分别是哪几家公司提的", "不含个人或企业的姓名、名称", id="which-companies"),
    pytest.param("平潭2022年申请信息公开的人里面男的女的各多少", "没有性别、年龄等分类", id="no-breakdown"),
])
def test_refusals_say_why(assistant, question, reason):
    answer = ask(assistant, question)
    assert answer.refused and answer.value is None and reason in answer.answer
    assert answer.answer.startswith("无法根据已收录的年报回答这个问题")


def test_narrative_answer_cites_the_passage(assistant):
    answer = ask(assistant, "芮城县存在哪些主要问题？")
    assert answer.route == "narrative" and not answer.refused
    assert "政务公开工作制度机制还不健全完善" in answer.answer
    assert answer.citations[0].issuer == "芮城县人民政府"
    assert answer.citations[0].section == "五、存在的主要问题及改进情况"


def test_langchain_retriever_documents_carry_citations(corpus_library):
    from assistant.qa.retrieval import as_langchain_retriever

    docs = as_langchain_retriever(corpus_library, k=3).invoke("平潭2024年信息处理费")
    assert len(docs) == 3
    assert {"issuer", "year", "page", "section", "source_file", "chunk_id"} <= set(docs[0].metadata)


def test_follow_up_with_a_new_metric_keeps_who_and_when(assistant):
    answer = ask(assistant, "淮安市洪泽区2023年行政许可处理决定数量是多少？", "行政处罚呢？")
    assert (answer.value, answer.citations[0].issuer, answer.citations[0].year) == (
        4119, "淮安市洪泽区人民政府", 2023)


def test_report_availability(assistant):
    answer = ask(assistant, "芮城县2020年的年报你这有吗？")
    assert answer.route == "available" and "芮城县人民政府 2020年" in answer.answer
    answer = ask(assistant, "大宁县2020年报告里有没有提到政务新媒体？")
    assert answer.route == "narrative"


def test_which_county_is_not_a_place_name(assistant):
    answer = ask(assistant, "2020年哪个县的行政许可最多？")
    assert answer.route == "aggregate" and answer.value == 21384
    assert "芮城县人民政府 2020年" in answer.answer


def test_two_numbers_asked_at_once_are_both_answered(assistant):
    answer = ask(assistant, "平潭２０２１年本年度共收到多少件申请、办结多少件？")
    assert "本年新收政府信息公开申请为70件[" in answer.answer and "办理结果总计为69件[" in answer.answer
    assert {c.cell_id for c in answer.citations if c.cell_id} == {"requests.new.total", "requests.result_total.total"}
    # the text's own sentence stating both figures is quoted and cited beside the cells
    [passage] = [c for c in answer.citations if c.cell_id is None]
    assert f"“本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。”[{passage.key}]" in answer.answer
    assert not any("正文也写明" in n for n in answer.notes)   # part of the answer, not a warning


def test_narrative_litigation_figure_is_checked_against_both_rows(assistant):
    answer = ask(assistant, "淮安市2024年正文里说的行政诉讼件数，和表四一致吗？")
    assert answer.route == "audit" and "R7 成立" in answer.answer
    assert "“行政诉讼·未经复议直接起诉·总计” 26[" in answer.answer and "= 46、" in answer.answer


def test_each_result_the_text_states_is_checked(assistant):
    """淮安市 2024 states every result of its 351 reviews and 46 lawsuits: one line per clause,
    each figure against its cell (the lawsuits' against both kinds added)."""
    answer = ask(assistant, "淮安市2024年正文里的复议、诉讼数字，与第四部分表格一致吗？")
    assert "称 351、72、64、178、37，与四、政府信息公开行政复议、行政诉讼情况“行政复议·总计” 351[" in answer.answer
    assert "“行政复议·尚未审结” 37[" in answer.answer
    assert "称 46、25、5、9、7" in answer.answer
    assert "“行政诉讼·未经复议直接起诉·结果维持” 13[" in answer.answer and "“行政诉讼·复议后起诉·结果维持” 12[" in answer.answer
    assert "R7 不成立" not in answer.answer


def test_each_report_of_an_audit_shows_its_own_outcome(assistant):
    answer = ask(assistant, "洪泽区2023、2024两年的行政复议、行政诉讼表都对得上吗？")
    assert "淮安市洪泽区人民政府 2023年 R4 不成立：行政复议·总计 0[" in answer.answer
    assert "淮安市洪泽区人民政府 2024年 R4 成立：行政复议·总计" in answer.answer


@pytest.mark.parametrize("question, value, formula", [
    pytest.param("洪泽区2024年新收申请减2023年的，是多少？", 74, "2024年 − 2023年 = 95 − 21 = 74", id="later-minus-earlier"),
    pytest.param("洪泽区2023年新收申请减去2024年的，是多少？", -74, "2023年 − 2024年 = 21 − 95 = -74",
                 id="earlier-minus-later"),
    pytest.param("2020年大宁县减芮城县，行政许可处理决定的差是多少？", -19704,
                 "大宁县人民政府 2020年 − 芮城县人民政府 2020年 = 1680 − 21384 = -19704", id="issuer-order-kept"),
])
def test_subtraction_keeps_the_order_named(assistant, question, value, formula):
    answer = ask(assistant, question)
    assert (answer.route, answer.value) == ("comparison", value)
    assert answer.formula.startswith(formula)


def test_a_fall_asked_as_a_fall_is_its_size(assistant):
    """Counts only: a percent change keeps its sign (下降了百分之几 → -32.61, 下降32.61%)."""
    # 本年增/减 of 芮城县 2020 行政处罚 is printed -453: "减了多少项" asks 453, said in words too
    answer = ask(assistant, "芮城县2020年行政处罚项目比上年减了多少项？")
    assert (answer.route, answer.value) == ("cell", 453)
    assert "本年增/减为-453项" in answer.answer and "即减少453项" in answer.answer
    # the column named ("本年增/减了多少") is read with its sign
    answer = ask(assistant, "芮城县2020年行政处罚本年增/减了多少项？")
    assert answer.value == -453


def test_a_bare_city_name_is_asked_back(assistant):
    answer = ask(assistant, "淮安2024年行政处罚多少件？")
    assert answer.route == "clarify" and answer.value is None
    assert "淮安市洪泽区" in answer.answer
    answer = ask(assistant, "淮安2024年行政处罚多少件？", "淮安市")
    assert answer.route == "cell" and answer.citations[0].issuer == "淮安市人民政府"


def test_a_share_of_the_rows_total_leaves_the_total_out_of_the_numerator(assistant):
    # 平潭 2024 行政复议: 结果纠正 1 of 总计 7 (the 总数 named is the denominator only)
    answer = ask(assistant, "平潭2024年行政复议中，被纠正的占复议总数的百分之几？")
    assert answer.route == "ratio" and answer.value == pytest.approx(14.2857, abs=0.001)
    assert "分子 1[1] = 1，分母 7[2] = 7" in answer.answer


def test_a_share_of_a_whole_named_first_sums_its_rows(assistant):
    # 淮安市 2024: 结转下年度 103 of (上年结转 34 + 本年新收 3119)
    answer = ask(assistant, "淮安市2024年上年结转和本年新收的申请当中，结转下年度继续办理的占比是多少？")
    assert answer.route == "ratio" and answer.value == pytest.approx(103 / 3153 * 100, abs=0.001)
    assert "分母 34[2] + 3119[3] = 3153" in answer.answer


def test_a_share_within_one_requester_column(assistant):
    # 安居区 2020 商业企业: 本机关不掌握 6 of 新收 7 (both in the 商业企业 column)
    answer = ask(assistant, "安居区2020年商业企业提交的申请中，因为本机关不掌握无法提供的占比是多少？")
    assert answer.route == "ratio" and answer.value == pytest.approx(600 / 7, abs=0.001)
    assert "（商业企业）" in answer.answer and "分子 6[1] = 6，分母 7[2] = 7" in answer.answer


def test_a_multiple_of_two_columns_of_one_row(assistant):
    # 平潭 2024 规范性文件: 本年废止 33 ÷ 本年制发 62
    answer = ask(assistant, "平潭2024年规范性文件废止件数是制发件数的几倍？")
    assert (answer.route, answer.unit) == ("ratio", "倍") and answer.value == pytest.approx(33 / 62, abs=1e-4)
    assert {c.cell_id for c in answer.citations} == {"active.normative_docs.repealed", "active.normative_docs.issued"}


def test_a_share_of_the_decided_cases_leaves_the_pending_out_of_the_whole(assistant):
    # 淮安市 2024 行政复议: 结果纠正 64 of 维持 72 + 纠正 64 + 其他 178 = 314 (尚未审结 37 left out)
    answer = ask(assistant, "淮安市2024年已审结的行政复议里（不算尚未审结的），结果纠正占多少？")
    assert answer.route == "ratio" and answer.value == pytest.approx(6400 / 314, abs=0.001)
    assert "= 314" in answer.answer


def test_text_count_with_carried_in_agrees_with_the_table(assistant):
    """平潭 2022's text says 收到申请75件; table 三 has 新收 74 + 上年结转 1: the same count, as
    `nianbao check` finds (no R7 finding), not a contradiction."""
    answer = ask(assistant, "平潭2022年报正文里说收到政府信息公开申请75件，和表三对得上吗？")
    assert "称 75，与三、收到和处理政府信息公开申请情况“本年新收·总计” 74[" in answer.answer
    assert "“上年结转·总计” 1[" in answer.answer and "= 75一致" in answer.answer
    assert "R7 不成立" not in answer.answer


def test_results_added_up_asks_r3_on_the_total_column(assistant):
    answer = ask(assistant, "平潭2024年的各项办理结果加起来等于总计吗？")
    assert "平潭综合实验区 2024年 R3 成立：办理结果总计·总计 218[" in answer.answer
    assert "予以公开·总计 71[" in answer.answer and "无法提供·本机关不掌握相关政府信息·总计 75[" in answer.answer
    assert "R1 成立" not in answer.answer and "·自然人" not in answer.answer


def test_the_templates_own_rule_is_shown_for_every_column_with_requests(assistant):
    answer = ask(assistant, "淮安市2024年表三，第一项加第二项是否等于第三项加第四项？每一列都看看")
    for line in ("本年新收·自然人 3001[", "本年新收·商业企业 53[", "本年新收·法律服务机构 61[", "本年新收·其他 4[",
                 "本年新收·总计 3119["):
        assert line in answer.answer
    assert "本年新收·科研机构" not in answer.answer   # a column of zeros is counted, not spelt out


def test_rows_total_against_requesters_r2(assistant):
    answer = ask(assistant, "安居区2020年表三每一行的总计，都等于自然人加各类法人或其他组织吗？")
    assert "遂宁市安居区人民政府 2020年 R2 成立：本年新收·总计 8[" in answer.answer
    assert "无法提供·本机关不掌握相关政府信息·总计 6[" in answer.answer
    assert "予以公开·总计 1[" in answer.answer and "不予处理" not in answer.answer


def test_a_column_without_a_row_is_asked_back_then_answered(assistant):
    conv = assistant.conversation()
    back = conv.ask("洪泽区2024年“结果维持”的有几件？")
    assert back.route == "clarify" and back.value is None
    assert back.choices == ("行政复议·结果维持", "行政诉讼·未经复议直接起诉·结果维持", "行政诉讼·复议后起诉·结果维持")
    answer = conv.ask(back.choices[2])
    assert answer.value == 2 and answer.citations[0].cell_id == "review.litigation_after_review.upheld"


def test_an_unanswered_question_back_is_asked_again(assistant):
    """'淮安' is the city or 洪泽区 under it; a next turn that names neither is no more settled."""
    conv = assistant.conversation()
    assert conv.ask("我在对照淮安的几份年报。").route == "clarify"
    again = conv.ask("行政强制决定有多少？")
    assert again.route == "clarify" and again.value is None and again.choices == ("淮安市", "淮安市洪泽区")


def test_percent_of_last_years_items_from_the_change_column(assistant):
    answer = ask(assistant, "芮城县2020年行政处罚事项本年增减了百分之几？")
    assert answer.value == pytest.approx(-26.63, abs=0.01)
    assert "分子 -453[" in answer.answer and "分母 1701[" in answer.answer


def test_a_slip_in_a_long_institution_name_is_read_as_meant(assistant):
    answer = ask(assistant, "彭阳县机关事物服务中心2020年本年新收的申请有几件？")
    assert answer.citations and answer.citations[0].issuer == "彭阳县机关事务服务中心"
    assert answer.citations[0].cell_id == "requests.new.total"


def test_two_things_asked_of_the_text_are_each_answered(assistant):
    """平潭 2021 states both, in different passages: 关停…政务新媒体2个 and 对29项…重要政策文件进行解读."""
    answer = ask(assistant, "平潭2021年关停了几个政务新媒体？又对多少项重要政策文件做了解读？")
    assert "先后关停未进行规范管理的政务新媒体2个" in answer.answer
    assert "对29项涉及群众切身利益" in answer.answer
    assert not answer.refused


def test_a_part_the_reports_do_not_answer_is_said_so(assistant):
    answer = ask(assistant, "平潭2021年关停了几个政务新媒体？又花了多少经费？")
    assert "先后关停未进行规范管理的政务新媒体2个" in answer.answer
    assert "关于“又花了多少经费”：" in answer.answer and "没有给出这个数字" in answer.answer


def test_the_contact_line_answers_a_phone_question(assistant):
    answer = ask(assistant, "力洋镇年报上留的咨询电话是多少？")
    assert "电话：0574—65101613" in answer.answer and answer.citations[0].section == "前言"


def test_no_contact_line_is_said_so(assistant):
    answer = ask(assistant, "平潭2024年报上留的联系电话是多少？")
    assert answer.refused and "没有印出联系电话或电子邮箱" in answer.answer


def test_which_departments_is_refused_when_no_passage_names_them(assistant):
    """淮安市 2024 gives 64 corrected reviews as a count only."""
    answer = ask(assistant, "淮安市2024年被纠正的那64件行政复议，分别是哪些部门的？")
    assert answer.refused and "没有列出涉及的部门或单位" in answer.answer


def test_pay_asked_of_the_text_needs_a_sum_of_money(assistant):
    answer = ask(assistant, "洪泽区负责政务公开的工作人员工资多少？")
    assert answer.refused and "没有以“元”计的相关数字" in answer.answer


def test_a_titled_programme_is_answered_from_the_text(assistant):
    answer = ask(assistant, "平潭2020年《问政平潭之有事你说》收到多少群众诉求？办结率多少？")
    assert "收到群众诉求348件" in answer.answer and "办结率100%" in answer.answer
    assert answer.route == "narrative"


def test_fee_asked_back_then_each_reading_answered(assistant):
    conv = assistant.conversation()
    back = conv.ask("淮安市2024年收了多少费？")
    assert back.route == "clarify" and len(back.choices) == 2
    assert conv.ask(back.choices[0]).value == pytest.approx(96171.6)
    conv = assistant.conversation()
    conv.ask("淮安市2024年收了多少费？")
    assert "信息处理费 3940 元" in conv.ask(back.choices[1]).answer


def test_english_pieces_of_information_disclosed(assistant):
    answer = ask(assistant, "How many pieces of government information did Anju District proactively disclose in 2020?")
    assert "全年主动公开政府信息11960条" in answer.answer


def test_a_bare_place_in_a_list_of_reports_is_that_report(assistant):
    """彭阳 beside four other 2020 reports is the one report from 彭阳 here (its 机关事务服务中心),
    not dropped: five reports, 彭阳's 0 cited."""
    answer = ask(assistant, "大宁、力洋镇、芮城、安居、彭阳这五份2020年报，行政处罚处理决定数量加起来多少？")
    assert answer.value == 1238 and answer.answer.startswith("5份报告")
    assert "彭阳县机关事务服务中心 2020年：0件[5]" in answer.answer


def test_a_listed_place_without_a_report_is_said_to_be_missing(assistant):
    answer = ask(assistant, "大宁县、彭阳县2020年新收申请各多少件？")
    assert "大宁县人民政府 2020年本年新收政府信息公开申请为0件[1]" in answer.answer
    assert "已收录的年报中没有“彭阳县”的报告，上面未计入" in answer.answer


@pytest.mark.parametrize("question, value, shown", [
    pytest.param("淮安市2024年新收申请中，不算商业企业的有多少件？", 3066,
                 "本年新收政府信息公开申请 3119[1] − 商业企业 53[2] = 3066件", id="new-minus-business"),
    pytest.param("淮安市2024年行政复议里，不含尚未审结的有几件？", 314, "行政复议 351[1] − 尚未审结 37[2] = 314件",
                 id="review-minus-pending"),
    pytest.param("淮安市2024年行政诉讼不算尚未审结的有几件？", 39,
                 "(26[1] + 20[2]) − 尚未审结 (1[3] + 6[4]) = 39件", id="both-litigation-rows-minus-pending"),
])
def test_a_total_minus_the_columns_left_out(assistant, question, value, shown):
    answer = ask(assistant, question)
    assert answer.value == value and shown in answer.answer
    assert "总计 − " in answer.understood


def test_the_count_asked_when_the_money_is_declined(assistant):
    answer = ask(assistant, "力洋镇2020年集中采购了多少个项目？只要项目数，不要金额")
    assert answer.value == 57 and answer.citations[0].cell_id == "active.procurement.items"


def test_which_way_and_by_how_much_keeps_the_sign_in_items(assistant):
    answer = ask(assistant, "安居区2020年行政事业性收费项目比上年是增了还是减了？变动多少项？")
    assert answer.value == -30 and answer.unit == "项" and "本年增/减为-30项" in answer.answer


def test_a_fall_asked_by_percentage_is_a_percent_change(assistant):
    answer = ask(assistant, "平潭行政许可决定数从2022年到2023年掉了多少，按百分比算")
    assert answer.unit == "%" and answer.value == pytest.approx(-75.41, abs=0.01)
    assert "(2629 − 10690) ÷ 10690 × 100%" in answer.answer


def test_a_continuity_check_shows_each_years_carry_chain(assistant):
    """平潭 2021 → 2022: 结转下年度 1 = 上年结转 1, with each year's carry in and out cited."""
    answer = ask(assistant, "平潭2021年结转到下一年的申请，和2022年报的上年结转接得上吗？")
    assert "R5 成立：2022年“上年结转·总计” 1[1] = 2021年“结转下年度继续办理·总计” 1[2]" in answer.answer
    assert "各年结转：2021年 上年结转 0[3] → 结转下年度继续办理 1[2]；2022年 上年结转 1[1] → 结转下年度继续办理 0[4]" \
        in answer.answer
    assert len(answer.citations) == 4


def test_a_rate_without_the_pending_leaves_them_out_of_its_denominator(assistant):
    # 淮安市 2024 纠错率 (结果纠正 / 行政复议总计 351) without 尚未审结 37: 64 / 314, the same
    # whole as the share of the decided cases above; the line says what was left out
    answer = ask(assistant, "淮安市2024年行政复议的纠错率是多少？不算尚未审结的那些")
    assert answer.route == "ratio" and answer.value == pytest.approx(6400 / 314, abs=0.001)
    assert "分母 72[2] + 64[1] + 178[3] = 314" in answer.answer and "不含尚未审结" in answer.understood


def test_a_year_left_out_is_not_read(assistant):
    # 平潭 新收 2021–2024: 70 + 74 + 81 + 218 (2020's 21 left out, as said)
    answer = ask(assistant, "平潭这几年一共新收了多少件信息公开申请？不算2020年，就2021到2024")
    assert (answer.route, answer.value) == ("aggregate", 443)
    assert {c.year for c in answer.citations} == {2021, 2022, 2023, 2024}


def test_which_year_is_more_and_by_how_much(assistant):
    # 洪泽区 行政事业性收费: 2023 7730.28万元, 2024 7545万元
    answer = ask(assistant, "洪泽的行政事业性收费，23年和24年哪年多？差多少万元")
    assert (answer.route, answer.value, answer.unit) == ("comparison", 185.28, "万元")
    assert "2023年更多，比2024年多185.28万元" in answer.answer


def test_an_exclusion_no_table_prints_is_asked_about_not_ignored(assistant):
    # 大宁县 2020 行政许可 1680 includes whatever was handled online: never given as if it did not
    answer = ask(assistant, "大宁县2020年行政许可处理决定多少，不算网上办理的")
    assert answer.route == "clarify" and answer.value is None and "“网上办理”" in answer.answer
    # its one choice is the question the printed figure answers
    answer = ask(assistant, "大宁县2020年行政许可处理决定多少，不算网上办理的", "大宁县2020年行政许可处理决定多少")
    assert (answer.route, answer.value) == ("cell", 1680)


def test_two_rows_of_one_report_are_compared(assistant):
    # 平潭 2024 表三: 予以公开 71, 部分公开 29 — "A比B少多少" is B − A, the formula in the order named
    answer = ask(assistant, "平潭2024年部分公开比予以公开少几件？")
    assert (answer.route, answer.value) == ("cell", 42)
    assert answer.formula == "部分公开 − 予以公开 = 29 − 71 = -42"
    assert "予以公开比部分公开多42件" in answer.answer and len(answer.citations) == 2
    # asked in turn, then "哪个多": 淮安市 2024 直接起诉 26, 复议后起诉 20
    answer = ask(assistant, "淮安市2024年未经复议直接起诉的行政诉讼几件", "复议后起诉的呢", "哪个多，多几件")
    assert (answer.route, answer.value) == ("cell", 6)
    assert {c.issuer for c in answer.citations} == {"淮安市人民政府"}


def test_a_year_counted_from_the_one_asked(assistant):
    # 平潭 行政复议: 2023 2, 2024 7
    answer = ask(assistant, "平潭2024年行政复议比去年多几件？")
    assert (answer.route, answer.value) == ("comparison", 5)
    answer = ask(assistant, "平潭2024年行政复议几件", "那去年呢")
    assert (answer.value, answer.citations[0].year) == (2, 2023)
    # 2021 template: no 本年增/减, so the change is two reports' decisions (2629 → 4529)
    answer = ask(assistant, "平潭2024年行政许可决定数量同比变化了百分之多少？")
    assert answer.value == pytest.approx(72.2708, abs=0.001)


def test_a_place_in_a_ranking_is_that_report(assistant):
    # 2024 新收: 淮安市 3119, 平潭 218, 洪泽区 95
    answer = ask(assistant, "2024年三份报告按新收申请从多到少排，排第二的是哪家？")
    assert (answer.route, answer.value) == ("aggregate", 218)
    assert "第二位是平潭综合实验区 2024年" in answer.answer


def test_a_2019_rows_items_this_year_are_last_years_plus_the_change(assistant):
    # 芮城县 2020 行政处罚: 上一年项目数量 1701, 本年增/减 -453
    answer = ask(assistant, "芮城县2020年行政处罚现在实际有多少项？")
    assert (answer.route, answer.value) == ("cell", 1248)
    assert "（1701[1] − 453[2]）" in answer.answer


def test_the_texts_result_figures_are_checked_against_table_three(assistant):
    # 平潭 2023 text: 予以公开及部分公开42件 (22 + 20), 不予公开5件, 无法提供31件
    answer = ask(assistant, "平潭2023年正文写的予以公开及部分公开42件、不予公开5件、无法提供31件，和表三一致吗？")
    assert answer.route == "audit" and "R7 不成立" not in answer.answer
    assert "“予以公开·总计” 22[" in answer.answer and "“部分公开·总计” 20[" in answer.answer and "= 42一致" in answer.answer
    # 淮安市 2024 text: 答复3050件, 上年度结转34件, 103件顺延到下年度
    answer = ask(assistant, "淮安市2024年正文说答复3050件、另有103件顺延到下年度，跟表格对得上吗？")
    assert "3050、103" in answer.answer and "“结转下年度继续办理·总计” 103[" in answer.answer


def test_the_kinds_of_one_group_are_ranked(assistant):
    # 淮安市 2024 不予公开: 行政查询事项 105, 其他法律行政法规禁止公开 31, 四类过程性信息 12, …
    answer = ask(assistant, "淮安市2024年不予公开的几个小类里，哪一类第二多？")
    assert (answer.route, answer.value) == ("cell", 31)
    assert "第二位是不予公开·其他法律行政法规禁止公开" in answer.answer and len(answer.citations) == 8


def test_a_year_before_bi_is_the_one_less_the_other(assistant):
    # 平潭 行政处罚决定: 2022 2113, 2024 1100 — "2022年…比两年后多出多少" is 2022 − 2024
    answer = ask(assistant, "平潭2022年的行政处罚决定数比两年后多出多少？")
    assert (answer.route, answer.value) == ("comparison", 1013)
    assert answer.formula.startswith("2022年 − 2024年 = 2113 − 1100 = 1013")


def test_an_amount_per_item_is_the_amount_over_the_count(assistant):
    # 大宁县 2020 政府集中采购: 采购总金额 19510 万元, 采购项目数量 62
    answer = ask(assistant, "大宁县2020年政府集中采购平均每个项目多少万元？")
    assert (answer.route, answer.unit) == ("ratio", "万元") and answer.value == pytest.approx(314.68, abs=0.01)
    assert "19510[1] ÷ 政府集中采购采购项目数量 62[2]" in answer.answer


def test_reports_counted_by_a_condition_are_named(assistant):
    answer = ask(assistant, "库里2020年度的报告中，有几份是全年一件新的政府信息公开申请都没收到的？")
    assert (answer.route, answer.value, answer.unit) == ("aggregate", 3, "份")
    assert "大宁县人民政府 2020年、彭阳县机关事务服务中心 2020年、芮城县人民政府 2020年" in answer.answer
    # every 2020 report's figure is cited, the counted and the others
    assert {c.issuer for c in answer.citations} == {"大宁县人民政府", "宁海县力洋镇人民政府", "平潭综合实验区",
                                                   "彭阳县机关事务服务中心", "芮城县人民政府", "遂宁市安居区人民政府"}


def test_two_columns_asked_each_are_answered_each(assistant):
    answer = ask(assistant, "淮安市2024年本年新收申请中自然人和商业企业分别多少件？")
    assert answer.value is None
    assert "（自然人）为3001件[1]" in answer.answer and "（商业企业）为53件[2]" in answer.answer
    assert [c.cell_id for c in answer.citations] == ["requests.new.natural_person", "requests.new.business"]



def test_which_rate_is_highest_gives_that_rate(assistant):
    answer = ask(assistant, "2024年哪家的公开率最高？")
    assert answer.value == pytest.approx(62.1053, abs=1e-3) and answer.unit == "%"
    assert "最高的是淮安市洪泽区人民政府 2024年，为62.11%" in answer.answer


def test_a_member_rows_share_is_of_that_row(assistant):
    # 复议后起诉 12 of its own 20, not of both kinds of 行政诉讼 (46)
    answer = ask(assistant, "淮安市2024年复议后起诉的行政诉讼，法院维持的比例是多少？")
    assert answer.value == pytest.approx(60.0) and answer.unit == "%"
    assert {c.cell_id for c in answer.citations} == {"review.litigation_after_review.upheld",
                                                     "review.litigation_after_review.total"}
