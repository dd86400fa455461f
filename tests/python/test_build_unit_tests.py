"""dbt unit tests: `make test` runs every one; a monthly `csc build` runs none (issue 14).

Unit tests check the SQL on fixed inputs, so they say nothing about an extract; dbt's guidance
is to run them in development and CI, not on each production build. `csc build --unit-tests`
runs them with the build, and this test makes sure every unit test of the project does run
and pass there, so leaving them out of `csc build` never leaves one unrun by the test suite.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warehouse_helpers import MINIMAL_LANDING, run_csc

pytestmark = pytest.mark.slow


def _results(target: Path) -> list[dict]:
    return json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]


def _unit_test_ids(target: Path) -> set[str]:
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    return set(manifest.get("unit_tests", {}))


def test_every_unit_test_runs_with_the_flag_and_none_without(tmp_path):
    db, target = tmp_path / "wh.duckdb", tmp_path / "target"
    with_flag = run_csc("build", "--quiet", "--no-checks", "--unit-tests", "--landing", str(MINIMAL_LANDING),
                        "--db", str(db), cwd=tmp_path, target=target)
    assert with_flag.returncode == 0, with_flag.stdout + with_flag.stderr
    declared = _unit_test_ids(target)
    assert len(declared) >= 28  # the boundary tests in models/**/_*unit_tests.yml
    ran = {r["unique_id"]: r["status"] for r in _results(target) if r["unique_id"].startswith("unit_test.")}
    assert set(ran) == declared, f"unit tests not run: {sorted(declared - set(ran))[:5]}"
    assert set(ran.values()) == {"pass"}, {k: v for k, v in ran.items() if v != "pass"}

    without = run_csc("build", "--quiet", "--no-checks", "--landing", str(MINIMAL_LANDING),
                      "--db", str(db), cwd=tmp_path, target=target)
    assert without.returncode == 0, without.stdout + without.stderr
    results = _results(target)
    assert not [r for r in results if r["unique_id"].startswith("unit_test.")]
    assert any(r["unique_id"].startswith("test.") for r in results)  # the data tests still run
