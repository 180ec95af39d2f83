"""The intake state machine as pure unit tests: every transition, no Telegram, no database.

The helpers at the top (`Conversation`, `reach`, the input builders) are shared with
test_bad_input.py and test_render.py.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from bot.domain.events import ChatType, EventKind, InboundEvent
from bot.domain.models import (
    AttachmentKind,
    AttachmentRef,
    DisputeType,
    Language,
    NewCase,
    PartyRole,
    RiskLevel,
)
from bot.domain.sanitize import grapheme_count, truncate_graphemes
from bot.flows.intake import IntakeContext, IntakeConversation, run_intake
from bot.flows.output import (
    Consented,
    Declined,
    FlowResult,
    LanguageChosen,
    Msg,
    Reply,
    Submitted,
)
from bot.handlers.render import Renderer
from bot.i18n import default_translator

NOW = datetime(2026, 11, 30, tzinfo=UTC)
CTX = IntakeContext(now=NOW)
USER_ID = 4242
STRANGER_ID = 777

# ---- the specification, written independently of bot/flows/intake.py ---------------------

#: The draft states in the order they are asked.
DRAFT_SEQUENCE = (
    "dispute_type",
    "host_city",
    "home_county",
    "reporter_name",
    "reporter_phone",
    "other_name",
    "other_role",
    "other_phone",
    "story",
    "amount",
    "people",
    "danger",
    "outcome",
    "summary",
)
#: The step number (of nine) the reporter sees in each draft state.
STEP = {
    "dispute_type": 1,
    "host_city": 2,
    "home_county": 2,
    "reporter_name": 3,
    "reporter_phone": 3,
    "other_name": 4,
    "other_role": 4,
    "other_phone": 4,
    "story": 5,
    "amount": 6,
    "people": 7,
    "danger": 7,
    "outcome": 8,
    "summary": 9,
}
#: The question each draft state asks (after the progress header).
ASK = {
    "dispute_type": "intake-ask-type",
    "host_city": "intake-ask-city",
    "home_county": "intake-ask-county",
    "reporter_name": "intake-ask-name",
    "reporter_phone": "intake-ask-phone",
    "other_name": "intake-ask-other-name",
    "other_role": "intake-ask-other-role",
    "other_phone": "intake-ask-other-phone",
    "story": "intake-ask-story",
    "amount": "intake-ask-amount",
    "people": "intake-ask-people",
    "danger": "intake-ask-danger",
    "outcome": "intake-ask-outcome",
    "summary": "intake-summary",
}
#: Summary edit buttons and the steps each one asks again.
EDIT_GROUPS = {
    "type": ("dispute_type",),
    "place": ("host_city", "home_county"),
    "you": ("reporter_name", "reporter_phone"),
    "other": ("other_name", "other_role", "other_phone"),
    "story": ("story",),
    "amount": ("amount",),
    "people": ("people", "danger"),
    "outcome": ("outcome",),
}
#: The data a finished draft keeps after cancel/restart/submit.
KEPT_KEYS = {"lang", "consented", "seq"}


def prompt_ids(state: str) -> list[str]:
    """The message ids of the prompt a state sends when entered."""
    if state in ASK:
        return ["intake-progress", ASK[state]]
    return {
        "language": ["language-prompt"] * 3,
        "consent": ["consent-notice"],
        "confirm_restart": ["intake-restart-confirm"],
        "declined": ["consent-declined"],
    }[state]


# ---- building inbound events ------------------------------------------------------------

Input = tuple[InboundEvent, str | None]
_update_ids = itertools.count(1)


def make_event(kind: EventKind, **fields: Any) -> InboundEvent:
    """An update in the reporter's private chat."""
    return InboundEvent(
        update_id=next(_update_ids),
        chat_id=USER_ID,
        chat_type=ChatType.PRIVATE,
        user_id=USER_ID,
        kind=kind,
        first_name="晓明",
        language_code="zh-hans",
        message_id=next(_update_ids),
        **fields,
    )


def text(value: str, **fields: Any) -> Input:
    return make_event(EventKind.TEXT, text=value, **fields), None


def press(action: str) -> Input:
    """A pressed inline button; the handler has already validated and stripped the prefix."""
    return make_event(EventKind.CALLBACK, callback_id="q1", callback_data=f"in:1:{action}"), action


def command(name: str, args: str = "") -> Input:
    return make_event(
        EventKind.COMMAND, text=f"/{name} {args}".strip(), command=name, command_args=args
    ), None


def contact(phone: str, *, owner: int = USER_ID) -> Input:
    return make_event(
        EventKind.CONTACT, contact_phone=phone, contact_user_id=owner, contact_name="马晓明"
    ), None


def location(latitude: float, longitude: float) -> Input:
    return make_event(EventKind.LOCATION, latitude=latitude, longitude=longitude), None


def media(kind: AttachmentKind, file_id: str, caption: str | None = None) -> Input:
    attachment = AttachmentRef(kind, file_id, f"u-{file_id}")
    return make_event(EventKind.MEDIA, attachment=attachment, text=caption), None


def sticker() -> Input:
    return make_event(EventKind.OTHER), None


def edited(value: str) -> Input:
    return make_event(EventKind.EDITED, text=value), None


def forwarded(value: str) -> Input:
    return make_event(EventKind.TEXT, text=value, forwarded=True), None


# ---- driving a conversation ---------------------------------------------------------------


def ids(reply: Reply) -> list[str]:
    return [part.id for part in reply.parts]


def reply_ids(result: FlowResult) -> list[list[str]]:
    return [ids(reply) for reply in result.replies]


def main_replies(result: FlowResult) -> list[Reply]:
    """The replies without the note that closes the phone step's reply keyboard."""
    return [reply for reply in result.replies if ids(reply) != ["keyboard-closed"]]


def actions(reply: Reply) -> list[str]:
    return [button.action for row in reply.buttons for button in row]


