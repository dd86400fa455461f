"""Write the England and Wales bank-holiday seed from the `holidays` package.

The working-day rule of the KPI contract (kpis.md, "Working days") needs every England and
Wales bank holiday, substitute ("observed") days and one-off days included, for every date
the data can hold. This script makes `seeds/reference/ref_bank_holidays.csv` for 1900-2099
from `holidays.country_holidays("GB", subdiv="ENG")`; England and Wales share one calendar.

Why 1900-2099: the calendar must hold any date a real extract can hold for a living child or
worker (a worker's or a care leaver's date of birth, a plan review set years ahead). 1900 is
before any living person's birth, and the package's England calendar is complete from 1872
(the Bank Holidays Act 1871: Easter Monday, Whit Monday, Boxing Day, with Good Friday and
Christmas Day as common-law holidays; New Year's Day from 1974, May Day from 1978), so every
year of the seed is the package's real calendar. A date outside 1900-2099 is not read as a
date (parse_date gives null) and becomes a data-quality finding instead.

The seed is committed, so a build never depends on the package. Regenerate it after
upgrading `holidays` (new one-off days are announced from time to time) and review the diff:

    python scripts/generate_bank_holidays.py           # (re)write the CSV
    python scripts/generate_bank_holidays.py --check   # exit 1 if the committed CSV differs

The package lists a holiday on its own date even when that date is a weekend (for example
Christmas Day on a Saturday) as well as its weekday substitute ("Christmas Day (observed)").
Both are kept: a weekend row changes no working-day count, and it keeps the seed equal to
the package so the check above stays simple.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from pathlib import Path

import holidays

FIRST_YEAR = 1900
LAST_YEAR = 2099
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "seeds" / "reference" / "ref_bank_holidays.csv"
HEADER = ("holiday_date", "holiday_name")

# One-off bank holidays that the calendar must contain (kpis.md, domain notes). A missing
# one means the installed `holidays` package is wrong or too old, so generation stops.
REQUIRED_ONE_OFF_DAYS: dict[dt.date, str] = {
    dt.date(2002, 6, 3): "Golden Jubilee",
    dt.date(2002, 6, 4): "Spring bank holiday moved for the Golden Jubilee",
    dt.date(2011, 4, 29): "Royal wedding",
    dt.date(2012, 6, 4): "Spring bank holiday moved for the Diamond Jubilee",
    dt.date(2012, 6, 5): "Diamond Jubilee",
    dt.date(2020, 5, 8): "Early May bank holiday moved to VE Day",
    dt.date(2022, 6, 2): "Spring bank holiday moved for the Platinum Jubilee",
    dt.date(2022, 6, 3): "Platinum Jubilee",
    dt.date(2022, 9, 19): "State funeral of Queen Elizabeth II",
    dt.date(2023, 5, 8): "Coronation of King Charles III",
}

# Ordinary dates that the one-off days replaced; they must NOT be holidays.
REQUIRED_NON_HOLIDAYS: tuple[dt.date, ...] = (
    dt.date(2002, 5, 27),  # usual spring bank holiday, moved to 4 June
    dt.date(2012, 5, 28),  # usual spring bank holiday, moved to 4 June
    dt.date(2020, 5, 4),  # usual early May bank holiday, moved to 8 May
    dt.date(2022, 5, 30),  # usual spring bank holiday, moved to 2 June
)


def bank_holidays(first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> list[tuple[dt.date, str]]:
    """Return (date, name) for every England and Wales bank holiday in the years, sorted."""
    calendar = holidays.country_holidays(
        "GB", subdiv="ENG", years=range(first_year, last_year + 1), language="en_GB"
    )
    rows = sorted((day, name) for day, name in calendar.items() if first_year <= day.year <= last_year)
    missing = [day for day in REQUIRED_ONE_OFF_DAYS if day not in calendar]
    if missing:
        raise SystemExit(
            "the installed `holidays` package lacks one-off bank holidays: "
            + ", ".join(day.isoformat() for day in missing)
            + " - upgrade it before regenerating the seed"
        )
    wrong = [day for day in REQUIRED_NON_HOLIDAYS if day in calendar]
    if wrong:
        raise SystemExit(
            "the installed `holidays` package lists moved bank holidays on their usual date: "
            + ", ".join(day.isoformat() for day in wrong)
        )
    return rows


def render_csv(rows: list[tuple[dt.date, str]]) -> str:
    """Render the seed as CSV text: header, one row per date, '\\n' line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows((day.isoformat(), name) for day, name in rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 when the CSV differs from what the package gives",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="CSV path (default: the seed)")
    args = parser.parse_args(argv)

    rows = bank_holidays()
    expected = render_csv(rows)

    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != expected:
            state = "is missing" if current is None else "differs from the `holidays` package"
            print(
                f"{args.output} {state} (holidays {holidays.__version__}, {len(rows)} days "
                f"{FIRST_YEAR}-{LAST_YEAR}); run: python scripts/generate_bank_holidays.py",
                file=sys.stderr,
            )
            return 1
        print(f"{args.output} is up to date ({len(rows)} days, holidays {holidays.__version__})")
        return 0

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(expected, encoding="utf-8")
    print(f"wrote {len(rows)} bank holidays {FIRST_YEAR}-{LAST_YEAR} to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
