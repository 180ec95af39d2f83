"""ConversationRepository: dialogue state with optimistic locking."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.storage import Database, StaleConversationError

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


async def test_insert_get_update(database: Database) -> None:
    data = {"city": "西宁", "nested": {"list": [1, 2, "ئۇيغۇر"]}, "flag": True, "none": None}
    async with database.transaction() as tx:
        assert await tx.conversations.get(1, "intake") is None
        version = await tx.conversations.save(
            1, "intake", "city", data, expected_version=None, now=NOW
        )
        assert version == 1

    async with database.transaction() as tx:
        record = await tx.conversations.get(1, "intake")
        assert record is not None
        assert (record.chat_id, record.flow, record.state, record.version) == (
            1,
            "intake",
            "city",
            1,
        )
        assert record.data == data
        assert record.updated_at == NOW
        assert record.reminded_at is None
        later = NOW + timedelta(minutes=5)
        assert (
            await tx.conversations.save(
                1, "intake", "story", {"x": 1}, expected_version=1, now=later
            )
            == 2
        )
        # The same transaction sees its own update, not a cached row.
        record = await tx.conversations.get(1, "intake")
        assert record is not None
        assert (record.state, record.data, record.version, record.updated_at) == (
            "story",
            {"x": 1},
            2,
            later,
        )


async def test_flows_are_separate(database: Database) -> None:
    async with database.transaction() as tx:
        await tx.conversations.save(1, "intake", "a", {}, expected_version=None, now=NOW)
        await tx.conversations.save(1, "settings", "b", {}, expected_version=None, now=NOW)
        await tx.conversations.save(2, "intake", "c", {}, expected_version=None, now=NOW)
    async with database.transaction() as tx:
        states = [
            (await tx.conversations.get(chat, flow))
            for chat, flow in ((1, "intake"), (1, "settings"), (2, "intake"))
        ]
    assert [s.state for s in states if s] == ["a", "b", "c"]


async def test_stale_update_raises_and_rolls_back(database: Database) -> None:
    async with database.transaction() as tx:
        await tx.conversations.save(1, "intake", "a", {"v": 1}, expected_version=None, now=NOW)
        await tx.conversations.save(1, "intake", "b", {"v": 2}, expected_version=1, now=NOW)

    async def stale_save() -> None:
        async with database.transaction() as tx:
            await tx.outbox.add(1, "send", {"text": "would be sent"}, NOW)
            await tx.conversations.save(1, "intake", "c", {"v": 3}, expected_version=1, now=NOW)

    with pytest.raises(StaleConversationError) as caught:
        await stale_save()
    assert (caught.value.chat_id, caught.value.flow, caught.value.expected_version) == (
        1,
        "intake",
        1,
    )

    async with database.transaction() as tx:
        record = await tx.conversations.get(1, "intake")
        assert record is not None
        assert (record.state, record.data, record.version) == ("b", {"v": 2}, 2)
        assert await tx.outbox.pending_count() == 0


async def test_insert_over_existing_raises(database: Database) -> None:
    async with database.transaction() as tx:
        await tx.conversations.save(1, "intake", "a", {}, expected_version=None, now=NOW)
    with pytest.raises(StaleConversationError):
        async with database.transaction() as tx:
            await tx.conversations.save(1, "intake", "b", {}, expected_version=None, now=NOW)


async def test_update_of_missing_row_raises(database: Database) -> None:
    with pytest.raises(StaleConversationError):
        async with database.transaction() as tx:
            await tx.conversations.save(1, "intake", "b", {}, expected_version=3, now=NOW)


async def test_stale_error_can_be_caught_inside_the_transaction(database: Database) -> None:
    # A failed save must not poison the transaction (matters on PostgreSQL).
    async with database.transaction() as tx:
        await tx.conversations.save(1, "intake", "a", {}, expected_version=None, now=NOW)
        with pytest.raises(StaleConversationError):
            await tx.conversations.save(1, "intake", "b", {}, expected_version=None, now=NOW)
        with pytest.raises(StaleConversationError):
            await tx.conversations.save(1, "intake", "b", {}, expected_version=7, now=NOW)
        assert await tx.conversations.save(1, "intake", "b", {}, expected_version=1, now=NOW) == 2
    async with database.transaction() as tx:
        record = await tx.conversations.get(1, "intake")
        assert record is not None
        assert record.version == 2


async def test_concurrent_saves_one_wins(database: Database) -> None:
    async with database.transaction() as tx:
        await tx.conversations.save(1, "intake", "a", {}, expected_version=None, now=NOW)

    async def save(state: str) -> str:
        try:
            async with database.transaction() as tx:
                await tx.conversations.save(1, "intake", state, {}, expected_version=1, now=NOW)
                await asyncio.sleep(0.1)
        except StaleConversationError:
            return "stale"
        return "saved"

    assert sorted(await asyncio.gather(save("x"), save("y"))) == ["saved", "stale"]
    async with database.transaction() as tx:
        record = await tx.conversations.get(1, "intake")
    assert record is not None
    assert record.version == 2
    assert record.state in {"x", "y"}


async def test_delete(database: Database) -> None:
    async with database.transaction() as tx:
        await tx.conversations.save(1, "intake", "a", {}, expected_version=None, now=NOW)
        await tx.conversations.delete(1, "intake")
        await tx.conversations.delete(1, "intake")  # deleting nothing is fine
        assert await tx.conversations.get(1, "intake") is None
        # After a delete the conversation starts over at version 1.
        assert (
            await tx.conversations.save(1, "intake", "a", {}, expected_version=None, now=NOW) == 1
        )


async def test_idle_and_reminders(database: Database) -> None:
    old, older = NOW - timedelta(hours=30), NOW - timedelta(days=3)
    async with database.transaction() as tx:
        await tx.conversations.save(1, "intake", "a", {}, expected_version=None, now=old)
        await tx.conversations.save(2, "intake", "a", {}, expected_version=None, now=older)
        await tx.conversations.save(3, "intake", "a", {}, expected_version=None, now=NOW)
        await tx.conversations.save(4, "settings", "a", {}, expected_version=None, now=older)

    cutoff = NOW - timedelta(hours=24)
    async with database.transaction() as tx:
        idle = await tx.conversations.idle("intake", cutoff, reminded=False)
        assert [r.chat_id for r in idle] == [2, 1]  # longest idle first
        assert await tx.conversations.idle("intake", cutoff, reminded=True) == []
        await tx.conversations.mark_reminded(2, "intake", NOW)

    async with database.transaction() as tx:
        assert [
            r.chat_id for r in await tx.conversations.idle("intake", cutoff, reminded=False)
        ] == [1]
        (reminded,) = await tx.conversations.idle("intake", cutoff, reminded=True)
        assert reminded.chat_id == 2
        assert reminded.reminded_at == NOW
        # A reminder changes neither the version nor the idle time.
        assert reminded.version == 1
        assert reminded.updated_at == older

        # Saving (the user came back) clears the reminder.
        assert await tx.conversations.save(2, "intake", "b", {}, expected_version=1, now=NOW) == 2
        record = await tx.conversations.get(2, "intake")
        assert record is not None
        assert record.reminded_at is None
        assert await tx.conversations.idle("intake", cutoff, reminded=True) == []


async def test_idle_without_filter_lists_reminded_and_not(database: Database) -> None:
    now = datetime(2026, 11, 30, tzinfo=UTC)
    async with database.transaction() as tx:
        for chat_id in (1, 2):
            await tx.conversations.save(
                chat_id, "intake", "story", {}, expected_version=None, now=now
            )
        await tx.conversations.mark_reminded(2, "intake", now)
        later = now + timedelta(days=1)
        assert {c.chat_id for c in await tx.conversations.idle("intake", later)} == {1, 2}
        assert [c.chat_id for c in await tx.conversations.idle("intake", later, reminded=True)] == [
            2
        ]
