"""The data date each report section states ("Data as at DD/MM/YYYY").

* Every KPI section shows its figures as at the period end P of the month shown (the last
  day of the month, or the extract date for a month to date).
* The workforce section shows the HR establishment return's own date, as the seed pack does
  ("Data last updated: 20/10/2021"): the workforce KPIs are read from the return whose
  ``as_at_date`` is the greatest on or before P (fct_hr_establishment), which may be earlier
  than P (in a published database: its ``dim_hr_returns``). Caseloads are counted from the
  case records at P, so that section shows P.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from csc.report.formatting import date_label
from csc.report.warehouse import find_table

HR_RETURN_MODEL = "fct_hr_establishment"
# its return dates as `csc publish` copies them into the published database
HR_RETURNS_TABLE = "dim_hr_returns"
HR_SECTION = "workforce"


def hr_return_date(con: duckdb.DuckDBPyConnection, period_end: dt.date) -> tuple[bool, dt.date | None]:
    """(the database has the HR returns, the date of the return in force at ``period_end``)."""
    source = find_table(con, HR_RETURN_MODEL) or find_table(con, HR_RETURNS_TABLE)
    if source is None:
        return False, None
    row = con.execute(
        f"select max(as_at_date) from {source} as hr where as_at_date <= ?", [period_end]
    ).fetchall()[0]
    return True, row[0]


def section_data_dates(
    con: duckdb.DuckDBPyConnection,
    section_keys: list[str],
    period_end: dt.date,
    month_to_date_label: str | None = None,
) -> dict[str, str]:
    """section key -> the sentence saying which data date the section shows."""
    as_at = f"Data as at {date_label(period_end)}"
    if month_to_date_label:
        as_at += f" ({month_to_date_label})"
    dates = {key: as_at for key in section_keys}
    if HR_SECTION in dates:
        has_returns, return_date = hr_return_date(con, period_end)
        if not has_returns:
            dates[HR_SECTION] = (
                f"{as_at}; the date of the HR establishment return is not in this database "
                f"(no {HR_RETURN_MODEL} nor {HR_RETURNS_TABLE})"
            )
        elif return_date is None:
            dates[HR_SECTION] = f"No HR establishment return dated on or before {date_label(period_end)}"
        else:
            dates[HR_SECTION] = f"Data as at {date_label(return_date)} (HR establishment return)"
    return dates
