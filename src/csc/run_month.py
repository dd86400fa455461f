"""`csc run-month`: one command a month (README "Each month").

Runs the month's steps in order, each through the same Python function its own command uses:

1. build     the warehouse from the landing folder (``csc build``; the warehouse file is kept
             from month to month, with its care-leaver history and pseudonym key),
2. report    the HTML report (``csc report``); its month (the report's default month unless
             ``--month`` is given) names the month folder,
3. pdf       the A4 PDF of the report (``csc report --pdf``),
4. workbook  the analysts' workbook (``csc export --xlsx``) of the same month,
5. publish   the aggregate-only database for BI tools (``csc publish``),
6. docs      the static dbt docs page (``csc docs``),
7. manifest  ``manifest.json``: every file with its size and sha256, the data date, the
             extract date, the package version and the git commit the outputs were made with.

Everything is written into a temporary folder beside the month folder and renamed to
``<out>/YYYY-MM`` only when every step succeeded: a failed step leaves no month folder (and an
earlier one untouched). An existing month folder is replaced only with ``--force``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import duckdb

from csc.export import DEFAULT_MONTHS, export_workbook
from csc.lock import WarehouseLock
from csc.paths import WarehousePaths
from csc.publish import publish
from csc.report.pdf import print_pdf
from csc.report.render import render_report
from csc.report.warehouse import require_table
from csc.returns.writer import sha256_of

MANIFEST = "manifest.json"
PUBLISHED_NAME = "csc_kpis.duckdb"
# csc-report-YYYY-MM.html, or csc-report-YYYY-MM-to-DD.html for a month to date (whose folder
# is named so too, never taken for the complete month's)
_REPORT_NAME = re.compile(r"csc-report-((\d{4}-\d{2})(?:-to-\d{2})?)\.html$")


class RunMonthError(RuntimeError):
    """A step of the month failed (``step`` names it); nothing was written to the month folder."""

    def __init__(self, step: str, message: str) -> None:
        super().__init__(f"the {step} step failed: {message}")
        self.step = step


@dataclass
class MonthOptions:
    """What csc run-month passes on to the report, workbook and publish steps."""

    month: str | None = None
    commentary: Path | None = None
    threshold: int | None = None
    months: int = DEFAULT_MONTHS
    force: bool = False


@contextlib.contextmanager
def _step(name: str, echo: Callable[[str], None]) -> Iterator[None]:
    echo(f"run-month: {name}")
    try:
        yield
    except RunMonthError:
        raise
    except SystemExit as exc:  # csc build's one-line failure (already printed): exit code 1
        raise RunMonthError(name, "see the message above") from exc
    except Exception as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RunMonthError(name, first) from exc


def _git(project_dir: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(project_dir), *args], capture_output=True, text=True,
                              timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _dates(published: Path, month: str) -> tuple[str, str]:
    """(data date of the month, extract date), ISO, from the published database's periods."""
    with duckdb.connect(str(published), read_only=True) as con:
        periods = require_table(con, "dim_reporting_periods")
        data_date = con.execute(f"select period_end from {periods} where strftime(period_month, '%Y-%m') = ?",
                                [month]).fetchone()
        extract = con.execute(f"select max(period_end) from {periods}").fetchone()
    return (data_date[0].isoformat() if data_date else "", extract[0].isoformat() if extract and extract[0] else "")


def write_manifest(work: Path, month: str, paths: WarehousePaths, options: MonthOptions) -> Path:
    """``manifest.json`` in ``work``: the files made (size, sha256), the dates and the versions."""
    files = sorted(p for p in work.rglob("*") if p.is_file() and p.name != MANIFEST)
    data_date, extract_date = _dates(work / PUBLISHED_NAME, month)
    status = _git(paths.project_dir, "status", "--porcelain")
    manifest: dict[str, Any] = {
        "month": month,
        "data_date": data_date,
        "extract_date": extract_date,
        "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "package": "csc-warehouse",
        "package_version": metadata.version("csc-warehouse"),
        "git_commit": _git(paths.project_dir, "rev-parse", "HEAD"),
        "git_has_local_changes": None if status is None else bool(status),
        "warehouse": str(paths.db_path),
        "landing": str(paths.landing_dir),
        "commentary": str(options.commentary) if options.commentary else None,
        "files": [{"path": p.relative_to(work).as_posix(), "bytes": p.stat().st_size, "sha256": sha256_of(p)}
                  for p in files],
    }
    path = work / MANIFEST
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return path


def _month_folder(out_root: Path, month: str, force: bool) -> Path:
    final = out_root / month
    if final.exists() and not force:
        raise RunMonthError("report", f"{final} already exists: keep it, or run again with --force to replace it")
    return final


def run_month(paths: WarehousePaths, out_root: Path, options: MonthOptions, *,
              build: Callable[[], None], docs: Callable[[Path], Path],
              echo: Callable[[str], None] = print) -> Path:
    """Run the month's steps (build and docs given by the caller, csc.cli) and return the month folder."""
    out_root = Path(out_root).resolve()
    if options.month is not None:  # refuse before the build when the folder is known already
        _month_folder(out_root, options.month, options.force)
    out_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".run-month-", dir=out_root))
    umask = os.umask(0)
    os.umask(umask)
    work.chmod(0o777 & ~umask)  # mkdtemp's 0700 would stay on the month folder
    try:
        with _step("build", echo):
            build()
        with _step("report", echo):
            html = render_report(paths.db_path, options.month, options.commentary, work, threshold=options.threshold)
            match = _REPORT_NAME.search(html.name)
            if match is None:
                raise RunMonthError("report", f"unexpected report file name {html.name}")
            folder_name, month = match.group(1), match.group(2)
            final = _month_folder(out_root, folder_name, options.force)
        with _step("pdf", echo):
            print_pdf(html)
        with _step("workbook", echo):
            export_workbook(paths.db_path, work / f"csc-kpis-{month}.xlsx", month, options.months, options.threshold)
        with _step("publish", echo):
            with WarehouseLock(paths.db_path, "csc run-month"):
                publish(paths.db_path, work / PUBLISHED_NAME, options.threshold)
        with _step("docs", echo):
            docs(work / "docs")
        with _step("manifest", echo):
            write_manifest(work, month, paths, options)
        _move_into_place(work, final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final


def _move_into_place(work: Path, final: Path) -> None:
    """Rename ``work`` to ``final``; an existing ``final`` (--force) is set aside first, removed after."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.replaced-{os.getpid()}")
        final.rename(old)
    try:
        work.rename(final)
    except BaseException:
        if old is not None:
            old.rename(final)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
