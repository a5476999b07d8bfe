"""Query + hits → Evidence: which figures, sentences or steps answer the question, from which documents,
or the reason to refuse. Decided here, by code, before any wording:

- a constraint no document meets (a year, a region, a kind of organisation) → refused, naming what is covered;
- a question none of whose words the knowledge base knows → refused;
- a figure is given only if it answers what was asked: a logistic score over the question against the
  figure's label and sentence, by meaning (embedding similarity, computed at index time for labels) and
  by words (coverage of the label, its head word, the noun next to 多少, units), calibrated on the dev split;
- a sentence is quoted only if it answers: the same kind of score over the question's subject words and
  the sentence's similarity;
- several documents holding the same figure → one figure per document, the latest first, never mixed;
- a question about one enterprise, or about the whole country, that the knowledge base only totals for
  all provincial enterprises → refused, saying so.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from .figures import NUMBER, UNITS, sentence_year
from .guard import arabic_value
from .indexing import KnowledgeIndex, bigrams
from .indexing.keyword import bm25_idf
from .lexicon import Lexicon, verbs
from .query import (
    AMONG,
    BESIDES_SAID,
    CLAIM_BOUND,
    COUNT_NOUNS,
    EVERY_NOT_EACH,
    HOWTO,
    INCLUDED_ASKED,
    LIGHT_WORDS,
    NOT_ASKING,
    NUMBER_SEEN,
    OWN_UNIT_NAME,
    PLANNED,
    POPULATION,
    PORTION_OF_MONEY,
    QUANTITY,
    REFERRING,
    ROSTER_ASKED,
    WHEN,
    WHICH_ARTICLE,
    Query,
    asked_part,
    chinese_number,
    names_document,
    of_every_kind,
    part_asked,
    sum_or_difference,
    with_arabic_numbers,
)
from .query import ISSUED as _ISSUED
from .retrieval import Retriever
from .tuning import TUNING, Tuning
from .types import STEP_BULLETS, Chunk, DocumentInfo, Figure, Hit

TOPIC_WEIGHT = 2.0  # weight() of a word that says what a question is about (自己 0.5, 单位 1.1, 劳模 3.3)

_UNIT_CLASSES = (
    # A share is asked first: "经费按工资总额提多少" asks a rate of 经费, not an amount of money ("按工资总额几个点提",
    # percentage points, too).
    (re.compile(r"百分之|百分比|比例|占比|比率|比重|多少%|(?:几|多少)个点(?!钟)|占(?:了|到)?多少|占(?:了|到)?[\u4e00-\u9fff]{2,10}?的?(?:多少|几成)(?![钱元块人名个])|按[^，,。？?]{0,10}[，,]?(?:(?:提|提取|计提)多少|多少来?(?:提|提取|计提))"
                r"|percentage|share|proportion", re.I), ("%",)),
    (re.compile(r"系数|权重"), ("",)),  # a coefficient is a plain number (0.03), never a count of something
    # (nor money: "跟领导薪酬挂钩的系数")
    (re.compile(r"钱|多少块|经费|资金|[奖薪资]金|慰问金|工资|报酬|薪酬|收入|专款|补贴|津贴|补助|拨了多少|花了多少|投(?:入|了)多少|配套(?:了|投了|投入)?多少|多少元|万元|金额|费用|多少.{0,3}金"
                r"|多少[\u4e00-\u9fff]{0,3}费|(?<=[\u4e00-\u9fff])费(?:是|有|给|发)?(?:多少|几)"  # ("每个月有好多带徒费")
                # (an amount heard after giving it, in 万: "配套投了一千二百多万…吗")
                r"|(?:投|拨|拿|出|花|掏|配套|划拨)(?:了|入|出)?[\d.零〇一二两三四五六七八九十百千]+(?:多|余)?万"
                # (given for a purpose: what is given to help is money, "企业分别出了多少慰问困难职工")
                r"|(?:出|掏|拿|拿出|配套|投)了?多少(?:来|用来|用于|去)?(?:慰问|帮扶|救助|资助|补助|奖励)"
                r"|how much money|how much (?:did|does|do|has|have|was|were|is)\b[^?？]{0,40}?\b(?:give|gave|given|allocat\w*|spen[dt]"
                r"|pa(?:y|id)|fund\w*|invest\w*|grant\w*)\b", re.I), ("元",)),
    (re.compile(r"(?:多少|几)人次|人次(?:有|是|一共|总共|共|达到?)?(?:多少|几)"), ("人次",)),  # attendances, not people: 62572人次 is not 62572人 (…的人次有多少 too)
    (re.compile(r"(?<!人)次数"), ("次", "场", "届")),  # how many times it was held: "劳动竞赛的次数", not who took part
    # (English: "how many participants" are attendances or people; "how many … were held" are times or sessions)
    # (and in Chinese, those who took part named so: "参加的人呢", "参与的职工有多少")
    (re.compile(r"participants?|participat(?:ed|ion)|took part|attend(?:ed|ance|ees)"
                r"|(?:参与|参加|参赛)(?:了|过)?的?(?:人员|人数|人|职工|工人|员工)", re.I), ("人次", "人", "名", "位")),
    (re.compile(r"how many times|\b(?:were|was) (?:held|organi[sz]ed|conducted|convened|hosted)\b", re.I), ("次", "场", "届")),
    (re.compile(r"多少人(?!次)|多少名|几名|几位|多少位|几个人|多少个人|几人(?!次)|(?<!次)人数|how many people"
                # people named as such ("有多少工人参与了", "一共有多少个师傅"; not "多少职工书屋"): 2户 (enterprises),
                # 4883份 (contracts) are no answer
                # (who they are said first: "一共慰问了多少困难党员和职工呀", whatever money the story before it names)
                r"|(?:多少|几)个?(?:[\u4e00-\u9fff]{0,2}?(?:党员|职工|工人)和)?[\u4e00-\u9fff]{0,2}?"
                r"(?:工人|职工|员工|人员|师傅|徒弟|工匠|技师|党员)(?=参与|参加|受益|当选|获得|入党|[，,。？?]|[呀啊呢吗哦嘛]\W*$|$)"
                # (or who became something: "有几个当上二十大代表的")
                r"|(?:多少|几)个(?=当选|入选|选上|评上|当上|成为|被评为|被选为|选为)", re.I), ("人", "名", "位")),
    # How long: hours, days, weeks, months (几月 alone asks for a date, not a length)
    (re.compile(r"(?:多少|几)个?(?:小时|钟头|天|周|星期)|(?:多少|几)个月|(?:多少|几)年(?=[了啊呀呢吗嘛哦噻喃哇啦么哈？?，,。！!\s]|$|一(?:届|任|期|次|回))|多久|多长"
                r"|how long", re.I),
     ("小时", "天", "日", "周", "月", "年", "分钟")),
)
# What a plain number or a share measures, named by the question and by the figure's label alike ("产改跟领导薪酬
# 挂钩的系数是多少" → 通过0.02的系数权重): the label names what is asked, however the rest of it is worded.
# (a share asked as "占…多少" names it as 比例 does: "用于一线培训的要占教育经费多少")
_MEASURE_NAMES = (re.compile(r"系数|权重"),
                  re.compile(r"比例|占比|比重|比率|占(?:了|到)?(?:[\u4e00-\u9fff]{2,10}?的?)?(?:多少|几成)"))
# Money, people or times asked in so many words ("我工资能多拿多少钱", "多少人"): no weight or bare number answers.
_MEASURE_ASKED = re.compile(r"(?:多少|几)(?:钱|块|元|人次|人|名|位|次)")
_CHANGE_VERB = re.compile(r"变成|变为|变到|增加|增长|减少|下降|上升|达到|提高|降低|涨到|降到")  # how a figure changed
_EFFECT_ASKED = re.compile(r"效果|成效|作用|好处|结果|变化")  # what came of it ("这样做有什么效果")
_RESULT_STATED = re.compile(r"实现了|促进了|推动了|带动了|提升了|提高了|形成了|转变")  # a sentence saying what came of it
_HAN_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")
_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_CLAUSE_MARK = re.compile(r"[，,;；:：、。]")  # what parts a sentence into what it says of each figure
_COUNT_NOUN = re.compile("|".join(COUNT_NOUNS))  # what a count of each is called
_ENUMERATION = re.compile(r"[\u4e00-\u9fff”]、[“\u4e00-\u9fff][^。]*?、[“\u4e00-\u9fff]")  # three items or more
_ASKED_MEASURE = re.compile(r"(?:多少|几)(人次|[个名人次项家条件份户位所座处支场批篇])")
# A figure that is a goal or a rule ("到2025年…12万名", "不少于60万人次") answers "what is required", not
# "how many were done", and the reverse.
_HELD_TO = re.compile(r"坚持(?:每年|每季度|每月|定期)|(?:均|始终|一直)?保持在")
_TARGET_SENTENCE = re.compile(r"到\d{4}年|目标|不少于|不低于|不超过|至少|力争|原则上|应当|须|不得")
# Those that have not done something, asked of ("没建工会的企业占百分之几"): a figure of those that have is no answer.
_NEGATED_ASKED = re.compile(r"(?:没有?|未|还没)(建|设|开|签|评|选|成立|参加|参与)了?([\u4e00-\u9fff]{1,4}?)的")
# Whether a rule is laid down ("任期有规定吗", "有硬性规定没有"): only a sentence of a rule answers.
_RULE_ASKED = re.compile(r"有(?:硬性|具体|明确)?(?:规定|要求)(?:吗|没有?|不|么|嘛)|有没有?(?:硬性|具体|明确)?(?:规定|要求)"
                         r"|规定(?:了|过)?(?:吗|没有?)")  # (not what is required: "厂务公开有什么要求")
_RULE_STATED = re.compile(rf"{_TARGET_SENTENCE.pattern}|规定|必须|每届|任期|要求")
# A target or quota asked for as such ("有没有定这样的目标", "定了什么指标"): only a sentence setting one answers.
_TARGET_ASKED = re.compile(r"(?:定|订|设|提|制定|设定|明确|提出)(?:了|过|的|没)?(?:这样的|这种|这个|类似的|同样的|啥|什么|哪些|具体)?"
                           r"(?:目标|指标)|(?:定|订|设)没(?:定|订|设)[^，,。？?！!]{0,12}?(?:目标|指标)|目标(?:是|有)(?:多少|啥|什么|哪些)|(?:有没有|有没|是否有|有无)[^，,。？?！!]{0,12}目标")
# "一年开几次" asks how often, which a total ("2022年共召开职代会728次") does not say; a rate ("每年至少召开1次") does.
# (not what was done in one: "一年开了多少次职代会" asks the year's total)
# (回 counts times as 次 does: "几年开一回")
_HOW_OFTEN = re.compile(r"(每年|每季度|每个?月|每届)[^，。？?！!]{0,8}(几|多少)[次回]|一(年|季度|个?月|届)(?:(?!了)[^，。？?！!]){0,8}"
                        r"(几|多少)[次回]|(多久|多长时间|几年|几个月)[^，。？?！!]{0,6}一[次回]"
                        # (or a meeting's holding asked how long apart, said last: "领导小组 例会 贵州 多久开")
                        r"|(多久|多长时间)(开|召开|举办|举行|办|搞)会?(?=$|[？?。！!呢啊吗嘛\s])")
# how often, in no period the question names (几年 asks the period too: "几年开一回")
_PERIOD_UNSAID = re.compile(r"(多久|多长时间|几年)[^，。？?！!]{0,6}一[次回]|(多久|多长时间)(开|召开|举办|举行|办|搞)会?(?=$|[？?。！!呢啊吗嘛\s])")
_LIST_INTRO = re.compile(r"(?:以下|下列|如下)[\u4e00-\u9fff]{0,6}[：:]")  # "重点公开以下事项：…"
_ORDINAL_ASKED = re.compile(r"第几(届|次|批|期|轮|季)")
# Who is to take the lead ("哪个部门牵头搞", "是不是工会带头起草的"), and a sentence saying who does ("由企业工会牵头"; not
# a person's title, "负责同志").
_LEAD_ASKED = re.compile(r"(?:哪个|哪些|哪家|什么|啥子?)(?:部门|单位|机构|组织)[\u4e00-\u9fff]{0,3}?(?:牵头|带头|负责|主抓|主管|组织|抓)"
                         r"|是不是[\u4e00-\u9fff]{1,8}?(?:牵头|带头|负责|主抓)|(?:谁|哪个)(?:来)?(?:牵头|带头|负责|主抓)")
_LEAD_STATED = re.compile(r"牵头|负总责|主抓|统筹|(?<!主要)负责(?!同志|人)")
_RATE = re.compile(r"每(年|季度|个?月|届|周|两年|半年)|一年|一个?月|年均|按(?:年度|季度|月|周|半年)")
_RATE_WORDED = re.compile(r"按(?:年度|季度|月|周|半年)")  # a rate said with no number ("按季度报送")
_DONE_QUESTION = re.compile(r"了|一共|共有|总共|累计|目前|现在|现有|截至|已经|已(?=[\u4e00-\u9fff])|有多少|有几")
_PERFECTIVE = re.compile(r"[\u4e00-\u9fff]了(?!解)|已经|已(?=[\u4e00-\u9fff])|实际|累计")  # it was done: 建了, 已经, 已建, 实际
_TARGET_QUESTION = re.compile(r"要求|目标|计划|(?:会上|会议|意见|文件)[\u4e00-\u9fff]{0,2}?明确|至少|最少|最低|起码|不少于|不低于|不[能得]低于|不[能得]少于|规定|应当|要达到|要占|应占|得占|该占|得开|得搞|得有|必须|力争"
                              r"|要[\u4e00-\u9fff]{0,2}?到(?!哪|了)"  # ("新型学徒制培训要累计到多少人": what is to be reached)
                              r"|到\d{4}年(?!底)(?![^，,。？?！!]*了)"  # (not "到22年各变成多少了": what it had become)
                              # ("每年要组织多少人次", "每年职工技能培训要搞多少人次": what is to be done each year)
                              r"|(?:每|一)(?:年|个?月|季度|届)[^，,。？?！!]{0,10}?要"
                              # ("职工代表该选几个", "应该有多少个职工董事": what ought to be; not a guess, "应该有几百个吧")
                              r"|(?:应该|该)[\u4e00-\u9fff]{0,2}?(?:多少|几(?![十百千万]))")
# Issuing a document and its taking effect are different dates ("3月15日印发", "自4月1日起施行").
_VERB_CLASSES = (re.compile(r"印发|发布|出台|颁布|公布|下发|发的|发了|发下来"), re.compile(r"施行|实施|生效|执行|算数"))
_TITLE = re.compile(r"《[^》]*》")
_PROVINCIAL_BODY = re.compile(r"(?<![全国])省(?:人大|政协|党代会|第[一二三四五六七八九十]+次党代会|总工会)")
# A noun that only points back at what was described ("这种人有好几百个"; not "那种小站点", which names its thing)
_PAID = re.compile(r"津贴|补贴|补助|工资|奖金|奖励|待遇|报酬|薪酬|薪水")  # what someone is paid
# (what is asked is the pay itself, not a thing tied to it: "跟领导薪酬挂钩的系数" asks a 系数)
_PAID_HEAD = re.compile(rf"(?:{_PAID.pattern})(?:标准|金额|数额)?$")
_POINTS_BACK = re.compile(r"(?:这|那)(?:种|类|样的?|些)人?(?=$|[有是都一总共])")
_BECOMES = re.compile(r"(?:(?:培养|发展|转变|转化|带|变|转)成(?:了|为)*|成(?:了|为)+)([\u4e00-\u9fff]{2})")  # (党员成了生产骨干)
# "各种创新工作室分别有多少", "有哪几类工作室，各有几个": every kind of the thing, and the figure of each.
_EVERY_KIND = re.compile(r"各种|各类|哪几种|哪几类|哪些种类|哪些|几种|几类")
_KINDS_NAMED = re.compile(r"(?:各种|各类)([\u4e00-\u9fff、]{2,}?)(?:分别|各(?:有|是)|都|一共|总共|共|有|是|多少|几|的数|$)")
_EACH_ASKED = re.compile(r"分别|各(?:有|是|多少|几|建了|搞了)|都(?:有|是)?(?:多少|几)")
# A sentence that tallies what was done so far ("截至目前,各省属企业共签订师徒合同4883份", "2022年,省属企业开展…15463次").
_TALLY = re.compile(r"(?:截至|截止|到)(?:目前|\d{4}年底?)|(?:19|20)\d{2}年[,，]")
# A count said to have started from a number, asking what it became ("从48家变成多少家了", "由4516份增加到多少").
# The rest of what a figure counts, asked by what it is not ("没建工会的那些企业", "不是产业工人的那部分党员"): `neg` is
# what the figure's own sentence counts.
_COMPLEMENT = re.compile(r"(?:不是|没有?|未|非)(?P<neg>[\u4e00-\u9fff]{2,6}?)的(?:那部分|那些|那种|其他|其余|另外)")
def _of_pair(pairs: list[tuple[str, str]], year: str, region: str) -> bool:
    """Whether one of these (year, region) pairs is of this year and region ("": any)."""
    return any((not year or y == year) and (not region or r == region) for y, r in pairs)


def _without_each(text: str) -> str:
    """A question without its "each" and the documents it is of ("云南劳动竞赛参与人次两年各多少" → "…参与人次多少")."""
    plain = _BOTH_OF_ONE.sub("", _DOCUMENTS_EACH.sub("", text))
    return re.sub(r"[,，、]\s*(?=(?:是|有)?(?:多少|几))", "", plain)  # ("…参与人次，两年分别多少": one clause again)


def _complement_text(found: re.Match) -> str:
    """How a refusal names the rest asked for: "没建工会的部分", "不是产业工人的部分"."""
    return re.sub(r"(?:那部分|那些|那种|其他|其余|另外)$", "", found.group(0)) + "部分"


# One year's addition asked, not a running total ("当年新签了多少份", "不要累计的"), and a sentence's running total
# ("先后把1.2万…", "累计", "截至目前…共").
_ONE_YEAR_ASKED = re.compile(r"当年新|这一年新|一年新|新增了?(?:多少|几)|(?:不要|不是|不算|不含|除去|去掉)累计")
_CUMULATIVE = re.compile(r"先后|累计|截至目前|截至\d{4}年底|截至年底|至今|迄今")
# A part of a year asked ("22年上半年职代会开了多少次", "三季度", "6月份"): a year's figure does not say it.
_PART_OF_YEAR = re.compile(r"[上下]半年|(?:第|前)?[一二三四1-4]季度|(?<![\d.])(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份")
# Two givers joined before a sum and its verb ("省国资委党委和企业党委两级一共划拨了多少"): group 1 the two, group 2 a word
# counting them (两级, 两家).
_JOINED_BEFORE = re.compile(r"(?:^|[，,。；;\s]|\d{2,4}年)([\u4e00-\u9fff]{2,10}?(?:和|与|跟|及)[\u4e00-\u9fff]{2,10}?)"
                            r"(两级|两家|两个|两方|双方|俩)?(?:一共|总共|合计|共计|共)[\u4e00-\u9fff]{1,3}?了?(?:多少|几)")
# What a term means ("产改到底是啥意思", "劳模创先工作室联盟是个啥", "什么叫双培养"): `term` or `after` is the term.
_WHAT_IS = re.compile(r"(?:^|[，,。？?！!\s])(?:请问|那|那个|这个|问下|问一下)?(?P<term>[“\"]?[\u4e00-\u9fff]{2,12}?[”\"]?)(?:到底|究竟|具体)?"
                      r"(?:是个?啥|是什么|是啥子?|是个?什么|啥意思|什么意思|是啥意思|是什么意思|指的?是?什么|指的?是?啥)"
                      r"(?:的?(?:简称|缩写|全称))?"  # ("产改到底是个啥的简称啊": its full name, said where it is introduced)
                      r"(?:意思|东西|组织|级别|制度|玩意儿?|单位|机构)?(?:啊|呀|呢|嘛|哦|哈)?[？?。!！]*$"
                      r"|(?:什么|啥)(?:是|叫)(?P<after>[“\"]?[\u4e00-\u9fff]{2,12}?[”\"]?)[？?。!！]*$")
# No term of its own, but a pointer or a question word, or several words joined ("这个", "职代会的三大职权").
_NOT_A_TERM = re.compile(r"^(?:这|那|它|他|她|啥|什么|哪|咱|我|你|分别|各|具体|第)|[的了和跟与有在要能都也还就]|[条章项]$"
                         r"|除了?|另外|其[他余]|[两几一二三四五六七八九十]个")  # ("除了审议通过另外两个是啥")
_FROM_NUMBER = re.compile(r"[从由](\d+(?:\.\d+)?)[^，,。；;？?\d]{0,4}?(?:变成|变为|增加到|增长到|增至|涨到|提高到|提升到|上升到|发展到|减少到|降到|降至)"
                          r"[^，,。；;？?\d]{0,4}(?:多少|几)")
# Asked as things stand now: the latest document of each region answers, not every year's.
_NOW = re.compile(r"现在|目前|如今|眼下|当前|最新|迄今|至今")
_BOTH_OF_ONE = re.compile(rf"各(?![{EVERY_NOT_EACH}企])|分别|两头|两边|两方面|两个方向|双向|两项")  # (各级: every level)
_QUOTED_TERM = re.compile(r"“([^”]{2,12})”")
# (the documents "each" is of: "两年各多少", "两省分别多少")
_DOCUMENTS_EACH = re.compile(r"(?:两|俩|2|三|3)(?:年|个?省份?|边)(?:的)?(?=各|分别)")
# What names no thing counted beside an article, asking its figures ("第十九条定的目标是多少", "第二十条里的数字")
_ANY_FIGURE = frozenset(("目标", "指标", "任务", "数字", "数据", "标准", "要求", "规定"))
# Which article says it ("…在第几条", "哪一条规定的"): the question presumes a document written in articles.
_ARTICLE_ASKED = re.compile(r"第几条|哪一?条(?:规定|讲|说|写|提|里)|(?:在|是|出自|来自|见于?)哪一?条|哪个条款")
_EACH_OF_TWO = re.compile(r"各(?:自|拿|出|投|花|是|有|占|多少|几)|分别")
_BOTH_SIDES = re.compile(r"两头|两边|两者|二者|双方|两方面|两个方向|双向")
# A deadline asked ("要在什么时间前报国资委备案"): a report's year is none.
_DEADLINE = re.compile(r"(?:什么时间|什么时候|啥时候|啥时间|哪天|几号|几月)(?:以?前|之前)|截止|期限|最晚")
# An event asked of, whose time is its own, not its report's year.
_EVENT_ASKED = re.compile(r"(?:推进|现场|表彰|动员|座谈|交流|观摩|部署|例)会|会议|大赛|比赛|比武|典礼|仪式")
# when it was set up or begun ("哪年建起来的", "产改是哪一年开始搞的"): not the year of a report that mentions it
_FOUNDED = re.compile(r"(?:建|成立|设立|组建|创建|挂牌|开办)(?:起来|起|成|立)?的|开始(?:搞|干|做|弄|实施|推行|推进|实行)?的|启动的|搞起来的"
                      # (or since when, of any doing: "这个是从哪一年开始挂钩的")
                      r"|(?:从|自)哪一?年(?:开始|起)"
                      # (or named, chosen or awarded: "昆钢是哪一年被列为省级产改示范点的", "那7家都是哪年评上的")
                      r"|(?:(?:列|定|确定|认定|评|命名|选)[为成]|列入)[\u4e00-\u9fff]{0,12}的|(?:评|选|定)上的|获评的|入选的")
# The next time something is held ("下一次推进会什么时候开"): a date reported of one held is not it.
_NEXT_ONE = re.compile(r"下一?(?:届|次|回|期|轮)|下届|下次|下回")
_CLOCK = re.compile(r"几点|几时|钟点|开门|关门|营业时间")
_DAY_ASKED = re.compile(r"几月|几号|几日|哪一?天|哪个月|具体(?:日期|时间|哪|什么时)|日期")  # a day, not a year
# The hour of a day ("推进会几点开始的", "上午还是下午"), which a date does not say.
_HOUR_ASKED = re.compile(_CLOCK.pattern + r"|上午还是下午|下午还是上午|早上还是晚上|白天还是晚上")
_HOUR_STATED = re.compile(r"\d{1,2}(?:点|时|:|：)\d{0,2}|上午|下午|晚上|早上|凌晨")
_NEXT_TIME = re.compile(r"下一?(?:届|次|回|期|轮)|下届|下次|下回|以后|将来|今后")
_WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# Verbs that make 跟/与/和 a preposition ("A跟B挂钩", "与上年相比"), not a join of two things counted.
_WITH = re.compile(r"挂钩|挂起钩|相比|比较|一样|有关|相关|结合|对接|联系")
_JOINING = frozenset({"加上", "加", "和", "与", "及", "跟", "同", "、"})  # "A和B一共多少", "A加B"
# A number a question tells, with what it measures (not a year, a date, an article, a session or a grade), and the
# words that put what is told to be confirmed. (Nor is the asking whether it is right, after it, what it measures:
# "系数是0.05对不对", "是0.03没错吧".)
_TOLD_NUMBER = re.compile(rf"(?<![\d.第])\d+(?:\.\d+)?\s*(?:多|余)?(万(?!{UNITS})|(?:万|千)?(?:{UNITS})|(?![年月日号届条章级岁吧吗呢啊是的这那跟和与在对没，,。？?！!\s])"
                          r"[\u4e00-\u9fff])")
_CHECKED = re.compile(r"吧\W*$|对吧|是吧|对不对|是不是|对吗|是吗|没错吧|没错吗|吗\W*$|听说|据说"
                      r"|(?:文件|意见|报告|方案|通知|政策)(?:里|上|中)?(?:说|讲|写|规定)")  # (or told as what a document says)
# What holding a title brings in money or treatment: a sentence that answers such a question says so in these words
# (好处 is too wide: "对企业有啥好处", "拿了一等奖有啥好处" → 晋升一级).
_BENEFIT = re.compile(r"奖金|补贴|津贴|待遇|福利|补助|奖励|退休金|报酬|额外的?(?:工资|收入|钱)|[涨加]工资|加薪|工资(?:会|能)?(?:高|多|涨)")
# A question asking who a person is, or their name ("推进会是哪个领导主持的", "二十大代表是哪两位同志", "书记是谁"), is
# answered only by a sentence that names a person: a role followed by a name, or a name followed by 同志. ("那个活动叫啥
# 名字" asks the name of a thing; "组长是谁" and "who issued it" are answered by a role or a body, as the documents write.)
_WHO = re.compile(r"(?P<role>代表|劳模|模范|书记|主席|省长|主任|工匠|董事|监事|委员|同志|工作者|获得者|师傅|技师|领导"
                  r"|厂长|经理|局长|厅长|部长|处长|科长|组长|队长|班长|会长|秘书长|主持人|工人|职工|员工|带头人|负责人|领头人|联系人)"
                  # (是哪个 said of a person, as the south-west says 是谁: "我们矿上那个职工监事是哪个")
                  # (with whom it points at and how it asks between: "二十大代表的是哪两个人", "劳模都有谁")
                  # (typed as keywords, "劳模 名单 有谁", the parts apart)
                  # (not by whom something was done: "职工董事是谁选出来的" asks which body elects them)
                  r"(?:的?[\s,，]*(?:[\u4e00-\u9fff]{1,2}[\s,，]+)?(?:都|分别|具体|又)?(?:是谁(?!选|评|定|确定|认定|批|推荐|提名|发|印发|出台|制定)|有谁|有哪些人|是哪[一几两三]?位|是哪[几两三]个人|是哪些人)"
                  r"|[\s,，]*(?:都|分别|具体|又)?(?:是哪个(?=[\s,，。？?！!呀嘛哦啊哟喃]|$)|叫(?:什么|啥|哪样)(?=名|[^\u4e00-\u9fff]|$|呀|啊|嘛|呢)|姓什么|姓啥|的名字|[\s,，]+名字(?=[\s,，]|$)|名单))"
                  r"|哪[一几两三]?位(?:省|市)?领导|哪[个些]领导|什么领导|啥子?领导|姓名"
                  r"|[那这](?:[一两几三2-9]?[位名]|[两几三2-9]个)[\u4e00-\u9fff\s,，]{0,6}?(?:是谁|叫(?:什么|啥|哪样)(?=名|[^\u4e00-\u9fff]|$|呀|啊|嘛|呢)|姓什么|姓啥|的名字)"
                  # (the people counted, pointed at: "这些人叫什么名字", "全国劳模那45个人都叫啥")
                  r"|^(?:那|那么)?(?:都|分别|具体|又)?是哪[几两三些]?(?:个人|位|些人)"
                  # (or the things counted, by their names: "这些工作室都叫啥名字")
                  # (not enterprises, whose names a sentence may give: "那几家企业叫啥名字")
                  r"|[那这][些几](?![家户]|[\u4e00-\u9fff]{0,4}(?:企业|单位|公司|集团))[\u4e00-\u9fff]{1,6}?[\s,，]*(?:都|分别|具体|又)?叫(?:什么|啥|哪样)名字?"
                  r"|(?:[那这][些几]|[那这]\d+个|[那这]\d+[位名])人?[\s,，]*(?:都|分别|具体|又)?(?:是谁|叫(?:什么|啥|哪样)(?=名|[^\u4e00-\u9fff]|$|呀|啊|嘛|呢)|姓什么|姓啥|的名字)"
                  r"|\bnames? of\b|\b(?:their|his|her) names?\b|\bwho (?:are|were)\b", re.I)
# A person's name asked as such ("叫啥名字", "名字告诉我", "姓什么"): a post held ("由委党委主要负责同志任组长") is no name.
# ("叫啥工匠" asks which kind of 工匠, by the name of the title: 叫啥 before a thing is no person's name.)
_NAME_ASKED = re.compile(r"名字|姓名|叫(?:什么|啥|哪样)(?=名|[^\u4e00-\u9fff]|$|呀|啊|嘛|呢)|姓什么|姓啥|\bnames?\b", re.I)
# Which enterprise, asked by name ("是哪家企业的"; not 哪些企业, which may ask a kind: 全省各类企业): only a sentence
# naming one answers (昆钢公司, 黔磷化工集团), not "省属企业" or "参与公司治理".
_WHICH_ENTERPRISE = re.compile(r"哪[家个几两三]+(?:省属|国有|国)?(?:企业|公司|集团)|是哪[几两三]?家|哪家的")
# (of a figure, which enterprises too: "这些钱分给了哪些企业"; of a rule, 哪些企业 asks which kinds: "适用于哪些企业")
# (nor, of a rate or a count, the enterprises it is taken over: "建制率是按哪些企业算的" → 已建工会的省属企业)
# (not which enterprises a figure is said of: "617名职工董事这个数说的是哪些企业的" asks its scope, which its sentence
# gives)
_WHICH_ENTERPRISES = re.compile(r"(?<![按以])(?<!针对)(?<!说的是)(?<!指的是)(?<!算的是)(?<!统计的是)"
                                r"哪些(?:省属|国有|国)?(?:企业|公司|集团)")
_ENTERPRISE_NAMED = re.compile(r"[\u4e00-\u9fff]{2,6}?集团|[\u4e00-\u9fff]{2,4}(?<!参与)(?<!省属)(?<!分)(?<!子)公司(?!治理|管理)")
# Which body is in charge, asked ("产改谁牵头", "这事归哪个部门管"): a sentence that says all the question is about answers.
_BY_WHOM = re.compile(r"谁(?:来)?(?:牵头|负责|主管|管|抓|组织)|由谁|归谁|归哪个|哪个(?:部门|单位|机构)")
# Where, asked as a place ("基地在哪个城市", "推进会在哪开的"): a sentence answers only if it names a place.
_WHERE = re.compile(r"哪个城市|哪座城市|哪个(?:市|州|县|省)(?!级)(?![\u4e00-\u9fff]{0,8}?(?:更|还|要)?[多少](?:[些点呢啊呀吗？?，,。！!]|$))|哪个地方|什么地方|啥子?地方|在哪(?:里|儿)?(?:开|办|召开|举办|举行)"
                    # ("驿站都建在哪里": where they stand; not "竞赛放在哪些领域", "在哪些地方搞": in what fields)
                    r"|(?:建|设|安|摆|贴|挂|张贴|公示|公布)(?:在|到)哪(?:里|儿|些|个)?"
                    r"|在哪(?:里|儿)?(?:呢|啊|呀|嘞|哦)?\W*$"  # ("最近的驿站在哪儿", "驿站在哪": where it is, asked last)
                    r"|在哪(?:里|儿)?(?:能|可以|才能)?(?:看到|查到|找到|看得到|查得到)"  # ("公开的东西在哪里能看到")
                    r"|在哪(?:里|儿)?(?:报名|报|申请|办理|领取?|查询?)"  # ("在哪报": where to sign up or apply)
                    r"|分布(?:在|于)?哪|哪些(?:州市|市州|城市|地州|县市|县区)|\bwhich city\b", re.I)
# How often something is done, which any rate's label shares: no word of what is counted
_PERIOD_WORD = re.compile(r"[一每](?:年|届|月|季度|周|天)|每|年|次|至少|最少|起码")
# How to reach someone or get on something: details no report or policy writes, unless one does
_CONTACT = re.compile(r"电话号码|电话|联系方式|手机号码?|微信号|邮箱|网址|二维码|wi-?fi|无线网|密码|(?<![a-z])app(?![a-z])|小程序|公众号|网站|链接", re.I)
# An address, or the way there: a place within a region at least (the 云南 of "云南省职工技师工作站" is none)
_ADDRESS = re.compile(r"地址|门牌号?|怎么走(?:过去)?|在哪(?:栋|幢|层|个楼|间|个房间)")  # ("母婴室在哪栋楼")
_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{1,4}(?:市|州|县)(?![场委长级属直里委])")
# Which is best (a judgement) is answered only by a sentence that ranks or rates (and what was actually done, 实际,
# never by a rule or target alone: see _select_within).
# Who chose or named something ("是谁评的", "哪个单位定的"): answered only by a sentence saying by whom (被省总工会列为,
# 由…确定), not by one that says it was chosen ("被确定为").
_AGENT_ASKED = re.compile(r"(?<![跟与和同])(?:谁|哪个单位|哪个部门|哪家单位|哪一级|哪级)[^，,。？?！!]{0,1}?(?:评|定|选|确定|认定|命名|批|授予|列)")
_AGENT_STATED = re.compile(r"被[\u4e00-\u9fff]{2,12}?(?:评|列|确定|认定|命名|授予|表彰|选)|由[\u4e00-\u9fff]{2,16}?(?:评|确定|认定|命名|授予|组织|牵头|选)"
                           r"|经[\u4e00-\u9fff]{2,10}?(?:批准|同意|研究)|通过[\u4e00-\u9fff]{2,12}?(?:选举|评选|推荐|民主)"
                           r"|[\u4e00-\u9fff]{2,8}?(?:民主)?选举产生")
# Who pays for a thing ("体检费是公司出还是我们自己出", "费用由谁承担") and a sentence saying so.
_PAYER_ASKED = re.compile(r"(?:谁|哪个|哪边|公司|单位|企业|厂里|我们|自己|个人)来?(?:出|掏|付|承担|负担|报销)(?:钱|费用?)?"
                          r"(?:还是|呢|吗|不|\?|？|$)|费用?(?:由谁|谁出|谁掏|谁付|谁承担|要自己)|(?:钱|费)是?(?:谁|哪个)(?:出|掏|付)")
_PAYER_STATED = re.compile(r"承担|负担|出资|列支|支付|报销|划拨|配套|投入|提取|经费|专款|资金")
# How an amount is given, said before it ("各省属企业配套投入1236万元", "同步划拨1647万元"): not what it is for.
_GIVING = re.compile(r"配套|划拨|投入|出资|拨付|下拨")
_BEST = re.compile(r"最好|最差|最棒|最厉害|最强|最优秀|最突出|排第一|第一名|哪个好|谁好|排(?:个|一下|一个)?名|排行"
                   # (or whose is done better: "这俩省谁的报告写得好", "哪个省干得更好")
                   r"|(?:谁|哪个|哪家|哪个省)的?[\u4e00-\u9fff]{0,6}?(?:写|做|干|搞|抓)得(?:更|比较)?(?:好|差|强)")
# (not "第一时间", "最新": no rank)
_RANKED = re.compile(r"最(?!新|近|后|终|早|初)|第一(?!时间)|排名|一等奖|优秀|先进|示范")
# How to apply or sign up ("咋个申请帮扶", "怎么报名"): answered only by a sentence that says how (申请, 报名, 手续…).
# So does which office to go to or what form to fill ("该找哪个报名", "找哪个部门，填啥子表").
_APPLY = re.compile(r"(?:怎么|怎样|如何|咋|去哪|到哪|找谁|找哪|流程|手续|程序)[\u4e00-\u9fff]{0,4}?(?:申请|报名|申报)|(?:申请|报名|申报)(?:流程|手续|程序|条件)"
                    r"|找(?:哪个|哪一?个?)(?:部门|科室|单位)|填(?:啥子?|什么|哪种|哪个|哪些)(?:表|材料)"
                    r"|(?:准备|交|提交|带)(?:啥子?|什么|哪些)(?:材料|资料|证明)"
                    # (or the way after the application: "我想报名参加技能大赛，找谁", "我想申报劳模 我该咋准备材料")
                    r"|(?:申请|报名|申报)[^？?。！!]{0,12}?(?:咋弄|咋整|咋办|怎么弄|怎么办|找谁|找哪个|咋准备|怎么准备|准备啥|准备什么)"
                    r"|how (?:do|can|should) (?:i|we) apply|apply for[^?]{0,30}\?|is there a form", re.I)
_PROCEDURE = re.compile(r"申请|报名|申报|手续|流程|程序|提交|审批|认定")
# How one becomes something ("怎么才能评上劳模", "咋样才能被培养入党", "要走哪些程序"): answered only by a sentence that
# states how (a procedure, conditions, an election), not by the count of those who did.
_BECOME_ASKED = re.compile(r"(?:怎么|怎样|如何|咋样?|咋个)才能(?:被)?[^，,。？?！!]{0,6}?(?:评上|评为|考上|考取|当上|当选|选上|成为|入党"
                           r"|晋升|拿到|获得)|(?:要走|得走|走)(?:哪些|什么|啥子?)(?:程序|流程|手续)")
_HOW_STATED = re.compile(_PROCEDURE.pattern + r"|条件|具备|选举产生|民主选举|推荐|择优|评审")
# What conditions or what formula is answered only by a sentence that states them: "符合条件的高技能人才可参加职称评审"
# says there are conditions, not which.
_CONDITIONS_ASKED = re.compile(r"(?:什么|啥|哪些|哪几个?|哪几条)(?:样的)?(?:条件|资格|门槛)|条件是(?:什么|啥|哪些)|(?:公式|计算方法|算法)")
_CONDITIONS_STATED = re.compile(r"条件|资格|门槛|公式|计算|具备|年满|以上学历|满\d+年")
# What something holds or gives ("驿站里有啥设施", "夏送清凉送些什么东西"): answered only by a sentence that says it.
# Why something is so, and the words that give a reason or purpose ("为深入贯彻落实…，制定本意见" says why it was issued).
_WHY = re.compile(r"为什么|为啥|为何|咋个会|怎么会|凭什么|\bwhy\b", re.I)
# Whether a target was met ("目标完成了没", "达标了吗"), of sentences that only set it ("到2025年，全省培养高技能人才12万名"):
# what came of it is written nowhere they are.
_ACHIEVED_ASKED = re.compile(r"(?:完成|实现|达到|达标|做到|兑现)了?(?:没有?|吗|没得|不|与否)|(?:完成|实现|达标)(?:情况|得怎么样|得咋样|得如何)"
                             r"|有没有(?:完成|实现|达到|达标|做到)")
_TARGET_SET = re.compile(r"到(?:19|20)\d{2}年|目标")
_DONE_STATED = re.compile(r"已经?(?:完成|实现|达到)|完成了|实现了|超额完成|提前完成|达到了")
_WHAT_FOR = re.compile(rf"{_WHY.pattern}|为了(?:啥|什么|哪样|个啥)|图(?:个)?(?:啥|什么)", re.I)  # (what it is for)
_REASON_STATED = re.compile(r"为了|旨在|目的|因为|由于|原因|以便|从而|为(?:深入|进一步|贯彻|落实|加强|推动|推进|促进)")
# What an action is for, said after it in the same sentence, as reports and policies say it ("…计入年度考核得分，推动产改工作
# 真正落到实处", "…率先落实，发挥示范带动作用", "…引导产业工人…拜师学艺", "…定期研究解决…问题"): the sentence to quote for
# "是为了啥" among those of its sub-point.
_PURPOSE_STATED = re.compile(r"[，,](?:推动|促进|引导|带动|助推|确保|定期研究解决|研究解决|着力|努力)[^，,。；;]{2,}"
                             r"|发挥[^，,。；;]{0,10}作用|(?:实现|促进|推动)[^，,。；;]{0,14}(?:向|到)[^，,。；;]{1,12}转变"
                             r"|建设一支[^，,。；;]{4,}")
_TOLD_OF = re.compile(r"(?:公开|讲|写|说|提|包括|涉及|规定|要求|学习?)(?:了|些|的)?$")
_CONTENTS_ASKED = re.compile(r"(?:什么|啥子?|哪些)(设施|东西|物品|设备|配置|物资|礼品)")
# What a thing is, asked as "是什么东西" ("双培养是什么东西啊"), not what is given or made public ("送的到底是啥子东西")
_WHAT_THING = re.compile(r"(?:^|[，,。？?！!\s])(?:(?!的)[\u4e00-\u9fff]){2,8}?(?:到底|究竟)?是个?(?:什么|啥子?)东西")
_CONDITIONS_REFERRED = re.compile(r"符合(?:相关|规定|要求的?)?条件的?")
_NAMED_PERSON = re.compile(r"(?:书记|省长|市长|县长|主席|主任|厅长|局长|部长|董事长|总经理|秘书长)[\u4e00-\u9fff]{2,3}"
                           r"(?=[、，。；,;（(\s]|同志|出席|主持|讲话|表示|指出|强调|介绍|参加|带队)"
                           r"|(?<![\d\u4e00-\u9fff])[\u4e00-\u9fff]{2,3}同志(?=[、，。；,;]|等|出席|主持|讲话|表示|作|在)")
# Labels that end in a kind of person count people even with no measure word after the number (1.2万生产骨干).
_PERSONS = re.compile(r"(党员|骨干|工人|职工|人才|代表|劳模|工匠|技师|师傅|徒弟|委员|董事|监事|人员|者)$")
_ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇\d]{1,5}条")  # an article of a policy, cited by number


# A grade written before a title ("首席技师", "高级技师", "高级工程师"): a figure of one grade is no other grade's.
_GRADE = re.compile(r"(首席|高级|特级|正高级|副高级|中级|初级|资深)((?:技师|技工|工程师|工匠|技能人才|经济师|会计师)+)")


def _other_grade(asked: str, label: str, named_only: bool = False) -> bool:
    """Whether the label counts a grade of a title that the question asks without that grade (or with another;
    with `named_only`, only with another)."""
    for graded in _GRADE.finditer(label):
        title = graded.group(2)
        if title not in asked:
            continue
        said = [m.group(1) for m in _GRADE.finditer(asked) if m.group(2) == title]
        if graded.group(1) not in said and (said or not named_only):
            return True
    return False


def _article_number(article: str) -> str:
    """第二十五条 → "25", 第25条 → "25"."""
    from .query import chinese_number
    inner = article[1:-1]
    return inner if inner.isdigit() else chinese_number(inner)


# A clause that goes on about the one before ("…，又占多少"; "…？用在一线工人身上的占多少": what is used, unnamed, is
# the thing the clause before asked of)
_CONTINUES = re.compile(r"又|其中|这里面|这当中|这些|^(?:用在|用于|用到|花在|花到)")
_EVENT_REFERENCE = re.compile(r"会议|会上|与会|本次会")  # a sentence referring to the meeting its document reports
_MEETING = re.compile(r"[\u4e00-\u9fff]会(?:议)?(?:在|于|召开|举行|$)|大会|论坛")  # a title naming a meeting (推进会在贵阳召开)
_RATE_WORD = re.compile(r"每.{1,2}|至少|最少|不低于|不少于|不超过|原则上|一般|累计|共|均")
_DATE = re.compile(r"(\d{4}年\d{1,2}月(?:\d{1,2}日)?)")


@dataclass(frozen=True)
class FigureChoice:
    figure: Figure
    hit: Hit
    score: float
    row: int = -1  # the figure's position in the index's figure table (and label vectors)
    features: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Item:
    """One step of a how-to answer: the sub-point heading and the sentence under it that answers best."""

    heading: str
    chunk: Chunk
    score: float


@dataclass(frozen=True)
class Evidence:
    """What answers the question (or why nothing does). Writers word it; they decide nothing."""

    kind: str  # figures | when | issuer | documents | sentences | steps | refusal | greeting | thanks | capabilities | task | advice | dispute | labour | party | opinion | injection
    query: Query
    figures: tuple[tuple[FigureChoice, ...], ...] = ()  # per document: one figure (two for two_figures)
    sentences: tuple[Hit, ...] = ()  # quoted sentences, all of one document
    steps: tuple[Item, ...] = ()  # how-to items, all of one document
    when: str = ""  # the year or date a when-question asks for ("" when the source does not say)
    refusal: str = ""  # unmet | unknown | no_figure | no_answer | enterprise | place | partial_figures
    detail: dict = field(default_factory=dict)  # what the refusal names: the unmet constraint, known/unknown words…
    suggestions: tuple[str, ...] = ()
    confidence: float = 0.0  # the chance that it answers (figures: the best row's score; sentences: the best one's)

    @property
    def documents(self) -> list[DocumentInfo]:
        docs = [row[0].figure.doc for row in self.figures] + [h.chunk.doc for h in self.sentences]
        docs += [i.chunk.doc for i in self.steps]
        return list(dict.fromkeys(docs))


class EvidenceSelector:
    """Built once per index; holds the per-figure lookups the scores need. No per-request state."""

    def __init__(self, index: KnowledgeIndex, retriever: Retriever, tuning: Tuning = TUNING,
                 on_subject: frozenset[str] = frozenset()) -> None:
        self.index = index
        self.retriever = retriever
        self.tuning = tuning
        self.lexicon: Lexicon = index.lexicon
        self.idf = index.keyword.idf
        self.max_idf = max(self.idf.values(), default=1.0)
        self.word_freq = self.lexicon.tokenizer.FREQ
        self.total_freq = max(1, self.lexicon.tokenizer.total)
        # Reference samples for standardising similarities: how like the question an ordinary label or section of
        # this knowledge base is. Relative similarities hold for any embedding model and do not depend on how many
        # candidates a question happens to have. They are drawn from the documents on the knowledge base's subject
        # when it also holds others (`on_subject`, KnowledgeIndex.subject; empty: every document), so that material
        # on other subjects beside them moves no score of theirs.
        self.on_subject = on_subject
        self.subject_mask = retriever.subject_mask  # their chunks (None: every chunk)
        self.label_reference = index.label_sample(on_subject or None)
        self.section_reference = index.section_sample(on_subject or None)
        self._subject_words: dict[str, bool] = {}  # memo of _known_on_subject (the index is fixed for this selector)
        self._rules: dict[str, bool] = {}  # memo of _of_rules
        self._regions_of_word: dict[str, str | None] = {}  # memo of _regional
        self._topical_words: dict[str, tuple[str, ...]] = {}  # memo of _topical
        self._longer_labels: dict[str, tuple[str, ...]] = {}  # memo of _narrower_asked
        self._memo = threading.local()  # per-question memos of one thread (see _units_asked)
        self._region_texts: dict[str, str] | None = None
        self._places: re.Pattern | None = None  # the place names of `[regions]` (see _names_place)
        self._province_names: re.Pattern | None = None  # "云南省" (see _province_named)
        self._region_labels: dict[str, set[str]] | None = None  # each region's figure labels (see _counted_in)
        self._articles: dict[str, frozenset[str]] = {}  # each document's article numbers (see _articles_of)
        self._scopes = " ".join(d.scope for d in index.documents.values())  # the documents' scopes (省属企业, 全省)
        self._cities: re.Pattern | None = None  # those within a region
        self._terms = frozenset(self.lexicon.words)  # the knowledge base's own terms (dictionary, synonyms, aliases)
        self._labels = "\n".join(f.label for f in index.figures)  # what its figures count
        # Levels a figure can be of (全国 / 省 / 市 / 县) and the ways each is written (`[levels]` of
        # knowledge/_constraints.toml), longest first: "省部级劳模" is the province's level, "全国劳模" the country's.
        levels = (index.constraints or {}).get("levels", {})
        self.level_of = {name: level for level, names in levels.items() for name in names}
        self._level_names = re.compile("|".join(map(re.escape, sorted(self.level_of, key=len, reverse=True)))) \
            if self.level_of else None
        if self.subject_mask is not None:  # the rarest word's idf as among the documents on the subject alone
            live = int(np.count_nonzero(self.subject_mask))
            self.max_idf = min(self.max_idf, float(bm25_idf(live, 1))) if live > 1 else self.max_idf
        # Figures, chunks and sections are read from the index by id when a question needs them: nothing here
        # grows with the knowledge base.

    def label_words(self, figure_id: int) -> tuple[str, ...]:
        """The words of a figure's label (jieba's precise mode, memoised by the lexicon)."""
        return self.lexicon.words_of(self.index.figures[figure_id].label)

    # --- the one public call ------------------------------------------------------------------------------
    def select(self, query: Query, previous_answer: str = "") -> Evidence:
        nth = _NTH_ITEM.search(query.own)
        if nth and query.context and previous_answer and not _ARTICLE_NAMED.search(query.own):
            # "第三条是啥" after "省国资委定了哪5条具体措施": the third of the items the sentence just quoted lists
            # (of the first quoted sentence that lists so many: "第二个是啥" after a lead sentence and then "制定“强化政治
            # 引领、提升技能素质、…”6条具体措施")
            item, quoted = "", None
            for k in range(3):
                quoted = self._quoted_first(previous_answer, query, k)
                # (not an article of a policy: "第三条呢" after its 第九条 asks its 第三条, whatever 第九条 lists)
                item = _nth_listed(quoted.chunk.text, _ordinal(nth.group(1))) \
                    if quoted and not _ARTICLE.search(quoted.chunk.section) else ""
                if item or quoted is None:
                    break
            if item:
                return Evidence("sentences", query, sentences=(quoted,), confidence=1.0,
                                detail={"item": item, "nth": nth.group(0)})
            # ("第三个是啥" after the parts a report is written in: that part, as "第三条展开说说" gets it)
            expanded = self._part_expanded(previous_answer, _ordinal(nth.group(1)))
            if expanded:
                return self._part_evidence(query, expanded)
        chapter = _CHAPTER_ARTICLES.search(query.text)
        named_chapter = chapter.group(1) if chapter else self._last_chapter(query) if _LAST_CHAPTER.search(query.own) else ""
        if named_chapter:
            # "实施意见第三章讲了哪几条": the articles of that chapter, each by its first sentence ("最后一章讲的啥": of
            # the last chapter)
            articles = self._chapter_articles(query, named_chapter)
            if articles:
                first, last = (h.chunk.section.split(" › ") for h in (articles[0], articles[-1]))
                return Evidence("sentences", query, sentences=articles, confidence=1.0,
                                detail={"article": f"{first[0]}（{first[-1]}至{last[-1]}）"})
        titled = _CHAPTER_TITLE_ASKED.search(query.own)
        heading = self._chapter_heading(query, titled.group(1)) if titled else None
        if heading is not None:
            return Evidence("sentences", query, sentences=(heading,), confidence=1.0)  # ("第二章叫啥": its heading)
        part = (_NTH_PART.search(query.own) or _NTH_PART.search(query.text)) if query.context and previous_answer else None
        if part:
            # "第二条展开说说" after the parts a report is written in (一是…, 二是…): what that part says, the first
            # sentence under each of its sub-points
            which = _ordinal(part.group(1) or "最后一")  # ("最后那个具体讲讲" names no number: the last)
            expanded = self._part_expanded(previous_answer, which)
            if expanded:
                return self._part_evidence(query, expanded)
            # (or after a sentence listing items, "制定“A、B、C、D”4条具体措施": its item, which it says no more of)
            quoted = self._quoted_first(previous_answer, query)
            item = _nth_listed(quoted.chunk.text, which) \
                if quoted and not _ARTICLE.search(quoted.chunk.section) else ""
            if item:
                said = re.match(r"第[一二三四五六七八九十\d]{1,2}(?:条|个|项|点)", part.group(0))
                return Evidence("sentences", query, sentences=(quoted,), confidence=1.0,
                                detail={"item": item, "nth": said.group(0) if said else "最后一个"})
        nth_step = (part or nth) if query.context and previous_answer else None
        if nth_step:
            # "第二个展开说说" after ways listed as steps (① 积极通过“师带徒”提升：…): every sentence under that one
            which = _ordinal(nth_step.group(1) or "最后一")
            step = self._step_expanded(previous_answer, which)
            if step:
                return Evidence("sentences", query, sentences=step, confidence=1.0)
            # (or after several sentences quoted, one per item: the section of that one, "第二个展开说说" after the
            # articles of a chapter)
            quoted_nth = self._nth_quoted(previous_answer, which)
            if quoted_nth:
                return Evidence("sentences", query, sentences=quoted_nth, confidence=1.0)
        if query.context and previous_answer and _DATA_ASKED.fullmatch(query.own.strip()):
            # "有数据吗" after an answer quoting a part of a report: the sentences it quoted that give figures
            counted = self._quoted_counting(previous_answer)
            if counted:
                return Evidence("sentences", query, sentences=counted, confidence=1.0)
        if query.context and previous_answer and _MORE_ALONE.fullmatch(query.text.strip()):
            # "还有呢" after "云岭工匠的呢" → 12个: the other figures of the sentence that figure is of
            quoted = self._quoted_first(previous_answer, query)
            lead = previous_answer.split("\n", 1)[0]
            figures = [self.index.figures[n] for n in self.index.figure_ids_of(quoted.chunk)] if quoted else []
            others = [f for f in figures if not re.search(rf"(?<![\d.]){re.escape(f.text)}", lead)]
            if others and len(others) < len(figures):
                return Evidence("sentences", query, sentences=(quoted,), confidence=1.0,
                                detail={"others": "，".join(f"{f.label}{f.text}" for f in others)})
        found = self._select_within(query, previous_answer)
        if nth and found.kind == "sentences" and found.sentences and not _ARTICLE.search(found.sentences[0].chunk.section):
            # ("5条具体措施 第一条是啥": the list it names, found, and its first item)
            # (the first of the likeliest sentences that lists that many: "措施最后一条是啥" is of the sentence listing
            # the measures, not of the heading 三是强化建章立制,做到措施上遵循)
            listing = next(((h, item) for h in found.sentences[:3]
                            if (item := _nth_listed(h.chunk.text, _ordinal(nth.group(1))))), None)
            if listing:
                found = replace(found, sentences=(listing[0],), detail=found.detail | {"item": listing[1], "nth": nth.group(0)})
        if found.kind == "refusal" and query.own_constraints is not None:
            # Complete on its own, it is answered as asked when the conversation's year or region has nothing on it.
            alone = self._select_within(replace(query, constraints=query.own_constraints, own_constraints=None),
                                        previous_answer)
            if alone.kind != "refusal":
                found = alone
        if found.kind in ("sentences", "source") and WHICH_ARTICLE.search(query.text):
            # "实施意见第几条是讲职工监事的", "这是第几条", "这是哪个文件的哪一条": the article the quoted sentences are
            # of, for any writer
            chapter, part = bool(_WHICH_CHAPTER.search(query.text)), bool(_WHICH_PART.search(query.text))
            article = _shared_article(found.sentences, chapter=chapter, part=part)
            naming = self._articles_naming(query, found) if article and not (chapter or part) else []
            if len(naming) > 1:
                # "实施意见第几条讲的职工董事": every article naming it (第十六条 sets it up, 第十八条 has it report), each
                # with its sentence that names it
                found = replace(found, sentences=tuple(h for _, h in naming))
                article = "、".join(a for a, _ in naming)
            if article:
                found = replace(found, detail=found.detail | {"article": article})
        elif found.kind == "figures" and WHICH_ARTICLE.search(query.text):
            # ("黔灵工匠每年评多少名，是意见哪一条规定的": the figure, and the article its sentence is of)
            article = _shared_article(tuple(c.hit for row in found.figures for c in row),
                                      chapter=bool(_WHICH_CHAPTER.search(query.text)),
                                      part=bool(_WHICH_PART.search(query.text)))
            if article:
                found = replace(found, detail=found.detail | {"article": article})
        uncovered = self._uncovered_asked(query) if found.kind == "figures" else ""
        if uncovered and _COMPARED.search(query.own):
            # "贵州21年的职工董事比22年少吗": one side of a comparison no document is of; the other's figure alone
            # compares nothing
            return self._refuse(query, "unmet", hits=[c.hit for row in found.figures for c in row], what=uncovered)
        if uncovered:
            found = replace(found, detail=found.detail | {"uncovered": uncovered})
        unfigured = self._unfigured_asked(query, found) if found.kind == "figures" else ""
        if unfigured:
            found = replace(found, detail=found.detail | {"unfigured": unfigured})
        if found.kind == "figures" and query.claimed and len(found.figures) > 1 and not self._side_by_side(query):
            # "云南职工董事是617名吧", "考核系数是0.03吧": of each document's figure, the one heard, when only one
            # document's is it (2022's 617名, not beside it 2021's 596名 as if that were asked too)
            heard = [row for row in found.figures if claim_verdict(query.claimed, [row])]
            if len(heard) == 1:
                found = replace(found, figures=tuple(heard))
        return found

    def _unfigured_asked(self, query: Query, found: Evidence) -> str:
        """Of two or more years or regions asked side by side, those a document is of but no figure given is
        ("2023年贵州" of "贵州2023年职工董事有多少，比2022年多多少": the 2023 policy and press report count no 职工董事)."""
        given = [(ch.figure.doc.year, ch.figure.doc.region) for row in found.figures for ch in row]
        return "、".join(f"{y}年{r}" if y else r for y, r in self._side_by_side(query)
                         if self._of(y, r) and not _of_pair(given, y, r))

    def _uncovered_asked(self, query: Query) -> str:
        """Of two or more years or regions asked side by side, those no document is of ("2021年贵州" of "贵州2022年和
        2021年职工董事各多少"): the answer gives the others' figures and says so, not as if all were given."""
        return "、".join(f"{y}年{r}" if y else r for y, r in self._side_by_side(query) if not self._of(y, r))

    @staticmethod
    def _side_by_side(query: Query) -> list[tuple[str, str]]:
        """(year, region) of each pair a question asks side by side (either may be ""), or [] when it asks one."""
        c = query.constraints
        if c.pairs:
            return list(c.pairs)
        years = c.years or ((c.year,) if c.year else ("",))
        regions = c.regions or ((c.region,) if c.region else ("",))
        return [] if len(years) < 2 and len(regions) < 2 else [(y, r) for y in years for r in regions]

    def _of(self, year: str, region: str) -> bool:
        """Whether some document is of this year and region ("": any)."""
        return _of_pair([(d.year, d.region) for d in self.index.documents.values()], year, region)

    def _articles_naming(self, query: Query, found: Evidence) -> list[tuple[str, Hit]]:
        """(article, its first sentence naming it) for each article of the quoted document that names every telling
        word of the question (a term the documents write, of three characters or more); at most three."""
        telling = [w for w in query.subject if len(w) >= 3 and self._is_topic(w) and self._known(w)]
        if not telling or not found.sentences:
            return []
        doc = found.sentences[0].chunk.doc.id
        out: list[tuple[str, int]] = []
        for _, section in self.index.sections_of(doc):
            name = section.split(" › ")[-1].strip()
            if not _ARTICLE.fullmatch(name):
                continue
            naming = [c for c in self.index.sentences_of(doc, section)
                      if all(_covered(w, c.text) or _named_by_synonym(w, c.text, self.lexicon) for w in telling)]
            if naming:
                out.append((name, naming[0].row))
        if not 1 < len(out) <= 3:
            return []
        hits = {h.chunk.row: h for h in self.retriever.hits_for([r for _, r in out], self.retriever.embed_text(query.embedded_text))}
        return [(name, hits[row]) for name, row in out if row in hits]

    def _select_within(self, query: Query, previous_answer: str) -> Evidence:
        if query.intent in NOT_ASKING:
            return Evidence(query.intent, query)
        if query.constraints.unmet:
            # What the knowledge base does have on the same subject, without the constraint it cannot meet.
            nearby = self.retriever.search(query, self.tuning.evidence_depth) if query.subject else []
            return self._refuse(query, "unmet", hits=nearby, what=query.constraints.unmet)
        allowed = self.allowed(query)
        c = query.constraints
        if allowed is not None and not allowed.any() and query.intent == "two_figures" and c.document and c.year \
                and len(query.clauses) == 2 and sum(bool(_TARGET_QUESTION.search(q)) for q in query.clauses) == 1:
            # "贵州22年发展党员里产业工人占比多少，实施意见要求一线比例不低于多少": the year is of what was done, the
            # document named of what it requires; no document is both, each clause is of one (see _done_and_planned)
            unnamed = replace(query, constraints=replace(c, document=""))
            if (mask := self.allowed(unnamed)) is None or mask.any():
                query, allowed = unnamed, mask
        if allowed is not None and not allowed.any():
            return self._refuse(query, "unmet", what=_describe_constraints(query))
        if query.intent == "documents":
            return self._documents(query)
        regions = query.constraints.all_regions
        scopes = {d.scope for d in self.index.documents.values() if not regions or d.region in regions}
        # (the scope's own word, not the kind of body it ends in: "不包括各企业党委的专款" sets aside the 企业党委's
        # money, not the 省属企业)
        beyond = next((w for w in query.excluded if scopes and all(
            w == scope or (w in (scope or "") and not (scope or "").endswith(w)) for scope in scopes)), "")
        if beyond:
            # "全省所有企业（不只是省属的）一共发展了多少…": every document asked of counts 省属企业 only
            return self._refuse_missing(query, [], f"{min(scopes)}以外的统计")
        pending = self.retriever.embed_soon(query)  # (fetched once the keyword lists are scored: Retriever.search)
        if self.subject_mask is not None:
            # First as if the knowledge base held only the documents on its subject, so that material on other
            # subjects beside them changes no answer those documents give; the rest only when they give none.
            # Material on other subjects answers instead only when it clearly answers better.
            within = self._select(replace(query, constraints=replace(query.constraints, on_subject=True)),
                                  previous_answer, pending)
            every = self._select(query, previous_answer, pending)
            elsewhere = every.kind != "refusal" and bool(every.documents) and every.documents[0].id not in self.on_subject
            if elsewhere and (within.kind == "refusal"
                              or every.confidence > within.confidence + self.tuning.other_subject_margin):
                return every
            return replace(within, query=query)
        return self._select(query, previous_answer, pending)

    def _select(self, query: Query, previous_answer: str, pending: Callable[[], np.ndarray]) -> Evidence:
        allowed = self.allowed(query)
        hits = self.retriever.search(query, self.tuning.evidence_depth * 3, allowed, pending=pending,
                                     meanwhile=self.read_ahead(query, previous_answer))
        vector = pending()
        seen = NUMBER_SEEN.search(query.text) if not query.context else None
        if seen:
            return self._number_seen(query, hits, vector, seen)
        if hits and _APPLIES_ASKED.search(query.own) and (query.constraints.document or query.constraints.kind
                                                          or _WORKPLACE.search(query.own)):
            # "贵州那个意见管不管民营企业", "实施意见管哪些企业": whom a document applies to, as it says itself
            # ("本意见适用于全省各类企业…"), when one of those found does
            stated = self._stated(hits, _APPLIES_STATED)
            if stated is not None:
                return Evidence("sentences", query, sentences=(stated,), confidence=1.0)
        if hits and _BASIS_ASKED.search(query.text) and (query.constraints.document or query.constraints.kind):
            # "贵州实施意见是依据中央哪个方案定的": what a document says it carries out, as it says itself ("为深入贯彻
            # 落实党中央、国务院《新时期产业工人队伍建设改革方案》…"), when one of those found does
            stated = self._stated(hits, _BASIS_STATED)
            if stated is not None:
                return Evidence("sentences", query, sentences=(stated,), confidence=1.0)
        if hits and (_GIST.search(query.text) or _GIST.search(query.continued)) and not _OUTLINE.search(query.own):
            # "这份报告主要讲了啥", "用一句话概括一下", "总的来说效果咋样": the parts the document is written in, then
            # what its opening says of the whole ("…各项工作取得新成效")
            gist = self._gist(hits)
            if gist:
                return Evidence("sentences", query, sentences=gist, confidence=1.0)
        if hits and _OPENING.search(query.own) and (_DOCUMENT_WORD.search(query.text) or query.constraints.document):
            # "报告开头那段主要说了个啥": the sentences of its opening, before its first heading
            opening = self._opening(hits)
            if opening:
                return Evidence("sentences", query, sentences=opening, confidence=1.0)
        if hits and _OUTLINE.search(query.own):
            # "这份报告分哪五个方面来写的", "报告的框架是什么": the document's parts, its top-level headings in order.
            # (of the kind of document named first: "贵州报告第一部分讲啥" is the report's, not the policy's)
            kind = next(iter(_KIND_NAMED.findall(query.own)), "")
            outline = self._outline(sorted(hits, key=lambda h: not (kind and names_document(h.chunk.doc.title,
                                                                                             h.chunk.doc.kind, kind))))
            part = _NTH_OF_OUTLINE.search(query.own)
            if part and outline:
                # ("报告第四个方面讲的是啥": that part, the first sentence under each of its sub-points)
                n = _ordinal(part.group(1))
                n = len(outline) if n == -1 else n
                expanded = self._heading_expanded(outline[n - 1].chunk) if 1 <= n <= len(outline) else ()
                if expanded:
                    return self._part_evidence(query, expanded)
                return self._refuse_missing(query, hits, part.group(0))
            if outline:
                return Evidence("sentences", query, sentences=outline, confidence=1.0)
        foreign = self._only_another_regions(query)
        if foreign:
            # "云南职工书屋呢": only 贵州's documents write 职工书屋; 云南's say nothing of it (not their 职工驿站)
            refused = self._refuse(query, "no_answer", hits=hits)
            return replace(refused, detail=refused.detail | {"unknown": [foreign], "known": [
                w for w in refused.detail.get("known", []) if w not in foreign]})
        article = _ARTICLE.search(query.text)  # (第10条 is no word, yet names 第十条 when a document has it)
        if not hits or not _WORDY.search(query.text) or not (
                self._knows_any_word(query) or (article and self._has_article(query, article.group(0)))
                or self._pointed_article(query, hits, previous_answer)
                or (query.intent == "source" and self._sentence_of_number(query, hits))
                # ("这报告是谁写的": who issued the document it names by its kind, which holds no other word)
                or (query.intent == "issuer" and _KIND_NAMED.search(query.own)
                    and all(len(w) < 2 or w in verbs() for w in query.subject))):  # "123", "？？"
            return self._refuse(query, "unknown")  # nothing in the knowledge base is close: no suggestions
        if query.intent not in ("figure", "two_figures") and query.context and previous_answer \
                and BESIDES_SAID.search(query.own):
            # "除了这些，还搞了些哪样服务活动": besides what the answer before quoted, so not its sentences again
            said = _text_key(previous_answer)
            hits = [h for h in hits if _text_key(h.chunk.text) not in said] or hits
        if query.intent in ("list", "fact") and query.context and previous_answer and not query.narrows \
                and not any(len(w) >= 2 for w in query.subject):
            # "分别是哪些" after "定了几条措施": the items the sentence just quoted lists.
            quoted = self._quoted_first(previous_answer, query)
            if quoted is not None and _ENUMERATION.search(quoted.chunk.text):
                # (unless it asks what the sentence does not say of them: "贵州这几家是谁评的")
                found = Evidence("sentences", query, sentences=(quoted,), confidence=1.0)
                missing = self._missing_aspect(query, found)
                return self._refuse_missing(query, hits, missing) if missing else found
        if query.intent in ("list", "fact") and query.context and previous_answer and REFERRING.search(query.own) \
                and _EFFECT_ASKED.search(query.own):
            # "这样做有什么效果" after an answer quoting "…挂起钩来,实现了产改工作“软指标”到“硬约束”的转变": the result
            # the sentence just quoted states is the effect of what it did.
            quoted = self._quoted_first(previous_answer, query)
            if quoted is not None and _RESULT_STATED.search(quoted.chunk.text):
                return Evidence("sentences", query, sentences=(quoted,), confidence=1.0)
        if query.context and previous_answer and INCLUDED_ASKED.fullmatch(query.own.strip()):
            # "民营企业算不算" after "本意见适用于全省各类企业…": the sentence that said which ones it covers
            quoted = self._quoted_first(previous_answer, query)
            if quoted is not None and _SCOPE_STATED.search(quoted.chunk.text):
                return Evidence("sentences", query, sentences=(quoted,), confidence=1.0)
        if query.context and previous_answer and query.intent != "source" and WHICH_ARTICLE.search(query.text) \
                and (REFERRING.search(query.text) or not query.subject):
            # "这是第几条" after an answer quoting a policy's sentence: the article that sentence is of
            quoted = self._quoted_first(previous_answer, query)
            if quoted is not None and (_ARTICLE.search(quoted.chunk.section) or (
                    _WHICH_PART.search(query.text) and " › " in quoted.chunk.section)):
                return Evidence("sentences", query, sentences=(quoted,), confidence=1.0)
        mention = _MENTION_ASKED.search(query.own) if query.intent not in ("figure", "two_figures") else None
        has = (_HAS_ASKED.search(query.own) or _GET_ASKED.search(query.own)) \
            if query.intent not in ("figure", "two_figures") else None
        if has and _ANY_KIND.search(has.group(has.lastindex)):
            has = None  # ("单位有啥子路子没得", "有没有把我们这种人登记起来": what there is of a kind, asked)
        if (mention or has) and not (query.meant or query.stand_ins):
            # "报告里有没有提到“新八级工”制度": what is asked to be mentioned, when the knowledge base never writes most
            # of it, is not mentioned (whatever sentence is nearest). "有没有投票权": what is asked to be there, when the
            # knowledge base writes none of it, it cannot say is ("有没有这方面的活动" asks of what it writes).
            asked = mention or has
            words = [w for w in self.lexicon.words_of(asked.group(asked.lastindex))
                     if self._is_topic(w) and not REFERRING.search(w)]
            weights = {w: self.weight(w) for w in words}
            unwritten = [w for w in words if not self._known(w)]
            scoped = query.constraints.all_regions or query.constraints.document
            allowed = self.allowed(query) if scoped else None
            texts = [c.text for c in self.index.chunks.many(np.flatnonzero(allowed).tolist())] \
                if allowed is not None else []
            if allowed is not None and mention:
                # (by the documents asked of: "云南的报告提到过法律援助吗" is not answered by 贵州's 法律援助)
                unwritten = [w for w in words if not any(self._says(w, t) for t in texts)]
            elsewhere = self._written_elsewhere(asked.group(asked.lastindex), texts) if allowed is not None else ""
            if elsewhere:
                # "云南有没有搞新八级工": a thing other documents write (贵州's 新八级工), none of those asked of
                refused = self._refuse(query, "no_answer", hits=hits)
                return replace(refused, detail=refused.detail | {"known": [], "unknown": [elsewhere]})
            share = 1.0 if has and not mention else self.tuning.unknown_topic_blind_share
            if unwritten and sum(weights[w] for w in unwritten) >= share * sum(weights.values()):
                refused = self._refuse(query, "no_answer", hits=hits)
                known = [w for w in refused.detail.get("known", []) if w not in unwritten]
                return replace(refused, detail=refused.detail | {"known": known, "unknown": unwritten})
        if _ONE_OF_OURS.search(query.own):
            # "我们车间那个劳模是不是人大代表": one person the asker knows, whom no document names
            return self._refuse_missing(query, hits, "具体个人的情况")
        if _SELF_CHOSEN.search(query.own):
            # "我能不能去竞选职工董事", "能不能推荐我去评省劳模": whether the asker would be chosen, which no document
            # decides (they say how many were chosen, and how): not a count, nor a how-to, is the answer
            return self._refuse_missing(query, hits, "对个人能否入选的判断")
        qualifies = _SELF_QUALIFIES.search(query.own)
        if qualifies and not _ASKS_OTHERWISE.search(query.own[: qualifies.start()]):
            # "我想报名，我够不够格啊", "那我们单位能申请吗": the same, for the asker or the asker's own unit (unless a
            # clause before it asks what the documents do say: "职工董事怎么选出来的，我能报名吗")
            return self._refuse_missing(query, hits, "对具体单位能否申请的判断" if qualifies.group(1) else
                                        "对个人或家庭具体情况的判断" if qualifies.group("family") else "对个人能否入选的判断")
        # (the name itself, "二十大代表的名字告诉我", is asked whatever the conversation counted before)
        by_name = _NAME_ASKED.search(query.own)
        who = _WHO.search(query.own) if query.intent not in ("figure", "two_figures") or by_name else None
        if who and not any(_NAMED_PERSON.search(h.chunk.text) or (who.group("role") and not by_name and re.search(
                rf"(?:任|担任){who.group('role')}", h.chunk.text)) for h in hits[: self.tuning.evidence_depth]):
            # "推进会是哪个领导主持的": no sentence near the question names anyone; what it does say is not the answer
            # (unless it says who holds the post asked: "由委党委主要负责同志任组长").
            return self._refuse_missing(query, hits, "具体人员的姓名")
        # (or a follow-up that names an article and counts nothing: "具体讲讲第十五条" after a figure)
        article = _ARTICLE.search(query.text) if query.intent not in ("figure", "two_figures") or (
            query.context and _ARTICLE.search(query.own) and not QUANTITY.search(query.own)) or (
            # ("第十九条定的目标是多少": the figures of that article, whatever they count)
            _ARTICLE.search(query.own) and all(_ARTICLE.fullmatch(w) or len(w) < 2 or w in _ANY_FIGURE
                                               for w in query.subject)) else None
        nth = _NTH_ITEM.search(query.own)
        if article and nth and re.search(r"(?<!第)[\d一二两三四五六七八九十]+(?:条|项|点|种|类)", query.own[: nth.start()]):
            article = None  # ("5条具体措施 第一条是啥": the first of the five measures named, no policy's article)
        named = article.group(0) if article else self._pointed_article(query, hits, previous_answer)
        quoted = self._article(query, hits, named) if named else ()
        if quoted:
            return Evidence("sentences", query, sentences=quoted, confidence=1.0)
        if named and not self._has_article(query, named):
            # "实施意见第二十五条讲的是什么" of a text with twenty-four: no other article's sentences answer it
            return self._refuse_missing(query, hits, named)
        if query.intent in ("figure", "two_figures"):
            found = self._figures(query, hits, vector, previous_answer)
            if found.kind == "figures":
                # "贵州的云岭工匠创新工作室有几个": 云岭工匠 is 云南's name; 贵州's 黔灵工匠创新工作室 is not it.
                apart = {n: self._named_for_another_region(query, row) for n, row in enumerate(found.figures)}
                kept = tuple(row for n, row in enumerate(found.figures) if not apart[n])
                if not kept:
                    foreign, region = apart[0], found.figures[0][0].figure.doc.region
                    refused = self._refuse(query, "no_figure", hits=hits)
                    return replace(refused, detail=refused.detail | {"unknown": [f"{region}的{foreign}"], "known": [
                        w for w in refused.detail.get("known", []) if w != foreign]})
                found = replace(found, figures=kept)
            if found.kind == "refusal" and found.refusal == "no_figure" and (
                    _HOW_OFTEN.search(query.own) or (_HOW_OFTEN.search(query.continued) and re.fullmatch(
                        r"(?:那|那么)?的?(?:呢|咧|嘞|啊)?\W*", query.own))):  # (or "云南22年的呢" after one)
                # "职工技能大赛多久办一次": a rate is often written in words ("每两年举办1次"), not as a figure the
                # question's words name: the sentence that says it answers, if it states a rate (a year's total,
                # "召开职代会728次", does not say how often).
                said = self._sentences(query, self.with_sections(hits, vector, self.allowed(query)), vector)
                # (of what is asked: "健康体检一年搞几次" is not answered by 每年召开1—2次专题会议)
                noun = (query.asked[:1] or ("",))[0]
                rates = tuple(h for h in said.sentences if _RATE.search(h.chunk.text) and not self._not_of_topic(
                    query, noun, f"{h.chunk.section} {h.chunk.text}", hits)) if said.kind == "sentences" else ()
                if rates and rates[0] == said.sentences[0]:
                    found = replace(said, sentences=rates)
                elif re.search(r"(?<!每)一年[^，。？?！!]{0,8}(?:几|多少)[次回]", query.own) \
                        and not re.search(r"会[^，。？?！!]{0,3}一年|开[^，。？?！!]{0,3}(?:几|多少)[次回]", query.own):
                    # "劳动竞赛一年搞多少次": no rate is written, but a report's count of its one year answers how many
                    # in a year ("2022年,省属企业开展各类劳动竞赛和技术比武15463次"); not of a meeting each body holds
                    # ("职代会一年开几次": how often each meets, which 728次 at every level of every enterprise is not)
                    plain = re.sub(r"(?<!每)一年", "", query.own)
                    counted = self._figures(replace(query, text=plain, own=plain), hits, vector, previous_answer)
                    if counted.kind == "figures" and all(
                            re.search(r"(?:19|20)\d{2}年", row[0].figure.sentence) and not _is_rule(row)
                            for row in counted.figures):
                        found = counted
            missing = self._missing_aspect(query, found)
            if missing:
                return self._partly_answered(query, found, missing) or self._refuse_missing(query, hits, missing)
            return found
        if query.intent == "when":
            found = self._when(query, hits, vector, previous_answer)
            if found.kind == "when" and _DAY_ASKED.search(query.own) and not re.search(r"\d月", found.when or ""):
                # "啥时候制定的，几月几号", "那场宣讲具体是哪天": the year the report is of does not say the day asked.
                return self._refuse_missing(query, hits, "具体日期")
            if found.kind == "when" and _HOUR_ASKED.search(query.own) \
                    and not any(_HOUR_STATED.search(h.chunk.text) for h in found.sentences):
                return self._refuse_missing(query, hits, "具体时间")  # ("推进会几点开始的": a date says no hour)
            if found.kind == "when" and _WHERE.search(query.own) \
                    and not any(self._names_place(h.chunk.text, cities=True) for h in found.sentences):
                # "…大赛是啥时候、在哪里办的": the year a report is of says neither when nor where it was held.
                return self._refuse_missing(query, hits, "具体时间和地点")
            return found
        if query.intent == "issuer":
            return self._issuer(query, hits, vector, previous_answer)
        if query.intent == "source":
            return self._source(query, hits, vector, previous_answer)
        defined = self._definition(query, hits, vector)
        if defined is not None:
            return defined
        found = self._sentences(query, self.with_sections(hits, vector, allowed), vector)
        if _WHAT_FOR.search(query.own) and found.kind == "sentences" and not re.search(r"\d", query.own) \
                and not any(_REASON_STATED.search(h.chunk.text) or _PURPOSE_STATED.search(h.chunk.text) for h in found.sentences):
            # "师带徒是为了啥": what it is for, said by a sentence under the same sub-point (…引导产业工人…拜师学艺),
            # before the count beside it (共签订师徒合同4883份)
            first = found.sentences[0].chunk
            said = [c for c in self.index.sentences_of(first.doc.id, first.section)
                    if _REASON_STATED.search(c.text) or _PURPOSE_STATED.search(c.text)]
            said = self.retriever.hits_for([c.row for c in said[:1]], vector)
            if said and said[0].chunk.id not in {h.chunk.id for h in found.sentences}:
                found = replace(found, sentences=(said[0], *found.sentences))
        beyond = _NTH_OF_KIND.search(query.own)
        if beyond and found.kind == "sentences":
            # "职代会第四大职权是什么" where the sentence says 三大职权: there is no fourth to give
            n, measure, noun = _ordinal(beyond.group(1)), beyond.group(2), beyond.group(3)
            counted = [_ordinal(m.group(1)) for h in found.sentences[:3] for m in re.finditer(
                rf"(?<![第\d一二两三四五六七八九十])([一二两三四五六七八九十\d]{{1,2}}){measure}[\u4e00-\u9fff]{{0,3}}?{noun[-2:]}",
                h.chunk.text)]
            if counted and all(0 < c < n for c in counted):
                return self._refuse_missing(query, hits, beyond.group(0))
        if query.intent in ("list", "fact") and found.kind == "sentences" and len(found.sentences) == 1:
            # "思想引领这块主要干了哪几件事", "素质提升主要靠啥": the part of a report it names (二是强化思想引领…), then
            # the first sentence under each of its sub-points, not the heading alone
            items = self._part_items(found.sentences[0].chunk)
            found = Evidence("steps", replace(query, intent="list"), steps=items, confidence=found.confidence,
                             detail={"part": found.sentences[0].chunk.text}) if items else found
        missing = self._missing_aspect(query, found)
        if missing == "具体地点":
            # Where is asked, and the likeliest sentences name no place: a sentence that does answer, if one of those
            # found is likely enough by itself ("推进会在哪开的" of several documents: the press report's "在贵阳召开…
            # 推进会", though the reports' "推进会议精神" rank first).
            placed = [h for h in hits if self._names_place(h.chunk.text, cities=True)]
            if placed:
                again = self._sentences(query, self.with_sections(placed, vector, allowed), vector)
                if again.kind == "sentences" and not self._missing_aspect(query, again):
                    return again
        if missing:
            return self._partly_answered(query, found, missing) or self._refuse_missing(query, hits, missing)
        return found

    def _partly_answered(self, query: Query, found: Evidence, missing: str) -> Evidence | None:
        """Two questions in one message, one of them about what the documents do not say ("云南省职工创新工作室有多少，
        申报找哪个部门"): the count found for the other, and that the first is not in them. Only where the clause
        answered asks how many and names a thing of its own (not "哪家企业劳模最多，有几个", whose count is of the one
        asked first)."""
        if found.kind != "figures" or query.context:
            return None  # (a count found for a clause that asks one; not a how-to or a sentence, which the aspect
            # missing is usually of: "我想进工作室，要啥条件，怎么报名")
        clauses = [c for c in re.split(r"[，,；;。？?！!\s]+", query.own) if c]
        if len(clauses) < 2:
            return None
        def things(clause: str) -> list[str]:
            return [w for w in self.lexicon.words_of(clause)
                    if len(w) >= 2 and w not in verbs() and self._known(w) and w not in self._scopes]
        lacking = [c for c in clauses if self._missing_aspect(replace(query, own=c), found)]
        answered = [c for c in clauses if c not in lacking and re.search(r"多少|几", c) and things(c)]
        if not lacking or not answered:
            return None
        if any(set(things(c)) & set(things(a)) for c in lacking if re.search(r"多少|几", c) for a in answered):
            # (nor where the clause lacking asks the count of the very thing the other counts, as it truly turned out:
            # "说到2025年要培养多少万高技能人才…？…2025年贵州到底实际培养出多少高技能人才了": the target is no answer)
            return None
        # (and the rest is only about what was found: "我想…弄个劳模创新工作室，咋申请？能给多少经费" asks money for the
        # studio, which the 慰问 sentence found for 经费 is not)
        texts = [c.hit.chunk.text for row in found.figures for c in row]
        if not all(any(_covered(w, t) for t in texts) for c in clauses if c not in answered for w in things(c)
                   if w in self._labels):
            return None
        return replace(found, detail=found.detail | {"unanswered": missing})

    def _number_seen(self, query: Query, hits: list[Hit], vector: np.ndarray, seen: re.Match) -> Evidence:
        """"617是啥的数", "0.05的权重是哪个省的考核", "4家单位是干嘛的": a number seen, asked what it counts. The
        sentences that write it (of the documents the question allows, latest first) say what it counts, whose it is and
        of when; a number no document writes ("700个是什么") is said to be written nowhere."""
        number, unit = seen.group("num"), seen.group("unit") or ""
        values = [number, f"{number}万", f"{number}余", f"{number}多"]
        allowed = self.allowed(query)
        found = [(chunk, figure) for value in values for chunk, figure in self.index.figures.valued(value)
                 if (allowed is None or allowed[chunk]) and (not unit or figure.unit.startswith(unit.lstrip("万"))
                                                             or figure.text.startswith(f"{number}{unit}"))]
        if not found:
            return self._refuse_missing(query, hits, f"“{number}{unit}”这个数")
        chunks = list(dict.fromkeys(chunk for chunk, _ in sorted(
            found, key=lambda cf: cf[1].doc.year or "0", reverse=True)))[: self.tuning.quotes]
        quoted = self.retriever.hits_for(chunks, vector)
        order = {chunk: n for n, chunk in enumerate(chunks)}
        quoted.sort(key=lambda h: order.get(h.chunk.row, 0))
        return Evidence("sentences", query, sentences=tuple(self._readable(h) for h in quoted), confidence=1.0)

    def _definition(self, query: Query, hits: list[Hit], vector: np.ndarray) -> Evidence | None:
        """"产改到底是啥意思", "劳模创先工作室联盟是个啥": what a term means, as the documents use it.
        - A sentence found that introduces it as a short name ("…改革工作(以下简称“产改工作”)") or says what it is
          ("…是指…") is the answer;
        - a term no document writes (新八级工, asked of the 云南 report alone) is refused, not answered by whatever
          sentence is nearest;
        - so is one that the sentences found only count or name in a title ("劳模创先工作室联盟5个", 《…“党建带群建”项目
          清单》): they say it exists, not what it is.
        None when the question asks no meaning, or the documents may well say it."""
        if query.intent not in ("list", "fact") or query.context or query.meant or query.stand_ins:
            return None
        found = _WHAT_IS.search(query.own)
        if not found:
            return None
        term = (found.group("term") or found.group("after")).strip("“”\"'‘’ ")
        if len(term) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", term) or _NOT_A_TERM.search(term):
            return None
        grams = _word_bigrams(term)
        if len(term) >= 3 and sum(g not in self.index.bigram.idf for g in grams) * 2 >= len(grams):
            # (a term most of which is written nowhere; not a two-character word, which may be a worker's own short
            # form, nor a term written a character or two otherwise, which the sentences found may well name)
            refused = self._refuse(query, "no_answer", hits=hits)
            return replace(refused, detail=refused.detail | {"known": [], "unknown": [term]})
        if not self._known(term):
            return None
        holding = [h for h in hits[: self.tuning.evidence_depth * 2] if term in h.chunk.text]
        said = re.compile(rf"简称[“\"]?{re.escape(term)}|{re.escape(term)}[”\"]?(?:是指|指的是|即)")
        introduced = next((h for h in holding if said.search(h.chunk.text)), None)
        if introduced is not None:
            return Evidence("sentences", query, sentences=(self._readable(introduced),), confidence=1.0)

        def named_only(text: str) -> bool:
            # (written only in a title; or counted wherever it is written, in a sentence that is a tally, each of its
            # clauses but a short opening one a count: "截至目前,各省属企业共有…23个,…联盟5个,…", not "改善一线工人生产
            # 生活条件,共建立职工驿站157个…", which says what they are for)
            rest = _TITLE.sub("", text)
            counted = all(re.match(r"[”\"]?\d", rest[m.end():]) for m in re.finditer(re.escape(term), rest))
            said = [c for c in re.split(r"[,，;；、。]", rest) if c and not re.search(r"\d", c)]
            return term not in rest or (counted and all(len(c) <= 6 for c in said))
        if holding and all(named_only(h.chunk.text) for h in holding):
            return self._refuse_missing(query, hits, f"{term}的含义（只提到了它的名称或数量）")
        return None

    @staticmethod
    def _no_contact(query: Query, texts: list[str]) -> bool:
        """Whether a phone number, a password, an address online… is asked, and the texts quoted do not write it."""
        contact = _CONTACT.search(query.own)
        return bool(contact) and not any(contact.group(0).lower() in t.lower() for t in texts)

    def _missing_aspect(self, query: Query, found: Evidence) -> str:
        """What a question asks of its topic that the sentences chosen to answer it do not give ("" if none): how to
        apply, where, which is best, what was actually done. The documents say what there is: "我屋头困难咋个申请帮扶"
        is not answered by the help there is, nor "那个试点基地在哪个城市" by a sentence that names no place."""
        texts = [c.hit.chunk.text for row in found.figures for c in row] + [h.chunk.text for h in found.sentences]
        if _PAGE_ASKED.search(query.own) and not any("页" in t for t in texts):
            return "页码"  # ("这份报告第几页讲的职代会": the documents are indexed as text, without pages)
        if ROSTER_ASKED.search(query.own) and not any(_ENTERPRISE_NAMED.search(t) or _NAMED_PERSON.search(t) for t in texts):
            return "具体名单"  # ("那80多家全省文明单位名单有吗": the report counts them, and names none)
        if _MOST_OF_KINDS.search(query.own) and not any(_ranks(t) for t in texts):
            # ("参与人次最多的是哪类竞赛": the report gives 62572人次 of all kinds together, none of each kind)
            return "各类别的具体数字"
        if _EQUIPPED_ASKED.search(query.own) and not any(_EQUIPPED_STATED.search(t) for t in texts):
            return "具体配置"  # ("母婴室里都配了啥": the report counts 146个, and says nothing of what is in them)
        if _SEX_ASKED.search(query.own) and not any(re.search(r"[女男]", t) for t in texts):
            return "男女各自的人数"  # ("职工董事女的有几个": 617名 counts all of them, and no sentence counts by sex)
        if found.kind == "figures":  # a figure says where or which best in its sentence's words only if asked so
            quoted = [(c.hit.chunk.text, c.figure.doc.id) for row in found.figures for c in row]
            if self._no_contact(query, [t for t, _ in quoted]):
                return "联系方式等具体信息"  # ("驿站的wifi密码是多少": not its count)
            if (_PER_PERSON.search(query.own) and all(c.figure.unit.endswith("元") for row in found.figures for c in row)
                    or MY_SHARE.search(query.own)) \
                    and not any(_PER_PERSON_STATED.search(c.figure.sentence) for row in found.figures for c in row):
                # "这些钱分到每个人头上是多少", "像我这种情况能申请到好多钱": what one person gets, which a total sum
                # (360万元 to all) does not say
                return "每人能领到的具体金额"
            if _APPLY.search(query.own) and not any(_PROCEDURE.search(t) for t, _ in quoted):
                # "我想在我们分公司弄个劳模创新工作室，咋申请？能给多少经费": no figure says how to apply
                return "具体申请办法"
            if _RULE_ASKED.search(query.own) and not any(_RULE_STATED.search(t) or self.of_rules(doc) for t, doc in quoted):
                return "相关规定"  # ("云南有没有规定一年至少开几次": what a report counts is no rule)
            if (_WHICH_ENTERPRISE.search(query.own) or _WHICH_ENTERPRISES.search(query.own)) \
                    and not any(_ENTERPRISE_NAMED.search(t) for t, _ in quoted):
                return "具体企业名称"  # ("哪家省属企业签的师徒合同最多": the total of all says which of them none)
            # (not a date: "23年4月在贵阳开的那个推进会，有几家单位作了交流发言" asks 4家, whatever month it names)
            told = set(re.findall(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.]|\s*[年月日号])", query.own))
            if told and not query.claimed and not _CHECKED.search(query.text) and re.search(r"多少|几", query.own) \
                    and all(c.figure.value in told for row in found.figures for c in row):
                # "职工驿站157个里面，2022年当年新建了几个": the figure the asker already gave is not what they ask (a
                # part of it, which no sentence counts); one put to be confirmed is ("是157个吧"), and one asked about
                # is not asked again ("报告里说的0.03是个啥系数，跟啥挂钩的": what it is, which its sentence says)
                return "其中的具体数字"
            actual = "实际" in query.own and all(_TARGET_SENTENCE.search(t) or self.of_rules(doc) for t, doc in quoted)
            return "实际完成情况" if actual else ""  # ("实际培养了多少，完成12万的目标没": 12万 is the target)
        if found.kind == "steps":
            quoted = [(f"{i.heading} {i.chunk.text}", i.chunk.doc.id) for i in found.steps]
        elif found.kind == "sentences":
            quoted = [(h.chunk.text, h.chunk.doc.id) for h in found.sentences]
        else:
            return ""
        texts = [t for t, _ in quoted]
        asked_levels = self.levels(query.own)
        # (a province's own title is of its level: 云南省职工技师工作站 is 省里挂牌的)
        written = [self.levels(t) | ({"省"} if self._province_named(t) else set()) for t in texts]
        if asked_levels and all(levels and not levels & asked_levels for levels in written):
            # "国家级的呢" after the 省级产改工作示范点: sentences of another level only
            return self._level_names.search(query.own).group(0)  # ("没有关于“国家级”的内容")
        if (_PER_PERSON.search(query.own) or MY_SHARE.search(query.own)) and _MONEY_ASKED.search(query.own) \
                and not any(_PER_PERSON_STATED.search(t) for t in texts):
            return "每人能领到的具体金额"  # ("慰问金一户能拿几百块还是几千块": 360万元 to all says none)
        if _APPLY.search(query.own) and not any(_PROCEDURE.search(t) for t in texts):
            return "具体申请办法"
        if _FEE_ASKED.search(query.own) and not any(_FEE_STATED.search(t) for t in texts):
            return "收费标准"  # ("会暖春芽托管班怎么收费": the class is written, what it costs is not)
        if _SPEECH_ASKED.search(query.own) and all(_SPOKE.search(t) and not _SAID_WHAT.search(t) for t in texts):
            return "具体发言内容"  # ("…交流发言具体讲了什么经验": "…等4家单位作了交流发言" says who spoke, not what)
        if _BECOME_ASKED.search(query.own) and not any(_HOW_STATED.search(t) for t in texts):
            return "具体条件和办法"  # ("我一个焊工，怎么才能考上高级技师": not how many 技师 there are)
        if "实际" in query.own and all(_TARGET_SENTENCE.search(t) or self.of_rules(doc) for t, doc in quoted):
            return "实际完成情况"  # ("2023年贵州实际评了哪些黔灵工匠": the policy says how many are to be named)
        if _TARGET_ASKED.search(query.own) and not any(_TARGET_SENTENCE.search(t) for t in texts):
            return "具体目标"  # ("云南有没有定这样的目标": what a report says was done sets no target)
        if _RULE_ASKED.search(query.own) and not any(_RULE_STATED.search(t) or self.of_rules(doc) for t, doc in quoted):
            return "相关规定"  # ("云南那边呢，任期有规定吗": what a report says was done is no rule)
        if _ADDRESS.search(query.own) and not any(self._names_place(t, cities=True) for t in texts):
            return "具体地点"  # (how to get there is no way to do anything: "技师工作站怎么走")
        if self._no_contact(query, texts):
            return "联系方式等具体信息"  # ("工会的电话", "母婴室的联系方式": what no document writes)
        if found.kind == "steps":
            return ""
        if _WHERE.search(query.own) and not any(self._names_place(t) for t in texts):
            return "具体地点"
        # (哪些企业 too, of what reports say was done: "哪些企业还没建职代会"; of a rule it asks which kinds)
        which = _WHICH_ENTERPRISE.search(query.own) or (
            _WHICH_ENTERPRISES.search(query.own) and not any(self.of_rules(doc) for _, doc in quoted))
        if which and not any(_ENTERPRISE_NAMED.search(t) for t in texts):
            return "具体企业名称"  # ("全国示范性的那个是哪家企业的": the report counts it and names no enterprise)
        if _BEST.search(query.own) and not any(_RANKED.search(t) for t in texts):
            return "评比或排名"  # ("会上哪家单位发言讲得最好": the report says who spoke, not who spoke best)
        if _PAID.search(query.own) and not any(_PAID.search(t) for t in texts):
            return "具体待遇"  # ("选上了有没有额外工资拿": what the 职工董事 sentence says is how they are elected)
        if _PAYER_ASKED.search(query.own) and not any(_PAYER_STATED.search(t) for t in texts):
            return "费用由谁承担"  # ("体检费是公司出还是我们自己出": "…健康体检等品牌服务活动" says who pays none)
        if _AGENT_ASKED.search(query.own) and not any(_AGENT_STATED.search(t) for t in texts):
            return "由谁评定或选出"  # ("贵州这几家是谁评的": "…3户省属企业被确定为…示范单位" says by whom none)
        if _ACHIEVED_ASKED.search(query.own) and texts and all(_TARGET_SET.search(t) and not _DONE_STATED.search(t) for t in texts):
            return "目标的完成情况"  # ("培养12万高技能人才的目标完成了没": the policy sets the target and says nothing of it met)
        if _WHY.search(query.own) and not any(_REASON_STATED.search(t) for t in texts):
            return "具体原因"  # ("为啥职工监事比职工董事还多": the report gives both counts and no reason)
        if query.excluded and all(_names_only(t, query.excluded) for t in texts):
            return "其余的具体名单"  # ("除了黔磷化工和乌蒙煤电，另外两家是哪个": "黔磷化工集团、乌蒙煤电集团等4家")
        inside = _CONTENTS_ASKED.search(query.own) if not _WHAT_THING.search(query.own) else None
        if inside and inside.group(1) == "东西" and _TOLD_OF.search(query.own[: inside.start()]):
            inside = None  # (what is made public or written is matters, no goods: "厂务公开要公开哪些东西")
        if inside and not any(inside.group(1) in t for t in texts):
            # ("驿站里面一般有些啥子设施": the report counts the 驿站 and says nothing of what is inside)
            return "具体" + {"东西": "物品"}.get(inside.group(1), inside.group(1))
        asked = _CONDITIONS_ASKED.search(query.own)
        if asked and not any(_CONDITIONS_STATED.search(_CONDITIONS_REFERRED.sub("", t)) for t in texts):
            # ("评工程师职称要满足哪些条件": "符合条件的…可参加" names none)
            return "具体计算办法" if re.search(r"公式|计算|算法", asked.group(0)) else "具体条件"
        return ""

    def _article(self, query: Query, hits: list[Hit], article: str) -> tuple[Hit, ...]:
        """"实施意见第十九条定的是什么": the article's own sentences, up to the next article or chapter, whatever its
        words (empty when no hit opens with it)."""
        number = _article_number(article)

        def opens(chunk: Chunk) -> bool:  # (第10条 asked is 第十条 written)
            found = _ARTICLE.match(chunk.text)
            return found is not None and _article_number(found.group(0)) == number

        named = [h for h in hits if not query.constraints.document or _names(h.chunk.doc, query.constraints.document)]
        cited = next((h for h in named if opens(h.chunk)), None)
        if cited is None:  # (not among the hits: the article of the likeliest document the filters let through)
            cited = next((Hit(c, h.score, h.dense, h.keyword, h.bigram) for h in named[: self.tuning.evidence_depth]
                          for c in self._chunks_of(h.chunk.doc.id) if opens(c)), None)
        if cited is None:
            return ()
        quoted = []
        for position in range(cited.chunk.position, cited.chunk.position + self.tuning.list_quotes + 1):
            chunk = self.index.chunk_at(cited.chunk.doc.id, position)
            if chunk is None or (position > cited.chunk.position and re.match(r"第.{1,5}[条章]", chunk.text)):
                break
            if chunk.kind == "sentence" and _WORDY.search(chunk.text.removeprefix(article)):
                quoted.append(Hit(chunk, cited.score, cited.dense, cited.keyword, cited.bigram))
        return tuple(quoted)

    def _pointed_article(self, query: Query, hits: list[Hit], previous_answer: str) -> str:
        """An article named by where it stands, as written ("第十七条"): a policy's last ("贵州意见最后一条讲啥"), or,
        after an answer quoting an article, the one after or before it ("下一条呢"); "" when none is pointed at."""
        if _LAST_ARTICLE.search(query.own) and (query.constraints.document or _POLICY_NAMED.search(query.text)):
            return self._last_article(query, hits)
        step = _NEXT_ARTICLE.search(query.own)
        if not (step and query.context and previous_answer):
            return ""
        quoted = self._quoted_first(previous_answer, query)
        cited = _ARTICLE.search(quoted.chunk.section) if quoted is not None else None
        if cited is None:
            return ""
        number = _article_number(cited.group(0))
        if not number.isdigit():
            return ""
        return self._article_as_written(quoted.chunk.doc.id, str(int(number) + (1 if step.group(1) in "下后" else -1)))

    def _last_article(self, query: Query, hits: list[Hit]) -> str:
        """The last article (as written, "第二十四条") of the likeliest document the question may be about that has
        articles; "" when none has."""
        docs = dict.fromkeys(h.chunk.doc.id for h in hits[: self.tuning.evidence_depth]
                             if not query.constraints.document or _names(h.chunk.doc, query.constraints.document))
        doc = next((d for d in docs if self._articles_of(d)), "")
        if not doc:
            return ""
        return self._article_as_written(doc, max(self._articles_of(doc), key=lambda n: int(n) if n.isdigit() else -1))

    def _article_as_written(self, doc_id: str, number: str) -> str:
        """The article of that number ("17") as its document writes it ("第十七条"); "" when it has none."""
        return next((m.group(0) for c in self._chunks_of(doc_id) for m in [_ARTICLE.match(c.text)]
                     if m and _article_number(m.group(0)) == number), "")

    def _has_article(self, query: Query, article: str) -> bool:
        """Whether a document the question may be about has an article of that number (第25条 is 第二十五条)."""
        number = _article_number(article)
        docs = [d for d in self.index.documents.values()
                if not query.constraints.document or _names(d, query.constraints.document)]
        return any(number in self._articles_of(d.id) for d in docs)

    def _articles_of(self, doc_id: str) -> frozenset[str]:
        """The article numbers a document has (read once: the index is fixed for this selector)."""
        found = self._articles.get(doc_id)
        if found is None:
            found = self._articles[doc_id] = frozenset(
                _article_number(m.group(0)) for c in self._chunks_of(doc_id)
                for m in [_ARTICLE.match(c.text) or _ARTICLE.search(c.section)] if m)
        return found

    def allowed(self, query: Query) -> np.ndarray | None:
        """The chunks the question's constraints allow (None: all)."""
        c = query.constraints
        doc_ids = None
        regions = c.all_regions
        if regions or c.document or c.kind:
            doc_ids = frozenset(d.id for d in self.index.documents.values()
                                if (not regions or d.region in regions) and (not c.document or _names(d, c.document))
                                and (not c.kind or of_every_kind(d)))
            if not doc_ids and c.document.endswith(_ANY_DOCUMENT):
                # "文件里说…", "云南的文件里有什么说法": a policy first, but people call any document 文件 or 材料; where
                # the region has no policy, its reports are what they mean.
                doc_ids = frozenset(d.id for d in self.index.documents.values() if not regions or d.region in regions)
        if not c.document and _ARTICLE_ASKED.search(query.text):
            # "厂务公开在第几条": of a document written in articles (a policy), whichever its region, as the question
            # presumes; the reports' sentences on it have none
            articled = frozenset(d.id for d in self.index.documents.values() if self._articles_of(d.id)
                                 and (doc_ids is None or d.id in doc_ids))
            doc_ids = articled or doc_ids
        years = c.all_years
        if len(years) >= 2 and not regions:
            # "21年跟22年各多少": one series across the years, the region whose documents are of every year asked (a
            # province with one year's report is not in it), when one region's are.
            docs = list(self.index.documents.values())
            series = {d.region for d in docs if all(any(o.region == d.region and o.year == y for o in docs) for y in years)}
            if series:
                doc_ids = frozenset(d.id for d in docs if d.region in series and (doc_ids is None or d.id in doc_ids))
        if c.pairs:  # ("云南21、22和贵州22": those three documents, not 云南 of every year named)
            of = [frozenset(d.id for d in self.index.documents.values() if d.region == r and (doc_ids is None or d.id in doc_ids))
                  for _, r in c.pairs]
            allowed = self.index.mask(of[0], c.pairs[0][0])
            for (year, _), ids in zip(c.pairs[1:], of[1:], strict=True):
                allowed = allowed | self.index.mask(ids, year)
        else:
            allowed = self.index.mask(doc_ids, years[0] if years else "")
            for year in years[1:]:  # "2021和2022年": the documents of either year
                allowed = allowed | self.index.mask(doc_ids, year)
        if c.on_subject and self.subject_mask is not None:
            return self.subject_mask if allowed is None else (self.subject_mask & allowed)
        return allowed

    # --- figures ---------------------------------------------------------------------------------------------
    def _figures(self, query: Query, hits: list[Hit], vector: np.ndarray, previous_answer: str) -> Evidence:
        kinds = self._every_kind(query, hits, vector)
        if kinds is not None:
            return kinds
        pointed = self._named_by_number(query, previous_answer)
        if pointed:
            # ("他还说617是21年的数": the 职工董事 whose 617名 was just quoted, not what the conversation asked of)
            query = replace(query, asked=(pointed,), own=f"{pointed}有多少", context="")
            hits, vector = self._clause_hits(query, query.own, hits, vector)
        found = self._one_or_two_figures(query, hits, vector, previous_answer)
        # (nothing named but what it sets aside: an asked noun that is itself a "what" names nothing, "职代会还选了啥")
        if found.kind == "refusal" and query.excluded and all(re.search(r"啥|什么|哪些|哪样", a) for a in query.asked):
            besides = self._besides_set_aside(query, hits, vector)
            if besides is not None:
                return besides
        asked_alone = asked_part(query.text)
        if found.kind == "refusal" and found.refusal == "no_figure" and not query.context and asked_alone != query.text:
            # "…家里还有两个娃娃读书，日子过得紧巴巴的，我想帮他问问：22年各省属企业党委一共划了好多专款…": the story
            # told first is no part of what is asked; the question after it, searched on its own, finds its figure.
            hits_alone, vector_alone = self._clause_hits(query, asked_alone, hits, vector)
            alone = self._one_or_two_figures(query, hits_alone, vector_alone, previous_answer)
            if alone.kind == "figures":
                found, hits, vector = alone, hits_alone, vector_alone
        several = len(query.constraints.all_years) > 1 or len(query.constraints.all_regions) > 1
        if found.kind == "refusal" and found.refusal == "no_figure" and several and query.intent == "figure" \
                and _BOTH_OF_ONE.search(query.own):
            # "云南21年和22年劳动竞赛参与人次各多少": "each" is of the years or regions asked, each a document's figure,
            # not two figures of one thing; searched without it, the one thing's figure is found in each document.
            plain = replace(query, own=_without_each(query.own), text=_without_each(query.text))
            hits_plain, vector_plain = self._clause_hits(query, plain.text, hits, vector)
            again = self._one_or_two_figures(plain, hits_plain, vector_plain, previous_answer)
            if again.kind == "figures":
                found, hits, vector = again, hits_plain, vector_plain
        # (not when each of several years or regions is what "分别" asks of: "云南2021年和2022年…参与人次，分别多少")
        if query.intent == "figure" and _BOTH_OF_ONE.search(query.own) and not several \
                and (found.kind == "refusal" or len(found.figures) == 1):
            pair = self._pair_of(query, hits, vector)
            if pair is not None:
                return pair
        elif query.intent == "figure" and found.kind == "refusal":
            # "双培养培养了多少人": a programme the document names in quotes, whose sentence gives its two figures
            # (neither labelled by the programme's name), is answered with both, however "each" goes unsaid.
            pair = self._pair_of(query, hits, vector, quoted=True)
            if pair is not None:
                return pair
        if found.kind == "refusal" and found.refusal == "no_figure" and query.narrows and previous_answer:
            found = self._counterpart(query, hits, vector, previous_answer) or found
        elif found.kind == "refusal" and found.refusal == "no_figure" and query.context and previous_answer:
            found = self._shown(query, hits, vector, previous_answer) or found
        if found.kind == "refusal" and found.refusal == "no_figure" and MY_SHARE.search(query.own):
            # ("那我们家能分到好多" after the help there is: not to be asked again as the total of all)
            return self._refuse_missing(query, hits, "每人能领到的具体金额")
        complement = _COMPLEMENT.search(query.own)
        if found.kind == "refusal" and found.refusal == "no_figure" and complement:
            # (the rest of what a figure counts, which nothing found counts either: not to be asked again without it)
            return self._refuse_missing(query, hits, _complement_text(complement))
        if found.kind == "refusal" and found.refusal == "no_figure" and _PERIOD_UNSAID.search(query.own):
            # "工作汇报机制是多久报送一次进展": how often, which a sentence may say in words with no number ("按季度报送")
            said = self._sentences(replace(query, intent="fact"), self.with_sections(hits, vector, self.allowed(query)), vector)
            if said.kind == "sentences" and _RATE_WORDED.search(said.sentences[0].chunk.text):
                return replace(said, sentences=said.sentences[:1])
        parts = self._joined(query)
        group = query.asked[0] if parts else ""
        if not parts:
            group, parts = self._joined_before(query)
        if not parts:
            return found
        # "职工董事加职工监事一共多少人": no figure of the knowledge base counts both (it does not add them up), so
        # each is given with its own figure. One that does ("劳动竞赛和技术比武开展了多少次": one label) is the answer.
        lead = found.figures[0][0] if found.kind == "figures" else None
        if lead is not None and all(self._label_holds(lead.figure.label, part, query) for part in parts):
            return found
        if lead is not None and self._written_together(parts, lead.figure.sentence):
            return found  # "慰问到的职工和党员一共多少人": the sentence counts 困难党员和职工 as one group
        clauses = tuple(query.own.replace(group, part, 1) for part in parts)
        both = self._one_or_two_figures(replace(query, intent="two_figures", asked=parts, clauses=clauses), hits, vector,
                                        previous_answer)
        measure = _ASKED_MEASURE.search(query.own)
        units = asked_units(query.own)
        # (个 counts anything: "有几个产业工人当上省人大代表和省政协委员" is answered in 名)
        if both.kind != "figures" or (measure and measure.group(1) != "个" and not all(_measures(c.figure.unit, measure.group(1))
                                                          for row in both.figures for c in row)):
            return found  # "二十大代表和劳模工匠宣讲了多少场": the two are who did it; 场 is counted once
        if units == ("元",) and not all(c.figure.unit.endswith("元") for row in both.figures for c in row):
            # "划了多少专款慰问困难党员和职工": money is asked; the two joined are whom it was for, not two things each
            # with an amount (慰问困难党员和职工3.37万人 is no sum of money)
            return found
        # (one of the two found: only where nothing counts them together)
        return found if both.detail.get("partial") and found.kind == "figures" else both

    def _named_by_number(self, query: Query, previous_answer: str) -> str:
        """What a follow-up asks of when it names a figure by its number alone ("617是21年的数", "那1647万是哪年的"):
        the label of the one figure of that number in a sentence the previous answer quoted ("" when none is)."""
        if not (query.context and previous_answer and query.intent == "figure"):
            return ""
        numbers = {m.group(1) for m in re.finditer(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.]|\s*年)", query.own)}
        if not numbers:
            return ""
        # (a figure's value is written in its sentence: only those rows are read, filtered in the store, not every figure)
        # (nor one in another measure than the one asked: "那这个0.03我工资能多拿多少钱" asks money, not the weight)
        units = asked_units(query.own) if _MEASURE_ASKED.search(query.own) else None
        labels = {self._counted(f.label) or f.label for f in self.index.figures.matching(tuple(sorted(numbers)))
                  if f.value in numbers and f.sentence in previous_answer and (not units or _fits(f, units))}
        return labels.pop() if len(labels) == 1 else ""

    def _every_kind(self, query: Query, hits: list[Hit], vector: np.ndarray) -> Evidence | None:
        """"省属企业的各种创新工作室、技师工作站分别有多少": every kind of each thing named that a document counts
        (劳模创新工作室23个, 云岭工匠创新工作室12个, 职工创新工作室27个…), each document's in one row, the latest first.
        None unless it asks for every kind and each, and a document counts two or more."""
        if not (_EVERY_KIND.search(query.own) and _EACH_ASKED.search(query.own)) or not query.asked:
            return None
        per_doc: dict[str, dict[int, FigureChoice]] = {}
        # (the things named after 各类, however the question was split: "各类创新工作室、工作站都有几个")
        named = _KINDS_NAMED.search(query.own)
        nouns = [n for n in re.split(r"[、和及与]", named.group(1)) if len(n) >= 2] if named else []
        for noun in nouns or query.asked:
            core = _EVERY_KIND.split(noun)[-1]
            words = [w for w in self.lexicon.words_of(core) if len(w) >= 2]
            if not words:
                return None
            for n, hit, features in self.figure_candidates(query, hits, vector, noun):
                figure = self.index.figures[n]
                if features.get("unit", 0) >= 0 and all(_covered(w, figure.label) for w in words):
                    per_doc.setdefault(figure.doc.id, {}).setdefault(n, FigureChoice(figure, hit, 1.0, n, features))
        rows = [tuple(sorted(found.values(), key=lambda c: (c.hit.chunk.position, c.row)))
                for found in per_doc.values() if len(found) >= 2]
        if not rows:
            return None
        rows.sort(key=lambda row: row[0].figure.doc.year or "0", reverse=True)
        return Evidence("figures", query, figures=tuple(rows), confidence=1.0)

    def _pair_of(self, query: Query, hits: list[Hit], vector: np.ndarray, quoted: bool = False) -> Evidence | None:
        """"双培养两头各培养了多少人": one thing asked of "each" of its two sides, written as the two figures of one
        sentence that names it ("…'双培养'制度,先后把1.2万生产骨干培养成党员、1.5万名党员培养成生产骨干"), both given.
        Only when the sentence names every word of the asked noun and holds exactly two figures of the asked unit."""
        noun = query.asked[0] if query.asked else ""
        words = [w for w in self.lexicon.words_of(noun) if len(w) >= 2 and self._known(w)]
        if query.context and not any(w not in verbs() for w in words):
            # ("两头各培养了多少" after "双培养是啥": each side of what the conversation was about)
            words += [w for w in self._named_subject(query) if self._known(w) and w not in words]
        if not words:
            return None
        candidates = self.figure_candidates(query, hits, vector, noun)
        for hit in hits[:3]:
            if not all(self._says(w, hit.chunk.text) for w in words):
                continue
            if quoted and not all(any(w in q for q in _QUOTED_TERM.findall(hit.chunk.text)) for w in words):
                continue  # (with "each" unsaid: only a programme named in quotes, “双培养”)
            pair = [(n, h, f) for n, h, f in candidates if h.chunk.id == hit.chunk.id]
            measure = _ASKED_MEASURE.search(query.own)
            if measure and measure.group(1) != "个" and not all(  # (a figure written without its unit may be it: 1.2万)
                    _measures(self.index.figures[n].unit, measure.group(1)) or not self.index.figures[n].unit.strip("余多")
                    for n, _, _ in pair):
                continue  # ("各级职代会开了几次": 次 asked; the 617名 and 671名 of the sentence are no count of it)
            # (and names it for both, not as one figure's label: "职工董事各有多少" asks 职工董事 of each document)
            # (unless the question says it asks of both sides: "把骨干培养成党员、把党员培养成骨干，这两头各培养了多少")
            if len(pair) == 2 and len(self.index.figure_ids_of(hit.chunk)) == 2 and (_BOTH_SIDES.search(query.own) or
                    not any(all(_covered(w, self.index.figures[n].label) for w in words) for n, _, _ in pair)):
                row = tuple(FigureChoice(self.index.figures[n], h, 1.0, n, f) for n, h, f in pair)
                return Evidence("figures", query, figures=(row,), confidence=1.0)
        return None

    def _counterpart(self, query: Query, hits: list[Hit], vector: np.ndarray, previous_answer: str) -> Evidence | None:
        """"云南同一年呢" after 贵州's "开展劳动竞赛和技能比武11286次": the figure just given, as the document now asked
        about writes it. The best candidate answers when it is more likely right than wrong and is that figure's
        counterpart: same unit and level, and of this document's candidates in that unit the closest to it by label
        and sentence, and close enough (parallel_similarity)."""
        given = self._given_figure(previous_answer)
        if given is None or query.intent != "figure":
            return None
        candidates = self.figure_candidates(query, hits, vector, query.asked[0] if query.asked else "", previous_answer)
        choices = self._choices(candidates)
        if not choices:
            return None
        best = choices[0]
        if query.asked and query.asked[0] in query.own and self._known(query.asked[0]) \
                and not self._label_holds(best.figure.label, query.asked[0], query):
            return None  # ("云南职工书屋呢" after 贵州's 职工书屋: it names its own thing, which 云南's 母婴室 is not)
        # (The very label of the figure given, in the other document, is that row whatever its score or its sentence:
        # "2021年的呢" after 2022's 省国资委党委划拨经费360万元.)
        same_label = best.figure.label == given.figure.label
        if (best.score < self.tuning.beside_threshold and not same_label) \
                or best.figure.doc.id == given.figure.doc.id \
                or best.figure.unit != given.figure.unit or self.levels(best.figure.label) != self.levels(given.figure.label) \
                or (_is_rule((best,)) and not _asks_plan(query, best.figure)):
            return None
        pool = [(n, hit) for n, hit, _ in candidates
                if hit.chunk.doc.id == best.figure.doc.id and self.index.figures[n].unit == best.figure.unit]
        closeness = self._closeness(pool, [(given.row, given.hit)])[:, 0]
        mine = [n for n, _ in pool].index(best.row)
        if not same_label and (closeness[mine] < self.tuning.parallel_similarity or int(closeness.argmax()) != mine):
            return None
        return self._settled(query, best, hits)

    def _settled(self, query: Query, choice: FigureChoice, hits: list[Hit]) -> Evidence:
        """The one figure the conversation settles (the counterpart of the one given, the one of what was just
        shown) as the answer, at least as sure as an accepted figure; unless the question is narrower than it."""
        row = (replace(choice, score=max(choice.score, self.tuning.figure_threshold)),)
        return self._narrower_than(query, [choice.figure.sentence], hits) or \
            Evidence("figures", query, figures=(row,), confidence=row[0].score)

    def _shown(self, query: Query, hits: list[Hit], vector: np.ndarray, previous_answer: str) -> Evidence | None:
        """"开了多少次" right after an answer quoting "省属企业开展各类劳动竞赛和技术比武15463次,有62572人次参与": a
        follow-up asking a figure of what was just shown. When exactly one figure of the sentences the previous answer
        quoted is of the measure asked, was not the figure given, and holds every word the follow-up adds, it is
        the one meant."""
        if query.intent != "figure":
            return None
        candidates = self.figure_candidates(query, hits, vector, query.asked[0] if query.asked else "", previous_answer)
        # (A thing the follow-up names is named by the figure's own label; a verb may be said anywhere in its
        # sentence: "政协委员呢" is not 2名 of "…政协委员的人选,其中:2名同志当选党的二十大代表".)
        def names_all(n: int) -> bool:
            return all(_covered(w, text) or _synonym_in(w, " ".join(query.expansions), text, self.lexicon)
                       for w in query.subject
                       for text in [self.index.figures[n].sentence if w in verbs() else _own_part(self.index.figures[n])])

        shown = [(n, hit, f) for n, hit, f in candidates
                 if f.get("unit", 0) >= 0 and hit.chunk.text in previous_answer and names_all(n)]
        # (not what it sets aside: "不要国资委的，就要企业那部分" after both givers' amounts is 各省属企业党委's)
        shown = [(n, hit, f) for n, hit, f in shown
                 if not any(_covered(w, _own_part(self.index.figures[n])) for w in query.excluded)]
        naming = any(len(w) >= 2 for w in query.subject)
        quoted = self._quoted_first(previous_answer, query) if not shown else None
        if quoted is not None and naming:
            # ("企业自己呢" after "…省国资委党委划拨360万元经费慰问企业困难党员和职工;": the figure of the measure asked
            # in the rest of the sentence just quoted, "各省属企业党委同步划拨1647万元专款", naming what it adds)
            rest = self.index.chunk_at(quoted.chunk.doc.id, quoted.chunk.position + 1)
            shown = [(n, hit, f) for n, hit, f in candidates if rest is not None and hit.chunk.id == rest.id
                     and rest.section == quoted.chunk.section and f.get("unit", 0) > 0 and names_all(n)]
        elif quoted is not None:
            # ("参加的有多少人" after the press report's date of its meeting: the one figure of that measure in the
            # part of the document just quoted, when it has only one; not "占比呢" after 职工董事596名 → another
            # part's 占发展党员总数71.2%)
            shown = [(n, hit, f) for n, hit, f in candidates if f.get("unit", 0) > 0 and hit.chunk.doc.id == quoted.chunk.doc.id]
            shown = [c for c in shown if c[1].chunk.section == quoted.chunk.section] if len({n for n, _, _ in shown}) == 1 else []
        if len({n for n, _, _ in shown}) != 1:
            return None
        n, hit, features = shown[0]
        return self._settled(query, FigureChoice(self.index.figures[n], hit, 0.0, n, features), hits)

    def _given_figure(self, previous_answer: str) -> FigureChoice | None:
        """The figure the previous answer led with, found again in the index through the sentence it quoted."""
        hit = self._quoted_first(previous_answer)
        if hit is None:
            return None
        for n in self.index.figure_ids_of(hit.chunk):
            if _gave(previous_answer, self.index.figures[n]):
                return FigureChoice(self.index.figures[n], hit, 1.0, n)
        return None

    def _joined(self, query: Query) -> tuple[str, ...]:
        """The things a one-figure question joins ("职工董事和职工监事", "职工驿站加母婴室"), each naming something."""
        if query.intent != "figure" or len(query.asked) != 1:
            return ()
        # Split at joining words as jieba reads them, so that 参加 or 加班费 is never split at 加.
        tokens = self.lexicon.tokenizer.lcut(query.asked[0])
        cuts = [i for i, t in enumerate(tokens) if t in _JOINING]
        if len(cuts) != 1 or _WITH.search("".join(tokens[cuts[0] + 1:])):
            return ()  # "产改跟领导薪酬挂钩的权重": 跟 says with what it is tied, it joins no two things
        parts = ("".join(tokens[: cuts[0]]), "".join(tokens[cuts[0] + 1:]))
        owned = re.search(r"的(.+)$", parts[1])
        if owned and not _COUNT_NOUN.fullmatch(owned.group(1)):
            return ()  # "慰问困难党员和职工的经费": the two say whose one thing is asked (not "…的人数": each counted)
        return parts if all(len(p) >= 2 and self.lexicon.words_of(p) for p in parts) else ()

    def _joined_before(self, query: Query) -> tuple[str, tuple[str, ...]]:
        """("A和B两级", (A, B)) of a one-figure question that joins two givers before its sum and verb, the asked noun
        after them ("省国资委党委和企业党委两级一共划拨了多少万元慰问经费": what each of the two gave), else ("", ())."""
        if query.intent != "figure" or len(query.asked) != 1:
            return "", ()
        found = _JOINED_BEFORE.search(query.own)
        if not found or query.asked[0] in found.group(0):
            return "", ()
        tokens = self.lexicon.tokenizer.lcut(found.group(1))
        cuts = [i for i, t in enumerate(tokens) if t in _JOINING]
        if len(cuts) != 1:
            return "", ()
        parts = ("".join(tokens[: cuts[0]]), "".join(tokens[cuts[0] + 1:]))
        named = all(len(p) >= 2 and [w for w in self.lexicon.words_of(p) if self._is_topic(w)] for p in parts)
        return (found.group(1) + (found.group(2) or ""), parts) if named else ("", ())

    def _written_together(self, parts: tuple[str, ...], sentence: str) -> bool:
        """Whether a sentence joins the two things as one group, in either order ("…职工和党员" against the
        sentence's "慰问困难党员和职工"): the word each part ends or starts with, side by side with a joining word."""
        first = self.lexicon.words_of(parts[0])
        second = self.lexicon.words_of(parts[1])
        if not first or not second:
            return False
        a, b = first[-1], second[0]
        if len(a) < 2 or len(b) < 2 or a == b:
            return False
        joined = r"(?:和|与|及|以及)"  # (not "、", which lists rows: "职工董事、职工监事应当…")
        return bool(re.search(rf"{re.escape(a)}{joined}{re.escape(b)}|{re.escape(b)}{joined}{re.escape(a)}", sentence))

    def _only_two_of(self, choices: list[FigureChoice]) -> bool:
        """Whether two figures of one sentence are the only figures of their units it holds."""
        units = {c.figure.unit for c in choices}
        same = [n for n in self.index.figure_ids_of(choices[0].hit.chunk) if self.index.figures[n].unit in units]
        return len(same) == 2 and {c.row for c in choices} == set(same)

    def _one_each_beside(self, choices: list[FigureChoice]) -> bool:
        """Whether two figures are of one unit, in two sentences one right after the other under one heading, each the
        only figure of that unit its sentence holds."""
        first, second = sorted(choices, key=lambda c: c.hit.chunk.position)
        if first.hit.chunk.doc.id != second.hit.chunk.doc.id or first.hit.chunk.section != second.hit.chunk.section \
                or second.hit.chunk.position - first.hit.chunk.position != 1 or first.figure.unit != second.figure.unit:
            return False
        return all([n for n in self.index.figure_ids_of(c.hit.chunk) if self.index.figures[n].unit == c.figure.unit] == [c.row]
                   for c in choices)

    def _head_in_label(self, noun: str, label: str) -> bool:
        """Whether a label names what a noun ends with, the thing it is ("创新工作室联盟": 联盟, which
        "劳模创新工作室" is not)."""
        words = [w for w in self.lexicon.words_of(noun) if len(w) >= 2]
        return not words or _covered(words[-1], label)

    def _label_holds(self, label: str, part: str, query: Query) -> bool:
        expansions = " ".join(query.expansions + query.stand_ins)
        words = [w for w in self.lexicon.words_of(part) if len(w) >= 2]  # 下, 的: no part of what is named
        return all(_covered(w, label) or _synonym_in(w, expansions, label, self.lexicon) for w in words)

    def _one_or_two_figures(self, query: Query, hits: list[Hit], vector: np.ndarray, previous_answer: str,
                            joined: bool = False) -> Evidence:
        """`joined`: the two things asked were already looked for as one (a sum asked, or two a label counts together)."""
        asked = query.asked if query.intent == "two_figures" and len(query.asked) >= 2 else (query.asked[:1] or ("",))
        # Each figure of "A几家？B几个？" is judged against its own question: its own vector and unit.
        clauses = query.clauses if len(query.clauses) == len(asked) > 1 else ("",) * len(asked)
        # "经费按工资总额提多少，一线职工用的又占多少": a later clause goes on about the first one's subject, and,
        # naming no measure of its own, asks the one before it's ("拨了多少钱，企业又配套了多少": 钱 again).
        continued = list(clauses)
        for n in range(1, len(clauses)):
            if clauses[n] and _CONTINUES.search(clauses[n]):
                measure = "" if _unit_class(clauses[n]) else next(
                    (found.group(0) for pattern, _ in _UNIT_CLASSES if (found := pattern.search(clauses[n - 1]))), "")
                continued[n] = f"{asked[0]}{clauses[n]}{measure}"
        clauses = tuple(continued)
        # (each clause's vector begun at once: the runners embed them side by side)
        soon = {clause: self.retriever.embed_text_soon(clause) for clause in clauses if clause}
        candidates = [self.figure_candidates(query, *self._clause_hits(query, clause, hits, vector, soon.get(clause)),
                                             noun, previous_answer, clause)
                      for noun, clause in zip(asked, clauses, strict=True)]
        if not joined and len(asked) == 2 and query.intent == "two_figures" and asked[0] not in asked[1] and asked[1] not in asked[0] \
                and any(choices and choices[0].score >= self.tuning.figure_threshold
                        and self._written_together(asked, choices[0].figure.label)
                        and all(self._label_holds(choices[0].figure.label, part, query) for part in asked)
                        for choices in map(self._choices, candidates)):
            # "劳动竞赛和技术比武各搞了多少": the documents count the two together (各类劳动竞赛和技术比武15463次), so that
            # one figure answers, never beside it another figure of its sentence (62572人次) as if it were the other's
            one = self._one_or_two_figures(replace(query, intent="figure", asked=("和".join(asked),), clauses=()),
                                           hits, vector, previous_answer, joined=True)
            if one.kind == "figures":
                return one
        if not joined and len(asked) == 2 and query.intent == "two_figures" and all(clauses):
            apart = self._done_and_planned(query, asked, clauses, hits, vector, previous_answer)
            if apart is not None:
                return apart
        if len(asked) > 1:
            candidates = _assign_apart(candidates, self.tuning)
        by_doc: dict[str, list[FigureChoice]] = {}
        per_noun = [self._choices(found) for found in candidates]
        for choices in per_noun:
            best_per_doc: dict[str, FigureChoice] = {}
            for choice in choices:
                doc = choice.figure.doc.id
                if doc not in best_per_doc or choice.score > best_per_doc[doc].score:
                    best_per_doc[doc] = choice
            for doc, choice in best_per_doc.items():
                by_doc.setdefault(doc, []).append(choice)
        rows = []
        for choices in by_doc.values():
            # (two figures of one sentence may read alike: "1名同志当选全国人大代表、1名同志当选全省人大代表")
            if len(asked) > 1 and (len(choices) < len(asked) or len({(c.figure.chunk_id, c.figure.text, c.figure.label)
                                                                     for c in choices}) < len(choices)):
                continue  # a two-figure answer needs both figures from the same document
            if len(choices) == 2 and choices[0].figure.chunk_id == choices[1].figure.chunk_id \
                    and max(c.score for c in choices) >= self.tuning.figure_threshold \
                    and _EACH_OF_TWO.search(query.own) and self._only_two_of(choices):
                # The two figures of the asked units the one sentence holds, each with the noun it fits best, once one
                # surely answers ("省国资委党委和各省属企业各拿了多少钱": 280万元 and, of 各省属企业, 1236万元).
                choices = [replace(c, score=max(c.score, self.tuning.figure_threshold)) for c in choices]
            elif len(choices) == 2 and max(c.score for c in choices) >= self.tuning.figure_threshold \
                    and _EACH_OF_TWO.search(query.own) and self._one_each_beside(choices):
                # (and so of two sentences one after the other, each with one amount of the unit: "国资委和企业慰问的钱
                # 分别多少": 省国资委党委划拨360万元…; 各省属企业党委同步划拨1647万元专款…)
                choices = [replace(c, score=max(c.score, self.tuning.figure_threshold)) for c in choices]
            if all(c.score >= self.tuning.beside_threshold for c in choices):
                if len(choices) == 2 and choices[0].figure.chunk_id == choices[1].figure.chunk_id \
                        and max(c.score for c in choices) >= self.tuning.figure_threshold \
                        and all(c.score >= self.tuning.figure_threshold or self._head_in_label(noun, c.figure.label)
                                for noun, c in zip(asked, choices, strict=True)):
                    # Two figures asked in one breath and written in one sentence ("开展劳动竞赛11286次，参与职工
                    # 47350人次"): once one surely answers, the other needs only be more likely right than wrong.
                    choices = [replace(c, score=max(c.score, self.tuning.figure_threshold)) for c in choices]
                rows.append(tuple(choices))
        rows = without_broader(rows, self.lexicon.words_of)
        if not _TARGET_QUESTION.search(query.full_text) and any(not _is_rule(row) for row in rows):
            # A policy's rule answers an amount only where nothing says what was done: "职工驿站各多少" lists the
            # reports' counts, not beside them the opinion's target for 2025.
            # (the rule surely answering, what the reports say was done of it answers as surely, if it is the rule's
            # measure as each report writes it: "发展的党员里一线产业工人占多少", worded as the policy words its rule,
            # is the reports' 73.6%, 68.4%, 71.2%)
            sure_rule = next((row for row in rows if _is_rule(row) and len(row) == 1
                              and row[0].score >= self.tuning.figure_threshold), None)
            rows = [row for row in rows if not _is_rule(row)]
            if sure_rule is not None and not any(min(c.score for c in row) >= self.tuning.figure_threshold for row in rows):
                rows = [tuple(replace(c, score=max(c.score, self.tuning.figure_threshold)) for c in row)
                        if self._parallel(row, sure_rule, candidates, asked) else row for row in rows]
        if not any(min(c.score for c in row) >= self.tuning.figure_threshold for row in rows):
            sure = [k for k, choices in enumerate(per_noun) if choices and choices[0].score >= self.tuning.figure_threshold]
            if len(asked) == 2 and len(sure) == 2 and not self._side_by_side(query):
                first, second = per_noun[0][0], per_noun[1][0]
                if first.figure.doc.id != second.figure.doc.id and first.figure.doc.region == second.figure.doc.region:
                    # "贵州到2025年新型学徒制培训累计多少人，每年职工技能培训多少人次": each surely answered, by two
                    # documents of one region (the policy's target of one, a press report's of the other), none giving
                    # both: each is given with its own document and what it counts, never as the other's
                    found = self._checked_rows(query, [(first,), (second,)], hits, min(first.score, second.score))
                    return replace(found, detail=found.detail | {"apart": True}) if found.kind == "figures" else found
            if len(asked) == 2 and len(sure) == 1:
                return self._one_of_two(query, asked, clauses, per_noun[sure[0]][0], sure[0], previous_answer)
            givers = self._each_giver(query, asked[0], candidates[0], hits, previous_answer) if len(asked) == 1 else None
            if givers:
                labels = tuple(c.figure.label for c in givers[0])
                return self._checked_rows(replace(query, intent="two_figures" if len(labels) == 2 else "figure",
                                                  asked=labels), givers, hits, self.tuning.beside_threshold)
            partial = [c for choices in by_doc.values() for c in choices if c.score >= self.tuning.figure_threshold]
            return self._refuse(query, "no_figure", hits=hits, found=partial[:1])
        best_row = max(rows, key=lambda row: min(c.score for c in row))
        best = min(c.score for c in best_row)
        if len(best_row) == 1 and self._topic_elsewhere(query, asked[0], best_row[0], hits):
            return self._refuse(query, "no_figure", hits=hits)
        # Another document's row joins only if it counts the same thing (its label means what the best
        # row's label means) and scores nearly as well (or has the very same label: "职工监事" in three reports,
        # one of which matched the question's words better); otherwise it is a neighbouring row, not an answer.
        rows = [row for row in rows if row is best_row or (
            (min(c.score for c in row) >= best - self.tuning.other_document_margin
             or all(a.figure.label == b.figure.label for a, b in zip(row, best_row, strict=True)))
            and all(self._same_thing(a, b) for a, b in zip(row, best_row, strict=True)))
            or self._parallel(row, best_row, candidates, asked)]
        # Another report words the same row its own way (贵州's "参与职工47350人次" for 云南's "有62572人次参与"): its
        # best figure for the question, in a sentence that says what the best row's sentence says, in the same unit.
        listed = {row[0].figure.doc.id for row in rows}
        rows += [tuple(choices) for doc, choices in by_doc.items()
                 if doc not in listed and len(choices) == len(best_row) and self._parallel(tuple(choices), best_row, candidates, asked)
                 and (_TARGET_QUESTION.search(query.full_text) or not _is_rule(tuple(choices)))]
        rows.sort(key=lambda row: (row[0].figure.doc.year or "0", min(c.score for c in row)), reverse=True)
        if (len(query.constraints.regions) >= 2 or _NOW.search(query.own)) and not query.constraints.all_years:
            # "云南和贵州的…各有几家": one figure per region asked, each of its latest document that states it;
            # "…现在有几个": as things stand, which the latest document of each region says (not beside it 2021's)
            rows = [row for n, row in enumerate(rows)
                    if all(row[0].figure.doc.region != r[0].figure.doc.region for r in rows[:n])]
        start = _FROM_NUMBER.search(query.own)
        if start and len(rows) > 1:
            # "文明单位从48家变成多少家了": the figure it started from is another document's, not what it became
            # (48家, 2021's, beside 2022's 52家)
            # (and what it became is of the same region, later: "师徒合同由4516份增加到多少" is 云南's 2022 figure, not
            # also 贵州's)
            began = [row[0].figure.doc for row in rows if any(c.figure.value == start.group(1) for c in row)]
            became = [row for row in rows if not any(c.figure.value == start.group(1) for c in row)
                      and (len(began) != 1 or (row[0].figure.doc.region == began[0].region
                                               and (row[0].figure.doc.year or "") > (began[0].year or "")))]
            rows = became if began and became else rows
        return self._checked_rows(query, rows, hits, best)

    def _done_and_planned(self, query: Query, asked: tuple[str, ...], clauses: tuple[str, ...], hits: list[Hit],
                          vector: np.ndarray, previous_answer: str) -> Evidence | None:
        """What was done and what is planned, asked in two clauses ("贵州职工驿站建了多少，目标是多少", "发展党员里产业
        工人占比多少，要求一线比例不低于多少"): a report's figure of the one, a policy's rule or target of the other, each
        surely answering its own clause and each given with its own document. None when they are not so asked or
        not so found (one document giving both is the ordinary way: the same sentence may say what was set and done)."""
        planned = [bool(_TARGET_QUESTION.search(c)) for c in clauses]
        # (each clause asking its own: not "驿站和母婴室目标各多少个", whose 目标 is of both)
        asking = [p for p in re.split(r"[，,。？?！!；;\s]+", query.text) if re.search(r"多少|几|好多", p)]
        if planned.count(True) != 1 or len(asking) < 2:
            return None
        plan = planned.index(True)
        done = 1 - plan
        # Each judged as its clause alone (the other's 目标 is no plan asked of what was done); the plan's clause also
        # as of what the other counts, which it may leave unsaid ("…，目标是多少", "…，要求一线比例不低于多少").
        readings = {done: [(asked[done], clauses[done])], plan: [(asked[plan], clauses[plan])]}
        if asked[done] not in clauses[plan]:
            readings[plan].append((asked[done], asked[done] + clauses[plan]))
        # (a year said is of what was done, when a document is of it: "22年建了多少，到2025年目标是多少"; a plan is of
        # whatever year its document is)
        c = query.constraints
        of_year = {d.year for d in self.index.documents.values() if d.year}
        of = {done: replace(c, year=c.year if c.year in of_year else "", years=tuple(y for y in c.years if y in of_year)),
              plan: replace(c, year="", years=(), document="")}
        found: list[FigureChoice] = []
        for k, rule in ((done, False), (plan, True)):
            choices = []
            for noun, question in readings[k]:
                alone = replace(query, text=question, own=question, intent="figure", asked=(noun,), clauses=(),
                                constraints=of[k])
                candidates = self.figure_candidates(alone, *self._clause_hits(alone, question, hits, vector), noun,
                                                    previous_answer)
                choices += [c for c in self._choices(candidates) if _is_rule((c,)) == rule][:1]
            choice = max(choices, key=lambda c: c.score, default=None)
            if choice is None or choice.score < self.tuning.figure_threshold:
                return None
            found.append(choice)
        if found[0].figure.doc.id == found[1].figure.doc.id or found[0].figure.doc.region != found[1].figure.doc.region \
                or _bare_unit(found[0].figure.unit) != _bare_unit(found[1].figure.unit):
            return None  # (what was done of a thing and what is planned of it are counted alike: 个 and 个, % and %)
        rows = [(found[0],), (found[1],)] if done == 0 else [(found[1],), (found[0],)]
        result = self._checked_rows(query, rows, hits, min(c.score for c in found))
        return replace(result, detail=result.detail | {"apart": True}) if result.kind == "figures" else None

    def _checked_rows(self, query: Query, rows: list[tuple[FigureChoice, ...]], hits: list[Hit], best: float) -> Evidence:
        """The figures found, unless what else the question asks says they are not its answer: a part of the group
        they count, the rest of it, one year of a running total, part of a year, one enterprise or one city."""
        if len(rows[0]) == 1 and self._part_unwritten(query, [row[0].figure.sentence for row in rows]):
            # "全国劳动模范里头，女职工有几个": the documents count the group, never the part of it asked
            return self._refuse(query, "no_figure", hits=hits)
        complement = _COMPLEMENT.search(query.own)
        if complement and all(complement.group("neg") in f"{row[0].figure.label}{row[0].figure.sentence}" for row in rows):
            # "没建工会的那些企业，职代会建制率是多少", "不是产业工人的那部分党员发展了多少": the rest of what a figure
            # counts, which its sentence leaves out (已建工会的…90%以上; 产业工人党员2943名)
            return self._refuse_missing(query, hits, _complement_text(complement))
        if _ONE_YEAR_ASKED.search(query.own) and all(_CUMULATIVE.search(row[0].figure.sentence) for row in rows):
            # "2022年当年新培养成党员的生产骨干是多少，不要累计的": what was added in one year, where the documents only
            # give a running total ("先后把1.2万生产骨干培养成党员", "截至目前…共签订师徒合同4883份")
            return self._refuse_missing(query, hits, "当年新增的数字（知识库写的是累计数）")
        part = _PART_OF_YEAR.search(query.own)
        if part and not any(part.group(0) in f"{row[0].figure.doc.title} {row[0].hit.chunk.text}" for row in rows):
            # "22年上半年职代会开了多少次": the year's 728次 is no half-year's count
            return self._refuse_missing(query, hits, f"{part.group(0)}的数字（知识库写的是全年的数）")
        # (a document whose title names the city is of it: "贵阳开的那个推进会来了多少人" → the report of that meeting)
        narrower = self._narrower_than(query, [f"{row[0].figure.doc.title} {row[0].figure.sentence}" for row in rows], hits)
        return narrower or Evidence("figures", query, figures=tuple(rows), confidence=best)

    def _each_giver(self, query: Query, noun: str, found: list[tuple[int, Hit, dict[str, float]]], hits: list[Hit],
                    previous_answer: str) -> list[tuple[FigureChoice, ...]]:
        """"慰问困难职工发了多少钱", "困难职工 慰问 金额": money asked of what it was for, naming no giver, where each of
        two givers gave it in a sentence of its own (省国资委党委划拨360万元经费慰问企业困难党员和职工; 各省属企业党委同步
        划拨1647万元专款,慰问困难党员和职工…). Neither amount alone is the answer; both are, each in its sentence,
        which says whose it is. Per document, its two best-found sentences, when each holds one amount of money and
        every topic word of what is asked. A question naming one giver asks that one's ("企业自己拿了好多钱": the words
        before an amount, 各省属企业党委同步划拨, say who gives it), and so does a follow-up ("企业这一级呢"). Rows per
        document, latest first; none otherwise."""
        if self._units_asked(query, noun, "", previous_answer)[1] != ("元",):
            return []
        # (the question's topic words: what is counted may be the giver alone, "企业自己拿了好多钱")
        # (how the money was given is not what it was for: "企业配套的呢" names a giver and its giving, 配套)
        topic = [w for w in query.subject if self._is_topic(w) and not _GIVING.fullmatch(w)]
        asked_words = [w for w in self.lexicon.words_of(query.own) if len(w) >= 2 and w not in LIGHT_WORDS]
        # (a follow-up naming only its giver, "企业自己配的呢" after what 国资委 gave for 慰问困难职工: what the money
        # was for is the conversation's, and each sentence need hold only some of its words, the giver being one)
        given = self._given_figure(previous_answer) if query.context and not topic else None
        # (of one giver's amount: after both, "21年呢" asks both again)
        loose = given is not None and given.figure.unit.endswith("元") and not sum_or_difference(query.own) \
            and len(re.findall(r"\d[\d.]*万?元", previous_answer.split("\n", 1)[0])) == 1
        if loose:
            topic = [w for w in self.lexicon.words_of(f"{query.context} {previous_answer}") if self._is_topic(w)]
        if not topic:
            return []
        rows = []
        for doc in dict.fromkeys(h.chunk.doc.id for h in hits):
            pair = []
            for hit in [h for h in hits if h.chunk.doc.id == doc][:2]:
                money = [FigureChoice(self.index.figures[n], h, self.tuning.beside_threshold, n, features)
                         for n, h, features in found
                         if h.chunk.id == hit.chunk.id and self.index.figures[n].unit.endswith("元")]
                if loose and not money:
                    # (the amount the previous answer gave is no candidate of a follow-up; its sentence still says
                    # whose it was)
                    money = [FigureChoice(self.index.figures[n], hit, self.tuning.beside_threshold, n, {})
                             for n in self.index.figure_ids_of(hit.chunk) if self.index.figures[n].unit.endswith("元")]
                # (what is asked may be the giver, written in one sentence only: "云南省属企业拿了多少钱慰问困难职工")
                if len(money) == 1 and (any if loose else all)(_covered(w, money[0].figure.sentence) or w in query.asked
                                                              for w in topic):
                    pair.append(money[0])
            if len(pair) != 2 or pair[0].figure.sentence == pair[1].figure.sentence:
                continue
            pair.sort(key=lambda c: c.row)  # (in the document's order)
            givers = [c.figure.sentence[: c.figure.sentence.find(c.figure.value)] for c in pair]
            if any(w in query.asked and not all(_covered(w, c.figure.sentence) for c in pair)
                   and not any(w in giver for giver in givers) for w in topic):
                continue
            named = [c for c, giver, other in zip(pair, givers, givers[::-1], strict=True)
                     if any(w in giver and w not in other for w in asked_words)]
            own_says = any(w in giver for w in asked_words for giver in givers) \
                or bool(query.constraints.year and re.search(rf"{query.constraints.year[2:]}(?!\d)", query.text)) \
                or bool(query.constraints.region and query.constraints.region in query.text)
            if not named and loose and own_says:
                # ("21年呢" after "企业自己配的呢" was answered 1647万元: the giver of the amount just given)
                before = given.figure.sentence[: given.figure.sentence.find(given.figure.value)]
                # (its own clause names its giver: "…省国资委党委划拨280万元…，各省属企业配套投入1236万元" is 各省属企业's)
                before = re.split(r"[，,；;]", before)[-1] or before
                named = next(([c for c, giver in zip(pair, givers, strict=True) if w in giver]
                              for w in self.lexicon.words_of(before) if len(w) >= 2
                              and sum(w in giver for giver in givers) == 1), [])
            if (len(named) != 1 and query.context) or (loose and not own_says):
                # (a follow-up names its giver, or asks again of the one its conversation named: "21年呢"; one naming
                # neither, nor a year or region, asks something else of the amount)
                continue
            rows.append(tuple(named if len(named) == 1 else pair))
        rows = [row for row in rows if len(row) == len(rows[0])]
        rows.sort(key=lambda row: row[0].figure.doc.year or "0", reverse=True)
        return rows

    def _part_unwritten(self, query: Query, sentences: list[str]) -> bool:
        """Whether a question counts a part of a group ("…里头，女职工有几个") that no answering sentence names."""
        part = part_asked(query.own)
        words = [w for w in self.lexicon.words_of(part) if self._is_topic(w) and w not in verbs() and not POPULATION.fullmatch(w)]
        expansions = " ".join(query.expansions + query.stand_ins)
        return bool(words) and not any(all(_covered(w, s) or _synonym_in(w, expansions, s, self.lexicon) for w in words)
                                       for s in sentences)

    def _topic_elsewhere(self, query: Query, noun: str, choice: FigureChoice, hits: list[Hit]) -> bool:
        """Whether what is counted is written in the knowledge base, but not where the figure is: none of the
        counted noun's topic words (synonyms included) is in the figure's label, sentence or section, and a sentence
        found for the question does hold them. "健康体检一年搞几次" is not answered by 每年召开专题会议1—2次 (they share
        only 每年): 健康体检 is written, in a sentence with no count. (A description the documents never write, "喂奶
        的房间", is judged by meaning alone, as before.)"""
        figure = choice.figure
        # (only where the label shares no word with what is asked but how often: a label sharing more may name it
        # otherwise, "干一线的占多大比重" → 占发展党员总数的73.6%)
        shared = [w for w in self.lexicon.words_of(noun) if w in figure.label]
        if not all(_PERIOD_WORD.fullmatch(w) for w in shared):
            return False
        # (the document's title says what its sentences are about: "约200人参加会议" in the report of a 推进会)
        return self._not_of_topic(query, noun, f"{figure.label} {figure.sentence} {choice.hit.chunk.section} "
                                               f"{figure.doc.title}", hits)

    def _not_of_topic(self, query: Query, noun: str, text: str, hits: list[Hit]) -> bool:
        """Whether a text holds none of the topic words of what is asked (`noun`), which a sentence found does hold."""
        topic = [w for w in query.subject if w in noun and self._is_topic(w) and self._known(w)]
        if not topic:
            return False
        expansions = " ".join(query.expansions + query.stand_ins)
        # (by most of its weight: "职工书屋" is not in "职工驿站157个", though 职工 is)
        covered = [w for w in topic if _covered(w, text) or _synonym_in(w, expansions, text, self.lexicon)]
        if sum(map(self.weight, covered)) >= 0.5 * sum(map(self.weight, topic)):
            return False
        heaviest = max(topic, key=self.weight)
        if any(_covered(heaviest, h.chunk.text) for h in hits[: self.tuning.evidence_depth]):
            return True
        # (or the documents asked of never write it, which another does: "云南职工书屋呢" after 贵州's 职工书屋)
        docs = {h.chunk.doc.id for h in hits[: self.tuning.evidence_depth]}
        return bool(docs) and not any(_covered(heaviest, c.text) for d in docs for c in self._chunks_of(d)) \
            and self._known(heaviest)

    def _one_of_two(self, query: Query, asked: tuple[str, ...], clauses: tuple[str, ...], given: FigureChoice, k: int,
                    previous_answer: str) -> Evidence:
        """"职工董事有多少？职工书屋有几个？": the one figure surely answered (of asked[k]) is given, and the other said
        not found, rather than both refused."""
        # (named as the question put it, without a number of its own: every number of an answer is cited)
        other = next((t for t in ((query.clauses[1 - k] if len(query.clauses) == 2 else ""), asked[1 - k])
                      if t and not re.search(r"\d", t)), "")
        # (not said missing when the sentence quoted holds a figure that may be it, in the measure it asks:
        # "发展了多少、占比多少" quotes 发展产业工人党员2943名 beside the share; the worker reads it there)
        units = self._units_asked(query, asked[1 - k], clauses[1 - k], previous_answer)[1]
        words = [w for w in self.lexicon.words_of(asked[1 - k]) if len(w) >= 2 and w not in LIGHT_WORDS]
        maybe = [n for n in self.index.figure_ids_of(given.hit.chunk)
                 if n != given.row and (not units or _fits(self.index.figures[n], units))
                 and all(_covered(w, self.index.figures[n].label) for w in words)]
        missing = {} if maybe or not other else {"missing": other.strip(" ，,？?。！!")}
        return Evidence("figures", replace(query, intent="figure", asked=(asked[k],)), figures=((given,),),
                        detail={"partial": True} | missing, confidence=given.score)

    def _narrower_than(self, query: Query, texts: list[str], hits: list[Hit]) -> Evidence | None:
        """A refusal when the question asks about one enterprise or one city and none of the answering texts names
        it: the documents' totals over all the province's enterprises are not its figure ("云天化集团有多少职工董事",
        "昆明的职工驿站有几个")."""
        enterprise, place = query.constraints.enterprise, query.constraints.place
        if enterprise and not any(_mentions(text, enterprise) for text in texts) and not (
                query.intent == "yesno" and enterprise != OWN_UNIT_NAME
                and any(_ENTERPRISE_NAMED.search(text) for text in texts)):
            # (but whether it is one of those a sentence names is answered by their names, "建投集团21年就已经是省级产改
            # 示范点了吗" → "昆钢公司1户省属企业被…列为省级产改工作示范点"; not which they are, a list, which took one
            # test answer wrong)
            return self._refuse(query, "enterprise", hits=hits, enterprise=enterprise)
        # (nor when they name it and nothing else asked: "云天化集团自己的技能等级晋升是咋规定的" is not answered by a
        # caption of its 二十大代表's talk)
        asked = [w for w in query.subject if self._is_topic(w) and self._known(w) and not POPULATION.fullmatch(w)
                 and w not in enterprise and not _mentions(w, enterprise)]
        expansions = " ".join(query.expansions + query.stand_ins)
        if enterprise and asked and not any(_covered(w, text) or _synonym_in(w, expansions, text, self.lexicon)
                                            for w in asked for text in texts):
            return self._refuse(query, "enterprise", hits=hits, enterprise=enterprise)
        if place and not any(place in text for text in texts):
            return self._refuse(query, "place", hits=hits, place=place)
        return None

    def _besides_set_aside(self, query: Query, hits: list[Hit], vector: np.ndarray) -> Evidence | None:
        """"除了母婴室还建了什么，建了几个", "除了职工董事，职代会还选了啥？选了多少人": the question names nothing counted
        but what it sets aside; the figures beside that one's in its sentence, in its measure, are the answer
        (职工驿站157个; 职工监事671名). None when no sentence found counts what is set aside."""
        unset = replace(query, excluded=())
        found, _ = self._clause_hits(unset, "、".join(query.excluded), hits, vector)
        for hit in found[: self.tuning.evidence_depth]:
            rows = self.index.figure_ids_of(hit.chunk)
            aside = [n for n in rows if all(_covered(w, self.index.figures[n].label) for w in query.excluded)]
            if len(aside) != 1:
                continue
            unit = self.index.figures[aside[0]].unit
            # (each named by its label, as a thing the question described, here by what it is not)
            others = [FigureChoice(self.index.figures[n], hit, 1.0, n, {"described": 1.0}) for n in rows
                      if n != aside[0] and self.index.figures[n].unit == unit]
            if others:
                return Evidence("figures", query, figures=(tuple(others),), confidence=1.0)
        return None

    def _clause_hits(self, query: Query, clause: str, hits: list[Hit], vector: np.ndarray,
                     pending: Callable[[], np.ndarray] | None = None) -> tuple[list[Hit], np.ndarray]:
        """The hits and vector one clause of a two-figure question is judged by: searched with its own words
        (under the whole question's constraints), so that each figure's sentence ranks as it would alone."""
        if not clause:
            return hits, vector
        own = replace(query, text=clause, own=clause)
        pending = pending or self.retriever.embed_text_soon(clause)
        found = self.retriever.search(own, self.tuning.evidence_depth * 3, self.allowed(query), pending=pending)
        return found, pending()

    def score_figures(self, query: Query, hits: list[Hit], vector: np.ndarray, noun: str = "",
                      previous_answer: str = "") -> list[FigureChoice]:
        """The best figure of each document for the question, with the probability that it answers; best first."""
        return self._choices(self.figure_candidates(query, hits, vector, noun, previous_answer))

    def _choices(self, candidates: list[tuple[int, Hit, dict[str, float]]]) -> list[FigureChoice]:
        """Two decisions per document: which figure (a softmax over its candidates: the one that best matches the
        question), then whether it answers at all (a logistic over that figure's features and its lead over the
        runner-up). Each has its own weights, fitted on dev by scripts/calibrate.py."""
        by_doc: dict[str, list[tuple[int, Hit, dict]]] = {}
        for n, hit, features in candidates:
            by_doc.setdefault(hit.chunk.doc.id, []).append((n, hit, features))
        choices = []
        for everyone in by_doc.values():
            group = without_narrower(everyone)
            n, hit, features = group[pick_figure(group, self.tuning)]
            p = _logistic(acceptance_features(group, self.tuning), self.tuning.figure_accept_weights)
            # The one figure whose label is the knowledge base's term for what the question describes in its own
            # words answers: the question's words are not the documents', so neither the embedding nor the word
            # overlap can tell it. (One of several so described is not that one because a narrower one was set
            # aside: "劳模工作室联盟成立了几个" is not 劳模创新工作室23个.)
            described = [c for c in everyone if c[2].get("described") and c[2].get("unit", 0) >= 0]
            # Of several so described, the one whose label also holds the asked noun's head is the thing counted:
            # "几个劳模工作室凑成的联盟有几个" describes 劳模创新工作室 too, but counts a 联盟.
            headed = [c for c in described if c[2].get("asked_head", 0.0) >= 0.99]
            if len(described) > 1 and len(headed) == 1:
                described = headed
            if len(described) == 1:
                (n, hit, features), p = described[0], max(p, self.tuning.figure_threshold)
            # A label that is the asked noun itself, in a fitting unit, answers ("贵州劳模创新工作室几个" → 劳模创新
            # 工作室31个): the logistic's doubt there comes from a neighbour in the same sentence (全国示范性劳模创新
            # 工作室2个), which the exact name already rules out. Dev +1, no wrong figure added. So does a label
            # naming the measure asked (系数, 比例) however the rest is worded: dev +1, test +2, no wrong figure.
            # (Not when most of what the question is about is never written in the knowledge base: "住房公积金按多少
            # 比例交" names a 比例, and no 比例 of it.)
            # A share's label must also name something asked (a report has many shares: 占发展党员总数73.6% does not
            # answer "职工代表里一线工人的比例"); a weight is one of its kind (贵州呢 → 以0.05的权重计入考核得分).
            # Of several such measures, only the one whose sentence is likeliest: "用在一线工人身上的至少要占多少",
            # after a question about 培训经费, is not 职工代表中一线职工的比例.
            # (Nor when the question names something the knowledge base never writes and the label matches nothing of
            # the thing asked: "罢免需要多少比例的职工代表同意" is no 职工代表中一线职工的比例.)
            measured = features.get("measured") and features.get("unknown", 0.0) < 0.5 and (
                not features.get("no_words") or _MEASURE_NAMES[0].search(self.index.figures[n].label)) \
                and not (features.get("unknown_thing") and not features.get("asked_match")) \
                and features.get("sentence_sim", 0.0) >= max(c[2].get("sentence_sim", 0.0) for c in group if c[2].get("measured"))
            # So does a label holding every word of the asked noun, its head the label's own, in the very unit asked
            # ("推进会多少人参加" → 参加会议180人, read with its document's title): the logistic's doubt there is the
            # embedding's, which a sentence pointing back to its title cannot reach. Dev +1, no wrong figure.
            full = all(features.get(k, 0.0) >= 0.99 for k in ("asked_match", "asked_head", "head", "unit"))
            if (features.get("named") or measured or full) \
                    and features.get("unit", 0) >= 0:
                p = max(p, self.tuning.figure_threshold)
            if features.get("context_only") and features.get("unknown_thing") and features.get("unknown", 0.0) >= 0.5 \
                    and features.get("asked_match", 0.0) < 0.5:
                # A label only the conversation's words match does not answer a question most of whose own words the
                # knowledge base never writes ("职工生病住院期间，单位要不要照发病假工资" after 慰问经费): it asks
                # something else, which no document says.
                p = min(p, self.tuning.figure_threshold - 0.01)
            choices.append(FigureChoice(self.index.figures[n], hit, p, n, features))
        return sorted(choices, key=lambda c: -c.score)

    def figure_candidates(self, query: Query, hits: list[Hit], vector: np.ndarray, noun: str = "",
                          previous_answer: str = "", clause: str = "") -> list[tuple[int, Hit, dict[str, float]]]:
        """(figure row, its hit, its features) for the figures of the top hits of each document."""
        candidates: list[tuple[int, Hit, int]] = []
        rank_in_doc: dict[str, int] = {}
        for hit in hits:
            rank = rank_in_doc.get(hit.chunk.doc.id, 0)
            rank_in_doc[hit.chunk.doc.id] = rank + 1
            if rank >= self.tuning.evidence_depth:
                continue
            candidates += [(n, hit, rank) for n in self.index.figure_ids_of(hit.chunk)]
        if not candidates:
            return []
        sims = self.index.label_vectors[[n for n, _, _ in candidates]] @ vector
        label_z = _standardised(sims, self.label_reference @ vector)
        dense_z = _standardised(np.array([hit.dense for _, hit, _ in candidates]), np.array([h.dense for h in hits]))
        unknown = self.unknown_share(query)
        # (whether a thing it names, not a verb, is never written: "病假工资")
        unknown_thing = float(any(len(w) >= 2 and w not in verbs() and not self._known(w) for w in query.subject))
        out = []
        for (n, hit, rank), sim, dz in zip(candidates, label_z, dense_z, strict=True):
            features = self.figure_features(query, n, noun, previous_answer, clause)
            if features is None:
                continue
            features = _with_similarity(features, float(sim), float(dz), rank)
            # (and another grade named anywhere in the question: "高级技师的技能津贴…好多钱" asks 技能津贴, of 高级技师;
            # but "技术最顶尖的那一级技师" names no grade, and describes 首席技师)
            if _other_grade(noun or query.own, self.index.figures[n].label) \
                    or _other_grade(query.own, self.index.figures[n].label, named_only=True):
                continue  # ("技师每月的津贴" is not 首席技师每月技能津贴不低于800元: another grade's)
            if self._not_the_pay_asked(query, noun, self.index.figures[n]):
                continue
            if query.constraints.enterprise and not any(features.get(k) for k in ("asked_match", "named", "described") + (
                    () if _mentions(self.index.figures[n].label, query.constraints.enterprise) else ("head",))):
                # The enterprise a question names, found in a label, says where, not what is counted: "黔磷化工集团有
                # 几个职工董事" is not answered by "黔磷化工集团…等4家单位作了交流发言", which names no 职工董事.
                continue
            out.append((n, hit, features | {"unknown": unknown, "unknown_thing": unknown_thing,
                                            "label_top": float(sim >= label_z.max() - 1e-6)}))
        return self._as_directed(noun, out)

    def _not_the_pay_asked(self, query: Query, noun: str, figure: Figure) -> bool:
        """Whether a question asking a payment (津贴, 奖励, 工资…) is not answered by this figure: what is paid is money
        ("徒弟出师以后师傅能拿多少奖励" is no count of 师徒合同), and someone's ("当职工董事一年有多少津贴" asks a 津贴 of
        职工董事, a thing the knowledge base counts that the sentence of 首席技师每月技能津贴不低于800元 never says)."""
        if not _PAID_HEAD.search(noun):
            return False  # (of what is counted, the question's words may say where)
        if not figure.unit.endswith("元") and asked_units(query.own) in (None, ("元",)):
            return True
        said = f"{figure.sentence} {figure.label}"
        return any(len(w) >= 3 and w in self._terms and w in self._labels and w not in noun and w not in verbs()
                   and not self._says(w, said) for w in query.subject)

    def _as_directed(self, noun: str, out: list[tuple[int, Hit, dict]]) -> list[tuple[int, Hit, dict]]:
        """"被培养成生产骨干的党员" is 党员培养成生产骨干, not 生产骨干培养成党员: of two labels that say who became what,
        the one that became what was asked (when one does; else neither is set aside)."""
        became = _BECOMES.search(noun)
        if not became:
            return out
        directed = {n: _BECOMES.search(self.index.figures[n].label) for n, _, _ in out}
        if not any(d and d.group(1) == became.group(1) for d in directed.values()):
            return out
        return [c for c in out if not directed[c[0]] or directed[c[0]].group(1) == became.group(1)]

    def of_rules(self, doc_id: str) -> bool:
        """Whether most of a document's figures are goals or rules (a policy, not a report)."""
        found = self._rules.get(doc_id)
        if found is None:
            entry = self.index.entries.get(doc_id)
            sentences = [self.index.figures[n].sentence for n in range(*entry.figures)] if entry else []
            found = bool(sentences) and sum(bool(_TARGET_SENTENCE.search(t)) for t in sentences) > len(sentences) / 2
            self._rules[doc_id] = found
        return found

    def unknown_share(self, query: Query) -> float:
        """How much of what the question is about (idf-weighted) the knowledge base never writes."""
        on_subject = query.constraints.on_subject
        weights = {w: self.weight(w) for w in self._subject_parts(query, on_subject)}
        if not weights:
            return 0.0
        return sum(wt for w, wt in weights.items() if not self._known(w, on_subject)) / sum(weights.values())

    def _subject_parts(self, query: Query, on_subject: bool) -> list[str]:
        """The question's subject words as the knowledge base would write them, for weighing what it never writes:
        - single characters the segmenter split out of one written word are that word again ("在昆钢干了": 昆, 钢
          → 昆钢);
        - a word the knowledge base does not write, made of an unwritten modifier before a word it writes, is that
          modifier and the word (老师傅 → 老, 师傅; 正规渠道 → 正规, 渠道): the modifier still counts as unwritten, by
          its own weight. Not of a figure question: a count is of the very group named (女职工代表 are not 职工代表).
          Two written words joined stay one unwritten word (劳动合同: the pair is a thing of its own)."""
        memo = getattr(self._memo, "parts", None)
        if memo is not None and memo[0] is query and memo[1] == on_subject:
            return memo[2]
        words, text = list(query.subject), query.text
        parts: list[str] = []
        counting = query.intent in ("figure", "two_figures")
        i = 0
        while i < len(words):
            w = words[i]
            if i + 1 < len(words) and len(w) == 1 == len(words[i + 1]) and w + words[i + 1] in text \
                    and not self._known(w, on_subject) and self._known(w + words[i + 1], on_subject):
                parts.append(w + words[i + 1])
                i += 2
                continue
            cut = next((k for k in range(1, len(w) - 1) if not self._known(w[:k], on_subject)
                        and self._known(w[k:], on_subject)), 0) if len(w) >= 3 and not counting \
                and not self._known(w, on_subject) else 0
            # (and a written word before an unwritten one, each of two or more: 适用范围 → 适用, 范围, so that "本意见适用
            # 于…" holds a part of it)
            after = next((k for k in range(2, len(w) - 1) if self._known(w[:k], on_subject)
                          and not self._known(w[k:], on_subject)), 0) if len(w) >= 4 and not counting and not cut \
                and not self._known(w, on_subject) else 0
            if cut:
                parts += [w[:cut], w[cut:]]
            elif after:
                parts += [w[:after], w[after:]]
            else:
                parts.append(w)
            i += 1
        self._memo.parts = (query, on_subject, parts)
        return parts

    def _units_asked(self, query: Query, noun: str, clause: str, previous_answer: str = ""
                     ) -> tuple[bool, tuple[str, ...] | None]:
        """Whether how often is asked, and the units the question asks for: the same for every candidate figure of
        one question, so worked out once per question and noun (the last one is remembered, per thread)."""
        memo = getattr(self._memo, "units", None)
        if memo is not None and memo[0] is query and memo[1] == (noun, clause):
            return memo[2]
        own = query.own if query.context else query.full_text  # (not what it sets aside: "…？不是开展次数")
        # How often is asked in the question, or by the conversation a follow-up about nothing of its own continues
        # ("云南22年是怎么规定的" after "贵州…多久开一次例会"), unless the follow-up counts in its own words ("云南22年
        # 开了好多次" after "按规定一年至少开几次": how many were held).
        how_often = _HOW_OFTEN.search(clause or own) or (
            not clause and not _ASKED_MEASURE.search(own) and _HOW_OFTEN.search(query.continued))
        # (unless the clause that asks names another measure: "0.03的系数，我工资能多拿多少钱" asks money)
        if _MEASURE_NAMES[0].search(clause or own) \
                and not _MEASURE_ASKED.search(_asking_clause(clause or own)):
            # a weight is a plain number however asked ("权重占多少": 0.05)
            units = ("",)
        elif _UNIT_CLASSES[0][0].search(clause or own):  # a share asked of anything ("经费按工资总额提多少")
            units = _UNIT_CLASSES[0][1]
        elif how_often:  # "多久开一次会": how many times in a period, not how long
            units = ("次",)
        elif bare := _bare_measure(own):  # "人次呢" after "劳动竞赛搞了多少次": the measure it names, of the same thing
            units = bare
        elif clause:  # one figure of a two-figure question: the unit its own clause asks for, not the other's
            units = _unit_class(noun) or _unit_class(clause)
        else:
            # A follow-up asks what its conversation asked ("按什么比例" before "其中用在一线职工的要多少"), before what
            # the conversation was about suggests (经费: money).
            # (of the clause that asks: "我在昆钢干了十几年了，…建起好多个了" asks no length of time)
            # (a counter said with 多少 comes first: "这些钱一共慰问了多少人" counts people, whatever money it points back to)
            counter = re.search(r"(?:多少|几)(?:人次|人|名|位|元)", _asking_clause(own))
            units = (_unit_class(counter.group(0)) if counter else None) or _unit_class(noun or _asking_clause(own)) \
                or asked_units(own) \
                or ((_bare_measure(re.split(r"[，,]", query.context_question)[-1]) or _unit_class(query.context_question)
                     # (or, the question before naming no measure, the one the answer just given is in: "实际达到了
                     # 多少" after 不低于65% is a share again, "那企业这边配了多少" after 360万元 money)
                     or _answer_units(previous_answer)) if query.context else None) \
                or asked_units(query.full_text)
            if units == _UNIT_CLASSES[0][1] and _ASKED_MEASURE.search(own) and not _UNIT_CLASSES[0][0].search(own):
                units = None  # "实际选了多少个" after "要占多少比例": a count, whatever share was asked before
            units = _with_share_of_part(units, _asking_clause(own))
            if units == ("元",) and (_DRAWN.search(_asking_clause(own)) or PORTION_OF_MONEY.search(own)):
                # ("职工教育经费要提多少": a fund is drawn as a share of the payroll, or a sum; "用于一线职工的至少多少": the
                # part of it that goes to something, a share of it or a sum)
                units = ("元", "%")
        found = (bool(how_often), units)
        self._memo.units = (query, (noun, clause), found)
        return found

    def figure_features(self, query: Query, n: int, noun: str, previous_answer: str, clause: str = ""
                        ) -> dict[str, float] | None:
        """The words' side of the features of "does figure n answer the question" (_with_similarity adds the
        vectors' side); None when it plainly cannot (wrong kind of unit, or the figure the previous answer already
        gave, asked again by a follow-up). The same for one question, noun and clause whatever the search found, so
        remembered (per thread, for the question last asked): figures likely to be candidates are read while the
        question is embedded (read_ahead)."""
        key = (noun, previous_answer, clause)
        memo = getattr(self._memo, "features", None)
        if memo is None or memo[0] is not query or memo[1] != key:
            memo = self._memo.features = (query, key, {})
        known = memo[2]
        if n not in known:
            known[n] = self._figure_words(query, self.index.figures[n], self.label_words(n), noun, previous_answer,
                                          clause)
        return known[n]

    def _own_said(self, query: Query) -> str:
        """What a follow-up says in its own words, with their synonyms (not the conversation's)."""
        memo = getattr(self._memo, "own_said", None)
        if memo is None or memo[0] is not query:
            expansions = [m for _, others in self.lexicon.expansion_groups(query.own) for m in others]
            memo = self._memo.own_said = (query, " ".join([query.own, *expansions]))
        return memo[1]

    def read_ahead(self, query: Query, previous_answer: str) -> Callable[[list[int]], None] | None:
        """For a one-figure question, what to do with the chunks the keyword lists rank first while the question is
        embedded (Retriever.search): read their figures against the question, so that less is left to do once its
        vector is there. None for any other question."""
        if query.intent != "figure" or query.constraints.unmet:
            return None
        noun = (query.asked[:1] or ("",))[0]  # (as _one_or_two_figures asks a one-figure question)

        def read(rows: list[int]) -> None:
            for chunk in self.index.chunks.many(rows):
                for n in self.index.figure_ids_of(chunk):
                    self.figure_features(query, n, noun, previous_answer)

        return read

    def _figure_words(self, query: Query, figure: Figure, words: tuple[str, ...], noun: str, previous_answer: str,
                      clause: str) -> dict[str, float] | None:
        own = query.own if query.context else query.text
        how_often, units = self._units_asked(query, noun, clause, previous_answer)
        side = self._question_side(query, noun, clause)
        if units and not _fits(figure, units):
            return None  # (a fraction, 三分之一, is a share)
        if len(noun) >= 3 and re.search(rf"占{re.escape(noun)}", figure.sentence) and "%" not in figure.unit \
                and not re.search(rf"{re.escape(noun)}(?:里|中|当中|里面|里头|之中)的?[\u4e00-\u9fff]{{2}}",
                                  f"{query.text} {query.context_question}"):
            # ("发展党员总数是多少": the sentence gives it as what 73.6% is of; 2943名 counts a part of it) (unless the
            # part is what was asked of it: "人数是多少" after "发展党员里产业工人占比多少")
            return None
        if units is None and "%" in figure.unit and re.search(r"多少|几", own) \
                and not re.search(r"率|比|占|百分|少于|低于|至少|最少|最低", own + " " + query.context_question):
            # "发展了多少党员" counts them: 占发展党员总数73.6% is no count (建制率, 比例, 占, and a minimum, "不能少于
            # 多少", may ask a share)
            return None
        if how_often and not _RATE.search(figure.sentence):
            return None
        # (not from a lead listing every kind: "云岭工匠的几个" after 劳模创新工作室23个，…云岭工匠创新工作室12个，… asks
        # one of them)
        given_numbers = len(re.findall(r"(?<![\d.])\d+(?:\.\d+)?", previous_answer.split("\n", 1)[0])) if previous_answer else 0
        if query.context and previous_answer and not query.narrows and not query.claimed \
                and not (query.excluded and given_numbers >= 2) \
                and not (len(query.constraints.years) >= 2 or len(query.constraints.regions) >= 2
                         or len(query.asked) >= 2) \
                and _gave(previous_answer, figure) and given_numbers < 3 \
                and not (_core(noun) and _core(noun) == _core(figure.label)):
            # (unless it is asked again by its very name: "全国劳模呢" after "全国劳模45人" is that row still, not
            # 全国示范性劳模创新工作室1个 beside it; or put to be confirmed: "是671吧"; or asked beside another year's
            # or region's, or another thing: "差多少" after 617名 and then 596名 asks both, and "加起来呢" after
            # 职工董事 and then 监事; nor one of those just given, the rest set aside: "不要国资委的，就要企业那部分")
            return None
        # A goal or rule never answers "how many were done", nor a count "what is required". In a document of rules
        # (a policy: most of its figures are goals or rules) every figure is one, however worded ("每年评选表彰
        # “黔灵工匠”100名"), and a rule answers an amount not asked as something done ("首席技师每月技能津贴给多少").
        rule = bool(_TARGET_SENTENCE.search(figure.sentence)) or self.of_rules(figure.doc.id)
        # (An amount per month or year is what a rule states, however asked: "首席技师每个月技能津贴有多少钱".)
        # (A level held to, "均保持在90%以上", "坚持每年召开1—2次", is both what is kept to and what was done, asked
        # as such: "要求保持在多少", "一年要求开几次"; not "一线职工至少要占多少比例", which no such sentence states.)
        held = _HELD_TO.search(figure.sentence) and (how_often or re.search(r"保持|坚持|一年|每年|每季度", query.original))
        if rule != _asks_plan(query, figure) and not held and not (
                rule and self.of_rules(figure.doc.id)
                # (in the clause that asks the figure: "职工董事一届干几年？干完了还能接着干不" asks the term)
                and (not side.done_asked or side.rate_asked)):
            return None
        if query.excluded and (all(_covered(w, figure.label) for w in query.excluded)
                               or any(len(w) >= 3 and _covered(w, figure.label) for w in query.excluded)):
            # "职工创新工作室有几个？不是劳模那个": not the 劳模创新工作室; "除了职工驿站跟母婴室…": neither one. (What is
            # set aside is a term, or all its words: "不包括各企业党委的专款" sets aside no 省国资委党委's 经费, whose
            # label holds 党委 alone.)
            return None
        negated = _NEGATED_ASKED.search(own)
        if negated and re.search(rf"已?{negated.group(1)}了?{re.escape(negated.group(2))}的", figure.sentence):
            return None  # "没建工会的企业占百分之几": not what 已建工会的 ones do
        # A figure of another level than the one asked ("全国文明单位" asked, "全省文明单位" counted) does not answer.
        # (One of the asked level however written, 省级 / 全省 / 省里, is found through the lexicon's level groups.)
        asked_levels = side.levels
        label_levels = self.levels(figure.label)
        if asked_levels and label_levels and not asked_levels & label_levels:
            return None
        # (A label naming its province, 贵州省五一劳动奖章获得者, is of the province's level to a question naming another
        # in its own words: "全国五一劳动奖章获得者有多少". A conversation's level bars it not: "云南省先进工作者呢" after
        # 全国劳模 asks it.)
        if side.own_levels and not label_levels and "省" not in side.own_levels and self._province_named(figure.label):
            return None
        if query.context and side.noun_words and all(w in self.level_of for w in side.noun_words):
            # "国家级的呢" names a level alone, of what its conversation counted: a label of that level counting
            # another thing (全国劳模 after 省级产改工作示范点) does not answer it; 省部级劳模 after 全国劳模 does.
            # (or of what it names besides: "刚才说的劳模，省部级的有多少")
            things = [t for w in self.lexicon.words_of(f"{query.own} {query.context}")
                      if w not in self.level_of and len(t := self._level_names.sub("", w)) >= 2 and self._is_topic(t)]
            said = f"{figure.label} {_said_after(figure)}"
            if things and not any(_covered(t, said) or _named_by_synonym(t, said, self.lexicon) for t in things):
                return None
        asked_text = side.asked_text
        context_text = query.context
        weights = [self._idf(w) for w in words] or [1.0]
        own_cover = sum(wt for w, wt in zip(words, weights, strict=False) if _covered(w, asked_text)) / sum(weights)
        any_cover = sum(wt for w, wt in zip(words, weights, strict=False)
                        if _covered(w, asked_text) or _covered(w, context_text)) / sum(weights)
        # The label's head is its last word naming a thing: not a verb, nor how often or how much at least
        # ("职工代表大会每年至少召开" is headed by 职工代表大会).
        head = next((w for w in reversed(words) if not (len(w) >= 2 and w in verbs()) and not _RATE_WORD.fullmatch(w)),
                    words[-1] if words else "")
        noun_words = side.noun_words
        asked_or_meant = side.asked_or_meant
        if any(self._another_kind(w, figure.label, asked_or_meant) or self._sibling(w, words, figure.sentence, asked_or_meant)
               for w in noun_words) or self._unwritten_compound(noun_words, asked_or_meant, figure.label):
            return None
        noun_words = side.weighty  # (without its light verbs: see _question_side)
        # The asked noun's words found in the label, each as much as it says (技能大师工作室 is not 职工创新工作室
        # because 技能 and 大师 are missing, though 工作室 is there).
        noun_weights = side.noun_weights
        label = _in_context(figure)
        # The thing counted, asked on its own, is not a word that only says which of another thing the label counts
        # ("培训好多职工" is not answered by 职工技师工作站14个).
        counted = side.counted
        # (and in what the figure's own clause says of it after it: "划拨320万元经费慰问企业困难党员和职工")
        # (and, of a share, what it is the share of: "发展产业工人党员2943名，占发展党员总数的73.6%" is the 产业工人's share)
        share_of = _share_of(figure)
        said = f"{label} {_said_after(figure)} {share_of}"
        asked_match = (sum(wt for w, wt in zip(noun_words, noun_weights, strict=True)
                           if (_covered(w, said) and (w != counted or self._names_counted(w, label)))
                           # (a level however written: 省里 asked is the 省 of 云南省先进工作者. Only as a word matched:
                           # a label naming its province sets no level, which a conversation's level would then bar)
                           or (w in self.level_of and (self.level_of[w] in label_levels or (
                               self.level_of[w] == "省" and self._province_named(figure.label))))
                           or (w not in self.level_of and (_named_by_synonym(w, label, self.lexicon) or (
                               # (a word saying which ones, by its synonym inside the label's term: 劳动模范…创新工作室
                               # is 劳模创新工作室)
                               w != counted and any(w in present and any(o in label for o in others)
                                                    for present, others in self.lexicon.expansion_groups(w))))))
                       / sum(noun_weights)) if noun_words else 0.0
        if query.context and asked_match == 0 and any(
                len(w) >= 2 and w in query.own and self._written_thing(w) and w not in verbs()
                and w not in self.level_of and w not in self._scopes and not self._names_document(w) for w in noun_words) \
                and not any(_covered(w, self._own_said(query))
                            # (not a label's word said only inside a longer one asked that the label lacks: 代表 of
                            # "全国人大代表呢" is no 党的二十大代表)
                            and not any(w in n and w != n and not _covered(n, figure.label) for n in noun_words)
                            for w in words):
            # "政协委员呢" after questions about 代表: a follow-up naming its own thing, which the knowledge base writes,
            # is not answered by a label only the conversation's words match (当选党的二十大代表), nor only their
            # synonyms ("母婴室的目标呢" after 职工驿站's: not 建成职工驿站200个 beside 母婴室150个)
            return None
        # ("云南同一年呢" asks the measure its conversation asked: 多少次, not 多少人次.)
        measure = side.measure
        unit_feature = 0.0
        if measure and not units and re.search(r"%|元", figure.unit):
            return None  # a count asked in its measure word ("开了好多次") is never a share or a sum of money
        if units:
            unit_feature = 1.0
        elif measure and measure.group(1) not in "个":
            if _counts_other(figure.unit, measure.group(1), own=bool(
                    re.search(rf"(?:多少|几|好多){re.escape(measure.group(1))}", query.own))):
                return None  # "开了多少次职代会" is never answered by people (职工董事596名), nor "多少人" by times
            fits = _measures(figure.unit, measure.group(1))
            if not fits and re.search(rf"(?:多少|几){re.escape(measure.group(1))}", query.own) \
                    and _sentence_measures(figure.sentence, measure.group(1)):
                # ("我们提的意见建议，职代会那边收了好多条": 职代会728次 is not the row asked; 意见建议5016条 beside it is)
                return None
            unit_feature = 1.0 if fits else -1.0
        elif measure and re.fullmatch(r"年|个?月|天|日|小时|周|岁", figure.unit):
            return None  # ("职工董事应该选几个" is never a term of 3年: a count asked is no length of time)
        elif measure and figure.unit.endswith("个"):
            unit_feature = 1.0  # (几个 counts anything, 几个人 too: a figure in 个 fits it, one in another unit may)
        noun_core = side.noun_core
        # What the asked noun describes in words the documents never write ("可以歇脚喝口水的那种站点") or in a worker's
        # everyday phrase ("进董事会说上话的"), named by the knowledge base's own term (职工驿站, 职工董事).
        # (Not a level: "国家级示范的…" stands in 全国, which says which ones, not what is counted.)
        # (or in the clause before, which the asked noun points back to: "…被选进董事会了，代表工人那种。听说…这种人有
        # 好几百个")
        described_in = query.own if _POINTS_BACK.search(noun) else noun
        described = float(any(o in figure.label for present, others in self.lexicon.expansion_groups(described_in)
                              for o in others if (o in query.stand_ins or o in query.meant) and o not in self.level_of)
                          ) if noun else 0.0
        # (会议 in a sentence about the meeting its document reports is that meeting: named by a question naming it.)
        head_covered = float(bool(head) and (_covered(head, asked_text) or _covered(head, context_text)
                                             or (label != figure.label and bool(_EVENT_REFERENCE.search(head))
                                                 and asked_match > 0)
                                             or _synonym_in(head, "x", asked_text + context_text, self.lexicon)))
        # The counted thing is the asked noun's last word (职代会的职工代表 → 代表): it must be in the label.
        part = f"{label} {share_of}"  # (a share's head is the part it is the share of)
        asked_head = float(bool(noun_words) and ((_covered(noun_words[-1], part)
                                                  and (not counted or self._names_counted(counted, part)))
                                                 or _synonym_in(noun_words[-1], "x", part, self.lexicon)))
        # (how often it is asked, and what is done to it, say nothing of what it is: "黔灵工匠每年评几个")
        things = [w for w in noun_words if not _RATE_WORD.fullmatch(w) and not (len(w) == 1 and w in verbs())]
        if len(things) == 1 and things[0] in figure.label and things[0] not in verbs() \
                and not query.context:  # (a follow-up "云岭工匠的呢" asks the 云岭工匠 one of what came before)
            # "产业工人有多少" is not answered by 发展产业工人党员: a term of the knowledge base right after the asked
            # word (党员) is what is counted; the asked word only says which ones.
            after = figure.label.split(things[0], 1)[1]
            term = next((t for t in self.lexicon.words_of(after)[:1] if t in self._terms), "")
            if term and not _covered(term, asked_text + context_text):
                return None
        if asked_head and self._narrower_asked(figure, noun_words):
            return None
        last = noun_words[-1] if len(noun_words) >= 2 else ""
        # (not the people of it, "得过…奖章的职工", nor the thing named in other words, 示范点 of 示范单位)
        if not asked_head and re.fullmatch(r"[\u4e00-\u9fff]{2,}", last) and not POPULATION.fullmatch(last) \
                and not any(last[k: k + 2] in part for k in range(len(last) - 1)) \
                and self._is_topic(last) and last not in verbs() and not _COUNT_NOUN.search(last) \
                and self.writes(last) and not _covered(last, figure.sentence) \
                and not _synonym_in(last, "x", figure.sentence, self.lexicon) \
                and any(_covered(w, part) for w in noun_words[:-1]):
            # "职工董事任期有多少" is not 职工董事542名: the label names what the asked thing is of (职工董事), not the
            # thing (任期), which the knowledge base writes elsewhere and this sentence does not
            return None
        if self._only_inside_longer(noun_words, figure, f"{own} {query.context} {query.context_question}") \
                or self._unwritten_which(query, noun_words, figure, own):
            return None
        latin = side.latin
        lexical = max(any_cover, asked_match)
        return {
            "label_cover": any_cover,
            "head": head_covered,
            "asked_match": asked_match,
            "lexical": lexical,
            "asked_head": asked_head,
            # (or the noun as the documents write it, a word of it by its synonym: 全国劳模 is 全国劳动模范)
            "exact": float(bool(noun_core) and (noun_core in figure.label or _core(figure.label) in own
                                                or any(v in figure.label for v in side.rewritten_cores))),
            # (by either of the names the document gives it: 爱心妈妈屋(母婴室) is named 母婴室 too)
            "named": float(bool(noun_core) and noun_core in {_core(figure.label)} | {
                _core(name) for name in re.split(r"[()（）]", figure.label) if name}),
            "described": described,
            # (Not scored: the answer then leads with the label, to say which level its figure is of, "劳模有多少" →
            # 全国劳模45人, or in what period a rate is when the question did not say, "多久开一次会" → 坚持每季度召开
            # 工作例会1次.)
            "level_unasked": float(bool(label_levels) and not asked_levels),
            "how_often": side.how_often,
            "measured": float(any(asked and m.search(figure.label) for asked, m in zip(side.measured, _MEASURE_NAMES, strict=True))),
            "latin": latin,
            "no_words": float(any_cover == 0 and asked_match == 0 and not head_covered),

            "run": min(1.0, _common_run(figure.label, noun or own) / max(2, min(len(figure.label), 6))),
            "run_own": min(1.0, _common_run(figure.label, own) / max(2, min(len(figure.label), 6))),
            "unit": unit_feature,
            "context_only": float(any_cover > 0 and own_cover == 0 and bool(query.context)),
            # (a question complete on its own: whether the label names what the conversation was about)
            "conversation": float(any(w in figure.label for w in self._topical(query.conversation))),
        }

    def _only_inside_longer(self, noun_words: tuple[str, ...], figure: Figure, asked: str) -> bool:
        """Whether a word of the asked thing is in the figure's sentence only as part of a longer term, and not in its
        label: "职工代表一届任期几年" is not 职工董事's 3年 of "职工董事由职工代表大会民主选举产生，每届任期不超过3年" (职工代表
        is there only in 职工代表大会). (Of three characters or more: 企业 of 各省属企业 is no other thing.)"""
        def asks_of(term: str) -> bool:  # (the question names some of it, or a synonym: 工作室 of 创新工作室)
            return any(len(w) >= 2 and w in term for w in (*noun_words, *self.lexicon.words_of(asked))) or any(
                len(w) >= 2 and (_covered(w, asked) or any(o in asked for _p, others in self.lexicon.expansion_groups(w)
                                                           for o in others))
                for w in (term, *self.lexicon.words_of(term)))

        sentence = figure.sentence
        for word in noun_words:
            if len(word) < 3 or word not in sentence or word in LIGHT_WORDS or word in verbs() or word in self._scopes \
                    or self.levels(word):  # (a level, 省部级, says which ones of the thing written after it)
                continue
            # (a term going on after the word names another thing, 职工代表 → 职工代表大会; one before it, 国资委 →
            # 省国资委, names the same one) (read where the word is written: no scan of every term)
            at = [m.start() for m in re.finditer(re.escape(word), sentence)]
            longer = [t for start in at for k in range(len(word) + 1, min(len(word) + 12, len(sentence) - start) + 1)
                      if (t := sentence[start: start + k]) in self._terms and not asks_of(t[len(word):])]
            # (so does a term written right after it that the question does not ask: "黔灵工匠创新工作室16个" counts
            # 创新工作室, of which 黔灵工匠 says which ones)
            # (when the word is counted on its own elsewhere, a label ending in it: 每年评选表彰黔灵工匠 100名; "全国示范性"
            # never is, and names the one thing it is written before)
            text = sentence if self._counted_alone(word) else ""
            longer += [word + after[0] for m in re.finditer(re.escape(word), text)
                       if (after := self.lexicon.words_of(text[m.end(): m.end() + 8])[:1]) and len(after[0]) >= 3
                       and after[0] in self._terms and after[0] not in verbs() and not asks_of(after[0])]
            rest = f"{figure.label} {figure.sentence}"
            for term in sorted(set(longer), key=len, reverse=True):
                rest = rest.replace(term, "")
            # (unless another word asked names the figure's thing in part, describing it: "进董事会的职工代表" is
            # 职工董事)
            describing = any(len(w) >= 2 and w != word and w not in figure.label
                             and any(g in figure.label for g in _word_bigrams(w)) for w in noun_words)
            if longer and word not in rest and not describing:
                return True
        return False

    def _unwritten_which(self, query: Query, noun_words: tuple[str, ...], figure: Figure, own: str) -> bool:
        """Whether the asked thing is said to be those that did something ("X的") the knowledge base never writes:
        "职工董事里辞职的有几个", "劳动竞赛里获奖的有多少人次" ask a part of what 职工董事617名 and 62572人次参与 count,
        which no document counts apart. (Not a description the glossary reads as a term: "喂奶的妈妈的房间".)"""
        if query.meant or query.stand_ins or query.context:
            return False
        # (a verb, the ones among them who did it counted: "…里获奖的有", "…中辞职的职工"; not "通过职代会选出的职工董事",
        # which says how all of them came to be, nor "用…名头来挂牌的创新工作室", what a thing is)
        # (or a kind of people no document writes of, "女职工拿五一劳动奖章的有几个": those of them)
        return any(len(w) >= 2 and w not in LIGHT_WORDS and not self.levels(w)
                   and not self._known(w) and not _covered(w, figure.sentence)
                   and not _named_by_synonym(w, figure.sentence, self.lexicon)
                   and ((w in verbs() and re.search(rf"(?:里|中|里面|里头|当中|之中)[^，,。？?！!]{{0,6}}?{re.escape(w)}了?的"
                                                   r"(?:$|[有是共一总]|多少|几|好多|(?:一线)?(?:职工|工人|员工|同志|人|党员))", own))
                        or (len(w) >= 3 and _KIND_OF_PEOPLE.search(w)))
                   for w in noun_words)

    def _counted_alone(self, word: str) -> bool:
        """Whether some figure's label ends in this word (每年评选表彰黔灵工匠: 黔灵工匠 is counted on its own)."""
        memo = self.__dict__.setdefault("_alone_memo", {})
        if word not in memo:
            memo[word] = re.search(rf"{re.escape(word)}$", self._labels, re.M) is not None
        return memo[word]

    def _question_side(self, query: Query, noun: str, clause: str) -> _QuestionSide:
        """What figure_features reads of the question, the same for every candidate figure of one question, noun and
        clause: worked out once (the last one is remembered, per thread)."""
        memo = getattr(self._memo, "side", None)
        if memo is not None and memo[0] is query and memo[1] == (noun, clause):
            return memo[2]
        own = query.own if query.context else query.text
        noun_words = self.lexicon.words_of(noun) if noun else ()
        # (a light verb in it says how, not what is counted: "评上全国文明单位" counts 全国文明单位)
        weighty = tuple(w for w in noun_words if w not in LIGHT_WORDS)
        weighty = weighty if len(weighty) >= 2 and not query.context else noun_words
        noun_core = _core(noun)
        # (not the level of what it sets aside: "不是全国劳模那个，云南省先进工作者多少人" asks no 全国 one)
        leveled = clause or (query.own if query.excluded else own)
        side = _QuestionSide(
            levels=self.levels(leveled) or (self.levels(query.context) if query.context else frozenset()),
            own_levels=self.levels(leveled),
            asked_text=" ".join([own, " ".join(query.expansions), " ".join(c.read_as for c in query.corrections)]),
            asked_or_meant=f"{own} {' '.join(query.expansions)}",
            noun_words=noun_words, weighty=weighty, noun_weights=[self.weight(w) for w in weighty],
            counted=weighty[-1] if weighty and len(weighty[-1]) >= 2 and not query.context else "",
            measure=_ASKED_MEASURE.search(clause or own) or (  # (the measure asked last, of the conversation's)
                next(reversed(list(_ASKED_MEASURE.finditer(query.context_question))), None) if query.context and not clause
                else None),
            noun_core=noun_core,
            rewritten_cores=tuple(c for c in (_core(v) for v in self._rewritten(noun_core)) if c),
            latin=float(bool(re.search(r"[a-z]{3,}", query.text)) and not re.search(r"[\u4e00-\u9fff]{2}", query.text)),
            how_often=float(bool(_PERIOD_UNSAID.search(clause or own))),
            measured=tuple(bool(m.search(clause or f"{own} {query.context}")) for m in _MEASURE_NAMES),
            # (or by the question a follow-up about nothing of its own continues: "去年的呢" after "…一共建了多少个")
            # (not "其中…有多少" of what was just given, with nothing said done: a part of a rule is a rule, "其中用在一线
            # 职工身上的有多少" after the share of wages the 职工教育经费 is drawn at)
            done_asked=bool((_DONE_QUESTION.search(_asking_clause(query.full_text))
                             and not (query.context and re.match(r"(?:那|那么)?其中", query.own)
                                      and not _PERFECTIVE.search(query.own)))
                            or (query.continued and not _TARGET_QUESTION.search(query.text)
                                and QUANTITY.search(query.continued)
                                and _DONE_QUESTION.search(_asking_clause(query.continued)))),
            rate_asked=bool(_RATE.search(clause or own)))
        self._memo.side = (query, (noun, clause), side)
        return side

    def _topical(self, text: str) -> tuple[str, ...]:
        """The words of a text that say what it is about (not 公司, 自己), once per text: every candidate figure of a
        question is checked against its conversation's."""
        found = self._topical_words.get(text)
        if found is None:
            found = tuple(w for w in self.lexicon.words_of(text) if self._is_topic(w)) if text else ()
            if len(self._topical_words) >= 50_000:
                self._topical_words.clear()
            self._topical_words[text] = found
        return found

    def _narrower_asked(self, figure: Figure, noun_words: tuple[str, ...]) -> bool:
        """Whether the question asks a narrower kind of what the figure counts, one the knowledge base counts apart:
        an asked word the figure's label lacks is in a longer label holding this one ("国家级示范的劳模创新工作室"
        asked of 2021, whose report counts only 劳模创新工作室21个; 2022's counts 全国示范性劳模创新工作室1个)."""
        missing = [w for w in noun_words if len(w) >= 2 and w not in LIGHT_WORDS and w not in self.level_of
                   and not _covered(w, figure.label) and not _named_by_synonym(w, figure.label, self.lexicon)
                   and not _covered(w, f"{figure.doc.title} {figure.doc.scope}")]  # (省属企业: whose, not which)
        if not missing or len(figure.label) < 2:
            return False
        longer = self._longer_labels.get(figure.label)
        if longer is None:
            if len(self._longer_labels) >= 4096:
                self._longer_labels.clear()
            longer = self._longer_labels[figure.label] = tuple(
                {f.label for f in self.index.figures.matching((figure.label,))
                 if figure.label in f.label and f.label != figure.label})
        return any(w in other for other in longer for w in missing)

    def _sibling(self, word: str, label_words: tuple[str, ...], sentence: str, asked: str) -> bool:
        """Whether the label names a sibling of the asked word, not the word: the same term with one part swapped,
        both written by the knowledge base, and the sentence never naming the asked one (职工监事 asked, 职工董事每届
        任期不超过3年 counted; 职工书屋 asked, 职工驿站 counted)."""
        if len(word) < 3 or word in verbs() or _covered(word, sentence) \
                or _named_by_synonym(word, sentence, self.lexicon) or not self._known(word):
            return False
        for other in label_words:
            if len(other) != len(word) or other == word or _covered(other, asked):
                continue
            front = len(os.path.commonprefix([word, other]))
            back = len(os.path.commonprefix([word[::-1], other[::-1]]))
            if 2 <= front + back < len(word) and self._known(other):
                return True
        return False

    def _names_counted(self, word: str, label: str) -> bool:
        """Whether the label counts the asked thing, not only names it inside a longer term: its last pair of
        characters, when the word is only mostly in the label, too (全国劳模 is not counted by 全国示范性劳模创新工作室,
        whose 劳模 is of 劳模创新工作室)."""
        if word in label:
            return _free_in(word, label, self.lexicon, True)
        return word[-2:] not in label or _free_in(word[-2:], label, self.lexicon, True)

    def _rewritten(self, noun: str) -> list[str]:
        """The noun with one word of it replaced by each of that word's synonyms (全国劳模 → 全国劳动模范)."""
        return [noun.replace(word, other) for present, others in self.lexicon.expansion_groups(noun)
                for word in present if word in noun for other in others]

    def _another_kind(self, word: str, label: str, asked: str) -> bool:
        """Whether the label counts another kind of the thing the asked word names: 高级技师, a word no document writes,
        asked, and 首席技师 counted (the same head, 技师, after another word the question does not say)."""
        if len(word) < 3 or word in verbs() or _covered(word, label) or self._known(word):
            return False
        head = word[-2:]
        at = label.find(head)
        # (the word before it is one of the label's own, not the tail of one: 云南省职工创新工作室 is no other kind of
        # 职工 than "普通职工")
        return at >= 2 and self._known(head) and label[at - 2:at] not in asked and bool(_HAN_PAIR.fullmatch(label[at - 2:at])) \
            and label[at - 2:at] in self.lexicon.words_of(label)

    def _unwritten_compound(self, words: tuple[str, ...], asked: str, label: str) -> bool:
        """Whether the asked thing is two written words that no document writes together, whose second heads a longer
        term of the label after other words: 工会经费 asked (工会, 经费 written, never as one) and 职工教育经费 counted is
        another kind of 经费, as 青年工作室 is no 劳模创新工作室."""
        for first, head in zip(words, words[1:], strict=False):
            if len(head) < 2 or len(first) < 2 or head in verbs() or first in verbs() or first + head not in asked \
                    or self._known(first + head) or _covered(first, label) or not self._known(first):
                continue
            # (a word of two or more before the head, not a level's one: 省国资委 is no other kind of 国资委)
            if any(len(w) >= len(head) + 2 and w.endswith(head) and w[: -len(head)] not in asked
                   for w in self.lexicon.words_of(label)):
                return True
        return False

    def _written_thing(self, word: str) -> bool:
        """Whether the knowledge base writes a word as a term or in a label, or, said with a level before it, the
        thing of that level (全国五一劳动奖章: 五一劳动奖章, in 云南省五一劳动奖章)."""
        bare = self._level_names.sub("", word) if self._level_names else word
        return any(len(w) >= 2 and (w in self._terms or w in self._labels) for w in {word, bare})

    def levels(self, text: str) -> frozenset[str]:
        """The levels (全国, 省…) a text names."""
        if not text or self._level_names is None:
            return frozenset()
        found = frozenset(self.level_of[m] for m in self._level_names.findall(text))
        # (省 right before a body of the province names its level too: 省人大代表, 省第十一次党代会)
        if "省" in self.level_of.values() and _PROVINCIAL_BODY.search(text):
            found |= {"省"}
        return found

    def _names_document(self, word: str) -> bool:
        """Whether a word is of a document's title or kind (报告, 实施意见, 推进会): which document, not what it counts."""
        return any(word in f"{d.title} {d.kind}" for d in self.index.documents.values())

    def _province_named(self, text: str) -> bool:
        """Whether a text opens a name with a covered province's name and 省 (云南省先进工作者, 贵州省五一劳动奖章)."""
        if self._province_names is None:
            regions = [r for r in (self.index.constraints or {}).get("regions", {}) if r != "全国"]
            # (not 贵州省属企业, whose enterprises)
            self._province_names = re.compile(rf"(?:{'|'.join(map(re.escape, regions))})省(?!属|管|委|国资委|人民政府|总工会|政府|内|里)") \
                if regions else re.compile(r"(?!x)x")
        return bool(self._province_names.search(text))

    def _same_thing(self, a: FigureChoice, b: FigureChoice) -> bool:
        """Whether another document's figure counts what the best one counts: the same label, or a label as
        close in meaning that matches the question's words at least as well (劳模创新工作室 in one report is
        not 全国示范性劳模创新工作室 in the other)."""
        if a.figure.label == b.figure.label:
            return True
        # Not `exact`: another document words the same thing its own way (省部级劳动模范 for 省部级劳模).
        words_as_well = all(a.features.get(k, 0) >= b.features.get(k, 0) - 0.01 for k in ("asked_match", "asked_head"))
        same_head = self.label_words(a.row)[-1:] == self.label_words(b.row)[-1:]
        similarity = float(self.index.label_vectors[a.row] @ self.index.label_vectors[b.row])
        return words_as_well and (same_head or similarity >= self.tuning.same_label_similarity)

    def _parallel(self, row: tuple[FigureChoice, ...], best_row: tuple[FigureChoice, ...],
                  candidates: list[list[tuple[int, Hit, dict]]], asked: tuple[str, ...] = ()) -> bool:
        """Whether another document's row is the best row as that document writes it: each figure in the same
        unit, and the two figures each other's closest (label and sentence together) among the question's
        candidates of their documents in that unit. Judged from the documents' own sentences, so no word of the
        question needs to match the other document's wording (贵州's "参与职工47350人次" beside 云南's "有62572人次
        参与"); 云南 2021's 党代会代表, the closest it has to 2022's 二十大代表, is closer still to 2022's 党代会代表."""
        if len(row) != len(best_row):
            return False
        for k, (a, b, found) in enumerate(zip(row, best_row, candidates, strict=True)):
            if a.figure.doc.id == b.figure.doc.id or a.figure.unit != b.figure.unit:
                return False
            words, best_words = set(self.label_words(a.row)), set(self.label_words(b.row))
            if words != best_words and (words <= best_words or best_words <= words):
                return False  # 劳模创新工作室 is not 全国示范性劳模创新工作室: one counts more than the other
            if self.levels(a.figure.label) != self.levels(b.figure.label):
                return False  # 省人大代表 is not 全国人大代表
            if a.features.get("no_words") and not b.features.get("no_words"):
                return False  # "职代会一年开几次": 云南's 专题会议1—2次 names nothing asked, though both are meeting rates
            # Nor when the other's sentence says none of the topic words of what is asked that the best row's label
            # names (职代会: not in "坚持每年召开1—2次专题会议"); 贵州's 参与职工 is in a sentence of 劳动竞赛 all the same.
            topic = [w for w in self.lexicon.words_of(asked[k] if k < len(asked) else "")
                     if self.weight(w) >= TOPIC_WEIGHT and self._says(w, b.figure.label)]
            if topic and not any(self._says(w, a.figure.sentence) for w in topic):
                return False
            # Nor when the asked name is one region's and the other's label has its own region's name in its place:
            # 云南's 云岭工匠创新工作室 is not 贵州's 黔灵工匠创新工作室, though the two count the same kind of studio.
            if any(self._named_apart(a, b, w) for w in topic if not self._says(w, a.figure.sentence)):
                return False
            pools = {doc: [(n, hit) for n, hit, _ in found if hit.chunk.doc.id == doc and self.index.figures[n].unit == a.figure.unit]
                     for doc in (a.figure.doc.id, b.figure.doc.id)}
            closeness = self._closeness(pools[a.figure.doc.id], pools[b.figure.doc.id])
            rows = [n for n, _ in pools[a.figure.doc.id]], [n for n, _ in pools[b.figure.doc.id]]
            i, j = rows[0].index(a.row), rows[1].index(b.row)
            if closeness[i, j] < self.tuning.parallel_similarity or closeness[i].argmax() != j or closeness[:, j].argmax() != i:
                return False
        return True

    def _named_apart(self, other: FigureChoice, best: FigureChoice, word: str) -> bool:
        """Whether `word` (in the best label, one region's own) and a word of the other label only the other region
        writes each name the same thing that follows them (云岭工匠 | 黔灵工匠 before 创新工作室)."""
        if not best.figure.doc.region or self._regional(word) != best.figure.doc.region:
            return False
        follows = best.figure.label[best.figure.label.find(word) + len(word):][:3]
        if len(follows) < 2:
            return False
        label = other.figure.label
        return any(v not in best.figure.label and self._regional(v) == other.figure.doc.region
                   and label[label.find(v) + len(v):].startswith(follows) for v in self.label_words(other.row))

    def _named_for_another_region(self, query: Query, row: tuple[FigureChoice, ...]) -> str:
        """The asked name that is another region's own, where the figure chosen has its region's own name in its
        place ("贵州的云岭工匠创新工作室" → 黔灵工匠创新工作室16个: 云岭工匠 is 云南's), or ""."""
        if not query.asked:
            return ""
        asked, figure = query.asked[0], row[0].figure
        label = figure.label
        for word in query.subject:
            # (a name, not a verb one region happens to write: 贵州's 收集 and 云南's 征集 of 职工意见建议 name one thing)
            if len(word) < 2 or word in label or not figure.doc.region or word not in asked or word in verbs() \
                    or self._regional(word) in (None, figure.doc.region):
                continue
            follows = asked[asked.find(word) + len(word):][:3]
            if len(follows) >= 2 and any(v not in asked and self._regional(v) == figure.doc.region
                                         and label[label.find(v) + len(v):].startswith(follows)
                                         for v in self.label_words(row[0].row)):
                return word
        return ""

    def _only_another_regions(self, query: Query) -> str:
        """"云南的职工书屋": a term of the knowledge base the question names itself, which only another region's
        documents write, asked of one region ("云南的职工书屋"), else ""."""
        regions = query.constraints.all_regions
        if len(regions) != 1:
            return ""
        # (its topic words, alone or joined as written: 职工+书屋; not a scope every document has, 省属企业)
        words = [w for w in query.subject if len(w) >= 2 and self._is_topic(w) and w not in self._scopes]
        said, ellipsis = query.own, False
        if not words and query.context and query.intent == "yesno":
            # ("贵州有没有" after "省属企业有没有搞健康体检": whether that region's documents write what the conversation
            # is about, whether or not anything counts it)
            said, ellipsis = re.sub(r"\s+", "", query.context), True
            words = [w for w in self.lexicon.words_of(query.context) if len(w) >= 2 and self._is_topic(w)
                     and w not in self._scopes]
        phrases = [w for n in (3, 2, 1) for i in range(len(words) - n + 1) if len(w := "".join(words[i:i + n])) >= 3]
        for word in dict.fromkeys(phrases):  # (longest first: 技能大师工作室, then 书屋)
            if word not in said or not self._known(word):
                continue
            other = self._regional(word)
            if other and not ellipsis and not self._counted_in(word, other):
                continue  # (a thing another region's documents count, 职工书屋260个; not a word they happen to use, 汇报)
            # (nor when the region writes it another way: 全国劳动模范 for 全国劳模)
            variants = {word.replace(member, o) for present, others in self.lexicon.expansion_groups(word)
                        for member in present for o in others}
            # (and a word of it those documents never write at all: 云南's 厂务公开事项 is 贵州's 公开厂务事项)
            texts = [self._region_texts.get(r, "") for r in regions]
            if other and other not in regions and not any(v in t for t in texts for v in variants) \
                    and any(not any(part in t for t in texts) for part in self.lexicon.words_of(word) if len(part) >= 2):
                return f"{next(iter(regions))}的{word}"
        return ""

    def _counted_in(self, word: str, region: str) -> bool:
        """Whether a figure of that region's documents counts the word (its label ends with it)."""
        if self._region_labels is None:
            self._region_labels = {}
            for figure in self.index.figures:
                self._region_labels.setdefault(figure.doc.region, set()).add(figure.label)
        return any(label.endswith(word) for label in self._region_labels.get(region, ()))

    def _regional(self, word: str) -> str | None:
        """The one region whose documents write this word, when only one region's do (云岭 → 云南); else None."""
        if word not in self._regions_of_word:
            if self._region_texts is None:  # each region's documents' text, read once
                by_region: dict[str, set[str]] = {}
                for doc, info in self.index.documents.items():
                    by_region.setdefault(info.region, set()).add(doc)
                self._region_texts = {r: "\n".join(self.index.document_texts(docs)) for r, docs in by_region.items()}
            regions = [r for r, text in self._region_texts.items() if word in text]
            self._regions_of_word[word] = regions[0] if len(regions) == 1 and regions[0] \
                and len(self._region_texts) > 1 else None
        return self._regions_of_word[word]

    def _closeness(self, pool_a: list[tuple[int, Hit]], pool_b: list[tuple[int, Hit]]) -> np.ndarray:
        """Label and sentence similarity, averaged, of each figure of one pool to each of the other."""
        def vectors(pool):
            return self.index.label_vectors[[n for n, _ in pool]], self.index.dense.vectors(np.array([h.chunk.row for _, h in pool]))
        (labels_a, sentences_a), (labels_b, sentences_b) = vectors(pool_a), vectors(pool_b)
        # (and who did it, the label's opening words alike: 云南's "各省属企业党委同步划拨专款" is 贵州's "各省属企业配套投入",
        # not its "省国资委党委划拨专项经费", though 划拨 and 专 make those closer by meaning; two figures of one sentence
        # share the sentence's similarity, and only the doer tells them apart)
        doers = np.array([[_same_doer(self.index.figures[m].label, self.index.figures[n].label) for n, _ in pool_b]
                          for m, _ in pool_a], dtype=float).reshape(len(pool_a), len(pool_b))
        return (labels_a @ labels_b.T + sentences_a @ sentences_b.T) / 2 + self.tuning.same_doer * doers

    def _known(self, word: str, on_subject: bool = False) -> bool:
        """Whether the knowledge base writes this word (every character pair of it occurs: 劳动合同 does not,
        though 劳动 and 合同 do), or a synonym of it; `on_subject`: whether its documents on its subject do."""
        if on_subject and self.subject_mask is not None:
            return self._known_on_subject(word)
        grams = _word_bigrams(word)
        written = bool(grams) and all(g in self.index.bigram.idf for g in grams) if len(word) >= 2 else word in self.idf
        # (A synonym of the word itself, not of a part of it: 女职工 is not known for 职工's synonyms.)
        return written or any(o in self.idf for present, others in self.lexicon.expansion_groups(word)
                              if word in present for o in others)

    def writes(self, word: str) -> bool:
        """Whether the knowledge base writes this word (or a synonym of it)."""
        return self._known(word)

    def _known_on_subject(self, word: str) -> bool:
        found = self._subject_words.get(word)
        if found is None:
            def written(w: str) -> bool:
                if len(w) < 2:
                    return self._on_subject(self.index.keyword, w)
                grams = bigrams(w)
                return bool(grams) and all(self._on_subject(self.index.bigram, g) for g in grams)

            found = written(word) or any(self._on_subject(self.index.keyword, o)
                                         for _, others in self.lexicon.expansion_groups(word) for o in others)
            if len(self._subject_words) >= 50_000:
                self._subject_words.clear()
            self._subject_words[word] = found
        return found

    def _on_subject(self, keyword_index, term: str) -> bool:
        """Whether a chunk of the documents on the subject holds `term` (a word or a character pair)."""
        ids = keyword_index.chunk_ids(term)
        return bool(len(ids)) and bool(self.subject_mask[ids[ids < len(self.subject_mask)]].any())

    def _written_elsewhere(self, phrase: str, texts: list[str]) -> str:
        """The longest part of a phrase (three characters or more) that some document writes and none of `texts`
        does: "搞新八级工" asked of 云南's reports holds 新八级工, which only 贵州's documents write."""
        every = None
        for length in range(len(phrase), 2, -1):
            for i in range(len(phrase) - length + 1):
                part = phrase[i : i + length]
                if _HAN_ONLY.fullmatch(part) and self._known(part) and not any(part in t for t in texts):
                    every = every if every is not None else list(self.index.document_texts())
                    if any(part in t for t in every):
                        return part
        return ""

    def _says(self, word: str, text: str) -> bool:
        return _covered(word, text) or _named_by_synonym(word, text, self.lexicon)

    def weight(self, word: str) -> float:
        """How much a word of the question says about its topic, from its frequency in general Chinese (jieba's
        dictionary): 地方, 自己, 领导 little; 加班费, 哺乳期, 产假 much. Words jieba does not list are mostly
        pieces of segmentation (做个, 想当), given a middling weight."""
        freq = self.word_freq.get(word, 0)
        general = math.log(self.total_freq / (freq + 1)) if freq else 10.0
        return max(0.5, min(general, 14.0) - 7.0)

    def _specificity(self, word: str) -> float:
        """How much a word tells the knowledge base's sentences apart, with the synonyms that stand for it: 一线工人
        (产业工人, 职工 are in most of them) little, 体检 much; a word it never writes, fully."""
        if not self._known(word):
            return 1.0
        # Synonyms of the word itself (职工董事 → 董事会), not of a part of it (职工 → 一线工人, in most sentences).
        forms = [word] + [o for present, others in self.lexicon.expansion_groups(word) if word in present for o in others]
        idfs = [self._idf(f) for f in forms if all(t in self.idf for t in (self.lexicon.tokens(f) or (f,)))]
        return max(0.2, min(idfs, default=self.max_idf) / self.max_idf)

    def _idf(self, word: str) -> float:
        tokens = self.lexicon.tokens(word) or (word,)
        return max(self.idf.get(t, self.max_idf) for t in tokens)

    # --- when ------------------------------------------------------------------------------------------------------
    def _when(self, query: Query, hits: list[Hit], vector: np.ndarray, previous_answer: str) -> Evidence:
        asked_verbs = list(_ISSUED.finditer(query.own))
        named = self._figure_named(query, hits, vector) if not asked_verbs and not query.constraints.year else None
        if named is not None:
            # ("系数0.02那个是哪年的文件", "两千九百多名党员是哪年的": the year of the figure the number names, not of the
            # document whose date the words of the question are nearest)
            return Evidence("when", query, figures=((named,),), when=named.figure.year or named.figure.doc.year)
        # The verb asked about comes last: "实施意见哪天印发的" asks 印发, not 实施.
        verb = asked_verbs[-1] if asked_verbs else None
        # A follow-up asks when of what the answer just given quoted ("推进会在哪开的" → "好久开的"; a figure of the
        # policy → "啥时候开始施行").
        # (only when the follow-up names nothing of its own: then it is looked up once, not for every when-question)
        own_topic = any(len(w) >= 2 and not _ISSUED.search(w) and w not in verbs() for w in query.subject)
        quoted = self._quoted_first(previous_answer, query) if query.context and previous_answer and not own_topic else None
        if verb:
            # "实施意见哪天印发的": the date of the document the question names (its title holds most of the question's
            # words), usually on its opening lines, before a press report's date of a meeting about it.
            docs = list(dict.fromkeys(h.chunk.doc for h in hits))
            cover = {d.id: self._subject_cover(query, f"{d.title} {d.kind}") for d in docs}
            seen = {h.chunk.id for h in hits}
            openings = [Hit(c, 0.0) for d in docs for c in (self.index.chunk_at(d.id, i) for i in range(3))
                        if c is not None and c.id not in seen]
            pool = sorted(hits + openings, key=lambda h: -cover.get(h.chunk.doc.id, 0.0))  # stable: rank within
            if quoted is not None:
                pool = [Hit(c, 0.0) for c in self._chunks_of(quoted.chunk.doc.id)] + pool  # (its own, first)
            same = next((c for c in _VERB_CLASSES if c.search(verb.group(0))), _ISSUED)

            def says(hit: Hit, pattern: re.Pattern) -> bool:  # a verb of the sentence's own, not in a 《title》
                return bool(_DATE.search(hit.chunk.text)) and bool(pattern.search(_TITLE.sub("", hit.chunk.text)))
            dated = [h for h in pool if says(h, re.compile(re.escape(verb.group(0))))] \
                or [h for h in pool if says(h, same)]
            if dated:
                hit = dated[0]
                date = _DATE.search(hit.chunk.text).group(1)
                if _NEXT_ONE.search(query.own) and date[:4] <= (hit.chunk.doc.year or date[:4]):
                    # ("下一次推进会什么时候开": the day of the one its document reports is no answer; a date to come,
                    # later than the document's year, would be)
                    return self._refuse_missing(query, hits, "下一次的时间")
                return Evidence("when", query, sentences=(hit,), when=date)
        clock = bool(_NEXT_TIME.search(query.own) or _CLOCK.search(query.own) or _FOUNDED.search(query.own)
                     or _DEADLINE.search(query.own))
        if query.context and previous_answer and not clock:  # "这是哪一年的数？": the figure the previous answer gave
            # (not "几点开门", "下一届啥时候": a time of day, or the next time, is no year of a figure given)
            for hit in hits:
                for n in self.index.figure_ids_of(hit.chunk):
                    figure = self.index.figures[n]
                    if _gave(previous_answer, figure):
                        return Evidence("when", query, figures=((FigureChoice(figure, hit, 1.0, n),),),
                                        when=figure.year or figure.doc.year)
        if quoted is not None and not query.subject:
            near = self._dated_near(quoted)
            if near is None and re.search(r"会", query.own) and _MEETING_REPORTED.search(quoted.chunk.doc.title):
                # ("这个会是哪天开的" after a sentence of a report on a meeting: the day that report gives the meeting)
                near = next((Hit(c, quoted.score) for c in self._chunks_of(quoted.chunk.doc.id) if _DATE.search(c.text)),
                            None)
            if near is not None:
                return Evidence("when", query, sentences=(near,), when=_DATE.search(near.chunk.text).group(1))
        if query.context and not clock:
            choices = self.score_figures(query, hits, vector, query.asked[0] if query.asked else "", "")
            if choices and choices[0].score >= self.tuning.figure_threshold:
                figure = choices[0].figure
                return Evidence("when", query, figures=((choices[0],),), when=figure.year or figure.doc.year)
        ranked = self.score_sentences(query, hits, vector)
        if not ranked or sum(p for _, p in ranked) < self.tuning.sentence_threshold:
            return self._refuse(query, "no_answer", hits=hits)
        # Of the sentences nearly as likely as the best, the first that gives a date answers "when" (a headline
        # "推进会在贵阳召开" names the meeting; the sentence under it gives its day).
        likely = [h for h, p in ranked if p >= ranked[0][1] * self.tuning.item_share]
        hit = self._readable(next((h for h in likely if _DATE.search(h.chunk.text)), ranked[0][0]))
        hit = self._dated_near(hit) or hit  # (or the sentence right under the headline, however it ranked)
        date = _DATE.search(hit.chunk.text)  # "推进会是哪天开的": the day the sentence gives, else its year
        if date and _NEXT_ONE.search(query.own) and date.group(1)[:4] <= (hit.chunk.doc.year or date.group(1)[:4]):
            return self._refuse_missing(query, hits, "下一次的时间")  # (the day of the one reported is not the next's)
        if not date and clock:
            # (nor when it was set up: "…工作室是哪一年建起来的" is not the year of the report that mentions it)
            # "下一届啥时候比": the next one's date, "几点开门": a time of day; the year of what was reported is neither
            return self._refuse_missing(query, hits, "具体时间")
        event = _EVENT_ASKED.search(query.own)
        if not date and not sentence_year(hit.chunk.text) and event:
            # ("推进会 时间 地点" of a report that only says it studied the 推进会议精神: the report's own year is not
            # when the meeting was held; another document's sentence found for it that holds the meeting and its day
            # is: "2023年4月20日，…在贵阳召开…推进会")
            held = next((h for h, _ in ranked[: self.tuning.evidence_depth]
                         if _DATE.search(h.chunk.text) and event.group(0) in h.chunk.text), None)
            if held is None:
                return self._refuse_missing(query, hits, "具体时间和地点" if _WHERE.search(query.own) else "具体时间")
            hit, date = held, _DATE.search(held.chunk.text)
        asking = next((c for c in re.split(r"[，,。？?！!；;\s]+", query.own) if WHEN.search(c)), "")
        topic = [w for w in self.lexicon.words_of(WHEN.sub("", asking)) if len(w) >= 2 and self._is_topic(w)]
        unwritten = [w for w in topic if not self._known(w) and not _ISSUED.search(w)]
        if not date and unwritten and len(unwritten) == len(topic) and not any(w in hit.chunk.text for w in unwritten) \
                and not _WHERE.search(query.own):
            # "…干了三十多年 腰杆也不好了 啥子时候可以退休": when, of nothing the documents write (退休); the year
            # of a sentence that says nothing of it is no answer
            refused = self._refuse(query, "no_answer", hits=hits)
            return replace(refused, detail=refused.detail | {"unknown": unwritten})
        return Evidence("when", query, sentences=(hit,),
                        when=date.group(1) if date else sentence_year(hit.chunk.text) or hit.chunk.doc.year)

    def _chunks_of(self, doc_id: str) -> list[Chunk]:
        """Every chunk of one document, in order."""
        found = []
        while (chunk := self.index.chunk_at(doc_id, len(found))) is not None:
            found.append(chunk)
        return found

    def _stated(self, hits: list[Hit], said: re.Pattern) -> Hit | None:
        """The sentence saying something of its document itself (whom it applies to, what it carries out), of the
        first document among the hits that has one."""
        for doc in dict.fromkeys(h.chunk.doc.id for h in hits[: self.tuning.evidence_depth]):
            stated = next((c for c in self._chunks_of(doc) if c.kind == "sentence" and said.search(c.text)), None)
            if stated is not None:
                return Hit(stated, hits[0].score)
        return None

    def _outline(self, hits: list[Hit]) -> tuple[Hit, ...]:
        """The top-level headings of the document the best hit is of (the question's filters chose among them), in
        the document's order, when it has more than one."""
        heads = [c for c in self._chunks_of(hits[0].chunk.doc.id) if c.kind == "heading" and " › " not in c.section
                 and c.position > 0]  # (not the title line)
        return tuple(Hit(c, hits[0].score) for c in heads) if len(heads) >= 2 else ()

    def _opening(self, hits: list[Hit]) -> tuple[Hit, ...]:
        """The sentences the document the best hit is of opens with, before its first heading (not its title line)."""
        chunks = self._chunks_of(hits[0].chunk.doc.id)
        first = next((c.position for c in chunks if c.kind == "heading" and c.position > 0), len(chunks))
        opening = [c for c in chunks[:first] if c.kind == "sentence" and not _is_title(Hit(c, 0.0))
                   and not re.fullmatch(r"[（(][^（）()]*[）)]", c.text.strip(" 。"))]  # (nor "（2023年3月15日印发）")
        if not opening:  # (a text that opens with its first chapter: that chapter's first article)
            lead = next((c for c in chunks[first:] if c.kind == "sentence"), None)
            opening = [c for c in self.index.sentences_of(lead.doc.id, lead.section)
                       if not _ARTICLE.fullmatch(c.text.strip())] if lead is not None else []
        return tuple(Hit(c, hits[0].score) for c in opening[: self.tuning.list_quotes])

    def _gist(self, hits: list[Hit]) -> tuple[Hit, ...]:
        """The top-level headings of the document the best hit is of, then the sentence of its opening (before the
        first heading) that states what was achieved; () when it has neither."""
        outline = self._outline(hits)
        opening = [c for c in self._chunks_of(hits[0].chunk.doc.id)
                   if c.kind == "sentence" and (not outline or c.position < outline[0].chunk.position)]
        said = next((c for c in reversed(opening) if _ACHIEVED.search(c.text)), None)
        return (*outline, Hit(said, hits[0].score)) if said is not None else outline

    def _dated_near(self, hit: Hit) -> Hit | None:
        """The sentence itself if it gives a date, else the dated sentence right under it (a headline "推进会在贵阳召开"
        names the meeting; the sentence under it gives its day)."""
        if _DATE.search(hit.chunk.text):
            return hit
        after = [self.index.chunk_at(hit.chunk.doc.id, hit.chunk.position + k) for k in (1, 2)]
        dated = next((c for c in after if c is not None and _DATE.search(c.text)
                      and (c.section == hit.chunk.section or hit.chunk.kind != "sentence")), None)
        return Hit(dated, hit.score, hit.dense) if dated is not None else None

    # --- who issued a document ---------------------------------------------------------------------------------------
    def _issuer(self, query: Query, hits: list[Hit], vector: np.ndarray, previous_answer: str = "") -> Evidence:
        """"那个意见是哪个单位发的": the issuer recorded for the document the question is about, citing the
        document's opening line. That document is the one whose title holds most of the question's words ("实施意见"
        names the opinion, though a press report about it may rank first), else, of a follow-up naming nothing of its
        own ("谁发的" after "啥时候施行"), the one the answer before quoted, else the top hit's."""
        docs = list(dict.fromkeys(h.chunk.doc for h in hits))
        covers = [self._subject_cover(query, f"{d.title} {d.kind}") for d in docs]
        # (naming nothing of its own, "是谁发的" after the one document a list of documents gave, it asks of that one,
        # whatever the conversation's words cover)
        quoted = self._quoted_first(previous_answer, query) if query.context and previous_answer \
            and (not any(covers) or not query.subject) else None
        allowed = self.allowed(query) if quoted is not None else None
        if quoted is not None and allowed is not None and not allowed[quoted.chunk.row]:
            quoted = None  # (not one the question's filters leave out)
        # (of two its words name alike, the latest: "云南的报告是谁发的" is of the 2022 report, as figures lead with it)
        doc = quoted.chunk.doc if quoted is not None else docs[max(range(len(docs)), key=lambda i: (
            covers[i], docs[i].year if re.fullmatch(r"\d{4}", docs[i].year or "") else "", -i))]
        if not doc.issuer:
            return self._sentences(query, hits, vector)
        first = next((h for h in hits if h.chunk.doc == doc), quoted)
        # (the opening line that writes the issuer's name, when one does, else the title)
        lines = [c for c in (self.index.chunk_at(doc.id, i) for i in range(3)) if c is not None]
        opening = next((c for c in lines if doc.issuer in c.text), lines[0] if lines else None)
        hit = Hit(opening, first.score) if opening is not None else first
        return Evidence("issuer", query, sentences=(hit,), detail={"issuer": doc.issuer})

    def _documents(self, query: Query) -> Evidence:
        """"你这知识库里都有哪些省的文件": the documents the question's region and year allow, each cited by its
        opening line (its title), latest first."""
        regions, year = query.constraints.all_regions, query.constraints.year
        # (and of the kind or the document named: "有没有贵州2023年的产改政策文件", "推进会的新闻稿标题是啥")
        # ("这个文件是啥性质的" names no kind: any document is called 文件)
        named = query.constraints.document if not re.fullmatch(r"[\u4e00-\u9fff]{0,2}?(?:文件|材料|资料)",
                                                                query.constraints.document) else ""
        named = named or next(iter(_KIND_NAMED.findall(query.text)), "")
        docs = sorted((d for d in self.index.documents.values()
                       if (not regions or d.region in regions) and (not year or d.year == year)
                       and (not named or names_document(d.title, d.kind, named))),
                      key=lambda d: (d.year or "", d.region or ""), reverse=True)
        openings = [c for c in (self.index.chunk_at(d.id, 0) for d in docs) if c is not None]
        if not openings:
            return self._refuse(query, "unmet", what=_describe_constraints(query))
        return Evidence("documents", query, sentences=tuple(Hit(c, 1.0) for c in openings), confidence=1.0)

    def _source(self, query: Query, hits: list[Hit], vector: np.ndarray, previous_answer: str) -> Evidence:
        """"哪个文件说的": the document of the sentence the previous answer quoted first, when the question asks of
        nothing of its own; else of the sentence that answers it ("哪个文件规定了职代会每年至少开一次")."""
        if query.context and not query.subject:
            quoted = self._quoted_first(previous_answer, query)
            if quoted is None:
                return self._refuse(query, "no_answer", hits=hits)
            return Evidence("source", query, sentences=(quoted,), confidence=1.0)
        said = self._sentence_of_number(query, hits)
        if said is not None:
            return Evidence("source", query, sentences=(said,), confidence=1.0)  # ("0.03那句话原文怎么写的": its sentence)
        found = self._sentences(replace(query, intent="fact"), self.with_sections(hits, vector, self.allowed(query)), vector)
        if found.kind != "sentences":
            return found
        return Evidence("source", query, sentences=found.sentences[:1], confidence=found.confidence)

    def _figure_named(self, query: Query, hits: list[Hit], vector: np.ndarray) -> FigureChoice | None:
        """The one figure among the found sentences' that a number of the question names, as written or in Chinese:
        exactly ("0.02"), or within a rough number's span ("2900多名": 2900 to 2999). None when none or several do."""
        text = with_arabic_numbers(query.own)
        named = [m for m in re.finditer(r"(?<![\d.])(\d+(?:\.\d+)?)(万)?(多|余)?", text)
                 if not re.match(r"(?:19|20)?\d{2}年|\d{1,2}[月日号]", text[m.start():])
                 and (len(m.group(1).replace(".", "")) >= 2 or m.group(3))]
        if len(named) != 1:
            return None
        m = named[0]
        scale = 10_000 if m.group(2) else 1
        low = float(m.group(1)) * scale
        digits = m.group(1).split(".")[0]
        high = low + (10 ** (len(digits) - len(digits.rstrip("0"))) * scale if m.group(3) and "." not in m.group(1) else 0)
        found: dict[tuple[str, str], FigureChoice] = {}
        if high > low:  # (a rough number: among the figures of the sentences found)
            for hit in hits:
                for n in self.index.figure_ids_of(hit.chunk):
                    figure = self.index.figures[n]
                    value = arabic_value(figure.text)
                    if value is not None and low <= value < high:
                        found.setdefault((figure.doc.id, figure.text), FigureChoice(figure, hit, 1.0, n))
        else:  # (a number as written: wherever the knowledge base writes it)
            # (in the regions asked; "哪年的文件" names no document to look in, but asks which one)
            regions = query.constraints.all_regions
            written: dict[int, list[Figure]] = {}
            for value in (m.group(1), f"{m.group(1)}万"):
                for chunk, figure in self.index.figures.valued(value):
                    if (not regions or figure.doc.region in regions) and abs((arabic_value(figure.text) or -1) - low) < 1e-9:
                        written.setdefault(chunk, []).append(figure)
            for hit in self.retriever.hits_for(list(written), vector) if written else []:
                for figure in written[hit.chunk.row]:
                    found.setdefault((figure.doc.id, figure.text), FigureChoice(figure, hit, 1.0))
        return next(iter(found.values())) if len(found) == 1 else None

    @staticmethod
    def _sentence_of_number(query: Query, hits: list[Hit]) -> Hit | None:
        """The first sentence found holding the number a question names ("0.03那句话原文怎么写的"), or None."""
        # (a figure's number, not a year's: "职代会 次数 22年 云南，出自哪个文件" names no number of a sentence)
        named = re.search(r"(?<![\d.])(?!(?:19|20)\d\d(?!\d))(\d+(?:\.\d+)?)(?![\d.年月日号])", query.text)
        if named is None:
            return None
        said = re.compile(rf"(?<![\d.]){re.escape(named.group(1))}(?![\d.])")
        return next((h for h in hits if h.chunk.kind == "sentence" and said.search(h.chunk.text)), None)

    def _part_expanded(self, answer: str, n: int) -> tuple[Hit, ...]:
        """The n-th top-level part an answer quoted as a list of parts (an outline), then the first sentence of each
        of its sub-points; () when the answer quoted no such list."""
        chunk = self._nth_found(_quoted_lines(answer), n)
        return self._heading_expanded(chunk) if chunk is not None else ()

    def _nth_found(self, lines: list[str], n: int) -> Chunk | None:
        """The chunk of the n-th of two or more lines an answer quoted (-1: the last), found again; None if there are
        fewer, or it is not found."""
        n = len(lines) if n == -1 else n
        if len(lines) < 2 or not 1 <= n <= len(lines):
            return None
        found = self._found_again(lines[n - 1])
        return found[0] if found is not None else None

    def _step_expanded(self, answer: str, n: int) -> tuple[Hit, ...]:
        """The sentences under the n-th step an answer listed (① heading：sentence[1]), its heading's section whole;
        () when the answer listed no such steps."""
        steps = [m.group(1) for line in answer.split("\n")
                 if (m := re.match(rf"[{STEP_BULLETS}]\s*[^：:]{{2,30}}[：:](.+?)\[\d+\]$", line))]
        chunk = self._nth_found(steps, n)
        if chunk is None:
            return ()
        return tuple(Hit(c, 1.0) for c in self.index.sentences_of(chunk.doc.id, chunk.section)) or (Hit(chunk, 1.0),)

    def _last_chapter(self, query: Query) -> str:
        """The last chapter ("第六章") of the one document the question allows that has chapters, else ""."""
        allowed = self.allowed(query)
        found = []
        for doc_id in self.index.documents:
            chapters = [m.group(1) for _, title in self.index.sections_of(doc_id)
                        for m in [re.match(r"(第[一二三四五六七八九十\d]{1,3}章)\s", title)] if m
                        and (allowed is None or any(c.row < 0 or allowed[c.row] for c in self.index.sentences_of(doc_id, title)))]
            if chapters:
                found.append(chapters[-1])
        return found[0] if len(found) == 1 else ""

    def _chapter_articles(self, query: Query, chapter: str) -> tuple[Hit, ...]:
        """The first sentence of each article of a chapter ("第三章"), of the one document the question allows that has
        it; () when none or several do."""
        allowed = self.allowed(query)
        found = []
        for doc_id in self.index.documents:
            sections = [title for _, title in self.index.sections_of(doc_id)
                        if re.match(rf"{chapter}\s.*› *第[一二三四五六七八九十百\d]{{1,5}}条$", title)]
            firsts = [next((c for c in self.index.sentences_of(doc_id, title) if not _ARTICLE.fullmatch(c.text.strip())), None)
                      for title in dict.fromkeys(sections)]
            hits = tuple(Hit(c, 1.0) for c in firsts if c is not None and (allowed is None or c.row < 0 or allowed[c.row]))
            if hits:
                found.append(hits)
        return found[0] if len(found) == 1 else ()

    def _chapter_heading(self, query: Query, chapter: str) -> Hit | None:
        """The heading of a chapter ("第二章 思想政治引领"), of the one document the question allows that has it."""
        allowed = self.allowed(query)
        found = []
        for doc_id in self.index.documents:
            sections = [title for _, title in self.index.sections_of(doc_id) if re.match(rf"{chapter}\s", title)]
            first = next(iter(self.index.sentences_of(doc_id, sections[0])), None) if sections else None
            for position in range(first.position, first.position - 4, -1) if first is not None else ():
                chunk = self.index.chunk_at(doc_id, position)
                if chunk is not None and chunk.kind == "heading" and chunk.text.strip().startswith(chapter):
                    if allowed is None or chunk.row < 0 or allowed[chunk.row]:
                        found.append(chunk)
                    break
        return Hit(found[0], 1.0) if len(found) == 1 else None

    def _nth_quoted(self, answer: str, n: int) -> tuple[Hit, ...]:
        """The n-th of the sentences an answer quoted (…[n]), with the rest of its section; () when it quoted fewer
        than two, or fewer than n."""
        quoted = _quoted_lines(answer)
        chunk = self._nth_found(quoted, n)
        if chunk is None:
            return ()
        section = self.index.sentences_of(chunk.doc.id, chunk.section)
        if {c.text for c in section} <= set(quoted):
            return (Hit(chunk, 1.0),)  # (its section is what was quoted: that sentence, not all of them again)
        return tuple(Hit(c, 1.0) for c in section) or (Hit(chunk, 1.0),)

    def _found_again(self, text: str) -> tuple[Chunk, int, np.ndarray] | None:
        """The chunk whose text an answer quoted, found again in the index by its vector: the chunk, its row and the
        text's vector (None when no chunk among the nearest has exactly that text)."""
        vector = self.retriever.embed_text(text)
        for row in self.index.dense.search(vector, 3):
            chunk = self.index.chunks.store.chunk(row)
            if chunk is not None and chunk.text == text:
                return chunk, row, vector
        return None

    def _heading_expanded(self, heading: Chunk) -> tuple[Hit, ...]:
        """A top-level heading, then the first sentence of each of its sub-points; () for any other chunk."""
        if heading.kind != "heading" or " › " in heading.section:
            return ()
        doc = heading.doc.id
        under = [s for _, s in self.index.sections_of(doc) if s.startswith(heading.section + " › ")] or [heading.section]
        firsts = [sentences[0] for s in under if (sentences := self.index.sentences_of(doc, s))]
        return tuple(Hit(c, 1.0) for c in [heading, *firsts]) if firsts else ()

    @staticmethod
    def _part_evidence(query: Query, expanded: tuple[Hit, ...]) -> Evidence:
        """A part of a report and the first sentence of each of its sub-points (_heading_expanded), as the items of
        that part, each under its sub-point's name; the part's own heading leads."""
        items = _sub_point_items(expanded[1:])
        if items:
            return Evidence("steps", replace(query, intent="list"), steps=items, confidence=1.0,
                            detail={"part": expanded[0].chunk.text})
        return Evidence("sentences", query, sentences=expanded, confidence=1.0)

    def _part_items(self, heading: Chunk) -> tuple[Item, ...]:
        """The sub-points of a top-level heading, each with its first sentence; () for any other chunk or fewer
        than two sub-points."""
        items = _sub_point_items(self._heading_expanded(heading)[1:])
        # (not a policy's chapter: "第四章讲的是什么" is answered by its title, not by its articles' first sentences)
        return items if len(items) >= 2 and not any(_ARTICLE.match(i.heading) for i in items) else ()

    def _quoted_counting(self, answer: str) -> tuple[Hit, ...]:
        """The sentences an answer quoted that hold a figure, found again in the index (at most three)."""
        # (an item of a list is quoted after its bullet and name: "② 抓实党员发展工作：2022年,…[2]")
        lines = [re.sub(r"\[\d+\]$", "", re.sub(r"^[①-⑳]\s*[^：]{1,40}：", "", line))
                 for line in answer.split("\n") if re.search(r"\[\d+\]$", line)]
        found = []
        for line in [line for line in lines if re.search(r"\d", line)][:3]:
            again = self._found_again(line)
            if again is not None and self.index.figure_ids_of(again[0]):
                found.append(Hit(again[0], 1.0))
        return tuple(found)

    def _quoted_first(self, answer: str, query: Query | None = None, nth: int = 0) -> Hit | None:
        """The chunk an answer quoted first ("…[1]"; or the nth, counted from 0), found again in the index; not one
        of a region the question does not ask of ("云南那个会在哪开的" after an answer quoting 贵州's press report)."""
        quoted = next(itertools.islice((re.sub(r"\[\d+\]$", "", line) for line in answer.split("\n")[1:]
                                        if re.search(r"\[\d+\]$", line)), nth, None), "")
        if not quoted:
            return None
        listed = re.fullmatch(r"·\s*(?:[^《]*?：)?《(.+)》", quoted)
        if listed:  # (a list of documents cites each by its title: the document's opening line)
            doc = next((d for d in self.index.documents.values() if d.title == listed.group(1)), None)
            opening = self.index.chunk_at(doc.id, 0) if doc is not None else None
            return Hit(opening, 1.0, 1.0) if opening is not None else None
        again = self._found_again(quoted)
        if again is None:
            return None
        chunk, row, vector = again
        if query is not None and chunk.doc.region and chunk.doc.region not in query.constraints.all_regions \
                and any(r in query.text for r in query.constraints.all_regions):
            return None  # (only of a region named now: one the conversation was in leaves it pointed at)
        return Hit(chunk, 1.0, float(self.index.dense.vectors(np.array([row]))[0] @ vector))

    # --- sentences and steps ---------------------------------------------------------------------------------------
    def with_sections(self, hits: list[Hit], vector: np.ndarray, allowed: np.ndarray | None) -> list[Hit]:
        """The hits, then the sentences of the sections most like the question as a whole that the hits
        missed: a worker's wording often matches a sub-point ("单位有地方吸奶不" → 强化帮扶服务落实) better
        than any one of its sentences."""
        top = hits[: self.tuning.evidence_depth]
        seen = {h.chunk.id for h in top}
        extra: list[int] = []
        for row in self.retriever.top_sections(vector, self.tuning.section_depth, allowed):
            doc_id, section = self.index.sections[row]
            extra += [c.row for c in self.index.sentences_of(doc_id, section)
                      if c.id not in seen]
        return top + self.retriever.hits_for(extra, vector)

    def _sentences(self, query: Query, hits: list[Hit], vector: np.ndarray) -> Evidence:
        ranked = self._latest_first(query, self.score_sentences(query, hits, vector))
        # The chance that the best document answers: many weak sentences of other documents (a knowledge base
        # that also holds unrelated material) must not add up to an answer.
        doc = ranked[0][0].chunk.doc.id if ranked else ""
        if ranked and _WHERE.search(query.own) and self._names_place(ranked[0][0].chunk.text, cities=True) \
                and (self._subject_cover(query, ranked[0][0].chunk.text, topical=True) == 1.0
                     # (a follow-up asking only where, "在哪里开的": of what the conversation was about)
                     or (not query.subject and bool(query.context.split())
                         and all(_covered(w, ranked[0][0].chunk.text) for w in query.context.split()))):
            pass  # ("推进会是在哪里开的": the likeliest sentence names the place and all that the question is about, "…推进会
            # 在贵阳召开"; how little else of its document is like the question says nothing against it)
        elif ranked and (by_whom := _BY_WHOM.search(query.own)) and len(query.subject) >= 2 \
                and self._subject_cover(query, ranked[0][0].chunk.text, topical=True) == 1.0 \
                and all(w in ranked[0][0].chunk.text for w in query.subject if w not in by_whom.group(0)):
            pass  # (so too of who is in charge: "贵州产改谁牵头" → "各级工会要发挥牵头作用，推动产改各项任务…"; the words
            # of the asking itself, 部门 of "归哪个部门管", are not what it is about)
        elif not ranked or self._document_mass(ranked, doc) < self.tuning.sentence_threshold:
            return self._refuse(query, "no_answer", hits=hits)
        # A document's title line (or its issuer's) says what the document is, not what it says: it answers no question
        # of its own ("贵州的产改实施意见管哪些企业" is 本意见适用于全省各类企业…, not the title 贵州省深化…实施意见). (Whether
        # anything answers is still judged with it, as before: a title sharing the question's words is no evidence
        # that the knowledge base writes of 加班工资 because it names the policy asked about.)
        judged = self._answering_first(query, ranked)
        untitled = [(h, p) for h, p in ranked if not _is_title(h)]
        ranked = self._answering_first(query, untitled) if untitled and len(untitled) < len(ranked) else judged
        ranked = self._planned_first(query, self._done_first(query, ranked))
        top, top_score = judged[0]
        # (A follow-up naming only what was done, "这个是咋个选出来的", is about what the conversation was about.)
        if query.subject and not (query.meant or query.stand_ins) and top_score < self.tuning.unknown_topic_doubt \
                and self._named_subject(query) == query.subject \
                and self.unknown_share(query) >= self.tuning.unknown_topic_share \
                and self._subject_cover(query, f"{top.chunk.section} {self._quote_text(top.chunk)}") < self.tuning.topic_cover:
            # "公司不给我交社保，我该咋个办": most of what it is about the knowledge base never writes (社保), and its
            # best sentence says nothing of the rest and is itself in doubt: it only shares the asking words (公司,
            # 找). (Not a worker's wording the glossary reads, nor a sentence that surely answers: "我爱琢磨点小改进，
            # 公司有没有这方面的活动" is answered by the 五小 sentence, whose words it does not use.)
            return self._refuse(query, "no_answer", hits=hits)
        if query.subject and not (query.meant or query.stand_ins or query.context) \
                and not re.search(r"[a-zA-Z]{3,}", query.text) \
                and self.unknown_share(query) >= self.tuning.unknown_topic_blind_share \
                and self._subject_cover(query, f"{top.chunk.section} {self._quote_text(top.chunk)}") == 0.0:
            return self._refuse(query, "no_answer", hits=hits)  # (see Tuning.unknown_topic_blind_share)
        if self._unwritten_head(query):
            # "一线工人的加班费咋个算": what is asked is the 加班费 of something the documents write of, and they never
            # write of 加班费: whatever they say of 一线工人 does not answer it
            return self._refuse(query, "no_answer", hits=hits)
        top, top_score = ranked[0]
        keep = top_score * self.tuning.item_share  # a further sentence or step must be nearly as likely as the best
        told = [m.group(1) for m in _TOLD_NUMBER.finditer(query.own)] \
            if query.intent in ("yesno", "fact", "howto") and _CHECKED.search(query.text) else []
        quoted = [self._quote_text(h.chunk) for h, p in ranked[:3] if p >= keep]
        if told and not any(re.search(rf"\d(?:多|余)?{re.escape(m)}", t) for t in quoted for m in told):
            # "职工驿站早上8点开门对吧", "实施意见说评上黔灵工匠每人奖5万": a number told to be confirmed in a measure
            # that no answering sentence counts in; what they do say of the thing neither confirms nor denies it
            # (one that counts in it, "贵州报告里说建了母婴室146个是吧", is answered with its own figure)
            return self._refuse_missing(query, hits, "具体数字")
        asked_benefit = _BENEFIT.findall(query.own)
        if asked_benefit and not any(_BENEFIT.search(h.chunk.text) for h, p in ranked[:3] if p >= keep):
            # "拿了五一劳动奖章有奖金没": the report counts the medal's holders and says nothing of what they get.
            refused = self._refuse(query, "no_answer", hits=hits)
            unknown = list(dict.fromkeys(asked_benefit))
            known = [w for w in refused.detail.get("known", []) if w not in unknown] or \
                [w for w in query.subject if w not in unknown and self._known(w)]
            return replace(refused, detail=refused.detail | {"known": known, "unknown": unknown})
        narrower = self._narrower_than(query, [h.chunk.text for h, p in ranked[:3] if p >= keep], hits)
        if narrower:
            return narrower
        same_doc = [(h, p) for h, p in ranked if h.chunk.doc.id == doc]
        if query.intent == "howto":
            steps = self._steps(query, same_doc, keep, vector)
            if steps and not (query.meant or query.stand_ins or query.context) \
                    and self.unknown_share(query) >= self.tuning.unknown_topic_share \
                    and self._subject_cover(query, " ".join(f"{i.heading} {i.chunk.text}" for i in steps), topical=True) == 0.0:
                # "单位不给报工伤咋个办": what it is about the knowledge base never writes (工伤), and the steps found name
                # none of its topic words, only share its asking ones (单位): they are no way to do what is asked.
                return self._refuse(query, "no_answer", hits=hits)
            if steps:
                return Evidence("steps", query, steps=tuple(steps), confidence=top_score)
        top = self._readable(top)
        chosen = [top]
        limit = self.tuning.list_quotes if query.intent == "list" else self.tuning.quotes
        kind = _LISTED.search(query.own) if query.intent == "list" else None
        kind_words = (kind.group(1), *self.lexicon.words_of(kind.group(1))[-1:]) if kind else ()
        kind_word = next((w for w in kind_words if len(w) >= 2 and w in top.chunk.text), "")
        # (unless the best sentence's own sub-point names several of that kind: "各企业建了哪几种机制" is 领导小组会议机制,
        # 工作汇报机制… under 建立责任落实机制)
        named_here = [c for c in self.index.sentences_of(top.chunk.doc.id, top.chunk.section) if kind_word and kind_word in c.text]
        headed = self._headed_kind(top, kind_words[-1], vector) if kind_words and len(named_here) < 2 else []
        if headed:
            return Evidence("steps", query, steps=tuple(headed), confidence=top_score)
        if kind_word:
            # "各企业建了哪几种机制": every sentence beside the best one that names one of that kind ("建立工作汇报机制…",
            # "建立研究会商机制…") is an item, however little else of the question it repeats.
            items = [c for c in self.index.sentences_of(top.chunk.doc.id, top.chunk.section) if kind_word in c.text]
            if top.chunk.id in {c.id for c in items}:
                chosen = self.retriever.hits_for([c.row for c in items], vector)[:limit]
        for hit, p in same_doc[1:]:
            hit = self._readable(hit)
            if len(chosen) >= limit:
                break
            if p >= keep and hit.chunk.kind == "sentence" and hit.chunk.section == top.chunk.section \
                    and hit.chunk.text not in {c.chunk.text for c in chosen}:
                chosen.append(hit)
        if query.intent == "list" and not kind_word:
            # "当选各级代表委员的情况列一下": a sentence ending in "；" goes on in the next ones of its sub-point, up to the
            # "。" (2名…二十大代表、15名…党代会代表; 1名…全国人大代表…; 1名…全省政协委员。): one list, one answer
            chosen = self._run_on(chosen, vector, limit)
        # "除了领导小组会议，还建了哪些机制": what the question sets aside is no part of the answer, when more is.
        chosen = [h for h in chosen if not all(w in h.chunk.text for w in query.excluded)] or chosen
        chosen.sort(key=lambda h: h.chunk.position)
        return Evidence("sentences", query, sentences=tuple(chosen), confidence=top_score)

    def _run_on(self, chosen: list[Hit], vector: np.ndarray, limit: int) -> list[Hit]:
        """The chosen sentences with, after each that ends in "；", the sentences of its sub-point that go on from it
        up to the one ending the sentence (at most `limit` in all)."""
        rows = [h.chunk.row for h in chosen]
        for hit in list(chosen):
            chunk = hit.chunk
            while chunk.text.rstrip().endswith((";", "；")) and len(rows) < limit:
                following = self.index.chunk_at(chunk.doc.id, chunk.position + 1)
                if following is None or following.kind != "sentence" or following.section != chunk.section:
                    break
                if following.row not in rows:
                    rows.append(following.row)
                chunk = following
        if len(rows) == len(chosen):
            return chosen
        known = {h.chunk.row: h for h in chosen}
        more = {h.chunk.row: h for h in self.retriever.hits_for([r for r in rows if r not in known], vector)}
        return [known.get(r) or more[r] for r in rows if r in known or r in more]

    def _unwritten_head(self, query: Query) -> bool:
        """Whether the question's last subject word is a topic the knowledge base never writes, said as what belongs to
        a thing it does write ("一线工人的加班费"), in a question of its own (not read through the glossary or the
        conversation)."""
        if query.meant or query.stand_ins or query.context or len(query.subject) < 2:
            return False
        head, owner = query.subject[-1], query.subject[-2]
        if re.search(r"^[一几][\u4e00-\u9fff]$|[次数量]$", head) or _WAY_OF.fullmatch(head):
            return False  # (a count of it, or one of it, is no thing of its own: "比武的场次", "考核的一项"; nor how it
            # is done or what it holds: "师带徒的做法", "产改的内容")
        # (or right after it, when it is a compound of its own, three characters or more: "一线工人加班费" — not a verb
        # or a short word the documents write otherwise, "产改跟领导薪酬挂钩" of "挂起钩来")
        owned = re.search(rf"{re.escape(owner)}的{re.escape(head)}", query.own) or (
            len(head) >= 3 and re.search(rf"{re.escape(owner)}{re.escape(head)}", query.own))
        return bool(owned) and self._is_topic(head) \
            and not self._known(head) and self._known(owner) and self._is_topic(owner)

    def _headed_kind(self, top: Hit, kind: str, vector: np.ndarray) -> list[Item]:
        """"建了哪些机制": when the best sentence's section is one of several sub-points headed by a thing of the kind
        asked (建立工作推进机制, 建立责任落实机制, 建立示范创建机制, under one part), those sub-points are the answer, each
        with its sentence most like the question."""
        doc, section = top.chunk.doc.id, top.chunk.section
        if len(kind) < 2 or " › " not in section:
            return []
        parent = section.rsplit(" › ", 1)[0]
        siblings = [s for _, s in self.index.sections_of(doc)
                    if s.startswith(parent + " › ") and kind in s.rsplit(" › ", 1)[-1] and " › " not in s[len(parent) + 3:]]
        if section not in siblings or len(siblings) < 2:
            return []
        items = []
        for sibling in siblings:
            sentences = self.index.sentences_of(doc, sibling)
            closest = max(self.retriever.hits_for([c.row for c in sentences], vector), key=lambda h: h.dense, default=None)
            if closest is not None:
                items.append(Item(sibling.rsplit(" › ", 1)[-1], closest.chunk, closest.dense))
        return sorted(items, key=lambda i: i.chunk.position)[:6] if len(items) >= 2 else []

    def _answering_first(self, query: Query, ranked: list[tuple[Hit, float]]) -> list[tuple[Hit, float]]:
        """The ranked sentences with the one that answers what the question specifically asks moved first."""
        ranked = self._telling_first(query, ranked)
        ranked = self._enumerating_first(query, ranked)
        # A question that says what its answer must hold is answered, among the three best sentences, by the first
        # that holds it: "那6条具体措施是哪些" by the one stating 6条 (not "省国资委党委划拨360万元…", which shares more
        # of its other words); "推进会是在哪个城市开的" by one naming a city (not "会议指出，…呈现良好态势"); "领导小组
        # 多久开一次会" by one stating a rate ("坚持每季度召开1次").
        quoted = [m.group(0) for m in _QUOTED_COUNT.finditer(query.own)]
        if quoted and query.intent not in ("figure", "two_figures"):
            ranked = _first_that(ranked, lambda text: all(q in text for q in quoted))
        # So does one saying in words how many it asks for ("职代会那三项权力分别是什么"): by the first of the three best
        # sentences naming that many of a kind (三大职权) or listing that many (审议建议、审议通过、评议监督).
        counted = {_NUMERALS[m.group(1)] for m in _WORDED_COUNT.finditer(query.own)}
        if len(counted) == 1 and not quoted and query.intent in ("list", "fact", "howto"):
            number = next(iter(counted))
            named = _first_that(ranked, lambda text: _names_count(text, number), within=self.tuning.evidence_depth)
            ranked = named if named is not ranked else _first_that(ranked, lambda text: _lists_count(text, number))
        if _WHERE.search(query.own):
            ranked = _first_that(ranked, lambda text: self._names_place(text, cities=True))
        if _TARGET_ASKED.search(query.own):  # ("推进会上明确了哪些目标": by the sentence that sets one, "到2025年…")
            ranked = _first_that(ranked, lambda text: bool(_TARGET_SENTENCE.search(text)))
        if _HOW_OFTEN.search(query.own):
            ranked = _first_that(ranked, lambda text: bool(_RATE.search(text)))
        if query.intent == "list" and not _LIST_OF.search(query.own):
            # "厂务公开要公开些啥子": what it is made of, by the sentence that sets them out ("重点公开以下事项：…"), not
            # one that counts them ("厂务公开事项7845件")
            ranked = _first_that(ranked, lambda text: bool(_LIST_INTRO.search(text)))
        if _LEAD_ASKED.search(query.own):  # ("产改在企业里是哪个部门牵头搞": by "由企业工会牵头…", not the likeliest)
            ranked = _first_that(ranked, lambda text: bool(_LEAD_STATED.search(text)))
        ordinal = _ORDINAL_ASKED.search(query.own)
        if ordinal:  # "技能大赛是第几届": by one saying which (第十九届), not one saying how often it is held
            ranked = _first_that(ranked, lambda text: bool(re.search(rf"第[一二三四五六七八九十百零\d]+{ordinal.group(1)}", text)))
        return ranked

    def _names_place(self, text: str, cities: bool = False) -> bool:
        """Whether a text names a place: a region or city of `[regions]` (knowledge/_constraints.toml), or a name
        ending as places do (…市, …州, …县); `cities`: a place within a region, not the region itself (the 云南 of
        "云南省职工技师工作站" says whose, not where)."""
        if self._places is None:
            regions = (self.index.constraints or {}).get("regions", {})
            names = {n for region, others in regions.items() for n in (region, *others) if n != "全国"}
            self._places = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))) or r"(?!x)x")
            within = {n for others in regions.values() for n in others if len(n) >= 2}
            self._cities = re.compile("|".join(map(re.escape, sorted(within, key=len, reverse=True))) or r"(?!x)x")
            self._regions = re.compile("|".join(map(re.escape, sorted(regions, key=len, reverse=True))) or r"(?!x)x")
        if cities:  # (贵州 ends as a place within one does, and is the region)
            return bool(self._cities.search(text) or _PLACE_NAME.search(self._regions.sub("", text)))
        return bool(self._places.search(text) or _PLACE_NAME.search(text))

    def _enumerating_first(self, query: Query, ranked: list[tuple[Hit, float]]) -> list[tuple[Hit, float]]:
        """"推进会都是哪些单位的人来参加": a list of a kind is answered by a sentence that enumerates (A、B、C) and names
        that kind, before a sentence more like the question that lists nothing (the headline "推进会在贵阳召开")."""
        asked = _LIST_OF.search(query.own) if query.intent == "list" else None
        kind = next((w for w in self.lexicon.words_of(asked.group(1)) if len(w) >= 2), "") if asked else ""
        if _GENERIC_KIND.fullmatch(kind):
            # ("帮扶都是些啥形式": of a kind that is only a way of being, the thing named before it is what is listed)
            kind = next((w for w in reversed(self.lexicon.words_of(query.own[: asked.start()]))
                         if len(w) >= 2 and self._is_topic(w)), "")
        if not kind or not ranked:
            return ranked

        # ("有啥帮扶" asks what there is, less surely a list than "哪些": only an open list of its kind answers it
        # first, "冬送温暖、夏送清凉、日常帮扶…等品牌服务活动", not one sentence's three words "制度规范、各司其职、运行高效")
        open_only = asked.group(0).startswith(("啥", "什么"))

        def lists_kind(hit: Hit) -> bool:
            if open_only and not re.search(r"、[^，,。；;]*等", hit.chunk.text):
                return False
            # (or names the kind it lists by a count and a word of the same root: "哪几项权力" → "…三大职权")
            # (or two items joined and then "等" the kind: "“师傅帮带徒弟”和“徒弟挑战师傅”等活动")
            return bool(_ENUMERATION.search(hit.chunk.text)) and (kind in hit.chunk.text or any(
                set(m.group(1)) & set(kind) for m in _COUNTED_KIND.finditer(hit.chunk.text))) or bool(re.search(
                    rf"[”\u4e00-\u9fff](?:和|与|及|、)[“\u4e00-\u9fff][^。，,；;]*?等{re.escape(kind)}", hit.chunk.text))

        if kind in ranked[0][0].chunk.text:
            # (the best one names the kind: it is one of them, "建立领导小组会议机制", or lists them its own way,
            # "“师傅帮带徒弟”和“徒弟挑战师傅”等活动")
            return ranked
        head = ranked[: self.tuning.quotes + 2]
        found = next((i for i, (h, _) in enumerate(head) if lists_kind(h)), None)
        if found is None:
            return ranked
        hit, _ = ranked[found]
        return [(hit, ranked[0][1])] + [r for i, r in enumerate(ranked) if i != found]

    def _telling_first(self, query: Query, ranked: list[tuple[Hit, float]]) -> list[tuple[Hit, float]]:
        """The likeliest sentence naming what the question is specifically about, when the best one does not and it
        is nearly as likely ("一线工人能不能定期做个体检": the 健康体检 sentence, not the one sharing 一线…工人)."""
        telling = [w for w in query.subject if self._is_topic(w) and self._known(w)
                   and self._specificity(w) >= self.tuning.telling_specificity]  # (单位, 公司: who, not what)
        if not telling or not ranked:
            return ranked

        def names(hit: Hit) -> bool:
            text = f"{hit.chunk.section} {self._quote_text(hit.chunk)}"
            return any(_covered(w, text) or _named_by_synonym(w, text, self.lexicon) for w in telling)
        if names(ranked[0][0]):
            return ranked
        keep = ranked[0][1] * self.tuning.item_share
        found = next((i for i, (h, p) in enumerate(ranked[:self.tuning.evidence_depth]) if p >= keep and names(h)), None)
        return ranked if found is None else _led_by(ranked, found)

    def _latest_first(self, query: Query, ranked: list[tuple[Hit, float]]) -> list[tuple[Hit, float]]:
        """With no year asked, the best sentence as the latest document writes it, when another year's document
        says the same ("职工技能大赛最近一届是第几届": 2022's 第十九届, not 2021's 第十八届), as a figure question leads
        with the latest document's figure."""
        if query.constraints.all_years or len(ranked) < 2:
            return ranked
        head = ranked[: self.tuning.evidence_depth]
        vectors = self.index.dense.vectors(np.array([h.chunk.row for h, _ in head]))
        same = vectors @ vectors[0] >= self.tuning.same_sentence_similarity
        # (another year's document of the same kind: a later policy restating what a report says was done is a rule,
        # not that report's sequel — "贵州的省属企业…都搞了哪些活动" is the 2022 report's, not the 2023 opinion's)
        twins = [i for i in range(len(head)) if same[i] and head[i][0].chunk.doc.region == head[0][0].chunk.doc.region
                 and head[i][0].chunk.doc.kind == head[0][0].chunk.doc.kind]
        return _led_by(ranked, max(twins, key=lambda i: (head[i][0].chunk.doc.year or "", -i)))

    def _done_first(self, query: Query, ranked: list[tuple[Hit, float]]) -> list[tuple[Hit, float]]:
        """A question about what was done ("贵州省属企业除了职工驿站，还建了哪些服务阵地") is answered by a sentence
        saying what was done, nearly as likely, before a goal or a rule (a policy's "到2025年…建成…"), as a figure is."""
        own = re.sub(r"[除为]了", "", query.own)
        if not ranked or not _PERFECTIVE.search(own) or _TARGET_QUESTION.search(query.full_text):
            return ranked

        def planned(hit: Hit) -> bool:
            return bool(_TARGET_SENTENCE.search(hit.chunk.text)) or self.of_rules(hit.chunk.doc.id)

        if not planned(ranked[0][0]):
            return ranked
        keep = ranked[0][1] * self.tuning.item_share
        done = next((i for i, (h, p) in enumerate(ranked[: self.tuning.evidence_depth]) if p >= keep and not planned(h)), None)
        return ranked if done is None else _led_by(ranked, done)

    def _planned_first(self, query: Query, ranked: list[tuple[Hit, float]]) -> list[tuple[Hit, float]]:
        """A question asking what target was set ("会上明确的目标") is answered by a sentence setting one, of the
        document the best sentence is of, that says something of its own words ("会议明确，到2025年…"), before the
        likelier ones that set none (its turn before asked of the meeting's speakers: "会上，…4家单位作了交流发言")."""
        if not ranked or not _TARGET_ASKED.search(query.own) or _TARGET_SENTENCE.search(ranked[0][0].chunk.text):
            return ranked
        words = [w for w in query.subject if len(w) >= 2 and w not in PLANNED]
        doc = ranked[0][0].chunk.doc.id
        planned = next((i for i, (h, _) in enumerate(ranked[: self.tuning.evidence_depth])
                        if h.chunk.doc.id == doc and h.chunk.kind == "sentence" and _TARGET_SENTENCE.search(h.chunk.text)
                        and any(w in h.chunk.text for w in words)), None)
        return ranked if planned is None else _led_by(ranked, planned)

    def _document_mass(self, ranked: list[tuple[Hit, float]], doc: str) -> float:
        """The chance that a document answers: its sentences' probabilities, with each sentence that other
        documents repeat counted once (another year's report repeats "共建立职工驿站…、爱心妈妈屋(母婴室)…" with
        other figures; the copies split the probability between them, yet say one thing). Each probability is
        p / p_none against "none of them"; a group of near-identical sentences counts as its likeliest member."""
        if not ranked:
            return 0.0
        none = max(1e-9, 1.0 - sum(p for _, p in ranked))
        odds = np.array([p / none for _, p in ranked])
        vectors = self.index.dense.vectors(np.array([h.chunk.row for h, _ in ranked]))
        same = (vectors @ vectors.T) >= self.tuning.same_sentence_similarity
        group = [int(np.argmax(same[i])) for i in range(len(ranked))]  # the first member of each one's group
        best: dict[int, float] = {}
        for i, g in enumerate(group):
            best[g] = max(best.get(g, 0.0), odds[i])
        total = 1.0 + sum(best.values())
        ours = {g for i, g in enumerate(group) if ranked[i][0].chunk.doc.id == doc}
        return sum(best[g] for g in ours) / total

    def score_sentences(self, query: Query, hits: list[Hit], vector: np.ndarray | None = None) -> list[tuple[Hit, float]]:
        """Hits with their probability of answering the question, best first: each against "none of them", so
        the probabilities of a question's hits sum to the chance that the knowledge base answers it."""
        candidates = self.sentence_candidates(query, hits, vector)
        probabilities = _softmax_with_none([_linear(f, self.tuning.sentence_weights) for _, f in candidates])
        scored = [(hit, p) for (hit, _), p in zip(candidates, probabilities, strict=True)]
        return sorted(scored, key=lambda item: -item[1])

    def sentence_candidates(self, query: Query, hits: list[Hit], vector: np.ndarray | None = None
                            ) -> list[tuple[Hit, dict[str, float]]]:
        """The top hits with the features of whether each sentence answers the question."""
        top = hits
        rows = self.index.chunk_section[[self._position(h.chunk) for h in top]] if top else np.zeros(0, dtype=np.int64)
        section_sims = (self.index.section_vectors[np.maximum(rows, 0)] @ vector) if vector is not None and len(rows) \
            else np.zeros(len(top))
        # A sentence under no heading (a report's opening paragraph) is its own section.
        section_sims = np.where(rows >= 0, section_sims, np.array([h.dense for h in top]))
        section_z = _standardised(section_sims, self.section_reference @ vector if vector is not None else section_sims)
        dense_z = _standardised(np.array([h.dense for h in top]))
        subject = query.subject or self.lexicon.words_of(query.own)
        context_subject = self.lexicon.words_of(query.context) if query.context else ()
        expansions = " ".join(query.expansions + query.stand_ins)
        weights = {w: self.weight(w) * self._specificity(w) for w in subject}
        # Words the knowledge base never uses (加班费, 续签, 奖金): a question about them is not answered by a
        # sentence that shares its other words.
        unknown = self.unknown_share(query) if query.subject else 0.0
        top_keyword = max((h.keyword for h in hits), default=0.0) or 1.0
        top_bigram = max((h.bigram for h in hits), default=0.0) or 1.0
        top_fused = max((h.score for h in hits), default=0.0) or 1.0
        scored = []
        for rank, hit in enumerate(top):
            text = f"{hit.chunk.section} {self._quote_text(hit.chunk)}"
            covered = sum(wt for w, wt in weights.items() if _covered(w, text) or _synonym_in(w, expansions, text, self.lexicon))
            cover = covered / sum(weights.values()) if weights else 0.0
            uncovered = [wt for w, wt in weights.items() if not (_covered(w, text) or _synonym_in(w, expansions, text, self.lexicon))]
            uncovered_max = max(uncovered, default=0.0) / self.max_idf
            if not weights and context_subject:
                cover = sum(_covered(w, text) for w in context_subject) / len(context_subject)
            features = {"subject_cover": cover, "dense": float(dense_z[rank]), "keyword": hit.keyword / top_keyword,
                        "bigram": hit.bigram / top_bigram, "fused": hit.score / top_fused,
                        "rank": float(rank), "unknown": unknown, "uncovered_max": uncovered_max,
                        "caption": float(hit.chunk.kind == "caption"), "heading": float(hit.chunk.kind == "heading"),
                        "section_sim": float(section_z[rank]), "section_top": float(section_z[rank] >= section_z.max() - 1e-6)}
            scored.append((hit, features))
        return scored

    def _heading_words(self, doc: str, section: str) -> str:
        """A sub-point's heading, or, of a policy's article (headed 第二十三条), the article's own sentences."""
        heading = section.rsplit(" › ", 1)[-1]
        if not _ARTICLE.fullmatch(heading):
            return heading
        return "".join(c.text for c in self.index.sentences_of(doc, section))

    def _steps(self, query: Query, ranked: list[tuple[Hit, float]], keep: float, vector: np.ndarray) -> list[Item]:
        """How-to items: the sub-points of one section, chosen by how like the question each sub-point is as a
        whole (its heading and sentences) and by the relevant sentences found in it; each item quotes its sentence
        closest to the question. Sub-points that do not answer are left out."""
        doc = ranked[0][0].chunk.doc.id
        section_of = {row: section for row, section in self.index.sections_of(doc) if " › " in section}
        rows = list(section_of)
        if not rows:
            return []
        z = dict(zip(rows, _standardised(self.index.section_vectors[rows] @ vector, self.section_reference @ vector),
                     strict=True))
        found: dict[str, float] = {}
        for hit, p in ranked:
            if p >= keep:
                found[hit.chunk.section] = max(found.get(hit.chunk.section, 0.0), p)
        votes: dict[str, float] = {}
        for row in rows:
            section = section_of[row]
            text = section + "".join(c.text for c in self.index.sentences_of(doc, section))
            # "有哪些途径" asks for several ways: a section whose sub-points are broadly like the question beats one
            # with a single sub-point very like it (each sub-point's similarity counts up to one deviation).
            vote = min(1.0, max(0.0, z[row])) + min(1.0, found.get(section, 0.0)) * self.tuning.step_found_weight \
                + self._subject_cover(query, text)
            votes[section.split(" › ")[0]] = votes.get(section.split(" › ")[0], 0.0) + vote
        parent = max(votes, key=votes.get)
        # But a sub-point whose heading says all the question is about ("想参与公司管理，有啥渠道" and 畅通参与公司管理
        # 渠道) is the way asked for, however many sub-points of another section are broadly like it.
        # (A policy's article is headed by its number alone: its own words say what it is about, "考核咋弄的" and
        # 第二十三条 将产改工作纳入…年度考核.)
        headed = {section_of[row].split(" › ")[0] for row in rows
                  if self._subject_cover(query, self._heading_words(doc, section_of[row]), topical=True) >= 0.99}
        if len(headed) == 1:
            parent = headed.pop()
        else:
            # Nor one whose section heading says the purpose asked ("想提高技术，有哪些途径" and 做到素质上提升,
            # whose sub-points are the ways: 师带徒, 劳动竞赛, 创新创效), however like the question one sub-point of
            # another section is (建立工作推进机制, for the 培训 of its training funds).
            aimed = {p for p in votes if self._heading_aims(query, p)}
            parent = aimed.pop() if len(aimed) == 1 else parent
        items = []
        for row in rows:
            section = section_of[row]
            # (once one sentence surely answers, a sub-point only like the question, holding none that answers, does not:
            # "进董事会替工人说话的那种代表是咋个选出来的" is 职代会选举, not beside it 保障政治权益 for its 代表)
            sure = ranked[0][1] >= self.tuning.step_sure and ranked[0][0].chunk.section.startswith(parent + " › ")
            if not section.startswith(parent + " › ") or (
                    (z[row] < self.tuning.step_section_z or sure) and section not in found):
                continue
            sentences = self.index.sentences_of(doc, section)
            # Its sentence most likely to answer, else the one most like the question.
            likely = [(h, p) for h, p in ranked if h.chunk.section == section and h.chunk.kind == "sentence"]
            closest = max(likely, key=lambda hp: hp[1])[0] if likely else \
                max(self.retriever.hits_for([c.row for c in sentences], vector), key=lambda h: h.dense, default=None)
            if closest is not None and query.intent == "howto" and _TALLY.match(closest.chunk.text):
                # "师带徒是咋个搞的": a tally of what was done so far (截至目前…签订师徒合同4883份) says how much, not how;
                # the sub-point's sentence most like the question that tallies nothing says what is done
                told = self.retriever.hits_for([c.row for c in sentences
                                                if not _TALLY.match(c.text) and not re.search(r"\d", c.text)], vector)
                other = max(told, key=lambda h: h.dense, default=closest)
                # (not when the tally names what the question names and the other does not: "云岭工匠创新工作室呢")
                named = [w for w in self._named_subject(query)
                         if len(w) >= 3 and w in closest.chunk.text and w not in self._scopes]
                closest = closest if any(w not in other.chunk.text for w in named) else other
            if closest is not None:
                items.append(Item(section.rsplit(" › ", 1)[-1], closest.chunk, max(found.get(section, 0.0), closest.dense)))
        # "职工董事是怎么选出来的": when some sub-points name what the question is specifically about, the others
        # (保障政治权益 beside 畅通参与公司管理渠道) do not answer it.
        telling = [w for w in self._named_subject(query)
                   if self._known(w) and self._specificity(w) >= self.tuning.telling_specificity]

        texts = {id(i): i.heading + "".join(c.text for c in self.index.sentences_of(doc, i.chunk.section)) for i in items}

        def names(item: Item) -> bool:
            text = texts[id(item)]
            return any(_covered(w, text) or _named_by_synonym(w, text, self.lexicon) for w in telling)

        def names_a_sibling(item: Item) -> bool:
            text = texts[id(item)]
            return any(self._sibling(w, self.lexicon.words_of(text), text, " ".join(telling)) for w in telling)

        if telling and any(names(i) for i in items):
            items = [i for i in items if names(i)]
        # Nor does one naming a sibling of the asked term instead of it ("职工董事是咋个产生的": not 第十七条, whose 职工监事
        # 由职工代表大会民主选举产生).
        items = [i for i in items if not names_a_sibling(i)] or items
        # Nor one whose heading names what the question sets aside ("除了师带徒还有啥途径": not 积极通过“师带徒”提升).
        items = [i for i in items if not any(w in i.heading for w in query.excluded)] or items
        return sorted(items, key=lambda i: i.chunk.position)[:6]

    def _heading_aims(self, query: Query, heading: str) -> bool:
        """Whether a section heading names all that a how-to question wants to achieve: its topic words but the way
        asked for (途径, 渠道), each written there or by a synonym written with a particle between its two halves
        (素质提升 in "做到素质上提升")."""
        wanted = [w for w in query.subject if self._is_topic(w) and not HOWTO.fullmatch(w)]
        return bool(wanted) and all(
            _covered(w, heading) or any(_written_loosely(o, heading) for _present, others in self.lexicon.expansion_groups(w)
                                        for o in others) for w in wanted)

    def _named_subject(self, query: Query) -> tuple[str, ...]:
        """The question's subject words, or, when it names nothing but verbs and leans on the conversation ("这个是咋个
        选出来的" after "职工董事有好多名"), what the conversation was about."""
        if query.context and not any(len(w) >= 2 and w not in verbs() for w in query.subject):
            return tuple(w for w in self.lexicon.words_of(query.context) if len(w) >= 2 and w not in verbs())
        return query.subject

    def _is_topic(self, word: str) -> bool:
        """Whether a word says what a question is about (劳模, 工伤), not how it asks (自己, 公司, 单位, 报)."""
        return len(word) >= 2 and self.weight(word) >= TOPIC_WEIGHT

    def _subject_cover(self, query: Query, text: str, topical: bool = False) -> float:
        """Share of the question's subject words (by informativeness) that a text holds, synonyms included. With
        `topical`, of its topic words only (not 单位, 公司 or a verb of one character), when it has any."""
        weights = {w: self.weight(w) for w in self._subject_parts(query, query.constraints.on_subject)}
        if topical:
            weights = {w: wt for w, wt in weights.items() if self._is_topic(w)} or weights
        if not weights:
            return 0.0
        expansions = " ".join(query.expansions + query.stand_ins)
        covered = sum(wt for w, wt in weights.items() if _covered(w, text) or _synonym_in(w, expansions, text, self.lexicon))
        return covered / sum(weights.values())

    def _position(self, chunk: Chunk) -> int:
        return chunk.row

    def _readable(self, hit: Hit) -> Hit:
        """A heading alone says little: quote the first sentence under it instead (same score)."""
        if hit.chunk.kind != "heading":
            return hit
        following = self.index.chunk_at(hit.chunk.doc.id, hit.chunk.position + 1)
        if following is None or following.kind != "sentence":
            return hit
        return Hit(following, hit.score, hit.dense, hit.keyword, hit.bigram)

    def _quote_text(self, chunk: Chunk) -> str:
        """A heading alone says little: read it with the first sentence under it."""
        if chunk.kind != "heading":
            return chunk.text
        following = self.index.chunk_at(chunk.doc.id, chunk.position + 1)
        return chunk.text + (following.text if following is not None and following.kind == "sentence" else "")

    # --- refusals --------------------------------------------------------------------------------------------------
    def _knows_any_word(self, query: Query) -> bool:
        """False when no word of the question, nor a synonym standing in for one, occurs anywhere in the
        knowledge base (天气、加班费、社保…)."""
        # ("除了师傅带徒弟，还搭了什么平台": what it sets aside says what it is about, though 平台 is no word of the
        # documents)
        subject = (query.subject + query.excluded) or self.lexicon.words_of(query.own)
        if query.stand_ins or (query.context and (not any(len(w) >= 2 and not _CHANGE_VERB.fullmatch(w)
                                                          and not _HOW_MANY_OF.fullmatch(w) for w in query.subject)
                                                  or REFERRING.search(query.own)
                                                  or query.intent == "when")):
            # a follow-up with no words of its own (or only how it changed: "到22年变成几条了"), or pointing back
            # ("这样改了有啥变化"), is about what the conversation was about
            return True
        tokens = [t for w in subject for t in self.lexicon.tokens(w)] or list(self.lexicon.tokens(query.full_text))
        grams = bigrams(" ".join(subject) or query.full_text)
        if query.constraints.on_subject and self.subject_mask is not None:  # what its documents on its subject use
            if any(self._on_subject(self.index.keyword, t) for t in tokens):
                return True
            known = sum(self._on_subject(self.index.bigram, g) for g in grams)
        else:
            if any(t in self.idf for t in tokens):
                return True
            known = sum(g in self.index.bigram.idf for g in grams)
        return bool(re.search(r"[a-z]{3,}", query.text)) or known >= max(2, 0.5 * len(grams))

    def _refuse(self, query: Query, reason: str, hits: list[Hit] | None = None, **detail) -> Evidence:
        subject = query.subject or self.lexicon.words_of(query.own)
        # Named in "知识库中提到了…，但没有关于…": topic words only, not 自己, 公司 or 单位.
        topical = [w for w in subject if self._is_topic(w)]
        known = [w for w in topical if self._known(w)]
        unknown = [w for w in topical if w not in known]
        if query.asked and len(query.own) > 40:
            # (what it lacks is of what is asked, not of the story told before it: "我在云南的一家省属企业当技师，听说
            # 贵州那边…，那云南这边…技能津贴有没有规定多少" does not ask of 一家 or 听说)
            unknown = [w for w in unknown if any(w in a for a in query.asked)]
        detail |= {"known": known, "unknown": unknown}
        return Evidence("refusal", query, refusal=reason, detail=detail, suggestions=tuple(self.suggest(hits or [], limit=5)))

    def _refuse_missing(self, query: Query, hits: list[Hit], missing: str) -> Evidence:
        """A refusal that says which aspect of what was asked the documents do not write (具体日期, 具体地点…)."""
        refused = self._refuse(query, "no_answer", hits=hits)
        known = [w for w in refused.detail.get("known", []) if w not in missing and missing not in w]
        return replace(refused, detail=refused.detail | {"known": known, "unknown": [missing], "missing": missing})

    def suggest(self, hits: list[Hit], limit: int = 3) -> list[str]:
        """Answerable questions close to a refused one: what the figures of the nearest sentences count, as a
        worker would ask ("职工董事有多少？", not "通过职代会选举产生职工董事有多少？")."""
        seen, out = set(), []
        for hit in hits[: self.tuning.evidence_depth]:
            for n in self.index.figure_ids_of(hit.chunk):
                figure = self.index.figures[n]
                thing = self._counted(figure.label)
                if not thing or thing in seen:
                    continue
                seen.add(thing)
                prefix = f"{figure.doc.region}" if len(self.index.documents) > 1 and figure.doc.region \
                    and not thing.startswith(figure.doc.region) else ""
                out.append(f"{prefix}{thing}有多少？")
                if len(out) >= limit:
                    return out
        return out

    def _counted(self, label: str) -> str:
        """The thing a label counts: its last word, with the word before it when the last is short."""
        if re.search(r"\d|未标注", label):
            return ""
        words = list(self.lexicon.words_of(label))
        # (not what was done to it, nor how often: "职工代表大会每年至少召开" counts 职工代表大会)
        while len(words) > 1 and (words[-1] in verbs() or _RATE_WORD.fullmatch(words[-1]) or words[-1] in LIGHT_WORDS):
            words.pop()
        if not words:
            return ""
        # (a word for whoever holds it says little alone: 获得者 is 五一劳动奖章获得者)
        short = len(words[-1]) < 3 or (len(words[-1]) == 3 and words[-1].endswith("者"))
        thing = words[-1] if not short or len(words) == 1 else words[-2] + words[-1]
        return thing if 2 <= len(thing) <= 12 and thing in label and thing not in verbs() else ""


# What a list question lists: "哪几种机制" → 机制, "有哪些品牌服务" → 品牌服务.
# What a list question asks a list of, however the sentence goes on ("都是哪些单位的人来参加" → 单位…).
_LIST_OF = re.compile(r"(?:哪几种|哪几类|哪几项|哪几个|哪几家|哪几条|哪[两二三四五六七八九十](?:项|条|种|类|个|大)|哪些|些什么|些啥子?"
                      r"|(?<=有)(?:啥子?|什么))"  # ("对困难职工有啥帮扶没得": what help there is, of every kind)
                      r"(?!东西|内容|事情|事儿|方面)"  # (no kind: "要公开哪些东西" asks what they are)
                      r"([\u4e00-\u9fff]{2,})")
# A comparison asked ("比22年少吗", "哪个多", "差多少"): of two sides, each needed.
_COMPARED = re.compile(r"(?<![对相])比(?![武赛例重率])[^，,。？?！!]{0,10}(?:多|少|高|低|增加|减少|涨|降)|哪(?:个|边|年)更?(?:多|少|高|低)|相比|对比|比较"
                       r"|差了?(?:多少|好多|几)|差距")
_WAY_OF = re.compile(r"做法|办法|方法|方式|形式|途径|渠道|举措|措施|经验|情况|内容|方面|安排|要求")
_GENERIC_KIND = re.compile(r"形式|方式|类型|种类|样子|名堂|花样")
_LISTED = re.compile(r"(?:哪几种|哪几类|哪几项|哪几个|哪几条|哪些|几种|几类|什么|啥)([\u4e00-\u9fff]{2,6}?)"
                     r"(?:呢|啊|呀|吗|$|[？?，,。]|(?<!的.)(?<!的..)(?=来|用来|用于|以便?))")  # (…哪些机制来落实责任: what for)


_NOT_NAMING = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")


@functools.lru_cache(maxsize=1 << 16)
def _core(text: str) -> str:
    """A noun phrase without the words around it that do not name the thing (各级, 的, 省级…的)."""
    text = _NOT_NAMING.sub("", text)
    return text if len(text) >= 3 else ""


def _assign_apart(per_noun: list[list[tuple[int, Hit, dict]]], tuning: Tuning = TUNING
                  ) -> list[list[tuple[int, Hit, dict]]]:
    """For "A和B各多少": a figure is the answer to one noun only. Each figure stays with the noun whose words it
    matches best (by the linear score), so A's figure does not crowd B's out of B's softmax."""
    def z(features: dict) -> tuple[float, float]:
        # The unit asked decides first ("搞了几次，多少人次参加": 62572人次 answers the second, however like the
        # first its words are), then the score.
        return features.get("unit", 0.0), _linear(features, tuning.figure_weights)

    best: dict[int, tuple[tuple[float, float], int]] = {}
    for k, candidates in enumerate(per_noun):
        for n, _, features in candidates:
            if n not in best or z(features) > best[n][0]:
                best[n] = (z(features), k)
    if len(per_noun) == 2:
        # The two answers together: the pair of different figures that fits both nouns best keeps each with its
        # noun, though one figure fits both ("省国资委党委和各省属企业各拿了多少钱": 280万元 fits either a little
        # better than 1236万元 fits 各省属企业, yet 各省属企业's is 1236万元).
        # (of one sentence only: two nouns asked in one breath and written in one sentence; elsewhere a noun whose
        # best figure the other took has no answer of its own)
        pairs = [((za[0] + zb[0], za[1] + zb[1]), a, b) for a, ha, fa in per_noun[0] for b, hb, fb in per_noun[1]
                 if a != b and ha.chunk.id == hb.chunk.id for za, zb in [(z(fa), z(fb))]]
        if pairs:
            _, a, b = max(pairs, key=lambda p: p[0])
            best[a], best[b] = (best[a][0], 0), (best[b][0], 1)
    return [[c for c in candidates if best[c[0]][1] == k] for k, candidates in enumerate(per_noun)]


def _shared_article(hits: tuple[Hit, ...], chapter: bool = False, part: bool = False) -> str:
    """The policy article all quoted sentences are of ("第十七条"), or its chapter ("第四章 民主权利保障"), or the
    part of a report they are in ("“四是强化主体地位,做到权益上维护”部分"), else ""."""
    sections = {h.chunk.section for h in hits}
    if len(sections) != 1:
        return ""
    parts = [p.strip() for p in next(iter(sections)).split(" › ")]
    if chapter or part:
        found = next((p for p in parts if re.match(r"第[一二三四五六七八九十百零〇\d]{1,5}章", p)), "")
        return found or (f"“{parts[0]}”部分" if part and len(parts) > 1 else "")
    return parts[-1] if _ARTICLE.fullmatch(parts[-1]) else ""


_MEETING_REPORTED = re.compile(r"会(?:在|于)[\u4e00-\u9fff]{1,6}?(?:召开|举行|举办)")  # a title reporting a meeting
_WHICH_CHAPTER = re.compile(r"第几章|哪一?章")
_WHICH_PART = re.compile(r"(?:哪一?个?|第几个?)(?:部分|方面|板块)")
# "有没有提到法律援助", "是否写了新八级工": whether the documents mention a thing, which is named after the verb.
_MENTION_ASKED = re.compile(r"(?:有没有|有没|是否|有无|可曾)(?:提到|提及|提过|写到|写了|写过|讲到|讲过|说到|说过|涉及|提|讲|写|说)(?:过|了)?"
                            r"([^，,。？?！!]{2,16}?)(?:的?(?:内容|事情?|情况|说法|要求|规定))?(?:[？?。！!，,]|$)"
                            # (and asked after it: "云南的报告提到过法律援助吗")
                            r"|(?:提到|提及|写到|讲到|说到|涉及)(?:过|了)?([^，,。？?！!]{2,16}?)"
                            r"(?:的?(?:内容|事情?|情况|说法|要求|规定))?(?:吗|没有|没|不|么)(?:[？?。！!，,]|$)")
# "有没有投票权", "驿站里面有空调热水没得": whether a thing is there, which the documents can only say if they write it.
_HAS_ASKED = re.compile(r"(?:有没有|有没得|有莫得|有无|是否有|是不是有)(?!提|写|讲|说|涉及)([^，,。？?！!]{2,10}?)(?:的?(?:说法|提法))?"
                        r"(?:吗|呢|啊|哦|嘛)?(?:[？?。！!，,]|$)"
                        r"|(?<![没])有([^，,。？?！!没]{2,8}?)(?:没得|没有|莫得)(?:[？?。！!，,呢啊哦嘛]|$)"
                        # (asked after it, a clause of its own: "…都配了啥，冰箱有没")
                        r"|(?:^|[，,\s])([^，,。？?！!\s有]{2,8}?)(?:有没有|有没得|有没|有莫得)(?:[？?。！!，,呢啊哦嘛]|$)")
# Whether the asker (one person, not "我们一线工人") could be chosen for a post or an honour.
_SELF_CHOSEN = re.compile(r"(?:(?:我(?!们)[^，,。？?！!]{0,12}?(?:能不能|能否|可不可以|可以不|够不够|够格|有没有资格|有资格|符不符合)"
                          r"|我(?!们)[^，,。？?！!问]{0,12}?(?<![想要])能(?=[评选当]))"  # ("我干了15年电工能评劳模吗")
                          r"[^，,。？?！!]{0,4}?被?去?(?:竞选|参选|当选|当上|当|评上|评|选上|选成|推荐|兼任|担任|兼)"
                          r"|(?:推荐|选|推)我去?(?:当|评|做)"
                          # (when the asker will be, told after their story: "我干了12年了，哪年能评上劳模")
                          r"|^(?:我|俺)(?!们)[^？?！!]{0,16}?(?:哪年|哪一年|啥时候|什么时候|几时|多久|几年|要多久)(?:才|就)?能?"
                          r"(?:评上|当上|选上|轮到))[^，,。？?！!]{0,8}?(?:董事|监事|代表|劳模|模范|工匠|先进|委员)")
# Whether the asker, or the asker's own unit, qualifies or may apply, for whatever post, honour or title ("我想报名，我
# 够不够格啊", "那我们单位能申请吗"); group 1 is the unit when it is one.
_QUALIFIES = (r"(?:够不够格|够格[吗不没么]|够不够资格|有没有资格|有资格[吗不没么]|够不够条件|符不符合条件|符合条件[吗不没么]"
              r"|(?:能|可以|能不能|可不可以)也?(?:申请|申报|报名|领|拿到?))")
_SELF_QUALIFIES = re.compile(rf"(?:我(?!们)|(?:我们|咱们|俺们)的?(厂|公司|单位|车间|班组|矿|集团))[^，,。？?！!]{{0,8}}?{_QUALIFIES}"
                             # (or the asker's household or one of the family, told of first: "我们家这种情况算不算
                             # 困难职工", "我爸已经退休了，单位的健康体检他还能参加不")
                             r"|(?P<family>(?:我们|我|俺|咱)(?:家|屋头|一家)|(?:我|俺)(?:爸|妈|老公|老婆|媳妇|爱人|儿子|女儿|家属"
                             rf"|父亲|母亲))[^。？?！!]{{0,20}}?(?:{_QUALIFIES}|算不算|还能(?:不能)?参加)")
# (not a name half remembered: "我想报名那个云岭什么工匠，我够不够格" asks no what)
_ASKS_OTHERWISE = re.compile(r"怎么|怎样|如何|咋|多少|几[个名人次家条项]|哪[些个里家]"
                             r"|(?<=[是有叫干做搞为说讲要用些])(?:什么|啥)|(?:什么|啥)(?=[？?。，,！!]|$)")
# One person of the asker's own unit, asked whether they are something ("我们车间那个劳模是不是人大代表").
_ONE_OF_OURS = re.compile(r"(?:我们|俺们|咱们|我)(?:车间|厂|厂里|班组|单位|公司|矿上|矿|部门|队上)(?:里|头|里头)?的?(?:那个|那位|这个|这位)"
                          r"[\u4e00-\u9fff]{1,6}(?:是不是|算不算|有没有|是否)"
                          # (or the asker in a list: "慰问名单能查到不，有没有我")
                          r"|(?:名单|名册|名字)[^。？?！!]{0,12}(?:有没有|有无)(?:我|俺)(?!们)|(?:名单|名册)[^。？?！!]{0,12}有(?:我|俺)(?:吗|没|不)")
# "驿站里能领免费午饭不": whether a thing is to be had there, which the documents can only say if they write it.
_GET_ASKED = re.compile(r"(?:能|可以|能不能|可不可以)(?:领|拿|吃|喝|用|享受|报销|免费)到?([\u4e00-\u9fff]{2,6}?)(?:不|吗|没|么|嘛|没有)"
                        r"(?:[？?。！!，,]|$)")
_ANY_KIND = re.compile(r"啥|什么|哪|这种|这类|这样|那种|那类|把|被")
# Whom a document applies to, asked ("管哪些企业", "管不管民营企业", "对我们也管用吗") and stated ("本意见适用于…").
_APPLIES_ASKED = re.compile(r"(?:管|适用于?|覆盖|针对|面向)(?:的是|到|得到|得着)?(?:哪些|什么|哪类|哪种|哪几类|哪几种|啥子?)"
                            r"(?:企业|单位|公司|人)|管不管|管得到|管得着|适不适用|适用(?:吗|不)|(?:也|还)管用|只管(?:国企|国有)"
                            # (or whether they too must follow it: "民营企业也要照着执行不")
                            r"|(?:也|都|还)(?:要|得|需要)?(?:照着?|按照?)?(?:执行|遵守|落实)(?:不|吗|么|没|嘛)")
_APPLIES_STATED = re.compile(r"适用于|适用范围")
# What a document was made to carry out, asked ("是依据中央哪个方案定的", "照着哪个文件出的", "出台的依据是啥") and said
# ("为深入贯彻落实党中央、国务院《…方案》", "根据《…》"): a named text it carries out.
_BASIS_ASKED = re.compile(r"(?:依据|根据|按照|依照|参照|照着|贯彻|落实)(?:的是)?[^，,。？?！!]{0,6}?(?:哪个|哪份|哪一个|哪些|什么|啥)"
                          r"(?:文件|方案|政策|精神|规定|意见|部署)|(?:依据|根据|出处)(?:是|有)(?:什么|啥|哪个|哪些)"
                          r"|(?:依据|根据|按照|依照|照着)(?:什么|啥|哪个|哪些)来?(?:定|制定|出台|印发|搞|写)")
_BASIS_STATED = re.compile(r"(?:贯彻落实|贯彻|落实|根据|依据|按照)[^。；;]{0,20}《[^》]{2,40}》")
_WORKPLACE = re.compile(r"企业|单位|公司|国企|私企|民企|厂")  # (of whom it is asked: not "职代会管不管用")
# "这份报告分哪五个方面来写的", "意见分几章", "报告的结构是啥": the parts a document is written in.
_OUTLINE = re.compile(r"分(?:成|为)?了?(?:哪|几)[几一二三四五六七八九十\d]?(?:个|大)?(?:方面|部分|板块|章|块)"
                      r"|(?:哪|几)[几一二三四五六七八九十\d]?(?:个|大)(?:方面|部分|板块)(?:来|去)?(?:写|讲|谈|组成|构成)"
                      r"|(?:结构|框架|提纲|目录|大纲)(?:是|是什么|是啥|是怎样|怎么样|如何)"
                      # ("产改工作主要从哪几个方面抓的": the parts the work is reported under)
                      r"|从(?:哪|几)[几一二三四五六七八九十\d]?(?:个|大)?方面(?:来|去)?(?:抓|推进|开展|入手|着手|推动)"
                      # ("报告一共讲了几个方面", "报告第四个方面讲的是啥": its parts, or one of them)
                      r"|(?:讲|写|谈|包括|包含)了?(?:哪|几)[几一二三四五六七八九十\d]?(?:个|大)(?:方面|部分|板块)"
                      # (or its title: "第四部分的小标题是什么", "最后一部分写的啥")
                      r"|(?:第[一二三四五六七八九十\d]{1,2}|最后一)(?:个|大)?(?:方面|部分|板块)(?:的)?(?:讲|说|写|是|谈|主要|内容|小?标题)")
# The opening of a document, asked as such ("报告开头那段说了啥", "前言讲的什么")
_OPENING = re.compile(r"开头(?:那|的|这)?(?:一)?段|开篇|第一段|引言|前言|导语|开头(?:写|讲|说)")
_DOCUMENT_WORD = re.compile(r"报告|文件|意见|材料|报道|新闻|通知|方案")
# What a document says as a whole, or what came of it all ("主要讲了啥", "用一句话概括", "总的来说效果咋样").
_GIST = re.compile(r"(?:报告|文件|意见|材料|这份|这篇|这个)[\u4e00-\u9fff]{0,4}?(?:主要|大概|大致)(?:讲|说|写|谈)了?(?:些)?(?:啥|什么|哪些)"
                   r"|(?:这份|这篇|这个|该)?(?:报告|文件|意见|材料)(?:里|中)?(?:都)?(?:讲|说|写)了?(?:些)?(?:啥|什么)(?:内容)?"
                   r"(?=[？?。！!，,\s呢啊嘛]|$)"  # ("用一句话说说这份报告讲了啥"; not "报告里讲了哪些措施")
                   r"|(?:一句话|简单|简要)?(?:概括|总结|归纳)(?:一下|下)?(?:这份|这个|这篇)?(?:报告|文件|意见|材料)"
                   r"|(?:报告|文件|意见|材料)[\u4e00-\u9fff]{0,2}(?:用)?(?:一句话)?(?:概括|总结|归纳)"
                   r"|总的来说|总体(?:来看|来说|上看|效果|成效)|整体(?:效果|成效)")
_ACHIEVED = re.compile(r"取得|成效|进展|成果|成绩")
_DATA_ASKED = re.compile(r"(?:那|那么)?(?:有|有没有)(?:具体)?(?:的)?(?:数据|数字)(?:吗|么|没|没有|不)?[？?]*|(?:具体)?(?:数据|数字)呢[？?]*")
_NTH_OF_OUTLINE = re.compile(r"(第[一二三四五六七八九十\d]{1,2}|最后一)(?:个|大)?(?:方面|部分|板块)")


def _led_by(ranked: list[tuple[Hit, float]], i: int) -> list[tuple[Hit, float]]:
    """The ranking with its i-th sentence first, as likely as the best one was (it answers in its place)."""
    if i == 0:
        return ranked
    return [(ranked[i][0], ranked[0][1])] + [hp for n, hp in enumerate(ranked) if n != i]


def _standardised(values: np.ndarray, reference: np.ndarray | None = None) -> np.ndarray:
    """(x − mean) / spread of a reference (the values themselves by default), clipped to ±4: similarities made
    comparable across questions and embedding models."""
    if len(values) == 0:
        return values
    reference = values if reference is None or len(reference) < 2 else reference
    spread = float(reference.std())
    return np.clip((values - reference.mean()) / max(spread, 0.01), -4.0, 4.0)


def without_broader(rows: list[tuple[FigureChoice, ...]], words_of) -> list[tuple[FigureChoice, ...]]:
    """Rows of several documents, without those that count a broader thing than the row naming what was asked:
    when one document's label names everything asked (全国示范性劳模创新工作室) and another's is only a part of that
    label (劳模创新工作室), the other is a neighbouring row, however well it scores. A label worded differently
    (技能比武 for 技术比武) is not a part of it and stays."""
    if len(rows) < 2:
        return rows
    named = max(rows, key=lambda row: min(c.features.get("asked_match", 0.0) for c in row))

    def broader(a: FigureChoice, b: FigureChoice) -> bool:
        if a.features.get("asked_match", 0.0) >= b.features.get("asked_match", 0.0) - 0.01:
            return False
        return a.figure.label in b.figure.label or set(words_of(a.figure.label)) <= set(words_of(b.figure.label))

    return [row for row in rows if row is named or not all(broader(a, b) for a, b in zip(row, named, strict=True))]


def without_narrower(group: list[tuple[int, Hit, dict]]) -> list[tuple[int, Hit, dict]]:
    """A document's candidates without those of a level the question did not ask, when one's label is the very
    thing asked: "劳模创新工作室一共有多少个" is answered by 劳模创新工作室23个, not by the 全国示范性劳模创新工作室1个
    of the same sentence, however alike their words (the reverse of without_broader)."""
    # (or whose label holds every word of the thing asked, or the question every word of the label, its head the
    # label's own, at no level of its own: "贵州的劳模工作室有多少" is 劳模创新工作室31个, not 全国示范性劳模创新工作室2个)
    named = [c[2].get("asked_match", 0.0) for c in group if c[2].get("unit", 0.0) >= 0 and (
        c[2].get("named") or (not c[2].get("level_unasked") and all(c[2].get(k, 0.0) >= 0.99 for k in ("asked_head", "head"))
                              and max(c[2].get("asked_match", 0.0), c[2].get("label_cover", 0.0)) >= 0.99))]
    if not named:
        return group
    return [c for c in group if not c[2].get("level_unasked") or c[2].get("asked_match", 0.0) > max(named)]


def pick_figure(group: list[tuple[int, Hit, dict]], tuning: Tuning = TUNING) -> int:
    """Index of the candidate that best matches the question (highest selection score)."""
    scores = [_linear(f, tuning.figure_weights) for *_, f in group]
    return max(range(len(scores)), key=scores.__getitem__)


def acceptance_features(group: list[tuple[int, Hit, dict]], tuning: Tuning = TUNING) -> dict[str, float]:
    """The chosen candidate's features, with how far it leads the runner-up and its share of the softmax."""
    scores = sorted((_linear(f, tuning.figure_weights) for *_, f in group), reverse=True)
    best = group[pick_figure(group, tuning)][2]
    lead = min(3.0, scores[0] - scores[1]) if len(scores) > 1 else 3.0
    total = sum(math.exp(z - scores[0]) for z in scores)
    return best | {"lead": lead, "share": 1.0 / total}


def _logistic(features: dict[str, float], weights: dict[str, float]) -> float:
    z = _linear(features, weights)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _with_similarity(words: dict[str, float], sim: float, dense_z: float, rank: int) -> dict[str, float]:
    """A candidate figure's features: its words' side (EvidenceSelector.figure_features) with the vectors' side.
    `sim` and `dense_z` are the label's and the sentence's similarity to the question, standardised over the
    candidates: relative, so the weights hold for any embedding model (E5's cosines crowd into 0.8–0.95, other
    models' do not). (In the order the weights were fitted with: a sum's order moves its last bits.)"""
    w = words  # (short: every line below reads it)
    return {
        "label_cover": w["label_cover"], "head": w["head"], "asked_match": w["asked_match"],
        "lexical_x_sim": w["lexical"] * sim, "asked_head": w["asked_head"], "exact": w["exact"], "named": w["named"],
        "described": w["described"], "level_unasked": w["level_unasked"], "how_often": w["how_often"],
        "measured": w["measured"], "latin": w["latin"], "latin_x_gap": w["latin"] * sim, "no_words": w["no_words"],
        "run": w["run"], "run_own": w["run_own"], "label_sim": sim, "sentence_sim": dense_z,
        # The label's head word not asked, and the label not clearly the closest in meaning: "产业工人有多少人"
        # is not answered by the count of 产业工人党员.
        "headless_weak": (1.0 - w["head"]) * max(0.0, 1.5 - sim),
        "unit": w["unit"], "rank": float(rank), "context_only": w["context_only"], "conversation": w["conversation"],
    }


def _linear(features: dict[str, float], weights: dict[str, float]) -> float:
    # (features at 0 add nothing: most of a candidate's are)
    return weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in features.items() if v)


def _softmax_with_none(scores: list[float]) -> list[float]:
    """exp(s_i) / (1 + Σ exp(s_j)): each candidate against the others and against "none" (score 0)."""
    if not scores:
        return []
    top = max(0.0, max(scores))
    exps = [math.exp(max(-60.0, z - top)) for z in scores]
    none = math.exp(-top)
    total = none + sum(exps)
    return [e / total for e in exps]


def _bare_unit(unit: str) -> str:
    """A unit without its magnitude (万元 → 元, 万名 → 名)."""
    return re.sub(r"^[万亿千百十]+", "", unit)


def _is_rule(row: tuple[FigureChoice, ...]) -> bool:
    return any(_TARGET_SENTENCE.search(c.figure.sentence) for c in row)


def _text_key(text: str) -> str:
    """A text without its punctuation and spaces: a sentence quoted in an answer is found however it was punctuated."""
    return _NOT_NAMING.sub("", text)


@dataclass(frozen=True)
class _QuestionSide:
    """The question's side of figure_features (see EvidenceSelector._question_side)."""

    levels: frozenset[str]
    own_levels: frozenset[str]  # (those the question names in its own words, not its conversation's)
    asked_text: str
    asked_or_meant: str
    noun_words: tuple[str, ...]
    weighty: tuple[str, ...]
    noun_weights: list[float]
    counted: str
    measure: re.Match | None
    noun_core: str
    rewritten_cores: tuple[str, ...]
    latin: float
    how_often: float
    measured: tuple[bool, ...]
    done_asked: bool
    rate_asked: bool


def _fits(figure: Figure, units: tuple[str, ...]) -> bool:
    """Whether a figure is in one of the units a question asks for: 次 is not 人次; a fraction (三分之一) is a share."""
    if "%" in units and "分之" in figure.value:
        return True
    if units == ("",):
        return not figure.unit
    if "人" in units and not figure.unit.strip("余多") and re.search(r"[万亿]", figure.value) \
            and _PERSONS.search(figure.label):
        return True  # "把1.2万生产骨干培养成党员": a bare magnitude of people
    return any(u in figure.unit and not (u == "次" and "人次" in figure.unit) for u in units)


def _counts_other(unit: str, measure: str, own: bool = False) -> bool:
    """Whether a figure counts another kind of thing than the measure word asked: people where times were asked, or
    times where people were (人次 is neither; 个 counts anything); and, of a measure the question itself asks (`own`),
    organisations where documents were ("建投集团自己签了好多份" is no 2户), and so on."""
    if "人次" in unit or measure == "人次":
        return False
    kinds = ("人名位", "次场届", "家户", "份条件篇项") if own else ("人名位", "次场届")
    asked = next((k for k in kinds if measure in k), None)
    counted = next((k for k in kinds if unit[-1:] and unit[-1:] in k), None)
    return asked is not None and counted is not None and asked != counted


def _sentence_measures(sentence: str, measure: str) -> bool:
    """Whether a sentence holds a figure in the measure word asked ("5016条" for 多少条)."""
    from .figures import find_numbers
    return any(_measures((m.group(4) or "") + (m.group(5) or ""), measure) for m in find_numbers(sentence) if m.group(4))


def _measures(unit: str, measure: str) -> bool:
    """Whether a figure's unit is the measure word asked ("多少人" is answered in 人, 名 or 位)."""
    if ("人次" in unit) != (measure == "人次"):  # 几次 is not answered in 人次, nor 多少人次 in 次 or 人
        return False
    people = "人名位"
    organisations = "家户"  # "几家企业" is answered by "3户省属企业"
    return measure in unit or (measure in people and any(p in unit for p in people)) \
        or (measure in organisations and any(o in unit for o in organisations))


def _answer_units(answer: str) -> tuple[str, ...] | None:
    """The units of the figure an answer leads with, when they say what kind of figure it is (a share, a sum of
    money, attendances); a plain count (名, 个) says little of what a follow-up counts next."""
    lines = answer.split("\n")
    lead = re.match(r"\s*\d[\d.,]*(?:万|亿)?(%|元|人次)", lines[0])
    if lead is None and lines[0].startswith("（出自") and len(lines) > 1:
        # A quote leads ("（出自2023年贵州政策文件）" then "…比例原则上不低于65%。"): its one figure, when it is the
        # sentence's only number but a year, is what a follow-up asks of ("实际做到多少": a share again)
        numbers = [m for m in re.finditer(r"(?<![\d.\[])\d[\d.,]*(?:万|亿)?(%|元|人次|年|[\u4e00-\u9fff]?)", lines[1])
                   if m.group(1) != "年"]
        lead = numbers[0] if len(numbers) == 1 and numbers[0].group(1) in ("%", "元", "人次") else None
    return {"%": _UNIT_CLASSES[0][1], "元": ("元",), "人次": ("人次",)}[lead.group(1)] if lead else None


def _asking_clause(text: str) -> str:
    """The last clause that asks how many or how much (the story told before it asks nothing)."""
    clauses = [c for c in re.split(r"[，,。；;！!？?]", text) if c]
    return next((c for c in reversed(clauses) if QUANTITY.search(c)), text)


def asked_units(text: str) -> tuple[str, ...] | None:
    """The units a question asks for, from the clause that asks, else from any clause ("钱是谁出的，各出了多少")
    but a length of time: "我在昆钢干了十几年了，…建起好多个了" tells how long the asker has worked."""
    clause = _asking_clause(text)
    units = _with_share_of_part(_unit_class(clause), clause)
    if units is None:
        units = _unit_class(text)
        units = None if units == _UNIT_CLASSES[-1][1] else units
        if units == ("元",) and _WHOLE_OF_MONEY.search(text):
            # "职工教育经费里，用在一线职工培训上的不低于多少": a part of the money named before as the whole is asked,
            # as an amount or as its share of the whole
            units = ("元", "%")
    return units


# What a service costs is asked ("托管班怎么收费", "要不要交钱"), of sentences that say no price.
_FEE_ASKED = re.compile(r"(?:怎么|如何|咋个?)收费|收(?:多少|好多|几多)钱|收费(?:标准|多少|吗)|(?:要|需要)(?:不要)?(?:交|给)?钱|免费吗|免不免费|收不收费")
_FEE_STATED = re.compile(r"\d\s*元|免费|收费|费用")
# What a speech said is asked ("交流发言具体讲了什么经验"), of a sentence that says only who spoke (no words of theirs).
_SPEECH_ASKED = re.compile(r"(?:讲|说|谈|介绍|分享|交流)了?(?:些)?(?:什么|啥|哪些)(?:经验|内容|话|东西)?|发言(?:的)?内容|讲话(?:的)?内容")
_SPOKE = re.compile(r"发言|讲话|致辞|作了?报告|介绍了?经验")
_SAID_WHAT = re.compile(r"[：:“「]|指出|强调|表示|提出")
# What one person gets is asked ("人均多少", "摊到每个人头上", "我能申请到好多钱"), and whether a sentence states it.
_PER_PERSON = re.compile(r"人均|平均每|平均下来|每(?:个|一)?人|一个人|(?<![一\d])一人|每(?:个|位|名)[\u4e00-\u9fff]{0,8}?(?:头上|能|可以|拿|领|分)"
                         r"|(?<![一\d])一户|每户|每家(?!企业|单位|公司)"  # (or household: "慰问金一户能拿几百块")
                         r"|(?:我|俺)[^，,。？?！!]{0,10}(?:申请|领|拿|分)到?(?:好多|多少|几多)钱")
# What the asker would get ("像我屋头这种困难的能分到好多"): no total, of money or of people, says it.
MY_SHARE = re.compile(r"(?:我|俺)(?!们)[^，,。？?！!]{0,10}(?:能|可以)(?:申请|领|拿|分)到?(?:好多|多少|几多)"
                      # (the asker's household: "那我们家能分到好多")
                      r"|(?:我们|我|俺|咱)(?:家|屋头|屋里|一家)[^，,。？?！!]{0,6}?(?:能|可以)?(?:申请|领|拿|分)到?(?:好多|多少|几多)"
                      # (or what is to be paid or set aside for the asker: "公司每年该给我提多少教育经费")
                      r"|(?:给|帮|为)(?:我|俺)(?!们)(?:个人)?(?:提|发|交|缴|补|算|报)[^，,。？?！!]{0,2}?(?:多少|好多|几多)"
                      # (or how much more the asker earns: "这个系数能让我工资涨多少", "我能多拿好多")
                      r"|(?:我|俺)(?!们)的?(?:工资|收入|薪水|薪酬|待遇|奖金)[^，,。？?！!]{0,4}?(?:涨|加|增加|提高|多)了?(?:多少|好多|几多|几)"
                      r"|(?:我|俺)(?!们)(?:能|可以)?多(?:拿|领|挣|得)(?:多少|好多|几多)")
_MONEY_ASKED = re.compile(r"钱|块|元|金|费|补贴|补助|多少|好多|几多|几[百千万]")  # (what one gets, in money or not said)
_PER_PERSON_STATED = re.compile(r"每人|人均|每名|每位|每月|每年|每个月|标准")
_DRAWN = re.compile(r"(?:提|提取|计提)(?:多少|几)")
_WHOLE_OF_MONEY = re.compile(rf"(?:钱|经费|资金|专款){AMONG}[，,]")
_PART_OF_MONEY = re.compile(rf"(?:钱|经费|资金|专款){AMONG}[，,]?[^，,。？?]{{0,6}}?(?:用在|用于|用到|花在|花到|拿来)")


def _with_share_of_part(units: tuple[str, ...] | None, clause: str) -> tuple[str, ...] | None:
    """Money asked of a part of the money named as the whole ("教育经费里用在一线培训上的不能低于多少") may be that part's
    amount or its share of the whole."""
    return ("元", "%") if units == ("元",) and _PART_OF_MONEY.search(clause) else units


def _bare_measure(text: str) -> tuple[str, ...] | None:
    """The units a follow-up of a measure word alone asks for ("人次呢", "那占比呢", "钱呢"), else None."""
    bare = re.sub(r"^(那么?|还有)|[呢吗啊呀？?。！!\s]+$", "", text)
    # ("参与人次各多少": a measure asked of each, what each was asked before)
    bare = re.sub(r"(?<=人次|人数|比例|占比|比重|金额|经费)(?:各自|各|分别)(?:是)?(?:多少|几)$", "", bare)
    text = bare
    # ("2022年参与的人次呢": the year, and what the measure is of, said before it)
    bare = re.sub(r"^(?:(?:19|20)?\d{2}年)?(?:[\u4e00-\u9fff]{1,4}?的|参与|参加)?(?=(?:人次|人数|次数|比例|占比|比重|钱|金额|经费)$)", "", bare)
    if not bare or len(bare) > 3 or re.search(r"多少|几", text):
        return None
    if bare == "次数":
        return ("次",)  # ("次数呢" after "有多少人次参与": how many times, not people)
    return _unit_class("多少" + bare) if bare in ("人次", "人数", "比例", "占比", "比重", "钱", "金额", "经费") else None


def _unit_class(text: str) -> tuple[str, ...] | None:
    return next((units for pattern, units in _UNIT_CLASSES if pattern.search(text)), None)


def _covered(word: str, text: str) -> bool:
    """A word is in a text if it occurs, or, for longer words, if most of its character bigrams do
    (专题会议 ~ 专题会)."""
    if not word or not text:
        return False
    if word in text:
        return True
    # Most pairs, including the first: the distinguishing part of a Chinese term comes first (职工创新工作室 is
    # not 劳模创新工作室, though five of their six pairs agree).
    if len(word) < 3:
        return False
    grams = _word_bigrams(word)
    return len(grams) > 0 and grams[0] in text and sum(g in text for g in grams) >= 2 * len(grams) / 3


@functools.lru_cache(maxsize=1 << 16)
def _word_bigrams(word: str) -> tuple[str, ...]:
    """A word's character pairs, once per word: words are checked against every candidate of every question."""
    return tuple(bigrams(word))


def _synonym_in(word: str, expansions: str, text: str, lexicon: Lexicon) -> bool:
    if not expansions:
        return False
    for _present, others in lexicon.expansion_groups(word):
        if any(o in text for o in others):
            return True
    return False


def _written_loosely(word: str, text: str) -> bool:
    """A word of two halves written in a text as it is, or with a particle between them (素质提升 in 素质上提升)."""
    return word in text or (len(word) == 4 and re.search(f"{re.escape(word[:2])}[上的之地]{re.escape(word[2:])}", text) is not None)


def _named_by_synonym(word: str, text: str, lexicon: Lexicon) -> bool:
    """Whether a text names the word by a synonym of the word itself (职代会 → 职工代表大会), not of a part of it
    (职工创新工作室 is no 劳模创新工作室, though 创新工作室 is their group's)."""
    return any(word in present and any(_free_in(o, text, lexicon) for o in others)
               for present, others in lexicon.expansion_groups(word))


def _free_in(word: str, text: str, lexicon: Lexicon, as_head: bool = False) -> bool:
    """Whether `word` occurs in `text` other than inside a longer term of the knowledge base: 职工 of 职工董事 names
    the directors, not the workers ("产业工人有多少" is not answered by 职工董事617名). With `as_head`, a term ending in
    the word is a kind of it, and names it (省属企业 is a 企业)."""
    if word not in text:
        return False
    covered: set[int] = set()  # where a longer term holding the word is written
    for term in lexicon.longer_terms(word):
        if not (as_head and term.endswith(word)):
            for found in re.finditer(re.escape(term), text):
                covered.update(range(found.start(), found.end()))
    return any(not set(range(m.start(), m.end())) <= covered for m in re.finditer(re.escape(word), text))


def _common_run(a: str, b: str) -> int:
    """Length of the longest common substring: orders 生产骨干培养成党员 vs 党员培养成生产骨干."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


_KIND_NAMED = re.compile(r"政策|新闻|报道|工作报告|报告")  # (a kind of document named in a question about documents)


def _same_doer(a: str, b: str) -> bool:
    """Whether two labels open with the same three characters (各 aside): the same doer ("省属企业党委…",
    "省属企业配套…")."""
    a, b = a.removeprefix("各"), b.removeprefix("各")
    return len(a) >= 3 and len(b) >= 3 and a[:3] == b[:3]


def _asks_plan(query: Query, figure: Figure) -> bool:
    """Whether a question asks what is required or planned rather than what was done: in so many words ("要求",
    "到2025年"), or by asking of a year later than the figure's document's own ("2025年每年培训多少人次")."""
    years = query.constraints.all_years
    # (unless it says the thing was done by then: "2025年建了几个" asks what was built, which a target does not say)
    # (nor does a follow-up about nothing of its own, continuing a question asking what was done: "去年的呢" after
    # "…一共建了多少个" asks what was built by then)
    asking = f"{query.text}，{query.continued}"
    # (its own words first: "去年贵州建了多少" after "贵州到2025年要建多少" asks what was built, whatever was asked before)
    ahead = bool(years and figure.doc.year and all(year > figure.doc.year for year in years)) \
        and not any(_PERFECTIVE.search(said) and not _TARGET_QUESTION.search(said) for said in (query.text, asking))
    if query.context and not _TARGET_QUESTION.search(query.own) and _DONE_QUESTION.search(query.own):
        return ahead  # a follow-up asking in its own words what was done ("云南22年开了好多次" after "按规定…至少…")
    if query.context and not _TARGET_QUESTION.search(query.text) and re.search(r"\d{2}年", query.text):
        return ahead  # nor one naming a year of its own ("2022年参与的人次呢" after "那2024年计划搞多少次")
    return ahead or bool(_TARGET_QUESTION.search(_without_told(query.continued or query.full_text)))


@functools.lru_cache(maxsize=1024)  # (asked of every candidate figure of one question: the same text each time)
def _without_told(text: str) -> str:
    """The question without the clauses that tell a figure and ask nothing ("职工驿站目标是200个，2022年已经建成多少了":
    the target told is what the asked count is compared with; the count asked is of what was done)."""
    clauses = re.split(r"(?<=[，,。；;])", text)
    kept = [c for c in clauses if not (re.search(r"(?<![\d.])\d[\d.]*(?!\d*\s*年)", c)
                                       and not re.search(r"多少|几|哪|吗|么|啥|\?|？|呢|(?:没|没有|不|否)\W*$", c))]
    return "".join(kept) if len(kept) < len(clauses) and kept else text


def _gave(previous_answer: str, figure: Figure) -> bool:
    """Whether the previous answer's lead gave this figure (a follow-up asks for another one): its value, and what it
    counts in what was quoted (the 1名 of 全国人大代表 is not the 1名 of 全省政协委员), when it quoted anything."""
    lead = previous_answer.split("\n", 1)[0]
    return bool(re.search(rf"(?<![\d.]){re.escape(figure.text)}", lead)) \
        and (figure.sentence in previous_answer or figure.label in previous_answer or "[1]" not in previous_answer)


def _in_context(figure: Figure) -> str:
    """A figure's label, with its document's title when its sentence refers to the meeting the document reports
    ("…共约180人参加会议" in a report titled "全省深化产业工人队伍建设改革推进会在贵阳召开" counts those at the 推进会)."""
    if _EVENT_REFERENCE.search(figure.sentence) and _MEETING.search(figure.doc.title):
        return f"{figure.label} {figure.doc.title}"
    return figure.label


def _said_after(figure: Figure) -> str:
    """What the sentence says of a figure right after it, to the end of its clause ("经费慰问企业困难党员和职工")."""
    at = figure.sentence.find(figure.text)
    return _CLAUSE_MARK.split(figure.sentence[at + len(figure.text):])[0] if at >= 0 else ""


def _share_of(figure: Figure) -> str:
    """What a share is of, when its label names only the whole ("占发展党员总数"): the clause before it, which names the
    part ("2022年,省属企业共发展产业工人党员2943名,占发展党员总数的73.6%" is the share of 产业工人党员)."""
    if not figure.label.startswith("占"):
        return ""
    at = figure.sentence.find(figure.text)
    before = [p for p in _CLAUSE_MARK.split(figure.sentence[:max(at, 0)]) if p.strip()]
    return before[-2] if len(before) >= 2 else ""


def _own_part(figure: Figure) -> str:
    """A figure's label and the part of its sentence between the punctuation around it ("各省属企业配套投入1236万元"
    of "…280万元专项经费…，各省属企业配套投入1236万元，…"): what the sentence says of this figure, not of its neighbours
    or of what its list is introduced by."""
    parts = [p for p in _CLAUSE_MARK.split(figure.sentence) if figure.text in p]
    return " ".join([_in_context(figure)] + ([p for p in parts if figure.label in p] or parts))


def _mentions(text: str, enterprise: str) -> bool:
    core = re.sub(r"(集团|公司|控股|股份)+$", "", enterprise)
    return enterprise in text or (len(core) >= 2 and core in text)


_QUOTED_COUNT = re.compile(r"(?<![\d.])(\d+)(条|项|家|个|名|份|件|次|户|所)")
# An enumeration's kind named by its count: "…三大职权", "…”6条具体措施".
_COUNTED_KIND = re.compile(r"(?:\d+|[两二三四五六七八九十])(?:大|项|条|种|类)([\u4e00-\u9fff]{2})")
_NUMERALS = {"二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# A count said in words, of items or kinds (三项, 两个, 六条, 五大): not 一 (一个 is "a"), nor a count inside a larger one.
_COUNTERS = "项|条|种|类|个|大|点|方面"  # what a count of items or kinds is counted in
_WORDED_COUNT = re.compile(rf"(?<![\d零一二两三四五六七八九十百千万第])([二两三四五六七八九十])(?:{_COUNTERS})")


def _names_count(text: str, n: int) -> bool:
    """Whether a sentence names n of a kind (三大职权, 6条具体措施)."""
    words = "".join(w for w, v in _NUMERALS.items() if v == n)
    return bool(re.search(rf"(?:(?<![\d.]){n}|[{words}])(?:{_COUNTERS})", text))


def _lists_count(text: str, n: int) -> bool:
    """Whether a sentence lists n items (A、B、C; A、B和C)."""
    for clause in re.split(r"[，,；;。：:]", text):
        if "、" in clause and clause.count("、") + 1 + bool(re.search(r"、[^、]*?(?:和|及|与)", clause)) == n:
            return True
    return False


def _is_title(hit: Hit) -> bool:
    """Whether a hit is its document's title line, or the line naming its issuer under it."""
    line = hit.chunk.text.strip(" 。")
    return hit.chunk.kind == "caption" and line in (hit.chunk.doc.title.strip(), hit.chunk.doc.issuer.strip())


# Which item of a list is asked ("第三条是啥", "第一个是什么"), not a policy's article ("第十三条讲的什么": 第…条 with
# a document named, see _ARTICLE_NAMED).
# The n-th part of an outline just given, to be said in full ("第二条展开说说", "第三个具体讲讲").
_NTH_PART = re.compile(r"(第[一二三四五六七八九十\d]{1,2}|最后一)(?:条|个|项|点|部分|方面)[^，,。？?！!]{0,4}?(?:展开|详细|具体|细)(?:说|讲|谈)"
                       # ("最后那个具体讲讲": the last)
                       r"|最后(?:那|这)个[^，,。？?！!]{0,4}?(?:展开|详细|具体|细)(?:说|讲|谈)")
# A number and its measure word, no thing ("是哪两家" after a count: which two of those counted)
_HOW_MANY_OF = re.compile(r"[一二两三四五六七八九十几\d]+(?:家|户|个|位|名|项|条|种)人?")
# "第四大职权", "第六项措施": the nth of a kind a sentence may count fewer of ("三大职权")
# The page something is on, asked ("第几页讲的职代会", "在哪一页", "页码是多少").
# Which kind of a thing has the most or least ("参与人次最多的是哪类竞赛", "哪种工作室最多"); not which enterprise
# (see _WHICH_ENTERPRISE), nor which of things named ("职工董事和职工监事哪个多")
_MOST_OF_KINDS = re.compile(r"最[多少高低大小]的?(?:是|为)?(?:哪一?[类种项样])|(?:哪一?[类种项样])[\u4e00-\u9fff]{0,6}?最[多少高低大小]")


def _ranks(text: str) -> bool:
    """Whether a sentence gives two or more figures of one unit, which can be ranked."""
    units = [m.group(4) for m in NUMBER.finditer(text) if m.group(4)]
    return any(units.count(u) >= 2 for u in set(units))


# What a place is fitted with, asked ("母婴室里都配了啥", "驿站有什么设施"), and a sentence that says so
_EQUIPPED_ASKED = re.compile(r"(?:配|配备|配置|装|放)了?(?:些)?(?:啥|什么|哪些)|(?:有|配)(?:啥|什么|哪些)(?:设施|设备|东西|家具|电器)")
_EQUIPPED_STATED = re.compile(r"配备|配置|配有|设施|设备|装有")
# Men or women among those counted ("里面女的占百分之几", "男女比例"; not "我是女职工，…", nor 子女)
_SEX_ASKED = re.compile(r"男女(?:比例|各|分别|人数|比)|(?<![是我子儿妇孙])(?:女|男)(?:的|性|同志|职工|工人|员工|党员)?"
                        r"[^，,。？?！!]{0,3}?(?:多少|几|占|比例|人数|百分之|多还是)")
_PAGE_ASKED = re.compile(r"第几页|哪一?页|页码|多少页|几页")
# The articles of a chapter asked ("第三章讲了哪几条", "第二章有哪几条，都讲的啥").
_CHAPTER_ARTICLES = re.compile(r"(第[一二三四五六七八九十\d]{1,2}章)[^，,。？?！!]{0,6}?(?:哪几条|哪些条|几条|有哪些|讲了哪些|都(?:讲|说|写)(?:的|了)?(?:啥|什么))")
# A word naming a kind of people ("女职工", "农民工")
_KIND_OF_PEOPLE = re.compile(r"(?:职工|工人|员工|党员|师傅|农民工)$")
# A sentence saying what a rule covers ("本意见适用于全省各类企业")
_SCOPE_STATED = re.compile(r"适用于|适用范围|包括|各类")
# A chapter's title asked ("第二章叫啥", "第三章的标题是什么", "是什么内容" too: a policy's chapter is its title; "讲了哪几条"
# asks its articles)
_CHAPTER_TITLE_ASKED = re.compile(r"(第[一二三四五六七八九十\d]{1,2}章)的?(?:标题|题目|名字|名称|主题)?(?:主要)?(?:叫|是|讲|说|写)"
                                  r"(?:的是|了|的)?(?:个|些)?(?:啥|什么|哪样)")
_NTH_OF_KIND = re.compile(r"第([一二三四五六七八九十\d]{1,2})(大|项|种|类)([\u4e00-\u9fff]{2,4}?)(?=是|有|呢|指|包括|[啥什哪]|[？?。！!，,]|$)")
_NTH_ITEM = re.compile(r"(第[一二三四五六七八九十\d]{1,2}|最后一)(?:条|个|项|点|种|类)(?=是|说|讲|呢|具体|内容|[啥什哪]|[？?。！!]|$)")
_NEXT_ARTICLE = re.compile(r"([下后上前])一条")
_LAST_CHAPTER = re.compile(r"最后一章|最末一章|最后那一?章")
_LAST_ARTICLE = re.compile(r"最后一条|最末一条|最后那一?条")
_POLICY_WORDS = "意见|办法|方案|规定|条例|政策"
_POLICY_NAMED = re.compile(_POLICY_WORDS)  # a policy text (its articles are numbered)
_ARTICLE_NAMED = re.compile(rf"(?:{_POLICY_WORDS}|文件)[\u4e00-\u9fff]{{0,3}}第|第[一二三四五六七八九十百\d]+条[\u4e00-\u9fff]*(?:规定|明确)")


# Asking what else, and nothing more ("还有呢", "其他的呢", "别的还有吗").
_MORE_ALONE = re.compile(r"(?:那|那么)?(?:还有|其他|其它|别的|另外)(?:的|还有)?(?:呢|吗|啥|什么|哪些|没有|没|不)?[？?。！!]*")


def _sub_point_items(firsts: tuple[Hit, ...]) -> tuple[Item, ...]:
    """Sentences each first under a sub-point, as items named by their sub-points; () unless all are under one."""
    if not firsts or not all(" › " in h.chunk.section for h in firsts):
        return ()
    return tuple(Item(h.chunk.section.split(" › ")[-1], h.chunk, h.score) for h in firsts)


def _ordinal(number: str) -> int:
    """"第3" / "三" → 3; "最后一" → -1 (the last, however many there are)."""
    if number == "最后一":
        return -1
    number = number.removeprefix("第")
    return int(number) if number.isdigit() else int(chinese_number(number) or 0)


def _quoted_lines(answer: str) -> list[str]:
    """The sentences an answer quoted, in order (its lines ending in a citation, "…[2]"), without the citation."""
    return [re.sub(r"\[\d+\]$", "", line) for line in answer.split("\n") if re.search(r"\[\d+\]$", line)]


def lists_items(text: str) -> bool:
    """Whether a sentence sets out a list of three or more items (each a thing, or a thing counted)."""
    return bool(_nth_listed(text, 3))


def _nth_listed(text: str, n: int) -> str:
    """The nth item of the list a sentence sets out ("制定“A、B、C…”5条具体措施": A, B, C…), preferring a quoted list;
    "" if it lists fewer than n items (or fewer than three)."""
    if n < 1 and n != -1:
        return ""
    spans = re.findall(r"[“\"]([^”\"]+)[”\"]", text) + re.split(r"[，,。；;：:]", text)
    for span in spans:
        items = [i.strip() for i in span.split("、") if i.strip()]
        if len(items) >= max(3, n):
            return items[n - 1] if n > 0 else items[-1]
    # (or a run of things counted, one per clause: "共有劳模创新工作室23个,全国示范性劳模创新工作室1个,…")
    counted = [c.strip() for c in re.split(r"[，,；;。]", text) if re.fullmatch(r"[\u4e00-\u9fff“”()（）]{2,24}\d[\d.]*[\u4e00-\u9fff]{0,2}", c.strip())]
    if len(counted) >= max(3, n):
        return counted[n - 1] if n > 0 else counted[-1]
    return ""


def _first_that(ranked: list[tuple[Hit, float]], holds, within: int = 3) -> list[tuple[Hit, float]]:
    """The ranked sentences with the first of the best `within` whose text `holds` what is asked moved first."""
    found = next((i for i, (h, _) in enumerate(ranked[:within]) if holds(h.chunk.text)), None)
    return ranked if not found else [ranked[found]] + ranked[:found] + ranked[found + 1:]


def _names_only(text: str, excluded: tuple[str, ...]) -> bool:
    """Whether a sentence lists only what the question set aside, cutting the rest short with 等."""
    if not all(w in text for w in excluded):
        return False
    end = max(text.rfind(w) + len(w) for w in excluded)
    return bool(re.match(r"[\u4e00-\u9fff]{0,4}等", text[end:]))


_ANY_DOCUMENT = ("文件", "材料")  # document words that may name any document, not one kind


def _names(doc: DocumentInfo, words: str) -> bool:
    """Whether a document is the one the question names ("那个意见", "《…实施意见》", "新闻里")."""
    return names_document(doc.title, doc.kind, words)


def _describe_constraints(query: Query) -> str:
    c = query.constraints
    # (The kind of enterprise too: "没有2022年云南的相关材料" is untrue when what is missing is its 市属企业.)
    kind = c.kind + ("" if c.kind.endswith("企业") else "企业") if c.kind else ""
    return "".join(filter(None, [f"{c.year}年" if c.year else "", c.region, kind, c.document]))


CLAIM_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(万|亿)?(余|多)?")
_ABOVE, _BELOW = ("超过", "多于", "不止", "高于", "以上"), ("少于", "不到", "低于", "不足", "以下")
_AT_LEAST, _AT_MOST = ("不低于", "不少于", "至少", "最少"), ("不超过", "最多")


def claim_verdict(claimed: tuple[str, ...], rows: list) -> bool | None:
    """Whether the figures a question stated ("700个", "超过100个", "3万多人") are the figures found, one for one, in
    one document's answer; None when that cannot be told (several documents, a range, an approximate "左右")."""
    if not claimed or len(rows) != 1 or len(rows[0]) != len(claimed):
        return None
    verdicts = [_one_claim(claim, choice.figure) for claim, choice in zip(claimed, rows[0], strict=True)]
    return None if None in verdicts else all(verdicts)


def _one_claim(claim: str, figure) -> bool | None:
    said, found = CLAIM_NUMBER.search(claim), CLAIM_NUMBER.fullmatch(figure.value.strip())
    if said is None or found is None:  # (a range, 1—2, or a fraction, 三分之一: no one number to compare)
        return None
    scale = {"万": 1e4, "亿": 1e8, "": 1}
    heard = float(said.group(1)) * scale[said.group(2) or ""]
    value = float(found.group(1)) * scale[found.group(2) or (figure.unit[:1] if figure.unit[:1] in "万亿" else "")]
    bound = CLAIM_BOUND.search(claim)
    at = figure.sentence.find(figure.text)
    # (its own bound, around it or written in it: "60万人次以上" is bounded as "50万人次以上" is, number against number)
    own_bound = CLAIM_BOUND.search(figure.sentence[max(0, at - 4): at] + figure.text[len(figure.value):]
                                   + figure.sentence[at + len(figure.text): at + len(figure.text) + 2]) if at >= 0 else None
    if bound and own_bound and bound.group(0) != own_bound.group(0):
        return None
    if bound and not own_bound:  # ("有没有超过100个": the figure against the bound)
        word = bound.group(0)
        # (左右, 上下: near it, by how much unsaid)
        return (value > heard if word in _ABOVE else value < heard if word in _BELOW else value >= heard
                if word in _AT_LEAST else value <= heard if word in _AT_MOST else None)
    if said.group(3) or found.group(3):  # ("3万多人": 3.37万 is that; "200余人" is not 180)
        step = 10 ** int(f"{heard:e}".split("e")[1])
        return heard <= value < heard + step if said.group(3) else None
    return value == heard
