"""Plain data passed between the pipeline's steps: DocumentInfo, Document, Chunk, Hit, Source, Figure, Answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

# How an answer numbers its steps (① …：sentence[1]); a follow-up's "第二个" is read back from them.
STEP_BULLETS = "①②③④⑤⑥⑦⑧"


@dataclass(frozen=True)
class DocumentInfo:
    """What a document is: carried by every chunk, figure and source, so an answer can say where it came from
    and the query step can choose documents by year, region, scope and kind. Every field but id may be empty."""

    id: str  # path relative to the knowledge folder: stable across builds
    title: str
    issuer: str = ""
    region: str = ""  # e.g. "云南"; "全国" for a national text
    year: str = ""  # the year the document's figures are for (a report) or it was issued (a policy)
    scope: str = ""  # e.g. "省属企业"
    kind: str = ""  # e.g. "工作报告", "政策文件", "新闻报道"
    short: str = ""  # a short name for phones; derived from the fields above when not given

    @property
    def name(self) -> str:
        """A short name for display: the sidecar's `short`, else year + region + kind, else the title."""
        if self.short:
            return self.short
        derived = "".join(filter(None, [f"{self.year}年" if self.year else "", self.region, self.kind]))
        return derived if len(derived) > 3 else self.title

    @classmethod
    def from_dict(cls, data: dict) -> DocumentInfo:
        known = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in data.items() if k in known})

    def to_dict(self) -> dict:
        return asdict(self) | {"name": self.name}


@dataclass(frozen=True)
class Document:
    """One source file's text with its metadata."""

    info: DocumentInfo
    text: str

    @property
    def path(self) -> str:
        return self.info.id

    @property
    def title(self) -> str:
        return self.info.title


@dataclass(frozen=True)
class Chunk:
    """An indexed unit: usually one sentence, with the heading chain it sits under and its document."""

    id: str
    doc: DocumentInfo
    section: str  # heading chain joined by " › "
    text: str
    kind: str = "sentence"  # sentence | heading | caption
    position: int = 0  # order within its document
    row: int = field(default=-1, compare=False, repr=False)  # its id in the index that returned it (-1: none)

    @property
    def doc_id(self) -> str:
        return self.doc.id

    @property
    def heading(self) -> str:
        """The innermost heading above this chunk ("" for a heading itself or for text before any heading)."""
        return self.section.rsplit(" › ", 1)[-1] if self.section and self.kind != "heading" else ""

    def embedding_text(self) -> str:
        """What the embedder and keyword index see: the sentence with its own heading for context.
        Only the innermost heading: the whole chain drowns a short sentence (measured on the gold set)."""
        return f"{self.heading}：{self.text}" if self.heading else self.text

    def to_row(self) -> dict:
        """The stored form: the document by id (its record lives once, in the manifest)."""
        return {"id": self.id, "doc": self.doc.id, "section": self.section, "text": self.text, "kind": self.kind,
                "position": self.position}


@dataclass(frozen=True)
class Hit:
    """A chunk with its fused retrieval score and the per-retriever scores behind it."""

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
    document: dict = field(default_factory=dict)  # DocumentInfo.to_dict()

    @classmethod
    def from_chunk(cls, chunk: Chunk, score: float = 0.0) -> Source:
        return cls(id=chunk.id, title=chunk.doc.title, section=chunk.section, text=chunk.text, score=round(score, 4),
                   document=chunk.doc.to_dict())

    @classmethod
    def from_hit(cls, hit: Hit) -> Source:
        return cls.from_chunk(hit.chunk, hit.score)


@dataclass(frozen=True)
class Figure:
    """A number with its unit, what it counts, its year, its scope, its sentence and its document."""

    value: str  # verbatim, e.g. "2943", "1.2万", "73.6", "1—2"
    unit: str  # e.g. "名", "%", "万元", "次", "余家"
    label: str  # what it counts, e.g. "职工董事"
    year: str  # "2022", "截至目前" or ""
    scope: str  # e.g. "省属企业"
    chunk_id: str
    sentence: str
    doc: DocumentInfo
    section: str = ""

    @property
    def text(self) -> str:
        """The figure as it reads in the sentence, e.g. "2943名"."""
        return f"{self.value}{self.unit}"

    @property
    def title(self) -> str:
        return self.doc.title

    def to_row(self) -> dict:
        return {k: getattr(self, k) for k in ("value", "unit", "label", "year", "scope", "chunk_id", "sentence",
                                               "section")} | {"doc": self.doc.id}

    def to_dict(self) -> dict:
        return self.to_row() | {"text": self.text, "title": self.doc.title, "document": self.doc.to_dict()}


@dataclass(frozen=True)
class Answer:
    """What `Assistant.ask` returns; `to_dict()` is the JSON contract of CLI and HTTP."""

    answer: str
    refused: bool
    sources: list[Source] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    standalone_question: str = ""
    reading: str = ""  # how the question was read when a correction was used ("按“职工董事”理解")
    suggestions: list[str] = field(default_factory=list)  # answerable questions close to this one
    writer: str = "extractive"
    fallback: str = ""  # why the LLM writer's text was not shown ("" when it was, or when none is configured)

    def to_dict(self) -> dict:
        return {
            "answer": self.answer,
            "refused": self.refused,
            "sources": [asdict(s) for s in self.sources],
            "figures": [f.to_dict() for f in self.figures],
            "standalone_question": self.standalone_question,
            "reading": self.reading,
            "suggestions": list(self.suggestions),
            "writer": self.writer,
            "fallback": self.fallback,
        }
