"""Question + history → Query, once, before retrieval.

A Query holds the question as the knowledge base can read it (normalised, typos and abbreviations
corrected), what it asks for (its intent and the nouns next to 多少), the constraints it sets (a year, a
region, a kind of organisation, a named enterprise or document), and whether it leans on the history.
Retrieval turns the constraints into filters; the evidence step decides from the intent what answers.

Follow-ups are decided by what the question lacks, not by its length: a question leans on the history
only when it has no subject of its own ("有多少人参加？"), only names a modifier or a new subject with no
question ("那省部级的呢？", "职工监事呢"), or points back ("这是哪一年的？"). "加班费怎么算" asked after a
training question stands alone, and is refused as any other question would be.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

import jieba
from pypinyin import lazy_pinyin

from .figures import UNITS
from .lexicon import Lexicon, everyday, function_words, verbs
from .normalise import Correction, Normaliser, surface

# --- what a question asks: patterns of Chinese (and English) question grammar, not of any report ---------
# Which of the years or regions named has more ("云南和贵州哪个多", "2022年跟2021年比谁多"): how many, of each.
# (with what is compared between: "云南和贵州哪个省的省属企业多", "哪个开得多")
_WHICH_MORE = (r"(?:(?:谁|哪个|哪边|哪一?年)更?[多少高低大]"
               r"|(?<!比)(?:谁|哪个|哪边|哪一?年)(?:(?!最)[\u4e00-\u9fff]){1,8}?(?:更|还|要)?(?:[多少]|(?<=[更还要])[高低]))"
               r"(?=[些点呢啊呀吗？?，,。！!]|$)")  # (not "比谁干得快、谁力气大": a contest, and strength)
WHICH_MORE = re.compile(_WHICH_MORE)
# (or the most, "哪个最高": of figures already found, or of those asked in turn before; not by itself a figure asked,
# "哪个工作室最出名")
MOST_OR_MORE = re.compile(_WHICH_MORE.replace("更?[多少高低大]", "[更最]?[多少高低大]", 1))
QUANTITY = re.compile(
    rf"多少|{_WHICH_MORE}|(?<![第哪十好这那近前])几(?!十|百|千|点|号|月|时|日)[个名人次项家条件份户位所万十百千]?(?![乎])"
    r"|(?<![第哪好这那近前])几[十百千]万|数量|比例|占比|比重|百分之|百分比|人数|金额|多大|多高|多长|多久"
    r"|(?<=[\u4e00-\u9fff])(?:次|条|件|项|家|份|户|场)数(?=[、和及与？?。\s]|$)"  # ("职代会次数、意见建议条数": how many)
    r"|(?<=[\u4e00-\u9fff])人次(?=[、和及与？?。！!\s]|$)"  # ("参加的人次", "劳动竞赛参与人次": how many, as 人数 is)
    r"|(?<=[\u4e00-\u9fff]{2})率(?=[、和及与？?。！!\s]|$)"  # ("职代会建制率", "劳动合同签订率": the rate, as 比例 is)
    # ("职工监事的数，别跟董事的搞混了": its figure; not where it is, "要报告里的数", or of when, "哪年的数")
    r"|(?<=[\u4e00-\u9fff]{2})(?<![里中上年])"
    # (not a number said to be one's: "146是母婴室的数")
    r"(?<!\d是[\u4e00-\u9fff]{2})(?<!\d是[\u4e00-\u9fff]{3})(?<!\d是[\u4e00-\u9fff]{4})(?<!\d是[\u4e00-\u9fff]{5})"
    r"的(?:数|数字)(?=[，,、？?。！!\s]|$)"
    r"|how many|how much|number of|percentage|what share|what proportion",
    re.I,
)
# (Who wrote a report is who issued it: "这份报告是哪个单位写的", "谁起草的".)
_DOCUMENT_NOUN = re.compile(r"文件|报告|材料|资料|文章|通知|稿子|这份|那份")
# What the knowledge base holds ("你这知识库里都有哪些省的文件", "云南的产改文件都有哪几年的", "这个知识库是哪个省的资料"):
# its documents, listed.
DOCUMENTS = re.compile(r"(?:知识库|资料库|你这里?|你们这里?|这里头?)[^，,。？?！!]{0,8}(?:有|收录|存|放|包括|包含)了?(?:哪些|哪几|什么|啥)"
                       r"(?:个|份|年|省)?的?(?:省|年|文件|资料|材料|报告)"
                       r"|(?:文件|资料|材料|报告)(?:都|一共|总共)?有?(?:哪些|哪几)(?:年|个?省|份)"
                       r"|(?:知识库|资料库|这些资料|这些文件|这些材料)里?(?:是|都是)?哪(?:个|一个|些)?(?:省|年)"
                       # (and what kind each is: "这个文件是啥性质的，通知还是工作报告")
                       r"|(?:文件|报告|材料|资料)(?:是|属于)?(?:啥|什么)(?:性质|类型|文种)|是(?:通知|报告|意见|方案|文件|新闻)还是"
                       # (a document's title: "贵州那个实施意见全名叫啥", "推进会的新闻稿标题是啥")
                       r"|(?:意见|方案|办法|报告|通知|新闻稿|新闻|报道|文件|政策)的?(?:全名|全称|标题|题目|文件名|名称|名字)"
                       r"(?:是|叫|叫做)?(?:啥|什么|哪个)?"
                       )
# Whether there is a document of a year, region or kind ("有没有贵州2023年的产改政策文件", "贵州有没有产改的政策文件",
# "21年的报告有吗"): the words around it may name only those (see QueryReader._intent; "贵州有没有职工书屋的报道" asks of
# a topic).
_DOCUMENT_EXISTS = re.compile(r"^(.{0,8}?)(?:有没有|有没得|有木有)([^，,。？?！!]{0,14}?)(?:政策文件|政策|实施意见|意见|工作报告|报告|新闻稿|新闻"
                              r"|报道|文件)[呢吗啊呀嘛哦？?！!。，,\s]*$"
                              r"|^()([^，,。？?！!]{0,14}?)(?:政策文件|实施意见|工作报告|报告|新闻稿|文件)(?:有没有|有吗|有没|有不)[呢吗啊呀嘛哦？?！!。，,\s]*$")
_ABOUT_DOCUMENTS = re.compile(r"产改|产业工人队伍建设改革|深化|关于|相关|有关|最新|新的|那个|这个|一份|份|个|篇|的|省|[吗呢啊呀]|\s")
ISSUER = re.compile(r"(哪个|什么|哪家|啥)(单位|部门|机构|机关)(?!牵头|负责|组织)[\u4e00-\u9fff]{0,2}(发(?![言展放生挥])|印发|出(?![席现来])|下发|制定|出台|发布"
                    r"|写|起草|撰写)|谁(发|印发|出台|制定|发布|写|起草|撰写)的"  # (哪家单位发言, 哪个单位出席: not who issued it)
                    r"|(发文|印发|制定|发布)(单位|机关|部门)|who issued"
                    # (a document's maker said plainly: "2021年那份报告是谁出的"; not "钱是谁出的")
                    r"|(?:意见|方案|办法|文件|报告|通知|材料|报道|新闻)(?:是)?(?:哪个|谁)(?:出|搞|弄|整)的"
                    # (the verb first: "贵州发那个实施意见的是哪个单位")
                    r"|(?:发|印发|出台|制定|发布|下发)(?:那个|这个|这份|那份)?[\u4e00-\u9fff]{0,12}?"
                    r"(?:意见|方案|办法|文件|报告|通知)的是(?:哪个|什么|哪家|啥)(?:单位|部门|机构|机关)"
                    # (an issuer heard, put to be confirmed: "实施意见是省总工会2022年发的吧")
                    r"|是[\u4e00-\u9fff]{1,12}?(?:会|委|局|厅|部|办|组|院|政府)(?:\d{4}年)?(?:发|印发|出台|制定|发布|下发)的", re.I)
# Which document says it ("哪个文件说的", "出自哪里"): the document of the answering sentence, named.
_WHICH_YEAR = re.compile(r"哪一?年|哪个年份|几几年|什么年份")
SOURCE = re.compile(r"(?:哪个|哪份|哪一份|什么|啥子?)(?:文件|材料|报告|文章|地方)(?:上|里|里头|里面)?(?:说|讲|写|规定|提)[的了]?"
                    r"|出自(?:哪里|哪儿|哪个|哪份|哪一份|哪篇|哪一篇|哪段|哪一段|哪)(?:文件|材料|报告|文章|文档|原文|话)?"
                    r"|出处[是在]?哪(?:一?个?(?:部分|方面|板块)|[里个儿])?|出处|(?:依据|根据|来源)是(?:什么|啥|哪)"
                    r"|(?:原文|原话|原句)(?:是)?(?:在|出自|来自)哪"  # ("…60万人次这个说法，原文在哪")
                    # ("这个数是哪个文件里的", "是从哪份报告来的")
                    r"|(?:是|在|从|来自)(?:哪个|哪份|哪一份|哪篇)(?:文件|材料|报告|文章)(?:上|里|里头|里面)?(?:的|来的|出来的)"
                    r"|(?:哪个|哪份|哪一份|哪篇)(?:文件|材料|报告|文章)(?:上|里|里头|里面)?的\W*$"  # ("这个数哪份文件的？")
                    # (a message asking only that: "是哪个文件", "哪份报告啊")
                    r"|^(?:那|这)?(?:个数|这个数|那个数)?(?:是|出自)?(?:哪个|哪份|哪一份|哪篇)(?:文件|材料|报告|文章)[啊呀呢嘛]?\W*$"
                    r"|哪里说的|哪儿说的|哪点说的|which document|what source"
                    # (the region of a figure or a sentence quoted: "“…95%以上”是哪个省的", "68.4%是哪里的")
                    r"|(?:\d[^\d哪]{0,6}|[”\"])(?:是|说的是|属于)(?:哪个|哪一个|哪)(?:省份?|地方|地区|里)的"
                    # (the sentence of a number named: "0.03那句话原文怎么写的")
                    r"|\d[万%]?(?:的|那|这)?(?:句|句话|段|段话)?的?(?:原文|原话|原句)"
                    # (a request to quote, and nothing else: "原话怎么写的", "原文呢" quote the sentence just answered from)
                    r"|^(?:麻烦|请)?(?:把)?(?:原文|原话|原句)(?:是|又是)?(?:咋|怎么|如何|咋个)?(?:说|讲|写|表述)?的?(?:呢|发我看看)?\W*$"
                    # ("这个数哪来的", "这数据是从哪儿来的": of a number, where it was written; not "这钱哪来的", who paid)
                    r"|(?:数|数字|数据|这个)(?:是|又是)?从?哪(?:里|儿)?来的", re.I)
WHEN = re.compile(r"哪一?年|哪个年|几几年|什么时候|啥时候|何时|哪天|哪一天|几号|几月|(?<![哪这那])几点(?:钟|开|关|上班|下班|到)?|年份|哪年度|什么时间|啥时间|日期|(?:施行|实施|印发|发布|召开|举办|举行|生效|执行)的?时间|when\b|what year|what date"
                  r"|(?:^|(?<=[\s,，]))时间(?=[\s,，]|$)", re.I)  # (typed as a keyword: "推进会 时间 地点")
HOWTO = re.compile(r"怎么|如何|咋|怎样|途径|渠道|门路|办法|方式|方法|流程|程序|步骤|找谁|how (?:can|do|to|should)|what can|\bways?\b", re.I)
# A list of names asked ("示范单位名单", "名单有吗"), not a roster's own name ("那个名单叫啥名字")
ROSTER_ASKED = re.compile(r"(?:名单|名录|花名册)(?![^，,。？?！!]{0,3}(?:叫|名字|名称))")
_ROSTER = re.compile(r"(?:名单|名录|花名册)$")
LIST = re.compile(r"哪些|哪几|哪[两二三四五六七八九十\d](?:项|条|种|类|个|大|点|方面)|有啥|有什么|些什么|些啥|都有|包括|包含|内容|是什么|是啥|指什么"
                  r"|(?:建|搞|设|开展|举办|推出|出台)了?(?:什么|啥)(?=机制|制度|活动|措施|平台)"  # "还建了什么机制"
                  rf"|{ROSTER_ASKED.pattern}"  # ("示范单位名单": the names, which a sentence listing them gives)
                  r"|which|what (?:are|is|were|was)", re.I)
# (V没V asks yes or no: "过没过二十个", "上没上两百个", "到没到")
YESNO = re.compile(r"吗\W*$|没有\W*$|(?<=[\u4e00-\u9fff])了没\W*$|(?<=[\u4e00-\u9fff])不\W*$|是否|有没有|是不是|能不能|可不可以|会不会|算不算|([\u4e00-\u9fff])没\1|\bis there\b|\bare there\b|\bdoes\b|\bcan i\b", re.I)
# (各 before a measure or a kind of unit is "every": "各家省属企业", "各级职代会", "各类竞赛")
# 各 before these is every one of a kind (各级, 各类, 各省…), not "each of them".
EVERY_NOT_EACH = "家个级类种地省市县单部层项"
_EACH = re.compile(rf"各(?![{EVERY_NOT_EACH}])|分别|各自|都是|and\b", re.I)
# Which of two things is more ("国资委拨的钱跟企业拨的哪个多"): like 各, the figure of each of the things joined before it
_WHICH_OF_THINGS = re.compile(r"(?:谁|哪个|哪样|哪种)(?:要|更|还)?(?:多|少|高|低|大)(?:一些|一点|些|点)?")
_DIFFERENCE_ALONE = re.compile(r"(?:那|又|大概|到底)?(?:相差|差了?|多了?|少了?)(?:多少|好多|几)[个名人次万元家份户]*[呢啊呀嘛]?")
# As of when a figure is ("这个数是截止啥时候的", "是哪年的数"): asked beside the figure, its sentence says it.
_AS_OF_ASKED = re.compile(r"(?:这个|这|那个|那)?(?:数|数字|数据)?(?:是)?(?:截[止至]|统计到|算到)(?:啥|什么|哪)(?:时候|年|天|时间)的?"
                          r"|(?:这个|这|那个|那)?(?:数|数字|数据)?是?(?:哪一?年|啥时候|什么时候)的(?:数|数字|数据)?")
# Given out, right before 多少 ("拿了多少专款慰问困难职工"): what follows the thing given says what it was for.
_GIVING = "拿|出|掏|给|花|拨|划|划拨|投|投入|发"
_GIVEN = re.compile(rf"(?:{_GIVING})了$")
_MEETING_NAMED = re.compile(r"(?:推进|现场|表彰|动员|座谈|交流|观摩|部署)会(?!议?精神)")
_BOTH_REGIONS = re.compile(r"(?:这|那)?(?:两|俩)(?:个)?(?:省份?|边|地)(?:的)?(?:各自|各|分别)?")
_JOIN = re.compile(r"和|与|及|以及|跟(?!着)|同(?![步时意样期级])|、|,|，|\band\b", re.I)  # (跟着, 同步: no join)
_BOTH_POINTED = re.compile(r"^(?:这|那)?(?:两|二|俩)(?:种|个|类|样|者|项|方面|部分)?(?:人|的)?$")
_ALSO = re.compile(r"(?:那|那么|还有)?(.{2,12}?)(?:的)?(?:呢|嘞|咧)")  # "…，全国人大代表呢"
_A_NOT_A = re.compile(r"可不可以|([\u4e00-\u9fff])[不没]\1")
# A question about one, then "…，B呢" about the other: "贵州有多少劳模，云南呢", "2021年职工监事有多少，2022年呢".
_THEN_THE_OTHER = r"[^，,。？?！!]{0,20}[，,？?]\s*(?:那|那么)?"
_SIDE_BY_SIDE = r"和|与|及|、|跟|同|以及|还有|还是|至|到|—|-"  # joins years or regions asked side by side
_ASKING = re.compile(r"啥|什么|怎|咋|吗|哪|几|多少|为何|为啥|如何|有用|是否")  # a clause asking, not naming
_CLAUSE = re.compile(r"[，。？！?!,、;；\s]")
_CLAUSE_BEFORE = re.compile(r"[，。？！?!,、;；:：\s]")  # before 多少, a colon too: "领导让我查一下：…职工董事多少名"
# Whether a thing is among those just said ("民营企业算不算" after "…意见管哪些企业")
INCLUDED_ASKED = re.compile(r"(?:那|那么)?(?:像)?[\u4e00-\u9fff]{2,8}?(?:也)?(?:算不算|算吗|算不|包不包括在内|包括在内吗|在不在里面"
                            r"|在里面吗|在内吗)[呢啊呀嘛？?]*")
# A message typed in pinyin only, word by word ("ni jue de na ge zui hao"): no term of the knowledge base was read in
# it (Normaliser reads those), so it leans on nothing said before
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in"
             r"|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u|v)")
_PINYIN_ONLY = re.compile(rf"(?:{_SYLLABLE})+(?:\s+(?:{_SYLLABLE})+){{2,}}[\s?？。!！]*")
# Which item of what was just listed ("第三条是啥", "第二个是哪家"), or which article of what was just quoted
_NTH_ASKED = re.compile(r"(?:那|那么)?(?:第[一二三四五六七八九十\d]{1,2}|最后一)[条个项点种类](?:是|说的|讲的)?"
                        r"(?:啥子?|什么|哪[个些家户位项条样种]|哪一[个家户位项条])?(?:内容)?[呢啊呀吗]?")
_SENTENCE_PART = re.compile(r"[，。？！?!,;；:：\s]")  # a clause, of which "、" only separates listed nouns ("双培养"：… opens a topic)
_MEASURE = "个名人次项家条件份户位所万"
# A follow-up that points back, continues, or is only an ellipsis. Words that point back at what was just said:
# a question holding one leans on the conversation.
REFERRING = re.compile(r"这个|这些|那个|那些|它们|它|这样|上面|刚才|这项|这条|这是|该数|这数|其中|同期|当年|这方面|那边|这边|反过来|倒过来|反之|前者"
                       r"|后者|两头|两边|两者|二者|双方|同一年|同年|那一年|这一年"
                       # ("里面给一线职工的占多少": a part of what was just asked; not "里面对首席技师津贴怎么规定的",
                       # the document's rule on a thing it names)
                       r"|^(?:那|那么)?(?:里面|里头|当中)(?=给|有|的|占|用)"
                       # ("那是哪年的数据": of when what was just said is)
                       r"|^那是(?=哪一?年|哪个年份|几几年|什么时候|啥时候)")
# "除了这些", "除此之外", "另外还有": besides what the conversation's answers said.
BESIDES_SAID = re.compile(r"除了?(?:这些|这个|这几[个样条项种]|上面[的说]?|刚才[的说]?|那些|那个)(?:以外|之外|外)?|除此之外|除此以外|此外"
                          r"|另外还|其他还有|还有别的|还有其他")
# "除了职代会(以外)，还有…", "…，不是劳模那个": what is set aside.
# ("…是不是由职代会选出来的" asks yes or no: 不是 of 是不是 sets nothing aside)
# (Only the second kind, "不是…", is no part of what is asked: "除了职代会还有啥制度" asks of 制度 beside it.)
_NOT_THIS = (r"[，,]?(?<![是要算])(?:不是|不要|不算|别(?:给我)?(?:说|讲|算|报|要|给)|不光是?|不只是?|不仅仅?是?|不单是?|不止是?)"
             r"(?P<thing2>[\u4e00-\u9fff]{2,10}?)"
             r"(?:那个|那种|的那个|的)(?:哈|啊|哦|嘛|噻|哟|呀)?(?=[？?。！!，,)）]|$)"
             # (a clause of its own, "…？不是规划目标", "（不是全国的）")
             # (or more than it: "…？不光是产业工人，是总数", "（不只是省属的）": the figure of it is not the answer)
             # (or opening the question: "不要职代会开了几次，征集到多少条意见建议", "不说钱，…慰问了多少…", "不看劳模那些，…")
             r"|(?:(?<=[？?。！!，,(（])|^)(?:不是|不要|不算|不看|不管|不说|不讲|不含|不包括|别(?:光|只)?(?:给我)?(?:说|讲|算|报|要|给)"
             r"|不光是?|不只是?|不仅仅?是?|不单是?|不止是?)"
             # (with the figure it gave, "…？别光说省国资委那360万")
             r"(?P<thing3>[\u4e00-\u9fff]{1,10}?)(?:那些|那种|那个|这些|(?:那|的)?\d[\d.]*[万亿]?[\u4e00-\u9fff]?)?"
             r"(?=[？?。！!，,)）]|$)"
             # (or what was not meant, correcting how the question was read: "我不是问开会次数，是问…征集了多少条")
             # (or after the topic it is of: "厂务公开不是问职代会开几次，是公开事项有多少件")
             r"|(?:(?:(?<=[？?。！!，,(（])|^)(?:我|俺)?(?:不是|没|没有)(?:问|说|要|找)|(?<=[\u4e00-\u9fff])(?:不是|没有?)问)"
             r"的?(?P<thing4>[\u4e00-\u9fff]{1,10}?)"
             r"(?:那些|那种|那个|这些)?(?=[？?。！!，,)）]|$)"
             # (or set aside after what it is among: "先进典型不算全国劳模，省部级劳模和五一劳动奖章各多少人")
             r"|(?<=[\u4e00-\u9fff])(?:不算|不包括|不含|除去|除掉)(?P<thing5>[\u4e00-\u9fff]{2,10}?)(?:那些|那种|那个|这些)?(?=[，,])")
# What then says what is meant, opening the rest ("…，是问22年征集了多少条", "…，我问的是…", "…，而是…").
_MEANT_INSTEAD = re.compile(r"^(?:我|俺)?(?:是|而是|就是)?(?:想)?(?:问|说|要)(?:的是|的)?(?=[\u4e00-\u9fff\d])|^而?是(?=[\u4e00-\u9fff\d])")
_EXCLUDED = re.compile(r"除了(?P<thing>[\u4e00-\u9fff]{2,10}?)(?:以外|之外|外)?(?=[，,]?还|[，,]|$|另外|其他|其余|别的)|" + _NOT_THIS)
_SET_ASIDE = re.compile(_NOT_THIS)
_WHOLE = re.compile(r"一共|总共|合计|加起来|全部|所有|全省|省属企业")  # all the enterprises, as a follow-up asks
# Verbs of a document's dates: issuing it and its taking effect (evidence tells the two apart).
ISSUED = re.compile(r"印发|发布|出台|颁布|公布|下发|(?<![开研])发(?:的|了|下来)|施行|实施(?!意见|方案|办法|细则|纲要)|执行|生效|算数")
# (实施 of a document's kind, "实施意见", is no verb asked: "实施意见是啥时候发的" asks when it was issued.)
_DATE_VERBS = re.compile(ISSUED.pattern + r"|开始|召开|举行")  # "那什么时候开始执行": of nothing but dates
_COMPARE = re.compile(r"比(?![例重率赛武])[^，,。？?！!]{0,10}(?:多|少|高|低|增加|减少|涨|降)|哪个(?:多|少|高|低)|相比|对比|比较|差了?多少")
# (and, asked with nothing of its own after two answers: "差多少", "哪个省多，多多少", "涨了还是降了")
_COMPARED_ALONE = re.compile(rf"{_COMPARE.pattern}|(?:哪(?:个|边|年|一年|份|一份)(?:省|年)?|谁)[更最]?(?:多|少|高|低)"
                             r"|(?:相?差|多|少|高|低)了?(?:多少|好多|几)|差距|(?:多|增加|涨)了还是(?:少|减少|降)了")
# A sum asked ("加起来呢", "一共多少"): of several things no document states it (unless one figure counts them all:
# "劳动竞赛和技术比武15463次"); the answer gives each, never a sum it computed.
_SUM_ALONE = re.compile(r"(?:那|那么)?(?:这两[个样项]?|两[个样项]?(?:省|年|家|份)?的?|两者|俩|它们|二者)?(?:加起来|加在一起|加一块|合起来|合计|总共|一共|共计|总和|总数)"
                        r"(?:是|有|一共)?(?:多少|几|好多)?(?:[个名人份次])?[呢啊呀吧嘛]?[？?。！!]*")
# "贵州的职工董事比云南多吗", "2022年比2021年少了没有": whether one has more asks how many each has (the answer gives
# both, each from its own document; no difference is computed).
_MORE_THAN_ASKED = re.compile(r"比([^，,。？?！!]{1,12}?)(多|少|高|低)(?:了|些|一些|点)?(?:吗|不|没有|没|嘛|么)\W*$")
# How much one thing is more or less than another ("职工董事比职工监事少几个"): the documents write the two figures, never
# their difference; it is asked as both ("职工董事和职工监事各多少").
_DIFFERENCE_ASKED = re.compile(r"(?<![相对])比(?![例重率较如方])([^，,。？?！!]{1,12}?)(?:多|少|高|低)(?:了|出|出来)?(?:多少|好多|几(?:[个名人次项家条件份户位所])?)")
_NEXT_YEAR = re.compile(r"(?:前一年|上一年|(后一年|后头一年|下一年|第二年|次年))")  # next to the conversation's year
# A report pointed at as the one before (after) another of a series: "上一份报告里是多少" after a question about the
# 2022 report is of the 2021 one; "22年那份报告的上一份报告" is of 2021 too.
_NEXT_REPORT = re.compile(r"(?:(?:上|前)一?(?:份|期|年的?)|(下|后)一?(?:份|期|年的?))(?=报告|工作报告|材料)")
_YEAR_NEXT_REPORT = re.compile(r"((?:19|20)\d{2})年(?:的|那|这)?(?:一)?(?:份|篇|个)?(?:报告|工作报告|材料)?的"
                               r"(?:(?:上|前)一?(?:份|期)|(下|后)一?(?:份|期))(?:报告|工作报告|材料)?")
# What a year's report writes, said of the year ("21年写的多少", "22年报告里说的是多少"): the year's figure.
# (or what each report writes, by no year: "两年的报告分别写的多少")
_REPORT_WRITES = re.compile(r"(?:(?<=年)的?(?:报告|材料)|(?<=报告|材料|文件))(?:里|上|中)?(分别|各自|各)?(?:写的|说的|讲的|记的)"
                            r"(?=是?(?:多少|好多|几))")
_YEAR_WRITES = re.compile(r"((?:19|20)\d{2}年)(?:的?(?:报告|材料))?(?:里|上|中)?(?:写的|说的|讲的|记的|写了|写着)(?=是?(?:多少|好多|几))")
# A year said bare, as the end of a stretch of time ("到2025要培养多少", "截至2022底"): 2025年.
_UNTIL_YEAR = re.compile(r"(?<=[到至止])((?:19|20)\d{2})(?=底|末|要|前|以前|之前|时|的时候|为止|累计|总共|一共|共|[，,\s])")
# "那两个数呢", "21年的两个都给我", "21年这三个数": the two (three) figures just asked
_BOTH_BEFORE = re.compile(r"[这那](?:两|俩|三)|(?:两|三)个数|(?:两|三)项|(?:两|三)个[都也]|的(?:两|三)个(?=[都也]?(?:给|要|发|报|说|列|呢|\W|$))")
# Words asking for them, beside the pointing ("…都给我", "也要", "报一下"): nothing counted.
_HAND_OVER = re.compile(r"^(?:都|也)?(?:给|给我|要|发|发我|报|说|告诉|告诉我|列|列出|一下|下)+$")
# The document before the one the conversation was about ("上一份呢", "前一年的报告里呢")
_PREVIOUS_DOCUMENT = re.compile(r"上一份|前一份|上一篇|前一篇|上一期|上一版|上一年|前一年|之前那份|前面那份")
# A document named alone in a follow-up, after its year or place in the row ("21年的报告呢", "上一份呢")
_DOCUMENT_ALONE = re.compile(rf"(?:(?:{_PREVIOUS_DOCUMENT.pattern})的?(?:报告|文件|材料|新闻稿|新闻|报道)?"
                             r"|的?(?:那份|这份|那篇|这篇)?(?:报告|文件|材料|新闻稿|新闻|报道))(?=[呢吗嘛？?。！!]*$)")
# "云南同一年的呢": the year of the answer just given, which the question does not name.
_SAME_YEAR = re.compile(r"同一年|同年|那一年|这一年")
_NOT_YEAR = re.compile(r"(?:不是|不要|不算|别说|别要|不看|去掉|除去|除掉|拿掉|删掉|排除)((?:19|20)\d{2})年的?")  # a year set aside ("不是22年的")
_CONTINUATION = re.compile(r"^(那么|那(?![个些])|还有|那要是|要是|如果是|其他|同样|(?i:and|what about|how about)\b\s*)")
_NEW_TOPIC = re.compile(r"^(另外|换个|再问个|再问一个|还想问|我想问|请问|问一下|问下)")
# 几 opening a clause, counting what a relative clause then describes: "几个劳模工作室抱团组成的联盟" (several of
# them, joined into what is asked about), not a question of how many.
_INDEFINITE = re.compile(r"(?:(?<=^)|(?<=[，,。？?！!；;]))(?:好)?几[个家名位项条](?=[\u4e00-\u9fff]{1,12}?的[\u4e00-\u9fff]"
                         r"[^，,。？?！!；;]*[，,；;])")
# Not many, said of what the asker has seen ("我们连职代会都没开过几次", "没见过几个"): 几 after 没 asks nothing (but
# "有没有几个…" does).
_NOT_MANY = re.compile(r"(?<!有)没(?:有)?([\u4e00-\u9fff]{0,2}?)过?几(?=[次个回趟名人家])[次个回趟名人家]")
# How the asker wants the answer, never what it is about: "挑重点说", "简单说说", "说详细点", "具体讲讲".
_ANSWER_STYLE = re.compile(r"[，,。？?！!\s]*(?:(?:麻烦|请)?(?:挑|拣|捡)(?:重点|要紧的|主要的|几条)(?:的)?(?:说|讲|列)?(?:说|讲|一下|下)?"
                           r"|(?:麻烦|请)?(?:简单|简要|大概|具体|详细)(?:地)?(?:说|讲|介绍|列)(?:说|讲|一下|下)?"
                           r"|(?:说|讲)(?:具体|详细|简单|清楚)(?:点|些|一点|一些)"
                           r"|(?:麻烦|请)?(?:列|举|列举)(?:几个|几条|几项|一下|下(?=\W*$)|几个例子|个例子)"
                           # ("用一句话说说…", "…一句话，提多少": said short, as the answer's lead is)
                           r"|(?:麻烦|请)?(?:用)?一句话(?:说|讲|概括|总结|介绍)?(?:说|讲|一下|下)?"
                           # ("…多少人？原文咋说的", "原话是怎么写的": quote the sentence, which every answer does)
                           r"|(?:麻烦|请)?(?:把)?(?:原文|原话|原句|原文件)(?:是|又是)?(?:咋|怎么|如何|咋个)(?:说|讲|写|表述)的?"
                           r"|(?:麻烦|请)?(?:把)?(?:原文|原话|原句)(?:发|贴|给)(?:我|一下|出来)(?:看看|看一下)?"
                           # ("…写了几家 need原文", "两个数都要原文的": quoted, as every answer is)
                           r"|(?:need|要|需要|带上?|附上?)\s*(?:原文|原话|原句)的?)(?=[，,。？?！!\s]|$)")
_EACH_DOCUMENT_ASKED = re.compile(r"[，,\s]*(?:几个|各个|每个|每份|这几份|这几个|所有|[两三四]个|[两三四几]份)(?:报告|文件|材料|文档)(?:里|的)?"
                                  r"(?:都|各|分别)?(?:说说|讲讲|说一下|讲一下|列一下|列出来|看看|说下|讲下)[吧呗啊呀。！!？?]*$")
_LIST_REQUEST = re.compile(r"列举|列出来?|列一下|列下|列个(?:清单|单子|表)")
_COMPARED = re.compile(r"(?:对比|比较|对照|比对)(?:一下|下)?|对一下")
# "再加上贵州", "把云南21年的也加上", "云南21年的也列上": the question before, of one more document besides.
_ADDED = re.compile(r"(?:那|好的?|行|嗯)?[，,\s]*(?:再|也|还)?(?:加上|添上|补上|算上)(.{1,12}?)的?(?:数据|数)?[呢吧啊。！!？?]*"
                    r"|(?:那|好的?|行|嗯)?[，,\s]*(?:再|也)?把(.{1,12}?)的?(?:数据|数)?(?:也|都)(?:加上|添上|补上|列上|算上|加进去|放进去)[呢吧啊。！!？?]*"
                    rf"|(.{{1,12}}?)的?(?:数据|数)?也(?:加上|添上|列上|算上|加进去|(?:拿来|拿出来)?(?:{_COMPARED.pattern}))"
                    r"[呢吧啊。！!？?]*")  # (and "…的也对比一下": put beside those compared, as one more column)
_TABLE = re.compile(r"的?(?:列个?表|列成表|做(?:个|成|一个|张)?表格?|表格)")
# Numbers asked to be listed ("职代会召开次数，云南两年、贵州一年分别列出来", "双培养的数…都列出来"): the figures.
_NUMBERS_LISTED = re.compile(r"(?:次数|人数|个数|件数|条数|家数|的数|数字|数据)[^？?。]*?(?:分别|都|各自|一起)?列(?:出来|一下|下|出)")
# Asking to be given something, by no question word: "先给我…", "报一下…", "…发我".
_HANDED = re.compile(r"(?:先|再|就|麻烦|请)?(?:给我|给|报一下|报个|报|发我|发一下|要)(?:一下)?(?:看看)?([\u4e00-\u9fff]{2,12}?)"
                     r"(?:的)?(?:数|数字|数据)?")


def sum_or_difference(text: str) -> bool:
    """Whether a question asks only a sum or a difference of what came before ("加起来是多少", "差多少")."""
    own = re.sub(r"^(?:那|那么)", "", text.strip())
    return bool(_SUM_ALONE.fullmatch(own) or _COMPARED_ALONE.search(own))


def _handed_thing(text: str) -> str:
    """What a text asks to be given ("先给我职工董事" → 职工董事), "" if it asks anything else."""
    asked = _HANDED.fullmatch(text.strip(" ，,"))
    return re.sub(r"^的", "", asked.group(1)) if asked else ""


_TRAILING = re.compile(r"[呢吗呀啊吧的咧嘞噻撒嘛哦哟?？。！!\s.,，]+$")  # (咧, 嘞, 噻…: the same particles in dialect)
_QUESTION_WORD = re.compile(r"多少|几|哪|什么|啥|怎么|如何|咋|吗|是否|有没有|(?P<able>[能是会要算行对够让])不(?P=able)|可不可以|谁|为什么|多久|多长|多大|多高|好久|(?:没有|没)$|(?<=[\u4e00-\u9fff])不(?=\W*$)|how|what|which|when|who", re.I)
# Words that never name what a question is about: light verbs and predicates of a question. With only these
# left ("有多少人参加？", "占多大比例？"), the subject must come from the history.
# A light verb with its result ("建到", "搞成", "办完"): still only how, never what.
_LIGHT_RESULT = re.compile(r"[开建搞干弄做办发交评选当拿花用换]了?[到成完好]")
# What a count of each thing is called ("人数", "名额"): how many, never what is counted.
COUNT_NOUNS = ("人数", "数量", "数目", "总数", "个数", "名额", "数字", "数")
LIGHT_WORDS = frozenset(COUNT_NOUNS) | frozenset(
    """参加 参与 拿 拿了 出 出了 掏 掏了 出来 出去 下来 上来 起来 开 开了 建 建了 搞 搞了 干 弄 做 算 办 发 交 评 选 当 占 比 增加 减少 提高 一共 总共 合计 总计 共计 拿出 掏出
    次数 比例 比重 占比 多大 多少钱 钱 人 有人 多 少 大 小 现在 现有 目前 今年 去年 后面 今后 往后 将来 怎么样 咋样 情况 到哪 哪一步 一步 进展 进度
    规定 要求 计划 具体 实际 实际上 到底 究竟 分别 各自 各 各有 各是 分别是 都是 反过来 倒过来 反之 对应 相应 这块 那块 部分 有没有 能不能 是不是 人次
    提到 提及 写到 讲到 说到 谈到 身上 不能 不得 少于 低于 高于 多于 不低于 不少于
    列出 列出来 列一下 表 列表 表格 对比 对照 对一下 比较 汇总 罗列""".split()
)  # (what a document mentions is said of it, never what is asked: "贵州报告里提到的是第几届")
# (nor how the asker wants it laid out: "…分别列出来", "…列个表", "两省22年对比一下")
# How truly it is asked ("实际开了多少次", "到底有几个"): never part of what is counted (also in LIGHT_WORDS).
# Asked to give the source beside what is asked ("…建了多少个？麻烦带上出处"): every figure's answer names it anyway.
_WITH_SOURCE = re.compile(r"(?:麻烦|请|顺便|顺带|记得)?(?:带上|带着|附上|注明|标明|标上|加上|给上|写上|说明)(?:一下)?(?:出处|来源|文件名?)")
# Which way a figure went, asked of two ("22年比21年职工董事多了还是少了", "哪年的多"): the figure of each.
_MORE_OR_LESS = re.compile(r"(?:多|增加|涨|高|上升)了?还是(?:少|减少|降|低|下降)了?|哪(?:一)?年(?:的)?(?:更)?(?:多|少|高|低)")
_HOW_TRULY = r"实际上|实际|到底|究竟"
_RULE_WORDS = re.compile(r"要求|规定|至少|最少|不少于|不低于|原则上|应当|必须")  # (what a rule asks, not what was done)
_DOCUMENT_KINDS = frozenset({"报告", "意见", "文件", "新闻", "报道", "通稿", "新闻稿", "方案", "办法", "政策", "材料"})
# What a target is called, of whatever it is set for: the planned figure of a thing, as against what was done.
PLANNED = frozenset({"目标", "计划", "规划", "指标"})
_OWN_MEASURE = re.compile(r"(?:多少|几)(?:人次|[个名人次项家条件份户位所座处支场批篇元])|多少钱|比例|占比|人次|人数")
_SHARE_ASKED = re.compile(r"占(?:多少|几成|百分之几)|比例|占比|百分之几|百分比")


def _measure(text: str) -> str:
    """The measure a question asks in its own words: a counting word (次, 人次, 名), 钱, or a share ("" if none)."""
    if _SHARE_ASKED.search(text):
        return "share"
    found = _OWN_MEASURE.search(text)
    if not found:
        if re.search(r"(?:出|掏|配|配套|投|投入|拨|划拨|花|拿)了?(?:多少|几)[呢啊呀嘛哦？?。\s]*$", text):
            return "钱"  # ("企业自己又出了多少": money, paid; "多少钱" asks it so)
        named = re.search(r"(人次|次|人|场)数(?!据|字)", text)  # ("云南同年的次数呢": 次, as "多少次" asks)
        return named.group(1) if named else ""
    return "钱" if found.group(0) == "多少钱" else found.group(0).lstrip("多少几")


# "要坚持的几条原则是啥": which they are, not how many (a list)
_WHICH_ITEMS = re.compile(r"几[条项种点类个大](?:方面)?[\u4e00-\u9fff]{0,8}?(?:是啥|是什么|是哪些|有哪些|分别是|都是些?啥|都是什么|指什么|包括啥|包括什么)"
                          # ("创新工作室有哪几种，各多少个": the kinds, each with its count, as the sentence listing them)
                          r"|(?:哪几|哪些)[类种样项]?[\u4e00-\u9fff]{0,3}[，,\s]*(?:各|分别)(?:自)?(?:有|是|建了)?(?:多少|几)")
# "对首席技师的津贴咋规定的", "报告里是咋个说的": how a text words it asks what it says (a fact), not a way to do it.
_SAID_HOW = re.compile(r"(?:怎么|咋|如何|怎样)个?(?:规定|要求|说|讲|写|提|定)(?:的|了)?")  # (…津贴怎么定的: what was set)
_ASKS_RULE = re.compile(r"要求|规定|至少|最少|不少于|不低于|不得|应当|必须")
# What there is now, or was done by now ("现在建了多少个", "目前有几个"): not what a target year plans.
_NOW = re.compile(r"现在|目前|眼下|如今|当前|截至目前|到目前|已经")
# How workers of the south-west (西南官话: 云南, 贵州, 四川) write their questions, read as standard Mandarin before any
# other step, so that every later rule sees one language. Grammar words only, never a term of any document:
# - 好多 asks how many ("签了好多份", "一共好多人", "占好多") unless the sentence asks something else or says "many"
#   ("好多人都参加了吗"); 好大 asks how large; 好久 asks when before a verb of starting ("好久印发的", "好久开始执行"),
#   else how long;
# - 啥子 什么, 咋个/咋样子 怎么, 哪点/哪儿点 哪里, 没得 没有, 晓得 知道, 一哈 一下, 最起码 至少, 屋头 家里, 整了/整到 搞…,
#   嘞 before a noun 的, 头 after a place 里 (厂头);
# - "开了几回" and "多少场次" count 次, "占几成" asks a share.
# Words read as they are said in standard Mandarin wherever they stand.
_DIALECT_WORDS = {"好大": "多大", "啥子": "什么", "咋个": "怎么", "咋样子": "怎么", "哪点": "哪里", "哪儿点": "哪里",
                  "没得": "没有", "晓得": "知道", "最起码": "至少", "屋头": "家里"}
# Cantonese as people type it (粤语, read after traditional characters are simplified): its grammar words in standard
# Mandarin, so that "搞咗几多次", "企业嗰边配套几多", "系唔系617名" read as the same questions. 系 alone is left (体系,
# 系数); only 系唔系 and 唔系 are 是.
_CANTONESE_WORDS = {"几多": "多少", "咗": "了", "嘅": "的", "嗰": "那", "佢哋": "他们", "佢": "他", "边个": "哪个",
                    "乜嘢": "什么", "咩": "什么", "点样": "怎么", "有冇": "有没有", "冇": "没有", "喺": "在", "啲": "些",
                    "系唔系": "是不是", "唔系": "不是", "唔": "不", "系咩": "是什么", "系乜": "是什么", "係咩": "是什么",
                    "係乜": "是什么", "𠮶": "那", "几时": "什么时候", "攞": "拿"}
_COUNTED_KINDS = r"(?:个数|人数|次数|份数|件数|户数|家数|条数|人次|名数|钱数?|金额|比例|百分比)"
# The part of an amount of money that goes to something ("用于一线职工的", "花在一线工人身上的")
PORTION_OF_MONEY = re.compile(r"(?:花|用|投|投入|花费)(?:在|到|于)[\u4e00-\u9fff]{2,8}?(?:身上|上|里)?的")
# What has a deadline, where 截止 is one ("我想报名比武，截止到啥时候")
_DEADLINE = re.compile(r"报名|申请|申报|提交|报送|递交|交材料|报到|截止日期|截止时间")
_COLLOQUIAL_ASKING = (
    # the fillers of speech before what is asked ("嗯就是那个征集职工的意见建议…", voice input): no part of it
    (re.compile(r"^\s*(?:(?:嗯+|呃+|额+)[，,\s]*(?:就是)?[，,\s]*(?:那个)?|就是那个)[，,\s]*(?=\S)"), ""),
    # a number told roughly, then the exact one asked ("推进会有一百多人参加具体多少人"): what is asked is the figure
    (re.compile(rf"(?:有|约|大概|差不多|好像)?[零〇一二两三四五六七八九十百千万\d.]+(?:多|来|余)(?:{UNITS})"
                r"(?=[^，,。？?！!]{0,6}?[，,\s]*(?:具体|到底|准确|确切)(?:是|有)?(?:多少|几))"), ""),
    # the document's own words pointed at ("意见原话里占比要达到多少"): in that document, as "意见里" says
    (re.compile(r"(?<=意见|报告|文件|材料|通知|方案|报道)(?:的)?(?:原文|原话|原句)(?=里|中|上)"), ""),
    # what the enterprise WeChat adds to a message: the assistant @-mentioned ("@产改小助手 职工驿站几个"), stickers
    # written as text ("[捂脸]", "[强]")
    (re.compile(r"^\s*[@＠][^\s，,:：]{1,20}[\s，,:：]*|\[[\u4e00-\u9fffA-Za-z]{1,6}\]"), ""),
    # another topic announced ("对了，问个别的，…", "换个话题，…"): a new question, as 另外 says
    (re.compile(r"^(?:对了|哦对了|还有)?[，,、\s]*(?:再|我再|我)?(?:问|说)(?:个|一个|点|一下|下)?(?:别的|其他的?|另外的?)(?:事儿?|问题|事情)?"
                r"[呀啊哈哦吧]?[，,：:。！!\s]*|^换个(?:话题|问题)[，,：:。！!\s]*"), "另外，"),
    # money spent on someone, as a policy writes it ("用在一线职工身上的" is 用于一线职工的)
    (re.compile(r"(?:用|花|投)(?:在|到)([\u4e00-\u9fff]{2,8}?)身上"), r"用于\1"),
    # a greeting before the question ("早上好 推进会大概多少人参加", "你好，职工驿站几个"): no part of what is asked
    (re.compile(r"^(?:你好|您好|早上好|早|上午好|中午好|下午好|晚上好|早安|大家好|hi|hello|hey|哈喽|嗨|在吗|在不在|打扰了|打扰一下)"
                r"(?:呀|啊|哈|呢|哦)?[！!。.,，~～、\s]+(?=\S)", re.I), ""),
    # a quiz item pasted in ("判断题：职工董事每届任期5年，对还是错？", "判断：…约180人参加（ ）"): a statement put to be
    # confirmed, as "…，对吗" is; the label of any other item ("单选：", "填空题：") is no part of what is asked
    (re.compile(r"^\s*(?:判断题?|判断对错|对错题|是非题)\s*[：:，,\s]\s*(.+?)[，,。\s]*(?:[（(]\s*[)）]|对还是错|是对是错|对不对"
                r"|是否正确|正确吗|对吗|对吧)?[？?。！!\s]*$"), r"\1，对吗"),
    (re.compile(r"[，,]?\s*(?:对还是错|是对是错|是否正确)(?=[？?。！!\s]*$)"), "，对吗"),
    (re.compile(r"^\s*(?:单选题?|多选题?|选择题|填空题?|竞赛题|知识竞赛题?|考题)\s*[：:，,\s]\s*"
                r"|^\s*(?:这|那)?一?道?题的?(?:答案)?(?:是|该|应该)?(?:选|填|咋填|怎么填)?(?:啥|什么|哪个|多少)?\s*[：:]\s*"
                # (题 said of the quiz, "这道题", or alone; not the end of a word, "标题是啥" asks a title)
                r"|[，,。\s]*(?:(?:这|那)一?道?|一?道|(?<![\u4e00-\u9fff]))题的?(?:答案)?(?:是|该|应该)?(?:选|填|是)(?:啥|什么|哪个|几)[呀啊嘛呢]?"
                r"(?=[？?。！!\s]*$)"), ""),
    # its blank, what is asked: a figure where a unit follows ("共有职工董事（ ）名" asks 多少名), a date where it begins
    # something ("自（ ）起施行"), else a thing ("列为示范点的是（ ）和（ ）")
    (re.compile(rf"(?:[（(]\s*[)）]|_{{2,}})(?=\s*(?:多|余)?(?:{UNITS}))"), "多少"),
    (re.compile(r"(?:[（(]\s*[)）]|_{2,})(?=\s*(?:起|开始|印发|施行|召开|举办))"), "什么时候"),
    (re.compile(r"(不低于|不少于|不超过|达到|超过|约为|约)\s*(?:[（(]\s*[)）]|_{2,})"), r"\1多少"),
    (re.compile(r"[（(]\s*[)）]|_{2,}"), "什么"),
    # which of two measures a number is ("146是个数还是人数", "3.37万是人数还是钱"): what the number counts
    (re.compile(rf"(?:是|算|指)?(?:指的是)?{_COUNTED_KINDS}还是{_COUNTED_KINDS}"), "是啥的数"),
    # (or whether it is one year's or a running total, which its sentence's year or 截至 says: "职代会开了728次，这个
    # 是22年一年的还是累计的")
    (re.compile(r"(?:是|算)?(?:(?:19|20)?\d{2}年)?(?:一年|当年|全年|这一年|那一年)的?还是(?:累计|总共|加起来|历年)的?"
                r"|(?:是|算)?(?:累计|总共|加起来|历年)的?还是(?:(?:19|20)?\d{2}年)?(?:一年|当年|全年|这一年|那一年)的?"), "是哪年的数"),
    # 截止到, as people write 截至, of a figure ("4883份是截止到啥时候的数", "截止2022年底"; not a deadline, "报名截止
    # 日期", "我想报名比武，截止到啥时候")
    (re.compile(r"(?:截止到?|截至到)(?=目前|现在|\d|今|去|前|年底|[啥什哪])"),
     lambda m: m.group(0) if _DEADLINE.search(m.string) else "截至"),
    (re.compile(r"好久(?=[\u4e00-\u9fff]{0,3}(?:开始|印发|发布|出台|实施|施行|执行|生效|开的|办的|发的|定的))"), "什么时候"),
    (re.compile(r"好久"), "多久"),
    # a thing, then two levels of it ("文明单位全国级的和省级的各有几家"): each level's thing
    (re.compile(r"([\u4e00-\u9fff]{2,8}?)((?:全国|国家|省部|全省|省|市|县)级?)的?(和|跟|与|、)((?:全国|国家|省部|全省|省|市|县)级?)的?"
                r"(?=各|分别|都)"), r"\2\1\3\4\1"),
    # a sum asked however said ("全国劳模跟省部级劳模加一起多少人") is 一共, whose two things are then each given
    # (of two things joined before it; not "联合起来组成的…", nor "这些加起来", the sum of a list no document states)
    (re.compile(r"((?:和|跟|与|同)[^，,。？?！!]{1,12}?)(?:加(?:在)?一起|加一块儿?|加起来|(?<!联)合起来|合一块儿?)(?:一共|总共)?"),
     r"\1一共"),
    (re.compile("|".join(sorted(_DIALECT_WORDS, key=len, reverse=True))), lambda m: _DIALECT_WORDS[m.group(0)]),
    (re.compile("|".join(sorted(_CANTONESE_WORDS, key=len, reverse=True))), lambda m: _CANTONESE_WORDS[m.group(0)]),
    (re.compile(r"一哈(?![\u4e00-\u9fff]{0,1}[么嘛])"), "一下"),
    (re.compile(r"整(?=了|到|成|出|起)"), "搞"),
    (re.compile(r"嘞(?=[\u4e00-\u9fff])"), "的"),  # "参加劳动竞赛嘞人次" (嘞 at the end is 呢, and stays)
    # "在企业头", "厂头": 头 after a place is 里 ("师带徒在省属企业头是咋个搞的")
    (re.compile(r"(?:(?<=[厂矿])|(?<=企业|单位|公司|车间|班组|集团))头(?=是|的|有|都|咋|怎|[，,？?。！!]|$)"), "里"),
    # "企业那头", "国资委这头": that side, 那边 ("企业那头自己又掏了多少")
    (re.compile(r"(?<=[\u4e00-\u9fff])([那这])头(?=[\u4e00-\u9fff，,？?。！!]|$)"), r"\1边"),
    # English asking in the measure it counts: "how many people" is 多少人 (people is no thing counted, 人 is its unit)
    (re.compile(r"\bhow many (?:people|persons)\b", re.I), "多少人"),
    (re.compile(r"\bhow many times\b", re.I), "多少次"),
    (re.compile(r"\bhow often\b", re.I), "多久一次"),
    (re.compile(r"\bat least\b|\bminimum\b", re.I), "至少"),
    (re.compile(r"\brequire[sd]?\b", re.I), "要求"),
    (re.compile(r"\bwhat (?:percentage|proportion|share|percent|ratio)\b|\bwhat %", re.I), "比例多少"),
    # English years: "this year" is 今年 (refused as 2026, no document's), "in 2021" a year asked
    (re.compile(r"\b(?:the )?year before last\b", re.I), "前年"),
    (re.compile(r"\b(?:this|the current) year\b", re.I), "今年"),
    (re.compile(r"\blast year\b", re.I), "去年"),
    (re.compile(r"\bnext year\b", re.I), "明年"),
    (re.compile(r"\b(?:in|for|of|during|from|year)\s+((?:19|20)\d{2})\b(?!\s*年)", re.I), r" \1年"),
    (re.compile(r"\bhow much money\b", re.I), "多少钱"),
    # English following up on the last question with only what changes: "what about Guizhou?" is "贵州呢"
    (re.compile(r"^\s*(?:(?:and|so|then|ok|okay)[\s,]+)?(?:what|how) about\s+([^?？]+?)[\s?？.!]*$", re.I), r"\1呢"),
)
_COUNTED_AS = (  # after 好多 is read: "整了好多回" → 搞了多少次
    (re.compile(r"(多少|几)(?:回|场次|场(?![地所馆子景]))"), r"\1次"),
    (re.compile(r"(?<=[搞办开比])一回(?![事家来去])"), "一次"),  # "好久搞一回" → 多久搞一次
    (re.compile(r"占?(?:几|多少)成"), "占多少比例"),
    (re.compile(r"(多少|几)间"), r"\1个"),  # ("劳模室有多少间": rooms, which the documents count in 个)
    # (an amount of money in 块, as people say it: "八百块", "800块钱" are 元)
    (re.compile(r"(?<=[\d十百千万])块(?:钱)?"), "元"),  # (not 这一块, 一块儿: a part, together)
)
# 好多 is 多少 where nothing else in the sentence asks and it is not "very many" (好多人都…, 好多年).
# (not "many years", "干了好多年了"; but asked at the end, "职工董事一届好多年": how many)
_HAODUO = re.compile(r"(?<![很太那这真])好多(?!都|次都|人都)(?!年(?![呢嘛啊哦喃嘞噻？?\s]*$))")
_ASKS_ELSE = re.compile(r"多少|几[个名人次项家条件份户位所]|吗|是不是|有没有|什么|怎么|哪")


# "How many worker service stations (职工驿站) …": the term in brackets is what the English words before it name.
_GLOSSED = re.compile(r"((?:[A-Za-z][A-Za-z'-]*\s+)*[A-Za-z][A-Za-z'-]*)\s*[（(]([\u4e00-\u9fff]{2,12})[)）]")
# (words that end the glossed noun going back: not of, for, and, which are inside one, "rest stops for workers")
_ENGLISH_GRAMMAR = frozenset("how many much what which who when where the a an in on at did do does had has have is are was "
                             "were by to number total".split())


def _glossed(match: re.Match) -> str:
    words = match.group(1).split()
    while words and words[-1].lower() not in _ENGLISH_GRAMMAR \
            and " ".join(words[-2:]).lower() not in ("number of", "total of"):
        words.pop()  # (the noun the brackets gloss, back to the grammar before it)
    return " ".join([*words, match.group(2)])


def colloquial_asking(text: str) -> str:
    text = _GLOSSED.sub(_glossed, text)
    for pattern, replacement in _COLLOQUIAL_ASKING:
        text = pattern.sub(replacement, text)
    if "好多" in text:
        for clause in re.split(r"(?<=[，,。？?！!；;])", text):
            if "好多" in clause and not _ASKS_ELSE.search(clause):
                text = text.replace(clause, _HAODUO.sub("多少", clause), 1)
    for pattern, replacement in _COUNTED_AS:
        text = pattern.sub(replacement, text)
    # A verb-object word with 了 inside it is the word ("入了党" is 入党, "开了会" 开会), as the glossary writes it.
    return _SEPARATED.sub(r"\1\2", text)


_SEPARATED = re.compile(r"(入|开|请|加|拜|离|退|转|评|立)了(党|会|假|班|师|职|休|正|先|功)")


# A two-digit year typed alone as a word ("权重 云南 21", "21 22"): between separators, not after 第/前/近.
_BARE_YEAR = re.compile(r"(?:^|(?<=[\s,，、和]))(1[5-9]|2\d)(?=$|[\s,，、和?？])")
# What keywords add to the thing they count: how many, compared, changed ("职工董事 人数", "母婴室 对比").
_KEYWORD_FILLER = re.compile(r"人数|数量|数目|总数|个数|数据|数字|对比|比较|变化|情况|现有|目前|现在|一共|总共|合计|累计")
# (what is left of a request only to list: "都给我列一下吧")
_ONLY_LISTING = re.compile(r"[都也再请麻烦你帮给我们一下来吧呗哈呢嘛吗？?！!。.,，\s]")
# (a bound a rule sets between a thing and its number: 任期不超过3年)
_BOUND_WORDS = re.compile(r"不|超|低|少|至|多|高|约")
# (a four-digit one, "2021 2022 职工董事"; and "贵州/云南", "现有/目标": both)
# (or written against the words after it, "2021云南职工创新工作室数量": a year, not a count, when no measure word follows)
_BARE_FULL_YEAR = re.compile(r"(?:^|(?<=[\s,，、和]))((?:19|20)\d{2})(?=$|[\s,，、和?？]"
                             r"|(?![个名人万元次条件份家户多余届项位场所块千百亿号月日天周期批轮年])[\u4e00-\u9fff])")
_SLASH_JOIN = re.compile(r"(?<=[\u4e00-\u9fff\d])\s*[/／]\s*(?=[\u4e00-\u9fff\d])")
# A year written with two digits ("云南21年慰问了多少人"), not a length of time ("干了21年", "21年来").
# ("22年底": the end of 2022; "干了12年底薪还…": a length of time, then 底薪)
# ("有没有21年的": a year asked of; "有21年了": a length of time. "21年多少人": the year, "21年多": a length)
_SHORT_YEAR = re.compile(r"(?<!工作)(?<![\d.了干做近满第])(?<!(?<!没)有)([0-2]\d)年(?![代来了前后半]|多(?!少)|底[薪子])")
_TWO_SHORT_YEARS = re.compile(r"(?<![\d.])(2[0-9])(、|和|跟|与|及)(2[0-9])(?:两|这两|那两)?年(?![代来了前后半])")
_YEAR_ASKED = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年[底末初度]?|\b|(?=那年|那一年|这一年|那会|那时))")
# (年底: a date in the year, no topic; "2020那年": the year, its 年 said by 那年)
_CN_DIGITS = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")
# A year said in Chinese numerals: all four ("二〇二二年") or, as it is spoken, the last two ("二二年云南职工董事"); not
# within a longer number or a count of years ("十二年", "第二二年", "这两年").
_CN_SHORT_YEAR = re.compile(r"(?<![〇零一二三四五六七八九十百千万两几第每这那近前后多了干做满有])"
                            r"([〇零一二三四五六七八九]{4}|[一二][〇零一二三四五六七八九])年(?![代来了多前后半]|底[薪子])")


def _spoken_year(text: str) -> str:
    return _CN_SHORT_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(1)) + "年", text)


# A congress one is a deputy of (二十大, 省第十一次党代会, 人代会): those who went to it are its deputies.
_CONGRESS = r"[\u4e00-\u9fff]{0,8}?(?:二十大|党代会|人代会|人大|政协|代表大会)"
# "实施意见第几条是讲职工监事的", "这是第几条": which article of a policy says it (the article heading its sentence is of)
WHICH_ARTICLE = re.compile(r"第几条|哪一?条(?:规定|讲|说|写|提)|哪个条款|(?:在|是|出自|来自|源自|见于?)哪一?条|的哪一?条(?![\u4e00-\u9fff])"
                           r"|(?:^|[,，;；\s])哪一?条(?:呢|嘛|啊)?[？?。!！]*$"  # ("职工监事要占好多比例 哪一条")
                           r"|第几章|哪一?章"  # (or its chapter: "这条在第几章")
                           r"|(?:哪一?个?|第几个?)(?:部分|方面|板块)")  # (or a report's part: "这个数出自报告哪一部分")
# "反过来呢", "倒过来的呢": a follow-up asking what was asked before the other way round (of who became what).
_REVERSED = re.compile(r"^(?:那么?|那)?(?:反过来|倒过来|反之)(?:的|说)?(?:呢|嘞|喃|咧)?[？?。！!]*$")
_BECOMING = re.compile(r"^把?(.+?)((?:被)?(?:培养|发展|转变|转化|带|变|转)成(?:了|为)?)(.+)$")


def _reversed(noun: str) -> str:
    """"生产骨干培养成党员" → "党员培养成生产骨干"; a noun that says no becoming stays as it is."""
    found = _BECOMING.match(noun)
    return f"{found.group(3)}{found.group(2)}{found.group(1)}" if found else noun


_BOTH_YEARS = re.compile(r"(?<![这近最\d])(?:两|2)年(?:各|分别|都|的|之间)")  # ("两年各多少": each of the years covered)
_EARLIER_TERM = re.compile(r"(?:前|上)一?届|往届|历届")  # an earlier session of a body or contest
_RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}
_RECENT = re.compile(r"(这两年|近两年|最近两年|这一两年|近一两年)|最近(?:一|几|两|三)?个月|这个月|上个月|本月|最近半年|近半年"
                     r"|这半年|最近一周|这周|上周|本周"
                     # (or whether it is still so now: "现在还是一年开这么多次吗")
                     r"|(?:现在|如今|眼下)(?:还是|仍然|依然|也还是)")
_STORY_PERSON = re.compile(r"我|俺|咱家|家里|老婆|爱人|媳妇|老公|孩子|娃|她|他")
# The asker saying what they meant ("我是说23年的，…", "我问的是黔磷化工集团，…"): what is asked, no story told.
_SAYS_MEANT = re.compile(r"\s*(?:我|俺)(?:是说|说的是|是问|问的是|的意思是|要的是|想问的是|是想问)")
# "我在昆明上班": a place that is the asker's own situation, not something asked about.
_SITUATION = re.compile(r"(我|俺|本人|我们|咱们|俺们|我家|家里|老婆|爱人|孩子)的?(厂|单位|公司|分公司|子公司|企业|车间|工地|矿|项目)?"
                        r"(现在|目前|一直|就)?(在|是|来自|住在|从)$|(去|到|赴|来)$|^在$")
_CLAUSE_ENDS = "，,。？?！!；;"
# Asked to say the answer just given again, or shorter, or its sentence ("再说一遍数字", "简单说就是多少", "原文怎么写的"):
# nothing asked of its own; the question before is answered again (see Assistant.ask).
ASKED_AGAIN = re.compile(r"(?:那|你|麻烦|请|能不能|可以)?(?:两个|这两个|俩|都)?(?:一起)?(?:再|重新)(?:说|讲|发|回答|答)(?:一遍|一次|一下|下)"
                         r"(?:刚才的?|那个|这个)?(?:数字?|答案|结果)?(?:[，,]?(?:带上|加上|附上|连同)(?:出处|来源|原文))?"
                         # (a doubt, which the same answer and its sentence meet: "你确定？我记得是一万四千多次")
                         r"|(?:你)?(?:确定|肯定|真的|没搞错|没弄错)(?:吗|么|嘛|不|吧)?"
                         r"(?:[？?，,！!。\s]*(?:我|俺)(?:记得|印象中|咋记得|怎么记得|听说)[^？?。]{0,20})?"
                         # (or only the figure of it: "行，就说个数")
                         r"|(?:行|好|好的|嗯|那)?[，,]?(?:就|只)(?:说|给|讲)(?:个|一个)?(?:数|数字)"
                         r"|(?:那|所以)?(?:简单|简要|直接)(?:点|些|一点)?(?:说|讲|来说)?(?:就是|给个?|说个?)?(?:多少|几个|数字?|结论)"
                         # (and nothing else with it: "直接给数字别加别的")
                         r"(?:[，,]?(?:别|不要|不用)(?:加|说|讲|扯|带)?(?:别的?|其他的?|废话|多余的?|那么多))?"
                         r"|(?:那|所以)?(?:就是)?多少[，,]?直接(?:给|说)个?数字?"
                         r"|(?:那|把)?(?:原文|原话|原句)(?:是|又是)?(?:咋|怎么|如何|咋个)(?:说|讲|写|表述)的?"
                         # (which sentence it is from: "出自哪句", "这个数引自哪句话"; the answer quotes it)
                         r"|(?:那|这|这个数?|那个数?)?(?:是)?(?:出自|来自|引自|摘自)(?:原文)?(?:的)?哪(?:一)?(?:句|句话|段|段话)(?:原文|原话)?"
                         # (said more simply: "再简单点", "说通俗点"; the answer quotes the documents, and is said again)
                         r"|(?:能不能|可以|请|麻烦)?(?:再|说得?|讲得?)?(?:简单|通俗|简短|直白)(?:一)?(?:点|些)(?:说|讲)?"
                         r"(?:[，,\s]*(?:用)?一句话(?:说|讲|概括|总结)?(?:一下|下)?)?|(?:用)?一句话(?:说|讲|概括|总结)(?:一下|下)?|说人话")


# A message that checks the answer just given, asking nothing new: the same answer and its sentence meet it. Its parts,
# said in any order: a doubt ("你确定？", "不对吧", "再查查") or of which year the figure is ("是21年的还是22年的"), and
# beside it what the user heard or saw instead ("我看到的是716名", "是不是65272"), a plea to be exact ("别搞混了") or
# where it is written ("出处呢").
_CHECKING = re.compile(
    r"(?:你|那)?(?:确定|肯定|真的|没搞错|没弄错|没记错|没看错|搞错了|弄错了|说错了|记错了)(?:吗|么|嘛|不|吧|没|没有)?"
    r"|不对(?:吧|啊|呀|哦|哟|嘛)?|不是吧|真的假的|是吗|有没有搞错|"
    r"(?:你|麻烦|请)?(?:再|重新|好好)+(?:查|核实|核对|确认|看|翻)(?:查|看|一下|下|一遍|一次)?(?:看)?"
    r"|(?:这|这个|那|那个|刚才那个)?(?:数|数字|数据)?是(?:哪年|哪一年|\d{2,4}年)的?(?:数|数据)?还是(?:\d{2,4}年)的?(?:数|数据)?")
_CHECKED_AGAINST = re.compile(
    r"(?:我|俺)?(?:记得|印象中|咋记得|怎么记得|明明记得|听说|听人说|看到的?是?|看的是|查到的?是?)[^，,。？?！!\s]{1,20}"
    r"|是不是[^，,。？?！!\s]{1,12}|不是[^，,。？?！!\s]{1,12}吗"
    r"|(?:别|不要|不能)(?:搞混|弄混|搞错|弄错|混了|错了)了?|我要准的|要准确的?"
    # (where it is written, beside a request to check or quote it: "出处呢，原文咋写的"; alone, it asks the document)
    r"|(?:那|这个|这)?(?:出处|来源)(?:呢|在哪|在哪里|在哪儿|是啥|是什么|是哪里)?")


# The answer to one of the questions asked before, pointed at by its place ("刚才第一个问题那个数，再说一遍", "第二个问题的
# 答案是啥来着"): that question, asked again.
_NTH_QUESTION = re.compile(r"(?:刚才|刚刚|前面|之前|最开始|一开始|开头)?(?:的|问的)?(?:第([一二三四五12345])个|头一个)问题"
                           r"(?:的|里的|那个|问的)*(?:那个)?(?:数|数字|答案|结果)?(?:是多少|是啥|是什么)?(?:来着)?")


def nth_question_asked(text: str) -> int | None:
    """Which of the questions asked before (1 for the first) a message asks again by its place, if that is all it
    asks (see _NTH_QUESTION); None otherwise."""
    parts = [_TRAILING.sub("", p) for p in re.split(r"[，,。？?！!\s]+", _TRAILING.sub("", text.strip())) if _TRAILING.sub("", p)]
    nth = [m for p in parts if (m := _NTH_QUESTION.fullmatch(p))]
    if len(nth) != 1 or not all(_NTH_QUESTION.fullmatch(p) or ASKED_AGAIN.fullmatch(p) for p in parts):
        return None
    said = nth[0].group(1)
    return 1 if not said else "一二三四五".find(said) + 1 if said in "一二三四五" else int(said)


def two_questions_in(text: str) -> bool:
    """Whether a message asks two things or more, each in a clause of its own ("推进会上有几家单位发言，我们单位明年能上去
    讲不")."""
    return sum(bool(_QUESTION_WORD.search(c)) for c in re.split(r"[，,。？?！!；;]", text)) >= 2


def asked_again(text: str) -> bool:
    """Whether a message only asks for the answer just given again (see ASKED_AGAIN), whatever particles end it, or
    only checks it (see _CHECKING)."""
    said = _TRAILING.sub("", re.sub(r"[~～]+$", "", text.strip()))
    if ASKED_AGAIN.fullmatch(said):
        return True
    parts = [_TRAILING.sub("", p) for p in re.split(r"[，,。？?！!\s]+", said) if _TRAILING.sub("", p)]
    return any(_CHECKING.fullmatch(p) or ASKED_AGAIN.fullmatch(p) for p in parts) and all(
        _CHECKING.fullmatch(p) or _CHECKED_AGAINST.fullmatch(p) or ASKED_AGAIN.fullmatch(p) for p in parts)


# A remark in brackets after a noun, saying which of it ("职工创新工作室（省级的）", "职代会(云南的)").
# (not one setting something aside, "（不是全国的）", "（不只是省属的）": see _SET_ASIDE)
_BRACKETED_WHICH = re.compile(r"([\u4e00-\u9fff]{2,12})[（(](?![不非除别没])([\u4e00-\u9fff\d]{1,8}的)[)）]")


# "哪个省的职工驿站多", "哪一年的权重高": which of the regions or years named (see QueryReader._read_one)
_WHICH_DOCUMENT_MORE = re.compile(r"(?:哪一?份|哪一?年|哪个年份|哪个省份?|哪一个省)(?:的)?(?:报告|文件|材料)?(?:里|中|里面)?(?:的)?"
                                  r"[更最]?([多少高低])(?=[些点呢啊呀吗？?，,。！!]|$)")  # (the most of all: see the writer)
_WHICH_OF_TWO = re.compile(r"哪(?:个|一个|一)?(?:省份?|边|地方|年)的?([\u4e00-\u9fff]{2,14}?)(多|少|高|低|大|小)")
_WHOSE_MORE = re.compile(r"(?:谁|哪个|哪边)的?(?!得)([\u4e00-\u9fff]{2,14}?)(?<!得)(?:更|还|要)?([多少高低])(?=[些点呢啊呀吗？?，,。！!]|$)")
# The same measure asked again of another year or region, as it is or as it became ("…21年是多少，22年又是多少",
# "22年提高到多少了"): no other thing counted.
_SAME_AGAIN = re.compile(r"^(?:那|那么)?(?:又|还|也|则)?(?:是|有|为|(?:提高|提升|增加|增长|上升|上涨|涨|降低|下降|减少|降|调整|变)"
                         r"(?:到|为|成)?)?$")
_VERSUS = re.compile(r"\s*(?<![A-Za-z])(?:vs\.?|v\.s\.|pk)(?![A-Za-z])\s*", re.I)
_SELF = re.compile(r"(?:我|俺|本人|我们|咱们|人|我老婆|我爱人|我老公|我家|我老家|老家)")


def _told_of_self(text: str, at: int) -> bool:
    """Whether the name at `at` is in a clause the asker tells of themself and asks nothing in ("人在昆钢，想问…",
    "我老家昭通，现在在昆明一家省属企业上班，…", "我在六盘水乌蒙煤电下井，…"): where they are, not what is asked."""
    start = max(text.rfind(p, 0, at) for p in _CLAUSE_ENDS) + 1
    ends = [i for i in (text.find(p, at) for p in _CLAUSE_ENDS) if i >= 0]
    if not ends:  # (only in what is told before the question: a clause ends it)
        return False
    clause = text[start: min(ends)]
    told = bool(_SELF.match(clause)) or (start > 0 and bool(_SELF.match(text)) and bool(
        re.match(r"(现在|目前|平时|一直)?(在|是)", clause)))
    return told and not _QUESTION_WORD.search(clause)


# A whole opening clause saying where the asker works, and at what ("我在昆钢上班，…", "我是建投的，…", "我在昆钢干了三年
# 钳工，…"): not searched for.
OWN_SITUATION = re.compile(r"^(我|俺|本人|我们|咱们|我老婆|我爱人)(现在|目前|一直|就)?(在|是)[^，,。？?！!]{1,20}"
                            r"(上班|工作|干活|打工|任职|的|[干做]了?[^，,。？?！!]{0,10})[，,]"
                            # (or what one's job is: "我是一线焊工，…")
                            r"|^(?:我|俺|本人)(?:现在|目前|就)?是(?:个|一个|一名|名)?[\u4e00-\u9fff]{1,8}?(?:工|员|手)[，,]")
# A number half remembered, right before asking it exactly: no part of what is asked.
# "不是…吗" put as a question ("推进会不是在遵义开的吗", "职工董事不是职代会选的吗"): "isn't it…?", asking yes or no as
# "是…吗" does (not 是不是, 还不是, nor a clause setting a thing aside: "不是劳模那个" ends in no 吗).
_RHETORICAL_NOT = re.compile(r"(?<![是要算还并也就都])不是(?=[^，,。；;？?！!]{2,24}(?:吗|嘛|么)[？?！!。\s]*$)")
_HEDGED_NUMBER = re.compile(r"(?:好像|似乎|大概|大约|貌似|估计|应该|听说|记得)?是?(?:[\d.]+|[零〇一二两三四五六七八九十百千万亿]{2,})[多余来]?"
                            r"[名个人次份家条件项户位元]?(?:吧|吗|左右)?(?=[？?，,]\s*(?:那|那么)?(?:具体|到底|究竟|准确)?(?:是|有)?(?:多少|几))")
# A follow-up that corrects how the one before it was read ("不是这个，我问的是母婴室", "不对，是…", "搞错了，…"): what it
# names replaces what the conversation was about.
_UH = r"(?:哦|呃|额|啊|噢|嗯|唉)?[，,\s]*"  # (what a correction may open with)
_MISTAKEN = r"不对|说错了|搞错了|打错了|弄错了|写错了|记错了|错了"  # (how one says one got it wrong)
_CORRECTING = re.compile(rf"^{_UH}(?:不是这个|不是那个|不是这|{_MISTAKEN}|我不是问|不是问)")
# A correction of what was just typed ("职工监事，哦不对，是职工董事", "…，呃不对，我要21年的", "搞错了，我要的是…",
# "…不，22年的"): what follows it is what is meant.
_SELF_CORRECTION = re.compile(rf"(?:^|[，,。.…~～\s]+){_UH}(?:{_MISTAKEN}|不不)"
                              r"[呀啊了哈]?(?:不对)?[，,。.…！!\s]*(?:应该|我|俺)?(?:是|要|问|说|找)?(?:的是|的)?"
                              r"|(?<=[，,…])\s*不[，,]\s*")
# A year as typed, full or short ("2022", "2021年", "21年").
_WRITTEN_YEAR = re.compile(r"(?:19|20)\d{2}年?|(?<!\d)[0-2]\d年")
# A number seen, asked what it is ("617是啥的数", "208人是啥称号的人数", "0.05的权重是哪个省的考核", "三分之一是什么比例",
# "4家单位是干嘛的", "360万元是谁拨的"): the number first, then what is asked of it.
NUMBER_SEEN = re.compile(r"^(?:那个|这个|那|这|报告里的?|文件里的?|新闻里的?)?"
                          r"(?P<num>\d+(?:\.\d+)?|[一二三四五六七八九十]分之[一二三四五六七八九十])"
                          r"(?P<unit>万[元人]?|%|人次|[个名人次份家条件项户位元所座处支场批篇])?(?:以上|左右|余|多)?"
                          r"(?!年|月|日|号)(?:的|那个|这个)?[\u4e00-\u9fff]{0,6}?"
                          r"(?:(?:是|指|说的是|指的是|讲的是|算)(?:[\u4e00-\u9fff]{1,4}的)?(?:个|的)?"  # ("2943名是发展的啥")
                          r"(?:啥|什么|哪(?![几些两二三四五六七八九十\d])|谁|干嘛|干啥|咋回事)"
                          r"|(?:是|算)[\u4e00-\u9fff]{1,6}还是)"  # ("146个是母婴室还是驿站")
                          r"(?![^。？?]*?(?:名单|名字|叫啥|叫什么))")  # (not which ones by name: "7家全国文明单位是哪几家")
# An afterthought after the question, marked as one ("…？ps：工地信号差，回慢了别介意"): it asks nothing of the question.
_AFTERTHOUGHT = re.compile(r"(?<=[。？?！!…~～])\s*(?:ps|p\.s\.)\s*[:：,，]?(.*)$", re.I | re.S)
# Who a question is relayed from, said first in a clause of its own ("领导又问，", "主任还想知道：").
# What the answer is for, said in a clause of its own ("…，明年排计划要用", "下周开职代会要用"): no year or thing asked.
_PURPOSE = re.compile(r"(?:[，,。；;？?！!]\s*|^)((?:明年|今年|下周|下个月|月底|年底|下半年|回头|最近)[\u4e00-\u9fff]{0,8}?"
                      r"(?:要用|用得上|用得到|做参考|参考)(?:一下)?[啊呀呢哈的]?"
                      # (or what the asker will do with it: "我们党委想照着做")
                      r"|(?:我们|咱们|俺们|我|俺)[\u4e00-\u9fff]{0,6}?(?:想|打算|准备|也想)(?:照着做|照着搞|照做|学习一下|学一下|借鉴|参考)"
                      r"(?:一下)?[啊呀呢哈的]?"
                      # (or what the figures are for: "我写综述要三个数", "做表要用")
                      r"|(?:我们|咱们|俺们|我|俺)?(?:写|做|填|整理|准备)[\u4e00-\u9fff]{1,6}?(?:要用|用得上|需要|要|得用)"
                      r"(?:[一两二三四五六七八九十几\d]+个)?(?:数|数字|数据|材料)?[啊呀呢哈的]?)(?=[，,。！!；;]|$)")
_RELAYED = re.compile(r"^(?:(?:我们|我家|俺们|俺家|我|[\u4e00-\u9fff](?=主任|经理|书记|班长|组长|师傅|科长|处长|部长))?"
                      r"(?:领导|主任|老板|经理|书记|班长|组长|师傅|科长|处长|部长|同事|工友|老婆|老公|爱人|媳妇|家里人)"
                      r"|他们|她们|他|她)(?:又|还|也|再)?(?:(?:问|想问|想知道|让我问|叫我问|说要问)(?!题)[了一下问]*"
                      r"|说?(?:让我|叫我)?再?查(?:查|一下)?"
                      # (or asks the asker to compare or list: "领导让我对比一下…", "主任叫我列一下…")
                      r"|(?:让我|叫我|要我)(?=对比|比较|对照|列|统计|汇总|整理))[，,：:]?\s*")
# (a name before a title too, with or without a comma: "王主任又问用于一线职工的比例不低于多少", "王主任说再查查…")
# "我在贵州一家煤矿干井下，去年…我都报了名，想知道2022年贵州…一共开展了多少次": the story before 想知道 says who asks
# and why; the question is what follows.
_ASKING = re.compile(r"(?:想知道|想问问|想问下|想问一下|想问|想先?了解(?:一下|下)?|好奇|打听一下|打听下|问一下|问下|想先?(?:搞|弄)(?:清楚|明白)"
                     # (asking for someone else: "我想帮他问问：", "替工友打听一下")
                     r"|(?:帮|替)[\u4e00-\u9fff]{0,3}?(?:问问|问一下|问下|打听一下|打听下|打听))[，,：:]?")


# A figure put to be confirmed ("听说职工董事有700个，对吗", "2021年是不是签了5000份师徒合同", "首席技师津贴不低于1000元，
# 是这样吗"): it asks the figure the knowledge base holds, whatever was heard. The clause that asks whether what was said
# is right, after the claim:
_CONFIRM_CLAUSE = re.compile(r"^(?:我|俺)?(?:这么)?(?:理解|记|听|说|讲)?得?(?:对|没错|准|错)(?:吗|吧|不对|不|不准|没)?"
                             r"|^(?:是|就是)?(?:这样|这个数|这么多|这个数字)(?:吗|不|吧|没错|对吗|对不)?"
                             r"|^(?:是|是不是)?真的(?:吗|不)?|^属实(?:吗|不)?|^(?:没|没有)?(?:听|记|说)?错吧|^对(?:吧|吗|不对|不)|^是[吗吧]|^吧$"
                             # (a doubt of it put as one's own memory: "我怎么记得不是这个数", "好像不是这个数")
                             r"|^(?:我|俺)?(?:怎么|咋)?(?:记得|感觉|觉得|好像)(?:不是|不对|不太对)(?:这个数|这个数字|这么多)?")
# The same clause written onto the number itself ("职工监事是648名对吧", "职代会开了七百多次吧"): split off first.
# (or a coefficient's fraction, which has no unit: "系数是0.05对不对")
_CONFIRM_ATTACHED = re.compile(rf"(?<=[\d十百千万])((?:多|余)?(?:{UNITS})|(?<=0\.\d)|(?<=0\.\d\d)|(?<=0\.\d\d\d))(对吧|对吗|对不对|对不|是吧|是吗|没错吧|没错吗|吧)(\W*)$")
# A number written in Chinese before what it counts ("四百人", "两百个", "六百一十七名", "七百多次", "两万多人次"): read as
# digits to be compared. (Only with a 十/百/千/万 in it: 三大职权, 五小 and 一线 count nothing asked.)
_CHINESE_NUMBER = re.compile(rf"(?<![\u4e00-\u9fff][十百千万])(?<![\d.])([零〇一二两三四五六七八九]?(?:[零〇一二两三四五六七八九]?[十百千万])+[零〇一二两三四五六七八九]?)"
                             rf"(?=(?:多|余|来)?(?:{UNITS}))")
# "来" after a round number is "about, a little over" as 多 is ("六万来人次", "一千六百来万"): read as 多.
_ROUGHLY = re.compile(rf"(?<=[\d十百千万])来(?=(?:{UNITS}))")
_DIGIT = {c: n for n, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
# The number heard, where it is said to be the figure: after a verb or 是/有 ("有700个", "签了5000份", "比例是75%"), or
# before a confirming clause ("云岭工匠创新工作室12个，…，对吗"); not a number that names who ("617名职工董事都是…吗").
_CLAIMED_AFTER = re.compile(r"(?:有|是|了|共|约|达|达到|到|为|在|近|超过|不低于|不少于|不超过|至少|最少|最多|只有|就|才|总共|一共"
                            r"|过|上|破)\s*$")  # ("过没过20个", "有没有上两百个")
# Words that bound a number rather than state it ("超过100个", "100个以上"): the figure may meet the bound without
# equalling the number; only a document that bounds its own figure alike ("不低于800元") is compared number to number.
CLAIM_BOUND = re.compile(r"超过|多于|不止|高于|少于|不到|低于|不足|不低于|不少于|不超过|至少|最少|最多|以上|以下|左右|上下"
                         r"|(?<=没)(?:过|上|破|到)|(?<=有)上|有没有|够没够|到没到")  # (过没过, 上没上, 有没有上: passed; 有没有400人: reached)


# What a number of years after it is the length of ("每届任期5年", "一届干3年"): a duration, not a year
_TERM_BEFORE = re.compile(r"(?:任期|每届|一届|期限|年限|为期)[^，,。？?！!\d]{0,4}$")
# Who said what a question tells ("听说…", "他说…", "群里说…"): what follows is a claim put to be confirmed.
_HEARSAY = re.compile(r"听说|听人说|听别人说|据说|有人说|(?:他|她|他们|同事|师傅|领导|群里|网上|别人|大家)(?:都)?(?:说|讲)"
                      r"|我?记得|没记错的话|好像"
                      # (what the assistant itself said before: "上次你说云南的是671名，对吗")
                      r"|(?:上次|刚才|刚刚|之前|前面|先前)?你(?:刚才|上次|之前|刚刚)?(?:说|讲|回答|答|告诉我)(?:的|过)?")


# A number alone put to be confirmed, of the figure just given ("是671吧，别整错了", "617对吧", "是不是1.2万"): no
# measure of its own, the question is that figure's again.
_BARE_CLAIM = re.compile(r"(?:那|就|应该|应当|好像|大概|我记得)?(?:就|是不是|是)?\s*(\d+(?:\.\d+)?万?)\s*"
                         r"(?:吧|吗|嘛|哈|呢|对吧|对吗|对不对|对不|没错吧|没错吗|是吧|是不是|不)?")


# Whether the documents say it, asked after a question ("…？报告里有没", "，文件上写没写"): the question is the claim's.
_WRITTEN_THERE = re.compile(r"(?<=[？?，,。\s])\s*(?:那|这)?(?:报告|文件|材料|原文|资料|知识库)(?:里|上|中|里面|里头)?(?:有没有?|有木有|写没写|说没说|提没提|讲没讲"
                            r"|写了没|说了没|提了没|有写吗|有说吗|有提吗)(?:写|说|提|讲)?(?:到)?(?:过)?(?:这个|这个数)?[？?。！!\s]*$")
# A share said in tenths or as half, after a word that bounds it ("过七成没", "到九成没有", "过半了吗"): read as a percentage.
_TENTHS = re.compile(r"(超过|过|到|达到|不到|没到|够|占|有|近|接近)([一二三四五六七八九]成|半数|半)(?=$|\W|了|没|吗|以上|以下|多|左右)")
# (said of the share just given, by no name or by the word for a share: "占比是不是没到七成")
_TENTHS_ALONE = re.compile(rf"(?:那|那么)?(?:这个)?(?:占比|比例|比重)?(?:有没有|是不是|到底)?(?:{_TENTHS.pattern})(?:了)?(?:没有?|吗|吧|不|没得)?[？?。！!~～\s]*")
# A follow-up that guesses its figure ("贵州呢，也是0.02？", "21年呢 还是4883份吗"): the follow-up, and the number guessed.
# (heard so, or roughly: "那贵州的呢，听说也差不多600", with the hedges a guess after a question takes, _GUESS_TAIL's)
_ALSO_CLAIMED = re.compile(rf"([^，,；;\s]{{1,12}}呢)[，,；;\s]*(?:{_HEARSAY.pattern})?(?:也|还|同样|一样)(?:是|有)?"
                           rf"(?:大概|差不多|应该)?\s*(\d+(?:\.\d+)?万?(?:{UNITS})?)"
                           r"\s*(?:吗|吧|嘛|么|不|呢|对吧|对吗|是吧)?")


# The number heard, or another, asked ("是7310还是多少", "是4883还是别的数").
_OR_WHAT = re.compile(r"(?<=[\d%])\s*还是(?:多少|几|别的数|其他数|另外的数)(?:啊|呀|呢|哦)?(?=[？?，,。！!\s]|$)")


# A guess that another year's or region's figure is more or less ("那21年是不是少一点", "贵州会不会高一些"), ending the message.
_GUESSED_MORE = re.compile(r"(?:是不是|是否|会不会|应该|好像|可能)?(?:要)?(?:少|多|高|低|大|小)(?:了)?(?:一点儿?|一些|点儿?|些|不少|很多)"
                           r"(?:吧|吗|呢|啊|呀)?[？?。！!~～\s]*$")


# A rough guess put after what is asked, ending the message ("参加的人呢 六万出头?", "占比多少 七成多?", "那贵州呢，五百来名？"):
# the question, and the number guessed (出头 and 来 are "a little over", as 多 is; 七成 is 70%).
_GUESS_TAIL = re.compile(rf"(.*?(?:呢|多少|几)[\u4e00-\u9fff]{{0,2}})[，,；;\s]+(?:是|有|大概|差不多|应该)?\s*"
                         rf"(\d+(?:\.\d+)?万?|[零〇一二两三四五六七八九十百千万]*[十百千万][零〇一二两三四五六七八九]?|[一二三四五六七八九]成)"
                         rf"(多|余|来|出头)?((?:{UNITS})?)\s*(?:吗|吧|嘛|么|对吧|对吗|是吧)?[？?]+")


def _guessed_after(text: str) -> tuple[str, tuple[str, ...]] | None:
    """"参加的人呢 六万出头?" → ("参加的人呢", ("6万多",)); None when the message does not end in such a guess."""
    found = _GUESS_TAIL.fullmatch(text.strip())
    if found is None or re.fullmatch(r"(?:19|20)\d{2}", found.group(2)):
        return None
    number, rough, unit = found.group(2), "多" if found.group(3) else "", found.group(4)
    if number.endswith("成"):
        number, unit = str(_DIGIT[number[0]] * 10), "%"
    elif not re.match(r"\d", number):
        number = _arabic(number)
    return found.group(1), (f"{number}{rough}{unit}",)


_COEFFICIENT_NAMED = re.compile(r"(?:系数|权重)[^，,。？?！!\d]{0,4}$")
_CONFIRMING = r"(?:吗|吧|嘛|么|对吗|对吧|对不对|是吧|是吗|没错吧)"  # (right after a number heard: whether it is so)


def claimed_figures(text: str) -> tuple[str, tuple[str, ...]]:
    """A yes/no question that states a figure, asked as the figure: "职工董事有700个，对吗" → ("职工董事有多少个",
    ("700个",)). Any other text is returned as it is, with no claim."""
    from .figures import NUMBER
    said = text
    if _TENTHS_ALONE.fullmatch(text.strip()):
        # (only said of the share just given, with nothing else asked: "过七成没" after 73.6%; a share in tenths said of
        # a thing named is not read, its figure being no more likely the one the documents give)
        text = _TENTHS.sub(lambda m: f"{'超过' if m.group(1) in ('过', '超过') else m.group(1)}"
                                   f"{'50' if m.group(2) in ('半', '半数') else _DIGIT[m.group(2)[0]] * 10}%", text)
    # (whether the documents say so, asked after the claim: "…是50个吗？报告里有没" asks the claim)
    text = _WRITTEN_THERE.sub("", text) or text
    text = _CONFIRM_ATTACHED.sub(r"\1，\2\3", _ROUGHLY.sub("多", _CHINESE_NUMBER.sub(lambda m: _arabic(m.group(1)), text)))
    # ("是7310还是多少": the number heard, or another, asks whether it is the one; read as "是7310吗", it is checked
    # even without its unit)
    alternative = _OR_WHAT.search(text)
    text = _OR_WHAT.sub("吗", text)
    guessed = _guessed_after(said)
    if guessed:
        return guessed
    also = _ALSO_CLAIMED.fullmatch(text.strip(" ？?！!。~～"))
    if also and not re.fullmatch(r"(?:19|20)\d{2}", also.group(2)):
        # ("贵州呢，也是0.02？": the figure of the other, which the user guesses is the same)
        return also.group(1), (also.group(2),)
    bare = _BARE_CLAIM.fullmatch(re.split(r"[，,；;]", text)[0].strip(" ？?！!。~～"))
    if bare and (YESNO.search(text) or bare.group(0) != bare.group(1)) \
            and not re.match(r"年|月|日|号|届|条|章", text[bare.end(1):bare.end(1) + 1]) \
            and not re.fullmatch(r"(?:19|20)\d{2}", bare.group(1)):  # ("2021呢", "What about 2021?": a year)
        return "是多少", (bare.group(1),)
    clauses = re.split(r"(?<=[，,；;])", text)
    tail = clauses[-1].strip(" ？?！!。~～")
    confirming = len(clauses) > 1 and len(tail) <= 10 and _CONFIRM_CLAUSE.search(tail)
    body = "".join(clauses[:-1]).rstrip("，,；; ") if confirming else text
    # (or a figure told as heard, with nothing asked of it: "听说职工监事有700人", "全国劳模他说有40个", "领导小组一年开2到
    # 3次会？": whether it is so is what is asked)
    heard = _HEARSAY.search(text) or re.search(r"[？?]\s*$", text)
    passed = re.search(r"(?<=[\d%])\s*(?:了)?没有?\W*$", text)  # ("过70%没", "到90%了没有": reached or not)
    if not (confirming or passed or alternative or YESNO.search(text) or (heard and not _QUESTION_WORD.search(text))):
        return said, ()
    claims, parts, at = [], [], 0
    for match in NUMBER.finditer(body):
        wan, unit, after = match.group(2) or "", (match.group(4) or ""), match.group(5) or ""
        if not unit and not wan and re.match(r"年(?!度|底|初|末|[\d一二三四五六七八九十])", body[match.end():]) \
                and len(match.group(1)) <= 2 and _TERM_BEFORE.search(body[max(0, match.start() - 8): match.start()]):
            unit, term = "年", True  # (a length of time put to be confirmed: "职工董事每届任期5年吗" asks 任期多少年)
            match_end = match.end() + 1
        else:
            match_end, term = match.end(), False
        # (only with the other choice said on the number, "是7310还是多少": a bare "是7310吗" may be of another figure)
        plain = bool(alternative) and not unit and not wan and not after and len(match.group(1).replace(".", "")) >= 2 \
            and not re.match(r"(?:19|20)\d{2}$", match.group(1)) and re.search(r"(?:是|有)\s*$", body[:match.start()]) \
            and re.match(rf"\s*{_CONFIRMING}(?:[？?，,。！!~～\s]|$)", body[match_end:])
        # (nor needs one a coefficient, a fraction said right after its name: "考核那个系数是0.05对不对")
        plain = plain or (not unit and not wan and not after and re.fullmatch(r"0\.\d+", match.group(1)) is not None
                          and _COEFFICIENT_NAMED.search(body[at: match.start()]) is not None
                          and re.fullmatch(rf"\s*{_CONFIRMING}?[？?。！!~～\s]*", body[match_end:]) is not None)
        if not plain and (not unit or re.match(r"年|月|日|号|岁|届|期|条|章|级", body[match_end:])):
            continue  # (a year, an age, an article, a grade: no figure stated; nor "300万", which says no measure)
        # (or a number ending a message put as a question: "参加竞赛的六万来人次？")
        ends = heard and not _QUESTION_WORD.search(text) and re.fullmatch(r"[\s？?。！!~～吧吗呢啊呀]*", body[match_end:]) \
            and not body[:match.start()].endswith("第")  # (an ordinal, "第十一条呢？", is no figure)
        if not (confirming or term or ends or _CLAIMED_AFTER.search(body[:match.start()])):
            continue
        bound = CLAIM_BOUND.search(body[max(0, match.start() - 3): match.start()])
        word = {"过": "超过", "上": "超过", "破": "超过", "到": "不到", "有没有": "至少", "够没够": "至少", "到没到": "至少"}.get(
            bound.group(0), bound.group(0)) if bound and not after else ""
        if not word and not after and passed and re.search(r"[过到]\s*$", body[max(0, match.start() - 2): match.start()]):
            # ("过70%没": passed it; "到90%没有": reached it)
            word = "超过" if re.search(r"过\s*$", body[: match.start()]) else "至少"
        # (a range heard, "开2到3次": the range is the claim)
        low = re.search(r"\d+(?:\.\d+)?\s*(?:到|至|—|-|~|～)\s*$", body[at: match.start()])
        start = at + low.start() if low else match.start()
        claims.append(word + body[start: match_end])
        # (万 of an amount of money is its unit, 万元; of people or times, how many: "七万人次" asks 多少人次)
        # (a bound below the number heard is what is checked, not what is asked: "占比是不是没到70%" asks 占比多少)
        before = re.sub(r"(?:不到|没到|不足)\s*$", "", body[at: start]) if word in ("不到", "不足") else body[at: start]
        parts += [before, "多少" + ("" if unit == "%" or plain else wan + unit if unit.endswith("元") else unit)]
        at = match_end
    if not claims:
        return said, ()
    asked = "".join(parts) + body[at:]
    # (and "不是70%吧" puts the claim as a doubt: "下限不是70%吧" asks the 下限)
    asked = re.sub(r"是不是|是否|(?<=有)没有|有没有(?=多少)|([\u4e00-\u9fff])没\1(?=多少)|(?<=有)上(?=多少)|不是(?=多少)", "", asked)
    asked = re.sub(r"有没有", "有", asked)
    # (who said it, first or right before the figure, is no part of what is asked: "听说职工监事有…", "全国劳模他说有…")
    asked = re.sub(rf"^(?:我|俺)?(?:{_HEARSAY.pattern})[，,]?|(?:{_HEARSAY.pattern})(?=有|是)", "", asked)
    asked = re.sub(r"(?:[吗吧不呢]|了?没有?)[？?！!。\s]*$", "", asked.rstrip(" ？?！!。")).rstrip("，, ")
    asked = re.sub(r"(?<=多少)吗(?=[，,；;])", "", asked)  # ("是7310还是多少，确认下")
    asked_first = re.fullmatch(r"(.*(?:多少|几)[^？?，,]*)[？?，,]\s*(?:那|就|应该)?是多少[\u4e00-\u9fff]{0,2}", asked)
    if asked_first:
        asked = asked_first.group(1)  # ("…签了多少份？是4883吗": the number heard is of the question just asked)
    if not re.sub(rf"{CLAIM_BOUND.pattern}|超|多少|[了吗吧呢没有是到达过占]|[？?！!。，,\s]", "", asked):
        asked = "是多少"  # ("超过70%了吗" after a share: the figure just given, put beside the bound)
    return asked, tuple(claims)


def chinese_number(chinese: str) -> str:
    """四百 → "400", 十二 → "12", 二十五 → "25", 五 → "5" (digits alone, not read as 万)."""
    if chinese and all(c in _DIGIT for c in chinese):
        return "".join(str(_DIGIT[c]) for c in chinese)
    return str(_chinese_value(chinese))


def with_arabic_numbers(text: str) -> str:
    """The text with numbers written in Chinese before what they count as digits ("两千九百多名" → "2900多名")."""
    return _CHINESE_NUMBER.sub(lambda m: _arabic(m.group(1)), text)


def _arabic(chinese: str) -> str:
    """四百 → 400, 六百一十七 → 617, 一百五十 → 150, 十二 → 12, 两万 → 2万 (a number of 万 stays so: 3.37万 is written so)."""
    value = _chinese_value(chinese)
    return f"{value // 10000}万" if value and value % 10000 == 0 else str(value)


def _chinese_value(chinese: str) -> int:
    total, section, digit = 0, 0, 0
    for char in chinese:
        if char in _DIGIT:
            digit = _DIGIT[char]
        elif char == "万":
            total, section, digit = total + (section + digit) * 10000, 0, 0
        elif char in "十百千":
            section += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[char]
            digit = 0
    if len(chinese) >= 3 and chinese[-2] in "百千万" and digit:
        digit *= {"百": 10, "千": 100, "万": 1000}[chinese[-2]]  # (一百五 is 150, 两千三 is 2300, 一万二 is 12000)
    return total + section + digit


def _told_before_asking(text: str, found: list[re.Match[str]]) -> bool:
    """Whether what `found` matched is all told in sentences that ask nothing, before a sentence that asks a figure
    ("我入党申请书交了五年了还没动静，…。贵州省属企业2022年发展了多少产业工人党员？": the story, then the question)."""
    ends = [m.end() for m in re.finditer(r"[。？?！!]+", text)] + [len(text)]
    starts = [0] + ends[:-1]
    sentences = [(a, b) for a, b in zip(starts, ends, strict=True) if text[a:b].strip("。？?！! ")]
    told = {n for n, (a, b) in enumerate(sentences) for m in found if a <= m.start() < b}
    return bool(told) and not any(_QUESTION_WORD.search(text[a:b]) for n, (a, b) in enumerate(sentences) if n in told) \
        and any(QUANTITY.search(text[a:b]) for n, (a, b) in enumerate(sentences) if n > max(told))


def asked_part(text: str) -> str:
    """The question without the story told before it: what follows the last 想知道/想问/好奇…, when that holds a
    question word and a story came first."""
    found = next(reversed(list(_ASKING.finditer(text))), None)
    if found is None or found.start() < 6 or not _QUESTION_WORD.search(text[found.end():]):
        return text
    return text[found.end():]


_ENTERPRISE = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:集团|控股公司|股份公司)|[\u4e00-\u9fff]{4,8}?(?<![分子总])公司)")
# Who is speaking, not what is asked: "全国文明单位咱有几家" counts 全国文明单位, and "咱有" is no subject.
_PRONOUN = r"(咱们|我们|俺们|大伙儿?|大家|咱|俺|我)"
# Whom every figure of the knowledge base is about, as the counted noun after 几: it names no group of its own.
AMONG = r"(?:里头|里面|里边|当中|之中|里|中)"  # "X里头/当中…": among the group named before it
_BECAME = r"(?:当选|入选|选上|评上|当上|选为|成为|被评为|被选为)了?为?"  # who became what is counted
POPULATION = re.compile(rf"{_PRONOUN}?(?:一线)?(?:产业)?(?:工人|职工)(?:同志)?(?:当选|入选|选上|评上)?的?")
_WHOLE_POPULATION = re.compile(rf"([\u4e00-\u9fff]{{2,}}?)(?<!一线)(?:(?:省属|国有|省管)?(?:企业|单位|公司)的?(?:产业)?(?:工人|职工)"
                               rf"|产业工人)(?:同志)?{AMONG}?")
