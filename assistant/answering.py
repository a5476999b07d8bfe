"""Hits → Answer (placeholder: top hit). Replaced by the grounded answerer."""
from __future__ import annotations
from .types import Answer, Source

class Answerer:
    def __init__(self, index, retriever, prompts):
        self.index, self.retriever, self.prompts = index, retriever, prompts
    def answer(self, question, history):
        q = self.retriever.prepare(question, history)
        hits = self.retriever.search(q, 5)
        return Answer(answer=hits[0].chunk.text if hits else "", refused=not hits, sources=[Source.from_hit(h) for h in hits[:1]])
    def find_figures(self, query):
        return [f for f in self.index.figures if query in f.label or query in f.sentence]
