"""The database handle: engine, migrations and transactions that own the commit."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.storage.cards import CardRepository, NoteRepository, ObligationRepository
from bot.storage.due import CalendarRepository, DueRepository
from bot.storage.migrate import current_revision, ensure_sqlite_folder, upgrade_connection
from bot.storage.offices import GroupRepository, MediatorRepository, OfficeRepository
from bot.storage.repositories import (
    CaseRepository,
    ConversationRepository,
    EventRepository,
    InboundRepository,
    OutboxRepository,
    ReporterRepository,
    UpdateRepository,
)

_SQLITE_PRAGMAS = (
    # WAL lets readers proceed while the single writer works.
    "PRAGMA journal_mode=WAL",
    # SQLite ignores foreign keys unless asked, per connection.
    "PRAGMA foreign_keys=ON",
    # Wait for another process's write lock instead of failing at once.
    "PRAGMA busy_timeout=5000",
    # Durable enough with WAL (a power cut may lose the last commits, never corrupt).
    "PRAGMA synchronous=NORMAL",
)

#: Seconds `Database.ping` waits before calling the database unreachable.
PING_TIMEOUT = 5.0

#: Execution option naming the BEGIN variant for a SQLite connection (default IMMEDIATE).
SQLITE_BEGIN_OPTION = "sqlite_begin"


def _sqlite_on_connect(dbapi_connection: Any, _connection_record: Any) -> None:
    """Apply the pragmas and take BEGIN away from the driver (see `_sqlite_on_begin`)."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    """Start transactions with BEGIN IMMEDIATE.

    A deferred transaction that reads and then writes fails with "database is locked"
    when another writer got in between, and busy_timeout cannot help it; taking the
    write lock at BEGIN makes it wait instead.
    """
    mode = connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "IMMEDIATE")
    connection.exec_driver_sql(f"BEGIN {mode}")


class Tx:
    """The repositories of one open transaction."""

    def __init__(self, session: AsyncSession, dialect: str) -> None:
        """Build the repositories on the transaction's session."""
        self.updates = UpdateRepository(session, dialect)
        self.inbound = InboundRepository(session, dialect)
        self.conversations = ConversationRepository(session, dialect)
        self.reporters = ReporterRepository(session, dialect)
        self.cases = CaseRepository(session, dialect)
        self.events = EventRepository(session, dialect)
        self.outbox = OutboxRepository(session, dialect)
        self.offices = OfficeRepository(session, dialect)
        self.groups = GroupRepository(session, dialect)
        self.mediators = MediatorRepository(session, dialect)
        self.cards = CardRepository(session, dialect)
        self.notes = NoteRepository(session, dialect)
        self.obligations = ObligationRepository(session, dialect)
        self.due = DueRepository(session, dialect)
        self.calendar = CalendarRepository(session, dialect)


class Database:
    """An SQLite or PostgreSQL database reached through SQLAlchemy's asyncio engine."""

    def __init__(self, url: str) -> None:
        """Create the engine (lazily connecting) for an async URL."""
        self._url = url
        self._dialect = make_url(url).get_backend_name()
        if self._dialect == "sqlite":
            ensure_sqlite_folder(url)
            self._engine: AsyncEngine = create_async_engine(url)
            event.listen(self._engine.sync_engine, "connect", _sqlite_on_connect)
            event.listen(self._engine.sync_engine, "begin", _sqlite_on_begin)
        else:
            self._engine = create_async_engine(url, pool_pre_ping=True)
        self._sessions = async_sessionmaker(self._engine, expire_on_commit=False)
        # SQLite has one writer; queueing here beats spinning on "database is locked".
        self._write_lock = asyncio.Lock() if self._dialect == "sqlite" else None

    @property
    def dialect(self) -> str:
        """The backend name: "sqlite" or "postgresql"."""
        return self._dialect

    @property
    def engine(self) -> AsyncEngine:
        """The engine, for tests and tooling; application code goes through `transaction`."""
        return self._engine

    @property
    def url(self) -> str:
        """The URL the database was opened with."""
        return self._url

    def _writer(self) -> AbstractAsyncContextManager[Any]:
        """The in-process writer lock for SQLite, nothing for PostgreSQL."""
        return self._write_lock if self._write_lock is not None else nullcontext()

    async def migrate(self) -> None:
        """Upgrade the schema to the newest revision."""
        async with self._writer(), self._engine.connect() as connection:
            await connection.run_sync(upgrade_connection)

    async def revision(self) -> str | None:
        """The schema revision the database is at, or None before the first migration."""
        async with self._writer(), self._engine.connect() as connection:
            return await connection.run_sync(current_revision)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        """Open a transaction: commit when the block ends, roll back if it raises.

        On SQLite transactions run one at a time, so never open one inside another.
        """
        async with self._writer(), self._sessions() as session, session.begin():
            yield Tx(session, self._dialect)

    async def ping(self) -> bool:
        """Tell whether the database answers a trivial query within PING_TIMEOUT seconds."""
        try:
            async with asyncio.timeout(PING_TIMEOUT), self._engine.connect() as connection:
                if self._dialect == "sqlite":
                    # A read must not queue behind writers for the write lock.
                    connection = await connection.execution_options(
                        **{SQLITE_BEGIN_OPTION: "DEFERRED"}
                    )
                await connection.execute(text("SELECT 1"))
        except (SQLAlchemyError, OSError, TimeoutError):
            return False
        return True

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self._engine.dispose()
