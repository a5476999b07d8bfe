"""FAISS (the default) beside Milvus Lite (`ASSISTANT_MILVUS_URI`, a local file) on the same knowledge bases:
index build (with the sync into Milvus), search and ask latency over the eval questions with caches cleared
before every run (median of --runs runs, beside the embedder's own time), and the eval on both.

    .venv/bin/python scripts/bench_milvus.py [--runs 3] [--no-eval]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.core import Assistant  # noqa: E402
from assistant.evaluation import evaluate, multi_settings, read_items  # noqa: E402
from assistant.settings import Settings  # noqa: E402

METRICS = ("answer_accuracy", "wrong_figures", "refusal_recall", "follow_up_accuracy", "multidoc_accuracy",
           "recall@1", "recall@5")


def latency(assistant: Assistant, call, questions: list[str], runs: int) -> float:
    medians = []
    for _ in range(runs):
        assistant.clear_caches()
        samples = []
        for question in questions:
            started = time.perf_counter()
            call(question)
            samples.append((time.perf_counter() - started) * 1000)
        medians.append(statistics.median(samples))
    return statistics.median(medians)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-eval", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-milvus-"))
    singles, _ = read_items(ROOT / "eval")
    base = multi_settings(Settings.from_env(root=ROOT, index_dir=tmp / "faiss", data_dir=tmp / "data"), ROOT / "eval")
    backends = {"FAISS": base, "Milvus Lite": replace(base, index_dir=tmp / "milvus", milvus_uri=str(tmp / "milvus.db"))}
    rows, evals, embedder = {}, {}, None
    for name, settings in backends.items():
        assistant = Assistant(settings, embedder=embedder)
        embedder = assistant.embedder
        started = time.perf_counter()
        report = assistant.build_index()
        build = time.perf_counter() - started
        assistant.warm_up()
        questions = [i["question"] for i in singles if i["kb"] in ("multi", "shipped")]
        for question in questions[:10]:
            assistant.ask(question)
        embed = latency(assistant, embedder.embed_question, questions, args.runs)
        search = latency(assistant, lambda q, a=assistant: a.search(q, top_k=5), questions, args.runs)
        ask = latency(assistant, assistant.ask, questions, args.runs)
        rows[name] = (report.chunks, build, embed, search, ask)
        if not args.no_eval:
            # the shipped report's questions on the shipped report, the multi-document ones on all documents
            shipped = Assistant(replace(settings, knowledge_dir=ROOT / "knowledge", index_dir=settings.index_dir.parent /
                                        f"{settings.index_dir.name}-shipped"), embedder=embedder)
            shipped.build_index()
            evals[name] = evaluate(shipped, ROOT / "eval").metrics

    print(f"\n## FAISS beside Milvus Lite ({len(questions)} eval questions, caches cleared, median of {args.runs} runs)\n")
    print("| backend | chunks | build (+ sync) s | embedding alone ms | search ms | ask ms | ask / embedding |")
    print("|---|---|---|---|---|---|---|")
    for name, (chunks, build, embed, search, ask) in rows.items():
        print(f"| {name} | {chunks} | {build:.2f} | {embed:.1f} | {search:.1f} | {ask:.1f} | {ask / embed:.2f}× |")
    if evals:
        print("\n| eval | " + " | ".join(f"{n} dev | {n} test" for n in evals) + " |")
        print("|---|" + "---|" * (2 * len(evals)))
        for metric in METRICS:
            cells = [f"{m[split][metric]}" for m in evals.values() for split in ("dev", "test")]
            print(f"| {metric} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