# A part of a group asked after it ("全国劳动模范里头，女职工有几个"; "这些职工董事里头建投集团占几个"): the part.
_PART_ASKED = re.compile(rf"(?P<group>[\u4e00-\u9fff]{{2,}}?)(?:里头|里面|里边|当中|之中)[，,\s]*(?:有|共有|一共有)?{_PRONOUN}?"
                         r"(?P<part>[^占比率成里中\W\d]{2,8}?)的?(?:有|是)?(?:几|多少|好多)(?:个|名|人|位|家)?(?:[？?呢啊嘛哦]|$)")


def part_asked(own: str) -> str:
    """The part of a group a question counts, when it names a group and then a part of it ("…里头，女职工有几个")."""
    found = _PART_ASKED.search(own)
    # (not a document or a count that a part is of: "实施意见里头职工董事一届干几年" asks of the document's 职工董事)
    return found["part"] if found and not re.search(r"(?:报告|意见|文件|方案|新闻|材料|考核|规定)$", found["group"]) else ""


_FUNCTION_ONLY = re.compile(r"[我你他她它咱俺们有是的了啥个这那么吗呢吧啊呀咧嘞噻撒嘛哦哟]+")
# A number said in words, roughly or with its measure ("六百多名", "4千多", "多名" split from "600多名"), and how sure
# the asker is of it ("好像", "大概"): what they heard, not what the question is about.
_SAID_NUMBER = re.compile(r"(?:[\d.]+|[零〇一二两三四五六七八九十百千万亿]{2,})[多余来]?[万亿]?[名个人次份家条件项户位元]?"
                          r"|[零〇一二两三四五六七八九十百千万亿]+[多余来][名个人次份家条件项户位元]?|[多余][名个人次份家条件项户位元]"
                          r"|好像|似乎|大概|大约|貌似|估计|记得")
