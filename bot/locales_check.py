"""Completeness and syntax checks of the Fluent files (`mediation-bot locales-check`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fluent.syntax import FluentParser, ast, visitor

from bot.i18n import ALL_LOCALES, LOCALES_DIR, SOURCE_LOCALE

_KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class _Placeholders(visitor.Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)
        self.generic_visit(node)


@dataclass
class LocaleReport:
    """Problems found in the locale files; empty when all is well."""

    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems


def _messages(locale: str, locales_dir: Path, report: LocaleReport) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    files = sorted((locales_dir / locale).glob("*.ftl"))
    if not files:
        report.problems.append(f"{locale}: no .ftl files in {locales_dir / locale}")
    parser = FluentParser()
    for path in files:
        resource = parser.parse(path.read_text(encoding="utf-8"))
        for entry in resource.body:
            if isinstance(entry, ast.Junk):
                content = (entry.content or "").strip()
                first = content.splitlines()[0] if content else ""
                report.problems.append(f"{path}: syntax error near {first!r}")
            elif isinstance(entry, ast.Message):
                name = entry.id.name
                if name in found:
                    report.problems.append(f"{path}: message {name} defined twice")
                if not _KEBAB.match(name):
                    report.problems.append(f"{path}: message id {name} is not kebab-case")
                if entry.value is None:
                    report.problems.append(f"{path}: message {name} has no value")
                collector = _Placeholders()
                collector.visit(entry)
                found[name] = collector.names
    return found


def check_locales(locales_dir: Path = LOCALES_DIR) -> LocaleReport:
    """Compare every locale with the Chinese source: ids, placeholders, syntax."""
    report = LocaleReport()
    source = _messages(SOURCE_LOCALE, locales_dir, report)
    for locale in ALL_LOCALES:
        if locale == SOURCE_LOCALE:
            continue
        other = _messages(locale, locales_dir, report)
        for name in sorted(set(source) - set(other)):
            report.problems.append(f"{locale}: message {name} is missing")
        for name in sorted(set(other) - set(source)):
            report.problems.append(f"{locale}: message {name} is not in the {SOURCE_LOCALE} source")
        for name in sorted(set(source) & set(other)):
            if source[name] != other[name]:
                expected = ", ".join(sorted(source[name])) or "none"
                got = ", ".join(sorted(other[name])) or "none"
                report.problems.append(
                    f"{locale}: message {name} has placeholders {got}, the source has {expected}"
                )
    return report
