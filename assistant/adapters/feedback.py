"""The feedback store: 👍/👎 votes on answers, kept durably in SQLite under the data folder.

API and web UI write through the same `FeedbackStore`. Two ways in:
- `record()` appends a row per call: the HTTP API's `POST /api/feedback`, which has no answer id;
- `vote()` keeps one row per answer id: the web UI, where a worker may change a vote (👍 → 👎, add a
  reason); the row is updated in place, so N answers voted on leave N rows, each with the final vote.

One connection behind a lock: votes are rare and tiny, so serialising them costs nothing, and every vote
is its own committed transaction (WAL, synchronous=FULL), so a vote acknowledged to a user survives a
crash of the process. Files written before `vote()` existed are migrated in place at start-up (columns
added, no row touched).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, TypeVar

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
# Added after the first release; ALTER TABLE keeps existing files and rows as they are.
_COLUMNS = {
    "answer_id": "TEXT",                             # web UI: the answer voted on; NULL for record() rows
    "reason": "TEXT NOT NULL DEFAULT ''",            # a 👎's quick reason: off_topic | wrong_number | missing | other
    "updated_at": "TEXT NOT NULL DEFAULT ''",        # UTC, ISO 8601: when the vote was last changed
}
_ANSWER_INDEX = "CREATE UNIQUE INDEX IF NOT EXISTS feedback_answer ON feedback (answer_id) WHERE answer_id IS NOT NULL"

Vote = Literal["up", "down"]
T = TypeVar("T")


class FeedbackStore:
    """Votes on answers; `record()` and `vote()` are safe to call from any thread."""

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
        self._migrate()

    def _migrate(self) -> None:
        """Create the table, or add the columns a file from an older version lacks. Inside one write
        transaction, so two processes starting at once cannot both add the same column."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(_SCHEMA)
                present = {row[1] for row in self._db.execute("PRAGMA table_info(feedback)")}
                for name, kind in _COLUMNS.items():
                    if name not in present:
                        self._db.execute(f"ALTER TABLE feedback ADD COLUMN {name} {kind}")
                        log.info("feedback store: added column %s to %s", name, self.path)
                self._db.execute(_ANSWER_INDEX)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def record(self, question: str, answer: str, sources: list[dict], vote: Vote, comment: str = "",
               user: str = "", channel: str = "") -> int:
        """Store one vote as a new row in its own transaction and return its id."""
        _check(vote)
        now = _now()
        row = (now, question, answer, json.dumps(sources, ensure_ascii=False), vote, comment or "", user or "",
               channel, now)
        with self._lock:
            row_id = self._write(lambda: self._db.execute(
                "INSERT INTO feedback (created_at, question, answer, sources, vote, comment, user, channel, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row).lastrowid)
        log.info("feedback %s #%d via %s", vote, row_id, channel or "?")
        return int(row_id)

    def vote(self, answer_id: str, vote: Vote, question: str, answer: str, sources: list[dict], reason: str = "",
             comment: str = "", user: str = "", channel: str = "web") -> tuple[int, bool]:
        """The one vote on answer `answer_id`: inserted the first time, updated after (vote, reason, comment and
        updated_at; the question, answer and first voter stay). Returns the row id and whether a vote already
        existed (True: it was changed, not added)."""
        _check(vote)
        if not answer_id:
            raise ValueError("answer_id must not be empty")
        now = _now()

        def upsert() -> tuple[int, bool]:
            found = self._db.execute("SELECT id, user FROM feedback WHERE answer_id = ?", (answer_id,)).fetchone()
            if found:
                self._db.execute("UPDATE feedback SET vote = ?, reason = ?, comment = ?, updated_at = ?,"
                                 " user = CASE WHEN user = '' THEN ? ELSE user END WHERE id = ?",
                                 (vote, reason or "", comment or "", now, user or "", found[0]))
                return int(found[0]), True
            cursor = self._db.execute(
                "INSERT INTO feedback (created_at, question, answer, sources, vote, comment, user, channel, answer_id,"
                " reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (now, question, answer, json.dumps(sources, ensure_ascii=False), vote, comment or "", user or "",
                 channel, answer_id, reason or "", now))
            return int(cursor.lastrowid), False

        with self._lock:
            row_id, changed = self._write(upsert)
        log.info("feedback %s #%d via %s (%s)", vote, row_id, channel or "?", "changed" if changed else "new")
        return row_id, changed

    def recent(self, limit: int = 50) -> list[dict]:
        """The latest votes, newest change first (the operator view lists them)."""
        with self._lock:
            cursor = self._db.execute(
                "SELECT id, created_at, updated_at, question, answer, vote, reason, comment, user, channel FROM feedback"
                " ORDER BY COALESCE(NULLIF(updated_at, ''), created_at) DESC, id DESC LIMIT ?", (limit,))
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def voted_down(self, since: str, until: str, limit: int) -> list[dict]:
        """👎 votes in a period (ISO 8601 text, `until` excluded), newest first, by when the vote was last set
        (a web vote is changed in place): what users missed."""
        with self._lock:
            rows = self._db.execute(
                "SELECT COALESCE(NULLIF(updated_at, ''), created_at) AS at, channel, user, question, answer, reason, comment"
                " FROM feedback WHERE vote = 'down' AND at >= ? AND at < ? ORDER BY at DESC LIMIT ?",
                (since, until, limit)).fetchall()
        return [dict(zip(("at", "channel", "user", "question", "answer", "reason", "comment"), r, strict=True)) for r in rows]

    def _write(self, work: Callable[[], T]) -> T:
        """Run `work` inside one write transaction (the caller holds the lock)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            result = work()
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return result

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _check(vote: str) -> None:
    if vote not in ("up", "down"):
        raise ValueError(f"vote must be 'up' or 'down', not {vote!r}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
