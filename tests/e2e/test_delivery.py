"""The outbox sender against the emulator: order, 429 retry_after, permanent failures."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import SystemClock
from bot.delivery import OutboxSender
from bot.storage import Database, OutboxStatus
from bot.telegram.aiogram_runtime import AiogramGateway, build_bot
from bot.telegram.emulator import BotAPIEmulator, EmulatorLimits
from tests.e2e.conftest import TOKEN

pytestmark = pytest.mark.e2e
CHAT = 8080


@pytest.fixture
async def tight() -> AsyncIterator[BotAPIEmulator]:
    limits = EmulatorLimits(private_per_second=4.0, private_burst=2, retry_after=1)
    async with BotAPIEmulator(TOKEN, limits=limits) as emu:
        emu.user(CHAT, "Pema")
        yield emu


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    await database.migrate()
    yield database
    await database.dispose()


async def queue(db: Database, chat_id: int, *texts: str) -> None:
    clock = SystemClock()
    async with db.transaction() as tx:
        for text in texts:
            await tx.outbox.add(chat_id, "send", {"text": text, "parse_mode": "HTML"}, clock.now())


async def outbox(db: Database) -> list[OutboxStatus]:
    async with db.transaction() as tx:
        items = [await tx.outbox.get(i) for i in range(1, 50)]
    return [item.status for item in items if item is not None]


async def test_flood_429_is_retried_in_order(tight: BotAPIEmulator, db: Database) -> None:
    bot = build_bot(TOKEN, tight.url)
    sender = OutboxSender(db, AiogramGateway(bot), SystemClock())
    texts = [f"消息 {n}" for n in range(6)]
    await queue(db, CHAT, *texts)
    sender.start()
    try:
        await tight.wait_for(lambda: len(tight.messages(CHAT)) == 6, timeout=30)
    finally:
        await sender.stop()
        await bot.session.close()
    assert [m.text for m in tight.messages(CHAT)] == texts
    assert any(r.status == 429 for r in tight.errors)  # the limit was hit, and honoured
    assert await outbox(db) == [OutboxStatus.SENT] * 6


async def test_permanent_failure_is_recorded_not_retried(
    tight: BotAPIEmulator, db: Database
) -> None:
    bot = build_bot(TOKEN, tight.url)
    sender = OutboxSender(db, AiogramGateway(bot), SystemClock())
    await queue(db, 999_999_999, "to nowhere")  # chat not found: 400
    await queue(db, CHAT, "still delivered")
    try:
        assert await sender.drain() == 2
    finally:
        await bot.session.close()
    assert await outbox(db) == [OutboxStatus.FAILED, OutboxStatus.SENT]
    assert len([r for r in tight.requests if r.method == "sendMessage"]) == 2


async def test_not_modified_counts_as_delivered(tight: BotAPIEmulator, db: Database) -> None:
    bot = build_bot(TOKEN, tight.url)
    sender = OutboxSender(db, AiogramGateway(bot), SystemClock())
    await queue(db, CHAT, "no buttons here")
    try:
        await sender.drain()
        message_id = tight.messages(CHAT)[0].message_id
        async with db.transaction() as tx:
            await tx.outbox.add(
                CHAT, "edit_markup", {"message_id": message_id}, SystemClock().now()
            )
        assert await sender.drain() == 1
    finally:
        await bot.session.close()
    assert await outbox(db) == [OutboxStatus.SENT, OutboxStatus.SENT]
    assert any("not modified" in (r.description or "") for r in tight.errors)
