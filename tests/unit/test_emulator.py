"""Tests for the local Bot API emulator, driven by raw HTTP, aiogram and python-telegram-bot."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest
from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.methods.base import TelegramMethod
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiohttp import web

from bot.telegram.emulator import (
    SECRET_TOKEN_HEADER,
    BotAPIEmulator,
    EmulatorLimits,
    EntityParseError,
    parse_formatted_text,
    utf16_len,
)

USER = 1001
OTHER = 1002
GROUP = -100123


@pytest.fixture
async def emu() -> AsyncIterator[BotAPIEmulator]:
    async with BotAPIEmulator() as emulator:
        emulator.user(USER, "Dolkar", language_code="bo")
        yield emulator


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def make_bot(emulator: BotAPIEmulator, token: str | None = None) -> Bot:
    api = TelegramAPIServer.from_base(emulator.url)
    return Bot(token or emulator.token, session=AiohttpSession(api=api))


@pytest.fixture
async def bot(emu: BotAPIEmulator) -> AsyncIterator[Bot]:
    client = make_bot(emu)
    yield client
    await client.session.close()


async def api(
    http: aiohttp.ClientSession,
    emu: BotAPIEmulator,
    method: str,
    *,
    token: str | None = None,
    verb: str = "POST",
    **kwargs: Any,
) -> tuple[int, dict[str, Any]]:
    url = f"{emu.url}/bot{token or emu.token}/{method}"
    async with http.request(verb, url, **kwargs) as response:
        return response.status, await response.json()


KEYBOARD = {"inline_keyboard": [[{"text": "Yes", "callback_data": "answer:yes"}]]}


# --------------------------------------------------------------------------- raw HTTP


async def test_get_me_is_case_insensitive_and_accepts_get(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    status, body = await api(http, emu, "GETME", verb="GET")
    assert status == 200
    assert body["ok"] is True
    assert body["result"]["is_bot"] is True
    assert body["result"]["username"] == "mediation_test_bot"
    assert emu.calls("getMe")[0].method == "getMe"


async def test_wrong_token_is_401_and_unknown_method_is_404(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    status, body = await api(http, emu, "getMe", token="123456:WRONG")
    assert (status, body["error_code"], body["description"]) == (401, 401, "Unauthorized")
    status, body = await api(http, emu, "sendTelepathy")
    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
    assert [r.status for r in emu.errors] == [401, 404]


async def test_send_message_accepts_json_and_form_bodies(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    status, body = await api(
        http,
        emu,
        "sendMessage",
        json={"chat_id": USER, "text": "<b>Hi</b> there", "parse_mode": "HTML"},
    )
    assert status == 200
    assert body["result"]["text"] == "Hi there"
    assert body["result"]["entities"] == [{"offset": 0, "length": 2, "type": "bold"}]
    assert body["result"]["from"]["is_bot"] is True
    assert body["result"]["chat"] == {"id": USER, "type": "private", "first_name": "Dolkar"}

    form = {"chat_id": str(USER), "text": "Choose", "reply_markup": json.dumps(KEYBOARD)}
    status, body = await api(http, emu, "sendMessage", data=form)
    assert status == 200
    assert body["result"]["reply_markup"] == KEYBOARD
    sent = emu.messages(USER)
    assert [m.text for m in sent] == ["<b>Hi</b> there", "Choose"]
    assert sent[0].rendered == "Hi there"
    assert sent[0].parse_mode == "HTML"
    assert sent[1].reply_markup == KEYBOARD
    assert sent[1].buttons() == [{"text": "Yes", "callback_data": "answer:yes"}]
    assert emu.calls("sendMessage")[1].params["chat_id"] == USER  # coerced from the form string


async def test_unknown_and_blocked_chats(emu: BotAPIEmulator, http: aiohttp.ClientSession) -> None:
    status, body = await api(http, emu, "sendMessage", json={"chat_id": 424242, "text": "x"})
    assert (status, body["description"]) == (400, "Bad Request: chat not found")
    emu.set_blocked(USER)
    status, body = await api(http, emu, "sendMessage", json={"chat_id": USER, "text": "x"})
    assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")
    assert emu.messages(USER) == []


async def test_validation_errors_store_nothing(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"text": ""}, "Bad Request: message text is empty"),
        ({"text": "😀" * 2049}, "Bad Request: message is too long"),  # 4098 UTF-16 units
        (
            {
                "text": "x",
                "reply_markup": {"inline_keyboard": [[{"text": "a", "callback_data": "я" * 33}]]},
            },
            "Bad Request: BUTTON_DATA_INVALID",
        ),
        (
            {"text": "x", "reply_markup": {"inline_keyboard": [[{"text": "a"}]]}},
            "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in "
            "the inline keyboard",
        ),
        (
            {"text": "a < b", "parse_mode": "HTML"},
            'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2',
        ),
    ]
    for extra, description in cases:
        status, body = await api(http, emu, "sendMessage", json={"chat_id": USER, **extra})
        assert (status, body["description"]) == (400, description), extra
    status, _ = await api(http, emu, "sendMessage", json={"chat_id": USER, "text": "😀" * 2048})
    assert status == 200
    assert len(emu.messages(USER)) == 1


async def test_get_updates_offset_limit_and_negative_offset(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    for text in ("one", "two", "three", "four"):
        emu.send_text(USER, text)
    status, body = await api(http, emu, "getUpdates", json={})
    assert status == 200
    assert [u["update_id"] for u in body["result"]] == [1, 2, 3, 4]
    assert emu.pending_updates == 4  # fetching alone acknowledges nothing

    _, body = await api(http, emu, "getUpdates", json={"offset": 3, "limit": 1})
    assert [u["message"]["text"] for u in body["result"]] == ["three"]
    assert emu.pending_updates == 2

    _, body = await api(http, emu, "getUpdates", data={"offset": "-1"})
    assert [u["update_id"] for u in body["result"]] == [4]
    assert emu.pending_updates == 1
    _, body = await api(http, emu, "getUpdates", json={"offset": 5})
    assert body["result"] == []
    assert emu.pending_updates == 0


async def test_long_poll_wakes_up_on_inject(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(api(http, emu, "getUpdates", json={"timeout": 5}))
    await asyncio.sleep(0.05)
    assert not poll.done()
    emu.send_text(USER, "/start")
    status, body = await poll
    assert status == 200
    assert time.monotonic() - started < 1
    message = body["result"][0]["message"]
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert message["from"]["language_code"] == "bo"


async def test_long_poll_times_out_with_empty_list(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    started = time.monotonic()
    status, body = await api(http, emu, "getUpdates", json={"timeout": 0.2})
    assert (status, body["result"]) == (200, [])
    assert time.monotonic() - started >= 0.19


async def test_newer_poll_terminates_older_with_409(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    first = asyncio.create_task(api(http, emu, "getUpdates", json={"timeout": 5}))
    await asyncio.sleep(0.05)
    second = asyncio.create_task(api(http, emu, "getUpdates", json={"timeout": 0.1}))
    status, body = await first
    assert status == 409
    assert body["description"].startswith("Conflict: terminated by other getUpdates request")
    assert (await second)[0] == 200


async def test_allowed_updates_filter_and_webhook_conflict(
    emu: BotAPIEmulator, http: aiohttp.ClientSession, receiver: Receiver
) -> None:
    emu.send_text(USER, "ignored")
    await api(
        http, emu, "sendMessage", json={"chat_id": USER, "text": "hi", "reply_markup": KEYBOARD}
    )
    emu.press(USER, 2, "answer:yes")
    _, body = await api(
        http, emu, "getUpdates", data={"allowed_updates": json.dumps(["callback_query"])}
    )
    assert [list(u)[1] for u in body["result"]] == ["callback_query"]
    assert emu.pending_updates == 1  # the message update was never generated

    receiver.answer = lambda update: 503  # keeps the update queued
    status, _ = await api(http, emu, "setWebhook", json={"url": receiver.url})
    assert status == 200
    status, body = await api(http, emu, "getUpdates", json={})
    assert status == 409
    _, body = await api(http, emu, "getWebhookInfo")
    assert body["result"]["url"] == receiver.url
    await api(http, emu, "deleteWebhook", json={"drop_pending_updates": True})
    assert emu.pending_updates == 0


async def test_edit_semantics(emu: BotAPIEmulator, http: aiohttp.ClientSession) -> None:
    _, body = await api(
        http, emu, "sendMessage", json={"chat_id": USER, "text": "Pick", "reply_markup": KEYBOARD}
    )
    message_id = body["result"]["message_id"]
    edit = {"chat_id": USER, "message_id": message_id, "text": "Pick", "reply_markup": KEYBOARD}
    status, body = await api(http, emu, "editMessageText", json=edit)
    assert status == 400
    assert body["description"].startswith("Bad Request: message is not modified")

    # Omitting reply_markup in editMessageText removes the keyboard, as on Telegram.
    status, body = await api(
        http, emu, "editMessageText", json={**edit, "text": "<i>Picked</i>", "parse_mode": "HTML"}
    )
    assert status == 200
    assert "edit_date" in body["result"]
    del edit["reply_markup"]
    status, body = await api(http, emu, "editMessageText", json={**edit, "text": "Picked"})
    assert status == 200
    assert "reply_markup" not in body["result"]
    last = emu.last_message(USER)
    assert (last.text, last.reply_markup, last.edits) == ("Picked", None, 2)

    status, body = await api(http, emu, "editMessageText", json={**edit, "message_id": 99})
    assert (status, body["description"]) == (400, "Bad Request: message to edit not found")
    status, _ = await api(http, emu, "deleteMessage", json={"chat_id": USER, "message_id": 1})
    assert status == 200
    status, body = await api(http, emu, "deleteMessage", json={"chat_id": USER, "message_id": 1})
    assert (status, body["description"]) == (400, "Bad Request: message to delete not found")
    assert emu.messages(USER) == []
    assert emu.messages(USER, include_deleted=True)[0].deleted is True


async def test_private_flood_limit_and_refill(http: aiohttp.ClientSession) -> None:
    limits = EmulatorLimits(private_per_second=20.0, private_burst=2)
    async with BotAPIEmulator(limits=limits) as emu:
        emu.user(USER)
        statuses = [
            (await api(http, emu, "sendMessage", json={"chat_id": USER, "text": f"m{i}"}))[0]
            for i in range(3)
        ]
        assert statuses == [200, 200, 429]
        body = emu.errors[0]
        assert body.description == "Too Many Requests: retry after 1"
        await asyncio.sleep(0.06)
        status, _ = await api(http, emu, "sendMessage", json={"chat_id": USER, "text": "later"})
        assert status == 200
        # Chat actions and reads are not throttled.
        status, _ = await api(
            http, emu, "sendChatAction", json={"chat_id": USER, "action": "typing"}
        )
        assert status == 200


async def test_rejected_request_consumes_nothing(http: aiohttp.ClientSession) -> None:
    limits = EmulatorLimits(global_per_second=3.0, private_per_second=0.001, private_burst=1)
    async with BotAPIEmulator(limits=limits) as emu:
        for uid in (1, 2, 3, 4):
            emu.user(uid)

        async def send(chat: int) -> int:
            return (await api(http, emu, "sendMessage", json={"chat_id": chat, "text": "x"}))[0]

        assert await send(1) == 200
        assert await send(1) == 429  # private bucket empty; the global token is not taken
        assert await send(2) == 200
        assert await send(3) == 200
        status, body = await api(http, emu, "sendMessage", json={"chat_id": 4, "text": "x"})
        assert (status, body["parameters"]) == (429, {"retry_after": 1})


async def test_group_window_limit(http: aiohttp.ClientSession) -> None:
    async with BotAPIEmulator(limits=EmulatorLimits(group_per_minute=2)) as emu:
        emu.add_group(GROUP, "Site 7 workers")
        emu.add_group(GROUP - 1, "Other site")
        results = [
            (await api(http, emu, "sendMessage", json={"chat_id": GROUP, "text": "x"}))[0]
            for _ in range(3)
        ]
        assert results == [200, 200, 429]
        status, body = await api(http, emu, "sendMessage", json={"chat_id": GROUP - 1, "text": "y"})
        assert status == 200
        assert body["result"]["chat"] == {
            "id": GROUP - 1,
            "type": "supergroup",
            "title": "Other site",
        }


async def test_callback_queries_are_tracked(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    _, body = await api(
        http, emu, "sendMessage", json={"chat_id": USER, "text": "Pick", "reply_markup": KEYBOARD}
    )
    message_id = body["result"]["message_id"]
    with pytest.raises(ValueError, match="no button"):
        emu.press(USER, message_id, "answer:no")
    update = emu.press(USER, message_id, "answer:yes")
    query = update["callback_query"]
    assert query["message"]["reply_markup"] == KEYBOARD
    assert query["message"]["text"] == "Pick"
    assert emu.unanswered_callbacks == [query["id"]]

    answer = {"callback_query_id": query["id"], "text": "Saved", "show_alert": "true"}
    status, _ = await api(http, emu, "answerCallbackQuery", data=answer)
    assert status == 200
    assert emu.unanswered_callbacks == []
    assert emu.callback_answer(query["id"]) == {"text": "Saved", "show_alert": True}
    status, body = await api(http, emu, "answerCallbackQuery", data=answer)
    assert status == 400
    assert "query is too old" in body["description"]


async def test_user_update_builders(emu: BotAPIEmulator) -> None:
    emu.add_group(GROUP, "Dispute 17", forum=True)
    contact = emu.send_contact(USER, "+8613800000000", "Dolkar", contact_user_id=USER)
    assert contact["message"]["contact"]["user_id"] == USER
    location = emu.send_location(USER, 39.47, 75.99)["message"]["location"]
    assert location == {"latitude": 39.47, "longitude": 75.99}
    photo = emu.send_photo(USER, caption="receipt")["message"]
    assert [p["width"] for p in photo["photo"]] == [90, 320, 800]
    assert photo["caption"] == "receipt"
    assert emu.send_voice(USER, duration=7)["message"]["voice"]["duration"] == 7
    document = emu.send_document(USER)["message"]["document"]
    assert (document["file_name"], document["mime_type"]) == ("contract.pdf", "application/pdf")
    assert emu.send_sticker(USER)["message"]["sticker"]["type"] == "regular"
    forwarded = emu.send_text(USER, "look", forward=True)["message"]
    assert forwarded["forward_origin"]["type"] == "hidden_user"
    in_group = emu.send_text(OTHER, "/help@mediation_test_bot", chat_id=GROUP)["message"]
    assert in_group["chat"]["type"] == "supergroup"
    assert in_group["entities"][0]["length"] == len("/help@mediation_test_bot")
    edited = emu.edit_text(USER, forwarded["message_id"], "look again")
    assert edited["edited_message"]["text"] == "look again"
    assert [u["update_id"] for u in [contact, edited]] == [1, 9]
    raw = emu.inject({"my_chat_member": {"chat": {"id": USER}}})
    assert raw["update_id"] == 10
    with pytest.raises(ValueError, match="add_group"):
        emu.send_text(USER, "x", chat_id=-5)


async def test_files_commands_members_and_copies(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    form = aiohttp.FormData()
    form.add_field("chat_id", str(USER))
    form.add_field("caption", "c" * 1025)
    form.add_field("photo", b"\xff\xd8jpeg", filename="p.jpg", content_type="image/jpeg")
    status, body = await api(http, emu, "sendPhoto", data=form)
    assert (status, body["description"]) == (400, "Bad Request: message caption is too long")

    form = aiohttp.FormData()
    form.add_field("chat_id", str(USER))
    form.add_field("document", "attach://f1")
    form.add_field("f1", b"hello", filename="note.txt", content_type="text/plain")
    status, body = await api(http, emu, "sendDocument", data=form)
    assert status == 200
    file_id = body["result"]["document"]["file_id"]
    _, body = await api(http, emu, "getFile", json={"file_id": file_id})
    async with http.get(f"{emu.url}/file/bot{emu.token}/{body['result']['file_path']}") as r:
        assert await r.read() == b"hello"
    status, body = await api(http, emu, "sendVoice", json={"chat_id": USER, "voice": "nope"})
    assert body["description"] == "Bad Request: wrong file identifier/HTTP URL specified"

    commands = [{"command": "start", "description": "Begin"}]
    scope = {"type": "chat", "chat_id": USER}
    await api(http, emu, "setMyCommands", json={"commands": commands, "language_code": "bo"})
    await api(http, emu, "setMyCommands", json={"commands": commands, "scope": scope})
    assert emu.bot_commands(language_code="bo") == commands
    assert emu.bot_commands({"type": "chat", "chat_id": USER}) == commands
    assert emu.bot_commands() is None
    _, body = await api(http, emu, "getMyCommands", data={"scope": json.dumps(scope)})
    assert body["result"] == commands
    bad = [{"command": "Start Now", "description": "x"}]
    status, body = await api(http, emu, "setMyCommands", json={"commands": bad})
    assert body["description"] == "Bad Request: BOT_COMMAND_INVALID"

    emu.add_group(GROUP, "Mediators")
    emu.set_chat_member(GROUP, USER, "administrator")
    _, own = await api(http, emu, "getChatMember", json={"chat_id": USER, "user_id": USER})
    _, admin = await api(http, emu, "getChatMember", json={"chat_id": GROUP, "user_id": USER})
    emu.user(OTHER)
    _, left = await api(http, emu, "getChatMember", json={"chat_id": GROUP, "user_id": OTHER})
    assert [own["result"]["status"], admin["result"]["status"], left["result"]["status"]] == [
        "member",
        "administrator",
        "left",
    ]

    emu.send_text(USER, "my complaint")
    source_id = 2  # the document above is message 1 in this chat
    _, body = await api(
        http,
        emu,
        "copyMessage",
        json={"chat_id": GROUP, "from_chat_id": USER, "message_id": source_id},
    )
    assert body["result"] == {"message_id": 1}
    _, body = await api(
        http,
        emu,
        "forwardMessage",
        json={"chat_id": GROUP, "from_chat_id": USER, "message_id": source_id},
    )
    assert body["result"]["forward_origin"]["sender_user"]["id"] == USER
    assert [m.rendered for m in emu.messages(GROUP)] == ["my complaint", "my complaint"]


async def test_private_chat_must_be_started_and_paths_are_json(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    emu.add_group(GROUP, "Workers")
    emu.send_text(OTHER, "hi all", chat_id=GROUP)  # OTHER is known but never wrote to the bot
    status, body = await api(http, emu, "sendMessage", json={"chat_id": OTHER, "text": "hi"})
    assert (status, body["description"]) == (
        403,
        "Forbidden: bot can't initiate conversation with a user",
    )
    status, body = await api(http, emu, "getChat", json={"chat_id": OTHER})
    assert (status, body["result"]["type"]) == (200, "private")
    emu.send_text(OTHER, "/start")
    status, _ = await api(http, emu, "sendMessage", json={"chat_id": OTHER, "text": "hi"})
    assert status == 200
    async with http.get(f"{emu.url}/nowhere") as response:
        assert response.status == 404
        assert (await response.json())["ok"] is False


async def test_stop_releases_pending_long_poll(http: aiohttp.ClientSession) -> None:
    emu = BotAPIEmulator()
    await emu.start()
    poll = asyncio.create_task(api(http, emu, "getUpdates", json={"timeout": 5}))
    await asyncio.sleep(0.05)
    started = time.monotonic()
    await emu.stop()
    assert await poll == (200, {"ok": True, "result": []})
    assert time.monotonic() - started < 1


async def test_wait_helpers(emu: BotAPIEmulator, http: aiohttp.ClientSession) -> None:
    with pytest.raises(TimeoutError, match="LookupError"):
        await emu.wait_for(lambda: emu.last_message(USER).text == "x", timeout=0.03)
    with pytest.raises(TimeoutError, match="1 bot message"):
        await emu.wait_for_messages(USER, 1, timeout=0.05)
    emu.send_text(USER, "hello")
    with pytest.raises(TimeoutError, match="pending updates: 1"):
        await emu.wait_idle(quiet=0.01, timeout=0.05)
    await api(http, emu, "getUpdates", json={"offset": 2})
    await emu.wait_idle(quiet=0.05, timeout=1)


# --------------------------------------------------------------------------- webhook


class Receiver:
    """A webhook endpoint on 127.0.0.1 that records what the emulator POSTs to it."""

    def __init__(self) -> None:
        self.answer: Callable[[dict[str, Any]], int] = lambda update: 200
        self.delay = 0.0  # seconds before answering
        self.updates: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.concurrent = 0
        self.max_concurrent = 0
        self.url = ""
        self.port = 0

    async def handle(self, request: web.Request) -> web.Response:
        self.concurrent += 1
        self.max_concurrent = max(self.max_concurrent, self.concurrent)
        try:
            update = await request.json()
            self.updates.append(update)
            self.headers.append(dict(request.headers))
            if self.delay:
                await asyncio.sleep(self.delay)
            status = self.answer(update)
            return web.json_response({"ok": status == 200}, status=status)
        finally:
            self.concurrent -= 1

    @property
    def ids(self) -> list[int]:
        return [u["update_id"] for u in self.updates]


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    target = Receiver()
    app = web.Application()
    app.router.add_post("/hook", target.handle)
    # A short shutdown_timeout: a handler left sleeping by a test must not slow teardown.
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    target.port = runner.addresses[0][1]
    target.url = f"http://127.0.0.1:{target.port}/hook"
    yield target
    await runner.cleanup()


@pytest.fixture
async def fast() -> AsyncIterator[BotAPIEmulator]:
    """An emulator retrying webhooks every few milliseconds."""
    async with BotAPIEmulator(webhook_retry_delay=0.01, webhook_max_retry_delay=0.04) as emulator:
        emulator.user(USER, "Dolkar", language_code="bo")
        yield emulator


async def test_webhook_delivers_in_order_with_secret_one_at_a_time(
    fast: BotAPIEmulator, receiver: Receiver
) -> None:
    receiver.delay = 0.01  # overlapping POSTs would show up in max_concurrent
    for text in ("one", "two"):
        fast.send_text(USER, text)  # queued before the webhook exists
    client = make_bot(fast)
    try:
        assert await client.set_webhook(
            receiver.url, secret_token="s3cret_-X", max_connections=5, allowed_updates=["message"]
        )
        for text in ("three", "four"):
            fast.send_text(USER, text)
        await fast.wait_idle(quiet=0.02, timeout=2)
        info = await client.get_webhook_info()
    finally:
        await client.session.close()
    assert receiver.ids == [1, 2, 3, 4]
    assert [u["message"]["text"] for u in receiver.updates] == ["one", "two", "three", "four"]
    assert all(h[SECRET_TOKEN_HEADER] == "s3cret_-X" for h in receiver.headers)
    assert all(h["Content-Type"] == "application/json" for h in receiver.headers)
    assert receiver.max_concurrent == 1
    assert fast.pending_updates == 0
    assert [(a.update_id, a.status, a.error) for a in fast.webhook_attempts] == [
        (i, 200, None) for i in (1, 2, 3, 4)
    ]
    assert (info.url, info.pending_update_count, info.max_connections) == (receiver.url, 0, 5)
    assert info.has_custom_certificate is False
    assert info.allowed_updates == ["message"]
    assert info.last_error_message is None


async def test_webhook_without_secret_sends_no_header_and_resolves_localhost(
    fast: BotAPIEmulator, http: aiohttp.ClientSession, receiver: Receiver
) -> None:
    url = f"http://localhost:{receiver.port}/hook"
    status, _ = await api(http, fast, "setWebhook", json={"url": url})
    assert status == 200
    fast.send_text(USER, "hello")
    await fast.wait_idle(quiet=0.02, timeout=2)
    assert receiver.ids == [1]
    assert SECRET_TOKEN_HEADER not in receiver.headers[0]


async def test_webhook_retries_server_error_and_delivers_once(
    fast: BotAPIEmulator, http: aiohttp.ClientSession, receiver: Receiver
) -> None:
    statuses = iter([500])
    receiver.answer = lambda update: next(statuses, 200)
    fast.send_text(USER, "first")
    fast.send_text(USER, "second")
    await api(http, fast, "setWebhook", json={"url": receiver.url})
    await fast.wait_idle(quiet=0.02, timeout=2)
    # Update 2 waited for update 1, which was sent again and then taken exactly once.
    assert receiver.ids == [1, 1, 2]
    attempts = fast.webhook_attempts
    assert [(a.update_id, a.status, a.delivered) for a in attempts] == [
        (1, 500, False),
        (1, 200, True),
        (2, 200, True),
    ]
    assert attempts[0].error == "Wrong response from the webhook: 500 Internal Server Error"
    assert attempts[1].at - attempts[0].at >= 0.01  # the backoff
    assert fast.pending_updates == 0


async def test_webhook_rejected_by_secret_stays_queued(
    fast: BotAPIEmulator, http: aiohttp.ClientSession, receiver: Receiver
) -> None:
    def check_secret(update: dict[str, Any]) -> int:
        return 200 if receiver.headers[-1].get(SECRET_TOKEN_HEADER) == "right" else 401

    receiver.answer = check_secret
    before = int(time.time())
    await api(http, fast, "setWebhook", json={"url": receiver.url, "secret_token": "wrong"})
    fast.send_text(USER, "hello")
    await fast.wait_for(lambda: len(fast.webhook_attempts) >= 3, timeout=2)
    assert {(a.update_id, a.status) for a in fast.webhook_attempts} == {(1, 401)}
    assert fast.pending_updates == 1
    _, body = await api(http, fast, "getWebhookInfo")
    info = body["result"]
    assert info["pending_update_count"] == 1
    assert info["last_error_message"] == "Wrong response from the webhook: 401 Unauthorized"
    assert info["last_error_date"] >= before
    with pytest.raises(TimeoutError, match="401 Unauthorized"):
        await fast.wait_idle(quiet=0.01, timeout=0.05)

    # Fixing the secret delivers the update that waited, once.
    await api(http, fast, "setWebhook", json={"url": receiver.url, "secret_token": "right"})
    await fast.wait_idle(quiet=0.02, timeout=2)
    assert [a.status for a in fast.webhook_attempts].count(200) == 1
    assert fast.pending_updates == 0


async def test_webhook_timeout_and_refused_connection_are_retried(
    http: aiohttp.ClientSession, receiver: Receiver
) -> None:
    async with BotAPIEmulator(
        webhook_timeout=0.05, webhook_retry_delay=0.01, webhook_max_retry_delay=0.02
    ) as emu:
        emu.user(USER, "Dolkar")
        receiver.delay = 0.2
        emu.send_text(USER, "slow")
        await api(http, emu, "setWebhook", json={"url": receiver.url})
        await emu.wait_for(lambda: bool(emu.webhook_attempts), timeout=2)
        receiver.delay = 0
        await emu.wait_idle(quiet=0.02, timeout=2)
        first, *_, last = emu.webhook_attempts
        assert (first.status, first.error) == (None, "Read timeout expired")
        assert (last.status, last.delivered) == (200, True)

        # Nothing listens on a port just given back by the OS.
        probe = web.AppRunner(web.Application(), access_log=None)
        await probe.setup()
        site = web.TCPSite(probe, "127.0.0.1", 0)
        await site.start()
        free_port = probe.addresses[0][1]
        await probe.cleanup()
        await api(http, emu, "setWebhook", json={"url": f"http://127.0.0.1:{free_port}/"})
        emu.send_text(USER, "nobody home")
        await emu.wait_for(lambda: emu.webhook_attempts[-1].update_id == 2, timeout=2)
        assert emu.webhook_attempts[-1].error == "Connection refused"


async def test_delete_webhook_hands_the_rest_to_get_updates(
    fast: BotAPIEmulator, http: aiohttp.ClientSession, receiver: Receiver
) -> None:
    receiver.answer = lambda update: 200 if update["update_id"] == 1 else 503
    await api(http, fast, "setWebhook", json={"url": receiver.url})
    for text in ("one", "two", "three"):
        fast.send_text(USER, text)
    await fast.wait_for(lambda: receiver.ids.count(2) >= 2, timeout=2)
    assert 3 not in receiver.ids  # blocked behind update 2

    status, _ = await api(http, fast, "deleteWebhook", json={})
    assert status == 200
    sent = len(receiver.updates)
    _, body = await api(http, fast, "getUpdates", json={})
    assert [u["message"]["text"] for u in body["result"]] == ["two", "three"]
    _, body = await api(http, fast, "getWebhookInfo")
    assert body["result"] == {"url": "", "has_custom_certificate": False, "pending_update_count": 2}
    await asyncio.sleep(0.1)
    assert len(receiver.updates) == sent  # delivery stopped


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/hook",
        "http://10.0.0.1:8080/hook",
        "http://127.0.0.2/hook",
        "http://0x7f000001/hook",
        "http://127.0.0.1@example.org/hook",
        "http://localhost.example.org/hook",
        "ftp://127.0.0.1/hook",
        "127.0.0.1:8080/hook",
        "http://127.0.0.1:99999/hook",
    ],
)
async def test_set_webhook_refuses_urls_off_the_machine(
    emu: BotAPIEmulator, http: aiohttp.ClientSession, url: str
) -> None:
    status, body = await api(http, emu, "setWebhook", json={"url": url})
    assert status == 400
    assert body["description"].startswith("Bad Request: bad webhook: ")
    assert emu.webhook_url is None
    assert (await api(http, emu, "getUpdates", json={}))[0] == 200


async def test_set_webhook_validates_secret_and_max_connections(
    emu: BotAPIEmulator, http: aiohttp.ClientSession, receiver: Receiver
) -> None:
    bad: list[dict[str, Any]] = [
        {"secret_token": "has space"},
        {"secret_token": "x" * 257},
        {"max_connections": 101},
    ]
    for extra in bad:
        status, _ = await api(http, emu, "setWebhook", json={"url": receiver.url, **extra})
        assert status == 400, extra
    assert emu.webhook_url is None
    for url in (f"http://[::1]:{receiver.port}/hook", f"https://LOCALHOST:{receiver.port}/h"):
        status, _ = await api(http, emu, "setWebhook", json={"url": url})
        assert status == 200, url
    status, _ = await api(http, emu, "setWebhook", json={"url": ""})  # same as deleteWebhook
    assert (status, emu.webhook_url) == (200, None)


async def test_stop_cancels_webhook_delivery(
    http: aiohttp.ClientSession, receiver: Receiver
) -> None:
    emu = BotAPIEmulator(webhook_retry_delay=0.01)
    await emu.start()
    emu.user(USER, "Dolkar")
    receiver.delay = 5  # the POST is still in flight when the emulator stops
    await api(http, emu, "setWebhook", json={"url": receiver.url})
    emu.send_text(USER, "hello")
    await emu.wait_for(lambda: bool(receiver.updates), timeout=2)
    started = time.monotonic()
    await emu.stop()
    assert time.monotonic() - started < 1
    assert emu.webhook_attempts == []  # the aborted POST is no answer
    assert emu.pending_updates == 1
    assert emu.webhook_url == receiver.url  # still registered, as on Telegram


# --------------------------------------------------------------------------- formatting


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("1 <2", "Unclosed start tag at byte offset 2"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("Q&A", 'Unescaped "&" at byte offset 1'),
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
    ],
)
def test_html_rejections(text: str, error: str) -> None:
    with pytest.raises(EntityParseError, match="^" + error.replace("(", r"\(")):
        parse_formatted_text(text, "HTML")


def test_html_entities_and_utf16_offsets() -> None:
    text, entities = parse_formatted_text(
        '😀 <b>ལྷ</b> &lt;ok&gt; &#39;x&#x27; <a href="https://t.me/?a=1&amp;b=2">link</a> '
        '<span class="tg-spoiler">s</span> <pre><code class="language-python">x</code></pre> '
        "<blockquote expandable>q</blockquote>",
        "html",
    )
    assert text == "😀 ལྷ <ok> 'x' link s x q"
    assert entities == [
        {"offset": 3, "length": 2, "type": "bold"},
        {"offset": 15, "length": 4, "type": "text_link", "url": "https://t.me/?a=1&b=2"},
        {"offset": 20, "length": 1, "type": "spoiler"},
        {"offset": 22, "length": 1, "type": "pre", "language": "python"},
        {"offset": 24, "length": 1, "type": "expandable_blockquote"},
    ]
    assert utf16_len("😀") == 2
    assert parse_formatted_text("  <b> padded </b>  ", "HTML") == (
        "padded",
        [{"offset": 0, "length": 6, "type": "bold"}],
    )
    assert parse_formatted_text("Q&A", "HTML", strict_ampersand=False)[0] == "Q&A"


def test_markdown_dialects() -> None:
    text, entities = parse_formatted_text(r"*bold* _it_ __u__ [a](https://x.y) 1\.5", "MarkdownV2")
    assert text == "bold it u a 1.5"
    assert [e["type"] for e in entities] == ["bold", "italic", "underline", "text_link"]
    with pytest.raises(EntityParseError, match=r"Character '\.' is reserved"):
        parse_formatted_text("Done.", "MarkdownV2")
    with pytest.raises(EntityParseError, match="Can't find end of Bold entity at byte offset 0"):
        parse_formatted_text("*open", "MarkdownV2")
    assert parse_formatted_text("*b* done.", "Markdown") == (
        "b done.",
        [{"offset": 0, "length": 1, "type": "bold"}],
    )


# --------------------------------------------------------------------------- forums and replies


async def send(
    http: aiohttp.ClientSession, emu: BotAPIEmulator, **params: Any
) -> tuple[int, dict[str, Any]]:
    """sendMessage with JSON params; (status, body)."""
    return await api(http, emu, "sendMessage", json=params)


async def test_forum_topics_are_created_edited_and_closed(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    emu.add_group(GROUP, "Mediators", forum=True)
    emu.add_group(-100777, "Plain group")
    status, body = await api(
        http, emu, "createForumTopic", json={"chat_id": -100777, "name": "Case 1"}
    )
    assert (status, body["description"]) == (400, "Bad Request: the chat is not a forum")
    status, body = await api(http, emu, "createForumTopic", json={"chat_id": GROUP, "name": "X"})
    assert body["description"] == "Bad Request: not enough rights to create a topic"

    emu.set_chat_member(GROUP, emu.bot_id, "administrator")
    _, first = await api(http, emu, "createForumTopic", json={"chat_id": GROUP, "name": "Case 1"})
    _, second = await api(
        http,
        emu,
        "createForumTopic",
        data={"chat_id": str(GROUP), "name": "Case 2", "icon_color": "16766590"},
    )
    one, two = first["result"], second["result"]
    assert one == {
        "message_thread_id": one["message_thread_id"],
        "name": "Case 1",
        "icon_color": 7322096,
    }
    assert two["icon_color"] == 16766590
    assert one["message_thread_id"] != two["message_thread_id"]
    assert emu.topics(GROUP) == {
        one["message_thread_id"]: "Case 1",
        two["message_thread_id"]: "Case 2",
    }
    assert emu.topics(-100777) == {}

    refusals: list[tuple[dict[str, Any], str]] = [
        ({"name": ""}, "TOPIC_TITLE_EMPTY"),
        ({"name": "n" * 129}, "TOPIC_TITLE_TOO_LONG"),
        ({"name": "ok", "icon_color": 123}, "TOPIC_ICON_COLOR_INVALID"),
    ]
    for params, error in refusals:
        status, body = await api(http, emu, "createForumTopic", json={"chat_id": GROUP, **params})
        assert (status, body["description"]) == (400, f"Bad Request: {error}")
    assert len(emu.topics(GROUP)) == 2

    thread = one["message_thread_id"]
    edit = {"chat_id": GROUP, "message_thread_id": thread, "name": "Case 1 (paid)"}
    status, body = await api(http, emu, "editForumTopic", json=edit)
    assert (status, body["result"]) == (200, True)
    assert emu.topics(GROUP)[thread] == "Case 1 (paid)"
    status, body = await api(http, emu, "editForumTopic", json=edit)
    assert body["description"] == "Bad Request: TOPIC_NOT_MODIFIED"
    for method in ("editForumTopic", "closeForumTopic"):
        status, body = await api(
            http, emu, method, json={"chat_id": GROUP, "message_thread_id": 999, "name": "x"}
        )
        assert (status, body["description"]) == (400, "Bad Request: TOPIC_ID_INVALID")

    close = {"chat_id": GROUP, "message_thread_id": thread}
    status, body = await api(http, emu, "closeForumTopic", json=close)
    assert (status, body["result"]) == (200, True)
    assert emu.forum_topic(GROUP, thread) == {
        "message_thread_id": thread,
        "name": "Case 1 (paid)",
        "icon_color": 7322096,
        "is_closed": True,
    }
    assert emu.forum_topic(GROUP, 999) is None
    # An admin bot may still post in a closed topic; a plain member may not.
    status, _ = await send(http, emu, chat_id=GROUP, message_thread_id=thread, text="closed")
    assert status == 200
    emu.set_chat_member(GROUP, emu.bot_id, "member")
    status, body = await send(http, emu, chat_id=GROUP, message_thread_id=thread, text="closed")
    assert (status, body["description"]) == (400, "Bad Request: TOPIC_CLOSED")
    await api(http, emu, "reopenForumTopic", json=close)
    status, _ = await send(http, emu, chat_id=GROUP, message_thread_id=thread, text="open")
    assert status == 200


async def test_messages_in_topics_and_replies(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    emu.add_group(GROUP, "Mediators", forum=True)
    emu.add_group(-100777, "Plain group")
    case = emu.add_topic(GROUP, "Case 7")
    other = emu.add_topic(GROUP, "Case 8")

    status, body = await send(http, emu, chat_id=GROUP, message_thread_id=case, text="new case")
    assert status == 200
    assert (body["result"]["message_thread_id"], body["result"]["is_topic_message"]) == (case, True)
    status, body = await send(http, emu, chat_id=GROUP, message_thread_id=4242, text="lost")
    assert (status, body["description"]) == (400, "Bad Request: message thread not found")
    # Outside a forum the thread is ignored, as Telegram does.
    status, body = await send(http, emu, chat_id=-100777, message_thread_id=4242, text="plain")
    assert status == 200
    assert "message_thread_id" not in body["result"]

    first = emu.last_message(GROUP)
    assert (first.message_thread_id, first.reply_to_message_id) == (case, None)
    # A reply by reply_parameters without a thread lands in the replied message's topic.
    status, body = await send(
        http,
        emu,
        chat_id=GROUP,
        text="follow-up",
        reply_parameters={"message_id": first.message_id},
    )
    assert body["result"]["reply_to_message"]["message_id"] == first.message_id
    reply = emu.last_message(GROUP)
    assert (reply.message_thread_id, reply.reply_to_message_id) == (case, first.message_id)
    # The old reply_to_message_id form works as well, with copyMessage too.
    complaint = emu.send_text(USER, "my complaint")["message"]["message_id"]
    status, body = await api(
        http,
        emu,
        "copyMessage",
        json={
            "chat_id": GROUP,
            "from_chat_id": USER,
            "message_id": complaint,
            "message_thread_id": other,
            "reply_to_message_id": first.message_id,
            "caption": "ignored: not a captioned message",
        },
    )
    assert status == 200
    copied = emu.last_message(GROUP)
    assert (copied.rendered, copied.message_thread_id) == ("my complaint", other)
    assert copied.reply_to_message_id == first.message_id
    status, body = await api(
        http,
        emu,
        "copyMessage",
        json={
            "chat_id": GROUP,
            "from_chat_id": USER,
            "message_id": complaint,
            "message_thread_id": 999,
        },
    )
    assert (status, body["description"]) == (400, "Bad Request: message thread not found")
    status, body = await send(http, emu, chat_id=GROUP, text="x", reply_to_message_id=999)
    assert body["description"] == "Bad Request: message to be replied not found"

    assert [m.rendered for m in emu.messages(GROUP, thread=case)] == ["new case", "follow-up"]
    assert [m.rendered for m in emu.messages(GROUP, thread=other)] == ["my complaint"]
    assert len(emu.messages(GROUP)) == 3


async def test_group_users_reply_to_the_bot(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    emu.add_group(GROUP, "Mediators", forum=True)
    case = emu.add_topic(GROUP, "Case 7")
    _, body = await send(
        http, emu, chat_id=GROUP, message_thread_id=case, text="<b>Offer?</b>", parse_mode="HTML"
    )
    bot_message = body["result"]["message_id"]

    update = emu.send_text(OTHER, "accepted", chat_id=GROUP, reply_to=bot_message)
    message = update["message"]
    assert message["reply_to_message"]["message_id"] == bot_message
    assert message["reply_to_message"]["from"]["is_bot"] is True
    assert message["reply_to_message"]["text"] == "Offer?"
    assert (message["message_thread_id"], message["is_topic_message"]) == (case, True)

    photo = emu.send_photo(OTHER, caption="proof", chat_id=GROUP, reply_to=bot_message)["message"]
    assert (photo["chat"]["id"], photo["reply_to_message"]["message_id"]) == (GROUP, bot_message)
    voice = emu.send_voice(OTHER, chat_id=GROUP, message_thread_id=case)["message"]
    assert (voice["message_thread_id"], "reply_to_message" not in voice) == (case, True)
    document = emu.send_document(OTHER, "deal.pdf", chat_id=GROUP, reply_to=photo["message_id"])
    # Replies nest one level deep, as Telegram sends them.
    assert "reply_to_message" not in document["message"]["reply_to_message"]
    assert emu.send_photo(USER)["message"]["chat"]["type"] == "private"

    with pytest.raises(ValueError, match="no message 999"):
        emu.send_text(OTHER, "?", chat_id=GROUP, reply_to=999)
    with pytest.raises(ValueError, match="no topic 4242"):
        emu.send_text(OTHER, "?", chat_id=GROUP, message_thread_id=4242)
    with pytest.raises(ValueError, match="not a forum"):
        emu.add_topic(USER, "nope")


async def test_chat_member_statuses(emu: BotAPIEmulator, http: aiohttp.ClientSession) -> None:
    emu.add_group(GROUP, "Mediators")
    emu.user(OTHER)
    emu.set_chat_member(GROUP, USER, "kicked")
    emu.set_chat_member(GROUP, 3003, "restricted")  # never wrote to the bot: still a known user

    async def status_of(user_id: int) -> tuple[int, dict[str, Any]]:
        return await api(http, emu, "getChatMember", json={"chat_id": GROUP, "user_id": user_id})

    _, kicked = await status_of(USER)
    _, left = await status_of(OTHER)
    _, restricted = await status_of(3003)
    _, bot = await status_of(emu.bot_id)
    assert [m["result"]["status"] for m in (kicked, left, restricted, bot)] == [
        "kicked",
        "left",
        "restricted",
        "member",
    ]
    assert left["result"]["user"]["id"] == OTHER
    status, body = await status_of(4004)
    assert (status, body["description"]) == (400, "Bad Request: user not found")
    emu.send_text(OTHER, "hello", chat_id=GROUP)  # posting in a group makes one a member
    _, member = await status_of(OTHER)
    assert member["result"]["status"] == "member"


async def test_callback_answer_records_show_alert(
    emu: BotAPIEmulator, http: aiohttp.ClientSession
) -> None:
    _, body = await send(http, emu, chat_id=USER, text="Pick", reply_markup=KEYBOARD)
    query = emu.press(USER, body["result"]["message_id"], "answer:yes")["callback_query"]
    answer = {"callback_query_id": query["id"], "text": "Only mediators", "show_alert": True}
    status, _ = await api(http, emu, "answerCallbackQuery", json=answer)
    assert status == 200
    assert emu.callback_answer(query["id"]) == {"text": "Only mediators", "show_alert": True}


# --------------------------------------------------------------------------- real aiogram


async def test_aiogram_send_poll_press_and_ack(emu: BotAPIEmulator, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.username, me.is_bot) == ("mediation_test_bot", True)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Yes", callback_data="answer:yes")]]
    )
    sent = await bot.send_message(USER, "Agree?", reply_markup=markup)
    assert sent.reply_markup is not None
    assert sent.reply_markup.model_dump() == markup.model_dump()
    assert sent.chat.type == "private"

    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    emu.send_text(USER, "I agree")
    updates = await poll
    assert updates[0].message is not None
    assert updates[0].message.text == "I agree"

    emu.press(USER, sent.message_id, "answer:yes")
    updates = await bot.get_updates(offset=updates[-1].update_id + 1, timeout=1)
    query = updates[0].callback_query
    assert query is not None
    assert query.data == "answer:yes"
    assert isinstance(query.message, Message)
    assert query.message.reply_markup is not None
    assert query.message.reply_markup.model_dump() == markup.model_dump()
    assert emu.pending_updates == 1
    assert await query.answer("ok") is True
    assert await bot.get_updates(offset=updates[-1].update_id + 1) == []
    assert emu.pending_updates == 0
    assert emu.unanswered_callbacks == []


async def test_aiogram_edit_and_validation_errors(emu: BotAPIEmulator, bot: Bot) -> None:
    sent = await bot.send_message(USER, "<b>Step 1</b>", parse_mode="HTML")
    edited = await bot.edit_message_text(
        text="<b>Step 2</b>", chat_id=USER, message_id=sent.message_id, parse_mode="HTML"
    )
    assert isinstance(edited, Message)
    assert edited.text == "Step 2"
    assert edited.edit_date is not None
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            text="<strong>Step 2</strong>",
            chat_id=USER,
            message_id=sent.message_id,
            parse_mode="HTML",
        )
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(USER, "x" * 4097)
    too_long_data = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="x", callback_data="d" * 65)]]
    )
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(USER, "x", reply_markup=too_long_data)
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(USER, "<b>unclosed", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(text="x", chat_id=USER, message_id=999)
    assert [m.rendered for m in emu.messages(USER)] == ["Step 2"]


async def test_aiogram_retry_after(emu: BotAPIEmulator) -> None:
    emu.limits = EmulatorLimits(private_per_second=0.01, private_burst=2)
    client = make_bot(emu)
    try:
        await client.send_message(USER, "1")
        await client.send_message(USER, "2")
        with pytest.raises(TelegramRetryAfter) as caught:
            await client.send_message(USER, "3")
        assert caught.value.retry_after == 1
    finally:
        await client.session.close()
    assert len(emu.messages(USER)) == 2


class _UnknownMethod(TelegramMethod[bool]):
    __returning__ = bool
    __api_method__ = "sendTelepathy"


async def test_aiogram_auth_and_unknown_method(emu: BotAPIEmulator, bot: Bot) -> None:
    wrong = make_bot(emu, token="123456:WRONG-TOKEN")
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await wrong.get_me()
    finally:
        await wrong.session.close()
    with pytest.raises(TelegramNotFound, match="method not found"):
        await bot(_UnknownMethod())


async def test_aiogram_files_chat_and_commands(emu: BotAPIEmulator, bot: Bot) -> None:
    photo = await bot.send_photo(
        USER,
        BufferedInputFile(b"\xff\xd8jpeg", filename="a.jpg"),
        caption="<i>proof</i>",
        parse_mode="HTML",
    )
    assert photo.photo is not None
    assert photo.caption == "proof"
    again = await bot.send_photo(USER, photo.photo[-1].file_id)
    assert again.photo is not None
    assert again.photo[-1].file_id == photo.photo[-1].file_id
    voice = await bot.send_voice(USER, BufferedInputFile(b"OggS", filename="v.ogg"))
    assert voice.voice is not None
    file = await bot.get_file(voice.voice.file_id)
    assert file.file_path is not None
    assert [m.kind for m in emu.messages(USER)] == ["photo", "photo", "voice"]

    chat = await bot.get_chat(USER)
    assert chat.first_name == "Dolkar"
    member = await bot.get_chat_member(USER, USER)
    assert member.status == "member"
    await bot.set_my_commands(
        [BotCommand(command="start", description="ཨ")],
        scope=BotCommandScopeChat(chat_id=USER),
        language_code="bo",
    )
    assert emu.bot_commands({"type": "chat", "chat_id": USER}, "bo") == [
        {"command": "start", "description": "ཨ"}
    ]
    assert await bot.send_chat_action(USER, "typing") is True


async def test_aiogram_dispatcher_polling_end_to_end(emu: BotAPIEmulator) -> None:
    dp = Dispatcher()

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        markup = InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="OK", callback_data="ok")]]
        )
        await message.answer(f"echo: {message.text}", reply_markup=markup)

    @dp.callback_query(F.data == "ok")
    async def pressed(query: CallbackQuery) -> None:
        await query.answer("done")
        assert isinstance(query.message, Message)
        await query.message.edit_text("confirmed")

    client = make_bot(emu)
    polling = asyncio.create_task(dp.start_polling(client, polling_timeout=1, handle_signals=False))
    try:
        emu.send_text(USER, "hello")
        (reply,) = await emu.wait_for_messages(USER, 1, timeout=5)
        assert reply.text == "echo: hello"
        emu.press(USER, reply.message_id, "ok")
        await emu.wait_for(lambda: emu.last_message(USER).text == "confirmed", timeout=5)
        await emu.wait_idle(quiet=0.1, timeout=5)
        assert emu.unanswered_callbacks == []
        assert emu.errors == []
    finally:
        await dp.stop_polling()
        await polling


# ------------------------------------------------------------------ real python-telegram-bot


async def test_python_telegram_bot_client(emu: BotAPIEmulator) -> None:
    import telegram

    async with telegram.Bot(emu.token, base_url=f"{emu.url}/bot") as ptb:
        me = await ptb.get_me()
        assert me.username == "mediation_test_bot"
        markup = telegram.InlineKeyboardMarkup(
            [[telegram.InlineKeyboardButton("Yes", callback_data="y")]]
        )
        sent = await ptb.send_message(USER, "<b>Agree?</b>", parse_mode="HTML", reply_markup=markup)
        assert sent.text == "Agree?"
        assert sent.reply_markup == markup
        emu.send_text(USER, "/start")
        emu.press(USER, sent.message_id, "y")
        updates = await ptb.get_updates(timeout=1)
        assert updates[0].message is not None
        assert updates[0].message.text == "/start"
        assert updates[1].callback_query is not None
        assert updates[1].callback_query.data == "y"
        await updates[1].callback_query.answer()
        assert await ptb.get_updates(offset=updates[-1].update_id + 1) == ()
        edited = await ptb.edit_message_text("Agreed", chat_id=USER, message_id=sent.message_id)
        assert isinstance(edited, telegram.Message)
        assert edited.reply_markup is None
        with pytest.raises(telegram.error.BadRequest, match="Message is not modified"):
            await ptb.edit_message_text("Agreed", chat_id=USER, message_id=sent.message_id)
    assert emu.pending_updates == 0
    assert emu.unanswered_callbacks == []


async def test_python_telegram_bot_application_polling(emu: BotAPIEmulator) -> None:
    from telegram import InputFile, Update
    from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("<b>Welcome</b>", parse_mode="HTML")
        await update.effective_message.reply_document(InputFile(b"terms", filename="terms.txt"))

    app = ApplicationBuilder().token(emu.token).base_url(f"{emu.url}/bot").build()
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            emu.send_text(USER, "/start")
            welcome, terms = await emu.wait_for_messages(USER, 2, timeout=5)
            await emu.wait_idle(quiet=0.05, timeout=5)
        finally:
            await app.updater.stop()
            await app.stop()
    assert (welcome.rendered, welcome.entities[0]["type"]) == ("Welcome", "bold")
    assert terms.kind == "document"
    assert terms.raw["document"]["file_name"] == "terms.txt"
    assert emu.errors == []
