"""Dense search by chunk id: the `DenseIndex` role and its FAISS implementation (the default).

Vectors live in an append-only file of float32 rows (row = id), memory-mapped: a server holds only the
pages it reads. The searchable structure is chosen by size, automatically:
- up to `EXACT_LIMIT` live vectors: exact inner product (`IndexFlatIP` over the live rows, in memory);
- above it: IVF with 8-bit scalar-quantised codes (`IndexIVFScalarQuantizer`, about a quarter of the float
  size), whose candidates are re-scored exactly from the memory-mapped floats. `nprobe` is set at build time
  by checking recall@10 against exact search on a sample; both are recorded in the manifest.

Filters are applied inside the index (a FAISS ID selector); a filter that leaves few chunks is searched
exactly over just those. FAISS runs single-threaded while serving: the embedder has the cores (measured at
10k chunks: 28.6 ms per search with two OpenMP pools fighting over two cores, 14.4 ms with one).
"""

from __future__ import annotations

import os
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import faiss
import numpy as np

EXACT_LIMIT = 20_000  # live vectors up to which search is exact (a flat scan of 20k × 384 takes ~2 ms)
RECALL_TARGET = 0.985  # recall@10 against exact that the chosen nprobe must reach on the sample
RECHECK_CHANGE = 0.1  # measure recall again when the live count has moved by this share since the last check
RETRAIN_GROWTH = 4.0  # retrain the coarse quantiser when the index has grown this many times since training
SELECTIVE = 4_000  # a filter leaving at most this many chunks is searched exactly over them
RERANK_EXTRA = 30  # candidates fetched beyond the results wanted (at least twice as many), re-scored exactly


class DenseIndex(Protocol):
    """Add, delete and search vectors by chunk id. FAISS is the default; another store (Milvus) implements the
    same four calls."""

    def search(self, vector: np.ndarray, top_k: int, allowed: np.ndarray | None = None) -> dict[int, float]: ...

    def vectors(self, ids: np.ndarray) -> np.ndarray: ...

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None: ...

    def delete(self, ids: np.ndarray) -> None: ...


def serving_threads() -> None:
    """One OpenMP thread for FAISS in the calling thread while serving: the query embedder uses the cores, and a
    request thread left at the default would start an OpenMP team of its own that spins beside the embedder's."""
    faiss.omp_set_num_threads(1)


