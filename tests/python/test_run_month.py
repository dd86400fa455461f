"""`csc run-month` on the hand-made landing folder: one command writes the month folder (HTML,
PDF, workbook, published database, docs, manifest); a failed step leaves no month folder and an
existing one untouched."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import csc.run_month
from csc.cli import main
from csc.paths import resolve_paths
from csc.report.browser import find_chromium
from csc.returns.writer import sha256_of
from csc.run_month import MonthOptions, RunMonthError, run_month
from warehouse_helpers import MINIMAL_LANDING

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason="headless Chromium not installed (make browser)"),
]


@pytest.fixture(scope="module")
def month_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("run_month")
    db, out = work / "warehouse.duckdb", work / "months"
    result = CliRunner().invoke(main, ["run-month", "--landing", str(MINIMAL_LANDING), "--db", str(db),
                                       "--out", str(out), "--no-checks", "--quiet"])
    assert result.exit_code == 0, result.output
    folders = [p for p in out.iterdir()]
    assert len(folders) == 1, folders  # the month folder only: no temporary folder left
    return {"db": db, "out": out, "folder": folders[0]}


def test_the_month_folder_has_every_output_and_a_manifest(month_run: dict[str, Path]) -> None:
    folder = month_run["folder"]
    month = folder.name
    with duckdb.connect(str(month_run["db"]), read_only=True) as con:
        months = {r[0] for r in con.execute(
            "select strftime(period_month, '%Y-%m') from marts.dim_reporting_periods").fetchall()}
    assert month in months
    expected = {f"csc-report-{month}.html", f"csc-report-{month}.pdf", f"csc-kpis-{month}.xlsx",
                "csc_kpis.duckdb", "docs/index.html", "manifest.json"}
    assert {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} == expected
    assert (folder / f"csc-report-{month}.pdf").read_bytes().startswith(b"%PDF-")
    assert load_workbook(folder / f"csc-kpis-{month}.xlsx").sheetnames[:2] == ["README", "KPIs"]
    with duckdb.connect(str(folder / "csc_kpis.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from fct_kpi_values").fetchone()[0] > 0

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["month"] == month
    assert manifest["extract_date"] == "2021-10-20" and manifest["data_date"] <= manifest["extract_date"]
    assert manifest["package_version"] and manifest["warehouse"] == str(month_run["db"])
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == expected - {"manifest.json"}
    for path, entry in listed.items():
        assert entry["bytes"] == (folder / path).stat().st_size
        assert entry["sha256"] == sha256_of(folder / path)


def test_an_existing_month_folder_is_refused_without_force(month_run: dict[str, Path]) -> None:
    month = month_run["folder"].name
    result = CliRunner().invoke(main, ["run-month", "--landing", str(MINIMAL_LANDING), "--db", str(month_run["db"]),
                                       "--out", str(month_run["out"]), "--month", month])
    assert result.exit_code == 1
    assert "already exists" in result.output and "--force" in result.output
    assert "Building" not in result.output  # refused before the build


def test_a_failing_step_leaves_no_month_folder(tmp_path: Path) -> None:
    out = tmp_path / "months"
    result = CliRunner().invoke(main, ["run-month", "--landing", str(tmp_path / "no-such-landing"),
                                       "--db", str(tmp_path / "wh.duckdb"), "--out", str(out)])
    assert result.exit_code == 1
    assert "the build step failed" in result.output and "no month folder was written" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_a_step_failing_late_leaves_the_existing_month_folder_as_it_was(
        month_run: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """--force with the workbook step failing (after the HTML and PDF were written): the month
    folder of the earlier run is unchanged and no temporary folder is left."""
    folder = month_run["folder"]
    before = {p: sha256_of(p) for p in folder.rglob("*") if p.is_file()}

    def broken(*args: object, **kwargs: object) -> Path:
        raise OSError("disk full (test)")

    monkeypatch.setattr(csc.run_month, "export_workbook", broken)
    paths = resolve_paths(db=month_run["db"], landing=MINIMAL_LANDING)
    built: list[bool] = []
    with pytest.raises(RunMonthError, match="the workbook step failed: disk full"):
        run_month(paths, month_run["out"], MonthOptions(force=True), build=lambda: built.append(True),
                  docs=lambda folder: folder, echo=lambda line: None)
    assert built == [True]
    assert {p: sha256_of(p) for p in folder.rglob("*") if p.is_file()} == before
    assert [p.name for p in month_run["out"].iterdir()] == [folder.name]


def test_force_replaces_the_month_folder(month_run: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "months"
    shutil.copytree(month_run["folder"], out / month_run["folder"].name)
    (out / month_run["folder"].name / "stale.txt").write_text("from an earlier run", encoding="utf-8")
    paths = resolve_paths(db=month_run["db"], landing=MINIMAL_LANDING)

    def docs(folder: Path) -> Path:
        folder.mkdir()
        (folder / "index.html").write_text("<html></html>", encoding="utf-8")
        return folder / "index.html"

    folder = run_month(paths, out, MonthOptions(force=True), build=lambda: None, docs=docs, echo=lambda line: None)
    assert folder == out / month_run["folder"].name
    assert not (folder / "stale.txt").exists() and (folder / "manifest.json").is_file()
    assert [p.name for p in out.iterdir()] == [folder.name]
