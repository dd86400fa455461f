"""Publish the read-only, aggregate-only DuckDB for BI tools (`csc publish`).

The published file holds only aggregate, non-identifying tables, copied with explicit column
lists from the warehouse:

* ``fct_kpi_values``: the dbt model ``fct_kpi_values_published`` (small numbers suppressed
  in the build, with the dbt var ``suppression_threshold``; see models/marts/publication),
* ``fct_kpi_values_benchmarked``: the dbt model of that name, the same rows with the
  catalogue's name, area and polarity, each comparator's benchmark of the period (with its
  year and source), each figure judged better, worse or the same as its benchmarks and last
  month, and the RAG status against the authority's targets (all made in dbt),
* ``kpi_catalogue`` (definitions and the report section of each KPI),
* ``dim_reporting_periods`` and ``dim_teams``,
* ``dq_rule_summary``: the dbt model ``dq_rule_summary_published`` (rule-level counts,
  suppressed likewise) when the warehouse has it,
* ``dq_dfe_rule_summary``: the dbt model ``dq_dfe_rule_summary_published`` (the DfE rules run
  on the statutory returns by ``csc validate``, counts per rule, suppressed likewise) when the
  warehouse has it,
* ``fct_case_audit_grades``: the dbt model ``fct_case_audit_grades_published`` (case audits
  per month, theme and grade, suppressed likewise) when the warehouse has it,
* ``dim_kpi_availability``: the dbt model of that name (which KPIs the extract could not give,
  and why) when the warehouse has it,
* ``fct_kpi_values_month_to_date_comparison``: the dbt model of that name (every KPI at the
  same days of the month before the extract month, suppressed likewise: what the report
  compares a month to date with) when the warehouse has it,
* ``dim_hr_returns``: the dates of the HR establishment returns (``as_at_date`` of
  ``fct_hr_establishment``; dates only), so that a report from the published file states the
  workforce figures' own date.

Nothing here decides what is suppressed; ``--threshold`` only checks that the warehouse was
built with the threshold the caller expects.

It is written to a temporary file next to the target and moved into place with
``os.replace``: a reader holding the old file keeps reading the old (unlinked) file, the next
connection opens the new one, and nothing here ever opens the published file for writing in
place. The build never opens the published file, so a BI reader cannot block a build.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

import click
import duckdb

from csc.fsync import fsync_path as _fsync_path
from csc.lock import WarehouseBusyError, WarehouseLock
from csc.paths import ProjectNotFoundError, resolve_paths
from csc.report.disclosure import (
    BENCHMARKED_KPI_MODEL,
    PUBLISHED_DFE_MODEL,
    PUBLISHED_DQ_MODEL,
    PUBLISHED_KPI_MODEL,
    ThresholdError,
    built_threshold,
    check_threshold,
    threshold_comment,
)
from csc.report.benchmarks import COMPARATORS
from csc.report.options import db_option, threshold_option
from csc.report.periods import MONTH_TO_DATE_MODEL
from csc.report.section_dates import HR_RETURN_MODEL, HR_RETURNS_TABLE
from csc.report.warehouse import MissingTableError, find_table, require_table, table_columns

# Relative to the project's build folder (csc.paths).
PUBLISHED_RELATIVE_PATH = Path("published") / "csc_kpis.duckdb"
# Files written at this storage version are readable by DuckDB 1.0 and later (BI drivers
# often lag behind the Python package). None writes the running version's default.
DEFAULT_STORAGE_VERSION = "v1.0.0"

KPI_VALUE_COLUMNS: tuple[str, ...] = (
    "kpi_id",
    "period_month",
    "period_end",
    "breakdown",
    "breakdown_value",
    "numerator",
    "denominator",
    "value",
    "unit",
    "is_suppressed",
    "suppression_reason",
)
DQ_SUMMARY_COLUMNS: tuple[str, ...] = (
    "rule_id",
    "severity",
    "table_name",
    "failures",
    "rows_checked",
    "failure_rate",
    "is_suppressed",
)
DFE_SUMMARY_COLUMNS: tuple[str, ...] = (
    "statutory_return",
    "collection_year",
    "ruleset",
    "rule_code",
    "severity",
    "message",
    "records",
    "is_suppressed",
)
CATALOGUE_COLUMNS: tuple[str, ...] = (
    "kpi_id",
    "kpi_area",
    "area_order",
    "kpi_order",
    "kpi_name",
    "definition",
    "unit",
    "kpi_window",
    "polarity",
    "breakdowns",
    "report_section",
)
# fct_kpi_values_benchmarked, all its columns: fct_kpi_values', the catalogue's, each comparator's
# benchmark of the period, the target in force, the judgements and the RAG status.
_BENCHMARK_SUFFIXES = ("", "_period", "_period_end", "_source", "_status")
BENCHMARKED_COLUMNS: tuple[str, ...] = (
    *KPI_VALUE_COLUMNS,
    "kpi_name",
    "kpi_area",
    "polarity",
    *(f"benchmark_{c}{suffix}" for c, _ in COMPARATORS for suffix in _BENCHMARK_SUFFIXES),
    "previous_period_value",
    "target",
    "target_amber_band",
    "target_applies_from",
    *(f"{c}_comparison" for c, _ in COMPARATORS),
    "previous_period_comparison",
    "target_margin",
    "rag_status",
)
AUDIT_GRADE_COLUMNS: tuple[str, ...] = (
    "period_month",
    "period_end",
    "audit_theme",
    "grade",
    "audit_count",
    "is_suppressed",
    "suppression_reason",
)
AVAILABILITY_COLUMNS: tuple[str, ...] = (
    "kpi_id",
    "is_available",
    "requires_landing_table",
    "requires_landing_column",
    "unavailable_reason",
)
AUDIT_GRADES_MODEL = "fct_case_audit_grades_published"
AVAILABILITY_MODEL = "dim_kpi_availability"
PERIOD_COLUMNS: tuple[str, ...] = ("period_month", "period_end", "is_latest_period")
TEAM_COLUMNS: tuple[str, ...] = ("team_id", "team_name", "parent_team_id", "locality", "service")

# Column names that must never reach the published file (a guard on top of the explicit
# column lists above; names such as team_name and kpi_name are allowed).
IDENTIFYING_COLUMN = re.compile(
    r"(person|child_key|child_id|pupil|upn|nhs|birth|dob|death|postcode|post_code|address"
    r"|forename|surname|first_name|last_name|full_name|given_name|family_name"
    r"|worker|professional|staff|adviser|advisor|referral_id|episode_id|plan_id)",
    re.IGNORECASE,
)

TABLE_COMMENTS: dict[str, str] = {
    "fct_kpi_values": (
        "KPI values per period and breakdown. Small numbers suppressed: value, numerator and "
        "denominator are null where is_suppressed is true."
    ),
    "fct_kpi_values_benchmarked": (
        "The rows of fct_kpi_values (small numbers suppressed alike) with the KPI's name, area and "
        "polarity; per comparator (England, statistical neighbours, region, good LAs) the latest "
        "benchmark of a year not ending after period_end, with its year and source; each figure "
        "judged better, worse or the same as those and as the same row a month earlier; and the "
        "RAG status against the authority's target (what the report shows)."
    ),
    "kpi_catalogue": "KPI definitions, units, polarity and report sections.",
    "dim_reporting_periods": "Reporting periods (months) and their as-at dates.",
    "dim_teams": "Teams with locality and service.",
    "dq_rule_summary": "Data-quality rule results (counts only; small failure counts suppressed).",
    "dq_dfe_rule_summary": ("The DfE's validation rules run on the statutory returns (csc validate): "
                            "records flagged per rule, zero included; small counts suppressed."),
    "fct_case_audit_grades": ("Case audits per reporting month, theme and grade ('unknown' = ungraded). "
                              "Small counts suppressed: audit_count is null where is_suppressed is true."),
    "dim_kpi_availability": ("Whether the extract gave each KPI of kpi_catalogue; unavailable_reason says "
                             "why not (an optional landing file or column not supplied)."),
    MONTH_TO_DATE_MODEL: ("Every KPI at the same days of the month before the extract month (to the extract "
                          "date less one month), what a month to date is compared with; not a reporting "
                          "period. Small numbers suppressed as in fct_kpi_values."),
    HR_RETURNS_TABLE: "The dates of the HR establishment returns the workforce KPIs are read from.",
}

COLUMN_COMMENTS: dict[str, dict[str, str]] = {
    "fct_kpi_values": {
        "kpi_id": "KPI id; key of kpi_catalogue.",
        "period_month": "First day of the reporting month.",
        "period_end": "As-at date of the period (month end, or the extract date in the extract month).",
        "breakdown": "'all' or the breakdown name (locality, service, team, role, ...).",
        "breakdown_value": "'all', the breakdown value, or 'unknown'.",
        "numerator": "Count, FTE sum or allocations; null when suppressed.",
        "denominator": "Base of a percentage, ratio or rate (null for counts); null when suppressed.",
        "value": "The KPI value in its unit; null when suppressed or the denominator is 0.",
        "unit": "count, percent, ratio or rate_per_10k.",
        "is_suppressed": "True when value, numerator and denominator are hidden (small numbers).",
        "suppression_reason": "small_number (a count of 1 to the threshold) or secondary (would reveal one).",
    },
}
COLUMN_COMMENTS[HR_RETURNS_TABLE] = {
    "as_at_date": "As-at date of an HR establishment return; a period end P uses the latest on or before P.",
}
COLUMN_COMMENTS[MONTH_TO_DATE_MODEL] = {
    **COLUMN_COMMENTS["fct_kpi_values"],
    "period_month": "First day of the month before the extract month.",
    "period_end": "The comparison date: the extract date less one month (that month's last day when it is shorter).",
}
_JUDGEMENT = "better, worse or same {than} at the displayed decimals, given the polarity; null when either figure is null or the KPI is neutral."
COLUMN_COMMENTS["fct_kpi_values_benchmarked"] = {
    **COLUMN_COMMENTS["fct_kpi_values"],
    "kpi_name": "KPI name (kpi_catalogue).",
    "kpi_area": "KPI area (kpi_catalogue).",
    "polarity": "higher_is_better, lower_is_better or neutral.",
    **{
        column.format(c=c): text.format(c=c, name=name)
        for c, name in COMPARATORS
        for column, text in (
            ("benchmark_{c}", "{name} benchmark of the latest year not ending after period_end, in the KPI's "
                              "unit (a percent as 0-100); null when none."),
            ("benchmark_{c}_period", "Collection year of benchmark_{c}, shown beside it."),
            ("benchmark_{c}_period_end", "Date that year ends (on or before period_end)."),
            ("benchmark_{c}_source", "Source of benchmark_{c}."),
            ("benchmark_{c}_status", "comparable; no_comparable_figure (figures exist, none of a year ended "
                                     "by period_end); null when the KPI has no {name} figure."),
            ("{c}_comparison", _JUDGEMENT.format(than="than benchmark_{c}")),
        )
    },
    "previous_period_value": "value of the same KPI and breakdown a month earlier; null when none or suppressed.",
    "previous_period_comparison": _JUDGEMENT.format(than="than previous_period_value"),
    "target": "The authority's target in force in the month (all rows only); null without one.",
    "target_amber_band": "How far worse than the target is still amber, in the KPI's unit.",
    "target_applies_from": "First month the target applies from; null: every month.",
    "target_margin": "How much better than the target the value is, at the displayed decimals (negative: worse).",
    "rag_status": "green (at or better than the target), amber (within the amber band), red (beyond); "
                  "null without a target or value, or for a neutral KPI.",
}
COLUMN_COMMENTS["kpi_catalogue"] = {
    "report_section": "The section of the report the KPI is shown in.",
}


class PublishError(RuntimeError):
    """The published database could not be written."""


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def checkpoint_source(db_path: Path) -> None:
    """Fold the warehouse's write-ahead log into the file (needs the write lock)."""
    try:
        with duckdb.connect(str(db_path)) as con:
            con.execute("checkpoint")
    except duckdb.IOException as exc:
        raise PublishError(
            f"cannot open {db_path} to checkpoint it (is a build still running, or another "
            f"process holding it open?): {exc}"
        ) from exc


