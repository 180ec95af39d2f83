"""Repositories: the only code that reads and writes tables; they never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Select, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from bot.domain.models import (
    AttachmentKind,
    AttachmentRef,
    CaseRecord,
    CaseStatus,
    DisputeType,
    Language,
    NewCase,
    PartyRecord,
    PartyRole,
    PartySide,
    ReporterRecord,
    RiskLevel,
)
from bot.storage.errors import StaleConversationError
from bot.storage.records import (
    CaseEventRecord,
    ConversationRecord,
    JournalEntry,
    OutboxItem,
    OutboxStatus,
)
from bot.storage.tables import (
    Attachment,
    Base,
    Case,
    CaseEvent,
    Conversation,
    InboundUpdate,
    OutboxMessage,
    Party,
    ProcessedUpdate,
    Reporter,
    as_utc,
)

_M = TypeVar("_M", bound=Base)

_CENT = Decimal("0.01")

#: Event kind written when a case is created.
SUBMITTED_EVENT = "submitted"
#: Event kind written to each of a reporter's cases when Telegram stops delivering to them.
REPORTER_UNREACHABLE_EVENT = "reporter_unreachable"
#: Event kind written to each of a reporter's cases when they write to the bot again.
REPORTER_REACHABLE_EVENT = "reporter_reachable"


class _Repository:
    """Shared plumbing: the transaction's session and dialect-specific statements."""

    def __init__(self, session: AsyncSession, dialect: str) -> None:
        """Bind to the session of the caller's transaction."""
        self._session = session
        self._dialect = dialect

    def _insert(self, model: type[Base]) -> postgresql.Insert | sqlite.Insert:
        """Return an INSERT that supports ON CONFLICT on the current dialect."""
        if self._dialect == "postgresql":
            return postgresql.insert(model)
        if self._dialect == "sqlite":
            return sqlite.insert(model)
        raise NotImplementedError(f"ON CONFLICT is not wired for {self._dialect}")

    async def _all(self, stmt: Select[_M]) -> list[_M]:
        """Run an entity SELECT, refreshing objects a bulk UPDATE may have left stale."""
        result = await self._session.scalars(stmt.execution_options(populate_existing=True))
        return list(result.all())

    async def _first(self, stmt: Select[_M]) -> _M | None:
        """Like `_all`, for at most one row."""
        rows = await self._all(stmt.limit(1))
        return rows[0] if rows else None

    async def _rowcount(self, stmt: Any) -> int:
        """Execute a DML statement and return how many rows it touched."""
        result = await self._session.execute(stmt.execution_options(synchronize_session=False))
        return cast(CursorResult[Any], result).rowcount


class UpdateRepository(_Repository):
    """Telegram update ids already handled (idempotent processing)."""

    async def claim(self, update_id: int, now: datetime) -> bool:
        """Record the update; False when it was already claimed (a redelivery)."""
        stmt = (
            self._insert(ProcessedUpdate)
            .values(update_id=update_id, processed_at=now)
            .on_conflict_do_nothing(index_elements=[ProcessedUpdate.update_id])
            .returning(ProcessedUpdate.update_id)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none() is not None

    async def prune(self, before: datetime) -> int:
        """Forget updates processed before `before`; return how many."""
        return await self._rowcount(
            delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < before)
        )


