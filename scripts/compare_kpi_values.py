"""Compare fct_kpi_values of two warehouses, row for row and value for value.

A refactoring must not change a figure. Build the demo with the code before and after the
change (same landing folder, same key), then:

    python scripts/compare_kpi_values.py BEFORE.duckdb AFTER.duckdb

It prints the row counts and every difference (a row only in one warehouse, or a row whose
numerator, denominator, value or unit differ), and exits 1 when there is any. Values are
compared exactly: a refactoring that moves a figure in its last bit has changed it.
"""

from __future__ import annotations

import argparse
import sys

import duckdb

KEY = ("kpi_id", "period_month", "period_end", "breakdown", "breakdown_value")
VALUES = ("numerator", "denominator", "value", "unit")


def differences(before: str, after: str, limit: int = 20) -> tuple[int, int, list[tuple]]:
    con = duckdb.connect()
    con.execute(f"attach '{before}' as before_db (read_only)")
    con.execute(f"attach '{after}' as after_db (read_only)")
    table = "marts.fct_kpi_values"
    counts = [con.execute(f"select count(*) from {db}.{table}").fetchone()[0] for db in ("before_db", "after_db")]
    columns = ", ".join(KEY + VALUES)
    rows = con.execute(
        f"""
        with
        before_rows as (select {columns} from before_db.{table}),
        after_rows as (select {columns} from after_db.{table}),
        only_before as (select 'only before' as side, * from (select * from before_rows except all select * from after_rows)),
        only_after as (select 'only after' as side, * from (select * from after_rows except all select * from before_rows))
        select * from only_before union all select * from only_after
        order by kpi_id, period_month, breakdown, breakdown_value, side
        """
    ).fetchall()
    return counts[0], counts[1], rows[:limit] if limit else rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    args = parser.parse_args(argv)
    n_before, n_after, rows = differences(args.before, args.after, limit=0)
    print(f"fct_kpi_values: {n_before} rows before, {n_after} rows after, {len(rows)} rows differ")
    for row in rows[:20]:
        print("  ", row)
    return 1 if rows or n_before != n_after else 0


if __name__ == "__main__":
    sys.exit(main())
