"""Hostile landing files (issue 10): what a council might really send, and what each one gives.

Every case is either a load error naming the file and what to do, reported with the others in
the one "Landing folder ... cannot be loaded:" error before any model runs (so no figure is
produced), or a documented valid case whose values reach staging unchanged. The cases share
runs, as each dbt parse costs ~10 s: one folder carries every refused file, one (with an
awkward folder name) every accepted one.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from warehouse_helpers import MINIMAL_LANDING, build_staging, dbt, make_paths, run_csc

# Every character a folder name can hold that SQL or DuckDB's file patterns treat specially.
ODD_FOLDER_NAME = "O'Brien \"test\" [x] 50% $HOME {a} *?; é"
# What DuckDB's wildcard reading of ODD_FOLDER_NAME would match instead: `[x]` is the class `x`.
DECOY_FOLDER_NAME = "O'Brien \"test\" x 50% $HOME {a} *?; é"


def write_parquet(target: Path, select_sql: str) -> None:
    """Write the rows of a DuckDB query (paths in it must be plain) to a Parquet file."""
    with duckdb.connect() as con:
        con.execute(f"copy ({select_sql}) to '{target}' (format parquet)")


def csv_to_parquet(landing: Path, table: str, select_list: str) -> None:
    """Replace <table>.csv by <table>.parquet holding `select_list` over the CSV read as text."""
    source = landing / f"{table}.csv"
    write_parquet(landing / f"{table}.parquet", f"select {select_list} from read_csv('{source}', all_varchar = true)")
    source.unlink()


def errors_of(output: str) -> list[str]:
    """The bullet lines of the landing check's one error."""
    assert "cannot be loaded:" in output, output[-3000:]
    return [line.strip()[2:] for line in output.split("cannot be loaded:", 1)[1].splitlines() if line.strip().startswith("- ")]


# --- a 0-byte file on its own: it used to build "OK" with health checks at 0% ---------------

def test_a_zero_byte_file_stops_the_build_as_a_failed_export(tmp_path: Path, landing_copy: Path) -> None:
    (landing_copy / "ssd_cla_health.csv").write_bytes(b"")
    db = tmp_path / "wh.duckdb"
    result = run_csc("build", "--quiet", "--landing", str(landing_copy), "--db", str(db), cwd=tmp_path, target=tmp_path / "target")
    assert result.returncode != 0
    assert ("csc: build failed: Landing folder " + str(landing_copy) + " cannot be loaded: landing file ssd_cla_health.csv "
            "is empty (0 bytes, no header): this looks like a failed export; export the table again (a table with no rows "
            "is sent as a header-only file)") in result.stderr
    assert "Build OK" not in result.stdout
    assert not db.exists(), "no warehouse (and so no health-check figure) may be produced"


# --- every refused file at once --------------------------------------------------------------

