"""Choosing the Telegram framework named by BOT_RUNTIME."""

from __future__ import annotations

from bot.app import Core
from bot.config import Runtime
from bot.telegram.runtime import BotRuntime


def make_runtime(core: Core, token: str) -> BotRuntime:
    """The runtime for `core.settings.bot_runtime` (imported lazily: one framework loads)."""
    if core.settings.bot_runtime is Runtime.PTB:
        from bot.telegram.ptb_runtime import PtbRuntime

        return PtbRuntime(core, token)
    from bot.telegram.aiogram_runtime import AiogramRuntime

    return AiogramRuntime(core, token)
