"""The aiogram runtime: long polling in front of the transport-neutral handlers."""

from __future__ import annotations

import logging
from enum import Enum
from typing import Any

from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
    Update,
)

from bot.app import Core
from bot.delivery import DeliveryError, FailureKind, TelegramGateway
from bot.domain.events import InboundEvent
from bot.telegram import convert
from bot.telegram.runtime import ALLOWED_UPDATES, CommandMenus, FatalTelegramError

log = logging.getLogger(__name__)


def message_event(update_id: int, message: Message, *, edited: bool = False) -> InboundEvent | None:
    """Reduce an aiogram Message to an inbound event (None for messages without a sender)."""
    return convert.message_event(
        update_id, message.model_dump(mode="json", by_alias=True, exclude_none=True), edited=edited
    )


def callback_event(update_id: int, query: CallbackQuery) -> InboundEvent | None:
    """Reduce an aiogram callback query to an inbound event."""
    return convert.callback_event(
        update_id, query.model_dump(mode="json", by_alias=True, exclude_none=True)
    )


class AiogramGateway:
    """Sends outbox payloads with aiogram's Bot, translating its errors."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send_message(self, chat_id: int, payload: dict[str, Any]) -> int:
        """Send a message; return its id."""
        async with _classified():
            sent = await self.bot.send_message(
                chat_id,
                payload["text"],
                parse_mode=payload.get("parse_mode"),
                reply_markup=_markup(payload),
                message_thread_id=payload.get("message_thread_id"),
                reply_parameters=_reply_parameters(payload),
            )
        return sent.message_id

    async def edit_reply_markup(self, chat_id: int, payload: dict[str, Any]) -> None:
        """Replace the inline keyboard of a message (remove it when none is given)."""
        keyboard = _markup(payload)
        async with _classified():
            await self.bot.edit_message_reply_markup(
                chat_id=chat_id,
                message_id=int(payload["message_id"]),
                reply_markup=keyboard if isinstance(keyboard, InlineKeyboardMarkup) else None,
            )

    async def edit_message_text(self, chat_id: int, payload: dict[str, Any]) -> None:
        """Replace a message's text and inline keyboard (removed when none is given)."""
        keyboard = _markup(payload)
        async with _classified():
            await self.bot.edit_message_text(
                payload["text"],
                chat_id=chat_id,
                message_id=int(payload["message_id"]),
                parse_mode=payload.get("parse_mode"),
                reply_markup=keyboard if isinstance(keyboard, InlineKeyboardMarkup) else None,
            )

    async def create_forum_topic(self, chat_id: int, name: str) -> int:
        """Open a topic in a forum supergroup; return its message_thread_id."""
        async with _classified():
            topic = await self.bot.create_forum_topic(chat_id, name)
        return topic.message_thread_id

    async def copy_message(self, chat_id: int, payload: dict[str, Any]) -> int:
        """Copy a message into ``chat_id`` (optionally re-captioned, in a topic, as a reply)."""
        caption = payload.get("caption")
        async with _classified():
            copied = await self.bot.copy_message(
                chat_id,
                from_chat_id=int(payload["from_chat_id"]),
                message_id=int(payload["message_id"]),
                message_thread_id=payload.get("message_thread_id"),
                caption=caption,
                parse_mode="HTML" if caption is not None else None,
                reply_parameters=_reply_parameters(payload),
            )
        return copied.message_id

    async def chat_member_status(self, chat_id: int, user_id: int) -> str:
        """The user's getChatMember status in the chat ("member", "left", "kicked"...)."""
        async with _classified():
            member = await self.bot.get_chat_member(chat_id, user_id)
        status = member.status
        # aiogram's ChatMemberStatus is a str Enum whose str() is "ChatMemberStatus.X".
        return str(status.value) if isinstance(status, Enum) else str(status)


def _reply_parameters(payload: dict[str, Any]) -> ReplyParameters | None:
    target = payload.get("reply_to_message_id")
    if target is None:
        return None
    # A reply whose target was deleted meanwhile is still worth delivering.
    return ReplyParameters(message_id=int(target), allow_sending_without_reply=True)


def _markup(
    payload: dict[str, Any],
) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None:
    if payload.get("inline_keyboard"):
        return InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(text=b["text"], callback_data=b["callback_data"])
                    for b in row
                ]
                for row in payload["inline_keyboard"]
            ]
        )
    if payload.get("keyboard"):
        return ReplyKeyboardMarkup(
            keyboard=[
                [
                    KeyboardButton(text=k["text"], request_contact=k.get("request_contact") or None)
                    for k in row
                ]
                for row in payload["keyboard"]
            ],
            resize_keyboard=True,
        )
    if payload.get("remove_keyboard"):
        return ReplyKeyboardRemove()
    return None


