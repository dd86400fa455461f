"""`csc validate` end to end on the synthetic returns: the findings loaded into the warehouse are
exactly what the DfE engines report when run directly, rule by rule; refusals on a changed file
and on files that do not match the return marts."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from csc.cli import main
from csc.returns import validate
from dfe_helpers import YEAR, child_key, copy_returns, dfe_env, make_return_marts, run_engine_directly
from warehouse_helpers import MINIMAL_LANDING

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def validated(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The fixture returns validated once into a warehouse holding their return marts."""
    work = tmp_path_factory.mktemp("validate")
    returns_folder = copy_returns(work / "returns")
    db_path = work / "warehouse.duckdb"
    make_return_marts(db_path, returns_folder)
    env = dfe_env()
    result = CliRunner().invoke(main, ["validate", "--db", str(db_path), "--returns", str(returns_folder)],
                                env={"CSC_LANDING_DIR": str(MINIMAL_LANDING)})
    assert result.exit_code == 0, result.output
    return {"work": work, "returns": returns_folder, "db": db_path, "env": env, "output": result.output}


def _loaded(db_path: Path, return_name: str) -> set[tuple[str, str, int]]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = con.execute("select rule_code, coalesce(engine_table, ''), coalesce(return_row, 0) - 1 "
                           "from data_quality.dq_dfe_findings where statutory_return = ? and collection_year = ?",
                           [return_name, YEAR]).fetchall()
    assert len(rows) == len(set(rows)), "one finding per (rule, table, row)"
    return {(code, table, row) for code, table, row in rows}


@pytest.mark.parametrize(("return_name", "files"), [
    ("ssda903", "ssda903/*.csv"),
    ("cin", "cin_census/cin_census.xml"),
])
def test_findings_are_exactly_the_engines_own(validated: dict, return_name: str, files: str) -> None:
    run = json.loads((validated["returns"] / "validation" / return_name / "run.json").read_text())
    direct = run_engine_directly(validated["env"], return_name, run["ruleset"],
                                 sorted(validated["returns"].glob(files)), validated["work"])
    loaded = _loaded(validated["db"], return_name)
    expected = {(code, table, row) for code, table, row in direct["findings"]}
    assert expected, "the fixture has deliberate errors: the engine must flag some"
    for code in sorted(set(direct["rules"])):
        assert {f for f in loaded if f[0] == code} == {f for f in expected if f[0] == code}, f"rule {code}"
    with duckdb.connect(str(validated["db"]), read_only=True) as con:
        summary = dict(con.execute(
            "select rule_code, records from data_quality.dq_dfe_rule_summary where statutory_return = ? "
            "and collection_year = ?", [return_name, YEAR]).fetchall())
    assert set(summary) == set(direct["rules"]), "every rule run is in the summary, zero counts included"
    for code, records in summary.items():
        assert records == len({f for f in expected if f[0] == code and f[2] >= 0}), f"rule {code}"


def test_at_least_250_ssda903_and_80_cin_rules_run(validated: dict) -> None:
    with duckdb.connect(str(validated["db"]), read_only=True) as con:
        counts = dict(con.execute("select statutory_return, count(*) from data_quality.dq_dfe_rule_summary "
                                  "group by statutory_return").fetchall())
    assert counts["ssda903"] >= 250 and counts["cin"] >= 80, counts


def test_findings_carry_the_trace_not_the_child_id(validated: dict) -> None:
    with duckdb.connect(str(validated["db"]), read_only=True) as con:
        columns = {row[0] for row in con.execute(
            "select column_name from information_schema.columns where table_name = 'dq_dfe_findings'").fetchall()}
        rows = con.execute("select return_table, return_row, child_key, landing_table, landing_row_number "
                           "from data_quality.dq_dfe_findings where return_table = 'rpt_ssda903__episodes'").fetchall()
    assert not columns & {"child_id", "CHILD", "LAchildID"}
    assert rows and all(key.startswith("key-T") and landing == "landing_episodes" and number == 100 + row
                        for _, row, key, landing, number in rows)


def test_ruleset_fallback_is_said(validated: dict) -> None:
    assert "no lac ruleset for 2021-22" in validated["output"] and "using the nearest, lac2022_23" in validated["output"]
    with duckdb.connect(str(validated["db"]), read_only=True) as con:
        notes = dict(con.execute("select statutory_return, ruleset_note from dfe_validation.runs").fetchall())
    assert "using the nearest, cin2022_23" in notes["cin"]


def test_analyst_list_is_restricted_and_has_the_child_ids(validated: dict) -> None:
    path = validated["returns"] / "findings" / f"RESTRICTED_dfe_findings_{YEAR}.csv"
    text = path.read_text(encoding="utf-8")
    assert "RESTRICTED" in path.name and "RESTRICTED: child-level" in text.splitlines()[1]
    assert "T0002" in text and "T0102" in text
    assert "RESTRICTED" in (path.parent / "README.txt").read_text(encoding="utf-8")


def test_analyst_list_gives_each_fields_value_for_both_returns(validated: dict) -> None:
    path = validated["returns"] / "findings" / f"RESTRICTED_dfe_findings_{YEAR}.csv"
    with path.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["fields"] and row["return_row"]]
    for return_name in ("ssda903", "cin"):
        listed = [row for row in rows if row["return"] == return_name]
        assert listed, f"the fixture has {return_name} findings on fields"
        for row in listed:
            names = [pair.split("=", 1)[0] for pair in row["values"].split("; ")]
            assert names == row["fields"].split(";"), row
        assert any(pair.split("=", 1)[1] for row in listed for pair in row["values"].split("; ")), return_name


