"""Shared steps of the mediator end-to-end tests: waiting, finding cards, pressing."""

from __future__ import annotations

from collections.abc import Callable

from bot.telegram.emulator import BotAPIEmulator, SentMessage


async def until(emulator: BotAPIEmulator, condition: Callable[[], bool]) -> None:
    """Wait for the bot to bring about `condition`, then for it to go quiet."""
    await emulator.wait_for(condition, 20)
    await emulator.wait_idle(quiet=0.15, timeout=20)


def card_of(emulator: BotAPIEmulator, chat: int, number: str) -> SentMessage:
    """The case card (the bot's message naming the case with the most buttons, or the first)."""
    cards = [m for m in emulator.messages(chat) if m.text and f"案件 {number}" in m.text]
    assert cards, f"no card of {number} in {chat}"
    return cards[0]


def button(message: SentMessage, label: str) -> str:
    data = [b["callback_data"] for b in message.buttons() if b.get("text") == label]
    assert data, f"no button {label!r} on {message.text!r}"
    return str(data[0])


async def press(
    emulator: BotAPIEmulator, user: int, chat: int, message: SentMessage, label: str
) -> str | None:
    """A mediator presses a card button; the toast Telegram showed them."""
    update = emulator.press(user, message.message_id, button(message, label), chat_id=chat)
    query = update["callback_query"]["id"]
    await until(emulator, lambda: emulator.callback_answer(query) is not None)
    answer = emulator.callback_answer(query) or {}
    return answer.get("text")
