"""Plain records the storage layer returns besides the domain ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class OutboxStatus(StrEnum):
    """Delivery state of an outbox item."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class ConversationRecord:
    """The stored state of one chat's flow; `version` guards concurrent saves."""

    chat_id: int
    flow: str
    state: str
    data: dict[str, Any]
    version: int
    updated_at: datetime
    reminded_at: datetime | None


@dataclass(frozen=True)
class CaseEventRecord:
    """One entry of a case's audit trail."""

    id: int
    case_id: int
    actor_telegram_id: int | None
    kind: str
    payload: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class OutboxItem:
    """A queued Telegram call and its delivery state."""

    id: int
    chat_id: int
    kind: str
    payload: dict[str, Any]
    status: OutboxStatus
    attempts: int
    created_at: datetime
    next_attempt_at: datetime
    sent_at: datetime | None
    telegram_message_id: int | None
    error: str | None


@dataclass(frozen=True)
class JournalEntry:
    """A raw Telegram update as journalled: its id, its chat (the order key), the JSON."""

    update_id: int
    chat_id: int | None
    payload: dict[str, Any]


@dataclass(frozen=True)
class GroupRecord:
    """A group chat bound to an office."""

    chat_id: int
    office_code: str
    title: str
    is_forum: bool


@dataclass(frozen=True)
class CardRecord:
    """Where a case is shown in one group: its topic and message, once they exist."""

    id: int
    case_id: int
    chat_id: int
    role: str
    is_forum: bool
    thread_id: int | None
    message_id: int | None


@dataclass(frozen=True)
class NoteRecord:
    """A note, session or relayed message on a case."""

    id: int
    case_id: int
    author_telegram_id: int
    kind: str
    text: str
    file_id: str | None
    created_at: datetime


@dataclass(frozen=True)
class OfficeSyncReport:
    """What `offices sync` changed, by office code."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    deactivated: tuple[str, ...]
    unchanged: tuple[str, ...]