class VectorFile:
    """Append-only float32 rows (row = id) in one file, shared by every build of one store."""

    def __init__(self, path: Path, dim: int) -> None:
        self.path, self.dim = Path(path), dim

    def rows(self) -> int:
        return self.path.stat().st_size // (4 * self.dim) if self.path.is_file() else 0

    def truncate(self, rows: int) -> None:
        """Drop rows a crashed build appended beyond what any build uses."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "ab") as handle:
            handle.truncate(rows * 4 * self.dim)

    def append(self, vectors: np.ndarray) -> None:
        with open(self.path, "ab") as handle:
            handle.write(np.ascontiguousarray(vectors, dtype=np.float32).tobytes())
            handle.flush()
            os.fsync(handle.fileno())

    def open(self, rows: int) -> VectorRows:
        """The first `rows` rows (what one build sees, whatever was appended since), read on demand."""
        return VectorRows(self.path, rows, self.dim)


class VectorRows:
    """Rows of a vector file, read by id with `pread` into fresh arrays. Not a memory map on purpose: a mapped
    file counts in the server's RSS page by page, and each random row read pulls in the kernel's read-around
    (measured at a million chunks: 512 rows sampled through np.memmap added 522 MB of RSS). Indexing takes an
    id, a slice or an array of ids, as numpy arrays do."""

    RESIDENT_BYTES = 8 << 20  # a file this small is read whole, once: a row then costs no system call (~20 µs here)

    def __init__(self, path: Path, rows: int, dim: int) -> None:
        self.path, self.dim = Path(path), dim
        self.shape = (rows, dim)
        self.dtype = np.dtype(np.float32)
        self._resident: np.ndarray | None = None
        self._fd = os.open(self.path, os.O_RDONLY) if rows else -1
        if self._fd >= 0:
            weakref.finalize(self, os.close, self._fd)
            if rows * dim * 4 <= self.RESIDENT_BYTES:
                self._resident = np.frombuffer(os.pread(self._fd, rows * dim * 4, 0), np.float32).reshape(rows, dim)

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, key) -> np.ndarray:
        if isinstance(key, (int, np.integer)):
            return self._read(np.array([int(key)], np.int64))[0]
        if isinstance(key, slice):
            return self._read(np.arange(*key.indices(self.shape[0]), dtype=np.int64))
        return self._read(np.asarray(key, dtype=np.int64).reshape(-1))

    def _read(self, ids: np.ndarray) -> np.ndarray:
        out = np.empty((len(ids), self.dim), np.float32)
        if not len(ids):
            return out
        if ids.min() < 0 or ids.max() >= self.shape[0]:
            raise IndexError("vector id out of range")
        if self._resident is not None:
            return self._resident[ids]  # (a fresh array: fancy indexing copies)
        order = np.argsort(ids, kind="stable")
        ordered = ids[order]
        # one read per run of consecutive ids
        cuts = np.flatnonzero(np.diff(ordered) != 1) + 1
        starts, stops = np.concatenate([[0], cuts]), np.concatenate([cuts, [len(ids)]])
        row = 4 * self.dim
        for start, stop in zip(starts.tolist(), stops.tolist(), strict=True):
            data = os.pread(self._fd, (stop - start) * row, int(ordered[start]) * row)
            out[order[start:stop]] = np.frombuffer(data, np.float32).reshape(stop - start, self.dim)
        return out


@dataclass
class DenseStats:
    """What the manifest records about the dense index."""

    kind: str = "exact"  # exact | ivf-sq8
    nlist: int = 0
    nprobe: int = 0
    trained_on: int = 0  # live vectors when the quantiser was trained
    recall_at_10: float = 1.0  # against exact search, on the build's sample
    checked_on: int = 0  # live vectors when recall was last measured
    seconds: float = 0.0


class FaissDenseIndex:
    """The default dense index. `matrix` is the memory-mapped id space; `live` marks the ids in use."""

    FILE = "dense.faiss"

    def __init__(self, matrix: np.ndarray, live: np.ndarray, stats: DenseStats, ivf: faiss.Index | None = None,
                 order: np.ndarray | None = None) -> None:
        self.matrix = matrix
        self.live = live
        self.stats = stats
        self.ivf = ivf
        self.order = order  # reading order of each id: ties are broken by it, as in a full build
        self.flat: faiss.Index | None = None
        self.flat_ids = np.zeros(0, np.int64)
        if ivf is None:
            # Exact: the live rows in memory (at most EXACT_LIMIT of them) in reading order, position → id beside.
            self.flat_ids = np.flatnonzero(live).astype(np.int64)
            if order is not None:
                self.flat_ids = self.flat_ids[np.argsort(order[self.flat_ids], kind="stable")]
            self.flat = faiss.IndexFlatIP(matrix.shape[1])
            if len(self.flat_ids):
                self.flat.add(np.ascontiguousarray(matrix[self.flat_ids], dtype=np.float32))

    @property
    def count(self) -> int:
        return int(self.ivf.ntotal) if self.ivf is not None else len(self.flat_ids)

    # --- reading -----------------------------------------------------------------------------------------
    def vectors(self, ids: np.ndarray) -> np.ndarray:
        ids = np.asarray(ids, dtype=np.int64)
        return np.asarray(self.matrix[ids], dtype=np.float32) if len(ids) else np.zeros((0, self.matrix.shape[1]), np.float32)

    def search(self, vector: np.ndarray, top_k: int, allowed: np.ndarray | None = None) -> dict[int, float]:
        """The top_k ids by inner product among the `allowed` ones (a boolean mask over ids; None: all)."""
        serving_threads()  # per thread: OpenMP's thread count is a per-thread setting, and requests come on many
        vector = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        if self.ivf is None:
            return self._search_flat(vector, top_k, allowed)
        if allowed is not None:
            chosen = np.flatnonzero(allowed & self.live[: len(allowed)])
            if len(chosen) <= SELECTIVE:
                if self.order is not None:
                    chosen = chosen[np.argsort(self.order[chosen], kind="stable")]
                return _exact(self.vectors(chosen), chosen, vector[0], top_k)
        return self._search_ivf(vector, top_k, allowed)

    def _search_flat(self, vector: np.ndarray, top_k: int, allowed: np.ndarray | None) -> dict[int, float]:
        top_k = min(top_k, len(self.flat_ids))
        if top_k <= 0:
            return {}
        params = None
        if allowed is not None:
            params = faiss.SearchParameters()
            inside = np.flatnonzero(allowed[self.flat_ids]).astype(np.int64)
            params.sel = faiss.IDSelectorBatch(inside)
        scores, positions = self.flat.search(vector, top_k, params=params)
        return {int(self.flat_ids[p]): float(s) for p, s in zip(positions[0], scores[0], strict=True) if p >= 0}

    def _search_ivf(self, vector: np.ndarray, top_k: int, allowed: np.ndarray | None) -> dict[int, float]:
        nprobe = self.stats.nprobe
        bitmap = None
        params = faiss.SearchParametersIVF()
        if allowed is not None:
            share = max(1e-6, float(np.count_nonzero(allowed)) / max(1, self.count))
            nprobe = min(self.stats.nlist, int(np.ceil(nprobe / min(1.0, share))))  # a narrow filter probes wider
            bitmap = np.packbits(allowed, bitorder="little")
            params.sel = faiss.IDSelectorBitmap(len(allowed), faiss.swig_ptr(bitmap))
        params.nprobe = nprobe
        _, ids = self.ivf.search(vector, max(top_k * 2, top_k + RERANK_EXTRA), params=params)
        found = ids[0][ids[0] >= 0]
        del bitmap  # kept alive until FAISS has used it
        if self.order is not None:
            found = found[np.argsort(self.order[found], kind="stable")]
        return _exact(self.vectors(found), found, vector[0], top_k)

    # --- writing (build time) ------------------------------------------------------------------------------
    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if self.ivf is not None and len(ids):
            self.ivf.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64))

    def delete(self, ids: np.ndarray) -> None:
        if self.ivf is not None and len(ids):
            self.ivf.remove_ids(np.asarray(ids, dtype=np.int64))

    def save(self, folder: Path) -> None:
        if self.ivf is not None:
            faiss.write_index(self.ivf, str(folder / self.FILE))

    @classmethod
    def load(cls, folder: Path, matrix: np.ndarray, live: np.ndarray, stats: DenseStats,
             order: np.ndarray | None = None) -> FaissDenseIndex:
        ivf = faiss.read_index(str(folder / cls.FILE)) if stats.kind != "exact" else None
        return cls(matrix, live, stats, ivf, order)

    @classmethod
    def updated(cls, previous_folder: Path | None, previous: DenseStats | None, matrix: np.ndarray, live: np.ndarray,
                removed: np.ndarray, added: np.ndarray, queries: np.ndarray) -> FaissDenseIndex:
        """The next build's dense index: exact while small; IVF above EXACT_LIMIT, updated in place (removed ids
        out, added ids in) unless it has grown RETRAIN_GROWTH times since its quantiser was trained."""
        started = time.perf_counter()
        count = int(np.count_nonzero(live))
        if count <= EXACT_LIMIT:
            return cls(matrix, live, DenseStats(seconds=time.perf_counter() - started))
        if previous is not None and previous.kind != "exact" and previous_folder is not None \
                and count <= previous.trained_on * RETRAIN_GROWTH:
            index = cls.load(previous_folder, matrix, live, DenseStats(**vars(previous)))
            index.delete(removed)
            with _all_threads():
                for start in range(0, len(added), 65_536):
                    part = added[start:start + 65_536]
                    index.add(part, matrix[part])
        else:
            index = cls(matrix, live, DenseStats(), _trained_ivf(matrix, live, count))
            index.stats.trained_on = count
            ids = np.flatnonzero(live)
            with _all_threads():
                for start in range(0, len(ids), 65_536):
                    part = ids[start:start + 65_536]
                    index.add(part, matrix[part])
        index.stats.kind, index.stats.nlist = "ivf-sq8", index.ivf.nlist
        index.live = live
        # Recall is measured again when the quantiser is new or the index has changed size by a tenth since the
        # last check: a document added to a large index leaves its lists, and so its recall, as they were.
        if not index.stats.checked_on or abs(count - index.stats.checked_on) > RECHECK_CHANGE * index.stats.checked_on:
            index.choose_nprobe(queries)
            index.stats.checked_on = count
        index.stats.seconds = time.perf_counter() - started
        return index

    def choose_nprobe(self, queries: np.ndarray, top_k: int = 10) -> None:
        """The smallest nprobe whose recall@10 against exact search reaches RECALL_TARGET on `queries`. A result
        counts as found when it scores at least the exact 10th (ties make "which 10" ambiguous, not wrong)."""
        ids = np.flatnonzero(self.live)
        kth = _exact_kth(self.matrix, ids, queries, min(top_k, len(ids)))
        nprobe, recall = 1, 0.0
        while True:
            self.stats.nprobe = nprobe
            hits = [self._search_ivf(q.reshape(1, -1), top_k, None) for q in queries]
            recall = float(np.mean([min(top_k, sum(s >= t - 1e-5 for s in found.values())) / min(top_k, len(ids))
                                    for found, t in zip(hits, kth, strict=True)])) if len(queries) else 1.0
            if recall >= RECALL_TARGET or nprobe >= self.ivf.nlist:
                break
            nprobe = min(self.ivf.nlist, nprobe * 2)
        self.stats.recall_at_10 = round(recall, 4)


def _exact(vectors: np.ndarray, ids: np.ndarray, vector: np.ndarray, top_k: int) -> dict[int, float]:
    if not len(ids):
        return {}
    sims = vectors @ vector
    keep = np.argsort(-sims, kind="stable")[:top_k]
    return {int(ids[k]): float(sims[k]) for k in keep}


def _exact_kth(matrix: np.ndarray, ids: np.ndarray, queries: np.ndarray, top_k: int) -> np.ndarray:
    """Each query's exact top_k-th score over the live rows, in blocks (the ground truth of the recall check)."""
    best = np.full((len(queries), top_k), -np.inf, np.float32)
    for start in range(0, len(ids), 131_072):
        block = ids[start:start + 131_072]
        sims = queries @ np.asarray(matrix[block], dtype=np.float32).T
        both = np.concatenate([best, sims], axis=1)
        best = -np.partition(-both, top_k - 1, axis=1)[:, :top_k]
    return best.min(axis=1) if top_k else np.zeros(len(queries), np.float32)


def _trained_ivf(matrix: np.ndarray, live: np.ndarray, count: int) -> faiss.Index:
    """An IVF-SQ8 index whose coarse quantiser is trained on a sample of the live vectors (≈ 4·√n lists)."""
    dim = matrix.shape[1]
    nlist = int(max(1, min(65_536, 4 * np.sqrt(count), count // 39)))  # FAISS wants ≥ 39 training points a list
    ids = np.flatnonzero(live)
    sample = np.sort(np.random.default_rng(0).choice(ids, size=min(len(ids), nlist * 40), replace=False))
    train = np.ascontiguousarray(matrix[sample], dtype=np.float32)
    quantiser = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFScalarQuantizer(quantiser, dim, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
    index.cp.niter = 10  # coarse clusters need not be precise: nprobe is then set by measured recall
    with _all_threads():
        index.train(train)
    return index


class _all_threads:
    """Every core for FAISS while building (training and adding), one again afterwards."""

    def __enter__(self) -> None:
        faiss.omp_set_num_threads(os.cpu_count() or 1)

    def __exit__(self, *exc) -> None:
        faiss.omp_set_num_threads(1)
