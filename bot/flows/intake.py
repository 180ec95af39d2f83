"""The intake conversation: a reporter files a dispute in nine steps.

One `transitions` machine serves every conversation: each update builds a light
`IntakeConversation` from the stored state and data, registers it with
`add_model(..., initial=state)`, runs, and is removed again (a model per user kept
registered would cost ~10 KiB each and slow registration super-linearly).

State diagram (generated from the machine by `mediation-bot diagram`, see
docs/intake-flow.md)::

    start -> language -> consent -> dispute_type -> host_city -> home_county
      -> reporter_name -> reporter_phone -> other_name -> other_role -> other_phone
      -> story -> amount -> people -> danger -> outcome -> summary -> idle
    consent --decline--> declined;  any draft step --cancel--> idle
    any draft step --/start--> confirm_restart --restart|resume-->
    summary --edit_*--> the field's step --advance--> summary
"""

from __future__ import annotations

import copy
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from itertools import pairwise
from typing import Any, ClassVar

from transitions import EventData, Machine

from bot.domain.amounts import parse_amount
from bot.domain.events import EventKind, InboundEvent
from bot.domain.models import (
    AttachmentKind,
    AttachmentRef,
    DisputeType,
    Language,
    NewCase,
    PartyRole,
)
from bot.domain.phone import (
    mask_phone,
    national_digits,
    parse_china_phone,
    parse_mainland_mobile,
)
from bot.domain.places import PlaceCatalogue
from bot.domain.risk import grade
from bot.domain.sanitize import (
    clean_text,
    grapheme_count,
    has_letters_or_digits,
    truncate_graphemes,
)
from bot.flows.output import (
    Button,
    Consented,
    Declined,
    FlowResult,
    KeyButton,
    LanguageChosen,
    Msg,
    Reply,
    Submitted,
    rows,
)

FLOW_NAME = "intake"

# Limits in grapheme clusters; longer answers get a hint instead of being cut.
MAX_NAME = 40
MAX_PLACE = 30
MAX_OTHER_NAME = 60
MAX_STORY_PIECE = 2000
MAX_STORY_PIECES = 30
MAX_OUTCOME = 1000
MAX_PEOPLE = 100_000
#: How much of the story and the outcome the summary shows, so it fits one message.
SUMMARY_PREVIEW = 200

