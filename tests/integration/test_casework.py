"""Mediators on a real database: routing, cards, claiming, refusals, prompts, relay."""

from __future__ import annotations

import asyncio

import pytest

from bot.domain.events import EventKind
from bot.domain.models import CaseRecord, CaseStatus, DisputeType, Language, RiskLevel
from tests.factories import new_case
from tests.integration.harness import (
    ADMIN,
    GZ_GROUP,
    HUALONG_GROUP,
    MEDIATOR_A,
    MEDIATOR_B,
    OUTSIDER,
    REPORTER,
    SZ_GROUP,
    Desk,
    command,
    ev,
    press,
    say,
)


async def test_a_case_is_routed_to_the_host_office_with_a_card_and_the_home_centre_told(
    desk: Desk,
) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT)
    assert (case.office_code, case.route_reason) == ("gz-service", "host-city")
    cards = await desk.outbox(GZ_GROUP)
    card = [item for item in cards if item.kind == "card"][-1]
    # Masked: the reporter 马明 shows as 马*, the phone as 138****0000.
    assert "马*" in card.payload["text"]
    assert "马明" not in card.payload["text"]
    assert "138****0000" in card.payload["text"]
    labels = [b["text"] for row in card.payload["inline_keyboard"] for b in row]
    assert labels[:5] == ["接单", "详情", "转派", "上报", "回避"]
    informed = [item for item in await desk.outbox(HUALONG_GROUP) if item.kind == "card"]
    assert informed
    assert "inline_keyboard" not in informed[-1].payload
    assert ("routed", None) in await desk.events(case.id)


async def test_a_labour_case_goes_to_the_labour_committee_when_it_has_a_group(
    desk: Desk,
) -> None:
    # The committee has no group yet: the host office of the same city takes the case.
    early = await desk.file(dispute_type=DisputeType.WAGES)
    assert (early.office_code, early.route_reason) == ("gz-service", "labour-committee")
    await desk.handle(command(-100444, ADMIN, "bind gd-labour-committee", chat_title="劳动"))
    case = await desk.file(dispute_type=DisputeType.WAGES)
    assert case.office_code == "gd-labour-committee"


async def test_claim_then_the_reporter_is_told_in_their_language(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT, language=Language.BO)
    toast = await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "claim")))
    assert toast is not None
    assert "已接单" in toast
    claimed = await desk.case(case.id)
    assert claimed.status is CaseStatus.CLAIMED
    assert claimed.owner_telegram_id == MEDIATOR_A
    reporter_texts = await desk.texts(REPORTER)
    assert reporter_texts
    assert case.number in reporter_texts[-1]
    assert "调解员" not in reporter_texts[-1]  # Tibetan, not Chinese
    card = [item for item in await desk.outbox(GZ_GROUP) if item.kind == "card"][-1]
    assert "承办人" in card.payload["text"]


async def test_two_simultaneous_claims_leave_exactly_one_owner(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT)
    data = await desk.card_data(case, "claim")
    toasts = await asyncio.gather(
        desk.handle(press(GZ_GROUP, MEDIATOR_A, data)),
        desk.handle(press(GZ_GROUP, MEDIATOR_B, data)),
    )
    claimed = await desk.case(case.id)
    assert claimed.owner_telegram_id in (MEDIATOR_A, MEDIATOR_B)
    loser_toast = toasts[1] if claimed.owner_telegram_id == MEDIATOR_A else toasts[0]
    assert loser_toast is not None
    assert "已由" in loser_toast
    assert claimed.owner_name in loser_toast
    claims = [kind for kind, _ in await desk.events(case.id) if kind == "claim"]
    assert claims == ["claim"]


