"""KnowledgeIndex: one build, loaded for serving. What retrieval, evidence and query reading read.

Nothing here holds the corpus: chunk texts and figure rows are read from the chunk store by id, vectors
are memory-mapped, keyword postings are memory-mapped in their final form. In memory are per-chunk arrays
of a few bytes each (live, section row), the vocabularies, the lexicon and the IVF codes (when the corpus is
large enough for an approximate dense index).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..embedding import Embedder
from ..errors import IndexMismatch, IndexMissing
from ..lexicon import Lexicon
from ..types import Chunk, DocumentInfo, Figure
from .chunk_store import ChunkStore
from .dense import FaissDenseIndex, VectorFile, serving_threads
from .keyword import KeywordIndex
from .manifest import FORMAT_VERSION, DocumentEntry, Manifest

CURRENT = "CURRENT"
REFERENCE_SAMPLE = 512


class ChunkTable:
    """The live chunks, by id (`table[id]`); `len` counts the live ones."""

    def __init__(self, store: ChunkStore, live: int) -> None:
        self.store, self.live = store, live

    def __len__(self) -> int:
        return self.live

    def __getitem__(self, chunk_id: int) -> Chunk:
        chunk = self.store.chunk(int(chunk_id))
        if chunk is None:
            raise IndexError(chunk_id)
        return chunk

    def many(self, ids) -> list[Chunk]:
        return self.store.chunks(ids)


class FigureTable:
    """The figure table, by id; iterating reads the live rows from the store (the export and 数据速查)."""

    CACHE_ROWS = 20_000

    def __init__(self, store: ChunkStore, entries: list[DocumentEntry], count: int) -> None:
        self.store, self.entries, self.count = store, entries, count
        self._cache: dict[int, Figure] = {}  # the hot figures (evidence reads each candidate several times)

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, figure_id: int) -> Figure:
        figure = self._cache.get(figure_id)
        if figure is None:
            found = self.store.figures([figure_id])
            if not found:
                raise IndexError(figure_id)
            if len(self._cache) >= self.CACHE_ROWS:
                self._cache.clear()
            figure = self._cache[figure_id] = found[0]
        return figure

    def __iter__(self) -> Iterator[Figure]:
        return (figure for _, figure in self.store.figures_in(e.figures for e in self.entries))

    def matching(self, words: tuple[str, ...]) -> Iterator[Figure]:
        """Figures whose label or sentence holds one of `words` (filtered in SQLite, not in Python)."""
        return (figure for _, figure in self.store.figures_in((e.figures for e in self.entries), words))

    def valued(self, value: str) -> list[tuple[int, Figure]]:
        """(chunk id, figure) of every live figure of this value ("617是啥的数": where the number is written)."""
        return list(self.store.figures_valued((e.figures for e in self.entries), value))


class SectionTable:
    """(document id, heading chain) of each section, by id."""

    def __init__(self, store: ChunkStore, count: int) -> None:
        self.store, self.count = store, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, section_id: int) -> tuple[str, str]:
        found = self.store.sections([section_id])
        if not found:
            raise IndexError(section_id)
        return found[0]


@dataclass(frozen=True)
class Subject:
    """The documents on the knowledge base's subject, when it also holds documents on other subjects (a site's
    other material), and their chunks; empty otherwise. Answers are chosen among them first (EvidenceSelector)."""

    docs: frozenset[str] = frozenset()
    mask: np.ndarray | None = None  # over chunk ids


@dataclass
class KnowledgeIndex:
    manifest: Manifest
    documents: dict[str, DocumentInfo]
    entries: dict[str, DocumentEntry]
    chunks: ChunkTable
    figures: FigureTable
    sections: SectionTable
    dense: FaissDenseIndex  # chunk vectors
    section_dense: FaissDenseIndex  # one vector per section: its heading and sentences together
    keyword: KeywordIndex  # over lexicon words
    bigram: KeywordIndex  # over character bigrams
    lexicon: Lexicon
    label_vectors: np.ndarray  # by figure id: the embedding of its label, for matching by meaning
    section_vectors: np.ndarray  # by section id
    chunk_section: np.ndarray  # by chunk id: its section id (-1: none)
    chunk_years: dict[str, np.ndarray]  # year → ids of live chunks whose text states it
    has_digit: np.ndarray  # by chunk id: whether its text holds a digit
    constraints: dict
    path: Path
    store: ChunkStore = field(repr=False, default=None)
    _year_ranges: dict | None = field(repr=False, default=None)
    _figure_ids: dict[int, tuple[int, ...]] = field(repr=False, default_factory=dict)  # by chunk id (figure_ids_of)

    @property
    def order(self) -> np.ndarray:
        """Each chunk id's place in reading order (documents by path, then position): ties are broken by it."""
        return self.dense.order

    @property
    def build_id(self) -> str:
        return self.manifest.build_id

    @property
    def live(self) -> np.ndarray:
        return self.dense.live

    # --- filters ---------------------------------------------------------------------------------------
    def mask(self, doc_ids: frozenset[str] | None, year: str = "") -> np.ndarray | None:
        """Chunks a question may draw on: those of the allowed documents, and, when a year is asked, of
        documents for that year or sentences that state it. None when nothing is filtered."""
        if doc_ids is None and not year:
            return None
        allowed = self._documents_mask(doc_ids) if doc_ids is not None else self.live.copy()
        if year:
            wanted = np.zeros(len(self.live), dtype=bool)
            for start, stop in self._ranges_by_year().get(year, ()):
                wanted[start:stop] = True
            stated = self.chunk_years.get(year)
            if stated is not None:
                wanted[stated] = True
            allowed &= wanted
        return allowed

    def _ranges_by_year(self) -> dict[str, list[tuple[int, int]]]:
        if self._year_ranges is None:
            ranges: dict[str, list[tuple[int, int]]] = {}
            for entry in self.entries.values():
                ranges.setdefault(entry.info.year, []).append(entry.chunks)
            self._year_ranges = ranges
        return self._year_ranges

    def _documents_mask(self, doc_ids: frozenset[str]) -> np.ndarray:
        allowed = np.zeros(len(self.live), dtype=bool)
        for doc_id in doc_ids:
            entry = self.entries.get(doc_id)
            if entry is not None:
                allowed[entry.chunks[0]:entry.chunks[1]] = True
        return allowed

    # --- lookups by document ---------------------------------------------------------------------------
    def chunk_at(self, doc_id: str, position: int) -> Chunk | None:
        entry = self.entries.get(doc_id)
        if entry is None or not 0 <= position < entry.chunks[1] - entry.chunks[0]:
            return None
        return self.chunks.store.chunk(entry.chunks[0] + position)

    def sentences_of(self, doc_id: str, section: str) -> list[Chunk]:
        entry = self.entries.get(doc_id)
        return self.chunks.store.sentences(*entry.chunks, section) if entry else []

    def sections_of(self, doc_id: str) -> list[tuple[int, str]]:
        """(section id, heading chain) of one document's sections."""
        entry = self.entries.get(doc_id)
        return self.chunks.store.sections_in(*entry.sections) if entry else []

    def figure_ids_of(self, chunk: Chunk) -> list[int]:
        if chunk.row < 0:
            return []
        found = self._figure_ids.get(chunk.row)  # (the hot chunks' figures: every figure question reads a dozen)
        if found is None:
            if len(self._figure_ids) >= FigureTable.CACHE_ROWS:
                self._figure_ids.clear()
            found = self._figure_ids[chunk.row] = tuple(self.chunks.store.figure_ids_of(chunk.row))
        return list(found)

    def chunk_texts(self) -> Iterator[str]:
        return self.chunks.store.texts(e.chunks for e in self.entries.values())

    def document_texts(self, doc_ids: set[str] | frozenset[str] | None = None) -> Iterator[str]:
        """Each document's chunk texts joined by newlines (what "mentioned anywhere" checks search); only those of
        `doc_ids` when given."""
        return self.chunks.store.joined_texts(e.chunks for d, e in self.entries.items() if doc_ids is None or d in doc_ids)

    def label_sample(self, doc_ids: frozenset[str] | None = None) -> np.ndarray:
        """Up to REFERENCE_SAMPLE label vectors, evenly spaced over the live figures (of `doc_ids` when given;
        deterministic)."""
        return _sample(self.label_vectors, [e.figures for d, e in self.entries.items() if doc_ids is None or d in doc_ids])

    def section_sample(self, doc_ids: frozenset[str] | None = None) -> np.ndarray:
        return _sample(self.section_vectors, [e.sections for d, e in self.entries.items() if doc_ids is None or d in doc_ids])

    def documents_using(self, terms: list[str], at_least: int = 2) -> set[str]:
        """The documents whose text uses at least `at_least` of `terms` (one may be a chance adjacency of two
        everyday words: 职工 + 董事会), found through the keyword postings: nothing is scanned."""
        entries = sorted(self.entries.values(), key=lambda e: e.chunks[0])
        starts = np.array([e.chunks[0] for e in entries], dtype=np.int64)
        stops = np.array([e.chunks[1] for e in entries], dtype=np.int64)
        uses: dict[str, int] = {}
        for term in set(terms):
            ids = self.keyword.chunk_ids(term)
            k = np.searchsorted(starts, ids, side="right") - 1
            inside = (k >= 0) & (ids < stops[np.maximum(k, 0)])
            for doc in {entries[int(i)].id for i in np.unique(k[inside])}:
                uses[doc] = uses.get(doc, 0) + 1
        return {doc for doc, n in uses.items() if n >= min(at_least, len(set(terms)))}

    def subject(self, terms: list[str]) -> Subject:
        """What the knowledge base is about (`terms`: the operators' _terms.txt), when it also holds documents on
        other subjects; an empty Subject when every document is on it, or no terms say what it is."""
        docs = frozenset(self.documents_using(terms)) if terms else frozenset()
        if not docs or len(docs) == len(self.entries):
            return Subject()
        return Subject(docs, self.mask(docs))

    # --- loading ----------------------------------------------------------------------------------------
    @classmethod
    def load(cls, index_dir: Path, embedder: Embedder, milvus_uri: str = "") -> KnowledgeIndex:
        """The current build. With `milvus_uri`, chunk search (dense and both keyword lists) runs in Milvus, which
        `assistant index` filled for this build; sections, figures and statistics stay local."""
        build = current_build(index_dir)
        if build is None:
            raise IndexMissing("知识库索引尚未建立", "请先运行 `assistant index`")
        manifest = Manifest.read(build)
        if manifest is None or manifest.format != FORMAT_VERSION:
            raise IndexMismatch("索引格式版本已过期", "请运行 `assistant index` 重新建立索引")
        if manifest.model != embedder.name or manifest.dim != embedder.dim:
            raise IndexMismatch(
                f"索引由嵌入模型 {manifest.model}（{manifest.dim} 维）建立，与当前模型 {embedder.name} 不一致",
                "请运行 `assistant index` 用当前模型重新建立索引，或改回原来的 ASSISTANT_EMBEDDING",
            )
        serving_threads()
        store_dir = Path(index_dir) / manifest.store
        entries = {e.id: e for e in manifest.documents}
        documents = {e.id: e.info for e in manifest.documents}
        store = ChunkStore(store_dir, documents)
        extras = json.loads((build / "lexicon.json").read_text(encoding="utf-8"))
        live = np.load(build / "live.npy")
        section_live = np.load(build / "section_live.npy")
        dim = manifest.dim
        chunk_matrix = VectorFile(store_dir / "chunks.f32", dim).open(manifest.next_chunk)
        section_matrix = VectorFile(store_dir / "sections.f32", dim).open(manifest.next_section)
        with np.load(build / "years.npz") as years:
            chunk_years = {y: years[y] for y in years.files}
        order = reading_order(manifest.documents, manifest.next_chunk, lambda e: e.chunks)
        section_order = reading_order(manifest.documents, manifest.next_section, lambda e: e.sections)
        keyword, bigram = KeywordIndex.load(build / "keyword"), KeywordIndex.load(build / "bigram")
        if milvus_uri:
            from . import milvus

            collection = milvus.MilvusCollection(milvus_uri, Path(index_dir), manifest, live, order)
            dense = milvus.MilvusDenseIndex(collection, chunk_matrix, manifest.dense)
            keyword = milvus.MilvusKeywordIndex(keyword, collection, "words")
            bigram = milvus.MilvusKeywordIndex(bigram, collection, "bigrams")
        else:
            dense = FaissDenseIndex.load(build, chunk_matrix, live, manifest.dense, order)
        return cls(
            manifest=manifest, documents=documents, entries=entries,
            chunks=ChunkTable(store, manifest.chunks),
            figures=FigureTable(store, list(entries.values()), manifest.figures),
            sections=SectionTable(store, int(np.count_nonzero(section_live))),
            dense=dense,
            section_dense=FaissDenseIndex.load(build / "sections", section_matrix, section_live, manifest.section_dense,
                                               section_order),
            keyword=keyword,
            bigram=bigram,
            lexicon=Lexicon.from_dict(extras["lexicon"]),
            label_vectors=VectorFile(store_dir / "labels.f32", dim).open(manifest.next_figure),
            section_vectors=section_matrix,
            chunk_section=np.load(build / "chunk_section.npy"),
            chunk_years=chunk_years,
            has_digit=np.load(build / "has_digit.npy"),
            constraints=extras["constraints"],
            path=build,
            store=store,
        )


