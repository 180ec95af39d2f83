"""Mainland China mobile numbers: validation, E.164 storage and masking."""

from __future__ import annotations

import phonenumbers
from phonenumbers import PhoneNumberType

from bot.domain.sanitize import clean_text

_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


def parse_mainland_mobile(raw: str) -> str | None:
    """Return the number in E.164 (+8613800138000) when it is a valid mainland mobile."""
    text = clean_text(raw, max_graphemes=40, multiline=False)
    # Full-width digits are common in Chinese input methods; phonenumbers copes with
    # them, but not with the ideographic space or the Chinese hyphen-like dash.
    text = text.replace("\u3000", " ").replace("－", "-").replace("—", "-")
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 86 or not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def national_digits(e164: str) -> str:
    """The 11 national digits of a +86 number."""
    return e164.removeprefix("+86")


def mask_phone(e164: str) -> str:
    """Mask the middle digits, as in 138****8000, for group chats."""
    digits = national_digits(e164)
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"


def parse_china_phone(raw: str) -> str | None:
    """Any valid mainland number in E.164, landlines included (for the other party)."""
    mobile = parse_mainland_mobile(raw)
    if mobile:
        return mobile
    text = clean_text(raw, max_graphemes=40, multiline=False)
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 86 or not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
