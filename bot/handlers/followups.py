"""The sweep that does what came due, and the reporter's answers to follow-up pings.

一事一回访: after a resolution the reporter is asked, on working days 1–3, whether the
agreement was carried out and how satisfied they are. The first answer cancels the later
pings; No, Partly or a low score reopens the case as an on-site revisit (上门回访); silence,
or a reporter who blocked the bot, becomes a phone follow-up (电话回访) for the mediator.
Deadlines that pass send a reminder (提醒函) and then escalate one level up the ladder.

The sweep takes due rows in a transaction that also writes what they cause (messages,
case changes, the row marked done), so each item is done exactly once even with two
sweeps or two bot processes on one PostgreSQL database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from bot.clock import Clock
from bot.domain.events import EventKind, InboundEvent
from bot.domain.models import CaseRecord, CaseStatus, PartySide
from bot.domain.phone import national_digits
from bot.domain.routing import escalation_target
from bot.domain.sanitize import clean_text
from bot.flows.output import Button, Msg, Reply, rows
from bot.handlers.desk import CaseDesk, local_time
from bot.handlers.render import ADMIN_LANGUAGE, Renderer
from bot.handlers.reporter import HandleOutcome, remove_buttons
from bot.handlers.schedule import (
    CHECKIN,
    CLAIM_DEADLINE,
    CLAIM_REMINDER,
    FOLLOWUP_ITEMS,
    PING,
    PING_TIMEOUT,
    RESOLVE_DEADLINE,
    RESOLVE_REMINDER,
    REVISIT_DEADLINE,
    SUPERVISION_DEADLINE,
    CaseSchedule,
)
from bot.i18n import UserText
from bot.storage import Database, Tx
from bot.storage.due import PENDING, DueRecord

log = logging.getLogger(__name__)

#: Buttons: "fu:<case id>:<question>:<answer>".
CALLBACK_PREFIX = "fu"
#: The reporter's optional last step (anything to add?).
FLOW_NAME = "followup"
CARRIED = ("yes", "partly", "no", "notyet")
SCORES = ("1", "2", "3", "4", "5")
#: A score at or below this reopens the case for a revisit.
LOW_SCORE = 2
#: Due items a sweep takes per transaction.
BATCH = 20
MAX_COMMENT = 1000
#: How long after the questions a message still counts as the optional comment.
COMMENT_WINDOW = timedelta(hours=12)


class FollowUps:
    """Runs due items and handles the reporter's follow-up answers."""

    def __init__(
        self,
        db: Database,
        renderer: Renderer,
        clock: Clock,
        desk: CaseDesk,
        schedule: CaseSchedule,
        *,
        zone: tzinfo,
        on_commit: Callable[[], None] = lambda: None,
    ) -> None:
        self.db = db
        self.renderer = renderer
        self.clock = clock
        self.desk = desk
        self.schedule = schedule
        self.zone = zone
        self.on_commit = on_commit

    async def warn_estimate(self, tx: Tx, year: int, now: datetime) -> None:
        """Tell the admins (once per year) that dates of `year` rest on an estimate."""
        await self.desk.tell_admins(tx, Msg("calendar-estimate-admins", {"year": str(year)}), now)

    # ------------------------------------------------------------------ the sweep

    async def sweep(self) -> int:
        """Do everything that has come due; return how many items were done."""
        done = 0
        while True:
            async with self.db.transaction() as tx:
                now = self.clock.now()
                items = await tx.due.take(now, BATCH)
                for item in items:
                    await self._run(tx, item, now)
            if items:
                done += len(items)
                self.on_commit()
            if len(items) < BATCH:
                return done

    async def _run(self, tx: Tx, taken: DueRecord, now: datetime) -> None:
        # An earlier item of this batch may have cancelled or moved this one.
        item = await tx.due.get(taken.id)
        if item is None or item.status != PENDING or item.due_at > now:
            return
        case = await tx.cases.by_id(item.case_id)
        if case is None:
            await tx.due.finish(item.id, now)
            return
        handler = {
            PING: self._ping,
            CHECKIN: self._ping,
            PING_TIMEOUT: self._ping_timeout,
            CLAIM_REMINDER: self._claim_reminder,
            CLAIM_DEADLINE: self._claim_deadline,
            RESOLVE_REMINDER: self._resolve_reminder,
            RESOLVE_DEADLINE: self._resolve_deadline,
            REVISIT_DEADLINE: self._revisit_deadline,
            SUPERVISION_DEADLINE: self._supervision_deadline,
        }.get(item.kind)
        if handler is None:
            log.error("due item %s of unknown kind %s", item.id, item.kind)
            await tx.due.finish(item.id, now)
            return
        if await handler(tx, item, case, now):
            await tx.due.finish(item.id, now)
        log.info("due item done", extra={"case": case.number, "state": item.kind})

    async def _ping(self, tx: Tx, item: DueRecord, case: CaseRecord, now: datetime) -> bool:
        """Ask the reporter whether the agreement was carried out (or one term of it)."""
        if case.status is not CaseStatus.RESOLVED or case.task is not None:
            return True  # answered, reopened or closed meanwhile: nothing to ask
        if await tx.reporters.unreachable_since(case.reporter_telegram_id) is not None:
            # They blocked the bot: a mediator has to call instead.
            await tx.due.cancel(case.id, FOLLOWUP_ITEMS, now)
            await self._phone_task(tx, case, now)
            return True
        work = await self.schedule.clock(tx)
        allowed = work.for_ping(now) if item.kind == PING else work.for_reporter(now)
        if allowed > now:
            # Nothing goes to a reporter at night (and follow-ups wait for a working day):
            # the same item, later.
            await tx.due.postpone(item.id, allowed)
            return False
        if item.kind == PING:
            # Pings that all came due while the bot was down go out once, not in a burst.
            for other in await tx.due.pending(case.id, PING):
                if other.id != item.id and other.due_at <= now:
                    await tx.due.finish(other.id, now)
        if item.kind == CHECKIN:
            terms = await tx.obligations.for_case(case.id)
            term = terms[int(item.payload["term"])]
            question = Msg(
                "followup-checkin",
                {
                    "number": case.number,
                    "party": UserText(term.party),
                    "action": UserText(term.action),
                    "due": term.due_date.isoformat() if term.due_date else "-",
                },
            )
        else:
            question = Msg("followup-ask-carried", {"number": case.number})
        carried = [Button(Msg(f"followup-carried-{a}"), f"carried:{a}") for a in CARRIED]
        await self._send(tx, case, question, rows(carried, 1), now)
        await tx.events.append(case.id, None, "followup_ping", {"kind": item.kind}, now)
        return True

    async def _ping_timeout(self, tx: Tx, item: DueRecord, case: CaseRecord, now: datetime) -> bool:
        waiting = await tx.due.pending(case.id, PING)
        if waiting:
            # A ping still waits (postponed after downtime): silence is judged after it.
            work = await self.schedule.clock(tx)
            await tx.due.postpone(item.id, work.end_of_workday(waiting[-1].due_at, 0))
            return False
        if case.status is CaseStatus.RESOLVED and case.task is None:
            await self._phone_task(tx, case, now)
        return True

    async def _phone_task(self, tx: Tx, case: CaseRecord, now: datetime) -> None:
        """电话回访: the owner gets the reporter's number; the card shows the task."""
        due = await self.schedule.task(
            tx, case, "phone", REVISIT_DEADLINE, now, self.schedule.policy.revisit_days
        )
        await tx.cases.change(case.id, now)  # the card's buttons change (电话回访完成)
        reporter = case.party(PartySide.REPORTER)
        phone = national_digits(reporter.phone) if reporter and reporter.phone else "-"
        if case.owner_telegram_id is not None:
            msg = Msg(
                "task-phone-owner",
                {"number": case.number, "phone": phone, "due": local_time(due, self.zone)},
            )
            await tx.outbox.add_messages(
                case.owner_telegram_id,
                self.renderer.notice(ADMIN_LANGUAGE, msg),
                now,
                case_id=case.id,
            )
        await tx.events.append(case.id, None, "task_phone", {}, now)
        await self._refresh(tx, case.id, now)

    async def _claim_reminder(
        self, tx: Tx, item: DueRecord, case: CaseRecord, now: datetime
    ) -> bool:
        if case.status is CaseStatus.SUBMITTED and case.office_code is not None:
            deadline = datetime.fromisoformat(str(item.payload["deadline"]))
            msg = Msg(
                "reminder-claim",
                {"number": case.number, "deadline": local_time(deadline, self.zone)},
            )
            await self.desk.announce(tx, case.office_code, msg, case, now)
            await tx.events.append(case.id, None, "reminder_claim", {}, now)
        return True

    async def _resolve_reminder(
        self, tx: Tx, item: DueRecord, case: CaseRecord, now: datetime
    ) -> bool:
        if case.status is CaseStatus.CLAIMED and case.office_code is not None:
            deadline = datetime.fromisoformat(str(item.payload["deadline"]))
            msg = Msg(
                "reminder-resolve",
                {"number": case.number, "deadline": local_time(deadline, self.zone)},
            )
            await self.desk.announce(tx, case.office_code, msg, case, now)
            await tx.events.append(case.id, None, "reminder_resolve", {}, now)
        return True

    async def _claim_deadline(
        self, tx: Tx, item: DueRecord, case: CaseRecord, now: datetime
    ) -> bool:
        """Unclaimed past its deadline: re-announced one level up (and told where it was)."""
        if case.status is not CaseStatus.SUBMITTED or case.office_code is None:
            return True
        offices = await self.desk.directory(tx)
        target = (
            None
            if offices is None
            else escalation_target(case.office_code, case.home_county, offices)
        )
        if offices is None or target is None:
            await self._tell_admins(tx, case, now)
            return True
        handler = await self.desk.move(tx, case, target.code, offices, now)
        if handler is None:
            await self._tell_admins(tx, case, now)
            return True
        await tx.cases.change(
            case.id,
            now,
            office_code=handler,
            route_reason="escalated",
            escalations=case.escalations + 1,
        )
        await tx.events.append(
            case.id, None, "deadline_escalated", {"from": case.office_code, "to": handler}, now
        )
        name = offices.get(handler)
        msg = Msg(
            "deadline-claim-escalated",
            {"number": case.number, "office": name.name if name else handler},
        )
        await self.desk.announce(tx, case.office_code, msg, case, now)
        fresh = await tx.cases.by_id(case.id)
        assert fresh is not None
        await self.schedule.unclaimed(tx, fresh, now)
        await self._refresh(tx, case.id, now)
        return True

    async def _resolve_deadline(
        self, tx: Tx, item: DueRecord, case: CaseRecord, now: datetime
    ) -> bool:
        """Claimed but no outcome by the deadline: the next level supervises (督办)."""
        if case.status is not CaseStatus.CLAIMED:
            return True
        await tx.cases.change(case.id, now, bump=False, escalations=case.escalations + 1)
        if await self.desk.supervise(tx, case, now) is None:
            await self._tell_admins(tx, case, now)
        await tx.events.append(case.id, None, "deadline_escalated", {"stage": "resolve"}, now)
        await self._refresh(tx, case.id, now)
        return True

    async def _revisit_deadline(
        self, tx: Tx, item: DueRecord, case: CaseRecord, now: datetime
    ) -> bool:
        """A revisit or phone follow-up not done in time: supervision by the next level."""
        if case.task not in ("revisit", "phone"):
            return True
        if await self.desk.supervise(tx, case, now) is None:
            await self._tell_admins(tx, case, now)
        await self._refresh(tx, case.id, now)
        return True

    async def _supervision_deadline(
        self, tx: Tx, item: DueRecord, case: CaseRecord, now: datetime
    ) -> bool:
        """Supervision not answered in time: the coordinators hear of it."""
        if case.task == "supervision":
            await self._tell_admins(tx, case, now)
            await tx.events.append(case.id, None, "supervision_overdue", {}, now)
        return True

    async def _tell_admins(self, tx: Tx, case: CaseRecord, now: datetime) -> None:
        await self.desk.tell_admins(tx, Msg("deadline-admins", {"number": case.number}), now, case)

    async def _refresh(self, tx: Tx, case_id: int, now: datetime) -> None:
        fresh = await tx.cases.by_id(case_id)
        if fresh is not None:
            await self.desk.refresh(tx, fresh, now)

    # ------------------------------------------------------------------ the answers

    async def _send(
        self,
        tx: Tx,
        case: CaseRecord,
        msg: Msg,
        buttons: tuple[tuple[Button, ...], ...],
        now: datetime,
    ) -> None:
        """A follow-up message to the reporter; button actions are "<question>:<answer>"."""
        prefix = f"{CALLBACK_PREFIX}:{case.id}:"
        payload = self.renderer.payload(case.language.value, Reply((msg,), buttons), prefix)
        await tx.outbox.add(case.reporter_telegram_id, "send", payload, now, case_id=case.id)

    async def commenting(self, tx: Tx, chat_id: int) -> bool:
        """Whether the reporter was just asked for an optional comment and may type it now."""
        stored = await tx.conversations.get(chat_id, FLOW_NAME)
        if stored is None:
            return False
        if stored.updated_at < self.clock.now() - COMMENT_WINDOW:
            # A message days later is not an answer to the follow-up any more.
            await tx.conversations.delete(chat_id, FLOW_NAME)
            return False
        return True

    async def handle(self, event: InboundEvent) -> HandleOutcome:
        """A follow-up button, or the optional comment after the questions."""
        now = self.clock.now()
        async with self.db.transaction() as tx:
            if not await tx.updates.claim(event.update_id, now):
                return HandleOutcome(duplicate=True)
            toast = await self._answer(tx, event, now)
        self.on_commit()
        return HandleOutcome(toast=toast)

    async def _answer(self, tx: Tx, event: InboundEvent, now: datetime) -> str | None:
        if event.kind is not EventKind.CALLBACK:
            return await self._comment(tx, event, now)
        parts = (event.callback_data or "").split(":")
        case = None
        if len(parts) == 4 and parts[1].isdigit():
            case = await tx.cases.by_id(int(parts[1]))
        if case is None or case.reporter_telegram_id != event.user_id:
            return self.renderer.text("zh", Msg("button-stale"))
        lang = case.language.value
        question, answer = parts[2], parts[3]
        if question == "carried" and answer in CARRIED:
            if case.status is not CaseStatus.RESOLVED or case.task is not None:
                return self.renderer.text(lang, Msg("button-stale"))
            # The first answer cancels the later pings (and the phone task they would cause).
            await tx.due.cancel(case.id, FOLLOWUP_ITEMS, now)
            await tx.events.append(
                case.id, event.user_id, "followup_carried", {"answer": answer}, now
            )
            await remove_buttons(tx, event, now)
            scores = [Button(Msg(f"followup-score-{s}"), f"score-{answer}:{s}") for s in SCORES]
            await self._send(tx, case, Msg("followup-ask-score"), rows(scores, 5), now)
            return None
        if question.startswith("score-") and answer in SCORES:
            if case.status is not CaseStatus.RESOLVED or case.task is not None:
                # Already decided (closed or reopened): a second score changes nothing.
                return self.renderer.text(lang, Msg("button-stale"))
            carried = question.removeprefix("score-")
            await remove_buttons(tx, event, now)
            await tx.events.append(
                case.id, event.user_id, "followup_score", {"score": int(answer)}, now
            )
            await self._outcome(tx, case, carried, int(answer), now)
            # The last, optional step: anything to add, typed or spoken.
            await tx.conversations.delete(event.chat_id, FLOW_NAME)
            await tx.conversations.save(
                event.chat_id,
                FLOW_NAME,
                "comment",
                {"case": case.id},
                expected_version=None,
                now=now,
            )
            await self._ask_comment(tx, case, now)
            return None
        if question == "comment" and answer == "skip":
            await tx.conversations.delete(event.chat_id, FLOW_NAME)
            await remove_buttons(tx, event, now)
            await self._send(tx, case, Msg("followup-thanks"), (), now)
            return None
        return self.renderer.text(lang, Msg("button-stale"))

    async def _outcome(
        self, tx: Tx, case: CaseRecord, carried: str, score: int, now: datetime
    ) -> None:
        """Close a case carried out to the reporter's satisfaction; else an on-site revisit."""
        if carried in ("no", "partly") or score <= LOW_SCORE:
            # 上门回访: reopened for the owning office, with a deadline on its card.
            await tx.cases.change(case.id, now, status=CaseStatus.CLAIMED.value)
            await self.schedule.task(
                tx, case, "revisit", REVISIT_DEADLINE, now, self.schedule.policy.revisit_days
            )
            await tx.events.append(case.id, None, "task_revisit", {"carried": carried}, now)
            if case.owner_telegram_id is not None:
                msg = Msg("task-revisit-owner", {"number": case.number})
                await tx.outbox.add_messages(
                    case.owner_telegram_id,
                    self.renderer.notice(ADMIN_LANGUAGE, msg),
                    now,
                    case_id=case.id,
                )
        elif carried == "yes":
            await tx.cases.change(case.id, now, status=CaseStatus.CLOSED.value)
            await tx.due.cancel(case.id, (CHECKIN,), now)
            await tx.events.append(case.id, None, "closed", {"score": score}, now)
        # "Not yet due": stays resolved; the obligation check-ins still come.
        await self._refresh(tx, case.id, now)

    async def _ask_comment(self, tx: Tx, case: CaseRecord, now: datetime) -> None:
        """The optional last question: anything to add? (text or voice, or Skip)."""
        skip = ((Button(Msg("button-skip"), "comment:skip"),),)
        await self._send(tx, case, Msg("followup-ask-comment"), skip, now)

    async def _comment(self, tx: Tx, event: InboundEvent, now: datetime) -> str | None:
        stored = await tx.conversations.get(event.chat_id, FLOW_NAME)
        if stored is None:
            return None
        case = await tx.cases.by_id(int(stored.data["case"]))
        if case is None:
            await tx.conversations.delete(event.chat_id, FLOW_NAME)
            return None
        if event.kind is EventKind.MEDIA and event.attachment is not None:
            text = clean_text(event.text or "", max_graphemes=MAX_COMMENT)
            await tx.notes.add(
                case.id, event.user_id, "followup", text, now, file_id=event.attachment.file_id
            )
        elif event.kind is EventKind.TEXT and event.text:
            text = clean_text(event.text, max_graphemes=MAX_COMMENT)
            await tx.notes.add(case.id, event.user_id, "followup", text, now)
        else:
            # A sticker, a location, an edit: not a comment. Ask again; nothing is stored.
            await self._ask_comment(tx, case, now)
            return None
        await tx.conversations.delete(event.chat_id, FLOW_NAME)
        await tx.events.append(case.id, event.user_id, "followup_comment", {}, now)
        await self._send(tx, case, Msg("followup-thanks"), (), now)
        return None
