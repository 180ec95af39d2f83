"""What a flow asks the bot to say: references to Fluent messages, never raw text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from bot.domain.models import NewCase

_EMPTY: Mapping[str, object] = MappingProxyType({})


@dataclass(frozen=True)
class Msg:
    """A Fluent message by id; `locale` overrides the conversation's language."""

    id: str
    args: Mapping[str, object] = field(default_factory=lambda: _EMPTY)
    locale: str | None = None


@dataclass(frozen=True)
class Button:
    """An inline button; `action` becomes callback data behind a staleness prefix."""

    label: Msg | str
    action: str


def rows(buttons: list[Button], width: int) -> tuple[tuple[Button, ...], ...]:
    """Lay buttons out `width` to a row, in order."""
    return tuple(tuple(buttons[i : i + width]) for i in range(0, len(buttons), width))


@dataclass(frozen=True)
class KeyButton:
    """A reply-keyboard button (needed to ask Telegram for the user's own contact)."""

    label: Msg
    request_contact: bool = False


@dataclass(frozen=True)
class Reply:
    """One outgoing message: its parts are joined by line breaks."""

    parts: tuple[Msg, ...]
    buttons: tuple[tuple[Button, ...], ...] = ()
    keyboard: tuple[tuple[KeyButton, ...], ...] = ()
    remove_keyboard: bool = False


@dataclass(frozen=True)
class Consented:
    """The reporter accepted the privacy notice."""

    language: str


@dataclass(frozen=True)
class Declined:
    """The person declined (or left before consenting): keep nothing about them."""


@dataclass(frozen=True)
class LanguageChosen:
    """The reporter picked a language."""

    language: str


@dataclass(frozen=True)
class Submitted:
    """The reporter confirmed the summary: store the case."""

    case: NewCase


Effect = Consented | Declined | LanguageChosen | Submitted


@dataclass
class FlowResult:
    """Everything one update caused: replies, side effects, and a callback toast."""

    replies: list[Reply] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    toast: Msg | None = None
    changed: bool = False