@dataclass
class Conversation:
    """One reporter's conversation, fed through `run_intake` event by event."""

    state: str = "start"
    data: dict[str, Any] = field(default_factory=lambda: {"lang": "zh", "consented": False})
    result: FlowResult = field(default_factory=FlowResult)
    effects: list[object] = field(default_factory=list)

    def send(self, given: Input) -> FlowResult:
        event, action = given
        self.state, self.data, self.result = run_intake(self.state, self.data, event, action, CTX)
        self.effects.extend(self.result.effects)
        return self.result

    @property
    def seq(self) -> int:
        return int(self.data.get("seq", 0))

    @property
    def last(self) -> Reply:
        return self.result.replies[-1]

    def clone(self) -> Conversation:
        return Conversation(self.state, copy.deepcopy(self.data))


#: A valid answer for each state, in the happy path's order.
ANSWERS: dict[str, tuple[Callable[[], Input], ...]] = {
    "start": (lambda: command("start"),),
    "language": (lambda: press("lang:zh"),),
    "consent": (lambda: press("consent:yes"),),
    "dispute_type": (lambda: press("type:wages"),),
    "host_city": (lambda: text("广州"),),
    "home_county": (lambda: text("化隆回族自治县"),),
    "reporter_name": (lambda: text("马晓明"),),
    "reporter_phone": (lambda: contact("+86 138 0013 8000"),),
    "other_name": (lambda: text("王老板"),),
    "other_role": (lambda: press("role:employer"),),
    "other_phone": (lambda: text("020-12345678"),),
    "story": (lambda: text("老板拖欠三个月工资。"), lambda: press("done")),
    "amount": (lambda: text("1.5万"),),
    "people": (lambda: press("people:5"),),
    "danger": (lambda: press("danger:no"),),
    "outcome": (lambda: text("结清工资"),),
    "summary": (lambda: press("submit"),),
}
#: What each draft state's valid answer stores.
STORED = {
    "dispute_type": ("type", "wages"),
    "host_city": ("city", "广州市"),
    "home_county": ("county", "化隆县"),
    "reporter_name": ("name", "马晓明"),
    "reporter_phone": ("phone", "+8613800138000"),
    "other_name": ("other_name", "王老板"),
    "other_role": ("other_role", "employer"),
    "other_phone": ("other_phone", "+862012345678"),
    "story": ("story", ["老板拖欠三个月工资。"]),
    "amount": ("amount", "15000"),
    "people": ("people", 5),
    "danger": ("danger", False),
    "outcome": ("outcome", "结清工资"),
}


def answer(conversation: Conversation, state: str | None = None) -> None:
    """Give the current (or named) state its valid answer."""
    for make in ANSWERS[state or conversation.state]:
        conversation.send(make())


@cache
def _reached(target: str) -> tuple[str, dict[str, Any], FlowResult]:
    conversation = Conversation()
    if target == "confirm_restart":
        conversation = reach("story")
        conversation.send(command("start"))
    else:
        for _ in range(40):
            if conversation.state == target:
                break
            answer(conversation)
        else:  # pragma: no cover - the happy path never loops
            raise AssertionError(f"never reached {target}")
    assert conversation.state == target
    return conversation.state, conversation.data, conversation.result


def reach(target: str) -> Conversation:
    """A fresh conversation driven with valid answers from "start" to `target`.

    `result` is the result of the update that entered `target` (its prompt).
    """
    state, data, result = _reached(target)
    # Replies and effects are frozen; only the lists need copying.
    fresh = FlowResult(list(result.replies), list(result.effects), result.toast, result.changed)
    return Conversation(state, copy.deepcopy(data), fresh)


def without_seq(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "seq"}


# ---- the happy path -----------------------------------------------------------------------


def test_happy_path_from_start_to_idle_submits_the_case() -> None:
    conversation = Conversation()
    visited = [conversation.state]
    while conversation.state != "idle":
        answer(conversation)
        visited.append(conversation.state)
        assert len(visited) < 40

    assert visited == ["start", "language", "consent", *DRAFT_SEQUENCE, "idle"]
    submitted = [effect for effect in conversation.effects if isinstance(effect, Submitted)]
    assert conversation.effects == [LanguageChosen("zh"), Consented("zh"), *submitted]
    assert submitted == [
        Submitted(
            NewCase(
                reporter_telegram_id=USER_ID,
                language=Language.ZH,
                dispute_type=DisputeType.WAGES,
                host_city="广州市",
                home_county="化隆县",
                reporter_name="马晓明",
                reporter_phone="+8613800138000",
                other_name="王老板",
                other_role=PartyRole.EMPLOYER,
                other_phone="+862012345678",
                story="老板拖欠三个月工资。",
                desired_outcome="结清工资",
                people_affected=5,
                danger=False,
                risk=RiskLevel.YELLOW,  # five people
                amount=Decimal(15000),
                latitude=None,
                longitude=None,
                attachments=(),
            )
        )
    ]
    # The handler announces the case number; the flow says nothing more.
    assert conversation.result.replies == []
    assert conversation.data == {"lang": "zh", "consented": True, "seq": conversation.seq}


