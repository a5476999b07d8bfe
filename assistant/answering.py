"""Hits → Answer, composed from the knowledge base's own sentences, with no LLM.

The answer leads with what was asked (the figure with its unit, the list, the paths), then quotes
the source sentences with [n] citations. Refusal is decided here, by code:
- a request to change the assistant's instructions, or an unrelated task (prompts/guard.toml);
- a year, region or kind of organisation that no document covers;
- a question none of whose words the knowledge base knows;
- a "how many" question with no figure whose label matches what is asked (better no figure
  than a wrong one).
Every answer passes `unfaithful_numbers` before it leaves: any number not found verbatim in a
cited source replaces the answer by the bare quotes, which pass by construction.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date

from .figures import YEAR, figure_text, find_numbers, sentence_year
from .prompts import Prompts
from .retrieval import QUANTITY, Query, Retriever
from .store import KnowledgeIndex, bigrams
from .types import Answer, Chunk, Figure, Hit, Source

SEARCH_DEPTH = 8
MAX_QUOTES = 3
MIN_LABEL_COVERAGE = 1 / 3  # a figure answers only if a third of its label's words were asked about
_CITATION = re.compile(r"\[\d+\]")
_YEAR_ASKED = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|\b)")
_RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}
_YEAR_QUESTION = re.compile(r"哪一?年|哪个年|几几年|什么时候|啥时候|年份|哪年度")
_HOWTO_QUESTION = re.compile(r"怎么|如何|咋|途径|渠道|门路|办法|方式|哪些方面|哪几方面")
_OWN_QUESTION = re.compile(r"谁|哪|什么|啥|怎么|如何|为什么|咋")
_CLAUSE = re.compile(r"[，。？！?!,、\s]")
_BULLETS = "①②③④⑤⑥⑦⑧"  # not digits: every digit in an answer must come from a cited sentence
_UNIT_CLASSES = (
    (re.compile(r"多少钱|经费|资金|奖金|工资|专款|拨了多少|花了多少|多少元|万元"), ("元",)),
    (re.compile(r"百分之|百分比|比例|占比|比率|多少%"), ("%",)),
    (re.compile(r"小时|多长时间|时长|几天"), ("小时", "天")),
    (re.compile(r"多少人|多少名|几名|几位|多少位|几个人|多少个人"), ("人", "名", "位")),
)
_LIGHT_WORDS = frozenset("发展 建立 签订 开展 召开 征集 划拨 产生 选举 通过 当选 培养 创建 坚持 每年 同步 在 中 各类 不同 层级".split())


@dataclass(frozen=True)
class _Coverage:
    """What the knowledge base covers, for telling users and for checking a question's constraints."""

    years: frozenset[str]
    text: str  # all chunk text and document metadata, for "is this region/organisation mentioned"
    label: str  # e.g. "云南省属企业": regions and scopes, no years (see _coverage)


