"""Mediation offices: who covers which host city or home county, and the escalation ladder."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from bot.domain.models import DisputeType, Language
from bot.domain.places import place_key

_CODE = re.compile(r"[a-z0-9-]{2,32}")
_FIELDS = frozenset(
    {"code", "name", "kind", "cities", "counties", "dispute_types", "languages", "parent"}
)
_REQUIRED = ("code", "name", "kind")
_E = TypeVar("_E", bound=StrEnum)

#: A JSON-able description of one office, as the database sync stores and compares it.
OfficeDict = dict[str, str | list[str] | None]


class OfficeKind(StrEnum):
    """What sort of body an office is."""

    SERVICE = "service"  # 驻外办事处: host-city service office of the home prefecture
    COMMITTEE = "committee"  # 人民调解委员会, e.g. a labour-dispute mediation committee
    CENTRE = "centre"  # 县级矛盾纠纷调处化解中心 (矛调中心) of a home county
    SPECIALISED = "specialised"  # e.g. a 市场监管 consumer-complaint team
    COORDINATION = "coordination"  # city/prefecture coordination centre, top of the ladder


class OfficeConfigError(ValueError):
    """The office configuration is invalid; the message names the office and field."""


@dataclass(frozen=True)
class Office:
    """A body whose mediators can handle or be told about cases."""

    code: str
    name: str
    kind: OfficeKind
    cities: frozenset[str] = frozenset()
    counties: frozenset[str] = frozenset()
    # Empty means the office takes every type of dispute.
    dispute_types: frozenset[DisputeType] = frozenset()
    languages: frozenset[Language] = frozenset({Language.ZH})
    parent: str | None = None

    def covers_city(self, city: str) -> bool:
        """Whether the office covers this host city, compared loosely (广州 = 广州市)."""
        return _covers(self.cities, city)

    def covers_county(self, county: str) -> bool:
        """Whether the office covers this home county, compared loosely (化隆 = 化隆回族自治县)."""
        return _covers(self.counties, county)

    def handles(self, dispute_type: DisputeType) -> bool:
        """Whether the office takes this type of dispute."""
        return not self.dispute_types or dispute_type in self.dispute_types

    def speaks(self, language: Language) -> bool:
        """Whether the office's mediators speak this language."""
        return language in self.languages

    def as_dict(self) -> OfficeDict:
        """A JSON-able form with sorted lists, for storing and comparing."""
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind.value,
            "cities": sorted(self.cities),
            "counties": sorted(self.counties),
            "dispute_types": sorted(item.value for item in self.dispute_types),
            "languages": sorted(item.value for item in self.languages),
            "parent": self.parent,
        }


def _covers(names: Iterable[str], typed: str) -> bool:
    # Only place_key, not the PlaceCatalogue: cases store the Chinese name, and
    # place_key already drops 市/县/区 and the 自治县 suffixes of the official names.
    key = place_key(typed)
    return bool(key) and any(place_key(name) == key for name in names)


class OfficeDirectory:
    """The configured offices in file order, validated as one escalation tree."""

    __slots__ = ("_by_code", "_offices", "_root")

    def __init__(self, offices: Iterable[Office]) -> None:
        self._offices = tuple(offices)
        self._by_code: dict[str, Office] = {}
        for office in self._offices:
            _check_office(office)
            if office.code in self._by_code:
                raise OfficeConfigError(f"office {office.code!r}: duplicate code")
            self._by_code[office.code] = office
        self._root = self._check_tree()

    def _check_tree(self) -> Office:
        for office in self._offices:
            if office.parent is not None and office.parent not in self._by_code:
                raise OfficeConfigError(
                    f"office {office.code!r}: parent {office.parent!r} does not exist"
                )
        for office in self._offices:
            seen = {office.code}
            current = office
            while current.parent is not None:
                if current.parent in seen:
                    raise OfficeConfigError(
                        f"office {office.code!r}: parents form a cycle through {current.parent!r}"
                    )
                seen.add(current.parent)
                current = self._by_code[current.parent]
        roots = [office for office in self._offices if office.parent is None]
        if not roots:
            raise OfficeConfigError("no root office: one coordination office needs no parent")
        if len(roots) > 1:
            codes = ", ".join(repr(office.code) for office in roots)
            raise OfficeConfigError(f"more than one root office (no parent): {codes}")
        root = roots[0]
        if root.kind is not OfficeKind.COORDINATION:
            raise OfficeConfigError(
                f"office {root.code!r}: the root (no parent) must be of kind coordination"
            )
        return root

    def __iter__(self) -> Iterator[Office]:
        return iter(self._offices)

    def __len__(self) -> int:
        return len(self._offices)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Office | None:
        """The office with this code, if any."""
        return self._by_code.get(code)

    def parent(self, code: str) -> Office | None:
        """The next office up from this one; None for the top. KeyError for an unknown code."""
        parent = self._by_code[code].parent
        return None if parent is None else self._by_code[parent]

    def ladder(self, code: str) -> tuple[Office, ...]:
        """This office, its parent, grandparent … up to the top. KeyError for an unknown code."""
        chain = [self._by_code[code]]
        while (parent := chain[-1].parent) is not None:
            chain.append(self._by_code[parent])
        return tuple(chain)

    def coordination(self) -> Office:
        """The top coordination office, where every ladder ends."""
        return self._root

    def as_dicts(self) -> tuple[OfficeDict, ...]:
        """Every office as a JSON-able dict, in file order."""
        return tuple(office.as_dict() for office in self._offices)


