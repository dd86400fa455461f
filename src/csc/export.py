"""`csc export`: the KPI table as analysts use it, written as an Excel workbook.

Reads, read-only, the same relations as ``csc report`` (a warehouse or a published database):
``fct_kpi_values_benchmarked`` (the KPI values with small numbers suppressed in dbt),
``kpi_catalogue``, ``dim_reporting_periods`` and, when present, ``dim_teams`` and
``dim_kpi_availability``. Nothing here suppresses, judges or computes a figure: a value is the
warehouse's ``value``, and a suppressed one is written as the symbol ``c``, never as a number.

The workbook (``--xlsx PATH``) has these sheets:

* ``README``: what the workbook is, the months, the data date, the extract date, the
  suppression symbol and threshold, when it was generated and from which file;
* ``KPIs``: one row per KPI in catalogue order (id, name, section, unit, window, polarity),
  one column per month (the last 18 months to the report month, or every month with
  ``--months 0``), the whole-population figure (breakdown ``all``);
* one sheet per breakdown (locality, team, referral source, ...): KPI, breakdown value and
  the same month columns;
* ``Catalogue``: every column of the KPI catalogue (definitions, benchmarks and their sources).

``--format`` names the writer and ``--xlsx PATH`` is short for ``--format xlsx --out PATH``.

``--format csv`` and ``--format parquet`` (issue 15) write a different thing: ``fct_kpi_values``
itself, **unsuppressed** (small numbers as they are: a restricted output, for the authority's
own analysts, never to be published), from the engine ``--target`` names (duckdb, postgres),
read through ``csc.engines.readers.read_relation``. Every column of the model's contract
(models/marts/kpis/_kpis__models.yml), in its order and types, one row per KPI key, sorted by
kpi_id, period_month, period_end, breakdown, breakdown_value (sorted here, byte-wise, so that
no engine's collation decides). Numbers are doubles (in CSV: the shortest text that reads back
as the same double, whole numbers without ``.0``; an empty field is null), dates ISO
(``YYYY-MM-DD``; Parquet's date type). The restriction is stated where a reader meets it:
the command's output line, the Parquet file's key-value metadata (``csc.classification`` =
``RESTRICTED``, ``csc.notice``, ``csc.source``, ...) and, for CSV (which has no metadata), a
companion file ``PATH.RESTRICTED.txt`` written before the CSV itself. Each file is written to a
temporary file beside it and moved into place (``os.replace``): a failed or killed run leaves
no file, or the previous one, at PATH. ``--target postgres`` with ``--format xlsx`` copies what
the workbook reads into a temporary DuckDB file first (csc.engines.snapshot).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
import duckdb
import yaml

from csc.engines.readers import ReadError, Source, read_relation
from csc.fsync import fsync_path
from csc.paths import ProjectNotFoundError, resolve_paths
from csc.report.disclosure import BENCHMARKED_KPI_MODEL, ThresholdError, built_threshold, check_threshold
from csc.report.benchmarks import COMPARATORS
from csc.report.formatting import SUPPRESSED_SYMBOL, UNIT_LABELS, WINDOW_LABELS, date_label
from csc.report.labels import BreakdownLabels, load_breakdown_labels
from csc.report.options import db_option, target_option, threshold_option
from csc.report.periods import PeriodError, select_period
from csc.report.warehouse import MissingTableError, fetch_dicts, find_table, open_read_only, require_table

DEFAULT_MONTHS = 18
ALL = "all"
# Excel's number format for each unit of the catalogue.
NUMBER_FORMATS = {"count": "#,##0", "percent": "0.0", "ratio": "0.00", "rate_per_10k": "0.0"}
KPI_COLUMNS = ("KPI id", "KPI", "Report section", "Unit", "Window", "Polarity")
BREAKDOWN_COLUMNS = ("KPI id", "KPI", "Unit", "Breakdown value", "Label")


class ExportError(ValueError):
    """The export cannot be made from this database or with these options."""


@dataclass
class KpiTable:
    """The suppressed KPI values of some months, with the catalogue, ready to be written."""

    months: list[dt.date]
    catalogue: list[dict[str, Any]]
    # (kpi_id, period_month, breakdown, breakdown_value) -> (value, is_suppressed)
    values: dict[tuple[str, dt.date, str, str], tuple[float | None, bool]]
    threshold: int
    data_date: dt.date
    extract_date: dt.date
    source: str
    labels: BreakdownLabels = field(default_factory=BreakdownLabels)
    unavailable: dict[str, str] = field(default_factory=dict)
    # kpi_id -> the benchmark columns of fct_kpi_values_benchmarked at the report month (all row)
    benchmarks: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def month(self) -> dt.date:
        return self.months[-1]

    def breakdowns(self) -> list[str]:
        """The breakdowns with figures, in the order the catalogue declares them."""
        order: list[str] = []
        for kpi in self.catalogue:
            order += [b for b in str(kpi.get("breakdowns") or "").split("|") if b and b != ALL and b not in order]
        found = {key[2] for key in self.values if key[2] != ALL}
        return [b for b in order if b in found] + sorted(found - set(order))

    def cell(self, kpi_id: str, month: dt.date, breakdown: str = ALL, value: str = ALL) -> float | str | None:
        """The figure as the workbook shows it: the number, ``c`` when suppressed, None when absent."""
        found = self.values.get((kpi_id, month, breakdown, value))
        if found is None:
            return None
        number, suppressed = found
        return SUPPRESSED_SYMBOL if suppressed else number


def read_kpi_table(con: duckdb.DuckDBPyConnection, month: str | None = None, months: int = DEFAULT_MONTHS,
                   threshold: int | None = None, source: str = "") -> KpiTable:
    """The KPI table of ``months`` months (0: all) ending at ``month`` (default: the last complete
    month, as csc report)."""
    try:
        built = check_threshold(threshold, built_threshold(con))
    except ThresholdError as exc:
        raise ExportError(str(exc)) from exc
    if built is None:
        raise ExportError("cannot tell the suppression threshold of this database: rebuild it with csc build")
    periods = fetch_dicts(con, f"select period_month, period_end, is_latest_period "
                               f"from {require_table(con, 'dim_reporting_periods')} order by period_month")
    if not periods:
        raise ExportError("dim_reporting_periods is empty: rebuild the warehouse with csc build")
    latest = [p for p in periods if p["is_latest_period"]] or periods[-1:]
    # the report's own choice of month: by default the last complete month (csc.report.periods)
    try:
        index = select_period(periods, month, month_to_date=False).index
    except PeriodError as exc:
        raise ExportError(str(exc).replace("month must", "--month must")) from exc
    selected = periods[index]
    first = 0 if months == 0 else max(0, index - months + 1)
    month_list = [p["period_month"] for p in periods[first:index + 1]]

    kpi_source = find_table(con, BENCHMARKED_KPI_MODEL)
    if kpi_source is None:
        raise ExportError(f"the database has no {BENCHMARKED_KPI_MODEL} (the suppressed KPI values): rebuild "
                          "the warehouse with csc build, or publish it again with csc publish")
    rows = con.execute(
        f"select kpi_id, period_month, breakdown, breakdown_value, value, is_suppressed from {kpi_source} "
        "where period_month >= ? and period_month <= ?",
        [month_list[0], month_list[-1]],
    ).fetchall()
    values = {(r[0], r[1], r[2], r[3]): (r[4], bool(r[5])) for r in rows}
    catalogue = fetch_dicts(
        con, f"select * from {require_table(con, 'kpi_catalogue')} order by area_order, kpi_order, kpi_id")
    benchmark_columns = [f"benchmark_{c}{suffix}" for c, _ in COMPARATORS for suffix in ("", "_period", "_source")]
    benchmarks = {
        r["kpi_id"]: r for r in fetch_dicts(
            con, f"select kpi_id, {', '.join(benchmark_columns)} from {kpi_source} "
                 "where period_month = ? and breakdown = 'all'", [month_list[-1]])}
    availability = find_table(con, "dim_kpi_availability")
    unavailable = {} if availability is None else {
        r[0]: r[1] or "its landing file was not in the extract"
        for r in con.execute(f"select kpi_id, unavailable_reason from {availability} where not is_available")
        .fetchall()}
    return KpiTable(month_list, catalogue, values, built, selected["period_end"], latest[-1]["period_end"],
                    source, load_breakdown_labels(con), unavailable, benchmarks)


def _month_header(month: dt.date) -> str:
    return f"{month:%Y-%m}"


def _style_header(sheet: Any, columns: int) -> None:
    from openpyxl.styles import Font

    for cell in sheet[1][:columns]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=2, column=1)


def _write_row_values(sheet: Any, row: int, first_column: int, table: KpiTable, kpi: dict[str, Any],
                      breakdown: str, value: str) -> None:
    number_format = NUMBER_FORMATS.get(kpi["unit"], "General")
    for offset, month in enumerate(table.months):
        shown = table.cell(kpi["kpi_id"], month, breakdown, value)
        cell = sheet.cell(row=row, column=first_column + offset, value=shown)
        if isinstance(shown, (int, float)):
            cell.number_format = number_format


def _readme_rows(table: KpiTable, breakdowns: list[str]) -> list[tuple[str, str]]:
    return [
        ("Workbook", "Children's social care KPIs as analysts use them (csc export)"),
        ("Report month", f"{table.month:%B %Y}"),
        ("Months", f"{_month_header(table.months[0])} to {_month_header(table.months[-1])} ({len(table.months)})"),
        ("Data date", f"figures as at {date_label(table.data_date)} (the end of the report month, or the "
                      "extract date for the month the extract was taken in)"),
        ("Extract date", date_label(table.extract_date)),
        ("Suppression", f"counts from 1 to {table.threshold}, and figures that would reveal them, are shown as "
                        f"'{SUPPRESSED_SYMBOL}'"),
        ("Suppression symbol", SUPPRESSED_SYMBOL),
        ("Suppression threshold", str(table.threshold)),
        ("Blank cell", "no figure for that month (the KPI could not be computed, or has no population)"),
        ("Generated at", dt.datetime.now().strftime("%d/%m/%Y %H:%M")),
        ("Source", table.source),
        ("Sheet KPIs", "every KPI (rows, catalogue order) by month (columns): the whole population"),
        *[(f"Sheet {_sheet_name(table.labels, b)}",
           f"the KPIs broken down by {table.labels.heading(b).lower()}, by month (each value in words)")
          for b in breakdowns],
        ("Sheet Catalogue", "every KPI's definitions (exact and plain English), unit, window, polarity, and its "
                            "benchmarks in the report month with their years and sources"),
    ]


def _sheet_name(labels: BreakdownLabels, breakdown: str) -> str:
    """An Excel sheet name (at most 31 characters, none of []:*?/\\)."""
    label = labels.heading(breakdown)
    return re.sub(r"[\[\]:*?/\\]", " ", label)[:31]


def write_workbook(table: KpiTable, path: Path) -> Path:
    """Write ``table`` as an .xlsx workbook at ``path`` (atomically) and return the path."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    breakdowns = table.breakdowns()
    readme = workbook.active
    readme.title = "README"
    readme.append(("Item", "Value"))
    for row in _readme_rows(table, breakdowns):
        readme.append(row)
    _style_header(readme, 2)
    readme.column_dimensions["A"].width = 24
    readme.column_dimensions["B"].width = 100

    wide = workbook.create_sheet("KPIs")
    wide.append((*KPI_COLUMNS, *[_month_header(m) for m in table.months], "Note"))
    for kpi in table.catalogue:
        row = wide.max_row + 1
        window = kpi.get("kpi_window") or ""
        for column, text in enumerate((kpi["kpi_id"], kpi["kpi_name"], kpi.get("report_section"),
                                       UNIT_LABELS.get(kpi["unit"], kpi["unit"]), WINDOW_LABELS.get(window, window),
                                       str(kpi.get("polarity") or "").replace("_", " ")), start=1):
            wide.cell(row=row, column=column, value=text)
        _write_row_values(wide, row, len(KPI_COLUMNS) + 1, table, kpi, ALL, ALL)
        if kpi["kpi_id"] in table.unavailable:
            wide.cell(row=row, column=len(KPI_COLUMNS) + len(table.months) + 1,
                      value=f"Not available: {table.unavailable[kpi['kpi_id']]}")
    _style_header(wide, len(KPI_COLUMNS) + len(table.months) + 1)
    wide.freeze_panes = wide.cell(row=2, column=3)
    wide.column_dimensions["B"].width = 45

    for breakdown in breakdowns:
        sheet = workbook.create_sheet(_sheet_name(table.labels, breakdown))
        sheet.append((*BREAKDOWN_COLUMNS, *[_month_header(m) for m in table.months]))
        for kpi in table.catalogue:
            found = sorted({key[3] for key in table.values if key[0] == kpi["kpi_id"] and key[2] == breakdown},
                           key=lambda v, b=breakdown: table.labels.value_key(b, v))
            for value in found:
                row = sheet.max_row + 1
                label = table.labels.label(breakdown, value)
                for column, text in enumerate((kpi["kpi_id"], kpi["kpi_name"],
                                               UNIT_LABELS.get(kpi["unit"], kpi["unit"]), value, label), start=1):
                    sheet.cell(row=row, column=column, value=text)
                _write_row_values(sheet, row, len(BREAKDOWN_COLUMNS) + 1, table, kpi, breakdown, value)
        _style_header(sheet, len(BREAKDOWN_COLUMNS) + len(table.months))
        sheet.freeze_panes = sheet.cell(row=2, column=len(BREAKDOWN_COLUMNS) + 1)
        sheet.column_dimensions["B"].width = 40

    catalogue = workbook.create_sheet("Catalogue")
    columns = list(table.catalogue[0]) if table.catalogue else []
    # the benchmarks of the report month (fct_kpi_values_benchmarked): value, year and source
    bench_columns = [f"benchmark_{c}{suffix}" for c, _ in COMPARATORS for suffix in ("", "_period", "_source")]
    catalogue.append([*columns, *bench_columns])
    for kpi in table.catalogue:
        bench = table.benchmarks.get(kpi["kpi_id"], {})
        catalogue.append([kpi[c] if not isinstance(kpi[c], (dt.date, dt.datetime)) else kpi[c].isoformat()
                          for c in columns] + [bench.get(c) for c in bench_columns])
    _style_header(catalogue, len(columns) + len(bench_columns))
    for index, name in enumerate([*columns, *bench_columns], start=1):
        if name in ("definition", "plain_definition") or name.endswith("_source"):
            catalogue.column_dimensions[get_column_letter(index)].width = 60

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_atomically(path, workbook.save)