#: The nine steps as the reporter sees them; several machine states share a step.
STEP_OF: dict[str, int] = {
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
TOTAL_STEPS = 9
#: Draft states in the order they are asked.
SEQUENCE: tuple[str, ...] = tuple(STEP_OF)
#: Summary edit buttons: group name -> the states it re-asks.
GROUPS: dict[str, tuple[str, ...]] = {
    "type": ("dispute_type",),
    "place": ("host_city", "home_county"),
    "you": ("reporter_name", "reporter_phone"),
    "other": ("other_name", "other_role", "other_phone"),
    "story": ("story",),
    "amount": ("amount",),
    "people": ("people", "danger"),
    "outcome": ("outcome",),
}
_GROUP_START = {states[0] for states in GROUPS.values()}
_GROUP_END = {states[-1] for states in GROUPS.values()}
DRAFT_STATES = frozenset(SEQUENCE)
STATES: tuple[str, ...] = (
    "start",
    "language",
    "consent",
    *SEQUENCE,
    "confirm_restart",
    "idle",
    "declined",
)
#: States a detour (/language, /start) can come back to.
_RESUMABLE = (*SEQUENCE, "idle", "consent")
#: The lower bound of each range offered on the buttons (see `people-option`).
_PEOPLE_CHOICES = (1, 2, 5, 10, 30)
#: Draft fields cleared when a report is started over, submitted or cancelled.
_DRAFT_KEYS = (
    "type",
    "city",
    "county",
    "lat",
    "lon",
    "name",
    "phone",
    "other_name",
    "other_role",
    "other_phone",
    "story",
    "files",
    "pieces",
    "amount",
    "people",
    "danger",
    "outcome",
    "editing",
    "resume",
)


@dataclass(frozen=True)
class IntakeContext:
    """What the flow needs from outside: the time, the places and the privacy terms."""

    now: datetime
    places: PlaceCatalogue = field(default_factory=PlaceCatalogue)
    operator_name: str = ""
    operator_contact: str = ""
    retention_days: int = 730


def _model_data(event: EventData) -> dict[str, Any]:
    data: dict[str, Any] = event.model.data  # type: ignore[attr-defined]
    return data


def _is_editing(event: EventData) -> bool:
    return bool(_model_data(event).get("editing"))


def _build_machine() -> Machine:
    machine = Machine(
        model=None,
        states=list(STATES),
        initial="start",
        auto_transitions=False,
        send_event=True,
        after_state_change="_entered",
    )
    add = machine.add_transition
    add("greet", "start", "language")
    add("choose_language", "*", "language", before="_remember_resume")
    add("chosen", "language", "consent", unless=["_has_resume", "_is_consented"])
    add("chosen", "language", "dispute_type", unless="_has_resume")
    add("consent", "consent", "dispute_type")
    add("decline", ["start", "language", "consent"], "declined", before="_record_decline")
    add("begin", ["idle", "start", "declined"], "dispute_type", conditions="_is_consented")
    add("begin", ["idle", "start", "declined"], "language")
    add("ask_restart", list(DRAFT_STATES), "confirm_restart", before="_remember_resume")
    add("restart", "confirm_restart", "dispute_type", before="_clear_draft")
    add("cancel", [*DRAFT_STATES, "confirm_restart"], "idle", before="_clear_draft")
    add("submit", "summary", "idle", before="_clear_draft")
    for state in _RESUMABLE:
        add(
            "resume",
            ["language", "confirm_restart"],
            state,
            conditions=_resume_is(state),
            after="_forget_resume",
        )
    for current, following in pairwise(SEQUENCE):
        if current in _GROUP_END:
            add("advance", current, "summary", conditions=_is_editing)
        add("advance", current, following)
    add("back", "dispute_type", "summary", conditions=_is_editing)
    # The summary has no back: it offers an edit button per field instead.
    for previous, current in pairwise(SEQUENCE[:-1]):
        if current in _GROUP_START:
            add("back", current, "summary", conditions=_is_editing)
        add("back", current, previous)
    for group, states in GROUPS.items():
        add(f"edit_{group}", "summary", states[0], before="_start_editing")
    return machine


def _resume_is(state: str) -> Callable[[EventData], bool]:
    def check(event: EventData) -> bool:
        return bool(_model_data(event).get("resume") == state)

    return check


class IntakeConversation:
    """One reporter's intake during one update: state, answers and what to say."""

    #: The machine shared by every conversation of this process.
    machine: ClassVar[Machine]
    state: str
    # Triggers the machine binds on `add_model`; declared (without values, so
    # `transitions` still binds them) for the type checker.
    greet: Callable[[], bool]
    choose_language: Callable[[], bool]
    chosen: Callable[[], bool]
    consent: Callable[[], bool]
    decline: Callable[[], bool]
    begin: Callable[[], bool]
    ask_restart: Callable[[], bool]
    restart: Callable[[], bool]
    resume: Callable[[], bool]
    cancel: Callable[[], bool]
    submit: Callable[[], bool]
    advance: Callable[[], bool]
    back: Callable[[], bool]

    def __init__(self, data: dict[str, Any], ctx: IntakeContext, result: FlowResult) -> None:
        self.data = data
        self.ctx = ctx
        self.result = result

    # ---- small helpers -------------------------------------------------
    @property
    def lang(self) -> str:
        """The conversation's language."""
        return str(self.data.get("lang", Language.ZH.value))

    @property
    def seq(self) -> int:
        """A counter bumped on every state change; buttons carry it to detect staleness."""
        return int(self.data.get("seq", 0))

    def say(self, *parts: Msg, **keyboard: Any) -> None:
        """Queue a reply."""
        self.result.replies.append(Reply(parts=parts, **keyboard))

    def hint(self, msg_id: str, **args: object) -> None:
        """Answer bad input: a short hint, nothing changes."""
        self.say(Msg(msg_id, args))

    def _set(self, key: str, value: object) -> None:
        self.data[key] = value
        self.result.changed = True

    # ---- machine callbacks (names referenced by the machine) ----------------
    def _entered(self, event: EventData) -> None:
        self.data["seq"] = self.seq + 1
        self.result.changed = True
        self.prompt()

    def _is_consented(self, event: EventData) -> bool:
        return bool(self.data.get("consented"))

    def _has_resume(self, event: EventData) -> bool:
        return bool(self.data.get("resume"))

    def _remember_resume(self, event: EventData) -> None:
        if self.state in _RESUMABLE and not (self.state == "consent" and self.data.get("resume")):
            self.data["resume"] = self.state

    def _record_decline(self, event: EventData) -> None:
        self.result.effects.append(Declined())

    def _forget_resume(self, event: EventData) -> None:
        self.data.pop("resume", None)

    def _clear_draft(self, event: EventData) -> None:
        self.data = clear_draft(self.data)

    def _start_editing(self, event: EventData) -> None:
        self.data["editing"] = True

    # ---- prompts ----------------------------------------------------------
    def prompt(self) -> None:
        """Ask the question of the current state."""
        getattr(self, f"_prompt_{self.state}")()

    def _step(self, msg_id: str, **args: object) -> tuple[Msg, ...]:
        step = STEP_OF[self.state]
        return (Msg("intake-progress", {"step": step, "total": TOTAL_STEPS}), Msg(msg_id, args))

    def _nav(self, *, back: bool = True) -> tuple[Button, ...]:
        buttons = [Button(Msg("button-back"), "back")] if back else []
        buttons.append(Button(Msg("button-cancel"), "cancel"))
        return tuple(buttons)

    def _prompt_start(self) -> None:  # pragma: no cover - nothing enters "start"
        pass

    def _prompt_language(self) -> None:
        preferred = self.lang
        order = [preferred, *(lang.value for lang in Language if lang.value != preferred)]
        buttons = tuple(
            Button(
                Msg(
                    "language-option-selected" if lang == preferred else "language-option",
                    {"name": Msg("language-name", locale=lang)},
                ),
                f"lang:{lang}",
            )
            for lang in order
        )
        self.say(
            *(Msg("language-prompt", locale=lang) for lang in order),
            buttons=tuple((button,) for button in buttons),
        )

    def _prompt_consent(self) -> None:
        self.say(
            Msg(
                "consent-notice",
                {
                    "operator": self.ctx.operator_name,
                    "contact": self.ctx.operator_contact,
                    "days": self.ctx.retention_days,
                },
            ),
            buttons=(
                (Button(Msg("consent-accept"), "consent:yes"),),
                (Button(Msg("consent-decline"), "consent:no"),),
            ),
        )

    def _prompt_dispute_type(self) -> None:
        options = [
            Button(Msg(f"dispute-type-{kind.value}"), f"type:{kind.value}") for kind in DisputeType
        ]
        self.say(*self._step("intake-ask-type"), buttons=(*rows(options, 2), self._nav(back=False)))

    def _prompt_host_city(self) -> None:
        options = [
            Button(place.label(self.lang), f"city:{place.code}") for place in self.ctx.places.cities
        ]
        self.say(*self._step("intake-ask-city"), buttons=(*rows(options, 2), self._nav()))

    def _prompt_home_county(self) -> None:
        options = [
            Button(place.label(self.lang), f"county:{place.code}")
            for place in self.ctx.places.counties
        ]
        self.say(*self._step("intake-ask-county"), buttons=(*rows(options, 2), self._nav()))

    def _prompt_reporter_name(self) -> None:
        self.say(*self._step("intake-ask-name"), buttons=(self._nav(),))

    def _prompt_reporter_phone(self) -> None:
        # Only a reply keyboard can ask Telegram for the user's own contact, and a
        # message carries one keyboard: back/cancel are text buttons here.
        self.say(
            *self._step("intake-ask-phone"),
            keyboard=(
                (KeyButton(Msg("button-share-contact"), request_contact=True),),
                (KeyButton(Msg("button-back")), KeyButton(Msg("button-cancel"))),
            ),
        )

    def _prompt_other_name(self) -> None:
        self.say(*self._step("intake-ask-other-name"), buttons=(self._nav(),))

    def _prompt_other_role(self) -> None:
        options = [
            Button(Msg(f"party-role-{role.value}"), f"role:{role.value}") for role in PartyRole
        ]
        self.say(*self._step("intake-ask-other-role"), buttons=(*rows(options, 2), self._nav()))

    def _prompt_other_phone(self) -> None:
        self.say(
            *self._step("intake-ask-other-phone"),
            buttons=((Button(Msg("button-skip"), "skip"),), self._nav()),
        )

    def _prompt_story(self) -> None:
        count = int(self.data.get("pieces", 0))
        extra: tuple[tuple[Button, ...], ...] = ()
        if count:
            extra = ((Button(Msg("button-story-clear"), "story:clear"),),)
        self.say(
            *self._step("intake-ask-story", count=count),
            buttons=((Button(Msg("button-done"), "done"),), *extra, self._nav()),
        )

    def _prompt_amount(self) -> None:
        self.say(
            *self._step("intake-ask-amount"),
            buttons=((Button(Msg("button-skip"), "skip"),), self._nav()),
        )

    def _prompt_people(self) -> None:
        options = [
            Button(Msg("people-option", {"count": n}), f"people:{n}") for n in _PEOPLE_CHOICES
        ]
        self.say(*self._step("intake-ask-people"), buttons=(*rows(options, 3), self._nav()))

    def _prompt_danger(self) -> None:
        self.say(
            *self._step("intake-ask-danger"),
            buttons=(
                (Button(Msg("danger-yes"), "danger:yes"),),
                (Button(Msg("danger-no"), "danger:no"),),
                self._nav(),
            ),
        )

    def _prompt_outcome(self) -> None:
        self.say(*self._step("intake-ask-outcome"), buttons=(self._nav(),))

    def _prompt_summary(self) -> None:
        self.data.pop("editing", None)
        edits = [Button(Msg(f"button-edit-{group}"), f"edit:{group}") for group in GROUPS]
        self.say(
            *self._step("intake-summary", **self.summary_args()),
            buttons=(
                *rows(edits, 2),
                (Button(Msg("button-submit"), "submit"),),
                (Button(Msg("button-cancel"), "cancel"),),
            ),
        )

    def _prompt_confirm_restart(self) -> None:
        resume = str(self.data.get("resume", ""))
        self.say(
            Msg("intake-restart-confirm", {"step": STEP_OF.get(resume, 1), "total": TOTAL_STEPS}),
            buttons=(
                (Button(Msg("button-restart"), "restart:yes"),),
                (Button(Msg("button-continue"), "restart:no"),),
            ),
        )

    def _prompt_idle(self) -> None:
        if self.result.effects and isinstance(self.result.effects[-1], Submitted):
            return  # the handler announces the case number instead
        if self.data.get("cancelled"):
            self.data.pop("cancelled")
            self.say(Msg("intake-cancelled"))
        else:
            self.say(Msg("idle-hint"))

    def _prompt_declined(self) -> None:
        self.say(Msg("consent-declined"))

    def summary_args(self) -> dict[str, object]:
        """Arguments of the summary message, in the conversation's language."""
        data = self.data
        story = data.get("story", [])
        amount = data.get("amount")
        return {
            "type": Msg(f"dispute-type-{data.get('type', 'other')}"),
            "city": str(data.get("city", "")),
            "county": str(data.get("county", "")),
            "name": str(data.get("name", "")),
            # The reporter checks their own answers: numbers in full, masking is for groups.
            "phone": national_digits(str(data.get("phone", ""))),
            "other_name": str(data.get("other_name", "")),
            "other_role": Msg(f"party-role-{data.get('other_role', 'other')}"),
            "other_phone": (
                national_digits(str(data["other_phone"]))
                if data.get("other_phone")
                else Msg("value-none")
            ),
            "story": truncate_graphemes("\n".join(story), SUMMARY_PREVIEW),
            "files": len(data.get("files", [])),
            "amount": Msg("amount-yuan", {"amount": Decimal(str(amount))})
            if amount
            else Msg("value-none"),
            # The range offered on the buttons that holds the number (5 stands for "5–9").
            "people": Msg("people-option", {"count": people_range(int(data.get("people", 1)))}),
            "danger": Msg("danger-yes" if data.get("danger") else "danger-no"),
            "outcome": truncate_graphemes(str(data.get("outcome", "")), SUMMARY_PREVIEW),
        }

    # ---- input handling ------------------------------------------------------
    def handle(self, event: InboundEvent, action: str | None) -> None:
        """Apply one inbound event (with its validated button action, if any)."""
        if event.kind is EventKind.EDITED:
            self.hint("input-edited")
            return
        if event.forwarded:
            self.hint("input-forwarded")
            return
        if event.kind is EventKind.COMMAND:
            self._command(event)
            return
        if action == "cancel" and self.state in ("language", "consent"):
            self._leave_detour()
            return
        if action == "cancel" and self.state in (*DRAFT_STATES, "confirm_restart"):
            self.data["cancelled"] = True
            self.cancel()
            return
        if action == "back" and self.state in DRAFT_STATES:
            if self.state == "summary" or (
                STEP_OF[self.state] == 1 and not self.data.get("editing")
            ):
                self.hint("intake-no-back")
                return
            self.back()
            return
        getattr(self, f"_on_{self.state}")(event, action)

    def _command(self, event: InboundEvent) -> None:
        command = event.command
        if command in ("start", "new"):
            self._on_start_command(event)
        elif command == "cancel":
            if self.state in (*DRAFT_STATES, "confirm_restart"):
                self.data["cancelled"] = True
                self.cancel()
            elif self.state in ("start", "language", "consent"):
                self._leave_detour()
            else:
                self.hint("nothing-to-cancel")
        elif command == "language":
            self.choose_language()
        elif command == "help":
            self.hint("help-text")
        else:
            self.hint("unknown-command")

    def _leave_detour(self) -> None:
        """Cancel on the language picker or consent: back where /language was sent from,
        or, for someone who never consented, a polite end that keeps nothing."""
        if self.data.get("resume") and self.state == "language":
            self.resume()
        else:
            self.decline()

    def _on_start_command(self, event: InboundEvent) -> None:
        if self.state == "start":
            self.greet()
        elif self.state in ("language", "consent", "confirm_restart"):
            self.prompt()
        elif self.state in DRAFT_STATES:
            self.ask_restart()
        else:
            self.begin()

    def _on_start(self, event: InboundEvent, action: str | None) -> None:
        self.greet()

    def _on_idle(self, event: InboundEvent, action: str | None) -> None:
        self.hint("idle-hint")

    def _on_declined(self, event: InboundEvent, action: str | None) -> None:
        self.hint("idle-hint")

    def _on_language(self, event: InboundEvent, action: str | None) -> None:
        choice = _arg(action, "lang")
        if choice not in {lang.value for lang in Language}:
            self.prompt()
            return
        self._set("lang", choice)
        self.result.effects.append(LanguageChosen(choice))
        if self.data.get("resume"):
            self.resume()
        else:
            self.chosen()

    def _on_consent(self, event: InboundEvent, action: str | None) -> None:
        if action == "consent:yes":
            self._set("consented", True)
            self.result.effects.append(Consented(self.lang))
            if self.data.get("resume"):
                self.resume()
            else:
                self.consent()
        elif action == "consent:no":
            self.decline()
        else:
            self.hint("consent-hint")

    def _on_confirm_restart(self, event: InboundEvent, action: str | None) -> None:
        if action == "restart:yes":
            self.restart()
        elif action == "restart:no":
            self.resume()
        else:
            self.hint("intake-restart-hint")

    def _on_dispute_type(self, event: InboundEvent, action: str | None) -> None:
        choice = _arg(action, "type")
        if choice not in {kind.value for kind in DisputeType}:
            self.hint("intake-hint-type")
            return
        self._set("type", choice)
        self.advance()

    def _on_host_city(self, event: InboundEvent, action: str | None) -> None:
        places = self.ctx.places
        code = _arg(action, "city")
        if code is not None:
            place = places.city(code)
            if place is None:
                self.hint("intake-hint-city")
                return
            self._set("city", place.zh)
        elif (
            event.kind is EventKind.LOCATION
            and event.latitude is not None
            and event.longitude is not None
        ):
            place = places.nearest_city(event.latitude, event.longitude)
            if place is None:
                self.hint("intake-city-location-unknown")
                return
            self._set("city", place.zh)
            self._set("lat", round(event.latitude, 5))
            self._set("lon", round(event.longitude, 5))
        else:
            typed = self._typed(event, MAX_PLACE, "intake-hint-city")
            if typed is None:
                return
            matched = places.match_city(typed)
            self._set("city", matched.zh if matched else typed)
        self.advance()

    def _on_home_county(self, event: InboundEvent, action: str | None) -> None:
        places = self.ctx.places
        code = _arg(action, "county")
        if code is not None:
            place = places.county(code)
            if place is None:
                self.hint("intake-hint-county")
                return
            self._set("county", place.zh)
        else:
            typed = self._typed(event, MAX_PLACE, "intake-hint-county")
            if typed is None:
                return
            matched = places.match_county(typed)
            self._set("county", matched.zh if matched else typed)
        self.advance()

    def _on_reporter_name(self, event: InboundEvent, action: str | None) -> None:
        typed = self._typed(event, MAX_NAME, "intake-hint-name")
        if typed is None:
            return
        self._set("name", typed)
        self.advance()

    def _on_reporter_phone(self, event: InboundEvent, action: str | None) -> None:
        if event.kind is EventKind.CONTACT:
            if event.contact_user_id != event.user_id:
                self.hint("intake-contact-not-yours")
                return
            phone = parse_mainland_mobile(event.contact_phone or "")
        elif event.kind is EventKind.TEXT and event.text:
            phone = parse_mainland_mobile(event.text)
        else:
            self.hint("intake-hint-phone")
            return
        if phone is None:
            self.hint("intake-phone-invalid")
            return
        self._set("phone", phone)
        self.say(Msg("intake-phone-saved", {"phone": mask_phone(phone)}), remove_keyboard=True)
        self.advance()

    def _on_other_name(self, event: InboundEvent, action: str | None) -> None:
        typed = self._typed(event, MAX_OTHER_NAME, "intake-hint-other-name")
        if typed is None:
            return
        self._set("other_name", typed)
        self.advance()

    def _on_other_role(self, event: InboundEvent, action: str | None) -> None:
        choice = _arg(action, "role")
        if choice not in {role.value for role in PartyRole}:
            self.hint("intake-hint-other-role")
            return
        self._set("other_role", choice)
        self.advance()

    def _on_other_phone(self, event: InboundEvent, action: str | None) -> None:
        if action == "skip":
            self._set("other_phone", None)
            self.advance()
            return
        if event.kind is EventKind.CONTACT:
            # Here a contact card of someone else is exactly what we asked for.
            raw = event.contact_phone or ""
        elif event.kind is EventKind.TEXT and event.text:
            raw = event.text
        else:
            self.hint("intake-hint-other-phone")
            return
        phone = parse_china_phone(raw)
        if phone is None:
            self.hint("intake-other-phone-invalid")
            return
        self._set("other_phone", phone)
        self.advance()

    def _on_story(self, event: InboundEvent, action: str | None) -> None:
        story: list[str] = list(self.data.get("story", []))
        files: list[dict[str, str]] = list(self.data.get("files", []))
        if action == "done":
            if not story and not files:
                self.hint("intake-story-empty")
                return
            self.advance()
            return
        if action == "story:clear":
            self._set("story", [])
            self._set("files", [])
            self._set("pieces", 0)
            self.prompt()
            return
        pieces = int(self.data.get("pieces", 0))
        if pieces >= MAX_STORY_PIECES:
            self.hint("intake-story-full", limit=MAX_STORY_PIECES)
            return
        if event.kind is EventKind.MEDIA and event.attachment is not None:
            files.append(
                {
                    "kind": event.attachment.kind.value,
                    "file_id": event.attachment.file_id,
                    "file_unique_id": event.attachment.file_unique_id,
                }
            )
            self._set("files", files)
            if event.text:  # a caption is part of the story too
                caption = clean_text(event.text, max_graphemes=MAX_STORY_PIECE)
                if has_letters_or_digits(caption):
                    story.append(caption)
                    self._set("story", story)
        else:
            typed = self._typed(event, MAX_STORY_PIECE, "intake-hint-story")
            if typed is None:
                return
            story.append(typed)
            self._set("story", story)
        self._set("pieces", pieces + 1)
        self.say(
            Msg("intake-story-received", {"count": pieces + 1}),
            buttons=((Button(Msg("button-done"), "done"),),),
        )

    def _on_amount(self, event: InboundEvent, action: str | None) -> None:
        if action == "skip":
            self._set("amount", None)
            self.advance()
            return
        if event.kind is not EventKind.TEXT or not event.text:
            self.hint("intake-hint-amount")
            return
        amount = parse_amount(event.text)
        if amount is None:
            self.hint("intake-amount-invalid")
            return
        self._set("amount", str(amount))
        self.advance()

    def _on_people(self, event: InboundEvent, action: str | None) -> None:
        chosen = _arg(action, "people")
        value = chosen if chosen is not None else (event.text or "").strip()
        number = _to_int(value)
        if number is None or not 1 <= number <= MAX_PEOPLE:
            self.hint("intake-hint-people")
            return
        self._set("people", number)
        self.advance()

    def _on_danger(self, event: InboundEvent, action: str | None) -> None:
        if action not in ("danger:yes", "danger:no"):
            self.hint("intake-hint-danger")
            return
        danger = action == "danger:yes"
        self._set("danger", danger)
        if danger:
            # Emergency numbers first, before anything else is asked.
            self.say(Msg("intake-emergency"))
        self.advance()

    def _on_outcome(self, event: InboundEvent, action: str | None) -> None:
        typed = self._typed(event, MAX_OUTCOME, "intake-hint-outcome")
        if typed is None:
            return
        self._set("outcome", typed)
        self.advance()

    def _on_summary(self, event: InboundEvent, action: str | None) -> None:
        if action == "submit":
            self.result.effects.append(Submitted(self.build_case(event.user_id)))
            self.submit()
            return
        group = _arg(action, "edit")
        if group in GROUPS:
            getattr(self, f"edit_{group}")()
            return
        self.hint("intake-hint-summary")

    def _typed(self, event: InboundEvent, limit: int, hint_id: str) -> str | None:
        """Validated free text, or None after a hint (too long, empty, not text)."""
        if event.kind is not EventKind.TEXT or event.text is None:
            self.hint(hint_id)
            return None
        # Over-long input is refused, not silently cut: the user should know.
        cleaned = clean_text(event.text, max_graphemes=limit * 4)
        if grapheme_count(cleaned) > limit:
            self.hint("input-too-long", limit=limit)
            return None
        if not has_letters_or_digits(cleaned):
            self.hint(hint_id)
            return None
        return cleaned

    def build_case(self, user_id: int) -> NewCase:
        """The case as the summary shows it."""
        data = self.data
        amount = Decimal(str(data["amount"])) if data.get("amount") else None
        dispute_type = DisputeType(data["type"])
        people = int(data.get("people", 1))
        danger = bool(data.get("danger"))
        return NewCase(
            reporter_telegram_id=user_id,
            language=Language(self.lang),
            dispute_type=dispute_type,
            host_city=str(data["city"]),
            home_county=str(data["county"]),
            reporter_name=str(data["name"]),
            reporter_phone=str(data["phone"]),
            other_name=str(data["other_name"]),
            other_role=PartyRole(data["other_role"]),
            other_phone=data.get("other_phone"),
            story="\n\n".join(data.get("story", [])),
            desired_outcome=str(data["outcome"]),
            people_affected=people,
            danger=danger,
            risk=grade(dispute_type, danger=danger, people_affected=people, amount=amount),
            amount=amount,
            latitude=data.get("lat"),
            longitude=data.get("lon"),
            attachments=tuple(
                AttachmentRef(AttachmentKind(item["kind"]), item["file_id"], item["file_unique_id"])
                for item in data.get("files", [])
            ),
        )


def people_range(count: int) -> int:
    """The lower bound of the offered range that holds `count` (3 -> 2, meaning 2–4)."""
    return _PEOPLE_CHOICES[bisect_right(_PEOPLE_CHOICES, max(count, 1)) - 1]


def clear_draft(data: dict[str, Any]) -> dict[str, Any]:
    """The conversation data without the draft's answers (language and consent stay)."""
    return {key: value for key, value in data.items() if key not in _DRAFT_KEYS}


def _arg(action: str | None, prefix: str) -> str | None:
    if action is None or not action.startswith(f"{prefix}:"):
        return None
    return action[len(prefix) + 1 :]


def _to_int(value: str) -> int | None:
    value = value.strip()
    if not value.isdigit():
        # int() accepts full-width and other Unicode digits, which people do type.
        return None
    try:
        return int(value)
    except ValueError:
        return None


IntakeConversation.machine = _build_machine()


def run_intake(
    state: str,
    data: dict[str, Any],
    event: InboundEvent,
    action: str | None,
    ctx: IntakeContext,
) -> tuple[str, dict[str, Any], FlowResult]:
    """Run one event through the intake machine; returns the new state, data and result."""
    result = FlowResult()
    model = IntakeConversation(copy.deepcopy(data), ctx, result)
    machine = IntakeConversation.machine
    machine.add_model(model, initial=state)
    try:
        model.handle(event, action)
    finally:
        machine.remove_model(model)
    if state == "reporter_phone" and model.state != "reporter_phone":
        _close_reply_keyboard(result)
    return model.state, model.data, result


def _close_reply_keyboard(result: FlowResult) -> None:
    """Take the phone step's reply keyboard away, whichever way the step was left."""
    replies = result.replies
    if any(reply.remove_keyboard for reply in replies):
        return
    for index, reply in enumerate(replies):
        if not reply.buttons and not reply.keyboard:
            replies[index] = replace(reply, remove_keyboard=True)
            return
    # Every reply carries inline buttons, and a message holds one keyboard only.
    replies.insert(0, Reply(parts=(Msg("keyboard-closed"),), remove_keyboard=True))
