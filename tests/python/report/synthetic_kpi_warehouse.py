"""A small synthetic warehouse for the report and publish tests (no real data).

It has the shape of the dbt build: marts.fct_kpi_values, reference.kpi_catalogue,
marts.dim_reporting_periods, marts.dim_teams, marts.dim_kpi_availability (every KPI
available), marts.fct_case_audit_grades (audits per month, theme and grade) and, optionally,
data_quality.dq_rule_summary, made here, and the publication models (fct_kpi_values_published,
fct_kpi_values_benchmarked, dq_rule_summary_published, fct_case_audit_grades_published) built
on them by dbt from the project's model files (dbt_models: one dbt call per threshold and
session). It also carries record-level tables
(staging.stg_ssd__persons, marts.dim_children) with identifying columns, which must never
reach the published database.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import duckdb
import pandas as pd
from dbt_models import BUILDS, PUBLICATION_MODELS

# (kpi_id, kpi_area, area_order, kpi_order, name, unit, window, polarity, breakdowns)
CATALOGUE = [
    ("referrals", "referrals", 1, 1, "Referrals", "count", "month", "neutral", "all|locality"),
    ("rereferral_rate", "referrals", 1, 2, "Re-referrals within 12 months", "percent", "rolling_12m", "lower_is_better", "all|locality"),
    ("assessment_timeliness", "assessments", 2, 1, "Assessments within 45 working days", "percent", "month", "higher_is_better", "all|team"),
    ("cin_children", "children_in_need", 3, 1, "Children with a CIN plan", "count", "stock", "neutral", "all|locality|service"),
    ("cp_children", "child_protection", 4, 1, "Children with a CP plan", "count", "stock", "neutral", "all|category_of_abuse"),
    ("cla_children", "children_in_care", 5, 1, "Children looked after", "count", "stock", "neutral", "all"),
    ("care_leavers_in_touch", "care_leavers", 6, 1, "Care leavers in touch", "percent", "stock", "higher_is_better", "all"),
    ("caseload_average", "workforce", 7, 1, "Average caseload", "ratio", "stock", "lower_is_better", "all|service"),
    ("vacancy_rate", "workforce", 7, 2, "Vacancy rate", "percent", "stock", "lower_is_better", "all|role"),
]

# Benchmarks by year (kpi_id, comparator, collection_year, year_end_date, value, source): England
# in reference.benchmarks_england, the others as the authority's file would give them. A year
# ending after the last period (2024-25) is never comparable; the good-LA figure as at the
# extract date is comparable in October 2021 only.
BENCHMARKS = [
    ("rereferral_rate", "england", "2020-21", dt.date(2021, 3, 31), 22.6, "DfE"),
    ("rereferral_rate", "england", "2024-25", dt.date(2025, 3, 31), 30.0, "DfE"),
    ("rereferral_rate", "good_la", "Oct 2021", dt.date(2021, 10, 20), 19.0, "Committee report"),
    ("assessment_timeliness", "england", "2020-21", dt.date(2021, 3, 31), 85.7, "DfE"),
    ("caseload_average", "england", "30 Sep 2021", dt.date(2021, 9, 30), 16.0, "DfE"),
]

# The catalogue flags (is_suppressed_when_small, is_change, is_hr_ratio) of KPIs other than
# (True, False, False): vacancy rate is staff FTE from the HR return, never suppressed.
CATALOGUE_FLAGS = {"vacancy_rate": (False, False, True)}
DEFAULT_FLAGS = (True, False, False)
# The report section (report_section) of a KPI is its area, except the average caseload's.
REPORT_SECTIONS = {"caseload_average": "caseloads"}
# The report's sections in the seed pack's order (test_report_render, test_report_browser); the case-audit section (kpis-inspection.md area 8, present when the
# extract has case_audits) follows the workforce, before data quality.
SECTION_ORDER = [
    "referrals",
    "assessments",
    "children_in_need",
    "child_protection",
    "children_in_care",
    "care_leavers",
    "caseloads",
    "workforce",
    "case_audits",
    "data_quality",
]

# The publication models of the synthetic warehouse: the KPI ones and the audit counts'.
SYNTHETIC_MODELS = (*PUBLICATION_MODELS, "fct_case_audit_grades_published", "dim_breakdown_labels",
                    "fct_kpi_values_month_to_date_comparison")
# The reference seeds dim_breakdown_labels reads, loaded from the project's own CSV files.
LABEL_SEEDS = {"ref_codes": "code_order", "ref_breakdown_bands": "sort_order"}  # seed -> its integer column
SEED_DIR = Path(__file__).resolve().parents[3] / "seeds" / "reference"
AUDIT_THEMES = ("Voice of the child", "Planning", "Management oversight")
AUDIT_GRADES = ("OUTSTANDING", "GOOD", "REQUIRES_IMPROVEMENT", "INADEQUATE", "unknown")

KPI_COLUMNS = [
    "kpi_id", "period_month", "period_end", "breakdown", "breakdown_value",
    "numerator", "denominator", "value", "unit",
]
FIRST_MONTH = dt.date(2020, 1, 1)
MONTHS = 22  # 2020-01 .. 2021-10
EXTRACT_DATE = dt.date(2021, 10, 20)
MONTH_TO_DATE_COMPARISON = "2021-09-20"  # the extract date less one month


def month_start(index: int) -> dt.date:
    year, month = divmod(FIRST_MONTH.month - 1 + index, 12)
    return dt.date(FIRST_MONTH.year + year, month + 1, 1)


def month_end(start: dt.date) -> dt.date:
    following = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _value(unit: str, numerator: float, denominator: float | None) -> float | None:
    if unit == "count":
        return numerator
    if not denominator:
        return None
    return {"percent": 100.0, "ratio": 1.0, "rate_per_10k": 10000.0}[unit] * numerator / denominator


def kpi_rows() -> list[tuple]:
    """Deterministic synthetic values, with some small numbers in every month."""
    rows: list[tuple] = []
    for i in range(MONTHS):
        start = month_start(i)
        end = EXTRACT_DATE if i == MONTHS - 1 else month_end(start)

        def add(kpi: str, unit: str, breakdown: str, value: str, num: float, den: float | None) -> None:
            rows.append((kpi, start, end, breakdown, value, float(num), None if den is None else float(den), _value(unit, num, den), unit))

        wave = int(10 * math.sin(i / 3))
        referrals = {"NORTH": 120 + wave, "SOUTH": 95 + i, "EXETER": 3 if i % 2 else 40}
        add("referrals", "count", "all", "all", sum(referrals.values()), None)
        for loc, n in referrals.items():
            add("referrals", "count", "locality", loc, n, None)
        rerefs = {"NORTH": (30 + i % 5, 600), "SOUTH": (2, 410), "EXETER": (50, 250)}
        add("rereferral_rate", "percent", "all", "all", sum(n for n, _ in rerefs.values()), sum(d for _, d in rerefs.values()))
        for loc, (n, d) in rerefs.items():
            add("rereferral_rate", "percent", "locality", loc, n, d)
        teams = {"T1": (40 + i % 7, 50), "T2": (20, 31), "T3": (1, 3)}
        add("assessment_timeliness", "percent", "all", "all", sum(n for n, _ in teams.values()), sum(d for _, d in teams.values()))
        for team, (n, d) in teams.items():
            add("assessment_timeliness", "percent", "team", team, n, d)
        cin = {"NORTH": 200 + i, "SOUTH": 180, "EXETER": 150 - i}
        add("cin_children", "count", "all", "all", sum(cin.values()), None)
        for loc, n in cin.items():
            add("cin_children", "count", "locality", loc, n, None)
        add("cin_children", "count", "service", "DISABLED CHILDREN SERVICE", 124, None)
        add("cin_children", "count", "service", "unknown", sum(cin.values()) - 124, None)
        cp = {"NEG": 150, "EMO": 90, "PHY": 31, "SAB": 4}
        add("cp_children", "count", "all", "all", sum(cp.values()), None)
        for cat, n in cp.items():
            add("cp_children", "count", "category_of_abuse", cat, n, None)
        # A whole KPI that is small in some months: its 'all' row is suppressed then.
        add("cla_children", "count", "all", "all", 2 if i % 6 == 0 else 640 + i, None)
        # Empty population in the first month: 0/0 gives a null value, not suppressed.
        if i == 0:
            add("care_leavers_in_touch", "percent", "all", "all", 0, 0)
        else:
            add("care_leavers_in_touch", "percent", "all", "all", 150 + i, 180)
        services = {"IRT": (420 + 5 * i, 21.5), "P&T": (300, 20.0)}
        add("caseload_average", "ratio", "all", "all", sum(n for n, _ in services.values()), sum(d for _, d in services.values()))
        for svc, (n, d) in services.items():
            add("caseload_average", "ratio", "service", svc, n, d)
        roles = {"Team Manager": (2.5, 32.0), "Social Worker": (36.05, 197.01)}
        add("vacancy_rate", "percent", "all", "all", sum(n for n, _ in roles.values()), sum(d for _, d in roles.values()))
        for role, (n, d) in roles.items():
            add("vacancy_rate", "percent", "role", role, n, d)
    return rows


def audit_grade_rows() -> list[tuple]:
    """(period_month, period_end, audit_theme, grade, audit_count): deterministic counts,
    small ones (1 to 4) among them; a combination with no audit has no row, as in dbt."""
    rows: list[tuple] = []
    for i in range(MONTHS):
        start = month_start(i)
        end = EXTRACT_DATE if i == MONTHS - 1 else month_end(start)
        for t, theme in enumerate(AUDIT_THEMES):
            for g, grade in enumerate(AUDIT_GRADES):
                count = (3 * i + 5 * t + 7 * g) % 13
                if count:
                    rows.append((start, end, theme, grade, count))
    return rows


def build_warehouse(path: Path, with_dq: bool = True, threshold: int = 4) -> Path:
    """Create the synthetic warehouse at ``path``, suppressed at ``threshold``, and return it.

    A copy of the session's dbt build at ``threshold``; without ``with_dq`` its
    dq_rule_summary and dq_rule_summary_published are dropped.
    """
    BUILDS.copy("synthetic", threshold, write_inputs, path, SYNTHETIC_MODELS)
    if not with_dq:
        with duckdb.connect(str(path)) as con:
            con.execute("drop table marts.dq_rule_summary_published")
            con.execute("drop table data_quality.dq_rule_summary")
            con.execute("checkpoint")
    return path


def write_inputs(path: Path) -> None:
    """The relations the dbt build of the synthetic warehouse starts from."""
    with duckdb.connect(str(path)) as con:
        for schema in ("marts", "reference", "staging", "data_quality"):
            con.execute(f"create schema if not exists {schema}")
        con.execute(
            """
            create table reference.kpi_catalogue (
                kpi_id varchar, kpi_area varchar, area_order integer, kpi_order integer,
                kpi_name varchar, definition varchar, unit varchar, kpi_window varchar,
                polarity varchar, breakdowns varchar,
                is_suppressed_when_small boolean, is_change boolean, is_hr_ratio boolean,
                report_section varchar
            )
            """
        )
        for (kpi, area, ao, ko, name, unit, window, polarity, breakdowns) in CATALOGUE:
            con.execute(
                "insert into reference.kpi_catalogue values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [kpi, area, ao, ko, name, f"Synthetic definition of {name.lower()}.", unit, window, polarity,
                 breakdowns, *CATALOGUE_FLAGS.get(kpi, DEFAULT_FLAGS), REPORT_SECTIONS.get(kpi, area)],
            )
        con.execute(
            "create table reference.benchmarks_england (kpi_id varchar, collection_year varchar, "
            "year_end_date date, benchmark_value double, source varchar)"
        )
        con.execute(
            "create table staging.stg_authority__benchmarks (kpi_id varchar, comparator varchar, "
            "collection_year varchar, year_end_date date, benchmark_value double, benchmark_source varchar)"
        )
        for kpi, comparator, year, year_end, value, source in BENCHMARKS:
            if comparator == "england":
                con.execute("insert into reference.benchmarks_england values (?, ?, ?, ?, ?)",
                            [kpi, year, year_end, value, source])
            else:
                con.execute("insert into staging.stg_authority__benchmarks values (?, ?, ?, ?, ?, ?)",
                            [kpi, comparator, year, year_end, value, source])
        # No targets: tests that need them fill this table and rebuild fct_kpi_values_benchmarked.
        con.execute(
            "create table staging.stg_authority__kpi_targets (kpi_id varchar, target double, "
            "amber_band double, applies_from date)"
        )
        con.execute(
            """
            create table marts.fct_kpi_values (
                kpi_id varchar, period_month date, period_end date, breakdown varchar,
                breakdown_value varchar, numerator double, denominator double, value double,
                unit varchar
            )
            """
        )
        frame = pd.DataFrame(kpi_rows(), columns=KPI_COLUMNS)
        frame["period_month"] = pd.to_datetime(frame["period_month"]).dt.date
        frame["period_end"] = pd.to_datetime(frame["period_end"]).dt.date
        con.register("kpi_frame", frame)  # executemany is slow for a thousand rows
        con.execute(
            "insert into marts.fct_kpi_values "
            "select kpi_id, cast(period_month as date), cast(period_end as date), breakdown, breakdown_value, "
            "numerator, denominator, value, unit from kpi_frame"
        )
        con.unregister("kpi_frame")
        con.execute(
            """
            create table marts.dim_reporting_periods as
            select distinct period_month, period_end, period_month = max(period_month) over () as is_latest_period
            from marts.fct_kpi_values
            """
        )
        con.execute(
            """
            create table marts.dim_teams as
            select * from (values
                ('T1', 'Initial Response North', null, 'NORTH', 'IRT'),
                ('T2', 'Initial Response South', null, 'SOUTH', 'IRT'),
                ('T3', 'Disabled Children East', null, 'EXETER', 'DISABLED CHILDREN SERVICE')
            ) as t(team_id, team_name, parent_team_id, locality, service)
            """
        )
        for seed, order_column in LABEL_SEEDS.items():
            con.execute(
                f"create table reference.{seed} as select * replace (cast({order_column} as integer) as {order_column}) "
                "from read_csv(?, header = true, all_varchar = true)",
                [str(SEED_DIR / f"{seed}.csv")],
            )
        # What the month to date (October, to the 20th) is compared with: every KPI at the same
        # days of September (a third fewer records), as int_kpi_values and int_reporting_periods
        # give fct_kpi_values_month_to_date_comparison in the dbt build.
        con.execute("create schema if not exists intermediate")
        con.execute(
            f"""
            create table intermediate.int_reporting_periods as
            select period_month, period_end, 'month' as period_kind, false as is_month_to_date_comparison
            from marts.dim_reporting_periods
            union all
            select date '2021-09-01', date '{MONTH_TO_DATE_COMPARISON}', 'month_to_date_comparison', true
            """
        )
        con.execute(
            f"""
            create table intermediate.int_kpi_values as
            select * from marts.fct_kpi_values
            union all
            select kpi_id, period_month, date '{MONTH_TO_DATE_COMPARISON}', breakdown, breakdown_value,
                numerator, denominator,
                case unit
                    when 'count' then numerator
                    when 'percent' then 100.0 * numerator / nullif(denominator, 0)
                    when 'ratio' then numerator / nullif(denominator, 0)
                    else 10000.0 * numerator / nullif(denominator, 0)
                end as value,
                unit
            from (
                select * replace (round(numerator * 2 / 3) as numerator)
                from marts.fct_kpi_values
                where period_month = date '2021-09-01'
            ) as september
            """
        )
        con.execute(
            """
            create table marts.dim_kpi_availability as
            select kpi_id, true as is_available, cast(null as varchar) as requires_landing_table,
                cast(null as varchar) as requires_landing_column, cast(null as varchar) as unavailable_reason
            from reference.kpi_catalogue
            """
        )
        con.execute(
            "create table marts.fct_case_audit_grades (period_month date, period_end date, "
            "audit_theme varchar, grade varchar, audit_count bigint)"
        )
        con.executemany("insert into marts.fct_case_audit_grades values (?, ?, ?, ?, ?)", audit_grade_rows())
        # Record-level tables with identifying columns: must never be published.
        con.execute(
            """
            create table staging.stg_ssd__persons as
            select * from (values
                ('P001', 'a1b2', 'Alex', 'Example', date '2010-04-01', 'EX1 1AA'),
                ('P002', 'c3d4', 'Sam', 'Sample', date '2012-09-15', 'EX2 2BB')
            ) as t(person_id, child_key, first_name, surname, birth_date, postcode)
            """
        )
        con.execute(
            "create table marts.dim_children as select child_key, birth_date, 'M' as sex_code from staging.stg_ssd__persons"
        )
        con.execute(
            """
            create table data_quality.dq_rule_summary as
            select * from (values
                ('CIN_8500', 'error', 'ssd_cin_episodes', 12, 1200, 0.01),
                ('CIN_4180', 'warn', 'ssd_cin_assessments', 3, 900, 0.0033),
                ('CLA_103', 'error', 'ssd_cla_episodes', 0, 640, 0.0)
            ) as t(rule_id, severity, table_name, failures, rows_checked, failure_rate)
            """
        )