def write_atomically(path: Path, write: Callable[[Path], Any]) -> Path:
    """``write(tmp)`` a temporary file beside ``path``, then move it onto ``path``: a failed or
    killed run leaves the previous file (or none) at ``path``, never half of one."""
    path = Path(path)
    tmp_path = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp_path)
        fsync_path(tmp_path)
        os.replace(tmp_path, path)
        fsync_path(path.parent, directory=True)
    finally:
        tmp_path.unlink(missing_ok=True)
    return path


def export_workbook(db_path: Path, out_path: Path, month: str | None = None, months: int = DEFAULT_MONTHS,
                    threshold: int | None = None) -> Path:
    """Read the KPI table from ``db_path`` (read-only) and write the workbook to ``out_path``."""
    db_path = Path(db_path)
    with open_read_only(db_path, ExportError) as con:
        try:
            table = read_kpi_table(con, month, months, threshold, source=db_path.name)
        except MissingTableError as exc:
            raise ExportError(f"{db_path}: {exc} (rebuild it with csc build)") from exc
    return write_workbook(table, out_path)


KPI_VALUES_MODEL = "fct_kpi_values"
KPI_VALUES_CONTRACT = Path("models") / "marts" / "kpis" / "_kpis__models.yml"
# The export's row order (the model's key, with period_month first).
KPI_VALUES_ORDER = ("kpi_id", "period_month", "period_end", "breakdown", "breakdown_value")
RESTRICTED = "RESTRICTED"
RESTRICTED_NOTICE = (
    "RESTRICTED: fct_kpi_values unsuppressed (counts of 1 to the suppression threshold, and figures "
    "that would reveal them, are shown as they are). For the authority's own analysts only: do not "
    "publish or share it; csc publish and csc export --xlsx give the suppressed figures."
)
NOTICE_SUFFIX = ".RESTRICTED.txt"
# A contract data_type -> its Arrow type.
ARROW_TYPES = {"varchar": "string", "text": "string", "date": "date32", "double precision": "float64",
               "double": "float64", "bigint": "int64", "integer": "int64", "boolean": "bool_"}


