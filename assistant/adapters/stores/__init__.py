"""State the server keeps beyond one request, behind small interfaces, in SQLite under data/ (one server) or in
PostgreSQL (ASSISTANT_DATABASE_URL=postgresql://…: several replicas behind a balancer).

`open_stores(settings)` gives every adapter and channel the same objects: feedback, the conversation log, the
operators' audit, the API's per-client buckets, and per channel the dedup set, the durable inbox, the per-member
send limit and the per-member conversation memory. The next channel (DingTalk, Feishu) asks for its own by name.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import ConfigError
from ...settings import Settings


@dataclass
class Stores:
    settings: Settings
    feedback: object
    conversations: object
    audit: object
    buckets: object
    database: object | None = None  # postgres.Database when the state is in PostgreSQL
    replica: str = ""
    _closers: list = field(default_factory=list)

    @property
    def backend(self) -> str:
        return "postgresql" if self.database is not None else "sqlite"

    def dedup(self, channel: str):
        if self.database is not None:
            from .postgres import PgDedup

            return PgDedup(self.database, prefix=f"{channel}:")
        from ..wecom_store import SeenStore

        return self._closing(SeenStore(Path(self.settings.data_dir) / f"{channel}_seen.sqlite3"))

    def inbox(self, channel: str):
        if self.database is not None:
            from .postgres import PgInbox

            inbox = PgInbox(self.database, channel, owner=self.replica)
            inbox.LEASE = float(os.environ.get("ASSISTANT_INBOX_LEASE", inbox.LEASE))  # seconds a dead replica's claims last
            return inbox
        from .inbox import Inbox

        return self._closing(Inbox(Path(self.settings.data_dir) / f"{channel}_inbox.sqlite3", channel))

    def member_limits(self, limit: int, window: float):
        if self.database is not None:
            from .postgres import PgRateLimiter

            return PgRateLimiter(self.database, limit, window)
        from ..wecom_store import RateLimiter

        return RateLimiter(limit, window)

    def memory(self, turns: int, ttl: float):
        if self.database is not None:
            from .postgres import PgMemory

            return PgMemory(self.database, turns, ttl)
        from ..wecom_store import Conversations

        return Conversations(turns, ttl)

    def index_version(self):
        if self.database is None:
            return None
        from .postgres import PgIndexVersion

        return PgIndexVersion(self.database)

    def _closing(self, store):
        self._closers.append(store.close)
        return store

    def close(self) -> None:
        """Flush and close everything, the log first (its writer may still hold rows)."""
        for close in [self.conversations.close, self.feedback.close, self.audit.close, *self._closers]:
            try:
                close()
            except Exception:  # closing must finish whatever one store does
                import logging

                logging.getLogger(__name__).exception("error while closing a store")
        if self.database is not None:
            self.database.close()


def open_stores(settings: Settings) -> Stores:
    """The stores for this server: PostgreSQL when ASSISTANT_DATABASE_URL says so (read here: it may hold a
    password, and is never logged), else SQLite files under the data folder."""
    from ..guards import TokenBuckets

    url = os.environ.get("ASSISTANT_DATABASE_URL", "").strip()
    replica = os.environ.get("ASSISTANT_REPLICA_ID", "") or f"{socket.gethostname()}:{os.getpid()}"
    if not url:
        from ..admin import AuditLog
        from ..conversations import ConversationLog
        from ..feedback import FeedbackStore

        return Stores(settings, FeedbackStore(settings.data_dir), ConversationLog(settings.data_dir),
                      AuditLog(settings.data_dir), TokenBuckets(settings.rate_per_minute), replica=replica)
    if not url.startswith(("postgresql://", "postgres://")):
        raise ConfigError("ASSISTANT_DATABASE_URL 应以 postgresql:// 开头", "例如 postgresql://user:password@db-host:5432/assistant")
    from .postgres import Database, PgAudit, PgConversationLog, PgFeedback, PgTokenBuckets

    try:
        database = Database(url)
    except Exception as exc:
        raise ConfigError("无法连接 PostgreSQL 数据库", "检查 ASSISTANT_DATABASE_URL、数据库是否启动、网络和账号") from exc
    return Stores(settings, PgFeedback(database), PgConversationLog(database, replica), PgAudit(database),
                  PgTokenBuckets(database, settings.rate_per_minute), database=database, replica=replica)
