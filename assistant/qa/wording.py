"""How questions say things: the wording the rules recognise, as regular expressions.

Data for ``routing.interpret`` (which decides what the question means); one name per kind of
wording, with the examples it is for. The metric and column names are in lexicon.json.
"""

from __future__ import annotations

import re

AUDIT = re.compile(r"勾稽|对得上|对不上|加起来对|一致|有没有错|有无错误|错误|矛盾|核对|校验|逻辑关系|数据问题|算错|平衡|自洽|"
                   r"衔接|相符|吻合|对不对|等于[^，。？]{0,24}吗|是否(?:都|均|全部?)?等于|等不等于|相不相等|是否相等|能对上|对上吗|平不平|"
                   r"加得上|合得上|对得上不|对不对得上|是否平衡|加得对|算得对|加对了|算对了|加得准|数字对吗|数对吗|"
                   r"是不是(?:都|均)?等于|是不是相等|是不是一致|是不是对得上|接上了吗|接得上|接上吗|能接上|接不上|接上|这么填|这样填|一样吗|相同吗|"
                   r"符合吗|是不是也是|也是这个(?:数|数字)?吗|也是这个数|同一个数|核验|核查|复核|"
                   r"(?:加总|合计|加和|求和|相加|汇总|总计|小计)[^，。？]{0,6}?(?:是否|对不对|有没有)?(?:正确|准确|无误|有误|出错)|"
                   r"(?:加总|合计|总计|小计|总数|加起来)[^，。？]{0,4}?(?:都|全|也)?对吗")
# "我在核对…，…是多少？": 核对 says what the user is doing; the question asks for a number.
WEAK_AUDIT = re.compile(r"核对|校验|核验|核查|复核|一致|平衡|错误")
# (A-not-A: 是不是, 对不对, 等不等, 一不一致, with no question mark typed)
YES_NO = re.compile(r"吗|是否|对得上|对不上|有没有|([\u4e00-\u9fff])不\1|一不一致|(?:一致|相符|吻合|对|平|准)不[？?。]?$|[？?]$")
SUM = re.compile(r"合计|总共|一共|共计|共有|加上|合起来|合在一起|加一块|汇总|"
                 r"之和|加起来|加在一起|加一起|加到一起|算在一起|都算上|总和|累计|加总|总量")
AVG = re.compile(r"平均|年均|均值|均数")
# "减少了多少万元", "少多少": the size of a fall; "增加了多少", "多多少": of a rise.
DOWN = re.compile(r"减少|下降|降低|少了|少多少|少几|低了|低多少|低几|回落|下滑|减了|(?<![增/])减[几多]")
UP = re.compile(r"增加|增长|提高|多了|多多少|多几|高了|高多少|高几|高出|上升|上涨")
SIGNED = re.compile(r"\d{2,4}\s*年?\s*减\s*\d{2,4}|差额|差值|正负|减去|"
                    # "是增了还是减了": which way is asked, so the sign is the answer
                    r"增[^，。？]{0,3}还是[^，。？]{0,2}[减少降]|[减少降][^，。？]{0,3}还是[^，。？]{0,2}[增多升]|是增是减|"
                    r"多还是少|少还是多|高还是低|低还是高")
# "A减去B", "大宁县减芮城县", "2023年的减2022年的": one named thing minus the other, in that order.
SUBTRACT = re.compile(r"减去|扣减|(?<=[\u4e00-\u9fff\d的])(?<![增加/缩递核])减(?![少了免半轻])")
# Breakdowns the standard tables do not have: answered with a refusal, never with a total.
# (民族 not in a body's name: 民族宗教事务委员会, 民族乡)
# (a city's or county's report counts its own figures: "按各个县区分别是多少件" is no column either)
NOT_IN_TABLES = re.compile(r"男女|男的|女的|性别|男性|女性|年龄|学历|职业|民族(?![宗事委乡区])|籍贯|哪个省|户籍|"
                           r"(?:哪个|哪些|哪一个|什么)项目|项目名称|中标|"
                           r"按(?:各个?|每个|下辖|下属|所属)?(?:县区|区县|县市区|乡镇|街道|部门|单位)(?:分别|分|统计|来分|拆)|"
                           r"(?:各个?|每个|下辖|下属)(?:县区|区县|县市区|乡镇|街道)(?:各|分别)")
