"""`csc export --xlsx` on the synthetic warehouse: sheets, headers, values equal to the
warehouse's, suppressed figures written as 'c'."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from csc.export import DEFAULT_MONTHS, KPI_COLUMNS, export_command

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def workbook_path(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "kpis.xlsx"
    result = CliRunner().invoke(export_command, ["--db", str(warehouse), "--xlsx", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def workbook(workbook_path: Path):
    return load_workbook(workbook_path)


def _rows(con: duckdb.DuckDBPyConnection, where: str) -> list[tuple]:
    return con.execute(
        "select kpi_id, strftime(period_month, '%Y-%m'), breakdown, breakdown_value, value, is_suppressed "
        f"from marts.fct_kpi_values_benchmarked where {where} order by 1, 2, 3, 4").fetchall()


def _months(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The periods up to the workbook's default month, the report's: the last complete month
    (the extract month, to 20/10/2021, is not complete)."""
    return [r[0] for r in con.execute(
        "select strftime(period_month, '%Y-%m') from marts.dim_reporting_periods "
        "where period_end = last_day(period_month) order by period_month").fetchall()]


def test_the_sheets(workbook, warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        breakdowns = {r[0] for r in con.execute(
            "select distinct breakdown from marts.fct_kpi_values_benchmarked where breakdown <> 'all'").fetchall()}
    assert workbook.sheetnames[:2] == ["README", "KPIs"] and workbook.sheetnames[-1] == "Catalogue"
    # One sheet per breakdown (Locality, Team, Service, ...).
    assert len(workbook.sheetnames) == 3 + len(breakdowns)
    assert {"Locality", "Team", "Category of abuse"} <= set(workbook.sheetnames)


def test_the_wide_sheet_is_kpi_by_month_in_catalogue_order(workbook, warehouse: Path) -> None:
    sheet = workbook["KPIs"]
    header = [c.value for c in sheet[1]]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        months = _months(con)
        catalogue = [r[0] for r in con.execute(
            "select kpi_id from reference.kpi_catalogue order by area_order, kpi_order, kpi_id").fetchall()]
    assert header == [*KPI_COLUMNS, *months[-DEFAULT_MONTHS:], "Note"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == catalogue


def test_every_figure_is_the_warehouses_and_suppressed_ones_are_c(workbook, warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        months = _months(con)[-DEFAULT_MONTHS:]
        rows = _rows(con, f"period_month between date '{months[0]}-01' and date '{months[-1]}-01'")
    sheets = {"all": workbook["KPIs"], "locality": workbook["Locality"], "team": workbook["Team"]}
    index = {}
    for breakdown, sheet in sheets.items():
        header = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2, values_only=True):
            value = "all" if breakdown == "all" else row[3]
            for month in months:
                index[(row[0], month, breakdown, value)] = row[header.index(month)]
    checked = suppressed = 0
    for kpi_id, month, breakdown, value, number, is_suppressed in rows:
        if breakdown not in sheets:
            continue
        cell = index[(kpi_id, month, breakdown, value)]
        if is_suppressed:
            assert cell == "c", (kpi_id, month, breakdown, value, cell)
            suppressed += 1
        elif number is None:
            assert cell is None
        else:
            assert cell == pytest.approx(number), (kpi_id, month, breakdown, value)
            checked += 1
    assert checked > 100 and suppressed > 0


def test_no_suppressed_number_is_anywhere_in_the_workbook(workbook, warehouse: Path) -> None:
    """A suppressed figure is 'c' in every sheet: the count of 'c' cells is the count of suppressed rows shown."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        months = _months(con)[-DEFAULT_MONTHS:]
        hidden = con.execute(
            "select count(*) from marts.fct_kpi_values_benchmarked "
            f"where is_suppressed and period_month between date '{months[0]}-01' and date '{months[-1]}-01'"
        ).fetchone()[0]
    cs = sum(1 for name in workbook.sheetnames[1:-1] for row in workbook[name].iter_rows(values_only=True)
             for cell in row if cell == "c")
    assert cs == hidden > 0


def test_the_readme_and_catalogue(workbook, warehouse: Path) -> None:
    readme = dict(workbook["README"].iter_rows(min_row=2, values_only=True))
    assert readme["Suppression symbol"] == "c"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        threshold = con.execute("select distinct suppression_threshold from marts.fct_kpi_values_published").fetchone()
    assert readme["Suppression threshold"] == str(threshold[0])
    # the report's default month, the last complete one: September 2021 (the extract is at 20/10/2021)
    assert readme["Report month"] == "September 2021"
    assert readme["Data date"].startswith("figures as at 30/09/2021")
    assert readme["Extract date"] == "20/10/2021" and readme["Generated at"]
    catalogue = workbook["Catalogue"]
    header = [c.value for c in catalogue[1]]
    assert {"kpi_id", "kpi_name", "definition", "benchmark_england_source"} <= set(header)
    assert catalogue.max_row - 1 == workbook["KPIs"].max_row - 1


def test_all_months_and_a_clear_error_for_a_month_that_is_not_a_period(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    result = CliRunner().invoke(export_command, ["--db", str(warehouse), "--xlsx", str(out), "--months", "0"])
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(warehouse), read_only=True) as con:
        months = _months(con)
    assert [c.value for c in load_workbook(out)["KPIs"][1]][len(KPI_COLUMNS):-1] == months
    result = CliRunner().invoke(export_command, ["--db", str(warehouse), "--xlsx", str(out), "--month", "1999-01"])
    assert result.exit_code != 0 and "not a reporting period" in result.output
    result = CliRunner().invoke(export_command, ["--db", str(warehouse)])
    assert result.exit_code != 0 and "--xlsx PATH" in result.output
