"""The gold set in eval/ → metrics, measured through the same `Assistant` users call.

Retrieval: recall@1, recall@5 and MRR of each question's evidence (a substring of the knowledge base).
Answers: figure accuracy, list coverage, key-term coverage, refusal precision and recall, follow-up
accuracy over multi-turn dialogues, and numeric faithfulness over every answer produced.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .answering import unfaithful_numbers
from .core import Assistant

# The bars CI holds the product to (issues 2 and 3).
BARS = {
    "recall@1": 0.90, "recall@5": 0.98, "numeric_faithfulness": 1.0, "figure_accuracy": 0.98,
    "list_coverage": 0.95, "refusal_precision": 0.95, "refusal_recall": 0.95, "follow_up_accuracy": 0.95,
}


@dataclass
class EvalReport:
    metrics: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)  # one entry per question that missed, for reading

    def below_bars(self) -> dict:
        return {k: (self.metrics.get(k, 0.0), bar) for k, bar in BARS.items() if self.metrics.get(k, 0.0) < bar}


def _read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _contains_all(text: str, needles: list[str]) -> bool:
    return all(n in text for n in needles)


def evaluate(assistant: Assistant, eval_dir: Path) -> EvalReport:
    gold = _read_jsonl(Path(eval_dir) / "gold.jsonl")
    dialogues = _read_jsonl(Path(eval_dir) / "dialogues.jsonl")
    report = EvalReport()
    m = report.metrics
    started = time.perf_counter()

    ranks, faithful, answered = [], 0, 0
    figure_ok, list_cov, fact_cov = [], [], []
    refused_tp = refused_fp = refused_fn = 0
    for item in gold:
        answer = assistant.ask(item["question"])
        answered += 1
        faithful += not unfaithful_numbers(answer, item["question"])
        expected_refusal = bool(item.get("refuse"))
        refused_tp += answer.refused and expected_refusal
        refused_fp += answer.refused and not expected_refusal
        refused_fn += expected_refusal and not answer.refused
        if expected_refusal:
            if not answer.refused:
                report.failures.append({"id": item["id"], "why": "should refuse", "answer": answer.answer})
            continue
        hits = assistant.search(item["question"], top_k=5)
        rank = next((i for i, h in enumerate(hits, 1) if item["evidence"] in h.chunk.text), None)
        ranks.append(rank)
        if rank != 1:
            report.failures.append({"id": item["id"], "why": f"evidence at rank {rank}", "question": item["question"]})
        needles = item.get("must_contain", [])
        text = "" if answer.refused else answer.answer
        if item["kind"] == "figure":
            figure_ok.append(_contains_all(text, needles))
        else:
            share = sum(n in text for n in needles) / len(needles) if needles else 1.0
            (list_cov if item["kind"] == "list" else fact_cov).append(share)
        if needles and not _contains_all(text, needles):
            report.failures.append({"id": item["id"], "why": "answer misses " + "、".join(n for n in needles if n not in text),
                                    "question": item["question"], "answer": answer.answer})

    follow_ok = []
    for dialogue in dialogues:
        history: list[dict] = []
        for turn_no, turn in enumerate(dialogue["turns"]):
            answer = assistant.ask(turn["question"], history)
            answered += 1
            faithful += not unfaithful_numbers(answer, turn["question"])
            ok = not answer.refused and _contains_all(answer.answer, turn.get("must_contain", []))
            if turn_no > 0:
                follow_ok.append(ok)
                if not ok:
                    report.failures.append({"id": dialogue["id"], "why": f"turn {turn_no + 1}", "question": turn["question"],
                                            "answer": answer.answer})
            history += [{"role": "user", "content": turn["question"]}, {"role": "assistant", "content": answer.answer}]

    found = [r for r in ranks if r]
    m["questions"] = len(gold)
    m["dialogues"] = len(dialogues)
    m["recall@1"] = _share(sum(r == 1 for r in found), len(ranks))
    m["recall@5"] = _share(len(found), len(ranks))
    m["mrr"] = round(sum(1 / r for r in found) / max(1, len(ranks)), 4)
    m["figure_accuracy"] = _share(sum(figure_ok), len(figure_ok))
    m["list_coverage"] = _share(sum(list_cov), len(list_cov))
    m["key_term_coverage"] = _share(sum(fact_cov), len(fact_cov))
    m["refusal_precision"] = _share(refused_tp, refused_tp + refused_fp)
    m["refusal_recall"] = _share(refused_tp, refused_tp + refused_fn)
    m["follow_up_accuracy"] = _share(sum(follow_ok), len(follow_ok))
    m["numeric_faithfulness"] = _share(faithful, answered)
    m["seconds"] = round(time.perf_counter() - started, 2)
    return report


def _share(part: float, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def write_report(report: EvalReport, path: Path) -> None:
    """Atomic write: a crash never leaves half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    payload = {"metrics": report.metrics, "bars": BARS, "below_bars": report.below_bars(), "failures": report.failures}
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
