"""``csc annex-a``: the Ofsted Annex A lists 1-11 for an inspection (docs/contracts/annex-a.md).

The restricted models (models/restricted/annex_a, schema ``restricted``) are built on the
warehouse for the reference date R (dbt var ``annex_a_as_at``) the way ``csc build`` builds
(csc.build: under the warehouse lock, on a working copy that replaces the warehouse only when
dbt passed). The files are written from that working copy, still under the lock, into a
private folder beside the output folder, which then takes its place (csc.returns.stage_folder
and replace_folder): a killed run leaves the previous lists (or none), never half of them.

    <out>/restricted/annex_a/list_01_contacts.csv ... list_11_adopters.csv
    <out>/restricted/annex_a/annex_a_notes.csv        the columns left blank, and why
    <out>/restricted/annex_a/AnnexA_<la_code>_<R>.xlsx  README sheet, then List 1 ... List 11

The seed ``annex_a_headings`` is the one place that gives each list's columns, in order, with
their headings and how each is written (text; date: DD/MM/YYYY in a CSV, a date cell in the
workbook; number). Every list model also has ``source_id`` (the row's source record), used only
to sort. Folders are 0700 and files 0600: the lists are child-level.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable, Sequence

import duckdb
import yaml

from csc.build import BuildError, build_warehouse
from csc.dbt_runner import DbtResult
from csc.paths import WarehousePaths
from csc.returns import built_extract, replace_folder, stage_folder

RESTRICTED_SCHEMA = "restricted"
REFERENCE_SCHEMA = "reference"
HEADINGS_SEED = "annex_a_headings"
MODEL_PREFIX = "rpt_annex_a__"
NOTES_MODEL = "rpt_annex_a__notes"
NOTES_COLUMNS = ("list_name", "heading", "reason")
SORT_COLUMN = "source_id"
COMMON_DATE_OF_BIRTH = "date_of_birth"  # a common column, not the list's first date
SELECTOR = f"{HEADINGS_SEED} models/restricted/annex_a"
FOLDER = Path("restricted") / "annex_a"
NOTES_FILE = "annex_a_notes.csv"
WHOLE_LIST = "(whole list)"
DATE_FORMAT = "%d/%m/%Y"
EXCEL_DATE_FORMAT = "dd/mm/yyyy"
NUMBER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
                "UINTEGER", "UBIGINT", "FLOAT", "DOUBLE", "DECIMAL")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
REBUILD = "build the warehouse with this version of csc (csc build), then run csc annex-a again"

Echo = Callable[[str], None]


class AnnexAError(RuntimeError):
    """The lists cannot be written for a reason the user can act on (one line)."""


@dataclass(frozen=True)
class Column:
    name: str
    heading: str
    value_type: str  # text, date or number


@dataclass(frozen=True)
class AnnexList:
    """One list: its CSV name (list_01_contacts), number and columns in order."""

    name: str
    columns: tuple[Column, ...]

    @property
    def number(self) -> int:
        return int(self.name.split("_")[1])

    @property
    def model(self) -> str:
        return f"{MODEL_PREFIX}{self.name}"

    @property
    def sheet(self) -> str:
        return f"List {self.number}"

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    def heading_of(self, column: str) -> str:
        return next(item.heading for item in self.columns if item.name == column)


@dataclass(frozen=True)
class Note:
    """A column (or a whole list, heading None) left blank, and why."""

    list_name: str
    heading: str | None
    reason: str


@dataclass
class Details:
    """What the README sheet states besides the lists."""

    la_code: str
    as_at: date
    months: int
    window_start: date  # first day of W6: the day after R - months
    built_at: datetime


@dataclass
class AnnexOutcome:
    """What ``produce_annex_a`` wrote."""

    result: DbtResult
    out_dir: Path | None = None
    details: Details | None = None
    rows: dict[str, int] = field(default_factory=dict)  # list name -> rows
    notes: list[Note] = field(default_factory=list)
    workbook: Path | None = None


def parse_as_at(value: str | None) -> date | None:
    """``--as-at`` as a date (YYYY-MM-DD), None for None; anything else is an AnnexAError."""
    if value is None:
        return None
    try:
        if _ISO_DATE.fullmatch(value.strip()):
            return date.fromisoformat(value.strip())
    except ValueError:
        pass
    raise AnnexAError(f"--as-at {value!r} is not a date: give the reference date (the inspection "
                      f"date) as YYYY-MM-DD, e.g. 2024-03-31")


def project_vars(project_dir: Path) -> dict[str, object]:
    """The vars of dbt_project.yml (their defaults)."""
    text = (project_dir / "dbt_project.yml").read_text(encoding="utf-8")
    return dict((yaml.safe_load(text) or {}).get("vars") or {})


def _columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> dict[str, str]:
    rows = con.execute("select column_name, data_type from information_schema.columns "
                       "where table_schema = ? and table_name = ?", [schema, table]).fetchall()
    return {str(name): str(data_type) for name, data_type in rows}


def read_lists(con: duckdb.DuckDBPyConnection) -> list[AnnexList]:
    """The lists and their columns from the seed annex_a_headings, in list and column order."""
    if not _columns(con, REFERENCE_SCHEMA, HEADINGS_SEED):
        raise AnnexAError(f"the warehouse has no {REFERENCE_SCHEMA}.{HEADINGS_SEED}; {REBUILD}")
    rows = con.execute(f"select list_name, column_name, heading, value_type from {REFERENCE_SCHEMA}."
                       f"{HEADINGS_SEED} order by list_name, column_order").fetchall()
    lists: dict[str, list[Column]] = {}
    for list_name, column, heading, value_type in rows:
        lists.setdefault(str(list_name), []).append(Column(str(column), str(heading), str(value_type)))
    return [AnnexList(name, tuple(columns)) for name, columns in lists.items()]


def _check_model(annex_list: AnnexList, types: dict[str, str]) -> None:
    where = f"{RESTRICTED_SCHEMA}.{annex_list.model}"
    if not types:
        raise AnnexAError(f"the warehouse has no {where} (the Annex A models were not built); {REBUILD}")
    missing = [column.name for column in annex_list.columns if column.name not in types]
    if SORT_COLUMN not in types:
        missing.append(SORT_COLUMN)
    if missing:
        raise AnnexAError(f"{where} lacks the column(s) {', '.join(missing)} that {HEADINGS_SEED} gives "
                          f"for {annex_list.file_name}; {REBUILD}")
    for column in annex_list.columns:
        data_type = types[column.name]
        if column.value_type == "date" and data_type != "DATE":
            raise AnnexAError(f"{where}.{column.name} ({column.heading!r}) is {data_type}, not DATE as "
                              f"{HEADINGS_SEED} says; fix the model or the seed")
        if column.value_type == "number" and not data_type.startswith(NUMBER_TYPES):
            raise AnnexAError(f"{where}.{column.name} ({column.heading!r}) is {data_type}, not a number as "
                              f"{HEADINGS_SEED} says; fix the model or the seed")


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def read_rows(con: duckdb.DuckDBPyConnection, annex_list: AnnexList) -> list[tuple]:
    """The list's rows in the contract's order: its first column as text (Child Unique ID), its
    first own date column (not the common Date of Birth: Date of Contact, Date of referral, ...),
    then the source id."""
    _check_model(annex_list, _columns(con, RESTRICTED_SCHEMA, annex_list.model))
    first = annex_list.columns[0]
    order = [f"cast({_quoted(first.name)} as varchar) nulls last"]
    first_date = next((column for column in annex_list.columns
                       if column.value_type == "date" and column.name != COMMON_DATE_OF_BIRTH), None)
    if first_date is not None:
        order.append(f"{_quoted(first_date.name)} nulls last")
    order.append(f"cast({_quoted(SORT_COLUMN)} as varchar) nulls last")
    selected = ", ".join(
        _quoted(column.name) if column.value_type != "text" else f"cast({_quoted(column.name)} as varchar)"
        for column in annex_list.columns)
    return con.execute(f"select {selected} from {RESTRICTED_SCHEMA}.{_quoted(annex_list.model)} "
                       f"order by {', '.join(order)}").fetchall()


def read_notes(con: duckdb.DuckDBPyConnection, lists: Sequence[AnnexList]) -> list[Note]:
    """The blank columns of this build (rpt_annex_a__notes), each checked to be a list's heading."""
    types = _columns(con, RESTRICTED_SCHEMA, NOTES_MODEL)
    missing = [column for column in NOTES_COLUMNS if column not in types]
    if missing:
        raise AnnexAError(f"the warehouse has no {RESTRICTED_SCHEMA}.{NOTES_MODEL} with the columns "
                          f"{', '.join(NOTES_COLUMNS)}; {REBUILD}")
    by_name = {annex_list.name: annex_list for annex_list in lists}
    notes = []
    rows = con.execute(f"select list_name, heading, reason from {RESTRICTED_SCHEMA}.{NOTES_MODEL} "
                       f"order by list_name, heading nulls first").fetchall()
    for list_name, heading, reason in rows:
        annex_list = by_name.get(str(list_name))
        if annex_list is None or (heading is not None and heading not in
                                  {column.heading for column in annex_list.columns}):
            raise AnnexAError(f"{RESTRICTED_SCHEMA}.{NOTES_MODEL} names {heading or WHOLE_LIST!r} of "
                              f"{list_name!r}, which is not a column of an Annex A list in "
                              f"{HEADINGS_SEED}; fix the model")
        notes.append(Note(str(list_name), None if heading is None else str(heading), str(reason)))
    return notes


