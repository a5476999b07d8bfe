"""The figure table: every number in the knowledge base with its unit, label, year, scope and sentence.

Built at index time from every document. Answers to "how many" questions are read from it, and
`find_numbers` is the one definition of "a number in the text" that the faithfulness check also uses.
"""

from __future__ import annotations

import csv
import io
import re

from .types import Chunk, Document, Figure

UNITS = "万元|亿元|元|人次|名|人|个|家|次|条|件|份|户|项|所|座|处|支|场|批|篇|位|天|小时|倍|%|‰"
# A number as written: 2943 · 73.6 · 1.2万 · 1—2, 1.5%—2.5% (ranges) · 三分之一 (a fraction, as rules write shares);
# optional unit and qualifier.
NUMBER = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?(?:%?\s*[—–~-]\s*\d+(?:\.\d+)?)?|[一二两三四五六七八九十]+分之[一二两三四五六七八九十]+)"
    r"(万|亿)?(余|多)?"
    rf"({UNITS})?(以上|以下|左右|余|多)?"
)
_NOT_A_FIGURE = re.compile(r"^(年|年度|月|日|号|届|期)")
_CLAUSE_BREAK = re.compile(r"[,，;；:：、。！？!?“”《》]")
# Words that open a clause before what a number counts (把 and 将 included: "先后把1.2万生产骨干培养成党员" and
# "累计将6300余名生产骨干培养成党员" count the same thing); the document's own scope ("各省属企业") is added per
# document, so no report's organisation names live here.
_LEAD = r"截至目前|截止目前|截至\d{4}年底?|其中|近年来|目前|\d{4}年|共有|共|有|逾|先后|全年|累计|把(?![关握])|将(?![来军])"
_TAIL_WORDS = re.compile(r"(均保持在|保持在|达到|达|约|逾|共|有)+$")
# Where what a number counts ends and the rest of the clause begins: a conjunction, a new verb, or a purpose
# ("360万元经费慰问企业困难党员" counts 经费; what it was for is not part of the label).
_AFTER_CUT = re.compile(r"(?<!参)与|[和及]|建立|开展|召开|的工作|用于|用来|慰问|帮扶|资助|奖励|支持")
_SUBJECT = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:由|应当|应|须|必须|原则上)")  # the subject of a rule, before its verb
YEAR = re.compile(r"((?:19|20)\d{2})年")


def find_numbers(text: str) -> list[re.Match]:
    """Every number token in `text` (years and ordinals included: the faithfulness check wants all)."""
    return [m for m in NUMBER.finditer(text)]


def figure_text(match: re.Match) -> str:
    return "".join(g or "" for g in match.groups())


def extract_figures(doc: Document, chunks: list[Chunk]) -> list[Figure]:
    figures: list[Figure] = []
    carried_year = ""
    lead_words = _lead_words(doc)
    for chunk in chunks:
        if chunk.kind != "sentence":
            carried_year = ""
            continue  # captions and headings carry no figures worth a table row
        previous_label = ""
        for match in find_numbers(chunk.text):
            figure = _figure(doc, chunk, match, previous_label, carried_year, lead_words)
            if figure:
                figures.append(figure)
                previous_label = figure.label
        # A clause cut at ； keeps the year of the sentence it came from ("2022年,…;各省属企业…").
        year = YEAR.search(chunk.text)
        carried_year = (year.group(1) if year else carried_year) if chunk.text.endswith((";", "；")) else ""
    return figures


def _lead_words(doc: Document) -> re.Pattern:
    """Clause openers to strip from a label: the generic ones and the document's own scope, with or without
    its region and 各 (各省属企业, 云南省属企业)."""
    scope = re.escape(doc.info.scope) if doc.info.scope else ""
    region = re.escape(doc.info.region) if doc.info.region else ""
    own = rf"|各?(?:{region}省?)?{scope}" if scope else ""
    return re.compile(rf"^({_LEAD}{own})+")


