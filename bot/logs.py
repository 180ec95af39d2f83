"""Logging set-up: readable text by default, one JSON object per line on request."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

#: Fields handlers attach with `extra=`; they are printed when present.
CONTEXT_FIELDS = ("update_id", "chat_id", "case", "state_from", "state_to", "latency_ms")
# A bot token in a URL (aiohttp and aiogram log request URLs at DEBUG).
_TOKEN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")


def _scrub(text: str) -> str:
    return _TOKEN.sub("<token>", text)


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        """Render the record as JSON with its context fields."""
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": _scrub(record.getMessage()),
        }
        for name in CONTEXT_FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = _scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """Readable lines with the context fields appended."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        """Render the record with `key=value` context."""
        line = super().format(record)
        context = " ".join(
            f"{n}={getattr(record, n)}" for n in CONTEXT_FIELDS if hasattr(record, n)
        )
        return _scrub(f"{line} [{context}]" if context else line)


def setup_logging(level: str, fmt: str) -> None:
    """Configure the root logger once."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # aiogram logs every update at INFO; our handlers log what matters with context.
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
