"""The three-level risk warning (蓝/黄/红)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.models import DisputeType, RiskLevel
from bot.domain.risk import RED_AMOUNT, RED_PEOPLE, YELLOW_AMOUNT, YELLOW_PEOPLE, grade

BLUE, YELLOW, RED = RiskLevel.BLUE, RiskLevel.YELLOW, RiskLevel.RED
SENSITIVE = (DisputeType.FAMILY, DisputeType.NEIGHBOURS)
ORDINARY = tuple(kind for kind in DisputeType if kind not in SENSITIVE)
_RANK = {BLUE: 0, YELLOW: 1, RED: 2}


def test_thresholds() -> None:
    assert (YELLOW_PEOPLE, RED_PEOPLE) == (5, 30)
    assert (Decimal(20_000), Decimal(200_000)) == (YELLOW_AMOUNT, RED_AMOUNT)


@pytest.mark.parametrize(
    ("danger", "people", "amount", "earlier", "level"),
    [
        (False, 1, None, 0, BLUE),
        (True, 1, None, 0, RED),  # danger alone is red
        (True, 1, Decimal(1), 0, RED),
        # people
        (False, 4, None, 0, BLUE),
        (False, 5, None, 0, YELLOW),
        (False, 29, None, 0, YELLOW),
        (False, 30, None, 0, RED),
        (False, 100_000, None, 0, RED),
        # amount
        (False, 1, Decimal("19999.99"), 0, BLUE),
        (False, 1, Decimal(20_000), 0, YELLOW),
        (False, 1, Decimal("199999.99"), 0, YELLOW),
        (False, 1, Decimal(200_000), 0, RED),
        (False, 1, Decimal(1_000_000_000), 0, RED),
        # repeat cases
        (False, 1, None, 1, YELLOW),
        (False, 1, Decimal(100), 5, YELLOW),
        (False, 30, None, 1, RED),
        (True, 1, None, 3, RED),
    ],
)
@pytest.mark.parametrize("kind", ORDINARY)
def test_grade_ordinary_disputes(
    kind: DisputeType,
    danger: bool,
    people: int,
    amount: Decimal | None,
    earlier: int,
    level: RiskLevel,
) -> None:
    assert (
        grade(kind, danger=danger, people_affected=people, amount=amount, earlier_cases=earlier)
        is level
    )


@pytest.mark.parametrize(
    ("danger", "people", "amount", "level"),
    [
        (False, 1, None, YELLOW),  # never blue
        (False, 1, Decimal(1), YELLOW),
        (False, 29, Decimal(199_999), YELLOW),
        (False, 30, None, RED),
        (False, 1, Decimal(200_000), RED),
        (True, 1, None, RED),
    ],
)
@pytest.mark.parametrize("kind", SENSITIVE)
def test_family_and_neighbour_disputes_are_never_blue(
    kind: DisputeType, danger: bool, people: int, amount: Decimal | None, level: RiskLevel
) -> None:
    assert grade(kind, danger=danger, people_affected=people, amount=amount) is level


def test_earlier_cases_default_to_none() -> None:
    assert grade(DisputeType.DEBT, danger=False, people_affected=1, amount=None) is BLUE


GRADE_INPUTS = {
    "kind": st.sampled_from(list(DisputeType)),
    "danger": st.booleans(),
    "people": st.integers(min_value=1, max_value=100_000),
    "amount": st.none()
    | st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**9), places=2),
    "earlier": st.integers(min_value=0, max_value=10),
}


@settings(max_examples=300, deadline=None)
@given(**GRADE_INPUTS)
def test_grade_properties(
    kind: DisputeType, danger: bool, people: int, amount: Decimal | None, earlier: int
) -> None:
    level = grade(kind, danger=danger, people_affected=people, amount=amount, earlier_cases=earlier)
    if danger:
        assert level is RED
    if kind in SENSITIVE or earlier > 0:
        assert level is not BLUE
    # More people, more money or more earlier cases never lower the level.
    more = grade(
        kind,
        danger=danger,
        people_affected=people + 1,
        amount=None if amount is None else amount * 2,
        earlier_cases=earlier + 1,
    )
    assert _RANK[more] >= _RANK[level]
