"""The assistant as an OpenAI-compatible model, through the official `openai` client, and the API's own SSE stream
(e2e: the real server)."""

from __future__ import annotations

import json

import httpx
import openai
import pytest
from conftest_server import Server, Workspace, start_server

pytestmark = pytest.mark.e2e


@pytest.fixture()
def client(server: Server) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{server.url}/v1", api_key="unused", max_retries=0, timeout=30)


def test_chat_completion_through_the_openai_client(client: openai.OpenAI):
    reply = client.chat.completions.create(model="changai-assistant", messages=[
        {"role": "system", "content": "你是助手"}, {"role": "user", "content": "职工董事有多少名？"}])
    content = reply.choices[0].message.content
    assert content.startswith("617名") and "参考资料：\n[1] 《" in content and reply.choices[0].finish_reason == "stop"
    contract = reply.model_extra["answer"]
    assert contract["refused"] is False and contract["sources"][0]["document"]["region"] == "云南"


def test_follow_up_through_messages(client: openai.OpenAI):
    reply = client.chat.completions.create(model="changai-assistant", messages=[
        {"role": "user", "content": "职工董事有多少名？"}, {"role": "assistant", "content": "617名。"},
        {"role": "user", "content": [{"type": "text", "text": "职工监事呢？"}]}])
    assert reply.choices[0].message.content.startswith("671名")


def test_streamed_completion_through_the_openai_client(client: openai.OpenAI):
    stream = client.chat.completions.create(model="changai-assistant", stream=True,
                                            messages=[{"role": "user", "content": "母婴室建了几个？"}])
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text.startswith("146个") and "参考资料" in text
    assert chunks[-1].choices[0].finish_reason == "stop" and chunks[-1].model_extra["answer"]["answer"].startswith("146个")


def test_models_are_listed(client: openai.OpenAI):
    assert [m.id for m in client.models.list()] == ["changai-assistant"]


@pytest.mark.parametrize("messages", [[], [{"role": "assistant", "content": "hi"}], [{"role": "user", "content": ""}],
                                      [{"role": "wizard", "content": "x"}], [{"role": "user", "content": "长" * 600}]])
def test_bad_input_is_a_4xx_for_the_client(client: openai.OpenAI, messages: list):
    with pytest.raises(openai.APIStatusError) as caught:
        client.chat.completions.create(model="changai-assistant", messages=messages)
    assert 400 <= caught.value.status_code < 500


def test_the_api_s_own_stream_sends_sentences_then_the_contract(server: Server):
    with httpx.stream("POST", f"{server.url}/api/ask/stream", json={"question": "职工董事有多少名？"}, timeout=30) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = []
        for block in response.read().decode().split("\n\n"):
            if block.strip():
                name, data = (line.split(": ", 1)[1] for line in block.splitlines()[:2])
                events.append((name, json.loads(data)))
    assert [n for n, _ in events][-1] == "done" and all(n == "delta" for n, _ in events[:-1])
    assert "".join(d["text"] for n, d in events if n == "delta").strip() == events[-1][1]["answer"].strip()


def test_api_keys_guard_the_api_and_v1_when_set(tmp_path_factory):
    workspace = Workspace.create(tmp_path_factory.mktemp("keys"))
    workspace.env["ASSISTANT_API_KEYS"] = "key-one, key-two"
    workspace.build_index()
    running = start_server(workspace)
    try:
        assert httpx.post(f"{running.url}/api/ask", json={"question": "职工董事有多少名？"}).status_code == 401
        assert httpx.get(f"{running.url}/api/health").status_code == 200  # health stays open for balancers
        with pytest.raises(openai.AuthenticationError):
            openai.OpenAI(base_url=f"{running.url}/v1", api_key="wrong", max_retries=0).models.list()
        keyed = openai.OpenAI(base_url=f"{running.url}/v1", api_key="key-two", max_retries=0)
        assert keyed.chat.completions.create(model="m", messages=[{"role": "user", "content": "职工董事有多少名？"}])
        ok = httpx.post(f"{running.url}/api/ask", json={"question": "职工董事有多少名？"},
                        headers={"authorization": "Bearer key-one"})
        assert ok.status_code == 200
    finally:
        running.stop()
