"""Run the Alembic migrations programmatically; no alembic.ini is involved."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection, make_url

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """Build the Alembic config for our migrations folder, a URL and/or an open connection."""
    config = Config()
    # ConfigParser interpolates '%', so a path containing one must be escaped.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if url is not None:
        # Kept out of the ini options for the same reason: passwords may contain '%'.
        config.attributes["url"] = url
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def sqlite_file_missing(url: str) -> bool:
    """Whether `url` names an SQLite file that does not exist (opening it would create it)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return False
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return False
    return not Path(database).expanduser().exists()


def ensure_sqlite_folder(url: str) -> None:
    """Create the folder of a file-based SQLite database; SQLite creates only the file."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


async def upgrade(url: str, revision: str = "head") -> None:
    """Upgrade the database at `url` to `revision`."""
    ensure_sqlite_folder(url)
    # env.py calls asyncio.run(), which needs a thread without a running loop.
    await asyncio.to_thread(command.upgrade, alembic_config(url), revision)


async def downgrade(url: str, revision: str = "base") -> None:
    """Downgrade the database at `url` to `revision`."""
    await asyncio.to_thread(command.downgrade, alembic_config(url), revision)


def upgrade_connection(connection: Connection, revision: str = "head") -> None:
    """Upgrade through a connection outside any transaction, and commit (for run_sync)."""
    config = alembic_config(connection=connection)
    if connection.dialect.name != "sqlite":
        with connection.begin():
            command.upgrade(config, revision)
        return
    with _sqlite_foreign_keys_off(connection), connection.begin():
        command.upgrade(config, revision)
        problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"migration left rows with dangling foreign keys: {problems[:5]}")


@contextmanager
def _sqlite_foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Disable foreign keys on this SQLite connection for the duration of a migration.

    Batch mode rebuilds a table by dropping it, and with foreign keys on that drop
    would cascade into (delete) the rows of every referencing table. The pragma is a
    no-op inside a transaction, so it goes straight to the driver before BEGIN.
    """
    dbapi_connection = connection.connection

    def pragma(sql: str) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(sql)
        finally:
            cursor.close()

    pragma("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        pragma("PRAGMA foreign_keys=ON")


def current_revision(connection: Connection) -> str | None:
    """Return the revision the database is at, or None when it is not migrated."""
    return MigrationContext.configure(connection).get_current_revision()
