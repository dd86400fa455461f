"""The authority's benchmark and targets files: refused before dbt runs, by file, row and column."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from warehouse_helpers import MINIMAL_LANDING, TEST_PSEUDONYM_KEY

from csc.authority_files import (
    AuthorityFileError,
    authority_file_vars,
    check_benchmarks,
    check_targets,
    read_catalogue,
)
from csc.cli import main
from csc.dbt_runner import run_dbt
from csc.paths import WarehousePaths, find_project_dir

PROJECT = find_project_dir()
EXAMPLES = PROJECT / "docs" / "examples"
BENCHMARK_HEADER = "kpi_id,comparator,collection_year,year_end_date,benchmark_value,source\n"
TARGET_HEADER = "kpi_id,target,amber_band,applies_from\n"


@pytest.fixture(scope="module")
def catalogue():
    return read_catalogue(PROJECT)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(check, path: Path, catalogue) -> list[str]:
    with pytest.raises(AuthorityFileError) as caught:
        check(path, catalogue)
    assert str(path) in str(caught.value) and "Fix the file and build again" in str(caught.value)
    return caught.value.problems


def _assert_problems(problems: list[str], expected: list[str]) -> None:
    """One problem per expected start, in order."""
    assert len(problems) == len(expected), problems
    for problem, start in zip(problems, expected):
        assert problem.startswith(start), (problem, start)


def test_the_example_files_are_usable(catalogue) -> None:
    benchmarks = check_benchmarks(EXAMPLES / "authority-benchmarks.csv", catalogue)
    targets = check_targets(EXAMPLES / "kpi-targets.csv", catalogue)
    assert authority_file_vars(PROJECT, benchmarks, targets) == {
        "authority_benchmarks_file": str(benchmarks), "kpi_targets_file": str(targets)}
    assert authority_file_vars(PROJECT, None, None) == {}


def test_benchmark_file_problems_name_row_column_and_value(tmp_path: Path, catalogue) -> None:
    path = _write(tmp_path, "bench.csv", BENCHMARK_HEADER + "\n".join([
        "rereferral_rate,good_la,Oct 2021,2021-10-20,19,Council report",  # row 1: fine
        "no_such_kpi,good_la,Oct 2021,2021-10-20,19,Council report",
        "rereferral_rate,england,2020-21,2021-03-31,22,DfE",
        "rereferral_rate,region,,2021-03-31,22,ONS",
        "rereferral_rate,region,2020-21,31/03/2021,22,ONS",
        "rereferral_rate,region,2020-21,2021-02-30,22,ONS",
        "rereferral_rate,statistical_neighbours,2020-21,2021-03-31,22%,LAIT",
        "rereferral_rate,statistical_neighbours,2019-20,2020-03-31,0.22e3,LAIT",
        "rereferral_rate,statistical_neighbours,2018-19,2019-03-31,21,",
        "rereferral_rate,good_la,Oct 2021,2021-10-20,18,Council report",
        "caseload_average,region,30 Sep 2021,2021-09-30,150,ONS",  # a ratio may exceed 100
    ]) + "\n")
    problems = _problems(check_benchmarks, path, catalogue)
    expected = [
        "bench.csv row 2, column kpi_id ('no_such_kpi'): not a KPI of the catalogue",
        "bench.csv row 3, column comparator ('england'): use one of statistical_neighbours, region, good_la",
        "bench.csv row 4, column collection_year (blank)",
        "bench.csv row 5, column year_end_date ('31/03/2021'): give the date",
        "bench.csv row 6, column year_end_date ('2021-02-30')",
        "bench.csv row 7, column benchmark_value ('22%'): give a number",
        "bench.csv row 8, column benchmark_value ('0.22e3'): the KPI is a percentage",
        "bench.csv row 9, column source (blank)",
        "bench.csv row 10: the same kpi_id, comparator and year_end_date as row 1",
    ]
    _assert_problems(problems, expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kpi_id,comparator,year,value\nx,y,z,1\n", "is missing column(s) collection_year, year_end_date, benchmark_value, source"),
        ("", "has no header row"),
        (BENCHMARK_HEADER + "rereferral_rate,good_la,Oct 2021,2021-10-20,19,A, B\n", "row 1 has 7 fields but the header has 6"),
    ],
)
def test_benchmark_file_shape_problems(tmp_path: Path, catalogue, text: str, message: str) -> None:
    problems = _problems(check_benchmarks, _write(tmp_path, "b.csv", text), catalogue)
    assert any(message in problem for problem in problems), problems


def test_not_utf8_and_missing_files(tmp_path: Path, catalogue) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes((BENCHMARK_HEADER + "rereferral_rate,good_la,Oct 2021,2021-10-20,19,Caf\xe9\n").encode("latin-1"))
    assert "is not UTF-8 text" in _problems(check_benchmarks, path, catalogue)[0]
    assert "does not exist" in _problems(check_targets, tmp_path / "none.csv", catalogue)[0]


def test_targets_file_problems(tmp_path: Path, catalogue) -> None:
    path = _write(tmp_path, "targets.csv", TARGET_HEADER + "\n".join([
        "rereferral_rate,19,3,",  # row 1: fine
        "referrals,400,50,",  # neutral
        "assessment_timeliness,eighty,5,",
        "assessment_timeliness,101,5,2021-04",
        "icpc_timeliness,80,-1,",
        "icpc_timeliness,80,2,2021-13",
        "rereferral_rate,18,3,",
        "rereferral_rate,18,3,2021-04",  # fine: another month
    ]) + "\n")
    problems = _problems(check_targets, path, catalogue)
    expected = [
        "targets.csv row 2, column kpi_id ('referrals'): the KPI is neutral",
        "targets.csv row 3, column target ('eighty'): give a number",
        "targets.csv row 4, column target ('101'): the KPI is a percentage",
        "targets.csv row 5, column amber_band ('-1')",
        "targets.csv row 6, column applies_from ('2021-13'): give the first month",
        "targets.csv row 7: the same kpi_id and applies_from as row 1",
    ]
    _assert_problems(problems, expected)


def test_applies_from_is_optional(tmp_path: Path, catalogue) -> None:
    path = _write(tmp_path, "t.csv", "kpi_id,target,amber_band\nrereferral_rate,19,3\n")
    assert check_targets(path, catalogue) == path.resolve()


def test_build_refuses_a_bad_file_before_dbt_runs(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    bad = _write(tmp_path, "targets.csv", TARGET_HEADER + "referrals,400,50,\n")
    result = CliRunner().invoke(main, ["build", "--landing", str(landing), "--db", str(tmp_path / "w.duckdb"),
                                       "--targets", str(bad)])
    assert result.exit_code == 1
    assert "build refused: the targets file" in result.output and "row 1, column kpi_id ('referrals')" in result.output
    assert not (tmp_path / "w.duckdb").exists()


def test_dbt_reads_the_files_with_and_without_applies_from(tmp_path: Path) -> None:
    """The staging models read a checked file by its column names (applies_from may be absent)."""
    targets = _write(tmp_path, "targets.csv", "amber_band,kpi_id,target\n3,rereferral_rate,19\n")
    db = tmp_path / "warehouse.duckdb"
    paths = WarehousePaths(project_dir=PROJECT, db_path=db, landing_dir=MINIMAL_LANDING, target_dir=tmp_path / "target")
    variables = {"authority_benchmarks_file": str(EXAMPLES / "authority-benchmarks.csv"), "kpi_targets_file": str(targets)}
    result = run_dbt(paths, ["run", "--select", "stg_authority__benchmarks", "stg_authority__kpi_targets",
                             "--vars", json.dumps(variables)], pseudonym_key=TEST_PSEUDONYM_KEY)
    assert result.ok, "\n".join(result.output[-30:])
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select * from staging.stg_authority__kpi_targets").fetchall() == [
            ("rereferral_rate", 19.0, 3.0, None)]
        rows = con.execute("select kpi_id, comparator, collection_year, cast(year_end_date as varchar), "
                           "benchmark_value from staging.stg_authority__benchmarks order by kpi_id").fetchall()
    assert rows == [("cp_repeat_plan_rate", "good_la", "Oct 2021", "2021-10-20", 18.0),
                    ("rereferral_rate", "good_la", "Oct 2021", "2021-10-20", 19.0)]