# "通过邮寄和网上提交的申请各有多少件": requests counted by how they were filed (the tables do not)
CHANNEL = re.compile(r"(?:邮寄|信函|网上|网络|在线|当面|现场|传真|电子邮件|电邮|来信|来访)(?:方式|渠道)?"
                     r"(?:[和、与及或]|以及)?[^，。？]{0,6}?(?:提交|提出|递交|寄来|的申请|申请(?!平台|系统|渠道|表|人|公开))")
# "有多少件是关于征地拆迁的", "涉及房屋征收的有多少件": requests counted by their subject (group 1)
TOPIC = re.compile(r"(?:关于|涉及到?|有关)([\u4e00-\u9fff]{2,10}?)(?:方面|领域|问题|事项|类)?的")
# ("哪家？多少件": which one and how many, not the most; 多少's 少 is not the least)
MAX = re.compile(r"最多|最高|最大|排名第一|(?<!倒数)第[一1](?:名|位)|排在?第[一1](?![项个类种行列栏年])|"
                 r"哪个.{0,8}多(?!少)|哪家.{0,8}多(?!少)|"
                 r"哪一?年.{0,8}(?:多(?!少)|高)|谁.{0,4}多(?!少)")
MIN = re.compile(r"最少|最低|最小|倒数第[一1](?:名|位)?|哪个.{0,8}(?<!多)少|哪家.{0,8}(?<!多)少|"
                 r"哪一?年.{0,8}(?:(?<!多)少|低)|谁.{0,4}(?<!多)少")
RANK = re.compile(r"排名|排序|排行|从高到低|从多到少|从低到高|从少到多|依次")
# "排第二的是哪家", "第三多的", "倒数第二": a place in the ranking (group 2), counted from the bottom (group 1)
_PLACE = r"第([二三四五六七八九\d])"
_NOT_A_ROW = r"(?![项个类种行列栏年])"
RANK_PLACE = re.compile(rf"(倒数){_PLACE}{_NOT_A_ROW}|(?:(?<=排)|(?<=排名)|(?<=排在)|(?<=位列)|(?<=名列)){_PLACE}{_NOT_A_ROW}|"
                        rf"{_PLACE}(?:名|位|多|高|大|少|低)")
# "不予公开的8个小类里，排第三多的那一类", "办理结果六大类里哪一类最多": the rows of one report ranked
KIND_RANK = re.compile(r"小类|大类|哪一?类|那一?类|哪一?项|哪一?种|类别|哪种情形|哪个情形")
ASCENDING = re.compile(r"从低到高|从少到多|升序|倒数")
COMPARE = re.compile(r"差额|差值|减去|下降|降低|上升|回落|下滑|减了|"
                     r"相比|比较|对比|变化|增长|增加了|减少了|多了|少了|差多少|差距|相差|同比|较上年|比上年|比去年|"
                     r"增幅|降幅|变动|多多少|少多少|多几|少几|更多|更少|多出|少出|(?<!占)[比较](?!例|率|重).{0,20}?(?:多(?!少)|(?<!多)少|增|减|涨|降|升|跌|高|低)|"
                     # "和上一年比呢", "跟洪泽区比一下"
                     r"(?:和|跟|与|同)[^，。？占]{1,12}?比(?=呢|一下|的话|起来|较|[，,？?。]|$)")
# "增长了百分之多少", "下降了百分之几", "是去年的几倍": the change as a percentage or a multiple.
PERCENT_CHANGE = re.compile(r"(?:增长|增加|下降|减少|降低|提高|上升|变化|变动|增|降|涨|跌|变了|掉了|少了|多了)"
                            r"[^，。？]{0,24}(?:百分之|%|百分比|几成)|"
                            # "涨了还是降了，百分比是多少": the percentage asked after a comma
                            r"(?:涨|降|增|减|升|跌)了?还是[^。？]{0,8}[，,][^，。？]{0,6}(?:百分比|百分之(?:多少|几)|幅度)|"
                            r"按百分比(?:算|计|表示)|用百分比(?:算|表示)|"
                            r"增长率|增幅|降幅|增速|变化率|增减率|下降率|(?:变化|变动|增减|下降|增长|减少)幅度|百分之(?:多少|几)[^，。？]{0,24}(?:增长|下降|减少|增加|变化)")
