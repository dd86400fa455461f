"""Small-number suppression shared by the HTML report and the published database.

The warehouse keeps exact figures. Whatever leaves it (the report, the published DuckDB)
goes through the SQL built here, so both show the same cells as suppressed.

Rules (threshold ``t``, default 4, see domain notes §8):

* **Primary**: a row whose numerator or denominator is greater than 0 and at most ``t``
  (a count of 1..t, or an FTE sum or base that small).
* **Secondary**: within one KPI, period and breakdown (not ``all``), when exactly one row is
  primary-suppressed, the smallest other row of that breakdown is suppressed too, so the
  hidden cell cannot be recovered as the ``all`` row minus the others.

Exempt: the HR establishment KPIs (``STAFF_FTE_KPIS``). Their figures are budgeted, vacant
and filled FTE of staff roles from the HR return, not counts of children, and councils
publish them unsuppressed (the seed pack's recruitment table shows 1.15 vacant FTE).

A suppressed row keeps its keys and unit, gets ``is_suppressed = true`` and a
``suppression_reason`` (``small_number`` or ``secondary``), and has ``value``, ``numerator``
and ``denominator`` set to null (the denominator too, so that a small base is not shown).
"""

from __future__ import annotations

DEFAULT_THRESHOLD = 4

# KPIs computed from the HR establishment return (staff FTE by role), never suppressed.
STAFF_FTE_KPIS: tuple[str, ...] = (
    "establishment_fte",
    "vacancy_rate",
    "permanent_rate",
    "agency_rate",
    "agency_rate_dfe",
    "vacancy_rate_dfe",
)

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
)

DQ_SUMMARY_COLUMNS: tuple[str, ...] = (
    "rule_id",
    "severity",
    "table_name",
    "failures",
    "rows_checked",
    "failure_rate",
)


def _check_threshold(threshold: int) -> int:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 0:
        raise ValueError(f"suppression threshold must be a non-negative integer, got {threshold!r}")
    return threshold


def _is_small(column: str, threshold: int) -> str:
    return f"coalesce({column} > 0 and {column} <= {threshold}, false)"


def suppressed_kpi_values_sql(source: str, threshold: int = DEFAULT_THRESHOLD) -> str:
    """SQL selecting ``source`` (a fct_kpi_values relation) with suppression applied.

    ``source`` is a trusted relation name (it is interpolated, not bound).
    Output columns: the fct_kpi_values columns, then ``is_suppressed``, ``suppression_reason``.
    """
    t = _check_threshold(threshold)
    cols = ", ".join(KPI_VALUE_COLUMNS)
    return f"""
with source_rows as (
    select {cols}
    from {source}
),

flagged as (
    select
        *,
        kpi_id not in ({", ".join(f"'{kpi}'" for kpi in STAFF_FTE_KPIS)})
            and ({_is_small("numerator", t)} or {_is_small("denominator", t)}) as is_primary
    from source_rows
),

grouped as (
    select
        *,
        sum(case when is_primary then 1 else 0 end) over breakdown_group as primary_in_group,
        count(*) over breakdown_group as rows_in_group,
        row_number() over (
            partition by kpi_id, period_end, breakdown
            order by is_primary, coalesce(denominator, numerator), breakdown_value
        ) as size_rank
    from flagged
    window breakdown_group as (partition by kpi_id, period_end, breakdown)
),

decided as (
    select
        *,
        (
            not is_primary
            and breakdown <> 'all'
            and primary_in_group = 1
            and rows_in_group > 1
            and size_rank = 1
        ) as is_secondary
    from grouped
),

final as (
    select
        kpi_id,
        period_month,
        period_end,
        breakdown,
        breakdown_value,
        case when is_primary or is_secondary then null else numerator end as numerator,
        case when is_primary or is_secondary then null else denominator end as denominator,
        case when is_primary or is_secondary then null else value end as value,
        unit,
        is_primary or is_secondary as is_suppressed,
        case
            when is_primary then 'small_number'
            when is_secondary then 'secondary'
        end as suppression_reason
    from decided
)

select * from final
"""


def suppressed_dq_summary_sql(source: str, threshold: int = DEFAULT_THRESHOLD) -> str:
    """SQL selecting a dq_rule_summary relation with failure counts of 1..t suppressed."""
    t = _check_threshold(threshold)
    small = _is_small("failures", t)
    return f"""
with source_rows as (
    select {", ".join(DQ_SUMMARY_COLUMNS)}
    from {source}
),

final as (
    select
        rule_id,
        severity,
        table_name,
        case when {small} then null else failures end as failures,
        rows_checked,
        case when {small} then null else failure_rate end as failure_rate,
        {small} as is_suppressed
    from source_rows
)

select * from final
"""
