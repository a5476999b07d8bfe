"""The knowledge base's own vocabulary: user dictionary, synonym groups, aliases, tokenizer.

Terms come from three places: `knowledge/_terms.txt` (operators' dictionary), `knowledge/_synonyms.txt`
(editable synonym groups) and the documents themselves: words in “quotes”, abbreviations defined with
以下简称“X”, aliases in brackets such as 爱心妈妈屋(母婴室), and the abbreviation of a quoted list whose items open
alike (“小革新、小发明、…” of five items is 五小). Keeping these words whole in jieba is
what lets 职代会, 师带徒 and 云岭工匠 match as terms instead of as scattered characters.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable
from pathlib import Path

import jieba

from .errors import ConfigError
from .types import Document

SYNONYMS_FILE = "_synonyms.txt"
TERMS_FILE = "_terms.txt"
ENGLISH_FILE = "_english.txt"  # 术语: english phrase; another phrase
COLLOQUIAL_FILE = "_colloquial.txt"  # 术语: 口语说法; 另一说法

# Words that carry no topic: question words, particles, pronouns, bare measure words.
STOPWORDS = frozenset(
    """的 了 吗 呢 啊 吧 呀 么 嘛 哦 是 有 没有 有没有 多少 几 几个 多 哪些 哪 哪个 哪里 哪儿 什么 啥 怎么 怎样 怎么样 如何 咋 咋样
    请问 请 一下 我 我们 咱 咱们 俺 你 你们 您 他 她 它 他们 能 能不能 可以 可不可以 想 要 需要 都 也 和 与 及 以及 或 或者 还 还有 就 在 对 把 被
    给 个 名 人 次 件 条 份 家 户 这 这个 这些 那 那个 那些 那么 吧 么 过 着 又 再 跟 让 得 地 之 其 该 为 为了 所 会 不 没 吗 呗 啦 嗯 一共 总共 共
    到底 究竟 大概 目前 现在 现 已经 知道 告诉 问 问下 问问 说 讲 看 看看 一些 有些 哪几个 几项 一下子 吗 上 中 下 里 里面 方面 情况 相关 具体 主要
    里头 里边 当中 之中 比如 例如 等 等等 啊 么 年 今年 去年 怎么办 办 弄 咋弄 咋办 干 搞 行 好 呢 哈 嘞 来着 属于 算 算是 一 二 三 个人 些 才能 才 事 事情 东西""".split()
)
_QUOTED = re.compile(r"“([^”]{2,10})”")
_DEFINED = re.compile(r"[（(]以下简称“([^”]{2,10})”[)）]")
_BRACKET_ALIAS = re.compile(r"([\u4e00-\u9fff]{2,12})[（(]([\u4e00-\u9fff]{2,8})[)）]")
_TOKEN_OK = re.compile(r"[\u4e00-\u9fff]|[a-zA-Z0-9]")

logging.getLogger("jieba").setLevel(logging.WARNING)
jieba.setLogLevel(logging.WARNING)


@functools.cache
def _tagged() -> tuple[frozenset[str], frozenset[str]]:
    """From jieba's installed dictionary ("word freq tag" lines), read once, so the lists follow the jieba version
    that segments the questions: (function words, verbs); see the two functions below."""
    path = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return (frozenset(re.findall(r"^(\S+) \d+ [cdrpuye]\w*$", text, re.M)),
            frozenset(re.findall(r"^(\S+) \d+ v$", text, re.M)))


def function_words() -> frozenset[str]:
    """Words jieba's dictionary tags as conjunctions, adverbs, pronouns, prepositions, particles or interjections
    (只要, 就要, 那个, 仅): they never say what a question is about."""
    return _tagged()[0]


def everyday(word: str) -> bool:
    """Whether jieba's dictionary lists the word as used in general Chinese (全资 is; 昆钢 and 建投 are not)."""
    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(word, 0) > 0


def verbs() -> frozenset[str]:
    """Words jieba's dictionary tags only as verbs (慰问, 参加, 培养): an asked verb names no counted thing."""
    return _tagged()[1]


def read_lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of an optional text file."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def read_english(path: Path) -> dict[str, str]:
    """English phrase (lowercase) → term, from lines "职工董事: employee director; worker director". A line
    without a term and a phrase, or a phrase given for two terms, is an error naming the line."""
    return _read_glossary(path, ENGLISH_FILE, "english; english")


