"""Bot API objects (as JSON dicts) to inbound events, shared by both runtimes.

Both frameworks model the same Bot API objects; converting their JSON form here keeps one
set of rules (commands, contacts, the largest photo, captions) for aiogram and PTB.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.domain.events import ChatType, EventKind, InboundEvent
from bot.domain.models import AttachmentKind, AttachmentRef

#: Evidence kinds, checked in this order; an animation also carries a `document`
#: copy, which is no evidence file.
_MEDIA = (
    ("voice", AttachmentKind.VOICE),
    ("document", AttachmentKind.DOCUMENT),
    ("video", AttachmentKind.VIDEO),
    ("audio", AttachmentKind.AUDIO),
)


def message_event(
    update_id: int, message: Mapping[str, Any], *, edited: bool = False
) -> InboundEvent | None:
    """Reduce a Message to an inbound event (None for messages without a sender)."""
    user = message.get("from")
    if user is None:
        return None  # channel posts and anonymous admins: nobody to answer
    base: dict[str, Any] = {
        "update_id": update_id,
        "chat_id": int(message["chat"]["id"]),
        "chat_type": ChatType(str(message["chat"]["type"])),
        "user_id": int(user["id"]),
        "first_name": str(user.get("first_name", "")),
        "language_code": user.get("language_code"),
        "message_id": int(message["message_id"]),
        "forwarded": message.get("forward_origin") is not None,
        "thread_id": message.get("message_thread_id"),
        "chat_title": str(message["chat"].get("title", "")),
        "chat_is_forum": bool(message["chat"].get("is_forum", False)),
    }
    replied = message.get("reply_to_message")
    # In a forum every topic message "replies" to the topic's first message; only a
    # reply to a message of the bot's own means "answer this".
    if replied is not None and (replied.get("from") or {}).get("is_bot"):
        base["reply_to_message_id"] = int(replied["message_id"])
    text = message.get("text")
    if edited:
        return InboundEvent(kind=EventKind.EDITED, text=text, **base)
    if text is not None:
        if text.startswith("/"):
            head, _, args = text[1:].partition(" ")
            command = head.split("@", 1)[0].lower()
            return InboundEvent(
                kind=EventKind.COMMAND, command=command, command_args=args, text=text, **base
            )
        return InboundEvent(kind=EventKind.TEXT, text=text, **base)
    contact = message.get("contact")
    if contact is not None:
        return InboundEvent(
            kind=EventKind.CONTACT,
            contact_phone=contact.get("phone_number"),
            contact_user_id=contact.get("user_id"),
            contact_name=contact.get("first_name"),
            **base,
        )
    location = message.get("location")
    if location is not None:
        return InboundEvent(
            kind=EventKind.LOCATION,
            latitude=float(location["latitude"]),
            longitude=float(location["longitude"]),
            **base,
        )
    attachment = _attachment(message)
    if attachment is not None:
        return InboundEvent(
            kind=EventKind.MEDIA, attachment=attachment, text=message.get("caption"), **base
        )
    return InboundEvent(kind=EventKind.OTHER, **base)


def _attachment(message: Mapping[str, Any]) -> AttachmentRef | None:
    photos = message.get("photo")
    if photos:
        largest = photos[-1]  # Telegram lists the sizes smallest first
        return AttachmentRef(AttachmentKind.PHOTO, largest["file_id"], largest["file_unique_id"])
    for key, kind in _MEDIA:
        media = message.get(key)
        if media is not None and not (key == "document" and "animation" in message):
            return AttachmentRef(kind, media["file_id"], media["file_unique_id"])
    return None


def callback_event(update_id: int, query: Mapping[str, Any]) -> InboundEvent | None:
    """Reduce a CallbackQuery to an inbound event (None without a message to answer in)."""
    message = query.get("message")
    if message is None:
        return None  # a button of an inline-mode message: no chat to answer in
    user = query["from"]
    return InboundEvent(
        update_id=update_id,
        chat_id=int(message["chat"]["id"]),
        chat_type=ChatType(str(message["chat"]["type"])),
        user_id=int(user["id"]),
        first_name=str(user.get("first_name", "")),
        language_code=user.get("language_code"),
        kind=EventKind.CALLBACK,
        message_id=int(message["message_id"]),
        callback_id=str(query["id"]),
        callback_data=query.get("data"),
        thread_id=message.get("message_thread_id"),
        chat_title=str(message["chat"].get("title", "")),
        chat_is_forum=bool(message["chat"].get("is_forum", False)),
    )