def _select_columns(
    con: duckdb.DuckDBPyConnection, source: str, columns: Sequence[str], name: str
) -> str:
    present = set(table_columns(con, source))
    missing = [column for column in columns if column not in present]
    if missing:
        raise PublishError(f"{name} in the warehouse lacks columns: {', '.join(missing)}")
    return f"select {', '.join(columns)} from {source}"


def _check_no_identifying_columns(con: duckdb.DuckDBPyConnection, catalog: str) -> None:
    rows = con.execute(
        "select table_name, column_name from information_schema.columns where table_catalog = ?",
        [catalog],
    ).fetchall()
    bad = [f"{table}.{column}" for table, column in rows if IDENTIFYING_COLUMN.search(column)]
    if bad:
        raise PublishError(f"identifying columns would be published: {', '.join(bad)}")


def _write_tables(
    con: duckdb.DuckDBPyConnection, threshold: int | None
) -> dict[str, int]:
    """Create the published tables in catalog ``pub`` from catalog ``src``."""
    kpi_values = require_table(con, "fct_kpi_values", catalog="src")
    published_kpi_values = require_table(con, PUBLISHED_KPI_MODEL, catalog="src")
    benchmarked = require_table(con, BENCHMARKED_KPI_MODEL, catalog="src")
    catalogue = require_table(con, "kpi_catalogue", catalog="src")
    periods = require_table(con, "dim_reporting_periods", catalog="src")
    teams = require_table(con, "dim_teams", catalog="src")
    dq_summary = find_table(con, PUBLISHED_DQ_MODEL, catalog="src")
    dfe_summary = find_table(con, PUBLISHED_DFE_MODEL, catalog="src")
    audit_grades = find_table(con, AUDIT_GRADES_MODEL, catalog="src")
    availability = find_table(con, AVAILABILITY_MODEL, catalog="src")
    month_to_date = find_table(con, MONTH_TO_DATE_MODEL, catalog="src")
    hr_returns = find_table(con, HR_RETURN_MODEL, catalog="src")

    built = check_threshold(threshold, built_threshold(con, catalog="src"))
    comments = dict(TABLE_COMMENTS)
    if built is not None:  # the report reads the threshold back from here
        comments["fct_kpi_values"] += f" Suppressed: {threshold_comment(built)} (dbt var suppression_threshold)."
    statements = {
        "fct_kpi_values": _select_columns(con, published_kpi_values, KPI_VALUE_COLUMNS, PUBLISHED_KPI_MODEL)
        + " order by kpi_id, period_month, breakdown, breakdown_value",
        BENCHMARKED_KPI_MODEL: _select_columns(con, benchmarked, BENCHMARKED_COLUMNS, BENCHMARKED_KPI_MODEL)
        + " order by kpi_id, period_month, breakdown, breakdown_value",
        "kpi_catalogue": _select_columns(con, catalogue, CATALOGUE_COLUMNS, "kpi_catalogue")
        + " order by area_order, kpi_order",
        "dim_reporting_periods": _select_columns(con, periods, PERIOD_COLUMNS, "dim_reporting_periods")
        + " order by period_month",
        "dim_teams": _select_columns(con, teams, TEAM_COLUMNS, "dim_teams") + " order by team_id",
    }
    if dq_summary is not None:
        statements["dq_rule_summary"] = (
            _select_columns(con, dq_summary, DQ_SUMMARY_COLUMNS, PUBLISHED_DQ_MODEL)
            + " order by rule_id, table_name"
        )
    if dfe_summary is not None:
        statements["dq_dfe_rule_summary"] = (
            _select_columns(con, dfe_summary, DFE_SUMMARY_COLUMNS, PUBLISHED_DFE_MODEL)
            + " order by statutory_return, collection_year, rule_code"
        )
    if audit_grades is not None:
        statements["fct_case_audit_grades"] = (
            _select_columns(con, audit_grades, AUDIT_GRADE_COLUMNS, AUDIT_GRADES_MODEL)
            + " order by period_month, audit_theme, grade"
        )
    if availability is not None:
        statements["dim_kpi_availability"] = (
            _select_columns(con, availability, AVAILABILITY_COLUMNS, AVAILABILITY_MODEL) + " order by kpi_id"
        )

    if month_to_date is not None:
        statements[MONTH_TO_DATE_MODEL] = (
            _select_columns(con, month_to_date, KPI_VALUE_COLUMNS, MONTH_TO_DATE_MODEL)
            + " order by kpi_id, breakdown, breakdown_value"
        )

    if hr_returns is not None:
        statements[HR_RETURNS_TABLE] = f"select distinct as_at_date from {hr_returns} as hr order by as_at_date"

    counts: dict[str, int] = {}
    for name, select in statements.items():
        con.execute(f"create table pub.main.{name} as {select}")
        con.execute(f"comment on table pub.main.{name} is {_sql_string(comments[name])}")
        for column, comment in COLUMN_COMMENTS.get(name, {}).items():
            con.execute(f"comment on column pub.main.{name}.{column} is {_sql_string(comment)}")
        counts[name] = con.execute(f"select count(*) from pub.main.{name}").fetchall()[0][0]
    source_rows = con.execute(f"select count(*) from {kpi_values}").fetchall()[0][0]
    for name, model in (("fct_kpi_values", PUBLISHED_KPI_MODEL), (BENCHMARKED_KPI_MODEL, BENCHMARKED_KPI_MODEL)):
        if source_rows != counts[name]:
            raise PublishError(
                f"{model} has {counts[name]} rows but fct_kpi_values {source_rows}: the warehouse "
                "changed while publishing, or its publication models are stale (run csc build)"
            )
    return counts


