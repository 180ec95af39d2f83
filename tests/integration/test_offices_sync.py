"""`mediation-bot offices sync`: the offices file into the database, idempotently."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.__main__ import main
from bot.domain.offices import load_offices
from bot.storage import Database

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "config" / "offices.example.toml").read_text(encoding="utf-8")


async def test_sync_reports_added_changed_deactivated(database: Database) -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 11, 30, tzinfo=UTC)
    offices = load_offices(EXAMPLE).as_dicts()
    async with database.transaction() as tx:
        first = await tx.offices.sync(offices, now)
    assert len(first.added) == len(offices)
    async with database.transaction() as tx:
        again = await tx.offices.sync(offices, now)
    assert (again.added, again.changed, again.deactivated) == ((), (), ())
    renamed = [{**o, "name": "新名字"} if o["code"] == "nj-service" else o for o in offices]
    fewer = [o for o in renamed if o["code"] != "wh-service"]
    async with database.transaction() as tx:
        report = await tx.offices.sync(fewer, now)
        specs = await tx.offices.active_specs()
    assert report.changed == ("nj-service",)
    assert report.deactivated == ("wh-service",)
    assert [s["code"] for s in specs] == [o["code"] for o in fewer]
    # Specs come back exactly as given (no bookkeeping keys), in the file's order.
    assert specs == fewer


def test_the_command_syncs_and_is_idempotent(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.chdir(ROOT)
    assert main(["offices", "sync"]) == 0
    assert "11 added" in capsys.readouterr().out
    assert main(["offices", "sync"]) == 0
    assert "0 added, 0 changed, 0 deactivated, 11 unchanged" in capsys.readouterr().out


def test_a_broken_file_is_refused_with_one_line(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    broken = tmp_path / "offices.toml"
    broken.write_text('[[offices]]\ncode = "x"\n', encoding="utf-8")
    assert main(["offices", "sync", "--file", str(broken)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("configuration error: OFFICES_FILE:")
    assert len(err.splitlines()) == 1
