"""The Great Expectations suites run after `dbt build`: what each checks and how serious it is.

One place for each invariant (README "Data quality: dbt tests and Great Expectations"):

- **dbt tests** own keys and contracts: the `not_null` / `unique` key tests of every staging
  model, the enforced contract of `fct_kpi_values` (its columns' `not_null`), its key
  (`unique_combination_of_columns`) and the empty-population rules
  (`assert_empty_populations_follow_the_contract`). They are not checked again here.
- **Great Expectations** adds what a dbt test does not say: ranges, value sets and
  distributions that describe the source data, the KPI value ranges, and the month-to-month
  change in row counts. Where no dbt test holds an invariant yet (landing row numbers of most
  staging tables, the child key of every person id and its format, the one manifest row, the
  KPI units), it stays here until one does.

Severity policy (README "Data quality"): an expectation is **critical** when its failure means
the warehouse itself is wrong - a broken row number or child key, a KPI outside what its
definition allows, a missing extract date - and then `csc build` fails (as a failing dbt test
of severity error does). It is a **warning** when the failure describes the source data
(unknown codes, unusual values, a month with far more or fewer records than the month
before): it is reported and the build goes on; the record-level detail is in
`data_quality.dq_rule_failures`.

A suite is built from the warehouse itself (the canonical codes come from `reference.ref_codes`)
so it always matches the loaded reference data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import great_expectations.expectations as gxe
from great_expectations.expectations.row_conditions import Column

CRITICAL = "critical"
WARNING = "warning"

#: The catalogue (reference.kpi_catalogue) flags, joined to each KPI row of the KPI suite:
#: `is_change` - the value is a change on a year earlier: negative or above 100 is allowed, and
#: its numerator (a difference) is not bounded by its denominator; `is_hr_ratio` - an HR
#: establishment ratio whose numerator and denominator are different columns of the HR return
#: (e.g. permanent FTE over budgeted FTE), so an inconsistent return, or a budget that cannot be
#: read (it "adds nothing", landing.md), can give more than 100%. That describes the source,
#: not a broken warehouse: for these the 0-100 checks are warnings.
KPI_CATALOGUE_FLAGS = ("is_change", "is_hr_ratio")


@dataclass(frozen=True)
class TableSpec:
    """What the staging suite of one table checks (its key is dbt's: `not_null` and `unique`)."""

    table: str
    child_key: bool = False
    codes: dict[str, str] = field(default_factory=dict)  # code column -> ref_codes code list
    non_negative: tuple[str, ...] = ()
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    exactly_one_row: bool = False
    #: dbt tests `landing_row_number` (`not_null`, `unique`) of this model: not checked again here
    row_number_tested_by_dbt: bool = False
    #: the date whose monthly row count is compared month to month (the monthly_row_counts suite)
    event_date: str | None = None


STAGING_TABLES: tuple[TableSpec, ...] = (
    TableSpec("stg_ssd__persons", child_key=True),
    TableSpec("stg_ssd__cin_episodes", child_key=True, event_date="referral_date",
              codes={"referral_source_code": "referral_source", "primary_need_code": "primary_need",
                     "close_reason_code": "closure_reason"}),
    TableSpec("stg_ssd__cin_assessments", child_key=True, event_date="assessment_start_date"),
    TableSpec("stg_ssd__cin_plans", child_key=True, event_date="cin_plan_start_date"),
    TableSpec("stg_ssd__cin_visits", child_key=True, event_date="cin_visit_date"),
    TableSpec("stg_ssd__s47_enquiries", child_key=True, event_date="s47_start_date"),
    TableSpec("stg_ssd__initial_cp_conferences", child_key=True, event_date="icpc_date"),
    TableSpec("stg_ssd__cp_plans", child_key=True, event_date="cp_plan_start_date",
              codes={"initial_category_code": "category_of_abuse", "latest_category_code": "category_of_abuse"}),
    TableSpec("stg_ssd__cp_visits", child_key=True, event_date="cp_visit_date"),
    TableSpec("stg_ssd__cla_episodes", child_key=True, event_date="episode_start_date",
              codes={"start_reason_code": "reason_new_episode", "primary_need_code": "primary_need",
                     "ceased_reason_code": "reason_episode_ceased"}),
    TableSpec("stg_ssd__legal_statuses", child_key=True, event_date="legal_status_start_date",
              codes={"legal_status_code": "legal_status"}),
    TableSpec("stg_ssd__cla_placements", child_key=True, event_date="placement_start_date",
              codes={"placement_type_code": "placement_type", "change_reason_code": "placement_change_reason"},
              non_negative=("placement_distance",)),
    TableSpec("stg_ssd__cla_visits", child_key=True, event_date="cla_visit_date"),
    TableSpec("stg_ssd__cla_health_checks", child_key=True, event_date="health_check_date",
              codes={"health_check_status_code": "health_check_status"}),
    TableSpec("stg_ssd__care_leavers", child_key=True,
              codes={"eligibility_code": "care_leaver_eligibility", "in_touch_code": "care_leaver_in_touch",
                     "accommodation_code": "care_leaver_accommodation", "activity_code": "care_leaver_activity"}),
    TableSpec("stg_ssd__professionals", ranges={"fte": (0.0, 1.5)},
              non_negative=("recorded_caseload",)),
    TableSpec("stg_ssd__involvements", child_key=True, event_date="involvement_start_date"),
    TableSpec("stg_ssd__departments"),
    TableSpec("stg_la__team_structures"),
    TableSpec("stg_la__extract_manifests", exactly_one_row=True, row_number_tested_by_dbt=True),
    TableSpec("stg_la__hr_establishment", row_number_tested_by_dbt=True,
              non_negative=("budgeted_fte", "permanent_fte", "fixed_term_fte", "agency_fte", "vacancy_fte")),
)

KPI_TABLE = "fct_kpi_values"
KPI_UNITS = ["count", "percent", "ratio", "rate_per_10k"]

ROW_COUNTS_SUITE = "monthly_row_counts"
#: complete months before the extract month whose row counts are compared with the month before
ROW_COUNT_MONTHS = 12
#: a month's rows over the month before's: outside this range is a warning
ROW_COUNT_CHANGE = (0.5, 2.0)
#: a month after fewer rows than this is not compared
ROW_COUNT_MIN_PREVIOUS = 20


@dataclass(frozen=True)
class SuiteSpec:
    """One expectation suite: the query giving its frame and its expectations."""

    name: str
    query: str
    expectations: list[Any]
    #: columns that identify a failing row in the messages
    index_columns: list[str] = field(default_factory=list)


def _severity(expectation: Any, severity: str) -> Any:
    expectation.severity = severity
    return expectation


def staging_suite(spec: TableSpec, codes: dict[str, list[str]]) -> SuiteSpec:
    """The suite of one staging table: row numbers, row count, child keys, code sets and ranges."""
    e: list[Any] = []
    if not spec.row_number_tested_by_dbt:
        e.append(_severity(gxe.ExpectColumnValuesToNotBeNull(column="landing_row_number"), CRITICAL))
        e.append(_severity(gxe.ExpectColumnValuesToBeUnique(column="landing_row_number"), CRITICAL))
    if spec.exactly_one_row:
        e.append(_severity(gxe.ExpectTableRowCountToEqual(value=1), CRITICAL))
    if spec.child_key:
        # every staged row with a person id has a pseudonymous key
        e.append(_severity(gxe.ExpectColumnValuesToNotBeNull(
            column="child_key", row_condition=Column("person_id").is_not_null()), CRITICAL))
        e.append(_severity(gxe.ExpectColumnValuesToMatchRegex(column="child_key", regex=r"^[0-9a-f]{64}$"), CRITICAL))
    for column, code_list in spec.codes.items():
        e.append(_severity(gxe.ExpectColumnValuesToBeInSet(column=column, value_set=codes.get(code_list, [])), WARNING))
    for column in spec.non_negative:
        e.append(_severity(gxe.ExpectColumnValuesToBeBetween(column=column, min_value=0), WARNING))
    for column, (low, high) in spec.ranges.items():
        e.append(_severity(gxe.ExpectColumnValuesToBeBetween(column=column, min_value=low, max_value=high), WARNING))
    # Only the columns the expectations read (and the row number naming a failing row): the
    # frame of a wide staging table at national size would not fit in memory with every column.
    columns = ["landing_row_number", *(["child_key", "person_id"] if spec.child_key else []),
               *spec.codes, *spec.non_negative, *spec.ranges]
    select_list = ", ".join(dict.fromkeys(columns))
    return SuiteSpec(name=spec.table, query=f"select {select_list} from staging.{spec.table}", expectations=e,
                     index_columns=["landing_row_number"])


def monthly_row_counts_suite(specs: list[TableSpec]) -> SuiteSpec:
    """Month-to-month change in the row count of each staging table with an event date.

    For the ROW_COUNT_MONTHS complete months before the extract month (the extract month itself
    is partial), a table's rows dated in a month over its rows dated in the month before should
    lie within ROW_COUNT_CHANGE; a month with none counts 0. Months after fewer than
    ROW_COUNT_MIN_PREVIOUS rows are not compared (small numbers vary). A month outside the
    range describes the extract (a month missing or loaded twice, a changed recording
    practice), so it is a warning.
    """
    counts = "\n        union all\n        ".join(
        f"select '{spec.table}' as table_name, cast(date_trunc('month', {spec.event_date}) as date) as month, "
        f"count(*) as row_count from staging.{spec.table} where {spec.event_date} is not null group by all"
        for spec in specs)
    tables = ", ".join(f"('{spec.table}')" for spec in specs)
    query = f"""
    with extract_month as (
        select cast(date_trunc('month', max(extract_date)) as date) as extract_month
        from staging.stg_la__extract_manifests
    ),
    months as (
        select cast(extract_month.extract_month - to_months(cast(steps.step as integer)) as date) as month
        from extract_month, range(1, {ROW_COUNT_MONTHS + 2}) as steps (step)
    ),
    tables as (
        select table_name from (values {tables}) as checked (table_name)
    ),
    counts as (
        {counts}
    ),
    filled as (
        select tables.table_name, months.month, coalesce(counts.row_count, 0) as row_count
        from tables
        cross join months
        left join counts
            on tables.table_name = counts.table_name
            and months.month = counts.month
    ),
    compared as (
        select
            table_name,
            month,
            row_count,
            lag(row_count) over (partition by table_name order by month) as previous_row_count
        from filled
    )
    select
        table_name,
        month,
        row_count,
        previous_row_count,
        cast(row_count as double) / previous_row_count as change_ratio
    from compared
    where previous_row_count is not null
    """
    low, high = ROW_COUNT_CHANGE
    e: list[Any] = [
        _severity(gxe.ExpectColumnValuesToBeBetween(
            column="change_ratio", min_value=low, max_value=high,
            row_condition=Column("previous_row_count") >= ROW_COUNT_MIN_PREVIOUS), WARNING),
    ]
    return SuiteSpec(name=ROW_COUNTS_SUITE, query=query, expectations=e, index_columns=["table_name", "month"])


def kpi_suite() -> SuiteSpec:
    """The KPI ranges of fct_kpi_values (kpis.md): critical, but for the HR ratios (warnings)."""
    not_change = Column("is_change") == False  # noqa: E712 (a GX row condition, not a Python test)
    percent = (Column("unit") == "percent") & not_change & (Column("is_hr_ratio") == False)  # noqa: E712
    hr_percent = (Column("unit") == "percent") & (Column("is_hr_ratio") == True)  # noqa: E712
    e: list[Any] = [
        # not checked here, because dbt does (severity error): the contract's not_null columns,
        # the key (unique_combination_of_columns), a count's null denominator and a value for
        # every non-zero denominator (assert_empty_populations_follow_the_contract)
        _severity(gxe.ExpectTableRowCountToBeBetween(min_value=1), CRITICAL),
        # the units are tested on kpi_catalogue.unit, from which this column is copied
        _severity(gxe.ExpectColumnValuesToBeInSet(column="unit", value_set=KPI_UNITS), CRITICAL),
        _severity(gxe.ExpectColumnValuesToBeBetween(
            column="value", min_value=0, max_value=100, row_condition=percent), CRITICAL),
        _severity(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="denominator", column_B="numerator", or_equal=True, ignore_row_if="either_value_is_missing",
            row_condition=percent), CRITICAL),
        _severity(gxe.ExpectColumnValuesToBeBetween(column="denominator", min_value=0), CRITICAL),
        _severity(gxe.ExpectColumnValuesToBeBetween(
            column="numerator", min_value=0, row_condition=not_change), CRITICAL),
        _severity(gxe.ExpectColumnValuesToBeBetween(
            column="value", min_value=0, max_value=100, row_condition=hr_percent), WARNING),
    ]
    flags = ", ".join(f"coalesce(catalogue.{flag}, false) as {flag}" for flag in KPI_CATALOGUE_FLAGS)
    query = (f"select kpi_values.*, {flags} from marts.{KPI_TABLE} as kpi_values "
             "left join reference.kpi_catalogue as catalogue on kpi_values.kpi_id = catalogue.kpi_id")
    return SuiteSpec(name=KPI_TABLE, query=query, expectations=e,
                     index_columns=["kpi_id", "period_end", "breakdown", "breakdown_value"])


def all_suites(codes: dict[str, list[str]], has_table: Callable[[str, str], bool],
               has_column: Callable[[str, str, str], bool] | None = None) -> list[SuiteSpec]:
    """Every suite whose table exists in the warehouse (a missing KPI table is itself a failure).

    The month-to-month row counts cover the staging tables that exist with their event date
    (``has_column``; without it, every existing table), when there is an extract manifest.
    """
    suites = [staging_suite(spec, codes) for spec in STAGING_TABLES if has_table("staging", spec.table)]
    suites.append(kpi_suite())
    column = has_column or (lambda schema, table, name: True)
    dated = [spec for spec in STAGING_TABLES
             if spec.event_date and has_table("staging", spec.table)
             and column("staging", spec.table, spec.event_date)]
    if dated and has_table("staging", "stg_la__extract_manifests"):
        suites.append(monthly_row_counts_suite(dated))
    return suites
