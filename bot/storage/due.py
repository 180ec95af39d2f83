"""Due items (the durable schedule) and the administrators' calendar overrides."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, update

from bot.domain.calendar import DayKind, Override
from bot.storage.repositories import _Repository
from bot.storage.tables import CalendarOverride, CalendarWarning, DueItem, as_utc

PENDING, DONE, CANCELLED = "pending", "done", "cancelled"


@dataclass(frozen=True)
class DueRecord:
    """A scheduled item as the sweep sees it."""

    id: int
    key: str
    case_id: int
    kind: str
    due_at: datetime
    status: str
    payload: dict[str, Any]


def _due(row: DueItem) -> DueRecord:
    return DueRecord(
        row.id, row.key, row.case_id, row.kind, as_utc(row.due_at), row.status, dict(row.payload)
    )


class DueRepository(_Repository):
    """Pending work with its time, taken by the sweep once each."""

    async def schedule(
        self,
        key: str,
        case_id: int,
        kind: str,
        due_at: datetime,
        now: datetime,
        payload: dict[str, Any] | None = None,
    ) -> bool:
        """Schedule an item unless one with this key exists; True if it was new."""
        stmt = (
            self._insert(DueItem)
            .values(
                key=key,
                case_id=case_id,
                kind=kind,
                due_at=due_at,
                status=PENDING,
                payload=payload or {},
                created_at=now,
                done_at=None,
            )
            .on_conflict_do_nothing(index_elements=[DueItem.key])
            .returning(DueItem.id)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none() is not None

    async def take(self, now: datetime, limit: int = 20) -> list[DueRecord]:
        """Pending items whose time has come, locked for this transaction.

        On PostgreSQL the rows are locked FOR UPDATE SKIP LOCKED: a second sweep (or a
        second bot process) takes other rows or none, never the same ones. SQLite has
        one writer at a time (BEGIN IMMEDIATE), so there the whole sweep is serialised.
        """
        stmt = (
            select(DueItem)
            .where(DueItem.status == PENDING, DueItem.due_at <= now)
            .order_by(DueItem.due_at, DueItem.id)
            .limit(limit)
        )
        if self._dialect == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        return [_due(row) for row in await self._all(stmt)]

    async def finish(self, item_id: int, now: datetime) -> None:
        """Mark an item done."""
        await self._rowcount(
            update(DueItem).where(DueItem.id == item_id).values(status=DONE, done_at=now)
        )

    async def postpone(self, item_id: int, due_at: datetime) -> None:
        """Move an item to a later time (e.g. out of the night for a reporter)."""
        await self._rowcount(update(DueItem).where(DueItem.id == item_id).values(due_at=due_at))

    async def cancel(self, case_id: int, kinds: Collection[str], now: datetime) -> int:
        """Cancel the case's pending items of these kinds; return how many."""
        return await self._rowcount(
            update(DueItem)
            .where(
                DueItem.case_id == case_id,
                DueItem.status == PENDING,
                DueItem.kind.in_(list(kinds)),
            )
            .values(status=CANCELLED, done_at=now)
        )

    async def get(self, item_id: int) -> DueRecord | None:
        """One item as it is now (a batch read earlier may be out of date)."""
        row = await self._first(select(DueItem).where(DueItem.id == item_id))
        return None if row is None else _due(row)

    async def pending(self, case_id: int, kind: str) -> list[DueRecord]:
        """The case's pending items of one kind, in time order."""
        rows = await self._all(
            select(DueItem)
            .where(DueItem.case_id == case_id, DueItem.kind == kind, DueItem.status == PENDING)
            .order_by(DueItem.due_at, DueItem.id)
        )
        return [_due(row) for row in rows]

    async def for_case(self, case_id: int) -> list[DueRecord]:
        """Every item of a case, in time order (for tests and audits)."""
        rows = await self._all(
            select(DueItem).where(DueItem.case_id == case_id).order_by(DueItem.due_at, DueItem.id)
        )
        return [_due(row) for row in rows]


class CalendarRepository(_Repository):
    """Working-day corrections entered by admins, and the estimate warnings given."""

    async def overrides(self) -> list[Override]:
        """Every override (region None: nationwide), in date order."""
        rows = await self._all(select(CalendarOverride).order_by(CalendarOverride.day))
        return [Override(row.day, DayKind(row.kind), row.region or None) for row in rows]

    async def put(self, day: date, region: str | None, kind: str, by: int, now: datetime) -> None:
        """Add or replace the override of a day (in a region)."""
        insert = self._insert(CalendarOverride).values(
            day=day, region=region or "", kind=kind, created_by=by, created_at=now
        )
        await self._session.execute(
            insert.on_conflict_do_update(
                index_elements=[CalendarOverride.day, CalendarOverride.region],
                set_={"kind": kind, "created_by": by, "created_at": now},
            )
        )

    async def remove(self, day: date, region: str | None) -> bool:
        """Remove an override; True if there was one."""
        return (
            await self._rowcount(
                delete(CalendarOverride).where(
                    CalendarOverride.day == day, CalendarOverride.region == (region or "")
                )
            )
            > 0
        )

    async def warn_once(self, year: int, now: datetime) -> bool:
        """Record that admins were warned about an estimated year; True the first time."""
        stmt = (
            self._insert(CalendarWarning)
            .values(year=year, warned_at=now)
            .on_conflict_do_nothing(index_elements=[CalendarWarning.year])
            .returning(CalendarWarning.year)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none() is not None


#: The first schema revision with the calendar_overrides table.
CALENDAR_REVISION = "0005"


async def stored_overrides(url: str) -> list[Override] | None:
    """The /holiday overrides of an existing, migrated database; None if there is none.

    For read-only tools (`mediation-bot workdays`): never creates a database file.
    """
    from bot.storage.db import Database
    from bot.storage.migrate import sqlite_file_missing

    if sqlite_file_missing(url):
        return None
    db = Database(url)
    try:
        revision = await db.revision()
        if revision is None or revision < CALENDAR_REVISION:
            return None
        async with db.transaction() as tx:
            return await tx.calendar.overrides()
    finally:
        await db.dispose()
