"""The LLM writer's bars, measured with the loopback stand-in model (tests/llm_standin.py); prints a table.

    .venv/bin/python scripts/bench_llm.py

- every eval question, with the stand-in in each bad mode: answers showing a number no cited sentence holds
  (must be 0) and answers whose fallback the contract reports;
- streaming: time from the model's first sentence to the client, with a model that waits 1 s; and the extractive
  writer's first sentence after the request;
- a model that is down: answer time while the breaker counts failures, and once it is open.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from llm_standin import LLMStandIn  # noqa: E402

from assistant.core import Assistant  # noqa: E402
from assistant.evaluation import read_items  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.types import Answer  # noqa: E402

BAD_MODES = ("wrong_arabic", "wrong_chinese", "no_citation", "ignore_sources", "refuse", "error", "broken_stream")


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    standin = LLMStandIn().start()
    os.environ |= {"ASSISTANT_LLM_BASE_URL": standin.url, "ASSISTANT_LLM_MODEL": "standin",
                   "ASSISTANT_LLM_TIMEOUT": "3", "ASSISTANT_LLM_FIRST_TOKEN_TIMEOUT": "2"}
    tmp = Path(tempfile.mkdtemp(prefix="bench-llm-"))
    assistant = Assistant(Settings.from_env(root=ROOT, index_dir=tmp / "index", data_dir=tmp / "data"))
    assistant.build_index()
    writer = assistant._state().writer
    questions = [i["question"] for i in read_items(ROOT / "eval")[0] if i["kb"] == "shipped"]
    rows = []
    for mode in ("faithful", *BAD_MODES):
        standin.mode = mode
        unchecked = fallbacks = llm = streamed_unchecked = 0
        for question in questions:
            writer.breaker._open_until = 0.0  # measure the guard, not the breaker
            assistant.clear_caches()  # each mode's answers from the model in that mode, not from the answer cache
            answer = assistant.ask(question)
            unchecked += bool(assistant.unchecked(answer, question))
            fallbacks += bool(answer.fallback)
            llm += answer.writer == "llm"
            assistant.clear_caches()
            events = list(assistant.stream(question))
            shown = "".join(e["delta"] for e in events if "delta" in e)
            final = next(e.get("answer") or e.get("replace") for e in reversed(events) if "answer" in e or "replace" in e)
            streamed_unchecked += bool(assistant.unchecked(Answer(shown, False, final.sources,
                                                                  suggestions=final.suggestions), question))
        rows.append((f"mode {mode}", f"{len(questions)} questions", f"unchecked shown {unchecked} (streamed {streamed_unchecked});"
                     f" llm {llm}, fallback reported {fallbacks}"))

    standin.mode, standin.delay = "faithful", 1.0
    writer.breaker._open_until = 0.0
    gaps = []
    for question in questions[:15]:
        assistant.clear_caches()
        started = time.perf_counter()
        for event in assistant.stream(question):
            if "delta" in event:
                gaps.append((time.perf_counter() - started - standin.delay) * 1000)
                break
    rows.append(("first checked sentence after the model sends it", f"median {statistics.median(gaps):.0f} ms",
                 "bar ≤ 100 ms (model waits 1 s)"))
    os.environ.pop("ASSISTANT_LLM_BASE_URL")
    extractive = Assistant(Settings.from_env(root=ROOT, index_dir=tmp / "index", data_dir=tmp / "data"))
    firsts = []
    for question in questions[:40]:
        started = time.perf_counter()
        next(e for e in extractive.stream(question) if "delta" in e)
        firsts.append((time.perf_counter() - started) * 1000)
    rows.append(("extractive: first sentence after the request", f"median {statistics.median(firsts[5:]):.0f} ms", "bar ≤ 50 ms"))

    standin.mode, standin.delay = "error", 0.0
    writer.breaker._open_until = 0.0
    assistant.clear_caches()
    down = []
    for question in questions[:3]:
        started = time.perf_counter()
        assistant.ask(question)
        down.append((time.perf_counter() - started) * 1000)
    opened = []
    for question in questions[3:33]:
        started = time.perf_counter()
        answer = assistant.ask(question)
        opened.append((time.perf_counter() - started) * 1000)
    rows.append(("model down (HTTP 500), breaker counting", f"median {statistics.median(down):.0f} ms", "3 failures"))
    rows.append(("model down, breaker open", f"median {statistics.median(opened):.0f} ms",
                 f"bar ≤ 30 ms; fallback {answer.fallback!r}"))
    standin.stop()
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:<22} {note}")


if __name__ == "__main__":
    main()
