"""What keeps one request from hurting the others: limits on bodies, rate, concurrency and slow connections,
security headers, and JSON errors for every route (the API's, Gradio's and the WeCom callback's alike).

Each is a small ASGI middleware (or, for connections that never finish their headers, the HTTP protocol
uvicorn runs), installed once by `api.create_app`; they know nothing about answering.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import math
import threading
import time
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger(__name__)


async def send_json(send: Send, status: int, type_: str, message: str, hint: str = "",
                    headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"type": type_, "message": message, "hint": hint}, ensure_ascii=False).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuse request bodies over `limit` bytes (413), counted as they arrive: a chunked body has no
    Content-Length to trust. The body (at most `limit` bytes) is read here and replayed to the app."""

    def __init__(self, app: ASGIApp, limit: int, limits: dict[str, int] | None = None) -> None:
        self.app, self.limit, self.limits = app, limit, limits or {}

    def _limit_for(self, path: str) -> int:
        return next((n for prefix, n in self.limits.items() if path.startswith(prefix)), self.limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self._limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(send, limit)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _too_large(send, limit)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(send: Send, limit: int) -> None:
    await send_json(send, 413, "too_large", f"请求内容太大（上限 {max(1, limit // 1000)} KB）", "缩短问题或对话历史",
                    {"connection": "close"})


class TokenBuckets:
    """Per-key token buckets: `rate` requests a minute on average, bursts up to `burst`. Thread-safe."""

    def __init__(self, rate_per_minute: int, burst: int | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate_per_minute / 60.0
        self.burst = float(burst or max(1, rate_per_minute // 3))
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0 when a request may go ahead, else the seconds until it may."""
        if self.rate <= 0:
            return 0.0
        now = self.clock()
        with self._lock:
            tokens, at = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - at) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                wait = 0.0
            else:
                self._buckets[key] = (tokens, now)
                wait = (1.0 - tokens) / self.rate
            if len(self._buckets) > 100_000:  # forget clients idle long enough to be full again
                idle = self.burst / self.rate
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < idle}
        return wait


class RateLimit:
    """429 with a Chinese message and Retry-After past `rate` requests a minute per client, on the paths that
    cost an answer. The client is the verified user when known, else the address the request came from."""

    def __init__(self, app: ASGIApp, buckets: TokenBuckets, paths: tuple[str, ...],
                 client_of: Callable[[Scope], str]) -> None:
        self.app, self.buckets, self.paths, self.client_of = app, buckets, paths, client_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"].startswith(self.paths):
            wait = self.buckets.take(self.client_of(scope))
            if wait > 0:
                await send_json(send, 429, "rate_limited", "提问太频繁了，请稍等片刻再试", f"{math.ceil(wait)} 秒后可以再问",
                                {"retry-after": str(math.ceil(wait))})
                return
        await self.app(scope, receive, send)


class ApiKeys:
    """When keys are configured (ASSISTANT_API_KEYS), the API and /v1 need `Authorization: Bearer <key>`;
    compared in constant time. Off when no key is set; health and the operators' token-guarded paths stay open."""

    def __init__(self, app: ASGIApp, keys: list[str], paths: tuple[str, ...], open_paths: tuple[str, ...] = ()) -> None:
        self.app, self.keys, self.paths, self.open_paths = app, [k.encode() for k in keys], paths, open_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not self.keys or not path.startswith(self.paths) or path.startswith(self.open_paths):
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"authorization", b"").removeprefix(b"Bearer ").strip()
        if any(hmac.compare_digest(given, key) for key in self.keys):
            await self.app(scope, receive, send)
            return
        if path.startswith("/v1/"):
            body = json.dumps({"error": {"message": "API 密钥无效或缺失", "type": "invalid_request_error",
                                         "param": None, "code": "invalid_api_key"}}, ensure_ascii=False).encode()
            await send({"type": "http.response.start", "status": 401,
                        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        await send_json(send, 401, "unauthorized", "API 密钥无效或缺失", "请求头加上 Authorization: Bearer <密钥>")


class ConcurrencyLimit:
    """At most `limit` requests in the app at once; past it a JSON 503 at once, not an ever longer wait.
    Counts requests, not connections: an idle or stalled connection takes no slot."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit, self.active = app, limit, 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.active >= self.limit:
            await send_json(send, 503, "busy", "现在提问的人比较多，请稍后再试", "稍等几秒后重试", {"retry-after": "2"})
            return
        self.active += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.active -= 1


class SecurityHeaders:
    """Who may frame the pages (the WeCom portal), no MIME sniffing, no referrer to other sites."""

    def __init__(self, app: ASGIApp, frame_ancestors: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", f"frame-ancestors {frame_ancestors}".encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in self.headers if h[0] not in names]
            await send(message)

        await self.app(scope, receive, with_headers)


_PLAIN_ERRORS = {405: ("method_not_allowed", "该接口不支持这种请求方法"), 500: ("internal_error", "服务器内部出错了，请稍后再试")}


class JsonErrors:
    """Every route's errors as the API's JSON, Gradio's included: an exception, or a plain-text 405/5xx that
    a mounted app answers by itself, becomes `{"type", "message", "hint"}` with a Chinese message. Also
    refuses the routes no user needs (Gradio's file uploads and its proxy to other apps: the chat uses neither)."""

    def __init__(self, app: ASGIApp, blocked: tuple[str, ...] = ()) -> None:
        self.app, self.blocked = app, blocked

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"].startswith(self.blocked):
            await send_json(send, 403, "forbidden", "不支持这个操作", "本服务只接受文字提问，不接受上传或转发")
            return
        started = False
        replacing = False

        async def guarded(message: Message) -> None:
            nonlocal started, replacing
            if message["type"] == "http.response.start":
                status = message["status"]
                kind = dict(message.get("headers", [])).get(b"content-type", b"")
                if (status >= 500 or status == 405) and not kind.startswith(b"application/json"):
                    replacing = True
                    type_, text = _PLAIN_ERRORS.get(status, _PLAIN_ERRORS[500])
                    started = True
                    await send_json(send, status if status in (405, 500, 502, 503, 504) else 500, type_, text,
                                    "接口说明见 /docs")
                    return
                started = True
            if replacing:
                return  # the original plain body is dropped
            await send(message)

        try:
            await self.app(scope, receive, guarded)
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await send_json(send, 500, "internal_error", "服务器内部出错了，请稍后再试", "如果反复出现，请联系管理员查看服务日志")


class GuardedHttpProtocol(HttpToolsProtocol):
    """uvicorn's HTTP protocol with deadlines for the request itself: headers must arrive within
    `HEADER_TIMEOUT` seconds of the request's first byte (or of the connection), and the body within
    `BODY_TIMEOUT` after the headers. A connection that misses either is closed: 512 sockets that never
    finish their headers no longer hold the server."""

    HEADER_TIMEOUT = 10.0
    BODY_TIMEOUT = 30.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._deadline: asyncio.TimerHandle | None = None
        self._arm(self.HEADER_TIMEOUT)

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        deadline = getattr(self, "_deadline", None)
        if deadline is not None:
            deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        if not self.transport.is_closing():
            log.info("closing a connection that was too slow to send its request")
            self.transport.close()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm(self.HEADER_TIMEOUT)

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        self._arm(self.BODY_TIMEOUT)

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # Idle between requests is the keep-alive timeout's business, not ours.
        self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)
