"""Reporters who blocked the bot: reporters.unreachable_at, its case events, the outbox side."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import build_core
from bot.clock import FakeClock
from bot.config import Settings
from bot.domain.events import ChatType, EventKind, InboundEvent
from bot.storage import Database, OutboxStatus
from tests.factories import new_case

NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
REPORTER = 4242
STRANGER = 777


async def test_new_reporters_are_reachable(database: Database) -> None:
    async with database.transaction() as tx:
        await tx.cases.create(new_case(reporter_telegram_id=REPORTER), NOW)
        assert await tx.reporters.unreachable_since(REPORTER) is None
        assert await tx.reporters.unreachable() == {}


async def test_marking_and_clearing_writes_one_event_per_case(database: Database) -> None:
    async with database.transaction() as tx:
        cases = [await tx.cases.create(new_case(reporter_telegram_id=REPORTER), NOW)]
        cases.append(await tx.cases.create(new_case(reporter_telegram_id=REPORTER), NOW))
        await tx.cases.create(new_case(reporter_telegram_id=STRANGER), NOW)

    later = NOW + timedelta(hours=1)
    async with database.transaction() as tx:
        assert await tx.reporters.mark_unreachable(REPORTER, "blocked", NOW)
        # Only the first refusal counts: no second event, the time stays.
        assert not await tx.reporters.mark_unreachable(REPORTER, "blocked", later)
        assert await tx.reporters.unreachable_since(REPORTER) == NOW
        assert await tx.reporters.unreachable() == {REPORTER: NOW}
        assert await tx.reporters.unreachable_since(STRANGER) is None
        assert not await tx.reporters.mark_unreachable(999, "blocked", NOW)  # no such reporter

    async with database.transaction() as tx:
        assert await tx.reporters.clear_unreachable(REPORTER, later)
        assert not await tx.reporters.clear_unreachable(REPORTER, later)
        assert await tx.reporters.unreachable_since(REPORTER) is None

    async with database.transaction() as tx:
        for case in cases:
            events = await tx.events.for_case(case.id)
            assert [(e.kind, e.actor_telegram_id, e.payload, e.created_at) for e in events] == [
                ("submitted", REPORTER, events[0].payload, NOW),
                ("reporter_unreachable", None, {"reason": "blocked"}, NOW),
                ("reporter_reachable", None, {}, later),
            ]
        (stranger_case,) = await tx.cases.for_reporter(STRANGER)
        assert [e.kind for e in await tx.events.for_case(stranger_case.id)] == ["submitted"]


async def test_writing_to_the_bot_clears_the_mark(database: Database) -> None:
    clock = FakeClock(NOW)
    core = build_core(Settings(database_url=database.url, _env_file=None), clock=clock)
    core.reporter.db = database
    async with database.transaction() as tx:
        case = await tx.cases.create(new_case(reporter_telegram_id=REPORTER), NOW)
        await tx.reporters.mark_unreachable(REPORTER, "blocked", NOW)
    clock.advance(timedelta(days=2))
    await core.reporter.handle(
        InboundEvent(
            update_id=1,
            chat_id=REPORTER,
            chat_type=ChatType.PRIVATE,
            user_id=REPORTER,
            kind=EventKind.COMMAND,
            command="help",
            text="/help",
            message_id=1,
        )
    )
    async with database.transaction() as tx:
        assert await tx.reporters.unreachable_since(REPORTER) is None
        events = await tx.events.for_case(case.id)
        assert events[-1].kind == "reporter_reachable"
        assert events[-1].created_at == clock.now()
        assert await tx.outbox.pending_count() >= 1  # and the bot answered


async def test_outbox_heads_and_failing_a_chat(database: Database) -> None:
    async with database.transaction() as tx:
        a1 = await tx.outbox.add(1, "send", {"text": "a1"}, NOW)
        b1 = await tx.outbox.add(2, "send", {"text": "b1"}, NOW)
        a2 = await tx.outbox.add(1, "send", {"text": "a2"}, NOW + timedelta(seconds=1))
        a3 = await tx.outbox.add(1, "send", {"text": "a3"}, NOW + timedelta(seconds=5))
        await tx.outbox.mark_retry(b1, NOW + timedelta(minutes=1), "429")
        # One row per chat, its oldest pending one, due or not.
        assert [(i.id, i.chat_id) for i in await tx.outbox.heads()] == [(a1, 1), (b1, 2)]
        assert [i.id for i in await tx.outbox.heads(limit=1)] == [a1]

    async with database.transaction() as tx:
        assert await tx.outbox.fail_pending(1, NOW + timedelta(seconds=1), "blocked") == 2
        assert [(i.id, i.chat_id) for i in await tx.outbox.heads()] == [(b1, 2), (a3, 1)]
        failed = await tx.outbox.get(a2)
        assert failed is not None
        assert (failed.status, failed.error) == (OutboxStatus.FAILED, "blocked")
        assert await tx.outbox.fail_pending(1, NOW, "again") == 0  # failed rows stay as they are
