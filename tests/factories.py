"""Builders of valid domain records for tests; override only what a test is about."""

from __future__ import annotations

from typing import Any

from bot.domain.models import DisputeType, Language, NewCase, PartyRole, RiskLevel


def new_case(**overrides: Any) -> NewCase:
    """A minimal valid case: a wage dispute of a Xining shop worker from Hualong."""
    fields: dict[str, Any] = {
        "reporter_telegram_id": 1001,
        "language": Language.ZH,
        "dispute_type": DisputeType.WAGES,
        "host_city": "西宁市",
        "home_county": "化隆县",
        "reporter_name": "马明",
        "reporter_phone": "+8613800000000",
        "other_name": "某建筑公司",
        "other_role": PartyRole.EMPLOYER,
        "other_phone": None,
        "story": "欠薪三个月",
        "desired_outcome": "支付工资",
        "people_affected": 3,
        "danger": False,
        "risk": RiskLevel.YELLOW,
    }
    fields.update(overrides)
    return NewCase(**fields)
