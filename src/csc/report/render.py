"""Render the monthly performance report (`csc report`) from the warehouse.

Reads, read-only, from the dbt warehouse: ``fct_kpi_values_benchmarked`` (the KPI values
with small numbers suppressed, and each figure judged better, worse or the same as its
benchmarks and last month, all done in dbt: models/marts/publication), ``kpi_catalogue``,
``dim_reporting_periods`` and, when present, ``dim_teams``, ``dq_rule_summary_published``,
``dim_kpi_availability`` (the KPIs this extract cannot give, and why: each section says which
of its KPIs are not shown) and ``fct_case_audit_grades_published`` (audits per month, theme and
grade, suppressed in dbt: the case-audit section's grade-distribution chart).
From a published database (``csc publish``) it reads the same relations: its
``fct_kpi_values_benchmarked`` (a copy of the model), ``kpi_catalogue``,
``dq_rule_summary``, ``dim_kpi_availability`` and ``fct_case_audit_grades``. Each KPI is shown in the section its catalogue row names
(``report_section``). Nothing here suppresses or judges a figure, or names a KPI.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import jinja2

from csc.report.charts import (
    Benchmark,
    GradeCount,
    grade_distribution_spec,
    trend_chart_spec,
    vendored_scripts,
)
from csc.report.benchmarks import benchmark_row_columns, row_benchmarks
from csc.report.commentary import SUMMARY_KEY, load_commentary
from csc.report.labels import BreakdownLabels, load_breakdown_labels
from csc.report.disclosure import (
    BENCHMARKED_KPI_MODEL,
    PUBLISHED_DFE_MODEL,
    PUBLISHED_DQ_MODEL,
    ThresholdError,
    built_threshold,
    check_threshold,
)
from csc.report.overview import build_overview
from csc.report.formatting import (
    SUPPRESSED_SYMBOL,
    UNIT_LABELS,
    WINDOW_LABELS,
    date_label,
    format_change,
    format_number,
    format_value,
    month_label,
)
from csc.report.periods import (
    MONTH_TO_DATE_MODEL,
    PeriodError,
    SelectedPeriod,
    comparison_label,
    select_period,
)
from csc.report.section_dates import section_data_dates
from csc.report.seed_tables import cin_summary, recruitment_table
from csc.report.pdf import print_stylesheet
from csc.report.warehouse import fetch_dicts, find_table, open_read_only, require_table, table_columns

TREND_MONTHS = 18
# The case-audit chart (grade distribution by theme) shows the last 12 months.
AUDIT_CHART_MONTHS = 12
AUDIT_SECTION = "case_audits"
AUDIT_GRADES_MODEL = "fct_case_audit_grades_published"
AUDIT_GRADES_PUBLISHED = "fct_case_audit_grades"  # its name in the published database
AVAILABILITY_MODEL = "dim_kpi_availability"


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str


# The seed report's order. Each KPI joins the section its catalogue row names
# (kpi_catalogue.report_section); a section not listed here shows as OTHER_SECTION.
SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("referrals", "Referrals"),
    SectionSpec("assessments", "Assessments"),
    SectionSpec("children_in_need", "Children in need"),
    SectionSpec("child_protection", "Child protection"),
    SectionSpec("children_in_care", "Children in care"),
    SectionSpec("care_leavers", "Care experienced young people"),
    SectionSpec("caseloads", "Caseloads"),
    SectionSpec("workforce", "Workforce"),
    SectionSpec("case_audits", "Case audits"),
    SectionSpec("data_quality", "Data quality"),
)
OTHER_SECTION = SectionSpec("other", "Other measures")


class ReportError(ValueError):
    """The report cannot be produced from this database or these options."""


@dataclass
class Cell:
    value: str
    numerator: str
    denominator: str
    suppressed: bool
    raw_value: float | None


@dataclass
class BreakdownRow:
    label: str
    current: Cell | None
    previous: Cell | None


@dataclass
class BreakdownTable:
    name: str
    label: str
    rows: list[BreakdownRow]


@dataclass
class Comparison:
    label: str
    text: str
    judgement: str | None


@dataclass
class KpiView:
    kpi_id: str
    name: str
    unit: str
    unit_label: str
    window_label: str
    polarity: str
    definition: str
    plain_definition: str
    current: Cell | None
    previous_month: str | None
    change: Comparison | None
    benchmarks: list[Comparison]
    chart_id: str
    chart_spec_json: str | None
    breakdowns: list[BreakdownTable]


@dataclass
class UnavailableKpi:
    kpi_id: str
    name: str
    reason: str

    @property
    def notice(self) -> str:
        return f"Not available: {self.name} \u2014 {self.reason}"


@dataclass
class AuditChartView:
    chart_id: str
    spec_json: str
    themes: list[str]
    first_month: str
    last_month: str
    suppressed_cells: int


@dataclass
class SectionView:
    key: str
    title: str
    kpis: list[KpiView] = field(default_factory=list)
    commentary_html: str | None = None
    # KPIs of the catalogue this extract cannot give (dim_kpi_availability), shown as a notice.
    unavailable: list[UnavailableKpi] = field(default_factory=list)
    audit_chart: AuditChartView | None = None
    # which data date the section shows (section_dates.py)
    data_date: str = ""


@dataclass
class DataQualityView:
    available: bool
    rows: list[dict[str, Any]]
    by_severity: list[tuple[str, int, int]]
    commentary_html: str | None = None
    # The DfE rules run on the statutory returns (csc validate): those that flagged records,
    # and (return, year, ruleset, rules run, rules flagging) per return; empty before validation.
    dfe_rows: list[dict[str, Any]] = field(default_factory=list)
    dfe_returns: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class MonthToDate:
    """A month to date's comparison: the KPI rows at the same days of the previous month
    (fct_kpi_values_month_to_date_comparison), keyed (kpi_id, breakdown, breakdown_value)."""

    period_end: dt.date  # the extract date, the month to date's period end
    comparison_end: dt.date
    rows: dict[tuple[str, str, str], dict[str, Any]]


def _month_to_date(con: duckdb.DuckDBPyConnection, selected: SelectedPeriod) -> MonthToDate:
    source = find_table(con, MONTH_TO_DATE_MODEL)
    if source is None:
        raise ReportError(
            f"the database has no {MONTH_TO_DATE_MODEL} (the figures at the same days of the previous "
            f"month, which a month to date is compared with): rebuild the warehouse with csc build, or "
            f"publish it again with csc publish; or report a complete month (leave out --month-to-date)"
        )
    comparison = fetch_dicts(
        con,
        f"select kpi_id, period_end, breakdown, breakdown_value, numerator, denominator, value, is_suppressed "
        f"from {source} as mtd",
    )
    ends = sorted({r["period_end"] for r in comparison})
    previous_start = (selected.period_month - dt.timedelta(days=1)).replace(day=1)
    if len(ends) != 1 or not previous_start <= ends[0] < selected.period_month:
        raise ReportError(
            f"{source} holds {len(ends)} comparison date(s) ({', '.join(map(str, ends)) or 'none'}), not one "
            f"in the month before {selected.period_month:%Y-%m}: rebuild the warehouse with csc build"
        )
    return MonthToDate(
        selected.period_end, ends[0], {(r["kpi_id"], r["breakdown"], r["breakdown_value"]): r for r in comparison}
    )


# The benchmarks, judgements and RAG status of fct_kpi_values_benchmarked.
JUDGEMENT_COLUMNS: tuple[str, ...] = benchmark_row_columns()


def _kpi_source(con: duckdb.DuckDBPyConnection) -> str:
    """The suppressed KPI values with their judgements: fct_kpi_values_benchmarked.

    The dbt model in a warehouse, its copy in a published database.
    """
    benchmarked = find_table(con, BENCHMARKED_KPI_MODEL)
    if benchmarked is None:
        raise ReportError(
            f"the database has no {BENCHMARKED_KPI_MODEL} (the suppressed KPI values and their "
            "judgements): rebuild the warehouse with csc build, or publish it again with csc publish"
        )
    missing = [c for c in JUDGEMENT_COLUMNS if c not in table_columns(con, benchmarked)]
    if missing:
        raise ReportError(
            f"{BENCHMARKED_KPI_MODEL} has no column(s) {', '.join(missing)} (benchmarks by year, targets): "
            "it was built by an earlier version; rebuild the warehouse with csc build, or publish it again"
        )
    return benchmarked


def _dq_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]] | None:
    source = find_table(con, PUBLISHED_DQ_MODEL)
    if source is None:
        source = find_table(con, "dq_rule_summary")
        if source is None or "is_suppressed" not in table_columns(con, source):
            return None  # no data-quality summary, or only an unsuppressed one
    return fetch_dicts(
        con,
        f"""
        select rule_id, severity, table_name, failures, rows_checked, failure_rate, is_suppressed
        from {source} as dq
        order by
            case lower(severity) when 'error' then 0 when 'warn' then 1 when 'warning' then 1 else 2 end,
            coalesce(failures, 0) desc,
            rule_id,
            table_name
        """,
    )


def _dfe_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Counts per DfE rule (suppressed in dbt), from the warehouse's model or the published copy."""
    source = find_table(con, PUBLISHED_DFE_MODEL)
    if source is None:
        source = find_table(con, "dq_dfe_rule_summary")
        if source is None or "is_suppressed" not in table_columns(con, source):
            return []
    return fetch_dicts(
        con,
        f"""
        select statutory_return, collection_year, ruleset, rule_code, severity, message, records, is_suppressed
        from {source} as dfe
        order by statutory_return, collection_year desc, severity, coalesce(records, 0) desc, rule_code
        """,
    )


