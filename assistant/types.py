"""Plain data passed between the pipeline's steps: Document, Chunk, Hit, Source, Figure, Answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Document:
    """One source file's text with its metadata (title, issuer, region, year, kind)."""

    path: str
    title: str
    text: str
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Chunk:
    """An indexed unit: usually one sentence, with the heading chain it sits under."""

    id: str
    doc_title: str
    doc_path: str
    section: str  # heading chain joined by " › "
    text: str
    kind: str = "sentence"  # sentence | heading | caption
    position: int = 0  # order within its document
    meta: dict = field(default_factory=dict)

    @property
    def heading(self) -> str:
        """The innermost heading above this chunk ("" for a heading itself or for text before any heading)."""
        return self.section.rsplit(" › ", 1)[-1] if self.section and self.kind != "heading" else ""

    def embedding_text(self) -> str:
        """What the embedder and keyword index see: the sentence with its own heading for context.
        Only the innermost heading: the whole chain drowns a short sentence (measured on the gold set)."""
        return f"{self.heading}：{self.text}" if self.heading else self.text


@dataclass(frozen=True)
class Hit:
    """A chunk with its fused retrieval score and the per-retriever ranks behind it."""

    chunk: Chunk
    score: float
    dense: float = 0.0  # cosine similarity of question and chunk
    keyword: float = 0.0  # BM25 over words
    bigram: float = 0.0  # BM25 over character bigrams


@dataclass(frozen=True)
class Source:
    """A cited chunk in an answer, in the answer contract's shape."""

    id: str
    title: str
    section: str
    text: str
    score: float

    @classmethod
    def from_hit(cls, hit: Hit) -> Source:
        c = hit.chunk
        return cls(id=c.id, title=c.doc_title, section=c.section, text=c.text, score=round(hit.score, 4))


@dataclass(frozen=True)
class Figure:
    """A number with its unit, what it counts, its year, its scope and the sentence it came from."""

    value: str  # verbatim, e.g. "2943", "1.2万", "73.6", "1—2"
    unit: str  # e.g. "名", "%", "万元", "次"
    label: str  # what it counts, e.g. "职工董事"
    year: str  # "2022", "截至目前" or ""
    scope: str  # e.g. "省属企业"
    chunk_id: str
    sentence: str
    title: str = ""
    section: str = ""

    @property
    def text(self) -> str:
        """The figure as it reads in the sentence, e.g. "2943名"."""
        return f"{self.value}{self.unit}"


@dataclass(frozen=True)
class Answer:
    """What `Assistant.ask` returns; `to_dict()` is the JSON contract of CLI and HTTP."""

    answer: str
    refused: bool
    sources: list[Source] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    standalone_question: str = ""

    def to_dict(self) -> dict:
        return {
            "answer": self.answer,
            "refused": self.refused,
            "sources": [asdict(s) for s in self.sources],
            "figures": [asdict(f) | {"text": f.text} for f in self.figures],
            "standalone_question": self.standalone_question,
        }
