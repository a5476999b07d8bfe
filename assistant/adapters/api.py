"""The HTTP adapter: one FastAPI app with the JSON API under /api, docs at /docs and the web UI at /.

Every endpoint only calls `Assistant` (or the feedback store) and is a plain `def`, so requests run
in parallel in the server's thread pool. Errors are translated once, here: a caller always gets JSON
`{"type", "message", "hint"}` with a Chinese message, never a stack trace.

No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations at run time,
and those of the closures below name a local alias.
"""

import gc
import logging
import os
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..core import Assistant
from ..errors import AssistantError
from ..figures import figures_csv
from ..settings import Settings
from .admin import admin_router, install_admin_errors
from .conversations import ConversationLog
from .feedback import FeedbackStore
from .guards import (
    ApiKeys,
    BodyLimit,
    ConcurrencyLimit,
    GuardedHttpProtocol,
    JsonErrors,
    RateLimit,
    SecurityHeaders,
)
from .identity import USER_COOKIE, UserOf, no_user  # noqa: F401 - the UI imports them from here
from .openai_api import openai_router, stream_router
from .stores import Stores, open_stores

log = logging.getLogger(__name__)
API_PREFIX = "/api"
MAX_BODY_BYTES = 1_000_000  # a question with its history is a few KB; anything far bigger is not a question
MAX_UPLOAD_BYTES = 20_000_000  # an operator's document upload
MAX_CONCURRENT_REQUESTS = 512
RATE_LIMITED = ("/api/ask", "/api/feedback", "/v1/", "/ui/ask", "/ui/vote", "/admin/login", "/gradio_api/queue/join",
                "/gradio_api/run")


# --- request and response shapes (they also document the API at /docs) ------------------------
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


def _readable(text: str) -> str:
    """Text validated once, at the edge: a lone surrogate (valid as a JSON escape, not as UTF-8) is refused."""
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        raise PydanticCustomError("bad_characters", "contains a lone surrogate")
    return text


Text = Annotated[str, AfterValidator(_readable)]


class Message(_Strict):
    role: Literal["user", "assistant"]
    content: Text = Field(max_length=20_000)


class AskRequest(_Strict):
    question: Text = Field(description="用户的问题", examples=["职工董事有多少名？"])
    history: list[Message] = Field(default_factory=list, max_length=100, description="此前的对话，按时间先后")


class DocumentOut(BaseModel):
    """The document a source or figure came from."""

    id: str
    title: str
    issuer: str = ""
    region: str = ""
    year: str = ""
    scope: str = ""
    kind: str = ""
    short: str = ""
    name: str = ""


class SourceOut(BaseModel):
    id: str
    title: str
    section: str
    text: str
    score: float | None = None
    document: DocumentOut | None = None


class FigureOut(BaseModel):
    value: str
    unit: str
    label: str
    year: str
    scope: str
    chunk_id: str
    sentence: str
    title: str
    section: str
    text: str
    doc: str
    document: DocumentOut


class AnswerOut(BaseModel):
    answer: str
    refused: bool
    sources: list[SourceOut]
    figures: list[FigureOut]
    standalone_question: str
    reading: str = Field("", description="问题里的错别字或简称是怎么理解的（例：按“职工董事”理解）")
    suggestions: list[str] = Field(default_factory=list, description="拒答时推荐的、知识库能回答的相近问题")
    writer: str = Field("extractive", description="写出回答的方式：extractive（摘录原文）或 llm（大模型改写，已逐句核验）")
    fallback: str = Field("", description="大模型的回答未能采用的原因（为空表示采用了，或未配置大模型）")


class HitOut(SourceOut):
    rank: int
    dense: float
    keyword: float
    bigram: float


class SourceIn(_Strict):
    id: Text = Field(max_length=200)
    title: Text = Field("", max_length=500)
    section: Text = Field("", max_length=1000)
    text: Text = Field("", max_length=5000)
    score: float | None = Field(None, strict=False)  # a JSON integer is a fine score too
    document: dict[str, str] = Field(default_factory=dict, max_length=20)  # as the answer contract gave it


class FeedbackRequest(_Strict):
    question: Text = Field(max_length=5000)
    answer: Text = Field(max_length=50_000)
    sources: list[SourceIn] = Field(default_factory=list, max_length=50)
    vote: Literal["up", "down"]
    comment: Text = Field("", max_length=2000)
    user: Text = Field("", max_length=200, description="已忽略：投票人只取自企业微信登录后的签名 Cookie")


class FeedbackOut(BaseModel):
    ok: bool
    id: int


class ErrorOut(BaseModel):
    type: str
    message: str
    hint: str = ""


