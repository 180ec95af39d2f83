"""Persistence: the only package that talks SQL (SQLite or PostgreSQL)."""

from bot.storage.db import Database, Tx
from bot.storage.errors import StaleConversationError
from bot.storage.migrate import downgrade, upgrade
from bot.storage.records import (
    CaseEventRecord,
    ConversationRecord,
    JournalEntry,
    OutboxItem,
    OutboxStatus,
)

__all__ = [
    "CaseEventRecord",
    "ConversationRecord",
    "Database",
    "JournalEntry",
    "OutboxItem",
    "OutboxStatus",
    "StaleConversationError",
    "Tx",
    "downgrade",
    "upgrade",
]
