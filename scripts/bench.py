"""Benchmark the pipeline on this machine and print a table.

Index build time for the shipped knowledge base (cold: empty embedding cache; warm: cache filled, build
rewritten; unchanged: nothing to do), search and ask latency over the gold questions (warm; median and
p95 per run, median of --runs runs), and the process's peak memory.

    .venv/bin/python scripts/bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
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
from assistant.settings import Settings  # noqa: E402


def questions() -> list[str]:
    items = [json.loads(line) for line in (ROOT / "eval" / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return [item["question"] for item in items]


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def latency(call, qs: list[str], runs: int) -> tuple[float, float]:
    medians, p95s = [], []
    for _ in range(runs):
        samples = [timed(lambda q=q: call(q)) * 1000 for q in qs]
        medians.append(statistics.median(samples))
        p95s.append(percentile(samples, 0.95))
    return statistics.median(medians), statistics.median(p95s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
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

        qs = questions()
        assistant.warm_up()
        for q in qs[:10]:
            assistant.ask(q)
        s_med, s_p95 = latency(lambda q: assistant.search(q, top_k=5), qs, args.runs)
        a_med, a_p95 = latency(lambda q: assistant.ask(q), qs, args.runs)
        rows.append(("search latency, warm (median / p95)", f"{s_med:.1f} / {s_p95:.1f} ms", f"{len(qs)} questions, bar median ≤ 25 ms"))
        rows.append(("ask latency, warm (median / p95)", f"{a_med:.1f} / {a_p95:.1f} ms", f"{len(qs)} questions, bar median ≤ 30 ms"))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(("peak memory (RSS)", f"{peak:.0f} MB", "this process"))

        width = max(len(r[0]) for r in rows)
        print(f"{'measure':<{width}}  {'value':>18}  note   (median of {args.runs} runs)")
        print("-" * (width + 40))
        for name, value, note in rows:
            print(f"{name:<{width}}  {value:>18}  {note}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
