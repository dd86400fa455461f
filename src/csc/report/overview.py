"""The report's overview page: every headline KPI in one table.

A headline KPI is the ``all`` row (the figure for the whole authority, no breakdown) of every
KPI of the catalogue that the extract can give, in the catalogue's order and grouped by the
report's sections. Each line shows the value, the change on last month (an arrow for its
direction and better/worse/same as judged in dbt), the benchmarks of the period with their
years, and, only when the authority supplied targets (``csc build --targets``), the RAG status
computed in dbt (fct_kpi_values_benchmarked). Nothing here judges or rates a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from csc.report.benchmarks import row_benchmarks
from csc.report.formatting import SUPPRESSED_SYMBOL, format_change, format_value, rounds_to_zero

RAG_LABELS = {"green": "Green", "amber": "Amber", "red": "Red"}
ARROWS = {"up": "\u25b2", "down": "\u25bc", "flat": "\u25b6"}


@dataclass
class OverviewLine:
    kpi_id: str
    name: str
    value: str
    change_text: str
    direction: str | None  # up, down, flat; None when there is no change to show
    change_judgement: str | None
    benchmarks: list[tuple[str, str]]  # (label with year, figure or "no comparable figure")
    target: str | None
    rag: str | None  # green, amber, red

    @property
    def arrow(self) -> str:
        return ARROWS.get(self.direction or "", "")

    @property
    def rag_label(self) -> str:
        return RAG_LABELS.get(self.rag or "", "")


@dataclass
class OverviewGroup:
    key: str
    title: str
    lines: list[OverviewLine] = field(default_factory=list)


@dataclass
class OverviewView:
    groups: list[OverviewGroup]
    has_targets: bool


def _line(kpi: dict[str, Any], row: dict[str, Any] | None, previous: dict[str, Any] | None,
          judged: bool = True) -> OverviewLine:
    unit = kpi["unit"]
    value = row.get("value") if row else None
    if row is None:
        value_text = "–"
    elif row["is_suppressed"]:
        value_text = SUPPRESSED_SYMBOL
    else:
        value_text = format_value(value, unit)
    before = previous.get("value") if previous and not previous["is_suppressed"] else None
    change_text, direction = "–", None
    if value is not None and before is not None:
        delta = value - before
        change_text = format_change(delta, unit)
        direction = "flat" if rounds_to_zero(delta, unit) else ("up" if delta > 0 else "down")
    target = row.get("target") if row else None
    return OverviewLine(
        kpi_id=kpi["kpi_id"],
        name=kpi["kpi_name"],
        value=value_text,
        change_text=change_text,
        direction=direction,
        change_judgement=row.get("previous_period_comparison") if row and direction and judged else None,
        benchmarks=[(b.label, b.text(unit)) for b in row_benchmarks(row)],
        target=format_value(target, unit) if target is not None else None,
        rag=row.get("rag_status") if row else None,
    )


def build_overview(
    sections: list[tuple[str, str, list[dict[str, Any]]]],
    rows: dict[tuple[str, Any, str, str], dict[str, Any]],
    current_month: Any,
    previous_month: Any,
    same_days: dict[tuple[str, str, str], dict[str, Any]] | None = None,
) -> OverviewView:
    """``sections``: (key, title, catalogue rows of the KPIs shown) in the report's order.

    ``same_days``: for a month to date, the rows at the same days of the previous month
    (keyed kpi_id, breakdown, breakdown_value); the change is taken on them and not judged,
    as in the sections (dbt's judgements compare with the whole previous month).
    """
    groups = []
    for key, title, kpis in sections:
        group = OverviewGroup(key, title)
        for kpi in kpis:
            row = rows.get((kpi["kpi_id"], current_month, "all", "all"))
            if same_days is not None:
                previous = same_days.get((kpi["kpi_id"], "all", "all"))
            else:
                previous = rows.get((kpi["kpi_id"], previous_month, "all", "all")) if previous_month else None
            group.lines.append(_line(kpi, row, previous, judged=same_days is None))
        if group.lines:
            groups.append(group)
    # The RAG column is there only when a target is in force for the month: no targets, no RAG.
    has_targets = any(line.target is not None for group in groups for line in group.lines)
    return OverviewView(groups, has_targets)
