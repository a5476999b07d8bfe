"""The WeCom callback crypto against WeCom's official test vectors, both directions, and the
requests it must turn away. Real AES (wechatpy + cryptography), nothing mocked but wechatpy's
random prefix where a vector fixes it."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from fastapi import FastAPI
from fastapi.testclient import TestClient
from wechatpy.crypto.base import BasePrpCrypto
from wechatpy.enterprise.crypto import WeChatCrypto

from assistant.adapters.wecom import WeComConfig, create_wecom_router
from assistant.adapters.wecom_crypto import CallbackCrypto, CallbackRejected
from assistant.settings import Settings
from assistant.types import Answer

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[1]

# 7.1: the official Python sample.
PY = {"token": "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo", "aes_key": "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt",
      "corp_id": "ww1436e0e65a779aee"}
PY_VERIFY = {"msg_signature": "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb", "timestamp": "1476416373",
             "nonce": "47744683",
             "echostr": "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA=="}
PY_ECHO = "1288432023552776189"
PY_MESSAGE = {"msg_signature": "0c3914025cb4b4d68103f6bfc8db550f79dcf48e", "timestamp": "1476422779",
              "nonce": "1597212914"}
PY_ENCRYPT = (
    "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+"
    "Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbj"
    "bfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpH"
    "SGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+"
)
PY_BODY = (
    f"<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>\n<Encrypt><![CDATA[{PY_ENCRYPT}]]></Encrypt>\n"
    "<AgentID><![CDATA[1000002]]></AgentID>\n</xml>"
).encode()
PY_PLAIN = (
    "<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName>"
    "<CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content>"
    "<MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>"
)

# 7.2: the official PHP / C++ sample (its message pads with 30 bytes).
PHP = {"token": "QDG6eK", "aes_key": "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "corp_id": "wx5823bf96d3bd56c7"}
PHP_VERIFY = {"msg_signature": "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "timestamp": "1409659589",
              "nonce": "263014780",
              "echostr": "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="}
PHP_MESSAGE = {"msg_signature": "477715d11cdb4164915debcba66cb864d751f3e6", "timestamp": "1409659813",
               "nonce": "1372623149"}
PHP_ENCRYPT = (
    "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUk"
    "SUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ek"
    "UNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0"
    "+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R"
    "07+qN+E7Q=="
)
PHP_BODY = (
    f"<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[{PHP_ENCRYPT}]]></Encrypt>"
    "<AgentID><![CDATA[218]]></AgentID></xml>"
).encode()

# 7.3: wechatpy's own encrypt vector.
ENC = {"token": "123456", "aes_key": "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR", "corp_id": "wx49f0ab532d5d035a"}
ENC_PLAIN = """<xml>
<MsgType><![CDATA[text]]></MsgType>
<Content><![CDATA[test]]></Content>
<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>
<ToUserName><![CDATA[messense]]></ToUserName>
<AgentID>1</AgentID>
<CreateTime>1411525903</CreateTime>
</xml>"""
ENC_ENCRYPT = (
    "9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ"
    "+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1"
    "p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3k"
    "FxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3"
)
ENC_SIGNATURE = "407518b7649e86ef23978113f92d27afa9296533"


def vector_crypto(vector: dict, agent_id: int, corp_id: str | None = None, skew: float | None = None) -> CallbackCrypto:
    return CallbackCrypto(vector["token"], vector["aes_key"], corp_id or vector["corp_id"], agent_id, skew)


def off_by_one(signature: str) -> str:
    return signature[:-1] + ("0" if signature[-1] != "0" else "1")


def reject_reason(call) -> str:
    with pytest.raises(CallbackRejected) as caught:
        call()
    return caught.value.reason


# --- the official vectors -----------------------------------------------------------------------


def test_python_sample_url_verification() -> None:
    assert WeChatCrypto(PY["token"], PY["aes_key"], PY["corp_id"]).check_signature(
        PY_VERIFY["msg_signature"], PY_VERIFY["timestamp"], PY_VERIFY["nonce"], PY_VERIFY["echostr"]) == PY_ECHO
    assert vector_crypto(PY, 1000002).verify_url(**PY_VERIFY) == PY_ECHO


def test_python_sample_message_decrypts_to_the_official_plaintext() -> None:
    plain = WeChatCrypto(PY["token"], PY["aes_key"], PY["corp_id"]).decrypt_message(
        {"Encrypt": PY_ENCRYPT}, PY_MESSAGE["msg_signature"], PY_MESSAGE["timestamp"], PY_MESSAGE["nonce"])
    assert plain == PY_PLAIN
    message = vector_crypto(PY, 1000002).open_message(PY_BODY, **PY_MESSAGE)
    assert (message.user, message.msg_type, message.content, message.msg_id, message.agent_id) == (
        "ChenJiaShun", "text", "你好", "1456453720", "1000002")
    assert message.key == "msg:1456453720"


def test_php_sample_with_30_byte_padding() -> None:
    # The point of this vector: PKCS#7 over 32-byte blocks. Check the padding really is 30 ...
    key = base64.b64decode(PHP["aes_key"] + "=")
    decryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).decryptor()
    raw = decryptor.update(base64.b64decode(PHP_ENCRYPT)) + decryptor.finalize()
    assert raw[-1] == 30 and raw.endswith(bytes([30]) * 30)
    # ... and that it opens cleanly, ReceiveId and all.
    crypto = vector_crypto(PHP, 218)
    assert crypto.verify_url(**PHP_VERIFY) == "1616140317555161061"
    message = crypto.open_message(PHP_BODY, **PHP_MESSAGE)
    assert (message.user, message.content, message.msg_id, message.agent_id) == (
        "mycreate", "hello", "4561255354251345929", "218")


def test_encrypt_direction_matches_the_vector_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    # wechatpy draws the 16-byte prefix from BasePrpCrypto.get_random_string; the vector fixes it.
    monkeypatch.setattr(BasePrpCrypto, "get_random_string", lambda self: "1234567890123456")
    sealed = WeChatCrypto(ENC["token"], ENC["aes_key"], ENC["corp_id"]).encrypt_message(ENC_PLAIN, "461056294", "1411525903")
    assert re.search(r"<Encrypt><!\[CDATA\[(.*?)\]\]></Encrypt>", sealed).group(1) == ENC_ENCRYPT
    assert re.search(r"<MsgSignature><!\[CDATA\[(.*?)\]\]></MsgSignature>", sealed).group(1) == ENC_SIGNATURE
    # And our side opens what wechatpy sealed.
    body = f"<xml><Encrypt><![CDATA[{ENC_ENCRYPT}]]></Encrypt></xml>".encode()
    message = vector_crypto(ENC, 1).open_message(body, ENC_SIGNATURE, "1411525903", "461056294")
    assert (message.user, message.content, message.agent_id) == ("wx49f0ab532d5d035a", "test", "1")
    assert message.key == "event:wx49f0ab532d5d035a:1411525903:"  # no MsgId: keyed on user and time


def test_passive_reply_round_trips() -> None:
    crypto = vector_crypto(PY, 1000002)
    sealed = crypto.seal_reply("ChenJiaShun", "稍后再试 ]]> 也不会破坏 XML", "12345")
    encrypt = re.search(r"<Encrypt><!\[CDATA\[(.*?)\]\]></Encrypt>", sealed).group(1)
    signature = re.search(r"<MsgSignature><!\[CDATA\[(.*?)\]\]></MsgSignature>", sealed).group(1)
    timestamp = re.search(r"<TimeStamp>(\d+)</TimeStamp>", sealed).group(1)
    plain = WeChatCrypto(PY["token"], PY["aes_key"], PY["corp_id"]).decrypt_message(
        {"Encrypt": encrypt}, signature, timestamp, "12345")
    assert "<Content><![CDATA[稍后再试 ]]]]><![CDATA[> 也不会破坏 XML]]></Content>" in plain
    assert "<ToUserName><![CDATA[ChenJiaShun]]></ToUserName>" in plain


# --- what must be turned away -------------------------------------------------------------------


def test_signature_off_by_one_character() -> None:
    crypto = vector_crypto(PY, 1000002)
    bad_verify = PY_VERIFY | {"msg_signature": off_by_one(PY_VERIFY["msg_signature"])}
    bad_message = PY_MESSAGE | {"msg_signature": off_by_one(PY_MESSAGE["msg_signature"])}
    assert reject_reason(lambda: crypto.verify_url(**bad_verify)) == "bad_signature"
    assert reject_reason(lambda: crypto.open_message(PY_BODY, **bad_message)) == "bad_signature"


def test_right_signature_for_another_corp_id() -> None:
    # Same Token and key, so the signature holds; the ReceiveId inside names another corp.
    crypto = vector_crypto(PY, 1000002, corp_id="ww0000000000000000")
    assert reject_reason(lambda: crypto.open_message(PY_BODY, **PY_MESSAGE)) == "wrong_corp_id"
    assert reject_reason(lambda: crypto.verify_url(**PY_VERIFY)) == "wrong_corp_id"


def test_wrong_agent_id() -> None:
    crypto = vector_crypto(PY, 1000003)
    assert reject_reason(lambda: crypto.open_message(PY_BODY, **PY_MESSAGE)) == "wrong_agent_id"


def test_stale_timestamp_with_a_clock_window() -> None:
    crypto = vector_crypto(PY, 1000002, skew=300)  # the vector is from 2016
    assert reject_reason(lambda: crypto.open_message(PY_BODY, **PY_MESSAGE)) == "stale_timestamp"
    assert reject_reason(lambda: crypto.verify_url(**PY_VERIFY)) == "stale_timestamp"


def sealed_body(plain: str, nonce: str = "777", timestamp: str = "1476422779") -> tuple[bytes, dict]:
    sealed = WeChatCrypto(PY["token"], PY["aes_key"], PY["corp_id"]).encrypt_message(plain, nonce, timestamp)
    encrypt = re.search(r"<Encrypt><!\[CDATA\[(.*?)\]\]></Encrypt>", sealed).group(1)
    signature = re.search(r"<MsgSignature><!\[CDATA\[(.*?)\]\]></MsgSignature>", sealed).group(1)
    body = f"<xml><ToUserName><![CDATA[{PY['corp_id']}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    return body.encode(), {"msg_signature": signature, "timestamp": timestamp, "nonce": nonce}


@pytest.mark.parametrize("plain", [
    "这不是 XML",
    "<xml><FromUserName>x</FromUserName>",  # truncated
    "<notxml><FromUserName>x</FromUserName><MsgType>text</MsgType></notxml>",
    "<xml><Content>no sender</Content></xml>",
])
def test_body_that_decrypts_but_does_not_parse(plain: str) -> None:
    body, params = sealed_body(plain)
    assert reject_reason(lambda: vector_crypto(PY, 1000002).open_message(body, **params)) == "unparseable"


def test_entity_expansion_is_refused() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            "<xml><FromUserName>u</FromUserName><MsgType>text</MsgType><Content>&b;</Content>"
            "<AgentID>1000002</AgentID></xml>")
    body, params = sealed_body(bomb)
    assert reject_reason(lambda: vector_crypto(PY, 1000002).open_message(body, **params)) == "unparseable"
    outer = b'<!DOCTYPE xml [<!ENTITY e "x">]><xml><Encrypt>&e;</Encrypt></xml>'
    assert reject_reason(lambda: vector_crypto(PY, 1000002).open_message(outer, **PY_MESSAGE)) == "unparseable"


def test_signed_garbage_is_undecryptable() -> None:
    import hashlib
    encrypt = "AAAA" * 5  # valid base64, not a multiple of the AES block
    signature = hashlib.sha1("".join(sorted([PY["token"], "1476422779", "1", encrypt])).encode()).hexdigest()
    body = f"<xml><Encrypt>{encrypt}</Encrypt></xml>".encode()
    crypto = vector_crypto(PY, 1000002)
    assert reject_reason(lambda: crypto.open_message(body, signature, "1476422779", "1")) == "undecryptable"


def test_missing_parameters() -> None:
    crypto = vector_crypto(PY, 1000002)
    assert reject_reason(lambda: crypto.verify_url("", "", "", "")) == "missing_params"
    assert reject_reason(lambda: crypto.open_message(PY_BODY, "", "", "")) == "missing_params"
    assert reject_reason(lambda: crypto.open_message(b"<xml></xml>", **PY_MESSAGE)) == "missing_encrypt"


# --- the same over HTTP ---------------------------------------------------------------------------


class QuietAssistant:
    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        return Answer(answer=question, refused=False)


@pytest.fixture
def vector_client(tmp_path: Path):
    """The router configured with the Python sample's credentials; timestamps unchecked (2016)."""
    config = WeComConfig(corp_id=PY["corp_id"], agent_id=1000002, secret="unused", token=PY["token"],
                         aes_key=PY["aes_key"], api_base="http://127.0.0.1:9", max_clock_skew=None, workers=1, send_attempts=1)
    settings = Settings(knowledge_dir=tmp_path, index_dir=tmp_path, data_dir=tmp_path / "data",
                        prompts_dir=REPO / "prompts")
    router = create_wecom_router(QuietAssistant(), settings, config)
    app = FastAPI()
    app.include_router(router)
    yield TestClient(app)
    router.wecom_channel.close()


def test_get_answers_the_bare_echostr(vector_client: TestClient) -> None:
    response = vector_client.get("/wecom/callback", params=PY_VERIFY)
    assert response.status_code == 200
    assert response.content == PY_ECHO.encode()  # no quotes, no newline
    assert response.headers["content-type"].startswith("text/plain")


def test_post_of_the_official_message_is_accepted_with_an_empty_body(vector_client: TestClient) -> None:
    response = vector_client.post("/wecom/callback", params=PY_MESSAGE, content=PY_BODY)
    assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_no_query_parameters_over_http(vector_client: TestClient, method: str) -> None:
    response = vector_client.request(method, "/wecom/callback", content=PY_BODY if method == "POST" else None)
    assert response.status_code == 400
    assert response.json() == {"error": "missing_params"}


def test_bad_signature_over_http(vector_client: TestClient) -> None:
    response = vector_client.get("/wecom/callback", params=PY_VERIFY | {"msg_signature": "0" * 40})
    assert response.status_code == 403 and response.json() == {"error": "bad_signature"}
    response = vector_client.post("/wecom/callback", params=PY_MESSAGE | {"nonce": "1"}, content=PY_BODY)
    assert response.status_code == 403 and response.json() == {"error": "bad_signature"}
