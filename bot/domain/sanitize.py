"""Cleaning of everything users type before it is stored or shown."""

from __future__ import annotations

import html
import unicodedata

import regex

#: Bidi embeddings, overrides and isolates; they can make a name read backwards.
_BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
#: Zero-width and invisible joiners/spaces that hide text or fake equality.
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e\u2061\u2062\u2063\u2064\u034f")
_ZWJ = "\u200d"
_ALLOWED_CONTROLS = frozenset("\n\t")
#: Cc: C0/C1 controls; Cf: invisible format characters (soft hyphen, tags, …);
#: Co: private use; Cs: lone surrogates; Cn: unassigned.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})
#: A user-perceived character rarely needs more code points than this (a Tibetan stack
#: with its vowel and marks); more is "Zalgo" text that floods a message.
MAX_CODEPOINTS_PER_GRAPHEME = 8
_GRAPHEME = regex.compile(r"\X")
_SPACES = regex.compile(r"[^\S\n]+")
_MANY_NEWLINES = regex.compile(r"\n{3,}")
_EMOJI = regex.compile(r"\p{Extended_Pictographic}")
_EMOJI_END = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]")


def _keep(char: str) -> bool:
    if char in _ALLOWED_CONTROLS:
        return True
    if char in _BIDI_CONTROLS or char in _ZERO_WIDTH:
        return False
    return unicodedata.category(char) not in _DROPPED_CATEGORIES


def _drop_invisible(text: str) -> str:
    kept: list[str] = []
    for index, char in enumerate(text):
        if char == _ZWJ:
            # A joiner between two emoji makes one emoji (👨‍👩‍👧); anywhere else it hides.
            following = text[index + 1 : index + 2]
            if kept and _EMOJI_END.match(kept[-1]) and _EMOJI.match(following):
                kept.append(char)
            continue
        if _keep(char):
            kept.append(char)
    return "".join(kept)


def clean_text(text: str, *, max_graphemes: int, multiline: bool = True) -> str:
    """NFC-normalise, drop invisible/control characters and cap the length in graphemes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Normalised again after dropping: a removed character may have kept a base letter
    # and its combining mark apart.
    text = unicodedata.normalize("NFC", _drop_invisible(unicodedata.normalize("NFC", text)))
    text = "".join(c[:MAX_CODEPOINTS_PER_GRAPHEME] for c in _GRAPHEME.findall(text))
    text = text.replace("\t", " ")
    if not multiline:
        text = text.replace("\n", " ")
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = _MANY_NEWLINES.sub("\n\n", text).strip()
    return truncate_graphemes(text, max_graphemes)


def grapheme_count(text: str) -> int:
    """Number of user-perceived characters (Tibetan stacks and emoji count as one)."""
    return len(_GRAPHEME.findall(text))


def truncate_graphemes(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` grapheme clusters, never inside a cluster."""
    clusters = _GRAPHEME.findall(text)
    if len(clusters) <= limit:
        return text
    return "".join(clusters[:limit]).rstrip()


def has_letters_or_digits(text: str) -> bool:
    """True when the text holds something readable, not only emoji or punctuation."""
    return any(unicodedata.category(char)[0] in {"L", "N"} for char in text)


def escape_html(text: str) -> str:
    """Escape user text for Telegram's HTML parse mode."""
    return html.escape(text, quote=False)
