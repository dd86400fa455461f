"""Which month a report shows, and whether it is a month to date.

The reporting periods are those of ``dim_reporting_periods``: every month to the extract
month, whose period end is the extract date (e.g. 20/10/2021). A report shows:

* by default, the **last complete month**: the latest period whose period end is the last
  day of its month (September 2021 for an extract at 20/10/2021; the extract month itself
  when the extract date is its last day);
* with ``--month YYYY-MM``, that month; when it is the extract month and the extract date is
  not its last day, the month is shown as a **month to date**;
* with ``--month-to-date``, the extract month as a month to date.

A month to date is compared with the same days of the previous month: dbt computes every
KPI at that date (``fct_kpi_values_month_to_date_comparison``: 1-20 September for 1-20
October, a stock as at 20 September, clamped to the previous month's last day), and the
report reads those figures; nothing here computes a KPI.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from csc.report.formatting import date_label, month_label

MONTH_TO_DATE_MODEL = "fct_kpi_values_month_to_date_comparison"


class PeriodError(ValueError):
    """The month asked for is not a reporting period, or cannot be shown as asked."""


def is_month_end(day: dt.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def parse_month(month: str) -> dt.date:
    match = re.fullmatch(r"(\d{4})-(\d{2})", month.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise PeriodError(f"month must be YYYY-MM, got {month!r}")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


@dataclass(frozen=True)
class SelectedPeriod:
    """The period a report shows: its row of dim_reporting_periods and its place there."""

    index: int
    period_month: dt.date
    period_end: dt.date
    is_month_to_date: bool

    @property
    def days_label(self) -> str:
        """'1–20 October 2021' for a month to date, else the month ('September 2021')."""
        if not self.is_month_to_date:
            return month_label(self.period_month)
        return f"1\u2013{self.period_end.day} {self.period_end:%B %Y}"

    @property
    def month_heading(self) -> str:
        """The month as every figure is labelled: 'October 2021 (month to date, 1–20 October)'."""
        if not self.is_month_to_date:
            return month_label(self.period_month)
        return f"{month_label(self.period_month)} (month to date, 1\u2013{self.period_end.day} {self.period_end:%B})"


def select_period(periods: list[dict[str, Any]], month: str | None, month_to_date: bool) -> SelectedPeriod:
    """The period to show, from the rows of dim_reporting_periods (ordered by period_month)."""
    if not periods:
        raise PeriodError("dim_reporting_periods is empty")
    latest_index = max(
        (i for i, p in enumerate(periods) if p["is_latest_period"]), default=len(periods) - 1
    )
    latest = periods[latest_index]
    if month_to_date:
        if month is not None and parse_month(month) != latest["period_month"]:
            raise PeriodError(
                f"--month-to-date shows the extract month ({latest['period_month']:%Y-%m}, data to "
                f"{date_label(latest['period_end'])}); --month {month} names another month: drop one of them"
            )
        index = latest_index
    elif month is None:
        complete = [i for i, p in enumerate(periods) if is_month_end(p["period_end"])]
        index = complete[-1] if complete else latest_index
    else:
        wanted = parse_month(month)
        matches = [i for i, p in enumerate(periods) if p["period_month"] == wanted]
        if not matches:
            first, last = periods[0]["period_month"], periods[-1]["period_month"]
            raise PeriodError(
                f"month {month} is not a reporting period (periods run from {first:%Y-%m} to {last:%Y-%m})"
            )
        index = matches[0]
    row = periods[index]
    partial = index == latest_index and not is_month_end(row["period_end"])
    return SelectedPeriod(index, row["period_month"], row["period_end"], partial)


def comparison_label(window: str | None, comparison_end: dt.date) -> str:
    """How a month to date's change is labelled, by the KPI's window (kpi_catalogue.kpi_window).

    'on 1–20 September' for a count in the month, 'on 20/09/2021' for a stock or a rolling
    window (its figure as at that date).
    """
    if window == "month":
        return f"on the same days of {comparison_end:%B} (1\u2013{comparison_end.day} {comparison_end:%B})"
    return f"on the same day of {comparison_end:%B} ({date_label(comparison_end)})"
