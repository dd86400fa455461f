"""Publish the read-only, aggregate-only DuckDB for BI tools (`csc publish`).

The published file holds only aggregate, non-identifying tables, copied with explicit column
lists from the warehouse:

* ``fct_kpi_values``: the dbt model ``fct_kpi_values_published`` (small numbers suppressed
  in the build, with the dbt var ``suppression_threshold``; see models/marts/publication),
* ``fct_kpi_values_benchmarked``: the dbt model of that name, the same rows with the
  catalogue's name, area and polarity, each comparator's benchmark of the period (with its
  year and source), each figure judged better, worse or the same as its benchmarks and last
  month, and the RAG status against the authority's targets (all made in dbt),
* ``kpi_catalogue`` (definitions, exact and in plain English, and the report section of each
  KPI),
* ``dim_reporting_periods`` and ``dim_teams``,
* ``dq_rule_summary``: the dbt model ``dq_rule_summary_published`` (rule-level counts,
  suppressed likewise) when the warehouse has it,
* ``dq_dfe_rule_summary``: the dbt model ``dq_dfe_rule_summary_published`` (the DfE rules run
  on the statutory returns by ``csc validate``, counts per rule, suppressed likewise) when the
  warehouse has it,
* ``fct_case_audit_grades``: the dbt model ``fct_case_audit_grades_published`` (case audits
  per month, theme and grade, suppressed likewise) when the warehouse has it,
* ``dim_kpi_availability``: the dbt model of that name (which KPIs the extract could not give,
  and why) when the warehouse has it.
* ``fct_kpi_values_month_to_date_comparison``: the dbt model of that name (every KPI at the
  same days of the month before the extract month, suppressed likewise: what the report
  compares a month to date with) when the warehouse has it,
* ``dim_hr_returns``: the dates of the HR establishment returns (``as_at_date`` of
  ``fct_hr_establishment``; dates only), so that a report from the published file states the
  workforce figures' own date,
* ``dim_breakdown_labels``: the dbt model of that name (every breakdown value in words, in its
  order) when the warehouse has it, and then the view ``kpi_values_labelled``: ``fct_kpi_values``
  with the KPI's name and the breakdown's labels, for BI users (docs/bi.md).

Every table, view and column gets a COMMENT: the dbt YAML description of the model or seed it
is copied from (dbt persists them as DuckDB comments; ``copy_comments``), so nothing is
described twice; the view's own columns, and dim_hr_returns (a list of dates, not a model),
are described here.

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
from csc.report.options import db_option, target_option, threshold_option
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
PLAIN_DEFINITION_COLUMN = "plain_definition"
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
# dim_hr_returns is a list of dates, not a dbt model: its comments are written here.
HR_RETURNS_COMMENT = "The dates of the HR establishment returns the workforce KPIs are read from."
HR_RETURNS_COLUMN_COMMENTS = {
    "as_at_date": "As-at date of an HR establishment return; a period end P uses the latest on or before P.",
}
LABELS_MODEL = "dim_breakdown_labels"
LABEL_COLUMNS: tuple[str, ...] = (
    "breakdown",
    "breakdown_value",
    "label",
    "sort_order",
    "breakdown_label",
    "breakdown_order",
    "is_coded",
    "label_source",
)
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

# The published view for BI users: every KPI value with its KPI's name and its breakdown's
# words, so a chart needs no lookup (its comments are written here: it is not a dbt model).
LABELLED_VIEW = "kpi_values_labelled"
LABELLED_VIEW_SQL = f"""
select
    v.kpi_id,
    c.kpi_name,
    c.kpi_area,
    v.period_month,
    v.period_end,
    v.breakdown,
    coalesce(l.breakdown_label, v.breakdown) as breakdown_label,
    v.breakdown_value,
    coalesce(l.label, v.breakdown_value) as breakdown_value_label,
    l.sort_order as breakdown_value_order,
    v.numerator,
    v.denominator,
    v.value,
    v.unit,
    v.is_suppressed,
    v.suppression_reason
