"""ReporterRepository, CaseRepository and EventRepository."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bot.domain.models import (
    AttachmentKind,
    AttachmentRef,
    CaseStatus,
    DisputeType,
    Language,
    NewCase,
    PartyRecord,
    PartyRole,
    PartySide,
    RiskLevel,
)
from bot.storage import Database

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)

NEW_CASE = NewCase(
    reporter_telegram_id=5_000_000_001,
    language=Language.BO,
    dispute_type=DisputeType.WAGES,
    host_city="西宁",
    home_county="化隆",
    reporter_name="扎西",
    reporter_phone="+8613800000001",
    other_name="某建筑公司",
    other_role=PartyRole.EMPLOYER,
    other_phone="+8613900000002",
    story="三个月工资没有发。",
    desired_outcome="结清工资",
    people_affected=12,
    danger=True,
    risk=RiskLevel.RED,
    amount=Decimal("123456789012.50"),
    latitude=36.6171,
    longitude=101.7782,
    attachments=(
        AttachmentRef(AttachmentKind.PHOTO, "file-1", "uniq-1"),
        AttachmentRef(AttachmentKind.VOICE, "file-2", "uniq-2"),
    ),
)


async def test_reporter_upsert_get_set_language(database: Database) -> None:
    later = NOW + timedelta(days=1)
    async with database.transaction() as tx:
        assert await tx.reporters.get(42) is None
        created = await tx.reporters.upsert(42, Language.ZH, NOW, NOW)
        assert (created.telegram_id, created.language, created.consent_at) == (42, Language.ZH, NOW)
    async with database.transaction() as tx:
        updated = await tx.reporters.upsert(42, Language.UG, later, later)
        assert (updated.language, updated.consent_at) == (Language.UG, later)
        assert await tx.reporters.get(42) == updated
        await tx.reporters.set_language(42, Language.BO, later)
        await tx.reporters.set_language(43, Language.BO, later)  # unknown: no-op
    async with database.transaction() as tx:
        reporter = await tx.reporters.get(42)
        assert reporter is not None
        assert reporter.language is Language.BO
        assert reporter.consent_at == later
        assert await tx.reporters.get(43) is None


async def test_create_and_get_case(database: Database) -> None:
    async with database.transaction() as tx:
        created = await tx.cases.create(NEW_CASE, NOW)

    assert created.number == f"2025-{created.id:06d}"
    assert created.status is CaseStatus.SUBMITTED
    assert created.urgent is True
    assert created.risk is RiskLevel.RED
    assert created.language is Language.BO
    assert created.dispute_type is DisputeType.WAGES
    assert created.reporter_telegram_id == NEW_CASE.reporter_telegram_id
    assert created.amount == Decimal("123456789012.50")
    assert created.created_at == NOW
    assert created.parties == (
        PartyRecord(PartySide.REPORTER, "扎西", "+8613800000001", None),
        PartyRecord(PartySide.OTHER, "某建筑公司", "+8613900000002", PartyRole.EMPLOYER),
    )
    assert created.attachments == NEW_CASE.attachments

    async with database.transaction() as tx:
        loaded = await tx.cases.get(created.number)
        assert await tx.cases.get("2025-999999") is None
    assert loaded == created
    assert loaded is not None
    assert loaded.created_at.tzinfo is UTC
    assert isinstance(loaded.amount, Decimal)
    assert loaded.latitude == pytest.approx(36.6171)
    assert loaded.story == NEW_CASE.story
    assert loaded.people_affected == 12


async def test_case_without_optional_fields(database: Database) -> None:
    minimal = replace(
        NEW_CASE,
        amount=None,
        latitude=None,
        longitude=None,
        other_phone=None,
        attachments=(),
        danger=False,
        risk=RiskLevel.BLUE,
    )
    async with database.transaction() as tx:
        created = await tx.cases.create(minimal, NOW)
    async with database.transaction() as tx:
        loaded = await tx.cases.get(created.number)
    assert loaded == created
    assert loaded is not None
    assert (loaded.amount, loaded.latitude, loaded.longitude, loaded.attachments) == (
        None,
        None,
        None,
        (),
    )
    assert loaded.urgent is False
    assert loaded.parties[1].phone is None


async def test_create_makes_missing_reporter_and_keeps_existing(database: Database) -> None:
    async with database.transaction() as tx:
        await tx.cases.create(NEW_CASE, NOW)
        reporter = await tx.reporters.get(NEW_CASE.reporter_telegram_id)
        assert reporter is not None
        assert (reporter.language, reporter.consent_at) == (Language.BO, NOW)

        await tx.reporters.upsert(77, Language.UG, NOW - timedelta(days=9), NOW)
        await tx.cases.create(replace(NEW_CASE, reporter_telegram_id=77), NOW)
        kept = await tx.reporters.get(77)
        assert kept is not None
        assert (kept.language, kept.consent_at) == (Language.UG, NOW - timedelta(days=9))


async def test_for_reporter_newest_first_and_count(database: Database) -> None:
    async with database.transaction() as tx:
        first = await tx.cases.create(NEW_CASE, NOW - timedelta(days=2))
        second = await tx.cases.create(NEW_CASE, NOW)
        third = await tx.cases.create(NEW_CASE, NOW)  # same time: higher id first
        other = await tx.cases.create(replace(NEW_CASE, reporter_telegram_id=9), NOW)
    async with database.transaction() as tx:
        mine = await tx.cases.for_reporter(NEW_CASE.reporter_telegram_id)
        assert [c.number for c in mine] == [third.number, second.number, first.number]
        assert [c.number for c in await tx.cases.for_reporter(9)] == [other.number]
        assert await tx.cases.for_reporter(12345) == []
        assert await tx.cases.count() == 4
    assert all(len(c.parties) == 2 and len(c.attachments) == 2 for c in mine)
    assert len({c.number for c in mine}) == 3


async def test_submitted_event_without_personal_data(database: Database) -> None:
    async with database.transaction() as tx:
        case = await tx.cases.create(NEW_CASE, NOW)
        (event,) = await tx.events.for_case(case.id)
    assert event.kind == "submitted"
    assert event.case_id == case.id
    assert event.actor_telegram_id == NEW_CASE.reporter_telegram_id
    assert event.created_at == NOW
    assert event.payload["dispute_type"] == "wages"
    assert event.payload["risk"] == "red"
    dumped = json.dumps(event.payload, ensure_ascii=False)
    for personal in ("扎西", "+8613800000001", "某建筑公司", "+8613900000002", "工资没有发"):
        assert personal not in dumped


async def test_events_append_and_list(database: Database) -> None:
    async with database.transaction() as tx:
        case = await tx.cases.create(NEW_CASE, NOW)
        await tx.events.append(
            case.id, 900, "claimed", {"by": "mediator"}, NOW + timedelta(hours=1)
        )
        await tx.events.append(case.id, None, "reminder", {}, NOW + timedelta(hours=2))
    async with database.transaction() as tx:
        events = await tx.events.for_case(case.id)
        assert await tx.events.for_case(case.id + 1000) == []
    assert [(e.kind, e.actor_telegram_id) for e in events] == [
        ("submitted", NEW_CASE.reporter_telegram_id),
        ("claimed", 900),
        ("reminder", None),
    ]
    assert events[1].payload == {"by": "mediator"}
    assert events[2].created_at == NOW + timedelta(hours=2)
    assert events[0].id < events[1].id < events[2].id


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE case_events SET kind = 'tampered'",
        "DELETE FROM case_events",
    ],
)
async def test_case_events_are_append_only(database: Database, statement: str) -> None:
    async with database.transaction() as tx:
        case = await tx.cases.create(NEW_CASE, NOW)

    with pytest.raises(IntegrityError, match="append-only"):
        async with database.engine.begin() as connection:
            await connection.execute(text(statement))

    async with database.transaction() as tx:
        (event,) = await tx.events.for_case(case.id)
    assert event.kind == "submitted"


async def test_reporter_with_cases_cannot_be_deleted(database: Database) -> None:
    async with database.transaction() as tx:
        await tx.cases.create(NEW_CASE, NOW)
    with pytest.raises(IntegrityError):
        async with database.engine.begin() as connection:
            await connection.execute(text("DELETE FROM reporters"))


async def test_case_needs_an_existing_reporter(database: Database) -> None:
    # Foreign keys are enforced (SQLite needs PRAGMA foreign_keys=ON for that).
    with pytest.raises(IntegrityError):
        async with database.engine.begin() as connection:
            await connection.execute(
                text("INSERT INTO parties (case_id, side, name) VALUES (424242, 'other', 'nobody')")
            )
