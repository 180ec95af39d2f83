"""The command line: help, settings errors, the generated flow diagram."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.__main__ import build_parser, main
from bot.flows.diagram import FLOWS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "command", ["run", "migrate", "demo", "locales-check", "diagram", "workdays", "offices"]
)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: mediation-bot" in capsys.readouterr().out


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        cwd=ROOT / "tests",  # no .env here
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("TIMEZONE", "Mars/Olympus"),
        ("ADMIN_IDS", "12,abc"),
        ("DATABASE_URL", "mysql://x"),
        ("TELEGRAM_API_URL", "api.telegram.org"),
        ("DEFAULT_LANGUAGE", "fr"),
    ],
)
def test_bad_setting_is_one_clear_line(key: str, value: str) -> None:
    result = run_cli("run", env={"BOT_TOKEN": "1:x", key: value})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"configuration error: {key}")
    assert "Traceback" not in result.stderr


def test_missing_token_points_to_botfather_and_demo() -> None:
    result = run_cli("run", env={})
    assert result.returncode == 2
    assert "BOT_TOKEN" in result.stderr
    assert "mediation-bot demo" in result.stderr


def test_migrate_creates_the_sqlite_database(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'new' / 'bot.db'}"
    result = run_cli("migrate", env={"DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    assert "database at revision" in result.stdout
    assert (tmp_path / "new" / "bot.db").exists()


@pytest.mark.parametrize("flow", sorted(FLOWS))
def test_flow_diagram_doc_is_generated_from_the_machine(flow: str) -> None:
    _, markdown = FLOWS[flow]
    assert (ROOT / "docs" / f"{flow}-flow.md").read_text(encoding="utf-8") == markdown()


def test_locales_check_command_reports(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["locales-check"])
    out = capsys.readouterr().out
    assert ("locales OK" in out) == (code == 0)
