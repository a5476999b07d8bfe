"""The WeCom (企业微信) channel: members ask in a self-built app's chat and get answers as text messages.

This module owns the channel's configuration (`WeComConfig`), its lifecycle (`WeComChannel`: a
bounded worker pool that answers after the HTTP callback has returned) and its HTTP surface
(`create_wecom_router`: the callback URL and the homepage's OAuth return). The wire format, the
API client, the remembered state and the message formatting live in the `wecom_*` modules beside it.

WeCom retries a callback that is not answered with HTTP 200 within 5 seconds, so the callback only
verifies, stores the message in the durable inbox (`stores.inbox`: committed before the 200, and a retried
MsgId is recognised there) and queues it; a worker asks the `Assistant`, sends the answer through the
message/send API, and only then marks the message done. Messages still pending after a crash or restart are
answered when the channel starts again.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hmac
import logging
import os
import queue
import secrets
import threading
import time
import zlib
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..errors import AssistantError, ConfigError, InvalidInput
from ..prompts import Prompts
from ..settings import Settings
from ..types import Answer
from .conversations import ConversationLog
from .guards import TokenBuckets
from .identity import USER_COOKIE
from .stores import Stores
from .stores.inbox import Inbox
from .wecom_api import (
    DEFAULT_API_BASE,
    WeComAPIError,
    WeComClient,
    oauth_authorize_url,
    read_user_cookie,
    sign_user_cookie,
)
from .wecom_crypto import CallbackCrypto, CallbackRejected, Inbound
from .wecom_format import format_answer, split_message
from .wecom_store import Conversations, RateLimiter, SeenStore, Verdict

__all__ = ["WeComConfig", "WeComChannel", "create_wecom_router", "read_user_cookie", "COOKIE_NAME"]

log = logging.getLogger(__name__)

ENV_VARS = {
    "corp_id": "WECOM_CORP_ID",
    "agent_id": "WECOM_AGENT_ID",
    "secret": "WECOM_SECRET",
    "token": "WECOM_TOKEN",
    "aes_key": "WECOM_AES_KEY",
}
WELCOME_EVENTS = frozenset({"subscribe", "enter_agent"})
MAX_BODY_BYTES = 64 * 1024  # a callback envelope is a few KB; anything larger is not from WeCom
COOKIE_NAME = USER_COOKIE
STATE_COOKIE = "wecom_oauth_state"  # the sign-in this browser started: checked on the way back (login CSRF)
SWEEP_SECONDS = 2.0  # how often pending inbox messages are put back on the workers' queues
MAX_DELIVERY_ATTEMPTS = 6  # sends that keep failing are retried later, this many times in all
AES_KEY_HINT = "在企业微信管理后台 应用管理 → 本应用 → 接收消息 → 设置API接收 中复制 EncodingAESKey（43 个字符）"


@dataclass(frozen=True)
class WeComConfig:
    """One self-built app's credentials and the channel's limits. Secrets are kept out of `repr`."""

    corp_id: str
    agent_id: int
    secret: str = field(repr=False)
    token: str = field(repr=False)
    aes_key: str = field(repr=False)
    api_base: str = DEFAULT_API_BASE
    max_clock_skew: float | None = 300.0  # seconds; None accepts any timestamp (the official test vectors)
    workers: int = 4
    queue_size: int = 512  # per worker (~20 s of answering in all); beyond it messages wait in the inbox
    rate_limit: int = 30  # messages per member per window: WeCom's own limit
    rate_window: float = 60.0
    http_timeout: float = 10.0
    send_attempts: int = 4
    send_backoff: float = 0.5  # first retry delay; doubles each time
    dedup_ttl: float = 86400.0
    history_turns: int = 3  # earlier question/answer pairs passed to `ask` for follow-ups
    history_ttl: float = 600.0  # a chat idle this long starts afresh
    cookie_max_age: int = 8 * 3600

    def __post_init__(self) -> None:
        if len(self.aes_key) != 43:
            raise ConfigError(f"WECOM_AES_KEY 长度应为 43 个字符，实际为 {len(self.aes_key)} 个", AES_KEY_HINT)
        try:
            raw = base64.b64decode(self.aes_key + "=", validate=True)
        except binascii.Error:
            raise ConfigError("WECOM_AES_KEY 不是有效的 EncodingAESKey（含有 Base64 以外的字符）", AES_KEY_HINT) from None
        if len(raw) != 32:
            raise ConfigError("WECOM_AES_KEY 解码后不是 32 字节", AES_KEY_HINT)
        if not self.api_base.startswith(("https://", "http://")):
            raise ConfigError(f"WECOM_API_BASE 不是网址：{self.api_base}", "默认 https://qyapi.weixin.qq.com，一般不用设置")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WeComConfig | None:
        """From `WECOM_*` variables; None (channel off) when none of them is set."""
        env = os.environ if environ is None else environ
        values = {name: env.get(var, "").strip() for name, var in ENV_VARS.items()}
        missing = [ENV_VARS[name] for name, value in values.items() if not value]
        if len(missing) == len(ENV_VARS):
            log.info("WeCom channel off: %s not set", ", ".join(ENV_VARS.values()))
            return None
        if missing:
            raise ConfigError(
                f"企业微信配置不完整，缺少：{'、'.join(missing)}",
                "企业ID、AgentId、Secret、Token、EncodingAESKey 五项都要设置；全部不设置则关闭企业微信渠道",
            )
        try:
            agent_id = int(values.pop("agent_id"))
        except ValueError:
            raise ConfigError("WECOM_AGENT_ID 应为整数", "在 应用管理 → 本应用 页面复制 AgentId，例如 1000002") from None
        api_base = env.get("WECOM_API_BASE", "").strip() or DEFAULT_API_BASE
        return cls(agent_id=agent_id, api_base=api_base, **values)


class Answerer(Protocol):
    """What the channel needs from `assistant.core.Assistant`."""

    def ask(self, question: str, history: list[dict] | None = None) -> Answer: ...


class WeComChannel:
    """Takes verified callbacks and answers them on worker threads; `close()` drains and stops them.

    Each member's messages go to the same worker (hashed on UserID), so a member's answers arrive
    in the order the questions were asked, while different members are answered in parallel.
    """

    def __init__(self, assistant: Answerer, settings: Settings, config: WeComConfig, prompts: Prompts | None = None,
                 conversations: ConversationLog | None = None, stores: Stores | None = None) -> None:
        self.config = config
        self._log = conversations  # the shared conversation log, when the server keeps one
        self._assistant = assistant
        self._prompts = prompts or Prompts(settings.prompts_dir)
        self._texts = self._load_texts()  # fails at start-up, not at the first message, if wording is missing
        self._crypto = CallbackCrypto(config.token, config.aes_key, config.corp_id, config.agent_id, config.max_clock_skew)
        self.client = WeComClient(
            config.api_base, config.corp_id, config.secret, config.agent_id,
            timeout=config.http_timeout, send_attempts=config.send_attempts, backoff=config.send_backoff,
        )
        # Channel-agnostic state, from the server's stores (SQLite here, or PostgreSQL shared by replicas).
        if stores is not None:
            self._seen = stores.dedup("wecom")  # daily welcomes
            self.inbox = stores.inbox("wecom")
            self._limiter = stores.member_limits(config.rate_limit, config.rate_window)
            self._conversations = stores.memory(config.history_turns, config.history_ttl)
            self._own_stores = False
        else:
            self._seen = SeenStore(Path(settings.data_dir) / "wecom_seen.sqlite3", ttl=config.dedup_ttl)
            self.inbox = Inbox(Path(settings.data_dir) / "wecom_inbox.sqlite3", "wecom", keep_done=config.dedup_ttl)
            self._limiter = RateLimiter(config.rate_limit, config.rate_window)
            self._conversations = Conversations(config.history_turns, config.history_ttl)
            self._own_stores = True
        self._queued: set[str] = set()  # inbox keys on a worker's queue now
        self._lock = threading.Lock()
        self._closed = False
        self._queues: list[queue.Queue[Inbound | None]] = [queue.Queue(config.queue_size) for _ in range(config.workers)]
        self._threads = [
            threading.Thread(target=self._work, args=(inbox,), name=f"wecom-worker-{i}", daemon=True)
            for i, inbox in enumerate(self._queues)
        ]
        self._stop = threading.Event()
        self._sweeper = threading.Thread(target=self._sweep, name="wecom-inbox", daemon=True)
        for thread in self._threads:
            thread.start()
        self._sweeper.start()  # first of all, answers what a previous process acknowledged and did not answer

    def _load_texts(self) -> dict[str, str]:
        texts = {key: self._prompts.render(f"wecom.{key}") for key in ("unsupported", "empty", "rate_limited", "error", "busy")}
        examples = self._prompts.get("wecom.examples")
        lines = [self._prompts.render("wecom.example_line", question=q) for q in examples] if isinstance(examples, list) else []
        texts["welcome"] = self._prompts.render("wecom.welcome", examples="\n".join(lines))
        self._prompts.render("wecom.source", n=1, title="", section="")  # the template's fields must match
        return texts

    # --- the callback (HTTP threads) -------------------------------------------------------------

    def verify_url(self, msg_signature: str, timestamp: str, nonce: str, echostr: str) -> str:
        return self._crypto.verify_url(msg_signature, timestamp, nonce, echostr)

    def receive(self, body: bytes, msg_signature: str, timestamp: str, nonce: str) -> str | None:
        """Verify one callback and store it in the inbox (committed before WeCom hears "received"), then
        queue it. Returns None: answer HTTP 200 with an empty body. Raises CallbackRejected."""
        message = self._crypto.open_message(body, msg_signature, timestamp, nonce)
        if not self.inbox.accept(message.key, message.user, dataclasses.asdict(message)):
            log.info("wecom: %s from %s already taken, ignoring the retry", message.key, _safe(message.user))
            return None
        if not self._enqueue(message):
            log.warning("wecom: workers busy; %s waits in the inbox", message.key)
        return None

    def _enqueue(self, message: Inbound) -> bool:
        """Put a stored message on its member's worker queue; False when full or closing (it stays pending)."""
        inbox = self._queues[zlib.crc32(message.user.encode()) % len(self._queues)]
        with self._lock:
            if self._closed or message.key in self._queued:
                return message.key in self._queued
            try:
                inbox.put_nowait(message)
            except queue.Full:
                return False
            self._queued.add(message.key)
            return True

    def _sweep(self) -> None:
        """Put pending inbox messages (left by a restart, a full queue or a failed send) back on the queues."""
        while not self._stop.is_set():
            try:
                with self._lock:
                    queued = set(self._queued)
                for entry in self.inbox.due(exclude=queued):
                    if not self._enqueue(Inbound(**entry.payload)):
                        break
            except Exception:
                log.exception("wecom: could not read the inbox")
            self._stop.wait(SWEEP_SECONDS)

    @property
    def status(self) -> dict:
        return {"inbox": self.inbox.counts(), "queued": len(self._queued), "workers_alive": sum(t.is_alive() for t in self._threads)}

    # --- the workers -----------------------------------------------------------------------------

    def _work(self, inbox: queue.Queue[Inbound | None]) -> None:
        while True:
            message = inbox.get()
            try:
                if message is None:
                    return
                self._handle(message)
            except Exception:  # a worker must survive anything one message does to it
                log.exception("wecom: failed on %s", message.key if message else "-")
            finally:
                if message is not None:
                    with self._lock:
                        self._queued.discard(message.key)
                inbox.task_done()

    def _handle(self, message: Inbound) -> None:
        entry = self.inbox.get(message.key)
        if entry is None:
            return
        parts = entry.parts
        if parts is None:
            text = self._reply_text(message)
            if text is None:
                self.inbox.done(message.key)
                return
            parts = split_message(text)
            verdict = self._limiter.acquire(message.user, len(parts))
            if verdict is Verdict.DROP:
                log.info("wecom: %s is rate limited, reply to %s dropped", _safe(message.user), message.key)
                self.inbox.done(message.key)
                return
            if verdict is Verdict.NOTIFY:
                log.info("wecom: %s reached %d messages a minute", _safe(message.user), self.config.rate_limit)
                parts = [self._texts["rate_limited"]]
            self.inbox.plan(message.key, parts)
        self._deliver(message, parts, entry.sent, entry.attempts, entry.inflight)

    def _reply_text(self, message: Inbound) -> str | None:
        """What to send back, or None when nothing is to be sent."""
        if message.msg_type == "event":
            # enter_agent fires each time the app is opened: greet once a day, not every time.
            if message.event in WELCOME_EVENTS and self._seen.first_time(f"welcome:{message.user}:{date.today()}"):
                return self._texts["welcome"]
            return None
        if message.msg_type != "text":
            return self._texts["unsupported"]
        if self._limiter.muted(message.user):
            log.info("wecom: %s is rate limited, %s not answered", _safe(message.user), message.key)
            return None
        return self._answer(message.user, message.content)

    def _answer(self, user: str, question: str) -> str:
        question = question.strip()
        if not question:
            return self._texts["empty"]
        try:
            answer = self._assistant.ask(question, self._conversations.history(user))
            self._conversations.add(user, question, answer.answer)
            if self._log is not None:
                self._log.record("wecom", question, answer, user)
            return format_answer(answer, self._prompts)
        except InvalidInput as exc:
            return exc.message
        except AssistantError as exc:
            log.error("wecom: assistant unavailable: %s (%s)", exc.type, exc)
        except Exception:
            log.exception("wecom: assistant failed")
        return self._texts["error"]

    def _deliver(self, message: Inbound, parts: list[str], sent: int, attempts: int, inflight: int = -1) -> None:
        """Send the parts not yet sent, recording each; done only when all are out. A part that was in flight
        when a previous process died is sent asking WeCom to drop it if it did arrive."""
        for number in range(sent, len(parts)):
            self.inbox.sending(message.key, number)
            try:
                self.client.send_text(message.user, parts[number], repeat=number == inflight)
            except WeComAPIError as exc:
                # The rest would read out of order without this part: stop here and retry later from this part.
                delay = self.config.send_backoff * 60 * 2 ** attempts
                retrying = self.inbox.retry_later(message.key, delay, MAX_DELIVERY_ATTEMPTS)
                log.error("wecom: send failed: user=%s message=%s part=%d/%d: %s; %s", _safe(message.user), message.key,
                          number + 1, len(parts), exc, f"retrying in {delay:.0f} s" if retrying else "giving up")
                return
            self.inbox.progress(message.key, number + 1)
        self.inbox.done(message.key)
        log.info("wecom: answered %s for %s in %d message(s)", message.key, _safe(message.user), len(parts))

    # --- lifecycle -------------------------------------------------------------------------------

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """True once every queued message has been handled (for tests and shutdown)."""
        deadline = time.monotonic() + timeout
        for inbox in self._queues:
            with inbox.all_tasks_done:
                while inbox.unfinished_tasks:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return False
                    inbox.all_tasks_done.wait(remaining)
        return True

    def close(self, timeout: float = 2.0) -> None:
        """Stop queueing, let the workers finish what they hold (up to `timeout`), stop them. Idempotent.
        Whatever is still pending stays in the inbox and is answered by the next process."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._stop.set()
        deadline = time.monotonic() + timeout
        for inbox in self._queues:  # what is queued but not started waits in the inbox instead
            while True:
                try:
                    item = inbox.get_nowait()
                except queue.Empty:
                    break
                inbox.task_done()
                if item is not None:
                    self._queued.discard(item.key)
        for inbox in self._queues:
            try:
                inbox.put(None, timeout=max(0.0, deadline - time.monotonic()))
            except queue.Full:
                pass
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        pending = self.inbox.counts().get("pending", 0)
        if pending:
            log.warning("wecom: %d message(s) pending in the inbox; they are answered at the next start", pending)
        if any(thread.is_alive() for thread in self._threads):
            return  # workers still use the client and the stores; the process exit ends them
        self.client.close()
        if self._own_stores:  # else the server's stores are closed with the server
            self._seen.close()
            self.inbox.close()


def create_wecom_router(
    assistant: Answerer, settings: Settings, config: WeComConfig, prompts: Prompts | None = None,
    conversations: ConversationLog | None = None, stores: Stores | None = None,
) -> APIRouter:
    """`GET|POST /wecom/callback` and `GET /wecom/oauth/callback`. The channel is `router.wecom_channel`;
    it is closed by the router's lifespan once included in an app (calling `close()` again is harmless)."""
    channel = WeComChannel(assistant, settings, config, prompts, conversations, stores)

    @asynccontextmanager
    async def lifespan(_app: object) -> AsyncIterator[None]:
        yield
        await run_in_threadpool(channel.close)

    router = APIRouter(lifespan=lifespan)
    router.wecom_channel = channel  # type: ignore[attr-defined]

    @router.get("/wecom/callback")
    def verify_url(msg_signature: str = "", timestamp: str = "", nonce: str = "", echostr: str = "") -> Response:
        try:
            # Bare text: WeCom compares the body byte for byte (no quotes, no newline).
            return PlainTextResponse(channel.verify_url(msg_signature, timestamp, nonce, echostr))
        except CallbackRejected as exc:
            return _rejected(exc, "GET")

    @router.post("/wecom/callback")
    async def callback(
        request: Request, msg_signature: str = "", timestamp: str = "", nonce: str = ""
    ) -> Response:
        body = b""
        async for chunk in request.stream():  # read no further than a callback can be long
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                return _rejected(CallbackRejected("too_large", status=413), "POST")
        try:
            # SQLite and AES are blocking: keep them off the event loop.
            reply = await run_in_threadpool(channel.receive, body, msg_signature, timestamp, nonce)
        except CallbackRejected as exc:
            return _rejected(exc, "POST")
        if reply is None:
            return Response(status_code=200)
        return Response(reply, media_type="application/xml")

    sign_ins = TokenBuckets(OAUTH_PER_MINUTE, burst=OAUTH_PER_MINUTE)

    @router.get("/wecom/oauth/start")
    def oauth_start(request: Request) -> Response:
        """The app homepage: starts WeCom's silent sign-in with a fresh `state` that this browser keeps."""
        state = secrets.token_urlsafe(16)
        target = oauth_authorize_url(config.corp_id, config.agent_id, str(request.url_for("oauth_callback")), state)
        response = RedirectResponse(target, status_code=302)
        response.set_cookie(STATE_COOKIE, state, max_age=600, httponly=True, samesite="lax",
                            secure=request.url.scheme == "https")
        return response

    @router.get("/wecom/oauth/callback", name="oauth_callback")
    def oauth_callback(request: Request, code: str = "", state: str = "") -> Response:
        client = (request.client.host if request.client else "?")
        if sign_ins.take(client) > 0:
            return _error(429, "rate_limited", "登录请求太频繁了，请稍后再试")
        if not code:
            return _error(400, "missing_code", "缺少企业微信授权码，请从企业微信应用内重新打开")
        expected = request.cookies.get(STATE_COOKIE, "")
        if not expected or not hmac.compare_digest(expected.encode(), state.encode()):
            # Not the sign-in this browser started: someone else's code must not log this browser in.
            log.warning("wecom: OAuth callback with a state this browser did not start, from %s", client)
            return _error(400, "bad_state", "登录已过期或来源不明，请从企业微信应用内重新打开")
        try:
            user = channel.client.user_id_from_code(code)
        except WeComAPIError as exc:
            log.warning("wecom: OAuth sign-in failed: %s", exc)
            return _error(400 if exc.errcode is not None else 502, "oauth_failed", "企业微信登录失败，请稍后重试")
        response = RedirectResponse(request.scope.get("root_path", "") + "/", status_code=302)
        response.set_cookie(
            COOKIE_NAME, sign_user_cookie(config.secret, user, config.cookie_max_age),
            max_age=config.cookie_max_age, httponly=True, samesite="lax", secure=request.url.scheme == "https",
        )
        response.delete_cookie(STATE_COOKIE)
        return response

    return router


OAUTH_PER_MINUTE = 10  # sign-ins per client address: each costs a call to WeCom's API


def _rejected(exc: CallbackRejected, method: str) -> JSONResponse:
    log.warning("wecom: rejected %s callback: %s %s", method, exc.reason, _safe(exc.detail))
    return JSONResponse({"error": exc.reason}, status_code=exc.status)


def _error(status: int, type_: str, message: str) -> JSONResponse:
    return JSONResponse({"type": type_, "message": message, "hint": ""}, status_code=status)


def _safe(text: object, limit: int = 200) -> str:
    """Text from an unauthenticated request, fit for one log line (no forged lines, bounded length)."""
    return repr(str(text)[:limit])
