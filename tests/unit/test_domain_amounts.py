"""Amounts of money as people type them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.amounts import MAX_AMOUNT, parse_amount


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        ("5000", "5000"),
        ("5,000", "5000"),
        ("5 000", "5000"),  # a space as thousands separator
        ("5,000元", "5000"),
        ("5，000元", "5000"),  # full-width comma
        ("5000 元", "5000"),
        ("3000块", "3000"),
        ("５千", "5000"),  # full-width digit + 千
        ("５０００", "5000"),
        ("1.5万", "15000"),
        ("12万元", "120000"),
        ("0.5万", "5000"),
        ("1.5千", "1500"),
        ("5k", "5000"),
        ("5K", "5000"),
        ("2w", "20000"),
        ("1.5W", "15000"),
        ("￥3000", "3000"),  # full-width yen sign
        ("¥3000", "3000"),
        ("¥3,000.50", "3000.5"),
        ("人民币3000", "3000"),
        ("RMB 3000", "3000"),
        ("3000rmb", "3000"),
        ("3000 CNY", "3000"),
        ("3000 يۈەن", "3000"),  # Uyghur "yuan"
        ("3000 སྒོར་", "3000"),  # Tibetan "yuan"
        ("  8000  ", "8000"),
        ("00012", "12"),
        ("0.01", "0.01"),
        ("99.9", "99.9"),
        ("١٢٣", "123"),  # Arabic-Indic digits
        ("100000万", "1000000000"),
        (str(MAX_AMOUNT), "1000000000"),
    ],
)
def test_parse_amount_accepts(raw: str, amount: str) -> None:
    assert parse_amount(raw) == Decimal(amount)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "元",
        "0",
        "0.00",
        "0元",
        "-5",
        "-5000元",
        "+5000",
        "abc",
        "五千",  # Chinese numerals are not understood
        "二千",
        "1万5",
        "1.234",  # too many decimals
        "0.001",
        "1.999万",
        "5.",
        ".5",
        "5.5.5",
        "1e5",
        "NaN",
        "Infinity",
        "∞",
        "1000000001",  # over the maximum
        "100001万",
        "99999999999999999999999",
        "5000$",
        "5000 USD",
        "😀",
        "5000😀",
        "1.5万 2万",
    ],
)
def test_parse_amount_rejects(raw: str) -> None:
    assert parse_amount(raw) is None


@pytest.mark.parametrize(
    ("raw", "text"), [("5000", "5000"), ("1.5万", "15000"), ("3,000.50", "3000.5"), ("0.1", "0.1")]
)
def test_amount_has_no_needless_decimals(raw: str, text: str) -> None:
    assert str(parse_amount(raw)) == text


@pytest.mark.parametrize(
    "raw", ["\u20668000\u2069", "\u200e8000", "8000\u200f", "8\u200b000"], ids=repr
)
def test_parse_amount_ignores_invisible_characters(raw: str) -> None:
    assert parse_amount(raw) == Decimal(8000)


@pytest.mark.parametrize("raw", ["3000 2000", "5000 5000元"], ids=repr)
def test_parse_amount_rejects_two_numbers(raw: str) -> None:
    assert parse_amount(raw) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_parse_amount_result_is_always_a_plausible_amount(raw: str) -> None:
    amount = parse_amount(raw)
    if amount is not None:
        assert Decimal(0) < amount <= MAX_AMOUNT
        assert amount == amount.quantize(Decimal("0.01"))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=int(MAX_AMOUNT)))
def test_any_whole_amount_round_trips(value: int) -> None:
    assert parse_amount(str(value)) == value
    assert parse_amount(f"{value:,}元") == value


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=int(MAX_AMOUNT) + 1, max_value=10**15))
def test_amounts_over_the_maximum_are_rejected(value: int) -> None:
    assert parse_amount(str(value)) is None
