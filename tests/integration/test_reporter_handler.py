"""The reporter handler on a real database: exactly once, in order, drafts swept."""

from __future__ import annotations

import asyncio
import itertools
from datetime import timedelta
from typing import Any

import pytest

from bot.app import build_core
from bot.clock import FakeClock
from bot.config import Settings
from bot.domain.events import ChatType, EventKind, InboundEvent
from bot.handlers.reporter import ReporterHandler
from bot.storage import Database
from tests.factories import new_case

CHAT = 5551234
_ids = itertools.count(1000)


def event(kind: EventKind, **fields: Any) -> InboundEvent:
    return InboundEvent(
        update_id=next(_ids),
        chat_id=CHAT,
        chat_type=ChatType.PRIVATE,
        user_id=CHAT,
        kind=kind,
        language_code="zh-hans",
        message_id=fields.pop("message_id", 1),
        **fields,
    )


def command(name: str) -> InboundEvent:
    return event(EventKind.COMMAND, command=name, text=f"/{name}")


def text(value: str) -> InboundEvent:
    return event(EventKind.TEXT, text=value)


class Harness:
    def __init__(self, database: Database) -> None:
        self.clock = FakeClock()
        settings = Settings(database_url=database.url, _env_file=None)
        self.core = build_core(settings, clock=self.clock)
        self.core.db = database
        self.core.reporter.db = database
        self.core.janitor.db = database
        self.handler: ReporterHandler = self.core.reporter

    async def conversation(self) -> tuple[str, dict[str, Any], int] | None:
        async with self.core.db.transaction() as tx:
            stored = await tx.conversations.get(CHAT, "intake")
        return None if stored is None else (stored.state, stored.data, stored.version)

    async def outbox(self) -> list[Any]:
        async with self.core.db.transaction() as tx:
            return await tx.outbox.due(self.clock.now() + timedelta(days=3650), limit=1000)

    async def press(self, action: str) -> Any:
        stored = await self.conversation()
        assert stored is not None
        data = f"in:{stored[1]['seq']}:{action}"
        return await self.handler.handle(
            event(EventKind.CALLBACK, callback_id="q", callback_data=data)
        )

    async def to_city_step(self) -> None:
        await self.handler.handle(command("start"))
        await self.press("lang:zh")
        await self.press("consent:yes")
        await self.press("type:wages")


@pytest.fixture
def harness(database: Database) -> Harness:
    return Harness(database)


async def test_duplicate_update_is_handled_once(harness: Harness) -> None:
    start = command("start")
    first = await harness.handler.handle(start)
    before = await harness.outbox()
    second = await harness.handler.handle(start)
    assert not first.duplicate
    assert second.duplicate
    assert len(await harness.outbox()) == len(before)


async def test_stale_button_changes_nothing(harness: Harness) -> None:
    await harness.to_city_step()
    before = await harness.conversation()
    outcome = await harness.handler.handle(
        event(EventKind.CALLBACK, callback_id="q", callback_data="in:1:type:rent", message_id=7)
    )
    assert outcome.toast is not None
    assert "过期" in outcome.toast
    assert await harness.conversation() == before
    last = (await harness.outbox())[-1]
    assert (last.kind, last.payload) == ("edit_markup", {"message_id": 7})


@pytest.mark.parametrize("forged", ["", "garbage", "in:x:submit", "zz:1:submit", "in:999:submit"])
async def test_forged_callback_data_changes_nothing(harness: Harness, forged: str) -> None:
    await harness.to_city_step()
    before = await harness.conversation()
    outcome = await harness.handler.handle(
        event(EventKind.CALLBACK, callback_id="q", callback_data=forged)
    )
    assert outcome.toast
    assert await harness.conversation() == before


async def test_updates_of_one_chat_are_handled_in_order(harness: Harness) -> None:
    await harness.handler.handle(command("start"))
    stored = await harness.conversation()
    assert stored is not None
    seq = stored[1]["seq"]
    # Fired together: the language press must see the state /start left behind.
    await asyncio.gather(
        harness.handler.handle(
            event(EventKind.CALLBACK, callback_id="a", callback_data=f"in:{seq}:lang:bo")
        ),
        harness.handler.handle(
            event(EventKind.CALLBACK, callback_id="b", callback_data=f"in:{seq + 1}:consent:yes")
        ),
    )
    stored = await harness.conversation()
    assert stored is not None
    assert stored[0] == "dispute_type"
    assert stored[1]["lang"] == "bo"
    assert len(harness.handler.locks) == 0  # no lock left behind per chat


