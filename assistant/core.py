"""Assistant: the one entry point every adapter uses (CLI, HTTP, Gradio, WeCom).

Loads the index once and shares it across threads. When `assistant index` swaps in a new build
while a server runs, the next request notices, a background thread loads the new build, and
requests keep using the old one until the new one is complete: no request ever sees half an index.
"""

from __future__ import annotations

import gc
import logging
import re
import threading
import time
import tomllib
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .described import Describer
from .embedding import Embedder, make_embedder
from .errors import ConfigError, InvalidInput
from .evidence import MY_SHARE, Evidence, EvidenceSelector, asked_units, lists_items
from .figures import figure_rows
from .guard import unchecked_numbers
from .indexing import BuildReport, KnowledgeIndex, Progress, bigrams, build_index, current_build_id
from .lexicon import TERMS_FILE, function_words, read_lines
from .normalise import Correction, Normaliser, region_names_in_english, surface
from .prompts import Prompts
from .query import (
    DECLINED,
    NOT_ASKING,
    Query,
    QueryReader,
    asked_again,
    coverage_of,
    nth_question_asked,
    relative_years,
    short_years,
    two_questions_in,
)
from .retrieval import Retriever
from .settings import Settings
from .tuning import TUNING, Tuning
from .types import STEP_BULLETS, Answer, Figure, Hit
from .writers import ExtractiveWriter, Writer, make_llm_writer

log = logging.getLogger(__name__)
CONSTRAINTS_FILE = "_constraints.toml"
GUARD_FILE = "guard.toml"
RELOAD_CHECK_SECONDS = 1.0
ANSWER_CACHE_SIZE = 4096  # answers kept (a portal's questions repeat: most of its traffic is a few thousand)
SUGGESTIONS = 3  # answerable questions offered with a refusal, at most