class _classified:
    """Turns aiogram's exceptions into DeliveryError kinds the sender understands."""

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object
    ) -> bool:
        if exc is None:
            return False
        if isinstance(exc, TelegramRetryAfter):
            raise DeliveryError(
                FailureKind.RETRY_AFTER, exc.message, float(exc.retry_after)
            ) from exc
        if isinstance(exc, TelegramBadRequest) and "message is not modified" in exc.message:
            raise DeliveryError(FailureKind.NOT_MODIFIED, exc.message) from exc
        if isinstance(exc, TelegramServerError | TelegramNetworkError):
            raise DeliveryError(FailureKind.TRANSIENT, str(exc)) from exc
        if isinstance(
            exc,
            TelegramBadRequest
            | TelegramForbiddenError
            | TelegramNotFound
            | TelegramUnauthorizedError,
        ):
            raise DeliveryError(FailureKind.PERMANENT, exc.message) from exc
        return False


def build_router(core: Core) -> Router:
    """The router feeding private chats, mediator groups and buttons to the core dispatcher."""
    router = Router(name=__name__)

    dispatch = core.dispatch.respond

    # Groups are where mediators work; channels are never the bot's business.
    @router.message(F.chat.type.in_({"private", "group", "supergroup"}))
    async def on_message(message: Message, event_update: Any) -> None:
        await dispatch(message_event(event_update.update_id, message))

    @router.edited_message(F.chat.type == "private")
    async def on_edited(message: Message, event_update: Any) -> None:
        await dispatch(message_event(event_update.update_id, message, edited=True))

    @router.callback_query()
    async def on_callback(query: CallbackQuery, event_update: Any) -> None:
        toast = await dispatch(callback_event(event_update.update_id, query))
        # Telegram shows a spinner on the button until the query is answered.
        try:
            await query.answer(text=toast)
        except (TelegramBadRequest, TelegramNetworkError) as error:
            log.warning("could not answer callback query: %s", error)

    return router


def build_bot(token: str, api_url: str) -> Bot:
    """A Bot talking to `api_url` (Telegram, a self-hosted Bot API server, or the emulator)."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_url))
    return Bot(token=token, session=session)


class AiogramRuntime:
    """aiogram as the runtime: its Bot for HTTP, its Dispatcher and Router for routing."""

    name = "aiogram"

    def __init__(self, core: Core, token: str) -> None:
        self.bot = build_bot(token, core.settings.telegram_api_url)
        self.dispatcher = Dispatcher()
        self.dispatcher.include_router(build_router(core))
        self.gateway: TelegramGateway = AiogramGateway(self.bot)

    async def start(self) -> str:
        """Check the token with getMe; return the username."""
        try:
            me = await self.bot.get_me()
        except TelegramUnauthorizedError as error:
            raise FatalTelegramError("Telegram refused the token (401 Unauthorized)") from error
        return me.username or str(me.id)

    async def stop(self) -> None:
        """Close the HTTP session."""
        await self.bot.session.close()

    async def get_updates(self, offset: int | None, wait: int) -> list[dict[str, Any]]:
        """Long-poll; the updates as raw Bot API JSON (for the journal)."""
        try:
            updates = await self.bot.get_updates(
                offset=offset,
                timeout=wait,
                allowed_updates=list(ALLOWED_UPDATES),
                request_timeout=wait + 10,
            )
        except TelegramUnauthorizedError as error:
            raise FatalTelegramError("Telegram refused the token (401 Unauthorized)") from error
        return [u.model_dump(mode="json", exclude_none=True, by_alias=True) for u in updates]

    async def feed(self, update: dict[str, Any]) -> None:
        """Run one raw update through the Dispatcher (which reaches the reporter handler)."""
        try:
            parsed = Update.model_validate(update, context={"bot": self.bot})
            await self.dispatcher.feed_update(self.bot, parsed)
        except Exception:
            # The router already apologised to the user where it could; an update
            # that cannot even be parsed must not stop the others.
            log.exception("update %s could not be handled", update.get("update_id"))

    async def set_webhook(self, url: str, secret: str) -> None:
        """Register the webhook with its secret token."""
        await self.bot.set_webhook(url, secret_token=secret, allowed_updates=list(ALLOWED_UPDATES))

    async def delete_webhook(self) -> None:
        """Back to getUpdates, keeping what Telegram has queued."""
        await self.bot.delete_webhook(drop_pending_updates=False)

    async def set_commands(self, menus: CommandMenus) -> None:
        """Register the command menu per language, in private chats."""
        scope = BotCommandScopeAllPrivateChats()
        for language, commands in menus.items():
            await self.bot.set_my_commands(
                [BotCommand(command=c, description=d) for c, d in commands],
                scope=scope,
                language_code=language,
            )