def test_rich_happy_path_with_location_media_skips_and_danger() -> None:
    conversation = Conversation()
    conversation.send(command("start"))
    conversation.send(press("lang:ug"))
    conversation.send(press("consent:yes"))
    conversation.send(press("type:neighbours"))
    conversation.send(location(23.123456789, 113.300001))
    conversation.send(press("county:xunhua"))
    conversation.send(text("\u202e  Ali   \u200bAhmet  "))
    conversation.send(text("１３８－００１３－８０００"))
    conversation.send(text("<b>王</b> & 李"))
    conversation.send(press("role:landlord"))
    conversation.send(press("skip"))
    conversation.send(text("第一段"))
    conversation.send(media(AttachmentKind.PHOTO, "photo-1", caption="收据照片"))
    conversation.send(media(AttachmentKind.VOICE, "voice-1"))
    conversation.send(media(AttachmentKind.DOCUMENT, "doc-1", caption="😀"))
    conversation.send(media(AttachmentKind.VIDEO, "video-1", caption="  "))
    assert conversation.state == "story"
    conversation.send(press("done"))
    conversation.send(press("skip"))
    conversation.send(text("３５"))  # full-width digits
    conversation.send(press("danger:yes"))
    conversation.send(text("赔偿\n\n\n\n并道歉"))
    assert conversation.state == "summary"
    conversation.send(press("submit"))

    assert conversation.state == "idle"
    case = conversation.effects[-1]
    assert isinstance(case, Submitted)
    assert case.case == NewCase(
        reporter_telegram_id=USER_ID,
        language=Language.UG,
        dispute_type=DisputeType.NEIGHBOURS,
        host_city="广州市",
        home_county="循化县",
        reporter_name="Ali Ahmet",
        reporter_phone="+8613800138000",
        other_name="<b>王</b> & 李",  # stored as typed; escaped when rendered
        other_role=PartyRole.LANDLORD,
        other_phone=None,
        story="第一段\n\n收据照片",
        desired_outcome="赔偿\n\n并道歉",
        people_affected=35,
        danger=True,
        risk=RiskLevel.RED,
        amount=None,
        latitude=23.12346,
        longitude=113.3,
        attachments=(
            AttachmentRef(AttachmentKind.PHOTO, "photo-1", "u-photo-1"),
            AttachmentRef(AttachmentKind.VOICE, "voice-1", "u-voice-1"),
            AttachmentRef(AttachmentKind.DOCUMENT, "doc-1", "u-doc-1"),
            AttachmentRef(AttachmentKind.VIDEO, "video-1", "u-video-1"),
        ),
    )


@pytest.mark.parametrize(
    ("people", "amount", "kind", "risk"),
    [
        ("people:1", "5000", "type:debt", RiskLevel.BLUE),
        ("people:1", "5000", "type:family", RiskLevel.YELLOW),
        ("people:2", "2万", "type:debt", RiskLevel.YELLOW),
        ("people:30", "5000", "type:wages", RiskLevel.RED),
        ("people:1", "20万", "type:rent", RiskLevel.RED),
    ],
)
def test_submitted_case_is_graded(people: str, amount: str, kind: str, risk: RiskLevel) -> None:
    conversation = reach("summary")
    for group, given in (
        ("type", press(kind)),
        ("amount", text(amount)),
        ("people", press(people)),
    ):
        conversation.send(press(f"edit:{group}"))
        conversation.send(given)
        if conversation.state == "danger":
            conversation.send(press("danger:no"))
        assert conversation.state == "summary"
    conversation.send(press("submit"))
    submitted = conversation.result.effects[-1]
    assert isinstance(submitted, Submitted)
    assert submitted.case.risk is risk


def test_first_contact_greets_in_every_language() -> None:
    conversation = Conversation(data={"lang": "ug", "consented": False})
    conversation.send(text("hello"))
    assert conversation.state == "language"
    (reply,) = conversation.result.replies
    assert [(part.id, part.locale) for part in reply.parts] == [
        ("language-prompt", "ug"),
        ("language-prompt", "zh"),
        ("language-prompt", "bo"),
    ]
    assert actions(reply) == ["lang:ug", "lang:zh", "lang:bo"]
    labels = [row[0].label for row in reply.buttons]
    assert [label.id for label in labels] == [  # type: ignore[union-attr]
        "language-option-selected",
        "language-option",
        "language-option",
    ]


def test_consented_reporter_starting_from_idle_skips_language_and_consent() -> None:
    conversation = Conversation("idle", {"lang": "bo", "consented": True, "seq": 7})
    conversation.send(command("new"))
    assert conversation.state == "dispute_type"
    assert reply_ids(conversation.result) == [prompt_ids("dispute_type")]
    assert conversation.seq == 8


# ---- every step advances --------------------------------------------------------------------


@pytest.mark.parametrize("state", DRAFT_SEQUENCE[:-1])
def test_each_step_advances_to_the_next(state: str) -> None:
    conversation = reach(state)
    before = dict(conversation.data)
    answer(conversation)
    following = DRAFT_SEQUENCE[DRAFT_SEQUENCE.index(state) + 1]
    assert conversation.state == following
    assert ids(conversation.last) == prompt_ids(following)
    key, value = STORED[state]
    assert conversation.data[key] == value
    assert conversation.seq == before["seq"] + 1
    # Nothing answered before is lost.
    for earlier, kept in before.items():
        if earlier not in {"seq", key}:
            assert conversation.data[earlier] == kept, earlier


@pytest.mark.parametrize(("state", "step"), STEP.items())
def test_progress_header_shows_the_step(state: str, step: int) -> None:
    conversation = reach(state)
    header = conversation.last.parts[0]
    assert header == Msg("intake-progress", {"step": step, "total": 9})


def test_progress_steps_are_one_to_nine_in_order() -> None:
    steps = [STEP[state] for state in DRAFT_SEQUENCE]
    assert steps == sorted(steps)
    assert set(steps) == set(range(1, 10))


def test_reporter_phone_asks_for_the_contact_with_a_reply_keyboard() -> None:
    conversation = reach("reporter_phone")
    reply = conversation.last
    assert reply.buttons == ()
    assert [[key.request_contact for key in row] for row in reply.keyboard] == [
        [True],
        [False, False],
    ]
    assert [[key.label.id for key in row] for row in reply.keyboard] == [
        ["button-share-contact"],
        ["button-back", "button-cancel"],
    ]


def test_own_contact_is_saved_masked_and_the_keyboard_removed() -> None:
    conversation = reach("reporter_phone")
    conversation.send(contact("8613800138000"))
    assert conversation.state == "other_name"
    saved, prompt = conversation.result.replies
    assert saved.parts == (Msg("intake-phone-saved", {"phone": "138****8000"}),)
    assert saved.remove_keyboard
    assert ids(prompt) == prompt_ids("other_name")


