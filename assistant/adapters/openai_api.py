"""The assistant as an OpenAI-compatible chat model: POST /v1/chat/completions (stream and not) and GET /v1/models,
so chat front-ends (LobeChat, NextChat, Open WebUI, Dify's "OpenAI-API-compatible" provider) and the official
`openai` client can use it. Plus the API's own stream, POST /api/ask/stream (server-sent events).

`messages` map to question + history (the last user message is the question; system messages are ignored). The
answer carries its sources as numbered references at the end of `content`, and the whole answer contract in the
extra field `answer`. A streamed answer is sent sentence by sentence, each already checked by the number guard;
if a later sentence fails, the stream says so and continues with the checked extractive answer.

No `from __future__ import annotations`: FastAPI reads the endpoints' annotations at run time.
"""

import json
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from ..core import Assistant
from ..errors import AssistantError, InvalidInput
from ..types import Answer
from .conversations import ConversationLog

MODEL_ID = "changai-assistant"
REPLACED = "\n\n（以上内容未通过数字核验，已改为摘录原文的回答：）\n"


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")  # name, tool_calls…: accepted, not used
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[dict] | None = None


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # temperature, top_p, max_tokens…: the answer is decided by code
    model: str = Field(MODEL_ID, max_length=200)
    messages: list[ChatMessage] = Field(min_length=1, max_length=200)
    stream: bool = False


def _text(content: str | list[dict] | None) -> str:
    """OpenAI content: a string, or a list of parts of which the text parts are read."""
    if isinstance(content, str):
        return content
    return "".join(str(part.get("text", "")) for part in content or [] if isinstance(part, dict) and part.get("type") == "text")


def question_and_history(messages: list[ChatMessage]) -> tuple[str, list[dict]]:
    turns = [m for m in messages if m.role in ("user", "assistant")]
    if not turns or turns[-1].role != "user":
        raise InvalidInput("最后一条消息应是用户的问题", "messages 的最后一条应为 role=user")
    history = [{"role": m.role, "content": _text(m.content)} for m in turns[:-1]]
    return _text(turns[-1].content), history


def with_references(answer: Answer) -> str:
    """The answer text, then its sources as numbered references (for front-ends that show only `content`)."""
    if not answer.sources:
        return answer.answer
    lines = [f"[{n}] 《{s.document.get('name') or s.title}》 {s.section}".rstrip() for n, s in enumerate(answer.sources, 1)]
    return answer.answer + "\n\n参考资料：\n" + "\n".join(lines)


def openai_router(assistant: Assistant, conversations: ConversationLog | None = None,
                  session_of: Callable[[Request], str] = lambda r: "") -> APIRouter:
    router = APIRouter(tags=["OpenAI 兼容接口"])

    @router.get("/v1/models", summary="可用模型（OpenAI 兼容）")
    def models() -> dict:
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "changai"}]}

    @router.post("/v1/chat/completions", summary="对话补全（OpenAI 兼容；stream=true 时为 SSE）")
    def chat(body: ChatRequest, request: Request) -> Response:
        try:
            question, history = question_and_history(body.messages)
            if not body.stream:
                answer = assistant.ask(question, history)
                _log(conversations, "openai", question, answer, session_of(request))
                return JSONResponse(_completion(answer, body.model))
            events = assistant.stream(question, history)
            first = next(events)  # bad input fails here, as a 4xx, before the stream starts
        except AssistantError as exc:
            return _openai_error(exc)
        return StreamingResponse(_chunks(first, events, body.model, question, conversations, session_of(request)),
                                 media_type="text/event-stream", headers={"cache-control": "no-cache"})

    return router


def stream_router(assistant: Assistant, conversations: ConversationLog | None = None,
                  session_of: Callable[[Request], str] = lambda r: "") -> APIRouter:
    """POST /api/ask/stream: the answer contract's stream (mounted under /api)."""
    from .api import AskRequest

    router = APIRouter()

    @router.post("/ask/stream", summary="提问，按句流式返回（SSE：delta、replace、done）")
    def ask_stream(body: AskRequest, request: Request) -> Response:
        events = assistant.stream(body.question, [m.model_dump() for m in body.history])
        first = next(events)  # bad input raises here: the usual JSON 4xx, not a broken stream

        def sse() -> Iterator[str]:
            answer = None
            for event in _chain(first, events):
                if "delta" in event:
                    yield _sse("delta", {"text": event["delta"]})
                elif "replace" in event:
                    answer = event["replace"]
                    yield _sse("replace", answer.to_dict())
                else:
                    answer = event["answer"]
            if answer is not None:
                _log(conversations, "api", body.question, answer, session_of(request))
                yield _sse("done", answer.to_dict())

        return StreamingResponse(sse(), media_type="text/event-stream", headers={"cache-control": "no-cache"})

    return router


def _chain(first: dict, rest: Iterator[dict]) -> Iterator[dict]:
    yield first
    yield from rest


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _completion(answer: Answer, model: str) -> dict:
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": with_references(answer)},
                     "finish_reason": "stop", "logprobs": None}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "answer": answer.to_dict(),
    }


def _chunks(first: dict, events: Iterator[dict], model: str, question: str, conversations: ConversationLog | None,
            session: str) -> Iterator[str]:
    ident, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())

    def chunk(delta: dict, finish: str | None = None, extra: dict | None = None) -> str:
        payload = {"id": ident, "object": "chat.completion.chunk", "created": created, "model": model,
                   "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}]} | (extra or {})
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    answer = None
    for event in _chain(first, events):
        if "delta" in event:
            yield chunk({"content": event["delta"]})
        elif "replace" in event:
            answer = event["replace"]
            yield chunk({"content": REPLACED + answer.answer})
        else:
            answer = event["answer"]
    if answer is not None:
        references = with_references(answer)[len(answer.answer):]
        if references:
            yield chunk({"content": references})
        _log(conversations, "openai", question, answer, session)
        yield chunk({}, "stop", {"answer": answer.to_dict()})
    yield "data: [DONE]\n\n"


def _openai_error(exc: AssistantError) -> JSONResponse:
    return JSONResponse({"error": {"message": exc.message, "type": "invalid_request_error", "param": None,
                                   "code": exc.type}}, status_code=exc.status if exc.status < 500 else 503)


def _log(conversations: ConversationLog | None, channel: str, question: str, answer: Answer, session: str) -> None:
    if conversations is not None:
        conversations.record(channel, question, answer, "", session)