@pytest.mark.parametrize(
    ("chat", "user", "data", "expected"),
    [
        (GZ_GROUP, OUTSIDER, None, "只有本单位群组"),  # not a member
        (GZ_GROUP, MEDIATOR_A, "cs:999999:1:claim", "无法识别"),  # no such case
        (GZ_GROUP, MEDIATOR_A, "cs:x:1:claim", "无法识别"),  # malformed
        (GZ_GROUP, MEDIATOR_A, "cs:{id}:1:launch", "无法识别"),  # unknown action
        (HUALONG_GROUP, MEDIATOR_A, None, "知会"),  # another office's case
        (GZ_GROUP, MEDIATOR_A, "cs:{id}:0:claim", "过期"),  # stale revision
        (GZ_GROUP, MEDIATOR_A, "{resolve}", "状态下不能"),  # not before it is claimed
    ],
)
async def test_forged_stale_and_foreign_presses_change_nothing(
    desk: Desk, chat: int, user: int, data: str | None, expected: str
) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT)
    before = await desk.case(case.id)
    current = await desk.card_data(case, "claim")
    payload = (data or current).format(id=case.id, resolve=current.replace("claim", "resolve"))
    toast = await desk.handle(press(chat, user, payload))
    assert toast is not None
    assert expected in toast
    after = await desk.case(case.id)
    assert after == before


async def test_only_the_owner_resolves(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT)
    await claim(desk, case)
    toast = await desk.handle(press(GZ_GROUP, MEDIATOR_B, await desk.card_data(case, "resolve")))
    assert toast is not None
    assert "只有承办人" in toast
    assert "user7001" in toast
    assert (await desk.case(case.id)).status is CaseStatus.CLAIMED


async def test_a_party_cannot_claim_their_own_case(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT, reporter_telegram_id=MEDIATOR_A)
    toast = await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "claim")))
    assert toast is not None
    assert "当事人" in toast
    assert (await desk.case(case.id)).owner_telegram_id is None


async def test_a_redelivered_press_acts_once(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT)
    event = press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "claim"))
    await desk.handle(event)
    await desk.handle(event)
    assert [k for k, _ in await desk.events(case.id)].count("claim") == 1


async def claim(desk: Desk, case: CaseRecord, user: int = MEDIATOR_A) -> None:
    await desk.handle(press(GZ_GROUP, user, await desk.card_data(case, "claim")))
    assert (await desk.case(case.id)).owner_telegram_id == user


async def prompt_buttons(desk: Desk, user: int) -> dict[str, str]:
    last = [item for item in await desk.outbox(user) if "inline_keyboard" in item.payload][-1]
    return {
        b["callback_data"].split(":", 2)[2]: b["callback_data"]
        for row in last.payload["inline_keyboard"]
        for b in row
    }


async def test_transfer_asks_privately_then_moves_the_card(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT)
    await claim(desk, case)
    toast = await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "transfer")))
    assert toast is not None
    assert "私聊" in toast
    buttons = await prompt_buttons(desk, MEDIATOR_A)
    assert "office:sz-service" in buttons
    assert "office:gz-service" not in buttons
    await desk.handle(press(MEDIATOR_A, MEDIATOR_A, buttons["office:sz-service"]))
    await desk.handle(say(MEDIATOR_A, MEDIATOR_A, "店铺实际在深圳"))
    moved = await desk.case(case.id)
    assert moved.office_code == "sz-service"
    assert moved.status is CaseStatus.SUBMITTED
    assert moved.owner_telegram_id is None
    old_card = [item for item in await desk.outbox(GZ_GROUP) if item.kind == "card"][-1]
    assert "inline_keyboard" not in old_card.payload
    assert "已转至" in old_card.payload["text"]
    new_card = [item for item in await desk.outbox(SZ_GROUP) if item.kind == "card"][-1]
    assert new_card.payload["inline_keyboard"][0][0]["text"] == "接单"
    assert ("transfer", MEDIATOR_A) in await desk.events(case.id)


async def test_escalate_goes_to_the_home_centre_then_coordination(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT)
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "escalate")))
    await desk.handle(say(MEDIATOR_A, MEDIATOR_A, "涉及人数多，需要属地协调"))
    assert (await desk.case(case.id)).office_code == "hualong-centre"
    data = await desk.card_data(case, "escalate")
    await desk.handle(press(HUALONG_GROUP, MEDIATOR_A, data))
    await desk.handle(say(MEDIATOR_A, MEDIATOR_A, "需要市级协调"))
    assert (await desk.case(case.id)).office_code == "haidong-coordination"


