"""`csc returns`: the collection year, its refusals, and the SSDA903 files it writes
(README "Statutory returns"; docs/contracts/returns.md "SSDA903")."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from csc.cli import main
from csc.returns import ReturnsError, check_year, parse_year, write_returns, year_of
from csc.returns.writer import SSDA903_FILES, sha256_of
from warehouse_helpers import MINIMAL_LANDING, run_csc

EXTRACT_DATE = date(2021, 10, 20)  # the minimal landing folder's


@pytest.mark.parametrize("value", ["2021-22", "1999-00", " 2020-21 "])
def test_a_collection_year_is_yyyy_yy(value: str) -> None:
    assert parse_year(value) == value.strip()


@pytest.mark.parametrize("value", ["2021/22", "2021-23", "21-22", "2021", "twenty"])
def test_another_form_is_refused_naming_the_value(value: str) -> None:
    with pytest.raises(ReturnsError, match=re.escape(repr(value)) + ".*YYYY-YY, e.g. 2021-22"):
        parse_year(value)


@pytest.mark.parametrize(("day", "year"), [
    (date(2021, 3, 31), "2020-21"), (date(2021, 4, 1), "2021-22"), (date(2022, 3, 31), "2021-22"),
])
def test_the_default_year_contains_the_extract_date(day: date, year: str) -> None:
    assert year_of(day) == year
    assert check_year(None, day) == year


def test_a_year_after_the_extract_is_refused() -> None:
    assert check_year("2021-22", date(2021, 4, 1)) == "2021-22"  # the year's first day is enough
    with pytest.raises(ReturnsError, match="2022-23 starts on 01 April 2022, after the extract date "
                                           "2021-10-20.*choose --year 2021-22 or an earlier year"):
        check_year("2022-23", EXTRACT_DATE)


def test_no_warehouse_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["returns", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert f"csc: returns refused: there is no warehouse at {tmp_path / 'none.duckdb'}; build it first" in result.output


def test_a_bad_year_is_refused_before_anything_else(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["returns", "--db", str(tmp_path / "none.duckdb"), "--year", "2021/22"])
    assert result.exit_code == 1
    assert "csc: returns refused: --year '2021/22' is not a collection year" in result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A warehouse built with `csc build` from the hand-made landing folder."""
    work = tmp_path_factory.mktemp("returns")
    db = work / "warehouse.duckdb"
    result = run_csc("build", "--landing", str(MINIMAL_LANDING), "--db", str(db), "--no-checks", "--quiet",
                     cwd=work, target=work / "target")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return work, db


def _run(work: Path, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`csc returns --db DB ARGS` in a child process, the landing folder the warehouse was built from."""
    return subprocess.run([sys.executable, "-m", "csc.cli", "returns", "--db", str(db), *args],
                          capture_output=True, text=True, cwd=work,
                          env={**os.environ, "CSC_LANDING_DIR": str(MINIMAL_LANDING)})


def test_returns_writes_the_903_files_and_manifest(built: tuple[Path, Path]) -> None:
    work, _ = built
    out = work / "out-2020-21"
    result = _run(*built, "--year", "2020-21", "--out", str(out))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert f"Returns 2020-21 as at 2021-03-31: {out}" in result.stdout
    manifest = json.loads((out / "returns_manifest.json").read_text(encoding="utf-8"))
    assert {k: manifest[k] for k in ("collection_year", "as_at_date", "is_provisional", "la_code")} == {
        "collection_year": "2020-21", "as_at_date": "2021-03-31", "is_provisional": False, "la_code": "E99999999"}
    for item in SSDA903_FILES:
        path = out / "ssda903" / item.name
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert tuple(rows[0]) == item.columns, item.name
        assert manifest["files"][f"ssda903/{item.name}"] == {"rows": len(rows) - 1, "sha256": sha256_of(path)}
    # P003 is looked after all year (episodes E001 to 1 June 2020, then E002, open)
    with (out / "ssda903" / "episodes.csv").open(encoding="utf-8") as handle:
        episodes = list(csv.DictReader(handle))
    assert [(e["CHILD"], e["DECOM"], e["DEC"], e["REC"]) for e in episodes] == [
        ("P003", "10/01/2019", "01/06/2020", "X1"), ("P003", "01/06/2020", "", "")]
    assert "ssda903/episodes.csv: HOME_POST" in manifest["unfilled"]
    assert any(line.startswith("ssda903/reviews.csv: the whole table") for line in manifest["unfilled"])
    cin = out / "cin_census" / "cin_census.xml"
    assert manifest["files"]["cin_census/cin_census.xml"] == {"rows": cin.read_text(encoding="utf-8").count("<Child>"),
                                                            "sha256": sha256_of(cin)}
    assert sorted(p.name for p in work.iterdir() if p.name.startswith(".out")) == []  # no staged folder left


def test_a_second_run_replaces_the_folder_whole(built: tuple[Path, Path]) -> None:
    work, _ = built
    out = work / "out-again"
    (out / "ssda903").mkdir(parents=True)
    (out / "ssda903" / "stale.csv").write_text("left by hand\n", encoding="utf-8")
    result = _run(*built, "--year", "2020-21", "--out", str(out))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert not (out / "ssda903" / "stale.csv").exists()
    assert (out / "ssda903" / "header.csv").is_file()


def test_a_year_after_the_extract_is_refused_by_the_command(built: tuple[Path, Path]) -> None:
    result = _run(*built, "--year", "2022-23")
    assert result.returncode == 1
    assert "csc: returns refused: the collection year 2022-23 starts on 01 April 2022" in result.stderr


def test_a_killed_runs_folders_are_cleared_and_the_return_is_owner_only(built: tuple[Path, Path]) -> None:
    work, db = built
    out = work / "out-cleared"
    for leftover in (".out-cleared.tmp-999999", ".out-cleared.old-999999"):
        (work / leftover / "ssda903").mkdir(parents=True)
    outcome = write_returns(db, work / "target" / "manifest.json", out, "E99999999")
    # the year the warehouse's returns models were last built for (csc build: 2021-22; the
    # tests above: 2020-21), read back from the warehouse
    assert outcome.details["collection_year"] in ("2020-21", "2021-22")
    assert (out / "ssda903" / "header.csv").is_file()
    assert sorted(p.name for p in work.iterdir() if p.name.startswith(".out-cleared")) == []
    assert (out.stat().st_mode & 0o777) == 0o700
