"""Cleaning of user text: NFC, invisible/control characters, grapheme caps, HTML escaping."""

from __future__ import annotations

import unicodedata

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.domain.sanitize import (
    clean_text,
    escape_html,
    grapheme_count,
    has_letters_or_digits,
    truncate_graphemes,
)

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u180e\u2061\u2062\u2063\u2064"
ZWJ = "\u200d"

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧: one grapheme
RAINBOW_FLAG = "\U0001f3f3\ufe0f\u200d\U0001f308"  # 🏳️‍🌈: one grapheme
THUMBS_MEDIUM = "\U0001f44d\U0001f3fd"  # 👍🏽: emoji + skin tone modifier
CHINA_FLAG = "\U0001f1e8\U0001f1f3"  # 🇨🇳: a regional-indicator pair
KEYCAP_ONE = "1\ufe0f\u20e3"  # 1️⃣
TIBETAN_WORD = "བསྒྲུབས"  # བ + སྒྲུ (a stack: one grapheme) + བ + ས
TIBETAN_STACK = "སྒྲུ"


# ---- NFC ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("e\u0301", "é"),  # decomposed é
        ("A\u030a", "Å"),  # A + ring above
        ("\u1100\u1161", "가"),  # Hangul jamo compose
        ("Ａ", "Ａ"),  # NFC (unlike NFKC) keeps full-width letters
        ("ﬁ", "ﬁ"),  # ...and ligatures
        ("马晓明", "马晓明"),
        ("خۇالۇڭ", "خۇالۇڭ"),
    ],
)
def test_clean_text_normalises_to_nfc(raw: str, expected: str) -> None:
    out = clean_text(raw, max_graphemes=100)
    assert out == expected
    assert unicodedata.is_normalized("NFC", out)


# ---- invisible and control characters ----------------------------------------------------


@pytest.mark.parametrize("char", list(BIDI_CONTROLS), ids=lambda c: f"U+{ord(c):04X}")
def test_bidi_controls_are_stripped(char: str) -> None:
    assert clean_text(f"ab{char}cd{char}", max_graphemes=100) == "abcd"


@pytest.mark.parametrize("char", list(ZERO_WIDTH), ids=lambda c: f"U+{ord(c):04X}")
def test_zero_width_characters_are_stripped_between_letters(char: str) -> None:
    assert clean_text(f"张{char}三", max_graphemes=100) == "张三"


def test_right_to_left_override_cannot_reverse_a_name() -> None:
    # "\u202e" would make "gpj.exe" display as "exe.jpg".
    assert clean_text("photo\u202egpj.exe", max_graphemes=100) == "photogpj.exe"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x00a\x07b\x1f", "ab"),  # C0 controls
        ("a\x7fb", "ab"),  # DEL
        ("a\x85b", "ab"),  # NEL (C1)
        ("a\x9fb", "ab"),  # C1
        ("a\ue000b", "ab"),  # private use (BMP)
        ("a\U000f0000b", "ab"),  # supplementary private use A
        ("a\U00100000b", "ab"),  # supplementary private use B
        ("a\ud800b", "ab"),  # lone surrogate
        ("a\U000e0080b", "ab"),  # unassigned
        ("a\tb", "a b"),  # a tab is a space
        ("a\u2028b", "a b"),  # line separator collapses like a space
    ],
    ids=repr,
)
def test_control_private_use_and_unassigned_characters_are_stripped(
    raw: str, expected: str
) -> None:
    assert clean_text(raw, max_graphemes=100) == expected


@pytest.mark.parametrize(
    ("raw", "multiline", "expected"),
    [
        ("  a   b  ", True, "a b"),
        ("a\u3000\u3000b", True, "a b"),  # ideographic spaces collapse
        ("a\u00a0b", True, "a b"),
        ("line 1\nline 2", True, "line 1\nline 2"),
        ("line 1\nline 2", False, "line 1 line 2"),
        ("a\r\nb", True, "a\nb"),
        ("a\n\n\n\n\nb", True, "a\n\nb"),  # at most one blank line
        ("  first  \n   second   ", True, "first\nsecond"),
        ("\n\n  text \n\n", True, "text"),
        ("a\n\n\nb", False, "a b"),
        ("", True, ""),
        ("\u200b\u202e\x00", True, ""),
    ],
    ids=repr,
)
def test_whitespace_is_collapsed_and_trimmed(raw: str, multiline: bool, expected: str) -> None:
    assert clean_text(raw, max_graphemes=100, multiline=multiline) == expected


