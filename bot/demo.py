"""`mediation-bot demo`: the real bot against the local emulator, no token, no network.

Three reporters (Chinese, Tibetan, Uyghur) file a dispute each; the conversation and
the stored case are printed. Then the mediators' side: the example offices with three
bound group chats, the case cards there, and a mediator claiming a case. The scenario
driver is shared with the end-to-end tests.
"""

from __future__ import annotations

import asyncio
import html
import math
import re
import socket
import sys
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from bot.app import Core, build_core
from bot.clock import Clock
from bot.config import Settings
from bot.domain.models import CaseRecord
from bot.telegram.emulator import BotAPIEmulator, EmulatorLimits, SentMessage

DEMO_TOKEN = "123456:DEMO-offline-token"
#: The demo's coordinator (ADMIN_IDS) and mediator.
DEMO_ADMIN, DEMO_MEDIATOR = 900001, 900002
#: Group chats of the demo: (chat id, office code, forum?).
DEMO_GROUPS = (
    (-1000001, "gz-service", False),
    (-1000002, "sh-service", True),
    (-1000003, "hualong-centre", False),
    (-1000004, "haidong-coordination", False),
)
OFFICES_EXAMPLE = Path(__file__).resolve().parent.parent / "config" / "offices.example.toml"
_TAG = re.compile(r"<[^>]+>")
_BIDI = re.compile("[\u2066-\u2069]")


def plain(text: str) -> str:
    """HTML as Telegram shows it, for printing: tags dropped, entities decoded."""
    return _BIDI.sub("", html.unescape(_TAG.sub("", text)))


@dataclass
class Reporter:
    """A scripted reporter talking to the bot through the emulator."""

    emulator: BotAPIEmulator
    user_id: int
    first_name: str
    language_code: str | None
    out: TextIO | None = None
    seen: int = 0
    log: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.emulator.user(self.user_id, self.first_name, language_code=self.language_code)

    def _print(self, line: str) -> None:
        self.log.append(line)
        if self.out is not None:
            print(line, file=self.out)

    async def settle(self, update: dict[str, Any] | None = None) -> list[SentMessage]:
        """Wait until the bot has answered `update`; print and return its new messages."""
        emulator = self.emulator
        query = (update or {}).get("callback_query")
        if query is not None:
            # Every button press is answered, whatever else happens.
            await emulator.wait_for(lambda: emulator.callback_answer(query["id"]) is not None, 20)
        elif update is not None:
            # Every message gets a reply: a prompt, a hint or an apology — never silence.
            await emulator.wait_for(lambda: len(emulator.messages(self.user_id)) > self.seen, 20)
        await emulator.wait_idle(quiet=0.15, timeout=20)
        messages = self.emulator.messages(self.user_id)
        new = messages[self.seen :]
        self.seen = len(messages)
        for message in new:
            self._print(
                f"  bot  > {plain(message.text or message.caption or '')}".replace(
                    "\n", "\n         "
                )
            )
            labels = [b.get("text", "") for b in message.buttons()]
            if labels:
                self._print(f"         [{'] ['.join(plain(label) for label in labels)}]")
        return new

    async def _act(self, shown: str, inject: Callable[[], dict[str, Any]]) -> list[SentMessage]:
        self._print(f"  user > {shown}")
        return await self.settle(inject())

    async def say(self, text: str) -> list[SentMessage]:
        """Send a text message."""
        return await self._act(text, lambda: self.emulator.send_text(self.user_id, text))

    async def press(self, action: str) -> list[SentMessage]:
        """Press the newest button whose callback action is `action`."""
        for message in reversed(self.emulator.messages(self.user_id)):
            for button in message.buttons():
                data = str(button.get("callback_data", ""))
                if data.split(":", 2)[-1] == action:
                    label = plain(str(button.get("text", "")))
                    press = partial(self.emulator.press, self.user_id, message.message_id, data)
                    return await self._act(f"[{label}]", press)
        raise LookupError(f"no button {action!r} in chat {self.user_id}")

    async def share_contact(self, phone: str, *, own: bool = True) -> list[SentMessage]:
        """Share a contact card (the user's own unless `own` is False)."""
        owner = self.user_id if own else None
        return await self._act(
            f"(contact {phone})",
            lambda: self.emulator.send_contact(
                self.user_id, phone, self.first_name, contact_user_id=owner
            ),
        )

    async def share_location(self, latitude: float, longitude: float) -> list[SentMessage]:
        """Share a location."""
        return await self._act(
            f"(location {latitude}, {longitude})",
            lambda: self.emulator.send_location(self.user_id, latitude, longitude),
        )

    async def photo(self, caption: str | None = None) -> list[SentMessage]:
        """Send a photo."""
        return await self._act(
            "(photo)", lambda: self.emulator.send_photo(self.user_id, caption=caption)
        )

    async def voice(self) -> list[SentMessage]:
        """Send a voice note."""
        return await self._act("(voice note)", lambda: self.emulator.send_voice(self.user_id))


