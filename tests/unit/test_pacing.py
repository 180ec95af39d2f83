"""Flood control rules: global and per-private-chat token buckets, group windows, pauses."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import Settings
from bot.pacing import GROUP_WINDOW, SWEEP_EVERY, FloodControl, FloodLimits

USER, OTHER, GROUP = 101, 202, -1001
#: Global limit high enough that only the rule under test holds messages back.
WIDE = 1000.0


def send_all(flood: FloodControl, chat_id: int, count: int, now: float) -> None:
    """Send `count` messages at `now`, each of which must be allowed."""
    for _ in range(count):
        assert flood.wait(chat_id, now) == 0
        flood.consume(chat_id, now)


def test_limits_default_to_telegrams_and_come_from_settings() -> None:
    assert FloodLimits() == FloodLimits(30.0, 1.0, 5, 20)
    configured = Settings(
        _env_file=None,
        flood_global_per_second=12,
        flood_private_per_second=0.5,
        flood_private_burst=3,
        flood_group_per_minute=10,
    )
    assert FloodLimits.from_settings(configured) == FloodLimits(12.0, 0.5, 3, 10)
    assert FloodLimits.from_settings(Settings(_env_file=None)) == FloodLimits()


def test_private_chat_gets_its_burst_then_the_rate() -> None:
    flood = FloodControl(FloodLimits(WIDE, private_per_second=2.0, private_burst=3))
    send_all(flood, USER, 3, now=0.0)
    assert flood.wait(USER, 0.0) == pytest.approx(0.5)
    assert flood.wait(USER, 0.3) == pytest.approx(0.2)
    send_all(flood, USER, 1, now=0.5)
    assert flood.wait(USER, 0.5) == pytest.approx(0.5)


def test_private_bucket_refills_but_never_beyond_the_burst() -> None:
    flood = FloodControl(FloodLimits(WIDE, private_per_second=1.0, private_burst=5))
    send_all(flood, USER, 5, now=0.0)
    # A long silence refills the bucket to 5 messages, not to 100.
    send_all(flood, USER, 5, now=100.0)
    assert flood.wait(USER, 100.0) == pytest.approx(1.0)


def test_private_chats_are_paced_apart() -> None:
    flood = FloodControl(FloodLimits(WIDE, private_per_second=1.0, private_burst=1))
    send_all(flood, USER, 1, now=0.0)
    assert flood.wait(USER, 0.0) == pytest.approx(1.0)
    assert flood.wait(OTHER, 0.0) == 0


def test_global_bucket_holds_every_chat_back() -> None:
    flood = FloodControl(FloodLimits(global_per_second=10, private_per_second=WIDE))
    # A second's worth of messages goes at once, to as many chats as it likes...
    for chat_id in range(1, 11):
        send_all(flood, chat_id, 1, now=0.0)
    # ...then one every 1/10 s, whichever chat it is for.
    assert flood.wait(99, 0.0) == pytest.approx(0.1)
    assert flood.wait(GROUP, 0.0) == pytest.approx(0.1)
    send_all(flood, 99, 1, now=0.1)
    assert flood.wait(100, 0.1) == pytest.approx(0.1)


def test_group_gets_its_messages_per_sliding_minute() -> None:
    flood = FloodControl(FloodLimits(WIDE, group_per_minute=3))
    send_all(flood, GROUP, 1, now=0.0)
    send_all(flood, GROUP, 1, now=10.0)
    send_all(flood, GROUP, 1, now=20.0)
    # The window slides: the first message leaves it at 60, the second at 70.
    assert flood.wait(GROUP, 30.0) == pytest.approx(30.0)
    send_all(flood, GROUP, 1, now=GROUP_WINDOW)
    assert flood.wait(GROUP, GROUP_WINDOW) == pytest.approx(10.0)
    assert flood.wait(-2002, GROUP_WINDOW) == 0  # another group has its own minute


def test_pause_holds_back_one_chat_only() -> None:
    flood = FloodControl(FloodLimits())
    flood.pause_chat(USER, until=7.0)
    assert flood.wait(USER, 2.0) == pytest.approx(5.0)
    assert flood.wait(OTHER, 2.0) == 0
    flood.pause_chat(USER, until=3.0)  # a shorter pause does not cut the longer one
    assert flood.wait(USER, 2.0) == pytest.approx(5.0)
    assert flood.wait(USER, 7.0) == 0


def test_pause_all_holds_back_every_chat() -> None:
    flood = FloodControl(FloodLimits())
    flood.pause_all(until=4.0)
    for chat_id in (USER, OTHER, GROUP):
        assert flood.wait(chat_id, 1.0) == pytest.approx(3.0)
    assert flood.wait(USER, 4.0) == 0


def test_latency_counts_a_message_as_late_as_telegram_may_see_it() -> None:
    flood = FloodControl(FloodLimits(WIDE, private_per_second=1.0, private_burst=1), latency=0.2)
    send_all(flood, USER, 1, now=0.0)
    assert flood.wait(USER, 0.0) == pytest.approx(1.2)


def test_unlimited_never_waits() -> None:
    flood = FloodControl(FloodLimits.unlimited(), latency=0.1)
    for chat_id in (USER, GROUP):
        send_all(flood, chat_id, 10_000, now=0.0)


def test_idle_chats_are_forgotten() -> None:
    flood = FloodControl(FloodLimits(WIDE, group_per_minute=5))
    for chat_id in range(1, 501):
        send_all(flood, chat_id, 1, now=0.0)
        send_all(flood, -chat_id, 1, now=0.0)
    flood.pause_chat(USER, until=1.0)
    assert flood.tracked() == 1000
    # Within a minute everyone is still remembered: their limits still hold something back.
    flood.wait(USER, 30.0)
    assert flood.tracked() == 1000
    flood.wait(USER, SWEEP_EVERY + GROUP_WINDOW)
    assert flood.tracked() == 0


# ---- any schedule the rules allow keeps to Telegram's limits -----------------------------

LIMITS = FloodLimits(
    global_per_second=8, private_per_second=2.0, private_burst=3, group_per_minute=4
)
EPSILON = 1e-9


def bucket_ok(times: list[float], rate: float, burst: float) -> bool:
    """A token bucket of `burst` starting full: every interval holds at most burst + rate*len."""
    times = sorted(times)
    return all(
        j - i + 1 <= burst + rate * (times[j] - times[i]) + EPSILON
        for i in range(len(times))
        for j in range(i, len(times))
    )


def window_ok(times: list[float], per_window: int) -> bool:
    """At most `per_window` messages in any 60-second window."""
    times = sorted(times)
    return all(
        sum(1 for t in times[i:] if t - times[i] < GROUP_WINDOW - EPSILON) <= per_window
        for i in range(len(times))
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([USER, OTHER, GROUP, -2002]), st.floats(0, 5)),
        min_size=1,
        max_size=80,
    )
)
def test_any_schedule_that_waits_keeps_the_limits(attempts: list[tuple[int, float]]) -> None:
    flood = FloodControl(LIMITS)
    sent: dict[int, list[float]] = {}
    now = 0.0
    for chat_id, step in attempts:
        now += step / 10
        wait = flood.wait(chat_id, now)
        if wait > 0:
            now += wait  # the sender sleeps exactly as long as it is told
            assert flood.wait(chat_id, now) == 0
        flood.consume(chat_id, now)
        sent.setdefault(chat_id, []).append(now)
    everything = [t for times in sent.values() for t in times]
    assert bucket_ok(everything, LIMITS.global_per_second, LIMITS.global_per_second)
    for chat_id, times in sent.items():
        if chat_id > 0:
            assert bucket_ok(times, LIMITS.private_per_second, LIMITS.private_burst)
        else:
            assert window_ok(times, LIMITS.group_per_minute)
    assert not math.isnan(now)
