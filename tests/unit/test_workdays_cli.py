"""`mediation-bot workdays`: clean stdout for scripts, notes and errors on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.__main__ import build_parser, main


@pytest.fixture(autouse=True)
def no_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # No .env and no BOT_TOKEN: the command must work on a bare operator shell.
    monkeypatch.chdir(tmp_path)
    for key in ("BOT_TOKEN", "HOLIDAYS_FILE"):
        monkeypatch.delenv(key, raising=False)


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["workdays", "--help"])
    assert exit_info.value.code == 0
    assert "usage: mediation-bot workdays" in capsys.readouterr().out


def test_three_working_days_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workdays", "2026-09-30"]) == 0
    out, err = capsys.readouterr()
    assert out == "2026-10-08\n2026-10-09\n2026-10-10\n"
    assert err == ""


def test_estimated_year_is_noted_once_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workdays", "2026-12-30", "--count", "30"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 30
    assert lines[0] == "2026-12-31"
    assert all(line.startswith("2027-") for line in lines[1:])
    assert err.count("note: 2027 is estimated") == 1
    assert "2026" not in err


def test_each_estimated_year_gets_its_note(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workdays", "2027-12-01", "--count", "200"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line.split()[1] for line in err] == ["2027", "2028"]


@pytest.mark.parametrize("bad", ["2026-13-01", "tomorrow", "2026-02-30"])
def test_bad_date_is_one_line_and_exit_2(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workdays", bad]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"mediation-bot workdays: error: invalid date {bad!r} (use YYYY-MM-DD)"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--count", "0"], "--count must be at least 1"), (["--region", "tibet"], "unknown region")],
)
def test_bad_options_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["workdays", "2026-09-30", *args]) == 2
    assert message in capsys.readouterr().err


def test_holidays_file_applies_per_region(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "holidays.toml"
    path.write_text('[[days]]\ndate = 2026-10-08\nkind = "holiday"\nregion = "xizang"\n')
    monkeypatch.setenv("HOLIDAYS_FILE", str(path))
    assert main(["workdays", "2026-09-30", "--count", "1"]) == 0
    assert capsys.readouterr().out == "2026-10-08\n"
    assert main(["workdays", "2026-09-30", "--count", "1", "--region", "xizang"]) == 0
    assert capsys.readouterr().out == "2026-10-09\n"


def test_official_year_in_holidays_file_silences_the_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "holidays.toml"
    path.write_text('[years]\nofficial = [2027]\n[[days]]\ndate = 2027-01-01\nkind = "holiday"\n')
    monkeypatch.setenv("HOLIDAYS_FILE", str(path))
    assert main(["workdays", "2026-12-31", "--count", "1"]) == 0
    out, err = capsys.readouterr()
    assert out == "2027-01-04\n"
    assert err == ""


def test_empty_holidays_file_setting_means_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `HOLIDAYS_FILE=` as copied from .env.example.
    (tmp_path / ".env").write_text("HOLIDAYS_FILE=\n")
    assert main(["workdays", "2026-09-30", "--count", "1"]) == 0
    assert capsys.readouterr().out == "2026-10-08\n"


@pytest.mark.parametrize("content", [None, '[[days]]\ndate = 2026-10-08\nkind = "closed"\n'])
def test_broken_holidays_file_is_a_configuration_error(
    content: str | None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "holidays.toml"
    if content is not None:
        path.write_text(content)
    monkeypatch.setenv("HOLIDAYS_FILE", str(path))
    assert main(["workdays", "2026-09-30"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("configuration error: HOLIDAYS_FILE: ")


def test_a_missing_database_is_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'none' / 'bot.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["workdays", "2026-09-30"]) == 0
    assert capsys.readouterr().out.split() == ["2026-10-08", "2026-10-09", "2026-10-10"]
    assert not (tmp_path / "none" / "bot.db").exists()