async def test_session_agreement_resolve_notify_the_reporter(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT, language=Language.UG)
    await claim(desk, case)
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "session")))
    await desk.handle(say(MEDIATOR_A, MEDIATOR_A, "明天"))  # not a time: a hint, nothing stored
    assert "没看懂" in (await desk.texts(MEDIATOR_A))[-1]
    await desk.handle(say(MEDIATOR_A, MEDIATOR_A, "2026-12-03 15:00"))
    await desk.handle(say(MEDIATOR_A, MEDIATOR_A, "广州市白云区调解室"))
    assert "2026-12-03 15:00" in (await desk.texts(REPORTER))[-1]
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "agreement")))
    await desk.handle(
        say(
            MEDIATOR_A,
            MEDIATOR_A,
            "王老板 | 退还押金 | 2026-12-15 | 5000\n马明 | 搬离店铺 | 2026-12-20",
        )
    )
    buttons = await prompt_buttons(desk, MEDIATOR_A)
    await desk.handle(press(MEDIATOR_A, MEDIATOR_A, buttons["done"]))
    async with desk.db.transaction() as tx:
        terms = await tx.obligations.for_case(case.id)
    assert [t.party for t in terms] == ["王老板", "马明"]
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "resolve")))
    assert (await desk.case(case.id)).status is CaseStatus.RESOLVED
    assert case.number in (await desk.texts(REPORTER))[-1]


async def test_fail_with_referral_and_grade_change_are_audited(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT)
    await claim(desk, case)
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "grade")))
    buttons = await prompt_buttons(desk, MEDIATOR_A)
    await desk.handle(press(MEDIATOR_A, MEDIATOR_A, buttons["level:red"]))
    await desk.handle(say(MEDIATOR_A, MEDIATOR_A, "对方扬言动手"))
    assert (await desk.case(case.id)).risk is RiskLevel.RED
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "fail")))
    buttons = await prompt_buttons(desk, MEDIATOR_A)
    await desk.handle(press(MEDIATOR_A, MEDIATOR_A, buttons["referral:legal-aid"]))
    failed = await desk.case(case.id)
    assert failed.status is CaseStatus.FAILED
    assert failed.referral == "legal-aid"
    assert "12348" in (await desk.texts(REPORTER))[-1]
    kinds = [kind for kind, _ in await desk.events(case.id)]
    assert kinds[-3:] == ["grade", "fail", "supervision"]
    # 督办: the office above (the home-county centre) is told, with a deadline on the card.
    notice = (await desk.texts(HUALONG_GROUP))[-1]
    assert "督办" in notice
    assert case.number in notice
    assert (await desk.case(case.id)).task == "supervision"


async def test_details_go_privately_to_the_owner_only_and_are_audited(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT)
    toast = await desk.handle(press(GZ_GROUP, MEDIATOR_B, await desk.card_data(case, "details")))
    assert toast is not None
    assert "只有承办人" in toast
    await claim(desk, case)
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "details")))
    assert "马明" in (await desk.texts(MEDIATOR_A))[-1]
    assert not any("马明" in text for text in await desk.texts(GZ_GROUP))
    assert ("details_viewed", MEDIATOR_A) in await desk.events(case.id)