def kpi_values_contract(project_dir: Path) -> list[tuple[str, str]]:
    """(column, data_type) of fct_kpi_values' contract, in order (the model's YAML)."""
    path = Path(project_dir) / KPI_VALUES_CONTRACT
    models = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models") or []
    model = next((m for m in models if m.get("name") == KPI_VALUES_MODEL), None)
    if model is None:
        raise ExportError(f"{path}: no model {KPI_VALUES_MODEL}")
    return [(column["name"], str(column.get("data_type", "varchar")).lower()) for column in model["columns"]]


def kpi_values_table(source: Source, project_dir: Path) -> Any:
    """fct_kpi_values from ``source``: the contract's columns and types, sorted (a pyarrow Table)."""
    import pyarrow as pa

    table = read_relation(source, KPI_VALUES_MODEL)
    contract = kpi_values_contract(project_dir)
    missing = [name for name, _ in contract if name not in table.column_names]
    if missing:
        raise ExportError(f"{KPI_VALUES_MODEL} on {source.describe()} lacks the contract's column(s) "
                          f"{', '.join(missing)}: rebuild it with csc build --target {source.target}")
    fields = []
    for name, data_type in contract:
        kind = ARROW_TYPES.get(data_type)
        if kind is None:
            raise ExportError(f"{KPI_VALUES_CONTRACT}: {name} has data_type {data_type!r}, which csc export "
                              f"cannot write (known: {', '.join(sorted(ARROW_TYPES))})")
        column_field = table.schema.field(name)
        fields.append(pa.field(name, getattr(pa, kind)(), metadata=column_field.metadata))
    table = table.select([name for name, _ in contract]).cast(pa.schema(fields, metadata=table.schema.metadata))
    return table.sort_by([(name, "ascending") for name in KPI_VALUES_ORDER])