MULTIPLE = re.compile(r"几倍|多少倍|倍数|翻了")
# A comparison that asks which way or by how much ("A比B多多少", "相差", "增加了"), not 对比 in passing.
DIRECTED_COMPARE = re.compile(r"比[^，。？]{0,20}(?:多|少|高|低|增|减)|相差|差多少|差距|增加|减少|增长|下降|变化")
# Counts the tables never hold (days, people, sessions): "平均几个工作日办结" is for the text to say.
NON_TABLE_COUNT = re.compile(r"(?:几|多少)\s*个?\s*(?:工作日|天|日|小时|人|名|位|篇|次|场|期)")
# "第三项“其他”": the N-th row of the group asked about.
ITEM = re.compile(r"第(\d+)(?:小项|子项|小类|项|个|类|种|行)")
SHARE = re.compile(r"占比|比例|比重|百分比|百分之|占[^，。？]{0,20}(?:多少|几成|的比|百分)|(?<!税)率")
FOLLOW_UP = re.compile(r"^(那|那么|那个|还有|再看|换成|改成|如果是|它|其|该|其中|同期|里面|这份|这个报告|该报告|这里面)")
# (a requester's identity, a company's too: "那7件企业申请，分别是哪几家公司提的")
PERSONAL = re.compile(r"姓名|名单|名字(?!我|可能|记|不太|好像|应该)|"
                      r"都是谁|是哪些人|身份证|住址|手机|家庭|私人|个人(?:电话|微信|邮箱)|微信号|"
                      r"哪(?:几|些|一)?家(?:公司|企业)|哪些(?:公司|企业)|"
                      r"(?:群众|申请人|当事人|公民|自然人)[^，。？]{0,8}(?:是谁|是哪位|叫什么)|"
                      # "提申请最多的那个人叫啥，电话多少": a person, by name or number
                      r"(?<!负责)(?<!联系)(?:人|者|位)(?:的|是)?(?:名字|叫啥|叫什么|是谁|电话|联系方式)")
AVAILABLE = re.compile(r"(?:年报|报告)[^，。？]{0,6}(?:有吗|有没有|收录了?吗?)[？?]*$|"
                       r"(?:有没有|收录了?|能查到?|可以查)[^，。？]{0,12}(?:年报|报告)[吗？?]*$")
FILLER = re.compile(r"[那么呢吗的年度是多少请问又还有再看换成改成如果情况怎样怎么样数字数量呀啊吧，。？?！!、\s\d]")
EVERYONE = re.compile(r"哪个|哪些|哪家|各单位|各个|所有|全部|每个|谁")
NARRATIVE_ASK = re.compile(r"情况如何|怎么样|如何|哪些方面|什么措施|做了什么|做了哪些|采取了|怎样|为什么|原因|介绍")
AS_PRINTED = re.compile(r"原文|按原文|印的|印出|印着|写的是|更正前|未更正|as printed")
WHY = re.compile(r"为什么|为何|什么原因|原因是|怎么回事")   # reasons are in the text, not in a cell
NUMBER_ASK = re.compile(r"多少|几件|几个|几项|几家|数量|数字|总数|比例|率|占|合计|总计|最多|最少|排名|是否为|共有")
OUT_OF_SCOPE = re.compile(r"天气|股票|股价|彩票|足球|篮球|电影|菜谱|翻译|写一首|写诗|笑话|明星|房价预测")
CHANGE_WORDS = re.compile(r"本年增|增/减|增减(?!幅度|率|百分比|比例|比率)")
# "和去年比差多少", "两年相差几件": the size of a difference, with no way named (the answer says which way)
GAP = re.compile(r"差多少|差几|差了多少|相差|差距")
# "洪泽和平潭谁的行政强制处理决定更少", "哪家的公开率最高": which report, no size asked (group 1:
# the way); "谁多，多多少" asks the size too (SIZE_ASKED)
WHICH_PICK = re.compile(r"(?:谁|哪(?:个|家|一?年|边|份|一家|一份))[^，。？]{0,20}?(?:更|较|最|比较)?"
                        r"(多(?!少)|(?<!多)少|高|低|大|小)")
SIZE_ASKED = re.compile(r"差多少|差几|差了多少|相差|差距|几个百分点|(?:多|少|高|低)(?:出|了)?(?:多少|几)")
# "除了自然人以外", "不算上年结转的", "不含尚未审结的", "不是行政复议，是…": what the question leaves out.
NEGATION = re.compile(r"(?:不算|不含|不包括|不包含|除了|除去|除掉|除开|去除|除(?=[^，,。？]{1,14}(?:以外|之外))|"
                      r"除(?=[^，,。？]{2,16}外(?=[，,的其还剩]))|扣除|刨除|排除|去掉|不计|"
                      r"(?<!要)不要|不需要|"
                      r"(?<![是要])不是)"
                      r"(?![哈啊呀吧哦嘛呢了啦]*[，,。？?！!]?$)"   # ("部分公开的不算哈": 哈 is no row)
                      r"([^，,。？?）)]{1,24}?)(?=以外|之外|外的|外(?=[，,的其还剩])|的|还有|还剩|剩下|其余|剩余|，|,|。|？|）|\)|$)")
