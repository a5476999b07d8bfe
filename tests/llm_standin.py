"""A loopback stand-in for an intranet LLM that speaks the OpenAI chat API (POST /v1/chat/completions, JSON or
SSE stream), as vLLM, Ollama and the gateways do. Tests tell it how to behave:

  faithful       rewords the lead and quotes source [1], every sentence cited, numbers copied
  wrong_arabic   the same with the first Arabic figure off by one
  wrong_chinese  a figure written in Chinese numerals that no source holds (六百一十八)
  no_citation    the faithful text without its [n] markers
  ignore_sources a confident sentence about something else, cited
  refuse         says the sources do not answer
  slow           waits `delay` seconds before the first byte
  error          HTTP 500
  broken_stream  a stream that stops mid-sentence without [DONE]

Every request is recorded in `requests`. Used by tests and scripts/bench_llm.py.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODES = ("faithful", "wrong_arabic", "wrong_chinese", "no_citation", "ignore_sources", "refuse", "slow", "error",
         "broken_stream")


class LLMStandIn:
    def __init__(self, mode: str = "faithful", delay: float = 0.0, chunk_delay: float = 0.0) -> None:
        self.mode = mode
        self.delay = delay  # seconds before the first byte (slow mode, or to measure time to first sentence)
        self.chunk_delay = chunk_delay  # seconds between streamed pieces
        self.requests: list[dict] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> LLMStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reply(self, messages: list[dict]) -> str:
        prompt = "\n".join(str(m.get("content", "")) for m in messages)
        sources = re.findall(r"^\[(\d+)\] [^：]*：(.+)$", prompt, re.M)
        lead = (re.search(r"已核实的要点：(.*)", prompt) or [None, ""])[1].strip().rstrip("。")
        first = sources[0][1] if sources else ""
        faithful = f"简单说：{lead}。[1]\n原文是这样写的：{first}[1]" if lead else f"原文是这样写的：{first}[1]"
        if self.mode == "wrong_arabic":
            wrong = re.sub(r"(?<![\[\d])\d+(?![\]\d])", lambda m: str(int(m.group()) + 1), faithful, count=1)
            return wrong if wrong != faithful else f"{faithful}\n一共有3人参加。[1]"
        if self.mode == "wrong_chinese":
            return f"一共有六百一十八名。[1]\n{faithful}"
        if self.mode == "no_citation":
            return re.sub(r"\[\d+\]", "", faithful)
        if self.mode == "ignore_sources":
            return "全省共有职工10000名，待遇都很好。[1]"
        if self.mode == "refuse":
            return "资料中没有这方面的内容。"
        return faithful


def _handler(standin: LLMStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            length = int(self.headers.get("content-length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            standin.requests.append(body)
            if standin.delay or standin.mode == "slow":
                time.sleep(standin.delay or 30)
            if standin.mode == "error":
                self._json(500, {"error": {"message": "model crashed", "type": "server_error"}})
                return
            text = standin.reply(body.get("messages", []))
            if not body.get("stream") and standin.mode == "broken_stream":  # the body stops half way
                data = json.dumps({"choices": [{"message": {"content": text}}]}, ensure_ascii=False).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            if not body.get("stream"):
                self._json(200, {"id": "cmpl-standin", "object": "chat.completion", "created": int(time.time()),
                                 "model": body.get("model", "standin"),
                                 "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                              "finish_reason": "stop"}],
                                 "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})
                return
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("connection", "close")
            self.end_headers()
            pieces = [text[i : i + 4] for i in range(0, len(text), 4)]
            if standin.mode == "broken_stream":
                pieces = pieces[: max(1, len(pieces) // 2)]
            for piece in pieces:
                chunk = {"id": "cmpl-standin", "object": "chat.completion.chunk", "created": int(time.time()),
                         "model": body.get("model", "standin"),
                         "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                self.wfile.flush()
                if standin.chunk_delay:
                    time.sleep(standin.chunk_delay)
            if standin.mode == "broken_stream":
                self.wfile.write(b"data: {\"choices\": [{\"delta\": {\"content\": \"\xe6\x9c\xaa")  # cut mid-character
                self.wfile.flush()
                self.close_connection = True
                return
            done = {"id": "cmpl-standin", "object": "chat.completion.chunk", "created": int(time.time()),
                    "model": body.get("model", "standin"), "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
            self.wfile.write(f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode())
            self.wfile.flush()

        def _json(self, status: int, payload: dict) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler
