"""Open a local HTML file in headless Chromium with networking disabled.

Used by the browser tests of the report (and usable for the static dbt docs page). Chromium's
console log (``--enable-logging=stderr``) does not tell errors from other messages, so a probe
script is injected into a copy of the page: it records console errors and warnings, uncaught
errors, resources that failed to load and every resource URL requested, into a JSON attribute
on ``<html>`` that ``--dump-dom`` then shows.
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")

BASE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    # Belt and braces: any request that is not a local file goes nowhere.
    "--proxy-server=127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)

PROBE_ATTRIBUTE = "data-probe"
PROBE_SCRIPT = """<script>(function () {
  var probe = {errors: [], warnings: [], failedResources: []};
  function save() {
    var urls = [];
    try {
      performance.getEntriesByType("resource").forEach(function (e) { urls.push(e.name); });
    } catch (e) {}
    probe.resources = urls;
    document.documentElement.setAttribute("%(attr)s", JSON.stringify(probe));
  }
  function text(args) {
    return Array.prototype.map.call(args, function (a) {
      return a && a.stack ? String(a.stack) : String(a);
    }).join(" ");
  }
  var error = console.error, warn = console.warn;
  console.error = function () { probe.errors.push(text(arguments)); save(); return error.apply(console, arguments); };
  console.warn = function () { probe.warnings.push(text(arguments)); save(); return warn.apply(console, arguments); };
  window.addEventListener("error", function (event) {
    var target = event.target;
    if (target && target !== window && (target.src || target.href)) {
      probe.failedResources.push(target.src || target.href);
    } else {
      probe.errors.push("uncaught: " + (event.message || String(event.error)));
    }
    save();
  }, true);
  window.addEventListener("unhandledrejection", function (event) {
    probe.errors.push("unhandled rejection: " + String(event.reason)); save();
  });
  window.addEventListener("load", function () { setTimeout(save, 0); });
  save();
})();</script>""" % {"attr": PROBE_ATTRIBUTE}

_CONSOLE_LINE = re.compile(r":CONSOLE[:(]\d*\)?\] \"(?P<message>.*)\", source: (?P<source>\S*)")


@dataclass
class PageLoad:
    dom: str
    console: list[str]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failed_resources: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    probe_found: bool = False


def find_chromium() -> str | None:
    override = os.environ.get("CSC_CHROMIUM")
    if override:
        return override if Path(override).is_file() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return None


def _inject_probe(html: str) -> str:
    match = re.search(r"<head[^>]*>", html, flags=re.IGNORECASE)
    if match:
        return html[: match.end()] + PROBE_SCRIPT + html[match.end() :]
    return PROBE_SCRIPT + html


def _run(chromium: str, args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="csc-chromium-") as profile:
        command = [chromium, *BASE_FLAGS, f"--user-data-dir={profile}", *args]
        env = {**os.environ, "HOME": profile}
        return subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, env=env, check=False
        )


def load_page(
    html_path: Path,
    *,
    screenshot_path: Path | None = None,
    pdf_path: Path | None = None,
    window: tuple[int, int] = (1280, 2400),
    chromium: str | None = None,
    virtual_time_ms: int = 15000,
    timeout: float = 90.0,
    probe: bool = True,
    fragment: str | None = None,
) -> PageLoad:
    """Load ``html_path`` (plus ``#fragment``) from file:// in one Chromium run and return the DOM after scripts ran.

    Optionally also saves a PNG screenshot (the top ``window`` pixels) and prints the page to
    PDF as a reader would (print CSS applies). ``--virtual-time-budget`` lets the page's
    timers and promises (the chart rendering) finish before the DOM is dumped.
    """
    chromium = chromium or find_chromium()
    if chromium is None:
        raise FileNotFoundError("no Chromium found (apt-get install -y chromium)")
    html_path = Path(html_path).resolve()
    args = [
        "--enable-logging=stderr",
        "--v=0",
        f"--virtual-time-budget={virtual_time_ms}",
        f"--window-size={window[0]},{window[1]}",
        "--hide-scrollbars",
    ]
    outputs = []
    if screenshot_path is not None:
        screenshot_path = Path(screenshot_path).resolve()
        screenshot_path.parent.mkdir(parents=True, exist_ok=True)
        screenshot_path.unlink(missing_ok=True)
        args.append(f"--screenshot={screenshot_path}")
        outputs.append(screenshot_path)
    if pdf_path is not None:
        pdf_path = Path(pdf_path).resolve()
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        pdf_path.unlink(missing_ok=True)
        args += ["--no-pdf-header-footer", f"--print-to-pdf={pdf_path}"]
        outputs.append(pdf_path)
    target = html_path
    if probe:
        # The copy sits next to the original so relative links still resolve.
        target = html_path.with_name(f".probe-{os.getpid()}-{html_path.name}")
        target.write_text(_inject_probe(html_path.read_text(encoding="utf-8")), encoding="utf-8")
    try:
        url = target.as_uri() + (f"#{fragment}" if fragment else "")
        result = _run(chromium, [*args, "--dump-dom", url], timeout)
    finally:
        if probe:
            target.unlink(missing_ok=True)
    missing = [str(path) for path in outputs if not path.is_file()]
    if result.returncode != 0 or not result.stdout.strip() or missing:
        raise RuntimeError(
            f"chromium failed (exit {result.returncode}, missing {missing}): {result.stderr[-2000:]}"
        )
    console = [m.group("message") for m in _CONSOLE_LINE.finditer(result.stderr)]
    page = PageLoad(dom=result.stdout, console=console)
    match = re.search(PROBE_ATTRIBUTE + r'="([^"]*)"', result.stdout)
    if match:
        data = json.loads(html_lib.unescape(match.group(1)))
        page.errors = data.get("errors", [])
        page.warnings = data.get("warnings", [])
        page.failed_resources = data.get("failedResources", [])
        page.resources = data.get("resources", [])
        page.probe_found = True
    return page


def chromium_version(chromium: str | None = None) -> str | None:
    chromium = chromium or find_chromium()
    if chromium is None or shutil.which(chromium) is None:
        return None
    result = subprocess.run([chromium, "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip() or None
