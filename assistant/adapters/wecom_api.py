"""Outbound calls to the WeCom server API: the access_token cache, message/send, and OAuth.

`WeComClient` owns one app's access_token (fetched once, shared by all threads, refreshed
shortly before expiry or when WeCom says it is stale) and retries transient send failures with
exponential backoff. The OAuth helpers build the authorize URL for the app homepage and sign the
`wecom_userid` cookie. Query strings carry the Secret and the token, so every URL that reaches a
log line goes through `redact` first.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import threading
import time
from collections.abc import Callable
from urllib.parse import urlencode

import httpx

log = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://qyapi.weixin.qq.com"
AUTHORIZE_URL = "https://open.weixin.qq.com/connect/oauth2/authorize"
TOKEN_ERRORS = frozenset({40001, 40014, 42001})  # invalid / expired access_token: refresh and retry once
RETRYABLE_ERRORS = frozenset({-1, 45033})  # 系统繁忙, too many concurrent calls

_SECRET_QUERY = re.compile(r"\b(corpsecret|access_token|code)=[^&\s\"'>]+")


def redact(text: str) -> str:
    """Mask the Secret, access_token and OAuth code in a URL or message."""
    return _SECRET_QUERY.sub(r"\1=***", text)


class _RedactQuery(logging.Filter):
    """httpx logs every request URL at INFO, and ours carry `corpsecret=` and `access_token=`."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), ()
        return True


def _install_redaction() -> None:
    logger = logging.getLogger("httpx")
    if not any(isinstance(f, _RedactQuery) for f in logger.filters):
        logger.addFilter(_RedactQuery())


class WeComAPIError(Exception):
    """A failed API call: `errcode` from WeCom, or None when the server could not be reached."""

    def __init__(self, errcode: int | None, errmsg: str) -> None:
        super().__init__(f"errcode {errcode}: {errmsg}" if errcode is not None else errmsg)
        self.errcode = errcode
        self.errmsg = errmsg

    @property
    def retryable(self) -> bool:
        return self.errcode is None or self.errcode in RETRYABLE_ERRORS


