"""Both TelegramGateway implementations against the emulator: topics, replies, edits, copies.

Every test runs once per runtime: the same payload must have the same effect in the chat
and fail with the same FailureKind, whichever framework sends it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.delivery import DeliveryError, FailureKind, TelegramGateway
from bot.telegram.aiogram_runtime import AiogramGateway, build_bot
from bot.telegram.emulator import BotAPIEmulator, EmulatorLimits
from bot.telegram.ptb_runtime import PtbGateway, build_application

TOKEN = "626262:GATEWAY-unit-test-token-not-secret"
USER_ID = 601
MEDIATOR_ID = 602
FORUM = -100_500
PLAIN_GROUP = -100_600

KEYBOARD = [[{"text": "Accept", "callback_data": "v1:accept"}]]
OTHER_KEYBOARD = [[{"text": "Withdraw", "callback_data": "v1:withdraw"}]]


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    """An emulator with a reporter, a forum where the bot is admin, and a plain group."""
    async with BotAPIEmulator(TOKEN, limits=EmulatorLimits.unlimited()) as emu:
        emu.user(USER_ID, "Pema", language_code="bo")
        emu.user(MEDIATOR_ID, "Dawa")
        emu.add_group(FORUM, "Mediators", forum=True)
        emu.set_chat_member(FORUM, emu.bot_id, "administrator")  # needed to open topics
        emu.add_group(PLAIN_GROUP, "Plain group")
        yield emu


@pytest.fixture(params=["aiogram", "ptb"])
async def gateway(
    request: pytest.FixtureRequest, emulator: BotAPIEmulator
) -> AsyncIterator[TelegramGateway]:
    """The gateway of one runtime, built as that runtime builds it."""
    if request.param == "aiogram":
        bot = build_bot(TOKEN, emulator.url)
        try:
            yield AiogramGateway(bot)
        finally:
            await bot.session.close()
    else:
        application = build_application(TOKEN, emulator.url)
        async with application.bot:
            yield PtbGateway(application.bot)


async def failure(call: Any, *args: Any) -> DeliveryError:
    """The DeliveryError an awaited gateway call raises."""
    with pytest.raises(DeliveryError) as failed:
        await call(*args)
    return failed.value


async def test_send_into_a_forum_topic_and_reply(
    gateway: TelegramGateway, emulator: BotAPIEmulator
) -> None:
    thread = await gateway.create_forum_topic(FORUM, "Case 12 · 案件")
    assert emulator.topics(FORUM) == {thread: "Case 12 · 案件"}

    first = await gateway.send_message(
        FORUM,
        {
            "text": "<b>New case</b>",
            "parse_mode": "HTML",
            "inline_keyboard": KEYBOARD,
            "message_thread_id": thread,
        },
    )
    sent = emulator.last_message(FORUM)
    assert (sent.message_id, sent.rendered, sent.message_thread_id) == (first, "New case", thread)
    assert sent.raw["is_topic_message"] is True
    assert [b["callback_data"] for b in sent.buttons()] == ["v1:accept"]

    reply = await gateway.send_message(
        FORUM, {"text": "Reminder", "message_thread_id": thread, "reply_to_message_id": first}
    )
    answered = emulator.last_message(FORUM)
    assert (answered.message_id, answered.reply_to_message_id) == (reply, first)
    assert emulator.calls("sendMessage")[-1].params["reply_parameters"] == {
        "message_id": first,
        "allow_sending_without_reply": True,
    }
    # The target may be gone by the time the reply is sent: it still goes out.
    await gateway.send_message(
        FORUM, {"text": "Late", "message_thread_id": thread, "reply_to_message_id": 9999}
    )
    late = emulator.last_message(FORUM)
    assert (late.rendered, late.reply_to_message_id, late.message_thread_id) == (
        "Late",
        None,
        thread,
    )
    assert [m.rendered for m in emulator.messages(FORUM, thread=thread)] == [
        "New case",
        "Reminder",
        "Late",
    ]

    lost = await failure(
        gateway.send_message, FORUM, {"text": "Lost", "message_thread_id": thread + 100}
    )
    assert lost.kind is FailureKind.PERMANENT
    assert "message thread not found" in lost.description.lower()


async def test_create_topic_outside_a_forum_is_permanent(
    gateway: TelegramGateway, emulator: BotAPIEmulator
) -> None:
    refused = await failure(gateway.create_forum_topic, PLAIN_GROUP, "Case 1")
    assert refused.kind is FailureKind.PERMANENT
    assert "the chat is not a forum" in refused.description.lower()
    assert emulator.topics(PLAIN_GROUP) == {}


async def test_edit_message_text_replaces_or_removes_the_keyboard(
    gateway: TelegramGateway, emulator: BotAPIEmulator
) -> None:
    message_id = await gateway.send_message(
        USER_ID, {"text": "Offer: 300 ¥", "inline_keyboard": KEYBOARD}
    )
    edit = {
        "message_id": message_id,
        "text": "<i>Offer: 250 ¥</i>",
        "parse_mode": "HTML",
        "inline_keyboard": OTHER_KEYBOARD,
    }
    await gateway.edit_message_text(USER_ID, edit)
    edited = emulator.last_message(USER_ID)
    assert (edited.rendered, edited.edits) == ("Offer: 250 ¥", 1)
    assert [e["type"] for e in edited.entities] == ["italic"]
    assert [b["callback_data"] for b in edited.buttons()] == ["v1:withdraw"]

    same = await failure(gateway.edit_message_text, USER_ID, edit)
    assert same.kind is FailureKind.NOT_MODIFIED

    await gateway.edit_message_text(
        USER_ID, {"message_id": message_id, "text": "Offer withdrawn", "parse_mode": None}
    )
    final = emulator.last_message(USER_ID)
    assert (final.rendered, final.reply_markup, final.buttons()) == ("Offer withdrawn", None, [])

    missing = await failure(
        gateway.edit_message_text, USER_ID, {"message_id": 9999, "text": "x", "parse_mode": None}
    )
    assert missing.kind is FailureKind.PERMANENT


async def test_copy_message_with_caption_into_a_thread(
    gateway: TelegramGateway, emulator: BotAPIEmulator
) -> None:
    photo = emulator.send_photo(USER_ID, caption="receipt")["message"]["message_id"]
    text = emulator.send_text(USER_ID, "他没有付钱")["message"]["message_id"]
    thread = await gateway.create_forum_topic(FORUM, "Case 3")
    header = await gateway.send_message(FORUM, {"text": "Case 3", "message_thread_id": thread})

    copied = await gateway.copy_message(
        FORUM,
        {
            "from_chat_id": USER_ID,
            "message_id": photo,
            "message_thread_id": thread,
            "reply_to_message_id": header,
            "caption": "<b>Pema</b>: receipt &amp; proof",
        },
    )
    copy = emulator.last_message(FORUM)
    assert (copy.message_id, copy.kind, copy.rendered) == (copied, "photo", "Pema: receipt & proof")
    assert [e["type"] for e in copy.entities] == ["bold"]
    assert (copy.message_thread_id, copy.reply_to_message_id) == (thread, header)
    assert emulator.calls("copyMessage")[-1].params["parse_mode"] == "HTML"

    # Without a caption the original content goes over as it is, and no parse_mode is sent.
    await gateway.copy_message(
        FORUM, {"from_chat_id": USER_ID, "message_id": text, "message_thread_id": thread}
    )
    plain = emulator.last_message(FORUM)
    assert (plain.rendered, plain.message_thread_id, plain.reply_to_message_id) == (
        "他没有付钱",
        thread,
        None,
    )
    assert "parse_mode" not in emulator.calls("copyMessage")[-1].params

    gone = await failure(gateway.copy_message, FORUM, {"from_chat_id": USER_ID, "message_id": 9999})
    assert gone.kind is FailureKind.PERMANENT


@pytest.mark.parametrize(
    "status", ["creator", "administrator", "member", "restricted", "left", "kicked"]
)
async def test_chat_member_status(
    gateway: TelegramGateway, emulator: BotAPIEmulator, status: str
) -> None:
    emulator.set_chat_member(FORUM, MEDIATOR_ID, status)
    assert await gateway.chat_member_status(FORUM, MEDIATOR_ID) == status


async def test_chat_member_status_of_strangers(
    gateway: TelegramGateway, emulator: BotAPIEmulator
) -> None:
    # A user Telegram knows who never joined is "left"; a user it does not know is an error.
    assert await gateway.chat_member_status(FORUM, USER_ID) == "left"
    emulator.send_text(USER_ID, "hello", chat_id=FORUM)
    assert await gateway.chat_member_status(FORUM, USER_ID) == "member"
    unknown = await failure(gateway.chat_member_status, FORUM, 777_777)
    assert unknown.kind is FailureKind.PERMANENT
    assert "user not found" in unknown.description.lower()
