"""Returns built from the clean synthetic extract pass the DfE's rules with no error-level finding
except those the README explains (issue 11; README "What the DfE's 903 rules still find on a clean
extract"): the items the Standard Safeguarding Dataset cannot hold.

A clean extract (`csc synth`, no --dirty) of 2021-22 is built, its returns written and validated
with both DfE engines. Every SSDA903 rule that finds a record must be one of those the README
names; no error-level CIN census rule may find one (its queries are allowed: the README explains
them). The list below is the README's, rule by rule: a rule that starts to fire on clean data is a
fault of the returns or of the generator, to fix or to explain there and here.

Measured (seed 3, 6,000 children, 2021-22 as at 15 May 2022): 17 of these 18 SSDA903 rules find
records, no error-level CIN rule does (five queries do). About 3 minutes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse_helpers import run_csc

pytestmark = pytest.mark.slow

SEED = 3
CHILDREN = 6000
EXTRACT_DATE = "2022-05-15"
YEAR = "2021-22"

#: SSDA903 rules (lac2022_23) that ask for what the SSD cannot hold (README): postcodes and the
#: placement's local authority, UPN, the mother items, OC2 health and offending, previous
#: permanence, the should-be-placed-for-adoption decisions.
SSD_CANNOT_HOLD = {
    "169", "179", "392a", "392b", "1015",
    "442",
    "165", "393", "607",
    "186", "191", "197B", "543", "545",
    "630",
    "551", "553", "557",
}


def _ok(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="module")
def validated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("clean_returns")
    landing, db, target = work / "landing", work / "warehouse.duckdb", work / "target"
    _ok(run_csc("synth", "--seed", str(SEED), "--children", str(CHILDREN), "--extract-date", EXTRACT_DATE,
                "--quiet", "--out", str(landing), cwd=work, target=target))
    _ok(run_csc("build", "--landing", str(landing), "--db", str(db), "--no-checks", "--quiet",
                cwd=work, target=target))
    env = {**os.environ, "CSC_DBT_TARGET_DIR": str(target), "CSC_LANDING_DIR": str(landing)}
    for command in (["returns", "--db", str(db), "--year", YEAR, "--out", str(work / "returns")],
                    ["validate", "--db", str(db), "--year", YEAR, "--returns", str(work / "returns")]):
        _ok(subprocess.run([sys.executable, "-m", "csc.cli", *command], capture_output=True, text=True,
                           cwd=work, env=env))
    return db


def _rules_with_records(db: Path, statutory_return: str, severity_filter: str) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select rule_code, count(*) from data_quality.dq_dfe_findings "
            f"where statutory_return = ? and {severity_filter} group by rule_code",
            [statutory_return]).fetchall()
    return dict(rows)


def test_ssda903_finds_only_what_the_ssd_cannot_hold(validated: Path) -> None:
    found = _rules_with_records(validated, "ssda903", "true")
    print(f"SSDA903 rules with findings on the clean extract: {sorted(found.items())}")
    assert found, "the SSD cannot hold postcodes: some of those rules must fire, or the engine did not run"
    assert set(found) <= SSD_CANNOT_HOLD, sorted(set(found) - SSD_CANNOT_HOLD)


def test_cin_census_has_no_error_level_finding(validated: Path) -> None:
    errors = _rules_with_records(validated, "cin", "severity = 'error'")
    queries = _rules_with_records(validated, "cin", "severity <> 'error'")
    print(f"CIN census queries on the clean extract: {sorted(queries.items())}")
    assert queries, "the SSD holds no UPN: query 8770Q must fire, or the engine did not run"
    assert errors == {}, sorted(errors.items())
