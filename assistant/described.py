"""What a worker describes instead of naming ("给职工下了班看书的屋子" for 职工书屋, "用劳模名字挂牌的那种工作室" for
劳模创新工作室): the knowledge base's term the description means, by the embedder's likeness of the two as questions.

Used only where a question was refused for words the knowledge base never writes: the description is re-read as the
term, and the answer says so ("按“职工书屋”理解"). A term is taken only when it is clearly the likeliest: as likely as
`Tuning.described_likeness` and ahead of every other thing by `Tuning.described_margin` (a synonym or a longer name
of the same term is the same thing).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable

import numpy as np

from .embedding import Embedder
from .query import QUANTITY
from .tuning import TUNING, Tuning

_CLAUSES = re.compile(r"[，,。？?！!；;\s]+")
# What is asked of the described thing, after it ("…的屋子，建了好多个", "…的会2022年一共开了多少次"): not the description.
_ASKING_TAIL = re.compile(r"(?:(?:19|20)\d{2}年)?(?:全省|省属企业|省里|一共|总共|共|都|又|现在|目前|已经|总的)*"
                          r"(?:建了|建成了?|开了|搞了|评了|有了|有|是|签了|办了|选了|选出)?(?:好多|多少|几多|几)[\u4e00-\u9fff]*$")
_DESCRIBED_THING = re.compile(r"[\u4e00-\u9fff]{2,}的(?:那种|那个|这种|这个|那类)?(?:小)?"
                              r"(?!百分|比例|比重|多少|几|人数|数量|金额|标准|累计|合计)[\u4e00-\u9fff]{1,3}$")
# A thing described and pointed at: "…的那种小站点", "…的这个会".
_POINTED_THING = re.compile(r"[\u4e00-\u9fff]{2,}的(?:那种|那个|这种|这个|那类)小?[\u4e00-\u9fff]{1,3}$")
_LEAD = re.compile(r"^(?:就是|有没有|有没得|有莫得|那种|这种|那个|这个|我们|咱们|听说|请问|问下|想问下?)+")


_KIND = re.compile(r"的(?:那种|那个|这种|这个|那类)?小?([\u4e00-\u9fff]{1,3})$")


def described_kind(description: str) -> str:
    """The noun a description ends with, without 子/儿 ("…的那种小站子" → 站, "…的屋子" → 屋); "" if none."""
    found = _KIND.search(description)
    kind = found.group(1) if found else ""
    # (a word for anything says no kind: "…替我们说话的那种人", "…的那种东西")
    return "" if kind in ("那个", "这个", "那种", "这种", "那类", "人", "东西", "地方", "事", "事情", "玩意") \
        else kind.rstrip("子儿")


# Words for the same kind of thing: a room is a 屋, 室, 房 or 间 ("…搞研究的屋子" may be a 工作室).
_SAME_KIND = ("屋室房间",)


def _of_kind(term: str, kind: str) -> bool:
    """Whether a term names a thing of the kind a description ends with (its last character, or one of the same kind)."""
    if not kind:
        return False
    return term[-1] in kind or any(term[-1] in group and any(k in group for k in kind) for group in _SAME_KIND)


class Describer:
    """The term a description means, among the knowledge base's terms (embedded once, on first use)."""

    def __init__(self, embedder: Embedder, terms: Iterable[str], same: Callable[[str, str], bool],
                 tuning: Tuning = TUNING) -> None:
        self.embedder = embedder
        self.terms = sorted(set(terms))
        self.same = same
        self.tuning = tuning
        self._vectors: np.ndarray | None = None
        self._lock = threading.Lock()

    def _term_vectors(self) -> np.ndarray:
        with self._lock:
            if self._vectors is None:
                self._vectors = self.embedder.embed_questions(self.terms) if self.terms \
                    else np.zeros((0, self.embedder.dim), dtype=np.float32)
            return self._vectors

    @staticmethod
    def span(text: str, unwritten: Iterable[str]) -> str:
        """The part of the question that describes: the clause holding the words the knowledge base never writes,
        without what is asked of it and the words that lead into it ("" if no clause holds them)."""
        words = [w for w in unwritten if w]
        clauses = [c for c in _CLAUSES.split(text) if c.strip()]
        holding = [c for c in clauses if any(w in c for w in words)]
        pointed = [c for c in holding if not QUANTITY.search(c) and _POINTED_THING.search(c)]
        if len(holding) > 1 and len(pointed) == 1:
            # "…歇个脚、喝口热水的那种小站点，国企这边整了好多个": the clause pointing at a thing it describes is the
            # description; the asking clause's own unwritten words (国企) say who, not what is counted
            holding = pointed
        if any(QUANTITY.search(c) and any(w in _ASKING_TAIL.sub("", c) for w in words) for c in holding) and len(holding) > 1:
            return ""  # what is counted is itself unwritten ("在贵州上班的女职工，产假一共能休多少天")
        if len(holding) > 1:  # (not the clause that asks: "…贴出来给工人看的那个，2022年公开了几多件")
            holding = [c for c in holding if not QUANTITY.search(c)]
        if len(holding) != 1:
            return ""  # none, or a description spread over several clauses ("坐进董事会的…和坐进监事会的…")
        clause = holding[0]
        if QUANTITY.search(clause):
            clause = _ASKING_TAIL.sub("", clause)
        clause = _LEAD.sub("", clause.strip())
        # (a thing described: words before 的 and the thing itself, "…挂牌的那种工作室", "女工喂娃娃的屋子"; not what is
        # asked of a thing named, "职工董事一届任期", "母婴室几点开门")
        if not _DESCRIBED_THING.search(clause):
            return ""
        return clause if len(clause) >= 4 and any(w in clause for w in words) else ""

    def term_for(self, description: str, searched: str = "") -> tuple[str, float, float] | None:
        """The term the description means, with its likeness and its lead over the next thing; None if no term is
        clearly the likeliest. `searched` is the sentence the whole question finds first: among the terms nearly as
        likely as the likeliest, the one thing it writes (and the description does not) is the one meant."""
        vectors = self._term_vectors()
        if not description or not len(vectors):
            return None
        likeness = vectors @ self.embedder.embed_question(description)
        order = np.argsort(-likeness)
        # The thing described is of the kind its last noun says ("…的那种站点" is a 站, "…的那种工作室" a 工作室): when
        # some terms are of that kind, the term meant is the likeliest of them, ahead of the others of that kind.
        # Things of other kinds are no rivals: E5 finds "技术攻关" as like 专业技术人才 as 职工技师工作站.
        kind = described_kind(description)
        of_kind = [i for i in order if _of_kind(self.terms[i], kind)]
        order = np.array(of_kind) if of_kind else order
        best = self.terms[order[0]]
        # (a term it names of another kind is not the thing described: "职工代表举手表决的那个会" names 职工代表, and
        # describes the 会 they hold)
        if any(self.same(best, t) and t in description and (not of_kind or _of_kind(t, kind)) for t in self.terms):
            return None  # the thing is named already (what is unwritten is something asked of it)
        other = next((float(likeness[i]) for i in order[1:] if not self.same(best, self.terms[i])), 0.0)
        found = (best, float(likeness[order[0]]), float(likeness[order[0]]) - other)
        if found[1] >= self.tuning.described_likeness and found[2] >= self.tuning.described_margin:
            return found
        return self._searched_term(description, searched, likeness, order)

    def _searched_term(self, description: str, searched: str, likeness: np.ndarray,
                       order: np.ndarray) -> tuple[str, float, float] | None:
        """"…歇个脚、喝口热水、充个电的那种小站点": E5 finds 职工驿站 and 职工技师工作站 alike (0.897, 0.895), but the
        sentence the question finds first writes only the first. The description is read as the one thing, of the
        terms within `Tuning.described_window` of the likeliest, that sentence writes; none if it writes none or
        several (things the description names itself are no candidates: "给一线工人…" is not about 一线工人)."""
        if not searched:
            return None
        top = float(likeness[order[0]])
        near = [i for i in order if float(likeness[i]) >= max(top - self.tuning.described_window,
                                                              self.tuning.described_likeness - self.tuning.described_window)]
        named = [t for t in self.terms if t in description]
        written = [i for i in near
                   if self.terms[i] in searched and not any(self.same(self.terms[i], w) for w in named)]
        things: list[int] = []  # (a synonym or a longer name of a term already taken is the same thing)
        for i in written:
            if not any(self.same(self.terms[i], self.terms[t]) for t in things):
                things.append(i)
        return (self.terms[things[0]], float(likeness[things[0]]), 0.0) if len(things) == 1 else None
