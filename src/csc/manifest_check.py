"""Checks of the extract manifest before dbt runs (landing.md, "Three extra files").

``extract_manifest.csv`` (or ``.parquet``) has exactly one row, and every figure of the month
depends on it: ``extract_date`` fixes the reporting periods, ``child_population`` every rate,
``la_code`` which authority's warehouse the extract belongs to. A bad manifest is therefore
refused before the build starts, with every problem named by file, row, column and value.
The row number is the 1-based data row (the header is not counted), as elsewhere in the
warehouse. Reading follows the contract: UTF-8 with or without a BOM, column names matched
case-insensitively, values trimmed, blank or ``NULL`` as missing.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

MANIFEST = "extract_manifest"
REQUIRED_COLUMNS = ("la_code", "la_name", "extract_date", "child_population")

# A three-digit local-authority code (e.g. 999) or a nine-character GSS code (E10000008).
_LA_CODE = re.compile(r"\d{3}|[EWSN]\d{8}")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_WHOLE_NUMBER = re.compile(r"\d+(?:\.0+)?")


@dataclass(frozen=True)
class Manifest:
    """The checked manifest row."""

    path: Path
    la_code: str
    la_name: str | None
    extract_date: date
    child_population: int


class ManifestError(ValueError):
    """The manifest cannot be used; ``problems`` lists every reason."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(
            f"the extract manifest {path} cannot be used ({len(problems)} problem(s)): "
            + "; ".join(problems) + ". Fix the file and build again"
        )


def parse_contract_date(value: str) -> date | None:
    """A landing date (YYYY-MM-DD with an optional valid time, or DD/MM/YYYY), else None."""
    iso = _ISO_DATE.fullmatch(value)
    try:
        if iso:
            year, month, day, hour, minute, second = iso.groups()
            parsed = date(int(year), int(month), int(day))
            if hour is not None:  # the time is dropped, but it must be a time
                datetime(parsed.year, parsed.month, parsed.day, int(hour), int(minute), int(second or 0))
            return parsed
        uk = _UK_DATE.fullmatch(value)
        if uk:
            day, month, year = uk.groups()
            return date(int(year), int(month), int(day))
    except ValueError:
        return None
    return None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return None if text.upper() in ("", "NULL") else text


def _read(path: Path) -> tuple[list[str], list[dict[str, str | None]]]:
    """Lower-cased header and rows (values cleaned) of the manifest file."""
    if path.suffix == ".parquet":
        with duckdb.connect(":memory:") as con:
            relation = con.read_parquet(str(path))
            header = [name.lower() for name in relation.columns]
            rows = [dict(zip(header, (_clean(v) for v in row))) for row in relation.fetchall()]
        return header, rows
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        lines = list(reader)
    if not lines:
        return [], []
    header = [name.strip().lower() for name in lines[0]]
    rows = []
    for line in lines[1:]:
        if not any(cell.strip() for cell in line):
            continue  # a blank line is no row
        rows.append({name: _clean(line[index]) if index < len(line) else None
                     for index, name in enumerate(header)})
    return header, rows


def find_manifest(landing_dir: Path) -> Path | None:
    """The manifest file, or None when there is none or both forms (dbt's load check names those)."""
    candidates = [landing_dir / f"{MANIFEST}{suffix}" for suffix in (".csv", ".parquet")]
    present = [path for path in candidates if path.is_file()]
    return present[0] if len(present) == 1 else None


def _row_problems(name: str, number: int, row: dict[str, str | None]) -> list[str]:
    def where(column: str) -> str:
        value = row.get(column)
        shown = "blank" if value is None else repr(value)
        return f"{name} row {number}, column {column} ({shown})"

    problems = []
    la_code = row.get("la_code")
    if la_code is None or not _LA_CODE.fullmatch(la_code):
        problems.append(f"{where('la_code')}: give the authority's code, three digits (e.g. 999) or its "
                        f"nine-character GSS code (e.g. E10000008)")
    extract_date = row.get("extract_date")
    if extract_date is None or parse_contract_date(extract_date) is None:
        problems.append(f"{where('extract_date')}: give the extract's as-at date as YYYY-MM-DD "
                        f"(a time may follow) or DD/MM/YYYY with a four-digit year")
    population = row.get("child_population")
    if population is None or not _WHOLE_NUMBER.fullmatch(population) or int(float(population)) <= 0:
        problems.append(f"{where('child_population')}: give the 0-17 population as a positive whole "
                        f"number without separators (e.g. 112000)")
    return problems


def check_manifest(landing_dir: Path) -> Manifest | None:
    """The landing folder's manifest, checked; None when the file is absent or doubled.

    Raises ManifestError listing every problem at once.
    """
    path = find_manifest(landing_dir)
    if path is None:
        return None
    try:
        header, rows = _read(path)
    except (OSError, UnicodeDecodeError, csv.Error, duckdb.Error) as error:
        raise ManifestError(path, [f"{path.name} cannot be read ({str(error).splitlines()[0]}); "
                                   f"export it again as UTF-8 CSV or Parquet"]) from None
    if not header:
        raise ManifestError(path, [f"{path.name} is empty (0 bytes, no header): it looks like a failed "
                                   f"export; export it again"])
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ManifestError(path, [f"landing file {path.name} is missing required column(s) "
                                   f"{', '.join(missing)}"])
    problems: list[str] = []
    if len(rows) != 1:
        problems.append(f"{path.name} has {len(rows)} data rows; it must have exactly one "
                        f"(one authority, one as-at date per landing folder)")
    for number, row in enumerate(rows, start=1):
        problems.extend(_row_problems(path.name, number, row))
    if problems:
        raise ManifestError(path, problems)
    row = rows[0]
    return Manifest(
        path=path,
        la_code=str(row["la_code"]),
        la_name=row.get("la_name"),
        extract_date=parse_contract_date(str(row["extract_date"])),  # type: ignore[arg-type]
        child_population=int(float(str(row["child_population"]))),
    )
