"""Mainland phone numbers: validation, E.164 output and masking."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.phone import (
    mask_phone,
    national_digits,
    parse_china_phone,
    parse_mainland_mobile,
)

MOBILE = "+8613800138000"

VALID_MOBILES = [
    ("13800138000", MOBILE),
    ("１３８００１３８０００", MOBILE),  # full-width digits from a Chinese IME
    ("+86 138 0013 8000", MOBILE),
    ("+86-138-0013-8000", MOBILE),
    ("(+86)13800138000", MOBILE),
    ("8613800138000", MOBILE),
    ("008613800138000", MOBILE),
    ("+8613800138000", MOBILE),
    ("138 0013 8000", MOBILE),
    ("138-0013-8000", MOBILE),
    ("138\u30000013\u30008000", MOBILE),  # ideographic spaces
    ("138－0013－8000", MOBILE),  # full-width hyphen-minus
    ("138—0013—8000", MOBILE),  # em dash
    ("  13800138000  ", MOBILE),
    ("\u202e13800138000", MOBILE),  # bidi override is dropped first
    ("\u206613800138000\u2069", MOBILE),  # copied from an RTL (Uyghur) message
    ("1380013\u200b8000", MOBILE),  # zero-width space inside
    ("١٣٨٠٠١٣٨٠٠٠", MOBILE),  # Arabic-Indic digits
    ("17012345678", "+8617012345678"),
    ("19912345678", "+8619912345678"),
    ("15912345678", "+8615912345678"),
]

LANDLINES = [
    ("020-12345678", "+862012345678"),  # Guangzhou
    ("02012345678", "+862012345678"),
    ("010 8888 8888", "+861088888888"),  # Beijing
    ("+86 (0)20 12345678", "+862012345678"),
    ("0086 20 1234 5678", "+862012345678"),
    ("0971-8123456", "+869718123456"),  # Xining
    ("400-810-8888", "+864008108888"),  # service number
]

REJECTED_EVERYWHERE = [
    "",
    "   ",
    "abc",
    "😀",
    "1380013800",  # 10 digits
    "138001380000",  # 12 digits
    "12345678901",  # no such mobile prefix
    "95588",  # short bank number
    "13800138000 13900139000",  # two numbers
    "+1 415 555 2671",  # USA
    "+852 9123 4567",  # Hong Kong
    "+853 6612 3456",  # Macau
    "+886 912 345 678",  # Taiwan
    "+44 7911 123456",  # UK
    "+7 912 345 67 89",  # Russia
    "+998 90 123 45 67",  # Uzbekistan
    "\u200b\u202e",
]


@pytest.mark.parametrize(("raw", "e164"), VALID_MOBILES, ids=repr)
def test_valid_mainland_mobiles_are_normalised_to_e164(raw: str, e164: str) -> None:
    assert parse_mainland_mobile(raw) == e164


@pytest.mark.parametrize(("raw", "e164"), VALID_MOBILES, ids=repr)
def test_china_phone_accepts_every_mobile_too(raw: str, e164: str) -> None:
    assert parse_china_phone(raw) == e164


@pytest.mark.parametrize(("raw", "e164"), LANDLINES, ids=repr)
def test_landlines_are_not_mobiles(raw: str, e164: str) -> None:
    assert parse_mainland_mobile(raw) is None


@pytest.mark.parametrize(("raw", "e164"), LANDLINES, ids=repr)
def test_landlines_are_accepted_for_the_other_party(raw: str, e164: str) -> None:
    assert parse_china_phone(raw) == e164


@pytest.mark.parametrize("raw", REJECTED_EVERYWHERE, ids=repr)
def test_invalid_and_foreign_numbers_are_rejected(raw: str) -> None:
    assert parse_mainland_mobile(raw) is None
    assert parse_china_phone(raw) is None


@pytest.mark.parametrize(
    ("e164", "masked"),
    [
        (MOBILE, "138****8000"),
        ("+8619912345678", "199****5678"),
        ("+862012345678", "201****5678"),
        ("+8612345678", "123****5678"),  # first three, last four
        ("+86123456", "******"),  # too short to show anything
        ("+86123", "***"),
        ("+86", ""),
    ],
)
def test_mask_phone(e164: str, masked: str) -> None:
    assert mask_phone(e164) == masked


def test_masked_mobile_hides_the_middle_four_digits() -> None:
    masked = mask_phone(MOBILE)
    assert "0013" not in masked
    assert len(masked) == 11


@pytest.mark.parametrize(
    ("e164", "digits"), [(MOBILE, "13800138000"), ("+862012345678", "2012345678")]
)
def test_national_digits(e164: str, digits: str) -> None:
    assert national_digits(e164) == digits


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_parsers_never_raise_and_return_e164(raw: str) -> None:
    for parsed in (parse_mainland_mobile(raw), parse_china_phone(raw)):
        assert parsed is None or (parsed.startswith("+86") and parsed[1:].isdigit())


@settings(max_examples=200, deadline=None)
@given(
    prefix=st.sampled_from(["13", "15", "17", "18", "19"]),
    rest=st.text(alphabet="0123456789", min_size=9, max_size=9),
)
def test_any_parsed_mobile_is_its_own_e164(prefix: str, rest: str) -> None:
    parsed = parse_mainland_mobile(prefix + rest)
    if parsed is not None:
        assert parsed == f"+86{prefix}{rest}"
        assert parse_mainland_mobile(parsed) == parsed
        assert mask_phone(parsed) == f"{prefix}{rest[0]}****{rest[-4:]}"