class InboundRepository(_Repository):
    """The journal of updates received but not yet handled (crash-safe acknowledgement)."""

    async def record(self, entries: Sequence[JournalEntry], now: datetime) -> int:
        """Journal raw updates (duplicates ignored); return how many were new."""
        added = 0
        for entry in entries:
            stmt = (
                self._insert(InboundUpdate)
                .values(
                    update_id=entry.update_id,
                    chat_id=entry.chat_id,
                    payload=dict(entry.payload),
                    received_at=now,
                )
                .on_conflict_do_nothing(index_elements=[InboundUpdate.update_id])
                .returning(InboundUpdate.update_id)
            )
            if (await self._session.execute(stmt)).scalar_one_or_none() is not None:
                added += 1
        return added

    async def pending(self, limit: int = 500) -> list[JournalEntry]:
        """Journalled updates not yet done, oldest first."""
        rows = await self._all(select(InboundUpdate).order_by(InboundUpdate.update_id).limit(limit))
        return [JournalEntry(row.update_id, row.chat_id, dict(row.payload)) for row in rows]

    async def done(self, update_id: int) -> None:
        """Forget a handled update."""
        await self._rowcount(delete(InboundUpdate).where(InboundUpdate.update_id == update_id))

    async def count(self) -> int:
        """How many updates wait in the journal."""
        return int(
            (
                await self._session.execute(select(func.count()).select_from(InboundUpdate))
            ).scalar_one()
        )


def _conversation_record(row: Conversation) -> ConversationRecord:
    """Map a conversation row to its record."""
    return ConversationRecord(
        chat_id=row.chat_id,
        flow=row.flow,
        state=row.state,
        data=dict(row.data),
        version=row.version,
        updated_at=as_utc(row.updated_at),
        reminded_at=None if row.reminded_at is None else as_utc(row.reminded_at),
    )


class ConversationRepository(_Repository):
    """Dialogue state per (chat, flow), guarded by an optimistic version number."""

    async def get(self, chat_id: int, flow: str) -> ConversationRecord | None:
        """Return the conversation, or None when there is none."""
        row = await self._first(
            select(Conversation).where(Conversation.chat_id == chat_id, Conversation.flow == flow)
        )
        return None if row is None else _conversation_record(row)

    async def save(
        self,
        chat_id: int,
        flow: str,
        state: str,
        data: dict[str, Any],
        *,
        expected_version: int | None,
        now: datetime,
    ) -> int:
        """Insert (expected_version None) or update at that version; return the new version."""
        if expected_version is None:
            stmt: Any = (
                self._insert(Conversation)
                .values(
                    chat_id=chat_id,
                    flow=flow,
                    state=state,
                    data=data,
                    version=1,
                    created_at=now,
                    updated_at=now,
                    reminded_at=None,
                )
                # DO NOTHING rather than an IntegrityError, which would poison a PostgreSQL
                # transaction the caller may still want to use.
                .on_conflict_do_nothing(index_elements=[Conversation.chat_id, Conversation.flow])
                .returning(Conversation.version)
            )
        else:
            stmt = (
                update(Conversation)
                .where(
                    Conversation.chat_id == chat_id,
                    Conversation.flow == flow,
                    Conversation.version == expected_version,
                )
                .values(
                    state=state,
                    data=data,
                    version=expected_version + 1,
                    updated_at=now,
                    reminded_at=None,
                )
                .returning(Conversation.version)
                .execution_options(synchronize_session=False)
            )
        version = (await self._session.execute(stmt)).scalar_one_or_none()
        if version is None:
            raise StaleConversationError(chat_id, flow, expected_version)
        return int(version)

    async def delete(self, chat_id: int, flow: str) -> None:
        """Remove the conversation if it exists."""
        await self._rowcount(
            delete(Conversation).where(Conversation.chat_id == chat_id, Conversation.flow == flow)
        )

    async def idle(
        self, flow: str, before: datetime, *, reminded: bool | None = None
    ) -> list[ConversationRecord]:
        """Conversations of `flow` untouched since `before`: reminded or not, or all (None)."""
        stmt = select(Conversation).where(
            Conversation.flow == flow, Conversation.updated_at < before
        )
        if reminded is not None:
            stmt = stmt.where(
                Conversation.reminded_at.is_not(None)
                if reminded
                else Conversation.reminded_at.is_(None)
            )
        rows = await self._all(stmt.order_by(Conversation.updated_at, Conversation.id))
        return [_conversation_record(row) for row in rows]

    async def mark_reminded(self, chat_id: int, flow: str, at: datetime) -> None:
        """Note that a reminder went out; version and updated_at stay as they are."""
        await self._rowcount(
            update(Conversation)
            .where(Conversation.chat_id == chat_id, Conversation.flow == flow)
            .values(reminded_at=at)
        )