def provenance(source: Source, table: Any) -> dict[str, str]:
    """What a restricted export says about itself (Parquet metadata; the CSV's notice file)."""
    return {
        "csc.classification": RESTRICTED,
        "csc.notice": RESTRICTED_NOTICE,
        "csc.relation": KPI_VALUES_MODEL,
        "csc.source": source.describe(),
        "csc.rows": str(table.num_rows),
        "csc.order": ", ".join(KPI_VALUES_ORDER),
        "csc.generated_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def _csv_text(value: Any) -> str:
    """A cell as the CSV shows it, the same from every engine: null empty, dates ISO, a double
    as the shortest text reading back as it (a whole number without .0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def write_kpi_values_csv(table: Any, path: Path, about: dict[str, str]) -> list[Path]:
    """The CSV (header, then one row per KPI key) and, first, its notice ``PATH.RESTRICTED.txt``."""
    notice = path.with_name(path.name + NOTICE_SUFFIX)
    lines = [RESTRICTED_NOTICE, "", f"File: {path.name}",
             *(f"{key.removeprefix('csc.')}: {value}" for key, value in about.items() if key != "csc.notice"),
             "columns: " + ", ".join(table.column_names), ""]
    write_atomically(notice, lambda tmp: tmp.write_text("\n".join(lines), encoding="utf-8"))

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(table.column_names)
            for batch in table.to_batches():
                for row in zip(*(column.to_pylist() for column in batch.columns)):
                    writer.writerow([_csv_text(value) for value in row])

    return [write_atomically(path, write), notice]


def write_kpi_values_parquet(table: Any, path: Path, about: dict[str, str]) -> list[Path]:
    """The Parquet file, with ``about`` (the restriction first of all) in its key-value metadata."""
    import pyarrow.parquet as pq

    metadata = {**(table.schema.metadata or {}), **{key.encode(): value.encode() for key, value in about.items()}}
    stamped = table.replace_schema_metadata(metadata)
    return [write_atomically(path, lambda tmp: pq.write_table(stamped, tmp))]


def check_output_folder(out_path: Path) -> None:
    """The output's folder must exist and be writable; ``out_path`` must not be a folder."""
    folder = Path(out_path).absolute().parent
    if not folder.is_dir():
        raise ExportError(f"output folder {folder} does not exist: create it or choose another --out")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"output folder {folder} is not writable: choose another --out")
    if Path(out_path).is_dir():
        raise ExportError(f"--out {out_path} is a folder: give a file name")


