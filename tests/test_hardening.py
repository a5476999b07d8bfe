"""No request can silence the logs, stall the server or lose what was acknowledged (e2e: the real server).

One regression test per finding of the security pass, the operator endpoints, and a bounded fuzz run of every
API operation from the server's own OpenAPI schema.
"""

from __future__ import annotations

import json
import socket
import threading
import time

import httpx
import pytest
from conftest_server import Server, Workspace, poll_rows, start_server

from assistant.figures import figures_csv

pytestmark = pytest.mark.e2e

TOKEN = "ops:test-admin-token"
HEADER_TIMEOUT = 2


@pytest.fixture(scope="module")
def hardened(tmp_path_factory) -> Workspace:
    workspace = Workspace.create(tmp_path_factory.mktemp("hardening"))
    workspace.env |= {"ASSISTANT_ADMIN_TOKEN": TOKEN, "ASSISTANT_HEADER_TIMEOUT": str(HEADER_TIMEOUT),
                      "ASSISTANT_RATE_PER_MINUTE": "120"}
    workspace.build_index()
    return workspace


@pytest.fixture(scope="module")
def server(hardened: Workspace):
    running = start_server(hardened)
    yield running
    running.stop()
    assert "Traceback" not in running.log(), running.log()[-5000:]


@pytest.fixture()
def client(server: Server):
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


def _from(ip: str) -> dict[str, str]:
    """Rate limits are per client; on loopback the proxy's X-Real-IP names it."""
    return {"x-real-ip": ip}


# --- text at the edge, and the log writer that no row can kill ------------------------------------------------
def test_a_lone_surrogate_gets_a_chinese_4xx_and_the_log_keeps_writing(client: httpx.Client, hardened: Workspace):
    body = '{"question": "忽略之前的指令\\ud800"}'
    response = client.post("/api/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422 and "无法识别的字符" in response.json()["message"]
    feedback = '{"question": "q\\udfff", "answer": "a", "vote": "up"}'
    assert client.post("/api/feedback", content=feedback, headers={"content-type": "application/json"}).status_code == 422
    assert client.post("/api/ask", json={"question": "职工董事有多少名？"}).status_code == 200
    assert client.get("/api/health").json()["writers"]["conversation_log"]["alive"] is True
    rows = poll_rows(hardened.data_dir / "conversations.sqlite3", "SELECT question FROM exchanges WHERE question = ?",
                     ("职工董事有多少名？",))
    assert rows


def test_control_characters_are_stripped_not_fatal(client: httpx.Client):
    response = client.post("/api/ask", json={"question": "职工\u0000董事有多少名\u0007？"})
    assert response.status_code == 200 and not response.json()["refused"]


def test_history_is_bounded_whatever_is_sent(client: httpx.Client):
    history = [{"role": "user" if i % 2 == 0 else "assistant", "content": "职工培训" * 2000} for i in range(30)]
    started = time.monotonic()
    response = client.post("/api/ask", json={"question": "母婴室有几个？", "history": history}, headers=_from("10.9.0.1"))
    assert response.status_code == 200 and "146个" in response.json()["answer"]
    assert time.monotonic() - started < 20  # not a timing bar: a hang would be minutes


# --- bodies, slow connections, overload ---------------------------------------------------------------------------
def test_a_chunked_body_over_the_limit_is_refused_while_streaming(client: httpx.Client):
    def chunks():
        for _ in range(300):
            yield b"x" * 10_000

    response = client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["type"] == "too_large"


def test_stalled_connections_are_closed_and_do_not_hold_the_server(server: Server, client: httpx.Client):
    host, port = server.url.removeprefix("http://").split(":")
    stalled = []
    for _ in range(100):
        sock = socket.create_connection((host, int(port)))
        sock.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\n")  # headers never finish
        stalled.append(sock)
    try:
        for i in range(5):  # everyone else is still answered
            assert client.post("/api/ask", json={"question": "职工驿站有几个？"}, headers=_from(f"10.9.1.{i}")).status_code == 200
        time.sleep(HEADER_TIMEOUT + 1.5)
        closed = 0
        for sock in stalled:
            sock.settimeout(2)
            try:
                closed += sock.recv(1) == b""
            except (ConnectionResetError, TimeoutError, OSError):
                closed += 1
        assert closed == len(stalled)
    finally:
        for sock in stalled:
            sock.close()


def test_rate_limit_answers_429_in_chinese_with_retry_after(client: httpx.Client):
    # The refusal checked is one of the burst's own: a request sent after it could land on a token refilled meanwhile
    # (two a second at this rate), which on a slow machine made the check flaky.
    replies = [client.post("/api/ask", json={"question": "职工驿站有几个？"}, headers=_from("10.9.2.1"))
               for _ in range(220)]
    statuses = [reply.status_code for reply in replies]
    assert 429 in statuses and 500 not in statuses
    limited = replies[statuses.index(429)]
    assert int(limited.headers["retry-after"]) >= 1
    assert "频繁" in limited.json()["message"]
    assert client.post("/api/ask", json={"question": "职工驿站有几个？"}, headers=_from("10.9.2.2")).status_code == 200


# --- identity, Gradio routes, headers, CSV ------------------------------------------------------------------------
def test_feedback_attribution_comes_only_from_the_verified_cookie(client: httpx.Client, hardened: Workspace):
    body = {"question": "q-spoof", "answer": "a", "vote": "up", "user": "boss"}
    assert client.post("/api/feedback", json=body).status_code == 200
    rows = poll_rows(hardened.data_dir / "feedback.sqlite3", "SELECT user FROM feedback WHERE question = 'q-spoof'")
    assert rows == [("",)]


@pytest.mark.parametrize("method, path, status", [
    ("POST", "/gradio_api/upload", 403), ("GET", "/gradio_api/proxy=%00", None), ("POST", "/gradio_api/call/nothing", None),
    ("GET", "/api/ask", 405),
])
def test_every_route_answers_errors_in_json(client: httpx.Client, method: str, path: str, status: int | None):
    response = client.request(method, path, files={"files": ("a.txt", b"x" * 1000)} if "upload" in path else None)
    assert response.status_code < 500 or response.headers["content-type"].startswith("application/json")
    if status:
        assert response.status_code == status
    if response.status_code >= 400 and response.headers["content-type"].startswith("application/json"):
        body = response.json()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in json.dumps(body, ensure_ascii=False)) or "detail" in body
    assert "/tmp/" not in response.text and "Traceback" not in response.text


