"""The WeCom channel end to end: callbacks encrypted exactly as WeCom sends them go into a live
uvicorn server; answers come out through the message/send API of a loopback stand-in
(tests/wecom_standin.py) that speaks WeCom's JSON. Real crypto, real SQLite, real HTTP."""

from __future__ import annotations

import itertools
import logging
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from wecom_standin import WeComStandIn, seal_callback, text_message

from assistant.adapters.wecom import WeComChannel, WeComConfig, create_wecom_router
from assistant.adapters.wecom_api import oauth_authorize_url, read_user_cookie
from assistant.adapters.wecom_format import format_answer, short_section, split_message
from assistant.errors import ConfigError, InvalidInput
from assistant.prompts import Prompts
from assistant.settings import Settings
from assistant.types import Answer, Source

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[1]
TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
AES_KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
CORP_ID = "ww1436e0e65a779aee"
AGENT_ID = 1000002
SECRET = "standin-app-secret-4f9a2c"
USER = "ZhangSan"
TITLE = "云南省国资委党委2022年产改工作情况报告"
SOURCES = [
    Source(id="c1", title=TITLE, section="四是强化主体地位,做到权益上维护 › 畅通参与公司管理渠道",
           text="省属企业共通过职代会选举产生职工董事617名、职工监事671名。", score=0.91),
    Source(id="c2", title=TITLE, section="五是强化建功立业,做到素质上提升 › 积极通过“师带徒”提升",
           text="截至目前，各省属企业共签订师徒合同4883份。", score=0.85),
    Source(id="c3", title=TITLE, section="一是强化组织领导,做到工作上重视", text="突出高位推动。", score=0.40),
]
PROMPTS = Prompts(REPO / "prompts")


class EchoAssistant:
    """Stands in for `assistant.core.Assistant` so each test can steer the answer by its question:
    "长答案:N" gives N numbered sentences, "太长" raises InvalidInput, "出错" raises, anything else
    gets one sentence quoting the question and citing [1]. `gate` holds answers back while cleared."""

    def __init__(self) -> None:
        self.questions: list[str] = []
        self.histories: list[list[dict]] = []
        self.gate = threading.Event()
        self.gate.set()
        self.entered = threading.Event()

    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        self.entered.set()
        assert self.gate.wait(10), "test never opened the gate"
        self.questions.append(question)
        self.histories.append(list(history or []))
        if question.startswith("长答案:"):
            count = int(question.split(":")[1])
            text = "".join(f"第{i}句，各省属企业共签订师徒合同4883份[2]。" for i in range(1, count + 1))
        elif question == "太长":
            raise InvalidInput("问题太长了，请控制在 500 字以内。")
        elif question == "出错":
            raise RuntimeError("index exploded")
        else:
            text = f"您问的是“{question}”。省属企业共通过职代会选举产生职工董事617名[1]。"
        return Answer(answer=text, refused=False, sources=SOURCES)


def build_app(assistant: EchoAssistant, settings: Settings, config: WeComConfig) -> tuple[FastAPI, WeComChannel]:
    """The one place the app under test is made: swap in the real `assistant serve` app here."""
    router = create_wecom_router(assistant, settings, config)
    app = FastAPI()
    app.include_router(router)
    return app, router.wecom_channel


class LiveServer:
    """uvicorn on a free loopback port, in a thread; `stop()` runs the app's lifespan shutdown."""

    def __init__(self, app: FastAPI) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self._server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            assert time.monotonic() < deadline and self._thread.is_alive(), "uvicorn did not start"
            time.sleep(0.01)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)


_msg_ids = itertools.count(7_300_000_000_000_000_001)


def text_xml(content: str, *, user: str = USER, msg_id: int | None = None, agent_id: int = AGENT_ID,
             cdata: bool = True) -> str:
    return text_message(CORP_ID, agent_id, user, content, msg_id or next(_msg_ids), cdata)


def media_xml(msg_type: str, *, user: str = USER) -> str:
    return (f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[{msg_type}]]></MsgType>"
            f"<MediaId><![CDATA[media-1]]></MediaId><MsgId>{next(_msg_ids)}</MsgId><AgentID>{AGENT_ID}</AgentID></xml>")