# The asker's own workplace as what a count is of ("我们公司有多少劳模", "俺们厂应该有几个职工董事"), in the clause that
# asks, which names no whole (全省, 省属企业) it is part of.
_OWN_UNIT_COUNTED = re.compile(r"^(?!.*(?:全省|省属|省里|全部|所有|各家|国企))"
                               r".*(?:我们|咱们|俺们|我|俺|咱)的?(?:厂|公司|单位|矿|矿上|车间|分公司|子公司|班组|工地|电厂|项目部|集团)")
OWN_UNIT_NAME = "您所在单位"
_OWN_UNIT_HAS = re.compile(r"^(?!.*(?:全省|省属|省里|全部|所有|各家|国企)).*(?:我们|咱们|俺们|我|俺|咱)的?[\u4e00-\u9fff]{0,4}?"
                           r"(?:厂|公司|单位|矿|车间|班组|工地|电厂|项目部|集团|家附近|附近|周边|小区)(?:里|头|里头|里面)?(?:也|还)?"
                           r"(?:有没有|有没得|有莫得|有无|建没建|搞没搞|有吗|有不)")
_OWN_UNIT = re.compile(r"^(我们|咱们|我|俺|咱|本|这家|那家|这个|那个|哪个|哪家|什么|啥|各|每个|每家|所有|其他|下属|子)")
_DOC_REFERENCE = re.compile(r"《([^》]{2,40})》|(?:那个|这个|该|这份|那份|这篇|那篇|按|按照|根据|依照|依据)[\u4e00-\u9fff]{0,6}?的?"
                            r"([\u4e00-\u9fff]{0,6}?(?:意见|方案|办法|规定|报告|通知|新闻稿|新闻|报道|文件))"
                            r"|(政策文件|政策性文件|意见|方案|办法|报告|新闻稿|通稿|新闻|报道|文件|政策)(?:里头|里|中|上|里面|当中|要求|规定|提出|明确|说|对(?=[\u4e00-\u9fff])"
                            r"|(?=提到|提及|提过|写到|写过|写了|写的|讲到|讲了|讲的|有没有[提写讲说])"  # ("云南的报告提到过…吗")
                            r"|(?=第[一二三四五六七八九十百零〇\d]{1,5}[条章]|第几[条章]|哪一?[条章]))"  # ("贵州意见第十三条讲的什么",
                            # "贵州意见哪一条讲职代会")
                            r"|(实施意见|实施方案|实施办法)"  # "贵州产改实施意见对服务保障有什么目标": a policy named
                            # ("劳动合同法和工会法里面，职代会是怎么规定的": a law, named without its brackets)
                            r"|((?:中华人民共和国)?(?:劳动合同|劳动争议调解仲裁|劳动|工会|公司|社会保险|安全生产|职业病防治"
                            r"|妇女权益保障|职业教育)法)(?![人院律规])")


