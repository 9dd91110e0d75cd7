"""assistant.qa.wording: each regular expression against questions as users ask them.

routing.interpret applies them to the normalised question (NFKC, Chinese numerals as digits,
traditional to simplified), so the table does too: a phrase is tested as interpret sees it.
A row says which pattern, the question, and whether the pattern must find something in it.
"""

from __future__ import annotations

import pytest

from assistant.domain.template import ACTIVE_ROWS
from assistant.domain.text import normalise_question
from assistant.qa import wording as w


def yes(name: str, question: str, tag: str, **kw):
    return pytest.param(name, question, True, id=f"{name.lower()}+{tag}", **kw)


def no(name: str, question: str, tag: str, **kw):
    return pytest.param(name, question, False, id=f"{name.lower()}-{tag}", **kw)


def said(question: str) -> str:
    """The question as the patterns see it."""
    return normalise_question(question)


CASES = [
    # --- audits ------------------------------------------------------------------------------
    yes("AUDIT", "洪泽区2023年的表三勾稽关系对得上吗？", "goujia"),
    yes("AUDIT", "行政复议的总计和各项加起来对不对？", "jiaqilai-duibudui"),
    yes("AUDIT", "平潭2024年的数据有没有错误？", "youmeiyou-cuowu"),
    yes("AUDIT", "本年新收加上年结转等于办理结果总计加结转下年度吗？", "dengyu-ma"),
    yes("AUDIT", "办理结果总计是否等于各项之和？", "shifou-dengyu"),
    yes("AUDIT", "表四本身平不平？", "pingbuping"),
    yes("AUDIT", "这几个数字能对上吗", "nengduishang"),
    yes("AUDIT", "2023年的结转下年和2024年的上年结转衔接得上吗", "xianjie"),
    yes("AUDIT", "洪泽区2023年行政复议总计算错了吗", "suancuo"),
    yes("AUDIT", "帮我核对一下平潭2022年的表三", "hedui"),
    no("AUDIT", "洪泽区2023年收到多少申请？", "cell"),
    no("AUDIT", "平潭2024年行政复议多少件？", "review-cell"),
    no("AUDIT", "大宁县2020年主动公开工作情况如何？", "narrative"),
    no("AUDIT", "芮城县2020年行政处罚比上年减少了多少项？", "change"),
    yes("WEAK_AUDIT", "我在核对平潭2023年的数据，予以公开是多少？", "hedui-then-number"),
    yes("WEAK_AUDIT", "校验一下洪泽区的表三", "jiaoyan"),
    yes("WEAK_AUDIT", "两年的数据一致吗", "yizhi"),
    no("WEAK_AUDIT", "平潭2023年予以公开是多少？", "plain"),
    yes("YES_NO", "表三平不平？", "pingbuping"),
    yes("YES_NO", "总计是否等于各项之和", "shifou"),
    yes("YES_NO", "能不能对上", "nengbuneng"),
    yes("YES_NO", "相不相等", "xiangbuxiang"),
    yes("YES_NO", "上年结转跟结转下年度是不是一致", "shibushi-no-mark"),
    yes("YES_NO", "两年的数一不一致", "yibuyizhi"),
    no("YES_NO", "列出各单位的新收申请", "listing-no-mark"),
    no("YES_NO", "平潭2023年收到多少申请", "number-no-mark"),
    yes("CONTINUITY", "平潭2022年和2023年两年衔接得上吗？", "xianjie"),
    yes("CONTINUITY", "前一年的结转下年度和今年的上年结转一样吗", "qianyinian-jiezhuan"),
    yes("CONTINUITY", "上一年度的结转下年度是多少", "shangyiniandu-jiezhuanxianian"),
    yes("CONTINUITY", "R5成立吗", "r5"),
    no("CONTINUITY", "平潭2023年上年结转多少件？", "carried-in-cell"),
    no("CONTINUITY", "结转下年度继续办理多少件？", "carried-out-cell"),
    yes("CARRIED_BOTH", "2023年的结转下年度和2024年的上年结转一样吗", "out-then-in"),
    yes("CARRIED_BOTH", "上年结转和结转下年对得上吗", "in-then-out"),
    no("CARRIED_BOTH", "上年结转多少件", "only-in"),
    yes("R1_WORDS", "本年新收加上年结转，等于办理结果总计加结转下年度吗", "r1-words"),
    yes("R1_WORDS", "洪泽区2023年第一项加第二项之和等于第三项加第四项之和吗？", "table-header-wording"),
    no("R1_WORDS", "平潭2023年上年结转多少件", "carried-in"),
    yes("TABLE_ITSELF", "正文说的和表三对得上吗？表三本身平不平？", "benshen"),
    yes("TABLE_ITSELF", "表内自己对得上吗", "biaonei"),
    no("TABLE_ITSELF", "表三平不平", "plain"),
    yes("NARRATIVE_VS_TABLE", "正文说的和表三对得上吗", "zhengwen"),
    yes("NARRATIVE_VS_TABLE", "报告里说收到21件，和表格一致吗", "baogao-lishuo"),
    yes("NARRATIVE_VS_TABLE", "文中提到的数字对不对", "wenzhong"),
    yes("NARRATIVE_VS_TABLE", "R7检查", "r7"),
    no("NARRATIVE_VS_TABLE", "表三平不平", "table-only"),
    yes("THIS_TABLE", "这张表对得上吗", "zhezhangbiao"),
    yes("THIS_TABLE", "该表有没有错误", "gaibiao"),
    yes("THIS_TABLE", "本表平不平", "benbiao"),
    no("THIS_TABLE", "表三对得上吗", "named-table"),

    # --- sums, averages, extremes, rankings ----------------------------------------------------
    yes("SUM", "平潭五年一共收到多少申请？", "yigong"),
    yes("SUM", "予以公开和部分公开合计多少？", "heji"),
    yes("SUM", "两年加起来多少？", "jiaqilai"),
    yes("SUM", "大宁县和芮城县的行政处罚决定数量之和", "zhihe"),
    yes("SUM", "累计收到多少申请", "leiji"),
    yes("SUM", "都算上是多少", "dousuanshang"),
    no("SUM", "平潭2023年予以公开多少件？", "cell"),
    no("SUM", "2024年比2023年多多少？", "difference"),
    yes("AVG", "平潭平均每年收到多少申请？", "pingjun"),
    yes("AVG", "年均多少件", "nianjun"),
    no("AVG", "平潭2023年收到多少申请？", "cell"),
    yes("MAX", "2020年哪个单位收到的申请最多？", "zuiduo"),
    yes("MAX", "哪家单位的行政复议多", "najia-duo"),
    yes("MAX", "排名第一的是谁", "paimingdiyi"),
    no("MAX", "平潭2023年收到多少申请？", "cell"),
    no("MAX", "哪个单位收到的申请最少？", "min-question"),
    yes("MIN", "哪个单位收到的申请最少？", "zuishao"),
    yes("MIN", "行政复议最低的是哪家", "zuidi"),
    no("MIN", "平潭2023年收到多少申请？", "cell"),
    yes("RANK", "各单位新收申请排名", "paiming"),
    yes("RANK", "按申请数从高到低排一下", "conggaodaodi"),
    yes("RANK", "依次列出各县的行政处罚", "yici"),
    no("RANK", "平潭2023年收到多少申请？", "cell"),
    yes("EACH", "各单位分别收到多少申请", "gedanwei"),
    yes("EACH", "历年的行政复议数", "linian"),
    yes("EACH", "列出所有报告", "liechu"),
    no("EACH", "平潭2023年收到多少申请？", "cell"),
    yes("EVERYONE", "哪些单位有行政诉讼", "naxie"),
    yes("EVERYONE", "每个单位的公开率", "meige"),
    no("EVERYONE", "平潭2023年收到多少申请？", "cell"),

    # --- differences, directions, changes ------------------------------------------------------
    yes("COMPARE", "2024年比2023年多多少", "bi-duoduoshao"),
    yes("COMPARE", "与上年相比有什么变化", "xiangbi"),
    yes("COMPARE", "对比一下大宁县和芮城县", "duibi"),
    yes("COMPARE", "两年相差几件", "xiangcha"),
    yes("COMPARE", "同比增长多少", "tongbi"),
    yes("COMPARE", "比去年少了吗", "biqunian"),
    yes("COMPARE", "较2022年有所增加", "jiao-zengjia"),
    no("COMPARE", "平潭2023年收到多少申请", "cell"),
    no("COMPARE", "予以公开多少件", "cell-granted"),
    yes("DIRECTED_COMPARE", "洪泽区比淮安市多多少", "bi-duo"),
    yes("DIRECTED_COMPARE", "比上年减了几件", "bi-jian"),
    yes("DIRECTED_COMPARE", "两年相差多少", "xiangcha"),
    no("DIRECTED_COMPARE", "我在做县域对比，一共多少件", "duibi-in-passing"),
    yes("DOWN", "比上年减少了多少万元？", "jianshao"),
    yes("DOWN", "比芮城县少多少", "shaoduoshao"),
    yes("DOWN", "少了几件", "shaole"),
    yes("DOWN", "下降了多少", "xiajiang"),
    yes("DOWN", "行政处罚减了几项", "jianle"),
    yes("DOWN", "本年减几项", "jianji"),
    no("DOWN", "增加了多少", "up"),
    no("DOWN", "本年增减多少", "zengjian"),
    no("DOWN", "本年增/减多少", "zeng-slash-jian"),
    no("DOWN", "收到多少申请", "duoshao"),
    yes("UP", "增加了多少？", "zengjia"),
    yes("UP", "比芮城县多多少", "duoduoshao"),
    yes("UP", "多了几件", "duole"),
    yes("UP", "增长了多少", "zengzhang"),
    yes("UP", "上升了多少", "shangsheng"),
    no("UP", "减少了多少", "jianshao"),
    no("UP", "少多少", "shaoduoshao"),
    no("UP", "收到多少申请", "duoshao"),
    yes("SIGNED", "2023减2022是多少", "year-minus-year"),
    yes("SIGNED", "二〇二三年减二〇二二年是多少", "chinese-years-minus"),
    yes("SIGNED", "两年的差额是多少", "chae"),
    yes("SIGNED", "予以公开减去部分公开", "jianqu"),
    no("SIGNED", "比上年减少了多少", "jianshao"),
    no("SIGNED", "本年增减情况", "zengjian"),
    yes("SUBTRACT", "2023年的减2022年的", "de-jian"),
    yes("SUBTRACT", "大宁县减芮城县是多少", "issuer-minus-issuer"),
    yes("SUBTRACT", "予以公开减去部分公开", "jianqu"),
    yes("SUBTRACT", "扣减重复申请后还有多少", "koujian"),
    no("SUBTRACT", "减少了多少", "jianshao"),
    no("SUBTRACT", "行政处罚减了几项", "jianle"),
    no("SUBTRACT", "本年增减", "zengjian"),
    no("SUBTRACT", "本年增/减", "zeng-slash-jian"),
    no("SUBTRACT", "核减了多少", "hejian"),
    no("SUBTRACT", "收费减免了多少", "jianmian"),
    no("SUBTRACT", "逐年递减吗", "dijian"),
    yes("CHANGE_WORDS", "大宁县2020年行政许可本年增减多少？", "zengjian"),
    yes("CHANGE_WORDS", "本年增/减是多少", "zeng-slash-jian"),
    yes("CHANGE_WORDS", "本年增加了几项", "bennianzeng"),
    no("CHANGE_WORDS", "比上年增加了多少", "zengjia"),
    no("CHANGE_WORDS", "减少了多少", "jianshao"),
    yes("CHANGE_ROW", "比上一年多多少", "shangyinian"),
    yes("CHANGE_ROW", "比去年少了多少", "qunian"),
    yes("CHANGE_ROW", "和上年相比", "shangnian"),
    no("CHANGE_ROW", "2024年比2023年多多少", "two-years-named"),
    yes("PERCENT_CHANGE", "增长了百分之多少", "zengzhang-baifenzhi"),
    yes("PERCENT_CHANGE", "下降了百分之几", "xiajiang-baifenzhiji"),
    yes("PERCENT_CHANGE", "减少了几成", "jicheng"),
    yes("PERCENT_CHANGE", "新收申请的增长率", "zengzhanglv"),
    yes("PERCENT_CHANGE", "增幅多大", "zengfu"),
    yes("PERCENT_CHANGE", "变化幅度是多少", "bianhuafudu"),
    yes("PERCENT_CHANGE", "百分之多少的增长", "baifenzhi-first"),
    no("PERCENT_CHANGE", "占办理结果总计的百分之多少", "share"),
    no("PERCENT_CHANGE", "予以公开的比例", "bili"),
    no("PERCENT_CHANGE", "是去年的几倍", "multiple"),
    no("PERCENT_CHANGE", "增加了多少件", "count-change"),
    yes("MULTIPLE", "是去年的几倍", "jibei"),
    yes("MULTIPLE", "处罚决定是许可决定的多少倍", "duoshaobei"),
    yes("MULTIPLE", "翻了一番吗", "fanle"),
    no("MULTIPLE", "增加了多少", "zengjia"),
    no("MULTIPLE", "占比多少", "zhanbi"),

    # --- shares and counts -----------------------------------------------------------------
    yes("SHARE", "予以公开的占比", "zhanbi"),
    yes("SHARE", "自然人申请的比例", "bili"),
    yes("SHARE", "占办理结果总计的多少", "zhan-duoshao"),
    yes("SHARE", "占几成", "zhanjicheng"),
    yes("SHARE", "平潭2023年的公开率是多少", "gongkailv"),
    no("SHARE", "收到多少申请", "count"),
    no("SHARE", "收费的税率", "shuilv"),
    yes("NUMBER_ASK", "收到多少申请", "duoshao"),
    yes("NUMBER_ASK", "有几件", "jijian"),
    yes("NUMBER_ASK", "行政复议总数", "zongshu"),
    yes("NUMBER_ASK", "公开率", "lv"),
    no("NUMBER_ASK", "政务公开平台建设情况如何？", "narrative"),
    no("NUMBER_ASK", "介绍一下洪泽区的依申请公开工作", "jieshao"),
    yes("ASKS", "共收到多少件申请、办结多少件？", "duoshao"),
    yes("ASKS", "有几家单位", "jijia"),
    no("ASKS", "情况如何", "narrative"),
    yes("NON_TABLE_COUNT", "平均几个工作日办结", "gongzuori"),
    yes("NON_TABLE_COUNT", "答复用了多少天", "tian"),
    yes("NON_TABLE_COUNT", "有几名工作人员", "ming"),
    yes("NON_TABLE_COUNT", "开展培训多少次", "ci"),
    yes("NON_TABLE_COUNT", "发布解读多少篇", "pian"),
    no("NON_TABLE_COUNT", "收到多少件申请", "jian"),
    no("NON_TABLE_COUNT", "不予公开有几项", "xiang"),
    no("NON_TABLE_COUNT", "几家单位", "jia"),
    no("NON_TABLE_COUNT", "收费多少万元", "wanyuan"),
    yes("COUNT_ASK", "有几个人负责", "geren"),
    yes("COUNT_ASK", "平均答复时间是多少天", "tian"),
    no("COUNT_ASK", "做了哪些工作", "narrative"),
    yes("ITEM", "第三项“其他”是多少件？", "disanxiang"),
    yes("ITEM", "第2个是多少", "digit"),
    yes("ITEM", "第一个是多少", "diyige"),
    yes("ITEM", "其他处理的第二种是多少件", "dierzhong"),
    yes("ITEM", "不予公开的第三行是多少", "disanhang"),
    no("ITEM", "第二十条第（五）项的行政许可", "article-and-paren-item"),
    no("ITEM", "平潭2023年收到多少申请", "cell"),

    # --- what the question leaves out or asks about -------------------------------------------
    yes("NOT_IN_TABLES", "申请人的男女比例", "nannv"),
    yes("NOT_IN_TABLES", "男性申请人多少", "nanxing"),
    yes("NOT_IN_TABLES", "申请人年龄分布", "nianling"),
    yes("NOT_IN_TABLES", "哪个省的申请人最多", "nagesheng"),
    no("NOT_IN_TABLES", "自然人申请多少件", "natural-person"),
    no("NOT_IN_TABLES", "商业企业申请多少", "business"),
    no("NOT_IN_TABLES", "某市民族宗教事务委员会2023年收到多少申请？", "minzu-in-issuer-name"),
    yes("NOT_IN_TABLES", "申请的人里面男的女的各多少", "nande-nvde"),
    yes("PERSONAL", "那7件企业申请分别是哪几家公司提的", "which-companies"),
    no("PERSONAL", "哪家单位收到的申请最多", "which-issuer"),
    yes("PERSONAL", "申请人的姓名是什么", "xingming"),
    yes("PERSONAL", "申请人名单", "mingdan"),
    yes("PERSONAL", "申请人都是谁", "doushishui"),
    yes("PERSONAL", "申请人的身份证号", "shenfenzheng"),
    yes("PERSONAL", "领导小组组长的手机号码是多少", "shouji"),
    yes("PERSONAL", "经办人的私人微信", "siren"),
    no("PERSONAL", "政府信息公开咨询电话是多少", "office-phone"),
    no("PERSONAL", "收到多少申请", "count"),
    yes("WHATEVER", "行政诉讼（不管有没有先复议）", "buguan-youmeiyou"),
    yes("WHATEVER", "无论是否经过复议", "wulun-shifou"),
    no("WHATEVER", "复议后起诉的有几起", "plain"),
    yes("WHICH_MORE", "安居区和芮城县谁多？差多少？", "shei-duo"),
    yes("WHICH_MORE", "哪年行政强制决定多，多多少", "na-nian-duo"),
    yes("WHICH_MORE", "23年和24年哪年多？差多少万元", "na-nian-duo-then-question"),
    yes("MAX", "两年的公开率哪年高", "na-nian-gao"),
    yes("MIN", "洪泽区哪年行政处罚少一些", "na-nian-shao"),
    no("MAX", "哪年的报告提到了培训", "na-nian-no-amount"),
    no("WHICH_MORE", "2024年比2023年增加了多少", "plain-change"),
    yes("POSITION", "数据那一行最后1个数是多少", "zui-hou"),
    yes("POSITION", "第3列是多少", "di-san-lie"),
    no("POSITION", "第3项是多少", "item-is-no-position"),
    yes("EXAMPLES", "企业、律所这些法人或者其他组织", "zhexie"),
    no("EXAMPLES", "法人或其他组织里的“其他”", "no-examples"),
    yes("QUANTITY_ASK", "门户网站的访问量是多少", "fangwenliang"),
    no("QUANTITY_ASK", "收到多少件申请", "count"),
    yes("BECAUSE", "有多少件申请是因为信息不归本机关掌握", "yinwei"),
    no("BECAUSE", "收到多少件申请", "no-reason"),
    yes("MONEY_ASK", "一共投入了多少经费", "jingfei"),
    yes("MONEY_ASK", "信息处理费收了多少钱", "qian"),
    no("MONEY_ASK", "收到多少件申请", "count"),
    yes("REPORT_YEAR", "平潭2024年报说", "nianbao"),
    yes("REPORT_YEAR", "2023年度报告里", "niandu-baogao"),
    no("REPORT_YEAR", "2023年行政许可多少", "plain-year"),
    yes("REQUESTER", "“其他”类申请人提交了几件", "shenqingren"),
    no("REQUESTER", "申请表里“其他”那一项", "bare-qita"),
    yes("WHOLE_FIRST", "企业提交的申请中，无法提供的比例", "zhong"),
    yes("WHOLE_FIRST", "新收加上年结转的申请里，有百分之多少结转", "li"),
    no("WHOLE_FIRST", "予以公开的申请有多少件", "no-share"),
    no("PERSONAL", "自然人申请多少件", "natural-person"),
    yes("OUT_OF_SCOPE", "今天天气怎么样", "tianqi"),
    yes("OUT_OF_SCOPE", "推荐一支股票", "gupiao"),
    yes("OUT_OF_SCOPE", "写一首诗", "xieshi"),
    yes("OUT_OF_SCOPE", "讲个笑话", "xiaohua"),
    no("OUT_OF_SCOPE", "平潭2023年收到多少申请", "cell"),
    no("OUT_OF_SCOPE", "政府网站建设情况如何", "narrative"),
    yes("AVAILABLE", "有没有平潭2022年的年报？", "youmeiyou-nianbao"),
    yes("AVAILABLE", "平潭2022年的报告有吗？", "baogao-youma"),
    yes("AVAILABLE", "收录了洪泽区的年报吗", "shoulu"),
    yes("AVAILABLE", "能查到淮安市2024年报告吗", "nengchadao"),
    no("AVAILABLE", "洪泽区2023年报告里收到多少申请？", "cell-in-report"),
    no("AVAILABLE", "2023年有没有收费", "youmeiyou-shoufei"),
    yes("NARRATIVE_ASK", "政务公开平台建设情况如何？", "qingkuangruhe"),
    yes("NARRATIVE_ASK", "采取了什么措施", "cuoshi"),
    yes("NARRATIVE_ASK", "做了哪些工作", "zuolenaxie"),
    yes("NARRATIVE_ASK", "介绍一下洪泽区的依申请公开工作", "jieshao"),
    no("NARRATIVE_ASK", "平潭2023年收到多少申请", "cell"),
    yes("WHY", "为什么没有收费", "weishenme"),
    yes("WHY", "行政复议为何增加", "weihe"),
    yes("WHY", "是什么原因", "shenmeyuanyin"),
    no("WHY", "下降了多少", "number"),
    yes("AS_PRINTED", "按原文是多少", "yuanwen"),
    yes("AS_PRINTED", "报告上印的是多少", "yinde"),
    yes("AS_PRINTED", "更正前的数字", "gengzhengqian"),
    yes("AS_PRINTED", "the value as printed", "english"),
    no("AS_PRINTED", "平潭2023年收到多少申请", "cell"),

    # --- dialogue: follow-ups, context, places -----------------------------------------------
    yes("FOLLOW_UP", "那芮城县呢？", "na"),
    yes("FOLLOW_UP", "那么2024年呢", "name"),
    yes("FOLLOW_UP", "换成洪泽区", "huancheng"),
    yes("FOLLOW_UP", "其中予以公开的呢", "qizhong"),
    yes("FOLLOW_UP", "这份报告的行政诉讼", "zhefen"),
    no("FOLLOW_UP", "平潭2024年呢", "issuer-first"),
    no("FOLLOW_UP", "洪泽区2023年收到多少申请", "full-question"),
    yes("CONTEXT_SET", "两年加起来多少", "liangnian"),
    yes("CONTEXT_SET", "这些年的行政复议", "zhexienian"),
    yes("CONTEXT_SET", "两者相差多少", "liangzhe"),
    yes("CONTEXT_SET", "两年衔接得上吗", "xianjie"),
    no("CONTEXT_SET", "平潭2023年收到多少申请", "cell"),
    yes("CONTEXT_SET", "两份报告相差多少", "liangfen"),
    yes("VAGUE_PLACE", "区里收到多少申请", "quli"),
    yes("VAGUE_PLACE", "县政府2020年收到多少申请？", "xianzhengfu-first"),
    yes("VAGUE_PLACE", "2023年区里收到多少申请", "year-then-quli"),
    yes("VAGUE_PLACE", "县的申请有多少", "xian-de"),
    yes("VAGUE_PLACE", "市级部门", "shiji"),
    no("VAGUE_PLACE", "洪泽区2023年收到多少申请", "named-district"),
    no("VAGUE_PLACE", "大宁县政府2020年", "named-county-government"),
    yes("VAGUE_PLACE", "2020年县政府那份报告里行政许可处理决定是多少？", "year-then-xianzhengfu"),
    no("VAGUE_PLACE", "2020年大宁县政府那份报告", "year-then-named-county"),
    yes("RECENT", "近三年收到多少申请", "jinsannian"),
    yes("RECENT", "最近两年", "zuijinliangnian"),
    yes("RECENT", "过去5年", "guoqu-digit"),
    no("RECENT", "2023年", "year"),
    no("RECENT", "三年加起来", "sannian-no-jin"),
]


