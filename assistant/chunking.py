"""Documents → Chunks, following the structure of Chinese policy texts.

A chunk is one sentence (split on 。！？；), carrying its heading chain so that a hit points at
the sentence that matters and still knows where it sits. The structures recognised:

- markdown `#` headings (the loaders turn docx/html headings into these) and numbered headings
  on their own line (一、 / （一） / 第一章 / 1.);
- paragraphs that open with a numbered heading sentence (一是……。 二是……。 首先/其次……);
- sub-point headings: a short opening sentence with no comma or digit ("突出高位推动。");
- photo captions: a short line with no closing punctuation, kept as its own chunk.
"""

from __future__ import annotations

import hashlib
import re

from .types import Chunk, Document

SENTENCE_END = re.compile(r"(?<=[。！？!?；;])(?![”’」』)）\]])")
NUMBERED_LINE = re.compile(r"^(第[一二三四五六七八九十百零〇\d]+[章节部分条]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+(\.\d+)*[、.．]\s*\S)")
# A policy text's article: "第五条 " and its provisions on the same line.
ARTICLE = re.compile(r"^(第[一二三四五六七八九十百零〇\d]+条)[\s　]*(\S.*[。！？；;])$")
ARTICLE_LEVEL = 2
NUMBERED_OPENING = re.compile(r"^([一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]|首先|其次|再次|最后)")
CLOSING = "。！？!?；;…”）)"
MAX_SUBHEAD_CHARS = 16
MAX_CAPTION_CHARS = 60
MAX_SENTENCE_CHARS = 220
SEP = " › "
BODY_LEVEL = 10


def split_sentences(paragraph: str) -> list[str]:
    """Split on 。！？； keeping closing quotes with their sentence; very long ones split on ，."""
    sentences = []
    for part in SENTENCE_END.split(paragraph):
        part = part.strip()
        if not part:
            continue
        while len(part) > MAX_SENTENCE_CHARS:
            cut = max(part.rfind("，", 0, MAX_SENTENCE_CHARS), part.rfind(",", 0, MAX_SENTENCE_CHARS))
            cut = cut + 1 if cut > 0 else MAX_SENTENCE_CHARS
            sentences.append(part[:cut])
            part = part[cut:]
        if part:
            sentences.append(part)
    return sentences


def is_subheading(sentence: str) -> bool:
    body = sentence.rstrip("。")
    return (
        sentence.endswith("。")
        and 2 <= len(body) <= MAX_SUBHEAD_CHARS
        and not re.search(r"[\d,，:：;；、]", body)
    )


def chunk_document(doc: Document) -> list[Chunk]:
    """All chunks of one document, in reading order."""
    builder = _Builder(doc)
    for line in doc.text.split("\n"):
        heading = re.match(r"^(#{1,6})\s*(.+)$", line)
        article = ARTICLE.match(line)
        if heading:
            builder.set_heading(len(heading.group(1)), heading.group(2).strip())
        elif article:
            # "第五条 企业每年至少召开…": the article number heads its own sentences, under its chapter
            builder.set_heading(ARTICLE_LEVEL, article.group(1))
            builder.paragraph(article.group(2))
        elif NUMBERED_LINE.match(line) and len(line) <= 40 and not line.endswith(tuple("。！？；;")):
            builder.set_heading(_numbered_level(line), line)
        elif len(line) <= MAX_CAPTION_CHARS and not line.endswith(tuple(CLOSING)):
            builder.add(line, kind="caption")
        else:
            builder.paragraph(line)
    return builder.chunks


def _numbered_level(line: str) -> int:
    if line.startswith("第"):
        return 1
    if line.startswith(("（", "(")):
        return 3
    if re.match(r"^\d", line):
        return 3 + line.split()[0].count(".")
    return 2


class _Builder:
    """Tracks the heading chain while walking a document's lines."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.headings: dict[int, str] = {}
        self.chunks: list[Chunk] = []
        self._seen: dict[str, int] = {}

    @property
    def section(self) -> str:
        return SEP.join(self.headings[k] for k in sorted(self.headings))

    def set_heading(self, level: int, text: str) -> None:
        self.headings = {k: v for k, v in self.headings.items() if k < level}
        self.headings[level] = text.rstrip("。:：")
        self.add(text, kind="heading")

    def paragraph(self, line: str) -> None:
        sentences = split_sentences(line)
        # A paragraph opening with 一是……二是 starts a new top-level section of body text;
        # its first sentence is that section's heading.
        if sentences and NUMBERED_OPENING.match(sentences[0]):
            self.set_heading(self._body_level(), sentences.pop(0))
        elif self._body_level() + 1 in self.headings:
            del self.headings[self._body_level() + 1]  # a plain paragraph closes the previous sub-point
        for position, sentence in enumerate(sentences):
            # a sub-point heading opens content in the same paragraph; a lone short sentence is content
            if position < len(sentences) - 1 and is_subheading(sentence):
                self.set_heading(self._body_level() + 1, sentence)
            else:
                self.add(sentence)

    def _body_level(self) -> int:
        # Body-text sections (一是…) rank below every markdown/numbered heading (levels 1–6),
        # so a new document heading closes them and they never close a document heading.
        return BODY_LEVEL

    def add(self, text: str, kind: str = "sentence") -> None:
        section = self.section
        key = f"{self.doc.path}\x00{section}\x00{text}"
        occurrence = self._seen.get(key, 0)
        self._seen[key] = occurrence + 1
        digest = hashlib.sha1(f"{key}\x00{occurrence}".encode()).hexdigest()[:16]
        self.chunks.append(
            Chunk(
                id=digest,
                doc=self.doc.info,
                section=section,
                text=text,
                kind=kind,
                position=len(self.chunks),
            )
        )
