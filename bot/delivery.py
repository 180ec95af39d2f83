"""The outbox sender: the only code that makes Telegram send or edit messages.

Handlers write outgoing messages into the outbox in the transaction that changes the
state; the sender delivers them after the commit: in order per chat (one call in flight
per chat), chats in parallel, never faster than the flood limits of `bot.pacing`. A crash
before delivery leaves the row pending, so it is sent after the restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections import deque
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from bot.clock import Clock
from bot.pacing import FloodControl, FloodLimits
from bot.storage import Database, OutboxItem

log = logging.getLogger(__name__)

#: How many times a transient failure (5xx, network) is retried before giving up.
MAX_ATTEMPTS = 8
#: How many chats' oldest messages one pass looks at.
HEADS_PER_PASS = 500
#: Telegram may count a request this much later than the sender planned it (the attempt
#: is recorded first, then network jitter); pacing assumes the worst, so this never
#: turns into a 429.
NETWORK_SLACK = 0.1
#: 429s from this many chats within GLOBAL_FLOOD_WINDOW seconds mean the bot as a whole
#: is over the limit, not one chat: then everything pauses.
GLOBAL_FLOOD_CHATS = 3
GLOBAL_FLOOD_WINDOW = 1.0
#: The admins hear about the same unreachable group at most this often (seconds).
ALERT_EVERY = 3600.0
#: What of a card's outbox payload goes to Telegram.
_CARD_KEYS = ("text", "parse_mode", "inline_keyboard")
#: Longest sleep while nothing is due; a commit wakes the sender at once anyway.
IDLE_WAIT = 5.0
#: A chat whose delivery hit an unexpected error (e.g. the database) rests this long.
ERROR_PAUSE = 5.0

# Descriptions of Telegram refusals meaning "this person (or group) cannot be reached".
_BLOCKED_MARKS = (
    "bot was blocked by the user",
    "user is deactivated",
    "bot can't initiate conversation",
    "bot was kicked",
    "bot is not a member",
)


class FailureKind(StrEnum):
    """How a failed Telegram call should be treated."""

    RETRY_AFTER = "retry_after"
    TRANSIENT = "transient"
    PERMANENT = "permanent"
    NOT_MODIFIED = "not_modified"
    #: 403: the user blocked the bot or is deactivated; the bot was removed from a group.
    BLOCKED = "blocked"
    #: 400 "chat not found": the chat does not exist (any more) for the bot.
    CHAT_NOT_FOUND = "chat_not_found"


def classify_rejection(description: str, *, forbidden: bool = False) -> FailureKind:
    """How to treat a call Telegram refused (400/403/404), from its description."""
    text = description.lower()
    if "message is not modified" in text:
        return FailureKind.NOT_MODIFIED
    if "chat not found" in text:
        return FailureKind.CHAT_NOT_FOUND
    if forbidden or text.startswith("forbidden") or any(mark in text for mark in _BLOCKED_MARKS):
        return FailureKind.BLOCKED
    return FailureKind.PERMANENT


@dataclass
class DeliveryError(Exception):
    """A Telegram call failed; the gateway classifies it."""

    kind: FailureKind
    description: str
    retry_after: float = 0.0

    def __str__(self) -> str:
        return f"{self.kind}: {self.description}"


class TelegramGateway(Protocol):
    """What the sender needs from a Telegram runtime."""

    async def send_message(self, chat_id: int, payload: dict[str, Any]) -> int:
        """Send a message; return its message id. Raises DeliveryError.

        The payload holds text, parse_mode, an optional keyboard, and optionally
        message_thread_id (a forum topic) and reply_to_message_id (sent even if that
        message was deleted meanwhile).
        """
        ...

    async def edit_reply_markup(self, chat_id: int, payload: dict[str, Any]) -> None:
        """Replace (or remove) the inline keyboard of a message. Raises DeliveryError."""
        ...

    async def edit_message_text(self, chat_id: int, payload: dict[str, Any]) -> None:
        """Replace a message's text (message_id, text, parse_mode) and inline keyboard.

        Without inline_keyboard in the payload the keyboard is removed. Raises DeliveryError.
        """
        ...

    async def create_forum_topic(self, chat_id: int, name: str) -> int:
        """Open a topic in a forum supergroup; return its thread id. Raises DeliveryError."""
        ...

    async def copy_message(self, chat_id: int, payload: dict[str, Any]) -> int:
        """Copy a message (from_chat_id, message_id) into chat_id; return the copy's id.

        Optional: message_thread_id, reply_to_message_id, caption (HTML, replacing the
        original's). Raises DeliveryError.
        """
        ...

    async def chat_member_status(self, chat_id: int, user_id: int) -> str:
        """The user's getChatMember status in the chat. Raises DeliveryError.

        One of "creator", "administrator", "member", "restricted", "left", "kicked".
        """
        ...


#: Outbox payloads telling an admin that the bot cannot reach a group (by chat id).
GroupAlert = Callable[[int], Sequence[dict[str, Any]]]


class OutboxSender:
    """Drains the outbox: woken after each commit, and on a timer for retries and pacing."""

    def __init__(
        self,
        db: Database,
        gateway: TelegramGateway,
        clock: Clock,
        *,
        limits: FloodLimits | None = None,
        admin_ids: Collection[int] = frozenset(),
        group_alert: GroupAlert | None = None,
    ) -> None:
        self.db = db
        self.gateway = gateway
        self.clock = clock
        self.flood = FloodControl(limits or FloodLimits(), latency=NETWORK_SLACK)
        self.admin_ids = frozenset(admin_ids)
        self.group_alert = group_alert
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._stop_by = 0.0
        self._inflight: dict[int, asyncio.Task[None]] = {}
        # Chats Telegram refused as unreachable, and since when (the clock's time).
        self._unreachable: dict[int, datetime] = {}
        self._unreachable_loaded = False
        self._alerted: dict[int, float] = {}
        self._recent_429: deque[tuple[float, int]] = deque()
        self._settled = 0

    def wake(self) -> None:
        """Tell the sender new rows were committed."""
        self._wake.set()

    def start(self) -> None:
        """Run the sender in the background."""
        self._task = asyncio.create_task(self._run(), name="outbox-sender")

    @property
    def running(self) -> bool:
        """Whether the background task is alive (for /healthz)."""
        return self._task is not None and not self._task.done()

    async def stop(self, flush_timeout: float = 5.0) -> None:
        """Deliver what can be delivered within `flush_timeout`, then stop."""
        self._stopping = True
        self._stop_by = time.monotonic() + flush_timeout
        self.wake()
        if self._task is not None:
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(self._task, flush_timeout)
            self._task = None

    async def drain(self) -> int:
        """Deliver what may go now and wait for it; return how many items were settled."""
        before = self._settled
        while True:
            await self._pump()
            if not self._inflight:
                return self._settled - before
            await asyncio.wait(list(self._inflight.values()))

    async def _run(self) -> None:
        try:
            while True:
                self._wake.clear()
                try:
                    delay = await self._pump()
                except Exception:
                    log.exception("outbox pass failed")
                    delay = 1.0
                if (
                    self._stopping
                    and not self._inflight
                    and time.monotonic() + delay > self._stop_by
                ):
                    return
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=delay)
        finally:
            # Stopped or cancelled: calls still running are abandoned; their rows stay
            # pending and go out after the restart.
            calls = list(self._inflight.values())
            for call in calls:
                call.cancel()
            await asyncio.gather(*calls, return_exceptions=True)

    async def _pump(self) -> float:
        """Start every delivery that may go now; return seconds until the next one may."""
        now = self.clock.now()
        async with self.db.transaction() as tx:
            if not self._unreachable_loaded:
                # After a restart, reporters known to have blocked the bot stay skipped.
                self._unreachable.update(await tx.reporters.unreachable())
                self._unreachable_loaded = True
            heads = await tx.outbox.heads(HEADS_PER_PASS)
        delay = IDLE_WAIT
        starting: list[OutboxItem] = []
        for item in heads:
            chat_id = item.chat_id
            if chat_id in self._inflight:
                continue
            if item.next_attempt_at > now:
                # A retry is scheduled: this chat's later messages wait behind it, in order.
                delay = min(delay, (item.next_attempt_at - now).total_seconds())
                continue
            if chat_id in self._unreachable and await self._failed_fast(item, now):
                delay = 0.0
                continue
            tick = time.monotonic()
            wait = self.flood.wait(chat_id, tick)
            if wait > 0:
                delay = min(delay, wait)
                continue
            self.flood.consume(chat_id, tick)
            starting.append(item)
        if starting:
            async with self.db.transaction() as tx:
                # Counted before the call: after a crash, a sent row with attempts > 1 may
                # have reached Telegram twice.
                await tx.outbox.begin_attempt([item.id for item in starting])
            for item in starting:
                self._inflight[item.chat_id] = asyncio.create_task(
                    self._deliver(item), name=f"outbox-{item.id}"
                )
        return max(delay, 0.0)

    async def _failed_fast(self, item: OutboxItem, now: datetime) -> bool:
        """Give up, without asking Telegram, on messages to a chat known unreachable."""
        since = self._unreachable[item.chat_id]
        if item.created_at <= since:
            queued_by = since
        elif item.chat_id > 0 and await self._still_unreachable(item.chat_id):
            queued_by = now
        else:
            # Queued after the refusal, and the reporter has written since (or this is
            # not a reporter's chat): one more try is no hammering.
            del self._unreachable[item.chat_id]
            return False
        async with self.db.transaction() as tx:
            dropped = await tx.outbox.fail_pending(
                item.chat_id, queued_by, f"{FailureKind.BLOCKED}: chat unreachable, not sent"
            )
        self._settled += dropped
        log.info("%s message(s) to unreachable chat %s dropped", dropped, item.chat_id)
        return True

    async def _still_unreachable(self, chat_id: int) -> bool:
        async with self.db.transaction() as tx:
            return await tx.reporters.unreachable_since(chat_id) is not None

    async def _deliver(self, item: OutboxItem) -> None:
        try:
            try:
                message_id = await self._call(item)
            except DeliveryError as error:
                await self._failed(item, error)
            else:
                async with self.db.transaction() as tx:
                    await tx.outbox.mark_sent(item.id, message_id, self.clock.now())
                self._settled += 1
                self._unreachable.pop(item.chat_id, None)
        except Exception as unexpected:
            # A bug or a broken database: the chat rests, and the item counts a failed
            # attempt if the database lets us, so a bad payload is not retried for ever.
            log.exception("outbox item %s could not be delivered", item.id)
            self.flood.pause_chat(item.chat_id, time.monotonic() + ERROR_PAUSE)
            with contextlib.suppress(Exception):
                await self._failed(item, DeliveryError(FailureKind.TRANSIENT, repr(unexpected)))
        finally:
            self._inflight.pop(item.chat_id, None)
            self._wake.set()

    async def _call(self, item: OutboxItem) -> int | None:
        if item.kind == "card":
            return await self._card(item)
        payload = await self._placed(item.payload)
        if item.kind == "send":
            return await self.gateway.send_message(item.chat_id, payload)
        if item.kind == "copy":
            return await self.gateway.copy_message(item.chat_id, payload)
        if item.kind == "edit_markup":
            await self.gateway.edit_reply_markup(item.chat_id, payload)
            return None
        raise DeliveryError(FailureKind.PERMANENT, f"unknown outbox kind {item.kind}")

    async def _placed(self, payload: dict[str, Any]) -> dict[str, Any]:
        """A message about a case goes into the case's forum topic, or replies to its card."""
        card_id = payload.get("card_id")
        if card_id is None:
            return payload
        placed = {key: value for key, value in payload.items() if key != "card_id"}
        async with self.db.transaction() as tx:
            card = await tx.cards.get(int(card_id))
        if card is not None and card.thread_id is not None:
            placed["message_thread_id"] = card.thread_id
        elif card is not None and card.message_id is not None:
            placed["reply_to_message_id"] = card.message_id
        return placed

    async def _card(self, item: OutboxItem) -> int | None:
        """Post a case card the first time (in its own forum topic), edit it in place after."""
        card_id = int(item.payload["card_id"])
        async with self.db.transaction() as tx:
            card = await tx.cards.get(card_id)
            # A later rendering of a posted card is queued: this edit would be overwritten.
            # (The first posting always goes, so messages queued after it find the card.)
            moot = card is not None and card.message_id is not None
            if moot and await tx.outbox.newer_card_pending(card_id, item.id):
                return None
        if card is None:
            raise DeliveryError(FailureKind.PERMANENT, f"card {card_id} does not exist")
        thread_id = card.thread_id
        if card.is_forum and thread_id is None:
            thread_id = await self.gateway.create_forum_topic(
                item.chat_id, str(item.payload["topic"])
            )
            # Saved at once: a crash before the card is sent must not open a second topic.
            async with self.db.transaction() as tx:
                await tx.cards.set_thread(card_id, thread_id)
        body = {key: item.payload[key] for key in _CARD_KEYS if key in item.payload}
        if card.message_id is not None:
            try:
                await self.gateway.edit_message_text(
                    item.chat_id, {**body, "message_id": card.message_id}
                )
                return None
            except DeliveryError as error:
                if error.kind is not FailureKind.PERMANENT or "not found" not in error.description:
                    raise
                # Someone deleted the card in the group: post it again.
        if thread_id is not None:
            body["message_thread_id"] = thread_id
        message_id = await self.gateway.send_message(item.chat_id, body)
        async with self.db.transaction() as tx:
            await tx.cards.set_message(card_id, message_id)
        return message_id

    async def _failed(self, item: OutboxItem, error: DeliveryError) -> None:
        kind = error.kind
        if kind is FailureKind.PERMANENT:
            # A gateway that does not tell blocked users apart yet: read the description.
            kind = classify_rejection(error.description)
        now = self.clock.now()
        if kind in (FailureKind.BLOCKED, FailureKind.CHAT_NOT_FOUND):
            await self._chat_unreachable(item, kind, error, now)
            return
        async with self.db.transaction() as tx:
            if kind is FailureKind.NOT_MODIFIED:
                # Telegram already shows exactly this: as good as delivered.
                await tx.outbox.mark_sent(item.id, None, now)
            elif kind is FailureKind.RETRY_AFTER:
                delay = max(error.retry_after, 0.5)
                self._flooded(item.chat_id, delay)
                # Telegram's order, not the message's fault: never counted towards giving up.
                await tx.outbox.mark_retry(item.id, now + timedelta(seconds=delay), str(error))
                return
            elif kind is FailureKind.TRANSIENT and item.attempts + 1 < MAX_ATTEMPTS:
                # Exponential backoff with jitter, so many retries don't arrive together.
                delay = min(60.0, 0.5 * 2**item.attempts) * random.uniform(0.8, 1.2)
                await tx.outbox.mark_retry(item.id, now + timedelta(seconds=delay), str(error))
                return
            else:
                log.warning("outbox item %s failed for good: %s", item.id, kind)
                await tx.outbox.mark_failed(item.id, str(error))
        self._settled += 1

    def _flooded(self, chat_id: int, retry_after: float) -> None:
        """Pause the chat Telegram named, or everything when several chats hit 429 at once."""
        tick = time.monotonic()
        recent = self._recent_429
        recent.append((tick, chat_id))
        while recent[0][0] < tick - GLOBAL_FLOOD_WINDOW:
            recent.popleft()
        chats = len({chat for _, chat in recent})
        if chats >= GLOBAL_FLOOD_CHATS:
            log.warning("429 in %s chats at once: all sending paused %.1fs", chats, retry_after)
            self.flood.pause_all(tick + retry_after)
        else:
            self.flood.pause_chat(chat_id, tick + retry_after)

    async def _chat_unreachable(
        self, item: OutboxItem, kind: FailureKind, error: DeliveryError, now: datetime
    ) -> None:
        """Record that a chat cannot be reached: its queue is dropped, people are told."""
        chat_id = item.chat_id
        self._unreachable[chat_id] = now
        alert = chat_id < 0 and self._alert_due(chat_id)
        async with self.db.transaction() as tx:
            await tx.outbox.mark_failed(item.id, str(error))
            # Everything else queued for this chat would be refused too: fail fast.
            dropped = await tx.outbox.fail_pending(
                chat_id, now, f"{kind}: chat unreachable, not sent"
            )
            if chat_id > 0:
                await tx.reporters.mark_unreachable(chat_id, kind.value, now)
            elif alert and self.group_alert is not None:
                for admin_id in sorted(self.admin_ids):
                    await tx.outbox.add_messages(admin_id, self.group_alert(chat_id), now)
        self._settled += 1 + dropped
        log.warning(
            "chat %s unreachable (%s); %s queued message(s) dropped", chat_id, kind, dropped
        )

    def _alert_due(self, chat_id: int) -> bool:
        """Whether the admins should hear (again) that this group is unreachable."""
        tick = time.monotonic()
        for old in [chat for chat, at in self._alerted.items() if tick - at >= ALERT_EVERY]:
            del self._alerted[old]
        if chat_id in self._alerted:
            return False
        if not self.admin_ids or self.group_alert is None:
            log.error("group %s unreachable and no ADMIN_IDS to tell", chat_id)
            return False
        self._alerted[chat_id] = tick
        return True