# "（2020、2021年的不算）", "自然人的不算": what is left out, said before the negation
NEGATION_AFTER = re.compile(r"(?:(?<=[（(，,、：:？?])|^)([^，,。？?（()）]{1,16}?)的?"
                            r"(?=(?:都)?(?:不算|不计|除外|不包括在内|不要了?)[哈啊呀吧哦嘛呢了啦]*(?:[）)，,。？?！!]|$))")
CONTINUITY = re.compile(r"衔接|接上了吗|接得上|接上|接住|对接|前一年的?[^？]{0,10}结转|上一年度?的?[^？]{0,6}结转下年|R5")
# The same two rows named across two years ("2023年的结转下年度和2024年的上年结转") is continuity;
# in one report they are R1 ("本年新收加上年结转，等于办理结果总计加结转下年度吗").
CARRIED_BOTH = re.compile(r"上年结转[^？]{0,30}结转下年|结转下年[^？]{0,30}上年结转")
# "各项办理结果加起来等于总计吗": R3; "每一行的总计是否都等于自然人和各类法人之和": R2
R3_WORDS = re.compile(r"(?:办理结果|(?:各(?:项|种|类)|所有)(?:办理结果|情形))[^？。，]{0,20}(?:加起来|之和|相加|加总|合计|加在一起)|"
                      r"办理结果各项|[（(]七[）)]总计")
# "第一项加第二项等于第三项加第四项" is the template's own rule, for every column; "每一列都要看"
ALL_COLUMNS = re.compile(r"每一?列|各列|所有列|逐列")
EVERY_COLUMN = re.compile(r"第[一1]项加第[二2]项|" + ALL_COLUMNS.pattern)
R2_WORDS = re.compile(r"(?:自然人|申请人)[^？。]{0,12}(?:法人|组织)[^？。]{0,12}(?:之和|加起来|相加|合计)|"
                      r"每一?行的?[^？。]{0,6}总计|各行的?总计|各类申请人[^？。]{0,8}(?:之和|加起来|相加)")
R1_WORDS = re.compile(r"新收[^？]{0,16}上年结转[^？]{0,16}(?:等于|=|＝)[^？]{0,16}(?:办理(?:结果|总计)|[（(]七[）)]总计|结转下)|"
                      r"第[一1]项加第[二2]项|"
                      r"收支[^？。，]{0,4}平衡|收进来的[^？。]{0,12}办出去的|进出[^？。，]{0,4}平")
TABLE_ITSELF = re.compile(r"本身|自身|表内|内部")
# "年报正文里说…几件": what the text says, even where a table has a figure of the same name.
TEXT_SAYS = re.compile(r"(?:正文|总体情况)(?:[（(][^）)]{0,10}[）)])?(?:里|中|部分)?(?:说|写|提)|文字部分|文中(?:说|写|提)|报告里(?:说|写)|"
                       r"正文里|正文中")
# "《问政平潭之有事你说》收到多少群众诉求，办结率多少": a programme, column or document by its
# title — the text's, never a table's (its 办结率 is not table 三's)
TITLED = re.compile(r"《[^》]{2,30}》")
# "收了多少费": table 二's 行政事业性收费, or the 信息处理费 the text reports?
FEE_ASK = re.compile(r"收(?:了|取了?)?(?:多少|几)[^，。？]{0,2}(?:费|钱)")
FEE_NAMED = re.compile(r"行政事业|事业性|信息处理费|处理费")
# what no table holds: "那政府信息公开的信息处理费呢" after 行政事业性收费 keeps no table row
TEXT_ONLY = re.compile(r"信息处理费|处理费")
TABLE_SAYS = re.compile(r"表\s*[二三四]|表格|表里|表中|填的|填了")
NARRATIVE_VS_TABLE = re.compile(r"正文|文字|文中|总体情况[^，。？]{0,4}说|报告里说|里说的|说的|提到的|里写的|写的|写着|R7")
# Which table an audit is about: 表三, "依申请公开那张表", "复议、诉讼那张表".
AUDIT_TABLES = (("active", re.compile(r"表\s*二|主动公开[^，。？]{0,6}表")),
                ("requests", re.compile(r"表\s*三|依申请|申请[^，。？]{0,8}表|收到和处理|办理结果")),
                ("review", re.compile(r"表\s*四|复议|诉讼")))
