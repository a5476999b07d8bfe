"""Operator endpoints under /api/admin, behind ASSISTANT_ADMIN_TOKEN: documents (list, upload, delete), a
reindex that swaps in under load, and what users missed (refused questions and 👎 votes) in a period.

Off when the token is unset. The token is compared in constant time; `name:token,name2:token2` names each
operator, and every action is recorded with who, when and from where (`data/audit.sqlite3`). Uploads go
through the same loaders and Chinese error messages as `assistant index`, and land atomically.

No `from __future__ import annotations`: FastAPI reads the endpoints' annotations at run time, and they name
a local alias (`Who`).
"""

import hmac
import logging
import os
import re
import sqlite3
import tempfile
import threading
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Header, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from ..core import Assistant
from ..loading import META_KEYS, META_SUFFIX, SUPPORTED, UnreadableFile, load_file
from ..settings import Settings

log = logging.getLogger(__name__)
MAX_UPLOAD_BYTES = 20_000_000
_SAFE_NAME = re.compile(r"^[^/\\\x00-\x1f]{1,120}$")
_AUDIT = """
CREATE TABLE IF NOT EXISTS audit (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,        -- UTC, ISO 8601
    who     TEXT NOT NULL,        -- the operator's name from ASSISTANT_ADMIN_TOKEN
    client  TEXT NOT NULL,        -- where the request came from
    action  TEXT NOT NULL,        -- upload | delete | reindex | misses | documents
    detail  TEXT NOT NULL DEFAULT ''
)
"""


