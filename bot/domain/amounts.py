"""Amounts of money as people type them: 5000, 5,000元, ５千, 1.5万."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

import regex

from bot.domain.sanitize import clean_text

#: Largest amount accepted (yuan); anything above is a typo.
MAX_AMOUNT = Decimal(1_000_000_000)
# Thousand and ten thousand as people write them: Chinese, pinyin initials, Uyghur
# (مىڭ, تۈمەن) and Tibetan (སྟོང, ཁྲི).
_MULTIPLIERS = {
    "千": Decimal(1_000),
    "k": Decimal(1_000),
    "مىڭ": Decimal(1_000),
    "སྟོང": Decimal(1_000),
    "万": Decimal(10_000),
    "w": Decimal(10_000),
    "تۈمەن": Decimal(10_000),
    "ཁྲི": Decimal(10_000),
}
_AMOUNT = regex.compile(r"^(\d+(?:\.\d{1,2})?)(千|万|k|w|مىڭ|تۈمەن|སྟོང|ཁྲི)?$")
_SPACED_NUMBER = regex.compile(r"\d+(?:\s+\d+)+")
_GROUPED = regex.compile(r"\d{1,3}(?:\s\d{3})+")
_NOISE = regex.compile(r"[\s,，_'’་།]|元|块|人民币|rmb|cny|¥|￥|يۈەن|སྒོར")


def parse_amount(raw: str) -> Decimal | None:
    """The amount in yuan, or None when the text is not a plausible positive amount."""
    # Invisible marks go first: a number copied from a Uyghur message carries LRI/PDI.
    text = unicodedata.normalize("NFKC", clean_text(raw, max_graphemes=60)).casefold()
    for number in _SPACED_NUMBER.findall(text):
        if not _GROUPED.fullmatch(number):
            return None  # "3000 2000" is two numbers, not 30,002,000 ("5 000" is fine)
    text = _NOISE.sub("", text)
    match = _AMOUNT.match(text)
    if not match:
        return None
    try:
        value = Decimal(match.group(1))
    except InvalidOperation:
        return None
    if match.group(2):
        value *= _MULTIPLIERS[match.group(2)]
    if value <= 0 or value > MAX_AMOUNT:
        return None
    return value.quantize(Decimal("0.01")).normalize() if value % 1 else value.quantize(Decimal(1))
