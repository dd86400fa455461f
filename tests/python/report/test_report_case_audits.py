"""The case-audit section's grade-distribution chart and the notice of KPIs not given.

The chart is drawn from fct_case_audit_grades_published (dbt, suppressed with var
suppression_threshold); the notice from dim_kpi_availability (the KPIs whose optional landing
file or column the extract lacked). Both are read from the synthetic warehouse.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import altair as alt
import duckdb
import pytest

from csc.publish import publish
from csc.report import render_report
from csc.report.charts import GRADE_COLOURS, GradeCount, grade_distribution_spec

NOTICES = '<ul class="not-available kpi-notices">'
AUDIT_FIGURE = '<figure class="trend audit-grades">'
THRESHOLD = 4  # the synthetic warehouse's suppression threshold
# the 12 months to the report month, by default the last complete month (issue 13): Oct 20 .. Sep 21
LAST_12 = [dt.date(2020 + (9 + m) // 12, (9 + m) % 12 + 1, 1) for m in range(12)]


def _section(page: str, key: str) -> str:
    match = re.search(rf'<section class="area" id="area-{key}".*?</section>', page, flags=re.S)
    assert match, f"no section {key}"
    return match.group(0)


def _audit_spec(page: str) -> dict | None:
    match = re.search(
        r'<script type="application/json" class="chart-spec" data-chart="chart-case-audit-grades">(.*?)</script>',
        page,
        flags=re.S,
    )
    return json.loads(match.group(1)) if match else None


def _copy(warehouse: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "warehouse.duckdb"
    copy.write_bytes(warehouse.read_bytes())
    return copy


def _copy_with_kpi_unavailable(
    warehouse: Path, tmp_path: Path, kpi_id: str, reason: str, landing_table: str | None = None
) -> Path:
    """A copy of the warehouse where dim_kpi_availability leaves the KPI out, as the build does."""
    copy = _copy(warehouse, tmp_path)
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "update marts.dim_kpi_availability set is_available = false, unavailable_reason = ?"
            + (", requires_landing_table = ?" if landing_table else "")
            + " where kpi_id = ?",
            [reason, *([landing_table] if landing_table else []), kpi_id],
        )
    return copy


@pytest.fixture(scope="module")
def page(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    return render_report(warehouse, None, None, tmp_path_factory.mktemp("audits")).read_text(encoding="utf-8")


def test_the_chart_shows_the_last_12_months_of_every_theme(page: str) -> None:
    section = _section(page, "case_audits")
    spec = _audit_spec(section)
    assert spec is not None and spec["$schema"].endswith("v6.4.1.json")
    alt.FacetChart.from_dict(spec, validate=True)  # raises on an invalid spec
    assert spec["spec"]["encoding"]["x"]["scale"]["domain"] == [f"{m:%b %y}" for m in LAST_12]
    data = spec["datasets"]["audits"]
    assert {row["theme"] for row in data} == {"Voice of the child", "Planning", "Management oversight"}
    assert {row["month_label"] for row in data} <= {f"{m:%b %y}" for m in LAST_12}
    assert "grade distribution by theme, October 2020 to September 2021" in section


def test_each_grade_has_its_fixed_colour(page: str) -> None:
    colour = _audit_spec(page)["spec"]["encoding"]["color"]["scale"]
    assert colour["domain"] == ["Outstanding", "Good", "Requires improvement", "Inadequate", "Ungraded"]
    assert colour["range"] == [c for _, _, c in GRADE_COLOURS]
    assert [g for g, _, _ in GRADE_COLOURS] == ["OUTSTANDING", "GOOD", "REQUIRES_IMPROVEMENT", "INADEQUATE", "unknown"]


def test_the_counts_are_those_of_the_fact_with_small_ones_suppressed(page: str, warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        exact = {
            (f"{m:%b %y}", theme, grade): n
            for m, theme, grade, n in con.execute(
                "select period_month, audit_theme, grade, audit_count from marts.fct_case_audit_grades "
                "where period_month between ? and ?", [LAST_12[0], LAST_12[-1]]).fetchall()
        }
        published = {
            (f"{m:%b %y}", theme, grade): (n, reason)
            for m, theme, grade, n, reason in con.execute(
                "select period_month, audit_theme, grade, audit_count, suppression_reason "
                "from marts.fct_case_audit_grades_published where period_month between ? and ?",
                [LAST_12[0], LAST_12[-1]]).fetchall()
        }
    drawn = {(r["month_label"], r["theme"], r["grade"]): r["count"] for r in _audit_spec(page)["datasets"]["audits"]}
    assert drawn and published.keys() == exact.keys()
    small = {key for key, n in exact.items() if n <= THRESHOLD}
    secondary = {key for key, (_, reason) in published.items() if reason == "secondary"}
    assert small and secondary  # the synthetic counts exercise both rules
    assert drawn == {key: n for key, n in exact.items() if key not in small | secondary}
    assert all(published[key][0] is None for key in small | secondary)
    hidden = len(small | secondary)
    assert f"{hidden} counts from 1 to {THRESHOLD}, or that would reveal one, are not drawn" in _section(page, "case_audits")


def test_the_spec_leaves_out_suppressed_counts_and_months_outside_the_axis() -> None:
    counts = [
        GradeCount(dt.date(2021, 10, 1), "Planning", "GOOD", 7),
        GradeCount(dt.date(2021, 10, 1), "Planning", "unknown", None),
        GradeCount(dt.date(2020, 1, 1), "Planning", "GOOD", 9),
    ]
    spec = grade_distribution_spec(counts, [dt.date(2021, 9, 1), dt.date(2021, 10, 1)])
    assert [(r["grade"], r["count"], r["grade_order"]) for r in spec["datasets"]["audits"]] == [("GOOD", 7, 1)]
    assert spec["spec"]["encoding"]["x"]["scale"]["domain"] == ["Sep 21", "Oct 21"]


def test_without_audits_the_section_has_no_chart_and_no_error(warehouse: Path, tmp_path: Path) -> None:
    copy = _copy(warehouse, tmp_path)
    with duckdb.connect(str(copy)) as con:  # what a build of an extract without case_audits.csv gives
        con.execute("delete from marts.fct_case_audit_grades_published")
    page = render_report(copy, None, None, tmp_path).read_text(encoding="utf-8")
    assert _audit_spec(page) is None and AUDIT_FIGURE not in page
    assert "No measures in the catalogue for this area." in _section(page, "case_audits")


def test_an_older_warehouse_without_the_models_still_renders(warehouse: Path, tmp_path: Path) -> None:
    copy = _copy(warehouse, tmp_path)
    with duckdb.connect(str(copy)) as con:
        con.execute("drop table marts.fct_case_audit_grades_published")
        con.execute("drop table marts.dim_kpi_availability")
    page = render_report(copy, None, None, tmp_path).read_text(encoding="utf-8")
    assert _audit_spec(page) is None and NOTICES not in page


def test_with_every_file_there_is_no_notice(page: str) -> None:
    assert NOTICES not in page and "<li data-kpi=" not in page


def test_a_kpi_of_a_missing_file_is_named_with_the_file(warehouse: Path, tmp_path: Path) -> None:
    """As the build leaves a KPI out (int_kpi_availability): no values, and the reason."""
    copy = _copy_with_kpi_unavailable(
        warehouse, tmp_path, "cla_children", "the extract has no ssd_cla_reviews file (csv or parquet)", "ssd_cla_reviews"
    )
    with duckdb.connect(str(copy)) as con:
        for table in ("fct_kpi_values", "fct_kpi_values_published", "fct_kpi_values_benchmarked"):
            con.execute(f"delete from marts.{table} where kpi_id = 'cla_children'")
    page = render_report(copy, None, None, tmp_path).read_text(encoding="utf-8")
    section = _section(page, "children_in_care")
    assert (
        '<li data-kpi="cla_children">Not available: Children looked after \u2014 '
        "the extract has no ssd_cla_reviews file (csv or parquet)</li>" in section
    )
    assert 'id="kpi-cla_children"' not in page  # no empty tile
    assert page.count(NOTICES) == 1 and page.count("<li data-kpi=") == 1  # only in its own section
    assert "No measures in the catalogue for this area." not in section


def test_the_published_database_gives_the_same_chart_and_notice(warehouse: Path, tmp_path: Path) -> None:
    copy = _copy_with_kpi_unavailable(warehouse, tmp_path, "referrals", "ssd_person has no column x")
    published = publish(copy, tmp_path / "published" / "csc_kpis.duckdb")
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute(
            "select count(*) from fct_case_audit_grades where not is_suppressed and audit_count <= ?", [THRESHOLD]
        ).fetchone()[0] == 0
    from_warehouse = render_report(copy, None, None, tmp_path / "w").read_text(encoding="utf-8")
    from_published = render_report(published, None, None, tmp_path / "p").read_text(encoding="utf-8")
    assert _audit_spec(from_published) == _audit_spec(from_warehouse) is not None
    assert "Not available: Referrals \u2014 ssd_person has no column x" in _section(from_published, "referrals")