class ReporterRepository(_Repository):
    """People who consented to the privacy notice."""

    async def get(self, telegram_id: int) -> ReporterRecord | None:
        """Return the reporter, or None if this Telegram user never consented."""
        row = await self._first(select(Reporter).where(Reporter.telegram_id == telegram_id))
        if row is None:
            return None
        return ReporterRecord(
            telegram_id=row.telegram_id,
            language=Language(row.language),
            consent_at=as_utc(row.consent_at),
        )

    async def upsert(
        self, telegram_id: int, language: Language, consent_at: datetime, now: datetime
    ) -> ReporterRecord:
        """Create the reporter or refresh their language and consent time."""
        insert = self._insert(Reporter).values(
            telegram_id=telegram_id,
            language=language.value,
            consent_at=consent_at,
            created_at=now,
            updated_at=now,
        )
        stmt = insert.on_conflict_do_update(
            index_elements=[Reporter.telegram_id],
            set_={
                "language": insert.excluded.language,
                "consent_at": insert.excluded.consent_at,
                "updated_at": insert.excluded.updated_at,
            },
        ).returning(Reporter.telegram_id, Reporter.language, Reporter.consent_at)
        row = (await self._session.execute(stmt)).one()
        return ReporterRecord(
            telegram_id=row.telegram_id,
            language=Language(row.language),
            consent_at=as_utc(row.consent_at),
        )

    async def set_language(self, telegram_id: int, language: Language, now: datetime) -> None:
        """Change the reporter's language; a no-op for an unknown reporter."""
        await self._rowcount(
            update(Reporter)
            .where(Reporter.telegram_id == telegram_id)
            .values(language=language.value, updated_at=now)
        )

    async def ensure(self, telegram_id: int, language: Language, now: datetime) -> int:
        """Return the reporter's row id, creating the reporter (consent now) if missing."""
        await self._session.execute(
            self._insert(Reporter)
            .values(
                telegram_id=telegram_id,
                language=language.value,
                consent_at=now,
                created_at=now,
                updated_at=now,
            )
            .on_conflict_do_nothing(index_elements=[Reporter.telegram_id])
        )
        reporter_id = await self._session.scalar(
            select(Reporter.id).where(Reporter.telegram_id == telegram_id)
        )
        assert reporter_id is not None  # inserted or already present just above
        return reporter_id

    async def mark_unreachable(self, telegram_id: int, reason: str, now: datetime) -> bool:
        """Note that Telegram refuses messages to the reporter, on each of their cases too.

        True if that is news; only the first refusal counts, so its time is when they
        became unreachable and each case gets one `reporter_unreachable` event.
        """
        changed = await self._rowcount(
            update(Reporter)
            .where(Reporter.telegram_id == telegram_id, Reporter.unreachable_at.is_(None))
            .values(unreachable_at=now)
        )
        if changed:
            # The reason is a category ("blocked"): the audit trail holds no personal data.
            await self._case_events(
                telegram_id, REPORTER_UNREACHABLE_EVENT, {"reason": reason}, now
            )
        return changed > 0

    async def clear_unreachable(self, telegram_id: int, now: datetime) -> bool:
        """The reporter wrote to the bot, so messages reach them again; True if they did not."""
        changed = await self._rowcount(
            update(Reporter)
            .where(Reporter.telegram_id == telegram_id, Reporter.unreachable_at.is_not(None))
            .values(unreachable_at=None)
        )
        if changed:
            await self._case_events(telegram_id, REPORTER_REACHABLE_EVENT, {}, now)
        return changed > 0

    async def _case_events(
        self, telegram_id: int, kind: str, payload: dict[str, Any], now: datetime
    ) -> None:
        """Append one system event (no actor) to each of the reporter's cases."""
        case_ids = await self._session.scalars(
            select(Case.id)
            .join(Reporter, Case.reporter_id == Reporter.id)
            .where(Reporter.telegram_id == telegram_id)
            .order_by(Case.id)
        )
        for case_id in case_ids.all():
            self._session.add(
                CaseEvent(
                    case_id=case_id,
                    actor_telegram_id=None,
                    kind=kind,
                    payload=dict(payload),
                    created_at=now,
                )
            )
        await self._session.flush()

    async def unreachable_since(self, telegram_id: int) -> datetime | None:
        """When the reporter became unreachable, or None (reachable, or no such reporter)."""
        value = await self._session.scalar(
            select(Reporter.unreachable_at).where(Reporter.telegram_id == telegram_id)
        )
        return None if value is None else as_utc(value)

    async def unreachable(self) -> dict[int, datetime]:
        """Every unreachable reporter's Telegram id, with when they became unreachable."""
        rows = await self._session.execute(
            select(Reporter.telegram_id, Reporter.unreachable_at).where(
                Reporter.unreachable_at.is_not(None)
            )
        )
        return {row.telegram_id: as_utc(row.unreachable_at) for row in rows}


