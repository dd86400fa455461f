"""The authority's own optional files, checked before dbt runs (docs/contracts/authority-files.md).

Two CSV files that are not part of the extract, which `csc build` passes to dbt as vars:

* ``--benchmarks FILE``: statistical-neighbour and regional averages and "good LAs" figures by
  KPI and year (var ``authority_benchmarks_file``, model ``stg_authority__benchmarks``);
* ``--targets FILE``: the authority's targets with amber bands (var ``kpi_targets_file``,
  model ``stg_authority__kpi_targets``).

dbt selects and judges (models/marts/publication/fct_kpi_values_benchmarked.sql); this module
only refuses a file it could not use, listing every problem by file, row (1 = the first data
row), column and value, with what to do, as the manifest check does.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# The dbt var each file reaches dbt as (csc build --benchmarks FILE, --targets FILE).
BENCHMARKS_VAR = "authority_benchmarks_file"
TARGETS_VAR = "kpi_targets_file"
AUTHORITY_FILE_VARS = (BENCHMARKS_VAR, TARGETS_VAR)
BENCHMARK_COLUMNS = ("kpi_id", "comparator", "collection_year", "year_end_date", "benchmark_value", "source")
TARGET_COLUMNS = ("kpi_id", "target", "amber_band")
TARGET_OPTIONAL_COLUMNS = ("applies_from",)
# England comes from the project's seed benchmarks_england; the authority supplies the others.
AUTHORITY_COMPARATORS = ("statistical_neighbours", "region", "good_la")
POLARITIES_WITH_RAG = ("higher_is_better", "lower_is_better")

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
# At most this many problems are listed; the count says how many there were.
_SHOWN = 20


@dataclass(frozen=True)
class CatalogueKpi:
    unit: str
    polarity: str


class AuthorityFileError(ValueError):
    """The file cannot be used; ``problems`` lists every reason."""

    def __init__(self, kind: str, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        shown = "; ".join(problems[:_SHOWN]) + (f"; ... and {len(problems) - _SHOWN} more" if len(problems) > _SHOWN else "")
        super().__init__(
            f"the {kind} file {path} cannot be used ({len(problems)} problem(s)): {shown}. "
            "Fix the file and build again (docs/contracts/authority-files.md)"
        )


def read_catalogue(project_dir: Path) -> dict[str, CatalogueKpi]:
    """kpi_id -> unit and polarity, from the project's seeds/kpi_catalogue.csv."""
    with (project_dir / "seeds" / "kpi_catalogue.csv").open(encoding="utf-8", newline="") as handle:
        return {row["kpi_id"]: CatalogueKpi(row["unit"], row["polarity"]) for row in csv.DictReader(handle)}


def _csv_lines(path: Path) -> list[list[str]]:
    """The fields of each line of a CSV file (UTF-8, a byte-order mark allowed), as written."""
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))


def text_table(path: Path) -> tuple[list[str], list[list[str | None]]]:
    """The column names and rows of a checked authority file as DuckDB's ``read_csv(header =
    true, all_varchar = true)`` gives them to the models (csc build --target postgres loads
    them so): names trimmed, a repeated name suffixed ``_1``, ``_2``..., a blank one
    ``column<N>``; values as written, an empty field null; blank lines skipped and a short row
    padded with nulls, as the check reads them."""
    lines = _csv_lines(path)
    header = [cell.strip() for cell in lines[0]] if lines else []
    names: list[str] = []
    width = len(str(max(len(header) - 1, 0)))
    for index, cell in enumerate(header):
        name = cell or f"column{index:0{width}d}"
        base, suffix = name, 0
        while name in names:
            suffix += 1
            name = f"{base}_{suffix}"
        names.append(name)
    rows = [[(cells[i] or None) if i < len(cells) else None for i in range(len(names))]
            for cells in lines[1:] if any(cell.strip() for cell in cells)]
    return names, rows


