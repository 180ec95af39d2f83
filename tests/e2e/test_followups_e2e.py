"""The follow-up loop over HTTP, in zh, bo and ug, on aiogram and python-telegram-bot.

Three resolved cases, three reporters: one answers Yes (the case closes), one answers No
(an on-site revisit task appears on the card), one stays silent (a phone task, with the
number sent to the mediator). The bot's clock is moved by hand to the follow-up days;
each rotation gives every language a different outcome.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import Core
from bot.clock import FakeClock
from bot.demo import bot_against
from bot.domain.models import CaseRecord, CaseStatus, DisputeType, Language, RiskLevel
from bot.domain.offices import load_offices
from bot.telegram.emulator import BotAPIEmulator
from tests.e2e.helpers import card_of, press, until
from tests.factories import new_case

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SHANGHAI = ZoneInfo("Asia/Shanghai")
ADMIN, MEDIATOR = 810001, 810002
GZ = -1002001
REPORTERS = {Language.ZH: 820001, Language.BO: 820002, Language.UG: 820003}
SCRIPT = {
    Language.ZH: re.compile(r"[\u4e00-\u9fff]"),
    Language.BO: re.compile(r"[\u0f00-\u0fff]"),
    Language.UG: re.compile(r"[\u0600-\u06ff]"),
}
OUTCOMES = ("yes", "no", "silent")


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.fixture
async def office_bot(
    emulator: BotAPIEmulator, sqlite_db: str, runtime: str
) -> AsyncIterator[tuple[Core, FakeClock]]:
    """The bot on a clock of its own (Monday 2026-11-30 09:00), 广州's group bound."""
    clock = FakeClock(local("2026-11-30 09:00"))
    emulator.user(ADMIN, "Admin")
    emulator.user(MEDIATOR, "王调解员")
    emulator.add_group(GZ, "广州办事处")
    for user in (ADMIN, MEDIATOR):
        emulator.set_chat_member(GZ, user, "member")
    async with bot_against(
        emulator, sqlite_db, clock=clock, bot_runtime=runtime, admin_ids=frozenset({ADMIN})
    ) as core:
        offices = load_offices((ROOT / "config/offices.example.toml").read_text("utf-8"))
        async with core.db.transaction() as tx:
            await tx.offices.sync(offices.as_dicts(), clock.now())
        emulator.send_text(ADMIN, "/bind gz-service", chat_id=GZ)
        await until(emulator, lambda: bool(emulator.messages(GZ)))
        yield core, clock


async def resolved_case(emulator: BotAPIEmulator, core: Core, language: Language) -> CaseRecord:
    """A reporter's case, claimed and resolved by the mediator from the group's card."""
    user = REPORTERS[language]
    emulator.user(user, f"reporter-{language.value}", language_code=language.value)
    async with core.db.transaction() as tx:
        stored = await tx.cases.create(
            new_case(
                reporter_telegram_id=user,
                language=language,
                dispute_type=DisputeType.RENT,
                host_city="广州市",
                people_affected=1,
                risk=RiskLevel.BLUE,
                reporter_phone=f"+86138{user % 10**8:08d}",
            ),
            core.clock.now(),
        )
        case = await core.desk.publish(tx, stored, core.clock.now())
    core.dispatch.reporter.on_commit()
    await until(emulator, lambda: any(case.number in (m.text or "") for m in emulator.messages(GZ)))
    await press(emulator, MEDIATOR, GZ, card_of(emulator, GZ, case.number), "接单")
    await press(emulator, MEDIATOR, GZ, card_of(emulator, GZ, case.number), "调解成功")
    return case


async def sweep(emulator: BotAPIEmulator, core: Core, clock: FakeClock, moment: str) -> None:
    """Move the bot's clock, run the sweep, and wait until what it queued was delivered."""
    clock.set(local(moment))
    await core.followups.sweep()
    await delivered(emulator, core)