class AnswerCache:
    """A bounded LRU of answers by (build, normalised question, history). Thread-safe."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


@dataclass(frozen=True)
class _Loaded:
    """One index build with everything that reads it; swapped as a whole when a new build is served."""

    index: KnowledgeIndex
    retriever: Retriever
    reader: QueryReader
    selector: EvidenceSelector
    writer: Writer  # the LLM writer when one is configured, else the extractive one
    extractive: ExtractiveWriter
    describer: Describer  # the term a worker's description means
    document_years: tuple[str, ...] = ()  # "2021年", …: a refusal may name a document by its year (see _fixed_wording)


class Assistant:
    """Construct cheaply; the model and index load on first use (or `warm_up()`)."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, tuning: Tuning = TUNING) -> None:
        self.settings = settings
        self.tuning = tuning
        self.embedder = embedder or make_embedder(settings.embedding)
        self.prompts = Prompts(settings.prompts_dir)
        self._loaded: _Loaded | None = None
        self._lock = threading.Lock()
        self._reloading = False
        self._checked_at = 0.0
        self._llm = None  # the optional LLM writer, made on first load
        self._answers = AnswerCache(ANSWER_CACHE_SIZE)
        # Suggestion → whether this build answers it. Suggestions are made from figure labels, so there are at
        # most as many as labels: each is checked once per build (~25 ms), then costs nothing.
        self._answerable = AnswerCache(ANSWER_CACHE_SIZE)

    # --- index lifecycle -------------------------------------------------------------
    def build_index(self, full: bool = False, progress: Progress | None = None) -> BuildReport:
        """Build (or refresh) the index from the knowledge folder and start serving it. Only added, changed and
        removed documents are read; `full` reads everything again into a new store."""
        report = build_index(self.settings.knowledge_dir, self.settings.index_dir, self.embedder, self._constraints(),
                             full=full, progress=progress, milvus_uri=self.settings.milvus_uri)
        if self._loaded is None or self._loaded.index.build_id != report.build_id:
            self._swap(self._load())
        return report

    def warm_up(self) -> None:
        state = self._state()
        state.index.lexicon.tokenizer  # noqa: B018 - jieba's dictionary loads on first touch
        function_words()  # read from jieba's dictionary on first use (with verbs())
        self.embedder.embed_question("预热")

    def _constraints(self) -> dict:
        path = Path(self.settings.knowledge_dir) / CONSTRAINTS_FILE
        if not path.is_file():
            return {"regions": [], "organisations": []}
        try:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{CONSTRAINTS_FILE} 格式错误", str(exc)) from exc

    def _subject_terms(self) -> list[str]:
        """The operators' terms (_terms.txt): what the knowledge base is about."""
        return read_lines(Path(self.settings.knowledge_dir) / TERMS_FILE)

    def _load(self) -> _Loaded:
        index = KnowledgeIndex.load(self.settings.index_dir, self.embedder, milvus_uri=self.settings.milvus_uri)
        subject = index.subject(self._subject_terms())
        retriever = Retriever(index, self.embedder, self.tuning, subject.mask)
        lexicon = index.lexicon
        documents = list(index.documents.values())
        # Chunk texts joined per document: the same newline-joined text coverage searches, without a million strings.
        # What the knowledge base mentions, and the words a question is read and corrected against, are those of
        # its documents on its subject (see EvidenceSelector.select): other material changes no reading.
        texts = list(index.document_texts(subject.docs or None))
        if subject.mask is None:
            vocabulary, written = index.keyword.idf, frozenset(index.bigram.idf)
        else:
            vocabulary = index.keyword.vocabulary_in(index.keyword.scope(subject.mask))
            written = frozenset(b for text in texts for b in bigrams(text))
        lexicon.map_only_unwritten(texts)
        terms = [w for w in lexicon.words] + [t for t in vocabulary if len(t) >= 2]
        # The ways of writing a level (省级, 省里) are everyday words, not terms a two-character typo was meant as
        # ("提升技能" is not "提省级能").
        levels = {n for names in index.constraints.get("levels", {}).values() for n in names}
        # A region's name, covered or not, is what a homophone of it was meant as ("贵洲", "云难", "四穿"): refused or
        # answered as that region.
        regions = {n for n in index.constraints.get("regions", {}) if len(n) >= 2}
        terms += sorted(regions - set(terms))
        normaliser = Normaliser(terms, written, lexicon.tokenizer.FREQ, curated=(set(lexicon.words) - levels) | regions,
                                english=lexicon.english | region_names_in_english(index.constraints.get("regions", {})),
                                text="\n".join(texts), counted=[f.label[-4:] for f in index.figures])
        coverage = coverage_of(documents, texts, index.constraints)
        reader = QueryReader(lexicon, vocabulary, normaliser, coverage, self._guard_patterns())
        extractive = ExtractiveWriter(self.prompts, coverage.label, len(subject.docs or documents) > 1, subject.docs,
                                      segment=lambda text: lexicon.tokenizer.lcut(text, HMM=False))
        writer = self._llm_writer(extractive) or extractive
        return _Loaded(index, retriever, reader, EvidenceSelector(index, retriever, self.tuning, subject.docs), writer,
                       extractive, _describer(self.embedder, lexicon, index, "\n".join(texts), self.tuning),
                       tuple(sorted({f"{d.year}年" for d in documents if d.year})))

    def _llm_writer(self, extractive: ExtractiveWriter) -> Writer | None:
        if self._llm is None:  # built once per Assistant: the breaker's memory outlives an index swap
            self._llm = make_llm_writer(self.prompts, extractive, str(self.prompts.get("answer.referral"))) or False
        if self._llm:
            self._llm.extractive = extractive
        return self._llm or None

    def _guard_patterns(self) -> dict[str, list[re.Pattern]]:
        """prompts/guard.toml: patterns for requests to refuse at once (injection, unrelated tasks) and for
        greetings; `offtopic` is the older name of `task`."""
        path = self.prompts.folder / GUARD_FILE
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
            patterns = {("task" if k == "offtopic" else k): [re.compile(p, re.I) for p in v] for k, v in raw.items()}
        except (tomllib.TOMLDecodeError, re.error, TypeError) as exc:
            raise ConfigError(f"{GUARD_FILE} 格式错误", str(exc)) from exc
        return patterns

    def _swap(self, loaded: _Loaded) -> None:
        with self._lock:
            self._loaded = loaded
            self._answers.clear()  # answers of the old build are not answers of this one
            self._answerable.clear()
        log.info("serving index build %s (%d chunks)", loaded.index.build_id, len(loaded.index.chunks))

    def clear_caches(self) -> None:
        """Forget cached answers and query vectors (benchmarks measure the work, not the cache)."""
        self._answers.clear()  # (which suggestions a build answers is kept: it is per build, not per question)
        if self._loaded is not None:
            self._loaded.retriever.clear_cache()

    def _state(self) -> _Loaded:
        if self._loaded is None:
            with self._lock:
                if self._loaded is None:
                    self._loaded = self._load()
            return self._loaded
        self._maybe_reload()
        return self._loaded

    def _maybe_reload(self) -> None:
        now = time.monotonic()
        if self._reloading or now - self._checked_at < RELOAD_CHECK_SECONDS:
            return
        self._checked_at = now
        live = current_build_id(self.settings.index_dir)
        if live and self._loaded is not None and live != self._loaded.index.build_id:
            self._reloading = True
            threading.Thread(target=self._reload, name="index-reload", daemon=True).start()

    def _reload(self) -> None:
        try:
            self._swap(self._load())
            # The new index is long-lived: keep the cyclic GC from walking it on every full
            # collection (see adapters.api.freeze_long_lived).
            gc.collect()
            gc.freeze()
        except Exception:  # keep serving the old build; the next check retries
            log.exception("could not load the new index build; still serving the previous one")
        finally:
            self._reloading = False

    # --- questions ------------------------------------------------------------------------
    def read(self, question: str, history: list[dict] | None = None) -> Query:
        """How the question is understood: normalised text, intent, constraints, follow-up or not."""
        return self._state().reader.read(self._check_question(question), self._check_history(history))

    def search(self, question: str, top_k: int | None = None, history: list[dict] | None = None) -> list[Hit]:
        """Ranked hits (命中测试), with the question's constraints applied as filters. Retrieval ranks; the chunks
        the answer would cite then come first (each document's first one, in the answer's order), so that what
        the hit test shows first is what the answer quotes: the evidence model is the reranker."""
        top_k = self._check_top_k(top_k)
        state, evidence, _ = self._evidence(question, history)
        hits = state.retriever.search(evidence.query, top_k, state.selector.allowed(evidence.query))
        found = {hit.chunk.row: hit for hit in hits}
        cited = [found.get(hit.chunk.row, hit) for hit in _cited_hits(evidence)]
        leads: dict[str, Hit] = {}
        for hit in cited:
            leads.setdefault(hit.chunk.doc.id, hit)
        # (then the answer's further quotes, in its order: a list's other items before what it does not quote)
        ordered: dict[int, Hit] = {}
        for hit in [*leads.values(), *cited, *hits]:
            ordered.setdefault(hit.chunk.row, hit)
        return list(ordered.values())[:top_k]

    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        """query → evidence → writer → number check. A question asked before, with the same history, against the
        same build, is answered from the cache (adapters still log every exchange: they do so after this returns)."""
        state, key, question, history = self._cache_key(question, history)
        cached = self._answers.get(key)
        if cached is not None:
            return cached
        question, history = _told_apart(question, history)
        answer = self._asked_again(question, history)
        if answer is None:
            answer = self._both_questions(state, question, history)
        if answer is None:
            state, evidence, question = self._evidence(question, history, state)
            answer = self._checked(state, evidence, state.writer.write(evidence), question)
            if answer.refused:
                answer = self._each_figure(state, question, history) or answer
            # (a gap asked is answered so however the two figures were found: with a word that none is written)
            if answer.refused or len(answer.figures) < 2 or _GAP_ASKED.search(question):
                answer = self._target_and_done(state, question, history) or answer
            if answer.refused:
                answer = self._done_after_target(state, question, history) or answer
        self._remember(key, answer)
        return answer

    def _asked_again(self, question: str, history: list[dict]) -> Answer | None:
        """"再说一遍数字", "简单说就是多少", "原文怎么写的", "你确定？" after an answer: the question before (the last one that
        was not itself such a request) answered again, with the history it was asked in; "第一个问题那个数" the one at that
        place. None when nothing was asked before."""
        last = next((str(t.get("content", "")) for t in reversed(history) if t.get("role") == "assistant"), "")
        # "还有吗", "就这些？" after an answer listing several things (① …, or two sentences quoted): the knowledge base
        # writes no more than it gave; the same answer again, saying so.
        # (or one sentence quoted that lists them, as the answer: "共有劳模创新工作室23个,…,云南省职工创新工作室27个。
        # [1]"; not one figure of it given, "12个", whose "还有呢" asks the rest of its sentence)
        more = bool(_MORE_OF_LIST.fullmatch(question.strip())) and (
            STEP_BULLETS[0] in last or "[2]" in last
            or (not re.search(r"\d", last.split("\n", 1)[0])
                and any(lists_items(line) for line in last.split("\n") if line.endswith("[1]"))))
        nth = nth_question_asked(question)
        if nth is not None and not two_questions_in(
                next((str(t.get("content", "")) for t in reversed(history) if t.get("role") == "user"), "")):
            # ("刚才第一个问题那个数，再说一遍": the conversation's first question, asked again as it was then; after a
            # message asking two things, "第二个问题呢" asks the second of those, see _both_questions)
            asked = [n for n, turn in enumerate(history) if turn.get("role") == "user"
                     and not asked_again(str(turn.get("content", ""))) and nth_question_asked(str(turn.get("content", ""))) is None]
            if nth > len(asked):
                return None
            return self.ask(str(history[asked[nth - 1]]["content"]), history[: asked[nth - 1]])
        if not (asked_again(question) or more):
            return None
        for n in range(len(history) - 1, -1, -1):
            turn = history[n]
            if turn.get("role") == "user" and not asked_again(str(turn.get("content", ""))) \
                    and not _MORE_OF_LIST.fullmatch(str(turn.get("content", "")).strip()):
                again = self.ask(str(turn["content"]), history[:n])
                if more and not again.refused and self.prompts.has("answer.all_listed"):
                    again = replace(again, answer=self.prompts.render("answer.all_listed") + again.answer)
                return again
        return None

    def _done_after_target(self, state: _Loaded, question: str, history: list[dict]) -> Answer | None:
        """"贵州省属企业2022年实际达到了多少？" after the policy's 不低于65%: what was done of the very thing the target
        just quoted is of, asked of the reports by that figure's label. None unless the last answer gave a target or
        rule, the question names no thing of its own, and a report answers."""
        if not _DONE_ASKED.search(question):
            return None
        at = next((n for n in range(len(history) - 1, -1, -1) if history[n].get("role") == "user"), None)
        if at is None:
            return None
        before = self.ask(str(history[at].get("content", "")), history[:at])
        rules = state.selector.of_rules
        if before.refused or not before.figures or not rules(before.figures[0].doc.id):
            return None
        query = state.reader.read(question, history)
        c = query.constraints
        if c.unmet or c.enterprise or c.place or len(c.all_regions) > 1 or relative_years(question) \
                or any(not _GAP_WORDS.search(w) and w not in state.reader.coverage.scopes for w in query.subject):
            return None  # (naming a thing of its own, it is asked of that)
        target = before.figures[0]
        region = c.region or target.doc.region
        year = next((y for y in c.all_years if any(d.region == region and d.year == y and not rules(d.id)
                                                   for d in state.index.documents.values())), "")
        if c.all_years and not year:
            return None
        thing = _RULE_BOUND.sub("", target.label)  # ("…一线产业工人的比例原则上不低于": the share, not its bound)
        done = self.ask(f"{region}{year + '年' if year else ''}{thing}实际是多少")
        if done.refused or not done.figures or any(rules(f.doc.id) for f in done.figures):
            return None
        return None if self.unchecked(done, question) else done

    def _target_and_done(self, state: _Loaded, question: str, history: list[dict]) -> Answer | None:
        """"贵州22年建了多少职工驿站，离2025年的目标还差多少", "目标和实际对一下", "够不够要求的比例": the target a policy
        sets and the figure a report gives of the same thing and region, each asked on its own and given together,
        with a word that the knowledge base writes no gap or rate of completion (the assistant does no sums). None
        unless both are found, the first in a sentence setting a target and the second in another document."""
        if not _GAP_ASKED.search(question):
            return None
        query = state.reader.read(question, history)
        c = query.constraints
        if query.intent in NOT_ASKING or c.unmet or c.enterprise or c.place or len(c.all_regions) > 1:
            return None  # (one enterprise's, one city's, two provinces' or an uncovered one's: no target of theirs)
        # (a follow-up names nothing of its own: "还差好多个" after the target and the count, of the conversation's thing)
        words = [w for w in query.subject if not _GAP_WORDS.search(w)] \
            or [w for w in query.context.split() if not _GAP_WORDS.search(w)]
        thing = "".join(w for w in words if not any(w != o and w in o for o in words))
        if not thing:
            return None
        # (a share asked of the thing, not the completion asked as one: "完成了百分之几")
        measure = "比例" if _SHARE_ASKED.search(_GAP_ASKED.sub("", f"{question}\n{query.text}")) \
            and not re.search(r"率|比例", thing) else ""
        rules = state.selector.of_rules
        policies = {d.region for d in state.index.documents.values() if rules(d.id)}
        region = c.region or (next(iter(policies)) if len(policies) == 1 else "")
        if not region:
            return None
        done_years = [y for y in c.all_years if any(
            d.region == region and d.year == y and not rules(d.id) for d in state.index.documents.values())]
        asked_target = f"{region}{thing}{measure}的目标是多少"
        asked_done = f"{region}{done_years[0] + '年' if done_years else ''}{thing}{measure}实际是多少"
        target, done = self.ask(asked_target), self.ask(asked_done)
        if target.refused or done.refused or not target.figures or not done.figures:
            return None
        if not rules(target.figures[0].doc.id) or any(rules(f.doc.id) for f in done.figures):
            return None
        # Nor for a year asked that no document of the region is of, unless it is the target's own ("现在2026年实际建了
        # 几个": what was done then no report says), nor when the asker already gave both figures and asks only the gap
        # ("22年是112个，2025年要200个，还差多少个"), which the knowledge base does not write.
        covered = {d.year for d in state.index.documents.values() if d.region == region}
        if relative_years(question) or any(y not in covered and y not in target.figures[0].sentence
                                           for y in c.all_years):
            return None  # ("去年建了多少，跟2025年目标比还差多少": 去年 is 2025, of which no report is)
        told = set(re.findall(r"\d+(?:\.\d+)?", question))
        if target.figures[0].value in told and done.figures[0].value in told:
            return None
        # Asked only the gap ("还差多少个", "完成了百分之几"), which no sentence writes: declined, offering the two
        # questions the knowledge base does answer. Asked the figures too ("22年建了多少，离目标还差多少", "目标和实际
        # 对一下"): those are the answer.
        if not _FIGURE_ASKED_TOO.search(_GAP_SPAN.sub("", question)):
            if not self.prompts.has("answer.gap_unwritten"):
                return None
            lines = [self.prompts.render("answer.gap_unwritten", thing=thing), str(self.prompts.get("answer.did_you_mean")),
                     *(self.prompts.render("answer.suggestion", question=f"{q}？") for q in (asked_target, asked_done))]
            return Answer("\n".join(lines), refused=True, standalone_question=query.standalone,
                          suggestions=[f"{asked_target}？", f"{asked_done}？"])
        if self.prompts.has("answer.target_lead") and self.prompts.has("answer.done_lead"):
            target = replace(target, answer=self.prompts.render("answer.target_lead") + target.answer)
            done = replace(done, answer=self.prompts.render("answer.done_lead") + done.answer)
        both = _joined(target, done)
        if self.prompts.has("answer.no_gap"):
            both = replace(both, answer=f"{both.answer}\n{self.prompts.render('answer.no_gap')}")
        return None if self.unchecked(both, question) else both

    def _each_figure(self, state: _Loaded, question: str, history: list[dict]) -> Answer | None:
        """"贵州要求…比例不低于多少？2022年省属企业实际是多少？": two questions, each asking a figure in a sentence of
        its own, that read as one found no figure: each is answered in its own words, the second as a follow-up of
        the first, and given together. None unless both are answered."""
        parts = [p.strip() for p in _QUESTION_SENTENCE.findall(question) if p.strip()]
        if len(parts) != 2 or not re.search(r"[？?]$", parts[0]) \
                or not all(state.reader.intent_of(p) == "figure" for p in parts):
            return None
        return self._in_turn(parts, question, history)

    def _in_turn(self, parts: list[str], question: str, history: list[dict]) -> Answer | None:
        """Two questions of one message, each answered in its own words, the second as a follow-up of the first, given
        together; None unless both are answered (and the two together pass the number check)."""
        first = self.ask(parts[0], history)
        if first.refused:
            return None
        second = self.ask(parts[1], [*history, {"role": "user", "content": parts[0]},
                                     {"role": "assistant", "content": first.answer}])
        if second.refused:
            return None
        both = _joined(first, second)
        return None if self.unchecked(both, question) else both

    def _both_questions(self, state: _Loaded, question: str, history: list[dict]) -> Answer | None:
        """"推进会是哪天开的？大概有多少人参加？": two questions in one message, a "when" or "who issued it" and another
        (a figure, a place, or when something else was done; two clauses of one sentence too: "…是哪个单位发的，啥时候
        印发的"), are each answered in their own words, the second as a follow-up of the first, and given together.
        (Two figures asked together are one question of their own: Query.asked.) None when the message is not such a
        pair, or either part is not answered: it is then answered as one question."""
        parts = [p.strip() for p in _QUESTION_SENTENCE.findall(question) if p.strip()]
        clauses = [c.strip() for c in re.split(r"[，,、]", question) if c.strip()]
        if len(parts) == 1 and len(clauses) == 2:
            # "实施意见是哪个单位发的，啥时候印发的？", "…是哪个单位发的、哪天发的": two clauses, each asking one thing
            parts = clauses if all(state.reader.intent_of(c) in _ONE_THING for c in clauses) else parts
        if len(parts) == 2 and _SAME_OF_ANOTHER.fullmatch(parts[1]) and re.search(r"[？?]$", parts[0]):
            # "贵州省属企业产改领导小组多久开一次会？云南22年呢": the first asked again, of the year or region the second
            # names
            named = state.reader.coverage.constraints(parts[1])
            if named.year or named.region:
                return self._in_turn(parts, question, history)
        if len(parts) != 2 or not any(state.reader.intent_of(p) in ("when", "issuer") for p in parts) \
                or state.reader.read(question, history).intent not in ("when", "issuer"):
            return None  # (the cheap look first: most messages are one question, and reading one costs a millisecond)
        if any(state.reader.read(p, []).intent in NOT_ASKING for p in parts):
            return None
        return self._in_turn(parts, question, history)

    def stream(self, question: str, history: list[dict] | None = None) -> Iterator[dict]:
        """The answer as it is written: {"delta": text} events, each already checked, then {"answer": Answer},
        or {"replace": Answer} when the text shown so far is superseded (a sentence failed the guard).
        A cached answer is streamed as it stands."""
        state, key, question, history = self._cache_key(question, history)
        cached = self._answers.get(key)
        if cached is not None:
            yield from state.extractive.stream_answer(cached)
            return
        question, history = _told_apart(question, history)
        both = self._asked_again(question, history) or self._both_questions(state, question, history)
        if both is not None:  # (its parts were written, and checked, each on its own; or the one before, again)
            self._remember(key, both)
            yield from state.extractive.stream_answer(both)
            return
        state, evidence, question = self._evidence(question, history, state)
        each = self._each_figure(state, question, history) if evidence.kind == "refusal" else None
        if each is None and (evidence.kind == "refusal" or sum(len(row) for row in evidence.figures) < 2
                             or _GAP_ASKED.search(question)):
            # (as ask() does, by the figures the answer would give)
            each = self._target_and_done(state, question, history)
        if each is None and evidence.kind == "refusal":
            each = self._done_after_target(state, question, history)
        if each is not None:  # (its parts were written, and checked, each on its own)
            self._remember(key, each)
            yield from state.extractive.stream_answer(each)
            return
        if state.writer is state.extractive:
            answer = self._checked(state, evidence, state.extractive.write(evidence), question)
            self._remember(key, answer)
            yield from state.extractive.stream_answer(answer)
            return
        for event in state.writer.stream(evidence):
            if "delta" in event:
                yield event
                continue
            final = event.get("answer") or event["replace"]
            checked = self._checked(state, evidence, final, question)
            self._remember(key, checked)
            yield {"answer": checked} if "answer" in event and checked is final else {"replace": checked}

    def _remember(self, key: tuple, answer: Answer) -> None:
        # An answer that fell back (the LLM failed or timed out) is not kept: the next asking may get the LLM's.
        if not answer.fallback:
            self._answers.put(key, answer)

    def _cache_key(self, question: str, history: list[dict] | None) -> tuple[_Loaded, tuple, str, list[dict]]:
        """The answer cache's key: the build, the question as normalised, the history as it will be read."""
        question = self._check_question(question)
        history = self._check_history(history)
        state = self._state()
        key = (state.index.build_id, surface(question), tuple((m["role"], m["content"]) for m in history))
        return state, key, question, history

    def _evidence(self, question: str, history: list[dict] | None,
                  state: _Loaded | None = None) -> tuple[_Loaded, Evidence, str]:
        question = self._check_question(question)
        history = self._check_history(history)
        state = state or self._state()
        query = state.reader.read(question, history, soon=state.retriever.embed_text_soon)
        # The last answer that quoted anything: a refusal between gave nothing to go on ("母婴室的目标呢" after "贵州到
        # 2025年要建多少个职工驿站" → 200个, then a refused "那2025年最后达标没有", is not 200个 again; "除了这些，还有哪样"
        # is besides what it said; "这个数哪来的", the document of the last sentence it quoted).
        evidence = state.selector.select(query, (query.replied or _previous_answer(history, quoting=True))
                                         if query.context else "")
        if evidence.kind == "refusal" and "missing" not in evidence.detail and query.context and query.intent == "figure" \
                and query.asked \
                and all(w in query.own for w in state.index.lexicon.words_of(query.asked[0])) \
                and not state.reader.names_reporter(query.asked[0], query.text) \
                and any(len(w) >= 2 and state.selector.writes(w) and w not in state.selector.level_of
                        and not (query.constraints.enterprise and (
                    w in query.constraints.enterprise or query.constraints.enterprise in w))
                        for w in state.index.lexicon.words_of(query.asked[0])):
            # (nor one naming only an enterprise, which says whose, not what: "黔磷化工的呢" after 全国劳模, or only a
            # level, which says which of them: "国家级的呢" after 省级产改工作示范点; nor one
            # refused for what no document says of its thing, "…list the names of the 2 二十大代表": alone, a count)
            # (not "建到" of "去年贵州建到好多了": it names nothing the documents write)
            # "那劳动竞赛呢？" after 师徒合同: it names its own thing to count, and read against the conversation
            # (whose words pull toward 师徒合同) nothing answers it. Read on its own, it may be answered.
            c = query.constraints  # the conversation's year and region still hold, and the enterprise or city asked
            # (as people when it asks people: "有多少工人参与了…", whom 2户 enterprises do not count. Not as a share:
            # "那女职工代表比例呢", re-read "…占多少比例", found 职工代表's 50%, the figure just given.)
            # (and as 人次 when it names 人次: "劳动竞赛 人次 贵州" asks who took part, not how many were held)
            measure = "有多少人次？" if "人次" in query.own else \
                "有多少人？" if asked_units(query.own) == ("人", "名", "位") else "有多少？"
            # (and the document it names: "贵州实施意见里考核权重定的多少" is not the 贵州 report's weight; one named
            # only earlier in the conversation is not asked of: "推进会好像有300人参加" after 实施意见)
            where = f"{c.year + '年' if c.year else ''}{c.region}{c.document if c.document in query.text else ''}" \
                    f"{c.place}{c.enterprise}"
            alone = state.selector.select(state.reader.read(f"{where}{query.asked[0]}{measure}", []))
            if alone.kind == "refusal" and alone.refusal not in ("enterprise", "place") and measure == "有多少？":
                # (or a value, not a count: "职工董事一届任期呢" after 职工监事's share asks how long, 3年)
                alone = state.selector.select(state.reader.read(f"{where}{query.asked[0]}是多少？", []))
            words = [w for w in state.index.lexicon.words_of(query.asked[0]) if len(w) >= 2]
            if alone.kind == "figures" and query.asked[0] not in query.own and not all(
                    w in choice.figure.sentence for row in alone.figures for choice in row for w in words):
                # (what it asks, written apart in the question, must all be in the sentence that answers: not 驿站's
                # count for "驿站晚上开不开门")
                alone = evidence
            if alone.kind != "refusal" or alone.refusal in ("enterprise", "place"):
                evidence = alone  # (or its refusal saying the knowledge base only totals the province's enterprises)
        if evidence.kind == "refusal" and query.subject and len(history) >= 2 \
                and "[1]" not in str(history[-1].get("content", "")):
            # A refused turn sets nothing the conversation goes on in: "新型学徒制 目标" after 贵州's 经费 and a refused
            # "云南呢" (云南 has no policy) asks it of 贵州, as the conversation was before the refused turn.
            before = history[:-2]
            again = state.reader.read(question, before)
            # (unless it was refused for the year, region, enterprise or city it named, which the conversation goes on
            # in: "那职工监事呢" after a refused "贵州21年职工董事多少" is asked of 贵州 2021 too)
            refused = state.selector.select(state.reader.read(str(history[-2].get("content", "")), before)) \
                if again.constraints != query.constraints else None
            if refused is not None and (refused.kind in DECLINED or (
                    refused.kind == "refusal" and refused.refusal not in ("unmet", "enterprise", "place"))):
                found = state.selector.select(again, _previous_answer(before, quoting=True) if again.context else "")
                if found.kind == "refusal":  # (or alone, in that conversation's year and region: its own subject)
                    c = again.constraints
                    alone = state.reader.read(f"{c.year + '年' if c.year else ''}{c.region}{question}", [])
                    found, again = state.selector.select(alone), alone
                if found.kind != "refusal":
                    evidence, query = found, again
        if evidence.kind == "refusal" and evidence.refusal in ("no_figure", "no_answer", "unknown") \
                and evidence.detail.get("unknown") and "missing" not in evidence.detail:
            evidence = self._described(state, query, evidence, question, history) or evidence
        if evidence.suggestions:  # offered only if the knowledge base answers them (not the refused question again)
            kept = [s for s in evidence.suggestions if self._answers_it(state, s)][:SUGGESTIONS]
            evidence = replace(evidence, suggestions=tuple(kept))
        return state, evidence, question

    @staticmethod
    def _described(state: _Loaded, query: Query, refused: Evidence, question: str, history: list[dict]) -> Evidence | None:
        """A question refused for words the knowledge base never writes, which describe a thing it names ("有没有那种
        给职工下了班看书的屋子，建了好多个"): read again with the term the description means, if one clearly is, and
        answered so, saying how it was read ("按“职工书屋”理解"). None if no term is meant or it answers nothing."""
        if query.intent != "figure" or query.context or MY_SHARE.search(query.own):
            return None  # (a count of a thing described; a follow-up's words are the conversation's too; what the
            # asker would get is no count: "像我屋头这种困难的能分到好多")
        span = state.describer.span(query.own, refused.detail["unknown"])
        first = state.retriever.search(query, 1, state.selector.allowed(query)) if span else []
        found = state.describer.term_for(span, first[0].chunk.text if first and first[0].chunk.kind == "sentence" else "")
        if found is None or span not in query.text:
            return None
        term = found[0]
        again = state.reader.read(query.text.replace(span, term, 1), history)
        evidence = state.selector.select(again, _previous_answer(history) if again.context else "")
        if evidence.kind == "refusal":
            return None
        read = replace(evidence.query, corrections=evidence.query.corrections + (Correction(span, term, "described"),))
        return replace(evidence, query=read)

    def _answers_it(self, state: _Loaded, question: str) -> bool:
        """Whether this build answers a question asked on its own (evidence only, no writing; remembered)."""
        key = (state.index.build_id, question)
        known = self._answerable.get(key)
        if known is None:
            known = state.selector.select(state.reader.read(question, [])).kind != "refusal"
            self._answerable.put(key, known)
        return known

    def _checked(self, state: _Loaded, evidence: Evidence, answer: Answer, question: str) -> Answer:
        """The last check, whoever wrote the answer: a number nothing it cites holds means the answer is not
        shown. The writers' own checks make this unreachable; it stays as the guarantee."""
        failed = self.unchecked(answer, question)
        if not failed:
            return answer
        log.error("answer failed the number check %s: %r", failed, answer.answer)
        if answer.writer != "extractive":
            fallback = state.extractive.write(evidence)
            if not self.unchecked(fallback, question):
                return replace(fallback, fallback="unchecked_number")
        return state.extractive.write(replace(evidence, kind="refusal", refusal="no_answer"))

    def unchecked(self, answer: Answer, question: str) -> list[str]:
        """The number check: numbers of the answer that nothing it cites holds (empty: it passes)."""
        # The question as read (a follow-up with the question it leans on): a refusal may name the conversation's
        # year ("没有2021年贵州的相关材料" after a question about 2021).
        asked = f"{question}\n{answer.standalone_question}"
        failed = unchecked_numbers(answer, self._fixed_wording(asked, answer.suggestions))
        if failed and answer.refused:
            # (a refusal names the years asked as the question is read, however it writes them)
            read = self._state().reader.read(answer.standalone_question or question, [])
            # (and what it does not cover, as read: "职工董事比前一年多了多少" is refused as "没有2021年的…")
            asked += "\n" + "\n".join([*(f"{y}年" for y in read.constraints.all_years), read.constraints.unmet])
            failed = unchecked_numbers(answer, self._fixed_wording(asked, answer.suggestions))
        return failed

    def _fixed_wording(self, question: str, suggestions: list[str] | None = None) -> str:
        """Text whose numbers an answer may carry without citing them: the referral (a hotline number), the
        question itself (a refusal may echo the year asked about) and suggested questions (figure labels of the
        knowledge base, such as 党的二十大代表: names, not figures)."""
        # ("今年…" is refused as "没有2026年的…", "21年…" as "没有2021年的…"; and the years of the documents, which
        # name them: "没有2021年贵州的…" after "贵州呢" in a conversation about 2021)
        years = [f"{year}年" for year in relative_years(question) + short_years(question)]
        if re.search(r"(?:前|上|头)一?年", question):  # ("22年…比上一年多了多少" is refused as "没有2021年的…")
            years += [f"{int(year) - 1}年" for year in re.findall(r"(?:19|20)\d{2}", question) + short_years(question)]
        years += self._state().document_years
        return "\n".join([str(self.prompts.get("answer.referral")), question, *years, *(suggestions or [])])

    def figures(self, query: str = "") -> list[Figure]:
        """Rows of the figure table whose label or sentence mentions `query` (all rows when empty)."""
        state = self._state()
        text = clean_text(query).strip()[: self.settings.max_question_chars]
        if not text:
            return list(state.index.figures)
        words = state.index.lexicon.tokens(text) or (text,)
        scored = []
        # Only rows holding the text or one of its words can score: the store finds them (no Python scan).
        for figure in state.index.figures.matching(tuple(dict.fromkeys((text, *words)))):
            score = 3 * (text in figure.label) + (text in figure.sentence) + sum(w in figure.label for w in words)
            if score:
                scored.append((-score, figure.label, figure))
        return [f for *_, f in sorted(scored, key=lambda s: (s[0], s[1]))]

    def figure_rows(self, query: str = "") -> list[dict]:
        return figure_rows(self.figures(query))

    def health(self) -> dict:
        state = self._state()
        manifest = state.index.manifest
        return {
            "status": "ok", "index_loaded": True, "build_id": manifest.build_id, "built_at": manifest.built_at,
            "model": manifest.model, "dim": manifest.dim, "documents": len(manifest.documents),
            "search": "milvus" if self.settings.milvus_uri else "faiss",
            "chunks": manifest.chunks, "figures": len(state.index.figures),
            "document_titles": [d.info.title for d in manifest.documents],
            "documents_detail": [d.to_dict() for d in state.index.documents.values()],
        }

    # --- input checks: the messages reach end users, so they are Chinese ------------------
    def _check_question(self, question: object) -> str:
        if not isinstance(question, str):
            raise InvalidInput("问题必须是文字", "question 字段应为字符串")
        question = clean_text(question).strip()
        if not question:
            raise InvalidInput("问题不能为空，请输入您想了解的内容", "question 不能为空或只含空白")
        if len(question) > self.settings.max_question_chars:
            raise InvalidInput(
                f"问题太长了（{len(question)} 字），请精简到 {self.settings.max_question_chars} 字以内",
                "缩短问题后重试",
            )
        return question

    def _check_top_k(self, top_k: object) -> int:
        if top_k is None:
            return self.settings.top_k
        if isinstance(top_k, bool) or not isinstance(top_k, int) or not 1 <= top_k <= 50:
            raise InvalidInput("top_k 必须是 1 到 50 之间的整数", "调整 top_k 参数")
        return top_k

    def _check_history(self, history: object) -> list[dict]:
        if history is None:
            return []
        if not isinstance(history, list):
            raise InvalidInput("对话历史格式错误：应为消息列表", 'history 形如 [{"role": "user", "content": "…"}]')
        for message in history:
            if (
                not isinstance(message, dict)
                or message.get("role") not in ("user", "assistant")
                or not isinstance(message.get("content"), str)
            ):
                raise InvalidInput(
                    "对话历史格式错误：每条消息需要 role（user 或 assistant）和文字 content",
                    'history 形如 [{"role": "user", "content": "…"}]',
                )
        # Bounded work whatever the caller sends: the latest turns only, each cut to its opening (a question's
        # words and an answer's lead are at the start).
        keep = history[-self.settings.max_history_messages:] if self.settings.max_history_messages > 0 else []
        limit = self.settings.max_history_chars
        return [{"role": m["role"], "content": clean_text(m["content"])[:limit]} for m in keep]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# "还有吗", "还有别的没", "就这些？", "再多说几个" after an answer listing several things (see Assistant._asked_again).
