"""Fluent texts: completeness, ids used by the code, bidi isolation, plurals, escaping, dates.

Tests over every shipped locale live here on purpose: they fail while a translation
(bo, ug) is incomplete, and must pass before a release.
"""

from __future__ import annotations

import ast
import logging
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
import regex
from babel.dates import format_date, format_datetime
from fluent.syntax import FluentParser
from fluent.syntax import ast as fluent_ast

from bot.domain.models import CaseStatus, DisputeType, Language, PartyRole, Referral, RiskLevel
from bot.domain.routing import ROUTE_REASONS
from bot.flows.casework import Action
from bot.flows.intake import GROUPS
from bot.handlers.followups import CARRIED, SCORES
from bot.handlers.mediator import EVENT_KINDS
from bot.i18n import (
    ALL_LOCALES,
    FSI,
    LOCALES_DIR,
    LRI,
    PDI,
    SOURCE_LOCALE,
    Markup,
    Translator,
    UserText,
    format_amount,
    isolate_ltr_runs,
    pick_language,
)
from bot.locales_check import check_locales
from tests.unit.test_render import ALL_REPLIES, PREFIX, RENDERER, html_errors

BOT_DIR = Path(__file__).resolve().parents[2] / "bot"
ISOLATES = frozenset("\u2066\u2067\u2068\u2069")
TRANSLATOR = Translator()


def _variables(node: object, names: set[str]) -> set[str]:
    if isinstance(node, fluent_ast.VariableReference):
        names.add(node.id.name)
    if isinstance(node, fluent_ast.BaseNode):
        for value in vars(node).values():
            for child in value if isinstance(value, list) else [value]:
                _variables(child, names)
    return names