class WeComClient:
    """One app's API client; thread-safe (one httpx.Client, one token lock)."""

    def __init__(
        self,
        api_base: str,
        corp_id: str,
        secret: str,
        agent_id: int,
        *,
        timeout: float = 10.0,
        send_attempts: int = 4,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        _install_redaction()
        self._http = httpx.Client(base_url=api_base.rstrip("/"), timeout=timeout)
        self._corp_id = corp_id
        self._secret = secret
        self.agent_id = agent_id
        self._send_attempts = max(1, send_attempts)
        self._backoff = backoff
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        # (token, refresh_at) replaced as one tuple so readers outside the lock never see half an update.
        self._cached: tuple[str, float] | None = None

    def access_token(self) -> str:
        """The cached token; at most one thread fetches a new one, the others wait for it."""
        cached = self._cached
        if cached and self._clock() < cached[1]:
            return cached[0]
        with self._lock:
            cached = self._cached
            if cached and self._clock() < cached[1]:
                return cached[0]
            data = self._request("GET", "/cgi-bin/gettoken", params={"corpid": self._corp_id, "corpsecret": self._secret})
            if data.get("errcode") or not data.get("access_token"):
                # 40013 bad CorpID, 40001 bad Secret, 60020 IP not in 企业可信IP: all need an operator.
                raise WeComAPIError(int(data.get("errcode", -2)), f"gettoken: {redact(str(data.get('errmsg', '')))}")
            expires_in = int(data.get("expires_in", 7200))
            # Refresh a little early so a token never expires between our check and WeCom's.
            self._cached = (data["access_token"], self._clock() + expires_in - min(300, expires_in / 10))
            log.info("wecom: access_token refreshed, valid %ss", expires_in)
            return data["access_token"]

    def _forget_token(self, token: str) -> None:
        # Only the token that failed: twenty senders that all saw 42001 cause one refresh, not twenty.
        with self._lock:
            if self._cached and self._cached[0] == token:
                self._cached = None

    def call(self, method: str, path: str, *, params: dict | None = None, json: dict | None = None) -> dict:
        """An authenticated API call; a stale token is refreshed and the call repeated once."""
        for attempt in (1, 2):
            token = self.access_token()
            data = self._request(method, path, params={**(params or {}), "access_token": token}, json=json)
            errcode = int(data.get("errcode", 0))
            if errcode in TOKEN_ERRORS and attempt == 1:
                log.info("wecom: access_token rejected (errcode %s), refreshing", errcode)
                self._forget_token(token)
                continue
            if errcode:
                raise WeComAPIError(errcode, redact(str(data.get("errmsg", ""))))
            return data
        raise AssertionError("unreachable")

    def send_text(self, user: str, content: str, repeat: bool = False) -> dict:
        """message/send as text to one member; transient failures retried with exponential backoff.

        A send that may repeat one that already reached WeCom (`repeat`: it was in flight when the process died;
        or any retry after a timeout or 5xx) asks WeCom to drop it if the same content reached the member within
        DUPLICATE_CHECK seconds (`enable_duplicate_check`). First sends do not: a member who asks the same
        question twice gets the answer twice."""
        payload = {"touser": user, "msgtype": "text", "agentid": self.agent_id, "text": {"content": content}}
        delay = self._backoff
        for attempt in range(1, self._send_attempts + 1):
            if repeat or attempt > 1:
                payload |= {"enable_duplicate_check": 1, "duplicate_check_interval": DUPLICATE_CHECK}
            try:
                return self.call("POST", "/cgi-bin/message/send", json=payload)
            except WeComAPIError as exc:
                if not exc.retryable or attempt == self._send_attempts:
                    raise
                log.warning("wecom: send to %s failed (%s), try %d of %d in %.1fs",
                            user, exc, attempt + 1, self._send_attempts, delay)
                self._sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def user_id_from_code(self, code: str) -> str:
        """OAuth: the member's UserID for a one-time `code` (GET /cgi-bin/auth/getuserinfo)."""
        data = self.call("GET", "/cgi-bin/auth/getuserinfo", params={"code": code})
        user = data.get("userid") or data.get("UserId")  # older responses spell it UserId
        if not user:
            raise WeComAPIError(-3, "not a member of this corp (no userid in getuserinfo)")
        return str(user)

    def _request(self, method: str, path: str, **kwargs: object) -> dict:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:  # timeouts, refused connections, broken responses
            raise WeComAPIError(None, f"{path}: {type(exc).__name__}") from None
        if response.status_code != 200:
            raise WeComAPIError(None, f"{path}: HTTP {response.status_code}")
        try:
            data = response.json()
        except ValueError:
            raise WeComAPIError(None, f"{path}: response is not JSON") from None
        if not isinstance(data, dict):
            raise WeComAPIError(None, f"{path}: unexpected JSON")
        return data

    def close(self) -> None:
        self._http.close()


DUPLICATE_CHECK = 1800  # seconds; WeCom's default window for enable_duplicate_check


def oauth_authorize_url(corp_id: str, agent_id: int, redirect_uri: str, state: str = "") -> str:
    """The URL to set as the app homepage: WeCom signs the member in and returns to `redirect_uri`
    (which must be on the app's 可信域名) with `?code=…&state=…`."""
    query = urlencode({
        "appid": corp_id,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": "snsapi_base",
        "state": state,
        "agentid": agent_id,
    })
    return f"{AUTHORIZE_URL}?{query}#wechat_redirect"


def sign_user_cookie(secret: str, user: str, max_age: int, now: float | None = None) -> str:
    """`user|expiry|hmac`: the homepage can trust it without asking WeCom again."""
    payload = f"{user}|{int(now if now is not None else time.time()) + max_age}"
    return f"{payload}|{_cookie_mac(secret, payload)}"


def read_user_cookie(secret: str, value: str | None, now: float | None = None) -> str | None:
    """The UserID from a `wecom_userid` cookie, or None if it is missing, forged or expired."""
    if not value or value.count("|") < 2:
        return None
    payload, _, mac = value.rpartition("|")
    user, _, expiry = payload.rpartition("|")
    if not hmac.compare_digest(mac.encode(), _cookie_mac(secret, payload).encode()):
        return None
    if not expiry.isdigit() or int(expiry) < (now if now is not None else time.time()):
        return None
    return user or None


def _cookie_mac(secret: str, payload: str) -> str:
    # A prefix keeps this MAC from being valid for any other use of the same Secret.
    return hmac.new(secret.encode(), b"wecom_userid|" + payload.encode(), hashlib.sha256).hexdigest()