def read_colloquial(path: Path) -> dict[str, str]:
    """A worker's everyday phrase → the term the documents use, from lines "职工董事: 进董事会; 工人董事"; the first
    line that gives a phrase wins (operators put the more specific terms first)."""
    return _read_glossary(path, COLLOQUIAL_FILE, "说法; 说法", first_wins=True)


def _read_glossary(path: Path, name: str, shape: str, first_wins: bool = False) -> dict[str, str]:
    glossary: dict[str, str] = {}
    for number, line in enumerate(read_lines(path), 1):
        term, _, phrases = line.replace("：", ":").partition(":")
        term, found = term.strip(), [p.strip().lower() for p in re.split(r"[;；]", phrases) if p.strip()]
        if not term or not found or not re.search(r"[\u4e00-\u9fff]", term):
            raise ConfigError(f"{name} 第 {number} 条格式错误", f"应为“术语: {shape}”：{line}")
        for phrase in found:
            if glossary.get(phrase, term) != term and not first_wins:
                raise ConfigError(f"{name} 中“{phrase}”对应了两个术语", f"{glossary[phrase]} 和 {term}")
            glossary.setdefault(phrase, term)
    return glossary


_QUOTED_LIST = re.compile(r"“([^“”、]{2,6}(?:、[^“”、]{2,6}){1,9})”")
_NUMERALS = "一两三四五六七八九十"


def _abbreviation_source(before: str, short: str) -> str:
    """The full form that `short` abbreviates: the shortest tail of `before` that begins with
    short's first character and contains short's characters in order (产业工人队伍建设改革工作 → 产改工作)."""
    for start in range(len(before) - 1, max(-1, len(before) - 30), -1):
        if before[start] != short[0]:
            continue
        tail, pos = before[start:], 0
        for char in short:
            pos = tail.find(char, pos)
            if pos < 0:
                break
            pos += 1
        else:
            return tail
    return ""


def aliases_in(text: str) -> list[list[str]]:
    """Alias groups a document defines for itself."""
    groups: list[list[str]] = []
    for match in _DEFINED.finditer(text):
        short = match.group(1)
        full = _abbreviation_source(text[max(0, match.start() - 30) : match.start()], short)
        if full and full != short:
            groups.append([short, full])
    for match in _QUOTED_LIST.finditer(text):
        # “小革新、小发明、小改造、小设计、小建议” is what 五小 stands for: N items that open with the same character.
        items = match.group(1).split("、")
        if 2 <= len(items) <= len(_NUMERALS) and all(2 <= len(i) <= 6 for i in items) and len({i[0] for i in items}) == 1:
            groups.append([_NUMERALS[len(items) - 1] + items[0][0], match.group(1)])
    for match in _BRACKET_ALIAS.finditer(text):
        long_form, alias = match.group(1), match.group(2)
        # the bracket belongs to the last few characters only: 共建立职工驿站157个、爱心妈妈屋(母婴室)
        long_form = re.split(r"[的和与及、]|建立|开展", long_form)[-1][-max(len(alias) + 2, 4) :]
        if len(long_form) >= 2 and alias not in long_form:
            groups.append([long_form, alias])
    return groups


def document_terms(doc: Document) -> tuple[list[str], list[list[str]]]:
    """What one document adds to the lexicon: its quoted terms and the aliases it defines (kept per document in
    the manifest, so that a build reads only changed documents to update the lexicon)."""
    return sorted(set(_QUOTED.findall(doc.text))), aliases_in(doc.text)