# What asks nothing of the knowledge base, in the order prompts/guard.toml's patterns are tried: a request to change
# the assistant, an unrelated task, a personal decision asked of it ("我该不该辞职"), a labour-law question ("学徒期间工资
# 咋算"), how one joins the party ("入党申请书咋写、交给谁"), a judgement asked of it, a greeting, thanks, what it can do.
NOT_ASKING = ("injection", "task", "advice", "dispute", "labour", "party", "opinion", "greeting", "thanks", "capabilities")
# Of those, the ones declined (each with its own wording in prompts/answer.toml where it has one, else the guarded one).
DECLINED = NOT_ASKING[:NOT_ASKING.index("greeting")]
FOLLOW_UP_DEPTH = 4  # earlier questions read to understand a follow-up
MAX_TURN_CHARS = 200  # of each earlier question
# Another province than the one the conversation is about ("另一个省同年的", "那另外那个省呢"); not 其他省属企业.
_OTHER_REGION = re.compile(r"(?:另一个|另外一个|另外那个|另一|另外的|别的|其他|其它)个?(?:省份|省)(?![属级委总])")
_OTHER_REGION_UNMET = "其他省份"
# What is planned, asked in so many words ("计划建到多少", "目标是多少", "打算建几个"): of a year still to come.
_PLAN_ASKED = re.compile(r"计划|目标|规划|打算")
MAX_TOPIC_CHARS = 60  # of the conversation's topic carried into the next question


@dataclass(frozen=True)
class Constraints:
    """What the question restricts the answer to. Empty fields restrict nothing."""

    year: str = ""
    region: str = ""  # a region some document covers, or one none does (then `unmet`)
    # Several years or regions asked side by side ("2021和2022年", "贵州和云南"), all covered: the documents of any
    # of them answer, each named. `year` and `region` are then the first of them.
    years: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    # (year, region) of each document asked for by its own year ("云南21、22和贵州22"): those alone, not every year
    # of every region named (then `years` and `regions` are what they name together)
    pairs: tuple[tuple[str, str], ...] = ()
    enterprise: str = ""  # a named enterprise ("云天化集团")
    place: str = ""  # a city of the region asked ("昆明"): the documents total the whole province
    document: str = ""  # words naming a document or its kind ("意见", "方案", a title in 《》)
    unmet: str = ""  # the first constraint no document meets, as users would say it ("2020年", "广东", "民营")
    # A kind of enterprise no document's text names ("民营") where a document is about every kind (a policy for 全省各类
    # 企业, not a report on 省属企业): only such documents answer.
    kind: str = ""
    # Only the documents on the knowledge base's subject (set by the evidence step for its first search, never by
    # the question: see EvidenceSelector.select).
    on_subject: bool = False

    def merged_over(self, earlier: Constraints) -> Constraints:
        """A follow-up keeps the earlier question's constraints unless it sets its own. A document it names sets
        the year too: "那实施意见里…有没有要求" after a question about 2022 asks the opinion of 2023."""
        keeps_year = not (self.document and self.document != earlier.document)
        return Constraints(year=self.year or (earlier.year if keeps_year else ""), region=self.region or earlier.region,
                           years=self.years if self.year or not keeps_year else earlier.years,
                           regions=self.regions if self.region else earlier.regions,
                           pairs=self.pairs if self.year or self.region else earlier.pairs,
                           enterprise=self.enterprise or earlier.enterprise, document=self.document or earlier.document,
                           place=self.place or ("" if self.region else earlier.place), unmet=self.unmet or earlier.unmet,
                           # (A kind asked with a city, "遵义市属企业", is that city's: it goes with the city.)
                           kind=self.kind or ("" if self.region and earlier.place else earlier.kind))

    @property
    def all_years(self) -> tuple[str, ...]:
        return self.years or ((self.year,) if self.year else ())

    @property
    def all_regions(self) -> tuple[str, ...]:
        return self.regions or ((self.region,) if self.region else ())


@dataclass(frozen=True)
class Query:
    """A question ready for retrieval and evidence selection."""

    original: str  # as typed
    text: str  # normalised and corrected
    own: str  # the question's own words (without a continuation word such as 那)
    intent: str  # figure | two_figures | when | issuer | source | documents | howto | list | yesno | fact | greeting | thanks | capabilities |
    # task | advice | dispute | opinion | injection
    constraints: Constraints = field(default_factory=Constraints)
    context: str = ""  # the topic of the conversation so far, when this question leans on it
    context_question: str = ""  # the earlier question it leans on, as typed
    asked: tuple[str, ...] = ()  # what is counted: the noun(s) next to 多少 ("职工董事"; two for two_figures)
    # For two_figures, each asked noun's own question ("全国文明单位几家", "全国劳模几个"): its unit and its
    # embedding are its own, not the other figure's.
    clauses: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    expansions: tuple[str, ...] = ()  # synonyms of words in the question
    stand_ins: tuple[str, ...] = ()  # synonyms of words the knowledge base never uses
    meant: tuple[str, ...] = ()  # the knowledge base's terms for everyday phrases of the question (进董事会 → 职工董事)
    subject: tuple[str, ...] = ()  # the question's own topic words
    # What the question sets aside ("除了职代会还有啥制度", "不是劳模那个"): not what is asked, never the answer.
    excluded: tuple[str, ...] = ()
    # The figures a yes/no question stated, to be confirmed ("听说职工董事有700个，对吗" → ("700个",)): it is asked as
    # the figure; the answer says whether what was heard is what the documents hold.
    claimed: tuple[str, ...] = ()
    # A follow-up that sets a year, region or document the conversation had not ("只要2021年的"): it may ask again
    # for a figure the previous answer gave, now of one document.
    narrows: bool = False
    # A question complete on its own keeps the conversation's year and region as a preference: these are the
    # constraints it sets itself, tried when the conversation's find nothing ("职工书屋有多少个" after questions about
    # 云南, whose reports count none: 贵州's, named as such). None when it borrowed no constraint.
    own_constraints: Constraints | None = None
    # What the conversation was about, for a question complete on its own (its context is empty): a tie-breaker
    # between figures its own words cannot tell apart (the policy's three 一线 shares, after questions about 党员).
    conversation: str = ""
    # Whether its subject names anything but what every document is about (省属企业), a level or what was done: if not,
    # what it leans on stays its topic for the next question ("贵州省属企业2022年实际达到了多少" → "发展了多少名").
    names_topic: bool = True
    # The answer to the question a follow-up leans on, when that is not the last one asked (a question about nothing
    # the knowledge base writes came between); "" when it is: the last answer.
    replied: str = ""

    @property
    def leans(self) -> bool:
        return bool(self.context)

    @property
    def standalone(self) -> str:
        """How the question was read, for users: the follow-up with what it leans on, and a year the conversation
        set that the question does not state ("那贵州的职工监事有多少（接上文：2021年）")."""
        if self.context:  # as typed, with its year or region ("广东呢", not "呢")
            said = f"{self.text}{self.context_question}"
            carried = "".join(f"，{y}年" for y in self.constraints.all_years if y not in said)
            return f"{_CONTINUATION.sub('', self.text).strip() or self.text}（接上文：{self.context_question}{carried}）"
        read = self.text if self.corrections or self.claimed else self.original.strip()
        carried = "、".join(f"{y}年" for y in self.constraints.all_years if y not in self.text)
        return f"{read}（接上文：{carried}）" if carried else read

    @property
    def full_text(self) -> str:
        # (without what it sets aside: "…多少个？不是规划目标" asks no target)
        return f"{self.own} {self.context}" if self.context else (_SET_ASIDE.sub("", self.text) or self.text)

    @property
    def continued(self) -> str:
        """The question a follow-up about nothing of its own continues ("云南22年是怎么规定的" after "贵州…多久开一次
        例会"): it asks as that one did, a rate or a plan, however it words the asking. Else ""."""
        return self.context_question if self.context and not self.subject else ""

    @property
    def searched_text(self) -> str:
        """What is searched and embedded: the question without a clause saying who asks ("我在昆钢上班，…"), with
        what it leans on."""
        return OWN_SITUATION.sub("", self.full_text) or self.full_text

    @property
    def embedded_text(self) -> str:
        """What is embedded: the searched text with the knowledge base's terms for its everyday phrases beside it
        ("能进董事会说上话的（职工董事）")."""
        return f"{self.searched_text}（{'、'.join(self.meant)}）" if self.meant else self.searched_text

    @property
    def topic(self) -> str:
        """What the next follow-up leans on: this question's subject, plus its context when it had none."""
        own = " ".join(self.subject)
        if self.context and self.names_topic and _CORRECTING.match(self.original.strip()):
            return own[:MAX_TOPIC_CHARS]  # ("不是这个，我问的是母婴室" after 职工驿站: 母婴室 instead, not beside it)
        # (verbs alone are no subject: "是哪个选出来的" is about what the conversation was about)
        if self.context and (not any(w not in verbs() for w in self.subject) or not self.names_topic
                             or self.intent_inherited):
            return f"{own} {self.context}".strip()[:MAX_TOPIC_CHARS]
        return (own or self.text)[:MAX_TOPIC_CHARS]

    @property
    def intent_inherited(self) -> bool:
        return bool(self.context) and not _QUESTION_WORD.search(self.own)


