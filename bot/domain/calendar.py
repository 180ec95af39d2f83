"""China's working-day calendar: statutory holidays, 调休 working days and regional overrides."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

import holidays

#: The package checks its data against the State Council notices from this year on.
FIRST_OFFICIAL_YEAR = 2001
#: The last year whose schedule (holidays and 调休 working days) the installed `holidays`
#: package takes from a State Council notice; later years are its estimate from the lunar
#: calendar and the weekend-shift rule. Test `test_last_official_year_matches_package`
#: fails when an upgrade of the package brings a newer year, so this gets updated.
LAST_OFFICIAL_YEAR = 2026

#: Province-level regions (pinyin) an override may name; a typo would otherwise never match.
REGIONS = frozenset(
    {
        "anhui",
        "beijing",
        "chongqing",
        "fujian",
        "gansu",
        "guangdong",
        "guangxi",
        "guizhou",
        "hainan",
        "hebei",
        "heilongjiang",
        "henan",
        "hubei",
        "hunan",
        "jiangsu",
        "jiangxi",
        "jilin",
        "liaoning",
        "neimenggu",
        "ningxia",
        "qinghai",
        "shaanxi",
        "shandong",
        "shanghai",
        "shanxi",
        "sichuan",
        "tianjin",
        "xinjiang",
        "xizang",
        "yunnan",
        "zhejiang",
    }
)

_SATURDAY = 5
_ENTRY_KEYS = frozenset({"date", "kind", "region", "note"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DayKind(StrEnum):
    """Whether offices are open on a day."""

    WORKDAY = "workday"
    HOLIDAY = "holiday"


@dataclass(frozen=True)
class Override:
    """An administrator's ruling on one day, nationwide (region None) or for one region."""

    day: date
    kind: DayKind
    region: str | None = None


@dataclass(frozen=True)
class OverrideFile:
    """The parsed holidays file: day overrides and the years it declares complete and official."""

    days: tuple[Override, ...] = ()
    official_years: frozenset[int] = frozenset()


@dataclass(frozen=True)
class _SourceYear:
    holidays: frozenset[date]
    weekend_workdays: frozenset[date]


@cache
def _source_year(year: int) -> _SourceYear:
    # Next year's table may move a working day into this year (e.g. Dec 29 2001 for New Year
    # 2002), and the package only records 调休 days of the years it has populated.
    years = [y for y in (year, year + 1) if y <= date.max.year]
    source = holidays.country_holidays("CN", years=years)
    return _SourceYear(
        holidays=frozenset(d for d in source if d.year == year),
        weekend_workdays=frozenset(d for d in source.weekend_workdays if d.year == year),
    )


def _is_weekend(day: date) -> bool:
    return day.weekday() >= _SATURDAY


class WorkCalendar:
    """Working days in China: the `holidays` package, overridden by the administrators' file."""

    def __init__(
        self, overrides: Iterable[Override] = (), *, official_years: Iterable[int] = ()
    ) -> None:
        """Layer `overrides` over the package (later ones win) and mark `official_years`."""
        self._overrides: dict[tuple[date, str | None], DayKind] = {}
        for override in overrides:
            self._overrides[override.day, override.region] = override.kind
        self._official_years = frozenset(official_years)

    @classmethod
    def from_file(cls, parsed: OverrideFile) -> WorkCalendar:
        """The calendar described by a parsed holidays file."""
        return cls(parsed.days, official_years=parsed.official_years)

    @property
    def overrides(self) -> tuple[Override, ...]:
        """The overrides in force, one per day and region."""
        return tuple(Override(day, kind, region) for (day, region), kind in self._overrides.items())

    @property
    def official_years(self) -> frozenset[int]:
        """Years the overrides declare complete and official."""
        return self._official_years

    def with_overrides(
        self, more: Iterable[Override], *, official_years: Iterable[int] = ()
    ) -> WorkCalendar:
        """A copy with `more` overrides on top (they win over existing ones for the same day)."""
        return WorkCalendar(
            (*self.overrides, *more), official_years=self._official_years | set(official_years)
        )

    def is_workday(self, day: date, region: str | None = None) -> bool:
        """Whether offices work on `day`, nationwide or in `region`."""
        if region is not None and (kind := self._overrides.get((day, region))) is not None:
            return kind is DayKind.WORKDAY
        if (kind := self._overrides.get((day, None))) is not None:
            return kind is DayKind.WORKDAY
        if day.year in self._official_years:
            # The file holds the whole schedule of this year; the package's guess must not
            # add holidays the State Council did not give.
            return not _is_weekend(day)
        source = _source_year(day.year)
        if _is_weekend(day):
            return day in source.weekend_workdays
        return day not in source.holidays

    def next_workdays(self, after: date, count: int, region: str | None = None) -> list[date]:
        """The 1st..`count`th working days strictly after `after`."""
        if count < 0:
            raise ValueError(f"count must not be negative, got {count}")
        found: list[date] = []
        day = after
        while len(found) < count:
            day += timedelta(days=1)
            if self.is_workday(day, region):
                found.append(day)
        return found

    def add_workdays(self, start: date, n: int, region: str | None = None) -> date:
        """The `n`th working day after `start` (before it when negative; `start` itself for 0)."""
        step = timedelta(days=1 if n >= 0 else -1)
        day = start
        for _ in range(abs(n)):
            day += step
            while not self.is_workday(day, region):
                day += step
        return day

    def is_estimate(self, year: int) -> bool:
        """Whether `year` is only estimated: in no notice the package has, not declared official."""
        if year in self._official_years:
            return False
        return not FIRST_OFFICIAL_YEAR <= year <= LAST_OFFICIAL_YEAR