THIS_TABLE = re.compile(r"这张表|该表|这个表|本表|这表")
# A place said only by its level ("区里", "县政府那份报告"): the issuers of that level.
VAGUE_PLACE = re.compile(r"(?<![\u4e00-\u9fff])(区|县|市|镇)(?:里|政府|级)|^(区|县|市|镇)(?=[里的])|(?<=年)(区|县|市|镇)(?:里|政府|级)"
                         r"|(?<=^那)(区|县|市|镇)(?=里|的|政府|级)")   # "那县里的呢": a follow-up's new who, by level
# "2020年这几份年报…合计", "所有单位加起来": a sum meant over several reports, not one left unsaid
SEVERAL_REPORTS = re.compile(r"所有|全部|各|每|这些|它们|全加|都加|几(?:份|家|个单位|个地方|个县|个区)|"
                             r"\d+\s*(?:份|家|个单位|个地方)|[两二三四五六七八九十]+(?:份|家|个单位|个地方)")
# ("各项结果", "各列", "各组总计": parts of a table, not every issuer)
EACH = re.compile(r"各单位|各个(?!分?项|结果|栏|列)|各(?![项列行栏组块类种小]|个分?项|分项)|"
                  r"所有|全部|每个(?!项目|事项|申请|案件|月)|每家|每年|历年|分别|都是多少|列出|哪些|哪个|哪家|谁")
# "哪个单位", "哪个县": which issuer (not which of two rows)
WHICH_ISSUER = re.compile(r"哪个(?:单位|部门|地方|地区|县|区|市|镇|乡|政府|机关|报告)")
# "占全部办结的", "所有申请里": 全部/所有 describing a row's whole, not every issuer
ALL_OF_ROW = re.compile(r"(?:全部|所有)(?=的?(?:办结|办理|申请|结果|件|案件|行政|复议|诉讼|公开|处理)|"
                        r"(?:加起来|加在一起|相加|合计|之和))")
# "加上2024年一共多少", "再加上部分公开，占…": a follow-up adding to what was asked
ADD_ON = re.compile(r"^(?:那|那么)?再?(?:加上|算上|连上|连同|加进)")
CONTEXT_SET = re.compile(r"两年|三年|四年|五年|几年|这些年|历年|[两三2-5](?:个|家|份)|二者|两者|俩|仨|几份|衔接|"
                         r"加(?:起来|在一起|一起|到一起|一块)|合(?:起来|在一起)|算在一起")
# In table 二 one column is meant; the more specific wording wins.
ACTIVE_COLUMN_ORDER = ("change", "amount", "items", "decisions", "prev_items", "repealed", "in_force",
                       "issued", "new_public", "total_public", "new_made")
ASKS = re.compile(r"多少|几[件个项家条]")

# "关停了几个政务新媒体？又对多少项政策文件做了解读？": two things asked of the text, each looked up
ASK_SPLIT = re.compile(r"[？?；;]|[，,]\s*(?=又|另外|还有|以及|同时|下一步|今后|接下来)")
TEXT_ASK = re.compile(r"多少|几|什么|哪些|哪几|怎么|如何|怎样|是否|有没有|有无")
# "有几个人", "平均答复时间是多少天", "多少个编制": a narrative question asking for a count.
COUNT_ASK = re.compile(r"(?<!哪)(?:几|多少)\s*(批次|批|个工作日|工作日|个|名|位|人|天|日|篇|次|场|家|期|条|项|件|万元|元)"
                       r"([\u4e00-\u9fff]{0,2})")
CONTEXT_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
CHANGE_ROW = re.compile(r"上一年|上年|去年|比上|前一年")
# "2024年和前一年", "那去年呢" (after a 2024 question), "其后一个年度", "比两年后", "往前数两年的那一年":
# a year counted from the one named or asked before; never a row or column label ("上年结转",
# "上一年项目数量") or where something is carried to
AFTER_ONE = r"(?:其后|之后|此后|随后)的?[一1]?个?年度?|[后下][一1]个年度"   # (一个 is read as 1个)
_N_YEARS = r"[两二三四2-4]年(?:之)?[前后]|往[前后]数[两二三四2-4]年的?那[一1]?年"
_RELATIVE = (rf"(?<![到至入转])(大前年|前一年|上一年|头一年|去年|上年|前年|下一年|后一年|次年|前[一1]个年度|{AFTER_ONE}|{_N_YEARS})"
             r"(?!度?结转|度?转结|度?的?项目|度?的?(?:数量|金额))")
