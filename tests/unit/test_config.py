"""Settings and the places file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import load_places
from bot.config import SettingsError, load_settings
from bot.domain.places import PlaceCatalogue

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_need_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "tests")  # no .env there
    settings = load_settings()
    assert settings.bot_token is None
    assert settings.database_url == "sqlite+aiosqlite:///./data/bot.db"
    assert settings.telegram_api_url == "https://api.telegram.org"
    assert str(settings.zone) == "Asia/Shanghai"


def test_admin_ids_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_IDS", "111, 222;333")
    assert load_settings().admin_ids == frozenset({111, 222, 333})


def test_token_is_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123456:very-secret")
    settings = load_settings()
    assert "very-secret" not in repr(settings)
    assert settings.bot_token is not None
    assert settings.bot_token.get_secret_value() == "123456:very-secret"


def test_error_names_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETENTION_DAYS", "3")
    with pytest.raises(SettingsError, match=r"^RETENTION_DAYS: "):
        load_settings()


def test_env_example_lists_every_setting() -> None:
    from bot.config import Settings

    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    keys = {
        line.split("=", 1)[0]
        for line in example.splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert keys == {name.upper() for name in Settings.model_fields}


def test_places_example_equals_the_built_in_list() -> None:
    assert load_places(ROOT / "config" / "places.example.toml") == PlaceCatalogue()


def test_places_file_replaces_cities(tmp_path: Path) -> None:
    path = tmp_path / "places.toml"
    path.write_text(
        '[[cities]]\ncode = "kashgar"\nzh = "喀什市"\nnames = { ug = "قەشقەر" }\n', encoding="utf-8"
    )
    places = load_places(path)
    assert [c.code for c in places.cities] == ["kashgar"]
    assert places.match_city("قەشقەر") is not None
    assert places.counties == PlaceCatalogue().counties  # not given: the built-in list