_MORE_OF_LIST = re.compile(r"(?:(?:那|那么)?(?:还有|还有其他|还有别的|其他|别的)(?:的)?(?:吗|没有|没|不|呢)?|就(?:这些|这几[个条项样点])(?:吗|啊|呀|嘛)?"
                           r"|再(?:多)?(?:说|讲|举|列)(?:几个|几条|一些|点)|还有(?:其他|别的)?(?:的)?(?:途径|办法|渠道|措施)(?:吗|没有|没)?)"
                           r"[？?。！!]*")


def clean_text(text: str) -> str:
    """Text from outside, made safe for every step after it: control characters become spaces; a lone
    surrogate (valid in a JSON escape, not in UTF-8) cannot be read and is refused with a Chinese message."""
    if _SURROGATE.search(text):
        raise InvalidInput("内容里有无法识别的字符，请删除特殊符号后重新输入", "文本中含有不成对的 UTF-16 代理字符（surrogate）")
    return _CONTROL.sub(" ", text)


def _cited_hits(evidence: Evidence) -> list[Hit]:
    """The chunks an answer from this evidence cites, in its order (none for a refusal)."""
    hits = [choice.hit for row in evidence.figures for choice in row] + list(evidence.sentences)
    return hits + [Hit(item.chunk, 0.0) for item in evidence.steps]  # a step's score is a chance, not a fused score