def csv_value(value: object) -> str:
    """A value as the CSV writes it: DD/MM/YYYY for a date, blank for null, whole numbers
    without a decimal point."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, (float, Decimal)) and value == int(value):
        return str(int(value))
    return str(value)


def _private_file(path: Path) -> Path:
    """Create ``path`` readable by its owner only (0600, whatever the umask)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(fd, 0o600)
    os.close(fd)
    return path


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """UTF-8 with BOM, comma-separated, CRLF-free, the header then the rows."""
    with _private_file(path).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([csv_value(value) for value in row] for row in rows)


def _window(details: Details) -> str:
    return (f"{details.window_start:{DATE_FORMAT}} to {details.as_at:{DATE_FORMAT}} (the {details.months} "
            f"months up to and including R)")


def write_workbook(path: Path, lists: Sequence[AnnexList], rows: dict[str, list[tuple]], notes: Sequence[Note],
                   details: Details) -> None:
    """README sheet first, then List 1 ... List 11: date cells, numbers as numbers, frozen header."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    book = Workbook()
    readme = book.active
    readme.title = "README"
    sheet_of = {annex_list.name: annex_list.sheet for annex_list in lists}
    lines: list[list[object]] = [
        ["Ofsted Annex A lists 1-11 (ILACS)"],
        ["RESTRICTED: child-level data with the authority's own child ids. For the inspection team "
         "only, sent over a secure channel; never publish or e-mail unencrypted."],
        [],
        ["Reference date (R)", details.as_at],
        ["Window W6", _window(details)],
        ["Local authority", details.la_code],
        ["Built at (UTC)", details.built_at.strftime("%d/%m/%Y %H:%M:%S")],
        [],
        ["Blank columns", "Column", "Reason"],
        *([sheet_of[note.list_name], note.heading or WHOLE_LIST, note.reason] for note in notes),
        *([] if notes else [["none", "", ""]]),
        [],
        ["Rows per list", "File", "Rows"],
        *([annex_list.sheet, annex_list.file_name, len(rows[annex_list.name])] for annex_list in lists),
    ]
    for line in lines:
        readme.append(line)
    for row in readme.iter_rows():
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = EXCEL_DATE_FORMAT
            if cell.column == 1 and cell.value in ("Blank columns", "Rows per list"):
                for header_cell in row:
                    header_cell.font = bold
    readme["A1"].font = bold
    readme.column_dimensions["A"].width = 24
    readme.column_dimensions["B"].width = 48
    readme.column_dimensions["C"].width = 60
    for annex_list in lists:
        sheet = book.create_sheet(annex_list.sheet)
        sheet.append([column.heading for column in annex_list.columns])
        for cell in sheet[1]:
            cell.font = bold
        date_columns = [index for index, column in enumerate(annex_list.columns, 1) if column.value_type == "date"]
        for values in rows[annex_list.name]:
            sheet.append(list(values))
        for index in date_columns:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = EXCEL_DATE_FORMAT
        sheet.freeze_panes = "A2"
    with _private_file(path).open("wb") as handle:
        book.save(handle)


def workbook_name(details: Details) -> str:
    return f"AnnexA_{details.la_code}_{details.as_at.isoformat()}.xlsx"


def window_start(con: duckdb.DuckDBPyConnection, as_at: date, months: int) -> date:
    """The first day of W6: the day after R - months (DuckDB's month arithmetic, as the models')."""
    ((start,),) = con.execute("select cast(? - to_months(?) + interval 1 day as date)", [as_at, months]).fetchall()
    return start


def write_annex_a(db_path: Path, out_dir: Path, la_code: str, as_at: date, months: int,
                  built_at: datetime | None = None) -> AnnexOutcome:
    """Write the lists, notes and workbook of the warehouse's restricted models into ``out_dir``."""
    staged: Path | None = None
    with duckdb.connect(str(db_path), read_only=True) as con:
        lists = read_lists(con)
        rows = {annex_list.name: read_rows(con, annex_list) for annex_list in lists}
        notes = read_notes(con, lists)
        details = Details(la_code, as_at, months, window_start(con, as_at, months),
                          built_at or datetime.now(timezone.utc))
    outcome = AnnexOutcome(result=DbtResult(exit_code=0), out_dir=out_dir, details=details, notes=notes,
                           rows={name: len(found) for name, found in rows.items()})
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(out_dir.parent, 0o700)  # <out>/restricted
        staged = stage_folder(out_dir)
        for annex_list in lists:
            write_csv(staged / annex_list.file_name, [column.heading for column in annex_list.columns],
                      rows[annex_list.name])
        by_name = {annex_list.name: annex_list for annex_list in lists}
        write_csv(staged / NOTES_FILE, ["List", "File", "Column", "Reason"],
                  [[by_name[note.list_name].sheet, by_name[note.list_name].file_name, note.heading or WHOLE_LIST,
                    note.reason] for note in notes])
        write_workbook(staged / workbook_name(details), lists, rows, notes, details)
        replace_folder(staged, out_dir)
    finally:
        if staged is not None and staged.exists():
            shutil.rmtree(staged, ignore_errors=True)
    outcome.workbook = out_dir / workbook_name(details)
    return outcome