class Answerer:
    """Composes grounded answers over one loaded index. Holds no per-request state."""

    def __init__(self, index: KnowledgeIndex, retriever: Retriever, prompts: Prompts, guard: dict | None = None) -> None:
        self.index = index
        self.retriever = retriever
        self.prompts = prompts
        self.guard = {k: [re.compile(p, re.I) for p in v] for k, v in (guard or _load_guard(prompts)).items()}
        self.coverage = _coverage(index)
        self.figures_by_chunk: dict[str, list[Figure]] = {}
        self.label_words: dict[int, list[str]] = {}  # id(figure) → its label's content words
        for figure in index.figures:
            self.figures_by_chunk.setdefault(figure.chunk_id, []).append(figure)
            self.label_words[id(figure)] = [w for w in index.lexicon.words_of(figure.label) if w not in _LIGHT_WORDS]
        # Lookups the composers need per answer, built once per index rather than scanned per request.
        self.sentences_by_section: dict[tuple[str, str], list[Chunk]] = {}
        self.chunk_at: dict[tuple[str, int], Chunk] = {}
        for chunk in index.chunks:
            self.chunk_at[(chunk.doc_path, chunk.position)] = chunk
            if chunk.kind == "sentence":
                self.sentences_by_section.setdefault((chunk.doc_path, chunk.section), []).append(chunk)

    # --- the one public call ---------------------------------------------------------------
    def answer(self, question: str, history: list[dict]) -> Answer:
        query = self.retriever.prepare(question, history)
        previous = _previous_lead(history) if query.context else ""
        answer = self._guarded(query) or self._grounded(query, previous)
        if unfaithful_numbers(answer, query.text):
            answer = self._quotes_only(query, answer)
        return answer

    def _grounded(self, query: Query, previous: str) -> Answer:
        unmet = self._unmet_constraint(query)
        hits = self.retriever.search(query, SEARCH_DEPTH)
        if unmet:
            return self._refuse(query, self.prompts.render("answer.unmet_constraint", what=unmet, scope=self._scope()), hits)
        if not hits or not self._knows_any_word(query):
            return self._refuse(query, self.prompts.render("answer.refusal", scope=self._scope()), [])
        return self._compose(query, hits, previous)

    def find_figures(self, text: str) -> list[Figure]:
        """Figure-table rows whose label or sentence mentions `text` (all rows for an empty query)."""
        if not text:
            return list(self.index.figures)
        words = self.index.lexicon.tokens(text) or [text]
        scored = []
        for figure in self.index.figures:
            score = 3 * (text in figure.label) + (text in figure.sentence) + sum(w in figure.label for w in words)
            if score:
                scored.append((-score, figure.label, figure))
        return [f for *_, f in sorted(scored, key=lambda s: (s[0], s[1]))]

    # --- refusals ----------------------------------------------------------------------------
    def _guarded(self, query: Query) -> Answer | None:
        text = query.text
        if self._matches("injection", text) or self._matches("offtopic", text):
            return Answer(self.prompts.render("answer.guarded") + "\n" + self.prompts.render("answer.capabilities"),
                          refused=True, standalone_question=query.standalone)
        if self._matches("greeting", text) or self._matches("thanks", text):
            return Answer(self.prompts.render("answer.greeting") + "\n" + self.prompts.render("answer.capabilities"),
                          refused=False, standalone_question=query.standalone)
        if self._matches("capabilities", text):
            return Answer(self.prompts.render("answer.capabilities"), refused=False, standalone_question=query.standalone)
        return None

    def _matches(self, kind: str, text: str) -> bool:
        return any(p.search(text) for p in self.guard.get(kind, []))

    def _unmet_constraint(self, query: Query) -> str:
        """A year, region or organisation type the question asks about that no document covers."""
        text = query.full_text
        years = set(_YEAR_ASKED.findall(text))
        today = date.today().year
        years |= {str(today + delta) for word, delta in _RELATIVE_YEARS.items() if word in text}
        missing = sorted(y for y in years if y not in self.coverage.years)
        if missing:
            return "、".join(f"{y}年" for y in missing)
        for kind in ("regions", "organisations"):
            for name in self.index.constraints.get(kind, []):
                if name in text and name not in self.coverage.text:
                    return name
        return ""

    def _knows_any_word(self, query: Query) -> bool:
        """False when no word of the question, nor a synonym standing in for one, occurs anywhere in the
        knowledge base (天气、菜谱…)."""
        tokens = self.index.lexicon.tokens(query.full_text)
        if query.stand_ins or any(t in self.index.keyword.idf for t in tokens):
            return True
        grams = bigrams(query.full_text)
        known = sum(g in self.index.bigram.idf for g in grams)
        return known >= max(2, 0.1 * len(grams))

    def _scope(self) -> str:
        return self.prompts.render("answer.scope", coverage=self.coverage.label)

    def _refuse(self, query: Query, text: str, hits: list[Hit]) -> Answer:
        """Refused; when something related exists, show it (cited) so the user sees what we do have."""
        related = [h for h in hits[:1] if h.chunk.kind == "sentence"]
        if related:
            text += "\n" + self.prompts.get("answer.closest") + f"\n{related[0].chunk.text}[1]"
        return Answer(text, refused=True, sources=[Source.from_hit(h) for h in related],
                      standalone_question=query.standalone)

    # --- composition ---------------------------------------------------------------------------
    def _compose(self, query: Query, hits: list[Hit], previous: str) -> Answer:
        asked = query.text if not query.context else query.focus
        if _YEAR_QUESTION.search(asked):
            return self._year_answer(query, hits)
        # A follow-up inherits "how many" from its context unless it asks its own question (这是跟谁…).
        if QUANTITY.search(asked) or (query.context and QUANTITY.search(query.context) and not _OWN_QUESTION.search(asked)):
            return self._figure_answer(query, hits, previous)
        if _HOWTO_QUESTION.search(asked):
            paths = self._paths_answer(query, hits)
            if paths:
                return paths
        return self._quote_answer(query, hits, lead="")

    def _figure_answer(self, query: Query, hits: list[Hit], previous: str) -> Answer:
        figure, hit = self._best_figure(query, hits, previous)
        if figure is None:
            return self._refuse(query, self.prompts.render("answer.no_figure", scope=self._scope()), hits)
        lead = self.prompts.render("answer.figure_lead", figure=figure.text)
        return self._quote_answer(query, [hit], lead=lead, figures=[figure])

    def _year_answer(self, query: Query, hits: list[Hit]) -> Answer:
        figure, hit = self._best_figure(query, hits) if query.context else (None, None)
        hit = hit or hits[0]
        year = (figure.year if figure else "") or sentence_year(hit.chunk.text)
        if year == "截至目前":
            lead = self.prompts.get("answer.year_as_of_now")
        elif year:
            lead = self.prompts.render("answer.year_lead", year=f"{year}年")
        else:
            lead = self.prompts.get("answer.year_missing")
        return self._quote_answer(query, [hit], lead=str(lead), figures=[figure] if figure else [])

    def _best_figure(self, query: Query, hits: list[Hit], previous: str = "") -> tuple[Figure | None, Hit | None]:
        """The figure whose label matches what is asked, among the figures of the top hits.

        A label matches when its head word (职工董事, 党员, 专题会议…) is asked about and at least a
        third of its words are; otherwise there is no figure, and the answer says so. The noun next to
        多少/几 weighs most, then the question's own words, then words borrowed from the history.
        """
        lexicon = self.index.lexicon
        own = query.focus if query.context else query.text
        asked_text = " ".join([own, query.context, " ".join(query.expansions)])
        noun, noun_follows = _asked_noun(own)
        asked = lexicon.words_of(noun)
        adjacent = (asked[0] if noun_follows else asked[-1]) if asked else ""  # the word touching 多少
        focus_words = lexicon.words_of(own)
        units = _unit_class(own) or _unit_class(query.full_text)
        best, best_score = (None, None), 0.0
        for rank, hit in enumerate(hits[:5]):
            for figure in self.figures_by_chunk.get(hit.chunk.id, []):
                if units and not any(u in figure.unit for u in units):
                    continue
                words = self.label_words[id(figure)]
                covered = [w for w in words if _covered(w, asked_text)]
                # A percentage or amount asked for and found is evidence enough; otherwise the label's
                # head word must be among what was asked (产业工人党员 does not answer 产业工人有多少人).
                head_ok = (units is not None and units[0] in ("%", "元")) or (words and _covered(words[-1], asked_text))
                if not words or not head_ok or len(covered) < MIN_LABEL_COVERAGE * len(words):
                    continue
                asked_match = (0.5 * (adjacent in figure.label) + 0.5 * _share_in(asked, figure.label)) if asked else 0.0
                score = (2 * asked_match + _share_in(focus_words, figure.label) + len(covered) / len(words)
                         + _common_run(figure.label, own) / 10 - rank * 0.15 - (1.0 if figure.text in previous else 0.0))
                if score > best_score:
                    best, best_score = (figure, hit), score
        return best

    def _paths_answer(self, query: Query, hits: list[Hit]) -> Answer | None:
        """For "how can I…/what ways…": the sub-points of the section the hits vote for, one line each,
        quoting the best-scoring sentence under each. None when the hits do not span several sub-points."""
        votes: dict[tuple[str, str], float] = {}
        for hit in hits:
            parts = hit.chunk.section.split(" › ")
            if len(parts) >= 2:
                key = (hit.chunk.doc_path, parts[0])
                votes[key] = votes.get(key, 0.0) + hit.score
        if not votes:
            return None
        doc_path, parent = max(votes, key=votes.get)
        spanned = {h.chunk.section for h in hits if h.chunk.doc_path == doc_path and h.chunk.section.startswith(parent + " › ")}
        if len(spanned) < 2:
            return None
        scores = {h.chunk.id: h.score for h in hits}
        # sub-points in reading order, each with its sentences
        under = sorted((self.sentences_by_section[(doc_path, s)] for s in spanned if (doc_path, s) in self.sentences_by_section),
                       key=lambda chunks: chunks[0].position)
        lines, sources = [str(self.prompts.get("answer.paths_intro"))], []
        for n, chunks in enumerate(under[: len(_BULLETS)], 1):
            section = chunks[0].section
            chunk = max(chunks, key=lambda c: scores.get(c.id, 0.0))  # ties keep the first sentence
            lines.append(f"{_BULLETS[n - 1]} {section.rsplit(' › ', 1)[-1]}：{chunk.text}[{n}]")
            sources.append(Source(chunk.id, chunk.doc_title, chunk.section, chunk.text, round(scores.get(chunk.id, 0.0), 4)))
        return Answer("\n".join(lines), refused=False, sources=sources, standalone_question=query.standalone)

    def _quote_answer(self, query: Query, hits: list[Hit], lead: str, figures: list[Figure] | None = None) -> Answer:
        """Lead, then the chosen sentences quoted verbatim with [n] citations."""
        chosen = self._pick_quotes(hits)
        body = "\n".join(f"{self._quote_text(h)}[{n}]" for n, h in enumerate(chosen, 1))
        text = f"{lead}{body}" if lead else body
        cited = figures or [f for h in chosen for f in self.figures_by_chunk.get(h.chunk.id, []) if f.text in text]
        return Answer(text, refused=False, sources=[Source.from_hit(h) for h in chosen], figures=cited,
                      standalone_question=query.standalone)

    def _pick_quotes(self, hits: list[Hit]) -> list[Hit]:
        """The top hit, plus close runners-up from the same section (a list often spans sentences)."""
        if len(hits) == 1:
            return hits
        top = hits[0]
        chosen = [top]
        for hit in hits[1:]:
            if len(chosen) >= MAX_QUOTES:
                break
            if hit.score >= 0.8 * top.score and hit.chunk.section == top.chunk.section and hit.chunk.kind == "sentence":
                chosen.append(hit)
        chosen.sort(key=lambda h: h.chunk.position)
        return chosen

    def _quote_text(self, hit: Hit) -> str:
        """A heading alone says little: quote it with the first sentence under it."""
        chunk = hit.chunk
        if chunk.kind != "heading":
            return chunk.text
        following = self.chunk_at.get((chunk.doc_path, chunk.position + 1))
        return chunk.text + (following.text if following is not None and following.kind == "sentence" else "")

    def _quotes_only(self, query: Query, failed: Answer) -> Answer:
        """Fallback when a composed answer failed the number check: the cited sentences alone,
        or a plain refusal when nothing was cited. Both pass the check by construction."""
        if not failed.sources:
            return Answer(self.prompts.render("answer.refusal", scope=self._scope()), refused=True,
                          standalone_question=query.standalone)
        body = "\n".join(f"{s.text}[{n}]" for n, s in enumerate(failed.sources, 1))
        return Answer(body, refused=failed.refused, sources=failed.sources, standalone_question=query.standalone)


