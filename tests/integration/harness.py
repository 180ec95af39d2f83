"""A core wired to a test database with the example offices and four bound groups."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from bot.app import Core, build_core
from bot.clock import FakeClock
from bot.config import Settings
from bot.domain.events import ChatType, EventKind, InboundEvent
from bot.domain.models import CaseRecord
from bot.domain.offices import load_offices
from bot.storage import Database, OutboxItem
from tests.factories import new_case

ROOT = Path(__file__).resolve().parents[2]
ADMIN = 9000
GZ_GROUP, HUALONG_GROUP, SZ_GROUP, TOP_GROUP = -100111, -100222, -100333, -100999
MEDIATOR_A, MEDIATOR_B, OUTSIDER = 7001, 7002, 7003
REPORTER = 1001
_ids = itertools.count(50_000)


def ev(kind: EventKind, chat: int, user: int, **fields: Any) -> InboundEvent:
    """An inbound event from `user` in `chat`."""
    return InboundEvent(
        update_id=next(_ids),
        chat_id=chat,
        chat_type=ChatType.PRIVATE if chat > 0 else ChatType.SUPERGROUP,
        user_id=user,
        kind=kind,
        first_name=fields.pop("first_name", f"user{user}"),
        message_id=fields.pop("message_id", 10),
        **fields,
    )


def command(chat: int, user: int, line: str, **fields: Any) -> InboundEvent:
    name, _, args = line.partition(" ")
    return ev(
        EventKind.COMMAND, chat, user, command=name, command_args=args, text=f"/{line}", **fields
    )


def press(chat: int, user: int, data: str) -> InboundEvent:
    return ev(EventKind.CALLBACK, chat, user, callback_data=data, callback_id="q")


def say(chat: int, user: int, text: str, **fields: Any) -> InboundEvent:
    return ev(EventKind.TEXT, chat, user, text=text, **fields)


class Desk:
    """A core wired to the test database, with offices synced and groups bound."""

    def __init__(self, database: Database) -> None:
        self.clock = FakeClock()
        settings = Settings(database_url=database.url, admin_ids=frozenset({ADMIN}), _env_file=None)
        self.core: Core = build_core(settings, clock=self.clock, db=database)
        self.db = database
        self.members: dict[tuple[int, int], str] = {
            (GZ_GROUP, MEDIATOR_A): "member",
            (GZ_GROUP, MEDIATOR_B): "administrator",
            (SZ_GROUP, MEDIATOR_B): "member",
            (HUALONG_GROUP, MEDIATOR_A): "member",
        }

        async def membership(chat: int, user: int) -> str:
            return self.members.get((chat, user), "left")

        self.core.mediator.membership = membership

    async def setup(self) -> None:
        offices = load_offices((ROOT / "config/offices.example.toml").read_text("utf-8"))
        async with self.db.transaction() as tx:
            await tx.offices.sync(offices.as_dicts(), self.clock.now())
        for chat, code in (
            (GZ_GROUP, "gz-service"),
            (HUALONG_GROUP, "hualong-centre"),
            (SZ_GROUP, "sz-service"),
            (TOP_GROUP, "haidong-coordination"),
        ):
            outcome = await self.handle(
                command(
                    chat, ADMIN, f"bind {code}", chat_title=code, chat_is_forum=chat == SZ_GROUP
                )
            )
            assert outcome is None

    async def handle(self, event: InboundEvent) -> str | None:
        return await self.core.dispatch.respond(event)

    async def handle_text(self, user: int, text: str) -> str | None:
        """`user` types `text` in their private chat with the bot."""
        return await self.handle(say(user, user, text))

    async def file(self, **overrides: Any) -> CaseRecord:
        fields: dict[str, Any] = {"host_city": "广州市", "home_county": "化隆县"}
        fields.update(overrides)
        async with self.db.transaction() as tx:
            case = await tx.cases.create(new_case(**fields), self.clock.now())
            return await self.core.desk.publish(tx, case, self.clock.now())

    async def case(self, case_id: int) -> CaseRecord:
        async with self.db.transaction() as tx:
            found = await tx.cases.by_id(case_id)
        assert found is not None
        return found

    async def outbox(self, chat: int) -> list[OutboxItem]:
        async with self.db.transaction() as tx:
            return await tx.outbox.for_chat(chat)

    async def texts(self, chat: int) -> list[str]:
        return [
            str(item.payload.get("text", item.payload.get("caption", "")))
            for item in await self.outbox(chat)
        ]

    async def events(self, case_id: int) -> list[tuple[str, int | None]]:
        async with self.db.transaction() as tx:
            return [(e.kind, e.actor_telegram_id) for e in await tx.events.for_case(case_id)]

    async def card_data(self, case: CaseRecord, action: str) -> str:
        fresh = await self.case(case.id)
        return f"cs:{case.id}:{fresh.revision}:{action}"