def _utc_or_none(value: datetime | None) -> datetime | None:
    return None if value is None else as_utc(value)


def _case_record(case: Case, reporter_telegram_id: int) -> CaseRecord:
    """Map a case row (with parties and attachments loaded) to its record."""
    assert case.number is not None  # set in the same transaction that inserts the case
    return CaseRecord(
        id=case.id,
        number=case.number,
        reporter_telegram_id=reporter_telegram_id,
        language=Language(case.language),
        dispute_type=DisputeType(case.dispute_type),
        status=CaseStatus(case.status),
        risk=RiskLevel(case.risk),
        urgent=case.urgent,
        host_city=case.host_city,
        home_county=case.home_county,
        story=case.story,
        desired_outcome=case.desired_outcome,
        people_affected=case.people_affected,
        amount=None if case.amount is None else Decimal(case.amount).quantize(_CENT),
        latitude=case.latitude,
        longitude=case.longitude,
        created_at=as_utc(case.created_at),
        office_code=case.office_code,
        route_reason=case.route_reason,
        informed=tuple(case.informed or ()),
        owner_telegram_id=case.owner_telegram_id,
        owner_name=case.owner_name,
        claimed_at=None if case.claimed_at is None else as_utc(case.claimed_at),
        contacted_at=None if case.contacted_at is None else as_utc(case.contacted_at),
        referral=case.referral,
        revision=case.revision,
        resolved_at=_utc_or_none(case.resolved_at),
        deadline_at=_utc_or_none(case.deadline_at),
        escalations=case.escalations,
        task=case.task,
        task_due_at=_utc_or_none(case.task_due_at),
        parties=tuple(
            PartyRecord(
                side=PartySide(party.side),
                name=party.name,
                phone=party.phone,
                role=None if party.role is None else PartyRole(party.role),
            )
            for party in case.parties
        ),
        attachments=tuple(
            AttachmentRef(
                kind=AttachmentKind(attachment.kind),
                file_id=attachment.file_id,
                file_unique_id=attachment.file_unique_id,
            )
            for attachment in case.attachments
        ),
    )


def _case_query() -> Select[Case]:
    """SELECT cases with everything `_case_record` reads."""
    return select(Case).options(
        joinedload(Case.reporter),
        selectinload(Case.parties),
        selectinload(Case.attachments),
    )