def _dfe_views(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rules that flagged records (suppressed counts shown as such) and one line per return."""
    returns: dict[tuple[str, str, str], dict[str, Any]] = {}
    flagged = []
    for row in rows:
        key = (row["statutory_return"], row["collection_year"], row["ruleset"])
        summary = returns.setdefault(key, {"statutory_return": key[0], "collection_year": key[1],
                                           "ruleset": key[2], "rules": 0, "flagging": 0})
        summary["rules"] += 1
        if row["is_suppressed"] or (row["records"] or 0) > 0:
            summary["flagging"] += 1
            flagged.append({**row, "records_text": SUPPRESSED_SYMBOL if row["is_suppressed"]
                            else format_number(row["records"])})
    return flagged, list(returns.values())


def _unavailable_reasons(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """kpi_id -> why the extract cannot give it, from dim_kpi_availability (empty without it)."""
    source = find_table(con, AVAILABILITY_MODEL)
    if source is None:
        return {}
    rows = fetch_dicts(con, f"select kpi_id, unavailable_reason from {source} where not is_available")
    return {r["kpi_id"]: r["unavailable_reason"] or "its landing file was not in the extract" for r in rows}


def _audit_grade_source(con: duckdb.DuckDBPyConnection) -> str | None:
    """The suppressed audit counts: the dbt model in a warehouse, its copy when published."""
    source = find_table(con, AUDIT_GRADES_MODEL)
    if source is None:
        source = find_table(con, AUDIT_GRADES_PUBLISHED)
        if source is None or "is_suppressed" not in table_columns(con, source):
            return None  # none, or only the unsuppressed one
    return source


def _audit_chart(con: duckdb.DuckDBPyConnection, months: list[dt.date]) -> AuditChartView | None:
    """The grade distribution by theme over ``months``; None when there is no audit to show
    (no case_audits file in the extract, or every count suppressed)."""
    source = _audit_grade_source(con)
    if source is None or not months:
        return None
    rows = fetch_dicts(
        con,
        f"""
        select period_month, audit_theme, grade, audit_count, is_suppressed
        from {source} as grades
        where period_month >= ? and period_month <= ?
        order by period_month, audit_theme, grade
        """,
        [months[0], months[-1]],
    )
    counts = [
        GradeCount(r["period_month"], r["audit_theme"], r["grade"], None if r["is_suppressed"] else r["audit_count"])
        for r in rows
    ]
    if not any(c.count is not None for c in counts):
        return None
    spec = grade_distribution_spec(counts, months)
    return AuditChartView(
        chart_id="chart-case-audit-grades",
        spec_json=_json_for_script(spec),
        themes=sorted({c.theme for c in counts if c.count is not None}, key=_sort_key),
        first_month=month_label(months[0]),
        last_month=month_label(months[-1]),
        suppressed_cells=sum(1 for c in counts if c.count is None),
    )


def _cell(row: dict[str, Any] | None, unit: str) -> Cell | None:
    if row is None:
        return None
    if row["is_suppressed"]:
        return Cell(SUPPRESSED_SYMBOL, SUPPRESSED_SYMBOL, SUPPRESSED_SYMBOL, True, None)
    denominator = "" if unit == "count" else format_number(row["denominator"])
    return Cell(
        format_value(row["value"], unit),
        format_number(row["numerator"]),
        denominator,
        False,
        row["value"],
    )


def _benchmarks(row: dict[str, Any] | None, unit: str) -> tuple[list[Comparison], list[Benchmark]]:
    """The row's benchmarks as fct_kpi_values_benchmarked gives them for its period: each
    labelled with its year and source and judged in dbt (or "no comparable figure"), and the
    comparable ones as the chart's rules."""
    views, rules = [], []
    for bench in row_benchmarks(row):
        label = bench.label + (f" ({bench.source})" if bench.source else "")
        views.append(Comparison(label, bench.text(unit), bench.judgement))
        if bench.value is not None:
            rules.append(Benchmark(bench.label, bench.value, bench.source))
    return views, rules


def _sort_key(value: str) -> tuple[int, str]:
    return (1 if value == "unknown" else 0, value.lower())


def _section_for(kpi: dict[str, Any]) -> str:
    """The report section of a KPI: its catalogue row's report_section."""
    section = kpi["report_section"]
    return section if section in {s.key for s in SECTIONS} else OTHER_SECTION.key


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, separators=(",", ":"), default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _build_kpi(
    kpi: dict[str, Any],
    rows: dict[tuple[str, dt.date, str, str], dict[str, Any]],
    trend_months: list[dt.date],
    current_month: dt.date,
    previous_month: dt.date | None,
    labels: BreakdownLabels,
    month_to_date: MonthToDate | None = None,
) -> KpiView:
    kpi_id, unit = kpi["kpi_id"], kpi["unit"]
    polarity = kpi.get("polarity") or "neutral"
    current_row = rows.get((kpi_id, current_month, "all", "all"))
    # better / worse / same, judged in dbt (fct_kpi_values_benchmarked)
    judgements = current_row or {}
    def previous_row_of(breakdown: str, value: str) -> dict[str, Any] | None:
        # a month to date is compared with the same days of the previous month (from dbt)
        if month_to_date is not None:
            return month_to_date.rows.get((kpi_id, breakdown, value))
        return rows.get((kpi_id, previous_month, breakdown, value)) if previous_month else None

    previous_row = previous_row_of("all", "all")
    current = _cell(current_row, unit)
    previous = _cell(previous_row, unit)

    change = None
    change_label, judgement = "on last month", judgements.get("previous_period_comparison")
    previous_label = month_label(previous_month) if previous_month else None
    if month_to_date is not None:
        # no better/worse on a part month: the judgement of dbt is against all of last month
        change_label, judgement = comparison_label(kpi.get("kpi_window"), month_to_date.comparison_end), None
        end = month_to_date.comparison_end
        previous_label = (
            f"1\u2013{end.day} {end:%B %Y}" if kpi.get("kpi_window") == "month" else date_label(end)
        )
    if previous_month is not None or month_to_date is not None:
        # raw_value is None when a figure is suppressed or missing.
        if current and previous and current.raw_value is not None and previous.raw_value is not None:
            delta = current.raw_value - previous.raw_value
            change = Comparison(change_label, format_change(delta, unit), judgement)
        else:
            change = Comparison(change_label, "not available", None)

    benchmark_views, benchmark_rules = _benchmarks(current_row, unit)

    points = []
    for month in trend_months:
        row = rows.get((kpi_id, month, "all", "all"))
        suppressed = bool(row and row["is_suppressed"])
        points.append((month, None if row is None or suppressed else row["value"], suppressed))
    # A chart with no figure at all (all suppressed or missing) is not drawn: Vega would
    # warn about an empty domain, and there is nothing to see.
    has_points = any(value is not None for _, value, _ in points)
    # a month to date is the trend's last point, marked as partial
    partial_months = (
        {current_month: f"month to date (to {date_label(month_to_date.period_end)})"} if month_to_date else None
    )
    spec = trend_chart_spec(points, unit, benchmark_rules, partial_months=partial_months) if has_points else None

    tables: list[BreakdownTable] = []
    names = sorted(
        {key[2] for key in rows if key[0] == kpi_id and key[1] == current_month and key[2] != "all"}
    )
    declared = [b for b in str(kpi.get("breakdowns") or "").split("|") if b and b != "all"]
    names.sort(key=lambda n: labels.breakdown_key(n, declared))
    for name in names:
        values = sorted(
            {key[3] for key in rows if key[0] == kpi_id and key[1] == current_month and key[2] == name},
            key=lambda v, name=name: labels.value_key(name, v),
        )
        table_rows = []
        for value in values:
            table_rows.append(
                BreakdownRow(
                    labels.label(name, value),
                    _cell(rows.get((kpi_id, current_month, name, value)), unit),
                    _cell(previous_row_of(name, value), unit),
                )
            )
        tables.append(BreakdownTable(name, labels.heading(name), table_rows))

    return KpiView(
        kpi_id=kpi_id,
        name=kpi["kpi_name"],
        unit=unit,
        unit_label=UNIT_LABELS.get(unit, unit),
        window_label=WINDOW_LABELS.get(kpi.get("kpi_window") or "", kpi.get("kpi_window") or ""),
        polarity=polarity,
        definition=kpi.get("definition") or "",
        plain_definition=kpi.get("plain_definition") or "",
        current=current,
        previous_month=previous_label,
        change=change,
        benchmarks=benchmark_views,
        chart_id=f"chart-{re.sub(r'[^A-Za-z0-9_-]', '-', kpi_id)}",
        chart_spec_json=_json_for_script(spec) if spec is not None else None,
        breakdowns=tables,
    )


def build_context(
    con: duckdb.DuckDBPyConnection,
    month: str | None,
    commentary: Path | None,
    threshold: int | None = None,
    month_to_date: bool = False,
) -> dict[str, Any]:
    """Everything the template needs, read from an open (read-only) connection.

    ``threshold``, when given, must be the one the database was suppressed with. ``month``
    None is the last complete month; ``month_to_date`` shows the extract month as a month
    to date (periods.py).
    """
    try:
        threshold = check_threshold(threshold, built_threshold(con))
    except ThresholdError as exc:
        raise ReportError(str(exc)) from exc
    if threshold is None:
        raise ReportError(
            "cannot tell the suppression threshold of this database (no fct_kpi_values_published, "
            "nor a published fct_kpi_values comment): rebuild it with csc build"
        )
    periods_table = require_table(con, "dim_reporting_periods")
    periods = fetch_dicts(
        con,
        f"select period_month, period_end, is_latest_period from {periods_table} order by period_month",
    )
    try:
        chosen = select_period(periods, month, month_to_date)
    except PeriodError as exc:
        raise ReportError(str(exc)) from exc
    index = chosen.index
    selected = periods[index]
    mtd = _month_to_date(con, chosen) if chosen.is_month_to_date else None
    trend = [p["period_month"] for p in periods[max(0, index - TREND_MONTHS + 1) : index + 1]]
    current_month = selected["period_month"]
    previous_month = periods[index - 1]["period_month"] if index > 0 else None

    kpi_source = _kpi_source(con)
    value_rows = fetch_dicts(
        con,
        f"""
        select kpi_id, period_month, breakdown, breakdown_value, numerator, denominator, value, is_suppressed,
            {", ".join(JUDGEMENT_COLUMNS)}
        from {kpi_source} as kv
        where period_month >= ? and period_month <= ?
          and (breakdown = 'all' or period_month >= ?)
        """,
        [trend[0], current_month, previous_month or current_month],
    )
    rows = {(r["kpi_id"], r["period_month"], r["breakdown"], r["breakdown_value"]): r for r in value_rows}

    catalogue = fetch_dicts(
        con, f"select * from {require_table(con, 'kpi_catalogue')} order by area_order, kpi_order, kpi_id"
    )
    if catalogue and "report_section" not in catalogue[0]:
        raise ReportError(
            "kpi_catalogue has no report_section column (the section of each KPI): rebuild the "
            "warehouse with csc build, or publish it again with csc publish"
        )
    labels = load_breakdown_labels(con)

    specs = list(SECTIONS)
    if any(_section_for(k) == OTHER_SECTION.key for k in catalogue):
        specs.insert(len(specs) - 1, OTHER_SECTION)
    commentary_html = load_commentary(
        commentary, [s.key for s in specs], {s.key: s.title for s in specs}
    )
    sections = {s.key: SectionView(s.key, s.title, commentary_html=commentary_html.get(s.key)) for s in specs}
    unavailable = _unavailable_reasons(con)
    for kpi in catalogue:
        section = sections[_section_for(kpi)]
        if kpi["kpi_id"] in unavailable:  # left out by the build: say so, do not draw an empty tile
            section.unavailable.append(UnavailableKpi(kpi["kpi_id"], kpi["kpi_name"], unavailable[kpi["kpi_id"]]))
            continue
        section.kpis.append(_build_kpi(kpi, rows, trend, current_month, previous_month, labels, mtd))
    overview = build_overview(
        [(s.key, s.title, [k for k in catalogue if _section_for(k) == s.key and k["kpi_id"] not in unavailable])
         for s in specs],
        rows, current_month, previous_month,
        same_days=mtd.rows if mtd else None,
    )
    data_dates = section_data_dates(
        con, [s.key for s in specs], selected["period_end"], f"month to date: {chosen.days_label}" if mtd else None
    )
    for key, section_view in sections.items():
        section_view.data_date = data_dates[key]
    if AUDIT_SECTION in sections:
        sections[AUDIT_SECTION].audit_chart = _audit_chart(con, trend[-AUDIT_CHART_MONTHS:])

    dq_rows = _dq_rows(con)
    severity_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in dq_rows or []:
        counts = severity_counts[str(row["severity"])]
        counts[0] += 1
        if row["is_suppressed"] or (row["failures"] or 0) > 0:
            counts[1] += 1
    data_quality = DataQualityView(
        available=dq_rows is not None,
        rows=[
            {
                **row,
                "failures_text": SUPPRESSED_SYMBOL if row["is_suppressed"] else format_number(row["failures"]),
                "rows_checked_text": format_number(row["rows_checked"]),
                # Computed from the counts, so it does not matter whether the table's
                # failure_rate is a fraction or a percentage.
                "failure_rate_text": SUPPRESSED_SYMBOL
                if row["is_suppressed"]
                else (
                    f"{100 * float(row['failures']) / float(row['rows_checked']):.2f}%"
                    if row["failures"] is not None and row["rows_checked"]
                    else "–"
                ),
            }
            for row in dq_rows or []
        ],
        by_severity=[(k, v[0], v[1]) for k, v in sorted(severity_counts.items())],
        commentary_html=commentary_html.get("data_quality"),
    )
    data_quality.dfe_rows, data_quality.dfe_returns = _dfe_views(_dfe_rows(con))

    return {
        "title": "Children's Social Care Performance",
        "month_label": chosen.month_heading,
        "is_month_to_date": mtd is not None,
        "month_to_date_note": (
            f"{month_label(current_month)} is not complete: its figures are for {chosen.days_label}, "
            f"compared with the same days of the previous month (to {date_label(mtd.comparison_end)}; "
            "stocks as at that date), with no better/worse judgement; its point on the trend charts is "
            "marked as partial."
        )
        if mtd
        else None,
        "recruitment_table": recruitment_table(rows, current_month, labels),
        "cin_summary": cin_summary(rows, current_month, trend, labels),
        "month_iso": f"{current_month:%Y-%m}",
        "period_end_day": selected["period_end"].day,
        "period_end_label": date_label(selected["period_end"]),
        "data_quality_date": data_dates.get("data_quality", ""),
        "generated_at": dt.datetime.now().strftime("%d/%m/%Y %H:%M"),
        "threshold": threshold,
        "suppressed_symbol": SUPPRESSED_SYMBOL,
        "trend_from": month_label(trend[0]),
        "trend_months": len(trend),
        "summary_html": commentary_html.get(SUMMARY_KEY),
        "overview": overview,
        "sections": [sections[s.key] for s in specs if s.key != "data_quality"],
        "data_quality": data_quality,
        "data_quality_title": "Data quality",
        "scripts": vendored_scripts(),
    }


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("csc.report", "templates"),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(context: dict[str, Any]) -> str:
    env = _environment()
    css = env.loader.get_source(env, "report.css")[0]  # type: ignore[union-attr]
    css += "\n" + print_stylesheet(context)  # the printed layout (csc report --pdf)
    return env.get_template("report.html.j2").render(css=css, **context)


def render_report(
    db_path: Path,
    month: str | None,
    commentary: Path | None,
    out_dir: Path,
    *,
    threshold: int | None = None,
    month_to_date: bool = False,
) -> Path:
    """Write ``csc-report-YYYY-MM.html`` for ``month`` (default: the last complete month) into
    ``out_dir``; a month to date is written as ``csc-report-YYYY-MM-to-DD.html``."""
    db_path = Path(db_path)
    with open_read_only(db_path, ReportError) as con:
        context = build_context(con, month, commentary, threshold, month_to_date=month_to_date)
    html = render_html(context)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = f"-to-{context['period_end_day']:02d}" if context["is_month_to_date"] else ""
    out_path = out_dir / f"csc-report-{context['month_iso']}{suffix}.html"
    tmp_path = out_path.with_name(f".{out_path.name}.{os.getpid()}.tmp")
    tmp_path.write_text(html, encoding="utf-8")
    os.replace(tmp_path, out_path)
    return out_path
