"""SQLAlchemy table definitions; `migrations/versions` must create exactly these."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

#: Explicit constraint names, so migrations name things identically on SQLite and PostgreSQL.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def as_utc(value: datetime) -> datetime:
    """Return `value` as an aware UTC datetime, reading naive values as UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp stored in UTC and always read back aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Normalise to UTC; SQLite stores text, so every row must share one offset."""
        if value is None:
            return None
        if value.tzinfo is None:
            # A naive time is ambiguous; refusing it catches a missing `tz=` at the source.
            raise ValueError("naive datetime given to a UTC timestamp column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Attach UTC to the naive values SQLite returns."""
        return None if value is None else as_utc(value)


class Base(DeclarativeBase):
    """Declarative base carrying the shared metadata."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - read once by SQLAlchemy, never mutated
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


class Reporter(Base):
    """A person who consented to the privacy notice and may submit cases."""

    __tablename__ = "reporters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    language: Mapped[str] = mapped_column(String(8))
    consent_at: Mapped[datetime]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # Set when Telegram refused a message because the person blocked the bot (or is gone);
    # cleared when they write to the bot again.
    unreachable_at: Mapped[datetime | None]


class Case(Base):
    """A dispute submitted by a reporter."""

    __tablename__ = "cases"
    __table_args__ = (
        Index(None, "reporter_id"),
        Index(None, "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Nullable only between the INSERT and the UPDATE that derives it from the id.
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("reporters.id", ondelete="RESTRICT"))
    language: Mapped[str] = mapped_column(String(8))
    dispute_type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    risk: Mapped[str] = mapped_column(String(10))
    urgent: Mapped[bool] = mapped_column(Boolean)
    host_city: Mapped[str] = mapped_column(String(100))
    home_county: Mapped[str] = mapped_column(String(100))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    people_affected: Mapped[int] = mapped_column(Integer)
    story: Mapped[str] = mapped_column(Text)
    desired_outcome: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # Routing: the office handling the case, why, and the offices only informed.
    office_code: Mapped[str | None] = mapped_column(String(32), index=True)
    route_reason: Mapped[str | None] = mapped_column(String(40))
    informed: Mapped[list[str]] = mapped_column(JSON, default=list)
    # First-contact responsibility (首接负责制): the mediator who claimed the case.
    owner_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    owner_name: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[datetime | None]
    # Where it stands after claiming: contacted parties, referral after a failure.
    contacted_at: Mapped[datetime | None]
    referral: Mapped[str | None] = mapped_column(String(20))
    # Bumped by every change, and carried by card buttons, so a button pressed on an
    # outdated card is recognised as stale.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # When the outcome was recorded (follow-ups count working days from its date).
    resolved_at: Mapped[datetime | None]
    # The deadline the card shows (claim, then resolution) and how often it was missed.
    deadline_at: Mapped[datetime | None]
    escalations: Mapped[int] = mapped_column(Integer, default=0)
    # An open task on the case: revisit (上门回访), phone (电话回访), supervision (督办).
    task: Mapped[str | None] = mapped_column(String(20))
    task_due_at: Mapped[datetime | None]

    reporter: Mapped[Reporter] = relationship(lazy="raise")
    parties: Mapped[list[Party]] = relationship(
        lazy="raise", order_by="Party.id", cascade="all, delete-orphan", passive_deletes=True
    )
    attachments: Mapped[list[Attachment]] = relationship(
        lazy="raise", order_by="Attachment.id", cascade="all, delete-orphan", passive_deletes=True
    )


class Party(Base):
    """The reporter or the other side of a case, with contact details."""

    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    side: Mapped[str] = mapped_column(String(10))
    role: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))


class Attachment(Base):
    """Evidence a reporter sent, referenced by Telegram file id."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    file_id: Mapped[str] = mapped_column(String(255))
    file_unique_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class CaseEvent(Base):
    """One entry of a case's audit trail; triggers make the table append-only."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    actor_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]


class Conversation(Base):
    """The persisted state of one chat's dialogue flow (e.g. an intake draft)."""

    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("chat_id", "flow"),
        Index(None, "updated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    flow: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]]
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    reminded_at: Mapped[datetime | None]


class ProcessedUpdate(Base):
    """A Telegram update id already handled, so redeliveries are ignored."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime]


class InboundUpdate(Base):
    """A Telegram update recorded before it is acknowledged, until it has been handled."""

    __tablename__ = "inbound_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    payload: Mapped[dict[str, Any]]
    received_at: Mapped[datetime]


class OutboxMessage(Base):
    """A Telegram call to make after the transaction that decided it commits."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index(None, "status", "next_attempt_at"),
        Index(None, "chat_id", "telegram_message_id"),
        # Ids order delivery, so SQLite must never reuse the id of a deleted last row.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(20))
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    created_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(Text)
    # The case a message is about: a mediator replying to it in a group replies on that case.
    case_id: Mapped[int | None] = mapped_column(Integer)


class Office(Base):
    """A mediation office as last synced from the offices file (never deleted: cases point here)."""

    __tablename__ = "offices"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    spec: Mapped[dict[str, Any]]
    active: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime]


class GroupBinding(Base):
    """The group chat where an office's mediators work: one group per office."""

    __tablename__ = "group_bindings"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"), unique=True)
    title: Mapped[str] = mapped_column(String(255))
    is_forum: Mapped[bool] = mapped_column(Boolean)
    bound_by: Mapped[int] = mapped_column(BigInteger)
    bound_at: Mapped[datetime]


class UnboundGroup(Base):
    """A group told once how to bind it; otherwise ignored until an admin binds it."""

    __tablename__ = "unbound_groups"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    noticed_at: Mapped[datetime]


class Mediator(Base):
    """A mediator's declared languages and contact, kept when they use a mediator command."""

    __tablename__ = "mediators"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    phone: Mapped[str | None] = mapped_column(String(20))
    updated_at: Mapped[datetime]


class CaseCard(Base):
    """The one message (and forum topic) showing a case in a group, edited in place."""

    __tablename__ = "case_cards"
    __table_args__ = (UniqueConstraint("case_id", "chat_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    # handle: the office working the case (buttons); inform: told only; former: transferred away.
    role: Mapped[str] = mapped_column(String(10))
    is_forum: Mapped[bool] = mapped_column(Boolean)
    thread_id: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]


class CaseNote(Base):
    """What mediators and reporters wrote on a case: notes, sessions, relayed messages."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author_telegram_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    file_id: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime]


class Obligation(Base):
    """One term of a mediated agreement: who does what by when (and how much)."""

    __tablename__ = "obligations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    party: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    created_at: Mapped[datetime]


class DueItem(Base):
    """Something the bot must do at a time (a follow-up ping, a reminder, an escalation).

    The database, not the scheduler's memory, is the source of truth: the sweep takes
    pending rows whose time has come, so whatever came due while the bot was down is
    done after the restart, and `key` makes scheduling the same thing twice a no-op.
    """

    __tablename__ = "due_items"
    __table_args__ = (Index(None, "status", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(10))
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]


class CalendarOverride(Base):
    """An administrator's correction of the working-day calendar (region "" = nationwide)."""

    __tablename__ = "calendar_overrides"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    region: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]


class CalendarWarning(Base):
    """A year the admins were warned is only estimated (so they are warned once)."""

    __tablename__ = "calendar_warnings"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    warned_at: Mapped[datetime]
