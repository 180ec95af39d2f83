"""Reading what mediators type: session times and the terms of an agreement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import regex

from bot.domain.amounts import parse_amount
from bot.domain.models import ObligationRecord
from bot.domain.sanitize import clean_text

#: How far ahead a session or a due date may be (a typo like 2062 is refused).
MAX_AHEAD = timedelta(days=366)
#: Longest party name and action of one term.
MAX_PARTY = 50
MAX_ACTION = 200

# 2026-12-03 15:00, 12-03 15:00, 2026/12/3 9:30, 12月3日15:00, 12月3日 15点, 12月3日15点30
_DATE = r"(?:(?P<y>\d{4})[-/.年])?(?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
_TIME = r"(?P<h>\d{1,2})(?:[:：点](?P<min>\d{1,2})?分?)?"
_WHEN = regex.compile(rf"^\s*{_DATE}\s*{_TIME}\s*$")
_DAY = regex.compile(rf"^\s*{_DATE}\s*$")
_SEPARATORS = regex.compile(r"\s*[|｜]\s*")


def _day(match: regex.Match[str], today: date) -> date | None:
    """The date of a match; without a year, the next such date from today on."""
    try:
        month, day = int(match["m"]), int(match["d"])
        if match["y"]:
            return date(int(match["y"]), month, day)
        found = date(today.year, month, day)
        if found < today:
            found = date(today.year + 1, month, day)
        return found
    except ValueError:
        return None


def parse_session_time(text: str, now: datetime) -> datetime | None:
    """A session's local date and time typed by a mediator, in `now`'s zone; None if unclear."""
    match = _WHEN.match(clean_text(text, max_graphemes=40, multiline=False))
    if match is None:
        return None
    day = _day(match, now.date())
    hour, minute = int(match["h"]), int(match["min"] or 0)
    if day is None or hour > 23 or minute > 59:
        return None
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=now.tzinfo)
    if not now - timedelta(hours=1) <= moment <= now + MAX_AHEAD:
        return None
    return moment


def parse_due_date(text: str, today: date) -> date | None:
    """A due date (2026-12-15, 12-15, 12月15日); None if unclear or not within a year."""
    match = _DAY.match(text)
    if match is None:
        return None
    day = _day(match, today)
    if day is None or not today <= day <= today + MAX_AHEAD:
        return None
    return day


@dataclass(frozen=True)
class TermError:
    """Why a typed term was not understood: a Fluent message id."""

    message: str


def parse_term(line: str, today: date) -> ObligationRecord | TermError:
    """One term: "who | does what | by when | amount" (amount optional)."""
    fields = [field for field in _SEPARATORS.split(line.strip()) if field]
    if len(fields) not in (3, 4):
        return TermError("agreement-term-format")
    party = clean_text(fields[0], max_graphemes=MAX_PARTY, multiline=False)
    action = clean_text(fields[1], max_graphemes=MAX_ACTION, multiline=False)
    if not party or not action:
        return TermError("agreement-term-format")
    due = parse_due_date(fields[2], today)
    if due is None:
        return TermError("agreement-term-date")
    amount = None
    if len(fields) == 4:
        amount = parse_amount(fields[3])
        if amount is None:
            return TermError("agreement-term-amount")
    return ObligationRecord(party=party, action=action, due_date=due, amount=amount)
