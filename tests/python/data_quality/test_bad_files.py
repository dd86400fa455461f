"""Bad landing files (issue 6): each gives a clear message naming the file.

One landing folder carries every bad-file case at once (the landing check reports all the
problems of a folder together), so one dbt run covers them: a missing file, a missing column,
a non-UTF-8 file, a semicolon-delimited file, a file with ragged rows and an empty (0-byte)
file stop the run with one message each; a header-only file is a valid zero-row table, logged
as a warning.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from csc.dbt_runner import run_dbt
from csc.paths import WarehousePaths, find_project_dir

MINIMAL_LANDING = Path(__file__).resolve().parents[1] / "fixtures" / "landing" / "minimal"


def _rewrite(path: Path, transform) -> None:
    path.write_text(transform(path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.fixture(scope="module")
def bad_folder_output(tmp_path_factory) -> str:
    work = tmp_path_factory.mktemp("bad_files")
    landing = work / "landing"
    shutil.copytree(MINIMAL_LANDING, landing)
    (landing / "ssd_cla_health.csv").unlink()                                         # missing file
    _rewrite(landing / "ssd_department.csv", lambda t: t.replace("dept_team_name", "dept_name", 1))  # missing column
    with (landing / "ssd_cin_plans.csv").open("ab") as handle:                        # Latin-1 byte
        handle.write("CP002,R002,P001,2021-10-06,,T02 Café,W02\n".encode("latin-1"))
    _rewrite(landing / "ssd_cp_visits.csv", lambda t: t.replace(",", ";"))           # semicolons
    with (landing / "ssd_legal_status.csv").open("a", encoding="utf-8") as handle:    # ragged rows
        handle.write("L003,P003,C2\nL004,P003,C2,2020-06-01,,extra\n")
    (landing / "ssd_cin_visits.csv").write_bytes(b"")                                # empty
    header = (landing / "ssd_cla_visits.csv").read_text(encoding="utf-8").splitlines()[0]
    (landing / "ssd_cla_visits.csv").write_text(header + "\n", encoding="utf-8")     # header only
    paths = WarehousePaths(project_dir=find_project_dir(), db_path=work / "warehouse.duckdb",
                           landing_dir=landing, target_dir=work / "target")
    result = run_dbt(paths, ["run", "--select", "stg_ssd__persons"])
    assert not result.ok, "a landing folder with bad files must stop the run"
    return "\n".join(result.output)


def test_missing_file_is_named(bad_folder_output):
    assert "missing file ssd_cla_health.csv" in bad_folder_output


def test_missing_column_names_file_and_column(bad_folder_output):
    assert "ssd_department.csv is missing required column(s) dept_team_name" in bad_folder_output


def test_non_utf8_file_is_named_with_its_line(bad_folder_output):
    assert "landing file ssd_cin_plans.csv is not UTF-8 encoded (first invalid text on line 3)" in bad_folder_output


def test_semicolon_file_is_named(bad_folder_output):
    assert "landing file ssd_cp_visits.csv is not comma-separated: its header looks semicolon-separated" in bad_folder_output


def test_ragged_rows_are_named_with_their_lines(bad_folder_output):
    line = next(line for line in bad_folder_output.splitlines() if "ssd_legal_status.csv" in line)
    assert "has 2 row(s) that do not match its header of 5 column(s)" in line
    assert "line 4: missing columns" in line and "line 5: too many columns" in line


def test_empty_file_is_an_error_and_header_only_file_a_warning(bad_folder_output):
    errors = bad_folder_output.split("cannot be loaded:", 1)[1]
    assert "landing file ssd_cin_visits.csv is empty (0 bytes, no header): this looks like a failed export" in errors
    assert "Warning: landing file ssd_cla_visits.csv has a header and no rows; read as zero rows" in bad_folder_output
    assert "ssd_cla_visits.csv" not in errors


def test_every_problem_is_reported_in_one_run(bad_folder_output):
    errors = [line for line in bad_folder_output.splitlines() if line.strip().startswith("- ")]
    named = {name for name in ("ssd_cla_health", "ssd_department", "ssd_cin_plans", "ssd_cp_visits", "ssd_legal_status",
                               "ssd_cin_visits")
             if any(name + ".csv" in line for line in errors)}
    assert len(named) == 6