class QueryReader:
    """Reads questions against one knowledge base: its vocabulary, its documents' years and regions, its
    enterprises and the constraint lists of `knowledge/_constraints.toml`. Thread-safe, no per-request state."""

    def __init__(self, lexicon: Lexicon, vocabulary: dict[str, float], normaliser: Normaliser,
                 coverage: Coverage, guard: dict[str, list[re.Pattern]]) -> None:
        self.lexicon = lexicon
        self.vocabulary = vocabulary
        self.normaliser = normaliser
        self.coverage = coverage
        self.guard = guard

    # --- the one public call --------------------------------------------------------------------
    def read(self, question: str, history: list[dict] | None = None,
             soon: Callable[[str], object] | None = None) -> Query:
        """The question as understood. `soon`, if given, is called with the text to embed as early as it is known (a
        question with no conversation: right after normalising), so that the embedding runs while the rest is read."""
        earlier = None
        asked = [m["content"] for m in history or [] if m.get("role") == "user" and m.get("content", "").strip()]
        # Only the last few questions can matter to this one: a chain of follow-ups rarely runs longer, and the
        # work per request stays bounded however long the conversation.
        before: list[Query] = []
        # (each with the answer just before it, which a question naming a figure by its number points into)
        replied, answered_before, answered_after = "", [], []
        for m in history or []:
            if m.get("role") == "assistant":
                replied = m.get("content", "")
                if len(answered_after) < len(answered_before):
                    answered_after.append(replied)
            elif m.get("role") == "user" and m.get("content", "").strip():
                answered_before.append(replied)
        answered_after += [""] * (len(answered_before) - len(answered_after))
        afters: list[str] = []  # the answer to each of `before`
        skipped = False  # whether the question leaned on is not the last one asked
        reply = ""  # the answer to the question leaned on
        for text, answer, after in list(zip(asked, answered_before, answered_after, strict=False))[-FOLLOW_UP_DEPTH:]:
            # (each as it was read when asked: "22年这两个数各是多少" asked both figures before it again)
            read = self._added_before(self._both_before(self._summed_before(self._compared_before(self._read_one(
                text[:MAX_TURN_CHARS], earlier, replied=answer[:MAX_TURN_CHARS] if earlier else ""), before, afters),
                before), before), before)
            read = self._thing_before(text[:MAX_TURN_CHARS], read, before, afters)
            read = self._other_region_before(text[:MAX_TURN_CHARS], read, earlier, before, afters)
            if NUMBER_SEEN.search(read.text) and not read.context and after:
                # ("617是啥的数", answered with 职工董事617名's sentence: "贵州的呢" then asks 贵州's 职工董事)
                term = self._counted_by_number(read.text, after[:MAX_TURN_CHARS])
                if term:
                    read = replace(read, intent="figure", subject=(term,), asked=(term,), names_topic=True)
                    # (of the one document that writes it, named in the answer's lead: "驿站是多少个" after "146个是母婴室
                    # 还是驿站" asks that report's 职工驿站)
                    source = re.match(rf"（出自((?:19|20)\d{{2}})年({self.coverage.region_names or '$^'})", after)
                    if source and not (read.constraints.year or read.constraints.region):
                        read = replace(read, constraints=replace(read.constraints, year=source.group(1),
                                                                 region=self.coverage.regions[source.group(2)]))
            before.append(read)
            afters.append(after)
            # (nor one declined, a dispute or an opinion: "对了问个别的，我们厂食堂…能投诉不", then "刚才那个职工董事的，
            # 贵州呢" continues the question before it)
            # (a follow-up too, asking yes or no of it: "硬性的吗" after the policy's 65%, then "贵州2022年…实际做到多少"
            # continues the share)
            # (nor one asking an item of what was listed: "那云南22年的呢" after "…6条具体措施是啥", "第二个是啥" asks
            # 云南's 具体措施, not its "第二个")
            skipped = earlier is not None and (
                ((not read.context or read.intent == "yesno") and self._about_nothing_known(read)) or read.intent in DECLINED
                or (bool(read.context) and _NTH_ASKED.fullmatch(_TRAILING.sub("", read.own)) is not None))
            if not skipped:
                earlier, reply = read, after
            # (else a question about nothing the knowledge base writes, "比要求高出几个百分点", has no topic to lean
            # on: "云南22年呢" after it continues the conversation's last question about something it does write,
            # and that question's answer)
        answers = [m.get("content", "") for m in history or [] if m.get("role") == "assistant"]
        last = reply if skipped else (answers[-1] if answers else "")
        query = self._read_one(question, earlier, last[:MAX_TURN_CHARS] if earlier else "", soon)
        if skipped and query.context:
            query = replace(query, replied=reply)
        mine = _measure(query.own)
        if query.context and mine and _measure(before[-1].own) not in ("", mine):
            # "云南22年开了好多次" after "职代会开了好多次" and then "一线职工代表要占好多": a follow-up asking a
            # measure of its own continues the last question that asked that measure, not the share asked last.
            for back, earlier_one in enumerate(reversed(before[:-1]), start=2):
                if _measure(earlier_one.own) == mine:
                    answer = answers[-back][:MAX_TURN_CHARS] if len(answers) >= back else ""
                    query = self._read_one(question, earlier_one, answer)
                    break
        else:
            query = self._thing_before(question, query, before, answers)
        query = self._other_region_before(question, query, earlier, before, answers)
        if _SAME_YEAR.search(question) and earlier is not None and earlier.constraints.unmet \
                and not query.constraints.year and not query.constraints.unmet:
            # "云南同一年职代会开了多少次" after "今年的数有没有" was refused: the year of the conversation's last
            # question of a year some document is of
            year = next((b.constraints.year for b in reversed(before) if b.constraints.year and not b.constraints.unmet), "")
            if year:
                query = replace(query, constraints=replace(query.constraints, year=year))
        return self._added_before(self._both_before(self._summed_before(self._compared_before(
            self._both_regions_before(query, before), before, afters), before), before), before)

    def _thing_before(self, question: str, query: Query, before: list[Query], answers: list[str]) -> Query:
        """"云南22年的主题活动呢" after "贵州…主题教育活动叫啥" and then "宣讲了多少场": a follow-up naming a thing, and
        no measure, continues the question about that thing, not the count asked last. `answers` are those of
        `before`, in turn."""
        if not (query.context and query.subject and len(before) >= 2 and not _measure(query.own)
                and _measure(before[-1].own)):
            return query

        def names(text: str) -> bool:
            return all(all(p in text for p in self.lexicon.words_of(w)) for w in query.subject)
        if names(before[-1].text):
            return query
        for back, earlier_one in enumerate(reversed(before[:-1]), start=2):
            if not _measure(earlier_one.own) and names(earlier_one.text):
                answer = answers[-back][:MAX_TURN_CHARS] if len(answers) >= back else ""
                return self._read_one(question, earlier_one, answer)
        return query

    def _other_region_before(self, question: str, query: Query, earlier: Query | None, before: list[Query],
                             answers: list[str]) -> Query:
        """"那贵州呢" after "贵州那个实施意见啥时候开始施行", itself after "云南22年发展了多少产业工人党员": a follow-up
        naming only a region the question it leans on was already of asks nothing new of that question. It asks the
        conversation's last question of another region (or of none), of this one. `answers` are those of `before`."""
        if not (query.context and earlier is not None and len(before) >= 2):
            return query
        named = self.coverage.constraints(question)
        if not named.region or named.year or named.unmet or named.regions \
                or self.coverage.constraints(earlier.text).region != named.region \
                or self.subject_words(self.coverage.without_constraint_words(query.own)):
            return query  # (the question leaned on named the region itself)
        kinds = "|".join(sorted({re.escape(k) for _, _, _, k in self.coverage.titled if k}, key=len, reverse=True)) or "$^"

        def kind_cited(answer: str) -> str:
            cited = re.search(rf"(?:19|20)\d{{2}}年[^（）()\n]{{0,6}}?({kinds})[）)]", answer.split("\n", 1)[0])
            return cited.group(1) if cited else ""
        at = next((len(before) - i for i, b in enumerate(before) if b is earlier), 0)
        leaned_kind = kind_cited(answers[-at]) if at and len(answers) >= at else ""
        for back, earlier_one in enumerate(reversed(before), start=1):
            if earlier_one is earlier or earlier_one.intent in DECLINED or not earlier_one.asked \
                    or earlier_one.constraints.unmet or self._about_nothing_known(earlier_one):
                continue
            if earlier_one.constraints.region == named.region or earlier_one.intent not in ("figure", "two_figures"):
                return query  # (the region asked again, of a question already of it: nothing to go back to; a count only)
            answer = answers[-back][:MAX_TURN_CHARS] if len(answers) >= back else ""
            if not leaned_kind or kind_cited(answer) in ("", leaned_kind):
                # (only when the question leaned on was answered from another kind of document, the region's policy or
                # a press report, which the count asked before is not of: after a report's count, "那贵州呢" asks that
                # report's count again)
                return query
            return self._read_one(question, earlier_one, answer)
        return query

    def _both_regions_before(self, query: Query, before: list[Query]) -> Query:
        """"参与人次两个省各多少" after a figure asked of 贵州, then of 云南: what it asks now, of each of the two."""
        if not (query.context and len(before) >= 2 and _BOTH_REGIONS.search(query.text)):
            return query
        first, last = before[-2].constraints, before[-1].constraints
        if not (first.region and last.region and first.region != last.region) or first.unmet or last.unmet \
                or query.constraints.unmet:
            return query  # (nor of a year no document is of: "两个省今年各多少")
        named = self.coverage.constraints(query.text)
        asked = self._asked(replace(query, intent="figure")) \
            if self.subject_words(self.coverage.without_constraint_words(query.own)) else ()
        if not asked and before[-1].asked:
            # (a measure of what was asked before: "参与人次两个省各多少" after 劳动竞赛和技能比武 asks its 参与人次)
            rest = re.sub(rf"{_EACH.pattern}|多少|几|[呢啊吗？?]", "", query.own)
            asked = (before[-1].asked[0] + rest,)
        return replace(query, intent="figure", asked=asked or query.asked,
                       constraints=replace(query.constraints, regions=(first.region, last.region), region=first.region,
                                           year=named.year or last.year or query.constraints.year, years=()))

    def _summed_before(self, query: Query, before: list[Query]) -> Query:
        """"加起来呢" after two figure questions of different things ("职工董事…", "监事呢"): both of them, as
        "职工董事加职工监事一共多少人" is answered (never the one just given, as if it were the total)."""
        if not (query.context and len(before) >= 2 and _SUM_ALONE.fullmatch(query.own)):
            return query
        first, last = before[-2], before[-1]
        if not (first.intent == last.intent == "figure" and first.asked and last.asked):
            return query
        if first.asked[0] == last.asked[0]:
            # one thing asked of two regions or years in turn ("云南22年签了多少份师徒合同", "贵州呢", "加起来呢"): the
            # figure of each, each from its own document
            return self._of_both_before(query, before)
        return replace(query, intent="two_figures", asked=(first.asked[0], last.asked[0]),
                       clauses=(first.full_text, last.full_text), subject=())

    def _compared_before(self, query: Query, before: list[Query], answers: list[str] | None = None) -> Query:
        """"差多少", "哪个省多，多多少" after one figure asked of two years or regions in turn ("云南22年职工董事多少",
        "那21年呢"): both figures, each from its own document, as "2022年比2021年多多少" is asked (no document states
        the difference; the answer never computes one)."""
        if not (query.context and len(before) >= 2 and _COMPARED_ALONE.search(query.own)) \
                or any(w not in verbs() for w in self.subject_words(_COMPARED_ALONE.sub("", query.own))):
            return query
        return self._of_both_before(query, before, answers)

    def _added_before(self, query: Query, before: list[Query]) -> Query:
        """"再加上贵州", "把云南21年的也加上" after a question of some documents: that question again, of those and the
        one added (a table grown by a column), each document's figure from itself."""
        added = _ADDED.fullmatch(query.text.strip())
        if not (added and query.context and before and before[-1].intent in ("figure", "two_figures") and before[-1].asked):
            return query
        said = next(g for g in added.groups() if g)
        named = self.coverage.constraints(said)
        last = before[-1].constraints
        if not (named.year or named.region or named.unmet):
            # "再加上先进工作者和五一劳动奖章" after "全国劳模和省部级劳模各多少": the things added are asked, of the
            # same documents (one or two of them, as a figure question asks)
            things = [t for t in _JOIN.split(said) if t.strip() and self.subject_words(t)]
            if 1 <= len(things) <= 2:
                return replace(query, intent="two_figures" if len(things) == 2 else "figure", asked=tuple(things),
                               clauses=(), subject=tuple(w for t in things for w in self.subject_words(t)))
            return query
        if named.unmet or last.unmet:
            return query
        pairs = list(last.pairs) or [(y, r) for y in (last.all_years or ("",)) for r in (last.all_regions or ("",))]
        # (a region added of the years asked that it has a document of, else of its latest; a year added of the regions
        # asked that have one: "再加上贵州" after 云南's 2021 and 2022 adds 贵州 2022)
        documents = {(y, r) for y, r, _, _ in self.coverage.titled}
        if named.region and not named.year:
            years = [y for y in dict.fromkeys(y for y, _ in pairs) if (y, named.region) in documents] \
                or sorted((y for y, r in documents if r == named.region and y), reverse=True)[:1]
            new = [(y, named.region) for y in years] or [(last.year, named.region)]
        elif named.year and not named.region:
            new = [(named.year, r) for r in dict.fromkeys(r for _, r in pairs) if (named.year, r) in documents] \
                or [(named.year, last.region)]
        else:
            new = [(named.year, named.region)]
        pairs = list(dict.fromkeys(pairs + new))
        if all(y and r for y, r in pairs):
            constraints = replace(last, pairs=tuple(pairs), year=pairs[0][0], region=pairs[0][1],
                                  years=tuple(sorted({y for y, _ in pairs})), regions=tuple(dict.fromkeys(r for _, r in pairs)))
        else:  # (of every year, or every region: those named together)
            years = tuple(sorted({y for y, _ in pairs if y}))
            regions = tuple(dict.fromkeys(r for _, r in pairs if r))
            constraints = replace(last, pairs=(), year=years[0] if years else "", region=regions[0] if regions else "",
                                  years=years if len(years) >= 2 else (), regions=regions if len(regions) >= 2 else ())
        return replace(query, constraints=constraints, intent=before[-1].intent, asked=before[-1].asked,
                       clauses=before[-1].clauses, subject=())

    def _of_both_before(self, query: Query, before: list[Query], answers: list[str] | None = None) -> Query:
        """The question asked of the two regions or years the two questions before it were asked of, in turn."""
        named = self.coverage.constraints(query.own)
        first, last = before[-2].constraints, before[-1].constraints
        if named.year or named.region or first.unmet or last.unmet \
                or not all(q.intent in ("figure", "two_figures") for q in before[-2:]):
            return query
        mine = query.constraints
        # (of three or more asked in turn, "贵州22年…", "云南同一年呢", "那21年云南呢", then "哪个最多": each of them;
        # "哪个多" compares the two asked last)
        chain: list[tuple[str, str]] = []
        if "最" in query.own:
            for q in reversed(before):
                if q.intent not in ("figure", "two_figures") or q.asked != before[-1].asked or q.constraints.unmet:
                    break
                chain.insert(0, (q.constraints.year, q.constraints.region))
        # (a region asked with no year is of the one year its answer cited: "95%以上（2022年贵州工作报告）")
        answers = list(answers)[-len(before):] if answers else []
        answers = [""] * (len(before) - len(answers)) + answers
        cited = [set(re.findall(r"((?:19|20)\d{2})年", a.split("\n", 1)[0])) for a in answers[len(before) - len(chain):]]
        pairs = tuple(dict.fromkeys((y or (next(iter(c)) if len(c) == 1 else ""), r) for (y, r), c in zip(chain, cited, strict=True)))
        if len(pairs) >= 3 and all(y and r for y, r in pairs):
            return replace(query, constraints=replace(mine, pairs=pairs, year=pairs[0][0], region=pairs[0][1],
                                                      years=tuple(sorted({y for y, _ in pairs})),
                                                      regions=tuple(dict.fromkeys(r for _, r in pairs))),
                           intent=before[-1].intent, asked=before[-1].asked, subject=())
        if first.region and last.region and first.region != last.region:
            # (of the year the last answer is of, when the years differ too: "贵州的呢" after "比21年多了没")
            return replace(query, constraints=replace(mine, regions=(first.region, last.region), region=first.region,
                                                      year=last.year, years=()), intent=before[-1].intent,
                           asked=before[-1].asked, subject=())
        if first.year and last.year and first.year != last.year:
            return replace(query, constraints=replace(mine, years=(first.year, last.year), year=first.year),
                           intent=before[-1].intent, asked=before[-1].asked, subject=())
        return query

    def _about_nothing_known(self, query: Query) -> bool:
        """Whether a question asks about things only, none of whose words the knowledge base writes."""
        words = [w for w in query.subject if len(w) >= 2 and w not in verbs()]
        if _MEETING_NAMED.search(query.own):
            return False  # ("后来开的那个推进会在哪里开的": a meeting named, whose 推进 is a verb, is known)
        return query.intent not in NOT_ASKING and bool(words) and not any(
            w in self.lexicon.words or any(t in self.vocabulary for t in self.lexicon.tokens(w)) for w in words)

    def _level_asked(self, text: str, before: str) -> str:
        """"全国的呢" after "全省文明单位有多少家": the same thing at the level named, when the knowledge base writes it
        so (全国文明单位), not a question about the whole country."""
        alone = _LEVEL_ALONE.fullmatch(text)
        if alone is None or alone.group(1) not in self.coverage.levels:
            return text
        level = alone.group(1)
        for other in sorted(self.coverage.levels, key=len, reverse=True):
            at = before.find(other)
            if other == level or at < 0:
                continue
            rest = re.match(r"[\u4e00-\u9fff]{2,10}", before[at + len(other):])
            thing = next((rest.group(0)[:n] for n in range(len(rest.group(0)) if rest else 0, 1, -1)
                          if level + rest.group(0)[:n] in self.coverage.text), "")
            if thing:
                return f"{alone.group(0)[:alone.start(1)]}{level}{thing}呢"
        return text

    def _counted_by_number(self, text: str, answer: str) -> str:
        """The term the answer just given writes right before the one number the question names (not a year):
        "617是21年的数" after "…职工董事617名、职工监事671名" → 职工董事; "" when none or several."""
        numbers = {m.group(1) for m in re.finditer(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.]|\s*年)", text)}
        if len(numbers) != 1 or not answer:
            return ""
        number = numbers.pop()
        named = set()
        for m in re.finditer(rf"([\u4e00-\u9fff()（）]{{2,16}}?)(?<![\d.]){re.escape(number)}(?![\d.])", answer):
            before = re.sub(r"[()（）]", "", m.group(1))  # ("爱心妈妈屋(母婴室)146个": 母婴室)
            term = next((before[-k:] for k in range(len(before), 1, -1) if before[-k:] in self.lexicon.words), "")
            if term:
                named.add(term)
        return named.pop() if len(named) == 1 else ""

    def _keyword_years(self, text: str) -> str:
        """Years and alternatives as typed into a search box: "产改 考核 权重 云南 21", "云南22", "21 22" name years
        (a two-digit number standing alone as a word, or right after a region, not before a unit: "云南22个" is a
        count), and "贵州/云南", "现有/目标" name both."""
        if re.search(r"[A-Za-z]{3,}", text):
            return text  # (English writes its years as they are: "held in Yunnan 2022")
        text = _BARE_FULL_YEAR.sub(r"\1年", _SLASH_JOIN.sub("和", text))
        # (a follow-up that is a two-digit number and 的 or 呢 alone, "21的": the year's, as "21年的" is)
        text = re.sub(r"^((?:那|那么)?)(1[5-9]|2\d)(?=(?:的|呢)+[?？。！!]*$)", r"\g<1>20\2年", text)
        regions = self.coverage.region_names
        if regions:
            text = re.sub(rf"({regions})(1[5-9]|2\d)(?=$|[\s,，、和?？/])", r"\1 20\2年", text)
            # (a full year right after a region is one whatever follows, unless a unit counts it: "云南2022和贵州2022…")
            text = re.sub(rf"({regions})((?:19|20)\d{{2}})(?![\d年.%万个名人次项家条件份户位所元])", r"\1\2年", text)
        return re.sub(r"((?:19|20)\d{2}年)[\s,，]+(?=(?:19|20)\d{2}年)", r"\1和", _BARE_YEAR.sub(r"20\1年", text))

    def _answered_region(self, answer: str) -> str:
        """The one region whose documents the answer's lead names ("14208次（2021年云南工作报告）"), else ""."""
        lead = answer.split("\n", 1)[0]
        named = {self.coverage.regions[m.group(0)] for part in re.findall(r"（([^（）]{2,40})）", lead)
                 for m in re.finditer(self.coverage.region_names, part)} if self.coverage.regions else set()
        return next(iter(named)) if len(named) == 1 else ""

    def _keyword_thing(self, text: str) -> str:
        """What a text typed as search keywords, by no question word, counts when it names only what the documents
        write with its count, with its year, region or a comparison ("职代会建制率", "云南 21 22 母婴室 对比"): the
        figure is asked, not a sentence about it. "" for any other text ("实施意见 适用范围": no document gives that a
        number; "职工董事 任期": a rule bounds it)."""
        if _QUESTION_WORD.search(text) or _LIST_REQUEST.search(text) or re.search(r"[A-Za-z]{3,}", text):
            return ""
        rest = _KEYWORD_FILLER.sub(",", self.coverage.without_constraint_words(_TRAILING.sub("", text)))
        words = [w for w in self.subject_words(rest) if w not in self.coverage.scopes]
        parts = [p for p in re.split(r"[\s,，、]+", rest.strip(" ，,。.!！")) if p and p not in self.coverage.scopes]
        keyworded = len("".join(parts)) <= 8 or len(re.split(r"[\s,，、]+", rest.strip(" ，,"))) >= 2
        # (what a target is called is no thing of its own: "驿站 目标" asks the target set for 驿站)
        counted = [w for w in words if w not in self.coverage.levels and w not in PLANNED] or words
        if not words or not keyworded or not all(w in self.lexicon.words or w in self.vocabulary for w in words) \
                or not self._counted_as_written(counted[-1]):
            return ""
        return "".join(parts)

    def _compared_things(self, text: str) -> tuple[str, ...]:
        """The things a comparison asked by no question word names, when each is one the documents write with its
        count ("对比一下两个省22年的职工董事和职工监事" → 职工董事, 职工监事); () when any is not, or it asks a question."""
        text = re.sub(r"^(?:请|麻烦|帮忙|帮|给|替)?(?:你|您)?(?:帮|给|替)?(?:我|俺)?(?:们)?", "", _COMPARED.sub("", text))
        if _QUESTION_WORD.search(text) or re.search(r"[A-Za-z]{3,}", text):
            return ()
        rest = re.sub(r"(?:人|次|条|件|项|家|个|份|户|场)数", ",",
                      _KEYWORD_FILLER.sub(",", self.coverage.without_constraint_words(_TRAILING.sub("", text))))
        words = [w for w in self.subject_words(rest) if w not in self.coverage.scopes and w not in self.coverage.levels]
        if not 1 <= len(words) <= 2 or not all(self._counted_as_written(w) for w in words):
            return ()
        # (each thing as the question joins them, its level kept: "全国文明单位和全省文明单位"; or one thing in two
        # words, "厂务公开事项")
        parts = [p for p in ("".join(w for w in self.subject_words(p) if w not in self.coverage.scopes)
                             for p in re.split(r"和|与|及|、|跟|同", rest)) if p]
        if len(parts) == 1:
            return (parts[0],)
        return tuple(parts) if len(words) == 2 and len(parts) == 2 else tuple(words)

    def _counted_as_written(self, word: str) -> bool:
        """Whether a document writes the word with its count right after it (职工监事589名, 母婴室)146个, 建制率保持在
        95%), not with a bound a rule sets (任期不超过3年: a rule, asked as a sentence)."""
        return any(not _BOUND_WORDS.search(m.group(1))
                   for m in re.finditer(rf"{re.escape(word)}[)）]?([\u4e00-\u9fff]{{0,4}}?)\d", self.coverage.text))

    def _handed_over_count(self, text: str) -> bool:
        """Whether a text only asks to be given a thing the documents write with its count ("给我职工董事" of
        "职工董事617名"), by no question word."""
        thing = _handed_thing(self.coverage.without_constraint_words(_TRAILING.sub("", text)))
        return len(thing) >= 2 and bool(re.search(rf"{re.escape(thing)}\d", self.coverage.text))

    def _both_before(self, query: Query, before: list[Query]) -> Query:
        """"21年那两个数呢" after two figure questions asks both of them again, each as it was asked ("21年这三个数"
        after three: the three)."""
        pointing = _BOTH_BEFORE.search(query.own)
        many = 3 if pointing and "三" in pointing.group(0) else 2
        pair = [q for q in before[-many:] if q.intent == "figure" and len(q.asked) <= 1]
        if len(pair) != many or (many == 3 and query.intent not in ("figure", "two_figures", "fact")):
            pair = []
        last = before[-1] if before else None
        if pointing and last is not None and last.intent == "two_figures" and len(last.asked) == many == len(last.clauses) \
                and all(w in pointing.group(0) + "个数字据" or _HAND_OVER.match(w) for w in query.subject):
            # ("贵州22年的两个也给我" after "21年的两个都给我": the two that one asked)
            return replace(query, intent="two_figures", asked=last.asked, clauses=last.clauses,
                           context=query.context or last.topic, subject=last.subject,
                           context_question=query.context_question or last.original)
        if pointing and len(pair) == 2 and many == 2 and query.intent not in ("figure", "two_figures") and query.context \
                and not all(w in pointing.group(0) + "个数字据" or _HAND_OVER.match(w) for w in query.subject):
            # "这两种人是咋个选出来的" after 职工董事 and then 职工监事: about both, not only the last
            first = " ".join(w for w in pair[0].topic.split() if w not in query.context.split())
            phrase = re.search(r"[这那](?:两|俩)[种个样项类位批]?(?:人)?", query.own)
            return replace(query, context=f"{first} {query.context}".strip()[:MAX_TOPIC_CHARS],
                           subject=tuple(w for w in query.subject if not (phrase and w in phrase.group(0))))
        # (beside the pointing, it may say which kind of figure, so long as it names nothing counted: "那按规划到2025年，
        # 这两样各要建到多少")
        if not (pointing and len(pair) >= 2 and all(w in pointing.group(0) + "个数字据" or _HAND_OVER.match(w) or (
                _EACH.search(query.own) and w not in self.lexicon.words and "年" not in w) for w in query.subject)):
            return query
        return replace(query, intent="two_figures", asked=tuple((q.asked or (q.own,))[0] for q in pair),
                       clauses=tuple(q.full_text for q in pair), context=query.context or pair[-1].topic,
                       subject=tuple(dict.fromkeys(w for q in pair for w in q.subject)),
                       context_question=query.context_question or pair[-1].original)

    def _read_one(self, question: str, earlier: Query | None, last_answer: str = "",
                  soon: Callable[[str], object] | None = None, replied: str = "") -> Query:
        """One question read after `earlier` (the question before it, as read). `last_answer` is the answer just given
        to the question being answered now; `replied`, for a question of the history re-read, the answer it followed,
        read only for the figure a number names."""
        text, corrections = self.normaliser.correct(colloquial_asking(surface(question)))
        text = _VERSUS.sub("和", text)  # ("云南 vs 贵州", "2021 vs 2022": the two side by side)
        text = _INDEFINITE.sub("", text)  # "几个劳模工作室抱团组成的联盟，现在有几个": several, not how many
        text = _NOT_MANY.sub(r"很少\1", text)  # ("…连职代会都没开过几次。…建制率是多少": not many, not how many)
        text = _RELAYED.sub("", text) or text  # ("领导又问，那贵州的呢": what is relayed is the question)
        # ("…有多少个啊，几个报告都说说": each document's, as a question naming none is answered; no thing of its own)
        text = _EACH_DOCUMENT_ASKED.sub("", text) or text
        if _PURPOSE.search(text):  # ("…一年要开几次啊，明年排计划要用": not 2027's)
            text = _PURPOSE.sub("", text).strip("，,。；; ") or text
        text = self._self_corrected(text)  # ("职工监事，哦不对，是职工董事，有多少名": what the asker means)
        afterthought = _AFTERTHOUGHT.search(text)
        if afterthought and not _QUESTION_WORD.search(afterthought.group(1)):
            text = text[: afterthought.start()] or text  # ("…是哪两家？ps：工地信号差，回慢了别介意": no question)
        # ("职工创新工作室（省级的）现在多少个了": a remark in brackets saying which, read before what it qualifies)
        text = _BRACKETED_WHICH.sub(r"\2\1", text)
        text = _HEDGED_NUMBER.sub("", text)  # ("职工董事好像是六百多名？具体多少个": what they half remember, then ask)
        text = _RHETORICAL_NOT.sub("是", text)  # ("推进会不是在遵义开的吗" asks as "是在遵义开的吗" does)
        text = _spoken_year(text)  # ("二二年" is 22年, "二〇二二年" 2022年)
        # ("21、22两年", "21和22年": two years, 年 said once after both)
        text = _TWO_SHORT_YEARS.sub(r"\1年\2\3年", text)
        text = _SHORT_YEAR.sub(r"20\1年", re.sub(r"(?<=比)([0-2]\d)年", r"20\1年", text))  # "21年" is 2021年 ("干了21年"
        # is no year, "比21年多" is)
        text = _UNTIL_YEAR.sub(r"\1年", text)
        # ("21年写的多少22年写的多少": what the report of each year writes is its figure, asked in two clauses)
        text = _REPORT_WRITES.sub(r"\1", _YEAR_WRITES.sub(r"\1", text))
        # ("前后两年的报告分别写的多少": the two years', by no more than their reports)
        text = re.sub(r"(?<=两年)的?(?:报告|材料)(?:里|上|中)?", "", re.sub(r"前后(?=两年)", "", text))
        text = re.sub(r"(多少|好多|几[个名次件家人条项份]?)(?=(?:19|20)\d{2}年)", r"\1，", text)
        text = _YEAR_NEXT_REPORT.sub(lambda m: f"{int(m.group(1)) + (1 if m.group(2) else -1)}年的报告", text)
        text = self._keyword_years(text)
        # ("云南21年的时候是咋说的": the year, said as a time; 时候 is nothing asked about)
        text = re.sub(r"((?:19|20)\d{2}年)(?:的|那)?(?:时候|那时候|那会儿?|那阵子?)", r"\1", text)
        if earlier is not None and not re.search(r"(?:19|20)\d{2}年", text) and _NEXT_REPORT.search(text):
            # ("上一份报告里是多少": the report of the year before the conversation's)
            years = {earlier.constraints.year} - {""} or set(re.findall(r"((?:19|20)\d{2})年", last_answer.split("\n", 1)[0]))
            if len(years) == 1:
                shift = _NEXT_REPORT.search(text)
                text = _NEXT_REPORT.sub(f"{int(years.pop()) + (1 if shift.group(1) else -1)}年的", text, count=1)
        if earlier is not None and _NEXT_YEAR.search(text):
            # "前一年呢", "后头一年又搞到多少个了": the year next to the one the conversation is in (asked before, or
            # named by the answer just given).
            years = {earlier.constraints.year} - {""} or set(re.findall(r"((?:19|20)\d{2})年", last_answer.split("\n", 1)[0]))
            if len(years) == 1:
                shift = _NEXT_YEAR.search(text)
                text = _NEXT_YEAR.sub(f"{int(years.pop()) + (1 if shift.group(1) else -1)}年", text, count=1)
        guessed = _GUESSED_MORE.search(text) if earlier is not None else None
        before = text[: guessed.start()] if guessed else ""
        if guessed and self.coverage.without_constraint_words(before) != before \
                and not re.sub(r"[那么的呢，,\s]", "", self.coverage.without_constraint_words(before)):
            # "那21年是不是少一点" after a figure: that year's (or region's) figure, which answers whether it is less
            text = f"{text[: guessed.start()].rstrip('，, ')}的呢"
        negated = _NOT_YEAR.search(text)
        if negated:
            # "不是22年的" after 云南's 90%: the other year the documents are of (2021年的); "不要2022年的，今年…": no
            # year of it, when no document is of another (the year set aside is not asked)
            region = self.coverage.constraints(text).region or (earlier.constraints.region if earlier is not None else "")
            other = sorted({y for y, r in self.coverage.documents if y and y != negated.group(1) and (not region or r == region)})
            if len(other) <= 1:
                text = text.replace(negated.group(0), f"{other[0]}年的" if other else "", 1).strip(" ，,") or text
            elif any(y != negated.group(1) for y in re.findall(r"((?:19|20)\d{2})年", text)):
                # ("去掉21年的，只看22年两省的职代会建制率": the year kept is named; the one set aside is no constraint)
                text = text.replace(negated.group(0), "", 1).strip(" ，,") or text
        # (which document, year or province has the most of a measure, "全省文明单位哪份报告最多", "哪一年职工董事多": each
        # document's figure, compared, as "…哪个最多" asks)
        text = _WHICH_DOCUMENT_MORE.sub(r"哪个\1", text)
        if _WHICH_OF_TWO.search(text) and not re.search(r"(?:19|20)\d{2}年", text) \
                and not (self.coverage.region_names and re.search(self.coverage.region_names, text)):
            text = _WHICH_OF_TWO.sub(r"\1哪个\2", text)
        no_other_region = False
        other = _OTHER_REGION.search(text)
        if other and earlier is not None:
            # "另一个省同年的" after 云南's figure: the one other region the documents cover (贵州); none, and it is asked
            # of a region no document covers
            covered = {r for _, r in self.coverage.documents if r and r != "全国"}
            current = earlier.constraints.region or self._answered_region(replied) or (
                next(iter(covered)) if len(covered) == 1 else "")
            others = sorted(covered - {current})
            if current and len(others) == 1:
                text = text.replace(other.group(0), others[0], 1)
            elif current and not others:
                no_other_region = True
        # (not of the story told before the question, "好几回比武…", nor of how to answer, "列几个")
        # (nor of what it sets aside: "…多少人次参与的？不是开展次数" asks one figure)
        kept = _SET_ASIDE.sub("", text) or text
        intent = self._intent(asked_part(_ANSWER_STYLE.sub("", kept) or kept))
        if intent == "fact" and SOURCE.search(kept) and not SOURCE.search(_ANSWER_STYLE.sub("", kept)):
            intent = "source"  # ("0.03那句话原文怎么写的": asking nothing but the sentence of what it names, quoted)
        elif intent in ("fact", "list") and _NUMBERS_LISTED.search(kept) \
                and (self._keyword_thing(re.sub(r"[，,、].*$", "", kept)) or self._keyword_thing(_NUMBERS_LISTED.sub("", kept))):
            intent = "figure"
        elif intent in ("fact", "list") and _TABLE.search(kept) \
                and self._keyword_thing(_TABLE.sub("", re.sub(r"^把", "", kept))):
            intent = "figure"  # (a table of a thing counted is its figures: "把云南21、22年和贵州22年的职工驿站列个表")
        elif intent in ("fact", "list") and _COMPARED.search(kept) and (compared := self._compared_things(kept)):
            # (so is a comparison of things counted: "对比一下两个省22年的职工董事和职工监事", "意见建议条数两省对比一下")
            intent = "two_figures" if len(compared) == 2 else "figure"
        elif intent == "fact" and _LIST_REQUEST.search(kept):
            intent = "list"  # ("当选各级代表委员的情况帮我列一下": asked for a list, by no question word)
        elif intent == "fact" and (self._handed_over_count(kept) or self._keyword_thing(kept)):
            intent = "figure"  # ("先给我云南22年的职工董事": a thing the documents count, asked for as it is)
        against = re.match(rf"(.+?)(?:有|是|共有|一共)?(?:多少|几|好多)[\u4e00-\u9fff]?[，,]\s*(?:那|那么)?(?:又|还)?比"
                           rf"((?:19|20)?\d{{2}}年|去年|前年|{self.coverage.region_names or '$^'})((?:多|少|增加|减少|涨|降)了?)"
                           r"(?:多少|好多|几)[\u4e00-\u9fff]?\W*$", text)
        if against:
            # "云南2022年职工董事有多少名，比2021年多多少": the figure of each, as "…职工董事比2021年多多少" asks (not a
            # second thing, 职工董事比多, of the same document)
            text = f"{against.group(1)}比{against.group(2)}{against.group(3)}多少"
            intent = self._intent(asked_part(text))
        more, asked_of, rest = _MORE_THAN_ASKED.search(text), text, ""
        if more is None and re.search(r"是不是|是否", text) and not re.search(r"多少|几|好多", text):
            # (asked whether, before it: "贵州的全国文明单位是不是比云南多"; in the clause that asks it, with what the
            # asker adds after: "贵州那边职代会建制率是不是比咱们云南高？我问的是22年")
            asked_of = re.sub(r"是不是|是否", "", text)
            clause = re.search(r"比[^，,。？?！!]{1,14}?(?:多|少|高|低)(?:了|些|一些|点)?(?=\W|$)", asked_of)
            if clause:
                asked_of, rest = asked_of[:clause.end()], asked_of[clause.end():]
            more = _MORE_THAN_ASKED.search(re.sub(r"\W*$", "吗", asked_of, count=1))
        than = re.sub(rf"^{_PRONOUN}", "", more.group(1)) if more else ""  # ("比咱们云南高": 云南)
        if more and re.match(rf"(?:(?:19|20)?\d{{2}}年|去年|前年|{self.coverage.region_names or '$^'})", than):
            # (of another year or region: "职工监事比职工董事多吗" is one document's sentence, which says both)
            text = f"{asked_of[:more.start()]}比{than}{more.group(2)}多少{rest}"
            intent = self._intent(asked_part(text))
        differ = _DIFFERENCE_ASKED.search(text)
        if differ and not re.match(rf"(?:(?:19|20)?\d{{2}}年|去年|前年|今年|上一年|前一年|{self.coverage.region_names or '$^'})",
                                   differ.group(1)) \
                and self.subject_words(self.coverage.without_constraint_words(differ.group(1))):
            # (not of another year or region, "比贵州多多少", which asks each document's figure as it is)
            text = f"{text[:differ.start()]}和{differ.group(1)}各多少{text[differ.end():]}"
            intent = self._intent(asked_part(text))
        claimed: tuple[str, ...] = ()
        if intent in ("yesno", "fact", "figure", "two_figures", "howto"):  # ("…524名，我怎么记得不是这个数")
            asking, claims = claimed_figures(text)
            asked_as = self._intent(asked_part(asking)) if claims else ""
            if asked_as in ("figure", "two_figures"):
                text, claimed, intent = asking, claims, asked_as
            elif claims and asking.endswith("呢") and earlier is not None:
                # ("贵州呢，也是0.02？": a follow-up, read as one, whose figure is then put beside the guess)
                text, claimed, intent = asking, claims, asked_as
        if soon is not None and earlier is None and intent not in NOT_ASKING:
            # With no conversation, what is embedded is the normalised text as it stands now (and the terms its
            # phrases mean; a word set aside, "除了…", rarely changes those): begun now, it is ready sooner.
            soon(self._expand(Query(original=question, text=text, own=text, intent=intent)).embedded_text)
        if earlier is not None:
            text = self._level_asked(text, earlier.text)
        own = _CONTINUATION.sub("", text).strip() or text
        # (a year or region set aside is not asked: "…有几家（不是全国的）")
        constraints = self.coverage.constraints(_SET_ASIDE.sub("", text) or text)
        if no_other_region and not constraints.region:
            constraints = replace(constraints, unmet=_OTHER_REGION_UNMET)
        if len(constraints.regions) >= 2 or len(constraints.years) >= 2:
            # "22年云南和贵州哪个省的职工驿站多": which of the two named has more of it asks each one's figure, as
            # "…职工驿站哪个多" does
            swapped = _WHICH_OF_TWO.sub(r"\1哪个\2", text)
            # (whose has more, of the two named: "云南和贵州22年谁的职工董事多" asks 职工董事哪个多)
            swapped = _WHOSE_MORE.sub(r"\1哪个\2", swapped)
            # (how often, as "开得多" says: "哪个省职代会开得多" asks 职代会召开的次数)
            swapped = re.sub(r"(开|召开|举办|办|搞|组织)得哪个(多|少)", r"\1的次数哪个\2", swapped)
            if swapped != text:
                text = swapped
                own = _CONTINUATION.sub("", text).strip() or text
                intent = self._intent(asked_part(_ANSWER_STYLE.sub("", text) or text))
        asking = next((c for c in reversed(re.split(r"[，,。？?！!；;]", text)) if QUANTITY.search(c)), "")
        if intent in ("figure", "two_figures") and not constraints.enterprise and _OWN_UNIT_COUNTED.search(asking) \
                and not (self.coverage.region_names and re.search(self.coverage.region_names, asking)):
            # "那俺们厂应该有几个职工董事": the asker's own unit, one enterprise (or less) of those every figure totals
            # (not of a region named: "我们云南省属企业…")
            constraints = replace(constraints, enterprise=OWN_UNIT_NAME)
        elif intent in ("yesno", "fact", "howto") and not constraints.enterprise and _OWN_UNIT_HAS.search(text) \
                and not (self.coverage.region_names and re.search(self.coverage.region_names, text)):
            # "我们运输公司有没有这种工作室": whether the asker's own unit has it, which no document says
            constraints = replace(constraints, enterprise=OWN_UNIT_NAME)
        previous = _PREVIOUS_DOCUMENT.search(text) if earlier is not None else None
        if previous and not self.coverage.constraints(text).year and (constraints.year or earlier.constraints.year):
            # "上一份呢" after 云南's latest report: the one of the year before, of the region (and kind) asked
            year, region = constraints.year or earlier.constraints.year, constraints.region or earlier.constraints.region
            kinds = {kind for y, r, _, kind in self.coverage.titled if y == year and (not region or r == region)}
            years = sorted({y for y, r, _, kind in self.coverage.titled if y and y < year and kind in kinds
                            and (not region or r == region)})
            if years:
                constraints = replace(constraints, year=years[-1], region=region)
        if earlier is not None:
            # ("21年的报告呢", "上一份呢": which document, named after its year or place in the row, not a thing asked)
            own = _DOCUMENT_ALONE.sub("", own) or own
        if _SAME_YEAR.search(text):
            own = _SAME_YEAR.sub("", own) or own
            if not constraints.year and earlier is not None and not earlier.constraints.year:
                # "同一年": the one year the answer just given names ("589名（2022年贵州工作报告）").
                years = set(re.findall(r"((?:19|20)\d{2})年", last_answer.split("\n", 1)[0]))
                if len(years) == 1:
                    constraints = replace(constraints, year=years.pop())
        # What the question is about, without the words that set its constraints ("2021年", "贵州"): those
        # choose documents; they are not what is counted.
        # (in a conversation, a region or year said alone, "贵州", asks what was asked, there or then: its name is no
        # word to search, as "贵州呢" leaves only 呢)
        own = self.coverage.without_constraint_words(own) or ("呢" if earlier is not None and intent not in NOT_ASKING
                                                               else own)
        if intent == "source":  # "哪个文件说的" asks which document; it names none, and asks of nothing itself
            own = SOURCE.sub("", own).strip(" ，,？?。的呢")
            if constraints.document and not _DOC_REFERENCE.search(own):
                constraints = replace(constraints, document="")
        if constraints.document and intent not in ("when", "issuer"):
            # "实施意见对服务保障有什么目标": the document named chooses where to look; it is not what is asked
            # (when or by whom it was issued is asked of the document itself).
            # (and who issued it, said before it: "贵州省国资委党委那份报告里…", "省总工会发的那篇新闻")
            own = self._issuer_named.sub("", own) or own
            # with how it was pointed at ("报告里", "按照…意见"); not another kind of document named as what is asked
            # of ("贵州22年报告里，产改工作实施方案是指导哪些部门制定的": enterprises' own plans, which the report names)
            pointed = list(_DOC_REFERENCE.finditer(own))
            pointed = [m for m in pointed if constraints.document in m.group(0)] or pointed[:1]
            unpointed = own
            for m in reversed(pointed):
                unpointed = unpointed[: m.start()] + unpointed[m.end():]
            own = unpointed or own
            # (a meeting its document reports, named as where it was said: "推进会上说每年培训多少人次"; and the saying)
            own = re.sub(rf"^(?:{re.escape(constraints.document)}(?:上|里|中|期间|当中)?)?(?:说|讲|提出|明确)(?![到过])"
                         r"(?:了|的|着)?(?=[\u4e00-\u9fff]{2})", "", own) or own
        own = OWN_SITUATION.sub("", own) or own  # "我在昆钢上班，…": who asks, not what is asked
        own = _ANSWER_STYLE.sub("", own).strip(" ，,") or own  # "都是哪几条？挑重点说": how to answer, not what
        asked_own = asked_part(own)
        if asked_own != own and intent in ("figure", "two_figures", "fact", "list", "when") and not self._names_thing(asked_own):
            # "…讲到省属企业建了好多爱心妈妈屋，我媳妇刚生娃，想晓得全省省属企业一共建了几个": what is counted was
            # named in the story (its last term of the knowledge base's), not in the question after it
            story = own[: len(own) - len(asked_own)]
            # (or a meeting a document reports: "工会主席说贵州开过一个全省深化产改推进会，我想知道是哪天开的")
            named = [(story.rfind(w), w) for w in (*self.lexicon.words, *self.coverage.meetings)
                     if len(w) >= 3 and w in story and not any(w in scope or scope in w for scope in self.coverage.scopes)]
            asked_own = f"{max(named)[1]}{asked_own}" if named else asked_own
        own = asked_own
        excluded: list[str] = []
        for match in _EXCLUDED.finditer(own):
            thing = match.group("thing") or match.group("thing2") or match.group("thing3") or match.group("thing4") \
                or match.group("thing5")
            words = [w for w in self.subject_words(thing) if len(w) >= 2 and w not in verbs()]  # (not 开展 of 开展次数)
            # (or the names as they are set aside, one by one: "除了黔磷和乌蒙另外两家是谁")
            excluded += words or [n for n in re.split(r"[和、跟与及]", thing) if len(n) >= 2 and not REFERRING.search(n)]
        if excluded or any(m.group("thing3") or m.group("thing4") or m.group("thing5") for m in _EXCLUDED.finditer(own)):
            corrected = any(m.group("thing4") for m in _EXCLUDED.finditer(own))
            own = re.sub(r"\(\)|（）", "", _EXCLUDED.sub("", own)).strip(" ，,") or own
            # (each clause: "厂务公开，是公开事项有多少件" says what is meant after the topic)
            own = "".join(_MEANT_INSTEAD.sub("", part) for part in re.split(r"([，,])", own)) if corrected else own
            # (what the rest of the question names is asked, whatever it sets aside holds it too: "全国示范性劳模创新工作室
            # 有几个，不算普通的劳模创新工作室" asks a kind of 劳模创新工作室)
            excluded = [w for w in excluded if w not in own]
        # (a region or year said alone, "贵州", is where or when to look, as "贵州呢" is: no subject; nor, asking when
        # or by whom a document was issued, is the word for it: "那是哪年发的文件")
        # (nor is the enterprise asked of, said by its short name, which jieba may split: "那建投呢" → 建, 投)
        named = constraints.enterprise
        core = re.sub(r"(集团|控股公司|股份公司|公司)$", "", named) if named else ""
        said = named if named and named in own else core if core and len(core) >= 2 and core in own else ""
        if said and not re.fullmatch(rf"(?:那|那么)?{re.escape(said)}(?:的|那边|这边)?(?:呢|嘞|咧)?[？?。]*", own.strip()):
            said = ""  # (only when it is all the question says: "报告里说建投集团开了个啥会" is about 建投集团)
        subject = tuple(w for w in self.subject_words(own.replace(said, "，") if said else own)
                        if self.coverage.without_constraint_words(w)
                        and not (intent in ("when", "issuer", "source", "documents") and _DOCUMENT_NOUN.fullmatch(w)))
        if not _ONLY_LISTING.sub("", _LIST_REQUEST.sub("", own)):
            subject = ()  # ("列一下", "都给我列出来": how to answer, about nothing of its own)
        query = Query(original=question, text=text, own=own, intent=intent, constraints=constraints,
                      corrections=tuple(corrections), subject=subject, excluded=tuple(excluded), claimed=claimed,
                      names_topic=any(len(w) >= 2 and w not in verbs() and w not in self.coverage.levels
                                      and not any(w in scope for scope in self.coverage.scopes)
                                      and not self.names_reporter(w, text) for w in subject))
        conversing = earlier is not None and intent not in NOT_ASKING
        if conversing:
            # A conversation keeps its year, region and document ("2021年云南…" then "一共慰问了多少人")
            # unless the new question sets its own.
            before = earlier.constraints
            if before.enterprise == OWN_UNIT_NAME and not constraints.enterprise:
                before = replace(before, enterprise="")  # ("那母婴室呢" after "我们厂有没有…": of all, as asked now)
            if before.enterprise and not constraints.enterprise and (_WHOLE.search(own) or constraints.region):
                # "那省属企业一共多少名" after "昆钢公司有多少名职工董事": the total of all, not the one asked before
                # (and so of a region named: "那贵州省部级劳模多少" after "昆钢有几个劳模")
                before = replace(before, enterprise="")
            if before.year and not constraints.year and re.search(r"(?<![第这那])(?:两|俩)(?:个)?年(?!前|后|多|级)|各年", text):
                # ("云岭工匠创新工作室两年各几个" after a question of 2021: of both years, not of the conversation's)
                before = replace(before, year="")
            of_both = not (constraints.region or constraints.regions) and bool(_BOTH_REGIONS.search(text))
            if of_both:
                # (nor of the conversation's region, what is asked of both: "职工监事两个省22年分别多少" after "那贵州的呢")
                before = replace(before, region="", regions=(), pairs=(), place="")
            if before.year and not constraints.year and _PLAN_ASKED.search(own):
                # (nor the year of what was done, into a plan: "贵州后面计划建到多少" after "那贵州呢，22年的" asks the
                # target, of whatever year it is set for)
                before = replace(before, year="", years=())
            if before.unmet:  # a year or region no document covers was refused: it is not carried on ("去年呢", then…)
                before = replace(before, unmet="", year="" if before.unmet == f"{before.year}年" else before.year,
                                 region="" if before.unmet == before.region else before.region)
            elif before.year and before.region and self.coverage.has(before.year, "") \
                    and not self.coverage.has(before.year, before.region):
                # (nor a year no document of the region is of, refused as such: "23年云南呢", then "那个考核是跟谁协调
                # 定下来的" asks of 云南 as its documents say; a target year no document is of stays: "到2025年要建到多少？",
                # then "母婴室呢")
                before = replace(before, year="", years=())
            query = replace(query, constraints=constraints.merged_over(before),
                            narrows=any(mine and mine != theirs for mine, theirs in (
                                (constraints.year, before.year), (constraints.region, before.region),
                                (constraints.document, before.document))))
            answered_in = self._answered_region(last_answer)
            if answered_in and not (constraints.region or constraints.regions) and earlier.own_constraints is not None \
                    and not earlier.own_constraints.region and query.constraints.region not in ("", answered_in):
                # "一线的要占多少" after "职工教育经费按工资总额提多少", which kept 云南 from the chat only as a preference
                # and was answered from 贵州's policy: of the document that answered, not of the region it had nothing of
                query = replace(query, constraints=replace(query.constraints, region=answered_in, year="", years=()))
            if answered_in and _THIS_DOCUMENT.search(own) and not (constraints.region or constraints.regions) \
                    and query.constraints.region != answered_in:
                # "这个意见哪天开始施行的": the document the answer before quoted (贵州's opinion), whatever region the
                # conversation turned to before it ("云南有没得这个规定")
                query = replace(query, constraints=replace(query.constraints, region=answered_in, unmet=""))
            if answered_in and not (query.constraints.region or query.constraints.regions or query.constraints.unmet) \
                    and not of_both:
                # "22年这两个数各是多少" after answers all from 云南's documents, though no region was asked: 云南's
                # still, as the conversation was (another region's only where 云南's documents have nothing on it)
                query = replace(query, constraints=replace(query.constraints, region=answered_in),
                                own_constraints=query.constraints)
        complete = conversing and not _CONTINUATION.match(text) and not self.leans_on(text, query.subject)
        # (a meeting it names, of its own or after a question that named none: held when and where the documents say)
        meeting = _MEETING_NAMED.search(own) is not None
        own_meeting = meeting and (complete or (conversing and not _MEETING_NAMED.search(earlier.text)))
        if conversing and not complete and earlier.intent == "when" and not (constraints.year or constraints.years) \
                and not (query.constraints.year or query.constraints.years):
            # "占比多少" after "两千九百多名党员是哪年的" was answered 2022: of that year, the one the figure is of
            years = set(re.findall(r"((?:19|20)\d{2})年", last_answer.split("\n", 1)[0]))
            if len(years) == 1:
                query = replace(query, constraints=replace(query.constraints, year=years.pop()))
        if conversing and not complete and constraints.region and not (constraints.year or constraints.years) \
                and not (query.constraints.year or query.constraints.years) and not earlier.constraints.year:
            # "云南呢" after "0.05（2022年贵州工作报告）": the same figure of another region, of the year the answer just
            # given is of (its other years' figures are not what was compared); all its years where it has none of it.
            # (only when it asks nothing of its own: "Guizhou opinion 新型学徒制 target?" names what it asks, of the
            # region's documents whichever their year)
            # (nor when it asks the year: "68.4%是贵州哪年的" after the 2023 policy's 65%)
            years = set(re.findall(r"((?:19|20)\d{2})年", last_answer.split("\n", 1)[0])) \
                if not query.subject and not (query.intent == "when" and _WHICH_YEAR.search(own)) else set()
            if len(years) == 1 and self.coverage.has(year := years.pop(), constraints.region):
                query = replace(query, constraints=replace(query.constraints, year=year), own_constraints=constraints)
        if conversing and constraints.region and not constraints.year \
                and query.constraints.year and not self.coverage.has(query.constraints.year, constraints.region):
            # A question that names its region ("贵州省的首席技师津贴最少多少钱", or just "贵州呢", after a question about
            # 云南 2021) is not refused for the year the conversation was in, which that region has no document of: it
            # asks what that region's documents say, and the answer names the year of the one it quotes.
            query = replace(query, constraints=replace(query.constraints, year="", years=()))
        if conversing and constraints.region and not (constraints.year or constraints.years) and query.constraints.years:
            # ("贵州呢" after "差多少" asked of 云南 2022 and 2021: of the years compared, those the region has)
            kept = tuple(y for y in query.constraints.years if self.coverage.has(y, constraints.region))
            query = replace(query, constraints=replace(query.constraints, years=kept if len(kept) >= 2 else (),
                                                       year=kept[0] if kept else ""))
        if complete and not constraints.year and query.constraints.year \
                and not self.coverage.has(query.constraints.year, ""):
            # Nor for a year no document is of, which the conversation named as a target ("贵州到2025年要建好多"
            # before "职工书屋有几个"): the question asks what its documents say, not what is planned for that year.
            query = replace(query, constraints=replace(query.constraints, year="", years=()))
        if conversing and not constraints.year and query.constraints.year and _NOW.search(own) \
                and not self.coverage.has(query.constraints.year, ""):
            # Nor, asking what there is now ("现在建了多少个" after "贵州到2025年…要建多少个职工驿站"), for the target
            # year: what is done so far is the latest documents' to say.
            query = replace(query, constraints=replace(query.constraints, year="", years=()))
        if own_meeting and intent == "when" and not (constraints.year or constraints.years) and query.constraints.year:
            # Nor, asking when a meeting it names was held ("贵州推进会是哪天开的" after a 2022 figure), for the year the
            # conversation was in: that year is what is asked.
            query = replace(query, constraints=replace(query.constraints, year="", years=()))
        if complete and not constraints.year and query.constraints.year and _ASKS_RULE.search(own):
            # Nor, asking what is required ("监事会里头职工监事比例有啥子要求" after a 2022 figure), for the year the
            # conversation was in: a rule is in the policy of its own year.
            query = replace(query, constraints=replace(query.constraints, year="", years=()))
        if complete and query.constraints != constraints and not constraints.unmet:
            query = replace(query, own_constraints=constraints)
        if complete:
            query = replace(query, conversation=earlier.topic)
        if conversing and (constraints.region or constraints.year) and not constraints.document:
            # Nor does a question naming its own year or region keep looking in the document the conversation named
            # ("贵州的文件里…" before "云南省属企业2022年发展产业工人党员一共多少名"; "按规定一年至少开几次" before
            # "云南22年开了好多次": 规定 pointed at the policy, which is of no year of 云南).
            query = replace(query, constraints=replace(query.constraints, document=""))
        # (or leaning on it with 那, a meeting it did not name: "那推进会是哪天开的" after "贵州那个实施意见是哪天印发的")
        if own_meeting and not constraints.document and query.constraints.document:
            # Nor, naming a meeting of its own ("后来开推进会是哪天" after when the 实施意见 took effect), in the
            # document the conversation named: a meeting held is reported where it is, not in the policy it studied.
            query = replace(query, constraints=replace(query.constraints, document=""))
        if complete and not (constraints.enterprise or constraints.place) \
                and (query.constraints.enterprise or query.constraints.place):
            # Nor is it about the enterprise or city the conversation named ("全省人大代表出了几个" after "昆钢有几个
            # 职工董事"): it names none.
            query = replace(query, constraints=replace(query.constraints, enterprise="", place=""))
        # "那什么时候开始执行": when, of nothing but verbs of issuing or taking effect, asks of what was being discussed.
        # (not of a meeting it names: "贵州推进会是哪天开的", whose 推进 is a verb, asks the meeting's date)
        of_dates = intent == "when" and all(w in verbs() or _DATE_VERBS.search(w) for w in query.subject) and not meeting
        pointed = ""
        if conversing and (self.leans_on(text, query.subject) or of_dates):
            # "云南22年是怎么规定的" after "贵州…多久开一次例会": a question about nothing of its own that moves to
            # another region or year asks what was asked before, however it words the asking.
            # (A count it asks in its own words stays a count: "22年又有好多人次参加" after "那是哪年的事".)
            # (nor a yes or no of its own: "驿站晚上开不开门" after a count of 驿站)
            inherited = ((not _QUESTION_WORD.search(own) and not _A_NOT_A.search(own)) or (query.narrows and not query.subject
                                                            and earlier.intent != "when")) \
                and intent not in ("source", "figure", "two_figures", "when") and not _LIST_REQUEST.search(text)
            # (nor asked to list what was just counted: "列一下" after "措施几条" asks the items; nor a date asked in its
            # own words, "施行日期" after keywords about 母婴室)
            # (a question word of its own never asks a date again: "那21年云南是哪家" after "…从哪天开始施行" asks which)
            # (as read: "占好多" is asked as 占多少, a share)
            # A question that leaned on its own ("参加的有多少人次" after "劳动竞赛搞了多少次") is read with the one it
            # leaned on, its own measure last: "贵州22年呢" then asks 人次, not 次.
            # (verbs alone are no subject of its own: "是哪个选出来的" leaned on the question before it)
            leaned = earlier.context and not any(len(w) >= 2 and (w not in verbs() or w in self.lexicon.words)
                                                 for w in earlier.subject)
            asked_before = earlier.context_question or earlier.text if leaned else earlier.text
            if leaned and earlier.context_question and _measure(earlier.text):
                asked_before = f"{earlier.context_question}，{earlier.text}"
            if leaned and re.search(_HOW_TRULY, earlier.text):
                # ("云南呢" after "那实际呢" after "实施意见要求…占多少": what was done, as the question before it asked)
                asked_before = _RULE_WORDS.sub("", asked_before)
            query = replace(query, context=earlier.topic, context_question=asked_before,
                            intent=earlier.intent if inherited and earlier.intent in ("figure", "two_figures", "when", "howto",
                                                                                      "list", "fact")
                            else intent)
            pointed = self._counted_by_number(own, last_answer or replied) if query.intent == "figure" else ""
            if pointed:
                # "他还说617是21年的数" after an answer quoting 职工董事617名、职工监事671名: about 职工董事, whatever
                # was asked just before (a later "贵州呢" asks it too)
                query = replace(query, context=pointed, context_question=f"{pointed}有多少")
        if query.context and earlier is not None and _COMPARE.search(own):
            # "比上一年多了多少", "跟云南同一年比哪个多": a comparison asks the figure of both, each from its own document
            # (no document states the difference; the answer never computes one).
            mine, theirs = query.constraints, earlier.constraints
            if theirs.unmet == f"{theirs.year}年":  # (nor with one refused before)
                theirs = replace(theirs, year="")
            years = (theirs.year, mine.year) if mine.year and theirs.year and mine.year != theirs.year else mine.years
            regions = (theirs.region, mine.region) if mine.region and theirs.region and mine.region != theirs.region \
                else mine.regions
            if years != mine.years or regions != mine.regions:
                # (a year no document is of cannot be compared with: "比去年多了多少", 去年 being 2025, of which only
                # targets are written)
                missing = next((y for y in years if not self.coverage.has(y, "")), "")
                query = replace(query, constraints=replace(mine, years=years, regions=regions,
                                                           unmet=mine.unmet or (f"{missing}年" if missing else "")),
                                intent=earlier.intent if earlier.intent in ("figure", "two_figures") else query.intent)
        pairs = self._split_asked(query.own) if query.intent == "two_figures" else []
        asked = tuple(n for n, _ in pairs) or self._asked(query)
        if not asked and _COMPARED.search(query.own):
            asked = self._compared_things(query.own)  # ("对比一下两个省22年的职工董事和职工监事": each thing compared)
        if not asked and query.context and earlier is not None and (earlier.intent in ("figure", "two_figures")
                                                                    or any(w not in verbs() for a in earlier.asked for w in self.subject_words(a))):
            asked = earlier.asked  # "那2021年的呢？", "占多大比例？": still about what was counted before
            if re.search(_HOW_TRULY, own):
                # "那实际呢" after "实施意见要求…占多少": what was done, no longer what a rule requires (and so for the
                # questions leaning on it: "云南呢")
                asked = tuple(stripped if len(stripped := _RULE_WORDS.sub("", a)) >= 2 else a for a in asked)
            other = _ALSO.fullmatch(own) if query.intent == "two_figures" and len(earlier.asked) >= 2 else None
            thing = self.coverage.without_constraint_words(other.group(1)) if other else ""
            if len(thing) >= 2 and not thing.endswith("的") and self.subject_words(thing) \
                    and not any(thing in a or a in thing for a in earlier.asked):
                # "那职工书屋呢" after "驿站和母婴室各建了多少个": the one thing it names, not the two asked before
                asked, query = (thing,), replace(query, intent="figure")
            if pointed:
                asked = (pointed,)  # (what a number named points at, see _counted_by_number)
            if _REVERSED.search(own):
                # "反过来呢" after "把多少生产骨干培养成党员": who became what, the other way round
                asked = tuple(_reversed(a) for a in asked)
            # (not the verb a question that counted nothing asked of: "是哪个选出来的" counts no 选出来)
        elif not asked and query.context and query.intent == "figure" \
                and not [w for w in query.subject if w not in self.coverage.scopes]:
            # then the thing the conversation is about ("实际选了多少个" after "职工监事…比例" and "是哪个选出来的")
            named = [w for w in self.lexicon.words_of(query.context) if len(w) >= 2 and w not in verbs()
                     and w not in self.coverage.scopes and not _QUESTION_WORD.search(w)]
            # (not the asker's own unit: "一届干几年" after "我们公司要选职工董事了…" is of 职工董事, not of 公司)
            named = [w for w in named if not re.search(rf"(?:我们|咱们|俺们|我|咱|俺)的?{re.escape(w)}", query.context_question)] \
                or named
            asked = tuple(named[:1])
        if query.intent == "figure" and earlier is not None and asked == earlier.asked and len(asked) == 2 \
                and earlier.intent == "two_figures" and WHICH_MORE.search(own):
            query = replace(query, intent="two_figures")  # ("那哪个少" after "…和…哪个多": which of the two, again)
        clauses = tuple(c for _, c in pairs) if len(pairs) == len(asked) else ()
        if not clauses and earlier is not None and asked == earlier.asked and len(earlier.clauses) == len(asked) > 1:
            # "云南呢" after "…发展了多少产业工人党员，占比多少": each figure again as its own clause asked it (a count,
            # then a share), not both as the last clause's share
            clauses = earlier.clauses
        return self._expand(replace(query, asked=asked, clauses=clauses))

    # --- intent ------------------------------------------------------------------------------------
    def intent_of(self, text: str) -> str:
        """What a text asks by its wording alone (no normalisation, no conversation): a cheap first look."""
        return self._intent(asked_part(surface(text)))

    def _intent(self, text: str) -> str:
        for kind in NOT_ASKING:
            found = [m for p in self.guard.get(kind, []) for m in p.finditer(text)]
            if found and not (kind == "party" and _told_before_asking(text, found)):
                return kind
        if DOCUMENTS.search(text):
            return "documents"
        exists = _DOCUMENT_EXISTS.search(text.strip())
        if exists and not _ABOUT_DOCUMENTS.sub("", self.coverage.without_constraint_words(
                "".join(g for g in exists.groups() if g))):
            return "documents"
        if ISSUER.search(text):
            return "issuer"
        if SOURCE.search(text) and not (_WITH_SOURCE.search(text) and QUANTITY.search(_WITH_SOURCE.sub("", text))):
            return "source"  # (not a figure asked with its source: "爱心妈妈屋建了多少个？麻烦带上出处")
        if WHEN.search(text) and not (_AS_OF_ASKED.search(text) and QUANTITY.search(_AS_OF_ASKED.sub("", text))) \
                and not _MORE_OR_LESS.search(text):  # ("职工驿站哪年多": the figure of each year, not a year)
            return "when"  # (but "师徒合同签了多少份，这个数是截止啥时候的" asks the figure, whose sentence says as of when)
        if (QUANTITY.search(text) or _MORE_OR_LESS.search(text)) and not _WHICH_ITEMS.search(text):
            return "two_figures" if self._two_nouns(text) else "figure"
        if HOWTO.search(_SAID_HOW.sub("", text)):
            return "howto"
        if LIST.search(text):
            return "list"
        if YESNO.search(text):
            return "yesno"
        return "fact"

    def _two_nouns(self, text: str) -> bool:
        return len(self._split_asked(text)) >= 2

    def _split_asked(self, text: str) -> list[tuple[str, str]]:
        """(noun, its own question): "职工董事和职工监事各多少" → [(职工董事, 职工董事多少), (职工监事, 职工监事多少)];
        "A有多少，B有多少" → [(A, A有多少), (B, B有多少)]."""
        said = [c for c in re.split(r"[，,;；。?？!！\s]", text) if c]
        if len(said) >= 2 and _DIFFERENCE_ALONE.fullmatch(said[-1]) and _WHICH_OF_THINGS.search(said[-2]):
            # "A跟B哪个多，差好多": how far apart they are is the two figures again (the answer never computes it)
            return self._split_asked(text[: text.rindex(said[-1])].rstrip("，,;；。?？!！ "))
        if len(QUANTITY.findall(text)) >= 2:
            pairs = [(self.asked_noun(clause), clause) for clause in re.split(r"[，,;；。?？!！、]|还有|以及", text)
                     if QUANTITY.search(clause)]
            # (a topic announced first is of each: "慰问经费：省国资委党委划了多少、企业党委划了多少")
            topic = re.match(r"[^，,;；。?？!！、：:]{2,12}[：:]", text)
            if topic and not QUANTITY.search(topic.group(0)):
                pairs = [(n, c if c.startswith(topic.group(0)) else topic.group(0) + c) for n, c in pairs]
            if len(pairs) == 2 and self.subject_words(pairs[0][0]) \
                    and (not self.subject_words(pairs[1][0]) or _SAME_AGAIN.fullmatch(pairs[1][0])):
                # "劳动竞赛搞了多少次，多少人次参加": the second clause counts something else of the first's subject.
                # ("发展了多少产业工人党员、占比多少": the share of them, named by its measure word)
                # (nor which of the years or regions it names has more: "职工监事的人数，2022年跟2021年比谁多")
                rest = re.sub(rf"多少|几(?=[个名人次项家条件份户位所])|几|各自|各|分别|(?:相?比)?{_WHICH_MORE}|[了的呢啊？?]", "",
                              self.coverage.without_constraint_words(pairs[1][1]))
                measure = re.search(rf"(?:多少|几)万?(人次|[{_MEASURE}])", pairs[0][1])
                rest = _SAME_AGAIN.sub("", rest)  # (the same measure again, as it became)
                if not rest or (measure and rest == measure.group(1)):
                    return []  # "…你说到底好多个，劳模创新工作室，好多个": the same asked again, one figure
                pairs[1] = (pairs[0][0] + rest, pairs[0][0] + pairs[1][1])
            # (a scope every document is about names nothing counted: "云南省属企业跟贵州省属企业比谁多")
            pairs = [(n, c) for n, c in pairs if [w for w in self.subject_words(self.coverage.without_constraint_words(n))
                                                  if w not in self.coverage.scopes]]
            if len(pairs) >= 2 and len({n for n, _ in pairs}) == len(pairs):
                return pairs
        noun = self.asked_noun(text)
        clauses = [c for c in re.split(r"[，,;；。?？!！]", text) if c]
        # (the clause that asks, after any that tells who asks: "咱们省属企业的产业工人里，有几个当选了…？…呢")
        first = next((c for c in reversed(clauses[:-1]) if QUANTITY.search(c)), "")
        if noun and len(clauses) >= 2 and noun in first:
            # "当选二十大代表的有几个，全国人大代表呢": the second clause asks the same of another noun.
            other = _ALSO.fullmatch(clauses[-1])
            if other and self.subject_words(self.coverage.without_constraint_words(other.group(1))) \
                    and other.group(1) not in noun and not _ASKING.search(other.group(1)):
                # (not "贵州有多少劳模，云南呢": the same asked of another region, see Coverage._side_by_side_regions)
                return [(noun, first), (other.group(1), first.replace(noun, other.group(1), 1))]
        each = _EACH.search(text) or _WHICH_OF_THINGS.search(text)
        if not each:
            return []  # "劳动竞赛和技术比武开展了多少次", "困难职工和党员一共慰问了多少人": one figure
        before = _SENTENCE_PART.split(text[: each.start()])[-1]  # ("、" lists the nouns: "全国、全省文明单位各…")
        if _WHICH_OF_THINGS.fullmatch(each.group(0)):
            before = re.sub(r"(?:相|一)?比(?:较|一下|起来)?$", "", before)  # ("A跟B比谁多": 比 is no part of B)
        # (a word pointing back at the two things of the clause before is no noun: "坐进董事会的…和坐进监事会的…，两种
        # 各有好多人")
        pointed = bool(before) and not _BOTH_POINTED.sub("", before)
        before = "" if pointed else before
        opens = not before and [c for c in _SENTENCE_PART.split(text[: each.start()]) if c][: -1 if pointed else None]
        if opens:
            # "当选全国人大代表的和当选省人大代表的，各有几个是省属企业工人": 各 opens its clause; the nouns are the clause's
            # before it, and each one's question is it with the clause 各 opens
            # (not the years or regions it compares: "云南省属企业跟贵州省属企业比谁多？各多少次", one figure of each)
            parts = [p.strip() for p in _JOIN.split(opens[-1]) if p and p.strip()]
            # (nor the documents it compares: "贵州报告和云南报告都写了劳动竞赛吗？各是多少次")
            parts = [p for p in parts if [w for w in self.subject_words(self.coverage.without_constraint_words(p))
                                          if w not in self.coverage.scopes and w not in _DOCUMENT_KINDS]]
            if len(parts) >= 2:
                return [(p, p + text[each.end():]) for p in parts]
        if len(_JOIN.split(before)) >= 2 and not self.subject_words(self.coverage.without_constraint_words(before)):
            return []  # "…挂钩的系数，21年和22年分别是多少": 分别 goes with the years (regions), one figure of each document
        if before and (before not in noun or _WHICH_OF_THINGS.fullmatch(each.group(0))) and len(_JOIN.split(before)) >= 2:
            # "国资委党委和企业党委各划拨多少经费": the nouns come before 各, what is counted after it.
            parts = [p.strip() for p in _JOIN.split(before) if p and p.strip()]
            # (a scope every document is about names nothing counted: "云南省属企业跟贵州省属企业比谁多"; nor does an
            # enterprise, of which the question asks: "昆钢和建投各有多少个省部级劳模")
            parts = [p for p in parts if [w for w in self.subject_words(self.coverage.without_constraint_words(
                self.coverage.without_enterprise_names(p))) if w not in self.coverage.scopes]]
            if len({self.coverage.without_constraint_words(p) for p in parts}) < len(parts):
                return []  # (the same thing of two regions or years: "云南省属企业跟贵州省属企业比谁多", one figure of each)
            if len(parts) == 2 and parts[1].endswith("的") and "的" in parts[0][:-1]:
                # "国资委拨的慰问钱跟企业自己拨的": the second's thing is the first's, left unsaid (企业自己拨的慰问钱)
                parts[1] += parts[0][parts[0].rindex("的") + 1:]
            if len(parts) >= 2:
                parts = self._shared_tail(parts)
                # (which of the two is more asks the figure of each: "国资委拨的钱跟企业拨的哪个多" → 国资委拨的钱多少)
                said = "多少" if _WHICH_OF_THINGS.fullmatch(each.group(0)) else ""
                return [(p, text.replace(before, p, 1).replace(each.group(0), said, 1)) for p in parts]
        if _WHICH_OF_THINGS.fullmatch(each.group(0)):
            return []  # (which is more of things not named before it: one figure, "云南跟贵州比谁多" of each region)
        # "国资委党委和企业党委各拨了多少": 各 and the verb after it belong to the question, not to the second noun.
        group = re.sub(r"(各自|各|分别|都)[\u4e00-\u9fff]{0,2}$", "", noun)
        parts = [p.strip() for p in _JOIN.split(group) if p and p.strip()]
        # (asked of each in so many words: "都是啥" asks what the one thing's items are)
        head, things = self._named_one_after_another(group) if len(parts) == 1 \
            and each.group(0) in ("各", "各自", "分别") else ("", [])
        if things:  # ("贵州的董事监事各多少": each of what is named, of what is said before them)
            return [(t, re.sub(r"各自|各|分别", "", text.replace(group, head + t, 1))) for t in things]
        parts = [p for p in parts if self.subject_words(self.coverage.without_constraint_words(self.coverage.without_enterprise_names(p)))]
        if len(parts) < 2 or all(self.coverage.without_constraint_words(p) != p for p in parts):
            return []  # (or each part names its region or year: "云南省属企业跟贵州省属企业比", one figure of each)
        # ("国资委和企业慰问的钱分别多少": the money of each, not how many 国资委)
        parts = self._shared_tail(parts)
        return [(p, re.sub(r"各自|各|分别", "", text.replace(group, p, 1))) for p in parts]

    def _named_one_after_another(self, group: str) -> tuple[str, list[str]]:
        """What is said before them, and the things of "董事监事各多少", "全国劳模省部级劳模分别几个": named one right after
        another with no word joining them, each written in the documents and no two of them written together (云岭工匠
        创新工作室 is one thing: so the documents write it); ("", []) otherwise."""
        subject = set(self.subject_words(self.coverage.without_constraint_words(group)))
        # (not whom every figure is about, said before them: "贵州省属企业职工董事监事各几名")
        things = [w for w in self.lexicon.words_of(group) if w in subject and w not in self.coverage.scopes]
        joined = "".join(things)
        written = self.normaliser.text
        if not 2 <= len(things) <= 4 or not group.endswith(joined) \
                or any(len(t) < 2 or t not in written or t in verbs() for t in things) \
                or any(a + b in written for a, b in itertools.pairwise(things)):
            return "", []
        return group[: len(group) - len(joined)], things

    def _shared_tail(self, parts: list[str]) -> list[str]:
        """The nouns of "A、B的X各多少" with what the last one says of its own ("的X") said of each: "高级技师、技师每月的
        技能津贴标准分别是多少" asks the 津贴 of both, not how many 高级技师 there are."""
        words = self.subject_words(parts[-1])
        head = words[0] if words and parts[-1].startswith(words[0]) else ""
        tail = parts[-1][len(head):]
        if not head or "的" not in tail or not tail.rsplit("的", 1)[1] or any("的" in p for p in parts[:-1]):
            return parts  # (nor a 的 that ends it: "当选全省人大代表和全省政协委员的各几名" asks the people)
        return [p + tail for p in parts[:-1]] + parts[-1:]

    def _asked(self, query: Query) -> tuple[str, ...]:
        """The one noun of a figure question (a two-figure question's nouns come from _split_asked)."""
        if query.intent == "two_figures" or (query.context and _REVERSED.search(query.own)):
            return ()  # ("倒过来的呢": what was asked before, the other way round)
        # ("22年比21年职工董事多了还是少了": asked as "…职工董事多少", of each year)
        own = _MORE_OR_LESS.sub("多少", query.own)
        noun = re.sub(r"(各自|各|分别|都)$", "", self.asked_noun(own))  # "职工董事各多少" (of several documents)
        noun = noun or _handed_thing(_TRAILING.sub("", query.own))  # "先给我职工董事": the thing handed over is counted
        noun = noun or self._keyword_thing(query.own)  # ("2021 2022 职工董事": typed as keywords)
        noun = noun or self._keyword_thing(_TABLE.sub("", re.sub(r"^把", "", query.own)))  # ("…的职工驿站列个表")
        based = re.match(r"(?:按照|按|依照|根据)(?=[\u4e00-\u9fff]{2})", noun)
        if based:
            # "职工教育经费，按工资总额，提多少": what it goes by is no thing counted; the thing is the clause before
            before = [c for c in re.split(r"[，,；;\s]+", query.own[: query.own.find(noun)]) if c]
            if before and not QUANTITY.search(before[-1]) and self.subject_words(before[-1]):
                noun = before[-1]
        for scope in self.coverage.scopes:  # "省属企业职工董事": every figure is about 省属企业; 职工董事 is counted
            stripped = re.sub(rf"^(全省|全国|全市)?的?(各|咱|咱们|我们)?{re.escape(scope)}(的|里|中|里面)?"
                              rf"(?:自己|自个儿|自家|本身)?", "", noun)
            if noun and not stripped and _measure(query.own) in ("钱", "元"):
                # "省属企业自己拿了多少钱慰问困难职工": money the enterprises gave; the scope says whose it is
                return (scope,)
            if noun and not stripped and query.context:
                return ()  # "贵州省属企业呢，签了多少": the scope alone; what is counted is the conversation's
            if noun and not stripped:
                # "劳模创新工作室，全省省属企业有多少个": the scope alone next to 多少; what is counted is named before it
                stripped = self.asked_noun(re.sub(rf"(全省|全国|全市)?的?(各|咱|咱们|我们)?{re.escape(scope)}(的|里|中|里面)?",
                                                  "", query.own))
            noun = stripped if len(stripped) >= 2 else noun
            # "评上全国文明单位的省属企业有几家": the enterprises counted are those that 评上全国文明单位.
            # ("劳模创新工作室省属企业有多少个": the scope after what is counted, said as where)
            # ("党的二十大代表咱们省属企业出了几个": with who asks, before the scope)
            stripped = re.sub(rf"的?(?:{_PRONOUN})?的?{re.escape(scope)}$|(?<=[\u4e00-\u9fff]{{2}})(?:{_PRONOUN})?的?(全省|全国|全市)?"
                              rf"{re.escape(scope)}$", "", noun)
            noun = stripped if len(stripped) >= 2 else noun
        noun = re.sub(r"^各(级|类|家|个|种|项)?(?=[\u4e00-\u9fff]{2})", "", noun)  # "各级职代会": every one of them
        # ("职工驿站目标是200个，2022年已经建成多少了": the figure told is what it is compared with, not what is counted)
        noun = re.sub(r"(?<=[\u4e00-\u9fff]{2})的?(?:目标|计划|任务|要求)?(?:是|为|有|达到)\d[\d.]*(?:万|亿)?[\u4e00-\u9fff%]?$",
                      "", noun)
        noun = re.sub(r"^(?:去年|今年|前年|明年|当年|那年)(?=[\u4e00-\u9fff])", "", noun)  # ("去年建到好多了": a year, not what)
        # "当上全国人大代表的产业工人有几个": the workers who became it are counted as what they became (those of the
        # population every figure is about)
        became = re.fullmatch(r"(?:当上|当选|选上|评上|成为|被评为|被选为|入选)了?([\u4e00-\u9fff]{2,}?)的"
                              r"(?:一线)?(?:产业)?(?:工人|职工)(?:同志)?", noun)
        # (so are those who went to a congress, its deputies: "去开二十大的一线工人", "…有工人去开了二十大")
        went = re.fullmatch(rf"(?:跑|专门|专程)?(?:去|到)?(?:参加|出席|开)了?({_CONGRESS})的(?:一线)?(?:产业)?(?:工人|职工)(?:同志)?", noun) \
            or re.search(rf"(?:一线)?(?:产业)?(?:工人|职工)(?:同志)?(?:去|到)[\u4e00-\u9fff]{{0,3}}?(?:参加|出席|开)了?({_CONGRESS})$", noun)
        # (and said the other way round: "产业工人当上政协委员的有几个", "政协委员有没有咱产业工人当上的")
        # (当 alone too: asked_noun reads 当上 as 当)
        other = None if became or went else re.fullmatch(
            rf"(?:有没有)?(?:{_PRONOUN})?(?:一线)?(?:产业)?(?:工人|职工)(?:同志)?(?:{_BECAME}|当)"
            r"(?P<thing>[\u4e00-\u9fff]{2,}?)的?", noun) or re.fullmatch(
            rf"(?P<thing>[\u4e00-\u9fff]{{2,}}?)(?:里|中)?(?:有没有|有)(?:{_PRONOUN})?(?:一线)?(?:产业)?(?:工人|职工)(?:同志)?"
            rf"{_BECAME}的?", noun)
        noun = other.group("thing") if other else noun
        noun = became.group(1) if became else went.group(1) if went else noun
        # "企业自己配套拿出多少钱": by themselves, and giving, say whose and how; 配套 is what is counted
        noun = re.sub(r"^(?:自己|自个儿|自家|本身)(?=[\u4e00-\u9fff]{2})|(?<=[\u4e00-\u9fff]{2})(?:自己|自个儿)?(?:拿出|掏出|拿了|掏了|出了)?$",
                      "", noun)
        # "省属企业实际选了多少个": how truly it is asked, not what is counted; what remains, a verb alone, names nothing
        # "文件到底要求职代会多久开一次": the document and what it asks say where and how it is asked, not what
        noun = re.sub(rf"^(?:{'|'.join(sorted(_DOCUMENT_KINDS, key=len, reverse=True))})(?:里|中|上|里面|里头)?"
                      rf"(?:{_HOW_TRULY})?(?:是)?(?:怎么|咋)?(?:要求|规定)的?", "", noun)
        adverb = re.match(rf"(?:{_HOW_TRULY})(?=.)", noun)
        if adverb:
            noun = noun[adverb.end():]
            if query.context and all(w in verbs() or w in LIGHT_WORDS for w in self.lexicon.words_of(noun)):
                return ()
        enterprise = query.constraints.enterprise
        core = re.sub(r"(集团|控股公司|股份公司|公司)$", "", enterprise)
        if enterprise and re.search(rf"{re.escape(enterprise)}|{re.escape(core)}", noun):
            # "乌蒙煤电集团职工董事": the enterprise says whose, not what is counted; "其中昆钢开了几次" counts what the
            # conversation counted
            stripped = re.sub(rf"^.*(?:{re.escape(enterprise)}|{re.escape(core)})(的|它|他们|自己)*", "", noun)
            if len(stripped) < 2 and query.context:
                return ()
            if len(stripped) < 2:
                # "昆钢公司一共有多少产业工人": the enterprise alone before 多少; what is counted is named after it
                stripped = self.asked_noun(re.sub(rf"{re.escape(enterprise)}|{re.escape(core)}", "", query.own))
            noun = stripped if len(stripped) >= 2 else noun
        if re.fullmatch(r"[A-Za-z][A-Za-z\s'-]*", noun):
            # "How many attendees at the Guizhou 推进会?": an English word no glossary reads names nothing the documents
            # count by it; the knowledge base's own term the question names is what it asks of (not the scope, 省属企业)
            named = [run for run in re.findall(r"[\u4e00-\u9fff]{2,}", query.own)
                     if not any(run in scope for scope in self.coverage.scopes)]
            noun = named[-1] if named else noun
        if not noun and query.context and query.subject:
            noun = "".join(query.subject)  # "那省部级的呢？": what is counted now is 省部级 (…劳模, from the context)
        return (self._referred(noun, query.text),) if noun else ()

    def _referred(self, noun: str, question: str) -> str:
        """"…单位有个爱心妈妈屋挺方便的…这种屋子总共建了多少个": 这种/这个 X points back to the term of the
        knowledge base the question named before it that X is a kind of (屋子 → 爱心妈妈屋)."""
        pointing = re.search(r"(?:这种|这个|这些|这类|那种|那个)([\u4e00-\u9fff]{1,4})$", noun)
        if not pointing:
            return noun
        thing = pointing.group(1).rstrip("子儿")
        before = question[: question.rfind(noun)]
        named = [w for w in self.lexicon.words if w in before and thing and thing[-1] in w]
        return max(named, key=len) if named else noun

    def asked_noun(self, question: str) -> str:
        """The words next to 多少/几 that name what is counted: after it ("发展了多少产业工人党员"), else before
        it ("母婴室建了多少个"), reaching back over clauses that name nothing ("…的劳模，总数是多少")."""
        match = QUANTITY.search(question)
        if not match:
            return ""
        after = _CLAUSE.split(question[match.end():].lstrip())[0].lstrip(_MEASURE)  # (English: "how many 劳模 …")
        after = re.sub(rf"^(的|是|呢|啊|呀|了|{_PRONOUN})+|(呢|啊|呀|吗|了)+$", "", after)  # "有几个咱们…代表"
        after = re.sub(r"(出来|出去|下来|上来|进来|过来|起来)$", "", after)  # "拿了多少钱出来": 钱
        # "多少产业工人当上了省党代会代表": those of the population who became what is named after are counted
        became = re.match(rf"(?:一线)?(?:产业)?(?:工人|职工)(?:同志)?{_BECAME}", after)
        if became and self.subject_words(after[became.end():]):
            after = after[became.end():]
        before = _CLAUSE_BEFORE.split(question[: match.start()])[-1]  # the clause's words before 多少
        named = self.subject_words(after)
        if len(named) >= 2 and after.startswith(named[0]) and named[0] not in verbs() and named[1] in verbs() \
                and len(named[0]) >= 2 and self.subject_words(before) and _GIVEN.search(before):
            # "企业党委拿了多少专款慰问困难职工": what the money was for follows the thing counted (专款), which is
            # asked; the sentence's 慰问…职工 counts the people it went to.
            after = named[0]
        elif named and named[0] in verbs() and after.startswith(named[0]) and self.subject_words(before) \
                and _GIVEN.search(before):
            # "各省属企业配套投入了多少慰问困难职工": nothing counted after the verb of giving, what follows says what
            # it was given for; the amount given is asked, of the giver named before it (配套投入), not the people
            # it went to.
            after = ""
        if re.match(r"钱|比例|比重", after) and self.subject_words(before):
            # "国资委党委拿了多少钱（出来）慰问困难职工", "教育经费按好多比例提": 钱 or a share is the measure, and
            # what follows says what it was for; whose money or share it is, is named before it.
            after = ""
        # ("一线工人的比例最低要多少": the bound asked after the measure names nothing counted)
        after = re.sub(r"^(?:是|为|要|得)?(?:最少|至少|最低|最多|起码|不能低于|不得低于|不低于|不能少于|不少于)"
                       r"[\u4e00-\u9fff]{0,2}?(?:多少|几)?$", "", after)
        # "职代会多久开一次": 职代会 (not "开一次会": 会); "几年开一次": the period of 几年 too
        after = re.sub(r"^(?:年|个?月|季度)?(开|搞|办|举办|召开|举行|比)?一次$", "", after)
        # ("多久开一次有要求吗": whether there is a rule is how it asks, not what is counted)
        after = re.sub(r"^(?:(开|搞|办|举办|召开|举行|比)?一次)?(?:有没有|有)?(?:要求|规定)(?:吗|没有|没)?$", "", after)
        if after and all(w in verbs() for w in self.subject_words(after) or ("",)):
            after = ""  # "推进会多少人参会": what the people did; what is counted is named before
        if POPULATION.fullmatch(after) and before.endswith("了") and self.subject_words(before):
            # "实际培训了多少人次职工": whom every figure is about, after what was done to them, which is counted
            after = ""
        if len(after) >= 2 and self.subject_words(after):
            # "二十大代表里有几个工人", "党代会上有几个产业工人代表": counted are those of the group named before.
            within = re.search(r"([\u4e00-\u9fff]{2,})(?:上|里|中|当中|里面|之中)(?:有|共有|一共有)?$", before)
            # "二十大代表有几个是产业工人", "全省政协委员有几名产业工人当选": the workers are whom every figure is about;
            # counted are those of the group named before 有.
            # (the workers of "咱省属企业" are whom the documents are about too: "…里有几个是咱省属企业的产业工人")
            population = POPULATION.fullmatch(re.sub(r"^(?:省属|国有|省管)?(?:企业|单位|公司)的?", "", after))
            within = within or (re.search(r"([\u4e00-\u9fff]{2,}?)(?:有|共有|一共有)$", before)
                                if population else None)
            if within and self.subject_words(within.group(1)):
                # (the whole population is no part of what is counted: 产业工人 would match 发展产业工人党员 instead;
                # 一线工人 among 职工董事 are a narrower group, and are)
                whole = population and "一线" not in after
                return re.sub(rf"^{_PRONOUN}", "", within.group(1)) + ("" if whole else after)
            return after
        # (nor a doubt of what was heard: "同事说…多了好几十个，真的假的？两年各是多少")
        said = [c for c in _CLAUSE_BEFORE.split(question[: match.start()]) if c and not _CHECKING.fullmatch(c)]
        clauses = list(said)
        # "企业那边又拿了多少", "…，累计有多少人": where, again and so far are no part of what is counted; nor is the
        # yes-or-no a question opens with ("省人大代表里有咱工人没？有几个").
        # Nor how sure the asker is ("推进会大概多少人参加"), nor a 那个 pointing at it.
        # (nor what was done to it, said before it: "贵阳开的那个推进会" is the 推进会)
        clauses = [re.sub(r"^[\u4e00-\u9fff]{0,4}?(?:开|办|搞|召开|举办|举行|建|评|发)的(?:那个|这个|那次|这次|那场|这场)", "", c)
                   for c in clauses]
        clauses = [re.sub(rf"^(一共|总共|共|累计|合计|总计|迄今|至今|目前|现在|还|又|那个|这个|那么|那|关于|针对|对(?!口)"
                          r"|分别|列出来?|列一下)+|(那边|这边|那里|这里)?"
                          rf"(又|还|也)?{_PRONOUN}?(大概|大约|大致|差不多|约|{_HOW_TRULY})?(有|是|共|一共|总共|了|建了|开了|签了|搞了|(?:{_GIVING})了|来了|到了|去了|参加了|的|按照|按"
                          rf"|(?:要|得|能|会)?{_LIGHT_RESULT.pattern})*"
                          r"(呢|吗|啊|呀|嘛)?$"
                          r"|(没有|没)$", "", c)
                   for c in clauses]
        # (never inside a word: "省属企业公开了" loses 了, not 开了)
        clauses = [self._at_word_end(original, c) for original, c in zip(said, clauses, strict=True)]
        # The period a rate is asked per is said as the documents say it ("职代会一年开几次" asks 每年).
        # But a period something was done in ("劳动竞赛一年搞了多少场") asks the total of the documents' year: it is
        # no part of what is counted.
        done_in = re.search(r"一(?:年|届|季度|个?月|周)(?:里|内|当中|下来)?[\u4e00-\u9fff]{0,2}了", question[: match.start()])
        clauses = [re.sub(r"一(年|届|季度|个?月|周)(里|内|当中|下来)?", "" if done_in else r"每\1", c) for c in clauses]
        clauses = [self._within(c) for c in clauses]
        # ("贵州的职工董事比云南多多少", its region taken out as a constraint: 职工董事, not 职工董事比多)
        clauses = [re.sub(r"(?<=[\u4e00-\u9fff]{2})比(?![武例重赛较])[\u4e00-\u9fff]{0,8}?(?:多|少|高|低)了?$", "", c) for c in clauses]
        # "…用在一线培训上的不能低于多少", "…的最少得占多少", "一年起码开几次": the bound asked is how it asks, no part
        # of what is counted (but 至少 before the verb, as a rule's label words it: "职代会每年至少召开")
        clauses = [re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:最少|起码|最低|最多)(?:要|得|也|也要|也得)?(?=[\u4e00-\u9fff])", "", c)
                   for c in clauses]
        clauses = [re.sub(r"(?<=[\u4e00-\u9fff]{2})的?(?:最少|至少|最低|最多|起码|不能低于|不得低于|不低于|不能少于|不得少于|不少于)"
                          r"(?:得|要|应|应该|应当)?(?:占|是|为|有|达到|达)?$", "", c) for c in clauses]
        # "二十大代表省属企业工人里头出了几个": the workers of the documents' scope are whom every figure is about, no
        # part of what is counted (一线工人 are a narrower group, and stay)
        clauses = [found.group(1) if (found := _WHOLE_POPULATION.fullmatch(c)) and self.subject_words(found.group(1)) else c
                   for c in clauses]
        # "那企业这边配了多少": whose side, then what it did; who is named before it
        clauses = [re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:那边|这边|那里|这里)[\u4e00-\u9fff]?了?$", "", c) for c in clauses]
        # "劳动竞赛的次数，…比谁多": what a count of it is called is no part of what is counted
        clauses = [re.sub(rf"(?<=[\u4e00-\u9fff]{{2}})的?(?:{'|'.join(COUNT_NOUNS[:-1])}|次数)$", "", c) for c in clauses]
        # A clause of verbs alone ("…，一共选出来多少个") names nothing counted: what it counts is named before it.
        # "劳模工作室联盟成立了几个": what was set up is counted, not the setting up
        clauses = [re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:成立|建立|组建|设立|建成|挂牌)(?:起来)?$", "", c) for c in clauses]
        named = [c for c in clauses if len(c) >= 2 and self.subject_words(c)]
        # (nor the regions a question compares: "劳动竞赛的次数，云南省属企业跟贵州省属企业比谁多")
        # (nor whom every figure is about: "省第十一次党代会代表里，省属企业产业工人占了几个名额" counts the deputies;
        # 一线工人 are a narrower group, which no figure of 劳模 counts)
        found = next((c for c in reversed(named) if not all(
            w in verbs() for w in self.subject_words(self.coverage.without_constraint_words(self._unscoped(c))))
            and not (POPULATION.fullmatch(re.sub(r"(?:占|有|是)了?$", "", self._unscoped(c))) and "一线" not in c)),
                     named[-1] if named else "")
        # "新发展的党员里，一线产业工人占了多大比例": a share of those of the group the clause before names, which is
        # what a share's label names (占当年发展党员总数)
        at = clauses.index(found) if found in clauses else -1
        group = re.search(rf"([\u4e00-\u9fff]{{2,}}?){AMONG}$", clauses[at - 1]) if at > 0 else None
        if group and _SHARE_ASKED.search(question) and self.subject_words(group.group(1)):
            return group.group(1) + found
        return found

    def _at_word_end(self, original: str, cut: str) -> str:
        """`cut`, a prefix of `original` cut short, extended to the end of the word it was cut inside."""
        if not cut or len(cut) >= len(original) or not original.startswith(cut):
            return cut
        end = 0
        for word in self.lexicon.tokenizer.cut(original, HMM=False):
            end += len(word)
            if end >= len(cut):
                return cut if end == len(cut) else re.sub(r"(了|的|呢|吗|啊|呀|嘛)+$", "", original[:end])
        return cut

    def _unscoped(self, text: str) -> str:
        """The text without the documents' scope (省属企业), which every figure is about."""
        for scope in self.coverage.scopes:
            text = text.replace(scope, "")
        return text

    def _within(self, clause: str) -> str:
        """"省人大代表里有咱工人": the workers among the deputies (the group named, then those of it counted)."""
        found = re.fullmatch(rf"(?P<group>[\u4e00-\u9fff]{{2,}}?)(?:上|{AMONG})(?:有|共有|一共有)?{_PRONOUN}?"
                             r"(?P<counted>[\u4e00-\u9fff]{2,})", clause)
        if found and self.subject_words(found["group"]) and self.subject_words(found["counted"]):
            became = re.match(_BECAME, found["counted"])
            if became and POPULATION.fullmatch(found["group"]) and "一线" not in found["group"] \
                    and self.subject_words(found["counted"][became.end():]):
                # "产业工人里头当上全省政协委员的有几个": the workers are whom every figure is about; counted are those
                # who became what is named (一线工人 are a narrower group, and stay asked)
                return found["counted"][became.end():]
            return found["group"] + found["counted"]
        return clause

    # --- follow-ups ----------------------------------------------------------------------------------
    def _self_corrected(self, text: str) -> str:
        """The question as its asker corrected it while typing: "职工监事，哦不对，是职工董事，有多少名" asks of 职工董事,
        "2022云南的师徒合同，呃不对，我要21年的" of 2021, "搞错了，我要的是2021年的" (after a figure) of 2021 in the
        conversation. A year or a region said in the correction replaces the one said before it; anything else
        replaces the clause just before it."""
        found = list(_SELF_CORRECTION.finditer(text))
        if not found:
            return text
        marker = found[-1]
        before, after = text[: marker.start()].strip(" ，,"), text[marker.end():].strip()
        if not after or not re.search(r"[\u4e00-\u9fff\d]", after):
            return text
        if not before:
            return after
        for pattern in (_WRITTEN_YEAR, re.compile(self.coverage.region_names or "$^")):
            new, old = pattern.search(after), list(pattern.finditer(before))
            if new and old:
                rest = re.sub(r"^(?:的|那个|那份)?(?:呢|吧|啊|呀|哈)?[？?。！!]*$", "", after[new.end():])
                # (the question may go on after it, asking only: "…，不对，是云南的，多少名")
                asking = re.match(r"^的?\s*([，,]\s*)?(?=多少|几|有多少|有几|是多少|是几)", rest)
                if (not rest or asking) and not after[: new.start()].strip():
                    last = old[-1]
                    tail = rest[asking.end():] if asking else ""
                    return f"{before[: last.start()]}{new.group(0)}{before[last.end():]}{'，' if tail else ''}{tail}"
        clauses = re.split(r"[，,]", before)
        kept = "，".join(clauses[:-1]).strip(" ，,")
        return f"{kept}，{after}" if kept else after

    def _names_thing(self, text: str) -> bool:
        """Whether a question's asked noun names something of its own to count, beyond the scope, level, region or
        year it is of ("全省省属企业一共建了几个" names nothing)."""
        noun = self.coverage.without_constraint_words(self.asked_noun(text))
        for word in sorted((*self.coverage.scopes, *self.coverage.levels), key=len, reverse=True):
            noun = noun.replace(word, "")
        return len(noun) >= 2

    def subject_words(self, text: str) -> tuple[str, ...]:
        """The words that say what the question is about: not question words, particles or light verbs."""
        text = _A_NOT_A.sub("", text)  # "能不能…", "可不可以…": asking yes or no, in words jieba splits apart
        text = WHEN.sub("，", text)  # "哪天开的": asking when, which jieba may split into 哪 / 天开
        text = re.sub(r"(?<=\d)(?:多|余)?[万千亿]", " ", text)  # ("拿了300万出来": 万 is of the number told)
        # English read with the knowledge base's terms ("how many 职工董事 did 云南 elect"): the terms say what is
        # asked; the English words left around them are its grammar.
        mixed = bool(re.search(r"[\u4e00-\u9fff]", text))
        # ("示范单位名单", which jieba splits 示范 / 单位名单: asking the names of 示范单位, see LIST)
        roster = ROSTER_ASKED.search(text) is not None
        words = (named for w in self.lexicon.words_of(text)
                 if (named := _ROSTER.sub("", w) if roster and len(w) > 3 else w))
        return tuple(w for w in words if w not in LIGHT_WORDS and not _LIGHT_RESULT.fullmatch(w)
                     and not QUANTITY.search(w)
                     and not (mixed and re.fullmatch(r"[A-Za-z]+", w))
                     and (w not in function_words() or w in self.lexicon.words)  # 只要, 就要: no topic
                     and not _FUNCTION_ONLY.fullmatch(w)
                     and not (_SAID_NUMBER.fullmatch(w) and w not in self.lexicon.words)
                     and not _QUESTION_WORD.search(w) and not REFERRING.search(w) and not re.fullmatch(r"[\d.]+年?|[a-z]", w)
                     and not re.fullmatch(r"(各|分别|都)[\u4e00-\u9fff]", w)  # "各出了多少": how, not what
                     and not re.fullmatch(r"一[届年月天周季期]", w)  # "一届干几年", "多久开一次会": per what, not what
                     and not re.fullmatch(r"(.)来\1去", w)  # ("搞来搞去", "说来说去": over and over, no topic)
                     # ("哪个最高": which is, of what was asked; "补贴最低多少" asks a bound, 最低, of its own)
                     and not (re.fullmatch(r"[更最][多少高低大小]", w) and MOST_OR_MORE.search(text))
                     and w != "文件"  # ("文件到底要求…": where it is asked, the documents, not what)
                     and not re.fullmatch(r"一[章条节款]", w)  # ("是哪一章里的": which, asked)
                     and not re.fullmatch(r"[两俩][条个项种类样点]", w)  # ("这两条是哪一章的": the two just given)
                     and not (roster and _ROSTER.fullmatch(w))  # ("示范单位的名单": asking their names, see LIST)
)

    def leans_on(self, text: str, subject: tuple[str, ...]) -> bool:
        """Whether a question asked mid-conversation needs the history to be understood."""
        body = _TRAILING.sub("", text)
        if _NEW_TOPIC.match(body) or _PINYIN_ONLY.fullmatch(body.strip().lower()):
            return False
        # ("这个职工董事是咋个产生的": the demonstrative points at a term the question names itself; it stays in the
        # conversation's year and region, but is not read with the earlier question's words.)
        named = [w for w in subject if len(w) >= 3 and w in self.lexicon.words and w not in verbs()]
        if named:
            body = re.sub(rf"(?:这个|那个|这些|那些|这项|这条)(?=(?:{'|'.join(map(re.escape, named))}))", "", body)
        # (nor at a meeting it names: "那个推进会是哪天开的" asks of the meeting, a subject of its own)
        body = re.sub(rf"(?:这个|那个|这次|那次)(?=[\u4e00-\u9fff]{{0,4}}?(?:{_MEETING_NAMED.pattern}))", "", body)
        if _NTH_ASKED.fullmatch(body):
            return True  # ("第三条是啥": which item of what was just listed, or which article of what was just quoted)
        # (also after the year and region it moves to: "那贵州22年呢，发展了几个", "那贵州是跟谁一起搞的")
        bare = re.sub(r"^(?:那|那么)?[呢嘞喃]?[，,\s]*", "", self.coverage.without_constraint_words(body).strip())
        if re.match(r"(?:那|那么)?(?:是|都是|又是)?(?:跟|和|同|与|会同)(?:哪些|哪个|哪几个|谁|哪家|哪几家|哪些单位|哪些部门)"
                    r"[\u4e00-\u9fff]{0,4}?(?:一起|一块|一道|合作|配合|协同|联合|对接|商量)", bare):
            return True  # ("跟哪些部门一起" after who drafted the rules: with whom that was done)
        if INCLUDED_ASKED.fullmatch(body):
            return True  # ("民营企业算不算" after "…意见管哪些企业": whether it is among those just said)
        if re.fullmatch(r"(?:那|那么)?(?:的)?(?:报告|文件|材料|报道|意见)(?:里|上|中)?(?:是)?(?:咋|怎么|如何|咋个)(?:说|讲|写|表述)的?"
                        r"[呢啊呀嘛]?", self.coverage.without_constraint_words(body)):
            return True  # ("那贵州的报告怎么写的": what was just asked, as another document words it)
        if re.fullmatch(r"(?:那|那么)?(?:都|分别|具体|又)?是哪[几两三四五些]?(?:家|户|个|位|个人|些人)(?:企业|单位|公司)?"
                        r"[呢啊呀嘛哦]?", body):
            return True  # ("是哪两家" after "有几户省属企业是示范点": which of those just counted)
        if REFERRING.search(body) or (_BOTH_BEFORE.search(body) and not WHEN.search(body)):
            return True  # ("这两种人是咋个选出来的": the two just asked of; when each was done is two dates, no one answer)
        if re.search(r"[\u4e00-\u9fff]的(?:有|是)?(?:几|多少)", body) \
                and not re.search(r"(?:当选|获得|获评|评上|评为|入选|选上|荣获)[\u4e00-\u9fff]{2,}的(?:有|是)?(?:几|多少)", body):
            # (not those who became something, counted as such: "当选全国人大代表的有几个")
            return True  # "云岭工匠的几个": of what the conversation counts (创新工作室), the 云岭工匠 ones
        if re.match(rf"(?:那|那么|其中)?(?:{PORTION_OF_MONEY.pattern})", body) \
                and not re.search(r"经费|钱|资金|[费款]", body):
            return True  # ("花在一线职工上的至少多少" after the 职工教育经费: the part of the money just spoken of)
        share = re.search(r"占(?:了)?(?:多少|几成|百分之几|多大)", body)
        if share and not re.search(rf"占[\u4e00-\u9fff]{{2,}}的|{AMONG}[\u4e00-\u9fff]{{0,8}}占|总数|总额|总量", body):
            return True  # "一线职工的占好多": a share of a whole it does not name, the one the conversation is about
        done = re.fullmatch(rf"(?:那|又|一共|总共)?{re.escape(subject[0])}(了)?(?:多少|几)(?:人次|[个名人次项家条件份户位所])?",
                            bare) if len(subject) == 1 else None
        if done and (done.group(1) or subject[0] in verbs()):
            return True  # "发展了多少名": only what was done (了), and how many, of what the conversation was about
        if _MEETING_NAMED.search(body) and _QUESTION_WORD.search(body):
            return False  # ("推进会哪天开的": a meeting named is a subject of its own, though its verb, 推进, is no noun)
        if not any(len(w) >= 2 and not any(w in scope for scope in self.coverage.scopes) and w not in self.coverage.levels
                   and w not in PLANNED and (w not in verbs() or w in self.lexicon.words)
                   and not re.fullmatch(r"一[次回]", w)  # ("多久开一次会": how often, of what was asked before)
                   and not self.names_reporter(w, body) for w in subject):
            # "有多少人参加？", "占多大比例？", "一共多少", "钱是谁出的，各出了多少"; "企业自己又拿了多少": 企业 is what
            # every document is about (省属企业), no topic of its own; "云南21年省部级有好多": a level says which
            # ones of the conversation's topic; "咋个选出来的": a verb alone says what was done to it; "到2025年目标建
            # 多少个": the planned figure of it)
            return True
        if len(re.split(r"[\s,，、]+", body.strip(" ，,"))) >= 2 and body == text.strip() \
                and any(w in PLANNED for w in self.subject_words(body)) and self._keyword_thing(body):
            return False  # (keywords naming a thing counted and its target: "驿站 目标" after "学徒制" asks of 驿站)
        # An ellipsis: a noun with no question of its own ("职工监事呢", "那省部级的呢？", "贵州呢")
        return not _QUESTION_WORD.search(body)

    @functools.cached_property
    def _issuer_named(self) -> re.Pattern:
        """An issuer of a document, as people name it before pointing at that document ("贵州省国资委党委那份报告",
        "省总工会发的新闻"): its metadata's name or short form in brackets, with or without its region."""
        regions = self.coverage.region_names or "$^"
        names: set[str] = set()
        for issuer in self.coverage.issuers:
            short = re.search(r"[（(]([^）)]+)[）)]", issuer)
            for full in (issuer, short.group(1) if short else issuer):
                for form in (full, re.sub(r"党委$", "", full)):  # ("贵州国资委那份报告": without 省 or 党委)
                    names |= {form, re.sub(rf"^(?:{regions})", "", form), re.sub(rf"^(?:{regions})?省", "", form)}
        alternatives = "|".join(re.escape(n) for n in sorted((n for n in names if len(n) >= 3), key=len, reverse=True))
        if not alternatives:
            return re.compile(r"$^")
        return re.compile(rf"(?:{regions})?省?(?:{alternatives})(?:发的|印发的|出的|的)?"
                          r"(?=那份|那个|这份|那篇|这篇|[\u4e00-\u9fff]{0,4}?(?:报告|意见|文件|新闻|报道|通知))")

    def names_reporter(self, word: str, text: str) -> bool:
        """Whether a word names who issued a document, said with its region or year ("贵州国资委2022年实际做到多少"):
        whose document, not what is asked of it."""
        if not any(word in issuer for issuer in self.coverage.issuers):
            return False
        regions = self.coverage.region_names or "$^"
        return bool(re.search(rf"(?:{regions})省?{re.escape(word)}|{re.escape(word)}(?:党委)?(?:(?:19|20)?\d{{2}}年)", text))

    # --- synonyms ---------------------------------------------------------------------------------------
    def _expand(self, query: Query) -> Query:
        expansions: list[str] = []
        stand_ins: list[str] = []
        meant: list[str] = []
        for present, others in self.lexicon.expansion_groups(query.full_text):
            if query.excluded and all(any(p in x for x in query.excluded) for p in present):
                continue  # "除了职代会还有啥": not searched for, nor its synonyms
            expansions += [m for m in others if m not in expansions]
            if len(present) == 1 and present[0] in self.lexicon.colloquial:
                meant += [m for m in others if m not in meant]
            # A word the knowledge base never uses (防暑降温) reaches it only through its synonyms (夏送清凉):
            # those then stand in for it at full weight.
            if not any(t in self.vocabulary for word in present for t in self.lexicon.tokens(word)):
                stand_ins += [m for m in others if m not in stand_ins]
        return replace(query, expansions=tuple(expansions), stand_ins=tuple(stand_ins), meant=tuple(meant))


