"""On a demo extract (``csc synth``, as at 20/10/2021) built with the example benchmark and
targets files of docs/examples: the report of September 2021 and of the extract month shows
every benchmark labelled with a year that does not end after the period, and the overview first,
with its RAG column."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from csc.cli import main

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[3]
EXAMPLES = PROJECT / "docs" / "examples"
NAMES = {"England": "benchmarks_england.csv", "Good LAs": "authority-benchmarks.csv"}


def _invoke(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, f"csc {args[0]} failed:\n{result.output}"
    return result.output


def _year_ends() -> dict[tuple[str, str], date]:
    """(comparator label, collection year) -> the date that year ends, from the two files."""
    ends = {}
    for name, file in NAMES.items():
        path = PROJECT / "seeds" / file if name == "England" else EXAMPLES / file
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                ends[(name, row["collection_year"])] = date.fromisoformat(row["year_end_date"])
    return ends


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("bench_demo")
    landing, db_path, out = work / "landing", work / "warehouse.duckdb", work / "report"
    _invoke(["synth", "--out", str(landing), "--children", "4000", "--quiet"])
    _invoke(["build", "--landing", str(landing), "--db", str(db_path), "--no-checks", "--quiet",
             "--benchmarks", str(EXAMPLES / "authority-benchmarks.csv"),
             "--targets", str(EXAMPLES / "kpi-targets.csv")])
    for month in ("2021-09", "2021-10"):
        _invoke(["report", "--db", str(db_path), "--month", month, "--out", str(out)])
    return {"db": db_path, "report": out}


@pytest.mark.parametrize(("month", "period_end"), [("2021-09", date(2021, 9, 30)), ("2021-10", date(2021, 10, 20))])
def test_every_benchmark_shown_is_of_a_year_ended_by_the_period(demo, month: str, period_end: date) -> None:
    page = (demo["report"] / f"csc-report-{month}.html").read_text(encoding="utf-8")
    ends = _year_ends()
    labels = re.findall(r'class="benchmark">\s*(England|Statistical neighbours|Region|Good LAs)((?: [^:(]+?)?)(?: \(|:)',
                        page)
    with_year = [(name, year.strip()) for name, year in labels if year.strip()]
    assert with_year, month  # the demo has comparable figures (England 2014-15, 30 Sep 2021)
    for name, year in with_year:
        assert ends[(name, year)] <= period_end, (month, name, year)
    for rule in re.findall(r'"benchmark":"([^"]+)"', page):  # the charts' benchmark rules
        name = next(n for n in NAMES if rule.startswith(n))
        assert ends[(name, rule[len(name):].strip())] <= period_end, (month, rule)
    # The good-LA figures are as at 20/10/2021: shown for October only.
    assert ("Good LAs: no comparable figure" in page) == (month == "2021-09")
    assert ("Good LAs Oct 2021" in page) == (month == "2021-10")
    with duckdb.connect(str(demo["db"]), read_only=True) as con:
        later = con.execute(
            "select count(*) from marts.fct_kpi_values_benchmarked where benchmark_england_period_end > period_end "
            "or benchmark_good_la_period_end > period_end").fetchall()[0][0]
    assert later == 0


def test_the_overview_comes_first_with_rag(demo) -> None:
    page = (demo["report"] / "csc-report-2021-10.html").read_text(encoding="utf-8")
    main_part = page[page.index("<main>"):]
    assert re.search(r"<section[^>]*>", main_part).group(0).startswith('<section class="area overview"')
    assert '<th scope="col">RAG</th>' in main_part
    assert len(re.findall(r'data-rag="(green|amber|red)"', main_part)) >= 3
