"""What a case's changes put on the durable schedule: deadlines, reminders, follow-ups.

Called inside the transaction that changes the case, so the case and its due items
commit together. Every item has a key, so scheduling the same thing twice is a no-op.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, tzinfo

from bot.domain.calendar import WorkCalendar
from bot.domain.deadlines import DeadlinePolicy, WorkClock
from bot.domain.models import CaseRecord
from bot.storage import Tx

#: Due item kinds.
CLAIM_REMINDER, CLAIM_DEADLINE = "claim_reminder", "claim_deadline"
RESOLVE_REMINDER, RESOLVE_DEADLINE = "resolve_reminder", "resolve_deadline"
PING, PING_TIMEOUT, CHECKIN = "followup_ping", "followup_timeout", "obligation_checkin"
REVISIT_DEADLINE, SUPERVISION_DEADLINE = "revisit_deadline", "supervision_deadline"
CLAIM_ITEMS = (CLAIM_REMINDER, CLAIM_DEADLINE)
RESOLVE_ITEMS = (RESOLVE_REMINDER, RESOLVE_DEADLINE)
FOLLOWUP_ITEMS = (PING, PING_TIMEOUT)


#: Told (in the scheduling transaction) that a date falls in a year only estimated.
EstimateWarning = Callable[[Tx, int, datetime], Awaitable[None]]


class CaseSchedule:
    """Turns case events into due items, on the working-day calendar."""

    def __init__(
        self, calendar: WorkCalendar, zone: tzinfo, policy: DeadlinePolicy | None = None
    ) -> None:
        self.calendar = calendar
        self.zone = zone
        self.policy = policy or DeadlinePolicy()
        self.on_estimate: EstimateWarning | None = None

    async def _check(self, tx: Tx, work: WorkClock, now: datetime, *times: datetime) -> None:
        """Dates in a year the calendar only estimates are still used; admins hear once."""
        for year in work.estimated_years(*times):
            if await tx.calendar.warn_once(year, now) and self.on_estimate is not None:
                await self.on_estimate(tx, year, now)

    async def clock(self, tx: Tx) -> WorkClock:
        """The working-time clock with the admins' overrides from the database."""
        stored = await tx.calendar.overrides()
        calendar = self.calendar
        if stored:
            calendar = calendar.with_overrides(stored)
        return WorkClock(calendar, self.zone, self.policy)

    async def unclaimed(self, tx: Tx, case: CaseRecord, now: datetime) -> datetime:
        """A case waits to be claimed (new, released, moved): its claim deadline; returned."""
        work = await self.clock(tx)
        deadline = work.claim_deadline(case.risk, now)
        return await self._deadline(tx, work, case, "claim", CLAIM_ITEMS, deadline, now)

    async def claimed(self, tx: Tx, case: CaseRecord, now: datetime) -> datetime:
        """A case was claimed: the resolution deadline replaces the claim deadline."""
        work = await self.clock(tx)
        deadline = work.resolve_deadline(case.risk, now)
        return await self._deadline(tx, work, case, "resolve", RESOLVE_ITEMS, deadline, now)

    async def _deadline(
        self,
        tx: Tx,
        work: WorkClock,
        case: CaseRecord,
        stage: str,
        kinds: tuple[str, str],
        deadline: datetime,
        now: datetime,
    ) -> datetime:
        """Replace the case's deadline: a reminder at 75% of the time, then the deadline."""
        await tx.due.cancel(case.id, (*CLAIM_ITEMS, *RESOLVE_ITEMS), now)
        await self._check(tx, work, now, deadline)
        reminder, due = kinds
        tag = f"{case.id}:{case.revision}:{stage}"
        payload = {"deadline": deadline.isoformat()}
        await tx.due.schedule(
            f"{tag}:reminder", case.id, reminder, work.reminder(now, deadline), now, payload
        )
        await tx.due.schedule(f"{tag}:deadline", case.id, due, deadline, now)
        await tx.cases.change(case.id, now, bump=False, deadline_at=deadline)
        return deadline

    async def resolved(self, tx: Tx, case: CaseRecord, now: datetime) -> list[datetime]:
        """Resolved: follow-up pings on working days 1–3, a phone task if all go unanswered,
        and a check-in one working day after each obligation's own due date."""
        work = await self.clock(tx)
        await tx.due.cancel(case.id, (*CLAIM_ITEMS, *RESOLVE_ITEMS), now)
        pings = work.followups(now)
        await self._check(tx, work, now, *pings)
        for n, at in enumerate(pings, start=1):
            await tx.due.schedule(f"{case.id}:ping:{n}", case.id, PING, at, now, {"n": n})
        # Silence through the last ping's working day means a phone call is needed.
        last_day_end = work.end_of_workday(pings[-1], 0)
        await tx.due.schedule(f"{case.id}:ping-timeout", case.id, PING_TIMEOUT, last_day_end, now)
        for index, term in enumerate(await tx.obligations.for_case(case.id)):
            if term.due_date is None:
                continue
            at = work.after_workdays(term.due_date, 1)
            await tx.due.schedule(
                f"{case.id}:checkin:{index}", case.id, CHECKIN, at, now, {"term": index}
            )
        await tx.cases.change(case.id, now, bump=False, resolved_at=now, deadline_at=None)
        return pings

    async def task(
        self, tx: Tx, case: CaseRecord, task: str, kind: str, now: datetime, days: int
    ) -> datetime:
        """Open a task (revisit, supervision) due in `days` working days; its deadline."""
        work = await self.clock(tx)
        due = work.end_of_workday(now, days)
        await tx.due.schedule(f"{case.id}:{task}:{now.isoformat()}", case.id, kind, due, now)
        await tx.cases.change(case.id, now, bump=False, task=task, task_due_at=due)
        return due

    async def stop(self, tx: Tx, case: CaseRecord, now: datetime) -> None:
        """The case needs no more deadlines (closed, failed and handed to supervision)."""
        await tx.due.cancel(case.id, (*CLAIM_ITEMS, *RESOLVE_ITEMS), now)
        await tx.cases.change(case.id, now, bump=False, deadline_at=None)
