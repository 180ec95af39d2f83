"""Flood control: how long a message must wait so that Telegram never has to say 429.

Pure rules, no I/O and no clock of its own: every time is passed in as seconds of one
monotonic clock. Telegram's published limits are about 30 messages a second overall,
about one a second in a private chat (short bursts tolerated) and 20 a minute in a group.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from typing import Protocol

#: A group's limit counts the messages of the last this many seconds.
GROUP_WINDOW = 60.0
#: Idle chats are forgotten at most this often, so a sweep costs nothing per message.
SWEEP_EVERY = 60.0
#: Waits shorter than this are float rounding (a thousand 1/1000 s steps), not a limit.
_ROUNDING = 1e-9


class FloodSettings(Protocol):
    """The settings flood limits are read from (`bot.config.Settings` has them)."""

    @property
    def flood_global_per_second(self) -> float:
        """Messages per second to all chats together."""
        ...

    @property
    def flood_private_per_second(self) -> float:
        """Messages per second to one private chat, after the burst."""
        ...

    @property
    def flood_private_burst(self) -> int:
        """Messages a private chat may receive at once before the rate applies."""
        ...

    @property
    def flood_group_per_minute(self) -> int:
        """Messages per minute to one group."""
        ...


@dataclass(frozen=True)
class FloodLimits:
    """The limits the sender keeps to; lower than Telegram's is fine, higher is not."""

    global_per_second: float = 30.0
    private_per_second: float = 1.0
    private_burst: int = 5
    group_per_minute: int = 20

    @classmethod
    def from_settings(cls, settings: FloodSettings) -> FloodLimits:
        """The limits configured by FLOOD_* settings."""
        return cls(
            global_per_second=settings.flood_global_per_second,
            private_per_second=settings.flood_private_per_second,
            private_burst=settings.flood_private_burst,
            group_per_minute=settings.flood_group_per_minute,
        )

    @classmethod
    def unlimited(cls) -> FloodLimits:
        """No pacing at all (tests against an emulator without flood limits)."""
        return cls(math.inf, math.inf, 1, 2**62)


class _Bucket:
    """A token bucket kept as its "theoretical arrival time" (GCRA): one float per chat.

    A bucket of `burst` tokens refilled at `rate` a second allows a message at `now`
    exactly when `now >= tat - (burst - 1) / rate`; each message moves `tat` on by
    `1 / rate`. The bucket is full again (and can be forgotten) once `now >= tat`.
    """

    __slots__ = ("interval", "tat", "tolerance")

    def __init__(self, rate: float, burst: float) -> None:
        self.interval = 1.0 / rate
        self.tolerance = (max(burst, 1.0) - 1.0) * self.interval
        self.tat = -math.inf

    def wait(self, now: float) -> float:
        return max(0.0, self.tat - self.tolerance - now)

    def take(self, at: float) -> None:
        self.tat = max(self.tat, at) + self.interval

    def idle(self, now: float) -> bool:
        return now >= self.tat


class FloodControl:
    """Per-chat and global pacing, plus the pauses Telegram orders with 429."""

    def __init__(self, limits: FloodLimits, *, latency: float = 0.0) -> None:
        """Pace to `limits`, assuming Telegram counts a message up to `latency` s late."""
        # Counting each message `latency` later than sent is the worst case of network
        # jitter: two messages planned 1 s apart may reach Telegram 0.99 s apart.
        self.limits = limits
        self.latency = latency
        global_rate = limits.global_per_second
        # Telegram lets a second's worth of messages out at once, as the emulator does.
        self._global = None if math.isinf(global_rate) else _Bucket(global_rate, global_rate)
        self._private: dict[int, _Bucket] = {}
        self._groups: dict[int, deque[float]] = {}
        self._paused: dict[int, float] = {}
        self._paused_all = -math.inf
        self._next_sweep = -math.inf

    def wait(self, chat_id: int, now: float) -> float:
        """Seconds until a message to `chat_id` may go (0: now)."""
        self._sweep(now)
        waits = [self._paused_all - now, self._paused.get(chat_id, -math.inf) - now]
        if self._global is not None:
            waits.append(self._global.wait(now))
        if chat_id > 0:
            bucket = self._private.get(chat_id)
            if bucket is not None:
                waits.append(bucket.wait(now))
        else:
            window = self._groups.get(chat_id)
            if window is not None:
                _expire(window, now)
                if len(window) >= self.limits.group_per_minute:
                    waits.append(
                        window[len(window) - self.limits.group_per_minute] + GROUP_WINDOW - now
                    )
        wait = max(waits)
        return wait if wait > _ROUNDING else 0.0

    def consume(self, chat_id: int, now: float) -> None:
        """Count a message to `chat_id` sent at `now` (call only when `wait` said 0)."""
        at = now + self.latency
        if self._global is not None:
            self._global.take(at)
        if chat_id > 0:
            if math.isinf(self.limits.private_per_second):
                return
            bucket = self._private.get(chat_id)
            if bucket is None:
                bucket = self._private[chat_id] = _Bucket(
                    self.limits.private_per_second, self.limits.private_burst
                )
            bucket.take(at)
        else:
            self._groups.setdefault(chat_id, deque()).append(at)

    def pause_chat(self, chat_id: int, until: float) -> None:
        """Send nothing to `chat_id` before `until` (Telegram's retry_after for that chat)."""
        self._paused[chat_id] = max(until, self._paused.get(chat_id, -math.inf))

    def pause_all(self, until: float) -> None:
        """Send nothing at all before `until` (a flood across chats: the whole bot waits)."""
        self._paused_all = max(self._paused_all, until)

    def tracked(self) -> int:
        """How many chats are remembered (idle ones are forgotten)."""
        return len(self._private.keys() | self._groups.keys() | self._paused.keys())

    def _sweep(self, now: float) -> None:
        """Forget chats whose limits no longer hold anything back, so memory stays bounded."""
        if now < self._next_sweep:
            return
        self._next_sweep = now + SWEEP_EVERY
        for chat_id in [c for c, bucket in self._private.items() if bucket.idle(now)]:
            del self._private[chat_id]
        for chat_id, window in list(self._groups.items()):
            _expire(window, now)
            if not window:
                del self._groups[chat_id]
        for chat_id in [c for c, until in self._paused.items() if until <= now]:
            del self._paused[chat_id]


def _expire(window: deque[float], now: float) -> None:
    """Drop the group messages that left the window."""
    while window and now - window[0] >= GROUP_WINDOW:
        window.popleft()