def export_kpi_values(source: Source, out_path: Path, format_name: str, project_dir: Path) -> list[Path]:
    """Write fct_kpi_values from ``source`` (unsuppressed: restricted) as ``format_name``; returns
    the files written, the export first."""
    check_output_folder(out_path)
    try:
        table = kpi_values_table(source, project_dir)
    except ReadError as exc:
        raise ExportError(str(exc)) from None
    return KPI_VALUES_WRITERS[format_name](table, Path(out_path), provenance(source, table))


# --format NAME -> the writer of that format: the suppressed workbook (from a DuckDB file) ...
WRITERS: dict[str, Callable[..., Path]] = {"xlsx": export_workbook}
# ... and fct_kpi_values unsuppressed, from any engine (restricted).
KPI_VALUES_WRITERS: dict[str, Callable[[Any, Path, dict[str, str]], list[Path]]] = {
    "csv": write_kpi_values_csv, "parquet": write_kpi_values_parquet}
XLSX_ONLY_OPTIONS = ("month", "months", "threshold")


@click.command("export")
@click.option("--xlsx", "xlsx_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the Excel workbook here (short for --format xlsx --out PATH).")
@click.option("--format", "format_name", type=click.Choice(sorted({*WRITERS, *KPI_VALUES_WRITERS})), default=None,
              help="xlsx: the suppressed workbook; csv or parquet: fct_kpi_values UNSUPPRESSED (restricted).")
