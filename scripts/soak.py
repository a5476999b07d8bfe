"""Soak the real server with what a hostile or broken client sends, and print the table of issue 11's bars.

    .venv/bin/python scripts/soak.py                 # every scenario (about 5–10 minutes)
    .venv/bin/python scripts/soak.py --fuzz 2000     # fewer fuzzed requests

Scenarios (each on the real server started as an administrator would, with its own knowledge copy and data):
  fuzz       schemathesis over every API operation (positive and negative cases) plus hand-made hostile bodies
             (lone surrogates, control characters, huge and chunked bodies); counts 5xx; the log writer must be
             alive afterwards with every acknowledged exchange written
  history    48 concurrent requests with maximal history while a normal client asks: the normal client's p99
  stalled    512 sockets that never finish their headers while a normal client asks: its p99, and how long
             until every stalled socket is closed
  sigterm    the conversation log's queue filled, then SIGTERM: seconds to exit, and rows lost
  kill9      40 WeCom messages acknowledged, SIGKILL mid-burst, restart: answered exactly once
Prints a table; never asserts (tests/test_hardening.py and tests/test_wecom_e2e.py hold the regressions).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest_server import TEST_WECOM, Workspace, start_server  # noqa: E402  the one place that starts it

HOSTILE = [
    b'{"question": "\\ud800"}', b'{"question": "a\\u0000b"}', b'{"question": ""}', b'{"question": 5}',
    b'{"question": "x", "history": [{"role": "system", "content": "x"}]}', b"[]", b"null", b'{"question": "\\udfff\\ud800"}',
    b'{"question": "' + "长".encode() * 600 + b'"}', b"{" * 10_000, b'{"question": "q", "history": "x"}',
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else 0.0


def normal_client(url: str, stop: threading.Event, latencies: list[float], errors: list[int]) -> None:
    with httpx.Client(base_url=url, timeout=30) as http:
        n = 0
        while not stop.is_set():
            n += 1
            started = time.perf_counter()
            status = http.post("/api/ask", json={"question": "职工驿站有几个？"}, headers={"x-real-ip": f"normal-{n}"}).status_code
            latencies.append((time.perf_counter() - started) * 1000)
            if status != 200:
                errors.append(status)
            time.sleep(0.05)


def scenario_fuzz(url: str, count: int, data_dir: Path) -> dict:
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable

    schema = schemathesis.openapi.from_dict(httpx.get(f"{url}/openapi.json").json())
    operations = [r.ok() for r in schema.get_all_operations() if "/admin/" not in r.ok().path]
    per = max(1, count // (2 * len(operations)))
    sent, server_errors, unsendable = 0, 0, 0
    examples: list[str] = []
    clients = iter(range(10**9))
    for operation in operations:
        for mode in schemathesis.GenerationMode:
            @settings(max_examples=per, deadline=None, database=None, suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def fuzz(case) -> None:
                nonlocal sent, server_errors, unsendable
                try:
                    response = case.call(base_url=url, timeout=30, headers={"x-real-ip": f"fuzz-{next(clients)}"})
                except Exception:  # the client library cannot send it (a NUL in a header, say): not the server's
                    unsendable += 1
                    return
                sent += 1
                if response.status_code >= 500:
                    server_errors += 1
                    examples.append(f"{case.method} {case.formatted_path} → {response.status_code}")

            try:
                fuzz()
            except Unsatisfiable:
                pass
    with httpx.Client(base_url=url, timeout=30) as http:
        for n, body in enumerate(HOSTILE * 20):
            response = http.post("/api/ask", content=body, headers={"content-type": "application/json", "x-real-ip": f"h-{n}"})
            sent += 1
            server_errors += response.status_code >= 500
        ok = 0
        for n in range(200):  # acknowledged exchanges that must all reach the log
            ok += http.post("/api/ask", json={"question": f"职工董事有多少名？（核对{n}）"},
                            headers={"x-real-ip": f"log-{n}"}).status_code == 200
        time.sleep(2)
        health = http.get("/api/health").json()
    with sqlite3.connect(data_dir / "conversations.sqlite3") as db:
        logged = db.execute("SELECT COUNT(*) FROM exchanges WHERE question LIKE '职工董事有多少名？（核对%'").fetchone()[0]
    return {"requests": sent, "5xx": server_errors, "5xx examples": "; ".join(examples[:3]) or "-",
            "cases the client could not send": unsendable,
            "writer alive": health["writers"]["conversation_log"]["alive"],
            "acknowledged / logged": f"{ok} / {logged}"}


def scenario_history(url: str, rss_kb) -> dict:
    history = [{"role": "user" if i % 2 == 0 else "assistant", "content": "职工培训" * 2000} for i in range(30)]
    stop, latencies, errors = threading.Event(), [], []
    normal = threading.Thread(target=normal_client, args=(url, stop, latencies, errors))
    normal.start()

    def heavy(n: int) -> None:
        with httpx.Client(base_url=url, timeout=60) as http:
            http.post("/api/ask", json={"question": "母婴室有几个？", "history": history}, headers={"x-real-ip": f"heavy-{n}"})

    started = time.perf_counter()
    threads = [threading.Thread(target=heavy, args=(n,)) for n in range(48)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    heavy_seconds = time.perf_counter() - started
    time.sleep(2)
    stop.set()
    normal.join()
    return {"48 maximal-history requests took": f"{heavy_seconds:.1f} s", "normal p50 / p99": f"{percentile(latencies, .5):.0f} / "
            f"{percentile(latencies, .99):.0f} ms", "normal errors": len(errors), "RSS after": f"{rss_kb() // 1024} MB"}


def scenario_stalled(url: str, header_timeout: float) -> dict:
    host, port = url.removeprefix("http://").split(":")
    stalled = []
    for _ in range(512):
        sock = socket.create_connection((host, int(port)))
        sock.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
        stalled.append(sock)
    opened = time.monotonic()
    stop, latencies, errors = threading.Event(), [], []
    normal = threading.Thread(target=normal_client, args=(url, stop, latencies, errors))
    normal.start()
    closed_at: list[float] = []

    async def watch() -> None:
        loop = asyncio.get_running_loop()
        for sock in stalled:
            sock.setblocking(False)

        async def until_closed(sock: socket.socket) -> None:
            while True:
                try:
                    data = await loop.sock_recv(sock, 1)
                except OSError:
                    data = b""
                if not data:
                    closed_at.append(time.monotonic() - opened)
                    return

        await asyncio.wait_for(asyncio.gather(*(until_closed(s) for s in stalled)), header_timeout + 30)

    try:
        asyncio.run(watch())
    except TimeoutError:
        pass
    stop.set()
    normal.join()
    for sock in stalled:
        sock.close()
    return {"stalled sockets closed": f"{len(closed_at)} of {len(stalled)}",
            "last closed after": f"{max(closed_at, default=float('nan')):.1f} s (header timeout {header_timeout:.0f} s)",
            "normal p50 / p99": f"{percentile(latencies, .5):.0f} / {percentile(latencies, .99):.0f} ms",
            "normal errors": len(errors)}


def scenario_sigterm(workspace: Workspace) -> dict:
    """Fill the log's queue (the writer is slowed by holding the database's write lock), then SIGTERM."""
    server = start_server(workspace)
    database = workspace.data_dir / "conversations.sqlite3"
    lock = sqlite3.connect(database, timeout=30, check_same_thread=False)
    lock.execute("BEGIN IMMEDIATE")  # the writer thread now waits: rows pile up in the queue
    ok = 0
    with httpx.Client(base_url=server.url, timeout=30) as http:
        for n in range(400):
            ok += http.post("/api/ask", json={"question": f"母婴室有几个？（停机{n}）"},
                            headers={"x-real-ip": f"t-{n}"}).status_code == 200
    threading.Timer(3.0, lock.rollback).start()  # a disk that comes back while shutting down
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(30)
    except Exception:
        server.process.kill()
    seconds = time.monotonic() - started
    lock.close()
    with sqlite3.connect(database) as db:
        logged = db.execute("SELECT COUNT(*) FROM exchanges WHERE question LIKE '母婴室有几个？（停机%'").fetchone()[0]
    return {"SIGTERM to exit": f"{seconds:.1f} s", "acknowledged / logged": f"{ok} / {logged}"}


def scenario_kill9(root: Path) -> dict:
    from wecom_standin import WeComStandIn, seal_callback, text_message

    standin = WeComStandIn(TEST_WECOM["WECOM_CORP_ID"], TEST_WECOM["WECOM_SECRET"], int(TEST_WECOM["WECOM_AGENT_ID"])).start()
    workspace = Workspace.create(root / "kill9", wecom_api=standin.url)
    workspace.build_index()
    server = start_server(workspace)
    standin.send_delay = 0.1
    ids = iter(range(9_100_000_000, 9_200_000_000))
    users = [f"soak-{n:02d}" for n in range(40)]
    acknowledged = 0
    for user in users:
        inner = text_message(TEST_WECOM["WECOM_CORP_ID"], int(TEST_WECOM["WECOM_AGENT_ID"]), user, "职工董事有多少名？", next(ids))
        body, params = seal_callback(inner, TEST_WECOM["WECOM_TOKEN"], TEST_WECOM["WECOM_AES_KEY"],
                                     TEST_WECOM["WECOM_CORP_ID"], int(TEST_WECOM["WECOM_AGENT_ID"]),
                                     str(int(time.time())), str(next(ids)))
        acknowledged += httpx.post(f"{server.url}/wecom/callback", params=params, content=body, timeout=5).status_code == 200
    os.kill(server.pid, signal.SIGKILL)
    server.process.wait(10)
    before = sum(bool(standin.messages_to(u)) for u in users)
    standin.send_delay = 0.0
    second = start_server(workspace)
    standin.wait_for(lambda: all(standin.messages_to(u) for u in users), timeout=60)
    time.sleep(2)
    counts = [len(standin.messages_to(u)) for u in users]
    second.stop()
    standin.stop()
    return {"acknowledged": acknowledged, "answered before the kill": before,
            "answered once / twice / never": f"{counts.count(1)} / {counts.count(2)} / {counts.count(0)}",
            "resends WeCom dropped as duplicates": standin.duplicates_dropped}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fuzz", type=int, default=10_000, help="fuzzed requests (approximately)")
    parser.add_argument("--only", nargs="*", default=["fuzz", "history", "stalled", "sigterm", "kill9"])
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="soak-"))
    workspace = Workspace.create(root / "server")
    header_timeout = 5
    workspace.env |= {"ASSISTANT_HEADER_TIMEOUT": str(header_timeout)}
    workspace.build_index()
    rows: list[tuple[str, str, str]] = []
    if {"fuzz", "history", "stalled"} & set(args.only):
        server = start_server(workspace)
        try:
            if "fuzz" in args.only:
                rows += [("fuzz", k, str(v)) for k, v in scenario_fuzz(server.url, args.fuzz, workspace.data_dir).items()]
            if "history" in args.only:
                rows += [("history", k, str(v)) for k, v in scenario_history(server.url, server.rss_kb).items()]
            if "stalled" in args.only:
                rows += [("stalled", k, str(v)) for k, v in scenario_stalled(server.url, header_timeout).items()]
            rows.append(("server", "RSS at the end", f"{server.rss_kb() // 1024} MB"))
        finally:
            server.stop()
    if "sigterm" in args.only:
        rows += [("sigterm", k, str(v)) for k, v in scenario_sigterm(workspace).items()]
    if "kill9" in args.only:
        rows += [("kill -9", k, str(v)) for k, v in scenario_kill9(root).items()]
    width = max(len(r[1]) for r in rows)
    print(f"{'scenario':<10} {'measure':<{width}}  value")
    print("-" * (width + 40))
    for scenario, measure, value in rows:
        print(f"{scenario:<10} {measure:<{width}}  {value}")
    print(f"(server logs under {root})")


if __name__ == "__main__":
    main()
