"""The sender and case cards: posted once (in a new topic for forums), then edited in place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.clock import FakeClock
from bot.delivery import DeliveryError, FailureKind, OutboxSender
from bot.pacing import FloodLimits
from bot.storage import Database
from tests.factories import new_case

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
FORUM, PLAIN = -100500, -100600


@dataclass
class RecordingGateway:
    """Telegram as a list of calls; edits of `gone` messages fail as deleted."""

    calls: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)
    gone: set[int] = field(default_factory=set)
    next_id: int = 100

    def _new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    async def send_message(self, chat_id: int, payload: dict[str, Any]) -> int:
        self.calls.append(("send", chat_id, payload))
        return self._new_id()

    async def edit_reply_markup(self, chat_id: int, payload: dict[str, Any]) -> None:
        self.calls.append(("edit_markup", chat_id, payload))

    async def edit_message_text(self, chat_id: int, payload: dict[str, Any]) -> None:
        self.calls.append(("edit", chat_id, payload))
        if payload["message_id"] in self.gone:
            raise DeliveryError(FailureKind.PERMANENT, "Bad Request: message to edit not found")

    async def create_forum_topic(self, chat_id: int, name: str) -> int:
        self.calls.append(("topic", chat_id, {"name": name}))
        return self._new_id()

    async def copy_message(self, chat_id: int, payload: dict[str, Any]) -> int:
        self.calls.append(("copy", chat_id, payload))
        return self._new_id()

    async def chat_member_status(self, chat_id: int, user_id: int) -> str:
        return "member"


async def card(database: Database, chat: int, *, forum: bool, texts: list[str]) -> int:
    """A case with a card in `chat`, and one card rendering queued per text."""
    async with database.transaction() as tx:
        case = await tx.cases.create(new_case(), NOW)
        record = await tx.cards.ensure(case.id, chat, "handle", forum, NOW)
        for text in texts:
            payload = {"card_id": record.id, "text": text, "parse_mode": "HTML", "topic": "T"}
            await tx.outbox.add(chat, "card", payload, NOW, case_id=case.id)
    return record.id


def sender(database: Database, gateway: RecordingGateway) -> OutboxSender:
    return OutboxSender(database, gateway, FakeClock(NOW), limits=FloodLimits.unlimited())


async def test_a_forum_card_opens_a_topic_then_is_edited_in_it(database: Database) -> None:
    gateway = RecordingGateway()
    card_id = await card(database, FORUM, forum=True, texts=["v1"])
    await sender(database, gateway).drain()
    async with database.transaction() as tx:
        await tx.outbox.add(FORUM, "card", {"card_id": card_id, "text": "v2", "topic": "T"}, NOW)
        await tx.outbox.add(FORUM, "send", {"card_id": card_id, "text": "relay"}, NOW)
    await sender(database, gateway).drain()
    kinds = [(kind, payload.get("text")) for kind, _, payload in gateway.calls]
    assert kinds == [("topic", None), ("send", "v1"), ("edit", "v2"), ("send", "relay")]
    topic_id = 101
    assert gateway.calls[1][2]["message_thread_id"] == topic_id
    assert gateway.calls[2][2]["message_id"] == 102
    assert gateway.calls[3][2]["message_thread_id"] == topic_id
    assert "card_id" not in gateway.calls[3][2]


async def test_a_plain_group_relay_replies_to_the_card(database: Database) -> None:
    gateway = RecordingGateway()
    card_id = await card(database, PLAIN, forum=False, texts=["v1"])
    async with database.transaction() as tx:
        await tx.outbox.add(PLAIN, "send", {"card_id": card_id, "text": "relay"}, NOW)
    await sender(database, gateway).drain()
    assert [kind for kind, _, _ in gateway.calls] == ["send", "send"]
    assert gateway.calls[1][2]["reply_to_message_id"] == 101


async def test_outdated_renderings_of_a_posted_card_are_skipped(database: Database) -> None:
    gateway = RecordingGateway()
    card_id = await card(database, PLAIN, forum=False, texts=["v1"])
    await sender(database, gateway).drain()
    async with database.transaction() as tx:
        for text in ("v2", "v3", "v4"):
            await tx.outbox.add(PLAIN, "card", {"card_id": card_id, "text": text}, NOW)
    await sender(database, gateway).drain()
    assert [(kind, payload.get("text")) for kind, _, payload in gateway.calls] == [
        ("send", "v1"),
        ("edit", "v4"),
    ]
    async with database.transaction() as tx:
        assert await tx.outbox.pending_count() == 0


async def test_a_deleted_card_is_posted_again(database: Database) -> None:
    gateway = RecordingGateway()
    card_id = await card(database, PLAIN, forum=False, texts=["v1"])
    await sender(database, gateway).drain()
    gateway.gone.add(101)
    async with database.transaction() as tx:
        await tx.outbox.add(PLAIN, "card", {"card_id": card_id, "text": "v2"}, NOW)
    await sender(database, gateway).drain()
    assert [kind for kind, _, _ in gateway.calls] == ["send", "edit", "send"]
    async with database.transaction() as tx:
        stored = await tx.cards.get(card_id)
    assert stored is not None
    assert stored.message_id == 102