async def test_relay_round_trip(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT, language=Language.BO)
    await claim(desk, case)
    await desk.handle(command(REPORTER, REPORTER, f"case {case.number}"))
    shown = (await desk.outbox(REPORTER))[-1]
    add = shown.payload["inline_keyboard"][0][0]["callback_data"]
    await desk.handle(press(REPORTER, REPORTER, add))
    await desk.handle(say(REPORTER, REPORTER, "ཁོས་ད་དུང་སྤྲོད་མེད།"))
    relayed = [item for item in await desk.outbox(GZ_GROUP) if item.kind == "send"][-1]
    assert "ཁོས་ད་དུང་སྤྲོད་མེད།" in relayed.payload["text"]
    assert relayed.payload["card_id"]
    # The mediator answers with a reply to the relayed message in the group.
    async with desk.db.transaction() as tx:
        await tx.outbox.mark_sent(relayed.id, 555, desk.clock.now())
    await desk.handle(say(GZ_GROUP, MEDIATOR_A, "明天上午联系您", reply_to_message_id=555))
    assert "明天上午联系您" in (await desk.texts(REPORTER))[-1]
    # Someone else in the group cannot answer for the owner.
    await desk.handle(say(GZ_GROUP, MEDIATOR_B, "我来回答", reply_to_message_id=555))
    assert "我来回答" not in (await desk.texts(REPORTER))[-1]


async def test_mycases_lists_only_the_reporters_cases_and_case_n_refuses_others(
    desk: Desk,
) -> None:
    mine = await desk.file(dispute_type=DisputeType.RENT)
    theirs = await desk.file(dispute_type=DisputeType.RENT, reporter_telegram_id=4242)
    await desk.handle(command(REPORTER, REPORTER, "mycases"))
    listing = (await desk.texts(REPORTER))[-1]
    assert mine.number in listing
    assert theirs.number not in listing
    await desk.handle(command(REPORTER, REPORTER, f"case {theirs.number}"))
    assert "没有找到" in (await desk.texts(REPORTER))[-1]


async def test_binding_needs_an_admin_and_an_unbound_group_is_told_once(desk: Desk) -> None:
    await desk.handle(command(-100777, OUTSIDER, "bind gz-service"))
    assert "只有管理员" in (await desk.texts(-100777))[-1]
    await desk.handle(say(-100777, OUTSIDER, "hello"))
    await desk.handle(say(-100777, OUTSIDER, "hello again"))
    notices = [t for t in await desk.texts(-100777) if "还没有绑定" in t]
    assert len(notices) == 1


async def test_history_for_owner_and_admin_only(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT)
    await claim(desk, case)
    await desk.handle(command(MEDIATOR_B, MEDIATOR_B, f"history {case.number}"))
    assert "只有承办人" in (await desk.texts(MEDIATOR_B))[-1]
    await desk.handle(command(ADMIN, ADMIN, f"history {case.number}"))
    history = (await desk.texts(ADMIN))[-1]
    assert "接单" in history
    assert "分派" in history


async def test_a_mediator_whose_phone_is_a_partys_cannot_claim(desk: Desk) -> None:
    # MEDIATOR_A once reported a dispute with this phone; now they are the other party.
    async with desk.db.transaction() as tx:
        await tx.cases.create(
            new_case(reporter_telegram_id=MEDIATOR_A, reporter_phone="+8613911112222"),
            desk.clock.now(),
        )
    case = await desk.file(dispute_type=DisputeType.RENT, other_phone="+8613911112222")
    toast = await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "claim")))
    assert toast is not None
    assert "当事人" in toast
    assert (await desk.case(case.id)).owner_telegram_id is None


async def test_a_reporters_photo_is_copied_under_the_card_without_their_name(
    desk: Desk,
) -> None:
    from bot.domain.models import AttachmentKind, AttachmentRef

    case = await desk.file(dispute_type=DisputeType.RENT, language=Language.UG)
    await desk.handle(command(REPORTER, REPORTER, f"case {case.number.split('-')[1]}"))
    add = (await desk.outbox(REPORTER))[-1].payload["inline_keyboard"][0][0]["callback_data"]
    await desk.handle(press(REPORTER, REPORTER, add))
    photo = AttachmentRef(AttachmentKind.PHOTO, "file-1", "u-1")
    await desk.handle(
        ev(EventKind.MEDIA, REPORTER, REPORTER, attachment=photo, text="چېك", message_id=77)
    )
    copied = [item for item in await desk.outbox(GZ_GROUP) if item.kind == "copy"][-1]
    assert copied.payload["from_chat_id"] == REPORTER
    assert copied.payload["message_id"] == 77
    assert case.number in copied.payload["caption"]
    assert "马明" not in copied.payload["caption"]
    async with desk.db.transaction() as tx:
        notes = await tx.notes.for_case(case.id)
    assert [(n.kind, n.file_id) for n in notes] == [("reporter", "file-1")]


