"""Mediators' side: binding groups, the case card's buttons, prompts, replies, history.

Every update runs in one transaction that claims its update id, so a redelivered button
press or command does nothing twice. Group membership is asked from Telegram
(getChatMember) before that transaction opens: no lock is held across a network call,
and the transaction re-checks the case's revision, so a press that raced another change
is refused as stale instead of acting on a case it no longer describes.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from bot.clock import Clock
from bot.domain.agreement import TermError, parse_session_time, parse_term
from bot.domain.calendar import REGIONS
from bot.domain.events import ChatType, EventKind, InboundEvent
from bot.domain.models import (
    CaseRecord,
    CaseStatus,
    Language,
    ObligationRecord,
    PartySide,
    Referral,
    RiskLevel,
)
from bot.domain.offices import OfficeDirectory
from bot.domain.phone import mask_phone, national_digits, parse_mainland_mobile
from bot.domain.routing import escalation_target
from bot.domain.sanitize import clean_text
from bot.flows.casework import TASK_ACTIONS, Action, Actor, decide
from bot.flows.output import Button, Msg, Reply, rows
from bot.handlers.desk import CARD_PREFIX, HANDLE, CaseDesk, local_time
from bot.handlers.render import ADMIN_LANGUAGE, Renderer, split_payload
from bot.handlers.reporter import HandleOutcome
from bot.i18n import UserText
from bot.storage import Database, Tx

log = logging.getLogger(__name__)

#: The mediator's pending prompt (in their private chat with the bot).
FLOW_NAME = "casework"
#: Prompt buttons: "cw:<seq>:<choice>".
PROMPT_PREFIX = "cw"
#: Longest reason, note, place or reply a mediator may type.
MAX_TEXT = 1000
#: Statuses Telegram reports for people in a group who may act there.
MEMBER_STATUSES = frozenset({"creator", "administrator", "member", "restricted"})
#: Commands this handler answers (in groups, and in mediators' private chats).
COMMANDS = frozenset({"bind", "unbind", "languages", "myphone", "reply", "history", "holiday"})
#: Actions that need more input, and the first thing asked.
_FIRST_STEP = {
    Action.TRANSFER: "office",
    Action.ESCALATE: "reason",
    Action.NOTE: "note",
    Action.SESSION: "when",
    Action.AGREEMENT: "terms",
    Action.FAIL: "referral",
    Action.GRADE: "level",
}

#: Audit event kinds with a label in /history (as message-id suffixes).
EVENT_KINDS = (
    "submitted",
    "routed",
    *(action.value for action in Action if action not in (Action.REPLY, Action.DETAILS)),
    "details-viewed",
    "reply-sent",
    "reporter-message",
    "history-viewed",
    "reporter-unreachable",
    "reporter-reachable",
    "followup-ping",
    "followup-carried",
    "followup-score",
    "followup-comment",
    "task-phone",
    "task-revisit",
    "supervision",
    "supervision-overdue",
    "reminder-claim",
    "reminder-resolve",
    "deadline-escalated",
    "closed",
)

#: Asks Telegram for a user's status in a group (getChatMember).
Membership = Callable[[int, int], Awaitable[str]]


async def _nobody(chat_id: int, user_id: int) -> str:
    """Before a runtime is attached nobody counts as a member: refuse rather than guess."""
    return "left"


#: The values that put a case back in the queue, unclaimed.
_UNCLAIMED: dict[str, Any] = {
    "status": CaseStatus.SUBMITTED.value,
    "owner_telegram_id": None,
    "owner_name": None,
    "claimed_at": None,
}


class _Stale(Exception):
    """The case changed between reading it and writing: roll back, the press is stale."""


@dataclass(frozen=True)
class _Press:
    """A card button press, parsed."""

    case_id: int
    revision: int
    action: Action


def parse_card_data(data: str | None) -> _Press | None:
    """Read "cs:<case>:<revision>:<action>"; None for anything else (forged or foreign)."""
    parts = (data or "").split(":")
    if len(parts) != 4 or parts[0] != CARD_PREFIX:
        return None
    _, case_id, revision, action = parts
    if not (case_id.isdigit() and revision.isdigit()) or action not in set(Action):
        return None
    return _Press(int(case_id), int(revision), Action(action))


class MediatorHandler:
    """Handles group chats and mediators' commands, buttons and prompts."""

    def __init__(
        self,
        db: Database,
        renderer: Renderer,
        clock: Clock,
        desk: CaseDesk,
        *,
        admin_ids: Collection[int] = frozenset(),
        zone: tzinfo,
        membership: Membership = _nobody,
        on_commit: Callable[[], None] = lambda: None,
    ) -> None:
        self.db = db
        self.renderer = renderer
        self.clock = clock
        self.desk = desk
        self.admin_ids = frozenset(admin_ids)
        self.zone = zone
        self.membership = membership
        self.on_commit = on_commit

    # ------------------------------------------------------------------ entry points

    async def handle(self, event: InboundEvent) -> HandleOutcome:
        """Handle a group update, a card button, or a mediator's command or prompt answer."""
        if event.kind is EventKind.CALLBACK and (event.callback_data or "").startswith(
            f"{CARD_PREFIX}:"
        ):
            return await self._press(event)
        if event.chat_type is not ChatType.PRIVATE:
            return await self._group(event)
        if event.kind is EventKind.COMMAND and event.command in COMMANDS:
            return await self._command(event)
        return await self._prompt(event)

    async def pending(self, tx: Tx, user_id: int) -> bool:
        """Whether the mediator is in the middle of a prompt (their private chat is ours)."""
        return await tx.conversations.get(user_id, FLOW_NAME) is not None

    def _text(self, msg: Msg) -> str:
        return self.renderer.text(ADMIN_LANGUAGE, msg)

    async def _say(self, tx: Tx, chat_id: int, msg: Msg, now: datetime) -> None:
        """A mediator-facing message (Chinese, the mediators' working language)."""
        await tx.outbox.add_messages(chat_id, self.renderer.notice(ADMIN_LANGUAGE, msg), now)

    async def _claimed(self, tx: Tx, event: InboundEvent, now: datetime) -> bool:
        """Claim the update id; False for a redelivery (already handled)."""
        return await tx.updates.claim(event.update_id, now)

    def _done(self, outcome: HandleOutcome) -> HandleOutcome:
        self.on_commit()
        return outcome

    # ------------------------------------------------------------------ groups

    async def _group(self, event: InboundEvent) -> HandleOutcome:
        now = self.clock.now()
        is_command = event.kind is EventKind.COMMAND and event.command in COMMANDS
        is_reply = event.reply_to_message_id is not None and event.kind in (
            EventKind.TEXT,
            EventKind.MEDIA,
        )
        async with self.db.transaction() as tx:
            bind = event.kind is EventKind.COMMAND and event.command in ("bind", "unbind")
            group = None if bind else await tx.groups.for_chat(event.chat_id)
            if bind or group is None or not (is_command or is_reply):
                # Handled right here, so the update is claimed in this transaction.
                if not await self._claimed(tx, event, now):
                    return HandleOutcome(duplicate=True)
                if bind:
                    await self._bind(tx, event, now)
                elif group is None and await tx.groups.note_unbound(event.chat_id, now):
                    # Anyone may add the bot to a group: say once how it is bound.
                    await self._say(tx, event.chat_id, Msg("group-not-bound"), now)
                # Otherwise mediators talk among themselves: nothing there is for the bot.
                return self._done(HandleOutcome())
        if is_command:
            return await self._command(event)
        return await self._reply_in_group(event)

    async def _bind(self, tx: Tx, event: InboundEvent, now: datetime) -> None:
        if event.user_id not in self.admin_ids:
            await self._say(tx, event.chat_id, Msg("group-bind-admin-only"), now)
            return
        if event.command == "unbind":
            unbound = await tx.groups.unbind(event.chat_id)
            msg = Msg("group-unbound", {"office": unbound}) if unbound else Msg("group-not-bound")
            await self._say(tx, event.chat_id, msg, now)
            return
        code = event.command_args.strip()
        offices = await self.desk.directory(tx)
        office = offices.get(code) if offices and code else None
        if office is None:
            codes = ", ".join(o.code for o in offices) if offices else "-"
            await self._say(tx, event.chat_id, Msg("group-bind-unknown", {"codes": codes}), now)
            return
        previous = await tx.groups.bind(
            event.chat_id, office.code, event.chat_title, event.chat_is_forum, event.user_id, now
        )
        msg = Msg(
            "group-bound",
            {"office": office.name, "code": office.code, "forum": str(event.chat_is_forum).lower()},
        )
        await self._say(tx, event.chat_id, msg, now)
        if previous is not None:
            await self._say(tx, previous, Msg("group-rebound-away", {"office": office.name}), now)

    # ------------------------------------------------------------------ card buttons

    async def _press(self, event: InboundEvent) -> HandleOutcome:
        press = parse_card_data(event.callback_data)
        if press is None:
            return await self._refuse(event, "case-button-invalid")
        async with self.db.transaction() as tx:
            case = await tx.cases.by_id(press.case_id)
            card = None
            if case is not None:
                card = next(
                    (c for c in await tx.cards.for_case(case.id) if c.chat_id == event.chat_id),
                    None,
                )
        if case is None or card is None:
            # Data no card of ours carries in this chat: forged, or from another bot.
            return await self._refuse(event, "case-button-invalid")
        if card.role != HANDLE:
            return await self._refuse(event, "case-refused-other-office")
        member = await self._is_member(event.chat_id, event.user_id)
        try:
            return await self._press_once(event, press, member)
        except _Stale:
            return await self._refuse(event, "button-stale")

    async def _press_once(self, event: InboundEvent, press: _Press, member: bool) -> HandleOutcome:
        now = self.clock.now()
        async with self.db.transaction() as tx:
            if not await self._claimed(tx, event, now):
                return HandleOutcome(duplicate=True)
            case = await tx.cases.by_id(press.case_id)
            assert case is not None  # cases are never deleted while cards exist
            if press.action is Action.CLAIM and case.owner_telegram_id is not None:
                return self._done(HandleOutcome(toast=self._claimed_by(case, event.user_id)))
            if case.revision != press.revision:
                return self._done(HandleOutcome(toast=self._text(Msg("button-stale"))))
            actor = await self._actor(tx, case, event.user_id, member=member)
            decision = decide(press.action, case.status, actor)
            if not decision.allowed:
                assert decision.refusal is not None
                refusal = self._text(_refusal(decision.refusal, case))
                return self._done(HandleOutcome(toast=refusal))
            if press.action in _FIRST_STEP:
                toast = await self._start_prompt(tx, case, press.action, event, member, now)
                return self._done(HandleOutcome(toast=toast))
            toast = await self._act(tx, case, press.action, event, {}, now)
        return self._done(HandleOutcome(toast=toast))

    async def _refuse(self, event: InboundEvent, message: str) -> HandleOutcome:
        """Answer a button that cannot be acted on; the update still counts as handled."""
        async with self.db.transaction() as tx:
            if not await self._claimed(tx, event, self.clock.now()):
                return HandleOutcome(duplicate=True)
        return self._done(HandleOutcome(toast=self._text(Msg(message))))

    def _claimed_by(self, case: CaseRecord, user_id: int) -> str:
        """The answer to a claim of a case someone (perhaps this user) already owns."""
        if case.owner_telegram_id == user_id:
            return self._text(Msg("case-claim-yours"))
        return self._text(Msg("case-claimed-by", {"owner": UserText(case.owner_name or "-")}))

    async def _is_member(self, chat_id: int, user_id: int) -> bool:
        """Ask Telegram now: whoever left the group or was removed may no longer act."""
        try:
            return await self.membership(chat_id, user_id) in MEMBER_STATUSES
        except Exception:
            # Telegram could not tell (network, 400 for an unknown user): not a member.
            log.warning("getChatMember failed for %s in %s", user_id, chat_id, exc_info=True)
            return False

    async def _actor(self, tx: Tx, case: CaseRecord, user_id: int, *, member: bool) -> Actor:
        """Who the person is to this case: member, owner, party, recused, coordinator."""
        # A party by account, or by phone: the mediator's own number as they gave it when
        # they reported a dispute themselves, or as recorded for them as a mediator.
        phones = {party.phone for party in case.parties if party.phone}
        own = {
            p.phone
            for c in await tx.cases.for_reporter(user_id)
            for p in c.parties
            if p.side is PartySide.REPORTER and p.phone
        }
        mediator = await tx.mediators.get(user_id)
        if mediator is not None and mediator.phone:
            own.add(mediator.phone)
        party = user_id == case.reporter_telegram_id or bool(own & phones)
        recused = any(
            e.kind == "recused" and e.actor_telegram_id == user_id
            for e in await tx.events.for_case(case.id)
        )
        return Actor(
            telegram_id=user_id,
            member=member,
            owner=case.owner_telegram_id == user_id,
            admin=user_id in self.admin_ids,
            party=party,
            recused=recused,
        )

    # ------------------------------------------------------------------ the actions

    async def _act(
        self,
        tx: Tx,
        case: CaseRecord,
        action: Action,
        event: InboundEvent,
        data: dict[str, Any],
        now: datetime,
    ) -> str:
        """Apply an allowed action: change, audit event, cards, reporter notice; the toast."""
        if action in (Action.TRANSFER, Action.ESCALATE):
            return await self._move(tx, case, action, event, data, now)
        if action is Action.DETAILS:
            await self._send_details(tx, case, event.user_id, now)
            await tx.events.append(case.id, event.user_id, "details_viewed", {}, now)
            return self._text(Msg("case-details-sent"))
        user = event.user_id
        # Every change is conditional on the revision the actor saw.
        values: dict[str, Any] = {}
        conditions: dict[str, Any] = {"if_revision": case.revision}
        notice: Msg | None = None
        payload: dict[str, Any] = {}
        if action is Action.CLAIM:
            conditions.update(if_status=CaseStatus.SUBMITTED, if_unowned=True)
            values = {
                "status": CaseStatus.CLAIMED.value,
                "owner_telegram_id": user,
                "owner_name": clean_text(event.first_name or str(user), max_graphemes=60),
                "claimed_at": now,
            }
            notice = Msg("reporter-case-claimed", {"number": case.number})
        elif action is Action.RELEASE or (
            action is Action.RECUSE and case.owner_telegram_id == user
        ):
            conditions.update(if_status=CaseStatus.CLAIMED, if_owner=user)
            values = _UNCLAIMED
        elif action is Action.CONTACTED:
            values = {"contacted_at": now}
        elif action is Action.RESOLVE:
            conditions.update(if_status=CaseStatus.CLAIMED, if_owner=user)
            values = {"status": CaseStatus.RESOLVED.value}
            notice = Msg("reporter-case-resolved", {"number": case.number})
        elif action is Action.FAIL:
            referral = Referral(str(data["referral"]))
            conditions.update(if_status=CaseStatus.CLAIMED, if_owner=user)
            values = {"status": CaseStatus.FAILED.value, "referral": referral.value}
            payload = {"referral": referral.value}
            notice = Msg(
                "reporter-case-failed",
                {"number": case.number, "referral": Msg(f"reporter-referral-{referral.value}")},
            )
        elif action is Action.NOTE:
            note_id = await tx.notes.add(
                case.id, user, "note", str(data.get("text", "")), now, file_id=data.get("file_id")
            )
            payload = {"note": note_id, "voice": data.get("file_id") is not None}
        elif action is Action.SESSION:
            await tx.notes.add(case.id, user, "session", f"{data['when']} {data['place']}", now)
            payload = {"at": data["when"]}
            notice = Msg(
                "reporter-session-scheduled",
                {"number": case.number, "when": data["when"], "place": UserText(data["place"])},
            )
        elif action is Action.AGREEMENT:
            terms = [_term_from(raw) for raw in data["terms"]]
            await tx.obligations.add(case.id, terms, now)
            payload = {"terms": len(terms)}
        elif action is Action.GRADE:
            level = RiskLevel(str(data["level"]))
            values = {"risk": level.value}
            payload = {"from": case.risk.value, "to": level.value, "reason": data["reason"]}
        elif action in (Action.VISITED, Action.CALLED):
            if case.task != TASK_ACTIONS[action]:
                return self._text(Msg("case-refused-status"))
            conditions.update(if_owner=user)
            values = {"status": CaseStatus.CLOSED.value, "task": None, "task_due_at": None}
            payload = {"task": case.task}
        if not await tx.cases.change(case.id, now, **conditions, **values):
            # Changed by someone else since it was read: nothing is done, say so.
            fresh = await tx.cases.by_id(case.id)
            if action is Action.CLAIM and fresh is not None and fresh.owner_telegram_id:
                return self._claimed_by(fresh, user)
            raise _Stale()
        await tx.events.append(case.id, user, action.value, payload, now)
        fresh = await self._after(tx, case.id, action, now)
        if notice is not None:
            await self.desk.notify_reporter(tx, fresh, notice, now)
        return self._text(Msg(f"case-done-{action.value}", {"number": case.number}))

    async def _after(
        self,
        tx: Tx,
        case_id: int,
        action: Action,
        now: datetime,
        offices: OfficeDirectory | None = None,
    ) -> CaseRecord:
        """After a change: its deadlines and follow-ups, then the cards as the case now is."""
        changed = await tx.cases.by_id(case_id)
        assert changed is not None  # changed just before
        await self._reschedule(tx, changed, action, now)
        # Rescheduling sets the deadline (and task) the cards show: read the case again.
        fresh = await tx.cases.by_id(case_id)
        assert fresh is not None
        await self.desk.refresh(tx, fresh, now, offices)
        return fresh

    async def _reschedule(self, tx: Tx, case: CaseRecord, action: Action, now: datetime) -> None:
        """The deadlines, follow-ups and supervision an action starts or ends."""
        schedule = self.desk.schedule
        if schedule is None:
            return
        if action is Action.CLAIM:
            await schedule.claimed(tx, case, now)
        elif case.status is CaseStatus.SUBMITTED and action in (
            Action.RELEASE,
            Action.RECUSE,
            Action.TRANSFER,
            Action.ESCALATE,
        ):
            await schedule.unclaimed(tx, case, now)
        elif action is Action.RESOLVE:
            await schedule.resolved(tx, case, now)
        elif action is Action.FAIL:
            await schedule.stop(tx, case, now)
            await self.desk.supervise(tx, case, now)
        elif action in (Action.VISITED, Action.CALLED):
            await schedule.stop(tx, case, now)

    async def _move(
        self,
        tx: Tx,
        case: CaseRecord,
        action: Action,
        event: InboundEvent,
        data: dict[str, Any],
        now: datetime,
    ) -> str:
        """Transfer (转派) or escalate (上报): the case goes unclaimed to another office."""
        offices = await self.desk.directory(tx)
        if offices is None:
            return self._text(Msg("case-no-offices"))
        if action is Action.ESCALATE:
            target = escalation_target(case.office_code or "", case.home_county, offices)
            if target is None:
                return self._text(Msg("case-escalate-top"))
            code = target.code
        else:
            code = str(data["office"])
        handler = await self.desk.move(tx, case, code, offices, now)
        if handler is None or handler == case.office_code:
            return self._text(Msg("case-move-no-group"))
        reason = "transferred" if action is Action.TRANSFER else "escalated"
        if not await tx.cases.change(
            case.id,
            now,
            if_revision=case.revision,
            office_code=handler,
            route_reason=reason,
            **_UNCLAIMED,
        ):
            raise _Stale()
        await tx.events.append(
            case.id,
            event.user_id,
            action.value,
            {"from": case.office_code, "to": handler, "reason": data.get("reason", "")},
            now,
        )
        await self._after(tx, case.id, action, now, offices)
        office = offices.get(handler)
        name = office.name if office else handler
        return self._text(Msg(f"case-done-{action.value}", {"number": case.number, "office": name}))

    async def _send_details(self, tx: Tx, case: CaseRecord, user: int, now: datetime) -> None:
        """The full record, privately to the owner (or a coordinator): never in the group."""
        reporter = case.party(PartySide.REPORTER)
        other = case.party(PartySide.OTHER)
        terms = await tx.obligations.for_case(case.id)
        notes = await tx.notes.for_case(case.id)
        msg = Msg(
            "case-details",
            {
                "number": case.number,
                "type": Msg(f"dispute-type-{case.dispute_type.value}"),
                "city": UserText(case.host_city),
                "county": UserText(case.home_county),
                "reporter": UserText(reporter.name if reporter else "-"),
                "phone": national_digits(reporter.phone) if reporter and reporter.phone else "-",
                "other": UserText(other.name if other else "-"),
                "other-phone": national_digits(other.phone) if other and other.phone else "-",
                "role": Msg(
                    f"party-role-{other.role.value}" if other and other.role else "value-none"
                ),
                "language": Msg("language-name", locale=case.language.value),
                "people": case.people_affected,
                "amount": "-" if case.amount is None else case.amount,
                "story": UserText(case.story),
                "outcome": UserText(case.desired_outcome),
                "attachments": len(case.attachments),
                "terms": len(terms),
                "notes": len(notes),
                "filed": local_time(case.created_at, self.zone),
            },
        )
        await tx.outbox.add_messages(
            user, self.renderer.notice(ADMIN_LANGUAGE, msg), now, case_id=case.id
        )

    # ------------------------------------------------------------------ prompts

    async def _start_prompt(
        self,
        tx: Tx,
        case: CaseRecord,
        action: Action,
        event: InboundEvent,
        member: bool,
        now: datetime,
    ) -> str:
        """Ask for what the action needs in the mediator's private chat (not in the group)."""
        stored = await tx.conversations.get(event.user_id, FLOW_NAME)
        seq = int(stored.data.get("seq", 0)) + 1 if stored else 1
        data: dict[str, Any] = {
            "case": case.id,
            "number": case.number,
            "action": action.value,
            # The prompt acts on the case as it was when the button was pressed.
            "revision": case.revision,
            "step": _FIRST_STEP[action],
            "member": member,
            "name": event.first_name,
            "seq": seq,
            "terms": [],
        }
        await tx.conversations.save(
            event.user_id,
            FLOW_NAME,
            data["step"],
            data,
            expected_version=None if stored is None else stored.version,
            now=now,
        )
        await self._ask(tx, event.user_id, case, data, now)
        return self._text(Msg("case-prompt-private"))

    async def _ask(
        self, tx: Tx, chat_id: int, case: CaseRecord, data: dict[str, Any], now: datetime
    ) -> None:
        """Send the question of the current step, with its buttons."""
        step = str(data["step"])
        choices: list[Button] = []
        if step == "office":
            offices = await self.desk.directory(tx)
            for office in offices or ():
                if office.code != case.office_code and await tx.groups.for_office(office.code):
                    choices.append(Button(office.name, f"office:{office.code}"))
        elif step == "referral":
            choices = [Button(Msg(f"referral-{r.value}"), f"referral:{r.value}") for r in Referral]
        elif step == "level":
            choices = [Button(Msg(f"risk-name-{r.value}"), f"level:{r.value}") for r in RiskLevel]
        elif step == "terms" and data["terms"]:
            choices = [Button(Msg("button-done"), "done")]
        choices.append(Button(Msg("button-cancel"), "cancel"))
        question = Msg(
            f"prompt-{step}",
            {"number": case.number, "action": Msg(f"case-action-{data['action']}")},
        )
        payload = self.renderer.payload(
            ADMIN_LANGUAGE, Reply((question,), rows(choices, 1)), f"{PROMPT_PREFIX}:{data['seq']}:"
        )
        await tx.outbox.add(chat_id, "send", payload, now, case_id=case.id)

    async def _prompt(self, event: InboundEvent) -> HandleOutcome:
        """An answer in the mediator's private chat to the pending prompt."""
        try:
            return await self._prompt_once(event)
        except _Stale:
            # The case moved on while the mediator typed: the prompt is void.
            now = self.clock.now()
            async with self.db.transaction() as tx:
                if await self._claimed(tx, event, now):
                    await tx.conversations.delete(event.user_id, FLOW_NAME)
                    await self._say(tx, event.user_id, Msg("prompt-stale"), now)
            return self._done(HandleOutcome())

    async def _prompt_once(self, event: InboundEvent) -> HandleOutcome:
        now = self.clock.now()
        async with self.db.transaction() as tx:
            if not await self._claimed(tx, event, now):
                return HandleOutcome(duplicate=True)
            stored = await tx.conversations.get(event.user_id, FLOW_NAME)
            if stored is None:
                return self._done(HandleOutcome(toast=self._text(Msg("button-stale"))))
            data = dict(stored.data)
            case = await tx.cases.by_id(int(data["case"]))
            assert case is not None
            choice = self._choice(event, data)
            if choice == "stale":
                return self._done(HandleOutcome(toast=self._text(Msg("button-stale"))))
            if choice == "cancel" or (
                event.kind is EventKind.COMMAND and event.command in ("cancel", "start")
            ):
                await tx.conversations.delete(event.user_id, FLOW_NAME)
                await self._say(tx, event.user_id, Msg("prompt-cancelled"), now)
                return self._done(HandleOutcome())
            problem = self._take(event, data, choice, now)
            if problem is not None:
                await self._say(tx, event.user_id, problem, now)
                return self._done(HandleOutcome())
            if data["step"] != "commit":
                data["seq"] = int(data["seq"]) + 1
                await tx.conversations.save(
                    event.user_id,
                    FLOW_NAME,
                    str(data["step"]),
                    data,
                    expected_version=stored.version,
                    now=now,
                )
                await self._ask(tx, event.user_id, case, data, now)
                return self._done(HandleOutcome())
            await tx.conversations.delete(event.user_id, FLOW_NAME)
            if case.revision != int(data["revision"]):
                # Changed since the button was pressed (released, moved, claimed…).
                raise _Stale()
            action = Action(str(data["action"]))
            actor = await self._actor(tx, case, event.user_id, member=bool(data["member"]))
            decision = decide(action, case.status, actor)
            if not decision.allowed:
                assert decision.refusal is not None
                reason = _refusal(decision.refusal, case)
                await self._say(tx, event.user_id, Msg("prompt-refused", {"reason": reason}), now)
                return self._done(HandleOutcome())
            # The name shown as owner is the one Telegram gave with the card press.
            named = replace(event, first_name=str(data.get("name") or event.first_name))
            result = await self._act(tx, case, action, named, data, now)
            await tx.outbox.add_messages(
                event.user_id, [{"text": result, "parse_mode": "HTML"}], now
            )
        return self._done(HandleOutcome())

    def _choice(self, event: InboundEvent, data: dict[str, Any]) -> str | None:
        """The button pressed ("stale" for an old one), or None for typed input."""
        if event.kind is not EventKind.CALLBACK:
            return None
        parts = (event.callback_data or "").split(":", 2)
        if len(parts) != 3 or parts[0] != PROMPT_PREFIX or parts[1] != str(data["seq"]):
            return "stale"
        return parts[2]

    def _take(
        self, event: InboundEvent, data: dict[str, Any], choice: str | None, now: datetime
    ) -> Msg | None:
        """Store the answer to the current step and move on; a hint if it is not usable."""
        step = str(data["step"])
        action = Action(str(data["action"]))
        typed = None
        if event.kind is EventKind.TEXT and event.text:
            typed = clean_text(event.text, max_graphemes=MAX_TEXT)
        if step in ("office", "referral", "level"):
            if choice is None or not choice.startswith(f"{step}:"):
                return Msg("prompt-use-buttons")
            data[step] = choice.split(":", 1)[1]
            if step == "referral":
                data["step"] = "commit"
            else:
                data["step"] = "reason"
            return None
        if step == "note":
            if event.kind is EventKind.MEDIA and event.attachment is not None:
                data["file_id"] = event.attachment.file_id
                data["text"] = clean_text(event.text or "", max_graphemes=MAX_TEXT)
            elif typed:
                data["text"] = typed
            else:
                return Msg("prompt-need-text")
            data["step"] = "commit"
            return None
        if step == "when":
            moment = parse_session_time(typed or "", now.astimezone(self.zone))
            if moment is None:
                return Msg("prompt-when-invalid")
            data["when"] = moment.strftime("%Y-%m-%d %H:%M")
            data["step"] = "place"
            return None
        if step == "terms":
            if choice == "done":
                if not data["terms"]:
                    return Msg("prompt-terms-empty")
                data["step"] = "commit"
                return None
            if not typed:
                return Msg("prompt-need-text")
            today = now.astimezone(self.zone).date()
            for line in typed.splitlines():
                if not line.strip():
                    continue
                term = parse_term(line, today)
                if isinstance(term, TermError):
                    return Msg(term.message, {"line": UserText(line)})
                data["terms"].append(_term_to(term))
            return None
        # reason, place: free text
        if not typed:
            return Msg("prompt-need-text")
        data[step] = typed
        data["step"] = "commit"
        _ = action
        return None

    # ------------------------------------------------------------------ commands

    async def _command(self, event: InboundEvent) -> HandleOutcome:
        """/languages, /reply N text, /history N (and /bind outside a group)."""
        now = self.clock.now()
        command = event.command
        args = event.command_args.split(maxsplit=1)
        case: CaseRecord | None = None
        if command in ("reply", "history"):
            async with self.db.transaction() as tx:
                case = await tx.cases.get(args[0]) if args else None
        member = False
        if case is not None and command == "reply":
            group = await self._handling_group(case)
            member = group is not None and await self._is_member(group, event.user_id)
        try:
            async with self.db.transaction() as tx:
                if not await self._claimed(tx, event, now):
                    return HandleOutcome(duplicate=True)
                if command == "languages":
                    await self._languages(tx, event, now)
                elif command == "myphone":
                    await self._myphone(tx, event, now)
                elif command == "holiday":
                    await self._holiday(tx, event, now)
                elif command in ("bind", "unbind"):
                    await self._say(tx, event.chat_id, Msg("group-bind-in-group"), now)
                elif case is None:
                    await self._say(tx, event.chat_id, Msg(f"usage-{command}"), now)
                elif command == "history":
                    await self._history(tx, event, case, now)
                else:
                    text = args[1].strip() if len(args) > 1 else ""
                    await self._reply(tx, event, case, text, member, now)
        except _Stale:
            return await self._refuse(event, "button-stale")
        return self._done(HandleOutcome())

    async def _holiday(self, tx: Tx, event: InboundEvent, now: datetime) -> None:
        """/holiday add|remove DATE [REGION] [workday|holiday]: admins correct the calendar."""
        if event.user_id not in self.admin_ids:
            await self._say(tx, event.chat_id, Msg("holiday-admin-only"), now)
            return
        words = event.command_args.split()
        parsed = _holiday_args(words)
        if parsed is None:
            await self._say(tx, event.chat_id, Msg("holiday-usage"), now)
            return
        verb, day, region, kind = parsed
        where = region or "-"
        if verb == "add":
            await tx.calendar.put(day, region, kind, event.user_id, now)
            msg = Msg("holiday-added", {"day": day.isoformat(), "region": where, "kind": kind})
        elif await tx.calendar.remove(day, region):
            msg = Msg("holiday-removed", {"day": day.isoformat(), "region": where})
        else:
            msg = Msg("holiday-not-found", {"day": day.isoformat(), "region": where})
        await self._say(tx, event.chat_id, msg, now)

    async def _handling_group(self, case: CaseRecord) -> int | None:
        async with self.db.transaction() as tx:
            if case.office_code is None:
                return None
            group = await tx.groups.for_office(case.office_code)
        return None if group is None else group.chat_id

    async def _languages(self, tx: Tx, event: InboundEvent, now: datetime) -> None:
        """A mediator declares the languages they can mediate in."""
        codes = event.command_args.replace(",", " ").split()
        known = {language.value: language for language in Language}
        if not codes or any(code.lower() not in known for code in codes):
            mediator = await tx.mediators.get(event.user_id)
            current = ", ".join(lang.value for lang in mediator.languages) if mediator else "-"
            await self._say(
                tx, event.chat_id, Msg("mediator-languages-usage", {"current": current}), now
            )
            return
        chosen = sorted({known[code.lower()] for code in codes})
        await tx.mediators.set_languages(event.user_id, event.first_name, chosen, now)
        listed = ", ".join(language.value for language in chosen)
        await self._say(
            tx, event.chat_id, Msg("mediator-languages-set", {"languages": listed}), now
        )

    async def _myphone(self, tx: Tx, event: InboundEvent, now: datetime) -> None:
        """A mediator records their own phone, so they cannot claim a case they are party to."""
        if event.chat_type is not ChatType.PRIVATE:
            # A phone number typed in the group would be seen by everyone there.
            await self._say(tx, event.chat_id, Msg("mediator-phone-private"), now)
            return
        phone = parse_mainland_mobile(event.command_args.strip())
        if phone is None:
            await self._say(tx, event.chat_id, Msg("mediator-phone-usage"), now)
            return
        await tx.mediators.set_phone(event.user_id, event.first_name, phone, now)
        msg = Msg("mediator-phone-set", {"phone": mask_phone(phone)})
        await self._say(tx, event.chat_id, msg, now)

    async def _history(self, tx: Tx, event: InboundEvent, case: CaseRecord, now: datetime) -> None:
        """The audit trail of a case, for its owner and the coordinators only."""
        if event.user_id != case.owner_telegram_id and event.user_id not in self.admin_ids:
            await self._say(tx, event.chat_id, Msg("case-history-refused"), now)
            return
        lines = [Msg("case-history-title", {"number": case.number})]
        for entry in await tx.events.for_case(case.id):
            kind = entry.kind.replace("_", "-")
            label = Msg(f"event-{kind}") if kind in EVENT_KINDS else entry.kind
            lines.append(
                Msg(
                    "case-history-line",
                    {
                        "at": local_time(entry.created_at, self.zone),
                        "event": label,
                        "actor": str(entry.actor_telegram_id or "-"),
                    },
                )
            )
        text = "\n".join(self._text(line) for line in lines)
        await tx.outbox.add_messages(
            event.chat_id, split_payload({"text": text, "parse_mode": "HTML"}), now
        )
        await tx.events.append(case.id, event.user_id, "history_viewed", {}, now)

    async def _reply(
        self,
        tx: Tx,
        event: InboundEvent,
        case: CaseRecord,
        text: str,
        member: bool,
        now: datetime,
    ) -> None:
        """The owning mediator answers the reporter through the bot (neither account shown)."""
        actor = await self._actor(tx, case, event.user_id, member=member)
        decision = decide(Action.REPLY, case.status, actor)
        if not decision.allowed:
            assert decision.refusal is not None
            await self._say(tx, event.chat_id, _refusal(decision.refusal, case), now)
            return
        body = clean_text(text, max_graphemes=MAX_TEXT)
        if not body and event.attachment is None:
            await self._say(tx, event.chat_id, Msg("usage-reply"), now)
            return
        await tx.notes.add(
            case.id,
            event.user_id,
            "reply",
            body,
            now,
            file_id=None if event.attachment is None else event.attachment.file_id,
        )
        await tx.events.append(case.id, event.user_id, "reply_sent", {}, now)
        lang = case.language.value
        header = Msg("reporter-mediator-says", {"number": case.number, "text": UserText(body)})
        if event.attachment is not None and event.message_id is not None:
            await tx.outbox.add(
                case.reporter_telegram_id,
                "copy",
                {
                    "from_chat_id": event.chat_id,
                    "message_id": event.message_id,
                    "caption": self.renderer.text(lang, header),
                },
                now,
                case_id=case.id,
            )
        else:
            await self.desk.notify_reporter(tx, case, header, now)
        await self._say(tx, event.chat_id, Msg("case-reply-relayed", {"number": case.number}), now)

    async def _reply_in_group(self, event: InboundEvent) -> HandleOutcome:
        """A mediator replied, in the group, to a message about a case: relay it."""
        assert event.reply_to_message_id is not None
        async with self.db.transaction() as tx:
            case_id = await tx.outbox.case_for_message(event.chat_id, event.reply_to_message_id)
            case = None if case_id is None else await tx.cases.by_id(case_id)
        if case is None:
            return self._done(HandleOutcome())
        member = await self._is_member(event.chat_id, event.user_id)
        now = self.clock.now()
        async with self.db.transaction() as tx:
            if not await self._claimed(tx, event, now):
                return HandleOutcome(duplicate=True)
            await self._reply(tx, event, case, event.text or "", member, now)
        return self._done(HandleOutcome())