Script = Callable[[Reporter], Awaitable[None]]


async def zh_script(r: Reporter) -> None:
    """A Guangzhou shop owner whose landlord keeps the deposit."""
    await r.say("/start")
    await r.press("lang:zh")
    await r.press("consent:yes")
    await r.press("type:rent")
    await r.say("广州")
    await r.press("county:hualong")
    await r.say("马明")
    await r.share_contact("+86 138 0013 8000")
    await r.say("王老板")
    await r.press("role:landlord")
    await r.press("skip")
    await r.say("店铺租约到期后，房东不退还 8000 元押金，也不接电话。")
    await r.photo("租房合同")
    await r.press("done")
    await r.say("8000元")
    await r.press("people:1")
    await r.press("danger:no")
    await r.say("退还押金")
    await r.press("submit")


async def bo_script(r: Reporter) -> None:
    """A Tibetan cook in Chengdu whose wages are unpaid."""
    await r.say("/start")
    await r.press("lang:bo")
    await r.press("consent:yes")
    await r.press("type:wages")
    await r.press("city:chengdu")
    await r.say("循化")
    await r.say("བཀྲ་ཤིས་དོན་གྲུབ།")
    await r.say("13912345678")
    await r.say("ལི་ཐའེ་ཧྲང་།")
    await r.press("role:employer")
    await r.say("028-85551234")
    await r.say("ཟླ་བ་གསུམ་གྱི་གླ་ཆ་མ་སྤྲད།")
    await r.voice()
    await r.press("done")
    await r.press("skip")
    await r.press("people:5")
    await r.press("danger:no")
    await r.say("གླ་ཆ་ཡོངས་རྫོགས་སྤྲོད་དགོས།")
    await r.press("submit")


async def ug_script(r: Reporter) -> None:
    """A Uyghur shop owner in Shanghai, threatened over a debt."""
    await r.say("/start")
    await r.press("lang:ug")
    await r.press("consent:yes")
    await r.press("type:debt")
    await r.share_location(31.22, 121.46)
    await r.press("county:minhe")
    await r.say("ئابدۇللا")
    await r.share_contact("+8613600136000")
    await r.say("جاڭ خوجايىن")
    await r.press("role:supplier")
    await r.press("skip")
    await r.say("ئۇ مەندىن 15000 يۈەن قەرز ئالغان، قايتۇرمايدۇ، ھەم تەھدىت سالدى.")
    await r.press("done")
    await r.say("1.5万")
    await r.press("people:1")
    await r.press("danger:yes")
    await r.say("قەرزنى قايتۇرسۇن")
    await r.press("submit")


SCRIPTS: dict[str, tuple[int, str, Script]] = {
    "zh": (910001, "马明", zh_script),
    "bo": (910002, "བཀྲ་ཤིས།", bo_script),
    "ug": (910003, "ئابدۇللا", ug_script),
}


def describe_case(case: CaseRecord) -> str:
    """The stored case, one field per line."""
    lines = [
        f"  number: {case.number}   status: {case.status}   risk: {case.risk}",
        f"  urgent: {case.urgent}",
        f"  type: {case.dispute_type}   language: {case.language}   people: {case.people_affected}",
        f"  city: {case.host_city}   home county: {case.home_county}   amount: {case.amount}",
        f"  story: {case.story!r}",
        f"  wanted: {case.desired_outcome!r}",
    ]
    for party in case.parties:
        lines.append(
            f"  party ({party.side}): {party.name} {party.phone or '-'} {party.role or ''}"
        )
    for attachment in case.attachments:
        lines.append(f"  attachment: {attachment.kind} {attachment.file_id}")
    return "\n".join(lines)


@asynccontextmanager
async def bot_against(
    emulator: BotAPIEmulator, database_url: str, *, clock: Clock | None = None, **overrides: Any
) -> AsyncIterator[Core]:
    """Run the real bot (the runtime named by BOT_RUNTIME) against the emulator until done.

    With a `clock` (a FakeClock), tests move the bot's time by hand to make follow-ups
    and deadlines come due.
    """
    from bot.telegram.factory import make_runtime
    from bot.telegram.runner import run_bot

    if overrides.pop("webhook", False):
        # A free loopback port for the bot's webhook server; the emulator posts there.
        port = free_port()
        overrides |= {
            "webhook_url": f"http://127.0.0.1:{port}/telegram/webhook",
            "webhook_secret": "e2e-webhook-secret",
            "webhook_host": "127.0.0.1",
            "webhook_port": port,
        }
    settings = Settings(
        bot_token=emulator.token,
        telegram_api_url=emulator.url,
        database_url=database_url,
        polling_timeout=1,
        _env_file=None,
        **overrides,
    )
    core = build_core(settings, clock=clock)
    stop = asyncio.Event()
    runner = asyncio.create_task(run_bot(core, make_runtime(core, emulator.token), stop=stop))
    try:
        await emulator.wait_for(lambda: runner.done() or _receiving(emulator, core), timeout=20)
        if runner.done():
            runner.result()  # start-up failed: raise its error here
        yield core
    finally:
        stop.set()
        await runner


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _receiving(emulator: BotAPIEmulator, core: Core) -> bool:
    """Whether the bot takes updates: polling started, or the webhook is registered."""
    if core.settings.webhook_mode:
        return emulator.webhook_url is not None and core.runner is not None
    return bool(emulator.calls("getUpdates"))


