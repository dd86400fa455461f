"""Page-by-page checks of the printed report (csc report --pdf), shared by the PDF tests.

Each page is rendered to a bitmap with pypdfium2 (PDFium, the engine of Chromium's own PDF
viewer) and its text extracted. A "heading-only page" is one with fewer than
``MIN_BODY_WORDS`` words once the page footer and the report's section headings (the ``<h2>``
of the HTML the PDF was printed from) are taken away.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

MIN_BODY_WORDS = 25
PAGE_NUMBER = re.compile(r"Page (\d+) of (\d+)")


@dataclass
class Page:
    number: int
    text: str  # whitespace collapsed to single spaces
    ink: float  # share of the rendered page's pixels that are not white


def _words(text: str) -> str:
    return " ".join(text.split())


def read_pages(pdf_path: Path, scale: float = 0.5) -> list[Page]:
    document = pdfium.PdfDocument(str(pdf_path))
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            text = _words(page.get_textpage().get_text_range())
            pixels = page.render(scale=scale, grayscale=True).to_numpy()
            pages.append(Page(index + 1, text, float((pixels < 250).mean())))
    finally:
        document.close()
    return pages


def section_headings(html_path: Path) -> list[str]:
    """The section headings (``<h2>``) of the report, in document order."""
    found = re.findall(r"<h2[^>]*>(.*?)</h2>", html_path.read_text(encoding="utf-8"), flags=re.S)
    return [_words(html_lib.unescape(re.sub(r"<[^>]+>", "", h))) for h in found]


def first_section_heading(html_path: Path) -> str:
    """The heading of the report's first section (the first ``<section>``'s ``<h2>``)."""
    page = html_path.read_text(encoding="utf-8")
    match = re.search(r"<section\b.*?<h2[^>]*>(.*?)</h2>", page, flags=re.S)
    assert match, "the report has no section heading"
    return _words(html_lib.unescape(re.sub(r"<[^>]+>", "", match.group(1))))


def body_text(page: Page, footer: str, headings: list[str]) -> str:
    text = page.text.replace(_words(footer), " ")
    text = PAGE_NUMBER.sub(" ", text)
    for heading in sorted(headings, key=len, reverse=True):
        text = text.replace(heading, " ")
    return _words(text)


def check_pages(pdf_path: Path, html_path: Path, *, title: str, month_label: str, footer: str,
                max_pages: int) -> list[Page]:
    """Assert the printed report's page rules and return its pages."""
    pages = read_pages(pdf_path)
    assert 2 <= len(pages) <= max_pages, f"{len(pages)} pages (at most {max_pages})"
    assert title in pages[0].text and month_label in pages[0].text, pages[0].text[:300]
    headings = section_headings(html_path)
    for page in pages:
        numbers = PAGE_NUMBER.findall(page.text)
        assert numbers == [(str(page.number), str(len(pages)))], f"page {page.number}: footer {numbers}"
        assert _words(footer) in page.text, f"page {page.number} has no footer with the data date"
        assert page.ink > 0.003, f"page {page.number} renders blank"
    for page in pages[1:]:  # the title page is a title page
        words = body_text(page, footer, headings).split()
        assert len(words) >= MIN_BODY_WORDS, (
            f"page {page.number} is heading-only ({len(words)} words besides headings and footer: {words})")
    # The title page holds no section; the first section heading printed is the report's first section.
    first = first_section_heading(html_path)
    assert not any(h in pages[0].text for h in headings), "a section starts on the title page"
    printed = [(page.number, page.text.index(h), h) for page in pages for h in headings if h in page.text]
    assert printed and min(printed)[2] == first and min(printed)[0] == 2, (first, min(printed))
    return pages