# A document pointed at as the one just spoken of ("这个意见", "该文件", "这份报告里")
_THIS_DOCUMENT = re.compile(r"(?:这个|这份|这篇|该|此|上面那份|刚才那份|刚才那个)(?:实施)?(?:意见|文件|报告|政策|材料|报道)")


# The first or the last document by year, pointed at as such ("最早那份报告", "最新的文件").
_EARLIEST_OR_LATEST = re.compile(r"(?:(最早|最老|最先|第一|头一)|最新|最近)(?:的|那|这|一)?(?:一)?(?:份|篇|个|年)?的?"
                                 r"(报告|文件|材料|文档|新闻|报道|意见|政策)")


# The first or the second of two documents (years) the question names, pointed at by its place ("云南那两份报告里，第一年
#的数", "两年里头一年的").
_FIRST_OF_TWO = re.compile(r"(?:两份|两篇|两个年|两年)[^？?。]{0,12}?(?:(第一|头一|前一|早的那|早那)|第二|后一|晚的那|晚那)(?:年|份)")


def relative_years(text: str) -> list[str]:
    """The years 前年/去年/今年/明年 in a question stand for, by today's calendar."""
    today = date.today().year
    # Not in the story the asker tells first ("我老婆刚生完二胎，明年回厂里上班，她一直担心…，省属企业一共建了多少个
    # 妈妈屋"): up to its last clause about a person that asks nothing, when someone starts work is not what is asked.
    asked = _after_story(text)
    found = [str(today + delta) for word, delta in _RELATIVE_YEARS.items() if word in asked]
    # (or a recent stretch of time, which no document is of: "最近一个月又新评上几个", "这两年又新建了多少个")
    recent = _RECENT.search(asked)
    return found or ([str(today - 1), str(today)] if recent and recent.group(1) else [str(today)] if recent else [])