def default_out_dir(paths: WarehousePaths) -> Path:
    return paths.build_dir


#: values of annex_a_restricted_fields that leave it off
NOT_SET = {"false", "0", "no", "none", "null", ""}
RESTRICTED_FIELDS_REFUSED = (
    "annex_a_restricted_fields=true is not supported: placement postcodes and workers' names never "
    "leave staging in this warehouse (README \"Annex A for an inspection\"); the lists give the "
    "worker's id and a blank postcode, each with a note. Leave the var false.")


def produce_annex_a(paths: WarehousePaths, as_at: str | None, out: Path | None,
                    extra_vars: dict[str, object] | None = None, echo: Echo | None = None) -> AnnexOutcome:
    """Build the restricted models for R on the warehouse, then write the lists under ``<out>/restricted``."""
    chosen = parse_as_at(as_at)
    if str((extra_vars or {}).get("annex_a_restricted_fields", False)).strip().lower() not in NOT_SET:
        raise AnnexAError(RESTRICTED_FIELDS_REFUSED)
    manifest = built_extract(paths, AnnexAError, "the lists are")
    reference = chosen or manifest.extract_date
    if reference > manifest.extract_date:
        raise AnnexAError(f"--as-at {reference.isoformat()} is after the extract date "
                          f"{manifest.extract_date.isoformat()}: the extract holds nothing after it; give a "
                          f"date on or before it, or build a newer extract")
    dbt_vars = {**(extra_vars or {}), "annex_a_as_at": reference.isoformat()}
    months = int(str(dbt_vars.get("annex_a_months", project_vars(paths.project_dir).get("annex_a_months"))))
    out_dir = ((out or default_out_dir(paths)).resolve()) / FOLDER
    written: list[AnnexOutcome] = []

    def after_build(work_paths: WarehousePaths, _gx_dir: Path) -> None:
        written.append(write_annex_a(work_paths.db_path, out_dir, manifest.la_code, reference, months))

    args = ["--select", SELECTOR, "--vars", json.dumps(dbt_vars)]
    build = build_warehouse(paths, args, echo=echo, after_build=after_build, notify=echo)
    if not build.result.ok:
        reason = build.result.failure_reason()
        hint = f" ({REBUILD})" if "does not exist" in reason else ""
        raise BuildError(f"{reason}{hint}")
    outcome = written[0]
    outcome.result = build.result
    return outcome
