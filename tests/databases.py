"""Test databases: an SQLite file in a temp folder, or a fresh PostgreSQL database per test."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
CONNECT_TIMEOUT = 3.0


def postgres_base_url() -> str:
    """The PostgreSQL server (and a database on it) that test databases are created from."""
    return os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def sqlite_url(folder: Path) -> str:
    """An SQLite file URL in a not yet existing subfolder (Database must create it)."""
    return f"sqlite+aiosqlite:///{folder / 'data' / 'bot.db'}"


def _asyncpg_dsn(url: str) -> str:
    """Turn an SQLAlchemy URL into a DSN asyncpg understands."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _admin_connection(base_url: str) -> asyncpg.Connection:
    """Connect to the base database; fail (REQUIRE_POSTGRES=1) or skip when it is down."""
    try:
        return await asyncpg.connect(_asyncpg_dsn(base_url), timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
        shown = make_url(base_url).render_as_string(hide_password=True)
        reason = f"PostgreSQL not reachable at {shown}: {exc!r}"
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{reason} (REQUIRE_POSTGRES=1)", pytrace=False)
        pytest.skip(reason)


@asynccontextmanager
async def postgres_database(base_url: str | None = None) -> AsyncIterator[str]:
    """Create a fresh, empty database on the test server and drop it afterwards."""
    base = base_url or postgres_base_url()
    name = f"mb_test_{secrets.token_hex(6)}"
    admin = await _admin_connection(base)
    try:
        # template0 is tiny and never has connections, so copying it is fastest.
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    finally:
        await admin.close()
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        admin = await _admin_connection(base)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()
