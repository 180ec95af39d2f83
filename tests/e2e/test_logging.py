"""Logs never carry the bot token, phone numbers or what reporters wrote (at INFO)."""

from __future__ import annotations

import logging

import pytest

from bot.demo import SCRIPTS, Reporter, bot_against
from bot.logs import JsonFormatter, TextFormatter
from bot.telegram.emulator import BotAPIEmulator

pytestmark = pytest.mark.e2e

#: Everything personal the Chinese script types or shares.
SECRETS = ("13800138000", "8613800138000", "马明", "王老板", "押金", "租房合同")


@pytest.mark.parametrize("runtime", ["aiogram", "ptb"])
async def test_logs_hold_no_token_and_no_personal_data(
    emulator: BotAPIEmulator, sqlite_db: str, caplog: pytest.LogCaptureFixture, runtime: str
) -> None:
    caplog.set_level(logging.INFO)
    async with bot_against(emulator, sqlite_db, bot_runtime=runtime):
        user_id, name, script = SCRIPTS["zh"]
        await script(Reporter(emulator, user_id, name, "zh"))
    handled = [r for r in caplog.records if r.getMessage() == "update handled"]
    assert handled  # logs were taken, with their context
    assert all(isinstance(getattr(r, "latency_ms", None), float) for r in handled)
    assert any(getattr(r, "case", None) for r in caplog.records)
    lines = [
        formatter.format(r)
        for r in caplog.records
        for formatter in (JsonFormatter(), TextFormatter())
    ]
    lines += [r.getMessage() for r in caplog.records]
    token_secret = emulator.token.split(":", 1)[1]
    for line in lines:
        assert token_secret not in line
        for secret in SECRETS:
            assert secret not in line, line


def test_formatters_scrub_a_token_in_a_url() -> None:
    record = logging.LogRecord(
        "aiohttp.client",
        logging.INFO,
        __file__,
        1,
        "POST https://api.telegram.org/bot123456789:AAE5c0ffeeSecretTokenValue_xyz/sendMessage",
        None,
        None,
    )
    for formatter in (JsonFormatter(), TextFormatter()):
        line = formatter.format(record)
        assert "AAE5c0ffeeSecretTokenValue_xyz" not in line
        assert "<token>" in line


def test_json_lines_carry_context() -> None:
    import json

    record = logging.LogRecord("bot", logging.INFO, __file__, 1, "update handled", None, None)
    record.update_id = 42
    record.chat_id = 7
    entry = json.loads(JsonFormatter().format(record))
    assert (entry["update_id"], entry["chat_id"], entry["level"]) == (42, 7, "INFO")
