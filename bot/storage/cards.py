"""Case cards in groups, notes on cases, and agreement obligations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, update

from bot.domain.models import ObligationRecord
from bot.storage.records import CardRecord, NoteRecord
from bot.storage.repositories import _Repository
from bot.storage.tables import CaseCard, CaseNote, Obligation, as_utc

_CENT = Decimal("0.01")


def _card(row: CaseCard) -> CardRecord:
    return CardRecord(
        row.id, row.case_id, row.chat_id, row.role, row.is_forum, row.thread_id, row.message_id
    )


class CardRepository(_Repository):
    """One card per (case, group), with the topic and message Telegram gave it."""

    async def ensure(
        self, case_id: int, chat_id: int, role: str, is_forum: bool, now: datetime
    ) -> CardRecord:
        """The case's card in this group, created if missing, with its role set."""
        await self._session.execute(
            self._insert(CaseCard)
            .values(
                case_id=case_id,
                chat_id=chat_id,
                role=role,
                is_forum=is_forum,
                thread_id=None,
                message_id=None,
                created_at=now,
            )
            .on_conflict_do_update(
                index_elements=[CaseCard.case_id, CaseCard.chat_id], set_={"role": role}
            )
        )
        row = await self._first(
            select(CaseCard).where(CaseCard.case_id == case_id, CaseCard.chat_id == chat_id)
        )
        assert row is not None  # upserted just above
        return _card(row)

    async def set_role(self, card_id: int, role: str) -> None:
        """Change what a card is for (e.g. a transferred case's old card becomes "former")."""
        await self._rowcount(update(CaseCard).where(CaseCard.id == card_id).values(role=role))

    async def for_case(self, case_id: int) -> list[CardRecord]:
        """The case's cards, oldest first."""
        rows = await self._all(
            select(CaseCard).where(CaseCard.case_id == case_id).order_by(CaseCard.id)
        )
        return [_card(row) for row in rows]

    async def get(self, card_id: int) -> CardRecord | None:
        """One card, or None."""
        row = await self._first(select(CaseCard).where(CaseCard.id == card_id))
        return None if row is None else _card(row)

    async def set_thread(self, card_id: int, thread_id: int) -> None:
        """Remember the forum topic created for the card."""
        await self._rowcount(
            update(CaseCard).where(CaseCard.id == card_id).values(thread_id=thread_id)
        )

    async def set_message(self, card_id: int, message_id: int | None) -> None:
        """Remember (or forget, to post anew) the message showing the card."""
        await self._rowcount(
            update(CaseCard).where(CaseCard.id == card_id).values(message_id=message_id)
        )


class NoteRepository(_Repository):
    """Notes, sessions and relayed messages of cases."""

    async def add(
        self,
        case_id: int,
        author_telegram_id: int,
        kind: str,
        text: str,
        now: datetime,
        *,
        file_id: str | None = None,
    ) -> int:
        """Store a note; return its id."""
        note = CaseNote(
            case_id=case_id,
            author_telegram_id=author_telegram_id,
            kind=kind,
            text=text,
            file_id=file_id,
            created_at=now,
        )
        self._session.add(note)
        await self._session.flush()
        return note.id

    async def for_case(self, case_id: int) -> list[NoteRecord]:
        """The case's notes, oldest first."""
        rows = await self._all(
            select(CaseNote).where(CaseNote.case_id == case_id).order_by(CaseNote.id)
        )
        return [
            NoteRecord(
                row.id,
                row.case_id,
                row.author_telegram_id,
                row.kind,
                row.text,
                row.file_id,
                as_utc(row.created_at),
            )
            for row in rows
        ]


class ObligationRepository(_Repository):
    """The terms of mediated agreements."""

    async def add(
        self, case_id: int, obligations: Sequence[ObligationRecord], now: datetime
    ) -> None:
        """Store the terms of an agreement."""
        for term in obligations:
            self._session.add(
                Obligation(
                    case_id=case_id,
                    party=term.party,
                    action=term.action,
                    due_date=term.due_date,
                    amount=None if term.amount is None else term.amount.quantize(_CENT),
                    created_at=now,
                )
            )
        await self._session.flush()

    async def for_case(self, case_id: int) -> list[ObligationRecord]:
        """The case's terms, in the order recorded."""
        rows = await self._all(
            select(Obligation).where(Obligation.case_id == case_id).order_by(Obligation.id)
        )
        return [
            ObligationRecord(
                row.party,
                row.action,
                row.due_date,
                None if row.amount is None else Decimal(row.amount).quantize(_CENT),
            )
            for row in rows
        ]
