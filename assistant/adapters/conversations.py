"""The conversation log: every question answered through the API, the web UI or WeCom, with the
channel, the WeCom userid when it is known (verified cookie or WeCom sender) and the session.

Operators read it to see what workers ask and which questions the knowledge base could not answer
(`refused = 1`). SQLite in the data folder, WAL; each exchange is one committed insert. With
synchronous=NORMAL a commit survives a crash of the process (not of the machine) and costs tens of
microseconds, which matters at a hundred requests a second.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from ..types import Answer

log = logging.getLogger(__name__)
FILE_NAME = "conversations.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS exchanges (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at  TEXT NOT NULL,                 -- UTC, ISO 8601
    channel     TEXT NOT NULL,                 -- api | web | wecom
    user        TEXT NOT NULL DEFAULT '',      -- WeCom userid when known
    session     TEXT NOT NULL DEFAULT '',      -- one web conversation, or the API caller's X-Session-Id
    question    TEXT NOT NULL,
    standalone  TEXT NOT NULL DEFAULT '',      -- the question as resolved against the history
    answer      TEXT NOT NULL,
    refused     INTEGER NOT NULL,
    sources     TEXT NOT NULL                  -- JSON list of cited chunk ids
);
CREATE INDEX IF NOT EXISTS exchanges_refused ON exchanges (refused, created_at);
"""


class ConversationLog:
    """Append-only; `record()` is safe from any thread and never raises into the request."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=10, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.executescript(_SCHEMA)

    def record(self, channel: str, question: str, answer: Answer, user: str = "", session: str = "") -> None:
        row = (datetime.now(UTC).isoformat(timespec="seconds"), channel, user or "", session or "", question,
               answer.standalone_question, answer.answer, int(answer.refused), json.dumps([s.id for s in answer.sources]))
        try:
            with self._lock:
                self._db.execute(
                    "INSERT INTO exchanges (created_at, channel, user, session, question, standalone, answer, refused,"
                    " sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
        except sqlite3.Error:  # a full disk must not turn an answer into an error page
            log.exception("could not log an exchange on %s", channel)

    def close(self) -> None:
        with self._lock:
            self._db.close()