# --- the app ----------------------------------------------------------------------------------
def create_app(
    assistant: Assistant,
    settings: Settings,
    extra_routers: Sequence[APIRouter] = (),
    on_shutdown: Sequence[Callable[[], object]] = (),
    ui: bool = True,
    user_of: UserOf = no_user,
    stores: Stores | None = None,
) -> FastAPI:
    """The HTTP app over one Assistant and one set of stores (see `adapters.app.create_app`, the composition
    root, for the whole server from settings). `extra_routers` (e.g. the WeCom callback) are included as they
    are; at shutdown their `wecom_channel` (if any) is closed, then every `on_shutdown` callable, then the stores."""
    stores = stores or open_stores(settings)
    feedback, conversations = stores.feedback, stores.conversations

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(_warm_up, assistant)
        freeze_long_lived()
        yield
        closers = [r.wecom_channel.close for r in extra_routers if hasattr(r, "wecom_channel")]
        for close in [*closers, *on_shutdown, stores.close]:
            try:
                await run_in_threadpool(close)
            except Exception:
                log.exception("error while shutting down %r", close)

    app = FastAPI(title="产改问答助手 API", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="基于产业工人队伍建设改革知识库的问答接口。所有错误均返回 JSON：type、message（中文）、hint。")
    app.state.assistant = assistant
    app.state.feedback = feedback
    app.state.conversations = conversations
    app.state.stores = stores
    _install_error_handlers(app)
    _install_offline_docs(app)
    # Outermost last: JSON errors → security headers → concurrency → rate → body limit → the routes.
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES, limits={"/wecom/": 64 * 1024, "/api/admin/": MAX_UPLOAD_BYTES})
    app.add_middleware(RateLimit, buckets=stores.buckets, paths=RATE_LIMITED,
                       client_of=_client_of(user_of))
    app.add_middleware(ConcurrencyLimit, limit=MAX_CONCURRENT_REQUESTS)
    app.add_middleware(ApiKeys, keys=[k.strip() for k in os.environ.get("ASSISTANT_API_KEYS", "").split(",") if k.strip()],
                       paths=("/api/", "/v1/"), open_paths=("/api/health", "/api/admin/", "/api/figures.csv"))
    app.add_middleware(SecurityHeaders, frame_ancestors=settings.frame_ancestors)
    app.add_middleware(JsonErrors, blocked=("/gradio_api/upload", "/gradio_api/proxy="))
    install_admin_errors(app)
    app.include_router(admin_router(assistant, settings, stores), prefix=API_PREFIX + "/admin")  # before /api's catch-all
    session_of = _session_of
    app.include_router(stream_router(assistant, conversations, session_of), prefix=API_PREFIX)
    app.include_router(openai_router(assistant, conversations, session_of))
    channels = [r.wecom_channel for r in extra_routers if hasattr(r, "wecom_channel")]
    published = stores.index_version()

    def state() -> dict:
        found = {"wecom": channels[0].status} if channels else {}
        found["state"] = {"backend": stores.backend, "replica": stores.replica}
        if published is not None:
            found["state"]["published_build"] = published.published()
        return found

    app.include_router(api_router(assistant, settings, feedback, user_of, conversations, channel_status=state),
                       prefix=API_PREFIX)
    for router in extra_routers:
        app.include_router(router)
    if ui:  # mounted last: "/" catches every path the routes above do not
        from .ui import AssistantUI  # imported here: the UI module reuses this one's CSV export

        AssistantUI(assistant, feedback, user_of, conversations).mount(app, path="/")
    return app


def serve(app: FastAPI, settings: Settings) -> None:
    """Run the app as the server is meant to run: one process, one worker (one model and index in memory), no
    access log (it costs more than a request), uvloop when installed, and the guarded HTTP protocol (deadlines
    for headers and bodies). Overload is answered by `ConcurrencyLimit` in JSON."""
    import uvicorn

    protocol = type("Protocol", (GuardedHttpProtocol,), {"HEADER_TIMEOUT": float(settings.header_timeout),
                                                         "BODY_TIMEOUT": float(settings.body_timeout)})
    uvicorn.run(app, host=settings.host, port=settings.port, workers=1, access_log=False, loop="auto",
                http=protocol, backlog=2048, timeout_keep_alive=30, timeout_graceful_shutdown=3, log_level="info")


def freeze_long_lived() -> None:
    """Move everything alive now (model, index, jieba's dictionary, Gradio) out of the cyclic garbage
    collector's sight. A full collection over them takes ~85 ms with every thread stopped; at a
    hundred requests a second one came every few seconds, and p99 at 80 requests/s jumped from
    ~40 ms to ~400 ms in the runs that caught one. Reference counting still frees them."""
    gc.collect()
    gc.freeze()


