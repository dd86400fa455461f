"""Dates as integer day numbers and England working-day arithmetic."""

from __future__ import annotations

import datetime as dt

import holidays
import numpy as np

NA = np.int64(-(10**9))  # missing date sentinel (day number)
EPOCH = dt.date(1970, 1, 1)


def to_day(value: dt.date | str) -> int:
    """Day number (days since 1970-01-01) of a date or ISO string."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return (value - EPOCH).days


def from_day(day: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(day))


def add_years(day: int, years: int) -> int:
    """Same calendar day `years` later (29 Feb clamps to 28 Feb)."""
    d = from_day(day)
    try:
        return to_day(d.replace(year=d.year + years))
    except ValueError:
        return to_day(d.replace(year=d.year + years, day=28))


def add_months_day(day: int, months: int) -> int:
    """add_months of one day number (the same clamping), in plain Python."""
    d = from_day(day)
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return to_day(dt.date(year, month, min(d.day, last)))


def birthday_days(dob: np.ndarray, age: int) -> np.ndarray:
    """Day number of the `age`-th birthday (29 Feb birthdays fall on 1 Mar), vectorised."""
    d = dob.astype("datetime64[D]")
    years = d.astype("datetime64[Y]")
    month_start = d.astype("datetime64[M]")
    month_in_year = (month_start - years.astype("datetime64[M]")).astype(np.int64)
    day_in_month = (d - month_start).astype(np.int64)
    target_month = (years + age).astype("datetime64[M]") + month_in_year
    out = target_month.astype("datetime64[D]") + day_in_month
    # a 29 Feb birthday in a common year rolls into March: keep it (= 1 March)
    return out.astype(np.int64)


def month_ends(first_day: int, last_day: int) -> np.ndarray:
    """Last day of every month whose end lies in [first_day, last_day]."""
    start = np.datetime64(from_day(first_day), "M")
    stop = np.datetime64(from_day(last_day), "M") + 1
    months = np.arange(start, stop, dtype="datetime64[M]")
    ends = ((months + 1).astype("datetime64[D]") - 1).astype(np.int64)
    return ends[(ends >= first_day) & (ends <= last_day)]


class WorkCalendar:
    """Monday-Friday minus England and Wales bank holidays."""

    def __init__(self, first_year: int, last_year: int) -> None:
        hols = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
        self.holidays = np.array(sorted(hols), dtype="datetime64[D]")
        self.cal = np.busdaycalendar(weekmask="1111100", holidays=self.holidays)
        self._holiday_days = set(self.holidays.astype(np.int64).tolist())

    def roll_forward_day(self, day: int) -> int:
        """roll_forward of one day number, without numpy's per-call cost (loops of events)."""
        while (day + 3) % 7 >= 5 or day in self._holiday_days:  # 1970-01-01 was a Thursday
            day += 1
        return day

    def roll_forward(self, days: np.ndarray) -> np.ndarray:
        """The day itself when it is a working day, else the next working day."""
        d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
        return np.busday_offset(d, 0, roll="forward", busdaycal=self.cal).astype(np.int64)

    def add(self, days: np.ndarray, n: np.ndarray | int) -> np.ndarray:
        """The working day n working days after `days` (rolled forward to a working day first)."""
        d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
        return np.busday_offset(d, n, roll="forward", busdaycal=self.cal).astype(np.int64)

    def between(self, d1: np.ndarray, d2: np.ndarray) -> np.ndarray:
        """Working days w with d1 < w <= d2 (the contract's definition)."""
        a = (np.asarray(d1, dtype=np.int64) + 1).astype("datetime64[D]")
        b = (np.asarray(d2, dtype=np.int64) + 1).astype("datetime64[D]")
        return np.busday_count(a, b, busdaycal=self.cal)