@pytest.mark.parametrize("name, question, matches", CASES)
def test_pattern(name, question, matches):
    assert bool(getattr(w, name).search(said(question))) is matches


@pytest.mark.parametrize("question, negated", [
    pytest.param("除了自然人以外，法人或其他组织提了多少申请？", ["自然人"], id="chule-yiwai"),
    pytest.param("平潭2023年不算上年结转的，本年新收申请多少件？", ["上年结转"], id="busuan-de"),
    pytest.param("不含尚未审结的，行政复议多少件？", ["尚未审结"], id="buhan"),
    pytest.param("不是行政复议，是行政诉讼", ["行政复议"], id="bushi"),
    pytest.param("2020年不包括大宁县", ["大宁县"], id="bubaokuo-end"),
    pytest.param("除去商业企业之外的申请", ["商业企业"], id="chuqu-zhiwai"),
    pytest.param("不算大宁县和芮城县，一共收到多少申请？", ["大宁县和芮城县"], id="two-with-he"),
    pytest.param("是不是行政复议", [], id="shibushi-is-a-question"),
    pytest.param("不予公开多少件", [], id="buyu-gongkai-is-a-row"),
])
def test_negation_names_what_is_left_out(question, negated):
    assert [m.group(1) for m in w.NEGATION.finditer(said(question))] == negated


