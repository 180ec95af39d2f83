"""Persistence: the only package that talks SQL (SQLite or PostgreSQL)."""

from bot.storage.db import Database, Tx
from bot.storage.errors import StaleConversationError
from bot.storage.migrate import downgrade, upgrade
from bot.storage.records import (
    CardRecord,
    CaseEventRecord,
    ConversationRecord,
    GroupRecord,
    JournalEntry,
    NoteRecord,
    OfficeSyncReport,
    OutboxItem,
    OutboxStatus,
)

__all__ = [
    "CardRecord",
    "CaseEventRecord",
    "ConversationRecord",
    "Database",
    "GroupRecord",
    "JournalEntry",
    "NoteRecord",
    "OfficeSyncReport",
    "OutboxItem",
    "OutboxStatus",
    "StaleConversationError",
    "Tx",
    "downgrade",
    "upgrade",
]
