"""The bot process dies mid-intake; after a restart the conversation goes on."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.demo import Reporter
from bot.storage import Database
from bot.telegram.emulator import BotAPIEmulator

pytestmark = pytest.mark.e2e


@asynccontextmanager
async def bot_process(
    emulator: BotAPIEmulator, database_url: str, runtime: str
) -> AsyncIterator[asyncio.subprocess.Process]:
    """`python -m bot run` on `runtime` as a real process, configured through its environment."""
    env = {
        **os.environ,
        "BOT_RUNTIME": runtime,
        "BOT_TOKEN": emulator.token,
        "TELEGRAM_API_URL": emulator.url,
        "DATABASE_URL": database_url,
        "POLLING_TIMEOUT": "1",
        "LOG_LEVEL": "INFO",  # for the start-up line naming the runtime
    }
    polled = len(emulator.calls("getUpdates"))
    with tempfile.TemporaryFile() as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, cwd=Path(__file__).parent, stderr=log
        )
        try:
            await emulator.wait_for(lambda: len(emulator.calls("getUpdates")) > polled, timeout=30)
            log.seek(0)
            # The process really runs the framework under test (it logs before polling).
            assert f"running on {runtime} (polling)" in log.read().decode()
            yield process
        finally:
            if process.returncode is None:
                process.kill()
            await process.wait()


async def test_conversation_survives_kill(
    emulator: BotAPIEmulator, tmp_path: Path, runtime: str
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    reporter = Reporter(emulator, 777001, "马明", "zh")
    async with bot_process(emulator, url, runtime) as process:
        await reporter.say("/start")
        await reporter.press("lang:zh")
        await reporter.press("consent:yes")
        await reporter.press("type:wages")
        await reporter.say("深圳")
        await reporter.press("county:xunhua")
        # Now at step 3, asked for the name: the process dies without warning.
        process.send_signal(signal.SIGKILL)
        await process.wait()

    reporter.emulator.send_text(reporter.user_id, "马明")  # typed while the bot was down
    async with bot_process(emulator, url, runtime):
        await reporter.settle({"message": {}})
        # The answer typed during the downtime is taken, and the next question follows.
        assert "手机" in (emulator.last_message(reporter.user_id).text or "")
        await reporter.say("13800138000")
        await reporter.say("李老板")
        await reporter.press("role:employer")
        await reporter.press("skip")
        await reporter.say("三个月工资没发")
        await reporter.press("done")
        await reporter.say("24000")
        await reporter.press("people:2")
        await reporter.press("danger:no")
        await reporter.say("结清工资")
        await reporter.press("submit")

    db = Database(url)
    try:
        async with db.transaction() as tx:
            (case,) = await tx.cases.for_reporter(reporter.user_id)
    finally:
        await db.dispose()
    # Answers from before the kill are kept.
    assert case.host_city == "深圳市"
    assert case.home_county == "循化县"
    assert case.dispute_type.value == "wages"
    assert {p.name for p in case.parties} == {"马明", "李老板"}


async def test_sigterm_stops_cleanly(
    emulator: BotAPIEmulator, tmp_path: Path, runtime: str
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    reporter = Reporter(emulator, 777002, "Dolkar", "bo")
    async with bot_process(emulator, url, runtime) as process:
        await reporter.say("/start")
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), timeout=15) == 0