@pytest.mark.parametrize("question, left_out", [
    pytest.param("平潭2023年除了自然人、商业企业以外的申请有多少件？", "商业企业", id="columns-dunhao"),
    pytest.param("2020年不算大宁县、芮城县，一共收到多少申请？", "芮城县", id="issuers-dunhao"),
])
def test_negation_covers_a_list(question, left_out):
    assert any(left_out in m.group(1) for m in w.NEGATION.finditer(said(question)))


@pytest.mark.parametrize("question, unit, noun", [
    pytest.param("有几个人负责", "个", "人负", id="geren"),
    pytest.param("平均答复时间是多少天", "天", "", id="tian"),
    pytest.param("多少个编制", "个", "编制", id="bianzhi"),
    pytest.param("收费多少万元", "万元", "", id="wanyuan"),
])
def test_count_ask_groups(question, unit, noun):
    """The unit asked and up to two characters after it (routing keeps them as the noun)."""
    assert w.COUNT_ASK.search(said(question)).groups() == (unit, noun)


@pytest.mark.parametrize("question, count", [
    pytest.param("近三年收到多少申请", 3, id="jinsannian"),
    pytest.param("最近两年", 2, id="liang"),
    pytest.param("过去五年", 5, id="wu"),
    pytest.param("近5年", 5, id="digit"),
    pytest.param("近十年", 10, id="shi"),
])
def test_recent_years_count(question, count):
    """RECENT's group, read the way routing reads it (digits or COUNT_WORDS)."""
    group = w.RECENT.search(said(question)).group(1)
    assert (int(group) if group.isdigit() else w.COUNT_WORDS[group]) == count