def reading_order(entries: list[DocumentEntry], size: int, ids) -> np.ndarray:
    """Rank of every id in reading order (documents sorted by path, then in order); ids not in use rank last."""
    order = np.full(size, np.iinfo(np.int64).max, dtype=np.int64)
    at = 0
    for entry in sorted(entries, key=lambda e: Path(e.id).parts):
        start, stop = ids(entry)
        order[start:stop] = np.arange(at, at + stop - start)
        at += stop - start
    return order


def _sample(vectors: np.ndarray, ranges: list[tuple[int, int]]) -> np.ndarray:
    ids = np.concatenate([np.arange(a, b) for a, b in ranges]) if ranges else np.zeros(0, np.int64)
    if len(ids) > REFERENCE_SAMPLE:
        ids = ids[np.linspace(0, len(ids) - 1, REFERENCE_SAMPLE).astype(np.int64)]
    return np.asarray(vectors[ids], dtype=np.float32) if len(ids) else np.zeros((0, vectors.shape[1]), np.float32)


def current_build(index_dir: Path) -> Path | None:
    pointer = Path(index_dir) / CURRENT
    if not pointer.is_file():
        return None
    build = Path(index_dir) / "builds" / pointer.read_text(encoding="utf-8").strip()
    return build if (build / "manifest.json").is_file() else None


def current_build_id(index_dir: Path) -> str | None:
    build = current_build(index_dir)
    return build.name if build else None