async def test_decline_keeps_no_personal_data(harness: Harness) -> None:
    await harness.handler.handle(command("start"))
    await harness.press("lang:ug")
    await harness.press("consent:no")
    assert await harness.conversation() is None
    async with harness.core.db.transaction() as tx:
        assert await tx.reporters.get(CHAT) is None


async def test_consent_is_recorded_with_its_time(harness: Harness) -> None:
    await harness.to_city_step()
    async with harness.core.db.transaction() as tx:
        reporter = await tx.reporters.get(CHAT)
    assert reporter is not None
    assert reporter.consent_at == harness.clock.now()


async def test_idle_draft_gets_one_reminder_then_expires(harness: Harness) -> None:
    await harness.to_city_step()
    await harness.handler.handle(text("广州"))
    janitor = harness.core.janitor

    harness.clock.advance(timedelta(hours=23))
    assert (await janitor.sweep()).reminded == 0

    harness.clock.advance(timedelta(hours=2))
    assert (await janitor.sweep()).reminded == 1
    assert "没填完" in (await harness.outbox())[-1].payload["text"]
    assert (await janitor.sweep()).reminded == 0  # only one reminder

    harness.clock.advance(timedelta(days=7))
    report = await janitor.sweep()
    assert (report.reminded, report.expired) == (0, 1)
    stored = await harness.conversation()
    assert stored is not None
    state, data, _ = stored
    assert state == "idle"
    assert "city" not in data
    assert data["consented"] is True
    assert "7" in (await harness.outbox())[-1].payload["text"]


async def test_reply_after_reminder_resets_it(harness: Harness) -> None:
    await harness.to_city_step()
    harness.clock.advance(timedelta(hours=25))
    assert (await harness.core.janitor.sweep()).reminded == 1
    await harness.handler.handle(text("广州"))
    harness.clock.advance(timedelta(hours=25))
    assert (await harness.core.janitor.sweep()).reminded == 1


async def test_failure_apologises_and_marks_update(harness: Harness) -> None:
    broken = text("hello")
    reply = await harness.handler.report_failure(broken)
    assert reply is None  # not a callback: the apology goes to the chat
    assert "出了点问题" in (await harness.outbox())[-1].payload["text"]
    assert (await harness.handler.handle(broken)).duplicate


async def test_no_reminder_at_night(harness: Harness) -> None:
    await harness.to_city_step()
    # The fake clock starts at 10:00 in Beijing; 35.5 hours later it is 21:30 there.
    harness.clock.advance(timedelta(hours=35, minutes=30))
    assert (await harness.core.janitor.sweep()).reminded == 0
    harness.clock.advance(timedelta(hours=11))  # 08:30 next morning
    assert (await harness.core.janitor.sweep()).reminded == 1


async def test_case_number_uses_the_local_year(harness: Harness) -> None:
    from datetime import UTC, datetime

    new = new_case(reporter_telegram_id=CHAT)
    # 23:00 UTC on 31 December is 07:00 on 1 January in Beijing.
    harness.clock = FakeClock(datetime(2026, 12, 31, 23, 0, tzinfo=UTC))
    harness.handler.clock = harness.clock
    from bot.flows.output import FlowResult, Submitted

    result = FlowResult(effects=[Submitted(new)])
    async with harness.core.db.transaction() as tx:
        await harness.handler._apply_effects(
            tx, text("x"), result, {"lang": "zh"}, harness.clock.now()
        )
        (case,) = await tx.cases.for_reporter(CHAT)
    assert case.number.startswith("2027-")


async def test_a_repeat_case_is_graded_up_to_yellow(harness: Harness) -> None:
    from bot.domain.models import DisputeType, RiskLevel
    from bot.flows.output import FlowResult, Submitted

    first = new_case(
        reporter_telegram_id=CHAT,
        dispute_type=DisputeType.RENT,
        people_affected=1,
        risk=RiskLevel.BLUE,
    )
    for _ in range(2):
        result = FlowResult(effects=[Submitted(first)])
        async with harness.core.db.transaction() as tx:
            await harness.handler._apply_effects(
                tx, text("x"), result, {"lang": "zh"}, harness.clock.now()
            )
    async with harness.core.db.transaction() as tx:
        newest, oldest = await tx.cases.for_reporter(CHAT)
    assert (oldest.risk, newest.risk) == (RiskLevel.BLUE, RiskLevel.YELLOW)
