"""Mediators over HTTP: cases routed to office groups, claimed, relayed and closed.

Two host cities (广州, a plain group; 上海, a forum with a topic per case), the home-county
centre of 化隆 and the coordination centre; reporters in Chinese, Tibetan and Uyghur; on
aiogram and on python-telegram-bot.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Core
from bot.demo import SCRIPTS, Reporter, bot_against
from bot.domain.models import CaseRecord, CaseStatus
from bot.domain.offices import load_offices
from bot.telegram.emulator import BotAPIEmulator
from tests.e2e.helpers import button, card_of, press, until

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
ADMIN = 800001
GZ, SH, HUALONG, COORD = -1001001, -1001002, -1001003, -1001004
#: office code -> group (SH is a forum: each case gets its own topic).
GROUPS = {
    GZ: "gz-service",
    SH: "sh-service",
    HUALONG: "hualong-centre",
    COORD: "haidong-coordination",
}
MEDIATOR_GZ, MEDIATOR_SH, MEDIATOR_COORD, STRANGER = 800011, 800012, 800013, 800099
TIBETAN = re.compile(r"[\u0f00-\u0fff]")
ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture
async def office_bot(emulator: BotAPIEmulator, sqlite_db: str, runtime: str) -> AsyncIterator[Core]:
    """The bot with the example offices synced and four groups bound by an admin."""
    emulator.user(ADMIN, "Admin")
    for chat, code in GROUPS.items():
        emulator.add_group(chat, code, forum=chat == SH)
        emulator.set_chat_member(chat, ADMIN, "administrator")
    # Opening topics needs the right to manage them, as in Telegram.
    emulator.set_chat_member(SH, emulator.bot_id, "administrator")
    for user, chat in (
        (MEDIATOR_GZ, GZ),
        (MEDIATOR_SH, SH),
        (MEDIATOR_COORD, COORD),
    ):
        emulator.user(user, f"调解员{user % 100}")
        emulator.set_chat_member(chat, user, "member")
    emulator.user(STRANGER, "Stranger")
    async with bot_against(
        emulator, sqlite_db, bot_runtime=runtime, admin_ids=frozenset({ADMIN})
    ) as core:
        offices = load_offices((ROOT / "config/offices.example.toml").read_text("utf-8"))
        async with core.db.transaction() as tx:
            await tx.offices.sync(offices.as_dicts(), core.clock.now())
        for chat, code in GROUPS.items():
            emulator.send_text(ADMIN, f"/bind {code}", chat_id=chat)
            await until(
                emulator,
                lambda chat=chat: any("✅" in (m.text or "") for m in emulator.messages(chat)),
            )
        yield core


async def file(emulator: BotAPIEmulator, core: Core, lang: str) -> tuple[Reporter, CaseRecord]:
    user_id, name, script = SCRIPTS[lang]
    reporter = Reporter(emulator, user_id, name, lang)
    await script(reporter)
    await emulator.wait_idle(quiet=0.3, timeout=20)
    async with core.db.transaction() as tx:
        (case,) = await tx.cases.for_reporter(user_id)
    return reporter, case


async def stored(core: Core, case: CaseRecord) -> CaseRecord:
    async with core.db.transaction() as tx:
        found = await tx.cases.by_id(case.id)
    assert found is not None
    return found


async def test_reports_in_three_languages_reach_the_right_groups_and_are_worked(
    emulator: BotAPIEmulator, office_bot: Core
) -> None:
    core = office_bot
    zh, zh_case = await file(emulator, core, "zh")  # 广州, rent, 化隆
    bo, bo_case = await file(emulator, core, "bo")  # 成都 (no office there), wages, 循化
    ug, ug_case = await file(emulator, core, "ug")  # 上海, debt, 民和, danger: red

    # 广州's plain group: one masked card with the claim buttons.
    gz_card = card_of(emulator, GZ, zh_case.number)
    assert "马*" in (gz_card.text or "")
    assert "马明" not in (gz_card.text or "")
    assert "138****8000" in (gz_card.text or "")
    assert [b["text"] for b in gz_card.buttons()][:5] == ["接单", "详情", "转派", "上报", "回避"]
    # The home-county centre is told, without buttons.
    assert card_of(emulator, HUALONG, zh_case.number).buttons() == []
    # 上海 is a forum: the card opened its own topic.
    sh_card = card_of(emulator, SH, ug_case.number)
    assert sh_card.message_thread_id is not None
    assert ug_case.number in emulator.topics(SH)[sh_card.message_thread_id]
    # Red (danger) goes to coordination at once; no office in 成都 → coordination handles.
    assert card_of(emulator, COORD, ug_case.number).buttons() == []
    assert "接单" in [b["text"] for b in card_of(emulator, COORD, bo_case.number).buttons()]

    # Someone outside the group cannot claim; the mediator can, and the card is edited.
    toast = await press(emulator, STRANGER, GZ, gz_card, "接单")
    assert toast is not None
    assert "只有本单位" in toast
    toast = await press(emulator, MEDIATOR_GZ, GZ, gz_card, "接单")
    assert toast is not None
    assert "已接单" in toast
    edited = card_of(emulator, GZ, zh_case.number)
    assert edited.message_id == gz_card.message_id
    assert edited.edits >= 1
    assert "承办人" in (edited.text or "")
    assert len([m for m in emulator.messages(GZ) if zh_case.number in (m.text or "")]) == 1
    assert zh_case.number in (emulator.last_message(zh.user_id).text or "")
    # A press of the old claim button that raced the edit changes nothing.
    old = emulator.press(
        MEDIATOR_GZ, gz_card.message_id, button(gz_card, "接单"), chat_id=GZ, verify=False
    )
    await until(emulator, lambda: emulator.callback_answer(old["callback_query"]["id"]) is not None)
    answer = emulator.callback_answer(old["callback_query"]["id"]) or {}
    assert "已经是本案承办人" in str(answer.get("text"))

    # Resolved from the group; the reporter hears it in Chinese.
    toast = await press(
        emulator, MEDIATOR_GZ, GZ, card_of(emulator, GZ, zh_case.number), "调解成功"
    )
    assert (await stored(core, zh_case)).status is CaseStatus.RESOLVED
    assert "调解成功" in (emulator.last_message(zh.user_id).text or "")

    # Tibetan relay round trip through the coordination group (a plain group: replies).
    await press(emulator, MEDIATOR_COORD, COORD, card_of(emulator, COORD, bo_case.number), "接单")
    assert TIBETAN.search(emulator.last_message(bo.user_id).text or "")
    await relay_round_trip(emulator, bo, bo_case, COORD, MEDIATOR_COORD, "ང་ཚོས་སང་ཉིན་ཁ་པར་གཏོང་།")

    # Uyghur relay through the forum topic, then failed with a referral from the private chat.
    await press(emulator, MEDIATOR_SH, SH, sh_card, "接单")
    await relay_round_trip(emulator, ug, ug_case, SH, MEDIATOR_SH, "ئەتە تېلېفون قىلىمىز")
    toast = await press(
        emulator, MEDIATOR_SH, SH, card_of(emulator, SH, ug_case.number), "调解失败"
    )
    assert toast is not None
    assert "私聊" in toast
    prompt = emulator.last_message(MEDIATOR_SH)
    data = button(prompt, "法律援助（12348）")
    emulator.press(MEDIATOR_SH, prompt.message_id, data)
    await until(emulator, lambda: "12348" in (emulator.last_message(ug.user_id).text or ""))
    failed = await stored(core, ug_case)
    assert failed.status is CaseStatus.FAILED
    assert ARABIC.search(emulator.last_message(ug.user_id).text or "")
    assert "调解失败" in (card_of(emulator, SH, ug_case.number).text or "")

    # Nothing the bot sent was refused, and every button press was answered.
    assert emulator.errors == []
    assert emulator.unanswered_callbacks == []


async def relay_round_trip(
    emulator: BotAPIEmulator,
    reporter: Reporter,
    case: CaseRecord,
    group: int,
    mediator: int,
    answer: str,
) -> None:
    """The reporter adds a message; the mediator replies to it; it reaches the reporter."""
    script = TIBETAN if case.language.value == "bo" else ARABIC
    await reporter.say(f"/case {case.number}")
    await reporter.press(str(case.id))  # the "add to this case" button (rp:add:<id>)
    words = "ད་དུང་གླ་ཆ་མ་སྤྲད།" if case.language.value == "bo" else "پۇل تېخى قايتۇرۇلمىدى"
    await reporter.say(words)
    await until(emulator, lambda: any(words in (m.text or "") for m in emulator.messages(group)))
    relayed = next(m for m in emulator.messages(group) if words in (m.text or ""))
    card = card_of(emulator, group, case.number)
    if card.message_thread_id is not None:
        assert relayed.message_thread_id == card.message_thread_id
    else:
        assert relayed.reply_to_message_id == card.message_id
    # Neither account is shown: the group sees no reporter name, the reporter no mediator.
    assert reporter.first_name not in (relayed.text or "")
    emulator.send_text(
        mediator,
        answer,
        chat_id=group,
        reply_to=relayed.message_id,
        message_thread_id=relayed.message_thread_id,
    )
    await until(emulator, lambda: answer in (emulator.last_message(reporter.user_id).text or ""))
    told = emulator.last_message(reporter.user_id).text or ""
    assert script.search(told.replace(answer, ""))
    assert "调解员" not in told.replace(answer, "")
    await reporter.press("done")


async def test_an_unbound_group_is_told_once_how_to_bind(
    emulator: BotAPIEmulator, office_bot: Core
) -> None:
    emulator.add_group(-1009999, "新群")
    emulator.set_chat_member(-1009999, STRANGER, "member")
    emulator.send_text(STRANGER, "/bind gz-service", chat_id=-1009999)
    await until(emulator, lambda: bool(emulator.messages(-1009999)))
    assert "只有管理员" in (emulator.last_message(-1009999).text or "")
    emulator.send_text(STRANGER, "/history 1", chat_id=-1009999)
    emulator.send_text(STRANGER, "/history 2", chat_id=-1009999)
    await emulator.wait_idle(quiet=0.3, timeout=20)
    notices = [m for m in emulator.messages(-1009999) if "还没有绑定" in (m.text or "")]
    assert len(notices) == 1
