"""The server's state in a real PostgreSQL (started in a temp folder by tests/pg_server.py): every store keeps its
promise across replicas — here two store objects with different owners stand for two replicas."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pg_server import PgServer, available

from assistant.adapters.stores.postgres import (
    Database,
    PgAudit,
    PgConversationLog,
    PgDedup,
    PgFeedback,
    PgInbox,
    PgIndexVersion,
    PgMemory,
    PgRateLimiter,
    PgTokenBuckets,
)
from assistant.adapters.wecom_store import Verdict
from assistant.types import Answer

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not available(), reason="PostgreSQL is not installed: run scripts/install_postgres.sh")]


@pytest.fixture(scope="module")
def pg() -> Iterator[PgServer]:
    server = PgServer.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def db(pg: PgServer) -> Iterator[Database]:
    database = Database(pg.url)
    yield database
    database.close()


def test_migrations_run_once_and_again_harmlessly(pg: PgServer, db: Database):
    again = Database(pg.url)  # a second replica starting
    with again.pool.connection() as c:
        assert c.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 1
    again.close()


def test_a_callback_counts_once_across_replicas(db: Database):
    a, b = PgDedup(db, "wecom:"), PgDedup(db, "wecom:")
    assert a.first_time("msg:1") and not b.first_time("msg:1")
    b.forget("msg:1")
    assert a.first_time("msg:1")


def test_the_inbox_gives_each_message_to_one_replica_and_recovers_a_dead_one(db: Database):
    a, b = PgInbox(db, "t-inbox", owner="a"), PgInbox(db, "t-inbox", owner="b")
    assert a.accept("m1", "u1", {"content": "一"}) and not b.accept("m1", "u1", {"content": "一"})
    assert b.accept("m2", "u2", {"content": "二"})
    assert [e.key for e in b.due()] == ["m2"]  # m1 is a's while its lease lasts
    with db.pool.connection() as c:  # a dies: its lease runs out
        c.execute("UPDATE inbox SET claimed_until = 0 WHERE key = 'm1'")
    taken = b.due()
    assert [e.key for e in taken] == ["m1", "m2"] and taken[0].payload == {"content": "一"}
    assert a.due() == []  # now b's
    b.plan("m1", ["答一"])
    b.sending("m1", 0)
    assert b.get("m1").inflight == 0
    b.progress("m1", 1)
    b.done("m1")
    assert b.get("m1") is None and b.counts() == {"done": 1, "pending": 1}
    assert b.retry_later("m2", 0.0, max_attempts=2) and not b.retry_later("m2", 0.0, max_attempts=2)
    assert b.counts() == {"done": 1, "failed": 1}


def test_per_member_limits_hold_across_replicas(db: Database):
    a, b = PgRateLimiter(db, limit=5, window=60), PgRateLimiter(db, limit=5, window=60)
    verdicts = [(a if i % 2 else b).acquire("limited-user") for i in range(6)]
    assert verdicts[:4] == [Verdict.SEND] * 4 and verdicts[4] == Verdict.NOTIFY and verdicts[5] == Verdict.DROP
    assert a.muted("limited-user") and b.muted("limited-user")


def test_per_client_buckets_hold_across_replicas(db: Database):
    a, b = PgTokenBuckets(db, rate_per_minute=60, burst=3), PgTokenBuckets(db, rate_per_minute=60, burst=3)
    waits = [(a if i % 2 else b).take("client-x") for i in range(4)]
    assert waits[:3] == [0.0, 0.0, 0.0] and 0 < waits[3] <= 1.0


def test_a_follow_up_on_the_other_replica_keeps_its_context(db: Database):
    a, b = PgMemory(db, turns=3, ttl=600), PgMemory(db, turns=3, ttl=600)
    a.add("member", "职工董事有多少名？", "617名。")
    assert b.history("member") == [{"role": "user", "content": "职工董事有多少名？"}, {"role": "assistant", "content": "617名。"}]


def test_feedback_and_logs_from_every_replica_in_one_place(db: Database):
    feedback = PgFeedback(db)
    row, changed = feedback.vote("answer-1", "up", "q", "a", [{"id": "c"}])
    again, changed_again = PgFeedback(db).vote("answer-1", "down", "q", "a", [{"id": "c"}], reason="wrong_number")
    assert row == again and not changed and changed_again
    assert [r["vote"] for r in feedback.recent(10) if r["id"] == row] == ["down"]
    feedback.record("q2", "a2", [], "down", "没有我要的")
    assert any(r["question"] == "q2" for r in feedback.voted_down("2000", "9999", 10))
    logs = [PgConversationLog(db, "a"), PgConversationLog(db, "b")]
    for n, log in enumerate(logs * 50):
        log.record("api", f"问题{n}\ud800", Answer("答", n % 2 == 0), "user", "s")
    for log in logs:
        log.close()
    with db.pool.connection() as c:
        assert c.execute("SELECT count(*), count(DISTINCT replica) FROM exchanges WHERE question LIKE '问题%'").fetchone() == (100, 2)
    assert len(logs[0].refused("2000", "9999", 1000)) >= 50
    audit = PgAudit(db)
    audit.record("ops", "127.0.0.1", "reindex", "started")
    assert audit.recent(1)[0]["action"] == "reindex"
    version = PgIndexVersion(db)
    assert version.published() is None
    version.publish("build-1")
    version.publish("build-2")
    assert version.published() == "build-2"


def test_a_store_call_is_fast_enough_to_sit_in_a_request(db: Database):
    buckets = PgTokenBuckets(db, rate_per_minute=100_000)
    started = time.perf_counter()
    for i in range(50):
        buckets.take(f"speed-{i}")
    assert time.perf_counter() - started < 10  # not a timing bar: a stuck pool would take minutes
