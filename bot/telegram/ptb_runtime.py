"""The python-telegram-bot runtime: PTB's Application in front of the transport-neutral handlers."""

from __future__ import annotations

import logging
import warnings
from datetime import timedelta
from enum import Enum
from typing import Any

from telegram import (
    Bot,
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
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    ExtBot,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBDeprecationWarning

from bot.app import Core
from bot.delivery import DeliveryError, FailureKind, TelegramGateway
from bot.domain.events import InboundEvent
from bot.telegram import convert
from bot.telegram.runtime import ALLOWED_UPDATES, CommandMenus, FatalTelegramError

log = logging.getLogger(__name__)

#: Seconds a getUpdates read may take beyond the long-poll itself (PTB adds `timeout` to it).
POLL_READ_MARGIN = 10.0
#: Seconds other calls may wait for Telegram's answer: aiogram's default. PTB's own 5 s
#: would turn a slow but successful sendMessage into TimedOut, a retry and a duplicate.
REQUEST_READ_TIMEOUT = 60.0

Context = ContextTypes.DEFAULT_TYPE
#: The Application as built here: default context types, no job queue.
PtbApplication = Application[
    ExtBot[None], Context, dict[Any, Any], dict[Any, Any], dict[Any, Any], None
]


def message_event(update_id: int, message: Message, *, edited: bool = False) -> InboundEvent | None:
    """Reduce a PTB Message to an inbound event (None for messages without a sender)."""
    return convert.message_event(update_id, message.to_dict(), edited=edited)


def callback_event(update_id: int, query: CallbackQuery) -> InboundEvent | None:
    """Reduce a PTB callback query to an inbound event."""
    return convert.callback_event(update_id, query.to_dict())


class PtbGateway:
    """Sends outbox payloads with PTB's Bot, translating its errors."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send_message(self, chat_id: int, payload: dict[str, Any]) -> int:
        """Send a message; return its id."""
        try:
            sent = await self.bot.send_message(
                chat_id,
                payload["text"],
                parse_mode=payload.get("parse_mode"),
                reply_markup=_markup(payload),
                message_thread_id=payload.get("message_thread_id"),
                reply_parameters=_reply_parameters(payload),
            )
        except TelegramError as error:
            raise classify(error) from error
        return sent.message_id

    async def edit_reply_markup(self, chat_id: int, payload: dict[str, Any]) -> None:
        """Replace the inline keyboard of a message (remove it when none is given)."""
        keyboard = _markup(payload)
        try:
            await self.bot.edit_message_reply_markup(
                chat_id=chat_id,
                message_id=int(payload["message_id"]),
                reply_markup=keyboard if isinstance(keyboard, InlineKeyboardMarkup) else None,
            )
        except TelegramError as error:
            raise classify(error) from error

    async def edit_message_text(self, chat_id: int, payload: dict[str, Any]) -> None:
        """Replace a message's text and inline keyboard (removed when none is given)."""
        keyboard = _markup(payload)
        try:
            await self.bot.edit_message_text(
                payload["text"],
                chat_id=chat_id,
                message_id=int(payload["message_id"]),
                parse_mode=payload.get("parse_mode"),
                reply_markup=keyboard if isinstance(keyboard, InlineKeyboardMarkup) else None,
            )
        except TelegramError as error:
            raise classify(error) from error

    async def create_forum_topic(self, chat_id: int, name: str) -> int:
        """Open a topic in a forum supergroup; return its message_thread_id."""
        try:
            topic = await self.bot.create_forum_topic(chat_id, name)
        except TelegramError as error:
            raise classify(error) from error
        return topic.message_thread_id

    async def copy_message(self, chat_id: int, payload: dict[str, Any]) -> int:
        """Copy a message into ``chat_id`` (optionally re-captioned, in a topic, as a reply)."""
        caption = payload.get("caption")
        try:
            copied = await self.bot.copy_message(
                chat_id,
                from_chat_id=int(payload["from_chat_id"]),
                message_id=int(payload["message_id"]),
                message_thread_id=payload.get("message_thread_id"),
                caption=caption,
                parse_mode="HTML" if caption is not None else None,
                reply_parameters=_reply_parameters(payload),
            )
        except TelegramError as error:
            raise classify(error) from error
        return copied.message_id

    async def chat_member_status(self, chat_id: int, user_id: int) -> str:
        """The user's getChatMember status in the chat ("member", "left", "kicked"...)."""
        try:
            member = await self.bot.get_chat_member(chat_id, user_id)
        except TelegramError as error:
            raise classify(error) from error
        status = member.status
        # PTB gives a ChatMemberStatus (a str Enum) for known statuses, a plain str otherwise.
        return str(status.value) if isinstance(status, Enum) else str(status)


def _reply_parameters(payload: dict[str, Any]) -> ReplyParameters | None:
    target = payload.get("reply_to_message_id")
    if target is None:
        return None
    # A reply whose target was deleted meanwhile is still worth delivering.
    return ReplyParameters(int(target), allow_sending_without_reply=True)


def _markup(
    payload: dict[str, Any],
) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None:
    if payload.get("inline_keyboard"):
        return InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(b["text"], callback_data=b["callback_data"]) for b in row]
                for row in payload["inline_keyboard"]
            ]
        )
    if payload.get("keyboard"):
        return ReplyKeyboardMarkup(
            [
                [
                    KeyboardButton(k["text"], request_contact=k.get("request_contact") or None)
                    for k in row
                ]
                for row in payload["keyboard"]
            ],
            resize_keyboard=True,
        )
    if payload.get("remove_keyboard"):
        return ReplyKeyboardRemove()
    return None


