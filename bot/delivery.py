"""The outbox sender: the only code that makes Telegram send or edit messages.

Handlers write outgoing messages into the outbox in the transaction that changes the
state; the sender delivers them in order per chat, after the commit. A crash before
delivery leaves the row pending, so it is sent after the restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any, Protocol

from bot.clock import Clock
from bot.storage import Database, OutboxItem

log = logging.getLogger(__name__)

#: How many times a transient failure (5xx, network) is retried before giving up.
MAX_ATTEMPTS = 8
#: Far future used to read every pending row, due or not, to keep per-chat order.
_HORIZON = timedelta(days=3650)


class FailureKind(StrEnum):
    """How a failed Telegram call should be treated."""

    RETRY_AFTER = "retry_after"
    TRANSIENT = "transient"
    PERMANENT = "permanent"
    NOT_MODIFIED = "not_modified"


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
        """Send a message; return its message id. Raises DeliveryError."""
        ...

    async def edit_reply_markup(self, chat_id: int, payload: dict[str, Any]) -> None:
        """Replace (or remove) the inline keyboard of a message. Raises DeliveryError."""
        ...


class OutboxSender:
    """Drains the outbox: woken after each commit, and on a timer for retries."""

    def __init__(self, db: Database, gateway: TelegramGateway, clock: Clock) -> None:
        self.db = db
        self.gateway = gateway
        self.clock = clock
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    def wake(self) -> None:
        """Tell the sender new rows were committed."""
        self._wake.set()

    def start(self) -> None:
        """Run the sender in the background."""
        self._task = asyncio.create_task(self._run(), name="outbox-sender")

    async def stop(self, flush_timeout: float = 5.0) -> None:
        """Deliver what can be delivered within `flush_timeout`, then stop."""
        self._stopping = True
        self.wake()
        if self._task is not None:
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(self._task, flush_timeout)
            self._task = None

    async def _run(self) -> None:
        while True:
            try:
                delivered = await self.drain()
            except Exception:
                log.exception("outbox drain failed")
                delivered = 0
            if self._stopping and not delivered:
                return
            if delivered:
                continue
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=await self._idle_wait())

    async def _idle_wait(self) -> float:
        async with self.db.transaction() as tx:
            next_due = await tx.outbox.next_due_at()
        if next_due is None:
            return 5.0
        return max(0.05, min(5.0, (next_due - self.clock.now()).total_seconds()))

    async def drain(self) -> int:
        """Deliver every due row once, in id order, never overtaking within a chat."""
        now = self.clock.now()
        async with self.db.transaction() as tx:
            pending = await tx.outbox.due(now + _HORIZON, limit=200)
        blocked: set[int] = set()
        delivered = 0
        for item in pending:
            if item.chat_id in blocked:
                continue
            if item.next_attempt_at > now:
                # An earlier message of this chat waits for a retry: later ones wait too.
                blocked.add(item.chat_id)
                continue
            if await self._deliver(item):
                delivered += 1
            else:
                blocked.add(item.chat_id)
        return delivered

    async def _deliver(self, item: OutboxItem) -> bool:
        message_id: int | None = None
        try:
            if item.kind == "send":
                message_id = await self.gateway.send_message(item.chat_id, item.payload)
            elif item.kind == "edit_markup":
                await self.gateway.edit_reply_markup(item.chat_id, item.payload)
            else:
                raise DeliveryError(FailureKind.PERMANENT, f"unknown outbox kind {item.kind}")
        except DeliveryError as error:
            return await self._failed(item, error)
        async with self.db.transaction() as tx:
            await tx.outbox.mark_sent(item.id, message_id, self.clock.now())
        return True

    async def _failed(self, item: OutboxItem, error: DeliveryError) -> bool:
        now = self.clock.now()
        async with self.db.transaction() as tx:
            if error.kind is FailureKind.NOT_MODIFIED:
                # Telegram already shows exactly this: as good as delivered.
                await tx.outbox.mark_sent(item.id, None, now)
                return True
            if error.kind is FailureKind.PERMANENT or item.attempts + 1 >= MAX_ATTEMPTS:
                log.warning("outbox item %s failed for good: %s", item.id, error.kind)
                await tx.outbox.mark_failed(item.id, str(error))
                return True
            if error.kind is FailureKind.RETRY_AFTER:
                delay = max(error.retry_after, 0.5)
            else:
                # Exponential backoff with jitter, so many retries don't arrive together.
                delay = min(60.0, 0.5 * 2**item.attempts) * random.uniform(0.8, 1.2)
            await tx.outbox.mark_retry(item.id, now + timedelta(seconds=delay), str(error))
        self.wake()
        return False