def _warm_up(assistant: Assistant) -> None:
    """Load the model and index before the first request. A missing (or mismatched) index is not fatal:
    the server starts, /api/health answers 503 with the fix, and the index is picked up once it is built."""
    try:
        assistant.warm_up()
    except AssistantError as exc:
        log.error("serving, but no index can be answered from yet: %s", exc)


def api_router(assistant: Assistant, settings: Settings, feedback: FeedbackStore, user_of: UserOf = no_user,
               conversations: ConversationLog | None = None, channel_status: Callable[[], dict] = dict) -> APIRouter:
    router = APIRouter(responses={422: {"model": ErrorOut}, 503: {"model": ErrorOut}})
    query_text = Annotated[str, Query(max_length=settings.max_question_chars, description="查询文字")]

    @router.post("/ask", response_model=AnswerOut, summary="提问，返回带出处的回答")
    def ask(body: AskRequest, request: Request) -> Response:
        answer = assistant.ask(body.question, [m.model_dump() for m in body.history])
        if conversations is not None:
            conversations.record("api", body.question, answer, user_of(request.cookies.get(USER_COOKIE)) or "",
                                 request.headers.get("x-session-id", "")[:100])
        return JSONResponse(answer.to_dict())

    @router.get("/search", response_model=list[HitOut], summary="命中测试：按得分排列的片段")
    def search(q: query_text, top_k: Annotated[int | None, Query(description="返回条数，1–50")] = None) -> Response:
        hits = assistant.search(q, top_k)
        return JSONResponse([
            {"rank": rank, "id": h.chunk.id, "title": h.chunk.doc.title, "section": h.chunk.section,
             "text": h.chunk.text, "document": h.chunk.doc.to_dict(), "score": round(h.score, 4), "dense": round(h.dense, 4),
             "keyword": round(h.keyword, 4), "bigram": round(h.bigram, 4)}
            for rank, h in enumerate(hits, 1)
        ])

    @router.get("/figures", summary="数据速查：数字表中与查询相关的行（查询为空时返回全部）")
    def figures(q: query_text = "") -> list[dict]:
        return assistant.figure_rows(q)

    @router.get("/figures.csv", summary="数据速查结果下载为 CSV（UTF-8 带 BOM，Excel 可直接打开）",
                response_class=Response, responses={200: {"content": {"text/csv": {}}}})
    def figures_csv_download(q: query_text = "") -> Response:
        filename = quote(f"数据速查-{q.strip()}.csv" if q.strip() else "数据速查.csv")
        return Response(figures_csv(assistant.figure_rows(q)).encode("utf-8-sig"), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f"attachment; filename=figures.csv; filename*=UTF-8''{filename}"})

    @router.post("/feedback", response_model=FeedbackOut, summary="对回答点赞或点踩")
    def post_feedback(body: FeedbackRequest, request: Request) -> dict:
        # Who voted comes only from the verified cookie: the body's `user` field is not trusted.
        user = user_of(request.cookies.get(USER_COOKIE)) or ""
        row_id = feedback.record(body.question, body.answer, [s.model_dump() for s in body.sources], body.vote,
                                 body.comment, user[:200], channel="api")
        return {"ok": True, "id": row_id}

    @router.get("/health", summary="索引状态：文档数、片段数、模型、构建时间；后台写入线程是否正常")
    def health() -> dict:
        writers = {"conversation_log": conversations.status} if conversations is not None else {}
        return assistant.health() | {"writers": writers, "channels": channel_status()}

    @router.api_route("/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def unknown(path: str, request: Request) -> Response:
        # Without this, unknown /api paths would fall through to the web UI mounted at "/".
        known = {r.path.removeprefix("/"): r.methods for r in router.routes if hasattr(r, "methods") and "{" not in r.path}
        if path in known:
            return _error(405, "method_not_allowed", f"/api/{path} 不支持 {request.method} 请求",
                          f"请用 {'、'.join(sorted(known[path]))}")
        return _error(404, "not_found", f"没有这个接口：{request.method} /api/{path}", "可用接口见 /docs")

    return router


def _install_offline_docs(app: FastAPI) -> None:
    """/docs from the Swagger UI files shipped in the `swagger-ui-bundle` package: FastAPI's default page
    loads them from a CDN, which an intranet server cannot reach."""
    import swagger_ui_bundle
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles

    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title="产改问答助手 API",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/docs-assets/favicon-32x32.png")


# --- errors: translated once, here -------------------------------------------------------------
def _error(status: int, type_: str, message: str, hint: str = "") -> JSONResponse:
    return JSONResponse({"type": type_, "message": message, "hint": hint}, status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AssistantError)
    async def assistant_error(_request: Request, exc: AssistantError) -> JSONResponse:
        if exc.status >= 500:
            log.error("%s: %s", exc.type, exc)
        return _error(exc.status, exc.type, exc.message, exc.hint)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        message, hint = validation_message(exc.errors())
        return _error(422, "invalid_input", message, hint)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = _HTTP_MESSAGES.get(exc.status_code, "请求无法处理")
        return _error(exc.status_code, f"http_{exc.status_code}", message, "接口说明见 /docs")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(500, "internal_error", "服务器内部出错了，请稍后再试", "如果反复出现，请联系管理员查看服务日志")


_HTTP_MESSAGES = {404: "没有这个接口", 405: "该接口不支持这种请求方法", 413: "请求内容太大",
                  415: "请求内容类型不受支持，请使用 application/json"}

_FIELD_NAMES = {"question": "问题（question）", "history": "对话历史（history）", "role": "角色（role）",
                "content": "内容（content）", "q": "查询（q）", "top_k": "返回条数（top_k）", "vote": "评价（vote）",
                "answer": "回答（answer）", "sources": "出处（sources）", "comment": "备注（comment）", "user": "用户（user）"}


def validation_message(errors: Sequence[dict]) -> tuple[str, str]:
    """The first validation error as a Chinese sentence and a hint naming the field to fix."""
    if not errors:
        return "请求格式错误", "接口说明见 /docs"
    err = errors[0]
    kind = err.get("type", "")
    loc = [p for p in err.get("loc", ()) if p not in ("body", "query", "path", "header", "cookie")]
    named = [p for p in loc if isinstance(p, str)]
    name = _FIELD_NAMES.get(named[-1], named[-1]) if named else "请求体"
    where = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc).replace(".[", "[") or "body"
    ctx = err.get("ctx") or {}
    if kind == "bad_characters":
        return f"{name}里有无法识别的字符，请删除特殊符号后重试", f"{where} 含有不成对的 UTF-16 代理字符"
    if kind == "json_invalid":
        return "请求体不是合法的 JSON", "检查引号、逗号和括号；请求头应为 Content-Type: application/json"
    if kind == "missing":
        return f"缺少必填字段：{name}", f"请提供 {where}"
    if kind == "extra_forbidden":
        return f"不认识的字段：{where}", "去掉这个字段；可用字段见 /docs"
    if kind == "literal_error":
        return f"{name}的取值不对，只能是 {str(ctx.get('expected', '')).replace(' or ', ' 或 ')}", f"检查 {where}"
    if kind in ("string_type", "string_sub_type"):
        return f"{name}必须是文字", f"{where} 应为字符串"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{name}必须是整数", f"{where} 应为整数"
    if kind in ("list_type",):
        return f"{name}必须是列表", f"{where} 应为 JSON 数组"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if not loc:
            return "请求体必须是 JSON 对象", "请求头应为 Content-Type: application/json，请求体形如 {\"question\": \"…\"}"
        return f"{where} 必须是 JSON 对象", '每条消息形如 {"role": "user", "content": "…"}' if "history" in loc \
            else f"{where} 应为 {{…}} 形式的对象"
    if kind in ("string_too_long", "too_long"):
        return f"{name}太长了，最多 {ctx.get('max_length', '')} 个", f"缩短 {where}"
    if kind in ("string_too_short", "too_short"):
        return f"{name}太短了", f"检查 {where}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{name}必须是 true 或 false", f"检查 {where}"
    if kind in ("float_type", "float_parsing", "finite_number"):
        return f"{name}必须是数字", f"检查 {where}"
    return f"{name}格式错误", f"检查 {where}；接口说明见 /docs"


def _session_of(request: Request) -> str:
    return request.headers.get("x-session-id", "")[:100]


def _client_of(user_of: UserOf) -> Callable[[dict], str]:
    """Who a request is for rate limiting: the verified user when known, else where it came from (the
    proxy's X-Real-IP when the request comes through one on this machine)."""

    def client_of(scope: dict) -> str:
        headers = dict(scope.get("headers", []))
        cookie = headers.get(b"cookie", b"").decode("latin-1")
        for part in cookie.split(";"):
            name, _, value = part.strip().partition("=")
            if name == USER_COOKIE:
                user = user_of(value)
                if user:
                    return f"user:{user}"
        host = (scope.get("client") or ("?", 0))[0]
        if host in ("127.0.0.1", "::1") and b"x-real-ip" in headers:
            host = headers[b"x-real-ip"].decode("latin-1")[:64]
        return f"ip:{host}"

    return client_of