def unfaithful_numbers(answer: Answer, question: str = "") -> list[str]:
    """Numbers in the answer that appear verbatim neither in a cited source nor in the question
    (a refusal may echo the year the user asked about). Citation markers [n] are not numbers."""
    text = _CITATION.sub("", answer.answer)
    allowed = "\n".join([s.text for s in answer.sources] + [question])
    return [figure_text(m) for m in find_numbers(text) if figure_text(m) not in allowed]


def _unit_class(text: str) -> tuple[str, ...] | None:
    return next((units for pattern, units in _UNIT_CLASSES if pattern.search(text)), None)


def _share_in(words: list[str], text: str) -> float:
    return sum(w in text for w in words) / len(words) if words else 0.0


def _previous_lead(history: list[dict]) -> str:
    """The lead of the last answer (its first sentence), which names the figure it gave."""
    for message in reversed(history):
        if message.get("role") == "assistant":
            return str(message.get("content", "")).split("。", 1)[0]
    return ""


def _asked_noun(question: str) -> tuple[str, bool]:
    """The words next to 多少/几, and whether they follow it: after it ("发展了多少产业工人党员"), else
    before it ("母婴室建了多少个"), reaching back a clause when the one before is empty
    ("省人大代表里有咱工人没？有几个？")."""
    match = QUANTITY.search(question)
    if not match:
        return "", False
    after = _CLAUSE.split(question[match.end():])[0].lstrip("个名人次项家条件份户位所万")
    if len(after) >= 2:
        return after, True
    clauses = [c for c in _CLAUSE.split(question[: match.start()]) if c]
    clauses = [re.sub(r"^(一共|总共|共|还|又|现在)|(有|是|共|一共|总共|了)+$", "", c) for c in clauses]
    return next((c for c in reversed(clauses) if len(c) >= 2), ""), False


def _covered(word: str, text: str) -> bool:
    """A label word is asked about if it occurs in the question (or its synonyms), or, for longer
    words, if most of its character bigrams do (专题会议 ~ 专题会)."""
    if word in text:
        return True
    grams = bigrams(word)
    return len(word) >= 3 and sum(g in text for g in grams) >= 2 * len(grams) / 3


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


def _coverage(index: KnowledgeIndex) -> _Coverage:
    metas = [d.get("meta", {}) for d in index.manifest.get("documents", [])]
    text = "\n".join([c.text for c in index.chunks] + [" ".join(map(str, m.values())) for m in metas])
    years = {str(m["year"]) for m in metas if m.get("year")} | set(YEAR.findall(text))
    regions = sorted({m["region"] for m in metas if m.get("region")})
    scopes = sorted({m["scope"] for m in metas if m.get("scope")})
    # No years in the label: wording shown to users carries no number that a cited sentence does not.
    label = "".join(filter(None, ["、".join(regions), "、".join(scopes)]))
    return _Coverage(years=frozenset(years), text=text, label=label or "现有文档")


def _load_guard(prompts: Prompts) -> dict:
    path = prompts.folder / "guard.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
