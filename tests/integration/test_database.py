"""Database: connection settings, transactions and timestamps."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import StatementError

from bot.domain.models import Language, NewCase
from bot.storage import Database
from tests.factories import new_case

NOW = datetime(2025, 3, 1, 8, 30, 15, 123456, tzinfo=UTC)


def _new_case(telegram_id: int = 1001) -> NewCase:
    """A minimal valid case."""
    return new_case(reporter_telegram_id=telegram_id)


async def test_dialect(database: Database, db_url: str) -> None:
    assert database.dialect == make_url(db_url).get_backend_name()
    assert database.dialect in {"sqlite", "postgresql"}


async def test_ping(database: Database) -> None:
    assert await database.ping() is True


async def test_ping_unreachable_server() -> None:
    db = Database("postgresql+asyncpg://nobody@127.0.0.1:1/nothing")
    try:
        assert await db.ping() is False
    finally:
        await db.dispose()


async def test_sqlite_creates_folder_and_sets_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "bot.db"
    db = Database(f"sqlite+aiosqlite:///{path}")
    try:
        assert path.parent.is_dir()
        await db.migrate()
        assert path.is_file()
        async with db.engine.connect() as connection:
            pragmas = {
                name: await connection.scalar(text(f"PRAGMA {name}"))
                for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
            }
        # synchronous: 1 is NORMAL.
        assert pragmas == {
            "journal_mode": "wal",
            "foreign_keys": 1,
            "busy_timeout": 5000,
            "synchronous": 1,
        }
    finally:
        await db.dispose()


async def test_commit_on_success(database: Database) -> None:
    async with database.transaction() as tx:
        await tx.outbox.add(1, "send", {"text": "hi"}, NOW)
    async with database.transaction() as tx:
        assert await tx.outbox.pending_count() == 1


async def test_exception_rolls_everything_back(database: Database) -> None:
    async def doomed() -> None:
        async with database.transaction() as tx:
            assert await tx.updates.claim(7, NOW)
            await tx.conversations.save(
                5, "intake", "story", {"a": 1}, expected_version=None, now=NOW
            )
            await tx.reporters.upsert(1001, Language.BO, NOW, NOW)
            await tx.cases.create(_new_case(), NOW)
            await tx.outbox.add(5, "send", {"text": "x"}, NOW)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await doomed()

    async with database.transaction() as tx:
        assert await tx.updates.claim(7, NOW) is True  # not claimed before
        assert await tx.conversations.get(5, "intake") is None
        assert await tx.reporters.get(1001) is None
        assert await tx.cases.count() == 0
        assert await tx.cases.for_reporter(1001) == []
        assert await tx.outbox.pending_count() == 0


async def test_timestamps_come_back_aware_utc(database: Database) -> None:
    local = NOW.astimezone(ZoneInfo("Asia/Shanghai"))
    async with database.transaction() as tx:
        await tx.conversations.save(9, "intake", "s", {}, expected_version=None, now=local)
        await tx.outbox.add(9, "send", {}, local)
        await tx.reporters.upsert(9, Language.UG, local, local)
    async with database.transaction() as tx:
        conversation = await tx.conversations.get(9, "intake")
        (item,) = await tx.outbox.due(NOW)
        reporter = await tx.reporters.get(9)
        next_due = await tx.outbox.next_due_at()
    assert conversation is not None
    assert reporter is not None
    for value in (
        conversation.updated_at,
        item.created_at,
        item.next_attempt_at,
        reporter.consent_at,
        next_due,
    ):
        assert value == NOW
        assert value is not None
        assert value.utcoffset() == timedelta(0)
        assert value.tzinfo is UTC


async def test_naive_datetime_is_refused(database: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime"):
        async with database.transaction() as tx:
            await tx.outbox.add(1, "send", {}, datetime(2025, 1, 1))


async def test_concurrent_transactions_do_not_lock(database: Database) -> None:
    async def work(i: int) -> None:
        async with database.transaction() as tx:
            await tx.outbox.add(i, "send", {"i": i}, NOW)
            await asyncio.sleep(0)
            await tx.conversations.save(i, "intake", "s", {}, expected_version=None, now=NOW)

    await asyncio.gather(*(work(i) for i in range(20)))
    async with database.transaction() as tx:
        assert await tx.outbox.pending_count() == 20


async def test_two_sqlite_handles_on_one_file_wait_for_each_other(tmp_path: Path) -> None:
    # Two Database objects stand in for two processes: only busy_timeout and
    # BEGIN IMMEDIATE keep them from failing with "database is locked".
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    first, second = Database(url), Database(url)
    try:
        await first.migrate()

        async def work(db: Database, i: int) -> None:
            async with db.transaction() as tx:
                count = await tx.outbox.pending_count()
                await asyncio.sleep(0.01)
                await tx.outbox.add(i, "send", {"seen": count}, NOW)

        await asyncio.gather(*(work(first if i % 2 else second, i) for i in range(10)))
        async with first.transaction() as tx:
            items = await tx.outbox.due(NOW)
        # Each writer saw every earlier commit: the read-then-write was serialised.
        assert sorted(item.payload["seen"] for item in items) == list(range(10))
    finally:
        await first.dispose()
        await second.dispose()
