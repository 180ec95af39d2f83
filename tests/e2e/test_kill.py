"""Crash safety: the bot process is SIGKILLed again and again while reporters talk to it.

The bot runs as a real process against the emulator; reporters in three languages file
their reports while a killer task SIGKILLs the process at random moments and restarts
it. Afterwards: every confirmed report is stored exactly once, every conversation got to
its end, every update was handled (none lost, none left in the journal), and every owed
message reached the emulator — exactly once, except where a kill fell between Telegram
accepting a message and the outbox recording it (Telegram has no idempotency key; such
rows are counted, and the note of the issue explains the trade-off).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import signal
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.demo import SCRIPTS, Reporter
from bot.storage import Database, OutboxItem
from bot.telegram.emulator import BotAPIEmulator, EmulatorLimits, SentMessage
from tests.e2e.conftest import TOKEN

pytestmark = pytest.mark.e2e

#: At least this many SIGKILLs on python-telegram-bot (the issue asks for 50)...
KILLS = int(os.environ.get("KILL_TEST_KILLS", "50"))
#: ...and on aiogram, whose import alone takes ~7 s here (pydantic builds every Bot API
#: type at start-up), so each of its restarts costs ten times more.
KILLS_BY_RUNTIME = {"ptb": KILLS, "aiogram": max(5, KILLS // 5)}
#: Reporters talking at the same time, cycling through the three languages.
REPORTERS = 6
STEP_TIMEOUT = 120.0


def stored_seq(database: Path, chat_id: int) -> int:
    """The conversation's step counter, read straight from SQLite (WAL readers never block)."""
    # A plain connection: a read-only one cannot always see what is still in the WAL.
    with contextlib.closing(sqlite3.connect(database, timeout=30)) as db:
        row = db.execute(
            "SELECT data FROM conversations WHERE chat_id = ? AND flow = 'intake'", (chat_id,)
        ).fetchone()
    return int(json.loads(row[0]).get("seq", 0)) if row else 0


class PatientReporter(Reporter):
    """A reporter who waits through restarts: each action expects one more bot message."""

    database: Path = Path()

    async def settle(self, update: dict[str, Any] | None = None) -> list[SentMessage]:
        """Wait for the bot's answer, however many restarts it takes."""
        emulator = self.emulator
        await emulator.wait_for(
            lambda: len(emulator.messages(self.user_id)) > self.seen, STEP_TIMEOUT
        )
        messages = emulator.messages(self.user_id)
        new = messages[self.seen :]
        self.seen = len(messages)
        return new

    async def press(self, action: str) -> list[SentMessage]:
        """Press a button once it is on screen, again if the bot refused it as stale.

        Repeated messages after a kill can make this reporter act before the newest
        prompt arrived and press an older copy of the button, which the bot rightly
        refuses; a person would then press the new one. Every press of the scripts
        moves the conversation on, so the stored step counter tells whether it took.
        """
        emulator = self.emulator
        for _ in range(30):

            def shown() -> bool:
                # Only the button of the step the conversation is at: older prompts keep
                # theirs (a "skip" typed past), and the newest may still be on its way.
                return self._current(action) is not None

            shown.__name__ = f"reporter {self.user_id} sees button {action} after {self.log[-1:]}"
            await emulator.wait_for(shown, STEP_TIMEOUT)
            found = self._current(action)
            assert found is not None
            message_id, data = found
            pressed_seq = int(data.split(":", 2)[1])
            self._print(f"  user > [{action}]")
            query_id = emulator.press(self.user_id, message_id, data)["callback_query"]["id"]

            def settled(query_id: str = query_id, pressed_seq: int = pressed_seq) -> bool:
                refused = bool((emulator.callback_answer(query_id) or {}).get("text"))
                return refused or stored_seq(self.database, self.user_id) > pressed_seq

            settled.__name__ = f"reporter {self.user_id} pressed [{action}]"
            await emulator.wait_for(settled, STEP_TIMEOUT)
            if stored_seq(self.database, self.user_id) > pressed_seq:
                self.seen = len(emulator.messages(self.user_id))
                return []
            await asyncio.sleep(0.2)  # refused as stale: let the newest prompt arrive
        raise AssertionError(f"reporter {self.user_id} could not press {action}")

    def _current(self, action: str) -> tuple[int, str] | None:
        """The newest button for `action` carrying the conversation's current step counter."""
        seq = stored_seq(self.database, self.user_id)
        for message in reversed(self.emulator.messages(self.user_id)):
            for button in message.buttons():
                data = str(button.get("callback_data", ""))
                parts = data.split(":", 2)
                if len(parts) == 3 and parts[2] == action and parts[1] == str(seq):
                    return message.message_id, data
        return None


class BotProcess:
    """`python -m bot run` as a child process that can be killed and started again."""

    def __init__(self, emulator: BotAPIEmulator, database_url: str, runtime: str) -> None:
        self.emulator = emulator
        self.env = {
            **os.environ,
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": emulator.url,
            "DATABASE_URL": database_url,
            "BOT_RUNTIME": runtime,
            "POLLING_TIMEOUT": "1",
            "LOG_LEVEL": "WARNING",
            # The emulator is unlimited here; pacing is tested elsewhere.
            "FLOOD_GLOBAL_PER_SECOND": "10000",
            "FLOOD_PRIVATE_PER_SECOND": "10000",
            "FLOOD_PRIVATE_BURST": "10000",
        }
        self.process: asyncio.subprocess.Process | None = None
        self.kills = 0

    async def start(self) -> None:
        """Start the bot and wait until it polls."""
        polled = len(self.emulator.calls("getUpdates"))
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=self.env, cwd=Path(__file__).parent
        )
        await self.emulator.wait_for(
            lambda: len(self.emulator.calls("getUpdates")) > polled, timeout=60
        )

    async def kill(self) -> None:
        """SIGKILL: no shutdown code runs."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()
        self.kills += 1

    async def terminate(self) -> int:
        """SIGTERM and wait for a clean exit."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), timeout=30)