def _messages(locale: str) -> dict[str, set[str]]:
    """Message ids of a shipped locale with the variables each one uses."""
    found: dict[str, set[str]] = {}
    for path in sorted((LOCALES_DIR / locale).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        for entry in resource.body:
            if isinstance(entry, fluent_ast.Message):
                found[entry.id.name] = _variables(entry, set())
    return found


SOURCE_MESSAGES = _messages(SOURCE_LOCALE)

#: A plausible value for each placeholder name, with Latin text and digits in it so
#: isolation (or its absence) shows.
SAMPLE_ARGS: dict[str, object] = {
    "count": 3,
    "step": 2,
    "total": 9,
    "limit": 30,
    "days": 730,
    "number": "HD-2026-0001",
    "phone": "138****8000",
    "amount": Decimal(15000),
    "files": 2,
    "people": 5,
    "name": "Ali 马晓明",
    "other_name": "Wang 王老板",
    "operator": "Haidong Mediation Center",
    "contact": "help@example.org",
}


def sample_args(names: set[str]) -> dict[str, object]:
    return {name: SAMPLE_ARGS.get(name, f"x{name} 1") for name in names}


# ---- completeness ---------------------------------------------------------------------------


def test_check_locales_reports_no_problems() -> None:
    report = check_locales()
    assert report.problems == []
    assert report.ok


def test_check_locales_finds_problems(tmp_path: Path) -> None:
    (tmp_path / "zh").mkdir()
    (tmp_path / "zh" / "bot.ftl").write_text("a-b = 你好 { $name }\nc-d = 再见\n", "utf-8")
    (tmp_path / "bo").mkdir()
    (tmp_path / "bo" / "bot.ftl").write_text("a-b = hi { $who }\nx-y = extra\n= junk\n", "utf-8")
    problems = check_locales(tmp_path).problems
    assert any("bo: message c-d is missing" in p for p in problems)
    assert any("bo: message x-y is not in the zh source" in p for p in problems)
    assert any("bo: message a-b has placeholders who" in p for p in problems)
    assert any("syntax error" in p for p in problems)
    assert any(p.startswith("ug: no .ftl files") for p in problems)


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_every_message_formats_without_errors(
    locale: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="bot.i18n")
    for msg_id, names in SOURCE_MESSAGES.items():
        assert TRANSLATOR.has(locale, msg_id), f"{locale} lacks {msg_id}"
        TRANSLATOR(locale, msg_id, **sample_args(names))
    assert [record.getMessage() for record in caplog.records] == []


# ---- ids used by the code -------------------------------------------------------------------

_ID = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
#: Functions whose string arguments are message ids.
_ID_CALLS = {"Msg", "hint", "_step", "_typed"}


def _commands() -> tuple[str, ...]:
    from bot.telegram.runner import COMMANDS

    return COMMANDS


#: The f-string families (`Msg(f"dispute-type-{kind.value}")`) and what fills them in.
FAMILIES: dict[str, tuple[str, ...]] = {
    "dispute-type-": tuple(kind.value for kind in DisputeType),
    "party-role-": tuple(role.value for role in PartyRole),
    "button-edit-": tuple(GROUPS),
    "command-": _commands(),
    "button-": ("back", "cancel"),  # the reply-keyboard labels the handler compares with
    "case-action-": tuple(action.value for action in Action),
    "case-done-": tuple(action.value for action in Action),
    "case-status-": tuple(status.value for status in CaseStatus),
    "reporter-status-": tuple(status.value for status in CaseStatus),
    "risk-name-": tuple(level.value for level in RiskLevel),
    "referral-": tuple(referral.value for referral in Referral),
    "reporter-referral-": tuple(referral.value for referral in Referral),
    "route-reason-": (*ROUTE_REASONS, "transferred", "escalated", "none"),
    "prompt-": ("office", "reason", "note", "when", "place", "terms", "referral", "level"),
    "usage-": ("reply", "history"),
    "event-": EVENT_KINDS,
    "case-card-deadline-": ("claim", "resolve"),
    "case-card-task-": ("revisit", "phone", "supervision"),
    "followup-carried-": CARRIED,
    "followup-score-": SCORES,
}


def _ids_in(node: ast.expr) -> tuple[set[str], set[str]]:
    """Message ids a call argument can evaluate to, and f-string prefixes not understood."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return ({node.value} if _ID.match(node.value) else set()), set()
    if isinstance(node, ast.IfExp):
        body, unknown_body = _ids_in(node.body)
        orelse, unknown_else = _ids_in(node.orelse)
        return body | orelse, unknown_body | unknown_else
    if isinstance(node, ast.JoinedStr):
        first = node.values[0]
        prefix = first.value if isinstance(first, ast.Constant) else ""
        if prefix in FAMILIES and len(node.values) == 2:
            return {prefix + suffix for suffix in FAMILIES[prefix]}, set()
        return set(), {ast.unparse(node)}
    return set(), set()


@cache
def referenced_ids() -> tuple[dict[str, list[str]], set[str]]:
    where: dict[str, list[str]] = {}
    unknown: set[str] = set()
    for path in sorted(BOT_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in _ID_CALLS:
                continue
            for arg in node.args:
                found, strange = _ids_in(arg)
                unknown |= strange
                for msg_id in found:
                    where.setdefault(msg_id, []).append(f"{path.name}:{node.lineno}")
    return where, unknown


def test_the_scan_finds_the_code_s_message_ids() -> None:
    where, unknown = referenced_ids()
    assert unknown == set(), "extend FAMILIES for these f-string message ids"
    assert {
        "intake-emergency",
        "intake-hint-name",  # passed to _typed
        "language-option-selected",  # in a conditional expression
        "dispute-type-neighbours",
        "party-role-landlord",
        "button-edit-outcome",
        "command-help",
        "button-back",
        "draft-reminder",
        "intake-submitted-urgent",
    } <= set(where)
    assert len(where) > 80


def test_every_message_id_used_in_the_code_exists_in_the_source_locale() -> None:
    where, _ = referenced_ids()
    missing = {msg_id: places for msg_id, places in where.items() if msg_id not in SOURCE_MESSAGES}
    assert missing == {}


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_every_message_is_valid_telegram_html(locale: str) -> None:
    invalid = {}
    for msg_id, names in SOURCE_MESSAGES.items():
        text = TRANSLATOR(locale, msg_id, **sample_args(names))
        if errors := html_errors(text):
            invalid[msg_id] = errors
    assert invalid == {}


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_every_intake_reply_renders_in_every_locale(locale: str) -> None:
    for state, reply in ALL_REPLIES:
        payload = RENDERER.payload(locale, reply, PREFIX)
        assert html_errors(payload["text"]) == [], (state, payload["text"])
        for row in payload.get("inline_keyboard", []):
            assert all(button["text"].strip() for button in row)


# ---- bidi isolation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("دېلو HD-2026-0001", f"دېلو {LRI}HD-2026-0001{PDI}"),  # a case number
        ("تېلېفون 138****8000", f"تېلېفون {LRI}138****8000{PDI}"),  # a masked phone
        ("8613800138000 نومۇر", f"{LRI}8613800138000{PDI} نومۇر"),
        ("15,000 يۈەن.", f"{LRI}15,000{PDI} يۈەن."),  # the full stop stays outside
        ("/new نى ئەۋەتىڭ", f"{LRI}/new{PDI} نى ئەۋەتىڭ"),  # a command keeps its slash
        ("Telegram نىڭ", f"{LRI}Telegram{PDI} نىڭ"),
        ("14:05 دە", f"{LRI}14:05{PDI} دە"),
        ("50%", f"{LRI}50%{PDI}"),
        ("ئۇيغۇرچە", "ئۇيغۇرچە"),  # nothing to isolate
        ("", ""),
    ],
)
def test_isolate_ltr_runs(text: str, expected: str) -> None:
    assert isolate_ltr_runs(text) == expected


@pytest.mark.parametrize(
    "markup",
    [
        "<b>",
        "</b>",
        "<i>",
        '<a href="https://t.me/mediation_bot?start=case42">',
        '<pre><code class="language-python">',
        "&amp;",
        "&lt;",
        "&#8206;",
    ],
)
def test_isolation_never_touches_html_tags_or_entities(markup: str) -> None:
    text = f"دېلو {markup}A1{markup} ok"
    assert isolate_ltr_runs(text) == f"دېلو {markup}{LRI}A1{PDI}{markup} {LRI}ok{PDI}"


@pytest.mark.parametrize(
    ("text", "run"),
    [
        ("ئىسمى: Ali Ahmet", "Ali Ahmet"),  # a Latin name typed by the reporter
        ("ئالاقە: +86 971 812 3456", "+86 971 812 3456"),  # an operator's phone
        ("نومۇر +8613800138000", "+8613800138000"),
        ("Haidong Mediation Center تەرىپىدىن", "Haidong Mediation Center"),
    ],
)
def test_a_multi_word_latin_phrase_is_isolated_as_one_run(text: str, run: str) -> None:
    assert f"{LRI}{run}{PDI}" in isolate_ltr_runs(text)


def test_already_isolated_user_text_is_not_isolated_again() -> None:
    text = f"ئىسىم {FSI}Ali 42{PDI} ۋە 7"
    assert isolate_ltr_runs(text) == f"ئىسىم {FSI}Ali 42{PDI} ۋە {LRI}7{PDI}"
    assert isolate_ltr_runs(isolate_ltr_runs(text)) == isolate_ltr_runs(text)


def test_uyghur_case_number_and_phone_are_isolated() -> None:
    submitted = TRANSLATOR("ug", "intake-submitted", number="HD-2026-0001")
    assert f"{LRI}HD-2026-0001{PDI}" in submitted
    assert submitted.count("<b>") == submitted.count("</b>") == 2  # tags untouched
    saved = TRANSLATOR("ug", "intake-phone-saved", phone="138****8000")
    assert f"{LRI}138****8000{PDI}" in saved


_TAG = regex.compile(r"<[^>]*>")
_ISOLATED = regex.compile(r"[\u2066\u2068][^\u2066-\u2069]*\u2069")
_ENTITY = regex.compile(r"&#?\w+;")


@pytest.mark.parametrize("msg_id", sorted(SOURCE_MESSAGES))
def test_uyghur_isolates_every_latin_and_number_run(msg_id: str) -> None:
    text = TRANSLATOR("ug", msg_id, **sample_args(SOURCE_MESSAGES[msg_id]))
    for tag in _TAG.findall(text):
        assert not ISOLATES & set(tag), f"isolate inside the tag {tag!r}"
    bare = _ISOLATED.sub("", _ENTITY.sub("", _TAG.sub("", text)))
    assert regex.findall(r"[A-Za-z0-9]+", bare) == []
    assert text.count(LRI) + text.count(FSI) == text.count(PDI)


@pytest.mark.parametrize("locale", ["zh", "bo", "en"])
def test_left_to_right_locales_have_no_bidi_isolates(locale: str) -> None:
    for msg_id, names in SOURCE_MESSAGES.items():
        args = sample_args(names)
        args.update({name: UserText("Ali 42") for name in ("name", "other_name") if name in names})
        text = TRANSLATOR(locale, msg_id, **args)
        assert not ISOLATES & set(text), (msg_id, text)


def test_user_text_is_first_strong_isolated_only_in_uyghur() -> None:
    user = UserText("Ali <42>")
    assert TRANSLATOR("ug", "intake-phone-saved", phone=user).endswith(f"{FSI}Ali &lt;42&gt;{PDI}")
    assert TRANSLATOR("zh", "intake-phone-saved", phone=user) == "已记录手机号：Ali &lt;42&gt;"


# ---- plurals --------------------------------------------------------------------------------


def make_locales(tmp_path: Path, files: dict[str, str]) -> Translator:
    for locale, source in files.items():
        (tmp_path / locale).mkdir(parents=True, exist_ok=True)
        (tmp_path / locale / "bot.ftl").write_text(source, encoding="utf-8")
    return Translator(tmp_path)


ONE, OTHER = "بىرلىك", "كۆپلۈك"  # not Latin, so no isolate around the variant itself
PLURAL_FTL = f"""
files = {{ $count ->
    [one] {ONE} {{ $count }}
   *[other] {OTHER} {{ $count }}
}}
"""


@pytest.mark.parametrize(
    ("locale", "count", "variant"),
    [
        ("ug", 1, ONE),
        ("ug", 0, OTHER),
        ("ug", 2, OTHER),
        ("ug", 21, OTHER),
        ("en", 1, ONE),
        ("en", 2, OTHER),
        ("zh", 1, OTHER),  # Chinese has no singular form
        ("bo", 1, OTHER),
    ],
)
def test_plural_category_per_locale(tmp_path: Path, locale: str, count: int, variant: str) -> None:
    translator = make_locales(tmp_path, dict.fromkeys(ALL_LOCALES, PLURAL_FTL))
    text = translator(locale, "files", count=count)
    assert text.split()[0] == variant
    expected_number = f"{LRI}{count}{PDI}" if locale == "ug" else str(count)
    assert text.endswith(expected_number)


def test_real_uyghur_count_selectors_pick_exact_and_other_variants() -> None:
    assert TRANSLATOR("ug", "people-option", count=1) != TRANSLATOR("ug", "people-option", count=5)
    story0 = TRANSLATOR("ug", "intake-ask-story", count=0)
    story2 = TRANSLATOR("ug", "intake-ask-story", count=2)
    assert f"{LRI}2{PDI}" in story2
    assert story2.startswith(story0.rstrip())


# ---- escaping -------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_user_text_arguments_are_html_escaped(locale: str) -> None:
    text = TRANSLATOR(locale, "intake-phone-saved", phone="<script>alert('x')</script> & co")
    text = "".join(char for char in text if char not in ISOLATES)  # Uyghur isolates "script"
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "&amp; co" in text


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_markup_arguments_are_not_escaped(locale: str) -> None:
    text = TRANSLATOR(locale, "language-option", name=Markup("<b>中文</b> &amp;"))
    assert "<b>中文</b> &amp;" in text


def test_numbers_stay_numbers_and_amounts_are_grouped() -> None:
    assert TRANSLATOR("zh", "amount-yuan", amount=Decimal(15000)) == "15,000 元"
    assert TRANSLATOR("zh", "amount-yuan", amount=Decimal("3000.50")) == "3,000.5 元"
    assert (
        TRANSLATOR("zh", "intake-story-full", limit=30) == "最多可以发送 30 条，请点“说完了”继续。"
    )


@pytest.mark.parametrize(
    ("amount", "locale", "text"),
    [
        (Decimal(15000), "zh", "15,000"),
        (Decimal("15000.00"), "zh", "15,000"),
        (Decimal("0.5"), "zh", "0.5"),
        (Decimal(1_000_000_000), "en", "1,000,000,000"),
        (Decimal(15000), "xx", "15,000"),  # unknown locales format as the source
    ],
)
def test_format_amount(amount: Decimal, locale: str, text: str) -> None:
    assert format_amount(amount, locale) == text


# ---- dates ----------------------------------------------------------------------------------

DATE_FTL = "when = { $when }\n"


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_dates_use_babel_long_format(tmp_path: Path, locale: str) -> None:
    translator = make_locales(tmp_path, dict.fromkeys(ALL_LOCALES, DATE_FTL))
    day = date(2026, 11, 30)
    expected = format_date(day, "long", locale=locale)
    if locale == "ug":
        expected = isolate_ltr_runs(expected)
    assert translator(locale, "when", when=day) == expected


@pytest.mark.parametrize(
    ("locale", "text"),
    [("zh", "2026年11月30日"), ("en", "November 30, 2026")],
)
def test_long_dates_read_naturally(tmp_path: Path, locale: str, text: str) -> None:
    translator = make_locales(tmp_path, dict.fromkeys(ALL_LOCALES, DATE_FTL))
    assert translator(locale, "when", when=date(2026, 11, 30)) == text


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_datetimes_use_babel_medium_format(tmp_path: Path, locale: str) -> None:
    translator = make_locales(tmp_path, dict.fromkeys(ALL_LOCALES, DATE_FTL))
    moment = datetime(2026, 11, 30, 14, 5)
    expected = format_datetime(moment, "medium", locale=locale)
    if locale == "ug":
        expected = isolate_ltr_runs(expected)
    assert translator(locale, "when", when=moment) == expected


# ---- fallbacks and language choice ----------------------------------------------------------


def test_missing_message_falls_back_to_the_source_and_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    translator = make_locales(
        tmp_path, {"zh": "hello = 你好 { $n }\nonly-zh = 只有中文\n", "ug": "hello = سالام\n"}
    )
    with caplog.at_level(logging.ERROR, logger="bot.i18n"):
        assert translator("ug", "only-zh") == "只有中文"
    assert "missing message only-zh in ug" in caplog.text
    assert translator("fr", "hello", n=1) == "你好 1"  # unknown locale: the source
    assert not translator.has("ug", "only-zh")
    assert translator.has("zh", "only-zh")


def test_missing_everywhere_raises(tmp_path: Path) -> None:
    translator = make_locales(tmp_path, {"zh": "hello = 你好\n"})
    with pytest.raises(LookupError):
        translator("zh", "nope")


@pytest.mark.parametrize(
    ("code", "language"),
    [
        (None, Language.ZH),
        ("", Language.ZH),
        ("zh", Language.ZH),
        ("zh-hans", Language.ZH),
        ("zh_CN", Language.ZH),
        ("ZH-Hant", Language.ZH),
        ("bo", Language.BO),
        ("bo-CN", Language.BO),
        ("ug", Language.UG),
        ("ug-Arab-CN", Language.UG),
        ("en", Language.ZH),  # English is for maintainers only
        ("ru", Language.ZH),
    ],
)
def test_pick_language(code: str | None, language: Language) -> None:
    assert pick_language(code) is language


def test_pick_language_default_can_be_changed() -> None:
    assert pick_language("fr", Language.UG) is Language.UG