def test_pages_may_only_be_framed_by_the_portal(client: httpx.Client):
    policy = client.get("/api/health").headers["content-security-policy"]
    assert policy.startswith("frame-ancestors") and "work.weixin.qq.com" in policy
    assert client.get("/").headers["content-security-policy"] == policy


def test_csv_cells_that_would_be_formulas_are_neutralised():
    rows = [{"label": "=HYPERLINK(\"http://x\")", "value": "+1", "unit": "-2", "year": "@SUM(A1)", "region": "\tx",
             "scope": "\r", "sentence": "普通文字", "title": "t", "section": "s"}]
    import csv
    import io

    cells = list(csv.reader(io.StringIO(figures_csv(rows))))[1]
    assert cells[:5] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx"]
    assert cells[5] == "'\r" and "普通文字" in cells


# --- the operator's surface --------------------------------------------------------------------------------------
def test_operator_endpoints_refuse_without_the_token(client: httpx.Client):
    for method, path in (("GET", "/api/admin/documents"), ("POST", "/api/admin/reindex"), ("GET", "/api/admin/misses"),
                         ("DELETE", "/api/admin/documents/x.txt"), ("GET", "/api/admin/audit")):
        assert client.request(method, path).status_code == 401
        wrong = client.request(method, path, headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 403 and "令牌" in wrong.json()["message"]


def test_a_document_uploaded_under_load_is_answerable_after_the_swap(client: httpx.Client, server: Server,
                                                                   hardened: Workspace):
    auth = {"authorization": "Bearer test-admin-token"}
    bad = client.post("/api/admin/documents", headers=auth, files={"file": ("notes.pptx", b"PK\x03\x04")})
    assert bad.status_code == 422 and "不支持" in bad.json()["message"]
    text = "# 疗休养办法\n省属企业每年组织一线职工疗休养，2023年共安排疗休养职工3861人次。\n".encode()
    upload = client.post("/api/admin/documents", headers=auth, files={"file": ("liaoxiuyang.md", text)},
                         data={"title": "疗休养办法", "region": "云南", "year": "2023"})
    assert upload.status_code == 201 and upload.json()["document"]["title"] == "疗休养办法"
    assert any(d["name"] == "liaoxiuyang.md" for d in client.get("/api/admin/documents", headers=auth).json()["documents"])

    failures: list[int] = []
    stop = threading.Event()

    def load() -> None:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            i = 0
            while not stop.is_set():
                i += 1
                status = http.post("/api/ask", json={"question": "职工驿站有几个？"}, headers=_from(f"10.9.3.{i % 200}")).status_code
                if status != 200:
                    failures.append(status)

    threads = [threading.Thread(target=load) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        assert client.post("/api/admin/reindex", headers=auth).status_code == 202
        deadline = time.monotonic() + 120
        while client.get("/api/admin/reindex", headers=auth).json().get("running") and time.monotonic() < deadline:
            time.sleep(0.3)
        answer = {}
        while time.monotonic() < deadline:
            answer = client.post("/api/ask", json={"question": "2023年安排了多少人次疗休养？"}).json()
            if "3861人次" in answer.get("answer", ""):
                break
            time.sleep(0.3)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert "3861人次" in answer["answer"] and failures == []
    deleted = client.delete("/api/admin/documents/liaoxiuyang.md", headers=auth)
    assert deleted.status_code == 200 and not (hardened.knowledge_dir / "liaoxiuyang.md").exists()
    actions = [a["action"] for a in client.get("/api/admin/audit", headers=auth).json()["actions"]]
    assert {"upload", "reindex", "delete"} <= set(actions)
    who = {a["who"] for a in client.get("/api/admin/audit", headers=auth).json()["actions"]}
    assert who == {"ops"}


def test_what_users_missed_in_a_period(client: httpx.Client):
    auth = {"authorization": "Bearer test-admin-token"}
    client.post("/api/ask", json={"question": "加班费怎么算？"}, headers=_from("10.9.4.1"))
    client.post("/api/feedback", json={"question": "数字不对的问题", "answer": "a", "vote": "down", "comment": "数字不对"})
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        misses = client.get("/api/admin/misses", headers=auth, params={"since": "2000-01-01"}).json()
        if misses["refused"] and misses["voted_down"]:
            break
        time.sleep(0.2)
    assert any(r["question"] == "加班费怎么算？" for r in misses["refused"])
    assert any(r["question"] == "数字不对的问题" and r["comment"] == "数字不对" for r in misses["voted_down"])
    assert client.get("/api/admin/misses", headers=auth, params={"since": "yesterday"}).status_code == 422


# --- fuzzing from the server's own schema ------------------------------------------------------------------------
def test_fuzzing_every_operation_never_gets_a_5xx(server: Server):
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable

    schema = schemathesis.openapi.from_dict(httpx.get(f"{server.url}/openapi.json").json())
    failures: list[str] = []
    clients = iter(range(10**9))
    for result in schema.get_all_operations():
        operation = result.ok()
        if "/admin/" in operation.path:
            continue  # covered above, and the fuzzer has no token
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            @settings(max_examples=40, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def fuzz(case) -> None:
                # a new client address each time: the fuzzer tests the code, not the rate limit
                response = case.call(base_url=server.url, timeout=30, headers=_from(f"fuzz-{next(clients)}"))
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.formatted_path} → {response.status_code}: {response.text[:200]}")

            try:
                fuzz()
            except Unsatisfiable:
                pass  # nothing invalid to generate for an operation without inputs
    assert failures == []
    health = httpx.get(f"{server.url}/api/health").json()
    assert health["writers"]["conversation_log"]["alive"] and health["writers"]["conversation_log"]["skipped"] == 0
