"""Follow-ups and deadlines with a controllable clock, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.__main__ import main
from bot.app import build_core
from bot.config import Settings
from bot.domain.events import EventKind
from bot.domain.models import CaseRecord, CaseStatus, DisputeType, Language, RiskLevel
from bot.handlers.schedule import PING, PING_TIMEOUT
from bot.storage import Database
from tests.integration.harness import (
    ADMIN,
    GZ_GROUP,
    HUALONG_GROUP,
    MEDIATOR_A,
    REPORTER,
    TOP_GROUP,
    Desk,
    command,
    press,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


async def resolved(desk: Desk, **fields: object) -> CaseRecord:
    """A rent case filed, claimed and resolved on Monday 2026-11-30 at 10:00 (Beijing)."""
    case = await desk.file(dispute_type=DisputeType.RENT, **fields)
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "claim")))
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "resolve")))
    done = await desk.case(case.id)
    assert done.status is CaseStatus.RESOLVED
    return done


async def sweep_at(desk: Desk, moment: str) -> int:
    desk.clock.set(local(moment))
    return await desk.core.followups.sweep()


async def pings_sent(desk: Desk) -> list[str]:
    return [
        str(item.payload["text"])
        for item in await desk.outbox(REPORTER)
        if "inline_keyboard" in item.payload
        and ":carried:" in item.payload["inline_keyboard"][0][0]["callback_data"]
    ]


async def answer(desk: Desk, question: str, value: str) -> None:
    """The reporter presses the newest follow-up button with this answer."""
    for item in reversed(await desk.outbox(REPORTER)):
        for row in item.payload.get("inline_keyboard", []):
            for button in row:
                data = button["callback_data"]
                if data.startswith("fu:") and data.split(":")[2:] == [question, value]:
                    await desk.handle(press(REPORTER, REPORTER, data))
                    return
    raise LookupError((question, value))


async def test_pings_are_due_on_working_days_one_to_three(desk: Desk) -> None:
    case = await resolved(desk)
    async with desk.db.transaction() as tx:
        items = await tx.due.for_case(case.id)
    pings = [i.due_at for i in items if i.kind == PING and i.status == "pending"]
    assert pings == [
        local("2026-12-01 10:00"),
        local("2026-12-02 10:00"),
        local("2026-12-03 10:00"),
    ]
    (timeout,) = [i.due_at for i in items if i.kind == PING_TIMEOUT]
    assert timeout == local("2026-12-03 17:30")


async def test_yes_and_satisfied_closes_the_case_and_cancels_later_pings(desk: Desk) -> None:
    case = await resolved(desk, language=Language.UG)
    assert await sweep_at(desk, "2026-12-01 09:59") == 0
    await sweep_at(desk, "2026-12-01 10:00")
    (ping,) = await pings_sent(desk)
    assert case.number in ping
    assert "履行" not in ping  # in Uyghur
    await answer(desk, "carried", "yes")
    await answer(desk, "score-yes", "4")
    assert (await desk.case(case.id)).status is CaseStatus.CLOSED
    await answer(desk, "comment", "skip")
    assert await sweep_at(desk, "2026-12-03 18:00") == 0  # later pings and the timeout: gone
    assert len(await pings_sent(desk)) == 1


async def test_not_carried_out_reopens_as_a_revisit_on_the_card(desk: Desk) -> None:
    case = await resolved(desk)
    await sweep_at(desk, "2026-12-01 10:00")
    await answer(desk, "carried", "no")
    await answer(desk, "score-no", "3")
    reopened = await desk.case(case.id)
    assert reopened.status is CaseStatus.CLAIMED
    assert reopened.task == "revisit"
    assert reopened.task_due_at == local("2026-12-08 17:30")
    card = [i for i in await desk.outbox(GZ_GROUP) if i.kind == "card"][-1]
    assert "上门回访" in card.payload["text"]
    labels = [b["text"] for row in card.payload["inline_keyboard"] for b in row]
    assert labels[0] == "上门回访完成"
    assert "上门回访" in (await desk.texts(MEDIATOR_A))[-1]
    # An optional comment is stored on the case.
    await desk.handle_text(REPORTER, "房东只退了一半押金")
    async with desk.db.transaction() as tx:
        notes = await tx.notes.for_case(case.id)
    assert notes[-1].text == "房东只退了一半押金"
    # The owner records the revisit: the case closes.
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "visited")))
    assert (await desk.case(case.id)).status is CaseStatus.CLOSED


async def test_a_low_score_also_means_a_revisit(desk: Desk) -> None:
    case = await resolved(desk)
    await sweep_at(desk, "2026-12-01 10:00")
    await answer(desk, "carried", "yes")
    await answer(desk, "score-yes", "2")
    assert (await desk.case(case.id)).task == "revisit"


async def test_silence_after_three_pings_becomes_a_phone_task(desk: Desk) -> None:
    case = await resolved(desk)
    for day in ("2026-12-01", "2026-12-02", "2026-12-03"):
        await sweep_at(desk, f"{day} 10:00")
    assert len(await pings_sent(desk)) == 3
    await sweep_at(desk, "2026-12-03 17:30")
    task = await desk.case(case.id)
    assert task.task == "phone"
    owner_message = (await desk.texts(MEDIATOR_A))[-1]
    assert "13800000000" in owner_message
    card = [i for i in await desk.outbox(GZ_GROUP) if i.kind == "card"][-1]
    assert "电话回访" in card.payload["text"]
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "called")))
    assert (await desk.case(case.id)).status is CaseStatus.CLOSED


async def test_a_reporter_who_blocked_the_bot_gets_a_phone_call_instead(desk: Desk) -> None:
    case = await resolved(desk)
    async with desk.db.transaction() as tx:
        await tx.reporters.mark_unreachable(REPORTER, "blocked", desk.clock.now())
    await sweep_at(desk, "2026-12-01 10:00")
    assert await pings_sent(desk) == []
    assert (await desk.case(case.id)).task == "phone"


async def test_after_downtime_due_pings_go_once_in_working_hours(desk: Desk) -> None:
    case = await resolved(desk)
    # The bot was down from Monday until Friday night: all three pings and the
    # timeout came due meanwhile. Friday 23:00 is night: nothing goes to the reporter.
    await sweep_at(desk, "2026-12-04 23:00")
    assert await pings_sent(desk) == []
    assert (await desk.case(case.id)).task is None
    await sweep_at(desk, "2026-12-05 12:00")  # Saturday: still not a working day
    assert await pings_sent(desk) == []
    await sweep_at(desk, "2026-12-07 10:00")  # Monday: one ping, not three
    assert len(await pings_sent(desk)) == 1
    assert (await desk.case(case.id)).task is None  # silence is judged after that ping
    await sweep_at(desk, "2026-12-07 17:30")
    assert (await desk.case(case.id)).task == "phone"


async def test_a_second_bot_process_sends_each_ping_once(desk: Desk, database: Database) -> None:
    await resolved(desk)
    other_db = Database(database.url)
    try:
        settings = Settings(database_url=database.url, admin_ids=frozenset({ADMIN}), _env_file=None)
        other = build_core(settings, clock=desk.clock, db=other_db)
        desk.clock.set(local("2026-12-01 10:00"))
        # Two sweeps at the same moment, on two connections pools (two processes).
        counts = await asyncio.gather(desk.core.followups.sweep(), other.followups.sweep())
    finally:
        await other_db.dispose()
    assert sum(counts) >= 1
    assert len(await pings_sent(desk)) == 1


async def test_an_unclaimed_case_climbs_the_ladder_at_each_claim_deadline(desk: Desk) -> None:
    # Yellow: 4 working hours to claim. Filed Monday 10:00 → due 14:00, reminder at 13:00.
    case = await desk.file(dispute_type=DisputeType.RENT, people_affected=6)
    assert case.risk is RiskLevel.YELLOW
    assert (await desk.case(case.id)).deadline_at == local("2026-11-30 14:00")
    await sweep_at(desk, "2026-11-30 13:00")
    assert "提醒函" in (await desk.texts(GZ_GROUP))[-1]
    await sweep_at(desk, "2026-11-30 14:00")
    first = await desk.case(case.id)
    assert first.office_code == "hualong-centre"  # office → home-county centre
    assert first.escalations == 1
    assert "已上报" in " ".join(await desk.texts(GZ_GROUP))
    card = [i for i in await desk.outbox(HUALONG_GROUP) if i.kind == "card"][-1]
    assert card.payload["inline_keyboard"][0][0]["text"] == "接单"
    # The next deadline runs from the escalation: 4 working hours → 18:00 is past 17:30,
    # so Tuesday 9:30; then the centre's case goes to coordination.
    assert first.deadline_at == local("2026-12-01 09:30")
    await sweep_at(desk, "2026-12-01 09:30")
    second = await desk.case(case.id)
    assert second.office_code == "haidong-coordination"
    assert second.escalations == 2
    assert any(i.kind == "card" for i in await desk.outbox(TOP_GROUP))


async def test_a_red_case_must_be_claimed_within_half_an_hour_even_at_night(
    desk: Desk,
) -> None:
    desk.clock.set(local("2026-11-30 23:00"))
    case = await desk.file(dispute_type=DisputeType.RENT, danger=True, risk=RiskLevel.RED)
    assert (await desk.case(case.id)).deadline_at == local("2026-11-30 23:30")
    await sweep_at(desk, "2026-11-30 23:30")
    assert (await desk.case(case.id)).office_code == "hualong-centre"


async def test_a_resolution_deadline_passed_brings_supervision(desk: Desk) -> None:
    case = await desk.file(dispute_type=DisputeType.RENT, danger=True, risk=RiskLevel.RED)
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "claim")))
    claimed = await desk.case(case.id)
    assert claimed.deadline_at == local("2026-12-03 17:30")  # red: 3 working days
    await sweep_at(desk, "2026-12-03 17:30")
    supervised = await desk.case(case.id)
    assert supervised.task == "supervision"
    assert supervised.escalations == 1
    assert "督办" in (await desk.texts(HUALONG_GROUP))[-1]


async def test_holiday_command_moves_the_followups(desk: Desk) -> None:
    await desk.handle(command(MEDIATOR_A, MEDIATOR_A, "holiday add 2026-12-01"))
    assert "只有管理员" in (await desk.texts(MEDIATOR_A))[-1]
    await desk.handle(command(ADMIN, ADMIN, "holiday add 2026-12-01 holiday"))
    assert "2026-12-01" in (await desk.texts(ADMIN))[-1]
    await desk.handle(command(ADMIN, ADMIN, "holiday add someday"))
    assert "用法" in (await desk.texts(ADMIN))[-1]
    case = await resolved(desk)
    async with desk.db.transaction() as tx:
        items = await tx.due.for_case(case.id)
    pings = [i.due_at.astimezone(SHANGHAI).date().isoformat() for i in items if i.kind == PING]
    assert pings == ["2026-12-02", "2026-12-03", "2026-12-04"]
    await desk.handle(command(ADMIN, ADMIN, "holiday remove 2026-12-01"))
    assert "已删除" in (await desk.texts(ADMIN))[-1]


async def test_admins_are_warned_once_about_an_estimated_year(desk: Desk) -> None:
    desk.clock.set(local("2026-12-30 10:00"))
    first = await resolved(desk)
    async with desk.db.transaction() as tx:
        items = await tx.due.for_case(first.id)
    assert max(i.due_at for i in items).astimezone(SHANGHAI).year == 2027
    warnings = [t for t in await desk.texts(ADMIN) if "2027" in t and "估算" in t]
    assert len(warnings) == 1
    await resolved(desk)
    assert len([t for t in await desk.texts(ADMIN) if "2027" in t and "估算" in t]) == 1


async def test_items_due_while_the_bot_was_down_fire_once_after_a_restart(
    desk: Desk, database: Database
) -> None:
    case = await resolved(desk)
    # The process stops; a new one (new core, new engine) starts on Tuesday afternoon.
    restarted_db = Database(database.url)
    try:
        settings = Settings(database_url=database.url, admin_ids=frozenset({ADMIN}), _env_file=None)
        restarted = build_core(settings, clock=desk.clock, db=restarted_db)
        desk.clock.set(local("2026-12-01 15:00"))
        assert await restarted.followups.sweep() == 1
        assert await restarted.followups.sweep() == 0
    finally:
        await restarted_db.dispose()
    assert len(await pings_sent(desk)) == 1
    assert case.number in (await pings_sent(desk))[0]


async def test_an_obligation_gets_its_own_check_in_after_not_yet_due(desk: Desk) -> None:
    from bot.domain.models import ObligationRecord

    case = await desk.file(dispute_type=DisputeType.RENT)
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "claim")))
    async with desk.db.transaction() as tx:
        term = ObligationRecord("王老板", "退还押金", date(2026, 12, 10), None)
        await tx.obligations.add(case.id, [term], desk.clock.now())
    await desk.handle(press(GZ_GROUP, MEDIATOR_A, await desk.card_data(case, "resolve")))
    await sweep_at(desk, "2026-12-01 10:00")
    await answer(desk, "carried", "notyet")
    await answer(desk, "score-notyet", "4")
    assert (await desk.case(case.id)).status is CaseStatus.RESOLVED
    # The term was due on Thursday the 10th: the check-in comes on Friday the 11th.
    await sweep_at(desk, "2026-12-11 10:00")
    checkin = (await pings_sent(desk))[-1]
    assert "退还押金" in checkin
    await answer(desk, "carried", "yes")
    await answer(desk, "score-yes", "4")
    assert (await desk.case(case.id)).status is CaseStatus.CLOSED


async def test_workdays_command_uses_the_holiday_corrections_in_the_database(
    desk: Desk,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await desk.handle(command(ADMIN, ADMIN, "holiday add 2026-12-01"))
    monkeypatch.setenv("DATABASE_URL", database.url)
    monkeypatch.delenv("HOLIDAYS_FILE", raising=False)
    assert await asyncio.to_thread(main, ["workdays", "2026-11-30", "--count", "2"]) == 0
    assert capsys.readouterr().out.split() == ["2026-12-02", "2026-12-03"]


async def test_a_sticker_at_the_comment_step_is_asked_again_and_stores_nothing(
    desk: Desk,
) -> None:
    from tests.integration.harness import ev

    case = await resolved(desk)
    await sweep_at(desk, "2026-12-01 10:00")
    await answer(desk, "carried", "yes")
    await answer(desk, "score-yes", "5")
    asked = len(await desk.texts(REPORTER))
    await desk.handle(ev(EventKind.OTHER, REPORTER, REPORTER))
    texts = await desk.texts(REPORTER)
    assert len(texts) == asked + 1
    assert texts[-1] == texts[-2]  # the same question, with its Skip button
    async with desk.db.transaction() as tx:
        assert await tx.notes.for_case(case.id) == []
    await desk.handle_text(REPORTER, "谢谢调解员")
    async with desk.db.transaction() as tx:
        assert [n.text for n in await tx.notes.for_case(case.id)] == ["谢谢调解员"]
