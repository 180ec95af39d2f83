"""One entry point for both runtimes: which handler an update belongs to.

Group chats and card buttons go to the mediator handler; in a private chat a mediator's
pending prompt or a reporter's relay mode takes the messages, and everything else is the
intake. Failures end in one apology, never a traceback and never silence.
"""

from __future__ import annotations

import logging

from bot.domain.events import ChatType, EventKind, InboundEvent
from bot.handlers import cases, followups, mediator
from bot.handlers.cases import ReporterCases
from bot.handlers.followups import FollowUps
from bot.handlers.mediator import MediatorHandler
from bot.handlers.reporter import HandleOutcome, ReporterHandler
from bot.storage import Database

log = logging.getLogger(__name__)

#: Commands that end relay mode and go on to the intake.
_INTAKE_COMMANDS = frozenset({"start", "new", "language", "help"})


class UpdateDispatcher:
    """Routes each inbound event to the reporter, reporter-cases or mediator handler."""

    def __init__(
        self,
        db: Database,
        reporter: ReporterHandler,
        cases: ReporterCases,
        mediator: MediatorHandler,
        followups: FollowUps,
    ) -> None:
        self.db = db
        self.reporter = reporter
        self.cases = cases
        self.mediator = mediator
        self.followups = followups

    async def respond(self, event: InboundEvent | None) -> str | None:
        """Handle an event from a runtime, apologising on failure; return the button toast."""
        if event is None:
            return None
        try:
            outcome = await self.handle(event)
        except Exception:
            log.exception("update %s failed", event.update_id)
            return await self.reporter.report_failure(event)
        return outcome.toast

    async def handle(self, event: InboundEvent) -> HandleOutcome:
        """Pass the event to the handler it belongs to."""
        data = event.callback_data or ""
        if event.kind is EventKind.CALLBACK:
            if data.startswith((f"{mediator.PROMPT_PREFIX}:", "cs:")):
                return await self.mediator.handle(event)
            if data.startswith(f"{cases.CALLBACK_PREFIX}:"):
                return await self.cases.handle(event)
            if data.startswith(f"{followups.CALLBACK_PREFIX}:"):
                return await self.followups.handle(event)
        if event.chat_type is not ChatType.PRIVATE:
            return await self.mediator.handle(event)
        command = event.command if event.kind is EventKind.COMMAND else None
        if command in mediator.COMMANDS:
            return await self.mediator.handle(event)
        if command in cases.COMMANDS:
            return await self.cases.handle(event)
        async with self.db.transaction() as tx:
            prompting = await self.mediator.pending(tx, event.user_id)
            relaying = not prompting and await self.cases.relaying(tx, event.chat_id)
            commenting = await self.followups.commenting(tx, event.chat_id)
        if commenting and command is None and event.kind is not EventKind.CALLBACK:
            # The optional "anything to add?" after a follow-up: this message is the answer.
            return await self.followups.handle(event)
        if prompting and event.kind is not EventKind.CALLBACK:
            return await self.mediator.handle(event)
        if relaying and command not in _INTAKE_COMMANDS and event.kind is not EventKind.CALLBACK:
            return await self.cases.handle(event)
        if relaying and command in _INTAKE_COMMANDS:
            await self._leave_relay(event)
        return await self.reporter.handle(event)

    async def _leave_relay(self, event: InboundEvent) -> None:
        """/new or /start while adding to a case: the reporter moves on to the intake."""
        async with self.db.transaction() as tx:
            await tx.conversations.delete(event.chat_id, cases.FLOW_NAME)