@pytest.mark.parametrize(
    ("given", "hint"),
    [
        (lambda: text("020-12345678"), "intake-phone-invalid"),  # a landline
        (lambda: text("+852 9123 4567"), "intake-phone-invalid"),  # Hong Kong
        (lambda: contact("+1 415 555 2671"), "intake-phone-invalid"),
        (lambda: contact("13800138000", owner=STRANGER_ID), "intake-contact-not-yours"),
    ],
)
def test_reporter_phone_must_be_the_reporters_mainland_mobile(
    given: Callable[[], Input], hint: str
) -> None:
    conversation = reach("reporter_phone")
    before = copy.deepcopy(conversation.data)
    conversation.send(given())
    assert (conversation.state, conversation.data) == ("reporter_phone", before)
    assert reply_ids(conversation.result) == [[hint]]


def test_other_phone_accepts_someone_elses_contact_card() -> None:
    conversation = reach("other_phone")
    conversation.send(contact("139 0013 9000", owner=STRANGER_ID))
    assert conversation.state == "story"
    assert conversation.data["other_phone"] == "+8613900139000"


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        (lambda: press("skip"), None),
        (lambda: text("0971-8123456"), "+869718123456"),
        (lambda: text("13900139000"), "+8613900139000"),
    ],
)
def test_other_phone_answers(given: Callable[[], Input], stored: str | None) -> None:
    conversation = reach("other_phone")
    conversation.send(given())
    assert conversation.state == "story"
    assert conversation.data["other_phone"] == stored


@pytest.mark.parametrize(
    ("given", "city", "coordinates"),
    [
        (lambda: press("city:xining"), "西宁市", None),
        (lambda: text("Shenzhen"), "深圳市", None),
        (lambda: text("گۇاڭجۇ"), "广州市", None),
        (lambda: text("  乌鲁木齐  "), "乌鲁木齐", None),  # unknown cities are kept as typed
        (lambda: location(36.6123456, 101.7765432), "西宁市", (36.61235, 101.77654)),
    ],
)
def test_host_city_answers(
    given: Callable[[], Input], city: str, coordinates: tuple[float, float] | None
) -> None:
    conversation = reach("host_city")
    conversation.send(given())
    assert conversation.state == "home_county"
    assert conversation.data["city"] == city
    if coordinates is None:
        assert "lat" not in conversation.data
    else:
        assert (conversation.data["lat"], conversation.data["lon"]) == coordinates


def test_host_city_location_far_away_asks_again() -> None:
    conversation = reach("host_city")
    before = copy.deepcopy(conversation.data)
    conversation.send(location(43.83, 87.62))
    assert (conversation.state, conversation.data) == ("host_city", before)
    assert reply_ids(conversation.result) == [["intake-city-location-unknown"]]


@pytest.mark.parametrize(
    ("given", "county"),
    [
        (lambda: press("county:minhe"), "民和县"),
        (lambda: text("互助土族自治县"), "互助县"),
        (lambda: text("门源县"), "门源县"),
    ],
)
def test_home_county_answers(given: Callable[[], Input], county: str) -> None:
    conversation = reach("home_county")
    conversation.send(given())
    assert conversation.state == "reporter_name"
    assert conversation.data["county"] == county


@pytest.mark.parametrize(
    ("given", "people"),
    [
        (lambda: press("people:1"), 1),
        (lambda: press("people:30"), 30),
        (lambda: text("12"), 12),
        (lambda: text(" 7 "), 7),
        (lambda: text("１２"), 12),
        (lambda: text("100000"), 100_000),
    ],
)
def test_people_answers(given: Callable[[], Input], people: int) -> None:
    conversation = reach("people")
    conversation.send(given())
    assert conversation.state == "danger"
    assert conversation.data["people"] == people


@pytest.mark.parametrize("typed", ["0", "-3", "100001", "3.5", "五", "many", "people:5"])
def test_people_rejects_implausible_numbers(typed: str) -> None:
    conversation = reach("people")
    before = copy.deepcopy(conversation.data)
    conversation.send(text(typed))
    assert (conversation.state, conversation.data) == ("people", before)
    assert reply_ids(conversation.result) == [["intake-hint-people"]]


@pytest.mark.parametrize(
    ("given", "amount"),
    [
        (lambda: press("skip"), None),
        (lambda: text("￥3,000"), "3000"),
        (lambda: text("５千"), "5000"),
    ],
)
def test_amount_answers(given: Callable[[], Input], amount: str | None) -> None:
    conversation = reach("amount")
    conversation.send(given())
    assert conversation.state == "people"
    assert conversation.data["amount"] == amount


@pytest.mark.parametrize("typed", ["0", "-100", "很多", "1.234"])
def test_amount_rejects_what_is_not_an_amount(typed: str) -> None:
    conversation = reach("amount")
    before = copy.deepcopy(conversation.data)
    conversation.send(text(typed))
    assert (conversation.state, conversation.data) == ("amount", before)
    assert reply_ids(conversation.result) == [["intake-amount-invalid"]]


@pytest.mark.parametrize(
    ("state", "limit"), [("reporter_name", 40), ("other_name", 60), ("outcome", 1000)]
)
def test_free_text_over_the_limit_is_refused_not_cut(state: str, limit: int) -> None:
    conversation = reach(state)
    before = copy.deepcopy(conversation.data)
    conversation.send(text("马" * (limit + 1)))
    assert (conversation.state, conversation.data) == (state, before)
    assert [reply.parts for reply in conversation.result.replies] == [
        (Msg("input-too-long", {"limit": limit}),)
    ]
    conversation.send(text("马" * limit))
    assert conversation.state != state


# ---- back --------------------------------------------------------------------------------