@pytest.mark.parametrize(
    "raw",
    ["a\u200b\u0301", "e\u202e\u0301", "\u1100\x00\u1161", "A\ufeff\u030a"],
    ids=repr,
)
def test_output_is_nfc_even_when_a_dropped_character_separated_a_combining_mark(
    raw: str,
) -> None:
    assert unicodedata.is_normalized("NFC", clean_text(raw, max_graphemes=100))


def test_blank_lines_holding_spaces_are_collapsed_too() -> None:
    assert clean_text("x\n \n \n y", max_graphemes=100) == "x\n\ny"


@pytest.mark.parametrize("emoji", [FAMILY, RAINBOW_FLAG], ids=["family", "rainbow-flag"])
def test_emoji_zwj_sequences_are_kept_whole(emoji: str) -> None:
    assert clean_text(f"ok {emoji}", max_graphemes=10) == f"ok {emoji}"
    assert grapheme_count(clean_text(emoji * 3, max_graphemes=2)) == 2
    assert clean_text(emoji * 3, max_graphemes=2) == emoji * 2


# ---- grapheme clusters -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("abc", 3),
        ("马晓明", 3),
        ("e\u0301", 1),
        (TIBETAN_STACK, 1),
        (TIBETAN_WORD, 4),
        (TIBETAN_WORD + "་", 5),
        (FAMILY, 1),
        (RAINBOW_FLAG, 1),
        (THUMBS_MEDIUM, 1),
        (CHINA_FLAG, 1),
        (CHINA_FLAG * 2, 2),
        (KEYCAP_ONE, 1),
        ("\r\n", 1),
        ("خۇالۇڭ", 6),
    ],
    ids=repr,
)
def test_grapheme_count(text: str, count: int) -> None:
    assert grapheme_count(text) == count


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("abcdef", 3, "abc"),
        ("abc", 3, "abc"),
        ("abc", 10, "abc"),
        ("abc", 0, ""),
        (TIBETAN_WORD * 2, 2, "བ" + TIBETAN_STACK),  # the stack is never split
        (TIBETAN_WORD, 1, "བ"),
        (FAMILY * 3, 2, FAMILY * 2),
        (THUMBS_MEDIUM * 3, 1, THUMBS_MEDIUM),  # the skin tone stays on its emoji
        (CHINA_FLAG * 3, 2, CHINA_FLAG * 2),  # flags are never halved
        (KEYCAP_ONE * 2, 1, KEYCAP_ONE),
        ("e\u0301" * 4, 2, "e\u0301" * 2),
        ("ab cd", 3, "ab"),  # the cut never leaves trailing space
    ],
    ids=repr,
)
def test_truncate_graphemes_never_splits_a_cluster(text: str, limit: int, expected: str) -> None:
    assert truncate_graphemes(text, limit) == expected


@pytest.mark.parametrize(
    ("raw", "limit", "expected"),
    [
        ("马晓明" * 20, 5, "马晓明马晓"),
        (TIBETAN_WORD * 3, 2, "བ" + TIBETAN_STACK),
        (THUMBS_MEDIUM * 5, 3, THUMBS_MEDIUM * 3),
        (CHINA_FLAG * 5, 1, CHINA_FLAG),
        ("\u200b" * 50 + "abc", 3, "abc"),  # invisible characters do not use up the cap
        ("   abc   ", 3, "abc"),  # nor does surrounding space
    ],
    ids=repr,
)
def test_clean_text_caps_length_in_graphemes(raw: str, limit: int, expected: str) -> None:
    out = clean_text(raw, max_graphemes=limit)
    assert out == expected
    assert grapheme_count(out) <= limit