async def test_a_voice_note_and_a_reply_command(desk: Desk) -> None:
    from bot.domain.models import AttachmentKind, AttachmentRef

    case = await desk.file(dispute_type=DisputeType.RENT, language=Language.BO)
    await claim(desk, case)
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "note")))
    voice = AttachmentRef(AttachmentKind.VOICE, "voice-1", "v-1")
    await desk.handle(ev(EventKind.MEDIA, MEDIATOR_A, MEDIATOR_A, attachment=voice))
    async with desk.db.transaction() as tx:
        notes = await tx.notes.for_case(case.id)
    assert [(n.kind, n.file_id) for n in notes] == [("note", "voice-1")]
    await desk.handle(command(MEDIATOR_A, MEDIATOR_A, f"reply {case.number} 请带上租房合同"))
    told = (await desk.texts(REPORTER))[-1]
    assert "请带上租房合同" in told
    assert "调解员" not in told  # the frame is Tibetan
    # Another mediator cannot answer for the owner.
    await desk.handle(command(MEDIATOR_B, MEDIATOR_B, f"reply {case.number} 我来"))
    assert "只有承办人" in (await desk.texts(MEDIATOR_B))[-1]
    assert "我来" not in (await desk.texts(REPORTER))[-1]


async def test_a_prompt_can_be_cancelled_and_changes_nothing(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT)
    await claim(desk, case)
    before = await desk.case(case.id)
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "grade")))
    await desk.handle(say(MEDIATOR_A, MEDIATOR_A, "红色"))  # typed, not a button
    assert "按钮" in (await desk.texts(MEDIATOR_A))[-1]
    buttons = await prompt_buttons(desk, MEDIATOR_A)
    await desk.handle(press(MEDIATOR_A, MEDIATOR_A, buttons["cancel"]))
    assert "已取消" in (await desk.texts(MEDIATOR_A))[-1]
    assert await desk.case(case.id) == before
    # After the prompt the private chat is the intake again, not a prompt.
    async with desk.db.transaction() as tx:
        assert not await desk.core.mediator.pending(tx, MEDIATOR_A)


async def test_a_prompt_answered_after_the_case_moved_on_is_void(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT)
    await claim(desk, case)
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "escalate")))
    # Meanwhile the owner releases the case from the card.
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "release")))
    await desk.handle(say(MEDIATOR_A, MEDIATOR_A, "上报理由"))
    assert (await desk.case(case.id)).office_code == "gz-service"
    assert "已作废" in (await desk.texts(MEDIATOR_A))[-1]


async def test_a_mediator_registers_their_phone_privately_and_is_kept_off_their_own_case(
    desk: Desk,
) -> None:
    await desk.handle(command(GZ_GROUP, MEDIATOR_B, "myphone 13922223333"))
    assert "私聊" in (await desk.texts(GZ_GROUP))[-1]
    await desk.handle(command(MEDIATOR_B, MEDIATOR_B, "myphone 123"))
    assert "用法" in (await desk.texts(MEDIATOR_B))[-1]
    await desk.handle(command(MEDIATOR_B, MEDIATOR_B, "myphone 13922223333"))
    assert "139****3333" in (await desk.texts(MEDIATOR_B))[-1]
    case = await desk.file(dispute_type=DisputeType.RENT, other_phone="+8613922223333")
    toast = await desk.handle(press(GZ_GROUP, MEDIATOR_B, await desk.card_data(case, "claim")))
    assert toast is not None
    assert "当事人" in toast
