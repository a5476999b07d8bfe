"""The index: FAISS vectors + a BM25 keyword index + the figure table, built, saved and loaded.

On disk, `index/` holds `builds/<build id>/` folders and a `CURRENT` file naming the live one.
A build is written into a temporary folder, renamed into place, and only then does `CURRENT`
switch to it (`os.replace`, atomic on POSIX). A crash mid-build leaves the previous build serving.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

import faiss
import numpy as np

from .chunking import chunk_document
from .embedding import Embedder, EmbeddingCache
from .errors import IndexMismatch, IndexMissing
from .figures import YEAR, extract_figures
from .lexicon import Lexicon
from .loading import load_folder
from .types import Chunk, DocumentInfo, Figure

FORMAT_VERSION = 8
_NOT_LETTER = re.compile(r"[^\u4e00-\u9fff0-9a-z]")
CURRENT = "CURRENT"
KEEP_BUILDS = 2


class KeywordIndex:
    """BM25 over lexicon tokens; weights let synonym expansions count for less than the user's words."""

    def __init__(self, docs_tokens: list[list[str]], k1: float = 1.2, b: float = 0.5) -> None:
        self.docs_tokens = docs_tokens
        self.k1, self.b = k1, b
        n = len(docs_tokens)
        lengths = np.array([len(t) for t in docs_tokens], dtype=np.float32)
        avg = float(lengths.mean()) if n else 1.0
        self.norm = k1 * (1 - b + b * lengths / max(avg, 1e-6))
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for doc_id, tokens in enumerate(docs_tokens):
            for term, tf in Counter(tokens).items():
                postings[term].append((doc_id, tf))
        self.postings = {
            t: (np.array([d for d, _ in p], dtype=np.int64), np.array([f for _, f in p], dtype=np.float32))
            for t, p in postings.items()
        }
        self.idf = {t: math.log(1 + (n - len(p[0]) + 0.5) / (len(p[0]) + 0.5)) for t, p in self.postings.items()}
        self.size = n

    def scores(self, weighted_terms: dict[str, float]) -> np.ndarray:
        out = np.zeros(self.size, dtype=np.float32)
        for term, weight in weighted_terms.items():
            if term not in self.postings:
                continue
            ids, tf = self.postings[term]
            out[ids] += weight * self.idf[term] * tf * (self.k1 + 1) / (tf + self.norm[ids])
        return out


@dataclass
class BuildReport:
    documents: int = 0
    chunks: int = 0
    embedded: int = 0  # chunks whose vectors were computed (not from cache)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    build_id: str = ""
    unchanged: bool = False
    seconds: float = 0.0


