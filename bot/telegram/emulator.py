"""A local stand-in for api.telegram.org, for tests and an offline demo.

The emulator speaks the Bot API over HTTP (aiohttp), so the real aiogram and
python-telegram-bot clients can run against it unchanged. It keeps the state a
bot can observe (chats, messages, the update queue, commands) and enforces the
validation and flood limits that most often bite in production.

Updates reach the bot by getUpdates or, after setWebhook, by POSTs to a webhook on
this machine, delivered one at a time and retried until the receiver answers 2xx.
"""

from __future__ import annotations

import asyncio
import copy
import functools
import json
import logging
import math
import mimetypes
import re
import socket
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

__all__ = [
    "CLIENT_GONE",
    "LOOPBACK_HOSTS",
    "SECRET_TOKEN_HEADER",
    "BotAPIEmulator",
    "EmulatorLimits",
    "EntityParseError",
    "RecordedRequest",
    "SentMessage",
    "WebhookAttempt",
    "parse_formatted_text",
    "utf16_len",
]

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]

#: Status recorded for a request whose client disconnected before the answer (nginx's 499).
CLIENT_GONE = 499

#: Header Telegram puts the webhook's secret_token in.
SECRET_TOKEN_HEADER = "X-Telegram-Bot-Api-Secret-Token"
#: The only webhook hosts accepted: the emulator must never send traffic off the machine.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass
class EmulatorLimits:
    """Size and flood limits the emulator enforces; the defaults are Telegram's."""

    max_text: int = 4096
    max_caption: int = 1024
    max_callback_data: int = 64
    global_per_second: float = 30.0
    private_per_second: float = 1.0
    private_burst: int = 20
    group_per_minute: int = 20
    retry_after: int = 1

    @classmethod
    def unlimited(cls) -> EmulatorLimits:
        """Return limits with every flood control switched off."""
        return cls(
            global_per_second=math.inf,
            private_per_second=math.inf,
            group_per_minute=2**62,
        )


@dataclass(frozen=True)
class RecordedRequest:
    """One Bot API request the bot made, with what the emulator answered."""

    method: str
    params: dict[str, Any]
    at: float
    status: int
    result: Any | None
    description: str | None = None  # the error description when status >= 400


@dataclass(frozen=True)
class SentMessage:
    """A message the bot has in a chat, with all edits applied."""

    chat_id: int
    message_id: int
    text: str | None
    caption: str | None
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    kind: str
    deleted: bool
    # What the user actually sees: text or caption after entity parsing.
    rendered: str | None = None
    entities: tuple[dict[str, Any], ...] = ()
    file_id: str | None = None
    edits: int = 0
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    message_thread_id: int | None = None  # the forum topic the message is in
    reply_to_message_id: int | None = None  # the message it replies to, if any

    def buttons(self) -> list[dict[str, Any]]:
        """Return the buttons of the message's keyboard, row by row, flattened."""
        if not self.reply_markup:
            return []
        rows = self.reply_markup.get("inline_keyboard") or self.reply_markup.get("keyboard") or []
        out: list[dict[str, Any]] = []
        for row in rows:
            for button in row:
                out.append(button if isinstance(button, dict) else {"text": button})
        return out


@dataclass(frozen=True)
class WebhookAttempt:
    """One POST of an update to the webhook, successful or not."""

    update_id: int
    status: int | None  # the HTTP status; None when no answer came (refused, timed out)
    error: str | None  # what getWebhookInfo reports as last_error_message; None on 2xx
    at: float  # time.monotonic() when the attempt started, like RecordedRequest.at

    @property
    def delivered(self) -> bool:
        """Whether the receiver took the update (answered 2xx)."""
        return self.status is not None and 200 <= self.status < 300


# --------------------------------------------------------------------------- text entities


class EntityParseError(ValueError):
    """Formatted text that Telegram would refuse with "can't parse entities"."""


def utf16_len(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    # Telegram reports positions in UTF-8 bytes of the original text.
    return len(text[:index].encode("utf-8"))


def _u16(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


_HTML_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)
_HTML_ENTITY_TYPE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_SPACE = frozenset(" \t\r\n\v\f")


def _decode_html_entity(text: str, i: int) -> tuple[str, int] | None:
    """Decode the character reference starting at ``text[i] == "&"``; None if invalid."""
    n = len(text)
    j = i + 1
    if j < n and text[j] == "#":
        j += 1
        hexa = j < n and text[j] in "xX"
        if hexa:
            j += 1
        start = j
        digits = "0123456789abcdefABCDEF" if hexa else "0123456789"
        while j < n and text[j] in digits:
            j += 1
        if j == start or j - start > 8:
            return None
        code = int(text[start:j], 16 if hexa else 10)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        char = chr(code)
    else:
        start = j
        while j < n and text[j].isascii() and text[j].isalpha():
            j += 1
        name = text[start:j]
        if name not in _NAMED_ENTITIES:
            return None
        char = _NAMED_ENTITIES[name]
    # Like Telegram, the terminating semicolon is optional.
    if j < n and text[j] == ";":
        j += 1
    return char, j


@dataclass
class _OpenTag:
    tag: str
    argument: str
    offset: int
    begin: int
    expandable: bool = False
    language: str = ""


def _parse_html(src: str, *, strict_ampersand: bool) -> tuple[str, list[JSONDict]]:
    """Parse Telegram's HTML dialect the way tdlib does (see td/MessageEntity.cpp)."""
    out: list[str] = []
    entities: list[JSONDict] = []
    stack: list[_OpenTag] = []
    offset = 0
    n = len(src)
    i = 0

    def fail(message: str) -> EntityParseError:
        return EntityParseError(message)

    while i < n:
        c = src[i]
        if c == "&":
            decoded = _decode_html_entity(src, i)
            if decoded is not None:
                char, i = decoded
                out.append(char)
                offset += _u16(char)
                continue
            if strict_ampersand:
                # Stricter than Telegram (which keeps a lone "&"): unescaped user
                # input is a bug that surfaces as soon as it contains "<".
                raise fail(
                    f'Unescaped "&" at byte offset {_byte_offset(src, i)}; use "&amp;" instead'
                )
        if c != "<":
            out.append(c)
            offset += _u16(c)
            i += 1
            continue
        begin = i
        i += 1
        if i < n and src[i] == "/":
            if not stack:
                raise fail(f"Unexpected end tag at byte offset {_byte_offset(src, begin)}")
            i += 1
            start = i
            while i < n and src[i] not in _HTML_SPACE and src[i] != ">":
                i += 1
            end_name = src[start:i].lower()
            while i < n and src[i] in _HTML_SPACE:
                i += 1
            if i >= n or src[i] != ">":
                raise fail(f"Unclosed end tag at byte offset {_byte_offset(src, begin)}")
            i += 1
            top = stack.pop()
            if end_name and end_name != top.tag:
                raise fail(
                    f"Unmatched end tag at byte offset {_byte_offset(src, begin)}, "
                    f'expected "</{top.tag}>", found "</{end_name}>"'
                )
            if offset > top.offset:
                _close_html_entity(top, stack, entities, offset, "".join(out))
            continue
        start = i
        while i < n and src[i] not in _HTML_SPACE and src[i] != ">":
            i += 1
        if i >= n:
            raise fail(f"Unclosed start tag at byte offset {_byte_offset(src, begin)}")
        tag = src[start:i].lower()
        if tag not in _HTML_TAGS:
            raise fail(f'Unsupported start tag "{tag}" at byte offset {_byte_offset(src, begin)}')
        opened = _OpenTag(tag, "", offset, begin)
        while True:
            while i < n and src[i] in _HTML_SPACE:
                i += 1
            if i >= n:
                raise fail(f"Unclosed start tag at byte offset {_byte_offset(src, begin)}")
            if src[i] == ">":
                i += 1
                break
            attr_start = i
            while i < n and src[i] not in _HTML_SPACE and src[i] not in "=>":
                i += 1
            attribute = src[attr_start:i].lower()
            if not attribute:
                raise fail(
                    f'Empty attribute name in the tag "{tag}" at byte offset '
                    f"{_byte_offset(src, begin)}"
                )
            while i < n and src[i] in _HTML_SPACE:
                i += 1
            if i >= n or src[i] != "=":
                if tag == "blockquote" and attribute == "expandable":
                    opened.expandable = True
                    continue
                raise fail(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                    f"at byte offset {_byte_offset(src, begin)}"
                )
            i += 1
            while i < n and src[i] in _HTML_SPACE:
                i += 1
            if i >= n:
                raise fail(f"Unclosed start tag at byte offset {_byte_offset(src, begin)}")
            if src[i] not in "'\"":
                token_start = i
                while i < n and src[i].isascii() and (src[i].isalnum() or src[i] in ".-"):
                    i += 1
                value = src[token_start:i].lower()
                if i >= n or (src[i] not in _HTML_SPACE and src[i] != ">"):
                    raise fail(
                        f"Unexpected end of name token at byte offset "
                        f"{_byte_offset(src, token_start)}"
                    )
            else:
                quote = src[i]
                i += 1
                chars: list[str] = []
                while i < n and src[i] != quote:
                    if src[i] == "&":
                        decoded = _decode_html_entity(src, i)
                        if decoded is not None:
                            chars.append(decoded[0])
                            i = decoded[1]
                            continue
                    chars.append(src[i])
                    i += 1
                if i >= n:
                    raise fail(f"Unclosed start tag at byte offset {_byte_offset(src, begin)}")
                i += 1
                value = "".join(chars)
            if tag == "a" and attribute == "href":
                opened.argument = value
            elif tag == "code" and attribute == "class" and value.startswith("language-"):
                opened.argument = value[len("language-") :]
            elif tag == "span" and attribute == "class" and value.startswith("tg-"):
                opened.argument = value[len("tg-") :]
            elif tag == "tg-emoji" and attribute == "emoji-id":
                opened.argument = value
        if tag == "span" and opened.argument != "spoiler":
            raise fail(
                f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(src, begin)}'
            )
        stack.append(opened)
    if stack:
        raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    return "".join(out), entities


def _close_html_entity(
    top: _OpenTag, stack: list[_OpenTag], entities: list[JSONDict], offset: int, text: str
) -> None:
    length = offset - top.offset
    entity: JSONDict = {"offset": top.offset, "length": length}
    if top.tag == "a":
        url = top.argument or _utf16_slice(text, top.offset, offset)
        if not url:
            return
        user_id = url.removeprefix("tg://user?id=")
        if user_id != url and user_id.isdigit():
            entity.update(type="text_mention", user={"id": int(user_id)})
        else:
            entity.update(type="text_link", url=url)
    elif top.tag == "tg-emoji":
        if not top.argument:
            return
        entity.update(type="custom_emoji", custom_emoji_id=top.argument)
    elif top.tag == "blockquote":
        entity["type"] = "expandable_blockquote" if top.expandable else "blockquote"
    elif top.tag == "code" and top.argument and stack and stack[-1].tag == "pre":
        # <pre><code class="language-x"> becomes a single pre entity with a language.
        stack[-1].language = top.argument
        return
    else:
        entity["type"] = _HTML_ENTITY_TYPE[top.tag]
        if top.tag == "pre" and top.language:
            entity["language"] = top.language
    entities.append(entity)


def _utf16_slice(text: str, start: int, end: int) -> str:
    encoded = text.encode("utf-16-le")
    return encoded[start * 2 : end * 2].decode("utf-16-le")


_MDV2_RESERVED = "_*[]()~`>#+-=|{}.!"
_MDV2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}


@dataclass
class _OpenMd:
    type: str
    offset: int
    byte_begin: int
    text_begin: int
    language: str = ""


