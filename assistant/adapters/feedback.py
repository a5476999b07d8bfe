"""The feedback store: 👍/👎 votes on answers, kept durably in SQLite under the data folder.

API and web UI write through the same `FeedbackStore`. One connection behind a lock: votes are
rare and tiny, so serialising them costs nothing, and every vote is its own committed transaction
(WAL, synchronous=FULL), so a vote acknowledged to a user survives a crash of the process.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

log = logging.getLogger(__name__)
FILE_NAME = "feedback.sqlite3"
BUSY_TIMEOUT_MS = 10_000  # another process (a report, a backup) may hold the write lock briefly

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,                      -- UTC, ISO 8601
    question   TEXT NOT NULL,
    answer     TEXT NOT NULL,
    sources    TEXT NOT NULL,                      -- JSON list of the cited sources
    vote       TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    comment    TEXT NOT NULL DEFAULT '',
    user       TEXT NOT NULL DEFAULT '',           -- WeCom userid when known
    channel    TEXT NOT NULL DEFAULT ''            -- api | web | wecom
)
"""

Vote = Literal["up", "down"]


class FeedbackStore:
    """Append-only table of votes; `record()` is safe to call from any thread."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        # check_same_thread=False: the connection is shared by the server's worker threads, guarded by _lock.
        self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
                                   isolation_level=None)
        self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.execute(_SCHEMA)

    def record(self, question: str, answer: str, sources: list[dict], vote: Vote, comment: str = "",
               user: str = "", channel: str = "") -> int:
        """Store one vote in its own transaction and return its id."""
        if vote not in ("up", "down"):
            raise ValueError(f"vote must be 'up' or 'down', not {vote!r}")
        row = (datetime.now(UTC).isoformat(timespec="seconds"), question, answer,
               json.dumps(sources, ensure_ascii=False), vote, comment or "", user or "", channel)
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                cursor = self._db.execute(
                    "INSERT INTO feedback (created_at, question, answer, sources, vote, comment, user, channel)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        log.info("feedback %s #%d via %s", vote, cursor.lastrowid, channel or "?")
        return int(cursor.lastrowid)

    def close(self) -> None:
        with self._lock:
            self._db.close()
