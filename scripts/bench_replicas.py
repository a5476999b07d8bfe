"""Benchmark two replicas on one PostgreSQL behind a loopback round-robin balancer (the real server, the WeCom
stand-in), and print the issue's table:

- every MsgId delivered twice, to different replicas: answers sent and duplicates;
- one replica killed -9 mid-burst: acknowledged messages answered (by the other, once the lease runs out);
- a reindex published while both serve load: failed requests, seconds until both serve the new build;
- throughput of distinct questions: one replica direct, then two behind the balancer, with each process's CPU
  (on this 2-core machine the replicas share the cores, so the CPU each one used is the number to read).

    .venv/bin/python scripts/bench_replicas.py [--messages 200] [--questions 360] [--clients 8]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from balancer import Balancer  # noqa: E402
from conftest_server import TEST_WECOM, Server, Workspace, start_server  # noqa: E402
from pg_server import PgServer  # noqa: E402
from wecom_standin import WeComStandIn, seal_callback, text_message  # noqa: E402

CORP, AGENT, SECRET = TEST_WECOM["WECOM_CORP_ID"], int(TEST_WECOM["WECOM_AGENT_ID"]), TEST_WECOM["WECOM_SECRET"]
TOPICS = ["职工董事", "职工监事", "母婴室", "职工驿站", "师徒合同", "劳动竞赛", "全国劳模", "省部级劳模", "劳模创新工作室",
          "云岭工匠创新工作室", "职代会", "厂务公开事项", "困难职工慰问", "产业工人党员", "文明单位"]
FORMS = ["{}有多少？", "咱们{}一共多少个", "请问{}的数量是多少", "{}是怎么回事？", "{}有哪些？", "我想了解{}"]
OPENERS = ["", "你好，", "请问一下，", "麻烦问下，", "师傅，", "同事问：", "想确认一下，", "打扰了，"]
_ids = iter(range(7_000_000_000, 8_000_000_000))


def questions() -> list[str]:
    return [opener + form.format(topic) for opener in OPENERS for topic in TOPICS for form in FORMS]


def callback(content: str, user: str, msg_id: int) -> tuple[bytes, dict]:
    inner = text_message(CORP, AGENT, user, content, msg_id)
    return seal_callback(inner, TEST_WECOM["WECOM_TOKEN"], TEST_WECOM["WECOM_AES_KEY"], CORP, AGENT,
                         str(int(time.time())), str(next(_ids)))


def post(url: str, body: bytes, params: dict) -> int:
    try:
        return httpx.post(f"{url}/wecom/callback", params=params, content=body, timeout=10).status_code
    except httpx.HTTPError:
        return 0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def twice(replicas: list[Server], standin: WeComStandIn, messages: int) -> dict:
    users = [f"twice-{n:04d}" for n in range(messages)]
    acknowledged = 0
    for n, user in enumerate(users):
        body, params = callback(TOPICS[n % len(TOPICS)] + "有多少？", user, next(_ids))
        first, second = replicas[n % 2], replicas[(n + 1) % 2]
        acknowledged += post(first.url, body, params) == 200 and post(second.url, body, params) == 200
    standin.wait_for(lambda: all(standin.messages_to(u) for u in users), timeout=120)
    time.sleep(2)
    counts = [len(standin.messages_to(u)) for u in users]
    return {"sent": messages, "acknowledged": acknowledged, "answered": sum(c >= 1 for c in counts),
            "duplicates": sum(c - 1 for c in counts if c > 1)}


def killed(replicas: list[Server], standin: WeComStandIn, messages: int) -> dict:
    victim, survivor = replicas
    users = [f"killed-{n:04d}" for n in range(messages)]
    acknowledged: list[str] = []
    standin.send_delay = 0.1  # answers queue up on the victim
    for n, user in enumerate(users):
        if n == messages // 2:
            os.kill(victim.pid, signal.SIGKILL)
            victim.process.wait(10)
        target = victim if n < messages // 2 else survivor
        if post(target.url, *callback("母婴室建了几个？", user, next(_ids))) == 200:
            acknowledged.append(user)
    standin.send_delay = 0.0
    started = time.monotonic()
    standin.wait_for(lambda: all(standin.messages_to(u) for u in acknowledged), timeout=120)
    recovered = time.monotonic() - started
    time.sleep(2)
    counts = [len(standin.messages_to(u)) for u in acknowledged]
    return {"acknowledged": len(acknowledged), "answered": sum(c >= 1 for c in counts),
            "duplicates": sum(c - 1 for c in counts if c > 1), "seconds": recovered}


def reindex(replicas: list[Server], balancer: Balancer, workspace: Workspace) -> dict:
    (workspace.knowledge_dir / "bench-replica-note.md").write_text(
        "# 通知\n省属企业2023年新建职工书屋318个。\n", encoding="utf-8")
    failures, requests = [], [0]
    stop = threading.Event()

    def load(worker: int) -> None:
        with httpx.Client(base_url=balancer.url, timeout=30) as http:
            while not stop.is_set():
                requests[0] += 1
                try:
                    status = http.post("/api/ask", json={"question": "职工驿站有几个？"},
                                       headers={"x-real-ip": f"10.9.{worker}.{requests[0] % 250}"}).status_code
                except httpx.HTTPError as error:
                    status = type(error).__name__
                if status != 200:
                    failures.append(status)

    threads = [threading.Thread(target=load, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    auth = {"authorization": "Bearer bench-token"}
    try:
        first = replicas[0].url
        httpx.post(f"{first}/api/admin/reindex", headers=auth, timeout=30).raise_for_status()
        while httpx.get(f"{first}/api/admin/reindex", headers=auth, timeout=10).json().get("running"):
            time.sleep(0.1)
        built = time.monotonic()
        published = httpx.get(f"{first}/api/health", timeout=10).json()["channels"]["state"]["published_build"]
        while time.monotonic() < built + 30:
            served = {httpx.get(f"{s.url}/api/health", timeout=10).json()["build_id"] for s in replicas}
            if served == {published}:
                break
            time.sleep(0.05)
        converged = time.monotonic() - built
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    return {"requests": requests[0], "failed": len(failures), "seconds": converged, "same": served == {published}}


def throughput(url: str, asked: list[str], clients: int, pids: list[int]) -> dict:
    before = [cpu_seconds(p) for p in pids]
    latencies: list[float] = []
    failed = [0]

    def ask(item: tuple[int, str]) -> None:
        n, question = item
        started = time.perf_counter()
        try:
            status = httpx.post(f"{url}/api/ask", json={"question": question}, headers={"x-real-ip": f"10.1.{n % 250}.{n // 250}"},
                                timeout=60).status_code
        except httpx.HTTPError:
            status = 0
        latencies.append((time.perf_counter() - started) * 1000)
        failed[0] += status != 200

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(ask, enumerate(asked)))
    wall = time.perf_counter() - started
    used = [cpu_seconds(p) - b for p, b in zip(pids, before, strict=True)]
    return {"per_second": len(asked) / wall, "p50": statistics.median(latencies), "failed": failed[0],
            "cpu": [u / wall for u in used], "cpu_ms": [1000 * u / len(asked) for u in used]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--questions", type=int, default=360, help="distinct questions per throughput run")
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    pg = PgServer.start()
    standin = WeComStandIn(CORP, SECRET, AGENT).start()
    workspace = Workspace.create(Path(tempfile.mkdtemp(prefix="bench-replicas-")), wecom_api=standin.url)
    workspace.env |= {"ASSISTANT_DATABASE_URL": pg.url, "ASSISTANT_INBOX_LEASE": "3",
                      "ASSISTANT_ADMIN_TOKEN": "bench:bench-token", "ASSISTANT_RATE_PER_MINUTE": "0"}
    workspace.build_index()
    servers: list[Server] = []
    balancer = None
    try:
        for name in ("r1", "r2"):
            workspace.env["ASSISTANT_REPLICA_ID"] = name
            servers.append(start_server(workspace))
        balancer = Balancer([(s.url.split("//")[1].split(":")[0], int(s.url.rsplit(":", 1)[1])) for s in servers]).start()
        pool = questions()
        half = min(args.questions, len(pool) // 2)
        for server in servers:  # warm: first requests load the model's pages
            httpx.post(f"{server.url}/api/ask", json={"question": "职工董事有多少名？"}, timeout=60)
        one = throughput(servers[0].url, pool[:half], args.clients, [servers[0].pid])
        two = throughput(balancer.url, pool[half:2 * half], args.clients, [s.pid for s in servers])
        dup = twice(servers, standin, args.messages)
        swap = reindex(servers, balancer, workspace)
        kill = killed(servers, standin, min(args.messages, 60))
    finally:
        if balancer:
            balancer.stop()
        for server in servers:
            server.stop()
        standin.stop()
        pg.stop()

    print(f"\n## Two replicas on PostgreSQL behind a loopback balancer ({os.cpu_count()} cores)\n")
    print("| check | result |\n|---|---|")
    print(f"| {dup['sent']} messages, each MsgId delivered to both replicas | {dup['acknowledged']} acknowledged, "
          f"{dup['answered']} answered, {dup['duplicates']} duplicates |")
    print(f"| replica killed -9 mid-burst | {kill['acknowledged']} acknowledged, {kill['answered']} answered "
          f"({kill['duplicates']} duplicates) within {kill['seconds']:.1f} s |")
    print(f"| reindex under load ({swap['requests']} requests) | {swap['failed']} failed; both on the new build "
          f"{swap['seconds']:.2f} s after it was published |")
    print(f"\n| throughput, {half} distinct questions, {args.clients} clients | answers/s | p50 ms | failed | CPU per replica (cores) | CPU ms per answer |")
    print("|---|---|---|---|---|---|")
    print(f"| one replica, direct | {one['per_second']:.1f} | {one['p50']:.0f} | {one['failed']} | "
          f"{one['cpu'][0]:.2f} | {one['cpu_ms'][0]:.1f} |")
    print(f"| two replicas, via the balancer | {two['per_second']:.1f} | {two['p50']:.0f} | {two['failed']} | "
          f"{' + '.join(f'{c:.2f}' for c in two['cpu'])} | {' + '.join(f'{c:.1f}' for c in two['cpu_ms'])} |")
    print(f"\nratio two/one: {two['per_second'] / one['per_second']:.2f}× (the replicas share {os.cpu_count()} cores "
          "with the load generator and the balancer)")


if __name__ == "__main__":
    main()