def retry_seconds(error: RetryAfter) -> float:
    """The wait a 429 asks for, in seconds (PTB 22 gives an int or a timedelta)."""
    # Reading the int form warns about PTB's coming switch to timedelta; both are fine here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def classify(error: TelegramError) -> DeliveryError:
    """The DeliveryError kind of a PTB error, as the aiogram gateway classifies the same reply."""
    if isinstance(error, RetryAfter):
        return DeliveryError(FailureKind.RETRY_AFTER, error.message, retry_seconds(error))
    # BadRequest and TimedOut subclass NetworkError in PTB: test them before it.
    if isinstance(error, BadRequest):
        # PTB capitalises Telegram's description ("Message is not modified: ...").
        if "message is not modified" in error.message.lower():
            return DeliveryError(FailureKind.NOT_MODIFIED, error.message)
        return DeliveryError(FailureKind.PERMANENT, error.message)
    if isinstance(error, Forbidden | InvalidToken | ChatMigrated):
        # 403, 401/404 and a group that moved: the same request can never succeed. As
        # with aiogram, the sender tells "blocked" and "chat not found" apart by the
        # description (classify_rejection); PTB keeps its "Forbidden: " prefix for that.
        return DeliveryError(FailureKind.PERMANENT, error.message)
    if isinstance(error, NetworkError):
        # 5xx, TimedOut, connection failures: worth retrying with backoff.
        return DeliveryError(FailureKind.TRANSIENT, error.message)
    # Anything else (409 Conflict…) is retried a bounded number of times (MAX_ATTEMPTS)
    # rather than escaping the sender as an unclassified exception.
    return DeliveryError(FailureKind.TRANSIENT, error.message)


def build_handlers(
    core: Core,
) -> list[MessageHandler[Context, None] | CallbackQueryHandler[Context, None]]:
    """PTB handlers feeding private chats, mediator groups and buttons to the core dispatcher."""

    async def on_message(update: Update, context: Context) -> None:
        assert update.message is not None  # guaranteed by the UpdateType filter
        await core.dispatch.respond(message_event(update.update_id, update.message))

    async def on_edited(update: Update, context: Context) -> None:
        assert update.edited_message is not None  # guaranteed by the UpdateType filter
        await core.dispatch.respond(
            message_event(update.update_id, update.edited_message, edited=True)
        )

    async def on_callback(update: Update, context: Context) -> None:
        query = update.callback_query
        assert query is not None  # CallbackQueryHandler only matches callback queries
        toast = await core.dispatch.respond(callback_event(update.update_id, query))
        # Telegram shows a spinner on the button until the query is answered.
        try:
            await query.answer(text=toast)
        except TelegramError as error:
            log.warning("could not answer callback query: %s", error)

    private = filters.ChatType.PRIVATE
    # Groups are where mediators work; channels are never the bot's business.
    chats = private | filters.ChatType.GROUPS
    return [
        MessageHandler(chats & filters.UpdateType.MESSAGE, on_message),
        MessageHandler(private & filters.UpdateType.EDITED_MESSAGE, on_edited),
        CallbackQueryHandler(on_callback),
    ]


