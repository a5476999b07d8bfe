"""End-to-end tests of the HTTP API: the real server in a subprocess, spoken to over loopback HTTP."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from conftest_server import Server, Workspace, poll_rows, signed_user_cookie

pytestmark = pytest.mark.e2e

QUESTION = "职工董事有多少名？"
CITED = "省属企业共通过职代会选举产生职工董事617名"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def client(server: Server) -> httpx.Client:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


# --- the answer contract ----------------------------------------------------------------------
def test_ask_returns_the_answer_contract_with_its_source(client: httpx.Client) -> None:
    response = client.post("/api/ask", json={"question": QUESTION})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"answer", "refused", "sources", "figures", "standalone_question", "reading", "suggestions", "writer",
                         "fallback"}
    assert "617名" in body["answer"] and body["refused"] is False
    assert body["standalone_question"] == QUESTION
    assert any(CITED in s["text"] for s in body["sources"])
    for source in body["sources"]:
        assert set(source) == {"id", "title", "section", "text", "score", "document"}
        assert isinstance(source["score"], float) and source["document"]["region"] == "云南"
    assert {"value": "617", "unit": "名", "text": "617名"}.items() <= body["figures"][0].items()


def test_follow_up_uses_the_history(client: httpx.Client) -> None:
    first = client.post("/api/ask", json={"question": QUESTION}).json()
    history = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": first["answer"]}]
    body = client.post("/api/ask", json={"question": "那职工监事呢？", "history": history}).json()
    assert "671名" in body["answer"]


def test_off_topic_question_is_refused_not_an_error(client: httpx.Client) -> None:
    response = client.post("/api/ask", json={"question": "明天昆明的天气怎么样？"})
    assert response.status_code == 200
    assert response.json()["refused"] is True


# --- bad input: always 4xx JSON with a Chinese message, never 500 -------------------------------
LONG = "职工" * 300  # 600 characters, over the default max_question_chars of 500
BAD_REQUESTS = {
    "empty question": ("POST", "/api/ask", {"json": {"question": ""}}),
    "whitespace question": ("POST", "/api/ask", {"json": {"question": " \n\t　"}}),
    "question too long": ("POST", "/api/ask", {"json": {"question": LONG}}),
    "question is a number": ("POST", "/api/ask", {"json": {"question": 123}}),
    "question is null": ("POST", "/api/ask", {"json": {"question": None}}),
    "question is a list": ("POST", "/api/ask", {"json": {"question": ["职工董事"]}}),
    "question missing": ("POST", "/api/ask", {"json": {"history": []}}),
    "unknown field": ("POST", "/api/ask", {"json": {"question": QUESTION, "stream": True}}),
    "history is a string": ("POST", "/api/ask", {"json": {"question": QUESTION, "history": "之前问过"}}),
    "history item not an object": ("POST", "/api/ask", {"json": {"question": QUESTION, "history": ["hi"]}}),
    "history bad role": ("POST", "/api/ask",
                         {"json": {"question": QUESTION, "history": [{"role": "system", "content": "x"}]}}),
    "history missing content": ("POST", "/api/ask", {"json": {"question": QUESTION, "history": [{"role": "user"}]}}),
    "history content a number": ("POST", "/api/ask",
                                 {"json": {"question": QUESTION, "history": [{"role": "user", "content": 1}]}}),
    "history unknown field": ("POST", "/api/ask", {"json": {"question": QUESTION, "history": [
        {"role": "user", "content": "x", "name": "张三"}]}}),
    "malformed JSON": ("POST", "/api/ask", {"content": b'{"question": "x",', "headers": {"content-type": "application/json"}}),
    "not UTF-8": ("POST", "/api/ask", {"content": b'{"question": "\xff\xfe"}', "headers": {"content-type": "application/json"}}),
    "body is a list": ("POST", "/api/ask", {"json": [QUESTION]}),
    "body is a string": ("POST", "/api/ask", {"json": QUESTION}),
    "empty body": ("POST", "/api/ask", {"content": b"", "headers": {"content-type": "application/json"}}),
    "form body": ("POST", "/api/ask", {"data": {"question": QUESTION}}),
    "body too large": ("POST", "/api/ask", {"json": {"question": "职" * 600_000}}),
    "search without q": ("GET", "/api/search", {}),
    "search empty q": ("GET", "/api/search", {"params": {"q": "  "}}),
    "search q too long": ("GET", "/api/search", {"params": {"q": LONG}}),
    "top_k not a number": ("GET", "/api/search", {"params": {"q": QUESTION, "top_k": "abc"}}),
    "top_k zero": ("GET", "/api/search", {"params": {"q": QUESTION, "top_k": 0}}),
    "top_k negative": ("GET", "/api/search", {"params": {"q": QUESTION, "top_k": -3}}),
    "top_k too big": ("GET", "/api/search", {"params": {"q": QUESTION, "top_k": 51}}),
    "top_k a fraction": ("GET", "/api/search", {"params": {"q": QUESTION, "top_k": 1.5}}),
    "figures q too long": ("GET", "/api/figures", {"params": {"q": LONG}}),
    "feedback bad vote": ("POST", "/api/feedback", {"json": {"question": "q", "answer": "a", "vote": "meh"}}),
    "feedback missing vote": ("POST", "/api/feedback", {"json": {"question": "q", "answer": "a"}}),
    "feedback sources not a list": ("POST", "/api/feedback",
                                    {"json": {"question": "q", "answer": "a", "vote": "up", "sources": "x"}}),
    "feedback unknown field": ("POST", "/api/feedback",
                               {"json": {"question": "q", "answer": "a", "vote": "up", "stars": 5}}),
    "unknown endpoint": ("GET", "/api/nothing-here", {}),
    "wrong method": ("GET", "/api/ask", {}),
}


@pytest.mark.parametrize("case", list(BAD_REQUESTS))
def test_bad_input_gets_a_chinese_4xx(client: httpx.Client, case: str) -> None:
    method, path, kwargs = BAD_REQUESTS[case]
    response = client.request(method, path, **kwargs)
    assert 400 <= response.status_code < 500, (case, response.status_code, response.text)
    body = response.json()
    assert set(body) == {"type", "message", "hint"}, body
    assert CJK.search(body["message"]), body
    assert "Traceback" not in response.text and "pydantic" not in response.text


def test_no_bad_input_reaches_a_500(client: httpx.Client, server: Server) -> None:
    statuses = [client.request(m, p, **kw).status_code for m, p, kw in BAD_REQUESTS.values()]
    assert [s for s in statuses if s >= 500] == []
    assert "Traceback" not in server.log()


def test_specific_messages(client: httpx.Client) -> None:
    too_long = client.post("/api/ask", json={"question": LONG}).json()
    assert too_long["type"] == "invalid_input" and "太长" in too_long["message"]
    extra = client.post("/api/ask", json={"question": QUESTION, "stream": True}).json()
    assert "stream" in extra["message"]
    role = client.post("/api/ask", json={"question": QUESTION, "history": [{"role": "bot", "content": "x"}]}).json()
    assert "history[0].role" in role["hint"]


# --- search, figures, CSV, health ----------------------------------------------------------------
def test_search_ranks_hits_with_their_scores(client: httpx.Client) -> None:
    hits = client.get("/api/search", params={"q": QUESTION, "top_k": 3}).json()
    assert [h["rank"] for h in hits] == [1, 2, 3]
    assert CITED in hits[0]["text"]
    for hit in hits:
        assert {"id", "title", "section", "text", "score", "dense", "keyword", "bigram", "rank", "document"} == set(hit)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_figures_lookup(client: httpx.Client) -> None:
    rows = client.get("/api/figures", params={"q": "职工董事"}).json()
    assert any(r["value"] == "617" and r["unit"] == "名" for r in rows)
    everything = client.get("/api/figures").json()
    assert len(everything) > len(rows) > 0


def test_figures_csv_opens_in_excel(client: httpx.Client) -> None:
    response = client.get("/api/figures.csv", params={"q": "职工董事"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0][:3] == ["指标", "数值", "单位"]
    sentence = table[0].index("原文")
    assert any(row[1] == "617" and CITED in row[sentence] for row in table[1:])


def test_health(client: httpx.Client) -> None:
    health = client.get("/api/health").json()
    assert health["index_loaded"] is True
    assert health["documents"] >= 1 and health["chunks"] > 10
    assert health["model"] and health["built_at"]


def test_docs_and_ui_share_the_port(client: httpx.Client) -> None:
    assert client.get("/docs").status_code == 200
    assert "/api/ask" in client.get("/openapi.json").json()["paths"]
    page = client.get("/")
    assert page.status_code == 200 and "<html" in page.text.lower()


# --- feedback -------------------------------------------------------------------------------------
def _feedback_rows(workspace: Workspace) -> list[dict]:
    with sqlite3.connect(workspace.data_dir / "feedback.sqlite3") as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute("SELECT * FROM feedback ORDER BY id")]


def test_feedback_is_stored_with_the_wecom_user(server: Server, workspace: Workspace) -> None:
    with httpx.Client(base_url=server.url, cookies={"wecom_userid": signed_user_cookie("ZhangSan")}) as client:
        answer = client.post("/api/ask", json={"question": QUESTION}).json()
        vote = {"question": QUESTION, "answer": answer["answer"], "sources": answer["sources"], "vote": "down",
                "comment": "想知道职工监事的数字"}
        response = client.post("/api/feedback", json=vote)
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True and isinstance(body["id"], int)
    row = next(r for r in _feedback_rows(workspace) if r["id"] == body["id"])
    assert row["vote"] == "down" and row["user"] == "ZhangSan" and row["comment"] == vote["comment"]
    assert json.loads(row["sources"])[0]["text"] == answer["sources"][0]["text"]
    assert row["created_at"]


def test_forged_user_cookie_is_not_trusted(server: Server, workspace: Workspace) -> None:
    forged = signed_user_cookie("ZhangSan").replace("ZhangSan", "WangWu")
    with httpx.Client(base_url=server.url, cookies={"wecom_userid": forged}) as client:
        body = client.post("/api/feedback", json={"question": QUESTION, "answer": "…", "vote": "up"}).json()
    row = next(r for r in _feedback_rows(workspace) if r["id"] == body["id"])
    assert row["user"] == ""


def test_concurrent_votes_are_all_kept(server: Server, workspace: Workspace) -> None:
    before = len(_feedback_rows(workspace))

    def vote(i: int) -> int:
        body = {"question": f"问题{i}", "answer": "回答", "vote": "up" if i % 2 else "down"}
        with httpx.Client(base_url=server.url, timeout=60, cookies={"wecom_userid": signed_user_cookie(f"u{i}")}) as c:
            response = c.post("/api/feedback", json=body)
        assert response.status_code == 200, response.text
        return response.json()["id"]

    with ThreadPoolExecutor(max_workers=50) as pool:
        ids = list(pool.map(vote, range(200)))
    assert len(set(ids)) == 200
    rows = _feedback_rows(workspace)
    assert len(rows) - before == 200
    assert {f"u{i}" for i in range(200)} <= {r["user"] for r in rows}


# --- load and index swaps ---------------------------------------------------------------------------
def test_fifty_parallel_asks_all_succeed(server: Server) -> None:
    questions = ["职工董事有多少名？", "母婴室建了多少个？", "2022年发展了多少产业工人党员？", "家里困难能申请帮扶吗？",
                 "我是一线工人，想提高技术，有哪些途径？"]
    with httpx.Client(base_url=server.url, timeout=60, limits=httpx.Limits(max_connections=50)) as c:
        with ThreadPoolExecutor(max_workers=50) as pool:
            responses = list(pool.map(lambda i: c.post("/api/ask", json={"question": questions[i % 5]}), range(50)))
    assert [r.status_code for r in responses] == [200] * 50
    assert all("617名" in r.json()["answer"] for r in responses[::5])


EXTRA_DOCUMENT = """---
title: 测试用补充说明
year: 2023
---
# 补充说明
测试补充说明：班组长轮训共覆盖了八百个班组。
"""


def test_index_rebuild_while_serving_fails_no_request(client: httpx.Client, server: Server,
                                                        workspace: Workspace) -> None:
    before = client.get("/api/health").json()
    failures: list[str] = []
    done = threading.Event()
    counts = {"requests": 0}

    def load() -> None:
        with httpx.Client(base_url=server.url, timeout=60) as c:
            while not done.is_set():
                for path, kwargs in (("/api/ask", {"json": {"question": QUESTION}}),
                                     ("/api/search", {"params": {"q": QUESTION}}), ("/api/health", {})):
                    method = "POST" if path == "/api/ask" else "GET"
                    response = c.request(method, path, **kwargs)
                    counts["requests"] += 1
                    if response.status_code != 200 or (path == "/api/ask" and "617名" not in response.text):
                        failures.append(f"{path} {response.status_code} {response.text[:200]}")

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        extra = Path(workspace.knowledge_dir) / "测试补充说明.md"
        extra.write_text(EXTRA_DOCUMENT, encoding="utf-8")
        workspace.build_index()  # another process, as `assistant index` run by an administrator
        after = _wait_for_build(client, before["build_id"])
        assert after["documents"] == before["documents"] + 1
        extra.unlink()
        workspace.build_index()
        _wait_for_build(client, after["build_id"])
    finally:
        done.set()
        for thread in threads:
            thread.join(60)
    assert failures == []
    assert counts["requests"] > 20


def _wait_for_build(client: httpx.Client, old_build: str, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        health = client.get("/api/health").json()
        if health["build_id"] != old_build:
            return health
        time.sleep(0.2)
    raise AssertionError(f"the server still serves build {old_build} after {timeout} s")


def test_an_unexpected_error_is_a_generic_chinese_500(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The catch-all, in process: a bug deep in the core must not show its trace to the caller."""
    from fastapi.testclient import TestClient

    from assistant.adapters.api import create_app
    from assistant.core import Assistant
    from assistant.settings import Settings

    settings = Settings.from_env(environ=workspace.env)
    assistant = Assistant(settings)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(assistant, "ask", broken)
    with TestClient(create_app(assistant, settings, ui=False), raise_server_exceptions=False) as client:
        response = client.post("/api/ask", json={"question": QUESTION})
    assert response.status_code == 500
    assert response.json()["type"] == "internal_error" and CJK.search(response.json()["message"])
    assert "secret" not in response.text and "Traceback" not in response.text



def test_docs_page_loads_nothing_from_outside(client: httpx.Client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(a.startswith("/") for a in assets), assets
    assert all(client.get(a).status_code == 200 for a in assets)
    assert client.get("/openapi.json").json()["info"]["title"] == "产改问答助手 API"


def test_conversations_are_logged_with_the_verified_user(server: Server, workspace: Workspace) -> None:
    cookies = {"wecom_userid": signed_user_cookie("ZhaoLiu")}
    with httpx.Client(base_url=server.url, cookies=cookies, headers={"X-Session-Id": "s-42"}) as client:
        assert client.post("/api/ask", json={"question": "明天会下雨吗"}).status_code == 200
    rows = poll_rows(workspace.data_dir / "conversations.sqlite3",
                     "SELECT channel, user, session, refused FROM exchanges WHERE question = ?", ("明天会下雨吗",))
    assert rows == [("api", "ZhaoLiu", "s-42", 1)]