@dataclass
class KnowledgeIndex:
    """Everything retrieval and answering need, loaded into memory."""

    manifest: dict
    documents: dict[str, DocumentInfo]
    chunks: list[Chunk]
    vectors: faiss.Index
    keyword: KeywordIndex  # over lexicon words
    bigram: KeywordIndex  # over character bigrams
    lexicon: Lexicon
    figures: list[Figure]
    label_vectors: np.ndarray  # one row per figure: the embedding of its label, for matching by meaning
    sections: list[tuple[str, str]]  # (document id, heading chain) of every section that holds sentences
    section_vectors: np.ndarray  # one row per section: its heading and sentences together, for "what is this about"
    constraints: dict
    path: Path
    chunk_doc: np.ndarray = field(init=False)  # per chunk: the position of its document in `documents`
    chunk_years: dict[str, np.ndarray] = field(init=False)  # year → ids of chunks whose text states it
    chunk_section: np.ndarray = field(init=False)  # per chunk: its row in `sections` (-1: none)

    def __post_init__(self) -> None:
        section_row = {key: n for n, key in enumerate(self.sections)}
        self.chunk_section = np.array([section_row.get((c.doc.id, c.section), -1) for c in self.chunks], dtype=np.int64)
        order = {doc_id: n for n, doc_id in enumerate(self.documents)}
        self.chunk_doc = np.array([order[c.doc.id] for c in self.chunks], dtype=np.int32)
        years: dict[str, list[int]] = defaultdict(list)
        for n, chunk in enumerate(self.chunks):
            for year in set(YEAR.findall(chunk.text)):
                years[year].append(n)
        self.chunk_years = {y: np.array(ids, dtype=np.int64) for y, ids in years.items()}

    @property
    def build_id(self) -> str:
        return self.manifest["build_id"]

    def mask(self, doc_ids: frozenset[str] | None, year: str = "") -> np.ndarray | None:
        """Chunks a question may draw on: those of the allowed documents, and, when a year is asked, of
        documents for that year or sentences that state it. None when nothing is filtered."""
        if doc_ids is None and not year:
            return None
        order = list(self.documents)
        allowed = np.ones(len(self.chunks), dtype=bool)
        if doc_ids is not None:
            wanted = [n for n, doc_id in enumerate(order) if doc_id in doc_ids]
            allowed &= np.isin(self.chunk_doc, wanted)
        if year:
            by_year = np.isin(self.chunk_doc, [n for n, d in enumerate(self.documents.values()) if d.year == year])
            stated = np.zeros(len(self.chunks), dtype=bool)
            stated[self.chunk_years.get(year, np.zeros(0, dtype=np.int64))] = True
            allowed &= by_year | stated
        return allowed

    @classmethod
    def load(cls, index_dir: Path, embedder: Embedder) -> KnowledgeIndex:
        build = current_build(index_dir)
        if build is None:
            raise IndexMissing("知识库索引尚未建立", "请先运行 `assistant index`")
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT_VERSION:
            raise IndexMismatch("索引格式版本已过期", "请运行 `assistant index` 重新建立索引")
        if manifest["model"] != embedder.name or manifest["dim"] != embedder.dim:
            raise IndexMismatch(
                f"索引由嵌入模型 {manifest['model']}（{manifest['dim']} 维）建立，与当前模型 {embedder.name} 不一致",
                "请运行 `assistant index` 用当前模型重新建立索引，或改回原来的 ASSISTANT_EMBEDDING",
            )
        documents = {d["id"]: DocumentInfo.from_dict(d) for d in manifest["documents"]}
        chunks = [Chunk(**(row | {"doc": documents[row["doc"]]})) for row in map(json.loads, _lines(build / "chunks.jsonl"))]
        figures = [Figure(**(row | {"doc": documents[row["doc"]]})) for row in map(json.loads, _lines(build / "figures.jsonl"))]
        extras = json.loads((build / "lexicon.json").read_text(encoding="utf-8"))
        tokens = [json.loads(line)["tokens"] for line in _lines(build / "tokens.jsonl")]
        return cls(
            manifest=manifest,
            documents=documents,
            chunks=chunks,
            vectors=faiss.read_index(str(build / "vectors.faiss")),
            keyword=KeywordIndex(tokens),
            bigram=KeywordIndex([bigrams(c.embedding_text()) for c in chunks]),
            lexicon=Lexicon.from_dict(extras["lexicon"]),
            figures=figures,
            label_vectors=np.load(build / "labels.npy"),
            sections=[tuple(pair) for pair in extras["sections"]],
            section_vectors=np.load(build / "sections.npy"),
            constraints=extras["constraints"],
            path=build,
        )


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def current_build(index_dir: Path) -> Path | None:
    pointer = Path(index_dir) / CURRENT
    if not pointer.is_file():
        return None
    build = Path(index_dir) / "builds" / pointer.read_text(encoding="utf-8").strip()
    return build if (build / "manifest.json").is_file() else None


def current_build_id(index_dir: Path) -> str | None:
    build = current_build(index_dir)
    return build.name if build else None


def bigrams(text: str) -> list[str]:
    """Character bigrams of the Chinese letters and digits: robust to paraphrase and to segmentation errors."""
    letters = _NOT_LETTER.sub("", text.lower())
    return [letters[i : i + 2] for i in range(len(letters) - 1)]


