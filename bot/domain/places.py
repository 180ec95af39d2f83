"""Host cities and home counties: the offered lists, loose matching and location lookup."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bot.domain.sanitize import clean_text

# Administrative suffixes people often leave out: Chinese, Uyghur (ناھىيىسى county,
# رايونى district, شەھىرى city) and Tibetan (རྫོང county).
_SUFFIXES = (
    "回族土族自治县",
    "撒拉族自治县",
    "土族自治县",
    "回族自治县",
    "自治县",
    "市",
    "县",
    "区",
    "ناھىيىسى",
    "رايونى",
    "شەھىرى",
    "རྫོང",
)
#: How far (km) a shared location may be from a city's centre and still count as that city.
LOCATION_RADIUS_KM = 80.0


@dataclass(frozen=True)
class Place:
    """A city or county: its official Chinese name, names in bo/ug, and other spellings."""

    code: str
    zh: str
    names: Mapping[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None

    def label(self, language: str) -> str:
        """The name shown on a button: the user's script first, Chinese after it."""
        local = self.names.get(language)
        return f"{local} {self.zh}" if local and local != self.zh else self.zh

    def spellings(self) -> Iterable[str]:
        """Every spelling a user might type for this place."""
        yield self.zh
        yield from self.names.values()
        yield from self.aliases


# Host cities where Haidong's noodle shops are many; operators can replace the list.
DEFAULT_CITIES: tuple[Place, ...] = (
    Place("guangzhou", "广州市", {"bo": "ཀོང་ཀྲོའུ།", "ug": "گۇاڭجۇ"}, ("guangzhou",), 23.13, 113.26),
    Place("shenzhen", "深圳市", {"bo": "ཧྲེན་ཀྲེན།", "ug": "شېنجېن"}, ("shenzhen",), 22.54, 114.06),
    Place("shanghai", "上海市", {"bo": "ཧྲང་ཧེ།", "ug": "شاڭخەي"}, ("shanghai",), 31.23, 121.47),
    Place("beijing", "北京市", {"bo": "པེ་ཅིང་།", "ug": "بېيجىڭ"}, ("beijing",), 39.90, 116.41),
    Place("wuhan", "武汉市", {"bo": "ཝུའུ་ཧན།", "ug": "ۋۇخەن"}, ("wuhan",), 30.59, 114.31),
    Place("nanjing", "南京市", {"bo": "ནན་ཅིང་།", "ug": "نەنجىڭ"}, ("nanjing",), 32.06, 118.80),
    Place("hangzhou", "杭州市", {"bo": "ཧང་ཀྲོའུ།", "ug": "خاڭجۇ"}, ("hangzhou",), 30.27, 120.16),
    Place("chengdu", "成都市", {"bo": "ཁྲིན་ཏུའུ།", "ug": "چېڭدۇ"}, ("chengdu",), 30.57, 104.07),
    Place("xian", "西安市", {"bo": "ཞི་ཨན།", "ug": "شىئەن"}, ("xian", "xi'an"), 34.34, 108.94),
    Place("zhengzhou", "郑州市", {"bo": "ཀྲེང་ཀྲོའུ།", "ug": "جېڭجۇ"}, ("zhengzhou",), 34.75, 113.63),
    Place("xining", "西宁市", {"bo": "ཟི་ལིང་།", "ug": "شىنىڭ"}, ("xining",), 36.62, 101.78),
    Place("lanzhou", "兰州市", {"bo": "ལན་ཀྲོའུ།", "ug": "لەنجۇ"}, ("lanzhou",), 36.06, 103.83),
)

# Home counties of Haidong prefecture, where most of the shop owners come from.
DEFAULT_COUNTIES: tuple[Place, ...] = (
    Place(
        "hualong",
        "化隆县",
        {"bo": "བ་ཡན་རྫོང་།", "ug": "خۇالۇڭ ناھىيىسى"},
        ("化隆回族自治县", "hualong"),
    ),
    Place(
        "xunhua",
        "循化县",
        {"bo": "ཡ་རྫི་རྫོང་།", "ug": "شۈنخۇا ناھىيىسى"},
        ("循化撒拉族自治县", "xunhua"),
    ),
    Place(
        "minhe",
        "民和县",
        {"bo": "དཔལ་མཁར་རྫོང་།", "ug": "مىنخې ناھىيىسى"},
        ("民和回族土族自治县", "minhe"),
    ),
    Place("ledu", "乐都区", {"bo": "གསེར་ཁོག་", "ug": "لېدۇ رايونى"}, ("ledu",)),
    Place("pingan", "平安区", {"bo": "ཙོང་ཁ་", "ug": "پىڭئەن رايونى"}, ("pingan", "ping'an")),
    Place(
        "huzhu", "互助县", {"bo": "དགོན་ལུང་རྫོང་།", "ug": "خۇجۇ ناھىيىسى"}, ("互助土族自治县", "huzhu")
    ),
)


def place_key(text: str) -> str:
    """A place name reduced for loose comparison (广州 = 广州市, 化隆 = 化隆回族自治县)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    # Letters, marks and digits: Tibetan vowel signs and subjoined letters are marks, and
    # without them ཀྲེང (Zhengzhou) and ཀོང (Guangzhou) would look the same.
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] in "LMN")
    # Tibetan ends names with a shad or tsheg; neither distinguishes places.
    text = text.replace("།", "").replace("་", "")
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


@dataclass(frozen=True)
class PlaceCatalogue:
    """The cities and counties offered to reporters."""

    cities: tuple[Place, ...] = DEFAULT_CITIES
    counties: tuple[Place, ...] = DEFAULT_COUNTIES

    def city(self, code: str) -> Place | None:
        """The city with this code."""
        return next((place for place in self.cities if place.code == code), None)

    def county(self, code: str) -> Place | None:
        """The county with this code."""
        return next((place for place in self.counties if place.code == code), None)

    def match_city(self, typed: str) -> Place | None:
        """The configured city a typed name means (广州 = 广州市 = guangzhou), if any."""
        return _match(self.cities, typed)

    def match_county(self, typed: str) -> Place | None:
        """The configured county a typed name means (化隆 = 化隆回族自治县), if any."""
        return _match(self.counties, typed)

    def nearest_city(self, latitude: float, longitude: float) -> Place | None:
        """The configured city within reach of a shared location."""
        best: tuple[float, Place] | None = None
        for place in self.cities:
            if place.latitude is None or place.longitude is None:
                continue
            distance = haversine_km(latitude, longitude, place.latitude, place.longitude)
            if distance <= LOCATION_RADIUS_KM and (best is None or distance < best[0]):
                best = (distance, place)
        return best[1] if best else None


def _match(places: Iterable[Place], typed: str) -> Place | None:
    key = place_key(clean_text(typed, max_graphemes=60, multiline=False))
    if not key:
        return None
    for place in places:
        if any(place_key(spelling) == key for spelling in place.spellings()):
            return place
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    radius = 6371.0
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = math.radians(lat2 - lat1)
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))
