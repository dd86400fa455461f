"""`csc run-month` on the demo (``csc synth``'s default county, as `make demo`): the HTML, a
PDF of at most 25 A4 pages checked page by page (pdf_pages: title page, footer with the data
date and page number, no heading-only page, the report's first section first) and the workbook.
Built, as `make demo` builds it, with the example benchmark and targets files of docs/examples:
the reports of September 2021 and of the extract month show every benchmark labelled with a
year that does not end after the period, and the overview first, with its RAG column.
The slowest test of the suite (a full build of the demo)."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from csc.cli import main
from csc.report.browser import find_chromium
from csc.report.pdf import footer_text
from csc.report.render import build_context
from pdf_pages import check_pages

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason="headless Chromium not installed (make browser)"),
]

DEMO_MAX_PAGES = 25
PROJECT = Path(__file__).resolve().parents[2]
EXAMPLES = PROJECT / "docs" / "examples"
NAMES = {"England": "benchmarks_england.csv", "Good LAs": "authority-benchmarks.csv"}


def _report(demo_month: dict[str, Path], month: str) -> Path:
    """The report of ``month``: csc-report-YYYY-MM.html, or -YYYY-MM-to-DD.html for the extract
    month, which is a month to date (to 20 October)."""
    (path,) = demo_month["report"].glob(f"csc-report-{month}*.html")
    return path


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
def demo_month(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("run_month_demo")
    landing, db, out = work / "landing", work / "warehouse.duckdb", work / "months"
    _invoke(["synth", "--out", str(landing), "--quiet"])
    _invoke(["run-month", "--landing", str(landing), "--db", str(db), "--out", str(out), "--no-checks", "--quiet",
             "--commentary", str(PROJECT / "docs" / "example_commentary.md"),
             "--benchmarks", str(EXAMPLES / "authority-benchmarks.csv"),
             "--targets", str(EXAMPLES / "kpi-targets.csv")])
    (folder,) = out.iterdir()
    reports = work / "reports"  # the complete month and the extract month, from the same warehouse
    for month in ("2021-09", "2021-10"):
        _invoke(["report", "--db", str(db), "--month", month, "--out", str(reports)])
    return {"db": db, "folder": folder, "report": reports}


def test_the_demo_pdf_is_compact_and_every_page_passes(demo_month: dict[str, Path]) -> None:
    folder, month = demo_month["folder"], demo_month["folder"].name
    html, pdf = folder / f"csc-report-{month}.html", folder / f"csc-report-{month}.pdf"
    with duckdb.connect(str(demo_month["db"]), read_only=True) as con:
        context = build_context(con, month, None)
    pages = check_pages(pdf, html, title=context["title"], month_label=context["month_label"],
                        footer=footer_text(context), max_pages=DEMO_MAX_PAGES)
    print(f"demo PDF: {len(pages)} pages")  # noqa: T201 (shown with -s: the page count the issue asks for)


def test_the_demo_workbook_is_written(demo_month: dict[str, Path]) -> None:
    folder, month = demo_month["folder"], demo_month["folder"].name
    workbook = load_workbook(folder / f"csc-kpis-{month}.xlsx")
    assert {"README", "KPIs", "Catalogue", "Locality", "Team"} <= set(workbook.sheetnames)
    assert workbook["KPIs"].max_row > 50


@pytest.mark.parametrize(("month", "period_end"), [("2021-09", date(2021, 9, 30)), ("2021-10", date(2021, 10, 20))])
def test_every_benchmark_shown_is_of_a_year_ended_by_the_period(demo_month, month: str, period_end: date) -> None:
    page = _report(demo_month, month).read_text(encoding="utf-8")
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
    with duckdb.connect(str(demo_month["db"]), read_only=True) as con:
        later = con.execute(
            "select count(*) from marts.fct_kpi_values_benchmarked where benchmark_england_period_end > period_end "
            "or benchmark_good_la_period_end > period_end").fetchall()[0][0]
    assert later == 0


def test_the_overview_comes_first_with_rag(demo_month) -> None:
    page = _report(demo_month, "2021-10").read_text(encoding="utf-8")
    main_part = page[page.index("<main>"):]
    assert re.search(r"<section[^>]*>", main_part).group(0).startswith('<section class="area overview"')
    assert '<th scope="col">RAG</th>' in main_part
    assert len(re.findall(r'data-rag="(green|amber|red)"', main_part)) >= 3
