"""What a Telegram framework must provide so the shared runner can drive it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from bot.delivery import TelegramGateway

#: Update types the bot asks Telegram for.
ALLOWED_UPDATES = ("message", "edited_message", "callback_query")

#: Command menus: language code (None = default) -> (command, description) pairs.
CommandMenus = Mapping[str | None, Sequence[tuple[str, str]]]


class FatalTelegramError(Exception):
    """Telegram refuses the bot itself (bad token): retrying cannot help."""


class BotRuntime(Protocol):
    """One Telegram framework: its HTTP client, its update types and its routing."""

    name: str
    gateway: TelegramGateway

    async def start(self) -> str:
        """Open the HTTP session and check the token (getMe); return the bot's username."""
        ...

    async def stop(self) -> None:
        """Close the HTTP session."""
        ...

    async def get_updates(self, offset: int | None, wait: int) -> list[dict[str, Any]]:
        """Long-poll getUpdates for up to `wait` seconds; raw JSON; `offset` acknowledges."""
        ...

    async def feed(self, update: dict[str, Any]) -> None:
        """Route one raw update through the framework to the core handlers; never raises."""
        ...

    async def set_webhook(self, url: str, secret: str) -> None:
        """Ask Telegram to post updates to `url` with the secret header."""
        ...

    async def delete_webhook(self) -> None:
        """Switch Telegram back to getUpdates (pending updates are kept)."""
        ...

    async def set_commands(self, menus: CommandMenus) -> None:
        """Register the command menu for each language."""
        ...
