"""Turning flow replies (message references) into Telegram-ready payloads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import regex

from bot.flows.output import Button, KeyButton, Msg, Reply
from bot.i18n import Markup, Translator

#: Telegram rejects callback data longer than this many bytes.
MAX_CALLBACK_BYTES = 64
#: Telegram's limit on a message text, in UTF-16 code units. Telegram counts the text
#: after HTML parsing; counting the raw HTML instead can only err on the safe side.
MAX_TEXT_UNITS = 4096
#: Alerts to the admins (coordinators at the mediation centre) are in the source language.
ADMIN_LANGUAGE = "zh"
#: Payload keys of a keyboard: only the last part of a split message carries them.
KEYBOARD_KEYS = frozenset({"inline_keyboard", "keyboard", "remove_keyboard"})

# The pieces a text is never cut inside: a tag, an entity, a line break, a grapheme cluster
# (a Tibetan stack or an emoji sequence cut in two would show as broken glyphs).
_HTML_ATOM = regex.compile(r"<[^<>]*>|&#?[0-9A-Za-z]+;|\n|\X")
_TEXT_ATOM = regex.compile(r"\n|\X")
_TAG_NAME = regex.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
# A cut right after one of these falls between words or syllables (Tibetan's tsheg and
# shad are punctuation too), not inside them.
_SOFT_END = regex.compile(r"[\s\p{P}]$")
# A grapheme cluster this long is abuse (stacked combining marks): cutting it is allowed.
_MAX_CLUSTER_UNITS = 64


class Renderer:
    """Renders replies in a language; the only place flow output becomes text."""

    def __init__(self, translator: Translator) -> None:
        self.translator = translator

    def text(self, lang: str, msg: Msg) -> str:
        """One message, nested message arguments rendered first."""
        locale = msg.locale or lang
        args = {key: self._arg(locale, value) for key, value in msg.args.items()}
        return self.translator(locale, msg.id, **args)

    def _arg(self, locale: str, value: object) -> object:
        if isinstance(value, Msg):
            return Markup(self.text(locale, value))
        return value

    def label(self, lang: str, label: Msg | str) -> str:
        """A button label: a message, or a place name shown as it is."""
        # Button labels are plain text in Telegram, so no HTML escaping is wanted;
        # the translator escapes user text, and labels never contain any.
        return self.text(lang, label) if isinstance(label, Msg) else label

    def payload(self, lang: str, reply: Reply, callback_prefix: str) -> dict[str, Any]:
        """The outbox payload of one reply: HTML text plus at most one keyboard."""
        text = "\n".join(self.text(lang, part) for part in reply.parts)
        payload: dict[str, Any] = {"text": text, "parse_mode": "HTML"}
        if reply.buttons:
            payload["inline_keyboard"] = [
                [self._button(lang, button, callback_prefix) for button in row]
                for row in reply.buttons
            ]
        elif reply.keyboard:
            payload["keyboard"] = [[self._key(lang, key) for key in row] for row in reply.keyboard]
        elif reply.remove_keyboard:
            payload["remove_keyboard"] = True
        return payload

    def notice(self, lang: str, msg: Msg) -> list[dict[str, Any]]:
        """A message without buttons, as the outbox payloads Telegram accepts."""
        return split_payload({"text": self.text(lang, msg), "parse_mode": "HTML"})

    def group_alert(self, chat_id: int) -> list[dict[str, Any]]:
        """The admins' alert that the bot cannot reach group `chat_id`, as outbox payloads."""
        # A string, not a number: Fluent would group the digits ("-1,001,234,567,890").
        return self.notice(ADMIN_LANGUAGE, Msg("alert-group-unreachable", {"chat": str(chat_id)}))

    def _button(self, lang: str, button: Button, prefix: str) -> Mapping[str, str]:
        data = f"{prefix}{button.action}"
        if len(data.encode()) > MAX_CALLBACK_BYTES:
            raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
        return {"text": self.label(lang, button.label), "callback_data": data}

    def _key(self, lang: str, key: KeyButton) -> Mapping[str, object]:
        return {"text": self.label(lang, key.label), "request_contact": key.request_contact}