def _rows(path: Path, required: tuple[str, ...], optional: tuple[str, ...],
          problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    """(row number, values trimmed) of a CSV; header problems appended to ``problems``."""
    name = path.name
    try:
        lines = _csv_lines(path)
    except FileNotFoundError:
        problems.append(f"{path} does not exist: give the path of the CSV file")
        return []
    except UnicodeDecodeError as error:
        problems.append(f"{name} is not UTF-8 text (byte {error.start}): save it as CSV UTF-8")
        return []
    if not lines or not any(cell.strip() for cell in lines[0]):
        problems.append(f"{name} has no header row: the first line names the columns {', '.join(required)}")
        return []
    header = [cell.strip() for cell in lines[0]]
    missing = [column for column in required if column not in header]
    if missing:
        problems.append(
            f"{name} is missing column(s) {', '.join(missing)} (the header has {', '.join(header)}); "
            f"name the columns exactly {', '.join(required + optional)} (lower case)"
        )
        return []
    rows = []
    for number, cells in enumerate(lines[1:], start=1):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        if len(cells) > len(header):
            problems.append(f"{name} row {number} has {len(cells)} fields but the header has {len(header)}: "
                            "quote a value that holds a comma")
            continue
        values = {column: (cells[i].strip() if i < len(cells) else "") for i, column in enumerate(header)}
        rows.append((number, values))
    return rows


def _number(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _is_iso_date(value: str) -> bool:
    match = _ISO_DATE.fullmatch(value)
    if not match:
        return False
    try:
        date(*map(int, match.groups()))
    except ValueError:
        return False
    return True


def _check_kpi(name: str, number: int, kpi_id: str, catalogue: dict[str, CatalogueKpi],
               problems: list[str]) -> CatalogueKpi | None:
    kpi = catalogue.get(kpi_id)
    if kpi is None:
        problems.append(f"{name} row {number}, column kpi_id ({kpi_id!r}): not a KPI of the catalogue; "
                        "use a kpi_id of seeds/kpi_catalogue.csv (e.g. rereferral_rate)")
    return kpi


def _check_value(name: str, number: int, column: str, value: str, kpi: CatalogueKpi | None,
                 problems: list[str]) -> float | None:
    figure = _number(value)
    if figure is None:
        problems.append(f"{name} row {number}, column {column} ({value!r}): give a number in the KPI's unit "
                        "(a percentage as 0-100, without %)")
        return None
    if kpi is not None and kpi.unit == "percent" and not 0 <= figure <= 100:
        problems.append(f"{name} row {number}, column {column} ({value!r}): the KPI is a percentage, "
                        "give it as 0-100 (e.g. 19 for 19%)")
    return figure


def check_benchmarks(path: Path, catalogue: dict[str, CatalogueKpi]) -> Path:
    """The absolute path of a usable benchmark file; AuthorityFileError otherwise."""
    path = Path(path).resolve()
    problems: list[str] = []
    name = path.name
    seen: dict[tuple[str, str, str], int] = {}
    for number, row in _rows(path, BENCHMARK_COLUMNS, (), problems):
        kpi = _check_kpi(name, number, row["kpi_id"], catalogue, problems)
        if row["comparator"] not in AUTHORITY_COMPARATORS:
            problems.append(
                f"{name} row {number}, column comparator ({row['comparator']!r}): use one of "
                f"{', '.join(AUTHORITY_COMPARATORS)} (England figures are the project's seed benchmarks_england)"
            )
        if not row["collection_year"]:
            problems.append(f"{name} row {number}, column collection_year (blank): give the year shown beside "
                            "the figure, e.g. 2020-21 or 30 Sep 2021")
        if not _is_iso_date(row["year_end_date"]):
            problems.append(f"{name} row {number}, column year_end_date ({row['year_end_date']!r}): give the date "
                            "the year ends (the figure is as at) as YYYY-MM-DD, e.g. 2021-03-31")
        _check_value(name, number, "benchmark_value", row["benchmark_value"], kpi, problems)
        if not row["source"]:
            problems.append(f"{name} row {number}, column source (blank): name where the figure comes from "
                            "(it is shown beside it)")
        key = (row["kpi_id"], row["comparator"], row["year_end_date"])
        if key in seen:
            problems.append(f"{name} row {number}: the same kpi_id, comparator and year_end_date as row "
                            f"{seen[key]}; keep one figure per KPI, comparator and year")
        seen.setdefault(key, number)
    if problems:
        raise AuthorityFileError("benchmark", path, problems)
    return path


def check_targets(path: Path, catalogue: dict[str, CatalogueKpi]) -> Path:
    """The absolute path of a usable targets file; AuthorityFileError otherwise."""
    path = Path(path).resolve()
    problems: list[str] = []
    name = path.name
    seen: dict[tuple[str, str], int] = {}
    for number, row in _rows(path, TARGET_COLUMNS, TARGET_OPTIONAL_COLUMNS, problems):
        kpi = _check_kpi(name, number, row["kpi_id"], catalogue, problems)
        if kpi is not None and kpi.polarity not in POLARITIES_WITH_RAG:
            problems.append(f"{name} row {number}, column kpi_id ({row['kpi_id']!r}): the KPI is neutral (neither "
                            "higher nor lower is better), so it has no RAG status; remove the row")
        _check_value(name, number, "target", row["target"], kpi, problems)
        band = _number(row["amber_band"])
        if band is None or band < 0:
            problems.append(f"{name} row {number}, column amber_band ({row['amber_band']!r}): give how far worse "
                            "than the target is still amber, as a number of 0 or more in the KPI's unit")
        applies_from = row.get("applies_from", "")
        if applies_from:
            match = _MONTH.fullmatch(applies_from)
            if not match or not 1 <= int(match.group(2)) <= 12:
                problems.append(f"{name} row {number}, column applies_from ({applies_from!r}): give the first "
                                "month the target applies to as YYYY-MM, or leave it blank for every month")
        key = (row["kpi_id"], applies_from)
        if key in seen:
            problems.append(f"{name} row {number}: the same kpi_id and applies_from as row {seen[key]}; "
                            "keep one target per KPI and month it applies from")
        seen.setdefault(key, number)
    if problems:
        raise AuthorityFileError("targets", path, problems)
    return path


def authority_file_vars(project_dir: Path, benchmarks: Path | None, targets: Path | None) -> dict[str, str]:
    """The dbt vars of the files given, each checked first (AuthorityFileError on a problem)."""
    if benchmarks is None and targets is None:
        return {}
    catalogue = read_catalogue(project_dir)
    found: dict[str, str] = {}
    if benchmarks is not None:
        found[BENCHMARKS_VAR] = str(check_benchmarks(benchmarks, catalogue))
    if targets is not None:
        found[TARGETS_VAR] = str(check_targets(targets, catalogue))
    return found
