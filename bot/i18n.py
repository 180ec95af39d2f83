"""Fluent bundles for zh, bo, ug (and en), with explicit bidi isolation for Uyghur."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

import regex
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from fluent.runtime import FluentBundle, FluentResource

from bot.domain.models import Language
from bot.domain.sanitize import escape_html

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
#: The source locale: every other locale must match its ids and placeholders.
SOURCE_LOCALE = "zh"
#: Every locale shipped; `en` exists for maintainers, reporters choose among the first three.
ALL_LOCALES = ("zh", "bo", "ug", "en")
#: Right-to-left locales whose Latin/number runs get isolated.
RTL_LOCALES = frozenset({"ug"})

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
#: fluent.runtime renders a whole message as "{???}" when one placeable is longer than
#: 2500 characters; arguments are cut below that.
MAX_PLACEABLE = 2400
_GRAPHEME = regex.compile(r"\X")
# A run of Latin letters/digits (with the separators that keep phone numbers,
# case numbers, amounts and times together), outside HTML tags and entities.
# A run of Latin letters/digits, with the separators (spaces included) that keep a phone
# number, a name, a case number, an amount or a time together, outside HTML markup. One
# run per phrase: isolates are neutral, so "Ali Ahmet" isolated word by word would read
# "Ahmet Ali" in a right-to-left line. A command keeps its slash, a phone its plus.
_LTR_RUN = regex.compile(r"[+/]?[A-Za-z0-9](?:[A-Za-z0-9+\-.,:/_*@% ]*[A-Za-z0-9%])?")
_MARKUP = regex.compile(r"(<[^>]*>|&#?\w+;)")


class Markup(str):
    """Text that is already safe HTML (composed by the bot), so it is not escaped again."""

    __slots__ = ()


@dataclass(frozen=True)
class UserText:
    """Text typed by a user: escaped, and in RTL locales isolated by its first strong letter."""

    value: str


def isolate_ltr_runs(text: str) -> str:
    """Wrap every Latin/number run outside HTML markup in LRI…PDI for right-to-left text."""
    parts = _MARKUP.split(text)
    out: list[str] = []
    depth = 0
    for part in parts:
        if _MARKUP.fullmatch(part):
            out.append(part)
            continue
        # Runs already inside an isolate (user text wrapped in FSI…PDI) stay as they are.
        pieces: list[str] = []
        last = 0
        for match in _LTR_RUN.finditer(part):
            before = part[last : match.start()]
            depth += before.count(FSI) + before.count(LRI) - before.count(PDI)
            pieces.append(before)
            pieces.append(match.group() if depth > 0 else f"{LRI}{match.group()}{PDI}")
            last = match.end()
        tail = part[last:]
        depth += tail.count(FSI) + tail.count(LRI) - tail.count(PDI)
        pieces.append(tail)
        out.append("".join(pieces))
    return "".join(out)


class Translator:
    """Formats Fluent messages by id in one of the shipped locales."""

    def __init__(self, locales_dir: Path = LOCALES_DIR) -> None:
        self._bundles: dict[str, FluentBundle] = {}
        for locale in ALL_LOCALES:
            # Isolation is done by us (only where it helps, and with LRI for numbers);
            # Fluent's default would wrap every placeable in FSI/PDI, Chinese included.
            bundle = FluentBundle([locale], use_isolating=False)
            for path in sorted((locales_dir / locale).glob("*.ftl")):
                bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
            self._bundles[locale] = bundle

    def has(self, locale: str, msg_id: str) -> bool:
        """Whether the locale defines the message."""
        return self._bundles[locale].has_message(msg_id)

    def __call__(self, locale: str, msg_id: str, /, **args: object) -> str:
        """Format message `msg_id` in `locale` with `args` (user text is escaped for HTML)."""
        locale = locale if locale in self._bundles else SOURCE_LOCALE
        bundle = self._bundles[locale]
        if not bundle.has_message(msg_id):
            log.error("missing message %s in %s", msg_id, locale)
            bundle = self._bundles[SOURCE_LOCALE]
        message = bundle.get_message(msg_id)
        if message.value is None:
            raise KeyError(f"message {msg_id} has no value")
        prepared = {key: self._prepare(locale, value) for key, value in args.items()}
        formatted, errors = bundle.format_pattern(message.value, prepared)
        text = str(formatted)
        for error in errors:
            log.error("fluent error in %s/%s: %s", locale, msg_id, error)
        if locale in RTL_LOCALES:
            text = isolate_ltr_runs(text)
        return str(text)

    @staticmethod
    def _prepare(locale: str, value: object) -> str | int | Decimal:
        if isinstance(value, Markup):
            return str(value)
        if isinstance(value, UserText):
            escaped = _fit(value.value)
            return f"{FSI}{escaped}{PDI}" if locale in RTL_LOCALES else escaped
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, int):
            # Numbers stay numbers so plural selectors work.
            return value
        if isinstance(value, Decimal):
            return format_amount(value, locale)
        if isinstance(value, datetime):
            return format_datetime(value, "medium", locale=babel_locale(locale))
        if isinstance(value, date):
            return format_date(value, "long", locale=babel_locale(locale))
        return _fit(value if isinstance(value, str) else str(value))


def _fit(text: str) -> str:
    """Escape text for HTML, cut (at a grapheme, with "…") to what Fluent accepts."""
    escaped = escape_html(text)
    if len(escaped) <= MAX_PLACEABLE:
        return escaped
    kept: list[str] = []
    size = 1  # the ellipsis
    for cluster in _GRAPHEME.findall(text):
        piece = escape_html(cluster)
        if size + len(piece) > MAX_PLACEABLE:
            break
        kept.append(piece)
        size += len(piece)
    return "".join(kept) + "…"


def babel_locale(locale: str) -> str:
    """Babel's tag for a locale (never an unknown tag, which Babel would silently replace)."""
    return locale if locale in ALL_LOCALES else SOURCE_LOCALE


def format_amount(amount: Decimal, locale: str) -> str:
    """An amount in yuan with the locale's grouping, without needless decimals."""
    quantized = amount.quantize(Decimal("1")) if amount == amount.to_integral() else amount
    return str(format_decimal(quantized, locale=babel_locale(locale)))


@cache
def default_translator() -> Translator:
    """The translator over the shipped locales, loaded once."""
    return Translator()


def pick_language(code: str | None, default: Language = Language.ZH) -> Language:
    """Map Telegram's `language_code` (e.g. "zh-hans", "ug") to a supported language."""
    if not code:
        return default
    base = code.lower().replace("_", "-").split("-")[0]
    try:
        return Language(base)
    except ValueError:
        return default
