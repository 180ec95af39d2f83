"""Deadlines and follow-up times in working time on China's calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.calendar import DayKind, Override, WorkCalendar
from bot.domain.deadlines import DeadlinePolicy, WorkClock
from bot.domain.models import RiskLevel

SHANGHAI = ZoneInfo("Asia/Shanghai")
CLOCK = WorkClock(WorkCalendar(), SHANGHAI)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def test_followups_after_national_day_include_the_adjusted_saturday() -> None:
    pings = CLOCK.followups(at("2026-09-30 16:00"))
    assert pings == [at("2026-10-08 10:00"), at("2026-10-09 10:00"), at("2026-10-10 10:00")]


def test_followups_at_the_year_end_run_into_2027_without_error() -> None:
    pings = CLOCK.followups(at("2026-12-30 11:00"))
    assert [p.date() for p in pings] == [date(2026, 12, 31), date(2027, 1, 4), date(2027, 1, 5)]
    assert CLOCK.estimated_years(*pings) == [2027]


def test_a_regional_holiday_moves_followups_only_in_that_region() -> None:
    losar = Override(date(2026, 10, 8), DayKind.HOLIDAY, "xizang")
    calendar = WorkCalendar([losar])
    national = WorkClock(calendar, SHANGHAI).followups(at("2026-09-30 16:00"))
    tibet = WorkClock(calendar, SHANGHAI, region="xizang").followups(at("2026-09-30 16:00"))
    assert national[0].date() == date(2026, 10, 8)
    assert tibet[0].date() == date(2026, 10, 9)


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        ("2026-11-27 10:00", 4, "2026-11-27 14:00"),  # within one Friday
        ("2026-11-27 16:00", 4, "2026-11-30 11:30"),  # Friday 1.5 h + Monday 2.5 h
        ("2026-11-28 12:00", 4, "2026-11-30 13:00"),  # filed on Saturday: Monday 9:00 + 4 h
        ("2026-11-30 07:00", 1, "2026-11-30 10:00"),  # before the day starts
        ("2026-09-30 17:00", 4, "2026-10-08 12:30"),  # over the National Day holiday
    ],
)
def test_working_hours(start: str, hours: float, expected: str) -> None:
    assert CLOCK.add_work_hours(at(start), hours) == at(expected)


def test_claim_deadlines_by_risk() -> None:
    filed = at("2026-11-27 22:00")  # Friday night
    assert CLOCK.claim_deadline(RiskLevel.RED, filed) == at("2026-11-27 22:30")  # 不过夜
    assert CLOCK.claim_deadline(RiskLevel.YELLOW, filed) == at("2026-11-30 13:00")
    assert CLOCK.claim_deadline(RiskLevel.BLUE, filed) == at("2026-11-30 17:30")


def test_resolution_deadlines_count_working_days() -> None:
    claimed = at("2026-09-28 10:00")
    assert CLOCK.resolve_deadline(RiskLevel.RED, claimed) == at("2026-10-08 17:30")
    assert CLOCK.resolve_deadline(RiskLevel.BLUE, claimed).date() == date(2026, 10, 23)


def test_the_reminder_is_at_three_quarters() -> None:
    start, deadline = at("2026-11-30 09:00"), at("2026-11-30 13:00")
    assert CLOCK.reminder(start, deadline) == at("2026-11-30 12:00")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-30 10:00", "2026-11-30 10:00"),
        ("2026-11-30 21:30", "2026-12-01 08:00"),
        ("2026-12-01 03:00", "2026-12-01 08:00"),
        ("2026-12-01 08:00", "2026-12-01 08:00"),
    ],
)
def test_nothing_goes_to_reporters_at_night(moment: str, expected: str) -> None:
    assert CLOCK.for_reporter(at(moment)) == at(expected)


def test_policy_is_configurable() -> None:
    policy = DeadlinePolicy(claim_red=timedelta(minutes=10), followup_days=(1, 2))
    clock = WorkClock(WorkCalendar(), SHANGHAI, policy)
    assert clock.claim_deadline(RiskLevel.RED, at("2026-11-30 10:00")) == at("2026-11-30 10:10")
    assert len(clock.followups(at("2026-11-30 10:00"))) == 2