def event_xml(event: str, *, user: str = USER, create_time: int | None = None) -> str:
    return (f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>"
            f"<CreateTime>{create_time or int(time.time())}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            f"<Event><![CDATA[{event}]]></Event><EventKey><![CDATA[]]></EventKey><AgentID>{AGENT_ID}</AgentID></xml>")


def seal(inner: str, *, corp_id: str = CORP_ID, timestamp: int | None = None, nonce: str | None = None,
         ) -> tuple[bytes, dict[str, str]]:
    """A callback as WeCom sends it: `<xml><ToUserName/><Encrypt/><AgentID/></xml>` + signed query."""
    timestamp_text = str(timestamp if timestamp is not None else int(time.time()))
    return seal_callback(inner, TOKEN, AES_KEY, corp_id, AGENT_ID, timestamp_text, nonce or str(next(_msg_ids) % 10**9))


@dataclass
class Harness:
    server: LiveServer
    channel: WeComChannel
    standin: WeComStandIn
    assistant: EchoAssistant
    http: httpx.Client

    def post(self, inner: str, **seal_options: object) -> httpx.Response:
        body, params = seal(inner, **seal_options)
        return self.post_raw(body, params)

    def post_raw(self, body: bytes, params: dict[str, str]) -> httpx.Response:
        # WeCom gives up after 5 s: a callback that waits for the answer would fail here.
        return self.http.post(f"{self.server.url}/wecom/callback", params=params, content=body, timeout=5)

    def stop(self) -> None:
        self.server.stop()
        self.channel.close()


@pytest.fixture
def standin() -> Iterator[WeComStandIn]:
    server = WeComStandIn(CORP_ID, SECRET, AGENT_ID).start()
    yield server
    server.stop()


@pytest.fixture
def start(tmp_path: Path, standin: WeComStandIn) -> Iterator[Callable[..., Harness]]:
    """Start the channel in a live server: `start(data_dir=..., assistant=..., **config_fields)`."""
    started: list[Harness] = []

    def _start(data_dir: Path | None = None, assistant: EchoAssistant | None = None, **overrides: object) -> Harness:
        settings = Settings(knowledge_dir=tmp_path, index_dir=tmp_path, data_dir=data_dir or tmp_path / "data",
                            prompts_dir=REPO / "prompts")
        fields = {"api_base": standin.url, "send_backoff": 0.01, "http_timeout": 5.0} | overrides
        config = WeComConfig(corp_id=CORP_ID, agent_id=AGENT_ID, secret=SECRET, token=TOKEN, aes_key=AES_KEY, **fields)
        assistant = assistant or EchoAssistant()
        app, channel = build_app(assistant, settings, config)
        harness = Harness(LiveServer(app), channel, standin, assistant, httpx.Client())
        started.append(harness)
        return harness

    yield _start
    for harness in started:
        harness.assistant.gate.set()
        harness.stop()
        harness.http.close()


@pytest.fixture
def wecom(start: Callable[..., Harness]) -> Harness:
    return start()


def accepted(response: httpx.Response) -> bool:
    return response.status_code == 200 and response.content == b""


# --- answering ----------------------------------------------------------------------------------


def test_question_is_acknowledged_at_once_and_answered_with_sources(wecom: Harness) -> None:
    wecom.assistant.gate.clear()  # the answer cannot be ready until the test says so
    assert accepted(wecom.post(text_xml("职工董事有多少名？")))
    assert wecom.standin.delivered == []
    wecom.assistant.gate.set()
    [message] = wecom.standin.wait_for_messages(USER, 1)
    assert message.startswith("您问的是“职工董事有多少名？”。省属企业共通过职代会选举产生职工董事617名[1]。")
    assert f"来源：[1] 《{TITLE}》 四是… › 畅通参与公司管理渠道" in message
    assert "[2]" not in message.split("来源")[1]  # only cited sources are listed
    body = wecom.standin.delivered[0]
    assert (body["touser"], body["msgtype"], body["agentid"]) == (USER, "text", AGENT_ID)


def test_plain_text_nodes_read_like_cdata(wecom: Harness) -> None:
    assert accepted(wecom.post(text_xml("师徒合同签了多少份？", cdata=False)))
    assert "“师徒合同签了多少份？”" in wecom.standin.wait_for_messages(USER, 1)[0]


def test_retried_callback_is_answered_exactly_once(wecom: Harness) -> None:
    body, params = seal(text_xml("劳模有多少人？"))
    assert accepted(wecom.post_raw(body, params))
    wecom.standin.wait_for_messages(USER, 1)
    for _ in range(3):  # WeCom's retries carry the same body and query
        assert accepted(wecom.post_raw(body, params))
    assert wecom.channel.wait_idle()
    assert len(wecom.standin.messages_to(USER)) == 1
    assert wecom.assistant.questions == ["劳模有多少人？"]


def test_long_answer_arrives_as_several_messages_in_order(wecom: Harness) -> None:
    wecom.post(text_xml("长答案:150"))
    assert wecom.standin.wait_for(lambda: any("来源" in m for m in wecom.standin.messages_to(USER)))
    assert wecom.channel.wait_idle()
    messages = wecom.standin.messages_to(USER)
    assert len(messages) >= 4
    assert all(len(m.encode("utf-8")) <= 2048 for m in messages)
    numbers = [int(n) for n in re.findall(r"第(\d+)句", "".join(messages))]
    assert numbers == list(range(1, 151))
    assert all(m.endswith("。") for m in messages[:-1])  # cut on sentence boundaries
    assert messages[-1].endswith(f"来源：[2] 《{TITLE}》 五是… › 积极通过“师带徒”提升")


def test_follow_up_question_carries_the_member_s_conversation(wecom: Harness) -> None:
    wecom.post(text_xml("职工董事有多少名？"))
    [first] = wecom.standin.wait_for_messages(USER, 1)
    wecom.post(text_xml("职工监事呢？"))
    wecom.post(text_xml("你好", user="LiSi"))
    wecom.standin.wait_for_messages(USER, 2)
    wecom.standin.wait_for_messages("LiSi", 1)
    assert wecom.channel.wait_idle()
    by_question = dict(zip(wecom.assistant.questions, wecom.assistant.histories, strict=True))
    assert by_question["职工董事有多少名？"] == [] and by_question["你好"] == []
    assert by_question["职工监事呢？"] == [
        {"role": "user", "content": "职工董事有多少名？"},
        {"role": "assistant", "content": first.split("\n\n来源")[0]},  # the answer without its 来源 lines
    ]


def test_invalid_question_and_failing_assistant_get_polite_texts(wecom: Harness, caplog: pytest.LogCaptureFixture) -> None:
    wecom.post(text_xml("太长"))
    wecom.post(text_xml("出错"))
    wecom.post(text_xml("  \n "))
    messages = wecom.standin.wait_for_messages(USER, 3)
    assert messages == ["问题太长了，请控制在 500 字以内。", PROMPTS.render("wecom.error"), PROMPTS.render("wecom.empty")]
    assert any(r.levelno == logging.ERROR and "assistant failed" in r.getMessage() for r in caplog.records)


def test_non_text_messages_get_the_text_only_notice(wecom: Harness) -> None:
    kinds = ["image", "voice", "video", "file", "location", "link"]
    for kind in kinds:
        assert accepted(wecom.post(media_xml(kind)))
    messages = wecom.standin.wait_for_messages(USER, len(kinds))
    assert messages == [PROMPTS.render("wecom.unsupported")] * len(kinds)
    assert "只支持文字提问" in messages[0]
    assert wecom.assistant.questions == []


def test_entering_the_app_gets_one_welcome_a_day(wecom: Harness) -> None:
    now = int(time.time())
    assert accepted(wecom.post(event_xml("enter_agent", create_time=now)))
    [welcome] = wecom.standin.wait_for_messages(USER, 1)
    assert "2022年省属企业发展了多少名产业工人党员？" in welcome
    wecom.post(event_xml("enter_agent", create_time=now + 1))
    wecom.post(event_xml("subscribe", create_time=now + 2))
    wecom.post(event_xml("click", create_time=now + 3))
    assert wecom.channel.wait_idle()
    assert wecom.standin.messages_to(USER) == [welcome]
    wecom.post(event_xml("subscribe", user="LiSi"))
    assert wecom.standin.wait_for_messages("LiSi", 1) == [welcome]


# --- callbacks that must do nothing ---------------------------------------------------------------


def forged_signature(wecom: Harness) -> httpx.Response:
    body, params = seal(text_xml("伪造"))
    params["msg_signature"] = params["msg_signature"][:-1] + ("0" if params["msg_signature"][-1] != "0" else "1")
    return wecom.post_raw(body, params)


REJECTIONS = {
    "forged signature": (forged_signature, 403, "bad_signature"),
    "wrong CorpID": (lambda w: w.post(text_xml("别的企业"), corp_id="ww0000000000000000"), 403, "wrong_corp_id"),
    "wrong AgentID": (lambda w: w.post(text_xml("别的应用", agent_id=1000003)), 403, "wrong_agent_id"),
    "stale timestamp": (lambda w: w.post(text_xml("旧消息"), timestamp=int(time.time()) - 3600), 403, "stale_timestamp"),
    "future timestamp": (lambda w: w.post(text_xml("未来"), timestamp=int(time.time()) + 3600), 403, "stale_timestamp"),
    "unparseable": (lambda w: w.post("不是 XML"), 400, "unparseable"),
    "no query": (lambda w: w.post_raw(seal(text_xml("无参数"))[0], {}), 400, "missing_params"),
    "empty body": (lambda w: w.post_raw(b"", seal(text_xml("空"))[1]), 400, "unparseable"),
    "oversized body": (lambda w: w.post_raw(b"<xml>" + b" " * 70_000 + b"</xml>", seal(text_xml("大"))[1]), 413, "too_large"),
}


@pytest.mark.parametrize("case", REJECTIONS)
def test_rejected_callback_does_no_work(wecom: Harness, case: str) -> None:
    send, status, reason = REJECTIONS[case]
    response = send(wecom)
    assert response.status_code == status
    assert response.json() == {"error": reason}
    assert wecom.channel.wait_idle()
    assert wecom.assistant.questions == []
    assert wecom.standin.send_attempts == [] and wecom.standin.token_requests == []


def test_secrets_never_reach_the_log(wecom: Harness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    wecom.post(text_xml("你好"))
    wecom.standin.wait_for_messages(USER, 1)
    forged_signature(wecom)
    wecom.standin.expire_token()
    wecom.post(text_xml("再问一次"))
    wecom.standin.wait_for_messages(USER, 2)
    assert "access_token=***" in caplog.text  # httpx's request lines are there, masked
    for secret in (TOKEN, AES_KEY, SECRET, "standin-token-"):
        assert secret not in caplog.text


# --- the send API ---------------------------------------------------------------------------------


def test_expired_token_is_refreshed_and_the_send_repeated_once(wecom: Harness) -> None:
    wecom.post(text_xml("第一问"))
    wecom.standin.wait_for_messages(USER, 1)
    wecom.standin.expire_token()
    wecom.post(text_xml("第二问"))
    messages = wecom.standin.wait_for_messages(USER, 2)
    assert "“第二问”" in messages[1]
    assert [a["errcode"] for a in wecom.standin.send_attempts] == [0, 42001, 0]
    assert len(wecom.standin.token_requests) == 2


def test_one_gettoken_for_twenty_concurrent_sends(wecom: Harness) -> None:
    wecom.standin.gettoken_delay = 0.2  # long enough for all twenty to find the cache empty
    barrier = threading.Barrier(20)

    def send(i: int) -> None:
        barrier.wait()
        wecom.channel.client.send_text(f"user{i}", f"消息{i}")

    threads = [threading.Thread(target=send, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(wecom.standin.token_requests) == 1
    assert sorted(b["touser"] for b in wecom.standin.delivered) == sorted(f"user{i}" for i in range(20))


def test_failing_send_is_retried_with_backoff(wecom: Harness) -> None:
    wecom.standin.fail_sends(2, status=500)
    wecom.post(text_xml("重试"))
    assert len(wecom.standin.wait_for_messages(USER, 1)) == 1
    assert [a["status"] for a in wecom.standin.send_attempts] == [500, 500, 200]


def test_send_that_keeps_failing_is_retried_from_the_inbox(wecom: Harness, caplog: pytest.LogCaptureFixture) -> None:
    wecom.standin.fail_sends(4, status=502)  # every one of the channel's 4 tries
    wecom.post(text_xml("会失败", msg_id=7123456789))
    assert wecom.channel.wait_idle()
    assert wecom.standin.delivered == [] and len(wecom.standin.send_attempts) == 4
    failed = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("send failed" in m and f"user='{USER}'" in m and "msg:7123456789" in m and "retrying" in m for m in failed)
    # The answer waited in the inbox and goes out once WeCom takes it again: once, not lost.
    assert "“会失败”" in wecom.standin.wait_for_messages(USER, 1, timeout=15)[0]
    wecom.post(text_xml("之后正常"))
    assert "“之后正常”" in wecom.standin.wait_for_messages(USER, 2)[1]
    assert wecom.channel.wait_idle() and wecom.channel.inbox.counts() == {"done": 2}


def test_rate_limit_notice_after_thirty_messages_a_minute(wecom: Harness) -> None:
    for i in range(1, 33):
        assert accepted(wecom.post(text_xml(f"第{i}问")))
    assert wecom.channel.wait_idle()
    messages = wecom.standin.messages_to(USER)
    assert len(messages) == 30  # WeCom's limit, the notice included
    assert [f"“第{i}问”" in m for i, m in enumerate(messages[:29], 1)] == [True] * 29
    assert messages[29] == PROMPTS.render("wecom.rate_limited")
    assert "第31问" not in wecom.assistant.questions  # no work for dropped questions
    wecom.post(text_xml("别人的问题", user="LiSi"))
    assert len(wecom.standin.wait_for_messages("LiSi", 1)) == 1


# --- state across restarts and under load ---------------------------------------------------------


def test_dedup_survives_a_restart(start: Callable[..., Harness], tmp_path: Path) -> None:
    first = start(data_dir=tmp_path / "shared")
    body, params = seal(text_xml("重启前的问题"))
    assert accepted(first.post_raw(body, params))
    first.standin.wait_for_messages(USER, 1)
    first.stop()
    second = start(data_dir=tmp_path / "shared")
    assert accepted(second.post_raw(body, params))  # WeCom's retry reaches the new process
    second.post(text_xml("重启后的问题"))
    messages = second.standin.wait_for_messages(USER, 2)
    assert second.channel.wait_idle()
    assert len(second.standin.messages_to(USER)) == 2 and "“重启后的问题”" in messages[1]
    assert second.assistant.questions == ["重启后的问题"]


def test_full_queue_keeps_messages_in_the_inbox_and_answers_them_all(start: Callable[..., Harness]) -> None:
    wecom = start(workers=1, queue_size=1)
    wecom.assistant.gate.clear()
    assert accepted(wecom.post(text_xml("一")))
    assert wecom.assistant.entered.wait(5)  # the worker holds "一"
    assert accepted(wecom.post(text_xml("二")))  # queued
    assert accepted(wecom.post(text_xml("三")))  # no room: it waits in the inbox, acknowledged all the same
    wecom.assistant.gate.set()
    messages = wecom.standin.wait_for_messages(USER, 3, timeout=15)
    assert [m.split("”")[0][-1] for m in messages] == ["一", "二", "三"]  # in the order asked


def test_pending_messages_are_answered_after_a_restart(start: Callable[..., Harness], tmp_path: Path) -> None:
    first = start(data_dir=tmp_path / "shared", workers=1, queue_size=1)
    first.assistant.gate.clear()
    for text in ("甲", "乙", "丙"):
        assert accepted(first.post(text_xml(text)))
    assert first.assistant.entered.wait(5)
    first.channel.close(timeout=0.2)  # stops with "甲" in hand (its worker never finishes) and the others waiting
    first.server.stop()
    second = start(data_dir=tmp_path / "shared")
    messages = second.standin.wait_for_messages(USER, 3, timeout=15)
    assert sorted(m.split("”")[0][-1] for m in messages) == ["丙", "乙", "甲"]
    assert second.channel.wait_idle() and second.channel.inbox.counts().get("pending", 0) == 0


# --- OAuth for the homepage -----------------------------------------------------------------------


def test_oauth_callback_sets_a_signed_cookie(wecom: Harness) -> None:
    wecom.standin.add_code("CODE-1", USER)
    start = wecom.http.get(f"{wecom.server.url}/wecom/oauth/start")
    assert start.status_code == 302 and start.headers["location"].startswith("https://open.weixin.qq.com/")
    state = start.cookies["wecom_oauth_state"]
    assert f"state={state}" in start.headers["location"]
    url = f"{wecom.server.url}/wecom/oauth/callback"
    forged = httpx.get(url, params={"code": "CODE-1", "state": state})  # another browser: no state cookie
    assert forged.status_code == 400 and forged.json()["type"] == "bad_state"
    response = wecom.http.get(url, params={"code": "CODE-1", "state": state}, cookies={"wecom_oauth_state": state})
    assert response.status_code == 302 and response.headers["location"] == "/"
    set_cookie = response.headers["set-cookie"]
    assert set_cookie.startswith("wecom_userid=") and "httponly" in set_cookie.lower()
    value = response.cookies["wecom_userid"]
    assert read_user_cookie(SECRET, value) == USER
    assert read_user_cookie(SECRET, value.replace(USER, "LiSi", 1)) is None  # forged
    assert read_user_cookie("another-secret", value) is None
    cookies = {"wecom_oauth_state": state}
    assert wecom.http.get(url, params={"code": "CODE-1", "state": state}, cookies=cookies).status_code == 400  # single use
    assert wecom.http.get(url).status_code == 400


def test_oauth_authorize_url() -> None:
    url = oauth_authorize_url(CORP_ID, AGENT_ID, "https://qa.example.cn/wecom/oauth/callback", state="home")
    assert url == (
        "https://open.weixin.qq.com/connect/oauth2/authorize?appid=ww1436e0e65a779aee"
        "&redirect_uri=https%3A%2F%2Fqa.example.cn%2Fwecom%2Foauth%2Fcallback&response_type=code"
        "&scope=snsapi_base&state=home&agentid=1000002#wechat_redirect"
    )


# --- configuration --------------------------------------------------------------------------------

FULL_ENV = {"WECOM_CORP_ID": CORP_ID, "WECOM_AGENT_ID": "1000002", "WECOM_SECRET": SECRET,
            "WECOM_TOKEN": TOKEN, "WECOM_AES_KEY": AES_KEY}


def test_config_from_env(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    assert WeComConfig.from_env({}) is None
    assert "WeCom channel off:" in caplog.text
    config = WeComConfig.from_env(FULL_ENV | {"WECOM_API_BASE": "http://127.0.0.1:1"})
    assert (config.corp_id, config.agent_id, config.api_base) == (CORP_ID, AGENT_ID, "http://127.0.0.1:1")
    assert WeComConfig.from_env(FULL_ENV).api_base == "https://qyapi.weixin.qq.com"
    for secret in (SECRET, TOKEN, AES_KEY):
        assert secret not in repr(config)


@pytest.mark.parametrize(("change", "says"), [
    ({"WECOM_SECRET": ""}, "WECOM_SECRET"),
    ({"WECOM_AES_KEY": AES_KEY[:-1]}, "43"),
    ({"WECOM_AES_KEY": AES_KEY[:-1] + "!"}, "Base64"),
    ({"WECOM_AGENT_ID": "1000002a"}, "整数"),
    ({"WECOM_API_BASE": "qyapi.weixin.qq.com"}, "WECOM_API_BASE"),
])
def test_config_errors_say_what_to_fix(change: dict, says: str) -> None:
    with pytest.raises(ConfigError) as caught:
        WeComConfig.from_env(FULL_ENV | change)
    assert says in caught.value.message
    assert AES_KEY[:-1] not in str(caught.value) and SECRET not in str(caught.value)


# --- formatting -----------------------------------------------------------------------------------


def test_split_prefers_sentence_ends_and_measures_bytes() -> None:
    text = "产业工人队伍建设改革。" * 300  # 33 bytes a sentence
    parts = split_message(text)
    assert len(parts) > 1 and "".join(parts) == text
    assert all(p.endswith("。") and len(p.encode()) <= 2048 for p in parts)


def test_split_cuts_an_overlong_sentence_on_character_boundaries() -> None:
    text = "甲" * 1000 + "😀" * 600 + "乙。短句。"  # 3000 + 2400 bytes with no break
    parts = split_message(text)
    assert "".join(parts) == text
    assert all(len(p.encode("utf-8")) <= 2048 for p in parts)
    assert split_message("") == [] and split_message("好。") == ["好。"]


def test_refused_answer_has_no_source_lines() -> None:
    refusal = Answer(answer="知识库中没有2023年的数据。", refused=True, sources=SOURCES)
    assert format_answer(refusal, PROMPTS) == "知识库中没有2023年的数据。"
    uncited = Answer(answer="见报告。", refused=False, sources=SOURCES[:2])
    assert format_answer(uncited, PROMPTS).count("来源：") == 2  # no markers: every source listed
    assert short_section("（一）工作机制 › 建立责任落实机制") == "（一）… › 建立责任落实机制"
    assert short_section("") == ""
