"""Small-number suppression as the report and the published database see it.

The rules live in dbt, in one place: ``fct_kpi_values_published`` and
``dq_rule_summary_published`` (models/marts/publication) suppress with the dbt var
``suppression_threshold``, and the KPI catalogue says which KPIs are exempt
(``is_suppressed_when_small``). Nothing here builds suppression SQL: the report and
``csc publish`` read those models, and this module only finds out which threshold a
database was built with, so that a ``--threshold`` given on the command line can be checked
against it.

In a warehouse the threshold is the ``suppression_threshold`` column of
``fct_kpi_values_published``; in a published database it is in the comment of
``fct_kpi_values`` ("counts from 1 to N"), which ``csc publish`` writes.
"""

from __future__ import annotations

import re

import duckdb

from csc.report.warehouse import find_table, table_columns

PUBLISHED_KPI_MODEL = "fct_kpi_values_published"
PUBLISHED_DQ_MODEL = "dq_rule_summary_published"
# The DfE rules run on the statutory returns (csc validate), counts per rule suppressed alike.
PUBLISHED_DFE_MODEL = "dq_dfe_rule_summary_published"
BENCHMARKED_KPI_MODEL = "fct_kpi_values_benchmarked"
THRESHOLD_VAR = "suppression_threshold"

#: How the published database's fct_kpi_values comment states the threshold.
THRESHOLD_COMMENT = "counts from 1 to {threshold}"
_THRESHOLD_IN_COMMENT = re.compile(r"counts from 1 to (\d+)")


class ThresholdError(ValueError):
    """A requested threshold is not the one the database was built with."""


def threshold_comment(threshold: int) -> str:
    return THRESHOLD_COMMENT.format(threshold=threshold)


def _distinct_thresholds(con: duckdb.DuckDBPyConnection, table: str) -> list[int]:
    rows = con.execute(f"select distinct {THRESHOLD_VAR} from {table} order by 1").fetchall()
    return [int(row[0]) for row in rows if row[0] is not None]


def _comment_threshold(con: duckdb.DuckDBPyConnection, catalog: str | None) -> int | None:
    if catalog is None:
        catalog = con.execute("select current_database()").fetchall()[0][0]
    rows = con.execute(
        "select comment from duckdb_tables() where database_name = ? and table_name = 'fct_kpi_values'",
        [catalog],
    ).fetchall()
    for (comment,) in rows:
        match = _THRESHOLD_IN_COMMENT.search(comment or "")
        if match:
            return int(match.group(1))
    return None


def built_threshold(con: duckdb.DuckDBPyConnection, catalog: str | None = None) -> int | None:
    """The threshold the database was suppressed with, or None when it cannot be told.

    A warehouse answers from ``fct_kpi_values_published`` (None when it is empty), a
    published database from its ``fct_kpi_values`` comment.
    """
    table = find_table(con, PUBLISHED_KPI_MODEL, catalog=catalog)
    if table is not None and THRESHOLD_VAR in table_columns(con, table):
        found = _distinct_thresholds(con, table)
        if len(found) > 1:
            raise ThresholdError(f"{PUBLISHED_KPI_MODEL} mixes thresholds {found}: rebuild it")
        return found[0] if found else None
    return _comment_threshold(con, catalog)


def check_threshold(requested: int | None, built: int | None) -> int | None:
    """The threshold to state: ``built``, after checking a ``requested`` one equals it."""
    if requested is None or built is None or requested == built:
        return built if built is not None else requested
    raise ThresholdError(
        f"the warehouse was built with {THRESHOLD_VAR} = {built}, not {requested}: small numbers "
        f"are suppressed in dbt (models/marts/publication), so rebuild with "
        f"`csc build --var {THRESHOLD_VAR}={requested}` to use {requested}"
    )
