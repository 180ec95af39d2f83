"""Command line: `mediation-bot run | migrate | demo | offices | workdays | diagram | …`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.clock import SystemClock
from bot.config import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from bot.storage import OfficeSyncReport


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        raise SystemExit(2) from None


def cmd_run(args: argparse.Namespace) -> int:
    """Start the bot (or explain how to get a token)."""
    settings = _settings()
    if settings.bot_token is None or not settings.bot_token.get_secret_value():
        print(
            "configuration error: BOT_TOKEN is not set. Get one from @BotFather and put it in .env,"
            " or run `mediation-bot demo` to see the bot work offline.",
            file=sys.stderr,
        )
        return 2
    from bot.app import build_core
    from bot.logs import setup_logging
    from bot.telegram.factory import make_runtime
    from bot.telegram.runner import run_bot
    from bot.telegram.runtime import FatalTelegramError

    setup_logging(settings.log_level, settings.log_format)
    core = build_core(settings)
    runtime = make_runtime(core, settings.bot_token.get_secret_value())
    try:
        asyncio.run(run_bot(core, runtime))
    except FatalTelegramError as error:
        print(f"error: {error}. Check BOT_TOKEN and TELEGRAM_API_URL.", file=sys.stderr)
        return 1
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Create or upgrade the database schema."""
    settings = _settings()
    from bot.storage import Database

    async def migrate() -> str | None:
        db = Database(settings.database_url)
        try:
            await db.migrate()
            return await db.revision()
        finally:
            await db.dispose()

    print(f"database at revision {asyncio.run(migrate())}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Play three reporters through the intake against the local emulator."""
    from bot.demo import run_demo

    return asyncio.run(run_demo(languages=args.languages))


def cmd_locales_check(args: argparse.Namespace) -> int:
    """Check the Fluent files; exit 1 on any problem."""
    from bot.locales_check import check_locales

    report = check_locales()
    for problem in report.problems:
        print(problem)
    print("locales OK" if report.ok else f"{len(report.problems)} problem(s)")
    return 0 if report.ok else 1


def cmd_diagram(args: argparse.Namespace) -> int:
    """Print a flow's state diagram (Mermaid), generated from its machine."""
    from pathlib import Path

    from bot.flows.diagram import FLOWS

    mermaid, markdown = FLOWS[args.flow]
    if args.write:
        path = args.write if args.write is not True else f"docs/{args.flow}-flow.md"
        Path(path).write_text(markdown(), encoding="utf-8")
        print(f"wrote {path}")
    else:
        print(mermaid())
    return 0


def cmd_workdays(args: argparse.Namespace) -> int:
    """Print the working days after DATE, one ISO date per line (HOLIDAYS_FILE and the
    /holiday corrections in the database apply)."""
    from datetime import date, timedelta

    from bot.domain.calendar import REGIONS, WorkCalendar, load_overrides
    from bot.storage.due import stored_overrides

    def usage_error(message: str) -> int:
        print(f"mediation-bot workdays: error: {message}", file=sys.stderr)
        return 2

    try:
        after = date.fromisoformat(args.date)
    except ValueError:
        return usage_error(f"invalid date {args.date!r} (use YYYY-MM-DD)")
    if args.count < 1:
        return usage_error(f"--count must be at least 1, got {args.count}")
    if args.region is not None and args.region not in REGIONS:
        return usage_error(f"unknown region {args.region!r} (pinyin of a province, e.g. xizang)")
    calendar = WorkCalendar()
    settings = _settings()
    path = settings.holidays_file
    if path is not None:
        try:
            calendar = WorkCalendar.from_file(load_overrides(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            print(f"configuration error: HOLIDAYS_FILE: {path}: {error}", file=sys.stderr)
            return 2
    # The corrections admins entered with /holiday count too: the bot uses them.
    stored = asyncio.run(stored_overrides(settings.database_url))
    if stored:
        calendar = calendar.with_overrides(stored)
    try:
        days = calendar.next_workdays(after, args.count, args.region)
    except OverflowError:
        return usage_error("the dates run past the year 9999")
    # Notes go to stderr so that stdout stays a clean list for scripts.
    for year in range((after + timedelta(days=1)).year, days[-1].year + 1):
        if calendar.is_estimate(year):
            print(
                f"note: {year} is estimated: the official holiday schedule is not in the data;"
                " enter it in HOLIDAYS_FILE once published",
                file=sys.stderr,
            )
    for day in days:
        print(day.isoformat())
    return 0


def cmd_offices(args: argparse.Namespace) -> int:
    """Load the offices file (OFFICES_FILE or --file) into the database: `offices sync`."""
    from bot.domain.offices import OfficeConfigError, load_offices
    from bot.storage import Database

    settings = _settings()
    path = args.file or settings.offices_file
    try:
        offices = load_offices(path.read_text(encoding="utf-8"))
    except (OSError, OfficeConfigError) as error:
        print(f"configuration error: OFFICES_FILE: {path}: {error}", file=sys.stderr)
        return 2

    async def sync() -> OfficeSyncReport:
        db = Database(settings.database_url)
        try:
            await db.migrate()
            async with db.transaction() as tx:
                specs = [
                    {**spec, "position": index} for index, spec in enumerate(offices.as_dicts())
                ]
                return await tx.offices.sync(specs, SystemClock().now())
        finally:
            await db.dispose()

    report = asyncio.run(sync())
    for label, codes in (
        ("added", report.added),
        ("changed", report.changed),
        ("deactivated", report.deactivated),
    ):
        for code in codes:
            print(f"{label}: {code}")
    print(
        f"offices: {len(report.added)} added, {len(report.changed)} changed, "
        f"{len(report.deactivated)} deactivated, {len(report.unchanged)} unchanged"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per task."""
    parser = argparse.ArgumentParser(prog="mediation-bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "run", help="run the bot (needs BOT_TOKEN)", description=cmd_run.__doc__
    ).set_defaults(func=cmd_run)
    commands.add_parser(
        "migrate", help="create/upgrade the database", description=cmd_migrate.__doc__
    ).set_defaults(func=cmd_migrate)
    demo = commands.add_parser(
        "demo", help="offline demo, no token needed", description=cmd_demo.__doc__
    )
    demo.add_argument(
        "--languages",
        nargs="+",
        default=["zh", "bo", "ug"],
        choices=["zh", "bo", "ug"],
        help="reporters to play",
    )
    demo.set_defaults(func=cmd_demo)
    commands.add_parser(
        "locales-check", help="check the translations", description=cmd_locales_check.__doc__
    ).set_defaults(func=cmd_locales_check)
    diagram = commands.add_parser(
        "diagram", help="print a flow's state diagram", description=cmd_diagram.__doc__
    )
    diagram.add_argument(
        "--flow",
        choices=("intake", "casework"),
        default="intake",
        help="the reporter's intake or a case's life with the mediators (default intake)",
    )
    diagram.add_argument(
        "--write",
        nargs="?",
        const=True,
        metavar="PATH",
        help="write the Markdown page (default docs/FLOW-flow.md)",
    )
    diagram.set_defaults(func=cmd_diagram)
    workdays = commands.add_parser(
        "workdays", help="list the working days after a date", description=cmd_workdays.__doc__
    )
    workdays.add_argument("date", metavar="DATE", help="the day to count from (YYYY-MM-DD)")
    workdays.add_argument(
        "--count", type=int, default=3, metavar="N", help="how many working days (default 3)"
    )
    workdays.add_argument(
        "--region", metavar="R", help="province in pinyin for regional holidays, e.g. xizang"
    )
    workdays.set_defaults(func=cmd_workdays)
    offices = commands.add_parser(
        "offices", help="manage the mediation offices", description=cmd_offices.__doc__
    )
    offices.add_argument("action", choices=("sync",), help="sync: load the file into the database")
    offices.add_argument("--file", type=Path, help="the offices TOML (default OFFICES_FILE)")
    offices.set_defaults(func=cmd_offices)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `mediation-bot` command."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
