"""Evidence → answer text. A writer words what the evidence step decided; it decides nothing itself.

`ExtractiveWriter` (the default, offline) leads with what was asked — the figure, each document's figure, the
steps — then quotes the source sentences verbatim with [n] citations. All its wording is in prompts/answer.toml.
"""

from __future__ import annotations

import re
from typing import Protocol

from .evidence import Evidence, FigureChoice
from .prompts import Prompts
from .types import Answer, Chunk, Source

_BULLETS = "①②③④⑤⑥⑦⑧"
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+[条章节]$")  # not digits: every digit in an answer must come from a cited sentence


class Writer(Protocol):
    name: str

    def write(self, evidence: Evidence) -> Answer:
        """The answer for this evidence; `sources` are what its [n] markers cite."""


class ExtractiveWriter:
    """Templates over the evidence; several documents in the knowledge base → every lead names its document."""

    name = "extractive"

    def __init__(self, prompts: Prompts, coverage_label: str, several_documents: bool) -> None:
        self.prompts = prompts
        self.coverage_label = coverage_label
        self.several_documents = several_documents

    def write(self, evidence: Evidence) -> Answer:
        kind = evidence.kind
        if kind in ("greeting", "thanks"):
            return self._plain(evidence, self.prompts.render("answer.greeting") + "\n" + self.prompts.render("answer.capabilities"))
        if kind == "capabilities":
            return self._plain(evidence, self.prompts.render("answer.capabilities"))
        if kind in ("task", "injection"):
            return self._plain(evidence, self.prompts.render("answer.guarded") + "\n" + self.prompts.render("answer.capabilities"),
                               refused=True)
        if kind == "refusal":
            return self.refusal(evidence)
        if kind == "figures":
            return self._figures(evidence)
        if kind == "when":
            return self._when(evidence)
        if kind == "steps":
            return self._steps(evidence)
        if kind == "issuer":
            lead = self.prompts.render("answer.issuer_lead", issuer=evidence.detail["issuer"],
                                       document=evidence.sentences[0].chunk.doc.title)
            return self._quotes(evidence, lead=lead)
        return self._quotes(evidence, lead=self._document_lead([h.chunk for h in evidence.sentences]))

    # --- answers --------------------------------------------------------------------------------------------------
    def _figures(self, evidence: Evidence) -> Answer:
        rows = evidence.figures
        sources: list[Source] = []
        quotes: list[str] = []

        def cite(choice: FigureChoice) -> int:
            source = Source.from_hit(choice.hit)
            for n, existing in enumerate(sources, 1):
                if existing.id == source.id:
                    return n
            sources.append(source)
            quotes.append(f"{choice.hit.chunk.text}[{len(sources)}]")
            return len(sources)

        def figures_text(row: tuple[FigureChoice, ...]) -> str:
            if len(row) == 1:
                return row[0].figure.text
            return "，".join(f"{_short_label(c, evidence)}{c.figure.text}" for c in row)

        if len(rows) == 1:
            row = rows[0]
            for choice in row:
                cite(choice)
            doc = f"（{row[0].figure.doc.name}）" if self.several_documents else ""
            lead = self.prompts.render("answer.figure_lead", figure=figures_text(row) + doc)
        else:
            parts = []
            for row in rows:
                for choice in row:
                    cite(choice)
                parts.append(self.prompts.render("answer.document_figure", document=row[0].figure.doc.name,
                                                 figure=figures_text(row)))
            lead = self.prompts.render("answer.per_document_lead", figures="；".join(parts))
        text = lead + self._reading(evidence) + "\n" + "\n".join(quotes)
        figures = [c.figure for row in rows for c in row]
        return Answer(text, refused=False, sources=sources, figures=figures, standalone_question=evidence.query.standalone,
                      reading=self._reading(evidence).strip("（）"))

    def _when(self, evidence: Evidence) -> Answer:
        when = evidence.when
        if evidence.figures:
            choice = evidence.figures[0][0]
            hits_chunks, figures = [choice.hit], [choice.figure]
        else:
            hits_chunks, figures = list(evidence.sentences), []
        if when == "截至目前":
            lead = str(self.prompts.get("answer.year_as_of_now"))
        elif re.fullmatch(r"\d{4}", when or ""):
            lead = self.prompts.render("answer.year_lead", year=f"{when}年")
        elif when:
            lead = self.prompts.render("answer.date_lead", date=when)
        else:
            lead = str(self.prompts.get("answer.year_missing"))
        sources = [Source.from_hit(h) for h in hits_chunks]
        doc = self._document_lead([h.chunk for h in hits_chunks])
        body = "\n".join(f"{h.chunk.text}[{n}]" for n, h in enumerate(hits_chunks, 1))
        return Answer(f"{lead}{doc}\n{body}", refused=False, sources=sources, figures=figures,
                      standalone_question=evidence.query.standalone, reading=self._reading(evidence).strip("（）"))

    def _steps(self, evidence: Evidence) -> Answer:
        headings = [_clean_heading(i.heading) for i in evidence.steps]
        if all(_ARTICLE.match(h) for h in headings):  # a policy's articles: their numbers say nothing of the way
            intro = str(self.prompts.get("answer.rules_intro"))
        else:
            intro = self.prompts.render("answer.steps_intro", ways="、".join(headings))
        lines = [intro + self._document_lead([evidence.steps[0].chunk])]
        sources = []
        for n, item in enumerate(evidence.steps, 1):
            lines.append(f"{_BULLETS[n - 1]} {item.heading}：{item.chunk.text}[{n}]")
            sources.append(Source.from_chunk(item.chunk, item.score))
        lines.append(self.prompts.render("answer.steps_outro"))
        return Answer("\n".join(lines), refused=False, sources=sources, standalone_question=evidence.query.standalone,
                      reading=self._reading(evidence).strip("（）"))

    def _quotes(self, evidence: Evidence, lead: str = "") -> Answer:
        hits = evidence.sentences
        body = "\n".join(f"{h.chunk.text}[{n}]" for n, h in enumerate(hits, 1))
        text = (lead + self._reading(evidence) + "\n" if lead or self._reading(evidence) else "") + body
        return Answer(text, refused=False, sources=[Source.from_hit(h) for h in hits],
                      standalone_question=evidence.query.standalone, reading=self._reading(evidence).strip("（）"))

    # --- refusals ------------------------------------------------------------------------------------------------
    def refusal(self, evidence: Evidence) -> Answer:
        reason, detail = evidence.refusal, evidence.detail
        scope = self.prompts.render("answer.scope", coverage=self.coverage_label)
        if reason == "unmet":
            first = self.prompts.render("answer.unmet_constraint", what=detail.get("what", ""))
        elif reason == "enterprise":
            first = self.prompts.render("answer.enterprise", enterprise=detail.get("enterprise", ""))
        elif reason in ("no_figure", "no_answer") and detail.get("known") and detail.get("unknown"):
            first = self.prompts.render("answer.partial", known="、".join(detail["known"][:2]),
                                        unknown="、".join(detail["unknown"][:2]))
        elif reason == "no_figure":
            first = str(self.prompts.get("answer.no_figure"))
        else:
            first = str(self.prompts.get("answer.refusal"))
        lines = [first + scope, str(self.prompts.get("answer.referral"))]
        if evidence.suggestions:
            lines.append(str(self.prompts.get("answer.did_you_mean")))
            lines += [self.prompts.render("answer.suggestion", question=q) for q in evidence.suggestions]
        return Answer("\n".join(lines), refused=True, standalone_question=evidence.query.standalone,
                      suggestions=list(evidence.suggestions), reading=self._reading(evidence).strip("（）"))

    # --- pieces ----------------------------------------------------------------------------------------------------
    def _plain(self, evidence: Evidence, text: str, refused: bool = False) -> Answer:
        return Answer(text, refused=refused, standalone_question=evidence.query.standalone)

    def _reading(self, evidence: Evidence) -> str:
        corrections = evidence.query.corrections
        if not corrections:
            return ""
        return self.prompts.render("answer.reading", terms="”“".join(dict.fromkeys(c.read_as for c in corrections)))

    def _document_lead(self, chunks: list[Chunk]) -> str:
        if not self.several_documents or not chunks:
            return ""
        return self.prompts.render("answer.document_lead", document=chunks[0].doc.name)


def _short_label(choice: FigureChoice, evidence: Evidence) -> str:
    label = choice.figure.label
    return label if len(label) <= 10 else label[-8:]


def _clean_heading(heading: str) -> str:
    return heading.rstrip("。:：,，")