@pytest.mark.parametrize("question, number", [
    pytest.param("其他处理分了三项，第三项“其他”是多少件？", "3", id="disanxiang"),
    pytest.param("不予公开的第八项", "8", id="dibaxiang"),
])
def test_item_number(question, number):
    assert w.ITEM.search(said(question)).group(1) == number


@pytest.mark.parametrize("question, level", [
    pytest.param("区里收到多少申请", "区", id="quli"),
    pytest.param("县政府那份报告", "县", id="xianzhengfu"),
    pytest.param("2023年区里收到多少申请", "区", id="year-quli"),
    pytest.param("镇的申请有几件", "镇", id="zhen-de"),
])
def test_vague_place_level(question, level):
    """The level is whichever group matched; routing takes the first that is set."""
    m = w.VAGUE_PLACE.search(said(question))
    assert next(g for g in m.groups() if g) == level


@pytest.mark.parametrize("question, tables", [
    pytest.param("表三对得上吗", ["requests"], id="biaosan"),
    pytest.param("表 四平不平", ["review"], id="biao-space-si"),
    pytest.param("主动公开那张表对得上吗", ["active"], id="zhudong-table"),
    pytest.param("依申请公开那张表有没有错误", ["requests"], id="yishenqing"),
    pytest.param("复议、诉讼那张表对得上吗", ["review"], id="fuyi-susong"),
    pytest.param("表二和表三都对得上吗", ["active", "requests"], id="two-tables"),
    pytest.param("数据对得上吗", [], id="no-table"),
])
def test_audit_tables(question, tables):
    assert [t for t, pattern in w.AUDIT_TABLES if pattern.search(said(question))] == tables