RELATIVE_YEAR = re.compile(_RELATIVE)
# … set beside the year named or compared with it ("2024年和前一年", "比去年多几件"), or relative in
# itself ("以2022年为基准，其后一个年度…"); a bare 去年 in a question naming its year is the asker's
# own ("我去年提过申请，想知道2022年…")
RELATIVE_TO = re.compile(rf"(?:比|较|和|跟|与|同|及|、|对比)起?{_RELATIVE}|{_RELATIVE}(?=相比|比较?|对比)|"
                         rf"({AFTER_ONE}|往[前后]数[两二三四2-4]年的?那[一1]?年)")
RELATIVE_SHIFT = {"大前年": -3, "前年": -2, "下一年": 1, "后一年": 1, "次年": 1}

# "2022年以来", "2021年及以后", "2023年之前": a year range open at one end, closed by the library's
# years ("以后/以前/以来" include the year itself, "之后/之前" do not)
OPEN_YEARS = re.compile(r"((?:19|20)\d{2})\s*年度?(?:的年报|的报告)?\s*(及|以及|和)?"
                        r"(以来|以后|之后|起(?!诉)|开始|至今|到现在|以前|之前)(?![一二三四五六七八九十两1-9])")
RECENT = re.compile(r"(?:近|最近|过去|前)([两二三四五六七八九十\d]+)年")
# every year the library has for the issuers asked ("平潭历年新收申请总共多少件")
ALL_YEARS = re.compile(r"历年来?|各个?年度|所有年份|全部年份|所有年度|全部年度")
# ... and so are "这几年", "这些年" opening a conversation (in one, the years it has named)
THESE_YEARS = re.compile(r"这几年|这些年|这几个年度")
COUNT_WORDS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def count_value(word: str) -> int:
    """'3' or '三' (两, 十) as a number; 0 for anything else."""
    return int(word) if word.isdigit() else COUNT_WORDS.get(word, 0)

# "那结转的有多少", "carried over": 上年结转 or 结转下年度 — neither said
CARRIED_BARE = re.compile(r"(?<!上年)(?<!上一年)(?<!年度)结转(?!下|到|至|入|过来)")
CARRIED_SAID = re.compile(r"上一?年度?的?结转|结转(?:到|至)?下一?年|结转过来|从上年|转入下|顺延|年底|明年|年末|去年")
# "这两项合计占…的比例呢": the two rows the conversation asked in turn
BOTH_ASKED = re.compile(r"这两[项个类行]|两者|二者|这俩|两项合计|两个加起来")
# "行政复议各栏分别是多少": every column of the row, each on its own line
EACH_COLUMN = re.compile(r"(?:各|每一?)(?:栏|列|项数字|个数字)[^，。？]{0,4}?(?:分别|都|各)")
# "有几份报告一件新申请都没收到", "新收申请超过100件的有几个单位": reports counted by a condition
COUNT_REPORTS = re.compile(r"(?:几|多少)\s*(?:份|个|家)(?:报告|年报|单位|地方|机关|政府|县|区)|"
                           r"(?:报告|年报|单位|地方|机关)[^。？]{0,20}?(?:几|多少)\s*(?:份|个|家)(?!申请|项目|事项)")
# the condition (its words taken out of the question before the row is read): not zero
# ("“结转下年度继续办理”不为0的") …
NOT_ZERO = re.compile(r"(?:不为|不是|不等于|非)\s*(?:0|零)(?![.\d])\s*件?|(?:大于|多于)\s*(?:0|零)(?![.\d])\s*件?")
# … none at all ("一件新申请都没收到", "为0件") …
NONE_AT_ALL = re.compile(r"(?:一|1)\s*(?:件|个|份|条)([^，。？]{0,16}?)(?:都|也)(?:没有?|未)(收到|接到|受理|提出|发生|作出|办理)?|"
                         r"(?:都|全)?(?:为|是|等于)\s*(?:0|零)\s*件?(?![.\d])")
