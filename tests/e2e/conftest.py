"""End-to-end fixtures: the local Bot API emulator and the real bot polling it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Core
from bot.demo import bot_against
from bot.telegram.emulator import BotAPIEmulator, EmulatorLimits

TOKEN = "424242:E2E-test-token-not-secret"


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    """An emulator on a free loopback port, flood limits off (pacing is tested apart)."""
    async with BotAPIEmulator(TOKEN, limits=EmulatorLimits.unlimited()) as emu:
        yield emu


@pytest.fixture
def sqlite_db(tmp_path: Path) -> str:
    """URL of an SQLite database in the test's folder."""
    return f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"


@pytest.fixture
async def bot(emulator: BotAPIEmulator, sqlite_db: str) -> AsyncIterator[Core]:
    """The real aiogram runtime, polling the emulator, on SQLite."""
    async with bot_against(emulator, sqlite_db) as core:
        yield core