# ---- readability and HTML ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("马", True),
        ("a", True),
        ("7", True),
        ("١", True),
        ("ཀ", True),
        ("ئ", True),
        ("😀🎉", False),
        ("!!!...", False),
        ("   ", False),
        ("", False),
        (THUMBS_MEDIUM + "?", False),
    ],
    ids=repr,
)
def test_has_letters_or_digits(text: str, expected: bool) -> None:
    assert has_letters_or_digits(text) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ("&lt;", "&amp;lt;"),  # already-escaped text is escaped again, not trusted
        ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
        ('say "hi"', 'say "hi"'),  # quotes are fine outside attributes
        ("it's", "it's"),
        ("马晓明", "马晓明"),
    ],
    ids=repr,
)
def test_escape_html(raw: str, expected: str) -> None:
    assert escape_html(raw) == expected


# ---- properties ---------------------------------------------------------------------------

_SPECIALS = (
    BIDI_CONTROLS
    + ZERO_WIDTH
    + "\x00\x07\x1b\x7f\x85\x9f\t\r\n \u3000\u00a0\ue000\U000f0000\u0301\u0f7c\u0fb2\ufe0f"
    + "\U0001f468\U0001f469\U0001f3fd\U0001f1e8\U0001f1f3ཀསa马ئ1"
)
#: All of Unicode, with the troublesome characters much more frequent than by chance.
TEXTS = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(_SPECIALS)), max_size=80)
CAPS = st.integers(min_value=0, max_value=40)
_ZWJ_IN_EMOJI = regex.compile(
    r"[\p{Extended_Pictographic}\uFE0F\U0001F3FB-\U0001F3FF]\u200D\p{Extended_Pictographic}"
)


def _forbidden(char: str, *, multiline: bool) -> bool:
    if char == "\n":
        return not multiline
    if char == ZWJ:
        return False  # judged in context below: only allowed inside an emoji sequence
    return (
        char in BIDI_CONTROLS
        or char in ZERO_WIDTH
        or unicodedata.category(char) in {"Cc", "Co", "Cs"}
    )


@settings(max_examples=300, deadline=None)
@given(raw=TEXTS, cap=CAPS, multiline=st.booleans())
@example(raw="a\u202e\u200b\x00\ue000b\x85\n\u200d", cap=10, multiline=True)
@example(raw=FAMILY, cap=5, multiline=False)
def test_clean_text_never_outputs_invisible_or_control_characters(
    raw: str, cap: int, multiline: bool
) -> None:
    out = clean_text(raw, max_graphemes=cap, multiline=multiline)
    bad = [f"U+{ord(c):04X}" for c in out if _forbidden(c, multiline=multiline)]
    assert not bad, (raw, out)
    # A zero width joiner survives only between two emoji (an emoji ZWJ sequence).
    for index, char in enumerate(out):
        if char == ZWJ:
            assert _ZWJ_IN_EMOJI.match(out, index - 1) if index else False, (raw, out)


@settings(max_examples=300, deadline=None)
@given(raw=TEXTS, cap=CAPS, multiline=st.booleans())
def test_clean_text_never_exceeds_the_grapheme_cap(raw: str, cap: int, multiline: bool) -> None:
    out = clean_text(raw, max_graphemes=cap, multiline=multiline)
    assert grapheme_count(out) <= cap
    assert out == out.strip()


@settings(max_examples=300, deadline=None)
@given(raw=TEXTS, cap=CAPS, multiline=st.booleans())
@example(raw="a\u200b\u0301", cap=10, multiline=True)
def test_clean_text_output_is_nfc(raw: str, cap: int, multiline: bool) -> None:
    assert unicodedata.is_normalized("NFC", clean_text(raw, max_graphemes=cap, multiline=multiline))


@settings(max_examples=300, deadline=None)
@given(raw=TEXTS, cap=CAPS, multiline=st.booleans())
@example(raw="x\n \n \n y", cap=10, multiline=True)
def test_clean_text_is_idempotent(raw: str, cap: int, multiline: bool) -> None:
    once = clean_text(raw, max_graphemes=cap, multiline=multiline)
    assert clean_text(once, max_graphemes=cap, multiline=multiline) == once
