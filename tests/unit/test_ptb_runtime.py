"""The python-telegram-bot runtime: PTB objects to events, the gateway, routing, round trips.

The aiogram runtime is the model: wherever both can see the same input, the PTB runtime
must produce the same InboundEvent and the same FailureKind.
"""

from __future__ import annotations

import copy
import json
import logging
import time
import warnings
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from aiogram.types import Update as AiogramUpdate
from telegram import Bot, Update
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.warnings import PTBDeprecationWarning

from bot.delivery import DeliveryError, FailureKind, classify_rejection
from bot.domain.events import ChatType, EventKind, InboundEvent
from bot.domain.models import AttachmentKind, AttachmentRef
from bot.handlers.dispatch import UpdateDispatcher
from bot.telegram import aiogram_runtime
from bot.telegram.aiogram_runtime import AiogramGateway, build_bot
from bot.telegram.emulator import BotAPIEmulator, EmulatorLimits
from bot.telegram.ptb_runtime import (
    PtbGateway,
    PtbRuntime,
    callback_event,
    classify,
    message_event,
    retry_seconds,
)
from bot.telegram.runtime import ALLOWED_UPDATES, FatalTelegramError

TOKEN = "515151:PTB-unit-test-token-not-secret"
USER_ID = 501
USER = {"id": USER_ID, "is_bot": False, "first_name": "Pema", "language_code": "bo"}
CHAT = {"id": USER_ID, "type": "private", "first_name": "Pema"}
BOT_USER = {"id": 515151, "is_bot": True, "first_name": "Bot", "username": "mediation_test_bot"}
DATE = 1_790_000_000


def file(n: int, **extra: Any) -> dict[str, Any]:
    """A file object with ids that name it."""
    return {"file_id": f"FILE{n}", "file_unique_id": f"UNIQ{n}", **extra}


def raw_message(
    update_id: int = 7,
    *,
    key: str = "message",
    chat: dict[str, Any] | None = None,
    sender: dict[str, Any] | None = USER,
    **content: Any,
) -> dict[str, Any]:
    """A raw Bot API update carrying one message."""
    message: dict[str, Any] = {"message_id": 42, "date": DATE, "chat": chat or CHAT, **content}
    if sender is not None:
        message["from"] = sender
    return {"update_id": update_id, key: message}


def raw_callback(message: dict[str, Any] | None, **extra: Any) -> dict[str, Any]:
    """A raw callback_query update for a button on `message`."""
    query: dict[str, Any] = {
        "id": "4000000000000000001",
        "from": USER,
        "chat_instance": "99",
        "data": "v1:lang:zh",
        **extra,
    }
    if message is not None:
        query["message"] = message
    return {"update_id": 9, "callback_query": query}


BOT_MESSAGE = {
    "message_id": 41,
    "date": DATE,
    "chat": CHAT,
    "from": BOT_USER,
    "text": "Choose",
    "reply_markup": {"inline_keyboard": [[{"text": "中文", "callback_data": "v1:lang:zh"}]]},
}


def ptb_event(raw: dict[str, Any]) -> InboundEvent | None:
    """The event the PTB runtime makes of a raw update."""
    update = Update.de_json(raw, None)
    if update.callback_query is not None:
        return callback_event(update.update_id, update.callback_query)
    if update.edited_message is not None:
        return message_event(update.update_id, update.edited_message, edited=True)
    assert update.message is not None
    return message_event(update.update_id, update.message)


def aiogram_event(raw: dict[str, Any]) -> InboundEvent | None:
    """The event the aiogram runtime makes of the same raw update (the model)."""
    update = AiogramUpdate.model_validate(raw)
    if update.callback_query is not None:
        return aiogram_runtime.callback_event(update.update_id, update.callback_query)
    if update.edited_message is not None:
        return aiogram_runtime.message_event(update.update_id, update.edited_message, edited=True)
    assert update.message is not None
    return aiogram_runtime.message_event(update.update_id, update.message)


