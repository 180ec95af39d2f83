"""Masking personal names for group chats: 张三 → 张*, Dolkar → D*."""

from __future__ import annotations

import regex

_GRAPHEME = regex.compile(r"\X")


def mask_name(name: str) -> str:
    """Keep the first grapheme (a surname, or a whole Tibetan stack) and hide the rest."""
    graphemes = _GRAPHEME.findall(name.strip())
    if not graphemes:
        return "*"
    return f"{graphemes[0]}*"
