"""Small-number suppression rules (shared by the report and the published database).

The rules are the dbt models fct_kpi_values_published and dq_rule_summary_published
(models/marts/publication); these tests run them with dbt on one small file holding every
case below (each case in a month of its own, so that the cases do not meet in a breakdown
group), built once per threshold and session (dbt_models.BUILDS: two builds, thresholds 4
and 10). Their dbt unit tests check the boundaries in the build as well.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest
from dbt_models import BUILDS

# The catalogue of these tests: the HR establishment (staff FTE) KPIs are not suppressed.
NOT_SUPPRESSED_WHEN_SMALL = ("establishment_fte", "vacancy_rate")
MODELS = ("fct_kpi_values_published", "dq_rule_summary_published")

# (kpi_id, breakdown, breakdown_value, numerator, denominator, value, unit) per case.
CASES: dict[str, list[tuple]] = {
    "counts": [("k", "all", f"v{n}", float(n), None, float(n), "count") for n in range(0, 7)],
    "configurable": [("k", "all", "all", 6.0, None, 6.0, "count")],
    "percentages": [
        ("p", "all", "all", 2.0, 50.0, 4.0, "percent"),  # small numerator
        ("q", "all", "all", 3.0, 3.0, 100.0, "percent"),  # small denominator
        ("r", "all", "all", 0.0, 3.0, 0.0, "percent"),  # 0 of 3 reveals the base of 3
        ("s", "all", "all", 0.0, 0.0, None, "percent"),  # empty population: nothing to hide
        ("t", "all", "all", 40.0, 50.0, 80.0, "percent"),
    ],
    # all = 100; NORTH 3 is hidden, so the smallest other cell (SOUTH 20) must be hidden too.
    "secondary": [
        ("k", "all", "all", 100.0, None, 100.0, "count"),
        ("k", "locality", "NORTH", 3.0, None, 3.0, "count"),
        ("k", "locality", "SOUTH", 20.0, None, 20.0, "count"),
        ("k", "locality", "EAST", 77.0, None, 77.0, "count"),
    ],
    "two_suppressed": [
        ("k", "all", "all", 100.0, None, 100.0, "count"),
        ("k", "locality", "NORTH", 3.0, None, 3.0, "count"),
        ("k", "locality", "SOUTH", 2.0, None, 2.0, "count"),
        ("k", "locality", "EAST", 95.0, None, 95.0, "count"),
    ],
    "fte_sums": [("fte", "role", "Team Manager", 2.5, None, 2.5, "count")],
    "staff_fte": [
        ("establishment_fte", "role", "Assistant Team Manager", 1.15, None, 1.15, "count"),
        ("vacancy_rate", "role", "Team Manager", 2.5, 32.0, 7.8125, "percent"),
        ("caseload_average", "all", "all", 3.0, 1.0, 3.0, "ratio"),  # allocations of children: suppressed
    ],
}
DQ_ROWS = [("A", "error", "t", 3, 100, 0.03), ("B", "warn", "t", 0, 100, 0.0), ("C", "error", "t", 50, 100, 0.5)]


def _case_month(case: str) -> dt.date:
    return dt.date(2000 + list(CASES).index(case), 10, 1)


def _write_cases(path: Path) -> None:
    with duckdb.connect(str(path)) as con:
        for schema in ("marts", "reference", "data_quality"):
            con.execute(f"create schema {schema}")
        con.execute(
            """
            create table marts.fct_kpi_values (
                kpi_id varchar, period_month date, period_end date, breakdown varchar,
                breakdown_value varchar, numerator double, denominator double, value double, unit varchar
            )
            """
        )
        for case, rows in CASES.items():
            month = _case_month(case)
            con.executemany(
                "insert into marts.fct_kpi_values values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(row[0], month, month.replace(day=20), *row[1:]) for row in rows],
            )
        con.execute("create table reference.kpi_catalogue (kpi_id varchar, is_suppressed_when_small boolean)")
        kpis = sorted({row[0] for rows in CASES.values() for row in rows})
        con.executemany(
            "insert into reference.kpi_catalogue values (?, ?)",
            [(kpi, kpi not in NOT_SUPPRESSED_WHEN_SMALL) for kpi in kpis],
        )
        con.execute(
            "create table data_quality.dq_rule_summary (rule_id varchar, severity varchar, table_name varchar,"
            " failures integer, rows_checked integer, failure_rate double)"
        )
        con.executemany("insert into data_quality.dq_rule_summary values (?, ?, ?, ?, ?, ?)", DQ_ROWS)


def _built(threshold: int) -> Path:
    return BUILDS.built("disclosure_cases", threshold, _write_cases, MODELS)


def _suppress(case: str, threshold: int = 4) -> dict[tuple[str, str, str], tuple]:
    with duckdb.connect(str(_built(threshold)), read_only=True) as con:
        out = con.execute(
            "select kpi_id, breakdown, breakdown_value, numerator, denominator, value, is_suppressed, suppression_reason "
            "from marts.fct_kpi_values_published where period_month = ?",
            [_case_month(case)],
        ).fetchall()
    return {(r[0], r[1], r[2]): r[3:] for r in out}


def test_counts_from_one_to_threshold_are_suppressed_but_zero_and_five_are_not() -> None:
    out = _suppress("counts")
    for n in range(0, 7):
        numerator, denominator, value, suppressed, reason = out[("k", "all", f"v{n}")]
        if 1 <= n <= 4:
            assert (numerator, value, suppressed, reason) == (None, None, True, "small_number")
        else:
            assert (numerator, value, suppressed, reason) == (n, n, False, None)


def test_threshold_is_configurable() -> None:
    assert _suppress("configurable", threshold=4)[("k", "all", "all")][3] is False
    assert _suppress("configurable", threshold=10)[("k", "all", "all")][3] is True


def test_percentages_with_small_numerator_or_denominator_are_suppressed() -> None:
    out = _suppress("percentages")
    for kpi in ("p", "q", "r"):
        numerator, denominator, value, suppressed, _ = out[(kpi, "all", "all")]
        assert suppressed and numerator is None and denominator is None and value is None, kpi
    assert out[("s", "all", "all")][3] is False
    assert out[("t", "all", "all")] == (40.0, 50.0, 80.0, False, None)


def test_a_lone_suppressed_breakdown_cell_gets_a_secondary_partner() -> None:
    out = _suppress("secondary")
    assert out[("k", "locality", "NORTH")][3:] == (True, "small_number")
    assert out[("k", "locality", "SOUTH")][3:] == (True, "secondary")
    assert out[("k", "locality", "EAST")] == (77.0, None, 77.0, False, None)
    assert out[("k", "all", "all")][3] is False


def test_two_suppressed_cells_need_no_secondary_suppression() -> None:
    out = _suppress("two_suppressed")
    assert out[("k", "locality", "EAST")][3] is False


def test_fte_sums_below_threshold_are_suppressed() -> None:
    out = _suppress("fte_sums")
    assert out[("fte", "role", "Team Manager")][3] is True


def test_dq_failure_counts_are_suppressed() -> None:
    with duckdb.connect(str(_built(4)), read_only=True) as con:
        out = {
            r[0]: r[1:]
            for r in con.execute(
                "select rule_id, failures, failure_rate, is_suppressed from marts.dq_rule_summary_published"
            ).fetchall()
        }
    assert out["A"] == (None, None, True)
    assert out["B"][2] is False and out["C"][:1] == (50,)


@pytest.mark.parametrize("bad", [-1, 2.5, True, "4"])
def test_bad_thresholds_are_rejected(bad: object, tmp_path: Path) -> None:
    # dbt refuses to compile the models (one dbt call each, failing at parse)
    result = BUILDS.run(tmp_path / "warehouse.duckdb", bad, MODELS)
    assert not result.ok
    assert "var suppression_threshold must be a non-negative integer" in "\n".join(result.output)


def test_staff_fte_from_the_hr_return_is_not_suppressed() -> None:
    out = _suppress("staff_fte")
    assert out[("establishment_fte", "role", "Assistant Team Manager")][3] is False
    assert out[("vacancy_rate", "role", "Team Manager")][:4] == (2.5, 32.0, 7.8125, False)
    assert out[("caseload_average", "all", "all")][3] is True
