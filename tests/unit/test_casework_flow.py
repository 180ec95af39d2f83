"""Who may do what to a case in which status: the casework machine's rules, as a table."""

from __future__ import annotations

import pytest

from bot.domain.models import CaseStatus
from bot.flows.casework import CARD_ACTIONS, Action, Actor, decide

S = CaseStatus
MEMBER = Actor(1, member=True, owner=False)
OWNER = Actor(1, member=True, owner=True)
ADMIN = Actor(1, member=False, owner=False, admin=True)
OUTSIDER = Actor(1, member=False, owner=False)
PARTY = Actor(1, member=True, owner=False, party=True)
RECUSED = Actor(1, member=True, owner=False, recused=True)
FORMER_OWNER_LEFT = Actor(1, member=False, owner=True)

ROWS = [
    # action, status, actor, allowed, resulting status or refusal
    (Action.CLAIM, S.SUBMITTED, MEMBER, True, S.CLAIMED),
    (Action.CLAIM, S.SUBMITTED, OUTSIDER, False, "case-refused-not-member"),
    (Action.CLAIM, S.SUBMITTED, PARTY, False, "case-refused-party"),
    (Action.CLAIM, S.SUBMITTED, RECUSED, False, "case-refused-recused"),
    (Action.CLAIM, S.CLAIMED, MEMBER, False, "case-refused-status"),
    (Action.CLAIM, S.RESOLVED, MEMBER, False, "case-refused-status"),
    (Action.DETAILS, S.SUBMITTED, MEMBER, False, "case-refused-owner-only"),
    (Action.DETAILS, S.CLAIMED, OWNER, True, S.CLAIMED),
    (Action.DETAILS, S.RESOLVED, OWNER, True, S.RESOLVED),
    (Action.DETAILS, S.CLAIMED, ADMIN, True, S.CLAIMED),
    (Action.TRANSFER, S.SUBMITTED, MEMBER, True, S.SUBMITTED),
    (Action.TRANSFER, S.CLAIMED, MEMBER, False, "case-refused-owner-only"),
    (Action.TRANSFER, S.CLAIMED, OWNER, True, S.SUBMITTED),
    (Action.TRANSFER, S.FAILED, OWNER, False, "case-refused-status"),
    (Action.ESCALATE, S.SUBMITTED, OUTSIDER, False, "case-refused-not-member"),
    (Action.ESCALATE, S.CLAIMED, ADMIN, True, S.SUBMITTED),
    (Action.RECUSE, S.SUBMITTED, MEMBER, True, S.SUBMITTED),
    (Action.RECUSE, S.CLAIMED, MEMBER, True, S.CLAIMED),
    (Action.RECUSE, S.CLAIMED, OWNER, True, S.SUBMITTED),
    (Action.RELEASE, S.CLAIMED, OWNER, True, S.SUBMITTED),
    (Action.RELEASE, S.CLAIMED, MEMBER, False, "case-refused-owner-only"),
    (Action.RELEASE, S.SUBMITTED, OWNER, False, "case-refused-status"),
    (Action.CONTACTED, S.CLAIMED, OWNER, True, S.CLAIMED),
    (Action.NOTE, S.CLAIMED, MEMBER, False, "case-refused-owner-only"),
    (Action.SESSION, S.CLAIMED, OWNER, True, S.CLAIMED),
    (Action.AGREEMENT, S.CLAIMED, OWNER, True, S.CLAIMED),
    (Action.RESOLVE, S.CLAIMED, OWNER, True, S.RESOLVED),
    (Action.RESOLVE, S.CLAIMED, ADMIN, False, "case-refused-owner-only"),
    (Action.RESOLVE, S.SUBMITTED, OWNER, False, "case-refused-status"),
    (Action.FAIL, S.CLAIMED, OWNER, True, S.FAILED),
    (Action.GRADE, S.SUBMITTED, ADMIN, True, S.SUBMITTED),
    (Action.GRADE, S.CLAIMED, MEMBER, False, "case-refused-owner-only"),
    (Action.REPLY, S.CLAIMED, OWNER, True, S.CLAIMED),
    (Action.REPLY, S.CLAIMED, OUTSIDER, False, "case-refused-not-member"),
    (Action.REPLY, S.RESOLVED, OWNER, False, "case-refused-status"),
    # An owner no longer in the group is still the owner: their membership is checked
    # by the handler before it asks (the press itself comes from the group).
    (Action.RESOLVE, S.CLAIMED, FORMER_OWNER_LEFT, True, S.RESOLVED),
]


@pytest.mark.parametrize(
    ("action", "status", "actor", "allowed", "expected"),
    ROWS,
    ids=[f"{r[0].value}-{r[1].value}-{i}" for i, r in enumerate(ROWS)],
)
def test_decide(
    action: Action, status: CaseStatus, actor: Actor, allowed: bool, expected: object
) -> None:
    decision = decide(action, status, actor)
    assert decision.allowed is allowed
    if allowed:
        assert decision.status is expected
    else:
        assert decision.refusal == expected


def test_every_card_button_is_allowed_to_someone_in_that_status() -> None:
    for status, actions in CARD_ACTIONS.items():
        for action in actions:
            assert any(decide(action, status, actor).allowed for actor in (MEMBER, OWNER, ADMIN)), (
                action,
                status,
            )


def test_deciding_leaves_no_model_behind() -> None:
    from bot.flows.casework import lifecycle_machine

    for _ in range(50):
        decide(Action.CLAIM, S.SUBMITTED, MEMBER)
    assert lifecycle_machine().models == []