# … or a threshold: (pattern, comparison); the number is group 1
THRESHOLDS = tuple((re.compile(p), op) for p, op in (
    (r"(?:超过|多于|大于|高于)\s*(\d+(?:\.\d+)?)\s*(?:件|项|万元)?", ">"),
    (r"(?:不少于|至少|不低于)\s*(\d+(?:\.\d+)?)\s*(?:件|项|万元)?", ">="),
    (r"(\d+(?:\.\d+)?)\s*(?:件|项|万元)?(?:及以上|以上)", ">="),
    (r"(?:少于|不到|低于|小于|不足)\s*(\d+(?:\.\d+)?)\s*(?:件|项|万元)?", "<"),
    (r"(?:不超过|至多)\s*(\d+(?:\.\d+)?)\s*(?:件|项|万元)?", "<="),
    (r"(\d+(?:\.\d+)?)\s*(?:件|项|万元)?(?:及以下|以下)", "<="),
))


# --- who and when: the report's own year, not the year it plans for ---
# the year of the report itself ("2024年报", "2024年度报告", "2024年的年报") and plans for a later one
REPORT_YEAR = re.compile(r"(20\d{2})\s*年?度?(?:的)?(?:政府信息公开工作)?(?:年报|年度报告|报告)")
# "今年实际的行政强制事项应该是多少项": a 2019 table 二 row's items this year (上一年项目数量 + 本年增/减)
CURRENT_ITEMS = re.compile(r"(?:本年|今年|当年|现在|目前|实际|现有)[^，。？上增减]{0,8}?(?:事项|项目)(?!决定)|"
                           r"(?:事项|项目)[^，。？]{0,4}?(?:现在|目前|实际)|(?:现在|目前|实际)[^，。？]{0,4}?有?多少项|"
                           r"(?:本年|今年|当年)[^，。？]{0,4}?(?:一共|总共|共)?(?:是|有)?多少项")
# "平均每个采购项目多少万元", "平均下来每个项目多少万": a row's amount over its count
PER_ITEM = re.compile(r"(?:平均|均)[^，。？]{0,6}?每(?:一)?(?:个|项|件)|每(?:一)?(?:个|项)[^，。？]{0,6}?平均")
# "2023年的，哎不对，我是说2024年的": the asker corrects what was said before
CORRECTION = re.compile(r"不对|说错了|搞错了|打错了|我是说|我想说的是|应该是|更正")
# "准备起草2025年的年报，先核对下2024年的": the asker's own next report, not one asked about
DRAFTING = re.compile(r"(?:起草|草拟|编写|编制|撰写|写|做|准备)[^，。？]{0,4}?(20\d{2})\s*年度?的?"
                      r"(?:政府信息公开工作)?(?:年报|年度报告|报告)")
PLAN = re.compile(r"打算|计划|准备|将要|将会|要从|要在|下一步|明年|今后|改进|工作重点|重点工作|安排|措施|举措")

# --- which cells: the whole of a share, rows by position, what a clause leaves open ---
# "…的申请中，…的比例": the whole named first (group 1 ends it), the part after it, a share asked
WHOLE_FIRST = re.compile(r"^(.*?(?:申请|件|总数|总量|总计|数量|复议|诉讼|起诉|案子)(?:[^，。？中里]{0,16}?年)?)"
                         r"(?:当中|之中|中间|里面|中|里)[，,]?"
                         r"(?=.*(?:比例|百分|比重|占比|几成|占多少|占几))")
