"""Throughput of the bot against a bare aiogram echo bot, both over the local emulator.

Each side gets the same burst of text messages from many reporters and must answer each
one; the time until the last answer is compared. The baseline is a plain aiogram
Dispatcher that replies at once (no database, no outbox), run in the same process, so
the ratio shows what durability (one transaction per update, the outbox, per-chat order)
costs. Run: `.venv/bin/python benchmarks/updates_throughput.py [--users 50] [--rounds 4]`
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from aiogram import Dispatcher, Router
from aiogram.types import Message

from bot.demo import bot_against
from bot.telegram.aiogram_runtime import build_bot
from bot.telegram.emulator import BotAPIEmulator, EmulatorLimits

TOKEN = "777:benchmark-token"


def burst(emulator: BotAPIEmulator, users: int, rounds: int, first_user: int) -> int:
    """Queue `rounds` messages from each of `users` reporters; returns how many."""
    for round_ in range(rounds):
        for n in range(users):
            emulator.send_text(first_user + n, f"你好 {round_}")
    return users * rounds


async def answered(emulator: BotAPIEmulator, users: int, first_user: int, per_user: int) -> None:
    """Wait until every reporter has `per_user` answers."""
    await emulator.wait_for(
        lambda: all(len(emulator.messages(first_user + n)) >= per_user for n in range(users)),
        timeout=600,
    )


async def baseline(users: int, rounds: int) -> float:
    """Seconds a bare aiogram echo bot needs for the burst."""
    async with BotAPIEmulator(TOKEN, limits=EmulatorLimits.unlimited()) as emulator:
        for n in range(users):
            emulator.user(100_000 + n, "Bench", language_code="zh")
        router = Router(name="echo")

        @router.message()
        async def echo(message: Message) -> None:
            await message.answer(message.text or "?")

        dispatcher = Dispatcher()
        dispatcher.include_router(router)
        bot = build_bot(TOKEN, emulator.url)
        polling = asyncio.create_task(
            dispatcher.start_polling(bot, polling_timeout=1, handle_signals=False)
        )
        await emulator.wait_for(lambda: bool(emulator.calls("getUpdates")))
        started = time.perf_counter()
        burst(emulator, users, rounds, 100_000)
        await answered(emulator, users, 100_000, rounds)
        elapsed = time.perf_counter() - started
        await dispatcher.stop_polling()
        await polling
        await bot.session.close()
        return elapsed


async def ours(users: int, rounds: int) -> float:
    """Seconds the mediation bot (SQLite, outbox) needs for the same burst."""
    async with BotAPIEmulator(TOKEN, limits=EmulatorLimits.unlimited()) as emulator:
        for n in range(users):
            emulator.user(200_000 + n, "Bench", language_code="zh")
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
            # Pacing off: Telegram's 30 messages/s would cap the run and hide the cost
            # this benchmark is about.
            unpaced = {
                "flood_global_per_second": float("inf"),
                "flood_private_per_second": float("inf"),
                "flood_private_burst": 10**9,
            }
            async with bot_against(emulator, url, **unpaced):
                started = time.perf_counter()
                burst(emulator, users, rounds, 200_000)
                # Every text is answered: the first with the language prompt, the rest
                # with a hint to press a language button.
                await answered(emulator, users, 200_000, rounds)
                return time.perf_counter() - started


async def main() -> None:
    """Run both sides and print their throughput and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    total = args.users * args.rounds
    base = await baseline(args.users, args.rounds)
    mine = await ours(args.users, args.rounds)
    print(f"updates: {total} from {args.users} reporters")
    print(f"baseline (bare aiogram echo): {base:.2f} s, {total / base:.0f} updates/s")
    print(f"mediation bot (SQLite, journal, outbox): {mine:.2f} s, {total / mine:.0f} updates/s")
    print(f"ratio (mediation bot time / baseline time): {mine / base:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
