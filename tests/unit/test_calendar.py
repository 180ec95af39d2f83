"""The working-day calendar against the State Council schedules, overrides and estimates."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from holidays.countries.china import ChinaStaticHolidays

from bot.domain.calendar import (
    LAST_OFFICIAL_YEAR,
    DayKind,
    Override,
    WorkCalendar,
    load_overrides,
)

ROOT = Path(__file__).resolve().parents[2]


def span(first: str, last: str) -> set[date]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return {start + timedelta(days=n) for n in range((end - start).days + 1)}


def days(*isos: str) -> set[date]:
    return {date.fromisoformat(iso) for iso in isos}


# Written from the State Council General Office notices (国务院办公厅关于20XX年部分节假日安排的
# 通知), independently of the `holidays` package: days off (holidays), and weekend days
# worked instead (调休).
OFFICIAL_HOLIDAYS = (
    # 2024
    span("2024-01-01", "2024-01-01")
    | span("2024-02-10", "2024-02-17")
    | span("2024-04-04", "2024-04-06")
    | span("2024-05-01", "2024-05-05")
    | span("2024-06-10", "2024-06-10")
    | span("2024-09-15", "2024-09-17")
    | span("2024-10-01", "2024-10-07")
    # 2025
    | span("2025-01-01", "2025-01-01")
    | span("2025-01-28", "2025-02-04")
    | span("2025-04-04", "2025-04-06")
    | span("2025-05-01", "2025-05-05")
    | span("2025-05-31", "2025-06-02")
    | span("2025-10-01", "2025-10-08")
    # 2026
    | span("2026-01-01", "2026-01-03")
    | span("2026-02-15", "2026-02-23")
    | span("2026-04-04", "2026-04-06")
    | span("2026-05-01", "2026-05-05")
    | span("2026-06-19", "2026-06-21")
    | span("2026-09-25", "2026-09-27")
    | span("2026-10-01", "2026-10-07")
)
OFFICIAL_WEEKEND_WORKDAYS = days(
    # 2024
    "2024-02-04",
    "2024-02-18",
    "2024-04-07",
    "2024-04-28",
    "2024-05-11",
    "2024-09-14",
    "2024-09-29",
    "2024-10-12",
    # 2025
    "2025-01-26",
    "2025-02-08",
    "2025-04-27",
    "2025-09-28",
    "2025-10-11",
    # 2026
    "2026-01-04",
    "2026-02-14",
    "2026-02-28",
    "2026-05-09",
    "2026-09-20",
    "2026-10-10",
)


def official_workday(day: date) -> bool:
    if day in OFFICIAL_WEEKEND_WORKDAYS:
        return True
    return day.weekday() < 5 and day not in OFFICIAL_HOLIDAYS


def test_table_is_consistent() -> None:
    # A 调休 day is always a weekend day and never a holiday: guards typos in the table above.
    assert all(d.weekday() >= 5 for d in OFFICIAL_WEEKEND_WORKDAYS)
    assert not OFFICIAL_WEEKEND_WORKDAYS & OFFICIAL_HOLIDAYS


def test_every_day_of_2024_to_2026_matches_the_state_council() -> None:
    calendar = WorkCalendar()
    wrong = [
        (day.isoformat(), calendar.is_workday(day))
        for day in span("2024-01-01", "2026-12-31")
        if calendar.is_workday(day) != official_workday(day)
    ]
    assert wrong == []


def test_last_official_year_matches_package() -> None:
    # Fails after a `holidays` upgrade that brings a new year: update LAST_OFFICIAL_YEAR.
    assert max(ChinaStaticHolidays.special_public_holidays) == LAST_OFFICIAL_YEAR


def test_working_days_after_national_day_include_the_tiaoxiu_saturday() -> None:
    assert WorkCalendar().next_workdays(date(2026, 9, 30), 3) == [
        date(2026, 10, 8),
        date(2026, 10, 9),
        date(2026, 10, 10),  # Saturday, worked for the National Day holiday
    ]


def test_counting_into_an_unpublished_year_works_and_says_estimate() -> None:
    calendar = WorkCalendar()
    found = calendar.next_workdays(date(2026, 12, 30), 3)
    assert found[0] == date(2026, 12, 31)
    assert all(day.year == 2027 for day in found[1:])
    assert date(2027, 1, 1) not in found  # New Year's Day is statutory, even in an estimate
    assert calendar.is_estimate(2027)
    assert not calendar.is_estimate(2026)
    assert not calendar.is_estimate(LAST_OFFICIAL_YEAR)
    assert calendar.is_estimate(LAST_OFFICIAL_YEAR + 1)


@pytest.mark.parametrize("year", [2027, 2030, 2099, 2101, 2500, 1900])
def test_far_years_never_raise(year: int) -> None:
    calendar = WorkCalendar()
    assert len(calendar.next_workdays(date(year, 1, 1), 300)) == 300
    assert calendar.is_estimate(year)


def test_regional_override_only_changes_that_region() -> None:
    losar = date(2027, 2, 11)  # a Thursday, outside the estimated Spring Festival days
    calendar = WorkCalendar([Override(losar, DayKind.HOLIDAY, "xizang")])
    assert calendar.is_workday(losar)
    assert calendar.is_workday(losar, "xinjiang")
    assert not calendar.is_workday(losar, "xizang")
    after = losar - timedelta(days=1)
    assert calendar.next_workdays(after, 1) == [losar]
    assert calendar.next_workdays(after, 1, "xizang") == [date(2027, 2, 12)]


def test_nationwide_override_applies_everywhere_unless_a_region_says_otherwise() -> None:
    saturday = date(2027, 2, 20)
    calendar = WorkCalendar(
        [
            Override(saturday, DayKind.WORKDAY, None),
            Override(saturday, DayKind.HOLIDAY, "xizang"),
        ]
    )
    assert calendar.is_workday(saturday)
    assert calendar.is_workday(saturday, "qinghai")
    assert not calendar.is_workday(saturday, "xizang")


def test_override_wins_over_the_package() -> None:
    national_day = date(2026, 10, 1)
    calendar = WorkCalendar().with_overrides([Override(national_day, DayKind.WORKDAY)])
    assert calendar.is_workday(national_day)
    assert not WorkCalendar().is_workday(national_day)  # the original is unchanged
    later = calendar.with_overrides([Override(national_day, DayKind.HOLIDAY)])
    assert not later.is_workday(national_day)  # the newest override wins


def test_add_workdays_moves_both_ways() -> None:
    calendar = WorkCalendar()
    assert calendar.add_workdays(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert calendar.add_workdays(date(2026, 10, 8), -1) == date(2026, 9, 30)
    assert calendar.add_workdays(date(2026, 10, 3), 0) == date(2026, 10, 3)


def test_next_workdays_rejects_negative_count() -> None:
    with pytest.raises(ValueError, match="count"):
        WorkCalendar().next_workdays(date(2026, 1, 1), -1)


def test_example_file_loads() -> None:
    text = (ROOT / "config" / "holidays.example.toml").read_text(encoding="utf-8")
    parsed = load_overrides(text)
    assert parsed.days
    assert {o.region for o in parsed.days} == {"xizang", "xinjiang"}
    assert parsed.official_years == frozenset()  # 2027 is not published: no example claims it


def test_load_overrides_reads_dates_kinds_and_regions() -> None:
    parsed = load_overrides(
        '[[days]]\ndate = 2027-02-06\nkind = "workday"\nregion = "xizang"\nnote = "x"\n'
        '[[days]]\ndate = "2027-02-08"\nkind = "holiday"\n'
    )
    assert parsed.days == (
        Override(date(2027, 2, 6), DayKind.WORKDAY, "xizang"),
        Override(date(2027, 2, 8), DayKind.HOLIDAY, None),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[days]]\ndate = 2027-02-06\nkind = "work"\n', r"days\[0\] \(2027-02-06\): kind"),
        ('[[days]]\ndate = "2027-02-30"\nkind = "holiday"\n', r"days\[0\].*YYYY-MM-DD"),
        ('[[days]]\ndate = "6 Feb 2027"\nkind = "holiday"\n', r"days\[0\].*YYYY-MM-DD"),
        ('[[days]]\nkind = "holiday"\n', r"days\[0\]: date and kind are required"),
        (
            '[[days]]\ndate = 2027-02-06\nkind = "holiday"\nregion = "xizhang"\n',
            r"days\[0\] \(2027-02-06\): unknown region 'xizhang'",
        ),
        ('[[days]]\ndate = 2027-02-06\nkind = "holiday"\nregoin = "x"\n', r"unknown key.*regoin"),
        (
            '[[days]]\ndate = 2027-02-06\nkind = "holiday"\n'
            '[[days]]\ndate = 2027-02-06\nkind = "workday"\n',
            r"days\[1\] \(2027-02-06\): same day and region as days\[0\]",
        ),
        ("[years]\nofficial = [2027]\n", r"2027 is declared official but no nationwide holiday"),
        ('[years]\nofficial = "2027"\n', r"years.official"),
        ("[holidays]\n", r"unknown section"),
        ("[[days]\n", r"line 1"),  # TOML syntax errors are ValueErrors too
    ],
)
def test_load_overrides_errors_name_the_entry(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_overrides(text)


def test_declared_official_year_takes_the_file_as_the_whole_schedule() -> None:
    parsed = load_overrides(
        "[years]\nofficial = [2027]\n"
        '[[days]]\ndate = 2027-01-01\nkind = "holiday"\n'
        '[[days]]\ndate = 2027-02-20\nkind = "workday"\n'
    )
    calendar = WorkCalendar.from_file(parsed)
    assert not calendar.is_estimate(2027)
    assert calendar.is_estimate(2028)
    assert not calendar.is_workday(date(2027, 1, 1))
    assert calendar.is_workday(date(2027, 2, 20))  # a Saturday worked
    # The package guesses Spring Festival days off; the declared schedule has none, so they work.
    assert not WorkCalendar().is_workday(date(2027, 2, 8))
    assert calendar.is_workday(date(2027, 2, 8))
    assert not calendar.is_workday(date(2027, 2, 7))  # an ordinary Sunday