# A target set against what was done, asked as a gap, a rate or a check ("离2025年的目标还差多少", "完成了百分之几",
# "目标和实际对一下", "够不够实施意见要求的比例", "比要求高出几个百分点")
_GAP_ASKED = re.compile(r"还差|差(?:多少|几|好多)|(?:离|距|距离)[^，,。？?！!]{0,10}(?:目标|要求)|完成(?:了)?(?:百分之几|多少|几成|率)"
                        r"|完成率|(?:目标|要求)[^。？?！!]{0,30}实际|实际[^。？?！!]{0,30}(?:目标|要求)"
                        r"|够不够[^，,。？?！!]{0,10}(?:要求|目标|比例|标准)|比(?:要求|目标)[^，,。？?！!]{0,4}(?:高|低|多|少)")
# What was done, asked after a target ("实际达到了多少", "实际做到多少", "22年实际建了几个")
_DONE_ASKED = re.compile(r"实际(?:上)?[^，,。？?！!]{0,4}?(?:达到|做到|完成|建成|建了|发展了|是|有|占)?了?(?:多少|几|好多)")
_RULE_BOUND = re.compile(r"(?:原则上|一般|应当|必须|每年|要)?(?:不低于|不少于|不超过|不得低于|不得少于|至少|最少|达到)$")
# (the gap asked with the words that ask its size: "还差多少个", "离2025年的目标还差几个")
_GAP_SPAN = re.compile(rf"(?:{_GAP_ASKED.pattern})(?:[^，,。？?！!]{{0,3}}?(?:多少|几|好多)[个名人家次件份条]?)?")
# (what else asks a figure, or the two side by side: "22年建了好多个了，还差几个", "目标和实际对一下")
_FIGURE_ASKED_TOO = re.compile(r"多少|好多|几多|(?<![第哪这那])几(?!十|百|千)|对一下|对比|比较|比一比|对照|分别|各是"
                               r"|(?:两|俩)个数|都(?:给|要|列|说)")
