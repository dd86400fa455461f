"""Issue 12's must-show: the KPIs an extract without the inspection files (landing part 2) gives
are exactly those it gave before, and the same extract with the part-2 files gives the same rows
for them.

The generator writes the same part-1 journeys with or without part 2 (`--landing-part 1` writes
part 1 alone, byte for byte as before). Both are built; every KPI row of the part-1 build must be
in the full build with the same numerator, denominator and value, except the one KPI that reads
part-2 rows the generator adds to a part-1 file (cin_supervision_order: the SO/ISO legal
statuses). The KPIs that need a part-2 file are left out of the part-1 build, never shown as 0.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse_helpers import run_csc

pytestmark = pytest.mark.slow

SEED = "11"
CHILDREN = "3000"
# reads the SO/ISO rows the generator adds to ssd_legal_status with part 2
READS_PART_TWO_ROWS_OF_A_PART_ONE_FILE = {"cin_supervision_order"}
KEY = "kpi_id, period_month, period_end, breakdown, breakdown_value"


def _build(work: Path, *part: str) -> Path:
    landing, db = work / "landing", work / "warehouse.duckdb"
    target = work / "target"
    for args in (("synth", "--seed", SEED, "--children", CHILDREN, "--quiet", *part, "--out", str(landing)),
                 ("build", "--landing", str(landing), "--db", str(db), "--no-checks", "--quiet")):
        result = run_csc(*args, cwd=work, target=target)
        assert result.returncode == 0, result.stdout + result.stderr
    return db


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    part_one = _build(tmp_path_factory.mktemp("part_one"), "--landing-part", "1")
    full = _build(tmp_path_factory.mktemp("full"))
    con = duckdb.connect()
    con.execute(f"attach '{part_one}' as part_one (read_only)")
    con.execute(f"attach '{full}' as full_build (read_only)")
    yield con
    con.close()


def test_part_one_rows_are_the_same_with_the_part_two_files(builds):
    left_out = ", ".join(f"'{kpi}'" for kpi in READS_PART_TWO_ROWS_OF_A_PART_ONE_FILE)
    missing = builds.execute(f"""
        select {KEY} from part_one.marts.fct_kpi_values where kpi_id not in ({left_out})
        except
        select {KEY} from full_build.marts.fct_kpi_values""").fetchall()
    assert missing == [], f"rows of the part-1 build missing from the full build: {missing[:5]}"
    differing = builds.execute(f"""
        select a.kpi_id, a.period_end, a.breakdown, a.breakdown_value
        from part_one.marts.fct_kpi_values as a
        inner join full_build.marts.fct_kpi_values as b using ({KEY})
        where a.kpi_id not in ({left_out})
            and (a.numerator is distinct from b.numerator or a.denominator is distinct from b.denominator
                 or abs(coalesce(a.value, 0) - coalesce(b.value, 0)) > 1e-9
                 or (a.value is null) <> (b.value is null))""").fetchall()
    assert differing == [], f"part-1 rows that change with the part-2 files: {differing[:5]}"
    assert builds.execute("select count(*) from part_one.marts.fct_kpi_values").fetchone()[0] > 5000


def test_kpis_of_missing_files_are_left_out_not_zero(builds):
    unavailable = {kpi for (kpi,) in builds.execute(
        "select kpi_id from part_one.intermediate.int_kpi_availability where not is_available").fetchall()}
    assert {"contacts", "cp_reviews_timely", "cla_missing_episodes", "case_audits",
            "cla_placed_outside_la"} <= unavailable
    shown = builds.execute("select distinct kpi_id from part_one.marts.fct_kpi_values").fetchall()
    assert not unavailable & {kpi for (kpi,) in shown}
    in_full = {kpi for (kpi,) in builds.execute("select distinct kpi_id from full_build.marts.fct_kpi_values")
               .fetchall()}
    catalogue = {kpi for (kpi,) in builds.execute("select kpi_id from full_build.reference.kpi_catalogue")
                 .fetchall()}
    assert in_full == catalogue, "with every file, every KPI of the catalogue has rows"
