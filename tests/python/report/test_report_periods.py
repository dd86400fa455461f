"""Which month the report shows (csc.report.periods): no warehouse needed."""

from __future__ import annotations

import datetime as dt

import pytest

from csc.report.periods import PeriodError, comparison_label, select_period


def _periods(extract: dt.date, months: int = 4) -> list[dict]:
    rows = []
    first = dt.date(extract.year, extract.month, 1)
    for back in range(months - 1, -1, -1):
        year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
        start = dt.date(year, month + 1, 1)
        following = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        end = extract if start == first else following - dt.timedelta(days=1)
        rows.append({"period_month": start, "period_end": end, "is_latest_period": start == first})
    return rows


def test_the_default_is_the_last_complete_month() -> None:
    chosen = select_period(_periods(dt.date(2021, 10, 20)), None, False)
    assert chosen.period_month == dt.date(2021, 9, 1) and not chosen.is_month_to_date
    assert chosen.month_heading == "September 2021"


def test_an_extract_on_a_month_end_makes_its_month_complete() -> None:
    chosen = select_period(_periods(dt.date(2024, 3, 31)), None, False)
    assert chosen.period_month == dt.date(2024, 3, 1) and not chosen.is_month_to_date
    # --month-to-date on a complete month shows it as a month: there is no part month
    assert not select_period(_periods(dt.date(2024, 3, 31)), None, True).is_month_to_date


@pytest.mark.parametrize("month, flag", [("2021-10", False), (None, True), ("2021-10", True)])
def test_the_extract_month_is_a_month_to_date(month: str | None, flag: bool) -> None:
    chosen = select_period(_periods(dt.date(2021, 10, 20)), month, flag)
    assert chosen.period_month == dt.date(2021, 10, 1) and chosen.is_month_to_date
    assert chosen.month_heading == "October 2021 (month to date, 1\u201320 October)"
    assert chosen.days_label == "1\u201320 October 2021"


def test_month_to_date_with_another_month_is_an_error() -> None:
    with pytest.raises(PeriodError, match="--month 2021-08 names another month"):
        select_period(_periods(dt.date(2021, 10, 20)), "2021-08", True)
    with pytest.raises(PeriodError, match="not a reporting period"):
        select_period(_periods(dt.date(2021, 10, 20)), "2020-01", False)
    with pytest.raises(PeriodError, match="YYYY-MM"):
        select_period(_periods(dt.date(2021, 10, 20)), "2021-13", False)


def test_comparison_labels_follow_the_window() -> None:
    end = dt.date(2021, 9, 20)
    assert comparison_label("month", end) == "on the same days of September (1\u201320 September)"
    assert comparison_label("stock", end) == "on the same day of September (20/09/2021)"
    assert comparison_label("rolling_12m", end) == "on the same day of September (20/09/2021)"
