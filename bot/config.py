"""Settings read from the environment and `.env` (pydantic-settings)."""

from __future__ import annotations

from datetime import time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.domain.deadlines import DeadlinePolicy
from bot.domain.models import RiskLevel

#: Telegram's own servers; a self-hosted telegram-bot-api or the emulator replace it.
DEFAULT_API_URL = "https://api.telegram.org"


class Runtime(StrEnum):
    """Which Telegram framework drives the handlers."""

    AIOGRAM = "aiogram"
    PTB = "ptb"


class LogFormat(StrEnum):
    """How log lines are written."""

    TEXT = "text"
    JSON = "json"


class Settings(BaseSettings):
    """Every setting of the bot; see `.env.example` for what each one means."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    bot_token: SecretStr | None = None
    telegram_api_url: str = DEFAULT_API_URL
    database_url: str = "sqlite+aiosqlite:///./data/bot.db"
    bot_runtime: Runtime = Runtime.AIOGRAM
    timezone: str = "Asia/Shanghai"
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    default_language: str = "zh"
    cities_file: Path | None = None
    holidays_file: Path | None = None
    offices_file: Path = Path("config/offices.example.toml")
    operator_name: str = "海东市矛盾纠纷多元化解中心"
    operator_contact: str = "0972-12348"
    retention_days: int = Field(default=730, ge=30)
    draft_reminder_hours: int = Field(default=24, ge=1)
    draft_expiry_days: int = Field(default=7, ge=1)
    followup_time: time = time(10, 0)
    claim_minutes_red: int = Field(default=30, ge=1)
    claim_hours_yellow: float = Field(default=4.0, gt=0)
    claim_days_blue: int = Field(default=1, ge=1)
    resolve_days_red: int = Field(default=3, ge=1)
    resolve_days_yellow: int = Field(default=10, ge=1)
    resolve_days_blue: int = Field(default=15, ge=1)
    revisit_days: int = Field(default=5, ge=1)
    supervision_days: int = Field(default=5, ge=1)
    sweep_seconds: int = Field(default=30, ge=1, le=3600)
    polling_timeout: int = Field(default=25, ge=1, le=50)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    flood_global_per_second: float = Field(default=30.0, gt=0)
    flood_private_per_second: float = Field(default=1.0, gt=0)
    flood_private_burst: int = Field(default=5, ge=1)
    flood_group_per_minute: int = Field(default=20, ge=1)
    log_level: str = "INFO"
    log_format: LogFormat = LogFormat.TEXT

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        # Operators write "1, 2, 3" in .env; pydantic alone would expect JSON.
        if isinstance(value, str):
            return frozenset(
                int(part) for part in value.replace(";", ",").split(",") if part.strip()
            )
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("cities_file", "holidays_file", mode="before")
    @classmethod
    def _empty_path_is_none(cls, value: object) -> object:
        # `CITIES_FILE=` as copied from .env.example means "no file", not the directory ".".
        return None if value == "" else value

    @field_validator("webhook_url")
    @classmethod
    def _https_webhook(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an https:// URL Telegram can reach")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and - in the secret token.
        if value is None or not value.get_secret_value():
            return None
        secret = value.get_secret_value()
        if len(secret) > 256 or not all(c.isascii() and (c.isalnum() or c in "_-") for c in secret):
            raise ValueError("use 1-256 characters: letters, digits, _ and -")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("default_language")
    @classmethod
    def _supported_language(cls, value: str) -> str:
        if value not in {"zh", "bo", "ug"}:
            raise ValueError("must be one of zh, bo, ug")
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        # Without the secret anyone who guesses the URL could post fake updates.
        if self.webhook_url is not None and self.webhook_secret is None:
            raise ValueError("WEBHOOK_SECRET is required when WEBHOOK_URL is set")
        return self

    @property
    def webhook_mode(self) -> bool:
        """Whether updates come by webhook rather than long polling."""
        return self.webhook_url is not None

    @property
    def zone(self) -> ZoneInfo:
        """The configured time zone."""
        return ZoneInfo(self.timezone)

    def deadline_policy(self) -> DeadlinePolicy:
        """The deadlines and follow-up time these settings describe."""
        return DeadlinePolicy(
            claim_red=timedelta(minutes=self.claim_minutes_red),
            claim_yellow_hours=self.claim_hours_yellow,
            claim_blue_days=self.claim_days_blue,
            resolve_days={
                RiskLevel.RED: self.resolve_days_red,
                RiskLevel.YELLOW: self.resolve_days_yellow,
                RiskLevel.BLUE: self.resolve_days_blue,
            },
            revisit_days=self.revisit_days,
            supervision_days=self.supervision_days,
            followup_at=self.followup_time,
        )


class SettingsError(Exception):
    """A setting is missing or malformed; the message names the key."""


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning validation errors into one readable line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        key = str(first["loc"][0]).upper() if first["loc"] else "settings"
        raise SettingsError(f"{key}: {first['msg']}") from None