def _parse_markdown_v2(src: str) -> tuple[str, list[JSONDict]]:
    """Parse MarkdownV2 the way tdlib does, including its reserved-character rule."""
    out: list[str] = []
    entities: list[JSONDict] = []
    stack: list[_OpenMd] = []
    offset = 0
    quote_start: int | None = None
    n = len(src)
    i = 0

    def at(k: int) -> str:
        return src[k] if k < n else ""

    def reserved_error(k: int) -> EntityParseError:
        return EntityParseError(
            f"Character '{src[k]}' is reserved and must be escaped with the preceding '\\'"
        )

    while i < n:
        c = src[i]
        in_code = bool(stack) and stack[-1].type in ("code", "pre")
        line_start = i == 0 or src[i - 1] == "\n"
        if line_start and quote_start is not None and c != ">" and not in_code:
            # A block quote runs over consecutive lines that start with ">".
            _add_entity(entities, "blockquote", quote_start, offset - 1)
            quote_start = None
        if c == "\\" and i + 1 < n and 0 < ord(src[i + 1]) <= 126:
            out.append(src[i + 1])
            offset += 1
            i += 2
            continue
        reserved = "`" if in_code else _MDV2_RESERVED
        if c not in reserved:
            out.append(c)
            offset += _u16(c)
            i += 1
            continue
        if c == ">" and line_start and not in_code:
            if quote_start is None:
                quote_start = offset
            i += 1
            continue
        top = stack[-1].type if stack else ""
        is_end = (
            (top == "bold" and c == "*")
            or (top == "italic" and c == "_" and at(i + 1) != "_")
            or (top == "code" and c == "`")
            or (top == "pre" and src.startswith("```", i))
            or (top in ("text_link", "custom_emoji") and c == "]")
            or (top == "underline" and c == "_" and at(i + 1) == "_")
            or (top == "strikethrough" and c == "~")
            or (top == "spoiler" and c == "|" and at(i + 1) == "|")
        )
        if not is_end:
            begin = i
            language = ""
            if c == "_" and at(i + 1) == "_":
                kind, i = "underline", i + 2
            elif c == "_":
                kind, i = "italic", i + 1
            elif c == "*":
                kind, i = "bold", i + 1
            elif c == "~":
                kind, i = "strikethrough", i + 1
            elif c == "|" and at(i + 1) == "|":
                kind, i = "spoiler", i + 2
            elif c == "[":
                kind, i = "text_link", i + 1
            elif c == "!" and at(i + 1) == "[":
                kind, i = "custom_emoji", i + 2
            elif c == "`" and src.startswith("```", i):
                kind, i = "pre", i + 3
                lang_end = i
                while lang_end < n and src[lang_end] not in _HTML_SPACE and src[lang_end] != "`":
                    lang_end += 1
                if lang_end != i and lang_end < n and src[lang_end] != "`":
                    language = src[i:lang_end]
                    i = lang_end
                if at(i) in ("\n", "\r"):
                    i += 2 if at(i + 1) in ("\n", "\r") and at(i) != at(i + 1) else 1
            elif c == "`":
                kind, i = "code", i + 1
            else:
                raise reserved_error(i)
            stack.append(_OpenMd(kind, offset, _byte_offset(src, begin), len(out), language))
            continue
        opened = stack.pop()
        entity: JSONDict | None = None
        if opened.type in ("text_link", "custom_emoji"):
            if at(i + 1) == "(":
                i += 2
                url_begin = i
                url_chars: list[str] = []
                while i < n and src[i] != ")":
                    if src[i] == "\\" and i + 1 < n and 0 < ord(src[i + 1]) <= 126:
                        url_chars.append(src[i + 1])
                        i += 2
                        continue
                    url_chars.append(src[i])
                    i += 1
                if i >= n:
                    raise EntityParseError(
                        f"Can't find end of a URL at byte offset {_byte_offset(src, url_begin)}"
                    )
                url = "".join(url_chars)
            else:
                url = "".join(out[opened.text_begin :])
            i += 1
            if opened.type == "custom_emoji":
                emoji_id = url.partition("tg://emoji?id=")[2]
                if not emoji_id:
                    raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
                entity = {"type": "custom_emoji", "custom_emoji_id": emoji_id}
            elif url:
                entity = {"type": "text_link", "url": url}
        else:
            i += {"underline": 2, "spoiler": 2, "pre": 3}.get(opened.type, 1)
            entity = {"type": opened.type}
            if opened.type == "pre" and opened.language:
                entity["language"] = opened.language
        if entity is not None and offset > opened.offset:
            entity.update(offset=opened.offset, length=offset - opened.offset)
            entities.append(entity)
    if stack:
        opened = stack[-1]
        name = _MDV2_NAMES[opened.type]
        if opened.type == "pre" and opened.language:
            name = "PreCode"
        raise EntityParseError(
            f"Can't find end of {name} entity at byte offset {opened.byte_begin}"
        )
    if quote_start is not None:
        _add_entity(entities, "blockquote", quote_start, offset)
    return "".join(out), entities


def _add_entity(entities: list[JSONDict], kind: str, start: int, end: int) -> None:
    if end > start:
        entities.append({"type": kind, "offset": start, "length": end - start})


def _parse_markdown(src: str) -> tuple[str, list[JSONDict]]:
    """Parse legacy Markdown (no nesting, few escapes) the way tdlib does."""
    out: list[str] = []
    entities: list[JSONDict] = []
    offset = 0
    n = len(src)
    i = 0
    while i < n:
        c = src[i]
        if c == "\\" and i + 1 < n and src[i + 1] in "_*`[":
            out.append(src[i + 1])
            offset += 1
            i += 2
            continue
        if c not in "_*`[":
            out.append(c)
            offset += _u16(c)
            i += 1
            continue
        begin = i
        end_char = "]" if c == "[" else c
        i += 1
        is_pre = False
        language = ""
        if c == "`" and src.startswith("``", i):
            i += 2
            is_pre = True
            lang_end = i
            while lang_end < n and src[lang_end] not in _HTML_SPACE and src[lang_end] != "`":
                lang_end += 1
            if lang_end != i and lang_end < n and src[lang_end] != "`":
                language = src[i:lang_end]
                i = lang_end
            if i < n and src[i] in "\r\n":
                i += 1
        start_offset = offset
        text_begin = len(out)
        while i < n and (src[i] != end_char or (is_pre and not src.startswith("```", i))):
            out.append(src[i])
            offset += _u16(src[i])
            i += 1
        if i >= n:
            raise EntityParseError(
                f"Can't find end of the entity starting at byte offset {_byte_offset(src, begin)}"
            )
        entity: JSONDict | None = None
        if c == "_":
            entity = {"type": "italic"}
        elif c == "*":
            entity = {"type": "bold"}
        elif c == "[":
            if i + 1 < n and src[i + 1] == "(":
                i += 2
                url_start = i
                while i < n and src[i] != ")":
                    i += 1
                url = src[url_start:i]
            else:
                url = "".join(out[text_begin:])
            entity = {"type": "text_link", "url": url} if url else None
        elif is_pre:
            entity = {"type": "pre"}
            if language:
                entity["language"] = language
            i += 2
        else:
            entity = {"type": "code"}
        i += 1
        if entity is not None and offset > start_offset:
            entity.update(offset=start_offset, length=offset - start_offset)
            entities.append(entity)
    return "".join(out), entities


def _strip_text(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Trim surrounding whitespace like Telegram, keeping entity offsets consistent."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    new_len = utf16_len(stripped)
    kept: list[JSONDict] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, new_len)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def parse_formatted_text(
    text: str, parse_mode: str | None, *, strict_ampersand: bool = True
) -> tuple[str, list[dict[str, Any]]]:
    """Return (plain text, entities) for ``text`` in ``parse_mode``; raise EntityParseError."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        plain, entities = _parse_html(text, strict_ampersand=strict_ampersand)
    elif mode == "markdownv2":
        plain, entities = _parse_markdown_v2(text)
    elif mode == "markdown":
        plain, entities = _parse_markdown(text)
    elif mode == "":
        plain, entities = text, []
    else:
        raise ValueError(f"unsupported parse_mode {parse_mode!r}")
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return _strip_text(plain, entities)


# --------------------------------------------------------------------------- internals


class _ApiError(Exception):
    def __init__(self, code: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def body(self) -> JSONDict:
        body: JSONDict = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def _bad(description: str) -> _ApiError:
    return _ApiError(400, f"Bad Request: {description}")


@dataclass
class _Bucket:
    tokens: float
    stamp: float

    def available(self, now: float, rate: float, capacity: float, need: int) -> bool:
        if math.isinf(rate) or math.isinf(capacity):
            return True
        self.tokens = min(capacity, self.tokens + max(now - self.stamp, 0.0) * rate)
        self.stamp = now
        return self.tokens >= need

    def take(self, rate: float, capacity: float, need: int) -> None:
        if not (math.isinf(rate) or math.isinf(capacity)):
            self.tokens -= need


@dataclass
class _Upload:
    filename: str
    data: bytes
    content_type: str | None


@dataclass
class _File:
    file_id: str
    file_unique_id: str
    kind: str
    data: bytes
    file_name: str | None
    mime_type: str | None
    path: str


@dataclass
class _Stored:
    chat_id: int
    message_id: int
    data: JSONDict
    from_bot: bool
    kind: str
    source_text: str | None = None
    source_caption: str | None = None
    parse_mode: str | None = None
    markup: JSONDict | None = None
    file_id: str | None = None
    deleted: bool = False
    edits: int = 0


@dataclass
class _Topic:
    name: str
    icon_color: int
    closed: bool = False
    icon_custom_emoji_id: str = ""

    def to_api(self, thread_id: int) -> JSONDict:
        return {"message_thread_id": thread_id, "name": self.name, "icon_color": self.icon_color}


@dataclass
class _Call:
    method: str
    params: JSONDict
    uploads: dict[str, _Upload]


_INT_FIELDS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "message_thread_id",
        "reply_to_message_id",
        "offset",
        "limit",
        "user_id",
        "duration",
        "cache_time",
        "width",
        "height",
        "length",
        "until_date",
        "max_connections",
        "live_period",
        "icon_color",
    }
)
_FLOAT_FIELDS = frozenset({"latitude", "longitude", "horizontal_accuracy", "timeout"})
_BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "allow_sending_without_reply",
        "disable_web_page_preview",
        "show_alert",
        "drop_pending_updates",
        "is_personal",
        "disable_content_type_detection",
        "has_spoiler",
        "show_caption_above_media",
        "allow_paid_broadcast",
    }
)
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "allowed_updates",
        "commands",
        "scope",
        "media",
        "link_preview_options",
        "reply_parameters",
        "menu_button",
        "message_ids",
        "rights",
    }
)
_TRUE = frozenset({"true", "1"})
_FALSE = frozenset({"false", "0", ""})

_UNSOLICITED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_INLINE_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_CONTENT_KINDS = (
    "text",
    "photo",
    "document",
    "voice",
    "audio",
    "video",
    "animation",
    "sticker",
    "video_note",
    "location",
    "contact",
)
_CAPTIONED = frozenset({"photo", "document", "voice", "audio", "video", "animation"})
_MEDIA_METHODS = {
    "sendPhoto": "photo",
    "sendDocument": "document",
    "sendVoice": "voice",
    "sendAudio": "audio",
    "sendVideo": "video",
    "sendAnimation": "animation",
    "sendSticker": "sticker",
    "sendVideoNote": "video_note",
}
_DEFAULT_MIME = {
    "photo": "image/jpeg",
    "voice": "audio/ogg",
    "audio": "audio/mpeg",
    "video": "video/mp4",
    "animation": "video/mp4",
    "sticker": "image/webp",
    "video_note": "video/mp4",
    "document": "application/octet-stream",
}
_NOT_COPIED = frozenset(
    {
        "message_id",
        "from",
        "chat",
        "date",
        "edit_date",
        "reply_markup",
        "reply_to_message",
        "forward_origin",
        "message_thread_id",
        "is_topic_message",
        "media_group_id",
        "sender_chat",
    }
)
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
#: The colours createForumTopic accepts (Bot API docs); the first is used when none is given.
_TOPIC_COLORS = (0x6FB9F0, 0xFFD67E, 0xCB86DB, 0x8EEE98, 0xFF93B2, 0xFB6F5F)
_TOPIC_NAME_MAX = 128
_NOT_A_FORUM = "the chat is not a forum"
_OLD_QUERY = "query is too old and response timeout expired or query ID is invalid"
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_LANG_RE = re.compile(r"^([a-z]{2})?$")


def _coerce(key: str, value: Any) -> Any:
    """Turn form-encoded strings into the JSON types Telegram would have parsed."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return value
    if key in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            raise _bad(f"can't parse {key} JSON object") from None
    if key in _INT_FIELDS:
        try:
            return int(value)
        except ValueError:
            if key in ("chat_id", "from_chat_id"):
                return value
            raise _bad(f'field "{key}" must be of type Integer') from None
    if key in _FLOAT_FIELDS:
        try:
            return float(value)
        except ValueError:
            raise _bad(f'field "{key}" must be of type Number') from None
    if key in _BOOL_FIELDS:
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise _bad(f'field "{key}" must be of type Boolean')
    return value