class AdminError(Exception):
    def __init__(self, status: int, type_: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.status, self.type, self.message, self.hint = status, type_, message, hint


class AuditLog:
    """Who did what and when, one committed row per action."""

    def __init__(self, data_dir: Path) -> None:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(Path(data_dir) / "audit.sqlite3", timeout=10, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute(_AUDIT)

    def record(self, who: str, client: str, action: str, detail: str = "") -> None:
        with self._lock:
            self._db.execute("INSERT INTO audit (at, who, client, action, detail) VALUES (?, ?, ?, ?, ?)",
                             (datetime.now(UTC).isoformat(timespec="seconds"), who, client, action, detail[:500]))

    def recent(self, limit: int = 100) -> list[dict]:
        with self._lock:
            rows = self._db.execute("SELECT at, who, client, action, detail FROM audit ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [dict(zip(("at", "who", "client", "action", "detail"), row, strict=True)) for row in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def operators(setting: str) -> dict[str, str]:
    """`token` or `name:token,name2:token2` → {token: name}."""
    found = {}
    for item in (p.strip() for p in setting.split(",") if p.strip()):
        name, sep, token = item.partition(":")
        found[token if sep else name] = name if sep else "admin"
    return found


class Reindexer:
    """One build at a time, in the background; the server swaps to it when complete (no request fails), and the
    build is published for the other replicas when the state is shared (PostgreSQL)."""

    def __init__(self, assistant: Assistant, published=None) -> None:  # noqa: ANN001 - postgres.PgIndexVersion
        self.assistant = assistant
        self.published = published
        self._lock = threading.Lock()
        self.status: dict = {"running": False}

    def start(self, who: str) -> bool:
        with self._lock:
            if self.status.get("running"):
                return False
            self.status = {"running": True, "started_at": _now(), "by": who}
        threading.Thread(target=self._run, name="admin-reindex", daemon=True).start()
        return True

    def _run(self) -> None:
        try:
            report = self.assistant.build_index()
            if self.published is not None:
                self.published.publish(report.build_id)
            result = {"build_id": report.build_id, "documents": report.documents, "chunks": report.chunks,
                      "embedded": report.embedded, "unchanged": report.unchanged, "seconds": round(report.seconds, 2),
                      "skipped": [{"path": p, "reason": r} for p, r in report.skipped]}
        except Exception as exc:  # the old index keeps serving
            log.exception("reindex failed")
            result = {"error": getattr(exc, "message", "重建索引失败，请查看服务日志")}
        with self._lock:
            self.status = self.status | {"running": False, "finished_at": _now()} | result


def admin_router(assistant: Assistant, settings: Settings, stores) -> APIRouter:  # noqa: ANN001 - stores.Stores
    reindexer = Reindexer(assistant, stores.index_version())
    audit = stores.audit
    knowledge = Path(settings.knowledge_dir)

    def operator(request: Request, authorization: Annotated[str, Header()] = "",
                 x_admin_token: Annotated[str, Header()] = "") -> str:
        """The operator's name, from `Authorization: Bearer <token>` or `X-Admin-Token`."""
        tokens = operators(settings.admin_token)
        if not tokens:
            raise AdminError(403, "admin_off", "运营接口未开启", "在服务器上设置 ASSISTANT_ADMIN_TOKEN 后重启服务")
        given = authorization.removeprefix("Bearer ").strip() if authorization.startswith("Bearer ") else x_admin_token
        if not given:
            raise AdminError(401, "unauthorized", "需要运营令牌", "请求头加上 Authorization: Bearer <令牌>")
        for token, name in tokens.items():
            if hmac.compare_digest(token.encode(), given.encode()):
                return name
        raise AdminError(403, "forbidden", "运营令牌不正确", "检查 ASSISTANT_ADMIN_TOKEN")

    Who = Annotated[str, Depends(operator)]
    router = APIRouter(tags=["运营"])

    @router.get("/documents", summary="知识库中的文档及其元数据")
    def documents(who: Who, request: Request) -> dict:
        indexed = {d["id"]: d for d in assistant.health().get("documents_detail", [])} if _has_index(assistant) else {}
        files = []
        for path in sorted(p for p in knowledge.rglob("*") if p.is_file()):
            rel = path.relative_to(knowledge).as_posix()
            if _is_data(rel) or path.suffix.lower() not in SUPPORTED:
                continue
            files.append({"name": rel, "bytes": path.stat().st_size, "indexed": rel in indexed,
                          "document": indexed.get(rel) or _sidecar_record(path)})
        audit.record(who, _client(request), "documents")
        return {"documents": files}

    @router.post("/documents", summary="上传文档（txt/md/docx/pdf/html，最大 20 MB），随后用 /reindex 重建索引")
    async def upload(who: Who, request: Request, file: Annotated[UploadFile, File(description="文档文件")],
                     title: Annotated[str, Form()] = "", issuer: Annotated[str, Form()] = "",
                     region: Annotated[str, Form()] = "", year: Annotated[str, Form()] = "",
                     kind: Annotated[str, Form()] = "", scope: Annotated[str, Form()] = "",
                     short: Annotated[str, Form()] = "") -> JSONResponse:
        name = Path(file.filename or "").name
        if not _SAFE_NAME.match(name) or name.startswith(("_", ".")) or name.endswith(META_SUFFIX):
            raise AdminError(422, "bad_name", "文件名不合法", "用普通文件名，不要以 _ 或 . 开头")
        if Path(name).suffix.lower() not in SUPPORTED:
            raise AdminError(422, "unsupported", f"不支持的文件类型 {Path(name).suffix or '（无扩展名）'}",
                             "支持 " + "、".join(sorted(SUPPORTED)))
        content = await file.read(MAX_UPLOAD_BYTES + 1)
        if len(content) > MAX_UPLOAD_BYTES:
            raise AdminError(413, "too_large", "文件太大（上限 20 MB）", "拆分后再上传")
        meta = {"title": title, "issuer": issuer, "region": region, "year": year, "kind": kind, "scope": scope,
                "short": short}
        record = _store(knowledge, name, content, {k: v for k, v in meta.items() if v.strip()})
        audit.record(who, _client(request), "upload", f"{name} ({len(content)} bytes)")
        return JSONResponse({"ok": True, "name": name, "document": record}, status_code=201)

    @router.delete("/documents/{name:path}", summary="删除文档（随后用 /reindex 重建索引）")
    def delete(who: Who, request: Request, name: str) -> dict:
        path = (knowledge / name).resolve()
        if knowledge.resolve() not in path.parents or _is_data(name) or not path.is_file():
            raise AdminError(404, "not_found", f"没有这个文档：{name}", "先用 GET /api/admin/documents 查看文件名")
        path.unlink()
        for sidecar in (path.with_name(path.name + META_SUFFIX), path.with_suffix(META_SUFFIX)):
            sidecar.unlink(missing_ok=True)
        audit.record(who, _client(request), "delete", name)
        return {"ok": True, "name": name}

    @router.post("/reindex", summary="按知识库目录重建索引；完成后自动切换，服务不中断")
    def reindex(who: Who, request: Request) -> JSONResponse:
        started = reindexer.start(who)
        audit.record(who, _client(request), "reindex", "started" if started else "already running")
        return JSONResponse(reindexer.status, status_code=202 if started else 409)

    @router.get("/reindex", summary="重建索引的进度和结果")
    def reindex_status(who: Who) -> dict:
        return reindexer.status

    @router.get("/misses", summary="一段时间内被拒答的问题和被点踩的回答")
    def misses(who: Who, request: Request,
               since: Annotated[str, Query(description="开始时间（含），ISO 8601，如 2026-11-01")] = "",
               until: Annotated[str, Query(description="结束时间（不含）")] = "",
               limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> dict:
        since, until = _when(since, "since"), _when(until, "until")
        refused = stores.conversations.refused(since, until, limit)
        down = stores.feedback.voted_down(since, until, limit)
        audit.record(who, _client(request), "misses", f"{since}..{until}")
        return {"since": since, "until": until, "refused": refused, "voted_down": down}

    @router.get("/audit", summary="运营操作记录")
    def audit_log(who: Who, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict:
        return {"actions": audit.recent(limit)}

    return router


def install_admin_errors(app) -> None:  # noqa: ANN001 - a FastAPI app
    @app.exception_handler(AdminError)
    async def admin_error(_request: Request, exc: AdminError) -> JSONResponse:
        return JSONResponse({"type": exc.type, "message": exc.message, "hint": exc.hint}, status_code=exc.status)


def _store(knowledge: Path, name: str, content: bytes, meta: dict[str, str]) -> dict:
    """Check the file reads (the loaders' own messages when it does not), then move it in atomically."""
    knowledge.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=knowledge, prefix=".upload-") as folder:
        staged = Path(folder) / name
        staged.write_bytes(content)
        if meta:
            (Path(folder) / (name + META_SUFFIX)).write_text(_toml(meta), encoding="utf-8")
        try:
            document = load_file(staged, name)
        except UnreadableFile as exc:
            raise AdminError(422, "unreadable", f"文件无法读取：{exc}", "检查文件是否损坏，或另存为 UTF-8 文本后再上传") from None
        if meta:
            os.replace(Path(folder) / (name + META_SUFFIX), knowledge / (name + META_SUFFIX))
        with open(staged, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(staged, knowledge / name)
    return document.info.to_dict()


def _toml(meta: dict[str, str]) -> str:
    def quoted(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

    return "".join(f"{key} = {quoted(value)}\n" for key, value in meta.items() if key in META_KEYS)


def _sidecar_record(path: Path) -> dict:
    sidecar = path.with_name(path.name + META_SUFFIX)
    try:
        return {k: str(v) for k, v in tomllib.loads(sidecar.read_text(encoding="utf-8")).items()} if sidecar.is_file() else {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}


def _is_data(rel: str) -> bool:
    return any(part.startswith(("_", ".")) for part in Path(rel).parts) or rel.endswith(META_SUFFIX)


def _has_index(assistant: Assistant) -> bool:
    try:
        assistant.health()
        return True
    except Exception:
        return False


def _when(value: str, which: str) -> str:
    """An ISO date or time as the log stores it (UTC ISO 8601 text, compared as text)."""
    if not value:
        return "0000" if which == "since" else "9999"
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value).isoformat(timespec="seconds")
    except ValueError:
        raise AdminError(422, "bad_time", f"时间格式不对：{value[:40]}", "用 ISO 8601，例如 2026-11-01 或 2026-11-01T08:00:00") from None


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
