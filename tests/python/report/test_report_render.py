"""Rendering the monthly report from a synthetic warehouse (no browser needed here)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from dbt_models import BUILDS
from synthetic_kpi_warehouse import SECTION_ORDER

from csc.publish import publish
from csc.report import ReportError, render_report
from csc.report.cli import report_command



def _article(page: str, kpi_id: str) -> str:
    match = re.search(rf'<article class="kpi" id="kpi-{kpi_id}".*?</article>', page, flags=re.S)
    assert match, f"no tile for {kpi_id}"
    return match.group(0)


def _tile_value(page: str, kpi_id: str) -> str:
    match = re.search(r'<div class="value">(.*?)</div>', _article(page, kpi_id), flags=re.S)
    assert match
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def _section(page: str, key: str) -> str:
    match = re.search(rf'<section class="area" id="area-{key}".*?</section>', page, flags=re.S)
    assert match, f"no section {key}"
    return match.group(0)


def _chart_spec(page: str, kpi_id: str) -> dict:
    match = re.search(
        r'<script type="application/json" class="chart-spec" data-chart="chart-' + kpi_id + r'">(.*?)</script>',
        page,
        flags=re.S,
    )
    assert match
    return json.loads(match.group(1))


def _chart_values(spec: dict) -> dict[str, float | None]:
    return {point["month"][:7]: point["value"] for point in spec["datasets"]["trend"]}


def _exact(db: Path, kpi_id: str, month: str, breakdown: str = "all", value: str = "all") -> tuple:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select numerator, denominator, value from marts.fct_kpi_values where kpi_id = ? "
            "and strftime(period_month, '%Y-%m') = ? and breakdown = ? and breakdown_value = ?",
            [kpi_id, month, breakdown, value],
        ).fetchall()
    assert len(rows) == 1
    return rows[0]


@pytest.fixture(scope="module")
def latest(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = render_report(warehouse, None, None, tmp_path_factory.mktemp("report"))
    assert path.name == "csc-report-2021-09.html"  # the last complete month (issue 13)
    return path.read_text(encoding="utf-8")


def test_sections_follow_the_seed_report_order(latest: str) -> None:
    assert re.findall(r'<section class="area" id="area-[a-z_]+" data-area="([a-z_]+)"', latest) == SECTION_ORDER


def test_caseloads_has_its_own_section(latest: str) -> None:
    assert 'id="kpi-caseload_average"' in _section(latest, "caseloads")
    assert 'id="kpi-caseload_average"' not in _section(latest, "workforce")
    assert 'id="kpi-vacancy_rate"' in _section(latest, "workforce")


def test_every_catalogue_kpi_has_a_tile_a_chart_and_a_definition(latest: str, warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        catalogue = con.execute("select kpi_id, definition from reference.kpi_catalogue").fetchall()
    for kpi_id, definition in catalogue:
        article = _article(latest, kpi_id)
        assert f'id="chart-{kpi_id}"' in article
        assert _chart_spec(latest, kpi_id)["$schema"].endswith("v6.4.1.json")
        assert html.escape(definition) in latest


def test_tiles_show_value_fraction_and_change(latest: str, warehouse: Path) -> None:
    cin_now = _exact(warehouse, "cin_children", "2021-09")[0]
    cin_before = _exact(warehouse, "cin_children", "2021-08")[0]
    assert _tile_value(latest, "cin_children") == f"{cin_now:,.0f}"
    delta = cin_now - cin_before
    # a change of 0 is shown as 0, without a sign
    change = f"{'+' if delta > 0 else '−'}{abs(delta):,.0f}" if delta else "0"
    assert f"{change} on last month" in _article(latest, "cin_children")

    numerator, denominator, value = _exact(warehouse, "assessment_timeliness", "2021-09")
    article = _article(latest, "assessment_timeliness")
    assert _tile_value(latest, "assessment_timeliness") == f"{value:.1f}%"
    assert f"{numerator:,.0f} / {denominator:,.0f}" in article


def test_benchmarks_are_judged_by_polarity(latest: str, warehouse: Path) -> None:
    # Re-referrals: lower is better; assessment timeliness: higher is better.
    rereferral = _exact(warehouse, "rereferral_rate", "2021-09")[2]
    timeliness = _exact(warehouse, "assessment_timeliness", "2021-09")[2]
    expected_rereferral = "better" if rereferral < 22.6 else "worse"
    expected_timeliness = "better" if timeliness > 85.7 else "worse"
    assert re.search(
        rf"England 2020-21 \(DfE\): 22.6%\s*<span class=\"judgement {expected_rereferral}\">",
        _article(latest, "rereferral_rate"),
    )
    # the good-LA figure is as at 20/10/2021, after September's period end: not comparable
    assert "Good LAs: no comparable figure" in _article(latest, "rereferral_rate")
    assert "2024-25" not in latest  # a year ending after the period is never shown
    assert re.search(
        rf"England 2020-21 \(DfE\): 85.7%\s*<span class=\"judgement {expected_timeliness}\">",
        _article(latest, "assessment_timeliness"),
    )
    # Neutral KPIs get no judgement.
    assert "judgement" not in _article(latest, "referrals")


def test_trend_covers_18_months_with_benchmark_rules(latest: str, warehouse: Path) -> None:
    spec = _chart_spec(latest, "rereferral_rate")
    values = _chart_values(spec)
    assert list(values)[0] == "2020-04" and list(values)[-1] == "2021-09" and len(values) == 18
    assert values["2021-03"] == pytest.approx(_exact(warehouse, "rereferral_rate", "2021-03")[2])
    assert [b["value"] for b in spec["datasets"]["benchmarks"]] == [22.6]  # no good-LA figure by September
    assert spec["layer"][2]["mark"]["type"] == "rule"


def test_small_numbers_are_suppressed_in_tiles_charts_and_tables(warehouse: Path, tmp_path: Path) -> None:
    # cla_children is 2 in 2021-07 (synthetic data): the tile and the chart must hide it.
    assert _exact(warehouse, "cla_children", "2021-07")[0] == 2
    page = render_report(warehouse, "2021-07", None, tmp_path).read_text(encoding="utf-8")
    assert _tile_value(page, "cla_children") == "c"
    values = _chart_values(_chart_spec(page, "cla_children"))
    assert values["2021-07"] is None and values["2021-01"] is None
    assert values["2021-06"] == _exact(warehouse, "cla_children", "2021-06")[0]

    # Referrals by locality: EXETER is 3 in 2021-08, so EXETER and the next smallest are hidden.
    assert _exact(warehouse, "referrals", "2021-08", "locality", "EXETER")[0] == 3
    page = render_report(warehouse, "2021-08", None, tmp_path).read_text(encoding="utf-8")
    table = re.search(r'<table class="breakdown" data-breakdown="locality">.*?</table>', _article(page, "referrals"), flags=re.S)
    assert table
    cells = dict(
        (label, re.sub(r"<[^>]+>", "", current).strip())
        for label, current in re.findall(r'<th scope="row">(.*?)</th>\s*<td class="num">(.*?)</td>', table.group(0), flags=re.S)
    )
    assert cells["EXETER"] == "c" and cells["SOUTH"] == "c"
    north = _exact(warehouse, "referrals", "2021-08", "locality", "NORTH")[0]
    assert cells["NORTH"] == f"{north:,.0f}"


def test_team_breakdown_shows_team_names(latest: str) -> None:
    article = _article(latest, "assessment_timeliness")
    assert "<th scope=\"row\">Initial Response North</th>" in article
    assert "(T1)" not in article  # the name alone (dim_breakdown_labels), not the id


def test_data_quality_section(latest: str, warehouse_without_dq: Path, tmp_path: Path) -> None:
    section = _section(latest, "data_quality")
    assert section.count('<th scope="row"><code>') == 3
    row = re.search(r"CIN_4180.*?</tr>", section, flags=re.S)
    assert row and '<td class="num">c</td>' in row.group(0)  # 3 failures: suppressed
    row = re.search(r"CIN_8500.*?</tr>", section, flags=re.S)
    assert row and re.findall(r'<td class="num">(.*?)</td>', row.group(0)) == ["12", "1,200", "1.00%"]
    page = render_report(warehouse_without_dq, None, None, tmp_path).read_text(encoding="utf-8")
    assert "Data-quality summary not available" in _section(page, "data_quality")


def test_commentary_goes_to_its_section(warehouse: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(
        "Summary of the month.\n\n## Child protection\n\nICPCs rose sharply.\n\n## Caseloads\n\nIRT caseloads falling.\n",
        encoding="utf-8",
    )
    page = render_report(warehouse, "2021-09", notes, tmp_path).read_text(encoding="utf-8")
    assert "ICPCs rose sharply." in _section(page, "child_protection")
    assert "IRT caseloads falling." in _section(page, "caseloads")
    assert "ICPCs rose sharply." not in _section(page, "referrals")
    assert "Summary of the month." in page.split('<main>')[0]


def test_the_report_is_self_contained(latest: str) -> None:
    assert not re.search(r"<script[^>]*\ssrc=", latest)
    assert not re.search(r"<link[^>]*\shref=", latest)
    assert "@import" not in latest
    assert not re.search(r"url\(\s*['\"]?https?:", latest)
    assert "vegaEmbed" in latest and "sourceMappingURL" not in latest


def test_print_css_is_compact_and_keeps_headings_with_what_follows(latest: str) -> None:
    """Issue 13 changed the print layout: no page break per area (that gave heading-only pages)."""
    css = latest[latest.index("<style>"):latest.index("</style>")]
    print_css = css[css.index("@media print"):]
    assert re.search(r"@page\s*{\s*size:\s*A4 portrait", css)
    assert re.search(r"\.area\s*{[^}]*break-before:\s*auto", print_css)
    assert re.search(r"h2,[^{]*{[^}]*break-after:\s*avoid", print_css)
    assert re.search(r"\.kpi\s*{[^}]*break-inside:\s*avoid", print_css)
    assert re.search(r"tr\.dq-pass\s*{\s*display:\s*none", print_css)
    assert re.search(r'@bottom-right\s*{\s*content:\s*"Page " counter\(page\) " of " counter\(pages\)', css)


def test_reading_the_published_database_gives_the_same_figures(warehouse: Path, latest: str, tmp_path: Path) -> None:
    copy = tmp_path / "warehouse.duckdb"
    copy.write_bytes(warehouse.read_bytes())
    published = publish(copy, tmp_path / "published.duckdb")
    page = render_report(published, None, None, tmp_path / "from_published").read_text(encoding="utf-8")
    for kpi_id in ("referrals", "rereferral_rate", "cin_children", "caseload_average", "vacancy_rate"):
        assert _tile_value(page, kpi_id) == _tile_value(latest, kpi_id)
        assert _chart_values(_chart_spec(page, kpi_id)) == _chart_values(_chart_spec(latest, kpi_id))


def test_the_published_database_gives_the_same_judgements_and_threshold(
    warehouse: Path, latest: str, tmp_path: Path
) -> None:
    """The judgements come from fct_kpi_values_benchmarked; on a published file its SQL is run there."""
    copy = tmp_path / "warehouse.duckdb"
    copy.write_bytes(warehouse.read_bytes())
    published = publish(copy, tmp_path / "published.duckdb")
    page = render_report(published, None, None, tmp_path / "from_published").read_text(encoding="utf-8")
    judgements = re.compile(r'<span class="judgement (better|worse|same)">')
    assert judgements.findall(page) == judgements.findall(latest) and len(judgements.findall(latest)) > 3
    assert "Counts from 1 to 4," in page and "Counts from 1 to 4," in latest
    with pytest.raises(ReportError, match="built with suppression_threshold = 4, not 6"):
        render_report(published, None, None, tmp_path / "wrong", threshold=6)


@pytest.mark.parametrize("month, message", [("2021/10", "YYYY-MM"), ("2021-13", "YYYY-MM"), ("2019-01", "not a reporting period")])
def test_bad_months_are_rejected(warehouse: Path, tmp_path: Path, month: str, message: str) -> None:
    with pytest.raises(ReportError, match=message):
        render_report(warehouse, month, None, tmp_path)


def test_missing_database_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="not found"):
        render_report(tmp_path / "nope.duckdb", None, None, tmp_path)


def test_cli(warehouse: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(report_command, ["--db", str(warehouse), "--month", "2021-03", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "csc-report-2021-03.html").is_file()
    bad = runner.invoke(report_command, ["--db", str(warehouse), "--month", "1999-01", "--out", str(tmp_path)])
    assert bad.exit_code == 1 and "not a reporting period" in bad.output


def test_chart_specs_are_valid_vega_lite() -> None:
    import datetime as dt

    import altair as alt

    from csc.report.charts import Benchmark, trend_chart_spec

    points = [(dt.date(2021, m, 1), None if m == 3 else float(m), m == 3) for m in range(1, 7)]
    for benchmarks in ([], [Benchmark("England 2024-25", 3.5), Benchmark("Good LAs", 2.0)]):
        spec = trend_chart_spec(points, "percent", benchmarks)
        alt.LayerChart.from_dict(spec, validate=True)  # raises on an invalid spec
        trend = spec["datasets"]["trend"]
        assert [p["value"] for p in trend] == [1.0, 2.0, None, 4.0, 5.0, 6.0]
        assert [p["label"] for p in trend] == ["1.0%", "2.0%", "suppressed", "4.0%", "5.0%", "6.0%"]
        assert len(spec["layer"]) == (3 if benchmarks else 2)


def test_a_kpi_with_nothing_to_chart_gets_a_note_not_an_empty_chart(warehouse: Path, tmp_path: Path) -> None:
    copy = tmp_path / "warehouse.duckdb"
    copy.write_bytes(warehouse.read_bytes())
    with duckdb.connect(str(copy)) as con:
        con.execute("update marts.fct_kpi_values set numerator = 2, value = 2 where kpi_id = 'cla_children'")
        con.execute("delete from marts.fct_kpi_values where kpi_id = 'cp_children'")
    BUILDS.rebuild(copy, 4)  # the publication models on the changed fct_kpi_values (one dbt call)
    page = render_report(copy, None, None, tmp_path).read_text(encoding="utf-8")
    for kpi_id in ("cla_children", "cp_children"):
        article = _article(page, kpi_id)
        assert "chart-spec" not in article and "No trend to chart" in article
    assert _tile_value(page, "cla_children") == "c" and _tile_value(page, "cp_children") == "–"
    assert "chart-spec" in _article(page, "cin_children")
