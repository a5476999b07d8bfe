"""The durable inbox: every message a channel acknowledged, kept until its answer is delivered.

A channel accepts a message into the inbox (one committed transaction, synchronous=FULL) before it tells the
sender "received"; a worker answers from the inbox and marks the message done only after the answer was sent.
After a crash or kill -9, everything acknowledged and not yet done is still here and is answered on restart.

The key is the sender's own message id, so a retried delivery is recognised (`accept` returns False).
An answer is stored as its parts before the first is sent and progress is recorded after each part, so a
restart resumes after the last part sent. The part in flight when a process died is recorded too: the channel
resends it asking the API to drop it if it had arrived (WeCom's duplicate check).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS inbox (
    key          TEXT PRIMARY KEY,             -- the channel's message id: a retry has the same one
    channel      TEXT NOT NULL,
    user         TEXT NOT NULL,
    payload      TEXT NOT NULL,                -- JSON: the message as received
    received_at  REAL NOT NULL,
    state        TEXT NOT NULL,                -- pending | done | failed
    parts        TEXT,                         -- JSON list: the answer, once computed
    sent         INTEGER NOT NULL DEFAULT 0,   -- parts delivered
    inflight     INTEGER NOT NULL DEFAULT -1,  -- the part being sent (it may have arrived if the process died)
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt REAL NOT NULL DEFAULT 0,
    done_at      REAL
);
CREATE INDEX IF NOT EXISTS inbox_pending ON inbox (state, next_attempt, received_at);
"""


@dataclass(frozen=True)
class Entry:
    key: str
    user: str
    payload: dict
    parts: list[str] | None
    sent: int
    attempts: int
    inflight: int = -1


class Inbox:
    """SQLite-backed; every method is safe from any thread (one connection behind a lock)."""

    def __init__(self, path: Path, channel: str, keep_done: float = 86400.0, clock: Callable[[], float] = time.time) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.channel = channel
        self._keep_done = keep_done
        self._clock = clock
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), timeout=10.0, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # an acknowledged message survives a power cut too
        self._db.executescript(_SCHEMA)
        self._accepted = 0

    def accept(self, key: str, user: str, payload: dict) -> bool:
        """Store a new message; False when this key was accepted before (a retried delivery)."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO inbox (key, channel, user, payload, received_at, state) VALUES (?, ?, ?, ?, ?, 'pending')",
                (key, self.channel, user, json.dumps(payload, ensure_ascii=False), self._clock()))
            self._accepted += 1
            if self._accepted % 1000 == 0:
                self._db.execute("DELETE FROM inbox WHERE state != 'pending' AND done_at < ?", (self._clock() - self._keep_done,))
            return cursor.rowcount == 1

    def due(self, limit: int = 1000, exclude: set[str] | frozenset[str] = frozenset()) -> list[Entry]:
        """Pending messages whose time has come, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT key, user, payload, parts, sent, attempts, inflight FROM inbox WHERE state = 'pending' AND"
                " next_attempt <= ? ORDER BY received_at LIMIT ?", (self._clock(), limit + len(exclude))).fetchall()
        entries = [Entry(k, u, json.loads(p), json.loads(parts) if parts else None, s, a, f)
                   for k, u, p, parts, s, a, f in rows if k not in exclude]
        return entries[:limit]

    def get(self, key: str) -> Entry | None:
        with self._lock:
            row = self._db.execute("SELECT key, user, payload, parts, sent, attempts, inflight FROM inbox WHERE key = ?",
                                   (key,)).fetchone()
        if row is None:
            return None
        k, u, p, parts, s, a, f = row
        return Entry(k, u, json.loads(p), json.loads(parts) if parts else None, s, a, f)

    def plan(self, key: str, parts: list[str]) -> None:
        """Record the answer's parts before the first is sent, so a restart sends the same ones."""
        self._run("UPDATE inbox SET parts = ? WHERE key = ? AND parts IS NULL", (json.dumps(parts, ensure_ascii=False), key))

    def sending(self, key: str, part: int) -> None:
        """Record the part about to be sent, before the send."""
        self._run("UPDATE inbox SET inflight = ? WHERE key = ?", (part, key))

    def progress(self, key: str, sent: int) -> None:
        self._run("UPDATE inbox SET sent = ?, inflight = -1 WHERE key = ?", (sent, key))

    def done(self, key: str) -> None:
        self._run("UPDATE inbox SET state = 'done', done_at = ? WHERE key = ?", (self._clock(), key))

    def retry_later(self, key: str, delay: float, max_attempts: int) -> bool:
        """Count a failed attempt; schedule another unless there were `max_attempts`. True if it will retry."""
        with self._lock:
            attempts = self._db.execute("UPDATE inbox SET attempts = attempts + 1, next_attempt = ? WHERE key = ?"
                                        " RETURNING attempts", (self._clock() + delay, key)).fetchone()
            if attempts and attempts[0] >= max_attempts:
                self._db.execute("UPDATE inbox SET state = 'failed', done_at = ? WHERE key = ?", (self._clock(), key))
                return False
        return True

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute("SELECT state, COUNT(*) FROM inbox GROUP BY state").fetchall()
        return {state: n for state, n in rows}

    def _run(self, sql: str, args: tuple) -> None:
        with self._lock:
            self._db.execute(sql, args)

    def close(self) -> None:
        with self._lock:
            self._db.close()
