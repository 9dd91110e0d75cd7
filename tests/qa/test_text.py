"""assistant.domain.text: one-for-one character folding and question normalisation."""

from __future__ import annotations

import pytest

from assistant.domain.text import normalise_chars, normalise_question


@pytest.mark.parametrize("raw", [
    pytest.param("⼀、总体情况", id="len-kangxi-heading"),
    pytest.param("⼈⺠政府", id="len-radicals"),
    pytest.param("２０２３年ＡＢＣ", id="len-fullwidth"),
    pytest.param("洪澤區人民政府資訊公開", id="len-traditional"),
    pytest.param("a\u00a0b\u3000c\u2002d\u200be\ufeff", id="len-spaces"),
    pytest.param("（一）主动公开：规章", id="len-cjk-punct"),
    pytest.param("2022～2024年—", id="len-dashes"),
    pytest.param("臺灣資訊", id="len-regional"),
    pytest.param("", id="len-empty"),
    pytest.param("百分之三十，十二件，二〇二三年", id="len-numerals-untouched"),
])
def test_normalise_chars_keeps_length(raw):
    assert len(normalise_chars(raw)) == len(raw)


@pytest.mark.parametrize("raw, expected", [
    pytest.param("⼀", "一", id="kangxi-one"),
    pytest.param("⼈", "人", id="kangxi-person"),
    pytest.param("⺠", "民", id="radical-min"),
    pytest.param("⻓", "长", id="radical-chang"),
    pytest.param("⻔", "门", id="radical-men"),
    pytest.param("⼈⺠政府", "人民政府", id="renmin-zhengfu"),
    pytest.param("⼆〇⼆三年", "二〇二三年", id="kangxi-year-words"),
    pytest.param("⽂件", "文件", id="kangxi-wen"),
    pytest.param("⻋⻢⻥", "车马鱼", id="radicals-che-ma-yu"),
    pytest.param("２０２３", "2023", id="fullwidth-digits"),
    pytest.param("ＡＢ", "AB", id="fullwidth-upper"),
    pytest.param("ａｂｃ", "abc", id="fullwidth-lower"),
    pytest.param("２０２３ＡＢ", "2023AB", id="fullwidth-mixed"),
    pytest.param("％", "%", id="fullwidth-percent"),
    pytest.param("（）：，。？", "（）：，。？", id="cjk-punct-kept"),
    pytest.param("；！、“”《》【】", "；！、“”《》【】", id="more-cjk-punct-kept"),
    pytest.param("a\u00a0b", "a b", id="nbsp"),
    pytest.param("a\u3000b", "a b", id="ideographic-space"),
    pytest.param("\u2002x\u2003y\u2009z", " x y z", id="en-em-thin-space"),
    pytest.param("洪澤區", "洪泽区", id="trad-hongze"),
    pytest.param("依申請公開", "依申请公开", id="trad-request"),
    pytest.param("行政複議", "行政复议", id="trad-review"),
    pytest.param("訴訟", "诉讼", id="trad-litigation"),
    pytest.param("一、总体情况", "一、总体情况", id="heading-untouched"),
    pytest.param("三安全一稳定", "三安全一稳定", id="sanquan-untouched"),
    pytest.param("哪一个", "哪一个", id="nayige-untouched"),
    pytest.param("二〇二三年十二件", "二〇二三年十二件", id="numerals-untouched"),
    pytest.param("百分之三十", "百分之三十", id="percent-words-untouched"),
    pytest.param("政府资讯", "政府资讯", id="regional-word-untouched-in-chars"),
    pytest.param("2023年收到多少申请？", "2023年收到多少申请？", id="plain-untouched"),
])
def test_normalise_chars(raw, expected):
    assert normalise_chars(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    # character folding carries over
    pytest.param("⼈⺠政府", "人民政府", id="q-radicals"),
    pytest.param("淮安市洪澤區２０２３年收到多少申請？", "淮安市洪泽区2023年收到多少申请？", id="q-trad-fullwidth"),
    pytest.param("  平潭\u3000 2023年  ", "平潭 2023年", id="q-spaces-collapsed-stripped"),
    # years in Chinese numerals
    pytest.param("二〇二三年", "2023年", id="year-ling-circle"),
    pytest.param("二零二四年", "2024年", id="year-ling"),
    pytest.param("二○二三年", "2023年", id="year-white-circle"),
    pytest.param("二〇二三年度", "2023年度", id="year-niandu"),
    pytest.param("⼆〇⼆三年", "2023年", id="year-kangxi"),
    pytest.param("二〇二三年和二〇二四年", "2023年和2024年", id="two-years-he"),
    pytest.param("二〇二四年比二〇二三年", "2024年比2023年", id="year-vs-year"),
    pytest.param("二〇二三、二〇二四年", "2023、2024年", id="years-dunhao"),
    pytest.param("二〇二三到二〇二四年", "2023到2024年", id="range-dao"),
    pytest.param("二〇二三年至二〇二四年", "2023年至2024年", id="range-zhi"),
    pytest.param("二〇二二—二〇二四年", "2022—2024年", id="range-dash"),
    pytest.param("二〇二三至二〇二四", "2023至2024", id="range-without-nian"),
    pytest.param("平潭 二〇二二 行政许可", "平潭 2022 行政许可", id="year-with-ling-needs-no-nian"),
    pytest.param("二〇二四行政处罚", "2024行政处罚", id="year-with-ling-before-words"),
    pytest.param("第二〇〇一号", "第二〇〇一号", id="ordinal-with-ling-is-no-year"),
    pytest.param("两千零二十三年", "2023年", id="year-cardinal-words"),
    pytest.param("二千零二十四年的报告", "2024年的报告", id="year-cardinal-er-qian"),
    # dashes
    pytest.param("2022～2024年", "2022—2024年", id="dash-fullwidth-tilde"),
    pytest.param("2022~2024", "2022—2024", id="dash-tilde"),
    pytest.param("2022–2024", "2022—2024", id="dash-en"),
    pytest.param("2023‐2024", "2023—2024", id="dash-hyphen-u2010"),
    pytest.param("2023―2024", "2023—2024", id="dash-horizontal-bar"),
    pytest.param("2023年——2024年", "2023年—2024年", id="dash-double-emdash"),
    pytest.param("2023年〜2024年", "2023年—2024年", id="dash-wave"),
    pytest.param("2022－2024年", "2022—2024年", id="dash-fullwidth-hyphen"),
    pytest.param("2022年-2024年", "2022年—2024年", id="dash-ascii-between-years"),
    pytest.param("电话0591-2345", "电话0591-2345", id="hyphen-not-between-years"),
    # counts, ordinals, percentages
    pytest.param("十二件", "12件", id="count-shier-jian"),
    pytest.param("第三项", "第3项", id="ordinal-di-san-xiang"),
    pytest.param("三件", "3件", id="count-san"),
    pytest.param("两件", "2件", id="count-liang"),
    pytest.param("一百零五个申请", "105个申请", id="count-105"),
    pytest.param("十家", "10家", id="count-jia"),
    pytest.param("两倍", "2倍", id="count-bei"),
    pytest.param("第十二条", "第12条", id="ordinal-article"),
    pytest.param("2023年收到十二件申请", "2023年收到12件申请", id="count-in-sentence"),
    pytest.param("百分之三十", "30%", id="percent-30"),
    pytest.param("百分之三十五", "35%", id="percent-35"),
    pytest.param("百分之十二点五", "12.5%", id="percent-decimal"),
    pytest.param("百分之零点五", "0.5%", id="percent-half"),
    pytest.param("百分之百", "100%", id="percent-hundred"),
    pytest.param("三四件", "三四件", id="approximate-count-kept"),
    pytest.param("三十四件", "34件", id="count-thirty-four"),
    # words that must stay
    pytest.param("三安全一稳定", "三安全一稳定", id="keep-sanquan"),
    pytest.param("一、总体情况", "一、总体情况", id="keep-heading"),
    pytest.param("哪一个", "哪一个", id="keep-nayige"),
    pytest.param("哪一个单位", "哪一个单位", id="keep-nayige-danwei"),
    pytest.param("每一件", "每一件", id="keep-meiyijian"),
    pytest.param("同一件", "同一件", id="keep-tongyijian"),
    pytest.param("上一个", "上一个", id="keep-shangyige"),
    pytest.param("两年", "两年", id="keep-liangnian"),
    pytest.param("百分之多少", "百分之多少", id="keep-percent-question"),
    pytest.param("几倍", "几倍", id="keep-jibei"),
    pytest.param("十二月", "十二月", id="keep-month"),
    pytest.param("（一）", "（一）", id="keep-paren-ordinal"),
    # regional vocabulary
    pytest.param("资讯", "信息", id="regional-zixun"),
    pytest.param("政府資訊公開", "政府信息公开", id="regional-trad-zixun"),
    pytest.param("诉愿", "复议", id="regional-suyuan"),
    pytest.param("行政覆議", "行政复议", id="regional-fuyi-tw"),
    # everyday spellings of the template's words
    pytest.param("逾期没交费的", "逾期未缴费的", id="everyday-mei-jiaofei"),
    pytest.param("没有补正材料", "未补正材料", id="everyday-meiyou-buzheng"),
    pytest.param("交纳费用", "缴纳费用", id="everyday-jiaona"),
    pytest.param("法人或者其他组织", "法人或其他组织", id="everyday-huozhe"),
    pytest.param("有没有收费", "有没有收费", id="keep-youmeiyou"),
    pytest.param("没收违法所得", "没收违法所得", id="keep-moshou"),
])
def test_normalise_question(raw, expected):
    assert normalise_question(raw) == expected


@pytest.mark.parametrize("raw", [
    pytest.param(None, id="none"),
    pytest.param("", id="empty"),
    pytest.param("   ", id="blank"),
])
def test_normalise_question_empty(raw):
    assert normalise_question(raw) == ""
