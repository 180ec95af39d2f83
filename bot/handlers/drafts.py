"""Unfinished intakes: one reminder after a day idle, expiry after a week."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, timedelta, tzinfo

from bot.clock import Clock
from bot.flows.intake import DRAFT_STATES, FLOW_NAME, clear_draft
from bot.flows.output import Msg
from bot.handlers.render import Renderer
from bot.storage import Database, StaleConversationError

log = logging.getLogger(__name__)

#: Messages to reporters only go out between 08:00 and 21:00 local time.
QUIET_HOURS_START = 21
QUIET_HOURS_END = 8


@dataclass(frozen=True)
class SweepReport:
    """How many drafts were reminded and expired by one sweep."""

    reminded: int
    expired: int


class DraftJanitor:
    """Reminds idle drafts once and expires abandoned ones."""

    def __init__(
        self,
        db: Database,
        renderer: Renderer,
        clock: Clock,
        *,
        remind_after: timedelta,
        expire_after: timedelta,
        zone: tzinfo = UTC,
        on_commit: Callable[[], None] = lambda: None,
    ) -> None:
        self.db = db
        self.renderer = renderer
        self.clock = clock
        self.remind_after = remind_after
        self.expire_after = expire_after
        self.zone = zone
        self.on_commit = on_commit

    async def sweep(self) -> SweepReport:
        """Send due reminders and expire old drafts, each in its own transaction."""
        now = self.clock.now()
        if not QUIET_HOURS_END <= now.astimezone(self.zone).hour < QUIET_HOURS_START:
            # Nobody is woken by the bot: reminders and expiries wait for the morning.
            return SweepReport(reminded=0, expired=0)
        reminded = expired = 0
        async with self.db.transaction() as tx:
            stale = await tx.conversations.idle(FLOW_NAME, now - self.expire_after)
            quiet = await tx.conversations.idle(FLOW_NAME, now - self.remind_after, reminded=False)
        expiring = {c.chat_id for c in stale if c.state in DRAFT_STATES}
        for conversation in stale:
            if conversation.state not in DRAFT_STATES:
                continue
            lang = str(conversation.data.get("lang", "zh"))
            try:
                async with self.db.transaction() as tx:
                    await tx.conversations.save(
                        conversation.chat_id,
                        FLOW_NAME,
                        "idle",
                        clear_draft(conversation.data),
                        expected_version=conversation.version,
                        now=now,
                    )
                    expired_msg = Msg("draft-expired", {"days": self.expire_after.days})
                    await tx.outbox.add_messages(
                        conversation.chat_id, self.renderer.notice(lang, expired_msg), now
                    )
            except StaleConversationError:
                continue  # the reporter came back just now; nothing to expire
            expired += 1
        for conversation in quiet:
            if conversation.state not in DRAFT_STATES or conversation.chat_id in expiring:
                continue
            lang = str(conversation.data.get("lang", "zh"))
            async with self.db.transaction() as tx:
                await tx.conversations.mark_reminded(conversation.chat_id, FLOW_NAME, now)
                await tx.outbox.add_messages(
                    conversation.chat_id, self.renderer.notice(lang, Msg("draft-reminder")), now
                )
            reminded += 1
        if reminded or expired:
            log.info("drafts swept: %s reminded, %s expired", reminded, expired)
            self.on_commit()
        return SweepReport(reminded=reminded, expired=expired)
