"""The case model shared by every layer: enums and plain data records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class Language(StrEnum):
    """Languages a reporter can use (English exists for maintainers only)."""

    ZH = "zh"
    BO = "bo"
    UG = "ug"


class DisputeType(StrEnum):
    """Kinds of dispute, in the order they are offered."""

    WAGES = "wages"
    RENT = "rent"
    DEBT = "debt"
    PARTNERSHIP = "partnership"
    CONSUMER = "consumer"
    SUPPLIER = "supplier"
    FAMILY = "family"
    NEIGHBOURS = "neighbours"
    OTHER = "other"


class PartyRole(StrEnum):
    """Who the other party is to the reporter."""

    EMPLOYER = "employer"
    EMPLOYEE = "employee"
    LANDLORD = "landlord"
    CUSTOMER = "customer"
    SUPPLIER = "supplier"
    PARTNER = "partner"
    FAMILY = "family"
    OTHER = "other"


class PartySide(StrEnum):
    """Which side of the case a party is on."""

    REPORTER = "reporter"
    OTHER = "other"


class CaseStatus(StrEnum):
    """Where a case is in its life: submitted (unclaimed), claimed, then an outcome."""

    SUBMITTED = "submitted"
    CLAIMED = "claimed"
    RESOLVED = "resolved"
    FAILED = "failed"
    CLOSED = "closed"


class RiskLevel(StrEnum):
    """Three-level risk warning (蓝/黄/红)."""

    BLUE = "blue"
    YELLOW = "yellow"
    RED = "red"


class AttachmentKind(StrEnum):
    """Evidence a reporter can send."""

    PHOTO = "photo"
    VOICE = "voice"
    DOCUMENT = "document"
    VIDEO = "video"
    AUDIO = "audio"


@dataclass(frozen=True)
class AttachmentRef:
    """A file the reporter sent, kept by Telegram and referenced by id."""

    kind: AttachmentKind
    file_id: str
    file_unique_id: str


@dataclass(frozen=True)
class NewCase:
    """Everything the intake collected, ready to be stored."""

    reporter_telegram_id: int
    language: Language
    dispute_type: DisputeType
    host_city: str
    home_county: str
    reporter_name: str
    reporter_phone: str
    other_name: str
    other_role: PartyRole
    other_phone: str | None
    story: str
    desired_outcome: str
    people_affected: int
    danger: bool
    risk: RiskLevel
    amount: Decimal | None = None
    latitude: float | None = None
    longitude: float | None = None
    attachments: tuple[AttachmentRef, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PartyRecord:
    """A stored party of a case."""

    side: PartySide
    name: str
    phone: str | None
    role: PartyRole | None


@dataclass(frozen=True)
class CaseRecord:
    """A stored case as the rest of the code sees it."""

    id: int
    number: str
    reporter_telegram_id: int
    language: Language
    dispute_type: DisputeType
    status: CaseStatus
    risk: RiskLevel
    urgent: bool
    host_city: str
    home_county: str
    story: str
    desired_outcome: str
    people_affected: int
    amount: Decimal | None
    latitude: float | None
    longitude: float | None
    created_at: datetime
    parties: tuple[PartyRecord, ...] = ()
    attachments: tuple[AttachmentRef, ...] = ()
    office_code: str | None = None
    route_reason: str | None = None
    informed: tuple[str, ...] = ()
    owner_telegram_id: int | None = None
    owner_name: str | None = None
    claimed_at: datetime | None = None
    contacted_at: datetime | None = None
    referral: str | None = None
    revision: int = 1
    resolved_at: datetime | None = None
    deadline_at: datetime | None = None
    escalations: int = 0
    task: str | None = None
    task_due_at: datetime | None = None

    def party(self, side: PartySide) -> PartyRecord | None:
        """The first party on `side`, if any."""
        return next((party for party in self.parties if party.side is side), None)


@dataclass(frozen=True)
class ReporterRecord:
    """A reporter who consented to the privacy notice."""

    telegram_id: int
    language: Language
    consent_at: datetime


class Referral(StrEnum):
    """Where a failed mediation is referred (诉调对接 and the other channels)."""

    COURT = "court"  # 诉前调解 / 司法确认
    ARBITRATION = "arbitration"  # 劳动人事争议仲裁
    LEGAL_AID = "legal-aid"  # 法律援助 12348
    NONE = "none"


@dataclass(frozen=True)
class ObligationRecord:
    """One term of an agreement: who does what by when, and how much."""

    party: str
    action: str
    due_date: date | None
    amount: Decimal | None


@dataclass(frozen=True)
class MediatorRecord:
    """A mediator as the bot knows them."""

    telegram_id: int
    name: str
    languages: tuple[Language, ...]
    phone: str | None