def build_application(token: str, api_url: str) -> PtbApplication:
    """A PTB Application talking to `api_url`, without Updater, job queue or rate limiter."""
    # httpx (PTB's HTTP client) logs every request URL at INFO, and a Bot API URL holds
    # the token: keep it to warnings unless logging was configured for it on purpose.
    http_log = logging.getLogger("httpx")
    if http_log.level == logging.NOTSET:
        http_log.setLevel(logging.WARNING)
    return (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{api_url}/bot")
        .base_file_url(f"{api_url}/file/bot")
        .read_timeout(REQUEST_READ_TIMEOUT)
        # The shared runner polls: it journals an update before acknowledging it, which
        # PTB's Updater cannot do.
        .updater(None)
        # Jobs run in bot/scheduler; a second scheduler would only hold threads.
        .job_queue(None)
        # No rate_limiter: the outbox sender paces itself, and AIORateLimiter has no
        # per-chat limit anyway.
        .build()
    )


class PtbRuntime:
    """python-telegram-bot as the runtime: its Bot for HTTP, its Application for routing."""

    name = "ptb"

    def __init__(self, core: Core, token: str) -> None:
        self.application = build_application(token, core.settings.telegram_api_url)
        self.application.add_handlers(build_handlers(core))
        self.gateway: TelegramGateway = PtbGateway(self.application.bot)

    async def start(self) -> str:
        """Initialise the Application (its getMe checks the token); return the username."""
        try:
            await self.application.initialize()
        except BaseException as error:
            # A failed initialize() leaves the HTTP pools open, and stop() is not called.
            await self.application.bot.shutdown()
            if isinstance(error, InvalidToken):
                # `from None`: PTB's message quotes the token, which must never be printed.
                raise FatalTelegramError("Telegram refused the token (401 Unauthorized)") from None
            raise
        me = self.application.bot.bot
        return me.username or str(me.id)

    async def stop(self) -> None:
        """Shut the Application down (closes the HTTP pools)."""
        await self.application.shutdown()

    async def get_updates(self, offset: int | None, wait: int) -> list[dict[str, Any]]:
        """Long-poll; the updates as raw Bot API JSON (for the journal)."""
        try:
            updates = await self.application.bot.get_updates(
                offset=offset,
                timeout=wait,
                allowed_updates=list(ALLOWED_UPDATES),
                # PTB adds `timeout` to this itself: the read may last wait + margin.
                read_timeout=POLL_READ_MARGIN,
            )
        except InvalidToken:
            raise FatalTelegramError("Telegram refused the token (401 Unauthorized)") from None
        return [update.to_dict() for update in updates]

    async def feed(self, update: dict[str, Any]) -> None:
        """Run one raw update through the Application (which reaches the reporter handler)."""
        try:
            parsed = Update.de_json(update, self.application.bot)
            await self.application.process_update(parsed)
        except Exception:
            # The handlers already apologised to the user where they could; an update
            # that cannot even be parsed must not stop the others.
            log.exception("update %s could not be handled", update.get("update_id"))

    async def set_webhook(self, url: str, secret: str) -> None:
        """Register the webhook with its secret token."""
        await self.application.bot.set_webhook(
            url, secret_token=secret, allowed_updates=list(ALLOWED_UPDATES)
        )

    async def delete_webhook(self) -> None:
        """Back to getUpdates, keeping what Telegram has queued."""
        await self.application.bot.delete_webhook(drop_pending_updates=False)

    async def set_commands(self, menus: CommandMenus) -> None:
        """Register the command menu per language, in private chats."""
        scope = BotCommandScopeAllPrivateChats()
        for language, commands in menus.items():
            await self.application.bot.set_my_commands(
                [BotCommand(c, d) for c, d in commands], scope=scope, language_code=language
            )
