"""OutboxRepository: Telegram calls queued in a transaction, delivered afterwards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.storage import Database, OutboxStatus

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


async def test_add_and_due_in_order(database: Database) -> None:
    async with database.transaction() as tx:
        assert await tx.outbox.next_due_at() is None
        assert await tx.outbox.due(NOW) == []
        ids = [
            await tx.outbox.add(10 + i, "send", {"text": f"消息 {i}", "i": i}, NOW)
            for i in range(5)
        ]
    assert ids == sorted(ids)
    assert len(set(ids)) == 5

    async with database.transaction() as tx:
        items = await tx.outbox.due(NOW)
        assert [item.id for item in items] == ids
        assert [item.id for item in await tx.outbox.due(NOW, limit=2)] == ids[:2]
        assert await tx.outbox.due(NOW - timedelta(seconds=1)) == []
        assert await tx.outbox.pending_count() == 5
        assert await tx.outbox.next_due_at() == NOW

    first = items[0]
    assert (first.chat_id, first.kind, first.payload) == (10, "send", {"text": "消息 0", "i": 0})
    assert first.status is OutboxStatus.PENDING
    assert (first.attempts, first.sent_at, first.telegram_message_id, first.error) == (
        0,
        None,
        None,
        None,
    )
    assert first.created_at == first.next_attempt_at == NOW


async def test_retry_sent_failed(database: Database) -> None:
    async with database.transaction() as tx:
        a = await tx.outbox.add(1, "send", {}, NOW)
        b = await tx.outbox.add(1, "edit_markup", {}, NOW)
        c = await tx.outbox.add(2, "delete", {}, NOW)

    retry_at = NOW + timedelta(seconds=30)
    async with database.transaction() as tx:
        await tx.outbox.begin_attempt([a, b])
        await tx.outbox.mark_retry(a, retry_at, "429 Too Many Requests")
        await tx.outbox.mark_sent(b, 2**40, NOW)
        await tx.outbox.mark_failed(c, "403 Forbidden: bot was blocked by the user")

    async with database.transaction() as tx:
        assert await tx.outbox.due(NOW) == []
        assert await tx.outbox.pending_count() == 1
        assert await tx.outbox.next_due_at() == retry_at
        (due,) = await tx.outbox.due(retry_at)
        assert (due.id, due.attempts, due.error, due.next_attempt_at) == (
            a,
            1,
            "429 Too Many Requests",
            retry_at,
        )
        await tx.outbox.begin_attempt([a])
        await tx.outbox.mark_retry(a, retry_at + timedelta(minutes=1), "again")
        sent = await tx.outbox.get(b)
        failed = await tx.outbox.get(c)
        retried = await tx.outbox.get(a)
        assert await tx.outbox.get(999_999) is None

    assert sent is not None
    assert (sent.status, sent.telegram_message_id, sent.sent_at) == (OutboxStatus.SENT, 2**40, NOW)
    assert failed is not None
    assert failed.status is OutboxStatus.FAILED
    assert failed.error == "403 Forbidden: bot was blocked by the user"
    assert retried is not None
    assert retried.attempts == 2
    assert retried.error == "again"


async def test_for_chat_lists_one_chat_in_order(database: Database) -> None:
    async with database.transaction() as tx:
        first = await tx.outbox.add(7, "send", {"text": "a"}, NOW)
        await tx.outbox.add(8, "send", {"text": "other chat"}, NOW)
        second = await tx.outbox.add(7, "edit_markup", {"message_id": 1}, NOW)
        await tx.outbox.mark_sent(first, 1, NOW)
        items = await tx.outbox.for_chat(7)
    assert [item.id for item in items] == [first, second]
    assert [item.status for item in items] == [OutboxStatus.SENT, OutboxStatus.PENDING]


async def test_sent_without_message_id(database: Database) -> None:
    async with database.transaction() as tx:
        item_id = await tx.outbox.add(1, "delete", {"message_id": 5}, NOW)
        await tx.outbox.mark_sent(item_id, None, NOW)
        item = await tx.outbox.get(item_id)
        assert await tx.outbox.next_due_at() is None
    assert item is not None
    assert item.status is OutboxStatus.SENT
    assert item.telegram_message_id is None


async def test_add_messages_keeps_their_order(database: Database) -> None:
    async with database.transaction() as tx:
        ids = await tx.outbox.add_messages(9, [{"text": "1"}, {"text": "2"}], NOW)
        items = await tx.outbox.for_chat(9)
    assert [item.id for item in items] == ids
    assert [(item.kind, item.payload["text"]) for item in items] == [("send", "1"), ("send", "2")]
