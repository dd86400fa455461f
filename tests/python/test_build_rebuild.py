"""Full `csc build` runs on an existing warehouse (issue 14), in three builds of one warehouse:

- **Unit tests:** `csc build --unit-tests` runs every dbt unit test of the project, and a plain
  `csc build` runs none (they check the SQL on fixed inputs: dbt's guidance is to run them in
  development and CI, which run them here, not on each production build).
- **The file does not grow on a re-run:** a full build drops, from its working copy, the
  relations the previous full build recorded as rebuilt, so the new tables reuse their space.
- **What is not rebuilt carries over:** the incremental care-leaver store keeps the earlier
  extracts' months, and the identity keeps when the warehouse was first built.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from csc.build import _rebuilt_relations, is_full_build
from test_care_leaver_history import MONTH_4, MONTHS_1_TO_3, STORE, landing_with
from warehouse_helpers import run_csc

pytestmark = pytest.mark.slow

# a re-run on the same extract may differ from the first build by a few blocks, never by the
# third or so more that the replaced tables left free before
GROWTH_ALLOWED = 1.05


def test_which_builds_are_full():
    assert is_full_build([])
    assert is_full_build(["--exclude-resource-type", "unit_test", "--vars", "{}", "--full-refresh"])
    assert not is_full_build(["--select", "staging", "--indirect-selection", "cautious"])
    assert not is_full_build(["--exclude", "marts"])
    assert not is_full_build(["--select=staging"])


def _unit_tests(target: Path) -> tuple[set[str], dict[str, str]]:
    """The project's unit tests (manifest) and those the last run ran, with their status."""
    declared = set(json.loads((target / "manifest.json").read_text(encoding="utf-8")).get("unit_tests", {}))
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    ran = {r["unique_id"]: r["status"] for r in results if r["unique_id"].startswith("unit_test.")}
    assert any(r["unique_id"].startswith("test.") for r in results)  # the data tests ran
    return declared, ran


def test_reruns(tmp_path):
    db, target = tmp_path / "wh.duckdb", tmp_path / "target"

    def build(landing: Path, *more: str) -> None:
        result = run_csc("build", "--quiet", "--no-checks", *more, "--landing", str(landing), "--db", str(db),
                         cwd=tmp_path, target=target)
        assert result.returncode == 0, result.stdout + result.stderr

    first_months = landing_with(tmp_path, "months_1_to_3", MONTHS_1_TO_3)
    build(first_months, "--unit-tests")
    declared, ran = _unit_tests(target)
    assert len(declared) >= 28  # the boundary tests in models/**/_*unit_tests.yml
    assert set(ran) == declared, f"unit tests not run: {sorted(declared - set(ran))[:5]}"
    assert set(ran.values()) == {"pass"}, {k: v for k, v in ran.items() if v != "pass"}
    rebuilt = set(_rebuilt_relations(target / "manifest.json"))
    assert ("marts", "fct_kpi_values") in rebuilt and ("intermediate", "int_care_leaver_extracts") not in rebuilt
    with duckdb.connect(str(db), read_only=True) as con:
        recorded = set(con.execute("select schema_name, relation_name from warehouse_meta.rebuilt_relations")
                       .fetchall())
        first_built = con.execute("select first_built_at from warehouse_meta.identity").fetchone()[0]
    assert recorded == rebuilt
    first_size = db.stat().st_size

    build(first_months)
    assert _unit_tests(target)[1] == {}, "a plain csc build ran unit tests"
    assert db.stat().st_size <= first_size * GROWTH_ALLOWED, (
        f"the file grew on a re-run: {first_size:,} -> {db.stat().st_size:,} bytes")

    build(landing_with(tmp_path, "month_4", MONTH_4))
    with duckdb.connect(str(db), read_only=True) as con:
        months = con.execute(f"select count(distinct extract_date) from {STORE}").fetchone()[0]
        assert con.execute("select first_built_at from warehouse_meta.identity").fetchone()[0] == first_built
    assert months == 4, "the care-leaver history of the earlier extracts was lost"