def short_years(text: str) -> list[str]:
    """The years a question writes short ("21年" is 2021, and so is "二一年"), as it is read."""
    text = _spoken_year(text)
    # (and one compared with, however it goes on: "比21年多了还是少了", as it is read)
    found = [f"20{m.group(1)}" for m in _SHORT_YEAR.finditer(text)]
    return found + [f"20{y}" for y in re.findall(r"(?<=比)([0-2]\d)(?=年)", text) if f"20{y}" not in found]


def _after_story(text: str) -> str:
    """The question after the story its asker tells first: up to its last clause about a person that asks nothing."""
    clauses = re.split(r"[，,。；;！!]", text)
    last = max((n for n, c in enumerate(clauses) if c.strip(" ？?")), default=0)
    # (the last clause is no story before a question: "今年的数出来没有，有的话给他今年的" asks for it)
    told = [n for n, c in enumerate(clauses) if n < last and _STORY_PERSON.search(c) and not _QUESTION_WORD.search(c)
            and not _SAYS_MEANT.match(c)]
    if not told:
        return "，".join(clauses)
    rest = clauses[told[-1] + 1:]
    # (and what the story goes on to tell with its person unsaid, up to the clause that asks: "我在…干钢筋工，今年第一次
    # 被选成职工代表，心里有点虚，想先搞清楚…建制率是多少")
    asking = next((n for n, c in enumerate(rest) if _QUESTION_WORD.search(c)), 0)
    return "，".join(rest[asking:])