@pytest.mark.parametrize("state", DRAFT_SEQUENCE[1:-1])
def test_back_returns_to_the_previous_step_keeping_answers(state: str) -> None:
    conversation = reach(state)
    before = copy.deepcopy(conversation.data)
    conversation.send(press("back"))
    previous = DRAFT_SEQUENCE[DRAFT_SEQUENCE.index(state) - 1]
    assert conversation.state == previous
    assert without_seq(conversation.data) == without_seq(before)
    assert conversation.seq == before["seq"] + 1
    assert [ids(reply) for reply in main_replies(conversation.result)] == [prompt_ids(previous)]
    # Answering again leads forward to the same step.
    answer(conversation)
    assert conversation.state == state


@pytest.mark.parametrize("state", ["dispute_type", "summary"])
def test_no_back_from_the_first_step_and_the_summary(state: str) -> None:
    conversation = reach(state)
    before = copy.deepcopy(conversation.data)
    conversation.send(press("back"))
    assert (conversation.state, conversation.data) == (state, before)
    assert reply_ids(conversation.result) == [["intake-no-back"]]
    assert not conversation.result.changed


def test_first_step_and_summary_offer_no_back_button() -> None:
    assert "back" not in actions(reach("dispute_type").last)
    assert "back" not in actions(reach("summary").last)
    for state in DRAFT_SEQUENCE[1:-1]:
        reply = reach(state).last
        offered = actions(reply) + [key.label.id for row in reply.keyboard for key in row]
        assert "back" in offered or "button-back" in offered, state


def test_story_prompt_after_back_shows_the_count_and_a_clear_button() -> None:
    conversation = reach("amount")
    conversation.send(press("back"))
    assert conversation.state == "story"
    (reply,) = conversation.result.replies
    assert reply.parts[1] == Msg("intake-ask-story", {"count": 1})
    assert "story:clear" in actions(reply)


@pytest.mark.parametrize(
    "leave", [lambda: press("back"), lambda: press("cancel"), lambda: command("cancel")]
)
def test_leaving_the_phone_step_removes_its_reply_keyboard(leave: Callable[[], Input]) -> None:
    conversation = reach("reporter_phone")
    conversation.send(leave())
    assert conversation.state != "reporter_phone"
    assert any(reply.remove_keyboard for reply in conversation.result.replies)


# ---- cancel ---------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["button", "command"])
@pytest.mark.parametrize("state", [*DRAFT_SEQUENCE, "confirm_restart"])
def test_cancel_from_every_draft_step_clears_the_draft(state: str, how: str) -> None:
    conversation = reach(state)
    before = copy.deepcopy(conversation.data)
    conversation.send(press("cancel") if how == "button" else command("cancel"))
    assert conversation.state == "idle"
    assert set(conversation.data) == KEPT_KEYS
    assert conversation.data["lang"] == before["lang"]
    assert conversation.data["consented"] is True
    assert conversation.seq == before["seq"] + 1
    assert reply_ids(conversation.result) == [["intake-cancelled"]]
    assert conversation.result.effects == []


def test_cancel_keeps_the_chosen_language() -> None:
    conversation = reach("host_city")
    conversation.send(command("language"))
    conversation.send(press("lang:bo"))
    conversation.send(press("cancel"))
    assert conversation.data == {"lang": "bo", "consented": True, "seq": conversation.seq}


def test_cancel_when_idle_says_there_is_nothing_to_cancel() -> None:
    conversation = reach("summary")
    conversation.send(press("submit"))
    before = copy.deepcopy(conversation.data)
    conversation.send(command("cancel"))
    assert (conversation.state, conversation.data) == ("idle", before)
    assert reply_ids(conversation.result) == [["nothing-to-cancel"]]


BEFORE_CONSENT = [
    ("start", lambda: command("cancel")),
    ("language", lambda: command("cancel")),
    ("language", lambda: press("cancel")),
    ("consent", lambda: command("cancel")),
    ("consent", lambda: press("cancel")),
    ("consent", lambda: press("consent:no")),
]


@pytest.mark.parametrize(("state", "leave"), BEFORE_CONSENT)
def test_cancel_or_decline_before_consent_ends_declined(
    state: str, leave: Callable[[], Input]
) -> None:
    conversation = reach(state)
    conversation.send(leave())
    assert conversation.state == "declined"
    assert conversation.data["consented"] is False
    assert reply_ids(conversation.result) == [["consent-declined"]]
    # The handler deletes the conversation on Declined: nothing about the person is kept.
    assert conversation.result.effects == [Declined()]


def test_declined_person_gets_the_idle_hint() -> None:
    conversation = reach("consent")
    conversation.send(press("consent:no"))
    before = copy.deepcopy(conversation.data)
    conversation.send(text("你好"))
    assert (conversation.state, conversation.data) == ("declined", before)
    assert reply_ids(conversation.result) == [["idle-hint"]]


@pytest.mark.parametrize("name", ["start", "new"])
def test_declined_person_can_start_again(name: str) -> None:
    conversation = reach("consent")
    conversation.send(press("consent:no"))
    conversation.send(command(name))
    assert conversation.state == "language"
    assert ids(conversation.last) == prompt_ids("language")


@pytest.mark.parametrize("leave", [lambda: command("cancel"), lambda: press("cancel")])
def test_cancel_on_the_language_picker_mid_draft_does_not_decline(
    leave: Callable[[], Input],
) -> None:
    conversation = reach("host_city")
    conversation.send(command("language"))
    conversation.send(leave())
    assert conversation.state != "declined"
    assert ["consent-declined"] not in reply_ids(conversation.result)


# ---- /start mid-draft -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["start", "new"])
@pytest.mark.parametrize("state", DRAFT_SEQUENCE)
def test_start_mid_draft_then_restart_clears_the_draft(state: str, name: str) -> None:
    conversation = reach(state)
    seq = conversation.seq
    conversation.send(command(name))
    assert conversation.state == "confirm_restart"
    assert conversation.data["resume"] == state
    (reply,) = main_replies(conversation.result)
    assert reply.parts == (Msg("intake-restart-confirm", {"step": STEP[state], "total": 9}),)
    assert actions(reply) == ["restart:yes", "restart:no"]
    conversation.send(press("restart:yes"))
    assert conversation.state == "dispute_type"
    assert set(conversation.data) == KEPT_KEYS
    assert conversation.data["consented"] is True
    assert conversation.seq == seq + 2
    assert reply_ids(conversation.result) == [prompt_ids("dispute_type")]


