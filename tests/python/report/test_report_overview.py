"""The overview page, benchmarks labelled by year, RAG with targets only, and changes that round to 0."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import pytest
from dbt_models import BUILDS
from synthetic_kpi_warehouse import BENCHMARKS

from csc.report import render_report
from csc.report.formatting import format_change

COMPARATOR_NAMES = {"England": "england", "Statistical neighbours": "statistical_neighbours",
                    "Region": "region", "Good LAs": "good_la"}
YEAR_ENDS = {(comparator, year): year_end for _, comparator, year, year_end, _, _ in BENCHMARKS}


def _page(db: Path, month: str, out: Path) -> str:
    return render_report(db, month, None, out).read_text(encoding="utf-8")


def _overview(page: str) -> str:
    match = re.search(r'<section class="area overview" id="overview".*?</section>', page, flags=re.S)
    assert match, "no overview section"
    return match.group(0)


def _overview_row(page: str, kpi_id: str) -> str:
    match = re.search(rf'<tr data-kpi="{kpi_id}">.*?</tr>', _overview(page), flags=re.S)
    assert match, f"no overview row for {kpi_id}"
    return re.sub(r"\s+", " ", match.group(0))


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


def _catalogue(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute(
            "select kpi_id from reference.kpi_catalogue order by area_order, kpi_order, kpi_id").fetchall()]


def _row_value(db: Path, kpi_id: str, month: str, column: str) -> object:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            f"select {column} from marts.fct_kpi_values_benchmarked where kpi_id = ? and breakdown = 'all' "
            "and strftime(period_month, '%Y-%m') = ?", [kpi_id, month]).fetchall()[0][0]


@pytest.fixture(scope="module")
def with_targets(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic warehouse with targets, and a change of -0.04 pp in care leavers in touch in
    September 2021 (the last complete month: October is a month to date, whose change is taken
    on the same days and not judged)."""
    copy = tmp_path_factory.mktemp("targets") / "warehouse.duckdb"
    copy.write_bytes(warehouse.read_bytes())
    rereferral = _row_value(warehouse, "rereferral_rate", "2021-09", "value")
    timeliness = _row_value(warehouse, "assessment_timeliness", "2021-09", "value")
    caseload = _row_value(warehouse, "caseload_average", "2021-09", "value")
    with duckdb.connect(str(copy)) as con:
        con.executemany(
            "insert into staging.stg_authority__kpi_targets values (?, ?, ?, null)",
            [
                ("rereferral_rate", rereferral - 1, 2),  # lower is better, 1 point above: amber
                ("assessment_timeliness", timeliness - 1, 2),  # higher is better, above: green
                ("caseload_average", caseload - 5, 1),  # lower is better, 5 above, band 1: red
                ("referrals", 100, 10),  # neutral: never a RAG status
            ],
        )
        for month, value in (("2021-08-01", 50.04), ("2021-09-01", 50.0)):
            con.execute(
                "update marts.fct_kpi_values set value = ? where kpi_id = 'care_leavers_in_touch' "
                "and breakdown = 'all' and period_month = ?", [value, month])
    BUILDS.rebuild(copy, 4)
    return copy


def test_overview_is_the_first_section_with_every_headline_kpi(warehouse: Path, tmp_path: Path) -> None:
    page = _page(warehouse, "2021-09", tmp_path)
    main = page[page.index("<main>"):]
    assert re.search(r"<section[^>]*>", main).group(0).startswith('<section class="area overview" id="overview"')
    assert re.findall(r'<tr data-kpi="([a-z_0-9]+)">', _overview(page)) == _catalogue(warehouse)
    row = _overview_row(page, "rereferral_rate")
    value = _row_value(warehouse, "rereferral_rate", "2021-09", "value")
    assert f"{value:.1f}%" in row
    assert "England 2020-21: 22.6%" in _text(row) and "Good LAs: no comparable figure" in _text(row)
    # Direction and judgement of the change on last month, as judged in dbt.
    judgement = _row_value(warehouse, "rereferral_rate", "2021-09", "previous_period_comparison")
    assert f'<span class="judgement {judgement}">' in row
    assert re.search(r'<span class="arrow (up|down|flat)"', row)


def test_no_targets_no_rag_column(warehouse: Path, tmp_path: Path) -> None:
    overview = _overview(_page(warehouse, "2021-09", tmp_path))
    assert ">RAG<" not in overview and "rag-status" not in overview and "Target" not in overview


def test_rag_with_targets_follows_polarity(with_targets: Path, tmp_path: Path) -> None:
    page = _page(with_targets, "2021-09", tmp_path)
    overview = _overview(page)
    assert '<th scope="col">RAG</th>' in overview
    expected = {"rereferral_rate": "amber", "assessment_timeliness": "green", "caseload_average": "red"}
    for kpi_id, rag in expected.items():
        assert _row_value(with_targets, kpi_id, "2021-09", "rag_status") == rag
        assert f'data-rag="{rag}"' in _overview_row(page, kpi_id), kpi_id
    for kpi_id in ("referrals", "cin_children"):  # neutral with a target; no target
        assert "data-rag" not in _overview_row(page, kpi_id), kpi_id


def test_benchmarks_shown_are_of_years_ended_by_the_period(warehouse: Path, tmp_path: Path) -> None:
    period_ends = {"2021-09": dt.date(2021, 9, 30), "2021-10": dt.date(2021, 10, 20)}
    for month, period_end in period_ends.items():
        page = _page(warehouse, month, tmp_path)
        labels = re.findall(r'class="benchmark">\s*(England|Statistical neighbours|Region|Good LAs)((?: [^:(]+?)?)(?: \(|:)',
                            page)
        assert labels, month
        for name, year in labels:
            if year.strip():
                assert YEAR_ENDS[(COMPARATOR_NAMES[name], year.strip())] <= period_end, (month, name, year)
        assert "2024-25" not in page
    september = _page(warehouse, "2021-09", tmp_path)
    # The good-LA figure is as at 20/10/2021: after September's period end, so not comparable.
    assert "Good LAs: no comparable figure" in _text(_overview_row(september, "rereferral_rate"))
    assert "England 30 Sep 2021: 16.0" in _text(_overview_row(september, "caseload_average"))


def test_a_change_that_rounds_to_zero_is_shown_as_zero_and_same(with_targets: Path, tmp_path: Path) -> None:
    assert _row_value(with_targets, "care_leavers_in_touch", "2021-09", "previous_period_comparison") == "same"
    page = _page(with_targets, "2021-09", tmp_path)
    article = re.search(r'<article class="kpi" id="kpi-care_leavers_in_touch".*?</article>', page, flags=re.S).group(0)
    change = _text(re.search(r'<div class="change">.*?</div>', article, flags=re.S).group(0))
    assert change == "0 pp on last month same"
    row = _overview_row(page, "care_leavers_in_touch")
    assert '<span class="arrow flat"' in row and '<span class="judgement same">' in row
    assert "−0.0" not in page and "-0.0" not in page


@pytest.mark.parametrize(
    ("delta", "unit", "text"),
    [
        (-0.04, "percent", "0 pp"),
        (0.049, "percent", "0 pp"),
        (-0.06, "percent", "−0.1 pp"),
        (0.0, "percent", "0 pp"),
        (-0.04, "ratio", "0"),
        (0.04, "rate_per_10k", "0"),
        (0.004, "count", "0"),
        (-3.0, "count", "−3"),
        (0.25, "count", "+0.25"),
    ],
)
def test_format_change_rounding(delta: float, unit: str, text: str) -> None:
    assert format_change(delta, unit) == text
