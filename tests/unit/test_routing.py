"""Routing a case to the office that handles it and the offices that are told."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from bot.domain.models import DisputeType, Language, RiskLevel
from bot.domain.offices import Office, OfficeDirectory, OfficeKind, load_offices
from bot.domain.places import DEFAULT_CITIES, DEFAULT_COUNTIES
from bot.domain.routing import ROUTE_REASONS, CaseFacts, Route, RouteRole, escalation_target, route

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "offices.example.toml"

ZH, BO, UG = Language.ZH, Language.BO, Language.UG
BLUE, YELLOW, RED = RiskLevel.BLUE, RiskLevel.YELLOW, RiskLevel.RED
D = DisputeType


def _office(
    code: str,
    kind: OfficeKind,
    *,
    cities: tuple[str, ...] = (),
    counties: tuple[str, ...] = (),
    types: tuple[DisputeType, ...] = (),
    languages: tuple[Language, ...] = (ZH,),
    parent: str | None = "root",
) -> Office:
    return Office(
        code=code,
        name=code,
        kind=kind,
        cities=frozenset(cities),
        counties=frozenset(counties),
        dispute_types=frozenset(types),
        languages=frozenset(languages),
        parent=parent,
    )


K = OfficeKind
OFFICES = OfficeDirectory(
    [
        _office("root", K.COORDINATION, languages=(ZH, BO), parent=None),
        _office("hl-centre", K.CENTRE, counties=("化隆县",), languages=(ZH, BO)),
        # Two centres for one county: the reporter's language picks between them.
        _office("xh-centre-a", K.CENTRE, counties=("循化县",)),
        _office("xh-centre-b", K.CENTRE, counties=("循化县",), languages=(ZH, UG)),
        # A centre that does not take family disputes.
        _office("mh-centre", K.CENTRE, counties=("民和县",), types=(D.WAGES, D.DEBT)),
        _office("gz-a", K.SERVICE, cities=("广州市",)),
        _office("gz-b", K.SERVICE, cities=("广州市",), languages=(ZH, BO)),
        _office("sz", K.SERVICE, cities=("深圳市",), languages=(ZH, UG)),
        # A service office restricted to rent disputes.
        _office("wh", K.SERVICE, cities=("武汉市",), types=(D.RENT,)),
        _office("gz-labour", K.COMMITTEE, cities=("广州市",), types=(D.WAGES,)),
        # A general committee: it does not list wages, so it is no labour committee.
        _office("sz-general", K.COMMITTEE, cities=("深圳市",)),
        _office("gz-consumer", K.SPECIALISED, cities=("广州市",), types=(D.CONSUMER,)),
        _office("sz-supplier", K.SPECIALISED, cities=("深圳市",), types=(D.SUPPLIER,)),
    ]
)

Row = tuple[DisputeType, str, str, Language, RiskLevel, str, tuple[str, ...], str, bool]

ROWS: list[tuple[str, Row]] = [
    # Rule 1: family at home, the host office told.
    ("family", (D.FAMILY, "广州市", "化隆县", ZH, YELLOW,
                "hl-centre", ("gz-a",), "family-at-home", True)),
    ("family-loose-names", (D.FAMILY, "广州", "化隆回族自治县", BO, YELLOW,
                            "hl-centre", ("gz-b",), "family-at-home", True)),
    ("family-ug-centre", (D.FAMILY, "广州市", "循化县", UG, YELLOW,
                          "xh-centre-b", ("gz-a",), "family-at-home", True)),
    ("family-zh-file-order", (D.FAMILY, "广州市", "循化撒拉族自治县", ZH, YELLOW,
                              "xh-centre-a", ("gz-a",), "family-at-home", True)),
    ("family-no-host-office", (D.FAMILY, "北京市", "化隆县", ZH, YELLOW,
                               "hl-centre", (), "family-at-home", True)),
    ("family-centre-refuses", (D.FAMILY, "广州市", "民和县", ZH, YELLOW,
                               "gz-a", ("mh-centre",), "family-no-centre", True)),
    ("family-no-centre", (D.FAMILY, "广州市", "互助县", BO, YELLOW,
                          "gz-b", (), "family-no-centre", True)),
    ("family-nothing", (D.FAMILY, "北京市", "互助县", ZH, YELLOW,
                        "root", (), "no-match", True)),
    # Rule 2: wages to a labour committee, the home centre told.
    ("wages", (D.WAGES, "广州市", "化隆县", ZH, BLUE,
               "gz-labour", ("hl-centre",), "labour-committee", True)),
    ("wages-bo-no-bo-committee", (D.WAGES, "广州", "化隆县", BO, BLUE,
                                  "gz-labour", ("hl-centre",), "labour-committee", False)),
    ("wages-general-committee", (D.WAGES, "深圳市", "化隆县", ZH, BLUE,
                                 "sz", ("hl-centre",), "host-city", True)),
    ("wages-no-committee", (D.WAGES, "南京市", "民和县", ZH, BLUE,
                            "root", ("mh-centre",), "no-match", True)),
    # Rule 3: consumer disputes to a consumer team.
    ("consumer", (D.CONSUMER, "广州市", "循化县", UG, BLUE,
                  "gz-consumer", ("xh-centre-b",), "consumer-team", False)),
    ("consumer-team-not-consumer", (D.CONSUMER, "深圳市", "循化县", UG, BLUE,
                                    "sz", ("xh-centre-b",), "host-city", True)),
    # Rule 4: the host-city service office.
    ("host", (D.RENT, "广州市", "化隆县", ZH, BLUE,
              "gz-a", ("hl-centre",), "host-city", True)),
    ("host-bo-prefers-bo", (D.RENT, "广州市", "化隆县", BO, BLUE,
                            "gz-b", ("hl-centre",), "host-city", True)),
    ("host-ug-stays-in-city", (D.RENT, "广州市", "化隆县", UG, BLUE,
                               "gz-a", ("hl-centre",), "host-city", False)),
    ("host-no-home-centre", (D.DEBT, "深圳市", "乐都区", UG, BLUE,
                             "sz", (), "host-city", True)),
    ("host-restricted-takes", (D.RENT, "武汉市", "化隆县", ZH, BLUE,
                               "wh", ("hl-centre",), "host-city", True)),
    ("supplier-not-specialist", (D.SUPPLIER, "深圳市", "化隆县", ZH, BLUE,
                                 "sz", ("hl-centre",), "host-city", True)),
    # Rule 5: nothing fits, coordination handles and everyone found is told.
    ("host-restricted-refuses", (D.DEBT, "武汉市", "化隆县", ZH, BLUE,
                                 "root", ("hl-centre", "wh"), "no-match", True)),
    ("no-host-office", (D.DEBT, "上海市", "化隆县", ZH, BLUE,
                        "root", ("hl-centre",), "no-match", True)),
    ("unknown-places", (D.OTHER, "", "", UG, BLUE,
                        "root", (), "no-match", False)),
    # Rule 6: red cases reach coordination at once, last.
    ("red-host", (D.RENT, "广州市", "化隆县", ZH, RED,
                  "gz-a", ("hl-centre", "root"), "host-city", True)),
    ("red-family", (D.FAMILY, "广州市", "化隆县", BO, RED,
                    "hl-centre", ("gz-b", "root"), "family-at-home", True)),
    ("red-wages-bo", (D.WAGES, "广州市", "化隆县", BO, RED,
                      "gz-labour", ("hl-centre", "root"), "labour-committee", False)),
    ("red-consumer", (D.CONSUMER, "广州市", "互助县", ZH, RED,
                      "gz-consumer", ("root",), "consumer-team", True)),
    ("red-no-match-not-doubled", (D.DEBT, "武汉市", "化隆县", BO, RED,
                                  "root", ("hl-centre", "wh"), "no-match", True)),
    ("yellow-no-alert", (D.NEIGHBOURS, "深圳市", "循化县", ZH, YELLOW,
                         "sz", ("xh-centre-a",), "host-city", True)),
]  # fmt: skip


@pytest.mark.parametrize("row", [row for _, row in ROWS], ids=[name for name, _ in ROWS])
def test_route_table(row: Row) -> None:
    kind, city, county, language, risk, handler, informed, reason, language_match = row
    result = route(CaseFacts(kind, city, county, language, risk), OFFICES)
    assert (result.handler, result.informed, result.reason, result.language_match) == (
        handler,
        informed,
        reason,
        language_match,
    )


def test_red_case_alerts_coordination() -> None:
    result = route(CaseFacts(D.RENT, "广州市", "化隆县", ZH, RED), OFFICES)
    assert result == Route("gz-a", ("hl-centre", "root"), "host-city", True, alert="root")
    assert result.recipients() == (
        ("gz-a", RouteRole.HANDLE),
        ("hl-centre", RouteRole.INFORM),
        ("root", RouteRole.ALERT),
    )


def test_red_case_handled_by_coordination_has_no_alert() -> None:
    result = route(CaseFacts(D.DEBT, "上海市", "化隆县", ZH, RED), OFFICES)
    assert result.alert is None
    assert result.recipients() == (("root", RouteRole.HANDLE), ("hl-centre", RouteRole.INFORM))


def test_routing_the_example_file_never_fails() -> None:
    offices = load_offices(EXAMPLE.read_text(encoding="utf-8"))
    root = offices.coordination().code
    cities = ["", "不存在市", *(c.zh for c in DEFAULT_CITIES), *(o for o in _cities(offices))]
    counties = [
        "",
        *(c.zh for c in DEFAULT_COUNTIES),
        *(a for c in DEFAULT_COUNTIES for a in c.aliases),
    ]
    for kind, city, county, language, risk in itertools.product(
        DisputeType, cities, counties, Language, RiskLevel
    ):
        facts = CaseFacts(kind, city, county, language, risk)
        result = route(facts, offices)
        handler = offices.get(result.handler)
        assert handler is not None, facts
        assert result.language_match is handler.speaks(language)
        assert result.handler not in result.informed
        assert len(set(result.informed)) == len(result.informed)
        assert all(code in offices for code in result.informed)
        if risk is RiskLevel.RED and result.handler != root:
            assert result.informed[-1] == root
            assert result.alert == root
        else:
            assert result.alert is None
            assert root not in result.informed
        assert result.reason in ROUTE_REASONS


def _cities(offices: OfficeDirectory) -> set[str]:
    return {city for office in offices for city in office.cities}


@pytest.mark.parametrize(
    ("kind", "city", "county", "language", "handler", "reason"),
    [
        (D.WAGES, "深圳市", "化隆县", ZH, "gd-labour-committee", "labour-committee"),
        (D.CONSUMER, "广州市", "循化县", UG, "gz-consumer-team", "consumer-team"),
        (D.FAMILY, "上海市", "循化县", UG, "xunhua-centre", "family-at-home"),
        (D.FAMILY, "上海市", "互助县", UG, "sh-service", "family-no-centre"),
        (D.RENT, "武汉市", "民和县", BO, "wh-service", "host-city"),
        (D.DEBT, "北京市", "化隆县", ZH, "haidong-coordination", "no-match"),
    ],
)
def test_example_file_routes(
    kind: DisputeType, city: str, county: str, language: Language, handler: str, reason: str
) -> None:
    offices = load_offices(EXAMPLE.read_text(encoding="utf-8"))
    result = route(CaseFacts(kind, city, county, language, BLUE), offices)
    assert (result.handler, result.reason) == (handler, reason)


def test_the_table_covers_every_listed_reason() -> None:
    """Each reason the card has a text for is reached by some row, and no other is."""
    assert {row[7] for _, row in ROWS} == set(ROUTE_REASONS)


@pytest.mark.parametrize(
    ("handler", "county", "expected"),
    [
        ("gz-a", "化隆县", "hl-centre"),  # host office → the reporter's home-county centre
        ("gz-a", "互助县", "root"),  # no centre for the county → the office's parent
        ("hl-centre", "化隆县", "root"),  # centre → coordination
        ("root", "化隆县", None),  # the top
        ("gone", "化隆县", "root"),  # an office no longer in the file → coordination
    ],
)
def test_escalation_ladder(handler: str, county: str, expected: str | None) -> None:
    target = escalation_target(handler, county, OFFICES)
    assert (None if target is None else target.code) == expected
