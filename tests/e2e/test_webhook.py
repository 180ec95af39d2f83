"""Webhook mode: the secret is checked, updates are journalled before the 200, /healthz."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from bot.app import Core
from bot.demo import Reporter, bot_against
from bot.telegram.emulator import BotAPIEmulator

pytestmark = pytest.mark.e2e


def webhook_url(core: Core) -> str:
    runner: Any = core.runner
    return f"http://127.0.0.1:{runner.webhook_port}/telegram/webhook"


def fake_update(update_id: int) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": 4242, "type": "private", "first_name": "X"},
            "from": {"id": 4242, "is_bot": False, "first_name": "X"},
            "text": "/start",
        },
    }


@pytest.mark.parametrize("runtime", ["aiogram", "ptb"])
async def test_webhook_conversation_and_secret(
    emulator: BotAPIEmulator, sqlite_db: str, runtime: str
) -> None:
    async with bot_against(emulator, sqlite_db, webhook=True, bot_runtime=runtime) as core:
        assert emulator.webhook_url == webhook_url(core)
        polled = len(emulator.calls("getUpdates"))

        reporter = Reporter(emulator, 515151, "卓玛", "bo")
        await reporter.say("/start")
        await reporter.press("lang:bo")
        await reporter.press("consent:yes")
        assert "1" in (emulator.last_message(reporter.user_id).text or "")

        async with aiohttp.ClientSession() as http:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with http.post(
                    webhook_url(core), json=fake_update(999_001), headers=headers
                ) as response:
                    assert response.status == 401
            async with http.post(
                webhook_url(core),
                data=b"not json",
                headers={"X-Telegram-Bot-Api-Secret-Token": "e2e-webhook-secret"},
            ) as response:
                assert response.status == 400
            async with http.get(
                webhook_url(core).replace("/telegram/webhook", "/healthz")
            ) as response:
                assert response.status == 200
                assert await response.json() == {"database": True, "sender": True}
        async with core.db.transaction() as tx:
            # The refused posts left no trace: never journalled, never handled.
            assert await tx.inbound.count() == 0
            assert await tx.updates.claim(999_001, core.clock.now())
        assert len(emulator.calls("getUpdates")) == polled  # webhook mode does not poll
        assert emulator.errors == []
        assert emulator.unanswered_callbacks == []
