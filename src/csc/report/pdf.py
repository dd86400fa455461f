"""The printed report: ``csc report --pdf`` writes an A4 PDF beside the HTML.

The HTML report carries its own print layout (``templates/print.css``, plus the page footer
written here from the report's context: title, month, data date, page N of M). The PDF is that
layout printed by Debian's Chromium headless (csc.report.browser), after the Vega charts have
been drawn: the page's script sets ``data-charts-done`` on ``<body>`` when every chart has
rendered, and Chromium's virtual time budget lets the scripts run to that point before it
prints. A PDF printed before the charts were drawn is an error, never a file.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

from csc.report.browser import find_chromium, load_page

PRINT_CSS = Path(__file__).parent / "templates" / "print.css"
# Chromium's virtual time for the page's scripts (charts) before it prints, and the wall-clock
# limit for the whole run (a busy two-core machine takes tens of seconds for the demo).
VIRTUAL_TIME_MS = 30000
TIMEOUT_SECONDS = 240.0


class PdfError(RuntimeError):
    """The PDF could not be printed (no Chromium, Chromium failed, or the charts did not draw)."""


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: letters, digits and plain punctuation as they are, the
    rest as CSS escapes (so a quote, a backslash or ``</style>`` cannot end it)."""
    safe = set(" .,:;/()-+%#")
    return '"' + "".join(c if c.isalnum() and c.isascii() or c in safe else f"\\{ord(c):x} " for c in text) + '"'


def footer_text(context: dict[str, Any]) -> str:
    """The left of every page's footer: the report, its month and the date its figures are as at."""
    return f"{context['title']} \u2013 {context['month_label']} \u2013 figures as at {context['period_end_label']}"


def print_stylesheet(context: dict[str, Any]) -> str:
    """The print layout for this report: print.css and the page footer."""
    footer = (
        "@page {\n"
        f"  @bottom-left {{ content: {css_string(footer_text(context))}; font: 7.5px Arial, Helvetica, sans-serif; color: #5a5a5a; }}\n"
        '  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 7.5px Arial, Helvetica, sans-serif; color: #5a5a5a; }\n'
        "}\n"
    )
    return PRINT_CSS.read_text(encoding="utf-8") + footer


def pdf_path_for(html_path: Path) -> Path:
    """``csc-report-YYYY-MM.pdf`` beside ``csc-report-YYYY-MM.html``."""
    return Path(html_path).with_suffix(".pdf")


def print_pdf(html_path: Path, pdf_path: Path | None = None, *, chromium: str | None = None,
              timeout: float = TIMEOUT_SECONDS) -> Path:
    """Print the report ``html_path`` to ``pdf_path`` (default: beside it) and return the path.

    Written to a temporary file and moved into place, so a failed print leaves no PDF (and an
    earlier PDF of the month stays as it was).
    """
    html_path = Path(html_path).resolve()
    pdf_path = Path(pdf_path).resolve() if pdf_path is not None else pdf_path_for(html_path)
    chromium = chromium or find_chromium()
    if chromium is None:
        raise PdfError("no Chromium to print the PDF with: install Debian's chromium (make browser) "
                       "or set CSC_CHROMIUM to its path")
    tmp_path = pdf_path.with_name(f".{pdf_path.stem}.{os.getpid()}.tmp.pdf")
    try:
        try:
            page = load_page(html_path, pdf_path=tmp_path, chromium=chromium, probe=False,
                             virtual_time_ms=VIRTUAL_TIME_MS, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"printing {html_path.name} took longer than {timeout:.0f} s (is the machine busy?)") from exc
        except (RuntimeError, OSError) as exc:
            raise PdfError(f"printing {html_path.name} with {chromium} failed: {str(exc).splitlines()[0]}") from exc
        done = re.search(r'data-charts-done="(\d+)"', page.dom)
        failed = re.search(r'data-charts-failed="(\d+)"', page.dom)
        if done is None:
            raise PdfError(f"the charts of {html_path.name} had not finished drawing when Chromium printed it; "
                           "no PDF was written (try again on a less busy machine)")
        if failed is not None and failed.group(1) != "0":
            raise PdfError(f"{failed.group(1)} chart(s) of {html_path.name} could not be drawn; no PDF was written "
                           "(open the HTML in a browser to see which)")
        os.replace(tmp_path, pdf_path)
    finally:
        tmp_path.unlink(missing_ok=True)
    return pdf_path
