"""The Great Expectations suites run after `dbt build`: what each checks and how serious it is.

Severity policy (README "Data quality"): an expectation is **critical** when its failure means
the warehouse itself is wrong - a broken key, a KPI outside what its definition allows, a
missing extract date - and then `csc build` fails. It is a **warning** when the failure
describes the source data (unknown codes, unusual values): it is reported and the build goes
on; the record-level detail is in `data_quality.dq_rule_failures`.

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
    """What the staging suite of one table checks."""

    table: str
    key: str | None = None
    child_key: bool = False
    codes: dict[str, str] = field(default_factory=dict)  # code column -> ref_codes code list
    non_negative: tuple[str, ...] = ()
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    exactly_one_row: bool = False


STAGING_TABLES: tuple[TableSpec, ...] = (
    TableSpec("stg_ssd__persons", key="person_id", child_key=True),
    TableSpec("stg_ssd__cin_episodes", key="referral_id", child_key=True,
              codes={"referral_source_code": "referral_source", "primary_need_code": "primary_need",
                     "close_reason_code": "closure_reason"}),
    TableSpec("stg_ssd__cin_assessments", key="assessment_id", child_key=True),
    TableSpec("stg_ssd__cin_plans", key="cin_plan_id", child_key=True),
    TableSpec("stg_ssd__cin_visits", key="cin_visit_id", child_key=True),
    TableSpec("stg_ssd__s47_enquiries", key="s47_enquiry_id", child_key=True),
    TableSpec("stg_ssd__initial_cp_conferences", key="icpc_id", child_key=True),
    TableSpec("stg_ssd__cp_plans", key="cp_plan_id", child_key=True,
              codes={"initial_category_code": "category_of_abuse", "latest_category_code": "category_of_abuse"}),
    TableSpec("stg_ssd__cp_visits", key="cp_visit_id", child_key=True),
    TableSpec("stg_ssd__cla_episodes", key="cla_episode_id", child_key=True,
              codes={"start_reason_code": "reason_new_episode", "primary_need_code": "primary_need",
                     "ceased_reason_code": "reason_episode_ceased"}),
    TableSpec("stg_ssd__legal_statuses", key="legal_status_id", child_key=True,
              codes={"legal_status_code": "legal_status"}),
    TableSpec("stg_ssd__cla_placements", key="cla_placement_id", child_key=True,
              codes={"placement_type_code": "placement_type", "change_reason_code": "placement_change_reason"},
              non_negative=("placement_distance",)),
    TableSpec("stg_ssd__cla_visits", key="cla_visit_id", child_key=True),
    TableSpec("stg_ssd__cla_health_checks", key="health_check_id", child_key=True,
              codes={"health_check_status_code": "health_check_status"}),
    TableSpec("stg_ssd__care_leavers", key="care_leaver_row_id", child_key=True,
              codes={"eligibility_code": "care_leaver_eligibility", "in_touch_code": "care_leaver_in_touch",
                     "accommodation_code": "care_leaver_accommodation", "activity_code": "care_leaver_activity"}),
    TableSpec("stg_ssd__professionals", key="professional_id", ranges={"fte": (0.0, 1.5)},
              non_negative=("recorded_caseload",)),
    TableSpec("stg_ssd__involvements", key="involvement_id", child_key=True),
    TableSpec("stg_ssd__departments", key="team_id"),
    TableSpec("stg_la__team_structures", key="team_id"),
    TableSpec("stg_la__extract_manifests", exactly_one_row=True),
    TableSpec("stg_la__hr_establishment",
              non_negative=("budgeted_fte", "permanent_fte", "fixed_term_fte", "agency_fte", "vacancy_fte")),
)

KPI_TABLE = "fct_kpi_values"
KPI_UNITS = ["count", "percent", "ratio", "rate_per_10k"]


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
    """The suite of one staging table: keys, row numbers, row count, code sets and ranges."""
    e: list[Any] = [
        _severity(gxe.ExpectColumnValuesToNotBeNull(column="landing_row_number"), CRITICAL),
        _severity(gxe.ExpectColumnValuesToBeUnique(column="landing_row_number"), CRITICAL),
    ]
    if spec.exactly_one_row:
        e.append(_severity(gxe.ExpectTableRowCountToEqual(value=1), CRITICAL))
    if spec.key:
        e.append(_severity(gxe.ExpectColumnValuesToNotBeNull(column=spec.key), CRITICAL))
        e.append(_severity(gxe.ExpectColumnValuesToBeUnique(column=spec.key), CRITICAL))
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
    return SuiteSpec(name=spec.table, query=f"select * from staging.{spec.table}", expectations=e,
                     index_columns=["landing_row_number"])


def kpi_suite() -> SuiteSpec:
    """The KPI invariants of fct_kpi_values (kpis.md): any failure here is critical but the last."""
    not_change = Column("is_change") == False  # noqa: E712 (a GX row condition, not a Python test)
    percent = (Column("unit") == "percent") & not_change & (Column("is_hr_ratio") == False)  # noqa: E712
    hr_percent = (Column("unit") == "percent") & (Column("is_hr_ratio") == True)  # noqa: E712
    e: list[Any] = [
        _severity(gxe.ExpectTableRowCountToBeBetween(min_value=1), CRITICAL),
        *[_severity(gxe.ExpectColumnValuesToNotBeNull(column=c), CRITICAL)
          for c in ("kpi_id", "period_month", "period_end", "breakdown", "breakdown_value", "unit", "numerator")],
        _severity(gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["kpi_id", "period_end", "breakdown", "breakdown_value"]), CRITICAL),
        _severity(gxe.ExpectColumnValuesToBeInSet(column="unit", value_set=KPI_UNITS), CRITICAL),
        _severity(gxe.ExpectColumnValuesToBeBetween(
            column="value", min_value=0, max_value=100, row_condition=percent), CRITICAL),
        _severity(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="denominator", column_B="numerator", or_equal=True, ignore_row_if="either_value_is_missing",
            row_condition=percent), CRITICAL),
        _severity(gxe.ExpectColumnValuesToBeBetween(column="denominator", min_value=0), CRITICAL),
        _severity(gxe.ExpectColumnValuesToBeBetween(
            column="numerator", min_value=0, row_condition=not_change), CRITICAL),
        _severity(gxe.ExpectColumnValuesToBeNull(
            column="denominator", row_condition=Column("unit") == "count"), CRITICAL),
        _severity(gxe.ExpectColumnValuesToBeBetween(
            column="value", min_value=0, max_value=100, row_condition=hr_percent), WARNING),
        # a percentage, ratio or rate with a positive denominator has a value
        _severity(gxe.ExpectColumnValuesToNotBeNull(
            column="value", row_condition=(Column("unit") != "count") & (Column("denominator") > 0)), WARNING),
    ]
    flags = ", ".join(f"coalesce(catalogue.{flag}, false) as {flag}" for flag in KPI_CATALOGUE_FLAGS)
    query = (f"select kpi_values.*, {flags} from marts.{KPI_TABLE} as kpi_values "
             "left join reference.kpi_catalogue as catalogue on kpi_values.kpi_id = catalogue.kpi_id")
    return SuiteSpec(name=KPI_TABLE, query=query, expectations=e,
                     index_columns=["kpi_id", "period_end", "breakdown", "breakdown_value"])


def all_suites(codes: dict[str, list[str]], has_table: Callable[[str, str], bool]) -> list[SuiteSpec]:
    """Every suite whose table exists in the warehouse (a missing KPI table is itself a failure)."""
    suites = [staging_suite(spec, codes) for spec in STAGING_TABLES if has_table("staging", spec.table)]
    suites.append(kpi_suite())
    return suites