async def killer(bot: BotProcess, kills: int, done: Callable[[], bool], rng: random.Random) -> None:
    """Kill the running bot at random moments until enough kills and the reporters are done."""
    while bot.kills < kills or not done():
        await asyncio.sleep(rng.uniform(0.05, 1.2))
        await bot.kill()
        await bot.start()


async def dump(url: str, emulator: BotAPIEmulator, user_id: int) -> None:
    """Print what the bot and the database know of a stuck reporter."""
    db = Database(url)
    try:
        async with db.transaction() as tx:
            conversation = await tx.conversations.get(user_id, "intake")
            items = await tx.outbox.for_chat(user_id)
    finally:
        await db.dispose()
    print(f"\n--- reporter {user_id} stuck ---")
    print("conversation:", conversation and (conversation.state, conversation.data.get("seq")))
    for item in items[-6:]:
        print("outbox:", item.id, item.kind, item.status, item.attempts, str(item.payload)[:120])
    for message in emulator.messages(user_id)[-4:]:
        print(
            "shown:", (message.text or "")[:80], [b.get("callback_data") for b in message.buttons()]
        )
    for request in emulator.requests[-400:]:
        params = request.params
        if params.get("chat_id") == user_id or str(params.get("chat_id")) == str(user_id):
            print("request:", request.method, request.status, str(params)[:100])


def match_deliveries(rows: list[OutboxItem], sent: list[SentMessage]) -> int:
    """Check the emulator got each outbox message in order; return the tolerated repeats."""
    repeats = 0
    j = 0
    for row in rows:
        text = row.payload["text"]
        assert j < len(sent), f"message never delivered: {text!r}"
        assert sent[j].text == text, f"expected {text!r}, emulator has {sent[j].text!r}"
        j += 1
        # A repeat is only acceptable where a kill cut the row's first attempt short.
        while row.attempts > 1 and j < len(sent) and sent[j].text == text:
            repeats += 1
            j += 1
    assert j == len(sent), f"unexpected extra messages: {[m.text for m in sent[j:]]}"
    return repeats


@pytest.mark.parametrize("runtime", ["ptb", "aiogram"])
async def test_reports_survive_repeated_sigkill(tmp_path: Path, runtime: str) -> None:
    kills = KILLS_BY_RUNTIME[runtime]
    rng = random.Random(20261129)
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    async with BotAPIEmulator(TOKEN, limits=EmulatorLimits.unlimited()) as emulator:
        bot = BotProcess(emulator, url, runtime)
        await bot.start()
        finished: list[int] = []
        languages = list(SCRIPTS)

        async def reporter_loop(n: int) -> None:
            # Each reporter files reports one after another until the killer is satisfied.
            round_ = 0
            while bot.kills < kills:
                lang = languages[(n + round_) % len(languages)]
                _, name, script = SCRIPTS[lang]
                user_id = 930_000 + n * 100 + round_
                reporter = PatientReporter(emulator, user_id, name, lang)
                reporter.database = tmp_path / "bot.db"
                try:
                    await script(reporter)
                except TimeoutError:
                    print("\n".join(reporter.log))
                    await dump(url, emulator, user_id)
                    raise
                finished.append(user_id)
                round_ += 1

        reporters = [asyncio.create_task(reporter_loop(n)) for n in range(REPORTERS)]
        kill_task = asyncio.create_task(
            killer(bot, kills, lambda: all(t.done() for t in reporters), rng)
        )
        try:
            await asyncio.gather(*reporters)
            await kill_task
            # Everything owed goes out, then the bot stops cleanly.
            db = Database(url)
            try:
                await emulator.wait_for(lambda: emulator.pending_updates == 0, timeout=60)
                for _ in range(600):
                    async with db.transaction() as tx:
                        pending = await tx.outbox.pending_count()
                        journal = await tx.inbound.count()
                    if not pending and not journal:
                        break
                    await asyncio.sleep(0.1)
                assert await bot.terminate() == 0

                assert bot.kills >= kills
                assert finished
                repeats = 0
                async with db.transaction() as tx:
                    assert await tx.outbox.pending_count() == 0
                    assert await tx.inbound.count() == 0  # no update left unhandled
                    for user_id in finished:
                        cases = await tx.cases.for_reporter(user_id)
                        assert len(cases) == 1, f"reporter {user_id} has {len(cases)} cases"
                        confirmation = [m.text or "" for m in emulator.messages(user_id)]
                        assert any(cases[0].number in text for text in confirmation)
                        rows = [
                            item
                            for item in await tx.outbox.for_chat(user_id)
                            if item.kind == "send"
                        ]
                        repeats += match_deliveries(rows, emulator.messages(user_id))
                print(
                    f"\n{bot.kills} kills, {len(finished)} reports, "
                    f"{repeats} message(s) repeated after a kill mid-send"
                )
            finally:
                await db.dispose()
        finally:
            for task in (*reporters, kill_task):
                task.cancel()
            if bot.process is not None and bot.process.returncode is None:
                bot.process.kill()
                await bot.process.wait()
