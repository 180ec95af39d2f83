"""Deadlines and follow-up times in working time, on China's working-day calendar.

Pure: given a calendar, a time zone and the policy, say when something is due. Times in
and out are aware datetimes; "working days" come from `WorkCalendar` (holidays and 调休
weekends included), "working hours" are the hours of a working day between `day_start`
and `day_end`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from bot.domain.calendar import WorkCalendar
from bot.domain.models import RiskLevel

#: Nothing goes to a reporter between these hours (local time).
QUIET_FROM, QUIET_UNTIL = time(21), time(8)


@dataclass(frozen=True)
class DeadlinePolicy:
    """How long each step may take, by risk level (the defaults are the issue's)."""

    #: A red case must be claimed within this, at any hour (不过夜).
    claim_red: timedelta = timedelta(minutes=30)
    claim_yellow_hours: float = 4.0
    claim_blue_days: int = 1
    resolve_days: dict[RiskLevel, int] = field(
        default_factory=lambda: {RiskLevel.RED: 3, RiskLevel.YELLOW: 10, RiskLevel.BLUE: 15}
    )
    #: An on-site revisit (上门回访) and a supervision notice (督办) are due in this many days.
    revisit_days: int = 5
    supervision_days: int = 5
    #: Follow-up pings go out at this local time on working days 1, 2 and 3.
    followup_at: time = time(10)
    followup_days: tuple[int, ...] = (1, 2, 3)
    #: The reminder (提醒函) goes when this share of the time has passed.
    reminder_share: float = 0.75
    day_start: time = time(9)
    day_end: time = time(17, 30)


class WorkClock:
    """Computes due times in working time for one calendar and time zone."""

    def __init__(
        self,
        calendar: WorkCalendar,
        zone: tzinfo,
        policy: DeadlinePolicy | None = None,
        region: str | None = None,
    ) -> None:
        self.calendar = calendar
        self.zone = zone
        self.policy = policy or DeadlinePolicy()
        self.region = region

    def _at(self, day: date, moment: time) -> datetime:
        return datetime.combine(day, moment, tzinfo=self.zone)

    def _is_workday(self, day: date) -> bool:
        return self.calendar.is_workday(day, self.region)

    def _next_workday(self, day: date) -> date:
        return self.calendar.next_workdays(day, 1, self.region)[0]

    def add_work_hours(self, start: datetime, hours: float) -> datetime:
        """`hours` of working time after `start` (nights, weekends and holidays skipped)."""
        policy = self.policy
        local = start.astimezone(self.zone)
        day = local.date()
        current = local
        if not self._is_workday(day) or local.time() >= policy.day_end:
            day = self._next_workday(day)
            current = self._at(day, policy.day_start)
        elif local.time() < policy.day_start:
            current = self._at(day, policy.day_start)
        remaining = timedelta(hours=hours)
        while True:
            end = self._at(day, policy.day_end)
            if current + remaining <= end:
                return current + remaining
            remaining -= end - current
            day = self._next_workday(day)
            current = self._at(day, policy.day_start)

    def end_of_workday(self, start: datetime, days: int) -> datetime:
        """The end of the `days`-th working day after `start`'s date."""
        local_day = start.astimezone(self.zone).date()
        return self._at(
            self.calendar.add_workdays(local_day, days, self.region), self.policy.day_end
        )

    def claim_deadline(self, risk: RiskLevel, filed: datetime) -> datetime:
        """When an unclaimed case must have been claimed."""
        if risk is RiskLevel.RED:
            return filed + self.policy.claim_red
        if risk is RiskLevel.YELLOW:
            return self.add_work_hours(filed, self.policy.claim_yellow_hours)
        return self.end_of_workday(filed, self.policy.claim_blue_days)

    def resolve_deadline(self, risk: RiskLevel, claimed: datetime) -> datetime:
        """When a claimed case must have an outcome."""
        return self.end_of_workday(claimed, self.policy.resolve_days[risk])

    def reminder(self, start: datetime, deadline: datetime) -> datetime:
        """When the reminder (提醒函) is due: a share of the way to the deadline."""
        return start + (deadline - start) * self.policy.reminder_share

    def followups(self, resolved: datetime) -> list[datetime]:
        """The follow-up pings: working days 1, 2, 3 after the resolution date, at 10:00."""
        day = resolved.astimezone(self.zone).date()
        days = self.calendar.next_workdays(day, max(self.policy.followup_days), self.region)
        return [self._at(days[n - 1], self.policy.followup_at) for n in self.policy.followup_days]

    def after_workdays(self, day: date, days: int) -> datetime:
        """`days` working days after `day`, at the follow-up time (obligation check-ins)."""
        return self._at(self.calendar.add_workdays(day, days, self.region), self.policy.followup_at)

    def for_reporter(self, moment: datetime) -> datetime:
        """`moment`, or 08:00 after it when it falls in the night (21:00–08:00)."""
        local = moment.astimezone(self.zone)
        if local.time() >= QUIET_FROM:
            return self._at(local.date() + timedelta(days=1), QUIET_UNTIL)
        if local.time() < QUIET_UNTIL:
            return self._at(local.date(), QUIET_UNTIL)
        return moment

    def for_ping(self, moment: datetime) -> datetime:
        """`moment` if a follow-up may go then (a working day, 08:00–21:00), else the next
        working day's follow-up time (e.g. after a restart late at night or at a weekend)."""
        local = moment.astimezone(self.zone)
        day = local.date()
        if self._is_workday(day) and QUIET_UNTIL <= local.time() < QUIET_FROM:
            return moment
        if self._is_workday(day) and local.time() < QUIET_UNTIL:
            return self._at(day, self.policy.followup_at)
        return self._at(self._next_workday(day), self.policy.followup_at)

    def estimated_years(self, *moments: datetime) -> list[int]:
        """The years among `moments` whose calendar is only an estimate."""
        years = sorted({m.astimezone(self.zone).year for m in moments})
        return [year for year in years if self.calendar.is_estimate(year)]
