"""Query → Hits: hybrid retrieval over one index (FAISS + two BM25 lists, fused by reciprocal rank), with the
query's constraints applied as filters inside each of the three lists.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from .embedding import Embedder
from .indexing import KnowledgeIndex, bigrams
from .indexing.keyword import ranked
from .query import QUANTITY, Query
from .tuning import TUNING, Tuning
from .types import Hit

VECTOR_CACHE_SIZE = 4096
BEGUN_SIZE = 64  # embeddings begun and not yet fetched, at most (a server's concurrent requests, with room)


class Retriever:
    """Hybrid search over one loaded index. Thread-safe: it holds no per-request state."""

    def __init__(self, index: KnowledgeIndex, embedder: Embedder, tuning: Tuning = TUNING,
                 subject_mask: np.ndarray | None = None) -> None:
        self.index = index
        self.embedder = embedder
        self.tuning = tuning
        # The chunks of the documents on the knowledge base's subject, when it also holds others: a query
        # constrained to them (Constraints.on_subject) is keyword-scored with their statistics alone.
        self.subject_mask = subject_mask
        self._scopes = (index.keyword.scope(subject_mask), index.bigram.scope(subject_mask)) \
            if subject_mask is not None else (None, None)
        # Query vectors by the text embedded: a repeated question costs no embedding (bounded; one per build).
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._begun: OrderedDict[str, Callable[[], np.ndarray]] = OrderedDict()  # texts being embedded, not yet fetched
        self._lock = threading.Lock()

    def keyword_terms(self, query: Query) -> dict[str, float]:
        lexicon = self.index.lexicon
        t = self.tuning
        terms: dict[str, float] = {}
        for token in lexicon.tokens(" ".join(query.expansions)):
            terms[token] = t.expansion_weight
        for token in lexicon.tokens(" ".join(query.stand_ins)):
            terms[token] = 1.0
        for token in lexicon.tokens(query.context):
            terms[token] = max(terms.get(token, 0.0), t.context_weight)
        for token in lexicon.tokens(_without_years(query, query.own if query.context else query.searched_text)):
            terms[token] = 1.0 + (t.follow_up_own_bonus if query.context else 0.0)  # a follow-up's own words lead
        return terms

    def bigram_terms(self, query: Query) -> dict[str, float]:
        # Synonyms only where they stand in for a word the knowledge base lacks: a long alias of a known
        # word (产业工人队伍建设改革) floods the bigram list and drags up every sentence that defines it
        # (measured: recall@1 −0.1 on the gold set).
        terms = {b: self.tuning.context_weight for b in bigrams(query.context)}
        terms.update({b: 1.0 for b in bigrams(" ".join(query.stand_ins))})
        terms.update({b: 1.0 for b in bigrams(_without_years(query, query.own if query.context else query.searched_text))})
        return terms

    def clear_cache(self) -> None:
        with self._lock:
            self._vectors.clear()
            self._begun.clear()

    def embed(self, query: Query) -> np.ndarray:
        # An everyday phrase is embedded with the documents' term for it: "能进董事会说上话的（职工董事）".
        return self.embed_soon(query)()

    def embed_text(self, text: str) -> np.ndarray:
        """A question's vector, from the bounded cache when the same text was embedded recently."""
        return self.embed_text_soon(text)()

    def embed_soon(self, query: Query) -> Callable[[], np.ndarray]:
        return self.embed_text_soon(query.embedded_text)

    def embed_text_soon(self, text: str) -> Callable[[], np.ndarray]:
        """embed_text begun now, fetched by calling the result (see Embedder.embed_question_soon)."""
        with self._lock:
            found = self._vectors.get(text)
            if found is not None:
                self._vectors.move_to_end(text)
                return lambda: found
            begun = self._begun.get(text)  # (begun by QueryReader.read's early call: the same text, one embedding)
            if begun is not None:
                return begun
            pending = self.embedder.embed_question_soon(text)

            def fetch() -> np.ndarray:
                vector = pending()
                with self._lock:
                    self._begun.pop(text, None)
                    self._vectors[text] = vector
                    while len(self._vectors) > VECTOR_CACHE_SIZE:
                        self._vectors.popitem(last=False)
                return vector

            self._begun[text] = fetch
            while len(self._begun) > BEGUN_SIZE:  # (one begun early and then not needed is forgotten in time)
                self._begun.popitem(last=False)
        return fetch

    def search(self, query: Query, top_k: int = 5, allowed: np.ndarray | None = None,
               vector: np.ndarray | None = None, pending: Callable[[], np.ndarray] | None = None,
               meanwhile: Callable[[list[int]], None] | None = None) -> list[Hit]:
        """The top_k chunks for the query among the `allowed` ones (a boolean mask over chunk ids; None: all).
        Each index applies the filter itself; none is over-fetched and filtered afterwards. `meanwhile`, if given,
        is called with the ids the keyword lists rank first, while the question is still being embedded."""
        index = self.index
        if not len(index.chunks) or top_k <= 0 or (allowed is not None and not allowed.any()):
            return []
        # (the keyword lists are scored while the question is embedded)
        if pending is None:
            pending = self.embed_soon(query) if vector is None else (lambda: vector)
        depth = min(len(index.chunks), max(self.tuning.search_depth, top_k * 4))
        words_scope, bigrams_scope = self._scopes if query.constraints.on_subject else (None, None)
        keyword = index.keyword.scores(self.keyword_terms(query), allowed, words_scope)
        bigram = index.bigram.scores(self.bigram_terms(query), allowed, bigrams_scope)
        by_words, by_bigrams = ranked(keyword, depth, index.order), ranked(bigram, depth, index.order)
        if meanwhile is not None:
            meanwhile(list(dict.fromkeys(by_words[: self.tuning.read_ahead] + by_bigrams[: self.tuning.read_ahead])))
        dense = index.dense.search(pending(), depth, allowed)

        fused: dict[int, float] = {}
        for ranking in (list(dense), by_words, by_bigrams):
            for rank, i in enumerate(ranking):
                fused[i] = fused.get(i, 0.0) + 1.0 / (self.tuning.rrf_k + rank + 1)
        if QUANTITY.search(query.full_text):
            for i in fused:
                if not index.has_digit[i]:
                    fused[i] *= self.tuning.no_figure_weight
        best = sorted(fused.items(), key=lambda item: -item[1])[:top_k]
        chunks = {c.row: c for c in index.chunks.many([i for i, _ in best])}  # only the chunks returned are read
        return [
            Hit(chunks[i], score=s, dense=dense.get(i, 0.0), keyword=float(keyword[i]), bigram=float(bigram[i]))
            for i, s in best
        ]

    def hits_for(self, ids: list[int], vector: np.ndarray) -> list[Hit]:
        """Hits for chosen chunks (not found by search) with their dense similarity and no fused score."""
        if not ids:
            return []
        sims = self.index.dense.vectors(np.asarray(ids, dtype=np.int64)) @ vector
        chunks = self.index.chunks.many(ids)
        return [Hit(chunk, score=0.0, dense=float(s)) for chunk, s in zip(chunks, sims, strict=True)]

    def top_sections(self, vector: np.ndarray, top_k: int, allowed: np.ndarray | None = None) -> list[int]:
        """Ids of the sections most similar to the question as wholes (heading and sentences together)."""
        if not len(self.index.sections):
            return []
        permitted = None
        if allowed is not None:
            permitted = np.zeros(len(self.index.section_dense.live), dtype=bool)
            rows = self.index.chunk_section[allowed]
            permitted[rows[rows >= 0]] = True
        return list(self.index.section_dense.search(vector, top_k, permitted))


def _without_years(query: Query, text: str) -> str:
    """The question's words without the years it filters by: "2022年云南工人想入党有啥门路" searches the 2022
    documents for 入党, not for every sentence that says 2022年."""
    for year in query.constraints.all_years:
        text = re.sub(rf"{year}年?(度)?", " ", text)
    return text

