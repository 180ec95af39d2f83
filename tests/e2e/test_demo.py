"""`mediation-bot demo` (what `./dev.sh start` runs without a token) works end to end."""

from __future__ import annotations

import io
import re

import pytest

from bot.demo import run_demo

pytestmark = pytest.mark.e2e


async def test_demo_files_three_reports_and_shows_the_mediators_side() -> None:
    out = io.StringIO()
    assert await run_demo(out=out) == 0
    text = out.getvalue()
    # Numbered by the local year of whenever the test runs.
    assert sorted(set(re.findall(r"\d{4}-00000([123])", text))) == ["1", "2", "3"]
    assert "(none!)" not in text
    # Cards in the groups are masked; the claim edits the card and tells the reporter.
    assert "马*（138****8000）" in text
    assert "[接单] [详情] [转派] [上报] [回避]" in text
    assert "(toast) 已接单" in text
    assert "状态：已接单 · 承办人 王调解员" in text
    assert "reporter is told > 您的案件" in text
