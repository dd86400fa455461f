"""``csc returns``: build the statutory returns of a collection year and write their files.

The returns models (models/marts/returns) are built on the warehouse for the year (dbt var
``return_year``) the way ``csc build`` builds (csc.build: under the warehouse lock, on a
working copy that replaces the warehouse only when dbt passed). The files are written from
that working copy, still under the lock, into a temporary folder beside the output folder,
which then takes the output folder's place: a killed run leaves the previous return (or
none), never half of one.

    <out>/ssda903/<file>.csv          the SSDA903 (csc.returns.writer)
    <out>/cin_census/cin_census.xml   the CIN census (csc.returns.cin_xml)
    <out>/returns_manifest.json       year, as-at date, provisional, authority, files, unfilled
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

import duckdb

from csc.build import BuildError, build_warehouse
from csc.dbt_runner import DbtResult
from csc.manifest_check import Manifest, check_manifest
from csc.paths import WarehousePaths
from csc.returns.cin_xml import write_cin_census
from csc.returns.writer import sha256_of, unfilled_from_manifest, write_manifest, write_ssda903

RETURNS_SELECTOR = "+models/marts/returns"
RETURNS_FOLDER = Path("build") / "returns"
_YEAR = re.compile(r"(\d{4})-(\d{2})")


class ReturnsError(RuntimeError):
    """The returns cannot be produced for a reason the user can act on (one line)."""


@dataclass
class ReturnsOutcome:
    """What ``produce_returns`` did."""

    result: DbtResult
    out_dir: Path | None = None
    details: dict[str, object] = field(default_factory=dict)
    files: dict[str, dict[str, object]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def is_collection_year(value: str) -> bool:
    """True for an April-March collection year written YYYY-YY (2021-22)."""
    match = _YEAR.fullmatch(value)
    return bool(match) and (int(match.group(1)) + 1) % 100 == int(match.group(2))


def parse_year(value: str | None) -> str | None:
    """``2021-22`` as given, None for None; a value not of that form is a ReturnsError."""
    if value is None:
        return None
    if not is_collection_year(value.strip()):
        raise ReturnsError(
            f"--year {value!r} is not a collection year: give the April-March year as YYYY-YY, "
            f"e.g. 2021-22 (the year from 1 April 2021 to 31 March 2022)"
        )
    return value.strip()


def year_of(extract_date: date) -> str:
    """The collection year that contains a date."""
    start = extract_date.year - (1 if extract_date.month < 4 else 0)
    return f"{start}-{(start + 1) % 100:02d}"


def check_year(year: str | None, extract_date: date) -> str:
    """The year to build: ``year``, or the extract date's; a year starting after it is refused."""
    chosen = year or year_of(extract_date)
    start = date(int(chosen[:4]), 4, 1)
    if start > extract_date:
        raise ReturnsError(
            f"the collection year {chosen} starts on {start:%d %B %Y}, after the extract date "
            f"{extract_date:%Y-%m-%d}: the extract holds nothing of it; choose --year "
            f"{year_of(extract_date)} or an earlier year"
        )
    return chosen


def default_out_dir(paths: WarehousePaths, year: str) -> Path:
    return paths.project_dir / RETURNS_FOLDER / year


def _write_cin(con: duckdb.DuckDBPyConnection, collection_year: str, out_dir: Path,
               files: dict[str, dict[str, object]]) -> None:
    path = write_cin_census(con, collection_year, out_dir)
    children = path.read_text(encoding="utf-8").count("<Child>")
    files[path.relative_to(out_dir).as_posix()] = {"rows": children, "sha256": sha256_of(path)}


def stage_folder(out_dir: Path) -> Path:
    """A new private folder (0700) beside ``out_dir`` to write into, after removing the folders
    of a run that was killed while it wrote; ``replace_folder`` puts it in place."""
    staged = out_dir.with_name(f".{out_dir.name}.tmp-{os.getpid()}")
    if out_dir.parent.is_dir():
        for leftover in out_dir.parent.glob(f".{glob.escape(out_dir.name)}.[to][ml][pd]-*"):
            shutil.rmtree(leftover, ignore_errors=True)
    staged.mkdir(parents=True, mode=0o700)
    return staged


def replace_folder(staged: Path, out_dir: Path) -> None:
    """Put the finished folder in place of ``out_dir`` (the old one is removed after)."""
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(staged, out_dir)
    shutil.rmtree(old, ignore_errors=True)


def write_returns(db_path: Path, dbt_manifest: Path, out_dir: Path, la_code: str) -> ReturnsOutcome:
    """Write the files of the year the warehouse's returns models were built for."""
    staged = stage_folder(out_dir)
    outcome = ReturnsOutcome(result=DbtResult(exit_code=0), out_dir=out_dir)
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            row = con.execute("select collection_year, as_at_date, is_provisional "
                              "from intermediate.int_return_years").fetchone()
            if row is None:
                raise ReturnsError("the warehouse has no collection year (intermediate.int_return_years)")
            collection_year = str(row[0])
            outcome.details = {"collection_year": collection_year, "as_at_date": row[1].isoformat(),
                               "is_provisional": bool(row[2]), "la_code": la_code}
            outcome.files = write_ssda903(con, collection_year, staged)
            _write_cin(con, collection_year, staged, outcome.files)
        write_manifest(staged, outcome.details, outcome.files, unfilled_from_manifest(dbt_manifest))
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        replace_folder(staged, out_dir)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return outcome


def built_extract(paths: WarehousePaths, error: type[Exception], what: str) -> Manifest:
    """The manifest of the extract the warehouse was built from; ``error`` when the warehouse or
    the landing folder is missing (``what``: "the returns are", for the message)."""
    if not paths.db_path.is_file():
        raise error(f"there is no warehouse at {paths.db_path}; build it first "
                    f"(csc build --db {paths.db_path}), or give the warehouse with --db")
    if not paths.landing_dir.is_dir():
        raise error(f"landing folder {paths.landing_dir} does not exist: {what} built "
                    f"from the extract the warehouse was built from (set CSC_LANDING_DIR)")
    return check_manifest(paths.landing_dir)


def produce_returns(paths: WarehousePaths, year: str | None, out: Path | None,
                    echo: Callable[[str], None] | None = None) -> ReturnsOutcome:
    """Build the returns models for the year on the warehouse, then write the files."""
    year = parse_year(year)
    manifest = built_extract(paths, ReturnsError, "the returns are")
    chosen = check_year(year, manifest.extract_date)
    out_dir = (out or default_out_dir(paths, chosen)).resolve()
    written: list[ReturnsOutcome] = []

    def after_build(work_paths: WarehousePaths, _gx_dir: Path) -> None:
        assert work_paths.target_dir is not None
        written.append(write_returns(work_paths.db_path, work_paths.target_dir / "manifest.json",
                                     out_dir, manifest.la_code))

    args = ["--select", RETURNS_SELECTOR, "--vars", json.dumps({"return_year": chosen})]
    build = build_warehouse(paths, args, echo=echo, after_build=after_build, notify=echo)
    if not build.result.ok:
        raise BuildError(build.result.failure_reason())
    outcome = written[0]
    outcome.result = build.result
    return outcome
