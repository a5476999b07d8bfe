"""BM25 over posting lists, by chunk id: one index over lexicon words, one over character bigrams.

The postings are kept in their final form, as numpy arrays in CSR layout (term → the chunk ids holding it
and how often), saved as `.npy` files and memory-mapped on load: nothing is rebuilt in Python when a
server starts, and no token lists are kept. Adding or removing chunks rewrites the arrays with vectorised
numpy steps (no per-chunk Python work beyond the new chunks' own tokens).

Scores are the same BM25 as before (k1 1.2, b 0.5, idf log(1 + (n − df + .5)/(df + .5)), n the live
chunks), computed at query time from term frequencies and chunk lengths, so that statistics stay right
after any number of additions and removals. Filters are applied to each term's postings before scoring;
the top is found by partial selection, not by sorting every score.

Why not `bm25s`: it precomputes each posting's score with the corpus statistics of one build and has no
add or delete, so every change would mean rebuilding it from every chunk's tokens, which is what this
index exists to avoid.
"""

from __future__ import annotations

import json
import os
import re
import weakref
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_NOT_LETTER = re.compile(r"[^\u4e00-\u9fff0-9a-z]")


def bigrams(text: str) -> list[str]:
    """Character bigrams of the Chinese letters and digits: robust to paraphrase and to segmentation errors."""
    letters = _NOT_LETTER.sub("", text.lower())
    return [letters[i : i + 2] for i in range(len(letters) - 1)]


def bm25_idf(live, df):
    """BM25's idf of a term in `df` of `live` chunks (numbers or arrays)."""
    return np.log1p((live - df + 0.5) / (df + 0.5))


class Idf(Mapping):
    """term → idf, read from the postings (what query reading and evidence use as "the vocabulary")."""

    def __init__(self, vocab: dict[str, int], values: np.ndarray) -> None:
        self._vocab = vocab
        self._values = values

    def __getitem__(self, term: str) -> float:
        return float(self._values[self._vocab[term]])

    def __contains__(self, term: object) -> bool:
        return term in self._vocab

    def get(self, term: str, default=None):
        tid = self._vocab.get(term)
        return default if tid is None else float(self._values[tid])

    def __iter__(self) -> Iterator[str]:
        return iter(self._vocab)

    def __len__(self) -> int:
        return len(self._vocab)

    def values(self):  # type: ignore[override]
        return self._values.tolist()


@dataclass(frozen=True)
class Scope:
    """A part of the index that BM25 is scored as if it were the whole (see KeywordIndex.scope)."""

    mask: np.ndarray  # chunk ids in the part
    live: int  # chunks in it
    norm: np.ndarray  # per chunk id: k1 · (1 − b + b · length / the part's average length)