def _entry_date(value: object, where: str) -> date:
    # TOML has a date type, but a quoted "2027-02-06" is the natural thing to type too.
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{where}: date must be YYYY-MM-DD, got {value!r}")


def _entry(index: int, raw: object) -> Override:
    where = f"days[{index}]"
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: expected a table with date and kind")
    if "date" in raw:
        where = f"{where} ({raw['date']})"
    unknown = sorted(set(raw) - _ENTRY_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")
    if "date" not in raw or "kind" not in raw:
        raise ValueError(f"{where}: date and kind are required")
    day = _entry_date(raw["date"], where)
    try:
        kind = DayKind(raw["kind"])
    except ValueError:
        raise ValueError(
            f"{where}: kind must be 'workday' or 'holiday', got {raw['kind']!r}"
        ) from None
    region = raw.get("region")
    if region is not None and region not in REGIONS:
        raise ValueError(
            f"{where}: unknown region {region!r} (use the pinyin of a province, e.g. xizang)"
        )
    return Override(day, kind, region)


def _official_years(raw: object, days: Iterable[Override]) -> frozenset[int]:
    if raw is None:
        return frozenset()
    if not isinstance(raw, Mapping) or set(raw) - {"official"}:
        raise ValueError("years: only `official = [YEAR, ...]` is allowed")
    official = raw.get("official", [])
    if not isinstance(official, list) or not all(
        isinstance(y, int) and not isinstance(y, bool) for y in official
    ):
        raise ValueError(f"years.official: expected a list of years, got {official!r}")
    nationwide_holidays = {
        o.day.year for o in days if o.region is None and o.kind is DayKind.HOLIDAY
    }
    for year in official:
        # Declaring a year official replaces the package's estimate; an empty schedule would
        # silently make every weekday of it a working day.
        if year not in nationwide_holidays:
            raise ValueError(
                f"years.official: {year} is declared official but no nationwide holiday"
                f" of {year} is listed"
            )
    return frozenset(official)


def load_overrides(text: str) -> OverrideFile:
    """Parse a holidays TOML file (see config/holidays.example.toml); ValueError names the entry."""
    raw = tomllib.loads(text)
    unknown = sorted(set(raw) - {"days", "years"})
    if unknown:
        raise ValueError(f"unknown section(s) {', '.join(unknown)}; expected [[days]] and [years]")
    entries = raw.get("days", [])
    if not isinstance(entries, list):
        raise ValueError("days: expected [[days]] entries")
    days: list[Override] = []
    seen: dict[tuple[date, str | None], int] = {}
    for index, item in enumerate(entries):
        override = _entry(index, item)
        key = (override.day, override.region)
        if key in seen:
            raise ValueError(
                f"days[{index}] ({override.day}): same day and region as days[{seen[key]}]"
            )
        seen[key] = index
        days.append(override)
    return OverrideFile(tuple(days), _official_years(raw.get("years"), days))