@pytest.fixture(scope="module")
def refused_build(project_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    work = tmp_path_factory.mktemp("refused")
    landing = work / "landing"
    shutil.copytree(MINIMAL_LANDING, landing)
    (landing / "ssd_cin_visits.csv").write_bytes(b"\n  \r\n\t\n")                      # blank lines only
    (landing / "ssd_cp_visits.csv").unlink()                                            # a folder in its place
    (landing / "ssd_cp_visits.csv").mkdir()
    (landing / "ssd_cp_visits.csv" / "ssd_cp_visits.csv").write_text("cppv_cp_visit_id\n", encoding="utf-8")
    csv_to_parquet(landing, "ssd_legal_status", "*")                                    # cut short
    legal = landing / "ssd_legal_status.parquet"
    legal.write_bytes(legal.read_bytes()[: legal.stat().st_size // 2])
    (landing / "ssd_cla_visits.csv").rename(landing / "ssd_cla_visits.parquet")         # a CSV named .parquet
    csv_to_parquet(landing, "ssd_person",                                                # fractional person ids
                   "* replace (cast(substr(pers_person_id, 2) as double) + 0.5 as pers_person_id)")
    csv_to_parquet(landing, "ssd_cin_plans", "* replace (cast(cinp_cin_plan_team as blob) as cinp_cin_plan_team)")
    (landing / "ssd_s47_enquiry.csv").unlink()                                          # a dangling link
    (landing / "ssd_s47_enquiry.csv").symlink_to(work / "exports" / "ssd_s47_enquiry.csv")
    with (landing / "ssd_department.csv").open("a", encoding="utf-8") as handle:        # one huge line
        handle.write("T09," + "x" * 3_000_000 + ",,\n")
    paths = make_paths(project_dir, work, landing)
    result = dbt(paths, "build")
    assert not result.ok
    return "\n".join(result.output), paths.db_path


def test_nothing_is_built(refused_build):
    with duckdb.connect(str(refused_build[1]), read_only=True) as con:
        assert con.execute("select count(*) from information_schema.tables").fetchall() == [(0,)]


def test_blank_lines_only_is_the_same_failed_export(refused_build):
    assert ("landing file ssd_cin_visits.csv is empty (7 bytes of blank lines or spaces only, no header): this looks "
            "like a failed export; export the table again (a table with no rows is sent as a header-only file)") in errors_of(refused_build[0])


def test_a_folder_named_like_a_file_is_named(refused_build):
    assert ("landing file ssd_cp_visits.csv is a folder, not a file; put the table's file itself in the landing folder"
            in errors_of(refused_build[0]))


def test_a_truncated_parquet_file_is_one_line_naming_it(refused_build):
    errors = errors_of(refused_build[0])
    assert any(re.fullmatch(r"landing file ssd_legal_status\.parquet \(\d+ bytes\) is not a readable Parquet file: "
                            r"truncated or not Parquet; export it again", line) for line in errors), errors
    assert "magic" not in refused_build[0].lower()


def test_a_file_that_is_not_parquet_is_named(refused_build):
    assert any(line.startswith("landing file ssd_cla_visits.parquet (") and "is not a readable Parquet file" in line
               for line in errors_of(refused_build[0]))


def test_a_fractional_parquet_person_id_names_file_column_and_type(refused_build):
    assert ("landing file ssd_person.parquet: column pers_person_id is DOUBLE and 5 of its values are not whole numbers "
            "held exactly (first on row 1), so the ids cannot be known; ids are text in the contract: export ids as text"
            in errors_of(refused_build[0]))


def test_a_binary_parquet_column_is_named(refused_build):
    assert ("landing file ssd_cin_plans.parquet: column cinp_cin_plan_team is BLOB (binary); export it as text "
            "(a UTF-8 string column)" in errors_of(refused_build[0]))


def test_a_dangling_link_is_a_missing_file(refused_build):
    assert any(line.startswith("missing file ssd_s47_enquiry.csv") for line in errors_of(refused_build[0]))


def test_a_huge_single_line_is_named_with_its_line(refused_build):
    assert ("landing file ssd_department.csv has 1 line(s) longer than DuckDB's 2,000,000-byte limit (first: line 7); "
            "a row is one line of a few hundred bytes: look for a missing line ending or an unclosed quote, "
            "and export the table again" in errors_of(refused_build[0]))


def test_every_refused_file_is_in_the_one_error(refused_build):
    errors = errors_of(refused_build[0])
    assert len(errors) == 8, errors
    assert refused_build[0].count("cannot be loaded:") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode, so chmod 000 cannot be tried here")
def test_an_unreadable_file_is_named(tmp_path: Path, landing_copy: Path, project_dir: Path) -> None:
    (landing_copy / "ssd_cla_health.csv").chmod(0)
    result = dbt(make_paths(project_dir, tmp_path, landing_copy), "run", "--select", "stg_ssd__persons")
    assert not result.ok
    output = "\n".join(result.output)
    assert "ssd_cla_health.csv" in output and "Permission denied" in output


# --- every accepted variation, in a folder with an awkward name ------------------------------

def make_accepted_landing(plain: Path) -> None:
    """A landing folder with numeric person ids and typed Parquet files, CRLF and blank header names."""
    for csv_file in plain.glob("*.csv"):                                                # P001 -> 1001
        csv_file.write_text(re.sub(r"\bP00(\d)\b", r"100\1", csv_file.read_text(encoding="utf-8")), encoding="utf-8")
    csv_to_parquet(plain, "ssd_person", "* replace (cast(pers_person_id as double) as pers_person_id)")
    csv_to_parquet(plain, "ssd_cla_health",
                   "* replace (cast(substr(clah_health_check_id, 2) as bigint) as clah_health_check_id, "
                   "cast(clah_health_check_date as date) as clah_health_check_date)")
    csv_to_parquet(plain, "ssd_cin_visits",
                   "* replace (cast(substr(cinv_cin_visit_id, 2) as decimal(10, 2)) as cinv_cin_visit_id, "
                   "timestamptz '2021-06-30 23:30:00+00' as cinv_cin_visit_date, "
                   "cinv_cin_visit_seen = 'Y' as cinv_cin_visit_seen)")
    csv_to_parquet(plain, "ssd_cp_visits",
                   "* replace (timestamp '2021-10-13 09:05:06.789' as cppv_cp_visit_date, "
                   "cppv_cp_visit_seen = 'Y' as cppv_cp_visit_seen)")
    episodes = plain / "ssd_cin_episodes.csv"                                           # Windows line endings
    episodes.write_bytes(episodes.read_bytes().replace(b"\n", b"\r\n"))
    professionals = plain / "ssd_professionals.csv"                                     # a quote in an extra column's name
    lines = professionals.read_text(encoding="utf-8").splitlines()
    professionals.write_text("\n".join([lines[0] + ",manager's note"] + [line + ",ok" for line in lines[1:]]) + "\n", encoding="utf-8")
    department = plain / "ssd_department.csv"                                           # Excel's blank columns
    department.write_text("".join(line + ",,\n" for line in department.read_text(encoding="utf-8").splitlines()), encoding="utf-8")


@pytest.fixture(scope="module")
def accepted_build(project_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("accepted")
    plain = work / "plain"
    shutil.copytree(MINIMAL_LANDING, plain)
    make_accepted_landing(plain)
    landing = work / ODD_FOLDER_NAME
    shutil.copytree(plain, landing)
    decoy = work / DECOY_FOLDER_NAME
    shutil.copytree(plain, decoy)
    header = (decoy / "ssd_cin_episodes.csv").read_bytes().splitlines()[0]
    (decoy / "ssd_cin_episodes.csv").write_bytes(header + b"\n")
    with duckdb.connect(str(build_staging(project_dir, work, landing)), read_only=True) as con:
        yield con


def rows(con, sql):
    return con.execute(sql).fetchall()


def test_an_awkward_folder_name_is_read_and_not_its_wildcard_twin(accepted_build):
    assert rows(accepted_build, "select count(*) from staging.stg_ssd__cin_episodes") == [(5,)]


def test_whole_number_double_person_ids_read_as_written_so_no_referral_is_orphaned(accepted_build):
    assert rows(accepted_build, "select pers_person_id from landing.ssd_person order by 1") == [
        ("1001",), ("1002",), ("1003",), ("1004",), ("1005",)]
    assert rows(accepted_build, """
        select count(*) from staging.stg_ssd__cin_episodes as episodes
        where not exists (select 1 from staging.stg_ssd__persons as persons where persons.child_key = episodes.child_key)
    """) == [(0,)]


def test_integer_and_date_parquet_columns_read_as_text_in_the_contract_form(accepted_build):
    assert rows(accepted_build, "select clah_health_check_id, clah_health_check_date from landing.ssd_cla_health order by 1") == [
        ("1", "2021-03-01"), ("2", "2021-04-01")]


def test_decimal_ids_timezone_timestamps_and_booleans_read_as_text(accepted_build):
    assert rows(accepted_build, "select cinv_cin_visit_id, cinv_cin_visit_date, cinv_cin_visit_seen from landing.ssd_cin_visits") == [
        ("1", "2021-07-01 00:30:00", "true")]
    assert rows(accepted_build, "select cin_visit_date, is_child_seen from staging.stg_ssd__cin_visits") == [
        (date(2021, 7, 1), True)]


def test_timestamps_read_to_the_second(accepted_build):
    assert rows(accepted_build, "select cppv_cp_visit_date, cppv_cp_visit_seen from landing.ssd_cp_visits") == [
        ("2021-10-13 09:05:06", "true")]


def test_windows_line_endings_leave_no_carriage_return(accepted_build):
    assert rows(accepted_build, "select count(*) from landing.ssd_cin_episodes where cine_referral_worker_id like '%' || chr(13)") == [(0,)]
    assert rows(accepted_build, "select count(*) from landing.ssd_cin_episodes where cine_referral_worker_id = 'W01'") == [(2,)]


def test_an_extra_column_named_with_a_quote_is_ignored(accepted_build):
    assert rows(accepted_build, "select count(*) from staging.stg_ssd__professionals") == [(3,)]


def test_blank_trailing_header_names_are_ignored_columns(accepted_build):
    assert rows(accepted_build, "select count(*) from staging.stg_ssd__departments") == [(5,)]


def test_a_folder_path_with_a_backslash_and_a_wildcard_is_one_clear_error(tmp_path: Path, project_dir: Path) -> None:
    landing = tmp_path / "exports\\2021 [final]"
    shutil.copytree(MINIMAL_LANDING, landing)
    result = dbt(make_paths(project_dir, tmp_path, landing), "run", "--select", "stg_ssd__persons")
    assert not result.ok
    assert errors_of("\n".join(result.output)) == [
        "its path holds a backslash (\\) and one of * ? [ , a mix DuckDB cannot read literally; "
        "rename the folder or move the files to a folder without these characters"]


def test_a_folder_name_with_a_backslash_a_newline_and_quotes_is_read(tmp_path: Path, project_dir: Path) -> None:
    landing = tmp_path / "O'Brien\\exports\n\"2021\" $HOME"
    shutil.copytree(MINIMAL_LANDING, landing)
    paths = make_paths(project_dir, tmp_path, landing)
    result = dbt(paths, "run", "--select", "+stg_ssd__persons")
    assert result.ok, "\n".join(result.output[-20:])
    with duckdb.connect(str(paths.db_path), read_only=True) as con:
        assert con.execute("select count(*) from staging.stg_ssd__persons").fetchall() == [(5,)]