class Lexicon:
    """User words and synonym groups, with a jieba tokenizer that knows them. Built once per index."""

    def __init__(self, words: Iterable[str], groups: Iterable[Iterable[str]], english: dict[str, str] | None = None,
                 colloquial: dict[str, str] | None = None) -> None:
        # The same alias defined by many documents is one group (a province's reports repeat their aliases).
        unique = {tuple(sorted(set(g), key=lambda w: (-len(w), w))): None for g in groups if len(set(g)) > 1}
        self.groups = [list(g) for g in unique]
        # Groups are found by the text's substrings (member → groups), not by scanning every group per text.
        self._member_groups: dict[str, list[int]] = {}
        for n, group in enumerate(self.groups):
            for member in group:
                self._member_groups.setdefault(member, []).append(n)
        # A worker's everyday phrase → the documents' term (_colloquial.txt): one way only ("进董事会" brings in
        # 职工董事; 职工董事 brings in no phrase), and never to the phrase's own term.
        self.colloquial = {p: t for p, t in (colloquial or {}).items() if p and p != t}
        self._member_lengths = self._lengths()
        self.words = sorted({w for w in words if 2 <= len(w) <= 12} | {w for g in self.groups for w in g if len(w) >= 2})
        # English phrase (lowercase) → the knowledge base's term it names (_english.txt), longest phrase first.
        self.english = dict(sorted((english or {}).items(), key=lambda kv: (-len(kv[0]), kv[0])))
        self._tokenizer: jieba.Tokenizer | None = None
        self._lock = threading.Lock()
        # Segmenting is the largest Python cost of a request, and a request segments the same short
        # texts (its question, its context, synonym lists) several times: memoise per text, bounded.
        # Plain dicts, not functools.lru_cache on methods: that makes a reference cycle which keeps
        # every replaced index's jieba dictionary (~100 MB) alive until the cyclic GC runs.
        self._token_cache: dict[str, tuple[str, ...]] = {}
        self._word_cache: dict[str, tuple[str, ...]] = {}
        self._group_cache: dict[str, tuple] = {}
        self._longer: dict[str, tuple[str, ...]] = {}

    @classmethod
    def from_knowledge(cls, knowledge_dir: Path, documents: Iterable[Document]) -> Lexicon:
        words = set(read_lines(Path(knowledge_dir) / TERMS_FILE))
        groups = [line.split() for line in read_lines(Path(knowledge_dir) / SYNONYMS_FILE)]
        for doc in documents:
            doc_words, doc_groups = document_terms(doc)
            words.update(doc_words)
            groups.extend(doc_groups)
        return cls(words, groups, read_english(Path(knowledge_dir) / ENGLISH_FILE),
                   read_colloquial(Path(knowledge_dir) / COLLOQUIAL_FILE))

    def to_dict(self) -> dict:
        return {"words": self.words, "groups": self.groups, "english": self.english, "colloquial": self.colloquial}

    @classmethod
    def from_dict(cls, data: dict) -> Lexicon:
        return cls(data["words"], data["groups"], data.get("english"), data.get("colloquial"))

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    # jieba's own dictionary, copied from the shared default tokenizer (query reading loads it
                    # anyway) instead of read from disk a second time: half a second less to ready.
                    jieba.dt.check_initialized()
                    tokenizer = jieba.Tokenizer()
                    tokenizer.FREQ, tokenizer.total = dict(jieba.dt.FREQ), jieba.dt.total
                    tokenizer.initialized = True
                    for word in self.words:
                        tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word, False), 2000))
                    self._tokenizer = tokenizer
        return self._tokenizer

    def tokens(self, text: str) -> tuple[str, ...]:
        """Topic tokens: jieba search-mode words, lower-cased, without stopwords and punctuation."""
        found = self._token_cache.get(text)
        if found is None:
            found = _remember(self._token_cache, text, self._segment(text))
        return found

    def words_of(self, text: str) -> tuple[str, ...]:
        """Precise-mode words (no overlapping sub-words), without stopwords and punctuation."""
        found = self._word_cache.get(text)
        if found is None:
            words = (w.strip().lower() for w in self.tokenizer.cut(text, HMM=False))
            found = _remember(self._word_cache, text, tuple(w for w in words if w and w not in STOPWORDS and _TOKEN_OK.search(w)))
        return found

    def _segment(self, text: str) -> tuple[str, ...]:
        return tuple(
            t for t in (w.strip().lower() for w in self.tokenizer.cut_for_search(text))
            if t and t not in STOPWORDS and _TOKEN_OK.search(t)
        )

    def expansion_groups(self, text: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
        """For each synonym group touched by `text`: (members found in it, the other members), in group order, then
        for each everyday phrase in it whose term it lacks: ((phrase,), (term,)).
        Looked up by the text's substrings of every member length: work grows with the text, not the groups.
        Memoised per text: figure scoring asks it of the same few nouns for every candidate."""
        found = self._group_cache.get(text)
        if found is None:
            found = _remember(self._group_cache, text, self._expansion_groups(text))
        return found

    def _expansion_groups(self, text: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
        touched: set[int] = set()
        phrases: dict[str, None] = {}
        members, colloquial = self._member_groups, self.colloquial
        # A verb said twice ("歇歇脚", "聊聊天") is the verb: members are looked up in the text as written and
        # with such doubled characters said once.
        single = _REDUPLICATED.sub(r"\1", text)
        # Nor one split by a measure word ("歇个脚", "给手机充个电"): a separable verb said whole.
        single = _SEPARATED.sub("", single)
        read = f"{text}\n{single}" if single != text else text
        for length in self._member_lengths:
            if length > len(text):
                break
            for start in range(len(read) - length + 1):
                piece = read[start:start + length]
                hit = members.get(piece)
                if hit:
                    touched.update(hit)
                if piece in colloquial and not self._overlapped(read, start, length):
                    phrases[piece] = None
        found = []
        for n in sorted(touched):
            group = self.groups[n]
            found.append((tuple(m for m in group if m in read), tuple(m for m in group if m not in read)))
        # (a phrase found only with its verb said whole adds nothing the words as written already reach: "做个体检"
        # names 体检, whose group holds 健康体检)
        reached = {m for n in touched for m in self.groups[n]}
        terms = {colloquial[p]: p for p in phrases if colloquial[p] not in read
                 and (p in text or colloquial[p] not in reached)}
        found += [((phrase,), (term,)) for term, phrase in terms.items()]
        return tuple(found)

    def _overlapped(self, text: str, start: int, length: int) -> bool:
        """Whether a term the knowledge base writes begins inside text[start:start + length] and runs past its end:
        "全省劳模创新工作室" holds 劳模创新工作室, and the phrase 省劳模 inside it is not said."""
        end = start + length
        return any(text[p:q] in self._word_set for p in range(start + 1, end)
                   for q in range(end + 1, min(len(text), p + 12) + 1))

    @functools.cached_property
    def _word_set(self) -> frozenset[str]:
        return frozenset(w for w in self.words if len(w) >= 3)

    def longer_terms(self, word: str) -> tuple[str, ...]:
        """The knowledge base's terms that hold `word` and are longer (职工 → 职工董事, 职工驿站…), memoised."""
        found = self._longer.get(word)
        if found is None:
            found = _remember(self._longer, word, tuple(t for t in self.words if word in t and t != word))
        return found

    def map_only_unwritten(self, texts: Iterable[str]) -> None:
        """Keep only the everyday phrases the documents never write: a phrase they use is their own word, read as
        written (职工代表 is the report's word for the delegates, not a way of saying 职代会)."""
        phrases = set(self.colloquial)
        for text in texts:
            phrases = {p for p in phrases if p not in text}
        self.colloquial = {p: t for p, t in self.colloquial.items() if p in phrases}
        self._member_lengths = self._lengths()
        self._group_cache.clear()

    def _lengths(self) -> list[int]:
        """The lengths of text pieces that can be a member or a phrase (expansion_groups looks up only these)."""
        return sorted({len(m) for m in self._member_groups if m} | {len(p) for p in self.colloquial})

    def clear_cache(self) -> None:
        """Forget memoised segmentations (a build tokenises every new chunk once; a server need not keep them)."""
        self._token_cache.clear()
        self._word_cache.clear()
        self._group_cache.clear()


CACHE_LIMIT = 20_000
_REDUPLICATED = re.compile(r"([\u4e00-\u9fff])\1(?=[\u4e00-\u9fff])")
# A measure word inside a separable verb (歇个脚, 充个电, 歇一下脚), not after a numeral or a demonstrative (几个, 这个).
_SEPARATED = re.compile(r"(?<=[^一二三四五六七八九十几两这那每哪某各整半多好\d\W])(?:个|一下)(?=[\u4e00-\u9fff])")


def _remember(cache: dict, key: str, value: tuple) -> tuple:
    """Store in a bounded cache (cleared when full: simple, and refilled within a few requests)."""
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value
