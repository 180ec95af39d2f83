"""Receiving updates, shared by both frameworks: long polling or webhook, never losing one.

An update is written to the inbound journal (one transaction) before Telegram is told
it arrived — by the next getUpdates offset, or by the webhook's 200 — and leaves the
journal only after it was handled. After a crash the journal is replayed; the handlers'
update-id check makes a replay of an already handled update a no-op. Updates of one chat
are handled one at a time in update-id order; different chats run concurrently.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import signal
import time
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from bot.app import Core
from bot.domain.models import Language
from bot.flows.output import Msg
from bot.handlers.ordering import ChatLocks
from bot.storage import JournalEntry
from bot.telegram.runtime import BotRuntime, CommandMenus, FatalTelegramError

log = logging.getLogger(__name__)

#: Commands shown in Telegram's menu.
COMMANDS = ("new", "mycases", "cancel", "language", "help")
#: Header Telegram puts the webhook secret in.
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
#: How long shutdown waits for updates being handled.
DRAIN_SECONDS = 10.0


def update_chat_id(update: Mapping[str, Any]) -> int | None:
    """The chat an update belongs to (its order key), from the raw Bot API object."""
    for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
        if key in update:
            return int(update[key]["chat"]["id"])
    query = update.get("callback_query")
    if query is not None:
        message = query.get("message")
        return int(message["chat"]["id"]) if message else int(query["from"]["id"])
    for key in ("my_chat_member", "chat_member", "chat_join_request"):
        if key in update:
            return int(update[key]["chat"]["id"])
    return None


def command_menus(core: Core) -> CommandMenus:
    """The command menu in each reporter language, and the default one."""

    def menu(lang: str) -> list[tuple[str, str]]:
        return [(c, core.renderer.text(lang, Msg(f"command-{c}"))) for c in COMMANDS]

    menus: dict[str | None, list[tuple[str, str]]] = {
        lang.value: menu(lang.value) for lang in Language
    }
    menus[None] = menu(core.settings.default_language)
    return menus


class UpdateRunner:
    """Journals updates, then feeds them to the runtime in per-chat order."""

    def __init__(self, core: Core, runtime: BotRuntime) -> None:
        self.core = core
        self.runtime = runtime
        self._locks = ChatLocks()
        self._tasks: set[asyncio.Task[None]] = set()
        self.webhook_port: int | None = None
        self._secret = b""

    async def accept(self, updates: Sequence[Mapping[str, Any]]) -> None:
        """Record updates durably, then start handling them (returns before they are handled)."""
        entries = [
            JournalEntry(int(u["update_id"]), update_chat_id(u), dict(u))
            for u in sorted(updates, key=lambda u: int(u["update_id"]))
        ]
        async with self.core.db.transaction() as tx:
            await tx.inbound.record(entries, self.core.clock.now())
        for entry in entries:
            self._spawn(entry)

    async def replay(self) -> int:
        """Handle what the journal still holds from before a crash; returns how many."""
        async with self.core.db.transaction() as tx:
            entries = await tx.inbound.pending(limit=10_000)
        for entry in entries:
            self._spawn(entry)
        if entries:
            log.info("replaying %s journalled update(s)", len(entries))
        return len(entries)

    def _spawn(self, entry: JournalEntry) -> None:
        # Tasks start in creation order and take the chat's FIFO lock first thing, so
        # updates of one chat are handled in update-id order.
        task = asyncio.create_task(self._handle(entry), name=f"update-{entry.update_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, entry: JournalEntry) -> None:
        async with self._locks.hold(entry.chat_id or 0):
            started = time.perf_counter()
            await self.runtime.feed(entry.payload)
            async with self.core.db.transaction() as tx:
                await tx.inbound.done(entry.update_id)
            log.debug(
                "update done",
                extra={
                    "update_id": entry.update_id,
                    "chat_id": entry.chat_id,
                    "latency_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )

    async def drain(self, seconds: float = DRAIN_SECONDS) -> None:
        """Wait for updates being handled (at most `seconds`)."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=seconds)

    # ---- long polling -------------------------------------------------------------------
    async def poll(self, stop: asyncio.Event) -> None:
        """Long-poll until `stop` is set; an offset is sent only after its batch is journalled."""
        await self.runtime.delete_webhook()
        offset: int | None = None
        failures = 0
        timeout = self.core.settings.polling_timeout
        while not stop.is_set():
            fetch = asyncio.ensure_future(self.runtime.get_updates(offset, timeout))
            stopped = asyncio.ensure_future(stop.wait())
            await asyncio.wait({fetch, stopped}, return_when=asyncio.FIRST_COMPLETED)
            stopped.cancel()
            if not fetch.done():
                fetch.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await fetch
                break
            try:
                updates = fetch.result()
            except FatalTelegramError:
                raise
            except Exception as error:
                failures += 1
                delay = min(30.0, 0.5 * 2**failures)
                log.warning(
                    "getUpdates failed (%s); retrying in %.1f s", type(error).__name__, delay
                )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), delay)
                continue
            failures = 0
            if updates:
                await self.accept(updates)
                offset = max(int(u["update_id"]) for u in updates) + 1
        if offset is not None:
            # Acknowledge the last batch, so a restart does not fetch it again.
            with contextlib.suppress(Exception):
                await self.runtime.get_updates(offset, 0)

    # ---- webhook ------------------------------------------------------------------------
    async def serve_webhook(self, stop: asyncio.Event) -> None:
        """Serve the webhook and /healthz until `stop` is set."""
        settings = self.core.settings
        assert settings.webhook_url is not None
        assert settings.webhook_secret is not None
        secret = settings.webhook_secret.get_secret_value()
        self._secret = secret.encode()
        path = urlsplit(settings.webhook_url).path or "/"
        app = web.Application()
        app.router.add_post(path, self._on_update)
        app.router.add_get("/healthz", self._on_health)
        server = web.AppRunner(app, access_log=None)
        await server.setup()
        site = web.TCPSite(server, settings.webhook_host, settings.webhook_port)
        await site.start()
        self.webhook_port = _bound_port(server)
        log.info("webhook listening on %s:%s%s", settings.webhook_host, self.webhook_port, path)
        try:
            await self.runtime.set_webhook(settings.webhook_url, secret)
            await stop.wait()
        finally:
            # The webhook stays registered: Telegram queues updates until we are back.
            await server.cleanup()

    async def _on_update(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self._secret):
            return web.json_response({"ok": False, "error": "unauthorized"}, status=401)
        try:
            update = await request.json()
            int(update["update_id"])
        except (ValueError, KeyError, TypeError):
            return web.json_response({"ok": False, "error": "not an update"}, status=400)
        # 200 only once the update is in the journal: a crash after it loses nothing.
        await self.accept([update])
        return web.json_response({"ok": True})

    async def _on_health(self, request: web.Request) -> web.Response:
        sender = self.core.sender
        checks = {"database": await self.core.db.ping(), "sender": bool(sender and sender.running)}
        return web.json_response(checks, status=200 if all(checks.values()) else 503)


def _bound_port(server: web.AppRunner) -> int | None:
    for address in server.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return None


async def run_bot(core: Core, runtime: BotRuntime, *, stop: asyncio.Event | None = None) -> None:
    """Run until SIGINT/SIGTERM (or `stop`): migrate, start, receive, then shut down gracefully."""
    own_signals = stop is None
    stop = stop or asyncio.Event()
    if own_signals:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
    await core.db.migrate()
    username = await runtime.start()
    runner = UpdateRunner(core, runtime)
    try:
        core.attach_gateway(runtime.gateway)
        await runtime.set_commands(command_menus(core))
        await core.start_background()
        await runner.replay()
        mode = "webhook" if core.settings.webhook_mode else "polling"
        log.info("@%s running on %s (%s)", username, runtime.name, mode)
        core.runner = runner
        if core.settings.webhook_mode:
            await runner.serve_webhook(stop)
        else:
            await runner.poll(stop)
    finally:
        # Stop taking updates (done above), finish those in flight, flush, close.
        await runner.drain()
        await core.stop_background()
        await runtime.stop()
        log.info("stopped")