def _refusal(refusal: str, case: CaseRecord) -> Msg:
    """Why an action was refused; the owner-only refusal names the owner."""
    if refusal == "case-refused-owner-only":
        return Msg(refusal, {"owner": UserText(case.owner_name or "-")})
    return Msg(refusal)


def _holiday_args(words: list[str]) -> tuple[str, date, str | None, str] | None:
    """Read "add|remove DATE [REGION] [workday|holiday]"; None if it does not parse."""
    if len(words) < 2 or words[0] not in ("add", "remove"):
        return None
    try:
        day = date.fromisoformat(words[1])
    except ValueError:
        return None
    region: str | None = None
    kind = "holiday"
    for word in words[2:]:
        if word in ("workday", "holiday"):
            kind = word
        elif word.lower() in REGIONS and region is None:
            region = word.lower()
        else:
            return None
    return words[0], day, region, kind


def _term_to(term: ObligationRecord) -> dict[str, Any]:
    return {
        "party": term.party,
        "action": term.action,
        "due": None if term.due_date is None else term.due_date.isoformat(),
        "amount": None if term.amount is None else str(term.amount),
    }


def _term_from(raw: dict[str, Any]) -> ObligationRecord:
    return ObligationRecord(
        party=str(raw["party"]),
        action=str(raw["action"]),
        due_date=None if raw.get("due") is None else date.fromisoformat(str(raw["due"])),
        amount=None if raw.get("amount") is None else Decimal(str(raw["amount"])),
    )
