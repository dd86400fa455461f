"""``csc annex-a``'s writer and command, on a small DuckDB file holding the restricted tables.

The file is made here: the seed annex_a_headings as the project has it, one table per list
(typed as the seed says, plus source_id) with a few rows in some lists (dates, nulls, a
non-ASCII text, rows given out of order) and none in others, and rpt_annex_a__notes.
"""

from __future__ import annotations

import csv
import shutil
import stat
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import csc.annex_a as annex_a
from csc.annex_a import AnnexAError, parse_as_at, produce_annex_a, write_annex_a
from csc.build import BuildOutcome
from csc.cli import main
from csc.dbt_runner import DbtResult
from csc.paths import WarehousePaths
from warehouse_helpers import MINIMAL_LANDING

PROJECT = Path(__file__).resolve().parents[2]
SEED = PROJECT / "seeds" / "reference" / "annex_a_headings.csv"
SQL_TYPES = {"text": "varchar", "date": "date", "number": "integer"}
AS_AT = date(2021, 10, 20)
BUILT_AT = datetime(2021, 10, 21, 9, 30, tzinfo=timezone.utc)
NON_ASCII_TEAM = "Équipe Nord – Ünit 3"

# list name -> rows as {column: value}; columns not given are null. Given out of order.
ROWS = {
    "list_03_referrals": [
        {"source_id": "R9", "child_unique_id": "P10", "referral_date": date(2021, 9, 1),
         "referral_source": "a) 1A: Individual", "referral_nfa": "b) No", "referrals_in_last_12_months": 0,
         "allocated_team": NON_ASCII_TEAM},
        {"source_id": "R2", "child_unique_id": "P2", "gender": "b) Female", "date_of_birth": date(2015, 3, 4),
         "age_of_child_years": 6, "referral_date": date(2021, 8, 2), "referrals_in_last_12_months": 2},
        {"source_id": "R1", "child_unique_id": "P2", "gender": "b) Female", "date_of_birth": date(2015, 3, 4),
         "age_of_child_years": 6, "referral_date": date(2021, 5, 1), "referrals_in_last_12_months": 1},
        {"source_id": "R3", "child_unique_id": "P2", "referral_date": date(2021, 5, 1)},
    ],
    "list_08_cla": [
        {"source_id": "C1", "child_unique_id": "P7", "looked_after_start_date": date(2020, 1, 31),
         "placements_in_last_12_months": 3, "legal_status": "C2: FCO", "placement_postcode": None},
    ],
}
NOTES = [
    ("list_02_early_help", None, "ssd_early_help_episodes is not in the extract"),
    ("list_08_cla", "Placement postcode", "annex_a_restricted_fields is false"),
]


def _seed_rows() -> list[dict[str, str]]:
    with SEED.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _columns_of(list_name: str) -> list[dict[str, str]]:
    return [row for row in _seed_rows() if row["list_name"] == list_name]


def make_restricted_db(path: Path, rows: dict[str, list[dict]] = ROWS, notes=NOTES) -> Path:
    list_names = list(dict.fromkeys(row["list_name"] for row in _seed_rows()))
    with duckdb.connect(str(path)) as con:
        con.execute("create schema reference")
        con.execute("create schema restricted")
        con.execute(f"create table reference.annex_a_headings as select list_name, cast(column_order as integer) "
                    f"as column_order, column_name, heading, value_type from read_csv('{SEED}', header = true, "
                    f"all_varchar = true)")
        for name in list_names:
            columns = _columns_of(name)
            ddl = ", ".join(f"{c['column_name']} {SQL_TYPES[c['value_type']]}" for c in columns)
            con.execute(f"create table restricted.rpt_annex_a__{name} ({ddl}, source_id varchar)")
            names = [c["column_name"] for c in columns] + ["source_id"]
            for row in rows.get(name, []):
                con.execute(f"insert into restricted.rpt_annex_a__{name} ({', '.join(names)}) values "
                            f"({', '.join('?' for _ in names)})", [row.get(column) for column in names])
        con.execute("create table restricted.rpt_annex_a__notes (list_name varchar, heading varchar, reason varchar)")
        con.executemany("insert into restricted.rpt_annex_a__notes values (?, ?, ?)", notes)
    return path


@pytest.fixture()
def restricted_db(tmp_path: Path) -> Path:
    return make_restricted_db(tmp_path / "warehouse.duckdb")


