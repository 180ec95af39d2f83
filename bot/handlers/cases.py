"""The reporter's own cases: /mycases (一户一档案), /case N, and adding messages to a case.

A reporter who presses "add to this case" is in relay mode until they press Done (or send
/cancel): what they send is stored on the case and shown to the mediators under its card,
without their Telegram account.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from bot.clock import Clock
from bot.domain.events import EventKind, InboundEvent
from bot.domain.models import CaseRecord, CaseStatus, Language
from bot.domain.sanitize import clean_text
from bot.flows.output import Button, Msg, Reply
from bot.handlers.desk import CaseDesk, local_time
from bot.handlers.render import ADMIN_LANGUAGE, Renderer, split_payload
from bot.handlers.reporter import HandleOutcome
from bot.i18n import UserText, pick_language
from bot.storage import Database, Tx

#: The reporter's relay mode (which case their messages go to).
FLOW_NAME = "relay"
#: Buttons: "rp:add:<case id>", "rp:done".
CALLBACK_PREFIX = "rp"
#: Commands handled here.
COMMANDS = frozenset({"mycases", "case"})
#: Longest message a reporter may add to a case.
MAX_TEXT = 2000
_OPEN = (CaseStatus.SUBMITTED, CaseStatus.CLAIMED)


class ReporterCases:
    """Lists a reporter's cases and relays what they add to one of them."""

    def __init__(
        self,
        db: Database,
        renderer: Renderer,
        clock: Clock,
        desk: CaseDesk,
        *,
        default_language: Language,
        zone: tzinfo,
        on_commit: Callable[[], None] = lambda: None,
    ) -> None:
        self.db = db
        self.renderer = renderer
        self.clock = clock
        self.desk = desk
        self.default_language = default_language
        self.zone = zone
        self.on_commit = on_commit

    async def relaying(self, tx: Tx, chat_id: int) -> bool:
        """Whether the chat is in relay mode."""
        return await tx.conversations.get(chat_id, FLOW_NAME) is not None

    async def handle(self, event: InboundEvent) -> HandleOutcome:
        """Handle /mycases, /case N, the rp: buttons, and messages in relay mode."""
        now = self.clock.now()
        async with self.db.transaction() as tx:
            if not await tx.updates.claim(event.update_id, now):
                return HandleOutcome(duplicate=True)
            lang = await self._language(tx, event)
            toast = await self._dispatch(tx, event, lang, now)
        self.on_commit()
        return HandleOutcome(toast=toast)

    async def _language(self, tx: Tx, event: InboundEvent) -> str:
        reporter = await tx.reporters.get(event.user_id)
        if reporter is not None:
            return reporter.language.value
        return pick_language(event.language_code, self.default_language).value

    async def _say(self, tx: Tx, event: InboundEvent, lang: str, msg: Msg, now: datetime) -> None:
        await tx.outbox.add_messages(event.chat_id, self.renderer.notice(lang, msg), now)

    async def _dispatch(self, tx: Tx, event: InboundEvent, lang: str, now: datetime) -> str | None:
        if event.kind is EventKind.CALLBACK:
            return await self._button(tx, event, lang, now)
        if event.kind is EventKind.COMMAND and event.command == "mycases":
            await self._list(tx, event, lang, now)
        elif event.kind is EventKind.COMMAND and event.command == "case":
            await self._show(tx, event, lang, now)
        elif event.kind is EventKind.COMMAND and event.command == "cancel":
            await tx.conversations.delete(event.chat_id, FLOW_NAME)
            await self._say(tx, event, lang, Msg("relay-ended"), now)
        else:
            await self._relay(tx, event, lang, now)
        return None

    async def _list(self, tx: Tx, event: InboundEvent, lang: str, now: datetime) -> None:
        cases = await tx.cases.for_reporter(event.user_id)
        if not cases:
            await self._say(tx, event, lang, Msg("mycases-empty"), now)
            return
        lines = [self.renderer.text(lang, Msg("mycases-title", {"count": len(cases)}))]
        lines += [self.renderer.text(lang, self._line(case)) for case in cases]
        await tx.outbox.add_messages(
            event.chat_id, split_payload({"text": "\n".join(lines), "parse_mode": "HTML"}), now
        )

    def _line(self, case: CaseRecord) -> Msg:
        return Msg(
            "mycases-line",
            {
                "number": case.number,
                "type": Msg(f"dispute-type-{case.dispute_type.value}"),
                "status": Msg(f"reporter-status-{case.status.value}"),
                "filed": local_time(case.created_at, self.zone),
            },
        )

    async def _own(self, tx: Tx, user_id: int, typed: str) -> CaseRecord | None:
        """The reporter's case by its number (or its last digits); never someone else's."""
        wanted = clean_text(typed, max_graphemes=30, multiline=False).strip()
        if not wanted:
            return None
        for case in await tx.cases.for_reporter(user_id):
            if case.number == wanted or (
                wanted.isdigit() and case.number.split("-")[-1].lstrip("0") == wanted.lstrip("0")
            ):
                return case
        return None

    async def _show(self, tx: Tx, event: InboundEvent, lang: str, now: datetime) -> None:
        case = await self._own(tx, event.user_id, event.command_args)
        if case is None:
            await self._say(tx, event, lang, Msg("case-not-found"), now)
            return
        add = ((Button(Msg("button-add-to-case"), f"add:{case.id}"),),)
        reply = Reply((self._line(case),), add if case.status in _OPEN else ())
        payload = self.renderer.payload(lang, reply, f"{CALLBACK_PREFIX}:")
        await tx.outbox.add(event.chat_id, "send", payload, now, case_id=case.id)

    async def _button(self, tx: Tx, event: InboundEvent, lang: str, now: datetime) -> str | None:
        parts = (event.callback_data or "").split(":")
        if parts[:2] == [CALLBACK_PREFIX, "done"]:
            await tx.conversations.delete(event.chat_id, FLOW_NAME)
            await self._say(tx, event, lang, Msg("relay-ended"), now)
            return None
        if len(parts) == 3 and parts[:2] == [CALLBACK_PREFIX, "add"] and parts[2].isdigit():
            case = await tx.cases.by_id(int(parts[2]))
            if case is None or case.reporter_telegram_id != event.user_id:
                return self.renderer.text(lang, Msg("button-stale"))
            if case.status not in _OPEN:
                await self._say(tx, event, lang, Msg("relay-case-closed"), now)
                return None
            stored = await tx.conversations.get(event.chat_id, FLOW_NAME)
            data = {"case": case.id, "number": case.number}
            await tx.conversations.save(
                event.chat_id,
                FLOW_NAME,
                "relaying",
                data,
                expected_version=None if stored is None else stored.version,
                now=now,
            )
            prompt = Msg("relay-started", {"number": case.number})
            done = ((Button(Msg("button-done"), "done"),),)
            payload = self.renderer.payload(lang, Reply((prompt,), done), f"{CALLBACK_PREFIX}:")
            await tx.outbox.add(event.chat_id, "send", payload, now)
            return None
        return self.renderer.text(lang, Msg("button-stale"))

    async def _relay(self, tx: Tx, event: InboundEvent, lang: str, now: datetime) -> None:
        """Store what the reporter sent on the case and show it to the mediators."""
        stored = await tx.conversations.get(event.chat_id, FLOW_NAME)
        case = None if stored is None else await tx.cases.by_id(int(stored.data["case"]))
        if case is None or case.reporter_telegram_id != event.user_id:
            await tx.conversations.delete(event.chat_id, FLOW_NAME)
            await self._say(tx, event, lang, Msg("relay-ended"), now)
            return
        if case.status not in _OPEN:
            await tx.conversations.delete(event.chat_id, FLOW_NAME)
            await self._say(tx, event, lang, Msg("relay-case-closed"), now)
            return
        if event.kind is EventKind.MEDIA and event.attachment is not None:
            caption = clean_text(event.text or "", max_graphemes=MAX_TEXT)
            await tx.notes.add(
                case.id, event.user_id, "reporter", caption, now, file_id=event.attachment.file_id
            )
            header = Msg("case-relay-media", {"number": case.number, "text": UserText(caption)})
            assert event.message_id is not None
            await self.desk.copy_to_group(
                tx,
                case,
                event.chat_id,
                event.message_id,
                self.renderer.text(ADMIN_LANGUAGE, header),
                now,
            )
        elif event.kind is EventKind.TEXT and event.text:
            text = clean_text(event.text, max_graphemes=MAX_TEXT)
            if not text:
                await self._say(tx, event, lang, Msg("relay-hint"), now)
                return
            await tx.notes.add(case.id, event.user_id, "reporter", text, now)
            msg = Msg("case-relay-text", {"number": case.number, "text": UserText(text)})
            await self.desk.to_group(tx, case, self.renderer.notice(ADMIN_LANGUAGE, msg), now)
        else:
            await self._say(tx, event, lang, Msg("relay-hint"), now)
            return
        await tx.events.append(case.id, event.user_id, "reporter_message", {}, now)
        await self._say(tx, event, lang, Msg("relay-sent", {"number": case.number}), now)
