"""A reporter files a complete dispute over HTTP, through aiogram and python-telegram-bot."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from bot.app import Core
from bot.demo import SCRIPTS, Reporter, bot_against
from bot.domain.models import (
    AttachmentKind,
    CaseStatus,
    DisputeType,
    Language,
    PartyRole,
    PartySide,
    RiskLevel,
)
from bot.telegram.emulator import BotAPIEmulator

pytestmark = pytest.mark.e2e

SCRIPT_OF = {
    "zh": re.compile(r"[\u4e00-\u9fff]"),
    "bo": re.compile(r"[\u0f00-\u0fff]"),
    "ug": re.compile(r"[\u0600-\u06ff]"),
}


async def file_report(emulator: BotAPIEmulator, lang: str) -> Reporter:
    user_id, name, script = SCRIPTS[lang]
    reporter = Reporter(emulator, user_id, name, lang)
    await script(reporter)
    return reporter


@pytest.mark.parametrize("lang", ["zh", "bo", "ug"])
async def test_complete_report_in_each_language(
    emulator: BotAPIEmulator, bot: Core, lang: str
) -> None:
    reporter = await file_report(emulator, lang)
    async with bot.db.transaction() as tx:
        cases = await tx.cases.for_reporter(reporter.user_id)
        stored_reporter = await tx.reporters.get(reporter.user_id)
    assert len(cases) == 1
    case = cases[0]
    assert case.language is Language(lang)
    assert case.status is CaseStatus.SUBMITTED
    assert stored_reporter is not None
    assert stored_reporter.language is Language(lang)
    # The confirmation carries the case number the database gave.
    assert case.number in emulator.last_message(reporter.user_id).text

    # Every bot message after the language picker is written in the reporter's script.
    texts = [m.text or "" for m in emulator.messages(reporter.user_id)][1:]
    assert texts
    for text in texts:
        assert SCRIPT_OF[lang].search(text), f"not in {lang}: {text!r}"
    # Telegram-side hygiene: no rejected request, every button press answered.
    assert emulator.errors == []
    assert emulator.unanswered_callbacks == []


async def test_chinese_report_keeps_every_field(emulator: BotAPIEmulator, bot: Core) -> None:
    reporter = await file_report(emulator, "zh")
    async with bot.db.transaction() as tx:
        (case,) = await tx.cases.for_reporter(reporter.user_id)
    assert case.dispute_type is DisputeType.RENT
    assert case.host_city == "广州市"
    assert case.home_county == "化隆县"
    assert case.amount == Decimal(8000)
    assert case.people_affected == 1
    assert case.urgent is False
    assert case.risk is RiskLevel.BLUE
    assert case.desired_outcome == "退还押金"
    assert "8000 元押金" in case.story
    assert "租房合同" in case.story  # the photo's caption is part of the story
    parties = {p.side: p for p in case.parties}
    assert parties[PartySide.REPORTER].name == "马明"
    assert parties[PartySide.REPORTER].phone == "+8613800138000"
    assert parties[PartySide.OTHER].name == "王老板"
    assert parties[PartySide.OTHER].role is PartyRole.LANDLORD
    assert parties[PartySide.OTHER].phone is None
    assert [a.kind for a in case.attachments] == [AttachmentKind.PHOTO]


async def test_tibetan_report_typed_answers(emulator: BotAPIEmulator, bot: Core) -> None:
    reporter = await file_report(emulator, "bo")
    async with bot.db.transaction() as tx:
        (case,) = await tx.cases.for_reporter(reporter.user_id)
    assert case.dispute_type is DisputeType.WAGES
    assert case.host_city == "成都市"
    assert case.home_county == "循化县"  # typed "循化"
    assert case.amount is None  # skipped
    assert case.people_affected == 5
    assert case.risk is RiskLevel.YELLOW
    parties = {p.side: p for p in case.parties}
    assert parties[PartySide.REPORTER].phone == "+8613912345678"
    assert parties[PartySide.OTHER].phone == "+862885551234"  # a landline is fine here
    assert [a.kind for a in case.attachments] == [AttachmentKind.VOICE]


async def test_uyghur_report_urgent_from_location(emulator: BotAPIEmulator, bot: Core) -> None:
    reporter = await file_report(emulator, "ug")
    async with bot.db.transaction() as tx:
        (case,) = await tx.cases.for_reporter(reporter.user_id)
    assert case.host_city == "上海市"  # from the shared location
    assert case.latitude == pytest.approx(31.22)
    assert case.amount == Decimal(15000)
    assert case.urgent is True
    assert case.risk is RiskLevel.RED
    texts = [m.text or "" for m in emulator.messages(reporter.user_id)]
    # Emergency numbers were shown at once, and Latin/number runs are isolated (LRI…PDI).
    assert any("\u2066110\u2069" in text for text in texts)
    assert any(case.number in text and "\u2066" in text for text in texts)


async def test_commands_registered_per_language(emulator: BotAPIEmulator, bot: Core) -> None:
    languages = {r.params.get("language_code") for r in emulator.calls("setMyCommands")}
    assert {"zh", "bo", "ug", None} <= languages


async def test_reply_keyboard_removed_after_phone(emulator: BotAPIEmulator, bot: Core) -> None:
    reporter = await file_report(emulator, "zh")
    sent = [r for r in emulator.calls("sendMessage") if r.params.get("chat_id") == reporter.user_id]
    markups = [r.params.get("reply_markup") or {} for r in sent]
    asked = next(i for i, m in enumerate(markups) if "keyboard" in m)
    removed = next(i for i, m in enumerate(markups) if m.get("remove_keyboard"))
    assert removed > asked


async def test_postgres_intake(emulator: BotAPIEmulator, postgres_url: str, runtime: str) -> None:
    async with bot_against(emulator, postgres_url, bot_runtime=runtime) as core:
        reporter = await file_report(emulator, "ug")
        async with core.db.transaction() as tx:
            (case,) = await tx.cases.for_reporter(reporter.user_id)
    assert case.language is Language.UG
    assert emulator.errors == []
