"""The number check, run on every answer whoever wrote it: every number in the answer must appear in a
sentence the answer cites (or in the record of a cited document, such as its year).

Numbers are compared by value after normalisation, so the check holds for text a writer rephrased:
Arabic digits (617, 73.6, 1.2万, 1—2), Chinese numerals (六百一十七, 两千九百四十三, 三成, 百分之七十三点六,
一万二), 万/亿 amounts and percentages. A number a fixed wording carries (the 12351 hotline in a referral)
is allowed by listing that wording in `allowed_text`. Citation markers [n] are not numbers.
"""

from __future__ import annotations

import re

from .figures import figure_text, find_numbers
from .types import Answer

_CITATION = re.compile(r"\[\d+\]")
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
# A run of Chinese numerals worth checking: with a unit character (六百一十七, 三万), a 点 (七十三点六),
# 百分之…, or …成 (三成). Bare 一/二/三 are left alone: 一线, 一是, 三大职权 are words, not figures.
_CN_NUMBER = re.compile(
    r"百分之[零〇一二两三四五六七八九十百千点]+"
    r"|[零〇一二两三四五六七八九十百千万亿]*[十百千万亿][零〇一二两三四五六七八九十百千万亿]*(?:点[零〇一二三四五六七八九]+)?"
    r"|[一二两三四五六七八九十]+点[零〇一二三四五六七八九]+"
    r"|[一二两三四五六七八九十]成(?!员|立|果|绩|就|熟|长|本|为|交|都|型|功|品|才|色|效)"
)


def chinese_value(text: str) -> float | None:
    """六百一十七 → 617, 两千九百四十三 → 2943, 一万二 → 12000, 百分之七十三点六 → 73.6, 三成 → 30; None if not a number."""
    percent = text.startswith("百分之")
    body = text.removeprefix("百分之")
    if body.endswith("成") and len(body) >= 2:
        value = chinese_value(body[:-1])
        return None if value is None else value * 10
    whole, _, decimal = body.partition("点")
    value = _integer(whole)
    if value is None:
        return None
    if decimal:
        if any(ch not in _CN_DIGIT for ch in decimal):
            return None
        value += float("0." + "".join(str(_CN_DIGIT[ch]) for ch in decimal))
    return value if not percent else value


def _integer(text: str) -> float | None:
    if not text:
        return None
    total, section, digit = 0, 0, None
    last_unit = 1
    for ch in text:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            section += (1 if digit is None else digit) * _CN_UNIT[ch]
            last_unit, digit = _CN_UNIT[ch], None
        elif ch in _CN_BIG:
            section += digit or 0
            total += section * _CN_BIG[ch]
            section, digit, last_unit = 0, None, _CN_BIG[ch]
        else:
            return None
    if digit is not None:
        # 一万二 = 12000, 三百五 = 350: a trailing digit after a unit counts in the next unit down.
        section += digit * (last_unit // 10 if last_unit >= 10 and text[-2] not in "零〇" else 1)
    return float(total + section)


def arabic_value(token: str) -> float | None:
    """'617' → 617, '1.2万' → 12000, '3.37万人' → 33700; ranges and non-numbers → None."""
    match = re.match(r"^(\d+(?:\.\d+)?)(万|亿)?", token)
    if not match or re.match(r"^\d+(?:\.\d+)?\s*[—–~-]", token):
        return None
    value = float(match.group(1))
    return value * {"万": 10_000, "亿": 100_000_000}.get(match.group(2) or "", 1)


def _values(text: str) -> tuple[set[str], set[float]]:
    """Every number of a text, verbatim and by value."""
    verbatim = {figure_text(m) for m in find_numbers(text)}
    values = {v for v in (arabic_value(t) for t in verbatim) if v is not None}
    values |= {float(m.group(1)) for m in re.finditer(r"(\d+(?:\.\d+)?)", text)}
    for match in _CN_NUMBER.finditer(text):
        value = chinese_value(match.group(0))
        if value is not None:
            values.add(value)
    return verbatim, values


def unchecked_numbers(answer: Answer, allowed_text: str = "") -> list[str]:
    """Numbers in the answer that no cited sentence (nor a cited document's record, nor `allowed_text`)
    holds. An empty list means the answer passes."""
    text = _CITATION.sub("", answer.answer)
    documents = [" ".join(s.document.get(k, "") for k in ("title", "year", "name", "issuer", "region", "scope"))
                 for s in answer.sources]
    cited = [f"{s.section}\n{s.text}" for s in answer.sources]  # a how-to answer quotes its sources' headings too
    verbatim, values = _values("\n".join(cited + documents + [allowed_text]))
    failures = []
    for match in find_numbers(text):
        token = figure_text(match)
        if token in verbatim:
            continue
        value = arabic_value(token)
        if value is None or value not in values:
            failures.append(token)
    for match in _CN_NUMBER.finditer(text):
        token = match.group(0)
        value = chinese_value(token)
        if value is not None and token not in "\n".join(cited) + allowed_text and value not in values:
            failures.append(token)
    return failures


_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*(?:\[\d{1,3}\])*")  # a sentence with the [n] after its 。
_CITED = re.compile(r"\[(\d{1,3})\]")
# A written answer that says it cannot answer, when the code decided it can: the writer ignored its sources.
_REFUSAL_LIKE = re.compile(r"无法回答|没有(相关|提到|找到)|未(提及|提到|找到)|不清楚|资料中没有|不能确定|sorry|cannot answer", re.I)


def written_problem(answer: Answer, allowed_text: str = "") -> str:
    """Why a written (not quoted) answer cannot be shown, or "" when it passes: a number no source it cites
    holds, a sentence that cites no source it was given, or a reply that refuses what the code answered."""
    text = answer.answer.strip()
    if not text:
        return "empty"
    if _REFUSAL_LIKE.search(text):
        return "refusal_like"
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip() and re.search(r"\w", _CITED.sub("", s))]
    for sentence in sentences:
        cited = [int(n) for n in _CITED.findall(sentence)]
        if not cited:
            return "uncited_sentence"
        if any(not 1 <= n <= len(answer.sources) for n in cited):
            return "unknown_source"
        # Each sentence's numbers against the sources that sentence cites, not against all of them.
        if unchecked_numbers(Answer(sentence, False, [answer.sources[n - 1] for n in cited]), allowed_text):
            return "unchecked_number"
    return ""


def sentence_problem(sentence: str, answer_so_far: Answer, allowed_text: str = "") -> str:
    """The same checks for one sentence of a streamed answer, before it is sent."""
    return written_problem(Answer(sentence, False, answer_so_far.sources), allowed_text)
