"""Which office handles a new case and which offices are told about it.

Rules, first match wins for the handler:

1. family disputes go to the home-county centre; the host-city service office is told.
   Without a centre for the county (or one that refuses family cases) the case falls
   through to rule 4 under the reason ``family-no-centre``.
2. wages go to a committee in the host city that lists ``wages``; the home centre is told.
3. consumer disputes go to a specialised office in the host city that lists ``consumer``;
   the home centre is told.
4. otherwise the host-city service office handles; the home centre is told.
5. with no office for the rule and no host office, the coordination root handles
   (``no-match``) and every office found for the case is told: a case is never dropped.
6. a red case is also told to the coordination root at once (role ALERT).

Specialist rules (2, 3) need the type listed explicitly: an empty ``dispute_types`` means
"every type" for the generic rules only, so a general committee does not grab wage cases.
Among offices that qualify for the same rule, those speaking the reporter's language come
first, then file order; language never moves a case to another city or county. Offices
that are only told are found by place alone, whatever their ``dispute_types``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.models import DisputeType, Language, RiskLevel
from bot.domain.offices import Office, OfficeDirectory, OfficeKind

#: Every reason `route` can give (each has a `route-reason-…` text on the card).
ROUTE_REASONS = (
    "host-city",
    "family-at-home",
    "family-no-centre",
    "labour-committee",
    "consumer-team",
    "no-match",
)


class RouteRole(StrEnum):
    """What an office is asked to do with a case."""

    HANDLE = "handle"  # gets the case with claim buttons
    INFORM = "inform"  # told, no buttons
    ALERT = "alert"  # told at once because the case is red


@dataclass(frozen=True)
class CaseFacts:
    """The parts of a case that decide its route."""

    dispute_type: DisputeType
    host_city: str
    home_county: str
    language: Language
    risk: RiskLevel


@dataclass(frozen=True)
class Route:
    """Where a case goes: the handling office, the offices told, and why."""

    handler: str
    informed: tuple[str, ...]
    reason: str
    language_match: bool
    # The office in `informed` told only because the case is red (the coordination root).
    alert: str | None = None

    def recipients(self) -> tuple[tuple[str, RouteRole], ...]:
        """Every office with its role: the handler first, then the informed in order."""
        told = tuple(
            (code, RouteRole.ALERT if code == self.alert else RouteRole.INFORM)
            for code in self.informed
        )
        return ((self.handler, RouteRole.HANDLE), *told)


def route(facts: CaseFacts, offices: OfficeDirectory) -> Route:
    """Route a case to one handling office and the offices to tell; never fails."""
    host = _pick(
        (o for o in offices if o.kind is OfficeKind.SERVICE and o.covers_city(facts.host_city)),
        facts.language,
    )
    home = _pick(
        (o for o in offices if o.kind is OfficeKind.CENTRE and o.covers_county(facts.home_county)),
        facts.language,
    )
    handler, informed, reason = _choose(facts, offices, host, home)
    root = offices.coordination()
    alert: str | None = None
    if facts.risk is RiskLevel.RED and handler.code != root.code:
        informed = [*informed, root]
        alert = root.code
    codes: list[str] = []
    for office in informed:
        if office is not None and office.code != handler.code and office.code not in codes:
            codes.append(office.code)
    return Route(
        handler=handler.code,
        informed=tuple(codes),
        reason=reason,
        language_match=handler.speaks(facts.language),
        alert=alert,
    )


def _choose(
    facts: CaseFacts, offices: OfficeDirectory, host: Office | None, home: Office | None
) -> tuple[Office, list[Office | None], str]:
    kind = facts.dispute_type
    fallback = "host-city"
    if kind is DisputeType.FAMILY:
        centre = _pick(
            (
                o
                for o in offices
                if o.kind is OfficeKind.CENTRE
                and o.covers_county(facts.home_county)
                and o.handles(kind)
            ),
            facts.language,
        )
        if centre is not None:
            return centre, [host], "family-at-home"
        fallback = "family-no-centre"
    specialist = {
        DisputeType.WAGES: (OfficeKind.COMMITTEE, "labour-committee"),
        DisputeType.CONSUMER: (OfficeKind.SPECIALISED, "consumer-team"),
    }.get(kind)
    if specialist is not None:
        office_kind, reason = specialist
        office = _pick(
            (
                o
                for o in offices
                if o.kind is office_kind
                and o.covers_city(facts.host_city)
                and kind in o.dispute_types
            ),
            facts.language,
        )
        if office is not None:
            return office, [home], reason
    service = _pick(
        (
            o
            for o in offices
            if o.kind is OfficeKind.SERVICE and o.covers_city(facts.host_city) and o.handles(kind)
        ),
        facts.language,
    )
    if service is not None:
        return service, [home], fallback
    return offices.coordination(), [home, host], "no-match"


def _pick(qualifying: Iterable[Office], language: Language) -> Office | None:
    # The reporter's language outranks file order, but only among offices that already
    # qualify: a bilingual mediator in another city is no help to the reporter.
    first: Office | None = None
    for office in qualifying:
        if office.speaks(language):
            return office
        if first is None:
            first = office
    return first


def escalation_target(handler: str, home_county: str, offices: OfficeDirectory) -> Office | None:
    """The next level up for a case handled by `handler`: office → centre → coordination.

    The home-county centre is the middle rung for a case handled in the host city
    (外地办事处反馈、属地矛调中心吹哨); above a centre, or without one, the office's parent.
    None at the top of the ladder.
    """
    current = offices.get(handler)
    if current is None:
        return offices.coordination()
    if current.kind not in (OfficeKind.CENTRE, OfficeKind.COORDINATION):
        centre = next(
            (
                office
                for office in offices
                if office.kind is OfficeKind.CENTRE and office.covers_county(home_county)
            ),
            None,
        )
        if centre is not None:
            return centre
    return offices.parent(handler)
