"""A case's life after submission, as one `transitions` machine: who may do what, when.

The machine's states are the case statuses; its triggers are what mediators do from the
card (接单, 转派, 上报, 回避…). A trigger exists only from the statuses where it makes
sense, and its conditions say who may pull it: any member of the handling office's group,
or only the mediator who owns the case (首接负责制). The handler asks `decide()` before it
changes anything; a refusal names the Fluent message explaining why.

State diagram (generated from the machine by `mediation-bot diagram --write`):
see docs/casework-flow.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import ClassVar

from transitions import EventData, Machine, State

from bot.domain.models import CaseStatus


class Action(StrEnum):
    """What a mediator can do to a case (the card's buttons and the prompts behind them)."""

    CLAIM = "claim"
    DETAILS = "details"
    TRANSFER = "transfer"
    ESCALATE = "escalate"
    RECUSE = "recuse"
    CONTACTED = "contacted"
    NOTE = "note"
    SESSION = "session"
    AGREEMENT = "agreement"
    RESOLVE = "resolve"
    FAIL = "fail"
    RELEASE = "release"
    GRADE = "grade"
    REPLY = "reply"
    #: The on-site revisit (上门回访) a follow-up asked for was done.
    VISITED = "visited"
    #: The phone follow-up (电话回访) after an unanswered ping was done.
    CALLED = "called"


@dataclass(frozen=True)
class Actor:
    """The person pressing a button, as far as the rules care."""

    telegram_id: int
    member: bool  # of the group bound to the office handling the case
    owner: bool  # claimed the case
    admin: bool = False  # a coordinator (ADMIN_IDS)
    party: bool = False  # the reporter or the other party (same Telegram id or phone)
    recused: bool = False  # declared a conflict of interest on this case


@dataclass(frozen=True)
class Decision:
    """Whether an action may go ahead, the status it leads to, or why not."""

    allowed: bool
    status: CaseStatus | None = None
    refusal: str | None = None


#: Actions only the owner may take (and, where it makes sense, a coordinator).
OWNER_ONLY = frozenset(
    {
        Action.DETAILS,
        Action.CONTACTED,
        Action.NOTE,
        Action.SESSION,
        Action.AGREEMENT,
        Action.RESOLVE,
        Action.FAIL,
        Action.RELEASE,
        Action.GRADE,
        Action.REPLY,
        Action.VISITED,
        Action.CALLED,
    }
)
#: What the card offers in each status, in the order of the buttons.
CARD_ACTIONS: dict[CaseStatus, tuple[Action, ...]] = {
    CaseStatus.SUBMITTED: (
        Action.CLAIM,
        Action.DETAILS,
        Action.TRANSFER,
        Action.ESCALATE,
        Action.RECUSE,
    ),
    CaseStatus.CLAIMED: (
        Action.VISITED,
        Action.DETAILS,
        Action.CONTACTED,
        Action.NOTE,
        Action.SESSION,
        Action.AGREEMENT,
        Action.RESOLVE,
        Action.FAIL,
        Action.GRADE,
        Action.RELEASE,
        Action.TRANSFER,
        Action.ESCALATE,
        Action.RECUSE,
    ),
    CaseStatus.RESOLVED: (Action.CALLED, Action.DETAILS),
    CaseStatus.FAILED: (Action.DETAILS,),
    CaseStatus.CLOSED: (Action.DETAILS,),
}

_OPEN: list[str | Enum | State] = [CaseStatus.SUBMITTED.value, CaseStatus.CLAIMED.value]
_DONE: list[str | Enum | State] = [
    CaseStatus.RESOLVED.value,
    CaseStatus.FAILED.value,
    CaseStatus.CLOSED.value,
]


def _build_machine() -> Machine:
    machine = Machine(
        model=None,
        states=[status.value for status in CaseStatus],
        initial=CaseStatus.SUBMITTED.value,
        auto_transitions=False,
        send_event=True,
    )
    add = machine.add_transition
    add(
        Action.CLAIM.value,
        CaseStatus.SUBMITTED.value,
        CaseStatus.CLAIMED.value,
        conditions="_may_claim",
    )
    # Transfer, escalate and recusal hand the case back to be claimed at its new office.
    for action in (Action.TRANSFER, Action.ESCALATE):
        add(
            action.value,
            CaseStatus.SUBMITTED.value,
            CaseStatus.SUBMITTED.value,
            conditions="_member",
        )
        add(
            action.value,
            CaseStatus.CLAIMED.value,
            CaseStatus.SUBMITTED.value,
            conditions="_owner_or_admin",
        )
    add(
        Action.RECUSE.value,
        CaseStatus.SUBMITTED.value,
        CaseStatus.SUBMITTED.value,
        conditions="_member",
    )
    add(
        Action.RECUSE.value,
        CaseStatus.CLAIMED.value,
        CaseStatus.CLAIMED.value,
        conditions="_member",
        unless="_owner",
    )
    add(
        Action.RECUSE.value,
        CaseStatus.CLAIMED.value,
        CaseStatus.SUBMITTED.value,
        conditions="_owner",
    )
    add(
        Action.RELEASE.value,
        CaseStatus.CLAIMED.value,
        CaseStatus.SUBMITTED.value,
        conditions="_owner",
    )
    for action in (Action.CONTACTED, Action.NOTE, Action.SESSION, Action.AGREEMENT, Action.REPLY):
        add(action.value, CaseStatus.CLAIMED.value, CaseStatus.CLAIMED.value, conditions="_owner")
    add(Action.GRADE.value, _OPEN, None, conditions="_owner_or_admin")
    add(
        Action.RESOLVE.value,
        CaseStatus.CLAIMED.value,
        CaseStatus.RESOLVED.value,
        conditions="_owner",
    )
    add(Action.FAIL.value, CaseStatus.CLAIMED.value, CaseStatus.FAILED.value, conditions="_owner")
    add(
        Action.VISITED.value, CaseStatus.CLAIMED.value, CaseStatus.CLOSED.value, conditions="_owner"
    )
    add(
        Action.CALLED.value, CaseStatus.RESOLVED.value, CaseStatus.CLOSED.value, conditions="_owner"
    )
    # The full record stays readable to its owner (and coordinators) after the outcome.
    add(Action.DETAILS.value, [*_OPEN, *_DONE], None, conditions="_owner_or_admin")
    return machine


class _Case:
    """A case during one decision: its status and who is acting (a model of the machine)."""

    machine: ClassVar[Machine]
    state: str

    def __init__(self, actor: Actor) -> None:
        self.actor = actor

    def _member(self, event: EventData) -> bool:
        return self.actor.member or self.actor.admin

    def _owner(self, event: EventData) -> bool:
        return self.actor.owner

    def _owner_or_admin(self, event: EventData) -> bool:
        return self.actor.owner or self.actor.admin

    def _may_claim(self, event: EventData) -> bool:
        return self.actor.member and not self.actor.party and not self.actor.recused


_Case.machine = _build_machine()


def decide(action: Action, status: CaseStatus, actor: Actor) -> Decision:
    """May `actor` take `action` on a case in `status`? With the status it leads to."""
    machine = _Case.machine
    transitions = [
        transition for transition in machine.events[action.value].transitions.get(status.value, [])
    ]
    if not transitions:
        return Decision(False, refusal="case-refused-status")
    model = _Case(actor)
    machine.add_model(model, initial=status.value)
    try:
        may: Callable[[], bool] = getattr(model, f"may_{action.value}")
        if may():
            getattr(model, action.value)()
            return Decision(True, status=CaseStatus(model.state))
    finally:
        machine.remove_model(model)
    return Decision(False, refusal=_refusal(action, actor))


def _refusal(action: Action, actor: Actor) -> str:
    """The most specific reason an allowed-in-this-status action was refused."""
    if not (actor.member or actor.admin or actor.owner):
        return "case-refused-not-member"
    if action is Action.CLAIM:
        if actor.party:
            return "case-refused-party"
        if actor.recused:
            return "case-refused-recused"
    if action in OWNER_ONLY or action in (Action.TRANSFER, Action.ESCALATE):
        return "case-refused-owner-only"
    return "case-refused-status"


def lifecycle_machine() -> Machine:
    """The shared machine (for the generated diagram)."""
    return _Case.machine


#: Buttons shown only while the case has this open task.
TASK_ACTIONS = {Action.VISITED: "revisit", Action.CALLED: "phone"}


def card_actions(status: CaseStatus, task: str | None = None) -> tuple[Action, ...]:
    """The buttons a card shows for a case in `status` with its open `task`, if any."""
    return tuple(
        action
        for action in CARD_ACTIONS[status]
        if action not in TASK_ACTIONS or TASK_ACTIONS[action] == task
    )
