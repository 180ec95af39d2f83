"""What reaches the core from Telegram, whichever framework received it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.models import AttachmentRef


class EventKind(StrEnum):
    """The shape of an inbound update."""

    TEXT = "text"
    COMMAND = "command"
    CALLBACK = "callback"
    CONTACT = "contact"
    LOCATION = "location"
    MEDIA = "media"
    EDITED = "edited"
    OTHER = "other"


class ChatType(StrEnum):
    """Telegram's chat types."""

    PRIVATE = "private"
    GROUP = "group"
    SUPERGROUP = "supergroup"
    CHANNEL = "channel"


@dataclass(frozen=True)
class InboundEvent:
    """One Telegram update, reduced to what the handlers need."""

    update_id: int
    chat_id: int
    chat_type: ChatType
    user_id: int
    kind: EventKind
    first_name: str = ""
    language_code: str | None = None
    message_id: int | None = None
    text: str | None = None
    command: str | None = None
    command_args: str = ""
    callback_id: str | None = None
    callback_data: str | None = None
    contact_phone: str | None = None
    contact_user_id: int | None = None
    contact_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    attachment: AttachmentRef | None = None
    forwarded: bool = False
    #: The bot message this one replies to (a mediator answering a relayed message).
    reply_to_message_id: int | None = None
    #: The forum topic the message was posted in.
    thread_id: int | None = None
    chat_title: str = ""
    chat_is_forum: bool = False
