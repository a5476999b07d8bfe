"""The server's state in PostgreSQL, for several replicas behind a balancer (ASSISTANT_DATABASE_URL=postgresql://…).

Each class has the methods of its SQLite (or in-memory) counterpart, so the channels and adapters do not know
which they hold:
- `PgDedup` and `PgInbox`: a callback counts once across replicas (the key's primary key); a message is claimed
  by one replica at a time (`FOR UPDATE SKIP LOCKED` with a lease), and a replica that dies leaves its claims to
  expire, so another answers them;
- `PgRateLimiter` (WeCom's per-member limit) and `PgTokenBuckets` (the API's per-client limit): one row per
  member or client, updated under its row lock, so the limits hold across replicas;
- `PgMemory`: each member's recent turns, so a follow-up asked on the other replica keeps its context;
- `PgFeedback`, `PgConversationLog`, `PgAudit`: what users voted, asked and were refused, and what operators did,
  from every replica in one place;
- `PgIndexVersion`: the index build every replica should serve.

psycopg 3 with a connection pool; the schema is created and migrated here (`schema_version`).
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Iterable
from datetime import UTC, datetime

from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from ...types import Answer
from ..wecom_store import Verdict
from .inbox import Entry

log = logging.getLogger(__name__)

MIGRATIONS: list[str] = [
    # 1: everything the first release keeps
    """
    CREATE TABLE IF NOT EXISTS dedup (key TEXT PRIMARY KEY, at DOUBLE PRECISION NOT NULL);
    CREATE TABLE IF NOT EXISTS inbox (
        key TEXT PRIMARY KEY, channel TEXT NOT NULL, "user" TEXT NOT NULL, payload JSONB NOT NULL,
        received_at DOUBLE PRECISION NOT NULL, state TEXT NOT NULL, parts JSONB, sent INTEGER NOT NULL DEFAULT 0,
        inflight INTEGER NOT NULL DEFAULT -1, attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt DOUBLE PRECISION NOT NULL DEFAULT 0, claimed_by TEXT, claimed_until DOUBLE PRECISION NOT NULL DEFAULT 0,
        done_at DOUBLE PRECISION);
    CREATE INDEX IF NOT EXISTS inbox_pending ON inbox (state, next_attempt, received_at);
    CREATE TABLE IF NOT EXISTS member_limits ("user" TEXT PRIMARY KEY, sent JSONB NOT NULL DEFAULT '[]',
        muted_until DOUBLE PRECISION NOT NULL DEFAULT 0);
    CREATE TABLE IF NOT EXISTS client_buckets (key TEXT PRIMARY KEY, tokens DOUBLE PRECISION NOT NULL,
        at DOUBLE PRECISION NOT NULL);
    CREATE TABLE IF NOT EXISTS memory ("user" TEXT PRIMARY KEY, messages JSONB NOT NULL, at DOUBLE PRECISION NOT NULL);
    CREATE TABLE IF NOT EXISTS feedback (
        id BIGSERIAL PRIMARY KEY, created_at TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL,
        sources JSONB NOT NULL, vote TEXT NOT NULL CHECK (vote IN ('up', 'down')), comment TEXT NOT NULL DEFAULT '',
        "user" TEXT NOT NULL DEFAULT '', channel TEXT NOT NULL DEFAULT '', answer_id TEXT UNIQUE,
        reason TEXT NOT NULL DEFAULT '', updated_at TEXT);
    CREATE TABLE IF NOT EXISTS exchanges (
        id BIGSERIAL PRIMARY KEY, created_at TEXT NOT NULL, channel TEXT NOT NULL, "user" TEXT NOT NULL DEFAULT '',
        session TEXT NOT NULL DEFAULT '', question TEXT NOT NULL, standalone TEXT NOT NULL DEFAULT '',
        answer TEXT NOT NULL, refused INTEGER NOT NULL, sources JSONB NOT NULL, replica TEXT NOT NULL DEFAULT '');
    CREATE INDEX IF NOT EXISTS exchanges_refused ON exchanges (refused, created_at);
    CREATE TABLE IF NOT EXISTS audit (id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL,
        client TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '');
    CREATE TABLE IF NOT EXISTS index_version (id INTEGER PRIMARY KEY CHECK (id = 1), build_id TEXT NOT NULL,
        published_at TEXT NOT NULL);
    """,
]


class Database:
    """A connection pool with the schema migrated to the latest version (safe when replicas start together)."""

    def __init__(self, url: str, max_size: int = 16) -> None:
        self.url = url
        self.pool = ConnectionPool(url, min_size=1, max_size=max_size, kwargs={"autocommit": True}, open=True,
                                   timeout=30, name="assistant")
        self.pool.wait(timeout=30)
        self.migrate()

    def migrate(self) -> None:
        with self.pool.connection() as db, db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(724001)")  # one replica migrates; the others wait
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = db.execute("SELECT max(version) FROM schema_version").fetchone()
            current = row[0] or 0
            for number, sql in enumerate(MIGRATIONS[current:], current + 1):
                db.execute(sql)
                db.execute("INSERT INTO schema_version (version) VALUES (%s)", (number,))
                log.info("PostgreSQL schema migrated to version %d", number)

    def close(self) -> None:
        self.pool.close()


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class PgDedup:
    def __init__(self, db: Database, prefix: str = "") -> None:
        self.db, self.prefix = db, prefix

    def first_time(self, key: str) -> bool:
        with self.db.pool.connection() as c:
            return c.execute("INSERT INTO dedup (key, at) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                             (self.prefix + key, time.time())).rowcount == 1

    def forget(self, key: str) -> None:
        with self.db.pool.connection() as c:
            c.execute("DELETE FROM dedup WHERE key = %s", (self.prefix + key,))

    def close(self) -> None:
        pass


class PgInbox:
    """The durable inbox shared by replicas. `accept` claims the message for this replica; `due` claims pending
    messages nobody holds (or whose holder's lease ran out: it died)."""

    LEASE = 30.0  # seconds a claim lasts; a replica renews it by finishing the message

    def __init__(self, db: Database, channel: str, owner: str) -> None:
        self.db, self.channel, self.owner = db, channel, owner

    def accept(self, key: str, user: str, payload: dict) -> bool:
        now = time.time()
        with self.db.pool.connection() as c:
            return c.execute(
                'INSERT INTO inbox (key, channel, "user", payload, received_at, state, claimed_by, claimed_until)'
                " VALUES (%s, %s, %s, %s, %s, 'pending', %s, %s) ON CONFLICT DO NOTHING",
                (key, self.channel, user, Jsonb(payload), now, self.owner, now + self.LEASE)).rowcount == 1

    def due(self, limit: int = 100, exclude: Iterable[str] = ()) -> list[Entry]:
        now = time.time()
        with self.db.pool.connection() as c:
            rows = c.execute(
                'UPDATE inbox SET claimed_by = %s, claimed_until = %s WHERE key IN ('
                "  SELECT key FROM inbox WHERE state = 'pending' AND next_attempt <= %s AND channel = %s"
                "  AND (claimed_until < %s OR claimed_by = %s) AND NOT (key = ANY(%s))"
                "  ORDER BY received_at LIMIT %s FOR UPDATE SKIP LOCKED)"
                ' RETURNING key, "user", payload, parts, sent, attempts, inflight, received_at',
                (self.owner, now + self.LEASE, now, self.channel, now, self.owner, list(exclude), limit)).fetchall()
        rows.sort(key=lambda r: r[7])
        return [Entry(k, u, p, parts, s, a, f) for k, u, p, parts, s, a, f, _ in rows]

    def get(self, key: str) -> Entry | None:
        with self.db.pool.connection() as c:
            row = c.execute('SELECT key, "user", payload, parts, sent, attempts, inflight FROM inbox WHERE key = %s'
                            " AND state = 'pending'", (key,)).fetchone()
        return Entry(*row) if row else None

    def plan(self, key: str, parts: list[str]) -> None:
        self._run("UPDATE inbox SET parts = %s WHERE key = %s AND parts IS NULL", (Jsonb(parts), key))

    def sending(self, key: str, part: int) -> None:
        self._run("UPDATE inbox SET inflight = %s, claimed_until = %s WHERE key = %s", (part, time.time() + self.LEASE, key))

    def progress(self, key: str, sent: int) -> None:
        self._run("UPDATE inbox SET sent = %s, inflight = -1 WHERE key = %s", (sent, key))

    def done(self, key: str) -> None:
        self._run("UPDATE inbox SET state = 'done', done_at = %s WHERE key = %s", (time.time(), key))

    def retry_later(self, key: str, delay: float, max_attempts: int) -> bool:
        with self.db.pool.connection() as c:
            row = c.execute("UPDATE inbox SET attempts = attempts + 1, next_attempt = %s, claimed_until = 0 WHERE key = %s"
                            " RETURNING attempts", (time.time() + delay, key)).fetchone()
            if row and row[0] >= max_attempts:
                c.execute("UPDATE inbox SET state = 'failed', done_at = %s WHERE key = %s", (time.time(), key))
                return False
        return True

    def counts(self) -> dict[str, int]:
        with self.db.pool.connection() as c:
            rows = c.execute("SELECT state, count(*) FROM inbox WHERE channel = %s GROUP BY state", (self.channel,)).fetchall()
        return {state: n for state, n in rows}

    def _run(self, sql: str, args: tuple) -> None:
        with self.db.pool.connection() as c:
            c.execute(sql, args)

    def close(self) -> None:
        pass


class PgRateLimiter:
    """WeCom's per-member limit (see wecom_store.RateLimiter), one row per member under its row lock."""

    def __init__(self, db: Database, limit: int = 30, window: float = 60.0) -> None:
        self.db, self.limit, self.window = db, limit, window

    def muted(self, user: str) -> bool:
        with self.db.pool.connection() as c:
            row = c.execute('SELECT muted_until FROM member_limits WHERE "user" = %s', (user,)).fetchone()
        return bool(row) and row[0] > time.time()

    def acquire(self, user: str, messages: int = 1) -> Verdict:
        now = time.time()
        with self.db.pool.connection() as c, c.transaction():
            c.execute('INSERT INTO member_limits ("user") VALUES (%s) ON CONFLICT DO NOTHING', (user,))
            sent, muted_until = c.execute('SELECT sent, muted_until FROM member_limits WHERE "user" = %s FOR UPDATE',
                                          (user,)).fetchone()
            if muted_until > now:
                return Verdict.DROP
            sent = [t for t in sent if t > now - self.window]
            if len(sent) + messages <= self.limit - 1:
                verdict, muted_until = Verdict.SEND, 0.0
                sent += [now] * messages
            else:
                verdict, muted_until = Verdict.NOTIFY, now + self.window
                sent.append(now)
            c.execute('UPDATE member_limits SET sent = %s, muted_until = %s WHERE "user" = %s',
                      (Jsonb(sent), muted_until, user))
        return verdict


class PgTokenBuckets:
    """The API's per-client token buckets (see guards.TokenBuckets), shared by replicas."""

    def __init__(self, db: Database, rate_per_minute: int, burst: int | None = None) -> None:
        self.db = db
        self.rate = rate_per_minute / 60.0
        self.burst = float(burst or max(1, rate_per_minute // 3))

    def take(self, key: str) -> float:
        """0 when a request may go ahead, else the seconds until it may."""
        if self.rate <= 0:
            return 0.0
        now = time.time()
        with self.db.pool.connection() as c, c.transaction():
            c.execute("INSERT INTO client_buckets (key, tokens, at) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                      (key, self.burst, now))
            tokens, at = c.execute("SELECT tokens, at FROM client_buckets WHERE key = %s FOR UPDATE", (key,)).fetchone()
            tokens = min(self.burst, tokens + max(0.0, now - at) * self.rate)
            wait = 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate
            c.execute("UPDATE client_buckets SET tokens = %s, at = %s WHERE key = %s",
                      (tokens - 1.0 if wait == 0.0 else tokens, now, key))
        return wait


class PgMemory:
    """Each member's recent turns (see wecom_store.Conversations), shared by replicas."""

    def __init__(self, db: Database, turns: int = 3, ttl: float = 600.0) -> None:
        self.db, self.messages, self.ttl = db, 2 * turns, ttl

    def history(self, user: str) -> list[dict]:
        with self.db.pool.connection() as c:
            row = c.execute('SELECT messages, at FROM memory WHERE "user" = %s', (user,)).fetchone()
        return list(row[0]) if row and time.time() - row[1] <= self.ttl else []

    def add(self, user: str, question: str, answer: str) -> None:
        now = time.time()
        with self.db.pool.connection() as c, c.transaction():
            row = c.execute('SELECT messages, at FROM memory WHERE "user" = %s FOR UPDATE', (user,)).fetchone()
            earlier = list(row[0]) if row and now - row[1] <= self.ttl else []
            messages = [*earlier, {"role": "user", "content": question}, {"role": "assistant", "content": answer}]
            c.execute('INSERT INTO memory ("user", messages, at) VALUES (%s, %s, %s) ON CONFLICT ("user") DO UPDATE'
                      " SET messages = EXCLUDED.messages, at = EXCLUDED.at", (user, Jsonb(messages[-self.messages:]), now))


class PgFeedback:
    """Votes (see feedback.FeedbackStore): `record` appends, `vote` keeps one row per answer and updates it."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, question: str, answer: str, sources: list[dict], vote: str, comment: str = "", user: str = "",
               channel: str = "") -> int:
        _check(vote)
        with self.db.pool.connection() as c:
            row = c.execute('INSERT INTO feedback (created_at, question, answer, sources, vote, comment, "user", channel)'
                            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                            (_now_iso(), question, answer, Jsonb(sources), vote, comment or "", user or "", channel)).fetchone()
        return int(row[0])

    def vote(self, answer_id: str, vote: str, question: str, answer: str, sources: list[dict], reason: str = "",
             comment: str = "", user: str = "", channel: str = "web") -> tuple[int, bool]:
        _check(vote)
        now = _now_iso()
        with self.db.pool.connection() as c:
            row = c.execute(
                'INSERT INTO feedback (created_at, question, answer, sources, vote, comment, "user", channel, answer_id,'
                " reason, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (answer_id) DO UPDATE"
                " SET vote = EXCLUDED.vote, reason = EXCLUDED.reason, comment = EXCLUDED.comment,"
                " updated_at = EXCLUDED.updated_at RETURNING id, (xmax <> 0) AS changed",
                (now, question, answer, Jsonb(sources), vote, comment or "", user or "", channel, answer_id, reason or "",
                 now)).fetchone()
        return int(row[0]), bool(row[1])

    def recent(self, limit: int = 50) -> list[dict]:
        with self.db.pool.connection() as c:
            rows = c.execute('SELECT id, created_at, updated_at, question, answer, vote, reason, comment, "user", channel'
                             " FROM feedback ORDER BY COALESCE(NULLIF(updated_at, ''), created_at) DESC, id DESC LIMIT %s",
                             (limit,)).fetchall()
        names = ("id", "created_at", "updated_at", "question", "answer", "vote", "reason", "comment", "user", "channel")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def voted_down(self, since: str, until: str, limit: int) -> list[dict]:
        with self.db.pool.connection() as c:
            rows = c.execute("SELECT * FROM (SELECT COALESCE(NULLIF(updated_at, ''), created_at) AS at, channel, \"user\","
                             " question, answer, reason, comment FROM feedback WHERE vote = %s) AS v"
                             " WHERE at >= %s AND at < %s ORDER BY at DESC LIMIT %s", ("down", since, until, limit)).fetchall()
        return [dict(zip(("at", "channel", "user", "question", "answer", "reason", "comment"), r, strict=True)) for r in rows]

    def count(self) -> int:
        with self.db.pool.connection() as c:
            return int(c.execute("SELECT count(*) FROM feedback").fetchone()[0])

    def close(self) -> None:
        pass


def _check(vote: str) -> None:
    if vote not in ("up", "down"):
        raise ValueError(f"vote must be 'up' or 'down', not {vote!r}")


class PgConversationLog:
    """Every exchange, from every replica (see conversations.ConversationLog: a writer thread, batches, never
    drops an acknowledged row, flushes on close)."""

    BATCH = 500

    def __init__(self, db: Database, replica: str = "") -> None:
        self.db, self.replica = db, replica
        self._queue: queue.Queue[tuple] = queue.Queue(50_000)
        self._stop = threading.Event()
        self.written = self.skipped = 0
        self._writer = threading.Thread(target=self._write, name="conversation-log-pg", daemon=True)
        self._writer.start()

    @property
    def status(self) -> dict:
        return {"alive": self._writer.is_alive(), "queued": self._queue.qsize(), "written": self.written,
                "skipped": self.skipped, "backend": "postgresql"}

    def record(self, channel: str, question: str, answer: Answer, user: str = "", session: str = "") -> None:
        row = (_now_iso(), channel, user or "", session or "", _text(question), _text(answer.standalone_question),
               _text(answer.answer), int(answer.refused), json.dumps([s.id for s in answer.sources]), self.replica)
        try:
            self._queue.put(row, timeout=0.5)
        except queue.Full:
            self._insert([row])

    def _write(self) -> None:
        while not self._stop.is_set() or not self._queue.empty():
            try:
                rows = [self._queue.get(timeout=0.2)]
            except queue.Empty:
                continue
            while len(rows) < self.BATCH:
                try:
                    rows.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._insert(rows)

    def _insert(self, rows: list[tuple]) -> None:
        sql = ('INSERT INTO exchanges (created_at, channel, "user", session, question, standalone, answer, refused,'
               " sources, replica) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb, %s)")
        for attempt in range(50):
            try:
                with self.db.pool.connection() as c, c.cursor() as cursor:
                    cursor.executemany(sql, rows)
                self.written += len(rows)
                return
            except Exception:
                if attempt % 10 == 0:
                    log.exception("conversation log: could not write %d exchanges; retrying", len(rows))
                time.sleep(0.1)
        self.skipped += len(rows)

    def refused(self, since: str, until: str, limit: int) -> list[dict]:
        with self.db.pool.connection() as c:
            rows = c.execute('SELECT created_at, channel, "user", question, standalone, answer FROM exchanges'
                             " WHERE refused = 1 AND created_at >= %s AND created_at < %s ORDER BY created_at DESC LIMIT %s",
                             (since, until, limit)).fetchall()
        return [dict(zip(("at", "channel", "user", "question", "standalone", "answer"), r, strict=True)) for r in rows]

    def close(self) -> None:
        self._stop.set()
        self._writer.join(8.0)


def _text(value: str) -> str:
    return value.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")


class PgAudit:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, who: str, client: str, action: str, detail: str = "") -> None:
        with self.db.pool.connection() as c:
            c.execute("INSERT INTO audit (at, who, client, action, detail) VALUES (%s, %s, %s, %s, %s)",
                      (_now_iso(), who, client, action, detail[:500]))

    def recent(self, limit: int = 100) -> list[dict]:
        with self.db.pool.connection() as c:
            rows = c.execute("SELECT at, who, client, action, detail FROM audit ORDER BY id DESC LIMIT %s", (limit,)).fetchall()
        return [dict(zip(("at", "who", "client", "action", "detail"), r, strict=True)) for r in rows]

    def close(self) -> None:
        pass


class PgIndexVersion:
    """The build every replica should serve: published after a build, read by each replica's reload check."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def publish(self, build_id: str) -> None:
        with self.db.pool.connection() as c:
            c.execute("INSERT INTO index_version (id, build_id, published_at) VALUES (1, %s, %s) ON CONFLICT (id) DO UPDATE"
                      " SET build_id = EXCLUDED.build_id, published_at = EXCLUDED.published_at", (build_id, _now_iso()))

    def published(self) -> str | None:
        with self.db.pool.connection() as c:
            row = c.execute("SELECT build_id FROM index_version WHERE id = 1").fetchone()
        return row[0] if row else None
