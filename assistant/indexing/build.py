"""The build, as one pipeline: load → chunk → lexicon → embed → figures → write.

Incremental: files are fingerprinted (size and mtime, then a hash when those moved), and only added or
changed documents are read, chunked, tokenised and embedded. A removed or changed document's old chunks are
taken out of the live set by their id range; nothing scans documents × chunks. When the lexicon changes
(an operator edits `_terms.txt`, or a document brings a new quoted term), only the chunks whose text holds a
changed word are re-tokenised; they are found through the bigram postings. A build with nothing changed
reads no document and writes nothing.

On disk (see index/README.md): an append-only store shared by builds (SQLite rows and float32 vector files),
and one folder per build with the manifest, live masks, postings and the dense index. A build is written to
`builds/.tmp-<id>/`, renamed into place, and only then does `CURRENT` switch to it (atomic `os.replace`).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..chunking import chunk_document
from ..embedding import Embedder, EmbeddingCache
from ..figures import YEAR, extract_figures
from ..lexicon import (
    COLLOQUIAL_FILE,
    ENGLISH_FILE,
    SYNONYMS_FILE,
    TERMS_FILE,
    Lexicon,
    document_terms,
    read_colloquial,
    read_english,
    read_lines,
)
from ..loading import META_SUFFIX, SUPPORTED, UnreadableFile, is_data_file, load_file
from ..types import Chunk, Document
from .chunk_store import ChunkStoreWriter
from .dense import DenseStats, FaissDenseIndex, VectorFile
from .keyword import KeywordIndex, bigrams
from .knowledge import CURRENT, current_build
from .manifest import FORMAT_VERSION, DocumentEntry, FileState, Manifest

KEEP_BUILDS = 2
_DIGIT = re.compile(r"\d")
SECTION_CHARS = 400  # a section passage is its heading and as much of its text as E5 reads well
EMBED_BATCH = 256
RECALL_QUERIES = 200


@dataclass
class BuildReport:
    documents: int = 0
    chunks: int = 0
    embedded: int = 0  # texts whose vectors were computed (not from cache)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    build_id: str = ""
    unchanged: bool = False
    seconds: float = 0.0
    added: int = 0  # documents new or changed in this build
    removed: int = 0  # documents gone (or replaced by their new version)
    retokenised: int = 0  # kept chunks re-tokenised because the lexicon changed
    dense: str = "exact"
    milvus: dict = field(default_factory=dict)  # what milvus.sync wrote (with ASSISTANT_MILVUS_URI)


class Progress:
    """Documents, chunks, embeddings per second and time left, on one terminal line; silent when not a TTY (CI)."""

    def __init__(self, stream=None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._shown = 0.0
        self._started = time.perf_counter()

    def stage(self, what: str, done: int, total: int, unit: str = "") -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if done < total and now - self._shown < 0.5:
            return
        self._shown = now
        rate = done / max(now - self._started, 1e-6)
        left = (total - done) / rate if rate > 0 and done else 0.0
        line = f"\r[索引] {what} {done}/{total}{unit} · {rate:.1f}/s · 剩余 {int(left // 60)}:{int(left % 60):02d}"
        self.stream.write(line.ljust(70) + ("\n" if done >= total else ""))
        self.stream.flush()

    def restart(self) -> None:
        self._started = time.perf_counter()


# --- the pipeline -------------------------------------------------------------------------------------------
def build_index(knowledge_dir: Path, index_dir: Path, embedder: Embedder, constraints: dict, *, full: bool = False,
                progress: Progress | None = None, milvus_uri: str = "") -> BuildReport:
    """Bring the index up to date with the knowledge folder, touching only what changed; swap the new build in.
    With `milvus_uri`, the Milvus collection is brought to the new build before the swap (milvus.sync)."""
    started = time.perf_counter()
    knowledge_dir, index_dir = Path(knowledge_dir), Path(index_dir)
    progress = progress or Progress()
    index_dir.mkdir(parents=True, exist_ok=True)
    with _build_lock(index_dir):
        previous_dir = current_build(index_dir)
        previous = Manifest.read(previous_dir) if previous_dir is not None else None
        if previous is not None and (full or previous.model != embedder.name or previous.dim != embedder.dim):
            previous = None  # another model or a forced rebuild: a new store, everything read again
        inputs = _inputs_hash(knowledge_dir, constraints, embedder)
        plan = _plan(knowledge_dir, previous)
        report = BuildReport(skipped=[(s["path"], s["reason"]) for s in plan.skipped])
        if previous is not None and not plan.read and not plan.removed and inputs == previous.inputs:
            report.unchanged, report.build_id = True, previous.build_id
            report.documents, report.chunks = len(previous.documents), previous.chunks
            report.dense = previous.dense.kind
            if milvus_uri:  # nothing changed here, but Milvus may be new, or may have missed this build
                report.milvus = _sync_milvus(milvus_uri, index_dir, previous_dir, previous, only_if_behind=True)
            report.seconds = time.perf_counter() - started
            return report

        # load → chunk
        loaded = _load(knowledge_dir, plan, report)
        chunked = {doc.path: chunk_document(doc) for doc in loaded}
        # lexicon
        terms = {doc.path: document_terms(doc) for doc in loaded}
        kept = [e for e in (previous.documents if previous else []) if e.id not in plan.removed]
        lexicon = _lexicon(knowledge_dir, kept, terms, [doc.path for doc in loaded], constraints)
        previous_lexicon = _previous_lexicon(previous_dir) if previous is not None else None
        report.build_id = time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
        store_name = previous.store if previous is not None else f"store-{report.build_id}"
        build = _Build(index_dir, index_dir / store_name, embedder, previous, previous_dir, progress)
        try:
            build.allocate(loaded, chunked, terms, kept, plan.states)
            # embed, figures
            build.embed_and_extract(loaded, chunked)
            # write
            build.index_keywords(lexicon, previous_lexicon, kept)
            build.index_vectors()
            manifest = build.manifest(report.build_id, store_name, inputs, plan.skipped)
            before_swap = None
            if milvus_uri:
                def before_swap(folder: Path) -> None:
                    report.milvus = _sync_milvus(milvus_uri, index_dir, folder, manifest)
            _write_build(index_dir, manifest, build, lexicon, constraints, before_swap)
            if milvus_uri:
                from . import milvus

                milvus.retire(milvus_uri, report.milvus.pop("previous", None), report.milvus["collection"])
        finally:
            build.close()
        report.documents, report.chunks, report.embedded = len(manifest.documents), manifest.chunks, build.embedded
        report.added, report.removed = len(loaded), len(plan.removed)
        report.retokenised, report.dense = build.retokenised, manifest.dense.kind
        report.seconds = time.perf_counter() - started
        return report


# --- which files changed -------------------------------------------------------------------------------------
@dataclass
class _Plan:
    read: list[tuple[str, Path, FileState]] = field(default_factory=list)  # documents to (re)read
    removed: set[str] = field(default_factory=set)  # documents whose old version leaves the live set
    skipped: list[dict] = field(default_factory=list)
    states: dict[str, FileState] = field(default_factory=dict)  # fingerprints of the documents read


def _plan(knowledge_dir: Path, previous: Manifest | None) -> _Plan:
    """Compare the folder with the previous build by file fingerprint (stat first, a hash only when it moved)."""
    known = {e.id: e for e in previous.documents} if previous else {}
    skipped_before = {s["path"]: s for s in previous.skipped} if previous else {}
    plan = _Plan()
    seen = set()
    for rel, path in _document_files(knowledge_dir):
        seen.add(rel)
        if path.suffix.lower() not in SUPPORTED:
            plan.skipped.append({"path": rel, "reason": f"不支持的文件类型 {path.suffix or '（无扩展名）'}", "size": 0, "mtime_ns": 0})
            continue
        stat = _stat(path)
        entry = known.get(rel)
        before = entry.file if entry else skipped_before.get(rel)
        if before is not None:
            size, mtime = (before.size, before.mtime_ns) if entry else (before["size"], before["mtime_ns"])
            if (size, mtime) == stat:
                if not entry:
                    plan.skipped.append(before)
                continue
            state = FileState(stat[0], stat[1], _hash(path))
            if entry and entry.file.sha1 == state.sha1:
                continue
        else:
            state = FileState(stat[0], stat[1], _hash(path))
        plan.read.append((rel, path, state))
        if entry:
            plan.removed.add(rel)
    plan.removed |= set(known) - seen
    return plan


def _document_files(root: Path) -> Iterator[tuple[str, Path]]:
    """Document files below root in a stable order (the order documents are read in, as `load_folder` has it)."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(("_", "."))]
        for name in files:
            path = Path(folder) / name
            if is_data_file(path, root) or name.lower() == "readme.md":
                continue
            found.append(path)
    for path in sorted(found):
        yield path.relative_to(root).as_posix(), path


