"""Benchmark the pipeline on this machine and print a table.

Index build time for the shipped knowledge base (cold: empty embedding cache; warm: cache filled, build
rewritten; unchanged: nothing to do); search and ask latency over the eval questions (warm; median and p95
per run, median of --runs runs) on the shipped knowledge base and with the eval's fixture documents added,
each beside the embedder's own time for the same questions; and the process's peak memory.

    .venv/bin/python scripts/bench.py [--runs 5] [--every 1]

`--every N` times every Nth question only (a fixed sample, the same each run): the eval has grown to thousands of
questions, and all of them three times take about 40 minutes on a slow 2-core machine.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.core import Assistant  # noqa: E402
from assistant.evaluation import multi_settings, read_items  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def questions(kb: str = "shipped", every: int = 1) -> list[str]:
    """The single questions of eval/ for one knowledge base (both splits: timing, not scoring)."""
    singles, _ = read_items(ROOT / "eval")
    return [item["question"] for item in singles if item["kb"] == kb][::max(1, every)]


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def latency(call, qs: list[str], runs: int, fresh=None) -> tuple[float, float]:
    """Median and p95 over the questions, median of `runs` runs; `fresh` is called before each run (to clear the
    answer and query-vector caches, so that every run computes every answer)."""
    medians, p95s = [], []
    for _ in range(runs):
        if fresh is not None:
            fresh()
        samples = [timed(lambda q=q: call(q)) * 1000 for q in qs]
        medians.append(statistics.median(samples))
        p95s.append(percentile(samples, 0.95))
    return statistics.median(medians), statistics.median(p95s)


def paired(base, call, qs: list[str], runs: int, fresh=None) -> tuple[float, float, float]:
    """Medians of `base` (the embedding alone) and `call` (ask) and the p95 of `call`, timed question by question,
    one right after the other: both see the same moment of this VM, whose speed drifts within seconds (timed
    apart, the ratio of two medians moved between 1.17 and 1.38 from one run to the next)."""
    base_medians, medians, p95s = [], [], []
    for _ in range(runs):
        if fresh is not None:
            fresh()
        base_samples, samples = [], []
        for q in qs:
            base_samples.append(timed(lambda q=q: base(q)) * 1000)
            samples.append(timed(lambda q=q: call(q)) * 1000)
        base_medians.append(statistics.median(base_samples))
        medians.append(statistics.median(samples))
        p95s.append(percentile(samples, 0.95))
    return statistics.median(base_medians), statistics.median(medians), statistics.median(p95s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--every", type=int, default=1, help="time every Nth question only (a fixed sample)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        rows = []
        cold, warm, unchanged = [], [], []
        for _ in range(args.runs):
            shutil.rmtree(tmp / "index", ignore_errors=True)
            assistant = Assistant(Settings.from_env(root=ROOT, index_dir=tmp / "index", data_dir=tmp / "data"))
            cold.append(timed(assistant.build_index))
            shutil.rmtree(tmp / "index" / "builds")
            (tmp / "index" / "CURRENT").unlink()
            warm.append(timed(assistant.build_index))
            unchanged.append(timed(assistant.build_index))
        chunks = assistant.health()["chunks"]
        rows.append(("index build, cold cache", f"{statistics.median(cold):.2f} s", f"{chunks} chunks, all embedded"))
        rows.append(("index build, warm cache", f"{statistics.median(warm):.2f} s", "0 embedded"))
        rows.append(("index rebuild, nothing changed", f"{statistics.median(unchanged) * 1000:.0f} ms", "bar ≤ 1 s"))

        several = Assistant(multi_settings(Settings.from_env(root=ROOT, index_dir=tmp / "index-multi", data_dir=tmp / "data"),
                                           ROOT / "eval"), embedder=assistant.embedder)
        several.build_index()
        for name, kb, subject, bar in (("shipped knowledge base", "shipped", assistant, 1.2),
                                       ("with the fixture documents", "multi", several, 1.5)):
            qs = questions(kb, args.every)
            subject.warm_up()
            for q in qs[:10]:
                subject.ask(q)
            # The embedder's own speed on the same questions in the same run, each question embedded right before
            # it is asked: this VM's speed varies 2× in a day, and drifts within seconds.
            s_med, s_p95 = latency(lambda q, s=subject: s.search(q, top_k=5), qs, args.runs, subject.clear_caches)
            e_med, a_med, a_p95 = paired(lambda q, s=subject: s.embedder.embed_question(q),
                                         lambda q, s=subject: s.ask(q), qs, args.runs, subject.clear_caches)
            rows.append((f"{name}: query embedding alone (median)", f"{e_med:.1f} ms", f"{len(qs)} questions"))
            rows.append((f"{name}: search (median / p95)", f"{s_med:.1f} / {s_p95:.1f} ms", ""))
            rows.append((f"{name}: ask (median / p95)", f"{a_med:.1f} / {a_p95:.1f} ms",
                         f"{a_med / e_med:.2f} × embedding; bar ≤ {bar} ×"))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(("peak memory (RSS)", f"{peak:.0f} MB", "this process"))

        width = max(len(r[0]) for r in rows)
        print(f"{'measure':<{width}}  {'value':>18}  note   (median of {args.runs} runs"
              f"{f', one question in {args.every}' if args.every > 1 else ''})")
        print("-" * (width + 40))
        for name, value, note in rows:
            print(f"{name:<{width}}  {value:>18}  {note}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