@click.option("--out", "out_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Where to write the export (with --format).")
@target_option
@click.option("--month", metavar="YYYY-MM", default=None,
              help="The last month of the table (default: the latest period). xlsx only.")
@click.option("--months", type=click.IntRange(min=0), default=DEFAULT_MONTHS, show_default=True,
              help="How many months up to --month; 0 for every month. xlsx only.")
@db_option("Warehouse or published database to read (default: $CSC_DUCKDB_PATH, else build/warehouse.duckdb).")
@threshold_option
@click.pass_context
def export_command(ctx: click.Context, xlsx_path: Path | None, format_name: str | None, out_path: Path | None,
                   engine: str, month: str | None, months: int, db_path: Path | None, threshold: int | None) -> None:
    """Export the KPI table: as analysts use it (--xlsx: KPI x month, breakdowns, catalogue;
    suppressed figures stay 'c'), or fct_kpi_values unsuppressed from any engine (--format
    csv|parquet: a RESTRICTED output)."""
    if xlsx_path is not None:
        if (format_name not in (None, "xlsx")) or out_path is not None:
            raise click.UsageError("--xlsx PATH is --format xlsx --out PATH: give one or the other")
        format_name, out_path = "xlsx", xlsx_path
    if format_name is None or out_path is None:
        raise click.UsageError("say what to write: --xlsx PATH (or --format xlsx|csv|parquet --out PATH)")
    if format_name in KPI_VALUES_WRITERS:
        given = [name for name in XLSX_ONLY_OPTIONS
                 if ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT]
        if given:
            raise click.UsageError(f"--{', --'.join(given)}: for --format xlsx only (csv and parquet hold "
                                   "every month, unsuppressed)")
    try:
        paths = resolve_paths(db=db_path)
        source = Source(engine, paths.db_path)
        if format_name in KPI_VALUES_WRITERS:
            written = export_kpi_values(source, out_path, format_name, paths.project_dir)
            click.echo(f"export: {written[0]} ({RESTRICTED}: fct_kpi_values unsuppressed, from "
                       f"{source.describe()}; do not publish or share"
                       + (f"; notice {written[1].name}" if len(written) > 1 else "") + ")")
            return
        from csc.engines.snapshot import snapshot

        with snapshot(source) as db:
            written_xlsx = WRITERS[format_name](db, out_path, month, months, threshold)
    except (ExportError, ProjectNotFoundError, ReadError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"export: {written_xlsx}")
