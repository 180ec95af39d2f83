"""The outbox sender against the emulator: pacing, order, 429, blocked users, lost groups."""

from __future__ import annotations

import itertools
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.clock import SystemClock
from bot.delivery import FailureKind, OutboxSender, classify_rejection
from bot.handlers.render import Renderer, split_payload
from bot.i18n import default_translator
from bot.pacing import FloodLimits
from bot.storage import Database, OutboxStatus
from bot.telegram.aiogram_runtime import AiogramGateway, build_bot
from bot.telegram.emulator import BotAPIEmulator, EmulatorLimits
from tests.e2e.conftest import TOKEN
from tests.factories import new_case

pytestmark = pytest.mark.e2e
CHAT = 8080
USERS = (7001, 7002, 7003)
GROUP = -100700
ADMINS = frozenset({9001, 9002})


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


# ---- pacing, 429, unreachable chats, long texts -------------------------------------------


@asynccontextmanager
async def running(
    emulator: BotAPIEmulator, db: Database, limits: FloodLimits, **options: Any
) -> AsyncIterator[OutboxSender]:
    """A sender with the real aiogram gateway, running in the background."""
    bot = build_bot(TOKEN, emulator.url)
    sender = OutboxSender(db, AiogramGateway(bot), SystemClock(), limits=limits, **options)
    sender.start()
    try:
        yield sender
    finally:
        await sender.stop(flush_timeout=0.5)
        await bot.session.close()


@asynccontextmanager
async def manual(
    emulator: BotAPIEmulator, db: Database, limits: FloodLimits, **options: Any
) -> AsyncIterator[OutboxSender]:
    """A sender the test drains by hand."""
    bot = build_bot(TOKEN, emulator.url)
    try:
        yield OutboxSender(db, AiogramGateway(bot), SystemClock(), limits=limits, **options)
    finally:
        await bot.session.close()


def texts(emulator: BotAPIEmulator, chat_id: int) -> list[str | None]:
    return [m.text for m in emulator.messages(chat_id)]


def sends(emulator: BotAPIEmulator, chat_id: int) -> list[Any]:
    return [
        r
        for r in emulator.requests
        if r.method == "sendMessage" and int(r.params.get("chat_id", 0)) == chat_id
    ]


async def statuses(db: Database, chat_id: int) -> list[OutboxStatus]:
    async with db.transaction() as tx:
        items = [await tx.outbox.get(i) for i in range(1, 200)]
    return [item.status for item in items if item is not None and item.chat_id == chat_id]


async def test_paced_burst_never_meets_a_flood_limit(db: Database) -> None:
    limits = FloodLimits(
        global_per_second=10, private_per_second=4, private_burst=2, group_per_minute=4
    )
    emulator_limits = EmulatorLimits(
        global_per_second=10, private_per_second=4, private_burst=2, group_per_minute=4
    )
    async with BotAPIEmulator(TOKEN, limits=emulator_limits) as emu:
        for user in USERS:
            emu.user(user)
        emu.add_group(GROUP, "调解员群")
        expected: dict[int, list[str]] = {GROUP: [f"群消息 {n}" for n in range(4)]}
        expected |= {user: [f"{user} 的消息 {n}" for n in range(7)] for user in USERS}
        for n in range(7):
            for chat_id, wanted in expected.items():
                if n < len(wanted):
                    await queue(db, chat_id, wanted[n])
        async with running(emu, db, limits):
            await emu.wait_for(lambda: len(emu.messages(USERS[-1])) == 7, timeout=15)
            await emu.wait_for(lambda: all(len(emu.messages(c)) == 4 for c in [GROUP]))
            await emu.wait_for(lambda: all(len(emu.messages(u)) == 7 for u in USERS))
        assert emu.errors == []  # not a single 429
        for chat_id, wanted in expected.items():
            assert texts(emu, chat_id) == wanted
            assert await statuses(db, chat_id) == [OutboxStatus.SENT] * len(wanted)
        # 25 messages at 10/s after a burst of 10 take 1.5 s; 7 to one user at 4/s after
        # a burst of 2 take 1.25 s: pacing, not luck, kept the emulator quiet.
        calls = [r.at for r in emu.requests if r.method == "sendMessage"]
        assert len(calls) == 25
        assert max(calls) - min(calls) >= 1.5 - 0.01
        for user in USERS:
            user_calls = [r.at for r in sends(emu, user)]
            assert max(user_calls) - min(user_calls) >= 1.25 - 0.01


