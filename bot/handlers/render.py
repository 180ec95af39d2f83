"""Turning flow replies (message references) into Telegram-ready payloads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.flows.output import Button, KeyButton, Msg, Reply
from bot.i18n import Markup, Translator

#: Telegram rejects callback data longer than this many bytes.
MAX_CALLBACK_BYTES = 64


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

    def _button(self, lang: str, button: Button, prefix: str) -> Mapping[str, str]:
        data = f"{prefix}{button.action}"
        if len(data.encode()) > MAX_CALLBACK_BYTES:
            raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
        return {"text": self.label(lang, button.label), "callback_data": data}

    def _key(self, lang: str, key: KeyButton) -> Mapping[str, object]:
        return {"text": self.label(lang, key.label), "request_contact": key.request_contact}
