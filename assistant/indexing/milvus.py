"""Milvus as the dense and keyword store (`ASSISTANT_MILVUS_URI`), for knowledge bases that outgrow one machine
or are shared by several hosts. FAISS and the local posting lists stay the default.

One collection per chunk store (the id space that incremental builds share). Each row is one chunk:
- `id` (the chunk id), and its document's metadata as scalar fields: `doc`, `year`, `region`, `issuer`;
- `dense`: the chunk's embedding (inner product; FLAT on Milvus Lite, AUTOINDEX on a server);
- `words` and `bigrams`: sparse vectors holding each token's BM25 document weight, tf·(k1+1)/(tf + k1·(1−b+b·len/avgdl)),
  over the project's own tokens (the lexicon's jieba words; character bigrams). A query vector holds weight·idf per
  term, so the inner product is the same BM25 the local index computes, with the idf of the live chunks.

Writing: `sync` runs in `assistant index` before the new build is swapped in. It upserts the chunks that are new or
whose tokens changed (retokenised after a lexicon change), and deletes those that left. When the mean chunk length
has drifted by more than `DRIFT` since the weights were written, every live row is rewritten, so scores stay within
a few percent of a full build's. What was synced is recorded in `milvus.json` + `milvus-sync.npz` in the index folder,
written atomically after Milvus has the rows.

Reading: a build's searches are filtered in Milvus to its own ids (`id < next_chunk`: rows a newer build added are
invisible to a replica that has not swapped yet) and to the question's documents (`doc in [...]`) or, for chunks
that state a year, their ids. A hit the build no longer holds (deleted moments after) is dropped by the build's
live mask, with a few extra results fetched to make up for it.

Milvus Lite (a local file) is opened by one process at a time: use it on one host; replicas share a Milvus server.
"""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from ..errors import ConfigError, IndexMismatch
from .keyword import KeywordIndex
from .manifest import DocumentEntry, Manifest

STATE = "milvus.json"
SYNC_ARRAYS = "milvus-sync.npz"
DRIFT = 0.05  # rewrite every row's BM25 weights when the mean chunk length has moved this much
BATCH = 1_000  # rows per upsert
SLACK = 16  # extra results fetched to make up for rows deleted but still in Milvus for a moment
KEYWORD_LIMIT = 200  # keyword results fetched per list (retrieval fuses its top 40–60)
MAX_ID_TERMS = 20_000  # ids spelt out in one filter; beyond, id ranges
MAX_RANGES = 500  # id ranges in one filter; beyond, the filter is applied to a deeper result list
EMPTY_TERM = 4_294_967_294  # Milvus rejects an empty sparse vector: a chunk without tokens holds this unused dim
_SAFE = re.compile(r"[^A-Za-z0-9_]")

_clients: dict[str, object] = {}
_clients_lock = threading.Lock()


def is_local(uri: str) -> bool:
    return "://" not in uri


def client(uri: str):
    """One client per URI per process (Milvus Lite allows one process per file; its threads share the client)."""
    with _clients_lock:
        found = _clients.get(uri)
        if found is not None:
            return found
        try:
            from pymilvus import MilvusClient
        except ImportError:  # pragma: no cover - pymilvus is a dependency
            raise ConfigError("未安装 pymilvus", "运行 ./run.sh 安装依赖") from None
        if is_local(uri):
            Path(uri).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            made = MilvusClient(uri=str(Path(uri).expanduser()) if is_local(uri) else uri)
        except Exception as error:  # noqa: BLE001 - any failure to connect is a setup problem, said in Chinese
            hint = ("Milvus Lite 的文件同一时间只能由一个进程打开；多副本请用 Milvus 服务（http://主机:19530）"
                    if is_local(uri) else "检查 Milvus 服务是否在运行、地址和端口是否正确")
            raise ConfigError(f"无法连接 Milvus（{uri}）：{type(error).__name__}", hint) from None
        _clients[uri] = made
        return made


def collection_name(store: str) -> str:
    return "assistant_" + _SAFE.sub("_", store)