def _check_office(office: Office) -> None:
    if not _CODE.fullmatch(office.code):
        raise OfficeConfigError(f"office {office.code!r}: code must match [a-z0-9-]{{2,32}}")
    if not office.name.strip():
        raise OfficeConfigError(f"office {office.code!r}: name is empty")
    if office.kind is OfficeKind.SERVICE and not office.cities:
        raise OfficeConfigError(f"office {office.code!r}: a service office needs cities")
    if office.kind is OfficeKind.CENTRE and not office.counties:
        raise OfficeConfigError(f"office {office.code!r}: a centre needs counties")
    if not office.languages:
        raise OfficeConfigError(f"office {office.code!r}: languages is empty")


def load_offices(text: str) -> OfficeDirectory:
    """Parse and validate an offices TOML document ([[offices]] tables)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise OfficeConfigError(f"invalid TOML: {exc}") from exc
    unknown = sorted(set(data) - {"offices"})
    if unknown:
        raise OfficeConfigError(f"unknown top-level keys: {', '.join(unknown)}")
    tables = data.get("offices", [])
    if not isinstance(tables, list):
        raise OfficeConfigError("offices must be an array of tables ([[offices]])")
    return OfficeDirectory(_parse_office(index, table) for index, table in enumerate(tables))


def directory_from_dicts(dicts: Iterable[Mapping[str, object]]) -> OfficeDirectory:
    """Rebuild a directory from `as_dicts()` output (as stored by `offices sync`)."""
    return OfficeDirectory(_parse_office(index, dict(table)) for index, table in enumerate(dicts))


def _parse_office(index: int, table: object) -> Office:
    if not isinstance(table, dict):
        raise OfficeConfigError(f"offices[{index}]: must be a table")
    code = table.get("code")
    # Until the code is known to be a string, the position is the best name for the office.
    where = f"office {code!r}" if isinstance(code, str) else f"offices[{index}]"
    unknown = sorted(set(table) - _FIELDS)
    if unknown:
        raise OfficeConfigError(f"{where}: unknown keys: {', '.join(unknown)}")
    for key in _REQUIRED:
        if key not in table:
            raise OfficeConfigError(f"{where}: missing {key!r}")
    code = _string(table, "code", where)
    name = _string(table, "name", where)
    kind_text = _string(table, "kind", where)
    try:
        kind = OfficeKind(kind_text)
    except ValueError:
        raise OfficeConfigError(f"{where}: unknown kind {kind_text!r}") from None
    parent = table.get("parent")
    if parent is not None:
        parent = _string(table, "parent", where)
    return Office(
        code=code,
        name=name,
        kind=kind,
        cities=frozenset(_strings(table, "cities", where)),
        counties=frozenset(_strings(table, "counties", where)),
        dispute_types=frozenset(_enums(table, "dispute_types", where, DisputeType)),
        languages=frozenset(_enums(table, "languages", where, Language, default=("zh",))),
        parent=parent,
    )


def _string(table: Mapping[str, object], key: str, where: str) -> str:
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise OfficeConfigError(f"{where}: {key} must be a non-empty string")
    return value.strip()


def _strings(
    table: Mapping[str, object], key: str, where: str, default: tuple[str, ...] = ()
) -> list[str]:
    value = table.get(key, list(default))
    if not isinstance(value, list):
        raise OfficeConfigError(f"{where}: {key} must be a list of strings")
    items: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise OfficeConfigError(f"{where}: {key} must be a list of non-empty strings")
        items.append(item.strip())
    return items


def _enums(
    table: Mapping[str, object],
    key: str,
    where: str,
    enum: type[_E],
    default: tuple[str, ...] = (),
) -> list[_E]:
    items: list[_E] = []
    for item in _strings(table, key, where, default):
        try:
            items.append(enum(item))
        except ValueError:
            raise OfficeConfigError(f"{where}: unknown {key} value {item!r}") from None
    return items