@pytest.mark.parametrize("state", DRAFT_SEQUENCE)
def test_start_mid_draft_then_resume_keeps_the_answers(state: str) -> None:
    conversation = reach(state)
    before = copy.deepcopy(conversation.data)
    conversation.send(command("start"))
    conversation.send(press("restart:no"))
    assert conversation.state == state
    assert without_seq(conversation.data) == without_seq(before)
    assert conversation.seq == before["seq"] + 2
    assert reply_ids(conversation.result) == [prompt_ids(state)]


def test_start_on_the_restart_question_asks_it_again() -> None:
    conversation = reach("confirm_restart")
    before = copy.deepcopy(conversation.data)
    conversation.send(command("start"))
    assert (conversation.state, conversation.data) == ("confirm_restart", before)
    assert reply_ids(conversation.result) == [["intake-restart-confirm"]]


# ---- /language mid-draft -----------------------------------------------------------------------


@pytest.mark.parametrize("state", DRAFT_SEQUENCE)
def test_language_mid_draft_returns_to_the_same_step_in_the_new_language(state: str) -> None:
    conversation = reach(state)
    before = copy.deepcopy(conversation.data)
    conversation.send(command("language"))
    assert conversation.state == "language"
    assert conversation.data["resume"] == state
    (picker,) = main_replies(conversation.result)
    assert actions(picker) == ["lang:zh", "lang:bo", "lang:ug"]  # the current one first

    conversation.send(press("lang:ug"))
    assert conversation.state == state
    assert conversation.data == {**before, "lang": "ug", "seq": before["seq"] + 2}
    assert conversation.result.effects == [LanguageChosen("ug")]
    assert reply_ids(conversation.result) == [prompt_ids(state)]
    # The next picker now offers Uyghur first, marked as selected.
    conversation.send(command("language"))
    (picker,) = main_replies(conversation.result)
    assert actions(picker) == ["lang:ug", "lang:zh", "lang:bo"]
    assert picker.buttons[0][0].label.id == "language-option-selected"  # type: ignore[union-attr]


def test_language_before_consent_comes_back_to_the_consent() -> None:
    conversation = reach("consent")
    conversation.send(command("language"))
    conversation.send(press("lang:bo"))
    assert conversation.state == "consent"
    assert conversation.data["lang"] == "bo"
    assert "resume" not in conversation.data
    assert reply_ids(conversation.result) == [["consent-notice"]]


def test_language_then_submit_files_the_case_in_the_new_language() -> None:
    conversation = reach("summary")
    conversation.send(command("language"))
    conversation.send(press("lang:bo"))
    conversation.send(press("submit"))
    submitted = conversation.result.effects[-1]
    assert isinstance(submitted, Submitted)
    assert submitted.case.language is Language.BO


# ---- editing from the summary -------------------------------------------------------------------

#: Other valid answers, so an edit visibly changes the draft.
EDITS: dict[str, tuple[Callable[[], Input], ...]] = {
    "dispute_type": (lambda: press("type:rent"),),
    "host_city": (lambda: press("city:xining"),),
    "home_county": (lambda: press("county:huzhu"),),
    "reporter_name": (lambda: text("马小明"),),
    "reporter_phone": (lambda: text("139 0013 9000"),),
    "other_name": (lambda: text("李房东"),),
    "other_role": (lambda: press("role:landlord"),),
    "other_phone": (lambda: press("skip"),),
    "story": (lambda: text("又补充一句"), lambda: press("done")),
    "amount": (lambda: text("￥3000"),),
    "people": (lambda: text("12"),),
    "danger": (lambda: press("danger:yes"),),
    "outcome": (lambda: text("分期还款"),),
}
EDITED = {
    "dispute_type": {"type": "rent"},
    "host_city": {"city": "西宁市"},
    "home_county": {"county": "互助县"},
    "reporter_name": {"name": "马小明"},
    "reporter_phone": {"phone": "+8613900139000"},
    "other_name": {"other_name": "李房东"},
    "other_role": {"other_role": "landlord"},
    "other_phone": {"other_phone": None},
    "story": {"story": ["老板拖欠三个月工资。", "又补充一句"], "pieces": 2},
    "amount": {"amount": "3000"},
    "people": {"people": 12},
    "danger": {"danger": True},
    "outcome": {"outcome": "分期还款"},
}


@pytest.mark.parametrize("group", EDIT_GROUPS)
def test_summary_offers_an_edit_button_per_group(group: str) -> None:
    assert f"edit:{group}" in actions(reach("summary").last)


@pytest.mark.parametrize(("group", "states"), EDIT_GROUPS.items())
def test_edit_group_asks_its_steps_then_returns_to_the_summary(
    group: str, states: tuple[str, ...]
) -> None:
    conversation = reach("summary")
    before = copy.deepcopy(conversation.data)
    conversation.send(press(f"edit:{group}"))
    assert conversation.state == states[0]
    assert conversation.data["editing"] is True
    assert reply_ids(conversation.result) == [prompt_ids(states[0])]
    expected = {**before}
    for index, state in enumerate(states):
        assert conversation.state == state
        for make in EDITS[state]:
            conversation.send(make())
        expected.update(EDITED[state])
        following = states[index + 1] if index + 1 < len(states) else "summary"
        assert conversation.state == following
        assert ids(conversation.last) == prompt_ids(following)
    assert "editing" not in conversation.data
    assert without_seq(conversation.data) == without_seq(expected)
    # The summary shows the new answers.
    summary_args = conversation.last.parts[1].args
    if group == "place":
        assert (summary_args["city"], summary_args["county"]) == ("西宁市", "互助县")
    if group == "you":
        assert summary_args["phone"] == "13900139000"
    if group == "type":
        assert summary_args["type"] == Msg("dispute-type-rent")


