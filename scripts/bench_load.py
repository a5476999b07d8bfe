"""Load benchmark of POST /api/ask on loopback: many concurrent clients, mostly distinct questions.

    python scripts/bench_load.py                      # start a server, 16 clients for 30 s
    python scripts/bench_load.py --requests 10000     # a fixed count (the memory check)
    python scripts/bench_load.py --rate 80            # open loop: 80 requests/s offered, whatever the latency
    python scripts/bench_load.py --url http://127.0.0.1:7860 --duration 10
    python scripts/bench_load.py --zipf 1.1           # a portal's traffic: distinct run, then a Zipf stream, same session

Without --url it starts the real server (tests/conftest_server.py: its own knowledge copy, index and
data folder) and reports its memory (VmRSS) before and after. By default each client sends its next
question as soon as the last is answered (closed loop: measures the ceiling, latency is mostly queueing);
with --rate the requests arrive on a fixed schedule and latency counts from the scheduled time, so a
slow server cannot hide its backlog (no coordinated omission). The client is raw HTTP/1.1 keep-alive
over asyncio streams, so it costs the two cores as little as possible. Prints a table; never asserts.

With --zipf S the same server is driven twice in one session: first with distinct questions, then with a
stream drawn from --distinct questions by a Zipf law of exponent S (in a portal most questions are asked many
times: rank r is asked ∝ 1/r^S), and the ratio of the two request rates is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]

# Topics from the report (figure labels and section headings) and how workers and staff ask about them.
TOPICS = [
    "职工董事", "职工监事", "母婴室", "爱心妈妈屋", "职工驿站", "劳模创新工作室", "职工创新工作室", "职工技师工作站",
    "云岭工匠创新工作室", "全国劳模", "省部级劳模", "五一劳动奖章", "先进工作者", "全国文明单位", "劳动竞赛", "技术比武",
    "产业工人党员", "师徒合同", "师带徒", "职代会", "厂务公开", "职工意见建议", "困难职工帮扶", "慰问困难党员和职工",
    "帮扶专款", "党代表", "人大代表", "政协委员", "二十大代表", "生产骨干", "创新创效", "小发明小革新", "金秋助学",
    "冬送温暖", "夏送清凉", "健康体检", "理想信念教育", "先进典型", "工作推进机制", "示范创建", "责任落实", "考核评价",
    "专题会议", "民主管理", "公司治理", "政治权益", "技能提升", "现代学徒制", "师傅专家库", "劳模创先工作室联盟",
    "职代会建制率", "系数权重", "产改工作", "产业工人队伍建设改革", "工会",
]
TEMPLATES = [
    "{t}有多少？", "{t}有多少个？", "{t}有多少名？", "咱们{t}建了几个？", "{t}是怎么搞的？", "{t}有什么做法？",
    "2022年{t}情况怎么样？", "省属企业{t}的数据是多少？", "请介绍一下{t}", "{t}取得了哪些成效？", "我想了解{t}",
    "关于{t}有什么政策？", "{t}具体有哪些措施？", "{t}的数字是多少", "能说说{t}吗？", "{t}现在进展如何？",
    "我是一线工人，{t}跟我有什么关系？", "{t}怎么参与？", "{t}在哪里可以看到？", "截至目前{t}一共多少？",
    "{t}比去年多了吗？", "报告里{t}怎么说的？", "{t}共有几项？", "领导要{t}的数据", "帮我查一下{t}",
    "{t}？", "问一下{t}", "{t}有没有具体数字", "{t}相关情况汇报", "{t}的主要做法和成效", "班组长想知道{t}",
    "{t}是谁负责的？", "{t}有哪些亮点？", "简单说说{t}", "{t}都包括什么？", "{t}覆盖了多少人？", "{t}怎么申请？",
    "车间里{t}怎么落实？", "{t}有什么要求？", "统计一下{t}", "{t}数据来源是哪里？",
]
QUESTIONS = sorted({template.format(t=topic) for template in TEMPLATES for topic in TOPICS})
assert len(QUESTIONS) >= 2000, len(QUESTIONS)


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0  # non-200 answers and broken connections
    connection_errors: int = 0

    def count(self, status: int) -> None:
        self.statuses[status] = self.statuses.get(status, 0) + 1


class Connection:
    """One keep-alive HTTP/1.1 connection speaking just enough of the protocol for this benchmark."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        self.writer.write(head + body)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("server closed the connection")
        status = int(status_line.split()[1])
        length, close = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                close = True
        payload = await self.reader.readexactly(length)
        if close:
            await self.close()
        return status, payload

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def client(url: str, questions, results: Results, deadline: float, budget: itertools.count,
                 limit: int | None, schedule: asyncio.Queue | None) -> None:
    parts = urlsplit(url)
    conn = Connection(parts.hostname or "127.0.0.1", parts.port or 80)
    path = (parts.path.rstrip("/") or "") + "/api/ask"
    for question in questions:
        if schedule is not None:
            started = await schedule.get()  # the time this request was due
            if started is None:
                break
        elif time.monotonic() >= deadline or (limit is not None and next(budget) >= limit):
            break
        else:
            started = time.perf_counter()
        body = json.dumps({"question": question}, ensure_ascii=False).encode()
        try:
            status, _ = await conn.post(path, body)
        except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError, IndexError):
            results.errors += 1
            results.connection_errors += 1
            await conn.close()
            continue
        results.count(status)
        if status == 200:
            results.latencies.append(time.perf_counter() - started)
        else:
            results.errors += 1
    await conn.close()