# (what the gap is asked in, not what it is of)
_GAP_WORDS = re.compile(r"^(?:还?差|离|距离?|目标|要求|实际|实际做到|做到|完成|完成率|对比?|比|高出|够不够|够|达到|达标|指标|计划|规定"
                        r"|政策|意见|实施意见|文件|比例|占比|百分点|几个|多少|建|建了|有)$")
_SHARE_ASKED = re.compile(r"比例|占比|百分|%|几成")
# A question sentence of a message ("…是哪天开的？", "大概有多少人参加？"), its 。 or ？ included.
_QUESTION_SENTENCE = re.compile(r"[^？?。！!；;]+[？?。！!；;]*")
_ONE_THING = ("when", "issuer", "figure")  # what a clause asks on its own


# A figure told as what a document says, then a question after 那 that leans on it ("贵州2022年报告里说职工书屋260
# 个，那云南2022年职工书屋有多少", "…报告里说云南职工董事617名，那贵州自己有多少"): the telling is no question; the
# question after it is a follow-up of it.
_TOLD_THEN_ASKED = re.compile(r"(?P<told>[^。？?！!]*?(?:说|讲|写|提到|显示)[^。？?！!，,；;]*?\d[^。？?！!]*?)[，,；;]\s*"
                              r"(?P<asked>(?:那|那么)(?![个些种份边里样])[^，,。；;！!]+)")