def build_index(knowledge_dir: Path, index_dir: Path, embedder: Embedder, constraints: dict) -> BuildReport:
    """Load, chunk, embed (cached), index and swap in a new build, unless nothing changed."""
    started = time.perf_counter()
    knowledge_dir, index_dir = Path(knowledge_dir), Path(index_dir)
    loaded = load_folder(knowledge_dir)
    lexicon = Lexicon.from_knowledge(knowledge_dir, loaded.documents)
    chunks = [c for doc in loaded.documents for c in chunk_document(doc)]
    report = BuildReport(documents=len(loaded.documents), chunks=len(chunks), skipped=loaded.skipped)

    fingerprint = _fingerprint(embedder.name, [d.info for d in loaded.documents], chunks, lexicon, constraints)
    live = current_build(index_dir)
    if live is not None:
        manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("fingerprint") == fingerprint and manifest.get("format") == FORMAT_VERSION:
            report.unchanged, report.build_id = True, live.name
            report.seconds = time.perf_counter() - started
            return report

    figures = [f for doc in loaded.documents for f in extract_figures(doc, [c for c in chunks if c.doc.id == doc.path])]
    cache = EmbeddingCache(index_dir / "cache", embedder.name)
    texts = [c.embedding_text() for c in chunks]
    vectors, report.embedded = cache.embed(embedder, texts)
    # What each figure counts, embedded as a question is, for matching questions to figures by meaning.
    labels = [f.label for f in figures]
    label_vectors, embedded = cache.embed(embedder, labels, as_question=True)
    report.embedded += embedded
    # Each section as a whole (its heading and its sentences): a worker's question is often about a
    # sub-point ("厂里的事咱能知道吗" → 厂务公开), not about one sentence of it.
    sections, section_texts = section_passages(chunks)
    section_vectors, embedded = cache.embed(embedder, section_texts)
    report.embedded += embedded
    cache.save(keep={EmbeddingCache.key(t) for t in texts + section_texts} | {EmbeddingCache.key(t, True) for t in labels})

    vector_index = faiss.IndexFlatIP(embedder.dim)
    if len(chunks):
        vector_index.add(vectors)
    per_doc = Counter(c.doc.id for c in chunks)
    documents = [d.info.to_dict() | {"chunks": per_doc[d.path]} for d in loaded.documents]
    report.build_id = time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
    manifest = {
        "format": FORMAT_VERSION, "build_id": report.build_id, "model": embedder.name, "dim": embedder.dim,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "fingerprint": fingerprint, "documents": documents,
        "chunks": len(chunks), "skipped": [{"path": p, "reason": r} for p, r in loaded.skipped],
    }
    _write_build(index_dir, report.build_id, manifest, chunks, vector_index,
                 [lexicon.tokens(c.embedding_text()) for c in chunks], figures, label_vectors, section_vectors,
                 {"lexicon": lexicon.to_dict(), "constraints": constraints, "sections": sections})
    report.seconds = time.perf_counter() - started
    return report


SECTION_CHARS = 400  # a section passage is its heading and as much of its text as E5 reads well


def section_passages(chunks: list[Chunk]) -> tuple[list[tuple[str, str]], list[str]]:
    """Every section that holds sentences, as (document id, heading chain) and as one passage of text."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for chunk in chunks:
        if chunk.kind == "sentence" and chunk.section:
            grouped.setdefault((chunk.doc.id, chunk.section), []).append(chunk.text)
    keys = list(grouped)
    texts = [f"{key[1].rsplit(' › ', 1)[-1]}：{''.join(grouped[key])}"[:SECTION_CHARS] for key in keys]
    return keys, texts


def _fingerprint(model: str, documents: list[DocumentInfo], chunks: list[Chunk], lexicon: Lexicon, constraints: dict) -> str:
    digest = hashlib.sha1(f"{FORMAT_VERSION}\x00{model}".encode())
    digest.update(json.dumps([asdict(d) for d in documents], ensure_ascii=False, sort_keys=True).encode())
    for c in chunks:
        digest.update(json.dumps(c.to_row(), ensure_ascii=False, sort_keys=True).encode())
    digest.update(json.dumps([lexicon.to_dict(), constraints], ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


def _write_build(index_dir: Path, build_id: str, manifest: dict, chunks: list[Chunk], vector_index: faiss.Index,
                 tokens: list[list[str]], figures: list[Figure], label_vectors: np.ndarray, section_vectors: np.ndarray,
                 extras: dict) -> None:
    builds = index_dir / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    tmp = builds / f".tmp-{build_id}"
    tmp.mkdir()
    try:
        _write(tmp / "chunks.jsonl", "".join(json.dumps(c.to_row(), ensure_ascii=False) + "\n" for c in chunks))
        _write(tmp / "tokens.jsonl", "".join(json.dumps({"tokens": t}, ensure_ascii=False) + "\n" for t in tokens))
        _write(tmp / "figures.jsonl", "".join(json.dumps(f.to_row(), ensure_ascii=False) + "\n" for f in figures))
        for name, array in (("labels.npy", label_vectors), ("sections.npy", section_vectors)):
            with open(tmp / name, "wb") as handle:
                np.save(handle, array.astype(np.float32))
                handle.flush()
                os.fsync(handle.fileno())
        _write(tmp / "lexicon.json", json.dumps(extras, ensure_ascii=False))
        faiss.write_index(vector_index, str(tmp / "vectors.faiss"))
        _write(tmp / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))  # last: marks it complete
        os.replace(tmp, builds / build_id)
        pointer = index_dir / f".{CURRENT}.{build_id}"
        _write(pointer, build_id)
        os.replace(pointer, index_dir / CURRENT)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _prune(builds, keep=build_id)


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _prune(builds: Path, keep: str) -> None:
    """Keep the live build and the one before it (a server may still be reading it); drop the rest."""
    done = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)
    for old in [p for p in done if p.name != keep][: -(KEEP_BUILDS - 1) or None]:
        shutil.rmtree(old, ignore_errors=True)
    for stale in builds.glob(".tmp-*"):  # left behind by a crashed build
        if time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)
