"""Bad input at every step: one hint, and nothing else changes."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.models import AttachmentKind
from bot.flows.intake import run_intake
from bot.flows.output import FlowResult
from tests.unit.test_intake_flow import (
    CTX,
    DRAFT_SEQUENCE,
    STRANGER_ID,
    Input,
    actions,
    command,
    contact,
    edited,
    forwarded,
    location,
    media,
    press,
    reach,
    sticker,
    text,
)

#: Every state where the reporter is asked something.
ASKING_STATES = (*DRAFT_SEQUENCE, "language", "consent", "confirm_restart")
#: States where only a button is an answer (typed text never is).
BUTTON_STATES = ("dispute_type", "other_role", "danger", "summary", "language", "consent")
BUTTON_STATES_ALL = (*BUTTON_STATES, "confirm_restart")

#: Replies that answer bad input without moving on.
KNOWN_HINTS = frozenset(
    {
        "input-edited",
        "input-forwarded",
        "input-too-long",
        "unknown-command",
        "consent-hint",
        "idle-hint",
        "intake-restart-hint",
        "intake-no-back",
        "intake-contact-not-yours",
        "intake-phone-invalid",
        "intake-other-phone-invalid",
        "intake-amount-invalid",
        "intake-city-location-unknown",
        "intake-story-empty",
        "intake-story-full",
        "intake-hint-type",
        "intake-hint-city",
        "intake-hint-county",
        "intake-hint-name",
        "intake-hint-phone",
        "intake-hint-other-name",
        "intake-hint-other-role",
        "intake-hint-other-phone",
        "intake-hint-story",
        "intake-hint-amount",
        "intake-hint-people",
        "intake-hint-danger",
        "intake-hint-outcome",
        "intake-hint-summary",
    }
)
#: The language picker answers nonsense by showing itself again (it cannot know which
#: language a hint should be in); that re-ask changes nothing either.
LANGUAGE_REASK = ["language-prompt", "language-prompt", "language-prompt"]


@cache
def _prepared(state: str) -> tuple[str, dict[str, Any]]:
    conversation = reach(state)
    return conversation.state, conversation.data


def prepared(state: str) -> tuple[str, dict[str, Any]]:
    """The state and data of a conversation driven to `state` with valid answers."""
    got, data = _prepared(state)
    return got, copy.deepcopy(data)


def run(state: str, given: Input) -> tuple[str, dict[str, Any], FlowResult, dict[str, Any]]:
    current, data = prepared(state)
    before = copy.deepcopy(data)
    event, action = given
    new_state, new_data, result = run_intake(current, data, event, action, CTX)
    return new_state, new_data, result, before


def assert_only_a_hint(
    state: str,
    given: Input,
    expected: str | None = None,
) -> str:
    """Run `given` at `state`; assert nothing changed and one hint came back; return its id."""
    new_state, new_data, result, before = run(state, given)
    assert new_state == state
    assert new_data == before
    assert not result.changed
    assert result.effects == []
    assert result.toast is None
    assert len(result.replies) == 1, [[p.id for p in r.parts] for r in result.replies]
    (reply,) = result.replies
    message_ids = [part.id for part in reply.parts]
    if state == "language" and message_ids == LANGUAGE_REASK:
        assert expected is None, f"expected {expected}, got the language picker again"
        return "language-prompt"
    assert len(message_ids) == 1, message_ids
    (hint,) = message_ids
    assert hint in KNOWN_HINTS, hint
    assert reply.buttons == ()
    assert reply.keyboard == ()
    if expected is not None:
        assert hint == expected
    return hint


# ---- one kind of bad input per test, at every state -----------------------------------------

BAD_INPUTS: dict[str, Callable[[], Input]] = {
    "sticker": sticker,
    "10k-han": lambda: text("长" * 10_000),
    "10k-digits": lambda: text("1" * 10_000),
    "10k-mixed": lambda: text("13800138000 " * 833),
    "emoji-only": lambda: text("😀🎉👍🏽🇨🇳"),
    "invisible-garbage": lambda: text("\u202e\u200b\x00\x07\ufeff\u2066\u2069\u200d\u180e"),
    "punctuation": lambda: text("？？？。。。"),
    "empty": lambda: text(""),
}


@pytest.mark.parametrize("kind", BAD_INPUTS)
@pytest.mark.parametrize("state", ASKING_STATES)
def test_bad_input_changes_nothing(state: str, kind: str) -> None:
    assert_only_a_hint(state, BAD_INPUTS[kind]())


@pytest.mark.parametrize("state", ASKING_STATES)
def test_edited_message_is_not_read(state: str) -> None:
    hint = assert_only_a_hint(state, edited("13800138000"), "input-edited")
    assert hint == "input-edited"


@pytest.mark.parametrize("state", ASKING_STATES)
def test_forwarded_message_is_not_an_answer(state: str) -> None:
    # A perfectly valid answer for several steps, but forwarded.
    hint = assert_only_a_hint(state, forwarded("13800138000"), "input-forwarded")
    assert hint == "input-forwarded"


@pytest.mark.parametrize("name", ["foo", "admin", "start_over", "STARTx"])
@pytest.mark.parametrize("state", ASKING_STATES)
def test_unknown_command(state: str, name: str) -> None:
    assert_only_a_hint(state, command(name), "unknown-command")


@pytest.mark.parametrize("state", [s for s in ASKING_STATES if s != "host_city"])
def test_location_where_it_is_not_asked_for(state: str) -> None:
    assert_only_a_hint(state, location(23.13, 113.26))


def test_location_far_from_every_city() -> None:
    assert_only_a_hint("host_city", location(43.83, 87.62), "intake-city-location-unknown")


@pytest.mark.parametrize("state", [s for s in ASKING_STATES if s != "other_phone"])
def test_someone_elses_contact(state: str) -> None:
    hint = assert_only_a_hint(state, contact("13900139000", owner=STRANGER_ID))
    if state == "reporter_phone":
        assert hint == "intake-contact-not-yours"


@pytest.mark.parametrize("state", [s for s in ASKING_STATES if s != "story"])
def test_photo_where_it_is_not_asked_for(state: str) -> None:
    assert_only_a_hint(state, media(AttachmentKind.PHOTO, "p1", caption="广州"))


@pytest.mark.parametrize(
    ("state", "hint"),
    [
        ("dispute_type", "intake-hint-type"),
        ("other_role", "intake-hint-other-role"),
        ("danger", "intake-hint-danger"),
        ("summary", "intake-hint-summary"),
        ("consent", "consent-hint"),
        ("confirm_restart", "intake-restart-hint"),
    ],
)
def test_typing_the_answer_where_a_button_is_needed(state: str, hint: str) -> None:
    for typed in ("工资", "wages", "type:wages", "是", "yes", "submit", "consent:yes"):
        assert_only_a_hint(state, text(typed), hint)


# ---- buttons of other steps --------------------------------------------------------------------


@cache
def offered_actions(state: str) -> frozenset[str]:
    """The button actions the prompt of `state` offers."""
    conversation = reach(state)
    return frozenset(a for reply in conversation.result.replies for a in actions(reply))


def all_actions() -> frozenset[str]:
    found: set[str] = set()
    for state in ASKING_STATES:
        found |= offered_actions(state)
    return frozenset(found | {"story:clear", "done", "skip"})


#: Actions that are valid at a state even when its fresh prompt does not show them.
_ALSO_VALID = {"story": {"story:clear"}}
_NAVIGATION = {"back", "cancel"}


def foreign_actions(state: str) -> list[str]:
    valid = offered_actions(state) | _NAVIGATION | _ALSO_VALID.get(state, set())
    return sorted(all_actions() - valid)


def test_there_are_many_foreign_actions() -> None:
    # Sanity check of the table below: every step's buttons are somebody else's bad input.
    assert {"type:wages", "city:guangzhou", "role:employer", "danger:yes", "edit:story"} <= set(
        foreign_actions("story")
    )
    assert "type:wages" not in foreign_actions("dispute_type")


@pytest.mark.parametrize("state", ASKING_STATES)
def test_button_of_another_step_changes_nothing(state: str) -> None:
    foreign = foreign_actions(state)
    assert len(foreign) > 10
    for action in foreign:
        try:
            assert_only_a_hint(state, press(action))
        except AssertionError as error:
            raise AssertionError(f"{action!r} at {state}: {error}") from error


@pytest.mark.parametrize(
    ("state", "action"),
    [
        ("dispute_type", "type:lottery"),
        ("host_city", "city:atlantis"),
        ("home_county", "county:nowhere"),
        ("other_role", "role:king"),
        ("people", "people:0"),
        ("people", "people:many"),
        ("people", "people:100001"),
        ("danger", "danger:maybe"),
        ("summary", "edit:everything"),
        ("consent", "consent:maybe"),
        ("confirm_restart", "restart:later"),
        ("language", "lang:fr"),
    ],
)
def test_forged_button_values_change_nothing(state: str, action: str) -> None:
    assert_only_a_hint(state, press(action))


# ---- properties ----------------------------------------------------------------------------------

ANY_TEXT = st.text(max_size=200)  # all of Unicode, surrogates and controls included
_RARE_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@_RARE_SETTINGS
@given(state=st.sampled_from(BUTTON_STATES_ALL), typed=ANY_TEXT)
def test_any_text_where_a_button_is_required_changes_nothing(state: str, typed: str) -> None:
    assert_only_a_hint(state, text(typed))


@_RARE_SETTINGS
@given(
    state=st.sampled_from((*ASKING_STATES, "start", "idle")),
    typed=ANY_TEXT,
    kind=st.sampled_from(["text", "forwarded", "edited", "caption"]),
)
def test_any_text_never_raises_and_either_moves_on_or_changes_nothing(
    state: str, typed: str, kind: str
) -> None:
    given_input = {
        "text": lambda: text(typed),
        "forwarded": lambda: forwarded(typed),
        "edited": lambda: edited(typed),
        "caption": lambda: media(AttachmentKind.DOCUMENT, "d1", caption=typed),
    }[kind]()
    new_state, new_data, result, before = run(state, given_input)
    assert result.replies, "every update gets an answer"
    if new_state != state:
        assert new_data["seq"] == before.get("seq", 0) + 1
    elif state != "story" or kind in {"forwarded", "edited"}:
        # A story piece is collected without a state change; everything else is a hint.
        assert new_data == before
        assert len(result.replies) == 1


@_RARE_SETTINGS
@given(
    state=st.sampled_from(ASKING_STATES),
    action=st.one_of(
        st.text(max_size=64),
        st.builds(
            "{}:{}".format,
            st.sampled_from(
                ["type", "city", "county", "role", "people", "danger", "edit", "lang", "restart"]
            ),
            st.text(max_size=20),
        ),
    ),
)
def test_any_button_action_never_raises_and_either_moves_on_or_changes_nothing(
    state: str, action: str
) -> None:
    new_state, new_data, result, before = run(state, press(action))
    assert result.replies
    if new_state == state and action != "story:clear":
        assert new_data == before
        assert len(result.replies) == 1


@settings(max_examples=100, deadline=None)
@given(
    state=st.sampled_from(ASKING_STATES),
    name=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=32).filter(
        lambda name: name not in {"start", "new", "cancel", "language", "help"}
    ),
)
def test_any_unknown_command_changes_nothing(state: str, name: str) -> None:
    assert_only_a_hint(state, command(name), "unknown-command")
