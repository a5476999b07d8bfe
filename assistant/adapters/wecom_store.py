"""What the WeCom channel remembers: callbacks already taken, recent sends and recent turns per member.

`SeenStore` makes each callback count once even when WeCom retries it, across threads, worker
processes and restarts: the key goes in with one atomic INSERT OR IGNORE (SQLite). `RateLimiter`
keeps each member under WeCom's 30 messages a minute. `Conversations` gives follow-up questions
their context.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from enum import Enum
from pathlib import Path


class SeenStore:
    """Keys of callbacks already accepted, kept for `ttl` seconds (WeCom retries within ~15 s)."""

    def __init__(self, path: Path, ttl: float = 86400.0, clock: Callable[[], float] = time.time) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._inserts = 0
        self._db = sqlite3.connect(str(path), timeout=10.0, check_same_thread=False, isolation_level=None)
        # WAL: other processes (several server workers) read and write without blocking each other.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, at REAL NOT NULL)")
        self._prune()

    def first_time(self, key: str) -> bool:
        """Record `key`; True only for the first caller ever to record it (within the ttl)."""
        with self._lock:
            inserted = self._db.execute("INSERT OR IGNORE INTO seen (key, at) VALUES (?, ?)", (key, self._clock()))
            self._inserts += 1
            if self._inserts % 500 == 0:
                self._prune()
            return inserted.rowcount == 1

    def forget(self, key: str) -> None:
        """Undo `first_time` for a callback we could not take after all, so WeCom's retry is answered."""
        with self._lock:
            self._db.execute("DELETE FROM seen WHERE key = ?", (key,))

    def _prune(self) -> None:
        self._db.execute("DELETE FROM seen WHERE at < ?", (self._clock() - self._ttl,))

    def close(self) -> None:
        with self._lock:
            self._db.close()


class Verdict(Enum):
    SEND = "send"  # within the budget
    NOTIFY = "notify"  # budget spent: send the one "please slow down" message instead
    DROP = "drop"  # already told: send nothing until the window has passed


class RateLimiter:
    """Per-member sliding window over outbound messages.

    The notice itself counts, so a member never receives more than `limit` messages per `window`
    seconds from us: WeCom would reject the rest (and count them against the app).
    """

    def __init__(self, limit: int = 30, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = limit
        self._window = window
        self._clock = clock
        self._lock = threading.Lock()
        self._sent: dict[str, deque[float]] = {}
        self._muted_until: dict[str, float] = {}

    def muted(self, user: str) -> bool:
        """True while `user` has been told to slow down: skip the work of answering."""
        with self._lock:
            return self._muted_until.get(user, 0.0) > self._clock()

    def acquire(self, user: str, messages: int = 1) -> Verdict:
        """Reserve `messages` sends for `user` (one answer may be several messages)."""
        now = self._clock()
        with self._lock:
            if self._muted_until.get(user, 0.0) > now:
                return Verdict.DROP
            self._muted_until.pop(user, None)
            sent = self._sent.setdefault(user, deque())
            while sent and sent[0] <= now - self._window:
                sent.popleft()
            # Keep one slot back for the notice.
            if len(sent) + messages <= self._limit - 1:
                sent.extend([now] * messages)
                return Verdict.SEND
            sent.append(now)
            self._muted_until[user] = now + self._window
            return Verdict.NOTIFY


class Conversations:
    """Each member's last few questions and answers, so a follow-up ("职工监事呢？") is understood.

    In memory only: a chat that pauses for `ttl` seconds, or a restart, starts afresh.
    """

    def __init__(self, turns: int = 3, ttl: float = 600.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._messages = 2 * turns
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._history: dict[str, tuple[float, list[dict]]] = {}

    def history(self, user: str) -> list[dict]:
        """The member's recent messages as `[{"role": "user"|"assistant", "content": …}]`, oldest first."""
        with self._lock:
            return list(self._recent(user, self._clock()))

    def add(self, user: str, question: str, answer: str) -> None:
        now = self._clock()
        with self._lock:
            messages = [*self._recent(user, now), {"role": "user", "content": question},
                        {"role": "assistant", "content": answer}]
            self._history[user] = (now, messages[-self._messages:])
            if len(self._history) > 10_000:  # forget idle members rather than grow without bound
                self._history = {u: v for u, v in self._history.items() if now - v[0] <= self._ttl}

    def _recent(self, user: str, now: float) -> list[dict]:
        at, messages = self._history.get(user, (0.0, []))
        return messages if now - at <= self._ttl else []