class CaseRepository(_Repository):
    """Submitted cases with their parties and attachments."""

    async def create(self, new: NewCase, now: datetime) -> CaseRecord:
        """Store a submitted case, its parties, attachments and "submitted" event.

        The number's year is `now.year`, so pass `now` in the service's time zone to
        number cases by the local year.
        """
        reporters = ReporterRepository(self._session, self._dialect)
        reporter_id = await reporters.ensure(new.reporter_telegram_id, new.language, now)
        case = Case(
            reporter_id=reporter_id,
            language=new.language.value,
            dispute_type=new.dispute_type.value,
            status=CaseStatus.SUBMITTED.value,
            risk=new.risk.value,
            urgent=new.danger,
            host_city=new.host_city,
            home_county=new.home_county,
            latitude=new.latitude,
            longitude=new.longitude,
            amount=None if new.amount is None else new.amount.quantize(_CENT),
            people_affected=new.people_affected,
            story=new.story,
            desired_outcome=new.desired_outcome,
            created_at=now,
            updated_at=now,
            informed=[],
            revision=1,
            escalations=0,
            parties=[
                Party(
                    side=PartySide.REPORTER.value,
                    role=None,
                    name=new.reporter_name,
                    phone=new.reporter_phone,
                ),
                Party(
                    side=PartySide.OTHER.value,
                    role=new.other_role.value,
                    name=new.other_name,
                    phone=new.other_phone,
                ),
            ],
            attachments=[
                Attachment(
                    kind=ref.kind.value,
                    file_id=ref.file_id,
                    file_unique_id=ref.file_unique_id,
                    created_at=now,
                )
                for ref in new.attachments
            ],
        )
        self._session.add(case)
        # The number is derived from the id, which exists only after the INSERT.
        await self._session.flush()
        case.number = f"{now.year}-{case.id:06d}"
        self._session.add(
            CaseEvent(
                case_id=case.id,
                actor_telegram_id=new.reporter_telegram_id,
                kind=SUBMITTED_EVENT,
                # Only categories: the audit trail outlives personal data retention.
                payload={
                    "dispute_type": new.dispute_type.value,
                    "risk": new.risk.value,
                    "urgent": new.danger,
                    "attachments": len(new.attachments),
                },
                created_at=now,
            )
        )
        await self._session.flush()
        return _case_record(case, new.reporter_telegram_id)

    async def get(self, number: str) -> CaseRecord | None:
        """Return the case with this number, or None."""
        case = await self._first(_case_query().where(Case.number == number))
        return None if case is None else _case_record(case, case.reporter.telegram_id)

    async def by_id(self, case_id: int) -> CaseRecord | None:
        """Return the case with this id, or None."""
        case = await self._first(_case_query().where(Case.id == case_id))
        return None if case is None else _case_record(case, case.reporter.telegram_id)

    async def change(
        self,
        case_id: int,
        now: datetime,
        *,
        if_revision: int | None = None,
        if_status: CaseStatus | None = None,
        if_unowned: bool = False,
        if_owner: int | None = None,
        bump: bool = True,
        **values: Any,
    ) -> bool:
        """Change a case only if it is still as the caller saw it; True if it was changed.

        One conditional UPDATE, so of two mediators pressing 接单 at the same moment the
        database lets exactly one through: the second finds the row already owned (on
        PostgreSQL it waits for the first's row lock, then re-checks the condition).
        Every change bumps the revision, which makes the buttons of older cards stale;
        bookkeeping that changes nothing a mediator acts on (`bump=False`) does not.
        """
        stmt = update(Case).where(Case.id == case_id)
        if if_revision is not None:
            stmt = stmt.where(Case.revision == if_revision)
        if if_status is not None:
            stmt = stmt.where(Case.status == if_status.value)
        if if_unowned:
            stmt = stmt.where(Case.owner_telegram_id.is_(None))
        if if_owner is not None:
            stmt = stmt.where(Case.owner_telegram_id == if_owner)
        if bump:
            values["revision"] = Case.revision + 1
        stmt = stmt.values(updated_at=now, **values)
        return await self._rowcount(stmt) == 1

    async def for_reporter(self, telegram_id: int) -> list[CaseRecord]:
        """The reporter's cases, newest first."""
        cases = await self._all(
            _case_query()
            .where(
                Case.reporter_id
                == select(Reporter.id).where(Reporter.telegram_id == telegram_id).scalar_subquery()
            )
            .order_by(Case.created_at.desc(), Case.id.desc())
        )
        return [_case_record(case, telegram_id) for case in cases]

    async def count(self) -> int:
        """How many cases exist."""
        return int(await self._session.scalar(select(func.count()).select_from(Case)) or 0)


