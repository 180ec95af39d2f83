"""The Alembic migrations: reversible, and in step with the SQLAlchemy models."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from bot.storage import Database, downgrade, upgrade
from bot.storage.migrate import alembic_config
from bot.storage.tables import Base

#: The newest revision: every migration, whatever its number, must be reached.
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()

EXPECTED_TABLES = {
    "attachments",
    "case_events",
    "cases",
    "conversations",
    "inbound_updates",
    "outbox",
    "parties",
    "processed_updates",
    "reporters",
}


def _schema_diff(connection: Connection) -> list[Any]:
    """Differences autogenerate would write between the database and the models."""
    return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


def _triggers(connection: Connection) -> set[str]:
    """Names of the triggers on case_events."""
    if connection.dialect.name == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        sql = (
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
            "AND tgrelid = 'case_events'::regclass"
        )
    return {row[0] for row in connection.exec_driver_sql(sql)}


def _snapshot(connection: Connection) -> tuple[set[str], set[str], str | None]:
    """Tables, case_events triggers and the Alembic revision."""
    tables = set(inspect(connection).get_table_names())
    triggers = _triggers(connection) if "case_events" in tables else set()
    revision = MigrationContext.configure(connection).get_current_revision()
    return tables, triggers, revision


async def _inspect(url: str) -> tuple[set[str], set[str], str | None]:
    """Snapshot the schema of the database at `url`."""
    engine = create_async_engine(url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_snapshot)
    finally:
        await engine.dispose()


async def _diff(url: str) -> list[Any]:
    """Model/database differences of the database at `url`."""
    engine = create_async_engine(url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_schema_diff)
    finally:
        await engine.dispose()


async def test_upgrade_downgrade_upgrade(db_url: str) -> None:
    await upgrade(db_url)
    tables, triggers, revision = await _inspect(db_url)
    assert tables >= EXPECTED_TABLES
    assert triggers == {"case_events_no_update", "case_events_no_delete"}
    assert revision == HEAD

    await downgrade(db_url)
    tables, triggers, revision = await _inspect(db_url)
    assert tables & EXPECTED_TABLES == set()
    assert revision is None

    await upgrade(db_url)
    tables, triggers, revision = await _inspect(db_url)
    assert tables >= EXPECTED_TABLES
    assert triggers == {"case_events_no_update", "case_events_no_delete"}
    assert revision == HEAD
    assert await _diff(db_url) == []


async def test_downgrade_drops_postgres_trigger_function(db_url: str) -> None:
    await upgrade(db_url)
    await downgrade(db_url)
    engine = create_async_engine(db_url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                found = await connection.scalar(
                    text("SELECT count(*) FROM pg_proc WHERE proname = 'case_events_append_only'")
                )
                assert found == 0
    finally:
        await engine.dispose()


async def test_models_match_migration(database: Database) -> None:
    async with database.engine.connect() as connection:
        assert await connection.run_sync(_schema_diff) == []


async def test_migrate_is_idempotent(database: Database) -> None:
    await database.migrate()
    assert await database.revision() == HEAD


async def test_revision_is_none_before_migrating(db_url: str) -> None:
    db = Database(db_url)
    try:
        assert await db.revision() is None
    finally:
        await db.dispose()