# --- what the knowledge base covers ---------------------------------------------------------------------
@dataclass(frozen=True)
class Coverage:
    """The documents' years, regions and kinds, and the constraint lists, for reading a question's constraints."""

    years: frozenset[str]  # document years and years any sentence states
    regions: dict[str, str]  # every name users may give (province, its short form, its cities) → region
    covered_regions: frozenset[str]  # regions some document is about
    organisations: tuple[str, ...]  # kinds of organisation from _constraints.toml (stems: 市属, 民营…)
    enterprises: tuple[str, ...]  # enterprises the knowledge base names
    text: str  # all chunk text and document metadata, for "is this mentioned anywhere"
    label: str  # e.g. "云南、贵州省属企业": for telling users what is covered
    scopes: tuple[str, ...] = ()  # the documents' scopes ("省属企业"): who the figures are about, not what they count
    # (year, region) of each document: whether some document is of a year and region asked together
    documents: frozenset[tuple[str, str]] = frozenset()
    levels: frozenset[str] = frozenset()  # the ways of naming a level (全国, 省部级, 省级): which ones, not what
    # Meetings a document reports, by the name its title gives them ("…推进会在贵阳召开" → 推进会): a question about
    # that meeting ("推进会上去观摩了哪个") is about that document.
    meetings: tuple[str, ...] = ()
    # Where those meetings were held, by the same titles (贵阳): the place of a meeting asked about says which meeting,
    # not whose figures ("贵阳那个推进会，与会人员去看了哪家的工作室").
    meeting_places: frozenset[str] = frozenset()
    # The regions of documents about every kind of enterprise, whose scope names no kind ("全省"; "" for a document
    # with no region): a kind of enterprise no text names may be theirs to answer.
    every_kind: frozenset[str] = frozenset()
    titled: tuple[tuple[str, str, str, str], ...] = ()  # (year, region, title, kind) of each document
    issuers: tuple[str, ...] = ()  # who issued each document, as its metadata says

    def has(self, year: str, region: str) -> bool:
        """Whether some document is of this year and region (either may be "": any)."""
        return not self.documents or any((not year or y == year) and (not region or r == region) for y, r in self.documents)

    @functools.cached_property
    def region_names(self) -> str:
        """Every name of a region as one regex alternation, longest first."""
        return "|".join(re.escape(n) for n in self.regions_longest_first)

    @functools.cached_property
    def regions_longest_first(self) -> tuple[str, ...]:
        return tuple(sorted(self.regions, key=len, reverse=True))

    @functools.cached_property
    def _enterprise_cores(self) -> tuple[tuple[str, str], ...]:
        """(name, the name without 集团/公司) of each enterprise the knowledge base names."""
        return tuple((name, re.sub(r"(集团|控股公司|股份公司|公司)$", "", name)) for name in self.enterprises)

    def constraints(self, text: str) -> Constraints:
        year = self._year(text)
        region, place = self._region(text)
        ordered = _EARLIEST_OR_LATEST.search(text) if not year else None
        if ordered:
            # "最早那份报告里制定了几条具体措施": the year of the earliest (or latest) document of the kind and region
            # named
            years = sorted({y for y, r, title, kind in self.titled if y and (not region or r == region)
                            and names_document(title, kind, ordered.group(2))})
            year = (years[0] if ordered.group(1) else years[-1]) if years else ""
        first_or_second = _FIRST_OF_TWO.search(text) if not year else None
        if first_or_second:
            years = sorted({y for y, r, _, _ in self.titled if y and (not region or r == region)})
            year = (years[0] if first_or_second.group(1) else years[-1]) if len(years) == 2 else ""
        enterprise = self._enterprise(text)
        document = next((g for g in (_DOC_REFERENCE.search(text) or [None]).groups() if g), "") if _DOC_REFERENCE.search(text) else ""
        # (or the meeting a document reports, named as that one: "推进会上学的啥子文件", "那次推进会", not "黔通交建集团召开
        #了推进会没有", which may be another; but "贵阳开推进会的时候…", "…推进会那天", said as a time, is that one)
        document = document or next((m for m in self.meetings
                                     if re.search(rf"(?:那个|那次|这次|这个|全省)[\u4e00-\u9fff]{{0,4}}?{m}"
                                                  rf"|{m}(?:上|里|期间|当中|的时候|那天|那回|那次|开幕)", text)), "")
        if year and document and ISSUED.search(text) and re.search(rf"{re.escape(document)}.*(?:{year}|{year[2:]}年)", text) \
                and any(names_document(title, kind, document) for _, _, title, kind in self.titled) \
                and not any(y == year and names_document(title, kind, document) for y, _, title, kind in self.titled):
            year = ""  # ("实施意见是省总工会2022年发的吧": a year heard of when the document named was issued, not which one)
        unmet = ""
        if year and year not in self.years:
            unmet = f"{year}年"
        elif region and region not in self.covered_regions:
            unmet = region
        else:
            unmet = next((o for o in self.organisations if o in text and o not in self.text), "")
        earlier_term = _EARLIER_TERM.search(text)
        if not unmet and earlier_term and not _EARLIER_TERM.search(self.text):
            unmet = earlier_term.group(0)  # ("那前一届省党代会选了几个": the documents count this one's delegates only)
        kind = ""
        if unmet and unmet not in (f"{year}年", region) and any(not region or r == region for r in self.every_kind):
            kind, unmet = unmet, ""  # ("贵州那个产改意见管不管民营企业": the policy is for every kind of enterprise)
        years = () if unmet else self._side_by_side_years(text, region)
        if not unmet and years and _COMPARE.search(text) and any(y not in self.years for y in years):
            # "2022年职工董事比2021年多了多少" with no 2021 document: the comparison asks a year not covered
            unmet, years = f"{next(y for y in years if y not in self.years)}年", ()
        if not unmet and not years and region and _BOTH_YEARS.search(text):
            # "云南劳动竞赛参与人次两年各多少": the two latest years the region's documents are of
            of_region = sorted({y for y, r, _, _ in self.titled if y and r == region}, reverse=True)
            years = tuple(of_region[:2]) if len(of_region) >= 2 else ()
        regions = () if unmet else self._side_by_side_regions(text)
        pairs = self._paired(text)
        if pairs and len({r for _, r in pairs}) == 1:
            # ("考核系数云南21、云南22各是多少": one region, each of its years named with it: the years side by side)
            years = years or tuple(y for y, _ in pairs)
            pairs = ()
        if pairs:
            # "把云南21、22年和贵州22年的职工驿站列个表": each region with its own years, every one a document's
            year, region, unmet = pairs[0][0], pairs[0][1], ""
            years = tuple(sorted({y for y, _ in pairs}))
            regions = tuple(dict.fromkeys(r for _, r in pairs))
        # A city asked about, unless the question asks about its whole province all the same ("全省", "云南").
        # (but not where the city's own share of it is asked: "贵州规划的那些母婴室，贵阳分到几个")
        whole = re.search(r"全省|省里|省级|省一级", text) or (place and region in text and not re.search(
            rf"{re.escape(place)}(?:市|州)?的?[\u4e00-\u9fff]{{0,2}}?(?:分到|分得|分了|摊到|占了?(?:几|多少)|有(?:几|多少)"
            r"|建了?(?:几|多少))", text))
        return Constraints(year=year, region=region, enterprise=enterprise, document=document, unmet=unmet, kind=kind,
                           place=place if region in self.covered_regions and not whole
                           and not ((document in self.meetings or any(m in text for m in self.meetings))
                                    and place in self.meeting_places) else "",
                           years=years if len(years) >= 2 and all(y in self.years for y in years) else (),
                           regions=regions if len(regions) >= 2 and all(r in self.covered_regions for r in regions) else (),
                           pairs=pairs)

    def _paired(self, text: str) -> tuple[tuple[str, str], ...]:
        """(year, region) of each region named with its own years, of two regions or more ("云南21、22和贵州22",
        "云南2021年、云南2022年、贵州22"), when a document is of each; () otherwise."""
        if not self.region_names:
            return ()
        year = r"(?:(?:19|20)\d{2}年?|\d{2}(?:年|(?!\d)))"
        pairs = []
        for match in re.finditer(rf"({self.region_names})省?\s*({year}(?:\s*[、,，和及与跟]?\s*{year})*)", text):
            region = self.regions[match.group(1)]
            for y in re.findall(r"\d{2,4}", match.group(2)):
                pairs.append((y if len(y) == 4 else f"20{y}", region))
        # (or by how many of its years: "云南两年、贵州一年" → the years of 云南's latest two documents of the kind most
        # documents are, the yearly series: its reports, not a policy or a press report of a later year)
        # (the most common kind; of two as common, the one listed first: the same on every run)
        series = Counter(kind for _, _, _, kind in self.titled).most_common(1)[0][0] if self.titled else ""
        for match in re.finditer(rf"({self.region_names})省?(?:的)?\s*(两|二|2|三|3|一|1)(?:年|个年份)(?![前后来多])", text):
            region = self.regions[match.group(1)]
            years = sorted({ty for ty, tr, _, kind in self.titled if tr == region and kind == series
                            and re.fullmatch(r"\d{4}", ty)}, reverse=True)
            count = {"两": 2, "二": 2, "2": 2, "三": 3, "3": 3, "一": 1, "1": 1}[match.group(2)]
            pairs += [(y, region) for y in sorted(years[:count])]
        pairs = list(dict.fromkeys(pairs))
        if not all(any(y == ty and r == tr for ty, tr, _, _ in self.titled) for y, r in pairs):
            return ()
        if len({r for _, r in pairs}) == 1 and len(pairs) >= 2:
            return tuple(pairs)  # (one region named again with each year: "云南21、云南22", its years; see constraints)
        return tuple(pairs) if len({r for _, r in pairs}) >= 2 else ()

    def _side_by_side_years(self, text: str, region: str = "") -> tuple[str, ...]:
        """"2021和2022年", "2021年与2022年": the two years joined, in order (none when not joined)."""
        # (or each with what it is of: "2022年比2021年", "2021年的系数跟2022年")
        match = re.search(rf"((?:19|20)\d{{2}})年?(?:{_SIDE_BY_SIDE})((?:19|20)\d{{2}})年", text) or \
            re.search(rf"((?:19|20)\d{{2}})年[^，,。？?！!\d]{{0,8}}?(?:{_SIDE_BY_SIDE})((?:19|20)\d{{2}})年", text) or \
            re.search(r"((?:19|20)\d{2})年[^，,。？?！!\d]{0,14}?比((?:19|20)\d{2})年", text) or \
            re.search(r"((?:19|20)\d{2})年?\s*(?:对比|对)\s*((?:19|20)\d{2})年?", text) or \
            re.search(rf"((?:19|20)\d{{2}})年?{_THEN_THE_OTHER}((?:19|20)\d{{2}})年?(?:的)?呢", text) or \
            re.search(r"((?:19|20)\d{2})年[^，,。？?！!\d]{0,4}?(?:几|多少|好多)[\u4e00-\u9fff]{0,2}?[，,\s]*"
                      r"((?:19|20)\d{2})年[^，,。？?！!\d]{0,4}?(?:几|多少|好多)", text)
        # (or each asked in turn: "示范点21年几户22年几户")
        if not match:
            # (or against the year before it: "22年职工董事比上一年多了多少")
            before = re.search(r"((?:19|20)\d{2})年[^，,。？?！!]{0,12}?(?:比|较|跟|和)(?:前|上|头)一?年", text)
            if before:
                return before.group(1), str(int(before.group(1)) - 1)
            # (with no year of its own, "职工董事比前一年多了多少": the latest year of the region's yearly series, its
            # reports, against the year before it, whether or not a document is of that one)
            if re.search(r"(?:比|较)(?:前|上)一?年(?![度底初末])", text) and not re.search(r"(?:19|20)\d{2}年", text):
                series = Counter(kind for _, _, _, kind in self.titled).most_common(1)[0][0] if self.titled else ""
                latest = max((y for y, r, _, kind in self.titled if kind == series and re.fullmatch(r"\d{4}", y)
                              and (not region or r == region)), default="")
                return (latest, str(int(latest) - 1)) if latest else ()
            return ()
        return tuple(dict.fromkeys(match.groups()))

    def _side_by_side_regions(self, text: str) -> tuple[str, ...]:
        """"贵州和云南…", "云南、贵州两省": the two regions joined, in order."""
        if not self.region_names:
            return ()
        names = self.region_names
        # "贵州和云南…", "贵州的…比云南多多少", "贵州有多少…，云南呢"
        # (or with no join at all: "云南贵州的全国文明单位各有几家")
        # (or each with what it is of: "云南省属企业跟贵州省属企业比")
        ways = (rf"({names})(?:省|那边)?(?:{_SIDE_BY_SIDE})?({names})",
                rf"({names})[^，,。？?！!]{{0,8}}?(?:跟|和|与|同)({names})",
                rf"({names})[^，,。？?！!]{{0,16}}比(?:咱们|咱|我们|俺们)?({names})",
                # ("云南 对比 贵州")
                rf"({names})(?:省|那边)?\s*(?:对比|对)\s*({names})",
                rf"({names}){_THEN_THE_OTHER}({names})(?:省|的|那边)?(?:\s*(?:19|20)\d{{2}}年)?的?呢",
                # ("云南几户贵州几户")
                rf"({names})[^，,。？?！!]{{0,20}}?(?:多少|几)[^，,。？?！!\s]{{0,2}}[\s，,？?]*(?:那|那么)?({names})(?:省|的|那边)?"
                rf"(?:是|有)?(?:多少|几)",
                rf"({names})(?:\s*(?:19|20)\d{{2}}年)?[\s,，]+({names})(?:\s*(?:19|20)\d{{2}}年)?(?=$|[\s,，])")
        found = [m for m in (re.search(way, text) for way in ways) if m]
        # (two regions the documents cover, before a name that only begins a word: "贵州全国文明单位比云南多" compares
        # 贵州 with 云南, not with 全国)
        match = next((m for m in found if len({self.regions[n] for n in m.groups()}) == 2
                      and all(self.regions[n] in self.covered_regions for n in m.groups())), found[0] if found else None)
        # (typed as keywords, one after the other: "具体措施 几条 云南22 贵州", "云南,贵州,职工驿站")
        if not match:
            # ("云贵两省", "云贵的…各多少": two covered provinces by their first characters)
            both = next(((a, b) for a in sorted(self.covered_regions) for b in sorted(self.covered_regions)
                         if a != b and re.search(rf"{a[0]}{b[0]}(?:两省|两地|地区|的|各|分别)", text)), None)
            return both or ()
        return tuple(dict.fromkeys(self.regions[n] for n in match.groups()))

    def _year(self, text: str) -> str:
        found = _YEAR_ASKED.findall(text)
        found += ["".join(_CN_DIGITS[c] for c in m) for m in _CN_YEAR.findall(text)]
        # Not a year of the story the asker tells first that no document is of ("娃娃2023年考上大学学费凑不齐，公司有啥
        # 帮扶活动"): when their child went to university is not what is asked. (One a document is of may be: "听说21年我们
        # 公司被列成示范点了，当时就我们一家吗".)
        asked = _after_story(asked_part(text))
        found = [y for y in found if y in asked or y in self.years]
        # (今年/去年 of the story no document is of: "工会说今年要换届开职代会，想问下…职代会建制率是多少")
        found += relative_years(asked)
        if len(set(found)) >= 2:
            # "云南22年师徒合同是4883份，21年那份报告里是多少份": the year of the one clause that asks, when the others
            # only tell what is known
            asking = [c for c in re.split(r"[，,。；;？?！!]", asked) if _QUESTION_WORD.search(c)]
            of_asking = [y for y in dict.fromkeys(found) if len(asking) == 1 and y in asking[0]]
            if len(of_asking) == 1:
                return of_asking[0]
        # A year the question states as a target ("到2025年") or several years: the first one asked about.
        return found[0] if found else ""

    def _region(self, text: str) -> tuple[str, str]:
        """The region asked about, and the city of it named, if one was ("昆明的职工驿站" → 云南, 昆明). Of two
        regions named apart, the one of the one clause that asks ("贵州那边的职工书屋我知道有数，现在想问云南的：…建了
        多少个"): the other is what the asker already knows or heard of."""
        first = self._region_named(text)
        if not first[0]:
            return first
        asking = [c for c in re.split(r"[，,。；;？?！!]", _after_story(asked_part(text))) if _QUESTION_WORD.search(c)]
        if len(asking) == 1 and not first[1]:
            city = self._region_named(asking[0])
            if city[0] == first[0] and city[1]:
                return city  # ("贵州规划的那些母婴室，贵阳分到几个": the city of it the clause that asks names)
        if len(asking) != 1 or first[0] in {self.regions[n] for n in self.regions_longest_first if n in asking[0]}:
            return first
        of_asking = self._region_named(asking[0])
        return of_asking if of_asking[0] and of_asking[0] != first[0] else first

    def _region_named(self, text: str) -> tuple[str, str]:
        situation = ""
        for name in self.regions_longest_first:
            if name not in text:
                continue
            for match in re.finditer(re.escape(name), text):
                before = text[: match.start()]
                region = self.regions[name]
                if _SITUATION.search(before) or _told_of_self(text, match.start()):
                    # "我在昆明上班": the asker's situation, which only narrows when a document covers it and the
                    # question names no other region ("我在贵阳上班，云南的职工驿站有几个" asks about 云南).
                    situation = situation or (region if region in self.covered_regions else "")
                    continue
                # A name inside a phrase the knowledge base writes ("全国劳模", "云南省先进工作者") belongs to that
                # phrase when no document is about the region; otherwise it asks about the region.
                # (by the whole word after it: "全国劳动竞赛" is no 全国劳动模范)
                after = next(iter(jieba.lcut(text[match.end(): match.end() + 8], HMM=False)), "")
                if region not in self.covered_regions and text[match.start(): match.end() + 2] in self.text \
                        and (len(after) < 2 or name + after in self.text):
                    continue
                # Nor a level set beside another ("人大代表呢，全国的和省里的": 全国人大代表 and 全省人大代表), nor a
                # region the asked one is likened to ("云南有没有像贵州那样的实施意见").
                if _LEVELS_SIDE_BY_SIDE.match(text, match.start()) or (
                        _LIKENED.search(text[: match.start()]) and _LIKE_END.match(text, match.end())):
                    continue
                if re.match(r"级|性", text[match.end():]):
                    continue  # ("文明单位全国级的和省级的各有几家": a level, said with 级)
                if name.isascii() and _LATIN.search(text[max(0, match.start() - 1): match.start()] + text[match.end(): match.end() + 1]):
                    continue  # (a spelling inside a longer word is not it)
                return region, name if len(name) >= 2 and name != region and not region.startswith(name) \
                    and not name.isascii() else ""
        return situation, ""

    def _enterprise(self, text: str) -> str:
        """A named enterprise the question asks about ("云天化集团有多少职工董事"), not the asker's own
        workplace ("我在昆钢公司上班")."""
        # Every place a name occurs: "我在昆钢上班，想问昆钢自己有多少…" names the workplace, then asks about it.
        found = [(m.start(), name, m.end()) for name in self.enterprises if name in text
                 for m in re.finditer(re.escape(name), text)]
        # "云天化那边": the name without 集团/公司 names it too
        found += [(m.start(), name, m.end()) for name, core in self._enterprise_cores
                  if core in text and _short_name(core) and name not in text
                  for m in re.finditer(re.escape(core), text)]
        for match in _ENTERPRISE.finditer(text):
            name = _NAME_BREAK.split(match.group(1))[-1]
            # (a name the knowledge base writes, inside what the pattern took: "那乌蒙煤电集团" is 乌蒙煤电集团)
            name = next((e for e in self.enterprises if name.endswith(e)), name)
            core = re.sub(r"(集团|控股公司|股份公司|公司)$", "", name)
            if name not in self.enterprises and (len(core) < 2 or any(w in function_words() for w in jieba.lcut(core, HMM=False))
                                                 or _QUESTION_WORD.search(core) or _A_NOT_A.search(core)):
                # (nor one that asks: "职代会能不能监督公司领导")
                continue  # "职代会能不能通过或者否决公司的方案": no name holds 或者 or 不; "参与到公司治理": nor is 到 one
            if name not in self.enterprises and _COMPANY_KIND.fullmatch(core):
                continue  # "国有独资公司董事会里的职工董事": a kind of company, named by how it is owned, not a company
            if name not in self.enterprises and jieba.lcut(core, HMM=False)[-1] in _GOING_INTO:
                continue  # "普通工人想进公司董事会": going into the company one works for, which names none
            found.append((match.end() - len(name), name, match.end()))
        asked = _after_story(asked_part(text))
        for start, name, end in sorted(found):
            if len(name) < 3 or _OWN_UNIT.match(name) or re.search(r"(企业|国企|单位)", name):
                continue
            if _SITUATION.search(text[:start]) or _told_of_self(text, start):
                # "我在云天化上班，我们单位签了多少份师徒合同": the asker's own company, then asked about as theirs.
                # (or the company of the one they ask for: "我老公在X开叉车，他想知道他们集团…")
                if re.search(r"(我们|咱们|俺们|我|咱|俺|本|他们|她们|他|她)(单位|公司|厂|企业|集团)", text[start + len(name):]):
                    return name
                continue
            if name not in self.enterprises and name not in asked:
                continue  # "…去年车间主任说公司要选职工董事，…想问一下，咱们省属企业…": the story's, not asked about
            if _MEMBER_ASKED.match(text[end:]):
                continue  # "是哪家？建投是不是也在里面": whether it is one of those named, not whose figures are asked
            return name
        return ""

    def without_enterprise_names(self, text: str) -> str:
        """The text without the names of enterprises the knowledge base writes, whole or short ("昆钢和建投" → "和")."""
        for name, core in self._enterprise_cores:
            text = text.replace(name, "")
            if _short_name(core):
                text = text.replace(core, "")
        return text

    def without_constraint_words(self, text: str) -> str:
        """The text without years and the names of regions ("2021年贵州省属企业…" → "省属企业…")."""
        text = re.sub(rf"((?:19|20)\d{{2}})年?(?:{_SIDE_BY_SIDE})(?=(?:19|20)\d{{2}}年)", "", text)  # 2021和2022年
        text = re.sub(r"(?:截至|截止到?|到了?)(?=(?:19|20)\d{2}年)", "", text)  # "到22年驿站…": by when, not what
        text = _YEAR_ASKED.sub("", text)
        text = _CN_YEAR.sub("", text)
        text = re.sub(r"(?<!每)(?:这|那)?(?:两|俩)(?:年|个?省|边)的?", "", text)  # "两年各多少": the years just named
        if self.region_names:  # "贵州和云南": the join goes with the names
            text = re.sub(rf"({self.region_names})(?:省|那边)?(?:{_SIDE_BY_SIDE})(?=(?:{self.region_names}))", r"\1", text)
        for name in self.regions_longest_first:
            if name in text and not (self.regions[name] not in self.covered_regions and name in self.text):
                # A one-character short form that begins a phrase the knowledge base writes is part of that phrase
                # (黔 of “黔灵工匠”), not a region put before it.
                # (省 of a level stays: "云南省部级劳模" asks 省部级, "云南省级示范点" 省级)
                text = re.sub(re.escape(name) + r"(省(?!属|部级|级)|市(?!属)|地区|那边|这边|的)?",
                              lambda m, text=text, name=name: m.group(0) if len(name) == 1
                              and text[m.start(): m.start() + 3] in self.text else "", text)
        return text.strip(" ,，")


def _short_name(core: str) -> bool:
    """Whether an enterprise's name without 集团/公司 still names it: three characters or more (云天化), or two
    that are no everyday word (昆钢, 建投; not 全资)."""
    return len(core) >= 3 or (len(core) == 2 and not everyday(core))


# "建投是不是也在里面", "云天化在不在其中": whether it is one of those named. (Asked, not "云天化当中评上…的有几个": among
# its own people, its own figure.)
_MEMBER_ASKED = re.compile(r"(?:集团|公司)?(?:(?:是不是|是否|有没有|算不算|在不在)也?(?:在|算|是)?|也(?:在|算|是))"
                           r"(?:里面|里头|其中|当中|之列|名单里|这里面|那里面|其中之一|之一|一个|一家|一户|一员)")  # (也算一个吗)
_MEETING_TITLE = re.compile(r"([\u4e00-\u9fff]{2}会)(?:在|于)([\u4e00-\u9fff]{1,6}?)(?:召开|举行|举办)")
_LIKENED = re.compile(r"(?:像|跟|和|同|与)$")
_LIKE_END = re.compile(r"(?:省)?(?:那样|那种|一样|似的|类似)")
_LEVEL_ALONE = re.compile(r"(?:那么?|那)?([\u4e00-\u9fff]{2,4}?)(?:的|那个|那种|那级)?(?:呢|嘞|咧|喃)?[？?。!！]*")
_LEVELS_SIDE_BY_SIDE = re.compile(r"全国的?(?:和|与|跟|、|还有|[^，,。？?！!]{0,6}?[\s,，]+)(?:全省|省里|省级|省部级|省(?!属))")
# (or each with what it asks, typed apart: "文明单位全国的好多家 全省的好多家")
_COMPANY_KIND = re.compile(r"(?:国有|国营|独资|全资|控股|参股|民营|私营|股份|有限|上市|中央|地方|省属|市属|县属|外资|合资|集体|的)+")
_LATIN = re.compile(r"[A-Za-z]")
_GOING_INTO = frozenset({"进", "去", "到", "回", "来", "进入", "加入", "离开", "调到", "跳到", "回到", "进到"})
_ENTERPRISE_IN_TEXT = re.compile(r"([\u4e00-\u9fff]{2,8}(?:集团|控股公司|股份公司|公司))")
_NAME_BREAK = re.compile(r"[的和与及、，,。；;：:“”()（）在为是由被将把对了向给从问]")


def coverage_of(documents: list, chunk_texts: list[str], constraints: dict) -> Coverage:
    """What a knowledge base covers, from its documents' records, its text and `_constraints.toml`.

    `constraints["regions"]` is a table of region → the names users may give for it (short forms, cities);
    a plain list (the older format) makes each name its own region."""
    from .figures import YEAR

    metas = [" ".join(filter(None, [d.title, d.issuer, d.region, d.year, d.scope, d.kind])) for d in documents]
    text = "\n".join(chunk_texts + metas)
    years = {d.year for d in documents if d.year} | set(YEAR.findall(text))
    regions: dict[str, str] = {}
    table = constraints.get("regions", {})
    for region, names in (table.items() if isinstance(table, dict) else ((r, []) for r in table)):
        for name in [region, *names]:
            regions[name] = region
    covered = frozenset(d.region for d in documents if d.region)
    for region in covered:
        regions.setdefault(region, region)
    # A region spelled in pinyin ("Guizhou provincial SOEs", "guizhou省"), when no other region is spelled alike
    # (山西 and 陕西 are both shanxi).
    spelled: dict[str, set[str]] = {}
    for region in set(regions.values()):
        spelled.setdefault("".join(lazy_pinyin(region)), set()).add(region)
    for latin, alike in spelled.items():
        if len(alike) == 1 and latin.isascii() and len(latin) >= 4:
            for form in (latin, latin.capitalize(), latin.upper()):
                regions.setdefault(form, next(iter(alike)))
    enterprises = set()
    for match in _ENTERPRISE_IN_TEXT.finditer(text):
        name = _NAME_BREAK.split(match.group(1))[-1]
        if len(name) >= 4 and not _OWN_UNIT.match(name) and not re.search(r"(企业|国企|单位)", name):
            enterprises.add(name)
    region_label = "、".join(sorted(covered))
    meetings = [m for d in documents for m in _MEETING_TITLE.finditer(d.title)]  # "…推进会在贵阳召开"
    scopes = "、".join(sorted({d.scope for d in documents if d.scope}))
    return Coverage(years=frozenset(years), regions=regions, covered_regions=covered,
                    organisations=tuple(constraints.get("organisations", [])),
                    enterprises=tuple(sorted(enterprises, key=len, reverse=True)), text=text,
                    label=(region_label + scopes) or "现有文档",
                    scopes=tuple(sorted({d.scope for d in documents if len(d.scope) >= 2}, key=len, reverse=True)),
                    documents=frozenset((d.year or "", d.region or "") for d in documents),
                    titled=tuple((d.year or "", d.region or "", d.title, d.kind or "") for d in documents),
                    issuers=tuple(sorted({d.issuer for d in documents if d.issuer})),
                    levels=frozenset(name for names in constraints.get("levels", {}).values() for name in names),
                    meetings=tuple(sorted({m.group(1) for m in meetings})), meeting_places=frozenset(m.group(2) for m in meetings),
                    every_kind=frozenset(d.region or "" for d in documents if of_every_kind(d)))


def names_document(title: str, kind: str, words: str) -> bool:
    """Whether a document (its title and kind) is the one the question names ("那个意见", "《…实施意见》", "新闻里")."""
    kind_words = {"新闻": "新闻", "稿": "新闻", "报道": "新闻", "报告": "报告", "意见": "政策", "方案": "政策", "办法": "政策",
                  "规定": "政策", "通知": "政策", "文件": "政策", "政策": "政策"}
    if words in title:
        return True
    specific = ("意见", "方案")  # (规定, 办法, 通知 are also said of any rules: "按贵州的规定")
    for word, of_kind in kind_words.items():
        if words.endswith(word):
            # (a policy named by a kind its title is not: "中央那个产改方案" is no 实施意见)
            if word in specific and any(title.endswith(other) for other in specific if other != word):
                return False
            return of_kind in kind or word in title
    return False


def of_every_kind(document) -> bool:
    """Whether a document is about every kind of enterprise: its scope names none ("全省", or none given)."""
    return not re.search(r"企业|国企|单位|公司|集团", document.scope or "")