def utf16_len(text: str) -> int:
    """The length of `text` in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def split_payload(payload: dict[str, Any], limit: int = MAX_TEXT_UNITS) -> list[dict[str, Any]]:
    """One outbox payload as the messages Telegram accepts: long text cut, keyboard on the last."""
    text = payload.get("text")
    if not isinstance(text, str) or utf16_len(text) <= limit:
        return [payload]
    is_html = str(payload.get("parse_mode") or "").upper() == "HTML"
    # A part of nothing but blanks (or empty tags) would be refused as an empty message.
    parts = [p for p in split_text(text, limit, html=is_html) if _visible(p, html=is_html)]
    if not parts:
        return [payload]
    bare = {key: value for key, value in payload.items() if key not in KEYBOARD_KEYS}
    return [{**bare, "text": part} for part in parts[:-1]] + [{**payload, "text": parts[-1]}]


def split_text(text: str, limit: int = MAX_TEXT_UNITS, *, html: bool = True) -> list[str]:
    """Cut text into parts of at most `limit` UTF-16 units, between lines where possible.

    A part ends, in order of preference: at a line break (which is dropped), after a space
    or punctuation, or between two grapheme clusters; never inside a tag or an entity.
    Tags stay balanced: a cut inside an element (only when the element alone is longer
    than a part) closes it at the end of the part and opens it again in the next.
    """
    if utf16_len(text) <= limit:
        return [text]
    atoms = _atoms(text, html=html)
    parts: list[str] = []
    start = 0
    carried: list[str] = []
    while start < len(atoms):
        end, resume, still_open = _cut(atoms, start, carried, limit)
        body = "".join(carried) + "".join(atoms[start:end])
        parts.append(body + _closing(still_open))
        start, carried = resume, still_open
    return parts


def _atoms(text: str, *, html: bool) -> list[str]:
    """The text as the pieces no cut may go through."""
    atoms: list[str] = []
    for match in (_HTML_ATOM if html else _TEXT_ATOM).finditer(text):
        atom = match.group()
        if utf16_len(atom) > _MAX_CLUSTER_UNITS and not atom.startswith(("<", "&")):
            atoms.extend(atom)
        else:
            atoms.append(atom)
    return atoms


def _cut(
    atoms: list[str], start: int, carried: list[str], limit: int
) -> tuple[int, int, list[str]]:
    """Where the part from `start` ends, where the next begins, and the tags left open."""
    stack = list(carried)
    size = utf16_len("".join(carried))
    # Best cut per preference rank (higher wins): (end, resume, open tags at the cut).
    best: dict[int, tuple[int, int, list[str]]] = {}
    pos = start
    while pos < len(atoms):
        atom = atoms[pos]
        if pos > start and size + utf16_len(_closing(stack)) <= limit:
            previous = atoms[pos - 1]
            if atom == "\n":
                rank, resume = 2, pos + 1
            elif _SOFT_END.search(previous):
                rank, resume = 1, pos
            else:
                rank, resume = 0, pos
            # Cuts outside any element keep the text exactly as it was: always preferred.
            best[rank + (3 if not stack else 0)] = (pos, resume, list(stack))
        size += utf16_len(atom)
        if size > limit:
            break
        _track(stack, atom)
        pos += 1
    else:
        return len(atoms), len(atoms), stack
    if not best:
        # Not even one piece fits after the reopened tags: send it alone, over the limit
        # rather than never (a 4096-unit tag does not occur in the bot's texts).
        stack = list(carried)
        _track(stack, atoms[start])
        return start + 1, start + 1, stack
    return best[max(best)]


def _track(stack: list[str], atom: str) -> None:
    """Follow which elements are open: push an opening tag, pop at its closing tag."""
    if not atom.startswith("<") or not atom.endswith(">") or atom.endswith("/>"):
        return
    name = _TAG_NAME.match(atom)
    if name is None:
        return
    if atom.startswith("</"):
        for index in range(len(stack) - 1, -1, -1):
            if _tag_name(stack[index]) == name.group(1).lower():
                del stack[index:]
                break
    else:
        stack.append(atom)


def _tag_name(opening: str) -> str:
    """The element name of an opening tag."""
    name = _TAG_NAME.match(opening)
    return name.group(1).lower() if name else ""


def _closing(stack: list[str]) -> str:
    """The closing tags of the open elements, innermost first."""
    return "".join(f"</{_tag_name(tag)}>" for tag in reversed(stack))


def _visible(part: str, *, html: bool) -> bool:
    """Whether a part shows anything (Telegram refuses an empty message)."""
    shown = regex.sub(r"<[^<>]*>", "", part) if html else part
    return bool(shown.strip())
