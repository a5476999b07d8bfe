"""Evidence → answer text. A writer words what the evidence step decided; it decides nothing itself.

`ExtractiveWriter` (the default, offline) leads with what was asked — the figure, each document's figure, the
steps — then quotes the source sentences verbatim with [n] citations. All its wording is in prompts/answer.toml.
`LLMWriter` (optional: a site's intranet model) rewords the same evidence for a worker, under the number guard,
and falls back to the extractive answer whenever its text cannot be shown. Both stream sentence by sentence.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Protocol

import jieba

from .evidence import CLAIM_NUMBER, Evidence, FigureChoice, claim_verdict
from .guard import sentence_problem, written_problem
from .prompts import Prompts
from .query import DECLINED, MOST_OR_MORE
from .types import STEP_BULLETS, Answer, Chunk, Source

log = logging.getLogger(__name__)

_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+[条章节]$")  # not digits: every digit in an answer must come from a cited sentence
# A sum asked ("加起来多少", "两级加在一起"): no document writes one, and none is computed (see answer.unsummed).
_SUM_ASKED = re.compile(r"加起来|加在一起|加一起|加一块|合起来|相加|总和")


class Writer(Protocol):
    name: str

    def write(self, evidence: Evidence) -> Answer:
        """The answer for this evidence; `sources` are what its [n] markers cite."""

    def stream(self, evidence: Evidence) -> Iterator[dict]:
        """{"delta": text} events, then {"answer": Answer} or {"replace": Answer} (shown text is superseded)."""


class ExtractiveWriter:
    """Templates over the evidence; several documents in the knowledge base → every lead names its document."""

    name = "extractive"

    def __init__(self, prompts: Prompts, coverage_label: str, several_documents: bool,
                 on_subject: frozenset[str] = frozenset(), segment: Callable[[str], list[str]] | None = None) -> None:
        self.prompts = prompts
        # How labels are cut into words when shortened: the knowledge base's tokenizer keeps its terms whole
        # (职工代表大会, not 职工 + 代表大会).
        self.segment = segment or (lambda text: jieba.lcut(text, HMM=False))
        self.coverage_label = coverage_label
        self.several_documents = several_documents  # several documents on the knowledge base's subject
        self.on_subject = on_subject  # their ids, when the knowledge base also holds documents on other subjects

    def _named(self, doc) -> bool:
        """Whether an answer names its document: when another could have answered (several on the subject), or
        it is one of the other material."""
        return self.several_documents or bool(self.on_subject) and doc.id not in self.on_subject

    def stream(self, evidence: Evidence) -> Iterator[dict]:
        yield from self.stream_answer(self.write(evidence))

    def stream_answer(self, answer: Answer) -> Iterator[dict]:
        """An answer already written, line by line (a quote with its [n] stays whole)."""
        for line in answer.answer.splitlines(keepends=True):
            if line.strip():
                yield {"delta": line}
        yield {"answer": answer}

    def write(self, evidence: Evidence) -> Answer:
        answer = self._write(evidence)
        unanswered = evidence.detail.get("unanswered")
        if unanswered and not answer.refused and self.prompts.has("answer.unanswered_part"):
            # ("职工驿站一共有几个，我们车间旁边那个几点开门": the count, then that no document gives the hours)
            first, _, rest = answer.answer.partition("\n")
            note = self.prompts.render("answer.unanswered_part", what=unanswered)
            answer = replace(answer, answer=f"{first}{note}" + (f"\n{rest}" if rest else ""))
        return answer

    def _write(self, evidence: Evidence) -> Answer:
        kind = evidence.kind
        if kind == "thanks" and self.prompts.has("answer.thanks"):  # a prompts folder of an older version may lack it
            return self._plain(evidence, self.prompts.render("answer.thanks"))
        if kind in ("greeting", "thanks"):
            return self._plain(evidence, self.prompts.render("answer.greeting") + "\n" + self.prompts.render("answer.capabilities"))
        if kind == "capabilities":
            return self._plain(evidence, self.prompts.render("answer.capabilities"))
        if kind in DECLINED and self.prompts.has(f"answer.{kind}"):
            # (a prompts folder of an older version may lack one: then the guarded wording)
            return self._plain(evidence, self.prompts.render(f"answer.{kind}") + "\n" + self.prompts.render("answer.referral"),
                               refused=True)
        if kind in DECLINED:
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
        if kind == "source":
            doc = evidence.sentences[0].chunk.doc
            lead = self.prompts.render("answer.source_lead", document=doc.title or doc.name,
                                       detail="，".join(filter(None, [doc.issuer, f"{doc.year}年" if doc.year else ""])))
            article = evidence.detail.get("article", "")  # (and which article, when asked: "…哪个文件的哪一条")
            if article and self.prompts.has("answer.article_lead"):
                lead += self.prompts.render("answer.article_lead", article=article)
            return self._quotes(evidence, lead=lead)
        if kind == "documents" and self.prompts.has("answer.documents_lead"):  # (older prompt folders lack it)
            lines = [self.prompts.render("answer.documents_lead")]
            for n, hit in enumerate(evidence.sentences, 1):
                doc = hit.chunk.doc
                lines.append(f"· {doc.name}：《{doc.title}》[{n}]" if doc.title and doc.name != doc.title
                             else f"· 《{doc.title or doc.name}》[{n}]")
            return Answer("\n".join(lines), refused=False, sources=[Source.from_hit(h) for h in evidence.sentences],
                          standalone_question=evidence.query.standalone)
        if kind == "issuer":
            lead = self.prompts.render("answer.issuer_lead", issuer=evidence.detail["issuer"],
                                       document=evidence.sentences[0].chunk.doc.title)
            return self._quotes(evidence, lead=lead)
        lead = self._document_lead([h.chunk for h in evidence.sentences])
        if evidence.detail.get("item") and self.prompts.has("answer.item_lead"):  # ("第三条是啥": that item first)
            lead = self.prompts.render("answer.item_lead", nth=evidence.detail["nth"], item=evidence.detail["item"]) + lead
        if evidence.detail.get("others") and self.prompts.has("answer.others_lead"):  # ("还有呢": the rest of it)
            lead = self.prompts.render("answer.others_lead", others=evidence.detail["others"]) + lead
        article = evidence.detail.get("article", "")  # (the article asked for: "实施意见第几条讲职工监事")
        if article and self.prompts.has("answer.article_lead"):  # (older prompt folders lack it)
            lead = self.prompts.render("answer.article_lead", article=article) + lead
        return self._quotes(evidence, lead=lead, heading=_shared_heading(evidence.sentences))

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
                # "劳模一共多少人" → "全国劳模45人", not "45人": the level is the label's, not the question's; a rate
                # says its period ("每季度召开工作例会1次"); and what a question described in its own words is named
                # ("能歇脚的那种站点" → "职工驿站157个").
                # (and one of two asked, which one it is; or each of two, given by documents of their own)
                labelled = any(row[0].features.get(k) for k in ("level_unasked", "how_often", "described")) \
                    or bool(evidence.detail.get("partial") or evidence.detail.get("apart"))
                label = _short_label(row[0], self.segment) if labelled else ""
                if row[0].features.get("how_often") and not _PERIOD.search(label):
                    label = _period(row[0]) + label
                return label + row[0].figure.text
            return "，".join(f"{_short_label(c, self.segment)}{c.figure.text}" for c in row)

        if len(rows) == 1:
            row = rows[0]
            for choice in row:
                cite(choice)
            doc = f"（{row[0].figure.doc.name}）" if self._named(row[0].figure.doc) else ""
            lead = self.prompts.render("answer.figure_lead", figure=figures_text(row) + doc)
        else:
            parts = []
            for row in rows:
                for choice in row:
                    cite(choice)
                parts.append(self.prompts.render("answer.document_figure", document=row[0].figure.doc.name,
                                                 figure=figures_text(row)))
            lead = self.prompts.render("answer.per_document_lead", figures="；".join(parts))
        verdict = claim_verdict(evidence.query.claimed, rows)
        if verdict is not None and self.prompts.has("answer.claim_right"):
            # ("听说职工董事有700个，对吗": whether what was heard is the figure, then the figure; the number heard is not
            # repeated, for no number of an answer is one its sentences do not hold)
            lead = self.prompts.render("answer.claim_right" if verdict else "answer.claim_wrong") + lead
        if evidence.detail.get("article") and self.prompts.has("answer.article_lead"):
            lead += self.prompts.render("answer.article_lead", article=evidence.detail["article"])
        if evidence.detail.get("missing") and self.prompts.has("answer.figure_missing"):
            # (one of two figures asked: the other is said not found, on the same line the LLM writer is given)
            lead += self.prompts.render("answer.figure_missing", what=evidence.detail["missing"])
        if evidence.detail.get("uncovered") and self.prompts.has("answer.uncovered_part"):
            # ("贵州2022年和2021年职工董事各多少": 2022's figure, and that no document is of 贵州 in 2021)
            lead += self.prompts.render("answer.uncovered_part", what=evidence.detail["uncovered"])
        if evidence.detail.get("unfigured") and self.prompts.has("answer.unfigured_part"):
            # ("贵州2023年职工董事有多少，比2022年多多少": 2022's figure, and that 2023's documents give none)
            lead += self.prompts.render("answer.unfigured_part", what=evidence.detail["unfigured"])
        figures = [c.figure for row in rows for c in row]
        compared = _compared(evidence.query.own, rows)
        if compared is not None and self.prompts.has("answer.compared"):
            # ("职工董事和职工监事哪个多": which one, then both as they are, each a figure of the answer, the one named
            # first)
            which, more = compared
            name = (f"{which.figure.doc.name}的" if len(rows) > 1 else _short_label(which, self.segment)) + which.figure.text
            # (of three or more, or asked so, "哪个最多": the most, not the more)
            # (and in the question's own terms: "哪个最高" is answered 最高)
            most = len(figures) > 2 or re.search(r"最[多少高低大]", evidence.query.original)
            said = MOST_OR_MORE.search(evidence.query.original) or MOST_OR_MORE.search(evidence.query.own)
            pair = next((p for p in ("高低", "大小") if said and re.search(f"[{p}]", said.group(0)[-2:])), "多少")
            lead = self.prompts.render("answer.compared", which=name,
                                       more=("最" if most else "更") + pair[0 if more else 1]) + lead
            figures = [which.figure] + [f for f in figures if f is not which.figure]
        if len(figures) >= 2 and _SUM_ASKED.search(evidence.query.original) \
                and self.prompts.has("answer.unsummed"):
            # ("全国劳模跟省部级劳模加起来多少": each figure, and that no sentence gives their sum, which is not computed)
            lead += self.prompts.render("answer.unsummed")
        text = lead + self._reading(evidence) + "\n" + "\n".join(quotes)
        return Answer(text, refused=False, sources=sources, figures=figures, standalone_question=evidence.query.standalone,
                      reading=self._reading(evidence).strip("（）"))

    def _when(self, evidence: Evidence) -> Answer:
        when = evidence.when
        # The answer is a date: the figure it dates is quoted in its sentence, not given as the answer's figure.
        hits_chunks = [evidence.figures[0][0].hit] if evidence.figures else list(evidence.sentences)
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
        return Answer(f"{lead}{doc}\n{body}", refused=False, sources=sources,
                      standalone_question=evidence.query.standalone, reading=self._reading(evidence).strip("（）"))

    def _steps(self, evidence: Evidence) -> Answer:
        headings = [_clean_heading(i.heading) for i in evidence.steps]
        listing = evidence.query.intent == "list"  # ("建了哪些机制": the things themselves, no way to take part)
        if all(_ARTICLE.match(h) for h in headings):  # a policy's articles: their numbers say nothing of the way
            intro = str(self.prompts.get("answer.rules_intro"))
        elif listing and evidence.detail.get("part") and self.prompts.has("answer.part_intro"):
            # ("第二条展开说说" after a report's parts: that part, then its sub-points)
            intro = self.prompts.render("answer.part_intro", part=evidence.detail["part"], items="、".join(headings))
        elif listing:
            intro = self.prompts.render("answer.list_intro", items="、".join(headings))
        else:
            intro = self.prompts.render("answer.steps_intro", ways="、".join(headings))
        lines = [intro + self._document_lead([evidence.steps[0].chunk])]
        sources = []
        for n, item in enumerate(evidence.steps, 1):
            lines.append(f"{STEP_BULLETS[n - 1]} {item.heading}：{item.chunk.text}[{n}]")
            sources.append(Source.from_chunk(item.chunk, item.score))
        if not listing:
            lines.append(self.prompts.render("answer.steps_outro"))
        return Answer("\n".join(lines), refused=False, sources=sources, standalone_question=evidence.query.standalone,
                      reading=self._reading(evidence).strip("（）"))

    def _quotes(self, evidence: Evidence, lead: str = "", heading: str = "") -> Answer:
        hits = evidence.sentences
        body = "\n".join(f"{h.chunk.text}[{n}]" for n, h in enumerate(hits, 1))
        if heading:  # what the quoted sentences are an instance of ("积极通过“师带徒”提升：广泛开展“师傅帮带徒弟”…")
            body = f"{heading}：\n{body}"
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
        elif reason == "place":
            first = self.prompts.render("answer.place", place=detail.get("place", ""))
        elif reason in ("no_figure", "no_answer") and detail.get("known") and detail.get("unknown"):
            first = self.prompts.render("answer.partial", known="、".join(detail["known"][:2]),
                                        unknown="、".join(detail["unknown"][:2]))
        elif detail.get("missing") and self.prompts.has("answer.missing"):  # (older prompt folders lack it)
            first = self.prompts.render("answer.missing", what=detail["missing"])
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
        if not chunks or not self._named(chunks[0].doc):
            return ""
        return self.prompts.render("answer.document_lead", document=chunks[0].doc.name)


_LABEL_LIMIT = 12
_BOUND_AFTER = re.compile(r"(?:不低于|不少于|不超过|不高于|达到|超过|至少|累计)$")


def _compared(asked: str, rows: list) -> tuple[FigureChoice, bool] | None:
    """Which of the figures found is the more (True) or the less (False) a question asks for ("哪个多", "谁更少",
    "哪一年高"): of two or more figures of one unit, each one number, none equal; None otherwise."""
    which = MOST_OR_MORE.search(asked)
    choices = [c for row in rows for c in row]
    # (80余家 is of 家 as 52家 is: more than the number written, of the same unit)
    if which is None or len(choices) < 2 or len({c.figure.unit.lstrip("余多") for c in choices}) != 1:
        return None
    scale = {"万": 1e4, "亿": 1e8, "": 1}
    values = []
    for choice in choices:
        found = CLAIM_NUMBER.fullmatch(choice.figure.value.strip())
        if found is None:  # (a range, 1—2, or a fraction: no one number to compare)
            return None
        values.append(float(found.group(1)) * scale[found.group(2) or ""])
    if len(set(values)) != len(values):
        return None
    more = re.search(r"[少低小]", which.group(0)[-3:]) is None
    return choices[values.index(max(values) if more else min(values))], more


def _short_label(choice: FigureChoice, segment: Callable[[str], list[str]]) -> str:
    """A label short enough to lead with, cut at word boundaries from the front (开展各类劳动竞赛和技术比武 →
    劳动竞赛和技术比武), never inside a word."""
    label = choice.figure.label
    # (a bound the label ends in is no part of what it names: "首席技师每月技能津贴不低于" is kept whole, not cut to
    # 技师…, which names another grade)
    if len(_BOUND_AFTER.sub("", label)) <= _LABEL_LIMIT:
        return label
    if "、" in label:  # names listed together (昆钢公司、建投集团…): lead with the last, never with part of one
        label = label.rsplit("、", 1)[1]
        if len(label) <= _LABEL_LIMIT:
            return label
    words = segment(label)
    # (nor with the 年 of a year cut in two: "到2025年全省要培养高技能人才" → 全省要培养高技能人才)
    # (nor with what ended a place cut off: "在省属企业中创建全国文明单位" → 创建全国文明单位, not 中创建…)
    while words and (sum(map(len, words)) > _LABEL_LIMIT or words[0] in "和与及的、，中里内为被" or words[0] in ("年", "月", "日")):
        words.pop(0)
    return "".join(words) or label[-_LABEL_LIMIT:]


_PERIOD = re.compile(r"每(?:两年|三年|半年|年|季度|个?月|届|周)")


def _period(choice: FigureChoice) -> str:
    """The period a rate is per, as its label or sentence says it before the figure ("每两年举办1次全省职工职业技能
    大赛": 每两年), for a lead whose shortened label lost it (not "举办…大赛1次")."""
    figure = choice.figure
    found = list(_PERIOD.finditer(figure.label)) or list(_PERIOD.finditer(figure.sentence.split(figure.text, 1)[0][-12:]))
    return found[-1].group(0) if found else ""


def _shared_heading(hits) -> str:
    """The sub-point all quoted sentences sit under, when it names something they do not say themselves: a report's
    sub-point heading ("积极通过“师带徒”提升", "扎实开展厂务公开民主管理"), not a policy's article number, nor one
    holding a digit (every digit of an answer comes from a cited sentence)."""
    sections = {h.chunk.section for h in hits}
    if len(sections) != 1 or " › " not in next(iter(sections)) or any(h.chunk.kind != "sentence" for h in hits):
        return ""
    heading = _clean_heading(next(iter(sections)).rsplit(" › ", 1)[-1])
    if _ARTICLE.match(heading) or re.search(r"\d", heading) or any(heading in h.chunk.text for h in hits):
        return ""
    return heading


def _clean_heading(heading: str) -> str:
    return heading.rstrip("。:：,，")


# --- the optional LLM writer -----------------------------------------------------------------------------------
WRITABLE = frozenset({"figures", "when", "steps", "sentences", "issuer", "source"})  # never refusals, greetings or tasks
# A sentence is complete at its end mark and the [n] markers after it, once a character that cannot continue
# them has arrived (in a stream, "…617名。" may still be followed by "[1]").
_COMPLETE = re.compile(r".*?(?:[。！？!?](?:\[\d{1,3}\])*(?=[^\[\]\d])|\n)", re.S)


def complete_sentences(buffer: str) -> tuple[list[str], str]:
    """The complete sentences at the start of a streamed buffer, and what remains."""
    sentences, end = [], 0
    for match in _COMPLETE.finditer(buffer):
        sentences.append(match.group(0))
        end = match.end()
    return sentences, buffer[end:]


@dataclass
class Breaker:
    """Stops calling a failing model for `cooldown` seconds after `failures` failures in a row."""

    failures: int = 3
    cooldown: float = 30.0
    _count: int = 0
    _open_until: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def open(self) -> bool:
        return time.monotonic() < self._open_until

    def failed(self) -> None:
        with self._lock:
            self._count += 1
            if self._count >= self.failures:
                self._open_until = time.monotonic() + self.cooldown
                self._count = 0
                log.warning("LLM writer: %d failures in a row; using the extractive writer for %.0f s",
                            self.failures, self.cooldown)

    def succeeded(self) -> None:
        with self._lock:
            self._count = 0


class LLMWriter:
    """An intranet LLM (any OpenAI-compatible chat API, through LangChain's ChatOpenAI) words the evidence the
    code chose, from the same sources the extractive answer cites. Its answer is shown only if it passes the
    guard (`guard.written_problem`); otherwise — and on any error, timeout, refusal-like reply or an open
    breaker — the extractive answer is, with the reason in `fallback`."""

    name = "llm"

    def __init__(self, prompts: Prompts, extractive: ExtractiveWriter, model: object, allowed_text: str = "",
                 breaker: Breaker | None = None, total_timeout: float = 20.0) -> None:
        self.prompts = prompts
        self.extractive = extractive
        self.model = model  # a LangChain chat model
        self.allowed_text = allowed_text
        self.breaker = breaker or Breaker()
        self.total_timeout = total_timeout
        prompts.render("llm.user", question="", sources="", lead="")  # wording present and complete at start-up

    def write(self, evidence: Evidence) -> Answer:
        base = self.extractive.write(evidence)
        messages = self._messages(evidence, base)
        if messages is None:
            return base
        if self.breaker.open:
            return replace(base, fallback="circuit_open")
        try:
            reply = self.model.invoke(messages)
            text = str(reply.content).strip()
        except Exception as exc:
            self.breaker.failed()
            log.warning("LLM writer failed (%s); extractive answer used", type(exc).__name__)
            return replace(base, fallback="error")
        self.breaker.succeeded()
        return self._checked(base, text)

    def stream(self, evidence: Evidence) -> Iterator[dict]:
        """Events: {"delta": sentence} for each checked sentence, then {"answer": Answer}; a sentence that fails
        the guard stops the model and ends in {"replace": extractive Answer}."""
        base = self.extractive.write(evidence)
        messages = self._messages(evidence, base)
        if messages is None or self.breaker.open:
            yield from self.extractive.stream_answer(replace(base, fallback="" if messages is None else "circuit_open"))
            return
        shown, pending = [], ""
        started = time.monotonic()
        try:
            for chunk in self.model.stream(messages):
                pending += str(chunk.content)
                complete, pending = complete_sentences(pending)
                for sentence in (s for s in complete if s.strip()):
                    problem = guard_sentence(sentence, base, self.allowed_text)
                    if problem:
                        yield from self._replace(base, "".join(shown) + sentence, problem)
                        return
                    shown.append(sentence)
                    yield {"delta": sentence}
                if time.monotonic() - started > self.total_timeout:
                    raise TimeoutError("the model took too long")
            if pending.strip():
                problem = guard_sentence(pending, base, self.allowed_text)
                if problem:
                    yield from self._replace(base, "".join(shown) + pending, problem)
                    return
                shown.append(pending)
                yield {"delta": pending}
        except Exception as exc:
            self.breaker.failed()
            log.warning("LLM writer stream failed (%s)", type(exc).__name__)
            yield {"replace": replace(base, fallback="error")}
            return
        self.breaker.succeeded()
        answer = self._checked(base, "".join(shown).strip())
        yield {"replace": answer} if answer.writer != "llm" else {"answer": answer}

    def _replace(self, base: Answer, written: str, problem: str) -> Iterator[dict]:
        log.warning("LLM answer failed the guard (%s); extractive answer shown instead.\nwritten: %r\nextractive: %r",
                    problem, written, base.answer)
        yield {"replace": replace(base, fallback=problem)}

    def _checked(self, base: Answer, text: str) -> Answer:
        written = replace(base, answer=text, writer="llm")
        problem = written_problem(written, self.allowed_text)
        if problem:
            log.warning("LLM answer failed the guard (%s); extractive answer shown instead.\nwritten: %r\nextractive: %r",
                        problem, text, base.answer)
            return replace(base, fallback=problem)
        return written

    def _messages(self, evidence: Evidence, base: Answer) -> list | None:
        """The chat for the model, or None when the code's answer is not one to reword (a refusal, a greeting)."""
        if evidence.kind not in WRITABLE or base.refused or not base.sources:
            return None
        sources = "\n".join(f"[{n}] 《{s.document.get('name') or s.title}》{s.section}：{s.text}"
                            for n, s in enumerate(base.sources, 1))
        lead = base.answer.split("\n", 1)[0]
        return [("system", self.prompts.render("llm.system")),
                ("human", self.prompts.render("llm.user", question=evidence.query.standalone, sources=sources, lead=lead))]


def guard_sentence(sentence: str, base: Answer, allowed_text: str) -> str:
    return sentence_problem(sentence, base, allowed_text)


def make_llm_writer(prompts: Prompts, extractive: ExtractiveWriter, allowed_text: str) -> LLMWriter | None:
    """The LLM writer when ASSISTANT_LLM_BASE_URL and ASSISTANT_LLM_MODEL are set (the key, optional, is read
    here and never logged); None otherwise: the extractive writer serves alone."""
    base_url = os.environ.get("ASSISTANT_LLM_BASE_URL", "").strip()
    model_name = os.environ.get("ASSISTANT_LLM_MODEL", "").strip()
    if not base_url or not model_name:
        return None
    from langchain_openai import ChatOpenAI

    first_token = float(os.environ.get("ASSISTANT_LLM_FIRST_TOKEN_TIMEOUT", "5"))
    total = float(os.environ.get("ASSISTANT_LLM_TIMEOUT", "20"))
    model = ChatOpenAI(model=model_name, base_url=base_url, api_key=os.environ.get("ASSISTANT_LLM_API_KEY") or "none",
                       timeout=total, max_retries=0, temperature=0.2, stream_chunk_timeout=first_token)
    log.info("LLM writer on: model %s at %s", model_name, base_url)
    return LLMWriter(prompts, extractive, model, allowed_text, total_timeout=total)
