"""The case desk: routing a new case to groups, its cards, and what changes tell whom.

Every method works inside the caller's transaction (`Tx`), so a state change, its audit
event, the card edits and the reporter's notice commit together or not at all.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime, tzinfo
from typing import Any

import regex

from bot.domain.masking import mask_name
from bot.domain.models import CaseRecord, CaseStatus, DisputeType, PartySide, RiskLevel
from bot.domain.offices import OfficeConfigError, OfficeDirectory, directory_from_dicts
from bot.domain.phone import mask_phone
from bot.domain.routing import CaseFacts, RouteRole, escalation_target, route
from bot.flows.casework import card_actions
from bot.flows.output import Button, Msg, Reply, rows
from bot.handlers.render import ADMIN_LANGUAGE, Renderer, split_payload
from bot.handlers.schedule import SUPERVISION_DEADLINE, CaseSchedule
from bot.i18n import UserText
from bot.storage import CardRecord, Tx

log = logging.getLogger(__name__)

#: Card buttons: "cs:<case id>:<revision>:<action>".
CARD_PREFIX = "cs"
#: Card roles: the office working the case, offices only told, and an office it left.
HANDLE, INFORM, FORMER = "handle", "inform", "former"
#: How much of the story a card shows (the rest is in 详情, for the owner only).
SUMMARY_GRAPHEMES = 60
#: Three buttons per row keeps Chinese labels readable on a phone.
BUTTONS_PER_ROW = 3
_RISK_ICON = {RiskLevel.BLUE: "🔵", RiskLevel.YELLOW: "🟡", RiskLevel.RED: "🔴"}


def local_time(moment: datetime, zone: tzinfo) -> str:
    """A timestamp as mediators read it: local date and minute."""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


class CaseDesk:
    """Routes cases, renders and refreshes their cards, and notifies reporters."""

    def __init__(
        self, renderer: Renderer, zone: tzinfo, admin_ids: Collection[int] = frozenset()
    ) -> None:
        self.renderer = renderer
        self.zone = zone
        self.admin_ids = frozenset(admin_ids)
        #: Deadlines and follow-ups on the working-day calendar (None: none are kept).
        self.schedule: CaseSchedule | None = None

    async def directory(self, tx: Tx) -> OfficeDirectory | None:
        """The offices as last synced, or None when none are (then admins route by hand)."""
        specs = await tx.offices.active_specs()
        if not specs:
            return None
        try:
            return directory_from_dicts(specs)
        except OfficeConfigError:
            # A sync that deactivated a parent leaves a broken ladder: log, route to admins.
            log.exception("the synced offices do not form a valid directory")
            return None

    async def publish(self, tx: Tx, case: CaseRecord, now: datetime) -> CaseRecord:
        """Route a new case, store the decision and post its cards; return the routed case."""
        offices = await self.directory(tx)
        if offices is None:
            await self._alert_admins(tx, case, now)
            return case
        facts = CaseFacts(
            case.dispute_type, case.host_city, case.home_county, case.language, case.risk
        )
        decision = route(facts, offices)
        # An office without a group cannot see the case: the host office of the generic
        # rule is the next best (same city), then the ladder upwards.
        generic = route(replace(facts, dispute_type=DisputeType.OTHER), offices).handler
        handler = await self._with_group(tx, decision.handler, case.home_county, offices, generic)
        informed = [code for code in decision.informed if code != handler]
        await tx.cases.change(
            case.id,
            now,
            office_code=handler,
            route_reason=decision.reason,
            informed=informed,
        )
        await tx.events.append(
            case.id,
            None,
            "routed",
            {
                "office": handler,
                "routed_to": decision.handler,
                "reason": decision.reason,
                "informed": informed,
                "language_match": decision.language_match,
            },
            now,
        )
        routed = await tx.cases.by_id(case.id)
        assert routed is not None  # changed just above
        if handler is not None:
            await self._ensure_card(tx, routed, handler, HANDLE, now)
        else:
            await self._alert_admins(tx, routed, now)
        for code, role in decision.recipients():
            if role is RouteRole.HANDLE or code == handler:
                continue
            await self._ensure_card(tx, routed, code, INFORM, now)
        if handler is not None and self.schedule is not None:
            await self.schedule.unclaimed(tx, routed, now)
            routed = await tx.cases.by_id(case.id) or routed
        await self.refresh(tx, routed, now, offices)
        return routed

    async def _with_group(
        self,
        tx: Tx,
        code: str,
        home_county: str,
        offices: OfficeDirectory,
        second: str | None = None,
    ) -> str | None:
        """The office if it has a group, else `second`, else the nearest up the ladder."""
        if second is not None and second != code:
            if await tx.groups.for_office(code) is not None:
                return code
            code = second
        seen: set[str] = set()
        current: str | None = code
        while current is not None and current not in seen:
            seen.add(current)
            if await tx.groups.for_office(current) is not None:
                return current
            target = escalation_target(current, home_county, offices)
            current = None if target is None else target.code
        return None

    async def _ensure_card(
        self, tx: Tx, case: CaseRecord, office_code: str, role: str, now: datetime
    ) -> CardRecord | None:
        group = await tx.groups.for_office(office_code)
        if group is None:
            return None
        return await tx.cards.ensure(case.id, group.chat_id, role, group.is_forum, now)

    async def move(
        self,
        tx: Tx,
        case: CaseRecord,
        target: str,
        offices: OfficeDirectory,
        now: datetime,
    ) -> str | None:
        """Point a case's cards at a new handling office (transfer, escalation); its code."""
        handler = await self._with_group(tx, target, case.home_county, offices)
        if handler is None:
            return None
        for card in await tx.cards.for_case(case.id):
            if card.role == HANDLE:
                await tx.cards.set_role(card.id, FORMER)
        group = await tx.groups.for_office(handler)
        assert group is not None  # _with_group found it
        await tx.cards.ensure(case.id, group.chat_id, HANDLE, group.is_forum, now)
        return handler

    async def refresh(
        self, tx: Tx, case: CaseRecord, now: datetime, offices: OfficeDirectory | None = None
    ) -> None:
        """Queue the current rendering of every card of the case (edited in place)."""
        # The caller may have loaded the offices already in this transaction.
        if offices is None:
            offices = await self.directory(tx)
        terms = len(await tx.obligations.for_case(case.id))
        for card in await tx.cards.for_case(case.id):
            payload = self.card_payload(case, card, offices, terms=terms)
            await tx.outbox.add(card.chat_id, "card", payload, now, case_id=case.id)

    def card_payload(
        self,
        case: CaseRecord,
        card: CardRecord,
        offices: OfficeDirectory | None,
        *,
        terms: int = 0,
    ) -> dict[str, Any]:
        """The outbox payload of one card: text, buttons for the handling group, topic name."""
        # Deadline and open task under the card: what the office must do by when.
        parts = (self.card_message(case, card, offices, terms=terms), *self.card_extras(case, card))
        buttons: tuple[tuple[Button, ...], ...] = ()
        if card.role == HANDLE:
            actions = card_actions(case.status, case.task)
            buttons = rows(
                [Button(Msg(f"case-action-{action.value}"), action.value) for action in actions],
                BUTTONS_PER_ROW,
            )
        prefix = f"{CARD_PREFIX}:{case.id}:{case.revision}:"
        payload = self.renderer.payload(ADMIN_LANGUAGE, Reply(parts, buttons), prefix)
        payload |= {"card_id": card.id, "topic": self.topic_name(case)}
        # A card must stay one message to be edited in place.
        assert len(split_payload(payload)) == 1, "a case card outgrew one message"
        return payload

    def card_extras(self, case: CaseRecord, card: CardRecord) -> list[Msg]:
        """The deadline line and the task line of a card, when there are any."""
        if card.role == FORMER:
            return []
        lines = []
        if case.deadline_at is not None:
            kind = "claim" if case.status is CaseStatus.SUBMITTED else "resolve"
            lines.append(
                Msg(
                    f"case-card-deadline-{kind}",
                    {
                        "at": local_time(case.deadline_at, self.zone),
                        "escalations": case.escalations,
                    },
                )
            )
        if case.task is not None:
            due = local_time(case.task_due_at, self.zone) if case.task_due_at else "-"
            lines.append(Msg(f"case-card-task-{case.task}", {"due": due}))
        return lines

    def topic_name(self, case: CaseRecord) -> str:
        """The forum topic of a case: number, type, city (Telegram allows 128 characters)."""
        kind = self.renderer.text(ADMIN_LANGUAGE, Msg(f"dispute-type-{case.dispute_type.value}"))
        return f"{case.number} {kind} {case.host_city}"[:128]

    def card_message(
        self,
        case: CaseRecord,
        card: CardRecord,
        offices: OfficeDirectory | None,
        *,
        terms: int = 0,
    ) -> Msg:
        """The card as one Fluent message: masked parties, routing, status."""
        reporter = case.party(PartySide.REPORTER)
        other = case.party(PartySide.OTHER)
        office = offices.get(case.office_code) if offices and case.office_code else None
        informed = [
            found.name
            for code in case.informed
            if offices is not None and (found := offices.get(code)) is not None
        ]
        summary = _summary(case.story)
        return Msg(
            "case-card",
            {
                "icon": _RISK_ICON[case.risk],
                "number": case.number,
                "risk": Msg(f"risk-name-{case.risk.value}"),
                "type": Msg(f"dispute-type-{case.dispute_type.value}"),
                "city": UserText(case.host_city),
                "county": UserText(case.home_county),
                "reporter": UserText(mask_name(reporter.name) if reporter else "-"),
                "phone": mask_phone(reporter.phone) if reporter and reporter.phone else "-",
                "other": UserText(mask_name(other.name) if other else "-"),
                "role": Msg(
                    f"party-role-{other.role.value}" if other and other.role else "value-none"
                ),
                "language": Msg("language-name", locale=case.language.value),
                "people": case.people_affected,
                "filed": local_time(case.created_at, self.zone),
                "summary": UserText(summary),
                "office": office.name if office else (case.office_code or "-"),
                "reason": Msg(f"route-reason-{case.route_reason or 'none'}"),
                "informed": "、".join(informed) if informed else "-",
                "status": self.status_message(case, card, offices, terms=terms),
            },
        )

    def status_message(
        self,
        case: CaseRecord,
        card: CardRecord,
        offices: OfficeDirectory | None,
        *,
        terms: int = 0,
    ) -> Msg:
        """The status line of a card."""
        if card.role == FORMER:
            office = offices.get(case.office_code) if offices and case.office_code else None
            return Msg("case-status-moved", {"office": office.name if office else "-"})
        if case.status is CaseStatus.SUBMITTED:
            return Msg("case-status-submitted")
        if case.status is CaseStatus.CLAIMED:
            return Msg(
                "case-status-claimed",
                {
                    "owner": UserText(case.owner_name or "-"),
                    "since": local_time(case.claimed_at or case.created_at, self.zone),
                    "contacted": "yes" if case.contacted_at else "no",
                    "terms": terms,
                },
            )
        if case.status is CaseStatus.FAILED:
            return Msg(
                "case-status-failed", {"referral": Msg(f"referral-{case.referral or 'none'}")}
            )
        return Msg(f"case-status-{case.status.value}")

    async def announce(
        self, tx: Tx, office_code: str, msg: Msg, case: CaseRecord, now: datetime
    ) -> bool:
        """A message about a case to an office's group (under its card there, if any)."""
        group = await tx.groups.for_office(office_code)
        if group is None:
            return False
        card = next(
            (c for c in await tx.cards.for_case(case.id) if c.chat_id == group.chat_id), None
        )
        payloads = self.renderer.notice(ADMIN_LANGUAGE, msg)
        for payload in payloads:
            extra = {"card_id": card.id} if card is not None else {}
            await tx.outbox.add(group.chat_id, "send", {**payload, **extra}, now, case_id=case.id)
        return True

    async def supervise(self, tx: Tx, case: CaseRecord, now: datetime) -> str | None:
        """督办: the office above the handling one is told, with a deadline on the case."""
        offices = await self.directory(tx)
        if offices is None or case.office_code is None or self.schedule is None:
            return None
        target = escalation_target(case.office_code, case.home_county, offices)
        if target is None:
            return None
        due = await self.schedule.task(
            tx,
            case,
            "supervision",
            SUPERVISION_DEADLINE,
            now,
            self.schedule.policy.supervision_days,
        )
        await self.inform(tx, case, target.code, now)
        msg = Msg(
            "case-supervision-notice",
            {"number": case.number, "office": target.name, "due": local_time(due, self.zone)},
        )
        await self.announce(tx, target.code, msg, case, now)
        await tx.events.append(case.id, None, "supervision", {"office": target.code}, now)
        return target.code

    async def inform(self, tx: Tx, case: CaseRecord, office_code: str, now: datetime) -> bool:
        """Show the case (a card without buttons) to another office, e.g. the supervisor."""
        group = await tx.groups.for_office(office_code)
        if group is None:
            return False
        if any(c.chat_id == group.chat_id for c in await tx.cards.for_case(case.id)):
            return True  # it has the case's card already (whatever its role)
        await tx.cards.ensure(case.id, group.chat_id, INFORM, group.is_forum, now)
        return True

    async def notify_reporter(self, tx: Tx, case: CaseRecord, msg: Msg, now: datetime) -> None:
        """Tell the reporter, in their language, what happened to their case."""
        await tx.outbox.add_messages(
            case.reporter_telegram_id,
            self.renderer.notice(case.language.value, msg),
            now,
            case_id=case.id,
        )

    async def to_group(
        self, tx: Tx, case: CaseRecord, payloads: Sequence[dict[str, Any]], now: datetime
    ) -> bool:
        """Post messages about a case under its card in the handling group (in its topic)."""
        card = next((c for c in await tx.cards.for_case(case.id) if c.role == HANDLE), None)
        if card is None:
            return False
        for payload in payloads:
            await tx.outbox.add(
                card.chat_id, "send", {**payload, "card_id": card.id}, now, case_id=case.id
            )
        return True

    async def copy_to_group(
        self, tx: Tx, case: CaseRecord, from_chat: int, message_id: int, caption: str, now: datetime
    ) -> bool:
        """Copy a reporter's photo, voice or file to the handling group, without their name."""
        card = next((c for c in await tx.cards.for_case(case.id) if c.role == HANDLE), None)
        if card is None:
            return False
        payload = {
            "card_id": card.id,
            "from_chat_id": from_chat,
            "message_id": message_id,
            "caption": caption,
        }
        await tx.outbox.add(card.chat_id, "copy", payload, now, case_id=case.id)
        return True

    async def _alert_admins(self, tx: Tx, case: CaseRecord, now: datetime) -> None:
        """No office (with a group) can take the case: the coordinators route it by hand."""
        await self.tell_admins(tx, Msg("case-unrouted-admin", {"number": case.number}), now, case)

    async def tell_admins(
        self, tx: Tx, msg: Msg, now: datetime, case: CaseRecord | None = None
    ) -> None:
        """A notice to every coordinator (ADMIN_IDS), in Chinese."""
        if not self.admin_ids:
            log.error("no ADMIN_IDS to tell: %s", msg.id)
        for admin_id in sorted(self.admin_ids):
            await tx.outbox.add_messages(
                admin_id,
                self.renderer.notice(ADMIN_LANGUAGE, msg),
                now,
                case_id=None if case is None else case.id,
            )


def _summary(story: str) -> str:
    """The first line of the story, cut at SUMMARY_GRAPHEMES."""
    first = story.strip().splitlines()[0] if story.strip() else ""
    graphemes = regex.findall(r"\X", first)
    if len(graphemes) <= SUMMARY_GRAPHEMES:
        return first
    return "".join(graphemes[:SUMMARY_GRAPHEMES]) + "…"
