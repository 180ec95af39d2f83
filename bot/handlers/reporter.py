"""The reporter's private chat: intake conversations, one transaction per update."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from bot.clock import Clock
from bot.domain.events import ChatType, EventKind, InboundEvent
from bot.domain.models import Language
from bot.domain.risk import grade
from bot.domain.sanitize import clean_text
from bot.flows.intake import FLOW_NAME, IntakeContext, run_intake
from bot.flows.output import Consented, Declined, FlowResult, LanguageChosen, Msg, Reply, Submitted
from bot.handlers.ordering import ChatLocks
from bot.handlers.render import Renderer, split_payload
from bot.i18n import pick_language
from bot.storage import Database, StaleConversationError, Tx

if TYPE_CHECKING:
    from bot.handlers.desk import CaseDesk

log = logging.getLogger(__name__)

#: Prefix of intake callback data: "in:<seq>:<action>".
CALLBACK_PREFIX = "in"
#: How often a save that lost an optimistic-lock race is retried.
_SAVE_ATTEMPTS = 3


@dataclass(frozen=True)
class HandleOutcome:
    """What the runtime still has to do itself: answer the callback query."""

    toast: str | None = None
    duplicate: bool = False


class ReporterHandler:
    """Runs the intake for private chats and records every reply in the outbox."""

    def __init__(
        self,
        db: Database,
        renderer: Renderer,
        clock: Clock,
        context: Callable[[], IntakeContext],
        *,
        default_language: Language = Language.ZH,
        zone: tzinfo = UTC,
        on_commit: Callable[[], None] = lambda: None,
        desk: CaseDesk | None = None,
    ) -> None:
        self.db = db
        self.desk = desk
        self.renderer = renderer
        self.clock = clock
        self.context = context
        self.default_language = default_language
        self.zone = zone
        self.on_commit = on_commit
        self.locks = ChatLocks()

    async def handle(self, event: InboundEvent) -> HandleOutcome:
        """Handle one update: in order per chat, exactly once per update id."""
        if event.chat_type is not ChatType.PRIVATE:
            # Group chats belong to mediators (bot.handlers.mediator).
            return HandleOutcome()
        async with self.locks.hold(event.chat_id):
            for attempt in range(_SAVE_ATTEMPTS):
                try:
                    outcome = await self._handle_once(event)
                except StaleConversationError:
                    # Another process saved this chat between our read and write:
                    # run the update again on the fresh state.
                    log.warning("conversation changed underneath, retrying", extra=_ctx(event))
                    if attempt == _SAVE_ATTEMPTS - 1:
                        raise
                    continue
                self.on_commit()
                return outcome
        raise AssertionError("unreachable")  # pragma: no cover

    async def report_failure(self, event: InboundEvent) -> str | None:
        """After an unexpected error: apologise in the user's language, mark the update handled."""
        async with self.db.transaction() as tx:
            await tx.updates.claim(event.update_id, self.clock.now())
            lang = await self._language(tx, event)
            apology = Msg("error-try-again")
            await tx.outbox.add_messages(
                event.chat_id, self.renderer.notice(lang, apology), self.clock.now()
            )
        self.on_commit()
        # A pressed button also shows it as the toast of the callback answer.
        return self.renderer.text(lang, apology) if event.kind is EventKind.CALLBACK else None

    async def _language(self, tx: Tx, event: InboundEvent) -> str:
        conversation = await tx.conversations.get(event.chat_id, FLOW_NAME)
        if conversation is not None:
            return str(conversation.data.get("lang", self.default_language.value))
        return pick_language(event.language_code, self.default_language).value

    async def _handle_once(self, event: InboundEvent) -> HandleOutcome:
        now = self.clock.now()
        started = time.perf_counter()
        async with self.db.transaction() as tx:
            if not await tx.updates.claim(event.update_id, now):
                log.info("duplicate update ignored", extra=_ctx(event))
                return HandleOutcome(duplicate=True)
            # They wrote to the bot, so they have not blocked it (any more).
            if await tx.reporters.clear_unreachable(event.user_id, now):
                log.info("reporter reachable again", extra=_ctx(event))
            stored = await tx.conversations.get(event.chat_id, FLOW_NAME)
            if stored is None:
                reporter = await tx.reporters.get(event.user_id)
                state = "idle" if reporter else "start"
                language = (
                    reporter.language
                    if reporter
                    else pick_language(event.language_code, self.default_language)
                )
                data: dict[str, Any] = {"lang": language.value, "consented": reporter is not None}
                version: int | None = None
            else:
                state, data, version = stored.state, stored.data, stored.version
            lang = str(data.get("lang", self.default_language.value))

            action, stale = self._action(event, data, lang)
            if stale:
                await remove_buttons(tx, event, now)
                return HandleOutcome(toast=self.renderer.text(lang, Msg("button-stale")))

            new_state, new_data, result = run_intake(state, data, event, action, self.context())
            lang = str(new_data.get("lang", lang))
            declined = any(isinstance(effect, Declined) for effect in result.effects)
            await self._apply_effects(tx, event, result, new_data, now)
            if declined:
                await tx.conversations.delete(event.chat_id, FLOW_NAME)
            elif result.changed or version is None:
                await tx.conversations.save(
                    event.chat_id, FLOW_NAME, new_state, new_data, expected_version=version, now=now
                )
            if event.kind is EventKind.CALLBACK and result.changed:
                # Pressed buttons are taken off their message, so old choices can't pile up.
                await remove_buttons(tx, event, now)
            prefix = f"{CALLBACK_PREFIX}:{new_data.get('seq', 0)}:"
            for reply in result.replies:
                # Cut here, not when sending: a crash mid-send must not repeat half a reply.
                parts = split_payload(self.renderer.payload(lang, reply, prefix))
                await tx.outbox.add_messages(event.chat_id, parts, now)
            log.info(
                "update handled",
                extra={
                    **_ctx(event),
                    "state_from": state,
                    "state_to": new_state,
                    "latency_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return HandleOutcome(
                toast=self.renderer.text(lang, result.toast) if result.toast else None
            )

    def _action(
        self, event: InboundEvent, data: dict[str, Any], lang: str
    ) -> tuple[str | None, bool]:
        """The button action of the event and whether the button was stale or forged."""
        if event.kind is EventKind.CALLBACK:
            parts = (event.callback_data or "").split(":", 2)
            if (
                len(parts) != 3
                or parts[0] != CALLBACK_PREFIX
                or parts[1] != str(data.get("seq", 0))
            ):
                return None, True
            return parts[2], False
        if event.kind is EventKind.TEXT and event.text:
            # Back/Cancel on the reply keyboard arrive as their label text.
            typed = clean_text(event.text, max_graphemes=40, multiline=False)
            for action in ("back", "cancel"):
                if typed == clean_text(
                    self.renderer.text(lang, Msg(f"button-{action}")), max_graphemes=40
                ):
                    return action, False
        return None, False

    async def _apply_effects(
        self, tx: Tx, event: InboundEvent, result: FlowResult, data: dict[str, Any], now: datetime
    ) -> None:
        lang = Language(str(data.get("lang", self.default_language.value)))
        for effect in result.effects:
            if isinstance(effect, Consented):
                await tx.reporters.upsert(event.user_id, lang, consent_at=now, now=now)
            elif isinstance(effect, LanguageChosen):
                if await tx.reporters.get(event.user_id) is not None:
                    await tx.reporters.set_language(event.user_id, lang, now)
            elif isinstance(effect, Submitted):
                # Local time, so a case filed on 1 January in Beijing is numbered in the new year.
                new = effect.case
                earlier = len(await tx.cases.for_reporter(event.user_id))
                if earlier:
                    # A repeat case (the same household again) is graded up: the flow
                    # cannot know the reporter's history, the database does.
                    risk = grade(
                        new.dispute_type,
                        danger=new.danger,
                        people_affected=new.people_affected,
                        amount=new.amount,
                        earlier_cases=earlier,
                    )
                    new = replace(new, risk=risk)
                case = await tx.cases.create(new, now.astimezone(self.zone))
                if self.desk is not None:
                    # Routed and posted to the mediators in the same transaction.
                    case = await self.desk.publish(tx, case, now)
                parts = [Msg("intake-submitted", {"number": case.number})]
                if case.urgent:
                    parts.append(Msg("intake-submitted-urgent"))
                result.replies.append(Reply(parts=tuple(parts), remove_keyboard=True))
                log.info("case submitted", extra={**_ctx(event), "case": case.number})


async def remove_buttons(tx: Tx, event: InboundEvent, now: datetime) -> None:
    """Take the buttons off the message whose button was pressed (old choices can't pile up)."""
    if event.message_id is not None:
        await tx.outbox.add(event.chat_id, "edit_markup", {"message_id": event.message_id}, now)


def _ctx(event: InboundEvent) -> dict[str, object]:
    return {"update_id": event.update_id, "chat_id": event.chat_id}