@dataclass(frozen=True)
class _Webhook:
    url: str
    target: URL  # parsed once, so the URL checked is the URL aiohttp connects to
    secret_token: str | None
    allowed_updates: list[str] | None
    max_connections: int


_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def _webhook_target(url: str) -> URL:
    """Parse a setWebhook URL, refusing anything but http(s) on a loopback host."""
    try:
        # yarl is the parser aiohttp itself uses: no gap between what is checked and dialled.
        target = URL(url)
    except (ValueError, TypeError):
        raise _bad("bad webhook: Wrong URL") from None
    if target.scheme not in ("http", "https") or not target.absolute:
        raise _bad("bad webhook: Unsupported URL protocol")
    host = (target.host or "").lower()
    if host not in LOOPBACK_HOSTS:
        allowed = ", ".join(sorted(LOOPBACK_HOSTS))
        raise _bad(
            f"bad webhook: the emulator delivers only to loopback hosts ({allowed}), "
            f"not {target.host!r}"
        )
    return target


class _LoopbackResolver(AbstractResolver):
    """Resolve "localhost" to loopback addresses without asking /etc/hosts or DNS.

    setWebhook already refuses other hosts; this keeps an odd hosts file from
    sending updates off the machine. IP literals never reach a resolver.
    """

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """Return 127.0.0.1 and/or ::1 for "localhost"; refuse every other name."""
        if host.lower() != "localhost":
            raise OSError(f"the emulator delivers webhooks only to loopback hosts, not {host!r}")
        candidates = ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1"))
        return [
            ResolveResult(
                hostname=host,
                host=address,
                port=port,
                family=kind,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for kind, address in candidates
            if family in (socket.AF_UNSPEC, kind)
        ]

    async def close(self) -> None:
        """Nothing to release."""


def _update_type(update: JSONDict) -> str:
    return next((k for k in update if k != "update_id"), "")


def _content_kind(data: JSONDict) -> str:
    return next((k for k in _CONTENT_KINDS if k in data), "unknown")


# --------------------------------------------------------------------------- the emulator


Handler = Callable[[_Call], Any]


class BotAPIEmulator:
    """An in-process Bot API server that records and validates what a bot does."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        *,
        limits: EmulatorLimits | None = None,
        bot_username: str = "mediation_test_bot",
        host: str = "127.0.0.1",
        port: int = 0,
        strict_ampersand: bool = True,
        webhook_timeout: float = 10.0,
        webhook_retry_delay: float = 0.2,
        webhook_max_retry_delay: float = 2.0,
    ) -> None:
        self.token = token
        self.limits = limits if limits is not None else EmulatorLimits()
        self.bot_username = bot_username
        self.strict_ampersand = strict_ampersand
        # Telegram waits longer and backs off for minutes; these keep tests fast.
        self.webhook_timeout = webhook_timeout
        self.webhook_retry_delay = webhook_retry_delay
        self.webhook_max_retry_delay = webhook_max_retry_delay
        self._host = host
        self._port = port
        head = token.split(":", 1)[0]
        self.bot_id = int(head) if head.isdigit() else 1
        self._bot_user: JSONDict = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Mediation Test Bot",
            "username": bot_username,
        }
        self._runner: web.AppRunner | None = None
        self._url = ""
        self._closing = False

        self._log: list[RecordedRequest | None] = []
        self._inflight = 0
        self._last_activity = time.monotonic()

        self._updates: list[JSONDict] = []
        self._next_update_id = 1
        self._update_event = asyncio.Event()
        self._poll_generation = 0
        self._allowed_updates: frozenset[str] | None = None
        self._webhook: _Webhook | None = None
        # Normally one task; a replaced one lingers until its cancellation completes.
        self._webhook_tasks: set[asyncio.Task[None]] = set()
        self._webhook_sending: int | None = None  # update_id of the POST in flight
        self._webhook_attempts: list[WebhookAttempt] = []
        self._webhook_error: tuple[int, str] | None = None  # (unix date, message)

        self._users: dict[int, JSONDict] = {}
        self._chats: dict[int, JSONDict] = {}
        self._blocked: set[int] = set()
        self._members: dict[tuple[int, int], str] = {}
        self._messages: dict[int, dict[int, _Stored]] = {}
        self._next_message_id: dict[int, int] = {}
        self._keyboards: dict[int, JSONDict] = {}
        self._files: dict[str, _File] = {}
        self._file_counter = 0
        self._callbacks: dict[str, JSONDict | None] = {}
        self._callback_counter = 0
        self._media_group_counter = 0
        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self._profile: dict[tuple[str, str], str] = {}
        self._menu_buttons: dict[int | None, JSONDict] = {}
        self._topics: dict[int, dict[int, _Topic]] = {}

        self._global_bucket: _Bucket | None = None
        self._private_buckets: dict[int, _Bucket] = {}
        self._group_windows: dict[int, deque[float]] = {}

        handlers: dict[str, Handler] = {
            "getMe": self._get_me,
            "logOut": self._ok,
            "close": self._ok,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "deleteMessages": self._delete_messages,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setMyDescription": functools.partial(self._set_profile, "description"),
            "getMyDescription": functools.partial(self._get_profile, "description"),
            "setMyShortDescription": functools.partial(self._set_profile, "short_description"),
            "getMyShortDescription": functools.partial(self._get_profile, "short_description"),
            "setMyName": functools.partial(self._set_profile, "name"),
            "getMyName": functools.partial(self._get_profile, "name"),
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": self._get_chat_menu_button,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "sendChatAction": self._send_chat_action,
            "sendLocation": self._send_location,
            "sendContact": self._send_contact,
            "forwardMessage": self._forward_message,
            "copyMessage": self._copy_message,
            "sendMediaGroup": self._send_media_group,
            "getFile": self._get_file,
            "createForumTopic": self._create_forum_topic,
            "editForumTopic": self._edit_forum_topic,
            "closeForumTopic": functools.partial(self._set_topic_closed, True),
            "reopenForumTopic": functools.partial(self._set_topic_closed, False),
        }
        for method, kind in _MEDIA_METHODS.items():
            handlers[method] = functools.partial(self._send_media, kind)
        self._handlers = handlers
        self._canonical = {name.lower(): name for name in handlers}

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> str:
        """Start serving on host:port and return the base URL."""
        if self._runner is not None:
            return self._url
        self._closing = False
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        # Cancelling handlers of dropped connections lets an abandoned long poll
        # vanish instead of answering 409 to a newer poll nobody is waiting on.
        runner = web.AppRunner(
            app, shutdown_timeout=1.0, access_log=None, handler_cancellation=True
        )
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._port)
        await site.start()
        self._runner = runner
        port = runner.addresses[0][1]
        self._url = f"http://{self._host}:{port}"
        if self._webhook is not None:
            # Restarted after stop(): the webhook stayed registered, as on Telegram.
            self._restart_webhook_delivery()
        return self._url

    async def stop(self) -> None:
        """Stop the server, releasing pending long polls and webhook delivery first."""
        self._closing = True
        self._wake()
        tasks = set(self._webhook_tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            # asyncio.wait, unlike awaiting the task, leaves our own cancellation intact.
            await asyncio.wait(tasks)
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def __aenter__(self) -> BotAPIEmulator:
        """Start the server."""
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Stop the server."""
        await self.stop()

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:PORT`` (empty before start)."""
        return self._url

    @property
    def bot_user(self) -> dict[str, Any]:
        """The bot's own User object, as getMe returns it."""
        return copy.deepcopy(self._bot_user)

    # ------------------------------------------------------------------ request log

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every answered request, in arrival order."""
        return [r for r in self._log if r is not None]

    def calls(self, method: str) -> list[RecordedRequest]:
        """Answered requests for ``method`` (case-insensitive)."""
        wanted = method.lower()
        return [r for r in self.requests if r.method.lower() == wanted]

    @property
    def errors(self) -> list[RecordedRequest]:
        """Requests the bot got an HTTP error for (abandoned requests are not errors)."""
        return [r for r in self.requests if r.status >= 400 and r.status != CLIENT_GONE]

    # ------------------------------------------------------------------ world setup

    def user(
        self,
        user_id: int,
        first_name: str = "Test",
        *,
        language_code: str | None = None,
        username: str | None = None,
    ) -> dict[str, Any]:
        """Build a User object, remember it and open the private chat with the bot."""
        if user_id <= 0:
            raise ValueError("user ids are positive")
        user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self._users[user_id] = user
        self._chats[user_id] = self._private_chat(user_id)
        return copy.deepcopy(user)

    def add_group(self, chat_id: int, title: str, *, forum: bool = False) -> dict[str, Any]:
        """Register a supergroup (negative id) with the bot as a member; return its Chat."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        chat: JSONDict = {"id": chat_id, "type": "supergroup", "title": title}
        if forum:
            chat["is_forum"] = True
        self._chats[chat_id] = chat
        self._members.setdefault((chat_id, self.bot_id), "member")
        return copy.deepcopy(chat)

    def set_chat_member(self, chat_id: int, user_id: int, status: str) -> None:
        """Configure what getChatMember reports for ``user_id`` in ``chat_id``."""
        allowed = {"creator", "administrator", "member", "restricted", "left", "kicked"}
        if status not in allowed:
            raise ValueError(f"status must be one of {sorted(allowed)}")
        if user_id != self.bot_id:
            # A configured member is a user Telegram knows, so getChatMember finds them.
            self._ensure_user(user_id)
        self._members[(chat_id, user_id)] = status

    def add_topic(self, chat_id: int, name: str, *, icon_color: int = _TOPIC_COLORS[0]) -> int:
        """Open a topic in a forum group as a human admin would; return its thread id."""
        chat = self._chats.get(chat_id)
        if chat is None or not chat.get("is_forum"):
            raise ValueError(f"chat {chat_id} is not a forum: add_group(..., forum=True) first")
        return self._open_topic(chat_id, _Topic(name, icon_color))

    def set_blocked(self, user_id: int, blocked: bool = True) -> None:
        """Make the user block (or unblock) the bot: sends then fail with 403."""
        if blocked:
            self._blocked.add(user_id)
        else:
            self._blocked.discard(user_id)

    # ------------------------------------------------------------------ injecting updates

    def inject(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue a raw update (update_id assigned if missing) and return it."""
        update = copy.deepcopy(update)
        if "update_id" not in update:
            # Telegram sends update_id first; some code (and people) read it that way.
            update = {"update_id": self._next_update_id, **update}
        self._next_update_id = max(self._next_update_id, int(update["update_id"]) + 1)
        query = update.get("callback_query")
        if isinstance(query, dict) and "id" in query:
            self._callbacks.setdefault(str(query["id"]), None)
        self._updates.append(update)
        self._updates.sort(key=lambda u: int(u["update_id"]))
        self._wake()
        return copy.deepcopy(update)

    def send_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        forward: bool = False,
        message_thread_id: int | None = None,
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        """Queue a text message from the user (private chat unless ``chat_id``).

        ``reply_to`` is the id of a message in that chat (the bot's or a user's) being
        replied to; in a forum the reply lands in that message's topic.
        """
        content: JSONDict = {"text": text}
        if text.startswith("/"):
            command = re.split(r"\s", text, maxsplit=1)[0]
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
            ]
        if forward:
            content["forward_origin"] = {
                "type": "hidden_user",
                "date": int(time.time()) - 60,
                "sender_user_name": "Someone Else",
            }
        return self._user_message(
            user_id, chat_id, content, thread=message_thread_id, reply_to=reply_to
        )

    def send_contact(
        self,
        user_id: int,
        phone_number: str,
        first_name: str,
        *,
        contact_user_id: int | None = None,
    ) -> dict[str, Any]:
        """Queue a shared contact; pass ``contact_user_id=user_id`` for the user's own."""
        contact: JSONDict = {"phone_number": phone_number, "first_name": first_name}
        if contact_user_id is not None:
            contact["user_id"] = contact_user_id
        return self._user_message(user_id, None, {"contact": contact})

    def send_location(self, user_id: int, latitude: float, longitude: float) -> dict[str, Any]:
        """Queue a shared location."""
        location = {"latitude": latitude, "longitude": longitude}
        return self._user_message(user_id, None, {"location": location})

    def send_photo(
        self,
        user_id: int,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
        reply_to: int | None = None,
        message_thread_id: int | None = None,
    ) -> dict[str, Any]:
        """Queue a photo with fabricated file ids (private chat unless ``chat_id``)."""
        main = self._new_file("photo", b"\xff\xd8\xff\xe0 emulated jpeg", None, "image/jpeg")
        content: JSONDict = {"photo": self._photo_sizes(main)}
        if caption is not None:
            content["caption"] = caption
        return self._user_message(
            user_id, chat_id, content, thread=message_thread_id, reply_to=reply_to
        )

    def send_voice(
        self,
        user_id: int,
        duration: int = 3,
        *,
        chat_id: int | None = None,
        reply_to: int | None = None,
        message_thread_id: int | None = None,
    ) -> dict[str, Any]:
        """Queue a voice note with a fabricated file id (private chat unless ``chat_id``)."""
        voice = self._new_file("voice", b"OggS emulated voice", None, "audio/ogg")
        content = {"voice": self._media_object(voice, {"duration": duration})}
        return self._user_message(
            user_id, chat_id, content, thread=message_thread_id, reply_to=reply_to
        )

    def send_document(
        self,
        user_id: int,
        file_name: str = "contract.pdf",
        *,
        chat_id: int | None = None,
        reply_to: int | None = None,
        message_thread_id: int | None = None,
    ) -> dict[str, Any]:
        """Queue a document with a fabricated file id (private chat unless ``chat_id``)."""
        mime = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        document = self._new_file("document", b"%PDF-1.4 emulated", file_name, mime)
        content = {"document": self._media_object(document, {})}
        return self._user_message(
            user_id, chat_id, content, thread=message_thread_id, reply_to=reply_to
        )

    def send_sticker(self, user_id: int) -> dict[str, Any]:
        """Queue a sticker with a fabricated file id."""
        sticker = self._new_file("sticker", b"RIFF emulated webp", None, "image/webp")
        return self._user_message(user_id, None, {"sticker": self._media_object(sticker, {})})

    def edit_text(self, user_id: int, message_id: int, text: str) -> dict[str, Any]:
        """Queue an edited_message update for a text the user sent earlier."""
        stored = self._messages.get(user_id, {}).get(message_id)
        if stored is None or stored.from_bot or "text" not in stored.data:
            raise ValueError(f"user {user_id} has no text message {message_id}")
        stored.data["text"] = text
        stored.data.pop("entities", None)
        if text.startswith("/"):
            command = re.split(r"\s", text, maxsplit=1)[0]
            stored.data["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
            ]
        stored.data["edit_date"] = int(time.time())
        stored.edits += 1
        return self.inject({"edited_message": copy.deepcopy(stored.data)})

    def press(
        self,
        user_id: int,
        message_id: int,
        data: str,
        *,
        chat_id: int | None = None,
        verify: bool = True,
    ) -> dict[str, Any]:
        """Queue a callback_query for a button on one of the bot's messages.

        With ``verify`` the message must currently carry a button with ``data``,
        since a real user can only press buttons that are on screen.
        """
        self._ensure_user(user_id)
        target_chat = user_id if chat_id is None else chat_id
        stored = self._messages.get(target_chat, {}).get(message_id)
        if stored is None or stored.deleted or not stored.from_bot:
            raise ValueError(f"the bot has no message {message_id} in chat {target_chat}")
        if verify:
            markup = stored.data.get("reply_markup") or {}
            datas = [
                b.get("callback_data") for row in markup.get("inline_keyboard", []) for b in row
            ]
            if data not in datas:
                raise ValueError(
                    f"message {message_id} has no button with callback_data {data!r}; "
                    f"it has {datas!r}"
                )
        self._callback_counter += 1
        query_id = str(4_000_000_000_000_000_000 + self._callback_counter)
        query: JSONDict = {
            "id": query_id,
            "from": copy.deepcopy(self._users[user_id]),
            "message": copy.deepcopy(stored.data),
            "chat_instance": str(abs(hash((self.bot_id, target_chat))) % 10**18),
            "data": data,
        }
        return self.inject({"callback_query": query})

    # ------------------------------------------------------------------ reading state

    def messages(
        self, chat_id: int, *, include_deleted: bool = False, thread: int | None = None
    ) -> list[SentMessage]:
        """The bot's messages in ``chat_id`` (only topic ``thread`` if given), oldest first."""
        return [
            self._to_sent(m)
            for m in self._messages.get(chat_id, {}).values()
            if m.from_bot
            and (include_deleted or not m.deleted)
            and (thread is None or m.data.get("message_thread_id") == thread)
        ]

    def topics(self, chat_id: int) -> dict[int, str]:
        """The forum topics of ``chat_id``: message_thread_id -> current name."""
        return {thread: topic.name for thread, topic in self._topics.get(chat_id, {}).items()}

    def forum_topic(self, chat_id: int, message_thread_id: int) -> dict[str, Any] | None:
        """One topic as a ForumTopic plus ``is_closed`` (None if there is no such topic)."""
        topic = self._topics.get(chat_id, {}).get(message_thread_id)
        if topic is None:
            return None
        info = topic.to_api(message_thread_id)
        info["is_closed"] = topic.closed
        if topic.icon_custom_emoji_id:
            info["icon_custom_emoji_id"] = topic.icon_custom_emoji_id
        return info

    def last_message(self, chat_id: int) -> SentMessage:
        """The bot's newest non-deleted message in ``chat_id``."""
        sent = self.messages(chat_id)
        if not sent:
            raise LookupError(f"the bot has no messages in chat {chat_id}")
        return sent[-1]

    def reply_keyboard(self, chat_id: int) -> dict[str, Any] | None:
        """The reply keyboard currently shown in ``chat_id``, if any."""
        keyboard = self._keyboards.get(chat_id)
        return copy.deepcopy(keyboard) if keyboard is not None else None

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        """The answerCallbackQuery parameters for ``query_id`` (None if unanswered)."""
        answer = self._callbacks.get(query_id)
        return copy.deepcopy(answer) if answer is not None else None

    def bot_commands(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, Any]] | None:
        """Commands stored by setMyCommands for exactly this scope and language."""
        stored = self._commands.get((self._scope_key(scope), language_code))
        return copy.deepcopy(stored) if stored is not None else None

    def bot_profile(self, field_name: str, language_code: str = "") -> str | None:
        """The stored description, short_description or name for a language."""
        return self._profile.get((field_name, language_code))

    @property
    def webhook_url(self) -> str | None:
        """The URL set by setWebhook, if any."""
        return None if self._webhook is None else self._webhook.url

    @property
    def webhook_attempts(self) -> list[WebhookAttempt]:
        """Every webhook POST that got an answer or failed, oldest first."""
        return list(self._webhook_attempts)

    @property
    def unanswered_callbacks(self) -> list[str]:
        """Callback query ids that were injected but never answered."""
        return [qid for qid, answer in self._callbacks.items() if answer is None]

    @property
    def pending_updates(self) -> int:
        """Updates queued: not yet acknowledged by a getUpdates offset or a webhook's 2xx."""
        return len(self._updates)

    # The public helpers take `timeout` directly: tests read better than with asyncio.timeout.
    async def wait_for(
        self,
        predicate: Callable[[], bool],
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> None:
        """Poll ``predicate`` until true (LookupError counts as false); TimeoutError if never."""
        deadline = time.monotonic() + timeout
        while True:
            last_error: LookupError | None = None
            try:
                if predicate():
                    return
            except LookupError as error:  # e.g. last_message() before the bot has replied
                last_error = error
            if time.monotonic() >= deadline:
                reason = f" (last error: {last_error!r})" if last_error else ""
                raise TimeoutError(
                    f"condition {getattr(predicate, '__name__', predicate)!r} not met within "
                    f"{timeout:.2f}s{reason}\n{self._describe()}"
                )
            await asyncio.sleep(0.01)

    async def wait_for_messages(
        self,
        chat_id: int,
        count: int,
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> list[SentMessage]:
        """Wait until the bot has at least ``count`` non-deleted messages in ``chat_id``."""

        def enough() -> bool:
            return len(self.messages(chat_id)) >= count

        enough.__name__ = f"{count} bot message(s) in chat {chat_id}"
        await self.wait_for(enough, timeout)
        return self.messages(chat_id)

    async def wait_idle(
        self,
        quiet: float = 0.3,
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> None:
        """Wait until all updates are acknowledged and the bot was silent for ``quiet`` s.

        In webhook mode an update is acknowledged by the receiver's 2xx answer, and a
        POST in flight counts as activity.
        """

        def idle() -> bool:
            return (
                not self._updates
                and self._inflight == 0
                and self._webhook_sending is None
                and time.monotonic() - self._last_activity >= quiet
            )

        idle.__name__ = f"bot idle for {quiet}s with no pending updates"
        await self.wait_for(idle, timeout)

    def _describe(self) -> str:
        lines = [f"pending updates: {len(self._updates)}, in-flight requests: {self._inflight}"]
        if self._webhook is not None:
            sending = self._webhook_sending
            lines.append(
                f"webhook {self._webhook.url}: "
                + (f"posting update {sending}" if sending is not None else "no POST in flight")
                + (f", last error: {self._webhook_error[1]}" if self._webhook_error else "")
            )
        recent = [r for r in self.requests if r.method != "getUpdates"][-8:]
        lines.append("recent requests:" if recent else "no requests besides getUpdates")
        for r in recent:
            chat = r.params.get("chat_id", "")
            lines.append(f"  {r.method} chat={chat} -> {r.status}")
        for r in self.errors[-5:]:
            lines.append(f"  error in {r.method}: {r.status} {r.description}")
        return "\n".join(lines)

    # ------------------------------------------------------------------ HTTP plumbing

    async def _handle(self, request: web.Request) -> web.Response:
        arrived = time.monotonic()
        raw_method = request.match_info["method"]
        method = self._canonical.get(raw_method.lower(), raw_method)
        is_poll = method == "getUpdates"
        slot = len(self._log)
        self._log.append(None)
        if not is_poll:
            self._inflight += 1
            self._last_activity = arrived
        params: JSONDict = {}
        result: Any = None
        description: str | None = None
        status = CLIENT_GONE
        try:
            try:
                body_error: _ApiError | None = None
                uploads: dict[str, _Upload] = {}
                try:
                    raw, uploads = await self._read_params(request)
                    params = raw  # kept as sent if coercion below rejects a field
                    params = {key: _coerce(key, value) for key, value in raw.items()}
                except _ApiError as error:
                    body_error = error
                # Telegram checks the token before looking at the request.
                if request.match_info["token"] != self.token:
                    raise _ApiError(401, "Unauthorized")
                if body_error is not None:
                    raise body_error
                handler = self._handlers.get(method)
                if handler is None:
                    raise _ApiError(404, "Not Found: method not found")
                outcome = handler(_Call(method, params, uploads))
                if asyncio.iscoroutine(outcome):
                    outcome = await outcome
                result = outcome
                status, body = 200, {"ok": True, "result": result}
            except _ApiError as error:
                status, body, result = error.code, error.body(), None
                description = error.description
            except asyncio.CancelledError:
                # The client hung up (e.g. a poller being stopped); nobody sees an answer.
                description = "client closed the connection before the answer"
                raise
            except Exception as error:  # a bug in the emulator must not look like a hang
                log.exception("emulator failed on %s", method)
                status, result = 500, None
                description = f"Internal Server Error: {type(error).__name__}: {error}"
                body = {"ok": False, "error_code": 500, "description": description}
        finally:
            if not is_poll:
                self._inflight -= 1
            if not is_poll or result:
                self._last_activity = time.monotonic()
            self._log[slot] = RecordedRequest(
                method, params, arrived, status, copy.deepcopy(result), description
            )
        return web.json_response(body, status=status)

    async def _read_params(self, request: web.Request) -> tuple[JSONDict, dict[str, _Upload]]:
        raw: JSONDict = dict(request.query)
        uploads: dict[str, _Upload] = {}
        if not request.body_exists:
            return raw, uploads
        ctype = request.content_type
        if ctype == "application/json":
            try:
                data = await request.json()
            except ValueError:
                raise _bad("can't parse JSON encoded request body") from None
            if not isinstance(data, dict):
                raise _bad("JSON request body must be an object")
            raw.update(data)
        elif ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    payload = value.file.read()
                    uploads[key] = _Upload(value.filename, payload, value.content_type)
                    raw[key] = {"upload": value.filename, "size": len(payload)}
                else:
                    raw[key] = value
        return raw, uploads

    async def _not_found(self, request: web.Request) -> web.Response:
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        path = request.match_info["path"]
        for stored in self._files.values():
            if stored.path == path:
                return web.Response(
                    body=stored.data, content_type=stored.mime_type or "application/octet-stream"
                )
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )

    # ------------------------------------------------------------------ helpers

    def _wake(self) -> None:
        # Waiters hold the old event; swapping in a fresh one re-arms future waits.
        self._update_event.set()
        self._update_event = asyncio.Event()

    def _ensure_user(self, user_id: int) -> JSONDict:
        # Only the User is created: a user seen in a group has not started the bot.
        if user_id not in self._users:
            if user_id <= 0:
                raise ValueError("user ids are positive")
            self._users[user_id] = {"id": user_id, "is_bot": False, "first_name": "Test"}
        return self._users[user_id]

    def _private_chat(self, user_id: int) -> JSONDict:
        user = self._users[user_id]
        chat: JSONDict = {"id": user_id, "type": "private", "first_name": user["first_name"]}
        if user.get("username"):
            chat["username"] = user["username"]
        return chat

    def _user_message(
        self,
        user_id: int,
        chat_id: int | None,
        content: JSONDict,
        *,
        thread: int | None = None,
        reply_to: int | None = None,
    ) -> JSONDict:
        user = self._ensure_user(user_id)
        target = user_id if chat_id is None else chat_id
        if target == user_id and target not in self._chats:
            self._chats[target] = self._private_chat(user_id)  # writing to the bot starts it
        chat = self._chats.get(target)
        if chat is None:
            raise ValueError(f"unknown chat {target}: call add_group() first")
        replied: JSONDict | None = None
        if reply_to is not None:
            original = self._find_message(target, reply_to)
            if original is None:
                raise ValueError(f"chat {target} has no message {reply_to} to reply to")
            replied = copy.deepcopy(original.data)
            replied.pop("reply_to_message", None)  # Telegram nests replies one level deep
        if chat.get("is_forum"):
            if thread is None and replied is not None:
                # A reply goes into the topic of the message it answers.
                thread = replied.get("message_thread_id")
            if thread is not None and thread not in self._topics.get(target, {}):
                raise ValueError(
                    f"forum {target} has no topic {thread}: createForumTopic or add_topic() first"
                )
        if target < 0:
            self._members.setdefault((target, user_id), "member")
        message: JSONDict = {
            "message_id": self._allocate_message_id(target),
            "from": copy.deepcopy(user),
            "chat": copy.deepcopy(chat),
            "date": int(time.time()),
        }
        if thread is not None and chat.get("is_forum"):
            message["message_thread_id"] = thread
            message["is_topic_message"] = True
        if replied is not None:
            message["reply_to_message"] = replied
        message.update(content)
        kind = _content_kind(message)
        stored = _Stored(target, message["message_id"], message, from_bot=False, kind=kind)
        self._messages.setdefault(target, {})[stored.message_id] = stored
        keyboard = self._keyboards.get(target)
        if keyboard is not None and keyboard.get("one_time_keyboard"):
            del self._keyboards[target]
        return self.inject({"message": copy.deepcopy(message)})

    def _open_topic(self, chat_id: int, topic: _Topic) -> int:
        # As on Telegram, a topic's id is the id of the service message that opened it,
        # so it is unique in the chat and never equal to another message's id.
        thread_id = self._allocate_message_id(chat_id)
        self._topics.setdefault(chat_id, {})[thread_id] = topic
        return thread_id

    def _allocate_message_id(self, chat_id: int) -> int:
        next_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = next_id + 1
        return next_id

    def _new_file(
        self, kind: str, data: bytes, file_name: str | None, mime_type: str | None
    ) -> _File:
        self._file_counter += 1
        n = self._file_counter
        folder = {"photo": "photos", "document": "documents", "voice": "voice"}.get(kind, kind)
        ext = mimetypes.guess_extension(mime_type or "") or ".bin"
        if file_name and "." in file_name:
            ext = "." + file_name.rsplit(".", 1)[1]
        stored = _File(
            file_id=f"EMU{kind[:3].upper()}{n:08d}AgADBAADemulated",
            file_unique_id=f"AQAD{n:08d}",
            kind=kind,
            data=data,
            file_name=file_name,
            mime_type=mime_type,
            path=f"{folder}/file_{n}{ext}",
        )
        self._files[stored.file_id] = stored
        return stored

    def _photo_sizes(self, main: _File) -> list[JSONDict]:
        sizes: list[JSONDict] = []
        for index, side in enumerate((90, 320, 800)):
            if side == 800:
                item = main
            else:
                item = self._files.get(f"{main.file_id}_{index}") or _File(
                    f"{main.file_id}_{index}",
                    f"{main.file_unique_id}_{index}",
                    "photo",
                    main.data,
                    None,
                    main.mime_type,
                    main.path.replace(".", f"_{index}.", 1),
                )
                self._files[item.file_id] = item
            sizes.append(
                {
                    "file_id": item.file_id,
                    "file_unique_id": item.file_unique_id,
                    "width": side,
                    "height": side * 3 // 4,
                    "file_size": len(item.data),
                }
            )
        return sizes

    def _media_object(self, stored: _File, params: JSONDict) -> JSONDict:
        kind = stored.kind
        obj: JSONDict = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
        duration = int(params.get("duration") or 3)
        if kind in ("document", "audio", "video", "animation") and stored.file_name:
            obj["file_name"] = stored.file_name
        if kind in ("document", "voice", "audio", "video", "animation") and stored.mime_type:
            obj["mime_type"] = stored.mime_type
        if kind in ("voice", "audio", "video", "animation", "video_note"):
            obj["duration"] = duration
        if kind in ("video", "animation"):
            obj["width"] = int(params.get("width") or 640)
            obj["height"] = int(params.get("height") or 480)
        if kind == "video_note":
            obj["length"] = int(params.get("length") or 240)
        if kind == "sticker":
            obj.update(type="regular", width=512, height=512, is_animated=False, is_video=False)
            obj["emoji"] = "🙂"
        return obj

    def _to_sent(self, m: _Stored) -> SentMessage:
        data = m.data
        entities = data.get("entities") or data.get("caption_entities") or []
        return SentMessage(
            chat_id=m.chat_id,
            message_id=m.message_id,
            text=m.source_text if "text" in data else None,
            caption=m.source_caption if "caption" in data else None,
            parse_mode=m.parse_mode,
            reply_markup=copy.deepcopy(m.markup),
            kind=m.kind,
            deleted=m.deleted,
            rendered=data.get("text", data.get("caption")),
            entities=tuple(copy.deepcopy(entities)),
            file_id=m.file_id,
            edits=m.edits,
            raw=copy.deepcopy(data),
            message_thread_id=data.get("message_thread_id"),
            reply_to_message_id=(data.get("reply_to_message") or {}).get("message_id"),
        )

    @staticmethod
    def _scope_key(scope: Any) -> str:
        scope = scope if isinstance(scope, dict) and scope else {"type": "default"}
        normalized = {k: (int(v) if k in _INT_FIELDS else v) for k, v in scope.items()}
        return json.dumps(normalized, sort_keys=True)

    # ------------------------------------------------------------------ parameter access

    def _chat(self, call: _Call, key: str = "chat_id") -> JSONDict:
        value = call.params.get(key)
        if value is None or value == "":
            raise _bad(f"{key} is empty")
        if isinstance(value, str):
            # "@name" only addresses public groups and channels, never private chats.
            wanted = value.lstrip("@").lower()
            for chat in self._chats.values():
                if chat["type"] != "private" and str(chat.get("username", "")).lower() == wanted:
                    return chat
            raise _bad("chat not found")
        chat_id = int(value)
        found = self._chats.get(chat_id)
        if found is None and chat_id in self._users:
            return self._private_chat(chat_id)
        if found is None:
            raise _bad("chat not found")
        return found

    def _writable_chat(self, call: _Call) -> JSONDict:
        chat = self._chat(call)
        chat_id = int(chat["id"])
        if chat_id in self._blocked:
            raise _ApiError(403, "Forbidden: bot was blocked by the user")
        if chat_id > 0 and chat_id not in self._chats:
            raise _ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        if chat_id < 0 and self._members.get((chat_id, self.bot_id)) in ("left", "kicked"):
            raise _ApiError(403, "Forbidden: bot is not a member of the supergroup chat")
        self._check_thread(call, chat)
        return chat

    def _check_thread(self, call: _Call, chat: JSONDict) -> None:
        thread = call.params.get("message_thread_id")
        # Outside forums Telegram ignores message_thread_id, so the emulator does too.
        if thread is None or thread == "" or not chat.get("is_forum"):
            return
        chat_id = int(chat["id"])
        topic = self._topics.get(chat_id, {}).get(int(thread))
        if topic is None:
            raise _bad("message thread not found")
        if topic.closed and not self._bot_is_admin(chat_id):
            # Only admins may post in a closed topic.
            raise _bad("TOPIC_CLOSED")

    def _bot_is_admin(self, chat_id: int) -> bool:
        return self._members.get((chat_id, self.bot_id)) in ("administrator", "creator")

    def _forum(self, call: _Call) -> JSONDict:
        chat = self._chat(call)
        if not chat.get("is_forum"):
            raise _bad(_NOT_A_FORUM)
        return chat

    def _topic(self, call: _Call) -> tuple[int, _Topic]:
        chat = self._forum(call)
        raw = call.params.get("message_thread_id")
        thread_id = int(raw) if raw is not None and raw != "" else 0
        topic = self._topics.get(int(chat["id"]), {}).get(thread_id)
        if topic is None:
            raise _bad("TOPIC_ID_INVALID")
        return thread_id, topic

    @staticmethod
    def _topic_name(call: _Call, *, required: bool) -> str | None:
        raw = call.params.get("name")
        if raw is None or raw == "":
            if required:
                raise _bad("TOPIC_TITLE_EMPTY")
            return None
        name = str(raw)
        if utf16_len(name) > _TOPIC_NAME_MAX:
            # Documented limit; refusing is stricter than cutting it short silently.
            raise _bad("TOPIC_TITLE_TOO_LONG")
        return name

    @staticmethod
    def _message_id(call: _Call) -> int:
        value = call.params.get("message_id")
        if value is None or value == "":
            raise _bad("message identifier is not specified")
        return int(value)

    def _formatted(
        self, call: _Call, key: str, entities_key: str, *, limit: int, required: bool
    ) -> tuple[str | None, str | None, list[JSONDict]]:
        """Validate text or caption; return (source, rendered, entities)."""
        source = call.params.get(key)
        if source is None or source == "":
            if required:
                raise _bad("message text is empty")
            return None, None, []
        source = str(source)
        parse_mode = call.params.get("parse_mode") or None
        try:
            rendered, entities = parse_formatted_text(
                source, parse_mode, strict_ampersand=self.strict_ampersand
            )
        except EntityParseError as error:
            raise _bad(f"can't parse entities: {error}") from None
        except ValueError:
            raise _bad("unsupported parse_mode") from None
        if parse_mode is None and isinstance(call.params.get(entities_key), list):
            rendered, entities = _strip_text(source, copy.deepcopy(call.params[entities_key]))
        if not rendered.strip():
            if required:
                raise _bad("message text is empty")
            return None, None, []
        if utf16_len(rendered) > limit:
            raise _bad("message is too long" if key == "text" else "message caption is too long")
        return source, rendered, entities

    def _markup(self, call: _Call, *, inline_only: bool = False) -> JSONDict | None:
        markup = call.params.get("reply_markup")
        if markup is None or markup == "":
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad('field "inline_keyboard" must be an Array of Arrays')
            for row in rows:
                for button in row:
                    self._check_inline_button(button)
            return copy.deepcopy(markup)
        if inline_only:
            raise _bad("inline keyboard expected")
        if "keyboard" in markup:
            rows = markup["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad('field "keyboard" must be an Array of Arrays')
            for row in rows:
                for button in row:
                    text = button.get("text") if isinstance(button, dict) else button
                    if not isinstance(text, str) or not text:
                        raise _bad('can\'t parse keyboard button: field "text" must be a String')
            return copy.deepcopy(markup)
        if markup.get("remove_keyboard") or markup.get("force_reply"):
            return copy.deepcopy(markup)
        raise _bad("can't parse reply keyboard markup JSON object")

    def _check_inline_button(self, button: Any) -> None:
        if not isinstance(button, dict) or not isinstance(button.get("text"), str):
            raise _bad('can\'t parse inline keyboard button: Field "text" must be of type String')
        if not any(action in button for action in _INLINE_ACTIONS):
            raise _bad(
                "can't parse inline keyboard button: Text buttons are unallowed in the inline "
                "keyboard"
            )
        if "callback_data" in button:
            data = button["callback_data"]
            size = len(data.encode("utf-8")) if isinstance(data, str) else 0
            if not 1 <= size <= self.limits.max_callback_data:
                raise _bad("BUTTON_DATA_INVALID")
        if "url" in button:
            url = button["url"]
            if not isinstance(url, str) or not url or any(ch.isspace() for ch in url):
                raise _bad("BUTTON_URL_INVALID")

    def _reply_target(self, call: _Call, chat_id: int) -> JSONDict | None:
        params = call.params
        allow = bool(params.get("allow_sending_without_reply", False))
        reply_parameters = params.get("reply_parameters")
        message_id: Any = None
        target_chat = chat_id
        if isinstance(reply_parameters, dict):
            message_id = reply_parameters.get("message_id")
            allow = bool(reply_parameters.get("allow_sending_without_reply", allow))
            if isinstance(reply_parameters.get("chat_id"), int):
                target_chat = reply_parameters["chat_id"]
        elif params.get("reply_to_message_id") is not None:
            message_id = params["reply_to_message_id"]
        if message_id is None:
            return None
        stored = self._messages.get(target_chat, {}).get(int(message_id))
        if stored is None or stored.deleted:
            if allow:
                return None
            raise _bad("message to be replied not found")
        data = copy.deepcopy(stored.data)
        data.pop("reply_to_message", None)
        return data

    def _take_flood(self, chat_id: int, need: int = 1) -> None:
        now = time.monotonic()
        limits = self.limits
        if self._global_bucket is None:
            self._global_bucket = _Bucket(limits.global_per_second, now)
        glob = self._global_bucket
        ok = glob.available(now, limits.global_per_second, limits.global_per_second, need)
        bucket: _Bucket | None = None
        window: deque[float] | None = None
        if chat_id > 0:
            bucket = self._private_buckets.setdefault(chat_id, _Bucket(limits.private_burst, now))
            ok = bucket.available(now, limits.private_per_second, limits.private_burst, need) and ok
        else:
            window = self._group_windows.setdefault(chat_id, deque())
            while window and now - window[0] >= 60.0:
                window.popleft()
            ok = ok and len(window) + need <= limits.group_per_minute
        if not ok:
            raise _ApiError(
                429,
                f"Too Many Requests: retry after {limits.retry_after}",
                retry_after=limits.retry_after,
            )
        glob.take(limits.global_per_second, limits.global_per_second, need)
        if bucket is not None:
            bucket.take(limits.private_per_second, limits.private_burst, need)
        if window is not None:
            window.extend([now] * need)

    def _store_bot_message(
        self,
        call: _Call,
        chat: JSONDict,
        content: JSONDict,
        *,
        markup: JSONDict | None,
        reply_to: JSONDict | None,
        source_text: str | None = None,
        source_caption: str | None = None,
        file_id: str | None = None,
        extra: JSONDict | None = None,
    ) -> JSONDict:
        chat_id = int(chat["id"])
        message: JSONDict = {
            "message_id": self._allocate_message_id(chat_id),
            "from": copy.deepcopy(self._bot_user),
            "chat": copy.deepcopy(chat),
            "date": int(time.time()),
        }
        thread = call.params.get("message_thread_id")
        if (thread is None or thread == "") and reply_to is not None:
            # A reply without an explicit topic goes into the replied message's topic.
            thread = reply_to.get("message_thread_id")
        if thread is not None and thread != "" and chat.get("is_forum"):
            message["message_thread_id"] = int(thread)
            message["is_topic_message"] = True
        message.update(copy.deepcopy(content))
        if extra:
            message.update(extra)
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        if markup is not None and markup.get("inline_keyboard"):
            message["reply_markup"] = copy.deepcopy(markup)
        parse_mode = call.params.get("parse_mode") or None
        stored = _Stored(
            chat_id=chat_id,
            message_id=message["message_id"],
            data=message,
            from_bot=True,
            kind=_content_kind(message),
            source_text=source_text,
            source_caption=source_caption,
            parse_mode=parse_mode if (source_text or source_caption) else None,
            markup=markup,
            file_id=file_id,
        )
        self._messages.setdefault(chat_id, {})[stored.message_id] = stored
        if markup is not None and "keyboard" in markup:
            self._keyboards[chat_id] = copy.deepcopy(markup)
        elif markup is not None and markup.get("remove_keyboard"):
            self._keyboards.pop(chat_id, None)
        return copy.deepcopy(message)

    def _find_message(self, chat_id: int, message_id: int) -> _Stored | None:
        stored = self._messages.get(chat_id, {}).get(message_id)
        return None if stored is None or stored.deleted else stored

    # ------------------------------------------------------------------ method handlers

    def _ok(self, call: _Call) -> bool:
        return True

    def _get_me(self, call: _Call) -> JSONDict:
        return {
            **self._bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, call: _Call) -> list[JSONDict]:
        if self._webhook is not None:
            raise _ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        params = call.params
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(str(a) for a in allowed) or None
        if offset > 0:
            self._updates = [u for u in self._updates if int(u["update_id"]) >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        # A newer getUpdates terminates an older pending one, as on Telegram.
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake()
        deadline = time.monotonic() + timeout
        while True:
            if self._closing:
                return []
            if generation != self._poll_generation:
                raise _ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only "
                    "one bot instance is running",
                )
            batch = self._collect_updates(limit)
            if batch:
                return batch
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            event = self._update_event
            try:
                async with asyncio.timeout(remaining):
                    await event.wait()
            except TimeoutError:
                pass

    def _wanted_updates(self) -> list[JSONDict]:
        allowed = self._allowed_updates
        kept: list[JSONDict] = []
        for update in self._updates:
            kind = _update_type(update)
            # Telegram never generates updates of types the bot opted out of.
            if (kind in _UNSOLICITED_UPDATES) if allowed is None else (kind not in allowed):
                continue
            kept.append(update)
        self._updates = kept
        return kept

    def _collect_updates(self, limit: int) -> list[JSONDict]:
        return copy.deepcopy(self._wanted_updates()[:limit])

    def _set_webhook(self, call: _Call) -> bool:
        params = call.params
        url = str(params.get("url") or "")
        if not url:
            return self._delete_webhook(call)
        # Everything is checked before anything changes: a refused call keeps the old webhook.
        target = _webhook_target(url)
        secret = params.get("secret_token")
        if secret in (None, ""):
            secret = None
        elif not isinstance(secret, str) or not _SECRET_RE.match(secret):
            raise _bad("secret token contains unallowed characters")
        max_connections = params.get("max_connections")
        max_connections = 40 if max_connections in (None, "") else int(max_connections)
        if not 1 <= max_connections <= 100:
            raise _bad("max_connections must be between 1 and 100")
        allowed = params.get("allowed_updates")
        if allowed is not None and not isinstance(allowed, list):
            raise _bad("can't parse allowed_updates JSON array")
        if allowed is not None:
            # One setting per bot, shared with getUpdates, as on Telegram.
            self._allowed_updates = frozenset(str(a) for a in allowed) or None
        self._webhook = _Webhook(
            url,
            target,
            secret,
            [str(a) for a in allowed] if allowed else None,
            max_connections,
        )
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self._restart_webhook_delivery()
        self._wake()
        return True

    def _delete_webhook(self, call: _Call) -> bool:
        self._webhook = None
        self._webhook_error = None
        # A cancelled task sends nothing more: no POST starts once deleteWebhook answered.
        for task in self._webhook_tasks:
            task.cancel()
        if call.params.get("drop_pending_updates"):
            self._updates.clear()
        self._wake()
        return True

    def _get_webhook_info(self, call: _Call) -> JSONDict:
        hook = self._webhook
        info: JSONDict = {
            "url": hook.url if hook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if hook is not None:
            if self._webhook_error is not None:
                info["last_error_date"], info["last_error_message"] = self._webhook_error
            info["max_connections"] = hook.max_connections
            if hook.allowed_updates:
                info["allowed_updates"] = list(hook.allowed_updates)
        return info

    # ------------------------------------------------------------------ webhook delivery

    def _restart_webhook_delivery(self) -> None:
        # Synchronous on purpose: a handler cancelled mid-await (client gone) must not
        # leave a webhook registered without a task delivering to it.
        previous = set(self._webhook_tasks)
        for task in previous:
            task.cancel()
        if self._webhook is None or self._closing:
            return
        task = asyncio.get_running_loop().create_task(
            self._deliver_webhook(self._webhook, previous), name="emulator-webhook-delivery"
        )
        self._webhook_tasks.add(task)
        task.add_done_callback(self._webhook_task_done)

    def _webhook_task_done(self, task: asyncio.Task[None]) -> None:
        self._webhook_tasks.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            log.error("webhook delivery stopped by a bug", exc_info=error)

    async def _deliver_webhook(self, hook: _Webhook, previous: set[asyncio.Task[None]]) -> None:
        """POST queued updates to ``hook`` one at a time, oldest first, until cancelled."""
        if previous:
            # Only one POST in flight per bot, even while a replaced task winds down.
            await asyncio.wait(previous)
        connector = aiohttp.TCPConnector(resolver=_LoopbackResolver(), limit=1)
        timeout = aiohttp.ClientTimeout(total=self.webhook_timeout)
        # trust_env=False: a proxy from the environment could carry updates off the machine.
        async with aiohttp.ClientSession(
            connector=connector, timeout=timeout, trust_env=False
        ) as session:
            delay = self.webhook_retry_delay
            while True:
                event = self._update_event  # taken before looking, so no wake-up is missed
                queue = self._wanted_updates()
                if not queue:
                    await event.wait()
                    continue
                update = queue[0]
                update_id = int(update["update_id"])
                if await self._post_update(session, hook, update):
                    self._updates = [u for u in self._updates if int(u["update_id"]) != update_id]
                    delay = self.webhook_retry_delay
                    continue
                # The head of the queue blocks the rest, so updates arrive in order.
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.webhook_max_retry_delay)

    async def _post_update(
        self, session: aiohttp.ClientSession, hook: _Webhook, update: JSONDict
    ) -> bool:
        """Make one delivery attempt; record it and return whether it was taken (2xx)."""
        update_id = int(update["update_id"])
        body = json.dumps(update, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"}
        if hook.secret_token is not None:
            headers[SECRET_TOKEN_HEADER] = hook.secret_token
        started = time.monotonic()
        self._webhook_sending = update_id
        self._last_activity = started
        status: int | None = None
        error: str | None = None
        try:
            # No redirects: a loopback receiver must not be able to bounce us elsewhere.
            async with session.post(
                hook.target, data=body, headers=headers, allow_redirects=False
            ) as response:
                status = response.status
                # Telegram could run a method given in the body; the emulator ignores it.
                await response.read()
                if not 200 <= status < 300:
                    error = f"Wrong response from the webhook: {status} {response.reason or ''}"
                    error = error.rstrip()
        except TimeoutError:
            error = "Read timeout expired"
        except aiohttp.ClientConnectorError as exc:
            refused = isinstance(exc.os_error, ConnectionRefusedError)
            error = "Connection refused" if refused else f"Connection failed: {exc}"
        except (aiohttp.ClientError, OSError) as exc:
            error = f"Connection failed: {type(exc).__name__}: {exc}"
        except Exception as exc:  # a bug here must not silently end delivery
            log.exception("webhook delivery of update %s failed", update_id)
            error = f"Emulator error: {type(exc).__name__}: {exc}"
        finally:
            self._webhook_sending = None
            self._last_activity = time.monotonic()
        self._webhook_attempts.append(WebhookAttempt(update_id, status, error, started))
        if error is not None:
            self._webhook_error = (int(time.time()), error)
            log.debug("webhook delivery of update %s failed: %s", update_id, error)
        return error is None

    def _send_message(self, call: _Call) -> JSONDict:
        chat = self._chat(call)
        source, rendered, entities = self._formatted(
            call, "text", "entities", limit=self.limits.max_text, required=True
        )
        markup = self._markup(call)
        reply_to = self._reply_target(call, int(chat["id"]))
        self._writable_chat(call)
        self._take_flood(int(chat["id"]))
        content: JSONDict = {"text": rendered}
        if entities:
            content["entities"] = entities
        return self._store_bot_message(
            call, chat, content, markup=markup, reply_to=reply_to, source_text=source
        )

    def _resolve_file(self, call: _Call, kind: str, value: Any, field_name: str) -> _File:
        upload: _Upload | None
        if isinstance(value, dict) and "upload" in value and field_name in call.uploads:
            upload = call.uploads[field_name]
        elif isinstance(value, str) and value.startswith("attach://"):
            upload = call.uploads.get(value[len("attach://") :])
            if upload is None:
                raise _bad(f"can't find attached file {value[len('attach://') :]!r}")
        elif isinstance(value, str) and value:
            known = self._files.get(value)
            if known is not None:
                return known
            if value.startswith(("http://", "https://")):
                name = value.rsplit("/", 1)[-1] or None
                mime = mimetypes.guess_type(value)[0] or _DEFAULT_MIME.get(kind)
                return self._new_file(kind, b"downloaded " + value.encode(), name, mime)
            raise _bad("wrong file identifier/HTTP URL specified")
        else:
            raise _bad(f"there is no {kind} in the request")
        mime = upload.content_type
        if not mime or mime == "application/octet-stream":
            mime = mimetypes.guess_type(upload.filename)[0] or _DEFAULT_MIME.get(kind)
        return self._new_file(kind, upload.data, upload.filename, mime)

    def _media_content(self, call: _Call, stored: _File, kind: str) -> JSONDict:
        if kind == "photo":
            return {"photo": self._photo_sizes(stored)}
        media = self._media_object(stored, call.params)
        if kind == "document" and not media.get("file_name"):
            media["file_name"] = "document"
        return {kind: media}

    def _send_media(self, kind: str, call: _Call) -> JSONDict:
        chat = self._chat(call)
        source: str | None = None
        rendered: str | None = None
        entities: list[JSONDict] = []
        if kind in _CAPTIONED:
            source, rendered, entities = self._formatted(
                call, "caption", "caption_entities", limit=self.limits.max_caption, required=False
            )
        markup = self._markup(call)
        reply_to = self._reply_target(call, int(chat["id"]))
        stored_file = self._resolve_file(call, kind, call.params.get(kind), kind)
        self._writable_chat(call)
        self._take_flood(int(chat["id"]))
        content = self._media_content(call, stored_file, kind)
        if rendered is not None:
            content["caption"] = rendered
            if entities:
                content["caption_entities"] = entities
        return self._store_bot_message(
            call,
            chat,
            content,
            markup=markup,
            reply_to=reply_to,
            source_caption=source,
            file_id=stored_file.file_id,
        )

    def _send_location(self, call: _Call) -> JSONDict:
        chat = self._chat(call)
        lat, lon = call.params.get("latitude"), call.params.get("longitude")
        if lat is None or lon is None:
            raise _bad("latitude and longitude must be specified")
        if not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
            raise _bad("wrong coordinates specified")
        markup = self._markup(call)
        reply_to = self._reply_target(call, int(chat["id"]))
        self._writable_chat(call)
        self._take_flood(int(chat["id"]))
        content = {"location": {"latitude": float(lat), "longitude": float(lon)}}
        return self._store_bot_message(call, chat, content, markup=markup, reply_to=reply_to)

    def _send_contact(self, call: _Call) -> JSONDict:
        chat = self._chat(call)
        phone, name = call.params.get("phone_number"), call.params.get("first_name")
        if not phone or not name:
            raise _bad("phone_number and first_name must be specified")
        markup = self._markup(call)
        reply_to = self._reply_target(call, int(chat["id"]))
        self._writable_chat(call)
        self._take_flood(int(chat["id"]))
        contact: JSONDict = {"phone_number": str(phone), "first_name": str(name)}
        if call.params.get("last_name"):
            contact["last_name"] = str(call.params["last_name"])
        return self._store_bot_message(
            call, chat, {"contact": contact}, markup=markup, reply_to=reply_to
        )

    def _send_media_group(self, call: _Call) -> list[JSONDict]:
        chat = self._chat(call)
        media = call.params.get("media")
        if not isinstance(media, list) or not 2 <= len(media) <= 10:
            raise _bad("media group must contain 2-10 items")
        prepared: list[tuple[str, _File, str | None, str | None, list[JSONDict], str | None]] = []
        for item in media:
            if not isinstance(item, dict) or item.get("type") not in (
                "photo",
                "video",
                "document",
                "audio",
            ):
                raise _bad("wrong type of the media group item")
            kind = str(item["type"])
            sub = _Call(call.method, {**item, "parse_mode": item.get("parse_mode")}, call.uploads)
            source, rendered, entities = self._formatted(
                sub, "caption", "caption_entities", limit=self.limits.max_caption, required=False
            )
            stored_file = self._resolve_file(call, kind, item.get("media"), str(item.get("media")))
            prepared.append((kind, stored_file, source, rendered, entities, item.get("parse_mode")))
        reply_to = self._reply_target(call, int(chat["id"]))
        self._writable_chat(call)
        self._take_flood(int(chat["id"]), len(prepared))
        self._media_group_counter += 1
        group_id = str(13_000_000_000_000_000 + self._media_group_counter)
        results: list[JSONDict] = []
        for kind, stored_file, source, rendered, entities, parse_mode in prepared:
            content = self._media_content(call, stored_file, kind)
            if rendered is not None:
                content["caption"] = rendered
                if entities:
                    content["caption_entities"] = entities
            sub = _Call(call.method, {**call.params, "parse_mode": parse_mode}, call.uploads)
            results.append(
                self._store_bot_message(
                    sub,
                    chat,
                    content,
                    markup=None,
                    reply_to=reply_to,
                    source_caption=source,
                    file_id=stored_file.file_id,
                    extra={"media_group_id": group_id},
                )
            )
        return results

    def _copy_source(self, call: _Call, what: str) -> _Stored:
        source_chat = self._chat(call, "from_chat_id")
        stored = self._find_message(int(source_chat["id"]), self._message_id(call))
        if stored is None:
            raise _bad(f"message to {what} not found")
        return stored

    def _forward_message(self, call: _Call) -> JSONDict:
        chat = self._chat(call)
        source = self._copy_source(call, "forward")
        self._writable_chat(call)
        self._take_flood(int(chat["id"]))
        content = {k: v for k, v in source.data.items() if k not in _NOT_COPIED}
        origin: JSONDict = {
            "type": "user",
            "sender_user": copy.deepcopy(source.data.get("from", self._bot_user)),
            "date": source.data.get("date", int(time.time())),
        }
        return self._store_bot_message(
            call,
            chat,
            content,
            markup=None,
            reply_to=None,
            source_text=content.get("text"),
            source_caption=content.get("caption"),
            file_id=source.file_id,
            extra={"forward_origin": origin},
        )

    def _copy_message(self, call: _Call) -> JSONDict:
        chat = self._chat(call)
        source = self._copy_source(call, "copy")
        content = {k: v for k, v in source.data.items() if k not in _NOT_COPIED}
        caption_source: str | None = content.get("caption")
        if "caption" in call.params and source.kind in _CAPTIONED:
            caption_source, rendered, entities = self._formatted(
                call, "caption", "caption_entities", limit=self.limits.max_caption, required=False
            )
            content.pop("caption", None)
            content.pop("caption_entities", None)
            if rendered is not None:
                content["caption"] = rendered
                if entities:
                    content["caption_entities"] = entities
        markup = self._markup(call)
        reply_to = self._reply_target(call, int(chat["id"]))
        self._writable_chat(call)
        self._take_flood(int(chat["id"]))
        message = self._store_bot_message(
            call,
            chat,
            content,
            markup=markup,
            reply_to=reply_to,
            source_text=content.get("text"),
            source_caption=caption_source,
            file_id=source.file_id,
        )
        return {"message_id": message["message_id"]}

    def _edit_target(self, call: _Call) -> _Stored:
        if call.params.get("inline_message_id"):
            raise _bad("MESSAGE_ID_INVALID")
        chat = self._chat(call)
        stored = self._find_message(int(chat["id"]), self._message_id(call))
        if stored is None:
            raise _bad("message to edit not found")
        if not stored.from_bot:
            raise _bad("message can't be edited")
        return stored

    def _apply_edit(
        self, call: _Call, stored: _Stored, changes: JSONDict, markup: JSONDict | None
    ) -> JSONDict:
        data = stored.data
        before = ({k: data.get(k) for k in changes}, data.get("reply_markup"))
        new_inline = markup if markup is not None and markup.get("inline_keyboard") else None
        if before == (changes, new_inline):
            raise _bad(_NOT_MODIFIED)
        self._take_flood(stored.chat_id)
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        if new_inline is None:
            data.pop("reply_markup", None)
        else:
            data["reply_markup"] = copy.deepcopy(new_inline)
        data["edit_date"] = int(time.time())
        stored.markup = copy.deepcopy(new_inline)
        stored.edits += 1
        return copy.deepcopy(data)

    def _edit_message_text(self, call: _Call) -> JSONDict:
        stored = self._edit_target(call)
        source, rendered, entities = self._formatted(
            call, "text", "entities", limit=self.limits.max_text, required=True
        )
        if "text" not in stored.data:
            raise _bad("there is no text in the message to edit")
        markup = self._markup(call, inline_only=True)
        result = self._apply_edit(
            call, stored, {"text": rendered, "entities": entities or None}, markup
        )
        stored.source_text = source
        stored.parse_mode = call.params.get("parse_mode") or None
        return result

    def _edit_message_caption(self, call: _Call) -> JSONDict:
        stored = self._edit_target(call)
        if stored.kind not in _CAPTIONED:
            raise _bad("there is no caption in the message to edit")
        source, rendered, entities = self._formatted(
            call, "caption", "caption_entities", limit=self.limits.max_caption, required=False
        )
        markup = self._markup(call, inline_only=True)
        changes = {"caption": rendered, "caption_entities": entities or None}
        result = self._apply_edit(call, stored, changes, markup)
        stored.source_caption = source
        stored.parse_mode = call.params.get("parse_mode") or None
        return result

    def _edit_message_reply_markup(self, call: _Call) -> JSONDict:
        stored = self._edit_target(call)
        markup = self._markup(call, inline_only=True)
        return self._apply_edit(call, stored, {}, markup)

    def _delete_message(self, call: _Call) -> bool:
        chat = self._chat(call)
        chat_id = int(chat["id"])
        stored = self._find_message(chat_id, self._message_id(call))
        if stored is None:
            raise _bad("message to delete not found")
        bot_status = self._members.get((chat_id, self.bot_id), "member")
        if chat_id < 0 and not stored.from_bot and bot_status not in ("administrator", "creator"):
            raise _bad("message can't be deleted")
        stored.deleted = True
        return True

    def _delete_messages(self, call: _Call) -> bool:
        chat = self._chat(call)
        ids = call.params.get("message_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise _bad("message_ids must contain 1-100 identifiers")
        for message_id in ids:
            stored = self._find_message(int(chat["id"]), int(message_id))
            if stored is not None:
                stored.deleted = True
        return True

    def _answer_callback_query(self, call: _Call) -> bool:
        query_id = str(call.params.get("callback_query_id") or "")
        if query_id not in self._callbacks or self._callbacks[query_id] is not None:
            raise _bad(_OLD_QUERY)
        text = call.params.get("text")
        if isinstance(text, str) and len(text) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        answer = {k: v for k, v in call.params.items() if k != "callback_query_id"}
        self._callbacks[query_id] = answer
        return True

    def _commands_key(self, call: _Call) -> tuple[str, str]:
        language = str(call.params.get("language_code") or "")
        if not _LANG_RE.match(language):
            raise _bad("invalid language code specified")
        return self._scope_key(call.params.get("scope")), language

    def _set_my_commands(self, call: _Call) -> bool:
        commands = call.params.get("commands")
        if not isinstance(commands, list):
            raise _bad("commands must be an Array")
        if len(commands) > 100:
            raise _bad("BOT_COMMANDS_TOO_MUCH")
        cleaned: list[JSONDict] = []
        for command in commands:
            if not isinstance(command, dict):
                raise _bad("can't parse BotCommand")
            name = str(command.get("command", "")).lstrip("/")
            description = str(command.get("description", ""))
            if not _COMMAND_RE.match(name):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        key = self._commands_key(call)
        if cleaned:
            self._commands[key] = cleaned
        else:
            self._commands.pop(key, None)
        return True

    def _get_my_commands(self, call: _Call) -> list[JSONDict]:
        return copy.deepcopy(self._commands.get(self._commands_key(call), []))

    def _delete_my_commands(self, call: _Call) -> bool:
        self._commands.pop(self._commands_key(call), None)
        return True

    def _set_profile(self, field_name: str, call: _Call) -> bool:
        language = str(call.params.get("language_code") or "")
        if not _LANG_RE.match(language):
            raise _bad("invalid language code specified")
        value = str(call.params.get(field_name) or "")
        limit = {"description": 512, "short_description": 120, "name": 64}[field_name]
        if len(value) > limit:
            raise _bad(f"{field_name.upper()}_INVALID")
        if value:
            self._profile[(field_name, language)] = value
        else:
            self._profile.pop((field_name, language), None)
        return True

    def _get_profile(self, field_name: str, call: _Call) -> JSONDict:
        language = str(call.params.get("language_code") or "")
        value = self._profile.get((field_name, language)) or self._profile.get((field_name, ""))
        if field_name == "name":
            value = value or str(self._bot_user["first_name"])
        return {field_name: value or ""}

    def _set_chat_menu_button(self, call: _Call) -> bool:
        chat_id = call.params.get("chat_id")
        key = int(chat_id) if chat_id not in (None, "") else None
        button = call.params.get("menu_button")
        self._menu_buttons[key] = button if isinstance(button, dict) else {"type": "default"}
        return True

    def _get_chat_menu_button(self, call: _Call) -> JSONDict:
        chat_id = call.params.get("chat_id")
        key = int(chat_id) if chat_id not in (None, "") else None
        button = self._menu_buttons.get(key) or self._menu_buttons.get(None)
        return copy.deepcopy(button) if button else {"type": "default"}

    def _get_chat(self, call: _Call) -> JSONDict:
        chat = self._chat(call)
        full: JSONDict = {
            **copy.deepcopy(chat),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": True,
                "limited_gifts": True,
                "unique_gifts": True,
                "premium_subscription": True,
                "gifts_from_channels": True,
            },
        }
        return full

    def _get_chat_member(self, call: _Call) -> JSONDict:
        chat = self._chat(call)
        chat_id = int(chat["id"])
        raw_user = call.params.get("user_id")
        if raw_user is None or raw_user == "":
            raise _bad("user_id is empty")
        user_id = int(raw_user)
        if user_id == self.bot_id:
            user = self._bot_user
        elif user_id in self._users:
            user = self._users[user_id]
        else:
            raise _bad("user not found")
        status = self._members.get((chat_id, user_id))
        if status is None:
            # In a private chat both the user and the bot are members; elsewhere
            # a user is only in a group once configured or seen posting there.
            status = "member" if chat_id > 0 and user_id in (chat_id, self.bot_id) else "left"
        member: JSONDict = {"status": status, "user": copy.deepcopy(user)}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(
                can_be_edited=False,
                is_anonymous=False,
                can_manage_chat=True,
                can_delete_messages=True,
                can_manage_video_chats=True,
                can_restrict_members=True,
                can_promote_members=False,
                can_change_info=True,
                can_invite_users=True,
                can_post_stories=False,
                can_edit_stories=False,
                can_delete_stories=False,
                can_send_welcome_messages=False,
                can_pin_messages=True,
                can_manage_topics=bool(chat.get("is_forum")),
            )
        elif status == "restricted":
            member.update(
                is_member=True,
                can_send_messages=False,
                can_send_audios=False,
                can_send_documents=False,
                can_send_photos=False,
                can_send_videos=False,
                can_send_video_notes=False,
                can_send_voice_notes=False,
                can_send_polls=False,
                can_send_other_messages=False,
                can_add_web_page_previews=False,
                can_react_to_messages=False,
                can_edit_tag=False,
                can_change_info=False,
                can_invite_users=False,
                can_pin_messages=False,
                can_manage_topics=False,
                until_date=0,
            )
        elif status == "kicked":
            member["until_date"] = 0
        return member

    def _create_forum_topic(self, call: _Call) -> JSONDict:
        chat = self._forum(call)
        chat_id = int(chat["id"])
        name = self._topic_name(call, required=True)
        assert name is not None  # required=True raises instead
        color = call.params.get("icon_color")
        color = _TOPIC_COLORS[0] if color is None or color == "" else int(color)
        if color not in _TOPIC_COLORS:
            raise _bad("TOPIC_ICON_COLOR_INVALID")
        if not self._bot_is_admin(chat_id):
            # Bots need to be admins with can_manage_topics to open topics.
            raise _bad("not enough rights to create a topic")
        emoji = str(call.params.get("icon_custom_emoji_id") or "")
        topic = _Topic(name, color, icon_custom_emoji_id=emoji)
        thread_id = self._open_topic(chat_id, topic)
        result = topic.to_api(thread_id)
        if emoji:
            result["icon_custom_emoji_id"] = emoji
        return result

    def _edit_forum_topic(self, call: _Call) -> bool:
        _, topic = self._topic(call)
        name = self._topic_name(call, required=False)
        emoji = call.params.get("icon_custom_emoji_id")
        new_name = topic.name if name is None else name
        new_emoji = topic.icon_custom_emoji_id if emoji is None else str(emoji)
        if (new_name, new_emoji) == (topic.name, topic.icon_custom_emoji_id):
            raise _bad("TOPIC_NOT_MODIFIED")
        topic.name, topic.icon_custom_emoji_id = new_name, new_emoji
        return True

    def _set_topic_closed(self, closed: bool, call: _Call) -> bool:
        _, topic = self._topic(call)
        if topic.closed == closed:
            raise _bad("TOPIC_NOT_MODIFIED")
        topic.closed = closed
        return True

    def _send_chat_action(self, call: _Call) -> bool:
        self._chat(call)
        if call.params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        self._writable_chat(call)
        return True

    def _get_file(self, call: _Call) -> JSONDict:
        file_id = str(call.params.get("file_id") or "")
        stored = self._files.get(file_id)
        if stored is None:
            raise _bad("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.path,
        }