# --- what was synced -----------------------------------------------------------------------------------------
@dataclass
class SyncState:
    uri: str
    collection: str
    build: str  # the last build synced
    avgdl_words: float
    avgdl_bigrams: float

    @classmethod
    def read(cls, index_dir: Path) -> SyncState | None:
        path = Path(index_dir) / STATE
        if not path.is_file():
            return None
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, TypeError):
            return None

    def write(self, index_dir: Path, synced: np.ndarray, signature: np.ndarray) -> None:
        index_dir = Path(index_dir)
        arrays = index_dir / f".{SYNC_ARRAYS}.tmp"
        with open(arrays, "wb") as handle:
            np.savez(handle, synced=synced, signature=signature)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(arrays, index_dir / SYNC_ARRAYS)
        state = index_dir / f".{STATE}.tmp"
        with open(state, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(asdict(self), ensure_ascii=False))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(state, index_dir / STATE)


def _synced_arrays(index_dir: Path, size: int) -> tuple[np.ndarray, np.ndarray]:
    path = Path(index_dir) / SYNC_ARRAYS
    synced, signature = np.zeros(size, bool), np.full((size, 2), np.nan)
    if path.is_file():
        with np.load(path) as saved:
            old_synced, old_signature = saved["synced"], saved["signature"]
        n = min(size, len(old_synced))
        synced[:n], signature[:n] = old_synced[:n], old_signature[:n]
    return synced, signature


