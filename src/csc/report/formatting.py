"""How figures are written in the report."""

from __future__ import annotations

import datetime as dt
import math

SUPPRESSED_SYMBOL = "c"
UNIT_LABELS = {
    "count": "count",
    "percent": "%",
    "ratio": "ratio",
    "rate_per_10k": "per 10,000 children",
}
WINDOW_LABELS = {
    "stock": "at the period end",
    "month": "in the month",
    "rolling_12m": "in the 12 months to the period end",
    "rolling_6m": "in the 6 months to the period end",
}


def _is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float | None) -> str:
    """A count or FTE: whole numbers without decimals, others with two."""
    if _is_missing(value):
        return "–"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def format_value(value: float | None, unit: str) -> str:
    if _is_missing(value):
        return "–"
    if unit == "percent":
        return f"{value:.1f}%"
    if unit in ("ratio", "rate_per_10k"):
        return f"{value:,.1f}"
    return format_number(value)


# The decimals a figure of each unit is shown with (a count: none when whole, else two). The
# judgements and RAG statuses of dbt are made at the same decimals (macro display_decimals), so
# a change shown as 0 is judged `same`.
DISPLAY_DECIMALS = {"percent": 1, "ratio": 1, "rate_per_10k": 1, "count": 2}


def rounds_to_zero(delta: float, unit: str) -> bool:
    """Whether a difference is 0 at the decimals its unit is shown with."""
    return round(abs(delta), DISPLAY_DECIMALS.get(unit, 2)) == 0


def format_change(delta: float | None, unit: str) -> str:
    """A signed difference in the KPI's unit (percentage points for percentages); a difference
    that rounds to 0 at the displayed decimals is shown as 0, without a sign."""
    if _is_missing(delta):
        return "–"
    if rounds_to_zero(delta, unit):
        return "0 pp" if unit == "percent" else "0"
    sign = "+" if delta > 0 else "−"
    size = abs(delta)
    if unit == "percent":
        return f"{sign}{size:.1f} pp"
    if unit in ("ratio", "rate_per_10k"):
        return f"{sign}{size:,.1f}"
    return f"{sign}{format_number(size)}"


def month_label(day: dt.date) -> str:
    return day.strftime("%B %Y")


def date_label(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")
