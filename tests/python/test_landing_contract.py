"""The landing folder contract (landing.md): files, columns and formats, checked at build start.

Each dbt run costs a full parse (~10 s), so the cases share runs: one landing folder carries
every fatal problem at once (the check reports them all together), one carries every
tolerated variation.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest

from warehouse_helpers import MINIMAL_LANDING, build_staging, drop_column, run_csc, to_parquet


@pytest.fixture(scope="module")
def broken_build(project_dir, tmp_path_factory):
    """`csc build` on a landing folder with a missing column, a missing file and a doubled table."""
    work = tmp_path_factory.mktemp("broken")
    landing = work / "landing"
    shutil.copytree(MINIMAL_LANDING, landing)
    drop_column(landing / "ssd_cin_plans.csv", "cinp_cin_plan_start_date")
    (landing / "ssd_cp_visits.csv").unlink()
    to_parquet(landing / "ssd_person.csv")
    return run_csc("build", "--quiet", "--landing", str(landing), "--db", str(work / "wh.duckdb"),
                   cwd=work, target=work / "target")


def test_build_stops_with_a_non_zero_exit(broken_build):
    assert broken_build.returncode != 0


def test_missing_required_column_names_file_and_column(broken_build):
    assert "ssd_cin_plans.csv is missing required column(s) cinp_cin_plan_start_date" in broken_build.stderr


def test_missing_file_is_named(broken_build):
    assert "missing file ssd_cp_visits.csv" in broken_build.stderr


def test_csv_and_parquet_of_one_table_is_an_error(broken_build):
    assert "both ssd_person.csv and ssd_person.parquet" in broken_build.stderr


def test_failure_reason_is_one_line(broken_build):
    reasons = [line for line in broken_build.stderr.splitlines() if line.startswith("csc: build failed")]
    assert len(reasons) == 1


@pytest.fixture(scope="module")
def tolerant_build(project_dir, tmp_path_factory):
    """A landing folder with every tolerated variation, built up to staging."""
    work = tmp_path_factory.mktemp("tolerant")
    landing = work / "landing"
    shutil.copytree(MINIMAL_LANDING, landing)
    drop_column(landing / "ssd_cin_episodes.csv", "cine_referral_worker_id")       # optional column
    department = landing / "ssd_department.csv"                                      # case, extra column
    lines = department.read_text(encoding="utf-8").splitlines()
    department.write_text("\n".join([lines[0].upper() + ",EXTRA_COLUMN"] + [line + ",x" for line in lines[1:]]) + "\n", encoding="utf-8")
    (landing / "ssd_cp_visits.csv").write_text(                                      # header only
        "cppv_cp_visit_id,cppv_person_id,cppv_cp_plan_id,cppv_cp_visit_date,cppv_cp_visit_seen\n", encoding="utf-8")
    person = landing / "ssd_person.csv"                                              # UTF-8 BOM
    person.write_bytes(b"\xef\xbb\xbf" + person.read_bytes())
    to_parquet(landing / "ssd_cp_plans.csv")                                         # a Parquet file among CSVs
    (landing / "ssd_cp_plans.csv").unlink()
    with duckdb.connect(str(build_staging(project_dir, work, landing)), read_only=True) as con:
        yield con


def count(con, sql):
    return con.execute(sql).fetchall()[0][0]


def test_missing_optional_column_reads_as_null(tolerant_build):
    assert count(tolerant_build, "select count(referral_worker_id) from staging.stg_ssd__cin_episodes") == 0
    assert count(tolerant_build, "select count(*) from staging.stg_ssd__cin_episodes") == 5


def test_column_names_match_case_insensitively_and_extra_columns_are_ignored(tolerant_build):
    assert count(tolerant_build, "select count(*) from staging.stg_ssd__departments") == 5


def test_header_only_file_is_zero_rows(tolerant_build):
    assert count(tolerant_build, "select count(*) from staging.stg_ssd__cp_visits") == 0


def test_byte_order_mark_is_accepted(tolerant_build):
    assert count(tolerant_build, "select count(*) from staging.stg_ssd__persons where person_id = 'P001'") == 1


def test_parquet_file_stages_like_csv(tolerant_build):
    row = tolerant_build.execute(
        "select cp_plan_start_date, initial_category_code, landing_row_number from staging.stg_ssd__cp_plans"
    ).fetchall()
    assert [(str(r[0]), r[1], r[2]) for r in row] == [("2021-10-06", "NEG", 1)]