# --- writing ---------------------------------------------------------------------------------------------------
def _ensure_collection(milvus, name: str, dim: int, local: bool) -> None:
    if milvus.has_collection(name):
        return
    from pymilvus import DataType

    schema = milvus.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("doc", DataType.VARCHAR, max_length=2048)
    schema.add_field("year", DataType.VARCHAR, max_length=16)
    schema.add_field("region", DataType.VARCHAR, max_length=128)
    schema.add_field("issuer", DataType.VARCHAR, max_length=512)
    schema.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
    schema.add_field("words", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_field("bigrams", DataType.SPARSE_FLOAT_VECTOR)
    params = milvus.prepare_index_params()
    params.add_index("dense", index_type="FLAT" if local else "AUTOINDEX", metric_type="IP")
    params.add_index("words", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
    params.add_index("bigrams", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
    # The index is made apart from the collection, without waiting on it: Milvus Lite builds it at once, and
    # pymilvus's wait asks for a timestamp that Milvus Lite does not serve (an error in the log, nothing else).
    milvus.create_collection(name, schema=schema)
    milvus.create_index(name, params, sync=False)


def _term_of_posting(keyword: KeywordIndex) -> np.ndarray:
    indptr = np.asarray(keyword.indptr)
    return np.repeat(np.arange(len(indptr) - 1, dtype=np.int64), np.diff(indptr))


def _signature(keyword: KeywordIndex, terms: np.ndarray, size: int) -> np.ndarray:
    """A number per chunk id that changes when its tokens change (a random weight per term, summed by tf)."""
    rng = np.random.default_rng(20260101)
    salt = rng.random(max(1, len(keyword.vocab)))
    ids = np.asarray(keyword.ids, dtype=np.int64)
    values = salt[terms] * np.asarray(keyword.tfs, dtype=np.float64) if len(ids) else np.zeros(0)
    return np.bincount(ids, weights=values, minlength=size)[:size] + np.asarray(_padded(keyword.lengths, size), np.float64)


def _padded(values: np.ndarray, size: int) -> np.ndarray:
    out = np.zeros(size, dtype=np.asarray(values).dtype)
    n = min(size, len(values))
    out[:n] = values[:n]
    return out


class _SparseRows:
    """Each chosen chunk's BM25 document weights, from one keyword index's postings (grouped by term)."""

    def __init__(self, keyword: KeywordIndex, terms: np.ndarray, chosen: np.ndarray, size: int) -> None:
        ids = np.asarray(keyword.ids, dtype=np.int64)
        keep = chosen[ids] if len(ids) else np.zeros(0, bool)
        ids, tfs, terms = ids[keep], np.asarray(keyword.tfs, np.float32)[keep], terms[keep]
        norm = _padded(keyword.norm, size)
        weights = tfs * (keyword.k1 + 1) / (tfs + norm[ids])
        order = np.argsort(ids, kind="stable")
        self.ids, self.terms, self.weights = ids[order], terms[order], weights[order]

    def rows(self, chunk_ids: np.ndarray) -> list[dict[int, float]]:
        starts = np.searchsorted(self.ids, chunk_ids, side="left")
        stops = np.searchsorted(self.ids, chunk_ids, side="right")
        out = []
        for a, b in zip(starts.tolist(), stops.tolist(), strict=True):
            row = {int(t): float(w) for t, w in zip(self.terms[a:b].tolist(), self.weights[a:b].tolist(), strict=True)
                   if w > 0}
            out.append(row or {EMPTY_TERM: 1.0})
        return out


def sync(uri: str, index_dir: Path, build_dir: Path, manifest: Manifest, vectors: np.ndarray) -> dict:
    """Bring the collection to what the build in `build_dir` holds (called before that build is swapped in).
    `vectors`: the store's chunk vectors by id. Returns counts of what was written."""
    index_dir, build_dir = Path(index_dir), Path(build_dir)
    milvus = client(uri)
    name = collection_name(manifest.store)
    size = manifest.next_chunk
    live = _padded(np.load(build_dir / "live.npy"), size).astype(bool)
    words = KeywordIndex.load(build_dir / "keyword")
    bigram = KeywordIndex.load(build_dir / "bigram")
    count = max(1, int(np.count_nonzero(live)))
    avgdl_words = float(_padded(words.lengths, size)[live].sum()) / count
    avgdl_bigrams = float(_padded(bigram.lengths, size)[live].sum()) / count

    state = SyncState.read(index_dir)
    fresh = state is None or state.uri != uri or state.collection != name or not milvus.has_collection(name)
    if fresh:
        if milvus.has_collection(name):
            milvus.drop_collection(name)  # a collection nobody recorded: its contents are unknown
        synced, signature = np.zeros(size, bool), np.full((size, 2), np.nan)
    else:
        synced, signature = _synced_arrays(index_dir, size)
    _ensure_collection(milvus, name, manifest.dim, is_local(uri))

    word_terms, bigram_terms = _term_of_posting(words), _term_of_posting(bigram)
    now = np.stack([_signature(words, word_terms, size), _signature(bigram, bigram_terms, size)], axis=1)
    drifted = not fresh and (abs(avgdl_words / max(state.avgdl_words, 1e-9) - 1) > DRIFT
                             or abs(avgdl_bigrams / max(state.avgdl_bigrams, 1e-9) - 1) > DRIFT)
    if drifted:
        upsert = live.copy()
    else:
        changed = ~np.isclose(now, signature, rtol=1e-9, atol=1e-12).all(axis=1)
        upsert = live & (~synced | changed)
        avgdl_words, avgdl_bigrams = (state.avgdl_words, state.avgdl_bigrams) if not fresh else (avgdl_words, avgdl_bigrams)
    delete = synced & ~live

    # BM25 weights with the mean length recorded for the collection (the one its other rows were written with).
    for keyword, avgdl in ((words, avgdl_words), (bigram, avgdl_bigrams)):
        keyword.norm = (keyword.k1 * (1 - keyword.b + keyword.b * np.asarray(keyword.lengths) / max(avgdl, 1e-6))
                        ).astype(np.float32)
    word_rows = _SparseRows(words, word_terms, upsert, size)
    bigram_rows = _SparseRows(bigram, bigram_terms, upsert, size)
    owner = _owners(manifest.documents, size)
    chosen = np.flatnonzero(upsert)
    for start in range(0, len(chosen), BATCH):
        part = chosen[start:start + BATCH]
        dense = np.asarray(vectors[part], dtype=np.float32)
        rows = []
        for i, chunk_id in enumerate(part.tolist()):
            info = manifest.documents[owner[chunk_id]].info
            rows.append({"id": chunk_id, "doc": info.id, "year": info.year, "region": info.region,
                         "issuer": info.issuer[:500], "dense": dense[i].tolist()})
        for row, w, b in zip(rows, word_rows.rows(part), bigram_rows.rows(part), strict=True):
            row["words"], row["bigrams"] = w, b
        milvus.upsert(name, rows)
    gone = np.flatnonzero(delete)
    for start in range(0, len(gone), BATCH):
        milvus.delete(name, ids=[int(i) for i in gone[start:start + BATCH]])
    milvus.flush(name)  # sealed: durable, and searched through its index rather than row by row
    milvus.load_collection(name)
    SyncState(uri, name, manifest.build_id, avgdl_words, avgdl_bigrams).write(index_dir, live, now)
    return {"upserted": len(chosen), "deleted": len(gone), "rewritten": bool(drifted), "collection": name,
            "previous": state}


def _owners(entries: list[DocumentEntry], size: int) -> np.ndarray:
    """Index into `entries` of each chunk id's document (-1: none)."""
    owner = np.full(size, -1, dtype=np.int64)
    for n, entry in enumerate(entries):
        owner[entry.chunks[0]:entry.chunks[1]] = n
    return owner


# --- reading ----------------------------------------------------------------------------------------------------
class MilvusCollection:
    """One build's view of the collection: its filters, and its live ids."""

    def __init__(self, uri: str, index_dir: Path, manifest: Manifest, live: np.ndarray, order: np.ndarray) -> None:
        state = SyncState.read(index_dir)
        name = collection_name(manifest.store)
        if state is None or state.uri != uri or state.collection != name:
            raise IndexMismatch("Milvus 中还没有这个知识库索引",
                                "设置好 ASSISTANT_MILVUS_URI 后运行 `assistant index`，把索引写入 Milvus")
        self.milvus = client(uri)
        self.name = name
        self.live = live
        self.order = order
        self.next_chunk = manifest.next_chunk
        self.entries = [e for e in manifest.documents if e.chunks[1] > e.chunks[0]]
        self.milvus.load_collection(name)

    def expression(self, allowed: np.ndarray | None) -> tuple[str | None, bool]:
        """(filter, exact): the filter that keeps this build's `allowed` ids (None: nothing is allowed);
        exact False when the filter is wider than `allowed` (results are then checked against it)."""
        base = f"id < {self.next_chunk}"
        if allowed is None:
            return base, True
        allowed = allowed[: self.next_chunk] & self.live[: len(allowed)]
        covered = np.zeros(len(allowed), bool)
        docs = []
        for entry in self.entries:
            a, b = entry.chunks
            if allowed[a:b].all():
                docs.append(entry.id)
                covered[a:b] = True
        rest = np.flatnonzero(allowed & ~covered)
        if not docs and not len(rest):
            return None, True
        parts = [f"doc in {json.dumps(docs, ensure_ascii=False)}"] if docs else []
        exact = True
        if len(rest) <= MAX_ID_TERMS:
            if len(rest):
                parts.append(f"id in [{','.join(map(str, rest.tolist()))}]")
        else:
            edges = np.flatnonzero(np.diff(np.concatenate([[0], (allowed & ~covered).astype(np.int8), [0]])))
            ranges = edges.reshape(-1, 2)
            if len(ranges) <= MAX_RANGES:
                parts.extend(f"(id >= {a} and id < {b})" for a, b in ranges.tolist())
            else:
                exact = False  # too scattered to spell out: search this build's ids, keep the allowed ones
                return base, exact
        return f"{base} and ({' or '.join(parts)})", exact

    def search(self, field: str, query, limit: int, allowed: np.ndarray | None) -> dict[int, float]:
        expression, exact = self.expression(allowed)
        if expression is None or limit <= 0:
            return {}
        fetch = limit + SLACK if exact else limit * 8 + SLACK
        found = self.milvus.search(self.name, [query], anns_field=field, limit=fetch, filter=expression,
                                   output_fields=["id"], search_params={"metric_type": "IP"})
        out: dict[int, float] = {}
        for hit in found[0]:
            i = int(hit["id"])
            if i < len(self.live) and self.live[i] and (allowed is None or (i < len(allowed) and allowed[i])):
                out[i] = float(hit["distance"])
        # Ties in reading order, as the local indexes break them; then the top `limit`.
        best = sorted(out.items(), key=lambda item: (-item[1], self.order[item[0]]))[:limit]
        return dict(best)


class MilvusDenseIndex:
    """The `DenseIndex` role on Milvus: searches there; `vectors` reads the store's memory-mapped rows (the
    build's own copy, needed for exact similarities of chosen chunks). Writes go through `sync`."""

    def __init__(self, collection: MilvusCollection, matrix: np.ndarray, stats) -> None:
        self.collection = collection
        self.matrix = matrix
        self.live = collection.live
        self.order = collection.order
        self.stats = stats

    @property
    def count(self) -> int:
        return int(np.count_nonzero(self.live))

    def search(self, vector: np.ndarray, top_k: int, allowed: np.ndarray | None = None) -> dict[int, float]:
        vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        return self.collection.search("dense", vector.tolist(), top_k, allowed)

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        ids = np.asarray(ids, dtype=np.int64)
        return np.asarray(self.matrix[ids], dtype=np.float32) if len(ids) else np.zeros((0, self.matrix.shape[1]), np.float32)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Replace the dense vectors of rows already in the collection (new rows come with their metadata and
        keywords, through `sync`)."""
        ids = np.asarray(ids, dtype=np.int64)
        if not len(ids):
            return
        rows = self.collection.milvus.query(self.collection.name, ids=ids.tolist(),
                                            output_fields=["id", "doc", "year", "region", "issuer", "words", "bigrams"])
        missing = set(ids.tolist()) - {int(r["id"]) for r in rows}
        if missing:
            raise ValueError(f"chunks {sorted(missing)[:5]} are not in Milvus: add them with sync()")
        by_id = dict(zip(ids.tolist(), np.asarray(vectors, dtype=np.float32), strict=True))
        for row in rows:
            row["dense"] = by_id[int(row["id"])].tolist()
        self.collection.milvus.upsert(self.collection.name, rows)

    def delete(self, ids: np.ndarray) -> None:
        ids = [int(i) for i in np.asarray(ids, dtype=np.int64)]
        if ids:
            self.collection.milvus.delete(self.collection.name, ids=ids)


class MilvusKeywordIndex:
    """BM25 over one tokenisation, searched in Milvus's sparse field. The local index supplies the statistics
    (vocabulary, idf, lengths: memory-mapped, a few bytes per chunk); its postings are not read while serving."""

    def __init__(self, local: KeywordIndex, collection: MilvusCollection, field: str,
                 limit: int = KEYWORD_LIMIT) -> None:
        self.local = local
        self.collection = collection
        self.field = field
        self.limit = limit
        self.vocab, self.idf, self.size, self.live = local.vocab, local.idf, local.size, local.live

    def chunk_ids(self, term: str) -> np.ndarray:
        """One term's postings, from the local index (read for the few terms that say what documents are about)."""
        return self.local.chunk_ids(term)

    def scope(self, mask: np.ndarray):
        """The local index's statistics for a part (for reading questions; Milvus scores with its own)."""
        return self.local.scope(mask)

    def vocabulary_in(self, scope) -> dict[str, float]:
        return self.local.vocabulary_in(scope)

    def scores(self, weighted_terms: dict[str, float], allowed: np.ndarray | None = None, scope=None) -> np.ndarray:
        """BM25 of the best `limit` chunk ids (0 elsewhere), as `KeywordIndex.scores` returns them (`scope` is not
        applied: Milvus keeps the statistics)."""
        out = np.zeros(self.size, dtype=np.float32)
        query: dict[int, float] = {}
        for term, weight in weighted_terms.items():
            tid = self.vocab.get(term)
            if tid is not None and weight > 0:
                query[tid] = query.get(tid, 0.0) + weight * self.idf[term]
        query = {t: w for t, w in query.items() if w > 0}
        if not query:
            return out
        for i, score in self.collection.search(self.field, query, self.limit, allowed).items():
            if i < self.size:
                out[i] = score
        return out


def retire(uri: str, previous: SyncState | None, current: str) -> bool:
    """Drop the collection the previous store used, once the build on a new store is swapped in (a full
    rebuild makes a new store). Only a collection this index folder recorded is ever dropped."""
    if previous is None or previous.uri != uri or previous.collection == current:
        return False
    milvus = client(uri)
    if milvus.has_collection(previous.collection):
        milvus.drop_collection(previous.collection)
        return True
    return False
