"""A loopback stand-in of the WeCom server API for tests: the same paths, parameters and JSON.

Serves GET /cgi-bin/gettoken, POST /cgi-bin/message/send and GET /cgi-bin/auth/getuserinfo, checks
what WeCom checks (CorpID and Secret, the current access_token, AgentID, the 2048-byte content
limit) and records every request. Tests can expire the token (the next send gets errcode 42001, as
WeCom answers after 7200 s), make sends fail with an HTTP status N times, and slow gettoken down.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class WeComStandIn:
    def __init__(self, corp_id: str, secret: str, agent_id: int, expires_in: int = 7200) -> None:
        self.corp_id = corp_id
        self.secret = secret
        self.agent_id = agent_id
        self.expires_in = expires_in
        self.gettoken_delay = 0.0  # seconds; widens the window in which concurrent callers could race
        self.send_delay = 0.0  # seconds each message/send takes, like a slow network to WeCom
        self.duplicates_dropped = 0  # sends with enable_duplicate_check whose content had already arrived
        self.token_requests: list[dict] = []  # query of every gettoken call
        self.send_attempts: list[dict] = []  # every message/send: {"token", "body", "status", "errcode"}
        self.delivered: list[dict] = []  # the message/send bodies that were accepted, in arrival order
        self.userinfo_requests: list[dict] = []
        self._codes: dict[str, str] = {}
        self._valid_tokens: set[str] = set()
        self._expired_tokens: set[str] = set()
        self._fail_sends: list[int] = []  # HTTP statuses for the next sends
        self._counter = itertools.count(1)
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="wecom-standin", daemon=True)

    # --- lifecycle ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> WeComStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- controls ----------------------------------------------------------------------------

    def expire_token(self) -> None:
        """Every token issued so far now gets errcode 42001, like a token past its expires_in."""
        with self._changed:
            self._expired_tokens |= self._valid_tokens
            self._valid_tokens = set()

    def fail_sends(self, times: int, status: int = 500) -> None:
        """The next `times` message/send calls answer with HTTP `status` and no JSON."""
        with self._changed:
            self._fail_sends.extend([status] * times)

    def add_code(self, code: str, user: str) -> None:
        """An OAuth code that getuserinfo resolves to `user` once."""
        with self._changed:
            self._codes[code] = user

    # --- observations ------------------------------------------------------------------------

    def messages_to(self, user: str) -> list[str]:
        with self._changed:
            return [body["text"]["content"] for body in self.delivered if body.get("touser") == user]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
        """Poll-free wait: re-checks `predicate` whenever a request has been recorded."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._changed.wait(remaining)
            return True

    def wait_for_messages(self, user: str, count: int, timeout: float = 10.0) -> list[str]:
        self.wait_for(lambda: len(self.messages_to(user)) >= count, timeout)
        return self.messages_to(user)

    # --- the API -----------------------------------------------------------------------------

    def gettoken(self, query: dict[str, str]) -> tuple[int, dict]:
        with self._changed:
            self.token_requests.append(query)
            self._changed.notify_all()
        time.sleep(self.gettoken_delay)
        if query.get("corpid") != self.corp_id:
            return 200, {"errcode": 40013, "errmsg": "invalid corpid"}
        if query.get("corpsecret") != self.secret:
            return 200, {"errcode": 40001, "errmsg": "invalid credential"}
        with self._changed:
            token = f"standin-token-{next(self._counter)}"
            self._valid_tokens.add(token)
        return 200, {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": self.expires_in}

    def send(self, query: dict[str, str], raw: bytes) -> tuple[int, dict | None]:
        token = query.get("access_token", "")
        time.sleep(self.send_delay)
        with self._changed:
            status = self._fail_sends.pop(0) if self._fail_sends else 200
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
            if status != 200:
                reply = None
            elif (error := self._token_error(token)) is not None:
                reply = error
            elif error := _send_error(body, self.agent_id):
                reply = error
            elif body.get("enable_duplicate_check") and any(
                    d["touser"] == body["touser"] and d["text"] == body["text"] for d in self.delivered):
                # WeCom's duplicate check: the same content to the same member within the window is dropped
                reply = {"errcode": 0, "errmsg": "ok", "invaliduser": "", "msgid": "duplicate-dropped"}
                self.duplicates_dropped += 1
            else:
                self.delivered.append(body)
                reply = {"errcode": 0, "errmsg": "ok", "invaliduser": "", "msgid": f"msgid-{next(self._counter)}"}
            errcode = reply.get("errcode") if reply else None
            self.send_attempts.append({"token": token, "body": body, "status": status, "errcode": errcode})
            self._changed.notify_all()
        return status, reply

    def getuserinfo(self, query: dict[str, str]) -> tuple[int, dict]:
        with self._changed:
            self.userinfo_requests.append(query)
            self._changed.notify_all()
            if (error := self._token_error(query.get("access_token", ""))) is not None:
                return 200, error
            user = self._codes.pop(query.get("code", ""), None)
        if user is None:
            return 200, {"errcode": 40029, "errmsg": "invalid code"}
        return 200, {"errcode": 0, "errmsg": "ok", "userid": user, "user_ticket": "standin-ticket"}

    def _token_error(self, token: str) -> dict | None:
        if token in self._expired_tokens:
            return {"errcode": 42001, "errmsg": "access_token expired"}
        if token not in self._valid_tokens:
            return {"errcode": 40014, "errmsg": "invalid access_token"}
        return None


def _send_error(body: object, agent_id: int) -> dict | None:
    if not isinstance(body, dict):
        return {"errcode": 47001, "errmsg": "data format error"}
    if body.get("agentid") != agent_id:
        return {"errcode": 40056, "errmsg": "invalid agentid"}
    if not body.get("touser"):
        return {"errcode": 81013, "errmsg": "user & party & tag all invalid"}
    if body.get("msgtype") != "text" or not isinstance(body.get("text"), dict):
        return {"errcode": 40008, "errmsg": "invalid message type"}
    content = body["text"].get("content", "")
    if not content:
        return {"errcode": 44004, "errmsg": "empty content"}
    # Real WeCom truncates silently; the stand-in refuses, so a test sees the mistake.
    if len(content.encode("utf-8")) > 2048:
        return {"errcode": 40058, "errmsg": "content exceeds 2048 bytes"}
    return None


def _handler_for(standin: WeComStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            path, query = self._target()
            if path == "/cgi-bin/gettoken":
                self._reply(*standin.gettoken(query))
            elif path == "/cgi-bin/auth/getuserinfo":
                self._reply(*standin.getuserinfo(query))
            else:
                self._reply(404, {"errcode": 404, "errmsg": "not found"})

        def do_POST(self) -> None:  # noqa: N802
            path, query = self._target()
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if path == "/cgi-bin/message/send":
                self._reply(*standin.send(query, raw))
            else:
                self._reply(404, {"errcode": 404, "errmsg": "not found"})

        def _target(self) -> tuple[str, dict[str, str]]:
            parts = urlsplit(self.path)
            return parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()}

        def _reply(self, status: int, payload: dict | None) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode() if payload is not None else b"server error"
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8" if payload else "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # keep test output clean

    return Handler


# --- what WeCom posts to our callback ------------------------------------------------------------
def text_message(corp_id: str, agent_id: int, user: str, content: str, msg_id: int, cdata: bool = True) -> str:
    """The inner XML of a text message, with or without CDATA (WeCom sends both forms)."""
    def field(value: object) -> str:
        return f"<![CDATA[{value}]]>" if cdata else str(value)
    return (f"<xml><ToUserName>{field(corp_id)}</ToUserName><FromUserName>{field(user)}</FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType>{field('text')}</MsgType>"
            f"<Content>{field(content)}</Content><MsgId>{msg_id}</MsgId><AgentID>{agent_id}</AgentID></xml>")


def seal_callback(inner: str, token: str, aes_key: str, corp_id: str, agent_id: int, timestamp: str,
                  nonce: str) -> tuple[bytes, dict[str, str]]:
    """A callback as WeCom sends it: `<xml><ToUserName/><Encrypt/><AgentID/></xml>` + the signed query."""
    from xml.etree import ElementTree

    from wechatpy.enterprise.crypto import WeChatCrypto

    sealed = ElementTree.fromstring(WeChatCrypto(token, aes_key, corp_id).encrypt_message(inner, nonce, timestamp))
    body = (f"<xml><ToUserName><![CDATA[{corp_id}]]></ToUserName><Encrypt><![CDATA[{sealed.findtext('Encrypt')}]]>"
            f"</Encrypt><AgentID><![CDATA[{agent_id}]]></AgentID></xml>")
    return body.encode(), {"msg_signature": sealed.findtext("MsgSignature") or "", "timestamp": timestamp, "nonce": nonce}


def seal_echo(echo: str, token: str, aes_key: str, corp_id: str, timestamp: str, nonce: str) -> dict[str, str]:
    """The query of a URL-verification GET whose echostr decrypts to `echo`."""
    from xml.etree import ElementTree

    from wechatpy.enterprise.crypto import WeChatCrypto

    sealed = ElementTree.fromstring(WeChatCrypto(token, aes_key, corp_id).encrypt_message(echo, nonce, timestamp))
    return {"msg_signature": sealed.findtext("MsgSignature") or "", "timestamp": timestamp, "nonce": nonce,
            "echostr": sealed.findtext("Encrypt") or ""}
