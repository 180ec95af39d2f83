"""Errors the storage layer raises for callers to handle."""

from __future__ import annotations


class StaleConversationError(Exception):
    """The conversation changed (or appeared) since it was read; reload and retry."""

    def __init__(self, chat_id: int, flow: str, expected_version: int | None) -> None:
        """Remember which conversation was stale, for logs."""
        super().__init__(
            f"conversation chat_id={chat_id} flow={flow!r} is not at version {expected_version}"
        )
        self.chat_id = chat_id
        self.flow = flow
        self.expected_version = expected_version
