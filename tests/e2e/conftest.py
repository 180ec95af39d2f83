"""End-to-end fixtures: the local Bot API emulator and the real bot polling it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Core
from bot.demo import bot_against
from bot.telegram.emulator import BotAPIEmulator, EmulatorLimits

TOKEN = "424242:E2E-test-token-not-secret"
#: Both Telegram frameworks drive the same handlers: every end-to-end test runs on each.
RUNTIMES = ["aiogram", "ptb"]
#: FLOOD_* settings that keep the sender from pacing (matching EmulatorLimits.unlimited()).
UNPACED_ENV = {
    "FLOOD_GLOBAL_PER_SECOND": "inf",
    "FLOOD_PRIVATE_PER_SECOND": "inf",
    "FLOOD_GROUP_PER_MINUTE": str(2**62),
}


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    """An emulator on a free loopback port, flood limits off (pacing is tested apart)."""
    async with BotAPIEmulator(TOKEN, limits=EmulatorLimits.unlimited()) as emu:
        yield emu


@pytest.fixture(autouse=True)
def _unpaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sender does not pace either: the emulator has no limits, scripted users no pauses.

    Set in the environment, so a bot started as a child process gets it too; the pacing
    tests in test_delivery.py give the sender explicit limits instead.
    """
    for key, value in UNPACED_ENV.items():
        monkeypatch.setenv(key, value)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> str:
    """URL of an SQLite database in the test's folder."""
    return f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"


@pytest.fixture(params=RUNTIMES)
def runtime(request: pytest.FixtureRequest) -> str:
    """The BOT_RUNTIME under test: aiogram, then python-telegram-bot."""
    return str(request.param)


@pytest.fixture(params=["polling", "webhook"])
def mode(request: pytest.FixtureRequest) -> str:
    """How updates arrive: long polling, or the emulator posting to the bot's webhook."""
    return str(request.param)


@pytest.fixture
async def bot(
    emulator: BotAPIEmulator, sqlite_db: str, runtime: str, mode: str
) -> AsyncIterator[Core]:
    """The real bot on `runtime` in `mode`, against the emulator, on SQLite."""
    webhook = mode == "webhook"
    async with bot_against(emulator, sqlite_db, bot_runtime=runtime, webhook=webhook) as core:
        assert core.settings.bot_runtime.value == runtime
        assert core.settings.webhook_mode is webhook
        yield core
