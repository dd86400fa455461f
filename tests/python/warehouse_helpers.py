"""Helpers shared by the warehouse tests: fixture paths, dbt runs in temp folders, file edits.

(A module of its own, not conftest.py: test folders below have conftest modules too, and a
plain `from conftest import ...` would pick whichever was imported first.)
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from csc.dbt_runner import DbtResult, run_dbt
from csc.paths import WarehousePaths

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL_LANDING = FIXTURES / "landing" / "minimal"
# The pseudonymisation key of the test builds (public, so never a real authority's key).
TEST_PSEUDONYM_KEY = "7e57" * 16


def make_paths(project_dir: Path, work: Path, landing: Path) -> WarehousePaths:
    """Paths for one dbt run with its own warehouse file and target folder under ``work``."""
    return WarehousePaths(
        project_dir=project_dir,
        db_path=work / "warehouse.duckdb",
        landing_dir=landing,
        target_dir=work / "target",
    )


def dbt(paths: WarehousePaths, *args: str) -> DbtResult:
    return run_dbt(paths, list(args))


def build_staging(project_dir: Path, work: Path, landing: Path) -> Path:
    """Build the seeds and the staging models (with their tests) from ``landing``; the warehouse file."""
    paths = make_paths(project_dir, work, landing)
    result = dbt(paths, "build", "--select", "staging", "resource_type:seed", "--indirect-selection", "cautious")
    assert result.ok, "\n".join(result.output[-40:])
    return paths.db_path


def drop_column(csv_path: Path, column: str) -> None:
    """Remove one column from a landing CSV file."""
    with csv_path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    index = rows[0].index(column)
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([row[:index] + row[index + 1:] for row in rows])


def to_parquet(csv_file: Path) -> Path:
    """Write a Parquet copy of a landing CSV file (all columns as text) beside it."""
    target = csv_file.with_suffix(".parquet")
    with duckdb.connect() as con:
        con.execute(f"copy (select * from read_csv('{csv_file}', all_varchar = true)) to '{target}' (format parquet)")
    return target


def run_csc(*args: str, cwd: Path, target: Path) -> subprocess.CompletedProcess[str]:
    """Run the `csc` command line in a child process, with its dbt target folder at ``target``."""
    return subprocess.run(
        [sys.executable, "-m", "csc.cli", *args],
        capture_output=True, text=True, cwd=cwd,
        env={**os.environ, "CSC_DBT_TARGET_DIR": str(target)},
    )


def invoke_csc(args: list[str], env: dict[str, str] | None = None) -> str:
    """Run ``csc <args>`` in-process (click's runner) and return its output; fail the test on a non-zero exit."""
    from click.testing import CliRunner

    from csc.cli import main

    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 0, f"csc {args[0]} failed:\n{result.output}"
    return result.output