async def pace(schedule: asyncio.Queue, rate: float, total: int, clients: int) -> None:
    """Put each request's due time on the queue, `rate` per second, then one stop mark per client."""
    start = time.perf_counter()
    for i in range(total):
        due = start + i / rate
        if (delay := due - time.perf_counter()) > 0:
            await asyncio.sleep(delay)
        schedule.put_nowait(due)
    for _ in range(clients):
        schedule.put_nowait(None)


def zipf_stream(questions: list[str], s: float, seed: int):
    """An endless stream of questions, rank r drawn with probability ∝ 1/r^s (seeded: the same in every run)."""
    rng = random.Random(seed)
    weights = list(itertools.accumulate(1.0 / (rank ** s) for rank in range(1, len(questions) + 1)))
    while True:
        yield from rng.choices(questions, cum_weights=weights, k=1024)


async def run(url: str, clients: int, duration: float, requests: int | None,
              rate: float | None = None, zipf: float | None = None, distinct: int = 2000) -> tuple[Results, float]:
    try:
        import uvloop  # a cheaper event loop for the client too, when installed

        uvloop.install()
    except ImportError:
        pass
    results = Results()
    shuffled = random.Random(7).sample(QUESTIONS, len(QUESTIONS))
    # Each client starts at a different point of the list: concurrent requests are mostly distinct.
    per_client = [itertools.cycle(shuffled[i * len(shuffled) // clients:] + shuffled[: i * len(shuffled) // clients])
                  for i in range(clients)]
    if zipf:
        per_client = [zipf_stream(shuffled[:distinct], zipf, seed=i) for i in range(clients)]
    deadline = time.monotonic() + (duration if requests is None else 24 * 3600)
    budget = itertools.count()
    schedule: asyncio.Queue | None = asyncio.Queue() if rate else None
    tasks = [client(url, per_client[i], results, deadline, budget, requests, schedule) for i in range(clients)]
    if rate:
        tasks.append(pace(schedule, rate, requests or int(rate * duration), clients))
    started = time.perf_counter()
    await asyncio.gather(*tasks)
    return results, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def report(results: Results, elapsed: float, clients: int, rate: float | None, server_cpu: float | None, rss: tuple[int, int] | None,
           client_cpu: float) -> str:
    done = sum(results.statuses.values())
    lat = [x * 1000 for x in results.latencies]
    rows = [
        ("clients", f"{clients}"),
        ("offered load", f"{rate:g} requests/s (open loop)" if rate else "as fast as answered (closed loop)"),
        ("requests", f"{done + results.connection_errors}"),
        ("duration", f"{elapsed:.1f} s"),
        ("requests/s", f"{done / elapsed:.1f}"),
        ("median", f"{statistics.median(lat) if lat else float('nan'):.1f} ms"),
        ("p95", f"{percentile(lat, 95):.1f} ms"),
        ("p99", f"{percentile(lat, 99):.1f} ms"),
        ("max", f"{max(lat) if lat else float('nan'):.1f} ms"),
        ("errors", f"{results.errors} (connection: {results.connection_errors})"),
        ("responses >= 500", f"{sum(n for s, n in results.statuses.items() if s >= 500)}"),
        ("statuses", ", ".join(f"{s}: {n}" for s, n in sorted(results.statuses.items()))),
        ("client CPU", f"{client_cpu:.1f} s ({100 * client_cpu / elapsed:.0f}% of a core)"),
    ]
    if server_cpu is not None:
        rows.append(("server CPU", f"{server_cpu:.1f} s ({100 * server_cpu / elapsed:.0f}% of a core)"))
    if rss is not None:
        rows.append(("server RSS", f"{rss[0] / 1024:.0f} MiB before, {rss[1] / 1024:.0f} MiB after"))
    width = max(len(name) for name, _ in rows)
    lines = [f"{'metric'.ljust(width)} | value", f"{'-' * width}-+-{'-' * 30}"]
    lines += [f"{name.ljust(width)} | {value}" for name, value in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="an already running server; without it, one is started")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds (ignored with --requests)")
    parser.add_argument("--requests", type=int, help="send exactly this many requests instead")
    parser.add_argument("--rate", type=float, help="open loop: send this many requests per second")
    parser.add_argument("--warmup", type=int, default=100, help="requests sent first and not counted")
    parser.add_argument("--zipf", type=float, help="also run a Zipf stream of this exponent (e.g. 1.1) and compare")
    parser.add_argument("--distinct", type=int, default=2000, help="distinct questions the Zipf stream draws from")
    args = parser.parse_args(argv)

    server = None
    if args.url is None:
        sys.path.insert(0, str(ROOT / "tests"))
        from conftest_server import Workspace, start_server  # the one place that knows how to start it

        workspace = Workspace.create(Path(tempfile.mkdtemp(prefix="bench-")))
        workspace.build_index()
        server = start_server(workspace)
        print(f"server {server.url} (pid {server.pid}), log {server.log_path}", file=sys.stderr)
    url = args.url or server.url
    try:
        print(f"{len(QUESTIONS)} distinct questions; warming up with {args.warmup} requests", file=sys.stderr)
        asyncio.run(run(url, min(args.clients, 4), 60, args.warmup))
        rss_before = server.rss_kb() if server else 0
        cpu_before = cpu_seconds(server.pid) if server else 0.0
        client_before = resource.getrusage(resource.RUSAGE_SELF)
        results, elapsed = asyncio.run(run(url, args.clients, args.duration, args.requests, args.rate))
        client_after = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = (client_after.ru_utime + client_after.ru_stime) - (client_before.ru_utime + client_before.ru_stime)
        server_cpu = cpu_seconds(server.pid) - cpu_before if server else None
        rss = (rss_before, server.rss_kb()) if server else None
        print(report(results, elapsed, args.clients, args.rate, server_cpu, rss, client_cpu))
        if args.zipf:
            distinct_rate = sum(results.statuses.values()) / elapsed
            cpu_before = cpu_seconds(server.pid) if server else 0.0
            client_before = resource.getrusage(resource.RUSAGE_SELF)
            zipf_results, zipf_elapsed = asyncio.run(run(url, args.clients, args.duration, args.requests, args.rate,
                                                         zipf=args.zipf, distinct=args.distinct))
            client_after = resource.getrusage(resource.RUSAGE_SELF)
            client_cpu = (client_after.ru_utime + client_after.ru_stime) - (client_before.ru_utime + client_before.ru_stime)
            server_cpu = cpu_seconds(server.pid) - cpu_before if server else None
            rss = (rss_before, server.rss_kb()) if server else None
            print(f"\nZipf stream, s = {args.zipf:g} over {args.distinct} distinct questions:")
            print(report(zipf_results, zipf_elapsed, args.clients, args.rate, server_cpu, rss, client_cpu))
            zipf_rate = sum(zipf_results.statuses.values()) / zipf_elapsed
            print(f"\nrequests/s: distinct {distinct_rate:.1f}, Zipf {zipf_rate:.1f} ({zipf_rate / distinct_rate:.1f} ×)")
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