async def test_429_pauses_only_that_chat(db: Database) -> None:
    # The emulator is stricter with groups than the sender believes: the group meets 429.
    emulator_limits = EmulatorLimits(
        global_per_second=100, private_per_second=4, private_burst=2, group_per_minute=2
    )
    limits = FloodLimits(100, private_per_second=4, private_burst=2, group_per_minute=20)
    async with BotAPIEmulator(TOKEN, limits=emulator_limits) as emu:
        users = USERS[:2]
        for user in users:
            emu.user(user)
        emu.add_group(GROUP, "调解员群")
        await queue(db, GROUP, *[f"群消息 {n}" for n in range(4)])
        for user in users:
            await queue(db, user, *[f"{user}: {n}" for n in range(5)])
        async with running(emu, db, limits):
            await emu.wait_for(lambda: all(len(emu.messages(u)) == 5 for u in users), timeout=10)
        flooded = [r.at for r in emu.errors if r.status == 429]
        assert flooded
        assert {int(r.params["chat_id"]) for r in emu.errors} == {GROUP}
        # The group waits retry_after (1 s) between tries: no hammering...
        assert all(later - earlier >= 0.95 for earlier, later in itertools.pairwise(flooded))
        # ...while the private chats went on, in order, and finished after the 429.
        for user in users:
            assert texts(emu, user) == [f"{user}: {n}" for n in range(5)]
            assert max(r.at for r in sends(emu, user)) > flooded[0]
        assert texts(emu, GROUP) == ["群消息 0", "群消息 1"]
        assert await statuses(db, GROUP) == [OutboxStatus.SENT] * 2 + [OutboxStatus.PENDING] * 2


async def test_429_in_several_chats_at_once_pauses_everything(db: Database) -> None:
    groups = [GROUP, GROUP - 1, GROUP - 2]
    emulator_limits = EmulatorLimits(global_per_second=100, group_per_minute=1)
    async with BotAPIEmulator(TOKEN, limits=emulator_limits) as emu:
        for group in groups:
            emu.add_group(group, f"群 {group}")
            await queue(db, group, "第一条", "第二条")
        async with manual(emu, db, FloodLimits(100, group_per_minute=20)) as sender:
            await sender.drain()
            assert len(emu.errors) == 3  # each group's second message, once
            # Three chats flooded within a second: the bot as a whole is over the limit.
            assert sender.flood.wait(CHAT, time.monotonic()) > 0.5
            assert await sender.drain() == 0  # nothing more is tried while paused
        assert len(emu.errors) == 3


@pytest.fixture
async def open_emulator() -> AsyncIterator[BotAPIEmulator]:
    async with BotAPIEmulator(TOKEN, limits=EmulatorLimits.unlimited()) as emu:
        yield emu


async def test_blocked_reporter_is_marked_unreachable_and_not_hammered(
    open_emulator: BotAPIEmulator, db: Database
) -> None:
    emu, blocked, other = open_emulator, USERS[0], USERS[1]
    emu.user(blocked, "马明")
    emu.user(other, "Pema")
    async with db.transaction() as tx:
        cases = [
            await tx.cases.create(new_case(reporter_telegram_id=blocked), SystemClock().now())
            for _ in range(2)
        ]
    emu.set_blocked(blocked)
    await queue(db, blocked, "一", "二", "三")
    await queue(db, other, "still delivered")
    async with manual(emu, db, FloodLimits.unlimited()) as sender:
        assert await sender.drain() == 4
        assert len(sends(emu, blocked)) == 1  # one refusal; the rest failed without asking
        assert await statuses(db, blocked) == [OutboxStatus.FAILED] * 3
        assert texts(emu, other) == ["still delivered"]
        async with db.transaction() as tx:
            assert await tx.reporters.unreachable_since(blocked) is not None
            for case in cases:
                events = await tx.events.for_case(case.id)
                assert [(e.kind, e.payload, e.actor_telegram_id) for e in events[1:]] == [
                    ("reporter_unreachable", {"reason": "blocked"}, None)
                ]

        # A reminder queued later still does not go out: the reporter is still unreachable.
        await queue(db, blocked, "提醒")
        assert await sender.drain() == 1
        assert len(sends(emu, blocked)) == 1

    # Nor after a restart: the sender reads who is unreachable from the database.
    await queue(db, blocked, "重启以后")
    async with manual(emu, db, FloodLimits.unlimited()) as restarted:
        assert await restarted.drain() == 1
        assert len(sends(emu, blocked)) == 1

        # The reporter unblocks the bot and writes to it (the handler clears the mark).
        emu.set_blocked(blocked, False)
        async with db.transaction() as tx:
            assert await tx.reporters.clear_unreachable(blocked, SystemClock().now())
        await queue(db, blocked, "欢迎回来")
        assert await restarted.drain() == 1
    assert texts(emu, blocked) == ["欢迎回来"]
    assert await statuses(db, blocked) == [OutboxStatus.FAILED] * 5 + [OutboxStatus.SENT]


