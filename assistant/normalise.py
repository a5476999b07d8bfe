"""How a question's characters are read: full-width forms, traditional characters, emoji, and the typos and
abbreviations that workers type, corrected against the knowledge base's own vocabulary.

- `surface()` is the same for every knowledge base: NFKC (full-width digits and letters), OpenCC
  traditional → simplified, symbols and emoji dropped, spaces collapsed.
- `Normaliser.correct()` uses what this knowledge base says: a window of the question that the knowledge
  base never writes, whose pinyin is that of one of its terms, is read as that term (职工懂事 → 职工董事,
  母音室 → 母婴室); an abbreviation formed from a term's parts is read as the term (职董 → 职工董事).
  Each correction is reported, so the answer can say how the question was read.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
# Characters of question grammar: a window holding one is a question word, not a misspelt term (哪两 ≁ 纳凉).
# Light verbs too (搞, 弄): typed as meant ("搞技能比武" is not 高技能).
_FUNCTION = re.compile(r"[哪什么怎多少几吗呢的了是有我你他她它咱俺啥谁这那个吧啊呀么搞弄]")
_NUMERAL = re.compile(r"^第|[零〇一二两三四五六七八九十百千万亿]{2}|[十百千万亿]")
# Pinyin pairs that workers, especially in the south-west, do not tell apart when typing by sound:
# retroflex/flat initials, n/l, and front/back nasal finals (母婴 ying ~ 母音 yin).
_FUZZY = ((re.compile(r"^zh"), "z"), (re.compile(r"^ch"), "c"), (re.compile(r"^sh"), "s"), (re.compile(r"^n(?!g)"), "l"),
          (re.compile(r"ing$"), "in"), (re.compile(r"eng$"), "en"), (re.compile(r"ang$"), "an"))
MAX_TERM = 8  # longest window tried as one term
MIN_SPELLING = 8  # letters of the shortest pinyin spelling read as a term (zhigongjianshi, not "gongzuo")
COMMON_WORD_FREQ = 500  # a jieba word this frequent is meant as typed, never "corrected" (懂事, 工商)


@dataclass(frozen=True)
class Correction:
    typed: str
    read_as: str
    why: str  # "typo" | "abbreviation" | "english" | "pinyin" | "described" (a thing described in words the documents do not write)


_converter = None
_converter_lock = threading.Lock()


def _t2s(text: str) -> str:
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                import opencc

                _converter = opencc.OpenCC("t2s")
    return _converter.convert(text)


def surface(text: str) -> str:
    """Full-width → half-width, traditional → simplified, emoji and other symbols dropped, spaces collapsed.
    Chinese punctuation that NFKC maps to ASCII (，？) becomes ASCII: later steps accept both."""
    text = unicodedata.normalize("NFKC", text)
    text = _t2s(text)
    kept = (ch for ch in text if unicodedata.category(ch) not in ("So", "Sk", "Cs", "Co", "Cn") and ch not in "\ufe0f\u200d")
    # A space between Chinese words is where voice input and phone typing put a comma ("我们提的意见建议 职代会那边收
    #了好多条"): a clause break, as the comma would be.
    return _SPOKEN_BREAK.sub(",", " ".join("".join(kept).split()))


_SPOKEN_BREAK = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def _syllable(pinyin: str, fuzzy: bool) -> str:
    if fuzzy:
        for pattern, replacement in _FUZZY:
            pinyin = pattern.sub(replacement, pinyin)
    return pinyin


def region_names_in_english(regions: dict | list) -> dict[str, str]:
    """Provinces as English text writes them, their pinyin ("yunnan" → 云南); a spelling two regions share
    (shanxi: 山西 and 陕西) names neither."""
    found: dict[str, str | None] = {}
    for name in regions:
        key = "".join(lazy_pinyin(name))
        if re.fullmatch(r"[a-z]{4,}", key):
            found[key] = name if found.get(key, name) == name else None
    return {k: v for k, v in found.items() if v}


class Normaliser:
    """Built once per index from its vocabulary: `terms` (words the knowledge base uses),
    `known_bigrams` (every character pair of its text) and jieba's word frequencies."""

    def __init__(self, terms: Iterable[str], known_bigrams: set[str] | frozenset[str], word_freq: dict[str, int],
                 curated: Iterable[str] = (), english: dict[str, str] | None = None, text: str = "",
                 counted: Iterable[str] = ()) -> None:
        self.known_bigrams = known_bigrams
        self.text = text  # the documents' text: where a two-character term is written beside what a question has
        # English names of the knowledge base's terms (knowledge/_english.txt), longest first: an English question
        # is read with the terms it names ("how many model workers" → "how many 劳模"), as a typo is.
        self.english = english or {}
        self._english_names = {re.sub(r"[\s-]+", " ", name.lower()): term for name, term in self.english.items()}
        # (a space of a name may be typed as a hyphen, "industrial-worker", and a hyphen as a space)
        self._english = re.compile(r"\b(" + "|".join(re.escape(p).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
                                                     for p in sorted(self.english, key=len, reverse=True))
                                   + r")(?:s|es)?\b", re.I) if self.english else None
        # Two-character targets only from the curated terms (the dictionary, quoted words, aliases): a two-
        # character sound matches too much by chance (件事 ~ 监事).
        self.curated = frozenset(curated)
        self.word_freq = word_freq
        self._char_pinyin: dict[str, str] = {}
        self._syllables: dict[tuple[str, bool], str] = {}  # (character, fuzzy) → its syllable: the hot path
        self.by_sound: dict[tuple[bool, str], str | None] = {}
        self.abbreviations: dict[str, str | None] = {}
        # Targets are the knowledge base's own content words: no numerals (第十, 二十), no common words of
        # the language that merely occur in it (时间, 实现): those are not what a typo was meant to be.
        terms = sorted({t for t in terms if 2 <= len(t) <= MAX_TERM and _HAN.match(t) and not _NUMERAL.search(t)
                        and (len(t) >= 3 or word_freq.get(t, 0) < COMMON_WORD_FREQ * 20)})
        self._terms = frozenset(terms)
        for term in terms:
            keys = {self._key(term, fuzzy) for fuzzy in (False, True)}
            keys |= {(fuzzy, " ".join(_syllable(p, fuzzy) for p in lazy_pinyin(term))) for fuzzy in (False, True)}
            for key in keys:
                # Two terms that sound alike cannot be told apart by sound: neither is a correction target.
                self.by_sound[key] = term if self.by_sound.get(key, term) == term else None
        # (fuzzy, length, first syllable) of every key: a window whose first character sounds like no term's first is
        # skipped without working out the sound of the rest (most windows of a question).
        self._sound_starts = {(fuzzy, key.count(" ") + 1, key.split(" ", 1)[0]) for fuzzy, key in self.by_sound}
        # A term typed in pinyin, its syllables run together or apart ("zhigong jianshi" → 职工监事): spellings of
        # MIN_SPELLING letters or more, so that no short English word is read as a term; two terms spelt alike are
        # neither.
        self.by_spelling: dict[str, str | None] = {}
        for (fuzzy, key), term in self.by_sound.items():
            spelling = key.replace(" ", "")
            if not fuzzy and term and len(spelling) >= MIN_SPELLING and (len(term) >= 3 or term in self.curated):
                self.by_spelling[spelling] = term if self.by_spelling.get(spelling, term) == term else None
        # (and of what the figures count, in the words their labels end with: "参加会议" of "…约180人参加会议" is
        # typed 参会, as a term's parts are)
        self._learn_abbreviations(terms + sorted({t for t in counted if len(t) == 4 and _HAN.match(t)} - set(terms)))

    # --- building ---------------------------------------------------------------------------
    def _learn_abbreviations(self, terms: list[str]) -> None:
        """职工董事 (职工|董事) → 职董; 职工代表大会 (职工|代表|大会) → 职代会: initials of the parts, and
        initials with the last part's last character. Only forms the knowledge base never writes itself."""
        import jieba

        for term in (t for t in terms if len(t) >= 4):
            parts = [p for p in jieba.lcut(term, HMM=False) if p]
            if len(parts) < 2 or any(len(p) < 2 for p in parts):
                continue
            initials = "".join(p[0] for p in parts)
            # (the last part's last character only after two initials: 职代会 is 职工|代表|大会; of two parts it makes
            # no abbreviation but a word of its own, 一线工人 → 一人)
            for short in {initials, initials[:-1] + parts[-1][-1]} if len(parts) >= 3 else {initials}:
                if len(short) < 2 or short == term or self._written(short) or self.word_freq.get(short, 0) >= COMMON_WORD_FREQ:
                    continue
                self.abbreviations[short] = term if self.abbreviations.get(short, term) == term else None

    def _pinyin(self, char: str) -> str:
        found = self._char_pinyin.get(char)
        if found is None:
            found = self._char_pinyin[char] = lazy_pinyin(char, style=Style.NORMAL)[0]
        return found

    def _key(self, text: str, fuzzy: bool) -> tuple[bool, str]:
        return fuzzy, " ".join(self._syllable_of(ch, fuzzy) for ch in text)

    def _syllable_of(self, char: str, fuzzy: bool) -> str:
        found = self._syllables.get((char, fuzzy))
        if found is None:
            found = self._syllables[(char, fuzzy)] = _syllable(self._pinyin(char), fuzzy)
        return found

    def _written(self, text: str) -> bool:
        """Whether the knowledge base writes this character sequence (every pair of it occurs)."""
        return all(text[i : i + 2] in self.known_bigrams for i in range(len(text) - 1))

    # --- reading a question -------------------------------------------------------------------
    def correct(self, text: str) -> tuple[str, list[Correction]]:
        """The question with typos and abbreviations read as the knowledge base's terms, and what changed."""
        text, named = self._from_english(text)
        text, spelt = self._from_pinyin(text)
        read, corrections = self._correct(text)
        return read, named + spelt + corrections

    def _from_pinyin(self, text: str) -> tuple[str, list[Correction]]:
        """Runs of latin words that spell one of the knowledge base's terms in pinyin, read as the term, longest
        first ("guizhou 2022 zhigong jianshi 多少名" → "guizhou 2022 职工监事 多少名")."""
        words = list(re.finditer(r"[A-Za-z]+", text))
        if not words or not self.by_spelling:
            return text, []
        out, corrections, at, n = [], [], 0, 0
        while n < len(words):
            for k in range(min(4, len(words) - n), 0, -1):
                run = words[n:n + k]
                # (the words of a run stand side by side, spaces between them only)
                if any(text[a.end():b.start()].strip() for a, b in zip(run, run[1:], strict=False)):
                    continue
                term = self.by_spelling.get("".join(w.group(0).lower() for w in run))
                if term:
                    out.append(text[at:run[0].start()] + f" {term} ")
                    corrections.append(Correction(text[run[0].start():run[-1].end()], term, "pinyin"))
                    at, n = run[-1].end(), n + k
                    break
            else:
                n += 1
        return "".join(out) + text[at:], corrections

    def _from_english(self, text: str) -> tuple[str, list[Correction]]:
        if self._english is None or not re.search(r"[A-Za-z]{2}", text):
            return text, []
        corrections: list[Correction] = []
        # ("mother & baby rooms": & between English words is "and", as the names are written)
        text = re.sub(r"(?<=[A-Za-z])\s*&\s*(?=[A-Za-z])", " and ", text)

        def term(match: re.Match) -> str:
            read_as = self._english_names[re.sub(r"[\s-]+", " ", match.group(1).lower())]
            corrections.append(Correction(match.group(0), read_as, "english"))
            return f" {read_as} "
        return self._english.sub(term, text), corrections

    def _correct(self, text: str) -> tuple[str, list[Correction]]:
        if self._written(re.sub(r"[^\u4e00-\u9fff]", "", text)) and not any(a in text for a in self._short_forms(text)):
            return text, []  # every character pair occurs in the knowledge base: nothing to correct
        out: list[str] = []
        corrections: list[Correction] = []
        i = 0
        while i < len(text):
            found = self._correction_at(text, i)
            if found is None:
                out.append(text[i])
                i += 1
                continue
            correction, length = found
            out.append(correction.read_as)
            corrections.append(correction)
            i += length
        return "".join(out), corrections

    def _short_forms(self, text: str) -> list[str]:
        return [text[i : i + n] for n in (2, 3, 4) for i in range(len(text) - n + 1) if text[i : i + n] in self.abbreviations]

    def _correction_at(self, text: str, i: int) -> tuple[Correction, int] | None:
        for length in range(min(MAX_TERM, len(text) - i), 1, -1):
            window = text[i : i + length]
            if not _HAN.match(window):
                continue
            if _FUNCTION.search(window):
                # A long term with one character typed as a function word of the same sound ("劳模创新工作是" → 工作室)
                # is read as the term on its exact sound; a shorter window holding one says what is asked (有几个).
                term = self.by_sound.get(self._key(window, fuzzy=False)) \
                    if length >= 5 and len(_FUNCTION.findall(window)) == 1 and not self._written(window) \
                    and (False, length, self._syllable_of(window[0], False)) in self._sound_starts else None
                if term and term != window and not self._breaks_word(text, i + length):
                    return Correction(window, term, "typo"), length
                continue
            if self._written(window):
                return None  # the knowledge base writes this: nothing to correct here
            if re.match(r"第[一二三四五六七八九十百\d]", window):
                return None  # an ordinal ("第四季度" is no 地市级)
            if window in self.abbreviations:
                term = self.abbreviations[window]
                # (not one whose last character begins a word the knowledge base writes: "全省劳模创新工作室" holds 劳模,
                # not 省劳, short for 省部级劳模; a particle after it begins none: "参会的" is 参会, 的)
                # (nor one whose last character begins a common word, "国企一共": 企一 is no 企业一级, its 一 begins 一共;
                # its first character may end one, "多少人参会" is 参会)
                if term and text[i + length - 1: i + length + 1] not in self._terms \
                        and (i + length >= len(text) or self.word_freq.get(text[i + length - 1: i + length + 1], 0) < COMMON_WORD_FREQ):
                    return Correction(window, term, "abbreviation"), length
            # A word in its own right is meant as typed (懂事, 母音, 现在); two characters are corrected only on
            # an exact sound, three or more may differ in the fuzzy pairs above.
            if self.word_freq.get(window, 0) >= COMMON_WORD_FREQ:
                continue
            fuzzy = length >= 3
            if (fuzzy, length, self._syllable_of(window[0], fuzzy)) not in self._sound_starts:
                continue
            term = self.by_sound.get(self._key(window, fuzzy=fuzzy))
            if term and term != window and (length >= 3 or term in self.curated or self._fits_in(text, i, term)) \
                    and not self._breaks_word(text, i + length) and not self._begins_inside_word(text, i):
                return Correction(window, term, "typo"), length
        return None

    def _breaks_word(self, text: str, end: int) -> bool:
        """Whether a window ending at `end` ends inside a word of the language the documents write ("贵州深化": 贵州深
        sounds like 贵州省, but its 深 begins 深化)."""
        pair = text[end - 1 : end + 1]
        return len(pair) == 2 and _HAN.match(pair) is not None and pair in self.known_bigrams \
            and self.word_freq.get(pair, 0) >= COMMON_WORD_FREQ

    def _begins_inside_word(self, text: str, start: int) -> bool:
        """Whether a window beginning at `start` begins inside a common word ("有啥正式途径": 式途 sounds like 师徒, but
        its 式 ends 正式)."""
        pair = text[start - 1 : start + 1] if start else ""
        return len(pair) == 2 and _HAN.match(pair) is not None and self.word_freq.get(pair, 0) >= COMMON_WORD_FREQ

    def _fits_in(self, text: str, i: int, term: str) -> bool:
        """A two-character term read in place of what sounds like it only where the knowledge base writes it with
        the two characters beside it ("工作室联萌" → 工作室联盟): by sound alone two characters match too much, and
        character pairs that each occur somewhere are chance ("家里也困难" is not 立业: 业困 is of 企业困难).
        """
        before, after = text[max(0, i - 2) : i], text[i + len(term) : i + len(term) + 2]
        return (len(before) == 2 and _HAN.match(before) is not None and before + term in self.text) or (
            len(after) == 2 and _HAN.match(after) is not None and term + after in self.text)
