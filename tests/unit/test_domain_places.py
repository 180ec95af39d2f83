"""Host cities and home counties: loose matching, buttons' labels, location lookup."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.places import (
    DEFAULT_CITIES,
    DEFAULT_COUNTIES,
    LOCATION_RADIUS_KM,
    Place,
    PlaceCatalogue,
    haversine_km,
)

CATALOGUE = PlaceCatalogue()
KM_PER_DEGREE_LATITUDE = 6371.0 * 3.141592653589793 / 180


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("广州", "guangzhou"),
        ("广州市", "guangzhou"),
        ("Guangzhou", "guangzhou"),
        ("GUANGZHOU", "guangzhou"),
        ("  guangzhou  ", "guangzhou"),
        ("ｇｕａｎｇｚｈｏｕ", "guangzhou"),  # full-width Latin
        ("广 州", "guangzhou"),
        ("广州\u200b", "guangzhou"),  # invisible characters do not matter
        ("\u202e广州", "guangzhou"),
        ("گۇاڭجۇ", "guangzhou"),  # Uyghur
        ("ཀོང་ཀྲོའུ།", "guangzhou"),  # Tibetan, with the shad
        ("ཀོང་ཀྲོའུ", "guangzhou"),  # ...and without
        ("深圳", "shenzhen"),
        ("上海市", "shanghai"),
        ("北京", "beijing"),
        ("西安", "xian"),
        ("xi'an", "xian"),
        ("Xi’an", "xian"),  # typographic apostrophe
        ("Xian", "xian"),
        ("西宁", "xining"),
        ("شىنىڭ", "xining"),
        ("ཟི་ལིང་།", "xining"),
        ("兰州市", "lanzhou"),
        ("لەنجۇ شەھىرى", "lanzhou"),  # Uyghur "city" suffix
    ],
)
def test_match_city_is_loose(typed: str, code: str) -> None:
    place = CATALOGUE.match_city(typed)
    assert place is not None
    assert place.code == code


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "市",
        "县",
        "广州市天河区",
        "深圳市区",
        "门源",
        "Urumqi",
        "😀",
        "\u200b\u202e",
        "广",
    ],
)
def test_match_city_rejects_unknown_names(typed: str) -> None:
    assert CATALOGUE.match_city(typed) is None


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("化隆", "hualong"),
        ("化隆县", "hualong"),
        ("化隆回族自治县", "hualong"),
        ("Hualong", "hualong"),
        ("خۇالۇڭ ناھىيىسى", "hualong"),
        ("خۇالۇڭ", "hualong"),  # Uyghur without "county"
        ("བ་ཡན་རྫོང་།", "hualong"),
        ("循化", "xunhua"),
        ("循化撒拉族自治县", "xunhua"),
        ("民和", "minhe"),
        ("民和回族土族自治县", "minhe"),
        ("Minhe", "minhe"),
        ("乐都", "ledu"),
        ("乐都区", "ledu"),
        ("لېدۇ", "ledu"),
        ("لېدۇ رايونى", "ledu"),  # Uyghur "district"
        ("平安", "pingan"),
        ("ping'an", "pingan"),
        ("ཙོང་ཁ", "pingan"),
        ("互助", "huzhu"),
        ("互助土族自治县", "huzhu"),
    ],
)
def test_match_county_is_loose(typed: str, code: str) -> None:
    place = CATALOGUE.match_county(typed)
    assert place is not None
    assert place.code == code


@pytest.mark.parametrize("typed", ["", "县", "自治县", "门源", "化", "广州"])
def test_match_county_rejects_unknown_names(typed: str) -> None:
    assert CATALOGUE.match_county(typed) is None


@pytest.mark.parametrize(("typed", "code"), [("བ་ཡན", "hualong"), ("ཡ་རྫི", "xunhua")])
def test_tibetan_county_names_match_without_the_rdzong_suffix(typed: str, code: str) -> None:
    place = CATALOGUE.match_county(typed)
    assert place is not None
    assert place.code == code


def test_tibetan_zhengzhou_is_not_guangzhou() -> None:
    place = CATALOGUE.match_city("ཀྲེང་ཀྲོའུ།")
    assert place is not None
    assert place.code == "zhengzhou"


@pytest.mark.parametrize(
    "places",
    [DEFAULT_CITIES, DEFAULT_COUNTIES],
    ids=["cities", "counties"],
)
def test_every_spelling_matches_its_own_place(places: tuple[Place, ...]) -> None:
    catalogue = PlaceCatalogue(cities=places, counties=places)
    wrong = [
        (spelling, place.code, matched.code if matched else None)
        for place in places
        for spelling in place.spellings()
        if (matched := catalogue.match_city(spelling)) is not place
    ]
    assert wrong == []


def test_lookup_by_code() -> None:
    assert CATALOGUE.city("xining") is not None
    assert CATALOGUE.city("xining").zh == "西宁市"  # type: ignore[union-attr]
    assert CATALOGUE.county("hualong").zh == "化隆县"  # type: ignore[union-attr]
    assert CATALOGUE.city("hualong") is None
    assert CATALOGUE.county("xining") is None
    assert CATALOGUE.city("") is None


@pytest.mark.parametrize(
    ("language", "label"),
    [("zh", "广州市"), ("ug", "گۇاڭجۇ 广州市"), ("bo", "ཀོང་ཀྲོའུ། 广州市"), ("en", "广州市")],
)
def test_label_puts_the_users_script_first(language: str, label: str) -> None:
    assert CATALOGUE.city("guangzhou").label(language) == label  # type: ignore[union-attr]


def test_catalogue_can_be_replaced_by_operators() -> None:
    custom = PlaceCatalogue(cities=(Place("urumqi", "乌鲁木齐市", {"ug": "ئۈرۈمچى"}, ("urumqi",)),))
    assert custom.match_city("乌鲁木齐").code == "urumqi"  # type: ignore[union-attr]
    assert custom.match_city("ئۈرۈمچى").code == "urumqi"  # type: ignore[union-attr]
    assert custom.match_city("广州") is None
    assert custom.nearest_city(43.8, 87.6) is None  # no coordinates configured


# ---- location ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latitude", "longitude", "code"),
    [
        (23.13, 113.26, "guangzhou"),  # the centre itself
        (23.40, 113.30, "guangzhou"),
        (22.75, 113.80, "shenzhen"),  # within reach of both: the nearer one wins
        (22.54, 114.06, "shenzhen"),
        (31.00, 121.00, "shanghai"),
        (36.60, 101.80, "xining"),
        (36.06, 103.83, "lanzhou"),
        (39.90, 116.41, "beijing"),
    ],
)
def test_nearest_city(latitude: float, longitude: float, code: str) -> None:
    place = CATALOGUE.nearest_city(latitude, longitude)
    assert place is not None
    assert place.code == code


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        (45.75, 126.65),  # Harbin
        (43.83, 87.62),  # Urumqi
        (0.0, 0.0),
        (-23.13, -113.26),  # the antipode-ish of Guangzhou
        (90.0, 0.0),
        (-90.0, 180.0),
    ],
)
def test_no_city_far_away(latitude: float, longitude: float) -> None:
    assert CATALOGUE.nearest_city(latitude, longitude) is None


@pytest.mark.parametrize(
    ("km_north", "found"),
    [(0.0, True), (LOCATION_RADIUS_KM - 1, True), (LOCATION_RADIUS_KM + 1, False), (200, False)],
)
def test_location_radius_boundary(km_north: float, found: bool) -> None:
    latitude = 23.13 + km_north / KM_PER_DEGREE_LATITUDE
    place = CATALOGUE.nearest_city(latitude, 113.26)
    assert (place is not None and place.code == "guangzhou") is found
    assert (place is None) is not found


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((23.13, 113.26), (23.13, 113.26), 0.0),
        ((0.0, 0.0), (1.0, 0.0), KM_PER_DEGREE_LATITUDE),
        ((23.13, 113.26), (22.54, 114.06), 105.0),  # Guangzhou - Shenzhen
        ((39.90, 116.41), (31.23, 121.47), 1067.0),  # Beijing - Shanghai
    ],
)
def test_haversine_km(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert haversine_km(*a, *b) == pytest.approx(km, abs=1.0)
    assert haversine_km(*b, *a) == pytest.approx(haversine_km(*a, *b))


@settings(max_examples=200, deadline=None)
@given(
    latitude=st.floats(min_value=-90, max_value=90),
    longitude=st.floats(min_value=-180, max_value=180),
)
def test_nearest_city_is_always_within_the_radius(latitude: float, longitude: float) -> None:
    place = CATALOGUE.nearest_city(latitude, longitude)
    distances = {
        city.code: haversine_km(latitude, longitude, city.latitude, city.longitude)  # type: ignore[arg-type]
        for city in CATALOGUE.cities
    }
    if place is None:
        assert min(distances.values()) > LOCATION_RADIUS_KM
    else:
        assert distances[place.code] <= LOCATION_RADIUS_KM
        assert distances[place.code] == min(distances.values())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_matching_arbitrary_text_never_raises(typed: str) -> None:
    for place in (CATALOGUE.match_city(typed), CATALOGUE.match_county(typed)):
        assert place is None or isinstance(place, Place)