from main.fct_kpi_values as v
left join main.kpi_catalogue as c on c.kpi_id = v.kpi_id
left join main.{LABELS_MODEL} as l on l.breakdown = v.breakdown and l.breakdown_value = v.breakdown_value
"""
LABELLED_VIEW_COMMENT = (
    "fct_kpi_values with the KPI's name and area (kpi_catalogue) and the words of its breakdown and "
    "breakdown value (dim_breakdown_labels): for BI tools, no lookup needed. Small numbers suppressed "
    "as in fct_kpi_values."
)
LABELLED_VIEW_COLUMN_COMMENTS: dict[str, str] = {
    "kpi_name": "The KPI's name (kpi_catalogue.kpi_name).",
    "kpi_area": "The KPI's area (kpi_catalogue.kpi_area).",
    "breakdown_label": "The breakdown's heading in words (dim_breakdown_labels.breakdown_label), e.g. Referral source.",
    "breakdown_value_label": (
        "The breakdown value in words (dim_breakdown_labels.label): the DfE description of a code, a band, "
        "a team's name; Not recorded for unknown."
    ),
    "breakdown_value_order": "The value's position in its breakdown (dim_breakdown_labels.sort_order), to sort by.",
}


class PublishError(RuntimeError):
    """The published database could not be written."""


def copy_comments(con: duckdb.DuckDBPyConnection, qualified: str) -> tuple[str, dict[str, str]]:
    """The comment of relation ``qualified`` and of its columns, as dbt wrote them.

    dbt persists every model's YAML descriptions as DuckDB comments (persist_docs in
    dbt_project.yml, seeds included), so the published copy takes them from the warehouse
    and no description is written twice.
    """
    catalog, schema, name = (part.strip('"').replace('""', '"') for part in qualified.split(".", 2))
    rows = con.execute(
        """
        select comment from duckdb_tables() where database_name = ? and schema_name = ? and table_name = ?
        union all
        select comment from duckdb_views() where database_name = ? and schema_name = ? and view_name = ?
        """,
        [catalog, schema, name] * 2,
    ).fetchall()
    table_comment = " ".join(str(rows[0][0] or "").split()) if rows else ""
    columns = con.execute(
        "select column_name, comment from duckdb_columns() where database_name = ? and schema_name = ? and table_name = ?",
        [catalog, schema, name],
    ).fetchall()
    return table_comment, {column: " ".join(str(comment or "").split()) for column, comment in columns}


def _comment(
    con: duckdb.DuckDBPyConnection, name: str, table_comment: str, column_comments: dict[str, str], kind: str = "table"
) -> None:
    """COMMENT ON the published relation ``name`` and its columns (empty comments are left out)."""
    if table_comment:
        con.execute(f"comment on {kind} pub.main.{name} is {_sql_string(table_comment)}")
    for column in table_columns(con, f"pub.main.{name}"):
        if column_comments.get(column):
            con.execute(f"comment on column pub.main.{name}.{column} is {_sql_string(column_comments[column])}")


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


def _catalogue_columns(con: duckdb.DuckDBPyConnection, catalogue: str) -> tuple[str, ...]:
    """CATALOGUE_COLUMNS, with the plain-English definition after the exact one when the
    warehouse has it (a warehouse built before the column existed does not)."""
    if PLAIN_DEFINITION_COLUMN not in table_columns(con, catalogue):
        return CATALOGUE_COLUMNS
    at = CATALOGUE_COLUMNS.index("definition") + 1
    return (*CATALOGUE_COLUMNS[:at], PLAIN_DEFINITION_COLUMN, *CATALOGUE_COLUMNS[at:])


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
    labels = find_table(con, LABELS_MODEL, catalog="src")
    month_to_date = find_table(con, MONTH_TO_DATE_MODEL, catalog="src")
    hr_returns = find_table(con, HR_RETURN_MODEL, catalog="src")

    built = check_threshold(threshold, built_threshold(con, catalog="src"))
    statements = {
        "fct_kpi_values": _select_columns(con, published_kpi_values, KPI_VALUE_COLUMNS, PUBLISHED_KPI_MODEL)
        + " order by kpi_id, period_month, breakdown, breakdown_value",
        BENCHMARKED_KPI_MODEL: _select_columns(con, benchmarked, BENCHMARKED_COLUMNS, BENCHMARKED_KPI_MODEL)
        + " order by kpi_id, period_month, breakdown, breakdown_value",
        "kpi_catalogue": _select_columns(con, catalogue, _catalogue_columns(con, catalogue), "kpi_catalogue")
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
    if labels is not None:
        statements[LABELS_MODEL] = (
            _select_columns(con, labels, LABEL_COLUMNS, LABELS_MODEL) + " order by breakdown_order, breakdown, sort_order"
        )
    sources = {
        "fct_kpi_values": published_kpi_values,
        BENCHMARKED_KPI_MODEL: benchmarked,
        "kpi_catalogue": catalogue,
        "dim_reporting_periods": periods,
        "dim_teams": teams,
        "dq_rule_summary": dq_summary,
        "dq_dfe_rule_summary": dfe_summary,
        "fct_case_audit_grades": audit_grades,
        "dim_kpi_availability": availability,
        LABELS_MODEL: labels,
        MONTH_TO_DATE_MODEL: month_to_date,
    }

    counts: dict[str, int] = {}
    for name, select in statements.items():
        con.execute(f"create table pub.main.{name} as {select}")
        table_comment, column_comments = copy_comments(con, sources[name])
        if name == "fct_kpi_values" and built is not None:  # the report reads the threshold back from here
            table_comment = (table_comment + " " if table_comment else "") + (
                f"Suppressed: {threshold_comment(built)} (dbt var suppression_threshold)."
            )
        _comment(con, name, table_comment, column_comments)
        counts[name] = con.execute(f"select count(*) from pub.main.{name}").fetchall()[0][0]
    if hr_returns is not None:
        con.execute(f"create table pub.main.{HR_RETURNS_TABLE} as "
                    f"select distinct as_at_date from {hr_returns} as hr order by as_at_date")
        _comment(con, HR_RETURNS_TABLE, HR_RETURNS_COMMENT, HR_RETURNS_COLUMN_COMMENTS)
        counts[HR_RETURNS_TABLE] = con.execute(f"select count(*) from pub.main.{HR_RETURNS_TABLE}").fetchall()[0][0]
    if labels is not None:
        con.execute(f"create view pub.main.{LABELLED_VIEW} as {LABELLED_VIEW_SQL}")
        view_columns = {
            column: LABELLED_VIEW_COLUMN_COMMENTS.get(column) or kpi_columns.get(column, "")
            for kpi_columns in [copy_comments(con, published_kpi_values)[1]]
            for column in table_columns(con, f"pub.main.{LABELLED_VIEW}")
        }
        _comment(con, LABELLED_VIEW, LABELLED_VIEW_COMMENT, view_columns, kind="view")
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
@target_option
def publish_command(
    db_path: Path | None, out_path: Path | None, threshold: int | None, storage_version: str, engine: str
) -> None:
    """Write the read-only, aggregate-only database for BI tools."""
    from csc.engines.readers import ReadError, Source
    from csc.engines.snapshot import snapshot

    try:
        paths = resolve_paths(db=db_path)
        out_path = out_path if out_path is not None else paths.build_dir / PUBLISHED_RELATIVE_PATH
        if engine != "duckdb":  # a temporary DuckDB copy of what is published, then as below
            with snapshot(Source(engine, paths.db_path)) as db:
                path = publish(db, out_path, threshold, storage_version=storage_version or None)
            click.echo(f"published: {path}")
            return
        if not paths.db_path.is_file():
            raise FileNotFoundError(f"warehouse not found: {paths.db_path}")
        with WarehouseLock(paths.db_path, "csc publish"):  # never checkpoint while a build copies it
            path = publish(paths.db_path, out_path, threshold, storage_version=storage_version or None)
    except (PublishError, FileNotFoundError, ProjectNotFoundError, WarehouseBusyError, ReadError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"published: {path}")
