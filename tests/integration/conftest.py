"""Database fixtures for integration tests, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage import Database
from tests.databases import postgres_database, sqlite_url
from tests.integration.harness import Desk


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """URL of an empty database: an SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
    else:
        async with postgres_database() as url:
            yield url


@pytest.fixture
async def database(db_url: str) -> AsyncIterator[Database]:
    """A migrated `Database`, disposed after the test."""
    db = Database(db_url)
    try:
        await db.migrate()
        yield db
    finally:
        await db.dispose()


@pytest.fixture
async def desk(database: Database) -> Desk:
    """The example offices synced and four groups bound, on the test database."""
    harness = Desk(database)
    await harness.setup()
    return harness
