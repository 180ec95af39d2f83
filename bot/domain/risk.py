"""Three-level risk warning (蓝/黄/红) for a new case."""

from __future__ import annotations

from decimal import Decimal

from bot.domain.models import DisputeType, RiskLevel

#: A dispute about this much money (yuan) or more is at least yellow...
YELLOW_AMOUNT = Decimal(20_000)
#: ...and at least red from here on.
RED_AMOUNT = Decimal(200_000)
#: A group dispute: this many people affected makes a case yellow...
YELLOW_PEOPLE = 5
#: ...and this many red (mass wage arrears are the classic 群体性 risk).
RED_PEOPLE = 30
#: Kinds of dispute that can turn violent or hurt a family; never graded blue.
_SENSITIVE = frozenset({DisputeType.FAMILY, DisputeType.NEIGHBOURS})


def grade(
    dispute_type: DisputeType,
    *,
    danger: bool,
    people_affected: int,
    amount: Decimal | None,
    earlier_cases: int = 0,
) -> RiskLevel:
    """Grade a case: danger or a large group/amount is red; a repeat or sizeable one yellow."""
    if danger or people_affected >= RED_PEOPLE or (amount is not None and amount >= RED_AMOUNT):
        return RiskLevel.RED
    if (
        people_affected >= YELLOW_PEOPLE
        or (amount is not None and amount >= YELLOW_AMOUNT)
        or earlier_cases > 0
        or dispute_type in _SENSITIVE
    ):
        return RiskLevel.YELLOW
    return RiskLevel.BLUE
