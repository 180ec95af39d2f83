"""Offices, the groups bound to them, and mediators."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from bot.domain.models import Language, MediatorRecord
from bot.storage.records import GroupRecord, OfficeSyncReport
from bot.storage.repositories import _Repository
from bot.storage.tables import GroupBinding, Mediator, Office, UnboundGroup


def _content(spec: Mapping[str, Any]) -> dict[str, Any]:
    """An office's spec without its place in the file."""
    return {key: value for key, value in spec.items() if key != "position"}


def _group(row: GroupBinding) -> GroupRecord:
    return GroupRecord(row.chat_id, row.office_code, row.title, row.is_forum)


class OfficeRepository(_Repository):
    """Offices as synced from the offices file; removed ones are kept, inactive."""

    async def sync(self, specs: Sequence[Mapping[str, Any]], now: datetime) -> OfficeSyncReport:
        """Make the table match `specs` (dicts with code, name, kind…); report what changed."""
        rows = {row.code: row for row in await self._all(select(Office))}
        added: list[str] = []
        changed: list[str] = []
        unchanged: list[str] = []
        for position, given in enumerate(specs):
            # File order breaks routing ties, so it is kept; moving up because an office
            # above was removed is not reported as a change of this office, though.
            spec = {**given, "position": position}
            code = str(spec["code"])
            row = rows.pop(code, None)
            if row is None:
                self._session.add(
                    Office(
                        code=code,
                        name=str(spec["name"]),
                        kind=str(spec["kind"]),
                        spec=dict(spec),
                        active=True,
                        updated_at=now,
                    )
                )
                added.append(code)
            elif _content(row.spec) != _content(spec) or not row.active:
                row.name, row.kind, row.spec = str(spec["name"]), str(spec["kind"]), dict(spec)
                row.active, row.updated_at = True, now
                changed.append(code)
            else:
                if row.spec != spec:
                    row.spec = dict(spec)
                unchanged.append(code)
        deactivated = []
        for code, row in rows.items():
            # Cases and groups still point at a removed office: keep the row, inactive.
            if row.active:
                row.active, row.updated_at = False, now
                deactivated.append(code)
        await self._session.flush()
        return OfficeSyncReport(
            tuple(added), tuple(changed), tuple(sorted(deactivated)), tuple(unchanged)
        )

    async def active_specs(self) -> list[dict[str, Any]]:
        """The active offices' specs as given to `sync`, in the file's order."""
        rows = await self._all(select(Office).where(Office.active.is_(True)))
        ordered = sorted(rows, key=lambda row: (int(row.spec.get("position", 0)), row.code))
        return [_content(row.spec) for row in ordered]


class GroupRepository(_Repository):
    """Which group chat works for which office."""

    async def bind(
        self, chat_id: int, office_code: str, title: str, is_forum: bool, by: int, now: datetime
    ) -> int | None:
        """Bind the group to the office; return the group the office had before, if another."""
        previous = await self.for_office(office_code)
        await self._rowcount(delete(GroupBinding).where(GroupBinding.office_code == office_code))
        await self._rowcount(delete(GroupBinding).where(GroupBinding.chat_id == chat_id))
        self._session.add(
            GroupBinding(
                chat_id=chat_id,
                office_code=office_code,
                title=title,
                is_forum=is_forum,
                bound_by=by,
                bound_at=now,
            )
        )
        await self._session.flush()
        if previous is not None and previous.chat_id != chat_id:
            return previous.chat_id
        return None

    async def unbind(self, chat_id: int) -> str | None:
        """Unbind the group; return the office it served, or None if it was not bound."""
        group = await self.for_chat(chat_id)
        if group is None:
            return None
        await self._rowcount(delete(GroupBinding).where(GroupBinding.chat_id == chat_id))
        return group.office_code

    async def for_chat(self, chat_id: int) -> GroupRecord | None:
        """The binding of a group chat, or None."""
        row = await self._first(select(GroupBinding).where(GroupBinding.chat_id == chat_id))
        return None if row is None else _group(row)

    async def for_office(self, office_code: str) -> GroupRecord | None:
        """The group of an office, or None."""
        row = await self._first(select(GroupBinding).where(GroupBinding.office_code == office_code))
        return None if row is None else _group(row)

    async def note_unbound(self, chat_id: int, now: datetime) -> bool:
        """Remember that an unbound group was told how to bind; True the first time only."""
        stmt = (
            self._insert(UnboundGroup)
            .values(chat_id=chat_id, noticed_at=now)
            .on_conflict_do_nothing(index_elements=[UnboundGroup.chat_id])
            .returning(UnboundGroup.chat_id)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none() is not None


def _mediator(row: Mediator) -> MediatorRecord:
    known = {language.value for language in Language}
    languages = tuple(Language(code) for code in row.languages if code in known)
    return MediatorRecord(row.telegram_id, row.name, languages, row.phone)


class MediatorRepository(_Repository):
    """Mediators' declared languages (and phone, to spot conflicts of interest)."""

    async def get(self, telegram_id: int) -> MediatorRecord | None:
        """The mediator, or None if they never declared anything."""
        row = await self._first(select(Mediator).where(Mediator.telegram_id == telegram_id))
        return None if row is None else _mediator(row)

    async def set_languages(
        self, telegram_id: int, name: str, languages: Sequence[Language], now: datetime
    ) -> MediatorRecord:
        """Create the mediator or replace their languages."""
        values = [language.value for language in languages]
        stmt = self._insert(Mediator).values(
            telegram_id=telegram_id, name=name, languages=values, phone=None, updated_at=now
        )
        await self._session.execute(
            stmt.on_conflict_do_update(
                index_elements=[Mediator.telegram_id],
                set_={"name": name, "languages": values, "updated_at": now},
            )
        )
        found = await self.get(telegram_id)
        assert found is not None  # upserted just above
        return found

    async def set_phone(self, telegram_id: int, name: str, phone: str, now: datetime) -> None:
        """Record the mediator's own phone (from a shared contact)."""
        stmt = self._insert(Mediator).values(
            telegram_id=telegram_id, name=name, languages=[], phone=phone, updated_at=now
        )
        await self._session.execute(
            stmt.on_conflict_do_update(
                index_elements=[Mediator.telegram_id],
                set_={"phone": phone, "updated_at": now},
            )
        )