def _told_apart(question: str, history: list[dict]) -> tuple[str, list[dict]]:
    """A figure told and then a question after 那, in one message: the question, as a follow-up of the telling."""
    told = _TOLD_THEN_ASKED.fullmatch(question)
    if not told:
        return question, history
    return told["asked"], [*history, {"role": "user", "content": told["told"]}, {"role": "assistant", "content": ""}]


# A question that asks what was just asked, of another year or region, by naming it only ("云南22年呢", "那贵州的呢").
_SAME_OF_ANOTHER = re.compile(r"(?:那|那么)?[\u4e00-\u9fff\d]{2,8}?(?:的)?呢[？?。！!]*")


def _joined(first: Answer, second: Answer) -> Answer:
    """Two answers as one: the second's citations renumbered after the first's sources (a source both cite once)."""
    sources = list(first.sources)
    number: dict[int, int] = {}
    for k, source in enumerate(second.sources, start=1):
        same = next((i for i, s in enumerate(sources, start=1) if s.id == source.id), None)
        if same is None:
            sources.append(source)
            same = len(sources)
        number[k] = same
    text = re.sub(r"\[(\d{1,3})\]", lambda m: f"[{number.get(int(m.group(1)), int(m.group(1)))}]", second.answer)
    # (a sentence the first answer already quotes is not quoted again: its lead, the day, points back to it)
    shown = set(first.answer.split("\n"))
    text = "\n".join(line for line in text.split("\n") if not (re.search(r"\[\d{1,3}\]$", line) and line in shown)) or text
    figures = list(first.figures) + [f for f in second.figures if f not in first.figures]
    return replace(first, answer=f"{first.answer}\n{text}", sources=sources, figures=figures,
                   standalone_question=f"{first.standalone_question} {second.standalone_question}".strip(),
                   reading=" ".join(r for r in (first.reading, second.reading) if r),
                   suggestions=[], fallback=first.fallback or second.fallback)


def _previous_answer(history: list[dict], quoting: bool = False) -> str:
    """The last answer of the conversation, whose lead names the figure it gave (`quoting`: the last one that quoted
    a sentence, [1])."""
    for message in reversed(history):
        if message.get("role") == "assistant" and (not quoting or "[1]" in str(message.get("content", ""))):
            return str(message.get("content", ""))
    return ""


def _describer(embedder: Embedder, lexicon, index: KnowledgeIndex, text: str, tuning: Tuning) -> Describer:
    """The terms a description may mean: the knowledge base's own (its curated and quoted terms, what everyday
    phrases stand for, the things its figures count), as it writes them; synonyms and longer names are one thing."""
    candidates = set(lexicon.words) | set(lexicon.colloquial.values()) | {f.label for f in index.figures if len(f.label) <= 8}
    terms = [t for t in candidates if len(t) >= 3 and t in text]
    group_of: dict[str, set[int]] = {}
    for n, group in enumerate(lexicon.groups):
        for word in group:
            group_of.setdefault(word, set()).add(n)

    def same(a: str, b: str) -> bool:
        return a in b or b in a or bool(group_of.get(a, set()) & group_of.get(b, set()))

    return Describer(embedder, terms, same, tuning)
