"""Wiring of the transport-neutral core: database, texts, handlers, sender, jobs."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.delivery import OutboxSender, TelegramGateway
from bot.domain.calendar import WorkCalendar, load_overrides
from bot.domain.models import Language
from bot.domain.places import DEFAULT_CITIES, DEFAULT_COUNTIES, Place, PlaceCatalogue
from bot.flows.intake import IntakeContext
from bot.handlers.cases import ReporterCases
from bot.handlers.desk import CaseDesk
from bot.handlers.dispatch import UpdateDispatcher
from bot.handlers.drafts import DraftJanitor
from bot.handlers.followups import FollowUps
from bot.handlers.mediator import MediatorHandler
from bot.handlers.render import Renderer
from bot.handlers.reporter import ReporterHandler
from bot.handlers.schedule import CaseSchedule
from bot.i18n import Translator, default_translator
from bot.scheduler import Scheduler
from bot.storage import Database

#: How often unfinished drafts are looked at.
DRAFT_SWEEP_EVERY = timedelta(minutes=10)


@dataclass
class Core:
    """Everything a Telegram runtime drives."""

    settings: Settings
    db: Database
    renderer: Renderer
    reporter: ReporterHandler
    janitor: DraftJanitor
    clock: Clock
    desk: CaseDesk
    mediator: MediatorHandler
    cases: ReporterCases
    followups: FollowUps
    dispatch: UpdateDispatcher
    sender: OutboxSender | None = None
    scheduler: Scheduler | None = None
    #: The telegram runner receiving updates (set while the bot runs; tests read its port).
    runner: object | None = None

    def attach_gateway(self, gateway: TelegramGateway) -> OutboxSender:
        """Create the sender for a runtime's gateway, paced by FLOOD_*, and let commits wake it."""
        from bot.pacing import FloodLimits

        self.sender = OutboxSender(
            self.db,
            gateway,
            self.clock,
            limits=FloodLimits.from_settings(self.settings),
            admin_ids=self.settings.admin_ids,
            group_alert=self.renderer.group_alert,
        )
        for handler in (self.reporter, self.janitor, self.mediator, self.cases, self.followups):
            handler.on_commit = self.sender.wake
        # Membership is asked of Telegram at the moment a mediator acts.
        self.mediator.membership = gateway.chat_member_status
        return self.sender

    async def start_background(self) -> None:
        """Start the sender and the scheduled jobs."""
        if self.sender is not None:
            self.sender.start()
        self.scheduler = Scheduler(self.settings.timezone)
        self.scheduler.every("draft-sweep", DRAFT_SWEEP_EVERY, self.janitor.sweep)
        # Follow-ups, reminders and deadlines live as due rows in the database; this job
        # only looks for the ones whose time has come (also right after a restart).
        sweep_every = timedelta(seconds=self.settings.sweep_seconds)
        self.scheduler.every("due-sweep", sweep_every, self.followups.sweep)
        self.scheduler.start()

    async def stop_background(self) -> None:
        """Stop the jobs, flush the outbox for a few seconds, close the database."""
        if self.scheduler is not None:
            self.scheduler.shutdown()
        if self.sender is not None:
            await self.sender.stop()
        await self.db.dispose()


def load_places(path: Path | None) -> PlaceCatalogue:
    """The place lists: built in, or from the operator's TOML file."""
    if path is None:
        return PlaceCatalogue(DEFAULT_CITIES, DEFAULT_COUNTIES)
    raw = tomllib.loads(path.read_text(encoding="utf-8"))

    def places(key: str) -> tuple[Place, ...]:
        return tuple(
            Place(
                code=str(item["code"]),
                zh=str(item["zh"]),
                names={k: str(v) for k, v in item.get("names", {}).items()},
                aliases=tuple(str(a) for a in item.get("aliases", [])),
                latitude=item.get("latitude"),
                longitude=item.get("longitude"),
            )
            for item in raw.get(key, [])
        )

    return PlaceCatalogue(
        places("cities") or DEFAULT_CITIES, places("counties") or DEFAULT_COUNTIES
    )


def load_calendar(path: Path | None) -> WorkCalendar:
    """China's working-day calendar with the operator's overrides file, if any."""
    if path is None:
        return WorkCalendar()
    return WorkCalendar.from_file(load_overrides(path.read_text(encoding="utf-8")))


def build_core(
    settings: Settings,
    *,
    clock: Clock | None = None,
    translator: Translator | None = None,
    db: Database | None = None,
) -> Core:
    """Build the core from settings (no network, no database connection yet)."""
    clock = clock or SystemClock()
    # One Database per process and URL: SQLite's writer lock lives in it.
    db = db or Database(settings.database_url)
    renderer = Renderer(translator or default_translator())
    places = load_places(settings.cities_file)

    def context() -> IntakeContext:
        return IntakeContext(
            now=clock.now(),
            places=places,
            operator_name=settings.operator_name,
            operator_contact=settings.operator_contact,
            retention_days=settings.retention_days,
        )

    desk = CaseDesk(renderer, settings.zone, settings.admin_ids)
    desk.schedule = CaseSchedule(
        load_calendar(settings.holidays_file), settings.zone, settings.deadline_policy()
    )
    reporter = ReporterHandler(
        db,
        renderer,
        clock,
        context,
        default_language=Language(settings.default_language),
        zone=settings.zone,
        desk=desk,
    )
    mediator = MediatorHandler(
        db, renderer, clock, desk, admin_ids=settings.admin_ids, zone=settings.zone
    )
    cases = ReporterCases(
        db,
        renderer,
        clock,
        desk,
        default_language=Language(settings.default_language),
        zone=settings.zone,
    )
    janitor = DraftJanitor(
        db,
        renderer,
        clock,
        remind_after=timedelta(hours=settings.draft_reminder_hours),
        expire_after=timedelta(days=settings.draft_expiry_days),
        zone=settings.zone,
    )
    followups = FollowUps(db, renderer, clock, desk, desk.schedule, zone=settings.zone)
    desk.schedule.on_estimate = followups.warn_estimate
    return Core(
        settings=settings,
        db=db,
        renderer=renderer,
        reporter=reporter,
        janitor=janitor,
        clock=clock,
        desk=desk,
        mediator=mediator,
        cases=cases,
        followups=followups,
        dispatch=UpdateDispatcher(db, reporter, cases, mediator, followups),
    )