def _figure(doc: Document, chunk: Chunk, match: re.Match, previous_label: str, carried_year: str,
            lead_words: re.Pattern) -> Figure | None:
    text = chunk.text
    value, wan = match.group(1), match.group(2) or ""
    unit = (match.group(3) or "") + (match.group(4) or "") + (match.group(5) or "")
    after_all = text[match.end():]
    before_all = text[: match.start()]
    # A span of years ("任期不超过3年") is a figure; years, dates and ordinals (2022年, 第十九届) are context.
    duration = re.fullmatch(r"\d{1,2}", value) is not None and re.match(r"年(?!度|级|底|初|末)", after_all) is not None
    if duration and not match.group(4) and not before_all.endswith("第"):
        unit, after_all = "年", after_all[1:]
    elif _NOT_A_FIGURE.match(after_all) and not match.group(4) or before_all.endswith("第") or _inside_title(before_all):
        return None
    before = _CLAUSE_BREAK.split(before_all)[-1]
    listed = re.search(r"([^,，;；:：。！？!?“”《》]*)、$", before_all[: len(before_all) - len(before)])
    if listed and not re.search(r"\d", listed.group(1)):
        # "被省总工会列为省级产改工作示范点的昆钢公司、建投集团2户": the names listed are counted together, and what
        # they are is said before the first of them (not so "职工驿站157个、爱心妈妈屋146个": each its own figure).
        before = listed.group(0) + before
    if before.startswith("每") and len(before) < len(before_all):
        # "职工董事由职工代表大会民主选举产生，每届任期不超过3年": a clause of a rule that opens with its period says
        # nothing of whom; the sentence's subject, before the rule's verb, does.
        subject = _SUBJECT.match(before_all)
        if subject:
            before = subject.group(1) + before
    quoted = re.search(r"“([^“”]{1,20})”$", before_all)
    if quoted:  # 评选表彰“黔灵工匠”100名: what is counted is the quoted name, with its clause before it
        before = _CLAUSE_BREAK.split(before_all[: quoted.start()])[-1] + quoted.group(1)
    # (up to what a long clause after the figure ends in: "1户省属企业被省总工会列为省级产改工作示范点" counts 示范点)
    after = _AFTER_CUT.split(_CLAUSE_BREAK.split(after_all)[0])[0].removeprefix("的").removeprefix("同志")[:20]
    trimmed = lead_words.sub("", before)
    if trimmed.startswith(("党委", "工会")):  # "各省属企业党委": an organ needs its owner
        trimmed = before
    elif trimmed != before and match.group(4) and any(
            m.group(4) == match.group(4) for m in find_numbers(before_all[: len(before_all) - len(before)])):
        # "省国资委党委划拨280万元…，各省属企业配套投入1236万元": an amount beside another of the same sentence is told
        # apart by whose it is, the document's own scope too (各省属企业配套投入, not 配套投入).
        trimmed = re.sub(rf"^({_LEAD})+", "", before)
    label = _TAIL_WORDS.sub("", trimmed) + after
    label = label.strip("的 ")
    if previous_label and (len(label) <= 2 or _WHO_TOOK_PART.fullmatch(label)):
        # 有62572人次参与 → 各类劳动竞赛和技术比武参与; …比武11286次，参与职工47350人次 → …比武参与职工: who took
        # part says in what only with the clause before it
        label = previous_label + label
    year = sentence_year(text) or carried_year
    return Figure(
        value=value + wan, unit=unit, label=label or "（未标注）", year=year, scope=doc.info.scope,
        chunk_id=chunk.id, sentence=text, doc=doc.info, section=chunk.section,
    )


_WHO_TOOK_PART = re.compile(r"(?:参与|参加|参赛|受益|覆盖)(?:的)?(?:职工|工人|员工|人员|党员|群众)?")


def sentence_year(text: str) -> str:
    """The year a sentence states ("2022年,…"), "截至目前" for a running total, or ""."""
    found = YEAR.search(text)
    return found.group(1) if found else ("截至目前" if "截至目前" in text else "")


def _inside_title(before: str) -> bool:
    return before.rfind("《") > before.rfind("》")


def figure_rows(figures: list[Figure]) -> list[dict]:
    """Rows for display and CSV: label, value, unit, year, scope, source sentence."""
    return [
        {"label": f.label, "value": f.value, "unit": f.unit, "year": f.year or f.doc.year or "未注明", "scope": f.scope,
         "sentence": f.sentence, "title": f.doc.title, "document": f.doc.name, "region": f.doc.region,
         "section": f.section, "chunk_id": f.chunk_id, "doc": f.doc.id}
        for f in figures
    ]


# Column order and Chinese headers of the figure table wherever it is exported (CLI, HTTP, UI).
FIGURE_COLUMNS = {"label": "指标", "value": "数值", "unit": "单位", "year": "年份", "region": "地区", "scope": "范围",
                  "sentence": "原文", "title": "文件", "section": "章节"}


def figures_csv(rows: list[dict]) -> str:
    """Figure rows as CSV text with Chinese headers (encode as utf-8-sig for Excel). A cell that a spreadsheet
    would run as a formula (it begins with = + - @, a tab or a CR) is neutralised with a leading ' (OWASP)."""
    out = io.StringIO()
    out.write(",".join(FIGURE_COLUMNS.values()) + "\r\n")
    safe = [{k: _cell(v) for k, v in row.items()} for row in rows]
    csv.DictWriter(out, fieldnames=list(FIGURE_COLUMNS), extrasaction="ignore").writerows(safe)
    return out.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