class EventRepository(_Repository):
    """The append-only audit trail of cases."""

    async def append(
        self,
        case_id: int,
        actor_telegram_id: int | None,
        kind: str,
        payload: dict[str, Any],
        now: datetime,
    ) -> None:
        """Add an event to the case's trail."""
        self._session.add(
            CaseEvent(
                case_id=case_id,
                actor_telegram_id=actor_telegram_id,
                kind=kind,
                payload=payload,
                created_at=now,
            )
        )
        await self._session.flush()

    async def for_case(self, case_id: int) -> list[CaseEventRecord]:
        """The case's events, oldest first."""
        rows = await self._all(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
        )
        return [
            CaseEventRecord(
                id=row.id,
                case_id=row.case_id,
                actor_telegram_id=row.actor_telegram_id,
                kind=row.kind,
                payload=dict(row.payload),
                created_at=as_utc(row.created_at),
            )
            for row in rows
        ]


def _outbox_item(row: OutboxMessage) -> OutboxItem:
    """Map an outbox row to its record."""
    return OutboxItem(
        id=row.id,
        chat_id=row.chat_id,
        kind=row.kind,
        payload=dict(row.payload),
        status=OutboxStatus(row.status),
        attempts=row.attempts,
        created_at=as_utc(row.created_at),
        next_attempt_at=as_utc(row.next_attempt_at),
        sent_at=None if row.sent_at is None else as_utc(row.sent_at),
        telegram_message_id=row.telegram_message_id,
        error=row.error,
    )