def _sidecar(path: Path) -> Path | None:
    for candidate in (path.with_name(path.name + META_SUFFIX), path.with_suffix(META_SUFFIX)):
        if candidate.is_file():
            return candidate
    return None


def _stat(path: Path) -> tuple[int, int]:
    """A document's size and mtime, its sidecar's included (a changed record is a changed document)."""
    stat = path.stat()
    size, mtime = stat.st_size, stat.st_mtime_ns
    sidecar = _sidecar(path)
    if sidecar is not None:
        extra = sidecar.stat()
        size, mtime = size + extra.st_size, max(mtime, extra.st_mtime_ns)
    return size, mtime


def _hash(path: Path) -> str:
    digest = hashlib.sha1(path.read_bytes())
    sidecar = _sidecar(path)
    if sidecar is not None:
        digest.update(b"\x00" + sidecar.read_bytes())
    return digest.hexdigest()


def _inputs_hash(knowledge_dir: Path, constraints: dict, embedder: Embedder) -> str:
    """What every document's reading depends on besides its own file."""
    digest = hashlib.sha1(f"{FORMAT_VERSION}\x00{embedder.name}\x00{embedder.dim}".encode())
    for name in (TERMS_FILE, SYNONYMS_FILE, ENGLISH_FILE, COLLOQUIAL_FILE):
        path = knowledge_dir / name
        digest.update(path.read_bytes() if path.is_file() else b"")
    digest.update(json.dumps(constraints, ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


def _load(knowledge_dir: Path, plan: _Plan, report: BuildReport) -> list[Document]:
    loaded = []
    for rel, path, state in plan.read:
        try:
            doc = load_file(path, rel)
        except UnreadableFile as exc:
            plan.skipped.append({"path": rel, "reason": str(exc), "size": state.size, "mtime_ns": state.mtime_ns})
            report.skipped.append((rel, str(exc)))
            continue
        loaded.append(doc)
        plan.states[doc.path] = state
    return loaded


def _lexicon(knowledge_dir: Path, kept: list[DocumentEntry], terms: dict[str, tuple[list[str], list[list[str]]]],
             order: list[str], constraints: dict | None = None) -> Lexicon:
    """The operators' words and groups, then every document's own, in document order (as a full read gives).
    The ways of writing one level (省级, 全省, 省里: `[levels]` of _constraints.toml) are a group too."""
    words = set(read_lines(knowledge_dir / TERMS_FILE))
    groups = [line.split() for line in read_lines(knowledge_dir / SYNONYMS_FILE)]
    groups += [list(names) for names in (constraints or {}).get("levels", {}).values() if len(names) >= 2]
    by_doc = {e.id: (e.words, e.groups) for e in kept} | terms
    for doc_id in sorted(by_doc, key=lambda d: Path(d).parts):
        doc_words, doc_groups = by_doc[doc_id]
        words.update(doc_words)
        groups.extend(doc_groups)
    return Lexicon(words, groups, read_english(knowledge_dir / ENGLISH_FILE), read_colloquial(knowledge_dir / COLLOQUIAL_FILE))


def _previous_lexicon(build: Path) -> Lexicon | None:
    try:
        return Lexicon.from_dict(json.loads((build / "lexicon.json").read_text(encoding="utf-8"))["lexicon"])
    except (OSError, KeyError, ValueError):
        return None


# --- one build's work -----------------------------------------------------------------------------------------
class _Build:
    """The state of one build between the pipeline's steps: allocated ids, new rows, new vectors."""

    def __init__(self, index_dir: Path, store_dir: Path, embedder: Embedder, previous: Manifest | None,
                 previous_dir: Path | None, progress: Progress) -> None:
        self.index_dir, self.store_dir, self.embedder = index_dir, store_dir, embedder
        self.previous, self.previous_dir, self.progress = previous, previous_dir, progress
        self.writer = ChunkStoreWriter(store_dir)
        dim = embedder.dim
        self.files = {k: VectorFile(store_dir / f"{k}.f32", dim) for k in ("chunks", "labels", "sections")}
        p = previous
        self.start = {"chunks": p.next_chunk if p else 0, "labels": p.next_figure if p else 0,
                      "sections": p.next_section if p else 0}
        # Whatever a crashed build appended past the last complete build's ids goes first.
        self.writer.drop_after(self.start["chunks"], self.start["labels"], self.start["sections"])
        for kind, file in self.files.items():
            file.truncate(self.start[kind])
        self.next = dict(self.start)
        self.entries: list[DocumentEntry] = []
        self.new_chunks: list[tuple[int, Chunk]] = []
        self.removed_ids = np.zeros(0, np.int64)
        self.removed_sections = np.zeros(0, np.int64)
        self.embedded = 0
        self.retokenised = 0
        self.cache = None if embedder.cheap else EmbeddingCache(index_dir / "cache", embedder.name)

    def allocate(self, loaded: list[Document], chunked: dict[str, list[Chunk]],
                 terms: dict[str, tuple[list[str], list[list[str]]]], kept: list[DocumentEntry],
                 states: dict[str, FileState]) -> None:
        """Ids for the new documents' chunks and sections (contiguous per document); the old ranges of removed ones."""
        kept_ids = {e.id for e in kept}
        gone = [e for e in (self.previous.documents if self.previous else []) if e.id not in kept_ids]
        self.removed_ids = _ranges([e.chunks for e in gone])
        self.removed_sections = _ranges([e.sections for e in gone])
        self.entries = list(kept)
        self.sections: list[tuple[str, str]] = []
        self.section_texts: list[str] = []
        self.chunk_section: dict[int, int] = {}
        for doc in loaded:
            chunks = chunked[doc.path]
            start = self.next["chunks"]
            keys, texts = section_passages(chunks)
            section_start = self.next["sections"]
            row_of = {key: section_start + n for n, key in enumerate(keys)}
            for n, chunk in enumerate(chunks):
                self.new_chunks.append((start + n, chunk))
                self.chunk_section[start + n] = row_of.get((doc.path, chunk.section), -1)
            self.sections += keys
            self.section_texts += texts
            self.next["chunks"] += len(chunks)
            self.next["sections"] += len(keys)
            words, groups = terms[doc.path]
            self.entries.append(DocumentEntry(doc.info, states[doc.path], (start, self.next["chunks"]), (0, 0),
                                              (section_start, self.next["sections"]), words, groups))
        self.entries.sort(key=lambda e: Path(e.id).parts)
        self.writer.add_chunks(self.start["chunks"], [c for _, c in self.new_chunks])
        self.writer.add_sections(self.start["sections"], self.sections)

    def embed_and_extract(self, loaded: list[Document], chunked: dict[str, list[Chunk]]) -> None:
        """Vectors of the new chunks and sections; the new documents' figures and their labels' vectors."""
        texts = [c.embedding_text() for _, c in self.new_chunks]
        self.files["chunks"].append(self._embed(texts, "片段"))
        self.files["sections"].append(self._embed(self.section_texts, "章节"))
        figures = []
        by_doc = {e.id: e for e in self.entries}
        first_id = {doc.path: start for start, doc in zip(self._doc_starts(loaded, chunked), loaded, strict=True)}
        for doc in loaded:
            start = self.next["labels"] + len(figures)
            found = extract_figures(doc, chunked[doc.path])
            ids_by_key = {c.id: first_id[doc.path] + n for n, c in enumerate(chunked[doc.path])}
            figures += [(ids_by_key[f.chunk_id], f) for f in found]
            by_doc[doc.path].figures = (start, start + len(found))
        self.writer.add_figures(self.start["labels"], figures)
        self.files["labels"].append(self._embed([f.label for _, f in figures], "指标", as_question=True))
        self.next["labels"] += len(figures)

    def _doc_starts(self, loaded: list[Document], chunked: dict[str, list[Chunk]]) -> list[int]:
        starts, at = [], self.start["chunks"]
        for doc in loaded:
            starts.append(at)
            at += len(chunked[doc.path])
        return starts

    def _embed(self, texts: list[str], what: str, as_question: bool = False) -> np.ndarray:
        """Vectors in batches, cached by text unless the embedder is cheaper than the cache; progress shown."""
        out = np.zeros((len(texts), self.embedder.dim), np.float32)
        self.progress.restart()
        for start in range(0, len(texts), EMBED_BATCH):
            part = texts[start:start + EMBED_BATCH]
            if self.cache is not None:
                vectors, fresh = self.cache.embed(self.embedder, part, as_question=as_question)
            else:
                embed = self.embedder.embed_questions if as_question else self.embedder.embed_passages
                vectors, fresh = embed(part), len(part)
            out[start:start + len(part)] = vectors
            self.embedded += fresh
            self.progress.stage(f"嵌入{what}", start + len(part), len(texts))
        return out

    def index_keywords(self, lexicon: Lexicon, previous_lexicon: Lexicon | None, kept: list[DocumentEntry]) -> None:
        """Postings updated: removed chunks out, new chunks in; kept chunks holding a changed word re-tokenised."""
        size = self.next["chunks"]
        old_keyword = KeywordIndex.load(self.previous_dir / "keyword") if self.previous else KeywordIndex.empty()
        old_bigram = KeywordIndex.load(self.previous_dir / "bigram") if self.previous else KeywordIndex.empty()
        retokenise = self._touched_by(lexicon, previous_lexicon, old_bigram, kept)
        self.retokenised = len(retokenise)
        rows = self.writer.texts(retokenise)
        again = [(i, _embedding_text(*rows[i])) for i in retokenise if i in rows]
        total = len(self.new_chunks)
        self.progress.restart()

        def tokens() -> Iterator[tuple[int, tuple[str, ...]]]:
            for done, (chunk_id, chunk) in enumerate(self.new_chunks, 1):
                yield chunk_id, lexicon.tokens(chunk.embedding_text())
                self.progress.stage("分词", done, total)
            for chunk_id, text in again:
                yield chunk_id, lexicon.tokens(text)

        remove = np.concatenate([self.removed_ids, np.asarray(retokenise, np.int64)])
        self.keyword = old_keyword.updated(size, remove, tokens())
        self.bigram = old_bigram.updated(size, self.removed_ids,
                                         ((i, bigrams(c.embedding_text())) for i, c in self.new_chunks))
        lexicon.clear_cache()  # build-time token memo: not needed by whoever serves this build

    def _touched_by(self, lexicon: Lexicon, previous: Lexicon | None, bigram: KeywordIndex,
                    kept: list[DocumentEntry]) -> list[int]:
        """Kept chunks whose text holds a word the lexicon gained or lost (their segmentation may change)."""
        if previous is None or not kept:
            return []
        changed = set(lexicon.words) ^ set(previous.words)
        if not changed:
            return []
        live = np.zeros(self.next["chunks"], bool)
        for e in kept:
            live[e.chunks[0]:e.chunks[1]] = True
        candidates: set[int] = set()
        for word in changed:
            found = None
            for gram in set(bigrams(word)):
                tid = bigram.vocab.get(gram)
                ids = np.asarray(bigram.ids[bigram.indptr[tid]:bigram.indptr[tid + 1]]) if tid is not None else np.zeros(0, np.int32)
                found = ids if found is None else np.intersect1d(found, ids)
                if not len(found):
                    break
            if found is not None and len(found):
                candidates.update(int(i) for i in found[live[found]])
        rows = self.writer.texts(sorted(candidates))
        return sorted(i for i, row in rows.items() if any(w in _embedding_text(*row) for w in changed))

    def index_vectors(self) -> None:
        """Live masks, per-chunk arrays and the dense indexes of chunks and sections."""
        p = self.previous
        size, sections = self.next["chunks"], self.next["sections"]
        self.live = _extend(np.load(self.previous_dir / "live.npy") if p else np.zeros(0, bool), size)
        self.live[self.removed_ids] = False
        self.live[[i for i, _ in self.new_chunks]] = True
        self.section_live = _extend(np.load(self.previous_dir / "section_live.npy") if p else np.zeros(0, bool), sections)
        self.section_live[self.removed_sections] = False
        self.section_live[self.start["sections"]:sections] = True
        chunk_section = _extend(np.load(self.previous_dir / "chunk_section.npy") if p else np.zeros(0, np.int32), size, -1)
        for chunk_id, row in self.chunk_section.items():
            chunk_section[chunk_id] = row
        self.chunk_section_array = chunk_section
        # Whether each chunk's text holds a digit: retrieval weighs "how many" hits by it without reading texts.
        self.has_digit = _extend(np.load(self.previous_dir / "has_digit.npy") if p else np.zeros(0, bool), size)
        for chunk_id, chunk in self.new_chunks:
            self.has_digit[chunk_id] = _DIGIT.search(chunk.text) is not None
        self.years = self._years()
        dim = self.embedder.dim
        matrix = self.files["chunks"].open(size)
        labels = self.files["labels"].open(self.next["labels"])
        queries = _recall_queries(labels, matrix, self.live)
        added = np.asarray([i for i, _ in self.new_chunks], np.int64)
        self.dense = FaissDenseIndex.updated(self.previous_dir, p.dense if p else None, matrix, self.live,
                                             self.removed_ids, added, queries)
        section_matrix = self.files["sections"].open(sections)
        self.section_dense = FaissDenseIndex.updated(
            self.previous_dir / "sections" if p else None, p.section_dense if p else None, section_matrix,
            self.section_live, self.removed_sections, np.arange(self.start["sections"], sections, dtype=np.int64),
            _recall_queries(np.zeros((0, dim), np.float32), section_matrix, self.section_live))

    def _years(self) -> dict[str, np.ndarray]:
        years: dict[str, list[np.ndarray]] = {}
        if self.previous:
            with np.load(self.previous_dir / "years.npz") as old:
                for year in old.files:
                    ids = old[year]
                    years.setdefault(year, []).append(ids[self.live[ids]])
        fresh: dict[str, list[int]] = {}
        for chunk_id, chunk in self.new_chunks:
            for year in set(YEAR.findall(chunk.text)):
                fresh.setdefault(year, []).append(chunk_id)
        for year, ids in fresh.items():
            years.setdefault(year, []).append(np.asarray(ids, np.int64))
        return {y: np.concatenate(parts).astype(np.int64) for y, parts in years.items()}

    def manifest(self, build_id: str, store: str, inputs: str, skipped: list[dict]) -> Manifest:
        self.writer.commit()  # the rows first: a manifest never names rows that are not there
        return Manifest(
            format=FORMAT_VERSION, build_id=build_id, model=self.embedder.name, dim=self.embedder.dim,
            built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"), store=store, documents=self.entries, skipped=skipped,
            inputs=inputs, next_chunk=self.next["chunks"], next_figure=self.next["labels"],
            next_section=self.next["sections"], chunks=int(np.count_nonzero(self.live)),
            figures=sum(e.figures[1] - e.figures[0] for e in self.entries),
            dense=self.dense.stats, section_dense=self.section_dense.stats,
        )

    def close(self) -> None:
        self.writer.close()
        if self.cache is not None:
            self.cache.close()


def section_passages(chunks: list[Chunk]) -> tuple[list[tuple[str, str]], list[str]]:
    """Every section that holds sentences, as (document id, heading chain) and as one passage of text."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for chunk in chunks:
        if chunk.kind == "sentence" and chunk.section:
            grouped.setdefault((chunk.doc.id, chunk.section), []).append(chunk.text)
    keys = list(grouped)
    texts = [f"{key[1].rsplit(' › ', 1)[-1]}：{''.join(grouped[key])}"[:SECTION_CHARS] for key in keys]
    return keys, texts


def _embedding_text(text: str, section: str, kind: str) -> str:
    return Chunk(id="", doc=None, section=section, text=text, kind=kind).embedding_text()  # type: ignore[arg-type]


def _ranges(ranges: list[tuple[int, int]]) -> np.ndarray:
    parts = [np.arange(a, b, dtype=np.int64) for a, b in ranges if b > a]
    return np.concatenate(parts) if parts else np.zeros(0, np.int64)


def _extend(array: np.ndarray, size: int, fill=0) -> np.ndarray:
    out = np.full(size, fill, dtype=array.dtype)
    out[: len(array)] = array[:size]
    return out


def _recall_queries(labels: np.ndarray, matrix: np.ndarray, live: np.ndarray) -> np.ndarray:
    """Queries for the recall check: figure labels (embedded as questions are), else a sample of live vectors."""
    rng = np.random.default_rng(1)
    source, ids = (labels, np.arange(len(labels))) if len(labels) >= 50 else (matrix, np.flatnonzero(live))
    if not len(ids):
        return np.zeros((0, matrix.shape[1]), np.float32)
    chosen = np.sort(rng.choice(ids, size=min(RECALL_QUERIES, len(ids)), replace=False))
    return np.ascontiguousarray(source[chosen], dtype=np.float32)


# --- writing and swapping ----------------------------------------------------------------------------------------
def _sync_milvus(uri: str, index_dir: Path, build_dir: Path, manifest: Manifest, only_if_behind: bool = False) -> dict:
    from . import milvus

    state = milvus.SyncState.read(index_dir)
    if only_if_behind and state is not None and state.uri == uri and state.build == manifest.build_id \
            and state.collection == milvus.collection_name(manifest.store):
        return {"upserted": 0, "deleted": 0, "rewritten": False, "collection": state.collection}
    vectors = VectorFile(index_dir / manifest.store / "chunks.f32", manifest.dim).open(manifest.next_chunk)
    return milvus.sync(uri, index_dir, build_dir, manifest, vectors)


def _write_build(index_dir: Path, manifest: Manifest, build: _Build, lexicon: Lexicon, constraints: dict,
                 before_swap=None) -> None:
    builds = index_dir / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    tmp = builds / f".tmp-{manifest.build_id}"
    tmp.mkdir()
    try:
        np.save(tmp / "live.npy", build.live)
        np.save(tmp / "section_live.npy", build.section_live)
        np.save(tmp / "chunk_section.npy", build.chunk_section_array.astype(np.int32))
        np.save(tmp / "has_digit.npy", build.has_digit)
        np.savez(tmp / "years.npz", **build.years)
        build.keyword.save(tmp / "keyword")
        build.bigram.save(tmp / "bigram")
        build.dense.save(tmp)
        (tmp / "sections").mkdir()
        build.section_dense.save(tmp / "sections")
        _write(tmp / "lexicon.json", json.dumps({"lexicon": lexicon.to_dict(), "constraints": constraints}, ensure_ascii=False))
        _fsync_tree(tmp)
        _write(tmp / "manifest.json", manifest.to_json())  # last: marks it complete
        if before_swap is not None:
            before_swap(tmp)  # e.g. Milvus brought to this build, while the previous one still serves
        os.replace(tmp, builds / manifest.build_id)
        pointer = index_dir / f".{CURRENT}.{manifest.build_id}"
        _write(pointer, manifest.build_id)
        os.replace(pointer, index_dir / CURRENT)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _prune(index_dir, keep=manifest.build_id)


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())


def _prune(index_dir: Path, keep: str) -> None:
    """Keep the live build and the one before it (a server may still be reading it); drop the rest, and the
    stores no kept build reads."""
    builds = index_dir / "builds"
    done = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)
    for old in [p for p in done if p.name != keep][: -(KEEP_BUILDS - 1) or None]:
        shutil.rmtree(old, ignore_errors=True)
    for stale in builds.glob(".tmp-*"):  # left behind by a crashed build
        if time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)
    used = set()
    for build in builds.iterdir():
        try:
            used.add(json.loads((build / "manifest.json").read_text(encoding="utf-8")).get("store"))
        except (OSError, ValueError):
            continue
    for store in index_dir.glob("store-*"):
        if store.name not in used:
            shutil.rmtree(store, ignore_errors=True)


@contextmanager
def _build_lock(index_dir: Path):
    """One build at a time per index folder (an operator's reindex and `assistant index` may overlap)."""
    with open(index_dir / ".build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


__all__ = ["BuildReport", "Progress", "build_index", "section_passages", "DenseStats"]
