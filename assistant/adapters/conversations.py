"""The conversation log: every question answered through the API, the web UI or WeCom, with the
channel, the WeCom userid when it is known (verified cookie or WeCom sender) and the session.

Operators read it to see what workers ask and which questions the knowledge base could not answer
(`refused = 1`). SQLite in the data folder, WAL. Requests only enqueue; one writer thread inserts
in batches, one transaction each. Writing from the request threads put SQLite's periodic WAL
checkpoint (an fsync) inside a request while the others queued behind its lock, and p99 at 80
requests/s went from ~100 ms to over 300 ms. `close()` drains the queue before it returns.
"""

from __future__ import annotations

import json
import logging
import queue
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


BATCH = 256
QUEUE_LIMIT = 50_000  # about ten minutes at full load: only a stuck disk fills it


class ConversationLog:
    """Append-only; `record()` is safe from any thread, costs microseconds and never raises."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=10, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.executescript(_SCHEMA)
        self._queue: queue.Queue[tuple | None] = queue.Queue(QUEUE_LIMIT)
        self._writer = threading.Thread(target=self._write, name="conversation-log", daemon=True)
        self._writer.start()

    def record(self, channel: str, question: str, answer: Answer, user: str = "", session: str = "") -> None:
        row = (datetime.now(UTC).isoformat(timespec="seconds"), channel, user or "", session or "", question,
               answer.standalone_question, answer.answer, int(answer.refused), json.dumps([s.id for s in answer.sources]))
        try:
            self._queue.put_nowait(row)
        except queue.Full:  # the disk is stuck: answering matters more than logging
            log.warning("conversation log queue full; an exchange on %s was not logged", channel)

    def _write(self) -> None:
        while True:
            rows = [self._queue.get()]
            while len(rows) < BATCH and not self._queue.empty():
                rows.append(self._queue.get_nowait())
            stop = None in rows
            rows = [r for r in rows if r is not None]
            if rows:
                try:
                    with self._db:  # one transaction per batch
                        self._db.executemany(
                            "INSERT INTO exchanges (created_at, channel, user, session, question, standalone, answer,"
                            " refused, sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                except sqlite3.Error:
                    log.exception("could not write %d exchanges to the conversation log", len(rows))
            if stop:
                return

    def close(self) -> None:
        self._queue.put(None)
        self._writer.join(10)
        self._db.close()