async def run_demo(languages: list[str] | None = None, out: TextIO = sys.stdout) -> int:
    """Run the demo; returns the process exit code."""
    # Flood limits are off on both sides: the scripted reporters answer at once, and a
    # paced bot would leave them reading before its reply arrived.
    async with BotAPIEmulator(DEMO_TOKEN, limits=EmulatorLimits.unlimited()) as emulator:
        with tempfile.TemporaryDirectory(prefix="mediation-demo-") as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'demo.db'}"
            unpaced: dict[str, Any] = {
                "flood_global_per_second": math.inf,
                "flood_private_per_second": math.inf,
                "flood_group_per_minute": 2**31,
            }
            admins = frozenset({DEMO_ADMIN})
            async with bot_against(emulator, url, admin_ids=admins, **unpaced) as core:
                await set_up_offices(emulator, core, out)
                for lang in languages or list(SCRIPTS):
                    user_id, name, script = SCRIPTS[lang]
                    print(f"\n=== Reporter {name} ({lang}) ===", file=out)
                    await script(Reporter(emulator, user_id, name, lang, out=out))
                    print("\n--- stored case ---", file=out)
                    async with core.db.transaction() as tx:
                        cases = await tx.cases.for_reporter(user_id)
                    print("\n".join(describe_case(c) for c in cases) or "  (none!)", file=out)
                await show_mediators(emulator, core, out)
    return 0


async def set_up_offices(emulator: BotAPIEmulator, core: Core, out: TextIO) -> None:
    """Load the example offices and bind four groups, as an administrator would."""
    from bot.domain.offices import load_offices

    offices = load_offices(OFFICES_EXAMPLE.read_text(encoding="utf-8"))
    async with core.db.transaction() as tx:
        await tx.offices.sync(offices.as_dicts(), core.clock.now())
    emulator.user(DEMO_ADMIN, "Admin")
    emulator.user(DEMO_MEDIATOR, "王调解员")
    for chat, code, forum in DEMO_GROUPS:
        emulator.add_group(chat, code, forum=forum)
        for user in (DEMO_ADMIN, DEMO_MEDIATOR):
            emulator.set_chat_member(chat, user, "member")
        if forum:
            emulator.set_chat_member(chat, emulator.bot_id, "administrator")
        emulator.send_text(DEMO_ADMIN, f"/bind {code}", chat_id=chat)
    await emulator.wait_idle(quiet=0.3, timeout=20)
    print(f"\n=== {len(offices)} offices synced; groups bound ===", file=out)
    for chat, _, _ in DEMO_GROUPS:
        print(f"  {plain(emulator.last_message(chat).text or '')}", file=out)


async def show_mediators(emulator: BotAPIEmulator, core: Core, out: TextIO) -> None:
    """Print the case cards in each group, then let a mediator claim the first case."""
    await emulator.wait_idle(quiet=0.3, timeout=20)
    for chat, code, forum in DEMO_GROUPS:
        print(f"\n=== Group of {code}{' (forum: a topic per case)' if forum else ''} ===", file=out)
        for message in emulator.messages(chat)[1:]:
            print("  " + plain(message.text or "").replace("\n", "\n  "), file=out)
            labels = [plain(str(b.get("text", ""))) for b in message.buttons()]
            if labels:
                print(f"  [{'] ['.join(labels)}]", file=out)
    chat, card = next(
        (chat, message)
        for chat, _, _ in DEMO_GROUPS
        for message in emulator.messages(chat)
        if message.buttons()
    )
    data = next(str(b["callback_data"]) for b in card.buttons() if b.get("text") == "接单")
    print("\n=== 王调解员 presses [接单] ===", file=out)
    update = emulator.press(DEMO_MEDIATOR, card.message_id, data, chat_id=chat)
    query = update["callback_query"]["id"]
    await emulator.wait_for(lambda: emulator.callback_answer(query) is not None, 20)
    await emulator.wait_idle(quiet=0.3, timeout=20)
    answer = emulator.callback_answer(query) or {}
    print(f"  (toast) {answer.get('text')}", file=out)
    edited = next(m for m in emulator.messages(chat) if m.message_id == card.message_id)
    print("  " + plain(edited.text or "").replace("\n", "\n  "), file=out)
    async with core.db.transaction() as tx:
        case_id = await tx.outbox.case_for_message(chat, card.message_id)
        case = None if case_id is None else await tx.cases.by_id(case_id)
    if case is not None:
        told = emulator.last_message(case.reporter_telegram_id).text or ""
        print(f"  reporter is told > {plain(told)}", file=out)
