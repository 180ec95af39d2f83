"""APScheduler set-up: periodic jobs that call core services.

The database holds everything that matters (drafts and their timestamps); the
scheduler only decides when to look, so nothing is lost with its memory.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)

#: A job missed while the process was busy or down still runs (APScheduler's default
#: grace of 1 s would silently drop it); coalescing runs it once, not once per miss.
_JOB_DEFAULTS: dict[str, Any] = {"misfire_grace_time": 3600, "coalesce": True, "max_instances": 1}


class Scheduler:
    """An AsyncIOScheduler with the bot's periodic jobs."""

    def __init__(self, timezone: str) -> None:
        self._scheduler = AsyncIOScheduler(timezone=timezone, job_defaults=_JOB_DEFAULTS)

    def every(self, name: str, interval: timedelta, job: Callable[[], Awaitable[Any]]) -> None:
        """Run `job` every `interval`, first right after start."""

        async def run() -> None:
            try:
                await job()
            except Exception:
                log.exception("scheduled job %s failed", name)

        self._scheduler.add_job(
            run, "interval", seconds=interval.total_seconds(), id=name, name=name
        )
        # Run once at start too: drafts that came due while the bot was down are handled now.
        self._scheduler.add_job(run, id=f"{name}-at-start", name=f"{name} at start")

    def start(self) -> None:
        """Start running jobs on the current event loop."""
        self._scheduler.start()

    def shutdown(self) -> None:
        """Stop without waiting for running jobs (they hold their own transactions)."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
