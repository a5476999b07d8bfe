"""The WeCom callback's wire format: signature, timestamp window, AES envelope and the inner XML.

`CallbackCrypto` turns a callback request (query parameters + body) into an `Inbound` message or
raises `CallbackRejected` with a short machine-readable reason. The AES envelope itself is
wechatpy's (`wechatpy.enterprise.crypto.WeChatCrypto`); both XML layers are parsed here with
defusedxml, so wechatpy's xmltodict never sees untrusted XML.
"""

from __future__ import annotations

import hashlib
import hmac
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from wechatpy.enterprise.crypto import WeChatCrypto
from wechatpy.enterprise.exceptions import InvalidCorpIdException
from wechatpy.exceptions import InvalidSignatureException


class CallbackRejected(Exception):
    """A callback request we refuse to act on. `reason` is safe to log and to return to the caller."""

    def __init__(self, reason: str, status: int = 403, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.detail = detail  # for the log line only; never contains secrets or message content


@dataclass(frozen=True)
class Inbound:
    """One decrypted callback: a message (text, image, ...) or an event (enter_agent, subscribe, ...)."""

    user: str  # FromUserName, the member's UserID
    msg_type: str  # text | image | voice | video | file | location | link | event | ...
    create_time: str
    content: str = ""
    msg_id: str = ""
    event: str = ""
    agent_id: str = ""

    @property
    def key(self) -> str:
        """Identity for de-duplication: MsgId, or (user, time, event) for events, which have no MsgId."""
        if self.msg_id:
            return f"msg:{self.msg_id}"
        return f"event:{self.user}:{self.create_time}:{self.event}"


class CallbackCrypto:
    """Verifies and opens callbacks for one app (Token, EncodingAESKey, CorpID, AgentID)."""

    def __init__(
        self,
        token: str,
        aes_key: str,
        corp_id: str,
        agent_id: int,
        max_clock_skew: float | None = 300.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._token = token
        self._crypto = WeChatCrypto(token, aes_key, corp_id)
        self._agent_id = str(agent_id)
        self._max_clock_skew = max_clock_skew
        self._clock = clock

    def verify_url(self, msg_signature: str, timestamp: str, nonce: str, echostr: str) -> str:
        """The GET handshake: the decrypted echostr to send back verbatim."""
        _require(msg_signature, timestamp, nonce, echostr)
        self._check(msg_signature, timestamp, nonce, echostr)
        return self._open(lambda: self._crypto.check_signature(msg_signature, timestamp, nonce, echostr))

    def open_message(self, body: bytes, msg_signature: str, timestamp: str, nonce: str) -> Inbound:
        """A POST callback: outer envelope → decrypted inner XML → `Inbound`, with AgentID checked."""
        _require(msg_signature, timestamp, nonce)
        encrypt = _outer_encrypt(body)
        self._check(msg_signature, timestamp, nonce, encrypt)
        # A dict instead of the raw body: wechatpy would otherwise re-parse it with xmltodict.
        plain = self._open(lambda: self._crypto.decrypt_message({"Encrypt": encrypt}, msg_signature, timestamp, nonce))
        message = parse_inner(plain)
        # Only the inner AgentID is covered by the signature; the outer one is not trusted.
        if message.agent_id != self._agent_id and not (message.msg_type == "event" and not message.agent_id):
            raise CallbackRejected("wrong_agent_id", detail=f"AgentID {message.agent_id!r}")
        return message

    def seal_reply(self, user: str, text: str, nonce: str) -> str:
        """A passive reply (encrypted XML in the HTTP response), for notices that cannot wait for a worker."""
        inner = (
            f"<xml><ToUserName>{_cdata(user)}</ToUserName><FromUserName>{_cdata(self._crypto.corp_id)}</FromUserName>"
            f"<CreateTime>{int(self._clock())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content>{_cdata(text)}</Content></xml>"
        )
        return self._crypto.encrypt_message(inner, nonce, str(int(self._clock())))

    def _check(self, msg_signature: str, timestamp: str, nonce: str, data: str) -> None:
        # Checked here as well as in wechatpy: a constant-time comparison, and a forged or
        # replayed request is turned away before any decryption work.
        expected = hashlib.sha1("".join(sorted([self._token, timestamp, nonce, data])).encode()).hexdigest()
        if not hmac.compare_digest(expected.encode(), msg_signature.encode()):
            raise CallbackRejected("bad_signature")
        if self._max_clock_skew is not None:
            try:
                skew = self._clock() - int(timestamp)
            except (ValueError, OverflowError):  # not a number, or one too large to be a time
                raise CallbackRejected("bad_timestamp", status=400) from None
            if abs(skew) > self._max_clock_skew:
                # Either a replay or a server clock that is off: the log line says which way.
                raise CallbackRejected("stale_timestamp", detail=f"clock skew {skew:+.0f}s; check NTP if all fail")

    @staticmethod
    def _open(decrypt: Callable[[], str]) -> str:
        try:
            return decrypt()
        except InvalidSignatureException:
            raise CallbackRejected("bad_signature") from None
        except InvalidCorpIdException:
            # Decrypts with our key but was addressed to another corp (ReceiveId mismatch).
            raise CallbackRejected("wrong_corp_id") from None
        except Exception as exc:  # hostile ciphertext can fail in base64, AES, padding or UTF-8
            raise CallbackRejected("undecryptable", status=400, detail=type(exc).__name__) from None


def _cdata(text: str) -> str:
    # "]]>" would end the section early: close it and open a new one around the ">".
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _require(*values: str) -> None:
    if not all(values):
        raise CallbackRejected("missing_params", status=400)


def _outer_encrypt(body: bytes) -> str:
    """The `Encrypt` field of `<xml><ToUserName/><AgentID/><Encrypt/></xml>`."""
    root = _parse_xml(body)
    encrypt = (root.findtext("Encrypt") or "").strip()
    if not encrypt:
        raise CallbackRejected("missing_encrypt", status=400)
    return encrypt


def parse_inner(plain: str | bytes) -> Inbound:
    """The decrypted message XML → `Inbound`. CDATA and plain text nodes read the same."""
    root = _parse_xml(plain)
    fields = {child.tag: (child.text or "") for child in root}
    user, msg_type = fields.get("FromUserName", "").strip(), fields.get("MsgType", "").strip().lower()
    if not user or not msg_type:
        raise CallbackRejected("unparseable", status=400, detail="no FromUserName or MsgType")
    return Inbound(
        user=user,
        msg_type=msg_type,
        create_time=fields.get("CreateTime", "").strip(),
        content=fields.get("Content", ""),
        msg_id=fields.get("MsgId", "").strip(),
        event=fields.get("Event", "").strip().lower(),
        agent_id=fields.get("AgentID", "").strip(),
    )


def _parse_xml(data: str | bytes) -> ET.Element:
    # defusedxml refuses entity declarations and external references (no "billion laughs").
    try:
        root = SafeET.fromstring(data)
    except (ET.ParseError, DefusedXmlException, ValueError) as exc:
        raise CallbackRejected("unparseable", status=400, detail=type(exc).__name__) from None
    if root.tag != "xml":
        raise CallbackRejected("unparseable", status=400, detail=f"root <{root.tag}>")
    return root
