"""UpdateRepository: each Telegram update is handled once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.storage import Database

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


async def test_claim_twice(database: Database) -> None:
    async with database.transaction() as tx:
        assert await tx.updates.claim(100, NOW) is True
        assert await tx.updates.claim(100, NOW) is False
    async with database.transaction() as tx:
        assert await tx.updates.claim(100, NOW) is False
        assert await tx.updates.claim(101, NOW) is True


async def test_large_update_ids(database: Database) -> None:
    big = 2**40 + 5
    async with database.transaction() as tx:
        assert await tx.updates.claim(big, NOW) is True
        assert await tx.updates.claim(big, NOW) is False


async def test_concurrent_claims_exactly_one_wins(database: Database) -> None:
    async def claim() -> bool:
        async with database.transaction() as tx:
            claimed = await tx.updates.claim(555, NOW)
            # Keep the transaction open so the other one runs into it.
            await asyncio.sleep(0.1)
            return claimed

    results = await asyncio.gather(claim(), claim())
    assert sorted(results) == [False, True]


async def test_prune(database: Database) -> None:
    async with database.transaction() as tx:
        for i in range(3):
            await tx.updates.claim(i, NOW - timedelta(days=i))
    async with database.transaction() as tx:
        assert await tx.updates.prune(NOW - timedelta(hours=12)) == 2
        assert await tx.updates.prune(NOW - timedelta(hours=12)) == 0
    async with database.transaction() as tx:
        assert await tx.updates.claim(0, NOW) is False
        assert await tx.updates.claim(1, NOW) is True