BASE = {
    "update_id": 7,
    "chat_id": USER_ID,
    "chat_type": ChatType.PRIVATE,
    "user_id": USER_ID,
    "first_name": "Pema",
    "language_code": "bo",
    "message_id": 42,
}

# (name, raw update, the event expected) — one per kind of message a reporter can send.
CASES: list[tuple[str, dict[str, Any], InboundEvent | None]] = [
    (
        "text",
        raw_message(text="广州"),
        InboundEvent(kind=EventKind.TEXT, text="广州", **BASE),
    ),
    (
        "command with bot name and arguments",
        raw_message(
            text="/START@mediation_test_bot deep link",
            entities=[{"type": "bot_command", "offset": 0, "length": 25}],
        ),
        InboundEvent(
            kind=EventKind.COMMAND,
            command="start",
            command_args="deep link",
            text="/START@mediation_test_bot deep link",
            **BASE,
        ),
    ),
    (
        "bare command",
        raw_message(text="/new"),
        InboundEvent(kind=EventKind.COMMAND, command="new", text="/new", **BASE),
    ),
    (
        "own contact",
        raw_message(
            contact={"phone_number": "+8613800138000", "first_name": "Pema", "user_id": 501}
        ),
        InboundEvent(
            kind=EventKind.CONTACT,
            contact_phone="+8613800138000",
            contact_user_id=USER_ID,
            contact_name="Pema",
            **BASE,
        ),
    ),
    (
        "someone else's contact",
        raw_message(contact={"phone_number": "13900000000", "first_name": "Li"}),
        InboundEvent(
            kind=EventKind.CONTACT, contact_phone="13900000000", contact_name="Li", **BASE
        ),
    ),
    (
        "location",
        raw_message(location={"latitude": 31.22, "longitude": 121.46}),
        InboundEvent(kind=EventKind.LOCATION, latitude=31.22, longitude=121.46, **BASE),
    ),
    (
        "photo: the largest size, caption as text",
        raw_message(
            photo=[file(1, width=90, height=67), file(2, width=800, height=600)],
            caption="租房合同",
        ),
        InboundEvent(
            kind=EventKind.MEDIA,
            attachment=AttachmentRef(AttachmentKind.PHOTO, "FILE2", "UNIQ2"),
            text="租房合同",
            **BASE,
        ),
    ),
    (
        "voice",
        raw_message(voice=file(3, duration=4)),
        InboundEvent(
            kind=EventKind.MEDIA,
            attachment=AttachmentRef(AttachmentKind.VOICE, "FILE3", "UNIQ3"),
            **BASE,
        ),
    ),
    (
        "document",
        raw_message(document=file(4, file_name="contract.pdf"), caption="合同"),
        InboundEvent(
            kind=EventKind.MEDIA,
            attachment=AttachmentRef(AttachmentKind.DOCUMENT, "FILE4", "UNIQ4"),
            text="合同",
            **BASE,
        ),
    ),
    (
        "video",
        raw_message(video=file(5, width=640, height=480, duration=9)),
        InboundEvent(
            kind=EventKind.MEDIA,
            attachment=AttachmentRef(AttachmentKind.VIDEO, "FILE5", "UNIQ5"),
            **BASE,
        ),
    ),
    (
        "audio",
        raw_message(audio=file(6, duration=60)),
        InboundEvent(
            kind=EventKind.MEDIA,
            attachment=AttachmentRef(AttachmentKind.AUDIO, "FILE6", "UNIQ6"),
            **BASE,
        ),
    ),
    (
        "animation (with its document copy) is no evidence",
        raw_message(
            animation=file(7, width=320, height=240, duration=2),
            document=file(7, file_name="fun.gif.mp4"),
        ),
        InboundEvent(kind=EventKind.OTHER, **BASE),
    ),
    (
        "sticker",
        raw_message(
            sticker=file(
                8, type="regular", width=512, height=512, is_animated=False, is_video=False
            )
        ),
        InboundEvent(kind=EventKind.OTHER, **BASE),
    ),
    (
        "dice and other content",
        raw_message(dice={"emoji": "🎲", "value": 3}),
        InboundEvent(kind=EventKind.OTHER, **BASE),
    ),
    (
        "forwarded text",
        raw_message(
            text="he owes me",
            forward_origin={"type": "hidden_user", "date": DATE - 60, "sender_user_name": "X"},
        ),
        InboundEvent(kind=EventKind.TEXT, text="he owes me", forwarded=True, **BASE),
    ),
    (
        "edited message",
        raw_message(key="edited_message", text="马明", edit_date=DATE + 5),
        InboundEvent(kind=EventKind.EDITED, text="马明", **BASE),
    ),
    (
        "group message",
        raw_message(chat={"id": -1001, "type": "supergroup", "title": "调解员"}, text="收到"),
        InboundEvent(
            kind=EventKind.TEXT,
            text="收到",
            **{**BASE, "chat_id": -1001, "chat_type": ChatType.SUPERGROUP, "chat_title": "调解员"},
        ),
    ),
    (
        "message without a sender",
        raw_message(sender=None, text="channel"),
        None,
    ),
    (
        "button press",
        raw_callback(BOT_MESSAGE),
        InboundEvent(
            update_id=9,
            chat_id=USER_ID,
            chat_type=ChatType.PRIVATE,
            user_id=USER_ID,
            first_name="Pema",
            language_code="bo",
            kind=EventKind.CALLBACK,
            message_id=41,
            callback_id="4000000000000000001",
            callback_data="v1:lang:zh",
        ),
    ),
    (
        "button press on an inaccessible (old) message",
        raw_callback({"chat": CHAT, "message_id": 41, "date": 0}),
        InboundEvent(
            update_id=9,
            chat_id=USER_ID,
            chat_type=ChatType.PRIVATE,
            user_id=USER_ID,
            first_name="Pema",
            language_code="bo",
            kind=EventKind.CALLBACK,
            message_id=41,
            callback_id="4000000000000000001",
            callback_data="v1:lang:zh",
        ),
    ),
    (
        "button of an inline-mode message",
        raw_callback(None, inline_message_id="AAA"),
        None,
    ),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_event_from_ptb_objects(raw: dict[str, Any], expected: InboundEvent | None) -> None:
    assert ptb_event(raw) == expected


@pytest.mark.parametrize("raw", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_event_same_as_aiogram(raw: dict[str, Any]) -> None:
    assert ptb_event(raw) == aiogram_event(raw)


def test_chat_type_is_the_domain_enum() -> None:
    event = ptb_event(raw_message(text="hi"))
    assert event is not None
    assert type(event.chat_type) is ChatType


# ------------------------------------------------------------------ raw JSON round trip


def without_ptb_defaults(produced: Any, original: Any) -> Any:
    """`produced` minus the False flags PTB fills in where the original had no key."""
    if isinstance(produced, dict) and isinstance(original, dict):
        return {
            key: without_ptb_defaults(value, original.get(key))
            for key, value in produced.items()
            if key in original or value is not False
        }
    if isinstance(produced, list) and isinstance(original, list):
        return [without_ptb_defaults(p, o) for p, o in zip(produced, original, strict=False)]
    return produced


@pytest.mark.parametrize("raw", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_to_dict_round_trips_the_raw_update(raw: dict[str, Any]) -> None:
    before = copy.deepcopy(raw)
    update = Update.de_json(raw, None)
    assert raw == before  # de_json leaves the journal's dict alone
    produced = update.to_dict()
    json.dumps(produced)  # the journal stores JSON
    assert without_ptb_defaults(produced, raw) == raw
    # What PTB adds is only the default False of flags Telegram leaves out.
    assert Update.de_json(produced, None).to_dict() == produced


@pytest.mark.parametrize("raw", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_journal_written_by_ptb_replays_on_aiogram(raw: dict[str, Any]) -> None:
    # A restart may switch BOT_RUNTIME: the journal must mean the same to both.
    produced = Update.de_json(raw, None).to_dict()
    assert aiogram_event(produced) == ptb_event(produced) == ptb_event(raw)


# ------------------------------------------------------------------ error classification


def flood(seconds: int | timedelta) -> RetryAfter:
    """A 429 error as PTB builds it (its constructor warns about its own int form)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        return RetryAfter(seconds)


def test_retry_after_seconds_from_int_and_timedelta() -> None:
    errors = flood(3), flood(timedelta(seconds=1.5))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [retry_seconds(e) for e in errors] == [3.0, 1.5]


def test_retry_after_seconds_in_timedelta_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # PTB's opt-in to its next major's types
    assert retry_seconds(RetryAfter(timedelta(seconds=2))) == 2.0
    assert classify(flood(4)).retry_after == 4.0


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (flood(5), FailureKind.RETRY_AFTER),
        (BadRequest("Message is not modified: specified new message content"), "not_modified"),
        (BadRequest("Chat not found"), FailureKind.PERMANENT),
        (BadRequest("Message to edit not found"), FailureKind.PERMANENT),
        (Forbidden("Forbidden: bot was blocked by the user"), FailureKind.PERMANENT),
        (InvalidToken("Unauthorized"), FailureKind.PERMANENT),
        (ChatMigrated(-100123), FailureKind.PERMANENT),
        (TimedOut(), FailureKind.TRANSIENT),
        (NetworkError("Bad Gateway"), FailureKind.TRANSIENT),
        (NetworkError("httpx.ConnectError"), FailureKind.TRANSIENT),
        (Conflict("terminated by other getUpdates request"), FailureKind.TRANSIENT),
        (TelegramError("something new"), FailureKind.TRANSIENT),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, Exception) else str(v),
)
def test_classify(error: TelegramError, kind: FailureKind) -> None:
    classified = classify(error)
    assert isinstance(classified, DeliveryError)
    assert classified.kind == kind
    if kind is FailureKind.RETRY_AFTER:
        assert classified.retry_after == 5.0


def test_sender_reads_blocked_and_chat_not_found_from_ptb_descriptions() -> None:
    # PTB strips "Bad Request: " and capitalises; the sender's reading must still work.
    blocked = classify(Forbidden("Forbidden: bot was blocked by the user"))
    assert classify_rejection(blocked.description) is FailureKind.BLOCKED
    missing = classify(BadRequest("Bad Request: chat not found"))
    assert classify_rejection(missing.description) is FailureKind.CHAT_NOT_FOUND


# ------------------------------------------------------------------ the gateway, over HTTP


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    async with BotAPIEmulator(TOKEN, limits=EmulatorLimits.unlimited()) as emu:
        emu.user(USER_ID, "Pema", language_code="bo")
        yield emu


@pytest.fixture
async def ptb_bot(emulator: BotAPIEmulator) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=f"{emulator.url}/bot") as bot:
        yield bot


INLINE = {
    "text": "<b>选择</b> 语言",
    "parse_mode": "HTML",
    "inline_keyboard": [
        [{"text": "中文", "callback_data": "v1:lang:zh"}],
        [{"text": "བོད་ཡིག", "callback_data": "v1:lang:bo"}],
    ],
}
CONTACT_KEYBOARD = {
    "text": "手机号？",
    "keyboard": [[{"text": "📱 发送我的号码", "request_contact": True}], [{"text": "跳过"}]],
}
REMOVE = {"text": "谢谢", "remove_keyboard": True}
PLAIN = {"text": "a & b"}
PAYLOADS = [INLINE, CONTACT_KEYBOARD, REMOVE, PLAIN]


async def test_send_message_maps_the_payload(emulator: BotAPIEmulator, ptb_bot: Bot) -> None:
    gateway = PtbGateway(ptb_bot)
    first = await gateway.send_message(USER_ID, INLINE)
    await gateway.send_message(USER_ID, CONTACT_KEYBOARD)
    assert emulator.reply_keyboard(USER_ID) == {
        "keyboard": [[{"text": "📱 发送我的号码", "request_contact": True}], [{"text": "跳过"}]],
        "resize_keyboard": True,
    }
    await gateway.send_message(USER_ID, REMOVE)
    assert emulator.reply_keyboard(USER_ID) is None
    sent = emulator.messages(USER_ID)
    assert sent[0].message_id == first
    assert sent[0].rendered == "选择 语言"
    assert [b["callback_data"] for b in sent[0].buttons()] == ["v1:lang:zh", "v1:lang:bo"]
    assert emulator.errors == []


async def test_payloads_reach_telegram_as_with_aiogram(
    emulator: BotAPIEmulator, ptb_bot: Bot
) -> None:
    aiogram_bot = build_bot(TOKEN, emulator.url)
    try:
        for payload in PAYLOADS:
            await AiogramGateway(aiogram_bot).send_message(USER_ID, payload)
            await PtbGateway(ptb_bot).send_message(USER_ID, payload)
        message_id = emulator.messages(USER_ID)[0].message_id
        for payload in ({"message_id": message_id}, {**INLINE, "message_id": message_id}):
            await AiogramGateway(aiogram_bot).edit_reply_markup(USER_ID, payload)
            # The same edit again changes nothing: "not modified", and that is fine.
            with pytest.raises(DeliveryError) as again:
                await PtbGateway(ptb_bot).edit_reply_markup(USER_ID, payload)
            assert again.value.kind is FailureKind.NOT_MODIFIED
    finally:
        await aiogram_bot.session.close()
    calls = [r for r in emulator.requests if r.method in ("sendMessage", "editMessageReplyMarkup")]
    assert len(calls) == 12
    for by_aiogram, by_ptb in zip(calls[::2], calls[1::2], strict=True):
        assert by_ptb.method == by_aiogram.method
        assert by_ptb.params == by_aiogram.params
    assert [r.status for r in emulator.errors] == [400, 400]


async def test_edit_reply_markup(emulator: BotAPIEmulator, ptb_bot: Bot) -> None:
    gateway = PtbGateway(ptb_bot)
    message_id = await gateway.send_message(USER_ID, INLINE)
    one_button = {
        "message_id": message_id,
        "inline_keyboard": [[{"text": "✔ 中文", "callback_data": "v1:noop"}]],
    }
    await gateway.edit_reply_markup(USER_ID, one_button)
    assert [b["text"] for b in emulator.last_message(USER_ID).buttons()] == ["✔ 中文"]
    with pytest.raises(DeliveryError) as same:
        await gateway.edit_reply_markup(USER_ID, one_button)
    assert same.value.kind is FailureKind.NOT_MODIFIED
    # A reply keyboard cannot go on an edited message: no keyboard means "remove".
    await gateway.edit_reply_markup(USER_ID, {**CONTACT_KEYBOARD, "message_id": message_id})
    assert emulator.last_message(USER_ID).reply_markup is None


async def both_kinds(emulator: BotAPIEmulator, call: str, *args: Any) -> list[FailureKind]:
    """The FailureKind each gateway reports for the same failing call."""
    kinds = []
    aiogram_bot = build_bot(TOKEN, emulator.url)
    async with Bot(TOKEN, base_url=f"{emulator.url}/bot") as ptb_bot:
        for gateway in (AiogramGateway(aiogram_bot), PtbGateway(ptb_bot)):
            with pytest.raises(DeliveryError) as failed:
                await getattr(gateway, call)(*args)
            kinds.append(failed.value.kind)
            # What the sender makes of it must agree too.
            if failed.value.kind is FailureKind.PERMANENT:
                kinds.append(classify_rejection(failed.value.description))
    await aiogram_bot.session.close()
    return kinds


async def test_chat_not_found_as_with_aiogram(emulator: BotAPIEmulator) -> None:
    kinds = await both_kinds(emulator, "send_message", 999_999, PLAIN)
    assert kinds == [FailureKind.PERMANENT, FailureKind.CHAT_NOT_FOUND] * 2


async def test_blocked_as_with_aiogram(emulator: BotAPIEmulator) -> None:
    emulator.set_blocked(USER_ID)
    kinds = await both_kinds(emulator, "send_message", USER_ID, PLAIN)
    assert kinds == [FailureKind.PERMANENT, FailureKind.BLOCKED] * 2
    assert {r.status for r in emulator.errors} == {403}


async def test_message_to_edit_not_found_as_with_aiogram(emulator: BotAPIEmulator) -> None:
    kinds = await both_kinds(emulator, "edit_reply_markup", USER_ID, {"message_id": 777})
    assert kinds == [FailureKind.PERMANENT, FailureKind.PERMANENT] * 2


async def test_not_modified_as_with_aiogram(emulator: BotAPIEmulator, ptb_bot: Bot) -> None:
    message_id = await PtbGateway(ptb_bot).send_message(USER_ID, INLINE)
    kinds = await both_kinds(
        emulator, "edit_reply_markup", USER_ID, {**INLINE, "message_id": message_id}
    )
    assert kinds == [FailureKind.NOT_MODIFIED] * 2


# PTB's RetryAfter warns about its own int form while being built; nothing we read.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_flood_429_as_with_aiogram() -> None:
    limits = EmulatorLimits(private_per_second=0.5, private_burst=1, retry_after=3)
    async with BotAPIEmulator(TOKEN, limits=limits) as emulator:
        emulator.user(USER_ID, "Pema")
        async with Bot(TOKEN, base_url=f"{emulator.url}/bot") as ptb_bot:
            await PtbGateway(ptb_bot).send_message(USER_ID, PLAIN)  # the burst is used up
            with pytest.raises(DeliveryError) as flood:
                await PtbGateway(ptb_bot).send_message(USER_ID, PLAIN)
        assert (flood.value.kind, flood.value.retry_after) == (FailureKind.RETRY_AFTER, 3.0)
        assert (
            await both_kinds(emulator, "send_message", USER_ID, PLAIN)
            == [FailureKind.RETRY_AFTER] * 2
        )
        assert {r.status for r in emulator.errors} == {429}


async def test_server_gone_is_transient(emulator: BotAPIEmulator, ptb_bot: Bot) -> None:
    await emulator.stop()  # nothing listens there any more
    with pytest.raises(DeliveryError) as down:
        await PtbGateway(ptb_bot).send_message(USER_ID, PLAIN)
    assert down.value.kind is FailureKind.TRANSIENT


# ------------------------------------------------------------------ the runtime, over HTTP


@dataclass
class Outcome:
    toast: str | None


@dataclass
class FakeReporter:
    """Stands in for the core's handlers: records events, answers with a toast."""

    toast: str | None = "✔"
    fail: bool = False
    events: list[InboundEvent] = field(default_factory=list)
    failures: list[InboundEvent] = field(default_factory=list)

    async def handle(self, event: InboundEvent) -> Outcome:
        self.events.append(event)
        if self.fail:
            raise RuntimeError("handler broke")
        return Outcome(self.toast)

    async def report_failure(self, event: InboundEvent) -> str | None:
        self.failures.append(event)
        return "出错了"

    @property
    def reporter(self) -> FakeReporter:
        """The dispatcher apologises through the reporter handler: here, this same fake."""
        return self

    # The real dispatcher's entry point, so the runtime is tested against it.
    respond = UpdateDispatcher.respond


@pytest.fixture
def reporter() -> FakeReporter:
    return FakeReporter()


@pytest.fixture
async def runtime(emulator: BotAPIEmulator, reporter: FakeReporter) -> AsyncIterator[PtbRuntime]:
    core = SimpleNamespace(
        settings=SimpleNamespace(telegram_api_url=emulator.url), dispatch=reporter
    )
    rt = PtbRuntime(core, TOKEN)  # type: ignore[arg-type]
    assert await rt.start() == "mediation_test_bot"
    yield rt
    await rt.stop()


async def deliver(runtime: PtbRuntime) -> list[dict[str, Any]]:
    """Fetch what is queued, acknowledge it and feed it, as the runner does."""
    updates = await runtime.get_updates(None, 0)
    if updates:
        await runtime.get_updates(max(u["update_id"] for u in updates) + 1, 0)
    for update in updates:
        await runtime.feed(update)
    return updates


async def test_start_with_a_refused_token_is_fatal(emulator: BotAPIEmulator) -> None:
    core = SimpleNamespace(settings=SimpleNamespace(telegram_api_url=emulator.url))
    wrong = "515151:not-the-token-the-emulator-knows"
    runtime = PtbRuntime(core, wrong)  # type: ignore[arg-type]
    with pytest.raises(FatalTelegramError) as refused:
        await runtime.start()
    assert wrong not in str(refused.value)
    assert refused.value.__cause__ is None
    assert refused.value.__suppress_context__
    assert not runtime.application.bot._requests_initialized  # the HTTP pools are closed
    await runtime.stop()  # harmless after a failed start


async def test_get_updates_raw_json_acknowledged_by_offset(
    emulator: BotAPIEmulator, runtime: PtbRuntime
) -> None:
    injected = emulator.send_text(USER_ID, "你好")
    updates = await runtime.get_updates(None, 0)
    assert without_ptb_defaults(updates, [injected]) == [injected]
    poll = emulator.calls("getUpdates")[-1]
    assert poll.params["allowed_updates"] == list(ALLOWED_UPDATES)
    assert await runtime.get_updates(updates[-1]["update_id"] + 1, 0) == []
    assert emulator.pending_updates == 0


async def test_long_poll_holds_for_its_timeout(
    emulator: BotAPIEmulator, runtime: PtbRuntime
) -> None:
    started = time.monotonic()
    assert await runtime.get_updates(None, 2) == []
    assert time.monotonic() - started >= 1.9  # a long poll, not cut short by a read timeout
    assert emulator.calls("getUpdates")[-1].params["timeout"] == 2


async def test_private_messages_reach_the_reporter(
    emulator: BotAPIEmulator, runtime: PtbRuntime, reporter: FakeReporter
) -> None:
    emulator.send_text(USER_ID, "/start")
    emulator.send_photo(USER_ID, caption="合同")
    sent = emulator.send_text(USER_ID, "王老板")
    emulator.edit_text(USER_ID, sent["message"]["message_id"], "王老板娘")
    await deliver(runtime)
    assert [(e.kind, e.text) for e in reporter.events] == [
        (EventKind.COMMAND, "/start"),
        (EventKind.MEDIA, "合同"),
        (EventKind.TEXT, "王老板"),
        (EventKind.EDITED, "王老板娘"),
    ]
    assert [e.update_id for e in reporter.events] == [1, 2, 3, 4]


async def test_group_messages_reach_the_core_for_the_mediators(
    emulator: BotAPIEmulator, runtime: PtbRuntime, reporter: FakeReporter
) -> None:
    emulator.add_group(-100777, "调解员")
    emulator.send_text(USER_ID, "/bind gz-service", chat_id=-100777)
    assert len(await deliver(runtime)) == 1
    assert [(e.chat_type, e.command) for e in reporter.events] == [(ChatType.SUPERGROUP, "bind")]


async def test_button_press_answered_with_the_toast(
    emulator: BotAPIEmulator, runtime: PtbRuntime, reporter: FakeReporter
) -> None:
    message_id = await runtime.gateway.send_message(USER_ID, INLINE)
    query = emulator.press(USER_ID, message_id, "v1:lang:zh")["callback_query"]
    await deliver(runtime)
    (event,) = reporter.events
    assert (event.kind, event.callback_data, event.message_id) == (
        EventKind.CALLBACK,
        "v1:lang:zh",
        message_id,
    )
    assert emulator.callback_answer(query["id"]) == {"text": "✔"}
    assert emulator.unanswered_callbacks == []
    assert emulator.errors == []


async def test_button_press_without_toast_still_answered(
    emulator: BotAPIEmulator, runtime: PtbRuntime, reporter: FakeReporter
) -> None:
    reporter.toast = None
    message_id = await runtime.gateway.send_message(USER_ID, INLINE)
    query = emulator.press(USER_ID, message_id, "v1:lang:bo")["callback_query"]
    await deliver(runtime)
    assert emulator.callback_answer(query["id"]) == {}
    assert emulator.unanswered_callbacks == []


async def test_handler_failure_reported_and_button_answered(
    emulator: BotAPIEmulator, runtime: PtbRuntime, reporter: FakeReporter
) -> None:
    reporter.fail = True
    message_id = await runtime.gateway.send_message(USER_ID, INLINE)
    query = emulator.press(USER_ID, message_id, "v1:lang:zh")["callback_query"]
    emulator.send_text(USER_ID, "马明")
    await deliver(runtime)
    assert [e.kind for e in reporter.failures] == [EventKind.CALLBACK, EventKind.TEXT]
    assert emulator.callback_answer(query["id"]) == {"text": "出错了"}


async def test_answer_refused_is_logged_not_raised(
    emulator: BotAPIEmulator,
    runtime: PtbRuntime,
    reporter: FakeReporter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    message_id = await runtime.gateway.send_message(USER_ID, INLINE)
    emulator.press(USER_ID, message_id, "v1:lang:zh")
    (update,) = await deliver(runtime)
    with caplog.at_level(logging.WARNING, logger="bot.telegram.ptb_runtime"):
        await runtime.feed(update)  # a replay: Telegram refuses a second answer
    assert len(reporter.events) == 2
    assert "could not answer callback query" in caplog.text


async def test_feed_never_raises(
    runtime: PtbRuntime, reporter: FakeReporter, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="bot.telegram.ptb_runtime"):
        await runtime.feed({"update_id": 66, "message": {"text": "no chat, no date"}})
    assert "update 66 could not be handled" in caplog.text
    assert reporter.events == []


async def test_commands_and_webhook(emulator: BotAPIEmulator, runtime: PtbRuntime) -> None:
    await runtime.set_commands({"zh": [("new", "新报告")], None: [("new", "New report")]})
    scope = {"type": "all_private_chats"}
    assert emulator.bot_commands(scope, "zh") == [{"command": "new", "description": "新报告"}]
    assert emulator.bot_commands(scope) == [{"command": "new", "description": "New report"}]
    await runtime.set_webhook("http://127.0.0.1:9/hook", "s3cret-Token")
    assert emulator.webhook_url == "http://127.0.0.1:9/hook"
    params = emulator.calls("setWebhook")[-1].params
    assert params["secret_token"] == "s3cret-Token"
    assert params["allowed_updates"] == list(ALLOWED_UPDATES)
    await runtime.delete_webhook()
    assert emulator.webhook_url is None
    assert emulator.calls("deleteWebhook")[-1].params.get("drop_pending_updates") in (False, None)


async def test_request_logs_hold_no_token(
    emulator: BotAPIEmulator, reporter: FakeReporter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    core = SimpleNamespace(
        settings=SimpleNamespace(telegram_api_url=emulator.url), dispatch=reporter
    )
    runtime = PtbRuntime(core, TOKEN)  # type: ignore[arg-type]
    await runtime.start()
    await runtime.get_updates(None, 0)
    await runtime.stop()
    # httpx would log each URL, token included, at INFO.
    assert all(TOKEN.split(":")[1] not in r.getMessage() for r in caplog.records)
