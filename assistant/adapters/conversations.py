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
import time
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


BATCH = 2048
QUEUE_LIMIT = 50_000  # about ten minutes at full load: only a stuck disk fills it
PUT_WAIT = 0.5  # seconds a request waits for room in a full queue before writing its row itself
CLOSE_DEADLINE = 5.0  # seconds close() spends flushing what is queued (SIGTERM must finish within 10 s)


class ConversationLog:
    """Append-only; `record()` is safe from any thread and never raises; nothing acknowledged is lost.

    - A row that cannot be written (a bad value, a disk error) is logged and skipped: the writer thread never
      dies, and the rows beside it in the batch are written one by one.
    - A full queue (a stuck disk) pushes back: the request waits briefly, then writes its own row.
    - `close()` stops taking rows and flushes the queue within a deadline, reporting any it could not write.
    """

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = self._connect()
        self._db.executescript(_SCHEMA)
        self._direct_lock = threading.Lock()  # the rare rows written by request threads, on their own connection
        self._direct: sqlite3.Connection | None = None
        self._queue: queue.Queue[tuple] = queue.Queue(QUEUE_LIMIT)
        self._stop = threading.Event()
        self.written = 0
        self.skipped = 0
        self._writer = threading.Thread(target=self._write, name="conversation-log", daemon=True)
        self._writer.start()

    def _connect(self, busy_timeout: float = 10.0) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=busy_timeout, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        return db

    @property
    def status(self) -> dict:
        """For /api/health: whether the writer is alive and how much waits."""
        return {"alive": self._writer.is_alive(), "queued": self._queue.qsize(), "written": self.written,
                "skipped": self.skipped}

    def record(self, channel: str, question: str, answer: Answer, user: str = "", session: str = "") -> None:
        try:
            row = tuple(_storable(v) for v in (
                datetime.now(UTC).isoformat(timespec="seconds"), channel, user or "", session or "", question,
                answer.standalone_question, answer.answer, int(answer.refused), json.dumps([s.id for s in answer.sources])))
        except Exception:  # never let logging break an answer
            log.exception("could not prepare an exchange for the conversation log")
            return
        if self._stop.is_set():
            self._write_now([row])
            return
        try:
            self._queue.put(row, timeout=PUT_WAIT)
        except queue.Full:  # the disk is slow: this request writes its own row rather than lose it
            self._write_now([row])

    def _write(self) -> None:
        while not self._stop.is_set():
            try:
                rows = [self._queue.get(timeout=0.2)]
            except queue.Empty:
                continue
            rows = self._batch(rows)
            while True:
                try:
                    self._insert(self._db, rows, busy_raises=True)
                    break
                except sqlite3.OperationalError:  # the database is busy or the disk stuck: wait, never drop
                    if self._stop.is_set():
                        for row in rows:  # close() flushes them within its deadline
                            self._queue.put_nowait(row)
                        return
                    time.sleep(0.2)

    def _batch(self, rows: list[tuple]) -> list[tuple]:
        while len(rows) < BATCH:
            try:
                rows.append(self._queue.get_nowait())
            except queue.Empty:
                break
        return rows

    def _insert(self, db: sqlite3.Connection, rows: list[tuple], busy_raises: bool = False) -> None:
        """One transaction per batch; if it fails, row by row, skipping (and logging) the rows that fail.
        With `busy_raises`, a busy or locked database raises instead (the rows are fine: try again later)."""
        try:
            with db:
                db.executemany(_INSERT, rows)
            self.written += len(rows)
            return
        except sqlite3.OperationalError:
            if busy_raises:
                raise
            log.exception("conversation log: a batch of %d failed; writing it row by row", len(rows))
        except Exception:
            log.exception("conversation log: a batch of %d failed; writing it row by row", len(rows))
        for row in rows:
            try:
                with db:
                    db.execute(_INSERT, row)
                self.written += 1
            except Exception:
                self.skipped += 1
                log.error("conversation log: skipped a row that cannot be written (channel=%r)", row[1] if len(row) > 1 else "?")

    def _flush(self, rows: list[tuple], deadline: float) -> bool:
        """At shutdown: keep trying a batch until it is written or the deadline passes (then put it back)."""
        while True:
            try:
                with self._direct_lock, self._direct:
                    self._direct.executemany(_INSERT, rows)
                self.written += len(rows)
                return True
            except sqlite3.OperationalError:  # the disk is busy: wait a little while there is time
                if time.monotonic() >= deadline:
                    for row in rows:
                        self._queue.put_nowait(row)
                    return False
            except Exception:
                self._insert(self._direct, rows)  # a bad row: row by row, skipping it
                return True

    def _write_now(self, rows: list[tuple]) -> None:
        with self._direct_lock:
            if self._direct is None:
                self._direct = self._connect()
            self._insert(self._direct, rows)

    def refused(self, since: str, until: str, limit: int) -> list[dict]:
        """Questions refused in a period (ISO 8601 text, `until` excluded), newest first: what users missed."""
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=10)
        try:
            rows = db.execute("SELECT created_at, channel, user, question, standalone, answer FROM exchanges"
                              " WHERE refused = 1 AND created_at >= ? AND created_at < ? ORDER BY created_at DESC LIMIT ?",
                              (since, until, limit)).fetchall()
        finally:
            db.close()
        return [dict(zip(("at", "channel", "user", "question", "standalone", "answer"), r, strict=True)) for r in rows]

    def close(self) -> None:
        """Stop the writer and flush what is queued, within CLOSE_DEADLINE seconds."""
        if self._stop.is_set():
            return
        self._stop.set()
        deadline = time.monotonic() + CLOSE_DEADLINE
        self._writer.join(CLOSE_DEADLINE / 2)  # it finishes (or hands back) the batch it holds
        with self._direct_lock:  # short waits for a busy disk, so the deadline holds
            if self._direct is None:
                self._direct = self._connect(busy_timeout=0.5)
        while time.monotonic() < deadline:
            try:
                rows = self._batch([self._queue.get_nowait()])
            except queue.Empty:
                break
            if not self._flush(rows, deadline):
                break
        left = self._queue.qsize()
        if left:
            log.error("conversation log: %d exchange(s) could not be written before shutdown", left)
        with self._direct_lock:
            if self._direct is not None:
                self._direct.close()
        if not self._writer.is_alive():
            self._db.close()


_INSERT = ("INSERT INTO exchanges (created_at, channel, user, session, question, standalone, answer, refused, sources)"
           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _storable(value: object) -> object:
    """Strings that SQLite's UTF-8 can hold (a lone surrogate would raise at insert time)."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    return value