async def test_lost_group_alerts_the_admins_once(
    open_emulator: BotAPIEmulator, db: Database
) -> None:
    emu, lost = open_emulator, -100404  # never added to the emulator: "chat not found"
    for admin in ADMINS:
        emu.user(admin, "协调员")
    await queue(db, lost, "新案件 1", "新案件 2")
    renderer = Renderer(default_translator())
    options = {"admin_ids": ADMINS, "group_alert": renderer.group_alert}
    async with manual(emu, db, FloodLimits.unlimited(), **options) as sender:
        await sender.drain()
        assert len(sends(emu, lost)) == 1
        assert await statuses(db, lost) == [OutboxStatus.FAILED] * 2
        for admin in ADMINS:
            (alert,) = texts(emu, admin)
            assert alert is not None
            assert "-100404" in alert
            assert "群组" in alert
        # A message queued later is tried once more, and fails, but the alert is not repeated
        # within the hour.
        await queue(db, lost, "新案件 3")
        await sender.drain()
        assert len(sends(emu, lost)) == 2
    assert all(len(texts(emu, admin)) == 1 for admin in ADMINS)
    assert await statuses(db, lost) == [OutboxStatus.FAILED] * 3


async def test_long_text_arrives_in_parts_with_the_keyboard_last(
    open_emulator: BotAPIEmulator, db: Database
) -> None:
    emu = open_emulator
    emu.user(CHAT, "Pema")
    story = "\n".join(
        f"<b>第 {n} 段</b> " + "老板拖欠工资三个月，押金也不退。" * 30 for n in range(30)
    )
    keyboard = [[{"text": "提交", "callback_data": "in:1:submit"}]]
    payload = {"text": story, "parse_mode": "HTML", "inline_keyboard": keyboard}
    parts = split_payload(payload)
    assert len(parts) >= 3
    async with db.transaction() as tx:
        for part in parts:
            await tx.outbox.add(CHAT, "send", part, SystemClock().now())
    async with manual(emu, db, FloodLimits.unlimited()) as sender:
        assert await sender.drain() == len(parts)
    assert emu.errors == []  # every part is short enough and valid HTML
    messages = emu.messages(CHAT)
    assert [m.buttons() for m in messages[:-1]] == [[]] * (len(parts) - 1)
    assert messages[-1].buttons()[0]["callback_data"] == "in:1:submit"
    assert "\n".join(m.rendered or "" for m in messages).count("段") == 30


@pytest.mark.parametrize(
    ("description", "forbidden", "kind"),
    [
        ("Forbidden: bot was blocked by the user", False, FailureKind.BLOCKED),
        ("Forbidden: user is deactivated", False, FailureKind.BLOCKED),
        ("Forbidden: bot can't initiate conversation with a user", False, FailureKind.BLOCKED),
        ("Forbidden: bot was kicked from the supergroup chat", False, FailureKind.BLOCKED),
        ("bot was blocked by the user", False, FailureKind.BLOCKED),  # prefix stripped
        ("Forbidden: not enough rights to send text messages", False, FailureKind.BLOCKED),
        ("anything at all", True, FailureKind.BLOCKED),  # HTTP 403
        ("Bad Request: chat not found", False, FailureKind.CHAT_NOT_FOUND),
        ("Bad Request: message is not modified: same content", False, FailureKind.NOT_MODIFIED),
        ("Bad Request: can't parse entities", False, FailureKind.PERMANENT),
        ("Bad Request: message is too long", False, FailureKind.PERMANENT),
    ],
)
def test_refusals_are_classified(description: str, forbidden: bool, kind: FailureKind) -> None:
    assert classify_rejection(description, forbidden=forbidden) is kind


class BrokenGateway:
    """A gateway with a bug: every call raises something that is not a DeliveryError."""

    async def send_message(self, chat_id: int, payload: dict[str, Any]) -> int:
        raise KeyError("text")

    async def edit_reply_markup(self, chat_id: int, payload: dict[str, Any]) -> None:
        raise KeyError("message_id")


async def test_an_unexpected_error_counts_an_attempt_and_rests_the_chat(db: Database) -> None:
    await queue(db, CHAT, "出错")
    sender = OutboxSender(db, BrokenGateway(), SystemClock(), limits=FloodLimits.unlimited())
    assert await sender.drain() == 0
    async with db.transaction() as tx:
        item = await tx.outbox.get(1)
    assert item is not None
    assert (item.status, item.attempts) == (OutboxStatus.PENDING, 1)
    assert "KeyError" in (item.error or "")
    assert sender.flood.wait(CHAT, time.monotonic()) > 4  # not hammered meanwhile
