"""Benchmark the WeCom callback: how fast `POST /wecom/callback` acknowledges, whatever the question.

Starts the real server (`assistant serve`) with the WeCom channel pointed at a loopback stand-in of the
WeCom API, posts encrypted messages exactly as WeCom does (distinct questions, distinct MsgIds, one at a
time and from several clients at once), and prints median / p95 / max acknowledgement time, plus how many
answers reached the stand-in and whether any message exceeded 2048 bytes.

    .venv/bin/python scripts/bench_wecom.py [--messages 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest_server import TEST_WECOM, Workspace, start_server  # noqa: E402
from wecom_standin import WeComStandIn, seal_callback, text_message  # noqa: E402

TOKEN, AES_KEY, CORP_ID = TEST_WECOM["WECOM_TOKEN"], TEST_WECOM["WECOM_AES_KEY"], TEST_WECOM["WECOM_CORP_ID"]
AGENT_ID, SECRET = int(TEST_WECOM["WECOM_AGENT_ID"]), TEST_WECOM["WECOM_SECRET"]
TOPICS = ["职工董事", "职工监事", "母婴室", "职工驿站", "师徒合同", "劳动竞赛", "全国劳模", "省部级劳模", "劳模创新工作室",
          "云岭工匠创新工作室", "职代会", "厂务公开事项", "困难职工慰问", "产业工人党员", "文明单位"]
FORMS = ["{}有多少？", "咱们{}一共多少个", "请问{}的数量是多少", "{}是怎么回事？", "{}有哪些？", "我想了解{}"]


def sealed_post(client: httpx.Client, url: str, text: str, user: str, msg_id: int) -> tuple[float, bool]:
    """(acknowledgement time in ms, whether the server answered "busy" in the reply instead of queueing)."""
    inner = text_message(CORP_ID, AGENT_ID, user, text, msg_id)
    body, params = seal_callback(inner, TOKEN, AES_KEY, CORP_ID, AGENT_ID, str(int(time.time())), str(msg_id))
    started = time.perf_counter()
    response = client.post(f"{url}/wecom/callback", params=params, content=body, timeout=5)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"callback answered {response.status_code}: {response.text}")
    return elapsed, bool(response.content)  # an empty 200 means queued; a passive reply means "busy"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    standin = WeComStandIn(CORP_ID, SECRET, AGENT_ID).start()
    workspace = Workspace.create(Path(tempfile.mkdtemp(prefix="bench-wecom-")), wecom_api=standin.url)
    workspace.build_index()
    server = start_server(workspace)
    questions = [form.format(topic) for topic in TOPICS for form in FORMS]
    ids = iter(range(5_000_000_000, 6_000_000_000))
    rows = []
    try:
        with httpx.Client() as client:
            for q in questions[:5]:  # warm-up
                sealed_post(client, server.url, q, "warmup", next(ids))
            sequential = [sealed_post(client, server.url, questions[i % len(questions)], f"user{i % 25}", next(ids))
                          for i in range(args.messages)]
        rows.append(("one at a time", [ms for ms, _ in sequential]))
        with ThreadPoolExecutor(args.clients) as pool, httpx.Client() as client:
            concurrent = list(pool.map(lambda i: sealed_post(client, server.url, questions[i % len(questions)],
                                                             f"crowd{i % 40}", next(ids)), range(args.messages)))
        rows.append((f"{args.clients} clients at once", [ms for ms, _ in concurrent]))
        busy = sum(b for _, b in sequential + concurrent)
        expected = 5 + 2 * args.messages - busy
        standin.wait_for(lambda: len(standin.delivered) >= expected, timeout=120)
        sizes = [len(d["text"]["content"].encode("utf-8")) for d in standin.delivered if d.get("msgtype") == "text"]
    finally:
        server.stop()
        standin.stop()
    print(f"{'callback acknowledgement':<26}{'median':>10}{'p95':>10}{'max':>10}   (bar: median ≤ 100 ms)")
    for name, samples in rows:
        ordered = sorted(samples)
        print(f"{name:<26}{statistics.median(samples):>8.1f}ms{ordered[int(0.95 * (len(ordered) - 1))]:>8.1f}ms{ordered[-1]:>8.1f}ms")
    print(f"answered 'busy' at once (queue full): {busy}")
    print(f"messages delivered to the stand-in: {len(sizes)} (questions queued: {expected}); "
          f"largest {max(sizes) if sizes else 0} bytes (limit 2048); over the limit: {sum(s > 2048 for s in sizes)}")


if __name__ == "__main__":
    main()