@pytest.mark.parametrize(("group", "states"), EDIT_GROUPS.items())
def test_back_while_editing_returns_to_the_summary(group: str, states: tuple[str, ...]) -> None:
    conversation = reach("summary")
    before = copy.deepcopy(conversation.data)
    conversation.send(press(f"edit:{group}"))
    for state in states[1:]:  # walk to the group's last step first
        for make in EDITS[conversation.state]:
            conversation.send(make())
        assert conversation.state == state
    for state in reversed(states[:-1]):  # back inside the group goes step by step...
        conversation.send(press("back"))
        assert conversation.state == state
    conversation.send(press("back"))  # ...and from its first step to the summary
    assert conversation.state == "summary"
    assert reply_ids(conversation.result) == [prompt_ids("summary")]
    assert "editing" not in conversation.data
    if len(states) == 1:
        assert without_seq(conversation.data) == without_seq(before)


def test_danger_edited_to_yes_warns_before_the_summary() -> None:
    conversation = reach("summary")
    conversation.send(press("edit:people"))
    conversation.send(press("people:1"))
    conversation.send(press("danger:yes"))
    assert conversation.state == "summary"
    assert reply_ids(conversation.result) == [["intake-emergency"], prompt_ids("summary")]


def test_summary_arguments() -> None:
    conversation = reach("summary")
    (reply,) = conversation.result.replies
    assert reply.parts[1] == Msg(
        "intake-summary",
        {
            "type": Msg("dispute-type-wages"),
            "city": "广州市",
            "county": "化隆县",
            "name": "马晓明",
            "phone": "13800138000",  # the reporter sees their own number in full
            "other_name": "王老板",
            "other_role": Msg("party-role-employer"),
            "other_phone": "2012345678",
            "story": "老板拖欠三个月工资。",
            "files": 0,
            "amount": Msg("amount-yuan", {"amount": Decimal(15000)}),
            "people": Msg("people-option", {"count": 5}),  # the range picked: 5–9
            "danger": Msg("danger-no"),
            "outcome": "结清工资",
        },
    )
    assert actions(reply)[-2:] == ["submit", "cancel"]


@pytest.mark.parametrize(("typed", "shown"), [("3", "2–4"), ("7", "5–9"), ("12", "10–29")])
def test_summary_shows_a_typed_head_count_correctly(typed: str, shown: str) -> None:
    conversation = reach("summary")
    conversation.send(press("edit:people"))
    conversation.send(text(typed))
    conversation.send(press("danger:no"))
    assert conversation.state == "summary"
    rendered = Renderer(default_translator()).text("zh", conversation.last.parts[1])
    assert "30 人以上" not in rendered
    assert f"涉及人数：{typed}" in rendered or shown in rendered


@pytest.mark.parametrize("tail", ["སྒྲུ", "\U0001f44d\U0001f3fd"], ids=["tibetan", "emoji"])
def test_summary_story_preview_never_splits_a_grapheme(tail: str) -> None:
    conversation = reach("story")
    conversation.send(text("a" * 299 + tail + "b"))
    conversation.send(press("done"))
    while conversation.state != "summary":
        answer(conversation)
    story = "a" * 299 + tail + "b"
    preview = str(conversation.last.parts[1].args["story"])
    assert preview  # a preview is shown...
    assert story.startswith(preview)
    # ...and it ends on a grapheme boundary: the same as cutting the story in graphemes.
    assert truncate_graphemes(story, grapheme_count(preview)) == preview


# ---- the story ------------------------------------------------------------------------------


def test_story_collects_text_photos_voice_and_documents() -> None:
    conversation = reach("story")
    seq = conversation.seq
    inputs = [
        text("他不给钱"),
        media(AttachmentKind.PHOTO, "p1", caption="欠条"),
        media(AttachmentKind.VOICE, "v1"),
        media(AttachmentKind.DOCUMENT, "d1", caption="合同 <pdf>"),
        media(AttachmentKind.PHOTO, "p2", caption="🙏🙏"),  # an emoji caption is not story
    ]
    for count, given in enumerate(inputs, start=1):
        conversation.send(given)
        assert conversation.state == "story"
        (reply,) = conversation.result.replies
        assert reply.parts == (Msg("intake-story-received", {"count": count}),)
        assert actions(reply) == ["done"]
    assert conversation.seq == seq  # collecting pieces is not a state change
    assert conversation.data["story"] == ["他不给钱", "欠条", "合同 <pdf>"]
    assert conversation.data["files"] == [
        {"kind": "photo", "file_id": "p1", "file_unique_id": "u-p1"},
        {"kind": "voice", "file_id": "v1", "file_unique_id": "u-v1"},
        {"kind": "document", "file_id": "d1", "file_unique_id": "u-d1"},
        {"kind": "photo", "file_id": "p2", "file_unique_id": "u-p2"},
    ]
    assert conversation.data["pieces"] == 5
    conversation.send(press("done"))
    assert conversation.state == "amount"


def test_story_of_only_a_voice_message_is_enough() -> None:
    conversation = reach("story")
    conversation.send(media(AttachmentKind.VOICE, "v1"))
    conversation.send(press("done"))
    assert conversation.state == "amount"
    assert conversation.data.get("story", []) == []


def test_done_with_nothing_sent_is_a_hint() -> None:
    conversation = reach("story")
    before = copy.deepcopy(conversation.data)
    conversation.send(press("done"))
    assert (conversation.state, conversation.data) == ("story", before)
    assert reply_ids(conversation.result) == [["intake-story-empty"]]


