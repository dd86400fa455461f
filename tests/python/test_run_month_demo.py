"""`csc run-month` on the demo (``csc synth``'s default county, as `make demo`): the HTML, a
PDF of at most 25 A4 pages checked page by page (pdf_pages: title page, footer with the data
date and page number, no heading-only page, the report's first section first) and the workbook.
The slowest test of the suite (a full build of the demo)."""

from __future__ import annotations

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


def _invoke(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, f"csc {args[0]} failed:\n{result.output}"
    return result.output


@pytest.fixture(scope="module")
def demo_month(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("run_month_demo")
    landing, db, out = work / "landing", work / "warehouse.duckdb", work / "months"
    _invoke(["synth", "--out", str(landing), "--quiet"])
    _invoke(["run-month", "--landing", str(landing), "--db", str(db), "--out", str(out), "--no-checks", "--quiet",
             "--commentary", str(Path(__file__).resolve().parents[2] / "docs" / "example_commentary.md")])
    (folder,) = out.iterdir()
    return {"db": db, "folder": folder}


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