async def delivered(emulator: BotAPIEmulator, core: Core) -> None:
    """Wait until the outbox is empty and Telegram quiet."""
    for _ in range(200):
        async with core.db.transaction() as tx:
            if await tx.outbox.pending_count() == 0:
                break
        await asyncio.sleep(0.05)
    await emulator.wait_idle(quiet=0.2, timeout=20)


def answered(emulator: BotAPIEmulator, query: str) -> bool:
    return emulator.callback_answer(query) is not None


def thanked(emulator: BotAPIEmulator, user: int) -> bool:
    """The reporter's comment was answered (the last message has no buttons any more)."""
    return not emulator.last_message(user).buttons()


async def reporter_answers(emulator: BotAPIEmulator, user: int, question: str, value: str) -> None:
    """The reporter presses the follow-up button with this answer on the newest message."""
    for message in reversed(emulator.messages(user)):
        for b in message.buttons():
            data = str(b.get("callback_data", ""))
            if data.startswith("fu:") and data.split(":")[2:] == [question, value]:
                query = emulator.press(user, message.message_id, data)["callback_query"]["id"]
                await until(emulator, partial(answered, emulator, query))
                return
    raise LookupError((user, question, value))


@pytest.mark.parametrize("rotation", [0, 1, 2])
async def test_follow_up_loop_in_each_language(
    emulator: BotAPIEmulator, office_bot: tuple[Core, FakeClock], rotation: int
) -> None:
    core, clock = office_bot
    languages = list(REPORTERS)
    plan = {languages[i]: OUTCOMES[(i + rotation) % 3] for i in range(3)}
    cases = {language: await resolved_case(emulator, core, language) for language in languages}

    # Working day 1 at 10:00 (Tuesday): one ping each, in the reporter's language.
    await sweep(emulator, core, clock, "2026-12-01 10:00")
    for language, case in cases.items():
        ping = emulator.last_message(REPORTERS[language])
        assert case.number in (ping.text or "")
        assert SCRIPT[language].search((ping.text or "").replace(case.number, ""))
        assert len(ping.buttons()) == 4

    for language, outcome in plan.items():
        user = REPORTERS[language]
        if outcome == "yes":
            await reporter_answers(emulator, user, "carried", "yes")
            await reporter_answers(emulator, user, "score-yes", "5")
            await reporter_answers(emulator, user, "comment", "skip")
        elif outcome == "no":
            await reporter_answers(emulator, user, "carried", "no")
            await reporter_answers(emulator, user, "score-no", "3")
            emulator.send_text(user, "还是没有退押金")
            await until(emulator, partial(thanked, emulator, user))

    # Days 2 and 3 ping only the silent one; at the end of day 3 silence becomes a call.
    await sweep(emulator, core, clock, "2026-12-02 10:00")
    await sweep(emulator, core, clock, "2026-12-03 10:00")
    await sweep(emulator, core, clock, "2026-12-03 17:30")

    for language, outcome in plan.items():
        case = cases[language]
        async with core.db.transaction() as tx:
            now = await tx.cases.by_id(case.id)
        assert now is not None
        card = card_of(emulator, GZ, case.number).text or ""
        if outcome == "yes":
            assert now.status is CaseStatus.CLOSED
            assert "已结案" in card
            assert SCRIPT[language].search(emulator.last_message(REPORTERS[language]).text or "")
            async with core.db.transaction() as tx:
                kinds = [e.kind for e in await tx.events.for_case(case.id)]
            assert kinds.count("followup_ping") == 1  # the answer cancelled the later pings
        elif outcome == "no":
            assert (now.status, now.task) == (CaseStatus.CLAIMED, "revisit")
            assert "上门回访" in card
            labels = [b["text"] for b in card_of(emulator, GZ, case.number).buttons()]
            assert "上门回访完成" in labels
        else:
            assert (now.status, now.task) == (CaseStatus.RESOLVED, "phone")
            assert "电话回访" in card
            digits = f"138{REPORTERS[language] % 10**8:08d}"
            assert any(digits in (m.text or "") for m in emulator.messages(MEDIATOR))
    assert emulator.errors == []
    assert emulator.unanswered_callbacks == []
