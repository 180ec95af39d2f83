"""Office configuration: loading, validation, the escalation ladder, loose place matching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.domain.models import DisputeType, Language
from bot.domain.offices import (
    Office,
    OfficeConfigError,
    OfficeDirectory,
    OfficeKind,
    load_offices,
)
from bot.domain.places import DEFAULT_CITIES, DEFAULT_COUNTIES

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "offices.example.toml"

ROOT = """
[[offices]]
code = "root"
name = "海东市矛盾纠纷调处化解中心"
kind = "coordination"
"""


def example() -> OfficeDirectory:
    return load_offices(EXAMPLE.read_text(encoding="utf-8"))


def test_example_file_loads_with_the_required_offices() -> None:
    offices = example()
    root = offices.coordination()
    assert root.kind is OfficeKind.COORDINATION
    assert root.parent is None
    by_kind: dict[OfficeKind, list[Office]] = {}
    for office in offices:
        by_kind.setdefault(office.kind, []).append(office)
    service_cities = {city for office in by_kind[OfficeKind.SERVICE] for city in office.cities}
    assert {"广州市", "深圳市", "武汉市", "南京市", "上海市"} <= service_cities
    centre_counties = {c for office in by_kind[OfficeKind.CENTRE] for c in office.counties}
    assert {"化隆县", "循化县", "民和县"} <= centre_counties
    (committee,) = by_kind[OfficeKind.COMMITTEE]
    assert committee.cities == {"广州市", "深圳市"}
    assert committee.dispute_types == {DisputeType.WAGES}
    (team,) = by_kind[OfficeKind.SPECIALISED]
    assert team.covers_city("广州市")
    assert team.dispute_types == {DisputeType.CONSUMER}
    spoken = {language for office in offices for language in office.languages}
    assert spoken == set(Language)
    # Every office climbs straight to the coordination centre (see the file's header).
    for office in offices:
        assert offices.ladder(office.code)[-1] == root
        assert len(offices.ladder(office.code)) <= 2


def test_example_places_are_the_offered_ones() -> None:
    offices = example()
    offered_cities = {place.zh for place in DEFAULT_CITIES}
    offered_counties = {place.zh for place in DEFAULT_COUNTIES}
    for office in offices:
        assert office.cities <= offered_cities, office.code
        assert office.counties <= offered_counties, office.code


def test_as_dict_is_json_and_sorted() -> None:
    offices = example()
    committee = offices.get("gd-labour-committee")
    assert committee is not None
    data = committee.as_dict()
    assert data == {
        "code": "gd-labour-committee",
        "name": committee.name,
        "kind": "committee",
        "cities": sorted(["广州市", "深圳市"]),
        "counties": [],
        "dispute_types": ["wages"],
        "languages": ["zh"],
        "parent": "haidong-coordination",
    }
    assert json.loads(json.dumps(offices.as_dicts())) == list(offices.as_dicts())
    assert offices.as_dicts()[0]["parent"] is None


def test_defaults_and_stripping() -> None:
    offices = load_offices(
        ROOT
        + """