class OutboxRepository(_Repository):
    """Telegram calls queued inside a transaction and delivered after it commits."""

    async def add(
        self,
        chat_id: int,
        kind: str,
        payload: dict[str, Any],
        now: datetime,
        *,
        case_id: int | None = None,
    ) -> int:
        """Queue a call, due immediately; return its id. `case_id`: the case it is about."""
        item_id = await self._session.scalar(
            insert(OutboxMessage)
            .values(
                chat_id=chat_id,
                kind=kind,
                payload=payload,
                status=OutboxStatus.PENDING.value,
                attempts=0,
                created_at=now,
                next_attempt_at=now,
                case_id=case_id,
            )
            .returning(OutboxMessage.id)
        )
        assert item_id is not None  # RETURNING of a successful INSERT
        return int(item_id)

    async def due(self, now: datetime, limit: int = 50) -> list[OutboxItem]:
        """Pending items whose next attempt is due, in the order they were queued."""
        rows = await self._all(
            select(OutboxMessage)
            .where(
                OutboxMessage.status == OutboxStatus.PENDING.value,
                OutboxMessage.next_attempt_at <= now,
            )
            .order_by(OutboxMessage.id)
            .limit(limit)
        )
        return [_outbox_item(row) for row in rows]

    async def heads(self, limit: int = 500) -> list[OutboxItem]:
        """The oldest pending item of each chat, due or not, oldest chats first.

        Only a chat's oldest item may go, so a chat with a long queue (a group at 20
        messages a minute) never hides the other chats behind its backlog.
        """
        oldest = (
            select(func.min(OutboxMessage.id))
            .where(OutboxMessage.status == OutboxStatus.PENDING.value)
            .group_by(OutboxMessage.chat_id)
        )
        rows = await self._all(
            select(OutboxMessage)
            .where(OutboxMessage.id.in_(oldest))
            .order_by(OutboxMessage.id)
            .limit(limit)
        )
        return [_outbox_item(row) for row in rows]

    async def get(self, item_id: int) -> OutboxItem | None:
        """Return one item, or None."""
        row = await self._first(select(OutboxMessage).where(OutboxMessage.id == item_id))
        return None if row is None else _outbox_item(row)

    async def mark_sent(self, item_id: int, telegram_message_id: int | None, now: datetime) -> None:
        """Record a successful delivery."""
        await self._rowcount(
            update(OutboxMessage)
            .where(OutboxMessage.id == item_id)
            .values(
                status=OutboxStatus.SENT.value,
                sent_at=now,
                telegram_message_id=telegram_message_id,
                error=None,
            )
        )

    async def add_messages(
        self,
        chat_id: int,
        payloads: Sequence[dict[str, Any]],
        now: datetime,
        *,
        case_id: int | None = None,
    ) -> list[int]:
        """Queue messages to send to one chat, in this order."""
        return [
            await self.add(chat_id, "send", payload, now, case_id=case_id) for payload in payloads
        ]

    async def case_for_message(self, chat_id: int, telegram_message_id: int) -> int | None:
        """The case a message the bot sent is about (a mediator replied to it), if any."""
        return await self._session.scalar(
            select(OutboxMessage.case_id)
            .where(
                OutboxMessage.chat_id == chat_id,
                OutboxMessage.telegram_message_id == telegram_message_id,
                OutboxMessage.case_id.is_not(None),
            )
            .limit(1)
        )

    async def newer_card_pending(self, card_id: int, after_id: int) -> bool:
        """Whether a later rendering of the same card waits in the outbox (this one is moot)."""
        rows = await self._session.scalars(
            select(OutboxMessage.payload).where(
                OutboxMessage.kind == "card",
                OutboxMessage.status == OutboxStatus.PENDING.value,
                OutboxMessage.id > after_id,
            )
        )
        return any(payload.get("card_id") == card_id for payload in rows.all())

    async def begin_attempt(self, item_ids: Sequence[int]) -> None:
        """Count an attempt before the Telegram call: after a crash, attempts > 1 on a sent
        row means the first call may have reached Telegram already."""
        await self._rowcount(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(item_ids))
            .values(attempts=OutboxMessage.attempts + 1)
        )

    async def mark_retry(self, item_id: int, next_attempt_at: datetime, error: str) -> None:
        """Record a failed attempt (already counted by begin_attempt) and when to retry."""
        await self._rowcount(
            update(OutboxMessage)
            .where(OutboxMessage.id == item_id)
            .values(next_attempt_at=next_attempt_at, error=error)
        )

    async def mark_failed(self, item_id: int, error: str) -> None:
        """Give up on an item for good."""
        await self._rowcount(
            update(OutboxMessage)
            .where(OutboxMessage.id == item_id)
            .values(status=OutboxStatus.FAILED.value, error=error)
        )

    async def fail_pending(self, chat_id: int, queued_by: datetime, error: str) -> int:
        """Give up on every pending item of a chat queued by `queued_by`; return how many."""
        return await self._rowcount(
            update(OutboxMessage)
            .where(
                OutboxMessage.chat_id == chat_id,
                OutboxMessage.status == OutboxStatus.PENDING.value,
                OutboxMessage.created_at <= queued_by,
            )
            .values(status=OutboxStatus.FAILED.value, error=error)
        )

    async def for_chat(self, chat_id: int) -> list[OutboxItem]:
        """Every item of one chat, in delivery order (for audits and tests)."""
        rows = await self._all(
            select(OutboxMessage).where(OutboxMessage.chat_id == chat_id).order_by(OutboxMessage.id)
        )
        return [_outbox_item(row) for row in rows]

    async def pending_count(self) -> int:
        """How many items still wait for delivery."""
        count = await self._session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.PENDING.value)
        )
        return int(count or 0)

    async def next_due_at(self) -> datetime | None:
        """When the earliest pending item is due, or None if nothing is pending."""
        value = await self._session.scalar(
            select(func.min(OutboxMessage.next_attempt_at)).where(
                OutboxMessage.status == OutboxStatus.PENDING.value
            )
        )
        return None if value is None else as_utc(value)