def publish(
    db_path: Path,
    out_path: Path,
    threshold: int | None = None,
    *,
    storage_version: str | None = DEFAULT_STORAGE_VERSION,
) -> Path:
    """Write the aggregate-only database to ``out_path`` atomically and return its path.

    ``db_path`` is the warehouse built by dbt; it is checkpointed (so it must not be held open
    by a build) and then read read-only. ``out_path`` is replaced with ``os.replace``.
    ``threshold``, when given, must be the dbt var ``suppression_threshold`` the warehouse was
    built with (a PublishError otherwise).
    """
    db_path = Path(db_path)
    out_path = Path(out_path)
    if not db_path.is_file():
        raise FileNotFoundError(f"warehouse not found: {db_path}")
    if out_path.exists() and out_path.resolve() == db_path.resolve():
        raise PublishError("the published database must not be the warehouse itself")
    out_path.parent.mkdir(parents=True, exist_ok=True)

    checkpoint_source(db_path)

    tmp_path = out_path.with_name(f".{out_path.name}.{os.getpid()}.tmp")
    leftovers = (tmp_path, tmp_path.with_name(tmp_path.name + ".wal"))
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)

    options = f" (STORAGE_VERSION {_sql_string(storage_version)})" if storage_version else ""
    try:
        with duckdb.connect(":memory:") as con:
            con.execute(f"attach {_sql_string(str(db_path))} as src (READ_ONLY)")
            con.execute(f"attach {_sql_string(str(tmp_path))} as pub{options}")
            try:
                _write_tables(con, threshold)
            except (MissingTableError, ThresholdError) as exc:
                raise PublishError(str(exc)) from exc
            _check_no_identifying_columns(con, "pub")
            con.execute("checkpoint pub")
            con.execute("detach pub")
            con.execute("detach src")
        if tmp_path.with_name(tmp_path.name + ".wal").exists():
            raise PublishError("the temporary published file still has a write-ahead log")
        _fsync_path(tmp_path)
        os.replace(tmp_path, out_path)
        _fsync_path(out_path.parent, directory=True)
    except BaseException:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        raise
    return out_path


@click.command("publish")
@db_option("The warehouse built by dbt (default: $CSC_DUCKDB_PATH, else build/warehouse.duckdb).")
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Where to write the published database (default: build/published/csc_kpis.duckdb).",
)
@threshold_option
@click.option(
    "--storage-version",
    default=DEFAULT_STORAGE_VERSION,
    show_default=True,
    help="DuckDB storage version of the file (oldest DuckDB able to read it); '' for current.",
)
def publish_command(
    db_path: Path | None, out_path: Path | None, threshold: int | None, storage_version: str
) -> None:
    """Write the read-only, aggregate-only database for BI tools."""
    try:
        paths = resolve_paths(db=db_path)
        out_path = out_path if out_path is not None else paths.build_dir / PUBLISHED_RELATIVE_PATH
        if not paths.db_path.is_file():
            raise FileNotFoundError(f"warehouse not found: {paths.db_path}")
        with WarehouseLock(paths.db_path, "csc publish"):  # never checkpoint while a build copies it
            path = publish(paths.db_path, out_path, threshold, storage_version=storage_version or None)
    except (PublishError, FileNotFoundError, ProjectNotFoundError, WarehouseBusyError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"published: {path}")