# a formula spelt in brackets: "（予以公开/办结总数）", "（新收+上年结转）", "（直接起诉加复议后起诉）"
BRACKET_SUM = re.compile(r"[（(]([^（）()]{3,40})[）)]")
OVER = re.compile(r"/|／|÷|除以")
DIVIDED = re.compile(r"÷|除以")   # a formula said outside brackets ("…加起来，除以办理结果的总数")
PLUS = re.compile(r"\+|＋|加上?|和|与|以?及|、")
# what closes a clause that names a whole first ("（…）里，", "（…）的申请中")
CLAUSE_END = re.compile(r"的?(?:申请|件数|数量)?(?:当中|之中|里面|中|里)")
# the question is about who asked (so a bare “其他” is the requester column, not （六）其他处理)
REQUESTER = re.compile(r"其他组织|其他法人|其他类|申请人|提交|提出|提的|新收|新申请|申请主体")
# a reason given for the requests counted ("是因为…所以没法提供的"): an outcome row, not all requests
BECAUSE = re.compile(r"因为|由于|是因(?=[^，。？]{1,16}而)")
# table 三 named as such (its numbered parts are then "第二项" etc.)
TABLE_THREE = re.compile(r"表\s*[三3]|第[三3]张表|第[三3]个表|第[三3]部分[^，。？]{0,6}表|申请情况表|申请处理情况表")
LAST_ROW = re.compile(r"最后[一1]?(?:行|项)")
# the columns left after those negated ("不算自然人，其余那些…"), whatever examples follow
REST = re.compile(r"其余|剩下|剩余|其他的")
# members given as examples of their category ("企业、律所这些法人或者其他组织")
EXAMPLES = re.compile(r"这些|那些|这类|之类|等(?:法人|组织|单位)|比如|例如|像是")
# "不管有没有先复议", "无论是否经过复议": whichever way, so it narrows nothing
WHATEVER = re.compile(r"(?:不管|不论|无论)[^，。？）)]{0,16}?(?:有没有|是不是|是否|还是|与否)[^，。？）)]{0,12}")
# money asked ("金额", "多少钱", "万元"), and a count asked ("几个", "项目数"): which column of a row
MONEY = re.compile(r"金额|万元|亿元|[多少几]元|钱|资金|总额|罚没")
COUNT_WORDS_ASKED = re.compile(r"项目|几个|几项|几件|多少个|多少项|多少件|个数|项数|件数|数量")
# a cell asked by its place in a printed row ("那一行最后一个数", "第3列"): not readable from labels
POSITION = re.compile(r"最后(?:一|1)?个数|最后[一1][栏列]|倒数第[一二三四五六七八九\d]?(?:个数|个|列|栏|格)|"
                      r"第\d+(?:个数|列|栏)|第[一1]个数|头[一1]个数")
# which of two is larger, and by how much: the answer is the size of the gap
WHICH_MORE = re.compile(r"谁多|谁少|谁的?[^，。？]{0,8}[多少高低]|"
                        r"哪(?:年|一年|个|家|边)[^。？]{0,30}(?:多|少|高|低)[？?，,\s]*[^。？]{0,10}(?:差|多|少|高|低)了?(?:多少|几)")

# --- what is asked of the text (answered only by a sentence that states it) ---
# a sum of money asked of the text ("投入了多少经费"): answered only by a figure in 元/万元/亿元
MONEY_ASK = re.compile(r"(?:多少|几)(?:钱|经费|资金|费用|预算)|(?:经费|资金|费用|预算|投入)[^，。？]{0,6}(?:多少|几)|"
                       r"工资|薪酬|薪水|奖金")   # pay: a sum of money, asked or not ("工作人员 工资")
# "年报上留的咨询电话是多少", "有问题打哪个电话": the contact line the report prints
CONTACT_ASK = re.compile(r"电话|联系方式|邮箱|电子邮件|传真|联系地址|怎么联系|找谁联系")
CONTACT_STATED = re.compile(r"\d{3,4}\s*[—\-－]\s*\d{7,8}|(?<!\d)\d{7,8}(?!\d)|[\w.]+@[\w.]+")
# "那64件…分别涉及哪些部门": answered only by a passage that names departments
WHICH_BODIES = re.compile(r"哪些(?:部门|单位|机关)|哪(?:个|几个)(?:部门|单位|机关)")
BODY_NAMED = re.compile(r"[\u4e00-\u9fff]{1,10}(?:局|委员会|委|办公室|中心|厅|署|院)(?![长])")
# a quantity the text may state ("门户网站的访问量是多少"): answered only by a figure beside its noun
QUANTITY_ASK = re.compile(r"((?:(?![的了是有])[\u4e00-\u9fff]){2,4}?)(?:量|人次|次数|人数)(?:是|有|为|达到|达)?(?:多少|几)")
# "那64件…分别涉及哪些部门": which ones, not how many (the tables hold counts only)
WHICH_ONES = re.compile(r"(?:分别|具体|都)?(?:涉及|是|有)?哪些(?:部门|单位|案件|事项|领域|内容|人|方面)|涉及哪些|分别是什么")


# --- where the negations stand: the spans of what NEGATION and NEGATION_AFTER leave out ---
def negation_spans(q: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for pattern in (NEGATION, NEGATION_AFTER) for m in pattern.finditer(q)]


def without_negated(q: str) -> str:
    """The question with what it leaves out blanked ("不要金额" says nothing of money asked)."""
    for s, e in negation_spans(q):
        q = q[:s] + " " * (e - s) + q[e:]
    return q


def within_spans(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)