def test_story_piece_limit() -> None:
    conversation = reach("story")
    for index in range(30):
        conversation.send(text(f"第{index}条"))
    assert conversation.data["pieces"] == 30
    before = copy.deepcopy(conversation.data)
    for given in (text("还有一条"), media(AttachmentKind.PHOTO, "late")):
        conversation.send(given)
        assert (conversation.state, conversation.data) == ("story", before)
        assert [reply.parts for reply in conversation.result.replies] == [
            (Msg("intake-story-full", {"limit": 30}),)
        ]
    conversation.send(press("done"))
    assert conversation.state == "amount"
    assert len(conversation.data["story"]) == 30


def test_story_clear_starts_the_story_over() -> None:
    conversation = reach("story")
    conversation.send(text("说错了"))
    conversation.send(media(AttachmentKind.PHOTO, "p1"))
    conversation.send(press("story:clear"))
    assert conversation.state == "story"
    assert (conversation.data["story"], conversation.data["files"]) == ([], [])
    assert conversation.data["pieces"] == 0
    (reply,) = conversation.result.replies
    assert reply.parts[1] == Msg("intake-ask-story", {"count": 0})
    assert "story:clear" not in actions(reply)


def test_story_piece_over_the_limit_is_refused() -> None:
    conversation = reach("story")
    before = copy.deepcopy(conversation.data)
    conversation.send(text("长" * 2001))
    assert (conversation.state, conversation.data) == ("story", before)
    assert [reply.parts for reply in conversation.result.replies] == [
        (Msg("input-too-long", {"limit": 2000}),)
    ]


# ---- danger -------------------------------------------------------------------------------------


def test_danger_yes_shows_emergency_numbers_before_the_next_question() -> None:
    conversation = reach("danger")
    conversation.send(press("danger:yes"))
    assert conversation.state == "outcome"
    assert conversation.data["danger"] is True
    assert reply_ids(conversation.result) == [["intake-emergency"], prompt_ids("outcome")]


def test_danger_no_goes_straight_on() -> None:
    conversation = reach("danger")
    conversation.send(press("danger:no"))
    assert conversation.data["danger"] is False
    assert reply_ids(conversation.result) == [prompt_ids("outcome")]


# ---- the seq counter ---------------------------------------------------------------------


def test_seq_counts_state_changes_only() -> None:
    conversation = Conversation()
    script: list[Input] = [
        command("start"),
        text("hi"),  # a re-prompt of the language picker
        press("lang:zh"),
        press("consent:maybe"),  # hint
        press("consent:yes"),
        text("工资"),  # hint: a button is needed
        press("type:wages"),
        press("back"),
        press("type:wages"),
        text("广州"),
        text("化隆"),
        text("马晓明"),
        contact("13800138000", owner=STRANGER_ID),  # hint
        text("13800138000"),
        text("王老板"),
        press("role:employer"),
        press("skip"),
        text("一"),  # a story piece: data changes, state does not
        text("二"),
        press("done"),
        command("help"),  # hint
        command("language"),
        press("lang:zh"),
        press("skip"),
    ]
    for given in script:
        state, seq = conversation.state, conversation.seq
        conversation.send(given)
        if conversation.state != state:
            assert conversation.seq == seq + 1, (state, conversation.state)
        else:
            assert conversation.seq == seq, state
    assert conversation.state == "people"


def test_hints_report_no_change() -> None:
    conversation = reach("dispute_type")
    conversation.send(text("工资"))
    assert not conversation.result.changed
    conversation.send(press("type:wages"))
    assert conversation.result.changed


# ---- one shared machine ------------------------------------------------------------------


def test_run_intake_registers_no_model_permanently() -> None:
    machine = IntakeConversation.machine
    before = list(machine.models)
    conversation = Conversation()
    for _ in range(30):
        if conversation.state == "idle":
            break
        answer(conversation)
        assert IntakeConversation.machine is machine
        assert machine.models == before
    assert conversation.state == "idle"
    conversation.send(text("junk"))
    assert machine.models == before
    assert not any(isinstance(model, IntakeConversation) for model in machine.models)


def test_the_conversation_runs_on_the_shared_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    machine = IntakeConversation.machine
    seen: list[tuple[int, bool]] = []
    original = IntakeConversation._on_host_city

    def spy(self: IntakeConversation, event: InboundEvent, action: str | None) -> None:
        seen.append((len(machine.models), machine.models[-1] is self))
        original(self, event, action)

    monkeypatch.setattr(IntakeConversation, "_on_host_city", spy)
    before = len(machine.models)
    conversation = reach("host_city")
    conversation.send(text("广州"))
    assert seen == [(before + 1, True)]
    assert len(machine.models) == before
    assert conversation.state == "home_county"


def test_model_is_removed_even_when_handling_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: IntakeConversation, event: InboundEvent, action: str | None) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(IntakeConversation, "_on_host_city", boom)
    machine = IntakeConversation.machine
    before = list(machine.models)
    conversation = reach("host_city")
    with pytest.raises(RuntimeError, match="boom"):
        conversation.send(text("广州"))
    assert machine.models == before


def test_run_intake_does_not_mutate_its_input() -> None:
    conversation = reach("story")
    conversation.send(text("第一条"))
    data = copy.deepcopy(conversation.data)
    snapshot = copy.deepcopy(data)
    event, action = text("新的一条")
    state, new_data, _ = run_intake("story", data, event, action, CTX)
    assert data == snapshot
    assert new_data is not data
    assert new_data["story"] == [*snapshot["story"], "新的一条"]
    assert state == "story"


@pytest.mark.parametrize("state", ["start", "language", "consent", *DRAFT_SEQUENCE, "idle"])
def test_help_is_available_everywhere_and_changes_nothing(state: str) -> None:
    conversation = reach(state) if state != "idle" else reach("summary")
    if state == "idle":
        conversation.send(press("submit"))
    before = (conversation.state, copy.deepcopy(conversation.data))
    conversation.send(command("help"))
    assert (conversation.state, conversation.data) == before
    assert reply_ids(conversation.result) == [["help-text"]]
