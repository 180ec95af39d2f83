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
#: The emulator enforces Telegram's global (30/s) and group (20/min) limits; only the
#: private-chat rate is raised, since scripted reporters answer instantly and Telegram's
#: ~1/s would make every intake take a minute.
LIMITS = EmulatorLimits(private_per_second=20.0, private_burst=20)
#: The sender paces to exactly those limits, so the suite shows it never earns a 429.
PACED_ENV = {
    "FLOOD_GLOBAL_PER_SECOND": str(LIMITS.global_per_second),
    "FLOOD_PRIVATE_PER_SECOND": str(LIMITS.private_per_second),
    "FLOOD_PRIVATE_BURST": str(LIMITS.private_burst),
    "FLOOD_GROUP_PER_MINUTE": str(LIMITS.group_per_minute),
}


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    """An emulator on a free loopback port with Telegram's limits (private chats faster)."""
    async with BotAPIEmulator(TOKEN, limits=LIMITS) as emu:
        yield emu


@pytest.fixture(autouse=True)
def _paced(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sender paces to the emulator's limits.

    Set in the environment, so a bot started as a child process gets it too; the pacing
    tests in test_delivery.py give the sender explicit limits of their own.
    """
    for key, value in PACED_ENV.items():
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
