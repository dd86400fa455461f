"""`csc report --pdf` on the synthetic warehouse: an A4 PDF checked page by page (pdf_pages).

Needs Debian's `chromium` (make browser); skipped when it is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from csc.report import render_report
from csc.report.browser import find_chromium
from csc.report.cli import report_command
from csc.report.pdf import PdfError, css_string, footer_text, print_pdf
from csc.report.render import build_context
from pdf_pages import check_pages, read_pages

pytestmark = pytest.mark.skipif(find_chromium() is None, reason="headless Chromium not installed (make browser)")

A4_POINTS = (595, 842)


@pytest.fixture(scope="module")
def context(warehouse: Path) -> dict:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return build_context(con, None, None)


@pytest.fixture(scope="module")
def printed(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("pdf")
    result = CliRunner().invoke(report_command, ["--db", str(warehouse), "--out", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    html = next(out.glob("csc-report-*.html"))
    pdf = html.with_suffix(".pdf")
    assert pdf.is_file() and f"PDF: {pdf}" in result.output
    return html, pdf


def test_the_pdf_is_a4_beside_the_html(printed: tuple[Path, Path]) -> None:
    html, pdf = printed
    assert pdf.name == html.name.replace(".html", ".pdf")
    document = pdfium.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            width, height = document[index].get_size()
            assert (round(width), round(height)) == A4_POINTS, f"page {index + 1} is {width} x {height} pt"
    finally:
        document.close()
    assert not list(pdf.parent.glob(".*tmp*")), "a temporary file was left beside the PDF"


def test_every_page_passes_the_page_rules(printed: tuple[Path, Path], context: dict) -> None:
    html, pdf = printed
    pages = check_pages(pdf, html, title=context["title"], month_label=context["month_label"],
                        footer=footer_text(context), max_pages=8)
    assert context["period_end_label"] in pages[0].text


def test_only_the_failing_data_quality_rules_are_printed(printed: tuple[Path, Path]) -> None:
    html, pdf = printed
    page = html.read_text(encoding="utf-8")
    assert "CLA_103" in page and "CIN_8500" in page  # the HTML lists every rule
    text = " ".join(p.text for p in read_pages(pdf))
    assert "CIN_8500" in text and "CIN_4180" in text  # failures, and a suppressed count
    assert "CLA_103" not in text  # 0 failures: left out of the print


def test_the_charts_are_printed(printed: tuple[Path, Path]) -> None:
    """The trend charts were drawn before printing: their month ticks ("Jan 21") are text in the
    PDF (the tables write months in full), several per chart."""
    html, pdf = printed
    charts = html.read_text(encoding="utf-8").count('class="chart-spec"')
    text = " ".join(p.text for p in read_pages(pdf))
    ticks = re.findall(r"\b(?:Jan|Apr|Jul|Oct) \d\d\b", text)
    assert charts > 0 and len(ticks) >= 2 * charts, (charts, len(ticks))


def test_a_footer_text_cannot_break_out_of_its_css_string() -> None:
    assert css_string('a "b" \\ </style>') == '"a \\22 b\\22  \\5c  \\3c /style\\3e "'


def test_no_chromium_is_a_clear_error(report_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSC_CHROMIUM", str(report_file.parent / "no-such-chromium"))
    with pytest.raises(PdfError, match="no Chromium"):
        print_pdf(report_file)
    assert not report_file.with_suffix(".pdf").exists()


@pytest.fixture()
def report_file(warehouse: Path, tmp_path: Path) -> Path:
    return render_report(warehouse, None, None, tmp_path)
