"""Small-number suppression rules (shared by the report and the published database).

The rules are the dbt models fct_kpi_values_published and dq_rule_summary_published
(models/marts/publication); these tests run the models' own SQL (rendered by dbt_models) on
small tables. Their dbt unit tests check the boundaries in the build as well.
"""

from __future__ import annotations

import duckdb
import pytest
from dbt_models import render_model

# The catalogue of these tests: the HR establishment (staff FTE) KPIs are not suppressed.
NOT_SUPPRESSED_WHEN_SMALL = ("establishment_fte", "vacancy_rate")
RELATIONS = {"fct_kpi_values": "kv", "kpi_catalogue": "catalogue", "dq_rule_summary": "dq"}


def _suppress(rows: list[tuple], threshold: int = 4) -> dict[tuple[str, str, str], tuple]:
    con = duckdb.connect()
    con.execute(
        """
        create table kv (
            kpi_id varchar, period_month date, period_end date, breakdown varchar,
            breakdown_value varchar, numerator double, denominator double, value double, unit varchar
        )
        """
    )
    con.executemany(
        "insert into kv values (?, date '2021-10-01', date '2021-10-20', ?, ?, ?, ?, ?, ?)", rows
    )
    con.execute("create table catalogue (kpi_id varchar, is_suppressed_when_small boolean)")
    con.executemany(
        "insert into catalogue values (?, ?)",
        [(kpi, kpi not in NOT_SUPPRESSED_WHEN_SMALL) for kpi in sorted({row[0] for row in rows})],
    )
    model = render_model("fct_kpi_values_published", {"suppression_threshold": threshold}, RELATIONS)
    out = con.execute(
        f"select kpi_id, breakdown, breakdown_value, numerator, denominator, value, is_suppressed, suppression_reason "
        f"from ({model})"
    ).fetchall()
    return {(r[0], r[1], r[2]): r[3:] for r in out}


def test_counts_from_one_to_threshold_are_suppressed_but_zero_and_five_are_not() -> None:
    rows = [("k", "all", f"v{n}", float(n), None, float(n), "count") for n in range(0, 7)]
    out = _suppress(rows)
    for n in range(0, 7):
        numerator, denominator, value, suppressed, reason = out[("k", "all", f"v{n}")]
        if 1 <= n <= 4:
            assert (numerator, value, suppressed, reason) == (None, None, True, "small_number")
        else:
            assert (numerator, value, suppressed, reason) == (n, n, False, None)


def test_threshold_is_configurable() -> None:
    rows = [("k", "all", "all", 6.0, None, 6.0, "count")]
    assert _suppress(rows, threshold=4)[("k", "all", "all")][3] is False
    assert _suppress(rows, threshold=10)[("k", "all", "all")][3] is True


def test_percentages_with_small_numerator_or_denominator_are_suppressed() -> None:
    rows = [
        ("p", "all", "all", 2.0, 50.0, 4.0, "percent"),  # small numerator
        ("q", "all", "all", 3.0, 3.0, 100.0, "percent"),  # small denominator
        ("r", "all", "all", 0.0, 3.0, 0.0, "percent"),  # 0 of 3 reveals the base of 3
        ("s", "all", "all", 0.0, 0.0, None, "percent"),  # empty population: nothing to hide
        ("t", "all", "all", 40.0, 50.0, 80.0, "percent"),
    ]
    out = _suppress(rows)
    for kpi in ("p", "q", "r"):
        numerator, denominator, value, suppressed, _ = out[(kpi, "all", "all")]
        assert suppressed and numerator is None and denominator is None and value is None, kpi
    assert out[("s", "all", "all")][3] is False
    assert out[("t", "all", "all")] == (40.0, 50.0, 80.0, False, None)


def test_a_lone_suppressed_breakdown_cell_gets_a_secondary_partner() -> None:
    # all = 100; NORTH 3 is hidden, so the smallest other cell (SOUTH 20) must be hidden too.
    rows = [
        ("k", "all", "all", 100.0, None, 100.0, "count"),
        ("k", "locality", "NORTH", 3.0, None, 3.0, "count"),
        ("k", "locality", "SOUTH", 20.0, None, 20.0, "count"),
        ("k", "locality", "EAST", 77.0, None, 77.0, "count"),
    ]
    out = _suppress(rows)
    assert out[("k", "locality", "NORTH")][3:] == (True, "small_number")
    assert out[("k", "locality", "SOUTH")][3:] == (True, "secondary")
    assert out[("k", "locality", "EAST")] == (77.0, None, 77.0, False, None)
    assert out[("k", "all", "all")][3] is False


def test_two_suppressed_cells_need_no_secondary_suppression() -> None:
    rows = [
        ("k", "all", "all", 100.0, None, 100.0, "count"),
        ("k", "locality", "NORTH", 3.0, None, 3.0, "count"),
        ("k", "locality", "SOUTH", 2.0, None, 2.0, "count"),
        ("k", "locality", "EAST", 95.0, None, 95.0, "count"),
    ]
    out = _suppress(rows)
    assert out[("k", "locality", "EAST")][3] is False


def test_fte_sums_below_threshold_are_suppressed() -> None:
    out = _suppress([("fte", "role", "Team Manager", 2.5, None, 2.5, "count")])
    assert out[("fte", "role", "Team Manager")][3] is True


def test_dq_failure_counts_are_suppressed() -> None:
    con = duckdb.connect()
    con.execute(
        "create table dq as select * from (values ('A', 'error', 't', 3, 100, 0.03), ('B', 'warn', 't', 0, 100, 0.0),"
        " ('C', 'error', 't', 50, 100, 0.5)) as t(rule_id, severity, table_name, failures, rows_checked, failure_rate)"
    )
    out = {
        r[0]: r[1:]
        for r in con.execute(
            f"select rule_id, failures, failure_rate, is_suppressed from "
            f"({render_model('dq_rule_summary_published', {'suppression_threshold': 4}, RELATIONS)})"
        ).fetchall()
    }
    assert out["A"] == (None, None, True)
    assert out["B"][2] is False and out["C"][:1] == (50,)


@pytest.mark.parametrize("bad", [-1, 2.5, True, "4"])
def test_bad_thresholds_are_rejected(bad: object) -> None:
    with pytest.raises(ValueError):
        render_model("fct_kpi_values_published", {"suppression_threshold": bad}, RELATIONS)


def test_staff_fte_from_the_hr_return_is_not_suppressed() -> None:
    rows = [
        ("establishment_fte", "role", "Assistant Team Manager", 1.15, None, 1.15, "count"),
        ("vacancy_rate", "role", "Team Manager", 2.5, 32.0, 7.8125, "percent"),
        ("caseload_average", "all", "all", 3.0, 1.0, 3.0, "ratio"),  # allocations of children: suppressed
    ]
    out = _suppress(rows)
    assert out[("establishment_fte", "role", "Assistant Team Manager")][3] is False
    assert out[("vacancy_rate", "role", "Team Manager")][:4] == (2.5, 32.0, 7.8125, False)
    assert out[("caseload_average", "all", "all")][3] is True
