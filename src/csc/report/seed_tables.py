"""The seed pack's two summary tables, laid out as the council's report prints them.

* The **recruitment table** of the workforce section: one row per role, in the seed's order,
  then any other role of the HR return, then GRAND TOTALS: budgeted FTE establishment
  (``establishment_fte``), unfilled vacancies in FTE (the numerator of ``vacancy_rate``),
  % of capacity shortfall (``vacancy_rate``), % permanent (``permanent_rate``) and % agency
  (``agency_rate``), each by ``role`` and ``all``.
* The **CIN summary row** at the top of the children in need section: children on a CIN
  plan now (``cin_children``), their 18-month trend, the cohort trend (``cin_children_change_12m``,
  the change on a year earlier), visit timeliness now (``cin_visit_timeliness``) and by
  locality and by service.

Every figure is read from the KPI rows the report already holds (fct_kpi_values_benchmarked:
suppressed in dbt); nothing is computed here but the layout. A suppressed figure prints as
the suppression symbol.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from csc.report.formatting import SUPPRESSED_SYMBOL, format_number, format_value
from csc.report.labels import BreakdownLabels

# The roles of the seed's recruitment table, in its order (the HR return's role names).
SEED_ROLE_ORDER: tuple[str, ...] = (
    "Team Manager",
    "Assistant Team Manager",
    "Social Worker (Exp & ASYE)",
    "Family Practitioner",
    "Personal Adviser (Care Leavers)",
)
GRAND_TOTALS = "GRAND TOTALS"
RECRUITMENT_COLUMNS: tuple[str, ...] = (
    "Role",
    "Budgeted FTE establishment",
    "Unfilled vacancies (perm & temp)",
    "% of capacity shortfall / vacancies",
    "% permanent",
    "% agency",
)
CIN_COLUMNS: tuple[str, ...] = (
    "Type of plan",
    "Children on plan (current month)",
    "Children on plan: 18-month trend",
    "Cohort trend (change on last year)",
    "Current visit timeliness",
    "Visit timeliness by locality",
    "Visit timeliness by service",
)

Rows = dict[tuple[str, dt.date, str, str], dict[str, Any]]


def _seed_role_rank(role: str) -> tuple[int, bool, str]:
    """Roles in the seed's order (a role recorded without the seed's bracketed detail,
    'Social Worker' for 'Social Worker (Exp & ASYE)', takes that place), then the others
    alphabetically, `unknown` last."""
    for rank, seed_role in enumerate(SEED_ROLE_ORDER):
        if role.lower() in (seed_role.lower(), seed_role.split(" (")[0].lower()):
            return (rank, False, role.lower())
    return (len(SEED_ROLE_ORDER), role == "unknown", role.lower())


def breakdown_value_label(breakdown: str, value: str, labels: BreakdownLabels | None = None) -> str:
    """The label a breakdown value is printed with in these tables: the report's one reference
    of labels (dim_breakdown_labels, csc.report.labels), else the value as recorded."""
    return labels.label(breakdown, value) if labels is not None else value


def _text(row: dict[str, Any] | None, field: str, unit: str) -> str:
    """A field of a KPI row as printed: '–' when there is no row, the symbol when suppressed."""
    if row is None:
        return "–"
    if row["is_suppressed"]:
        return SUPPRESSED_SYMBOL
    number = row["value"] if field == "value" else row[field]
    if unit == "fte":  # FTE as the seed prints it, always two decimals
        return "–" if number is None else f"{number:,.2f}"
    if field == "value":
        return format_value(number, unit)
    return format_number(number)


@dataclass
class RecruitmentRow:
    role: str
    budgeted_fte: str
    vacant_fte: str
    shortfall: str
    permanent: str
    agency: str
    is_total: bool = False

    def cells(self) -> list[str]:
        return [self.role, self.budgeted_fte, self.vacant_fte, self.shortfall, self.permanent, self.agency]


@dataclass
class RecruitmentTable:
    columns: tuple[str, ...]
    rows: list[RecruitmentRow]


def recruitment_table(rows: Rows, month: dt.date, labels: BreakdownLabels | None = None) -> RecruitmentTable | None:
    """The seed's recruitment table for ``month``; None when the month has no HR figures."""
    def get(kpi_id: str, breakdown: str, value: str) -> dict[str, Any] | None:
        return rows.get((kpi_id, month, breakdown, value))

    roles = {key[3] for key in rows if key[0] == "establishment_fte" and key[1] == month and key[2] == "role"}
    total = get("establishment_fte", "all", "all")
    if not roles and (total is None or not total["value"]):
        return None
    ordered = sorted(roles, key=_seed_role_rank)

    def line(label: str, breakdown: str, value: str, is_total: bool = False) -> RecruitmentRow:
        return RecruitmentRow(
            label,
            _text(get("establishment_fte", breakdown, value), "value", "fte"),
            _text(get("vacancy_rate", breakdown, value), "numerator", "fte"),
            _text(get("vacancy_rate", breakdown, value), "value", "percent"),
            _text(get("permanent_rate", breakdown, value), "value", "percent"),
            _text(get("agency_rate", breakdown, value), "value", "percent"),
            is_total,
        )

    table_rows = [line(breakdown_value_label("role", role, labels), "role", role) for role in ordered]
    table_rows.append(line(GRAND_TOTALS, "all", "all", is_total=True))
    return RecruitmentTable(RECRUITMENT_COLUMNS, table_rows)


@dataclass
class LabelledValue:
    label: str
    text: str


@dataclass
class CinSummary:
    columns: tuple[str, ...]
    plan_type: str
    children: str
    trend: list[LabelledValue]  # (month 'Apr 21', count) over the trend months
    trend_text: str
    cohort_trend: str
    visit_timeliness: str
    by_locality: list[LabelledValue]
    by_service: list[LabelledValue]


def _by(rows: Rows, kpi_id: str, month: dt.date, breakdown: str, unit: str,
        labels: BreakdownLabels | None) -> list[LabelledValue]:
    values = sorted(
        {key[3] for key in rows if key[0] == kpi_id and key[1] == month and key[2] == breakdown},
        key=(lambda v: labels.value_key(breakdown, v)) if labels is not None else (lambda v: (v == "unknown", v.lower())),
    )
    return [
        LabelledValue(breakdown_value_label(breakdown, v, labels), _text(rows.get((kpi_id, month, breakdown, v)), "value", unit))
        for v in values
    ]


def cin_summary(rows: Rows, month: dt.date, trend_months: list[dt.date],
                labels: BreakdownLabels | None = None) -> CinSummary | None:
    """The seed's CIN summary row for ``month``; None when the warehouse has no cin_children."""
    children = rows.get(("cin_children", month, "all", "all"))
    if children is None:
        return None
    trend = [
        LabelledValue(f"{m:%b %y}", _text(rows.get(("cin_children", m, "all", "all")), "value", "count"))
        for m in trend_months
    ]
    return CinSummary(
        columns=CIN_COLUMNS,
        plan_type="Child in need plan",
        children=_text(children, "value", "count"),
        trend=trend,
        trend_text=" ".join(point.text for point in trend),
        cohort_trend=_text(rows.get(("cin_children_change_12m", month, "all", "all")), "value", "percent"),
        visit_timeliness=_text(rows.get(("cin_visit_timeliness", month, "all", "all")), "value", "percent"),
        by_locality=_by(rows, "cin_visit_timeliness", month, "locality", "percent", labels),
        by_service=_by(rows, "cin_visit_timeliness", month, "service", "percent", labels),
    )