@pytest.mark.parametrize("question, rest", [
    pytest.param("那2024年呢？", "", id="year-only"),
    pytest.param("还有吗", "", id="haiyouma"),
    pytest.param("芮城县呢", "芮城县", id="issuer-kept"),
    pytest.param("行政处罚呢？", "行政处罚", id="row-kept"),
])
def test_filler_strips_to_what_the_turn_adds(question, rest):
    assert w.FILLER.sub("", said(question)) == rest


def test_active_column_order_lists_every_table_two_column():
    """routing picks min(cols, key=ACTIVE_COLUMN_ORDER.index): a column missing here would raise."""
    columns = {c.id for r in ACTIVE_ROWS for c in r.columns}
    assert set(w.ACTIVE_COLUMN_ORDER) == columns
    assert len(w.ACTIVE_COLUMN_ORDER) == len(columns)


def test_count_words():
    assert w.COUNT_WORDS["两"] == w.COUNT_WORDS["二"] == 2 and w.COUNT_WORDS["十"] == 10
    assert all(w.COUNT_WORDS[k] == v for k, v in w.CONTEXT_COUNT.items())


@pytest.mark.parametrize("question, years", [
    pytest.param("平潭二二年和二三年新收申请各多少", [2022, 2023], id="cn-digit-short-years"),
    pytest.param("近二三年平潭新收申请多少", [], id="about-two-or-three-years-is-no-year"),
    pytest.param("我在写2025年的年报，想看平潭2024年新收申请", [2024], id="the-askers-own-report-year"),
])
def test_years_read(question, years):
    from assistant.qa.routing import interpret
    from tests.qa.support import CATALOGUE, LEXICON
    got = interpret(question, LEXICON, CATALOGUE)
    assert sorted(got.years) == years, got.to_json()
