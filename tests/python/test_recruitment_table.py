"""The seed report's recruitment table, reproduced by the warehouse (issue 5).

A landing folder whose HR establishment return (as at 2021-10-20) is rebuilt from the table in
`shared/seed/` (fixture README explains how) is built with dbt; every percentage printed in
the report must come out of `fct_kpi_values` at the printed precision, and the totals must be
348.63 budgeted FTE and 63.36 vacant FTE. The figures are read from the warehouse, not
recomputed here.
"""

from __future__ import annotations

import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pytest

from warehouse_helpers import MINIMAL_LANDING, dbt, make_paths

pytestmark = pytest.mark.slow

HR_RETURN = Path(__file__).parent / "fixtures" / "kpi2" / "recruitment" / "hr_establishment.csv"
PERIOD_END = "2021-10-20"

# role -> (budgeted FTE, % capacity shortfall, % permanent, % agency) as printed in the report
PRINTED = {
    "Team Manager": ("32.00", "7.8", "70.3", "40.6"),
    "Assistant Team Manager": ("14.00", "8.2", "84.6", "35.7"),
    "Social Worker (Exp & ASYE)": ("197.01", "18.3", "58.0", "36.5"),
    "Family Practitioner": ("67.81", "21.0", "91.6", "4.4"),
    "Personal Adviser (Care Leavers)": ("33.81", "15.9", "88.2", "5.9"),
    "all": ("348.63", "18.2", "69.0", "27.2"),
}
PRINTED_VACANT_TOTAL = "63.36"


def printed(value: float, places: str) -> str:
    """A value as the report prints it (half-up rounding to the given places)."""
    return str(Decimal(repr(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP))


@pytest.fixture(scope="module")
def kpis(project_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple]:
    tmp = tmp_path_factory.mktemp("recruitment")
    landing = tmp / "landing"
    shutil.copytree(MINIMAL_LANDING, landing)
    shutil.copyfile(HR_RETURN, landing / "hr_establishment.csv")
    paths = make_paths(project_dir, tmp / "work", landing)
    # seeds and models only: the figures are what is checked here, the data tests run elsewhere
    result = dbt(paths, "build", "--select", "+fct_kpi_values",
                 "--resource-type", "seed", "--resource-type", "model")
    assert result.ok, f"dbt build failed: {result.failure_reason()}"
    with duckdb.connect(str(paths.db_path), read_only=True) as con:
        rows = con.execute(
            """
            select kpi_id, breakdown_value, numerator, denominator, value
            from marts.fct_kpi_values
            where period_end = cast(? as date)
                and kpi_id in ('establishment_fte', 'vacancy_rate', 'permanent_rate', 'agency_rate')
                and breakdown in ('all', 'role')
            """,
            [PERIOD_END],
        ).fetchall()
    return {(kpi_id, role): (numerator, denominator, value) for kpi_id, role, numerator, denominator, value in rows}


@pytest.mark.parametrize("role", list(PRINTED))
def test_budgeted_fte_establishment(kpis, role):
    assert printed(kpis[("establishment_fte", role)][2], "0.01") == PRINTED[role][0]


@pytest.mark.parametrize("role", list(PRINTED))
def test_capacity_shortfall_percent(kpis, role):
    assert printed(kpis[("vacancy_rate", role)][2], "0.1") == PRINTED[role][1]


@pytest.mark.parametrize("role", list(PRINTED))
def test_permanent_percent(kpis, role):
    assert printed(kpis[("permanent_rate", role)][2], "0.1") == PRINTED[role][2]


@pytest.mark.parametrize("role", list(PRINTED))
def test_agency_percent(kpis, role):
    assert printed(kpis[("agency_rate", role)][2], "0.1") == PRINTED[role][3]


def test_total_unfilled_vacancies(kpis):
    numerator, denominator, _ = kpis[("vacancy_rate", "all")]
    assert printed(numerator, "0.01") == PRINTED_VACANT_TOTAL
    assert printed(denominator, "0.01") == PRINTED["all"][0]


def test_the_return_on_or_before_the_period_end_is_used(kpis):
    # six roles of the 2021-10-20 return; the earlier and the later returns are not used
    roles = {role for kpi_id, role in kpis if kpi_id == "establishment_fte" and role != "all"}
    assert roles == set(PRINTED) - {"all"} | {"Other roles (not itemised in the report)"}
