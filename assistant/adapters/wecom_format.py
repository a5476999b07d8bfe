"""An `Answer` as WeCom text messages: the answer, short 来源 lines, split to ≤ 2048 UTF-8 bytes each."""

from __future__ import annotations

import re

from ..prompts import Prompts
from ..types import Answer, Source

MAX_MESSAGE_BYTES = 2048  # WeCom truncates text content beyond this many bytes
# A sentence ends after 。！？；or a line break, taking a closing quote or bracket with it.
SENTENCE = re.compile(r"[^。！？；\n]*(?:[。！？；\n]+[”’」』）)]*|$)")
CITATION = re.compile(r"\[(\d{1,3})\]")
# "四是强化主体地位,做到权益上维护" → "四是…": the ordinal names an upper heading well enough.
ORDINAL = re.compile(r"^(第[一二三四五六七八九十百\d]+[章节条部分]|[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、])")


def format_answer(answer: Answer, prompts: Prompts) -> str:
    """Answer text, then one 来源 line per cited source (those its [n] markers name, else all)."""
    text = answer.answer.strip()
    if answer.refused or not answer.sources:
        return text
    cited = sorted({int(n) for n in CITATION.findall(text) if 1 <= int(n) <= len(answer.sources)})
    numbers = cited or range(1, len(answer.sources) + 1)
    lines = [_source_line(n, answer.sources[n - 1], prompts) for n in numbers]
    return text + "\n\n" + "\n".join(lines)


def _source_line(n: int, source: Source, prompts: Prompts) -> str:
    return prompts.render("wecom.source", n=n, title=source.title, section=short_section(source.section)).rstrip()


def short_section(section: str, last_chars: int = 24) -> str:
    """A heading chain short enough for a phone: upper headings cut to their ordinal or a few characters."""
    parts = [p.strip() for p in section.split("›") if p.strip()]
    if not parts:
        return ""
    upper = [_abbreviate(p) for p in parts[:-1]]
    return " › ".join([*upper, _clip(parts[-1], last_chars)])


def _abbreviate(heading: str) -> str:
    match = ORDINAL.match(heading)
    return match.group(1) + "…" if match and match.end() < len(heading) else _clip(heading, 8)


def _clip(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[:chars] + "…"


def split_message(text: str, limit: int = MAX_MESSAGE_BYTES) -> list[str]:
    """Pieces of at most `limit` UTF-8 bytes, cut after 。！？；or a line break where possible, in order."""
    parts: list[str] = []
    current = ""
    for sentence in (s for s in SENTENCE.findall(text) if s):
        if _size(current + sentence) <= limit:
            current += sentence
            continue
        if current.strip():
            parts.append(current.strip())
        current = ""
        # A single sentence over the limit: cut it by bytes, on character boundaries.
        for piece in _hard_split(sentence, limit):
            if _size(current + piece) <= limit:
                current += piece
            else:
                if current.strip():
                    parts.append(current.strip())
                current = piece
    if current.strip():
        parts.append(current.strip())
    return parts


def _hard_split(text: str, limit: int) -> list[str]:
    pieces, current, size = [], [], 0
    for char in text:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    if current:
        pieces.append("".join(current))
    return pieces


def _size(text: str) -> int:
    return len(text.strip().encode("utf-8"))