def test_a_changed_file_is_refused(tmp_path: Path) -> None:
    folder = copy_returns(tmp_path)
    with (folder / "ssda903" / "episodes.csv").open("a", encoding="utf-8") as handle:
        handle.write("T0009,01/01/2022,S,C2,N1,U4,PR1,,,,,,\n")
    with pytest.raises(validate.ValidationError, match="episodes.csv has changed since csc returns wrote it"):
        validate.check_returns(folder)


def test_a_year_other_than_the_manifests_is_refused(tmp_path: Path) -> None:
    with pytest.raises(validate.ValidationError, match="of the collection year 2021-22, not 2022-23"):
        validate.check_returns(copy_returns(tmp_path), "2022-23")


def test_files_that_do_not_match_the_marts_are_refused(validated: dict, tmp_path: Path) -> None:
    db_path = tmp_path / "warehouse.duckdb"
    shutil.copyfile(validated["db"], db_path)
    with duckdb.connect(str(db_path)) as con:
        con.execute("delete from returns.rpt_ssda903__episodes where return_row = 4")
        before = con.execute("select count(*) from dfe_validation.findings").fetchone()
    result = CliRunner().invoke(main, ["validate", "--db", str(db_path), "--returns", str(validated["returns"])],
                                env={"CSC_LANDING_DIR": str(MINIMAL_LANDING)})
    assert result.exit_code == 1
    assert "the return files and the warehouse disagree: the ssda903 table Episodes has 4 rows" in result.output
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("select count(*) from dfe_validation.findings").fetchone() == before, "nothing loaded"
    assert child_key("T0001") == "key-T0001"


def test_published_summary_and_report_rows(validated: dict) -> None:
    """The suppressed summary csc publish copies (its columns all there) and the report's rows."""
    from csc.publish import DFE_SUMMARY_COLUMNS, _select_columns
    from csc.report.disclosure import PUBLISHED_DFE_MODEL
    from csc.report.render import _dfe_rows, _dfe_views

    with duckdb.connect(str(validated["db"]), read_only=True) as con:
        select = _select_columns(con, f"data_quality.{PUBLISHED_DFE_MODEL}", DFE_SUMMARY_COLUMNS, PUBLISHED_DFE_MODEL)
        published = con.execute(select).fetchall()
        flagged, returns = _dfe_views(_dfe_rows(con))
    assert len(published) >= 250 + 80
    assert all(records is None for *_, records, suppressed in published if suppressed)
    by_return = {line["statutory_return"]: line for line in returns}
    assert by_return["ssda903"]["rules"] >= 250 and by_return["cin"]["rules"] >= 80
    assert flagged and all(row["records_text"] for row in flagged)
    assert {row["records_text"] for row in flagged} <= {"c"} | {str(n) for n in range(5, 1000)}


@pytest.mark.parametrize(("args", "message"), [
    (["--year", "2021-2"], "--year '2021-2': expected a collection year like 2021-22"),
    ([], "no collection year: give --year or --returns"),
    (["--returns", "{tmp}"], "no returns_manifest.json in"),
])
def test_what_to_validate_is_said_when_missing(tmp_path: Path, args: list[str], message: str) -> None:
    args = [arg.format(tmp=tmp_path) for arg in args]
    result = CliRunner().invoke(main, ["validate", "--db", str(tmp_path / "none.duckdb"), *args])
    assert result.exit_code == 1 and message in result.output


def test_a_missing_landing_folder_is_said_before_the_engines_run(tmp_path: Path) -> None:
    folder = copy_returns(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--db", str(tmp_path / "w.duckdb"), "--returns", str(folder)],
                                env={"CSC_LANDING_DIR": str(tmp_path / "no-landing")})
    assert result.exit_code == 1 and "set CSC_LANDING_DIR to the folder the warehouse was built from" in result.output
    assert not (folder / "validation").exists()


def test_a_validate_that_fails_after_loading_leaves_the_warehouse_as_it_was(
        validated: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The findings go into a working copy: a failure after they were written there changes nothing."""
    from csc.returns.writer import sha256_of

    db_path = tmp_path / "warehouse.duckdb"
    shutil.copyfile(validated["db"], db_path)
    for kept in validated["db"].parent.glob(validated["db"].name + ".*"):  # its key and state beside it
        if kept.is_file():
            shutil.copyfile(kept, tmp_path / kept.name)
    before = sha256_of(db_path)
    loaded = validate.load

    def load_then_fail(*args, **kwargs):
        loaded(*args, **kwargs)
        raise validate.ValidationError("stopped after loading (the test's failure)")

    monkeypatch.setattr(validate, "load", load_then_fail)
    result = CliRunner().invoke(main, ["validate", "--db", str(db_path), "--returns", str(validated["returns"])],
                                env={"CSC_LANDING_DIR": str(MINIMAL_LANDING)})
    assert result.exit_code == 1
    assert "stopped after loading (the test's failure)" in result.output
    assert sha256_of(db_path) == before, "the warehouse file is byte for byte as it was"
    assert not list(tmp_path.glob("*.wal")), "no write-ahead log of a half-written load"
    monkeypatch.setattr(validate, "load", loaded)
    again = CliRunner().invoke(main, ["validate", "--db", str(db_path), "--returns", str(validated["returns"])],
                               env={"CSC_LANDING_DIR": str(MINIMAL_LANDING)})
    assert again.exit_code == 0, f"the lock was released: {again.output}"
