"""The CLI commands that write go through services and report typed errors as exit status 2."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from onewindow.platform.accounts.models import ApiToken
from onewindow.platform.accounts.roles import Role
from onewindow.platform.calendar.models import NationalCalendarDay, NationalCalendarYear
from onewindow.platform.project.cli import main
from tests.factories import member_of

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "national-calendar.yaml"


def test_calendar_load_reads_the_documented_format() -> None:
    assert main(["calendar", "load", str(EXAMPLE)]) == 0
    row = NationalCalendarYear.objects.get(year=2027)
    assert row.loaded_by == "cli"
    assert NationalCalendarDay.objects.filter(year=row).count() == 4


def test_calendar_load_reports_errors_with_their_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: 2027\nholidays: [{date: 2026-12-31, name: x}]\nworkdays: []\n", encoding="utf-8")
    assert main(["calendar", "load", str(bad)]) == 2
    assert "DATE_OUTSIDE_YEAR [holidays[0]]" in capsys.readouterr().err
    assert not NationalCalendarYear.objects.filter(year=2027).exists()


def test_token_create_prints_the_secret_once(wushen, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    member_of(wushen, Role.COUNTY_ADMIN, username="integrator")
    assert main(["token", "create", "integrator", "12345 对接", "--county", "150626"]) == 0
    secret = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(user__username="integrator")
    assert secret.startswith(f"ow_{token.prefix}_") and token.county == wushen


def test_graphql_schema_check_passes_on_a_clean_tree() -> None:
    assert main(["graphql-schema", "--check"]) == 0


def test_county_export_holds_pack_data_and_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json
    import zipfile

    out = tmp_path / "wsq.zip"
    assert main(["county", "export", "150626", "--out", str(out)]) == 0
    assert "导出 hall.Window（" in capsys.readouterr().out  # a line per table on the way
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        pack = archive.read("pack.yaml").decode()
        data = json.loads(archive.read("data.json"))
    assert manifest["county"]["name"] == "乌审旗" and manifest["policy_version"] == 1
    assert "code: '150626'" in pack and "综合出件窗口" in pack
    assert {row["model"] for row in data} >= {"hall.window", "catalog.serviceitem", "audit.auditevent"}


def test_policy_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "export", "--county", "331081"]) == 0
    exported = capsys.readouterr().out
    path = tmp_path / "wl.yaml"
    path.write_text(exported.replace("name: 统一出件窗口", "name: 统一出件窗口（东厅）"), encoding="utf-8")
    assert main(["policy", "validate", str(path)]) == 0
    assert main(["policy", "diff", "--county", "331081", str(path)]) == 0
    assert "changed   windows.CJ01 name" in capsys.readouterr().out
    assert main(["policy", "apply", "--county", "331081", str(path)]) == 0
    assert main(["policy", "apply", "--county", "150626", str(path)]) == 2  # 温岭's pack is not 乌审旗's
    assert "COUNTY_MISMATCH" in capsys.readouterr().err


def test_benchmarks_rollup_runs_each_county_here(wushen, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from onewindow.platform.benchmarks.models import DailyFact, RollupState

    assert main(["benchmarks", "rollup", "--full", "--county", "150626", "--county", "331081"]) == 0
    out = capsys.readouterr().out
    assert "[1/2] 乌审旗（150626）" in out and "[2/2] 温岭市（331081）" in out
    assert RollupState.objects.filter(county__code__in=["150626", "331081"]).count() == 2
    assert DailyFact.objects.filter(county__code="150626", fact="windows_universal").exists()


def _cli(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "ONEWINDOW_TESTING", "DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-m", "onewindow.platform.project.cli", *args],
        env={**base, "ONEWINDOW_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )


def test_every_command_uses_the_development_key_when_no_secret_key_is_set(tmp_path: Path) -> None:
    from tests.dbhelpers import test_database_url

    done = _cli(tmp_path, {"DATABASE_URL": test_database_url()}, "county", "list")
    assert done.returncode == 0, done.stderr
    assert "150626\t乌审旗" in done.stdout
    assert (tmp_path / "dev-secret-key").exists()  # the key `up` would use, in the data folder


def test_production_without_database_url_refuses_the_embedded_database(tmp_path: Path) -> None:
    done = _cli(tmp_path, {"DEBUG": "0", "SECRET_KEY": "x" * 50}, "county", "list")
    assert done.returncode == 2
    assert "DATABASE_URL" in done.stderr and "ONEWINDOW_EMBEDDED_DATABASE=1" in done.stderr
    assert not (tmp_path / "postgres").exists()  # nothing was started


def test_transaction_pooling_is_refused(tmp_path: Path) -> None:
    from tests.dbhelpers import test_database_url

    env = {"DATABASE_URL": test_database_url(), "ONEWINDOW_DATABASE_POOLING": "transaction"}
    done = _cli(tmp_path, env, "county", "list")
    assert done.returncode == 2 and "pool_mode = session" in done.stderr
