"""Honest dates and the seed's tables in the report (issue 13), on a warehouse built by dbt.

The landing folder of test_recruitment_table.py (the minimal extract at 20/10/2021 with the
seed's HR establishment return rebuilt) is built with dbt, then rendered:

* by default the report shows the last complete month (September 2021), not the extract
  month;
* the extract month is a month to date: labelled so, compared with the same days of the
  previous month (the figures of fct_kpi_values_month_to_date_comparison, at 20/09/2021),
  and its chart point marked as partial;
* each section says which data date it shows (the HR return's own date for the workforce);
* the recruitment table has the seed's layout, order and GRAND TOTALS; the CIN summary row
  holds the published figures.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from csc.publish import publish
from csc.report import render_report
from csc.report.formatting import SUPPRESSED_SYMBOL, format_value
from warehouse_helpers import MINIMAL_LANDING, dbt, make_paths

pytestmark = pytest.mark.slow

HR_RETURN = Path(__file__).parent / "fixtures" / "kpi2" / "recruitment" / "hr_establishment.csv"
SEED_ROWS = [
    ["Team Manager", "32.00", "2.50", "7.8%", "70.3%", "40.6%"],
    ["Assistant Team Manager", "14.00", "1.15", "8.2%", "84.6%", "35.7%"],
    ["Social Worker (Exp & ASYE)", "197.01", "36.05", "18.3%", "58.0%", "36.5%"],
    ["Family Practitioner", "67.81", "14.27", "21.0%", "91.6%", "4.4%"],
    ["Personal Adviser (Care Leavers)", "33.81", "5.39", "15.9%", "88.2%", "5.9%"],
]
GRAND_TOTALS = ["GRAND TOTALS", "348.63", "63.36", "18.2%", "69.0%", "27.2%"]


@pytest.fixture(scope="module")
def warehouse(project_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("report_dates")
    landing = tmp / "landing"
    shutil.copytree(MINIMAL_LANDING, landing)
    shutil.copyfile(HR_RETURN, landing / "hr_establishment.csv")
    paths = make_paths(project_dir, tmp / "work", landing)
    result = dbt(
        paths, "build",
        "--select", "+fct_kpi_values_benchmarked", "+fct_kpi_values_month_to_date_comparison",
        "+dim_reporting_periods", "+fct_hr_establishment", "+dim_teams",
        "--resource-type", "seed", "--resource-type", "model",
    )
    assert result.ok, f"dbt build failed: {result.failure_reason()}"
    return paths.db_path


@pytest.fixture(scope="module")
def default_page(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    return render_report(warehouse, None, None, tmp_path_factory.mktemp("out")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def mtd_page(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = render_report(warehouse, None, None, tmp_path_factory.mktemp("out"), month_to_date=True)
    assert path.name == "csc-report-2021-10-to-20.html"
    return path.read_text(encoding="utf-8")


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def _section(page: str, key: str) -> str:
    match = re.search(rf'<section class="area" id="area-{key}".*?</section>', page, flags=re.S)
    assert match, f"no section {key}"
    return match.group(0)


def _table_rows(page: str, name: str) -> list[list[str]]:
    match = re.search(rf'<table[^>]*data-table="{name}".*?</table>', page, flags=re.S)
    assert match, f"no table {name}"
    body = re.search(r"<tbody>(.*?)</tbody>", match.group(0), flags=re.S).group(1)
    return [
        [_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)
    ]


def _kpi(warehouse: Path, table: str, kpi_id: str, breakdown: str = "all", value: str = "all",
         period_end: str | None = None) -> dict:
    where = "and period_end = cast(? as date)" if period_end else ""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute(
            f"select * from marts.{table} where kpi_id = ? and breakdown = ? and breakdown_value = ? {where}",
            [kpi_id, breakdown, value] + ([period_end] if period_end else []),
        )
        names = [c[0] for c in cursor.description]
        rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    assert len(rows) == 1, (table, kpi_id, breakdown, value, rows)
    return rows[0]


def _printed(row: dict, unit: str) -> str:
    return SUPPRESSED_SYMBOL if row["is_suppressed"] else format_value(row["value"], unit)


def test_default_month_is_the_last_complete_month(default_page):
    assert 'data-report-month="2021-09"' in default_page
    assert "Monthly report: September 2021</p>" in default_page
    assert "data-month-to-date" not in default_page and "(month to date" not in default_page
    assert "Figures as at 30/09/2021" in default_page


def test_month_to_date_is_labelled(mtd_page):
    assert 'data-report-month="2021-10"' in mtd_page
    assert "Monthly report: October 2021 (month to date, 1\u201320 October)</p>" in mtd_page
    note = _text(re.search(r"data-month-to-date>(.*?)</p>", mtd_page, flags=re.S).group(1))
    assert "1\u201320 October 2021" in note and "20/09/2021" in note
    # every KPI section states the part month beside its data date
    assert "Data as at 20/10/2021 (month to date: 1\u201320 October 2021)" in _section(mtd_page, "referrals")


def test_month_to_date_is_compared_with_the_same_days_of_the_previous_month(warehouse, mtd_page):
    # the comparison dbt made: every KPI at 20/09/2021 (1-20 September for a count in the month)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        ends = con.execute(
            "select distinct period_end from marts.fct_kpi_values_month_to_date_comparison"
        ).fetchall()
    assert ends == [(dt.date(2021, 9, 20),)]
    article = re.search(r'<article class="kpi" id="kpi-referrals".*?</article>', mtd_page, flags=re.S).group(0)
    change = _text(re.search(r'<div class="change">(.*?)</div>', article, flags=re.S).group(1))
    assert change.endswith("on the same days of September (1\u201320 September)")
    assert "on last month" not in change
    now = _kpi(warehouse, "fct_kpi_values_benchmarked", "referrals", period_end="2021-10-20")
    then = _kpi(warehouse, "fct_kpi_values_month_to_date_comparison", "referrals")
    if not now["is_suppressed"] and not then["is_suppressed"]:
        from csc.report.formatting import format_change
        assert change.startswith(format_change(now["value"] - then["value"], "count"))
    # no better/worse judgement on a part month
    assert "judgement" not in re.search(r'<div class="change">.*?</div>', article, flags=re.S).group(0)
    # a stock is compared with its figure as at 20 September
    stock = re.search(r'<article class="kpi" id="kpi-cin_children".*?</article>', mtd_page, flags=re.S).group(0)
    assert "on the same day of September (20/09/2021)" in _text(stock)


def test_month_to_date_point_is_partial_in_the_chart(mtd_page, default_page):
    spec_text = re.search(r'data-chart="chart-establishment_fte">(.*?)</script>', mtd_page, flags=re.S).group(1)
    spec = json.loads(spec_text)
    trend = spec["datasets"]["trend"]
    assert trend[-1]["month"] == "2021-10-01" and trend[-1]["partial"] is True
    assert trend[-1]["status"] == "month to date (to 20/10/2021)"
    assert not any(point["partial"] for point in trend[:-1])
    assert trend[-2]["before_partial"] is True
    marks = json.dumps(spec["layer"])
    assert '"strokeDash": [4, 3]' in marks and '"shape"' in marks  # dashed segment, legend entry
    default_spec = re.search(r'data-chart="chart-establishment_fte">(.*?)</script>', default_page, flags=re.S)
    assert '"partial"' not in default_spec.group(1)


def test_every_section_states_its_data_date(default_page, mtd_page):
    sections = re.findall(r'<section class="area" id="area-([a-z_]+)"', default_page)
    assert sections
    for key in sections:
        date = re.search(r"data-data-date>(.*?)</p>", _section(default_page, key), flags=re.S)
        assert date, f"section {key} has no data date"
        assert date.group(1).startswith("Data as at ")
    # the workforce section: the HR return's own date (the return at 20/10/2021)
    assert "Data as at 20/10/2021 (HR establishment return)" in _section(mtd_page, "workforce")
    assert "Data as at 30/09/2021 (HR establishment return)" not in _section(mtd_page, "workforce")


def test_recruitment_table_has_the_seed_layout_and_totals(mtd_page):
    header = re.search(r'data-table="recruitment".*?<thead>(.*?)</thead>', mtd_page, flags=re.S).group(1)
    assert [_text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", header, flags=re.S)] == [
        "Role", "Budgeted FTE establishment", "Unfilled vacancies (perm & temp)",
        "% of capacity shortfall / vacancies", "% permanent", "% agency",
    ]
    rows = _table_rows(mtd_page, "recruitment")
    assert rows[: len(SEED_ROWS)] == SEED_ROWS
    assert rows[-1] == GRAND_TOTALS
    # the one role the seed does not itemise comes after the seed's roles, before the totals
    assert [row[0] for row in rows[len(SEED_ROWS):-1]] == ["Other roles (not itemised in the report)"]


def test_recruitment_table_in_the_workforce_section_only(mtd_page):
    assert 'data-table="recruitment"' in _section(mtd_page, "workforce")
    assert mtd_page.count('data-table="recruitment"') == 1


def test_cin_summary_row_holds_the_published_figures(warehouse, default_page):
    section = _section(default_page, "children_in_need")
    assert 'data-table="cin-summary"' in section
    assert section.index('data-table="cin-summary"') < section.index('<article class="kpi"')
    rows = _table_rows(default_page, "cin-summary")
    assert len(rows) == 1
    cells = rows[0]
    end = "2021-09-30"
    table = "fct_kpi_values_benchmarked"
    assert cells[0] == "Child in need plan"
    assert cells[1] == _printed(_kpi(warehouse, table, "cin_children", period_end=end), "count")
    assert cells[3] == _printed(_kpi(warehouse, table, "cin_children_change_12m", period_end=end), "percent")
    assert cells[4] == _printed(_kpi(warehouse, table, "cin_visit_timeliness", period_end=end), "percent")
    trend = cells[2].split(" ")
    assert len(trend) == 18
    assert trend[-1] == cells[1]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        localities = con.execute(
            f"select breakdown_value, value, is_suppressed from marts.{table} where kpi_id = 'cin_visit_timeliness' "
            "and breakdown = 'locality' and period_end = cast(? as date) order by breakdown_value",
            [end],
        ).fetchall()
    expected = " ".join(
        f"{v} {SUPPRESSED_SYMBOL if s else format_value(x, 'percent')}" for v, x, s in localities
    )
    assert cells[5] == expected


def test_the_published_database_gives_the_same_month_to_date(warehouse, mtd_page, tmp_path):
    published = publish(warehouse, tmp_path / "published.duckdb")
    with duckdb.connect(str(published), read_only=True) as con:
        tables = {row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()}
    assert {"fct_kpi_values_month_to_date_comparison", "dim_hr_returns"} <= tables
    page = render_report(published, None, None, tmp_path / "out", month_to_date=True).read_text(encoding="utf-8")
    changes = re.compile(r'<div class="change">(.*?)</div>', flags=re.S)
    assert changes.findall(page) == changes.findall(mtd_page) and changes.findall(page)
    assert "Data as at 20/10/2021 (HR establishment return)" in _section(page, "workforce")
    assert _table_rows(page, "recruitment") == _table_rows(mtd_page, "recruitment")
