"""WeCom end to end: the real `assistant serve` process, the real Assistant and index, the channel pointed
at a loopback stand-in of the WeCom API. Messages are posted encrypted exactly as WeCom posts them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest_server import TEST_WECOM, Server, Workspace, poll_rows, start_server
from wecom_standin import WeComStandIn, seal_callback, seal_echo, text_message

pytestmark = pytest.mark.e2e

TOKEN, AES_KEY, CORP_ID = TEST_WECOM["WECOM_TOKEN"], TEST_WECOM["WECOM_AES_KEY"], TEST_WECOM["WECOM_CORP_ID"]
AGENT_ID, SECRET = int(TEST_WECOM["WECOM_AGENT_ID"]), TEST_WECOM["WECOM_SECRET"]
USER = "zhangsan"


@pytest.fixture(scope="module")
def standin() -> Iterator[WeComStandIn]:
    server = WeComStandIn(CORP_ID, SECRET, AGENT_ID).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory, standin: WeComStandIn) -> Iterator[Server]:
    workspace = Workspace.create(tmp_path_factory.mktemp("wecom-e2e"), wecom_api=standin.url)
    workspace.build_index()
    running = start_server(workspace)
    yield running
    running.stop()


def server_data_dir(server: Server) -> Path:
    return server.log_path.parent / "data"  # Workspace.create puts the log and the data folder side by side


_ids = iter(range(8_100_000_000, 9_000_000_000))


def post(server: Server, content: str, *, user: str = USER, msg_id: int | None = None, token: str = TOKEN) -> httpx.Response:
    inner = text_message(CORP_ID, AGENT_ID, user, content, msg_id or next(_ids))
    body, params = seal_callback(inner, token, AES_KEY, CORP_ID, AGENT_ID, str(int(time.time())), str(next(_ids)))
    return httpx.post(f"{server.url}/wecom/callback", params=params, content=body, timeout=5)


def test_question_gets_the_cited_answer_in_wecom(server: Server, standin: WeComStandIn):
    started = time.perf_counter()
    response = post(server, "母婴室建了多少个", user="worker-a")
    assert response.status_code == 200 and response.content == b""
    assert time.perf_counter() - started < 1.0  # acknowledged at once, answered afterwards
    messages = standin.wait_for_messages("worker-a", 1, timeout=15)
    text = "\n".join(messages)
    assert "146个" in text and "爱心妈妈屋(母婴室)146个" in text
    assert "来源" in text and "强化帮扶服务落实" in text
    assert all(len(m.encode("utf-8")) <= 2048 for m in messages)
    logged = poll_rows(server_data_dir(server) / "conversations.sqlite3",
                       "SELECT channel, user FROM exchanges WHERE question = '母婴室建了多少个'")
    assert logged == [("wecom", "worker-a")]


def test_retried_message_is_answered_once(server: Server, standin: WeComStandIn):
    msg_id = next(_ids)
    for _ in range(4):  # the original and WeCom's three retries
        assert post(server, "职工董事有多少名？", user="worker-b", msg_id=msg_id).status_code == 200
    messages = standin.wait_for_messages("worker-b", 1, timeout=15)
    time.sleep(1.0)  # give a duplicate every chance to arrive
    assert len(standin.messages_to("worker-b")) == len(messages) and "617名" in messages[0]


def test_forged_signature_is_rejected_and_nothing_sent(server: Server, standin: WeComStandIn):
    response = post(server, "职工监事有多少名？", user="worker-c", token="not-the-token")
    assert 400 <= response.status_code < 500
    time.sleep(1.0)
    assert standin.messages_to("worker-c") == []


def test_url_verification_returns_bare_echo(server: Server):
    # an echostr made as WeCom makes it, now (stale timestamps are refused, as for messages)
    params = seal_echo("1616140317555161061", TOKEN, AES_KEY, CORP_ID, str(int(time.time())), "263014780")
    response = httpx.get(f"{server.url}/wecom/callback", params=params, timeout=5)
    assert response.status_code == 200 and response.text == "1616140317555161061"
    assert response.headers["content-type"].startswith("text/plain")
    stale = seal_echo("1616140317555161061", TOKEN, AES_KEY, CORP_ID, "1409659589", "263014780")  # signed, twelve years old
    assert 400 <= httpx.get(f"{server.url}/wecom/callback", params=stale, timeout=5).status_code < 500


def test_env_file_configures_the_channel(tmp_path: Path):
    from assistant.adapters.wecom import WeComConfig
    from assistant.settings import load_env_file

    env_file = tmp_path / ".env"
    env_file.write_text(f"WECOM_CORP_ID={CORP_ID}\nWECOM_AGENT_ID={AGENT_ID}\n", encoding="utf-8")
    import os

    saved = {k: os.environ.pop(k, None) for k in ("WECOM_CORP_ID", "WECOM_AGENT_ID")}
    try:
        assert load_env_file(env_file) == ["WECOM_CORP_ID", "WECOM_AGENT_ID"]
        with pytest.raises(Exception) as error:  # partly configured: a clear start-up error, not a silent channel
            WeComConfig.from_env()
        assert "WECOM_SECRET" in str(error.value)
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None)
            if value is not None:
                os.environ[key] = value


def test_kill_9_mid_burst_loses_no_acknowledged_message(tmp_path_factory, standin: WeComStandIn):
    """40 messages acknowledged, the server killed with SIGKILL while answering them, started again: every
    message is answered, and none twice."""
    import os
    import signal

    workspace = Workspace.create(tmp_path_factory.mktemp("wecom-kill"), wecom_api=standin.url)
    workspace.build_index()
    first = start_server(workspace)
    users = [f"burst-{n:02d}" for n in range(40)]
    standin.send_delay = 0.1  # answers go out slower than questions arrive: most are pending at the kill
    try:
        for user in users:
            assert post(first, "职工董事有多少名？", user=user).status_code == 200  # acknowledged = durable
        os.kill(first.pid, signal.SIGKILL)
        first.process.wait(10)
        answered_before = {u for u in users if standin.messages_to(u)}
        assert len(answered_before) < len(users), "the kill came too late to test anything"
        second = start_server(workspace)
        try:
            standin.send_delay = 0.0
            assert standin.wait_for(lambda: all(standin.messages_to(u) for u in users), timeout=60)
            time.sleep(1.5)  # a duplicate would arrive now
            parts = {len(standin.messages_to(u)) for u in users}
            assert parts == {1}, {u: len(standin.messages_to(u)) for u in users if len(standin.messages_to(u)) != 1}
            assert all("617名" in standin.messages_to(u)[0] for u in users)
        finally:
            second.stop()
    finally:
        standin.send_delay = 0.0
        if first.process.poll() is None:
            first.process.kill()