[[offices]]
code = "gz"
name = "  海东驻广州办事处 "
kind = "service"
cities = [" 广州市 "]
parent = "root"
"""
    )
    office = offices.get("gz")
    assert office is not None
    assert office.name == "海东驻广州办事处"
    assert office.cities == {"广州市"}
    assert office.counties == frozenset()
    assert office.dispute_types == frozenset()
    assert office.languages == {Language.ZH}
    assert all(office.handles(kind) for kind in DisputeType)
    assert len(offices) == 2
    assert "gz" in offices
    assert offices.get("nope") is None


def _office(body: str) -> str:
    return ROOT + "\n[[offices]]\n" + body


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        pytest.param("this is = = not toml", "invalid TOML", id="bad-toml"),
        pytest.param('extra = "x"\n' + ROOT, "unknown top-level keys: extra", id="unknown-top-key"),
        pytest.param('offices = "x"', "array of tables", id="offices-not-array"),
        pytest.param("offices = [1]", "offices[0]", id="office-not-table"),
        pytest.param(
            _office(
                'code = "gz"\nname = "x"\nkind = "service"\ncities = ["广州市"]\n'
                'parent = "root"\nemail = "a@b"'
            ),
            "'gz'",
            id="unknown-key",
        ),
        pytest.param(
            _office('name = "x"\nkind = "service"'), "offices[1]: missing 'code'", id="missing-code"
        ),
        pytest.param(
            _office('code = "gz"\nkind = "service"'), "'gz': missing 'name'", id="missing-name"
        ),
        pytest.param(_office('code = "gz"\nname = "x"'), "'gz': missing 'kind'", id="missing-kind"),
        pytest.param(_office('code = "gz"\nname = " "\nkind = "service"'), "'gz'", id="empty-name"),
        pytest.param(
            _office('code = 7\nname = "x"\nkind = "service"'), "offices[1]", id="code-not-string"
        ),
        pytest.param(
            _office('code = "GZ Office"\nname = "x"\nkind = "committee"\nparent = "root"'),
            "'GZ Office'",
            id="bad-code-format",
        ),
        pytest.param(
            _office('code = "g"\nname = "x"\nkind = "committee"\nparent = "root"'),
            "'g'",
            id="code-too-short",
        ),
        pytest.param(
            _office('code = "root"\nname = "x"\nkind = "committee"\nparent = "root"'),
            "'root': duplicate code",
            id="duplicate-code",
        ),
        pytest.param(
            _office('code = "gz"\nname = "x"\nkind = "bureau"'),
            "'gz': unknown kind",
            id="unknown-kind",
        ),
        pytest.param(
            _office(
                'code = "gz"\nname = "x"\nkind = "committee"\ndispute_types = ["theft"]\n'
                'parent = "root"'
            ),
            "'gz': unknown dispute_types value 'theft'",
            id="unknown-dispute-type",
        ),
        pytest.param(
            _office(
                'code = "gz"\nname = "x"\nkind = "committee"\nlanguages = ["en"]\nparent = "root"'
            ),
            "'gz': unknown languages value 'en'",
            id="unknown-language",
        ),
        pytest.param(
            _office('code = "gz"\nname = "x"\nkind = "committee"\nlanguages = []\nparent = "root"'),
            "'gz': languages is empty",
            id="no-language",
        ),
        pytest.param(
            _office(
                'code = "gz"\nname = "x"\nkind = "committee"\ncities = "广州市"\nparent = "root"'
            ),
            "'gz': cities",
            id="cities-not-list",
        ),
        pytest.param(
            _office('code = "gz"\nname = "x"\nkind = "committee"\ncities = [""]\nparent = "root"'),
            "'gz': cities",
            id="empty-city",
        ),
        pytest.param(
            _office('code = "gz"\nname = "x"\nkind = "committee"\nparent = "nowhere"'),
            "'gz': parent 'nowhere' does not exist",
            id="unknown-parent",
        ),
        pytest.param(
            _office('code = "gz"\nname = "x"\nkind = "committee"\nparent = 3'),
            "'gz': parent",
            id="parent-not-string",
        ),
        pytest.param(
            _office('code = "aa"\nname = "x"\nkind = "committee"\nparent = "bb"')
            + '\n[[offices]]\ncode = "bb"\nname = "y"\nkind = "committee"\nparent = "aa"',
            "'aa': parents form a cycle",
            id="cycle",
        ),
        pytest.param(
            _office('code = "aa"\nname = "x"\nkind = "committee"\nparent = "aa"'),
            "'aa': parents form a cycle",
            id="self-parent",
        ),
        pytest.param(
            _office('code = "other-root"\nname = "x"\nkind = "coordination"'),
            "'root', 'other-root'",
            id="two-roots",
        ),
        pytest.param("", "no root", id="no-offices"),
        pytest.param(
            '[[offices]]\ncode = "gz"\nname = "x"\nkind = "service"\ncities = ["广州市"]',
            "'gz': the root (no parent) must be of kind coordination",
            id="root-not-coordination",
        ),
        pytest.param(
            _office('code = "gz"\nname = "x"\nkind = "service"\nparent = "root"'),
            "'gz': a service office needs cities",
            id="service-without-cities",
        ),
        pytest.param(
            _office(
                'code = "hl"\nname = "x"\nkind = "centre"\ncities = ["广州市"]\nparent = "root"'
            ),
            "'hl': a centre needs counties",
            id="centre-without-counties",
        ),
    ],
)
def test_invalid_configuration_is_refused(text: str, needle: str) -> None:
    with pytest.raises(OfficeConfigError) as info:
        load_offices(text)
    assert needle in str(info.value)


def test_more_coordination_offices_are_fine_under_one_root() -> None:
    offices = load_offices(
        ROOT
        + """
