"""Make the Great Expectations Data Docs work offline.

GX's page templates load Bootstrap, jQuery, bootstrap-table, the datepicker, Font Awesome and
Vega from CDNs, so the site is unstyled and its tables and charts empty on a machine without
internet access (a council's secure network, a laptop in a committee room). After
``build_data_docs`` this copies the vendored copies (``static/vendor``, see VENDORED.md there,
with their licences) into the site and points every ``<script src>`` and ``<link href>`` at
them, dropping the CDN's ``integrity``/``crossorigin`` attributes (a local file is not a
cross-origin request). Vega comes from the report's own vendored copy
(``csc/report/static``), not a second one.

A CDN URL this module does not know is an error naming the page and the URL, so a GX upgrade
that adds one fails the build's docs step loudly instead of leaving a page that needs the
internet.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"
REPORT_STATIC = Path(__file__).resolve().parents[1] / "report" / "static"
# Where the site's pages find the copies, relative to the site's root folder.
SITE_VENDOR = Path("static") / "vendor"

# CDN URL in GX's templates -> file under static/vendor (or vega/ for the report's copies).
ASSETS: dict[str, str] = {
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "css/bootstrap-4.3.1.min.css",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "js/bootstrap-4.3.1.min.js",
    "https://code.jquery.com/jquery-3.7.1.min.js": "js/jquery-3.7.1.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "js/popper-1.12.9.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": "css/bootstrap-table-1.19.1.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": "js/bootstrap-table-1.19.1.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js":
        "js/bootstrap-table-filter-control-1.19.1.min.js",
    # GX links the 1.19.0 stylesheet of the extension beside the 1.19.1 script: one copy, 1.19.1.
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css":
        "css/bootstrap-table-filter-control-1.19.1.min.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css":
        "css/bootstrap-table-filter-control-1.19.1.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css":
        "css/bootstrap-datepicker-1.9.0.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js":
        "js/bootstrap-datepicker-1.9.0.min.js",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css":
        "css/bootstrap-prefers-dark-1.1.0.css",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": "css/fontawesome-6.6.0-all.min.css",
    "https://cdn.jsdelivr.net/npm/vega@5": "vega/vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega/vega-embed.min.js",
}
VEGA_FILES = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")

# A <script> or <link> tag, and the URL it loads.
_TAG = re.compile(r"<(script|link)\b[^>]*>", re.IGNORECASE)
_URL = re.compile(r"""\b(src|href)\s*=\s*(["'])(https?://[^"']+)\2""", re.IGNORECASE)
_SRI = re.compile(r"""\s+(integrity|crossorigin)\s*=\s*(["'])[^"']*\2""", re.IGNORECASE)


class OfflineDocsError(RuntimeError):
    """A Data Docs page loads something from the internet that is not vendored."""


def remote_asset_urls(page: str) -> list[str]:
    """The http(s) URLs loaded by the ``<script>`` and ``<link>`` tags of an HTML page."""
    return [match.group(3) for tag in _TAG.finditer(page) for match in _URL.finditer(tag.group(0))]


def _copy_assets(site_dir: Path) -> None:
    target = site_dir / SITE_VENDOR
    shutil.copytree(VENDOR_DIR, target, dirs_exist_ok=True)
    vega = target / "vega"
    vega.mkdir(exist_ok=True)
    for name in VEGA_FILES:
        shutil.copyfile(REPORT_STATIC / name, vega / name)


def _rewrite(page: str, page_path: Path, site_dir: Path) -> str:
    prefix = Path(os.path.relpath(site_dir / SITE_VENDOR, page_path.parent)).as_posix()

    def tag(match: re.Match[str]) -> str:
        text = match.group(0)
        urls = [m.group(3) for m in _URL.finditer(text)]
        if not urls:
            return text
        for url in urls:
            if url not in ASSETS:
                raise OfflineDocsError(
                    f"{page_path}: loads {url}, which is not vendored: add it to "
                    "src/csc/checks/static/vendor (VENDORED.md) and to ASSETS in csc/checks/offline_docs.py"
                )
            text = text.replace(url, f"{prefix}/{ASSETS[url]}")
        return _SRI.sub("", text)

    return _TAG.sub(tag, page)


def make_offline(site_dir: Path) -> int:
    """Vendor the assets into ``site_dir`` and rewrite its pages; return how many pages changed."""
    site_dir = Path(site_dir)
    _copy_assets(site_dir)
    changed = 0
    for page_path in sorted(site_dir.rglob("*.html")):
        page = page_path.read_text(encoding="utf-8")
        rewritten = _rewrite(page, page_path, site_dir)
        if rewritten != page:
            page_path.write_text(rewritten, encoding="utf-8")
            changed += 1
    return changed