@pytest.fixture()
def written(restricted_db: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out" / "restricted" / "annex_a"
    write_annex_a(restricted_db, out, "E99999999", AS_AT, 6, built_at=BUILT_AT)
    return out


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no UTF-8 byte-order mark"
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def test_writes_the_eleven_lists_with_the_seed_headings(written: Path):
    names = sorted(path.name for path in written.glob("list_*.csv"))
    assert names == [f"{row}.csv" for row in dict.fromkeys(r["list_name"] for r in _seed_rows())]
    for name in names:
        header, *rows = _read_csv(written / name)
        assert header == [c["heading"] for c in _columns_of(name[:-4])]
    assert _read_csv(written / "list_01_contacts.csv")[1:] == []  # header-only


def test_rows_are_sorted_dates_written_dd_mm_yyyy_and_null_blank(written: Path):
    header, *rows = _read_csv(written / "list_03_referrals.csv")
    at = {heading: index for index, heading in enumerate(header)}
    # by child id as text (P10 before P2), then first date column, then source id (R1 before R3)
    assert [(row[at["Child Unique ID"]], row[at["Date of referral"]]) for row in rows] == [
        ("P10", "01/09/2021"), ("P2", "01/05/2021"), ("P2", "01/05/2021"), ("P2", "02/08/2021")]
    assert rows[1][at["Number of Referrals in Last 12 Months"]] == "1"  # R1, then R3 (blank count)
    assert rows[2][at["Number of Referrals in Last 12 Months"]] == ""
    assert rows[1][at["Date of Birth"]] == "04/03/2015" and rows[1][at["Age of Child (Years)"]] == "6"
    assert rows[0][at["Date of Birth"]] == "" and rows[0][at["Gender"]] == ""
    assert rows[0][at["Allocated Team"]] == NON_ASCII_TEAM


def test_notes_name_each_blank_column_and_reason(written: Path):
    header, *rows = _read_csv(written / "annex_a_notes.csv")
    assert header == ["List", "File", "Column", "Reason"]
    assert rows == [["List 2", "list_02_early_help.csv", "(whole list)", NOTES[0][2]],
                    ["List 8", "list_08_cla.csv", "Placement postcode", NOTES[1][2]]]


def test_workbook_readme_first_then_lists_with_date_cells_numbers_and_frozen_header(written: Path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(written / "AnnexA_E99999999_2021-10-20.xlsx")
    assert book.sheetnames == ["README", *(f"List {n}" for n in range(1, 12))]
    referrals = book["List 3"]
    header = [cell.value for cell in referrals[1]]
    assert header == [c["heading"] for c in _columns_of("list_03_referrals")]
    assert referrals.freeze_panes == "A2"
    date_cell = referrals.cell(row=3, column=header.index("Date of referral") + 1)
    assert isinstance(date_cell.value, datetime) and date_cell.value.date() == date(2021, 5, 1)
    assert date_cell.number_format == "dd/mm/yyyy"
    count = referrals.cell(row=3, column=header.index("Number of Referrals in Last 12 Months") + 1)
    assert count.value == 1 and isinstance(count.value, int)
    assert referrals.cell(row=2, column=header.index("Allocated Team") + 1).value == NON_ASCII_TEAM
    assert referrals.cell(row=2, column=header.index("Date of Birth") + 1).value is None
    assert referrals.max_row == 5
    contacts = book["List 1"]
    assert contacts.max_row == 1 and contacts.freeze_panes == "A2"
    assert [cell.value for cell in contacts[1]] == [c["heading"] for c in _columns_of("list_01_contacts")]
    readme = [[cell.value for cell in row] for row in book["README"].iter_rows()]
    values = {row[0]: row[1] for row in readme if row and row[0]}
    assert values["Reference date (R)"].date() == AS_AT
    assert values["Window W6"].startswith("21/04/2021 to 20/10/2021")
    assert values["Local authority"] == "E99999999"
    assert values["Built at (UTC)"] == "21/10/2021 09:30:00"
    assert ["List 8", "Placement postcode", NOTES[1][2]] in readme
    assert ["List 2", "(whole list)", NOTES[0][2]] in readme
    assert ["List 3", "list_03_referrals.csv", 4] in readme and ["List 1", "list_01_contacts.csv", 0] in readme


def test_files_are_private(written: Path):
    for folder in (written, written.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for path in written.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_writing_again_replaces_the_folder(restricted_db: Path, written: Path):
    (written / "stale.csv").write_text("old", encoding="utf-8")
    write_annex_a(restricted_db, written, "E99999999", date(2021, 9, 30), 6, built_at=BUILT_AT)
    assert not (written / "stale.csv").exists()
    assert (written / "AnnexA_E99999999_2021-09-30.xlsx").is_file()
    assert not list(written.parent.glob(".annex_a.*"))


def test_a_model_of_the_wrong_type_is_named(tmp_path: Path):
    db = make_restricted_db(tmp_path / "w.duckdb")
    with duckdb.connect(str(db)) as con:
        con.execute("alter table restricted.rpt_annex_a__list_07_cp alter cp_plan_end_date type varchar")
    with pytest.raises(AnnexAError, match=r"rpt_annex_a__list_07_cp\.cp_plan_end_date .*VARCHAR, not DATE"):
        write_annex_a(db, tmp_path / "out", "E99999999", AS_AT, 6)
    assert not (tmp_path / "out").exists()


def test_a_note_of_a_heading_not_in_the_list_is_refused(tmp_path: Path):
    db = make_restricted_db(tmp_path / "w.duckdb", notes=[("list_03_referrals", "Placement postcode", "x")])
    with pytest.raises(AnnexAError, match="'Placement postcode' of 'list_03_referrals'"):
        write_annex_a(db, tmp_path / "out", "E99999999", AS_AT, 6)


def test_absent_restricted_models_say_build_with_this_version(tmp_path: Path):
    db = make_restricted_db(tmp_path / "w.duckdb")
    with duckdb.connect(str(db)) as con:
        con.execute("drop table restricted.rpt_annex_a__list_05_s47_icpc")
    with pytest.raises(AnnexAError, match="no restricted.rpt_annex_a__list_05_s47_icpc .*build the warehouse "
                                          "with this version of csc"):
        write_annex_a(db, tmp_path / "out", "E99999999", AS_AT, 6)


@pytest.mark.parametrize("value", ["20/10/2021", "2021-13-01", "yesterday", "2021-1-5"])
def test_as_at_must_be_a_date(value: str):
    with pytest.raises(AnnexAError, match="is not a date: give the reference date .* as YYYY-MM-DD"):
        parse_as_at(value)
    assert parse_as_at(" 2021-10-20 ") == AS_AT


def _paths(tmp_path: Path, db: Path) -> WarehousePaths:
    landing = tmp_path / "landing"
    if not landing.exists():
        shutil.copytree(MINIMAL_LANDING, landing)
    return WarehousePaths(project_dir=PROJECT, db_path=db, landing_dir=landing, target_dir=None)


def _fake_build(calls: list, prepare=None):
    """build_warehouse standing in for dbt: records the args, runs after_build on the file as it is."""
    def build(paths, dbt_args, echo=None, after_build=None, **_kwargs):
        calls.append(list(dbt_args))
        if prepare is not None:
            prepare(paths.db_path)
        if after_build is not None:
            after_build(paths, paths.db_path.parent / "gx")
        return BuildOutcome(DbtResult(exit_code=0))
    return build


def test_produce_builds_the_restricted_models_for_r_then_writes(tmp_path: Path, restricted_db: Path, monkeypatch):
    calls: list = []
    monkeypatch.setattr(annex_a, "build_warehouse", _fake_build(calls))
    outcome = produce_annex_a(_paths(tmp_path, restricted_db), "2021-09-30", tmp_path / "out",
                              {"annex_a_months": 12})
    select, selector, flag, given = calls[0]
    assert (select, selector, flag) == ("--select", "annex_a_headings models/restricted/annex_a", "--vars")
    assert '"annex_a_as_at": "2021-09-30"' in given and '"annex_a_months": 12' in given
    assert outcome.out_dir == (tmp_path / "out" / "restricted" / "annex_a").resolve()
    assert outcome.rows["list_03_referrals"] == 4 and outcome.details.months == 12
    assert outcome.details.la_code == "E99999999"


@pytest.mark.parametrize("value", [True, "true", "TRUE", "1", "yes"])
def test_produce_refuses_the_restricted_fields_before_dbt_runs(tmp_path: Path, restricted_db: Path, monkeypatch,
                                                               value):
    calls: list = []
    monkeypatch.setattr(annex_a, "build_warehouse", _fake_build(calls))
    with pytest.raises(AnnexAError, match="annex_a_restricted_fields=true is not supported"):
        produce_annex_a(_paths(tmp_path, restricted_db), None, tmp_path / "out", {"annex_a_restricted_fields": value})
    assert calls == [] and not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", [False, "false", "0"])
def test_produce_accepts_the_restricted_fields_left_off(tmp_path: Path, restricted_db: Path, monkeypatch, value):
    calls: list = []
    monkeypatch.setattr(annex_a, "build_warehouse", _fake_build(calls))
    produce_annex_a(_paths(tmp_path, restricted_db), None, tmp_path / "out", {"annex_a_restricted_fields": value})
    assert len(calls) == 1


def test_produce_defaults_r_to_the_extract_date_and_refuses_a_later_one(tmp_path: Path, restricted_db: Path,
                                                                       monkeypatch):
    calls: list = []
    monkeypatch.setattr(annex_a, "build_warehouse", _fake_build(calls))
    outcome = produce_annex_a(_paths(tmp_path, restricted_db), None, tmp_path / "out")
    assert outcome.details.as_at == AS_AT  # the minimal extract's date
    with pytest.raises(AnnexAError, match="2021-10-21 is after the extract date 2021-10-20"):
        produce_annex_a(_paths(tmp_path, restricted_db), "2021-10-21", tmp_path / "out")


def _run(args: list[str], monkeypatch, tmp_path: Path):
    monkeypatch.setenv("CSC_LANDING_DIR", str(_paths(tmp_path, tmp_path / "none.duckdb").landing_dir))
    return CliRunner().invoke(main, ["annex-a", *args])


def test_cli_writes_and_says_where(tmp_path: Path, restricted_db: Path, monkeypatch):
    monkeypatch.setattr(annex_a, "build_warehouse", _fake_build([]))
    result = _run(["--db", str(restricted_db), "--as-at", "2021-10-20", "--out", str(tmp_path / "o")],
                  monkeypatch, tmp_path)
    assert result.exit_code == 0, result.output
    assert "RESTRICTED" in result.output and "list_03_referrals.csv: 4 row(s)" in result.output
    assert (tmp_path / "o" / "restricted" / "annex_a" / "AnnexA_E99999999_2021-10-20.xlsx").is_file()


def test_cli_without_a_warehouse(tmp_path: Path, monkeypatch):
    result = _run(["--db", str(tmp_path / "missing.duckdb")], monkeypatch, tmp_path)
    assert result.exit_code == 1
    assert "there is no warehouse at" in result.output and "build it first (csc build" in result.output


def test_cli_as_at_not_a_date(tmp_path: Path, restricted_db: Path, monkeypatch):
    result = _run(["--db", str(restricted_db), "--as-at", "31/03/2024"], monkeypatch, tmp_path)
    assert result.exit_code == 1 and "--as-at '31/03/2024' is not a date" in result.output


def test_cli_when_the_restricted_models_are_absent(tmp_path: Path, monkeypatch):
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:  # a warehouse built by a version without Annex A
        con.execute("create schema marts")
        con.execute("create table marts.fct_kpi_values (kpi_id varchar)")
    monkeypatch.setattr(annex_a, "build_warehouse", _fake_build([]))
    result = _run(["--db", str(db)], monkeypatch, tmp_path)
    assert result.exit_code == 1
    assert "annex-a refused" in result.output and "build the warehouse with this version of csc" in result.output


def test_cli_when_dbt_fails_on_a_missing_table(tmp_path: Path, restricted_db: Path, monkeypatch):
    def failing(paths, dbt_args, **_kwargs):
        return BuildOutcome(DbtResult(exit_code=1, output=[
            "Runtime Error in model rpt_annex_a__list_01_contacts",
            "Catalog Error: Table with name stg_ssd__contacts does not exist!"]))
    monkeypatch.setattr(annex_a, "build_warehouse", failing)
    result = _run(["--db", str(restricted_db)], monkeypatch, tmp_path)
    assert result.exit_code == 1
    assert "stg_ssd__contacts does not exist" in result.output and "with this version of csc" in result.output