[[offices]]
code = "huangzhong-coord"
name = "社会治理协调中心"
kind = "coordination"
parent = "root"

[[offices]]
code = "hl"
name = "化隆县矛盾纠纷调处化解中心"
kind = "centre"
counties = ["化隆县"]
parent = "huangzhong-coord"

[[offices]]
code = "gz"
name = "海东驻广州办事处"
kind = "service"
cities = ["广州市"]
parent = "hl"
"""
    )
    assert offices.coordination().code == "root"
    assert [o.code for o in offices.ladder("gz")] == ["gz", "hl", "huangzhong-coord", "root"]
    assert [o.code for o in offices.ladder("root")] == ["root"]
    parent = offices.parent("gz")
    assert parent is not None
    assert parent.code == "hl"
    assert offices.parent("root") is None
    with pytest.raises(KeyError):
        offices.ladder("nope")
    with pytest.raises(KeyError):
        offices.parent("nope")


def test_directory_built_in_code_is_validated_too() -> None:
    with pytest.raises(OfficeConfigError, match="'gz': a service office needs cities"):
        OfficeDirectory(
            [
                Office("root", "中心", OfficeKind.COORDINATION),
                Office("gz", "办事处", OfficeKind.SERVICE, parent="root"),
            ]
        )


@pytest.mark.parametrize(
    ("configured", "typed", "expected"),
    [
        ("广州市", "广州", True),
        ("广州", "广州市", True),
        ("广州市", " 广州市 ", True),
        ("广州市", "深圳市", False),
        ("广州市", "", False),
        ("广州市", "市", False),
    ],
)
def test_city_matching_is_loose(configured: str, typed: str, expected: bool) -> None:
    office = Office("gz", "x", OfficeKind.SERVICE, cities=frozenset({configured}))
    assert office.covers_city(typed) is expected


@pytest.mark.parametrize(
    ("configured", "typed", "expected"),
    [
        ("化隆县", "化隆回族自治县", True),
        ("化隆回族自治县", "化隆县", True),
        ("化隆县", "化隆", True),
        ("循化县", "循化撒拉族自治县", True),
        ("民和县", "民和回族土族自治县", True),
        ("互助县", "互助土族自治县", True),
        ("乐都区", "乐都", True),
        ("化隆县", "循化县", False),
    ],
)
def test_county_matching_is_loose(configured: str, typed: str, expected: bool) -> None:
    office = Office("hl", "x", OfficeKind.CENTRE, counties=frozenset({configured}))
    assert office.covers_county(typed) is expected


def test_example_centres_match_official_county_names() -> None:
    offices = example()
    for place in DEFAULT_COUNTIES:
        for spelling in (place.zh, *place.aliases[:1]):
            matching = [o.code for o in offices if o.covers_county(spelling)]
            if place.code in {"hualong", "xunhua", "minhe"}:
                assert matching == [f"{place.code}-centre"], spelling