class KeywordIndex:
    """BM25 over one tokenisation. `weights` let synonym expansions count for less than the user's words."""

    FILES = ("indptr.npy", "ids.npy", "tfs.npy", "lengths.npy")

    def __init__(self, vocab: dict[str, int], indptr: np.ndarray, ids: np.ndarray, tfs: np.ndarray,
                 lengths: np.ndarray, k1: float = 1.2, b: float = 0.5) -> None:
        self.vocab = vocab  # term → term id
        self.indptr = indptr  # (terms + 1,) int64: postings of term t are [indptr[t], indptr[t + 1])
        self.ids = ids  # chunk ids, int32
        self.tfs = tfs  # term frequency in the chunk, float32
        self.lengths = lengths  # tokens per chunk id (0: removed or empty), float32
        self.k1, self.b = k1, b
        self.size = len(lengths)  # the chunk-id space
        self.live = int(np.count_nonzero(lengths)) if len(lengths) else 0
        df = np.diff(indptr).astype(np.float64)
        n = self.live
        self.idf = Idf(vocab, bm25_idf(n, df).astype(np.float64))
        total = float(lengths.sum(dtype=np.float64))
        avg = total / n if n else 1.0
        self.norm = (k1 * (1 - b + b * lengths / max(avg, 1e-6))).astype(np.float32)

    # --- building ---------------------------------------------------------------------------------------
    @classmethod
    def empty(cls) -> KeywordIndex:
        return cls({}, np.zeros(1, np.int64), np.zeros(0, np.int32), np.zeros(0, np.float32), np.zeros(0, np.float32))

    def updated(self, size: int, remove: np.ndarray, add: Iterable[tuple[int, Sequence[str]]]) -> KeywordIndex:
        """A new index: the chunks `remove` taken out, the `add` chunks (id, tokens) put in, for a chunk-id
        space of `size`. An id may be in both (re-tokenised after the lexicon changed)."""
        vocab = dict(self.vocab)
        lengths = np.zeros(size, np.float32)
        lengths[: len(self.lengths)] = self.lengths
        dead = np.zeros(size, bool)
        dead[np.asarray(remove, dtype=np.int64)] = True
        lengths[dead] = 0
        # Typed arrays, not lists: a million chunks bring tens of millions of postings.
        new_terms, new_ids, new_tfs = array("q"), array("i"), array("f")
        for chunk_id, tokens in add:
            counts = Counter(tokens)
            lengths[chunk_id] = len(tokens)
            for term, tf in counts.items():
                tid = vocab.get(term)
                if tid is None:
                    tid = vocab[term] = len(vocab)
                new_terms.append(tid)
                new_ids.append(chunk_id)
                new_tfs.append(tf)
        # The old postings, without the removed chunks, by term id…
        old_terms = np.repeat(np.arange(len(self.indptr) - 1, dtype=np.int64), np.diff(self.indptr))
        keep = ~dead[self.ids] if len(self.ids) else np.zeros(0, bool)
        old_terms, old_ids, old_tfs = old_terms[keep], np.asarray(self.ids)[keep], np.asarray(self.tfs)[keep]
        # …then each new posting inserted at the end of its term's list (the lists stay grouped by term).
        add_terms = np.frombuffer(new_terms, np.int64) if len(new_terms) else np.zeros(0, np.int64)
        order = np.argsort(add_terms, kind="stable")
        add_terms = add_terms[order]
        counts_old = np.bincount(old_terms, minlength=len(vocab))
        ends = np.cumsum(counts_old)
        at = ends[add_terms] if len(add_terms) else np.zeros(0, np.int64)
        ids = np.insert(old_ids, at, np.frombuffer(new_ids, np.int32)[order] if len(new_ids) else np.zeros(0, np.int32))
        tfs = np.insert(old_tfs, at, np.frombuffer(new_tfs, np.float32)[order] if len(new_tfs) else np.zeros(0, np.float32))
        counts = counts_old + np.bincount(add_terms, minlength=len(vocab))
        indptr = np.zeros(len(vocab) + 1, np.int64)
        np.cumsum(counts, out=indptr[1:])
        return KeywordIndex(vocab, indptr, ids.astype(np.int32), tfs.astype(np.float32), lengths, self.k1, self.b)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        terms = sorted(self.vocab, key=self.vocab.__getitem__)
        (folder / "terms.json").write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
        for name, values in zip(self.FILES, (self.indptr, self.ids, self.tfs, self.lengths), strict=True):
            np.save(folder / name, np.ascontiguousarray(values))

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        terms = json.loads((folder / "terms.json").read_text(encoding="utf-8"))
        arrays = [np.load(folder / name, mmap_mode="r") for name in cls.FILES]
        # Term offsets and chunk lengths are read by every query: in memory (8 bytes a term, 4 a chunk). The
        # postings stay on disk and each query reads its terms' lists (see _postings).
        index = cls({t: n for n, t in enumerate(terms)}, np.array(arrays[0]), arrays[1], arrays[2], np.array(arrays[3]))
        index._files = {name: (os.open(folder / f"{name}.npy", os.O_RDONLY), getattr(arrays[n], "offset", 0))
                        for n, name in ((1, "ids"), (2, "tfs"))}
        for fd, _ in index._files.values():
            weakref.finalize(index, os.close, fd)
        return index

    def _postings(self, name: str, start: int, stop: int) -> np.ndarray:
        """One term's slice of a postings array, read with pread: a memory map would keep every list any query
        ever touched in the server's RSS (the bigram lists alone are ~360 MB at a million chunks)."""
        array = self.ids if name == "ids" else self.tfs
        files = getattr(self, "_files", None)
        if not files:
            return np.asarray(array[start:stop])
        fd, offset = files[name]
        size = array.dtype.itemsize
        return np.frombuffer(os.pread(fd, (stop - start) * size, offset + start * size), dtype=array.dtype)

    # --- searching ---------------------------------------------------------------------------------------
    def chunk_ids(self, term: str) -> np.ndarray:
        """The chunks whose text holds `term` (its postings)."""
        t = self.vocab.get(term)
        if t is None:
            return np.zeros(0, np.int64)
        return self._postings("ids", int(self.indptr[t]), int(self.indptr[t + 1])).astype(np.int64)

    def scope(self, mask: np.ndarray) -> Scope:
        """BM25 statistics (document frequencies, average length) as if the index held only the chunks of `mask`."""
        lengths = np.where(mask[: len(self.lengths)], self.lengths, 0.0)
        live = int(np.count_nonzero(lengths))
        avg = float(lengths.sum(dtype=np.float64)) / live if live else 1.0
        norm = (self.k1 * (1 - self.b + self.b * self.lengths / max(avg, 1e-6))).astype(np.float32)
        return Scope(mask, live, norm)

    def vocabulary_in(self, scope: Scope) -> dict[str, float]:
        """The terms the chunks of `scope` use, with their idf there (one postings read per term of the index)."""
        out = {}
        for term, tid in self.vocab.items():
            ids = self._postings("ids", int(self.indptr[tid]), int(self.indptr[tid + 1]))
            df = int(np.count_nonzero(scope.mask[ids]))
            if df:
                out[term] = float(bm25_idf(scope.live, df))
        return out

    def scores(self, weighted_terms: dict[str, float], allowed: np.ndarray | None = None,
               scope: Scope | None = None) -> np.ndarray:
        """BM25 of every chunk id (0 for chunks without a term, and for those `allowed` leaves out); with `scope`,
        scored with that part's statistics."""
        out = np.zeros(self.size, dtype=np.float32)
        live, norm = (scope.live, scope.norm) if scope is not None else (self.live, self.norm)
        for term, weight in weighted_terms.items():
            tid = self.vocab.get(term)
            if tid is None:
                continue
            start, stop = int(self.indptr[tid]), int(self.indptr[tid + 1])
            ids = self._postings("ids", start, stop)
            tf = self._postings("tfs", start, stop)
            df = stop - start if scope is None else int(np.count_nonzero(scope.mask[ids]))
            if allowed is not None:
                inside = allowed[ids]
                ids, tf = ids[inside], tf[inside]
            idf = float(bm25_idf(live, df))
            out[ids] += weight * idf * tf * (self.k1 + 1) / (tf + norm[ids])
        return out


def ranked(scores: np.ndarray, depth: int, order: np.ndarray | None = None) -> list[int]:
    """Ids of the positive scores, best first, at most `depth` (partial selection, then a sort of the few
    kept). Ties go in reading `order` (documents by path, chunks by position; by id when not given), so an
    incrementally built index ranks exactly as a full build of the same folder."""
    positive = np.flatnonzero(scores > 0)
    if not len(positive):
        return []
    values = scores[positive]
    if len(positive) > depth:
        keep = np.argpartition(-values, depth - 1)[:depth]
        positive, values = positive[keep], values[keep]
    tie = positive if order is None else order[positive]
    return [int(i) for i in positive[np.lexsort((tie, -values))]]
